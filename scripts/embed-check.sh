#!/usr/bin/env bash
# jsbox as a dependency, tried as a new user would: a scratch crate in a
# temporary directory outside this workspace depends on `host/` by path and
# builds with plain `cargo build`, at the minimum supported Rust version
# (`rust-version` in Cargo.toml), with the wasm toolchain hidden (no clang,
# lld, llvm or wasm tools on PATH, WASI_SDK unset). Then it runs a script and
# the result is checked. Shares the workspace's Cargo.lock (the same versions,
# offline) and a target dir under target/ between runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
msrv="$(sed -n 's/^rust-version = "\(.*\)"$/\1/p' "$root/Cargo.toml")"
toolchain="$msrv"
[[ "$msrv" =~ ^[0-9]+\.[0-9]+$ ]] && toolchain="$msrv.0"
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
  rustup toolchain install "$toolchain" --profile minimal
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# A PATH without the wasm toolchain: every command of the usual PATH except
# clang*, lld*, llvm*, wasm*.
mkdir -p "$scratch/bin"
IFS=: read -ra dirs <<<"$PATH"
for dir in "${dirs[@]}"; do
  [ -d "$dir" ] || continue
  for cmd in "$dir"/*; do
    name="$(basename "$cmd")"
    case "$name" in clang* | lld* | ld.lld* | llvm* | wasm* | *-wasm*) continue ;; esac
    [ -e "$scratch/bin/$name" ] || ln -s "$cmd" "$scratch/bin/$name"
  done
done

mkdir -p "$scratch/app/src"
cat >"$scratch/app/Cargo.toml" <<TOML
[package]
name = "embeds-jsbox"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
jsbox = { path = "$root/host" }
tokio = { version = "1", features = ["rt-multi-thread", "macros"] }
serde_json = "1"
TOML
cp "$root/Cargo.lock" "$scratch/app/Cargo.lock"
cat >"$scratch/app/src/main.rs" <<'RS'
#[tokio::main]
async fn main() -> Result<(), jsbox::Error> {
    let engine = jsbox::Engine::new(jsbox::EngineConfig::default())?;
    let script = "function execute({ name }) { log('hi', name); return { greeting: 'hello ' + name, b64: btoa(name) } }";
    let out = engine.execute(&jsbox::Policy::default(), script, serde_json::json!({"name": "ada"})).await?;
    println!("{}", out.result);
    Ok(())
}
RS

echo "embed-check: building a crate outside the workspace with rust $toolchain and no wasm toolchain on PATH" >&2
(
  cd "$scratch/app"
  env -u WASI_SDK -u RUSTFLAGS -u CARGO_BUILD_TARGET \
    PATH="$scratch/bin" CARGO_TARGET_DIR="$root/target" \
    cargo "+$toolchain" build --release --offline --quiet
)
got="$(JSBOX_CACHE_DIR="$scratch/cache" "$root/target/release/embeds-jsbox")"
want='{"greeting":"hello ada","b64":"YWRh"}'
if [ "$got" != "$want" ]; then
  echo "embed-check: FAILED: expected $want, got $got" >&2
  exit 1
fi
echo "embed-check: ok ($got)" >&2
