//! JSON that crosses a trust boundary: a script's result and its helpers'
//! arguments (from the guest), helper endpoints' answers, args and service
//! requests (from clients).
//!
//! One rule for all of them: nesting up to [`MAX_DEPTH`] levels is accepted
//! and comes back intact; deeper is refused by a linear scan *before* any
//! recursive code runs. serde_json's own guard (128 levels) is lifted for
//! these parses, and the recursive descent runs on a stack that grows on the
//! heap as needed ([`serde_stacker`]), so the depth allowed never depends on
//! the stack of the thread that happens to parse.

use serde::de::DeserializeOwned;

/// How deeply arrays and objects may nest in JSON that jsbox exchanges with
/// scripts, helpers and clients.
///
/// ```
/// let deep = "[".repeat(jsbox::json::MAX_DEPTH) + &"]".repeat(jsbox::json::MAX_DEPTH);
/// assert!(jsbox::json::from_str::<serde_json::Value>(&deep).is_ok());
/// let deeper = format!("[{deep}]");
/// assert!(matches!(jsbox::json::from_str::<serde_json::Value>(&deeper), Err(jsbox::json::JsonError::TooDeep { .. })));
/// ```
pub const MAX_DEPTH: usize = 2_000;

/// Why JSON text was refused.
///
/// ```
/// let error = jsbox::json::from_str::<serde_json::Value>("{nope").unwrap_err();
/// assert!(matches!(error, jsbox::json::JsonError::Invalid(_)));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// Arrays and objects nest deeper than [`MAX_DEPTH`].
    #[error("nested more than {limit} levels deep (at byte {at})")]
    TooDeep {
        /// The limit, [`MAX_DEPTH`].
        limit: usize,
        /// Where the nesting first went over it.
        at: usize,
    },
    /// Not JSON (or not the expected shape).
    #[error("{0}")]
    Invalid(serde_json::Error),
}

/// Parses `text` as a `T`, nesting up to [`MAX_DEPTH`] levels.
///
/// ```
/// let value: serde_json::Value = jsbox::json::from_str(r#"{"a": [1, 2]}"#).unwrap();
/// assert_eq!(value["a"][1], 2);
/// ```
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    from_slice(text.as_bytes())
}

/// Parses `bytes` as a `T`, nesting up to [`MAX_DEPTH`] levels.
///
/// ```
/// let value: Vec<u32> = jsbox::json::from_slice(b"[1, 2, 3]").unwrap();
/// assert_eq!(value, [1, 2, 3]);
/// ```
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, JsonError> {
    check_depth(bytes)?;
    let mut json = serde_json::Deserializer::from_slice(bytes);
    json.disable_recursion_limit();
    let value = T::deserialize(serde_stacker::Deserializer::new(&mut json)).map_err(JsonError::Invalid)?;
    json.end().map_err(JsonError::Invalid)?;
    Ok(value)
}

/// Refuses JSON text whose arrays and objects nest deeper than
/// [`MAX_DEPTH`] (brackets inside strings do not count). Text that is not
/// JSON passes: the parser says what is wrong with it.
///
/// ```
/// assert!(jsbox::json::check_depth(br#"[["]]]]"]]"#).is_ok());
/// assert!(jsbox::json::check_depth("[".repeat(2_001).as_bytes()).is_err());
/// ```
pub fn check_depth(bytes: &[u8]) -> Result<(), JsonError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (at, &byte) in bytes.iter().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(JsonError::TooDeep { limit: MAX_DEPTH, at });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Parses JSON the guest wrote (a result, a helper's arguments).
/// `JSON.stringify` writes a lone surrogate as an escape (`"\ud800"`) that is
/// not Unicode; those become U+FFFD, as they do in log lines.
pub(crate) fn from_guest(json: &str) -> Result<serde_json::Value, JsonError> {
    match from_str(json) {
        Err(JsonError::Invalid(_)) => from_str(&replace_lone_surrogates(json)),
        parsed => parsed,
    }
}

fn replace_lone_surrogates(json: &str) -> String {
    let hex = |at: usize| json.get(at..at + 4).and_then(|h| u16::from_str_radix(h, 16).ok());
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len());
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        // Inside JSON strings a backslash always starts an escape.
        if bytes.get(i + 1) != Some(&b'u') {
            i += 2;
            continue;
        }
        let unit = hex(i + 2).unwrap_or(0);
        let paired_low = bytes.get(i + 6..i + 8) == Some(b"\\u".as_slice())
            && hex(i + 8).is_some_and(|low| (0xDC00..0xE000).contains(&low));
        match unit {
            0xD800..0xDC00 if paired_low => i += 12,
            0xD800..0xE000 => {
                out.push_str(&json[copied..i]);
                out.push_str("\\ufffd");
                i += 6;
                copied = i;
            }
            _ => i += 6,
        }
    }
    out.push_str(&json[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_correctly_rounded_as_javascript_parses_them() {
        // Found by `make fuzz` (fuzz/regressions/helper_answer/a-long-number):
        // 129 digits of 3 parsed a last digit off, and changed again when
        // written and parsed back.
        for text in ["3".repeat(129), "3.3333333333333332e+128".into(), "0.1".into(), "2.2250738585072011e-308".into()] {
            let parsed: serde_json::Value = from_str(&text).unwrap();
            assert_eq!(parsed.as_f64(), Some(text.parse::<f64>().unwrap()), "{text}");
            assert_eq!(from_str::<serde_json::Value>(&parsed.to_string()).unwrap(), parsed, "{text} round-trips");
        }
    }
    use serde_json::{Value, json};

    fn nested(levels: usize) -> String {
        "{\"a\":".repeat(levels) + "1" + &"}".repeat(levels)
    }

    #[test]
    fn lone_surrogate_escapes_become_replacement_characters() {
        let parsed = from_guest(r#"["\ud800", "a\udc00b", "\ud83d\ude00", "\\ud800", "\n\ud800x"]"#).unwrap();
        assert_eq!(parsed, json!(["\u{FFFD}", "a\u{FFFD}b", "\u{1F600}", "\\ud800", "\n\u{FFFD}x"]));
    }

    #[test]
    fn invalid_json_from_the_guest_is_refused() {
        assert!(matches!(from_guest("{nope"), Err(JsonError::Invalid(_))));
        assert!(matches!(from_guest("[1] 2"), Err(JsonError::Invalid(_))));
    }

    #[test]
    fn nesting_up_to_the_limit_parses_on_a_small_stack_and_deeper_is_refused() {
        // A thread with a quarter of the stack MAX_DEPTH levels of
        // serde_json's recursion need (measured: over 2 MiB for objects):
        // the parse grows its stack on the heap.
        std::thread::Builder::new()
            .stack_size(512 << 10)
            .spawn(|| {
                let value: Value = from_str(&nested(MAX_DEPTH)).unwrap();
                let mut depth = 0;
                let mut at = &value;
                while let Some(inner) = at.get("a") {
                    depth += 1;
                    at = inner;
                }
                assert_eq!((depth, at), (MAX_DEPTH, &json!(1)));
                // Dropping and writing it need far less (~100 bytes a level).
                assert_eq!(serde_json::to_string(&value).unwrap(), nested(MAX_DEPTH));
                drop(value);
            })
            .unwrap()
            .join()
            .unwrap();
        match from_str::<Value>(&nested(MAX_DEPTH + 1)) {
            Err(JsonError::TooDeep { limit, at }) => assert_eq!((limit, at), (MAX_DEPTH, MAX_DEPTH * 5)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn brackets_in_strings_do_not_count() {
        let text = format!("[\"{}\", \"\\\"{}\"]", "[".repeat(5_000), "{".repeat(5_000));
        assert_eq!(from_str::<Value>(&text).unwrap()[0].as_str().unwrap().len(), 5_000);
        assert!(check_depth(b"\"\\\\\" [[]]").is_ok());
    }
}
