// Intl.DateTimeFormat: the constructor, its prototype's shape, branding,
// locale negotiation and option validation. Derived from test262's
// test/intl402/DateTimeFormat/ (constructor-*, prop-desc, length, name,
// default-options-object-prototype, ignore-invalid-unicode-ext-values,
// intl-legacy-constructed-symbol*, taint-*, supportedLocalesOf/, prototype/*/
// descriptor and branding tests), rewritten for jsbox. Skips everything
// Temporal.

test(() => {
  verifyProperty(Intl, "DateTimeFormat", { writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.DateTimeFormat, "length", { value: 0, writable: false, enumerable: false, configurable: true });
  verifyProperty(Intl.DateTimeFormat, "name", { value: "DateTimeFormat", writable: false, enumerable: false, configurable: true });
}, "DateTimeFormat/prop-desc.js: descriptor, length 0, name");

test(() => {
  assert(isConstructor(Intl.DateTimeFormat));
  assert.sameValue(Object.getPrototypeOf(Intl.DateTimeFormat), Function.prototype);
  verifyProperty(Intl.DateTimeFormat, "prototype", { writable: false, enumerable: false, configurable: false });
  verifyProperty(Intl.DateTimeFormat.prototype, "constructor", { value: Intl.DateTimeFormat, writable: true, enumerable: false, configurable: true });
}, "DateTimeFormat/prototype/prop-desc.js: prototype and constructor links");

test(() => {
  verifyProperty(Intl.DateTimeFormat.prototype, Symbol.toStringTag, { value: "Intl.DateTimeFormat", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.prototype.toString.call(new Intl.DateTimeFormat()), "[object Intl.DateTimeFormat]");
}, "DateTimeFormat/prototype/toStringTag/toStringTag.js: @@toStringTag");

test(() => {
  assert.sameValue(Object.getPrototypeOf(Intl.DateTimeFormat.prototype), Object.prototype);
  assert.throws(TypeError, () => Intl.DateTimeFormat.prototype.resolvedOptions());
}, "DateTimeFormat/prototype/12.3_a.js: the prototype is not itself a DateTimeFormat");

test(() => {
  const desc = Object.getOwnPropertyDescriptor(Intl.DateTimeFormat.prototype, "format");
  assert.sameValue(typeof desc.get, "function");
  assert.sameValue(desc.set, undefined);
  assert.sameValue(desc.enumerable, false);
  assert.sameValue(desc.configurable, true);
  assert.sameValue(desc.get.name, "get format");
}, "DateTimeFormat/prototype/format/prop-desc.js: format is an accessor");

for (const [method, length] of [["formatToParts", 1], ["formatRange", 2], ["formatRangeToParts", 2], ["resolvedOptions", 0]]) {
  test(() => {
    verifyProperty(Intl.DateTimeFormat.prototype, method, { writable: true, enumerable: false, configurable: true });
    const fn = Intl.DateTimeFormat.prototype[method];
    verifyProperty(fn, "length", { value: length, writable: false, enumerable: false, configurable: true });
    verifyProperty(fn, "name", { value: method, writable: false, enumerable: false, configurable: true });
    assert.sameValue(isConstructor(fn), false);
  }, "DateTimeFormat/prototype/" + method + "/prop-desc.js: descriptor, length " + length + ", name");
}

test(() => {
  verifyProperty(Intl.DateTimeFormat.supportedLocalesOf, "length", { value: 1 });
  verifyProperty(Intl.DateTimeFormat.supportedLocalesOf, "name", { value: "supportedLocalesOf" });
  assert.compareArray(Intl.DateTimeFormat.supportedLocalesOf(["EN-us", "fr", "ja-JP"]), ["en-US", "fr", "ja-JP"]);
  assert.compareArray(Intl.DateTimeFormat.supportedLocalesOf([]), []);
}, "DateTimeFormat/supportedLocalesOf/basic.js: length, name and results");

test(() => {
  assert.throws(RangeError, () => Intl.DateTimeFormat.supportedLocalesOf("en", { localeMatcher: "exact" }));
  assert.throws(RangeError, () => Intl.DateTimeFormat.supportedLocalesOf("i"));
}, "DateTimeFormat/supportedLocalesOf/taint.js: invalid localeMatcher and tags throw");

test(() => {
  const dtf = Intl.DateTimeFormat("en", { timeZone: "UTC" });
  assert(dtf instanceof Intl.DateTimeFormat);
  assert.sameValue(dtf.format(0), "1/1/1970");
}, "DateTimeFormat/call-function.js: called without new it constructs");

test(() => {
  const obj = Object.create(Intl.DateTimeFormat.prototype);
  const result = Intl.DateTimeFormat.call(obj, "en", { timeZone: "UTC" });
  assert.sameValue(result, obj);
  const getter = Object.getOwnPropertyDescriptor(Intl.DateTimeFormat.prototype, "format").get;
  assert.sameValue(getter.call(result)(0), "1/1/1970");
  assert.sameValue(Object.getOwnPropertySymbols(obj).length, 1);
}, "DateTimeFormat/intl-legacy-constructed-symbol-on-unwrap.js: legacy construction on an object inheriting from the prototype");

test(() => {
  class MyDTF extends Intl.DateTimeFormat {}
  const dtf = new MyDTF("en", { timeZone: "UTC" });
  assert(dtf instanceof MyDTF);
  assert.sameValue(dtf.format(0), "1/1/1970");
}, "DateTimeFormat/subclassing.js: subclasses work");

test(() => {
  function NewTarget() {}
  NewTarget.prototype = null;
  const dtf = Reflect.construct(Intl.DateTimeFormat, [], NewTarget);
  assert.sameValue(Object.getPrototypeOf(dtf), Intl.DateTimeFormat.prototype);
}, "DateTimeFormat/proto-from-ctor-realm.js: a null newTarget.prototype falls back to %DateTimeFormat.prototype%");

test(() => {
  const saved = Object.getOwnPropertyDescriptor(Object.prototype, "year");
  Object.prototype.year = "2-digit";
  try {
    const ro = new Intl.DateTimeFormat("en").resolvedOptions();
    assert.sameValue(ro.year, "numeric", "absent options");
    assert.sameValue(ro.month, "numeric");
  } finally {
    delete Object.prototype.year;
    if (saved) Object.defineProperty(Object.prototype, "year", saved);
  }
}, "DateTimeFormat/default-options-object-prototype.js: absent options do not read Object.prototype");

test(() => {
  assert.throws(TypeError, () => new Intl.DateTimeFormat("en", null));
  assert.sameValue(new Intl.DateTimeFormat("en", 1).resolvedOptions().locale, "en");
}, "DateTimeFormat/constructor-options-toobject.js: null options throw, primitives are wrapped");

test(() => {
  assert.throws(RangeError, () => new Intl.DateTimeFormat("en-"));
  assert.throws(TypeError, () => new Intl.DateTimeFormat([null]));
  assert.throws(TypeError, () => new Intl.DateTimeFormat(null));
}, "DateTimeFormat/taint-Object-prototype.js: invalid locales throw");

test(() => {
  const ro = new Intl.DateTimeFormat("en-u-ca-invalid-nu-invalid").resolvedOptions();
  assert.sameValue(ro.locale, "en");
  assert.sameValue(ro.calendar, "gregory");
  assert.sameValue(ro.numberingSystem, "latn");
}, "DateTimeFormat/ignore-invalid-unicode-ext-values.js: unsupported ca and nu values are dropped");

const dtfInvalid = [
  ["weekday", ["", "LONG", "numeric", "full"]],
  ["era", ["", "Long", "numeric", "full"]],
  ["year", ["", "long", "short", "2digit"]],
  ["month", ["", "Long", "3-digit", "full"]],
  ["day", ["", "long", "short", "2digit"]],
  ["dayPeriod", ["", "numeric", "2-digit", "wide"]],
  ["hour", ["", "long", "short", "narrow"]],
  ["minute", ["", "long", "short", "narrow"]],
  ["second", ["", "long", "short", "narrow"]],
  ["timeZoneName", ["", "Short", "full", "offset", "generic"]],
  ["hourCycle", ["", "h10", "h25", "H11", "12"]],
  ["formatMatcher", ["", "best-fit", "Basic", "exact"]],
  ["dateStyle", ["", "Full", "numeric", "tiny"]],
  ["timeStyle", ["", "Long", "numeric", "tiny"]],
  ["localeMatcher", ["", "Lookup", "best-fit"]],
];
test(() => {
  for (const [option, values] of dtfInvalid.slice(0, 10)) {
    for (const value of values) {
      assert.throws(RangeError, () => new Intl.DateTimeFormat("en", { [option]: value }), option + ": " + JSON.stringify(value));
    }
  }
}, "DateTimeFormat/constructor-options-invalid.js: invalid component option values throw a RangeError");

test(() => {
  for (const [option, values] of dtfInvalid.slice(10)) {
    for (const value of values) {
      assert.throws(RangeError, () => new Intl.DateTimeFormat("en", { [option]: value }), option + ": " + JSON.stringify(value));
    }
  }
}, "DateTimeFormat/constructor-options-style-invalid.js: invalid hourCycle, formatMatcher, style and localeMatcher values throw a RangeError");

const dtfValid = [
  ["weekday", ["narrow", "short", "long"]],
  ["era", ["narrow", "short", "long"]],
  ["year", ["2-digit", "numeric"]],
  ["month", ["2-digit", "numeric", "narrow", "short", "long"]],
  ["day", ["2-digit", "numeric"]],
  ["dayPeriod", ["narrow", "short", "long"]],
  ["timeZoneName", ["short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"]],
];
test(() => {
  for (const [option, values] of dtfValid.slice(0, 5)) {
    for (const value of values) {
      const ro = new Intl.DateTimeFormat("en", { [option]: value, timeZone: "UTC" }).resolvedOptions();
      assert.sameValue(ro[option], value, option + ": " + value);
    }
  }
}, "DateTimeFormat/constructor-options-valid.js: valid weekday, era, year, month and day values are resolved");

test(() => {
  for (const [option, values] of dtfValid.slice(5)) {
    for (const value of values) {
      const ro = new Intl.DateTimeFormat("en", { [option]: value, timeZone: "UTC" }).resolvedOptions();
      assert.sameValue(ro[option], value, option + ": " + value);
    }
  }
}, "DateTimeFormat/constructor-options-timeZoneName-valid.js: valid dayPeriod and timeZoneName values are resolved");

test(() => {
  for (const value of [1, 2, 3, "1", 2.9]) {
    const ro = new Intl.DateTimeFormat("en", { fractionalSecondDigits: value }).resolvedOptions();
    assert.sameValue(ro.fractionalSecondDigits, Math.floor(Number(value)), String(value));
  }
}, "DateTimeFormat/constructor-options-fractionalSecondDigits-valid.js: 1 to 3 are accepted (after ToNumber and floor)");

test(() => {
  for (const value of [0, 4, -1, "x", NaN, Infinity]) {
    assert.throws(RangeError, () => new Intl.DateTimeFormat("en", { fractionalSecondDigits: value }), String(value));
  }
}, "DateTimeFormat/constructor-options-fractionalSecondDigits-invalid.js: values outside 1..3 throw a RangeError");

test(() => {
  for (const option of ["weekday", "era", "year", "month", "day", "hour", "minute", "second", "fractionalSecondDigits", "dayPeriod", "timeZoneName"]) {
    const value = option === "fractionalSecondDigits" ? 1 : option === "timeZoneName" || option === "weekday" || option === "era" || option === "dayPeriod" ? "short" : "numeric";
    assert.throws(TypeError, () => new Intl.DateTimeFormat("en", { dateStyle: "short", [option]: value }), "dateStyle + " + option);
    assert.throws(TypeError, () => new Intl.DateTimeFormat("en", { timeStyle: "short", [option]: value }), "timeStyle + " + option);
  }
}, "DateTimeFormat/constructor-options-invalid-explicit-components.js: dateStyle/timeStyle exclude explicit components");

test(() => {
  const ro = new Intl.DateTimeFormat("en", { dateStyle: "short", hour12: true, hourCycle: "h11", calendar: "gregory", numberingSystem: "latn", timeZone: "UTC", formatMatcher: "basic" }).resolvedOptions();
  assert.sameValue(ro.dateStyle, "short");
}, "DateTimeFormat/constructor-options-style-conflict.js: non-component options combine with dateStyle");

test(() => {
  for (const calendar of ["", "a", "ab", "abcdefghi", "gregory-", "gregory_", "-gregory"]) {
    assert.throws(RangeError, () => new Intl.DateTimeFormat("en", { calendar }), JSON.stringify(calendar));
  }
}, "DateTimeFormat/constructor-options-calendar-invalid.js: malformed calendar identifiers throw a RangeError");

test(() => {
  for (const numberingSystem of ["", "a", "ab", "abcdefghi", "latn-", "latn_"]) {
    assert.throws(RangeError, () => new Intl.DateTimeFormat("en", { numberingSystem }), JSON.stringify(numberingSystem));
  }
}, "DateTimeFormat/constructor-options-numberingSystem-invalid.js: malformed numbering systems throw a RangeError");

test(() => {
  const ro = new Intl.DateTimeFormat("en", { calendar: "abcde" }).resolvedOptions();
  assert.sameValue(ro.calendar, "gregory");
}, "DateTimeFormat/constructor-options-calendar-invalid.js: a well-formed unknown calendar falls back to the default");

test(() => {
  const ro = new Intl.DateTimeFormat("en-u-ca-buddhist-nu-thai", { calendar: "japanese", numberingSystem: "arab" }).resolvedOptions();
  assert.sameValue(ro.calendar, "japanese");
  assert.sameValue(ro.numberingSystem, "arab");
  assert.sameValue(ro.locale, "en");
}, "DateTimeFormat/constructor-calendar-numberingSystem-order.js: options override the extension keys");

test(() => {
  const ro = new Intl.DateTimeFormat("en-u-ca-japanese-nu-arab").resolvedOptions();
  assert.sameValue(ro.calendar, "japanese");
  assert.sameValue(ro.numberingSystem, "arab");
  assert.sameValue(ro.locale, "en-u-ca-japanese-nu-arab");
}, "DateTimeFormat/constructor-calendar-numberingSystem-order.js: extension keys select calendar and numbering system");

test(() => {
  assert.throws(RangeError, () => new Intl.DateTimeFormat("en", { calendar: "gregorian" }), "9 letters is not a type subtag");
  assert.sameValue(new Intl.DateTimeFormat("en", { calendar: "GREGORY" }).resolvedOptions().calendar, "gregory");
  assert.sameValue(new Intl.DateTimeFormat("en", { calendar: "ethiopic-amete-alem" }).resolvedOptions().calendar, "ethioaa");
}, "DateTimeFormat/canonicalize-calendar.js: calendar aliases are canonicalized");

const dtfOptionNames = ["localeMatcher", "calendar", "numberingSystem", "hour12", "hourCycle", "timeZone", "weekday", "era",
  "year", "month", "day", "dayPeriod", "hour", "minute", "second", "fractionalSecondDigits", "timeZoneName",
  "formatMatcher", "dateStyle", "timeStyle"];
test(() => {
  for (const name of dtfOptionNames) {
    const options = {};
    Object.defineProperty(options, name, { get() { throw new SyntaxError(name); } });
    assert.throws(SyntaxError, () => new Intl.DateTimeFormat("en", options), name);
  }
}, "DateTimeFormat/constructor-options-throwing-getters.js: an abrupt getter on any option propagates");

test(() => {
  const read = [];
  const options = new Proxy({}, { get(target, key) { read.push(key); return undefined; } });
  new Intl.DateTimeFormat("en", options);
  assert.compareArray(read, dtfOptionNames);
}, "DateTimeFormat/constructor-options-order.js: each option is read once, in the specified order");

test(() => {
  const options = { hour12: "yes", hourCycle: "h11" };
  const ro = new Intl.DateTimeFormat("en", Object.assign({ hour: "numeric" }, options)).resolvedOptions();
  assert.sameValue(ro.hour12, true, "hour12 goes through ToBoolean");
}, "DateTimeFormat/constructor-options-hour12.js: hour12 is converted with ToBoolean");
