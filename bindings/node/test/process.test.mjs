// The package inside a whole Node process: it exits on its own, its memory
// stays flat, and the seed's class runs on it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { Engine } from "../index.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");

test("no leaked handles: a process that used an engine exits on its own", () => {
  const program = `
    const { Engine } = require(${JSON.stringify(join(here, "..", "index.js"))});
    const engine = new Engine({ maxConcurrency: 4 });
    const helpers = { "h.sync": (x) => x, "h.async": async (x) => x };
    Promise.all([
      engine.execute("async function execute() { return h.sync(1) + await h.async(2) }", {}, { helpers }),
      engine.execute("function execute() { throw new Error('x') }").catch((e) => e.kind),
      engine.execute("function execute() { for (;;) {} }", {}, { signal: AbortSignal.timeout(50) }).catch((e) => e.name),
    ]).then((r) => console.log(JSON.stringify(r.map((x) => x.result ?? x))));
  `;
  // No close(): an idle engine must not hold the event loop open.
  const run = spawnSync(process.execPath, ["-e", program], { encoding: "utf8", timeout: 30_000 });
  assert.equal(run.signal, null, `killed after 30 s: the process did not exit on its own (${run.stderr})`);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), JSON.stringify([3, "exception", "TimeoutError"]));
});

test("10,000 executions with flat memory", async () => {
  const engine = new Engine({ maxConcurrency: 16 });
  const helpers = { "h.add": (a, b) => a + b, "h.echo": async (x) => x };
  const script = "async function execute({ i }) { log('i', i); return { sum: h.add(i, 1), echo: await h.echo('x'.repeat(100)) } }";
  const batch = async (n) => {
    for (let i = 0; i < n; i += 16) {
      await Promise.all(Array.from({ length: 16 }, (_, k) => engine.execute(script, { i: i + k }, { helpers })));
    }
  };
  await batch(2000);
  global.gc?.();
  const before = process.memoryUsage().rss;
  await batch(10_000);
  global.gc?.();
  const grown = process.memoryUsage().rss - before;
  engine.close();
  assert.ok(grown < 48 * 1024 * 1024, `RSS grew by ${(grown / 1048576).toFixed(1)} MiB over 10,000 executions`);
});

test("the seed's IsolatedVmContext runs on the package against the demo API", async () => {
  const jsbox = join(root, "target", "release", "jsbox");
  const dir = mkdtempSync(join(tmpdir(), "jsbox-node-"));
  const addrFile = join(dir, "addr");
  const api = spawn(jsbox, ["demo-api", "--listen", "127.0.0.1:0", "--addr-file", addrFile], { stdio: "inherit" });
  try {
    let addr = "";
    for (let i = 0; i < 200 && !addr; i++) {
      if (existsSync(addrFile)) addr = readFileSync(addrFile, "utf8").trim();
      else await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(addr, "the demo API did not start within 10 s");
    const run = spawnSync(process.execPath, [join(root, "examples", "node", "isolated-vm-context.mjs"), `http://${addr}/`], {
      encoding: "utf8",
      timeout: 30_000,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /bcdr\/device\?_page=1&_perPage=100/); // the script's log line
    assert.match(run.stdout, /serialNumber: 'DEMO-0001'/);
    assert.match(run.stdout, /totalCount: 3/);
  } finally {
    api.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
