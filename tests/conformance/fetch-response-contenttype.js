// jsbox's own conformance test: the Content-Type a Response gets from each
// kind of body (none for an empty body, an untyped Blob, a buffer or a
// stream), and that an explicit Content-Type header always wins.
// Written from the web-platform-tests file fetch/api/response/response-init-contenttype.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.

const DEFAULT_CASES = [
  ["no body", () => undefined, null],
  ["a Blob without a type", () => new Blob([]), null],
  ["a Blob with an empty type", () => new Blob([], { type: "" }), null],
  ["a Blob with a type", () => new Blob([], { type: "a/b; c=d" }), "a/b; c=d"],
  ["a buffer source", () => new Uint8Array(), null],
  ["a URLSearchParams", () => new URLSearchParams(), "application/x-www-form-urlencoded;charset=UTF-8"],
  ["a string", () => "", "text/plain;charset=UTF-8"],
  ["a ReadableStream", () => new ReadableStream(), null],
];

for (const [label, makeBody, expected] of DEFAULT_CASES) {
  test(() => {
    const body = makeBody();
    const response = body === undefined ? new Response() : new Response(body);
    assert_equals(response.headers.get("Content-Type"), expected);
  }, "default Content-Type of a Response with " + label);
}

promise_test(async () => {
  const form = new FormData();
  form.append("a", "b");
  const response = new Response(form);
  const boundary = (await response.text()).split("\r\n")[0].slice(2);
  assert_equals(response.headers.get("Content-Type"), "multipart/form-data; boundary=" + boundary);
}, "default Content-Type of a Response with a FormData names the body's boundary");

const OVERRIDE = "test/only; mime=type";
const OVERRIDE_CASES = [
  ["no body", () => undefined],
  ["a Blob without a type", () => new Blob([])],
  ["a Blob with an empty type", () => new Blob([], { type: "" })],
  ["a Blob with a type", () => new Blob([], { type: "a/b; c=d" })],
  ["a buffer source", () => new Uint8Array()],
  ["a FormData", () => new FormData()],
  ["a URLSearchParams", () => new URLSearchParams()],
  ["a string", () => ""],
  ["a ReadableStream", () => new ReadableStream()],
];

for (const [label, makeBody] of OVERRIDE_CASES) {
  test(() => {
    const response = new Response(makeBody(), { headers: { "Content-Type": OVERRIDE } });
    assert_equals(response.headers.get("Content-Type"), OVERRIDE);
  }, "an explicit Content-Type overrides the default for a Response with " + label);
}
