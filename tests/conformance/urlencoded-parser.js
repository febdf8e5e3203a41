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
// WPT reads these cases from url/resources/urlencoded-parser-data.json, which
// is not among the runner's DATA files, so they are listed here.
(function () {
  "use strict";

  // [input, expected pairs]
  const CASES = [
    ["test", [["test", ""]]],
    ["\uFEFFtest=\uFEFF", [["\uFEFFtest", "\uFEFF"]]],
    ["%EF%BB%BFtest=%EF%BB%BF", [["\uFEFFtest", "\uFEFF"]]],
    ["%EF%BF%BF=%EF%BF%BF", [["\uFFFF", "\uFFFF"]]],
    ["%FE%FF", [["\uFFFD\uFFFD", ""]]],
    ["%FF%FE", [["\uFFFD\uFFFD", ""]]],
    ["\u2020&\u2020=x", [["\u2020", ""], ["\u2020", "x"]]],
    ["%C2", [["\uFFFD", ""]]],
    ["%C2x", [["\uFFFDx", ""]]],
    ["_charset_=windows-1252&test=%C2x", [["_charset_", "windows-1252"], ["test", "\uFFFDx"]]],
    ["", []],
    ["a", [["a", ""]]],
    ["a=b", [["a", "b"]]],
    ["a=", [["a", ""]]],
    ["=b", [["", "b"]]],
    ["&", []],
    ["&a", [["a", ""]]],
    ["a&", [["a", ""]]],
    ["a&a", [["a", ""], ["a", ""]]],
    ["a&b&c", [["a", ""], ["b", ""], ["c", ""]]],
    ["a=b&c=d", [["a", "b"], ["c", "d"]]],
    ["a=b&c=d&", [["a", "b"], ["c", "d"]]],
    ["&&&a=b&&&&c=d&", [["a", "b"], ["c", "d"]]],
    ["a=a&a=b&a=c", [["a", "a"], ["a", "b"], ["a", "c"]]],
    ["a==a", [["a", "=a"]]],
    ["a=a+b+c+d", [["a", "a b c d"]]],
    ["%=a", [["%", "a"]]],
    ["%a=a", [["%a", "a"]]],
    ["%a_=a", [["%a_", "a"]]],
    ["%61=a", [["a", "a"]]],
    ["%61+%4d%4D=", [["a MM", ""]]],
    ["id=0&value=%", [["id", "0"], ["value", "%"]]],
    ["b=%2sf%2a", [["b", "%2sf*"]]],
    ["b=%2%2af%2a", [["b", "%2*f*"]]],
    ["b=%%2a", [["b", "%*"]]],
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
