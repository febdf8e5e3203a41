// jsbox's own conformance test for FormData without a form element: the
// constructor's argument checks, and append/set/get/getAll/has/delete on
// string values (values are stringified; get() returns the first value).
// Written from the web-platform-tests files xhr/formdata/constructor.any.js,
// append.any.js, set.any.js, get.any.js, has.any.js and delete.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied. The
// Blob-valued cases of append.any.js and set.any.js are in formdata-blob.js.
// The two "is empty" subtests are jsbox's additions.

// Builds a FormData by calling `method` (append or set) once per argument list.
function formWith(method, ...calls) {
  const form = new FormData();
  for (const args of calls) form[method](...args);
  return form;
}

test(() => {
  assert_throws_js(TypeError, () => new FormData(null), "null");
  assert_throws_js(TypeError, () => new FormData("string"), "a string");
}, "new FormData() with something other than a form element throws a TypeError");

test(() => {
  const form = new FormData();
  assert_equals([...form].length, 0);
  assert_equals(String(form), "[object FormData]");
}, "new FormData() is empty");

test(() => {
  const form = new FormData(undefined);
  assert_equals([...form].length, 0);
}, "new FormData(undefined) is empty");

// --- append ------------------------------------------------------------------

test(() => {
  assert_equals(formWith("append", ["key", "value1"]).get("key"), "value1");
}, "append() then get() returns the value");

test(() => {
  assert_equals(formWith("append", ["key", "value2"], ["key", "value1"]).get("key"), "value2");
}, "after two append() calls get() returns the first value");

test(() => {
  assert_equals(formWith("append", ["key", undefined]).get("key"), "undefined");
}, "append() stringifies undefined");

test(() => {
  assert_equals(formWith("append", ["key", undefined], ["key", "value1"]).get("key"), "undefined");
}, "append() of undefined then a string keeps \"undefined\" first");

test(() => {
  assert_equals(formWith("append", ["key", null]).get("key"), "null");
}, "append() stringifies null");

test(() => {
  assert_equals(formWith("append", ["key", null], ["key", "value1"]).get("key"), "null");
}, "append() of null then a string keeps \"null\" first");

// --- set ---------------------------------------------------------------------

test(() => {
  assert_equals(formWith("set", ["key", "value1"]).get("key"), "value1");
}, "set() then get() returns the value");

test(() => {
  assert_equals(formWith("set", ["key", "value2"], ["key", "value1"]).get("key"), "value1");
}, "a second set() replaces the first value");

test(() => {
  assert_equals(formWith("set", ["key", undefined]).get("key"), "undefined");
}, "set() stringifies undefined");

test(() => {
  assert_equals(formWith("set", ["key", undefined], ["key", "value1"]).get("key"), "value1");
}, "set() of a string replaces \"undefined\"");

test(() => {
  assert_equals(formWith("set", ["key", null]).get("key"), "null");
}, "set() stringifies null");

test(() => {
  assert_equals(formWith("set", ["key", null], ["key", "value1"]).get("key"), "value1");
}, "set() of a string replaces \"null\"");

// --- get, getAll, has ---------------------------------------------------------

test(() => {
  assert_equals(formWith("append", ["key", "value1"], ["key", "value2"]).get("key"), "value1");
}, "get() returns the first of several values");

test(() => {
  assert_equals(formWith("append", ["key", "value1"], ["key", "value2"]).get("nil"), null);
}, "get() of an absent name returns null");

test(() => {
  assert_equals(new FormData().get("key"), null);
}, "get() on an empty FormData returns null");

test(() => {
  assert_array_equals(formWith("append", ["key", "value1"], ["key", "value2"]).getAll("key"), ["value1", "value2"]);
}, "getAll() returns every value in order");

test(() => {
  assert_array_equals(formWith("append", ["key", "value1"], ["key", "value2"]).getAll("nil"), []);
}, "getAll() of an absent name returns an empty array");

test(() => {
  assert_array_equals(new FormData().getAll("key"), []);
}, "getAll() on an empty FormData returns an empty array");

test(() => {
  assert_true(formWith("append", ["key", "value1"], ["key", "value2"]).has("key"));
}, "has() of a present name is true");

test(() => {
  assert_false(formWith("append", ["key", "value1"], ["key", "value2"]).has("nil"));
}, "has() of an absent name is false");

test(() => {
  assert_false(new FormData().has("key"));
}, "has() on an empty FormData is false");

// --- delete --------------------------------------------------------------------

test(() => {
  const form = formWith("append", ["key", "value1"], ["key", "value2"]);
  form.delete("key");
  assert_equals(form.get("key"), null);
  assert_false(form.has("key"));
}, "delete() removes every value of the name");

test(() => {
  const form = formWith("append", ["key", "value1"], ["key", "value2"]);
  form.delete("nil");
  assert_equals(form.get("key"), "value1");
}, "delete() of an absent name changes nothing");

test(() => {
  const form = formWith("append", ["key1", "value1"], ["key2", "value2"]);
  form.delete("key1");
  assert_equals(form.get("key1"), null);
  assert_equals(form.get("key2"), "value2");
}, "delete() leaves other names alone");
