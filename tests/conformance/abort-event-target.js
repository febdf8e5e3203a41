// jsbox's own conformance test, written from the web-platform-tests files
//   dom/events/EventTarget-constructible.any.js
//   dom/events/Event-constructors.any.js
// limited to what AbortSignal relies on (Event, CustomEvent, EventTarget with
// listeners, removal, once, handleEvent objects) and to how an AbortSignal
// behaves as an EventTarget. Re-expressed for jsbox's harness; the upstream
// subtests have no names, so these names are jsbox's own.

test(() => {
  const target = new EventTarget();
  const event = new Event("foo", { bubbles: true, cancelable: false });
  let calls = 0;
  let received = null;
  function listener(e) {
    received = e;
    calls++;
  }
  target.addEventListener("foo", listener);
  assert_true(target.dispatchEvent(event), "dispatchEvent() returns true when not canceled");
  assert_equals(calls, 1);
  assert_equals(received, event, "the listener got the dispatched event");
  target.dispatchEvent(event);
  assert_equals(calls, 2, "the same event can be dispatched again");
  target.removeEventListener("foo", listener);
  target.dispatchEvent(event);
  assert_equals(calls, 2, "a removed listener is not called");
}, "a constructed EventTarget dispatches to its listeners");

test(() => {
  class Emitter extends EventTarget {
    on(type, fn) {
      this.addEventListener(type, fn);
    }
    off(type, fn) {
      this.removeEventListener(type, fn);
    }
    emit(type, detail) {
      return this.dispatchEvent(new CustomEvent(type, { detail }));
    }
  }
  const target = new Emitter();
  const detail = { some: "payload" };
  const got = [];
  function listener(e) {
    got.push(e.detail);
  }
  target.on("foo", listener);
  target.emit("foo", detail);
  target.emit("foo", detail);
  target.off("foo", listener);
  target.emit("foo", detail);
  assert_equals(got.length, 2, "called twice, then removed");
  assert_equals(got[0], detail, "detail passed through");
  assert_true(target instanceof EventTarget, "still an EventTarget");
}, "EventTarget can be subclassed");

test(() => {
  const target = new EventTarget();
  let calls = 0;
  const listener = () => calls++;
  target.addEventListener("x", listener);
  target.addEventListener("x", listener);
  target.dispatchEvent(new Event("x"));
  assert_equals(calls, 1, "the same listener is only registered once");
}, "adding the same listener twice registers it once");

test(() => {
  const target = new EventTarget();
  let calls = 0;
  target.addEventListener("x", () => calls++, { once: true });
  target.dispatchEvent(new Event("x"));
  target.dispatchEvent(new Event("x"));
  assert_equals(calls, 1);
}, "a once listener runs one time");

test(() => {
  const target = new EventTarget();
  const seen = [];
  const handler = {
    handleEvent(e) {
      seen.push(this === handler, e.type);
    },
  };
  target.addEventListener("x", handler);
  target.dispatchEvent(new Event("x"));
  assert_array_equals(seen, [true, "x"]);
}, "an object with handleEvent can listen");

test(() => {
  const target = new EventTarget();
  const seen = [];
  target.addEventListener("x", (e) => {
    seen.push(e.target === target, e.currentTarget === target, e.eventPhase);
  });
  const event = new Event("x");
  target.dispatchEvent(event);
  assert_array_equals(seen, [true, true, Event.AT_TARGET], "during dispatch");
  assert_equals(event.currentTarget, null, "currentTarget is cleared after dispatch");
  assert_equals(event.eventPhase, Event.NONE, "eventPhase is NONE after dispatch");
  assert_equals(event.target, target, "target stays set after dispatch");
}, "target, currentTarget and eventPhase during and after dispatch");

test(() => {
  const target = new EventTarget();
  target.addEventListener("x", (e) => e.preventDefault());
  assert_false(target.dispatchEvent(new Event("x", { cancelable: true })), "a canceled cancelable event");
  assert_true(target.dispatchEvent(new Event("x")), "preventDefault() on a non-cancelable event does nothing");
}, "dispatchEvent() reports cancelation");

test(() => {
  const target = new EventTarget();
  const order = [];
  target.addEventListener("x", (e) => {
    order.push("a");
    e.stopImmediatePropagation();
  });
  target.addEventListener("x", () => order.push("b"));
  target.dispatchEvent(new Event("x"));
  assert_array_equals(order, ["a"]);
}, "stopImmediatePropagation() stops later listeners");

test(() => {
  const target = new EventTarget();
  const event = new Event("x");
  let inner = null;
  target.addEventListener("x", () => {
    try {
      target.dispatchEvent(event);
    } catch (e) {
      inner = e;
    }
  });
  target.dispatchEvent(event);
  assert_true(inner instanceof DOMException, "re-dispatching a dispatching event throws a DOMException");
  assert_equals(inner.name, "InvalidStateError");
}, "dispatching an event that is being dispatched throws InvalidStateError");

test(() => {
  assert_throws_js(TypeError, () => Event(""), "Event('') without new");
  assert_throws_js(TypeError, () => Event("test"), "Event('test') without new");
  assert_throws_js(TypeError, () => new Event(), "no type");
  assert_throws_js(TypeError, () => EventTarget(), "EventTarget() without new");
}, "Event needs new and a type; EventTarget needs new");

test(() => {
  const failure = { name: "test" };
  assert_throws_exactly(failure, () => {
    new Event({
      toString() {
        throw failure;
      },
    });
  });
}, "the Event type is converted with ToString and its exceptions propagate");

test(() => {
  for (const type of ["", "test"]) {
    const event = new Event(type);
    assert_equals(event.type, type, "type");
    assert_equals(event.target, null, "target");
    assert_equals(event.srcElement, null, "srcElement");
    assert_equals(event.currentTarget, null, "currentTarget");
    assert_equals(event.eventPhase, Event.NONE, "eventPhase");
    assert_false(event.bubbles, "bubbles");
    assert_false(event.cancelable, "cancelable");
    assert_false(event.defaultPrevented, "defaultPrevented");
    assert_true(event.returnValue, "returnValue");
    assert_false(event.isTrusted, "isTrusted");
    assert_equals(typeof event.timeStamp, "number", "timeStamp is a number");
    assert_greater_than(event.timeStamp, 0, "timeStamp is positive");
    assert_true("initEvent" in event, "initEvent exists");
  }
}, "a new Event has the default attribute values");

test(() => {
  const a = new Event("I am an event", { bubbles: true, cancelable: false });
  assert_equals(a.type, "I am an event");
  assert_true(a.bubbles);
  assert_false(a.cancelable);
  const b = new Event("@", { bubblesIGNORED: true, cancelable: true });
  assert_false(b.bubbles, "unknown member ignored");
  assert_true(b.cancelable);
  const c = new Event("@", { "bubbles\0IGNORED": true, cancelable: true });
  assert_false(c.bubbles, "member with NUL ignored");
  assert_true(c.cancelable);
  const d = new Event("Xx", {});
  assert_false(d.bubbles);
  assert_false(d.cancelable);
  const e = new Event("Xx", { bubbles: true, cancelable: false, sweet: "x" });
  assert_equals(e.sweet, undefined, "unknown members are not copied onto the event");
}, "Event init dictionaries set bubbles and cancelable only");

test(() => {
  const read = [];
  const event = new Event("Xx", {
    get cancelable() {
      read.push("cancelable");
      return false;
    },
    get bubbles() {
      read.push("bubbles");
      return true;
    },
    get sweet() {
      read.push("sweet");
      return "x";
    },
  });
  assert_array_equals(read, ["bubbles", "cancelable"], "known members read in lexicographic order, unknown ones not at all");
  assert_true(event.bubbles);
  assert_false(event.cancelable);
  assert_equals(event.sweet, undefined);
}, "Event init members are read in dictionary order");

test(() => {
  const event = new CustomEvent("$", { detail: 54, sweet: "x", sweet2: "x", cancelable: true });
  assert_equals(event.type, "$");
  assert_false(event.bubbles);
  assert_true(event.cancelable);
  assert_equals(event.sweet, undefined);
  assert_equals(event.detail, 54);
  assert_true(event instanceof Event, "CustomEvent is an Event");
  assert_equals(new CustomEvent("x").detail, null, "detail defaults to null");
}, "CustomEvent carries detail");

test(() => {
  const controller = new AbortController();
  let calls = 0;
  const listener = () => calls++;
  controller.signal.addEventListener("abort", listener);
  controller.signal.removeEventListener("abort", listener);
  controller.abort();
  assert_equals(calls, 0);
}, "removeEventListener() works on an AbortSignal");

test(() => {
  const controller = new AbortController();
  const order = [];
  controller.signal.addEventListener("abort", () => order.push("listener 1"));
  controller.signal.onabort = () => order.push("onabort");
  controller.signal.addEventListener("abort", () => order.push("listener 2"));
  controller.abort();
  assert_array_equals(order, ["listener 1", "onabort", "listener 2"]);
}, "onabort runs in registration order among abort listeners");

test(() => {
  const controller = new AbortController();
  let calls = 0;
  const handler = () => calls++;
  controller.signal.onabort = handler;
  assert_equals(controller.signal.onabort, handler, "the getter returns the handler");
  controller.signal.onabort = null;
  assert_equals(controller.signal.onabort, null, "cleared");
  controller.abort();
  assert_equals(calls, 0, "a cleared handler is not called");
}, "onabort can be read back and cleared");

test(() => {
  const controller = new AbortController();
  let calls = 0;
  controller.signal.addEventListener("abort", () => calls++);
  assert_true(controller.signal.dispatchEvent(new Event("abort")), "a synthetic event can be dispatched");
  assert_equals(calls, 1, "listeners see the synthetic event");
  assert_false(controller.signal.aborted, "a synthetic event does not abort the signal");
  assert_equals(controller.signal.reason, undefined, "and sets no reason");
}, "dispatching a synthetic abort event does not abort the signal");

test(() => {
  const controller = new AbortController();
  let calls = 0;
  controller.signal.addEventListener("abort", () => calls++, { once: true });
  controller.signal.dispatchEvent(new Event("abort"));
  controller.abort();
  assert_equals(calls, 1, "the once listener was used up by the synthetic event");
}, "once listeners on an AbortSignal run one time");

test(() => {
  const controller = new AbortController();
  const target = new EventTarget();
  let calls = 0;
  target.addEventListener("x", () => calls++, { signal: controller.signal });
  target.dispatchEvent(new Event("x"));
  controller.abort();
  target.dispatchEvent(new Event("x"));
  assert_equals(calls, 1, "aborting the signal removed the listener");
  const late = new EventTarget();
  late.addEventListener("x", () => calls++, { signal: controller.signal });
  late.dispatchEvent(new Event("x"));
  assert_equals(calls, 1, "an already-aborted signal prevents registration");
}, "addEventListener's signal option removes the listener on abort");
