// Scenario L (a crypto-js-like workload): a small hashing library — SHA-256,
// HMAC, hex and base64 codecs over byte arrays — and an execute that
// authenticates 64 KiB messages. Interpreter-bound: 32-bit integer
// arithmetic in tight loops.
const Hash = (() => {
  const K = new Int32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);
  const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));

  class Sha256 {
    constructor() {
      this.state = new Int32Array(INITIAL);
      this.block = new Uint8Array(64);
      this.filled = 0;
      this.length = 0;
      this.w = new Int32Array(64);
    }
    update(bytes) {
      for (let i = 0; i < bytes.length; i++) {
        this.block[this.filled++] = bytes[i];
        if (this.filled === 64) {
          this.compress();
          this.filled = 0;
        }
      }
      this.length += bytes.length;
      return this;
    }
    compress() {
      const w = this.w, b = this.block, s = this.state;
      for (let i = 0; i < 16; i++) {
        w[i] = (b[i * 4] << 24) | (b[i * 4 + 1] << 16) | (b[i * 4 + 2] << 8) | b[i * 4 + 3];
      }
      for (let i = 16; i < 64; i++) {
        const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      let a = s[0], bb = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
      for (let i = 0; i < 64; i++) {
        const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = bb; bb = a; a = (t1 + t2) | 0;
      }
      s[0] += a; s[1] += bb; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h;
    }
    digest() {
      const bits = this.length * 8;
      const pad = new Uint8Array(((this.filled < 56 ? 56 : 120) - this.filled) + 8);
      pad[0] = 0x80;
      for (let i = 0; i < 8; i++) pad[pad.length - 1 - i] = Math.floor(bits / 2 ** (8 * i)) & 0xff;
      const total = this.length;
      this.update(pad);
      this.length = total;
      const out = new Uint8Array(32);
      for (let i = 0; i < 8; i++) {
        out[i * 4] = this.state[i] >>> 24; out[i * 4 + 1] = this.state[i] >>> 16;
        out[i * 4 + 2] = this.state[i] >>> 8; out[i * 4 + 3] = this.state[i];
      }
      return out;
    }
  }

  const sha256 = (bytes) => new Sha256().update(bytes).digest();

  function hmac(key, message) {
    if (key.length > 64) key = sha256(key);
    const inner = new Uint8Array(64), outer = new Uint8Array(64);
    for (let i = 0; i < 64; i++) {
      inner[i] = (key[i] || 0) ^ 0x36;
      outer[i] = (key[i] || 0) ^ 0x5c;
    }
    const first = new Sha256().update(inner).update(message).digest();
    return new Sha256().update(outer).update(first).digest();
  }

  const HEX = "0123456789abcdef";
  function toHex(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
    return s;
  }
  function fromUtf8(text) {
    const out = [];
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return new Uint8Array(out);
  }
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  function toBase64(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      s += B64[n >> 18] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : "=") +
        (i + 2 < bytes.length ? B64[n & 63] : "=");
    }
    return s;
  }
  return { sha256, hmac, toHex, fromUtf8, toBase64 };
})();

function execute(args) {
  const key = Hash.fromUtf8(args.key || "jsbox-bench-key");
  const size = args.size || 64 * 1024;
  const message = new Uint8Array(size);
  for (let i = 0; i < size; i++) message[i] = (i * 31 + 7) & 0xff;
  const tags = [];
  for (let round = 0; round < (args.rounds || 4); round++) {
    message[round] ^= 1;
    tags.push(Hash.toHex(Hash.hmac(key, message)));
  }
  return { tags, check: Hash.toBase64(Hash.sha256(Hash.fromUtf8(tags.join(",")))) };
}
