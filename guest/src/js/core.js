// The machinery the Rust side of the guest drives: the table of pending host
// operations, calling `execute`, and turning its outcome into JSON or a
// described error. Everything here is captured at init, so a script that
// replaces `JSON`, `Promise` or `Map` methods changes nothing for the host.
(function (native, jsbox) {
  "use strict";

  const call = Function.prototype.call;
  const uncurry = (fn) => call.bind(fn);
  const PromiseCtor = Promise;
  const promiseThen = uncurry(Promise.prototype.then);
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const MapCtor = Map;
  const mapGet = uncurry(Map.prototype.get);
  const mapSet = uncurry(Map.prototype.set);
  const mapDelete = uncurry(Map.prototype.delete);
  const WeakSetCtor = WeakSet;
  const weakAdd = uncurry(WeakSet.prototype.add);
  const weakHas = uncurry(WeakSet.prototype.has);
  const WeakMapCtor = WeakMap;
  const weakMapGet = uncurry(WeakMap.prototype.get);
  const weakMapSet = uncurry(WeakMap.prototype.set);
  const ErrorCtor = Error;
  const StringCtor = String;
  const isPrototypeOf = uncurry(Object.prototype.isPrototypeOf);
  // Strings crossing to the host must be valid UTF-8: lone surrogates
  // become U+FFFD.
  const wellFormed = uncurry(String.prototype.toWellFormed);

  // op id -> function receiving the host's completion object.
  const pending = new MapCtor();
  // Errors created by the network layer for policy denials: an uncaught one
  // makes the execution fail with kind `network-denied`. A WeakSet, so a
  // script cannot forge the kind by throwing a look-alike object.
  const denials = new WeakSetCtor();
  // Errors of the embedder's helpers -> {name, message, code} as the host
  // reported them: an uncaught one fails the execution with kind `helper`.
  const helperErrors = new WeakMapCtor();
  let outcome = null;

  // The seed's jail exposes the global object as `global` too.
  globalThis.global = globalThis;

  jsbox.uncurry = uncurry;
  jsbox.freeze = Object.freeze;
  jsbox.wellFormed = wellFormed;
  jsbox.PromiseCtor = PromiseCtor;
  jsbox.parse = parse;
  jsbox.stringify = stringify;

  jsbox.startOp = function (id, onComplete) {
    mapSet(pending, id, onComplete);
  };

  jsbox.markDenied = function (error) {
    weakAdd(denials, error);
    return error;
  };

  jsbox.markHelperError = function (error, name, message, code) {
    weakMapSet(helperErrors, error, { name, message, code });
    return error;
  };

  // Called by Rust for every completion `wait` returned.
  jsbox.settle = function (id, result) {
    const onComplete = mapGet(pending, id);
    mapDelete(pending, id);
    if (onComplete !== undefined) onComplete(result);
  };

  // An uncaught error outside `execute`'s own promise (a timer callback)
  // fails the execution unless it has already settled.
  jsbox.fail = function (error) {
    if (outcome === null) outcome = { ok: false, error };
  };

  // Calls `execute(args)`; the outcome is recorded when its promise settles.
  jsbox.start = function (execute, args) {
    let returned;
    try {
      returned = execute(args);
    } catch (error) {
      outcome = { ok: false, error };
      return;
    }
    const onValue = (value) => {
      outcome = { ok: true, value };
    };
    const onError = (error) => {
      outcome = { ok: false, error };
    };
    // A native promise (what async functions return) is followed with the
    // captured `then`, so a script replacing Promise.prototype.then cannot
    // intercept its own outcome. A primitive is the outcome itself; any other
    // object may be a thenable, so it is resolved as `await` would.
    if (returned === null || (typeof returned !== "object" && typeof returned !== "function")) {
      onValue(returned);
      return;
    }
    if (isPrototypeOf(PromiseCtor.prototype, returned)) {
      try {
        promiseThen(returned, onValue, onError);
        return;
      } catch (_) {
        // Not a real promise after all: fall through.
      }
    }
    promiseThen(new PromiseCtor((resolve) => resolve(returned)), onValue, onError);
  };

  function errorMessage(error) {
    try {
      if (error !== null && typeof error === "object" && isPrototypeOf(ErrorCtor.prototype, error)) {
        const name = StringCtor(error.name);
        const message = StringCtor(error.message);
        return message === "" ? name : name + ": " + message;
      }
      if (typeof error === "string") return "Uncaught " + error;
      let json;
      try {
        json = typeof error === "object" && error !== null ? stringify(error) : undefined;
      } catch (_) {
        json = undefined; // cyclic, or a throwing toJSON/getter: fall back to String()
      }
      return "Uncaught " + (json !== undefined ? json : StringCtor(error));
    } catch (_) {
      return "Uncaught exception (describing it threw too)";
    }
  }

  function describe(error) {
    if (error !== null && typeof error === "object" && weakHas(denials, error)) {
      return { ok: false, kind: "network-denied", message: wellFormed(StringCtor(error.reason)), stack: null };
    }
    const helper = error !== null && typeof error === "object" ? weakMapGet(helperErrors, error) : undefined;
    if (helper !== undefined) {
      let stack = null;
      try {
        if (typeof error.stack === "string") stack = wellFormed(error.stack);
      } catch (_) {
        stack = null;
      }
      return { ok: false, kind: "helper", message: wellFormed(helper.name + ": " + helper.message), code: helper.code, stack };
    }
    let stack = null;
    try {
      if (error !== null && typeof error === "object" && typeof error.stack === "string") {
        stack = wellFormed(error.stack);
      }
    } catch (_) {
      stack = null;
    }
    return { ok: false, kind: "exception", message: wellFormed(errorMessage(error)), stack };
  }
  jsbox.describe = describe;

  function unserializable(what) {
    return {
      ok: false,
      kind: "exception",
      message: "the result of execute is not JSON-serializable: " + what,
      stack: null,
    };
  }

  // null while `execute` has not settled; otherwise {ok, json} or an error
  // description {ok: false, kind, message, stack}.
  jsbox.finish = function () {
    if (outcome === null) return null;
    if (!outcome.ok) return describe(outcome.error);
    const value = outcome.value;
    if (value === undefined) return { ok: true, json: "null" };
    const type = typeof value;
    if (type === "function" || type === "symbol" || type === "bigint") {
      return unserializable("a " + type);
    }
    let json;
    try {
      json = stringify(value);
    } catch (error) {
      return unserializable(wellFormed(errorMessage(error)));
    }
    if (json === undefined) return unserializable("it serializes to nothing");
    return { ok: true, json };
  };
});
