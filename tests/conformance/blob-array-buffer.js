// jsbox's own conformance test: Blob.prototype.arrayBuffer() resolves with a
// new ArrayBuffer holding exactly the Blob's bytes, and can be called several
// times at once.
// Written from the web-platform-tests file FileAPI/blob/Blob-array-buffer.any.js
// and its helper FileAPI/support/Blob.js (web-platform-tests/wpt); the
// checks are re-expressed, not copied. The last subtest (the Blob copies its
// input) and the new-buffer-per-call check are jsbox's additions.

async function expectBytes(blob, expected) {
  const buffer = await blob.arrayBuffer();
  assert_true(buffer instanceof ArrayBuffer, "an ArrayBuffer");
  assert_equals(buffer.byteLength, expected.length, "byteLength");
  assert_array_equals(new Uint8Array(buffer), Array.from(expected), "bytes");
}

promise_test(async () => {
  const bytes = new TextEncoder().encode("PASS");
  await expectBytes(new Blob([bytes]), bytes);
}, "arrayBuffer() of ASCII text bytes");

promise_test(async () => {
  await expectBytes(new Blob([new TextEncoder().encode("")]), []);
}, "arrayBuffer() of an empty Blob");

promise_test(async () => {
  const bytes = new TextEncoder().encode("\u08B8\u000a");
  await expectBytes(new Blob([bytes]), bytes);
}, "arrayBuffer() of non-ASCII UTF-8 bytes");

promise_test(async () => {
  const bytes = new Uint8Array([8, 241, 48, 123, 151]);
  await expectBytes(new Blob([bytes]), bytes);
}, "arrayBuffer() of bytes that are not UTF-8");

promise_test(async () => {
  const bytes = new TextEncoder().encode("PASS");
  const blob = new Blob([bytes]);
  const buffers = await Promise.all([blob.arrayBuffer(), blob.arrayBuffer(), blob.arrayBuffer()]);
  for (const buffer of buffers) {
    assert_true(buffer instanceof ArrayBuffer);
    assert_array_equals(new Uint8Array(buffer), Array.from(bytes));
  }
  assert_not_equals(buffers[0], buffers[1], "each call gives a new ArrayBuffer");
}, "three concurrent arrayBuffer() calls give the same bytes");

promise_test(async () => {
  const source = new Uint8Array([1, 2, 3]);
  const blob = new Blob([source]);
  source[0] = 99;
  await expectBytes(blob, [1, 2, 3]);
}, "a Blob keeps a copy of the bytes it was given");
