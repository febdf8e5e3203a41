// Intl.DisplayNames. Derived from test262's test/intl402/DisplayNames/
// (prop-desc.js, length.js, name.js, proto.js, options-*.js,
// locales-invalid-throws.js, prototype/of/type-*-valid.js and -invalid.js,
// prototype/of/fallback-*.js, prototype/resolvedOptions/*), rewritten for jsbox.
// Names are CLDR data; only long-stable English names are checked exactly.

function dn(locale, options) {
  return new Intl.DisplayNames(locale, options);
}

test(() => {
  verifyProperty(Intl, "DisplayNames", { writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.DisplayNames, "length", { value: 2, writable: false, enumerable: false, configurable: true });
  verifyProperty(Intl.DisplayNames, "name", { value: "DisplayNames", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.getPrototypeOf(Intl.DisplayNames), Function.prototype);
}, "DisplayNames/prop-desc.js: descriptor, length 2, name");

test(() => {
  verifyProperty(Intl.DisplayNames, "prototype", { writable: false, enumerable: false, configurable: false });
  verifyProperty(Intl.DisplayNames.prototype, "constructor", { value: Intl.DisplayNames, writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.DisplayNames.prototype, Symbol.toStringTag, { value: "Intl.DisplayNames", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.prototype.toString.call(dn("en", { type: "region" })), "[object Intl.DisplayNames]");
}, "DisplayNames/prototype/toStringTag/toStringTag.js: prototype, constructor, @@toStringTag");

for (const [method, length] of [["of", 1], ["resolvedOptions", 0]]) {
  test(() => {
    verifyProperty(Intl.DisplayNames.prototype, method, { writable: true, enumerable: false, configurable: true });
    verifyProperty(Intl.DisplayNames.prototype[method], "length", { value: length, writable: false, enumerable: false, configurable: true });
    verifyProperty(Intl.DisplayNames.prototype[method], "name", { value: method, writable: false, enumerable: false, configurable: true });
  }, "DisplayNames/prototype/" + method + "/prop-desc.js: descriptor, length " + length + ", name");
}

test(() => {
  verifyProperty(Intl.DisplayNames.supportedLocalesOf, "length", { value: 1 });
  assert.compareArray(Intl.DisplayNames.supportedLocalesOf(["fr-ca", "ko"]), ["fr-CA", "ko"]);
}, "DisplayNames/supportedLocalesOf/result-type.js: supportedLocalesOf");

test(() => {
  assert.throws(TypeError, () => Intl.DisplayNames());
  assert.throws(TypeError, () => Intl.DisplayNames("en", { type: "region" }));
}, "DisplayNames/undefined-newtarget-throws.js: calling without new throws a TypeError");

test(() => {
  assert.throws(TypeError, () => dn("en"));
  assert.throws(TypeError, () => dn("en", {}));
  assert.throws(TypeError, () => dn("en", { style: "long" }));
}, "DisplayNames/options-type-undefined-throws.js: type is required");

test(() => {
  assert.throws(TypeError, () => dn("en", null));
  assert.throws(TypeError, () => dn("en", "region"));
  assert.throws(TypeError, () => dn("en", 1));
}, "DisplayNames/options-getoptionsobject.js: options must be an object");

test(() => {
  for (const [option, values] of [["type", ["", "Region", "regions", "country", "timeZone"]], ["style", ["", "Long", "full"]],
    ["fallback", ["", "Code", "undefined", "name"]], ["languageDisplay", ["", "Dialect", "native"]], ["localeMatcher", ["", "exact"]]]) {
    for (const value of values) {
      assert.throws(RangeError, () => dn("en", Object.assign({ type: "language" }, { [option]: value })), option + " " + JSON.stringify(value));
    }
  }
}, "DisplayNames/options-invalid.js: invalid option values throw a RangeError");

test(() => {
  const read = [];
  dn("en", new Proxy({}, { get(target, key) { read.push(key); return key === "type" ? "language" : undefined; } }));
  assert.compareArray(read, ["localeMatcher", "style", "type", "fallback", "languageDisplay"]);
}, "DisplayNames/options-order.js: options are read in order");

test(() => {
  for (const name of ["localeMatcher", "style", "type", "fallback", "languageDisplay"]) {
    const options = { type: "language" };
    Object.defineProperty(options, name, { get() { throw new SyntaxError(name); } });
    assert.throws(SyntaxError, () => dn("en", options), name);
  }
}, "DisplayNames/options-type-abrupt-throws.js: an abrupt getter on any option propagates");

test(() => {
  for (const type of ["language", "region", "script", "currency", "calendar", "dateTimeField"]) {
    assert.sameValue(dn("en", { type }).resolvedOptions().type, type);
  }
}, "DisplayNames/options-type-valid.js: every type is accepted");

test(() => {
  const ro = dn("en", { type: "region" }).resolvedOptions();
  assert.compareArray(Object.keys(ro), ["locale", "style", "type", "fallback"]);
  assert.sameValue(ro.locale, "en");
  assert.sameValue(ro.style, "long");
  assert.sameValue(ro.fallback, "code");
}, "DisplayNames/prototype/resolvedOptions/return-object.js: region resolved options");

test(() => {
  const ro = dn("en", { type: "language" }).resolvedOptions();
  assert.compareArray(Object.keys(ro), ["locale", "style", "type", "fallback", "languageDisplay"]);
  assert.sameValue(ro.languageDisplay, "dialect");
  assert.sameValue(dn("en", { type: "language", languageDisplay: "standard" }).resolvedOptions().languageDisplay, "standard");
}, "DisplayNames/prototype/resolvedOptions/option-type.js: languageDisplay is reported only for languages");

test(() => {
  for (const value of [undefined, null, 1, {}, new Intl.NumberFormat(), Intl.DisplayNames.prototype]) {
    assert.throws(TypeError, () => Intl.DisplayNames.prototype.of.call(value, "en"));
    assert.throws(TypeError, () => Intl.DisplayNames.prototype.resolvedOptions.call(value));
  }
}, "DisplayNames/prototype/of/this-not-object-throws.js: methods check their receiver");

test(() => {
  const d = dn("en", { type: "region" });
  assert.sameValue(d.of("US"), "United States");
  assert.sameValue(d.of("DE"), "Germany");
  assert.sameValue(d.of("JP"), "Japan");
  assert.sameValue(d.of("419"), "Latin America");
  assert.sameValue(d.of("001"), "world");
}, "DisplayNames/prototype/of/type-region-valid.js: English region names");

test(() => {
  assert.sameValue(dn("en", { type: "region" }).of("us"), "United States");
  assert.sameValue(dn("en", { type: "region", fallback: "code" }).of("qm"), "QM");
}, "DisplayNames/prototype/of/type-region-valid.js: region codes are case-insensitive and canonicalized to upper case");

test(() => {
  const d = dn("en", { type: "region" });
  for (const code of ["U", "USA", "1234", "12", "U1", "us-"]) {
    assert.throws(RangeError, () => d.of(code), code);
  }
}, "DisplayNames/prototype/of/type-region-invalid.js: malformed region codes throw a RangeError");

test(() => {
  const d = dn("en", { type: "language" });
  assert.sameValue(d.of("en"), "English");
  assert.sameValue(d.of("ja"), "Japanese");
  assert.sameValue(d.of("en-US"), "American English");
  assert.sameValue(d.of("en-GB"), "British English");
  assert.sameValue(d.of("fr-CA"), "Canadian French");
  assert.sameValue(d.of("zh-Hant"), "Traditional Chinese");
}, "DisplayNames/prototype/of/type-language-valid.js: dialect names");

test(() => {
  const d = dn("en", { type: "language", languageDisplay: "standard" });
  assert.sameValue(d.of("en-US"), "English (United States)");
  assert.sameValue(d.of("fr-CA"), "French (Canada)");
  assert.sameValue(d.of("zh-Hant"), "Chinese (Traditional)");
}, "DisplayNames/prototype/of/type-language-valid.js: standard names");

test(() => {
  const d = dn("en", { type: "language" });
  for (const code of ["en-", "en_US", "root", "abcdefghi", "en-u-ca-gregory", "en-x-a", "x-private", "i-klingon", "en-US-US", "en-a-b"]) {
    assert.throws(RangeError, () => d.of(code), code);
  }
}, "DisplayNames/prototype/of/type-language-invalid.js: codes outside unicode_language_id throw a RangeError");

test(() => {
  assert.sameValue(dn("en", { type: "language", fallback: "code" }).of("xyz"), "xyz");
  assert.sameValue(dn("en", { type: "language", fallback: "code" }).of("XYZ"), "xyz", "canonicalized");
  assert.sameValue(dn("en", { type: "language", fallback: "none" }).of("xyz"), undefined);
}, "DisplayNames/prototype/of/fallback-language.js: unknown languages fall back to the canonical code or undefined");

test(() => {
  const d = dn("en", { type: "script" });
  assert.sameValue(d.of("Latn"), "Latin");
  assert.sameValue(d.of("Arab"), "Arabic");
  assert.sameValue(d.of("Cyrl"), "Cyrillic");
}, "DisplayNames/prototype/of/type-script-valid.js: script names");

test(() => {
  assert.sameValue(dn("en", { type: "script" }).of("latn"), "Latin", "case-insensitive");
  assert.sameValue(dn("en", { type: "script", fallback: "code" }).of("qaaa"), "Qaaa");
}, "DisplayNames/prototype/of/type-script-valid.js: script codes are title-cased before lookup and fallback");

test(() => {
  const d = dn("en", { type: "script" });
  for (const code of ["Lat", "Latin", "1234", "La1n"]) assert.throws(RangeError, () => d.of(code), code);
}, "DisplayNames/prototype/of/type-script-invalid.js: malformed script codes throw a RangeError");

test(() => {
  const d = dn("en", { type: "currency" });
  assert.sameValue(d.of("USD"), "US Dollar");
  assert.sameValue(d.of("EUR"), "Euro");
  assert.sameValue(d.of("JPY"), "Japanese Yen");
  assert.sameValue(d.of("usd"), "US Dollar");
  assert.sameValue(dn("en", { type: "currency", fallback: "none" }).of("XYZ"), undefined);
}, "DisplayNames/prototype/of/type-currency-valid.js: currency names and fallback");

test(() => {
  assert.sameValue(dn("en", { type: "currency", fallback: "code" }).of("xyz"), "XYZ");
}, "DisplayNames/prototype/of/type-currency-valid.js: the fallback code is upper-cased");

test(() => {
  for (const type of ["language", "region", "script", "currency", "calendar", "dateTimeField"]) {
    assert.throws(RangeError, () => dn("en", { type }).of(""), type);
  }
}, "DisplayNames/prototype/of/empty-string-throws.js: an empty code throws a RangeError for every type");

test(() => {
  const d = dn("en", { type: "currency" });
  for (const code of ["US", "USDD", "12A", "U$D"]) assert.throws(RangeError, () => d.of(code), code);
}, "DisplayNames/prototype/of/type-currency-invalid.js: malformed currency codes throw a RangeError");

test(() => {
  const d = dn("en", { type: "calendar" });
  assert.sameValue(d.of("gregory"), "Gregorian Calendar");
  assert.sameValue(d.of("japanese"), "Japanese Calendar");
  assert.sameValue(d.of("buddhist"), "Buddhist Calendar");
  assert.sameValue(dn("en", { type: "calendar", fallback: "none" }).of("xyzzy"), undefined);
}, "DisplayNames/prototype/of/type-calendar-valid.js: calendar names");

test(() => {
  const d = dn("en", { type: "calendar" });
  for (const code of ["a", "gregorian", "gregory-", "-gregory"]) assert.throws(RangeError, () => d.of(code), code);
}, "DisplayNames/prototype/of/type-calendar-invalid.js: malformed calendar types throw a RangeError");

test(() => {
  const d = dn("en", { type: "dateTimeField" });
  const expected = { era: "era", year: "year", quarter: "quarter", month: "month", day: "day", hour: "hour", minute: "minute",
    second: "second", timeZoneName: "time zone", weekday: "day of the week" };
  for (const [field, name] of Object.entries(expected)) assert.sameValue(d.of(field), name, field);
  assert.sameValue(typeof d.of("weekOfYear"), "string");
  assert.sameValue(typeof d.of("dayPeriod"), "string");
}, "DisplayNames/prototype/of/type-dateTimeField-valid.js: field names");

test(() => {
  const d = dn("en", { type: "dateTimeField" });
  for (const code of ["Year", "years", "week", "millisecond", "timezone"]) assert.throws(RangeError, () => d.of(code), code);
}, "DisplayNames/prototype/of/type-dateTimeField-invalid.js: unknown fields throw a RangeError");

test(() => {
  assert.sameValue(dn("de", { type: "region" }).of("US"), "Vereinigte Staaten");
  assert.sameValue(dn("fr", { type: "region" }).of("DE"), "Allemagne");
  assert.sameValue(dn("ja", { type: "language" }).of("en"), "英語");
  assert.sameValue(dn("zh", { type: "language" }).of("fr"), "法语");
  assert.sameValue(dn("de", { type: "language" }).of("de"), "Deutsch");
  assert.sameValue(dn("ru", { type: "region" }).of("RU"), "Россия");
  assert.sameValue(dn("es", { type: "currency" }).of("EUR"), "euro");
}, "DisplayNames/prototype/of/locales.js: names in de, fr, ja, zh, ru, es");

test(() => {
  const d = dn("en", { type: "region" });
  assert.throws(TypeError, () => d.of(Symbol()));
  assert.sameValue(d.of({ toString() { return "FR"; } }), "France");
  assert.throws(RangeError, () => d.of());
}, "DisplayNames/prototype/of/code-tostring.js: code goes through ToString");
