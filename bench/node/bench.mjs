// The Node.js package beside isolated-vm 5.0.4, in one Node process
// (`make bench`, scenarios N1 and N8): scenario 1's trivial script and
// scenario 8's seed flow against the local demo API, one at a time and 16 at
// a time. Each side follows its natural flow per execution (jsbox: one
// shared Engine, a fresh sandbox per execute; isolated-vm: the seed's
// IsolatedVmContext flow, from bench/ivm/bench.js).
//
// usage: node bench/node/bench.mjs API_ADDR   (prints one JSON object)
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { access } from "node:fs/promises";
import { Engine } from "../../bindings/node/index.mjs";

const require = createRequire(import.meta.url);
const addr = process.argv[2];
let ivm = null;
try {
  ivm = require("../ivm/bench.js");
} catch (error) {
  console.error(`bench/node: isolated-vm is not installed (${error.message}): its side is skipped`);
}

const trivial = readFileSync(new URL("../scripts/trivial.js", import.meta.url), "utf8");
const seed = readFileSync(new URL("../../examples/seed.js", import.meta.url), "utf8");
const seedArgs = { authHeader: "Bearer demo-token", baseUrl: `http://${addr}/` };

async function measure(run, n, concurrency, warmup) {
  for (let i = 0; i < warmup; i++) await run(i);
  const latencies = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const began = process.hrtime.bigint();
        await run(i);
        latencies.push(Number(process.hrtime.bigint() - began) / 1000);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]);
  return { n, concurrency, p50_us: at(0.5), p99_us: at(0.99), per_sec: n / seconds };
}

const engine = new Engine({ maxConcurrency: 64 });
const jsbox = {
  s1: (i) => engine.execute(trivial, { id: i }, { memory: "64MiB" }),
  s8: () => engine.execute(seed, seedArgs, { memory: "64MiB", allowHosts: [addr] }),
};
const iv = ivm && {
  s1: (i) => ivm.executeWith(trivial, { id: i }, 64),
  s8: () => ivm.executeWith(seed, seedArgs, 64),
};
// Both sides must give the same answers before they are timed.
const check = await jsbox.s8();
if (!check.result || !Array.isArray(check.result.items)) throw new Error(`jsbox: unexpected seed result ${JSON.stringify(check.result)}`);

const results = { jsbox: {}, ivm: {} };
// The floor under any addon that works off the main thread: one round trip
// through libuv's thread pool (an fs call), on this machine, in this process.
results.floor = await measure(() => access("/"), 5000, 1, 500);
// The addon's own hand-offs, with no execution: main thread → its Tokio
// runtime → main thread (NativeEngine.roundTrip).
{
  const native = require(`../../bindings/node/jsbox.${process.platform}-${process.arch}-gnu.node`);
  const waiting = new Map();
  const raw = new native.NativeEngine("{}", () => {}, ([token]) => waiting.get(token)());
  let token = 1;
  raw.hold(true);
  results.handoff = await measure(() => new Promise((resolve) => {
    const t = token++;
    waiting.set(t, resolve);
    raw.roundTrip(t);
  }), 5000, 1, 500);
  raw.hold(false);
  raw.close();
}
for (const [name, n, concurrency] of [["s1", 5000, 1], ["s1", 20000, 16], ["s8", 2000, 1], ["s8", 5000, 16]]) {
  const key = concurrency === 1 ? name : `${name}c${concurrency}`;
  results.jsbox[key] = await measure(jsbox[name], n, concurrency, 500);
  if (iv) results.ivm[key] = await measure(iv[name], Math.max(200, n / 10), concurrency, 50);
  console.error(`bench/node: ${key}: jsbox ${results.jsbox[key].p50_us} µs p50` + (iv ? `, isolated-vm ${results.ivm[key].p50_us} µs p50` : ""));
}
engine.close();
console.log(JSON.stringify(results));
