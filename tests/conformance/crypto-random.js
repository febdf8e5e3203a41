// jsbox's own conformance test, written from the web-platform-tests files
//   WebCryptoAPI/getRandomValues.any.js
//   WebCryptoAPI/randomUUID.https.any.js
// Re-expressed for jsbox's harness. Upstream checks the "too long" case with
// assert_throws_quotaexceedederror; here the error must be a DOMException
// (or a subclass) named QuotaExceededError, which fits both the older
// DOMException and the newer QuotaExceededError interface.

const INTEGER_ARRAYS = [
  "Int8Array",
  "Int16Array",
  "Int32Array",
  "BigInt64Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Uint16Array",
  "Uint32Array",
  "BigUint64Array",
];

function assertQuotaExceeded(fn, label) {
  let thrown = null;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert_not_equals(thrown, null, label + ": something was thrown");
  assert_true(thrown instanceof DOMException, label + ": a DOMException (or subclass)");
  assert_equals(thrown.name, "QuotaExceededError", label + ": named QuotaExceededError");
}

// --- getRandomValues ---

test(() => {
  // Float16Array is a recent ECMAScript addition; when the engine has it,
  // it must be refused like the other float arrays.
  if (typeof Float16Array !== "function") return;
  assert_throws_dom("TypeMismatchError", () => crypto.getRandomValues(new Float16Array(6)), "Float16Array");
  assert_throws_dom("TypeMismatchError", () => crypto.getRandomValues(new Float16Array(65536 / 2 + 1)), "Float16Array (too long)");
}, "getRandomValues refuses Float16Array when the engine has it");

test(() => {
  assert_throws_dom("TypeMismatchError", () => crypto.getRandomValues(new Float32Array(6)), "Float32Array");
  assert_throws_dom("TypeMismatchError", () => crypto.getRandomValues(new Float64Array(6)), "Float64Array");
  assert_throws_dom("TypeMismatchError", () => crypto.getRandomValues(new Float32Array(65536 / 4 + 1)), "Float32Array (too long)");
  assert_throws_dom("TypeMismatchError", () => crypto.getRandomValues(new Float64Array(65536 / 8 + 1)), "Float64Array (too long)");
}, "getRandomValues refuses float arrays, before checking the length");

test(() => {
  assert_throws_dom("TypeMismatchError", () => crypto.getRandomValues(new DataView(new ArrayBuffer(6))), "DataView");
  assert_throws_dom("TypeMismatchError", () => crypto.getRandomValues(new DataView(new ArrayBuffer(65536 + 1))), "DataView (too long)");
}, "getRandomValues refuses DataView");

test(() => {
  assert_throws_js(TypeError, () => crypto.getRandomValues(), "no argument");
  assert_throws_js(TypeError, () => crypto.getRandomValues(null), "null");
  assert_throws_js(TypeError, () => crypto.getRandomValues(new ArrayBuffer(8)), "a bare ArrayBuffer");
  assert_throws_js(TypeError, () => crypto.getRandomValues([1, 2, 3]), "a plain array");
}, "getRandomValues refuses values that are not ArrayBufferViews with a TypeError");

for (const name of INTEGER_ARRAYS) {
  test(() => {
    const Ctor = globalThis[name];
    const input = new Ctor(8);
    const output = crypto.getRandomValues(input);
    assert_equals(output, input, "returns the same object it was given");
    assert_equals(output.constructor, Ctor, "of the same type");
  }, "getRandomValues fills and returns a " + name);

  test(() => {
    const Ctor = globalThis[name];
    const maxLength = 65536 / Ctor.BYTES_PER_ELEMENT;
    assertQuotaExceeded(() => crypto.getRandomValues(new Ctor(maxLength + 1)), name + " of " + (maxLength + 1));
    assert_equals(crypto.getRandomValues(new Ctor(maxLength)).length, maxLength, "exactly 65536 bytes is allowed");
  }, "getRandomValues refuses more than 65536 bytes of " + name);

  test(() => {
    const Ctor = globalThis[name];
    assert_equals(crypto.getRandomValues(new Ctor(0)).length, 0);
  }, "getRandomValues accepts an empty " + name);

  test(() => {
    const Ctor = globalThis[name];
    class Sub extends Ctor {}
    const input = new Sub(256);
    assert_equals(crypto.getRandomValues(input), input, "a subclass instance is filled and returned");
  }, "getRandomValues accepts a subclass of " + name);
}

test(() => {
  const bytes = crypto.getRandomValues(new Uint8Array(4096));
  let zeros = 0;
  const seen = new Set();
  for (const b of bytes) {
    if (b === 0) zeros++;
    seen.add(b);
  }
  // 4096 random bytes: about 16 zeros and all 256 values expected; these
  // bounds fail only for a broken generator (chance below 1e-30).
  assert_less_than(zeros, 80, "not mostly zeros");
  assert_greater_than(seen.size, 200, "many distinct byte values");
}, "getRandomValues actually writes varied bytes");

test(() => {
  const buffer = new ArrayBuffer(32);
  const view = new Uint8Array(buffer, 8, 16);
  crypto.getRandomValues(view);
  const all = new Uint8Array(buffer);
  for (let i = 0; i < 8; i++) assert_equals(all[i], 0, "byte " + i + " before the view is untouched");
  for (let i = 24; i < 32; i++) assert_equals(all[i], 0, "byte " + i + " after the view is untouched");
}, "getRandomValues writes only inside the view's window");

test(() => {
  const getRandomValues = crypto.getRandomValues;
  assert_throws_js(TypeError, () => getRandomValues.call({}, new Uint8Array(4)), "on a plain object");
  assert_throws_js(TypeError, () => getRandomValues.call(undefined, new Uint8Array(4)), "on undefined");
}, "getRandomValues checks its receiver");

// --- randomUUID ---

// Each call is checked against every UUID seen so far in this file.
const seenUUIDs = new Set();
function freshUUID() {
  const uuid = crypto.randomUUID();
  if (seenUUIDs.has(uuid)) throw new Error("randomUUID() repeated " + uuid);
  seenUUIDs.add(uuid);
  return uuid;
}
const UUID_ROUNDS = 256;

test(() => {
  assert_equals(typeof crypto.randomUUID, "function");
  assert_equals(typeof crypto.randomUUID(), "string");
}, "randomUUID() returns a string");

test(() => {
  const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  for (let i = 0; i < UUID_ROUNDS; i++) {
    const uuid = freshUUID();
    assert_regexp_match(uuid, shape, "round " + i);
  }
}, "randomUUID() gives 36 lowercase hex characters in 8-4-4-4-12 groups");

test(() => {
  for (let i = 0; i < UUID_ROUNDS; i++) {
    // The third group starts with the version nibble.
    const byte6 = parseInt(freshUUID().split("-")[2].slice(0, 2), 16);
    assert_equals(byte6 & 0xf0, 0x40, "version 4 in round " + i);
  }
}, "randomUUID() sets the version bits to 4");

test(() => {
  for (let i = 0; i < UUID_ROUNDS; i++) {
    // The fourth group starts with the variant bits.
    const byte8 = parseInt(freshUUID().split("-")[3].slice(0, 2), 16);
    assert_equals(byte8 & 0xc0, 0x80, "variant 10 in round " + i);
  }
}, "randomUUID() sets the variant bits to 10");

test(() => {
  const local = new Set();
  for (let i = 0; i < 1024; i++) local.add(crypto.randomUUID());
  assert_equals(local.size, 1024, "1024 calls, 1024 different UUIDs");
}, "randomUUID() does not repeat");

test(() => {
  assert_throws_js(TypeError, () => crypto.randomUUID.call({}));
}, "randomUUID checks its receiver");

test(() => {
  assert_true(crypto instanceof Crypto, "crypto is a Crypto");
  assert_true(crypto.subtle instanceof SubtleCrypto, "crypto.subtle is a SubtleCrypto");
  assert_equals(crypto.subtle, crypto.subtle, "crypto.subtle is the same object each time");
  assert_throws_js(TypeError, () => new Crypto(), "Crypto cannot be constructed");
  assert_throws_js(TypeError, () => new SubtleCrypto(), "SubtleCrypto cannot be constructed");
}, "crypto and crypto.subtle are the platform objects");
