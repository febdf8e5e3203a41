//! The API a script (or the model writing it) reads: TypeScript
//! declarations of everything a script may use under one policy — jsbox's
//! globals (`globals.d.ts`), each visible helper as a typed function in its
//! namespace (from its [`HelperSchema`], with its descriptions as JSDoc),
//! and the platform modules it may import.
//!
//! Schemas are turned into types within bounds (nesting, union sizes, text
//! length): what does not fit, or what TypeScript cannot say, is `unknown`.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value;

use crate::helpers::schema::local_target;
use crate::policy::helpers::{HelperSchema, is_identifier};

/// jsbox's globals beyond the ECMAScript built-ins.
pub(crate) const GLOBALS: &str = include_str!("globals.d.ts");

/// Deepest schema nesting turned into a type; deeper is `unknown`.
const MAX_TYPE_DEPTH: usize = 16;
/// Longest type text for one helper's argument or result.
const MAX_TYPE_CHARS: usize = 64 << 10;
/// Largest `enum` written as a union of literals.
const MAX_UNION: usize = 64;

/// One helper as the declarations show it.
pub(crate) struct Declared<'a> {
    pub(crate) name: &'a str,
    pub(crate) is_async: bool,
    pub(crate) schema: Option<&'a HelperSchema>,
}

/// The whole declarations file.
pub(crate) fn typescript<'a>(helpers: impl IntoIterator<Item = Declared<'a>>, modules: &[&str]) -> String {
    let mut out = String::from(GLOBALS);
    let mut tree = Namespace::default();
    for helper in helpers {
        let parts: Vec<&str> = helper.name.split('.').collect();
        let (last, path) = parts.split_last().expect("a helper name has a part");
        let mut at = &mut tree;
        for part in path {
            at = at.children.entry(part.to_string()).or_default();
        }
        at.functions.insert(last.to_string(), function(&helper));
    }
    if !tree.children.is_empty() || !tree.functions.is_empty() {
        out.push_str("\n// The platform's helpers (this policy's).\n");
    }
    for (name, function) in &tree.functions {
        let _ = writeln!(out, "{}declare const {name}: {};", function.doc(""), function.signature);
    }
    for (name, namespace) in &tree.children {
        let _ = writeln!(out, "declare const {name}: {};", namespace.render(""));
    }
    if !modules.is_empty() {
        out.push_str("\n// The platform's modules the script may import (their exports are not typed here).\n");
        for module in modules {
            let _ = writeln!(out, "declare module {};", Value::from(*module));
        }
    }
    out
}

#[derive(Default)]
struct Namespace {
    children: BTreeMap<String, Namespace>,
    functions: BTreeMap<String, Function>,
}

struct Function {
    description: Option<String>,
    signature: String,
}

impl Function {
    fn doc(&self, indent: &str) -> String {
        match &self.description {
            Some(text) if !text.trim().is_empty() => jsdoc(text, indent),
            _ => String::new(),
        }
    }
}

impl Namespace {
    fn render(&self, indent: &str) -> String {
        let inner = format!("{indent}  ");
        let mut out = String::from("{\n");
        for (name, namespace) in &self.children {
            let _ = writeln!(out, "{inner}{}: {};", key(name), namespace.render(&inner));
        }
        for (name, function) in &self.functions {
            let signature = function.signature.replace('\n', &format!("\n{inner}"));
            let _ = writeln!(out, "{}{inner}{}: {signature};", function.doc(&inner), key(name));
        }
        out.push_str(indent);
        out.push('}');
        out
    }
}

fn function(helper: &Declared) -> Function {
    let wrap = |result: String| if helper.is_async { format!("Promise<{result}>") } else { result };
    let Some(schema) = helper.schema else {
        return Function {
            description: None,
            signature: format!("(...args: unknown[]) => {}", wrap("unknown".into())),
        };
    };
    let input = to_type(&schema.input);
    let result = schema.result.as_ref().map(to_type).unwrap_or_else(|| "unknown".into());
    let optional = !schema.input.get("required").and_then(Value::as_array).is_some_and(|r| !r.is_empty());
    let mut description = schema.description.clone().unwrap_or_default();
    // The argument's own description, where the model reads it.
    if let Some(text) = schema.input.get("description").and_then(Value::as_str) {
        let _ = write!(description, "{}@param args {text}", if description.is_empty() { "" } else { "\n" });
    }
    Function {
        description: Some(description),
        signature: format!("(args{}: {input}) => {}", if optional { "?" } else { "" }, wrap(result)),
    }
}

/// A schema as a TypeScript type, within the bounds.
pub(crate) fn to_type(schema: &Value) -> String {
    let mut converter = Converter { root: schema, budget: MAX_TYPE_CHARS, refs: Vec::new() };
    let text = converter.convert(schema, 0);
    if converter.budget == 0 { "unknown".into() } else { text }
}

struct Converter<'s> {
    root: &'s Value,
    budget: usize,
    refs: Vec<&'s Value>,
}

impl<'s> Converter<'s> {
    fn spend(&mut self, text: String) -> String {
        if text.len() > self.budget {
            self.budget = 0;
            return "unknown".into();
        }
        self.budget -= text.len();
        text
    }

    fn convert(&mut self, schema: &'s Value, depth: usize) -> String {
        if self.budget == 0 || depth > MAX_TYPE_DEPTH {
            return "unknown".into();
        }
        let text = self.convert_here(schema, depth);
        self.spend(text)
    }

    fn convert_here(&mut self, schema: &'s Value, depth: usize) -> String {
        let map = match schema {
            Value::Bool(true) => return "unknown".into(),
            Value::Bool(false) => return "never".into(),
            Value::Object(map) => map,
            _ => return "unknown".into(),
        };
        if let Some(Value::String(reference)) = map.get("$ref") {
            return match local_target(self.root, reference) {
                // A recursive type is left open rather than unrolled.
                Some(target) if !self.refs.iter().any(|seen| std::ptr::eq(*seen, target)) => {
                    self.refs.push(target);
                    let text = self.convert(target, depth + 1);
                    self.refs.pop();
                    text
                }
                _ => "unknown".into(),
            };
        }
        if let Some(constant) = map.get("const") {
            return literal(constant);
        }
        if let Some(Value::Array(values)) = map.get("enum") {
            if !values.is_empty() && values.len() <= MAX_UNION {
                return values.iter().map(literal).collect::<Vec<_>>().join(" | ");
            }
        }
        for (keyword, joiner) in [("anyOf", " | "), ("oneOf", " | "), ("allOf", " & ")] {
            if let Some(Value::Array(items)) = map.get(keyword) {
                if !items.is_empty() && items.len() <= MAX_UNION {
                    let parts: Vec<String> =
                        items.iter().map(|item| format!("({})", self.convert(item, depth + 1))).collect();
                    return parts.join(joiner);
                }
                return "unknown".into();
            }
        }
        let types: Vec<&str> = match map.get("type") {
            Some(Value::String(one)) => vec![one.as_str()],
            Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
            _ if map.contains_key("properties") || map.contains_key("additionalProperties") => vec!["object"],
            _ if map.contains_key("items") || map.contains_key("prefixItems") => vec!["array"],
            _ => return "unknown".into(),
        };
        let parts: Vec<String> = types
            .into_iter()
            .map(|kind| match kind {
                "string" => "string".into(),
                "number" | "integer" => "number".into(),
                "boolean" => "boolean".into(),
                "null" => "null".into(),
                "array" => self.array(map, depth),
                "object" => self.object(map, depth),
                _ => "unknown".into(),
            })
            .collect();
        if parts.is_empty() { "unknown".into() } else { parts.join(" | ") }
    }

    fn array(&mut self, map: &'s serde_json::Map<String, Value>, depth: usize) -> String {
        let tuple = map.get("prefixItems").or_else(|| map.get("items").filter(|items| items.is_array()));
        if let Some(Value::Array(items)) = tuple {
            let parts: Vec<String> = items.iter().take(MAX_UNION).map(|item| self.convert(item, depth + 1)).collect();
            return format!("[{}]", parts.join(", "));
        }
        match map.get("items") {
            Some(items) => format!("({})[]", self.convert(items, depth + 1)),
            None => "unknown[]".into(),
        }
    }

    fn object(&mut self, map: &'s serde_json::Map<String, Value>, depth: usize) -> String {
        let required: Vec<&str> =
            map.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let indent = "  ".repeat(depth + 1);
        let mut out = String::from("{\n");
        for (name, property) in map.get("properties").and_then(Value::as_object).into_iter().flatten() {
            if let Some(text) = property.get("description").and_then(Value::as_str) {
                out.push_str(&jsdoc(text, &indent));
            }
            let optional = if required.contains(&name.as_str()) { "" } else { "?" };
            let _ = writeln!(out, "{indent}{}{optional}: {};", key(name), self.convert(property, depth + 1));
            if self.budget == 0 {
                return "unknown".into();
            }
        }
        match map.get("additionalProperties") {
            Some(Value::Bool(false)) => {}
            Some(Value::Object(_)) if map.get("properties").is_none() => {
                let value = self.convert(&map["additionalProperties"], depth + 1);
                let _ = writeln!(out, "{indent}[key: string]: {value};");
            }
            _ if map.get("properties").is_none() => {
                let _ = writeln!(out, "{indent}[key: string]: unknown;");
            }
            _ => {}
        }
        out.push_str(&"  ".repeat(depth));
        out.push('}');
        out
    }
}

/// A JSON value as a TypeScript literal type.
fn literal(value: &Value) -> String {
    match value {
        Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null => value.to_string(),
        _ => "unknown".into(),
    }
}

/// A property name, quoted unless it is an identifier.
fn key(name: &str) -> String {
    if is_identifier(name) { name.to_string() } else { Value::from(name).to_string() }
}

/// A description as a JSDoc comment (which it can never close early).
fn jsdoc(text: &str, indent: &str) -> String {
    let text = text.replace("*/", "*\\/");
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= 1 {
        return format!("{indent}/** {} */\n", text.trim());
    }
    let mut out = format!("{indent}/**\n");
    for line in lines {
        let _ = writeln!(out, "{indent} * {}", line.trim_end());
    }
    let _ = writeln!(out, "{indent} */");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn schemas_become_types() {
        let schema = json!({"type": "object", "required": ["id"], "properties": {
            "id": {"type": "integer", "description": "The customer's id."},
            "tags": {"type": "array", "items": {"type": "string"}},
            "kind": {"enum": ["a", "b"]},
            "when": {"type": ["string", "null"]},
            "odd name": {"const": 3}
        }});
        let text = to_type(&schema);
        for expected in [
            "/** The customer's id. */",
            "id: number;",
            "tags?: (string)[];",
            "kind?: \"a\" | \"b\";",
            "when?: string | null;",
            "\"odd name\"?: 3;",
        ] {
            assert!(text.contains(expected), "{expected} in {text}");
        }
    }

    #[test]
    fn recursive_huge_and_hostile_schemas_stay_bounded() {
        let tree = json!({"$defs": {"n": {"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/n"}}}}}, "$ref": "#/$defs/n"});
        assert!(to_type(&tree).contains("kids?: (unknown)[];"), "{}", to_type(&tree));
        let mut defs = serde_json::Map::new();
        for i in 0..40 {
            let next = format!("#/$defs/d{}", i + 1);
            defs.insert(
                format!("d{i}"),
                json!({"type": "object", "properties": {"a": {"$ref": next}, "b": {"$ref": next}}}),
            );
        }
        let bomb = json!({"$defs": defs, "$ref": "#/$defs/d0"});
        assert_eq!(to_type(&bomb), "unknown", "2^40 parts do not fit: the type is left open");
        let closing = json!({"type": "object", "properties": {"x": {"type": "string", "description": "*/ declare const evil: 1; /*"}}});
        assert!(!to_type(&closing).contains("*/ declare"), "{}", to_type(&closing));
        let big: Vec<u32> = (0..1000).collect();
        assert_eq!(to_type(&json!({"enum": big})), "unknown");
    }

    #[test]
    fn helpers_are_namespaced_functions() {
        let schema =
            HelperSchema::new(json!({"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]}))
                .with_result(json!({"type": "object", "properties": {"name": {"type": "string"}}}))
                .with_description("Looks a customer up.");
        let text = typescript(
            [
                Declared { name: "crm.lookup", is_async: true, schema: Some(&schema) },
                Declared { name: "crm.notes.add", is_async: false, schema: None },
                Declared { name: "double", is_async: false, schema: None },
            ],
            &["platform/util"],
        );
        assert!(text.starts_with(GLOBALS));
        assert!(
            text.contains("declare const crm: {\n  notes: {\n    add: (...args: unknown[]) => unknown;\n  };\n"),
            "{text}"
        );
        assert!(text.contains("  /** Looks a customer up. */\n  lookup: (args: {\n"), "{text}");
        assert!(text.contains("  }) => Promise<{\n"), "{text}");
        assert!(text.contains("declare const double: (...args: unknown[]) => unknown;"), "{text}");
        assert!(text.contains("declare module \"platform/util\";"), "{text}");
    }
}
