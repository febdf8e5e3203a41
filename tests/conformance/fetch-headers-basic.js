// jsbox's own conformance test for the Headers class: construction from the
// different init shapes, the get/set/has/delete/append methods, and the
// iteration protocol (sorted, lower-cased, live while iterating).
// Written from the web-platform-tests files fetch/api/headers/headers-basic.any.js
// and fetch/api/headers/headers-structure.any.js (web-platform-tests/wpt); the
// checks are re-expressed for jsbox's harness, not copied. forEach in the
// member list and the "@@iterator is entries" check are jsbox's additions.

// One value of each kind a header value can be converted from.
const SAMPLE = [
  ["name1", "value1"],
  ["name2", "value2"],
  ["name3", "value3"],
  ["name4", null],
  ["name5", undefined],
  ["name6", 1],
  ["Content-Type", "value4"],
];

function sampleRecord() {
  const record = {};
  for (const [name, value] of SAMPLE) record[name] = value;
  return record;
}

function expectSample(headers, what) {
  for (const [name, value] of SAMPLE) {
    assert_equals(headers.get(name), String(value), what + ": value of " + name);
  }
}

// --- construction ---------------------------------------------------------

test(() => {
  const headers = new Headers();
  assert_equals([...headers].length, 0);
}, "new Headers() with no argument is empty");

test(() => {
  const headers = new Headers(undefined);
  assert_equals([...headers].length, 0);
}, "new Headers(undefined) is empty");

test(() => {
  const headers = new Headers({});
  assert_equals([...headers].length, 0);
}, "new Headers({}) is empty");

test(() => {
  assert_throws_js(TypeError, () => new Headers(null));
}, "new Headers(null) throws a TypeError");

test(() => {
  assert_throws_js(TypeError, () => new Headers(1));
}, "new Headers(1) throws a TypeError");

test(() => {
  const headers = new Headers(SAMPLE);
  expectSample(headers, "from a sequence of pairs");
  // An array is a sequence: its own "length" property is not a header.
  assert_equals(headers.get("length"), null, "length is not read as a header name");
}, "new Headers(sequence of pairs) stringifies the values");

test(() => {
  expectSample(new Headers(sampleRecord()), "from a record");
}, "new Headers(record) stringifies the values");

test(() => {
  const copy = new Headers(new Headers(sampleRecord()));
  expectSample(copy, "copied from another Headers");
}, "new Headers(otherHeaders) copies every header");

test(() => {
  const source = new Headers();
  // An own @@iterator shadows Headers.prototype[Symbol.iterator]; the
  // sequence conversion must use it.
  source[Symbol.iterator] = function* () {
    yield ["from-iterator", "yes"];
  };
  const copy = new Headers(source);
  assert_equals(copy.get("from-iterator"), "yes");
}, "new Headers(otherHeaders) uses an own @@iterator of the argument");

// --- the accessor methods ---------------------------------------------------

test(() => {
  const headers = new Headers();
  for (const [name, value] of SAMPLE) {
    headers.append(name, value);
    assert_equals(headers.get(name), String(value), "after append of " + name);
  }
}, "append() then get() returns the stringified value");

test(() => {
  const headers = new Headers();
  for (const [name, value] of SAMPLE) {
    headers.set(name, value);
    assert_equals(headers.get(name), String(value), "after set of " + name);
  }
}, "set() then get() returns the stringified value");

test(() => {
  const headers = new Headers(sampleRecord());
  for (const [name] of SAMPLE) assert_true(headers.has(name), "has " + name);
  assert_false(headers.has("absent-header"), "has an absent name");
}, "has() reports present and absent names");

test(() => {
  const headers = new Headers(sampleRecord());
  for (const [name] of SAMPLE) {
    assert_true(headers.has(name), "before delete: " + name);
    headers.delete(name);
    assert_false(headers.has(name), "after delete: " + name);
  }
  assert_equals([...headers].length, 0, "nothing left");
}, "delete() removes the header");

test(() => {
  const headers = new Headers(sampleRecord());
  expectSample(headers, "get");
  assert_equals(headers.get("absent-header"), null);
}, "get() returns null for an absent name");

// --- the interface's members (headers-structure) -------------------------

for (const member of ["append", "delete", "get", "has", "set", "entries", "keys", "values", "forEach"]) {
  test(() => {
    const headers = new Headers();
    assert_true(member in headers, member + " is reachable from an instance");
    assert_equals(typeof headers[member], "function", member + " is a function");
  }, "Headers instances have a " + member + "() method");
}

// --- iteration --------------------------------------------------------------

// Names with different casing and prefixes of each other, to check both the
// lower-casing and the byte-wise sort order.
const ITERATION_INPUT = {
  "name1": "value1",
  "Name2": "value2",
  "name": "value3",
  "content-Type": "value4",
  "Content-Typ": "value5",
  "Content-Types": "value6",
};
const ITERATION_ORDER = [
  ["content-typ", "value5"],
  ["content-type", "value4"],
  ["content-types", "value6"],
  ["name", "value3"],
  ["name1", "value1"],
  ["name2", "value2"],
];

function checkIteratorObject(iterator) {
  // Web IDL iterators: %IteratorPrototype% is the grandparent, and next()
  // is an ordinary writable, enumerable, configurable method.
  const arrayIteratorProto = Object.getPrototypeOf([][Symbol.iterator]());
  const iteratorProto = Object.getPrototypeOf(arrayIteratorProto);
  const proto = Object.getPrototypeOf(iterator);
  assert_equals(Object.getPrototypeOf(proto), iteratorProto, "inherits from %IteratorPrototype%");
  const next = Object.getOwnPropertyDescriptor(proto, "next");
  assert_true(next !== undefined, "next is an own property of the iterator prototype");
  assert_true(next.writable, "next is writable");
  assert_true(next.enumerable, "next is enumerable");
  assert_true(next.configurable, "next is configurable");
}

function drain(iterator, expected, pick) {
  for (const pair of expected) {
    const step = iterator.next();
    assert_false(step.done, "not done before " + pair[0]);
    pick(step.value, pair);
  }
  assert_true(iterator.next().done, "done at the end");
  assert_true(iterator.next().done, "stays done");
}

test(() => {
  const iterator = new Headers(ITERATION_INPUT).keys();
  checkIteratorObject(iterator);
  drain(iterator, ITERATION_ORDER, (value, pair) => assert_equals(value, pair[0]));
}, "keys() yields lower-cased names in sorted order");

test(() => {
  const iterator = new Headers(ITERATION_INPUT).values();
  checkIteratorObject(iterator);
  drain(iterator, ITERATION_ORDER, (value, pair) => assert_equals(value, pair[1]));
}, "values() yields the values in name order");

test(() => {
  const iterator = new Headers(ITERATION_INPUT).entries();
  checkIteratorObject(iterator);
  drain(iterator, ITERATION_ORDER, (value, pair) => assert_array_equals(value, pair));
}, "entries() yields [name, value] pairs in name order");

test(() => {
  const headers = new Headers(ITERATION_INPUT);
  assert_equals(Headers.prototype[Symbol.iterator], Headers.prototype.entries, "@@iterator is entries");
  drain(headers[Symbol.iterator](), ITERATION_ORDER, (value, pair) => assert_array_equals(value, pair));
}, "Headers is iterable with the same pairs as entries()");

test(() => {
  const headers = new Headers(ITERATION_INPUT);
  const seen = [];
  headers.forEach(function (value, name, container) {
    assert_equals(container, headers, "third argument is the Headers object");
    seen.push([name, value]);
  });
  assert_equals(seen.length, ITERATION_ORDER.length);
  seen.forEach((pair, i) => assert_array_equals(pair, ITERATION_ORDER[i], "call " + i));
}, "forEach() visits (value, name, headers) in name order");

test(() => {
  const headers = new Headers({ foo: "2", baz: "1", BAR: "0" });
  const names = [];
  const values = [];
  for (const [name, value] of headers) {
    names.push(name);
    values.push(value);
    headers.delete("foo");
  }
  assert_array_equals(names, ["bar", "baz"]);
  assert_array_equals(values, ["0", "1"]);
}, "a header deleted during iteration before it is reached is not visited");

test(() => {
  const headers = new Headers({ foo: "2", baz: "1", BAR: "0", quux: "3" });
  const names = [];
  const values = [];
  for (const [name, value] of headers) {
    names.push(name);
    values.push(value);
    if (name === "baz") headers.delete("bar");
  }
  // The iterator keeps an index: removing an earlier entry shifts "foo" into
  // the slot already visited.
  assert_array_equals(names, ["bar", "baz", "quux"]);
  assert_array_equals(values, ["0", "1", "3"]);
}, "deleting an already-visited header during iteration skips the next one");

test(() => {
  const headers = new Headers({ foo: "2", baz: "1", BAR: "0", quux: "3" });
  const names = [];
  const values = [];
  for (const [name, value] of headers) {
    names.push(name);
    values.push(value);
    if (name === "baz") headers.append("X-yZ", "4");
  }
  assert_array_equals(names, ["bar", "baz", "foo", "quux", "x-yz"]);
  assert_array_equals(values, ["0", "1", "2", "3", "4"]);
}, "a header appended during iteration after the cursor is visited");

test(() => {
  const headers = new Headers({ foo: "2", baz: "1", BAR: "0", quux: "3" });
  const names = [];
  const values = [];
  for (const [name, value] of headers) {
    names.push(name);
    values.push(value);
    if (name === "baz") headers.append("abc", "-1");
  }
  // "abc" sorts first, so the current entry moves one slot down and is seen again.
  assert_array_equals(names, ["bar", "baz", "baz", "foo", "quux"]);
  assert_array_equals(values, ["0", "1", "1", "2", "3"]);
}, "a header inserted before the cursor during iteration repeats the current one");
