// The book's Node.js page (docs/src/node.md): every ```mjs example runs, as
// a user would run it, against this package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const page = join(here, "..", "..", "..", "docs", "src", "node.md");
const entry = pathToFileURL(join(here, "..", "index.mjs")).href;
const examples = [...readFileSync(page, "utf8").matchAll(/^```mjs\n([^]*?)^```$/gm)].map((m) => m[1]);

test("the Node.js page has examples", () => {
  assert.ok(examples.length >= 4, `found ${examples.length}`);
});

for (const [i, source] of examples.entries()) {
  test(`docs/src/node.md example ${i + 1} runs`, () => {
    assert.match(source, /from "jsbox"/);
    const dir = mkdtempSync(join(tmpdir(), "jsbox-book-"));
    try {
      const file = join(dir, "example.mjs");
      writeFileSync(file, source.replaceAll('from "jsbox"', `from ${JSON.stringify(entry)}`));
      const run = spawnSync(process.execPath, [file], { encoding: "utf8", timeout: 60_000 });
      assert.equal(run.signal, null, "did not end within 60 s");
      assert.equal(run.status, 0, run.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
