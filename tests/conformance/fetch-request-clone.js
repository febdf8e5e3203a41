// jsbox's own conformance test: Request.prototype.clone() copies every
// attribute and gives the clone its own copy of the headers.
// Written from the web-platform-tests file fetch/api/request/request-clone.sub.html
// (web-platform-tests/wpt); the checks are re-expressed, not copied.
// Upstream uses new Request("") and a same-origin referrer built from the
// test server's host; jsbox has no document base URL or origin, so an
// absolute URL is used and the referrer is left at its default. The last
// subtest (both bodies readable) is jsbox's addition, the text() form of
// the body checks in response-clone.any.js.

const BASE = "https://example.com/resource";

test(() => {
  const original = new Request(BASE, {
    method: "POST",
    referrerPolicy: "origin",
    mode: "same-origin",
    credentials: "include",
    cache: "no-cache",
    redirect: "error",
    integrity: "Request's Integrity",
    headers: new Headers({ name: "value" }),
    body: "Request's body",
  });
  const clone = original.clone();
  assert_not_equals(clone, original, "a new object");
  assert_true(clone instanceof Request, "a Request");
  for (const attribute of ["url", "method", "referrer", "referrerPolicy", "mode", "credentials", "cache", "redirect", "integrity", "keepalive"]) {
    assert_equals(clone[attribute], original[attribute], attribute);
  }
  assert_equals(clone.method, "POST");
  assert_equals(clone.mode, "same-origin");
  assert_equals(clone.headers.get("name"), "value", "header");
  assert_true(clone.headers.has("Content-Type"), "the body's Content-Type");
}, "a cloned Request has the same attribute values");

test(() => {
  const original = new Request(BASE, { headers: new Headers({ a: "1", b: "2" }) });
  const clone = original.clone();
  assert_not_equals(clone.headers, original.headers, "a separate Headers object");
  assert_equals(clone.headers.get("a"), "1");
  assert_equals(clone.headers.get("b"), "2");
  original.headers.delete("a");
  assert_equals(clone.headers.get("a"), "1", "deleting from the original leaves the clone alone");
  clone.headers.delete("b");
  assert_equals(original.headers.get("b"), "2", "deleting from the clone leaves the original alone");
}, "a cloned Request's headers are an independent copy");

promise_test(async () => {
  const original = new Request(BASE, { method: "POST", body: "shared body" });
  const clone = original.clone();
  assert_equals(await clone.text(), "shared body", "the clone's body");
  assert_false(original.bodyUsed, "reading the clone leaves the original unused");
  assert_equals(await original.text(), "shared body", "the original's body");
}, "a cloned Request and its original both read the whole body");
