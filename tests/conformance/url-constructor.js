// jsbox's own test of the URL constructor's parser, written from the WPT file
// url/url-constructor.any.js (web-platform-tests/wpt). It is not a copy of it:
// for every entry of DATA.urltestdata and DATA.urltestdata_javascript_only
// (the WPT files url/resources/urltestdata.json and
// urltestdata-javascript-only.json, loaded by the runner), `new URL(input,
// base)` must either throw a TypeError (entries marked "failure") or produce
// exactly the expected href and components (and searchParams serialization
// when the entry gives one).
//
// Subtest names are "Parsing: <input> against <base>" or "... without base";
// control characters and lone surrogates in the names are written as \uXXXX
// so the names survive any engine's string transport unchanged.
(function () {
  "use strict";

  function printable(text) {
    return String(text).replace(
      /[\u0000-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      (ch) => "\\u" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0"));
  }

  // The components a parsed URL exposes, in the order they are compared.
  const COMPONENTS = ["href", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"];

  function parse(entry) {
    return entry.base === null ? new URL(entry.input) : new URL(entry.input, entry.base);
  }

  function nameOf(entry) {
    const where = entry.base === null ? "without base" : "against <" + printable(entry.base) + ">";
    return "Parsing: <" + printable(entry.input) + "> " + where;
  }

  function register(entries) {
    for (const entry of entries) {
      if (typeof entry === "string") continue; // a comment line of the data file
      test(() => {
        if (entry.failure) {
          assert_throws_js(TypeError, () => parse(entry), "parsing must fail");
          return;
        }
        const url = parse(entry);
        for (const component of COMPONENTS) {
          assert_equals(url[component], entry[component], component);
        }
        if ("searchParams" in entry) {
          assert_true("searchParams" in url, "URL has searchParams");
          assert_equals(url.searchParams.toString(), entry.searchParams, "searchParams");
        }
      }, nameOf(entry));
    }
  }

  register(DATA.urltestdata);
  register(DATA.urltestdata_javascript_only);
})();
