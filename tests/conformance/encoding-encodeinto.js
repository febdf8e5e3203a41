// jsbox's own conformance test for TextEncoder.prototype.encodeInto(),
// written from the web-platform-tests file encoding/encodeInto.any.js. The
// checks are re-expressed for jsbox's harness, not copied. The "random"
// filler uses a fixed-seed generator here so that runs are repeatable.
(() => {
  "use strict";

  // [input, destination length, code units read, bytes written]
  const CASES = [
    ["Hi", 0, 0, []],
    ["A", 10, 1, [0x41]],
    ["\u{1D306}", 4, 2, [0xf0, 0x9d, 0x8c, 0x86]],
    // A 4-byte sequence that does not fit is not written at all.
    ["\u{1D306}A", 3, 0, []],
    // Lone surrogates become U+FFFD (3 bytes); the rest stops where it fits.
    ["\uD834A\uDF06A\u00A5Hi", 10, 5, [0xef, 0xbf, 0xbd, 0x41, 0xef, 0xbf, 0xbd, 0x41, 0xc2, 0xa5]],
    ["A\uDF06", 4, 2, [0x41, 0xef, 0xbf, 0xbd]],
    ["\u00A5\u00A5", 4, 2, [0xc2, 0xa5, 0xc2, 0xa5]],
  ];

  // How the destination sits in its buffer: extra bytes around it, where it
  // starts, and what the buffer is filled with beforehand.
  const PLACEMENTS = [
    { extra: 0, offset: 0, filler: 0 },
    { extra: 10, offset: 4, filler: 0 },
    { extra: 0, offset: 0, filler: 0x80 },
    { extra: 10, offset: 4, filler: 0x80 },
    { extra: 0, offset: 0, filler: "random" },
    { extra: 10, offset: 4, filler: "random" },
  ];

  function makeBuffer(kind, length) {
    return kind === "SharedArrayBuffer" ? new SharedArrayBuffer(length) : new ArrayBuffer(length);
  }

  // A small deterministic generator (xorshift32) for the "random" filler.
  let seed = 0x2545f491;
  function nextByte() {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) & 0xff;
  }

  const show = (s) => s.replace(/[^\x20-\x7e]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0"));

  const KINDS = typeof SharedArrayBuffer === "function" ? ["ArrayBuffer", "SharedArrayBuffer"] : ["ArrayBuffer"];

  for (const kind of KINDS) {
    for (const [input, length, read, written] of CASES) {
      for (const { extra, offset, filler } of PLACEMENTS) {
        test(() => {
          const total = length + extra;
          const buffer = makeBuffer(kind, total);
          const whole = new Uint8Array(buffer);
          const before = [];
          for (let i = 0; i < total; i++) {
            const value = filler === "random" ? nextByte() : filler;
            before.push(value);
            whole[i] = value;
          }
          const destination = new Uint8Array(buffer, offset, length);

          const result = new TextEncoder().encodeInto(input, destination);

          assert_equals(destination.byteLength, length, "destination byteLength unchanged");
          assert_equals(destination.length, length, "destination length unchanged");
          assert_equals(result.read, read, "read");
          assert_equals(result.written, written.length, "written");
          for (let i = 0; i < total; i++) {
            const inside = i >= offset && i < offset + written.length;
            const expected = inside ? written[i - offset] : before[i];
            assert_equals(whole[i], expected, "byte " + i + " of the buffer");
          }
        }, "encodeInto() of \"" + show(input) + "\" into " + length + " bytes at offset " + offset +
          " of a " + kind + " filled with " + filler);
      }
    }
  }

  test(() => {
    const result = new TextEncoder().encodeInto("abc", new Uint8Array(8));
    assert_equals(Object.getPrototypeOf(result), Object.prototype, "a plain object");
    assert_own_property(result, "read");
    assert_own_property(result, "written");
    assert_equals(typeof result.read, "number", "read is a number");
    assert_equals(typeof result.written, "number", "written is a number");
  }, "encodeInto() returns a dictionary with read and written");

  // Only a Uint8Array will do as a destination.
  const WRONG_VIEWS = [DataView, Int8Array, Int16Array, Int32Array, Uint16Array, Uint32Array,
    Uint8ClampedArray, Float32Array, Float64Array];
  for (const kind of KINDS) {
    for (const View of WRONG_VIEWS) {
      test(() => {
        assert_throws_js(TypeError, () => new TextEncoder().encodeInto("", new View(makeBuffer(kind, 0))));
      }, "encodeInto() rejects a " + View.name + " over a " + kind);
    }
    test(() => {
      assert_throws_js(TypeError, () => new TextEncoder().encodeInto("", makeBuffer(kind, 10)));
    }, "encodeInto() rejects a bare " + kind);
  }

  // Detaches `buffer` by transferring it away, with whichever means the
  // runtime has.
  function detach(buffer) {
    if (typeof ArrayBuffer.prototype.transfer === "function") {
      buffer.transfer();
    } else if (typeof structuredClone === "function") {
      structuredClone(buffer, { transfer: [buffer] });
    } else {
      throw new Error("no way to detach an ArrayBuffer (neither ArrayBuffer.prototype.transfer nor structuredClone)");
    }
    assert_equals(buffer.byteLength, 0, "the buffer is detached");
  }

  test(() => {
    const buffer = new ArrayBuffer(10);
    const view = new Uint8Array(buffer);
    let result = new TextEncoder().encodeInto("", view);
    assert_equals(result.read, 0, "read before detaching");
    assert_equals(result.written, 0, "written before detaching");
    detach(buffer);
    result = new TextEncoder().encodeInto("", view);
    assert_equals(result.read, 0, "read of an empty string");
    assert_equals(result.written, 0, "written of an empty string");
    result = new TextEncoder().encodeInto("test", view);
    assert_equals(result.read, 0, "read of a non-empty string");
    assert_equals(result.written, 0, "written of a non-empty string");
  }, "encodeInto() into a view of a detached buffer writes nothing");
})();
