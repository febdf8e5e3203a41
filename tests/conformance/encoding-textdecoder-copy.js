// jsbox's own conformance test for TextDecoder reading its input when it is
// called (not later), written from the web-platform-tests files
// encoding/textdecoder-copy.any.js and encoding/sharedarraybuffer.https.any.js.
// The checks are re-expressed for jsbox's harness, not copied.
(() => {
  "use strict";

  function makeBuffer(kind, length, options) {
    if (kind === "SharedArrayBuffer") {
      return options ? new SharedArrayBuffer(length, options) : new SharedArrayBuffer(length);
    }
    return options ? new ArrayBuffer(length, options) : new ArrayBuffer(length);
  }

  for (const kind of ["ArrayBuffer", "SharedArrayBuffer"]) {
    for (const resizable of [false, true]) {
      test(() => {
        const options = resizable ? { maxByteLength: 2 } : undefined;
        const first = makeBuffer(kind, 2, options);
        const second = makeBuffer(kind, 2, options);
        const firstView = new Uint8Array(first);
        const secondView = new Uint8Array(second);
        // EF BB | BF 40: a UTF-8 BOM split across two calls, then "@".
        firstView.set([0xef, 0xbb]);
        secondView.set([0xbf, 0x40]);
        const decoder = new TextDecoder("utf-8");
        assert_equals(decoder.decode(first, { stream: true }), "", "the first half of the BOM");
        // Changing the first buffer now must not affect what was consumed.
        firstView.set([0x01, 0x02]);
        assert_equals(decoder.decode(second), "@", "the rest of the BOM and the character");
      }, "Changing a buffer after decode() has read it (" + (resizable ? "resizable " : "") + kind + ")");
    }
  }

  test(() => {
    const buffer = new SharedArrayBuffer(4);
    assert_equals(new TextDecoder("utf-8").decode(new Uint8Array(buffer)), "\0\0\0\0", "a view of it");
    assert_equals(new TextDecoder("utf-8").decode(buffer), "\0\0\0\0", "the buffer itself");
  }, "decode() reads a SharedArrayBuffer");
})();
