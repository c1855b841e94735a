#!/usr/bin/env bash
# Runs the cargo-fuzz targets of fuzz/ (issue 15), each for SECONDS seconds:
#   scripts/fuzz.sh [SECONDS] [TARGET ...]     (default: 1800 s, every target)
# `make fuzz` runs them for FUZZ_SECONDS (30 min each); `make test` for a few
# seconds each. Nightly Rust (installed on the machine); cargo-fuzz is installed
# here when missing. Seeds: fuzz/seeds/<target>/ (in the repository); what a run
# finds goes to fuzz/corpus/<target>/ (not in the repository) and a failing input
# to fuzz/artifacts/<target>/, which makes this script fail: add it as a
# regression test (tests/fuzz_regressions.rs) with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-${FUZZ_SECONDS:-1800}}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json load_score edits scenario sheet)

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: the nightly toolchain is missing (rustup toolchain install nightly)" >&2
  exit 1
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz (about 2 minutes, once)"
  cargo install cargo-fuzz --locked
fi

cd fuzz
cargo +nightly fuzz build -O
summary=()
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  log="corpus/$t.log"
  echo "fuzz: $t for ${secs} s"
  # -timeout=1: no input may take over a second (FUZZ_TIMEOUT: more on a machine busy with
  # other work, where a starved process can look slow); -rss_limit_mb: nor 2 GB
  if ! cargo +nightly fuzz run -O "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$secs" -timeout="${FUZZ_TIMEOUT:-1}" -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fuzz: $t FAILED (input in fuzz/artifacts/$t/)" >&2
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  summary+=("$t: ${runs:-?} executions in ${secs} s, ${cov:-cov ?}, corpus $(ls "corpus/$t" | wc -l) inputs, no failure")
done
printf 'fuzz: %s\n' "${summary[@]}"
