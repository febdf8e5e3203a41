// jsbox's own conformance test: Response.json(data, init) serializes data
// with JSON.stringify into a UTF-8 body, sets Content-Type application/json
// unless init gives one, honours init's status/statusText/headers, refuses
// null-body statuses, and passes serializer errors through.
// Written from the web-platform-tests file fetch/api/response/response-static-json.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.

// [init, status, statusText, Content-Type, other expected headers]
const INIT_CASES = [
  [undefined, 200, "", "application/json", {}],
  [{ status: 400 }, 400, "", "application/json", {}],
  [{ statusText: "foo" }, 200, "foo", "application/json", {}],
  [{ headers: {} }, 200, "", "application/json", {}],
  [{ headers: { "content-type": "foo/bar" } }, 200, "", "foo/bar", {}],
  [{ headers: { "x-foo": "bar" } }, 200, "", "application/json", { "x-foo": "bar" }],
];

for (const [init, status, statusText, contentType, extra] of INIT_CASES) {
  promise_test(async () => {
    const response = Response.json("hello world", init);
    assert_equals(response.type, "default", "type");
    assert_equals(response.status, status, "status");
    assert_equals(response.statusText, statusText, "statusText");
    assert_equals(response.headers.get("content-type"), contentType, "Content-Type");
    for (const name of Object.keys(extra)) assert_equals(response.headers.get(name), extra[name], name);
    assert_equals(await response.json(), "hello world", "body");
  }, "Response.json() with init " + JSON.stringify(init));
}

for (const status of [204, 205, 304]) {
  test(() => {
    assert_throws_js(TypeError, () => Response.json("hello world", { status }));
  }, "Response.json() with the null-body status " + status + " throws a TypeError");
}

promise_test(async () => {
  const data = await Response.json({ foo: "bar" }).json();
  assert_equals(typeof data, "object");
  assert_equals(data.foo, "bar");
}, "Response.json() serializes an object");

test(() => {
  // JSON.stringify(Symbol()) is undefined, which is not a JSON text.
  assert_throws_js(TypeError, () => Response.json(Symbol("foo")));
}, "Response.json() throws a TypeError for data that does not serialize");

test(() => {
  const cyclic = { b: 1 };
  cyclic.a = cyclic;
  assert_throws_js(TypeError, () => Response.json(cyclic));
}, "Response.json() throws a TypeError for cyclic data");

test(() => {
  class CustomError extends Error {}
  assert_throws_js(CustomError, () => {
    Response.json({
      get foo() {
        throw new CustomError("from a getter");
      },
    });
  });
}, "Response.json() passes errors from the serializer through");

// [input, expected body bytes]: a surrogate pair becomes UTF-8; lone
// surrogates are escaped by JSON.stringify as \uXXXX.
const ENCODING_CASES = [
  ["\u{1D306}", [34, 240, 157, 140, 134, 34]],
  ["\uDF06\uD834", [34, 92, 117, 100, 102, 48, 54, 92, 117, 100, 56, 51, 52, 34]],
  ["\uDEAD", [34, 92, 117, 100, 101, 97, 100, 34]],
];

for (const [input, expected] of ENCODING_CASES) {
  const label = Array.from(input, (c) => "U+" + c.codePointAt(0).toString(16).toUpperCase()).join(" ");
  promise_test(async () => {
    const bytes = new Uint8Array(await Response.json(input).arrayBuffer());
    assert_array_equals(bytes, expected);
  }, "Response.json() encodes " + label + " as expected");
}
