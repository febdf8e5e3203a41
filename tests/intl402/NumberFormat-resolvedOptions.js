// Intl.NumberFormat.prototype.resolvedOptions: shapes, key order, defaults.
// Derived from test262's test/intl402/NumberFormat/prototype/resolvedOptions/
// (order*.js, basic.js, return-keys-order-default.js, roundingMode.js, ...)
// and test/intl402/NumberFormat/11.1.1_* , rewritten for jsbox.

test(() => {
  const ro = new Intl.NumberFormat("en-US").resolvedOptions();
  assert.compareArray(Object.keys(ro), ["locale", "numberingSystem", "style", "minimumIntegerDigits",
    "minimumFractionDigits", "maximumFractionDigits", "useGrouping", "notation", "signDisplay", "roundingIncrement",
    "roundingMode", "roundingPriority", "trailingZeroDisplay"]);
}, "NumberFormat/prototype/resolvedOptions/return-keys-order-default.js: default key order");

test(() => {
  const ro = new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).resolvedOptions();
  const keys = Object.keys(ro);
  assert.compareArray(keys.slice(0, 6), ["locale", "numberingSystem", "style", "currency", "currencyDisplay", "currencySign"]);
}, "NumberFormat/prototype/resolvedOptions/order.js: currency keys follow style");

test(() => {
  const ro = new Intl.NumberFormat("en-US", { style: "unit", unit: "meter" }).resolvedOptions();
  const keys = Object.keys(ro);
  assert.compareArray(keys.slice(0, 5), ["locale", "numberingSystem", "style", "unit", "unitDisplay"]);
}, "NumberFormat/prototype/resolvedOptions/order-style-unit.js: unit keys follow style");

test(() => {
  const ro = new Intl.NumberFormat("en-US", { notation: "compact" }).resolvedOptions();
  const keys = Object.keys(ro);
  assert.sameValue(keys.indexOf("compactDisplay"), keys.indexOf("notation") + 1, "compactDisplay right after notation");
  assert(keys.indexOf("maximumSignificantDigits") < keys.indexOf("useGrouping"));
}, "NumberFormat/prototype/resolvedOptions/order-compact.js: compactDisplay follows notation");

test(() => {
  const ro = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 }).resolvedOptions();
  const keys = Object.keys(ro);
  assert(keys.indexOf("minimumSignificantDigits") > keys.indexOf("minimumIntegerDigits"));
  assert.sameValue(keys.indexOf("maximumSignificantDigits"), keys.indexOf("minimumSignificantDigits") + 1);
}, "NumberFormat/prototype/resolvedOptions/order-significant-digits.js: significant digits follow minimumIntegerDigits");

test(() => {
  const ro = new Intl.NumberFormat("en-US").resolvedOptions();
  assert.sameValue(ro.locale, "en-US");
  assert.sameValue(ro.numberingSystem, "latn");
  assert.sameValue(ro.style, "decimal");
  assert.sameValue(ro.minimumIntegerDigits, 1);
  assert.sameValue(ro.minimumFractionDigits, 0);
  assert.sameValue(ro.maximumFractionDigits, 3);
  assert.sameValue(ro.useGrouping, "auto");
  assert.sameValue(ro.notation, "standard");
  assert.sameValue(ro.signDisplay, "auto");
  assert.sameValue(ro.roundingIncrement, 1);
  assert.sameValue(ro.roundingMode, "halfExpand");
  assert.sameValue(ro.roundingPriority, "auto");
  assert.sameValue(ro.trailingZeroDisplay, "auto");
}, "NumberFormat/prototype/resolvedOptions/basic.js: default values");

test(() => {
  const ro = new Intl.NumberFormat("en-US").resolvedOptions();
  for (const key of ["currency", "currencyDisplay", "currencySign", "unit", "unitDisplay", "compactDisplay",
    "minimumSignificantDigits", "maximumSignificantDigits"]) {
    assert.sameValue(Object.prototype.hasOwnProperty.call(ro, key), false, key);
  }
}, "NumberFormat/prototype/resolvedOptions/basic.js: options that do not apply are absent");

test(() => {
  const nf = new Intl.NumberFormat("en-US");
  const a = nf.resolvedOptions();
  const b = nf.resolvedOptions();
  assert.notSameValue(a, b, "a new object each time");
  a.locale = "xx";
  assert.sameValue(nf.resolvedOptions().locale, "en-US", "changing the result does not change the formatter");
}, "NumberFormat/prototype/resolvedOptions/basic.js: a new, detached object each call");

test(() => {
  const ro = new Intl.NumberFormat("en-US").resolvedOptions();
  assert.sameValue(Object.getPrototypeOf(ro), Object.prototype);
  for (const key of Object.keys(ro)) {
    verifyProperty(ro, key, { writable: true, enumerable: true, configurable: true });
  }
}, "NumberFormat/prototype/resolvedOptions/basic.js: an ordinary object with data properties");

test(() => {
  const ro = new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR", currencyDisplay: "name", currencySign: "accounting" }).resolvedOptions();
  assert.sameValue(ro.locale, "de-DE");
  assert.sameValue(ro.style, "currency");
  assert.sameValue(ro.currency, "EUR");
  assert.sameValue(ro.currencyDisplay, "name");
  assert.sameValue(ro.currencySign, "accounting");
  assert.sameValue(ro.minimumFractionDigits, 2);
  assert.sameValue(ro.maximumFractionDigits, 2);
}, "NumberFormat/prototype/resolvedOptions/currency.js: a currency formatter");

test(() => {
  const ro = new Intl.NumberFormat("en", { style: "unit", unit: "kilometer-per-hour", unitDisplay: "long" }).resolvedOptions();
  assert.sameValue(ro.style, "unit");
  assert.sameValue(ro.unit, "kilometer-per-hour");
  assert.sameValue(ro.unitDisplay, "long");
  assert.sameValue(ro.maximumFractionDigits, 3);
}, "NumberFormat/prototype/resolvedOptions/unit.js: a unit formatter");

test(() => {
  const ro = new Intl.NumberFormat("en", { minimumIntegerDigits: 4, minimumFractionDigits: 2, maximumFractionDigits: 6 }).resolvedOptions();
  assert.sameValue(ro.minimumIntegerDigits, 4);
  assert.sameValue(ro.minimumFractionDigits, 2);
  assert.sameValue(ro.maximumFractionDigits, 6);
}, "NumberFormat/prototype/resolvedOptions/digits.js: explicit digit options");

test(() => {
  const ro = new Intl.NumberFormat("en", { minimumSignificantDigits: 2, maximumSignificantDigits: 5 }).resolvedOptions();
  assert.sameValue(ro.minimumSignificantDigits, 2);
  assert.sameValue(ro.maximumSignificantDigits, 5);
  assert.sameValue(Object.prototype.hasOwnProperty.call(ro, "minimumFractionDigits"), false);
}, "NumberFormat/prototype/resolvedOptions/significant-digits.js: significant digits replace fraction digits");

test(() => {
  for (const notation of ["scientific", "engineering"]) {
    const ro = new Intl.NumberFormat("en", { notation }).resolvedOptions();
    assert.sameValue(ro.notation, notation);
    assert.sameValue(ro.maximumFractionDigits, 3, notation);
  }
}, "NumberFormat/prototype/resolvedOptions/notation.js: scientific and engineering keep fraction digits");

test(() => {
  for (const roundingMode of ["ceil", "floor", "expand", "trunc", "halfCeil", "halfFloor", "halfExpand", "halfTrunc", "halfEven"]) {
    assert.sameValue(new Intl.NumberFormat("en", { roundingMode }).resolvedOptions().roundingMode, roundingMode);
  }
}, "NumberFormat/prototype/resolvedOptions/roundingMode.js: the rounding mode is reported as given");

test(() => {
  const ro = new Intl.NumberFormat("en", { roundingIncrement: 50, minimumFractionDigits: 2, maximumFractionDigits: 2 }).resolvedOptions();
  assert.sameValue(ro.roundingIncrement, 50);
  assert.sameValue(ro.minimumFractionDigits, 2);
}, "NumberFormat/prototype/resolvedOptions/roundingIncrement.js: the rounding increment is reported");

test(() => {
  assert.sameValue(new Intl.NumberFormat("en", { trailingZeroDisplay: "stripIfInteger" }).resolvedOptions().trailingZeroDisplay, "stripIfInteger");
}, "NumberFormat/prototype/resolvedOptions/trailingZeroDisplay.js: trailingZeroDisplay is reported");

test(() => {
  for (const [locale, ns] of [["en-u-nu-thai", "thai"], ["en-u-nu-hanidec", "hanidec"], ["de-u-nu-fullwide", "fullwide"], ["en-u-nu-deva", "deva"]]) {
    const ro = new Intl.NumberFormat(locale).resolvedOptions();
    assert.sameValue(ro.numberingSystem, ns, locale);
    assert.sameValue(ro.locale, locale, locale);
  }
}, "NumberFormat/prototype/resolvedOptions/numbering-system.js: the nu extension selects the numbering system");

test(() => {
  assert.sameValue(new Intl.NumberFormat("hi").resolvedOptions().numberingSystem, "latn");
  assert.sameValue(new Intl.NumberFormat("ja").resolvedOptions().numberingSystem, "latn");
  assert.sameValue(new Intl.NumberFormat("ar-EG").resolvedOptions().numberingSystem, "arab");
}, "NumberFormat/prototype/resolvedOptions/default-numbering-system.js: locale default numbering systems");

test(() => {
  for (const locale of ["en", "en-US", "en-GB", "de", "de-CH", "fr", "es", "it", "pt-BR", "nl", "ja", "zh", "zh-TW", "ko", "ru", "ar", "hi"]) {
    assert.sameValue(new Intl.NumberFormat(locale).resolvedOptions().locale, locale, locale);
  }
}, "NumberFormat/prototype/resolvedOptions/locale.js: supported locales resolve to themselves");

test(() => {
  const ro = new Intl.NumberFormat("en-US-u-ca-gregory-nu-latn").resolvedOptions();
  assert.sameValue(ro.locale, "en-US-u-nu-latn");
}, "NumberFormat/prototype/resolvedOptions/locale-extension.js: only relevant extension keys are kept");

test(() => {
  const ro = new Intl.NumberFormat("en", { style: "percent", signDisplay: "exceptZero" }).resolvedOptions();
  assert.sameValue(ro.style, "percent");
  assert.sameValue(ro.signDisplay, "exceptZero");
}, "NumberFormat/prototype/resolvedOptions/percent.js: percent with signDisplay");
