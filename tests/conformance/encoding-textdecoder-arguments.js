// jsbox's own conformance test for the optional arguments of
// TextDecoder.prototype.decode(), written from the web-platform-tests file
// encoding/textdecoder-arguments.any.js. The checks are re-expressed for
// jsbox's harness, not copied.
(() => {
  "use strict";

  // Each way of calling decode() "without input": it must give "" on a
  // fresh decoder, and flush a pending incomplete sequence (here the lone
  // UTF-8 lead byte C9) as U+FFFD.
  const CALLS = [
    ["undefined", (decoder) => decoder.decode(undefined)],
    ["undefined and undefined", (decoder) => decoder.decode(undefined, undefined)],
    ["undefined and an empty options object", (decoder) => decoder.decode(undefined, {})],
    ["no arguments at all", (decoder) => decoder.decode()],
  ];

  for (const [name, call] of CALLS) {
    test(() => {
      const decoder = new TextDecoder();
      assert_equals(call(decoder), "", "nothing to decode gives the empty string");
      assert_equals(decoder.decode(new Uint8Array([0xc9]), { stream: true }), "", "the lead byte is held back");
      assert_equals(call(decoder), "\uFFFD", "the held-back byte is flushed as U+FFFD");
      assert_equals(call(decoder), "", "and the decoder is empty afterwards");
    }, "decode() with " + name);
  }

  test(() => {
    const decoder = new TextDecoder();
    assert_equals(decoder.decode(new Uint8Array([0xc9]), { stream: true }), "", "the lead byte is held back");
    assert_equals(decoder.decode(new Uint8Array([]), { stream: false }), "\uFFFD", "stream: false flushes");
    assert_equals(decoder.decode(new Uint8Array([0xc9]), { stream: true }), "", "held back again");
    assert_equals(decoder.decode(new Uint8Array([0x41]), {}), "\uFFFDA", "a missing stream member means false");
  }, "decode() with explicit stream: false and with stream left out");
})();
