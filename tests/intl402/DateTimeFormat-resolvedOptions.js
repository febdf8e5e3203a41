// Intl.DateTimeFormat.prototype.resolvedOptions: defaults, key order, hour
// cycles and styles. Derived from test262's
// test/intl402/DateTimeFormat/prototype/resolvedOptions/ (order*.js,
// hourCycle*.js, resolved-locale-with-hc-unicode.js, 12.3.3*.js) and
// test/intl402/DateTimeFormat/ (constructor-default-value.js,
// timezone-*), rewritten for jsbox.

function dtfResolved(locale, options) {
  return new Intl.DateTimeFormat(locale, Object.assign({ timeZone: "UTC" }, options)).resolvedOptions();
}

test(() => {
  const ro = dtfResolved("en-US", {});
  assert.compareArray(Object.keys(ro), ["locale", "calendar", "numberingSystem", "timeZone", "year", "month", "day"]);
  assert.sameValue(ro.locale, "en-US");
  assert.sameValue(ro.calendar, "gregory");
  assert.sameValue(ro.numberingSystem, "latn");
  assert.sameValue(ro.timeZone, "UTC");
  assert.sameValue(ro.year, "numeric");
  assert.sameValue(ro.month, "numeric");
  assert.sameValue(ro.day, "numeric");
}, "DateTimeFormat/prototype/resolvedOptions/12.3.3.js: defaults are year, month and day, numeric");

test(() => {
  const ro = dtfResolved("en-US", { hour: "numeric" });
  assert.sameValue(ro.year, undefined);
  assert.sameValue(ro.hour, "numeric");
  assert.sameValue(ro.hourCycle, "h12");
  assert.sameValue(ro.hour12, true);
}, "DateTimeFormat/prototype/resolvedOptions/12.3.3.js: an explicit time component suppresses the date defaults");

test(() => {
  const ro = dtfResolved("en-US", { weekday: "long" });
  assert.sameValue(ro.weekday, "long");
  assert.sameValue(ro.year, undefined);
  assert.sameValue(ro.month, undefined);
  assert.sameValue(ro.day, undefined);
}, "DateTimeFormat/prototype/resolvedOptions/12.3.3.js: weekday alone suppresses the date defaults");

test(() => {
  const ro = dtfResolved("en-US", { dayPeriod: "short" });
  assert.sameValue(ro.dayPeriod, "short");
  assert.sameValue(ro.year, undefined);
}, "DateTimeFormat/prototype/resolvedOptions/order-dayPeriod.js: dayPeriod alone counts as a time component");

test(() => {
  const ro = dtfResolved("en-US", { fractionalSecondDigits: 2 });
  assert.sameValue(ro.fractionalSecondDigits, 2);
  assert.sameValue(ro.year, undefined);
}, "DateTimeFormat/prototype/resolvedOptions/order-fractionalSecondDigits.js: fractionalSecondDigits alone counts as a time component");

test(() => {
  const ro = dtfResolved("en-US", { hourCycle: "h23", weekday: "short", era: "short", year: "numeric", month: "numeric",
    day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", fractionalSecondDigits: 3, timeZoneName: "short" });
  const expected = ["locale", "calendar", "numberingSystem", "timeZone", "hourCycle", "hour12", "weekday", "era", "year",
    "month", "day", "hour", "minute", "second", "fractionalSecondDigits", "timeZoneName"];
  const keys = Object.keys(ro);
  for (let i = 1; i < expected.length; i++) {
    assert(keys.indexOf(expected[i - 1]) >= 0 && keys.indexOf(expected[i - 1]) < keys.indexOf(expected[i]), expected[i - 1] + " before " + expected[i]);
  }
}, "DateTimeFormat/prototype/resolvedOptions/order.js: keys follow the table order");

test(() => {
  const ro = dtfResolved("en-US", { dateStyle: "full", timeStyle: "short" });
  assert.compareArray(Object.keys(ro), ["locale", "calendar", "numberingSystem", "timeZone", "hourCycle", "hour12", "dateStyle", "timeStyle"]);
  assert.sameValue(ro.dateStyle, "full");
  assert.sameValue(ro.timeStyle, "short");
}, "DateTimeFormat/prototype/resolvedOptions/order-style.js: with styles, no component keys are reported");

test(() => {
  const ro = dtfResolved("en-US", { dateStyle: "medium" });
  assert.sameValue(ro.hourCycle, undefined);
  assert.sameValue(ro.hour12, undefined);
  assert.sameValue(ro.dateStyle, "medium");
  assert.sameValue(ro.timeStyle, undefined);
}, "DateTimeFormat/prototype/resolvedOptions/hourCycle-dateStyle.js: a date-only style has no hour cycle");

for (const [options, hourCycle, hour12] of [
  [{ hour12: true }, "h12", true],
  [{ hourCycle: "h11" }, "h11", true],
  [{ hourCycle: "h12" }, "h12", true],
  [{ hourCycle: "h23" }, "h23", false],
  [{ hourCycle: "h24" }, "h24", false],
  [{ hourCycle: "h23", hour12: true }, "h12", true],
  [{ hourCycle: "h11", hour12: false }, "h23", false],
]) {
  test(() => {
    const ro = dtfResolved("en-US", Object.assign({ hour: "numeric" }, options));
    assert.sameValue(ro.hourCycle, hourCycle);
    assert.sameValue(ro.hour12, hour12);
  }, "DateTimeFormat/prototype/resolvedOptions/hourCycle.js: en-US " + JSON.stringify(options) + " -> " + hourCycle);
}

test(() => {
  const ro = dtfResolved("en-US", { hour: "numeric", hour12: false });
  assert.sameValue(ro.hourCycle, "h23");
}, "DateTimeFormat/prototype/resolvedOptions/hourCycle-default.js: hour12 false gives h23 in en-US");

test(() => {
  assert.sameValue(dtfResolved("en-GB", { hour: "numeric" }).hourCycle, "h23");
  assert.sameValue(dtfResolved("de", { hour: "numeric" }).hourCycle, "h23");
  assert.sameValue(dtfResolved("fr", { hour: "numeric" }).hourCycle, "h23");
  assert.sameValue(dtfResolved("ja", { hour: "numeric" }).hourCycle, "h23");
  assert.sameValue(dtfResolved("ko", { hour: "numeric" }).hourCycle, "h12");
}, "DateTimeFormat/prototype/resolvedOptions/hourCycle-default.js: locale default hour cycles");

test(() => {
  assert(["h11", "h12"].includes(dtfResolved("de", { hour: "numeric", hour12: true }).hourCycle), "de: a 12-hour cycle");
  assert.sameValue(dtfResolved("ja", { hour: "numeric", hour12: true }).hourCycle, "h11");
  assert.sameValue(dtfResolved("ja", { hour: "numeric", hour12: false }).hourCycle, "h23");
}, "DateTimeFormat/prototype/resolvedOptions/hourCycle-default.js: hour12 picks the locale's 12- or 24-hour cycle");

test(() => {
  const ro = dtfResolved("en-US-u-hc-h23", { hour: "numeric" });
  assert.sameValue(ro.hourCycle, "h23");
  assert.sameValue(ro.hour12, false);
  assert.sameValue(ro.locale, "en-US-u-hc-h23");
}, "DateTimeFormat/prototype/resolvedOptions/resolved-locale-with-hc-unicode.js: the hc extension sets the hour cycle");

test(() => {
  const ro = dtfResolved("en-US-u-hc-h23", { hour: "numeric", hourCycle: "h11" });
  assert.sameValue(ro.hourCycle, "h11");
  assert.sameValue(ro.locale, "en-US");
}, "DateTimeFormat/prototype/resolvedOptions/resolved-locale-with-hc-unicode.js: an hourCycle option overrides and drops the extension");

test(() => {
  const ro = dtfResolved("en-US-u-hc-h23", { hour: "numeric", hour12: true });
  assert.sameValue(ro.hourCycle, "h12");
  assert.sameValue(ro.locale, "en-US");
}, "DateTimeFormat/prototype/resolvedOptions/resolved-locale-with-hc-unicode.js: hour12 overrides and drops the extension");

test(() => {
  const ro = dtfResolved("en-US", { hourCycle: "h23" });
  assert.sameValue(ro.hourCycle, undefined);
  assert.sameValue(ro.hour12, undefined);
}, "DateTimeFormat/prototype/resolvedOptions/hourCycle.js: no hour field, no hour cycle");

test(() => {
  for (const style of ["full", "long", "medium", "short"]) {
    const ro = dtfResolved("en-US", { timeStyle: style });
    assert.sameValue(ro.timeStyle, style);
    assert.sameValue(ro.hourCycle, "h12", style);
  }
}, "DateTimeFormat/prototype/resolvedOptions/hourCycle-timeStyle.js: timeStyle reports the hour cycle");

test(() => {
  const ro = dtfResolved("en-US", { year: "2-digit", month: "long", day: "2-digit", weekday: "short" });
  assert.sameValue(ro.year, "2-digit");
  assert.sameValue(ro.month, "long");
  assert.sameValue(ro.day, "2-digit");
  assert.sameValue(ro.weekday, "short");
}, "DateTimeFormat/prototype/resolvedOptions/12.3.3.js: requested date widths are reported");

test(() => {
  const ro = dtfResolved("en-US", { era: "long", year: "numeric" });
  assert.sameValue(ro.era, "long");
  assert.sameValue(ro.year, "numeric");
}, "DateTimeFormat/prototype/resolvedOptions/era.js: era is reported");

test(() => {
  for (const locale of ["en", "en-GB", "de", "de-CH", "fr", "es", "it", "pt-BR", "nl", "ja", "zh", "zh-TW", "ko", "ru", "ar", "hi"]) {
    assert.sameValue(dtfResolved(locale, {}).locale, locale);
  }
}, "DateTimeFormat/prototype/resolvedOptions/12.3.3_L15.js: supported locales resolve to themselves");

test(() => {
  assert.sameValue(dtfResolved("ja-JP-u-ca-japanese", {}).calendar, "japanese");
  assert.sameValue(dtfResolved("en-u-ca-buddhist", {}).calendar, "buddhist");
  assert.sameValue(dtfResolved("zh-u-ca-chinese", {}).calendar, "chinese");
}, "DateTimeFormat/prototype/resolvedOptions/calendar.js: locale and extension calendars");

test(() => {
  const dtf = new Intl.DateTimeFormat("en", { timeZone: "UTC" });
  const a = dtf.resolvedOptions();
  a.timeZone = "Asia/Tokyo";
  assert.sameValue(dtf.resolvedOptions().timeZone, "UTC");
  assert.notSameValue(dtf.resolvedOptions(), dtf.resolvedOptions());
}, "DateTimeFormat/prototype/resolvedOptions/12.3.3.js: a fresh, detached object each call");

test(() => {
  for (const value of [undefined, null, 1, {}, new Intl.NumberFormat()]) {
    assert.throws(TypeError, () => Intl.DateTimeFormat.prototype.resolvedOptions.call(value));
  }
}, "DateTimeFormat/prototype/resolvedOptions/this-value-not-datetimeformat.js: the receiver is checked");
