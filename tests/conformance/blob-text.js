// jsbox's own conformance test: Blob.prototype.text() decodes the bytes as
// UTF-8 whatever the type's charset says, replaces invalid sequences with
// U+FFFD, and can be called several times at once.
// Written from the web-platform-tests file FileAPI/blob/Blob-text.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied. The
// last subtest (a UTF-8 BOM is dropped) is jsbox's addition.

promise_test(async () => {
  assert_equals(await new Blob(["PASS"]).text(), "PASS");
}, "text() of a one-string Blob");

promise_test(async () => {
  assert_equals(await new Blob().text(), "");
}, "text() of an empty Blob");

promise_test(async () => {
  assert_equals(await new Blob(["P", "A", "SS"]).text(), "PASS");
}, "text() of a Blob made of several strings");

// "a" followed by U+030A COMBINING RING ABOVE: not normalized on the way.
const DECOMPOSED = "\u0061\u030A";

promise_test(async () => {
  const blob = new Blob([new TextEncoder().encode(DECOMPOSED)]);
  assert_equals(await blob.text(), DECOMPOSED);
}, "text() keeps a combining sequence as it is");

promise_test(async () => {
  const blob = new Blob(["PASS"], { type: "text/plain;charset=utf-16le" });
  assert_equals(await blob.text(), "PASS");
}, "text() ignores a charset parameter in the type");

promise_test(async () => {
  const blob = new Blob([new TextEncoder().encode(DECOMPOSED)], { type: "text/plain;charset=utf-16le" });
  assert_equals(await blob.text(), DECOMPOSED);
}, "text() decodes non-ASCII UTF-8 despite a utf-16le charset parameter");

// Bytes that can never appear in UTF-8; each becomes one U+FFFD.
const NEVER_UTF8 = [192, 193, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255];

promise_test(async () => {
  const text = await new Blob([new Uint8Array(NEVER_UTF8)]).text();
  assert_equals(text, "\uFFFD".repeat(NEVER_UTF8.length));
}, "text() replaces each invalid UTF-8 byte with U+FFFD");

promise_test(async () => {
  const blob = new Blob([new Uint8Array(NEVER_UTF8)]);
  const results = await Promise.all([blob.text(), blob.text(), blob.text()]);
  for (const text of results) assert_equals(text, "\uFFFD".repeat(NEVER_UTF8.length));
}, "three concurrent text() calls give the same result");

promise_test(async () => {
  const blob = new Blob([new Uint8Array([0xEF, 0xBB, 0xBF, 0x41])]);
  assert_equals(await blob.text(), "A");
}, "text() drops a leading UTF-8 byte order mark");
