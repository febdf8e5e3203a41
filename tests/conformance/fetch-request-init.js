// jsbox's own conformance test: each RequestInit member is reflected by the
// matching Request getter (with method normalization), a Request built from
// another Request or from a URL has the expected values, and the keepalive
// and priority members are handled.
// Written from the web-platform-tests files fetch/api/request/request-init-001.sub.html,
// request-init-003.sub.html, request-keepalive.any.js and
// request-init-priority.any.js (web-platform-tests/wpt); the checks are
// re-expressed, not copied.
// Differences from upstream:
// - upstream uses new Request("") (the document's URL); jsbox has no document
//   base URL, so an absolute URL is used;
// - referrer values that upstream resolves against, or compares with, the
//   document's origin (relative, same-origin and cross-origin referrers) are
//   left out: they depend on the environment's origin, which jsbox does not
//   have. "about:client" and "" are kept;
// - upstream's checkRequest() helper loops over `headers.keys()` with for-in,
//   which never runs; here the header is checked for real;
// - the fetch() halves of request-init-priority.any.js need a network and
//   are left out;
// - the URL-object subtest is jsbox's addition, and the ReadableStream
//   keepalive subtest passes duplex: "half" so that the TypeError can only
//   come from keepalive.

const BASE = "https://example.com/resource";

// [member, given value, expected getter value]
const REFLECTED = [];
function reflect(member, pairs) {
  for (const [given, expected] of pairs) REFLECTED.push([member, given, expected]);
}
reflect("method", [
  ["GET", "GET"], ["HEAD", "HEAD"], ["POST", "POST"], ["PUT", "PUT"], ["DELETE", "DELETE"], ["OPTIONS", "OPTIONS"],
  ["get", "GET"], ["head", "HEAD"], ["post", "POST"], ["put", "PUT"], ["delete", "DELETE"], ["options", "OPTIONS"],
  ["Get", "GET"], ["hEad", "HEAD"], ["poSt", "POST"], ["Put", "PUT"], ["deleTe", "DELETE"], ["optionS", "OPTIONS"],
  // Only the six methods above are upper-cased; PATCH keeps its case.
  ["PATCH", "PATCH"], ["patch", "patch"], ["patCh", "patCh"],
]);
reflect("referrer", [["about:client", "about:client"], ["", ""]]);
reflect("referrerPolicy", [
  "", "no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin",
  "unsafe-url", "same-origin", "strict-origin", "strict-origin-when-cross-origin",
].map((v) => [v, v]));
reflect("mode", ["same-origin", "no-cors", "cors"].map((v) => [v, v]));
reflect("credentials", ["omit", "same-origin", "include"].map((v) => [v, v]));
reflect("cache", ["default", "no-store", "reload", "no-cache", "force-cache"].map((v) => [v, v]));
reflect("redirect", ["follow", "error", "manual"].map((v) => [v, v]));
reflect("integrity", ["", "AZERTYUIOP1234567890"].map((v) => [v, v]));
// window may only be null, and Request has no window getter.
reflect("window", [[null, undefined]]);

for (const [member, given, expected] of REFLECTED) {
  test(() => {
    const request = new Request(BASE, { [member]: given });
    assert_equals(request[member], expected);
  }, "init." + member + " = " + JSON.stringify(given) + " gives request." + member + " " + JSON.stringify(expected));
}

// --- from a Request, from a URL (request-init-003) -------------------------

function fullInit() {
  return {
    method: "POST",
    referrerPolicy: "origin",
    mode: "same-origin",
    credentials: "include",
    cache: "no-cache",
    redirect: "error",
    integrity: "Request's Integrity",
    headers: new Headers({ name: "value" }),
    body: "Request's body",
  };
}

function expectFullInit(request, url) {
  assert_equals(request.url, url, "url");
  assert_equals(request.method, "POST", "method");
  assert_equals(request.referrer, "about:client", "referrer");
  assert_equals(request.referrerPolicy, "origin", "referrerPolicy");
  assert_equals(request.mode, "same-origin", "mode");
  assert_equals(request.credentials, "include", "credentials");
  assert_equals(request.cache, "no-cache", "cache");
  assert_equals(request.redirect, "error", "redirect");
  assert_equals(request.integrity, "Request's Integrity", "integrity");
  assert_equals(request.headers.get("name"), "value", "the init header");
  assert_true(request.headers.has("Content-Type"), "the body's Content-Type");
}

function expectDefaults(request, url) {
  assert_equals(request.url, url, "url");
  assert_equals(request.method, "GET", "method");
  assert_equals(request.referrer, "about:client", "referrer");
  assert_equals(request.referrerPolicy, "", "referrerPolicy");
  assert_equals(request.mode, "cors", "mode");
  assert_equals(request.credentials, "same-origin", "credentials");
  assert_equals(request.cache, "default", "cache");
  assert_equals(request.redirect, "follow", "redirect");
  assert_equals(request.integrity, "", "integrity");
  assert_equals([...request.headers].length, 0, "no headers");
}

test(() => {
  expectFullInit(new Request(new Request(BASE, fullInit())), BASE);
}, "a Request built from an initialized Request copies its values");

test(() => {
  expectFullInit(new Request(new Request(BASE), fullInit()), BASE);
}, "a Request built from a default Request and an init takes the init's values");

test(() => {
  const url = "http://url.test:1234/path/subpath?query=true#fragment";
  expectDefaults(new Request(url), url);
}, "a Request built from a URL string has the default values and keeps the fragment");

test(() => {
  const url = "http://url.test:1234/path/subpath?query=true#fragment";
  expectFullInit(new Request(url, fullInit()), url);
}, "a Request built from a URL string and an init takes the init's values");

test(() => {
  const request = new Request(new URL("https://example.com/from-url-object?x=1"));
  assert_equals(request.url, "https://example.com/from-url-object?x=1");
}, "a URL object is accepted as input and stringified");

// --- keepalive ---------------------------------------------------------------

test(() => {
  assert_false(new Request(BASE).keepalive, "default");
  assert_true(new Request(BASE, { keepalive: true }).keepalive, "true");
  assert_false(new Request(BASE, { keepalive: false }).keepalive, "false");
  assert_true(new Request(BASE, { keepalive: 1 }).keepalive, "a truthy number");
  assert_false(new Request(BASE, { keepalive: 0 }).keepalive, "a falsy number");
}, "init.keepalive is converted to a boolean and reflected");

test(() => {
  // Uses ReadableStream.
  const init = { method: "POST", keepalive: true, body: new ReadableStream(), duplex: "half" };
  assert_throws_js(TypeError, () => new Request(BASE, init));
}, "keepalive with a ReadableStream body throws a TypeError");

// --- priority ------------------------------------------------------------------

for (const priority of ["high", "low", "auto"]) {
  test(() => {
    new Request(BASE, { priority });
  }, "init.priority " + JSON.stringify(priority) + " is accepted");
}

test(() => {
  assert_throws_js(TypeError, () => new Request(BASE, { priority: "invalid" }));
}, "an init.priority outside the enum throws a TypeError");
