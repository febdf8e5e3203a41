// Intl.RelativeTimeFormat. Derived from test262's test/intl402/RelativeTimeFormat/
// (constructor/constructor/*, constructor/supportedLocalesOf/*, prototype/format/*,
// prototype/formatToParts/*, prototype/resolvedOptions/*, prototype/toStringTag/*),
// rewritten for jsbox.

function rtf(locale, options) {
  return new Intl.RelativeTimeFormat(locale, options);
}

const UNITS = ["second", "minute", "hour", "day", "week", "month", "quarter", "year"];

test(() => {
  verifyProperty(Intl, "RelativeTimeFormat", { writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.RelativeTimeFormat, "length", { value: 0, writable: false, enumerable: false, configurable: true });
  verifyProperty(Intl.RelativeTimeFormat, "name", { value: "RelativeTimeFormat", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.getPrototypeOf(Intl.RelativeTimeFormat), Function.prototype);
}, "RelativeTimeFormat/constructor/constructor/prop-desc.js: descriptor, length 0, name");

test(() => {
  verifyProperty(Intl.RelativeTimeFormat, "prototype", { writable: false, enumerable: false, configurable: false });
  verifyProperty(Intl.RelativeTimeFormat.prototype, "constructor", { value: Intl.RelativeTimeFormat, writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.RelativeTimeFormat.prototype, Symbol.toStringTag, { value: "Intl.RelativeTimeFormat", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.prototype.toString.call(rtf("en")), "[object Intl.RelativeTimeFormat]");
}, "RelativeTimeFormat/prototype/toStringTag/toStringTag.js: prototype, constructor, @@toStringTag");

for (const [method, length] of [["format", 2], ["formatToParts", 2], ["resolvedOptions", 0]]) {
  test(() => {
    verifyProperty(Intl.RelativeTimeFormat.prototype, method, { writable: true, enumerable: false, configurable: true });
    verifyProperty(Intl.RelativeTimeFormat.prototype[method], "length", { value: length, writable: false, enumerable: false, configurable: true });
    verifyProperty(Intl.RelativeTimeFormat.prototype[method], "name", { value: method, writable: false, enumerable: false, configurable: true });
    assert.sameValue(isConstructor(Intl.RelativeTimeFormat.prototype[method]), false);
  }, "RelativeTimeFormat/prototype/" + method + "/prop-desc.js: descriptor, length " + length + ", name");
}

test(() => {
  verifyProperty(Intl.RelativeTimeFormat.supportedLocalesOf, "length", { value: 1 });
  verifyProperty(Intl.RelativeTimeFormat.supportedLocalesOf, "name", { value: "supportedLocalesOf" });
  const result = Intl.RelativeTimeFormat.supportedLocalesOf(["en-us", "de"]);
  assert.compareArray(result, ["en-US", "de"]);
  assert(Array.isArray(result));
}, "RelativeTimeFormat/constructor/supportedLocalesOf/result-type.js: supportedLocalesOf");

test(() => {
  assert.throws(TypeError, () => Intl.RelativeTimeFormat());
  assert.throws(TypeError, () => Intl.RelativeTimeFormat("en"));
}, "RelativeTimeFormat/constructor/constructor/newtarget-undefined.js: calling without new throws a TypeError");

test(() => {
  assert.throws(TypeError, () => rtf("en", null));
  assert.throws(TypeError, () => rtf(null));
  assert.throws(RangeError, () => rtf("en-"));
  assert.throws(RangeError, () => rtf("en", { style: "medium" }));
  assert.throws(RangeError, () => rtf("en", { numeric: "never" }));
  assert.throws(RangeError, () => rtf("en", { localeMatcher: "exact" }));
  assert.throws(RangeError, () => rtf("en", { numberingSystem: "latn-" }));
}, "RelativeTimeFormat/constructor/constructor/options-invalid.js: invalid options and locales throw");

test(() => {
  assert.sameValue(rtf("en", undefined).resolvedOptions().style, "long");
  assert.sameValue(rtf("en", 1).resolvedOptions().style, "long");
}, "RelativeTimeFormat/constructor/constructor/options-undefined.js: undefined and primitive options");

test(() => {
  for (const style of ["long", "short", "narrow"]) assert.sameValue(rtf("en", { style }).resolvedOptions().style, style);
  for (const numeric of ["always", "auto"]) assert.sameValue(rtf("en", { numeric }).resolvedOptions().numeric, numeric);
}, "RelativeTimeFormat/constructor/constructor/options-valid.js: valid style and numeric values");

test(() => {
  const read = [];
  rtf("en", new Proxy({}, { get(target, key) { read.push(key); return undefined; } }));
  assert.compareArray(read, ["localeMatcher", "numberingSystem", "style", "numeric"]);
}, "RelativeTimeFormat/constructor/constructor/options-order.js: options are read in order");

test(() => {
  for (const name of ["localeMatcher", "numberingSystem", "style", "numeric"]) {
    const options = {};
    Object.defineProperty(options, name, { get() { throw new SyntaxError(name); } });
    assert.throws(SyntaxError, () => rtf("en", options), name);
  }
}, "RelativeTimeFormat/constructor/constructor/options-throwing-getters.js: an abrupt getter on any option propagates");

test(() => {
  const ro = rtf("en-u-nu-arab").resolvedOptions();
  assert.sameValue(ro.numberingSystem, "arab");
  assert.sameValue(ro.locale, "en-u-nu-arab");
  assert.sameValue(rtf("en", { numberingSystem: "thai" }).resolvedOptions().numberingSystem, "thai");
}, "RelativeTimeFormat/constructor/constructor/options-numberingSystem-valid.js: numbering systems");

test(() => {
  const ro = rtf("en").resolvedOptions();
  assert.compareArray(Object.keys(ro), ["locale", "style", "numeric", "numberingSystem"]);
  assert.sameValue(ro.locale, "en");
  assert.sameValue(ro.style, "long");
  assert.sameValue(ro.numeric, "always");
  assert.sameValue(ro.numberingSystem, "latn");
}, "RelativeTimeFormat/prototype/resolvedOptions/order.js: default resolved options and key order");

test(() => {
  for (const value of [undefined, null, 1, {}, new Intl.NumberFormat(), Intl.RelativeTimeFormat.prototype]) {
    assert.throws(TypeError, () => Intl.RelativeTimeFormat.prototype.format.call(value, 1, "day"));
    assert.throws(TypeError, () => Intl.RelativeTimeFormat.prototype.formatToParts.call(value, 1, "day"));
    assert.throws(TypeError, () => Intl.RelativeTimeFormat.prototype.resolvedOptions.call(value));
  }
}, "RelativeTimeFormat/prototype/format/branding.js: methods check their receiver");

test(() => {
  const f = rtf("en");
  for (const unit of [undefined, "", "days ", "Day", "DAY", "decade", "millisecond", "seconds-", "quarterly", {}, null]) {
    assert.throws(RangeError, () => f.format(1, unit), String(unit));
    assert.throws(RangeError, () => f.formatToParts(1, unit), String(unit));
  }
}, "RelativeTimeFormat/prototype/format/unit-invalid.js: invalid units throw a RangeError");

test(() => {
  const f = rtf("en");
  for (const unit of UNITS) assert.sameValue(f.format(2, unit + "s"), f.format(2, unit), unit + "s");
}, "RelativeTimeFormat/prototype/format/unit-plural.js: plural unit names are accepted");

test(() => {
  const f = rtf("en");
  assert.throws(RangeError, () => f.format(NaN, "day"));
  assert.throws(RangeError, () => f.format(Infinity, "day"));
  assert.throws(RangeError, () => f.format(-Infinity, "day"));
  assert.throws(RangeError, () => f.format("x", "day"));
  assert.throws(TypeError, () => f.format(Symbol(), "day"));
  assert.throws(TypeError, () => f.format(1n, "day"));
}, "RelativeTimeFormat/prototype/format/value-non-finite.js: non-finite values throw a RangeError, symbols and BigInts a TypeError");

test(() => {
  const f = rtf("en");
  assert.sameValue(f.format("1", "day"), "in 1 day");
  assert.sameValue(f.format({ valueOf() { return -2; } }, "day"), "2 days ago");
  assert.sameValue(f.format(1, { toString() { return "day"; } }), "in 1 day");
}, "RelativeTimeFormat/prototype/format/value-tonumber.js: value goes through ToNumber, unit through ToString");

test(() => {
  let order = [];
  const value = { valueOf() { order.push("value"); return 1; } };
  const unit = { toString() { order.push("unit"); return "day"; } };
  rtf("en").format(value, unit);
  assert.compareArray(order, ["value", "unit"]);
}, "RelativeTimeFormat/prototype/format/value-unit-order.js: value is converted before unit");

test(() => {
  for (const unit of UNITS) {
    const f = rtf("en-US");
    const plural = unit + "s";
    assert.sameValue(f.format(1000, unit), "in 1,000 " + plural, unit);
    assert.sameValue(f.format(10, unit), "in 10 " + plural, unit);
    assert.sameValue(f.format(2, unit), "in 2 " + plural, unit);
    assert.sameValue(f.format(1, unit), "in 1 " + unit, unit);
    assert.sameValue(f.format(0, unit), "in 0 " + plural, unit);
    assert.sameValue(f.format(-0, unit), "0 " + plural + " ago", unit);
    assert.sameValue(f.format(-1, unit), "1 " + unit + " ago", unit);
    assert.sameValue(f.format(-2, unit), "2 " + plural + " ago", unit);
    assert.sameValue(f.format(-1000, unit), "1,000 " + plural + " ago", unit);
    assert.sameValue(f.format(1.5, unit), "in 1.5 " + plural, unit + " 1.5");
  }
}, "RelativeTimeFormat/prototype/format/en-us-numeric-always.js: every unit, numeric always");

const autoPhrases = {
  second: ["now", "now", "now"],
  minute: ["1 minute ago", "this minute", "in 1 minute"],
  hour: ["1 hour ago", "this hour", "in 1 hour"],
  day: ["yesterday", "today", "tomorrow"],
  week: ["last week", "this week", "next week"],
  month: ["last month", "this month", "next month"],
  quarter: ["last quarter", "this quarter", "next quarter"],
  year: ["last year", "this year", "next year"],
};
test(() => {
  for (const unit of UNITS) {
    const f = rtf("en-US", { numeric: "auto" });
    const [previous, current, next] = autoPhrases[unit];
    if (unit !== "second") {
      assert.sameValue(f.format(-1, unit), previous, unit + " -1");
      assert.sameValue(f.format(1, unit), next, unit + " 1");
    } else {
      assert.sameValue(f.format(-1, unit), "1 second ago", "second -1");
      assert.sameValue(f.format(1, unit), "in 1 second", "second 1");
    }
    assert.sameValue(f.format(0, unit), current, unit + " 0");
    assert.sameValue(f.format(-0, unit), current, unit + " -0");
    assert.sameValue(f.format(2, unit), "in 2 " + unit + "s", unit + " 2");
    assert.sameValue(f.format(-2, unit), "2 " + unit + "s ago", unit + " -2");
    assert.sameValue(f.format(1.5, unit), "in 1.5 " + unit + "s", unit + ": 1.5 never uses a phrase");
  }
}, "RelativeTimeFormat/prototype/format/en-us-numeric-auto.js: every unit, numeric auto");

const shortUnits = { second: ["sec.", "sec."], minute: ["min.", "min."], hour: ["hr.", "hr."], day: ["day", "days"],
  week: ["wk.", "wk."], month: ["mo.", "mo."], quarter: ["qtr.", "qtrs."], year: ["yr.", "yr."] };
test(() => {
  for (const unit of UNITS) {
    const f = rtf("en-US", { style: "short" });
    const [singular, plural] = shortUnits[unit];
    assert.sameValue(f.format(1000, unit), "in 1,000 " + plural, unit);
    assert.sameValue(f.format(1, unit), "in 1 " + singular, unit);
    assert.sameValue(f.format(-1, unit), "1 " + singular + " ago", unit);
    assert.sameValue(f.format(-2, unit), "2 " + plural + " ago", unit);
  }
}, "RelativeTimeFormat/prototype/formatToParts/en-us-style-short.js: every unit, style short");

test(() => {
  const parts = rtf("en").formatToParts(100, "day");
  assert.sameValue(parts.length, 3);
  assert.compareArray(parts.map((p) => p.type), ["literal", "integer", "literal"]);
  assert.compareArray(parts.map((p) => p.value), ["in ", "100", " days"]);
  assert.sameValue(parts[0].unit, undefined);
  assert.sameValue(parts[1].unit, "day");
  assert.compareArray(Object.keys(parts[0]), ["type", "value"]);
  assert.compareArray(Object.keys(parts[1]), ["type", "value", "unit"]);
}, "RelativeTimeFormat/prototype/formatToParts/en-us-numeric-always.js: parts of a future value");

test(() => {
  const parts = rtf("en").formatToParts(-1234.5, "second");
  assert.compareArray(parts.map((p) => p.type + ":" + p.value + ":" + p.unit), [
    "integer:1:second", "group:,:second", "integer:234:second", "decimal:.:second", "fraction:5:second", "literal: seconds ago:undefined"]);
}, "RelativeTimeFormat/prototype/formatToParts/en-us-numeric-always.js: number parts carry the unit");

test(() => {
  const parts = rtf("en", { numeric: "auto" }).formatToParts(-1, "day");
  assert.sameValue(parts.length, 1);
  assert.sameValue(parts[0].type, "literal");
  assert.sameValue(parts[0].value, "yesterday");
  assert.sameValue(Object.prototype.hasOwnProperty.call(parts[0], "unit"), false);
}, "RelativeTimeFormat/prototype/formatToParts/en-us-numeric-auto.js: a phrase is a single literal");

test(() => {
  const parts = rtf("en", { numeric: "auto" }).formatToParts(2, "day");
  assert.compareArray(parts.map((p) => p.value), ["in ", "2", " days"]);
}, "RelativeTimeFormat/prototype/formatToParts/en-us-numeric-auto.js: no phrase for 2 days");

test(() => {
  assert.sameValue(rtf("de").format(-1, "day"), "vor 1 Tag");
  assert.sameValue(rtf("de", { numeric: "auto" }).format(-1, "day"), "gestern");
  assert.sameValue(rtf("de", { numeric: "auto" }).format(-2, "day"), "vorgestern");
  assert.sameValue(rtf("de").format(3, "hour"), "in 3 Stunden");
}, "RelativeTimeFormat/prototype/format/de.js: German");

test(() => {
  assert.sameValue(rtf("fr", { numeric: "auto" }).format(1, "day"), "demain");
  assert.sameValue(rtf("es", { numeric: "auto" }).format(0, "day"), "hoy");
  assert.sameValue(rtf("ja").format(3, "hour"), "3 時間後");
  assert.sameValue(rtf("ja", { numeric: "auto" }).format(-1, "year"), "昨年");
  assert.sameValue(rtf("ru").format(-5, "minute"), "5 минут назад");
}, "RelativeTimeFormat/prototype/format/locales.js: fr, es, ja, ru");

test(() => {
  assert.sameValue(rtf("en-u-nu-arab").format(2, "day"), "in ٢ days");
  assert.sameValue(rtf("en", { numberingSystem: "thai" }).format(-12, "day"), "๑๒ days ago");
}, "RelativeTimeFormat/prototype/format/en-us-numbering-systems.js: numbering systems apply to the number");
