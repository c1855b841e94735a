#!/usr/bin/env node
// WebAssembly module vs plain JavaScript, side by side, in headless Chromium.
//
//   node benches/web/run.mjs [--quick] [--100k] [--rounds N] [--analysis-only]     (normally `make bench-web`)
//
// 1. Serves the repository's files from 127.0.0.1 (a tiny server of its own,
//    cross-origin isolated so that performance.now() has 5 µs resolution) and
//    opens benches/web/page.html, which loads every build of the module present:
//    pkg/ (opt-level s, `make wasm`), pkg-z/ and pkg-o3/ (opt-level z and 3, optional;
//    all three post-processed by wasm-opt -Oz as Cargo.toml says), pkg-o3-wo3/ (opt-level 3
//    with wasm-opt -O3; `make bench-web-builds` makes the optional ones)
//    and the JS reference (benches/web/reference.js).
// 2. Checks that the JS reference equals every module (1e-9 relative, warnings too)
//    on the default dataset, /work/shared/examples (with their scenario and expected
//    results) and the generated datasets, with and without scenarios, on every path,
//    and after a series of edits (incremental vs full). Any difference: exit 1, no timing.
// 3. Times the cases of page.js (CASES) on the default dataset and the generated
//    1,000- and 10,000-indicator ones (and 100,000 with --100k): rounds interleave
//    every implementation, the first round is a warm-up, medians are reported.
// 4. Times the analysis (SPEC §8: status, seek, contrib, uncertainty; analysis.js) through
//    the facade of pkg-analysis/ (`make wasm-analysis`) on the default dataset and the native
//    benches' 1,000-indicator one, beside `cargo bench --bench analysis` (native.json).
//    Skipped, with a message, when pkg-analysis/ is missing, and with --quick (seconds per
//    round); --analysis-only runs this part alone (test-results/bench-web-analysis.json).
// 5. Writes test-results/bench-web.json and prints markdown tables, with native
//    numbers read from benches/web/native.json when it is there.
//
// Environment: VI_CHROMIUM (default /usr/bin/chromium). Timings are reported, never asserted.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { generate, generatedScenario, suiteDataset } from './gen.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const EXAMPLES = process.env.VI_EXAMPLES || '/work/shared/examples';
const CHROMIUM = process.env.VI_CHROMIUM || '/usr/bin/chromium';
const OUT = path.join(ROOT, 'test-results', 'bench-web.json');

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const BIG = argv.includes('--100k');
const ANALYSIS_ONLY = argv.includes('--analysis-only');
// --gate (make test): exit 1 when the shipped module is clearly slower than JavaScript on a case.
// The measure is the median over rounds of module/JS, each round's two batches run back to back
// (so both see the same machine); a case over its limit is timed again, alone, with
// GATE_RERUN_ROUNDS rounds, and only the re-run decides. The limit, 1.25, is above the spread
// measured run to run on this 2-core machine with a browser and tests running beside it (the
// 10,000-indicator load, level with JavaScript, measured 0.86–1.17 across quick runs) and well
// below a clear regression (1.5×). README, "The boundary".
const GATE = argv.includes('--gate');
const GATE_LIMIT = 1.25;
const GATE_ROUNDS = 8; // rounds of the gated cases with --gate (a quick run's others keep 4)
const GATE_RERUN_ROUNDS = 12;
/** Cases where the module may be slower than JavaScript, with their own limit and the reason (README, "The boundary"). */
const GATE_EXCEPT = {
  'load|default': {
    limit: 1.5,
    why: 'the load of 23 indicators: the text is copied into the module and read by its own parser, where JavaScript has the native JSON.parse (level within the noise; measured 0.72–1.24)',
  },
};
const gateLimit = (key) => GATE_EXCEPT[key]?.limit ?? GATE_LIMIT;
const ri = argv.indexOf('--rounds');
const ROUNDS = ri >= 0 ? Number(argv[ri + 1]) : QUICK ? 4 : 12; // + 1 warm-up
const MIN_MS = QUICK ? 4 : 15; // a batch lasts at least about this long

// ---------------------------------------------------------------- builds and data

const BUILDS = [
  { name: 'wasm-s', dir: 'pkg-bench', note: 'opt-level s (what the page ships, plus the JSON result() of feature json-result: make wasm-bench)' },
  { name: 'wasm-z', dir: 'pkg-z', note: 'opt-level z' },
  { name: 'wasm-o3', dir: 'pkg-o3', note: 'opt-level 3' },
  { name: 'wasm-o3-wo3', dir: 'pkg-o3-wo3', note: 'opt-level 3, wasm-opt -O3 instead of -Oz' },
].filter((b) => existsSync(path.join(ROOT, b.dir, 'vision_index.js')) && existsSync(path.join(ROOT, b.dir, 'vision_index_bg.wasm')));
if (!BUILDS.some((b) => b.dir === 'pkg-bench')) {
  console.error('bench-web: pkg-bench/ is missing: run `make wasm-bench` first.');
  process.exit(1);
}
for (const b of BUILDS) {
  const wasm = readFileSync(path.join(ROOT, b.dir, 'vision_index_bg.wasm'));
  b.raw = wasm.length;
  // `gzip -9` as `make wasm` and the README measure it (Node's zlib at level 9 gives ~0.8 kB more)
  const gz = spawnSync('gzip', ['-9', '-c', path.join(ROOT, b.dir, 'vision_index_bg.wasm')], { maxBuffer: 1 << 26 });
  b.gzip = gz.status === 0 ? gz.stdout.length : zlib.gzipSync(wasm, { level: 9 }).length;
}

// The analysis module (SPEC §8), optional: its cases are skipped without it.
const ANALYSIS_DIR = 'pkg-analysis';
const ANALYSIS_PKG = ['vision_index.js', 'vision_index_bg.wasm'].every((f) => existsSync(path.join(ROOT, ANALYSIS_DIR, f)))
  ? { dir: ANALYSIS_DIR, raw: statSync(path.join(ROOT, ANALYSIS_DIR, 'vision_index_bg.wasm')).size }
  : null;
/** The analysis cases' datasets: the default one and the native benches' generated one (benches/suite/generated.rs). */
const ANALYSIS_DATA = [
  { key: 'default', text: () => defaultText, indicator: 'G4-b', note: 'www/data/setagaya.json' },
  { key: 'suite-1k', text: () => suiteDataset(1000), indicator: 'I424', note: '1,000 indicators, 40 goals (benches/suite/generated.rs = gen.mjs suiteDataset)' },
];

const mem = new Map(); // served from memory: generated datasets, scenarios
const defaultText = readFileSync(path.join(ROOT, 'www', 'data', 'setagaya.json'), 'utf8');
mem.set('/mem/default.json', defaultText);
const sizes = { '1k': 1000, '10k': 10000, ...(BIG ? { '100k': 100000 } : {}) };
for (const [key, n] of Object.entries(sizes)) {
  mem.set(`/mem/${key}.json`, generate(n, { lean: n > 10000 }));
  mem.set(`/mem/${key}-geo.scenario.json`, JSON.stringify(generatedScenario(n, { geometric: true })));
  mem.set(`/mem/${key}-ari.scenario.json`, JSON.stringify(generatedScenario(n, { geometric: false })));
}

/** A scenario of every override kind for any dataset (picked deterministically from its ids). */
function scenarioFor(ds, geometric) {
  const ids = ds.indicators.filter((x) => (x.stage ?? 'outcome_long') === 'outcome_long');
  const down = ids.find((x) => x.direction === 'down');
  const pick = (k) => ids[(k * 7919) % ids.length].id;
  return {
    format: 'vision-index-scenario/1',
    targets: [{ indicator: pick(1), year: 2027, value: 1.5 * ids[(7919) % ids.length].baseline }, { indicator: pick(2), year: 2029, value: 0 }],
    values: [{ indicator: pick(3), year: 2025, value: 0.9 * ids[(3 * 7919) % ids.length].baseline }, ...(down ? [{ indicator: down.id, year: 2024, value: 0 }] : [])],
    weights: { goals: { [ds.goals[0].id]: 2.5 }, policies: { [ds.policies[ds.policies.length - 1].id]: 0 }, indicators: { [pick(4)]: 3 } },
    method: geometric ? { aggregate: 'geometric', via: ['goal', 'policy'], cap: 140 } : { via: ['goal', 'policy'], cap: null },
  };
}
const defaultDs = JSON.parse(defaultText);
mem.set('/mem/default-geo.scenario.json', JSON.stringify(scenarioFor(defaultDs, true)));
mem.set('/mem/default-ari.scenario.json', JSON.stringify(scenarioFor(defaultDs, false)));

/** The default dataset with the edge cases (checked only, not timed). */
function edgeDataset(ds) {
  const d = structuredClone(ds);
  d.years.first = 2020; // years before the base year: no value on any path
  d.index.method = { aggregate: 'arithmetic', via: ['goal', 'policy'], cap: 130 };
  const x = d.indicators;
  x[0].values = { 2021: 5, 2024: 22, 2026: 21 }; // a value before the base year (ignored)
  x[1].stage = 'behavior'; // not scored
  x[2].weight = 0; // not counted
  x[3].direction = 'down';
  x[3].values = { 2025: 0 }; // score undefined (warning)
  x[4].values = { 2024: x[4].baseline }; // exactly the baseline: 100
  x[5].targets = { 2031: 1.5e308 }; // beyond the cap; 100·x overflows where there is no cap (warning)
  x[6].values = { 2024: x[6].baseline * 0.5, 2025: x[6].baseline * 0.1 }; // trend floored at 0
  d.goals.push({ id: 'G12', policy: 'P4', name: 'no indicator' }); // a goal without a score
  d.policies.push({ id: 'P5', name: 'no goal', weight: 2 }); // a policy without a score
  return d;
}
const edgeDs = edgeDataset(defaultDs);
mem.set('/mem/edge.json', JSON.stringify(edgeDs));
mem.set('/mem/edge-geo.scenario.json', JSON.stringify(scenarioFor(edgeDs, true)));
mem.set('/mem/edge-ari.scenario.json', JSON.stringify(scenarioFor(edgeDs, false)));

/** The edit timed on a dataset: one outcome indicator's 2027 target. */
function editFor(text, key) {
  const ds = JSON.parse(text);
  const x = key === 'default' ? ds.indicators.find((i) => i.id === 'G1-a') : ds.indicators[Math.floor(ds.indicators.length * 0.4242)];
  return { id: x.id, year: 2027, base: x.baseline };
}

/** Edits for the incremental check: targets and values set, changed and removed, on rotating paths. */
function editSteps(text, count) {
  const ds = JSON.parse(text);
  const ids = ds.indicators.map((x) => x);
  const paths = ['actual', 'plan', 'outlook', 'trend'];
  const steps = [];
  for (let k = 0; k < count; k++) {
    const x = ids[(k * 2654435761) % ids.length >>> 0] || ids[k % ids.length];
    const kind = k % 3 === 2 ? 'value' : 'target';
    const year = kind === 'target' ? [2027, 2029, 2031, 2025][k % 4] : [2024, 2025, 2026][k % 3];
    let value = Math.round(x.baseline * (0.8 + (k % 7) * 0.1) * 10) / 10;
    if (k % 5 === 4) value = null; // removal (of a previous or absent entry)
    if (k % 11 === 10) value = 0;
    steps.push({ kind, id: x.id, year, value, path: paths[k % 4] });
    if (k % 6 === 5) steps.push({ kind, id: x.id, year, value: null, path: paths[(k + 1) % 4] });
  }
  return steps;
}

// ---------------------------------------------------------------- server

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.html': 'text/html; charset=utf-8' };
const ALLOWED = ['/benches/web/', '/www/data/', '/www/modules/', ...BUILDS.map((b) => `/${b.dir}/`), ...(ANALYSIS_PKG ? [`/${ANALYSIS_PKG.dir}/`] : [])];

function startServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const p = decodeURIComponent(url.pathname);
    const head = {
      'Cache-Control': 'no-store',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    let body = null;
    if (mem.has(p)) body = Buffer.from(mem.get(p));
    else if (p.startsWith('/examples/') && !p.includes('..')) {
      const f = path.join(EXAMPLES, p.slice('/examples/'.length));
      if (existsSync(f)) body = readFileSync(f);
    } else if (ALLOWED.some((a) => p.startsWith(a)) && !p.split('/').includes('..')) {
      const f = path.join(ROOT, p);
      if (existsSync(f) && statSync(f).isFile()) body = readFileSync(f);
    }
    if (body === null) {
      res.writeHead(404, head).end('not found');
      return;
    }
    res.writeHead(200, { ...head, 'Content-Type': TYPES[path.extname(p)] || 'application/octet-stream', 'Content-Length': body.length });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------- helpers

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (a, q) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
};
function fmt(ms) {
  if (ms === undefined || ms === null) return '—';
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  if (ms >= 0.01) return `${(ms * 1000).toFixed(1)} µs`;
  return `${(ms * 1000).toFixed(2)} µs`;
}
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '—');

function readNative() {
  const f = path.join(HERE, 'native.json');
  if (!existsSync(f)) return null;
  try {
    return JSON.parse(readFileSync(f, 'utf8'));
  } catch (e) {
    console.error(`bench-web: ignoring ${f}: ${e.message}`);
    return null;
  }
}

// ---------------------------------------------------------------- the analysis (SPEC §8)

/**
 * Times the analysis cases (analysis.js) through pkg-analysis/'s facade, rounds
 * interleaved as above (order rotated, first round a warm-up, medians), beside the
 * native numbers of `cargo bench --bench analysis` (native.json, `analysis.CASE/DATASET`).
 * Returns the report's `analysis` part, or `{ skipped }` with the reason.
 */
async function timeAnalysis(page, t0) {
  const skip = (why) => {
    console.log(`bench-web: analysis cases skipped: ${why}`);
    return { skipped: why };
  };
  if (!ANALYSIS_PKG) return skip(`${ANALYSIS_DIR}/ is missing (build it with \`make wasm-analysis\`, or \`make wasm\` for both modules)`);
  if (QUICK) return skip('--quick (the Monte Carlo takes seconds per round); run without --quick, or with --analysis-only');
  const init = await page.evaluate((u) => window.B.analysis.init(u), `/${ANALYSIS_DIR}/vision_index.js`);
  if (init.missing.length) return skip(`${ANALYSIS_DIR}/ has no ${init.missing.join(', ')} (not built with the cargo feature \`analysis\`?)`);
  const cases = await page.evaluate(() => window.B.analysis.cases());
  const native = readNative();
  const samples = {};
  const iters = {};
  const outputs = {};
  for (const d of ANALYSIS_DATA) {
    outputs[d.key] = await page.evaluate(([k, t, i]) => window.B.analysis.setup(k, t, i), [d.key, d.text(), d.indicator]);
    for (let r = 0; r <= ROUNDS; r++) {
      const rot = cases.map((_, k) => cases[(k + r) % cases.length]);
      for (const c of rot) {
        const s = await page.evaluate(([a, k, m]) => window.B.analysis.sample(a, k, m), [c.id, d.key, MIN_MS]);
        const key = `${c.id}|${d.key}`;
        iters[key] = s.iters;
        if (r > 0) (samples[key] ||= []).push(s.ms);
      }
    }
    await page.evaluate((k) => window.B.analysis.release(k), d.key);
    process.stdout.write(`  timed the analysis on ${d.key} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  const results = [];
  for (const c of cases)
    for (const d of ANALYSIS_DATA) {
      const a = samples[`${c.id}|${d.key}`];
      const mod = { median_ms: median(a), p25_ms: quantile(a, 0.25), p75_ms: quantile(a, 0.75), runs: a.length, ops_per_run: iters[`${c.id}|${d.key}`] };
      const n = native?.cases?.[`analysis.${c.id}/${d.key}`] ?? null;
      results.push({ case: c.id, title: c.title, dataset: d.key, output: outputs[d.key][c.id], module: mod, native: n, module_over_native: n ? mod.median_ms / n.median_ms : null });
    }
  const gz = spawnSync('gzip', ['-9', '-c', path.join(ROOT, ANALYSIS_DIR, 'vision_index_bg.wasm')], { maxBuffer: 1 << 26 });
  return {
    module: { dir: ANALYSIS_DIR, wasm_bytes: ANALYSIS_PKG.raw, wasm_gzip9_bytes: gz.status === 0 ? gz.stdout.length : null, methods: init.methods },
    datasets: Object.fromEntries(ANALYSIS_DATA.map((d) => [d.key, { note: d.note, bytes: Buffer.byteLength(d.text()), seek_indicator: d.indicator }])),
    native: native ? { source: native.source, date: native.date } : null,
    rounds: ROUNDS,
    results,
  };
}

function printAnalysis(a) {
  if (!a || a.skipped) return;
  console.log('\n### The analysis (SPEC §8): pkg-analysis/ in Chromium vs native\n');
  console.log('| case | dataset | native | module (Chromium) | module/native | output | runs |');
  console.log('|---|---|---:|---:|---:|---|---:|');
  for (const r of a.results)
    console.log(`| ${r.case} | ${r.dataset} | ${r.native ? fmt(r.native.median_ms) : '—'} | ${fmt(r.module.median_ms)} | ${ratio(r.module.median_ms, r.native?.median_ms)} | ${r.output} | ${r.module.runs} |`);
  console.log('');
  for (const [k, d] of Object.entries(a.datasets)) console.log(`- ${k}: ${d.note}, ${d.bytes} bytes; seek's indicator ${d.seek_indicator}, goal G4`);
  console.log(`- module: ${a.module.dir}/ (${a.module.wasm_bytes} B raw, ${a.module.wasm_gzip9_bytes} B gzip -9); each case returns the JSON text, decoded into a JS string`);
  console.log(a.native ? `- native: ${a.native.source} (${a.native.date}): the analysis + to_json` : '- native: no benches/web/native.json (see benches/web/README.md)');
}

// ---------------------------------------------------------------- main

async function main() {
  const t0 = Date.now();
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set VI_CHROMIUM; make setup-browser)`);
  const server = await startServer();
  const base = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(path.join(os.tmpdir(), 'vi-bench-web-'));
  let ctx = null;
  try {
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc'],
    });
    const page = ctx.pages()[0] || (await ctx.newPage());
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text()}`));
    await page.goto(`${base}/benches/web/page.html`);
    await page.waitForFunction(() => window.B !== undefined);
    const env = await page.evaluate((mods) => window.B.init(mods), BUILDS.map((b) => ({ name: b.name, url: `/${b.dir}/vision_index.js` })));
    console.log(`bench-web: Chromium ${ctx.browser()?.version() ?? ''} · cross-origin isolated: ${env.isolated} · builds: ${BUILDS.map((b) => b.name).join(', ')}${QUICK ? ' · quick' : ''}`);
    for (const m of env.info) console.log(`  ${m.name}: ${m.methods.join(' ')}`);

    if (ANALYSIS_ONLY) {
      const analysis = await timeAnalysis(page, t0);
      const out = path.join(ROOT, 'test-results', 'bench-web-analysis.json');
      mkdirSync(path.dirname(out), { recursive: true });
      const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, ua: env.ua, cross_origin_isolated: env.isolated };
      writeFileSync(out, JSON.stringify({ format: 'vision-index-bench-web/1', date: new Date().toISOString(), analysis_only: true, rounds: ROUNDS, min_batch_ms: MIN_MS, machine, analysis }, null, 2) + '\n');
      printAnalysis(analysis);
      console.log(`\nbench-web: report: ${path.relative(ROOT, out)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      return;
    }

    // texts into the page
    const texts = { default: '/mem/default.json', 'default-geo': '/mem/default-geo.scenario.json', 'default-ari': '/mem/default-ari.scenario.json' };
    for (const k of ['edge', 'edge-geo', 'edge-ari']) texts[k] = `/mem/${k}${k === 'edge' ? '' : '.scenario'}.json`;
    for (const key of Object.keys(sizes)) {
      texts[key] = `/mem/${key}.json`;
      texts[`${key}-geo`] = `/mem/${key}-geo.scenario.json`;
      texts[`${key}-ari`] = `/mem/${key}-ari.scenario.json`;
    }
    const examples = existsSync(path.join(EXAMPLES, 'tiny.json'));
    if (examples) {
      texts.tiny = '/examples/tiny.json';
      texts['tiny-scenario'] = '/examples/tiny-scenario.json';
      for (const p of ['actual', 'plan', 'outlook', 'trend']) {
        texts[`tiny.${p}`] = `/examples/tiny.${p}.expected.json`;
        texts[`tiny-scenario.${p}`] = `/examples/tiny-scenario.${p}.expected.json`;
      }
      const tinyDs = JSON.parse(readFileSync(path.join(EXAMPLES, 'tiny.json'), 'utf8'));
      mem.set('/mem/tiny-geo.scenario.json', JSON.stringify(scenarioFor(tinyDs, true)));
      mem.set('/mem/tiny-ari.scenario.json', JSON.stringify(scenarioFor(tinyDs, false)));
      texts['tiny-geo'] = '/mem/tiny-geo.scenario.json';
      texts['tiny-ari'] = '/mem/tiny-ari.scenario.json';
    } else console.log(`bench-web: ${EXAMPLES} not found: checking without the conformance examples`);
    for (const [key, url] of Object.entries(texts)) await page.evaluate(([k, u]) => window.B.fetchText(k, u), [key, url]);

    // ------------------------------------------------ the check (before any timing)
    const dsKeys = ['default', 'edge', ...(examples ? ['tiny'] : []), ...Object.keys(sizes)];
    const runs = [];
    for (const ds of dsKeys) {
      const exp = (name) => (ds === 'tiny' ? Object.fromEntries(['actual', 'plan', 'outlook', 'trend'].map((p) => [p, `${name}.${p}`])) : undefined);
      runs.push({ ds, sc: null, expected: exp('tiny') });
      if (ds === 'tiny') runs.push({ ds, sc: 'tiny-scenario', expected: exp('tiny-scenario') });
      runs.push({ ds, sc: `${ds}-geo` }, { ds, sc: `${ds}-ari` });
    }
    const edits = [];
    for (const ds of dsKeys) {
      if (ds === '100k') continue;
      const text = ds === 'tiny' ? readFileSync(path.join(EXAMPLES, 'tiny.json'), 'utf8') : mem.get(`/mem/${ds}.json`);
      const n = ds === '10k' ? 24 : 48;
      edits.push({ ds, sc: null, steps: editSteps(text, n) }, { ds, sc: `${ds}-geo`, steps: editSteps(text, n / 2) });
    }
    const tc = Date.now();
    const chk = await page.evaluate((spec) => window.B.check(spec), { runs, edits });
    const nEdits = edits.reduce((a, e) => a + e.steps.length, 0);
    if (chk.diffs.length) {
      console.error(`bench-web: the JS reference and the module DIFFER (${chk.diffs.length}+ differences); no timing:`);
      for (const d of chk.diffs) console.error(`  ${d}`);
      process.exitCode = 1;
      return;
    }
    const cl = chk.closeness;
    const checked =
      `${runs.length} dataset×scenario runs × 4 paths × ${BUILDS.length} builds, ${nEdits} edits (incremental vs full) — ` +
      `${chk.comparisons} result comparisons, ${cl.numbers} numbers, ${cl.identical} bit-identical, largest relative difference ${cl.maxRel.toExponential(2)}`;
    console.log(`bench-web: check ok: JS reference = every module to 1e-9 relative, warnings too: ${checked} (${((Date.now() - tc) / 1000).toFixed(1)} s)`);

    // ------------------------------------------------ timing
    const timed = ['default', ...Object.keys(sizes)];
    for (const ds of timed) {
      await page.evaluate(([k, e]) => window.B.addDataset(k, k, e), [ds, editFor(ds === 'default' ? defaultText : mem.get(`/mem/${ds}.json`), ds)]);
    }
    const cases = await page.evaluate(() => window.B.cases());
    const impls = [...BUILDS.map((b) => b.name), 'js'];
    const samples = {}; // `${case}|${impl}|${ds}` → [ms], one per round, in round order
    const iters = {};
    /** Times `list` (cases) on `ds`: a warm-up round, then `rounds` rounds (info cases: ROUNDS at most); appends to `into`. */
    const timeRounds = async (ds, list, rounds, into) => {
      for (let r = 0; r <= rounds; r++) {
        for (const c of list) {
          if (c.info && r > ROUNDS) continue;
          const order = impls.filter((i) => (i === 'js' ? c.js : c.wasm));
          // rotate the order each round so that no implementation always runs first
          const rot = order.map((_, k) => order[(k + r) % order.length]);
          for (const impl of rot) {
            const s = await page.evaluate(([a, b, d, m]) => window.B.sample(a, b, d, m), [c.id, impl, ds, MIN_MS]);
            const key = `${c.id}|${impl}|${ds}`;
            iters[key] = s.iters;
            if (r === 0) continue; // warm-up
            (into[key] ||= []).push(s.ms);
          }
        }
      }
    };
    for (const ds of timed) {
      // the 100k dataset: fewer rounds (each load is long); with --gate the gated cases get GATE_ROUNDS
      const rounds = ds === '100k' ? Math.min(ROUNDS, QUICK ? 2 : 5) : Math.max(ROUNDS, GATE ? GATE_ROUNDS : 0);
      await timeRounds(ds, cases, rounds, samples);
      await page.evaluate((d) => window.B.release(d), ds);
      process.stdout.write(`  timed ${ds} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
    }
    // the gate's re-runs: a case over its limit timed again, alone, with more rounds
    const reruns = {}; // `${case}|${ds}` → { first, samples }
    if (GATE)
      for (const ds of timed)
        for (const c of cases) {
          const key = `${c.id}|${ds}`;
          if (c.info || !c.wasm || !c.js) continue;
          const first = pairedMedian(samples[`${c.id}|wasm-s|${ds}`], samples[`${c.id}|js|${ds}`]);
          if (!(first > gateLimit(key))) continue;
          console.log(`gate: ${key} at ${first.toFixed(2)}× (limit ${gateLimit(key)}): timing it again with ${GATE_RERUN_ROUNDS} rounds`);
          const again = {};
          await timeRounds(ds, [c], GATE_RERUN_ROUNDS, again);
          await page.evaluate((d) => window.B.release(d), ds);
          reruns[key] = { first, samples: again };
        }

    const analysis = await timeAnalysis(page, t0);

    // ------------------------------------------------ report
    const native = readNative();
    const rows = [];
    for (const c of cases)
      for (const ds of timed) {
        const row = { case: c.id, title: c.title, info: c.info, dataset: ds, impl: {} };
        for (const impl of impls) {
          const a = samples[`${c.id}|${impl}|${ds}`];
          if (!a) continue;
          row.impl[impl] = { median_ms: median(a), p25_ms: quantile(a, 0.25), p75_ms: quantile(a, 0.75), runs: a.length, ops_per_run: iters[`${c.id}|${impl}|${ds}`] };
          if (impl !== 'js' && c.variants[impl]) row.impl[impl].variant = c.variants[impl];
        }
        const n = native && native.cases && native.cases[`${c.id}/${ds}`];
        if (n) row.native = n;
        const js = row.impl.js && row.impl.js.median_ms;
        row.ratios = {};
        for (const b of BUILDS) if (row.impl[b.name] && js) row.ratios[`${b.name}/js`] = row.impl[b.name].median_ms / js;
        const m = samples[`${c.id}|wasm-s|${ds}`], j = samples[`${c.id}|js|${ds}`];
        if (m && j) row.paired = { 'wasm-s/js': pairedStats(m, j) };
        const rr = reruns[`${c.id}|${ds}`];
        if (rr) row.gate_rerun = { first: rr.first, 'wasm-s/js': pairedStats(rr.samples[`${c.id}|wasm-s|${ds}`], rr.samples[`${c.id}|js|${ds}`]) };
        rows.push(row);
      }
    const report = {
      format: 'vision-index-bench-web/1',
      date: new Date().toISOString(),
      quick: QUICK,
      rounds: ROUNDS,
      min_batch_ms: MIN_MS,
      path: 'outlook',
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, ua: env.ua, cross_origin_isolated: env.isolated },
      builds: BUILDS.map((b) => ({ name: b.name, dir: b.dir, note: b.note, wasm_bytes: b.raw, wasm_gzip9_bytes: b.gzip, methods: env.info.find((m) => m.name === b.name)?.methods })),
      datasets: Object.fromEntries(timed.map((ds) => [ds, { bytes: Buffer.byteLength(ds === 'default' ? defaultText : mem.get(`/mem/${ds}.json`)), edit: editFor(ds === 'default' ? defaultText : mem.get(`/mem/${ds}.json`), ds) }])),
      check: { ok: true, detail: checked, ...cl },
      native: native ? { source: native.source, date: native.date } : null,
      results: rows,
      analysis,
    };
    mkdirSync(path.dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');

    // markdown
    const cols = [...(native ? ['native'] : []), ...BUILDS.map((b) => b.name), 'js', ...BUILDS.map((b) => `${b.name}/js`)];
    const lines = [];
    lines.push(`| case | dataset | ${cols.join(' | ')} | runs |`);
    lines.push(`|---|---|${cols.map(() => '---:').join('|')}|---:|`);
    for (const r of rows) {
      const cells = [];
      if (native) cells.push(r.native ? fmt(r.native.median_ms) : '—');
      for (const b of BUILDS) {
        const x = r.impl[b.name];
        cells.push(x ? fmt(x.median_ms) + (x.variant && x.variant !== 'result' ? ` (${x.variant})` : '') : '—');
      }
      cells.push(r.impl.js ? fmt(r.impl.js.median_ms) : '—');
      for (const b of BUILDS) cells.push(r.impl[b.name] && r.impl.js ? ratio(r.impl[b.name].median_ms, r.impl.js.median_ms) : '—');
      const runs = Object.values(r.impl)[0]?.runs ?? 0;
      lines.push(`| ${r.case}${r.info ? ' (info)' : ''} | ${r.dataset} | ${cells.join(' | ')} | ${runs} |`);
    }
    console.log('');
    for (const c of cases) console.log(`- **${c.id}**: ${c.title}`);
    console.log('');
    console.log(lines.join('\n'));
    console.log('');
    console.log('| build | wasm raw | wasm gzip -9 |');
    console.log('|---|---:|---:|');
    for (const b of BUILDS) console.log(`| ${b.name} (${b.dir}/, ${b.note}) | ${b.raw} B | ${b.gzip} B |`);
    if (native) console.log(`\nnative: ${native.source} (${native.date}); its datasets and paths differ slightly, see benches/web/README.md`);
    printAnalysis(analysis);
    if (GATE) gate(rows);
    console.log(`\nbench-web: medians of ${ROUNDS} interleaved rounds (after 1 warm-up), batches of ≥ ${MIN_MS} ms; report: ${path.relative(ROOT, OUT)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  } finally {
    if (ctx) await ctx.close().catch(() => {});
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Per-round ratios a/b (the same round's batches, run back to back): median, lowest, highest, count. */
function pairedStats(a, b) {
  const r = a.map((x, k) => x / b[k]).filter((x) => Number.isFinite(x));
  return { median: median(r), min: Math.min(...r), max: Math.max(...r), rounds: r.length };
}
const pairedMedian = (a, b) => (a && b ? pairedStats(a, b).median : NaN);

/** The gate of `make test`: the shipped module (wasm-s) against JavaScript on every timed case (not the info ones). */
function gate(rows) {
  const slower = [];
  let checked = 0;
  for (const r of rows) {
    if (r.info || !r.paired) continue;
    checked += 1;
    const key = `${r.case}|${r.dataset}`;
    const limit = gateLimit(key);
    const p = r.gate_rerun ? r.gate_rerun['wasm-s/js'] : r.paired['wasm-s/js'];
    const line =
      `${key}: module/JS ${p.median.toFixed(2)}× (median of ${p.rounds} rounds, ${p.min.toFixed(2)}–${p.max.toFixed(2)}; limit ${limit})` +
      (r.gate_rerun ? `, re-run after ${r.gate_rerun.first.toFixed(2)}×` : '');
    if (GATE_EXCEPT[key]) console.log(`gate: named: ${line} — ${GATE_EXCEPT[key].why}`);
    else if (r.gate_rerun) console.log(`gate: re-run: ${line}`);
    if (p.median > limit) slower.push(line);
  }
  if (slower.length) {
    console.error(`gate: the module is slower than JavaScript beyond the noise:\n  ${slower.join('\n  ')}`);
    process.exitCode = 1;
  } else console.log(`gate: ok — on ${checked} cases the module/JS ratio is within its limit (${GATE_LIMIT}, named exceptions their own)`);
}

main().catch((e) => {
  console.error(`bench-web: ${e && e.stack ? e.stack : e}`);
  process.exitCode = 1;
});
