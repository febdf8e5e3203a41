#!/usr/bin/env bash
# `make node`'s cargo for `napi build`: the napi CLI always passes
# `--target <triple>`, which gives the addon a dependency tree of its own
# (target/<triple>/, every crate built twice). For the host's own triple this
# drops the flag, so the addon shares target/release/ with the rest of the
# workspace, then puts the library where the napi CLI looks for it.
set -euo pipefail
host="$(rustc -vV | sed -n 's/^host: //p')"
args=()
target=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--target" ] && [ "${2:-}" = "$host" ]; then
    target="$2"
    shift 2
    continue
  fi
  args+=("$1")
  shift
done
# Built together with the CLI, as `make build` does, so that both see the
# same features of their shared dependencies and reuse one build of them.
[ -n "$target" ] && [ "${args[0]:-}" = build ] && args+=(-p jsbox-node -p jsbox-cli)
cargo "${args[@]}"
profile=debug
for arg in "${args[@]}"; do [ "$arg" = --release ] && profile=release; done
if [ -n "$target" ]; then
  root="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
  mkdir -p "$root/$target/$profile"
  cp -p "$root/$profile/libjsbox_node.so" "$root/$target/$profile/libjsbox_node.so"
fi
