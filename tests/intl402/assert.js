// test262's assertion vocabulary (assert, assert.sameValue, assert.throws,
// assert.compareArray, verifyProperty, isConstructor), written for jsbox on
// top of tests/conformance/harness.js, so that the Intl tests in this folder
// (derived from test262's test/intl402/) read like their upstream sources.
// It runs after harness.js and before a test file, at the top level of the
// global scope; every failed assertion throws a Test262Error.
(function (global) {
  "use strict";

  class Test262Error extends Error {
    constructor(message) {
      super(message);
      this.name = "Test262Error";
    }
  }

  function show(value) {
    try {
      if (typeof value === "string") return JSON.stringify(value);
      if (typeof value === "bigint") return String(value) + "n";
      if (typeof value === "symbol") return value.toString();
      if (Object.is(value, -0)) return "-0";
      if (typeof value === "function") return "function " + (value.name || "(anonymous)");
      if (Array.isArray(value)) return "[" + value.map(show).join(", ") + "]";
      if (value !== null && typeof value === "object") {
        try {
          return JSON.stringify(value);
        } catch (_) {
          return Object.prototype.toString.call(value);
        }
      }
      return String(value);
    } catch (_) {
      return "(unprintable)";
    }
  }

  function prefix(message) {
    return message ? message + ": " : "";
  }

  function assert(condition, message) {
    if (condition !== true) throw new Test262Error(prefix(message) + "expected true, got " + show(condition));
  }

  assert.sameValue = function (actual, expected, message) {
    if (!Object.is(actual, expected)) {
      throw new Test262Error(prefix(message) + "expected " + show(expected) + ", got " + show(actual));
    }
  };

  assert.notSameValue = function (actual, unexpected, message) {
    if (Object.is(actual, unexpected)) {
      throw new Test262Error(prefix(message) + "expected anything but " + show(unexpected));
    }
  };

  assert.throws = function (ErrorCtor, fn, message) {
    if (typeof fn !== "function") throw new Test262Error(prefix(message) + "assert.throws needs a function");
    try {
      fn();
    } catch (e) {
      if (e === null || (typeof e !== "object" && typeof e !== "function")) {
        throw new Test262Error(prefix(message) + "expected a " + ErrorCtor.name + ", a primitive was thrown: " + show(e));
      }
      if (e.constructor !== ErrorCtor) {
        const got = e.constructor && e.constructor.name ? e.constructor.name : show(e);
        throw new Test262Error(prefix(message) + "expected a " + ErrorCtor.name + ", got a " + got + ": " + show(e.message));
      }
      return;
    }
    throw new Test262Error(prefix(message) + "expected a " + ErrorCtor.name + " to be thrown, but nothing was");
  };

  assert.compareArray = function (actual, expected, message) {
    if (actual === null || typeof actual !== "object" || typeof actual.length !== "number") {
      throw new Test262Error(prefix(message) + "expected an array, got " + show(actual));
    }
    const same = actual.length === expected.length && Array.prototype.every.call(expected, (v, i) => Object.is(actual[i], v));
    if (!same) {
      throw new Test262Error(prefix(message) + "expected " + show(Array.from(expected)) + ", got " + show(Array.from(actual)));
    }
  };

  // A simplified propertyHelper.js: checks the own property's descriptor
  // (value by SameValue, and each flag given) without mutating the object.
  function verifyProperty(obj, name, expected, message) {
    const where = prefix(message) + String(typeof name === "symbol" ? name.toString() : name);
    const desc = Object.getOwnPropertyDescriptor(obj, name);
    if (desc === undefined) throw new Test262Error(where + ": no such own property");
    if (expected === undefined) return desc;
    if (Object.prototype.hasOwnProperty.call(expected, "value")) {
      if (!Object.prototype.hasOwnProperty.call(desc, "value")) throw new Test262Error(where + ": expected a data property, got an accessor");
      if (!Object.is(desc.value, expected.value)) {
        throw new Test262Error(where + ": expected value " + show(expected.value) + ", got " + show(desc.value));
      }
    }
    for (const flag of ["writable", "enumerable", "configurable"]) {
      if (Object.prototype.hasOwnProperty.call(expected, flag) && desc[flag] !== expected[flag]) {
        throw new Test262Error(where + ": expected " + flag + " " + expected[flag] + ", got " + show(desc[flag]));
      }
    }
    return desc;
  }

  function isConstructor(fn) {
    if (typeof fn !== "function") return false;
    try {
      Reflect.construct(function () {}, [], fn);
    } catch (_) {
      return false;
    }
    return true;
  }

  global.Test262Error = Test262Error;
  global.assert = assert;
  global.verifyProperty = verifyProperty;
  global.isConstructor = isConstructor;
})(globalThis);
