// jsbox's own conformance test: header values lose leading and trailing HTTP
// whitespace (tab, LF, CR, space) and keep everything else, whichever way
// they enter a Headers object.
// Written from the web-platform-tests file fetch/api/headers/headers-normalize.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.

// [header name, value given, value stored]
const NORMALIZATION = [
  ["name1", " space ", "space"],
  ["name2", "\ttab\t", "tab"],
  ["name3", " spaceAndTab\t", "spaceAndTab"],
  ["name4", "\r\n newLine", "newLine"],
  ["name5", "newLine\r\n ", "newLine"],
  ["name6", "\r\n\tnewLine", "newLine"],
  // Form feed is not HTTP whitespace: only the outer tab and LF go.
  ["name7", "\t\f\tnewLine\n", "\f\tnewLine"],
  // Nor is U+00A0 NO-BREAK SPACE.
  ["name8", "newLine\xa0", "newLine\xa0"],
];

test(() => {
  const init = {};
  for (const [name, given] of NORMALIZATION) init[name] = given;
  const headers = new Headers(init);
  for (const [name, , stored] of NORMALIZATION) assert_equals(headers.get(name), stored, name);
}, "the constructor strips leading and trailing HTTP whitespace from values");

test(() => {
  const headers = new Headers();
  for (const [name, given, stored] of NORMALIZATION) {
    headers.append(name, given);
    assert_equals(headers.get(name), stored, name);
  }
}, "append() strips leading and trailing HTTP whitespace from values");

test(() => {
  const headers = new Headers();
  for (const [name, given, stored] of NORMALIZATION) {
    headers.set(name, given);
    assert_equals(headers.get(name), stored, name);
  }
}, "set() strips leading and trailing HTTP whitespace from values");
