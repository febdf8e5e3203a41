// Number.prototype.toLocaleString under ECMA-402. Derived from test262's
// test/intl402/Number/prototype/toLocaleString/ (returns-same-results-as-NumberFormat.js,
// throws-same-exceptions-as-NumberFormat.js, this-number-value.js, length.js,
// default-locale.js, ...), rewritten for jsbox.

test(() => {
  verifyProperty(Number.prototype, "toLocaleString", { writable: true, enumerable: false, configurable: true });
  verifyProperty(Number.prototype.toLocaleString, "length", { value: 0, writable: false, enumerable: false, configurable: true });
  verifyProperty(Number.prototype.toLocaleString, "name", { value: "toLocaleString" });
}, "Number/prototype/toLocaleString/length.js: length 0, name");

test(() => {
  const cases = [
    [1234567.891, undefined, undefined],
    [1234567.891, "de-DE", undefined],
    [-0.5, "en-US", { style: "percent" }],
    [1234.5, "en-US", { style: "currency", currency: "USD" }],
    [1234.5, "ja-JP", { style: "currency", currency: "JPY" }],
    [987654321, "en", { notation: "compact" }],
    [NaN, "fr", undefined],
    [-Infinity, "en", undefined],
    [0.000123, "en", { maximumSignificantDigits: 2 }],
    [5, "en", { style: "unit", unit: "kilometer-per-hour", unitDisplay: "long" }],
  ];
  for (const [value, locales, options] of cases) {
    assert.sameValue(value.toLocaleString(locales, options), new Intl.NumberFormat(locales, options).format(value),
      String(value) + " " + locales + " " + JSON.stringify(options));
  }
}, "Number/prototype/toLocaleString/returns-same-results-as-NumberFormat.js: same output as Intl.NumberFormat");

test(() => {
  assert.sameValue((1234.5).toLocaleString("de-DE"), "1.234,5");
  assert.sameValue((1234.5).toLocaleString("en-US", { style: "currency", currency: "USD" }), "$1,234.50");
  assert.sameValue((0.256).toLocaleString("en", { style: "percent" }), "26%");
  assert.sameValue((1234).toLocaleString("en-u-nu-arab"), "١٬٢٣٤");
}, "Number/prototype/toLocaleString/returns-same-results-as-NumberFormat.js: sample outputs");

test(() => {
  assert.throws(RangeError, () => (1).toLocaleString("en_US"));
  assert.throws(TypeError, () => (1).toLocaleString(null));
  assert.throws(TypeError, () => (1).toLocaleString("en", null));
  assert.throws(TypeError, () => (1).toLocaleString("en", { style: "currency" }));
  assert.throws(RangeError, () => (1).toLocaleString("en", { style: "percentage" }));
  assert.throws(RangeError, () => (1).toLocaleString("en", { maximumFractionDigits: -1 }));
}, "Number/prototype/toLocaleString/throws-same-exceptions-as-NumberFormat.js: the same errors as the constructor");

test(() => {
  assert.throws(TypeError, () => Number.prototype.toLocaleString.call("1"));
  assert.throws(TypeError, () => Number.prototype.toLocaleString.call({}));
  assert.throws(TypeError, () => Number.prototype.toLocaleString.call(undefined));
  assert.throws(TypeError, () => Number.prototype.toLocaleString.call(1n));
}, "Number/prototype/toLocaleString/this-number-value.js: the this value must be a Number");

test(() => {
  assert.sameValue(Number.prototype.toLocaleString.call(new Number(1234.5), "en"), "1,234.5");
  assert.sameValue((-0).toLocaleString("en"), "-0");
}, "Number/prototype/toLocaleString/this-number-value.js: Number objects and negative zero");

test(() => {
  assert.sameValue((1234.5).toLocaleString(), new Intl.NumberFormat().format(1234.5));
  assert.sameValue((1234.5).toLocaleString([]), new Intl.NumberFormat([]).format(1234.5));
}, "Number/prototype/toLocaleString/default-locale.js: no locales uses the default locale");

test(() => {
  assert.sameValue((1234.5).toLocaleString(["zz", "de"]), "1.234,5");
}, "Number/prototype/toLocaleString/locales-list.js: the first supported locale of a list is used");
