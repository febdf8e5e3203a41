// jsbox's own conformance test: a Request's headers have the "request" guard
// (forbidden request headers are silently dropped), or the "request-no-cors"
// guard for mode "no-cors" (only CORS-safelisted headers are kept); the
// constructor filters init headers through the guard, takes Content-Type from
// the input request, init headers or body, and headers is [SameObject].
// Written from the web-platform-tests file fetch/api/request/request-headers.any.js
// (web-platform-tests/wpt), plus the content-type subtests that
// request-error.any.js repeats; the checks are re-expressed, not copied.
// Upstream uses new Request(""); jsbox has no document base URL, so an
// absolute URL is used.

const BASE = "https://example.com/resource";

const ALLOWED = [
  ["Content-Type", "OK"],
  ["Potato", "OK"],
  ["proxy", "OK"],
  ["proxya", "OK"],
  ["sec", "OK"],
  ["secb", "OK"],
  ["Set-Cookie2", "OK"],
  ["User-Agent", "OK"],
];

// Forbidden request-header names, and the Proxy- and Sec- prefixes.
const FORBIDDEN = [
  "Accept-Charset", "accept-charset", "ACCEPT-ENCODING", "Accept-Encoding",
  "Access-Control-Request-Headers", "Access-Control-Request-Method", "Connection",
  "Content-Length", "Cookie", "Cookie2", "Date", "DNT", "Expect", "Host",
  "Keep-Alive", "Origin", "Referer", "Set-Cookie", "TE", "Trailer",
  "Transfer-Encoding", "Upgrade", "Via", "Proxy-", "proxy-a", "Sec-", "sec-b",
];

const NO_CORS_ALLOWED = [
  ["Accept", "OK"],
  ["Accept-Language", "OK"],
  ["content-language", "OK"],
  ["content-type", "application/x-www-form-urlencoded"],
  ["content-type", "application/x-www-form-urlencoded;charset=UTF-8"],
  ["content-type", "multipart/form-data"],
  ["content-type", "multipart/form-data;charset=UTF-8"],
  ["content-TYPE", "text/plain"],
  ["CONTENT-type", "text/plain;charset=UTF-8"],
];

const NO_CORS_DROPPED = [
  ["Content-Type", "KO"],
  ["Potato", "KO"],
  ["proxy", "KO"],
  ["proxya", "KO"],
  ["sec", "KO"],
  ["secb", "KO"],
  ["Empty-Value", ""],
];

for (const [name, value] of ALLOWED) {
  test(() => {
    const request = new Request(BASE);
    request.headers.set(name, value);
    assert_equals(request.headers.get(name), value);
  }, "request headers accept " + name + ": " + value);
}

for (const name of FORBIDDEN) {
  test(() => {
    const request = new Request(BASE);
    request.headers.set(name, "KO");
    assert_equals(request.headers.get(name), null);
  }, "request headers drop the forbidden header " + name);
}

for (const [name, value] of NO_CORS_ALLOWED) {
  test(() => {
    const request = new Request(BASE, { mode: "no-cors" });
    request.headers.set(name, value);
    assert_equals(request.headers.get(name), value);
  }, "no-cors request headers accept " + name + ": " + value);
}

for (const [name, value] of NO_CORS_DROPPED) {
  test(() => {
    const request = new Request(BASE, { mode: "no-cors" });
    request.headers.set(name, value);
    assert_equals(request.headers.get(name), null);
  }, "no-cors request headers drop " + name + ": " + JSON.stringify(value));
}

test(() => {
  const request = new Request(BASE, { headers: new Headers([["Cookie2", "potato"]]) });
  assert_equals(request.headers.get("Cookie2"), null);
}, "the constructor drops forbidden headers given in init.headers");

test(() => {
  const request = new Request(BASE, { headers: new Headers([["Content-Type", "potato"]]), mode: "no-cors" });
  assert_equals(request.headers.get("Content-Type"), null);
}, "a no-cors constructor drops unsafe headers given in init.headers");

test(() => {
  const input = new Request(BASE, { headers: new Headers([["Content-Type", "potato"]]) });
  const request = new Request(input, { mode: "no-cors" });
  assert_equals(request.headers.get("Content-Type"), null);
}, "a no-cors constructor drops unsafe headers taken from the input request");

test(() => {
  const input = new Request(BASE, { headers: new Headers([["Content-Type", "potato"]]) });
  assert_equals(new Request(input).headers.get("Content-Type"), "potato");
}, "Content-Type is copied from the input request");

test(() => {
  const input = new Request(BASE, { headers: new Headers([["Content-Type", "potato"]]) });
  const request = new Request(input, { headers: new Headers([]) });
  assert_false(request.headers.has("Content-Type"));
}, "init.headers replaces the input request's headers, Content-Type included");

test(() => {
  const input = new Request(BASE, {
    headers: new Headers([["Content-Type-Extra", "potato"]]),
    body: "this is my plate",
    method: "POST",
  });
  assert_equals(new Request(input).headers.get("Content-Type"), "text/plain;charset=UTF-8");
}, "without a Content-Type header the string body's type is used");

test(() => {
  const input = new Request(BASE, {
    headers: new Headers([["Content-Type", "potato"]]),
    body: "this is my plate",
    method: "POST",
  });
  assert_equals(new Request(input).headers.get("Content-Type"), "potato");
}, "an explicit Content-Type header wins over the body's type");

test(() => {
  const pairs = [["hello", "worldAHH"]];
  const fromHeaders = new Request(BASE, { headers: new Headers(pairs) });
  const fromPairs = new Request(BASE, { headers: pairs });
  const fromRecord = new Request(BASE, { headers: { hello: "worldOOH" } });
  assert_equals(fromHeaders.headers.get("hello"), "worldAHH", "from a Headers object");
  assert_equals(fromPairs.headers.get("hello"), "worldAHH", "from a sequence of pairs");
  assert_equals(fromRecord.headers.get("hello"), "worldOOH", "from a record");
}, "init.headers may be a Headers object, a sequence or a record");

promise_test(async () => {
  const request = new Request(BASE, { headers: [["Content-Type", ""]], body: "this is my plate", method: "POST" });
  const blob = await request.blob();
  assert_equals(blob.type, "", "the blob's type");
}, "an empty Content-Type header gives the body blob an empty type");

test(() => {
  const plain = new Request(BASE);
  assert_equals(plain.headers, plain.headers, "same object on each get");
  const request = new Request(BASE, { headers: { "X-Foo": "bar" } });
  const headers = request.headers;
  request.headers.set("X-Foo", "quux");
  assert_equals(request.headers, headers, "same object after set() through the getter");
  headers.set("X-Other-Header", "baz");
  assert_equals(request.headers, headers, "same object after set() through the saved reference");
  assert_equals(request.headers.get("X-Other-Header"), "baz", "the change is visible");
}, "Request.headers is [SameObject]");
