// Intl.Locale. Derived from test262's test/intl402/Locale/ (constructor-*.js,
// getters*.js, likely-subtags*.js, extensions-*.js, invalid-tag-throws-*.js,
// prototype/*/prop-desc.js, prototype/maximize/, prototype/minimize/,
// prototype/getTextInfo/, prototype/getWeekInfo/, prototype/getHourCycles/, ...),
// rewritten for jsbox. The locale-info tests accept either the current
// getX() methods or the older accessors (calendars, weekInfo, ...) that Node 20 has.
// (test262's "und-150" -> "ru-Cyrl-RU" is left out: CLDR 48 maps it to en-Latn-150.)

function info(locale, name) {
  const method = "get" + name[0].toUpperCase() + name.slice(1);
  return typeof locale[method] === "function" ? locale[method]() : locale[name];
}

test(() => {
  verifyProperty(Intl, "Locale", { writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.Locale, "length", { value: 1, writable: false, enumerable: false, configurable: true });
  verifyProperty(Intl.Locale, "name", { value: "Locale", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.getPrototypeOf(Intl.Locale), Function.prototype);
}, "Locale/prop-desc.js: descriptor, length 1, name");

test(() => {
  verifyProperty(Intl.Locale, "prototype", { writable: false, enumerable: false, configurable: false });
  verifyProperty(Intl.Locale.prototype, "constructor", { value: Intl.Locale, writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.Locale.prototype, Symbol.toStringTag, { value: "Intl.Locale", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.prototype.toString.call(new Intl.Locale("en")), "[object Intl.Locale]");
  assert.sameValue(Object.prototype.hasOwnProperty.call(Intl.Locale, "supportedLocalesOf"), false);
}, "Locale/prototype/toStringTag/toStringTag.js: prototype, constructor, @@toStringTag, no supportedLocalesOf");

for (const [method, length] of [["toString", 0], ["maximize", 0], ["minimize", 0]]) {
  test(() => {
    verifyProperty(Intl.Locale.prototype, method, { writable: true, enumerable: false, configurable: true });
    verifyProperty(Intl.Locale.prototype[method], "length", { value: length, writable: false, enumerable: false, configurable: true });
    verifyProperty(Intl.Locale.prototype[method], "name", { value: method, writable: false, enumerable: false, configurable: true });
    assert.sameValue(isConstructor(Intl.Locale.prototype[method]), false);
  }, "Locale/prototype/" + method + "/prop-desc.js: descriptor, length, name");
}

for (const getter of ["baseName", "calendar", "caseFirst", "collation", "hourCycle", "language", "numberingSystem", "numeric", "region", "script"]) {
  test(() => {
    const desc = Object.getOwnPropertyDescriptor(Intl.Locale.prototype, getter);
    assert.sameValue(typeof desc.get, "function", "a getter");
    assert.sameValue(desc.set, undefined, "no setter");
    assert.sameValue(desc.enumerable, false);
    assert.sameValue(desc.configurable, true);
    assert.sameValue(desc.get.name, "get " + getter);
    assert.sameValue(desc.get.length, 0);
    assert.throws(TypeError, () => desc.get.call({}));
    assert.throws(TypeError, () => desc.get.call(Intl.Locale.prototype));
  }, "Locale/prototype/" + getter + "/prop-desc.js: accessor get " + getter + ", branded");
}

test(() => {
  assert.throws(TypeError, () => Intl.Locale("en"));
}, "Locale/constructor-newtarget-undefined.js: calling without new throws a TypeError");

test(() => {
  assert.throws(TypeError, () => new Intl.Locale());
  assert.throws(TypeError, () => new Intl.Locale(undefined));
  assert.throws(TypeError, () => new Intl.Locale(null));
  assert.throws(TypeError, () => new Intl.Locale(5));
  assert.throws(TypeError, () => new Intl.Locale(true));
  assert.throws(TypeError, () => new Intl.Locale(Symbol()));
}, "Locale/invalid-tag-throws-undefined.js: the tag must be a string or an object");

test(() => {
  for (const tag of ["", " en", "en ", "en-", "en_US", "abcdefghi", "1", "en-u-"]) {
    assert.throws(RangeError, () => new Intl.Locale(tag), JSON.stringify(tag));
  }
}, "Locale/constructor-tag.js: malformed tags throw a RangeError");

test(() => {
  for (const tag of ["x-private", "i-klingon", "root", "en-Latn-Latn", "de-gregory-gregory"]) {
    assert.throws(RangeError, () => new Intl.Locale(tag), JSON.stringify(tag));
  }
}, "Locale/constructor-tag.js: private-use-only, irregular, root and duplicate-subtag tags throw a RangeError");

test(() => {
  assert.sameValue(new Intl.Locale({ toString() { return "EN-us"; } }).toString(), "en-US");
  assert.throws(EvalError, () => new Intl.Locale({ toString() { throw new EvalError(); } }));
}, "Locale/constructor-tag-tostring.js: an object tag goes through ToString");

test(() => {
  const original = new Intl.Locale("en-US-u-ca-gregory");
  const copy = new Intl.Locale(original);
  assert.notSameValue(copy, original);
  assert.sameValue(copy.toString(), "en-US-u-ca-gregory");
  assert.sameValue(new Intl.Locale(original, { calendar: "japanese" }).toString(), "en-US-u-ca-japanese");
}, "Locale/constructor-locale-object.js: an Intl.Locale is copied, options override");

test(() => {
  assert.throws(TypeError, () => new Intl.Locale("en", null));
  assert.sameValue(new Intl.Locale("en", undefined).toString(), "en");
  assert.sameValue(new Intl.Locale("en", 5).toString(), "en");
}, "Locale/constructor-options.js: options null throws, primitives are wrapped");

test(() => {
  const loc = new Intl.Locale("en-Latn-US-u-ca-gregory-co-phonebk-hc-h12-kf-upper-kn-nu-latn");
  assert.sameValue(loc.toString(), "en-Latn-US-u-ca-gregory-co-phonebk-hc-h12-kf-upper-kn-nu-latn");
  assert.sameValue(loc.baseName, "en-Latn-US");
  assert.sameValue(loc.language, "en");
  assert.sameValue(loc.script, "Latn");
  assert.sameValue(loc.region, "US");
  assert.sameValue(loc.calendar, "gregory");
  assert.sameValue(loc.collation, "phonebk");
  assert.sameValue(loc.hourCycle, "h12");
  assert.sameValue(loc.caseFirst, "upper");
  assert.sameValue(loc.numeric, true);
  assert.sameValue(loc.numberingSystem, "latn");
}, "Locale/getters.js: every getter reads the tag");

test(() => {
  const loc = new Intl.Locale("en");
  assert.sameValue(loc.script, undefined);
  assert.sameValue(loc.region, undefined);
  assert.sameValue(loc.calendar, undefined);
  assert.sameValue(loc.collation, undefined);
  assert.sameValue(loc.hourCycle, undefined);
  assert.sameValue(loc.caseFirst, undefined);
  assert.sameValue(loc.numeric, false);
  assert.sameValue(loc.numberingSystem, undefined);
}, "Locale/getters-missing.js: absent parts are undefined, numeric is false");

test(() => {
  const loc = new Intl.Locale("en", { language: "fr", script: "Cyrl", region: "CA", calendar: "japanese", collation: "emoji",
    hourCycle: "h23", caseFirst: "lower", numeric: true, numberingSystem: "arab" });
  assert.sameValue(loc.toString(), "fr-Cyrl-CA-u-ca-japanese-co-emoji-hc-h23-kf-lower-kn-nu-arab");
  assert.sameValue(loc.baseName, "fr-Cyrl-CA");
}, "Locale/constructor-options.js: every option is applied");

test(() => {
  assert.sameValue(new Intl.Locale("en-u-kn-false").numeric, false);
  assert.sameValue(new Intl.Locale("en-u-kn").numeric, true);
  assert.sameValue(new Intl.Locale("en-u-kn-true").toString(), "en-u-kn");
  assert.sameValue(new Intl.Locale("en", { numeric: false }).toString(), "en-u-kn-false");
  assert.sameValue(new Intl.Locale("en", { numeric: 1 }).toString(), "en-u-kn", "ToBoolean");
}, "Locale/constructor-options-numeric-valid.js: numeric and kn");

test(() => {
  assert.sameValue(new Intl.Locale("en-u-kn-true", { numeric: undefined }).numeric, true);
  assert.sameValue(new Intl.Locale("en-u-ca-gregory", { calendar: undefined }).calendar, "gregory");
}, "Locale/constructor-options-numeric-undefined.js: undefined options keep the tag's values");

const invalidLocaleOptions = [
  ["language", ["x", "abcd", "en-US", "1", "", "root"]],
  ["script", ["Lat", "Latin", "1234", ""]],
  ["region", ["USA", "U", "12", ""]],
  ["calendar", ["a", "gregory-", "abcdefghi", ""]],
  ["collation", ["a", "phonebk-", ""]],
  ["hourCycle", ["h10", "h25", "H12", ""]],
  ["caseFirst", ["true", "none", "Upper", ""]],
  ["numberingSystem", ["latn-", "ab", ""]],
];
for (const [option, values] of invalidLocaleOptions) {
  test(() => {
    for (const value of values) assert.throws(RangeError, () => new Intl.Locale("en", { [option]: value }), JSON.stringify(value));
  }, "Locale/constructor-options-" + option.toLowerCase() + "-invalid.js: invalid " + option + " values throw a RangeError");
}

test(() => {
  assert.sameValue(new Intl.Locale("en", { language: "DE" }).toString(), "de");
  assert.sameValue(new Intl.Locale("en", { script: "cyrl" }).script, "Cyrl");
  assert.sameValue(new Intl.Locale("en", { region: "gb" }).region, "GB");
  assert.sameValue(new Intl.Locale("en", { region: "419" }).region, "419");
  assert.sameValue(new Intl.Locale("en", { calendar: "ISLAMICC" }).calendar, "islamic-civil");
}, "Locale/constructor-options-language-valid.js: option values are canonicalized");

test(() => {
  const read = [];
  new Intl.Locale("en", new Proxy({}, { get(target, key) { read.push(key); return undefined; } }));
  const filtered = read.filter((key) => key !== "variants" && key !== "firstDayOfWeek");
  assert.compareArray(filtered, ["language", "script", "region", "calendar", "collation", "hourCycle", "caseFirst", "numeric", "numberingSystem"]);
}, "Locale/constructor-getter-order.js: options are read in order");

test(() => {
  for (const name of ["language", "script", "region", "calendar", "collation", "hourCycle", "caseFirst", "numeric", "numberingSystem"]) {
    const options = {};
    Object.defineProperty(options, name, { get() { throw new SyntaxError(name); } });
    assert.throws(SyntaxError, () => new Intl.Locale("en", options), name);
  }
}, "Locale/constructor-options-throwing-getters.js: abrupt option getters propagate");

test(() => {
  const loc = new Intl.Locale("sl-rozaj-biske-1994");
  assert.sameValue(loc.toString(), "sl-1994-biske-rozaj");
  assert.sameValue(loc.baseName, "sl-1994-biske-rozaj");
}, "Locale/constructor-tag.js: variants are sorted");

test(() => {
  assert.sameValue(new Intl.Locale("en", { variants: "fonipa" }).toString(), "en-fonipa");
  assert.sameValue(new Intl.Locale("en-US", { variants: "scouse-fonipa" }).baseName, "en-US-fonipa-scouse");
}, "Locale/constructor-options-variants-valid.js: the variants option sets (sorted) variants");

test(() => {
  const cases = [["iw", "he"], ["in-ID", "id-ID"], ["sh", "sr-Latn"], ["cmn-hans-cn", "zh-Hans-CN"], ["en-u-ca-ethiopic-amete-alem", "en-u-ca-ethioaa"],
    ["en-u-nu-latn-ca-gregory", "en-u-ca-gregory-nu-latn"], ["DE-de", "de-DE"], ["art-lojban", "jbo"]];
  for (const [input, expected] of cases) assert.sameValue(new Intl.Locale(input).toString(), expected, input);
}, "Locale/constructor-non-iana-canon.js: tags are canonicalized");

test(() => {
  for (const value of [undefined, null, "en", {}, new Intl.NumberFormat()]) {
    assert.throws(TypeError, () => Intl.Locale.prototype.toString.call(value));
    assert.throws(TypeError, () => Intl.Locale.prototype.maximize.call(value));
    assert.throws(TypeError, () => Intl.Locale.prototype.minimize.call(value));
  }
}, "Locale/prototype/toString/branding.js: methods check their receiver");

const maximal = [
  ["en", "en-Latn-US"], ["en-Latn", "en-Latn-US"], ["en-Shaw", "en-Shaw-GB"], ["en-Arab", "en-Arab-US"], ["en-US", "en-Latn-US"],
  ["en-GB", "en-Latn-GB"], ["en-FR", "en-Latn-FR"], ["it-Kana-CA", "it-Kana-CA"], ["und", "en-Latn-US"], ["und-Thai", "th-Thai-TH"],
  ["und-419", "es-Latn-419"], ["und-AT", "de-Latn-AT"], ["zh-TW", "zh-Hant-TW"], ["zh-Hant", "zh-Hant-TW"],
  ["ja", "ja-Jpan-JP"], ["ar", "ar-Arab-EG"], ["hi", "hi-Deva-IN"], ["ru", "ru-Cyrl-RU"], ["pt", "pt-Latn-BR"],
];
for (let i = 0; i < maximal.length; i += 5) {
  const group = maximal.slice(i, i + 5);
  test(() => {
    for (const [tag, expected] of group) {
      assert.sameValue(new Intl.Locale(tag).maximize().toString(), expected, tag);
      assert.sameValue(new Intl.Locale(expected).maximize().toString(), expected, expected + " is already maximal");
      assert.sameValue(new Intl.Locale(tag + "-u-co-phonebk-x-private").maximize().toString(), expected + "-u-co-phonebk-x-private", tag + " keeps extensions");
    }
  }, "Locale/likely-subtags.js: maximize " + group.map(([tag]) => tag).join(", "));
}

const minimal = [
  ["en", "en"], ["en-Latn", "en"], ["ar-Arab", "ar"], ["en-US", "en"], ["en-GB", "en-GB"], ["en-Latn-US", "en"], ["en-Shaw-GB", "en-Shaw"],
  ["en-Arab-US", "en-Arab"], ["en-Latn-GB", "en-GB"], ["en-Latn-FR", "en-FR"], ["it-Kana-CA", "it-Kana-CA"], ["th-Thai-TH", "th"],
  ["es-Latn-419", "es-419"], ["ru-Cyrl-RU", "ru"], ["de-Latn-AT", "de-AT"], ["zh-Hant-TW", "zh-TW"], ["zh-Hans-CN", "zh"],
  ["pt-Latn-BR", "pt"], ["de-Latn-CH", "de-CH"],
];
for (let i = 0; i < minimal.length; i += 5) {
  const group = minimal.slice(i, i + 5);
  test(() => {
    for (const [tag, expected] of group) {
      assert.sameValue(new Intl.Locale(tag).minimize().toString(), expected, tag);
      assert.sameValue(new Intl.Locale(tag + "-fonipa-u-ca-gregory").minimize().toString(), expected + "-fonipa-u-ca-gregory", tag + " keeps variants and extensions");
    }
  }, "Locale/likely-subtags.js: minimize " + group.map(([tag]) => tag).join(", "));
}

test(() => {
  const loc = new Intl.Locale("en-US");
  assert.notSameValue(loc.maximize(), loc, "a new object");
  assert(loc.maximize() instanceof Intl.Locale);
  assert(loc.minimize() instanceof Intl.Locale);
}, "Locale/prototype/maximize/returns-new-locale.js: maximize and minimize return new Locales");

test(() => {
  assert.sameValue(info(new Intl.Locale("en-US"), "textInfo").direction, "ltr");
  assert.sameValue(info(new Intl.Locale("ar"), "textInfo").direction, "rtl");
  assert.sameValue(info(new Intl.Locale("ja"), "textInfo").direction, "ltr");
}, "Locale/prototype/getTextInfo/script-subtag-missing.js: text direction");

test(() => {
  const week = info(new Intl.Locale("en-US"), "weekInfo");
  assert.sameValue(week.firstDay, 7);
  assert.compareArray(week.weekend, [6, 7]);
  assert.sameValue(week.minimalDays, 1);
}, "Locale/prototype/getWeekInfo/output-object-keys.js: en-US week starts on Sunday");

test(() => {
  const week = info(new Intl.Locale("de"), "weekInfo");
  assert.sameValue(week.firstDay, 1);
  assert.compareArray(week.weekend, [6, 7]);
  assert.sameValue(week.minimalDays, 4);
}, "Locale/prototype/getWeekInfo/likely-subtags-region.js: German weeks are ISO weeks");

test(() => {
  assert.compareArray(info(new Intl.Locale("en-US"), "hourCycles"), ["h12"]);
  assert.compareArray(info(new Intl.Locale("ja"), "hourCycles"), ["h23"]);
  assert.compareArray(info(new Intl.Locale("en-US-u-hc-h23"), "hourCycles"), ["h23"]);
}, "Locale/prototype/getHourCycles/output-array.js: preferred hour cycles");

test(() => {
  assert.compareArray(info(new Intl.Locale("en-US"), "calendars"), ["gregory"]);
  assert.compareArray(info(new Intl.Locale("en-u-ca-japanese"), "calendars"), ["japanese"]);
}, "Locale/prototype/getCalendars/output-array.js: preferred calendars");

test(() => {
  assert.compareArray(info(new Intl.Locale("en"), "numberingSystems"), ["latn"]);
  assert.compareArray(info(new Intl.Locale("ar-EG"), "numberingSystems"), ["arab"]);
  assert.compareArray(info(new Intl.Locale("en-u-nu-thai"), "numberingSystems"), ["thai"]);
}, "Locale/prototype/getNumberingSystems/output-array.js: preferred numbering systems");

test(() => {
  assert.compareArray(info(new Intl.Locale("en-GB"), "timeZones"), ["Europe/London"]);
  assert.sameValue(info(new Intl.Locale("en"), "timeZones"), undefined, "no region, no time zones");
  const zones = info(new Intl.Locale("en-US"), "timeZones");
  assert(zones.includes("America/New_York") && zones.includes("America/Los_Angeles"));
}, "Locale/prototype/getTimeZones/output-array.js: time zones of the region");

test(() => {
  const collations = info(new Intl.Locale("en"), "collations");
  assert(Array.isArray(collations));
  assert(!collations.includes("standard") && !collations.includes("search"));
  assert.compareArray(info(new Intl.Locale("de-u-co-phonebk"), "collations"), ["phonebk"]);
}, "Locale/prototype/getCollations/output-array.js: collations exclude standard and search");
