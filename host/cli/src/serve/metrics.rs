//! Prometheus metrics of the service, in base units, with bounded label
//! values: tenants come from the configuration, outcomes are error kinds,
//! routes are route templates (anything else is `other`).

use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry, TextEncoder};

/// The service's metrics and their registry.
pub struct Metrics {
    registry: Registry,
    /// `jsbox_executions_total{tenant,outcome}`: `ok` or the error kind.
    pub executions: IntCounterVec,
    /// `jsbox_execution_duration_seconds{tenant}`: from admission to outcome.
    pub duration: HistogramVec,
    /// `jsbox_executions_in_flight`: running in a sandbox now.
    pub in_flight: IntGauge,
    /// `jsbox_queue_depth`: admitted, waiting for a sandbox.
    pub queue_depth: IntGauge,
    /// `jsbox_http_requests_total{route,status}`.
    pub http_requests: IntCounterVec,
}

impl Metrics {
    pub fn new() -> Metrics {
        let registry = Registry::new();
        let executions = IntCounterVec::new(
            Opts::new("jsbox_executions_total", "Executions finished, by tenant and outcome (ok or the error kind)."),
            &["tenant", "outcome"],
        )
        .expect("a valid metric");
        let buckets =
            vec![0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0];
        let duration = HistogramVec::new(
            HistogramOpts::new("jsbox_execution_duration_seconds", "Time from admission to outcome, in seconds.")
                .buckets(buckets),
            &["tenant"],
        )
        .expect("a valid metric");
        let in_flight = IntGauge::new("jsbox_executions_in_flight", "Executions running in a sandbox now.").unwrap();
        let queue_depth = IntGauge::new("jsbox_queue_depth", "Admitted executions waiting for a sandbox.").unwrap();
        let http_requests = IntCounterVec::new(
            Opts::new("jsbox_http_requests_total", "HTTP requests answered, by route template and status."),
            &["route", "status"],
        )
        .expect("a valid metric");
        for metric in [
            Box::new(executions.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(duration.clone()),
            Box::new(in_flight.clone()),
            Box::new(queue_depth.clone()),
            Box::new(http_requests.clone()),
        ] {
            registry.register(metric).expect("metric names are unique");
        }
        Metrics { registry, executions, duration, in_flight, queue_depth, http_requests }
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        TextEncoder::new().encode(&self.registry.gather(), &mut out).expect("text encoding");
        String::from_utf8(out).expect("the text format is UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_names_every_metric() {
        let metrics = Metrics::new();
        metrics.executions.with_label_values(&["acme", "ok"]).inc();
        metrics.duration.with_label_values(&["acme"]).observe(0.002);
        metrics.http_requests.with_label_values(&["/v1/execute", "200"]).inc();
        let text = metrics.render();
        for name in [
            "jsbox_executions_total{outcome=\"ok\",tenant=\"acme\"} 1",
            "jsbox_execution_duration_seconds_bucket",
            "jsbox_executions_in_flight 0",
            "jsbox_queue_depth 0",
            "jsbox_http_requests_total{route=\"/v1/execute\",status=\"200\"} 1",
        ] {
            assert!(text.contains(name), "{name} missing from\n{text}");
        }
    }
}
