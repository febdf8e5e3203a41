// jsbox's own conformance test for the Blob constructor: the blobParts
// argument is a Web IDL sequence (iterated through @@iterator, with its
// getters and conversions run in order and their exceptions propagated),
// each part is a Blob, a BufferSource or a string (anything else is
// stringified), the options bag is read in lexicographic order, and the type
// is lower-cased or dropped when it has a byte outside U+0020-U+007E.
// Written from the web-platform-tests file FileAPI/blob/Blob-constructor.any.js
// and its helper FileAPI/support/Blob.js (web-platform-tests/wpt); the
// checks are re-expressed, not copied. Left out: the subtest that builds a
// Blob from a FrozenArray<MessagePort> (it needs MessageChannel and message
// events).

// Registers a subtest that builds a Blob and checks its class, type, size
// and text.
function blobTest(name, makeBlob, expectedText, expectedType) {
  promise_test(async () => {
    const blob = makeBlob();
    assert_true(blob instanceof Blob, "a Blob");
    if (typeof File === "function") assert_false(blob instanceof File, "not a File");
    assert_equals(blob.type, expectedType === undefined ? "" : expectedType, "type");
    assert_equals(blob.size, expectedText.length, "size");
    assert_equals(await blob.text(), expectedText, "text");
  }, name);
}

// Same, comparing the bytes instead of the text.
function blobBytesTest(name, makeBlob, expectedBytes) {
  promise_test(async () => {
    const blob = makeBlob();
    assert_true(blob instanceof Blob, "a Blob");
    assert_equals(blob.type, "", "type");
    assert_equals(blob.size, expectedBytes.length, "size");
    const buffer = await blob.arrayBuffer();
    assert_true(buffer instanceof ArrayBuffer, "arrayBuffer() gives an ArrayBuffer");
    assert_array_equals(new Uint8Array(buffer), expectedBytes);
  }, name);
}

// An error object that is not an Error, to check exact propagation.
const SENTINEL = { name: "test", message: "test error" };

// --- the interface and the empty cases --------------------------------------

test(() => {
  assert_true("Blob" in globalThis, "a global property");
  assert_equals(typeof Blob, "function", "a function");
  assert_equals(Blob.length, 0, "no required arguments");
}, "the Blob interface object");

test(() => {
  const blob = new Blob();
  assert_true(blob instanceof Blob);
  assert_equals(String(blob), "[object Blob]");
  assert_equals(blob.size, 0);
  assert_equals(blob.type, "");
}, "new Blob() is empty");

test(() => {
  assert_throws_js(TypeError, () => Blob());
}, "calling Blob without new throws a TypeError");

test(() => {
  const blob = new Blob;
  assert_true(blob instanceof Blob);
  assert_equals(blob.size, 0);
  assert_equals(blob.type, "");
}, "new Blob without parentheses is empty");

test(() => {
  const blob = new Blob(undefined);
  assert_equals(String(blob), "[object Blob]");
  assert_equals(blob.size, 0);
  assert_equals(blob.type, "");
}, "new Blob(undefined) is empty");

// --- blobParts must be a sequence ------------------------------------------

const NOT_SEQUENCES = [
  ["null", () => null],
  ["true", () => true],
  ["false", () => false],
  ["0", () => 0],
  ["1", () => 1],
  ["1.5", () => 1.5],
  ["a string", () => "FAIL"],
  ["a Date", () => new Date()],
  ["a RegExp", () => new RegExp()],
  ["a plain object", () => ({})],
  ["an array-like object without @@iterator", () => ({ 0: "FAIL", length: 1 })],
];

for (const [label, make] of NOT_SEQUENCES) {
  test(() => {
    assert_throws_js(TypeError, () => new Blob(make()));
  }, "blobParts = " + label + " throws a TypeError");
}

blobTest("an object with the array @@iterator and no length is an empty sequence",
  () => new Blob({ [Symbol.iterator]: Array.prototype[Symbol.iterator] }), "");

test(() => {
  const blob = new Blob({
    [Symbol.iterator]() {
      const steps = [{ done: false, value: "ab" }, { done: false, value: "cde" }, { done: true }];
      let i = 0;
      return { next: () => steps[i++] };
    },
  });
  assert_equals(blob.size, 5);
}, "an object with its own @@iterator is iterated as a sequence");

blobTest("an object with the array @@iterator and a length is iterated by index",
  () => new Blob({ [Symbol.iterator]: Array.prototype[Symbol.iterator], 0: "PASS", length: 1 }), "PASS");

blobTest("a String object is a sequence of its characters", () => new Blob(new String("xyz")), "xyz");

blobTest("a Uint8Array as blobParts is a sequence of numbers that are stringified",
  () => new Blob(new Uint8Array([1, 2, 3])), "123");

// --- order of operations and exceptions -------------------------------------

test(() => {
  const parts = {
    [Symbol.iterator]: Array.prototype[Symbol.iterator],
    get length() {
      throw SENTINEL;
    },
  };
  assert_throws_exactly(SENTINEL, () => new Blob(parts));
}, "an exception from the length getter propagates");

test(() => {
  assert_throws_exactly(SENTINEL, () => new Blob({
    [Symbol.iterator]: Array.prototype[Symbol.iterator],
    length: { valueOf: null, toString() { throw SENTINEL; } },
  }), "from toString");
  assert_throws_exactly(SENTINEL, () => new Blob({
    [Symbol.iterator]: Array.prototype[Symbol.iterator],
    length: { valueOf() { throw SENTINEL; } },
  }), "from valueOf");
}, "an exception from converting length to a number propagates");

test(() => {
  const steps = [];
  const parts = {
    get [Symbol.iterator]() {
      steps.push("@@iterator");
      return Array.prototype[Symbol.iterator];
    },
    get length() {
      steps.push("get length");
      return { valueOf() { steps.push("length valueOf"); return 3; } };
    },
    get 0() {
      steps.push("get 0");
      return { toString() { steps.push("0 toString"); return "a"; } };
    },
    get 1() {
      steps.push("get 1");
      throw SENTINEL;
    },
    get 2() {
      steps.push("get 2");
      return "never";
    },
  };
  assert_throws_exactly(SENTINEL, () => new Blob(parts));
  // The array iterator re-reads length on every step; each element is
  // converted right after it is read; nothing happens after the exception.
  assert_array_equals(steps, [
    "@@iterator",
    "get length", "length valueOf", "get 0", "0 toString",
    "get length", "length valueOf", "get 1",
  ]);
}, "getters and conversions run in order until one throws");

test(() => {
  assert_throws_exactly(SENTINEL, () => new Blob([{ toString() { throw SENTINEL; } }]), "toString throws");
  assert_throws_exactly(SENTINEL, () => new Blob([{ toString: undefined, valueOf() { throw SENTINEL; } }]), "valueOf throws");
  assert_throws_exactly(SENTINEL, () => new Blob([{
    toString() { throw SENTINEL; },
    valueOf() { throw new Error("valueOf must not be called when toString exists"); },
  }]), "toString is tried first");
  assert_throws_js(TypeError, () => new Blob([{ toString: null, valueOf: null }]), "neither is callable");
}, "elements are converted with ToString and its exceptions propagate");

blobTest("removing an element while converting an earlier one is seen", () => {
  const parts = [
    { toString() { parts.pop(); return "PASS"; } },
    { toString() { throw new Error("the removed element must not be converted"); } },
  ];
  return new Blob(parts);
}, "PASS");

blobTest("inserting at the front while converting is seen by index", () => {
  const parts = [
    {
      toString() {
        if (parts.length === 3) return "A";
        parts.unshift({ toString() { throw new Error("index 0 is only read once"); } });
        return "P";
      },
    },
    { toString() { return "SS"; } },
  ];
  return new Blob(parts);
}, "PASS");

blobTest("elements that are not Blobs or buffers are stringified", () => new Blob([
  null,
  undefined,
  true,
  false,
  0,
  1,
  new String("stringobject"),
  [],
  ["x", "y"],
  {},
  { 0: "FAIL", length: 1 },
  { toString() { return "stringA"; } },
  { toString: undefined, valueOf() { return "stringB"; } },
  { valueOf() { throw new Error("Object.prototype.toString comes first"); } },
]), "nullundefinedtruefalse01stringobjectx,y[object Object][object Object]stringAstringB[object Object]");

// --- buffer and Blob parts ---------------------------------------------------

blobTest("an ArrayBuffer part contributes its bytes", () => new Blob([new ArrayBuffer(8)]), "\0\0\0\0\0\0\0\0");

// Each view spells "PASS" in little-endian memory.
blobTest("typed-array parts contribute their bytes", () => new Blob([
  new Uint8Array([0x50, 0x41, 0x53, 0x53]),
  new Int8Array([0x50, 0x41, 0x53, 0x53]),
  new Uint16Array([0x4150, 0x5353]),
  new Int16Array([0x4150, 0x5353]),
  new Uint32Array([0x53534150]),
  new Int32Array([0x53534150]),
  new Float32Array([0xD341500000]),
]), "PASSPASSPASSPASSPASSPASSPASS");

// 0x5353415053534150 as the bit pattern of a double: sign +, exponent
// 0x535, mantissa 0x3415053534150.
blobTest("a Float64Array part contributes its bytes",
  () => new Blob([new Float64Array([2510297372767036725005267563121821874921913208671273727396467555337665343087229079989707079680])]),
  "PASSPASS");

blobTest("a Blob part may appear twice", () => {
  const part = new Blob(["foo"]);
  return new Blob([part, part]);
}, "foofoo");

blobBytesTest("an ArrayBuffer part may appear twice", () => {
  const bytes = new Uint8Array([0, 255, 0]);
  return new Blob([bytes.buffer, bytes.buffer]);
}, [0, 255, 0, 0, 255, 0]);

blobBytesTest("a view contributes only its own range of the buffer", () => {
  const bytes = new Uint8Array([0, 255, 0, 4]);
  assert_equals(new Blob([bytes, bytes]).size, 8, "two whole views");
  const tail = new Uint16Array(bytes.buffer, 2);
  return new Blob([tail, bytes.buffer, tail]);
}, [0, 4, 0, 255, 0, 4, 0, 4]);

blobTest("a buffer, a Blob and a string mix", () => new Blob([new Uint8Array([0]).buffer, new Blob(["fo"]), "foo"]), "\0fofoo");

// --- the options bag -------------------------------------------------------

test(() => {
  const read = [];
  const converted = [];
  new Blob([], {
    get type() { read.push("type"); },
    get endings() { read.push("endings"); },
  });
  new Blob([], {
    type: { toString: () => { converted.push("type"); return ""; } },
    endings: { toString: () => { converted.push("endings"); return "transparent"; } },
  });
  assert_array_equals(read, ["endings", "type"], "getters");
  assert_array_equals(converted, ["endings", "type"], "conversions");
}, "options members are read and converted in lexicographic order");

test(() => {
  assert_throws_exactly(SENTINEL, () => new Blob(
    [{ toString() { throw SENTINEL; } }],
    { get type() { throw new Error("options must not be read before blobParts is converted"); } },
  ));
}, "blobParts is converted before options is read");

const DEFAULT_OPTIONS = [
  ["null", () => null],
  ["undefined", () => undefined],
  ["{}", () => ({})],
  ["an object with an unknown member", () => ({ unrecognized: true })],
  ["a RegExp", () => /regex/],
  ["a function", () => function () {}],
];

for (const [label, make] of DEFAULT_OPTIONS) {
  blobTest("options = " + label + " uses the defaults", () => new Blob([], make()), "");
  // The default endings, "transparent", leaves line breaks alone.
  blobTest("options = " + label + " keeps line breaks as they are", () => new Blob(["\na\r\nb\n\rc\r"], make()), "\na\r\nb\n\rc\r");
}

for (const options of [123, 123.4, true, "abc"]) {
  test(() => {
    assert_throws_js(TypeError, () => new Blob([], options));
  }, "options = " + JSON.stringify(options) + " throws a TypeError");
}

// --- the type option ----------------------------------------------------------

// [bytes, type given, type stored]
const TYPES = [
  [[], "", ""],
  [[], "a", "a"],
  [[], "A", "a"],
  [[], "text/html", "text/html"],
  [[], "TEXT/HTML", "text/html"],
  [[], "text/plain;charset=utf-8", "text/plain;charset=utf-8"],
  [[], "\u00E5", ""],
  [[], "\uD801\uDC7E", ""],
  [[], " image/gif ", " image/gif "],
  [[], "\timage/gif\t", ""],
  [[], "image/gif;\u007f", ""],
  [[], "\u0130mage/gif", ""],
  [[], "\u0131mage/gif", ""],
  [[], "image/gif\u0000", ""],
  // The type is never sniffed from the content.
  [[0x3C, 0x48, 0x54, 0x4D, 0x4C, 0x3E], "unknown/unknown", "unknown/unknown"],
  [[0x00, 0xFF], "text/plain", "text/plain"],
  [[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], "image/png", "image/png"],
];

// Quotes a string for a subtest name, escaping everything outside printable ASCII.
function quoted(string) {
  return "\"" + string.replace(/[^\x20-\x7e]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")) + "\"";
}

TYPES.forEach(([bytes, given, stored], index) => {
  test(() => {
    const blob = new Blob([new Uint8Array(bytes).buffer], { type: given });
    assert_equals(blob.type, stored);
  }, "type " + quoted(given) + " becomes " + quoted(stored) + " (case " + index + ")");
});
