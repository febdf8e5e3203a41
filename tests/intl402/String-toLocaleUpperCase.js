// String.prototype.toLocaleUpperCase and toLocaleLowerCase under ECMA-402.
// Derived from test262's test/intl402/String/prototype/toLocaleUpperCase/ and
// toLocaleLowerCase/ (capital_I_with_dot.js is left out: no tr/az/lt here;
// special_casing*.js, validates-locale.js, this-value-*.js, length.js,
// name.js, ...), rewritten for jsbox.

for (const method of ["toLocaleUpperCase", "toLocaleLowerCase"]) {
  test(() => {
    verifyProperty(String.prototype, method, { writable: true, enumerable: false, configurable: true });
    verifyProperty(String.prototype[method], "length", { value: 0, writable: false, enumerable: false, configurable: true });
    verifyProperty(String.prototype[method], "name", { value: method, writable: false, enumerable: false, configurable: true });
  }, "String/prototype/" + method + "/length.js: length 0, name");

  test(() => {
    assert.throws(RangeError, () => "a"[method]("en_US"));
    assert.throws(RangeError, () => "a"[method](""));
    assert.throws(TypeError, () => "a"[method](null));
    assert.throws(TypeError, () => "a"[method]([1]));
  }, "String/prototype/" + method + "/validates-locale.js: the locale list is validated");

  test(() => {
    assert.throws(RangeError, () => "a"[method](["en", "x"]));
  }, "String/prototype/" + method + "/validates-locale.js: every element of the list is validated, not just the first");

  test(() => {
    assert.throws(TypeError, () => String.prototype[method].call(null));
    assert.throws(TypeError, () => String.prototype[method].call(undefined));
    assert.sameValue(String.prototype[method].call(123), "123");
    assert.sameValue(String.prototype[method].call(true), method === "toLocaleUpperCase" ? "TRUE" : "true");
  }, "String/prototype/" + method + "/this-value-tostring.js: RequireObjectCoercible and ToString on this");

  test(() => {
    const input = "Hello, World ÄÖÜ äöü";
    const expected = method === "toLocaleUpperCase" ? input.toUpperCase() : input.toLowerCase();
    for (const locales of [undefined, [], "en", "de", ["fr", "en"], "ja", "ru"]) {
      assert.sameValue(input[method](locales), expected, String(locales));
    }
  }, "String/prototype/" + method + "/default-locale.js: outside tr, az and lt the result is the default case mapping");
}

test(() => {
  assert.sameValue("straße".toLocaleUpperCase("de"), "STRASSE");
  assert.sameValue("ﬀ".toLocaleUpperCase("en"), "FF");
  assert.sameValue("ŉ".toLocaleUpperCase("en"), "ʼN");
  assert.sameValue("ǰ".toLocaleUpperCase("en"), "J̌");
}, "String/prototype/toLocaleUpperCase/special_casing.js: unconditional special casing can lengthen the string");

test(() => {
  assert.sameValue("ǆ".toLocaleUpperCase("en"), "Ǆ");
  assert.sameValue("ǅ".toLocaleLowerCase("en"), "ǆ");
  assert.sameValue("\u0390".toLocaleUpperCase("en"), "\u0399\u0308\u0301");
}, "String/prototype/toLocaleUpperCase/special_casing_digraphs.js: digraphs and Greek");

test(() => {
  assert.sameValue("ΑΣ".toLocaleLowerCase("en"), "ας", "final sigma");
  assert.sameValue("ΑΣΑ".toLocaleLowerCase("en"), "ασα", "medial sigma");
  assert.sameValue("Σ".toLocaleLowerCase("en"), "σ", "lone sigma");
}, "String/prototype/toLocaleLowerCase/special_casing_conditional.js: final sigma");

test(() => {
  assert.sameValue("İ".toLocaleLowerCase("en"), "i\u0307");
  assert.sameValue("I".toLocaleLowerCase("en"), "i");
  assert.sameValue("i".toLocaleUpperCase("en"), "I");
}, "String/prototype/toLocaleLowerCase/capital_I_with_dot.js: dotted capital I outside Turkish");

test(() => {
  assert.sameValue("i".toLocaleUpperCase(["en", "tr"]), "I", "only the first locale is used");
  assert.sameValue("\ud801\udc00".toLocaleLowerCase("en"), "\ud801\udc28", "supplementary characters");
  assert.sameValue("\ud801".toLocaleUpperCase("en"), "\ud801", "lone surrogates are kept");
}, "String/prototype/toLocaleUpperCase/supplementary_plane.js: first locale only; supplementary characters");
