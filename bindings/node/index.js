// jsbox for Node.js: runs untrusted JavaScript in a fresh WebAssembly
// sandbox per execution, in this process, off the main thread.
//
// This file is the API users see; the sandbox is the native addon
// (src/addon.rs), loaded below. Values cross as JSON text both ways.
"use strict";

const { existsSync, readFileSync } = require("node:fs");
const { join } = require("node:path");

// The addon for this platform: next to this file (built by `make node`), or
// from the platform's own package (`@jsbox/linux-x64-gnu`, …) once there are
// prebuilt ones.
function loadNative() {
  const { platform, arch } = process;
  const abi = platform === "linux" ? (isMusl() ? "-musl" : "-gnu") : "";
  const triple = `${platform}-${arch}${abi}`;
  const local = join(__dirname, `jsbox.${triple}.node`);
  const tried = [local];
  if (existsSync(local)) return require(local);
  const pkg = `@jsbox/${triple}`;
  tried.push(pkg);
  try {
    return require(pkg);
  } catch (error) {
    if (error && error.code !== "MODULE_NOT_FOUND") throw error;
  }
  throw new Error(
    `jsbox: no native addon for ${triple} (looked for ${tried.join(" and ")}); ` +
      "this package ships Linux x64 (glibc) today",
  );
}

// musl only when something says so; glibc otherwise.
function isMusl() {
  try {
    if (readFileSync("/usr/bin/ldd", "utf8").includes("musl")) return true;
  } catch {}
  try {
    const report = process.report && process.report.getReport ? process.report.getReport() : null;
    const header = report && (typeof report === "string" ? JSON.parse(report) : report).header;
    if (header && header.glibcVersionRuntime) return false;
    const shared = (report && report.sharedObjects) || [];
    return shared.some((f) => f.includes("libc.musl-") || f.includes("ld-musl-"));
  } catch {
    return false;
  }
}

const native = loadNative();

/** Why an execution failed: `kind` is the library's error kind. */
class JsboxError extends Error {
  constructor(failure, logs) {
    super(failure.message);
    this.name = "JsboxError";
    /** `syntax`, `missing-execute`, `exception`, `memory-limit`, `fuel`, `timeout`,
     * `output-limit`, `network-denied`, `helper`, `invalid-args`, `invalid-policy`, `internal`. */
    this.kind = failure.kind;
    if (failure.code !== undefined) this.code = failure.code;
    if (failure.stack !== undefined) {
      /** The script's own stack (`at execute (script.js:3:11)`). */
      this.scriptStack = failure.stack;
      this.stack = `${this.name}: ${this.message}\n${failure.stack.replace(/\n$/, "")}`;
    }
    /** The lines the script logged before it failed. */
    this.logs = logs || [];
  }
}

function invalid(message) {
  return new JsboxError({ kind: "invalid-policy", message: `invalid policy: ${message}` });
}

function fromNativeError(error) {
  try {
    const failure = JSON.parse(error.message);
    if (failure && typeof failure.kind === "string") return new JsboxError(failure);
  } catch {}
  return error;
}

const AsyncFunction = (async () => {}).constructor;
const KIND = Symbol("jsbox.helperKind");

// `fn`, marked as the kind of helper it is (its `this` kept).
function marked(kind, fn) {
  if (typeof fn !== "function") throw new TypeError(`${kind}Helper: a function is required`);
  const wrapped = function (...args) {
    return Reflect.apply(fn, this, args);
  };
  wrapped[KIND] = kind;
  return wrapped;
}

/** Marks `fn` as an async helper (the script gets a promise), whatever it is. */
const asyncHelper = (fn) => marked("async", fn);

/** Marks `fn` as a sync helper (the script gets its value directly). */
const syncHelper = (fn) => marked("sync", fn);

function isAsync(fn) {
  if (fn[KIND]) return fn[KIND] === "async";
  return fn instanceof AsyncFunction;
}

// A helper's answer as the addon reads it: `{"ok": value}` or
// `{"error": {"message", "code"}}`. Never throws, whatever the helper
// returned or threw (getters that throw, revoked proxies, toJSON traps).
const MAX_MESSAGE = 4096;
const UNREADABLE = JSON.stringify({ error: { message: "the helper's answer cannot be read", code: "invalid-result" } });

/**
 * What an async helper returns (or resolves with) to answer later: the
 * call stays pending, and the execution suspends once nothing else can run
 * (`engine.run`); `engine.resume(id, { results: { [callId]: value } })`
 * delivers the answer. Under `execute` (no suspension) the call fails with
 * code `unavailable`.
 */
const later = Symbol.for("jsbox.later");
const LATER_REPLY = JSON.stringify({ later: true });

function okReply(name, value) {
  if (value === later) return LATER_REPLY;
  try {
    return JSON.stringify({ ok: value });
  } catch (error) {
    return errorReply({ message: `${name} returned a value that is not JSON (${describe(error)})`, code: "invalid-result" });
  }
}

function describe(error) {
  try {
    return String(error instanceof Error || (error && typeof error === "object") ? error.message : error);
  } catch {
    return "unreadable";
  }
}

function errorReply(error) {
  try {
    const message = describe(error).slice(0, MAX_MESSAGE);
    let code;
    try {
      if (error && typeof error === "object" && error.code !== undefined && error.code !== null) code = String(error.code).slice(0, 256);
    } catch {}
    return JSON.stringify({ error: code === undefined ? { message } : { message, code } });
  } catch {
    return UNREADABLE;
  }
}

// JSON would turn NaN and Infinity into null, i.e. "the default".
function finiteNumbers(key, value) {
  if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`${key || "a value"} is ${value}`);
  return value;
}

let nextToken = 1;
// Engines with pending executions: referenced, so that an engine the caller
// no longer holds still settles what it started.
const busy = new Set();

/**
 * Runs scripts, each in a fresh sandbox. Create one per process (it loads the
 * compiled sandbox, about a second the first time) and share it.
 */
class Engine {
  #native;
  #running = new Map(); // token → { helpers, context, settle(text) }
  #closed = false;

  constructor(options = {}) {
    if (options === null || typeof options !== "object") throw invalid("Engine options must be an object");
    let json;
    try {
      json = JSON.stringify(options, finiteNumbers);
    } catch (error) {
      throw invalid(`engine options: ${error.message}`);
    }
    // The addon holds the dispatcher strongly; the dispatcher holds this
    // engine weakly, so an engine nobody references can be collected.
    const self = new WeakRef(this);
    // One argument: [call id, token, helper name, args as JSON].
    const dispatch = ([call, token, name, argsJson]) => {
      const engine = self.deref();
      if (engine) engine.#dispatch(call, token, name, argsJson);
    };
    // One argument: [token, the envelope as JSON].
    const settle = ([token, text]) => {
      const engine = self.deref();
      if (engine) engine.#settle(token, text);
    };
    try {
      this.#native = new native.NativeEngine(json, dispatch, settle);
    } catch (error) {
      throw fromNativeError(error);
    }
  }

  // An execution ended (or could not start): its envelope.
  #settle(token, text) {
    const running = this.#running.get(token);
    if (running) running.settle(text);
  }

  #track(token, entry) {
    if (this.#running.size === 0) {
      // Pending executions keep the process alive, and this engine with it.
      this.#native.hold(true);
      busy.add(this);
    }
    this.#running.set(token, entry);
  }

  #untrack(token) {
    if (this.#running.delete(token) && this.#running.size === 0) {
      this.#native.hold(false);
      busy.delete(this);
    }
  }

  // A helper call from a sandbox; the reply goes back through the addon.
  // Runs on the main thread from the addon's queue: it must never throw.
  #dispatch(call, token, name, argsJson) {
    const reply = (text) => {
      try {
        this.#native.reply(call, text);
      } catch {}
    };
    try {
      const running = this.#running.get(token);
      const fn = running && running.helpers[name];
      if (typeof fn !== "function") return reply(errorReply({ message: `${name} is gone`, code: "unavailable" }));
      let value;
      let then;
      try {
        value = Reflect.apply(fn, { name, context: running.context }, JSON.parse(argsJson));
        then = value !== null && (typeof value === "object" || typeof value === "function") ? value.then : undefined;
      } catch (error) {
        return reply(errorReply(error));
      }
      if (typeof then !== "function") return reply(okReply(name, value));
      new Promise((resolve, reject) => Reflect.apply(then, value, [resolve, reject])).then(
        (v) => reply(okReply(name, v)),
        (e) => reply(errorReply(e)),
      );
    } catch {
      reply(UNREADABLE);
    }
  }

  /**
   * Runs `script`'s `execute(args)` in a fresh sandbox.
   * Resolves with `{ result, stats, logs, id }`; rejects with a `JsboxError`,
   * or with `options.signal`'s reason when it aborts.
   */
  execute(script, args = {}, options = {}) {
    return this.#start("execute", script, args, options);
  }

  /**
   * Runs `script` as a durable execution (the engine needs `suspendDir`):
   * resolves with `{ status: "done", result, stats, logs, id }`, or with
   * `{ status: "suspended", id, pending: [{ callId, helper, args }], wakeAt }`
   * when it waits for helper calls answered `later` or a far timer.
   */
  run(script, args = {}, options = {}) {
    return this.#start("run", script, args, options);
  }

  /**
   * Resumes suspended execution `id` with the results (or errors) of the
   * calls it awaits: `{ results: { [callId]: value }, errors: { [callId]:
   * message | { message, code } } }`. Give its helpers again, and, if it
   * ran with options that set its policy, the same options. Resolves as
   * `run` does; a continuation used before rejects with kind
   * `continuation-used`, an unknown or tampered one `continuation-invalid`,
   * an expired one `continuation-expired`.
   */
  resume(id, completions = {}, options = {}) {
    if (typeof id !== "string") return Promise.reject(new JsboxError({ kind: "invalid-args", message: "invalid args: the execution id must be a string" }));
    return this.#start("resume", id, completions, options);
  }

  // `execute`, `run` and `resume`: `subject` is the script (or the id),
  // `input` the args (or the completions).
  #start(kind, subject, input, options) {
    return new Promise((resolve, reject) => {
      if (this.#closed) {
        const error = new Error("this jsbox Engine is closed");
        error.code = "ERR_JSBOX_CLOSED";
        return reject(error);
      }
      if (typeof subject !== "string") return reject(invalid("the script must be a string"));
      if (options === null || typeof options !== "object") return reject(invalid("options must be an object"));
      // Own properties only: nothing inherited (a polluted prototype) counts.
      const own = (key) => (Object.hasOwn(options, key) ? options[key] : undefined);
      const helpers = own("helpers") === undefined ? {} : own("helpers");
      const signal = own("signal");
      const context = own("context");
      const rest = Object.create(null);
      for (const key of Object.keys(options)) if (key !== "helpers" && key !== "signal" && key !== "context") rest[key] = options[key];
      if (helpers === null || typeof helpers !== "object") return reject(invalid("helpers must be an object of functions"));
      if (kind === "execute" && rest.tenant !== undefined) return reject(invalid("tenant is for run and resume (durable executions)"));
      const names = [];
      const asyncs = [];
      const table = Object.create(null);
      for (const name of Object.keys(helpers)) {
        const fn = helpers[name];
        if (typeof fn !== "function") return reject(invalid(`helper ${JSON.stringify(name)} must be a function`));
        names.push(name);
        asyncs.push(isAsync(fn));
        table[name] = fn;
      }
      if (signal !== undefined && (signal === null || typeof signal.aborted !== "boolean" || typeof signal.addEventListener !== "function")) {
        return reject(invalid("signal must be an AbortSignal"));
      }
      if (signal && signal.aborted) return reject(signal.reason);
      let inputJson;
      let optionsJson;
      try {
        inputJson = JSON.stringify(input === undefined ? {} : input);
        if (inputJson === undefined) throw new TypeError(`${typeof input} is not JSON`);
      } catch (error) {
        const what = kind === "resume" ? "completions" : "args";
        return reject(new JsboxError({ kind: "invalid-args", message: `invalid ${what}: ${error.message}` }));
      }
      try {
        optionsJson = JSON.stringify(rest, finiteNumbers);
      } catch (error) {
        return reject(invalid(`options: ${error.message}`));
      }
      const token = nextToken++;
      let onAbort;
      const settle = (text) => {
        this.#untrack(token);
        if (onAbort) signal.removeEventListener("abort", onAbort);
        let settled;
        try {
          settled = JSON.parse(text);
        } catch (error) {
          return reject(error);
        }
        if (settled.ok) {
          const ok = settled.ok;
          if (ok.status === "suspended") ok.wakeAt = ok.wakeAt === null ? null : new Date(ok.wakeAt);
          resolve(ok);
        } else if (settled.error) reject(new JsboxError(settled.error, settled.logs));
        // cancelled: already rejected with the signal's reason
      };
      this.#track(token, { helpers: table, context, settle });
      if (signal) {
        onAbort = () => {
          this.#native.cancel(token);
          this.#untrack(token);
          reject(signal.reason);
        };
        signal.addEventListener("abort", onAbort, { once: true });
      }
      let early;
      try {
        early =
          kind === "resume"
            ? this.#native.resume(token, subject, inputJson, optionsJson, names, asyncs)
            : this.#native.execute(token, subject, inputJson, optionsJson, names, asyncs, kind === "run");
      } catch (error) {
        this.#untrack(token);
        if (onAbort) signal.removeEventListener("abort", onAbort);
        return reject(fromNativeError(error));
      }
      if (typeof early === "string") settle(early);
    });
  }

  /**
   * Refuses further executions; running ones finish (within their timeouts)
   * and the engine's memory is released after the last.
   */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#native.close();
  }
}

module.exports = { Engine, JsboxError, asyncHelper, syncHelper, later };
