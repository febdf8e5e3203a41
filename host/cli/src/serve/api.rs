//! The HTTP API: request and response types (the OpenAPI description is
//! generated from them) and the handlers, a thin layer over the library.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::Service;
use super::admission::Refusal;
use super::strict::StrictValue;

/// `POST /v1/execute`: a script and what to run it with.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExecuteRequest {
    /// The script: it defines `execute(args)`, sync or async.
    pub script: String,
    /// The argument of `execute`. Default `{}`.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub args: Option<StrictValue>,
    /// Limits for this execution: any of the library's `Policy` fields. Each
    /// may lower or narrow the tenant's ceiling, never raise or widen it.
    #[serde(default)]
    #[schema(value_type = Option<jsbox::Policy>)]
    pub policy: Option<StrictValue>,
    /// The script's language: `javascript` (default) or `typescript`
    /// (types stripped, positions kept; stacks name `script.ts`).
    #[serde(default)]
    pub language: Option<jsbox::Language>,
    /// Shorthand for `"language": "typescript"` when true.
    #[serde(default)]
    pub typescript: Option<bool>,
}

/// A log line of the script (`log`, `console.*`).
#[derive(Debug, Serialize, ToSchema)]
pub struct LogLine {
    /// `debug`, `info`, `warn` or `error`.
    pub level: &'static str,
    /// The line.
    pub message: String,
}

/// 200: the result.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExecuteResult {
    /// The execution's id (also in the access log and the helpers' `X-Jsbox-Execution`).
    pub id: String,
    /// What `execute` returned, as JSON.
    #[schema(value_type = Object)]
    pub result: Value,
    /// Resources used.
    pub stats: jsbox::Stats,
    /// The script's log lines (capped by the policy's log limits).
    pub logs: Vec<LogLine>,
}

/// 202: the execution is suspended.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuspendedReply {
    /// The execution's id, for `/v1/executions/{id}`.
    pub id: String,
    /// `suspended`.
    pub status: &'static str,
    /// The helper calls it awaits: resume it with their results.
    #[schema(value_type = Vec<Object>)]
    pub pending: Vec<jsbox::PendingCall>,
    /// When its next timer is due (RFC 3339), if it waits for one: the
    /// service resumes it then on its own.
    pub wake_at: Option<String>,
    /// The script's log lines so far (this leg's).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub logs: Vec<LogLine>,
}

impl SuspendedReply {
    pub fn new(suspended: &jsbox::Suspended, logs: Vec<LogLine>) -> SuspendedReply {
        SuspendedReply {
            id: suspended.id.to_string(),
            status: "suspended",
            pending: suspended.pending.clone(),
            wake_at: suspended.wake_at.map(|at| humantime::format_rfc3339_millis(at).to_string()),
            logs,
        }
    }
}

/// Every non-200 answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorReply {
    /// The execution's id, when the request got as far as one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What went wrong.
    pub error: ErrorBody,
    /// The script's log lines, when it ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logs: Option<Vec<LogLine>>,
}

/// What went wrong: `kind` is stable and machine-readable.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// For a script failure (422), the same kinds as the CLI's
    /// `error[<kind>]`; otherwise `invalid-request`, `invalid-args`,
    /// `invalid-policy` (400), `unauthorized` (401),
    /// `policy-above-ceiling` (403), `not-found` (404),
    /// `method-not-allowed` (405), `request-too-large` (413),
    /// `tenant-over-quota` (429), `overloaded` (503), `internal` (500).
    pub kind: String,
    /// For people.
    pub message: String,
    /// The JavaScript stack of an exception.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
    /// The policy field that is above the tenant's ceiling (403).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// A helper's machine-readable code (`helper` errors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl ErrorBody {
    fn new(kind: &str, message: impl Into<String>) -> ErrorBody {
        ErrorBody { kind: kind.into(), message: message.into(), stack: None, field: None, code: None }
    }
}

/// A JSON error answer.
pub fn error(status: StatusCode, kind: &str, message: impl Into<String>) -> Response {
    reply(status, ErrorReply { id: None, error: ErrorBody::new(kind, message), logs: None })
}

fn reply(status: StatusCode, body: impl Serialize) -> Response {
    (status, axum::Json(body)).into_response()
}

fn retry_after(mut response: Response) -> Response {
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

/// What the access log and the metrics record of one execute request.
struct Record<'a> {
    tenant: &'a str,
    id: Option<&'a str>,
    outcome: &'a str,
}

/// Runs a script for the calling tenant.
#[utoipa::path(
    post,
    path = "/v1/execute",
    request_body = ExecuteRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The result", body = ExecuteResult),
        (status = 400, description = "A malformed request, invalid args or an invalid policy", body = ErrorReply),
        (status = 401, description = "No API key, or an unknown one", body = ErrorReply),
        (status = 403, description = "The request's policy is above the tenant's ceiling", body = ErrorReply),
        (status = 413, description = "The request body is over the service's cap", body = ErrorReply),
        (status = 422, description = "The script failed: kind as in `error[<kind>]`", body = ErrorReply),
        (status = 429, description = "The tenant is at its concurrency quota; see Retry-After", body = ErrorReply),
        (status = 503, description = "The service's queue is full; see Retry-After", body = ErrorReply),
    )
)]
pub async fn execute(State(service): State<Arc<Service>>, headers: HeaderMap, body: Body) -> Response {
    let started = Instant::now();
    let Some(tenant) = service.authenticate(&headers) else {
        tracing::info!(target: "jsbox::access", status = 401, "execute refused: no or unknown API key");
        return error(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "send `Authorization: Bearer <API key>` with a key of a configured tenant",
        );
    };
    // Admission first: a flooding tenant's surplus is refused before its
    // body is even read.
    let ticket = match service.admission.admit(&tenant.quota) {
        Ok(ticket) => ticket,
        Err(Refusal::TenantOverQuota) => {
            service.record(&Record { tenant: &tenant.name, id: None, outcome: "tenant-over-quota" }, 429, started);
            return retry_after(error(
                StatusCode::TOO_MANY_REQUESTS,
                "tenant-over-quota",
                format!("tenant {} has its maximum of requests in flight; retry later", tenant.name),
            ));
        }
        Err(Refusal::Overloaded) => {
            service.record(&Record { tenant: &tenant.name, id: None, outcome: "overloaded" }, 503, started);
            return retry_after(error(
                StatusCode::SERVICE_UNAVAILABLE,
                "overloaded",
                "the service's queue is full; retry later",
            ));
        }
    };
    let limit = service.max_body_bytes;
    let too_large = || {
        error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "request-too-large",
            format!("the request body is over the limit of {limit} bytes"),
        )
    };
    // A body a little over the cap is read to its end before the 413, so
    // the client, still sending, gets the answer rather than a reset
    // connection; past cap + DRAIN_BYTES the answer goes out at once.
    const DRAIN_BYTES: u64 = 1 << 20;
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit + DRAIN_BYTES) {
        return too_large();
    }
    let bytes = match axum::body::to_bytes(body, (limit + DRAIN_BYTES) as usize).await {
        Ok(bytes) if bytes.len() as u64 <= limit => bytes,
        _ => return too_large(),
    };
    let request: ExecuteRequest = match jsbox::json::from_slice(&bytes) {
        Ok(request) => request,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid-request",
                format!("the body is not an execute request: {e}"),
            );
        }
    };
    let asked = request.policy.map(StrictValue::into_inner).unwrap_or(Value::Null);
    let policy = match tenant.ceiling.narrowed(&asked) {
        Ok(policy) => policy,
        Err(jsbox::NarrowError::AboveCeiling { field, message }) => {
            let mut body = ErrorBody::new("policy-above-ceiling", format!("{field}: {message}"));
            body.field = Some(field);
            return reply(StatusCode::FORBIDDEN, ErrorReply { id: None, error: body, logs: None });
        }
        Err(jsbox::NarrowError::Invalid(e)) => return error(StatusCode::BAD_REQUEST, e.kind(), e.to_string()),
    };
    let language = match (request.language, request.typescript) {
        (Some(language), Some(typescript)) if (language == jsbox::Language::TypeScript) != typescript => {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid-request",
                "`language` and `typescript` disagree: give one of them",
            );
        }
        (Some(language), _) => language,
        (None, Some(true)) => jsbox::Language::TypeScript,
        (None, _) => jsbox::Language::JavaScript,
    };
    let logs = jsbox::MemorySink::default();
    let execution = jsbox::Execution::new(request.script)
        .language(language)
        .modules(tenant.modules.clone())
        .args(request.args.map(StrictValue::into_inner).unwrap_or_else(|| Value::Object(Default::default())))
        .context(serde_json::json!({ "tenant": tenant.name }))
        // Cached bytecode stays within the tenant (see Execution::cache_scope).
        .cache_scope(tenant.name.as_str())
        .logs(Arc::new(logs.clone()));
    let id = execution.id().to_string();
    let run = {
        let _running = ticket.run(&service.metrics).await;
        match &service.durability {
            Some(durability) => {
                let durable = durability.durable.clone().tenant(tenant.name.clone());
                service.engine.run_durable(&policy, execution, &durable).await
            }
            None => service.engine.run(&policy, execution).await.map(jsbox::Run::Done),
        }
    };
    drop(ticket);
    let (kind, status, response) = match run {
        Ok(jsbox::Run::Suspended(suspended)) => {
            let body = SuspendedReply::new(&suspended, log_lines(&logs));
            ("suspended".to_string(), StatusCode::ACCEPTED, reply(StatusCode::ACCEPTED, body))
        }
        Ok(jsbox::Run::Done(outcome)) => outcome_response(&id, Ok(outcome), &logs),
        Err(e) => outcome_response(&id, Err(e), &logs),
    };
    service.record(&Record { tenant: &tenant.name, id: Some(&id), outcome: &kind }, status.as_u16(), started);
    response
}

/// 401 for a request without a known API key.
pub fn unauthorized() -> Response {
    error(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "send `Authorization: Bearer <API key>` with a key of a configured tenant",
    )
}

/// The body of an execution's answer: its result or what went wrong.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Answer {
    Done(ExecuteResult),
    Failed(ErrorReply),
}

/// The answer to an execution that ran: its status and body.
pub fn outcome_answer(
    id: &str,
    outcome: Result<jsbox::Outcome, jsbox::Error>,
    logs: &jsbox::MemorySink,
) -> (StatusCode, Answer) {
    let lines = log_lines(logs);
    match outcome {
        Ok(out) => (
            StatusCode::OK,
            Answer::Done(ExecuteResult { id: id.to_string(), result: out.result, stats: out.stats, logs: lines }),
        ),
        Err(e) => {
            let status = match e.kind() {
                "invalid-args" | "invalid-policy" => StatusCode::BAD_REQUEST,
                "internal" => StatusCode::INTERNAL_SERVER_ERROR,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            let mut body = ErrorBody::new(e.kind(), e.to_string());
            match &e {
                jsbox::Error::Exception { message, stack } => {
                    body.message = message.clone();
                    body.stack = stack.clone();
                }
                jsbox::Error::Helper { code, .. } => body.code = code.clone(),
                _ => {}
            }
            (status, Answer::Failed(ErrorReply { id: Some(id.to_string()), error: body, logs: Some(lines) }))
        }
    }
}

/// [`outcome_answer`] as a JSON value (what a suspended execution's record keeps).
pub fn outcome_body(
    id: &str,
    outcome: Result<jsbox::Outcome, jsbox::Error>,
    logs: &jsbox::MemorySink,
) -> (StatusCode, Value) {
    let (status, answer) = outcome_answer(id, outcome, logs);
    (status, serde_json::to_value(answer).unwrap_or(Value::Null))
}

/// [`outcome_answer`] as a response, serialized once, with the outcome's
/// kind (`ok` or the error's).
pub fn outcome_response(
    id: &str,
    outcome: Result<jsbox::Outcome, jsbox::Error>,
    logs: &jsbox::MemorySink,
) -> (String, StatusCode, Response) {
    let kind = match &outcome {
        Ok(_) => "ok".to_string(),
        Err(e) => e.kind().to_string(),
    };
    let (status, answer) = outcome_answer(id, outcome, logs);
    (kind, status, reply(status, answer))
}

pub fn log_lines(logs: &jsbox::MemorySink) -> Vec<LogLine> {
    logs.lines()
        .into_iter()
        .map(|(level, message)| LogLine {
            level: match level {
                jsbox::LogLevel::Debug => "debug",
                jsbox::LogLevel::Info => "info",
                jsbox::LogLevel::Warn => "warn",
                jsbox::LogLevel::Error => "error",
            },
            message,
        })
        .collect()
}

impl Service {
    /// The execution metrics and the access log line of an execute request
    /// (never its args, secrets or keys).
    fn record(&self, record: &Record<'_>, status: u16, started: Instant) {
        let seconds = started.elapsed().as_secs_f64();
        self.metrics.executions.with_label_values(&[record.tenant, record.outcome]).inc();
        if record.id.is_some() {
            self.metrics.duration.with_label_values(&[record.tenant]).observe(seconds);
        }
        tracing::info!(
            target: "jsbox::access",
            id = record.id.unwrap_or("-"),
            tenant = record.tenant,
            outcome = record.outcome,
            status,
            duration_ms = (seconds * 1000.0 * 1000.0).round() / 1000.0,
            "execute"
        );
    }
}

/// Liveness: the process serves HTTP.
#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "Alive", body = String)))]
pub async fn healthz() -> &'static str {
    "ok"
}

/// Readiness: accepting executions (not while draining for shutdown).
#[utoipa::path(
    get,
    path = "/readyz",
    responses((status = 200, description = "Ready", body = String), (status = 503, description = "Draining", body = ErrorReply))
)]
pub async fn readyz(State(service): State<Arc<Service>>) -> Response {
    if service.ready.load(std::sync::atomic::Ordering::SeqCst) {
        "ready".into_response()
    } else {
        error(StatusCode::SERVICE_UNAVAILABLE, "draining", "shutting down: not accepting new executions")
    }
}

/// Prometheus metrics (text format).
#[utoipa::path(get, path = "/metrics", responses((status = 200, description = "Prometheus text format", body = String)))]
pub async fn metrics(State(service): State<Arc<Service>>) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], service.metrics.render()).into_response()
}

/// This API's description.
#[utoipa::path(get, path = "/v1/openapi.json", responses((status = 200, description = "OpenAPI 3.1", body = Object)))]
pub async fn openapi() -> Response {
    axum::Json(super::openapi_document()).into_response()
}

pub async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "not-found", "no such route; see /v1/openapi.json")
}

pub async fn method_not_allowed() -> Response {
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        "this route does not take that method; see /v1/openapi.json",
    )
}
