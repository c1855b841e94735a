#!/usr/bin/env node
// Turns the output of `cargo bench --bench cycle` (divan) into benches/web/native.json,
// the "native" column of run.mjs's table:
//
//   cargo bench --bench cycle | tee /tmp/cycle.txt
//   node benches/web/native.mjs /tmp/cycle.txt > benches/web/native.json
//
// The native benchmarks are not the same operations to the letter (see README.md):
// their default-dataset ones score `plan`, their 10k dataset has 40 goals, and no
// result is encoded (the engine's result stays a Rust value).

import { readFileSync } from 'node:fs';

const MAP = {
  default_full_cycle: ['load/default', 'parse + check + score (plan), no encoding'],
  default_rescore_after_edit: ['edit_index/default', 'set_target + incremental rescore (plan), no encoding'],
  indicators_10k_full_cycle: ['load/10k', 'parse + check + score (outlook), benches/suite generator (40 goals), no encoding'],
  indicators_10k_rescore_after_edit: ['edit_index/10k', 'set_target + incremental rescore (outlook), 40 goals, no encoding'],
  indicators_10k_full_score_no_parse: ['score_only/10k', 'full score alone (outlook)'],
  default_score_only: ['score_only/default', 'full score alone (plan)'],
};
const UNIT = { ns: 1e-6, 'µs': 1e-3, us: 1e-3, ms: 1, s: 1000 };

const text = readFileSync(process.argv[2] || 0, 'utf8');
const cases = {};
for (const line of text.split('\n')) {
  // divan: "├─ name   fastest │ slowest │ median │ mean │ samples │ iters"
  const m = line.match(/([a-z0-9_]+)\s+([\d.]+)\s*(ns|µs|us|ms|s)\s*│\s*([\d.]+)\s*(ns|µs|us|ms|s)\s*│\s*([\d.]+)\s*(ns|µs|us|ms|s)\s*│\s*([\d.]+)\s*(ns|µs|us|ms|s)\s*│\s*(\d+)/);
  if (!m || !MAP[m[1]]) continue;
  const [key, what] = MAP[m[1]];
  cases[key] = { bench: m[1], what, median_ms: Number(m[6]) * UNIT[m[7]], fastest_ms: Number(m[2]) * UNIT[m[3]], samples: Number(m[10]) };
}
process.stdout.write(
  JSON.stringify({ source: 'cargo bench --bench cycle (divan, mimalloc, release + LTO)', date: new Date().toISOString().slice(0, 10), cases }, null, 2) + '\n',
);
