// jsbox's own conformance test: RequestInit's headers and body: init headers
// are copied, a body is refused for GET and HEAD, each body type sets its
// Content-Type and reads back as text, and a body can be replaced or
// inherited when building a Request from another.
// Written from the web-platform-tests files fetch/api/request/request-init-002.any.js
// and fetch/api/request/request-constructor-init-body-override.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.
// Upstream uses new Request(""); jsbox has no document base URL, so an
// absolute URL is used.

const BASE = "https://example.com/resource";

test(() => {
  const pairs = { name1: "value1", name2: "value2", name3: "value3" };
  const request = new Request(BASE, { headers: new Headers(pairs) });
  for (const name of Object.keys(pairs)) assert_equals(request.headers.get(name), pairs[name], name);
}, "init.headers values are copied into the request's headers");

// [label, body factory, expected Content-Type fragment (or null), expected
// fragment of the body's text]
const BODIES = [
  ["undefined", () => undefined, null, ""],
  ["null", () => null, null, ""],
  ["a Blob", () => new Blob(["This is a blob"], { type: "application/octet-binary" }), "application/octet-binary", "This is a blob"],
  ["a FormData", () => {
    const form = new FormData();
    form.append("name", "value");
    return form;
  }, "multipart/form-data", "name=\"name\"\r\n\r\nvalue"],
  ["a string", () => "This is a USVString", "text/plain;charset=UTF-8", "This is a USVString"],
  ["an object with toString()", () => ({ toString: () => "hi!" }), "text/plain;charset=UTF-8", "hi!"],
  ["a URLSearchParams", () => new URLSearchParams("name=value"), "application/x-www-form-urlencoded;charset=UTF-8", "name=value"],
];

for (const [label, makeBody, contentType, textFragment] of BODIES) {
  promise_test(async () => {
    const body = makeBody();
    const request = new Request(BASE, { method: "POST", body });
    if (body === undefined || body === null) {
      // An absent body is fine with GET.
      new Request(BASE, { method: "GET", body });
      assert_equals(request.headers.get("Content-Type"), null, "no Content-Type without a body");
    } else {
      assert_throws_js(TypeError, () => new Request(BASE, { method: "GET", body: makeBody() }), "GET with a body");
      assert_throws_js(TypeError, () => new Request(BASE, { method: "HEAD", body: makeBody() }), "HEAD with a body");
      const type = request.headers.get("Content-Type");
      assert_true(type !== null && type.includes(contentType), "Content-Type " + JSON.stringify(type) + " should contain " + JSON.stringify(contentType));
    }
    const text = await request.text();
    assert_true(text.includes(textFragment), "body text " + JSON.stringify(text) + " should contain " + JSON.stringify(textFragment));
  }, "a request body from " + label + " has the right Content-Type and text");
}

promise_test(async () => {
  const first = new Request("https://example.com/", { body: "req1", method: "POST" });
  assert_equals(await first.text(), "req1", "first body");
  const second = new Request(first, { body: "req2" });
  assert_equals(await second.text(), "req2", "overriding body");
}, "init.body replaces the body of the input request, even a used one");

promise_test(async () => {
  const first = new Request("https://example.com/", { body: "req1", method: "POST" });
  // The first Request is used as the init dictionary: its method and body
  // getters supply the members.
  const second = new Request("https://example.com/", first);
  assert_equals(second.method, "POST", "method read from the init object");
  assert_equals(await second.text(), "req1", "body read from the init object");
}, "a Request passed as the init dictionary supplies its body");
