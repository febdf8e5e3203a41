// jsbox's own conformance test: Blob.prototype.bytes() resolves with a new
// Uint8Array holding exactly the Blob's bytes, and can be called several
// times at once.
// Written from the web-platform-tests file FileAPI/blob/Blob-bytes.any.js
// and its helper FileAPI/support/Blob.js (web-platform-tests/wpt); the
// checks are re-expressed, not copied.

async function expectBytes(blob, expected) {
  const bytes = await blob.bytes();
  assert_true(bytes instanceof Uint8Array, "a Uint8Array");
  assert_equals(bytes.byteLength, expected.length, "byteLength");
  assert_array_equals(bytes, Array.from(expected), "bytes");
}

promise_test(async () => {
  const bytes = new TextEncoder().encode("PASS");
  await expectBytes(new Blob([bytes]), bytes);
}, "bytes() of ASCII text bytes");

promise_test(async () => {
  await expectBytes(new Blob([new TextEncoder().encode("")]), []);
}, "bytes() of an empty Blob");

promise_test(async () => {
  const bytes = new TextEncoder().encode("\u08B8\u000a");
  await expectBytes(new Blob([bytes]), bytes);
}, "bytes() of non-ASCII UTF-8 bytes");

promise_test(async () => {
  const bytes = new Uint8Array([8, 241, 48, 123, 151]);
  await expectBytes(new Blob([bytes]), bytes);
}, "bytes() of bytes that are not UTF-8");

promise_test(async () => {
  const bytes = new TextEncoder().encode("PASS");
  const blob = new Blob([bytes]);
  const results = await Promise.all([blob.bytes(), blob.bytes(), blob.bytes()]);
  for (const result of results) {
    assert_true(result instanceof Uint8Array);
    assert_array_equals(result, Array.from(bytes));
  }
}, "three concurrent bytes() calls give the same bytes");
