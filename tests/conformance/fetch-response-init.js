// jsbox's own conformance test: a default Response's attributes, ResponseInit
// status/statusText/headers reflected by the getters, the Content-Type and
// text of each body type, and headers being [SameObject].
// Written from the web-platform-tests files fetch/api/response/response-init-001.any.js
// and fetch/api/response/response-init-002.any.js (web-platform-tests/wpt);
// the checks are re-expressed, not copied.

const DEFAULTS = [
  ["type", "default"],
  ["url", ""],
  ["ok", true],
  ["status", 200],
  ["statusText", ""],
  ["body", null],
  ["redirected", false],
  ["bodyUsed", false],
];

for (const [attribute, expected] of DEFAULTS) {
  test(() => {
    assert_equals(new Response()[attribute], expected);
  }, "new Response() has " + attribute + " " + JSON.stringify(expected));
}

test(() => {
  for (const status of [200, 300, 400, 500, 599]) {
    const response = new Response("", { status });
    assert_equals(response.status, status, "status " + status);
    assert_equals(response.ok, status >= 200 && status <= 299, "ok for " + status);
  }
}, "init.status is reflected and ok is true only for 200-299");

test(() => {
  // U+0080 is a valid reason-phrase byte (obs-text).
  for (const statusText of ["", "OK", "with space", "\u0080"]) {
    const response = new Response("", { statusText });
    assert_equals(response.statusText, statusText, JSON.stringify(statusText));
    assert_true(response.ok, "ok with the default status");
  }
}, "init.statusText is reflected");

test(() => {
  const plain = new Response("");
  assert_equals(plain.headers, plain.headers, "same object on each get");
  const response = new Response("", { headers: { "X-Foo": "bar" } });
  const headers = response.headers;
  response.headers.set("X-Foo", "quux");
  assert_equals(response.headers, headers, "same object after set() through the getter");
  headers.set("X-Other-Header", "baz");
  assert_equals(response.headers, headers, "same object after set() through the saved reference");
  assert_equals(response.headers.get("X-Foo"), "quux", "the change is visible");
}, "Response.headers is [SameObject]");

test(() => {
  const pairs = { name1: "value1", name2: "value2", name3: "value3" };
  const response = new Response("", { headers: new Headers(pairs) });
  for (const name of Object.keys(pairs)) assert_equals(response.headers.get(name), pairs[name], name);
}, "init.headers values are copied into the response's headers");

// [label, body factory, Content-Type fragment, text fragment]
const BODIES = [
  ["a Blob", () => new Blob(["This is a blob"], { type: "application/octet-binary" }), "application/octet-binary", "This is a blob"],
  ["a FormData", () => {
    const form = new FormData();
    form.append("name", "value");
    return form;
  }, "multipart/form-data", "name=\"name\"\r\n\r\nvalue"],
  ["a URLSearchParams", () => new URLSearchParams("name=value"), "application/x-www-form-urlencoded;charset=UTF-8", "name=value"],
  ["a string", () => "This is a USVString", "text/plain;charset=UTF-8", "This is a USVString"],
];

for (const [label, makeBody, contentType, textFragment] of BODIES) {
  promise_test(async () => {
    const response = new Response(makeBody());
    const type = response.headers.get("Content-Type");
    assert_true(type !== null && type.includes(contentType), "Content-Type " + JSON.stringify(type) + " should contain " + JSON.stringify(contentType));
    const text = await response.text();
    assert_true(text.includes(textFragment), "text " + JSON.stringify(text) + " should contain " + JSON.stringify(textFragment));
  }, "a response body from " + label + " has the right Content-Type and text");
}

promise_test(async () => {
  // Uses ReadableStream.
  const response = new Response("This is response body");
  const reader = response.body.getReader();
  const chunks = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    assert_true(value instanceof Uint8Array, "chunks are Uint8Arrays");
    chunks.push(...value);
  }
  assert_equals(String.fromCharCode(...chunks), "This is response body");
}, "a string body can be read through response.body's reader");

promise_test(async () => {
  const response = new Response("This is my fork", { headers: [["Content-Type", ""]] });
  const blob = await response.blob();
  assert_equals(blob.type, "");
}, "an empty Content-Type header gives the body blob an empty type");

test(() => {
  assert_equals(new Response(null, { status: 204 }).body, null);
}, "a null body with status 204 gives body null");
