// Intl.supportedValuesOf. Derived from test262's test/intl402/Intl/supportedValuesOf/,
// rewritten for jsbox. Only structural facts and values every CLDR-based
// implementation has are checked (no exact list lengths).

function isSortedUnique(list) {
  for (let i = 1; i < list.length; i++) {
    if (!(list[i - 1] < list[i])) return false;
  }
  return true;
}

test(() => {
  verifyProperty(Intl, "supportedValuesOf", { writable: true, enumerable: false, configurable: true });
}, "Intl/supportedValuesOf/prop-desc.js: property descriptor");

test(() => {
  verifyProperty(Intl.supportedValuesOf, "length", { value: 1, writable: false, enumerable: false, configurable: true });
}, "Intl/supportedValuesOf/length.js: length is 1");

test(() => {
  verifyProperty(Intl.supportedValuesOf, "name", { value: "supportedValuesOf", writable: false, enumerable: false, configurable: true });
}, "Intl/supportedValuesOf/name.js: name is \"supportedValuesOf\"");

test(() => {
  assert.sameValue(isConstructor(Intl.supportedValuesOf), false);
  assert.throws(TypeError, () => new Intl.supportedValuesOf("calendar"));
}, "Intl/supportedValuesOf/builtin.js: not a constructor");

test(() => {
  for (const key of ["", "calendars", "Calendar", "CALENDAR", "timezone", "numberingsystem", "units", "currencies", "collations", "region", "language", "script"]) {
    assert.throws(RangeError, () => Intl.supportedValuesOf(key), JSON.stringify(key));
  }
}, "Intl/supportedValuesOf/invalid-key.js: unknown and misspelled keys throw a RangeError");

test(() => {
  assert.throws(RangeError, () => Intl.supportedValuesOf());
  assert.throws(RangeError, () => Intl.supportedValuesOf(undefined));
  assert.throws(RangeError, () => Intl.supportedValuesOf(null));
}, "Intl/supportedValuesOf/invalid-key.js: undefined and null stringify to invalid keys");

test(() => {
  assert.throws(TypeError, () => Intl.supportedValuesOf(Symbol("calendar")));
}, "Intl/supportedValuesOf/key-tostring.js: a symbol key throws a TypeError");

test(() => {
  const key = { toString() { return "calendar"; } };
  const calendars = Intl.supportedValuesOf(key);
  assert(calendars.includes("gregory"));
}, "Intl/supportedValuesOf/key-tostring.js: the key goes through ToString");

test(() => {
  const key = { toString() { throw new EvalError("key"); } };
  assert.throws(EvalError, () => Intl.supportedValuesOf(key));
}, "Intl/supportedValuesOf/key-tostring-abrupt.js: an abrupt ToString propagates");

for (const key of ["calendar", "collation", "currency", "numberingSystem", "timeZone", "unit"]) {
  test(() => {
    const list = Intl.supportedValuesOf(key);
    assert(Array.isArray(list), "an array");
    assert.sameValue(Object.getPrototypeOf(list), Array.prototype);
    assert(list.length > 0, "not empty");
    assert(list.every((v) => typeof v === "string"), "only strings");
  }, "Intl/supportedValuesOf/returns-array.js: " + key + " gives a non-empty array of strings");

  test(() => {
    const list = Intl.supportedValuesOf(key);
    assert(isSortedUnique(list), key + " is sorted and has no duplicates");
  }, "Intl/supportedValuesOf/" + key + "s-sorted.js: " + key + " values are sorted and unique");

  test(() => {
    assert.notSameValue(Intl.supportedValuesOf(key), Intl.supportedValuesOf(key));
  }, "Intl/supportedValuesOf/returns-new-array.js: " + key + " gives a new array each call");
}

test(() => {
  const calendars = Intl.supportedValuesOf("calendar");
  for (const c of ["gregory", "iso8601", "buddhist", "japanese", "hebrew", "chinese", "persian", "roc"]) {
    assert(calendars.includes(c), "has " + c);
  }
  assert(calendars.every((c) => /^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/.test(c)), "every calendar is a type sequence");
}, "Intl/supportedValuesOf/calendars.js: well-known calendars are listed");

test(() => {
  const calendars = Intl.supportedValuesOf("calendar");
  assert.sameValue(calendars.includes("gregorian"), false, "alias gregorian");
  assert.sameValue(calendars.includes("ethiopic-amete-alem"), false, "alias ethiopic-amete-alem");
  assert.sameValue(calendars.includes("islamicc"), false, "alias islamicc");
}, "Intl/supportedValuesOf/calendars.js: calendar aliases are not listed");

test(() => {
  for (const c of Intl.supportedValuesOf("calendar")) {
    const resolved = new Intl.DateTimeFormat("en", { calendar: c }).resolvedOptions().calendar;
    assert(typeof resolved === "string" && resolved.length > 0, c);
  }
  assert.sameValue(new Intl.DateTimeFormat("en", { calendar: "gregory" }).resolvedOptions().calendar, "gregory");
  assert.sameValue(new Intl.DateTimeFormat("en", { calendar: "japanese" }).resolvedOptions().calendar, "japanese");
}, "Intl/supportedValuesOf/calendars-accepted-by-DateTimeFormat.js: listed calendars are accepted");

test(() => {
  const collations = Intl.supportedValuesOf("collation");
  assert.sameValue(collations.includes("standard"), false);
  assert.sameValue(collations.includes("search"), false);
  assert(collations.every((c) => /^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/.test(c)));
}, "Intl/supportedValuesOf/collations.js: standard and search are never listed");

test(() => {
  const currencies = Intl.supportedValuesOf("currency");
  assert(currencies.every((c) => /^[A-Z]{3}$/.test(c)), "three upper-case letters each");
  for (const c of ["USD", "EUR", "JPY", "GBP", "CHF", "CNY", "INR", "BRL"]) assert(currencies.includes(c), "has " + c);
}, "Intl/supportedValuesOf/currencies.js: ISO 4217 codes in upper case");

test(() => {
  for (const c of Intl.supportedValuesOf("currency")) {
    const nf = new Intl.NumberFormat("en", { style: "currency", currency: c });
    assert.sameValue(nf.resolvedOptions().currency, c);
  }
}, "Intl/supportedValuesOf/currencies-accepted-by-NumberFormat.js: every listed currency is accepted");

test(() => {
  const systems = Intl.supportedValuesOf("numberingSystem");
  const simple = ["adlm", "ahom", "arab", "arabext", "bali", "beng", "bhks", "brah", "cakm", "cham", "deva", "fullwide",
    "gong", "gonm", "gujr", "guru", "hanidec", "hmng", "java", "kali", "khmr", "knda", "lana", "lanatham", "laoo", "latn",
    "lepc", "limb", "mathbold", "mathdbl", "mathmono", "mathsanb", "mathsans", "mlym", "modi", "mong", "mroo", "mtei",
    "mymr", "mymrshan", "mymrtlng", "newa", "nkoo", "olck", "orya", "osma", "rohg", "saur", "shrd", "sind", "sinh",
    "sora", "sund", "takr", "talu", "tamldec", "telu", "thai", "tibt", "tirh", "vaii", "wara", "wcho"];
  for (const ns of simple) assert(systems.includes(ns), "has " + ns);
}, "Intl/supportedValuesOf/numberingSystems-with-simple-digit-mappings.js: every simple-digit system is listed");

test(() => {
  for (const ns of Intl.supportedValuesOf("numberingSystem")) {
    const nf = new Intl.NumberFormat("en", { numberingSystem: ns });
    assert.sameValue(nf.resolvedOptions().numberingSystem, ns);
  }
}, "Intl/supportedValuesOf/numberingSystems-accepted-by-NumberFormat.js: every listed system is accepted");

test(() => {
  const systems = Intl.supportedValuesOf("numberingSystem");
  for (const ns of ["finance", "native", "traditio"]) assert.sameValue(systems.includes(ns), false, ns);
}, "Intl/supportedValuesOf/numberingSystems.js: the pseudo systems finance, native, traditio are not listed");

test(() => {
  const zones = Intl.supportedValuesOf("timeZone");
  for (const z of ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney", "America/Sao_Paulo", "Europe/Paris"]) {
    assert(zones.includes(z), "has " + z);
  }
}, "Intl/supportedValuesOf/timeZones.js: well-known zones are listed");

test(() => {
  const zones = Intl.supportedValuesOf("timeZone");
  assert(zones.every((z) => !/^Etc\/GMT[+-]/.test(z)), "no Etc/GMT±N zones");
  assert(!zones.includes("US/Eastern"), "no backward link US/Eastern");
  assert(!zones.includes("Etc/UTC") && !zones.includes("GMT"), "no UTC aliases");
}, "Intl/supportedValuesOf/timeZones.js: only primary, region-based identifiers are listed");

test(() => {
  for (const z of Intl.supportedValuesOf("timeZone")) {
    const resolved = new Intl.DateTimeFormat("en", { timeZone: z }).resolvedOptions().timeZone;
    assert.sameValue(resolved, z);
  }
}, "Intl/supportedValuesOf/timeZones-accepted-by-DateTimeFormat.js: every listed zone resolves to itself");

test(() => {
  const sanctioned = ["acre", "bit", "byte", "celsius", "centimeter", "day", "degree", "fahrenheit", "fluid-ounce", "foot",
    "gallon", "gigabit", "gigabyte", "gram", "hectare", "hour", "inch", "kilobit", "kilobyte", "kilogram", "kilometer",
    "liter", "megabit", "megabyte", "meter", "microsecond", "mile", "mile-scandinavian", "milliliter", "millimeter",
    "millisecond", "minute", "month", "nanosecond", "ounce", "percent", "petabyte", "pound", "second", "stone", "terabit",
    "terabyte", "week", "yard", "year"];
  assert.compareArray(Intl.supportedValuesOf("unit"), sanctioned);
}, "Intl/supportedValuesOf/units.js: exactly the sanctioned simple units");

test(() => {
  for (const unit of Intl.supportedValuesOf("unit")) {
    const nf = new Intl.NumberFormat("en", { style: "unit", unit });
    assert.sameValue(nf.resolvedOptions().unit, unit);
  }
}, "Intl/supportedValuesOf/units-accepted-by-NumberFormat.js: every unit is accepted");
