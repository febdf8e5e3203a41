// jsbox's own conformance test: the Content-Type a Request gets from each
// kind of body (none for an empty body, an untyped Blob, a buffer or a
// stream), and that an explicit Content-Type header always wins.
// Written from the web-platform-tests file fetch/api/request/request-init-contenttype.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.

function postWith(body, headers) {
  const init = { method: "POST", body, duplex: "half" };
  if (headers) init.headers = headers;
  return new Request("https://example.com", init);
}

// [label, body factory, expected default Content-Type]; the FormData case is
// separate because its type carries the generated boundary.
const DEFAULTS = [
  ["no body", () => undefined, null],
  ["a Blob without a type", () => new Blob([]), null],
  ["a Blob with an empty type", () => new Blob([], { type: "" }), null],
  ["a Blob with a type", () => new Blob([], { type: "a/b; c=d" }), "a/b; c=d"],
  ["a buffer source", () => new Uint8Array(), null],
  ["a URLSearchParams", () => new URLSearchParams(), "application/x-www-form-urlencoded;charset=UTF-8"],
  ["a string", () => "", "text/plain;charset=UTF-8"],
  ["a ReadableStream", () => new ReadableStream(), null],
];

for (const [label, makeBody, expected] of DEFAULTS) {
  test(() => {
    assert_equals(postWith(makeBody()).headers.get("Content-Type"), expected);
  }, "default Content-Type of a Request with " + label);
}

promise_test(async () => {
  const form = new FormData();
  form.append("a", "b");
  const request = postWith(form);
  const text = await request.text();
  // The body starts with "--" + boundary + CRLF.
  const boundary = text.split("\r\n")[0].slice(2);
  assert_equals(request.headers.get("Content-Type"), "multipart/form-data; boundary=" + boundary);
}, "default Content-Type of a Request with a FormData names the body's boundary");

const OVERRIDE = "test/only; mime=type";
const OVERRIDDEN = [
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

for (const [label, makeBody] of OVERRIDDEN) {
  test(() => {
    const request = postWith(makeBody(), { "Content-Type": OVERRIDE });
    assert_equals(request.headers.get("Content-Type"), OVERRIDE);
  }, "an explicit Content-Type overrides the default for a Request with " + label);
}
