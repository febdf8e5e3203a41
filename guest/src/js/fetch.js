// `fetch` with `Headers`, `Request` and `Response`, and minimal `URL` and
// `URLSearchParams`: enough of the web platform for scripts to read
// naturally. Requests go through the same host path (and policy) as `http.*`.
(function (native, jsbox) {
  "use strict";

  const encoder = new TextEncoder();
  const decode = jsbox.decode;
  const parse = jsbox.parse;
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

  function headerName(name) {
    const text = String(name);
    if (!TOKEN.test(text)) throw new TypeError("invalid header name: " + JSON.stringify(text));
    return text.toLowerCase();
  }

  class Headers {
    #map = new Map();

    constructor(init) {
      if (init === undefined || init === null) return;
      if (init instanceof Headers) {
        init.forEach((value, name) => this.append(name, value));
      } else if (typeof init[Symbol.iterator] === "function") {
        for (const pair of init) {
          if (pair.length !== 2) throw new TypeError("each header must be a [name, value] pair");
          this.append(pair[0], pair[1]);
        }
      } else if (typeof init === "object") {
        for (const name of Object.keys(init)) this.append(name, init[name]);
      } else {
        throw new TypeError("headers must be an object, an array of pairs or a Headers");
      }
    }

    append(name, value) {
      const key = headerName(name);
      const text = String(value).trim();
      const current = this.#map.get(key);
      this.#map.set(key, current === undefined ? text : current + ", " + text);
    }

    set(name, value) {
      this.#map.set(headerName(name), String(value).trim());
    }

    get(name) {
      const value = this.#map.get(headerName(name));
      return value === undefined ? null : value;
    }

    has(name) {
      return this.#map.has(headerName(name));
    }

    delete(name) {
      this.#map.delete(headerName(name));
    }

    forEach(callback, thisArg) {
      for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
    }

    *entries() {
      const sorted = [...this.#map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      yield* sorted;
    }

    *keys() {
      for (const [name] of this.entries()) yield name;
    }

    *values() {
      for (const [, value] of this.entries()) yield value;
    }

    [Symbol.iterator]() {
      return this.entries();
    }

    get [Symbol.toStringTag]() {
      return "Headers";
    }
  }

  // A request or response body as bytes (or null), and the content type it implies.
  function bodyBytes(body) {
    if (body === undefined || body === null) return { bytes: null, type: null };
    if (typeof body === "string") return { bytes: encoder.encode(body), type: "text/plain;charset=UTF-8" };
    if (body instanceof URLSearchParams) {
      return { bytes: encoder.encode(body.toString()), type: "application/x-www-form-urlencoded;charset=UTF-8" };
    }
    if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body.slice(0)), type: null };
    if (ArrayBuffer.isView(body)) {
      return { bytes: new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)), type: null };
    }
    throw new TypeError("a body must be a string, an ArrayBuffer, a typed array or URLSearchParams (for JSON, use JSON.stringify)");
  }

  class Response {
    #bytes;
    #used = false;

    constructor(body = null, init = {}) {
      const { bytes, type } = bodyBytes(body);
      this.#bytes = bytes;
      this.status = init.status === undefined ? 200 : Number(init.status);
      if (!(this.status >= 200 && this.status <= 599)) throw new RangeError("status must be in 200..599");
      this.statusText = init.statusText === undefined ? "" : String(init.statusText);
      this.headers = new Headers(init.headers);
      if (type !== null && !this.headers.has("content-type")) this.headers.set("content-type", type);
      this.ok = this.status >= 200 && this.status <= 299;
      this.url = "";
      this.redirected = false;
      this.type = "default";
    }

    get bodyUsed() {
      return this.#used;
    }

    #consume() {
      if (this.#used) return Promise.reject(new TypeError("the body has already been read"));
      this.#used = true;
      return Promise.resolve(this.#bytes === null ? new Uint8Array(0) : this.#bytes);
    }

    async arrayBuffer() {
      const bytes = await this.#consume();
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    }

    async bytes() {
      return (await this.#consume()).slice();
    }

    async text() {
      return decode(await this.#consume());
    }

    async json() {
      return parse(await this.text());
    }

    clone() {
      if (this.#used) throw new TypeError("cannot clone a response whose body has been read");
      const copy = new Response(this.#bytes === null ? null : this.#bytes.slice(), this);
      copy.url = this.url;
      copy.redirected = this.redirected;
      copy.type = this.type;
      return copy;
    }

    static json(data, init = {}) {
      const response = new Response(JSON.stringify(data), init);
      response.headers.set("content-type", "application/json");
      return response;
    }

    get [Symbol.toStringTag]() {
      return "Response";
    }
  }

  class Request {
    constructor(input, init = {}) {
      const base = input instanceof Request ? input : null;
      this.url = base ? base.url : input instanceof URL ? input.href : String(input);
      this.method = String(init.method !== undefined ? init.method : base ? base.method : "GET").toUpperCase();
      this.headers = new Headers(init.headers !== undefined ? init.headers : base ? base.headers : undefined);
      this.body = init.body !== undefined ? init.body : base ? base.body : null;
      if ((this.method === "GET" || this.method === "HEAD") && this.body !== null && this.body !== undefined) {
        throw new TypeError("a " + this.method + " request cannot have a body");
      }
    }

    get [Symbol.toStringTag]() {
      return "Request";
    }
  }

  globalThis.fetch = async function fetch(input, init) {
    const request = new Request(input, init);
    const { bytes, type } = bodyBytes(request.body);
    if (type !== null && !request.headers.has("content-type")) request.headers.set("content-type", type);
    const flat = [];
    request.headers.forEach((value, name) => flat.push(name, value));
    const result = await jsbox.request(request.method, request.url, flat, bytes === null ? undefined : bytes);
    const headers = [];
    for (let i = 0; i < result.headers.length; i += 2) headers.push([result.headers[i], result.headers[i + 1]]);
    // Built as a 200 and then given the real status: a network response may
    // carry any status (a Response a script constructs may not).
    const response = new Response(new Uint8Array(result.body), { headers });
    const fixed = (value) => ({ value, enumerable: true });
    Object.defineProperties(response, {
      status: fixed(result.status),
      statusText: fixed(result.statusText),
      ok: fixed(result.status >= 200 && result.status <= 299),
      url: fixed(result.url),
      redirected: fixed(sameUrl(result.url, request.url) === false),
      type: fixed("basic"),
    });
    return response;
  };

  function sameUrl(a, b) {
    try {
      return new URL(a).href === new URL(b).href;
    } catch (_) {
      return a === b;
    }
  }

  class URLSearchParams {
    #pairs = [];

    constructor(init) {
      if (init === undefined || init === null) return;
      if (typeof init === "string") {
        const text = init.startsWith("?") ? init.slice(1) : init;
        for (const part of text.split("&")) {
          if (part === "") continue;
          const eq = part.indexOf("=");
          const name = eq < 0 ? part : part.slice(0, eq);
          const value = eq < 0 ? "" : part.slice(eq + 1);
          this.#pairs.push([formDecode(name), formDecode(value)]);
        }
      } else if (typeof init[Symbol.iterator] === "function") {
        for (const [name, value] of init) this.#pairs.push([String(name), String(value)]);
      } else if (typeof init === "object") {
        for (const name of Object.keys(init)) this.#pairs.push([name, String(init[name])]);
      }
    }

    append(name, value) {
      this.#pairs.push([String(name), String(value)]);
    }

    delete(name) {
      this.#pairs = this.#pairs.filter(([n]) => n !== String(name));
    }

    get(name) {
      const found = this.#pairs.find(([n]) => n === String(name));
      return found ? found[1] : null;
    }

    getAll(name) {
      return this.#pairs.filter(([n]) => n === String(name)).map(([, v]) => v);
    }

    has(name) {
      return this.#pairs.some(([n]) => n === String(name));
    }

    set(name, value) {
      const key = String(name);
      const index = this.#pairs.findIndex(([n]) => n === key);
      if (index < 0) {
        this.#pairs.push([key, String(value)]);
        return;
      }
      this.#pairs[index][1] = String(value);
      this.#pairs = this.#pairs.filter(([n], i) => n !== key || i === index);
    }

    sort() {
      this.#pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    }

    forEach(callback, thisArg) {
      for (const [name, value] of this.#pairs) callback.call(thisArg, value, name, this);
    }

    *entries() {
      yield* this.#pairs.map((pair) => pair.slice());
    }

    *keys() {
      for (const [name] of this.#pairs) yield name;
    }

    *values() {
      for (const [, value] of this.#pairs) yield value;
    }

    [Symbol.iterator]() {
      return this.entries();
    }

    get size() {
      return this.#pairs.length;
    }

    toString() {
      return this.#pairs.map(([n, v]) => formEncode(n) + "=" + formEncode(v)).join("&");
    }
  }

  function formEncode(text) {
    return encodeURIComponent(text).replace(/%20/g, "+").replace(/[!'()~]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  }

  function formDecode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch (_) {
      return text;
    }
  }

  // Absolute http(s) URLs and relative references against one.
  const ABSOLUTE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:([^/?#@]*)@)?(\[[^\]]*\]|[^/?#:]*)(?::(\d*))?([^?#]*)(\?[^#]*)?(#.*)?$/;
  const DEFAULT_PORT = { "http:": "80", "https:": "443" };

  class URL {
    #search;
    #rawSearch = "";

    constructor(input, base) {
      let text = String(input).trim();
      if (base !== undefined && !ABSOLUTE.test(text)) text = resolve(text, new URL(base));
      const m = ABSOLUTE.exec(text);
      if (!m) throw new TypeError("invalid URL: " + JSON.stringify(String(input)));
      this.protocol = m[1].toLowerCase() + ":";
      const auth = m[2] || "";
      const colon = auth.indexOf(":");
      this.username = colon < 0 ? auth : auth.slice(0, colon);
      this.password = colon < 0 ? "" : auth.slice(colon + 1);
      this.hostname = m[3].toLowerCase();
      this.port = m[4] && m[4] !== DEFAULT_PORT[this.protocol] ? String(Number(m[4])) : "";
      this.pathname = normalizePath(m[5] || "/");
      this.#search = new URLSearchParams(m[6] || "");
      this.hash = m[7] && m[7] !== "#" ? m[7] : "";
      this.#rawSearch = m[6] && m[6] !== "?" ? m[6] : "";
    }

    get host() {
      return this.port ? this.hostname + ":" + this.port : this.hostname;
    }

    get origin() {
      return this.protocol + "//" + this.host;
    }

    get searchParams() {
      return this.#search;
    }

    get search() {
      const text = this.#search.toString();
      if (this.#rawSearch && new URLSearchParams(this.#rawSearch).toString() === text) return this.#rawSearch;
      return text ? "?" + text : "";
    }

    set search(value) {
      this.#rawSearch = "";
      this.#search = new URLSearchParams(String(value));
    }

    get href() {
      const auth = this.username ? this.username + (this.password ? ":" + this.password : "") + "@" : "";
      return this.protocol + "//" + auth + this.host + this.pathname + this.search + this.hash;
    }

    toString() {
      return this.href;
    }

    toJSON() {
      return this.href;
    }
  }

  function normalizePath(path) {
    const out = [];
    for (const segment of path.split("/").slice(1)) {
      if (segment === "..") out.pop();
      else if (segment !== ".") out.push(segment);
    }
    const last = path.split("/").pop();
    if (last === "." || last === "..") out.push("");
    return "/" + out.join("/");
  }

  function resolve(reference, base) {
    if (reference.startsWith("//")) return base.protocol + reference;
    if (reference.startsWith("/")) return base.origin + reference;
    if (reference.startsWith("?")) return base.origin + base.pathname + reference;
    if (reference.startsWith("#")) return base.origin + base.pathname + base.search + reference;
    const dir = base.pathname.slice(0, base.pathname.lastIndexOf("/") + 1);
    return base.origin + dir + reference;
  }

  globalThis.Headers = Headers;
  globalThis.Request = Request;
  globalThis.Response = Response;
  globalThis.URL = URL;
  globalThis.URLSearchParams = URLSearchParams;
});
