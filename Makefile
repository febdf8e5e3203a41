# jsbox: `make run` builds everything and runs the seed example end to end;
# `make test` runs the whole suite. Only `make guest` and `make test` need the
# wasm toolchain (`make setup` installs it); the host builds from the
# committed guest (host/prebuilt/) with a plain Rust toolchain.
SHELL := /bin/bash
CARGO ?= cargo
export WASI_SDK := $(CURDIR)/target/wasi-sdk

.PHONY: mcp-deps run-mcp setup guest guest-check build run test node node-test python python-test wasmtime-cli mdbook component-test doc public-api package embed-check scale-test deploy-check soak fuzz bench bench-compare clean

setup:
	@scripts/setup.sh

# Rebuild the guest from guest/ (with its vendored QuickJS) and wit/, and refresh the
# committed artifact host/prebuilt/jsbox-guest.{wasm,inputs}: run it after
# changing any of them, and commit host/prebuilt/.
guest: setup
	@scripts/guest.sh build

# The committed guest is what its sources build to, byte for byte.
guest-check: setup
	@scripts/guest.sh check

build:
	$(CARGO) build --release -p jsbox-cli -p jsbox-node

run: build
	@scripts/run-demo.sh

# The seed's flow in code mode: an MCP client runs it through `jsbox mcp`
# against a typed helper (examples/mcp/).
run-mcp: build mcp-deps
	@scripts/run-mcp.sh

# The suite (unit, integration, hostile catalogue, faulty servers, fuzz
# smoke, the service end to end, compiled components under the `wasmtime`
# CLI, the committed guest's drift check), the
# guest's reproducibility, jsbox as a dependency of a crate outside this
# workspace, the Node.js and Python packages, their docs and packages, the
# service scaled out behind HAProxy,
# the deployment manifests, then a short soak.
test: guest-check build wasmtime-cli node python mcp-deps
	$(CARGO) test --release --no-fail-fast -p jsbox -p jsbox-cli -p jsbox-tools -p jsbox-tests -p jsbox-bindings
	$(MAKE) --no-print-directory node-test python-test
	@scripts/embed-check.sh
	$(MAKE) --no-print-directory doc package scale-test deploy-check
	target/release/jsbox-soak -n 10000 --warmup 2000

# The npm package `jsbox` in bindings/node/: the addon (with the pinned
# @napi-rs/cli from npm) and its TypeScript declarations.
node: build
	@scripts/node.sh

# The package's `node --test` suite (its hostile catalogue, the book's
# Node.js page, the seed's class against the demo API), then `npm pack`
# installed and run in a scratch project outside the repository.
node-test: node
	cd bindings/node && node --expose-gc --test test/*.test.mjs
	@scripts/node-pack-check.sh

# The PyPI package `jsbox-sandbox` (module `jsbox_sandbox`) in
# bindings/python/: the abi3 wheel into target/wheels/ (maturin from PyPI),
# installed into the test venv target/python/venv with pytest.
python: build
	@scripts/python.sh

# The package's pytest suite (its hostile catalogue, threads and asyncio,
# the book's Python page, the seed against the demo API), then the wheel
# installed and run in a venv outside the repository.
python-test: python
	cd bindings/python && PYTHONDONTWRITEBYTECODE=1 ../../target/python/venv/bin/python -m pytest -q -p no:cacheprovider tests
	@scripts/python-wheel-check.sh

# The npm packages of the code-mode tests (tests/mcp/: the MCP client SDK,
# the reference "everything" MCP server, tsc), into tests/mcp/node_modules.
mcp-deps:
	@scripts/mcp-deps.sh

# The `wasmtime` CLI of the crate's version, into target/tools/ (once).
wasmtime-cli:
	@scripts/wasmtime-cli.sh

# `jsbox compile`'s components run by that CLI (part of `make test`).
component-test: build wasmtime-cli
	$(CARGO) test --release -p jsbox-tests --test component

# The library's docs, warnings denied, and the book (docs/) into
# target/book/ (its examples and links are checked by tests/book.rs).
doc: mdbook
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --release --no-deps -p jsbox
	target/tools/bin/mdbook build docs

# mdBook, pinned, into target/tools/ (once).
mdbook:
	@scripts/mdbook.sh

# The library's public API against host/public-api.txt (nightly Rust;
# UPDATE=1 rewrites the file).
public-api:
	@scripts/public-api.sh

# The crate as crates.io would receive it: the guest inside, under 10 MB.
package:
	@scripts/package-check.sh

# A crate outside this workspace that depends on jsbox by path builds with
# only a Rust toolchain at the minimum supported version, and runs a script.
embed-check:
	@scripts/embed-check.sh

# Two `jsbox serve` replicas behind HAProxy on 127.0.0.1; one is drained
# mid-load; no request may be lost.
scale-test: setup build
	@scripts/scale-test.sh

# deploy/: the Kubernetes manifests validated offline, the config they ship
# checked by `jsbox serve --check`.
deploy-check: build
	@scripts/deploy-check.sh

# 100,000 executions of good and hostile scripts on all cores: outcomes by
# kind, executions/s, RSS and open descriptors (must stay flat).
SOAK_N ?= 100000
soak: build
	$(CARGO) build --release -p jsbox-tests --bin jsbox-soak
	target/release/jsbox-soak -n $(SOAK_N)

# Coverage-guided fuzzing (cargo fuzz, nightly), each target FUZZ_SECONDS.
fuzz:
	@scripts/fuzz.sh

# Side by side with isolated-vm 5.0.4 (installed from npm into bench/ivm);
# writes bench/RESULTS.md.
bench: build
	$(CARGO) build --release -p jsbox-cli --features perf-map
	$(CARGO) build --release -p jsbox-native-bench
	@bench/run.sh

# The costs a change keeps: guest size, scenario 1 and scenario 5 for REV and
# the working tree, alternating rounds in one run (e.g. REV=origin/main).
bench-compare: build
	$(CARGO) build --release -p jsbox-cli --features perf-map
	@bench/compare.sh $(or $(REV),$(error usage: make bench-compare REV=<git rev>)) $(ROUNDS)

clean:
	$(CARGO) clean
