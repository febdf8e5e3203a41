// jsbox's own conformance test: converting a plain object to Headers follows
// Web IDL's record<ByteString, ByteString> conversion exactly: one [[Get]] of
// @@iterator (overload resolution), one [[OwnPropertyKeys]], then for each key
// a [[GetOwnProperty]] and, for enumerable ones, a [[Get]] and value
// conversion, stopping at the first error.
// Written from the web-platform-tests file fetch/api/headers/headers-record.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.

// Wraps `target` in a Proxy whose every trap appends [trapName, ...args] to
// `log` (a new array unless one is given) before doing the default thing.
function observed(target, log = []) {
  const handler = {};
  for (const trap of Object.getOwnPropertyNames(Reflect)) {
    handler[trap] = (...args) => {
      log.push([trap, ...args]);
      return Reflect[trap](...args);
    };
  }
  return { proxy: new Proxy(target, handler), log };
}

function expectLog(log, expected) {
  assert_equals(log.length, expected.length, "number of observed operations");
  expected.forEach((entry, i) => assert_array_equals(log[i], entry, "operation " + i));
}

test(() => {
  assert_equals([...new Headers()].length, 0);
}, "no argument gives empty Headers");

test(() => {
  assert_equals([...new Headers(undefined)].length, 0);
}, "undefined gives empty Headers");

test(() => {
  assert_throws_js(TypeError, () => new Headers(null));
}, "null is neither a sequence nor a record");

test(() => {
  const target = { a: "b" };
  const { proxy, log } = observed(target);
  const headers = new Headers(proxy);
  expectLog(log, [
    ["get", target, Symbol.iterator, proxy],
    ["ownKeys", target],
    ["getOwnPropertyDescriptor", target, "a"],
    ["get", target, "a", proxy],
  ]);
  assert_array_equals([...headers.keys()], ["a"]);
  assert_equals(headers.get("a"), "b");
}, "a one-property record is read with the expected operations");

test(() => {
  const target = Object.create({ inherited: "d" }, { a: { value: "b", enumerable: true } });
  const { proxy, log } = observed(target);
  const headers = new Headers(proxy);
  // The prototype's property is never looked at.
  expectLog(log, [
    ["get", target, Symbol.iterator, proxy],
    ["ownKeys", target],
    ["getOwnPropertyDescriptor", target, "a"],
    ["get", target, "a", proxy],
  ]);
  assert_array_equals([...headers.keys()], ["a"]);
  assert_false(headers.has("inherited"));
}, "inherited properties of a record are ignored");

test(() => {
  const target = { a: "b", c: "d" };
  const { proxy, log } = observed(target);
  const headers = new Headers(proxy);
  expectLog(log, [
    ["get", target, Symbol.iterator, proxy],
    ["ownKeys", target],
    ["getOwnPropertyDescriptor", target, "a"],
    ["get", target, "a", proxy],
    ["getOwnPropertyDescriptor", target, "c"],
    ["get", target, "c", proxy],
  ]);
  assert_array_equals([...headers.keys()], ["a", "c"]);
  assert_equals(headers.get("c"), "d");
}, "each key's descriptor is read just before its value");

test(() => {
  const target = { a: "b", "\uFFFF": "d" };
  const { proxy, log } = observed(target);
  assert_throws_js(TypeError, () => new Headers(proxy));
  // The bad key fails its ByteString conversion before its value is read.
  expectLog(log, [
    ["get", target, Symbol.iterator, proxy],
    ["ownKeys", target],
    ["getOwnPropertyDescriptor", target, "a"],
    ["get", target, "a", proxy],
    ["getOwnPropertyDescriptor", target, "\uFFFF"],
  ]);
}, "a non-ByteString key throws before its value is read");

test(() => {
  const target = { a: "\uFFFF", c: "d" };
  const { proxy, log } = observed(target);
  assert_throws_js(TypeError, () => new Headers(proxy));
  expectLog(log, [
    ["get", target, Symbol.iterator, proxy],
    ["ownKeys", target],
    ["getOwnPropertyDescriptor", target, "a"],
    ["get", target, "a", proxy],
  ]);
}, "a non-ByteString value throws before the next key is looked at");

test(() => {
  const target = {};
  Object.defineProperty(target, "a", { value: "b", enumerable: false });
  Object.defineProperty(target, "c", { value: "d", enumerable: true });
  Object.defineProperty(target, "e", { value: "f", enumerable: false });
  const { proxy, log } = observed(target);
  const headers = new Headers(proxy);
  expectLog(log, [
    ["get", target, Symbol.iterator, proxy],
    ["ownKeys", target],
    ["getOwnPropertyDescriptor", target, "a"],
    ["getOwnPropertyDescriptor", target, "c"],
    ["get", target, "c", proxy],
    ["getOwnPropertyDescriptor", target, "e"],
  ]);
  assert_array_equals([...headers.keys()], ["c"]);
}, "non-enumerable properties are described but never read");

test(() => {
  const inner = { a: "b", c: "d", e: "f" };
  // This proxy claims "a" and "e" have no descriptor at all.
  const lying = new Proxy(inner, {
    getOwnPropertyDescriptor(t, key) {
      return key === "a" || key === "e" ? undefined : Reflect.getOwnPropertyDescriptor(t, key);
    },
  });
  const { proxy, log } = observed(lying);
  const headers = new Headers(proxy);
  expectLog(log, [
    ["get", lying, Symbol.iterator, proxy],
    ["ownKeys", lying],
    ["getOwnPropertyDescriptor", lying, "a"],
    ["getOwnPropertyDescriptor", lying, "c"],
    ["get", lying, "c", proxy],
    ["getOwnPropertyDescriptor", lying, "e"],
  ]);
  assert_array_equals([...headers.keys()], ["c"]);
  assert_equals(headers.get("c"), "d");
}, "keys whose descriptor is undefined are skipped");

test(() => {
  const inner = { a: "b", c: "d" };
  const lying = new Proxy(inner, {
    ownKeys() {
      return ["a", "c", "a", "c"];
    },
  });
  const { proxy, log } = observed(lying);
  // A Proxy's ownKeys result may not contain duplicates: the engine throws.
  assert_throws_js(TypeError, () => new Headers(proxy));
  expectLog(log, [
    ["get", lying, Symbol.iterator, proxy],
    ["ownKeys", lying],
  ]);
}, "duplicate keys from ownKeys throw a TypeError");

test(() => {
  const log = [];
  const target = {
    a: "b",
    [Symbol.toStringTag]: {
      toString() {
        log.push(["toString", "symbol-keyed value"]);
        return "never";
      },
    },
    c: "d",
  };
  const { proxy } = observed(target, log);
  assert_throws_js(TypeError, () => new Headers(proxy));
  // Symbols come last in [[OwnPropertyKeys]]; converting the Symbol key to a
  // ByteString throws before its value is read or converted.
  expectLog(log, [
    ["get", target, Symbol.iterator, proxy],
    ["ownKeys", target],
    ["getOwnPropertyDescriptor", target, "a"],
    ["get", target, "a", proxy],
    ["getOwnPropertyDescriptor", target, "c"],
    ["get", target, "c", proxy],
    ["getOwnPropertyDescriptor", target, Symbol.toStringTag],
  ]);
}, "an enumerable Symbol key throws a TypeError");

test(() => {
  const log = [];
  // A value whose string conversion is recorded in the same log as the traps.
  const convertible = (tag, result) => ({
    toString() {
      log.push(["toString", tag]);
      return result;
    },
  });
  const target = { a: convertible("a", "b"), [Symbol.toStringTag]: convertible("symbol", "never"), c: convertible("c", "d") };
  Object.defineProperty(target, Symbol.toStringTag, { enumerable: false });
  assert_array_equals(Reflect.ownKeys(target), ["a", "c", Symbol.toStringTag], "key order");

  const { proxy } = observed(target, log);
  const headers = new Headers(proxy);
  expectLog(log, [
    ["get", target, Symbol.iterator, proxy],
    ["ownKeys", target],
    ["getOwnPropertyDescriptor", target, "a"],
    ["get", target, "a", proxy],
    ["toString", "a"],
    ["getOwnPropertyDescriptor", target, "c"],
    ["get", target, "c", proxy],
    ["toString", "c"],
    ["getOwnPropertyDescriptor", target, Symbol.toStringTag],
  ]);
  assert_array_equals([...headers.keys()], ["a", "c"]);
  assert_equals(headers.get("a"), "b");
  assert_equals(headers.get("c"), "d");
}, "a non-enumerable Symbol key is skipped; each value is converted right after it is read");
