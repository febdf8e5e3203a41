// jsbox's own conformance test, written from the web-platform-tests file
//   html/webappapis/microtask-queuing/queue-microtask.any.js
// Re-expressed for jsbox's harness (promise_test instead of async_test).
// Left out: queue-microtask-exceptions.any.js, which needs the global
// "error" event (self.addEventListener("error")) to observe the report.

test(() => {
  assert_equals(typeof queueMicrotask, "function");
  assert_equals(queueMicrotask.length, 1, "length");
  assert_equals(queueMicrotask.name, "queueMicrotask", "name");
}, "queueMicrotask exists and is a function");

test(() => {
  assert_throws_js(TypeError, () => queueMicrotask(), "no argument");
  assert_throws_js(TypeError, () => queueMicrotask(undefined), "undefined");
  assert_throws_js(TypeError, () => queueMicrotask(null), "null");
  assert_throws_js(TypeError, () => queueMicrotask(0), "0");
  assert_throws_js(TypeError, () => queueMicrotask({ handleEvent() {} }), "an object with handleEvent");
  assert_throws_js(TypeError, () => queueMicrotask("globalThis.x = 5;"), "a string of code");
}, "queueMicrotask throws a TypeError for anything but a function");

test(() => {
  assert_equals(queueMicrotask(() => {}), undefined);
}, "queueMicrotask returns undefined");

promise_test(async () => {
  let called = false;
  const done = new Promise((resolve) =>
    queueMicrotask(() => {
      called = true;
      resolve();
    })
  );
  assert_false(called, "not called synchronously");
  await done;
  assert_true(called, "called later");
}, "queueMicrotask calls the callback asynchronously");

promise_test(async () => {
  const received = await new Promise((resolve) => {
    queueMicrotask(
      function () {
        // A plain function (not an arrow) so `arguments` is its own.
        resolve({ count: arguments.length, self: this });
      },
      "x",
      "y"
    );
  });
  assert_equals(received.count, 0, "no arguments are passed on");
  assert_in_array(received.self, [undefined, globalThis], "this is undefined or the global object");
}, "queueMicrotask passes no arguments to the callback");

promise_test(async () => {
  const order = [];
  Promise.resolve().then(() => order.push("a"));
  queueMicrotask(() => order.push("b"));
  Promise.reject().catch(() => order.push("c"));
  await new Promise((resolve) => queueMicrotask(resolve));
  assert_array_equals(order, ["a", "b", "c"]);
}, "queueMicrotask interleaves with promise reactions in queue order");

promise_test(async () => {
  const order = [];
  await new Promise((resolve) => {
    setTimeout(() => {
      order.push("timeout");
      resolve();
    }, 0);
    queueMicrotask(() => order.push("microtask"));
    order.push("sync");
  });
  assert_array_equals(order, ["sync", "microtask", "timeout"]);
}, "queued microtasks run before a zero-delay timer");

promise_test(async () => {
  const order = [];
  await new Promise((resolve) => {
    queueMicrotask(() => {
      order.push("outer");
      queueMicrotask(() => {
        order.push("nested");
        resolve();
      });
    });
    setTimeout(() => order.push("timeout"), 0);
  });
  assert_array_equals(order, ["outer", "nested"], "a microtask queued by a microtask runs in the same checkpoint");
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert_array_equals(order, ["outer", "nested", "timeout"]);
}, "microtasks queued from a microtask run before the next task");
