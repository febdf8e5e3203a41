// jsbox's own test of the application/x-www-form-urlencoded parser, written
// from the WPT files url/urlencoded-parser.any.js and
// url/urlencoded-parser-request-response.any.js (web-platform-tests/wpt).
// It is not a copy of them. Each input below is parsed three ways, and each
// must give exactly the listed (name, value) pairs:
//   - new URLSearchParams(input);
//   - new Request(..., {body: input, content-type form-urlencoded}).formData();
//   - new Response(input, {content-type form-urlencoded}).formData().
// The parser splits on "&", drops empty pieces, splits each at the first
// "=", turns "+" into a space, percent-decodes (leaving malformed escapes as
// they are) and decodes UTF-8 with replacement; it never strips a BOM and
// ignores both _charset_ and the content type's charset parameter.
// The inputs are jsbox's own, one group per rule of the parser (WPT keeps
// its inputs in url/resources/urlencoded-parser-data.json).
(function () {
  "use strict";

  // [input, expected pairs]
  const CASES = [
    // Splitting on "&": empty pieces vanish, order and repeats are kept.
    ["", []],
    ["&&", []],
    ["&&k&&", [["k", ""]]],
    ["x&y&x", [["x", ""], ["y", ""], ["x", ""]]],
    ["k=1&k=2&&j=3&", [["k", "1"], ["k", "2"], ["j", "3"]]],
    // Only the first "=" separates name from value.
    ["k", [["k", ""]]],
    ["k=", [["k", ""]]],
    ["=v", [["", "v"]]],
    ["=", [["", ""]]],
    ["k==v=w", [["k", "=v=w"]]],
    // "+" is a space; "%2B" a plus.
    ["a+b=c+%2B+d", [["a b", "c + d"]]],
    // Percent escapes, in either case; malformed ones stay as written.
    ["%6b%4B=%7A", [["kK", "z"]]],
    ["k=%", [["k", "%"]]],
    ["%4=%4g", [["%4", "%4g"]]],
    ["k=%%4a%4%4a", [["k", "%J%4J"]]],
    ["%zz%41=1", [["%zzA", "1"]]],
    // UTF-8 after decoding, each invalid sequence replaced by U+FFFD.
    ["%E2%82%AC=%F0%9F%98%80", [["\u20AC", "\u{1F600}"]]],
    ["%E2%82=x", [["\uFFFD", "x"]]],
    ["k=%C3", [["k", "\uFFFD"]]],
    ["%C3x=%FFy", [["\uFFFDx", "\uFFFDy"]]],
    ["%80%BF", [["\uFFFD\uFFFD", ""]]],
    ["%EF%BF%BE=", [["\uFFFE", ""]]],
    // Characters that were never escaped pass through.
    ["\u00E9=\u4E2D&\u2603", [["\u00E9", "\u4E2D"], ["\u2603", ""]]],
    // A byte order mark is data, escaped or not.
    ["%EF%BB%BFk=%EF%BB%BFv", [["\uFEFFk", "\uFEFFv"]]],
    ["\uFEFF=\uFEFF\uFEFF", [["\uFEFF", "\uFEFF\uFEFF"]]],
    // _charset_ is an ordinary name: UTF-8 stays the encoding.
    ["_charset_=iso-8859-1&k=%E9", [["_charset_", "iso-8859-1"], ["k", "\uFFFD"]]],
  ];

  function assertPairs(iterable, expected) {
    const actual = Array.from(iterable, (pair) => pair.slice());
    assert_equals(actual.length, expected.length, "number of pairs");
    for (let i = 0; i < expected.length; i++) {
      assert_array_equals(actual[i], expected[i], "pair " + i);
    }
  }

  for (const [input, expected] of CASES) {
    test(() => {
      assertPairs(new URLSearchParams(input), expected);
    }, "URLSearchParams constructed with: " + input);

    promise_test(async () => {
      const request = new Request("about:blank", {
        body: input,
        method: "LADIDA",
        headers: { "Content-Type": "application/x-www-form-urlencoded;charset=windows-1252" },
      });
      assertPairs(await request.formData(), expected);
    }, "request.formData() with input: " + input);

    promise_test(async () => {
      const response = new Response(input, {
        headers: { "Content-Type": "application/x-www-form-urlencoded;charset=shift_jis" },
      });
      assertPairs(await response.formData(), expected);
    }, "response.formData() with input: " + input);
  }
})();
