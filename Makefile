# jsbox: `make run` builds everything and runs the seed example end to end;
# `make test` runs the whole suite. Both call `make setup` first.
SHELL := /bin/bash
CARGO ?= cargo
export WASI_SDK := $(CURDIR)/target/wasi-sdk
GUEST_WASM := target/wasm32-wasip1/release/jsbox_guest.wasm

.PHONY: setup guest build run test bench clean

setup:
	@scripts/setup.sh

guest: setup
	$(CARGO) build --release -p jsbox-guest --target wasm32-wasip1

build: guest
	$(CARGO) build --release -p jsbox

run: build
	@scripts/run-demo.sh

test: build
	$(CARGO) test --release --no-fail-fast -p jsbox -p jsbox-tests

# Side by side with isolated-vm 5.0.4 (installed from npm into bench/ivm);
# writes bench/RESULTS.md.
bench: build
	$(CARGO) build --release -p jsbox-native-bench
	@bench/run.sh

clean:
	$(CARGO) clean
