// jsbox's own conformance test: a Request exposes the Body methods, clone()
// and its read-only attributes (with their default values), and does not
// expose internal fields such as priority.
// Written from the web-platform-tests file fetch/api/request/request-structure.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.
// Upstream builds new Request("") against the document's URL; jsbox has no
// document base URL, so an absolute URL is used. The signal/keepalive/body
// subtest is jsbox's addition.

const URL_STRING = "https://example.com/resource";

function freshRequest() {
  return new Request(URL_STRING);
}

for (const method of ["clone", "arrayBuffer", "blob", "formData", "json", "text"]) {
  test(() => {
    const request = freshRequest();
    assert_true(method in request, method + " is reachable");
    assert_equals(typeof request[method], "function");
  }, "Request has a " + method + "() method");
}

// Assigning to a getter-only accessor is ignored in sloppy code and throws a
// TypeError in strict code; either way the value must not change.
function assignIgnoringStrictness(object, name, value) {
  try {
    object[name] = value;
  } catch (e) {
    assert_true(e instanceof TypeError, "only a TypeError may be thrown");
  }
}

// [attribute, default value, a different value to try to assign].
const ATTRIBUTES = [
  ["method", "GET", "POST"],
  ["url", URL_STRING, "https://other.example/"],
  ["destination", "", "worker"],
  ["referrer", "about:client", "https://other.example/"],
  ["referrerPolicy", "", "unsafe-url"],
  ["mode", "cors", "navigate"],
  ["credentials", "same-origin", "omit"],
  ["cache", "default", "reload"],
  ["redirect", "follow", "manual"],
  ["integrity", "", "CannotWriteIntegrity"],
  ["isReloadNavigation", false, true],
  ["isHistoryNavigation", false, true],
  ["duplex", "half", "full"],
  ["bodyUsed", false, true],
];

for (const [name, defaultValue, attempt] of ATTRIBUTES) {
  test(() => {
    const request = freshRequest();
    assert_true(name in request, name + " is reachable");
    assert_equals(request[name], defaultValue, "default value");
    assignIgnoringStrictness(request, name, attempt);
    assert_equals(request[name], defaultValue, "value after an assignment");
  }, "Request's " + name + " attribute is read-only with default " + JSON.stringify(defaultValue));
}

test(() => {
  const request = freshRequest();
  assert_true("headers" in request);
  const original = request.headers;
  assignIgnoringStrictness(request, "headers", new Headers({ name: "value" }));
  assert_equals(request.headers, original, "same object after an assignment");
  assert_false(request.headers.has("name"), "assigned headers are not used");
}, "Request's headers attribute is read-only");

test(() => {
  const request = freshRequest();
  assert_true("signal" in request, "signal is reachable");
  assert_true("keepalive" in request, "keepalive is reachable");
  assert_equals(request.keepalive, false, "keepalive default");
  assert_equals(request.body, null, "a GET request has no body");
}, "Request's signal, keepalive and body attributes exist");

for (const hidden of ["priority", "internalpriority", "blocking"]) {
  test(() => {
    assert_false(hidden in freshRequest());
  }, "Request does not expose " + hidden);
}
