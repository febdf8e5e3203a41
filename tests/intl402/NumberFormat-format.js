// Intl.NumberFormat.prototype.format: actual output in en-US and a few
// other locales. Derived from test262's test/intl402/NumberFormat/prototype/format/
// (signDisplay-*, signDisplay-currency-*, useGrouping-*, engineering-scientific-*,
// format-fraction-digits*, format-significant-digits*, format-rounding-mode-*,
// format-rounding-increment-*, format-rounding-priority-*, value-*,
// units*, percent-formatter, default-value, 11.3.2_*, ...), rewritten for jsbox.
// Expected strings follow CLDR; U+00A0 and U+202F are written as escapes.

function fmt(locale, options, value) {
  return new Intl.NumberFormat(locale, options).format(value);
}

test(() => {
  assert.sameValue(new Intl.NumberFormat("en").format(), "NaN");
  assert.sameValue(new Intl.NumberFormat("en").format(undefined), "NaN");
}, "NumberFormat/prototype/format/default-value.js: a missing value formats as NaN");

test(() => {
  assert.sameValue(fmt("en-US", {}, 1234567.891), "1,234,567.891");
  assert.sameValue(fmt("en-US", {}, 0), "0");
  assert.sameValue(fmt("en-US", {}, -0), "-0");
  assert.sameValue(fmt("en-US", {}, 0.1), "0.1");
  assert.sameValue(fmt("en-US", {}, -1234.5), "-1,234.5");
}, "NumberFormat/prototype/format/11.3.2_TRF.js: basic decimal formatting in en-US");

test(() => {
  assert.sameValue(fmt("en-US", {}, 1.0005), "1.001");
  assert.sameValue(fmt("en-US", {}, 1.0004), "1");
  assert.sameValue(fmt("en-US", {}, 123.4567), "123.457");
}, "NumberFormat/prototype/format/11.3.2_TRF.js: default rounding to 3 fraction digits");

test(() => {
  assert.sameValue(fmt("en", {}, NaN), "NaN");
  assert.sameValue(fmt("en", {}, Infinity), "∞");
  assert.sameValue(fmt("en", {}, -Infinity), "-∞");
  assert.sameValue(fmt("en", { signDisplay: "always" }, Infinity), "+∞");
}, "NumberFormat/prototype/format/format-non-finite-numbers.js: NaN and infinities");

test(() => {
  assert.sameValue(fmt("en", { style: "percent" }, Infinity), "∞%");
  assert.sameValue(fmt("en", { style: "currency", currency: "USD" }, -Infinity), "-$∞");
}, "NumberFormat/prototype/format/format-non-finite-numbers.js: infinities with percent and currency");

test(() => {
  assert.sameValue(fmt("en", {}, 12345678901234567890n), "12,345,678,901,234,567,890");
  assert.sameValue(fmt("en", {}, -5n), "-5");
  assert.sameValue(fmt("en", {}, 0n), "0");
  assert.sameValue(fmt("en", { style: "percent" }, 1n), "100%");
}, "NumberFormat/prototype/format/bigint.js: BigInt values are formatted exactly");

test(() => {
  assert.sameValue(fmt("en", {}, "987654321987654321"), "987,654,321,987,654,321");
  assert.sameValue(fmt("en", {}, "-987654321987654321"), "-987,654,321,987,654,321");
  assert.sameValue(fmt("en", { maximumFractionDigits: 20 }, "1.0000000000000001"), "1.0000000000000001");
  assert.sameValue(fmt("en", { maximumFractionDigits: 20 }, "-1.0000000000000001"), "-1.0000000000000001");
}, "NumberFormat/prototype/format/value-decimal-string.js: decimal strings keep their full precision");

test(() => {
  assert.sameValue(fmt("en", {}, "100000"), "100,000");
  assert.sameValue(fmt("en", {}, "-100000"), "-100,000");
  assert.sameValue(fmt("en", {}, "Infinity"), "∞");
  assert.sameValue(fmt("en", {}, "-Infinity"), "-∞");
  assert.sameValue(fmt("en", {}, "-0"), "-0");
}, "NumberFormat/prototype/format/value-decimal-string.js: signs and Infinity in strings");

test(() => {
  assert.sameValue(fmt("en", {}, "1e400"), "∞", "a decimal beyond the Number range rounds to infinity");
  assert.sameValue(fmt("en", {}, "-1e400"), "-∞");
  assert.sameValue(fmt("en", {}, "1e-400"), "0");
}, "NumberFormat/prototype/format/intl-mathematical-value-extremes.js: huge exponents in strings");

test(() => {
  assert.sameValue(fmt("en", { maximumFractionDigits: 2, minimumFractionDigits: 2 }, "1.50"), "1.50");
  assert.sameValue(fmt("en", {}, "1.500000000000000000000000000000"), "1.5");
  assert.sameValue(fmt("en", {}, "0.000"), "0");
}, "NumberFormat/prototype/format/value-decimal-string-trailing-zeros.js: trailing zeros in strings do not matter");

test(() => {
  assert.sameValue(fmt("en", {}, " 123 "), "123");
  assert.sameValue(fmt("en", {}, "0x10"), "16");
  assert.sameValue(fmt("en", {}, "0b11"), "3");
  assert.sameValue(fmt("en", {}, "0o17"), "15");
  assert.sameValue(fmt("en", {}, ""), "0");
  assert.sameValue(fmt("en", {}, "abc"), "NaN");
  assert.sameValue(fmt("en", {}, "1_000"), "NaN");
}, "NumberFormat/prototype/format/intl-mathematical-non-decimal.js: strings follow StringNumericLiteral");

test(() => {
  assert.sameValue(fmt("en", {}, "0x1fffffffffffff1"), "144,115,188,075,855,857");
}, "NumberFormat/prototype/format/intl-mathematical-non-decimal.js: hex strings are exact beyond 2**53");

test(() => {
  assert.sameValue(fmt("en", {}, null), "0");
  assert.sameValue(fmt("en", {}, true), "1");
  assert.sameValue(fmt("en", {}, false), "0");
  assert.sameValue(fmt("en", {}, { valueOf() { return 42; } }), "42");
  assert.sameValue(fmt("en", {}, [7]), "7");
}, "NumberFormat/prototype/format/value-tonumber.js: other values go through ToPrimitive");

test(() => {
  assert.throws(TypeError, () => fmt("en", {}, Symbol()));
  assert.throws(EvalError, () => fmt("en", {}, { valueOf() { throw new EvalError("valueOf"); } }));
}, "NumberFormat/prototype/format/value-tonumber.js: symbols throw, abrupt valueOf propagates");

test(() => {
  const nf = new Intl.NumberFormat("en");
  assert.sameValue(nf.format({ valueOf() { return 12345678901234567890n; } }), "12,345,678,901,234,567,890");
}, "NumberFormat/prototype/format/value-tonumber.js: an object whose valueOf gives a BigInt stays exact");

test(() => {
  assert.sameValue(fmt("en", { minimumIntegerDigits: 3 }, 5), "005");
  assert.sameValue(fmt("en", { minimumIntegerDigits: 5 }, 1234.5), "01,234.5");
  assert.sameValue(fmt("en", { minimumIntegerDigits: 3, useGrouping: false }, -5), "-005");
}, "NumberFormat/prototype/format/format-min-integer-digits.js: minimumIntegerDigits pads with zeros");

const fractionCases = [
  [{ minimumFractionDigits: 2 }, 1, "1.00"],
  [{ minimumFractionDigits: 2 }, 1.23456, "1.235"],
  [{ maximumFractionDigits: 0 }, 1.5, "2"],
  [{ maximumFractionDigits: 0 }, 2.5, "3"],
  [{ maximumFractionDigits: 0 }, -2.5, "-3"],
  [{ maximumFractionDigits: 1 }, 1.25, "1.3"],
  [{ minimumFractionDigits: 3, maximumFractionDigits: 5 }, 1.1, "1.100"],
  [{ minimumFractionDigits: 3, maximumFractionDigits: 5 }, 1.123456, "1.12346"],
  [{ maximumFractionDigits: 2 }, 0.005, "0.01"],
  [{ maximumFractionDigits: 2 }, 0.004, "0"],
];
test(() => {
  for (const [options, value, expected] of fractionCases) {
    assert.sameValue(fmt("en", options, value), expected, JSON.stringify(options) + " " + value);
  }
}, "NumberFormat/prototype/format/format-fraction-digits.js: minimum and maximum fraction digits");

const significantCases = [
  [{ maximumSignificantDigits: 3 }, 123456, "123,000"],
  [{ maximumSignificantDigits: 3 }, 0.00123456, "0.00123"],
  [{ maximumSignificantDigits: 1 }, 0.95, "1"],
  [{ minimumSignificantDigits: 5 }, 1.5, "1.5000"],
  [{ minimumSignificantDigits: 3, maximumSignificantDigits: 5 }, 123.456789, "123.46"],
  [{ minimumSignificantDigits: 3, maximumSignificantDigits: 5 }, 1, "1.00"],
  [{ maximumSignificantDigits: 2 }, 99.5, "100"],
];
test(() => {
  for (const [options, value, expected] of significantCases) {
    assert.sameValue(fmt("en", options, value), expected, JSON.stringify(options) + " " + value);
  }
}, "NumberFormat/prototype/format/format-significant-digits.js: minimum and maximum significant digits");

const roundingModes = {
  ceil:       { "1.101": "1.2", "1.15": "1.2", "1.1999": "1.2", "1.25": "1.3", "-1.101": "-1.1", "-1.15": "-1.1", "-1.1999": "-1.1", "-1.25": "-1.2" },
  floor:      { "1.101": "1.1", "1.15": "1.1", "1.1999": "1.1", "1.25": "1.2", "-1.101": "-1.2", "-1.15": "-1.2", "-1.1999": "-1.2", "-1.25": "-1.3" },
  expand:     { "1.101": "1.2", "1.15": "1.2", "1.1999": "1.2", "1.25": "1.3", "-1.101": "-1.2", "-1.15": "-1.2", "-1.1999": "-1.2", "-1.25": "-1.3" },
  trunc:      { "1.101": "1.1", "1.15": "1.1", "1.1999": "1.1", "1.25": "1.2", "-1.101": "-1.1", "-1.15": "-1.1", "-1.1999": "-1.1", "-1.25": "-1.2" },
  halfCeil:   { "1.101": "1.1", "1.15": "1.2", "1.1999": "1.2", "1.25": "1.3", "-1.101": "-1.1", "-1.15": "-1.1", "-1.1999": "-1.2", "-1.25": "-1.2" },
  halfFloor:  { "1.101": "1.1", "1.15": "1.1", "1.1999": "1.2", "1.25": "1.2", "-1.101": "-1.1", "-1.15": "-1.2", "-1.1999": "-1.2", "-1.25": "-1.3" },
  halfExpand: { "1.101": "1.1", "1.15": "1.2", "1.1999": "1.2", "1.25": "1.3", "-1.101": "-1.1", "-1.15": "-1.2", "-1.1999": "-1.2", "-1.25": "-1.3" },
  halfTrunc:  { "1.101": "1.1", "1.15": "1.1", "1.1999": "1.2", "1.25": "1.2", "-1.101": "-1.1", "-1.15": "-1.1", "-1.1999": "-1.2", "-1.25": "-1.2" },
  halfEven:   { "1.101": "1.1", "1.15": "1.2", "1.1999": "1.2", "1.25": "1.2", "-1.101": "-1.1", "-1.15": "-1.2", "-1.1999": "-1.2", "-1.25": "-1.2" },
};
for (const [roundingMode, cases] of Object.entries(roundingModes)) {
  test(() => {
    const nf = new Intl.NumberFormat("en", { useGrouping: false, roundingMode, maximumSignificantDigits: 2 });
    for (const [input, expected] of Object.entries(cases)) {
      assert.sameValue(nf.format(input), expected, input);
    }
    assert.sameValue(nf.format("0"), "0");
    assert.sameValue(nf.format("-0"), "-0");
  }, "NumberFormat/prototype/format/format-rounding-mode-" + roundingMode.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()) + ".js: " + roundingMode);
}

const incrementCases = [
  [{ roundingIncrement: 2, maximumFractionDigits: 1, minimumFractionDigits: 1 }, { "1.20": "1.2", "1.25": "1.2", "1.30": "1.4", "1.35": "1.4", "1.40": "1.4" }],
  [{ roundingIncrement: 5, maximumFractionDigits: 2, minimumFractionDigits: 2 }, { "1.100": "1.10", "1.125": "1.15", "1.150": "1.15", "1.175": "1.20", "1.200": "1.20" }],
  [{ roundingIncrement: 10, maximumFractionDigits: 2, minimumFractionDigits: 2 }, { "1.100": "1.10", "1.150": "1.20", "1.200": "1.20", "1.250": "1.30" }],
  [{ roundingIncrement: 25, maximumFractionDigits: 2, minimumFractionDigits: 2 }, { "1.000": "1.00", "1.125": "1.25", "1.250": "1.25", "1.375": "1.50", "1.500": "1.50" }],
  [{ roundingIncrement: 50, maximumFractionDigits: 2, minimumFractionDigits: 2 }, { "1.500": "1.50", "1.625": "1.50", "1.750": "2.00", "1.875": "2.00" }],
  [{ roundingIncrement: 100, maximumFractionDigits: 2, minimumFractionDigits: 2 }, { "1.49": "1.00", "1.50": "2.00", "2.00": "2.00" }],
  [{ roundingIncrement: 250, maximumFractionDigits: 3, minimumFractionDigits: 3 }, { "1.000": "1.000", "1.125": "1.250", "1.250": "1.250", "1.375": "1.500" }],
  [{ roundingIncrement: 5000, maximumFractionDigits: 4, minimumFractionDigits: 4 }, { "1.0000": "1.0000", "1.2500": "1.5000", "1.7499": "1.5000", "1.7500": "2.0000" }],
  [{ roundingIncrement: 5, maximumFractionDigits: 0, minimumFractionDigits: 0 }, { "12": "10", "12.5": "15", "17": "15", "18": "20" }],
];
for (const [options, cases] of incrementCases) {
  test(() => {
    const nf = new Intl.NumberFormat("en", options);
    for (const [input, expected] of Object.entries(cases)) {
      assert.sameValue(nf.format(input), expected, input);
    }
  }, "NumberFormat/prototype/format/format-rounding-increment-" + options.roundingIncrement + ".js: increment " + options.roundingIncrement + " with " + options.maximumFractionDigits + " fraction digits");
}

test(() => {
  const nf = new Intl.NumberFormat("en", { roundingIncrement: 5, maximumFractionDigits: 2, minimumFractionDigits: 2, roundingMode: "floor" });
  assert.sameValue(nf.format("1.19"), "1.15");
  assert.sameValue(nf.format("-1.11"), "-1.15");
}, "NumberFormat/prototype/format/format-rounding-increment-5.js: the increment combines with the rounding mode");

test(() => {
  assert.sameValue(fmt("en", { roundingPriority: "lessPrecision", maximumSignificantDigits: 2, maximumFractionDigits: 2 }, "1.23"), "1.2");
  assert.sameValue(fmt("en", { roundingPriority: "lessPrecision", maximumSignificantDigits: 3, maximumFractionDigits: 1 }, "1.234"), "1.2");
  assert.sameValue(fmt("en", { roundingPriority: "lessPrecision", minimumSignificantDigits: 2 }, "1"), "1", "fraction digits 0..3 are less precise");
  assert.sameValue(fmt("en", { roundingPriority: "lessPrecision", minimumSignificantDigits: 2, minimumFractionDigits: 2 }, "1"), "1.00",
    "maximumFractionDigits 3 rounds less precisely than maximumSignificantDigits 21");
}, "NumberFormat/prototype/format/format-rounding-priority-less-precision.js: the less precise constraint wins");

test(() => {
  assert.sameValue(fmt("en", { roundingPriority: "morePrecision", maximumSignificantDigits: 2, maximumFractionDigits: 2 }, "1.23"), "1.23");
  assert.sameValue(fmt("en", { roundingPriority: "morePrecision", maximumSignificantDigits: 3, maximumFractionDigits: 1 }, "1.234"), "1.23");
  assert.sameValue(fmt("en", { roundingPriority: "morePrecision", minimumSignificantDigits: 2, minimumFractionDigits: 2 }, "1"), "1.0",
    "maximumSignificantDigits 21 is the more precise side, with its minimum of 2 digits");
}, "NumberFormat/prototype/format/format-rounding-priority-more-precision.js: the more precise constraint wins");

test(() => {
  assert.sameValue(fmt("en", { minimumFractionDigits: 2, trailingZeroDisplay: "stripIfInteger" }, 1), "1");
  assert.sameValue(fmt("en", { minimumFractionDigits: 2, trailingZeroDisplay: "stripIfInteger" }, 1.5), "1.50");
  assert.sameValue(fmt("en", { minimumFractionDigits: 2, trailingZeroDisplay: "stripIfInteger" }, 1.0001), "1", "rounds to an integer");
  assert.sameValue(fmt("en", { minimumFractionDigits: 2, trailingZeroDisplay: "auto" }, 1), "1.00");
}, "NumberFormat/prototype/format/format-trailing-zero-display.js: stripIfInteger drops zeros only for integers");

test(() => {
  assert.sameValue(fmt("en", { style: "currency", currency: "USD", trailingZeroDisplay: "stripIfInteger" }, 5), "$5");
  assert.sameValue(fmt("en", { style: "currency", currency: "USD", trailingZeroDisplay: "stripIfInteger" }, 5.1), "$5.10");
}, "NumberFormat/prototype/format/format-trailing-zero-display.js: stripIfInteger with currency");

const signDisplayEn = [
  ["auto", "-987", "-0", "0", "987"],
  ["always", "-987", "-0", "+0", "+987"],
  ["never", "987", "0", "0", "987"],
  ["exceptZero", "-987", "0", "0", "+987"],
  ["negative", "-987", "0", "0", "987"],
];
for (const [signDisplay, negative, negativeZero, zero, positive] of signDisplayEn) {
  test(() => {
    const nf = new Intl.NumberFormat("en-US", { signDisplay });
    assert.sameValue(nf.format(-987), negative, "-987");
    assert.sameValue(nf.format(-0), negativeZero, "-0");
    assert.sameValue(nf.format(0), zero, "0");
    assert.sameValue(nf.format(987), positive, "987");
  }, "NumberFormat/prototype/format/signDisplay-en-US.js: signDisplay " + signDisplay);
}

test(() => {
  const nf = new Intl.NumberFormat("en-US", { signDisplay: "exceptZero" });
  assert.sameValue(nf.format(0.0001), "0", "rounds to zero");
  assert.sameValue(nf.format(-0.0001), "0", "rounds to negative zero");
  assert.sameValue(nf.format(NaN), "NaN");
}, "NumberFormat/prototype/format/signDisplay-rounding.js: exceptZero looks at the rounded value");

test(() => {
  const nf = new Intl.NumberFormat("en-US", { signDisplay: "negative" });
  assert.sameValue(nf.format(-0.0001), "0");
  assert.sameValue(nf.format(-0.001), "-0.001");
}, "NumberFormat/prototype/format/signDisplay-negative-en-US.js: negative hides the sign of a value that rounds to zero");

const signDisplayCurrencyEn = [
  ["auto", "($987.00)", "($0.00)", "$0.00", "$987.00"],
  ["always", "($987.00)", "($0.00)", "+$0.00", "+$987.00"],
  ["never", "$987.00", "$0.00", "$0.00", "$987.00"],
  ["exceptZero", "($987.00)", "$0.00", "$0.00", "+$987.00"],
  ["negative", "($987.00)", "$0.00", "$0.00", "$987.00"],
];
for (const [signDisplay, negative, negativeZero, zero, positive] of signDisplayCurrencyEn) {
  test(() => {
    const nf = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", currencySign: "accounting", signDisplay });
    assert.sameValue(nf.format(-987), negative, "-987");
    assert.sameValue(nf.format(-0), negativeZero, "-0");
    assert.sameValue(nf.format(0), zero, "0");
    assert.sameValue(nf.format(987), positive, "987");
  }, "NumberFormat/prototype/format/signDisplay-currency-en-US.js: accounting with signDisplay " + signDisplay);
}

test(() => {
  const nf = new Intl.NumberFormat("de-DE", { signDisplay: "always" });
  assert.sameValue(nf.format(-987), "-987");
  assert.sameValue(nf.format(0), "+0");
  assert.sameValue(nf.format(987), "+987");
  assert.sameValue(nf.format(-0), "-0");
}, "NumberFormat/prototype/format/signDisplay-de-DE.js: signDisplay always in de-DE");

test(() => {
  const nf = new Intl.NumberFormat("de-DE", { style: "currency", currency: "USD", currencySign: "accounting", signDisplay: "exceptZero" });
  assert.sameValue(nf.format(-987), "-987,00\u00a0$");
  assert.sameValue(nf.format(0), "0,00\u00a0$");
  assert.sameValue(nf.format(987), "+987,00\u00a0$");
}, "NumberFormat/prototype/format/signDisplay-currency-de-DE.js: de-DE accounting has no parentheses");

test(() => {
  const nf = new Intl.NumberFormat("ja-JP", { style: "currency", currency: "USD", currencySign: "accounting", signDisplay: "always" });
  assert.sameValue(nf.format(-987), "($987.00)");
  assert.sameValue(nf.format(987), "+$987.00");
}, "NumberFormat/prototype/format/signDisplay-currency-ja-JP.js: ja-JP accounting uses parentheses");

test(() => {
  const nf = new Intl.NumberFormat("ko-KR", { signDisplay: "exceptZero" });
  assert.sameValue(nf.format(-987), "-987");
  assert.sameValue(nf.format(-0), "0");
  assert.sameValue(nf.format(987), "+987");
}, "NumberFormat/prototype/format/signDisplay-ko-KR.js: signDisplay exceptZero in ko-KR");

test(() => {
  assert.sameValue(fmt("en-US", {}, 987654321), "987,654,321");
  assert.sameValue(fmt("en-US", { useGrouping: false }, 987654321), "987654321");
  assert.sameValue(fmt("en-US", { useGrouping: "always" }, 1000), "1,000");
  assert.sameValue(fmt("en-US", { useGrouping: "min2" }, 1000), "1000");
  assert.sameValue(fmt("en-US", { useGrouping: "min2" }, 10000), "10,000");
}, "NumberFormat/prototype/format/useGrouping-extended-en-US.js: grouping strategies in en-US");

test(() => {
  assert.sameValue(fmt("en-US", { notation: "compact" }, 1000), "1K");
  assert.sameValue(fmt("en-US", { notation: "compact", useGrouping: "always" }, 1000), "1K");
}, "NumberFormat/prototype/format/useGrouping-extended-en-US.js: compact notation groups with min2");

test(() => {
  assert.sameValue(fmt("de-DE", {}, 1000), "1.000");
  assert.sameValue(fmt("de-DE", { useGrouping: "min2" }, 1000), "1000");
  assert.sameValue(fmt("de-DE", { useGrouping: "min2" }, 10000), "10.000");
  assert.sameValue(fmt("de-DE", { useGrouping: false }, 10000), "10000");
}, "NumberFormat/prototype/format/useGrouping-extended-de-DE.js: grouping strategies in de-DE");

test(() => {
  assert.sameValue(fmt("en-IN", {}, 1234567), "12,34,567");
  assert.sameValue(fmt("en-IN", { useGrouping: "always" }, 100000), "1,00,000");
  assert.sameValue(fmt("en-IN", { useGrouping: "min2" }, 1000), "1000");
  assert.sameValue(fmt("hi", {}, 12345678), "1,23,45,678");
}, "NumberFormat/prototype/format/useGrouping-extended-en-IN.js: Indian grouping");

test(() => {
  assert.sameValue(fmt("es", {}, 1234), "1234", "es uses min2 grouping by default");
  assert.sameValue(fmt("es", {}, 12345), "12.345");
  assert.sameValue(fmt("es", { useGrouping: "always" }, 1234), "1.234");
}, "NumberFormat/prototype/format/useGrouping-es.js: es groups only from five digits by default");

const engSci = [
  ["0.345", "345E-3", "3.45E-1"],
  ["3.45", "3.45E0", "3.45E0"],
  ["34.5", "34.5E0", "3.45E1"],
  ["543", "543E0", "5.43E2"],
  ["5430", "5.43E3", "5.43E3"],
  ["543000", "543E3", "5.43E5"],
  ["543211.1", "543.211E3", "5.432E5"],
];
test(() => {
  for (const [input, engineering] of engSci) {
    assert.sameValue(fmt("en-US", { notation: "engineering" }, input), engineering, input);
  }
}, "NumberFormat/prototype/format/engineering-scientific-en-US.js: engineering notation");

test(() => {
  for (const [input, , scientific] of engSci) {
    assert.sameValue(fmt("en-US", { notation: "scientific" }, input), scientific, input);
  }
}, "NumberFormat/prototype/format/engineering-scientific-en-US.js: scientific notation");

test(() => {
  assert.sameValue(fmt("de-DE", { notation: "engineering" }, 0.345), "345E-3");
  assert.sameValue(fmt("de-DE", { notation: "scientific" }, 0.345), "3,45E-1");
  assert.sameValue(fmt("de-DE", { notation: "scientific" }, 543211.1), "5,432E5");
}, "NumberFormat/prototype/format/engineering-scientific-de-DE.js: de-DE uses a decimal comma");

test(() => {
  assert.sameValue(fmt("ja-JP", { notation: "scientific" }, 543211.1), "5.432E5");
  assert.sameValue(fmt("zh-TW", { notation: "engineering" }, 543211.1), "543.211E3");
  assert.sameValue(fmt("ko-KR", { notation: "scientific" }, 0.345), "3.45E-1");
}, "NumberFormat/prototype/format/engineering-scientific-ja-JP.js: ja-JP, zh-TW, ko-KR");

test(() => {
  assert.sameValue(fmt("en", { notation: "scientific" }, 0), "0E0");
  assert.sameValue(fmt("en", { notation: "scientific" }, -1234), "-1.234E3");
  assert.sameValue(fmt("en", { notation: "scientific" }, Infinity), "∞");
}, "NumberFormat/prototype/format/notation-scientific.js: zero, negatives and infinity in scientific notation");

const compactEn = [
  [{}, 987654321, "988M"],
  [{}, 98765432, "99M"],
  [{}, 98765, "99K"],
  [{}, 9876, "9.9K"],
  [{}, 987, "987"],
  [{}, 0.5, "0.5"],
  [{}, 0.0123, "0.012"],
  [{}, -1234, "-1.2K"],
  [{}, 1.5e12, "1.5T"],
  [{ compactDisplay: "long" }, 987654321, "988 million"],
  [{ compactDisplay: "long" }, 9876, "9.9 thousand"],
  [{ compactDisplay: "long" }, 987, "987"],
];
test(() => {
  for (const [options, value, expected] of compactEn.filter(([o]) => !o.compactDisplay)) {
    assert.sameValue(fmt("en-US", Object.assign({ notation: "compact" }, options), value), expected, String(value));
  }
}, "NumberFormat/prototype/format/notation-compact-en-US.js: compactDisplay short");

test(() => {
  for (const [options, value, expected] of compactEn.filter(([o]) => o.compactDisplay)) {
    assert.sameValue(fmt("en-US", Object.assign({ notation: "compact" }, options), value), expected, String(value));
  }
}, "NumberFormat/prototype/format/notation-compact-en-US.js: compactDisplay long");

test(() => {
  assert.sameValue(fmt("de-DE", { notation: "compact" }, 987654321), "988\u00a0Mio.");
  assert.sameValue(fmt("de-DE", { notation: "compact" }, 9876), "9876");
  assert.sameValue(fmt("de-DE", { notation: "compact", compactDisplay: "long" }, 987654321), "988 Millionen");
}, "NumberFormat/prototype/format/notation-compact-de-DE.js: de-DE compact forms");

test(() => {
  assert.sameValue(fmt("ja-JP", { notation: "compact" }, 987654321), "9.9億");
  assert.sameValue(fmt("ja-JP", { notation: "compact" }, 98765), "9.9万");
  assert.sameValue(fmt("zh-TW", { notation: "compact" }, 987654321), "9.9億");
  assert.sameValue(fmt("ko-KR", { notation: "compact" }, 98765), "9.9만");
}, "NumberFormat/prototype/format/notation-compact-ja-JP.js: East Asian myriad-based compact forms");

test(() => {
  assert.sameValue(fmt("en-US", { notation: "compact", maximumFractionDigits: 2 }, 1234567), "1.23M");
  assert.sameValue(fmt("en-US", { notation: "compact", maximumSignificantDigits: 4 }, 1234567), "1.235M");
}, "NumberFormat/prototype/format/notation-compact-digits.js: explicit digit options replace compact rounding");

const currencyCases = [
  ["en-US", { currency: "USD" }, 1234.567, "$1,234.57"],
  ["en-US", { currency: "EUR" }, 1234.567, "€1,234.57"],
  ["en-US", { currency: "JPY" }, 1234.567, "¥1,235"],
  ["en-US", { currency: "GBP" }, -5, "-£5.00"],
  ["en-US", { currency: "CAD" }, 1, "CA$1.00"],
  ["en-US", { currency: "CAD", currencyDisplay: "narrowSymbol" }, 1, "$1.00"],
  ["en-US", { currency: "USD", currencyDisplay: "code" }, 1234.567, "USD\u00a01,234.57"],
  ["en-US", { currency: "USD", currencyDisplay: "name" }, 1234.567, "1,234.57 US dollars"],
  ["en-US", { currency: "EUR", currencyDisplay: "name" }, 1, "1.00 euros"],
  ["en-US", { currency: "XYZ" }, 1, "XYZ\u00a01.00"],
  ["de-DE", { currency: "EUR" }, 1234.567, "1.234,57\u00a0€"],
  ["de-DE", { currency: "USD" }, 1234.567, "1.234,57\u00a0$"],
  ["fr-FR", { currency: "EUR" }, 1234.567, "1\u202f234,57\u00a0€"],
  ["ja-JP", { currency: "JPY" }, 1234.567, "￥1,235"],
  ["en-GB", { currency: "GBP" }, 1234.567, "£1,234.57"],
  ["pt-BR", { currency: "BRL" }, 1234.567, "R$\u00a01.234,57"],
  ["es-ES", { currency: "EUR" }, 1234.567, "1234,57\u00a0€"],
  ["it-IT", { currency: "EUR" }, 1234.567, "1234,57\u00a0€"],
  ["nl-NL", { currency: "EUR" }, 1234.567, "€\u00a01.234,57"],
];
for (const group of [["en-US"], ["de-DE", "fr-FR", "es-ES", "it-IT", "nl-NL"], ["ja-JP", "en-GB", "pt-BR"]]) {
  test(() => {
    for (const [locale, options, value, expected] of currencyCases.filter(([l]) => group.includes(l))) {
      assert.sameValue(fmt(locale, Object.assign({ style: "currency" }, options), value), expected, locale + " " + JSON.stringify(options));
    }
  }, "NumberFormat/prototype/format/currency-display.js: currency formatting in " + group.join(", "));
}

test(() => {
  assert.sameValue(fmt("en-US", { style: "percent" }, 0.256), "26%");
  assert.sameValue(fmt("en-US", { style: "percent" }, -1.5), "-150%");
  assert.sameValue(fmt("en-US", { style: "percent", maximumFractionDigits: 1 }, 0.12345), "12.3%");
  assert.sameValue(fmt("en-US", { style: "percent" }, 12.34), "1,234%");
}, "NumberFormat/prototype/format/percent-formatter.js: percent style in en-US");

test(() => {
  assert.sameValue(fmt("de-DE", { style: "percent" }, 0.256), "26\u00a0%");
  assert(["26\u202f%", "26\u00a0%"].includes(fmt("fr-FR", { style: "percent" }, 0.256)), "fr-FR: a no-break space (U+202F or U+00A0 depending on the CLDR version)");
  assert.sameValue(fmt("ja-JP", { style: "percent" }, 0.256), "26%");
}, "NumberFormat/prototype/format/percent-formatter-locales.js: percent spacing in de, fr, ja");

const unitCases = [
  [{ unit: "kilometer-per-hour" }, 987, "987 km/h"],
  [{ unit: "kilometer-per-hour", unitDisplay: "long" }, 987, "987 kilometers per hour"],
  [{ unit: "kilometer-per-hour", unitDisplay: "narrow" }, 987, "987km/h"],
  [{ unit: "percent" }, 987, "987%"],
  [{ unit: "liter", unitDisplay: "long" }, 1, "1 liter"],
  [{ unit: "liter", unitDisplay: "long" }, 2, "2 liters"],
  [{ unit: "day", unitDisplay: "long" }, 1, "1 day"],
  [{ unit: "megabyte" }, 5, "5 MB"],
  [{ unit: "celsius" }, 21, "21°C"],
  [{ unit: "meter" }, -3.5, "-3.5 m"],
  [{ unit: "mile-per-gallon", unitDisplay: "long" }, 30, "30 miles per gallon"],
  [{ unit: "second", unitDisplay: "narrow" }, 5, "5s"],
];
for (const unitDisplay of ["short", "long", "narrow"]) {
  test(() => {
    for (const [options, value, expected] of unitCases.filter(([o]) => (o.unitDisplay || "short") === unitDisplay)) {
      assert.sameValue(fmt("en-US", Object.assign({ style: "unit" }, options), value), expected, options.unit + " " + value);
    }
  }, "NumberFormat/prototype/format/units.js: unitDisplay " + unitDisplay + " in en-US");
}

test(() => {
  assert.sameValue(fmt("de-DE", { style: "unit", unit: "kilometer-per-hour", unitDisplay: "long" }, 987), "987 Kilometer pro Stunde");
  assert.sameValue(fmt("ja-JP", { style: "unit", unit: "kilometer-per-hour" }, 987), "987 km/h");
  assert.sameValue(fmt("ja-JP", { style: "unit", unit: "kilometer-per-hour", unitDisplay: "long" }, 987), "時速 987 キロメートル");
}, "NumberFormat/prototype/format/unit-ja-JP.js: unit names in de-DE and ja-JP");

test(() => {
  assert.sameValue(fmt("zh-TW", { style: "unit", unit: "kilometer-per-hour", unitDisplay: "long" }, 987), "每小時 987 公里");
}, "NumberFormat/prototype/format/unit-zh-TW.js: unit names in zh-TW");

const localeDecimals = [
  ["de-DE", "1.234.567,891"],
  ["fr-FR", "1\u202f234\u202f567,891"],
  ["es-ES", "1.234.567,891"],
  ["it-IT", "1.234.567,891"],
  ["pt-BR", "1.234.567,891"],
  ["nl-NL", "1.234.567,891"],
  ["ru-RU", "1\u00a0234\u00a0567,891"],
  ["ja-JP", "1,234,567.891"],
  ["zh-CN", "1,234,567.891"],
  ["ko-KR", "1,234,567.891"],
  ["en-GB", "1,234,567.891"],
];
test(() => {
  for (const [locale, expected] of localeDecimals.slice(0, 6)) {
    assert.sameValue(fmt(locale, {}, 1234567.891), expected, locale);
  }
}, "NumberFormat/prototype/format/11.3.2_TRP.js: decimal and group symbols of de, fr, es, it, pt-BR, nl");

test(() => {
  for (const [locale, expected] of localeDecimals.slice(6)) {
    assert.sameValue(fmt(locale, {}, 1234567.891), expected, locale);
  }
}, "NumberFormat/prototype/format/11.3.2_TRP.js: decimal and group symbols of ru, ja, zh, ko, en-GB");

test(() => {
  // CLDR 48 changed the Swiss group separator from U+2019 to U+0027.
  const de = fmt("de-CH", {}, 1234567.891);
  assert(de === "1\u2019234\u2019567.891" || de === "1'234'567.891", "de-CH decimal: " + de);
  const chf = fmt("de-CH", { style: "currency", currency: "CHF" }, 1234.5);
  assert(chf === "CHF\u00a01\u2019234.50" || chf === "CHF\u00a01'234.50", "de-CH currency: " + chf);
}, "NumberFormat/prototype/format/11.3.2_TRP.js: de-CH groups with an apostrophe");

const numberingSystems = [
  ["arab", "١٢٣٤٥٦٧٨٩٠"],
  ["arabext", "۱۲۳۴۵۶۷۸۹۰"],
  ["deva", "१२३४५६७८९०"],
  ["fullwide", "１２３４５６７８９０"],
  ["hanidec", "一二三四五六七八九〇"],
  ["thai", "๑๒๓๔๕๖๗๘๙๐"],
  ["beng", "১২৩৪৫৬৭৮৯০"],
  ["tibt", "༡༢༣༤༥༦༧༨༩༠"],
];
test(() => {
  for (const [ns, digits] of numberingSystems) {
    assert.sameValue(fmt("en-u-nu-" + ns, { useGrouping: false }, 1234567890), digits, ns + " extension");
  }
}, "NumberFormat/prototype/format/numbering-systems.js: digits selected with the nu extension");

test(() => {
  for (const [ns, digits] of numberingSystems) {
    assert.sameValue(fmt("en", { numberingSystem: ns, useGrouping: false }, 1234567890), digits, ns + " option");
  }
}, "NumberFormat/prototype/format/numbering-systems.js: digits selected with the numberingSystem option");

test(() => {
  assert.sameValue(fmt("ar-EG", {}, 1234.5), "١٬٢٣٤٫٥");
}, "NumberFormat/prototype/format/numbering-systems.js: ar-EG uses Arabic-Indic digits and separators");

test(() => {
  const nf = new Intl.NumberFormat("en", { maximumFractionDigits: 20 });
  assert.sameValue(nf.format("0.1"), "0.1");
  assert.sameValue(nf.format(0.1), "0.1", "a Number is formatted from its shortest decimal");
}, "NumberFormat/prototype/format/format-max-min-fraction-significant-digits.js: Numbers use their shortest round-trip digits");

test(() => {
  assert.sameValue(fmt("en", {}, Number.MAX_VALUE).length, 411);
  assert.sameValue(fmt("en", { maximumSignificantDigits: 1, notation: "scientific" }, Number.MIN_VALUE), "5E-324");
}, "NumberFormat/prototype/format/intl-mathematical-value-extremes.js: the largest and smallest Numbers");

test(() => {
  const nf = new Intl.NumberFormat("en");
  assert.sameValue(nf.format(2 ** 53 + 2), "9,007,199,254,740,994");
  assert.sameValue(nf.format(1e21), "1,000,000,000,000,000,000,000");
}, "NumberFormat/prototype/format/intl-mathematical-bounds.js: large integers");
