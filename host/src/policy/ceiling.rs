//! Policies as ceilings: what a multi-tenant host grants a tenant is a
//! ceiling, and each request may ask for less — lower limits, fewer hosts,
//! fewer helpers — never more. A pure function on policy values.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::Error;
use crate::policy::Policy;
use crate::policy::hosts::{AllowList, Entry, parse_entry};

/// Why a request's policy cannot be granted under a ceiling.
///
/// ```
/// let ceiling = jsbox::Policy::default().memory(64 << 20);
/// let error = ceiling.narrowed(&serde_json::json!({"memory": "1GiB"})).unwrap_err();
/// assert!(matches!(&error, jsbox::NarrowError::AboveCeiling { field, .. } if field == "memory"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NarrowError {
    /// The request asks for more than the ceiling grants in `field` (a
    /// dotted path such as `network.allow_hosts`).
    #[error("{field}: {message}")]
    AboveCeiling {
        /// Which field.
        field: String,
        /// What was asked and what the ceiling grants.
        message: String,
    },
    /// The request is not a partial policy (unknown field, wrong type, an
    /// entry that does not parse): an `invalid-policy` error.
    #[error(transparent)]
    Invalid(Error),
}

impl Policy {
    /// This policy, as a ceiling, narrowed by `request`: a JSON object with
    /// any of the [`Policy`] fields (`null` or `{}` asks for the ceiling
    /// itself). Each field given must stay within the ceiling — a limit at
    /// or below it (a budget like `fuel` only when the ceiling has one or
    /// more), every allowed host covered by the ceiling's allow-list, schemes
    /// and helpers a subset, HTTP-backed helpers only those of the ceiling
    /// with the same URL. `network.secrets` cannot be asked for; the
    /// ceiling's secrets stay, with only the hosts the narrowed allow-list
    /// still reaches (a secret left with none is dropped).
    ///
    /// ```
    /// use serde_json::json;
    /// let ceiling = jsbox::Policy::default().allow_host("*.example.com").timeout(std::time::Duration::from_secs(10));
    /// let granted = ceiling.narrowed(&json!({"timeout": "2s", "network": {"allow_hosts": ["api.example.com"]}})).unwrap();
    /// assert_eq!(granted.timeout, std::time::Duration::from_secs(2));
    /// assert_eq!(granted.network.allow_hosts, ["api.example.com"]);
    /// assert!(ceiling.narrowed(&json!({"network": {"allow_hosts": ["evil.test"]}})).is_err());
    /// ```
    pub fn narrowed(&self, request: &Value) -> Result<Policy, NarrowError> {
        let fields = match request {
            Value::Null => return Ok(self.clone()),
            Value::Object(fields) => fields,
            _ => return Err(invalid("the policy must be a JSON object".into())),
        };
        if let Some(network) = fields.get("network").and_then(Value::as_object)
            && network.contains_key("secrets")
        {
            return Err(above("network.secrets", "secrets come from the tenant's configuration, not from a request"));
        }
        let asked: Policy = serde_json::from_value(request.clone()).map_err(|e| invalid(e.to_string()))?;
        let mut granted = self.clone();
        for key in fields.keys() {
            match key.as_str() {
                "memory" => granted.memory = at_most("memory", asked.memory, self.memory)?,
                "fuel" => granted.fuel = budget("fuel", asked.fuel, self.fuel)?,
                "timeout" => granted.timeout = at_most("timeout", asked.timeout, self.timeout)?,
                "max_log_bytes" => granted.max_log_bytes = at_most(key, asked.max_log_bytes, self.max_log_bytes)?,
                "max_log_lines" => granted.max_log_lines = at_most(key, asked.max_log_lines, self.max_log_lines)?,
                "max_result_bytes" => {
                    granted.max_result_bytes = at_most(key, asked.max_result_bytes, self.max_result_bytes)?
                }
                "network" => self.narrow_network(&fields[key], &asked, &mut granted)?,
                "helpers" => self.narrow_helpers(&fields[key], &asked, &mut granted)?,
                "modules" => self.narrow_modules(&fields[key], &asked, &mut granted)?,
                // Suspending timers sooner only takes load off the host.
                "suspend_timers_after" => granted.suspend_timers_after = asked.suspend_timers_after,
                "max_suspended" => granted.max_suspended = at_most(key, asked.max_suspended, self.max_suspended)?,
                other => return Err(not_narrowable(other)),
            }
        }
        granted.validate().map_err(NarrowError::Invalid)?;
        Ok(granted)
    }

    fn narrow_network(&self, given: &Value, asked: &Policy, granted: &mut Policy) -> Result<(), NarrowError> {
        let (want, have, out) = (&asked.network, &self.network, &mut granted.network);
        for key in object_keys(given) {
            let field = format!("network.{key}");
            match key {
                "allow_hosts" => {
                    let ceiling = AllowList::parse(have).map_err(NarrowError::Invalid)?;
                    for host in &want.allow_hosts {
                        let entry = parse_entry(host).map_err(NarrowError::Invalid)?;
                        if !ceiling.covers(&entry) {
                            return Err(above(
                                &field,
                                &format!("{host:?} is not within the allowed hosts {:?}", have.allow_hosts),
                            ));
                        }
                    }
                    out.allow_hosts = want.allow_hosts.clone();
                }
                "schemes" => {
                    if let Some(scheme) =
                        want.schemes.iter().find(|s| !have.schemes.iter().any(|h| h.eq_ignore_ascii_case(s)))
                    {
                        return Err(above(&field, &format!("{scheme:?} is not among {:?}", have.schemes)));
                    }
                    out.schemes = want.schemes.clone();
                }
                "max_in_flight" => out.max_in_flight = at_most(&field, want.max_in_flight, have.max_in_flight)?,
                "max_request_bytes" => {
                    out.max_request_bytes = at_most(&field, want.max_request_bytes, have.max_request_bytes)?
                }
                "max_requests" => out.max_requests = at_most(&field, want.max_requests, have.max_requests)?,
                "max_redirects" => out.max_redirects = at_most(&field, want.max_redirects, have.max_redirects)?,
                "max_response_bytes" => {
                    out.max_response_bytes = at_most(&field, want.max_response_bytes, have.max_response_bytes)?
                }
                "request_timeout" => out.request_timeout = at_most(&field, want.request_timeout, have.request_timeout)?,
                _ => return Err(not_narrowable(&field)),
            }
        }
        // Secrets keep their hosts as far as the narrowed allow-list still
        // reaches them: a secret host within an allowed entry stays, an
        // allowed entry within a secret host takes its place.
        let allowed: Vec<(&String, Entry)> =
            out.allow_hosts.iter().filter_map(|text| parse_entry(text).ok().map(|entry| (text, entry))).collect();
        let mut secrets = BTreeMap::new();
        for (name, secret) in &have.secrets {
            let mut hosts: Vec<String> = Vec::new();
            for host in &secret.hosts {
                let Ok(entry) = parse_entry(host) else { continue };
                for (text, allow) in &allowed {
                    let kept = if entry.covered_by(allow) {
                        host
                    } else if allow.covered_by(&entry) {
                        *text
                    } else {
                        continue;
                    };
                    if !hosts.contains(kept) {
                        hosts.push(kept.clone());
                    }
                }
            }
            if !hosts.is_empty() {
                let mut secret = secret.clone();
                secret.hosts = hosts;
                secrets.insert(name.clone(), secret);
            }
        }
        out.secrets = secrets;
        Ok(())
    }

    fn narrow_helpers(&self, given: &Value, asked: &Policy, granted: &mut Policy) -> Result<(), NarrowError> {
        let (want, have, out) = (&asked.helpers, &self.helpers, &mut granted.helpers);
        for key in object_keys(given) {
            let field = format!("helpers.{key}");
            match key {
                "allow" => {
                    for entry in &want.allow {
                        let covered = have.allow.iter().any(|allowed| {
                            allowed == entry
                                || allowed.strip_suffix(".*").is_some_and(|prefix| {
                                    entry.strip_suffix(".*").unwrap_or(entry).starts_with(&format!("{prefix}."))
                                })
                        });
                        if !covered {
                            return Err(above(&field, &format!("{entry:?} is not among {:?}", have.allow)));
                        }
                    }
                    out.allow = want.allow.clone();
                }
                "endpoints" => {
                    for (name, url) in &want.endpoints {
                        if have.endpoints.get(name) != Some(url) {
                            return Err(above(
                                &field,
                                &format!("{name:?} at {url:?} is not one of the configured helpers"),
                            ));
                        }
                    }
                    out.endpoints = want.endpoints.clone();
                    // The ceiling's types go with the endpoints kept.
                    out.schemas.retain(|name, _| out.endpoints.contains_key(name));
                }
                "max_calls" => out.max_calls = at_most(&field, want.max_calls, have.max_calls)?,
                "max_args_bytes" => out.max_args_bytes = at_most(&field, want.max_args_bytes, have.max_args_bytes)?,
                "max_result_bytes" => {
                    out.max_result_bytes = at_most(&field, want.max_result_bytes, have.max_result_bytes)?
                }
                "max_in_flight" => out.max_in_flight = at_most(&field, want.max_in_flight, have.max_in_flight)?,
                _ => return Err(not_narrowable(&field)),
            }
        }
        Ok(())
    }
}

impl Policy {
    fn narrow_modules(&self, given: &Value, asked: &Policy, granted: &mut Policy) -> Result<(), NarrowError> {
        for key in object_keys(given) {
            let field = format!("modules.{key}");
            match key {
                "allow" => {
                    for entry in &asked.modules.allow {
                        let covered = self.modules.allow.iter().any(|allowed| {
                            allowed == entry
                                || allowed == "*"
                                || allowed
                                    .strip_suffix('*')
                                    .is_some_and(|scope| scope.ends_with('/') && entry.starts_with(scope))
                        });
                        if !covered {
                            return Err(above(&field, &format!("{entry:?} is not among {:?}", self.modules.allow)));
                        }
                    }
                    granted.modules.allow = asked.modules.allow.clone();
                }
                _ => return Err(not_narrowable(&field)),
            }
        }
        Ok(())
    }
}

fn object_keys(value: &Value) -> impl Iterator<Item = &str> {
    value.as_object().map(Map::keys).into_iter().flatten().map(String::as_str)
}

fn at_most<T: PartialOrd + std::fmt::Debug>(field: &str, asked: T, ceiling: T) -> Result<T, NarrowError> {
    if asked > ceiling {
        return Err(above(field, &format!("{asked:?} is above the ceiling of {ceiling:?}")));
    }
    Ok(asked)
}

/// A budget where `None` is unlimited: a request may set one (at most the
/// ceiling's), never drop the ceiling's.
fn budget(field: &str, asked: Option<u64>, ceiling: Option<u64>) -> Result<Option<u64>, NarrowError> {
    match (asked, ceiling) {
        (None, Some(ceiling)) => Err(above(field, &format!("unlimited is above the ceiling of {ceiling}"))),
        (Some(asked), Some(ceiling)) if asked > ceiling => {
            Err(above(field, &format!("{asked} is above the ceiling of {ceiling}")))
        }
        (asked, _) => Ok(asked),
    }
}

/// A field this function does not know how to compare: refused rather than
/// granted blindly.
fn not_narrowable(field: &str) -> NarrowError {
    above(field, "this field cannot be set by a request")
}

fn above(field: &str, message: &str) -> NarrowError {
    NarrowError::AboveCeiling { field: field.to_string(), message: message.to_string() }
}

fn invalid(message: String) -> NarrowError {
    NarrowError::Invalid(Error::InvalidPolicy { message })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use serde_json::json;

    use super::*;
    use crate::Secret;

    fn ceiling() -> Policy {
        let mut policy = Policy::default()
            .memory(64 << 20)
            .timeout(Duration::from_secs(10))
            .fuel(1_000_000)
            .allow_host("*.example.com")
            .allow_host("127.0.0.1:9000")
            .allow_helper("crm.*")
            .secret("TOKEN", Secret::value("v").host("api.example.com").host("127.0.0.1:9000"));
        policy.helpers.endpoints.insert("db.query".into(), "http://127.0.0.1:9001/h".into());
        policy
    }

    fn field_of(error: NarrowError) -> String {
        match error {
            NarrowError::AboveCeiling { field, .. } => field,
            NarrowError::Invalid(e) => panic!("expected above-ceiling, got {e}"),
        }
    }

    #[test]
    fn endpoints_narrowed_keep_their_types_and_drop_the_others() {
        let mut ceiling = ceiling();
        ceiling.helpers.endpoints.insert("db.write".into(), "http://127.0.0.1:9001/w".into());
        for name in ["db.query", "db.write"] {
            ceiling.helpers.schemas.insert(name.into(), crate::HelperSchema::new(json!({"type": "object"})));
        }
        let granted = ceiling
            .narrowed(&json!({"helpers": {"endpoints": {"db.query": "http://127.0.0.1:9001/h"}}}))
            .expect("a narrower set of endpoints");
        assert_eq!(granted.helpers.schemas.keys().collect::<Vec<_>>(), ["db.query"]);
        granted.validate().expect("a narrowed policy is valid");
    }

    #[test]
    fn nothing_asked_is_the_ceiling() {
        assert_eq!(ceiling().narrowed(&json!({})).unwrap(), ceiling());
        assert_eq!(ceiling().narrowed(&Value::Null).unwrap(), ceiling());
    }

    #[test]
    fn lower_limits_and_narrower_lists_are_granted() {
        let asked = json!({
            "memory": "16MiB", "timeout": "1s", "fuel": 500, "max_log_lines": 5,
            "network": {"allow_hosts": ["api.example.com:443"], "schemes": ["https"], "max_requests": 3},
            "helpers": {"allow": ["crm.lookup"], "endpoints": {"db.query": "http://127.0.0.1:9001/h"}, "max_calls": 2}
        });
        let granted = ceiling().narrowed(&asked).unwrap();
        assert_eq!((granted.memory, granted.timeout, granted.fuel), (16 << 20, Duration::from_secs(1), Some(500)));
        assert_eq!(granted.max_log_lines, 5);
        assert_eq!(granted.network.allow_hosts, ["api.example.com:443"]);
        assert_eq!(granted.network.max_requests, 3);
        assert_eq!(granted.helpers.allow, ["crm.lookup"]);
        assert_eq!(granted.helpers.max_calls, 2);
        // Untouched fields keep the ceiling's values.
        assert_eq!(granted.max_result_bytes, ceiling().max_result_bytes);
        // The secret keeps only what the narrowed allow-list still reaches.
        assert_eq!(granted.network.secrets["TOKEN"].hosts, ["api.example.com:443"]);
        let no_secret_hosts = ceiling().narrowed(&json!({"network": {"allow_hosts": ["www.example.com"]}})).unwrap();
        assert!(no_secret_hosts.network.secrets.is_empty());
    }

    #[test]
    fn raising_or_widening_is_refused_with_the_field() {
        for (asked, field) in [
            (json!({"memory": "1GiB"}), "memory"),
            (json!({"timeout": "11s"}), "timeout"),
            (json!({"fuel": 2_000_000}), "fuel"),
            (json!({"fuel": null}), "fuel"),
            (json!({"max_result_bytes": "20MiB"}), "max_result_bytes"),
            (json!({"network": {"allow_hosts": ["evil.test"]}}), "network.allow_hosts"),
            (json!({"network": {"allow_hosts": ["*"]}}), "network.allow_hosts"),
            (json!({"network": {"allow_hosts": ["example.com"]}}), "network.allow_hosts"),
            (json!({"network": {"allow_hosts": ["127.0.0.1"]}}), "network.allow_hosts"),
            (json!({"network": {"max_requests": 1000}}), "network.max_requests"),
            (json!({"network": {"secrets": {}}}), "network.secrets"),
            (json!({"helpers": {"allow": ["billing.*"]}}), "helpers.allow"),
            (json!({"helpers": {"allow": ["crm"]}}), "helpers.allow"),
            (json!({"helpers": {"endpoints": {"db.query": "http://evil.test/"}}}), "helpers.endpoints"),
            (json!({"helpers": {"max_calls": 1_000_000}}), "helpers.max_calls"),
        ] {
            assert_eq!(field_of(ceiling().narrowed(&asked).unwrap_err()), field, "{asked}");
        }
    }

    #[test]
    fn a_request_that_is_not_a_policy_is_invalid() {
        for asked in [
            json!(5),
            json!({"memroy": 1}),
            json!({"memory": true}),
            json!({"network": {"allow_hosts": ["http://x/"]}}),
        ] {
            match ceiling().narrowed(&asked) {
                Err(NarrowError::Invalid(e)) => assert_eq!(e.kind(), "invalid-policy", "{asked}"),
                other => panic!("{asked}: {other:?}"),
            }
        }
    }

    #[test]
    fn an_unlimited_ceiling_grants_any_budget() {
        let granted = Policy::default().narrowed(&json!({"fuel": 5})).unwrap();
        assert_eq!(granted.fuel, Some(5));
    }
}
