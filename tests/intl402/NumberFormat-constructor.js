// Intl.NumberFormat: the constructor, its prototype's shape, branding and
// locale negotiation. Derived from test262's test/intl402/NumberFormat/
// (constructor-*, prop-desc, length, name, proto-from-ctor-realm,
// default-options-object-prototype, ignore-invalid-unicode-ext-values,
// intl-legacy-constructed-symbol*, supportedLocalesOf/, prototype/*/ branding
// and descriptor tests), rewritten for jsbox.

test(() => {
  verifyProperty(Intl, "NumberFormat", { writable: true, enumerable: false, configurable: true });
}, "NumberFormat/prop-desc.js: Intl.NumberFormat property descriptor");

test(() => {
  verifyProperty(Intl.NumberFormat, "length", { value: 0, writable: false, enumerable: false, configurable: true });
}, "NumberFormat/length.js: length is 0");

test(() => {
  verifyProperty(Intl.NumberFormat, "name", { value: "NumberFormat", writable: false, enumerable: false, configurable: true });
}, "NumberFormat/name.js: name is \"NumberFormat\"");

test(() => {
  assert.sameValue(Object.getPrototypeOf(Intl.NumberFormat), Function.prototype);
  assert(isConstructor(Intl.NumberFormat), "is a constructor");
}, "NumberFormat/builtin.js: a constructor whose [[Prototype]] is Function.prototype");

test(() => {
  verifyProperty(Intl.NumberFormat, "prototype", { writable: false, enumerable: false, configurable: false });
}, "NumberFormat/prototype/prop-desc.js: prototype is non-writable, non-enumerable, non-configurable");

test(() => {
  verifyProperty(Intl.NumberFormat.prototype, "constructor", { value: Intl.NumberFormat, writable: true, enumerable: false, configurable: true });
}, "NumberFormat/prototype/constructor/prop-desc.js: prototype.constructor");

test(() => {
  verifyProperty(Intl.NumberFormat.prototype, Symbol.toStringTag, { value: "Intl.NumberFormat", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.prototype.toString.call(new Intl.NumberFormat()), "[object Intl.NumberFormat]");
}, "NumberFormat/prototype/toStringTag/configurable.js: @@toStringTag is \"Intl.NumberFormat\"");

test(() => {
  assert.sameValue(Object.getPrototypeOf(Intl.NumberFormat.prototype), Object.prototype);
  assert.throws(TypeError, () => Intl.NumberFormat.prototype.resolvedOptions());
}, "NumberFormat/prototype/11.3_a.js: the prototype is an ordinary object, not a NumberFormat");

test(() => {
  const desc = Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, "format");
  assert.sameValue(typeof desc.get, "function", "getter");
  assert.sameValue(desc.set, undefined, "no setter");
  assert.sameValue(desc.enumerable, false);
  assert.sameValue(desc.configurable, true);
  assert.sameValue(desc.get.name, "get format");
  assert.sameValue(desc.get.length, 0);
}, "NumberFormat/prototype/format/prop-desc.js: format is an accessor named \"get format\"");

for (const [method, length] of [["formatToParts", 1], ["formatRange", 2], ["formatRangeToParts", 2], ["resolvedOptions", 0]]) {
  test(() => {
    verifyProperty(Intl.NumberFormat.prototype, method, { writable: true, enumerable: false, configurable: true });
    const fn = Intl.NumberFormat.prototype[method];
    verifyProperty(fn, "length", { value: length, writable: false, enumerable: false, configurable: true });
    verifyProperty(fn, "name", { value: method, writable: false, enumerable: false, configurable: true });
    assert.sameValue(isConstructor(fn), false, "not a constructor");
  }, "NumberFormat/prototype/" + method + "/prop-desc.js: descriptor, length " + length + ", name, not a constructor");
}

test(() => {
  verifyProperty(Intl.NumberFormat, "supportedLocalesOf", { writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.NumberFormat.supportedLocalesOf, "length", { value: 1 });
  verifyProperty(Intl.NumberFormat.supportedLocalesOf, "name", { value: "supportedLocalesOf" });
  assert.sameValue(isConstructor(Intl.NumberFormat.supportedLocalesOf), false);
}, "NumberFormat/supportedLocalesOf/length.js: descriptor, length 1, name, not a constructor");

test(() => {
  const result = Intl.NumberFormat.supportedLocalesOf(["en-US", "de", "ja"]);
  assert.compareArray(result, ["en-US", "de", "ja"]);
  assert(Array.isArray(result));
}, "NumberFormat/supportedLocalesOf/basic.js: supported locales are returned in order");

test(() => {
  assert.compareArray(Intl.NumberFormat.supportedLocalesOf([]), []);
  assert.compareArray(Intl.NumberFormat.supportedLocalesOf(), []);
}, "NumberFormat/supportedLocalesOf/basic.js: no locales gives an empty array");

test(() => {
  assert.compareArray(Intl.NumberFormat.supportedLocalesOf(["EN-us", "de-de"]), ["en-US", "de-DE"]);
}, "NumberFormat/supportedLocalesOf/basic.js: results are canonicalized");

test(() => {
  assert.throws(RangeError, () => Intl.NumberFormat.supportedLocalesOf("en", { localeMatcher: "invalid" }));
  assert.compareArray(Intl.NumberFormat.supportedLocalesOf("en", { localeMatcher: "lookup" }), ["en"]);
  assert.compareArray(Intl.NumberFormat.supportedLocalesOf("en", { localeMatcher: "best fit" }), ["en"]);
}, "NumberFormat/supportedLocalesOf/11.2.2_L15.js: localeMatcher is validated");

test(() => {
  assert.throws(RangeError, () => Intl.NumberFormat.supportedLocalesOf("en_US"));
  assert.throws(TypeError, () => Intl.NumberFormat.supportedLocalesOf(null));
  assert.throws(TypeError, () => Intl.NumberFormat.supportedLocalesOf("en", null));
}, "NumberFormat/supportedLocalesOf/taint.js: invalid locales and null options throw");

test(() => {
  const result = Intl.NumberFormat.supportedLocalesOf(["en-US-u-nu-arab"]);
  assert.compareArray(result, ["en-US-u-nu-arab"]);
}, "NumberFormat/supportedLocalesOf/returned-object.js: extensions are kept in returned tags");

test(() => {
  const nf = new Intl.NumberFormat();
  assert(nf instanceof Intl.NumberFormat);
  assert.sameValue(Object.getPrototypeOf(nf), Intl.NumberFormat.prototype);
}, "NumberFormat/constructor-default-value.js: new with no arguments");

test(() => {
  const nf = Intl.NumberFormat();
  assert(nf instanceof Intl.NumberFormat, "called as a function it still constructs");
  assert.sameValue(nf.format(1234), new Intl.NumberFormat().format(1234));
}, "NumberFormat/call-function.js: called without new returns a new NumberFormat");

test(() => {
  class MyNF extends Intl.NumberFormat {
    constructor(locales, options) {
      super(locales, options);
      this.extra = true;
    }
  }
  const nf = new MyNF("en");
  assert(nf instanceof MyNF);
  assert.sameValue(nf.extra, true);
  assert.sameValue(nf.format(1234.5), "1,234.5");
}, "NumberFormat/subclassing.js: subclasses work");

test(() => {
  function NewTarget() {}
  NewTarget.prototype = Object.create(Intl.NumberFormat.prototype);
  const nf = Reflect.construct(Intl.NumberFormat, ["en"], NewTarget);
  assert.sameValue(Object.getPrototypeOf(nf), NewTarget.prototype);
}, "NumberFormat/proto-from-ctor-realm.js: the prototype comes from newTarget");

test(() => {
  function NewTarget() {}
  NewTarget.prototype = 1;
  const nf = Reflect.construct(Intl.NumberFormat, ["en"], NewTarget);
  assert.sameValue(Object.getPrototypeOf(nf), Intl.NumberFormat.prototype);
}, "NumberFormat/proto-from-ctor-realm.js: a non-object newTarget.prototype falls back to %NumberFormat.prototype%");

test(() => {
  const nf = new Intl.NumberFormat("en-US");
  const result = Intl.NumberFormat.call(nf, "de");
  assert.sameValue(result, nf, "the this value is returned");
  assert.sameValue(nf.resolvedOptions().locale, "en-US", "the existing instance keeps its state");
}, "NumberFormat/intl-legacy-constructed-symbol.js: calling on an existing instance returns it (legacy constructor)");

test(() => {
  const obj = Object.create(Intl.NumberFormat.prototype);
  const result = Intl.NumberFormat.call(obj, "en");
  assert.sameValue(result, obj, "returns the this value");
  const getter = Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, "format").get;
  assert.sameValue(getter.call(result)(1234), "1,234");
  assert.sameValue(Intl.NumberFormat.prototype.resolvedOptions.call(result).locale, "en");
}, "NumberFormat/intl-legacy-constructed-symbol-on-unwrap.js: legacy construction on an object inheriting from the prototype");

test(() => {
  const obj = Object.create(Intl.NumberFormat.prototype);
  Intl.NumberFormat.call(obj, "en");
  const symbols = Object.getOwnPropertySymbols(obj);
  assert.sameValue(symbols.length, 1, "one symbol-keyed property");
  assert.sameValue(symbols[0].description, "IntlLegacyConstructedSymbol");
  verifyProperty(obj, symbols[0], { writable: false, enumerable: false, configurable: false });
}, "NumberFormat/intl-legacy-constructed-symbol.js: the unwrapped instance is stored under a well-known private symbol");

test(() => {
  const saved = Object.getOwnPropertyDescriptor(Object.prototype, "maximumFractionDigits");
  Object.prototype.maximumFractionDigits = 0;
  try {
    assert.sameValue(new Intl.NumberFormat("en").format(1.25), "1.25", "undefined options");
  } finally {
    delete Object.prototype.maximumFractionDigits;
    if (saved) Object.defineProperty(Object.prototype, "maximumFractionDigits", saved);
  }
}, "NumberFormat/default-options-object-prototype.js: absent options do not read Object.prototype");

test(() => {
  assert.throws(TypeError, () => new Intl.NumberFormat("en", null));
}, "NumberFormat/constructor-options-toobject.js: null options throw a TypeError");

test(() => {
  assert.sameValue(new Intl.NumberFormat("en", 5).format(1.5), "1.5");
  assert.sameValue(new Intl.NumberFormat("en", "string").format(1.5), "1.5");
  assert.sameValue(new Intl.NumberFormat("en", true).format(1.5), "1.5");
}, "NumberFormat/constructor-options-toobject.js: primitive options are wrapped with ToObject");

test(() => {
  assert.throws(RangeError, () => new Intl.NumberFormat("en_US"));
  assert.throws(RangeError, () => new Intl.NumberFormat(""));
  assert.throws(RangeError, () => new Intl.NumberFormat(["en", "de--DE"]));
}, "NumberFormat/constructor-locales-invalid.js: invalid tags throw a RangeError");

test(() => {
  assert.throws(TypeError, () => new Intl.NumberFormat(null));
  assert.throws(TypeError, () => new Intl.NumberFormat([5]));
}, "NumberFormat/constructor-locales-invalid.js: null locales and non-string elements throw a TypeError");

test(() => {
  assert.sameValue(new Intl.NumberFormat("EN-us").resolvedOptions().locale, "en-US");
}, "NumberFormat/constructor-locales-string.js: a string locale is canonicalized");

test(() => {
  const locales = { length: 2, 0: "de", 1: "en" };
  assert.sameValue(new Intl.NumberFormat(locales).resolvedOptions().locale, "de");
}, "NumberFormat/constructor-locales-arraylike.js: array-like locales are accepted");

test(() => {
  const locale = { toString() { return "ja"; } };
  assert.sameValue(new Intl.NumberFormat([locale]).resolvedOptions().locale, "ja");
}, "NumberFormat/constructor-locales-get-tostring.js: object elements go through ToString");

test(() => {
  assert.sameValue(new Intl.NumberFormat(new Intl.Locale("de-CH")).resolvedOptions().locale, "de-CH");
}, "NumberFormat/constructor-locales-toobject.js: an Intl.Locale is accepted as locales");

test(() => {
  const nf = new Intl.NumberFormat(["zz-ZZ", "de"]);
  assert.sameValue(nf.resolvedOptions().locale, "de");
}, "NumberFormat/constructor-locales-hasproperty.js: the first supported locale in the list wins");

test(() => {
  const nf = new Intl.NumberFormat("en-u-nu-invalid");
  assert.sameValue(nf.resolvedOptions().locale, "en");
  assert.sameValue(nf.resolvedOptions().numberingSystem, "latn");
}, "NumberFormat/ignore-invalid-unicode-ext-values.js: an unsupported nu value is dropped");

test(() => {
  const nf = new Intl.NumberFormat("en-u-nu-arab");
  assert.sameValue(nf.resolvedOptions().locale, "en-u-nu-arab");
  assert.sameValue(nf.resolvedOptions().numberingSystem, "arab");
}, "NumberFormat/constructor-numberingSystem-order.js: a supported nu extension is kept");

test(() => {
  const nf = new Intl.NumberFormat("en-u-nu-arab", { numberingSystem: "thai" });
  assert.sameValue(nf.resolvedOptions().locale, "en");
  assert.sameValue(nf.resolvedOptions().numberingSystem, "thai");
}, "NumberFormat/constructor-numberingSystem-order.js: the numberingSystem option overrides the extension");

test(() => {
  const nf = new Intl.NumberFormat("en-u-nu-arab", { numberingSystem: "arab" });
  assert.sameValue(nf.resolvedOptions().locale, "en-u-nu-arab");
}, "NumberFormat/constructor-numberingSystem-order.js: an option equal to the extension keeps the extension");

test(() => {
  const nf = new Intl.NumberFormat("en-u-ca-gregory-co-phonebk");
  assert.sameValue(nf.resolvedOptions().locale, "en", "irrelevant keys are dropped");
}, "NumberFormat/ignore-irrelevant-unicode-ext.js: extension keys NumberFormat does not use are dropped");

test(() => {
  for (const ns of ["", "a", "ab", "abcdefghi", "latn-", "latn--ca", "latn_ca", "\u00e9\u00e9\u00e9"]) {
    assert.throws(RangeError, () => new Intl.NumberFormat("en", { numberingSystem: ns }), JSON.stringify(ns));
  }
}, "NumberFormat/constructor-options-numberingSystem-invalid.js: malformed numberingSystem values throw a RangeError");

test(() => {
  const nf = new Intl.NumberFormat("en", { numberingSystem: "abcde" });
  assert.sameValue(nf.resolvedOptions().numberingSystem, "latn");
}, "NumberFormat/constructor-options-numberingSystem-invalid.js: a well-formed but unknown system falls back to the default");

const nfOptionNames = ["localeMatcher", "numberingSystem", "style", "currency", "currencyDisplay", "currencySign", "unit",
  "unitDisplay", "notation", "minimumIntegerDigits", "minimumFractionDigits", "maximumFractionDigits",
  "minimumSignificantDigits", "maximumSignificantDigits", "roundingIncrement", "roundingMode", "roundingPriority",
  "trailingZeroDisplay", "compactDisplay", "useGrouping", "signDisplay"];
test(() => {
  for (const name of nfOptionNames) {
    const options = {};
    Object.defineProperty(options, name, { get() { throw new SyntaxError(name); } });
    assert.throws(SyntaxError, () => new Intl.NumberFormat("en", options), name);
  }
}, "NumberFormat/constructor-options-throwing-getters.js: an abrupt getter on any option propagates");

test(() => {
  const read = [];
  const options = new Proxy({}, {
    get(target, key) {
      read.push(key);
      return undefined;
    },
  });
  new Intl.NumberFormat("en", options);
  assert.compareArray(read, nfOptionNames);
}, "NumberFormat/constructor-option-read-order.js: options are read in the specified order");

test(() => {
  let count = 0;
  const options = {
    get minimumFractionDigits() { count++; return 1; },
    get maximumFractionDigits() { count++; return 2; },
  };
  new Intl.NumberFormat("en", options);
  assert.sameValue(count, 2);
}, "NumberFormat/fraction-digit-options-read-once.js: each digit option is read once");

test(() => {
  const nf = new Intl.NumberFormat("en");
  assert.sameValue(nf.format, nf.format);
}, "NumberFormat/prototype/format/bound-format-stored-in-instance.js: the bound format function is cached");

test(() => {
  const format = new Intl.NumberFormat("en").format;
  assert.sameValue(format(1234.5), "1,234.5");
  assert.sameValue([1, 22, 333].map(format).join("|"), "1|22|333");
}, "NumberFormat/prototype/format/format-function-builtin.js: the bound format works detached");

test(() => {
  const format = new Intl.NumberFormat("en").format;
  verifyProperty(format, "name", { value: "", writable: false, enumerable: false, configurable: true });
  verifyProperty(format, "length", { value: 1, writable: false, enumerable: false, configurable: true });
  assert.sameValue(isConstructor(format), false);
  assert.sameValue(Object.prototype.hasOwnProperty.call(format, "prototype"), false);
}, "NumberFormat/prototype/format/format-function-name.js: the bound format is anonymous, length 1, not a constructor");

test(() => {
  const getter = Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, "format").get;
  for (const value of [undefined, null, 1, "", {}, [], Intl.NumberFormat, Intl.NumberFormat.prototype, new Intl.DateTimeFormat()]) {
    assert.throws(TypeError, () => getter.call(value));
  }
}, "NumberFormat/prototype/format/this-value-not-numberformat.js: the format getter checks its receiver");

test(() => {
  const fn = Intl.NumberFormat.prototype.formatToParts;
  for (const value of [undefined, null, 1, "", {}, new Intl.PluralRules()]) {
    assert.throws(TypeError, () => fn.call(value, 1));
  }
}, "NumberFormat/prototype/formatToParts/this-value-not-numberformat.js: formatToParts checks its receiver");

test(() => {
  const fn = Intl.NumberFormat.prototype.resolvedOptions;
  for (const value of [undefined, null, 1, "", {}, new Intl.Collator()]) {
    assert.throws(TypeError, () => fn.call(value));
  }
}, "NumberFormat/prototype/resolvedOptions/this-value-not-numberformat.js: resolvedOptions checks its receiver");

test(() => {
  const fn = Intl.NumberFormat.prototype.formatRange;
  assert.throws(TypeError, () => fn.call({}, 1, 2));
  assert.throws(TypeError, () => Intl.NumberFormat.prototype.formatRangeToParts.call(new Intl.DateTimeFormat(), 1, 2));
}, "NumberFormat/prototype/formatRange/invoked-as-func.js: formatRange and formatRangeToParts check their receiver");
