// jsbox's own test of URLSearchParams.prototype.append(), written from the
// WPT file url/urlsearchparams-append.any.js (web-platform-tests/wpt). It is
// not a copy of it: append() always adds a new pair at the end (even for a
// name already present or empty strings), converts its arguments to strings
// (null -> "null", 1 -> "1"), and get() keeps answering the first pair.
(function () {
  "use strict";

  test(() => {
    const params = new URLSearchParams();
    params.append("a", "b");
    assert_equals(String(params), "a=b");
    params.append("a", "b");
    assert_equals(String(params), "a=b&a=b", "a duplicate pair is kept");
    params.append("a", "c");
    assert_equals(String(params), "a=b&a=b&a=c");
  }, "Append same name");

  test(() => {
    const params = new URLSearchParams();
    params.append("", "");
    assert_equals(String(params), "=");
    params.append("", "");
    assert_equals(String(params), "=&=");
  }, "Append empty strings");

  test(() => {
    const params = new URLSearchParams();
    params.append(null, null);
    assert_equals(String(params), "null=null");
    params.append(null, null);
    assert_equals(String(params), "null=null&null=null");
  }, "Append null");

  test(() => {
    const params = new URLSearchParams();
    params.append("first", 1);
    params.append("second", 2);
    params.append("third", "");
    params.append("first", 10);
    assert_true(params.has("first"), "has first");
    assert_equals(params.get("first"), "1", "first is the first value appended");
    assert_equals(params.get("second"), "2", "second");
    assert_equals(params.get("third"), "", "third");
    params.append("first", 10);
    assert_equals(params.get("first"), "1", "still the first value");
    assert_array_equals(params.getAll("first"), ["1", "10", "10"], "all values of first");
  }, "Append multiple");
})();
