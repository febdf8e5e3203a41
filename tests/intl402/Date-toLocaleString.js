// Date.prototype.toLocaleString, toLocaleDateString and toLocaleTimeString
// under ECMA-402. Derived from test262's test/intl402/Date/prototype/
// (returns-same-results-as-DateTimeFormat.js, throws-same-exceptions-as-DateTimeFormat.js,
// taint-Intl-DateTimeFormat.js, this-value-invalid-date.js, this-value-non-date.js,
// toLocale*String/default-options-*.js, ...), rewritten for jsbox. Every call
// passes an explicit timeZone; U+202F before AM/PM is read as a space.

const WHEN = new Date(Date.UTC(2019, 11, 17, 3, 24, 56));

function plain(text) {
  return text.replace(/\u202f/g, " ");
}

for (const method of ["toLocaleString", "toLocaleDateString", "toLocaleTimeString"]) {
  test(() => {
    verifyProperty(Date.prototype, method, { writable: true, enumerable: false, configurable: true });
    verifyProperty(Date.prototype[method], "length", { value: 0, writable: false, enumerable: false, configurable: true });
    verifyProperty(Date.prototype[method], "name", { value: method });
  }, "Date/prototype/" + method + "/length.js: length 0, name");

  test(() => {
    assert.sameValue(new Date(NaN)[method]("en"), "Invalid Date");
    assert.sameValue(new Date(NaN)[method]("en", { timeZone: "Not/AZone" }), "Invalid Date", "options are not read");
  }, "Date/prototype/this-value-invalid-date.js: " + method + " of an invalid date");

  test(() => {
    for (const value of [{}, 0, "2019-01-01", null, undefined]) {
      assert.throws(TypeError, () => Date.prototype[method].call(value));
    }
  }, "Date/prototype/this-value-non-date.js: " + method + " needs a Date");

  test(() => {
    assert.throws(RangeError, () => WHEN[method]("en-"));
    assert.throws(TypeError, () => WHEN[method]("en", null));
    assert.throws(RangeError, () => WHEN[method]("en", { timeZone: "Not/AZone" }));
    assert.throws(RangeError, () => WHEN[method]("en", { hourCycle: "h10" }));
  }, "Date/prototype/throws-same-exceptions-as-DateTimeFormat.js: " + method + " throws like the constructor");
}

test(() => {
  assert.sameValue(plain(WHEN.toLocaleString("en-US", { timeZone: "UTC" })), "12/17/2019, 3:24:56 AM");
  assert.sameValue(plain(WHEN.toLocaleDateString("en-US", { timeZone: "UTC" })), "12/17/2019");
  assert.sameValue(plain(WHEN.toLocaleTimeString("en-US", { timeZone: "UTC" })), "3:24:56 AM");
}, "Date/prototype/returns-same-results-as-DateTimeFormat.js: default components of each method");

test(() => {
  const options = { timeZone: "UTC" };
  assert.sameValue(WHEN.toLocaleString("en-US", options),
    new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }).format(WHEN));
  assert.sameValue(WHEN.toLocaleDateString("de-DE", options), new Intl.DateTimeFormat("de-DE", options).format(WHEN));
  assert.sameValue(WHEN.toLocaleTimeString("ja-JP", options),
    new Intl.DateTimeFormat("ja-JP", { timeZone: "UTC", hour: "numeric", minute: "numeric", second: "numeric" }).format(WHEN));
}, "Date/prototype/returns-same-results-as-DateTimeFormat.js: same output as Intl.DateTimeFormat");

test(() => {
  assert.sameValue(plain(WHEN.toLocaleDateString("en-US", { timeZone: "UTC", hour: "numeric" })), "12/17/2019, 3 AM");
  assert.sameValue(plain(WHEN.toLocaleTimeString("en-US", { timeZone: "UTC", year: "numeric" })), "2019, 3:24:56 AM");
}, "Date/prototype/toLocaleDateString/default-options-date.js: required components are added to explicit ones");

test(() => {
  assert.sameValue(WHEN.toLocaleString("en-US", { timeZone: "UTC", weekday: "long" }), "Tuesday", "an explicit component suppresses defaults");
  assert.sameValue(WHEN.toLocaleString("en-US", { timeZone: "UTC", dateStyle: "short" }), "12/17/19");
}, "Date/prototype/toLocaleString/default-options-any.js: toLocaleString adds defaults only when nothing is asked");

test(() => {
  assert.throws(TypeError, () => WHEN.toLocaleTimeString("en-US", { timeZone: "UTC", dateStyle: "short" }));
  assert.throws(TypeError, () => WHEN.toLocaleDateString("en-US", { timeZone: "UTC", timeStyle: "short" }));
  assert.sameValue(plain(WHEN.toLocaleTimeString("en-US", { timeZone: "UTC", timeStyle: "short" })), "3:24 AM");
  assert.sameValue(WHEN.toLocaleDateString("en-US", { timeZone: "UTC", dateStyle: "long" }), "December 17, 2019");
}, "Date/prototype/toLocaleTimeString/dateStyle-throws.js: the other kind of style is a TypeError");

test(() => {
  assert.sameValue(WHEN.toLocaleString("de-DE", { timeZone: "Europe/Berlin" }), "17.12.2019, 04:24:56");
  assert.sameValue(WHEN.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" }), "2019/12/17 12:24:56");
  assert.sameValue(plain(WHEN.toLocaleString("en-US", { timeZone: "America/New_York" })), "12/16/2019, 10:24:56 PM");
}, "Date/prototype/returns-same-results-as-DateTimeFormat.js: locales and zones");

test(() => {
  const saved = Intl.DateTimeFormat;
  Intl.DateTimeFormat = function () { throw new Error("the global Intl.DateTimeFormat was used"); };
  try {
    assert.sameValue(WHEN.toLocaleDateString("en-US", { timeZone: "UTC" }), "12/17/2019");
  } finally {
    Intl.DateTimeFormat = saved;
  }
}, "Date/prototype/taint-Intl-DateTimeFormat.js: the original %DateTimeFormat% is used");
