// Intl.DateTimeFormat's timeZone option: validation, case folding, the UTC
// aliases, offset zones, and formatting across IANA zones and DST changes.
// Derived from test262's test/intl402/DateTimeFormat/ (timezone-*.js,
// canonicalize-timezone.js, canonicalize-utc-timezone.js,
// constructor-invalid-offset-timezone.js, constructor-options-timeZoneName-*.js,
// prototype/format/offset-timezone-gmt-same.js, prototype/format/timedatestyle-en.js,
// prototype/resolvedOptions/offset-timezone-*.js), rewritten for jsbox.
// Outputs use the host's U+202F before AM/PM or a plain space: both accepted.

function tzFormat(timeZone, options, time) {
  const text = new Intl.DateTimeFormat("en-US", Object.assign({ timeZone }, options)).format(time);
  return text.replace(/\u202f/g, " ");
}

function tzResolved(timeZone) {
  return new Intl.DateTimeFormat("en", { timeZone }).resolvedOptions().timeZone;
}

const WINTER = Date.UTC(2019, 11, 17, 3, 24, 56); // Tue 17 Dec 2019 03:24:56 UTC
const SUMMER = Date.UTC(2019, 6, 1, 12, 0, 0); // Mon 1 Jul 2019 12:00:00 UTC

test(() => {
  const tz = new Intl.DateTimeFormat("en").resolvedOptions().timeZone;
  assert.sameValue(typeof tz, "string");
  assert.sameValue(tzResolved(tz), tz, "the default zone is itself accepted");
}, "DateTimeFormat/timezone-default.js: the default time zone is a valid identifier");

test(() => {
  assert.sameValue(tzResolved(undefined), new Intl.DateTimeFormat("en").resolvedOptions().timeZone);
}, "DateTimeFormat/timezone-default.js: timeZone undefined means the default time zone");

test(() => {
  assert.sameValue(tzResolved("utc"), "UTC");
  assert.sameValue(tzResolved("America/New_York"), "America/New_York");
  assert.sameValue(tzResolved("america/new_york"), "America/New_York");
  assert.sameValue(tzResolved("EUROPE/BERLIN"), "Europe/Berlin");
  assert.sameValue(tzResolved("asia/tokyo"), "Asia/Tokyo");
}, "DateTimeFormat/timezone-case-insensitive.js: identifiers are matched case-insensitively and reported in their case");

test(() => {
  for (const alias of ["Etc/UTC", "Etc/GMT", "GMT", "Etc/UCT", "UCT", "Etc/Universal", "Universal"]) {
    assert.sameValue(tzResolved(alias), "UTC", alias);
  }
}, "DateTimeFormat/canonicalize-utc-timezone.js: Etc/UTC, Etc/GMT, GMT, UCT and Universal resolve to UTC");

test(() => {
  for (const alias of ["Etc/Zulu", "Zulu", "Etc/GMT0", "GMT0", "Etc/GMT+0", "Etc/GMT-0", "Etc/Greenwich", "Greenwich"]) {
    assert.sameValue(tzResolved(alias), "UTC", alias);
  }
}, "DateTimeFormat/canonicalize-utc-timezone.js: Zulu, GMT0, Etc/GMT±0 and Greenwich resolve to UTC");

test(() => {
  assert.sameValue(tzResolved("Etc/GMT+5"), "Etc/GMT+5");
  assert.sameValue(tzResolved("etc/gmt-14"), "Etc/GMT-14");
}, "DateTimeFormat/timezone-etc-gmt.js: Etc/GMT±N zones are accepted");

test(() => {
  assert(["Asia/Kolkata", "Asia/Calcutta"].includes(tzResolved("Asia/Kolkata")));
  assert(["Asia/Kolkata", "Asia/Calcutta"].includes(tzResolved("Asia/Calcutta")));
  assert(["Europe/Kyiv", "Europe/Kiev"].includes(tzResolved("Europe/Kiev")));
}, "DateTimeFormat/canonicalize-timezone.js: link names are accepted (canonical or as given)");

test(() => {
  for (const timeZone of ["", "Mars/Olympus", "America/New York", "Europe/Berlin ", "  UTC", "Etc/Unknown", "Europe/Berlin/Mitte", "\u0130stanbul"]) {
    assert.throws(RangeError, () => new Intl.DateTimeFormat("en", { timeZone }), JSON.stringify(timeZone));
  }
}, "DateTimeFormat/timezone-invalid.js: unknown or malformed identifiers throw a RangeError");

test(() => {
  for (const timeZone of ["UTC+1", "GMT+1", "+5", "+05:00:30", "+24:00", "Etc/GMT+13", "Etc/GMT-15"]) {
    assert.throws(RangeError, () => new Intl.DateTimeFormat("en", { timeZone }), JSON.stringify(timeZone));
  }
}, "DateTimeFormat/timezone-invalid.js: offset-like identifiers that are not valid throw a RangeError");

test(() => {
  assert.throws(TypeError, () => new Intl.DateTimeFormat("en", { timeZone: Symbol("UTC") }));
}, "DateTimeFormat/timezone-invalid.js: a symbol time zone throws a TypeError");

test(() => {
  assert.sameValue(tzResolved({ toString() { return "Asia/Tokyo"; } }), "Asia/Tokyo");
  assert.throws(RangeError, () => new Intl.DateTimeFormat("en", { timeZone: null }), "null stringifies to \"null\"");
}, "DateTimeFormat/timezone-tostring.js: timeZone goes through ToString");

test(() => {
  const cases = [["+03", "+03:00"], ["+13", "+13:00"], ["-07", "-07:00"], ["+01:03", "+01:03"], ["-02:32", "-02:32"], ["+0530", "+05:30"]];
  for (const [input, expected] of cases) assert.sameValue(tzResolved(input), expected, input);
}, "DateTimeFormat/prototype/resolvedOptions/offset-timezone-basic.js: offset time zones are accepted and normalized");

test(() => {
  assert.sameValue(tzFormat("+05:30", { timeStyle: "short" }, 0), "5:30 AM");
  assert.sameValue(tzFormat("-08:00", { timeStyle: "short" }, 0), "4:00 PM");
}, "DateTimeFormat/prototype/format/offset-timezone-gmt-same.js: offset zones shift the wall time");

test(() => {
  for (const timeZone of ["+1", "+123", "+12:3", "+12:345", "-25:00", "+05:60", "+05:30:00", "05:30"]) {
    assert.throws(RangeError, () => new Intl.DateTimeFormat("en", { timeZone }), timeZone);
  }
}, "DateTimeFormat/constructor-invalid-offset-timezone.js: malformed offsets throw a RangeError");

const wallTimes = [
  ["UTC", "12/17/19, 3:24:56 AM"],
  ["America/New_York", "12/16/19, 10:24:56 PM"],
  ["America/Los_Angeles", "12/16/19, 7:24:56 PM"],
  ["America/St_Johns", "12/16/19, 11:54:56 PM"],
  ["Asia/Tokyo", "12/17/19, 12:24:56 PM"],
  ["Asia/Kolkata", "12/17/19, 8:54:56 AM"],
  ["Asia/Kathmandu", "12/17/19, 9:09:56 AM"],
  ["Australia/Sydney", "12/17/19, 2:24:56 PM"],
  ["Europe/Berlin", "12/17/19, 4:24:56 AM"],
  ["Pacific/Kiritimati", "12/17/19, 5:24:56 PM"],
  ["Pacific/Chatham", "12/17/19, 5:09:56 PM"],
  ["Etc/GMT+5", "12/16/19, 10:24:56 PM"],
];
test(() => {
  for (const [timeZone, expected] of wallTimes.slice(0, 4)) {
    assert.sameValue(tzFormat(timeZone, { dateStyle: "short", timeStyle: "medium" }, WINTER), expected, timeZone);
  }
}, "DateTimeFormat/prototype/format/timezone-wall-time.js: UTC and American zones in December");

test(() => {
  for (const [timeZone, expected] of wallTimes.slice(4, 8)) {
    assert.sameValue(tzFormat(timeZone, { dateStyle: "short", timeStyle: "medium" }, WINTER), expected, timeZone);
  }
}, "DateTimeFormat/prototype/format/timezone-wall-time.js: Asian and Australian zones in December");

test(() => {
  for (const [timeZone, expected] of wallTimes.slice(8)) {
    assert.sameValue(tzFormat(timeZone, { dateStyle: "short", timeStyle: "medium" }, WINTER), expected, timeZone);
  }
}, "DateTimeFormat/prototype/format/timezone-wall-time.js: Europe, the Pacific and Etc/GMT+5 in December");

test(() => {
  assert.sameValue(tzFormat("America/New_York", { timeStyle: "long" }, SUMMER), "8:00:00 AM EDT");
  assert.sameValue(tzFormat("America/New_York", { timeStyle: "long" }, WINTER), "10:24:56 PM EST");
  assert.sameValue(tzFormat("Europe/Berlin", { hour: "numeric" }, SUMMER), "2 PM");
  assert.sameValue(tzFormat("Australia/Sydney", { hour: "numeric" }, SUMMER), "10 PM");
}, "DateTimeFormat/prototype/format/timezone-dst.js: daylight saving time in July");

test(() => {
  assert.sameValue(tzFormat("America/New_York", { timeStyle: "long" }, Date.UTC(2019, 2, 10, 6, 59)), "1:59:00 AM EST");
  assert.sameValue(tzFormat("America/New_York", { timeStyle: "long" }, Date.UTC(2019, 2, 10, 7, 0)), "3:00:00 AM EDT");
}, "DateTimeFormat/prototype/format/timezone-dst.js: the spring-forward gap");

test(() => {
  assert.sameValue(tzFormat("America/New_York", { timeStyle: "long" }, Date.UTC(2019, 10, 3, 5, 30)), "1:30:00 AM EDT");
  assert.sameValue(tzFormat("America/New_York", { timeStyle: "long" }, Date.UTC(2019, 10, 3, 6, 30)), "1:30:00 AM EST");
}, "DateTimeFormat/prototype/format/timezone-dst.js: the repeated hour in the fall");

const zoneNames = [
  ["short", "10 PM EST", "3 AM UTC"],
  ["long", "10 PM Eastern Standard Time", "3 AM Coordinated Universal Time"],
  ["shortOffset", "10 PM GMT-5", null],
  ["longOffset", "10 PM GMT-05:00", null],
  ["shortGeneric", "10 PM ET", null],
  ["longGeneric", "10 PM Eastern Time", null],
];
test(() => {
  for (const [timeZoneName, newYork, utc] of zoneNames.slice(0, 2)) {
    assert.sameValue(tzFormat("America/New_York", { hour: "numeric", timeZoneName }, WINTER), newYork, timeZoneName);
    assert.sameValue(tzFormat("UTC", { hour: "numeric", timeZoneName }, WINTER), utc, timeZoneName + " UTC");
  }
}, "DateTimeFormat/constructor-options-timeZoneName-valid.js: timeZoneName short and long in en-US");

test(() => {
  for (const [timeZoneName, newYork] of zoneNames.slice(2)) {
    assert.sameValue(tzFormat("America/New_York", { hour: "numeric", timeZoneName }, WINTER), newYork, timeZoneName);
  }
}, "DateTimeFormat/constructor-options-timeZoneName-valid.js: offset and generic timeZoneName values in en-US");

test(() => {
  assert.sameValue(tzFormat("Asia/Kolkata", { hour: "numeric", timeZoneName: "shortOffset" }, WINTER), "8 AM GMT+5:30");
  assert.sameValue(tzFormat("Asia/Kolkata", { hour: "numeric", timeZoneName: "longOffset" }, WINTER), "8 AM GMT+05:30");
  assert.sameValue(tzFormat("Europe/Berlin", { hour: "numeric", timeZoneName: "long" }, SUMMER), "2 PM Central European Summer Time");
  assert.sameValue(tzFormat("America/New_York", { hour: "numeric", timeZoneName: "long" }, SUMMER), "8 AM Eastern Daylight Time");
}, "DateTimeFormat/constructor-options-timeZoneName-valid.js: offsets with minutes and summer names");

test(() => {
  const dtf = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", timeStyle: "full" });
  assert.sameValue(dtf.format(WINTER), "04:24:56 Mitteleuropäische Normalzeit");
}, "DateTimeFormat/prototype/format/timezone-de.js: German zone names");

test(() => {
  const dtf = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", timeStyle: "long" });
  assert.sameValue(dtf.format(WINTER), "12:24:56 JST");
}, "DateTimeFormat/prototype/format/timezone-ja.js: Japanese short zone name");
