// TextEncoder and TextDecoder (the Encoding Standard) on encoding_rs
// (src/web.rs): every WHATWG label, `fatal`, `ignoreBOM`, streaming decodes,
// `encodeInto`.
(function (native, jsbox) {
  "use strict";

  const $ = jsbox.$;

  // Bytes of an AllowSharedBufferSource, as a Uint8Array over the same
  // memory (no copy), or a TypeError. A detached buffer has no bytes (Web
  // IDL's "get a copy of the bytes held by the buffer source").
  function bytesOf(input, what) {
    if (input instanceof $.ArrayBufferCtor || ($.SharedArrayBufferCtor !== undefined && input instanceof $.SharedArrayBufferCtor)) {
      return isDetached(input) ? new $.Uint8ArrayCtor(0) : new $.Uint8ArrayCtor(input);
    }
    if ($.isView(input)) {
      if (input instanceof $.DataViewCtor) {
        const buffer = $.dataViewBuffer(input);
        if (isDetached(buffer)) return new $.Uint8ArrayCtor(0);
        return new $.Uint8ArrayCtor(buffer, $.dataViewByteOffset(input), $.dataViewByteLength(input));
      }
      const buffer = $.viewBuffer(input);
      if (isDetached(buffer)) return new $.Uint8ArrayCtor(0);
      return new $.Uint8ArrayCtor(buffer, $.viewByteOffset(input), $.viewByteLength(input));
    }
    throw new $.TypeErrorCtor(what + ": the argument must be an ArrayBuffer or an ArrayBufferView");
  }

  function isDetached(buffer) {
    return buffer instanceof $.ArrayBufferCtor && $.bufferDetached(buffer);
  }
  jsbox.bytesOf = bytesOf;

  class TextEncoder {
    get encoding() {
      return "utf-8";
    }

    encode(input = "") {
      return native.utf8Encode($.wellFormed($.StringCtor(input)));
    }

    encodeInto(source, destination) {
      if (arguments.length < 2) throw new $.TypeErrorCtor("encodeInto: 2 arguments required");
      if (!(destination instanceof $.Uint8ArrayCtor)) {
        throw new $.TypeErrorCtor("encodeInto: the destination must be a Uint8Array");
      }
      const counts = native.utf8EncodeInto($.wellFormed($.StringCtor(source)), destination);
      return { read: counts[0], written: counts[1] };
    }
  }
  $.defineProperty(TextEncoder.prototype, $.toStringTag, { value: "TextEncoder", configurable: true });

  class TextDecoder {
    #encoding;
    #fatal;
    #ignoreBOM;
    #handle;

    constructor(label = "utf-8", options = undefined) {
      const name = native.encodingForLabel($.StringCtor(label));
      if (name === null || name === undefined) {
        throw new $.RangeErrorCtor("TextDecoder: the encoding label " + $.stringify($.StringCtor(label)) + " is not supported");
      }
      if (options !== undefined && options !== null && typeof options !== "object" && typeof options !== "function") {
        throw new $.TypeErrorCtor("TextDecoder: the options must be an object");
      }
      const init = options === undefined || options === null ? {} : options;
      this.#encoding = name;
      this.#fatal = !!init.fatal;
      this.#ignoreBOM = !!init.ignoreBOM;
      // A native stream exists only between a `stream: true` decode and the
      // decode that ends it.
      this.#handle = null;
    }

    get encoding() {
      return this.#encoding;
    }

    get fatal() {
      return this.#fatal;
    }

    get ignoreBOM() {
      return this.#ignoreBOM;
    }

    decode(input = undefined, options = undefined) {
      const bytes = input === undefined || input === null ? undefined : bytesOf(input, "TextDecoder.decode");
      if (options !== undefined && options !== null && typeof options !== "object" && typeof options !== "function") {
        throw new $.TypeErrorCtor("TextDecoder.decode: the options must be an object");
      }
      const stream = options === undefined || options === null ? false : !!options.stream;
      let text;
      if (this.#handle === null && !stream) {
        text = native.decodeOnce(this.#encoding, bytes, this.#fatal, this.#ignoreBOM);
      } else {
        if (this.#handle === null) this.#handle = native.decoderNew(this.#encoding, this.#ignoreBOM);
        text = native.decoderDecode(this.#handle, bytes, stream, this.#fatal);
        // The stream is over (ended, or failed and so reset): its handle
        // is freed on the native side.
        if (!stream || text === null || text === undefined) this.#handle = null;
      }
      if (text === null || text === undefined) {
        throw new $.TypeErrorCtor("TextDecoder.decode: the input is not valid " + this.#encoding);
      }
      return text;
    }
  }
  $.defineProperty(TextDecoder.prototype, $.toStringTag, { value: "TextDecoder", configurable: true });

  // For the body mixin and http.*: UTF-8 decode, BOM stripped, replacement
  // for malformed input.
  const utf8 = new TextDecoder();
  // The urlencoded parser's "UTF-8 decode without BOM": a BOM is data.
  const utf8KeepBom = new TextDecoder("utf-8", { ignoreBOM: true });
  const encoder = new TextEncoder();
  jsbox.decode = (bytes) => utf8.decode(bytes);
  jsbox.decodeKeepBom = (bytes) => utf8KeepBom.decode(bytes);
  jsbox.encode = (text) => encoder.encode(text);

  jsbox.expose("TextEncoder", TextEncoder);
  jsbox.expose("TextDecoder", TextDecoder);
});
