//! `jsbox serve`, end to end over real HTTP on 127.0.0.1: the execute API and
//! its statuses, tenants (keys, ceilings, quotas, helpers, secrets), the
//! queue, metrics, readiness and graceful shutdown.

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use jsbox_tests::*;
use serde_json::{Value, json};

/// A `jsbox serve` process on 127.0.0.1 (ephemeral port), killed on drop.
struct Served {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
    stderr: std::path::PathBuf,
}

impl Served {
    fn start(config: Option<&str>, extra: &[&str]) -> Served {
        let dir = tempfile::tempdir().unwrap();
        let addr_file = dir.path().join("addr");
        let stderr = dir.path().join("stderr");
        let mut args = vec!["serve".to_string(), "--listen".into(), "127.0.0.1:0".into()];
        args.extend(["--addr-file".into(), addr_file.display().to_string()]);
        if let Some(text) = config {
            let path = dir.path().join("jsbox.toml");
            std::fs::write(&path, text).unwrap();
            args.extend(["--config".into(), path.display().to_string()]);
        }
        args.extend(extra.iter().map(|s| s.to_string()));
        let mut child = Command::new(jsbox_bin())
            .args(&args)
            .env("JSBOX_CACHE_DIR", cache_dir())
            .env("JSBOX_LOG", "info")
            .env("JSBOX_LOG_FORMAT", "json")
            .env("SERVICE_TEST_SECRET", "env-s3cret")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .expect("start jsbox serve");
        let until = Instant::now() + Duration::from_secs(30);
        while !addr_file.exists() {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("jsbox serve exited with {status}: {}", std::fs::read_to_string(&stderr).unwrap_or_default());
            }
            assert!(Instant::now() < until, "jsbox serve did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        let base = format!("http://{}", std::fs::read_to_string(&addr_file).unwrap().trim());
        Served { child, base, _dir: dir, stderr }
    }

    fn post(&self, key: Option<&str>, body: impl Into<reqwest::Body>) -> (u16, Value, reqwest::header::HeaderMap) {
        let mut request = client().post(format!("{}/v1/execute", self.base)).body(body);
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        answer(request)
    }

    fn get(&self, path: &str) -> (u16, String) {
        block_on(async {
            let response = client().get(format!("{}{path}", self.base)).send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        })
    }

    fn terminate(&self) {
        let status = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(status.success());
    }

    fn wait_exit(&mut self, bound: Duration) -> Option<i32> {
        let until = Instant::now() + bound;
        while Instant::now() < until {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    fn logs(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// The log once it contains `text` (the service writes its log from a
    /// background thread), or as it is after 10 s.
    fn logs_with(&self, text: &str) -> String {
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let logs = self.logs();
            if logs.contains(text) || Instant::now() > until {
                return logs;
            }
            std::thread::yield_now();
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client() -> &'static reqwest::Client {
    static CLIENT: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    CLIENT.get_or_init(|| reqwest::Client::builder().no_proxy().build().unwrap())
}

fn answer(request: reqwest::RequestBuilder) -> (u16, Value, reqwest::header::HeaderMap) {
    block_on(async {
        let response = request.send().await.unwrap();
        let (status, headers) = (response.status().as_u16(), response.headers().clone());
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)), headers)
    })
}

fn execute(script: &str, args: Value, policy: Option<Value>) -> String {
    let mut body = json!({"script": script, "args": args});
    if let Some(policy) = policy {
        body["policy"] = policy;
    }
    body.to_string()
}

fn hash(key: &str) -> String {
    jsbox_cli::serve::config::hash_key(key)
}

/// Two tenants: acme (may reach `api`, with a secret for it and a helper at
/// `helper`, quota 2) and globex (default ceiling, timeout 5s).
fn two_tenants(api: &TestServer, helper: &str, extra_service: &str) -> String {
    format!(
        r#"
        [service]
        slots = 4
        queue = 4
        max_body_bytes = "64KiB"
        {extra_service}

        [[tenants]]
        name = "acme"
        api_keys = ["{acme}"]
        max_concurrency = 2
        [tenants.policy]
        memory = "32MiB"
        timeout = "5s"
        network = {{ allow_hosts = ["{host}"], secrets = {{ API_TOKEN = {{ hosts = ["{host}"], env = "SERVICE_TEST_SECRET" }} }} }}
        helpers = {{ endpoints = {{ "crm.lookup" = "{helper}" }} }}

        [[tenants]]
        name = "globex"
        api_keys = ["{globex}"]
        [tenants.policy]
        timeout = "5s"
        "#,
        acme = hash("acme-key"),
        globex = hash("globex-key"),
        host = api.host(),
    )
}

/// A helper endpoint on 127.0.0.1 answering `{"tenant-sees": args}`.
fn helper_endpoint() -> String {
    use axum::routing::post;
    let app = axum::Router::new().route(
        "/helpers",
        post(|body: String| async move {
            let call: Value = serde_json::from_str(&body).unwrap_or_default();
            axum::Json(json!({"helper": call["helper"], "args": call["args"]}))
        }),
    );
    let listener = block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let url = format!("http://{}/helpers", listener.local_addr().unwrap());
    runtime().spawn(async move { axum::serve(listener, app).await });
    url
}

#[test]
fn execute_answers_200_with_id_result_stats_and_logs() {
    let served = Served::start(None, &[]);
    let (status, body, _) = served.post(
        None,
        execute(
            "function execute(a) { log('doubling', a.n); console.warn('w'); return a.n * 2 }",
            json!({"n": 21}),
            None,
        ),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"], 42);
    assert_eq!(body["id"].as_str().map(str::len), Some(36));
    assert!(body["stats"]["peak_memory"].as_u64().unwrap() > 0);
    assert_eq!(body["logs"], json!([{"level": "info", "message": "doubling 21"}, {"level": "warn", "message": "w"}]));
}

#[test]
fn script_failures_are_422_with_the_clis_kinds() {
    let served = Served::start(None, &[]);
    for (script, policy, kind) in [
        ("function execute() { log('before'); throw new Error('boom') }", None, "exception"),
        ("function execute() { return 1 +; }", None, "syntax"),
        ("function run() {}", None, "missing-execute"),
        ("function execute() { for (;;) {} }", Some(json!({"timeout": "200ms"})), "timeout"),
        (
            "function execute() { const a = []; for (;;) a.push([1, 2, 3]) }",
            Some(json!({"memory": "16MiB"})),
            "memory-limit",
        ),
    ] {
        let (status, body, _) = served.post(None, execute(script, json!({}), policy));
        assert_eq!((status, body["error"]["kind"].as_str()), (422, Some(kind)), "{body}");
        assert!(body["id"].is_string() && body["logs"].is_array(), "{body}");
    }
    let (_, body, _) =
        served.post(None, execute("function execute() { log('before'); throw new Error('boom') }", json!({}), None));
    assert_eq!(body["error"]["message"], "Error: boom");
    assert!(body["error"]["stack"].as_str().unwrap().contains("script.js:1"), "{body}");
    assert_eq!(body["logs"][0]["message"], "before");
}

#[test]
fn malformed_requests_are_400_and_odd_routes_404_or_405() {
    let served = Served::start(None, &[]);
    let deep =
        format!("{{\"script\": \"function execute() {{}}\", \"args\": {}1{}}}", "[".repeat(5000), "]".repeat(5000));
    for body in [
        "not json".to_string(),
        "{}".to_string(),
        r#"{"script": 5}"#.to_string(),
        r#"{"script": "function execute() {}", "args": {"a": 1, "a": 2}}"#.to_string(),
        r#"{"script": "function execute() {}", "script": "function execute() {}"}"#.to_string(),
        r#"{"script": "function execute() {}", "extra": 1}"#.to_string(),
        r#"{"script": "function execute() {}", "args": 1e400}"#.to_string(),
        deep,
    ] {
        let (status, reply, _) = served.post(None, body.clone());
        assert_eq!((status, reply["error"]["kind"].as_str()), (400, Some("invalid-request")), "{body:.80}: {reply}");
    }
    let (status, reply, _) = served.post(None, vec![b'{', 0xff, 0xfe, b'}']);
    assert_eq!(status, 400, "{reply}");
    let (status, reply, _) = served.post(None, execute("function execute() {}", json!({}), Some(json!({"memroy": 1}))));
    assert_eq!((status, reply["error"]["kind"].as_str()), (400, Some("invalid-policy")), "{reply}");
    let (status, reply) = served.get("/v1/nothing");
    assert_eq!(status, 404, "{reply}");
    assert_eq!(serde_json::from_str::<Value>(&reply).unwrap()["error"]["kind"], "not-found");
    let (status, reply) = served.get("/v1/execute");
    assert_eq!(status, 405, "{reply}");
    assert_eq!(serde_json::from_str::<Value>(&reply).unwrap()["error"]["kind"], "method-not-allowed");
}

#[test]
fn a_body_over_the_cap_is_413() {
    let api = TestServer::start();
    let served = Served::start(Some(&two_tenants(&api, "http://127.0.0.1:9/h", "")), &[]);
    let big = execute("function execute(a) { return a.s.length }", json!({"s": "x".repeat(100 << 10)}), None);
    let (status, reply, _) = served.post(Some("acme-key"), big);
    assert_eq!((status, reply["error"]["kind"].as_str()), (413, Some("request-too-large")), "{reply}");
    // Without a Content-Length (chunked), too.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = (0..100).map(|_| Ok(vec![b' '; 1024])).collect();
    let stream = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    let (status, _, _) = served.post(Some("acme-key"), stream);
    assert_eq!(status, 413);
}

#[test]
fn api_keys_identify_tenants() {
    let api = TestServer::start();
    let served = Served::start(Some(&two_tenants(&api, "http://127.0.0.1:9/h", "")), &[]);
    let script = execute("function execute() { return 1 }", json!({}), None);
    for key in [None, Some("wrong-key"), Some("")] {
        let (status, reply, _) = served.post(key, script.clone());
        assert_eq!((status, reply["error"]["kind"].as_str()), (401, Some("unauthorized")), "{key:?}");
    }
    assert_eq!(served.post(Some("acme-key"), script.clone()).0, 200);
    assert_eq!(served.post(Some("globex-key"), script).0, 200);
    let logs = served.logs_with(r#""tenant":"globex""#);
    assert!(logs.contains(r#""tenant":"acme""#) && logs.contains(r#""tenant":"globex""#), "{logs}");
    assert!(!logs.contains("acme-key") && !logs.contains("globex-key"), "keys in the access log: {logs}");
}

#[test]
fn a_tenants_repeated_script_runs_from_its_own_cached_bytecode() {
    let api = TestServer::start();
    let served = Served::start(Some(&two_tenants(&api, "http://127.0.0.1:9/h", "")), &[]);
    let script = execute("function execute(a) { return a.n + 1 }", json!({"n": 1}), None);
    let cached = |key: &str| {
        let (status, reply, _) = served.post(Some(key), script.clone());
        assert_eq!((status, &reply["result"]), (200, &json!(2)), "{reply}");
        reply["stats"]["cached_bytecode"].as_bool().expect("stats.cached_bytecode")
    };
    assert_eq!([cached("acme-key"), cached("acme-key")], [false, true]);
    // Another tenant cannot tell that acme ran this script.
    assert_eq!([cached("globex-key"), cached("globex-key")], [false, true]);
}

#[test]
fn a_request_may_lower_its_tenants_ceiling_but_not_raise_it() {
    let api = TestServer::start();
    let served = Served::start(Some(&two_tenants(&api, "http://127.0.0.1:9/h", "")), &[]);
    let spin = "function execute() { for (;;) {} }";
    let started = Instant::now();
    let (status, reply, _) =
        served.post(Some("globex-key"), execute(spin, json!({}), Some(json!({"timeout": "300ms"}))));
    assert_eq!((status, reply["error"]["kind"].as_str()), (422, Some("timeout")), "{reply}");
    assert!(started.elapsed() < Duration::from_secs(3));
    for (policy, field) in [
        (json!({"timeout": "1h"}), "timeout"),
        (json!({"memory": "1GiB"}), "memory"),
        (json!({"network": {"allow_hosts": ["evil.test"]}}), "network.allow_hosts"),
        (json!({"network": {"secrets": {"X": {"hosts": ["evil.test"], "value": "v"}}}}), "network.secrets"),
        (json!({"helpers": {"endpoints": {"x.y": "http://127.0.0.1:1/"}}}), "helpers.endpoints"),
    ] {
        let (status, reply, _) =
            served.post(Some("acme-key"), execute("function execute() {}", json!({}), Some(policy)));
        assert_eq!((status, reply["error"]["field"].as_str()), (403, Some(field)), "{reply}");
        assert_eq!(reply["error"]["kind"], "policy-above-ceiling");
    }
}

#[test]
fn tenant_helpers_and_secrets_work_through_the_service() {
    let api = TestServer::start();
    let helper = helper_endpoint();
    let served = Served::start(Some(&two_tenants(&api, &helper, "")), &[]);
    let script = r#"
        async function execute({ base }) {
            const customer = await crm.lookup(7);
            const echoed = await http.sendPostRequest({ Authorization: "Bearer " + secrets.API_TOKEN }, base + "echo", {});
            return { customer, authorization: echoed.authorization };
        }
    "#;
    let (status, reply, _) = served.post(Some("acme-key"), execute(script, json!({"base": api.base()}), None));
    assert_eq!(status, 200, "{reply}");
    assert_eq!(reply["result"]["customer"], json!({"helper": "crm.lookup", "args": [7]}));
    assert_eq!(reply["result"]["authorization"], "Bearer {{secrets.API_TOKEN}}", "the script never sees the value");
    assert!(!reply.to_string().contains("env-s3cret") && !served.logs().contains("env-s3cret"));
    // globex has neither.
    let (_, reply, _) = served.post(
        Some("globex-key"),
        execute("function execute() { return [typeof crm, typeof secrets] }", json!({}), None),
    );
    assert_eq!(reply["result"], json!(["undefined", "undefined"]));
}

/// A script that holds its sandbox for `ms` milliseconds.
fn hold(ms: u64) -> String {
    execute(
        &format!("async function execute() {{ await new Promise((r) => setTimeout(r, {ms})); return 'held' }}"),
        json!({}),
        None,
    )
}

#[test]
fn over_quota_is_429_and_a_full_queue_503_both_with_retry_after() {
    let api = TestServer::start();
    // 4 slots + 4 queued: acme may have 2 in flight; globex fills the rest.
    let served = Served::start(Some(&two_tenants(&api, "http://127.0.0.1:9/h", "")), &[]);
    let statuses = block_on(async {
        let base = served.base.clone();
        let send = |key: &'static str, body: String| {
            let base = base.clone();
            tokio::spawn(async move {
                let response =
                    client().post(format!("{base}/v1/execute")).bearer_auth(key).body(body).send().await.unwrap();
                let retry = response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
                (key, response.status().as_u16(), retry)
            })
        };
        // acme's two first, admitted and running before anyone else arrives.
        let mut tasks: Vec<_> = (0..2).map(|_| send("acme-key", hold(1500))).collect();
        wait_for_gauge(&base, "jsbox_executions_in_flight", 2).await;
        tasks.push(send("acme-key", hold(1500)));
        tasks.extend((0..10).map(|_| send("globex-key", hold(1500))));
        let mut out = Vec::new();
        for task in tasks {
            out.push(task.await.unwrap());
        }
        out
    });
    let count = |key: &str, status: u16| statuses.iter().filter(|(k, s, _)| *k == key && *s == status).count();
    assert_eq!((count("acme-key", 200), count("acme-key", 429)), (2, 1), "{statuses:?}");
    assert_eq!(count("globex-key", 200), 6, "8 admitted in all: {statuses:?}");
    assert_eq!(count("globex-key", 503), 4, "{statuses:?}");
    assert!(
        statuses.iter().filter(|(_, s, _)| *s != 200).all(|(_, _, retry)| retry.as_deref() == Some("1")),
        "{statuses:?}"
    );
}

/// Polls `/metrics` (bounded) until `gauge` reads `value`.
async fn wait_for_gauge(base: &str, gauge: &str, value: i64) {
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        let text = client().get(format!("{base}/metrics")).send().await.unwrap().text().await.unwrap();
        if text.lines().any(|l| l == format!("{gauge} {value}")) {
            return;
        }
        assert!(Instant::now() < until, "{gauge} never read {value}:\n{text}");
        tokio::task::yield_now().await;
    }
}

#[test]
fn metrics_count_executions_and_requests() {
    let served = Served::start(None, &[]);
    let before = served.get("/metrics").1;
    served.post(None, execute("function execute() { return 1 }", json!({}), None));
    served.post(None, execute("function execute() { throw 1 }", json!({}), None));
    served.get("/nope");
    let (status, after) = served.get("/metrics");
    assert_eq!(status, 200);
    let value = |text: &str, line: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with(line))
            .and_then(|l| l.rsplit(' ').next())
            .map_or(0.0, |v| v.parse().unwrap())
    };
    for (metric, by) in [
        ("jsbox_executions_total{outcome=\"ok\",tenant=\"anonymous\"}", 1.0),
        ("jsbox_executions_total{outcome=\"exception\",tenant=\"anonymous\"}", 1.0),
        ("jsbox_execution_duration_seconds_count{tenant=\"anonymous\"}", 2.0),
        ("jsbox_http_requests_total{route=\"/v1/execute\",status=\"200\"}", 1.0),
        ("jsbox_http_requests_total{route=\"/v1/execute\",status=\"422\"}", 1.0),
        ("jsbox_http_requests_total{route=\"other\",status=\"404\"}", 1.0),
    ] {
        assert_eq!(value(&after, metric) - value(&before, metric), by, "{metric}\n{after}");
    }
    for gauge in ["jsbox_executions_in_flight 0", "jsbox_queue_depth 0"] {
        assert!(after.contains(gauge), "{after}");
    }
}

#[test]
fn metrics_can_have_a_listener_of_their_own() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let served = Served::start(None, &["--metrics-listen", &port.to_string()]);
    assert_eq!(served.get("/metrics").0, 404, "not on the main listener");
    let text =
        block_on(async { client().get(format!("http://{port}/metrics")).send().await.unwrap().text().await.unwrap() });
    assert!(text.contains("jsbox_queue_depth"), "{text}");
}

#[test]
fn on_sigterm_readyz_turns_not_ready_in_flight_work_finishes_and_the_process_exits_0() {
    let mut served = Served::start(None, &["--drain-delay", "1s", "--grace", "10s"]);
    assert_eq!(served.get("/readyz"), (200, "ready".to_string()));
    let base = served.base.clone();
    let in_flight = runtime().spawn(async move {
        let response = client().post(format!("{base}/v1/execute")).body(hold(1500)).send().await.unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    });
    std::thread::sleep(Duration::from_millis(300)); // the request is in (its sandbox waits on a timer)
    served.terminate();
    std::thread::sleep(Duration::from_millis(200));
    let (status, reply) = served.get("/readyz");
    assert_eq!(status, 503, "draining: {reply}");
    assert_eq!(served.get("/healthz").0, 200, "alive while draining");
    let (status, reply) = block_on(in_flight).unwrap();
    assert_eq!(status, 200, "the in-flight request finished: {reply}");
    assert_eq!(served.wait_exit(Duration::from_secs(10)), Some(0), "{}", served.logs());
}

#[test]
fn without_tenants_only_loopback_is_allowed() {
    let out = Command::new(jsbox_bin()).args(["serve", "--listen", "0.0.0.0:0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("without tenants") && stderr.contains("0.0.0.0"), "{stderr}");
}

#[test]
fn a_bad_config_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "[[tenants]]\nname = \"a\"\napi_keys = [\"nope\"]\n").unwrap();
    let out =
        Command::new(jsbox_bin()).args(["serve", "--config", path.to_str().unwrap(), "--check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("64 hex digits"));
}

#[test]
fn hash_key_prints_what_goes_in_the_config() {
    let mut child = Command::new(jsbox_bin())
        .args(["serve", "hash-key"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"acme-key\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), hash("acme-key"));
}

#[test]
fn the_openapi_description_covers_the_routes() {
    let served = Served::start(None, &[]);
    let (status, text) = served.get("/v1/openapi.json");
    assert_eq!(status, 200);
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in ["/v1/execute", "/healthz", "/readyz", "/metrics"] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    let schemas = &doc["components"]["schemas"];
    for schema in ["ExecuteRequest", "ExecuteResult", "ErrorReply", "Policy", "NetworkPolicy", "Stats"] {
        assert!(schemas[schema].is_object(), "{schema} missing: {}", schemas);
    }
    assert!(doc["paths"]["/v1/execute"]["post"]["responses"]["429"].is_object());
}

#[test]
fn tenant_modules_and_typescript_requests_work_through_the_service() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.ts");
    std::fs::write(&lib, "export function triple(n: number): number { return n * 3 }\n").unwrap();
    let config = format!(
        "[[tenants]]\nname = \"acme\"\napi_keys = [\"{}\"]\n[tenants.modules]\n\"@acme/math\" = {:?}\n\n\
         [[tenants]]\nname = \"other\"\napi_keys = [\"{}\"]\n",
        hash("acme-key"),
        lib.display().to_string(),
        hash("other-key"),
    );
    let served = Served::start(Some(&config), &[]);
    let script = "import { triple } from '@acme/math';\nexport default (a: { n: number }): number => triple(a.n);\n";
    let body = |extra: Value| {
        let mut request = json!({"script": script, "args": {"n": 14}});
        request.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        request.to_string()
    };
    let (status, value, _) = served.post(Some("acme-key"), body(json!({"language": "typescript"})));
    assert_eq!((status, &value["result"]), (200, &json!(42)), "{value}");
    let (status, value, _) = served.post(Some("acme-key"), body(json!({"typescript": true})));
    assert_eq!(
        (status, &value["result"], &value["stats"]["cached_bytecode"]),
        (200, &json!(42), &json!(true)),
        "{value}"
    );
    // As JavaScript, the annotations are a syntax error.
    let (status, value, _) = served.post(Some("acme-key"), body(json!({})));
    assert_eq!((status, value["error"]["kind"].as_str()), (422, Some("syntax")), "{value}");
    let (status, value, _) = served.post(Some("acme-key"), body(json!({"language": "javascript", "typescript": true})));
    assert_eq!(status, 400, "{value}");
    // Another tenant's modules are not there; a request may narrow them away.
    let (status, value, _) = served.post(Some("other-key"), body(json!({"language": "typescript"})));
    assert_eq!(status, 422, "{value}");
    assert!(value["error"]["message"].as_str().unwrap().contains("Cannot find module '@acme/math'"), "{value}");
    let (status, value, _) = served.post(
        Some("acme-key"),
        body(json!({"language": "typescript", "policy": {"modules": {"allow": ["@acme/other"]}}})),
    );
    assert_eq!(status, 403, "{value}");
}

#[test]
fn hostile_inputs_get_their_4xx_and_every_tenant_is_served_throughout() {
    let api = TestServer::start();
    let config = two_tenants(&api, "http://127.0.0.1:9/helpers", "").replace("\"64KiB\"", "\"1MiB\"");
    let served = Served::start(Some(&config), &[]);
    // /healthz is asked every 20 ms from start to end, from a thread of its
    // own (plain HTTP/1.1 over a socket): every answer is 200.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let poller = {
        let stop = stop.clone();
        let addr = served.base.trim_start_matches("http://").to_string();
        std::thread::spawn(move || {
            use std::io::{Read, Write};
            let (mut asked, mut failed) = (0, Vec::new());
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                asked += 1;
                let answer = std::net::TcpStream::connect(&addr).and_then(|mut stream| {
                    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
                    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: jsbox\r\nConnection: close\r\n\r\n")?;
                    let mut text = String::new();
                    stream.read_to_string(&mut text)?;
                    Ok(text)
                });
                match answer {
                    Ok(text) if text.starts_with("HTTP/1.1 200") => {}
                    other => failed.push(format!("{other:?}")),
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            (asked, failed)
        })
    };
    let body = |code: &str| format!("function execute() {{ {code} }}");
    let deep = |levels: usize| format!("{}1{}", "[".repeat(levels), "]".repeat(levels));
    let nest = |levels: usize| format!("let v = 1; for (let i = 0; i < {levels}; i++) v = [v]; return v;");
    let typescript = |source: String| json!({"script": source, "language": "typescript"}).to_string();
    let cases: Vec<(&str, String, u16, &str, &str)> = vec![
        (
            "60,000 nested generics",
            typescript(format!(
                "type A<T> = T;\nlet x: {}number{} = 1;\nfunction execute() {{ return x }}",
                "A<".repeat(60_000),
                ">".repeat(60_000)
            )),
            422,
            "syntax",
            "nests too deeply",
        ),
        (
            "60,000 chained arrows",
            typescript(format!("const f = {}1;\nfunction execute() {{ return 1 }}", "a => ".repeat(60_000))),
            422,
            "syntax",
            "nests too deeply",
        ),
        (
            "a malformed time zone",
            execute(&body("return new Intl.DateTimeFormat('en-US', { timeZone: '+1é1' }).format(0)"), json!({}), None),
            422,
            "exception",
            "RangeError",
        ),
        (
            "a time zone in toLocaleString",
            execute(&body("return new Date(0).toLocaleString('en-US', { timeZone: '+12é0' })"), json!({}), None),
            422,
            "exception",
            "RangeError",
        ),
        ("a result 1,000 levels deep", execute(&body(&nest(1_000)), json!({}), None), 200, "ok", ""),
        (
            "a result deeper than jsbox's JSON",
            execute(&body(&nest(3_000)), json!({}), None),
            422,
            "output-limit",
            "levels deep",
        ),
        (
            "args 1,000 levels deep",
            format!(r#"{{"script": "function execute(a) {{ return a }}", "args": {}}}"#, deep(1_000)),
            200,
            "ok",
            "",
        ),
        (
            "args deeper than jsbox's JSON",
            format!(r#"{{"script": "function execute(a) {{ return a }}", "args": {}}}"#, deep(3_000)),
            400,
            "invalid-request",
            "levels deep",
        ),
        (
            "a secret in a URL's user:password",
            execute(
                &body(&format!(
                    "return http.sendPostRequest({{}}, 'http://u:' + secrets.API_TOKEN + '@{}/echo', {{}})",
                    api.host()
                )),
                json!({}),
                None,
            ),
            422,
            "network-denied",
            "user:password",
        ),
    ];
    for (what, request, status, kind, says) in cases {
        let (got, value, _) = served.post(Some("acme-key"), request);
        let got_kind = value["error"]["kind"].as_str().unwrap_or("ok");
        assert_eq!((got, got_kind), (status, kind), "{what}: {value:.300}");
        assert!(value["error"]["message"].as_str().unwrap_or_default().contains(says), "{what}: {value:.300}");
        assert!(!value.to_string().contains("env-s3cret"), "{what}: the secret's value came back");
        if what.contains("1,000") {
            assert!(value.to_string().contains(&deep(1_000)), "{what}: not intact");
        }
        // Another tenant, in the same second: served.
        let asked = Instant::now();
        let (other, value, _) = served.post(Some("globex-key"), execute(&body("return 7"), json!({}), None));
        assert_eq!((other, &value["result"]), (200, &json!(7)), "after {what}: {value}");
        assert!(asked.elapsed() < Duration::from_secs(1), "after {what}: globex waited {:?}", asked.elapsed());
        assert_eq!(served.get("/healthz"), (200, "ok".to_string()), "after {what}");
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let (asked, failed) = poller.join().unwrap();
    assert!(asked > 0 && failed.is_empty(), "/healthz failed {} of {asked} times: {failed:?}", failed.len());
}

#[test]
fn keep_warm_serves_the_same_answers_and_still_shuts_down_promptly() {
    // `--keep-warm` keeps the workers polling after each request; the
    // answers, an idle gap longer than the window (the spinners sleep, the
    // next request wakes them) and a graceful shutdown behave as without it.
    let mut served = Served::start(None, &["--keep-warm", "2ms"]);
    let script = execute("function execute(args) { return args.n * 2 }", json!({"n": 21}), None);
    for _ in 0..20 {
        let (status, reply, _) = served.post(None, script.clone());
        assert_eq!((status, reply["result"].as_i64()), (200, Some(42)), "{reply}");
    }
    // An idle gap well past the window (the gap is what is tested): the
    // spinners go to sleep, and the next request wakes them.
    std::thread::sleep(Duration::from_millis(50));
    let (status, reply, _) = served.post(None, script);
    assert_eq!((status, reply["result"].as_i64()), (200, Some(42)), "{reply}");
    served.terminate();
    assert_eq!(served.wait_exit(Duration::from_secs(20)), Some(0), "spinning workers held up the shutdown");
}

#[test]
fn keep_warm_in_the_config_file_is_a_duration() {
    let served = Served::start(Some("[service]\nkeep_warm = \"1ms\"\n"), &[]);
    let script = execute("function execute() { return 'warm' }", json!({}), None);
    assert_eq!(served.post(None, script).1["result"], "warm");
    let out = Command::new(jsbox_bin())
        .args(["serve", "--check", "--config", "/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(b"[service]\nkeep_warm = \"warm\"\n")?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("keep_warm"), "{}", String::from_utf8_lossy(&out.stderr));
}
