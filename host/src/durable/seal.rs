//! Sealing a continuation: XChaCha20-Poly1305 under the embedder's key, over
//! the zstd-compressed payload, with a plaintext header (id, tenant,
//! generation, guest build, expiry) authenticated as associated data. Only
//! the key's holder can read or forge one; any change to a byte, a cut, or
//! another key fails to open.

use std::fmt;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The first bytes of every sealed continuation (format version 1).
const MAGIC: &[u8; 8] = b"JSBXCNT1";
const NONCE: usize = 24;
/// Longest header: ids and tenants are short.
const MAX_HEADER: usize = 4096;

/// The 256-bit key continuations are sealed with. Keep it as secret as the
/// data your scripts handle: whoever holds it can read suspended executions
/// and forge them. Its `Debug` shows no byte of it.
///
/// ```
/// let key = jsbox::ContinuationKey::generate();
/// let again = jsbox::ContinuationKey::from_hex(&key.to_hex())?;
/// assert_eq!(key.to_hex(), again.to_hex());
/// assert_eq!(format!("{key:?}"), "ContinuationKey(..)");
/// assert_eq!(jsbox::ContinuationKey::from_hex("00").unwrap_err().kind(), "invalid-policy");
/// # Ok::<(), jsbox::Error>(())
/// ```
#[derive(Clone)]
pub struct ContinuationKey([u8; 32]);

impl fmt::Debug for ContinuationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ContinuationKey(..)")
    }
}

impl ContinuationKey {
    /// A new random key, from the operating system's secure source.
    pub fn generate() -> Self {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).expect("the operating system's random source");
        ContinuationKey(key)
    }

    /// A key from its 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        ContinuationKey(bytes)
    }

    /// A key from 64 hexadecimal digits (surrounding whitespace ignored).
    pub fn from_hex(text: &str) -> Result<Self, Error> {
        let text = text.trim();
        let invalid =
            || Error::InvalidPolicy { message: "a continuation key is 64 hexadecimal digits (32 bytes)".into() };
        if text.len() != 64 || !text.is_ascii() {
            return Err(invalid());
        }
        let mut key = [0u8; 32];
        for (i, byte) in key.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|_| invalid())?;
        }
        Ok(ContinuationKey(key))
    }

    /// The key kept in `path` as 64 hexadecimal digits, made on first use
    /// (mode 0600; written whole, then linked into place). Of two processes
    /// making it at once, one makes it and both use the same key.
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("jsbox-doc-key-{}", std::process::id()));
    /// let made = jsbox::ContinuationKey::in_file(&path)?;
    /// assert_eq!(jsbox::ContinuationKey::in_file(&path)?.to_hex(), made.to_hex());
    /// # std::fs::remove_file(&path).ok();
    /// # Ok::<(), jsbox::Error>(())
    /// ```
    pub fn in_file(path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        use std::io::Write;
        let path = path.as_ref();
        let failed = |what: &str, e: std::io::Error| Error::InvalidPolicy {
            message: format!("cannot {what} the continuation key {}: {e}", path.display()),
        };
        let read = || -> Result<Self, Error> {
            let text = std::fs::read_to_string(path).map_err(|e| failed("read", e))?;
            Self::from_hex(&text).map_err(|e| Error::InvalidPolicy { message: format!("{}: {e}", path.display()) })
        };
        if path.exists() {
            return read();
        }
        // Written whole under a temporary name, then linked into place: a
        // process starting at the same moment never reads half a key.
        let key = Self::generate();
        let temp = path.with_file_name(format!(".key.{}.tmp", crate::id::ExecutionId::new()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let written = options.open(&temp).and_then(|mut file| {
            file.write_all(format!("{}\n", key.to_hex()).as_bytes()).and_then(|()| file.sync_all())
        });
        let linked = written.and_then(|()| std::fs::hard_link(&temp, path));
        std::fs::remove_file(&temp).ok();
        match linked {
            Ok(()) => Ok(key),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read(),
            Err(e) => Err(failed("create", e)),
        }
    }

    /// The key as 64 hexadecimal digits.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// What a continuation says about itself, readable without the payload
/// (and authenticated with it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Header {
    /// The execution's id.
    pub(crate) id: String,
    /// Who may resume it.
    pub(crate) tenant: String,
    /// 1 for the first suspension of an execution, then one more each time.
    pub(crate) generation: u32,
    /// The guest build the memory image belongs to (hex of its SHA-256).
    pub(crate) build: String,
    /// Unix time in milliseconds after which it may not be resumed.
    pub(crate) expires_ms: u64,
}

fn invalid(why: &str) -> Error {
    Error::ContinuationInvalid { message: format!("the continuation cannot be opened: {why}") }
}

/// Seals `payload` (already compressed) under `key`.
pub(crate) fn seal(key: &ContinuationKey, header: &Header, payload: &[u8]) -> Result<Vec<u8>, Error> {
    let header = serde_json::to_vec(header).map_err(Error::internal)?;
    let mut nonce = [0u8; NONCE];
    getrandom::fill(&mut nonce).map_err(Error::internal)?;
    let cipher = XChaCha20Poly1305::new((&key.0).into());
    let sealed = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: payload, aad: &header })
        .map_err(|_| Error::internal("sealing the continuation failed"))?;
    let mut out = Vec::with_capacity(MAGIC.len() + NONCE + 4 + header.len() + sealed.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens what [`seal`] made: the header and the payload, or
/// `continuation-invalid` (not a continuation, cut short, changed, or
/// sealed with another key).
pub(crate) fn open(key: &ContinuationKey, sealed: &[u8]) -> Result<(Header, Vec<u8>), Error> {
    let rest = sealed.strip_prefix(MAGIC.as_slice()).ok_or_else(|| invalid("it is not a jsbox continuation"))?;
    let truncated = || invalid("it is cut short");
    let nonce = rest.get(..NONCE).ok_or_else(truncated)?;
    let length = rest.get(NONCE..NONCE + 4).ok_or_else(truncated)?;
    let length = u32::from_le_bytes(length.try_into().expect("4 bytes")) as usize;
    if length > MAX_HEADER {
        return Err(invalid("its header is malformed"));
    }
    let header_bytes = rest.get(NONCE + 4..NONCE + 4 + length).ok_or_else(truncated)?;
    let body = &rest[NONCE + 4 + length..];
    let cipher = XChaCha20Poly1305::new((&key.0).into());
    let payload = cipher
        .decrypt(XNonce::from_slice(nonce), Payload { msg: body, aad: header_bytes })
        .map_err(|_| invalid("it was changed or cut short, or sealed with another key (authentication failed)"))?;
    // Authenticated: the header is the one this key sealed.
    let header: Header = serde_json::from_slice(header_bytes).map_err(|_| invalid("its header is malformed"))?;
    Ok((header, payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header { id: "x1".into(), tenant: "acme".into(), generation: 1, build: "ab".into(), expires_ms: 7 }
    }

    #[test]
    fn processes_making_the_key_file_at_once_all_get_the_same_whole_key() {
        for round in 0..20 {
            let dir = std::env::temp_dir().join(format!("jsbox-key-race-{}-{round}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("key");
            let keys: Vec<String> = std::thread::scope(|s| {
                let makers: Vec<_> =
                    (0..8).map(|_| s.spawn(|| ContinuationKey::in_file(&path).map(|k| k.to_hex()))).collect();
                makers.into_iter().map(|m| m.join().unwrap().unwrap()).collect()
            });
            assert!(keys.iter().all(|k| k == &keys[0]), "{keys:?}");
            let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&path).unwrap().permissions());
            assert_eq!(mode & 0o077, 0, "{mode:o}");
            let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
            assert_eq!(left, ["key"], "no temporary file left");
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }

    #[test]
    fn sealed_continuations_open_only_whole_and_with_their_key() {
        let key = ContinuationKey::generate();
        let sealed = seal(&key, &header(), b"payload").unwrap();
        assert_eq!(open(&key, &sealed).unwrap(), (header(), b"payload".to_vec()));
        assert!(!sealed.windows(7).any(|w| w == b"payload"), "the payload is encrypted");
        let other = ContinuationKey::generate();
        assert_eq!(open(&other, &sealed).unwrap_err().kind(), "continuation-invalid");
        for at in [0, 9, MAGIC.len() + NONCE + 6, sealed.len() - 1] {
            let mut changed = sealed.clone();
            changed[at] ^= 1;
            assert_eq!(open(&key, &changed).unwrap_err().kind(), "continuation-invalid", "byte {at}");
        }
        for len in [0, 5, 20, MAGIC.len() + NONCE + 2, sealed.len() - 1] {
            assert_eq!(open(&key, &sealed[..len]).unwrap_err().kind(), "continuation-invalid", "length {len}");
        }
    }

    #[test]
    fn keys_parse_from_hex_only() {
        let key = ContinuationKey::from_bytes([7; 32]);
        assert_eq!(ContinuationKey::from_hex(&format!(" {}\n", key.to_hex())).unwrap().0, [7; 32]);
        for bad in ["", "zz", &"0".repeat(63), &"g".repeat(64), &"é".repeat(32)] {
            assert!(ContinuationKey::from_hex(bad).is_err(), "{bad}");
        }
    }
}
