//! A tiny stand-in for the API in the seed's example, on loopback.
use std::net::SocketAddr;
use std::path::PathBuf;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

pub(super) async fn serve(listen: SocketAddr, addr_file: Option<PathBuf>, token: String) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    if let Some(path) = addr_file {
        // Written whole, then renamed, so a reader never sees half of it.
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, addr.to_string())?;
        std::fs::rename(&tmp, &path)?;
    }
    eprintln!("demo-api listening on http://{addr}/");
    let app = Router::new()
        .route("/bcdr/device", get(devices))
        .route("/echo", post(echo))
        .route("/delay/{ms}", get(delay))
        .route("/helpers", post(helpers))
        .with_state(token);
    axum::serve(listener, app).await
}

async fn devices(
    State(token): State<String>,
    headers: HeaderMap,
    Query(query): Query<Vec<(String, String)>>,
) -> (StatusCode, Json<Value>) {
    let given = headers.get("authorization").and_then(|v| v.to_str().ok());
    if given != Some(token.as_str()) {
        return (StatusCode::UNAUTHORIZED, Json(json!({"error": "missing or wrong Authorization header"})));
    }
    let param = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let items = demo_devices();
    let page = json!({"page": param("_page"), "perPage": param("_perPage"), "totalCount": 3});
    (StatusCode::OK, Json(json!({"pagination": page, "items": items})))
}

/// The operator's helper endpoint of `make run-mcp` (`--helper
/// bcdr.devices=http://ADDR/helpers`): the seed's devices as a typed helper.
async fn helpers(Json(call): Json<Value>) -> (StatusCode, Json<Value>) {
    match call["helper"].as_str() {
        Some("bcdr.devices") => {
            let online_only = call["args"][0]["onlineOnly"].as_bool().unwrap_or(false);
            let items: Vec<Value> =
                demo_devices().into_iter().filter(|device| !online_only || device["online"] == true).collect();
            (StatusCode::OK, Json(json!({"totalCount": items.len(), "items": items})))
        }
        _ => (StatusCode::NOT_FOUND, Json(json!({"error": "no such helper", "code": "not-found"}))),
    }
}

fn demo_devices() -> Vec<Value> {
    vec![
        json!({"serialNumber": "DEMO-0001", "name": "backup-appliance-1", "model": "S3B2000", "online": true}),
        json!({"serialNumber": "DEMO-0002", "name": "backup-appliance-2", "model": "S3B4000", "online": true}),
        json!({"serialNumber": "DEMO-0003", "name": "siris-edge", "model": "E100", "online": false}),
    ]
}

/// Answers after MS milliseconds (at most a minute): for benchmarks of
/// sandboxes that wait.
async fn delay(axum::extract::Path(ms): axum::extract::Path<u64>) -> Json<Value> {
    tokio::time::sleep(std::time::Duration::from_millis(ms.min(60_000))).await;
    Json(json!({"delayed_ms": ms}))
}

async fn echo(headers: HeaderMap, Json(body): Json<Value>) -> Json<Value> {
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
    Json(json!({"received": body, "contentType": content_type}))
}
