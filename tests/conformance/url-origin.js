// jsbox's own test of URL's origin getter, written from the WPT file
// url/url-origin.any.js (web-platform-tests/wpt). It is not a copy of it:
// every entry of DATA.urltestdata and DATA.urltestdata_javascript_only that
// has an "origin" expectation is parsed (with its base, if any) and the
// resulting URL's `origin` must serialize to the expected string (tuple
// origins as scheme://host[:port], opaque origins as "null").
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

  const entries = DATA.urltestdata.concat(DATA.urltestdata_javascript_only);
  for (const entry of entries) {
    if (typeof entry === "string" || !("origin" in entry)) continue;
    const where = entry.base === null ? "without base" : "against <" + printable(entry.base) + ">";
    test(() => {
      const url = entry.base === null ? new URL(entry.input) : new URL(entry.input, entry.base);
      assert_equals(url.origin, entry.origin, "origin");
    }, "Origin parsing: <" + printable(entry.input) + "> " + where);
  }
})();
