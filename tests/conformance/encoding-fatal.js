// jsbox's own conformance test for TextDecoder's fatal flag, written from the
// web-platform-tests files encoding/textdecoder-fatal.any.js and
// encoding/textdecoder-fatal-streaming.any.js. The checks are re-expressed
// for jsbox's harness, not copied.
(() => {
  "use strict";

  // Malformed input: [encoding, description, bytes]. A fatal decoder must
  // throw a TypeError on each.
  const MALFORMED = [
    ["utf-8", "a byte that is never valid (FF)", [0xff]],
    ["utf-8", "a 2-byte lead with nothing after it", [0xc0]],
    ["utf-8", "a 3-byte lead with nothing after it", [0xe0]],
    ["utf-8", "C0 followed by NUL", [0xc0, 0x00]],
    ["utf-8", "C0 followed by another lead", [0xc0, 0xc0]],
    ["utf-8", "E0 followed by NUL", [0xe0, 0x00]],
    ["utf-8", "E0 followed by a lead", [0xe0, 0xc0]],
    ["utf-8", "E0 80 followed by NUL", [0xe0, 0x80, 0x00]],
    ["utf-8", "E0 80 followed by a lead", [0xe0, 0x80, 0xc0]],
    ["utf-8", "a 6-byte form beyond U+10FFFF", [0xfc, 0x80, 0x80, 0x80, 0x80, 0x80]],
    ["utf-8", "the obsolete lead byte FE", [0xfe, 0x80, 0x80, 0x80, 0x80, 0x80]],
    // Overlong forms
    ["utf-8", "U+0000 in 2 bytes", [0xc0, 0x80]],
    ["utf-8", "U+0000 in 3 bytes", [0xe0, 0x80, 0x80]],
    ["utf-8", "U+0000 in 4 bytes", [0xf0, 0x80, 0x80, 0x80]],
    ["utf-8", "U+0000 in 5 bytes", [0xf8, 0x80, 0x80, 0x80, 0x80]],
    ["utf-8", "U+0000 in 6 bytes", [0xfc, 0x80, 0x80, 0x80, 0x80, 0x80]],
    ["utf-8", "U+007F in 2 bytes", [0xc1, 0xbf]],
    ["utf-8", "U+007F in 3 bytes", [0xe0, 0x81, 0xbf]],
    ["utf-8", "U+007F in 4 bytes", [0xf0, 0x80, 0x81, 0xbf]],
    ["utf-8", "U+007F in 5 bytes", [0xf8, 0x80, 0x80, 0x81, 0xbf]],
    ["utf-8", "U+007F in 6 bytes", [0xfc, 0x80, 0x80, 0x80, 0x81, 0xbf]],
    ["utf-8", "U+07FF in 3 bytes", [0xe0, 0x9f, 0xbf]],
    ["utf-8", "U+07FF in 4 bytes", [0xf0, 0x80, 0x9f, 0xbf]],
    ["utf-8", "U+07FF in 5 bytes", [0xf8, 0x80, 0x80, 0x9f, 0xbf]],
    ["utf-8", "U+07FF in 6 bytes", [0xfc, 0x80, 0x80, 0x80, 0x9f, 0xbf]],
    ["utf-8", "U+FFFF in 4 bytes", [0xf0, 0x8f, 0xbf, 0xbf]],
    ["utf-8", "U+FFFF in 5 bytes", [0xf8, 0x80, 0x8f, 0xbf, 0xbf]],
    ["utf-8", "U+FFFF in 6 bytes", [0xfc, 0x80, 0x80, 0x8f, 0xbf, 0xbf]],
    ["utf-8", "U+10FFFF in 5 bytes", [0xf8, 0x84, 0x8f, 0xbf, 0xbf]],
    ["utf-8", "U+10FFFF in 6 bytes", [0xfc, 0x80, 0x84, 0x8f, 0xbf, 0xbf]],
    // Surrogate code points written out in UTF-8
    ["utf-8", "an encoded lead surrogate", [0xed, 0xa0, 0x80]],
    ["utf-8", "an encoded trail surrogate", [0xed, 0xb0, 0x80]],
    ["utf-8", "an encoded surrogate pair", [0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80]],
    ["utf-16le", "an odd byte at the end", [0x00]],
  ];

  for (const [encoding, description, input] of MALFORMED) {
    test(() => {
      const decoder = new TextDecoder(encoding, { fatal: true });
      assert_throws_js(TypeError, () => decoder.decode(new Uint8Array(input)));
    }, "Fatal " + encoding + " decoder throws on " + description);
  }

  test(() => {
    const decoder = new TextDecoder();
    assert_true("fatal" in decoder, "the attribute exists");
    assert_equals(typeof decoder.fatal, "boolean", "it is a boolean");
    assert_false(decoder.fatal, "it defaults to false");
    assert_true(new TextDecoder("utf-8", { fatal: true }).fatal, "the option sets it");
  }, "TextDecoder's fatal attribute");

  test(() => {
    const heart = new Uint8Array([0xe2, 0x99, 0xa5]); // U+2665 BLACK HEART SUIT
    const decoder = new TextDecoder("utf-8", { fatal: true });
    assert_equals(decoder.decode(new DataView(heart.buffer, 0, 3)), "\u2665", "the whole sequence");
    assert_throws_js(TypeError, () => decoder.decode(new DataView(heart.buffer, 0, 2)), "a truncated sequence");
    assert_equals(decoder.decode(new DataView(heart.buffer, 0, 3)), "\u2665", "the whole sequence again");
  }, "A fatal decoder works again after it has thrown");

  // End of input without streaming: fatal throws, non-fatal gives U+FFFD.
  for (const [encoding, input] of [["utf-8", [0xc0]], ["utf-16le", [0x00]], ["utf-16be", [0x00]]]) {
    test(() => {
      assert_throws_js(TypeError, () => new TextDecoder(encoding, { fatal: true }).decode(new Uint8Array(input)),
        "fatal");
      assert_equals(new TextDecoder(encoding).decode(new Uint8Array(input)), "\uFFFD", "not fatal");
    }, "An unfinished " + encoding + " sequence at the end of the input");
  }

  test(() => {
    const decoder = new TextDecoder("utf-16le", { fatal: true });
    const one = new Uint8Array([0x00]);
    const two = new Uint8Array([0x00, 0x00]);

    assert_equals(decoder.decode(one, { stream: true }), "", "half a code unit is held back");
    assert_equals(decoder.decode(one), "\u0000", "and completed by the next call");

    assert_throws_js(TypeError, () => {
      decoder.decode(two, { stream: true });
      decoder.decode(one);
    }, "a whole code unit, then half of one at the end");

    assert_throws_js(TypeError, () => {
      decoder.decode(one, { stream: true });
      decoder.decode(two);
    }, "half a code unit held back, then a final call leaving half of one over");

    assert_equals(decoder.decode(two, { stream: true }), "\u0000", "usable again after throwing (streaming)");
    assert_equals(decoder.decode(two), "\u0000", "usable again after throwing (final)");
  }, "Fatal utf-16le decoder while streaming");
})();
