#!/usr/bin/env bash
# The npm package as a user receives it: `npm pack` (into target/), then a
# scratch project outside the repository installs the .tgz and runs a script
# with a helper, with no Rust toolchain on PATH for that step.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/target/npm"
cd "$root/bindings/node"
tgz="$root/target/npm/$(npm pack --silent --pack-destination "$root/target/npm" | tail -1)"
size=$(stat -c %s "$tgz")
echo "node-pack: $tgz, $size bytes" >&2
listing="$(tar -tzf "$tgz")"
for required in package/package.json package/index.js package/index.mjs package/index.d.ts package/native.d.ts package/jsbox.linux-x64-gnu.node package/README.md; do
  grep -qx "$required" <<<"$listing" || { echo "node-pack: $required is missing from the package" >&2; exit 1; }
done
if grep -E '^package/(src|test|node_modules)/' <<<"$listing"; then
  echo "node-pack: sources, tests or node_modules leaked into the package" >&2
  exit 1
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# A PATH with node and npm, and no cargo, rustc or rustup.
mkdir -p "$scratch/bin"
ln -s "$(command -v node)" "$scratch/bin/node"
ln -s "$(command -v npm)" "$scratch/bin/npm"
mkdir -p "$scratch/app"
cd "$scratch/app"
export PATH="$scratch/bin:/usr/bin:/bin"
unset CARGO CARGO_HOME RUSTUP_HOME
for tool in cargo rustc rustup; do
  if command -v "$tool" >/dev/null; then
    echo "node-pack: $tool is still on PATH ($(command -v "$tool"))" >&2
    exit 1
  fi
done
echo '{ "name": "scratch", "version": "1.0.0", "private": true, "type": "module" }' >package.json
npm install --no-audit --no-fund --loglevel=error --offline "$tgz" >/dev/null
cat >main.js <<'JS'
import { Engine } from "jsbox";
import cjs from "jsbox";
const engine = new Engine({ maxConcurrency: 4 });
const helpers = { "math.add": (a, b) => a + b, "crm.lookup": async (id) => ({ id, name: "Ada" }) };
const out = await engine.execute(
  "async function execute({ id }) { const c = await crm.lookup(id); return { sum: math.add(id, 1), name: c.name } }",
  { id: 41 },
  { helpers },
);
console.log(JSON.stringify(out.result), typeof cjs.JsboxError);
JS
got="$(node main.js)"
want='{"sum":42,"name":"Ada"} function'
if [ "$got" != "$want" ]; then
  echo "node-pack: FAILED: expected $want, got $got" >&2
  exit 1
fi
node -e 'const { Engine } = require("jsbox"); if (typeof Engine !== "function") process.exit(1)'
echo "node-pack: ok (installed from the .tgz outside the repository, no Rust on PATH: $got)" >&2
