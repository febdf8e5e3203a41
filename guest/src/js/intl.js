// `Intl` (ECMA-402) and the locale-sensitive built-ins that delegate to it
// (toLocaleString, localeCompare, toLocaleUpperCase, ...). This file reads
// and checks options in the order the specification gives and keeps each
// object's resolved options; the formatting itself is ICU4X's, in
// src/intl/ (native.intl*). Default locale en-US, default time zone UTC.
(function (native, jsbox) {
  "use strict";
  // Intrinsics captured before any script runs (a script may replace them).
  const { defineProperty, freeze, getPrototypeOf, create, keys } = Object;
  const { max, min, floor, trunc, abs } = Math;
  const { isFinite, isNaN } = Number;
  const NumberCtor = Number;
  const slots = new WeakMap();
  const wellFormed = jsbox.wellFormed;
  // ECMA-402's legacy constructor protocol stores the real object here.
  const FALLBACK = Symbol("IntlLegacyConstructedSymbol");
  // ToString: a Symbol throws a TypeError (String(symbol) would not).
  const toStr = (value) => `${value}`;
  const includes = (list, value) => {
    for (let i = 0; i < list.length; i++) if (list[i] === value) return true;
    return false;
  };
  // Appends without Array.prototype.push or setters on the prototype.
  const append = (list, value) => defineProperty(list, list.length, { value, writable: true, enumerable: true, configurable: true });
  const DEFAULT_LOCALE = "en-US";
  const DEFAULT_TIME_ZONE = "UTC";

  // --- Abstract operations (ECMA-402 9.2) ---------------------------------

  function internal(object, kind, method) {
    let s = typeof object === "object" && object !== null ? slots.get(object) : undefined;
    if (s === undefined && (kind === "NumberFormat" || kind === "DateTimeFormat") && typeof object === "object" && object !== null && object instanceof Intl[kind]) {
      const inner = object[FALLBACK];
      s = typeof inner === "object" && inner !== null ? slots.get(inner) : undefined;
    }
    if (s === undefined || s.kind !== kind) {
      throw new TypeError(`Method Intl.${kind}.prototype.${method} called on incompatible receiver`);
    }
    return s;
  }

  function toObjectOptions(options) {
    if (options === undefined) return create(null);
    if (options === null) throw new TypeError("Cannot convert null to object");
    return Object(options);
  }

  function getOption(options, property, type, values, fallback) {
    let value = options[property];
    if (value === undefined) return fallback;
    if (type === "boolean") value = Boolean(value);
    else value = toStr(value);
    if (values !== undefined && !includes(values, value)) {
      throw new RangeError(`Value ${value} out of range for Intl options property ${property}`);
    }
    return value;
  }

  function defaultNumberOption(value, minimum, maximum, fallback, property) {
    if (value === undefined) return fallback;
    value = Number(value);
    if (isNaN(value) || value < minimum || value > maximum) {
      throw new RangeError(`${property} value is out of range.`);
    }
    return floor(value);
  }

  function getNumberOption(options, property, minimum, maximum, fallback) {
    return defaultNumberOption(options[property], minimum, maximum, fallback, property);
  }

  function isLocaleObject(value) {
    const s = typeof value === "object" && value !== null ? slots.get(value) : undefined;
    return s !== undefined && s.kind === "Locale";
  }

  function canonicalizeLocaleList(locales) {
    if (locales === undefined) return [];
    if (locales === null) throw new TypeError("Cannot convert null to object");
    const seen = [];
    const list = typeof locales === "string" || isLocaleObject(locales) ? [locales] : Object(locales);
    const length = min(max(floor(Number(list.length)) || 0, 0), 2 ** 32 - 1);
    for (let k = 0; k < length; k++) {
      if (!(k in list)) continue;
      const value = list[k];
      if (typeof value !== "string" && (typeof value !== "object" || value === null)) {
        throw new TypeError("Language ID should be string or object.");
      }
      const tag = isLocaleObject(value) ? slots.get(value).tag : native.intlCanonicalize(toStr(value));
      if (!includes(seen, tag)) append(seen, tag);
    }
    return seen;
  }

  // The -u- keywords of a tag, as a Map.
  function unicodeKeywords(tag) {
    const out = new Map();
    const subtags = tag.split("-");
    let i = subtags.indexOf("u");
    if (i < 0) return out;
    let key = null;
    for (i++; i < subtags.length && subtags[i].length > 1; i++) {
      const part = subtags[i];
      if (part.length === 2) {
        key = part;
        out.set(key, "");
      } else if (key !== null) {
        out.set(key, out.get(key) ? out.get(key) + "-" + part : part);
      }
    }
    for (const [k, v] of out) if (v === "") out.set(k, "true");
    return out;
  }

  function requestedLocaleFor(requested, base) {
    for (const tag of requested) {
      if (tag === base || tag.startsWith(base + "-u-") || tag.split("-u-")[0] === base) return tag;
    }
    return undefined;
  }

  // ResolveLocale (9.2.7): the available locale and the supported
  // extension keywords, options overriding the locale's own.
  function resolveLocale(requested, options, keys) {
    const base = native.intlResolve(requested) ?? DEFAULT_LOCALE;
    const match = requestedLocaleFor(requested, base);
    const keywords = match ? unicodeKeywords(match) : new Map();
    const result = { dataLocale: base };
    let extension = "";
    for (const [key, supported] of keys) {
      let value = keywords.has(key) ? keywords.get(key) : undefined;
      if (value !== undefined && !supported(value)) value = undefined;
      let fromLocale = value !== undefined;
      const optionValue = options[key];
      if (optionValue !== undefined) {
        if (supported(optionValue)) {
          if (optionValue !== value) fromLocale = false;
          value = optionValue;
        }
      }
      result[key] = value;
      if (fromLocale) extension += "-" + key + (value === "true" ? "" : "-" + value);
    }
    result.locale = extension ? base + "-u" + extension : base;
    return result;
  }

  function supportedLocales(requested, options) {
    options = toObjectOptions(options);
    getOption(options, "localeMatcher", "string", ["lookup", "best fit"], "best fit");
    return requested.filter((tag) => native.intlResolve([tag]) !== undefined);
  }

  function makeSupportedLocalesOf(ctor) {
    defineMethod(ctor, "supportedLocalesOf", function supportedLocalesOf(locales, options = undefined) {
      return supportedLocales(canonicalizeLocaleList(locales), options);
    });
  }

  // Built-in methods are not constructors and getters are named "get x":
  // both are made with method syntax around the implementation.
  function defineMethod(target, name, fn) {
    const method = { [name](...args) { return fn.apply(this, args); } }[name];
    defineProperty(method, "length", { value: fn.length });
    defineProperty(target, name, { value: method, writable: true, enumerable: false, configurable: true });
  }

  function defineGetter(target, name, fn) {
    const get = Object.getOwnPropertyDescriptor({ get [name]() { return fn.call(this); } }, name).get;
    defineProperty(target, name, { get, enumerable: false, configurable: true });
  }

  // The prototype a constructor gives its instances (GetPrototypeFromConstructor).
  function protoFrom(newTarget, ctor) {
    const proto = newTarget === undefined ? ctor.prototype : newTarget.prototype;
    return (typeof proto === "object" && proto !== null) || typeof proto === "function" ? proto : ctor.prototype;
  }

  function finishClass(ctor, name) {
    defineProperty(ctor, "prototype", { writable: false, enumerable: false, configurable: false });
    defineProperty(ctor.prototype, Symbol.toStringTag, { value: `Intl.${name}`, writable: false, enumerable: false, configurable: true });
    makeSupportedLocalesOf(ctor);
    defineProperty(Intl, name, { value: ctor, writable: true, enumerable: false, configurable: true });
  }

  // The numbering systems ICU4X has digits for.
  const NUMBERING_SYSTEMS = ["adlm", "arab", "arabext", "beng", "cakm", "deva", "gujr", "guru", "hanidec", "hmnp", "java", "khmr", "knda", "laoo", "latn", "mlym", "mong", "mtei", "mymr", "nkoo", "olck", "orya", "tamldec", "telu", "thai", "tibt", "vaii"];
  const isNumberingSystem = (v) => includes(NUMBERING_SYSTEMS, v);
  // The locale the formatters get: the data locale with the numbering system.
  const withNumbering = (dataLocale, nu) => (nu ? `${dataLocale}-u-nu-${nu}` : dataLocale);
  const TYPE_SEQUENCE = /^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/i;

  function checkTypeSequence(value, property) {
    if (value !== undefined && !TYPE_SEQUENCE.test(value)) throw new RangeError(`Invalid ${property} : ${value}`);
    return value;
  }

  const Intl = {};
  defineProperty(Intl, Symbol.toStringTag, { value: "Intl", writable: false, enumerable: false, configurable: true });

  defineMethod(Intl, "getCanonicalLocales", function getCanonicalLocales(locales) {
    return canonicalizeLocaleList(locales);
  });

  // --- NumberFormat -------------------------------------------------------

  const CURRENCY_DIGITS = { BHD: 3, BIF: 0, CLF: 4, CLP: 0, DJF: 0, GNF: 0, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KMF: 0, KRW: 0, KWD: 3, LYD: 3, OMR: 3, PYG: 0, RWF: 0, TND: 3, UGX: 0, UYI: 0, UYW: 4, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0 };
  const SIMPLE_UNITS = ("acre bit byte celsius centimeter day degree fahrenheit fluid-ounce foot gallon gigabit gigabyte gram hectare hour inch kilobit kilobyte kilogram kilometer liter megabit megabyte meter microsecond mile mile-scandinavian milliliter millimeter millisecond minute month nanosecond ounce percent petabyte pound second stone terabit terabyte week yard year").split(" ");
  const ROUNDING_INCREMENTS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000];
  const ROUNDING_MODES = ["ceil", "floor", "expand", "trunc", "halfCeil", "halfFloor", "halfExpand", "halfTrunc", "halfEven"];

  function isWellFormedUnit(unit) {
    if (SIMPLE_UNITS.includes(unit)) return true;
    const i = unit.indexOf("-per-");
    return i > 0 && SIMPLE_UNITS.includes(unit.slice(0, i)) && SIMPLE_UNITS.includes(unit.slice(i + 5));
  }

  // SetNumberFormatDigitOptions (15.1.3).
  function setDigitOptions(s, options, mnfdDefault, mxfdDefault, notation) {
    const mnid = getNumberOption(options, "minimumIntegerDigits", 1, 21, 1);
    let mnfd = options.minimumFractionDigits;
    let mxfd = options.maximumFractionDigits;
    let mnsd = options.minimumSignificantDigits;
    let mxsd = options.maximumSignificantDigits;
    s.minimumIntegerDigits = mnid;
    const increment = getNumberOption(options, "roundingIncrement", 1, 5000, 1);
    if (!ROUNDING_INCREMENTS.includes(increment)) throw new RangeError("roundingIncrement value is out of range.");
    const mode = getOption(options, "roundingMode", "string", ROUNDING_MODES, "halfExpand");
    const priority = getOption(options, "roundingPriority", "string", ["auto", "morePrecision", "lessPrecision"], "auto");
    const trailing = getOption(options, "trailingZeroDisplay", "string", ["auto", "stripIfInteger"], "auto");
    if (increment !== 1) mxfdDefault = mnfdDefault;
    s.roundingIncrement = increment;
    s.roundingMode = mode;
    s.trailingZeroDisplay = trailing;
    const hasSd = mnsd !== undefined || mxsd !== undefined;
    const hasFd = mnfd !== undefined || mxfd !== undefined;
    let needSd = true;
    let needFd = true;
    if (priority === "auto") {
      needSd = hasSd;
      if (needSd || (!hasFd && notation === "compact")) needFd = false;
    }
    if (needSd) {
      if (hasSd) {
        mnsd = defaultNumberOption(mnsd, 1, 21, 1, "minimumSignificantDigits");
        mxsd = defaultNumberOption(mxsd, mnsd, 21, 21, "maximumSignificantDigits");
        s.minimumSignificantDigits = mnsd;
        s.maximumSignificantDigits = mxsd;
      } else {
        s.minimumSignificantDigits = 1;
        s.maximumSignificantDigits = 21;
      }
    }
    if (needFd) {
      if (hasFd) {
        mnfd = defaultNumberOption(mnfd, 0, 100, undefined, "minimumFractionDigits");
        mxfd = defaultNumberOption(mxfd, 0, 100, undefined, "maximumFractionDigits");
        if (mnfd === undefined) mnfd = min(mnfdDefault, mxfd);
        else if (mxfd === undefined) mxfd = max(mxfdDefault, mnfd);
        else if (mnfd > mxfd) throw new RangeError("maximumFractionDigits value is out of range.");
        s.minimumFractionDigits = mnfd;
        s.maximumFractionDigits = mxfd;
      } else {
        s.minimumFractionDigits = mnfdDefault;
        s.maximumFractionDigits = mxfdDefault;
      }
    }
    if (!needSd && !needFd) {
      s.minimumFractionDigits = 0;
      s.maximumFractionDigits = 0;
      s.minimumSignificantDigits = 1;
      s.maximumSignificantDigits = 2;
      s.roundingType = "compactRounding";
      s.roundingPriority = "morePrecision";
    } else if (priority === "auto") {
      s.roundingType = hasSd ? "significantDigits" : "fractionDigits";
      s.roundingPriority = "auto";
    } else {
      s.roundingType = priority;
      s.roundingPriority = priority;
    }
    if (increment !== 1) {
      if (s.roundingType !== "fractionDigits") throw new TypeError("roundingIncrement requires fraction digits rounding");
      if (s.maximumFractionDigits !== s.minimumFractionDigits) throw new RangeError("roundingIncrement requires equal minimum and maximum fraction digits");
    }
  }

  const NUMERIC_LITERAL = /^[ \t\n\v\f\r\u00a0\ufeff\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[ \t\n\v\f\r\u00a0\ufeff\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

  // ToIntlMathematicalValue: a decimal string the native side parses.
  function toIntlMathematicalValue(value) {
    if (typeof value === "bigint") return String(value);
    if (typeof value === "string") {
      const match = NUMERIC_LITERAL.exec(value);
      if (match) {
        // Exact, unless it lies beyond the double range (then ±∞, or 0).
        const number = Number(match[1]);
        if (number === Infinity) return "Infinity";
        if (number === -Infinity) return "-Infinity";
        if (number === 0) return Object.is(number, -0) ? "-0" : "0";
        return match[1].replace(/^\+/, "");
      }
      const number = Number(value);
      return Object.is(number, -0) ? "-0" : String(number);
    }
    let prim = value;
    if (typeof prim === "object" && prim !== null) prim = jsbox.toPrimitiveNumber ? jsbox.toPrimitiveNumber(prim) : Number(prim);
    if (typeof prim === "bigint") return String(prim);
    const number = Number(prim);
    if (Object.is(number, -0)) return "-0";
    return String(number);
  }

  function NumberFormat(locales = undefined, options = undefined) {
    if (!new.target) {
      const instance = new NumberFormat(locales, options);
      if (this !== undefined && this !== Intl && typeof this === "object" && this instanceof NumberFormat) {
        defineProperty(this, FALLBACK, { value: instance, writable: false, enumerable: false, configurable: false });
        return this;
      }
      return instance;
    }
    const self = create(protoFrom(new.target, NumberFormat));
    const requested = canonicalizeLocaleList(locales);
    options = toObjectOptions(options);
    getOption(options, "localeMatcher", "string", ["lookup", "best fit"], "best fit");
    const nu = checkTypeSequence(getOption(options, "numberingSystem", "string", undefined, undefined), "numberingSystem");
    const r = resolveLocale(requested, { nu }, [["nu", isNumberingSystem]]);
    const s = { kind: "NumberFormat", locale: r.locale, numberingSystem: r.nu || native.intlNumberingSystem(r.dataLocale) };
    s.dataLocale = withNumbering(r.dataLocale, r.nu);
    const style = getOption(options, "style", "string", ["decimal", "percent", "currency", "unit"], "decimal");
    s.style = style;
    let currency = getOption(options, "currency", "string", undefined, undefined);
    if (currency !== undefined && !/^[A-Za-z]{3}$/.test(currency)) throw new RangeError(`Invalid currency code : ${currency}`);
    const currencyDisplay = getOption(options, "currencyDisplay", "string", ["code", "symbol", "narrowSymbol", "name"], "symbol");
    const currencySign = getOption(options, "currencySign", "string", ["standard", "accounting"], "standard");
    const unit = getOption(options, "unit", "string", undefined, undefined);
    if (unit !== undefined && !isWellFormedUnit(unit)) throw new RangeError(`Invalid unit argument for Intl.NumberFormat() '${unit}'`);
    const unitDisplay = getOption(options, "unitDisplay", "string", ["short", "narrow", "long"], "short");
    if (style === "currency") {
      if (currency === undefined) throw new TypeError("Currency code is required with currency style.");
      currency = currency.toUpperCase();
      s.currency = currency;
      s.currencyDisplay = currencyDisplay;
      s.currencySign = currencySign;
    }
    if (style === "unit") {
      if (unit === undefined) throw new TypeError("Unit is required with unit style.");
      s.unit = unit;
      s.unitDisplay = unitDisplay;
    }
    const notation = getOption(options, "notation", "string", ["standard", "scientific", "engineering", "compact"], "standard");
    s.notation = notation;
    let mnfdDefault = 0;
    let mxfdDefault = 3;
    if (style === "currency" && notation === "standard") {
      const digits = currency in CURRENCY_DIGITS ? CURRENCY_DIGITS[currency] : 2;
      mnfdDefault = digits;
      mxfdDefault = digits;
    } else if (style === "percent") {
      mxfdDefault = 0;
    }
    setDigitOptions(s, options, mnfdDefault, mxfdDefault, notation);
    const compactDisplay = getOption(options, "compactDisplay", "string", ["short", "long"], "short");
    if (notation === "compact") s.compactDisplay = compactDisplay;
    const defaultGrouping = notation === "compact" ? "min2" : "auto";
    let grouping = options.useGrouping;
    if (grouping === undefined) grouping = defaultGrouping;
    else if (grouping === true) grouping = "always";
    else if (!grouping) grouping = false;
    else {
      grouping = String(grouping);
      if (grouping === "true" || grouping === "false") grouping = defaultGrouping;
      else if (!["min2", "auto", "always"].includes(grouping)) throw new RangeError(`Value ${grouping} out of range for Intl.NumberFormat options property useGrouping`);
    }
    s.useGrouping = grouping;
    s.signDisplay = getOption(options, "signDisplay", "string", ["auto", "never", "always", "exceptZero", "negative"], "auto");
    s.native = nativeNumberOptions(s);
    slots.set(self, s);
    return self;
  }

  function nativeNumberOptions(s) {
    return freeze({ ...s, native: undefined, useGrouping: String(s.useGrouping), currency: s.currency || "", unit: s.unit || "" });
  }

  function formatNumberToParts(s, value) {
    return native.intlNumber(s.dataLocale, s.native, toIntlMathematicalValue(value));
  }

  function joinParts(parts) {
    let out = "";
    for (const part of parts) out += part[1];
    return out;
  }

  function partsToObjects(parts, extra) {
    return parts.map(([type, value]) => (extra ? { type, value, ...extra } : { type, value }));
  }

  defineGetter(NumberFormat.prototype, "format", function format() {
    const s = internal(this, "NumberFormat", "format");
    if (!s.bound) {
      const bound = (value) => joinParts(formatNumberToParts(s, value));
      defineProperty(bound, "name", { value: "" });
      s.bound = bound;
    }
    return s.bound;
  });
  defineMethod(NumberFormat.prototype, "formatToParts", function formatToParts(value) {
    return partsToObjects(formatNumberToParts(internal(this, "NumberFormat", "formatToParts"), value));
  });
  // formatRange / formatRangeToParts: both ends, or one approximate value
  // when they format the same.
  function numberRangeParts(s, start, end) {
    if (start === undefined || end === undefined) throw new TypeError("start and end are required");
    const x = toIntlMathematicalValue(start);
    const y = toIntlMathematicalValue(end);
    if (x === "NaN" || y === "NaN") throw new RangeError("Invalid number range");
    const a = formatNumberToParts(s, start);
    const b = formatNumberToParts(s, end);
    if (joinParts(a) === joinParts(b)) {
      const out = [{ type: "approximatelySign", value: "~", source: "shared" }];
      for (const [type, value] of a) append(out, { type, value, source: "shared" });
      return out;
    }
    const out = [];
    for (const [type, value] of a) append(out, { type, value, source: "startRange" });
    append(out, { type: "literal", value: " – ", source: "shared" });
    for (const [type, value] of b) append(out, { type, value, source: "endRange" });
    return out;
  }
  defineMethod(NumberFormat.prototype, "formatRange", function formatRange(start, end) {
    let out = "";
    for (const part of numberRangeParts(internal(this, "NumberFormat", "formatRange"), start, end)) out += part.value;
    return out;
  });
  defineMethod(NumberFormat.prototype, "formatRangeToParts", function formatRangeToParts(start, end) {
    return numberRangeParts(internal(this, "NumberFormat", "formatRangeToParts"), start, end);
  });
  defineMethod(NumberFormat.prototype, "resolvedOptions", function resolvedOptions() {
    const s = internal(this, "NumberFormat", "resolvedOptions");
    const out = {};
    for (const key of ["locale", "numberingSystem", "style", "currency", "currencyDisplay", "currencySign", "unit", "unitDisplay", "minimumIntegerDigits", "minimumFractionDigits", "maximumFractionDigits", "minimumSignificantDigits", "maximumSignificantDigits", "useGrouping", "notation", "compactDisplay", "signDisplay", "roundingIncrement", "roundingMode", "roundingPriority", "trailingZeroDisplay"]) {
      if (s[key] !== undefined) out[key] = s[key];
    }
    return out;
  });
  finishClass(NumberFormat, "NumberFormat");

  // --- PluralRules --------------------------------------------------------

  function PluralRules(locales = undefined, options = undefined) {
    if (!new.target) throw new TypeError("Constructor Intl.PluralRules requires 'new'");
    const self = create(protoFrom(new.target, PluralRules));
    const requested = canonicalizeLocaleList(locales);
    options = toObjectOptions(options);
    getOption(options, "localeMatcher", "string", ["lookup", "best fit"], "best fit");
    const type = getOption(options, "type", "string", ["cardinal", "ordinal"], "cardinal");
    const s = { kind: "PluralRules", type };
    setDigitOptions(s, options, 0, 3, "standard");
    const r = resolveLocale(requested, {}, []);
    s.locale = r.locale;
    s.dataLocale = r.dataLocale;
    s.native = nativeNumberOptions(s);
    slots.set(self, s);
    return self;
  }
  defineMethod(PluralRules.prototype, "select", function select(value) {
    const s = internal(this, "PluralRules", "select");
    const n = Number(value);
    if (!isFinite(n)) return "other";
    return native.intlPlural(s.dataLocale, s.type === "ordinal", s.native, toIntlMathematicalValue(n))[0];
  });
  defineMethod(PluralRules.prototype, "selectRange", function selectRange(start, end) {
    const s = internal(this, "PluralRules", "selectRange");
    if (start === undefined || end === undefined) throw new TypeError("start and end are required");
    const x = Number(start);
    const y = Number(end);
    if (isNaN(x) || isNaN(y)) throw new RangeError("Invalid number");
    // CLDR's plural ranges mostly take the end's category; English ranges are "other".
    const category = native.intlPlural(s.dataLocale, s.type === "ordinal", s.native, toIntlMathematicalValue(y))[0];
    return s.dataLocale.split("-")[0] === "en" ? "other" : category;
  });
  defineMethod(PluralRules.prototype, "resolvedOptions", function resolvedOptions() {
    const s = internal(this, "PluralRules", "resolvedOptions");
    const out = { locale: s.locale, type: s.type };
    for (const key of ["minimumIntegerDigits", "minimumFractionDigits", "maximumFractionDigits", "minimumSignificantDigits", "maximumSignificantDigits"]) {
      if (s[key] !== undefined) out[key] = s[key];
    }
    out.pluralCategories = native.intlPlural(s.dataLocale, s.type === "ordinal", s.native);
    out.roundingIncrement = s.roundingIncrement;
    out.roundingMode = s.roundingMode;
    out.roundingPriority = s.roundingPriority;
    out.trailingZeroDisplay = s.trailingZeroDisplay;
    return out;
  });
  finishClass(PluralRules, "PluralRules");

  // --- DateTimeFormat -----------------------------------------------------

  const COMPONENTS = [
    ["weekday", ["narrow", "short", "long"]],
    ["era", ["narrow", "short", "long"]],
    ["year", ["2-digit", "numeric"]],
    ["month", ["2-digit", "numeric", "narrow", "short", "long"]],
    ["day", ["2-digit", "numeric"]],
    ["dayPeriod", ["narrow", "short", "long"]],
    ["hour", ["2-digit", "numeric"]],
    ["minute", ["2-digit", "numeric"]],
    ["second", ["2-digit", "numeric"]],
    ["fractionalSecondDigits", null],
    ["timeZoneName", ["short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"]],
  ];

  function canonicalTimeZone(zone) {
    const name = native.intlTimeZone(String(zone));
    if (name === null || name === undefined) throw new RangeError(`Invalid time zone specified: ${zone}`);
    return name;
  }

  // CreateDateTimeFormat (11.1.2); `required` and `defaults` as ToDateTimeOptions.
  function createDateTimeFormat(self, locales, options, required, defaults) {
    const requested = canonicalizeLocaleList(locales);
    options = toObjectOptions(options);
    getOption(options, "localeMatcher", "string", ["lookup", "best fit"], "best fit");
    const ca = checkTypeSequence(getOption(options, "calendar", "string", undefined, undefined), "calendar");
    const nu = checkTypeSequence(getOption(options, "numberingSystem", "string", undefined, undefined), "numberingSystem");
    let hour12 = getOption(options, "hour12", "boolean", undefined, undefined);
    let hourCycle = getOption(options, "hourCycle", "string", ["h11", "h12", "h23", "h24"], undefined);
    if (hour12 !== undefined) hourCycle = null;
    const r = resolveLocale(requested, { ca, nu, hc: hourCycle === null ? undefined : hourCycle }, [
      ["ca", (v) => v === "gregory"],
      ["hc", (v) => ["h11", "h12", "h23", "h24"].includes(v)],
      ["nu", isNumberingSystem],
    ]);
    const s = { kind: "DateTimeFormat", locale: r.locale, dataLocale: withNumbering(r.dataLocale, r.nu), calendar: "gregory", numberingSystem: r.nu || native.intlNumberingSystem(r.dataLocale) };
    let timeZone = options.timeZone;
    s.timeZone = timeZone === undefined ? DEFAULT_TIME_ZONE : canonicalTimeZone(String(timeZone));
    let anyComponent = false;
    for (const [name, values] of COMPONENTS) {
      let value;
      if (values === null) value = getNumberOption(options, name, 1, 3, undefined);
      else value = getOption(options, name, "string", values, undefined);
      if (value !== undefined) {
        s[name] = value;
        anyComponent = true;
      }
    }
    getOption(options, "formatMatcher", "string", ["basic", "best fit"], "best fit");
    const dateStyle = getOption(options, "dateStyle", "string", ["full", "long", "medium", "short"], undefined);
    const timeStyle = getOption(options, "timeStyle", "string", ["full", "long", "medium", "short"], undefined);
    if (dateStyle !== undefined || timeStyle !== undefined) {
      if (anyComponent) throw new TypeError("Can't set option " + COMPONENTS.find(([n]) => s[n] !== undefined)[0] + " when dateStyle or timeStyle is used");
      if (required === "date" && dateStyle === undefined) throw new TypeError("Invalid option : dateStyle");
      if (required === "time" && timeStyle === undefined) throw new TypeError("Invalid option : timeStyle");
      s.dateStyle = dateStyle;
      s.timeStyle = timeStyle;
    } else {
      let needDefaults = true;
      if (required === "date" || required === "any") {
        for (const n of ["weekday", "year", "month", "day"]) if (s[n] !== undefined) needDefaults = false;
      }
      if (required === "time" || required === "any") {
        for (const n of ["dayPeriod", "hour", "minute", "second", "fractionalSecondDigits"]) if (s[n] !== undefined) needDefaults = false;
      }
      if (needDefaults && (defaults === "date" || defaults === "all")) s.year = s.month = s.day = "numeric";
      if (needDefaults && (defaults === "time" || defaults === "all")) s.hour = s.minute = s.second = "numeric";
    }
    const usesHour = s.hour !== undefined || timeStyle !== undefined;
    if (usesHour) {
      const localeCycle = native.intlHourCycle(r.dataLocale);
      let hc = r.hc || localeCycle;
      if (hour12 !== undefined) {
        hc = hour12 ? (localeCycle === "h11" || localeCycle === "h23" && r.dataLocale.startsWith("ja") ? "h11" : "h12") : "h23";
      }
      s.hourCycle = hc;
      s.hour12 = hc === "h11" || hc === "h12";
    }
    s.native = freeze({ ...s, native: undefined, fractionalSecondDigits: s.fractionalSecondDigits });
    slots.set(self, s);
    return self;
  }

  function DateTimeFormat(locales = undefined, options = undefined) {
    if (new.target === undefined) {
      const instance = new DateTimeFormat(locales, options);
      if (this !== undefined && this !== Intl && typeof this === "object" && this instanceof DateTimeFormat) {
        defineProperty(this, FALLBACK, { value: instance, writable: false, enumerable: false, configurable: false });
        return this;
      }
      return instance;
    }
    return createDateTimeFormat(create(protoFrom(new.target, DateTimeFormat)), locales, options, "any", "date");
  }

  function timeValue(date) {
    let x = date === undefined ? Date.now() : +date;
    if (!isFinite(x) || abs(x) > 8.64e15) throw new RangeError("Invalid time value");
    return trunc(x) + 0;
  }

  // format() writes U+202F (CLDR's space before AM/PM, in "2023 г.") as
  // a plain space, as V8 does for compatibility; formatToParts keeps it.
  function formatDate(s, date) {
    return joinParts(formatDateToParts(s, date)).replace(/\u202f/g, " ");
  }

  function formatDateToParts(s, date) {
    return native.intlDateTime(s.dataLocale, s.native, timeValue(date));
  }

  defineGetter(DateTimeFormat.prototype, "format", function format() {
    const s = internal(this, "DateTimeFormat", "format");
    if (!s.bound) {
      const bound = (date) => formatDate(s, date);
      defineProperty(bound, "name", { value: "" });
      s.bound = bound;
    }
    return s.bound;
  });
  defineMethod(DateTimeFormat.prototype, "formatToParts", function formatToParts(date) {
    return partsToObjects(formatDateToParts(internal(this, "DateTimeFormat", "formatToParts"), date));
  });
  defineMethod(DateTimeFormat.prototype, "formatRange", function formatRange(start, end) {
    const s = internal(this, "DateTimeFormat", "formatRange");
    if (start === undefined || end === undefined) throw new TypeError("startDate and endDate are required");
    const a = formatDate(s, start);
    const b = formatDate(s, end);
    return a === b ? a : a + " – " + b;
  });
  defineMethod(DateTimeFormat.prototype, "formatRangeToParts", function formatRangeToParts(start, end) {
    const s = internal(this, "DateTimeFormat", "formatRangeToParts");
    if (start === undefined || end === undefined) throw new TypeError("startDate and endDate are required");
    const a = partsToObjects(formatDateToParts(s, start), { source: "startRange" });
    const b = partsToObjects(formatDateToParts(s, end), { source: "endRange" });
    if (joinParts(a.map((p) => [p.type, p.value])) === joinParts(b.map((p) => [p.type, p.value]))) {
      return a.map((p) => ({ ...p, source: "shared" }));
    }
    return [...a, { type: "literal", value: " – ", source: "shared" }, ...b];
  });
  defineMethod(DateTimeFormat.prototype, "resolvedOptions", function resolvedOptions() {
    const s = internal(this, "DateTimeFormat", "resolvedOptions");
    const out = { locale: s.locale, calendar: s.calendar, numberingSystem: s.numberingSystem, timeZone: s.timeZone };
    if (s.hourCycle !== undefined) {
      out.hourCycle = s.hourCycle;
      out.hour12 = s.hour12;
    }
    for (const [name] of COMPONENTS) {
      if (s[name] !== undefined) out[name] = name === "hour" || name === "minute" || name === "second" ? (s.hour12 === false && name === "hour" ? "2-digit" : s[name] === "numeric" && name !== "hour" ? "2-digit" : s[name]) : s[name];
    }
    if (s.dateStyle !== undefined) out.dateStyle = s.dateStyle;
    if (s.timeStyle !== undefined) out.timeStyle = s.timeStyle;
    return out;
  });
  finishClass(DateTimeFormat, "DateTimeFormat");

  // --- Collator -----------------------------------------------------------

  function Collator(locales = undefined, options = undefined) {
    const self = create(protoFrom(new.target, Collator));
    const requested = canonicalizeLocaleList(locales);
    options = toObjectOptions(options);
    const usage = getOption(options, "usage", "string", ["sort", "search"], "sort");
    getOption(options, "localeMatcher", "string", ["lookup", "best fit"], "best fit");
    const co = checkTypeSequence(getOption(options, "collation", "string", undefined, undefined), "collation");
    let kn = getOption(options, "numeric", "boolean", undefined, undefined);
    if (kn !== undefined) kn = String(kn);
    const kf = getOption(options, "caseFirst", "string", ["upper", "lower", "false"], undefined);
    const r = resolveLocale(requested, { co, kn, kf }, [
      ["co", () => false],
      ["kf", (v) => ["upper", "lower", "false"].includes(v)],
      ["kn", (v) => v === "true" || v === "false"],
    ]);
    const s = { kind: "Collator", locale: r.locale, dataLocale: r.dataLocale, usage, collation: "default" };
    s.numeric = r.kn === "true";
    s.caseFirst = r.kf || "false";
    const sensitivity = getOption(options, "sensitivity", "string", ["base", "accent", "case", "variant"], undefined);
    s.sensitivity = sensitivity === undefined ? "variant" : sensitivity;
    const ignore = getOption(options, "ignorePunctuation", "boolean", undefined, undefined);
    s.ignorePunctuation = ignore === undefined ? r.dataLocale.startsWith("th") : ignore;
    s.key = `${s.sensitivity} ${s.numeric} ${s.caseFirst} ${s.ignorePunctuation} ${usage}`;
    slots.set(self, s);
    return self;
  }
  defineGetter(Collator.prototype, "compare", function compare() {
    const s = internal(this, "Collator", "compare");
    if (!s.bound) {
      const bound = (x, y) => native.intlCompare(s.dataLocale, s.key, wellFormed(toStr(x)), wellFormed(toStr(y)));
      defineProperty(bound, "name", { value: "" });
      s.bound = bound;
    }
    return s.bound;
  });
  defineMethod(Collator.prototype, "resolvedOptions", function resolvedOptions() {
    const s = internal(this, "Collator", "resolvedOptions");
    return { locale: s.locale, usage: s.usage, sensitivity: s.sensitivity, ignorePunctuation: s.ignorePunctuation, collation: s.collation, numeric: s.numeric, caseFirst: s.caseFirst };
  });
  finishClass(Collator, "Collator");

  // --- ListFormat ---------------------------------------------------------

  function stringList(iterable) {
    if (iterable === undefined) return [];
    const out = [];
    for (const item of iterable) {
      if (typeof item !== "string") throw new TypeError("Iterable yielded " + String(typeof item === "symbol" ? "a symbol" : item) + " which is not a string");
      append(out, wellFormed(item));
    }
    return out;
  }

  function ListFormat(locales = undefined, options = undefined) {
    if (!new.target) throw new TypeError("Constructor Intl.ListFormat requires 'new'");
    const self = create(protoFrom(new.target, ListFormat));
    const requested = canonicalizeLocaleList(locales);
    if (options !== undefined && (typeof options !== "object" || options === null)) throw new TypeError("options must be an object");
    options = toObjectOptions(options);
    getOption(options, "localeMatcher", "string", ["lookup", "best fit"], "best fit");
    const r = resolveLocale(requested, {}, []);
    const type = getOption(options, "type", "string", ["conjunction", "disjunction", "unit"], "conjunction");
    const style = getOption(options, "style", "string", ["long", "short", "narrow"], "long");
    slots.set(self, { kind: "ListFormat", locale: r.locale, dataLocale: r.dataLocale, type, style });
    return self;
  }
  defineMethod(ListFormat.prototype, "format", function format(list) {
    const s = internal(this, "ListFormat", "format");
    return joinParts(native.intlList(s.dataLocale, s.type, s.style, stringList(list)));
  });
  defineMethod(ListFormat.prototype, "formatToParts", function formatToParts(list) {
    const s = internal(this, "ListFormat", "formatToParts");
    return partsToObjects(native.intlList(s.dataLocale, s.type, s.style, stringList(list)));
  });
  defineMethod(ListFormat.prototype, "resolvedOptions", function resolvedOptions() {
    const s = internal(this, "ListFormat", "resolvedOptions");
    return { locale: s.locale, type: s.type, style: s.style };
  });
  finishClass(ListFormat, "ListFormat");

  // --- RelativeTimeFormat -------------------------------------------------

  let ROUNDING_FORMAT;
  const RELATIVE_UNITS = ["second", "minute", "hour", "day", "week", "month", "quarter", "year"];

  function RelativeTimeFormat(locales = undefined, options = undefined) {
    if (!new.target) throw new TypeError("Constructor Intl.RelativeTimeFormat requires 'new'");
    const self = create(protoFrom(new.target, RelativeTimeFormat));
    const requested = canonicalizeLocaleList(locales);
    options = toObjectOptions(options);
    getOption(options, "localeMatcher", "string", ["lookup", "best fit"], "best fit");
    const nu = checkTypeSequence(getOption(options, "numberingSystem", "string", undefined, undefined), "numberingSystem");
    const r = resolveLocale(requested, { nu }, [["nu", isNumberingSystem]]);
    const style = getOption(options, "style", "string", ["long", "short", "narrow"], "long");
    const numeric = getOption(options, "numeric", "string", ["always", "auto"], "always");
    const number = new NumberFormat(withNumbering(r.dataLocale, r.nu));
    slots.set(self, { kind: "RelativeTimeFormat", locale: r.locale, dataLocale: withNumbering(r.dataLocale, r.nu), numberingSystem: r.nu || native.intlNumberingSystem(r.dataLocale), style, numeric, number });
    return self;
  }

  function relativeParts(s, value, unit) {
    value = +value;
    unit = toStr(unit);
    const singular = unit.endsWith("s") ? unit.slice(0, -1) : unit;
    if (!RELATIVE_UNITS.includes(singular)) throw new RangeError(`Invalid unit argument for format() '${unit}'`);
    if (!isFinite(value)) throw new RangeError("Invalid number value");
    if (ROUNDING_FORMAT === undefined) ROUNDING_FORMAT = slots.get(new NumberFormat("en", { useGrouping: false }));
    const ROUNDING = ROUNDING_FORMAT;
    const numberParts = formatNumberToParts(slots.get(s.number), abs(value));
    const digits = joinParts(numberParts);
    // The value rounded as the default NumberFormat rounds, in ASCII.
    const rounded = joinParts(formatNumberToParts(ROUNDING, abs(value)));
    const text = native.intlRelative(s.dataLocale, s.style, s.numeric, singular, (value < 0 || Object.is(value, -0) ? "-" : "") + rounded);
    const at = text.indexOf(digits);
    if (at < 0) return [["literal", text]];
    const out = [];
    if (at > 0) out.push(["literal", text.slice(0, at), undefined]);
    for (const [type, v] of numberParts) out.push([type, v, singular]);
    if (at + digits.length < text.length) out.push(["literal", text.slice(at + digits.length), undefined]);
    return out;
  }
  defineMethod(RelativeTimeFormat.prototype, "format", function format(value, unit) {
    const s = internal(this, "RelativeTimeFormat", "format");
    return joinParts(relativeParts(s, value, unit));
  });
  defineMethod(RelativeTimeFormat.prototype, "formatToParts", function formatToParts(value, unit) {
    const s = internal(this, "RelativeTimeFormat", "formatToParts");
    return relativeParts(s, value, unit).map(([type, value, u]) => (u === undefined ? { type, value } : { type, value, unit: u }));
  });
  defineMethod(RelativeTimeFormat.prototype, "resolvedOptions", function resolvedOptions() {
    const s = internal(this, "RelativeTimeFormat", "resolvedOptions");
    return { locale: s.locale, style: s.style, numeric: s.numeric, numberingSystem: s.numberingSystem };
  });
  finishClass(RelativeTimeFormat, "RelativeTimeFormat");

  // --- Segmenter ----------------------------------------------------------

  function Segmenter(locales = undefined, options = undefined) {
    if (!new.target) throw new TypeError("Constructor Intl.Segmenter requires 'new'");
    const self = create(protoFrom(new.target, Segmenter));
    const requested = canonicalizeLocaleList(locales);
    if (options !== undefined && (typeof options !== "object" || options === null)) throw new TypeError("options must be an object");
    options = toObjectOptions(options);
    getOption(options, "localeMatcher", "string", ["lookup", "best fit"], "best fit");
    const r = resolveLocale(requested, {}, []);
    const granularity = getOption(options, "granularity", "string", ["grapheme", "word", "sentence"], "grapheme");
    slots.set(self, { kind: "Segmenter", locale: r.locale, granularity });
    return self;
  }

  const SegmentsPrototype = {};
  const SegmentIteratorPrototype = create(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));

  function segmentData(granularity, string, boundaries, k) {
    const start = boundaries[2 * k];
    const end = boundaries[2 * k + 2];
    const out = { segment: string.slice(start, end), index: start, input: string };
    if (granularity === "word") out.isWordLike = boundaries[2 * k + 3] === 1;
    return out;
  }

  defineMethod(Segmenter.prototype, "segment", function segment(string) {
    const s = internal(this, "Segmenter", "segment");
    string = toStr(string);
    const segments = create(SegmentsPrototype);
    slots.set(segments, { kind: "Segments", granularity: s.granularity, string, boundaries: native.intlSegment(s.granularity, wellFormed(string)) });
    return segments;
  });
  defineMethod(SegmentsPrototype, "containing", function containing(index) {
    const s = internal(this, "Segments", "containing");
    let n = trunc(+index) || 0;
    if (n < 0 || n >= s.string.length) return undefined;
    const b = s.boundaries;
    for (let k = 0; 2 * k + 2 < b.length; k++) {
      if (b[2 * k] <= n && n < b[2 * k + 2]) return segmentData(s.granularity, s.string, b, k);
    }
    return undefined;
  });
  defineMethod(SegmentsPrototype, Symbol.iterator, function iterator() {
    const s = internal(this, "Segments", "[Symbol.iterator]");
    const iterator = create(SegmentIteratorPrototype);
    slots.set(iterator, { kind: "SegmentIterator", segments: s, k: 0 });
    return iterator;
  });
  defineMethod(SegmentIteratorPrototype, "next", function next() {
    const it = internal(this, "SegmentIterator", "next");
    const s = it.segments;
    if (2 * it.k + 2 >= s.boundaries.length) return { value: undefined, done: true };
    const value = segmentData(s.granularity, s.string, s.boundaries, it.k);
    it.k++;
    return { value, done: false };
  });
  defineProperty(SegmentIteratorPrototype, Symbol.toStringTag, { value: "Segmenter String Iterator", configurable: true });
  defineMethod(Segmenter.prototype, "resolvedOptions", function resolvedOptions() {
    const s = internal(this, "Segmenter", "resolvedOptions");
    return { locale: s.locale, granularity: s.granularity };
  });
  finishClass(Segmenter, "Segmenter");

  // --- DisplayNames -------------------------------------------------------

  function DisplayNames(locales, options) {
    if (!new.target) throw new TypeError("Constructor Intl.DisplayNames requires 'new'");
    const self = create(protoFrom(new.target, DisplayNames));
    const requested = canonicalizeLocaleList(locales);
    if (options === undefined) throw new TypeError("Intl.DisplayNames requires options with a type");
    if (typeof options !== "object" || options === null) throw new TypeError("options must be an object");
    getOption(options, "localeMatcher", "string", ["lookup", "best fit"], "best fit");
    const r = resolveLocale(requested, {}, []);
    const style = getOption(options, "style", "string", ["narrow", "short", "long"], "long");
    const type = getOption(options, "type", "string", ["language", "region", "script", "currency", "calendar", "dateTimeField"], undefined);
    if (type === undefined) throw new TypeError("Required option 'type' is missing");
    const fallback = getOption(options, "fallback", "string", ["code", "none"], "code");
    const languageDisplay = getOption(options, "languageDisplay", "string", ["dialect", "standard"], "dialect");
    const s = { kind: "DisplayNames", locale: r.locale, dataLocale: r.dataLocale, style, type, fallback };
    if (type === "language") s.languageDisplay = languageDisplay;
    slots.set(self, s);
    return self;
  }
  defineMethod(DisplayNames.prototype, "of", function of(code) {
    const s = internal(this, "DisplayNames", "of");
    code = toStr(code);
    let canonical = code;
    switch (s.type) {
      case "region":
        if (!/^([A-Za-z]{2}|\d{3})$/.test(code)) throw new RangeError(`invalid_argument: ${code}`);
        canonical = code.toUpperCase();
        break;
      case "script":
        if (!/^[A-Za-z]{4}$/.test(code)) throw new RangeError(`invalid_argument: ${code}`);
        canonical = code[0].toUpperCase() + code.slice(1).toLowerCase();
        break;
      case "currency":
        if (!/^[A-Za-z]{3}$/.test(code)) throw new RangeError(`invalid_argument: ${code}`);
        canonical = code.toUpperCase();
        break;
      case "language":
        if (!/^[A-Za-z]{2,3}([-][A-Za-z]{4})?([-]([A-Za-z]{2}|\d{3}))?([-]([A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*$/.test(code) || /^root$/i.test(code)) throw new RangeError(`invalid_argument: ${code}`);
        canonical = native.intlCanonicalize(code);
        break;
      case "calendar":
        if (!TYPE_SEQUENCE.test(code)) throw new RangeError(`invalid_argument: ${code}`);
        canonical = code.toLowerCase();
        break;
      case "dateTimeField":
        if (!["era", "year", "quarter", "month", "weekOfYear", "weekday", "day", "dayPeriod", "hour", "minute", "second", "timeZoneName"].includes(code)) throw new RangeError(`invalid_argument: ${code}`);
        break;
    }
    const name = s.type === "calendar" || s.type === "dateTimeField" ? null : native.intlDisplayName(s.dataLocale, s.type, s.style, canonical);
    if (name !== null && name !== undefined) return name;
    return s.fallback === "code" ? canonical : undefined;
  });
  defineMethod(DisplayNames.prototype, "resolvedOptions", function resolvedOptions() {
    const s = internal(this, "DisplayNames", "resolvedOptions");
    const out = { locale: s.locale, style: s.style, type: s.type, fallback: s.fallback };
    if (s.languageDisplay !== undefined) out.languageDisplay = s.languageDisplay;
    return out;
  });
  finishClass(DisplayNames, "DisplayNames");

  // --- Locale -------------------------------------------------------------

  function Locale(tag, options = undefined) {
    if (!new.target) throw new TypeError("Constructor Intl.Locale requires 'new'");
    const self = create(protoFrom(new.target, Locale));
    if (typeof tag !== "string" && (typeof tag !== "object" || tag === null)) throw new TypeError("First argument to Intl.Locale constructor can't be empty or missing");
    tag = isLocaleObject(tag) ? slots.get(tag).tag : toStr(tag);
    options = toObjectOptions(options);
    const canonical = native.intlCanonicalize(tag);
    // base, the -u- keywords, and the other extensions (-t-, -x-, ...).
    const subtags = canonical.split("-");
    let first = subtags.findIndex((x, i) => i > 0 && x.length === 1);
    if (first < 0) first = subtags.length;
    let base = subtags.slice(0, first).join("-");
    const uAt = subtags.indexOf("u", first);
    let uEnd = uAt < 0 ? -1 : subtags.findIndex((x, i) => i > uAt && x.length === 1);
    if (uAt >= 0 && uEnd < 0) uEnd = subtags.length;
    const others = subtags.slice(first).filter((_, i) => uAt < 0 || i + first < uAt || i + first >= uEnd).join("-");
    const ext = uAt < 0 ? [] : [subtags.slice(uAt + 1, uEnd).join("-")];
    const baseParts = { language: undefined, script: undefined, region: undefined };
    const language = getOption(options, "language", "string", undefined, undefined);
    if (language !== undefined && !/^[a-zA-Z]{2,3}$|^[a-zA-Z]{5,8}$/.test(language)) throw new RangeError("Incorrect locale information provided");
    const script = getOption(options, "script", "string", undefined, undefined);
    if (script !== undefined && !/^[a-zA-Z]{4}$/.test(script)) throw new RangeError("Incorrect locale information provided");
    const region = getOption(options, "region", "string", undefined, undefined);
    if (region !== undefined && !/^([a-zA-Z]{2}|\d{3})$/.test(region)) throw new RangeError("Incorrect locale information provided");
    if (language !== undefined || script !== undefined || region !== undefined) {
      const parts = base.split("-");
      baseParts.language = language || parts[0];
      let rest = parts.slice(1);
      let s = rest.length && rest[0].length === 4 && /^[a-zA-Z]+$/.test(rest[0]) ? rest.shift() : undefined;
      let r = rest.length && (rest[0].length === 2 || /^\d{3}$/.test(rest[0])) ? rest.shift() : undefined;
      if (script !== undefined) s = script;
      if (region !== undefined) r = region;
      base = [baseParts.language, s, r, ...rest].filter((x) => x !== undefined).join("-");
    }
    const keywords = unicodeKeywords(ext.length ? "x-u-" + ext.join("-u-") : "");
    const set = (key, value) => {
      if (value !== undefined) keywords.set(key, value);
    };
    const calendar = getOption(options, "calendar", "string", undefined, undefined);
    if (calendar !== undefined && !TYPE_SEQUENCE.test(calendar)) throw new RangeError("Incorrect locale information provided");
    set("ca", calendar);
    const collation = getOption(options, "collation", "string", undefined, undefined);
    if (collation !== undefined && !TYPE_SEQUENCE.test(collation)) throw new RangeError("Incorrect locale information provided");
    set("co", collation);
    set("hc", getOption(options, "hourCycle", "string", ["h11", "h12", "h23", "h24"], undefined));
    set("kf", getOption(options, "caseFirst", "string", ["upper", "lower", "false"], undefined));
    const numeric = getOption(options, "numeric", "boolean", undefined, undefined);
    set("kn", numeric === undefined ? undefined : String(numeric));
    const nu = getOption(options, "numberingSystem", "string", undefined, undefined);
    if (nu !== undefined && !TYPE_SEQUENCE.test(nu)) throw new RangeError("Incorrect locale information provided");
    set("nu", nu);
    let u = "";
    for (const key of [...keywords.keys()].sort()) {
      const v = keywords.get(key);
      u += "-" + key + (v === "true" ? "" : "-" + v);
    }
    const full = native.intlCanonicalize(base + (u ? "-u" + u : "") + (others ? "-" + others : ""));
    const fullSubtags = full.split("-");
    const baseEnd = fullSubtags.findIndex((x, i) => i > 0 && x.length === 1);
    slots.set(self, { kind: "Locale", tag: full, base: baseEnd < 0 ? full : fullSubtags.slice(0, baseEnd).join("-"), keywords: unicodeKeywords(full) });
    return self;
  }
  const localeProto = Locale.prototype;
  defineMethod(localeProto, "toString", function toString() {
    return internal(this, "Locale", "toString").tag;
  });
  defineMethod(localeProto, "maximize", function maximize() {
    const s = internal(this, "Locale", "maximize");
    const info = native.intlLocaleInfo(s.tag);
    return new Locale(info[0]);
  });
  defineMethod(localeProto, "minimize", function minimize() {
    const s = internal(this, "Locale", "minimize");
    const info = native.intlLocaleInfo(s.tag);
    return new Locale(info[1]);
  });
  defineGetter(localeProto, "baseName", function () {
    return internal(this, "Locale", "baseName").base;
  });
  const keywordGetters = { calendar: "ca", collation: "co", hourCycle: "hc", caseFirst: "kf", numberingSystem: "nu" };
  for (const name of keys(keywordGetters)) {
    defineGetter(localeProto, name, function () {
      return internal(this, "Locale", name).keywords.get(keywordGetters[name]);
    });
  }
  defineGetter(localeProto, "numeric", function () {
    return internal(this, "Locale", "numeric").keywords.get("kn") === "true";
  });
  function baseSubtags(s) {
    const parts = s.base.split("-");
    const language = parts[0];
    let i = 1;
    const script = parts[i] && parts[i].length === 4 && /^[A-Za-z]+$/.test(parts[i]) ? parts[i++] : undefined;
    const region = parts[i] && (parts[i].length === 2 || /^\d{3}$/.test(parts[i])) ? parts[i] : undefined;
    return { language, script, region };
  }
  for (const name of ["language", "script", "region"]) {
    defineGetter(localeProto, name, function () {
      return baseSubtags(internal(this, "Locale", name))[name];
    });
  }
  const localeInfo = {
    getCalendars: (s) => [s.keywords.get("ca") || "gregory"],
    getCollations: (s) => [s.keywords.get("co") || "emoji"],
    getHourCycles: (s) => [s.keywords.get("hc") || native.intlHourCycle(s.tag)],
    getNumberingSystems: (s) => [s.keywords.get("nu") || native.intlNumberingSystem(s.base)],
    getTimeZones: (s) => (baseSubtags(s).region === undefined ? undefined : native.intlZonesOf(baseSubtags(s).region)),
    getTextInfo: (s) => ({ direction: native.intlLocaleInfo(s.tag)[2] }),
    getWeekInfo: (s) => {
      const info = native.intlLocaleInfo(s.tag);
      return { firstDay: Number(info[3]), weekend: info[4].split(",").map(Number), minimalDays: Number(info[5]) };
    },
  };
  for (const name of keys(localeInfo)) {
    defineMethod(localeProto, name, function () {
      return localeInfo[name](internal(this, "Locale", name));
    });
  }
  defineProperty(localeProto, Symbol.toStringTag, { value: "Intl.Locale", writable: false, enumerable: false, configurable: true });
  defineProperty(Locale, "prototype", { writable: false, enumerable: false, configurable: false });
  defineProperty(Intl, "Locale", { value: Locale, writable: true, enumerable: false, configurable: true });

  defineMethod(Intl, "supportedValuesOf", function supportedValuesOf(key) {
    key = toStr(key);
    switch (key) {
      case "calendar":
        return ["gregory", "iso8601"];
      case "collation":
        return ["emoji", "eor"];
      case "currency":
        return keys(CURRENCY_DIGITS).concat(["AUD", "BRL", "CAD", "CHF", "CNY", "EUR", "GBP", "HKD", "INR", "MXN", "NOK", "NZD", "RUB", "SEK", "SGD", "USD", "ZAR"]).sort();
      case "numberingSystem":
        return NUMBERING_SYSTEMS.slice();
      case "timeZone":
        return native.intlZonesOf("");
      case "unit":
        return SIMPLE_UNITS.slice();
      default:
        throw new RangeError(`Invalid key : ${key}`);
    }
  });

  defineProperty(globalThis, "Intl", { value: Intl, writable: true, enumerable: false, configurable: true });

  // --- The locale-sensitive built-ins --------------------------------------

  function replace(target, name, fn) {
    defineProperty(fn, "name", { value: name });
    defineMethod(target, name, fn);
  }
  replace(Number.prototype, "toLocaleString", function toLocaleString(locales = undefined, options = undefined) {
    const x = Number.prototype.valueOf.call(this);
    return new NumberFormat(locales, options).format(x);
  });
  replace(BigInt.prototype, "toLocaleString", function toLocaleString(locales = undefined, options = undefined) {
    const x = BigInt.prototype.valueOf.call(this);
    return new NumberFormat(locales, options).format(x);
  });
  const dateValue = Date.prototype.valueOf;
  function dateToLocale(date, locales, options, required, defaults) {
    const t = dateValue.call(date);
    if (t !== t) return "Invalid Date";
    const dtf = createDateTimeFormat(create(DateTimeFormat.prototype), locales, options, required, defaults);
    return formatDate(slots.get(dtf), t);
  }
  replace(Date.prototype, "toLocaleString", function toLocaleString(locales = undefined, options = undefined) {
    return dateToLocale(this, locales, options, "any", "all");
  });
  replace(Date.prototype, "toLocaleDateString", function toLocaleDateString(locales = undefined, options = undefined) {
    return dateToLocale(this, locales, options, "date", "date");
  });
  replace(Date.prototype, "toLocaleTimeString", function toLocaleTimeString(locales = undefined, options = undefined) {
    return dateToLocale(this, locales, options, "time", "time");
  });
  function thisString(value, name) {
    if (value === undefined || value === null) throw new TypeError(`String.prototype.${name} called on null or undefined`);
    return String(value);
  }
  replace(String.prototype, "localeCompare", function localeCompare(that, locales = undefined, options = undefined) {
    const s = thisString(this, "localeCompare");
    return new Collator(locales, options).compare(s, toStr(that));
  });
  function caseLocale(locales) {
    const list = canonicalizeLocaleList(locales);
    const tag = list.length ? list[0] : DEFAULT_LOCALE;
    return tag.split("-")[0];
  }
  replace(String.prototype, "toLocaleUpperCase", function toLocaleUpperCase(locales = undefined) {
    const s = thisString(this, "toLocaleUpperCase");
    return native.intlCase(caseLocale(locales), true, wellFormed(s));
  });
  replace(String.prototype, "toLocaleLowerCase", function toLocaleLowerCase(locales = undefined) {
    const s = thisString(this, "toLocaleLowerCase");
    return native.intlCase(caseLocale(locales), false, wellFormed(s));
  });
  replace(Array.prototype, "toLocaleString", function toLocaleString(locales = undefined, options = undefined) {
    const array = Object(this);
    const length = min(max(floor(Number(array.length)) || 0, 0), 2 ** 53 - 1);
    let out = "";
    for (let k = 0; k < length; k++) {
      if (k > 0) out += ",";
      const element = array[k];
      if (element !== undefined && element !== null) out += String(Object(element).toLocaleString(locales, options));
    }
    return out;
  });
});
