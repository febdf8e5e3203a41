// Intl.DateTimeFormat.prototype.format: argument handling and actual output
// in en-US and a few other locales, all in explicit time zones. Derived from
// test262's test/intl402/DateTimeFormat/prototype/format/ (timedatestyle-en.js,
// dayPeriod-*-en.js, fractionalSecondDigits.js, related-year-zh.js,
// numbering-system.js, proleptic-gregorian-calendar.js, time-clip-*.js,
// 12.3.2_*, format-function-*.js, bound-format-stored-in-instance.js, ...),
// rewritten for jsbox. A U+202F before AM/PM (CLDR 42+) is read as a space.

function dtf(locale, options) {
  return new Intl.DateTimeFormat(locale, Object.assign({ timeZone: "UTC" }, options));
}

function show(locale, options, time) {
  return dtf(locale, options).format(time).replace(/\u202f/g, " ");
}

const DATE = Date.UTC(2019, 11, 17, 3, 24, 56, 789); // Tuesday
const MAY_1886 = Date.UTC(1886, 4, 1, 14, 12, 47); // Saturday

test(() => {
  const format = dtf("en-US", {}).format;
  assert.sameValue(format, format, "cached");
  assert.sameValue(format(0), "1/1/1970");
  assert.sameValue([0, 86400000].map(format).join("|"), "1/1/1970|1/2/1970");
}, "DateTimeFormat/prototype/format/bound-format-stored-in-instance.js: the bound format is cached and works detached");

test(() => {
  const format = dtf("en-US", {}).format;
  verifyProperty(format, "name", { value: "", writable: false, enumerable: false, configurable: true });
  verifyProperty(format, "length", { value: 1, writable: false, enumerable: false, configurable: true });
  assert.sameValue(isConstructor(format), false);
}, "DateTimeFormat/prototype/format/format-function-name.js: the bound format is anonymous with length 1");

test(() => {
  const getter = Object.getOwnPropertyDescriptor(Intl.DateTimeFormat.prototype, "format").get;
  for (const value of [undefined, null, 1, {}, new Intl.NumberFormat(), Intl.DateTimeFormat.prototype]) {
    assert.throws(TypeError, () => getter.call(value));
  }
}, "DateTimeFormat/prototype/format/this-value-not-datetimeformat.js: the getter checks its receiver");

test(() => {
  const f = dtf("en-US", {});
  assert.throws(RangeError, () => f.format(NaN));
  assert.throws(RangeError, () => f.format(Infinity));
  assert.throws(RangeError, () => f.format(new Date(NaN)));
  assert.throws(RangeError, () => f.format("x"));
}, "DateTimeFormat/prototype/format/12.3.2_FDT_1.js: NaN and infinite times throw a RangeError");

test(() => {
  const f = dtf("en-US", {});
  assert.throws(RangeError, () => f.format(8.64e15 + 1));
  assert.throws(RangeError, () => f.format(-8.64e15 - 1));
  assert.sameValue(f.format(8.64e15), "9/13/275760");
  assert.sameValue(typeof f.format(-8.64e15), "string");
}, "DateTimeFormat/prototype/format/time-clip-near-time-boundaries.js: TimeClip limits are ±8.64e15");

test(() => {
  const f = dtf("en-US", {});
  assert.sameValue(f.format(0.9), f.format(0));
  assert.sameValue(f.format(-0.9), f.format(0));
  assert.sameValue(f.format(-0), "1/1/1970");
}, "DateTimeFormat/prototype/format/time-clip-to-integer.js: fractional times are truncated");

test(() => {
  const f = dtf("en-US", {});
  assert.sameValue(f.format(new Date(DATE)), "12/17/2019");
  assert.sameValue(f.format(String(DATE)), "12/17/2019", "a string goes through ToNumber");
  assert.sameValue(f.format({ valueOf() { return DATE; } }), "12/17/2019");
  assert.throws(TypeError, () => f.format(Symbol()));
  assert.throws(TypeError, () => f.format(1n));
}, "DateTimeFormat/prototype/format/date-tonumber.js: dates and other values go through ToNumber");

test(() => {
  const f = dtf("en-US", {});
  const before = Date.now();
  const formatted = f.format();
  const formattedUndefined = f.format(undefined);
  const after = Date.now();
  assert([f.format(before), f.format(after)].includes(formatted), "format() formats the current time");
  assert([f.format(before), f.format(after)].includes(formattedUndefined), "format(undefined) formats the current time");
}, "DateTimeFormat/prototype/format/12.3.2_FDT_7_a_iv.js: an undefined date means now");

const styleDates = [
  ["full", "Saturday, May 1, 1886", " at "],
  ["long", "May 1, 1886", " at "],
  ["medium", "May 1, 1886", ", "],
  ["short", "5/1/86", ", "],
];
const styleTimes = [
  ["full", "2:12:47 PM Coordinated Universal Time", "14:12:47 Coordinated Universal Time"],
  ["long", "2:12:47 PM UTC", "14:12:47 UTC"],
  ["medium", "2:12:47 PM", "14:12:47"],
  ["short", "2:12 PM", "14:12"],
];
test(() => {
  for (const [dateStyle, expected] of styleDates) {
    assert.sameValue(show("en-US", { dateStyle }, MAY_1886), expected, dateStyle);
  }
}, "DateTimeFormat/prototype/format/timedatestyle-en.js: every dateStyle");
test(() => {
  for (const [timeStyle, expected12] of styleTimes) {
    for (const hourOptions of [{ hour12: true }, { hourCycle: "h11" }, { hourCycle: "h12" }, { hourCycle: "h23", hour12: true }]) {
      assert.sameValue(show("en-US", Object.assign({ timeStyle }, hourOptions), MAY_1886), expected12, timeStyle + " " + JSON.stringify(hourOptions));
    }
  }
}, "DateTimeFormat/prototype/format/timedatestyle-en.js: every timeStyle with 12-hour cycles");

test(() => {
  for (const [timeStyle, , expected24] of styleTimes) {
    for (const hourOptions of [{ hour12: false }, { hourCycle: "h23" }, { hourCycle: "h11", hour12: false }]) {
      assert.sameValue(show("en-US", Object.assign({ timeStyle }, hourOptions), MAY_1886), expected24, timeStyle + " " + JSON.stringify(hourOptions));
    }
  }
}, "DateTimeFormat/prototype/format/timedatestyle-en.js: every timeStyle with 24-hour cycles");
test(() => {
  for (const [dateStyle, expectedDate, connector] of styleDates) {
    for (const [timeStyle, expectedTime] of styleTimes) {
      assert.sameValue(show("en-US", { dateStyle, timeStyle }, MAY_1886), expectedDate + connector + expectedTime, dateStyle + "/" + timeStyle);
    }
  }
}, "DateTimeFormat/prototype/format/timedatestyle-en.js: every dateStyle with every timeStyle");

test(() => {
  assert.sameValue(show("en-US", { hour: "numeric", hourCycle: "h11" }, Date.UTC(2019, 0, 1, 0)), "0 AM");
  assert.sameValue(show("en-US", { hour: "numeric", hourCycle: "h12" }, Date.UTC(2019, 0, 1, 0)), "12 AM");
  assert.sameValue(show("en-US", { hour: "numeric", hourCycle: "h23", minute: "2-digit" }, Date.UTC(2019, 0, 1, 0)), "00:00");
  assert.sameValue(show("en-US", { hour: "numeric", hourCycle: "h24", minute: "2-digit" }, Date.UTC(2019, 0, 1, 0)), "24:00");
}, "DateTimeFormat/prototype/format/hourCycle-midnight.js: midnight in each hour cycle");

const dayPeriodNames = ["in the morning", "noon", "in the afternoon", "in the evening", "at night"];
for (const width of ["narrow", "short", "long"]) {
  test(() => {
    const f = dtf("en", { dayPeriod: width });
    const names = [];
    for (let h = 0; h < 24; h++) {
      let name = f.format(Date.UTC(2017, 11, 12, h));
      if (width === "narrow" && name === "n") name = "noon";
      assert(dayPeriodNames.includes(name), "hour " + h + ": unexpected " + JSON.stringify(name));
      names.push(name);
    }
    for (const name of dayPeriodNames) assert(names.includes(name), "missing " + name);
    for (let h = 1; h < 24; h++) {
      if (names[h] !== names[h - 1]) {
        const step = (dayPeriodNames.indexOf(names[h]) - dayPeriodNames.indexOf(names[h - 1]) + 5) % 5;
        assert.sameValue(step, 1, "the periods follow each other, hour " + h);
      }
    }
    // Hours whose period every CLDR version agrees on; 0-5 are "night" or "morning".
    assert.sameValue(names[9], "in the morning");
    assert.sameValue(names[12], "noon");
    assert.sameValue(names[15], "in the afternoon");
    assert.sameValue(names[19], "in the evening");
    assert.sameValue(names[22], "at night");
  }, "DateTimeFormat/prototype/format/dayPeriod-" + width + "-en.js: day periods alone, contiguous and in order");

  test(() => {
    const f = dtf("en", { dayPeriod: width, hour: "numeric" });
    for (let h = 0; h < 24; h++) {
      const time = Date.UTC(2017, 11, 12, h);
      const alone = dtf("en", { dayPeriod: width }).format(time);
      assert.sameValue(f.format(time).replace(/\u202f/g, " "), ((h % 12) || 12) + " " + alone, "hour " + h);
    }
  }, "DateTimeFormat/prototype/format/dayPeriod-" + width + "-en.js: a numeric hour precedes the day period");
}

const componentCases = [
  [{ weekday: "long", year: "numeric", month: "long", day: "numeric" }, "Tuesday, December 17, 2019"],
  [{ weekday: "short" }, "Tue"],
  [{ weekday: "narrow" }, "T"],
  [{ month: "long" }, "December"],
  [{ month: "short" }, "Dec"],
  [{ month: "narrow" }, "D"],
  [{ month: "2-digit", day: "2-digit", year: "2-digit" }, "12/17/19"],
  [{ year: "numeric" }, "2019"],
  [{ month: "long", year: "numeric" }, "December 2019"],
  [{ month: "long", day: "numeric" }, "December 17"],
  [{ era: "long", year: "numeric" }, "2019 Anno Domini"],
  [{ hour: "numeric", minute: "numeric" }, "3:24 AM"],
  [{ hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }, "03:24:56"],
  [{ minute: "numeric", second: "numeric" }, "24:56"],
  [{ hour: "numeric", minute: "numeric", hour12: false }, "03:24"],
];
test(() => {
  for (const [options, expected] of componentCases.slice(0, 11)) {
    assert.sameValue(show("en-US", options, DATE), expected, JSON.stringify(options));
  }
}, "DateTimeFormat/prototype/format/components-en-US.js: date components and widths");

test(() => {
  for (const [options, expected] of componentCases.slice(11)) {
    assert.sameValue(show("en-US", options, DATE), expected, JSON.stringify(options));
  }
}, "DateTimeFormat/prototype/format/components-en-US.js: time components");

test(() => {
  assert.sameValue(show("en-US", { second: "numeric", fractionalSecondDigits: 1 }, DATE), "56.7");
  assert.sameValue(show("en-US", { second: "numeric", fractionalSecondDigits: 2 }, DATE), "56.78");
  assert.sameValue(show("en-US", { second: "numeric", fractionalSecondDigits: 3 }, DATE), "56.789");
  assert.sameValue(show("en-US", { minute: "numeric", second: "numeric", fractionalSecondDigits: 3 }, DATE), "24:56.789");
}, "DateTimeFormat/prototype/format/fractionalSecondDigits.js: fractional seconds are truncated, not rounded");

test(() => {
  assert.sameValue(show("en-US", { second: "numeric", fractionalSecondDigits: 2 }, Date.UTC(2019, 0, 1, 0, 0, 5, 999)), "5.99");
}, "DateTimeFormat/prototype/format/fractionalSecondDigits.js: 999 ms with 2 digits is .99");

const defaultDates = [
  ["en-US", "12/17/2019"],
  ["en-GB", "17/12/2019"],
  ["de-DE", "17.12.2019"],
  ["fr-FR", "17/12/2019"],
  ["es-ES", "17/12/2019"],
  ["it-IT", "17/12/2019"],
  ["pt-BR", "17/12/2019"],
  ["nl-NL", "17-12-2019"],
  ["ru-RU", "17.12.2019"],
  ["ja-JP", "2019/12/17"],
  ["zh-CN", "2019/12/17"],
  ["ko-KR", "2019. 12. 17."],
];
test(() => {
  for (const [locale, expected] of defaultDates.slice(0, 9)) {
    assert.sameValue(show(locale, {}, DATE), expected, locale);
  }
}, "DateTimeFormat/prototype/format/12.3.2_TLT_2.js: default format in en, de, fr, es, it, pt, nl, ru");

test(() => {
  for (const [locale, expected] of defaultDates.slice(9)) {
    assert.sameValue(show(locale, {}, DATE), expected, locale);
  }
}, "DateTimeFormat/prototype/format/12.3.2_TLT_2.js: default format in ja, zh, ko");

const longDates = [
  ["de-DE", "full", "Dienstag, 17. Dezember 2019"],
  ["de-DE", "long", "17. Dezember 2019"],
  ["fr-FR", "full", "mardi 17 décembre 2019"],
  ["fr-FR", "medium", "17 déc. 2019"],
  ["es-ES", "long", "17 de diciembre de 2019"],
  ["ja-JP", "full", "2019年12月17日火曜日"],
  ["ja-JP", "long", "2019年12月17日"],
  ["zh-CN", "long", "2019年12月17日"],
  ["ko-KR", "long", "2019년 12월 17일"],
];
test(() => {
  for (const [locale, dateStyle, expected] of longDates.slice(0, 5)) {
    assert.sameValue(show(locale, { dateStyle }, DATE), expected, locale + " " + dateStyle);
  }
}, "DateTimeFormat/prototype/format/timedatestyle-de-fr-es.js: dateStyle in de, fr, es");

test(() => {
  for (const [locale, dateStyle, expected] of longDates.slice(5)) {
    assert.sameValue(show(locale, { dateStyle }, DATE), expected, locale + " " + dateStyle);
  }
}, "DateTimeFormat/prototype/format/timedatestyle-ja-zh-ko.js: dateStyle in ja, zh, ko");

test(() => {
  // CLDR 48 added a comma after the weekday.
  assert(["Tuesday 17 December 2019", "Tuesday, 17 December 2019"].includes(show("en-GB", { dateStyle: "full" }, DATE)));
}, "DateTimeFormat/prototype/format/timedatestyle-en-GB.js: dateStyle full");

test(() => {
  assert.sameValue(show("de-DE", { weekday: "long", day: "numeric", month: "long" }, DATE), "Dienstag, 17. Dezember");
}, "DateTimeFormat/prototype/format/german-weekday-no-year.js: weekday, day and month without a year in German");

test(() => {
  assert.sameValue(show("ja-JP", { hour: "numeric", minute: "numeric" }, DATE), "3:24");
  assert.sameValue(show("de-DE", { timeStyle: "short" }, DATE), "03:24");
  assert.sameValue(show("en-GB", { timeStyle: "short" }, DATE), "03:24");
}, "DateTimeFormat/prototype/format/timestyle-24h-locales.js: 24-hour locales");

test(() => {
  assert.sameValue(show("en-u-nu-arab", {}, DATE), "١٢/١٧/٢٠١٩");
  assert.sameValue(show("en", { numberingSystem: "thai" }, DATE), "๑๒/๑๗/๒๐๑๙");
  assert.sameValue(show("en-u-nu-hanidec", { year: "numeric" }, DATE), "二〇一九");
}, "DateTimeFormat/prototype/format/numbering-system.js: numbering systems apply to dates");

test(() => {
  assert.sameValue(show("en-US", { year: "numeric", month: "long", day: "numeric" }, Date.UTC(1500, 0, 1)), "January 1, 1500");
  assert.sameValue(show("en-US", { year: "numeric", month: "numeric", day: "numeric" }, Date.UTC(1582, 9, 10)), "10/10/1582");
}, "DateTimeFormat/prototype/format/proleptic-gregorian-calendar.js: the Gregorian calendar is proleptic");

test(() => {
  const bc = new Date(0);
  bc.setUTCFullYear(-1, 0, 1);
  assert.sameValue(show("en-US", { era: "short", year: "numeric" }, bc.getTime()), "2 BC");
  const ad1 = new Date(0);
  ad1.setUTCFullYear(1, 0, 1);
  assert.sameValue(show("en-US", { era: "short", year: "numeric" }, ad1.getTime()), "1 AD");
}, "DateTimeFormat/prototype/format/era.js: years before 1 AD use the BC era");

test(() => {
  assert.sameValue(show("en-US", { calendar: "japanese", era: "long", year: "numeric" }, DATE), "1 Reiwa");
  assert.sameValue(show("ja-JP-u-ca-japanese", { dateStyle: "long" }, DATE), "令和元年12月17日");
  assert.sameValue(show("en-US", { calendar: "buddhist", year: "numeric" }, DATE), "2562 BE");
}, "DateTimeFormat/prototype/format/calendars.js: Japanese and Buddhist calendars");

test(() => {
  assert.sameValue(show("en-US-u-ca-hebrew", { dateStyle: "long" }, DATE), "19 Kislev 5780");
}, "DateTimeFormat/prototype/format/calendar-hebrew.js: the Hebrew calendar");

test(() => {
  assert.sameValue(show("zh-u-ca-chinese", { year: "numeric" }, DATE), "2019己亥年");
}, "DateTimeFormat/prototype/format/related-year-zh.js: the Chinese calendar shows the related year and cyclic name");
