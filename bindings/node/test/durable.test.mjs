// Durable executions from Node.js: `run` suspends a script that awaits a
// helper answered `later`, `resume` (from this engine, another one, or
// another process) finishes it; each suspension is resumed at most once.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine, later, syncHelper } from "../index.mjs";
import { rejectsWith } from "./support.mjs";

const dir = mkdtempSync(join(tmpdir(), "jsbox-node-durable-"));
const engine = new Engine({ suspendDir: dir, maxConcurrency: 16 });
after(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const approval = `async function execute({ amount }) {
  log("asking for", amount);
  const decision = await approval({ amount, by: "finance" });
  return { amount, approved: decision.approved, note: decision.note };
}`;

// The helper files the request and answers later.
function approvalHelpers(filed = []) {
  return {
    approval: async (request) => {
      filed.push(request);
      return later;
    },
  };
}

test("run suspends on a helper answered later; resume finishes it once", async () => {
  const filed = [];
  const run = await engine.run(approval, { amount: 120 }, { helpers: approvalHelpers(filed) });
  assert.equal(run.status, "suspended");
  assert.match(run.id, /^[0-9a-f-]{36}$/);
  assert.deepEqual(filed, [{ amount: 120, by: "finance" }]);
  assert.equal(run.pending.length, 1);
  const [call] = run.pending;
  assert.equal(call.helper, "approval");
  assert.deepEqual(call.args, [{ amount: 120, by: "finance" }]);
  assert.equal(typeof call.callId, "number");
  assert.equal(run.wakeAt, null);
  assert.ok(run.size > 0 && run.size < 64 * 1024, `continuation of ${run.size} bytes`);
  assert.equal(run.generation, 1);
  assert.deepEqual(run.logs, [{ level: "info", message: "asking for 120" }]);
  // The continuation file is the owner's alone.
  const file = readdirSync(dir).find((name) => name.startsWith(run.id));
  assert.equal(statSync(join(dir, file)).mode & 0o077, 0);

  const done = await engine.resume(run.id, { results: { [call.callId]: { approved: true, note: "ok" } } }, { helpers: approvalHelpers() });
  assert.equal(done.status, "done");
  assert.deepEqual(done.result, { amount: 120, approved: true, note: "ok" });
  assert.equal(done.id, run.id);
  assert.deepEqual(done.logs, [], "lines logged before the suspension came with it");
  assert.equal(done.stats.helperCalls, 1);

  await rejectsWith(engine.resume(run.id, { results: { [call.callId]: { approved: false } } }), "continuation-used");
});

test("an error completion rejects the script's promise with its message and code", async () => {
  const script = `async function execute() {
    try { await approval(1); return "approved" } catch (e) { return { message: e.message, code: e.code } }
  }`;
  const run = await engine.run(script, {}, { helpers: approvalHelpers() });
  const callId = run.pending[0].callId;
  const done = await engine.resume(run.id, { errors: { [callId]: { message: "over budget", code: "denied" } } });
  assert.equal(done.status, "done");
  assert.equal(done.result.code, "denied");
  assert.match(done.result.message, /over budget/);
});

test("several suspensions in a row, with calls made on resume", async () => {
  const script = `async function execute() {
    const a = await step(1);
    const b = await step(a + 1);
    return [a, b];
  }`;
  const helpers = { step: async () => later };
  let run = await engine.run(script, {}, { helpers });
  assert.deepEqual(run.pending[0].args, [1]);
  run = await engine.resume(run.id, { results: { [run.pending[0].callId]: 10 } }, { helpers });
  assert.equal(run.status, "suspended");
  assert.equal(run.generation, 2);
  assert.deepEqual(run.pending[0].args, [11]);
  run = await engine.resume(run.id, { results: { [run.pending[0].callId]: 20 } }, { helpers });
  assert.deepEqual(run.result, [10, 20]);
});

test("a helper that answers now is awaited as usual in a durable run", async () => {
  const helpers = { double: async (n) => n * 2 };
  const run = await engine.run("async function execute() { return await double(21) }", {}, { helpers });
  assert.deepEqual({ status: run.status, result: run.result }, { status: "done", result: 42 });
});

test("another engine on the same directory resumes it (the key is in the directory)", async () => {
  const run = await engine.run(approval, { amount: 5 }, { helpers: approvalHelpers() });
  const other = new Engine({ suspendDir: dir });
  try {
    const done = await other.resume(run.id, { results: { [run.pending[0].callId]: { approved: false, note: "no" } } });
    assert.deepEqual(done.result, { amount: 5, approved: false, note: "no" });
  } finally {
    other.close();
  }
});

test("another process resumes it", async () => {
  const run = await engine.run(approval, { amount: 7 }, { helpers: approvalHelpers() });
  const child = `
    const { Engine } = require(${JSON.stringify(new URL("../index.js", import.meta.url).pathname)});
    const engine = new Engine({ suspendDir: process.argv[1] });
    engine.resume(process.argv[2], { results: { [process.argv[3]]: { approved: true, note: "child" } } })
      .then((done) => { process.stdout.write(JSON.stringify(done.result)); engine.close(); });
  `;
  const out = execFileSync(process.execPath, ["-e", child, dir, run.id, String(run.pending[0].callId)], { encoding: "utf8" });
  assert.deepEqual(JSON.parse(out), { amount: 7, approved: true, note: "child" });
});

test("a far timer suspends under policy.suspend_timers_after", async () => {
  const script = `async function execute() {
    const start = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 60000));
    return Date.now() - start >= 60000;
  }`;
  const before = Date.now();
  const run = await engine.run(script, {}, { policy: { suspend_timers_after: "1s" } });
  assert.equal(run.status, "suspended");
  assert.deepEqual(run.pending, []);
  assert.ok(run.wakeAt instanceof Date);
  assert.ok(run.wakeAt.getTime() >= before + 59000 && run.wakeAt.getTime() <= Date.now() + 61000, String(run.wakeAt));
});

test("an engine without suspendDir cannot run durably", async () => {
  const plain = new Engine();
  try {
    const error = await rejectsWith(plain.run("function execute() { return 1 }"), "invalid-policy");
    assert.match(error.message, /suspendDir/);
    await rejectsWith(plain.resume("abc", {}), "invalid-policy");
  } finally {
    plain.close();
  }
});

test("under execute a later answer is the script's error `unavailable`", async () => {
  const out = await engine.execute(
    "async function execute() { try { await approval(1) } catch (e) { return e.code } }",
    {},
    { helpers: approvalHelpers() },
  );
  assert.equal(out.result, "unavailable");
});

test("a sync helper cannot answer later", async () => {
  const run = await engine.run(
    "function execute() { try { return now() } catch (e) { return [e.code, e.message] } }",
    {},
    { helpers: { now: syncHelper(() => later) } },
  );
  assert.equal(run.status, "done");
  assert.equal(run.result[0], "invalid-result");
  assert.match(run.result[1], /async/);
});

test("tenants: a continuation bound to one tenant is refused to another", async () => {
  const run = await engine.run(approval, { amount: 1 }, { helpers: approvalHelpers(), tenant: "acme" });
  const callId = run.pending[0].callId;
  await rejectsWith(engine.resume(run.id, { results: { [callId]: { approved: true } } }, { tenant: "globex" }), "continuation-invalid");
  await rejectsWith(engine.resume(run.id, { results: { [callId]: { approved: true } } }), "continuation-invalid");
  const done = await engine.resume(run.id, { results: { [callId]: { approved: true, note: "" } } }, { tenant: "acme" });
  assert.equal(done.result.approved, true);
});

test("resume under other options than the run's is refused", async () => {
  const run = await engine.run(approval, { amount: 2 }, { helpers: approvalHelpers(), memory: "16MiB" });
  const callId = run.pending[0].callId;
  await rejectsWith(engine.resume(run.id, { results: { [callId]: { approved: true } } }, { memory: "32MiB" }), "continuation-invalid");
  // The same options resume it.
  const done = await engine.resume(run.id, { results: { [callId]: { approved: true, note: "" } } }, { memory: "16MiB", helpers: approvalHelpers() });
  assert.equal(done.result.approved, true);
});

test("hostile: tampered, truncated, unknown, wrong-key continuations and bad ids", async () => {
  const cont = (id) => join(dir, `${id}.cont`);
  const tampered = await engine.run(approval, { amount: 3 }, { helpers: approvalHelpers() });
  const bytes = readFileSync(cont(tampered.id));
  bytes[bytes.length - 10] ^= 0x40;
  writeFileSync(cont(tampered.id), bytes);
  await rejectsWith(engine.resume(tampered.id, {}), "continuation-invalid");

  const truncated = await engine.run(approval, { amount: 3 }, { helpers: approvalHelpers() });
  writeFileSync(cont(truncated.id), readFileSync(cont(truncated.id)).subarray(0, 40));
  await rejectsWith(engine.resume(truncated.id, {}), "continuation-invalid");

  await rejectsWith(engine.resume("00000000-0000-0000-0000-000000000000", {}), "continuation-invalid");
  for (const id of ["", "../key", "a/b", "x".repeat(10000), "nul\u0000byte"]) {
    await rejectsWith(engine.resume(id, {}), "continuation-invalid");
  }

  const otherKey = new Engine({ suspendDir: dir, continuationKey: "ab".repeat(32) });
  try {
    const run = await engine.run(approval, { amount: 3 }, { helpers: approvalHelpers() });
    await rejectsWith(otherKey.resume(run.id, {}), "continuation-invalid");
  } finally {
    otherKey.close();
  }
  assert.throws(() => new Engine({ suspendDir: dir, continuationKey: "not hex" }), (e) => e.kind === "invalid-policy");
  assert.throws(() => new Engine({ continuationKey: "ab".repeat(32) }), (e) => e.kind === "invalid-policy");
});

test("hostile: malformed completions are invalid-args, and the continuation survives them", async () => {
  const run = await engine.run(approval, { amount: 4 }, { helpers: approvalHelpers() });
  const callId = run.pending[0].callId;
  for (const bad of [
    [1, 2],
    "results",
    { result: {} },
    { results: { nope: 1 } },
    { results: { [callId + 1000]: 1 } },
    { errors: { [callId]: 42 } },
    { results: { [callId]: 1 }, errors: { [callId]: "both" } },
  ]) {
    await rejectsWith(engine.resume(run.id, bad), "invalid-args");
  }
  const cyclic = {};
  cyclic.self = cyclic;
  await rejectsWith(engine.resume(run.id, { results: { [callId]: cyclic } }), "invalid-args");
  let deep = [];
  for (let i = 0; i < 100000; i++) deep = [deep];
  await rejectsWith(engine.resume(run.id, { results: { [callId]: deep } }), "invalid-args");
  const done = await engine.resume(run.id, { results: { [callId]: { approved: true, note: "still there" } } });
  assert.equal(done.result.note, "still there");
});

test("hostile: huge pending arguments and many suspensions stay bounded", async () => {
  const big = `async function execute() { return await approval("x".repeat(900 << 10)) }`;
  const run = await engine.run(big, {}, { helpers: { approval: async () => later }, memory: "64MiB" });
  assert.equal(run.status, "suspended");
  assert.equal(run.pending[0].args[0].length, 900 << 10);
  const done = await engine.resume(run.id, { results: { [run.pending[0].callId]: "ok" } }, { memory: "64MiB", helpers: { approval: async () => later } });
  assert.equal(done.result, "ok");

  const loop = `async function execute({ n }) { let sum = 0; for (let i = 0; i < n; i++) sum += await tick(i); return sum }`;
  const helpers = { tick: async () => later };
  let step = await engine.run(loop, { n: 200 }, { helpers });
  let expected = 0;
  for (let i = 0; step.status === "suspended"; i++) {
    assert.deepEqual(step.pending[0].args, [i]);
    expected += i;
    step = await engine.resume(step.id, { results: { [step.pending[0].callId]: i } }, { helpers });
  }
  assert.equal(step.result, expected);
});

test("hostile: a memory bomb after a resume is a memory-limit error, and the engine goes on", async () => {
  const bomb = `async function execute() { await approval(1); const a = []; for (;;) a.push(new Array(1e5).fill(1)) }`;
  const run = await engine.run(bomb, {}, { helpers: approvalHelpers(), memory: "16MiB" });
  await rejectsWith(engine.resume(run.id, { results: { [run.pending[0].callId]: 1 } }, { memory: "16MiB" }), "memory-limit");
  assert.equal((await engine.execute("function execute() { return 1 }")).result, 1);
});

test("hostile: tenants too long or with control characters, call ids spelt twice, a suspendDir that is a file", async () => {
  await rejectsWith(engine.run(approval, {}, { helpers: approvalHelpers(), tenant: "t".repeat(5000) }), "invalid-policy");
  await rejectsWith(engine.run(approval, {}, { helpers: approvalHelpers(), tenant: "a\u0000b" }), "invalid-policy");
  await rejectsWith(engine.execute("function execute() { return 1 }", {}, { tenant: "acme" }), "invalid-policy");
  const run = await engine.run(approval, { amount: 8 }, { helpers: approvalHelpers() });
  const callId = run.pending[0].callId;
  for (const spelling of [`0${callId}`, ` ${callId}`, `+${callId}`]) {
    await rejectsWith(engine.resume(run.id, { results: { [spelling]: { approved: true } } }), "invalid-args");
  }
  assert.equal((await engine.resume(run.id, { results: { [callId]: { approved: true, note: "" } } })).result.approved, true);
  const file = join(dir, "key");
  assert.throws(() => new Engine({ suspendDir: join(file, "below") }), (e) => e.kind === "invalid-policy" && /suspendDir/.test(e.message));
});
