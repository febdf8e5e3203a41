// jsbox's own test of URLSearchParams.prototype.has(), written from the WPT
// file url/urlsearchparams-has.any.js (web-platform-tests/wpt). It is not a
// copy of it. Checked: has(name) (names converted with ToString, null ->
// "null"); has() after append()/delete(); has(name, value) matches both, and
// an explicit undefined value means "no value given".
(function () {
  "use strict";

  test(() => {
    let params = new URLSearchParams("a=b&c=d");
    assert_true(params.has("a"));
    assert_true(params.has("c"));
    assert_false(params.has("e"));
    params = new URLSearchParams("a=b&c=d&a=e");
    assert_true(params.has("a"));
    params = new URLSearchParams("=b&c=d");
    assert_true(params.has(""), "the empty name");
    params = new URLSearchParams("null=a");
    assert_true(params.has(null), "null is the name \"null\"");
  }, "Has basics");

  test(() => {
    const params = new URLSearchParams("a=b&c=d&&");
    params.append("first", 1);
    params.append("first", 2);
    assert_true(params.has("a"));
    assert_true(params.has("c"));
    assert_true(params.has("first"));
    assert_false(params.has("d"), "d is a value, not a name");
    params.delete("first");
    assert_false(params.has("first"), "after delete");
  }, "has() following delete()");

  test(() => {
    const params = new URLSearchParams("a=b&a=d&c&e&");
    assert_true(params.has("a", "b"));
    assert_false(params.has("a", "c"));
    assert_true(params.has("a", "d"));
    assert_true(params.has("e", ""), "a name without = has the value \"\"");
    params.append("first", null);
    assert_false(params.has("first", ""));
    assert_true(params.has("first", "null"));
    params.delete("a", "b");
    assert_true(params.has("a", "d"), "the other a pair stays");
    assert_false(params.has("a", "b"), "the deleted pair is gone");
  }, "Two-argument has()");

  test(() => {
    const params = new URLSearchParams("a=b&a=d&c&e&");
    assert_true(params.has("a", "b"));
    assert_false(params.has("a", "c"));
    assert_true(params.has("a", "d"));
    assert_true(params.has("a", undefined), "undefined is no value");
    assert_false(params.has("x", undefined), "still needs the name");
  }, "Two-argument has() respects undefined as second arg");
})();
