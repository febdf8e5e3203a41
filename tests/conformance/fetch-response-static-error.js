// jsbox's own conformance test: Response.error() returns a network-error
// response (type "error", status 0, no body, no headers) whose headers are
// immutable.
// Written from the web-platform-tests file fetch/api/response/response-static-error.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied. The
// last subtest (a new object per call) is jsbox's addition.

test(() => {
  const response = Response.error();
  assert_true(response instanceof Response, "a Response");
  assert_equals(response.type, "error", "type");
  assert_equals(response.status, 0, "status");
  assert_equals(response.statusText, "", "statusText");
  assert_equals(response.body, null, "body");
  assert_false(response.ok, "ok");
  assert_equals(response.url, "", "url");
  assert_true(response.headers.entries().next().done, "no headers");
}, "Response.error() is a network error");

test(() => {
  const headers = Response.error().headers;
  assert_true(!!headers, "there is a Headers object");
  assert_equals(typeof headers.append, "function", "with an append() method");
  assert_throws_js(TypeError, () => headers.append("name", "value"), "append()");
  assert_throws_js(TypeError, () => headers.set("name", "value"), "set()");
  assert_throws_js(TypeError, () => headers.delete("name"), "delete()");
  assert_false(headers.has("name"), "nothing was added");
}, "Response.error()'s headers are immutable");

test(() => {
  assert_not_equals(Response.error(), Response.error());
}, "each Response.error() call returns a new object");
