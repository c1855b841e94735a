// The analysis cases (SPEC §8) of the browser benchmark, in the page (driven by run.mjs):
// the facade of the analysis module, pkg-analysis/ (`make wasm-analysis`, cargo feature
// `analysis`), timed on the operations `cargo bench --bench analysis` times natively
// (benches/analysis.rs: same datasets, subjects and options). There is no JS
// reference of the analysis: each case's output is only checked for its shape
// (format, subject, draws) before it is timed.
//
//   B.analysis.init(url)                 → { methods, missing } (missing: facade methods absent)
//   B.analysis.setup(dsKey, text, ind)   → a short summary of every case's output
//   B.analysis.sample(caseId, dsKey, ms) → { ms, iters } (one batch, ms per operation)
//   B.analysis.release(dsKey)

const MILESTONE = 2027;
const GOAL = 'G4';
const DRAWS = 10000;
const SEED = 7n; // a BigInt: the facade takes any u64
const WEIGHTS = 0.2;
const SPREAD = 0.1;
/** The scenario of the geometric cases: the dataset's method with the aggregation overridden, nothing else. */
const GEOMETRIC = JSON.stringify({ format: 'vision-index-scenario/1', method: { aggregate: 'geometric' } });

const seekCase = (level, geometric) => ({
  id: `seek_${level}${geometric ? '_geometric' : ''}`,
  title: `seek(${MILESTONE}, '${level}', ${level === 'goal' ? GOAL : 'G4-b | I424'}, 'plan'), ${geometric ? 'geometric' : 'arithmetic'} aggregation (§8.2)`,
  geometric,
  op: (s) => s.e.seek(MILESTONE, level, level === 'goal' ? GOAL : s.indicator, 'plan'),
  check: (o, s) => o.format === 'vision-index-seek/1' && o.subject.id === (level === 'goal' ? GOAL : s.indicator),
  brief: (o) => `reachable ${o.reachable}${o.reason ? ` (${o.reason})` : ''}, required ${o.required}`,
});

export const ANALYSIS_CASES = [
  {
    id: 'status',
    title: 'status(): every node and milestone (§8.1)',
    op: (s) => s.e.status(),
    check: (o) => o.format === 'vision-index-status/1',
    brief: (o) => `${o.milestones.length} milestones, index ${o.milestones.map((m) => m.index.status).join(' / ')}`,
  },
  seekCase('indicator', false),
  seekCase('indicator', true),
  seekCase('goal', false),
  seekCase('goal', true),
  {
    id: 'contrib',
    title: `contrib(${MILESTONE}, 'plan') (§8.3)`,
    op: (s) => s.e.contrib(MILESTONE, 'plan'),
    check: (o) => o.format === 'vision-index-contrib/1' && o.year === MILESTONE,
    brief: (o) => `change ${o.change}`,
  },
  {
    id: 'uncertainty',
    title: `uncertainty(${DRAWS}, ${SEED}n, 'outlook', ${WEIGHTS}, ${SPREAD}) (§8.4)`,
    op: (s) => s.e.uncertainty(DRAWS, SEED, 'outlook', WEIGHTS, SPREAD),
    check: (o) => o.format === 'vision-index-uncertainty/1' && o.draws === DRAWS,
    brief: (o) => `p_met ${o.milestones.map((m) => `${m.year}: ${m.p_met}`).join(', ')}`,
  },
];

const METHODS = ['status', 'seek', 'contrib', 'uncertainty'];

export function analysisHarness(keep) {
  let M = null;
  const state = new Map(); // dsKey → { arithmetic, geometric } engines
  const iters = new Map();
  const engineOf = (c, dsKey) => {
    const s = state.get(dsKey);
    if (!s) throw new Error(`analysis: ${dsKey} not set up`);
    return c.geometric ? s.geometric : s.arithmetic;
  };
  return {
    cases: () => ANALYSIS_CASES.map((c) => ({ id: c.id, title: c.title })),

    async init(url) {
      M = await import(url);
      await M.default({ module_or_path: new URL(url.replace(/\.js$/, '_bg.wasm'), location.href) });
      const proto = Object.getOwnPropertyNames(M.VisionEngine.prototype);
      return { methods: proto.filter((n) => n !== 'constructor').sort(), missing: METHODS.filter((n) => !proto.includes(n)) };
    },

    setup(dsKey, text, indicator) {
      const arithmetic = { e: new M.VisionEngine(text), indicator };
      const geometric = { e: new M.VisionEngine(text), indicator };
      geometric.e.applyScenario(GEOMETRIC);
      state.set(dsKey, { arithmetic, geometric });
      const out = {};
      for (const c of ANALYSIS_CASES) {
        const s = engineOf(c, dsKey);
        const o = JSON.parse(c.op(s));
        if (!c.check(o, s)) throw new Error(`analysis ${c.id} on ${dsKey}: unexpected output ${JSON.stringify(o).slice(0, 200)}`);
        out[c.id] = c.brief(o);
      }
      return out;
    },

    sample(caseId, dsKey, minMs) {
      const c = ANALYSIS_CASES.find((x) => x.id === caseId);
      const s = engineOf(c, dsKey);
      const key = `${caseId}|${dsKey}`;
      let n = iters.get(key);
      if (!n) {
        // as B.sample: one call, then doubling until a batch takes half of minMs
        keep(c.op(s));
        for (n = 1; n < 1 << 20; n *= 2) {
          const t0 = performance.now();
          for (let i = 0; i < n; i++) keep(c.op(s));
          if (performance.now() - t0 >= minMs / 2) break;
        }
        n = Math.max(1, n * 2 > 1 << 20 ? n : n * 2);
        iters.set(key, n);
      }
      if (typeof gc === 'function') gc();
      const t0 = performance.now();
      for (let i = 0; i < n; i++) keep(c.op(s));
      return { ms: (performance.now() - t0) / n, iters: n };
    },

    release(dsKey) {
      const s = state.get(dsKey);
      if (!s) return;
      s.arithmetic.e.free();
      s.geometric.e.free();
      state.delete(dsKey);
    },
  };
}
