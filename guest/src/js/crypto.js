// `crypto` (Web Crypto): getRandomValues, randomUUID, and the part of
// `crypto.subtle` workflow scripts use — digest (SHA-1/256/384/512), HMAC
// and ECDSA on P-256/P-384 (importKey, exportKey, generateKey, sign, verify)
// — on RustCrypto (src/web.rs, src/ec.rs), with the errors the
// specification names.
(function (native, jsbox) {
  "use strict";

  const $ = jsbox.$;
  const dom = jsbox.domError;

  const INTEGER_ARRAYS = ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
    "Uint32Array", "BigInt64Array", "BigUint64Array"];

  function getRandomValues(array) {
    if (!$.isView(array)) throw new $.TypeErrorCtor("getRandomValues: the argument must be an ArrayBufferView");
    const tag = array instanceof $.DataViewCtor ? "DataView" : $.typedArrayTag(array);
    if ($.arrayIndexOf(INTEGER_ARRAYS, tag) < 0) {
      throw dom("TypeMismatchError", "getRandomValues: " + tag + " is not an integer typed array");
    }
    const length = $.viewByteLength(array);
    if (length > 65536) {
      throw dom("QuotaExceededError", "getRandomValues: at most 65536 bytes at a time, not " + length);
    }
    native.randomFill(new $.Uint8ArrayCtor($.viewBuffer(array), $.viewByteOffset(array), length));
    return array;
  }

  const HEX = "0123456789abcdef";
  function randomUUID() {
    const bytes = new $.Uint8ArrayCtor(16);
    native.randomFill(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let out = "";
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) out += "-";
      out += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
    }
    return out;
  }

  // --- algorithms ----------------------------------------------------------

  const HASHES = { "SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024 };

  // WebCrypto's "normalize an algorithm": a name (string) or a dictionary
  // with `name`, matched case-insensitively against what is supported.
  function algorithmName(algorithm, supported, what) {
    let name;
    if (typeof algorithm === "string") {
      name = algorithm;
    } else if (algorithm !== null && typeof algorithm === "object") {
      // Read once: a getter may run script.
      const given = algorithm.name;
      if (given === undefined) throw new $.TypeErrorCtor(what + ": the algorithm has no name");
      name = $.StringCtor(given);
    } else {
      throw new $.TypeErrorCtor(what + ": the algorithm must be a string or an object");
    }
    const upper = $.upper(name);
    for (let i = 0; i < supported.length; i++) if ($.upper(supported[i]) === upper) return supported[i];
    throw dom("NotSupportedError", what + ": the algorithm " + $.stringify(name) + " is not supported");
  }

  function hashName(hash, what) {
    if (hash === undefined) throw new $.TypeErrorCtor(what + ": the algorithm needs a hash");
    return algorithmName(hash, ["SHA-1", "SHA-256", "SHA-384", "SHA-512"], what);
  }

  // A copy of a BufferSource's bytes (the spec copies before the algorithm runs).
  function bytes(data, what) {
    if (data instanceof $.ArrayBufferCtor || $.isView(data)) return jsbox.copyBytes(data);
    throw new $.TypeErrorCtor(what + ": the data must be an ArrayBuffer or an ArrayBufferView");
  }

  // --- CryptoKey -----------------------------------------------------------

  // A key's internals live in a record the script never reaches: the
  // `algorithm` object it sees is a copy, so changing it changes nothing.
  let keyInternals;
  const KEY_TOKEN = {};
  class CryptoKey {
    #record;
    #algorithm;
    #usages;

    constructor(token = undefined, record = undefined) {
      if (token !== KEY_TOKEN) throw new $.TypeErrorCtor("Illegal constructor");
      this.#record = record;
      this.#algorithm = record.describe();
      this.#usages = $.arraySlice(record.usages);
    }

    get type() { return this.#record.type; }
    get extractable() { return this.#record.extractable; }
    get algorithm() { return this.#algorithm; }
    get usages() { return this.#usages; }

    static {
      keyInternals = {
        is: (value) => value !== null && typeof value === "object" && #record in value,
        record: (key) => key.#record,
      };
    }
  }
  $.defineProperty(CryptoKey.prototype, $.toStringTag, { value: "CryptoKey", configurable: true });

  const USAGES = ["encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"];

  function checkUsages(usages, allowed, what) {
    if (usages === null || typeof usages !== "object" || typeof usages[$.iterator] !== "function") {
      throw new $.TypeErrorCtor(what + ": keyUsages must be a sequence");
    }
    const out = [];
    for (const usage of usages) {
      const name = $.StringCtor(usage);
      if ($.arrayIndexOf(USAGES, name) < 0) throw new $.TypeErrorCtor(what + ": " + $.stringify(name) + " is not a key usage");
      if ($.arrayIndexOf(allowed, name) < 0) throw dom("SyntaxError", what + ": this key cannot be used to " + name);
      if ($.arrayIndexOf(out, name) < 0) $.push(out, name);
    }
    return out;
  }

  function makeKey(record) {
    if ((record.type === "secret" || record.type === "private") && record.usages.length === 0) {
      throw dom("SyntaxError", "a " + record.type + " key needs at least one usage");
    }
    return new CryptoKey(KEY_TOKEN, record);
  }

  function hmacRecord(material, hash, length, extractable, usages) {
    return {
      type: "secret", algorithm: "HMAC", hash, length, material, extractable: !!extractable, usages,
      describe: () => ({ name: "HMAC", hash: { name: hash }, length }),
    };
  }

  function ecRecord(type, curve, points, extractable, usages) {
    return {
      type, algorithm: "ECDSA", curve, pkcs8: points[0], point: points[1], extractable: !!extractable, usages,
      describe: () => ({ name: "ECDSA", namedCurve: curve }),
    };
  }

  function b64urlDecode(text, what) {
    const padded = $.replaceAll($.replaceAll($.StringCtor(text), "-", "+"), "_", "/");
    const decoded = native.atob(padded);
    if (decoded === null || decoded === undefined) throw dom("DataError", what + ": a JWK member is not base64url");
    const out = new $.Uint8ArrayCtor(decoded.length);
    for (let i = 0; i < decoded.length; i++) out[i] = $.charCodeAt(decoded, i);
    return out;
  }

  function b64urlEncode(view) {
    let binary = "";
    for (let i = 0; i < view.length; i++) binary += $.fromCharCode(view[i]);
    const base64 = native.btoa(binary);
    let out = $.replaceAll($.replaceAll(base64, "+", "-"), "/", "_");
    while (out.length > 0 && $.charCodeAt(out, out.length - 1) === 0x3d) out = $.strSlice(out, 0, -1);
    return out;
  }

  const HMAC_JWK_ALG = { "SHA-1": "HS1", "SHA-256": "HS256", "SHA-384": "HS384", "SHA-512": "HS512" };
  const CURVES = { "P-256": 32, "P-384": 48 };

  function namedCurve(algorithm, what) {
    const curve = algorithm.namedCurve;
    if (curve === undefined) throw new $.TypeErrorCtor(what + ": ECDSA needs a namedCurve");
    const name = $.StringCtor(curve);
    if (CURVES[name] === undefined) throw dom("NotSupportedError", what + ": the curve " + $.stringify(name) + " is not supported");
    return name;
  }

  function checkJwk(jwk, kty, what, extractable, keyUsages) {
    if (jwk === null || typeof jwk !== "object" || $.isView(jwk) || jwk instanceof $.ArrayBufferCtor) {
      throw new $.TypeErrorCtor(what + ": a JWK must be an object");
    }
    if (jwk.kty !== kty) throw dom("DataError", what + ": the JWK's kty is not " + $.stringify(kty));
    if (jwk.ext === false && extractable) throw dom("DataError", what + ": the JWK is not extractable");
    if (jwk.key_ops !== undefined) {
      for (const usage of keyUsages) {
        if (!$.isArray(jwk.key_ops) || $.arrayIndexOf(jwk.key_ops, $.StringCtor(usage)) < 0) {
          throw dom("DataError", what + ": the usage " + $.stringify($.StringCtor(usage)) + " is not in the JWK's key_ops");
        }
      }
    }
  }

  // --- SubtleCrypto ----------------------------------------------------------

  // Every method returns a promise. `prepare` (argument conversion, copying
  // the data) runs now, its failures become rejections; `run` (the
  // algorithm) runs later, as the standard's "in parallel" steps do.
  function promised(prepare, run = (value) => value) {
    let prepared;
    try {
      prepared = prepare();
    } catch (error) {
      return $.promiseReject(error);
    }
    return $.promiseThen($.promiseResolve(), () => run(prepared));
  }

  function bufferFrom(bytes) {
    return $.bufferSlice($.viewBuffer(bytes), $.viewByteOffset(bytes), $.viewByteOffset(bytes) + bytes.length);
  }

  function importHmac(format, keyData, algorithm, extractable, keyUsages) {
    const hash = hashName(algorithm.hash, "importKey");
    const usages = checkUsages(keyUsages, ["sign", "verify"], "importKey");
    let material;
    if (format === "raw") {
      material = bytes(keyData, "importKey");
    } else if (format === "jwk") {
      checkJwk(keyData, "oct", "importKey", extractable, keyUsages);
      if (keyData.k === undefined) throw dom("DataError", "importKey: the JWK has no k");
      if (keyData.alg !== undefined && keyData.alg !== HMAC_JWK_ALG[hash]) throw dom("DataError", "importKey: the JWK's alg does not match " + hash);
      if (keyData.use !== undefined && keyData.use !== "sig") throw dom("DataError", "importKey: the JWK's use is not \"sig\"");
      material = b64urlDecode(keyData.k, "importKey");
    } else if (format === "pkcs8" || format === "spki") {
      throw dom("NotSupportedError", "importKey: HMAC keys come as raw or jwk");
    } else {
      throw new $.TypeErrorCtor("importKey: unknown format " + $.stringify($.StringCtor(format)));
    }
    if (material.length === 0) throw dom("DataError", "importKey: an HMAC key cannot be empty");
    let length = material.length * 8;
    if (algorithm.length !== undefined) {
      const wanted = $.NumberCtor(algorithm.length);
      if (wanted > length || wanted <= length - 8) throw dom("DataError", "importKey: length does not match the key data");
      length = wanted;
    }
    return makeKey(hmacRecord(material, hash, length, extractable, usages));
  }

  function importEc(format, keyData, algorithm, extractable, keyUsages) {
    const curve = namedCurve(algorithm, "importKey");
    let kind;
    let data;
    if (format === "raw" || format === "spki") {
      kind = format;
      data = bytes(keyData, "importKey");
    } else if (format === "pkcs8") {
      kind = format;
      data = bytes(keyData, "importKey");
    } else if (format === "jwk") {
      checkJwk(keyData, "EC", "importKey", extractable, keyUsages);
      if (keyData.crv !== curve) throw dom("DataError", "importKey: the JWK's crv is not " + curve);
      if (keyData.x === undefined || keyData.y === undefined) throw dom("DataError", "importKey: the JWK has no x or y");
      const parts = [b64urlDecode(keyData.x, "importKey"), b64urlDecode(keyData.y, "importKey")];
      if (keyData.d !== undefined) $.push(parts, b64urlDecode(keyData.d, "importKey"));
      kind = keyData.d !== undefined ? "jwk-private" : "jwk-public";
      data = jsbox.concatBytes(parts);
    } else {
      throw new $.TypeErrorCtor("importKey: unknown format " + $.stringify($.StringCtor(format)));
    }
    const privateKey = kind === "pkcs8" || kind === "jwk-private";
    const usages = checkUsages(keyUsages, privateKey ? ["sign"] : ["verify"], "importKey");
    const imported = native.ecImport(curve, kind, data);
    if (imported === null || imported === undefined) throw dom("DataError", "importKey: the key data is not a " + curve + " key");
    const points = [imported[0] === null ? null : new $.Uint8ArrayCtor(imported[0]), new $.Uint8ArrayCtor(imported[1])];
    return makeKey(ecRecord(privateKey ? "private" : "public", curve, points, privateKey ? extractable : true, usages));
  }

  function exportKey(format, record) {
    if (record.algorithm === "HMAC") {
      if (format === "raw") return bufferFrom(record.material);
      if (format === "jwk") {
        return { kty: "oct", k: b64urlEncode(record.material), alg: HMAC_JWK_ALG[record.hash], key_ops: $.arraySlice(record.usages), ext: true };
      }
      throw dom("NotSupportedError", "exportKey: HMAC keys export as raw or jwk");
    }
    const size = CURVES[record.curve];
    if (format === "raw") {
      if (record.type !== "public") throw dom("InvalidAccessError", "exportKey: only a public key exports as raw");
      return bufferFrom(record.point);
    }
    if (format === "spki") {
      if (record.type !== "public") throw dom("InvalidAccessError", "exportKey: only a public key exports as spki");
      return native.ecSpki(record.curve, record.point);
    }
    if (format === "pkcs8") {
      if (record.type !== "private") throw dom("InvalidAccessError", "exportKey: only a private key exports as pkcs8");
      return bufferFrom(record.pkcs8);
    }
    if (format === "jwk") {
      const jwk = {
        kty: "EC", crv: record.curve,
        x: b64urlEncode($.u8Subarray(record.point, 1, 1 + size)),
        y: b64urlEncode($.u8Subarray(record.point, 1 + size, 1 + 2 * size)),
        key_ops: $.arraySlice(record.usages), ext: true,
      };
      if (record.type === "private") jwk.d = b64urlEncode(new $.Uint8ArrayCtor(native.ecScalar(record.curve, record.pkcs8)));
      return jwk;
    }
    throw new $.TypeErrorCtor("exportKey: unknown format " + $.stringify($.StringCtor(format)));
  }

  const SUBTLE_TOKEN = {};
  class SubtleCrypto {
    constructor(token = undefined) {
      if (token !== SUBTLE_TOKEN) throw new $.TypeErrorCtor("Illegal constructor");
    }

    digest(algorithm, data) {
      return promised(() => {
        if (arguments.length < 2) throw new $.TypeErrorCtor("digest: 2 arguments required");
        // The algorithm is normalized (its getters may run script), then
        // the data copied.
        const name = algorithmName(algorithm, ["SHA-1", "SHA-256", "SHA-384", "SHA-512"], "digest");
        const payload = bytes(data, "digest");
        return [name, payload];
      }, (input) => native.digest(input[0], input[1]));
    }

    importKey(format, keyData, algorithm, extractable, keyUsages) {
      return promised(() => {
        if (arguments.length < 5) throw new $.TypeErrorCtor("importKey: 5 arguments required");
        const name = algorithmName(algorithm, ["HMAC", "ECDSA"], "importKey");
        return name === "HMAC"
          ? importHmac(format, keyData, algorithm, extractable, keyUsages)
          : importEc(format, keyData, algorithm, extractable, keyUsages);
      });
    }

    exportKey(format, key) {
      return promised(() => {
        if (!keyInternals.is(key)) throw new $.TypeErrorCtor("exportKey: not a CryptoKey");
        const record = keyInternals.record(key);
        if (!record.extractable) throw dom("InvalidAccessError", "exportKey: the key is not extractable");
        return exportKey(format, record);
      });
    }

    generateKey(algorithm, extractable, keyUsages) {
      return promised(() => {
        const name = algorithmName(algorithm, ["HMAC", "ECDSA"], "generateKey");
        if (name === "HMAC") {
          const hash = hashName(algorithm.hash, "generateKey");
          const usages = checkUsages(keyUsages, ["sign", "verify"], "generateKey");
          const length = algorithm.length === undefined ? HASHES[hash] : $.NumberCtor(algorithm.length);
          if (!(length > 0)) throw dom("OperationError", "generateKey: the length must be positive");
          const material = new $.Uint8ArrayCtor($.MathTrunc((length + 7) / 8));
          native.randomFill(material);
          return makeKey(hmacRecord(material, hash, length, extractable, usages));
        }
        const curve = namedCurve(algorithm, "generateKey");
        const usages = checkUsages(keyUsages, ["sign", "verify"], "generateKey");
        const privateUsages = [];
        const publicUsages = [];
        for (let i = 0; i < usages.length; i++) $.push(usages[i] === "sign" ? privateUsages : publicUsages, usages[i]);
        if (privateUsages.length === 0) throw dom("SyntaxError", "generateKey: an ECDSA key pair needs the sign usage");
        const generated = native.ecGenerate(curve);
        const points = [new $.Uint8ArrayCtor(generated[0]), new $.Uint8ArrayCtor(generated[1])];
        return {
          privateKey: makeKey(ecRecord("private", curve, points, extractable, privateUsages)),
          publicKey: makeKey(ecRecord("public", curve, [null, points[1]], true, publicUsages)),
        };
      });
    }

    sign(algorithm, key, data) {
      return promised(() => {
        if (arguments.length < 3) throw new $.TypeErrorCtor("sign: 3 arguments required");
        const name = algorithmName(algorithm, ["HMAC", "ECDSA"], "sign");
        const hash = name === "ECDSA" ? hashName(algorithm.hash, "sign") : null;
        const payload = bytes(data, "sign");
        const record = usable(key, name, "sign");
        return [record, hash, payload];
      }, (input) => {
        const record = input[0], hash = input[1], payload = input[2];
        return record.algorithm === "HMAC"
          ? native.hmacSign(record.hash, record.material, payload)
          : native.ecSign(record.curve, hash, record.pkcs8, payload);
      });
    }

    verify(algorithm, key, signature, data) {
      return promised(() => {
        if (arguments.length < 4) throw new $.TypeErrorCtor("verify: 4 arguments required");
        const name = algorithmName(algorithm, ["HMAC", "ECDSA"], "verify");
        const hash = name === "ECDSA" ? hashName(algorithm.hash, "verify") : null;
        const mac = bytes(signature, "verify");
        const payload = bytes(data, "verify");
        const record = usable(key, name, "verify");
        return [record, hash, mac, payload];
      }, (input) => {
        const record = input[0], hash = input[1], mac = input[2], payload = input[3];
        return record.algorithm === "HMAC"
          ? native.hmacVerify(record.hash, record.material, payload, mac)
          : native.ecVerify(record.curve, hash, record.point, payload, mac);
      });
    }
  }
  $.defineProperty(SubtleCrypto.prototype, $.toStringTag, { value: "SubtleCrypto", configurable: true });
  const UNSUPPORTED = ["encrypt", "decrypt", "deriveBits", "deriveKey", "wrapKey", "unwrapKey"];
  for (let i = 0; i < UNSUPPORTED.length; i++) {
    const name = UNSUPPORTED[i];
    $.defineProperty(SubtleCrypto.prototype, name, {
      writable: true,
      configurable: true,
      enumerable: true,
      value: function () {
        return $.promiseReject(dom("NotSupportedError", "crypto.subtle." + name + " is not supported here"));
      },
    });
  }

  function usable(key, name, usage) {
    if (!keyInternals.is(key)) throw new $.TypeErrorCtor(usage + ": the key must be a CryptoKey");
    const record = keyInternals.record(key);
    if (record.algorithm !== name) throw dom("InvalidAccessError", usage + ": the key is not for " + name);
    if ($.arrayIndexOf(record.usages, usage) < 0) throw dom("InvalidAccessError", usage + ": the key may not " + usage);
    return record;
  }

  const CRYPTO_TOKEN = {};
  const subtle = new SubtleCrypto(SUBTLE_TOKEN);
  class Crypto {
    constructor(token = undefined) {
      if (token !== CRYPTO_TOKEN) throw new $.TypeErrorCtor("Illegal constructor");
    }

    get subtle() {
      return subtle;
    }

    getRandomValues(array) {
      if (this !== cryptoObject) throw new $.TypeErrorCtor("Illegal invocation");
      if (arguments.length === 0) throw new $.TypeErrorCtor("getRandomValues: 1 argument required, but only 0 present");
      return getRandomValues(array);
    }

    randomUUID() {
      if (this !== cryptoObject) throw new $.TypeErrorCtor("Illegal invocation");
      return randomUUID();
    }
  }
  $.defineProperty(Crypto.prototype, $.toStringTag, { value: "Crypto", configurable: true });

  const cryptoObject = new Crypto(CRYPTO_TOKEN);
  jsbox.defineGlobal("crypto", cryptoObject, true);
  jsbox.expose("Crypto", Crypto);
  jsbox.expose("CryptoKey", CryptoKey);
  jsbox.expose("SubtleCrypto", SubtleCrypto);
});
