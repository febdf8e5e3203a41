// jsbox's own test of URL's static methods URL.parse() and URL.canParse(),
// written from the WPT files url/url-statics-parse.any.js and
// url/url-statics-canparse.any.js (web-platform-tests/wpt). It is not a copy
// of them. For a handful of (url, base) pairs, some arguments missing
// (undefined, which becomes the string "undefined" for url and "no base" for
// base):
//   - URL.canParse(url, base) answers whether `new URL(url, base)` would
//     succeed;
//   - URL.parse(url, base) returns null where parsing fails, and otherwise a
//     URL with the same href as `new URL(url, base)`;
//   - URL.parse() returns a new object each time.
// (WPT's parse test compares with `URL.parse(...).href = new URL(...).href`,
// an assignment; this file checks the intended equality instead.)
(function () {
  "use strict";

  // [url, base, parses]
  const CASES = [
    [undefined, undefined, false], // "undefined" is not an absolute URL
    ["aaa:b", undefined, true],
    [undefined, "aaa:b", false],   // a base with an opaque path cannot take a relative URL
    [undefined, "aaa:/b", true],
    ["aaa:/b", undefined, true],
    ["https://test:test", undefined, false], // port "test" is invalid
    ["a", "https://b/", true],
  ];

  for (const [input, base, parses] of CASES) {
    const label = "(" + input + ", " + base + ")";

    test(() => {
      assert_equals(URL.canParse(input, base), parses);
    }, "URL.canParse" + label);

    test(() => {
      const result = URL.parse(input, base);
      if (!parses) {
        assert_equals(result, null);
        return;
      }
      assert_true(result instanceof URL, "URL.parse returns a URL");
      assert_equals(result.href, new URL(input, base).href, "href");
    }, "URL.parse" + label);
  }

  test(() => {
    assert_equals(URL.canParse("https://test:test/"), false, "invalid port");
    assert_equals(URL.canParse("aaa", "https://test:test/"), false, "invalid base");
  }, "URL.canParse() is false when the base cannot be parsed");

  test(() => {
    const first = URL.parse("https://example/");
    const second = URL.parse("https://example/");
    assert_not_equals(first, second);
    assert_equals(first.href, second.href);
  }, "URL.parse() should return a unique object");
})();
