// jsbox's own test of URL behaviour that was removed from or never made it
// into the standard, written from the WPT file url/historical.any.js
// (web-platform-tests/wpt). It is not a copy of it. Checked here:
//   - the href setter parses without a base (a relative value throws);
//   - URL.domainToASCII / URL.domainToUnicode do not exist;
//   - URL and URLSearchParams are not serializable (structuredClone throws a
//     DataCloneError);
//   - the constructor converts its arguments with ToString (a throwing
//     toString propagates), rather than accepting URL objects as such.
// Left out: the checks on `location` and on <a>/<area> elements (no
// document in jsbox).
(function () {
  "use strict";

  test(() => {
    const url = new URL("./foo", "http://www.example.org");
    assert_equals(url.href, "http://www.example.org/foo");
    assert_throws_js(TypeError, () => { url.href = "./bar"; });
    assert_equals(url.href, "http://www.example.org/foo", "unchanged after the failed assignment");
  }, "Setting URL's href attribute and base URLs");

  test(() => {
    assert_equals(URL.domainToASCII, undefined);
  }, "URL.domainToASCII should be undefined");

  test(() => {
    assert_equals(URL.domainToUnicode, undefined);
  }, "URL.domainToUnicode should be undefined");

  test(() => {
    assert_throws_dom("DataCloneError", () => structuredClone(new URL("about:blank")));
  }, "URL: no structured serialize/deserialize support");

  test(() => {
    assert_throws_dom("DataCloneError", () => structuredClone(new URLSearchParams()));
  }, "URLSearchParams: no structured serialize/deserialize support");

  test(() => {
    const url = new URL("about:blank");
    const sentinel = { thrown: true };
    url.toString = () => { throw sentinel; };
    assert_throws_exactly(sentinel, () => new URL(url), "url argument");
    assert_throws_exactly(sentinel, () => new URL("about:blank", url), "base argument");
  }, "Constructor only takes strings");
})();
