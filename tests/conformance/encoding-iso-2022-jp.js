// jsbox's own conformance test for the ISO-2022-JP decoder, written from the
// web-platform-tests file encoding/iso-2022-jp-decoder.any.js. The checks are
// re-expressed for jsbox's harness, not copied. As upstream, the input is
// given as an Int8Array (any ArrayBufferView will do for decode()).
(() => {
  "use strict";

  const ESC = 0x1b;
  // Escape sequences that switch the decoder's state.
  const TO_ASCII = [ESC, 0x28, 0x42]; // ESC ( B
  const TO_ROMAN = [ESC, 0x28, 0x4a]; // ESC ( J
  const TO_KATAKANA = [ESC, 0x28, 0x49]; // ESC ( I
  const TO_JIS0208 = [ESC, 0x24, 0x40]; // ESC $ @
  const TO_JIS0208_B = [ESC, 0x24, 0x42]; // ESC $ B

  const R = "\uFFFD";
  const HALFWIDTH_MI = "\uFF90"; // 0x50 in the katakana state
  const HALFWIDTH_COMMA = "\uFF64"; // 0x24 in the katakana state
  const PEI = "\u4F69"; // 0x50 0x50 in the JIS X 0208 state
  const BA = "\u3070"; // 0x24 0x50 in the JIS X 0208 state

  // [description, bytes, expected text]
  const CASES = [
    ["ESC $ at the end", [ESC, 0x24], R + "$"],
    ["ESC $ followed by a character", [ESC, 0x24, 0x50], R + "$P"],
    ["switch to ASCII, character", [...TO_ASCII, 0x50], "P"],
    ["two switches to ASCII in a row, character", [...TO_ASCII, ...TO_ASCII, 0x50], R + "P"],
    ["character, switch to ASCII, character", [0x50, ...TO_ASCII, 0x50], "PP"],
    ["backslash, bracket and tilde in ASCII", [0x5c, 0x5d, 0x7e], "\\]~"],
    ["SO and SI are errors in ASCII", [0x0d, 0x0e, 0x0f, 0x10], "\r" + R + R + "\x10"],

    ["switch to Roman, backslash, bracket and tilde", [...TO_ROMAN, 0x5c, 0x5d, 0x7e], "\u00A5]\u203E"],
    ["switch to Roman, SO and SI", [...TO_ROMAN, 0x0d, 0x0e, 0x0f, 0x10], "\r" + R + R + "\x10"],
    ["switch to Roman, stray ESC, switch to katakana", [...TO_ROMAN, ESC, ...TO_KATAKANA, 0x50], R + HALFWIDTH_MI],

    ["switch to katakana, character", [...TO_KATAKANA, 0x50], HALFWIDTH_MI],
    ["switch to katakana then straight to JIS X 0208, character", [...TO_KATAKANA, ...TO_JIS0208, 0x50, 0x50], R + PEI],
    ["switch to katakana, ESC before a character", [...TO_KATAKANA, ESC, 0x50], R + HALFWIDTH_MI],
    ["switch to katakana, ESC $ before a character", [...TO_KATAKANA, ESC, 0x24, 0x50], R + HALFWIDTH_COMMA + HALFWIDTH_MI],
    ["katakana character twice, each after its own switch",
      [...TO_KATAKANA, 0x50, ...TO_KATAKANA, 0x50], HALFWIDTH_MI + HALFWIDTH_MI],
    ["switch to katakana, control bytes", [...TO_KATAKANA, 0x0d, 0x0e, 0x0f, 0x10], R + R + R + R],

    ["switch to JIS X 0208 (ESC $ @), character", [...TO_JIS0208, 0x50, 0x50], PEI],
    ["switch to JIS X 0208 (ESC $ B), character", [...TO_JIS0208_B, 0x50, 0x50], PEI],
    ["switch to JIS X 0208, ESC before a character", [...TO_JIS0208_B, ESC, 0x50, 0x50], R + PEI],
    ["two switches to JIS X 0208, nothing else", [...TO_JIS0208, ...TO_JIS0208], R],
    ["two switches to JIS X 0208, character", [...TO_JIS0208, ...TO_JIS0208, 0x50, 0x50], R + PEI],
    ["both JIS X 0208 switches in a row, character", [...TO_JIS0208, ...TO_JIS0208_B, 0x50, 0x50], R + PEI],
    ["switch to JIS X 0208, ESC $ and a character", [...TO_JIS0208, ESC, 0x24, 0x50, 0x50], R + BA + R],
    ["JIS X 0208 half a character, switch again, character",
      [...TO_JIS0208, 0x50, ...TO_JIS0208, 0x50, 0x50], R + PEI],
    ["switch to JIS X 0208, space as a lead byte", [...TO_JIS0208, 0x20, 0x50], R + R],
    ["switch to JIS X 0208, space as a trail byte", [...TO_JIS0208, 0x50, 0x20], R],

    ["character, ESC at the end", [0x50, ESC], "P" + R],
    ["character, ESC $ at the end", [0x50, ESC, 0x24], "P" + R + "$"],
    ["character, ESC, character", [0x50, ESC, 0x50], "P" + R + "P"],
    ["character, switch to ASCII at the end", [0x50, ...TO_ASCII], "P"],
    ["character, switch to Roman at the end", [0x50, ...TO_ROMAN], "P"],
    ["character, switch to katakana at the end", [0x50, ...TO_KATAKANA], "P"],
    ["character, switch to JIS X 0208 (ESC $ @) at the end", [0x50, ...TO_JIS0208], "P"],
    ["character, switch to JIS X 0208 (ESC $ B) at the end", [0x50, ...TO_JIS0208_B], "P"],
  ];

  for (const [description, bytes, expected] of CASES) {
    test(() => {
      const view = new Int8Array(bytes.length);
      bytes.forEach((b, i) => { view[i] = b; });
      assert_equals(new TextDecoder("iso-2022-jp").decode(view), expected);
    }, "ISO-2022-JP decoder: " + description);
  }
})();
