// jsbox's own conformance test for encoding labels and names, written from
// the web-platform-tests files encoding/textdecoder-labels.any.js,
// encoding/textencoder-constructor-non-utf.any.js,
// encoding/api-invalid-label.any.js, encoding/api-replacement-encodings.any.js
// and (for the TextDecoder side of it) encoding/unsupported-encodings.any.js.
// The checks are re-expressed for jsbox's harness, not copied.
(() => {
  "use strict";

  // The label table of the Encoding Standard
  // (https://encoding.spec.whatwg.org/encodings.json, the same data WPT keeps
  // in encoding/resources/encodings.js), as [encoding name, labels], from
  // tests/conformance/encodings.json. An encoding's TextDecoder `encoding`
  // is its name in ASCII lowercase.
  const ENCODINGS = DATA.encodings;

  // ASCII whitespace is stripped from a label before it is looked up.
  const ASCII_WHITESPACE = [" ", "\t", "\n", "\f", "\r"];
  // Other characters that look like padding but are not ASCII whitespace:
  // NUL, VT, NBSP, LINE SEPARATOR, PARAGRAPH SEPARATOR.
  const NOT_ASCII_WHITESPACE = ["\u0000", "\u000B", "\u00A0", "\u2028", "\u2029"];

  const escape = (s) => s.replace(/[^\x21-\x7e]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0"));

  // Every label of a supported encoding gives that encoding, whatever its
  // case and however it is padded with ASCII whitespace.
  for (const [name, labels] of ENCODINGS) {
    if (name === "replacement") continue;
    const expected = name.toLowerCase();
    for (const label of labels) {
      test(() => {
        assert_equals(new TextDecoder(label).encoding, expected, "the label as listed");
        assert_equals(new TextDecoder(label.toUpperCase()).encoding, expected, "the label in upper case");
        for (const ws of ASCII_WHITESPACE) {
          const shown = escape(ws);
          assert_equals(new TextDecoder(ws + label).encoding, expected, "leading " + shown);
          assert_equals(new TextDecoder(label + ws).encoding, expected, "trailing " + shown);
          assert_equals(new TextDecoder(ws + label + ws).encoding, expected, "surrounding " + shown);
        }
      }, "Label " + label + " gives " + name);
    }
  }

  // The encoding names themselves: TextDecoder takes each of them (except
  // replacement's), TextEncoder ignores its argument and stays utf-8.
  for (const [name] of ENCODINGS) {
    if (name !== "replacement") {
      test(() => {
        assert_equals(new TextDecoder(name).encoding, name.toLowerCase());
      }, "TextDecoder accepts the encoding name " + name);
    }
    test(() => {
      assert_equals(new TextEncoder(name).encoding, "utf-8");
    }, "TextEncoder ignores the encoding name " + name);
  }

  // The replacement encoding exists only to protect documents; the API
  // refuses every one of its labels.
  for (const label of ENCODINGS.find(([name]) => name === "replacement")[1]) {
    test(() => {
      assert_throws_js(RangeError, () => new TextDecoder(label));
    }, "TextDecoder rejects the replacement label " + label);
  }

  test(() => {
    assert_throws_js(RangeError, () => new TextDecoder("invalid-invalidLabel"));
  }, "TextDecoder rejects an unknown label");

  // Padding that is not ASCII whitespace is part of the label, so the
  // padded label is unknown.
  for (const [, labels] of ENCODINGS) {
    for (const label of labels) {
      test(() => {
        for (const pad of NOT_ASCII_WHITESPACE) {
          const shown = escape(pad);
          for (const [where, input] of [["leading", pad + label], ["trailing", label + pad], ["surrounding", pad + label + pad]]) {
            assert_throws_js(RangeError, () => new TextDecoder(input), where + " " + shown);
          }
        }
      }, "TextDecoder rejects " + label + " padded with characters that are not ASCII whitespace");
    }
  }

  // Encodings the standard leaves out on purpose (WPT checks them through
  // XMLHttpRequest; for TextDecoder they are simply unknown labels).
  for (const label of ["UTF-7", "utf-7", "UTF-32", "utf-32", "UTF-32LE", "utf-32le", "UTF-32BE", "utf-32be"]) {
    test(() => {
      assert_throws_js(RangeError, () => new TextDecoder(label));
    }, "TextDecoder rejects the unsupported encoding " + label);
  }
})();
