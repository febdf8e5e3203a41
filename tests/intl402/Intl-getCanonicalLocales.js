// Intl.getCanonicalLocales, and the CanonicalizeLocaleList it shares with
// every constructor. Derived from test262's test/intl402/Intl/getCanonicalLocales/
// (and test/intl402/Intl/builtin.js, proto.js, toStringTag/), rewritten for jsbox.

test(() => {
  verifyProperty(globalThis, "Intl", { writable: true, enumerable: false, configurable: true });
  assert.sameValue(typeof Intl, "object");
}, "Intl/builtin.js: Intl is a writable, non-enumerable, configurable global object");

test(() => {
  assert.sameValue(Object.getPrototypeOf(Intl), Object.prototype);
}, "Intl/proto.js: [[Prototype]] of Intl is Object.prototype");

test(() => {
  assert.throws(TypeError, () => Intl());
  assert.throws(TypeError, () => new Intl());
}, "Intl/builtin.js: Intl is neither callable nor a constructor");

test(() => {
  verifyProperty(Intl, Symbol.toStringTag, { value: "Intl", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.prototype.toString.call(Intl), "[object Intl]");
}, "Intl/toStringTag/toStringTag.js: Intl[@@toStringTag] is \"Intl\"");

test(() => {
  const names = ["Collator", "DateTimeFormat", "DisplayNames", "ListFormat", "Locale", "NumberFormat",
    "PluralRules", "RelativeTimeFormat", "Segmenter", "getCanonicalLocales", "supportedValuesOf"];
  for (const name of names) {
    verifyProperty(Intl, name, { writable: true, enumerable: false, configurable: true });
    assert.sameValue(typeof Intl[name], "function", name);
  }
}, "Intl/getCanonicalLocales/descriptor.js: the constructors and functions of Intl are writable, non-enumerable, configurable");

test(() => {
  verifyProperty(Intl.getCanonicalLocales, "length", { value: 1, writable: false, enumerable: false, configurable: true });
}, "Intl/getCanonicalLocales/length.js: length is 1");

test(() => {
  verifyProperty(Intl.getCanonicalLocales, "name", { value: "getCanonicalLocales", writable: false, enumerable: false, configurable: true });
}, "Intl/getCanonicalLocales/name.js: name is \"getCanonicalLocales\"");

test(() => {
  assert.sameValue(isConstructor(Intl.getCanonicalLocales), false);
  assert.throws(TypeError, () => new Intl.getCanonicalLocales("en"));
  assert.sameValue(Object.getPrototypeOf(Intl.getCanonicalLocales), Function.prototype);
}, "Intl/getCanonicalLocales/Locale-object.js: getCanonicalLocales is a plain built-in function, not a constructor");

test(() => {
  const result = Intl.getCanonicalLocales();
  assert(Array.isArray(result), "an array");
  assert.sameValue(result.length, 0);
  assert.compareArray(Intl.getCanonicalLocales(undefined), []);
}, "Intl/getCanonicalLocales/main.js: no argument or undefined gives an empty array");

test(() => {
  const a = Intl.getCanonicalLocales("en");
  const b = Intl.getCanonicalLocales("en");
  assert.notSameValue(a, b, "a fresh array each call");
  assert.sameValue(Object.getPrototypeOf(a), Array.prototype);
  a.push("x");
  assert.compareArray(Intl.getCanonicalLocales("en"), ["en"]);
}, "Intl/getCanonicalLocales/returned-object-is-mutable.js: the result is a new, ordinary, extensible array");

test(() => {
  assert.compareArray(Intl.getCanonicalLocales("ab-cd"), ["ab-CD"]);
  assert.compareArray(Intl.getCanonicalLocales(["ab-cd", "FF"]), ["ab-CD", "ff"]);
}, "Intl/getCanonicalLocales/main.js: a string and a list of strings");

test(() => {
  assert.compareArray(Intl.getCanonicalLocales({ a: 0 }), []);
  assert.compareArray(Intl.getCanonicalLocales({}), []);
  assert.compareArray(Intl.getCanonicalLocales({ length: 1, 0: "ab-cd" }), ["ab-CD"]);
}, "Intl/getCanonicalLocales/main.js: array-like objects are read through length");

test(() => {
  assert.compareArray(Intl.getCanonicalLocales(["ab-cd", "ff", "de-rt", "ab-Cd"]), ["ab-CD", "ff", "de-RT"]);
  assert.compareArray(Intl.getCanonicalLocales(["en-US", "en-us", "EN-US"]), ["en-US"]);
}, "Intl/getCanonicalLocales/duplicates.js: duplicates are dropped after canonicalization, first one kept");

test(() => {
  assert.compareArray(Intl.getCanonicalLocales(["iw", "he"]), ["he"]);
}, "Intl/getCanonicalLocales/duplicates.js: tags equal only after alias replacement are duplicates too");

test(() => {
  assert.throws(TypeError, () => Intl.getCanonicalLocales(null));
}, "Intl/getCanonicalLocales/locales-is-not-a-string.js: null throws a TypeError (ToObject)");

test(() => {
  assert.compareArray(Intl.getCanonicalLocales(1), []);
  assert.compareArray(Intl.getCanonicalLocales(true), []);
  assert.compareArray(Intl.getCanonicalLocales(Symbol("x")), []);
}, "Intl/getCanonicalLocales/locales-is-not-a-string.js: a number, boolean or symbol wraps to an object without length");

test(() => {
  assert.throws(TypeError, () => Intl.getCanonicalLocales([1]));
  assert.throws(TypeError, () => Intl.getCanonicalLocales([null]));
  assert.throws(TypeError, () => Intl.getCanonicalLocales([undefined]));
  assert.throws(TypeError, () => Intl.getCanonicalLocales([true]));
  assert.throws(TypeError, () => Intl.getCanonicalLocales([Symbol("en")]));
}, "Intl/getCanonicalLocales/locales-is-not-a-string.js: elements that are neither strings nor objects throw a TypeError");

test(() => {
  assert.throws(RangeError, () => Intl.getCanonicalLocales([{}]));
}, "Intl/getCanonicalLocales/to-string.js: an object element is converted with ToString (\"[object Object]\" is invalid)");

test(() => {
  const tag = { toString() { return "EN-gb"; } };
  assert.compareArray(Intl.getCanonicalLocales([tag]), ["en-GB"]);
}, "Intl/getCanonicalLocales/to-string.js: an object element's toString result is canonicalized");

test(() => {
  assert.compareArray(Intl.getCanonicalLocales(new Intl.Locale("en-us")), ["en-US"]);
  assert.compareArray(Intl.getCanonicalLocales([new Intl.Locale("de-ch"), "FR"]), ["de-CH", "fr"]);
}, "Intl/getCanonicalLocales/Locale-object.js: Intl.Locale objects are taken as one locale");

test(() => {
  const locales = { length: 3, 0: "en", 2: "fr" };
  assert.compareArray(Intl.getCanonicalLocales(locales), ["en", "fr"]);
}, "Intl/getCanonicalLocales/has-property.js: holes (absent indices) are skipped");

test(() => {
  assert.compareArray(Intl.getCanonicalLocales({ length: -1, 0: "en" }), []);
  assert.compareArray(Intl.getCanonicalLocales({ length: "1", 0: "en" }), ["en"]);
  assert.compareArray(Intl.getCanonicalLocales({ length: 1.9, 0: "en" }), ["en"]);
}, "Intl/getCanonicalLocales/overriden-arg-length.js: length goes through ToLength");

test(() => {
  const locales = { get length() { throw new SyntaxError("length"); } };
  assert.throws(SyntaxError, () => Intl.getCanonicalLocales(locales));
}, "Intl/getCanonicalLocales/overriden-arg-length.js: an abrupt length getter propagates");

test(() => {
  const locales = { length: 1, get 0() { throw new EvalError("element"); } };
  assert.throws(EvalError, () => Intl.getCanonicalLocales(locales));
}, "Intl/getCanonicalLocales/get-locale.js: an abrupt element getter propagates");

test(() => {
  const locales = ["en", "fr"];
  Object.defineProperty(locales, "1", { get() { throw new URIError("second"); } });
  assert.throws(URIError, () => Intl.getCanonicalLocales(locales));
}, "Intl/getCanonicalLocales/get-locale.js: an abrupt getter on an array index propagates");

test(() => {
  const original = Array.prototype.push;
  let called = false;
  Array.prototype.push = function () { called = true; throw new Error("push used"); };
  try {
    assert.compareArray(Intl.getCanonicalLocales(["en", "de"]), ["en", "de"]);
  } finally {
    Array.prototype.push = original;
  }
  assert.sameValue(called, false);
}, "Intl/getCanonicalLocales/overriden-push.js: the result does not use Array.prototype.push");

test(() => {
  const original = Object.getOwnPropertyDescriptor(Array.prototype, "0");
  Object.defineProperty(Array.prototype, "0", { set() { throw new Error("setter used"); }, configurable: true });
  try {
    assert.compareArray(Intl.getCanonicalLocales("en"), ["en"]);
  } finally {
    delete Array.prototype[0];
    if (original) Object.defineProperty(Array.prototype, "0", original);
  }
}, "Intl/getCanonicalLocales/elements-not-reordered.js: elements are defined, not set (no setter on Array.prototype is hit)");

test(() => {
  assert.compareArray(Intl.getCanonicalLocales(["fr", "en", "de", "en"]), ["fr", "en", "de"]);
}, "Intl/getCanonicalLocales/elements-not-reordered.js: the order of the input is kept");

const canonicalizedTags = [
  ["de", "de"],
  ["DE-de", "de-DE"],
  ["de-DE", "de-DE"],
  ["cmn", "zh"],
  ["CMN-hANS", "zh-Hans"],
  ["cmn-hans-cn", "zh-Hans-CN"],
  ["es-419", "es-419"],
  ["es-419-u-nu-latn", "es-419-u-nu-latn"],
  ["cmn-hans-cn-u-ca-t-ca-x-t-u", "zh-Hans-CN-t-ca-u-ca-x-t-u"],
  ["de-gregory-u-ca-gregory", "de-gregory-u-ca-gregory"],
  ["sgn-GR", "gss"],
  ["ji", "yi"],
  ["de-DD", "de-DE"],
  ["in", "id"],
  ["sr-cyrl-ekavsk", "sr-Cyrl-ekavsk"],
  ["en-ca-newfound", "en-CA-newfound"],
  ["sl-rozaj-biske-1994", "sl-1994-biske-rozaj"],
  ["da-u-attr", "da-u-attr"],
  ["da-u-attr-co-search", "da-u-attr-co-search"],
];
for (const [input, expected] of canonicalizedTags) {
  test(() => {
    assert.compareArray(Intl.getCanonicalLocales(input), [expected]);
  }, "Intl/getCanonicalLocales/canonicalized-tags.js: " + input + " -> " + expected);
}

const grandfathered = [
  ["art-lojban", "jbo"],
  ["zh-guoyu", "zh"],
  ["zh-hakka", "hak"],
  ["zh-xiang", "hsn"],
  ["cel-gaulish", "xtg"],
];
test(() => {
  for (const [input, expected] of grandfathered) {
    assert.compareArray(Intl.getCanonicalLocales(input), [expected], input);
  }
}, "Intl/getCanonicalLocales/preferred-grandfathered.js: regular grandfathered tags map to their preferred values");

const irregular = ["i-klingon", "i-ami", "en-GB-oed", "sgn-BE-FR", "zh-min-nan", "no-bok"];
test(() => {
  for (const tag of irregular) {
    assert.throws(RangeError, () => Intl.getCanonicalLocales(tag), tag);
  }
}, "Intl/getCanonicalLocales/grandfathered.js: irregular grandfathered tags are not Unicode locale identifiers");

const aliases = [
  ["iw", "he"],
  ["mo", "ro"],
  ["sh", "sr-Latn"],
  ["cnr", "sr-ME"],
  ["aar-x-private", "aa-x-private"],
  ["heb-x-private", "he-x-private"],
  ["hy-arevela", "hy"],
  ["hy-arevmda", "hyw"],
  ["ja-latn-hepburn-heploc", "ja-Latn-alalc97"],
  ["sr-cs", "sr-RS"],
  ["ru-SU", "ru-RU"],
  ["und-Qaai", "und-Zinh"],
];
test(() => {
  for (const [input, expected] of aliases.slice(0, 6)) {
    assert.compareArray(Intl.getCanonicalLocales(input), [expected], input);
  }
}, "Intl/getCanonicalLocales/preferred-subtag.js: language aliases");

test(() => {
  for (const [input, expected] of aliases.slice(6)) {
    assert.compareArray(Intl.getCanonicalLocales(input), [expected], input);
  }
}, "Intl/getCanonicalLocales/preferred-variant.js: variant, region and script aliases");

const extensionCases = [
  ["en-u-ca-ethiopic-amete-alem", "en-u-ca-ethioaa"],
  ["en-u-ks-primary", "en-u-ks-level1"],
  ["en-u-ms-imperial", "en-u-ms-uksystem"],
  ["en-u-tz-cnckg", "en-u-tz-cnsha"],
  ["en-u-ca-islamicc", "en-u-ca-islamic-civil"],
  ["en-u-kb-true", "en-u-kb"],
  ["en-u-kb-yes", "en-u-kb"],
  ["DE-u-CO-phonebk", "de-u-co-phonebk"],
  ["en-u-nu-latn-ca-gregory", "en-u-ca-gregory-nu-latn"],
  ["en-u-bb-aaa-aa-bbb", "en-u-aa-bbb-bb-aaa"],
  ["en-b-ccc-a-bbb", "en-a-bbb-b-ccc"],
  ["en-u-attr-bbb-ca-gregory", "en-u-attr-bbb-ca-gregory"],
  ["und-u-rg-no23", "und-u-rg-no50"],
];
test(() => {
  for (const [input, expected] of extensionCases.slice(0, 5)) {
    assert.compareArray(Intl.getCanonicalLocales(input), [expected], input);
  }
}, "Intl/getCanonicalLocales/unicode-ext-canonicalize-calendar.js: deprecated extension values are replaced");

test(() => {
  for (const [input, expected] of extensionCases.slice(5, 8)) {
    assert.compareArray(Intl.getCanonicalLocales(input), [expected], input);
  }
}, "Intl/getCanonicalLocales/unicode-ext-canonicalize-yes-to-true.js: true values are dropped and case is folded");

test(() => {
  for (const [input, expected] of extensionCases.slice(8)) {
    assert.compareArray(Intl.getCanonicalLocales(input), [expected], input);
  }
}, "Intl/getCanonicalLocales/unicode-ext-key-with-digit.js: keys and singletons are sorted; subdivision aliases");

const weird = [
  ["en-US-u-va-posix", "en-US-u-va-posix"],
  ["en-scotland", "en-scotland"],
  ["en-t-en", "en-t-en"],
  ["en-x-u-foo", "en-x-u-foo"],
  ["th-u-nu-thai", "th-u-nu-thai"],
];
test(() => {
  for (const [input, expected] of weird) {
    assert.compareArray(Intl.getCanonicalLocales(input), [expected], input);
  }
}, "Intl/getCanonicalLocales/weird-cases.js: unusual but valid tags are kept");

const invalidTags = ["", "a", "abcdefghi", "de-DE-u", "en-US-x", "en-u-", "de-gregory-gregory", "en-a-bar-a-baz",
  "1234", "en-Latn-Latn", "en_US", "en-US-", "-en", "en--US", "root", "x", "x-foo", "en-u-ca-x", "u-ca-gregory", "en-t-",
  "en-0", "abcd", "12-en", "de-1996-1996", "en-u-ca-gregory-u-nu-latn", "en-US-\u0131"];
test(() => {
  for (const tag of invalidTags.slice(0, 13)) {
    assert.throws(RangeError, () => Intl.getCanonicalLocales(tag), JSON.stringify(tag));
  }
}, "Intl/getCanonicalLocales/invalid-tags.js: malformed tags throw a RangeError");

test(() => {
  for (const tag of invalidTags.slice(13)) {
    assert.throws(RangeError, () => Intl.getCanonicalLocales(tag), JSON.stringify(tag));
  }
}, "Intl/getCanonicalLocales/error-cases.js: more malformed tags throw a RangeError");
