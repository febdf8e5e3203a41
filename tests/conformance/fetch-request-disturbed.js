// jsbox's own conformance test: once a Request's body has been read (or
// handed to a new Request) it is "disturbed": bodyUsed is true, clone() and
// new Request(it) throw and reading again rejects, while a Request without a
// body can never be disturbed and a failed constructor leaves the input alone.
// Written from the web-platform-tests file fetch/api/request/request-disturbed.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.
// Upstream shares two top-level requests across subtests; here each subtest
// builds its own. Upstream uses new Request("") and new Request(URL, ...)
// (the URL constructor's source text as a relative URL); jsbox has no
// document base URL, so an absolute URL is used.

const BASE = "https://example.com/resource";

function withBody(text) {
  return new Request(BASE, { method: "POST", body: text === undefined ? "Request's body" : text });
}

// A request whose body reading has started (blob() disturbs synchronously).
function usedRequest() {
  const request = withBody();
  request.blob();
  return request;
}

test(() => {
  const empty = new Request(BASE);
  assert_equals(empty.body, null, "no body: body is null");
  assert_false(empty.bodyUsed, "no body: bodyUsed is false");
  const full = withBody();
  assert_not_equals(full.body, null, "with a body: body is not null");
  // Uses ReadableStream.
  assert_true(full.body instanceof ReadableStream, "with a body: body is a ReadableStream");
  assert_false(full.bodyUsed, "with a body: bodyUsed is false");
}, "body and bodyUsed of fresh requests");

test(() => {
  const empty = new Request(BASE);
  empty.blob();
  assert_false(empty.bodyUsed, "bodyUsed stays false");
  empty.clone();
  new Request(empty);
}, "reading a request without a body does not disturb it");

test(() => {
  const request = usedRequest();
  assert_true(request.bodyUsed, "bodyUsed right after blob()");
  assert_throws_js(TypeError, () => request.clone());
}, "clone() of a disturbed request throws a TypeError");

test(() => {
  const request = usedRequest();
  assert_throws_js(TypeError, () => new Request(request));
}, "new Request() from a disturbed request throws a TypeError");

promise_test(async () => {
  const request = usedRequest();
  const usedBody = request.body;
  const replaced = new Request(request, { body: "Replaced body" });
  assert_not_equals(replaced.body, usedBody, "a new body object");
  assert_false(replaced.bodyUsed, "the new request is not disturbed");
  assert_equals(await replaced.text(), "Replaced body");
}, "new Request() from a disturbed request with a new body works");

promise_test(async () => {
  const input = withBody();
  const inputBody = input.body;
  assert_false(input.bodyUsed, "before");
  const derived = new Request(input);
  assert_true(input.bodyUsed, "the input is disturbed once its body is taken");
  assert_equals(input.body, inputBody, "the input's body object does not change");
  assert_not_equals(inputBody, null, "the input had a body");
  assert_not_equals(inputBody, undefined, "the input had a body object");
  assert_not_equals(derived.body, inputBody, "the new request has its own body object");
  assert_equals(await derived.text(), "Request's body");
}, "new Request(input) takes the input's body and disturbs the input");

promise_test(async () => {
  const input = withBody();
  const inputBody = input.body;
  const derived = new Request(input, { body: "init body" });
  assert_true(input.bodyUsed, "the input is disturbed although init.body replaced its body");
  assert_equals(input.body, inputBody, "the input's body object does not change");
  assert_not_equals(inputBody, null, "the input had a body");
  assert_not_equals(derived.body, inputBody, "the new request has its own body object");
  assert_equals(await derived.text(), "init body");
}, "new Request(input, {body}) disturbs the input even though its body is not used");

promise_test((t) => {
  const request = usedRequest();
  assert_true(request.bodyUsed);
  return promise_rejects_js(t, TypeError, request.blob());
}, "reading a disturbed request again rejects with a TypeError");

test(() => {
  const request = withBody("hello");
  assert_false(request.bodyUsed, "before");
  assert_throws_js(TypeError, () => new Request(request, { method: "GET" }), "GET may not have a body");
  assert_false(request.bodyUsed, "after the GET failure");
  assert_throws_js(TypeError, () => new Request(request, { method: "CONNECT" }), "CONNECT is forbidden");
  assert_false(request.bodyUsed, "after the forbidden-method failure");
  new Request(request);
  assert_true(request.bodyUsed, "after a successful construction");
}, "a failed Request construction does not disturb the input");
