// Intl.ListFormat. Derived from test262's test/intl402/ListFormat/
// (constructor/constructor/*, constructor/supportedLocalesOf/*,
// prototype/format/*, prototype/formatToParts/*, prototype/resolvedOptions/*,
// prototype/toStringTag/*), rewritten for jsbox.

function list(locale, options, items) {
  return new Intl.ListFormat(locale, options).format(items);
}

test(() => {
  verifyProperty(Intl, "ListFormat", { writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.ListFormat, "length", { value: 0, writable: false, enumerable: false, configurable: true });
  verifyProperty(Intl.ListFormat, "name", { value: "ListFormat", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.getPrototypeOf(Intl.ListFormat), Function.prototype);
}, "ListFormat/constructor/constructor/prop-desc.js: descriptor, length 0, name");

test(() => {
  verifyProperty(Intl.ListFormat, "prototype", { writable: false, enumerable: false, configurable: false });
  verifyProperty(Intl.ListFormat.prototype, "constructor", { value: Intl.ListFormat, writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.ListFormat.prototype, Symbol.toStringTag, { value: "Intl.ListFormat", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.prototype.toString.call(new Intl.ListFormat()), "[object Intl.ListFormat]");
}, "ListFormat/prototype/toStringTag/toStringTag.js: prototype, constructor, @@toStringTag");

for (const [method, length] of [["format", 1], ["formatToParts", 1], ["resolvedOptions", 0]]) {
  test(() => {
    verifyProperty(Intl.ListFormat.prototype, method, { writable: true, enumerable: false, configurable: true });
    verifyProperty(Intl.ListFormat.prototype[method], "length", { value: length, writable: false, enumerable: false, configurable: true });
    verifyProperty(Intl.ListFormat.prototype[method], "name", { value: method, writable: false, enumerable: false, configurable: true });
    assert.sameValue(isConstructor(Intl.ListFormat.prototype[method]), false);
  }, "ListFormat/prototype/" + method + "/prop-desc.js: descriptor, length " + length + ", name");
}

test(() => {
  verifyProperty(Intl.ListFormat.supportedLocalesOf, "length", { value: 1 });
  assert.compareArray(Intl.ListFormat.supportedLocalesOf(["EN", "es-mx"]), ["en", "es-MX"]);
}, "ListFormat/constructor/supportedLocalesOf/result-type.js: supportedLocalesOf");

test(() => {
  assert.throws(TypeError, () => Intl.ListFormat());
}, "ListFormat/constructor/constructor/newtarget-undefined.js: calling without new throws a TypeError");

test(() => {
  assert.throws(TypeError, () => new Intl.ListFormat("en", null));
  assert.throws(TypeError, () => new Intl.ListFormat("en", 5));
  assert.throws(TypeError, () => new Intl.ListFormat("en", "long"));
  assert.sameValue(new Intl.ListFormat("en", undefined).resolvedOptions().type, "conjunction");
}, "ListFormat/constructor/constructor/options-getoptionsobject.js: options must be an object or undefined");

test(() => {
  for (const [option, values] of [["type", ["", "Conjunction", "and", "or"]], ["style", ["", "Long", "full", "medium"]], ["localeMatcher", ["", "exact"]]]) {
    for (const value of values) assert.throws(RangeError, () => new Intl.ListFormat("en", { [option]: value }), option + " " + value);
  }
}, "ListFormat/constructor/constructor/options-invalid.js: invalid type, style and localeMatcher throw a RangeError");

test(() => {
  for (const type of ["conjunction", "disjunction", "unit"]) {
    for (const style of ["long", "short", "narrow"]) {
      const ro = new Intl.ListFormat("en", { type, style }).resolvedOptions();
      assert.sameValue(ro.type, type);
      assert.sameValue(ro.style, style);
    }
  }
}, "ListFormat/constructor/constructor/options-style-valid.js: every type/style combination is accepted");

test(() => {
  const read = [];
  new Intl.ListFormat("en", new Proxy({}, { get(target, key) { read.push(key); return undefined; } }));
  assert.compareArray(read, ["localeMatcher", "type", "style"]);
}, "ListFormat/constructor/constructor/options-order.js: options are read in order");

test(() => {
  for (const name of ["localeMatcher", "type", "style"]) {
    const options = {};
    Object.defineProperty(options, name, { get() { throw new SyntaxError(name); } });
    assert.throws(SyntaxError, () => new Intl.ListFormat("en", options), name);
  }
}, "ListFormat/constructor/constructor/options-throwing-getters.js: an abrupt getter on any option propagates");

test(() => {
  const ro = new Intl.ListFormat("en").resolvedOptions();
  assert.compareArray(Object.keys(ro), ["locale", "type", "style"]);
  assert.sameValue(ro.locale, "en");
  assert.sameValue(ro.type, "conjunction");
  assert.sameValue(ro.style, "long");
}, "ListFormat/prototype/resolvedOptions/order.js: default resolved options");

test(() => {
  assert.sameValue(new Intl.ListFormat("en-US-u-ca-gregory").resolvedOptions().locale, "en-US");
}, "ListFormat/prototype/resolvedOptions/locale.js: extension keys are not kept");

test(() => {
  for (const value of [undefined, null, 1, {}, new Intl.NumberFormat(), Intl.ListFormat.prototype]) {
    assert.throws(TypeError, () => Intl.ListFormat.prototype.format.call(value, []));
    assert.throws(TypeError, () => Intl.ListFormat.prototype.formatToParts.call(value, []));
    assert.throws(TypeError, () => Intl.ListFormat.prototype.resolvedOptions.call(value));
  }
}, "ListFormat/prototype/format/branding.js: methods check their receiver");

const enCases = [
  ["conjunction", "long", ["", "a", "a and b", "a, b, and c", "a, b, c, and d"]],
  ["conjunction", "short", ["", "a", "a & b", "a, b, & c", "a, b, c, & d"]],
  ["conjunction", "narrow", ["", "a", "a, b", "a, b, c", "a, b, c, d"]],
  ["disjunction", "long", ["", "a", "a or b", "a, b, or c", "a, b, c, or d"]],
  ["disjunction", "short", ["", "a", "a or b", "a, b, or c", "a, b, c, or d"]],
  ["disjunction", "narrow", ["", "a", "a or b", "a, b, or c", "a, b, c, or d"]],
  ["unit", "long", ["", "a", "a, b", "a, b, c", "a, b, c, d"]],
  ["unit", "short", ["", "a", "a, b", "a, b, c", "a, b, c, d"]],
  ["unit", "narrow", ["", "a", "a b", "a b c", "a b c d"]],
];
for (const [type, style, expected] of enCases) {
  test(() => {
    const inputs = [[], ["a"], ["a", "b"], ["a", "b", "c"], ["a", "b", "c", "d"]];
    inputs.forEach((items, i) => assert.sameValue(list("en-US", { type, style }, items), expected[i], items.length + " items"));
  }, "ListFormat/prototype/format/en-us-" + style + ".js: type " + type);
}

test(() => {
  assert.sameValue(list("en", {}, "abc"), "a, b, and c", "a string is iterated");
  assert.sameValue(list("en", {}, new Set(["x", "y"])), "x and y");
  assert.sameValue(list("en", {}, (function* () { yield "p"; yield "q"; })()), "p and q");
}, "ListFormat/prototype/format/iterable.js: any iterable of strings is accepted");

test(() => {
  assert.sameValue(list("en", {}, undefined), "");
  assert.sameValue(list("en", {}), "");
}, "ListFormat/prototype/format/iterable-undefined.js: undefined is an empty list");

test(() => {
  assert.throws(TypeError, () => list("en", {}, null));
  assert.throws(TypeError, () => list("en", {}, {}));
  assert.throws(TypeError, () => list("en", {}, 5));
}, "ListFormat/prototype/format/iterable-invalid.js: non-iterables throw a TypeError");

test(() => {
  assert.throws(TypeError, () => list("en", {}, [1]));
  assert.throws(TypeError, () => list("en", {}, ["a", null]));
  assert.throws(TypeError, () => list("en", {}, ["a", undefined]));
  assert.throws(TypeError, () => list("en", {}, [{ toString() { return "x"; } }]));
}, "ListFormat/prototype/format/iterable-invalid.js: non-string elements throw a TypeError");

test(() => {
  let closed = 0;
  const iterable = {
    [Symbol.iterator]() {
      let i = 0;
      return {
        next() { i++; return i === 1 ? { value: "a", done: false } : { value: 2, done: false }; },
        return() { closed++; return {}; },
      };
    },
  };
  assert.throws(TypeError, () => list("en", {}, iterable));
  assert.sameValue(closed, 1, "the iterator is closed");
}, "ListFormat/prototype/format/iterable-iteratorclose.js: a non-string element closes the iterator");

test(() => {
  const iterable = { [Symbol.iterator]() { throw new EvalError("iterator"); } };
  assert.throws(EvalError, () => list("en", {}, iterable));
  const stepping = { [Symbol.iterator]() { return { next() { throw new URIError("next"); } }; } };
  assert.throws(URIError, () => list("en", {}, stepping));
}, "ListFormat/prototype/format/iterable-getiterator-throw.js: abrupt iterator steps propagate");

test(() => {
  const getter = { [Symbol.iterator]() { return { next() { return { done: false, get value() { throw new RangeError("value"); } }; } }; } };
  assert.throws(RangeError, () => list("en", {}, getter));
}, "ListFormat/prototype/format/iterable-iteratorvalue-throw.js: an abrupt value getter propagates");

const localeCases = [
  ["de", {}, "a, b und c"],
  ["fr", {}, "a, b et c"],
  ["es", {}, "a, b y c"],
  ["it", {}, "a, b e c"],
  ["nl", {}, "a, b en c"],
  ["pt", {}, "a, b e c"],
  ["ru", {}, "a, b и c"],
  ["ja", {}, "a、b、c"],
  ["zh", {}, "a、b和c"],
  ["en-GB", {}, "a, b and c"],
  ["de", { type: "disjunction" }, "a, b oder c"],
];
for (const [locale, options, expected] of localeCases) {
  test(() => {
    assert.sameValue(list(locale, options, ["a", "b", "c"]), expected);
  }, "ListFormat/prototype/format/locale-" + locale + ".js: " + (options.type || "conjunction") + " of three");
}

test(() => {
  assert.sameValue(list("es", {}, ["a", "i"]), "a e i", "y becomes e before an i sound");
  assert.sameValue(list("es", { type: "disjunction" }, ["a", "o"]), "a u o", "o becomes u before an o sound");
}, "ListFormat/prototype/format/es-es-contextual.js: Spanish contextual conjunctions");

test(() => {
  const parts = new Intl.ListFormat("en").formatToParts(["a", "b", "c"]);
  assert.compareArray(parts.map((p) => p.type + ":" + p.value), ["element:a", "literal:, ", "element:b", "literal:, and ", "element:c"]);
  for (const part of parts) assert.compareArray(Object.keys(part), ["type", "value"]);
}, "ListFormat/prototype/formatToParts/en-us-long.js: element and literal parts");

test(() => {
  const parts = new Intl.ListFormat("en", { type: "disjunction", style: "narrow" }).formatToParts(["x", "y"]);
  assert.compareArray(parts.map((p) => p.type + ":" + p.value), ["element:x", "literal: or ", "element:y"]);
}, "ListFormat/prototype/formatToParts/en-us-narrow.js: disjunction parts");

test(() => {
  const lf = new Intl.ListFormat("en");
  assert.compareArray(lf.formatToParts([]), []);
  assert.compareArray(lf.formatToParts().map((p) => p.value), []);
  assert.compareArray(lf.formatToParts(["solo"]).map((p) => p.type + ":" + p.value), ["element:solo"]);
  assert.compareArray(lf.formatToParts(["a, b", "c"]).map((p) => p.type), ["element", "literal", "element"], "separators in elements are elements");
}, "ListFormat/prototype/formatToParts/iterable.js: empty, single and comma-containing lists");

test(() => {
  assert.throws(TypeError, () => new Intl.ListFormat("en").formatToParts([1, 2]));
  assert.throws(TypeError, () => new Intl.ListFormat("en").formatToParts(null));
}, "ListFormat/prototype/formatToParts/iterable-invalid.js: invalid lists throw a TypeError");
