// URL and URLSearchParams (the WHATWG URL standard) on the `url` crate
// (src/web.rs): parsing, every setter, URL.parse/canParse, a live
// `searchParams`, application/x-www-form-urlencoded.
(function (native, jsbox) {
  "use strict";

  const $ = jsbox.$;
  const usv = (value) => $.wellFormed($.StringCtor(value));
  // Component indexes of native.urlParse/urlSet's answer.
  const HREF = 0, PROTOCOL = 1, USERNAME = 2, PASSWORD = 3, HOST = 4, HOSTNAME = 5, PORT = 6, PATHNAME = 7,
    SEARCH = 8, HASH = 9, ORIGIN = 10;

  // --- iterators shared with Headers and FormData ---------------------------

  const IteratorPrototype = $.IteratorPrototype;
  // An iterator over `pairs()` read afresh at every step (live, as WebIDL's
  // pair iterators are), yielding keys, values or [key, value].
  function pairIterator(tag) {
    const state = new $.WeakMapCtor();
    const prototype = $.create(IteratorPrototype);
    $.defineProperty(prototype, "next", {
      writable: true,
      configurable: true,
      enumerable: true,
      value: function next() {
        const it = $.weakMapGet(state, this);
        if (it === undefined) throw new $.TypeErrorCtor("next: not a " + tag);
        const pairs = it.pairs();
        if (it.index >= pairs.length) return { value: undefined, done: true };
        const pair = pairs[it.index++];
        const value = it.kind === "key" ? pair[0] : it.kind === "value" ? pair[1] : [pair[0], pair[1]];
        return { value, done: false };
      },
    });
    $.defineProperty(prototype, $.toStringTag, { value: tag, configurable: true });
    return function make(pairs, kind) {
      const it = $.create(prototype);
      $.weakMapSet(state, it, { pairs, kind, index: 0 });
      return it;
    };
  }

  // The iterable methods of a pair-iterable interface, on its prototype.
  function definePairIterable(prototype, tag, pairsOf) {
    const make = pairIterator(tag);
    const methods = {
      entries() {
        const self = this;
        pairsOf(self);
        return make(() => pairsOf(self), "key+value");
      },
      keys() {
        const self = this;
        pairsOf(self);
        return make(() => pairsOf(self), "key");
      },
      values() {
        const self = this;
        pairsOf(self);
        return make(() => pairsOf(self), "value");
      },
      forEach(callback, thisArg = undefined) {
        if (typeof callback !== "function") throw new $.TypeErrorCtor("forEach: the callback must be a function");
        for (let i = 0; i < pairsOf(this).length; i++) {
          const pair = pairsOf(this)[i];
          $.apply(callback, thisArg, [pair[1], pair[0], this]);
        }
      },
    };
    const names = ["entries", "keys", "values", "forEach"];
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      $.defineProperty(prototype, name, { value: methods[name], writable: true, enumerable: true, configurable: true });
    }
    $.defineProperty(prototype, $.iterator, { value: methods.entries, writable: true, configurable: true });
  }
  jsbox.definePairIterable = definePairIterable;

  // --- URLSearchParams -------------------------------------------------------

  let paramsInternals;
  class URLSearchParams {
    #list = [];
    #url = null;

    constructor(init = "") {
      if (init !== null && (typeof init === "object" || typeof init === "function")) {
        const method = init[$.iterator];
        if (method !== undefined && method !== null) {
          if (typeof method !== "function") throw new $.TypeErrorCtor("URLSearchParams: the init's @@iterator is not callable");
          for (const pair of init) {
            if (pair === null || (typeof pair !== "object" && typeof pair !== "function")) {
              throw new $.TypeErrorCtor("URLSearchParams: each pair must be a sequence");
            }
            const items = [];
            for (const item of pair) $.push(items, usv(item));
            if (items.length !== 2) throw new $.TypeErrorCtor("URLSearchParams: each pair must have exactly two items");
            $.push(this.#list, items);
          }
        } else {
          const keys = $.ownKeys(init);
          for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            if (typeof key !== "string") continue;
            const descriptor = $.getOwnPropertyDescriptor(init, key);
            if (descriptor === undefined || !descriptor.enumerable) continue;
            const name = usv(key);
            const value = usv(init[key]);
            // A record keeps one entry per key: a later duplicate replaces it.
            let replaced = false;
            for (let j = 0; j < this.#list.length; j++) {
              if (this.#list[j][0] === name) {
                this.#list[j][1] = value;
                replaced = true;
              }
            }
            if (!replaced) $.push(this.#list, [name, value]);
          }
        }
      } else {
        let text = usv(init);
        if ($.charCodeAt(text, 0) === 0x3f) text = $.strSlice(text, 1);
        this.#list = parsePairs(text);
      }
    }

    get size() {
      return this.#list.length;
    }

    append(name, value) {
      requireArgs(arguments, 2, "append");
      $.push(this.#list, [usv(name), usv(value)]);
      this.#update();
    }

    delete(name, value = undefined) {
      requireArgs(arguments, 1, "delete");
      const key = usv(name);
      const only = value === undefined ? undefined : usv(value);
      const kept = [];
      for (let i = 0; i < this.#list.length; i++) {
        const pair = this.#list[i];
        if (pair[0] === key && (only === undefined || pair[1] === only)) continue;
        $.push(kept, pair);
      }
      this.#list = kept;
      this.#update();
    }

    get(name) {
      requireArgs(arguments, 1, "get");
      const key = usv(name);
      for (let i = 0; i < this.#list.length; i++) if (this.#list[i][0] === key) return this.#list[i][1];
      return null;
    }

    getAll(name) {
      requireArgs(arguments, 1, "getAll");
      const key = usv(name);
      const out = [];
      for (let i = 0; i < this.#list.length; i++) if (this.#list[i][0] === key) $.push(out, this.#list[i][1]);
      return out;
    }

    has(name, value = undefined) {
      requireArgs(arguments, 1, "has");
      const key = usv(name);
      const only = value === undefined ? undefined : usv(value);
      for (let i = 0; i < this.#list.length; i++) {
        if (this.#list[i][0] === key && (only === undefined || this.#list[i][1] === only)) return true;
      }
      return false;
    }

    set(name, value) {
      requireArgs(arguments, 2, "set");
      const key = usv(name);
      const text = usv(value);
      const kept = [];
      let found = false;
      for (let i = 0; i < this.#list.length; i++) {
        const pair = this.#list[i];
        if (pair[0] !== key) {
          $.push(kept, pair);
        } else if (!found) {
          found = true;
          $.push(kept, [key, text]);
        }
      }
      if (!found) $.push(kept, [key, text]);
      this.#list = kept;
      this.#update();
    }

    sort() {
      // Stable, by UTF-16 code units of the names.
      $.sort(this.#list, (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.#update();
    }

    toString() {
      return serializePairs(this.#list);
    }

    #update() {
      if (this.#url !== null) urlInternals.setQuery(this.#url, serializePairs(this.#list));
    }

    static {
      paramsInternals = {
        list: (params) => params.#list,
        attach(params, url) {
          params.#url = url;
        },
        reset(params, query) {
          params.#list = parsePairs(query === "" ? "" : $.strSlice(query, 1));
        },
        is: (value) => value !== null && typeof value === "object" && #list in value,
      };
    }
  }
  definePairIterable(URLSearchParams.prototype, "URLSearchParams Iterator", (params) => {
    if (!paramsInternals.is(params)) throw new $.TypeErrorCtor("not a URLSearchParams");
    return paramsInternals.list(params);
  });
  $.defineProperty(URLSearchParams.prototype, $.toStringTag, { value: "URLSearchParams", configurable: true });

  function requireArgs(args, count, name) {
    if (args.length < count) {
      throw new $.TypeErrorCtor("URLSearchParams." + name + ": " + count + " argument(s) required, but only " + args.length + " present");
    }
  }

  function parsePairs(text) {
    const flat = native.formParse(text);
    const out = [];
    for (let i = 0; i < flat.length; i += 2) $.push(out, [flat[i], flat[i + 1]]);
    return out;
  }

  function serializePairs(list) {
    const flat = [];
    for (let i = 0; i < list.length; i++) $.push(flat, list[i][0], list[i][1]);
    return native.formSerialize(flat);
  }
  jsbox.formEncode = serializePairs;
  jsbox.formDecode = parsePairs;
  jsbox.searchParamsList = (params) => (paramsInternals.is(params) ? paramsInternals.list(params) : null);

  // --- URL ---------------------------------------------------------------

  function parse(url, base) {
    return base === undefined ? native.urlParse(usv(url)) : native.urlParse(usv(url), usv(base));
  }

  let urlInternals;
  class URL {
    #c;
    #params;

    constructor(url, base = undefined) {
      if (arguments.length === 0) throw new $.TypeErrorCtor("URL: 1 argument required, but only 0 present");
      const parsed = parse(url, base);
      if (parsed === null || parsed === undefined) {
        throw new $.TypeErrorCtor("Invalid URL: " + $.stringify(usv(url)) + (base === undefined ? "" : " against " + $.stringify(usv(base))));
      }
      this.#c = parsed;
      this.#params = new URLSearchParams(parsed[SEARCH]);
      paramsInternals.attach(this.#params, this);
    }

    static parse(url, base = undefined) {
      if (arguments.length === 0) throw new $.TypeErrorCtor("URL.parse: 1 argument required, but only 0 present");
      const parsed = parse(url, base);
      return parsed === null || parsed === undefined ? null : new URL(parsed[HREF]);
    }

    static canParse(url, base = undefined) {
      if (arguments.length === 0) throw new $.TypeErrorCtor("URL.canParse: 1 argument required, but only 0 present");
      const parsed = parse(url, base);
      return parsed !== null && parsed !== undefined;
    }

    #set(which, value) {
      const updated = native.urlSet(this.#c[HREF], which, usv(value));
      if (updated === null || updated === undefined) {
        if (which === "href") throw new $.TypeErrorCtor("Invalid URL: " + $.stringify(usv(value)));
        return;
      }
      const searchChanged = updated[SEARCH] !== this.#c[SEARCH];
      this.#c = updated;
      if (searchChanged || which === "href" || which === "search") paramsInternals.reset(this.#params, updated[SEARCH]);
    }

    get href() { return this.#c[HREF]; }
    set href(value) { this.#set("href", value); }
    get origin() { return this.#c[ORIGIN]; }
    get protocol() { return this.#c[PROTOCOL]; }
    set protocol(value) { this.#set("protocol", value); }
    get username() { return this.#c[USERNAME]; }
    set username(value) { this.#set("username", value); }
    get password() { return this.#c[PASSWORD]; }
    set password(value) { this.#set("password", value); }
    get host() { return this.#c[HOST]; }
    set host(value) { this.#set("host", value); }
    get hostname() { return this.#c[HOSTNAME]; }
    set hostname(value) { this.#set("hostname", value); }
    get port() { return this.#c[PORT]; }
    set port(value) { this.#set("port", value); }
    get pathname() { return this.#c[PATHNAME]; }
    set pathname(value) { this.#set("pathname", value); }
    get search() { return this.#c[SEARCH]; }
    set search(value) { this.#set("search", value); }
    get searchParams() { return this.#params; }
    get hash() { return this.#c[HASH]; }
    set hash(value) { this.#set("hash", value); }

    toString() {
      return this.#c[HREF];
    }

    toJSON() {
      return this.#c[HREF];
    }

    static {
      urlInternals = {
        setQuery(url, serialized) {
          // URLSearchParams' update steps: the query becomes the
          // serialization (none when empty), without re-parsing the list.
          const updated = native.urlSet(url.#c[HREF], "search", serialized);
          if (updated !== null && updated !== undefined) url.#c = updated;
        },
        is: (value) => value !== null && typeof value === "object" && #c in value,
      };
    }
  }
  const ATTRIBUTES = ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname",
    "search", "searchParams", "hash"];
  for (let i = 0; i < ATTRIBUTES.length; i++) {
    const name = ATTRIBUTES[i];
    const descriptor = $.getOwnPropertyDescriptor(URL.prototype, name);
    descriptor.enumerable = true;
    $.defineProperty(URL.prototype, name, descriptor);
  }
  $.defineProperty(URL.prototype, $.toStringTag, { value: "URL", configurable: true });
  jsbox.parseUrl = (url, base) => parse(url, base);
  jsbox.isURL = urlInternals.is;

  jsbox.expose("URL", URL);
  jsbox.expose("URLSearchParams", URLSearchParams);
});
