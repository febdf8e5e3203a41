#!/usr/bin/env bash
# Installs what the build and tests need, idempotently: the wasm32-wasip1 Rust
# target, the Debian packages that give a C toolchain for wasm (QuickJS is C)
# and HAProxy, and a wasi-sdk-shaped directory built from them. rquickjs-sys would otherwise try to
# download a wasi-sdk, which is not reachable from here.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
sdk="${WASI_SDK:-$root/target/wasi-sdk}"
# clang/lld/llvm and wasi-libc build the guest (QuickJS is C); haproxy is the
# load balancer of the service's scale-out and replica tests; redis-server is the
# shared store of durable executions in the replica test.
packages=(clang-19 lld-19 llvm-19 libclang-rt-19-dev-wasm32 wasi-libc haproxy redis-server)

if ! rustup target list --installed | grep -qx wasm32-wasip1; then
  rustup target add wasm32-wasip1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The layout rquickjs-sys expects of a wasi-sdk: bin/{clang,ar} and a sysroot.
mkdir -p "$sdk/bin" "$sdk/share/wasi-sysroot/include" "$sdk/share/wasi-sysroot/lib"
ln -sfn /usr/bin/clang-19 "$sdk/bin/clang"
ln -sfn /usr/bin/llvm-ar-19 "$sdk/bin/ar"
ln -sfn /usr/bin/llvm-ar-19 "$sdk/bin/llvm-ar"
for triple in wasm32-wasi wasm32-wasip1; do
  ln -sfn /usr/include/wasm32-wasi "$sdk/share/wasi-sysroot/include/$triple"
  ln -sfn /usr/lib/wasm32-wasi "$sdk/share/wasi-sysroot/lib/$triple"
done
