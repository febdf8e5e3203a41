// jsbox's own conformance test, written from the web-platform-tests files
//   dom/abort/timeout.any.js
//   dom/abort/AbortSignal.any.js (the AbortSignal.timeout() parts)
// plus the [EnforceRange] unsigned long long argument of AbortSignal.timeout()
// from the DOM standard's IDL. Re-expressed for jsbox's harness; every wait is
// kept well under 200 ms.

// Resolves with the abort event of `signal`, or rejects after `limit` ms.
function abortEventWithin(signal, limit) {
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error("no abort event within " + limit + " ms")), limit);
    signal.addEventListener("abort", (event) => {
      clearTimeout(guard);
      resolve(event);
    });
  });
}

test(() => {
  const signal = AbortSignal.timeout(0);
  assert_true(signal instanceof AbortSignal, "an AbortSignal");
  assert_false(signal.aborted, "not aborted when returned, even for 0 ms");
  assert_equals(signal.reason, undefined, "no reason yet");
}, "AbortSignal.timeout() returns a signal that is not yet aborted");

promise_test(async () => {
  const signal = AbortSignal.timeout(5);
  const event = await abortEventWithin(signal, 200);
  assert_equals(event.type, "abort", "event type");
  assert_equals(event.target, signal, "event target");
  assert_true(signal.aborted, "aborted");
  assert_true(signal.reason instanceof DOMException, "reason is a DOMException");
  assert_equals(signal.reason.name, "TimeoutError", "reason is a TimeoutError");
  assert_equals(signal.reason.code, DOMException.TIMEOUT_ERR, "reason has the legacy code 23");
}, "a signal from AbortSignal.timeout() times out with a TimeoutError");

promise_test(async () => {
  const signal = AbortSignal.timeout(0);
  let handlerCalls = 0;
  signal.onabort = () => {
    handlerCalls++;
  };
  await abortEventWithin(signal, 200);
  assert_equals(handlerCalls, 1, "onabort ran once");
  const thrown = assert_throws_dom("TimeoutError", () => signal.throwIfAborted());
  assert_equals(thrown, signal.reason, "throwIfAborted() throws the stored reason");
}, "AbortSignal.timeout(0) aborts on a later task and throwIfAborted() throws its reason");

promise_test(async () => {
  let order = "";
  for (const label of ["1", "2", "3"]) {
    AbortSignal.timeout(5).onabort = () => {
      order += label;
    };
  }
  await abortEventWithin(AbortSignal.timeout(5), 200);
  assert_equals(order, "123", "equal timeouts fire in creation order");
}, "AbortSignal.timeout() signals with equal delays fire in order");

promise_test(async () => {
  let order = "";
  const slow = AbortSignal.timeout(60);
  const fast = AbortSignal.timeout(5);
  slow.onabort = () => {
    order += "slow";
  };
  fast.onabort = () => {
    order += "fast";
  };
  await abortEventWithin(slow, 200);
  assert_equals(order, "fastslow", "the shorter delay fires first");
}, "AbortSignal.timeout() signals with different delays fire by deadline");

promise_test(async () => {
  const start = Date.now();
  const signal = AbortSignal.timeout(50);
  await abortEventWithin(signal, 190);
  const elapsed = Date.now() - start;
  // Allow 1 ms of clock granularity below the requested delay.
  assert_greater_than_equal(elapsed, 49, "did not fire before its delay");
}, "AbortSignal.timeout(50) does not fire early");

test(() => {
  assert_throws_js(TypeError, () => AbortSignal.timeout(-1), "negative");
  assert_throws_js(TypeError, () => AbortSignal.timeout(NaN), "NaN");
  assert_throws_js(TypeError, () => AbortSignal.timeout(Infinity), "Infinity");
  assert_throws_js(TypeError, () => AbortSignal.timeout(), "missing argument becomes NaN");
}, "AbortSignal.timeout() enforces the range of its argument");

test(() => {
  const signal = AbortSignal.timeout(1.9);
  assert_false(signal.aborted);
  const fromString = AbortSignal.timeout("3");
  assert_false(fromString.aborted);
}, "AbortSignal.timeout() converts fractional and string delays");
