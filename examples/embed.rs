//! Embedding jsbox with helpers: one sync helper and one async helper,
//! registered once, serving two tenants through each execution's context.
//!
//! ```sh
//! cargo run --release --example embed
//! ```

use std::time::Duration;

use serde_json::{Value, json};

const SCRIPT: &str = r#"
    async function execute({ customerId, query }) {
        const customer = crm.lookup(customerId);          // sync: the value itself
        const [hits, more] = await Promise.all([          // async: in flight together
            tools.search(query),
            tools.search(query + " pricing"),
        ]);
        log("looked up", customer.name);
        return { customer, hits: hits.concat(more) };
    }
"#;

#[tokio::main]
async fn main() -> Result<(), jsbox::Error> {
    let mut config = jsbox::EngineConfig::default();
    // One registry for every tenant: the context says whose data to use.
    config.helpers.add_sync("crm.lookup", |call| {
        let tenant = call.context["tenant"].as_str().unwrap_or_default();
        let id = call.args.first().and_then(Value::as_u64).ok_or("crm.lookup(id): id must be a number")?;
        match (tenant, id) {
            ("acme", 1) => Ok(json!({"id": 1, "name": "Ada Lovelace", "tenant": tenant})),
            ("globex", 1) => Ok(json!({"id": 1, "name": "Hank Scorpio", "tenant": tenant})),
            _ => Err(jsbox::HelperError::new(format!("no customer {id}")).with_code("not-found")),
        }
    })?;
    config.helpers.add_async("tools.search", |call| async move {
        tokio::time::sleep(Duration::from_millis(20)).await; // a slow backend
        let query = call.args.first().and_then(Value::as_str).unwrap_or_default().to_owned();
        let tenant = call.context["tenant"].as_str().unwrap_or_default().to_owned();
        Ok(json!([format!("{tenant}: top result for {query:?} (execution {})", call.execution_id)]))
    })?;
    let engine = jsbox::Engine::new(config)?;
    let policy = jsbox::Policy::default().allow_helper("crm.lookup").allow_helper("tools.*");

    for tenant in ["acme", "globex"] {
        let execution = jsbox::Execution::new(SCRIPT)
            .args(json!({"customerId": 1, "query": "rust sandbox"}))
            .context(json!({"tenant": tenant}));
        let out = engine.run(&policy, execution).await?;
        println!("{tenant}: {} ({} helper calls)", out.result, out.stats.helper_calls);
    }
    Ok(())
}
