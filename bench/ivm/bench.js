// The isolated-vm side of `make bench`: every execution follows the seed's
// IsolatedVmContext flow — a new Isolate with the memory limit, a context,
// the helpers `global`, `log`, `btoa` and async `http.*`, compile the script,
// run it, call `execute` — then disposes the isolate.
//
// usage: node bench.js SCRIPT ARGS_JSON N CONCURRENCY WARMUP MEMORY_MB
// (or require it for `executeWith(script, args, memoryMb)`)
// prints one JSON line like `jsbox bench`.
"use strict";
const fs = require("fs");
const ivm = require("isolated-vm");

const [scriptPath, argsJson, n, concurrency, warmup, memoryMb] = process.argv.slice(2);
const script = require.main === module ? fs.readFileSync(scriptPath, "utf8") : "";
const args = require.main === module ? JSON.parse(argsJson) : {};

async function sendGetRequest(headers, url) {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return response.json();
}

async function sendPostRequest(headers, url, data = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(data),
  });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return response.json();
}

async function executeOnce() {
  return executeWith(script, args, Number(memoryMb));
}

// One execution of `script` the seed's way (also used by bench/node/bench.mjs).
async function executeWith(script, args, memoryMb) {
  const isolate = new ivm.Isolate({ memoryLimit: memoryMb });
  try {
    const context = isolate.createContextSync();
    const jail = context.global;
    jail.setSync("global", jail.derefInto());
    jail.setSync("log", function () {});
    jail.setSync("btoa", function (str) {
      return btoa(str);
    });
    await context.evalClosure(
      `http = {
        sendGetRequest: function (...args) {
          return $0.apply(undefined, args, { arguments: { copy: true }, result: { promise: true, copy: true } });
        },
        sendPostRequest: function (...args) {
          return $1.apply(undefined, args, { arguments: { copy: true }, result: { promise: true, copy: true } });
        }
      };`,
      [sendGetRequest, sendPostRequest],
      { arguments: { reference: true } },
    );
    const compiled = await isolate.compileScript(script);
    await compiled.run(context);
    const execute = await context.global.get("execute", { reference: true });
    if (execute.typeof === undefined) throw new Error("The function 'execute' could not be found.");
    return await execute.apply(undefined, [args], {
      arguments: { copy: true },
      result: { promise: true, copy: true },
    });
  } finally {
    isolate.dispose();
  }
}

function percentile(sorted, p) {
  const index = Math.min(sorted.length, Math.max(1, Math.ceil(sorted.length * p))) - 1;
  return sorted[index];
}

// Peak PSS, sampled every 200 ms while executions run concurrently (as
// `jsbox bench` does).
function readPss() {
  try {
    const line = fs.readFileSync("/proc/self/smaps_rollup", "utf8").split("\n").find((l) => l.startsWith("Pss:"));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function main() {
  for (let i = 0; i < Number(warmup); i++) await executeOnce();
  let peakPss = 0;
  const sampler = Number(concurrency) > 1 ? setInterval(() => { peakPss = Math.max(peakPss, readPss()); }, 200) : null;
  const latencies = [];
  const started = process.hrtime.bigint();
  let next = 0;
  async function worker() {
    while (next < Number(n)) {
      next++;
      const began = process.hrtime.bigint();
      await executeOnce();
      latencies.push(Number(process.hrtime.bigint() - began) / 1000);
    }
  }
  await Promise.all(Array.from({ length: Number(concurrency) }, worker));
  const elapsedSec = Number(process.hrtime.bigint() - started) / 1e9;
  if (sampler) {
    clearInterval(sampler);
    peakPss = Math.max(peakPss, readPss());
  }
  latencies.sort((a, b) => a - b);
  console.log(JSON.stringify({
    n: Number(n),
    concurrency: Number(concurrency),
    p50_us: Math.round(percentile(latencies, 0.5)),
    p99_us: Math.round(percentile(latencies, 0.99)),
    per_sec: Number(n) / elapsedSec,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    peak_pss_bytes: peakPss,
  }));
}

module.exports = { executeWith, percentile };

if (require.main === module) {
  main().catch((error) => {
    console.error("error:", error && error.stack ? error.stack : error);
    process.exit(1);
  });
}
