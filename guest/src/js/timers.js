// setTimeout/clearTimeout and setInterval/clearInterval. The queue lives
// here: the Rust loop asks `nextTimer()` how long until the next one is due,
// waits on the host at most that long (requests keep completing meanwhile)
// and calls `fireTimer()`, one callback at a time with microtasks run in
// between. Ties fire in the order they were set. Everything is bounded by
// the execution's timeout; pending timers never keep a settled execution alive.
(function (native, jsbox) {
  "use strict";

  // Captured: the loop calls into this queue, so a script that replaces
  // Math.max, Array methods or the array iterator must not break it.
  const now = Date.now;
  const max = Math.max;
  const apply = Reflect.apply;
  const NumberCtor = Number;
  const TypeErrorCtor = TypeError;
  const push = jsbox.uncurry(Array.prototype.push);
  const splice = jsbox.uncurry(Array.prototype.splice);
  const queue = []; // {id, due, seq, callback, args, interval}
  let lastId = 0;
  let seq = 0;

  function schedule(callback, delay, args, repeat) {
    if (typeof callback !== "function") {
      throw new TypeErrorCtor("the timer callback must be a function");
    }
    let ms = NumberCtor(delay);
    if (!(ms >= 0) || ms > 2147483647) ms = 0; // as browsers do
    return enqueue(callback, ms, args, repeat);
  }

  function enqueue(callback, ms, args, repeat) {
    const id = ++lastId;
    push(queue, { id, due: now() + ms, seq: seq++, callback, args, interval: repeat ? max(ms, 1) : -1 });
    return id;
  }

  function clear(id) {
    for (let i = 0; i < queue.length; i++) {
      if (queue[i].id === id) {
        splice(queue, i, 1);
        return;
      }
    }
  }

  function earliest() {
    let best = -1;
    for (let i = 0; i < queue.length; i++) {
      const t = queue[i];
      if (best < 0 || t.due < queue[best].due || (t.due === queue[best].due && t.seq < queue[best].seq)) best = i;
    }
    return best;
  }

  globalThis.setTimeout = (callback, delay, ...args) => schedule(callback, delay, args, false);
  // For the shims (AbortSignal.timeout): immune to a script replacing the global.
  // `ms` as given, never wrapped to 0: AbortSignal.timeout takes an unsigned long long.
  jsbox.setTimeout = (callback, ms) => enqueue(callback, ms, [], false);
  globalThis.setInterval = (callback, delay, ...args) => schedule(callback, delay, args, true);
  globalThis.clearTimeout = (id) => clear(id);
  globalThis.clearInterval = (id) => clear(id);

  // Milliseconds until the next timer is due; -1 when there is none.
  jsbox.nextTimer = function () {
    const i = earliest();
    return i < 0 ? -1 : max(0, queue[i].due - now());
  };

  // Runs the earliest timer that is due. A callback that throws fails the
  // execution, as an uncaught exception does.
  jsbox.fireTimer = function () {
    const i = earliest();
    if (i < 0 || queue[i].due > now()) return;
    const timer = queue[i];
    if (timer.interval > 0) {
      timer.due = now() + timer.interval;
      timer.seq = seq++;
    } else {
      splice(queue, i, 1);
    }
    try {
      apply(timer.callback, undefined, timer.args);
    } catch (error) {
      jsbox.fail(error);
    }
  };
});
