// Runs one conformance test file in Node the way jsbox runs it: the harness,
// the shared data as DATA, then the file at the top level of the global
// scope; prints [{name, status, message}] (or {error}) as JSON.
//   node tests/conformance/run-node.js FILE.js
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const dir = __dirname;
const shared = process.env.JSBOX_CONFORMANCE_DATA || path.join(dir, "..", "..", "..", "shared", "conformance");
globalThis.DATA = {};
for (const name of ["urltestdata", "urltestdata-javascript-only", "setters_tests", "base64"]) {
  globalThis.DATA[name.replace(/-/g, "_")] = JSON.parse(fs.readFileSync(path.join(shared, name + ".json"), "utf8"));
}
globalThis.DATA.encodings = JSON.parse(fs.readFileSync(path.join(dir, "encodings.json"), "utf8"));
globalThis.self = globalThis;
vm.runInThisContext(fs.readFileSync(path.join(dir, "harness.js"), "utf8"), { filename: "harness.js" });
const file = process.argv[2];
(async () => {
  let out;
  try {
    vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: path.basename(file) });
    out = await globalThis.runTests();
  } catch (e) {
    out = { error: String((e && e.stack) || e) };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
})();
