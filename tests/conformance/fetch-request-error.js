// jsbox's own conformance test: the Request constructor's TypeErrors (bad
// URL, credentials in the URL, bad or forbidden method, bad enum values,
// disallowed mode/cache/method combinations, a non-null window) and the cases
// that must not throw.
// Written from the web-platform-tests files fetch/api/request/request-error.any.js
// with its data file request-error.js, and fetch/api/request/forbidden-method.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.
// Upstream uses the relative URLs "", "test" and "./"; jsbox has no document
// base URL, so the absolute URL below stands in for them. The content-type
// subtests of request-error.any.js repeat ones in request-headers.any.js and
// are in fetch-request-headers.js only.

const BASE = "https://example.com/resource";

// [name, arguments for new Request()]
const MUST_THROW = [
  ["init.window is not null", [BASE, { window: "https://example.com/" }]],
  ["the input URL does not parse", ["http://:not a valid URL"]],
  ["the input URL has a username and password", ["http://user:pass@example.com/"]],
  ["init.mode is navigate", [BASE, { mode: "navigate" }]],
  ["init.referrer does not parse", [BASE, { referrer: "http://:not a valid URL" }]],
  ["init.method is not a method token", [BASE, { method: "IN VALID" }]],
  ["init.method is forbidden (TRACE)", [BASE, { method: "TRACE" }]],
  ["init.mode is no-cors with a method that is not CORS-safelisted", [BASE, { mode: "no-cors", method: "PUT" }]],
  ["cache only-if-cached with the default mode (cors)", [BASE, { cache: "only-if-cached" }]],
  ["cache only-if-cached with mode cors", [BASE, { cache: "only-if-cached", mode: "cors" }]],
  ["cache only-if-cached with mode no-cors", [BASE, { cache: "only-if-cached", mode: "no-cors" }]],
];
for (const member of ["referrerPolicy", "mode", "credentials", "cache", "redirect"]) {
  MUST_THROW.push(["init." + member + " is not one of its enum values", [BASE, { [member]: "BAD" }]]);
}

for (const [name, args] of MUST_THROW) {
  test(() => {
    assert_throws_js(TypeError, () => new Request(...args));
  }, "new Request() throws a TypeError when " + name);
}

test(() => {
  assert_throws_js(TypeError, () => Request(BASE));
}, "calling Request without new throws a TypeError");

test(() => {
  const request = new Request(BASE, { cache: "only-if-cached", mode: "same-origin" });
  assert_equals(request.cache, "only-if-cached");
  assert_equals(request.mode, "same-origin");
}, "cache only-if-cached with mode same-origin is allowed");

// https://fetch.spec.whatwg.org/#forbidden-method: matched case-insensitively.
for (const method of ["CONNECT", "TRACE", "TRACK", "connect", "trace", "track"]) {
  test(() => {
    assert_throws_js(TypeError, () => new Request(BASE, { method }));
  }, "new Request() with the forbidden method " + method + " throws a TypeError");
}
