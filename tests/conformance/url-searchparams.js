// jsbox's own test of URL's searchParams attribute, written from the WPT file
// url/url-searchparams.any.js (web-platform-tests/wpt). It is not a copy of
// it. Checked: url.searchParams is one object for the URL's lifetime; it is
// read-only; it follows assignments to url.search and url.href; and changes
// made through it are written back to url.search (in
// application/x-www-form-urlencoded form).
(function () {
  "use strict";

  test(() => {
    const url = new URL("http://example.org/?a=b");
    assert_true("searchParams" in url, "URL has searchParams");
    const params = url.searchParams;
    assert_true(params instanceof URLSearchParams, "it is a URLSearchParams");
    assert_equals(url.searchParams, params, "the same object every time");
  }, "URL.searchParams getter");

  test(() => {
    const url = new URL("http://example.org/?a=b");
    const params = url.searchParams;
    assert_equals(params.toString(), "a=b");
    params.set("a", "b");
    assert_equals(url.searchParams.toString(), "a=b");
    assert_equals(url.search, "?a=b");
    url.search = "";
    assert_equals(url.search, "", "search after clearing");
    assert_equals(url.searchParams.toString(), "", "searchParams after clearing");
    assert_equals(params.toString(), "", "the object taken earlier is cleared too");
  }, "URL.searchParams updating, clearing");

  test(() => {
    const url = new URL("http://example.org");
    const before = url.searchParams;
    // Strict mode: assigning to an accessor without a setter throws.
    assert_throws_js(TypeError, () => { url.searchParams = new URLSearchParams("http://example.org"); });
    assert_equals(url.searchParams, before, "still the original object");
  }, "URL.searchParams setter, invalid values");

  test(() => {
    const url = new URL("http://example.org/file?a=b&c=d");
    const params = url.searchParams;
    assert_equals(url.search, "?a=b&c=d");
    assert_equals(params.toString(), "a=b&c=d");

    // search -> searchParams, with and without the leading "?".
    url.search = "e=f&g=h";
    assert_equals(url.search, "?e=f&g=h", "search set without ?");
    assert_equals(params.toString(), "e=f&g=h", "searchParams after search set without ?");
    url.search = "?e=f&g=h";
    assert_equals(url.search, "?e=f&g=h", "search set with ?");
    assert_equals(params.toString(), "e=f&g=h", "searchParams after search set with ?");

    // searchParams -> search.
    params.append("i", " j ");
    assert_equals(url.search, "?e=f&g=h&i=+j+", "search after append");
    assert_equals(url.searchParams.toString(), "e=f&g=h&i=+j+");
    assert_equals(params.get("i"), " j ");
    params.set("e", "updated");
    assert_equals(url.search, "?e=updated&g=h&i=+j+", "search after set");
    assert_equals(params.get("e"), "updated");

    // A second "?" belongs to the query: it is the first name's first character.
    const other = new URL("http://example.org/file??a=b&c=d");
    assert_equals(other.search, "??a=b&c=d");
    assert_equals(other.searchParams.toString(), "%3Fa=b&c=d");
    other.href = "http://example.org/file??a=b";
    assert_equals(other.search, "??a=b", "search after href set");
    assert_equals(other.searchParams.toString(), "%3Fa=b", "searchParams after href set");
  }, "URL.searchParams and URL.search setters, update propagation");
})();
