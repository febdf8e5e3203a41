// Blob and File (the File API) and FormData (XHR), held in memory, as
// request and response bodies use them.
(function (native, jsbox) {
  "use strict";

  const $ = jsbox.$;
  const encode = jsbox.encode;
  const decode = jsbox.decode;

  // A MIME type as Blob keeps it: lowercase, or "" when it has characters
  // outside U+0020..U+007E.
  function normalizeType(value) {
    const text = $.StringCtor(value);
    for (let i = 0; i < text.length; i++) {
      const c = $.charCodeAt(text, i);
      if (c < 0x20 || c > 0x7e) return "";
    }
    return $.lower(text);
  }

  function concat(chunks, total) {
    const out = new $.Uint8ArrayCtor(total);
    let at = 0;
    for (let i = 0; i < chunks.length; i++) {
      $.u8Set(out, chunks[i], at);
      at += chunks[i].length;
    }
    return out;
  }
  jsbox.concatBytes = (chunks) => {
    let total = 0;
    for (let i = 0; i < chunks.length; i++) total += chunks[i].length;
    return concat(chunks, total);
  };

  // A copy of the bytes of a BufferSource.
  function copyBytes(source) {
    return $.u8Slice(jsbox.bytesOf(source, "Blob"));
  }
  jsbox.copyBytes = copyBytes;

  function convertLineEndings(text) {
    // "native" endings: \n on this platform.
    return $.replaceAll($.replaceAll(text, "\r\n", "\n"), "\r", "\n");
  }

  let blobInternals;
  // Lists of parts made by the shims themselves (see the constructor).
  const ownParts = new $.WeakSetCtor();
  const parts = (list) => {
    $.weakAdd(ownParts, list);
    return list;
  };
  class Blob {
    #bytes;
    #type;

    constructor(blobParts = undefined, options = undefined) {
      const init = dictionary(options, "Blob");
      const endings = init.endings === undefined ? "transparent" : $.StringCtor(init.endings);
      if (endings !== "transparent" && endings !== "native") {
        throw new $.TypeErrorCtor("Blob: endings must be \"transparent\" or \"native\"");
      }
      const chunks = [];
      let total = 0;
      if (blobParts !== undefined) {
        if (blobParts === null || (typeof blobParts !== "object" && typeof blobParts !== "function")
          || typeof blobParts[$.iterator] !== "function") {
          throw new $.TypeErrorCtor("Blob: blobParts must be a sequence");
        }
        const add = (part) => {
          let bytes;
          if (blobInternals.is(part)) {
            bytes = blobInternals.bytes(part);
          } else if (part instanceof $.ArrayBufferCtor || ($.SharedArrayBufferCtor !== undefined && part instanceof $.SharedArrayBufferCtor) || $.isView(part)) {
            bytes = copyBytes(part);
          } else {
            let text = $.wellFormed($.StringCtor(part));
            if (endings === "native") text = convertLineEndings(text);
            bytes = encode(text);
          }
          $.push(chunks, bytes);
          total += bytes.length;
        };
        // The shims' own lists are read by index: a script's Array iterator
        // does not run for them (for a script's sequence it does, as WebIDL says).
        if ($.weakHas(ownParts, blobParts)) {
          for (let i = 0; i < blobParts.length; i++) add(blobParts[i]);
        } else {
          for (const part of blobParts) add(part);
        }
      }
      this.#bytes = concat(chunks, total);
      this.#type = init.type === undefined ? "" : normalizeType(init.type);
    }

    get size() {
      return this.#bytes.length;
    }

    get type() {
      return this.#type;
    }

    slice(start = undefined, end = undefined, contentType = undefined) {
      const size = this.#bytes.length;
      const from = relative(start, size, 0);
      const to = relative(end, size, size);
      const blob = new Blob();
      blob.#bytes = $.u8Slice(this.#bytes, from, $.MathMax(from, to));
      blob.#type = contentType === undefined ? "" : normalizeType(contentType);
      return blob;
    }

    text() {
      return $.promiseResolve(decode(this.#bytes));
    }

    arrayBuffer() {
      return $.promiseResolve($.bufferSlice($.viewBuffer(this.#bytes), 0));
    }

    bytes() {
      return $.promiseResolve($.u8Slice(this.#bytes));
    }

    stream() {
      return jsbox.byteStream($.u8Slice(this.#bytes));
    }

    static {
      blobInternals = {
        is: (value) => value !== null && typeof value === "object" && #bytes in value,
        bytes: (blob) => blob.#bytes,
        make(bytes, type) {
          const blob = new Blob();
          blob.#bytes = bytes;
          blob.#type = normalizeType(type);
          return blob;
        },
      };
    }
  }
  $.defineProperty(Blob.prototype, $.toStringTag, { value: "Blob", configurable: true });
  enumerable(Blob.prototype, "size");
  enumerable(Blob.prototype, "type");

  function enumerable(prototype, name) {
    const descriptor = $.getOwnPropertyDescriptor(prototype, name);
    descriptor.enumerable = true;
    $.defineProperty(prototype, name, descriptor);
  }

  function dictionary(options, what) {
    if (options === undefined || options === null) return {};
    if (typeof options !== "object" && typeof options !== "function") {
      throw new $.TypeErrorCtor(what + ": the options must be an object");
    }
    return options;
  }

  function relative(value, size, fallback) {
    if (value === undefined) return fallback;
    let n = $.NumberCtor(value);
    n = $.isNaN(n) ? 0 : $.MathTrunc(n);
    if (n < 0) return $.MathMax(size + n, 0);
    return $.MathMin(n, size);
  }

  class File extends Blob {
    #name;
    #lastModified;

    constructor(fileBits, fileName, options = undefined) {
      if (arguments.length < 2) throw new $.TypeErrorCtor("File: 2 arguments required, but only " + arguments.length + " present");
      super(fileBits, options);
      const init = dictionary(options, "File");
      this.#name = $.wellFormed($.StringCtor(fileName));
      this.#lastModified = init.lastModified === undefined ? $.dateNow() : toLongLong(init.lastModified);
    }

    get name() {
      return this.#name;
    }

    get lastModified() {
      return this.#lastModified;
    }

    get webkitRelativePath() {
      return "";
    }
  }
  $.defineProperty(File.prototype, $.toStringTag, { value: "File", configurable: true });
  enumerable(File.prototype, "name");
  enumerable(File.prototype, "lastModified");
  enumerable(File.prototype, "webkitRelativePath");

  function toLongLong(value) {
    const n = $.NumberCtor(value);
    return $.isFinite(n) ? $.MathTrunc(n) : 0;
  }

  // --- FormData ------------------------------------------------------------

  let formInternals;
  class FormData {
    #list = [];

    constructor(form = undefined, submitter = undefined) {
      if (form !== undefined) throw new $.TypeErrorCtor("FormData: there are no form elements here");
      void submitter;
    }

    append(name, value, filename = undefined) {
      entryArguments(arguments, "append");
      $.push(this.#list, entry(name, value, filename, arguments.length > 2));
    }

    delete(name) {
      if (arguments.length < 1) throw new $.TypeErrorCtor("FormData.delete: 1 argument required");
      const key = $.wellFormed($.StringCtor(name));
      const kept = [];
      for (let i = 0; i < this.#list.length; i++) if (this.#list[i][0] !== key) $.push(kept, this.#list[i]);
      this.#list = kept;
    }

    get(name) {
      if (arguments.length < 1) throw new $.TypeErrorCtor("FormData.get: 1 argument required");
      const key = $.wellFormed($.StringCtor(name));
      for (let i = 0; i < this.#list.length; i++) if (this.#list[i][0] === key) return this.#list[i][1];
      return null;
    }

    getAll(name) {
      if (arguments.length < 1) throw new $.TypeErrorCtor("FormData.getAll: 1 argument required");
      const key = $.wellFormed($.StringCtor(name));
      const out = [];
      for (let i = 0; i < this.#list.length; i++) if (this.#list[i][0] === key) $.push(out, this.#list[i][1]);
      return out;
    }

    has(name) {
      if (arguments.length < 1) throw new $.TypeErrorCtor("FormData.has: 1 argument required");
      const key = $.wellFormed($.StringCtor(name));
      for (let i = 0; i < this.#list.length; i++) if (this.#list[i][0] === key) return true;
      return false;
    }

    set(name, value, filename = undefined) {
      entryArguments(arguments, "set");
      const item = entry(name, value, filename, arguments.length > 2);
      const kept = [];
      let found = false;
      for (let i = 0; i < this.#list.length; i++) {
        if (this.#list[i][0] !== item[0]) {
          $.push(kept, this.#list[i]);
        } else if (!found) {
          found = true;
          $.push(kept, item);
        }
      }
      if (!found) $.push(kept, item);
      this.#list = kept;
    }

    static {
      formInternals = {
        is: (value) => value !== null && typeof value === "object" && #list in value,
        list: (form) => form.#list,
      };
    }
  }
  jsbox.definePairIterable(FormData.prototype, "FormData Iterator", (form) => {
    if (!formInternals.is(form)) throw new $.TypeErrorCtor("not a FormData");
    return formInternals.list(form);
  });
  $.defineProperty(FormData.prototype, $.toStringTag, { value: "FormData", configurable: true });

  function entryArguments(args, name) {
    if (args.length < 2) throw new $.TypeErrorCtor("FormData." + name + ": 2 arguments required, but only " + args.length + " present");
    if (args.length > 2 && !blobInternals.is(args[1])) {
      throw new $.TypeErrorCtor("FormData." + name + ": a filename goes only with a Blob value");
    }
  }

  // XHR's "create an entry": strings stay strings; a Blob becomes a File
  // (named "blob", or `filename`).
  function entry(name, value, filename, hasFilename) {
    const key = $.wellFormed($.StringCtor(name));
    if (!blobInternals.is(value)) return [key, $.wellFormed($.StringCtor(value))];
    if (value instanceof File && !hasFilename) return [key, value];
    const fileName = hasFilename ? $.wellFormed($.StringCtor(filename)) : value instanceof File ? value.name : "blob";
    const options = { type: value.type };
    if (value instanceof File) options.lastModified = value.lastModified;
    return [key, new File(parts([value]), fileName, options)];
  }

  jsbox.blobParts = parts;
  jsbox.isBlob = blobInternals.is;
  jsbox.blobBytes = blobInternals.bytes;
  jsbox.makeBlob = blobInternals.make;
  jsbox.isFormData = formInternals.is;
  jsbox.formDataList = formInternals.list;
  jsbox.File = File;
  jsbox.FormData = FormData;

  jsbox.expose("Blob", Blob);
  jsbox.expose("File", File);
  jsbox.expose("FormData", FormData);
});
