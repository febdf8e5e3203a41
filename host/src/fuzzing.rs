//! Entry points of jsbox's fuzz targets (`fuzz/`, and their replay in
//! `make test`): thin wrappers that let a target drive one internal surface
//! at a time, at fuzzing speed. Not part of the stable API.

use reqwest::Url;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;

use crate::bindings::jsbox::sandbox::host::HttpResponse;
use crate::error::Error;
use crate::network::secrets::WireCaps;
use crate::policy::Policy;
use crate::policy::secrets::Secrets;

/// A request as it went on the wire: URL, headers (name, value bytes), body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireRequest {
    /// The URL with the values put in.
    pub url: String,
    /// The header lines.
    pub headers: Vec<(String, Vec<u8>)>,
    /// The body.
    pub body: Option<Vec<u8>>,
}

/// What a script receives of a response: status text aside, everything a
/// server sends back (redacted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptView {
    /// The response's URL.
    pub url: String,
    /// Its headers.
    pub headers: Vec<(String, String)>,
    /// Its body.
    pub body: Vec<u8>,
}

/// The secrets of a policy, with the request side (substitution, caps,
/// refusals) and the response side (redaction) of jsbox's network layer.
pub struct SecretsProbe {
    secrets: Secrets,
    max_request_bytes: u64,
    max_response_bytes: u64,
}

impl SecretsProbe {
    /// The policy's secrets, resolved as an execution would.
    pub fn new(policy: &Policy) -> Result<SecretsProbe, Error> {
        let (_, secrets) = policy.checked()?;
        let network = &policy.network;
        Ok(SecretsProbe {
            secrets,
            max_request_bytes: network.max_request_bytes,
            max_response_bytes: network.max_response_bytes,
        })
    }

    /// One request hop as the script wrote it (`url`, header pairs, body):
    /// what goes on the wire, or the refusal (kind, message) the script gets.
    pub fn hop(
        &self,
        url: &str,
        headers: &[(String, String)],
        body: Option<&[u8]>,
    ) -> Result<WireRequest, (String, String)> {
        let invalid = |what: String| ("invalid-request".to_string(), what);
        let url = Url::parse(url).map_err(|e| ("invalid-url".to_string(), e.to_string()))?;
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid(format!("header name {name:?}")))?;
            let value = HeaderValue::from_str(value).map_err(|_| invalid(format!("value of {name}")))?;
            map.append(name, value);
        }
        let caps = WireCaps { body: self.max_request_bytes, head: crate::network::MAX_HEAD_BYTES };
        let checked = self.secrets.check_hop(&url, &map, body, caps);
        let hop = self.secrets.for_hop(&url, &map, body, caps);
        assert_eq!(checked.as_ref().err(), hop.as_ref().err(), "checking a hop and building it agree");
        let hop = hop.map_err(|refused| (refused.kind.to_string(), refused.message))?;
        Ok(WireRequest {
            url: hop.url.to_string(),
            headers: hop.headers.iter().map(|(n, v)| (n.to_string(), v.as_bytes().to_vec())).collect(),
            body: hop.body,
        })
    }

    /// A server that reflects the request verbatim — URL, headers and body,
    /// in its body, its headers and its URL — and what the script receives
    /// of that answer (or the refusal when it is over the response cap).
    pub fn echo(&self, request: &WireRequest) -> Result<ScriptView, (String, String)> {
        let mut body = request.url.clone().into_bytes();
        for (name, value) in &request.headers {
            body.extend_from_slice(format!("\n{name}: ").as_bytes());
            body.extend_from_slice(value);
        }
        body.push(b'\n');
        body.extend_from_slice(request.body.as_deref().unwrap_or_default());
        let mut headers: Vec<(String, String)> = request
            .headers
            .iter()
            .map(|(name, value)| (format!("x-echo-{name}"), String::from_utf8_lossy(value).into_owned()))
            .collect();
        headers.push(("location".into(), request.url.clone()));
        headers.push(("content-length".into(), body.len().to_string()));
        let response = HttpResponse { status: 200, status_text: "OK".into(), url: request.url.clone(), headers, body };
        crate::network::redact(&self.secrets, response, self.max_response_bytes)
            .map(|view| ScriptView { url: view.url, headers: view.headers, body: view.body })
            .map_err(|e| (e.kind, e.message))
    }
}

/// What a script receives from a helper endpoint's answer (`status`,
/// `body`): the helper's JSON result as the guest gets it, or the helper
/// error (message, code).
pub fn helper_answer(status: u16, body: &[u8], max_result_bytes: u64) -> Result<String, (String, Option<String>)> {
    let status = reqwest::StatusCode::from_u16(status).map_err(|e| (e.to_string(), None))?;
    let answer = crate::helpers::endpoint_answer(status, body);
    crate::helpers::finish(answer, max_result_bytes).map_err(|e| (e.message, e.code))
}

/// A typed helper's path for one schema and one argument: the schema
/// compiled within its bounds (`Err` with why not), the argument checked
/// (`Ok(Err(message))` when it does not match), and the schema's
/// TypeScript type (always bounded text).
pub fn typed_helper(schema: Value, argument: Value) -> (Result<Result<(), String>, String>, String) {
    let typescript = crate::declarations::to_type(&schema);
    let checked = crate::helpers::schema::Typed::compile(crate::HelperSchema::new(schema))
        .map(|typed| typed.check_args(vec![argument]).map(|_| ()));
    (checked, typescript)
}

/// Parses helper arguments as the guest sends them (a JSON array).
pub fn helper_args(json: &str) -> Result<Vec<Value>, String> {
    match crate::json::from_guest(json) {
        Ok(Value::Array(args)) => Ok(args),
        Ok(_) => Err("not an array".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// Opens a sealed continuation with `durable`'s key and seals it again as if
/// another guest build (`build`, hex) had made it: the test of the build
/// check needs one.
pub fn reseal_for_build(durable: &crate::Durable, sealed: &[u8], build: String) -> Result<Vec<u8>, Error> {
    crate::durable::reseal_for_build(durable, sealed, build)
}

/// What [`Engine::resume`](crate::Engine::resume) does with a continuation's
/// bytes before anything runs: opens (authenticates, checks tenant, build,
/// expiry) and decodes it, under `key` for tenant `""`. The
/// `continuations` fuzz target.
pub fn open_continuation(key: &crate::ContinuationKey, id: &str, sealed: &[u8]) -> Result<(), Error> {
    crate::durable::open_only(key, &crate::engine::guest_build(), id, sealed)
}

/// The payload decoder alone (after authentication), for the fuzz target:
/// a continuation sealed with a leaked key must still not crash jsbox.
pub fn decode_continuation_payload(payload: &[u8]) -> Result<(), Error> {
    crate::durable::decode(payload, 64 << 20).map(drop)
}

/// `payload` sealed as a continuation of execution `id` for tenant `""`,
/// by this build, expiring far in the future: lets the `continuations`
/// fuzz target reach the payload decoder through the whole of `open`.
pub fn seal_continuation_payload(key: &crate::ContinuationKey, id: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
    crate::durable::seal_raw(key, &crate::engine::guest_build(), id, payload)
}

/// A small, valid continuation payload (compressed): a seed for the fuzz target.
pub fn sample_continuation_payload() -> Vec<u8> {
    crate::durable::sample_payload()
}
