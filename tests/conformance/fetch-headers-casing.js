// jsbox's own conformance test: header names are compared case-insensitively
// by every Headers method.
// Written from the web-platform-tests file fetch/api/headers/headers-casing.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied. The
// last subtest (set() with another casing replaces) is jsbox's addition.

const MIXED_CASE = [
  ["UPPERCASE", "value1"],
  ["lowercase", "value2"],
  ["mixedCase", "value3"],
  ["Content-TYPE", "value4"],
];

// get() must find the header whatever the casing of the query.
function expectFoundInAnyCase(headers, name, value) {
  for (const spelling of [name, name.toLowerCase(), name.toUpperCase()]) {
    assert_equals(headers.get(spelling), value, "get(" + JSON.stringify(spelling) + ")");
  }
}

test(() => {
  const init = {};
  for (const [name, value] of MIXED_CASE) init[name] = value;
  const headers = new Headers(init);
  for (const [name, value] of MIXED_CASE) expectFoundInAnyCase(headers, name, value);
}, "headers built from a record are found in any casing");

test(() => {
  const headers = new Headers();
  for (const [name, value] of MIXED_CASE) {
    headers.append(name, value);
    expectFoundInAnyCase(headers, name, value);
  }
}, "appended headers are found in any casing");

test(() => {
  const headers = new Headers();
  for (const [name, value] of MIXED_CASE) {
    headers.set(name, value);
    expectFoundInAnyCase(headers, name, value);
  }
}, "headers added with set() are found in any casing");

test(() => {
  const headers = new Headers();
  for (const [name, value] of MIXED_CASE) headers.set(name, value);
  for (const [name] of MIXED_CASE) headers.delete(name.toLowerCase());
  for (const [name] of MIXED_CASE) {
    assert_false(headers.has(name), name + " should be gone after delete() in lower case");
  }
}, "delete() with a differently-cased name removes the header");

test(() => {
  const headers = new Headers([["X-Custom-Name", "a"]]);
  headers.set("x-CUSTOM-name", "b");
  assert_array_equals([...headers.keys()], ["x-custom-name"], "one header, lower-cased");
  assert_equals(headers.get("X-CUSTOM-NAME"), "b");
}, "set() with a differently-cased name replaces the existing header");
