# jsbox: `make run` builds everything and runs the seed example end to end;
# `make test` runs the whole suite. Both call `make setup` first.
SHELL := /bin/bash
CARGO ?= cargo
export WASI_SDK := $(CURDIR)/target/wasi-sdk
GUEST_WASM := target/wasm32-wasip1/release/jsbox_guest.wasm

.PHONY: setup guest build run test soak fuzz bench clean

setup:
	@scripts/setup.sh

guest: setup
	$(CARGO) build --release -p jsbox-guest --target wasm32-wasip1

build: guest
	$(CARGO) build --release -p jsbox

run: build
	@scripts/run-demo.sh

# The suite (unit, integration, hostile catalogue, faulty servers, fuzz
# smoke), then a short soak.
test: build
	$(CARGO) test --release --no-fail-fast -p jsbox -p jsbox-tests
	target/release/jsbox-soak -n 10000 --warmup 2000

# 100,000 executions of good and hostile scripts on all cores: outcomes by
# kind, executions/s, RSS and open descriptors (must stay flat).
SOAK_N ?= 100000
soak: build
	$(CARGO) build --release -p jsbox-tests --bin jsbox-soak
	target/release/jsbox-soak -n $(SOAK_N)

# Coverage-guided fuzzing (cargo fuzz, nightly), each target FUZZ_SECONDS.
fuzz: guest
	@scripts/fuzz.sh

# Side by side with isolated-vm 5.0.4 (installed from npm into bench/ivm);
# writes bench/RESULTS.md.
bench: build
	$(CARGO) build --release -p jsbox-native-bench
	@bench/run.sh

clean:
	$(CARGO) clean
