// jsbox's own conformance test, written from the web-platform-tests files
//   WebCryptoAPI/sign_verify/hmac.https.any.js
//   WebCryptoAPI/sign_verify/hmac.js and hmac_vectors.js (re-expressed)
//   WebCryptoAPI/import_export/symmetric_importKey.https.any.js (HMAC only)
//   WebCryptoAPI/util/helpers.js (the CryptoKey checks)
// Re-expressed for jsbox's harness. Expected signatures were computed once
// with Node's crypto.createHmac and are written here as hex. The upstream
// "transferred buffer" variants (ArrayBuffer.prototype.transfer()) are left
// out. The "wrong algorithm" checks use an ECDSA key like upstream.

function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

function bytesToHex(buffer) {
  const bytes = new Uint8Array(buffer);
  let hex = "";
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
  return hex;
}

function asciiBytes(text) {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

// The 218-byte message signed by every vector.
const PLAINTEXT = hexToBytes(
  "5f4dba4f320c0ce876725afce5fbd25bf83e5a7125a08cafe73c3ebac421779df9d55d180c3ae9942645e1d82fee8c9d" +
    "294b3cb1a08a9931201b3c0e81fc47cacf8315a2af66324113c3b66230c34608c4f4593634ce02b267362277f0a840ca" +
    "74bc3d1a6236952c5ed7aaf8a8fecbddfa7584e6978cea5d2a5b9fb7f1b48c8b0be58a305202754d8376107374793cf0" +
    "26aaee5300727d836cd71e71b345ddb2e44446ffc5b901635413890d910ea380984a90191031323f16dbcc9d6be168b8" +
    "4885384ca03e12600ac1c248028af3726cc93463882ea8c02aab"
);

const VECTORS = [
  {
    hash: "SHA-1",
    key: "47a20746d17179db65e0a79dedffc7fdf181081b",
    signature: "0533902a99f8524ee50af01d38dedce133d98ca0",
  },
  {
    hash: "SHA-256",
    key: "e588ec0811463d767241df1074b47ae4071b51f2ce36537ba69ccdc3fdc2b7a8",
    signature: "85a40cea2e078c2827a3953ffb66c27b291a472b0d70a0000b45d823803eeb54",
  },
  {
    hash: "SHA-384",
    key: "6b1da28eab1f582ad9718effe05e23d5fd2c9877a2d9443f90bec093bece2ea7d2354cd0bdc5e147d2e9009373494488",
    signature: "217c3d50f0ba9a6d6eae1efdd7a518fe2e3880b582a40d061e9099c1e026ef5882548b5d5cecdd5598d99b6b6f3057ff",
  },
  {
    hash: "SHA-512",
    key:
      "5dcc359443aaf652fa1375d6b3e61fdcf29bb4a28bd5d3dcfa40f82f906bb2800455db03b5d31fb972a15a6d0103a24e56d156a119c0e5a1e92a44c3c5657cf9",
    signature:
      "61fb278c3ffb0cce2bf1cf723ddfd8ef1f931c0c618c25907324605939e3f9a2c6f4af690bda3407dc2f5770f6a0a44b954d64a332e3ee0821abf82b7f3e99c1",
  },
];

function importVectorKey(vector, usages) {
  return crypto.subtle.importKey("raw", hexToBytes(vector.key), { name: "HMAC", hash: vector.hash }, false, usages);
}

function verify(vector, key, signature, data, algorithm) {
  return crypto.subtle.verify(algorithm || { name: "HMAC", hash: vector.hash }, key, signature, data);
}

// --- sign() and verify() with the vectors ---

for (const vector of VECTORS) {
  const label = "HMAC with " + vector.hash;

  promise_test(async () => {
    const key = await importVectorKey(vector, ["verify", "sign"]);
    assert_true(await verify(vector, key, hexToBytes(vector.signature), PLAINTEXT), "verified");
  }, label + ": verify() accepts the known signature");

  promise_test(async () => {
    const key = await importVectorKey(vector, ["verify", "sign"]);
    const signature = hexToBytes(vector.signature);
    signature[0] = 255 - signature[0];
    const algorithm = {
      get name() {
        signature[0] = 255 - signature[0];
        return "HMAC";
      },
      hash: vector.hash,
    };
    assert_true(await verify(vector, key, signature, PLAINTEXT, algorithm), "the signature is read after the algorithm");
  }, label + ": verify() reads the signature after normalizing the algorithm");

  promise_test(async () => {
    const key = await importVectorKey(vector, ["verify", "sign"]);
    const signature = hexToBytes(vector.signature);
    const pending = verify(vector, key, signature, PLAINTEXT);
    signature[0] = 255 - signature[0];
    assert_true(await pending, "the signature was copied when verify() was called");
  }, label + ": verify() is not affected by changing the signature after the call");

  promise_test(async () => {
    const key = await importVectorKey(vector, ["verify", "sign"]);
    const data = PLAINTEXT.slice();
    data[0] = 255 - data[0];
    const algorithm = {
      hash: vector.hash,
      get name() {
        data[0] = 255 - data[0];
        return "HMAC";
      },
    };
    assert_true(await verify(vector, key, hexToBytes(vector.signature), data, algorithm), "the data is read after the algorithm");
  }, label + ": verify() reads the data after normalizing the algorithm");

  promise_test(async () => {
    const key = await importVectorKey(vector, ["verify", "sign"]);
    const data = PLAINTEXT.slice();
    const pending = verify(vector, key, hexToBytes(vector.signature), data);
    data[0] = 255 - data[0];
    assert_true(await pending, "the data was copied when verify() was called");
  }, label + ": verify() is not affected by changing the data after the call");

  promise_test(async (t) => {
    const key = await importVectorKey(vector, ["sign"]);
    await promise_rejects_dom(t, "InvalidAccessError", verify(vector, key, hexToBytes(vector.signature), PLAINTEXT));
  }, label + ": verify() without the verify usage is InvalidAccessError");

  promise_test(async (t) => {
    const key = await importVectorKey(vector, ["verify"]);
    await promise_rejects_dom(t, "InvalidAccessError", crypto.subtle.sign({ name: "HMAC", hash: vector.hash }, key, PLAINTEXT));
  }, label + ": sign() without the sign usage is InvalidAccessError");

  promise_test(async () => {
    const key = await importVectorKey(vector, ["verify", "sign"]);
    const signature = await crypto.subtle.sign({ name: "HMAC", hash: vector.hash }, key, PLAINTEXT);
    assert_true(signature instanceof ArrayBuffer, "sign() resolves with an ArrayBuffer");
    assert_equals(bytesToHex(signature), vector.signature, "the expected signature");
    assert_true(await verify(vector, key, signature, PLAINTEXT), "the new signature verifies");
  }, label + ": sign() gives the known signature and it verifies");

  promise_test(async () => {
    const key = await importVectorKey(vector, ["sign"]);
    const signature = await crypto.subtle.sign("HMAC", key, PLAINTEXT);
    assert_equals(bytesToHex(signature), vector.signature, "the hash comes from the key");
  }, label + ": sign() accepts the algorithm as the string \"HMAC\"");

  promise_test(async (t) => {
    const wrong = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
    await promise_rejects_dom(t, "InvalidAccessError", crypto.subtle.sign({ name: "HMAC", hash: vector.hash }, wrong.privateKey, PLAINTEXT));
  }, label + ": sign() with a key of another algorithm is InvalidAccessError");

  promise_test(async (t) => {
    const wrong = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
    await promise_rejects_dom(t, "InvalidAccessError", verify(vector, wrong.publicKey, hexToBytes(vector.signature), PLAINTEXT));
  }, label + ": verify() with a key of another algorithm is InvalidAccessError");

  promise_test(async () => {
    const key = await importVectorKey(vector, ["verify"]);
    const data = PLAINTEXT.slice();
    data[0] = 255 - data[0];
    assert_false(await verify(vector, key, hexToBytes(vector.signature), data), "other data does not verify");
  }, label + ": verify() is false for different data");

  promise_test(async () => {
    const key = await importVectorKey(vector, ["verify"]);
    const signature = hexToBytes(vector.signature);
    signature[0] = 255 - signature[0];
    assert_false(await verify(vector, key, signature, PLAINTEXT), "a changed signature does not verify");
  }, label + ": verify() is false for a changed signature");

  promise_test(async () => {
    const key = await importVectorKey(vector, ["verify"]);
    const signature = hexToBytes(vector.signature).slice(1);
    assert_false(await verify(vector, key, signature, PLAINTEXT), "a short signature does not verify");
  }, label + ": verify() is false for a short signature");
}

// --- importKey() for HMAC ---

// 16 bytes 01..10 and the HMAC of the ASCII text "jsbox" under that key.
const SMALL_KEY = hexToBytes("0102030405060708090a0b0c0d0e0f10");
const SMALL_KEY_B64URL = "AQIDBAUGBwgJCgsMDQ4PEA";
const SMALL_KEY_MACS = {
  "SHA-1": "60a04c498fdd43d6bb53205e26573a2bc9efc1cd",
  "SHA-256": "257164ccdda4868f835b2e2491ebb60ee5731e7eaf27b908ae33c37506ff281b",
  "SHA-384": "fccd1235bf2bab97e4cc7ec17684f21c3689cd607b62d2cf39dce2c3569b1af9464d1bebc2821e0b6b0beb0dd4ea6de5",
  "SHA-512":
    "136ee3f72193165ff900355e4157f143224c187aa07fa1288fd3fb51140cc7c1dccc6001c83bd9facff39d9d7c60d03ba286f7dc62dab673e2c0a70119d1d7cb",
};

function checkSecretKey(key, hash, lengthBits, extractable, usages) {
  assert_true(key instanceof CryptoKey, "a CryptoKey");
  assert_equals(key.constructor, CryptoKey, "constructor is CryptoKey");
  assert_equals(key.type, "secret", "type");
  assert_equals(key.extractable, extractable, "extractable");
  assert_equals(key.algorithm.name, "HMAC", "algorithm.name");
  assert_equals(key.algorithm.length, lengthBits, "algorithm.length in bits");
  assert_equals(key.algorithm.hash.name, hash, "algorithm.hash.name");
  assert_true(Array.isArray(key.usages), "usages is an array");
  for (const usage of key.usages) assert_in_array(usage, usages, "usage " + usage);
  for (const usage of usages) assert_in_array(usage, key.usages, "requested usage " + usage);
}

function hmacJwk(hash) {
  return { kty: "oct", k: SMALL_KEY_B64URL, alg: "HS" + hash.slice(4) };
}

for (const hash of Object.keys(SMALL_KEY_MACS)) {
  for (const usages of [["sign"], ["verify"], ["sign", "verify"], ["verify", "sign", "verify"]]) {
    promise_test(async () => {
      const key = await crypto.subtle.importKey("raw", SMALL_KEY, { name: "HMAC", hash }, false, usages);
      checkSecretKey(key, hash, 128, false, usages);
    }, "importKey raw HMAC " + hash + " with usages [" + usages.join(", ") + "]");
  }

  promise_test(async () => {
    const key = await crypto.subtle.importKey("jwk", hmacJwk(hash), { name: "HMAC", hash }, false, ["sign", "verify"]);
    checkSecretKey(key, hash, 128, false, ["sign", "verify"]);
    const mac = await crypto.subtle.sign("HMAC", key, asciiBytes("jsbox"));
    assert_equals(bytesToHex(mac), SMALL_KEY_MACS[hash], "the JWK key signs like the raw bytes");
  }, "importKey jwk HMAC " + hash + " gives a working key");

  promise_test(async () => {
    const key = await crypto.subtle.importKey("raw", SMALL_KEY, { name: "HMAC", hash }, true, ["sign"]);
    checkSecretKey(key, hash, 128, true, ["sign"]);
    const raw = await crypto.subtle.exportKey("raw", key);
    assert_true(raw instanceof ArrayBuffer, "raw export is an ArrayBuffer");
    assert_equals(bytesToHex(raw), bytesToHex(SMALL_KEY), "raw round trip");
    const jwk = await crypto.subtle.exportKey("jwk", key);
    assert_equals(jwk.kty, "oct", "jwk.kty");
    assert_equals(jwk.k, SMALL_KEY_B64URL, "jwk.k is unpadded base64url");
    assert_equals(jwk.alg, "HS" + hash.slice(4), "jwk.alg");
    assert_true(jwk.ext, "jwk.ext");
    assert_array_equals(jwk.key_ops, ["sign"], "jwk.key_ops");
  }, "exportKey round trips an extractable HMAC " + hash + " key");

  promise_test(async (t) => {
    await promise_rejects_dom(t, "SyntaxError", crypto.subtle.importKey("raw", SMALL_KEY, { name: "HMAC", hash }, false, []));
    await promise_rejects_dom(t, "SyntaxError", crypto.subtle.importKey("jwk", hmacJwk(hash), { name: "HMAC", hash }, false, []));
  }, "importKey HMAC " + hash + " with empty usages is SyntaxError");
}

promise_test(async () => {
  let settled = false;
  const pending = crypto.subtle.importKey("raw", SMALL_KEY, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  pending.then(() => {
    settled = true;
  });
  await Promise.resolve();
  assert_false(settled, "not settled after a single microtask");
  await pending;
}, "importKey does not resolve synchronously");

promise_test(async () => {
  const key = await crypto.subtle.importKey("raw", SMALL_KEY, { name: "hmac", hash: "sha-256" }, false, ["sign"]);
  assert_equals(key.algorithm.name, "HMAC", "algorithm name is normalized");
  assert_equals(key.algorithm.hash.name, "SHA-256", "hash name is normalized");
  const withObjectHash = await crypto.subtle.importKey("raw", SMALL_KEY, { name: "HMAC", hash: { name: "SHA-1" } }, false, ["sign"]);
  assert_equals(withObjectHash.algorithm.hash.name, "SHA-1", "hash given as an object");
}, "importKey normalizes algorithm and hash names");

promise_test(async (t) => {
  const key = await crypto.subtle.importKey("raw", SMALL_KEY, { name: "HMAC", hash: "SHA-256", length: 128 }, false, ["sign"]);
  assert_equals(key.algorithm.length, 128, "an explicit length equal to the data length");
  await promise_rejects_dom(
    t,
    "DataError",
    crypto.subtle.importKey("raw", SMALL_KEY, { name: "HMAC", hash: "SHA-256", length: 136 }, false, ["sign"]),
    "a length longer than the data"
  );
}, "importKey raw HMAC checks an explicit length against the data");

promise_test(async () => {
  const key = await crypto.subtle.importKey("raw", SMALL_KEY, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  assert_equals(key.algorithm, key.algorithm, "algorithm is cached");
  assert_equals(key.usages, key.usages, "usages is cached");
  assert_class_string(key, "CryptoKey");
}, "CryptoKey attributes return the same objects each time");

promise_test(async (t) => {
  await promise_rejects_dom(t, "SyntaxError", crypto.subtle.importKey("raw", SMALL_KEY, { name: "HMAC", hash: "SHA-256" }, false, ["encrypt"]));
  await promise_rejects_dom(t, "SyntaxError", crypto.subtle.importKey("raw", SMALL_KEY, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "deriveBits"]));
}, "importKey HMAC with a usage HMAC does not allow is SyntaxError");

promise_test(async (t) => {
  await promise_rejects_js(t, TypeError, crypto.subtle.importKey("raw", SMALL_KEY, { name: "HMAC" }, false, ["sign"]));
}, "importKey HMAC without a hash is TypeError");

promise_test(async (t) => {
  await promise_rejects_js(t, TypeError, crypto.subtle.importKey("raw", SMALL_KEY, {}, false, ["sign"]));
}, "importKey with an algorithm that has no name is TypeError");

promise_test(async (t) => {
  await promise_rejects_dom(t, "DataError", crypto.subtle.importKey("raw", new Uint8Array(0), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]));
}, "importKey raw HMAC with empty key data is DataError");

promise_test(async (t) => {
  const base = { name: "HMAC", hash: "SHA-256" };
  await promise_rejects_dom(t, "DataError", crypto.subtle.importKey("jwk", { kty: "RSA", k: SMALL_KEY_B64URL }, base, false, ["sign"]), "kty RSA");
  await promise_rejects_dom(t, "DataError", crypto.subtle.importKey("jwk", { kty: "oct" }, base, false, ["sign"]), "no k");
  await promise_rejects_dom(t, "DataError", crypto.subtle.importKey("jwk", { kty: "oct", k: SMALL_KEY_B64URL, alg: "HS1" }, base, false, ["sign"]), "alg for another hash");
  await promise_rejects_dom(t, "DataError", crypto.subtle.importKey("jwk", { kty: "oct", k: SMALL_KEY_B64URL, use: "enc" }, base, false, ["sign"]), "use enc");
  await promise_rejects_dom(t, "DataError", crypto.subtle.importKey("jwk", { kty: "oct", k: SMALL_KEY_B64URL, ext: false }, base, true, ["sign"]), "ext false but extractable requested");
  await promise_rejects_dom(t, "DataError", crypto.subtle.importKey("jwk", { kty: "oct", k: SMALL_KEY_B64URL, key_ops: ["verify"] }, base, false, ["sign"]), "usages outside key_ops");
}, "importKey jwk HMAC rejects inconsistent JWKs with DataError");

promise_test(async () => {
  const key = await crypto.subtle.importKey(
    "jwk",
    { kty: "oct", k: SMALL_KEY_B64URL, alg: "HS256", use: "sig", ext: true, key_ops: ["sign", "verify"] },
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"]
  );
  checkSecretKey(key, "SHA-256", 128, false, ["sign"]);
}, "importKey jwk HMAC accepts a JWK whose use, ext and key_ops allow the request");

promise_test(async (t) => {
  const key = await crypto.subtle.importKey("raw", SMALL_KEY, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  await promise_rejects_dom(t, "InvalidAccessError", crypto.subtle.exportKey("raw", key));
}, "exportKey of a non-extractable key is InvalidAccessError");

promise_test(async (t) => {
  await promise_rejects_js(t, TypeError, crypto.subtle.importKey("raw", "not bytes", { name: "HMAC", hash: "SHA-256" }, false, ["sign"]));
}, "importKey with a string as key data is TypeError");

promise_test(async (t) => {
  await promise_rejects_js(t, TypeError, crypto.subtle.importKey("jwk", SMALL_KEY, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]));
}, "importKey jwk with bytes instead of a JWK is TypeError");

promise_test(async () => {
  const key = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["sign", "verify"]);
  checkSecretKey(key, "SHA-256", 512, true, ["sign", "verify"]);
  const raw = await crypto.subtle.exportKey("raw", key);
  assert_equals(raw.byteLength, 64, "the default length is the hash block size");
  const mac = await crypto.subtle.sign("HMAC", key, PLAINTEXT);
  assert_true(await crypto.subtle.verify("HMAC", key, mac, PLAINTEXT), "a generated key signs and verifies");
}, "generateKey HMAC SHA-256 makes a 512-bit key that signs and verifies");
