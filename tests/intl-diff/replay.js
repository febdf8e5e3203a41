// Replays Intl differential cases (see README.md). A plain script: no require/import, so it
// runs unchanged in Node and in jsbox at the top level of the global scope, where it defines
// the global function intlDiffRun(cases) -> array of output strings, one per case.
//
// A case is {"api": ..., "locale": ..., "options": {...}, "input": ...}; "options" may be
// absent (then undefined is passed). Values that JSON cannot carry are encoded as objects:
// {"bigint": "123"} is BigInt("123"), {"number": "NaN" | "Infinity" | "-Infinity" | "-0"} is
// Number(that string). A throw becomes the string "throws " + the error's constructor name.
function intlDiffRun(cases) {
  function val(v) {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      if ("bigint" in v) return BigInt(v.bigint);
      if ("number" in v) return Number(v.number);
    }
    return v;
  }

  function run(c) {
    var L = c.locale, O = c.options, x = c.input;
    switch (c.api) {
      case "NumberFormat":
        return new Intl.NumberFormat(L, O).format(val(x));
      case "NumberFormat.parts":
        return JSON.stringify(new Intl.NumberFormat(L, O).formatToParts(val(x)));
      case "Number.toLocaleString": // a BigInt input calls BigInt.prototype.toLocaleString
        return val(x).toLocaleString(L, O);
      case "DateTimeFormat":
        return new Intl.DateTimeFormat(L, O).format(val(x));
      case "DateTimeFormat.parts":
        return JSON.stringify(new Intl.DateTimeFormat(L, O).formatToParts(val(x)));
      case "Date.toLocaleString":
        return new Date(val(x)).toLocaleString(L, O);
      case "Date.toLocaleDateString":
        return new Date(val(x)).toLocaleDateString(L, O);
      case "Date.toLocaleTimeString":
        return new Date(val(x)).toLocaleTimeString(L, O);
      case "PluralRules":
        return new Intl.PluralRules(L, O).select(val(x));
      case "PluralRules.ordinal":
        return new Intl.PluralRules(L, Object.assign({}, O, { type: "ordinal" })).select(val(x));
      case "RelativeTimeFormat":
        return new Intl.RelativeTimeFormat(L, O).format(val(x[0]), x[1]);
      case "ListFormat":
        return new Intl.ListFormat(L, O).format(x);
      case "Collator":
        return x.slice().sort(new Intl.Collator(L, O).compare).join("|");
      case "String.localeCompare":
        return String(Math.sign(x[0].localeCompare(x[1], L, O)));
      case "String.toLocaleUpperCase":
        return x.toLocaleUpperCase(L);
      case "String.toLocaleLowerCase":
        return x.toLocaleLowerCase(L);
      case "DisplayNames":
        return new Intl.DisplayNames(L, O).of(x); // undefined (fallback "none") -> "undefined"
      case "Segmenter":
        return Array.from(new Intl.Segmenter(L, O).segment(x), function (s) {
          return s.segment;
        }).join("|");
      case "Array.toLocaleString":
        return x.map(val).toLocaleString(L, O);
    }
    throw new Error("intlDiffRun: unknown api " + c.api);
  }

  return cases.map(function (c) {
    try {
      return String(run(c));
    } catch (e) {
      return "throws " + (e !== null && e !== undefined && e.constructor ? e.constructor.name : typeof e);
    }
  });
}
