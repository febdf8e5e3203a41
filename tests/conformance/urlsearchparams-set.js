// jsbox's own test of URLSearchParams.prototype.set(), written from the WPT
// file url/urlsearchparams-set.any.js (web-platform-tests/wpt). It is not a
// copy of it: set() replaces the first pair's value in place, removes the
// other pairs of that name, and appends when the name is new; values are
// converted with ToString.
(function () {
  "use strict";

  test(() => {
    let params = new URLSearchParams("a=b&c=d");
    params.set("a", "B");
    assert_equals(String(params), "a=B&c=d");
    params = new URLSearchParams("a=b&c=d&a=e");
    params.set("a", "B");
    assert_equals(String(params), "a=B&c=d", "the second a goes, the first keeps its place");
    params.set("e", "f");
    assert_equals(String(params), "a=B&c=d&e=f", "a new name is appended");
  }, "Set basics");

  test(() => {
    const params = new URLSearchParams("a=1&a=2&a=3");
    assert_true(params.has("a"));
    assert_equals(params.get("a"), "1");
    assert_equals(String(params), "a=1&a=2&a=3");
    params.set("first", 4);
    assert_equals(params.get("a"), "1", "a untouched");
    assert_equals(String(params), "a=1&a=2&a=3&first=4");
    params.set("a", 4);
    assert_equals(params.get("a"), "4");
    assert_equals(String(params), "a=4&first=4");
  }, "URLSearchParams.set");
})();
