#!/usr/bin/env node
// Turns the output of `cargo bench --bench cycle --bench analysis` (divan) into
// benches/web/native.json, the "native" column of run.mjs's tables:
//
//   cargo bench --bench cycle --bench analysis | tee /tmp/native.txt
//   node benches/web/native.mjs /tmp/native.txt > benches/web/native.json
//
// (several files may be given: their lines are read in turn). The analysis benches
// (benches/analysis.rs, `default_CASE` and `indicators_1k_CASE`) become
// `analysis.CASE/default` and `analysis.CASE/suite-1k`.
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

for (const name of ['status', 'seek_indicator', 'seek_indicator_geometric', 'seek_goal', 'seek_goal_geometric', 'contrib', 'uncertainty'])
  for (const [pre, ds, what] of [
    ['default', 'default', 'default dataset'],
    ['indicators_1k', 'suite-1k', '1,000 generated indicators (benches/suite/generated.rs)'],
  ])
    MAP[`${pre}_${name}`] = [`analysis.${name}/${ds}`, `analysis ${name} + to_json, ${what}`];

// Several runs (one file each, or one file with several runs in it): each bench's
// median is the median of its runs' medians (the machine is noisy), `runs` says how many.
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const files = process.argv.slice(2);
const text = (files.length ? files : [0]).map((f) => readFileSync(f, 'utf8')).join('\n');
const seen = {};
for (const line of text.split('\n')) {
  // divan: "├─ name   fastest │ slowest │ median │ mean │ samples │ iters"
  const m = line.match(/([a-z0-9_]+)\s+([\d.]+)\s*(ns|µs|us|ms|s)\s*│\s*([\d.]+)\s*(ns|µs|us|ms|s)\s*│\s*([\d.]+)\s*(ns|µs|us|ms|s)\s*│\s*([\d.]+)\s*(ns|µs|us|ms|s)\s*│\s*(\d+)/);
  if (!m || !MAP[m[1]]) continue;
  (seen[m[1]] ||= []).push({ median_ms: Number(m[6]) * UNIT[m[7]], fastest_ms: Number(m[2]) * UNIT[m[3]], samples: Number(m[10]) });
}
const cases = {};
for (const [bench, runs] of Object.entries(seen)) {
  const [key, what] = MAP[bench];
  const med = median(runs.map((r) => r.median_ms));
  const fastest = Math.min(...runs.map((r) => r.fastest_ms));
  cases[key] = { bench, what, median_ms: med, fastest_ms: fastest, samples: runs[0].samples, ...(runs.length > 1 ? { runs: runs.length } : {}) };
}
process.stdout.write(
  JSON.stringify({ source: 'cargo bench --bench cycle --bench analysis (divan, mimalloc, release + LTO)', date: new Date().toISOString().slice(0, 10), cases }, null, 2) + '\n',
);
