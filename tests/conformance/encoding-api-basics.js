// jsbox's own conformance test for TextEncoder/TextDecoder basics, written
// from the web-platform-tests file encoding/api-basics.any.js (and the older
// encoding/api-basics.html, for the interface-shape checks). The checks are
// re-expressed for jsbox's harness, not copied.
(() => {
  "use strict";

  // The sample string: "z" (U+007A), cent sign (U+00A2), CJK "water"
  // (U+6C34), G clef (U+1D11E, a surrogate pair), a BMP private-use
  // character (U+F8FF), a supplementary private-use character (U+10FFFD) and
  // the byte-swapped BOM, the noncharacter U+FFFE.
  const SAMPLE = "z\u00A2\u6C34\uD834\uDD1E\uF8FF\uDBFF\uDFFD\uFFFE";

  const SAMPLE_BYTES = {
    "utf-8": [
      0x7a, 0xc2, 0xa2, 0xe6, 0xb0, 0xb4, 0xf0, 0x9d, 0x84, 0x9e,
      0xef, 0xa3, 0xbf, 0xf4, 0x8f, 0xbf, 0xbd, 0xef, 0xbf, 0xbe,
    ],
    "utf-16le": [
      0x7a, 0x00, 0xa2, 0x00, 0x34, 0x6c, 0x34, 0xd8, 0x1e, 0xdd,
      0xff, 0xf8, 0xff, 0xdb, 0xfd, 0xdf, 0xfe, 0xff,
    ],
    "utf-16be": [
      0x00, 0x7a, 0x00, 0xa2, 0x6c, 0x34, 0xd8, 0x34, 0xdd, 0x1e,
      0xf8, 0xff, 0xdb, 0xff, 0xdf, 0xfd, 0xff, 0xfe,
    ],
  };
  // The label "utf-16" names UTF-16LE.
  SAMPLE_BYTES["utf-16"] = SAMPLE_BYTES["utf-16le"];

  test(() => {
    assert_equals(typeof TextEncoder, "function", "TextEncoder is a global constructor");
    assert_equals(typeof TextDecoder, "function", "TextDecoder is a global constructor");
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    assert_true("encoding" in encoder, "TextEncoder has encoding");
    assert_true("encoding" in decoder, "TextDecoder has encoding");
    assert_equals(typeof encoder.encoding, "string", "TextEncoder encoding is a string");
    assert_equals(typeof decoder.encoding, "string", "TextDecoder encoding is a string");
    assert_equals(typeof encoder.encode, "function", "TextEncoder has encode()");
    assert_equals(typeof decoder.decode, "function", "TextDecoder has decode()");
  }, "TextEncoder and TextDecoder expose encoding, encode() and decode()");

  test(() => {
    assert_equals(new TextEncoder().encoding, "utf-8", "TextEncoder encoding");
    assert_equals(new TextDecoder().encoding, "utf-8", "TextDecoder encoding");
  }, "Both interfaces default to utf-8");

  test(() => {
    const none = new TextEncoder().encode();
    assert_true(none instanceof Uint8Array, "encode() returns a Uint8Array");
    assert_array_equals(none, [], "encode() with no argument");
    assert_array_equals(new TextEncoder().encode(undefined), [], "encode(undefined)");
  }, "encode() without input encodes the empty string");

  test(() => {
    const encoded = new TextEncoder().encode(SAMPLE);
    assert_true(encoded instanceof Uint8Array, "encode() returns a Uint8Array");
    assert_array_equals(Array.from(encoded), SAMPLE_BYTES["utf-8"], "encoded bytes");
    const bytes = new Uint8Array(SAMPLE_BYTES["utf-8"]);
    assert_equals(new TextDecoder("utf-8").decode(bytes), SAMPLE, "decoding a Uint8Array");
    assert_equals(new TextDecoder("utf-8").decode(bytes.buffer), SAMPLE, "decoding an ArrayBuffer");
  }, "Sample text survives a utf-8 encode/decode round trip");

  for (const label of ["utf-16le", "utf-16be", "utf-16"]) {
    test(() => {
      const bytes = new Uint8Array(SAMPLE_BYTES[label]);
      assert_equals(new TextDecoder(label).decode(bytes), SAMPLE, "decoding a Uint8Array");
      assert_equals(new TextDecoder(label).decode(bytes.buffer), SAMPLE, "decoding an ArrayBuffer");
    }, "Sample text decodes from " + label);
  }
})();
