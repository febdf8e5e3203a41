// Intl.NumberFormat.prototype.formatToParts, formatRange and
// formatRangeToParts. Derived from test262's
// test/intl402/NumberFormat/prototype/formatToParts/ (main.js, value-tonumber.js,
// signDisplay-*, engineering-scientific-*, unit-*, notation-compact-*,
// percent-en.js, ...) and prototype/formatRange/, prototype/formatRangeToParts/
// (en-US.js, argument-*.js, x-greater-than-y-not-throws.js, ...), rewritten for jsbox.

function parts(locale, options, value) {
  return new Intl.NumberFormat(locale, options).formatToParts(value).map((p) => p.type + ":" + p.value);
}

const partsCases = [
  ["decimal", "en-US", {}, -123456.789, ["minusSign:-", "integer:123", "group:,", "integer:456", "decimal:.", "fraction:789"]],
  ["zero", "en-US", {}, 0, ["integer:0"]],
  ["negative zero", "en-US", {}, -0, ["minusSign:-", "integer:0"]],
  ["plus sign", "en-US", { signDisplay: "always" }, 5, ["plusSign:+", "integer:5"]],
  ["NaN", "en-US", {}, NaN, ["nan:NaN"]],
  ["infinity", "en-US", {}, -Infinity, ["minusSign:-", "infinity:∞"]],
  ["currency", "en-US", { style: "currency", currency: "USD" }, -1234.5, ["minusSign:-", "currency:$", "integer:1", "group:,", "integer:234", "decimal:.", "fraction:50"]],
  ["accounting", "en-US", { style: "currency", currency: "USD", currencySign: "accounting" }, -5, ["literal:(", "currency:$", "integer:5", "decimal:.", "fraction:00", "literal:)"]],
  ["currency name", "en-US", { style: "currency", currency: "USD", currencyDisplay: "name" }, 1, ["integer:1", "decimal:.", "fraction:00", "literal: ", "currency:US dollars"]],
  ["currency code", "en-US", { style: "currency", currency: "USD", currencyDisplay: "code" }, 1, ["currency:USD", "literal:\u00a0", "integer:1", "decimal:.", "fraction:00"]],
  ["percent", "en-US", { style: "percent" }, 0.256, ["integer:26", "percentSign:%"]],
  ["compact short", "en-US", { notation: "compact" }, 1234, ["integer:1", "decimal:.", "fraction:2", "compact:K"]],
  ["compact long", "en-US", { notation: "compact", compactDisplay: "long" }, 1234, ["integer:1", "decimal:.", "fraction:2", "literal: ", "compact:thousand"]],
  ["scientific", "en-US", { notation: "scientific" }, 1234, ["integer:1", "decimal:.", "fraction:234", "exponentSeparator:E", "exponentInteger:3"]],
  ["scientific negative exponent", "en-US", { notation: "scientific" }, 0.0123, ["integer:1", "decimal:.", "fraction:23", "exponentSeparator:E", "exponentMinusSign:-", "exponentInteger:2"]],
  ["engineering", "en-US", { notation: "engineering" }, -0.345, ["minusSign:-", "integer:345", "exponentSeparator:E", "exponentMinusSign:-", "exponentInteger:3"]],
  ["unit short", "en-US", { style: "unit", unit: "kilometer-per-hour" }, 987, ["integer:987", "literal: ", "unit:km/h"]],
  ["unit long", "en-US", { style: "unit", unit: "kilometer-per-hour", unitDisplay: "long" }, 50, ["integer:50", "literal: ", "unit:kilometers per hour"]],
  ["unit narrow", "en-US", { style: "unit", unit: "meter", unitDisplay: "narrow" }, 5, ["integer:5", "unit:m"]],
  ["de-DE currency", "de-DE", { style: "currency", currency: "EUR" }, -1234.5, ["minusSign:-", "integer:1", "group:.", "integer:234", "decimal:,", "fraction:50", "literal:\u00a0", "currency:€"]],
  ["de-DE scientific", "de-DE", { notation: "scientific" }, 0.345, ["integer:3", "decimal:,", "fraction:45", "exponentSeparator:E", "exponentMinusSign:-", "exponentInteger:1"]],
  ["ja-JP compact", "ja-JP", { notation: "compact" }, 98765, ["integer:9", "decimal:.", "fraction:9", "compact:万"]],
  ["ja-JP unit long", "ja-JP", { style: "unit", unit: "kilometer-per-hour", unitDisplay: "long" }, 987, ["unit:時速", "literal: ", "integer:987", "literal: ", "unit:キロメートル"]],
  ["bigint", "en-US", {}, -12345678901234567890n, ["minusSign:-", "integer:12", "group:,", "integer:345", "group:,", "integer:678", "group:,", "integer:901", "group:,", "integer:234", "group:,", "integer:567", "group:,", "integer:890"]],
  ["arab digits", "en-u-nu-arab", {}, 12.5, ["integer:١٢", "decimal:٫", "fraction:٥"]],
];
for (const [title, from, to] of [["plain numbers, signs and special values", 0, 6], ["currencies", 6, 10],
  ["percent, compact, scientific and engineering", 10, 16], ["units", 16, 19], ["other locales, BigInt and numbering systems", 19, 25]]) {
  test(() => {
    for (const [what, locale, options, value, expected] of partsCases.slice(from, to)) {
      assert.compareArray(parts(locale, options, value), expected, what + " (" + locale + ")");
    }
  }, "NumberFormat/prototype/formatToParts/main.js: " + title);
}

const signParts = [
  ["auto", ["minusSign:-", "integer:987"], ["minusSign:-", "integer:0"], ["integer:0"], ["integer:987"]],
  ["always", ["minusSign:-", "integer:987"], ["minusSign:-", "integer:0"], ["plusSign:+", "integer:0"], ["plusSign:+", "integer:987"]],
  ["never", ["integer:987"], ["integer:0"], ["integer:0"], ["integer:987"]],
  ["exceptZero", ["minusSign:-", "integer:987"], ["integer:0"], ["integer:0"], ["plusSign:+", "integer:987"]],
  ["negative", ["minusSign:-", "integer:987"], ["integer:0"], ["integer:0"], ["integer:987"]],
];
for (const [signDisplay, negative, negativeZero, zero, positive] of signParts) {
  test(() => {
    assert.compareArray(parts("en-US", { signDisplay }, -987), negative, "-987");
    assert.compareArray(parts("en-US", { signDisplay }, -0), negativeZero, "-0");
    assert.compareArray(parts("en-US", { signDisplay }, 0), zero, "0");
    assert.compareArray(parts("en-US", { signDisplay }, 987), positive, "987");
  }, "NumberFormat/prototype/formatToParts/signDisplay-en-US.js: signDisplay " + signDisplay);
}

test(() => {
  const result = new Intl.NumberFormat("en").formatToParts(1234.5);
  assert(Array.isArray(result));
  for (const part of result) {
    assert.sameValue(Object.getPrototypeOf(part), Object.prototype);
    assert.compareArray(Object.keys(part), ["type", "value"]);
    verifyProperty(part, "type", { writable: true, enumerable: true, configurable: true });
    assert.sameValue(typeof part.value, "string");
  }
}, "NumberFormat/prototype/formatToParts/main.js: parts are plain {type, value} objects");

test(() => {
  const nf = new Intl.NumberFormat("en", { style: "currency", currency: "EUR", notation: "compact" });
  for (const value of [0, -0, 1, -1.5, 1234, 9876543, NaN, Infinity, 0.000123]) {
    assert.sameValue(nf.formatToParts(value).map((p) => p.value).join(""), nf.format(value), String(value));
  }
}, "NumberFormat/prototype/formatToParts/main.js: joined part values equal format()");

test(() => {
  const nf = new Intl.NumberFormat("en");
  assert.compareArray(nf.formatToParts().map((p) => p.type), ["nan"]);
  assert.compareArray(nf.formatToParts(undefined).map((p) => p.type), ["nan"]);
}, "NumberFormat/prototype/formatToParts/default-parameter.js: no value formats NaN");

test(() => {
  const nf = new Intl.NumberFormat("en");
  assert.compareArray(nf.formatToParts("1e3").map((p) => p.value), ["1", ",", "000"]);
  assert.compareArray(nf.formatToParts(null).map((p) => p.value), ["0"]);
  assert.compareArray(nf.formatToParts(true).map((p) => p.value), ["1"]);
  assert.throws(TypeError, () => nf.formatToParts(Symbol()));
}, "NumberFormat/prototype/formatToParts/value-tonumber.js: values go through ToIntlMathematicalValue");

// formatRange / formatRangeToParts

test(() => {
  const nf = new Intl.NumberFormat("en-US");
  assert.throws(TypeError, () => nf.formatRange(undefined, 23));
  assert.throws(TypeError, () => nf.formatRange(1, undefined));
  assert.throws(TypeError, () => nf.formatRange(undefined, undefined));
  assert.throws(TypeError, () => nf.formatRange());
}, "NumberFormat/prototype/formatRange/undefined-arguments-throws.js: undefined bounds throw a TypeError");

test(() => {
  const nf = new Intl.NumberFormat("en-US");
  assert.throws(RangeError, () => nf.formatRange(NaN, 23));
  assert.throws(RangeError, () => nf.formatRange(12, NaN));
  assert.throws(RangeError, () => nf.formatRange("xyz", 23));
  assert.throws(RangeError, () => nf.formatRange({}, 23));
}, "NumberFormat/prototype/formatRange/nan-arguments-throws.js: NaN bounds (also from strings and objects) throw a RangeError");

test(() => {
  const nf = new Intl.NumberFormat("en-US");
  assert.throws(TypeError, () => nf.formatRange(Symbol(), 23));
  assert.throws(TypeError, () => nf.formatRange(1, Symbol()));
}, "NumberFormat/prototype/formatRange/argument-tonumber-throws.js: symbols throw a TypeError");

test(() => {
  const nf = new Intl.NumberFormat("en-US");
  assert.sameValue(nf.formatRange(23, 12), "23–12");
  assert.sameValue(nf.formatRange(23, 12n), "23–12");
  assert.sameValue(nf.formatRange(23n, 12n), "23–12");
}, "NumberFormat/prototype/formatRange/x-greater-than-y-not-throws.js: a start above the end is formatted as given");

test(() => {
  const nf = new Intl.NumberFormat("en-US");
  assert.sameValue(nf.formatRange(3, 5), "3–5");
  assert.sameValue(nf.formatRange(-5, 5), "-5 – 5");
  assert.sameValue(nf.formatRange(1000, 5000), "1,000–5,000");
  assert.sameValue(nf.formatRange(1, Infinity), "1–∞");
  assert.sameValue(nf.formatRange(-Infinity, Infinity), "-∞ – ∞");
}, "NumberFormat/prototype/formatRange/en-US.js: plain ranges");

test(() => {
  const nf = new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  assert.sameValue(nf.formatRange(3, 5), "€3 – €5");
  assert.sameValue(nf.formatRange(2.9, 3.1), "~€3");
}, "NumberFormat/prototype/formatRange/en-US.js: currency ranges and the approximately sign");

test(() => {
  const nf = new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR", signDisplay: "always" });
  assert.sameValue(nf.formatRange(2.999, 3.001), "~+€3.00");
}, "NumberFormat/prototype/formatRange/en-US.js: approximately with an explicit plus sign");

test(() => {
  const nf = new Intl.NumberFormat("en-US");
  assert.sameValue(nf.formatRange("987654321987654321", "987654321987654322"), "987,654,321,987,654,321–987,654,321,987,654,322");
}, "NumberFormat/prototype/formatRange/en-US.js: decimal strings keep full precision");

test(() => {
  assert.sameValue(new Intl.NumberFormat("en-US", { style: "percent" }).formatRange(0.1, 0.2), "10% – 20%");
  assert.sameValue(new Intl.NumberFormat("en-US", { style: "unit", unit: "meter" }).formatRange(1, 5), "1–5 m");
  assert.sameValue(new Intl.NumberFormat("en-US", { notation: "compact" }).formatRange(1000, 5000), "1K – 5K");
  assert.sameValue(new Intl.NumberFormat("en-US").formatRange(0, 0), "~0");
}, "NumberFormat/prototype/formatRange/en-US.js: percent, unit and compact ranges; equal bounds");

test(() => {
  assert.sameValue(new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }).formatRange(3, 5), "3,00–5,00\u00a0€");
}, "NumberFormat/prototype/formatRange/de-DE.js: a shared currency symbol is collapsed in de-DE");

test(() => {
  const nf = new Intl.NumberFormat("en-US");
  const result = nf.formatRangeToParts(3, 5);
  assert.compareArray(result.map((p) => p.type + ":" + p.value + ":" + p.source),
    ["integer:3:startRange", "literal:–:shared", "integer:5:endRange"]);
  for (const part of result) assert.compareArray(Object.keys(part), ["type", "value", "source"]);
}, "NumberFormat/prototype/formatRangeToParts/en-US.js: parts carry a source");

test(() => {
  const nf = new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  assert.compareArray(nf.formatRangeToParts(2.9, 3.1).map((p) => p.type + ":" + p.value + ":" + p.source),
    ["approximatelySign:~:shared", "currency:€:shared", "integer:3:shared"]);
}, "NumberFormat/prototype/formatRangeToParts/en-US.js: an approximate range is all shared");

test(() => {
  const nf = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
  assert.compareArray(nf.formatRangeToParts(1, 2.5).map((p) => p.source + ":" + p.value),
    ["startRange:$", "startRange:1", "startRange:.", "startRange:00", "shared: – ", "endRange:$", "endRange:2", "endRange:.", "endRange:50"]);
}, "NumberFormat/prototype/formatRangeToParts/en-US.js: currency range parts");

test(() => {
  const nf = new Intl.NumberFormat("en-US");
  assert.throws(TypeError, () => nf.formatRangeToParts(undefined, 1));
  assert.throws(RangeError, () => nf.formatRangeToParts(1, NaN));
  assert.sameValue(nf.formatRangeToParts(5, 3).map((p) => p.value).join(""), "5–3");
}, "NumberFormat/prototype/formatRangeToParts/x-greater-than-y-not-throws.js: argument checks match formatRange");
