// jsbox's own conformance test: Body's json() decodes the bytes as UTF-8
// (dropping a UTF-8 byte order mark) and parses them with the ECMAScript
// JSON parser (so a repeated key keeps its first position and last value);
// a UTF-16 body is not decoded as UTF-16 and fails to parse.
// Written from the web-platform-tests file fetch/api/response/json.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.
// Upstream gets its bodies with fetch() from a data: URL and from the server
// file /xhr/resources/utf16-bom.json; jsbox has no network, so the same bytes
// are given to new Response() directly.

promise_test(async () => {
  const response = new Response("\uFEFF{ \"b\": 1, \"a\": 2, \"b\": 3 }");
  const json = await response.json();
  assert_array_equals(Object.keys(json), ["b", "a"], "key order");
  assert_equals(json.a, 2, "a");
  assert_equals(json.b, 3, "the last b wins");
}, "json() drops a UTF-8 BOM and uses the ECMAScript JSON parser");

promise_test(async () => {
  const bytes = [0xef, 0xbb, 0xbf, ...Array.from("[1,2]", (c) => c.charCodeAt(0))];
  const value = await new Response(new Uint8Array(bytes)).json();
  assert_array_equals(value, [1, 2]);
}, "json() drops a UTF-8 BOM given as bytes");

promise_test(async (t) => {
  // A UTF-16LE byte order mark followed by {"a":1} in UTF-16LE.
  const bytes = [0xff, 0xfe];
  for (const c of "{\"a\":1}") bytes.push(c.charCodeAt(0), 0);
  await promise_rejects_js(t, SyntaxError, new Response(new Uint8Array(bytes)).json());
}, "json() of a UTF-16 body rejects with a SyntaxError");
