// Array.prototype.toLocaleString and %TypedArray%.prototype.toLocaleString
// under ECMA-402 (locales and options are passed on to each element).
// Derived from test262's test/intl402/Array/prototype/toLocaleString/ and
// test/intl402/TypedArray/prototype/toLocaleString/ (calls-toLocaleString-number-elements.js,
// invoke-element-tolocalestring.js, ...), rewritten for jsbox. The separator
// is the implementation-defined list separator; "," is expected as in test262.

test(() => {
  verifyProperty(Array.prototype, "toLocaleString", { writable: true, enumerable: false, configurable: true });
  verifyProperty(Array.prototype.toLocaleString, "length", { value: 0, writable: false, enumerable: false, configurable: true });
}, "Array/prototype/toLocaleString/length.js: length 0");

test(() => {
  const seen = [];
  const element = { toLocaleString(...args) { seen.push(args); return "x"; } };
  const options = { style: "percent" };
  assert.sameValue([element, element].toLocaleString("de", options), "x,x");
  assert.sameValue(seen.length, 2);
  assert.sameValue(seen[0][0], "de");
  assert.sameValue(seen[0][1], options);
}, "Array/prototype/toLocaleString/invoke-element-tolocalestring.js: locales and options are passed to each element");

test(() => {
  assert.sameValue([1234.5, 2].toLocaleString("de-DE"), "1.234,5,2");
  assert.sameValue([0.25, 1].toLocaleString("en", { style: "percent" }), "25%,100%");
  assert.sameValue([12345678901234567890n].toLocaleString("de-DE"), "12.345.678.901.234.567.890");
}, "Array/prototype/toLocaleString/calls-toLocaleString-number-elements.js: numbers and BigInts use their locale");

test(() => {
  assert.sameValue([new Date(0)].toLocaleString("de-DE", { timeZone: "UTC" }), "1.1.1970, 00:00:00");
  assert.sameValue(["x", null, undefined, "y"].toLocaleString("en"), "x,,,y", "null and undefined are empty");
}, "Array/prototype/toLocaleString/calls-toLocaleString-date-elements.js: dates use locales and options");

test(() => {
  assert.throws(RangeError, () => [1].toLocaleString("en_US"));
  assert.sameValue([].toLocaleString("en_US"), "", "an empty array calls nothing");
}, "Array/prototype/toLocaleString/throws-element-errors.js: element errors propagate");

test(() => {
  assert.sameValue(new Float64Array([1234.5, 2]).toLocaleString("de-DE"), "1.234,5,2");
  assert.sameValue(new Int32Array([-1000, 7]).toLocaleString("en", { style: "currency", currency: "USD" }), "-$1,000.00,$7.00");
  assert.sameValue(new BigInt64Array([10000n]).toLocaleString("de-DE"), "10.000");
}, "TypedArray/prototype/toLocaleString/calls-toLocaleString-number-elements.js: typed array elements use locales and options");

test(() => {
  const saved = Object.getOwnPropertyDescriptor(Number.prototype, "toLocaleString");
  const seen = [];
  Number.prototype.toLocaleString = function (...args) { seen.push(args); return "n"; };
  try {
    assert.sameValue(new Uint8Array([1, 2]).toLocaleString("ja", { minimumFractionDigits: 2 }), "n,n");
  } finally {
    Object.defineProperty(Number.prototype, "toLocaleString", saved);
  }
  assert.sameValue(seen.length, 2);
  assert.sameValue(seen[0][0], "ja");
  assert.sameValue(seen[0][1].minimumFractionDigits, 2);
}, "TypedArray/prototype/toLocaleString/calls-tolocalestring-from-each-value.js: each element's toLocaleString gets the arguments");
