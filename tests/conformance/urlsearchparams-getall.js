// jsbox's own test of URLSearchParams.prototype.getAll(), written from the
// WPT file url/urlsearchparams-getall.any.js (web-platform-tests/wpt). It is
// not a copy of it: getAll() returns every value of a name, in order (an
// empty array when there is none), and set() collapses them to one.
(function () {
  "use strict";

  test(() => {
    let params = new URLSearchParams("a=b&c=d");
    assert_array_equals(params.getAll("a"), ["b"]);
    assert_array_equals(params.getAll("c"), ["d"]);
    assert_array_equals(params.getAll("e"), [], "missing name");
    params = new URLSearchParams("a=b&c=d&a=e");
    assert_array_equals(params.getAll("a"), ["b", "e"]);
    params = new URLSearchParams("=b&c=d");
    assert_array_equals(params.getAll(""), ["b"], "the empty name");
    params = new URLSearchParams("a=&c=d&a=e");
    assert_array_equals(params.getAll("a"), ["", "e"]);
  }, "getAll() basics");

  test(() => {
    const params = new URLSearchParams("a=1&a=2&a=3&a");
    assert_true(params.has("a"));
    const all = params.getAll("a");
    assert_true(Array.isArray(all), "getAll returns an array");
    assert_array_equals(all, ["1", "2", "3", ""]);
    params.set("a", "one");
    assert_equals(params.get("a"), "one");
    assert_array_equals(params.getAll("a"), ["one"], "one value after set()");
  }, "getAll() multiples");
})();
