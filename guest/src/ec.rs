//! ECDSA on P-256 and P-384 (RustCrypto) for `crypto.subtle`: key
//! generation, signing and verifying with any SHA-2 hash, and the key
//! formats WebCrypto uses (raw public points, SPKI, PKCS #8, JWK
//! coordinates). Signatures are IEEE P1363 (r || s), as WebCrypto's are.

use javy::quickjs::{self as rquickjs, ArrayBuffer, Ctx, Function, Object, TypedArray};

pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set("ecGenerate", Function::new(ctx.clone(), ec_generate)?)?;
    native.set("ecImport", Function::new(ctx.clone(), ec_import)?)?;
    native.set("ecSpki", Function::new(ctx.clone(), ec_spki)?)?;
    native.set("ecScalar", Function::new(ctx.clone(), ec_scalar)?)?;
    native.set("ecSign", Function::new(ctx.clone(), ec_sign)?)?;
    native.set("ecVerify", Function::new(ctx.clone(), ec_verify)?)?;
    Ok(())
}

fn bytes_of(view: &TypedArray<'_, u8>) -> Vec<u8> {
    view.as_bytes().map(<[u8]>::to_vec).unwrap_or_default()
}

fn buffer<'js>(ctx: &Ctx<'js>, bytes: Vec<u8>) -> rquickjs::Result<ArrayBuffer<'js>> {
    ArrayBuffer::new(ctx.clone(), bytes)
}

fn prehash(hash: &str, data: &[u8]) -> Option<Vec<u8>> {
    use sha2::Digest;
    Some(match hash {
        "SHA-1" => sha1::Sha1::digest(data).to_vec(),
        "SHA-256" => sha2::Sha256::digest(data).to_vec(),
        "SHA-384" => sha2::Sha384::digest(data).to_vec(),
        "SHA-512" => sha2::Sha512::digest(data).to_vec(),
        _ => return None,
    })
}

/// The digest as the ECDSA integer for a `size`-byte field: a shorter one
/// (SHA-1 with P-384) left-padded with zeros, which keeps its value (the
/// `ecdsa` crate refuses digests under half the field size).
fn field_digest(digest: &[u8], size: usize) -> Vec<u8> {
    let mut out = vec![0; size.saturating_sub(digest.len())];
    out.extend_from_slice(digest);
    out
}

/// The same code for both curves.
macro_rules! curve {
    ($curve:ident, $module:ident, $size:expr) => {
        mod $module {
            use ::$curve::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
            use ::$curve::ecdsa::{Signature, SigningKey, VerifyingKey};
            use ::$curve::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};

            pub const SIZE: usize = $size;

            /// A new private key: [PKCS #8 DER, uncompressed public point].
            pub fn generate() -> Option<(Vec<u8>, Vec<u8>)> {
                for _ in 0..16 {
                    let mut scalar = [0u8; $size];
                    getrandom::fill(&mut scalar).ok()?;
                    if let Ok(key) = SigningKey::from_slice(&scalar) {
                        return pair(&key);
                    }
                }
                None
            }

            pub fn pair(key: &SigningKey) -> Option<(Vec<u8>, Vec<u8>)> {
                let pkcs8 = key.to_pkcs8_der().ok()?.as_bytes().to_vec();
                let public = key.verifying_key().to_encoded_point(false).as_bytes().to_vec();
                Some((pkcs8, public))
            }

            pub fn private_from_pkcs8(der: &[u8]) -> Option<SigningKey> {
                SigningKey::from_pkcs8_der(der).ok()
            }

            pub fn public_from_sec1(point: &[u8]) -> Option<VerifyingKey> {
                VerifyingKey::from_sec1_bytes(point).ok()
            }

            pub fn public_from_spki(der: &[u8]) -> Option<VerifyingKey> {
                VerifyingKey::from_public_key_der(der).ok()
            }

            pub fn uncompressed(key: &VerifyingKey) -> Vec<u8> {
                key.to_encoded_point(false).as_bytes().to_vec()
            }

            pub fn spki(point: &[u8]) -> Option<Vec<u8>> {
                Some(public_from_sec1(point)?.to_public_key_der().ok()?.as_bytes().to_vec())
            }

            pub fn scalar(der: &[u8]) -> Option<Vec<u8>> {
                Some(private_from_pkcs8(der)?.to_bytes().to_vec())
            }

            pub fn from_scalar(d: &[u8]) -> Option<SigningKey> {
                SigningKey::from_slice(d).ok()
            }

            pub fn sign(der: &[u8], digest: &[u8]) -> Option<Vec<u8>> {
                let key = private_from_pkcs8(der)?;
                let signature: Signature = key.sign_prehash(&super::field_digest(digest, $size)).ok()?;
                Some(signature.to_bytes().to_vec())
            }

            pub fn verify(point: &[u8], digest: &[u8], signature: &[u8]) -> bool {
                let (Some(key), Ok(signature)) = (public_from_sec1(point), Signature::from_slice(signature)) else {
                    return false;
                };
                key.verify_prehash(&super::field_digest(digest, $size), &signature).is_ok()
            }
        }
    };
}

curve!(p256, nist_p256, 32);
curve!(p384, nist_p384, 48);

/// `[pkcs8, public point]` of a new key on `curve` ("P-256" or "P-384").
fn ec_generate<'js>(ctx: Ctx<'js>, curve: String) -> rquickjs::Result<Option<Vec<ArrayBuffer<'js>>>> {
    let pair = match curve.as_str() {
        "P-256" => nist_p256::generate(),
        "P-384" => nist_p384::generate(),
        _ => None,
    };
    let Some((pkcs8, public)) = pair else { return Ok(None) };
    Ok(Some(vec![buffer(&ctx, pkcs8)?, buffer(&ctx, public)?]))
}

/// Imports key material: `format` is "raw" (a public point), "spki",
/// "pkcs8", or "jwk-public"/"jwk-private" (`data` is x‖y, resp. x‖y‖d).
/// Answers `[pkcs8 or null, public point]`, or `None` for bad data.
fn ec_import<'js>(
    ctx: Ctx<'js>,
    curve: String,
    format: String,
    data: TypedArray<'js, u8>,
) -> rquickjs::Result<Option<Vec<Option<ArrayBuffer<'js>>>>> {
    let data = bytes_of(&data);
    macro_rules! import {
        ($m:ident) => {{
            let n = $m::SIZE;
            match format.as_str() {
                "raw" => $m::public_from_sec1(&data).map(|k| (None, $m::uncompressed(&k))),
                "spki" => $m::public_from_spki(&data).map(|k| (None, $m::uncompressed(&k))),
                "pkcs8" => $m::private_from_pkcs8(&data).and_then(|k| $m::pair(&k)).map(|(p, q)| (Some(p), q)),
                "jwk-public" if data.len() == 2 * n => {
                    let mut point = vec![4u8];
                    point.extend_from_slice(&data);
                    $m::public_from_sec1(&point).map(|k| (None, $m::uncompressed(&k)))
                }
                "jwk-private" if data.len() == 3 * n => {
                    let key = $m::from_scalar(&data[2 * n..]);
                    key.and_then(|k| {
                        let (pkcs8, public) = $m::pair(&k)?;
                        // The private key must match the given public point.
                        (public[1..] == data[..2 * n]).then_some((Some(pkcs8), public))
                    })
                }
                _ => None,
            }
        }};
    }
    let imported = match curve.as_str() {
        "P-256" => import!(nist_p256),
        "P-384" => import!(nist_p384),
        _ => None,
    };
    let Some((private, public)) = imported else { return Ok(None) };
    let private = match private {
        Some(bytes) => Some(buffer(&ctx, bytes)?),
        None => None,
    };
    Ok(Some(vec![private, Some(buffer(&ctx, public)?)]))
}

/// SPKI DER of a public point.
fn ec_spki<'js>(
    ctx: Ctx<'js>,
    curve: String,
    point: TypedArray<'js, u8>,
) -> rquickjs::Result<Option<ArrayBuffer<'js>>> {
    let point = bytes_of(&point);
    let der = match curve.as_str() {
        "P-256" => nist_p256::spki(&point),
        "P-384" => nist_p384::spki(&point),
        _ => None,
    };
    der.map(|der| buffer(&ctx, der)).transpose()
}

/// The private scalar `d` of a PKCS #8 key (for JWK export).
fn ec_scalar<'js>(
    ctx: Ctx<'js>,
    curve: String,
    pkcs8: TypedArray<'js, u8>,
) -> rquickjs::Result<Option<ArrayBuffer<'js>>> {
    let der = bytes_of(&pkcs8);
    let d = match curve.as_str() {
        "P-256" => nist_p256::scalar(&der),
        "P-384" => nist_p384::scalar(&der),
        _ => None,
    };
    d.map(|d| buffer(&ctx, d)).transpose()
}

/// ECDSA signature (r ‖ s) of `data` hashed with `hash`.
fn ec_sign<'js>(
    ctx: Ctx<'js>,
    curve: String,
    hash: String,
    pkcs8: TypedArray<'js, u8>,
    data: TypedArray<'js, u8>,
) -> rquickjs::Result<Option<ArrayBuffer<'js>>> {
    let Some(digest) = prehash(&hash, &bytes_of(&data)) else { return Ok(None) };
    let der = bytes_of(&pkcs8);
    let signature = match curve.as_str() {
        "P-256" => nist_p256::sign(&der, &digest),
        "P-384" => nist_p384::sign(&der, &digest),
        _ => None,
    };
    signature.map(|s| buffer(&ctx, s)).transpose()
}

/// Whether `signature` (r ‖ s) is valid for `data` hashed with `hash`.
fn ec_verify(
    curve: String,
    hash: String,
    point: TypedArray<'_, u8>,
    data: TypedArray<'_, u8>,
    signature: TypedArray<'_, u8>,
) -> bool {
    let Some(digest) = prehash(&hash, &bytes_of(&data)) else { return false };
    let (point, signature) = (bytes_of(&point), bytes_of(&signature));
    match curve.as_str() {
        "P-256" => nist_p256::verify(&point, &digest, &signature),
        "P-384" => nist_p384::verify(&point, &digest, &signature),
        _ => false,
    }
}
