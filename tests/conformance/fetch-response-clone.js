// jsbox's own conformance test: Response.prototype.clone() copies the
// attributes and headers, both the original and the clone can read the whole
// body, and a disturbed response cannot be cloned.
// Written from the web-platform-tests file fetch/api/response/response-clone.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.
// Upstream reads the two bodies through response.body.getReader(); here
// they are read with text(), which needs no ReadableStream. Left out: the
// subtests that fetch() a trickling server resource, and the ones that clone
// a response built from a ReadableStream to check how the tee copies each
// chunk type (they are about streams). The independent-headers and
// Response.error() subtests are jsbox's additions.

test(() => {
  const clone = new Response().clone();
  assert_equals(clone.type, "default", "type");
  assert_equals(clone.url, "", "url");
  assert_true(clone.ok, "ok");
  assert_equals(clone.status, 200, "status");
  assert_equals(clone.statusText, "", "statusText");
  assert_equals(clone.body, null, "body");
}, "a clone of new Response() has the default values");

function bodied() {
  return new Response("This is response body", { status: 200, statusText: "GOOD", headers: { name: "value" } });
}

test(() => {
  const original = bodied();
  const clone = original.clone();
  assert_not_equals(clone, original, "a new object");
  assert_equals(clone.status, 200, "status");
  assert_equals(clone.statusText, "GOOD", "statusText");
  assert_equals(clone.headers.get("name"), "value", "header");
  assert_equals(clone.headers.get("Content-Type"), "text/plain;charset=UTF-8", "the body's Content-Type");
}, "a clone has the original's status, statusText and headers");

test(() => {
  const original = bodied();
  const clone = original.clone();
  assert_not_equals(clone.headers, original.headers, "a separate Headers object");
  original.headers.set("name", "changed");
  assert_equals(clone.headers.get("name"), "value", "changing the original leaves the clone alone");
  clone.headers.delete("name");
  assert_equals(original.headers.get("name"), "changed", "changing the clone leaves the original alone");
}, "a clone's headers are an independent copy");

promise_test(async () => {
  const original = bodied();
  original.clone();
  assert_equals(await original.text(), "This is response body");
}, "the original's body is whole after cloning");

promise_test(async () => {
  const original = bodied();
  const clone = original.clone();
  assert_equals(await clone.text(), "This is response body", "the clone's body");
  assert_false(original.bodyUsed, "reading the clone leaves the original unused");
  assert_equals(await original.text(), "This is response body", "the original's body");
}, "the clone's body is whole and independent of the original's");

promise_test(async () => {
  const response = new Response("data");
  await response.text();
  assert_true(response.bodyUsed, "the response is disturbed");
  assert_throws_js(TypeError, () => response.clone());
}, "clone() of a disturbed response throws a TypeError");

test(() => {
  const clone = Response.error().clone();
  assert_equals(clone.type, "error", "type");
  assert_equals(clone.status, 0, "status");
}, "a clone of Response.error() is a network error too");
