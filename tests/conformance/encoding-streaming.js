// jsbox's own conformance test for streaming decodes (decode() with
// {stream: true}), written from the web-platform-tests file
// encoding/textdecoder-streaming.any.js. The checks are re-expressed for
// jsbox's harness, not copied.
(() => {
  "use strict";

  // A string and its bytes in each UTF: NUL, digits, letters, C1 and Latin-1
  // characters, U+0100, U+1000, U+FFFD and two surrogate pairs (U+10000 and
  // U+10FFFF).
  const TEXT = "\x00123ABCabc\x80\xFF\u0100\u1000\uFFFD\uD800\uDC00\uDBFF\uDFFF";
  const BYTES = {
    "utf-8": [
      0x00, 0x31, 0x32, 0x33, 0x41, 0x42, 0x43, 0x61, 0x62, 0x63, 0xc2, 0x80,
      0xc3, 0xbf, 0xc4, 0x80, 0xe1, 0x80, 0x80, 0xef, 0xbf, 0xbd, 0xf0, 0x90,
      0x80, 0x80, 0xf4, 0x8f, 0xbf, 0xbf,
    ],
    "utf-16le": [
      0x00, 0x00, 0x31, 0x00, 0x32, 0x00, 0x33, 0x00, 0x41, 0x00, 0x42, 0x00,
      0x43, 0x00, 0x61, 0x00, 0x62, 0x00, 0x63, 0x00, 0x80, 0x00, 0xff, 0x00,
      0x00, 0x01, 0x00, 0x10, 0xfd, 0xff, 0x00, 0xd8, 0x00, 0xdc, 0xff, 0xdb,
      0xff, 0xdf,
    ],
    "utf-16be": [
      0x00, 0x00, 0x00, 0x31, 0x00, 0x32, 0x00, 0x33, 0x00, 0x41, 0x00, 0x42,
      0x00, 0x43, 0x00, 0x61, 0x00, 0x62, 0x00, 0x63, 0x00, 0x80, 0x00, 0xff,
      0x01, 0x00, 0x10, 0x00, 0xff, 0xfd, 0xd8, 0x00, 0xdc, 0x00, 0xdb, 0xff,
      0xdf, 0xff,
    ],
  };

  // A fresh Uint8Array holding `list`, over the given kind of buffer.
  function chunk(list, kind, resizable) {
    const options = resizable ? { maxByteLength: list.length } : undefined;
    let buffer;
    if (kind === "SharedArrayBuffer") {
      buffer = options ? new SharedArrayBuffer(list.length, options) : new SharedArrayBuffer(list.length);
    } else {
      buffer = options ? new ArrayBuffer(list.length, options) : new ArrayBuffer(list.length);
    }
    const view = new Uint8Array(buffer);
    view.set(list);
    return view;
  }

  for (const kind of ["ArrayBuffer", "SharedArrayBuffer"]) {
    for (const resizable of [false, true]) {
      const where = " (" + (resizable ? "resizable " : "") + kind + ")";

      // The whole byte string fed in windows of 1 to 5 bytes must give the
      // same text as one call.
      for (const [encoding, bytes] of Object.entries(BYTES)) {
        for (let size = 1; size <= 5; size++) {
          test(() => {
            const decoder = new TextDecoder(encoding);
            let out = "";
            for (let start = 0; start < bytes.length; start += size) {
              out += decoder.decode(chunk(bytes.slice(start, start + size), kind, resizable), { stream: true });
            }
            out += decoder.decode();
            assert_equals(out, TEXT);
          }, "Streaming " + encoding + " in " + size + "-byte chunks" + where);
        }
      }

      // Errors in UTF-8 split over chunks: [chunk, stream, expected output].
      test(() => {
        const decoder = new TextDecoder();
        const steps = [
          // A byte that can never start a sequence is an error at once.
          [[0xc1], true, "\uFFFD"], [null, false, ""],
          [[0xf5], true, "\uFFFD"], [null, false, ""],
          // A lead byte followed by ASCII: the error is reported with the ASCII.
          [[0xe0, 0x41], true, "\uFFFDA"], [[0x42], false, "B"],
          // E0 80 and ED A0 are invalid starts: both bytes are errors.
          [[0xe0, 0x80], true, "\uFFFD\uFFFD"], [[0x80], false, "\uFFFD"],
          [[0xed, 0xa0], true, "\uFFFD\uFFFD"], [[0x80], false, "\uFFFD"],
          [[0xf0, 0x41], true, "\uFFFDA"], [[0x42], true, "B"], [[0x43], false, "C"],
          // F0 80 and F4 A0 likewise, and the stray continuation bytes after.
          [[0xf0, 0x80], true, "\uFFFD\uFFFD"], [[0x80], true, "\uFFFD"], [[0x80], false, "\uFFFD"],
          [[0xf4, 0xa0], true, "\uFFFD\uFFFD"], [[0x80], true, "\uFFFD"], [[0x80], false, "\uFFFD"],
          // Three bytes of a 4-byte sequence, then ASCII: one error.
          [[0xf0, 0x90, 0x41], true, "\uFFFDA"], [[0x42], false, "B"],
          // Nothing of a 4-byte sequence comes out (not even the lead
          // surrogate) until its fourth byte is there.
          [[0xf0, 0x9f, 0x92], true, ""], [[0xa9], false, "\u{1F4A9}"],
        ];
        steps.forEach(([list, stream, expected], index) => {
          const out = list === null ? decoder.decode() : decoder.decode(chunk(list, kind, resizable), { stream });
          assert_equals(out, expected, "step " + (index + 1));
        });
      }, "Streaming utf-8 errors across chunks" + where);
    }
  }
})();
