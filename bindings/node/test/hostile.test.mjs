// The hostile catalogue for the Node.js surface: scripts that try to reach
// Node, helpers that return or throw anything, options and args built to
// break the decoding, and direct misuse of the native addon. Every case
// ends in a typed error or a result; none may crash or hang the process.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { Engine } from "../index.mjs";
import { rejectsWith } from "./support.mjs";

const engine = new Engine({ maxConcurrency: 32 });
after(() => engine.close());

test("a script sees nothing of Node", async () => {
  const out = await engine.execute(`function execute() {
    return [typeof process, typeof require, typeof module, typeof Buffer, typeof setImmediate,
            typeof globalThis.__jsbox_native, typeof WebAssembly, typeof SharedArrayBuffer];
  }`);
  assert.deepEqual(out.result.slice(0, 6), ["undefined", "undefined", "undefined", "undefined", "undefined", "undefined"]);
});

test("a helper's this, its function and its context stay in Node", async () => {
  const secret = { key: "node-only" };
  const helpers = { "h.peek": function () { return typeof this.context === "object" ? "hidden" : "?" } };
  const out = await engine.execute(
    `function execute() {
      const f = h.peek;
      return [h.peek(), String(f).includes("node-only"), typeof f.call, JSON.stringify(Object.keys(h))];
    }`,
    {},
    { helpers, context: secret },
  );
  assert.equal(out.result[0], "hidden");
  assert.equal(out.result[1], false);
});

test("a script replacing a helper breaks only its own calls", async () => {
  let called = 0;
  const helpers = { "crm.lookup": () => ++called };
  const out = await engine.execute(
    "function execute() { const real = crm.lookup(); crm.lookup = () => 'fake'; globalThis.crm = null; return real }",
    {},
    { helpers },
  );
  assert.equal(out.result, 1);
  assert.equal((await engine.execute("function execute() { return crm.lookup() }", {}, { helpers })).result, 2);
});

test("helpers returning what JSON cannot carry give the script a helper error", async () => {
  const circular = {};
  circular.self = circular;
  let deep = {};
  for (let i = 0; i < 100_000; i++) deep = { deep };
  let deepish = [];
  for (let i = 0; i < 5_000; i++) deepish = [deepish];
  const helpers = {
    "bad.bigint": () => 10n,
    "bad.circular": () => circular,
    "bad.deep": () => deep,
    "bad.deepish": async () => deepish,
    "bad.toJSON": () => ({ toJSON() { throw new Error("no") } }),
    "bad.huge": () => "x".repeat(11 * 1024 * 1024),
    "ok.undefined": () => undefined,
    "ok.fn": () => ({ f() {}, n: 1 }),
  };
  const script = `async function execute() {
    const out = {};
    for (const name of ["bigint", "circular", "deep", "deepish", "toJSON", "huge"]) {
      try { await bad[name](); out[name] = "returned" } catch (e) { out[name] = [e.kind, e.code] }
    }
    out.undefined = ok.undefined() === null;
    out.fn = ok.fn();
    return out;
  }`;
  const out = await engine.execute(script, {}, { helpers, timeout: "20s" });
  for (const name of ["bigint", "circular", "deep", "deepish", "toJSON"]) {
    assert.deepEqual(out.result[name], ["helper", "invalid-result"], name);
  }
  assert.deepEqual(out.result.huge, ["helper", "result-too-large"]);
  assert.equal(out.result.undefined, true);
  assert.deepEqual(out.result.fn, { n: 1 });
});

test("helpers throwing anything give the script a helper error", async () => {
  const hostile = {};
  Object.defineProperty(hostile, "message", { get() { throw new Error("gotcha") } });
  const helpers = {
    "t.string": () => { throw "plain string" },
    "t.null": () => { throw null },
    "t.undefined": async () => { throw undefined },
    "t.getter": () => { throw hostile },
    "t.code": () => { throw { message: "m", code: { toString() { return "weird" } } } },
    "t.long": () => { throw new Error("y".repeat(100_000)) },
  };
  const script = `function execute() {
    const out = {};
    for (const name of ["string", "null", "getter", "code", "long"]) {
      try { t[name](); out[name] = "returned" } catch (e) { out[name] = [e.kind, e.message.length > 0, e.code ?? null] }
    }
    return out;
  }`;
  const out = await engine.execute(script, {}, { helpers });
  for (const name of ["string", "null", "getter", "long"]) assert.equal(out.result[name][0], "helper", name);
  assert.deepEqual(out.result.code, ["helper", true, "weird"]);
  await rejectsWith(engine.execute("async function execute() { await t.undefined() }", {}, { helpers }), "helper");
});

test("helpers returning traps: revoked proxies, throwing then getters, throwing messages", async () => {
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const thenTrap = { get then() { throw new Error("then trap") } };
  const messageTrap = { toJSON() { throw { get message() { throw new Error("message trap") } } } };
  const helpers = {
    "trap.revoked": () => revocable.proxy,
    "trap.then": () => thenTrap,
    "trap.message": () => messageTrap,
    "trap.asyncRevoked": async () => revocable.proxy,
  };
  const script = `async function execute() {
    const out = [];
    for (const name of ["revoked", "then", "message", "asyncRevoked"]) {
      try { await trap[name](); out.push("returned") } catch (e) { out.push(e.kind) }
    }
    return out;
  }`;
  const out = await engine.execute(script, {}, { helpers });
  assert.deepEqual(out.result, ["helper", "helper", "helper", "helper"]);
});

test("an inherited helpers, signal or context option is ignored", async () => {
  Object.prototype.helpers = { "evil.x": () => "pwned" };
  Object.prototype.context = "inherited";
  try {
    const out = await engine.execute("function execute() { return typeof evil }", {}, {});
    assert.equal(out.result, "undefined");
  } finally {
    delete Object.prototype.helpers;
    delete Object.prototype.context;
  }
});

test("an abort wakes a sync helper's wait and frees the slot at once", async () => {
  const one = new Engine({ maxConcurrency: 1 });
  const controller = new AbortController();
  const helpers = { "h.stuck": () => new Promise(() => {}) };
  const stuck = one.execute("function execute() { return h.stuck() }", {}, { helpers, signal: controller.signal, timeout: "30s" });
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(stuck, (e) => e.name === "AbortError");
  const started = Date.now();
  assert.equal((await one.execute("function execute() { return 'next' }")).result, "next");
  assert.ok(Date.now() - started < 5000, "the slot stayed taken after the abort");
  one.close();
});

test("a sync helper that never returns ends at the execution's timeout, and Node goes on", async () => {
  const helpers = { "h.never": () => new Promise(() => {}) };
  const started = Date.now();
  await rejectsWith(engine.execute("function execute() { return h.never() }", {}, { helpers, timeout: 300 }), "timeout");
  assert.ok(Date.now() - started < 5000);
  assert.equal((await engine.execute("function execute() { return 1 }")).result, 1);
});

test("an async helper that never settles ends at the execution's timeout", async () => {
  const helpers = { "h.never": async () => new Promise(() => {}) };
  await rejectsWith(engine.execute("async function execute() { return await h.never() }", {}, { helpers, timeout: 300 }), "timeout");
});

test("a helper may run another execution (no deadlock between them)", async () => {
  const helpers = {
    "nested.run": (n) => engine.execute("function execute(a) { return a.n * 10 }", { n }).then((o) => o.result),
    "nested.later": async (n) => (await engine.execute("function execute(a) { return a.n + 1 }", { n })).result,
  };
  const out = await engine.execute("async function execute() { return [nested.run(4), await nested.later(4)] }", {}, { helpers });
  assert.deepEqual(out.result, [40, 5]);
});

test("a script calling helpers without end meets maxHelperCalls", async () => {
  const helpers = { "h.ping": () => 1 };
  const error = await rejectsWith(
    engine.execute("function execute() { for (;;) h.ping() }", {}, { helpers, maxHelperCalls: 100 }),
    "helper",
  );
  assert.match(error.message, /100/);
});

test("bad helper names and values are invalid-policy", async () => {
  for (const name of ["JSON.parse", "http.sendGetRequest", "__proto__", "a.__proto__", "", "a..b", "constructor.x", "x".repeat(200)]) {
    await rejectsWith(engine.execute("function execute() {}", {}, { helpers: { [name]: () => 1 } }), "invalid-policy");
  }
  await rejectsWith(engine.execute("function execute() {}", {}, { helpers: { "a.b": 1 } }), "invalid-policy");
  await rejectsWith(engine.execute("function execute() {}", {}, { helpers: null }), "invalid-policy");
});

test("hostile options are invalid-policy, never a crash", async () => {
  const cases = [
    JSON.parse('{"__proto__": {"memory": 1}}'),
    { constructor: {} },
    { memory: "9".repeat(400) },
    { memory: Number.MAX_VALUE },
    { memory: "100GiB" },
    { timeout: -1 },
    { timeout: "1e999s" },
    { allowHosts: [{}] },
    { allowHosts: ["*".repeat(10_000)] },
    { secrets: { T: { value: "v", hosts: ["other.test"] } } },
    { secrets: { "{{x}}": { value: "v", hosts: [] } } },
    { modules: { "../../etc/passwd": "x" } },
    { modules: { util: 42 } },
    { policy: { network: { allow_hosts: ["169.254.169.254"] }, memory: "x" } },
    { language: "javascript; rm -rf" },
    { maxLogLines: NaN },
    { timeout: "500000000000years" },
    { policy: { network: { request_timeout: "1000000years" } } },
  ];
  for (const options of cases) {
    await rejectsWith(engine.execute("function execute() {}", {}, options), "invalid-policy");
  }
  await rejectsWith(engine.execute("function execute() {}", {}, "options"), "invalid-policy");
  await rejectsWith(engine.execute(42), "invalid-policy");
});

test("hostile args are invalid-args", async () => {
  let deep = [];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  let deepish = [];
  for (let i = 0; i < 5_000; i++) deepish = [deepish];
  for (const args of [deep, deepish, { toJSON() { throw new Error("no") } }, Symbol("s"), () => 1]) {
    await rejectsWith(engine.execute("function execute(a) { return a }", args), "invalid-args");
  }
});

test("big scripts and many queued executions end cleanly", async () => {
  const big = "function execute() { return 1 }\n" + "// padding\n".repeat(500_000);
  assert.equal((await engine.execute(big)).result, 1);
  const small = new Engine({ maxConcurrency: 2 });
  const results = await Promise.all(
    Array.from({ length: 300 }, (_, i) => small.execute("function execute(a) { return a.i }", { i })),
  );
  assert.deepEqual(results.map((r) => r.result), Array.from({ length: 300 }, (_, i) => i));
  small.close();
});

test("the native addon misused directly throws, it does not crash", async () => {
  const require = createRequire(import.meta.url);
  const native = require(`../jsbox.${process.platform}-${process.arch}-gnu.node`);
  assert.throws(() => new native.NativeEngine(42, () => {}, () => {}));
  assert.throws(() => new native.NativeEngine("{", () => {}, () => {}), /invalid-policy/);
  assert.throws(() => new native.NativeEngine("{}", () => {}));
  assert.throws(() => new Engine({ maxConcurrency: NaN }), (e) => e.kind === "invalid-policy");
  assert.throws(() => new Engine({ maxMemory: 10n }), (e) => e.kind === "invalid-policy");
  // The raw protocol: execute returns the envelope when it cannot start,
  // else the settler gets [token, envelope] later.
  const waiting = new Map();
  const raw = new native.NativeEngine("{}", () => {}, ([token, text]) => waiting.get(token)?.(text));
  const run = (token, ...rest) => {
    const early = raw.execute(token, ...rest);
    if (typeof early === "string") return Promise.resolve(early);
    raw.hold(true);
    return new Promise((resolve) => waiting.set(token, resolve)).finally(() => raw.hold(false));
  };
  for (const token of [NaN, -1, 0, 1.5, Infinity]) {
    const text = await run(token, "function execute() { return 1 }", "{}", "{}", [], []);
    assert.equal(JSON.parse(text).error.kind, "invalid-args", String(token));
  }
  // The bench's hand-off probe settles with no execution.
  raw.hold(true);
  assert.equal(await new Promise((resolve) => { waiting.set(99, resolve); raw.roundTrip(99); }), "{}");
  raw.hold(false);
  raw.reply(12345, "not json"); // a reply nobody waits for
  raw.cancel(999); // nothing to cancel
  assert.throws(() => raw.execute("x"));
  const text = await run(1, "function execute() { return 1 }", "{", "{}", [], []);
  assert.equal(JSON.parse(text).error.kind, "invalid-args");
  // A helper whose dispatcher never replies: the sync wait ends at the timeout.
  const silent = await run(2, "function execute() { return a.b() }", "{}", '{"timeout": 200}', ["a.b"], [false]);
  assert.equal(JSON.parse(silent).error.kind, "timeout");
  raw.close();
  const closed = await run(3, "function execute() {}", "{}", "{}", [], []);
  assert.equal(JSON.parse(closed).error.kind, "invalid-policy");
});
