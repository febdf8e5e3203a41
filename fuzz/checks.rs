//! What the fuzz targets assert, shared by `cargo fuzz` (fuzz_targets/) and
//! the corpus replay that `make test` runs (tests/fuzz_smoke.rs).

use std::time::Duration;

/// The helpers fuzzed scripts can call: `fuzz.echo(...)` (sync) and
/// `fuzz.echoAsync(...)` (async) return their arguments, `fuzz.fail()`
/// throws a helper error. Register them on the engine the target uses.
pub fn helpers() -> jsbox::Helpers {
    let mut helpers = jsbox::Helpers::new();
    helpers.add_sync("fuzz.echo", |call| Ok(serde_json::Value::Array(call.args.clone()))).expect("fuzz.echo");
    helpers
        .add_async("fuzz.echoAsync", |call| async move { Ok(serde_json::Value::Array(call.args)) })
        .expect("fuzz.echoAsync");
    helpers
        .add_sync("fuzz.fail", |_| Err(jsbox::HelperError::new("fuzzed failure").with_code("fuzz")))
        .expect("fuzz.fail");
    helpers
}

/// The policy fuzzed scripts run under: small and quick, so every input ends;
/// the fuzz helpers visible, with small limits.
pub fn execute_policy() -> jsbox::Policy {
    let mut policy =
        jsbox::Policy::default().memory(16 << 20).timeout(Duration::from_millis(200)).allow_helper("fuzz.*");
    policy.helpers.max_calls = 50;
    policy.helpers.max_args_bytes = 64 << 10;
    policy.max_log_lines = 100;
    policy.max_result_bytes = 1 << 20;
    policy
}

/// The script+args boundary: bytes are `script \x01 args` (args `{}` when
/// there is no \x01). Whatever they are, the outcome is a result or an error
/// that is the script's fault: never a panic, a hang or an `internal` error.
pub fn execute(runtime: &tokio::runtime::Runtime, engine: &jsbox::Engine, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (script, args) = text.split_once('\u{1}').unwrap_or((&text, "{}"));
    let args = match jsbox::parse_args(args) {
        Ok(args) => args,
        Err(e) => {
            assert_eq!(e.kind(), "invalid-args", "{e}");
            return;
        }
    };
    let outcome = runtime.block_on(engine.execute(&execute_policy(), script, args));
    if let Err(e) = outcome {
        assert!(!matches!(e.kind(), "internal" | "invalid-policy"), "error[{}]: {e}", e.kind());
    }
}

/// Policy and CLI parsing: bytes as a JSON policy, as a size, and as
/// command-line arguments (one per line). Nothing panics; a policy that
/// parses and validates survives a JSON round trip unchanged, except secret
/// values, which are never serialized.
pub fn policy(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(policy) = serde_json::from_str::<jsbox::Policy>(&text) {
        if policy.validate().is_ok() {
            let json = serde_json::to_string(&policy).expect("a policy serializes");
            let back: jsbox::Policy = serde_json::from_str(&json).expect("a serialized policy parses");
            // Secret values are never serialized; everything else survives.
            let tree: serde_json::Value = serde_json::from_str(&json).expect("JSON");
            let secrets = tree["network"]["secrets"].as_object().expect("secrets serialize as an object");
            assert!(secrets.values().all(|s| s.get("value").is_none()), "a secret value was serialized: {json}");
            let mut expected = policy.clone();
            for secret in expected.network.secrets.values_mut() {
                secret.value = None;
            }
            assert_eq!(back, expected, "{json}");
        }
    }
    let _ = jsbox::parse_size(&text);
    // `--policy FILE` reads a file (/dev/zero, say): not what this checks.
    let args: Vec<&str> = text.lines().filter(|a| !a.starts_with("--policy")).collect();
    if let Ok(cli) = jsbox_cli::Cli::try_parse_args(std::iter::once("jsbox").chain(args)) {
        let _ = cli.policy();
    }
}

/// TypeScript stripping (sandboxed): bytes as a TypeScript source. Whatever
/// they are, the stripper ends — types erased with every position kept, or
/// a `syntax` error — and the process goes on. `native`, when given (the
/// cargo fuzz target links SWC natively, for coverage), strips the same
/// short source on a huge stack: both must agree, unless the sandbox
/// reports one of its limits.
pub fn typescript(data: &[u8], native: Option<&dyn Fn(&str) -> Result<String, String>>) {
    let source = String::from_utf8_lossy(data);
    let sandboxed = jsbox::Language::TypeScript.to_javascript(&source, "script.ts");
    match &sandboxed {
        Ok(js) => {
            // Positions kept: the same lines, each as long in UTF-16 units
            // (how columns count; a stripped character becomes one space per
            // unit, so bytes may differ).
            let units = |text: &str| text.split('\n').map(|line| line.encode_utf16().count()).collect::<Vec<_>>();
            assert_eq!(units(js), units(&source), "positions kept");
        }
        Err(e) => assert_eq!(e.kind(), "syntax", "error[{}]: {e}", e.kind()),
    }
    // Natively only what the sandbox stripped within its limits: SWC's work
    // is then bounded by the same fuel (a 161-byte nest of `t<(` sends its
    // backtracking exponential: fuzz/regressions/typescript).
    let over_a_limit = |e: &jsbox::Error| e.to_string().contains("for TypeScript stripping");
    if let Some(native) = native.filter(|_| !sandboxed.as_ref().is_err_and(over_a_limit)) {
        match (native(&source), &sandboxed) {
            (Ok(a), Ok(b)) => assert_eq!(&a, b, "the sandboxed stripper's output differs from SWC's"),
            (Err(a), Err(b)) => assert_eq!(b.to_string(), format!("SyntaxError: {a}")),
            (a, b) => panic!("native {a:?} vs sandboxed {b:?}"),
        }
    }
}

/// The forms of a secret's value jsbox itself produces: as is (headers,
/// bodies) and percent-encoded (URLs).
fn value_forms(value: &str) -> [String; 2] {
    let encoded: String = value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    [value.to_string(), encoded]
}

/// Another value of the same shape: letters and digits rotated, everything
/// else kept, so lengths, encodings and header-safety stay the same.
fn same_shape(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            'a'..='z' => (b'a' + (c as u8 - b'a' + 13) % 26) as char,
            'A'..='Z' => (b'A' + (c as u8 - b'A' + 13) % 26) as char,
            '0'..='9' => (b'0' + (c as u8 - b'0' + 5) % 10) as char,
            c => c,
        })
        .collect()
}

/// What a script sees of one request: the refusal (kind, message), or the
/// answer of a server reflecting the request verbatim (or its refusal).
type Seen = Result<Result<jsbox::fuzzing::ScriptView, (String, String)>, (String, String)>;

/// Secret substitution and redaction. Bytes are `value \x01 url \x01
/// header \x01 body` (missing parts empty): secret `T` (that value, for
/// host a.test) and `U` (a fixed value, for b.test) under a policy allowing
/// a.test, b.test and c.test, and a request as a script would write it.
/// Whatever it is: no panic; what goes on the wire fits the caps, and
/// carries a value only toward that secret's host; a refusal is the same
/// when `T` has another value of the same shape; and what the script
/// receives from a server reflecting the request verbatim shows `T`'s value
/// in no form jsbox produces, outside the placeholders (unless that text is
/// there with the other value too: the script's own, jsbox's, the URL
/// parser's).
pub fn secrets(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(4, '\u{1}');
    let value = parts.next().unwrap_or_default();
    let (url, header, body) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default(), parts.next());
    let Some((wire, seen)) = request(value, url, header, body) else { return };
    let twin = same_shape(value);
    let (twin_wire, twin_seen) = request(&twin, url, header, body).expect("a value of the same shape is valid too");
    let written = [url, header, body.unwrap_or_default()];
    let forms = value_forms(value);
    if twin == value || forms.iter().chain(&value_forms(&twin)).any(|f| written.iter().any(|t| t.contains(f.as_str())))
    {
        return;
    }
    // What the script sends itself, as it reaches the wire (its URL encoded
    // and normalised): when that holds one value's text, redaction tells
    // the two apart by design — a guess of the whole value comes back as the
    // placeholder (the book's table, docs/src/network.md, says so).
    let sent_itself = |wire: &Option<(String, String)>, other: &str| {
        wire.as_ref().is_some_and(|(_, on_wire)| value_forms(other).iter().any(|f| on_wire.contains(f.as_str())))
    };
    if sent_itself(&twin_wire, value) || sent_itself(&wire, &twin) {
        return;
    }
    // Values go only toward their own hosts: T's, unless the same text is on
    // the wire with the other value too (then it is not T's value).
    if let (Some((host, on_wire)), Some((_, twin_on_wire))) = (&wire, &twin_wire)
        && host != "a.test"
    {
        for form in &forms {
            assert!(
                !on_wire.contains(form.as_str()) || twin_on_wire.contains(form.as_str()),
                "{form:?} went to {host}: {on_wire:?}"
            );
        }
    }
    // U likewise: its text on the wire is U's only if it is not there when
    // U has another value.
    let (other_wire, _) = request_with(value, &same_shape(U), url, header, body).expect("U's twin is valid");
    if let (Some((host, on_wire)), Some((_, other_on_wire))) = (&wire, &other_wire)
        && host != "b.test"
    {
        for form in value_forms(U) {
            assert!(!on_wire.contains(form.as_str()) || other_on_wire.contains(form.as_str()), "U went to {host}");
        }
    }
    match (&seen, &twin_seen) {
        // jsbox's refusals quote names, hosts and sizes, never values.
        (Err(a), Err(b)) => assert_eq!(a, b, "a refusal depends on the secret's value"),
        (Ok(view), Ok(twin_view)) => {
            let texts = |seen: &Result<jsbox::fuzzing::ScriptView, (String, String)>| -> Vec<String> {
                match seen {
                    Ok(view) => std::iter::once(view.url.clone())
                        .chain(view.headers.iter().map(|(n, v)| format!("{n}: {v}")))
                        .chain(std::iter::once(String::from_utf8_lossy(&view.body).into_owned()))
                        .collect(),
                    Err((_, message)) => vec![message.clone()],
                }
            };
            let (mine, other) = (texts(view), texts(twin_view));
            for form in value_forms(value) {
                let elsewhere = other.iter().any(|t| t.contains(form.as_str()))
                    || ["T", "U"].iter().any(|n| jsbox::placeholder(n).contains(form.as_str()));
                if elsewhere {
                    continue;
                }
                for text in &mine {
                    for piece in outside_placeholders(text, &["T", "U"]) {
                        assert!(!piece.contains(form.as_str()), "the script sees the value ({form:?}): {text:?}");
                    }
                }
            }
        }
        (a, b) => panic!("one value was refused, the other of the same shape not: {a:?} vs {b:?}"),
    }
}

/// Splits `text` at every placeholder of `names`: what is left is what the
/// script sees outside the placeholders.
fn outside_placeholders(text: &str, names: &[&str]) -> Vec<String> {
    let mut pieces = vec![text.to_string()];
    for name in names {
        let placeholder = jsbox::placeholder(name);
        pieces = pieces.iter().flat_map(|piece| piece.split(placeholder.as_str()).map(str::to_owned)).collect();
    }
    pieces
}

/// The value of secret `U`.
const U: &str = "u-sekr1t";

/// One request under secret `T = value`: where it went and what went on the
/// wire (host, text), and what the script sees; `None` when the policy
/// refuses the value (checked to be for its size only).
fn request(value: &str, url: &str, header: &str, body: Option<&str>) -> Option<(Option<(String, String)>, Seen)> {
    request_with(value, U, url, header, body)
}

/// [`request`] with `U = other`.
fn request_with(
    value: &str,
    other: &str,
    url: &str,
    header: &str,
    body: Option<&str>,
) -> Option<(Option<(String, String)>, Seen)> {
    let mut policy = jsbox::Policy::default().allow_host("a.test").allow_host("b.test").allow_host("c.test");
    policy.network.max_request_bytes = 64 << 10;
    policy.network.max_response_bytes = 256 << 10;
    policy = policy
        .secret("T", jsbox::Secret::value(value).host("a.test"))
        .secret("U", jsbox::Secret::value(other).host("b.test"));
    let probe = match jsbox::fuzzing::SecretsProbe::new(&policy) {
        Ok(probe) => probe,
        Err(e) => {
            assert_eq!(e.kind(), "invalid-policy", "{e}");
            assert!(value.is_empty() || value.len() > 64 << 10, "a valid value was refused: {e}");
            return None;
        }
    };
    let headers = vec![("x-h".to_string(), header.to_string())];
    let wire = match probe.hop(url, &headers, body.map(str::as_bytes)) {
        Ok(wire) => wire,
        Err((kind, message)) => {
            let kinds = ["network-denied", "too-large", "invalid-url", "invalid-request"];
            assert!(kinds.contains(&kind.as_str()), "{kind}: {message}");
            return Some((None, Err((kind, message))));
        }
    };
    let head: usize = wire.url.len() + wire.headers.iter().map(|(n, v)| n.len() + v.len() + 4).sum::<usize>();
    assert!(head as u64 <= 256 << 10, "URL and headers over the cap: {head}");
    assert!(wire.body.as_ref().map_or(0, Vec::len) as u64 <= 64 << 10, "body over the cap");
    // The authority ends where the path, query or fragment begins.
    let after_scheme = wire.url.split_once("://").map_or("", |(_, rest)| rest);
    let authority = after_scheme.split(['/', '?', '#']).next().unwrap_or_default();
    // Hosts match without regard to case.
    let host =
        authority.rsplit('@').next().unwrap_or_default().split(':').next().unwrap_or_default().to_ascii_lowercase();
    let mut on_wire = wire.url.clone();
    for (name, value) in &wire.headers {
        on_wire.push_str(&format!("\n{name}: {}", String::from_utf8_lossy(value)));
    }
    on_wire.push_str(&String::from_utf8_lossy(wire.body.as_deref().unwrap_or_default()));
    let view = probe.echo(&wire);
    match &view {
        Ok(view) => {
            let total = view.body.len() + view.url.len() + view.headers.iter().map(|(_, v)| v.len()).sum::<usize>();
            assert!(total <= (256 << 10) + 64, "the redacted response outgrew its cap: {total}");
        }
        Err((kind, message)) => assert_eq!(kind, "too-large", "{message}"),
    }
    Some((Some((host, on_wire)), Ok(view)))
}

/// Helper endpoints' answers: bytes are `status (2 bytes, big endian) ‖
/// body`. Whatever the endpoint sends, the script gets JSON text within the
/// result cap, or a helper error with a code — no panic, and JSON as deep
/// as jsbox allows comes back intact.
pub fn helper_answer(data: &[u8]) {
    let status =
        100 + u16::from_be_bytes([data.first().copied().unwrap_or(0), data.get(1).copied().unwrap_or(200)]) % 500;
    let body = data.get(2..).unwrap_or_default();
    let cap = 64 << 10;
    match jsbox::fuzzing::helper_answer(status, body, cap) {
        Ok(json) => {
            assert!((200..300).contains(&status), "a {status} answer became a result");
            assert!(json.len() as u64 <= cap);
            let back: serde_json::Value = jsbox::json::from_str(&json).expect("the result is JSON");
            let sent: serde_json::Value = if body.iter().all(u8::is_ascii_whitespace) {
                serde_json::Value::Null
            } else {
                jsbox::json::from_slice(body).expect("a result came from valid JSON")
            };
            assert_eq!(back, sent, "the result is the endpoint's JSON");
        }
        Err((message, code)) => {
            let code = code.expect("every helper error from an endpoint has a code");
            assert!(!code.is_empty() && message.len() <= 4 << 10, "{code}: {message:.200}");
        }
    }
    // The same bytes as arguments from the guest.
    if let Ok(text) = std::str::from_utf8(body) {
        let _ = jsbox::fuzzing::helper_args(text);
    }
}

/// The service's configuration and its tenants' ceilings: bytes are `TOML
/// \x01 a request's JSON policy`. A configuration parses and checks or is
/// refused with a message; a request's policy narrows a tenant's ceiling or
/// is refused — never widens it.
pub fn config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (toml_text, asked) = text.split_once('\u{1}').unwrap_or((&text, "null"));
    let ceilings: Vec<jsbox::Policy> = match toml::from_str::<jsbox_cli::serve::config::Config>(toml_text) {
        Ok(config) if config.check().is_ok() => config.tenants.iter().map(|t| t.ceiling()).collect(),
        _ => vec![jsbox::Policy::default().allow_host("*.example.com").allow_helper("crm.*")],
    };
    let Ok(asked) = jsbox::json::from_str::<serde_json::Value>(asked) else { return };
    for ceiling in ceilings {
        let Ok(granted) = ceiling.narrowed(&asked) else { continue };
        assert!(granted.memory <= ceiling.memory && granted.timeout <= ceiling.timeout, "{granted:?}");
        assert!(granted.max_result_bytes <= ceiling.max_result_bytes && granted.max_log_bytes <= ceiling.max_log_bytes);
        let (g, c) = (&granted.network, &ceiling.network);
        assert!(g.max_requests <= c.max_requests && g.max_request_bytes <= c.max_request_bytes);
        assert!(g.max_response_bytes <= c.max_response_bytes && g.request_timeout <= c.request_timeout);
        assert!(g.secrets.keys().all(|name| c.secrets.contains_key(name)), "a secret appeared");
        assert!(granted.helpers.endpoints.iter().all(|(name, url)| ceiling.helpers.endpoints.get(name) == Some(url)));
        if let (Some(g), Some(c)) = (granted.fuel, ceiling.fuel) {
            assert!(g <= c);
        }
        assert!(granted.validate().is_ok(), "a granted policy is valid: {granted:?}");
    }
}

/// A minimal valid component exporting a function `execute`.
fn minimal_component() -> Vec<u8> {
    use wasm_encoder::*;
    let mut module = Module::new();
    let mut types = TypeSection::new();
    types.ty().function([], [ValType::I32]);
    module.section(&types);
    let mut functions = FunctionSection::new();
    functions.function(0);
    module.section(&functions);
    let mut exports = ExportSection::new();
    exports.export("f", ExportKind::Func, 0);
    module.section(&exports);
    let mut code = CodeSection::new();
    let mut body = Function::new([]);
    body.instructions().i32_const(0).end();
    code.function(&body);
    module.section(&code);

    let mut component = Component::new();
    component.section(&ModuleSection(&module));
    let mut instances = InstanceSection::new();
    instances.instantiate(0, Vec::<(&str, ModuleArg)>::new());
    component.section(&instances);
    let mut aliases = ComponentAliasSection::new();
    aliases.alias(Alias::CoreInstanceExport { instance: 0, kind: ExportKind::Func, name: "f" });
    component.section(&aliases);
    let mut types = ComponentTypeSection::new();
    types
        .function()
        .params(Vec::<(&str, ComponentValType)>::new())
        .result(Some(ComponentValType::Primitive(PrimitiveValType::U32)));
    component.section(&types);
    let mut canon = CanonicalFunctionSection::new();
    canon.lift(0, 0, Vec::<CanonicalOption>::new());
    component.section(&canon);
    let mut exports = ComponentExportSection::new();
    exports.export("execute", ComponentExportKind::Func, 0, None);
    component.section(&exports);
    component.finish()
}

/// `jsbox run`'s reading of a compiled component. Bytes: a mode byte, then
/// 0: a whole file; 1: a `jsbox:script` section's bytes, put with a
/// matching `jsbox:compiled` section into a valid component; 2: `script
/// \x01 compiled`, both sections as given. No input panics; a file passes
/// only with sections that agree and a script that is a bundle.
pub fn component(data: &[u8]) {
    use jsbox_cli::compile::{Bundle, MADE_SECTION, SECTION};
    use sha2::Digest;
    let (mode, rest) = data.split_first().map_or((0, &[][..]), |(m, r)| (*m % 3, r));
    if mode == 0 {
        let _ = Bundle::read(rest);
        return;
    }
    let (script, made) = match mode {
        1 => {
            let hash: String = sha2::Sha256::digest(rest).iter().map(|b| format!("{b:02x}")).collect();
            (rest.to_vec(), format!(r#"{{"jsbox":"0.1.0","script_sha256":"{hash}"}}"#).into_bytes())
        }
        _ => match rest.iter().position(|&b| b == 1) {
            Some(at) => (rest[..at].to_vec(), rest[at + 1..].to_vec()),
            None => (rest.to_vec(), Vec::new()),
        },
    };
    let mut wasm = minimal_component();
    for (name, data) in [(SECTION, &script), (MADE_SECTION, &made)] {
        wasm_encoder::ComponentSection::append_to_component(
            &wasm_encoder::CustomSection { name: name.into(), data: data.as_slice().into() },
            &mut wasm,
        );
    }
    let read = Bundle::read(&wasm);
    let bundle: Option<Bundle> = jsbox::json::from_slice(&script).ok();
    if mode == 1 {
        assert_eq!(read.as_ref().ok(), bundle.as_ref(), "{read:?}");
    } else if read.is_ok() {
        assert!(bundle.is_some(), "only a bundle passes");
    }
}

/// The language bindings' calls into their native side (Node.js addon,
/// Python extension; one shared decoding): bytes are `options JSON \x01
/// helper names (comma-separated) \x01 a helper's reply \x01 engine options
/// JSON \x01 args JSON \x01 a resume's completions JSON`. Options become a
/// valid policy with exactly the given helpers and modules visible, or an
/// `invalid-policy` error with a bounded message; a reply becomes a JSON
/// value, "later" or a helper error; completions become a resume or an
/// `invalid-args` error; engine options are decoded without touching a
/// file; nothing panics.
pub fn binding_calls(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{1}');
    let options = parts.next().unwrap_or_default();
    let names: Vec<String> =
        parts.next().unwrap_or_default().split(',').filter(|n| !n.is_empty()).map(String::from).collect();
    let reply = parts.next().unwrap_or("{}");
    let engine = parts.next().unwrap_or("{}");
    let args = jsbox::parse_args(parts.next().unwrap_or("{}"));
    match jsbox_bindings::options::prepare(String::new(), args, options, &names, |_| Ok(jsbox::Helpers::new())) {
        Ok(prepared) => assert!(prepared.policy.validate().is_ok()),
        Err(error) => assert!(["invalid-policy", "invalid-args"].contains(&error.kind()), "{}", error.kind()),
    }
    match jsbox_bindings::options::execute_parts(options, &names) {
        Ok(parts) => {
            assert!(parts.policy.validate().is_ok(), "{:?}", parts.policy);
            for name in &names {
                assert!(parts.policy.helpers.allow.contains(name), "{name} is not visible");
            }
            assert_eq!(parts.modules.len(), parts.policy.modules.allow.len());
            let back: jsbox::Policy = serde_json::from_value(serde_json::to_value(&parts.policy).unwrap()).unwrap();
            assert_eq!(back.memory, parts.policy.memory);
        }
        Err(error) => {
            assert!(["invalid-policy"].contains(&error.kind()), "{}: {error}", error.kind());
            assert!(error.to_string().len() <= 1200, "{:.200}", error.to_string());
        }
    }
    if let jsbox::HelperReply::Ready(Ok(value)) = jsbox_bindings::envelope::helper_reply(reply) {
        // What a helper returns reaches the library as JSON it can write.
        assert!(serde_json::to_string(&value).is_ok());
    }
    if let Err(error) = jsbox_bindings::envelope::sync_reply("h", reply) {
        assert!(error.message.len() <= reply.len() + 200, "{:.200}", error.message);
    }
    // Decoding only: `engine_config` opens no store (no file is touched).
    if let Err(error) = jsbox_bindings::options::engine_config(engine) {
        assert_eq!(error.kind(), "invalid-policy");
    }
    // A resume's completions and options, as a binding hands them over.
    let completions = parts.next().unwrap_or("{}");
    if let Ok(completions) = jsbox::json::from_str::<serde_json::Value>(completions) {
        let resumed = jsbox_bindings::durable::prepare_resume("fuzz".into(), completions, options, &names, |wait| {
            assert!(wait >= std::time::Duration::from_millis(100));
            Ok(jsbox::Helpers::new())
        });
        match resumed {
            Ok(resumed) => assert_eq!(resumed.resume.id(), "fuzz"),
            Err(error) => {
                assert!(["invalid-policy", "invalid-args"].contains(&error.kind()), "{}", error.kind());
                assert!(error.to_string().len() <= 4400, "{:.200}", error.to_string());
            }
        }
    }
    let envelope = jsbox_bindings::envelope::settled(
        Err(jsbox::Error::Exception { message: options.into(), stack: Some(reply.into()) }),
        vec![],
    );
    let parsed: serde_json::Value = jsbox::json::from_str(&envelope).expect("the envelope is JSON");
    assert_eq!(parsed["error"]["kind"], "exception");
}

/// Continuations as a resuming process reads them: the first byte picks the
/// path — 0: the rest as a sealed continuation (`open`), 1: as a payload
/// (the decoder alone), otherwise: as a payload sealed with the right key,
/// so the decoder is reached through the whole of `open`. Whatever the
/// bytes, the answer is a typed continuation error or a decoded
/// continuation: never a panic, an allocation past the limit, or `internal`.
pub fn continuations(data: &[u8]) {
    let key = jsbox::ContinuationKey::from_bytes([7; 32]);
    let Some((&mode, rest)) = data.split_first() else { return };
    let outcome = match mode {
        0 => jsbox::fuzzing::open_continuation(&key, "fuzz", rest),
        1 => jsbox::fuzzing::decode_continuation_payload(rest),
        _ => {
            let sealed = jsbox::fuzzing::seal_continuation_payload(&key, "fuzz", rest).expect("sealing works");
            jsbox::fuzzing::open_continuation(&key, "fuzz", &sealed)
        }
    };
    if let Err(e) = outcome {
        assert!(e.kind().starts_with("continuation-"), "error[{}]: {e}", e.kind());
    }
}

/// Typed helpers: any schema compiles within its bounds or is refused, any
/// argument is checked or refused, and the TypeScript type stays bounded.
pub fn helper_schema(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (schema, argument) = text.split_once('\u{1}').unwrap_or((&text, "{}"));
    let (Ok(schema), Ok(argument)) =
        (jsbox::json::from_str::<serde_json::Value>(schema), jsbox::json::from_str::<serde_json::Value>(argument))
    else {
        return;
    };
    let (_checked, typescript) = jsbox::fuzzing::typed_helper(schema, argument);
    // A description can never close the JSDoc it is written into.
    assert!(!typescript.contains("*/ declare"), "{typescript}");
}

/// MCP messages from a peer: `execute`'s arguments, a listed tool, a tool's answer.
pub fn mcp_messages(data: &[u8]) {
    jsbox_cli::mcp::fuzz_message(data);
}
