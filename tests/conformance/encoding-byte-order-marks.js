// jsbox's own conformance test for byte order marks and the ignoreBOM
// option, written from the web-platform-tests files
// encoding/textdecoder-byte-order-marks.any.js and
// encoding/textdecoder-ignorebom.any.js. The checks are re-expressed for
// jsbox's harness, not copied.
(() => {
  "use strict";

  // "z", cent sign, CJK "water", G clef and U+10FFFD in each encoding, with
  // that encoding's byte order mark.
  const TEXT = "z\u00A2\u6C34\uD834\uDD1E\uDBFF\uDFFD";
  const FORMS = {
    "utf-8": {
      bom: [0xef, 0xbb, 0xbf],
      bytes: [0x7a, 0xc2, 0xa2, 0xe6, 0xb0, 0xb4, 0xf0, 0x9d, 0x84, 0x9e, 0xf4, 0x8f, 0xbf, 0xbd],
    },
    "utf-16le": {
      bom: [0xff, 0xfe],
      bytes: [0x7a, 0x00, 0xa2, 0x00, 0x34, 0x6c, 0x34, 0xd8, 0x1e, 0xdd, 0xff, 0xdb, 0xfd, 0xdf],
    },
    "utf-16be": {
      bom: [0xfe, 0xff],
      bytes: [0x00, 0x7a, 0x00, 0xa2, 0x6c, 0x34, 0xd8, 0x34, 0xdd, 0x1e, 0xdb, 0xff, 0xdf, 0xfd],
    },
  };

  for (const [encoding, { bom, bytes }] of Object.entries(FORMS)) {
    test(() => {
      const decoder = new TextDecoder(encoding);
      assert_equals(decoder.decode(new Uint8Array(bytes)), TEXT, "without a BOM");
      assert_equals(decoder.decode(new Uint8Array([...bom, ...bytes])), TEXT, "with its own BOM, which is dropped");
    }, "A matching BOM is removed: " + encoding);

    test(() => {
      const decoder = new TextDecoder(encoding);
      for (const [other, form] of Object.entries(FORMS)) {
        if (other === encoding) continue;
        assert_not_equals(decoder.decode(new Uint8Array([...form.bom, ...bytes])), TEXT,
          "a " + other + " BOM is decoded as data");
      }
    }, "A BOM of another encoding is not treated as a BOM: " + encoding);
  }

  // The string "abc" behind each BOM.
  const WITH_BOM = {
    "utf-8": [0xef, 0xbb, 0xbf, 0x61, 0x62, 0x63],
    "utf-16le": [0xff, 0xfe, 0x61, 0x00, 0x62, 0x00, 0x63, 0x00],
    "utf-16be": [0xfe, 0xff, 0x00, 0x61, 0x00, 0x62, 0x00, 0x63],
  };

  for (const [encoding, data] of Object.entries(WITH_BOM)) {
    const bytes = new Uint8Array(data);
    test(() => {
      const decoder = new TextDecoder(encoding, { ignoreBOM: true });
      assert_equals(decoder.decode(bytes), "\uFEFFabc", "first use");
      assert_equals(decoder.decode(bytes), "\uFEFFabc", "the same decoder again");
    }, "ignoreBOM: true keeps the BOM in the output: " + encoding);

    test(() => {
      const decoder = new TextDecoder(encoding, { ignoreBOM: false });
      assert_equals(decoder.decode(bytes), "abc", "first use");
      assert_equals(decoder.decode(bytes), "abc", "the same decoder again");
    }, "ignoreBOM: false strips the BOM: " + encoding);

    test(() => {
      const decoder = new TextDecoder(encoding);
      assert_equals(decoder.decode(bytes), "abc", "first use");
      assert_equals(decoder.decode(bytes), "abc", "the same decoder again");
    }, "The BOM is stripped by default: " + encoding);
  }

  test(() => {
    const decoder = new TextDecoder();
    assert_true("ignoreBOM" in decoder, "the attribute exists");
    assert_equals(typeof decoder.ignoreBOM, "boolean", "it is a boolean");
    assert_false(decoder.ignoreBOM, "it defaults to false");
    assert_true(new TextDecoder("utf-8", { ignoreBOM: true }).ignoreBOM, "the option sets it");
  }, "TextDecoder's ignoreBOM attribute");
})();
