// Intl.NumberFormat option validation and the digit options' resolution.
// Derived from test262's test/intl402/NumberFormat/ (constructor-*-invalid,
// constructor-unit, constructor-signDisplay*, constructor-notation,
// constructor-compactDisplay-*, constructor-roundingIncrement*,
// constructor-trailingZeroDisplay, currency-*, dft-currency-mnfd-range-check-mxfd,
// 11.1.1_*, 11.1.2, test-option-*, ...), rewritten for jsbox.

function nfResolved(options) {
  return new Intl.NumberFormat("en", options).resolvedOptions();
}

const invalidStringOptions = [
  ["style", ["", "Decimal", "percentage", "currency ", "units"]],
  ["currencyDisplay", ["", "Symbol", "full", "longName"]],
  ["currencySign", ["", "Standard", "accountant", "none"]],
  ["unitDisplay", ["", "Short", "full", "tiny"]],
  ["notation", ["", "Compact", "exponential", "simple"]],
  ["compactDisplay", ["", "Short", "medium", "full"]],
  ["signDisplay", ["", "Auto", "exceptzero", "positive", "yes"]],
  ["roundingMode", ["", "HalfExpand", "half-expand", "halfUp", "round"]],
  ["roundingPriority", ["", "Auto", "more", "lessprecision"]],
  ["trailingZeroDisplay", ["", "Auto", "strip", "stripifinteger"]],
  ["localeMatcher", ["", "bestfit", "Lookup", "best-fit"]],
];
test(() => {
  for (const [option, values] of invalidStringOptions.slice(0, 6)) {
    for (const value of values) {
      assert.throws(RangeError, () => new Intl.NumberFormat("en", { [option]: value }), option + ": " + JSON.stringify(value));
    }
  }
}, "NumberFormat/constructor-options-style-invalid.js: invalid style, currency/unit display and notation values throw a RangeError");

test(() => {
  for (const [option, values] of invalidStringOptions.slice(6)) {
    for (const value of values) {
      assert.throws(RangeError, () => new Intl.NumberFormat("en", { [option]: value }), option + ": " + JSON.stringify(value));
    }
  }
}, "NumberFormat/constructor-options-roundingMode-invalid.js: invalid sign and rounding option values throw a RangeError");

const validStringOptions = [
  ["style", ["decimal", "percent"]],
  ["notation", ["standard", "scientific", "engineering", "compact"]],
  ["signDisplay", ["auto", "never", "always", "exceptZero", "negative"]],
  ["roundingMode", ["ceil", "floor", "expand", "trunc", "halfCeil", "halfFloor", "halfExpand", "halfTrunc", "halfEven"]],
  ["roundingPriority", ["auto", "morePrecision", "lessPrecision"]],
  ["trailingZeroDisplay", ["auto", "stripIfInteger"]],
];
test(() => {
  for (const [option, values] of validStringOptions) {
    for (const value of values) {
      assert.sameValue(nfResolved({ [option]: value })[option], value, option + ": " + value);
    }
  }
}, "NumberFormat/constructor-options-valid.js: every valid style, notation, signDisplay and rounding option is resolved as given");

test(() => {
  for (const value of ["short", "long"]) {
    assert.sameValue(nfResolved({ notation: "compact", compactDisplay: value }).compactDisplay, value);
  }
}, "NumberFormat/constructor-compactDisplay-compact.js: compactDisplay is resolved with compact notation");

test(() => {
  for (const notation of ["standard", "scientific", "engineering"]) {
    const resolved = nfResolved({ notation, compactDisplay: "long" });
    assert.sameValue(Object.prototype.hasOwnProperty.call(resolved, "compactDisplay"), false, notation);
  }
}, "NumberFormat/constructor-compactDisplay-no-compact.js: compactDisplay is not reported without compact notation");

test(() => {
  let read = false;
  new Intl.NumberFormat("en", { notation: "standard", get compactDisplay() { read = true; return "long"; } });
  assert.sameValue(read, true, "compactDisplay is read even when unused");
}, "NumberFormat/constructor-compactDisplay-no-compact.js: compactDisplay is read regardless of notation");

test(() => {
  assert.throws(TypeError, () => new Intl.NumberFormat("en", { style: "currency" }));
}, "NumberFormat/11.1.1_19.js: style currency without a currency throws a TypeError");

test(() => {
  for (const currency of ["", "US", "USDD", "US$", "usd1", "12A", "\u0130SK", "\u00dcSD"]) {
    assert.throws(RangeError, () => new Intl.NumberFormat("en", { style: "currency", currency }), JSON.stringify(currency));
  }
}, "NumberFormat/currency-code-well-formed.js: malformed currency codes throw a RangeError");

test(() => {
  assert.throws(RangeError, () => new Intl.NumberFormat("en", { currency: "US$" }));
  assert.throws(RangeError, () => new Intl.NumberFormat("en", { style: "percent", currency: "12" }));
}, "NumberFormat/currency-code-invalid-other-style.js: a malformed currency throws even when style is not currency");

test(() => {
  assert.sameValue(Object.prototype.hasOwnProperty.call(nfResolved({ currency: "EUR" }), "currency"), false);
}, "NumberFormat/currency-code-invalid-other-style.js: a currency given without currency style is not reported");

test(() => {
  assert.sameValue(nfResolved({ style: "currency", currency: "usd" }).currency, "USD");
  assert.sameValue(nfResolved({ style: "currency", currency: "eUr" }).currency, "EUR");
}, "NumberFormat/currency-code-well-formed.js: currency codes are upper-cased");

test(() => {
  const currency = { toString() { return "jpy"; } };
  assert.sameValue(nfResolved({ style: "currency", currency }).currency, "JPY");
}, "NumberFormat/currency-code-tostring.js: currency goes through ToString");

test(() => {
  const resolved = nfResolved({ style: "currency", currency: "XYZ" });
  assert.sameValue(resolved.currency, "XYZ");
  assert.sameValue(resolved.minimumFractionDigits, 2);
  assert.sameValue(resolved.maximumFractionDigits, 2);
}, "NumberFormat/currency-digits.js: an unknown but well-formed currency has 2 digits");

test(() => {
  const digits = { USD: 2, EUR: 2, JPY: 0, KRW: 0, BHD: 3, KWD: 3, CHF: 2, CLF: 4 };
  for (const [currency, n] of Object.entries(digits)) {
    const resolved = nfResolved({ style: "currency", currency });
    assert.sameValue(resolved.minimumFractionDigits, n, currency + " min");
    assert.sameValue(resolved.maximumFractionDigits, n, currency + " max");
  }
}, "NumberFormat/currency-digits.js: default fraction digits follow ISO 4217 minor units");

test(() => {
  const resolved = nfResolved({ style: "currency", currency: "USD", notation: "compact" });
  assert.sameValue(resolved.minimumFractionDigits, 0);
  assert.sameValue(resolved.maximumFractionDigits, 0);
}, "NumberFormat/currency-digits-nonstandard-notation.js: compact currency formatting does not use currency digits");

test(() => {
  const resolved = nfResolved({ style: "currency", currency: "USD", maximumFractionDigits: 1 });
  assert.sameValue(resolved.minimumFractionDigits, 1);
  assert.sameValue(resolved.maximumFractionDigits, 1);
}, "NumberFormat/dft-currency-mnfd-range-check-mxfd.js: a small maximumFractionDigits lowers the currency minimum");

test(() => {
  const resolved = nfResolved({ style: "currency", currency: "JPY", minimumFractionDigits: 2 });
  assert.sameValue(resolved.minimumFractionDigits, 2);
  assert.sameValue(resolved.maximumFractionDigits, 2);
}, "NumberFormat/dft-currency-mnfd-range-check-mxfd.js: a large minimumFractionDigits raises the currency maximum");

test(() => {
  assert.throws(TypeError, () => new Intl.NumberFormat("en", { style: "unit" }));
}, "NumberFormat/constructor-unit.js: style unit without a unit throws a TypeError");

test(() => {
  for (const unit of ["", "meters", "METER", "meter-per-", "-per-second", "meter-per-second-per-hour", "percent-percent",
    "kilometer-per-hour-", "celsius-per-", "foot-and-inch", "pixel", "em", "century", "acre-foot", "liter-per-100-kilometer"]) {
    assert.throws(RangeError, () => new Intl.NumberFormat("en", { style: "unit", unit }), unit);
  }
}, "NumberFormat/constructor-unit.js: unsanctioned or malformed units throw a RangeError");

test(() => {
  assert.throws(RangeError, () => new Intl.NumberFormat("en", { unit: "meters" }));
}, "NumberFormat/constructor-unit.js: a malformed unit throws even when style is not unit");

test(() => {
  for (const unit of ["meter", "kilometer-per-hour", "liter-per-kilometer", "mile-per-gallon", "megabyte-per-second", "percent"]) {
    const resolved = nfResolved({ style: "unit", unit });
    assert.sameValue(resolved.unit, unit);
    assert.sameValue(resolved.unitDisplay, "short");
  }
}, "NumberFormat/constructor-unit.js: simple and per-compound units are accepted");

test(() => {
  for (const unitDisplay of ["short", "narrow", "long"]) {
    assert.sameValue(nfResolved({ style: "unit", unit: "meter", unitDisplay }).unitDisplay, unitDisplay);
  }
}, "NumberFormat/constructor-unitDisplay.js: unitDisplay is resolved with style unit");

test(() => {
  for (const currencyDisplay of ["code", "symbol", "narrowSymbol", "name"]) {
    assert.sameValue(nfResolved({ style: "currency", currency: "EUR", currencyDisplay }).currencyDisplay, currencyDisplay);
  }
}, "NumberFormat/currency-display.js: currencyDisplay is resolved with style currency");

test(() => {
  for (const currencySign of ["standard", "accounting"]) {
    assert.sameValue(nfResolved({ style: "currency", currency: "EUR", currencySign }).currencySign, currencySign);
  }
}, "NumberFormat/currency-sign.js: currencySign is resolved with style currency");

test(() => {
  const resolved = nfResolved({ style: "decimal", currencyDisplay: "code", currencySign: "accounting", unitDisplay: "long" });
  for (const key of ["currency", "currencyDisplay", "currencySign", "unit", "unitDisplay"]) {
    assert.sameValue(Object.prototype.hasOwnProperty.call(resolved, key), false, key);
  }
}, "NumberFormat/currencyDisplay-unit.js: style-specific options are not reported for other styles");

const digitRanges = [
  ["minimumIntegerDigits", 1, 21],
  ["minimumFractionDigits", 0, 100],
  ["maximumFractionDigits", 0, 100],
  ["minimumSignificantDigits", 1, 21],
  ["maximumSignificantDigits", 1, 21],
];
test(() => {
  for (const [option, min, max] of digitRanges) {
    for (const value of [min - 1, max + 1, -Infinity, Infinity, NaN, "x"]) {
      assert.throws(RangeError, () => new Intl.NumberFormat("en", { [option]: value }), option + " " + String(value));
    }
  }
}, "NumberFormat/11.1.1_17.js: digit options outside their ranges throw a RangeError");

test(() => {
  for (const [option, min] of digitRanges) {
    assert.sameValue(nfResolved({ [option]: min + 0.9 })[option], min, option + " floored");
    assert.sameValue(nfResolved({ [option]: String(min + 1) })[option], min + 1, option + " string converted");
  }
}, "NumberFormat/11.1.1_17.js: digit options are converted with ToNumber and floored");

test(() => {
  assert.sameValue(nfResolved({ maximumFractionDigits: 100 }).maximumFractionDigits, 100);
  assert.sameValue(nfResolved({ minimumFractionDigits: 100 }).minimumFractionDigits, 100);
  assert.sameValue(nfResolved({ minimumSignificantDigits: 21 }).minimumSignificantDigits, 21);
  assert.sameValue(nfResolved({ minimumIntegerDigits: 21 }).minimumIntegerDigits, 21);
}, "NumberFormat/fraction-digits-limits.js: the upper limits (100 fraction, 21 significant/integer digits) are accepted");

test(() => {
  assert.throws(RangeError, () => new Intl.NumberFormat("en", { minimumFractionDigits: 3, maximumFractionDigits: 2 }));
}, "NumberFormat/11.1.1_mnfd-gt-mxfd.js: minimumFractionDigits above maximumFractionDigits throws");

test(() => {
  assert.throws(RangeError, () => new Intl.NumberFormat("en", { minimumSignificantDigits: 3, maximumSignificantDigits: 2 }));
}, "NumberFormat/11.1.1_mnsd-gt-mxsd.js: minimumSignificantDigits above maximumSignificantDigits throws");

test(() => {
  const resolved = nfResolved({ minimumFractionDigits: 5 });
  assert.sameValue(resolved.minimumFractionDigits, 5);
  assert.sameValue(resolved.maximumFractionDigits, 5);
}, "NumberFormat/default-maximum-fraction-digits.js: maximumFractionDigits defaults up to minimumFractionDigits");

test(() => {
  const resolved = nfResolved({ maximumFractionDigits: 1 });
  assert.sameValue(resolved.minimumFractionDigits, 0);
  assert.sameValue(resolved.maximumFractionDigits, 1);
}, "NumberFormat/default-minimum-fraction-digits.js: minimumFractionDigits defaults to 0 for decimals");

test(() => {
  const resolved = nfResolved({ maximumSignificantDigits: 3 });
  assert.sameValue(resolved.minimumSignificantDigits, 1);
  assert.sameValue(resolved.maximumSignificantDigits, 3);
}, "NumberFormat/default-minimum-singificant-digits.js: minimumSignificantDigits defaults to 1");

test(() => {
  const resolved = nfResolved({ minimumSignificantDigits: 4 });
  assert.sameValue(resolved.minimumSignificantDigits, 4);
  assert.sameValue(resolved.maximumSignificantDigits, 21);
}, "NumberFormat/default-maximum-significant-digits.js: maximumSignificantDigits defaults to 21");

test(() => {
  const resolved = nfResolved({ style: "percent" });
  assert.sameValue(resolved.minimumFractionDigits, 0);
  assert.sameValue(resolved.maximumFractionDigits, 0);
}, "NumberFormat/11.1.1_percent-digits.js: percent defaults to 0 fraction digits");

test(() => {
  const resolved = nfResolved({ style: "percent", minimumFractionDigits: 2 });
  assert.sameValue(resolved.maximumFractionDigits, 2);
}, "NumberFormat/11.1.1_percent-digits.js: percent maximum follows a larger minimum");

const increments = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000];
test(() => {
  for (const roundingIncrement of increments) {
    const resolved = nfResolved({ roundingIncrement, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    assert.sameValue(resolved.roundingIncrement, roundingIncrement);
  }
}, "NumberFormat/constructor-roundingIncrement.js: every allowed increment is accepted");

test(() => {
  for (const roundingIncrement of [0, 3, 4, 15, 30, 75, 150, 10000, -1, 5001, NaN]) {
    assert.throws(RangeError, () => new Intl.NumberFormat("en", { roundingIncrement, maximumFractionDigits: 2, minimumFractionDigits: 2 }),
      String(roundingIncrement));
  }
}, "NumberFormat/constructor-roundingIncrement-invalid.js: other increments throw a RangeError");

test(() => {
  assert.throws(TypeError, () => new Intl.NumberFormat("en", { roundingIncrement: 5, maximumSignificantDigits: 2 }));
  assert.throws(TypeError, () => new Intl.NumberFormat("en", { roundingIncrement: 5, roundingPriority: "lessPrecision" }));
}, "NumberFormat/constructor-roundingIncrement-invalid.js: an increment without fraction-digit rounding throws a TypeError");

test(() => {
  assert.throws(RangeError, () => new Intl.NumberFormat("en", { roundingIncrement: 5, minimumFractionDigits: 1, maximumFractionDigits: 2 }));
  assert.throws(RangeError, () => new Intl.NumberFormat("en", { roundingIncrement: 5, maximumFractionDigits: 2 }));
}, "NumberFormat/constructor-roundingIncrement-invalid.js: an increment needs equal minimum and maximum fraction digits");

test(() => {
  const resolved = nfResolved({ roundingIncrement: 5 });
  assert.sameValue(resolved.minimumFractionDigits, 0);
  assert.sameValue(resolved.maximumFractionDigits, 0);
}, "NumberFormat/constructor-roundingIncrement.js: an increment alone forces 0 fraction digits");

test(() => {
  assert.sameValue(nfResolved({ roundingIncrement: "25", maximumFractionDigits: 2, minimumFractionDigits: 2 }).roundingIncrement, 25);
  assert.sameValue(nfResolved({ roundingIncrement: 10.9, maximumFractionDigits: 2, minimumFractionDigits: 2 }).roundingIncrement, 10);
}, "NumberFormat/constructor-roundingIncrement.js: the increment goes through ToNumber and truncation");

test(() => {
  for (const [useGrouping, expected] of [[true, "always"], [false, false], [0, false], ["", false], [null, false],
    ["always", "always"], ["auto", "auto"], ["min2", "min2"], ["true", "auto"], ["false", "auto"], [undefined, "auto"]]) {
    assert.sameValue(nfResolved({ useGrouping }).useGrouping, expected, String(useGrouping));
  }
}, "NumberFormat/test-option-useGrouping.js: useGrouping accepts booleans, the three strings, and falls back for \"true\"/\"false\"");

test(() => {
  assert.throws(RangeError, () => new Intl.NumberFormat("en", { useGrouping: "undefined" }));
  assert.throws(RangeError, () => new Intl.NumberFormat("en", { useGrouping: "min3" }));
  assert.throws(RangeError, () => new Intl.NumberFormat("en", { useGrouping: "Always" }));
}, "NumberFormat/test-option-useGrouping-extended.js: other useGrouping strings throw a RangeError");

test(() => {
  assert.sameValue(nfResolved({ notation: "compact" }).useGrouping, "min2");
  assert.sameValue(nfResolved({ notation: "compact", useGrouping: true }).useGrouping, "always");
}, "NumberFormat/test-option-useGrouping-extended.js: compact notation defaults useGrouping to min2");

test(() => {
  const resolved = nfResolved({ notation: "compact" });
  assert.sameValue(resolved.roundingPriority, "morePrecision");
  assert.sameValue(resolved.minimumFractionDigits, 0);
  assert.sameValue(resolved.maximumFractionDigits, 0);
  assert.sameValue(resolved.minimumSignificantDigits, 1);
  assert.sameValue(resolved.maximumSignificantDigits, 2);
}, "NumberFormat/constructor-notation.js: compact notation rounds to 2 significant digits by default");

test(() => {
  const resolved = nfResolved({ maximumSignificantDigits: 3, maximumFractionDigits: 2, roundingPriority: "lessPrecision" });
  assert.sameValue(resolved.roundingPriority, "lessPrecision");
  assert.sameValue(resolved.minimumSignificantDigits, 1);
  assert.sameValue(resolved.maximumSignificantDigits, 3);
  assert.sameValue(resolved.minimumFractionDigits, 0);
  assert.sameValue(resolved.maximumFractionDigits, 2);
}, "NumberFormat/constructor-roundingPriority.js: lessPrecision reports both digit groups");

test(() => {
  const resolved = nfResolved({ maximumSignificantDigits: 3, maximumFractionDigits: 2 });
  assert.sameValue(resolved.roundingPriority, "auto");
  assert.sameValue(resolved.maximumSignificantDigits, 3);
  assert.sameValue(Object.prototype.hasOwnProperty.call(resolved, "maximumFractionDigits"), false);
}, "NumberFormat/constructor-roundingPriority.js: with priority auto, significant digits win over fraction digits");

test(() => {
  let reads = [];
  const options = {
    get roundingIncrement() { reads.push("roundingIncrement"); return 1; },
    get roundingMode() { reads.push("roundingMode"); return "ceil"; },
    get roundingPriority() { reads.push("roundingPriority"); return "auto"; },
    get trailingZeroDisplay() { reads.push("trailingZeroDisplay"); return "auto"; },
  };
  new Intl.NumberFormat("en", options);
  assert.sameValue(reads.length, 4);
}, "NumberFormat/constructor-options-throwing-getters-rounding-mode.js: each rounding option is read exactly once");

test(() => {
  const resolved = nfResolved({ signDisplay: "negative" });
  assert.sameValue(resolved.signDisplay, "negative");
}, "NumberFormat/constructor-signDisplay-negative.js: signDisplay negative is accepted");

test(() => {
  const options = { style: { toString() { return "percent"; } } };
  assert.sameValue(nfResolved(options).style, "percent");
}, "NumberFormat/11.1.1_32.js: string options go through ToString");

test(() => {
  assert.throws(TypeError, () => new Intl.NumberFormat("en", { style: Symbol("decimal") }));
  assert.throws(TypeError, () => new Intl.NumberFormat("en", { minimumIntegerDigits: Symbol() }));
}, "NumberFormat/11.1.1_32.js: symbol option values throw a TypeError");
