// jsbox's own conformance test, written from the web-platform-tests files
//   html/webappapis/structured-clone/structured-clone.any.js
//   html/webappapis/structured-clone/structured-clone-battery-of-tests.js
//   html/webappapis/structured-clone/structured-clone-battery-of-tests-with-transferables.js
//   html/webappapis/structured-clone/structured-clone-battery-of-tests-harness.js
//   html/infrastructure/safe-passing-of-structured-data/structuredclone_0.html
//     (its non-DOM cases: Error details, property descriptors, order, cycles)
// Re-expressed for jsbox's harness, calling structuredClone(value) directly
// (synchronously). Left out: Blob, File, FileList, ImageData, ImageBitmap,
// MessagePort, OffscreenCanvas, SharedArrayBuffer, cross-realm errors and
// every case with a transfer list. Added, from the HTML serialization rules:
// Map, Set, plain ArrayBuffer, every typed array kind, DataView, and the
// DataCloneError cases (functions, symbols, WeakMap, Promise, Proxy...).

function check(name, makeInput, compare) {
  test(() => {
    const input = typeof makeInput === "function" ? makeInput() : makeInput;
    const copy = structuredClone(input);
    compare(copy, input);
  }, name);
}

function samePrimitive(copy, input) {
  assert_equals(copy, input);
}

function isArrayCopy(inner) {
  return (copy, input) => {
    assert_true(Array.isArray(copy), "an Array");
    assert_not_equals(copy, input, "a new array");
    assert_equals(copy.length, input.length, "length");
    inner(copy, input);
  };
}

function isObjectCopy(inner) {
  return (copy, input) => {
    assert_true(copy instanceof Object, "an Object");
    assert_false(Array.isArray(copy), "not an Array");
    assert_not_equals(copy, input, "a new object");
    inner(copy, input);
  };
}

function eachProperty(compare) {
  return (copy, input) => {
    for (const key in input) compare(copy[key], input[key]);
  };
}

function throwsDataCloneError(name, makeInput) {
  test(() => {
    const input = makeInput();
    const thrown = assert_throws_dom("DataCloneError", () => structuredClone(input));
    assert_equals(thrown.code, DOMException.DATA_CLONE_ERR, "legacy code 25");
  }, name);
}

// --- primitives ---

const PRIMITIVES = [
  ["undefined", undefined],
  ["null", null],
  ["true", true],
  ["false", false],
  ["string, empty string", ""],
  ["string, lone high surrogate", "\uD800"],
  ["string, lone low surrogate", "\uDC00"],
  ["string, NUL", "\u0000"],
  ["string, astral character", "\uDBFF\uDFFD"],
  ["number, 0.2", 0.2],
  ["number, 0", 0],
  ["number, -0", -0],
  ["number, NaN", NaN],
  ["number, Infinity", Infinity],
  ["number, -Infinity", -Infinity],
  ["number, 9007199254740992", 9007199254740992],
  ["number, -9007199254740992", -9007199254740992],
  ["number, 9007199254740994", 9007199254740994],
  ["number, -9007199254740994", -9007199254740994],
  ["BigInt, 0n", 0n],
  ["BigInt, -0n", -0n],
  ["BigInt, -9007199254740994000n", -9007199254740994000n],
  [
    "BigInt, a 76-digit negative value",
    -9007199254740994000900719925474099400090071992547409940009007199254740994000n,
  ],
];

for (const [label, value] of PRIMITIVES) check("primitive " + label, value, samePrimitive);

check(
  "Array of primitives",
  () => PRIMITIVES.map(([, value]) => value),
  isArrayCopy(eachProperty(samePrimitive))
);

check(
  "Object of primitives",
  () => {
    const object = {};
    for (const [label, value] of PRIMITIVES) object[label] = value;
    return object;
  },
  isObjectCopy(eachProperty(samePrimitive))
);

test(() => {
  const input = { a: 1, b: { a: 1, b: [2, 3, 4] }, c: [7, 8, 9] };
  const copy = structuredClone(input);
  assert_not_equals(copy, input, "a new object");
  assert_not_equals(copy.b, input.b, "nested objects are copied");
  assert_not_equals(copy.c, input.c, "nested arrays are copied");
  assert_equals(JSON.stringify(copy), JSON.stringify(input), "same structure and values");
}, "structuredClone makes a deep copy of nested objects and arrays");

// --- primitive wrapper objects ---

function sameWrapper(Type) {
  return (copy, input) => {
    assert_true(copy instanceof Type, "instanceof " + Type.name);
    assert_not_equals(copy, input, "a new wrapper");
    assert_equals(Type(copy), Type(input), "same primitive value");
  };
}

check("Boolean true", () => new Boolean(true), sameWrapper(Boolean));
check("Boolean false", () => new Boolean(false), sameWrapper(Boolean));
check("Array of Boolean objects", () => [new Boolean(true), new Boolean(false)], isArrayCopy(eachProperty(sameWrapper(Boolean))));
check("Object of Boolean objects", () => ({ t: new Boolean(true), f: new Boolean(false) }), isObjectCopy(eachProperty(sameWrapper(Boolean))));

const STRING_VALUES = [
  ["empty string", ""],
  ["lone high surrogate", "\uD800"],
  ["lone low surrogate", "\uDC00"],
  ["NUL", "\u0000"],
  ["astral character", "\uDBFF\uDFFD"],
];
for (const [label, value] of STRING_VALUES) check("String object, " + label, () => new String(value), sameWrapper(String));
check("Array of String objects", () => STRING_VALUES.map(([, v]) => new String(v)), isArrayCopy(eachProperty(sameWrapper(String))));
check(
  "Object of String objects",
  () => Object.fromEntries(STRING_VALUES.map(([k, v]) => [k, new String(v)])),
  isObjectCopy(eachProperty(sameWrapper(String)))
);

const NUMBER_VALUES = [0.2, 0, -0, NaN, Infinity, -Infinity, 9007199254740992, -9007199254740992, 9007199254740994, -9007199254740994];
for (const value of NUMBER_VALUES) {
  check("Number object, " + (Object.is(value, -0) ? "-0" : String(value)), () => new Number(value), sameWrapper(Number));
}
check("Array of Number objects", () => NUMBER_VALUES.map((v) => new Number(v)), isArrayCopy(eachProperty(sameWrapper(Number))));
check(
  "Object of Number objects",
  () => Object.fromEntries(NUMBER_VALUES.map((v, i) => ["n" + i, new Number(v)])),
  isObjectCopy(eachProperty(sameWrapper(Number)))
);
check("BigInt object, -9007199254740994n", () => Object(-9007199254740994n), sameWrapper(BigInt));

// --- Date ---

function sameDate(copy, input) {
  assert_true(copy instanceof Date, "instanceof Date");
  assert_not_equals(copy, input, "a new Date");
  assert_equals(Number(copy), Number(input), "same time value");
}
const DATE_VALUES = [0, -0, -8.64e15, 8.64e15];
for (const value of DATE_VALUES) {
  check("Date " + (Object.is(value, -0) ? "-0" : String(value)), () => new Date(value), sameDate);
}
check("Date with an invalid time value", () => new Date(NaN), sameDate);
check("Array of Date objects", () => DATE_VALUES.map((v) => new Date(v)), isArrayCopy(eachProperty(sameDate)));
check(
  "Object of Date objects",
  () => Object.fromEntries(DATE_VALUES.map((v, i) => ["d" + i, new Date(v)])),
  isObjectCopy(eachProperty(sameDate))
);

// --- RegExp ---

function sameRegExp(expectedSource) {
  return (copy, input) => {
    assert_true(copy instanceof RegExp, "instanceof RegExp");
    assert_not_equals(copy, input, "a new RegExp");
    assert_equals(copy.source, expectedSource, "source");
    assert_equals(copy.flags, input.flags, "flags");
    assert_equals(copy.global, input.global, "global");
    assert_equals(copy.ignoreCase, input.ignoreCase, "ignoreCase");
    assert_equals(copy.multiline, input.multiline, "multiline");
    assert_equals(copy.sticky, input.sticky, "sticky");
    assert_equals(copy.unicode, input.unicode, "unicode");
    assert_equals(copy.lastIndex, 0, "lastIndex is reset");
  };
}
function regExpWithLastIndex() {
  const r = /foo/gim;
  r.lastIndex = 2;
  return r;
}
const REGEXPS = [
  ["RegExp flags and lastIndex", regExpWithLastIndex, "foo"],
  ["RegExp sticky flag", () => new RegExp("foo", "y"), "foo"],
  ["RegExp unicode flag", () => new RegExp("foo", "u"), "foo"],
  ["RegExp dotAll and hasIndices flags", () => new RegExp("f.o", "sd"), "f.o"],
  ["RegExp empty", () => new RegExp(""), "(?:)"],
  ["RegExp slash", () => new RegExp("/"), "\\/"],
  ["RegExp new line", () => new RegExp("\n"), "\\n"],
];
for (const [label, make, source] of REGEXPS) {
  check(label, make, sameRegExp(source));
  check("Array holding a " + label, () => [make()], isArrayCopy(eachProperty(sameRegExp(source))));
  check("Object holding a " + label, () => ({ x: make() }), isObjectCopy(eachProperty(sameRegExp(source))));
}

test(() => {
  const r = /a/g;
  r.extra = "expando";
  const copy = structuredClone(r);
  assert_equals(copy.extra, undefined, "own properties of a RegExp are not copied");
}, "RegExp expando properties are dropped");

// --- Error objects ---

function sameError(copy, input) {
  assert_true(copy instanceof Error, "instanceof Error");
  assert_not_equals(copy, input, "a new error");
  assert_equals(copy.constructor, input.constructor, "constructor");
  assert_equals(Object.getPrototypeOf(copy), Object.getPrototypeOf(input), "prototype");
  assert_equals(copy.name, input.name, "name");
  assert_equals(Object.prototype.hasOwnProperty.call(copy, "message"), Object.prototype.hasOwnProperty.call(input, "message"), "message presence");
  assert_equals(copy.message, input.message, "message");
  assert_equals(copy.foo, undefined, "custom properties are dropped");
}

check("Empty Error object", () => new Error(), sameError);
for (const Ctor of [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError]) {
  check(Ctor.name + " object", () => {
    const error = new Ctor("Error message here");
    error.foo = "testing";
    return error;
  }, sameError);
}

test(() => {
  const error = URIError("some message");
  Object.setPrototypeOf(error, SyntaxError.prototype);
  error.message = { toString: () => "another message" };
  error.constructor = RangeError;
  error.name = "TypeError";
  error.foo = "bar";
  const copy = structuredClone(error);
  assert_equals(Object.getPrototypeOf(copy), SyntaxError.prototype, "the prototype's kind wins");
  assert_equals(copy.constructor, SyntaxError, "constructor");
  assert_equals(copy.name, "SyntaxError", "name");
  assert_equals(copy.message, "another message", "message converted to a string");
  assert_equals(copy.foo, undefined, "custom property dropped");
}, "a modified Error is cloned from its prototype and stringified message");

test(() => {
  const error = Error();
  Object.defineProperty(error, "message", { get: () => "hello" });
  assert_equals(error.message, "hello");
  const copy = structuredClone(error);
  assert_equals(Object.getPrototypeOf(copy), Error.prototype, "prototype");
  assert_false(Object.prototype.hasOwnProperty.call(copy, "message"), "an accessor message is not copied");
}, "an Error's message getter is ignored");

test(() => {
  const error = Error();
  error.message = undefined;
  const copy = structuredClone(error);
  assert_equals(copy.message, "undefined", "an own undefined message becomes the string");
}, "an Error's own undefined message is stringified");

test(() => {
  const error = new AggregateError([], "many");
  const copy = structuredClone(error);
  assert_true(copy instanceof Error, "still an Error");
  assert_equals(Object.getPrototypeOf(copy), Error.prototype, "a kind outside the list comes back as Error");
  assert_equals(copy.name, "Error", "name");
  assert_equals(copy.message, "many", "message");
}, "an error of an unlisted kind is cloned as Error");

test(() => {
  const error = new DOMException("some message", "IndexSizeError");
  error.foo = "bar";
  const copy = structuredClone(error);
  assert_not_equals(copy, error, "a new object");
  assert_equals(Object.getPrototypeOf(copy), DOMException.prototype, "prototype");
  assert_equals(copy.name, "IndexSizeError", "name");
  assert_equals(copy.message, "some message", "message");
  assert_equals(copy.code, DOMException.INDEX_SIZE_ERR, "code");
  assert_equals(copy.foo, undefined, "custom property dropped");
}, "DOMException objects can be cloned");

test(() => {
  let thrown = null;
  try {
    structuredClone(() => {});
  } catch (e) {
    thrown = e;
  }
  assert_true(thrown instanceof DOMException, "a DOMException was thrown");
  const copy = structuredClone(thrown);
  assert_equals(Object.getPrototypeOf(copy), DOMException.prototype, "prototype");
  assert_equals(copy.name, "DataCloneError", "name");
  assert_equals(copy.code, DOMException.DATA_CLONE_ERR, "code");
}, "a DataCloneError thrown by structuredClone can itself be cloned");

// --- ArrayBuffer, typed arrays, DataView ---

function sameArrayBuffer(copy, input) {
  assert_true(copy instanceof ArrayBuffer, "instanceof ArrayBuffer");
  assert_not_equals(copy, input, "a new buffer");
  assert_equals(copy.byteLength, input.byteLength, "byteLength");
  assert_equals(copy.maxByteLength, input.maxByteLength, "maxByteLength");
  assert_equals(copy.resizable, input.resizable, "resizable");
  assert_array_equals(new Uint8Array(copy), new Uint8Array(input), "bytes");
}

function sameView(Type) {
  return (copy, input) => {
    assert_true(copy instanceof Type, "instanceof " + Type.name);
    assert_not_equals(copy, input, "a new view");
    assert_not_equals(copy.buffer, input.buffer, "over a new buffer");
    assert_equals(copy.byteLength, input.byteLength, "byteLength");
    assert_equals(copy.byteOffset, input.byteOffset, "byteOffset");
    assert_equals(copy.buffer.byteLength, input.buffer.byteLength, "the whole buffer is copied");
    if (Type !== DataView) {
      assert_equals(copy.length, input.length, "length");
      for (let i = 0; i < copy.length; i++) assert_equals(copy[i], input[i], "element " + i);
    } else {
      assert_array_equals(
        new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength),
        new Uint8Array(input.buffer, input.byteOffset, input.byteLength),
        "bytes"
      );
    }
  };
}

check("ArrayBuffer", () => new Uint8Array([1, 2, 3, 250]).buffer, sameArrayBuffer);
check("empty ArrayBuffer", () => new ArrayBuffer(0), sameArrayBuffer);

const TYPED_ARRAYS = [
  ["Int8Array", [-128, -1, 0, 1, 127]],
  ["Uint8Array", [0, 1, 254, 255]],
  ["Uint8ClampedArray", [0, 128, 255]],
  ["Int16Array", [-32768, -1, 0, 32767]],
  ["Uint16Array", [0, 1, 65535]],
  ["Int32Array", [-2147483648, -1, 0, 2147483647]],
  ["Uint32Array", [0, 1, 4294967295]],
  ["Float32Array", [0, -0, 1.5, NaN, Infinity, -Infinity]],
  ["Float64Array", [0, -0, 0.1, NaN, Infinity, -Infinity, Number.MAX_VALUE]],
  ["BigInt64Array", [-(2n ** 63n), -1n, 0n, 2n ** 63n - 1n]],
  ["BigUint64Array", [0n, 1n, 2n ** 64n - 1n]],
];
for (const [name, values] of TYPED_ARRAYS) {
  const Type = globalThis[name];
  check(name, () => Type.from(values), sameView(Type));
  check(name + " over part of a larger buffer", () => {
    const buffer = new ArrayBuffer(Type.BYTES_PER_ELEMENT * (values.length + 4));
    const view = new Type(buffer, Type.BYTES_PER_ELEMENT * 2, values.length);
    view.set(values);
    return view;
  }, sameView(Type));
}

test(() => {
  if (typeof Float16Array !== "function") return;
  const input = Float16Array.from([0, 1.5, -2, Infinity]);
  sameView(Float16Array)(structuredClone(input), input);
}, "Float16Array, when the engine has it");

check("DataView", () => {
  const view = new DataView(new ArrayBuffer(12), 4, 6);
  view.setInt16(0, -2);
  view.setUint32(2, 0xdeadbeef);
  return view;
}, sameView(DataView));

test(() => {
  const buffer = new ArrayBuffer(16);
  const bytes = new Uint8Array(buffer);
  const words = new Uint32Array(buffer, 4, 2);
  const view = new DataView(buffer, 8);
  words[0] = 0x01020304;
  const copy = structuredClone({ buffer, bytes, words, view });
  assert_not_equals(copy.buffer, buffer, "a new buffer");
  assert_equals(copy.bytes.buffer, copy.buffer, "bytes share the copied buffer");
  assert_equals(copy.words.buffer, copy.buffer, "words share the copied buffer");
  assert_equals(copy.view.buffer, copy.buffer, "view shares the copied buffer");
  copy.words[0] = 0;
  assert_equals(copy.bytes[4] + copy.bytes[5] + copy.bytes[6] + copy.bytes[7], 0, "a write through one view shows in the others");
  assert_equals(words[0], 0x01020304, "the original is untouched");
}, "views over one buffer still share one buffer after cloning");

test(() => {
  const bytes = new Uint8Array([1, 2, 3]);
  bytes.extra = "expando";
  const copy = structuredClone(bytes);
  assert_equals(copy.extra, undefined);
}, "typed array expando properties are dropped");

check(
  "Resizable ArrayBuffer",
  () => {
    const buffer = new ArrayBuffer(16, { maxByteLength: 1024 });
    assert_true(buffer.resizable, "the engine made a resizable buffer");
    return buffer;
  },
  sameArrayBuffer
);

test(() => {
  const buffer = new ArrayBuffer(16, { maxByteLength: 1024 });
  const input = new Uint8Array(buffer);
  const copy = structuredClone(input);
  sameView(Uint8Array)(copy, input);
  assert_true(copy.buffer.resizable, "the copied buffer is resizable");
  copy.buffer.resize(32);
  assert_equals(copy.length, 32, "the copy still tracks its buffer's length");
}, "Length-tracking TypedArray");

test(() => {
  const buffer = new ArrayBuffer(16, { maxByteLength: 1024 });
  const input = new DataView(buffer);
  const copy = structuredClone(input);
  sameView(DataView)(copy, input);
  copy.buffer.resize(32);
  assert_equals(copy.byteLength, 32, "the copy still tracks its buffer's length");
}, "Length-tracking DataView");

throwsDataCloneError("Serializing an out-of-bounds TypedArray throws", () => {
  const buffer = new ArrayBuffer(16, { maxByteLength: 1024 });
  const view = new Uint8Array(buffer, 8);
  buffer.resize(0);
  return view;
});

throwsDataCloneError("Serializing an out-of-bounds DataView throws", () => {
  const buffer = new ArrayBuffer(16, { maxByteLength: 1024 });
  const view = new DataView(buffer, 8);
  buffer.resize(0);
  return view;
});

// --- Map and Set ---

test(() => {
  const key = { k: 1 };
  const input = new Map([
    [1, "one"],
    ["two", 2],
    [key, [3]],
    [NaN, "nan"],
  ]);
  const copy = structuredClone(input);
  assert_true(copy instanceof Map, "instanceof Map");
  assert_not_equals(copy, input, "a new Map");
  assert_equals(copy.size, 4, "size");
  const entries = Array.from(copy);
  assert_array_equals(entries.map(([k]) => typeof k), ["number", "string", "object", "number"], "key kinds in insertion order");
  assert_equals(copy.get(1), "one");
  assert_equals(copy.get("two"), 2);
  assert_equals(copy.get(NaN), "nan");
  const [copiedKey, copiedValue] = entries[2];
  assert_not_equals(copiedKey, key, "object keys are cloned");
  assert_equals(copiedKey.k, 1, "object key contents");
  assert_array_equals(copiedValue, [3], "value contents");
}, "Map keeps its entries in order and clones keys and values");

test(() => {
  const member = { m: true };
  const input = new Set([1, "two", member, -0]);
  const copy = structuredClone(input);
  assert_true(copy instanceof Set, "instanceof Set");
  assert_not_equals(copy, input, "a new Set");
  const values = Array.from(copy);
  assert_equals(values.length, 4, "size");
  assert_equals(values[0], 1);
  assert_equals(values[1], "two");
  assert_not_equals(values[2], member, "object members are cloned");
  assert_true(values[2].m, "object member contents");
  assert_true(copy.has(0), "0 is a member");
}, "Set keeps its members in order and clones them");

test(() => {
  const shared = { shared: true };
  const map = new Map();
  map.set("self", map);
  map.set("a", shared);
  map.set(shared, "key");
  const copy = structuredClone(map);
  assert_equals(copy.get("self"), copy, "a cycle through a value");
  const keys = Array.from(copy.keys());
  assert_equals(keys[2], copy.get("a"), "the same object as key and value stays one object");
}, "Map keeps cycles and shared references");

test(() => {
  const set = new Set();
  set.add(set);
  const copy = structuredClone(set);
  assert_true(copy.has(copy), "the set contains its copy");
}, "Set keeps cycles");

test(() => {
  const map = new Map([[1, 1]]);
  map.extra = "expando";
  const set = new Set([1]);
  set.extra = "expando";
  assert_equals(structuredClone(map).extra, undefined, "Map expando");
  assert_equals(structuredClone(set).extra, undefined, "Set expando");
}, "Map and Set expando properties are dropped");

// --- arrays and objects ---

check("Array sparse", () => new Array(10), isArrayCopy((copy) => {
  assert_equals(Object.keys(copy).length, 0, "holes stay holes");
}));

check("Array with non-index property", () => {
  const array = [0, 1];
  array.foo = "bar";
  return array;
}, isArrayCopy((copy) => {
  assert_equals(copy.foo, "bar", "named property copied");
  assert_equals(copy[1], 1, "elements copied");
}));

check("Object with index property and length", { 0: "foo", length: 1 }, isObjectCopy(eachProperty(samePrimitive)));

check("Array with circular reference", () => {
  const array = [];
  array[0] = array;
  return array;
}, isArrayCopy((copy) => assert_equals(copy[0], copy)));

check("Object with circular reference", () => {
  const object = {};
  object.x = object;
  return object;
}, isObjectCopy((copy) => assert_equals(copy.x, copy)));

check("Array with identical property values", () => {
  const shared = {};
  return [shared, shared];
}, isArrayCopy((copy) => assert_equals(copy[0], copy[1])));

check("Object with identical property values", () => {
  const shared = {};
  return { x: shared, y: shared };
}, isObjectCopy((copy) => assert_equals(copy.x, copy.y)));

check("Object with property on prototype", () => {
  function Foo() {
    this.own = "yes";
  }
  Foo.prototype = { foo: "bar" };
  return new Foo();
}, isObjectCopy((copy) => {
  assert_false("foo" in copy, "inherited properties are not copied");
  assert_equals(copy.own, "yes", "own properties are");
  assert_equals(Object.getPrototypeOf(copy), Object.prototype, "the copy is a plain object");
}));

check("Object with non-enumerable property", () => {
  const object = {};
  Object.defineProperty(object, "foo", { value: "bar", enumerable: false, writable: true, configurable: true });
  return object;
}, isObjectCopy((copy) => assert_false("foo" in copy)));

check("Object with non-writable property", () => {
  const object = {};
  Object.defineProperty(object, "foo", { value: "bar", enumerable: true, writable: false, configurable: true });
  return object;
}, isObjectCopy((copy) => {
  assert_equals(copy.foo, "bar");
  copy.foo += " baz";
  assert_equals(copy.foo, "bar baz", "the copy is writable");
}));

check("Object with non-configurable property", () => {
  const object = {};
  Object.defineProperty(object, "foo", { value: "bar", enumerable: true, writable: true, configurable: false });
  return object;
}, isObjectCopy((copy) => {
  assert_equals(copy.foo, "bar");
  delete copy.foo;
  assert_false("foo" in copy, "the copy is configurable");
}));

check("Array with a non-writable element", () => {
  const array = [0, 1];
  Object.defineProperty(array, "2", { enumerable: true, writable: false, value: 100 });
  return array;
}, isArrayCopy((copy) => {
  assert_equals(copy[2], 100);
  assert_true(Object.getOwnPropertyDescriptor(copy, "2").writable, "the copied element is writable");
}));

check("Object with symbol-keyed property", () => ({ [Symbol("s")]: 1, plain: 2 }), isObjectCopy((copy) => {
  assert_equals(Object.getOwnPropertySymbols(copy).length, 0, "symbol keys are skipped");
  assert_equals(copy.plain, 2);
}));

check("Object property order", () => {
  const object = { a: "hello", b: "w3c", c: "and world", 2: "two", 1: "one" };
  object.a = "named1";
  return object;
}, isObjectCopy((copy, input) => {
  assert_array_equals(Object.keys(copy), Object.keys(input));
}));

test(() => {
  let calls = 0;
  const source = {
    get value() {
      calls++;
      return "computed";
    },
  };
  const copy = structuredClone(source);
  assert_equals(calls, 1, "the getter ran once");
  const desc = Object.getOwnPropertyDescriptor(copy, "value");
  assert_equals(desc.value, "computed", "its result became a data property");
  assert_false("get" in desc, "no accessor on the copy");
}, "getters are called once and their values copied");

test(() => {
  const failure = new Error("from a getter");
  const input = {
    get trap() {
      throw failure;
    },
  };
  assert_throws_exactly(failure, () => structuredClone(input));
}, "Object with a getter that throws");

test(() => {
  const copy = structuredClone(Object.prototype);
  assert_not_equals(copy, Object.prototype, "a new object");
  assert_true(copy instanceof Object);
  const proto = { some: "proto" };
  Object.setPrototypeOf(copy, proto);
  assert_equals(Object.getPrototypeOf(copy), proto, "the copy's prototype can be changed");
}, "Object.prototype loses its exotic-ness when cloned");

test(() => {
  class Point {
    constructor() {
      this.x = 1;
    }
    method() {}
  }
  const copy = structuredClone(new Point());
  assert_equals(Object.getPrototypeOf(copy), Object.prototype, "class instances become plain objects");
  assert_equals(copy.x, 1, "own data copied");
  assert_equals(copy.method, undefined, "methods from the prototype are not");
}, "class instances are cloned as plain objects");

// --- values that cannot be cloned ---

throwsDataCloneError("a function cannot be cloned", () => function named() {});
throwsDataCloneError("an arrow function cannot be cloned", () => () => {});
throwsDataCloneError("a class cannot be cloned", () => class {});
throwsDataCloneError("a symbol cannot be cloned", () => Symbol("s"));
throwsDataCloneError("a Symbol wrapper object cannot be cloned", () => Object(Symbol("s")));
throwsDataCloneError("an object holding a function cannot be cloned", () => ({ ok: 1, bad() {} }));
throwsDataCloneError("an array holding a symbol cannot be cloned", () => [1, Symbol.iterator]);
throwsDataCloneError("a Map holding a function cannot be cloned", () => new Map([["f", () => {}]]));
throwsDataCloneError("a WeakMap cannot be cloned", () => new WeakMap());
throwsDataCloneError("a WeakSet cannot be cloned", () => new WeakSet());
throwsDataCloneError("a WeakRef cannot be cloned", () => new WeakRef({}));
throwsDataCloneError("a Promise cannot be cloned", () => Promise.resolve(1));
throwsDataCloneError("a Proxy cannot be cloned", () => new Proxy({}, {}));
throwsDataCloneError("a generator object cannot be cloned", () => (function* () {})());

throwsDataCloneError("Serializing a non-serializable platform object fails", () => new Response());

test(() => {
  assert_throws_js(TypeError, () => structuredClone(), "a missing value is a TypeError, not undefined");
  assert_equals(structuredClone(undefined), undefined, "an explicit undefined clones");
}, "structuredClone requires an argument");

test(() => {
  const input = { a: [1, { b: 2 }] };
  const copy = structuredClone(input, {});
  assert_equals(copy.a[1].b, 2, "an empty options object");
  const copy2 = structuredClone(input, { transfer: [] });
  assert_equals(copy2.a[0], 1, "an empty transfer list");
}, "structuredClone accepts options without transfers");
