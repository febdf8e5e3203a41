// jsbox's own test of the URLSearchParams constructor, written from the WPT
// files url/urlsearchparams-constructor.any.js and
// url/urlsearchparams-constructor-formdata.any.js (web-platform-tests/wpt).
// It is not a copy of them. Checked: no argument / "" / a string (a leading
// "?" dropped, "+" and %XX decoded, malformed escapes kept, NUL and non-ASCII
// kept); another URLSearchParams or a FormData (pairs copied, not shared);
// a record (own enumerable string keys, lone surrogates replaced by U+FFFD,
// so colliding keys overwrite); a sequence of pairs (each exactly two items,
// else TypeError); any object with a Symbol.iterator; a function object
// (DOMException's constants are its own enumerable properties); and that a
// branded object without being iterable (DOMException.prototype) throws.
(function () {
  "use strict";

  function pairsOf(params) {
    return Array.from(params, (pair) => pair.slice());
  }

  function assertPairs(params, expected, message) {
    const actual = pairsOf(params);
    assert_equals(actual.length, expected.length, (message ? message + ": " : "") + "number of pairs");
    for (let i = 0; i < expected.length; i++) {
      assert_array_equals(actual[i], expected[i], (message ? message + ": " : "") + "pair " + i);
    }
  }

  test(() => {
    let params = new URLSearchParams();
    assert_equals(String(params), "");
    params = new URLSearchParams("");
    assert_equals(String(params), "");
    params = new URLSearchParams("a=b");
    assert_equals(String(params), "a=b");
    params = new URLSearchParams(params);
    assert_equals(String(params), "a=b", "copied from another URLSearchParams");
  }, "Basic URLSearchParams construction");

  test(() => {
    assert_equals(new URLSearchParams().toString(), "");
  }, "URLSearchParams constructor, no arguments");

  test(() => {
    assert_equals(new URLSearchParams("?a=b").toString(), "a=b");
  }, "URLSearchParams constructor, remove leading \"?\"");

  test(() => {
    // DOMException's legacy code constants, in order, are its own enumerable
    // string-keyed properties.
    const expected = ["INDEX_SIZE_ERR", "DOMSTRING_SIZE_ERR", "HIERARCHY_REQUEST_ERR", "WRONG_DOCUMENT_ERR",
      "INVALID_CHARACTER_ERR", "NO_DATA_ALLOWED_ERR", "NO_MODIFICATION_ALLOWED_ERR", "NOT_FOUND_ERR",
      "NOT_SUPPORTED_ERR", "INUSE_ATTRIBUTE_ERR", "INVALID_STATE_ERR", "SYNTAX_ERR", "INVALID_MODIFICATION_ERR",
      "NAMESPACE_ERR", "INVALID_ACCESS_ERR", "VALIDATION_ERR", "TYPE_MISMATCH_ERR", "SECURITY_ERR",
      "NETWORK_ERR", "ABORT_ERR", "URL_MISMATCH_ERR", "QUOTA_EXCEEDED_ERR", "TIMEOUT_ERR",
      "INVALID_NODE_TYPE_ERR", "DATA_CLONE_ERR"].map((name, i) => name + "=" + (i + 1)).join("&");
    assert_equals(new URLSearchParams(DOMException).toString(), expected);
    assert_throws_js(TypeError, () => new URLSearchParams(DOMException.prototype),
      "DOMException.prototype's accessors throw on a non-DOMException");
  }, "URLSearchParams constructor, DOMException as argument");

  test(() => {
    const params = new URLSearchParams("");
    assert_true(params != null);
    assert_equals(Object.getPrototypeOf(params), URLSearchParams.prototype);
  }, "URLSearchParams constructor, empty string as argument");

  test(() => {
    assert_equals(String(new URLSearchParams({})), "");
  }, "URLSearchParams constructor, {} as argument");

  test(() => {
    let params = new URLSearchParams("a=b");
    assert_true(params.has("a"));
    assert_false(params.has("b"), "b is a value");

    params = new URLSearchParams("a=b&c");
    assert_true(params.has("a"));
    assert_true(params.has("c"), "a name without =");

    params = new URLSearchParams("&a&&& &&&&&a+b=& c&m%c3%b8%c3%b8");
    assert_true(params.has("a"));
    assert_true(params.has("a b"), "+ is a space");
    assert_true(params.has(" "), "a lone space");
    assert_false(params.has("c"), "no c without its space");
    assert_true(params.has(" c"));
    assert_true(params.has("m\u00F8\u00F8"), "UTF-8 escapes decoded");

    params = new URLSearchParams("id=0&value=%");
    assert_equals(params.get("id"), "0");
    assert_equals(params.get("value"), "%", "a lone % is kept");

    params = new URLSearchParams("b=%2sf%2a");
    assert_equals(params.get("b"), "%2sf*", "%2s is not an escape");
    params = new URLSearchParams("b=%2%2af%2a");
    assert_equals(params.get("b"), "%2*f*");
    params = new URLSearchParams("b=%%2a");
    assert_equals(params.get("b"), "%*");
  }, "URLSearchParams constructor, string.");

  test(() => {
    const seed = new URLSearchParams("a=b&c=d");
    const params = new URLSearchParams(seed);
    assert_equals(params.get("a"), "b");
    assert_equals(params.get("c"), "d");
    assert_false(params.has("d"));
    seed.append("e", "f");
    assert_false(params.has("e"), "later changes to the source are not seen");
    params.append("g", "h");
    assert_false(seed.has("g"), "changes to the copy do not reach the source");
  }, "URLSearchParams constructor, object.");

  test(() => {
    const form = new FormData();
    form.append("a", "b");
    form.append("c", "d");
    const params = new URLSearchParams(form);
    assert_equals(params.get("a"), "b");
    assert_equals(params.get("c"), "d");
    assert_false(params.has("d"));
    form.append("e", "f");
    assert_false(params.has("e"), "later changes to the FormData are not seen");
    params.append("g", "h");
    assert_false(form.has("g"), "changes to the params do not reach the FormData");
  }, "URLSearchParams constructor, FormData.");

  test(() => {
    let params = new URLSearchParams("a=b+c");
    assert_equals(params.get("a"), "b c");
    params = new URLSearchParams("a+b=c");
    assert_equals(params.get("a b"), "c");
  }, "Parse +");

  test(() => {
    const params = new URLSearchParams();
    params.set("query", "+15555555555");
    assert_equals(params.toString(), "query=%2B15555555555", "+ is escaped when serialized");
    assert_equals(params.get("query"), "+15555555555");
    assert_equals(new URLSearchParams(params.toString()).get("query"), "+15555555555", "round trip");
  }, "Parse encoded +");

  // [test name, value in the string, expected value, name in the string, expected name]
  for (const [label, rawValue, value, rawName, name] of [
    ["Parse space", "b c", "b c", "a b", "a b"],
    ["Parse %20", "b%20c", "b c", "a%20b", "a b"],
    ["Parse \\0", "b\0c", "b\0c", "a\0b", "a\0b"],
    ["Parse %00", "b%00c", "b\0c", "a%00b", "a\0b"],
    ["Parse \u2384", "b\u2384", "b\u2384", "a\u2384b", "a\u2384b"],
    ["Parse %e2%8e%84", "b%e2%8e%84", "b\u2384", "a%e2%8e%84b", "a\u2384b"],
    ["Parse \uD83D\uDCA9", "b\uD83D\uDCA9c", "b\uD83D\uDCA9c", "a\uD83D\uDCA9b", "a\uD83D\uDCA9b"],
    ["Parse %f0%9f%92%a9", "b%f0%9f%92%a9c", "b\uD83D\uDCA9c", "a%f0%9f%92%a9b", "a\uD83D\uDCA9b"],
  ]) {
    test(() => {
      assert_equals(new URLSearchParams("a=" + rawValue).get("a"), value, "in a value");
      assert_equals(new URLSearchParams(rawName + "=c").get(name), "c", "in a name");
    }, label);
  }

  test(() => {
    assert_equals(String(new URLSearchParams([])), "", "an empty sequence");
    const params = new URLSearchParams([["a", "b"], ["c", "d"]]);
    assert_equals(params.get("a"), "b");
    assert_equals(params.get("c"), "d");
    assert_throws_js(TypeError, () => new URLSearchParams([[1]]), "a one-item pair");
    assert_throws_js(TypeError, () => new URLSearchParams([[1, 2, 3]]), "a three-item pair");
  }, "Constructor with sequence of sequences of strings");

  for (const [label, init, expected] of [
    ["object with +", { "+": "%C2" }, [["+", "%C2"]]],
    ["object with two keys", { c: "x", a: "?" }, [["c", "x"], ["a", "?"]]],
    ["array with two keys", [["c", "x"], ["a", "?"]], [["c", "x"], ["a", "?"]]],
    // "\uD835x" and "\uD83Dx" both become "\uFFFDx": the later value wins, in
    // the first key's place.
    ["2 unpaired surrogates (no trailing)", { "\uD835x": "1", xx: "2", "\uD83Dx": "3" }, [["\uFFFDx", "3"], ["xx", "2"]]],
    ["3 unpaired surrogates (no leading)", { "x\uDC53": "1", "x\uDC5C": "2", "x\uDC65": "3" }, [["x\uFFFD", "3"]]],
    ["object with NULL, non-ASCII, and surrogate keys", { "a\0b": "42", "c\uD83D": "23", "d\u1234": "foo" },
      [["a\0b", "42"], ["c\uFFFD", "23"], ["d\u1234", "foo"]]],
  ]) {
    test(() => {
      assertPairs(new URLSearchParams(init), expected);
    }, "Construct with " + label);
  }

  test(() => {
    const source = new URLSearchParams();
    source[Symbol.iterator] = function* () {
      yield ["a", "b"];
    };
    const params = new URLSearchParams(source);
    assert_equals(params.get("a"), "b", "the own Symbol.iterator is used");
    assert_equals(params.size, 1);
  }, "Custom [Symbol.iterator]");
})();
