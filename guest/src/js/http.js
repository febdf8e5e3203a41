// The seed's `http.sendGetRequest(headers, url)` and
// `http.sendPostRequest(headers, url, data)`. Requests are started on the
// host (which applies the network policy) and settle when the host's `wait`
// delivers their completion, so several can be in flight at once.
(function (native, jsbox) {
  "use strict";

  const $ = jsbox.$;
  const PromiseCtor = jsbox.PromiseCtor;
  const parse = jsbox.parse;
  const stringify = jsbox.stringify;
  const wellFormed = jsbox.wellFormed;
  const decode = jsbox.decode;
  const text = (value) => wellFormed($.StringCtor(value));
  const isArray = $.isArray;
  const objectKeys = $.keys;

  // Header names and values as one flat list [name, value, name, value, ...].
  function headerList(headers) {
    const flat = [];
    if (headers === undefined || headers === null) return flat;
    if (typeof headers !== "object") throw new $.TypeErrorCtor("headers must be an object");
    if (isArray(headers)) {
      for (const pair of headers) {
        if (pair[1] !== undefined && pair[1] !== null) $.push(flat, text(pair[0]), text(pair[1]));
      }
      return flat;
    }
    const names = objectKeys(headers);
    for (let i = 0; i < names.length; i++) {
      const value = headers[names[i]];
      if (value !== undefined && value !== null) $.push(flat, wellFormed(names[i]), text(value));
    }
    return flat;
  }

  function hasHeader(flat, wanted) {
    for (let i = 0; i < flat.length; i += 2) {
      if ($.lower(flat[i]) === wanted) return true;
    }
    return false;
  }

  // Like fetch's, network failures are TypeErrors; `kind` says which.
  function networkError(method, url, failure) {
    if (failure.kind === "network-denied") {
      const error = new $.TypeErrorCtor("network-denied: " + failure.message);
      error.kind = failure.kind;
      error.reason = failure.message;
      return jsbox.markDenied(error);
    }
    const error = new $.TypeErrorCtor(method + " " + url + " failed: " + failure.message);
    error.kind = failure.kind;
    return error;
  }

  // One request through the host. Resolves with {status, statusText, url,
  // headers: [name, value, ...], body: ArrayBuffer}; rejects when there is
  // no response (denied, refused, timed out, too large, ...), or with the
  // signal's reason when `signal` (an AbortSignal) aborts first: then the
  // host stops the request. `body` is a string, a Uint8Array or undefined.
  // With `follow` false, a redirect fails the request (kind `redirect`).
  function request(method, url, headers, body, signal, follow = true) {
    return new PromiseCtor((resolve, reject) => {
      // Aborted meanwhile (e.g. in the same tick as fetch()): never sent.
      const before = signal === undefined ? null : jsbox.abortState(signal);
      if (before !== null && before.aborted) {
        reject(before.reason);
        return;
      }
      const target = text(url);
      const payload = typeof body === "string" ? wellFormed(body) : body;
      const id = native.startHttp(method, target, headers, payload, follow);
      let settled = false;
      let forget = null;
      jsbox.startOp(id, (result) => {
        settled = true;
        if (forget !== null) forget();
        if (result.error !== undefined) reject(networkError(method, target, result.error));
        else resolve(result);
      });
      if (signal !== undefined) {
        forget = jsbox.onAbort(signal, () => {
          if (settled) return;
          settled = true;
          jsbox.cancelOp(id);
          reject(jsbox.abortState(signal).reason);
        });
      }
    });
  }
  jsbox.request = request;

  function headerObject(flat) {
    const out = {};
    for (let i = 0; i < flat.length; i += 2) {
      const name = $.lower(flat[i]);
      out[name] = name in out ? out[name] + ", " + flat[i + 1] : flat[i + 1];
    }
    return out;
  }

  // Like axios: the parsed JSON body, or the text when it is not JSON.
  function payload(body) {
    try {
      return parse(body);
    } catch (_) {
      return body;
    }
  }

  function excerpt(text) {
    return text.length > 200 ? $.strSlice(text, 0, 200) + "…" : text;
  }

  // Like axios, a status outside 2xx rejects; the error carries the status
  // and body (also as `error.response.{status, data, headers}`).
  async function send(method, headers, url, body) {
    const response = await request(method, url, headers, body);
    const bodyText = decode(response.body);
    const data = payload(bodyText);
    if (response.status < 200 || response.status > 299) {
      const error = new $.ErrorCtor(
        "Error sending " + method + " request to " + text(url) + ": status " +
          response.status + ": " + excerpt(bodyText),
      );
      error.status = response.status;
      error.body = data;
      error.response = { status: response.status, data, headers: headerObject(response.headers) };
      throw error;
    }
    return data;
  }

  function withDefaults(headers, contentType) {
    const flat = headerList(headers);
    if (!hasHeader(flat, "accept")) $.push(flat, "Accept", "application/json, text/plain, */*");
    if (contentType !== undefined && !hasHeader(flat, "content-type")) $.push(flat, "Content-Type", contentType);
    return flat;
  }

  globalThis.http = {
    async sendGetRequest(headers, url) {
      return send("GET", withDefaults(headers), url, undefined);
    },
    // `data` (default {}) is sent as JSON; a string is sent as it is.
    async sendPostRequest(headers, url, data = {}) {
      if (typeof data === "string") return send("POST", withDefaults(headers, "text/plain;charset=UTF-8"), url, data);
      const json = stringify(data);
      return send("POST", withDefaults(headers, "application/json"), url, json === undefined ? "null" : json);
    },
  };
});
