// Intl.Collator. Derived from test262's test/intl402/Collator/ (10.1.*,
// 10.2.*, 10.3.*, constructor-options-throwing-getters.js,
// default-options-object-prototype.js, ignore-invalid-unicode-ext-values.js,
// prototype/compare/*.js, prototype/resolvedOptions/*.js, supportedLocalesOf/),
// rewritten for jsbox. Comparisons are checked by sign only.

function sorted(locale, options, list) {
  return list.slice().sort(new Intl.Collator(locale, options).compare);
}

test(() => {
  verifyProperty(Intl, "Collator", { writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.Collator, "length", { value: 0, writable: false, enumerable: false, configurable: true });
  verifyProperty(Intl.Collator, "name", { value: "Collator", writable: false, enumerable: false, configurable: true });
  assert(isConstructor(Intl.Collator));
}, "Collator/prop-desc.js: descriptor, length 0, name");

test(() => {
  verifyProperty(Intl.Collator, "prototype", { writable: false, enumerable: false, configurable: false });
  verifyProperty(Intl.Collator.prototype, "constructor", { value: Intl.Collator, writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.Collator.prototype, Symbol.toStringTag, { value: "Intl.Collator", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.prototype.toString.call(new Intl.Collator()), "[object Intl.Collator]");
}, "Collator/prototype/10.3_a.js: prototype, constructor and @@toStringTag");

test(() => {
  assert.throws(TypeError, () => Intl.Collator.prototype.resolvedOptions());
  assert.sameValue(Object.getPrototypeOf(Intl.Collator.prototype), Object.prototype);
}, "Collator/prototype/10.3_a.js: the prototype is not itself a Collator");

test(() => {
  const desc = Object.getOwnPropertyDescriptor(Intl.Collator.prototype, "compare");
  assert.sameValue(typeof desc.get, "function");
  assert.sameValue(desc.set, undefined);
  assert.sameValue(desc.get.name, "get compare");
  assert.sameValue(desc.enumerable, false);
  assert.sameValue(desc.configurable, true);
}, "Collator/prototype/compare/prop-desc.js: compare is an accessor");

test(() => {
  verifyProperty(Intl.Collator.prototype, "resolvedOptions", { writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.Collator.prototype.resolvedOptions, "length", { value: 0 });
  verifyProperty(Intl.Collator.prototype.resolvedOptions, "name", { value: "resolvedOptions" });
}, "Collator/prototype/resolvedOptions/name.js: resolvedOptions descriptor, length, name");

test(() => {
  verifyProperty(Intl.Collator.supportedLocalesOf, "length", { value: 1 });
  verifyProperty(Intl.Collator.supportedLocalesOf, "name", { value: "supportedLocalesOf" });
  assert.compareArray(Intl.Collator.supportedLocalesOf(["de-de", "EN"]), ["de-DE", "en"]);
  assert.throws(RangeError, () => Intl.Collator.supportedLocalesOf("en", { localeMatcher: "xyz" }));
}, "Collator/supportedLocalesOf/10.2.2_L15.js: supportedLocalesOf");

test(() => {
  const compare = new Intl.Collator("en").compare;
  verifyProperty(compare, "name", { value: "" });
  verifyProperty(compare, "length", { value: 2 });
  assert.sameValue(isConstructor(compare), false);
  const collator = new Intl.Collator("en");
  assert.sameValue(collator.compare, collator.compare, "cached");
}, "Collator/prototype/compare/compare-function-name.js: the bound compare is anonymous, length 2, cached");

test(() => {
  const compare = new Intl.Collator("en").compare;
  assert.compareArray(["c", "a", "b"].sort(compare), ["a", "b", "c"]);
}, "Collator/prototype/compare/bound-to-collator-instance.js: the bound compare works detached");

test(() => {
  const getter = Object.getOwnPropertyDescriptor(Intl.Collator.prototype, "compare").get;
  for (const value of [undefined, null, 1, {}, new Intl.NumberFormat(), Intl.Collator.prototype]) {
    assert.throws(TypeError, () => getter.call(value));
  }
  for (const value of [undefined, {}, new Intl.DateTimeFormat()]) {
    assert.throws(TypeError, () => Intl.Collator.prototype.resolvedOptions.call(value));
  }
}, "Collator/prototype/this-value-not-collator.js: compare and resolvedOptions check their receiver");

test(() => {
  const collator = Intl.Collator("en");
  assert(collator instanceof Intl.Collator);
  const obj = Object.create(Intl.Collator.prototype);
  const result = Intl.Collator.call(obj, "en");
  assert.notSameValue(result, obj, "Collator has no legacy constructor behaviour");
  assert(result instanceof Intl.Collator);
}, "Collator/10.1.2_a.js: called as a function it returns a new Collator");

test(() => {
  class MyCollator extends Intl.Collator {}
  const collator = new MyCollator("en");
  assert(collator instanceof MyCollator);
  assert.sameValue(collator.compare("a", "b"), -1);
}, "Collator/subclassing.js: subclasses work");

test(() => {
  const ro = new Intl.Collator("en").resolvedOptions();
  assert.compareArray(Object.keys(ro), ["locale", "usage", "sensitivity", "ignorePunctuation", "collation", "numeric", "caseFirst"]);
  assert.sameValue(ro.locale, "en");
  assert.sameValue(ro.usage, "sort");
  assert.sameValue(ro.sensitivity, "variant");
  assert.sameValue(ro.ignorePunctuation, false);
  assert.sameValue(ro.collation, "default");
  assert.sameValue(ro.numeric, false);
  assert.sameValue(ro.caseFirst, "false");
}, "Collator/prototype/resolvedOptions/10.3.3.js: default resolved options and key order");

test(() => {
  const ro = new Intl.Collator("en", { usage: "search" }).resolvedOptions();
  assert.sameValue(ro.usage, "search");
  assert.sameValue(ro.collation, "default");
  assert.sameValue(ro.locale, "en");
}, "Collator/prototype/resolvedOptions/10.3.3.js: usage search");

test(() => {
  assert.sameValue(new Intl.Collator("en-u-co-search").resolvedOptions().collation, "default");
  assert.sameValue(new Intl.Collator("en-u-co-search").resolvedOptions().locale, "en");
  assert.sameValue(new Intl.Collator("en-u-co-standard").resolvedOptions().collation, "default");
}, "Collator/10.1.1_19_c.js: co-search and co-standard are not allowed as extension values");

test(() => {
  const ro = new Intl.Collator("de-u-co-phonebk").resolvedOptions();
  assert.sameValue(ro.collation, "phonebk");
  assert.sameValue(ro.locale, "de-u-co-phonebk");
}, "Collator/prototype/resolvedOptions/collation.js: a supported co extension");

test(() => {
  const ro = new Intl.Collator("en", { collation: "phonebk" }).resolvedOptions();
  assert.sameValue(ro.collation, "default", "en has no phonebook collation");
  const de = new Intl.Collator("de", { collation: "phonebk" }).resolvedOptions();
  assert.sameValue(de.collation, "phonebk");
}, "Collator/prototype/resolvedOptions/collation-option.js: the collation option needs locale support");

test(() => {
  assert.sameValue(new Intl.Collator("de", { collation: "phonebk" }).resolvedOptions().locale, "de");
  assert.sameValue(new Intl.Collator("de-u-co-phonebk", { collation: "phonebk" }).resolvedOptions().locale, "de-u-co-phonebk");
}, "Collator/prototype/resolvedOptions/resolved-collation-unicode-extensions-and-options.js: an option value is not added to the locale");

test(() => {
  for (const collation of ["", "a", "abcdefghi", "phonebk-", "-x"]) {
    assert.throws(RangeError, () => new Intl.Collator("en", { collation }), JSON.stringify(collation));
  }
}, "Collator/constructor-options-collation-invalid.js: malformed collation values throw a RangeError");

test(() => {
  const ro = new Intl.Collator("de-u-co-phonebk-kn-kf-upper").resolvedOptions();
  assert.sameValue(ro.collation, "phonebk");
  assert.sameValue(ro.numeric, true);
  assert.sameValue(ro.caseFirst, "upper");
  assert.sameValue(ro.locale, "de-u-co-phonebk-kf-upper-kn");
}, "Collator/prototype/resolvedOptions/10.3.3.js: extension keys co, kn, kf");

test(() => {
  const ro = new Intl.Collator("en-u-kn-invalid-kf-invalid-co-invalid").resolvedOptions();
  assert.sameValue(ro.locale, "en");
  assert.sameValue(ro.numeric, false);
  assert.sameValue(ro.caseFirst, "false");
}, "Collator/ignore-invalid-unicode-ext-values.js: invalid extension values are dropped");

const numericCases = [
  ["en-u-kn-false", true, "en", true],
  ["en-u-kn-true", false, "en", false],
  ["en-u-kn", false, "en", false],
  ["en-u-kn-true", true, "en-u-kn", true],
  ["en-u-kn", true, "en-u-kn", true],
  ["en-u-kn-false", false, "en-u-kn-false", false],
];
for (const [locale, numeric, resolvedLocale, resolvedNumeric] of numericCases) {
  test(() => {
    const ro = new Intl.Collator(locale, { numeric }).resolvedOptions();
    assert.sameValue(ro.locale, resolvedLocale);
    assert.sameValue(ro.numeric, resolvedNumeric);
  }, "Collator/prototype/resolvedOptions/resolved-numeric-unicode-extensions-and-options.js: " + locale + " with numeric " + numeric);
}

const caseFirstCases = [
  ["en-u-kf-upper", "lower", "en", "lower"],
  ["en-u-kf-lower", "lower", "en-u-kf-lower", "lower"],
  ["en-u-kf-false", "upper", "en", "upper"],
  ["en-u-kf-upper", undefined, "en-u-kf-upper", "upper"],
];
for (const [locale, caseFirst, resolvedLocale, resolvedCaseFirst] of caseFirstCases) {
  test(() => {
    const ro = new Intl.Collator(locale, { caseFirst }).resolvedOptions();
    assert.sameValue(ro.locale, resolvedLocale);
    assert.sameValue(ro.caseFirst, resolvedCaseFirst);
  }, "Collator/prototype/resolvedOptions/resolved-case-first-unicode-extensions-and-options.js: " + locale + " with caseFirst " + caseFirst);
}

test(() => {
  for (const [option, values] of [["usage", ["", "Sort", "searching"]], ["sensitivity", ["", "Base", "all"]],
    ["caseFirst", ["", "Upper", "true", "none"]], ["localeMatcher", ["", "Lookup"]]]) {
    for (const value of values) {
      assert.throws(RangeError, () => new Intl.Collator("en", { [option]: value }), option + " " + JSON.stringify(value));
    }
  }
}, "Collator/10.1.1_invalid-options.js: invalid string options throw a RangeError");

test(() => {
  for (const sensitivity of ["base", "accent", "case", "variant"]) {
    assert.sameValue(new Intl.Collator("en", { sensitivity }).resolvedOptions().sensitivity, sensitivity);
  }
  assert.sameValue(new Intl.Collator("en", { numeric: 1 }).resolvedOptions().numeric, true, "ToBoolean");
  assert.sameValue(new Intl.Collator("en", { ignorePunctuation: "yes" }).resolvedOptions().ignorePunctuation, true, "ToBoolean");
}, "Collator/10.1.1_valid-options.js: valid options are resolved");

test(() => {
  const read = [];
  new Intl.Collator("en", new Proxy({}, { get(target, key) { read.push(key); return undefined; } }));
  assert.compareArray(read, ["usage", "localeMatcher", "collation", "numeric", "caseFirst", "sensitivity", "ignorePunctuation"]);
}, "Collator/constructor-options-order.js: options are read in order");

test(() => {
  for (const name of ["usage", "localeMatcher", "collation", "numeric", "caseFirst", "sensitivity", "ignorePunctuation"]) {
    const options = {};
    Object.defineProperty(options, name, { get() { throw new SyntaxError(name); } });
    assert.throws(SyntaxError, () => new Intl.Collator("en", options), name);
  }
}, "Collator/constructor-options-throwing-getters.js: an abrupt getter on any option propagates");

test(() => {
  assert.throws(TypeError, () => new Intl.Collator("en", null));
  assert.throws(RangeError, () => new Intl.Collator("en_US"));
  assert.throws(TypeError, () => new Intl.Collator([1]));
}, "Collator/10.1.1_1.js: invalid options and locales throw");

test(() => {
  const saved = Object.getOwnPropertyDescriptor(Object.prototype, "sensitivity");
  Object.prototype.sensitivity = "base";
  try {
    assert.sameValue(new Intl.Collator("en").resolvedOptions().sensitivity, "variant");
  } finally {
    delete Object.prototype.sensitivity;
    if (saved) Object.defineProperty(Object.prototype, "sensitivity", saved);
  }
}, "Collator/default-options-object-prototype.js: absent options do not read Object.prototype");

test(() => {
  const compare = new Intl.Collator("en").compare;
  assert.sameValue(compare("a", "b"), -1);
  assert.sameValue(compare("b", "a"), 1);
  assert.sameValue(compare("a", "a"), 0);
}, "Collator/prototype/compare/non-normative-basic.js: compare returns -1, 0, 1");

test(() => {
  assert.compareArray(sorted("en", {}, ["a", "B", "c", "A", "b", "C"]), ["a", "A", "b", "B", "c", "C"]);
  assert.compareArray(sorted("de", {}, ["Zebra", "Äpfel", "Apfel", "Birne"]), ["Apfel", "Äpfel", "Birne", "Zebra"]);
}, "Collator/prototype/compare/non-normative-basic.js: alphabetic order in en and de");

test(() => {
  assert.compareArray(sorted("en", { caseFirst: "upper" }, ["a", "B", "c", "A", "b", "C"]), ["A", "a", "B", "b", "C", "c"]);
  assert.compareArray(sorted("en", { caseFirst: "lower" }, ["b", "a", "B", "A"]), ["a", "A", "b", "B"]);
}, "Collator/prototype/compare/caseFirst.js: caseFirst upper and lower");

test(() => {
  assert.compareArray(sorted("en", { numeric: true }, ["10", "9", "1", "100"]), ["1", "9", "10", "100"]);
  assert.compareArray(sorted("en", {}, ["10", "9", "1", "100"]), ["1", "10", "100", "9"]);
  assert.compareArray(sorted("en-u-kn", {}, ["a10", "a9", "a1"]), ["a1", "a9", "a10"]);
}, "Collator/prototype/compare/numeric.js: numeric collation");

test(() => {
  assert.compareArray(sorted("de-u-co-phonebk", {}, ["Ärger", "Alpha", "Aesthetik", "Zebra"]), ["Ärger", "Aesthetik", "Alpha", "Zebra"]);
  assert.compareArray(sorted("de", {}, ["Ärger", "Alpha", "Aesthetik", "Zebra"]), ["Aesthetik", "Alpha", "Ärger", "Zebra"]);
}, "Collator/prototype/compare/non-normative-phonebook.js: German phonebook order treats Ä as Ae");

test(() => {
  assert.compareArray(sorted("es", {}, ["o", "ñ", "n"]), ["n", "ñ", "o"]);
}, "Collator/prototype/compare/non-normative-basic.js: Spanish ñ sorts after n");

for (const locale of ["de", "en", "es", "it"]) {
  test(() => {
    const input = ["Aa", "bA", "E", "b", "aA", "fC", "áÁ", "Aã"];
    const expected = { base: ["Aa", "aA", "áÁ", "Aã"], accent: ["Aa", "aA"], case: ["Aa", "Aã"], variant: ["Aa"] };
    for (const [sensitivity, matches] of Object.entries(expected)) {
      const collator = new Intl.Collator(locale, { usage: "search", sensitivity });
      assert.compareArray(input.filter((s) => collator.compare(s, "Aa") === 0), matches, sensitivity);
    }
  }, "Collator/prototype/compare/non-normative-sensitivity.js: search sensitivities in " + locale);
}

test(() => {
  const collator = new Intl.Collator("en");
  assert.sameValue(collator.compare("\u0041\u030a", "\u00c5"), 0, "canonically equivalent");
  assert.sameValue(collator.compare("o\u0302\u0323", "o\u0323\u0302"), 0, "reordered marks");
}, "Collator/prototype/compare/canonically-equivalent-strings.js: canonically equivalent strings compare equal");

test(() => {
  const collator = new Intl.Collator("en");
  assert.sameValue(collator.compare(), 0, "undefined vs undefined");
  assert.sameValue(collator.compare(undefined, "undefined"), 0, "undefined becomes \"undefined\"");
  assert.sameValue(collator.compare(1, "1"), 0);
  assert.sameValue(collator.compare(null, "null"), 0);
  assert.throws(TypeError, () => collator.compare(Symbol(), "a"));
}, "Collator/prototype/compare/10.3.2_CS_b_NN.js: arguments go through ToString");

for (const locale of ["en", "ja"]) {
  test(() => {
    for (const ignorePunctuation of [undefined, true, false]) {
      const collator = new Intl.Collator(locale, { ignorePunctuation });
      const expected = collator.resolvedOptions().ignorePunctuation ? 0 : -1;
      assert.sameValue(collator.compare("", " "), expected, String(ignorePunctuation) + " space");
      assert.sameValue(collator.compare("", "*"), expected, String(ignorePunctuation) + " star");
    }
  }, "Collator/prototype/compare/ignorePunctuation.js: compare follows resolved ignorePunctuation in " + locale);
}

test(() => {
  assert.sameValue(new Intl.Collator("en").resolvedOptions().ignorePunctuation, false);
  assert.sameValue(new Intl.Collator("ja").resolvedOptions().ignorePunctuation, false);
  assert.sameValue(new Intl.Collator("en", { ignorePunctuation: true }).resolvedOptions().ignorePunctuation, true);
}, "Collator/prototype/resolvedOptions/ignorePunctuation-default.js: ignorePunctuation defaults to the locale's value");

test(() => {
  const compare = new Intl.Collator("en", { sensitivity: "base" }).compare;
  assert.sameValue(compare("a", "A"), 0);
  assert.sameValue(compare("a", "á"), 0);
  assert.sameValue(new Intl.Collator("en", { sensitivity: "accent" }).compare("a", "á"), -1);
  assert.sameValue(new Intl.Collator("en", { sensitivity: "case" }).compare("a", "A"), -1);
  assert.sameValue(new Intl.Collator("en", { sensitivity: "case" }).compare("a", "á"), 0);
}, "Collator/prototype/compare/non-normative-sensitivity.js: sort sensitivities");

test(() => {
  assert.sameValue(new Intl.Collator("zh-u-co-stroke").resolvedOptions().collation, "stroke");
  assert.compareArray(sorted("zh-u-co-pinyin", {}, ["中", "文", "阿"]), ["阿", "文", "中"]);
}, "Collator/prototype/compare/zh-collations.js: Chinese pinyin and stroke collations");
