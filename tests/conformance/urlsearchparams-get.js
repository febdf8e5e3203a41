// jsbox's own test of URLSearchParams.prototype.get(), written from the WPT
// file url/urlsearchparams-get.any.js (web-platform-tests/wpt). It is not a
// copy of it: get() returns the value of the first pair with the name, ""
// for a pair without "=", and null when there is none.
(function () {
  "use strict";

  test(() => {
    let params = new URLSearchParams("a=b&c=d");
    assert_equals(params.get("a"), "b");
    assert_equals(params.get("c"), "d");
    assert_equals(params.get("e"), null, "missing name");
    params = new URLSearchParams("a=b&c=d&a=e");
    assert_equals(params.get("a"), "b", "first of two");
    params = new URLSearchParams("=b&c=d");
    assert_equals(params.get(""), "b", "the empty name");
    params = new URLSearchParams("a=&c=d&a=e");
    assert_equals(params.get("a"), "", "an empty first value");
  }, "Get basics");

  test(() => {
    const params = new URLSearchParams("first=second&third&&");
    assert_true(params.has("first"));
    assert_equals(params.get("first"), "second");
    assert_equals(params.get("third"), "", "a name without =");
    assert_equals(params.get("fourth"), null, "missing");
  }, "More get() basics");
})();
