// Runs one Intl test file in Node the way jsbox runs it: harness.js (from
// ../conformance), then assert.js, then the file, each at the top level of
// the global scope; prints [{name, status, message}] (or {error}) as JSON.
//   node tests/intl402/run-node.js FILE.js
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const dir = __dirname;
const file = process.argv[2];
(async () => {
  let out;
  try {
    vm.runInThisContext(fs.readFileSync(path.join(dir, "..", "conformance", "harness.js"), "utf8"), { filename: "harness.js" });
    vm.runInThisContext(fs.readFileSync(path.join(dir, "assert.js"), "utf8"), { filename: "assert.js" });
    vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: path.basename(file) });
    out = await globalThis.runTests();
  } catch (e) {
    out = { error: String((e && e.stack) || e) };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
})();
