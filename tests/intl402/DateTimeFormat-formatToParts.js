// Intl.DateTimeFormat.prototype.formatToParts, formatRange and
// formatRangeToParts. Derived from test262's
// test/intl402/DateTimeFormat/prototype/formatToParts/ (main.js, time-clip-*.js,
// dayPeriod-*-en.js, fractionalSecondDigits.js, related-year*.js, ...),
// prototype/formatRange/ and prototype/formatRangeToParts/ (en-US.js,
// date-same-returns-single-date.js, date-*-throws.js, argument-*.js,
// fractionalSecondDigits.js, this-*.js), rewritten for jsbox. Temporal
// arguments are not covered. U+202F (before AM/PM) and U+2009 (around the
// range dash), both from CLDR 42 on, are read as plain spaces.

function plain(text) {
  return text.replace(/[\u202f\u2009]/g, " ");
}

function dtf(locale, options) {
  return new Intl.DateTimeFormat(locale, Object.assign({ timeZone: "UTC" }, options));
}

function partList(locale, options, time) {
  return dtf(locale, options).formatToParts(time).map((p) => p.type + ":" + plain(p.value));
}

function rangeParts(locale, options, x, y) {
  return dtf(locale, options).formatRangeToParts(x, y).map((p) => p.type + ":" + plain(p.value) + ":" + p.source);
}

const DATE = Date.UTC(2019, 11, 17, 3, 24, 56, 789);
const JAN3 = Date.UTC(2019, 0, 3, 10);
const JAN3_PM = Date.UTC(2019, 0, 3, 15);
const JAN5 = Date.UTC(2019, 0, 5, 12);
const MAR2020 = Date.UTC(2020, 2, 1, 10);
const DASH = " – ";

const partsCases = [
  ["default", "en-US", {}, ["month:12", "literal:/", "day:17", "literal:/", "year:2019"]],
  ["full date and long time", "en-US", { dateStyle: "full", timeStyle: "long" },
    ["weekday:Tuesday", "literal:, ", "month:December", "literal: ", "day:17", "literal:, ", "year:2019", "literal: at ",
      "hour:3", "literal::", "minute:24", "literal::", "second:56", "literal: ", "dayPeriod:AM", "literal: ", "timeZoneName:UTC"]],
  ["fractional seconds", "en-US", { hour: "numeric", minute: "2-digit", second: "2-digit", fractionalSecondDigits: 3 },
    ["hour:3", "literal::", "minute:24", "literal::", "second:56", "literal:.", "fractionalSecond:789", "literal: ", "dayPeriod:AM"]],
  ["era", "en-US", { era: "short", year: "numeric" }, ["year:2019", "literal: ", "era:AD"]],
  ["flexible day period", "en-US", { dayPeriod: "short", hour: "numeric" }, ["hour:3", "literal: ", "dayPeriod:in the morning"]],
  ["time zone name", "en-US", { hour: "numeric", timeZoneName: "short" }, ["hour:3", "literal: ", "dayPeriod:AM", "literal: ", "timeZoneName:UTC"]],
  ["German long date", "de-DE", { weekday: "long", day: "numeric", month: "long", year: "numeric" },
    ["weekday:Dienstag", "literal:, ", "day:17", "literal:. ", "month:Dezember", "literal: ", "year:2019"]],
  ["Japanese long date", "ja-JP", { dateStyle: "long" }, ["year:2019", "literal:年", "month:12", "literal:月", "day:17", "literal:日"]],
  ["24-hour time", "en-GB", { timeStyle: "medium" }, ["hour:03", "literal::", "minute:24", "literal::", "second:56"]],
];
for (const [what, locale, options, expected] of partsCases) {
  test(() => {
    assert.compareArray(partList(locale, options, DATE), expected);
  }, "DateTimeFormat/prototype/formatToParts/main.js: " + what + " (" + locale + ")");
}

test(() => {
  const parts = partList("en-US", { calendar: "chinese", year: "numeric", month: "long", day: "numeric" }, DATE);
  assert(parts.includes("relatedYear:2019"), "relatedYear: " + parts);
  assert(parts.includes("yearName:ji-hai"), "yearName: " + parts);
}, "DateTimeFormat/prototype/formatToParts/related-year.js: the Chinese calendar has relatedYear and yearName parts");

test(() => {
  const result = dtf("en-US", {}).formatToParts(DATE);
  assert(Array.isArray(result));
  for (const part of result) {
    assert.sameValue(Object.getPrototypeOf(part), Object.prototype);
    assert.compareArray(Object.keys(part), ["type", "value"]);
  }
}, "DateTimeFormat/prototype/formatToParts/main.js: parts are plain {type, value} objects");

test(() => {
  for (const options of [{}, { dateStyle: "full", timeStyle: "full" }, { hour: "numeric", dayPeriod: "long" }, { era: "long", year: "numeric", month: "narrow" }]) {
    const f = dtf("en-US", options);
    assert.sameValue(f.formatToParts(DATE).map((p) => p.value).join(""), f.format(DATE), JSON.stringify(options));
  }
}, "DateTimeFormat/prototype/formatToParts/main.js: joined values equal format()");

test(() => {
  const f = dtf("en-US", {});
  assert.throws(RangeError, () => f.formatToParts(NaN));
  assert.throws(RangeError, () => f.formatToParts(8.64e15 + 1));
  assert.throws(TypeError, () => f.formatToParts(Symbol()));
  assert.compareArray(f.formatToParts(0.9).map((p) => p.value), ["1", "/", "1", "/", "1970"]);
}, "DateTimeFormat/prototype/formatToParts/time-clip.js: argument checks and truncation");

test(() => {
  for (const value of [undefined, null, {}, new Intl.NumberFormat()]) {
    assert.throws(TypeError, () => Intl.DateTimeFormat.prototype.formatToParts.call(value, 0));
  }
}, "DateTimeFormat/prototype/formatToParts/this-value-not-datetimeformat.js: the receiver is checked");

// formatRange

test(() => {
  for (const value of [undefined, null, 1, {}, new Intl.NumberFormat()]) {
    assert.throws(TypeError, () => Intl.DateTimeFormat.prototype.formatRange.call(value, 0, 1));
    assert.throws(TypeError, () => Intl.DateTimeFormat.prototype.formatRangeToParts.call(value, 0, 1));
  }
}, "DateTimeFormat/prototype/formatRange/this-bad-object.js: the receiver is checked");

test(() => {
  const f = dtf("en-US", {});
  assert.throws(TypeError, () => f.formatRange());
  assert.throws(TypeError, () => f.formatRange(undefined, 0));
  assert.throws(TypeError, () => f.formatRange(0, undefined));
  assert.throws(TypeError, () => f.formatRangeToParts(0));
}, "DateTimeFormat/prototype/formatRange/date-undefined-throws.js: undefined bounds throw a TypeError");

test(() => {
  const f = dtf("en-US", {});
  assert.throws(RangeError, () => f.formatRange(NaN, 0));
  assert.throws(RangeError, () => f.formatRange(0, NaN));
  assert.throws(RangeError, () => f.formatRange(Infinity, 0));
  assert.throws(RangeError, () => f.formatRangeToParts(0, -Infinity));
  assert.throws(RangeError, () => f.formatRange(0, 8.64e15 + 1));
}, "DateTimeFormat/prototype/formatRange/date-is-nan-throws.js: NaN, infinite and out-of-range times throw a RangeError");

test(() => {
  const f = dtf("en-US", {});
  assert.throws(TypeError, () => f.formatRange(Symbol(), 0));
  assert.throws(EvalError, () => f.formatRange({ valueOf() { throw new EvalError("x"); } }, 0));
  assert.sameValue(plain(f.formatRange(String(JAN3), new Date(JAN5))), "1/3/2019" + DASH + "1/5/2019");
}, "DateTimeFormat/prototype/formatRange/argument-tonumber-throws.js: bounds go through ToNumber");

test(() => {
  const f = dtf("en-US", {});
  assert.sameValue(f.formatRange(JAN3, JAN3), f.format(JAN3));
  assert.sameValue(f.formatRange(JAN3, JAN3_PM), "1/3/2019", "fields not shown are equal");
  assert.sameValue(f.formatRange(JAN3 + 0.5, JAN3), "1/3/2019");
}, "DateTimeFormat/prototype/formatRange/date-same-returns-single-date.js: equal dates format once");

const rangeCases = [
  [{}, JAN3, JAN5, "1/3/2019" + DASH + "1/5/2019"],
  [{}, JAN3, MAR2020, "1/3/2019" + DASH + "3/1/2020"],
  [{ dateStyle: "long" }, JAN3, JAN5, "January 3" + DASH + "5, 2019"],
  [{ year: "numeric", month: "short", day: "numeric" }, JAN3, JAN5, "Jan 3" + DASH + "5, 2019"],
  [{ month: "long" }, JAN3, MAR2020, "January" + DASH + "March"],
  [{ hour: "numeric", minute: "numeric" }, JAN3, JAN3_PM, "10:00 AM" + DASH + "3:00 PM"],
  [{ dateStyle: "medium", timeStyle: "short" }, JAN3, JAN3_PM, "Jan 3, 2019, 10:00 AM" + DASH + "3:00 PM"],
];
for (const [options, x, y, expected] of rangeCases) {
  test(() => {
    assert.sameValue(plain(dtf("en-US", options).formatRange(x, y)), expected);
  }, "DateTimeFormat/prototype/formatRange/en-US.js: " + JSON.stringify(options) + " " + expected);
}

test(() => {
  assert.sameValue(dtf("de-DE", { dateStyle: "long" }).formatRange(JAN3, JAN5), "3.–5. Januar 2019");
}, "DateTimeFormat/prototype/formatRange/de-DE.js: German day range");

test(() => {
  const f = dtf("en-US", { minute: "numeric", second: "numeric", fractionalSecondDigits: 3 });
  assert.sameValue(plain(f.formatRange(0, 5)), "00:00.000" + DASH + "00:00.005");
  const g = dtf("en-US", { minute: "numeric", second: "numeric", fractionalSecondDigits: 1 });
  assert.sameValue(plain(g.formatRange(234, 567)), "00:00.2" + DASH + "00:00.5");
  assert.sameValue(plain(g.formatRange(234, 10987)), "00:00.2" + DASH + "00:10.9");
}, "DateTimeFormat/prototype/formatRange/fractionalSecondDigits.js: fractional seconds in ranges are truncated");

test(() => {
  const g = dtf("en-US", { minute: "numeric", second: "numeric", fractionalSecondDigits: 1 });
  assert.sameValue(g.formatRange(0, 5), "00:00.0");
  const h = dtf("en-US", { minute: "numeric", second: "numeric", fractionalSecondDigits: 2 });
  assert.sameValue(h.formatRange(120, 129), "00:00.12");
}, "DateTimeFormat/prototype/formatRange/fractionalSecondDigits.js: times equal in the shown digits format once");

// formatRangeToParts

test(() => {
  assert.compareArray(rangeParts("en-US", {}, JAN3, JAN5), [
    "month:1:startRange", "literal:/:startRange", "day:3:startRange", "literal:/:startRange", "year:2019:startRange",
    "literal:" + DASH + ":shared",
    "month:1:endRange", "literal:/:endRange", "day:5:endRange", "literal:/:endRange", "year:2019:endRange"]);
}, "DateTimeFormat/prototype/formatRangeToParts/en-US.js: a numeric date range");

test(() => {
  assert.compareArray(rangeParts("en-US", {}, JAN3, JAN3), [
    "month:1:shared", "literal:/:shared", "day:3:shared", "literal:/:shared", "year:2019:shared"]);
}, "DateTimeFormat/prototype/formatRangeToParts/date-same-returns-single-date.js: equal dates are all shared");

test(() => {
  assert.compareArray(rangeParts("en-US", { hour: "numeric", minute: "numeric" }, JAN3, JAN3_PM), [
    "hour:10:startRange", "literal:::startRange", "minute:00:startRange", "literal: :startRange", "dayPeriod:AM:startRange",
    "literal:" + DASH + ":shared",
    "hour:3:endRange", "literal:::endRange", "minute:00:endRange", "literal: :endRange", "dayPeriod:PM:endRange"]);
}, "DateTimeFormat/prototype/formatRangeToParts/en-US.js: a time range");

test(() => {
  const parts = rangeParts("en-US", { dateStyle: "long" }, JAN3, JAN5);
  assert.compareArray(parts, [
    "month:January:shared", "literal: :shared", "day:3:startRange", "literal:" + DASH + ":shared", "day:5:endRange",
    "literal:, :shared", "year:2019:shared"]);
}, "DateTimeFormat/prototype/formatRangeToParts/en-US.js: shared month and year");

test(() => {
  const f = dtf("en-US", { dateStyle: "medium", timeStyle: "short" });
  const parts = f.formatRangeToParts(JAN3, MAR2020);
  for (const part of parts) assert.compareArray(Object.keys(part), ["type", "value", "source"]);
  assert.sameValue(parts.map((p) => p.value).join(""), f.formatRange(JAN3, MAR2020));
}, "DateTimeFormat/prototype/formatRangeToParts/en-US.js: parts are {type, value, source} and join to formatRange()");
