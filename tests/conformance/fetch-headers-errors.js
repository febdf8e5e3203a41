// jsbox's own conformance test: Headers rejects malformed init pairs, invalid
// header names and values (TypeError), and forEach() validates its callback.
// Written from the web-platform-tests file fetch/api/headers/headers-errors.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.
// Upstream's "append with an invalid name" subtests always passed the same
// literal name; here each one uses the name it is named after.

test(() => {
  assert_throws_js(TypeError, () => new Headers([["name"]]));
}, "an init pair with only one item throws a TypeError");

test(() => {
  assert_throws_js(TypeError, () => new Headers([["name", "value1", "value2"]]));
}, "an init pair with three items throws a TypeError");

test(() => {
  // U+0100 is not a ByteString code unit.
  assert_throws_js(TypeError, () => new Headers([["invalid\u0100", "value"]]));
}, "an init pair with a non-ByteString name throws a TypeError");

test(() => {
  assert_throws_js(TypeError, () => new Headers([["name", "invalid\u0100"]]));
}, "an init pair with a non-ByteString value throws a TypeError");

// Names that are not a header name: one is not a ByteString, the other is
// the object {} whose string form "[object Object]" has a space and brackets.
const BAD_NAMES = [
  ["non-ByteString name", () => "invalid\u0100"],
  ["name from {}", () => ({})],
];

for (const [label, makeName] of BAD_NAMES) {
  test(() => {
    assert_throws_js(TypeError, () => new Headers().get(makeName()));
  }, "get() with a " + label + " throws a TypeError");
  test(() => {
    assert_throws_js(TypeError, () => new Headers().delete(makeName()));
  }, "delete() with a " + label + " throws a TypeError");
  test(() => {
    assert_throws_js(TypeError, () => new Headers().has(makeName()));
  }, "has() with a " + label + " throws a TypeError");
  test(() => {
    assert_throws_js(TypeError, () => new Headers().set(makeName(), "value"));
  }, "set() with a " + label + " throws a TypeError");
  test(() => {
    assert_throws_js(TypeError, () => new Headers().append(makeName(), "value"));
  }, "append() with a " + label + " throws a TypeError");
}

test(() => {
  assert_throws_js(TypeError, () => new Headers().set("name", "invalid\u0100"));
}, "set() with a non-ByteString value throws a TypeError");

test(() => {
  assert_throws_js(TypeError, () => new Headers().append("name", "invalid\u0100"));
}, "append() with a non-ByteString value throws a TypeError");

test(() => {
  const headers = new Headers([["name", "value"]]);
  assert_throws_js(TypeError, () => headers.forEach(), "no argument");
  assert_throws_js(TypeError, () => headers.forEach(undefined), "undefined");
  assert_throws_js(TypeError, () => headers.forEach(1), "a number");
}, "forEach() throws a TypeError when the callback is not callable");

test(() => {
  const headers = new Headers([["name1", "value1"], ["name2", "value2"], ["name3", "value3"]]);
  let calls = 0;
  const thrown = { reason: "stop" };
  assert_throws_exactly(thrown, () => {
    headers.forEach((value, name) => {
      calls++;
      if (name === "name2") throw thrown;
    });
  });
  assert_equals(calls, 2, "no call after the throwing one");
}, "forEach() stops and rethrows when the callback throws");
