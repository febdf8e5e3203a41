// jsbox's own conformance test, written from the web-platform-tests files
//   dom/abort/abort-signal-any.any.js
//   dom/abort/resources/abort-signal-any-tests.js
// The shared helper is re-expressed for AbortSignal with AbortController only
// (the upstream helper is also run for TaskSignal/TaskController, which
// jsbox does not have). Nothing is copied verbatim.

function makeControllers(count) {
  const list = [];
  for (let i = 0; i < count; i++) list.push(new AbortController());
  return list;
}

test(() => {
  const signal = AbortSignal.any([]);
  assert_true(signal instanceof AbortSignal, "an AbortSignal");
  assert_false(signal.aborted, "not aborted");
  assert_equals(signal.reason, undefined, "no reason");
}, "AbortSignal.any([]) returns a signal that is not aborted");

test(() => {
  const controller = new AbortController();
  const source = controller.signal;
  const dependent = AbortSignal.any([source]);
  assert_not_equals(dependent, source, "any() makes a new signal");
  assert_false(dependent.aborted, "not aborted yet");
  assert_true("reason" in dependent, "has a reason attribute");
  assert_equals(dependent.reason, undefined, "reason starts undefined");

  let target = null;
  dependent.onabort = (e) => {
    target = e.target;
  };
  controller.abort("the reason");
  assert_true(source.aborted, "source aborted");
  assert_true(dependent.aborted, "dependent aborted");
  assert_equals(target, dependent, "the event fired at the dependent signal");
  assert_equals(dependent.reason, "the reason", "the reason is passed along");
}, "AbortSignal.any() follows one signal");

test(() => {
  for (let which = 0; which < 3; which++) {
    const controllers = makeControllers(3);
    const combined = AbortSignal.any(controllers.map((c) => c.signal));
    let target = null;
    combined.onabort = (e) => {
      target = e.target;
    };
    controllers[which].abort();
    assert_equals(target, combined, "event fired for source " + which);
    assert_true(combined.aborted, "aborted by source " + which);
    assert_true(combined.reason instanceof DOMException, "reason is a DOMException (source " + which + ")");
    assert_equals(combined.reason.name, "AbortError", "reason is an AbortError (source " + which + ")");
  }
}, "AbortSignal.any() follows any of several signals");

test(() => {
  const controllers = makeControllers(3);
  controllers[1].abort("reason 1");
  controllers[2].abort("reason 2");
  const signal = AbortSignal.any(controllers.map((c) => c.signal));
  assert_true(signal.aborted, "born aborted");
  assert_equals(signal.reason, "reason 1", "the first aborted source in list order gives the reason");
}, "AbortSignal.any() of an aborted signal is aborted at once");

test(() => {
  const controller = new AbortController();
  const signal = AbortSignal.any([controller.signal, controller.signal]);
  assert_false(signal.aborted);
  let count = 0;
  signal.addEventListener("abort", () => count++);
  controller.abort("once");
  assert_true(signal.aborted);
  assert_equals(signal.reason, "once");
  assert_equals(count, 1, "one event even though the source is listed twice");
}, "AbortSignal.any() accepts the same signal twice");

test(() => {
  const first = new AbortController();
  first.abort("reason 1");
  const second = new AbortController();
  second.abort("reason 2");
  const signal = AbortSignal.any([first.signal, second.signal, first.signal]);
  assert_true(signal.aborted);
  assert_equals(signal.reason, "reason 1");
}, "AbortSignal.any() takes the reason of the first listed aborted signal, duplicates included");

test(() => {
  for (let which = 0; which < 3; which++) {
    const controllers = makeControllers(3);
    const inner = AbortSignal.any([controllers[0].signal, controllers[1].signal]);
    const outer = AbortSignal.any([inner, controllers[2].signal]);
    let fired = false;
    outer.onabort = () => {
      fired = true;
    };
    controllers[which].abort();
    assert_true(fired, "event fired (source " + which + ")");
    assert_true(outer.aborted, "aborted (source " + which + ")");
    assert_true(outer.reason instanceof DOMException, "DOMException reason (source " + which + ")");
    assert_equals(outer.reason.name, "AbortError", "AbortError reason (source " + which + ")");
  }
}, "AbortSignal.any() signals compose");

test(() => {
  const controller = new AbortController();
  let chained = AbortSignal.any([controller.signal]);
  for (let i = 0; i < 3; i++) chained = AbortSignal.any([chained]);
  let fired = false;
  chained.onabort = () => {
    fired = true;
  };
  assert_false(fired);
  assert_false(chained.aborted);
  controller.abort("deep reason");
  assert_true(fired, "event reached the end of the chain");
  assert_true(chained.aborted);
  assert_equals(chained.reason, "deep reason");
}, "AbortSignal.any() works through intermediate signals");

test(() => {
  const controller = new AbortController();
  const signals = [controller.signal];
  signals.push(AbortSignal.any([controller.signal]));
  signals.push(AbortSignal.any([controller.signal]));
  // Dependents of dependents are linked straight to the original source,
  // so they fire in creation order after it.
  signals.push(AbortSignal.any([signals[0]]));
  signals.push(AbortSignal.any([signals[1]]));
  let order = "";
  signals.forEach((signal, i) => {
    signal.addEventListener("abort", () => {
      order += i;
    });
  });
  controller.abort();
  assert_equals(order, "01234");
}, "abort events for AbortSignal.any() dependents fire in order");

test(() => {
  const controller = new AbortController();
  const level1 = AbortSignal.any([controller.signal]);
  const level2 = AbortSignal.any([level1]);
  const states = [];
  let failure = null;
  // Listeners must not throw (some runtimes turn that into an uncaught
  // exception), so a failure inside is kept and rethrown afterwards.
  controller.signal.addEventListener("abort", () => {
    try {
      const level3 = AbortSignal.any([level2]);
      states.push(controller.signal.aborted, level1.aborted, level2.aborted, level3.aborted);
    } catch (e) {
      failure = e;
    }
  });
  controller.abort();
  if (failure) throw failure;
  assert_array_equals(states, [true, true, true, true], "every dependent is already aborted in the first listener");
}, "AbortSignal.any() dependents are marked aborted before any abort event fires");

test(() => {
  const first = new AbortController();
  const second = new AbortController();
  const signal = AbortSignal.any([first.signal, second.signal]);
  let count = 0;
  first.signal.addEventListener("abort", () => {
    second.abort("reason 2");
  });
  signal.addEventListener("abort", () => {
    count++;
  });
  first.abort("reason 1");
  assert_equals(count, 1, "the dependent fired once");
  assert_true(signal.aborted);
  assert_equals(signal.reason, "reason 1", "the first abort's reason stays");
}, "AbortSignal.any() dependents handle a re-entrant abort");

test(() => {
  const source = AbortSignal.abort();
  const dependent = AbortSignal.any([source]);
  assert_true(source.reason instanceof DOMException);
  assert_equals(dependent.reason, source.reason, "the very same DOMException");
}, "AbortSignal.any() shares the DOMException of an already-aborted source");

test(() => {
  const controller = new AbortController();
  const dependent = AbortSignal.any([controller.signal]);
  controller.abort();
  assert_true(controller.signal.reason instanceof DOMException);
  assert_equals(dependent.reason, controller.signal.reason, "the very same DOMException");
}, "AbortSignal.any() shares the DOMException of a source aborted later");

promise_test(async () => {
  const controller = new AbortController();
  const combined = AbortSignal.any([controller.signal, AbortSignal.timeout(5)]);
  const event = await new Promise((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error("the combined signal did not abort within 200 ms")), 200);
    combined.onabort = (e) => {
      clearTimeout(guard);
      resolve(e);
    };
  });
  assert_equals(event.target, combined, "event target");
  assert_true(combined.aborted, "aborted");
  assert_true(combined.reason instanceof DOMException, "reason is a DOMException");
  assert_equals(combined.reason.name, "TimeoutError", "reason is a TimeoutError");
  assert_false(controller.signal.aborted, "the other source is untouched");
}, "AbortSignal.any() follows a signal from AbortSignal.timeout()");

test(() => {
  assert_throws_js(TypeError, () => AbortSignal.any(), "no argument");
  assert_throws_js(TypeError, () => AbortSignal.any(null), "null");
  assert_throws_js(TypeError, () => AbortSignal.any([{}]), "a plain object in the list");
  assert_throws_js(TypeError, () => AbortSignal.any([new AbortController().signal, "signal"]), "a string in the list");
}, "AbortSignal.any() rejects arguments that are not sequences of AbortSignals");

test(() => {
  const controllers = makeControllers(2);
  function* signals() {
    yield controllers[0].signal;
    yield controllers[1].signal;
  }
  const combined = AbortSignal.any(signals());
  assert_false(combined.aborted);
  controllers[1].abort("from the iterable");
  assert_equals(combined.reason, "from the iterable");
}, "AbortSignal.any() accepts any iterable of signals");
