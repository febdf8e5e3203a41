// jsbox's own conformance test: which Response headers can be changed. Headers
// of a Response from fetch() and of Response.error() and Response.redirect()
// have the "immutable" guard (every change throws a TypeError); the headers
// of new Response() have the "response" guard (changes are allowed).
// Written from the web-platform-tests file fetch/api/response/response-headers-guard.any.js
// (web-platform-tests/wpt). Upstream checks a Response returned by fetch()
// for a server file; jsbox has no network, so this file checks the Responses
// that have the same guard without a fetch, and that new Response() and
// Response.json() (guard "response") do not.

function expectImmutable(headers) {
  assert_throws_js(TypeError, () => headers.append("name", "value"), "append()");
  assert_not_equals(headers.get("name"), "value", "append() changed nothing");
  assert_throws_js(TypeError, () => headers.set("name", "value"), "set()");
  assert_throws_js(TypeError, () => headers.delete("name"), "delete()");
}

test(() => {
  expectImmutable(Response.error().headers);
}, "Response.error() headers are immutable");

test(() => {
  expectImmutable(Response.redirect("https://example.com/").headers);
}, "Response.redirect() headers are immutable");

test(() => {
  const headers = new Response("body").headers;
  headers.append("name", "value");
  assert_equals(headers.get("name"), "value", "append()");
  headers.set("name", "other");
  assert_equals(headers.get("name"), "other", "set()");
  headers.delete("name");
  assert_false(headers.has("name"), "delete()");
}, "new Response() headers can be changed");

test(() => {
  const headers = Response.json({}).headers;
  headers.set("x-extra", "1");
  assert_equals(headers.get("x-extra"), "1");
}, "Response.json() headers can be changed");
