// jsbox's own conformance test for the legacy multi-byte decoders (GBK,
// gb18030, Big5, EUC-JP, Shift_JIS, EUC-KR), written from the
// web-platform-tests files
// encoding/legacy-mb-schinese/gb18030/gb18030-decoder.any.js,
// encoding/legacy-mb-schinese/gbk/gbk-decoder.any.js and the byte sequences
// and results of the document-based error tests
// encoding/legacy-mb-japanese/shift_jis/sjis-decode-errors.html,
// encoding/legacy-mb-japanese/euc-jp/eucjp-decode-errors.html and
// encoding/legacy-mb-korean/euc-kr/euckr-decode-errors.html. The full
// legacy-mb-* suites need large resource files; this file keeps spot checks.
// Expected results not taken from WPT were worked out from the decoder
// algorithms and indexes of the Encoding Standard and compared with Node 20;
// where Node 20 (ICU) disagrees with the standard, the standard's result is
// written here (see the notes next to those cases). It is jsbox's own test:
// the checks are re-expressed for jsbox's harness, not copied.
(() => {
  "use strict";

  const R = "\uFFFD";
  const hex = (list) => list.map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");

  function decodeTest(encoding, description, bytes, expected) {
    test(() => {
      assert_equals(new TextDecoder(encoding).decode(new Uint8Array(bytes)), expected);
    }, encoding + " decoder: " + description + " [" + hex(bytes) + "]");
  }

  // --- gb18030 (and GBK, whose decoder is the gb18030 decoder) -----------

  const GB18030 = [
    ["ASCII", [0x73], "s"],
    ["0x80 is the euro sign", [0x80], "\u20AC"],
    ["a byte that cannot start a sequence", [0xff], R],
    ["a lead byte at the end", [0x81], R],
    ["a lead byte before an ASCII byte that cannot follow it", [0x81, 0x28], R + "("],
    ["first two-byte code", [0x81, 0x40], "\u4E02"],
    ["two bytes 81 7E", [0x81, 0x7e], "\u4E8A"],
    ["DEL cannot be a trail byte", [0x81, 0x7f], R + "\x7F"],
    ["two bytes 81 80", [0x81, 0x80], "\u4E90"],
    ["two bytes 81 FE", [0x81, 0xfe], "\u4FA2"],
    ["FF cannot be a trail byte", [0x81, 0xff], R],
    ["two bytes FE 40", [0xfe, 0x40], "\uFA0C"],
    ["last two-byte code", [0xfe, 0xfe], "\uE4C5"],
    ["FF after the last lead", [0xfe, 0xff], R],
    ["half a four-byte code at the end", [0x81, 0x30], R],
    ["three quarters of a four-byte code at the end", [0x81, 0x30, 0xfe], R],
    ["a bad third byte", [0x81, 0x30, 0xff], R + "0" + R],
    ["a bad fourth byte", [0x81, 0x30, 0xfe, 0x29], R + "0" + R + ")"],
    ["a four-byte code past the ranges", [0xfe, 0x39, 0xfe, 0x39], R],
    ["pointer 7458", [0x81, 0x35, 0xf4, 0x36], "\u1E3E"],
    ["pointer 7457, the special case", [0x81, 0x35, 0xf4, 0x37], "\uE7C7"],
    ["pointer 7459", [0x81, 0x35, 0xf4, 0x38], "\u1E40"],
    ["pointer 39419, the last of the BMP", [0x84, 0x31, 0xa4, 0x39], "\uFFFF"],
    ["pointer 39420, just past it", [0x84, 0x31, 0xa5, 0x30], R],
    ["pointer 189999, before the supplementary planes", [0x8f, 0x39, 0xfe, 0x39], R],
    ["pointer 189000, U+10000", [0x90, 0x30, 0x81, 0x30], "\u{10000}"],
    ["pointer 1237575, U+10FFFF", [0xe3, 0x32, 0x9a, 0x35], "\u{10FFFF}"],
    ["pointer 1237576, past U+10FFFF", [0xe3, 0x32, 0x9a, 0x36], R],
    ["a four-byte code ICU once mapped differently", [0x83, 0x36, 0xc8, 0x30], "\uE7C8"],
    ["A1 AD, which ICU once mapped differently", [0xa1, 0xad], "\u2026"],
    ["A1 AB, which ICU once mapped differently", [0xa1, 0xab], "\uFF5E"],
  ];

  for (const [description, bytes, expected] of GB18030) {
    decodeTest("gb18030", description, bytes, expected);
    decodeTest("gbk", description, bytes, expected);
  }

  // Four-byte codes that fall in index-gb18030-ranges: [pointer, code point].
  // A spot check of range starts and a few points inside ranges (the
  // upstream test walks the whole ranges table).
  const RANGES = [
    [0, 0x80], [35, 0xa3], [36, 0xa5], [37, 0xa6], [38, 0xa9], [45, 0xb2], [50, 0xb8], [81, 0xd8],
    [89, 0xe2], [95, 0xeb], [96, 0xee], [100, 0xf4], [103, 0xf8], [104, 0xfb], [105, 0xfd], [109, 0x102],
    [126, 0x114], [133, 0x11c], [148, 0x12c], [172, 0x145], [175, 0x149], [179, 0x14e], [208, 0x16c],
    [306, 0x1cf], [307, 0x1d1], [308, 0x1d3], [354, 0x207], [357, 0x20a], [360, 0x20d], [362, 0x20f],
    [10000, 0x2950], [19887, 0xa2f2], [23000, 0xaf1b], [30000, 0xca73], [39393, 0xffdf], [39394, 0xffe6],
    [39418, 0xfffe],
  ];

  test(() => {
    const decoder = new TextDecoder("gb18030");
    for (const [pointer, codePoint] of RANGES) {
      const bytes = [
        Math.floor(pointer / 12600) + 0x81,
        Math.floor((pointer % 12600) / 1260) + 0x30,
        Math.floor((pointer % 1260) / 10) + 0x81,
        (pointer % 10) + 0x30,
      ];
      assert_equals(decoder.decode(new Uint8Array(bytes)), String.fromCodePoint(codePoint),
        "pointer " + pointer + " [" + hex(bytes) + "]");
    }
  }, "gb18030 decoder: four-byte codes in the ranges table");

  // Two-byte GBK pointers whose code points changed from private use to
  // standard characters (GB18030-2005): [pointer, code point].
  const GBK_POINTERS = [
    [6432, 0x20ac], [7533, 0x1e3f], [7536, 0x01f9], [7672, 0x303e], [7673, 0x2ff0], [7674, 0x2ff1],
    [7675, 0x2ff2], [7676, 0x2ff3], [7677, 0x2ff4], [7678, 0x2ff5], [7679, 0x2ff6], [7680, 0x2ff7],
    [7681, 0x2ff8], [7682, 0x2ff9], [7683, 0x2ffa], [7684, 0x2ffb], [23766, 0x2e81], [23770, 0x2e84],
    [23771, 0x3473], [23772, 0x3447], [23773, 0x2e88], [23774, 0x2e8b], [23776, 0x359e], [23777, 0x361a],
    [23778, 0x360e], [23779, 0x2e8c], [23780, 0x2e97], [23781, 0x396e], [23782, 0x3918], [23784, 0x39cf],
    [23785, 0x39df], [23786, 0x3a73], [23787, 0x39d0], [23790, 0x3b4e], [23791, 0x3c6e], [23792, 0x3ce0],
    [23793, 0x2ea7], [23796, 0x2eaa], [23797, 0x4056], [23798, 0x415f], [23799, 0x2eae], [23800, 0x4337],
    [23801, 0x2eb3], [23802, 0x2eb6], [23803, 0x2eb7], [23805, 0x43b1], [23806, 0x43ac], [23807, 0x2ebb],
    [23808, 0x43dd], [23809, 0x44d6], [23810, 0x4661], [23811, 0x464c], [23813, 0x4723], [23814, 0x4729],
    [23815, 0x477c], [23816, 0x478d], [23817, 0x2eca], [23818, 0x4947], [23819, 0x497a], [23820, 0x497d],
    [23821, 0x4982], [23822, 0x4983], [23823, 0x4985], [23824, 0x4986], [23825, 0x499f], [23826, 0x499b],
    [23827, 0x49b7], [23828, 0x49b6], [23831, 0x4ca3], [23832, 0x4c9f], [23833, 0x4ca0], [23834, 0x4ca1],
    [23835, 0x4c77], [23836, 0x4ca2], [23837, 0x4d13], [23838, 0x4d14], [23839, 0x4d15], [23840, 0x4d16],
    [23841, 0x4d17], [23842, 0x4d18], [23843, 0x4d19], [23844, 0x4dae],
  ];

  const gbkBytes = (pointer) => {
    const trail = pointer % 190;
    return [Math.floor(pointer / 190) + 0x81, trail + (trail < 0x3f ? 0x40 : 0x41)];
  };

  for (const [pointer, codePoint] of GBK_POINTERS) {
    test(() => {
      const decoded = new TextDecoder("GBK").decode(new Uint8Array(gbkBytes(pointer)));
      assert_equals(decoded, String.fromCodePoint(codePoint));
    }, "GBK decoder: pointer " + pointer + " [" + hex(gbkBytes(pointer)) + "]");
  }

  test(() => {
    const decoder = new TextDecoder("gb18030");
    for (const [pointer, codePoint] of GBK_POINTERS) {
      assert_equals(decoder.decode(new Uint8Array(gbkBytes(pointer))), String.fromCodePoint(codePoint),
        "pointer " + pointer);
    }
  }, "gb18030 decoder: the same two-byte pointers");

  // --- Shift_JIS ---------------------------------------------------------

  const SHIFT_JIS = [
    ["ASCII letters", [0x41, 0x5a, 0x61, 0x7a], "AZaz"],
    ["backslash and tilde stay ASCII", [0x5c, 0x7e], "\\~"],
    // The standard passes 0x80 through; Node 20 gives U+FFFD.
    ["0x80 is U+0080", [0x80], "\u0080"],
    ["first half-width katakana", [0xa1], "\uFF61"],
    ["last half-width katakana", [0xdf], "\uFF9F"],
    ["hiragana A", [0x82, 0xa0], "\u3042"],
    ["kanji A (first level 1 kanji)", [0x88, 0x9f], "\u4E9C"],
    ["81 5C is the horizontal bar", [0x81, 0x5c], "\u2015"],
    ["81 60 is the fullwidth tilde", [0x81, 0x60], "\uFF5E"],
    ["81 7C is the fullwidth hyphen-minus", [0x81, 0x7c], "\uFF0D"],
    ["NEC row 13: circled digit one", [0x87, 0x40], "\u2460"],
    ["IBM extension: small roman numeral one", [0xfa, 0x40], "\u2170"],
    ["NEC-selected IBM extension", [0xed, 0x40], "\u7E8A"],
    ["first user-defined code is private use", [0xf0, 0x40], "\uE000"],
    ["last user-defined code is private use", [0xf9, 0xfc], "\uE757"],
    ["A0 is not a lead byte", [0xa0], R],
    ["FD is not a lead byte", [0xfd], R],
    ["FF is not a lead byte", [0xff], R],
    // From sjis-decode-errors.html
    ["a lead byte at the end", [0xfa], R],
    ["a character, then a lead byte at the end", [0xfa, 0x6e, 0xfa], "\u4F56" + R],
    ["a character, then another lead byte at the end", [0xfa, 0xfa, 0xfa], "\u6D04" + R],
    ["E1 at the end", [0xe1], R],
    ["a character, then FF", [0xfa, 0xfa, 0xff], "\u6D04" + R],
    // A trail byte out of range that is not ASCII is consumed with the error
    // (Node 20 gives two U+FFFD).
    ["FD cannot be a trail byte", [0xfa, 0xfd], R],
    ["FE cannot be a trail byte", [0xfa, 0xfe], R],
    ["a pair that has no character", [0x81, 0xb5], R],
    // An ASCII byte that cannot be a trail byte is decoded after the error
    // (Node 20 turns the DEL into U+001A).
    ["a space cannot be a trail byte", [0x81, 0x20], R + " "],
    ["DEL cannot be a trail byte", [0x82, 0x7f], R + "\x7F"],
  ];
  for (const [description, bytes, expected] of SHIFT_JIS) decodeTest("Shift_JIS", description, bytes, expected);

  // --- EUC-JP ------------------------------------------------------------

  const EUC_JP = [
    ["ASCII, backslash and tilde", [0x41, 0x5c, 0x7e], "A\\~"],
    ["8E introduces half-width katakana", [0x8e, 0xa1], "\uFF61"],
    ["last half-width katakana", [0x8e, 0xdf], "\uFF9F"],
    // Node 20 gives U+00A2 for this one.
    ["8E E0 is not a katakana", [0x8e, 0xe0], R],
    ["8E before ASCII", [0x8e, 0x41], R + "A"],
    ["8F introduces JIS X 0212", [0x8f, 0xa2, 0xaf], "\u02D8"],
    ["first JIS X 0212 kanji", [0x8f, 0xb0, 0xa1], "\u4E02"],
    ["hiragana A", [0xa4, 0xa2], "\u3042"],
    ["kanji A", [0xb0, 0xa1], "\u4E9C"],
    ["A1 C1 is the fullwidth tilde", [0xa1, 0xc1], "\uFF5E"],
    ["A1 DD is the fullwidth hyphen-minus", [0xa1, 0xdd], "\uFF0D"],
    ["8F at the end", [0x8f], R],
    ["8F and a lead byte at the end", [0x8f, 0xa2], R],
    // Node 20 passes 0x80 and 0x91 through.
    ["0x80 is not a lead byte", [0x80], R],
    ["A0 is not a lead byte", [0xa0], R],
    // From eucjp-decode-errors.html
    ["a lead byte at the end", [0xb0], R],
    ["a character, then a lead byte at the end", [0xb0, 0xb5, 0xb0], "\u5727" + R],
    ["a character, then another lead byte at the end", [0xb0, 0xb0, 0xb0], "\u65ED" + R],
    ["FF is not a lead byte", [0xff], R],
    ["a character, then FF", [0xb0, 0xb5, 0xff], "\u5727" + R],
    ["91 is not a lead byte", [0x91], R],
    ["a character, then 91", [0xb0, 0xb5, 0x91], "\u5727" + R],
    ["an ASCII digit cannot be a trail byte", [0xb0, 0x31], R + "1"],
    ["FF cannot be a trail byte", [0xb0, 0xff], R],
    ["A0 cannot be a trail byte", [0xb0, 0xa0], R],
    ["a pair that has no character", [0xa2, 0xb9], R],
  ];
  for (const [description, bytes, expected] of EUC_JP) decodeTest("EUC-JP", description, bytes, expected);

  // --- EUC-KR ------------------------------------------------------------

  const EUC_KR = [
    ["ASCII, backslash and tilde", [0x41, 0x5c, 0x7e], "A\\~"],
    ["hangul GA", [0xb0, 0xa1], "\uAC00"],
    ["ideographic space", [0xa1, 0xa1], "\u3000"],
    ["last hangul of KS X 1001", [0xc8, 0xfe], "\uD79D"],
    // The first code of the extension the standard's index includes; Node
    // 20 decodes it as two single bytes.
    ["first extended hangul", [0x81, 0x41], "\uAC02"],
    // Node 20 passes 0x80 through.
    ["0x80 is not a lead byte", [0x80], R],
    // From euckr-decode-errors.html
    ["a lead byte at the end", [0xb0], R],
    ["a character, then a lead byte at the end", [0xb0, 0xb5, 0xb0], "\uAC20" + R],
    ["a character, then another lead byte at the end", [0xb0, 0xb0, 0xb0], "\uAC19" + R],
    ["FF is not a lead byte", [0xff], R],
    ["a character, then FF", [0xb0, 0xb0, 0xff], "\uAC19" + R],
    ["an ASCII digit cannot be a trail byte", [0xb0, 0x31], R + "1"],
    ["FF cannot be a trail byte", [0xb0, 0xff], R],
    ["a pair that has no character, with an ASCII trail byte", [0x81, 0x5b], R + "["],
  ];
  for (const [description, bytes, expected] of EUC_KR) decodeTest("EUC-KR", description, bytes, expected);

  // --- Big5 --------------------------------------------------------------

  const BIG5 = [
    ["ASCII, backslash and tilde", [0x41, 0x5c, 0x7e], "A\\~"],
    ["ideographic space", [0xa1, 0x40], "\u3000"],
    ["the ideograph one", [0xa4, 0x40], "\u4E00"],
    ["the euro sign", [0xa3, 0xe1], "\u20AC"],
    ["first HKSCS code", [0x87, 0x40], "\u43F0"],
    ["HKSCS stroke", [0x88, 0x40], "\u31C0"],
    ["HKSCS code outside the BMP", [0x88, 0x45], "\u{2010C}"],
    ["HKSCS circled digit one", [0xc6, 0xa1], "\u2460"],
    ["last code", [0xfe, 0xfe], "\u79D4"],
    // Four codes decode to two code points each (Node 20 gives private use
    // characters).
    ["E with circumflex and macron", [0x88, 0x62], "\u00CA\u0304"],
    ["E with circumflex and caron", [0x88, 0x64], "\u00CA\u030C"],
    ["e with circumflex and macron", [0x88, 0xa3], "\u00EA\u0304"],
    ["e with circumflex and caron", [0x88, 0xa5], "\u00EA\u030C"],
    ["E with circumflex alone", [0x88, 0x66], "\u00CA"],
    // Node 20 passes 0x80 through and maps FF to private use.
    ["0x80 is not a lead byte", [0x80], R],
    ["FF is not a lead byte", [0xff], R],
    ["a lead byte at the end", [0xa4], R],
    ["an ASCII digit cannot be a trail byte", [0xa1, 0x30], R + "0"],
    ["DEL cannot be a trail byte", [0xc8, 0x7f], R + "\x7F"],
    ["FF cannot be a trail byte", [0xa1, 0xff], R],
  ];
  for (const [description, bytes, expected] of BIG5) decodeTest("Big5", description, bytes, expected);

  // --- Across encodings: fatal mode and streaming -------------------------

  const FATAL = [
    ["gb18030", [0x81, 0x30, 0xff]],
    ["GBK", [0xff]],
    ["Shift_JIS", [0xa0]],
    ["Shift_JIS", [0x81, 0x20]],
    ["EUC-JP", [0x8e, 0xe0]],
    ["EUC-JP", [0xb0]],
    ["EUC-KR", [0xb0, 0x31]],
    ["Big5", [0xa1, 0x30]],
    ["Big5", [0xa4]],
  ];
  for (const [encoding, bytes] of FATAL) {
    test(() => {
      assert_throws_js(TypeError, () => new TextDecoder(encoding, { fatal: true }).decode(new Uint8Array(bytes)));
    }, encoding + " fatal decoder throws on " + hex(bytes));
  }

  test(() => {
    const cases = [
      ["gb18030", [0x81, 0x30, 0x81, 0x30], "\u0080"],
      ["GBK", [0xd2, 0xbb], "\u4E00"],
      ["Shift_JIS", [0x82, 0xa0], "\u3042"],
      ["EUC-JP", [0x8f, 0xb0, 0xa1], "\u4E02"],
      ["EUC-KR", [0xb0, 0xa1], "\uAC00"],
      ["Big5", [0xa4, 0x40], "\u4E00"],
    ];
    for (const [encoding, bytes, expected] of cases) {
      assert_equals(new TextDecoder(encoding, { fatal: true }).decode(new Uint8Array(bytes)), expected, encoding);
    }
  }, "Fatal multi-byte decoders decode valid input");

  // Each code split into single-byte chunks must decode as a whole.
  const SPLIT = [
    ["gb18030", [0x90, 0x30, 0x81, 0x30], "\u{10000}"],
    ["gb18030", [0x81, 0x40], "\u4E02"],
    ["Shift_JIS", [0x88, 0x9f], "\u4E9C"],
    ["EUC-JP", [0x8f, 0xa2, 0xaf], "\u02D8"],
    ["EUC-JP", [0x8e, 0xa1], "\uFF61"],
    ["EUC-KR", [0xb0, 0xa1], "\uAC00"],
    ["Big5", [0x88, 0x62], "\u00CA\u0304"],
    ["Big5", [0x88, 0x45], "\u{2010C}"],
  ];
  for (const [encoding, bytes, expected] of SPLIT) {
    test(() => {
      const decoder = new TextDecoder(encoding);
      let out = "";
      for (const b of bytes) out += decoder.decode(new Uint8Array([b]), { stream: true });
      out += decoder.decode();
      assert_equals(out, expected);
    }, encoding + " decoder: " + hex(bytes) + " streamed one byte at a time");
  }
})();
