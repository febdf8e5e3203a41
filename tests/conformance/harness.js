// jsbox's conformance harness: the web-platform-tests' assertion vocabulary
// (test, promise_test, assert_*), written for jsbox, so the same test files
// run inside jsbox (tests/conformance.rs) and in Node (run-node.js) and
// their results can be compared subtest by subtest.
//
// A test file calls test()/promise_test() at the top level; `DATA` holds the
// shared data files (the WPT URL and base64 data from ../shared/conformance).
// `runTests()` runs everything in order and resolves with
// [{name, status: "PASS" | "FAIL", message}].
(function (global) {
  "use strict";

  const registered = [];
  const seen = new Map();

  function register(kind, fn, name) {
    let base = String(name === undefined ? "unnamed" : name);
    // Names must be unique to compare runs; a repeat gets a counter.
    const count = (seen.get(base) || 0) + 1;
    seen.set(base, count);
    if (count > 1) base = base + " (" + count + ")";
    registered.push({ kind, fn, name: base });
  }

  class AssertionError extends Error {
    constructor(message) {
      super(message);
      this.name = "AssertionError";
    }
  }

  function fail(message) {
    throw new AssertionError(message);
  }

  function show(value) {
    try {
      if (typeof value === "string") return JSON.stringify(value);
      if (typeof value === "bigint") return String(value) + "n";
      if (Object.is(value, -0)) return "-0";
      if (typeof value === "symbol") return value.toString();
      if (typeof value === "function") return "function " + value.name;
      if (Array.isArray(value)) return "[" + value.map(show).join(", ") + "]";
      return String(value);
    } catch (_) {
      return "(unprintable)";
    }
  }

  function sameValue(a, b) {
    return typeof a === "number" && typeof b === "number" ? Object.is(a, b) || (a === b && a !== 0) || (a === 0 && b === 0 && Object.is(a, b)) : a === b;
  }

  const api = {
    test(fn, name) {
      register("sync", fn, name);
    },
    promise_test(fn, name) {
      register("promise", fn, name);
    },
    async_test() {
      throw new Error("async_test is not supported by this harness: use promise_test");
    },
    setup() {},
    done() {},
    format_value: show,
    assert_true(actual, message) {
      if (actual !== true) fail((message ? message + ": " : "") + "expected true, got " + show(actual));
    },
    assert_false(actual, message) {
      if (actual !== false) fail((message ? message + ": " : "") + "expected false, got " + show(actual));
    },
    assert_equals(actual, expected, message) {
      if (!sameValue(actual, expected)) {
        fail((message ? message + ": " : "") + "expected " + show(expected) + ", got " + show(actual));
      }
    },
    assert_not_equals(actual, expected, message) {
      if (sameValue(actual, expected)) fail((message ? message + ": " : "") + "got the disallowed " + show(actual));
    },
    assert_in_array(actual, expected, message) {
      if (!expected.some((e) => sameValue(actual, e))) {
        fail((message ? message + ": " : "") + show(actual) + " is not in " + show(expected));
      }
    },
    assert_array_equals(actual, expected, message) {
      const prefix = message ? message + ": " : "";
      if (actual === null || typeof actual !== "object" || typeof actual.length !== "number") {
        fail(prefix + "expected an array-like, got " + show(actual));
      }
      if (actual.length !== expected.length) {
        fail(prefix + "lengths differ: expected " + expected.length + ", got " + actual.length + " (" + show(Array.from(actual)) + ")");
      }
      for (let i = 0; i < expected.length; i++) {
        if (!sameValue(actual[i], expected[i])) {
          fail(prefix + "index " + i + ": expected " + show(expected[i]) + ", got " + show(actual[i]));
        }
      }
    },
    assert_approx_equals(actual, expected, epsilon, message) {
      if (typeof actual !== "number" || Math.abs(actual - expected) > epsilon) {
        fail((message ? message + ": " : "") + "expected " + expected + " ± " + epsilon + ", got " + show(actual));
      }
    },
    assert_greater_than(actual, expected, message) {
      if (!(actual > expected)) fail((message ? message + ": " : "") + show(actual) + " is not > " + show(expected));
    },
    assert_greater_than_equal(actual, expected, message) {
      if (!(actual >= expected)) fail((message ? message + ": " : "") + show(actual) + " is not >= " + show(expected));
    },
    assert_less_than(actual, expected, message) {
      if (!(actual < expected)) fail((message ? message + ": " : "") + show(actual) + " is not < " + show(expected));
    },
    assert_less_than_equal(actual, expected, message) {
      if (!(actual <= expected)) fail((message ? message + ": " : "") + show(actual) + " is not <= " + show(expected));
    },
    assert_regexp_match(actual, pattern, message) {
      if (!pattern.test(actual)) fail((message ? message + ": " : "") + show(actual) + " does not match " + pattern);
    },
    assert_own_property(object, name, message) {
      if (!Object.prototype.hasOwnProperty.call(object, name)) fail((message ? message + ": " : "") + "no own property " + show(name));
    },
    assert_not_own_property(object, name, message) {
      if (Object.prototype.hasOwnProperty.call(object, name)) fail((message ? message + ": " : "") + "unexpected own property " + show(name));
    },
    assert_class_string(object, expected, message) {
      const actual = Object.prototype.toString.call(object);
      if (actual !== "[object " + expected + "]") fail((message ? message + ": " : "") + "class string " + actual + ", expected " + expected);
    },
    assert_unreached(message) {
      fail("reached unreachable code" + (message ? ": " + message : ""));
    },
    assert_throws_js(constructor, fn, message) {
      const prefix = message ? message + ": " : "";
      try {
        fn();
      } catch (e) {
        if (e === null || typeof e !== "object" || !(e instanceof constructor) || e.constructor !== constructor) {
          fail(prefix + "expected a " + constructor.name + ", got " + show(e && e.name) + ": " + show(e && e.message));
        }
        return e;
      }
      fail(prefix + "expected a " + constructor.name + " to be thrown, but nothing was");
    },
    assert_throws_dom(name, fn, message) {
      const prefix = message ? message + ": " : "";
      const names = { INDEX_SIZE_ERR: "IndexSizeError", SYNTAX_ERR: "SyntaxError", INVALID_CHARACTER_ERR: "InvalidCharacterError",
        NOT_SUPPORTED_ERR: "NotSupportedError", INVALID_STATE_ERR: "InvalidStateError", INVALID_ACCESS_ERR: "InvalidAccessError",
        DATA_CLONE_ERR: "DataCloneError", ABORT_ERR: "AbortError", TIMEOUT_ERR: "TimeoutError" };
      const expected = typeof name === "number" ? null : names[name] || name;
      try {
        fn();
      } catch (e) {
        const isDom = typeof DOMException === "function" && e instanceof DOMException;
        if (!isDom) fail(prefix + "expected a DOMException " + (expected || name) + ", got " + show(e && e.name) + ": " + show(e && e.message));
        if (expected !== null && e.name !== expected) fail(prefix + "expected DOMException " + expected + ", got " + e.name);
        if (expected === null && e.code !== name) fail(prefix + "expected DOMException code " + name + ", got " + e.code);
        return e;
      }
      fail(prefix + "expected a DOMException " + (expected || name) + " to be thrown, but nothing was");
    },
    assert_throws_exactly(value, fn, message) {
      try {
        fn();
      } catch (e) {
        if (!sameValue(e, value)) fail((message ? message + ": " : "") + "threw " + show(e) + ", expected " + show(value));
        return;
      }
      fail((message ? message + ": " : "") + "nothing was thrown");
    },
    async promise_rejects_js(t, constructor, promise, message) {
      try {
        await promise;
      } catch (e) {
        api.assert_throws_js(constructor, () => { throw e; }, message);
        return;
      }
      fail((message ? message + ": " : "") + "expected a rejection with " + constructor.name);
    },
    async promise_rejects_dom(t, name, promise, message) {
      try {
        await promise;
      } catch (e) {
        api.assert_throws_dom(name, () => { throw e; }, message);
        return;
      }
      fail((message ? message + ": " : "") + "expected a rejection with DOMException " + name);
    },
    async promise_rejects_exactly(t, value, promise, message) {
      try {
        await promise;
      } catch (e) {
        api.assert_throws_exactly(value, () => { throw e; }, message);
        return;
      }
      fail((message ? message + ": " : "") + "expected a rejection");
    },
  };

  function testObject(cleanups) {
    return {
      step(fn, thisArg, ...args) {
        return fn.apply(thisArg, args);
      },
      step_func(fn, thisArg) {
        return (...args) => fn.apply(thisArg, args);
      },
      step_func_done(fn, thisArg) {
        return (...args) => (fn ? fn.apply(thisArg, args) : undefined);
      },
      unreached_func(message) {
        return () => fail("reached unreachable code" + (message ? ": " + message : ""));
      },
      add_cleanup(fn) {
        cleanups.push(fn);
      },
      step_timeout(fn, ms, ...args) {
        return setTimeout(() => fn(...args), ms);
      },
      done() {},
    };
  }

  async function runTests() {
    const results = [];
    for (const { kind, fn, name } of registered) {
      const cleanups = [];
      let status = "PASS";
      let message = null;
      try {
        const returned = fn(testObject(cleanups));
        if (kind === "promise") {
          if (!returned || typeof returned.then !== "function") fail("promise_test did not return a promise");
          await returned;
        }
      } catch (e) {
        status = "FAIL";
        try {
          message = (e && e.name ? e.name + ": " : "") + String(e && e.message !== undefined ? e.message : e);
        } catch (_) {
          message = "(unprintable error)";
        }
      }
      for (const cleanup of cleanups) {
        try {
          cleanup();
        } catch (_) {}
      }
      results.push({ name, status, message: message === null ? null : message.slice(0, 300) });
    }
    return results;
  }

  Object.assign(global, api);
  global.runTests = runTests;
})(globalThis);
