// jsbox's own conformance test: several values for one header name are
// combined with ", " (in insertion order) and iterated once, sorted by name.
// Written from the web-platform-tests file fetch/api/headers/headers-combine.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.

function repeatedPairs() {
  return [
    ["single", "singleValue"],
    ["double", "doubleValue1"],
    ["double", "doubleValue2"],
    ["triple", "tripleValue1"],
    ["triple", "tripleValue2"],
    ["triple", "tripleValue3"],
  ];
}

const COMBINED = {
  single: "singleValue",
  double: "doubleValue1, doubleValue2",
  triple: "tripleValue1, tripleValue2, tripleValue3",
};

test(() => {
  const headers = new Headers(repeatedPairs());
  for (const name of Object.keys(COMBINED)) assert_equals(headers.get(name), COMBINED[name], name);
}, "get() joins repeated values with a comma and a space");

test(() => {
  const headers = new Headers(repeatedPairs());
  for (const name of Object.keys(COMBINED)) {
    assert_true(headers.has(name), name + " present");
    headers.delete(name);
    assert_false(headers.has(name), name + " gone: delete() removes every value");
  }
}, "delete() removes all values of a repeated name");

test(() => {
  const headers = new Headers(repeatedPairs());
  for (const name of Object.keys(COMBINED)) {
    headers.set(name, "replacement");
    assert_equals(headers.get(name), "replacement", name);
  }
}, "set() replaces all values of a repeated name");

test(() => {
  const headers = new Headers(repeatedPairs());
  for (const name of Object.keys(COMBINED)) {
    headers.append(name, "extra");
    assert_equals(headers.get(name), COMBINED[name] + ", extra", name);
  }
}, "append() adds one more value after the existing ones");

test(() => {
  const headers = new Headers([["1", "a"], ["1", "b"]]);
  const all = [...headers];
  assert_equals(all.length, 1, "one entry");
  assert_array_equals(all[0], ["1", "a, b"]);
}, "iteration yields a repeated name once with the combined value");

test(() => {
  const headers = new Headers([["2", "a"], ["1", "b"], ["2", "b"]]);
  const all = [...headers];
  assert_equals(all.length, 2, "two entries");
  assert_array_equals(all[0], ["1", "b"]);
  assert_array_equals(all[1], ["2", "a, b"]);
}, "iteration of combined values is sorted by name");
