// `btoa` and `atob` as in browsers and Node: Latin-1 strings <-> base64.
(function (native, jsbox) {
  "use strict";

  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const DECODE = {};
  for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET[i]] = i;

  function invalidCharacter(message) {
    const error = new Error(message);
    error.name = "InvalidCharacterError";
    return error;
  }

  globalThis.btoa = function btoa(data) {
    if (arguments.length === 0) throw new TypeError("btoa: 1 argument required, but only 0 present");
    const input = String(data);
    let out = "";
    for (let i = 0; i < input.length; i += 3) {
      const a = input.charCodeAt(i);
      const b = i + 1 < input.length ? input.charCodeAt(i + 1) : 0;
      const c = i + 2 < input.length ? input.charCodeAt(i + 2) : 0;
      if (a > 0xff || b > 0xff || c > 0xff) {
        throw invalidCharacter("btoa: the string contains characters outside of the Latin1 range");
      }
      const triple = (a << 16) | (b << 8) | c;
      out += ALPHABET[(triple >> 18) & 63] + ALPHABET[(triple >> 12) & 63];
      out += i + 1 < input.length ? ALPHABET[(triple >> 6) & 63] : "=";
      out += i + 2 < input.length ? ALPHABET[triple & 63] : "=";
    }
    return out;
  };

  globalThis.atob = function atob(data) {
    if (arguments.length === 0) throw new TypeError("atob: 1 argument required, but only 0 present");
    let input = String(data).replace(/[\t\n\f\r ]/g, "");
    if (input.length % 4 === 0) input = input.replace(/==?$/, "");
    if (input.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(input)) {
      throw invalidCharacter("atob: the string to be decoded is not correctly encoded");
    }
    let out = "";
    let buffer = 0;
    let bits = 0;
    for (let i = 0; i < input.length; i++) {
      buffer = (buffer << 6) | DECODE[input[i]];
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += String.fromCharCode((buffer >> bits) & 0xff);
      }
    }
    return out;
  };
});
