// jsbox's own test of URLSearchParams.prototype.sort(), written from the WPT
// file url/urlsearchparams-sort.any.js (web-platform-tests/wpt). It is not a
// copy of it. sort() orders the pairs by name, comparing UTF-16 code units
// (so an astral character sorts before U+FB03), and is stable (pairs with
// the same name keep their relative order). Each case is checked on a
// standalone URLSearchParams and on a URL's searchParams (read back through
// url.search); sorting an empty query drops the URL's "?".
(function () {
  "use strict";

  function assertPairs(params, expected) {
    const actual = Array.from(params, (pair) => pair.slice());
    assert_equals(actual.length, expected.length, "number of pairs");
    for (let i = 0; i < expected.length; i++) {
      assert_array_equals(actual[i], expected[i], "pair " + i);
    }
  }

  // [query, pairs after sorting]
  const CASES = [
    ["z=b&a=b&z=a&a=a", [["a", "b"], ["a", "a"], ["z", "b"], ["z", "a"]]],
    ["\uFFFD=x&\uFFFC&\uFFFD=a", [["\uFFFC", ""], ["\uFFFD", "x"], ["\uFFFD", "a"]]],
    // U+1F308 is a larger code point than U+FB03 but its first code unit
    // (0xD83C) is smaller.
    ["\uFB03&\u{1F308}", [["\u{1F308}", ""], ["\uFB03", ""]]],
    ["\u00E9&e\uFFFD&e\u0301", [["e\u0301", ""], ["e\uFFFD", ""], ["\u00E9", ""]]],
    ["z=z&a=a&z=y&a=b&z=x&a=c&z=w&a=d&z=v&a=e&z=u&a=f&z=t&a=g",
      [["a", "a"], ["a", "b"], ["a", "c"], ["a", "d"], ["a", "e"], ["a", "f"], ["a", "g"],
        ["z", "z"], ["z", "y"], ["z", "x"], ["z", "w"], ["z", "v"], ["z", "u"], ["z", "t"]]],
    ["bbb&bb&aaa&aa=x&aa=y", [["aa", "x"], ["aa", "y"], ["aaa", ""], ["bb", ""], ["bbb", ""]]],
    ["z=z&=f&=t&=x", [["", "f"], ["", "t"], ["", "x"], ["z", "z"]]],
    ["a\u{1F308}&a\u{1F4A9}", [["a\u{1F308}", ""], ["a\u{1F4A9}", ""]]],
  ];

  for (const [query, expected] of CASES) {
    test(() => {
      const params = new URLSearchParams(query);
      params.sort();
      assertPairs(params, expected);
    }, "Parse and sort: " + query);

    test(() => {
      const url = new URL("?" + query, "https://example/");
      url.searchParams.sort();
      assertPairs(new URLSearchParams(url.search), expected);
    }, "URL parse and sort: " + query);
  }

  test(() => {
    const url = new URL("http://example.com/?");
    url.searchParams.sort();
    assert_equals(url.href, "http://example.com/");
    assert_equals(url.search, "");
  }, "Sorting non-existent params removes ? from URL");
})();
