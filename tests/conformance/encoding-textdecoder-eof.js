// jsbox's own conformance test for what TextDecoder does with an incomplete
// sequence at the end of the input, written from the web-platform-tests file
// encoding/textdecoder-eof.any.js. The checks are re-expressed for jsbox's
// harness, not copied.
(() => {
  "use strict";

  const bytes = (...list) => new Uint8Array(list);

  // [encoding, input, output] for one-shot decoding.
  const ONE_SHOT = [
    // Truncated 4-byte UTF-8 sequences give a single U+FFFD.
    ["utf-8", [0xf0], "\uFFFD"],
    ["utf-8", [0xf0, 0x9f], "\uFFFD"],
    ["utf-8", [0xf0, 0x9f, 0x92], "\uFFFD"],
    // An error just before the end: the offending byte is read again.
    ["utf-8", [0xf0, 0x9f, 0x41], "\uFFFDA"],
    ["utf-8", [0xf0, 0x41, 0x42], "\uFFFDAB"],
    ["utf-8", [0xf0, 0x41, 0xf0], "\uFFFDA\uFFFD"],
    ["utf-8", [0xf0, 0x8f, 0x92], "\uFFFD\uFFFD\uFFFD"],
    // Big5: an ASCII trail byte after an invalid pair is emitted again.
    ["Big5", [0x81, 0x40], "\uFFFD@"],
    ["Big5", [0x81, 0x81], "\uFFFD"],
    ["Big5", [0x87, 0x87, 0x40], "\uFFFD@"],
  ];

  const hex = (list) => list.map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");

  for (const [encoding, input, output] of ONE_SHOT) {
    test(() => {
      assert_equals(new TextDecoder(encoding).decode(new Uint8Array(input)), output);
    }, "End of input: " + encoding + " " + hex(input));
  }

  // Streaming: each step is [chunk or null for a final decode(), stream?, output].
  const STREAMED_UTF8 = [
    ["lone lead byte, then flush", [[[0xf0], true, ""], [null, false, "\uFFFD"]]],
    ["lead byte and one trail byte in two chunks, then flush",
      [[[0xf0], true, ""], [[0x9f], true, ""], [null, false, "\uFFFD"]]],
    ["three bytes of four, last chunk not streamed", [[[0xf0, 0x9f], true, ""], [[0x92], false, "\uFFFD"]]],
    ["two bytes of four, then ASCII", [[[0xf0, 0x9f], true, ""], [[0x41], true, "\uFFFDA"], [null, false, ""]]],
    ["lead byte, then two ASCII bytes in the same chunk", [[[0xf0, 0x41, 0x42], true, "\uFFFDAB"], [null, false, ""]]],
    ["lead byte, ASCII, lead byte, then flush", [[[0xf0, 0x41, 0xf0], true, "\uFFFDA"], [null, false, "\uFFFD"]]],
    ["lead byte, bad second byte, continuation byte",
      [[[0xf0], true, ""], [[0x8f], true, "\uFFFD\uFFFD"], [[0x92], true, "\uFFFD"], [null, false, ""]]],
    ["lead byte followed by a complete 2-byte sequence in one chunk",
      [[[0xf0, 0xc2, 0x80, 0x2a], true, "\uFFFD\x80*"], [null, false, ""]]],
    ["lead byte, then a 2-byte sequence byte by byte",
      [[[0xf0], true, ""], [[0xc2], true, "\uFFFD"], [[0x80], true, "\x80"], [[0x2a], true, "*"], [null, false, ""]]],
    ["lead byte, then a 2-byte sequence split after its lead",
      [[[0xf0], true, ""], [[0xc2], true, "\uFFFD"], [[0x80, 0x2a], true, "\x80*"], [null, false, ""]]],
    ["lead byte, then a 2-byte sequence in the next chunk",
      [[[0xf0], true, ""], [[0xc2, 0x80, 0x2a], true, "\uFFFD\x80*"], [null, false, ""]]],
  ];

  function run(decoder, steps) {
    steps.forEach(([chunk, stream, expected], index) => {
      const actual = chunk === null ? decoder.decode() : decoder.decode(new Uint8Array(chunk), { stream });
      assert_equals(actual, expected, "step " + (index + 1));
    });
  }

  for (const [name, steps] of STREAMED_UTF8) {
    test(() => run(new TextDecoder(), steps), "Streaming end of input, utf-8: " + name);
  }

  test(() => {
    // One decoder through all the cases in turn: each flush must leave it clean.
    const decoder = new TextDecoder();
    for (const [, steps] of STREAMED_UTF8) run(decoder, steps);
  }, "Streaming end of input, utf-8: one decoder reused for every case");

  test(() => {
    const decoder = new TextDecoder("Big5");
    run(decoder, [[[0x81, 0x40], true, "\uFFFD@"], [null, false, ""]]);
    run(decoder, [[[0x81], true, ""], [[0x40], true, "\uFFFD@"], [null, false, ""]]);
  }, "Streaming end of input, Big5: invalid pair with an ASCII trail byte");

  test(() => {
    const decoder = new TextDecoder();
    assert_equals(decoder.decode(bytes(0xe2, 0x82), { stream: true }), "", "incomplete euro sign held back");
    assert_equals(decoder.decode(bytes(0xac)), "\u20AC", "completed by the final chunk");
  }, "Streaming end of input, utf-8: a sequence completed by the final chunk");
})();
