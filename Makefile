# Vision Index — the named commands. Each installs what it needs first (scripts/setup.sh).
#   make serve   build the WebAssembly module and serve the widget on http://127.0.0.1:8080/
#   make test    every test: format, lint, Rust tests, schemas, wasm facade, page lint/types, browser end-to-end
#   make bench   the benchmarks (numbers go in the README)
#   make schema  regenerate schema/*.json from the Rust types

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080

.PHONY: setup setup-browser wasm serve test test-rust test-wasm test-js test-e2e bench schema

setup:
	bash scripts/setup.sh

setup-browser:
	bash scripts/setup.sh --browser

# The WebAssembly module, optimised for size (opt-level z for this build only;
# the native CLI and benchmarks keep opt-level 3). Output: pkg/ (not committed).
wasm: setup
	CARGO_PROFILE_RELEASE_OPT_LEVEL=z wasm-pack build --target web --release --no-pack
	@echo "wasm: $$(stat -c %s pkg/vision_index_bg.wasm) bytes raw, $$(gzip -9 -c pkg/vision_index_bg.wasm | wc -c) bytes gzip"

serve: wasm
	python3 scripts/serve.py --port $(PORT)

test: test-rust test-wasm test-js test-e2e

test-rust:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo test --all-targets

# The facade's wasm-bindgen tests, in Node.
test-wasm: setup
	wasm-pack test --node -- --test wasm

# The page's JavaScript checked like the Rust: Biome (format + lint, biome.json)
# and the JSDoc types with tsc --checkJs (jsconfig.json; no build, no output).
test-js: setup
	biome ci www tests/e2e biome.json jsconfig.json
	tsc -p jsconfig.json

# End-to-end in headless Chromium (starts and stops its own server).
test-e2e: wasm setup-browser
	node tests/e2e/run.mjs

bench:
	cargo bench --bench cycle --bench cycle_system

schema:
	cargo run --quiet -- schema dataset > schema/dataset.schema.json
	cargo run --quiet -- schema scenario > schema/scenario.schema.json
