// jsbox's own conformance test: FormData is iterable (entries, keys, values,
// @@iterator) in insertion order, keeps duplicate names and exact casing, and
// its iterators are live: entries removed or added during iteration are
// skipped or reached according to their index.
// Written from the web-platform-tests files xhr/formdata/foreach.any.js and
// xhr/formdata/iteration.any.js (web-platform-tests/wpt); the checks are
// re-expressed, not copied. The forEach() subtest is jsbox's addition.

// n1..n3 twice, with n2 deleted, then a File.
function sampleForm() {
  const form = new FormData();
  form.append("n1", "v1");
  form.append("n2", "v2");
  form.append("n3", "v3");
  form.append("n1", "v4");
  form.append("n2", "v5");
  form.append("n3", "v6");
  form.delete("n2");
  const file = new File(["hello"], "hello.txt");
  form.append("f1", file);
  return { form, file };
}

const EXPECTED_NAMES = ["n1", "n3", "n1", "n3", "f1"];
const EXPECTED_STRINGS = ["v1", "v3", "v4", "v6"];

test(() => {
  const { form, file } = sampleForm();
  const names = [];
  const values = [];
  for (const entry of form) {
    assert_equals(entry.length, 2, "each entry is a pair");
    names.push(entry[0]);
    values.push(entry[1]);
  }
  assert_array_equals(names, EXPECTED_NAMES, "names, duplicates included");
  assert_array_equals(values, [...EXPECTED_STRINGS, file], "values, the deleted ones excluded");
}, "the default iterator yields every remaining [name, value] pair in order");

test(() => {
  const { form, file } = sampleForm();
  const names = [];
  const values = [];
  for (const entry of form.entries()) {
    assert_equals(entry.length, 2, "each entry is a pair");
    names.push(entry[0]);
    values.push(entry[1]);
  }
  assert_array_equals(names, EXPECTED_NAMES);
  assert_array_equals(values, [...EXPECTED_STRINGS, file]);
}, "entries() yields every remaining [name, value] pair in order");

test(() => {
  const { form } = sampleForm();
  assert_array_equals([...form.keys()], EXPECTED_NAMES);
}, "keys() yields the names, duplicates included");

test(() => {
  const { form, file } = sampleForm();
  assert_array_equals([...form.values()], [...EXPECTED_STRINGS, file]);
}, "values() yields the values that were not deleted");

test(() => {
  const { form, file } = sampleForm();
  const seen = [];
  form.forEach(function (value, name, container) {
    assert_equals(container, form, "third argument is the FormData");
    seen.push(name, value);
  });
  assert_array_equals(seen, ["n1", "v1", "n3", "v3", "n1", "v4", "n3", "v6", "f1", file]);
}, "forEach() visits (value, name, form) in order");

function formOf(pairs) {
  const form = new FormData();
  for (const [name, value] of pairs) form.append(name, value);
  return form;
}

test(() => {
  const form = formOf([["foo", "0"], ["baz", "1"], ["BAR", "2"]]);
  const names = [];
  const values = [];
  for (const [name, value] of form) {
    names.push(name);
    values.push(value);
    form.delete("baz");
  }
  // Names keep their case and are not sorted.
  assert_array_equals(names, ["foo", "BAR"]);
  assert_array_equals(values, ["0", "2"]);
}, "an entry deleted before the cursor reaches it is not visited");

test(() => {
  const form = formOf([["foo", "0"], ["baz", "1"], ["BAR", "2"], ["quux", "3"]]);
  const names = [];
  const values = [];
  for (const [name, value] of form) {
    names.push(name);
    values.push(value);
    if (name === "baz") form.delete("foo");
  }
  assert_array_equals(names, ["foo", "baz", "quux"]);
  assert_array_equals(values, ["0", "1", "3"]);
}, "deleting an already-visited entry skips the next one");

test(() => {
  const form = formOf([["foo", "0"], ["baz", "1"], ["BAR", "2"], ["quux", "3"]]);
  const names = [];
  const values = [];
  for (const [name, value] of form) {
    names.push(name);
    values.push(value);
    if (name === "baz") form.append("X-yZ", "4");
  }
  assert_array_equals(names, ["foo", "baz", "BAR", "quux", "X-yZ"]);
  assert_array_equals(values, ["0", "1", "2", "3", "4"]);
}, "an entry appended during iteration is reached");
