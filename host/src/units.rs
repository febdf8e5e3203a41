//! Sizes as policies, configs and messages write them: `32MiB`, `512KiB`,
//! a number of bytes; shown back as `16.0 MiB`.

/// Parses a size like `32MiB`, `512KiB`, `1GB` or a plain number of bytes.
///
/// ```
/// assert_eq!(jsbox::parse_size("32MiB"), Ok(32 << 20));
/// assert_eq!(jsbox::parse_size("4096"), Ok(4096));
/// assert!(jsbox::parse_size("lots").is_err());
/// ```
pub fn parse_size(text: &str) -> Result<u64, String> {
    text.trim()
        .parse::<bytesize::ByteSize>()
        .map(|size| size.as_u64())
        .map_err(|e| format!("invalid size {text:?} ({e}); use e.g. 32MiB, 512KiB or a number of bytes"))
}

/// A size as error messages show it: `16.0 MiB` (the inverse of [`parse_size`]).
pub(crate) fn display_size(bytes: u64) -> impl std::fmt::Display {
    bytesize::ByteSize::b(bytes).display().iec()
}

/// Serde for sizes as the policy reads them — a number of bytes, or a
/// string for [`parse_size`] — for an embedder's own configuration types.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Settings {
///     #[serde(with = "jsbox::size")]
///     max_body: u64,
/// }
/// let settings: Settings = serde_json::from_str(r#"{"max_body": "4MiB"}"#).unwrap();
/// assert_eq!(settings.max_body, 4 << 20);
/// ```
pub mod size {
    use serde::{Deserialize, Deserializer, Serializer, de};

    /// Writes the number of bytes.
    pub fn serialize<S: Serializer>(bytes: &u64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(*bytes)
    }

    /// Reads a number of bytes, or a string like `32MiB`.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Size {
            Bytes(u64),
            Text(String),
        }
        match Size::deserialize(deserializer)? {
            Size::Bytes(bytes) => Ok(bytes),
            Size::Text(text) => super::parse_size(&text).map_err(de::Error::custom),
        }
    }
}
