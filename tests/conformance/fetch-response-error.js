// jsbox's own conformance test: the Response constructor's RangeError for a
// status outside 200-599, TypeError for a statusText that is not a
// reason-phrase, and TypeError for a body with a null-body status.
// Written from the web-platform-tests file fetch/api/response/response-error.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied. The
// last subtest (calling Response without new) is jsbox's addition.

for (const status of [0, 100, 199, 600, 1000]) {
  test(() => {
    assert_throws_js(RangeError, () => new Response("", { status }));
  }, "new Response() with status " + status + " throws a RangeError");
}

for (const [label, statusText] of [["a line feed", "\n"], ["U+0100", "\u0100"]]) {
  test(() => {
    assert_throws_js(TypeError, () => new Response("", { statusText }));
  }, "new Response() with a statusText containing " + label + " throws a TypeError");
}

for (const status of [204, 205, 304]) {
  test(() => {
    assert_throws_js(TypeError, () => new Response("body", { status }));
  }, "new Response() with a body and the null-body status " + status + " throws a TypeError");
}

test(() => {
  assert_throws_js(TypeError, () => Response(""));
}, "calling Response without new throws a TypeError");
