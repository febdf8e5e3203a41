// jsbox's own test of URL's attribute setters, written from the WPT file
// url/url-setters.any.js (web-platform-tests/wpt). It is not a copy of it:
// for every attribute of DATA.setters_tests (the WPT file
// url/resources/setters_tests.json, loaded by the runner) and every case
// under it, a URL is parsed from `href`, `new_value` is assigned to the
// attribute, and each attribute listed in `expected` must then read back as
// given. The setters never throw here (only the href setter may, and its
// cases all parse).
//
// Subtest names follow WPT's "URL: Setting <href>.attr = 'value' comment";
// control characters and lone surrogates in them are written as \uXXXX so
// the names stay stable across engines.
// The <a>/<area> variant (url-setters-a-area.window.js) needs a DOM and is
// left out.
(function () {
  "use strict";

  function printable(text) {
    return String(text).replace(
      /[\u0000-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      (ch) => "\\u" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0"));
  }

  const all = DATA.setters_tests;
  for (const attribute of Object.keys(all)) {
    if (attribute === "comment") continue;
    for (const setterCase of all[attribute]) {
      let name = "URL: Setting <" + printable(setterCase.href) + ">." + attribute +
        " = '" + printable(setterCase.new_value) + "'";
      if ("comment" in setterCase) name += " " + printable(setterCase.comment);
      test(() => {
        const url = new URL(setterCase.href);
        url[attribute] = setterCase.new_value;
        for (const [checked, value] of Object.entries(setterCase.expected)) {
          assert_equals(url[checked], value, checked);
        }
      }, name);
    }
  }
})();
