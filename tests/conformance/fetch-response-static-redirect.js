// jsbox's own conformance test: Response.redirect(url, status) builds a
// redirect response with a Location header; the status defaults to 302, must
// be a redirect status (RangeError otherwise), and the URL must parse
// (TypeError otherwise).
// Written from the web-platform-tests file fetch/api/response/response-static-redirect.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.
// The last two subtests (Location holds the serialized URL; the headers are
// immutable, the guard the spec gives them) are jsbox's additions.

const TARGET = "http://test.url:1234/";

function expectRedirect(response, status) {
  assert_equals(response.type, "default", "type");
  assert_false(response.redirected, "redirected");
  assert_false(response.ok, "ok");
  assert_equals(response.status, status, "status");
  assert_equals(response.statusText, "", "statusText");
  assert_equals(response.headers.get("Location"), TARGET, "Location");
  assert_equals(response.body, null, "body");
}

test(() => {
  expectRedirect(Response.redirect(TARGET), 302);
}, "Response.redirect(url) defaults to status 302");

for (const status of [301, 302, 303, 307, 308]) {
  test(() => {
    expectRedirect(Response.redirect(TARGET, status), status);
  }, "Response.redirect(url, " + status + ")");
}

test(() => {
  assert_throws_js(TypeError, () => Response.redirect("http://:This is not an url"));
}, "Response.redirect() with a URL that does not parse throws a TypeError");

for (const status of [200, 309, 400, 500]) {
  test(() => {
    assert_throws_js(RangeError, () => Response.redirect(TARGET, status));
  }, "Response.redirect() with status " + status + " throws a RangeError");
}

test(() => {
  const response = Response.redirect("https://example.com/a b?c=d");
  assert_equals(response.headers.get("Location"), "https://example.com/a%20b?c=d");
}, "Response.redirect() puts the serialized URL in Location");

test(() => {
  const headers = Response.redirect(TARGET).headers;
  assert_throws_js(TypeError, () => headers.set("Location", "https://other.example/"));
  assert_equals(headers.get("Location"), TARGET);
}, "Response.redirect()'s headers are immutable");
