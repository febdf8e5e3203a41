//! Typed helpers: a [`HelperSchema`] compiled once into validators, and the
//! bounds that keep a hostile schema (an MCP server's, say) or a hostile
//! argument (the script's) from costing more than a bounded amount of time:
//! schemas are capped in size and nesting, checked for `$ref` patterns that
//! make validation exponential in the argument's depth, and compiled
//! offline (a remote `$ref` is an error, never a fetch) with a linear-time
//! regex engine; arguments are capped in depth.

use std::sync::{Arc, LazyLock};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::policy::helpers::HelperSchema;

/// Largest schema (the argument's, the result's) as JSON text.
pub const MAX_SCHEMA_BYTES: usize = 256 << 10;
/// Deepest nesting of a schema's JSON.
pub const MAX_SCHEMA_DEPTH: usize = 64;
/// Schema nodes visited with every `$ref` expanded once (cycles cut).
const MAX_EXPANDED: u32 = 50_000;
/// `$ref`s followed inside one another while expanding.
const MAX_REF_NESTING: usize = 64;
/// Deepest argument (or result) a typed helper takes: validation walks it.
pub const MAX_VALUE_DEPTH: usize = 128;
/// Longest error text taken from the validator (it may quote the value).
const MAX_MESSAGE: usize = 512;
/// Schema parts times values of the argument checked against them: what one
/// check may cost at most (validation visits each value with the parts that
/// apply to it).
const MAX_CHECK_WORK: u64 = 200_000_000;

/// A helper's schema with its validators, shared by every execution.
pub(crate) struct Typed {
    pub(crate) schema: HelperSchema,
    input: Checker,
    result: Option<Checker>,
}

/// A compiled schema and its size with `$ref`s expanded.
struct Checker {
    validator: jsonschema::Validator,
    parts: u32,
}

impl std::fmt::Debug for Typed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Typed").field("schema", &self.schema).finish_non_exhaustive()
    }
}

impl Typed {
    /// Checks and compiles `schema`; the error says what is wrong with it.
    pub(crate) fn compile(schema: HelperSchema) -> Result<Typed, String> {
        let input = Checker::new(&schema.input).map_err(|why| format!("its input schema {why}"))?;
        let result = match &schema.result {
            Some(result) => Some(Checker::new(result).map_err(|why| format!("its result schema {why}"))?),
            None => None,
        };
        if schema.description.as_ref().is_some_and(|d| d.len() > MAX_SCHEMA_BYTES) {
            return Err(format!("its description is over {MAX_SCHEMA_BYTES} bytes"));
        }
        Ok(Typed { schema, input, result })
    }

    /// The compiled form of a policy's schema, from a cache shared by the
    /// process: a service's policy arrives with every request.
    pub(crate) fn cached(schema: &HelperSchema) -> Result<Arc<Typed>, String> {
        static CACHE: LazyLock<quick_cache::sync::Cache<[u8; 32], Arc<Typed>>> =
            LazyLock::new(|| quick_cache::sync::Cache::new(256));
        let key: [u8; 32] = Sha256::digest(serde_json::to_vec(schema).unwrap_or_default()).into();
        if let Some(typed) = CACHE.get(&key) {
            return Ok(typed);
        }
        let typed = Arc::new(Typed::compile(schema.clone())?);
        CACHE.insert(key, typed.clone());
        Ok(typed)
    }

    /// The script's arguments as the helper takes them: one object, checked
    /// (`Err`: why not, for the script's `invalid-args` error).
    pub(crate) fn check_args(&self, mut args: Vec<Value>) -> Result<Vec<Value>, String> {
        let argument = match args.len() {
            0 => Value::Object(Default::default()),
            1 => args.pop().unwrap_or_default(),
            n => return Err(format!("takes one argument, an object of named parameters (it was given {n})")),
        };
        self.input.check(&argument).map_err(|why| format!("invalid argument {why}"))?;
        Ok(vec![argument])
    }

    /// The helper's result, checked against the result schema if it has one
    /// (`Err`: why not, for the script's `invalid-result` error).
    pub(crate) fn check_result(&self, result: &Value) -> Result<(), String> {
        match &self.result {
            Some(checker) => checker.check(result).map_err(|why| format!("the helper's result {why}")),
            None => Ok(()),
        }
    }
}

impl Checker {
    fn new(schema: &Value) -> Result<Checker, String> {
        let parts = bounded(schema)?;
        let validator = jsonschema::options()
            .with_pattern_options(jsonschema::PatternOptions::regex())
            .build(schema)
            .map_err(|e| format!("is not a valid JSON Schema: {e}"))?;
        Ok(Checker { validator, parts })
    }

    /// `Err("at /path: what")` for the first violation.
    fn check(&self, value: &Value) -> Result<(), String> {
        let (deepest, values) = measure(value);
        if deepest > MAX_VALUE_DEPTH {
            return Err(format!("is nested more than {MAX_VALUE_DEPTH} levels deep (the limit for typed helpers)"));
        }
        if values.saturating_mul(u64::from(self.parts)) > MAX_CHECK_WORK {
            return Err(format!(
                "is too large to check against its schema ({values} values × {} schema parts)",
                self.parts
            ));
        }
        // `is_valid` caches recursive `$ref`s; the message comes from a
        // second pass only when there is something to report.
        if self.validator.is_valid(value) {
            return Ok(());
        }
        self.validator.validate(value).map_err(|error| {
            let path = error.instance_path().to_string();
            let path = if path.is_empty() { "/".to_string() } else { path };
            let mut what = error.to_string();
            if what.len() > MAX_MESSAGE {
                what.truncate(what.floor_char_boundary(MAX_MESSAGE));
                what.push_str("… [clipped]");
            }
            format!("at {path}: {what}")
        })
    }
}

/// Nesting of a JSON value, without recursion.
fn depth(value: &Value) -> usize {
    measure(value).0
}

/// Nesting and number of values of a JSON value, without recursion.
fn measure(value: &Value) -> (usize, u64) {
    let mut deepest = 0;
    let mut values = 0u64;
    let mut stack = vec![(value, 1)];
    while let Some((value, level)) = stack.pop() {
        deepest = deepest.max(level);
        values += 1;
        match value {
            Value::Array(items) => stack.extend(items.iter().map(|v| (v, level + 1))),
            Value::Object(map) => stack.extend(map.values().map(|v| (v, level + 1))),
            _ => {}
        }
    }
    (deepest, values)
}

/// Size, nesting and `$ref` expansion of one schema: the number of parts
/// with its `$ref`s expanded.
fn bounded(schema: &Value) -> Result<u32, String> {
    if depth(schema) > MAX_SCHEMA_DEPTH {
        return Err(format!("is nested more than {MAX_SCHEMA_DEPTH} levels deep"));
    }
    let bytes = serde_json::to_vec(schema).map(|v| v.len()).unwrap_or(usize::MAX);
    if bytes > MAX_SCHEMA_BYTES {
        return Err(format!("is {bytes} bytes of JSON, over the limit of {MAX_SCHEMA_BYTES}"));
    }
    let mut walk = Expansion { root: schema, visited: 0, frames: Vec::new() };
    walk.expand(schema, &mut Vec::new())?;
    Ok(walk.visited)
}

/// One step into the argument: a named member, any member, an index, any
/// item, or a member's name (`propertyNames`).
#[derive(Clone, PartialEq)]
enum Step {
    Member(String),
    AnyMember,
    Index(usize),
    AnyItem,
    Name,
}

impl Step {
    /// Whether both steps can lead to the same part of an argument.
    fn overlaps(&self, other: &Step) -> bool {
        use Step::*;
        match (self, other) {
            (Member(a), Member(b)) => a == b,
            (Index(a), Index(b)) => a == b,
            (Member(_) | AnyMember, Member(_) | AnyMember) => true,
            (Index(_) | AnyItem, Index(_) | AnyItem) => true,
            (Name, Name) => true,
            _ => false,
        }
    }
}

/// A `$ref` target being expanded: where in the argument it was entered, and
/// the places (relative to that) where it refers back to itself.
struct Frame<'s> {
    target: &'s Value,
    entered_at: usize,
    back_edges: Vec<Vec<Step>>,
}

/// The schema walked with `$ref`s expanded, to find what makes validation
/// blow up: a `$ref` web that expands to a huge tree (each reference is
/// evaluated again), or a recursive schema that refers back to itself twice
/// at the same place of the argument (each level of the argument doubles
/// the work: `{"properties": {"a": {"allOf": [{"$ref": "#"}, {"$ref": "#"}]}}}`).
struct Expansion<'s> {
    root: &'s Value,
    visited: u32,
    frames: Vec<Frame<'s>>,
}

const TOO_COMPLEX: &str = "is too complex: with its $refs expanded it has more than 50,000 parts";

impl<'s> Expansion<'s> {
    fn expand(&mut self, schema: &'s Value, at: &mut Vec<Step>) -> Result<(), String> {
        // Nesting is bounded (schema depth × $ref nesting), but deeper than
        // a small thread's stack should take: grow it on the heap instead.
        stacker::maybe_grow(32 << 10, 1 << 20, || self.expand_here(schema, at))
    }

    fn expand_here(&mut self, schema: &'s Value, at: &mut Vec<Step>) -> Result<(), String> {
        self.visited += 1;
        if self.visited > MAX_EXPANDED {
            return Err(TOO_COMPLEX.into());
        }
        let Value::Object(map) = schema else { return Ok(()) };
        // References this walk cannot follow exactly are refused rather than
        // skipped: what is not followed is not checked.
        for key in ["$dynamicRef", "$recursiveRef"] {
            if map.contains_key(key) {
                return Err(format!("uses {key}, which typed helpers do not support (use $ref to #/$defs/…)"));
            }
        }
        if !std::ptr::eq(schema, self.root)
            && (map.get("$id").is_some_and(Value::is_string) || map.get("id").is_some_and(Value::is_string))
        {
            return Err("sets $id below its root, which typed helpers do not support".into());
        }
        if let Some(reference) = map.get("$ref") {
            let target = reference.as_str().and_then(|reference| self.resolve(reference));
            match target {
                Some(target) => self.follow(target, at)?,
                None => {
                    return Err(format!(
                        "has a $ref ({reference}) that is not a pointer into the schema itself (#, #/$defs/…)"
                    ));
                }
            }
        }
        for (key, value) in map {
            match key.as_str() {
                "allOf" | "anyOf" | "oneOf" => {
                    for item in value.as_array().into_iter().flatten() {
                        self.expand(item, at)?;
                    }
                }
                "not" | "if" | "then" | "else" => self.expand(value, at)?,
                "dependentSchemas" | "dependencies" => {
                    for item in value.as_object().into_iter().flat_map(|m| m.values()) {
                        self.expand(item, at)?;
                    }
                }
                "properties" => {
                    for (name, item) in value.as_object().into_iter().flatten() {
                        self.descend(item, Step::Member(name.clone()), at)?;
                    }
                }
                "patternProperties" => {
                    for item in value.as_object().into_iter().flat_map(|m| m.values()) {
                        self.descend(item, Step::AnyMember, at)?;
                    }
                }
                "additionalProperties" | "unevaluatedProperties" => self.descend(value, Step::AnyMember, at)?,
                "propertyNames" => self.descend(value, Step::Name, at)?,
                "items" | "prefixItems" => match value {
                    Value::Array(items) => {
                        for (index, item) in items.iter().enumerate() {
                            self.descend(item, Step::Index(index), at)?;
                        }
                    }
                    item => self.descend(item, Step::AnyItem, at)?,
                },
                "additionalItems" | "unevaluatedItems" | "contains" => self.descend(value, Step::AnyItem, at)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn descend(&mut self, schema: &'s Value, step: Step, at: &mut Vec<Step>) -> Result<(), String> {
        at.push(step);
        let result = self.expand(schema, at);
        at.pop();
        result
    }

    fn follow(&mut self, target: &'s Value, at: &mut Vec<Step>) -> Result<(), String> {
        if let Some(frame) = self.frames.iter_mut().rev().find(|f| std::ptr::eq(f.target, target)) {
            let relative = at[frame.entered_at.min(at.len())..].to_vec();
            // Two ways back where one is (or may be) a prefix of the other let
            // the same part of a value be reached along both: the work grows
            // with each level of the value.
            let overlapping = |seen: &Vec<Step>| seen.iter().zip(&relative).all(|(a, b)| a.overlaps(b));
            if frame.back_edges.iter().any(overlapping) {
                return Err("refers back to itself more than once at the same place of the value \
                     (validation would take time exponential in the value's depth)"
                    .into());
            }
            frame.back_edges.push(relative);
            return Ok(());
        }
        if self.frames.len() >= MAX_REF_NESTING {
            return Err(format!("nests more than {MAX_REF_NESTING} $refs inside one another"));
        }
        self.frames.push(Frame { target, entered_at: at.len(), back_edges: Vec::new() });
        let result = self.expand(target, at);
        self.frames.pop();
        result
    }

    fn resolve(&self, reference: &str) -> Option<&'s Value> {
        local_target(self.root, reference)
    }
}

/// What a `$ref` within the document (`#`, `#/$defs/x`) points at in
/// `root`; anything else (anchors, other documents) is `None`.
pub(crate) fn local_target<'s>(root: &'s Value, reference: &str) -> Option<&'s Value> {
    let pointer = reference.strip_prefix('#')?;
    if pointer.is_empty() {
        return Some(root);
    }
    if !pointer.starts_with('/') {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(pointer).decode_utf8().ok()?;
    root.pointer(&decoded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn typed(input: Value) -> Result<Typed, String> {
        Typed::compile(HelperSchema::new(input))
    }

    #[test]
    fn arguments_are_one_object_checked_with_the_failing_path() {
        let t =
            typed(json!({"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]})).unwrap();
        assert_eq!(t.check_args(vec![json!({"id": 7})]).unwrap(), [json!({"id": 7})]);
        let wrong = t.check_args(vec![json!({"id": "7"})]).unwrap_err();
        assert!(wrong.starts_with("invalid argument at /id:"), "{wrong}");
        let none = t.check_args(vec![]).unwrap_err();
        assert!(none.contains("at /: \"id\" is a required property"), "{none}");
        let two = t.check_args(vec![json!({"id": 1}), json!(2)]).unwrap_err();
        assert!(two.contains("takes one argument"), "{two}");
    }

    #[test]
    fn results_are_checked_when_a_result_schema_is_given() {
        let t = Typed::compile(HelperSchema::new(json!({})).with_result(json!({"type": "array"}))).unwrap();
        assert!(t.check_result(&json!([])).is_ok());
        let wrong = t.check_result(&json!({})).unwrap_err();
        assert!(wrong.starts_with("the helper's result at /:"), "{wrong}");
        assert!(typed(json!({})).unwrap().check_result(&json!(1)).is_ok());
    }

    #[test]
    fn schema_bombs_are_refused_when_compiled() {
        let amplifying = json!({"$ref": "#/$defs/n", "$defs": {"n": {"type": "object",
            "properties": {"a": {"allOf": [{"$ref": "#/$defs/n"}, {"$ref": "#/$defs/n"}]}}}}});
        assert!(typed(amplifying).unwrap_err().contains("more than once at the same place"));
        let overlapping = json!({"type": "object", "properties": {"a": {"$ref": "#"}},
            "patternProperties": {"^a$": {"$ref": "#"}}});
        assert!(typed(overlapping).unwrap_err().contains("more than once"));
        // A chain of definitions each using the next twice: 2^40 parts.
        let mut defs = serde_json::Map::new();
        for i in 0..40 {
            defs.insert(
                format!("d{i}"),
                json!({"allOf": [{"$ref": format!("#/$defs/d{}", i + 1)}, {"$ref": format!("#/$defs/d{}", i + 1)}]}),
            );
        }
        defs.insert("d40".into(), json!({"type": "string"}));
        assert!(typed(json!({"$defs": defs, "$ref": "#/$defs/d0"})).unwrap_err().contains("too complex"));
        let huge_enum: Vec<u32> = (0..100_000).collect();
        assert!(typed(json!({"enum": huge_enum})).unwrap_err().contains("over the limit"));
        let mut deep = json!({});
        for _ in 0..100 {
            deep = json!({"items": deep});
        }
        assert!(typed(deep).unwrap_err().contains("nested more than"));
        assert!(typed(json!({"$ref": "http://127.0.0.1:9/remote.json"})).unwrap_err().contains("not a pointer"));
        // The same bomb through an anchor, an embedded $id, or a $ref that
        // comes back along a path that is a prefix of another.
        let anchored = json!({"$defs": {"n": {"$anchor": "n", "type": "object",
            "properties": {"a": {"allOf": [{"$ref": "#n"}, {"$ref": "#n"}]}}}}, "$ref": "#n"});
        assert!(typed(anchored).unwrap_err().contains("not a pointer"));
        let embedded =
            json!({"$defs": {"n": {"$id": "urn:n", "properties": {"a": {"$ref": "#"}}}}, "$ref": "#/$defs/n"});
        assert!(typed(embedded).unwrap_err().contains("$id below its root"));
        let prefix = json!({"properties": {"a": {"allOf": [{"$ref": "#"}, {"properties": {"a": {"$ref": "#"}}}]}}});
        assert!(typed(prefix).unwrap_err().contains("more than once"));
        assert!(typed(json!({"$dynamicRef": "#x"})).unwrap_err().contains("$dynamicRef"));
        assert!(typed(json!({"type": 12})).unwrap_err().contains("not a valid JSON Schema"));
    }

    #[test]
    fn recursive_schemas_that_do_not_amplify_are_fine() {
        // A tree: two references back, at different members.
        let tree = json!({"$defs": {"node": {"type": "object", "properties": {
            "left": {"$ref": "#/$defs/node"}, "right": {"$ref": "#/$defs/node"}, "value": {"type": "number"}}}},
            "$ref": "#/$defs/node"});
        assert!(typed(tree).is_ok());
        // Any JSON value (as zod writes it): items and members of different kinds.
        let json_value = json!({"anyOf": [{"type": ["string", "number", "boolean", "null"]},
            {"type": "array", "items": {"$ref": "#"}}, {"type": "object", "additionalProperties": {"$ref": "#"}}]});
        let t = typed(json_value).unwrap();
        assert!(t.check_args(vec![json!({"a": [1, {"b": null}]})]).is_ok());
        // The same definition used in many places is expanded each time, within the bound.
        let reused = json!({"$defs": {"id": {"type": "integer", "minimum": 1}}, "type": "object",
            "properties": {"a": {"$ref": "#/$defs/id"}, "b": {"$ref": "#/$defs/id"}, "c": {"items": {"$ref": "#/$defs/id"}}}});
        assert!(typed(reused).is_ok());
        assert!(typed(json!({"$ref": "#"})).is_ok());
        assert!(typed(json!({"$id": "https://example.com/s.json", "properties": {"a": {"$ref": "#"}}})).is_ok());
    }

    #[test]
    fn a_check_costs_at_most_a_bounded_amount_of_work() {
        // 13 levels of `allOf: [next, next]`: 2^13 parts per item.
        let mut defs = serde_json::Map::new();
        for i in 0..13 {
            let next = format!("#/$defs/d{}", i + 1);
            defs.insert(format!("d{i}"), json!({"allOf": [{"$ref": next}, {"$ref": next}]}));
        }
        defs.insert("d13".into(), json!({"type": "integer"}));
        let t = typed(json!({"$defs": defs, "items": {"$ref": "#/$defs/d0"}})).unwrap();
        assert!(t.check_args(vec![json!([1, 2, 3])]).is_ok());
        let many = vec![json!(0); 500_000];
        let error = t.check_args(vec![Value::Array(many)]).unwrap_err();
        assert!(error.contains("too large to check against its schema"), "{error}");
    }

    #[test]
    fn arguments_built_to_be_slow_stay_linear() {
        let t = typed(json!({"type": "object", "properties": {
            "s": {"type": "string", "pattern": "^(a+)+$"},
            "u": {"type": "array", "uniqueItems": true}}}))
        .unwrap();
        // A backtracking regex engine would not finish this one.
        let evil = format!("{}!", "a".repeat(100_000));
        assert!(t.check_args(vec![json!({"s": evil})]).is_err());
        let many: Vec<u32> = (0..100_000).collect();
        assert!(t.check_args(vec![json!({"u": many})]).is_ok());
        let mut deep = json!(1);
        for _ in 0..1_000 {
            deep = json!([deep]);
        }
        let error = t.check_args(vec![json!({"u": deep})]).unwrap_err();
        assert!(error.contains("nested more than 128"), "{error}");
    }
}
