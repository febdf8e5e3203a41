// BigInt.prototype.toLocaleString under ECMA-402. Derived from test262's
// test/intl402/BigInt/prototype/toLocaleString/ (returns-same-results-as-NumberFormat.js,
// throws-same-exceptions-as-NumberFormat.js, en-US.js, de-DE.js, ...), rewritten for jsbox.

test(() => {
  verifyProperty(BigInt.prototype, "toLocaleString", { writable: true, enumerable: false, configurable: true });
  verifyProperty(BigInt.prototype.toLocaleString, "length", { value: 0, writable: false, enumerable: false, configurable: true });
  verifyProperty(BigInt.prototype.toLocaleString, "name", { value: "toLocaleString" });
}, "BigInt/prototype/toLocaleString/length.js: length 0, name");

test(() => {
  assert.sameValue((12345678901234567890n).toLocaleString("en-US"), "12,345,678,901,234,567,890");
  assert.sameValue((-12345n).toLocaleString("en-US"), "-12,345");
  assert.sameValue((0n).toLocaleString("en-US"), "0");
}, "BigInt/prototype/toLocaleString/en-US.js: grouping in en-US");

test(() => {
  assert.sameValue((12345678901234567890n).toLocaleString("de-DE"), "12.345.678.901.234.567.890");
  assert.sameValue((1234n).toLocaleString("de-DE", { style: "currency", currency: "EUR" }), "1.234,00\u00a0€");
}, "BigInt/prototype/toLocaleString/de-DE.js: grouping and currency in de-DE");

test(() => {
  const cases = [
    [123456789n, "en", { notation: "compact" }],
    [5n, "en", { style: "currency", currency: "EUR" }],
    [1n, "en", { style: "percent" }],
    [-987n, "ja-JP", { signDisplay: "always" }],
    [42n, "en", { minimumFractionDigits: 2 }],
    [10n ** 30n, "fr", undefined],
  ];
  for (const [value, locales, options] of cases) {
    assert.sameValue(value.toLocaleString(locales, options), new Intl.NumberFormat(locales, options).format(value), String(value));
  }
}, "BigInt/prototype/toLocaleString/returns-same-results-as-NumberFormat.js: same output as Intl.NumberFormat");

test(() => {
  assert.throws(RangeError, () => (1n).toLocaleString("en-"));
  assert.throws(TypeError, () => (1n).toLocaleString("en", null));
  assert.throws(TypeError, () => (1n).toLocaleString("en", { style: "unit" }));
  assert.throws(RangeError, () => (1n).toLocaleString("en", { notation: "none" }));
}, "BigInt/prototype/toLocaleString/throws-same-exceptions-as-NumberFormat.js: the same errors as the constructor");

test(() => {
  assert.throws(TypeError, () => BigInt.prototype.toLocaleString.call(5));
  assert.throws(TypeError, () => BigInt.prototype.toLocaleString.call("5"));
  assert.throws(TypeError, () => BigInt.prototype.toLocaleString.call({}));
  assert.sameValue(BigInt.prototype.toLocaleString.call(Object(1234n), "en"), "1,234");
}, "BigInt/prototype/toLocaleString/this-bigint-value.js: the this value must be a BigInt");
