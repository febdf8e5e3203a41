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

  // The seed's jail exposes the global object as `global` too; workers, Deno
  // and browser-targeted bundles look for `self` (e.g. `self.crypto`).
  globalThis.global = globalThis;
  globalThis.self = globalThis;

  jsbox.uncurry = uncurry;
  jsbox.freeze = Object.freeze;

  const global = globalThis;
  const ownKeys = Reflect.ownKeys;
  const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const hasOwn = Object.hasOwn;
  const rawDefineProperty = Object.defineProperty;
  const FIELDS = ["value", "writable", "get", "set", "enumerable", "configurable"];
  // Object.defineProperty reading only the descriptor's own fields: a
  // script that defines Object.prototype.get (or .value) cannot turn the
  // shims' descriptors into invalid or different ones.
  const defineProperty = (target, key, descriptor) => {
    const own = { __proto__: null };
    for (let i = 0; i < FIELDS.length; i++) {
      const field = FIELDS[i];
      if (hasOwn(descriptor, field)) own[field] = descriptor[field];
    }
    return rawDefineProperty(target, key, own);
  };

  // Defines global `name` as a data property, as WebIDL does for the
  // interfaces (not enumerable) and operations (enumerable) on the global.
  jsbox.defineGlobal = function (name, value, enumerable) {
    defineProperty(global, name, { value, writable: true, enumerable, configurable: true });
  };

  // Installs a web interface as WebIDL does: the interface object is a
  // non-enumerable global, its operations and attributes are enumerable.
  jsbox.expose = function (name, Class) {
    const targets = [Class.prototype, Class];
    for (let t = 0; t < targets.length; t++) {
      const target = targets[t];
      const keys = ownKeys(target);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (typeof key === "symbol" || key === "constructor" || key === "prototype" || key === "length" || key === "name") continue;
        const descriptor = getOwnPropertyDescriptor(target, key);
        if (descriptor.enumerable) continue;
        if (typeof descriptor.value === "function" || descriptor.get !== undefined || descriptor.set !== undefined) {
          descriptor.enumerable = true;
          defineProperty(target, key, descriptor);
        }
      }
    }
    jsbox.defineGlobal(name, Class, false);
    // The shims use each other's classes through `jsbox`, never through the
    // global a script may replace.
    jsbox[name] = Class;
  };

  // The built-ins the web-platform shims use, captured before any script
  // runs: a script that replaces Array.prototype.push, String.prototype.*,
  // JSON or Reflect breaks only its own code, never URL, fetch or the rest.
  const ArrayProto = Array.prototype;
  const StringProto = String.prototype;
  jsbox.$ = Object.freeze({
    push: uncurry(ArrayProto.push),
    pop: uncurry(ArrayProto.pop),
    splice: uncurry(ArrayProto.splice),
    arraySlice: uncurry(ArrayProto.slice),
    join: uncurry(ArrayProto.join),
    arrayIndexOf: uncurry(ArrayProto.indexOf),
    sort: uncurry(ArrayProto.sort),
    isArray: Array.isArray,
    ArrayCtor: Array,
    lower: uncurry(StringProto.toLowerCase),
    upper: uncurry(StringProto.toUpperCase),
    strSlice: uncurry(StringProto.slice),
    strIndexOf: uncurry(StringProto.indexOf),
    charCodeAt: uncurry(StringProto.charCodeAt),
    codePointAt: uncurry(StringProto.codePointAt),
    split: uncurry(StringProto.split),
    replaceAll: uncurry(StringProto.replaceAll),
    trim: uncurry(StringProto.trim),
    wellFormed,
    fromCharCode: String.fromCharCode,
    StringCtor,
    NumberCtor: Number,
    BooleanCtor: Boolean,
    ObjectCtor: Object,
    defineProperty,
    defineProperties: Object.defineProperties,
    getPrototypeOf: Object.getPrototypeOf,
    setPrototypeOf: Object.setPrototypeOf,
    create: Object.create,
    keys: Object.keys,
    getOwnPropertyNames: Object.getOwnPropertyNames,
    getOwnPropertyDescriptor: Object.getOwnPropertyDescriptor,
    ownKeys: Reflect.ownKeys,
    hasOwn: Object.hasOwn,
    is: Object.is,
    apply: Reflect.apply,
    construct: Reflect.construct,
    isPrototypeOf,
    iterator: Symbol.iterator,
    IteratorPrototype: Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
    asyncIterator: Symbol.asyncIterator,
    toStringTag: Symbol.toStringTag,
    MapCtor,
    mapGet,
    mapSet,
    mapDelete,
    mapHas: uncurry(Map.prototype.has),
    WeakMapCtor,
    weakMapGet,
    weakMapSet,
    weakMapHas: uncurry(WeakMap.prototype.has),
    WeakSetCtor,
    weakAdd,
    weakHas,
    PromiseCtor,
    promiseThen,
    promiseResolve: Promise.resolve.bind(Promise),
    promiseReject: Promise.reject.bind(Promise),
    parse,
    stringify,
    ErrorCtor,
    TypeErrorCtor: TypeError,
    RangeErrorCtor: RangeError,
    SyntaxErrorCtor: SyntaxError,
    ArrayBufferCtor: ArrayBuffer,
    SharedArrayBufferCtor: typeof SharedArrayBuffer === "function" ? SharedArrayBuffer : undefined,
    Uint8ArrayCtor: Uint8Array,
    DataViewCtor: DataView,
    isView: ArrayBuffer.isView,
    bufferSlice: uncurry(ArrayBuffer.prototype.slice),
    u8Set: uncurry(Uint8Array.prototype.set),
    u8Slice: uncurry(Uint8Array.prototype.slice),
    u8Subarray: uncurry(Uint8Array.prototype.subarray),
    // The [[ArrayBufferByteLength]] and the like, read through the getters
    // (a script may shadow them on its own objects, not on the intrinsics).
    byteLengthOfBuffer: uncurry(Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get),
    bufferDetached: uncurry(Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "detached").get),
    viewBuffer: uncurry(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "buffer").get),
    viewByteOffset: uncurry(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "byteOffset").get),
    viewByteLength: uncurry(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "byteLength").get),
    dataViewBuffer: uncurry(Object.getOwnPropertyDescriptor(DataView.prototype, "buffer").get),
    dataViewByteOffset: uncurry(Object.getOwnPropertyDescriptor(DataView.prototype, "byteOffset").get),
    dataViewByteLength: uncurry(Object.getOwnPropertyDescriptor(DataView.prototype, "byteLength").get),
    typedArrayTag: uncurry(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get),
    MathFloor: Math.floor,
    MathMin: Math.min,
    MathMax: Math.max,
    MathTrunc: Math.trunc,
    isNaN: Number.isNaN,
    isFinite: Number.isFinite,
    dateNow: Date.now,
    regexpExec: uncurry(RegExp.prototype.exec),
    regexpTest: uncurry(RegExp.prototype.test),
    queueMicrotask: globalThis.queueMicrotask,
  });
  jsbox.wellFormed = wellFormed;
  jsbox.PromiseCtor = PromiseCtor;
  jsbox.parse = parse;
  jsbox.stringify = stringify;

  jsbox.startOp = function (id, onComplete) {
    mapSet(pending, id, onComplete);
  };

  // Stops operation `id` on the host; its completion never comes.
  jsbox.cancelOp = function (id) {
    mapDelete(pending, id);
    native.cancel(id);
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

  // An ES module's entry: its `execute` export, or else its default export,
  // called once the module has evaluated (top-level `await` included). A
  // module that exports neither ends as `missing-execute`: the marker below
  // never reaches the script.
  const missingExport = {};
  let missingMessage = "";
  jsbox.startModule = function (evaluated, namespace, args, message) {
    jsbox.start(function () {
      return promiseThen(evaluated, function () {
        const named = namespace.execute;
        if (typeof named === "function") return named(args);
        const fallback = namespace.default;
        if (typeof fallback === "function") return fallback(args);
        missingMessage = message;
        const what = (v) => (v === null ? "null" : typeof v === "object" ? "an object" : "a " + typeof v);
        if (named !== undefined) {
          missingMessage += "; its `execute` export is " + what(named);
        } else if (fallback !== undefined) {
          missingMessage += "; its default export is " + what(fallback);
        }
        throw missingExport;
      });
    }, args);
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
    if (error === missingExport) {
      return { ok: false, kind: "missing-execute", message: missingMessage, stack: null };
    }
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
