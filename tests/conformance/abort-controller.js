// jsbox's own conformance test, written from the web-platform-tests files
//   dom/abort/event.any.js
//   dom/abort/AbortSignal.any.js (the AbortSignal.abort() parts)
//   dom/abort/reason-constructor.html (only the same-realm part: no iframe)
// The checks are re-expressed for jsbox's harness; nothing is copied verbatim.
// AbortController, signal.aborted / reason / throwIfAborted(), the "abort"
// event (onabort and addEventListener) and the static AbortSignal.abort().

test(() => {
  const controller = new AbortController();
  const signal = controller.signal;
  const seen = [];
  assert_false(signal.aborted, "a fresh signal is not aborted");
  assert_true("reason" in signal, "signal exposes a reason attribute");
  assert_equals(signal.reason, undefined, "reason starts undefined");
  signal.addEventListener("abort", () => {
    seen.push("listener");
  });
  controller.abort();
  assert_array_equals(seen, ["listener"], "the listener ran inside abort()");
  assert_true(signal.aborted, "aborted after abort()");
  assert_true(signal.reason instanceof DOMException, "default reason is a DOMException");
  assert_equals(signal.reason.name, "AbortError", "default reason is an AbortError");
  controller.abort();
  assert_array_equals(seen, ["listener"], "a second abort() dispatches nothing");
}, "abort() dispatches the abort event synchronously");

test(() => {
  const controller = new AbortController();
  const before = controller.signal;
  assert_equals(controller.signal, before, "same object on a second read");
  controller.abort();
  assert_equals(controller.signal, before, "same object after abort()");
}, "controller.signal is always the same object");

test(() => {
  const controller = new AbortController();
  let calls = 0;
  controller.signal.onabort = () => {
    calls++;
  };
  controller.abort();
  assert_true(controller.signal.aborted);
  assert_equals(calls, 1, "the handler ran once");
  controller.abort();
  assert_true(controller.signal.aborted);
  assert_equals(calls, 1, "the handler did not run again");
}, "a second abort() is a no-op for onabort");

test(() => {
  const controller = new AbortController();
  controller.abort();
  let called = false;
  controller.signal.onabort = () => {
    called = true;
  };
  controller.signal.addEventListener("abort", () => {
    called = true;
  });
  controller.abort();
  assert_false(called, "nothing fires for handlers added after the abort");
}, "handlers added after abort() are never called");

test(() => {
  const controller = new AbortController();
  const signal = controller.signal;
  let event = null;
  let currentTarget = null;
  signal.onabort = (e) => {
    event = e;
    currentTarget = e.currentTarget;
  };
  controller.abort();
  assert_not_equals(event, null, "the handler received an event");
  assert_true(event instanceof Event, "it is an Event");
  assert_equals(event.type, "abort", "type");
  assert_equals(event.target, signal, "target");
  assert_equals(currentTarget, signal, "currentTarget during dispatch");
  assert_false(event.bubbles, "does not bubble");
  assert_false(event.cancelable, "not cancelable");
  assert_true(event.isTrusted, "is trusted");
}, "the abort event has the expected properties");

test(() => {
  const controller = new AbortController();
  const signal = controller.signal;
  let reasonInHandler = "not called";
  let abortedInHandler = null;
  signal.addEventListener("abort", () => {
    abortedInHandler = signal.aborted;
    reasonInHandler = signal.reason;
  });
  controller.abort("why");
  assert_true(abortedInHandler, "aborted is already true in the listener");
  assert_equals(reasonInHandler, "why", "reason is already set in the listener");
}, "aborted and reason are set before the abort event fires");

test(() => {
  const controller = new AbortController();
  const signal = controller.signal;
  assert_equals(signal.reason, undefined, "reason starts undefined");
  const reason = Error("custom reason");
  controller.abort(reason);
  assert_true(signal.aborted, "aborted");
  assert_equals(signal.reason, reason, "the exact reason object is kept");
}, "abort(reason) stores the given reason");

test(() => {
  const controller = new AbortController();
  controller.abort();
  const reason = controller.signal.reason;
  assert_true(reason instanceof DOMException, "a DOMException");
  assert_equals(reason.name, "AbortError", "named AbortError");
  assert_equals(reason.code, DOMException.ABORT_ERR, "with the legacy code 20");
}, "abort() with no argument creates an AbortError DOMException");

test(() => {
  const controller = new AbortController();
  controller.abort(undefined);
  assert_true(controller.signal.aborted, "aborted");
  assert_true(controller.signal.reason instanceof DOMException, "a DOMException");
  assert_equals(controller.signal.reason.name, "AbortError", "named AbortError");
}, "abort(undefined) also creates an AbortError DOMException");

test(() => {
  const controller = new AbortController();
  controller.abort(null);
  assert_true(controller.signal.aborted, "aborted");
  assert_equals(controller.signal.reason, null, "null is a reason like any other");
}, "abort(null) keeps null as the reason");

test(() => {
  for (const reason of [0, "", false, 42, "text", Symbol.for("jsbox")]) {
    const controller = new AbortController();
    controller.abort(reason);
    assert_equals(controller.signal.reason, reason, "reason " + String(reason));
  }
}, "primitive reasons are kept as given");

test(() => {
  const controller = new AbortController();
  controller.abort("first");
  controller.abort("second");
  assert_equals(controller.signal.reason, "first", "the first reason wins");
}, "a second abort(reason) does not replace the reason");

test(() => {
  const signal = AbortSignal.abort();
  assert_true(signal instanceof AbortSignal, "an AbortSignal");
  assert_true(signal.aborted, "already aborted");
  assert_true(signal.reason instanceof DOMException, "default reason is a DOMException");
  assert_equals(signal.reason.name, "AbortError", "default reason is an AbortError");
}, "AbortSignal.abort() returns an already-aborted signal");

test(() => {
  const reason = Error("static reason");
  const signal = AbortSignal.abort(reason);
  assert_true(signal.aborted, "aborted");
  assert_equals(signal.reason, reason, "reason kept");
}, "AbortSignal.abort(reason) keeps the reason");

test(() => {
  const a = AbortSignal.abort();
  const b = AbortSignal.abort();
  assert_not_equals(a, b, "each call makes a new signal");
  assert_not_equals(a.reason, b.reason, "each signal has its own default reason");
}, "AbortSignal.abort() returns a new signal each time");

test(() => {
  const signal = AbortSignal.abort();
  assert_true(signal.reason instanceof DOMException);
  assert_equals(signal.reason, signal.reason, "the same object on every read");
}, "AbortSignal.abort().reason is the same DOMException on every read");

test(() => {
  const controller = new AbortController();
  controller.abort();
  assert_true(controller.signal.reason instanceof DOMException);
  assert_equals(controller.signal.reason, controller.signal.reason, "the same object on every read");
}, "controller.signal.reason is the same DOMException on every read");

test(() => {
  const signal = AbortSignal.abort();
  assert_equals(signal.reason.constructor, DOMException, "the reason's constructor");
  assert_equals(Object.getPrototypeOf(signal.reason), DOMException.prototype, "the reason's prototype");
}, "the default reason is made with this realm's DOMException");

promise_test(async () => {
  const signal = AbortSignal.abort();
  let fired = false;
  signal.addEventListener("abort", () => {
    fired = true;
  });
  signal.onabort = () => {
    fired = true;
  };
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert_false(fired, "no abort event for a signal born aborted");
}, "a signal from AbortSignal.abort() never fires an abort event");

test(() => {
  const reason = new Error("boom");
  const message = reason.message;
  const signal = AbortSignal.abort(reason);
  assert_throws_exactly(reason, () => signal.throwIfAborted());
  assert_equals(reason.message, message, "throwIfAborted() leaves the reason untouched");
}, "throwIfAborted() throws the reason object");

test(() => {
  const signal = AbortSignal.abort("hello");
  assert_throws_exactly("hello", () => signal.throwIfAborted());
}, "throwIfAborted() throws a primitive reason as is");

test(() => {
  const signal = AbortSignal.abort();
  const thrown = assert_throws_dom("AbortError", () => signal.throwIfAborted());
  assert_equals(thrown, signal.reason, "the stored DOMException itself is thrown");
}, "throwIfAborted() throws the default AbortError reason");

test(() => {
  const controller = new AbortController();
  assert_false(controller.signal.aborted);
  assert_equals(controller.signal.throwIfAborted(), undefined, "returns undefined");
}, "throwIfAborted() does nothing on a signal that is not aborted");

test(() => {
  const get = Object.getOwnPropertyDescriptor(AbortController.prototype, "signal").get;
  const abort = AbortController.prototype.abort;
  const bad = [null, undefined, 0, NaN, true, "AbortController", {}, Object.create(AbortController.prototype)];
  for (const value of bad) {
    assert_throws_js(TypeError, () => get.call(value), "signal getter on " + String(value));
    assert_throws_js(TypeError, () => abort.call(value), "abort() on " + String(value));
  }
}, "AbortController members check their receiver");

test(() => {
  const aborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "aborted").get;
  const reason = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "reason").get;
  const throwIfAborted = AbortSignal.prototype.throwIfAborted;
  const bad = [null, undefined, 0, NaN, true, "AbortSignal", {}, Object.create(AbortSignal.prototype)];
  for (const value of bad) {
    assert_throws_js(TypeError, () => aborted.call(value), "aborted getter on " + String(value));
    assert_throws_js(TypeError, () => reason.call(value), "reason getter on " + String(value));
    assert_throws_js(TypeError, () => throwIfAborted.call(value), "throwIfAborted() on " + String(value));
  }
}, "AbortSignal members check their receiver");

test(() => {
  assert_throws_js(TypeError, () => new AbortSignal(), "new AbortSignal()");
  assert_throws_js(TypeError, () => AbortController(), "AbortController() without new");
}, "AbortSignal cannot be constructed and AbortController needs new");

test(() => {
  const controller = new AbortController();
  assert_true(controller.signal instanceof EventTarget, "signal is an EventTarget");
  assert_equals(Object.getPrototypeOf(AbortSignal.prototype), EventTarget.prototype, "AbortSignal.prototype inherits EventTarget.prototype");
  assert_class_string(controller, "AbortController");
  assert_class_string(controller.signal, "AbortSignal");
}, "AbortSignal is an EventTarget and both classes have their class strings");
