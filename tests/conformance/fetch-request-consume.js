// jsbox's own conformance test: a Request body built from a string, an
// ArrayBuffer, typed arrays, a DataView or a FormData can be read with
// text(), blob(), arrayBuffer(), bytes(), json() and formData(), and reading
// sets bodyUsed; a Response built from a Blob reads the same way; json()
// parses valid JSON and rejects with a SyntaxError otherwise.
// Written from the web-platform-tests file fetch/api/request/request-consume.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.
// Upstream uses new Request(""); jsbox has no document base URL, so an
// absolute URL is used.

const BASE = "https://example.com/resource";

function post(body, headers) {
  const init = { method: "POST", body };
  if (headers) init.headers = headers;
  return new Request(BASE, init);
}

function codesOf(string) {
  return Array.from(string, (c) => c.charCodeAt(0));
}

// The five ways to read a body, each checking the content and bodyUsed.
const READERS = {
  async text(body, expected) {
    const text = await body.text();
    assert_equals(text, expected, "text()");
    assert_true(body.bodyUsed, "bodyUsed after text()");
  },
  async blob(body, expected) {
    const blob = await body.blob();
    assert_true(blob instanceof Blob, "blob() gives a Blob");
    assert_equals(await blob.text(), expected, "the blob's text");
    assert_true(body.bodyUsed, "bodyUsed after blob()");
  },
  async arrayBuffer(body, expected) {
    const buffer = await body.arrayBuffer();
    assert_true(buffer instanceof ArrayBuffer, "arrayBuffer() gives an ArrayBuffer");
    assert_array_equals(new Uint8Array(buffer), codesOf(expected), "arrayBuffer() bytes");
    assert_true(body.bodyUsed, "bodyUsed after arrayBuffer()");
  },
  async bytes(body, expected) {
    const bytes = await body.bytes();
    assert_true(bytes instanceof Uint8Array, "bytes() gives a Uint8Array");
    assert_array_equals(bytes, codesOf(expected), "bytes() content");
    assert_true(body.bodyUsed, "bodyUsed after bytes()");
  },
  async json(body, expected) {
    const value = await body.json();
    assert_equals(JSON.stringify(value), expected, "json() round trip");
    assert_true(body.bodyUsed, "bodyUsed after json()");
  },
};

// Bodies whose bytes spell the JSON string "123456" (with its quotes).
const QUOTED = "\"123456\"";
function quotedBuffer() {
  return new Uint8Array(codesOf(QUOTED)).buffer;
}
// The same eight bytes at offset 1 of a ten-byte buffer.
function paddedBuffer() {
  const bytes = new Uint8Array(10);
  bytes.set(codesOf(QUOTED), 1);
  return bytes.buffer;
}

const JSON_TEXT = JSON.stringify("This is response's body");
const REQUEST_BODIES = [
  ["string", () => JSON_TEXT, JSON_TEXT],
  ["ArrayBuffer", () => quotedBuffer(), QUOTED],
  ["Uint8Array", () => new Uint8Array(quotedBuffer()), QUOTED],
  ["Int8Array at an offset", () => new Int8Array(paddedBuffer(), 1, 8), QUOTED],
  ["Float32Array", () => new Float32Array(quotedBuffer()), QUOTED],
  ["DataView at an offset", () => new DataView(paddedBuffer(), 1, 8), QUOTED],
];

for (const [label, makeBody, expected] of REQUEST_BODIES) {
  for (const reader of Object.keys(READERS)) {
    promise_test(async () => {
      // The text() case also gives a Content-Type header, as upstream does.
      const request = reader === "text" ? post(makeBody(), [["Content-Type", "text/PLAIN"]]) : post(makeBody());
      assert_false(request.bodyUsed, "bodyUsed before reading");
      await READERS[reader](request, expected);
    }, "a request body from a " + label + " reads back with " + reader + "()");
  }
}

promise_test(async () => {
  const form = new FormData();
  form.append("name", "value");
  const request = post(form);
  assert_false(request.bodyUsed, "bodyUsed before reading");
  const parsed = await request.formData();
  assert_true(parsed instanceof FormData, "formData() gives a FormData");
  assert_equals(parsed.get("name"), "value", "the entry survives the round trip");
  assert_true(request.bodyUsed, "bodyUsed after formData()");
}, "a request body from a FormData reads back with formData()");

for (const reader of ["blob", "text", "json", "arrayBuffer", "bytes"]) {
  promise_test(async () => {
    const response = new Response(new Blob([JSON_TEXT], { type: "text/plain" }));
    assert_false(response.bodyUsed, "bodyUsed before reading");
    await READERS[reader](response, JSON_TEXT);
  }, "a response body from a Blob reads back with " + reader + "()");
}

promise_test(async () => {
  const response = new Response(new Blob([""]));
  await READERS.blob(response, "");
}, "a response body from an empty Blob reads back as an empty Blob");

for (const source of ["null", "1", "true", "\"string\""]) {
  promise_test(async () => {
    const value = await post(source).json();
    assert_equals(value, JSON.parse(source));
  }, "json() parses the text " + source);
}

for (const source of ["undefined", "{", "a", "["]) {
  promise_test((t) => promise_rejects_js(t, SyntaxError, post(source).json()),
    "json() rejects the text " + source + " with a SyntaxError");
}
