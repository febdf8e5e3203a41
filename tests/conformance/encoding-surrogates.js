// jsbox's own conformance test for unpaired UTF-16 surrogates, written from
// the web-platform-tests files encoding/api-surrogates-utf8.any.js,
// encoding/textencoder-utf16-surrogates.any.js and
// encoding/textdecoder-utf16-surrogates.any.js. The checks are re-expressed
// for jsbox's harness, not copied.
(() => {
  "use strict";

  const REPLACEMENT_UTF8 = [0xef, 0xbf, 0xbd];

  // TextEncoder takes a USVString: each unpaired surrogate becomes U+FFFD,
  // which is EF BF BD in UTF-8.
  const encoderCases = [
    ["plain ASCII is unchanged", "abc123", [0x61, 0x62, 0x63, 0x31, 0x32, 0x33], "abc123"],
    ["a lone lead surrogate", "\uD800", REPLACEMENT_UTF8, "\uFFFD"],
    ["a lone trail surrogate", "\uDC00", REPLACEMENT_UTF8, "\uFFFD"],
    ["a lead surrogate inside text", "abc\uD800123",
      [0x61, 0x62, 0x63, ...REPLACEMENT_UTF8, 0x31, 0x32, 0x33], "abc\uFFFD123"],
    ["a trail surrogate inside text", "abc\uDC00123",
      [0x61, 0x62, 0x63, ...REPLACEMENT_UTF8, 0x31, 0x32, 0x33], "abc\uFFFD123"],
    ["a lead surrogate followed by NUL", "\uD800\u0000", [...REPLACEMENT_UTF8, 0x00], "\uFFFD\u0000"],
    ["a trail surrogate followed by NUL", "\uDC00\u0000", [...REPLACEMENT_UTF8, 0x00], "\uFFFD\u0000"],
    ["a trail surrogate before a lead surrogate", "\uDC00\uD800",
      [...REPLACEMENT_UTF8, ...REPLACEMENT_UTF8], "\uFFFD\uFFFD"],
    ["a proper pair (U+1D11E)", "\uD834\uDD1E", [0xf0, 0x9d, 0x84, 0x9e], "\uD834\uDD1E"],
  ];

  for (const [name, input, bytes, decoded] of encoderCases) {
    test(() => {
      const encoded = new TextEncoder().encode(input);
      assert_array_equals(Array.from(encoded), bytes, "encoded bytes");
      assert_equals(new TextDecoder("utf-8").decode(encoded), decoded, "decoded again");
    }, "TextEncoder with " + name);
  }

  test(() => {
    assert_equals(new TextEncoder().encode().length, 0);
  }, "TextEncoder encodes a missing input as the empty string");

  // UTF-16LE byte sequences that hold unpaired surrogates: each one decodes
  // to U+FFFD, or throws a TypeError when the decoder is fatal.
  const decoderCases = [
    ["lone lead surrogate", [0x00, 0xd8], "\uFFFD"],
    ["lone trail surrogate", [0x00, 0xdc], "\uFFFD"],
    ["lead surrogate followed by NUL", [0x00, 0xd8, 0x00, 0x00], "\uFFFD\u0000"],
    ["trail surrogate followed by NUL", [0x00, 0xdc, 0x00, 0x00], "\uFFFD\u0000"],
    ["trail surrogate before lead surrogate", [0x00, 0xdc, 0x00, 0xd8], "\uFFFD\uFFFD"],
  ];

  for (const [name, bytes, expected] of decoderCases) {
    test(() => {
      assert_equals(new TextDecoder("utf-16le").decode(new Uint8Array(bytes)), expected);
    }, "utf-16le decoder replaces a " + name);
    test(() => {
      const decoder = new TextDecoder("utf-16le", { fatal: true });
      assert_throws_js(TypeError, () => decoder.decode(new Uint8Array(bytes)));
    }, "utf-16le fatal decoder throws on a " + name);
  }

  // The same in big-endian order (the upstream file only covers UTF-16LE).
  for (const [name, bytes, expected] of decoderCases) {
    const swapped = [];
    for (let i = 0; i < bytes.length; i += 2) swapped.push(bytes[i + 1], bytes[i]);
    test(() => {
      assert_equals(new TextDecoder("utf-16be").decode(new Uint8Array(swapped)), expected);
    }, "utf-16be decoder replaces a " + name);
  }
})();
