# Vision Index — the named commands. Each installs what it needs first (scripts/setup.sh).
#   make serve   build the WebAssembly module and serve the widget on http://127.0.0.1:8080/
#   make test    every test: format, lint, Rust tests, schemas, wasm facade, page lint/types, browser end-to-end
#   make dist    the folder to publish (dist/): modules bundled and minified
#   make bench   the benchmarks (numbers go in the README); make bench-web: wasm vs JS
#   make schema  regenerate schema/*.json from the Rust types

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080

.PHONY: setup setup-browser wasm wasm-analysis wasm-test-hooks serve dist test test-structure test-rust test-wasm test-js test-e2e test-fuzz test-bench fuzz bench schema

setup:
	bash scripts/setup.sh

setup-browser:
	bash scripts/setup.sh --browser

# The WebAssembly module at opt-level s, chosen by measurement (README, "The
# boundary"): 1.3–1.6× faster than z for 4.5 kB gzip more; 3 is faster still but
# 27 kB more does not fit the page's 150 kB. The native CLI and benchmarks keep
# opt-level 3. Output: pkg/ (not committed).
WASM_OPT_LEVEL ?= s
wasm: setup
	CARGO_PROFILE_RELEASE_OPT_LEVEL=$(WASM_OPT_LEVEL) wasm-pack build --target web --release --no-pack
	@echo "wasm: $$(stat -c %s pkg/vision_index_bg.wasm) bytes raw, $$(gzip -9 -c pkg/vision_index_bg.wasm | wc -c) bytes gzip"
	$(MAKE) wasm-analysis

# The analysis module (SPEC §8: status, seek, contrib, uncertainty; cargo feature
# `analysis`), into pkg-analysis/: the page's analysis worker loads it after the
# first render, so the first load stays within its budget (README, "The analysis in the page").
# At opt-level 3, measured: 10,000 draws in 78 ms against 137 ms at s, for 159 kB
# gzip against 137 kB, off the first load.
WASM_ANALYSIS_OPT_LEVEL ?= 3
wasm-analysis: setup
	CARGO_PROFILE_RELEASE_OPT_LEVEL=$(WASM_ANALYSIS_OPT_LEVEL) wasm-pack build --target web --release --no-pack --out-dir pkg-analysis -- --features analysis
	@echo "wasm-analysis: $$(stat -c %s pkg-analysis/vision_index_bg.wasm) bytes raw, $$(gzip -9 -c pkg-analysis/vision_index_bg.wasm | wc -c) bytes gzip"

# The same module with the browser tests' hooks (`debugPanic`, cargo feature
# `test-hooks`), into the same pkg/: only `make test-e2e` builds it; `make wasm`
# and `make serve` build the module without them.
wasm-test-hooks: setup
	CARGO_PROFILE_RELEASE_OPT_LEVEL=$(WASM_OPT_LEVEL) wasm-pack build --target web --release --no-pack -- --features test-hooks

serve: wasm
	python3 scripts/serve.py --port $(PORT)

# The folder to publish: dist/ (entry dist/index.html), modules bundled and
# minified by esbuild, hashed names, relative paths (scripts/dist.mjs). Serve it
# with any static server, e.g. `python3 -m http.server -d dist`.
dist: wasm
	node scripts/dist.mjs

test: test-rust test-fuzz test-wasm test-js test-e2e test-bench

# The fuzzers (fuzz/, cargo-fuzz on nightly; scripts/fuzz.sh): `make fuzz` runs each
# target for FUZZ_SECONDS (30 minutes), `make test-fuzz` for a few seconds each.
FUZZ_SECONDS ?= 1800
fuzz:
	bash scripts/fuzz.sh $(FUZZ_SECONDS)
# (the quick run's timeout is 10 s: `make fuzz` holds inputs to 1 s, on a quiet machine)
test-fuzz:
	FUZZ_TIMEOUT=10 bash scripts/fuzz.sh 5

# The shape of the tree: no module of src/ uses one that uses it (scripts/module-deps.py),
# no file in src/ or www/ is over 700 lines, and no `rem` in the widget.
test-structure:
	python3 scripts/module-deps.py > /dev/null
	@long=$$(find src www -name '*.rs' -o -name '*.js' -o -name '*.css' -o -name '*.html' | xargs wc -l | awk '$$2 != "total" && $$1 > 700'); \
	  if [ -n "$$long" ]; then echo "files over 700 lines:"; echo "$$long"; exit 1; fi
	@# the widget's sizes never depend on the host page's root font size (a CMS's html{font-size:62.5%})
	@if grep -nE '[0-9.]rem\b' www/*.css www/views/*.js www/modules/*.js | grep -v '^www/page.css'; then echo "rem in the widget (use px; README, Embedding)"; exit 1; fi

test-rust: test-structure
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo test --all-targets

# The facade (src/wasm.rs, built for wasm32 only, so the native clippy above never
# sees it: its deny(clippy::unwrap_used) holds only if linted here), then its
# wasm-bindgen tests, in Node.
test-wasm: setup
	cargo clippy --target wasm32-unknown-unknown --lib --features test-hooks -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --features analysis -- -D warnings
	wasm-pack test --node -- --test wasm --features analysis

# The page's JavaScript checked like the Rust: Biome (format + lint, biome.json)
# and the JSDoc types with tsc --checkJs (jsconfig.json; no build, no output).
test-js: setup
	biome ci www tests/e2e biome.json jsconfig.json
	tsc -p jsconfig.json

# End-to-end in headless Chromium (starts and stops its own servers): the page
# from www/ on the module with the test hooks; the transfer budget on dist/.
test-e2e: dist setup-browser
	$(MAKE) wasm-test-hooks
	node tests/e2e/run.mjs

bench:
	cargo bench --bench cycle --bench cycle_system --bench analysis

schema:
	cargo run --quiet -- schema dataset > schema/dataset.schema.json
	cargo run --quiet -- schema scenario > schema/scenario.schema.json

# WebAssembly vs plain JavaScript in headless Chromium (benches/web/): checks the JS
# reference equal to the module, then times both; test-results/bench-web.json.
# BENCH_WEB_ARGS=--quick for a short run (CI), --100k to add 100,000 indicators.
# Then the analysis (SPEC §8) on pkg-analysis/ beside benches/web/native.json (not with
# --quick; --analysis-only for that part alone).
# pkg-z/ and pkg-o3/ (make bench-web-builds) are benchmarked too when present.
.PHONY: bench-web bench-web-builds wasm-bench test-bench
bench-web: wasm wasm-bench setup-browser
	node benches/web/run.mjs $(BENCH_WEB_ARGS)

# The quick side-by-side run (~20 s + the check), the last of `make test`: fails when the shipped
# module is clearly slower than JavaScript on a case — the median over rounds of module/JS (each
# round's two batches back to back) above 1.25 (named exceptions their own limit, in
# benches/web/run.mjs, GATE_EXCEPT) on the run and on a re-run of that case with 12 rounds
# (README, "The boundary"). It times pkg-bench/ only, so it needs neither pkg/ nor pkg-analysis/.
test-bench: wasm-bench setup-browser
	node benches/web/run.mjs --quick --gate

# The shipped module's settings plus the JSON `result()` the page does not use
# (cargo feature json-result), which the benchmark's comparison cases call: pkg-bench/.
wasm-bench: setup
	CARGO_PROFILE_RELEASE_OPT_LEVEL=$(WASM_OPT_LEVEL) wasm-pack build --target web --release --no-pack --out-dir pkg-bench -- --features json-result

# The module at opt-level 3 and z (wasm-opt -Oz after, as for pkg/), and at opt-level 3
# with wasm-opt -O3, to choose the page's build settings by measurement.
bench-web-builds: setup
	CARGO_PROFILE_RELEASE_OPT_LEVEL=3 wasm-pack build --target web --release --no-pack --out-dir pkg-o3 -- --features json-result
	CARGO_PROFILE_RELEASE_OPT_LEVEL=z wasm-pack build --target web --release --no-pack --out-dir pkg-z -- --features json-result
	CARGO_PROFILE_RELEASE_OPT_LEVEL=3 wasm-pack build --target web --release --no-pack --no-opt --out-dir pkg-o3-wo3 -- --features json-result
	wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
	  pkg-o3-wo3/vision_index_bg.wasm -o pkg-o3-wo3/vision_index_bg.wasm
	@for d in pkg pkg-z pkg-o3 pkg-o3-wo3; do [ -f $$d/vision_index_bg.wasm ] && echo "$$d: $$(stat -c %s $$d/vision_index_bg.wasm) bytes raw, $$(gzip -9 -c $$d/vision_index_bg.wasm | wc -c) bytes gzip"; done; true
