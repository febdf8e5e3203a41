// jsbox's own conformance test for btoa() and atob(), written from the
// web-platform-tests file html/webappapis/atob/base64.any.js. The atob()
// cases come from WPT's fetch/data-urls/resources/base64.json, which the
// runner loads as DATA.base64 ([input, byte values or null for failure]).
// The checks are re-expressed for jsbox's harness, not copied: btoa() is
// compared with a small reference encoder written here from RFC 4648.
(() => {
  "use strict";

  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  // The base64 form of a string whose code units are all <= 0xFF, or null
  // when some code unit is above 0xFF (btoa must throw then).
  function referenceBtoa(value) {
    const s = String(value);
    const bytes = [];
    for (let i = 0; i < s.length; i++) {
      const unit = s.charCodeAt(i);
      if (unit > 0xff) return null;
      bytes.push(unit);
    }
    let out = "";
    for (let i = 0; i < bytes.length; i += 3) {
      const group = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      const present = Math.min(3, bytes.length - i);
      for (let j = 0; j < 4; j++) {
        out += j <= present ? ALPHABET[(group >> (18 - 6 * j)) & 0x3f] : "=";
      }
    }
    return out;
  }

  // A name for an argument: strings in JSON form with every character
  // outside printable ASCII escaped, other values by type and String().
  function describe(value) {
    if (typeof value === "string") {
      return "\"" + value.replace(/[^\x20-\x7e]|["\\]/g, (c) =>
        c === "\"" || c === "\\" ? "\\" + c : "\\u" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")) + "\"";
    }
    if (typeof value === "number") return "the number " + (Object.is(value, -0) ? "-0" : String(value));
    if (value === null || value === undefined) return String(value);
    if (typeof value === "boolean") return "the boolean " + value;
    return "an object whose toString() gives " + describe(String(value));
  }

  function objectWithToString(text) {
    return { toString() { return text; } };
  }

  // --- btoa ----------------------------------------------------------------

  const btoaInputs = [
    "\u05E2\u05D1\u05E8\u05D9\u05EA", // Hebrew: code units above 0xFF
    "", "ab", "abc", "abcd", "abcde",
    "\xFF\xFF\xC0",
    // Embedded NULs must survive.
    "\0a", "a\0b",
    // Non-strings are converted with ToString (WebIDL DOMString).
    undefined, null, 7, 12, 1.5, true, false, NaN, Infinity, -Infinity, 0, -0,
    objectWithToString("foo"),
  ];
  for (let unit = 0; unit < 258; unit++) btoaInputs.push(String.fromCharCode(unit));
  btoaInputs.push(String.fromCharCode(10000), String.fromCharCode(0xfffe), String.fromCharCode(0xffff));
  btoaInputs.push("\uD800\uDC00"); // U+10000 as a surrogate pair

  for (const input of btoaInputs) {
    const expected = referenceBtoa(input);
    if (expected === null) {
      test(() => {
        assert_throws_dom("InvalidCharacterError", () => btoa(input));
      }, "btoa(" + describe(input) + ") throws InvalidCharacterError");
    } else {
      test(() => {
        assert_equals(btoa(input), expected, "btoa");
        assert_equals(atob(btoa(input)), String(input), "atob(btoa(input)) gives back String(input)");
      }, "btoa(" + describe(input) + ") is " + JSON.stringify(expected));
    }
  }

  test(() => {
    let all = "";
    for (let unit = 0; unit < 256; unit++) all += String.fromCharCode(unit);
    assert_equals(btoa(all), referenceBtoa(all), "btoa");
    assert_equals(atob(btoa(all)), all, "round trip");
  }, "btoa() of all 256 Latin-1 code units in one string");

  // --- atob ----------------------------------------------------------------

  function atobTest(input, bytes) {
    test(() => {
      if (bytes === null) {
        assert_throws_dom("InvalidCharacterError", () => atob(input));
        return;
      }
      const result = atob(input);
      assert_equals(typeof result, "string", "atob returns a string");
      assert_array_equals(Array.from(result, (c) => c.charCodeAt(0)), bytes, "code units");
    }, "atob(" + describe(input) + ")" + (bytes === null ? " throws InvalidCharacterError" : ""));
  }

  const data = (typeof DATA === "object" && DATA && DATA.base64) || [];
  test(() => {
    assert_true(Array.isArray(data) && data.length > 0, "DATA.base64 holds the cases");
  }, "atob() test data is loaded");
  for (const [input, bytes] of data) atobTest(input, bytes);

  // Non-string arguments go through ToString first.
  const conversions = [
    [undefined, null], // "undefined": 9 characters, cannot be base64
    [null, [158, 233, 101]], // "null"
    [7, null], // "7": 1 character
    [12, [215]], // "12"
    [1.5, null], // "1.5": "." is not in the alphabet
    // "true": upstream lists only [182, 187] (it checks a prefix); the whole
    // result has a third byte.
    [true, [182, 187, 158]],
    [false, null], // "false": 5 characters
    [NaN, [53, 163]], // "NaN"
    [Infinity, [34, 119, 226, 158, 43, 114]], // "Infinity"
    [-Infinity, null], // "-Infinity": "-" is not in the alphabet
    [0, null], // "0"
    [-0, null], // "0"
    [objectWithToString("foo"), [126, 138]],
    [objectWithToString("abcd"), [105, 183, 29]],
  ];
  for (const [input, bytes] of conversions) atobTest(input, bytes);

  test(() => {
    assert_throws_js(TypeError, () => btoa(), "btoa()");
    assert_throws_js(TypeError, () => atob(), "atob()");
  }, "btoa() and atob() require an argument");
})();
