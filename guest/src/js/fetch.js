// `fetch` with Headers, Request and Response (the Fetch standard): header
// validation and normalization, guards, getSetCookie, method normalization
// and forbidden methods, the body mixin over strings, BufferSources, Blobs,
// FormData, URLSearchParams and streams, Response.error/redirect/json,
// clone, and cancellation through an AbortSignal. Requests go through the
// same host path (and policy) as `http.*`.
(function (native, jsbox) {
  "use strict";

  const $ = jsbox.$;
  const encode = jsbox.encode;
  const decode = jsbox.decode;
  const dom = jsbox.domError;

  // --- Headers -------------------------------------------------------------

  function isTokenChar(c) {
    // RFC 9110 tchar.
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
      || c === 0x21 || (c >= 0x23 && c <= 0x27) || c === 0x2a || c === 0x2b || c === 0x2d || c === 0x2e
      || c === 0x5e || c === 0x5f || c === 0x60 || c === 0x7c || c === 0x7e;
  }

  function isToken(text) {
    if (text.length === 0) return false;
    for (let i = 0; i < text.length; i++) if (!isTokenChar($.charCodeAt(text, i))) return false;
    return true;
  }

  // WebIDL ByteString: characters above U+00FF are a TypeError.
  function byteString(value, what) {
    const text = $.StringCtor(value);
    for (let i = 0; i < text.length; i++) {
      if ($.charCodeAt(text, i) > 0xff) throw new $.TypeErrorCtor(what + ": " + $.stringify(text) + " is not a ByteString");
    }
    return text;
  }

  function isWhitespace(c) {
    return c === 0x09 || c === 0x0a || c === 0x0d || c === 0x20;
  }

  // Leading and trailing HTTP whitespace removed.
  function normalizeValue(value) {
    let start = 0;
    let end = value.length;
    while (start < end && isWhitespace($.charCodeAt(value, start))) start++;
    while (end > start && isWhitespace($.charCodeAt(value, end - 1))) end--;
    return $.strSlice(value, start, end);
  }

  function checkName(name, what) {
    const text = byteString(name, what);
    if (!isToken(text)) throw new $.TypeErrorCtor(what + ": invalid header name " + $.stringify(text));
    return text;
  }

  function checkValue(value, what) {
    const text = normalizeValue(byteString(value, what));
    for (let i = 0; i < text.length; i++) {
      const c = $.charCodeAt(text, i);
      if (c === 0 || c === 0x0a || c === 0x0d) throw new $.TypeErrorCtor(what + ": invalid header value " + $.stringify(text));
    }
    return text;
  }

  let headersInternals;
  class Headers {
    // [[name as given, value]], in order.
    #list = [];
    #guard = "none";

    constructor(init = undefined) {
      if (init !== undefined) fill(this, init);
    }

    append(name, value) {
      if (arguments.length < 2) throw new $.TypeErrorCtor("Headers.append: 2 arguments required");
      const key = checkName(name, "Headers.append");
      const text = checkValue(value, "Headers.append");
      this.#mutable("append");
      $.push(this.#list, [key, text]);
    }

    delete(name) {
      if (arguments.length < 1) throw new $.TypeErrorCtor("Headers.delete: 1 argument required");
      const key = $.lower(checkName(name, "Headers.delete"));
      this.#mutable("delete");
      const kept = [];
      for (let i = 0; i < this.#list.length; i++) if ($.lower(this.#list[i][0]) !== key) $.push(kept, this.#list[i]);
      this.#list = kept;
    }

    get(name) {
      if (arguments.length < 1) throw new $.TypeErrorCtor("Headers.get: 1 argument required");
      const key = $.lower(checkName(name, "Headers.get"));
      const values = [];
      for (let i = 0; i < this.#list.length; i++) if ($.lower(this.#list[i][0]) === key) $.push(values, this.#list[i][1]);
      return values.length === 0 ? null : $.join(values, ", ");
    }

    getSetCookie() {
      const out = [];
      for (let i = 0; i < this.#list.length; i++) if ($.lower(this.#list[i][0]) === "set-cookie") $.push(out, this.#list[i][1]);
      return out;
    }

    has(name) {
      if (arguments.length < 1) throw new $.TypeErrorCtor("Headers.has: 1 argument required");
      const key = $.lower(checkName(name, "Headers.has"));
      for (let i = 0; i < this.#list.length; i++) if ($.lower(this.#list[i][0]) === key) return true;
      return false;
    }

    set(name, value) {
      if (arguments.length < 2) throw new $.TypeErrorCtor("Headers.set: 2 arguments required");
      const key = checkName(name, "Headers.set");
      const text = checkValue(value, "Headers.set");
      this.#mutable("set");
      const lower = $.lower(key);
      const kept = [];
      let found = false;
      for (let i = 0; i < this.#list.length; i++) {
        if ($.lower(this.#list[i][0]) !== lower) {
          $.push(kept, this.#list[i]);
        } else if (!found) {
          found = true;
          $.push(kept, [this.#list[i][0], text]);
        }
      }
      if (!found) $.push(kept, [key, text]);
      this.#list = kept;
    }

    #mutable(what) {
      if (this.#guard === "immutable") throw new $.TypeErrorCtor("Headers." + what + ": these headers are immutable");
    }

    // Sort and combine: lowercase names in order, values joined with ", ",
    // except set-cookie, which stays one entry per value.
    #sorted() {
      const names = [];
      for (let i = 0; i < this.#list.length; i++) {
        const name = $.lower(this.#list[i][0]);
        if ($.arrayIndexOf(names, name) < 0) $.push(names, name);
      }
      $.sort(names, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const out = [];
      for (let i = 0; i < names.length; i++) {
        const name = names[i];
        if (name === "set-cookie") {
          for (let j = 0; j < this.#list.length; j++) if ($.lower(this.#list[j][0]) === name) $.push(out, [name, this.#list[j][1]]);
        } else {
          $.push(out, [name, this.get(name)]);
        }
      }
      return out;
    }

    static {
      headersInternals = {
        is: (value) => value !== null && typeof value === "object" && #list in value,
        list: (headers) => headers.#list,
        setGuard(headers, guard) {
          headers.#guard = guard;
        },
        guard: (headers) => headers.#guard,
        sorted: (headers) => headers.#sorted(),
        // For Request/Response construction: the list as given.
        replace(headers, list) {
          headers.#list = list;
        },
      };
    }
  }
  jsbox.definePairIterable(Headers.prototype, "Headers Iterator", (headers) => {
    if (!headersInternals.is(headers)) throw new $.TypeErrorCtor("not a Headers");
    return headersInternals.sorted(headers);
  });
  $.defineProperty(Headers.prototype, $.toStringTag, { value: "Headers", configurable: true });

  // HeadersInit: a sequence of pairs, a record, or another Headers.
  function fill(headers, init) {
    if (init === null || (typeof init !== "object" && typeof init !== "function")) {
      throw new $.TypeErrorCtor("Headers: the init must be a sequence of pairs or a record");
    }
    // (A Headers object is a sequence too: its @@iterator decides.)
    const method = init[$.iterator];
    if (method !== undefined && method !== null) {
      if (typeof method !== "function") throw new $.TypeErrorCtor("Headers: the init's @@iterator is not callable");
      for (const pair of init) {
        if (pair === null || (typeof pair !== "object" && typeof pair !== "function")) {
          throw new $.TypeErrorCtor("Headers: each header must be a [name, value] sequence");
        }
        const items = [];
        for (const item of pair) $.push(items, item);
        if (items.length !== 2) throw new $.TypeErrorCtor("Headers: each header must be a [name, value] pair");
        headers.append(items[0], items[1]);
      }
      return;
    }
    const keys = $.ownKeys(init);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const descriptor = $.getOwnPropertyDescriptor(init, key);
      if (descriptor === undefined || !descriptor.enumerable) continue;
      if (typeof key === "symbol") throw new $.TypeErrorCtor("Headers: a record key cannot be a symbol");
      // The key is converted (and may throw) before its value is read.
      const name = byteString(key, "Headers");
      headers.append(name, init[key]);
    }
  }

  function headersWith(init, guard) {
    const headers = new Headers();
    if (init !== undefined) fill(headers, init);
    headersInternals.setGuard(headers, guard);
    return headers;
  }

  function copyHeaders(from, guard) {
    const headers = new Headers();
    headersInternals.replace(headers, $.arraySlice(headersInternals.list(from)));
    headersInternals.setGuard(headers, guard);
    return headers;
  }

  // --- bodies ----------------------------------------------------------------

  // "Extract a body": bytes (or a stream) and the Content-Type it implies.
  function extract(object) {
    if (typeof object === "string") return { bytes: encode($.wellFormed(object)), stream: null, type: "text/plain;charset=UTF-8" };
    if (jsbox.isBlob(object)) {
      const type = object.type;
      return { bytes: jsbox.blobBytes(object), stream: null, type: type === "" ? null : type };
    }
    if (object instanceof $.ArrayBufferCtor || ($.SharedArrayBufferCtor !== undefined && object instanceof $.SharedArrayBufferCtor) || $.isView(object)) {
      return { bytes: jsbox.copyBytes(object), stream: null, type: null };
    }
    const list = jsbox.searchParamsList(object);
    if (list !== null) return { bytes: encode(jsbox.formEncode(list)), stream: null, type: "application/x-www-form-urlencoded;charset=UTF-8" };
    if (jsbox.isFormData(object)) return multipart(jsbox.formDataList(object));
    if (jsbox.isReadableStream(object)) {
      if (jsbox.streamDisturbed(object) || object.locked) throw new $.TypeErrorCtor("the body stream is disturbed or locked");
      return { bytes: null, stream: object, type: null };
    }
    return { bytes: encode($.wellFormed($.StringCtor(object))), stream: null, type: "text/plain;charset=UTF-8" };
  }

  // multipart/form-data (RFC 7578, as HTML encodes it).
  function multipart(list) {
    const random = new $.Uint8ArrayCtor(12);
    native.randomFill(random);
    let boundary = "----formdata-jsbox-";
    for (let i = 0; i < random.length; i++) boundary += $.StringCtor(random[i] % 10);
    const escape = (text) => $.replaceAll($.replaceAll($.replaceAll(text, "\n", "%0A"), "\r", "%0D"), "\"", "%22");
    const lines = (text) => $.replaceAll($.replaceAll($.replaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n", "\r\n");
    const chunks = [];
    for (let i = 0; i < list.length; i++) {
      const name = list[i][0], value = list[i][1];
      let head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + escape(lines(name)) + "\"";
      if (typeof value === "string") {
        $.push(chunks, encode(head + "\r\n\r\n" + lines(value) + "\r\n"));
      } else {
        head += "; filename=\"" + escape(value.name) + "\"\r\nContent-Type: " + (value.type === "" ? "application/octet-stream" : value.type);
        $.push(chunks, encode(head + "\r\n\r\n"), jsbox.blobBytes(value), encode("\r\n"));
      }
    }
    $.push(chunks, encode("--" + boundary + "--\r\n"));
    return { bytes: jsbox.concatBytes(chunks), stream: null, type: "multipart/form-data; boundary=" + boundary };
  }

  // A body's state, shared by the mixin methods of one Request or Response.
  class Body {
    constructor(extracted) {
      this.bytes = extracted === null ? null : extracted.bytes;
      this.stream = extracted === null ? null : extracted.stream;
      this.used = false;
    }

    get present() {
      return this.bytes !== null || this.stream !== null;
    }

    // The `body` attribute: made on first access for in-memory bytes.
    readable() {
      if (!this.present) return null;
      if (this.stream === null) this.stream = jsbox.byteStream(this.bytes);
      return this.stream;
    }

    get disturbed() {
      return this.used || (this.stream !== null && jsbox.streamDisturbed(this.stream));
    }

    async consume() {
      // No body: nothing to read, and nothing is disturbed.
      if (!this.present) return new $.Uint8ArrayCtor(0);
      if (this.disturbed || (this.stream !== null && this.stream.locked)) {
        throw new $.TypeErrorCtor("the body has already been read");
      }
      this.used = true;
      if (this.stream === null) return this.bytes;
      return jsbox.readAllBytes(this.stream);
    }

    // A copy for clone(): bytes are shared (never mutated), a stream is teed.
    clone() {
      const copy = new Body(null);
      copy.bytes = this.bytes;
      if (this.stream !== null) {
        const branches = this.stream.tee();
        this.stream = branches[0];
        copy.stream = branches[1];
      }
      return copy;
    }
  }

  // A stream that reads `source` (whose reader it takes).
  function proxyStream(source) {
    const reader = source.getReader();
    return new jsbox.ReadableStream({
      pull(controller) {
        return $.promiseThen(reader.read(), (result) => {
          if (result.done) controller.close();
          else controller.enqueue(result.value);
        });
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
  }

  function mimeEssence(type) {
    if (type === null) return "";
    const semicolon = $.strIndexOf(type, ";");
    return $.lower(normalizeValue(semicolon < 0 ? type : $.strSlice(type, 0, semicolon)));
  }

  function parseFormData(bytes, type) {
    const essence = mimeEssence(type);
    const form = new jsbox.FormData();
    if (essence === "application/x-www-form-urlencoded") {
      const pairs = jsbox.formDecode(jsbox.decodeKeepBom(bytes));
      for (let i = 0; i < pairs.length; i++) form.append(pairs[i][0], pairs[i][1]);
      return form;
    }
    if (essence !== "multipart/form-data") throw new $.TypeErrorCtor("formData: the body is not form data (" + $.stringify(type) + ")");
    const match = $.regexpExec(/;\s*boundary=(?:"([^"]*)"|([^;\s]*))/i, type);
    const boundary = match === null ? "" : match[1] !== undefined ? match[1] : match[2];
    if (boundary === "") throw new $.TypeErrorCtor("formData: the multipart body has no boundary");
    const text = latin1(bytes);
    const delimiter = "--" + boundary;
    let at = $.strIndexOf(text, delimiter);
    if (at < 0) throw new $.TypeErrorCtor("formData: the multipart body is malformed");
    for (;;) {
      at += delimiter.length;
      if ($.strSlice(text, at, at + 2) === "--") break;
      if ($.strSlice(text, at, at + 2) !== "\r\n") throw new $.TypeErrorCtor("formData: the multipart body is malformed");
      at += 2;
      const headEnd = $.strIndexOf(text, "\r\n\r\n", at);
      const next = $.strIndexOf(text, "\r\n" + delimiter, at);
      if (headEnd < 0 || next < 0 || headEnd > next) throw new $.TypeErrorCtor("formData: the multipart body is malformed");
      const head = $.split($.strSlice(text, at, headEnd), "\r\n");
      let name = null;
      let filename = null;
      let partType = "";
      for (let i = 0; i < head.length; i++) {
        const line = head[i];
        const colon = $.strIndexOf(line, ":");
        if (colon < 0) continue;
        const field = $.lower($.trim($.strSlice(line, 0, colon)));
        const value = $.trim($.strSlice(line, colon + 1));
        if (field === "content-disposition") {
          const n = $.regexpExec(/;\s*name="([^"]*)"/i, value);
          const f = $.regexpExec(/;\s*filename="([^"]*)"/i, value);
          if (n !== null) name = n[1];
          if (f !== null) filename = f[1];
        } else if (field === "content-type") {
          partType = value;
        }
      }
      if (name === null) throw new $.TypeErrorCtor("formData: a part has no name");
      const body = $.u8Slice(bytes, headEnd + 4, next);
      const decodedName = decode(latin1Bytes(name));
      if (filename === null) {
        form.append(decodedName, decode(body));
      } else {
        form.append(decodedName, new jsbox.File(jsbox.blobParts([body]), decode(latin1Bytes(filename)), { type: partType }));
      }
      at = next + 2;
    }
    return form;
  }

  function latin1(bytes) {
    let out = "";
    for (let i = 0; i < bytes.length; i += 8192) out += $.apply($.fromCharCode, null, $.arraySlice($.u8Subarray(bytes, i, i + 8192)));
    return out;
  }

  function latin1Bytes(text) {
    const out = new $.Uint8ArrayCtor(text.length);
    for (let i = 0; i < text.length; i++) out[i] = $.charCodeAt(text, i);
    return out;
  }

  // The body mixin's methods, on Request.prototype and Response.prototype.
  function defineBodyMixin(prototype, bodyOf, headersOf) {
    const methods = {
      arrayBuffer() {
        return $.promiseThen(bodyOf(this).consume(), (bytes) => $.bufferSlice($.viewBuffer(bytes), $.viewByteOffset(bytes), $.viewByteOffset(bytes) + bytes.length));
      },
      blob() {
        const type = headersOf(this).get("content-type");
        return $.promiseThen(bodyOf(this).consume(), (bytes) => jsbox.makeBlob($.u8Slice(bytes), type === null ? "" : type));
      },
      bytes() {
        return $.promiseThen(bodyOf(this).consume(), (bytes) => $.u8Slice(bytes));
      },
      formData() {
        const type = headersOf(this).get("content-type");
        return $.promiseThen(bodyOf(this).consume(), (bytes) => parseFormData(bytes, type));
      },
      json() {
        return $.promiseThen(bodyOf(this).consume(), (bytes) => $.parse(decode(bytes)));
      },
      text() {
        return $.promiseThen(bodyOf(this).consume(), (bytes) => decode(bytes));
      },
    };
    const names = ["arrayBuffer", "blob", "bytes", "formData", "json", "text"];
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      $.defineProperty(prototype, name, { value: methods[name], writable: true, enumerable: true, configurable: true });
    }
    $.defineProperty(prototype, "body", {
      enumerable: true,
      configurable: true,
      get() {
        return bodyOf(this).readable();
      },
    });
    $.defineProperty(prototype, "bodyUsed", {
      enumerable: true,
      configurable: true,
      get() {
        return bodyOf(this).disturbed;
      },
    });
  }

  // --- Request -----------------------------------------------------------

  const FORBIDDEN_METHODS = ["CONNECT", "TRACE", "TRACK"];
  const NORMALIZED_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];
  const ENUMS = {
    mode: ["navigate", "same-origin", "no-cors", "cors"],
    credentials: ["omit", "same-origin", "include"],
    cache: ["default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"],
    redirect: ["follow", "error", "manual"],
    referrerPolicy: ["", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin",
      "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url"],
    priority: ["high", "low", "auto"],
    duplex: ["half"],
  };

  function enumValue(value, name, what) {
    const text = $.StringCtor(value);
    if ($.arrayIndexOf(ENUMS[name], text) < 0) throw new $.TypeErrorCtor(what + ": " + $.stringify(text) + " is not a valid " + name);
    return text;
  }

  let requestInternals;
  class Request {
    #url;
    #method = "GET";
    #headers;
    #body = new Body(null);
    #signal;
    #mode = "cors";
    #credentials = "same-origin";
    #cache = "default";
    #redirect = "follow";
    #referrer = "about:client";
    #referrerPolicy = "";
    #integrity = "";
    #keepalive = false;
    #priority = "auto";

    constructor(input, init = undefined) {
      if (arguments.length === 0) throw new $.TypeErrorCtor("Request: 1 argument required, but only 0 present");
      if (init !== undefined && init !== null && typeof init !== "object" && typeof init !== "function") {
        throw new $.TypeErrorCtor("Request: the init must be an object");
      }
      const options = init === undefined || init === null ? {} : init;
      const base = requestInternals.is(input) ? input : null;
      if (base === null) {
        const parsed = jsbox.parseUrl(input);
        if (parsed === null || parsed === undefined) {
          throw new $.TypeErrorCtor("Request: " + $.stringify($.wellFormed($.StringCtor(input))) + " is not an absolute URL");
        }
        if (parsed[2] !== "" || parsed[3] !== "") throw new $.TypeErrorCtor("Request: the URL must not contain credentials");
        this.#url = parsed[0];
      } else {
        this.#url = base.#url;
        this.#method = base.#method;
        this.#mode = base.#mode;
        this.#credentials = base.#credentials;
        this.#cache = base.#cache;
        this.#redirect = base.#redirect;
        this.#referrer = base.#referrer;
        this.#referrerPolicy = base.#referrerPolicy;
        this.#integrity = base.#integrity;
        this.#keepalive = base.#keepalive;
        this.#priority = base.#priority;
      }
      const given = (name) => options[name] !== undefined;
      if (given("window") && options.window !== null) throw new $.TypeErrorCtor("Request: window can only be null");
      if (given("referrer")) {
        const referrer = $.wellFormed($.StringCtor(options.referrer));
        if (referrer === "") {
          this.#referrer = "";
        } else {
          const parsed = jsbox.parseUrl(referrer);
          if (parsed === null || parsed === undefined) throw new $.TypeErrorCtor("Request: invalid referrer " + $.stringify(referrer));
          this.#referrer = parsed[0] === "about:client" ? "about:client" : parsed[0];
        }
      }
      if (given("referrerPolicy")) this.#referrerPolicy = enumValue(options.referrerPolicy, "referrerPolicy", "Request");
      if (given("mode")) {
        const mode = enumValue(options.mode, "mode", "Request");
        if (mode === "navigate") throw new $.TypeErrorCtor("Request: mode cannot be \"navigate\"");
        this.#mode = mode;
      } else if (base === null) {
        this.#mode = "cors";
      }
      if (given("credentials")) this.#credentials = enumValue(options.credentials, "credentials", "Request");
      if (given("cache")) this.#cache = enumValue(options.cache, "cache", "Request");
      if (this.#cache === "only-if-cached" && this.#mode !== "same-origin") {
        throw new $.TypeErrorCtor("Request: cache \"only-if-cached\" needs mode \"same-origin\"");
      }
      if (given("redirect")) this.#redirect = enumValue(options.redirect, "redirect", "Request");
      if (given("integrity")) this.#integrity = $.StringCtor(options.integrity);
      if (given("keepalive")) this.#keepalive = !!options.keepalive;
      if (given("priority")) this.#priority = enumValue(options.priority, "priority", "Request");
      if (given("duplex")) enumValue(options.duplex, "duplex", "Request");
      if (given("method")) {
        const method = byteString(options.method, "Request");
        if (!isToken(method)) throw new $.TypeErrorCtor("Request: invalid method " + $.stringify(method));
        const upper = $.upper(method);
        if ($.arrayIndexOf(FORBIDDEN_METHODS, upper) >= 0) throw new $.TypeErrorCtor("Request: the method " + method + " is forbidden");
        this.#method = $.arrayIndexOf(NORMALIZED_METHODS, upper) >= 0 ? upper : method;
      }
      // The signal follows init's (or the input's) signal.
      let source = base !== null ? base.#signal : null;
      if (given("signal")) {
        source = options.signal;
        if (source !== null && !jsbox.isAbortSignal(source)) throw new $.TypeErrorCtor("Request: signal must be an AbortSignal");
      }
      this.#signal = source === null ? jsbox.newSignal() : jsbox.anySignal([source]);
      // Headers: init's, else a copy of the input's.
      if (given("headers")) {
        this.#headers = headersWith(undefined, "request");
        fill(this.#headers, options.headers);
      } else {
        this.#headers = base !== null ? copyHeaders(base.#headers, "request") : headersWith(undefined, "request");
      }
      if (this.#mode === "no-cors" && !(this.#method === "GET" || this.#method === "HEAD" || this.#method === "POST")) {
        throw new $.TypeErrorCtor("Request: a no-cors request must be GET, HEAD or POST");
      }
      const bodyInit = given("body") ? options.body : null;
      const inputBody = base !== null ? base.#body : null;
      const inherited = bodyInit === null && inputBody !== null && inputBody.present;
      if ((bodyInit !== null || inherited) && (this.#method === "GET" || this.#method === "HEAD")) {
        throw new $.TypeErrorCtor("Request: a " + this.#method + " request cannot have a body");
      }
      if (bodyInit !== null) {
        const extracted = extract(bodyInit);
        if (extracted.stream !== null && options.duplex !== "half") {
          throw new $.TypeErrorCtor("Request: a stream body needs duplex: \"half\"");
        }
        if (extracted.stream !== null && this.#keepalive) {
          throw new $.TypeErrorCtor("Request: a keepalive request cannot have a stream body");
        }
        this.#body = new Body(extracted);
        if (extracted.type !== null && !this.#headers.has("content-type")) this.#headers.append("Content-Type", extracted.type);
      } else if (inherited) {
        if (inputBody.disturbed || (inputBody.stream !== null && inputBody.stream.locked)) {
          throw new $.TypeErrorCtor("Request: the input request's body has been used");
        }
        // The input's body moves to this request (a body of its own, reading
        // the same bytes); the input is disturbed.
        const moved = new Body(null);
        moved.bytes = inputBody.bytes;
        if (inputBody.bytes === null) moved.stream = proxyStream(inputBody.stream);
        inputBody.used = true;
        this.#body = moved;
      }
    }

    get method() { return this.#method; }
    get url() { return this.#url; }
    get headers() { return this.#headers; }
    get destination() { return ""; }
    get referrer() {
      if (this.#referrer === "") return "";
      return this.#referrer;
    }
    get referrerPolicy() { return this.#referrerPolicy; }
    get mode() { return this.#mode; }
    get credentials() { return this.#credentials; }
    get cache() { return this.#cache; }
    get redirect() { return this.#redirect; }
    get integrity() { return this.#integrity; }
    get keepalive() { return this.#keepalive; }
    get isReloadNavigation() { return false; }
    get isHistoryNavigation() { return false; }
    get signal() { return this.#signal; }
    get duplex() { return "half"; }

    clone() {
      if (this.#body.disturbed || (this.#body.stream !== null && this.#body.stream.locked)) {
        throw new $.TypeErrorCtor("Request.clone: the body has already been read");
      }
      // Made without a body (so this request keeps its own), then given a copy.
      const body = this.#body;
      this.#body = new Body(null);
      let copy;
      try {
        copy = new Request(this, { signal: this.#signal });
      } finally {
        this.#body = body;
      }
      copy.#body = body.clone();
      copy.#headers = copyHeaders(this.#headers, "request");
      return copy;
    }

    static {
      requestInternals = {
        is: (value) => value !== null && typeof value === "object" && #url in value,
        body: (request) => request.#body,
        headers: (request) => request.#headers,
        redirect: (request) => request.#redirect,
      };
    }
  }
  defineBodyMixin(Request.prototype, (request) => {
    if (!requestInternals.is(request)) throw new $.TypeErrorCtor("not a Request");
    return requestInternals.body(request);
  }, requestInternals.headers);
  enumerableAccessors(Request.prototype, ["method", "url", "headers", "destination", "referrer", "referrerPolicy", "mode",
    "credentials", "cache", "redirect", "integrity", "keepalive", "isReloadNavigation", "isHistoryNavigation", "signal", "duplex"]);
  $.defineProperty(Request.prototype, $.toStringTag, { value: "Request", configurable: true });

  function enumerableAccessors(prototype, names) {
    for (let i = 0; i < names.length; i++) {
      const descriptor = $.getOwnPropertyDescriptor(prototype, names[i]);
      descriptor.enumerable = true;
      $.defineProperty(prototype, names[i], descriptor);
    }
  }

  // --- Response ----------------------------------------------------------

  const NULL_BODY_STATUSES = [101, 103, 204, 205, 304];
  const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

  function reasonPhrase(text) {
    for (let i = 0; i < text.length; i++) {
      const c = $.charCodeAt(text, i);
      if (!(c === 0x09 || (c >= 0x20 && c <= 0x7e) || (c >= 0x80 && c <= 0xff))) return false;
    }
    return true;
  }

  let responseInternals;
  class Response {
    #type = "default";
    #url = "";
    #urls = 0;
    #status = 200;
    #statusText = "";
    #headers;
    #body = new Body(null);

    constructor(body = null, init = undefined) {
      if (init !== undefined && init !== null && typeof init !== "object" && typeof init !== "function") {
        throw new $.TypeErrorCtor("Response: the init must be an object");
      }
      const options = init === undefined || init === null ? {} : init;
      const status = options.status === undefined ? 200 : toUnsignedShort(options.status);
      if (status < 200 || status > 599) throw new $.RangeErrorCtor("Response: status " + status + " is not in 200..599");
      const statusText = options.statusText === undefined ? "" : byteString(options.statusText, "Response");
      if (!reasonPhrase(statusText)) throw new $.TypeErrorCtor("Response: invalid statusText " + $.stringify(statusText));
      this.#status = status;
      this.#statusText = statusText;
      this.#headers = headersWith(options.headers, "response");
      if (body !== null && body !== undefined) {
        if ($.arrayIndexOf(NULL_BODY_STATUSES, status) >= 0) {
          throw new $.TypeErrorCtor("Response: a " + status + " response cannot have a body");
        }
        const extracted = extract(body);
        this.#body = new Body(extracted);
        if (extracted.type !== null && !this.#headers.has("content-type")) this.#headers.append("Content-Type", extracted.type);
      }
    }

    static error() {
      const response = new Response();
      response.#type = "error";
      response.#status = 0;
      headersInternals.setGuard(response.#headers, "immutable");
      return response;
    }

    static redirect(url, status = 302) {
      const parsed = jsbox.parseUrl(url);
      if (parsed === null || parsed === undefined) throw new $.TypeErrorCtor("Response.redirect: invalid URL " + $.stringify($.StringCtor(url)));
      const code = toUnsignedShort(status);
      if ($.arrayIndexOf(REDIRECT_STATUSES, code) < 0) throw new $.RangeErrorCtor("Response.redirect: " + code + " is not a redirect status");
      const response = new Response(null, { status: code });
      headersInternals.replace(response.#headers, [["Location", parsed[0]]]);
      headersInternals.setGuard(response.#headers, "immutable");
      return response;
    }

    static json(data, init = undefined) {
      const text = $.stringify(data);
      if (text === undefined) throw new $.TypeErrorCtor("Response.json: the data is not JSON-serializable");
      const response = new Response(text, init);
      // "application/json" unless the init's headers set a type.
      const list = headersInternals.list(response.#headers);
      for (let i = 0; i < list.length; i++) {
        if ($.lower(list[i][0]) === "content-type" && list[i][1] === "text/plain;charset=UTF-8") list[i][1] = "application/json";
      }
      return response;
    }

    get type() { return this.#type; }
    get url() { return this.#url; }
    get redirected() { return this.#urls > 1; }
    get status() { return this.#status; }
    get ok() { return this.#status >= 200 && this.#status <= 299; }
    get statusText() { return this.#statusText; }
    get headers() { return this.#headers; }

    clone() {
      if (this.#body.disturbed || (this.#body.stream !== null && this.#body.stream.locked)) {
        throw new $.TypeErrorCtor("Response.clone: the body has already been read");
      }
      const copy = new Response();
      copy.#type = this.#type;
      copy.#url = this.#url;
      copy.#urls = this.#urls;
      copy.#status = this.#status;
      copy.#statusText = this.#statusText;
      copy.#headers = copyHeaders(this.#headers, headersInternals.guard(this.#headers));
      copy.#body = this.#body.clone();
      return copy;
    }

    static {
      responseInternals = {
        is: (value) => value !== null && typeof value === "object" && #status in value,
        body: (response) => response.#body,
        headers: (response) => response.#headers,
        // A response from the network, as `fetch` resolves it.
        fromNetwork(result, requestUrl) {
          const response = new Response();
          response.#type = "basic";
          response.#url = result.url;
          response.#urls = result.url === requestUrl ? 1 : 2;
          response.#status = result.status;
          response.#statusText = result.statusText;
          const list = [];
          for (let i = 0; i < result.headers.length; i += 2) $.push(list, [result.headers[i], result.headers[i + 1]]);
          headersInternals.replace(response.#headers, list);
          headersInternals.setGuard(response.#headers, "immutable");
          const bytes = new $.Uint8ArrayCtor(result.body);
          response.#body = new Body({ bytes, stream: null, type: null });
          return response;
        },
      };
    }
  }
  defineBodyMixin(Response.prototype, (response) => {
    if (!responseInternals.is(response)) throw new $.TypeErrorCtor("not a Response");
    return responseInternals.body(response);
  }, responseInternals.headers);
  enumerableAccessors(Response.prototype, ["type", "url", "redirected", "status", "ok", "statusText", "headers"]);
  $.defineProperty(Response.prototype, $.toStringTag, { value: "Response", configurable: true });

  function toUnsignedShort(value) {
    const n = $.NumberCtor(value);
    if (!$.isFinite(n)) return 0;
    const t = $.MathTrunc(n) % 65536;
    return t < 0 ? t + 65536 : t;
  }

  // --- fetch -----------------------------------------------------------------

  jsbox.defineGlobal("fetch", function fetch(input, init = undefined) {
    let request;
    try {
      if (arguments.length === 0) throw new $.TypeErrorCtor("fetch: 1 argument required, but only 0 present");
      request = new Request(input, init);
    } catch (error) {
      return $.promiseReject(error);
    }
    const signal = request.signal;
    if (signal.aborted) return $.promiseReject(signal.reason);
    // The host follows redirects itself, each hop checked against the
    // policy: there is no opaque-redirect response to hand back.
    const redirect = requestInternals.redirect(request);
    if (redirect === "manual") {
      return $.promiseReject(new $.TypeErrorCtor('fetch: redirect: "manual" is not supported; jsbox follows redirects (each hop checked against the policy)'));
    }
    const body = requestInternals.body(request);
    const sent = body.present ? body.consume() : $.promiseResolve(null);
    return $.promiseThen(sent, (bytes) => {
      const flat = [];
      const list = headersInternals.list(request.headers);
      for (let i = 0; i < list.length; i++) $.push(flat, list[i][0], list[i][1]);
      const url = request.url;
      return $.promiseThen(
        jsbox.request(request.method, url, flat, bytes === null ? undefined : bytes, signal, redirect !== "error"),
        (result) => responseInternals.fromNetwork(result, url),
      );
    });
  }, true);

  jsbox.expose("Headers", Headers);
  jsbox.expose("Request", Request);
  jsbox.expose("Response", Response);
});
