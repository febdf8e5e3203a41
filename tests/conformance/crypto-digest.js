// jsbox's own conformance test, written from the web-platform-tests file
//   WebCryptoAPI/digest/digest.https.any.js
// Re-expressed for jsbox's harness. The expected digests were computed once
// with Node's crypto module (createHash) and are written here as hex. The
// upstream "transferred buffer" variants (which detach the input with
// ArrayBuffer.prototype.transfer()) are left out.

function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

function bytesToHex(buffer) {
  const bytes = new Uint8Array(buffer);
  let hex = "";
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
  return hex;
}

const SOURCES = (() => {
  const medium = hexToBytes(
    "b6c8f9df648cd088b70f38e74197b18cb81e1e4350d50bccb8fb5a7379c87bb2e3d6ed5461ed1e9f36f340a3962a446b" +
      "815b794b4bd43a4403502077b2256cc807837f3aacd118eb4b9c2baeb897068625abaca193"
  );
  // "long" is "medium" repeated 1024 times (87,040 bytes).
  const long = new Uint8Array(medium.length * 1024);
  for (let i = 0; i < 1024; i++) long.set(medium, i * medium.length);
  return {
    empty: new Uint8Array(0),
    short: hexToBytes("156eea7cc14c56cb94db030a4a9d95ff"),
    medium,
    long,
  };
})();

const DIGESTS = {
  "SHA-1": {
    empty: "da39a3ee5e6b4b0d3255bfef95601890afd80709",
    short: "c91318cdf2396a015e3f4e6a86a0ba65b8635944",
    medium: "e541060870eb16bf33b68e51f513526893986729",
    long: "3098b50037ecd02ebd657653b2bfa01eee27a2ea",
  },
  "SHA-256": {
    empty: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    short: "a2831186984792c7d32d59c89740687f19addc1b959e71a1cc538a3b7ed843f2",
    medium: "535367877ef014d7fc717e5cb7843e59b61aee62c7029cec7ec6c12fd924e0e4",
    long: "14cdea9dc75f5a6274d9fc1e64009912f1dcd306b48fe8e9cf122de671571781",
  },
  "SHA-384": {
    empty: "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b",
    short: "6bf5ea6524d1cddc43f7cf3b56ee059227404a2f538f022a3db7447a782c06c1ed05e8ab4f5edc17f3711440dfe97731",
    medium: "cbc2c588fe5b25f916da28b4e47a484ae6fc1fe4902dd5c9939a6bfd034ab3b48b39087436011f6a99879d279540e977",
    long: "49f4fdb3981968f97d57370f85345067cd5296a97dd1a18e06911e756e9608492529870e1ad130998d57cbfbb7c1d09e",
  },
  "SHA-512": {
    empty:
      "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
    short:
      "375248be5ff34be74cab4ff1c3bc8dc68bd5f8dff4023e98f87b865cff2c724292df189443a64ff4134a65cd4635b9d4f5dc0d3fb67528002a63acf26c9da575",
    medium:
      "b9109f839e8ea43c890f293ce11dc6e2798d1e2431f1e4b919e3b20c4f36303ba39c916db306c45a3b65761ff5be85328eeaf42c3830f1d95e7a41165b7d2d36",
    long:
      "4b02caf650276030ea5617e597c5d53fd9daa68b78bfe60b22aab8d36a4c2a3affdb71234f49276737c575ddf74d14054cbd6fdb98fd0ddcbcb46f91ad76b6ee",
  },
};

async function expectDigest(algorithm, data, expectedHex) {
  const result = await crypto.subtle.digest(algorithm, data);
  assert_true(result instanceof ArrayBuffer, "digest() resolves with an ArrayBuffer");
  assert_equals(bytesToHex(result), expectedHex, "digest bytes");
}

for (const size of Object.keys(SOURCES)) {
  for (const alg of Object.keys(DIGESTS)) {
    const upper = alg.toUpperCase();
    const lower = alg.toLowerCase();
    const mixed = upper.charAt(0) + lower.slice(1);
    const expected = DIGESTS[alg][size];

    promise_test(() => expectDigest({ name: upper }, SOURCES[size], expected), upper + " digest of " + size + " data");
    promise_test(() => expectDigest({ name: lower }, SOURCES[size], expected), lower + " digest of " + size + " data");
    promise_test(() => expectDigest({ name: mixed }, SOURCES[size], expected), mixed + " digest of " + size + " data");

    if (SOURCES[size].length > 0) {
      promise_test(() => {
        // The buffer is wrong when digest() is called and put right by the
        // algorithm's name getter: the bytes must be read after the name.
        const copy = SOURCES[size].slice();
        copy[0] = 255 - copy[0];
        const algorithm = {
          get name() {
            copy[0] = 255 - copy[0];
            return upper;
          },
        };
        return expectDigest(algorithm, copy, expected);
      }, upper + " digest of " + size + " data changed by the algorithm getter");

      promise_test(() => {
        const copy = SOURCES[size].slice();
        const pending = expectDigest({ name: upper }, copy, expected);
        copy[0] = 255 - copy[0];
        return pending;
      }, upper + " digest of " + size + " data changed right after the call");
    }
  }
}

promise_test(() => expectDigest("SHA-256", SOURCES.short, DIGESTS["SHA-256"].short), "digest() accepts the algorithm as a string");

promise_test(
  () => expectDigest({ name: "SHA-384" }, SOURCES.medium.slice().buffer, DIGESTS["SHA-384"].medium),
  "digest() accepts an ArrayBuffer"
);

promise_test(() => {
  const bytes = SOURCES.medium;
  const padded = new Uint8Array(bytes.length + 7);
  padded.set(bytes, 3);
  const view = new DataView(padded.buffer, 3, bytes.length);
  return expectDigest({ name: "SHA-1" }, view, DIGESTS["SHA-1"].medium);
}, "digest() reads only the bytes of a DataView window");

promise_test(() => {
  const bytes = SOURCES.short;
  const words = new Uint16Array(bytes.length / 2);
  new Uint8Array(words.buffer).set(bytes);
  return expectDigest({ name: "SHA-512" }, words, DIGESTS["SHA-512"].short);
}, "digest() hashes the bytes of any typed array");

for (const size of Object.keys(SOURCES)) {
  for (const badName of ["AES-GCM", "RSA-OAEP", "PBKDF2", "AES-KW"]) {
    promise_test(async (t) => {
      await promise_rejects_dom(t, "NotSupportedError", crypto.subtle.digest({ name: badName }, SOURCES[size]));
    }, badName + " is not a digest algorithm (" + size + " data)");
  }
  promise_test(async (t) => {
    await promise_rejects_js(t, TypeError, crypto.subtle.digest({}, SOURCES[size]));
  }, "an algorithm object without a name is a TypeError (" + size + " data)");
}

promise_test(async (t) => {
  await promise_rejects_dom(t, "NotSupportedError", crypto.subtle.digest("SHA-257", SOURCES.short));
}, "an unknown algorithm string is NotSupportedError");

promise_test(async (t) => {
  let result;
  try {
    result = crypto.subtle.digest("SHA-256", "not a buffer");
  } catch (e) {
    assert_unreached("digest() threw synchronously: " + e);
  }
  await promise_rejects_js(t, TypeError, result);
}, "a non-buffer data argument rejects with TypeError instead of throwing");
