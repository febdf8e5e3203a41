// jsbox's own test of URLSearchParams.prototype.delete(), written from the
// WPT file url/urlsearchparams-delete.any.js (web-platform-tests/wpt). It is
// not a copy of it. Checked: delete(name) removes every pair with that name
// (names converted with ToString: null -> "null", undefined -> "undefined");
// delete(name, value) removes only the pairs matching both, and an explicit
// undefined value means "no value given"; a URL's query becomes null (no "?")
// when its searchParams end up empty, and an opaque path's trailing space is
// then kept (percent-encoded) rather than lost.
(function () {
  "use strict";

  test(() => {
    let params = new URLSearchParams("a=b&c=d");
    params.delete("a");
    assert_equals(String(params), "c=d");
    params = new URLSearchParams("a=a&b=b&a=a&c=c");
    params.delete("a");
    assert_equals(String(params), "b=b&c=c", "every pair named a goes");
    params = new URLSearchParams("a=a&=&b=b&c=c");
    params.delete("");
    assert_equals(String(params), "a=a&b=b&c=c", "the empty name");
    params = new URLSearchParams("a=a&null=null&b=b");
    params.delete(null);
    assert_equals(String(params), "a=a&b=b", "null is the name \"null\"");
    params = new URLSearchParams("a=a&undefined=undefined&b=b");
    params.delete(undefined);
    assert_equals(String(params), "a=a&b=b", "undefined is the name \"undefined\"");
  }, "Delete basics");

  test(() => {
    const params = new URLSearchParams();
    params.append("first", 1);
    assert_true(params.has("first"));
    assert_equals(params.get("first"), "1");
    params.delete("first");
    assert_false(params.has("first"), "gone after delete");
    params.append("first", 1);
    params.append("first", 10);
    params.delete("first");
    assert_false(params.has("first"), "both appended values gone");
  }, "Deleting appended multiple");

  test(() => {
    const url = new URL("http://example.com/?param1&param2");
    url.searchParams.delete("param1");
    url.searchParams.delete("param2");
    assert_equals(url.href, "http://example.com/", "href has no ?");
    assert_equals(url.search, "", "search");
  }, "Deleting all params removes ? from URL");

  test(() => {
    const url = new URL("http://example.com/?");
    url.searchParams.delete("param1");
    assert_equals(url.href, "http://example.com/", "href has no ?");
    assert_equals(url.search, "", "search");
  }, "Removing non-existent param removes ? from URL");

  test(() => {
    const url = new URL("data:space    ?test");
    assert_true(url.searchParams.has("test"));
    url.searchParams.delete("test");
    assert_false(url.searchParams.has("test"));
    assert_equals(url.search, "", "search");
    assert_equals(url.pathname, "space   %20", "pathname keeps its last space, encoded");
    assert_equals(url.href, "data:space   %20", "href");
  }, "Changing the query of a URL with an opaque path with trailing spaces");

  test(() => {
    const url = new URL("data:space    ?test#test");
    url.searchParams.delete("test");
    assert_equals(url.search, "", "search");
    assert_equals(url.pathname, "space   %20", "pathname");
    assert_equals(url.href, "data:space   %20#test", "href");
  }, "Changing the query of a URL with an opaque path with trailing spaces and a fragment");

  test(() => {
    const params = new URLSearchParams();
    params.append("a", "b");
    params.append("a", "c");
    params.append("a", "d");
    params.delete("a", "c");
    assert_equals(params.toString(), "a=b&a=d");
  }, "Two-argument delete()");

  test(() => {
    const params = new URLSearchParams();
    params.append("a", "b");
    params.append("a", "c");
    params.append("b", "c");
    params.append("b", "d");
    params.delete("b", "c");
    params.delete("a", undefined);
    assert_equals(params.toString(), "b=d");
  }, "Two-argument delete() respects undefined as second arg");
})();
