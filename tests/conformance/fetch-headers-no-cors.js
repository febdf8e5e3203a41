// jsbox's own conformance test: the headers of a Request whose mode is
// "no-cors" have the "request-no-cors" guard, so they only accept
// CORS-safelisted request headers: a safelisted name with a value that is too
// long (over 128 bytes once combined) or has a bad byte is silently dropped,
// and any other name is dropped whatever its value.
// Written from the web-platform-tests file fetch/api/headers/headers-no-cors.any.js
// (web-platform-tests/wpt), with the not-safelisted pairs of its data file
// fetch/api/cors/resources/not-cors-safelisted.json listed inline (upstream
// loads that file with fetch()). The checks are re-expressed, not copied.

function noCorsHeaders() {
  return new Request("about:blank", { mode: "no-cors" }).headers;
}

const LONG = "s".repeat(127);

// [header name, label, values]: values[0] is accepted; every later append and
// a set() of all of them joined would exceed 128 bytes, so they are dropped.
const LENGTH_CASES = [];
for (const name of ["accept", "accept-language", "content-language"]) {
  LENGTH_CASES.push([name, "a 127-byte value then more", [LONG, "", LONG]]);
  LENGTH_CASES.push([name, "an empty value then 127 bytes", ["", LONG]]);
}
LENGTH_CASES.push(["content-type", "a 127-byte text/plain value then more", ["text/plain;" + "s".repeat(116), "text/plain"]]);

for (const [name, label, values] of LENGTH_CASES) {
  test(() => {
    const headers = noCorsHeaders();
    for (const value of values) {
      headers.append(name, value);
      assert_equals(headers.get(name), values[0], "after append(" + JSON.stringify(value.slice(0, 12)) + "...)");
    }
    headers.set(name, values.join(", "));
    assert_equals(headers.get(name), values[0], "after set() of the joined values");
    headers.delete(name);
    assert_false(headers.has(name), "after delete()");
  }, "no-cors " + name + ": " + label + " stays within 128 bytes");
}

// Pairs that are not CORS-safelisted request headers.
const NOT_SAFELISTED = [
  ["accept", "\""],
  ["accept", "012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678"],
  ["accept-language", "\u0001"],
  ["accept-language", "@"],
  ["authorization", "basics"],
  ["content-language", "\u0001"],
  ["content-language", "@"],
  ["content-type", "text/html"],
  ["content-type", "text/plain; long=0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901"],
  ["range", "bytes 0-"],
  ["test", "hi"],
  ["dpr", "2"],
  ["rtt", "1.0"],
  ["downlink", "-1.0"],
  ["ect", "6g"],
  ["save-data", "on"],
  ["viewport-width", "100"],
  ["width", "100"],
  ["unknown", "doesitmatter"],
];

NOT_SAFELISTED.forEach(([name, value], index) => {
  const shown = value.length > 20 ? value.length + "-byte value" : JSON.stringify(value);
  test(() => {
    const headers = noCorsHeaders();
    headers.append(name, value);
    assert_false(headers.has(name), "after append()");
    headers.set(name, value);
    assert_false(headers.has(name), "after set()");
  }, "no-cors headers drop " + name + " with " + shown + " (case " + index + ")");
});
