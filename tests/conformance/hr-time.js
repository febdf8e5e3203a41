// jsbox's own conformance test, written from the web-platform-tests files
//   hr-time/basic.any.js
//   hr-time/monotonic-clock.any.js
//   hr-time/timeOrigin.html (the same-global part, without workers)
//   hr-time/performance-tojson.html (only Performance.toJSON's timeOrigin)
// Re-expressed for jsbox's harness. Upstream compares performance.now() with
// Date.now() over a 2000 ms wait; here the wait is 100 ms.

test(() => {
  assert_equals(typeof performance, "object", "performance is an object");
  assert_not_equals(performance, null, "performance is not null");
  assert_equals(typeof performance.now, "function", "performance.now is a function");
  assert_equals(typeof performance.now(), "number", "performance.now() returns a number");
}, "performance.now() is a function that returns a number");

test(() => {
  assert_greater_than(performance.now(), 0);
}, "performance.now() returns a positive number");

test(() => {
  const first = performance.now();
  const second = performance.now();
  assert_greater_than_equal(second - first, 0);
}, "the difference between two performance.now() calls is not negative");

test(() => {
  let previous = performance.now();
  for (let i = 0; i < 10000; i++) {
    const current = performance.now();
    assert_greater_than_equal(current, previous, "call " + i);
    previous = current;
  }
}, "performance.now() never goes backwards over many calls");

test(() => {
  const value = performance.now();
  assert_true(Number.isFinite(value), "finite");
}, "performance.now() is finite");

promise_test(async () => {
  const startHr = performance.now();
  const startDate = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 100));
  const hrElapsed = performance.now() - startHr;
  const dateElapsed = Date.now() - startDate;
  assert_greater_than_equal(hrElapsed, 99, "at least the timer's delay passed on the high-resolution clock");
  assert_approx_equals(hrElapsed, dateElapsed, 30, "both clocks advanced by about the same amount");
}, "performance.now() advances at the same rate as Date.now()");

test(() => {
  assert_equals(typeof performance.timeOrigin, "number", "a number");
  assert_greater_than(performance.timeOrigin, 0, "positive");
  assert_equals(performance.timeOrigin, performance.timeOrigin, "stable across reads");
}, "performance.timeOrigin is a stable positive number");

test(() => {
  const now = Date.now();
  assert_greater_than_equal(now + 1, performance.timeOrigin, "the origin is not in the future");
  assert_approx_equals(performance.timeOrigin + performance.now(), now, 100, "origin plus now() is close to the wall clock");
}, "performance.timeOrigin plus performance.now() is close to Date.now()");

test(() => {
  assert_equals(typeof performance.toJSON, "function", "toJSON is a function");
  const json = performance.toJSON();
  assert_equals(typeof json, "object", "toJSON() returns an object");
  assert_equals(json.timeOrigin, performance.timeOrigin, "it carries timeOrigin");
  assert_equals(JSON.parse(JSON.stringify(performance)).timeOrigin, performance.timeOrigin, "JSON.stringify uses it");
}, "performance.toJSON() includes timeOrigin");

test(() => {
  const now = Object.getOwnPropertyDescriptor(Performance.prototype, "now").value;
  assert_throws_js(TypeError, () => now.call({}), "now() on a plain object");
  assert_true(performance instanceof Performance, "performance is a Performance");
}, "performance.now checks its receiver");
