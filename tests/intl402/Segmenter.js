// Intl.Segmenter, its %Segments% objects and %SegmentIterator%. Derived from
// test262's test/intl402/Segmenter/ (constructor/constructor/*,
// constructor/supportedLocalesOf/*, prototype/*, prototype/segment/*,
// prototype/segment/containing/*, iterator/*), rewritten for jsbox. Only
// break positions fixed by UAX #29 for simple text are checked exactly.

function segments(options, text, locale) {
  return Array.from(new Intl.Segmenter(locale || "en", options).segment(text));
}

test(() => {
  verifyProperty(Intl, "Segmenter", { writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.Segmenter, "length", { value: 0, writable: false, enumerable: false, configurable: true });
  verifyProperty(Intl.Segmenter, "name", { value: "Segmenter", writable: false, enumerable: false, configurable: true });
  assert.sameValue(Object.getPrototypeOf(Intl.Segmenter), Function.prototype);
}, "Segmenter/constructor/constructor/prop-desc.js: descriptor, length 0, name");

test(() => {
  verifyProperty(Intl.Segmenter, "prototype", { writable: false, enumerable: false, configurable: false });
  verifyProperty(Intl.Segmenter.prototype, "constructor", { value: Intl.Segmenter, writable: true, enumerable: false, configurable: true });
  verifyProperty(Intl.Segmenter.prototype, Symbol.toStringTag, { value: "Intl.Segmenter", writable: false, enumerable: false, configurable: true });
}, "Segmenter/prototype/toStringTag/prop-desc.js: prototype, constructor, @@toStringTag");

for (const [method, length] of [["segment", 1], ["resolvedOptions", 0]]) {
  test(() => {
    verifyProperty(Intl.Segmenter.prototype, method, { writable: true, enumerable: false, configurable: true });
    verifyProperty(Intl.Segmenter.prototype[method], "length", { value: length, writable: false, enumerable: false, configurable: true });
    verifyProperty(Intl.Segmenter.prototype[method], "name", { value: method, writable: false, enumerable: false, configurable: true });
  }, "Segmenter/prototype/" + method + "/prop-desc.js: descriptor, length " + length + ", name");
}

test(() => {
  verifyProperty(Intl.Segmenter.supportedLocalesOf, "length", { value: 1 });
  assert.compareArray(Intl.Segmenter.supportedLocalesOf(["ja", "ZH-tw"]), ["ja", "zh-TW"]);
}, "Segmenter/constructor/supportedLocalesOf/result-type.js: supportedLocalesOf");

test(() => {
  assert.throws(TypeError, () => Intl.Segmenter());
}, "Segmenter/constructor/constructor/newtarget-undefined.js: calling without new throws a TypeError");

test(() => {
  assert.throws(TypeError, () => new Intl.Segmenter("en", null));
  assert.throws(TypeError, () => new Intl.Segmenter("en", 5));
  assert.sameValue(new Intl.Segmenter("en", undefined).resolvedOptions().granularity, "grapheme");
}, "Segmenter/constructor/constructor/options-getoptionsobject.js: options must be an object or undefined");

test(() => {
  for (const granularity of ["", "Grapheme", "char", "line", "words", "paragraph"]) {
    assert.throws(RangeError, () => new Intl.Segmenter("en", { granularity }), granularity);
  }
}, "Segmenter/constructor/constructor/options-granularity-invalid.js: invalid granularity throws a RangeError");

test(() => {
  for (const granularity of ["grapheme", "word", "sentence"]) {
    assert.sameValue(new Intl.Segmenter("en", { granularity }).resolvedOptions().granularity, granularity);
  }
}, "Segmenter/constructor/constructor/options-granularity-valid.js: valid granularities");

test(() => {
  const read = [];
  new Intl.Segmenter("en", new Proxy({}, { get(target, key) { read.push(key); return undefined; } }));
  assert.compareArray(read, ["localeMatcher", "granularity"]);
}, "Segmenter/constructor/constructor/options-order.js: options are read in order");

test(() => {
  assert.throws(EvalError, () => new Intl.Segmenter("en", { get granularity() { throw new EvalError(); } }));
  assert.throws(EvalError, () => new Intl.Segmenter("en", { granularity: { toString() { throw new EvalError(); } } }));
  assert.throws(EvalError, () => new Intl.Segmenter("en", { get localeMatcher() { throw new EvalError(); } }));
}, "Segmenter/constructor/constructor/options-granularity-abrupt-throws.js: abrupt option reads propagate");

test(() => {
  const ro = new Intl.Segmenter("en").resolvedOptions();
  assert.compareArray(Object.keys(ro), ["locale", "granularity"]);
  assert.sameValue(ro.locale, "en");
  assert.sameValue(ro.granularity, "grapheme");
}, "Segmenter/prototype/resolvedOptions/order.js: default resolved options");

test(() => {
  for (const value of [undefined, null, 1, {}, new Intl.NumberFormat(), Intl.Segmenter.prototype]) {
    assert.throws(TypeError, () => Intl.Segmenter.prototype.segment.call(value, "a"));
    assert.throws(TypeError, () => Intl.Segmenter.prototype.resolvedOptions.call(value));
  }
}, "Segmenter/prototype/segment/branding.js: methods check their receiver");

test(() => {
  const s = new Intl.Segmenter("en").segment("ab");
  const proto = Object.getPrototypeOf(s);
  assert.compareArray(Object.getOwnPropertyNames(proto), ["containing"]);
  verifyProperty(proto, "containing", { writable: true, enumerable: false, configurable: true });
  verifyProperty(proto.containing, "length", { value: 1 });
  verifyProperty(proto, Symbol.iterator, { writable: true, enumerable: false, configurable: true });
  assert.sameValue(proto[Symbol.iterator].name, "[Symbol.iterator]");
  assert.sameValue(Object.getPrototypeOf(proto), Object.prototype);
}, "Segmenter/prototype/segment/segment-tostring.js: %Segments.prototype% has containing and @@iterator");

test(() => {
  const iterator = new Intl.Segmenter("en").segment("ab")[Symbol.iterator]();
  const proto = Object.getPrototypeOf(iterator);
  assert.compareArray(Object.getOwnPropertyNames(proto), ["next"]);
  verifyProperty(proto, Symbol.toStringTag, { value: "Segmenter String Iterator", writable: false, enumerable: false, configurable: true });
  const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  assert.sameValue(Object.getPrototypeOf(proto), iteratorPrototype);
  verifyProperty(proto.next, "length", { value: 0 });
}, "Segmenter/iterator/prototype.js: %SegmentIterator.prototype%");

test(() => {
  const next = Object.getPrototypeOf(new Intl.Segmenter("en").segment("a")[Symbol.iterator]()).next;
  for (const value of [undefined, {}, new Intl.Segmenter("en").segment("a")]) {
    assert.throws(TypeError, () => next.call(value));
  }
  const containing = Object.getPrototypeOf(new Intl.Segmenter("en").segment("a")).containing;
  assert.throws(TypeError, () => containing.call({}, 0));
}, "Segmenter/iterator/branding.js: next and containing check their receiver");

test(() => {
  const seg = new Intl.Segmenter("en");
  assert.sameValue(seg.segment(42).containing(0).input, "42");
  assert.sameValue(segments({}, undefined).map((s) => s.segment).join(""), "undefined");
  assert.throws(TypeError, () => seg.segment(Symbol()));
}, "Segmenter/prototype/segment/segment-tostring.js: the input goes through ToString");

test(() => {
  const result = segments({}, "a👨‍👩‍👧be\u0301🇺🇸");
  assert.compareArray(result.map((s) => s.segment), ["a", "👨‍👩‍👧", "b", "e\u0301", "🇺🇸"]);
  assert.compareArray(result.map((s) => s.index), [0, 1, 9, 10, 12]);
  for (const s of result) {
    assert.sameValue(s.input, "a👨‍👩‍👧be\u0301🇺🇸");
    assert.compareArray(Object.keys(s), ["segment", "index", "input"]);
  }
}, "Segmenter/prototype/segment/segment-grapheme.js: extended grapheme clusters");

test(() => {
  const result = segments({}, "\r\n\u1100\u1161\u11a8x");
  assert.compareArray(result.map((s) => s.segment), ["\r\n", "\u1100\u1161\u11a8", "x"]);
}, "Segmenter/prototype/segment/segment-grapheme-iterable.js: CRLF and Hangul jamo sequences");

test(() => {
  const result = segments({ granularity: "word" }, "Hello, world! It's 3.14 ok.");
  assert.compareArray(result.map((s) => s.segment), ["Hello", ",", " ", "world", "!", " ", "It's", " ", "3.14", " ", "ok", "."]);
  assert.compareArray(result.map((s) => s.isWordLike), [true, false, false, true, false, false, true, false, true, false, true, false]);
  assert.compareArray(Object.keys(result[0]), ["segment", "index", "input", "isWordLike"]);
}, "Segmenter/prototype/segment/segment-word.js: words, punctuation and spaces");

test(() => {
  const result = segments({ granularity: "word" }, "今日は晴れです", "ja");
  assert.sameValue(result.map((s) => s.segment).join(""), "今日は晴れです");
  assert(result.length > 1, "Japanese text is split into several words");
  assert(result.every((s) => s.isWordLike === true), "all segments are word-like");
}, "Segmenter/prototype/segment/segment-word-ja.js: Japanese words are found without spaces");

test(() => {
  const result = segments({ granularity: "sentence" }, "Hi there. How are you? Fine!");
  assert.compareArray(result.map((s) => s.segment), ["Hi there. ", "How are you? ", "Fine!"]);
  assert.compareArray(result.map((s) => s.index), [0, 10, 23]);
  assert.sameValue(Object.prototype.hasOwnProperty.call(result[0], "isWordLike"), false);
}, "Segmenter/prototype/segment/segment-sentence.js: sentences keep trailing spaces");

test(() => {
  assert.compareArray(segments({}, ""), []);
  assert.compareArray(segments({ granularity: "word" }, ""), []);
  assert.compareArray(segments({ granularity: "sentence" }, ""), []);
}, "Segmenter/prototype/segment/segment-empty.js: an empty string has no segments");

test(() => {
  const segs = new Intl.Segmenter("en", { granularity: "word" }).segment("ab cd");
  assert.compareArray(Array.from(segs).map((s) => s.segment), ["ab", " ", "cd"]);
  assert.compareArray(Array.from(segs).map((s) => s.segment), ["ab", " ", "cd"], "iterable twice");
  const iterator = segs[Symbol.iterator]();
  assert.sameValue(iterator.next().value.segment, "ab");
  const other = segs[Symbol.iterator]();
  assert.sameValue(other.next().value.segment, "ab", "independent iterators");
  assert.sameValue(iterator.next().value.segment, " ");
}, "Segmenter/prototype/segment/segment-word-iterable.js: %Segments% can be iterated repeatedly");

test(() => {
  const iterator = new Intl.Segmenter("en").segment("a")[Symbol.iterator]();
  const first = iterator.next();
  assert.sameValue(first.done, false);
  const last = iterator.next();
  assert.sameValue(last.done, true);
  assert.sameValue(last.value, undefined);
  assert.sameValue(iterator.next().done, true, "stays done");
}, "Segmenter/prototype/segment/segment-grapheme-next.js: iteration ends with {value: undefined, done: true}");

test(() => {
  const s = new Intl.Segmenter("en", { granularity: "word" }).segment("Hello world");
  const hello = s.containing(0);
  assert.sameValue(hello.segment, "Hello");
  assert.sameValue(hello.index, 0);
  assert.sameValue(hello.input, "Hello world");
  assert.sameValue(hello.isWordLike, true);
  assert.sameValue(s.containing(5).segment, " ");
  assert.sameValue(s.containing(5).isWordLike, false);
  assert.sameValue(s.containing(10).segment, "world");
}, "Segmenter/prototype/segment/containing/one-index.js: containing finds the segment at an index");

test(() => {
  const s = new Intl.Segmenter("en", { granularity: "word" }).segment("Hello world");
  assert.sameValue(s.containing(11), undefined);
  assert.sameValue(s.containing(-1), undefined);
  assert.sameValue(s.containing(Infinity), undefined);
  assert.sameValue(s.containing(-Infinity), undefined);
}, "Segmenter/prototype/segment/containing/out-of-bound-index.js: out-of-range indices give undefined");

test(() => {
  const s = new Intl.Segmenter("en", { granularity: "word" }).segment("Hello world");
  assert.sameValue(s.containing().segment, "Hello", "undefined is 0");
  assert.sameValue(s.containing(NaN).segment, "Hello");
  assert.sameValue(s.containing(7.9).segment, "world", "truncated");
  assert.sameValue(s.containing("6").segment, "world");
  assert.sameValue(s.containing(null).segment, "Hello");
  assert.sameValue(s.containing(-0.5).segment, "Hello", "-0.5 truncates to 0");
}, "Segmenter/prototype/segment/containing/zero-index.js: indices go through ToIntegerOrInfinity");

test(() => {
  const s = new Intl.Segmenter("en").segment("abc");
  assert.throws(EvalError, () => s.containing({ valueOf() { throw new EvalError(); } }));
  assert.throws(TypeError, () => s.containing(Symbol()));
  assert.throws(TypeError, () => s.containing(1n));
}, "Segmenter/prototype/segment/containing/index-throws.js: abrupt index conversions propagate");

test(() => {
  const s = new Intl.Segmenter("en").segment("a👨‍👩‍👧b");
  for (let i = 1; i <= 8; i++) {
    const data = s.containing(i);
    assert.sameValue(data.segment, "👨‍👩‍👧", "index " + i);
    assert.sameValue(data.index, 1, "index " + i);
  }
}, "Segmenter/prototype/segment/containing/unbreakable-input.js: every index inside a cluster finds the cluster");

test(() => {
  const s = new Intl.Segmenter("en", { granularity: "sentence" }).segment("One. Two.");
  assert.sameValue(s.containing(6).segment, "Two.");
  assert.sameValue(s.containing(6).index, 5);
  assert.sameValue(Object.prototype.hasOwnProperty.call(s.containing(0), "isWordLike"), false);
}, "Segmenter/prototype/segment/containing/breakable-input.js: sentence containing");

test(() => {
  const words = segments({ granularity: "word" }, "can't stop 42 €5").map((s) => [s.segment, s.isWordLike]);
  assert.compareArray(words.map((w) => w[0]), ["can't", " ", "stop", " ", "42", " ", "€", "5"]);
  assert.compareArray(words.map((w) => w[1]), [true, false, true, false, true, false, false, true]);
}, "Segmenter/prototype/segment/containing/iswordlike.js: numbers are word-like, symbols are not");
