// Intl.PluralRules. Derived from test262's test/intl402/PluralRules/
// (builtin.js, length.js, name.js, can-be-subclassed.js, internals.js,
// constructor-option-read-order.js, constructor-options-throwing-getters.js,
// default-options-object-prototype.js, prototype/*, supportedLocalesOf/),
// rewritten for jsbox. Locales: en, fr, ru, ar, ja, de.

function select(locale, options, value) {
  return new Intl.PluralRules(locale, options).select(value);
}

test(() => {
  verifyProperty(Intl, "PluralRules", { writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.PluralRules, "length", { value: 0, writable: false, enumerable: false, configurable: true });
  verifyProperty(Intl.PluralRules, "name", { value: "PluralRules", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.getPrototypeOf(Intl.PluralRules), Function.prototype);
}, "PluralRules/builtin.js: descriptor, length 0, name");

test(() => {
  verifyProperty(Intl.PluralRules, "prototype", { writable: false, enumerable: false, configurable: false });
  verifyProperty(Intl.PluralRules.prototype, "constructor", { value: Intl.PluralRules, writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.PluralRules.prototype, Symbol.toStringTag, { value: "Intl.PluralRules", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.prototype.toString.call(new Intl.PluralRules()), "[object Intl.PluralRules]");
}, "PluralRules/prototype/properties.js: prototype, constructor, @@toStringTag");

for (const [method, length] of [["select", 1], ["selectRange", 2], ["resolvedOptions", 0]]) {
  test(() => {
    verifyProperty(Intl.PluralRules.prototype, method, { writable: true, enumerable: false, configurable: true });
    verifyProperty(Intl.PluralRules.prototype[method], "length", { value: length, writable: false, enumerable: false, configurable: true });
    verifyProperty(Intl.PluralRules.prototype[method], "name", { value: method, writable: false, enumerable: false, configurable: true });
    assert.sameValue(isConstructor(Intl.PluralRules.prototype[method]), false);
  }, "PluralRules/prototype/" + method + "/prop-desc.js: descriptor, length " + length + ", name");
}

test(() => {
  verifyProperty(Intl.PluralRules.supportedLocalesOf, "length", { value: 1 });
  verifyProperty(Intl.PluralRules.supportedLocalesOf, "name", { value: "supportedLocalesOf" });
  assert.compareArray(Intl.PluralRules.supportedLocalesOf(["en", "AR", "ru-ru"]), ["en", "ar", "ru-RU"]);
}, "PluralRules/supportedLocalesOf/main.js: supportedLocalesOf");

test(() => {
  assert.throws(TypeError, () => Intl.PluralRules());
  assert.throws(TypeError, () => Intl.PluralRules.call({}));
}, "PluralRules/undefined-newtarget-throws.js: calling without new throws a TypeError");

test(() => {
  class MyPR extends Intl.PluralRules {
    constructor(locales, options) { super(locales, options); this.tag = 1; }
  }
  const pr = new MyPR("en");
  assert(pr instanceof MyPR);
  assert.sameValue(pr.select(1), "one");
}, "PluralRules/can-be-subclassed.js: subclasses work");

test(() => {
  for (const value of [undefined, null, 1, {}, new Intl.NumberFormat(), Intl.PluralRules.prototype]) {
    assert.throws(TypeError, () => Intl.PluralRules.prototype.select.call(value, 1));
    assert.throws(TypeError, () => Intl.PluralRules.prototype.resolvedOptions.call(value));
    assert.throws(TypeError, () => Intl.PluralRules.prototype.selectRange.call(value, 1, 2));
  }
}, "PluralRules/prototype/select/tainting.js: methods check their receiver");

test(() => {
  assert.throws(TypeError, () => new Intl.PluralRules("en", null));
  assert.throws(RangeError, () => new Intl.PluralRules("en", { type: "ordinals" }));
  assert.throws(RangeError, () => new Intl.PluralRules("en", { type: "" }));
  assert.throws(RangeError, () => new Intl.PluralRules("en", { localeMatcher: "exact" }));
  assert.throws(RangeError, () => new Intl.PluralRules("en", { minimumIntegerDigits: 0 }));
  assert.throws(RangeError, () => new Intl.PluralRules("en", { maximumFractionDigits: 101 }));
  assert.throws(RangeError, () => new Intl.PluralRules("en", { minimumSignificantDigits: 22 }));
}, "PluralRules/constructor-options-invalid.js: invalid options throw");

test(() => {
  const saved = Object.getOwnPropertyDescriptor(Object.prototype, "type");
  Object.prototype.type = "ordinal";
  try {
    assert.sameValue(new Intl.PluralRules("en").resolvedOptions().type, "cardinal");
  } finally {
    delete Object.prototype.type;
    if (saved) Object.defineProperty(Object.prototype, "type", saved);
  }
}, "PluralRules/default-options-object-prototype.js: absent options do not read Object.prototype");

test(() => {
  for (const name of ["localeMatcher", "type", "minimumIntegerDigits", "minimumFractionDigits", "maximumFractionDigits",
    "minimumSignificantDigits", "maximumSignificantDigits", "roundingPriority"]) {
    const options = {};
    Object.defineProperty(options, name, { get() { throw new SyntaxError(name); } });
    assert.throws(SyntaxError, () => new Intl.PluralRules("en", options), name);
  }
}, "PluralRules/constructor-options-throwing-getters.js: an abrupt getter on any option propagates");

test(() => {
  const read = [];
  new Intl.PluralRules("en", new Proxy({}, { get(target, key) { read.push(key); return undefined; } }));
  // "notation" (read right after "type" where supported) is left out of the comparison.
  assert.compareArray(read.filter((key) => key !== "notation"), ["localeMatcher", "type", "minimumIntegerDigits", "minimumFractionDigits", "maximumFractionDigits",
    "minimumSignificantDigits", "maximumSignificantDigits", "roundingIncrement", "roundingMode", "roundingPriority", "trailingZeroDisplay"]);
}, "PluralRules/constructor-option-read-order.js: options are read in order");

test(() => {
  const ro = new Intl.PluralRules("en").resolvedOptions();
  assert.sameValue(ro.locale, "en");
  assert.sameValue(ro.type, "cardinal");
  assert.sameValue(ro.minimumIntegerDigits, 1);
  assert.sameValue(ro.minimumFractionDigits, 0);
  assert.sameValue(ro.maximumFractionDigits, 3);
  assert.sameValue(ro.minimumSignificantDigits, undefined);
  assert.compareArray(ro.pluralCategories, ["one", "other"]);
}, "PluralRules/prototype/resolvedOptions/properties.js: default resolved options");

test(() => {
  assert.compareArray(Object.keys(new Intl.PluralRules().resolvedOptions()), ["locale", "type", "minimumIntegerDigits",
    "minimumFractionDigits", "maximumFractionDigits", "pluralCategories", "roundingIncrement", "roundingMode",
    "roundingPriority", "trailingZeroDisplay"]);
}, "PluralRules/prototype/resolvedOptions/return-keys-order-default.js: key order");

test(() => {
  const ro = new Intl.PluralRules("en", { maximumSignificantDigits: 2 }).resolvedOptions();
  assert.sameValue(ro.minimumSignificantDigits, 1);
  assert.sameValue(ro.maximumSignificantDigits, 2);
}, "PluralRules/prototype/resolvedOptions/properties.js: significant digits are reported");

test(() => {
  const a = new Intl.PluralRules("ru").resolvedOptions().pluralCategories;
  const b = new Intl.PluralRules("ru").resolvedOptions().pluralCategories;
  assert.notSameValue(a, b, "a new array each time");
  assert(Array.isArray(a));
}, "PluralRules/prototype/resolvedOptions/pluralCategories.js: pluralCategories is a fresh array");

const categoryCases = [
  ["en", "cardinal", ["one", "other"]],
  ["en", "ordinal", ["one", "two", "few", "other"]],
  ["de", "cardinal", ["one", "other"]],
  ["fr", "cardinal", ["one", "many", "other"]],
  ["ru", "cardinal", ["one", "few", "many", "other"]],
  ["ar", "cardinal", ["zero", "one", "two", "few", "many", "other"]],
  ["ja", "cardinal", ["other"]],
];
for (const [locale, type, categories] of categoryCases) {
  test(() => {
    const actual = new Intl.PluralRules(locale, { type }).resolvedOptions().pluralCategories;
    assert.compareArray(actual.slice().sort(), categories.slice().sort());
  }, "PluralRules/prototype/resolvedOptions/plural-categories.js: " + locale + " " + type + " categories");

  test(() => {
    assert.compareArray(new Intl.PluralRules(locale, { type }).resolvedOptions().pluralCategories, categories);
  }, "PluralRules/prototype/resolvedOptions/plural-categories-order.js: " + locale + " " + type + " categories in order");
}

test(() => {
  const cases = { 0: "other", 1: "one", 2: "other", 1.5: "other", 10: "other", "-1": "one" };
  for (const [value, expected] of Object.entries(cases)) assert.sameValue(select("en", {}, Number(value)), expected, value);
}, "PluralRules/prototype/select/en.js: English cardinals");

test(() => {
  const cases = [[1, "one"], [2, "two"], [3, "few"], [4, "other"], [11, "other"], [12, "other"], [13, "other"],
    [21, "one"], [22, "two"], [23, "few"], [101, "one"], [111, "other"]];
  for (const [value, expected] of cases) assert.sameValue(select("en", { type: "ordinal" }, value), expected, String(value));
}, "PluralRules/prototype/select/en-ordinal.js: English ordinals");

test(() => {
  const cases = [[0, "zero"], [1, "one"], [2, "two"], [3, "few"], [10, "few"], [11, "many"], [99, "many"], [100, "other"], [102, "other"]];
  for (const [value, expected] of cases) assert.sameValue(select("ar", {}, value), expected, String(value));
}, "PluralRules/prototype/select/ar.js: Arabic uses all six categories");

test(() => {
  const cases = [[1, "one"], [2, "few"], [5, "many"], [11, "many"], [21, "one"], [22, "few"], [25, "many"], [1.5, "other"]];
  for (const [value, expected] of cases) assert.sameValue(select("ru", {}, value), expected, String(value));
}, "PluralRules/prototype/select/ru.js: Russian categories");

test(() => {
  const cases = [[0, "one"], [1, "one"], [1.5, "one"], [2, "other"], [1000000, "many"]];
  for (const [value, expected] of cases) assert.sameValue(select("fr", {}, value), expected, String(value));
}, "PluralRules/prototype/select/fr.js: French categories");

test(() => {
  assert.sameValue(select("ja", {}, 1), "other");
  assert.sameValue(select("ja", { type: "ordinal" }, 1), "other");
}, "PluralRules/prototype/select/ja.js: Japanese has only other");

test(() => {
  assert.sameValue(select("en", { minimumFractionDigits: 1 }, 1), "other", "1.0 is not singular in English");
  assert.sameValue(select("en", { maximumFractionDigits: 0 }, 1.4), "one", "rounded to 1");
  assert.sameValue(select("en", { maximumSignificantDigits: 1 }, 1.2), "one");
  assert.sameValue(select("en", { minimumSignificantDigits: 2 }, 1), "other");
}, "PluralRules/prototype/select/rounding.js: digit options apply before selection");

test(() => {
  assert.sameValue(select("en", {}, NaN), "other");
  assert.sameValue(select("en", {}, Infinity), "other");
  assert.sameValue(select("en", {}, -Infinity), "other");
}, "PluralRules/prototype/select/non-finite.js: NaN and infinities are other");

test(() => {
  const pr = new Intl.PluralRules("en");
  assert.sameValue(pr.select("1"), "one");
  assert.sameValue(pr.select({ valueOf() { return 1; } }), "one");
  assert.sameValue(pr.select(), "other");
  assert.sameValue(pr.select(true), "one");
  assert.throws(TypeError, () => pr.select(Symbol()));
}, "PluralRules/prototype/select/tainting.js: the value goes through ToNumber");

test(() => {
  for (const locale of ["en", "fr", "ru", "ar"]) {
    const pr = new Intl.PluralRules(locale);
    for (const n of [0, 1, 2, 3, 5, 10, 100, 1000000]) {
      assert.sameValue(pr.select(BigInt(n)), pr.select(n), locale + " " + n);
    }
  }
}, "PluralRules/prototype/select/bigint.js: BigInts select like the same Number");

test(() => {
  assert.sameValue(select("fr", { notation: "compact" }, 1.2e6), "many", "1,2 M");
  assert.sameValue(select("fr", { notation: "standard" }, 1.2e6), "other", "1 200 000");
}, "PluralRules/prototype/select/notation.js: compact notation changes the category");

test(() => {
  const pr = new Intl.PluralRules("en");
  assert.sameValue(pr.selectRange(1, 2), "other");
  assert.sameValue(pr.selectRange(0, 1), "other");
  assert.sameValue(pr.selectRange(102, 201), "other");
  assert.sameValue(pr.selectRange(200, 200), "other");
}, "PluralRules/prototype/selectRange/default-en-us.js: English ranges are other");

test(() => {
  assert.sameValue(new Intl.PluralRules("fr").selectRange(0, 1), "one");
  assert.sameValue(new Intl.PluralRules("fr").selectRange(1, 2), "other");
  assert.sameValue(new Intl.PluralRules("ru").selectRange(1, 2), "few");
  assert.sameValue(new Intl.PluralRules("ru").selectRange(1, 5), "many");
}, "PluralRules/prototype/selectRange/locales.js: French and Russian ranges");

test(() => {
  const pr = new Intl.PluralRules("en");
  assert.throws(TypeError, () => pr.selectRange());
  assert.throws(TypeError, () => pr.selectRange(undefined, 1));
  assert.throws(TypeError, () => pr.selectRange(1, undefined));
}, "PluralRules/prototype/selectRange/undefined-arguments-throws.js: undefined bounds throw a TypeError");

test(() => {
  const pr = new Intl.PluralRules("en");
  assert.throws(RangeError, () => pr.selectRange(NaN, 1));
  assert.throws(RangeError, () => pr.selectRange(1, NaN));
}, "PluralRules/prototype/selectRange/nan-arguments-throws.js: NaN bounds throw a RangeError");

test(() => {
  const pr = new Intl.PluralRules("en");
  assert.sameValue(pr.selectRange(5, 1), "other");
  assert.sameValue(pr.selectRange("1", "2"), "other");
}, "PluralRules/prototype/selectRange/x-greater-than-y-not-throws.js: a reversed range does not throw");

test(() => {
  const pr = new Intl.PluralRules("en");
  assert.throws(TypeError, () => pr.selectRange(Symbol(), 1));
  assert.throws(EvalError, () => pr.selectRange({ valueOf() { throw new EvalError(); } }, 1));
}, "PluralRules/prototype/selectRange/argument-tonumber-throws.js: abrupt conversions propagate");
