// jsbox's own test of URL's toJSON(), written from the WPT file
// url/url-tojson.any.js (web-platform-tests/wpt). It is not a copy of it:
// JSON.stringify of a URL gives its href as a JSON string, because
// URL.prototype.toJSON returns the serialization.
(function () {
  "use strict";

  test(() => {
    const url = new URL("https://example.com/");
    assert_equals(JSON.stringify(url), "\"https://example.com/\"");
  }, "JSON.stringify(url) is the href as a JSON string");

  test(() => {
    const url = new URL("https://example.com/a?b#c");
    assert_equals(typeof URL.prototype.toJSON, "function", "URL.prototype.toJSON");
    assert_equals(url.toJSON(), url.href, "toJSON() returns href");
    url.pathname = "/other";
    assert_equals(url.toJSON(), "https://example.com/other?b#c", "toJSON() follows a setter");
    assert_equals(JSON.stringify({ url }), "{\"url\":\"https://example.com/other?b#c\"}");
  }, "url.toJSON() returns the current href");
})();
