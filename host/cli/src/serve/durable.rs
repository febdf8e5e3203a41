//! Durable executions in the service: `POST /v1/execute` answers 202 when
//! the script suspends, `POST /v1/executions/{id}/resume` carries on with
//! the results of its pending calls, `GET /v1/executions/{id}` tells where
//! it stands, and executions whose timer is due are resumed by the service
//! itself. Each tenant sees only its own: a continuation is bound to its
//! tenant, and another's id is 404 like an unknown one. What an execution
//! the service resumed on its own returned is kept in the store for `GET`.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::api::{self, ErrorReply};
use super::{Service, Tenant};

/// The service's durable settings.
pub struct Durability {
    /// Sealing key and store; the tenant is set per request.
    pub durable: jsbox::Durable,
    /// Executions this process is resuming on their timer, with their
    /// tenant: between the end of such a resume and its answer being kept,
    /// `GET` says `running` rather than not found.
    waking: std::sync::Mutex<std::collections::HashMap<String, String>>,
}

/// Takes an execution off `waking` however its resume ends.
struct Waking<'a>(&'a Durability, String);

impl Drop for Waking<'_> {
    fn drop(&mut self) {
        self.0.waking.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.1);
    }
}

impl Durability {
    /// Continuations in `dir` (see `jsbox run --suspend-dir`), or in Redis
    /// at `redis` (the key then only from `$JSBOX_CONTINUATION_KEY`).
    pub async fn open(dir: Option<&std::path::Path>, redis: Option<&str>) -> Result<Option<Durability>, String> {
        let durable = match (dir, redis) {
            (_, Some(url)) => {
                let hex = std::env::var(crate::durable::KEY_VARIABLE).map_err(|_| {
                    format!("service.suspend_redis needs the sealing key in ${}", crate::durable::KEY_VARIABLE)
                })?;
                let key = jsbox::ContinuationKey::from_hex(&hex)
                    .map_err(|e| format!("{}: {e}", crate::durable::KEY_VARIABLE))?;
                let store = jsbox::RedisStore::connect(url).await.map_err(|e| e.to_string())?;
                jsbox::Durable::new(key, store)
            }
            (Some(dir), None) => crate::durable::open(dir)?,
            (None, None) => return Ok(None),
        };
        Ok(Some(Durability { durable, waking: Default::default() }))
    }

    fn for_tenant(&self, tenant: &Tenant) -> jsbox::Durable {
        self.durable.clone().tenant(tenant.name.clone())
    }
}

/// `POST /v1/executions/{id}/resume`: the results of pending calls.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResumeRequest {
    /// By call id: the call's result, or `{"error": "message"}` (optionally
    /// with `"code"`) for a call that failed.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub results: serde_json::Map<String, Value>,
}

/// What `GET /v1/executions/{id}` answers for an execution that ended after
/// the service resumed it.
#[derive(Debug, Serialize, Deserialize)]
struct Kept {
    tenant: String,
    status: u16,
    body: Value,
}

fn not_found(id: &str) -> Response {
    api::error(StatusCode::NOT_FOUND, "not-found", format!("no execution {id} of this tenant is suspended or known"))
}

fn not_durable() -> Response {
    api::error(
        StatusCode::NOT_FOUND,
        "not-found",
        "this service keeps no suspended executions (configure service.suspend_dir)",
    )
}

/// Resumes an execution of the calling tenant with results of its pending calls.
#[utoipa::path(
    post,
    path = "/v1/executions/{id}/resume",
    request_body = ResumeRequest,
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The execution's id")),
    responses(
        (status = 200, description = "The result", body = api::ExecuteResult),
        (status = 202, description = "Suspended again", body = api::SuspendedReply),
        (status = 400, description = "A malformed request, or results for calls it does not await", body = ErrorReply),
        (status = 404, description = "No such suspended execution of this tenant", body = ErrorReply),
        (status = 409, description = "`continuation-used`: it was already resumed from this suspension", body = ErrorReply),
        (status = 410, description = "`continuation-expired`: suspended longer than its policy's max_suspended", body = ErrorReply),
        (status = 422, description = "The script failed", body = ErrorReply),
    )
)]
pub async fn resume(
    State(service): State<Arc<Service>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let Some(tenant) = service.authenticate(&headers) else { return api::unauthorized() };
    let Some(durability) = &service.durability else { return not_durable() };
    if body.len() as u64 > service.max_body_bytes {
        return api::error(StatusCode::PAYLOAD_TOO_LARGE, "request-too-large", "the request body is over the limit");
    }
    let request: ResumeRequest = match jsbox::json::from_slice(&body) {
        Ok(request) => request,
        Err(e) => return api::error(StatusCode::BAD_REQUEST, "invalid-request", format!("not a resume request: {e}")),
    };
    let mut resume = jsbox::Resume::new(id.as_str()).modules(tenant.modules.clone());
    for (call_id, value) in request.results {
        let Ok(call_id) = call_id.parse::<u32>() else {
            return api::error(StatusCode::BAD_REQUEST, "invalid-request", format!("{call_id:?} is not a call id"));
        };
        resume = match failure(&value) {
            Some(error) => resume.error(call_id, error),
            None => resume.result(call_id, value),
        };
    }
    let logs = jsbox::MemorySink::default();
    let resume = resume.logs(Arc::new(logs.clone()));
    let run = service.engine.resume(&durability.for_tenant(tenant), resume).await;
    respond(&id, run, &logs)
}

/// `{"error": "message", "code"?: "…"}` (or `{"error": {"message", "code"}}`): a failed call.
fn failure(value: &Value) -> Option<jsbox::HelperError> {
    let object = value.as_object()?;
    if !object.keys().all(|k| k == "error" || k == "code") {
        return None;
    }
    let error = object.get("error")?;
    let (message, code) = match error {
        Value::String(message) => (message.clone(), object.get("code")),
        Value::Object(inner) => (inner.get("message")?.as_str()?.to_string(), inner.get("code")),
        _ => return None,
    };
    let mut error = jsbox::HelperError::new(message);
    error.code = code.and_then(Value::as_str).map(str::to_owned);
    Some(error)
}

/// How a resume ended, as an answer.
fn respond(id: &str, run: Result<jsbox::Run, jsbox::Error>, logs: &jsbox::MemorySink) -> Response {
    match run {
        Ok(jsbox::Run::Suspended(suspended)) => {
            (StatusCode::ACCEPTED, axum::Json(api::SuspendedReply::new(&suspended, api::log_lines(logs))))
                .into_response()
        }
        Ok(jsbox::Run::Done(outcome)) => api::outcome_response(id, Ok(outcome), logs).2,
        Err(e) => match e.kind() {
            "continuation-invalid" => not_found(id),
            "continuation-used" => api::error(StatusCode::CONFLICT, e.kind(), e.to_string()),
            "continuation-expired" => api::error(StatusCode::GONE, e.kind(), e.to_string()),
            _ => api::outcome_response(id, Err(e), logs).2,
        },
    }
}

/// Where an execution of the calling tenant stands.
#[utoipa::path(
    get,
    path = "/v1/executions/{id}",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The execution's id")),
    responses(
        (status = 200, description = "Suspended (what it awaits), or ended after the service resumed it (its answer, with `status`)", body = Object),
        (status = 404, description = "No such execution of this tenant", body = ErrorReply),
    )
)]
pub async fn status(State(service): State<Arc<Service>>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let Some(tenant) = service.authenticate(&headers) else { return api::unauthorized() };
    let Some(durability) = &service.durability else { return not_durable() };
    match service.engine.inspect(&durability.for_tenant(tenant), &id).await {
        Ok(suspended) => {
            return (StatusCode::OK, axum::Json(api::SuspendedReply::new(&suspended, Vec::new()))).into_response();
        }
        Err(e) if e.kind() != "continuation-invalid" => {
            return api::error(StatusCode::INTERNAL_SERVER_ERROR, e.kind(), e.to_string());
        }
        Err(_) => {}
    }
    let kept = match durability.durable.store().answer(&id).await {
        Ok(answer) => answer.and_then(|text| serde_json::from_str::<Kept>(&text).ok()),
        Err(_) => None,
    };
    let kept = kept.filter(|kept| kept.tenant == tenant.name);
    let waking = durability.waking.lock().unwrap_or_else(|p| p.into_inner()).get(&id) == Some(&tenant.name);
    if kept.is_none() && waking {
        // Resumed on its timer right now: its answer is on the way.
        return (StatusCode::OK, axum::Json(serde_json::json!({ "id": id, "status": "running" }))).into_response();
    }
    match kept {
        Some(kept) => {
            let mut body = kept.body;
            if let Some(object) = body.as_object_mut() {
                object.insert("status".into(), Value::from(if kept.status == 200 { "done" } else { "failed" }));
                object.insert("http_status".into(), Value::from(kept.status));
            }
            (StatusCode::OK, axum::Json(body)).into_response()
        }
        None => not_found(&id),
    }
}

/// Resumes, every `interval`, the suspended executions whose timer is due
/// (of every tenant), keeping what each ended with for `GET`. Replicas
/// sharing the directory may all try: each continuation is resumed once.
pub async fn wake_due(service: Arc<Service>, interval: Duration) {
    let Some(durability) = &service.durability else { return };
    let mut ticks = tokio::time::interval(interval);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let due = match durability.durable.store().due(SystemTime::now(), 256).await {
            Ok(due) => due,
            Err(e) => {
                tracing::warn!(target: "jsbox::serve", "listing due executions: {e}");
                continue;
            }
        };
        for (id, tenant_name) in due {
            let Some(tenant) = service.tenants.iter().find(|t| t.name == tenant_name) else { continue };
            durability.waking.lock().unwrap_or_else(|p| p.into_inner()).insert(id.clone(), tenant.name.clone());
            let _waking = Waking(durability, id.clone());
            let logs = jsbox::MemorySink::default();
            let resume = jsbox::Resume::new(id.as_str()).modules(tenant.modules.clone()).logs(Arc::new(logs.clone()));
            let run = service.engine.resume(&durability.for_tenant(tenant), resume).await;
            let (status, body) = match run {
                Ok(jsbox::Run::Suspended(_)) => continue,
                Err(e) if e.kind() == "continuation-used" => continue,
                Ok(jsbox::Run::Done(outcome)) => api::outcome_body(&id, Ok(outcome), &logs),
                Err(e) => api::outcome_body(&id, Err(e), &logs),
            };
            tracing::info!(target: "jsbox::access", id = %id, tenant = %tenant.name, status = status.as_u16(), "resumed on its timer");
            let kept = Kept { tenant: tenant.name.clone(), status: status.as_u16(), body };
            let text = serde_json::to_string(&kept).unwrap_or_default();
            if let Err(e) = durability.durable.store().keep_answer(&id, text).await {
                tracing::warn!(target: "jsbox::serve", "keeping the answer of {id}: {e}");
            }
        }
    }
}
