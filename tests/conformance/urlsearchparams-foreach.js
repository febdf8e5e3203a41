// jsbox's own test of iterating URLSearchParams (forEach() and for-of),
// written from the WPT file url/urlsearchparams-foreach.any.js
// (web-platform-tests/wpt). It is not a copy of it. Checked: forEach calls
// back with (value, name) in order; the iterator is live: it reads the list
// as it is at each step, by index, so replacing the query or deleting pairs
// during the loop changes what the following steps see.
(function () {
  "use strict";

  test(() => {
    const params = new URLSearchParams("a=1&b=2&c=3");
    const names = [];
    const values = [];
    params.forEach((value, name) => {
      names.push(name);
      values.push(value);
    });
    assert_array_equals(names, ["a", "b", "c"], "names");
    assert_array_equals(values, ["1", "2", "3"], "values");
  }, "ForEach Check");

  test(() => {
    const url = new URL("http://a.b/c?a=1&b=2&c=3&d=4");
    const params = url.searchParams;
    const seen = [];
    for (const pair of params) {
      url.search = "x=1&y=2&z=3";
      seen.push(pair);
    }
    assert_equals(seen.length, 3, "steps");
    assert_array_equals(seen[0], ["a", "1"], "first step, before the change");
    assert_array_equals(seen[1], ["y", "2"], "second step reads the new list");
    assert_array_equals(seen[2], ["z", "3"], "third step");
  }, "For-of Check");

  test(() => {
    const url = new URL("http://a.b/c");
    for (const pair of url.searchParams) {
      assert_unreached("no pairs expected, got " + pair);
    }
  }, "empty");

  test(() => {
    const url = new URL("http://localhost/query?param0=0&param1=1&param2=2");
    const params = url.searchParams;
    const seen = [];
    for (const pair of params) {
      if (pair[0] === "param0") params.delete("param1");
      seen.push(pair);
    }
    assert_equals(seen.length, 2, "steps");
    assert_array_equals(seen[0], ["param0", "0"]);
    assert_array_equals(seen[1], ["param2", "2"]);
  }, "delete next param during iteration");

  test(() => {
    const url = new URL("http://localhost/query?param0=0&param1=1&param2=2");
    const params = url.searchParams;
    const seen = [];
    for (const pair of params) {
      // Deleting the current pair moves param1 into index 0, which the
      // iterator has already passed.
      if (pair[0] === "param0") params.delete("param0");
      else seen.push(pair);
    }
    assert_equals(seen.length, 1, "steps after the deletion");
    assert_array_equals(seen[0], ["param2", "2"]);
  }, "delete current param during iteration");

  test(() => {
    const url = new URL("http://localhost/query?param0=0&param1=1&param2=2");
    const params = url.searchParams;
    const seen = [];
    for (const pair of params) {
      seen.push(pair[0]);
      params.delete(pair[0]);
    }
    assert_array_equals(seen, ["param0", "param2"], "param1 is skipped");
    assert_equals(String(params), "param1=1", "param1 remains");
  }, "delete every param seen during iteration");
})();
