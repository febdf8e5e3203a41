// The package's behaviour, as its README describes it.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { Engine, JsboxError, asyncHelper, syncHelper } from "../index.mjs";
import { localServer, rejectsWith } from "./support.mjs";

const engine = new Engine({ maxConcurrency: 64 });
after(() => engine.close());

test("the CommonJS and ES module entry points are the same package", () => {
  const cjs = createRequire(import.meta.url)("../index.js");
  assert.equal(cjs.Engine, Engine);
  assert.equal(cjs.JsboxError, JsboxError);
});

test("execute resolves with the result, stats and logs", async () => {
  const out = await engine.execute(
    `async function execute({ name }) { log("hello", name); console.warn("careful"); return { greeting: "hi " + name, b64: btoa(name) } }`,
    { name: "ada" },
  );
  assert.deepEqual(out.result, { greeting: "hi ada", b64: "YWRh" });
  assert.deepEqual(out.logs, [
    { level: "info", message: "hello ada" },
    { level: "warn", message: "careful" },
  ]);
  assert.ok(out.stats.peakMemory > 0 && out.stats.wallTimeUs > 0);
  assert.equal(out.stats.helperCalls, 0);
  assert.match(out.id, /^[0-9a-f-]{36}$/);
});

test("args default to {} and results are JSON", async () => {
  assert.deepEqual((await engine.execute("function execute(a) { return a }")).result, {});
  assert.equal((await engine.execute("function execute() {}")).result, null);
  assert.deepEqual((await engine.execute("function execute() { return [1, 'two', { three: 3 }, null] }")).result, [1, "two", { three: 3 }, null]);
});

test("every error kind rejects with a JsboxError of that kind", async () => {
  const cases = [
    ["syntax", "function execute( {", {}],
    ["missing-execute", "function run() {}", {}],
    ["exception", "function execute() { throw new TypeError('bad') }", {}],
    ["memory-limit", "function execute() { const a = []; while (true) a.push('x'.repeat(4096)) }", { memory: "16MiB" }],
    ["fuel", "function execute() { while (true) {} }", { fuel: 1_000_000 }],
    ["timeout", "function execute() { while (true) {} }", { timeout: 200 }],
    ["output-limit", "function execute() { for (;;) log('x'.repeat(100)) }", { maxLogBytes: "1KiB" }],
    ["network-denied", "async function execute() { await fetch('http://127.0.0.1:9/') }", {}],
    ["invalid-policy", "function execute() {}", { allowHosts: ["http://not a host/"] }],
  ];
  for (const [kind, script, options] of cases) {
    const error = await rejectsWith(engine.execute(script, {}, options), kind);
    assert.ok(error instanceof JsboxError && error instanceof Error, kind);
    assert.equal(error.name, "JsboxError");
    assert.ok(error.message.length > 0, kind);
  }
  await rejectsWith(engine.execute("function execute() {}", 10n), "invalid-args");
  const circular = {};
  circular.self = circular;
  await rejectsWith(engine.execute("function execute() {}", circular), "invalid-args");
});

test("an exception carries the script's stack and the logs before it", async () => {
  const error = await rejectsWith(
    engine.execute("function execute() {\n  log('before');\n  throw new Error('boom');\n}"),
    "exception",
  );
  assert.match(error.message, /Error: boom/);
  assert.match(error.scriptStack, /script\.js:3/);
  assert.match(error.stack, /^JsboxError: .*boom[^]*script\.js:3/);
  assert.deepEqual(error.logs, [{ level: "info", message: "before" }]);
});

test("a memory bomb fails its execution and Node lives on", async () => {
  const bomb = "function execute() { const keep = []; for (;;) keep.push(new Array(100000).fill(1)) }";
  const error = await rejectsWith(engine.execute(bomb, {}, { memory: 32 * 1024 * 1024 }), "memory-limit");
  assert.match(error.message, /32\.0 MiB/);
  const out = await engine.execute("function execute() { return 'alive' }");
  assert.equal(out.result, "alive");
});

test("a timeout ends an endless loop near its limit", async () => {
  const started = Date.now();
  const error = await rejectsWith(engine.execute("function execute() { for (;;) {} }", {}, { timeout: "300ms" }), "timeout");
  assert.match(error.message, /300ms/);
  assert.ok(Date.now() - started < 5000);
});

test("helpers: sync and async functions, context, errors with codes", async () => {
  const seen = [];
  const helpers = {
    "math.add": (a, b) => a + b,
    "crm.lookup": async function (id) {
      seen.push(this.context.tenant);
      await new Promise((r) => setTimeout(r, 5));
      return { id, name: "Ada" };
    },
    "crm.fail": () => {
      const error = new Error("no such customer");
      error.code = "not-found";
      throw error;
    },
    "crm.reject": async () => {
      throw Object.assign(new Error("down"), { code: "unavailable" });
    },
  };
  const script = `async function execute() {
    const sum = math.add(2, 3);
    const isPromise = crm.lookup(1) instanceof Promise;
    const customer = await crm.lookup(7);
    let sync, asyncErr;
    try { crm.fail() } catch (e) { sync = [e.message, e.code, e.kind] }
    try { await crm.reject() } catch (e) { asyncErr = [e.message, e.code] }
    return { sum, isPromise, customer, sync, asyncErr };
  }`;
  const out = await engine.execute(script, {}, { helpers, context: { tenant: "acme" } });
  assert.deepEqual(out.result, {
    sum: 5,
    isPromise: true,
    customer: { id: 7, name: "Ada" },
    sync: ["no such customer", "not-found", "helper"],
    asyncErr: ["down", "unavailable"],
  });
  assert.deepEqual(seen, ["acme", "acme"]);
  const uncaught = await rejectsWith(engine.execute("function execute() { return crm.fail() }", {}, { helpers }), "helper");
  assert.equal(uncaught.code, "not-found");
});

test("asyncHelper and syncHelper decide what the script gets", async () => {
  const helpers = {
    "a.later": asyncHelper((x) => x * 2), // a plain function, declared async
    "a.now": syncHelper(async (x) => x + 1), // an async function, awaited for the script
    "a.who": asyncHelper(function () { return this.context.tenant }), // keeps this
  };
  const out = await engine.execute(
    "async function execute() { const p = a.later(2); return [p instanceof Promise, await p, a.now(1), await a.who()] }",
    {},
    { helpers, context: { tenant: "acme" } },
  );
  assert.deepEqual(out.result, [true, 4, 2, "acme"]);
});

test("async helpers run concurrently", async () => {
  let inFlight = 0;
  let most = 0;
  const helpers = {
    "io.wait": async (ms) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      return ms;
    },
  };
  const out = await engine.execute(
    "async function execute() { return Promise.all([50, 50, 50, 50, 50].map(io.wait)) }",
    {},
    { helpers },
  );
  assert.deepEqual(out.result, [50, 50, 50, 50, 50]);
  assert.equal(most, 5);
});

test("100 concurrent executions call sync and async helpers while the event loop is busy", async () => {
  let syncCalls = 0;
  const helpers = {
    "h.sync": (i) => {
      syncCalls++;
      return i * 2;
    },
    "h.async": async (i) => {
      await new Promise((r) => setImmediate(r));
      return i + 1;
    },
  };
  // Keeps the event loop busy with timers and short blocking bursts.
  let ticks = 0;
  const busy = setInterval(() => {
    ticks++;
    const until = Date.now() + 2;
    while (Date.now() < until) {}
  }, 1);
  const script = `async function execute({ i }) {
    let total = 0;
    for (let k = 0; k < 5; k++) total += h.sync(i) + await h.async(i);
    return total;
  }`;
  try {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => engine.execute(script, { i }, { helpers, timeout: "30s" })),
    );
    assert.deepEqual(results.map((r) => r.result), Array.from({ length: 100 }, (_, i) => 5 * (i * 2 + i + 1)));
    assert.equal(syncCalls, 500);
    assert.ok(ticks > 0);
  } finally {
    clearInterval(busy);
  }
});

test("the main thread runs while a script computes", async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    await rejectsWith(engine.execute("function execute() { for (;;) {} }", {}, { timeout: 500 }), "timeout");
  } finally {
    clearInterval(timer);
  }
  assert.ok(ticks >= 20, `the event loop ticked ${ticks} times in 500 ms`);
});

test("network: allowHosts and secrets the script never sees", async () => {
  const server = await localServer((req) =>
    req.headers.authorization === "Bearer s3cr3t" ? [200, { items: [1, 2, 3] }] : [401, { error: "no" }],
  );
  try {
    const script = `async function execute({ baseUrl }) {
      const data = await http.sendGetRequest({ Authorization: "Bearer {{secrets.TOKEN}}" }, baseUrl + "devices");
      return { count: data.items.length, token: "{{secrets.TOKEN}}" };
    }`;
    const options = { allowHosts: [server.host], secrets: { TOKEN: { value: "s3cr3t", hosts: [server.host] } } };
    const out = await engine.execute(script, { baseUrl: server.url }, options);
    assert.deepEqual(out.result, { count: 3, token: "{{secrets.TOKEN}}" });
    assert.equal(out.stats.httpRequests, 1);
    assert.equal(server.seen[0].headers.authorization, "Bearer s3cr3t");
    await rejectsWith(engine.execute(script, { baseUrl: server.url }, {}), "network-denied");
  } finally {
    await server.close();
  }
});

test("modules and TypeScript", async () => {
  const modules = { util: "export const twice = (x) => x * 2", "types.ts": "export const label = (n: number): string => `#${n}`" };
  const out = await engine.execute(
    `import { twice } from "util"; import { label } from "types.ts"; export default function execute(a) { return label(twice(a.n)) }`,
    { n: 21 },
    { modules },
  );
  assert.equal(out.result, "#42");
  const ts = await engine.execute("function execute(a: { n: number }): number { return a.n + 1 }", { n: 1 }, { language: "typescript" });
  assert.equal(ts.result, 2);
  const error = await rejectsWith(engine.execute("function execute(): number { throw new Error('x') }", {}, { language: "typescript" }), "exception");
  assert.match(error.scriptStack, /script\.ts/);
});

test("an AbortSignal cancels a running execution", async () => {
  const controller = new AbortController();
  const running = engine.execute("function execute() { for (;;) {} }", {}, { signal: controller.signal, timeout: "20s" });
  setTimeout(() => controller.abort(), 50);
  const started = Date.now();
  await assert.rejects(running, (e) => e.name === "AbortError");
  assert.ok(Date.now() - started < 2000);
  // An already aborted signal: nothing runs.
  const reason = new Error("not now");
  await assert.rejects(engine.execute("function execute() { return 1 }", {}, { signal: AbortSignal.abort(reason) }), (e) => e === reason);
  // A signal that never aborts changes nothing.
  const out = await engine.execute("function execute() { return 1 }", {}, { signal: new AbortController().signal });
  assert.equal(out.result, 1);
});

test("an abort while a helper is pending ends the execution", async () => {
  const controller = new AbortController();
  const helpers = { "slow.op": async () => new Promise((r) => setTimeout(() => r(1), 3000)) };
  const running = engine.execute("async function execute() { return await slow.op() }", {}, { helpers, signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(running, (e) => e.name === "AbortError");
});

test("close: running executions finish, new ones are refused", async () => {
  const own = new Engine({ maxConcurrency: 2 });
  const running = own.execute("async function execute() { await new Promise(r => setTimeout(r, 100)); return 'done' }");
  own.close();
  own.close(); // twice is fine
  assert.equal((await running).result, "done");
  await assert.rejects(own.execute("function execute() {}"), (e) => e.code === "ERR_JSBOX_CLOSED");
});

test("bad engine options throw a JsboxError", () => {
  assert.throws(() => new Engine({ maxConcurency: 1 }), (e) => e instanceof JsboxError && e.kind === "invalid-policy" && /maxConcurency/.test(e.message));
  assert.throws(() => new Engine({ maxConcurrency: 0 }), (e) => e.kind === "invalid-policy");
  assert.throws(() => new Engine(null), (e) => e.kind === "invalid-policy");
});
