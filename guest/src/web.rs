//! The native side of the web-platform shims: where a standard defines the
//! behaviour and a well-kept Rust crate implements it, the shims call it
//! here (no host round trip): WHATWG URL and application/x-www-form-urlencoded
//! (`url`), the Encoding Standard (`encoding_rs`), forgiving-base64
//! (`base64`), digests and HMAC (RustCrypto), random bytes and the
//! monotonic clock (WASI).
//!
//! Strings reach these functions well-formed (the shims replace lone
//! surrogates first, as the standards' USVString conversion does).

use std::cell::{Cell, RefCell};
use std::time::Instant;

use base64::Engine as _;
use encoding_rs::{Decoder, DecoderResult, Encoding};
use javy::quickjs::{self as rquickjs, ArrayBuffer, Ctx, Function, Object, TypedArray};
use rquickjs::prelude::Opt;

/// Registers the natives on the shims' bridge object.
pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set("urlParse", Function::new(ctx.clone(), url_parse)?)?;
    native.set("urlSet", Function::new(ctx.clone(), url_set)?)?;
    native.set("formParse", Function::new(ctx.clone(), form_parse)?)?;
    native.set("formSerialize", Function::new(ctx.clone(), form_serialize)?)?;
    native.set("encodingForLabel", Function::new(ctx.clone(), encoding_for_label)?)?;
    native.set("decoderNew", Function::new(ctx.clone(), decoder_new)?)?;
    native.set("decoderDecode", Function::new(ctx.clone(), decoder_decode)?)?;
    native.set("decodeOnce", Function::new(ctx.clone(), decode_once)?)?;
    native.set("utf8Encode", Function::new(ctx.clone(), utf8_encode)?)?;
    native.set("utf8EncodeInto", Function::new(ctx.clone(), utf8_encode_into)?)?;
    native.set("atob", Function::new(ctx.clone(), atob)?)?;
    native.set("btoa", Function::new(ctx.clone(), btoa)?)?;
    native.set("digest", Function::new(ctx.clone(), digest)?)?;
    native.set("hmacSign", Function::new(ctx.clone(), hmac_sign)?)?;
    native.set("hmacVerify", Function::new(ctx.clone(), hmac_verify)?)?;
    native.set("randomFill", Function::new(ctx.clone(), random_fill)?)?;
    native.set("now", Function::new(ctx.clone(), now)?)?;
    native.set("isProxy", Function::new(ctx.clone(), is_proxy)?)?;
    Ok(())
}

/// Starts an execution's clock (`performance.now()` counts from here).
/// (Decoders made by the shims at init stay valid: every instance starts
/// from the snapshot, with the table as init left it.)
pub fn start_execution() {
    ORIGIN.with(|origin| origin.set(Some(Instant::now())));
}

// --- URL -----------------------------------------------------------------

/// href, protocol, username, password, host, hostname, port, pathname,
/// search, hash, origin: the getters of the URL standard.
fn components(url: &url::Url) -> Vec<String> {
    use url::quirks;
    vec![
        quirks::href(url).to_string(),
        quirks::protocol(url).to_string(),
        quirks::username(url).to_string(),
        quirks::password(url).to_string(),
        quirks::host(url).to_string(),
        quirks::hostname(url).to_string(),
        quirks::port(url).to_string(),
        quirks::pathname(url).to_string(),
        quirks::search(url).to_string(),
        quirks::hash(url).to_string(),
        url.origin().ascii_serialization(),
    ]
}

/// The URL parser: `input` against `base`, or `None` on failure.
fn url_parse(input: String, base: Opt<String>) -> Option<Vec<String>> {
    let base = match base.0 {
        Some(base) => Some(url::Url::parse(&base).ok()?),
        None => None,
    };
    let input = collapse_leading_slashes(&input, base.as_ref());
    url::Url::options().base_url(base.as_ref()).parse(&input).ok().map(|url| components(&url))
}

/// rust-url treats only the first `//` of a relative reference against a
/// special base as the authority's start, so `///test` against
/// `http://example.org/` fails (servo/rust-url#1136, unmerged). The URL
/// standard's "special authority ignore slashes" state skips every leading
/// slash and backslash: the same as exactly two. Tabs and newlines among
/// them are removed by the standard anyway.
fn collapse_leading_slashes<'a>(input: &'a str, base: Option<&url::Url>) -> std::borrow::Cow<'a, str> {
    let special = base.is_some_and(|b| matches!(b.scheme(), "http" | "https" | "ws" | "wss" | "ftp"));
    let trimmed = input.trim_start_matches(|c: char| c <= ' ');
    if !special {
        return input.into();
    }
    let run: usize =
        trimmed.chars().take_while(|c| matches!(c, '/' | '\\' | '\t' | '\n' | '\r')).map(char::len_utf8).sum();
    let slashes = trimmed[..run].chars().filter(|c| matches!(c, '/' | '\\')).count();
    if slashes <= 2 {
        return input.into();
    }
    format!("//{}", &trimmed[run..]).into()
}

/// A setter on the URL `href`; `None` when `href` (the only setter that can
/// fail as a whole) does not parse.
fn url_set(href: String, which: String, value: String) -> Option<Vec<String>> {
    use url::quirks;
    let mut url = url::Url::parse(&href).ok()?;
    match which.as_str() {
        "href" => quirks::set_href(&mut url, &value).ok()?,
        "protocol" => drop(quirks::set_protocol(&mut url, &value)),
        "username" => drop(quirks::set_username(&mut url, &value)),
        "password" => drop(quirks::set_password(&mut url, &value)),
        "host" => drop(quirks::set_host(&mut url, &value)),
        "hostname" => drop(quirks::set_hostname(&mut url, &value)),
        "port" => drop(quirks::set_port(&mut url, &value)),
        "pathname" => quirks::set_pathname(&mut url, &value),
        "search" => quirks::set_search(&mut url, &value),
        "hash" => quirks::set_hash(&mut url, &value),
        _ => return None,
    }
    Some(components(&url))
}

/// application/x-www-form-urlencoded parsing: `[name, value, name, ...]`.
fn form_parse(input: String) -> Vec<String> {
    form_urlencoded::parse(input.as_bytes()).flat_map(|(k, v)| [k.into_owned(), v.into_owned()]).collect()
}

/// application/x-www-form-urlencoded serializing of `[name, value, ...]`.
fn form_serialize(pairs: Vec<String>) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for pair in pairs.chunks(2) {
        out.append_pair(&pair[0], pair.get(1).map_or("", String::as_str));
    }
    out.finish()
}

// --- Encoding ------------------------------------------------------------

/// The encoding a TextDecoder label names (its name, ASCII lowercase), or
/// `None` for an unknown label and for the replacement encoding.
fn encoding_for_label(label: String) -> Option<String> {
    Encoding::for_label_no_replacement(label.as_bytes()).map(|e| e.name().to_ascii_lowercase())
}

thread_local! {
    /// Decoders in the middle of a stream (`decode(..., {stream: true})`),
    /// by handle; a slot is freed when its stream ends and reused. One-shot
    /// decodes (the usual case) hold nothing here.
    static DECODERS: RefCell<Vec<Option<Decoder>>> = const { RefCell::new(Vec::new()) };
    static ORIGIN: Cell<Option<Instant>> = const { Cell::new(None) };
}

fn fresh_decoder(encoding: &'static Encoding, ignore_bom: bool) -> Decoder {
    if ignore_bom { encoding.new_decoder_without_bom_handling() } else { encoding.new_decoder_with_bom_removal() }
}

fn encoding_named<'js>(ctx: &Ctx<'js>, name: &str) -> rquickjs::Result<&'static Encoding> {
    Encoding::for_label_no_replacement(name.as_bytes())
        .ok_or_else(|| rquickjs::Exception::throw_range(ctx, "unknown encoding"))
}

fn bytes_or_empty<'a>(bytes: &'a Option<TypedArray<'_, u8>>) -> &'a [u8] {
    match bytes {
        Some(view) => view.as_bytes().unwrap_or(&[]),
        None => &[],
    }
}

/// Runs `decoder` over `input`: the text, or `None` when `fatal` and the
/// input is malformed. `last` ends the stream (flushing what it held back).
fn run_decoder(decoder: &mut Decoder, input: &[u8], last: bool, fatal: bool) -> Option<String> {
    let capacity = decoder.max_utf8_buffer_length(input.len()).unwrap_or(input.len() * 3 + 16);
    let mut out = String::with_capacity(capacity);
    if fatal {
        let (result, _read) = decoder.decode_to_string_without_replacement(input, &mut out, last);
        (!matches!(result, DecoderResult::Malformed(_, _))).then_some(out)
    } else {
        let (_result, _read, _replaced) = decoder.decode_to_string(input, &mut out, last);
        Some(out)
    }
}

/// `TextDecoder.decode` outside a stream: all of `bytes` in encoding `name`.
fn decode_once(
    ctx: Ctx<'_>,
    name: String,
    bytes: Option<TypedArray<'_, u8>>,
    fatal: bool,
    ignore_bom: bool,
) -> rquickjs::Result<Option<String>> {
    let mut decoder = fresh_decoder(encoding_named(&ctx, &name)?, ignore_bom);
    Ok(run_decoder(&mut decoder, bytes_or_empty(&bytes), true, fatal))
}

/// Starts a stream in encoding `name`: its handle.
fn decoder_new(ctx: Ctx<'_>, name: String, ignore_bom: bool) -> rquickjs::Result<u32> {
    let decoder = fresh_decoder(encoding_named(&ctx, &name)?, ignore_bom);
    Ok(DECODERS.with(|decoders| {
        let mut decoders = decoders.borrow_mut();
        match decoders.iter().position(Option::is_none) {
            Some(free) => {
                decoders[free] = Some(decoder);
                free as u32
            }
            None => {
                decoders.push(Some(decoder));
                (decoders.len() - 1) as u32
            }
        }
    }))
}

/// Decodes the next piece of stream `id`: the text, or `None` when `fatal`
/// and the input is malformed. Without `stream`, or after a failure, the
/// stream is over and its handle freed.
fn decoder_decode(
    ctx: Ctx<'_>,
    id: u32,
    bytes: Option<TypedArray<'_, u8>>,
    stream: bool,
    fatal: bool,
) -> rquickjs::Result<Option<String>> {
    DECODERS.with(|decoders| {
        let mut decoders = decoders.borrow_mut();
        let Some(slot) = decoders.get_mut(id as usize).filter(|slot| slot.is_some()) else {
            return Err(rquickjs::Exception::throw_type(&ctx, "not a TextDecoder stream"));
        };
        let decoder = slot.as_mut().expect("checked above");
        let text = run_decoder(decoder, bytes_or_empty(&bytes), !stream, fatal);
        if !stream || text.is_none() {
            *slot = None;
        }
        Ok(text)
    })
}

/// UTF-8 bytes of a (well-formed) string, as a Uint8Array.
fn utf8_encode<'js>(ctx: Ctx<'js>, text: String) -> rquickjs::Result<TypedArray<'js, u8>> {
    TypedArray::new(ctx, text.into_bytes())
}

/// `TextEncoder.encodeInto`: as much of `text` (well-formed) as fits into
/// `dest`, whole characters only; `[read (UTF-16 units), written (bytes)]`.
fn utf8_encode_into(ctx: Ctx<'_>, text: String, dest: TypedArray<'_, u8>) -> rquickjs::Result<Vec<u32>> {
    // A detached destination has room for nothing.
    let Some(raw) = dest.as_raw() else { return Ok(vec![0, 0]) };
    let _ = &ctx;
    let (mut read, mut written) = (0usize, 0usize);
    let mut buffer = [0u8; 4];
    for c in text.chars() {
        let bytes = c.encode_utf8(&mut buffer).as_bytes();
        if written + bytes.len() > raw.len {
            break;
        }
        // SAFETY: `raw` is the view's live byte range; nothing else runs
        // while this native function does, and `written + len <= raw.len`.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), raw.ptr.as_ptr().add(written), bytes.len()) };
        written += bytes.len();
        read += c.len_utf16();
    }
    Ok(vec![read as u32, written as u32])
}

// --- forgiving-base64 ----------------------------------------------------

/// `atob`: forgiving-base64 decode (HTML), bytes as a Latin-1 string; `None`
/// on failure (the shim throws InvalidCharacterError).
fn atob(input: String) -> Option<String> {
    let mut data: Vec<u8> = input.bytes().filter(|b| !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')).collect();
    if !input.is_ascii() {
        return None;
    }
    if data.len() % 4 == 0 {
        if data.ends_with(b"==") {
            data.truncate(data.len() - 2);
        } else if data.ends_with(b"=") {
            data.truncate(data.len() - 1);
        }
    }
    if data.len() % 4 == 1 || data.iter().any(|b| !(b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')) {
        return None;
    }
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireNone)
            .with_decode_allow_trailing_bits(true),
    );
    let bytes = engine.decode(&data).ok()?;
    Some(bytes.into_iter().map(char::from).collect())
}

/// `btoa`: a Latin-1 string's bytes as base64; `None` when a character is
/// above U+00FF (the shim throws InvalidCharacterError).
fn btoa(input: String) -> Option<String> {
    let bytes: Option<Vec<u8>> = input.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect();
    Some(base64::engine::general_purpose::STANDARD.encode(bytes?))
}

// --- crypto --------------------------------------------------------------

fn bytes_of(view: &TypedArray<'_, u8>) -> Vec<u8> {
    view.as_bytes().map(<[u8]>::to_vec).unwrap_or_default()
}

fn buffer<'js>(ctx: Ctx<'js>, bytes: Vec<u8>) -> rquickjs::Result<ArrayBuffer<'js>> {
    ArrayBuffer::new(ctx, bytes)
}

/// `crypto.subtle.digest` for SHA-1, SHA-256, SHA-384, SHA-512 (names as
/// the shim normalized them); `None` for another algorithm.
fn digest<'js>(
    ctx: Ctx<'js>,
    algorithm: String,
    data: TypedArray<'js, u8>,
) -> rquickjs::Result<Option<ArrayBuffer<'js>>> {
    use sha2::Digest;
    let input = bytes_of(&data);
    let out = match algorithm.as_str() {
        "SHA-1" => sha1::Sha1::digest(&input).to_vec(),
        "SHA-256" => sha2::Sha256::digest(&input).to_vec(),
        "SHA-384" => sha2::Sha384::digest(&input).to_vec(),
        "SHA-512" => sha2::Sha512::digest(&input).to_vec(),
        _ => return Ok(None),
    };
    buffer(ctx, out).map(Some)
}

macro_rules! with_hmac {
    ($hash:expr, $key:expr, |$mac:ident| $body:expr) => {{
        use hmac::{Hmac, Mac};
        match $hash {
            "SHA-1" => {
                let mut $mac = Hmac::<sha1::Sha1>::new_from_slice($key).expect("HMAC takes keys of any length");
                Some($body)
            }
            "SHA-256" => {
                let mut $mac = Hmac::<sha2::Sha256>::new_from_slice($key).expect("HMAC takes keys of any length");
                Some($body)
            }
            "SHA-384" => {
                let mut $mac = Hmac::<sha2::Sha384>::new_from_slice($key).expect("HMAC takes keys of any length");
                Some($body)
            }
            "SHA-512" => {
                let mut $mac = Hmac::<sha2::Sha512>::new_from_slice($key).expect("HMAC takes keys of any length");
                Some($body)
            }
            _ => None,
        }
    }};
}

/// HMAC of `data` under `key` with `hash`; `None` for an unknown hash.
fn hmac_sign<'js>(
    ctx: Ctx<'js>,
    hash: String,
    key: TypedArray<'js, u8>,
    data: TypedArray<'js, u8>,
) -> rquickjs::Result<Option<ArrayBuffer<'js>>> {
    let (key, data) = (bytes_of(&key), bytes_of(&data));
    let tag = with_hmac!(hash.as_str(), &key, |mac| {
        mac.update(&data);
        mac.finalize().into_bytes().to_vec()
    });
    tag.map(|tag| buffer(ctx, tag)).transpose()
}

/// Whether `signature` is `data`'s HMAC under `key` (compared in constant time).
fn hmac_verify(hash: String, key: TypedArray<'_, u8>, data: TypedArray<'_, u8>, signature: TypedArray<'_, u8>) -> bool {
    let (key, data, signature) = (bytes_of(&key), bytes_of(&data), bytes_of(&signature));
    with_hmac!(hash.as_str(), &key, |mac| {
        mac.update(&data);
        mac.verify_slice(&signature).is_ok()
    })
    .unwrap_or(false)
}

/// Fills the view with random bytes from the host (WASI `random_get`).
fn random_fill(ctx: Ctx<'_>, view: TypedArray<'_, u8>) -> rquickjs::Result<()> {
    let Some(raw) = view.as_raw() else { return Ok(()) };
    // SAFETY: the view's live byte range; nothing else runs meanwhile.
    let bytes = unsafe { std::slice::from_raw_parts_mut(raw.ptr.as_ptr(), raw.len) };
    getrandom::fill(bytes).map_err(|_| rquickjs::Exception::throw_internal(&ctx, "no random source"))
}

/// Milliseconds since this execution started (`performance.now()`), from
/// the monotonic clock.
/// Whether `value` is a Proxy: structuredClone refuses exotic objects, and
/// nothing in JS can tell a Proxy apart.
fn is_proxy(value: rquickjs::Value<'_>) -> bool {
    // SAFETY: reads the tag and class id of a live value.
    unsafe { rquickjs::qjs::JS_IsProxy(value.as_raw()) }
}

fn now() -> f64 {
    let origin = ORIGIN.with(|origin| match origin.get() {
        Some(origin) => origin,
        None => {
            let start = Instant::now();
            origin.set(Some(start));
            start
        }
    });
    origin.elapsed().as_secs_f64() * 1000.0
}
