// String.prototype.localeCompare under ECMA-402. Derived from test262's
// test/intl402/String/prototype/localeCompare/ (returns-same-results-as-Collator.js,
// throws-same-exceptions-as-Collator.js, taint-Intl-Collator.js, ...) and
// test/built-ins/String/prototype/localeCompare/ (15.5.4.9_CE.js), rewritten for jsbox.

test(() => {
  verifyProperty(String.prototype, "localeCompare", { writable: true, enumerable: false, configurable: true });
  verifyProperty(String.prototype.localeCompare, "length", { value: 1, writable: false, enumerable: false, configurable: true });
  verifyProperty(String.prototype.localeCompare, "name", { value: "localeCompare" });
}, "String/prototype/localeCompare/length.js: length 1, name");

test(() => {
  const pairs = [["a", "b"], ["b", "a"], ["a", "a"], ["a", "A"], ["ä", "z"], ["10", "9"], ["", "a"], ["résumé", "resume"]];
  for (const locales of [undefined, "en", "de", "sv", ["es", "en"]]) {
    for (const options of [undefined, { sensitivity: "base" }, { numeric: true }, { caseFirst: "upper" }]) {
      const collator = new Intl.Collator(locales, options);
      for (const [x, y] of pairs) {
        assert.sameValue(Math.sign(x.localeCompare(y, locales, options)), Math.sign(collator.compare(x, y)),
          x + " vs " + y + " " + String(locales) + " " + JSON.stringify(options));
      }
    }
  }
}, "String/prototype/localeCompare/returns-same-results-as-Collator.js: same signs as Intl.Collator");

test(() => {
  assert.sameValue(Math.sign("ä".localeCompare("z", "de")), -1);
  assert.sameValue(Math.sign("ä".localeCompare("z", "sv")), 1);
  assert.sameValue("a".localeCompare("A", "en", { sensitivity: "base" }), 0);
  assert.sameValue(Math.sign("10".localeCompare("9", "en", { numeric: true })), 1);
}, "String/prototype/localeCompare/returns-same-results-as-Collator.js: locale and option effects");

test(() => {
  assert.throws(RangeError, () => "a".localeCompare("b", "en_US"));
  assert.throws(TypeError, () => "a".localeCompare("b", null));
  assert.throws(TypeError, () => "a".localeCompare("b", "en", null));
  assert.throws(RangeError, () => "a".localeCompare("b", "en", { sensitivity: "all" }));
}, "String/prototype/localeCompare/throws-same-exceptions-as-Collator.js: the same errors as the constructor");

test(() => {
  assert.throws(TypeError, () => String.prototype.localeCompare.call(null, "a"));
  assert.throws(TypeError, () => String.prototype.localeCompare.call(undefined, "a"));
  assert.sameValue(String.prototype.localeCompare.call(123, "123"), 0, "this goes through ToString");
  assert.sameValue("undefined".localeCompare(), 0, "a missing argument is \"undefined\"");
}, "String/prototype/localeCompare/this-value-not-obj-coercible.js: RequireObjectCoercible and ToString");

test(() => {
  assert.sameValue("\u0041\u030a".localeCompare("\u00c5"), 0);
  assert.sameValue("o\u0302\u0323".localeCompare("o\u0323\u0302"), 0);
  assert.sameValue("\u1111\u1171\u11b6".localeCompare("\ud4db"), 0);
}, "String/prototype/localeCompare/15.5.4.9_CE.js: canonically equivalent strings compare equal");

test(() => {
  const saved = Intl.Collator;
  Intl.Collator = function () { throw new Error("the global Intl.Collator was used"); };
  try {
    assert.sameValue(Math.sign("a".localeCompare("b", "en")), -1);
  } finally {
    Intl.Collator = saved;
  }
}, "String/prototype/localeCompare/taint-Intl-Collator.js: the original %Collator% is used");
