// `atob` and `btoa` (HTML): Latin-1 strings <-> base64, with the
// forgiving-base64 decoder of the Infra standard (native, src/web.rs), and
// InvalidCharacterError DOMExceptions as browsers throw.
(function (native, jsbox) {
  "use strict";

  const $ = jsbox.$;

  globalThis.btoa = function btoa(data) {
    if (arguments.length === 0) throw new $.TypeErrorCtor("btoa: 1 argument required, but only 0 present");
    const encoded = native.btoa($.wellFormed($.StringCtor(data)));
    if (encoded === null || encoded === undefined) {
      throw jsbox.domError("InvalidCharacterError", "btoa: the string contains characters outside of the Latin1 range");
    }
    return encoded;
  };

  globalThis.atob = function atob(data) {
    if (arguments.length === 0) throw new $.TypeErrorCtor("atob: 1 argument required, but only 0 present");
    const decoded = native.atob($.wellFormed($.StringCtor(data)));
    if (decoded === null || decoded === undefined) {
      throw jsbox.domError("InvalidCharacterError", "atob: the string to be decoded is not correctly encoded");
    }
    return decoded;
  };
});
