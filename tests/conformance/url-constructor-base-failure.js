// jsbox's own test of URL strings that cannot be parsed on their own, written
// from the WPT file url/url-constructor-base-failure.any.js
// (web-platform-tests/wpt). It is not a copy of it: every entry of
// DATA.urltestdata that has no base and is marked "failure" is an invalid
// absolute URL, so
//   - used as the *base* argument (`new URL("about:blank", input)`) it must
//     make the constructor throw a TypeError, and
//   - assigned to an existing URL's `href` it must throw a TypeError (and
//     leave the URL as it was).
//
// Control characters and lone surrogates in subtest names are written as
// \uXXXX so the names stay stable across engines.
(function () {
  "use strict";

  function printable(text) {
    return String(text).replace(
      /[\u0000-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      (ch) => "\\u" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0"));
  }

  for (const entry of DATA.urltestdata) {
    if (typeof entry === "string" || !entry.failure || entry.base !== null) continue;
    const label = printable(entry.input) + " should throw";

    test(() => {
      assert_throws_js(TypeError, () => new URL("about:blank", entry.input));
    }, "URL's constructor's base argument: " + label);

    test(() => {
      const url = new URL("about:blank");
      assert_throws_js(TypeError, () => { url.href = entry.input; });
      assert_equals(url.href, "about:blank", "a failed href assignment leaves the URL unchanged");
    }, "URL's href: " + label);
  }
})();
