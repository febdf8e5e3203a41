// structuredClone (HTML's structured serialize/deserialize, without
// transfer), performance.now()/timeOrigin (HR Time) and queueMicrotask.
(function (native, jsbox) {
  "use strict";

  const $ = jsbox.$;
  const dom = jsbox.domError;

  const ERRORS = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  const DateCtor = Date;
  const dateValue = jsbox.uncurry(Date.prototype.valueOf);
  const RegExpCtor = RegExp;
  const regexpSource = jsbox.uncurry($.getOwnPropertyDescriptor(RegExp.prototype, "source").get);
  const regexpFlags = jsbox.uncurry($.getOwnPropertyDescriptor(RegExp.prototype, "flags").get);
  const numberValue = jsbox.uncurry(Number.prototype.valueOf);
  const stringValue = jsbox.uncurry(String.prototype.valueOf);
  const booleanValue = jsbox.uncurry(Boolean.prototype.valueOf);
  const bigintValue = typeof BigInt === "function" ? jsbox.uncurry(BigInt.prototype.valueOf) : undefined;
  const symbolValue = jsbox.uncurry(Symbol.prototype.valueOf);
  const objectToString = jsbox.uncurry(Object.prototype.toString);
  const SetCtor = Set;
  const setAdd = jsbox.uncurry(Set.prototype.add);
  const setValues = jsbox.uncurry(Set.prototype.values);
  const mapEntries = jsbox.uncurry(Map.prototype.entries);
  const TYPED = {
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    Float32Array, Float64Array, BigInt64Array, BigUint64Array,
  };
  if (typeof Float16Array === "function") TYPED.Float16Array = Float16Array;

  function clone(value, memory) {
    const type = typeof value;
    if (value === null || type === "undefined" || type === "boolean" || type === "number" || type === "string" || type === "bigint") {
      return value;
    }
    if (type === "symbol") throw dom("DataCloneError", "structuredClone: a symbol cannot be cloned");
    if (type === "function") throw dom("DataCloneError", "structuredClone: a function cannot be cloned");
    const seen = $.mapGet(memory, value);
    if (seen !== undefined) return seen;
    if (native.isProxy(value)) throw dom("DataCloneError", "structuredClone: a Proxy cannot be cloned");
    const tag = objectToString(value);
    let out;
    switch (tag) {
      case "[object Boolean]":
        out = new $.ObjectCtor(booleanValue(value));
        break;
      case "[object Number]":
        out = new $.ObjectCtor(numberValue(value));
        break;
      case "[object String]":
        out = new $.ObjectCtor(stringValue(value));
        break;
      case "[object BigInt]":
        out = $.ObjectCtor(bigintValue(value));
        break;
      case "[object Symbol]":
        void symbolValue;
        throw dom("DataCloneError", "structuredClone: a Symbol object cannot be cloned");
      case "[object Date]":
        out = new DateCtor(dateValue(value));
        break;
      case "[object RegExp]":
        out = new RegExpCtor(regexpSource(value), regexpFlags(value));
        break;
      case "[object ArrayBuffer]":
        if ($.bufferDetached(value)) throw dom("DataCloneError", "structuredClone: the ArrayBuffer is detached");
        out = cloneBuffer(value);
        break;
      case "[object SharedArrayBuffer]":
        throw dom("DataCloneError", "structuredClone: a SharedArrayBuffer cannot be cloned here");
      case "[object DataView]": {
        let offset;
        let length;
        try {
          offset = $.dataViewByteOffset(value);
          length = $.dataViewByteLength(value);
        } catch (_) {
          throw dom("DataCloneError", "structuredClone: the DataView is out of bounds");
        }
        const buffer = clone($.dataViewBuffer(value), memory);
        out = tracksLength(value) ? new $.DataViewCtor(buffer, offset) : new $.DataViewCtor(buffer, offset, length);
        break;
      }
      default:
        if ($.isView(value)) {
          const name = $.typedArrayTag(value);
          const source = $.viewBuffer(value);
          const offset = $.viewByteOffset(value);
          if (isOutOfBounds(value, source)) throw dom("DataCloneError", "structuredClone: the " + name + " is out of bounds");
          const buffer = clone(source, memory);
          const Ctor = TYPED[name];
          out = tracksLength(value) ? new Ctor(buffer, offset) : new Ctor(buffer, offset, value.length);
          break;
        }
        out = cloneObject(value, tag, memory);
        return out;
    }
    $.mapSet(memory, value, out);
    return out;
  }

  const resizable = jsbox.uncurry($.getOwnPropertyDescriptor(ArrayBuffer.prototype, "resizable").get);
  const maxByteLength = jsbox.uncurry($.getOwnPropertyDescriptor(ArrayBuffer.prototype, "maxByteLength").get);

  // A copy of a buffer, resizable (with its maxByteLength) if it is.
  function cloneBuffer(buffer) {
    if (!resizable(buffer)) return $.bufferSlice(buffer, 0);
    const length = $.byteLengthOfBuffer(buffer);
    const out = new $.ArrayBufferCtor(length, { maxByteLength: maxByteLength(buffer) });
    $.u8Set(new $.Uint8ArrayCtor(out), new $.Uint8ArrayCtor(buffer, 0, length));
    return out;
  }

  // Whether a view follows its (resizable) buffer's length: a view made
  // without a length on a resizable buffer. Told apart by growing a probe
  // is not possible without side effects, so: a view whose byte length
  // reaches the buffer's end on a resizable buffer is taken to track it.
  function tracksLength(view) {
    const buffer = view instanceof $.DataViewCtor ? $.dataViewBuffer(view) : $.viewBuffer(view);
    if (!resizable(buffer)) return false;
    const offset = view instanceof $.DataViewCtor ? $.dataViewByteOffset(view) : $.viewByteOffset(view);
    const length = view instanceof $.DataViewCtor ? $.dataViewByteLength(view) : $.viewByteLength(view);
    return offset + length === $.byteLengthOfBuffer(buffer);
  }

  function isOutOfBounds(view, buffer) {
    const offset = $.viewByteOffset(view);
    const length = $.viewByteLength(view);
    return offset + length > $.byteLengthOfBuffer(buffer) || (length === 0 && offset === 0 && view.length !== 0);
  }

  function cloneObject(value, tag, memory) {
    if (tag === "[object Map]") {
      const out = new $.MapCtor();
      $.mapSet(memory, value, out);
      const entries = [];
      for (const entry of { [$.iterator]: () => mapEntries(value) }) $.push(entries, entry);
      for (let i = 0; i < entries.length; i++) $.mapSet(out, clone(entries[i][0], memory), clone(entries[i][1], memory));
      return out;
    }
    if (tag === "[object Set]") {
      const out = new SetCtor();
      $.mapSet(memory, value, out);
      const items = [];
      for (const item of { [$.iterator]: () => setValues(value) }) $.push(items, item);
      for (let i = 0; i < items.length; i++) setAdd(out, clone(items[i], memory));
      return out;
    }
    if (tag === "[object Error]" || $.isPrototypeOf($.ErrorCtor.prototype, value)) {
      let name = value.name;
      name = typeof name === "string" && ERRORS[name] !== undefined ? name : "Error";
      const out = $.create(ERRORS[name].prototype);
      $.mapSet(memory, value, out);
      const message = $.getOwnPropertyDescriptor(value, "message");
      if (message !== undefined && "value" in message) {
        $.defineProperty(out, "message", { value: $.StringCtor(message.value), writable: true, configurable: true });
      }
      const stack = value.stack;
      if (typeof stack === "string") $.defineProperty(out, "stack", { value: stack, writable: true, configurable: true });
      if ($.hasOwn(value, "cause")) {
        $.defineProperty(out, "cause", { value: clone(value.cause, memory), writable: true, configurable: true });
      }
      return out;
    }
    if ($.isArray(value)) {
      const out = new $.ArrayCtor(value.length);
      $.mapSet(memory, value, out);
      copyProperties(value, out, memory);
      return out;
    }
    if (tag !== "[object Object]" && tag !== "[object Arguments]") {
      // Platform objects, proxies of them, WeakMaps, Promises, ...
      throw dom("DataCloneError", "structuredClone: " + tag + " cannot be cloned");
    }
    if (jsbox.isDOMException(value)) {
      const out = new jsbox.DOMException(value.message, value.name);
      $.mapSet(memory, value, out);
      return out;
    }
    if (jsbox.isBlob(value) || jsbox.isURL(value) || jsbox.isFormData(value) || jsbox.isAbortSignal(value)) {
      throw dom("DataCloneError", "structuredClone: " + tag + " cannot be cloned");
    }
    const out = {};
    $.mapSet(memory, value, out);
    copyProperties(value, out, memory);
    return out;
  }

  // Own enumerable string-keyed properties, read with [[Get]] in order.
  function copyProperties(from, to, memory) {
    const keys = $.keys(from);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (!$.hasOwn(from, key)) continue;
      const value = from[key];
      $.defineProperty(to, key, { value: clone(value, memory), writable: true, enumerable: true, configurable: true });
    }
  }

  globalThis.structuredClone = function structuredClone(value, options = undefined) {
    if (arguments.length === 0) throw new $.TypeErrorCtor("structuredClone: 1 argument required, but only 0 present");
    if (options !== undefined && options !== null) {
      if (typeof options !== "object") throw new $.TypeErrorCtor("structuredClone: the options must be an object");
      const transfer = options.transfer;
      if (transfer !== undefined && transfer !== null) {
        let count = 0;
        for (const item of transfer) {
          void item;
          count++;
        }
        if (count > 0) throw dom("DataCloneError", "structuredClone: transferring is not supported here");
      }
    }
    return clone(value, new $.MapCtor());
  };

  // --- performance -------------------------------------------------------------

  const timeOrigin = { value: 0 };
  const PERFORMANCE_TOKEN = {};
  class Performance extends EventTarget {
    constructor(token = undefined) {
      if (token !== PERFORMANCE_TOKEN) throw new $.TypeErrorCtor("Illegal constructor");
      super();
    }

    now() {
      if (this !== performanceObject) throw new $.TypeErrorCtor("Illegal invocation");
      return native.now();
    }

    get timeOrigin() {
      // When this execution started (worked out on first use: the snapshot
      // never asks, so each execution gets its own).
      if (timeOrigin.value === 0) timeOrigin.value = $.dateNow() - native.now();
      return timeOrigin.value;
    }

    toJSON() {
      return { timeOrigin: this.timeOrigin };
    }
  }
  $.defineProperty(Performance.prototype, $.toStringTag, { value: "Performance", configurable: true });
  const performanceObject = new Performance(PERFORMANCE_TOKEN);
  globalThis.performance = performanceObject;
  jsbox.expose("Performance", Performance);
});
