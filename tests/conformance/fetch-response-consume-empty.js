// jsbox's own conformance test: reading a Response without a body gives
// empty results (json() and some formData() cases reject) and leaves
// bodyUsed false; reading an empty body sets bodyUsed.
// Written from the web-platform-tests file fetch/api/response/response-consume-empty.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.
// Upstream's "Consume empty FormData response body as text" is left out: an
// empty FormData still serializes to a closing multipart boundary, so its
// expectation of an empty string is doubtful (see the matching FIXME in
// request-consume-empty.any.js).

async function rejectsSomehow(promise, what) {
  let threw = false;
  try {
    await promise;
  } catch (e) {
    threw = true;
  }
  assert_true(threw, what + " must reject");
}

// [label, headers, check]
const WITHOUT_BODY = [
  ["text", [], async (response) => assert_equals(await response.text(), "", "text()")],
  ["blob", [], async (response) => assert_equals(await (await response.blob()).text(), "", "the blob's text")],
  ["arrayBuffer", [], async (response) => assert_equals((await response.arrayBuffer()).byteLength, 0, "byteLength")],
  ["json (rejects)", [], (response) => rejectsSomehow(response.json(), "json() of nothing")],
  ["formData with a multipart type (rejects)", [["Content-Type", "multipart/form-data; boundary=\"boundary\""]],
    (response, t) => promise_rejects_js(t, TypeError, response.formData())],
  ["formData with an urlencoded type", [["Content-Type", "application/x-www-form-urlencoded;charset=UTF-8"]],
    async (response) => {
      const form = await response.formData();
      assert_true(form instanceof FormData, "a FormData");
      assert_equals([...form].length, 0, "no entries");
    }],
  ["formData without a form type (rejects)", [], (response, t) => promise_rejects_js(t, TypeError, response.formData())],
];

for (const [label, headers, check] of WITHOUT_BODY) {
  promise_test(async (t) => {
    const response = new Response(undefined, { headers });
    assert_false(response.bodyUsed, "before");
    await check(response, t);
    assert_false(response.bodyUsed, "a missing body is never used");
  }, "reading a response without a body: " + label);
}

// [label, body factory, read as text?]
const EMPTY = [
  ["Blob", () => new Blob([], { type: "text/plain" }), false],
  ["string", () => "", false],
  ["Blob", () => new Blob([], { type: "text/plain" }), true],
  ["string", () => "", true],
  ["URLSearchParams", () => new URLSearchParams(""), true],
  ["ArrayBuffer", () => new ArrayBuffer(), true],
];

for (const [label, makeBody, asText] of EMPTY) {
  promise_test(async () => {
    const response = new Response(makeBody());
    assert_false(response.bodyUsed, "before");
    if (asText) {
      assert_equals((await response.text()).length, 0, "text() length");
    } else {
      assert_equals((await response.arrayBuffer()).byteLength, 0, "arrayBuffer() byteLength");
    }
    assert_true(response.bodyUsed, "an empty body is used once read");
  }, "reading an empty " + label + " response body with " + (asText ? "text()" : "arrayBuffer()"));
}
