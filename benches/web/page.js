// The in-page half of the WebAssembly-vs-JavaScript benchmark (driven by run.mjs).
//
// window.B:
//   B.init(modules)           modules: [{ name, url }] (the wasm-bindgen glue of each build)
//   B.addText(key, text)      a dataset or scenario as JSON text (fetched by run.mjs's server)
//   B.check(spec)             equality of the JS reference and every module (see run.mjs)
//   B.sample(caseId, impl, dsKey, minMs) → ms per operation (one batch)
//   B.analysis                the analysis cases (SPEC §8) on pkg-analysis/: see analysis.js
//
// To benchmark a new facade method, add a case to CASES: `wasm` and `js` each
// have setup(impl, d) → state and op(state); `when(M)` says whether a module can
// run it (feature detection). Cases marked `info` are extra context for the table.

import * as R from './reference.js';
import { PathRows } from '../../www/modules/rows.js';
import { analysisHarness } from './analysis.js';

export const PATH = 'outlook';
const OTHER_PATHS = R.PATHS.filter((p) => p !== PATH);
let sink = 0;
const keep = (x) => {
  sink = (sink + (x && x.length ? x.length : 1)) | 0;
};

/** The next edit's value: cycles through 20 values around the target, so every edit changes the result. */
function nextValue(s) {
  s.k = (s.k + 1) % 20;
  return Math.round(s.base * (1.1 + s.k * 0.02) * 10) / 10;
}

const has = (M, name) => typeof M.VisionEngine.prototype[name] === 'function';
/** The numbers a call left in the handle's buffer (a view into the module's memory), or the call's own array. */
const nums = (M, e, r) => (typeof r === 'number' ? new Float64Array(MEMORY.get(M).buffer, e.bufPtr(), r) : r);
const MEMORY = new Map();

/** What the views need after an edit: the shown path's data and the other paths' index lines. */
function wasmViews(s) {
  s.e.setTarget(s.id, s.year, nextValue(s));
  keep(s.rows ? readRows(s) : s.e.result(PATH));
  for (const p of OTHER_PATHS) keep(nums(s.M, s.e, s.e.index(p)));
}
/** The page's road after an edit: the changed rows and the meta, applied to its PathRows. */
function readRows(s) {
  s.rows.apply(nums(s.M, s.e, s.e.update(PATH)), () => s.e.meta(PATH));
  return s.rows.view.indicators;
}
function jsViews(s) {
  s.e.setTarget(s.id, s.year, nextValue(s));
  keep(s.e.series(PATH));
  for (const p of OTHER_PATHS) keep(s.e.index(p));
}

const wasmEngine = (M, d) => {
  const e = new M.VisionEngine(d.text);
  e.result(PATH);
  const layout = has(M, 'layout') ? e.layout() : null;
  const rows = has(M, 'update') ? new PathRows(layout, PATH) : null;
  if (rows) rows.apply(nums(M, e, e.update(PATH)), () => e.meta(PATH));
  return { M, e, id: d.edit.id, year: d.edit.year, base: d.edit.base, k: 0, layout, rows };
};
const jsEngine = (d) => {
  const e = new R.RefEngine(JSON.parse(d.text));
  e.result(PATH);
  return { e, id: d.edit.id, year: d.edit.year, base: d.edit.base, k: 0, layout: e.layout() };
};

export const CASES = [
  {
    id: 'load',
    title: `(a) full load: parse + check + first result (${PATH})`,
    wasm: {
      setup: (M, d) => ({ M, text: d.text }),
      op: (s) => {
        const e = new s.M.VisionEngine(s.text);
        if (has(s.M, 'update')) {
          const rows = new PathRows(e.layout(), PATH);
          rows.apply(nums(s.M, e, e.update(PATH)), () => e.meta(PATH));
          keep(rows.view.index);
        } else keep(e.result(PATH).index);
        e.free();
      },
    },
    js: { setup: (d) => ({ text: d.text }), op: (s) => keep(R.load(s.text, PATH).result.index) },
    variant: (M) => (has(M, 'update') ? 'layout+update+meta' : 'result'),
  },
  {
    id: 'edit_index',
    title: '(b) one target edit + index series',
    wasm: {
      setup: wasmEngine,
      op: (s) => {
        s.e.setTarget(s.id, s.year, nextValue(s));
        keep(nums(s.M, s.e, s.e.index(PATH)));
      },
    },
    js: {
      setup: jsEngine,
      op: (s) => {
        s.e.setTarget(s.id, s.year, nextValue(s));
        keep(s.e.index(PATH));
      },
    },
  },
  {
    id: 'edit_result',
    title: '(c) one target edit + whole §5 result',
    wasm: {
      setup: wasmEngine,
      op: (s) => {
        s.e.setTarget(s.id, s.year, nextValue(s));
        keep(s.rows ? readRows(s) : s.e.result(PATH).indicators);
      },
    },
    js: {
      setup: jsEngine,
      op: (s) => {
        s.e.setTarget(s.id, s.year, nextValue(s));
        keep(s.e.result(PATH).indicators);
      },
    },
    variant: (M) => (has(M, 'update') ? 'update+meta → PathRows' : 'result'),
  },
  {
    id: 'edit_views',
    title: `(d) one edit + what the views need: series(${PATH}) if the module has it, else result(${PATH}); index() of the 3 other paths`,
    wasm: { setup: wasmEngine, op: wasmViews },
    js: { setup: jsEngine, op: jsViews },
    variant: (M) => (has(M, 'update') ? 'update+meta' : 'result'),
  },
  {
    id: 'result_json',
    info: true,
    title: `(i) el.result(): the whole §5 object as JSON text + JSON.parse (result(${PATH}), nothing to re-score)`,
    wasm: { setup: wasmEngine, op: (s) => keep(s.e.result(PATH).indicators) },
  },
  {
    id: 'result_rows',
    info: true,
    title: '(i) el.result(): the §5 object built in JS from the rows the page holds (PathRows.snapshot())',
    wasm: { setup: wasmEngine, op: (s) => keep(s.rows.snapshot().indicators) },
  },
  {
    id: 'load_only',
    info: true,
    title: '(i) load without a result: module new VisionEngine(text) (string copy in + parse + check); JS JSON.parse + check + prepare',
    wasm: {
      setup: (M, d) => ({ M, text: d.text }),
      op: (s) => new s.M.VisionEngine(s.text).free(),
    },
    js: {
      setup: (d) => ({ text: d.text }),
      op: (s) => {
        const ds = JSON.parse(s.text);
        R.checkDataset(ds);
        keep(new R.RefEngine(ds).P.outIds);
      },
    },
  },
  {
    id: 'json_parse_dataset',
    info: true,
    title: "(i) JS only: JSON.parse of the dataset text alone (part of the JS load)",
    js: { setup: (d) => ({ text: d.text }), op: (s) => keep(JSON.parse(s.text).indicators) },
  },
  {
    id: 'read_result',
    info: true,
    title: `(i) result(${PATH}) with nothing to re-score: the module's encode + JSON.parse alone; JS: the kept object`,
    wasm: { setup: wasmEngine, op: (s) => keep(s.e.result(PATH).indicators) },
    js: { setup: jsEngine, op: (s) => keep(s.e.result(PATH).indicators) },
  },
  {
    id: 'parse_result_text',
    info: true,
    title: `(i) JSON.parse of the result's JSON text alone (what the module's result() pays on the JS side)`,
    js: {
      setup: (d) => ({ text: JSON.stringify(R.score(JSON.parse(d.text), null, PATH)) }),
      op: (s) => keep(JSON.parse(s.text).indicators),
    },
  },
  {
    id: 'decode_result_text',
    info: true,
    title: "(i) JS only: TextDecoder of the result's UTF-8 bytes (how wasm-bindgen hands the module's JSON text to JSON.parse)",
    js: {
      setup: (d) => ({ bytes: new TextEncoder().encode(JSON.stringify(R.score(JSON.parse(d.text), null, PATH))), dec: new TextDecoder('utf-8', { ignoreBOM: true }) }),
      op: (s) => keep(s.dec.decode(s.bytes)),
    },
  },
  {
    id: 'js_full_rescore',
    info: true,
    title: `(i) JS only: a full re-score building a fresh §5 object (no incremental state)`,
    js: {
      setup: (d) => ({ ds: JSON.parse(d.text) }),
      op: (s) => keep(R.score(s.ds, null, PATH).indicators),
    },
  },
];

// ------------------------------------------------------------------ comparison

// how close the numbers compared were: how many, how many bit-identical, the largest relative difference
export const closeness = { numbers: 0, identical: 0, maxRel: 0 };
const near = (a, b) => {
  if (a === null || b === null || a === undefined || b === undefined) return a === b;
  closeness.numbers++;
  if (a === b) {
    closeness.identical++;
    return true;
  }
  const rel = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
  if (rel > closeness.maxRel) closeness.maxRel = rel;
  return rel <= 1e-9;
};
function cmpSeries(a, b, where, out) {
  if (a instanceof Float64Array) a = Array.from(a, (v) => (v === v ? v : null));
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
    out.push(`${where}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`);
    return;
  }
  for (let k = 0; k < a.length; k++) if (!near(a[k], b[k])) out.push(`${where}[${k}]: ${a[k]} vs ${b[k]}`);
}
/** Differences of `got` from `want` (§5 results); fields absent from `want` are not compared. */
export function diff(got, want, where, { warnings = true } = {}) {
  const out = [];
  for (const f of ['format', 'path', 'base_year'])
    if (f in want && got[f] !== want[f]) out.push(`${where}.${f}: ${got[f]} vs ${want[f]}`);
  if (JSON.stringify(got.years) !== JSON.stringify(want.years)) out.push(`${where}.years`);
  if (want.method && JSON.stringify(got.method) !== JSON.stringify(want.method))
    out.push(`${where}.method: ${JSON.stringify(got.method)} vs ${JSON.stringify(want.method)}`);
  cmpSeries(got.index, want.index, `${where}.index`, out);
  for (const lvl of ['policies', 'goals', 'indicators']) {
    const gk = Object.keys(got[lvl] || {}), wk = Object.keys(want[lvl] || {});
    if (gk.join() !== wk.join()) out.push(`${where}.${lvl}: ids ${gk.length} vs ${wk.length} (${gk.slice(0, 5)} / ${wk.slice(0, 5)})`);
    for (const id of wk) if (id in got[lvl]) cmpSeries(got[lvl][id], want[lvl][id], `${where}.${lvl}.${id}`, out);
  }
  const gm = got.milestones || [], wm = want.milestones || [];
  if (gm.length !== wm.length) out.push(`${where}.milestones: ${gm.length} vs ${wm.length}`);
  wm.forEach((m, k) => {
    const g = gm[k] || {};
    if (g.year !== m.year || g.target !== m.target || g.met !== m.met || !near(g.value, m.value))
      out.push(`${where}.milestones[${k}]: ${JSON.stringify(g)} vs ${JSON.stringify(m)}`);
    const tol = 1e-9 * Math.max(Math.abs(m.value ?? 0), Math.abs(m.target));
    if ((g.gap === null) !== (m.gap === null) || (m.gap !== null && Math.abs(g.gap - m.gap) > tol))
      out.push(`${where}.milestones[${k}].gap: ${g.gap} vs ${m.gap}`);
  });
  if (warnings) {
    const w = (l) => JSON.stringify((l || []).map((p) => [p.path, p.code, p.message && p.message.en]));
    if (w(got.warnings) !== w(want.warnings)) out.push(`${where}.warnings: ${w(got.warnings)} vs ${w(want.warnings)}`);
  }
  return out;
}

// ------------------------------------------------------------------ the harness

const B = {
  modules: {},
  texts: {},
  data: {},
  state: new Map(),
  iters: new Map(),

  async init(mods) {
    const info = [];
    for (const m of mods) {
      const M = await import(m.url);
      const exports = await M.default({ module_or_path: new URL(m.url.replace(/\.js$/, '_bg.wasm'), location.href) });
      MEMORY.set(M, exports.memory);
      B.modules[m.name] = M;
      const proto = Object.getOwnPropertyNames(M.VisionEngine.prototype).filter((n) => n !== 'constructor');
      info.push({ name: m.name, methods: proto.sort() });
    }
    return { info, isolated: self.crossOriginIsolated, ua: navigator.userAgent };
  },

  async fetchText(key, url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    B.texts[key] = await r.text();
    return B.texts[key].length;
  },

  /** A dataset to time: its text key and the edit to make (indicator id, year, baseline). */
  addDataset(key, textKey, edit) {
    B.data[key] = { text: B.texts[textKey], edit };
  },

  cases() {
    return CASES.map((c) => ({
      id: c.id,
      title: c.title,
      info: !!c.info,
      wasm: !!c.wasm,
      js: !!c.js,
      variants: Object.fromEntries(Object.entries(B.modules).map(([n, M]) => [n, c.variant ? c.variant(M) : null])),
    }));
  },

  /**
   * The checks, before any timing. spec.runs: [{ ds, sc, expected?: {path: textKey} }]
   * (text keys); spec.edits: [{ ds, sc, steps: [{ kind, id, year, value, path }] }].
   * Returns the differences (empty: all equal) and how many comparisons were made.
   */
  check(spec) {
    const out = [];
    let n = 0;
    const pushAll = (l) => {
      n++;
      for (const x of l) if (out.length < 40) out.push(x);
    };
    for (const run of spec.runs) {
      const ds = JSON.parse(B.texts[run.ds]);
      const sc = run.sc ? JSON.parse(B.texts[run.sc]) : null;
      const chk = R.checkDataset(ds);
      if (!chk.ok) out.push(`${run.ds}: JS check refuses: ${JSON.stringify(chk.errors.slice(0, 3))}`);
      for (const path of R.PATHS) {
        const js = R.score(ds, sc, path);
        const where = `${run.ds}${run.sc ? '+' + run.sc : ''}/${path}`;
        if (run.expected && run.expected[path])
          pushAll(diff(js, JSON.parse(B.texts[run.expected[path]]), `${where} JS vs expected`, { warnings: false }));
        for (const [name, M] of Object.entries(B.modules)) {
          const e = new M.VisionEngine(B.texts[run.ds]);
          try {
            if (run.sc) e.applyScenario(B.texts[run.sc]);
            pushAll(diff(e.result(path), js, `${where} ${name} vs JS`));
            cmpSeries(nums(M, e, e.index(path)).slice(), js.index, `${where} ${name}.index() vs JS`, out);
            if (run.sc) pushAll(diff(e.baseResult(path), R.score(ds, null, path), `${where} ${name}.baseResult vs JS`));
          } finally {
            e.free();
          }
        }
      }
    }
    // incremental: after every edit, the module's result and index on one path (rotating),
    // the JS engine's incremental result, and a JS full score with the same scenario
    for (const ed of spec.edits) {
      const ds = JSON.parse(B.texts[ed.ds]);
      const sc0 = ed.sc ? JSON.parse(B.texts[ed.sc]) : { format: 'vision-index-scenario/1' };
      const scen = { ...sc0, targets: [...(sc0.targets || [])], values: [...(sc0.values || [])] };
      const js = new R.RefEngine(ds, sc0);
      const mods = Object.entries(B.modules).map(([name, M]) => {
        const e = new M.VisionEngine(B.texts[ed.ds]);
        if (ed.sc) e.applyScenario(B.texts[ed.sc]);
        for (const p of R.PATHS) e.result(p);
        // the page's road: rows patched from update() deltas, per path
        const rows = has(M, 'update') ? Object.fromEntries(R.PATHS.map((p) => [p, new PathRows(e.layout(), p)])) : null;
        if (rows) for (const p of R.PATHS) rows[p].apply(nums(M, e, e.update(p)), () => e.meta(p));
        return [name, e, rows];
      });
      for (const p of R.PATHS) js.result(p);
      ed.steps.forEach((st, k) => {
        const list = st.kind === 'target' ? scen.targets : scen.values;
        const at = list.findIndex((x) => x.indicator === st.id && x.year === st.year);
        if (at >= 0) list.splice(at, 1);
        if (st.value !== null) list.push({ indicator: st.id, year: st.year, value: st.value });
        if (st.kind === 'target') js.setTarget(st.id, st.year, st.value);
        else js.setValue(st.id, st.year, st.value);
        const full = R.score(ds, scen, st.path);
        const inc = js.result(st.path);
        const where = `${ed.ds}${ed.sc ? '+' + ed.sc : ''} edit ${k} (${st.kind} ${st.id} ${st.year}=${st.value}) ${st.path}`;
        pushAll(diff(inc, full, `${where} JS incremental vs JS full`));
        cmpSeries(js.index(st.path), full.index, `${where} JS incremental index()`, out);
        const ser = js.series(st.path);
        cmpSeries(Array.from(ser.subarray(0, full.index.length), (v) => (v === v ? v : null)), full.index, `${where} JS series()`, out);
        for (const [name, e, rows] of mods) {
          if (st.kind === 'target') e.setTarget(st.id, st.year, st.value);
          else e.setValue(st.id, st.year, st.value);
          if (rows) {
            const r = rows[st.path];
            r.apply(nums(B.modules[name], e, e.update(st.path)), () => e.meta(st.path));
            pushAll(diff(r.snapshot(), full, `${where} ${name} PathRows (update deltas) vs JS full`));
          }
          pushAll(diff(e.result(st.path), full, `${where} ${name} vs JS full`));
          cmpSeries(nums(B.modules[name], e, e.index(st.path)).slice(), full.index, `${where} ${name}.index()`, out);
        }
      });
      for (const [, e] of mods) e.free();
    }
    return { diffs: out, comparisons: n, closeness };
  },

  /** One timed batch: ms per operation. The first call of a (case, impl, dataset) calibrates. */
  sample(caseId, impl, dsKey, minMs) {
    const c = CASES.find((x) => x.id === caseId);
    const d = B.data[dsKey];
    const key = `${caseId}|${impl}|${dsKey}`;
    const isJs = impl === 'js';
    const side = isJs ? c.js : c.wasm;
    let s = B.state.get(key);
    if (!s) {
      s = isJs ? side.setup(d) : side.setup(B.modules[impl], d);
      B.state.set(key, s);
    }
    let iters = B.iters.get(key);
    if (!iters) {
      // one call first (it may build state: e.g. the other paths' first full score), then
      // doubling until a batch takes half of minMs (this also warms the JIT up)
      side.op(s);
      for (iters = 1; iters < 1 << 20; iters *= 2) {
        const t0 = performance.now();
        for (let i = 0; i < iters; i++) side.op(s);
        if (performance.now() - t0 >= minMs / 2) break;
      }
      iters = Math.max(1, iters * 2 > 1 << 20 ? iters : iters * 2);
      B.iters.set(key, iters);
    }
    // a full GC first (Chromium runs with --expose-gc): no batch pays for the garbage of the one before
    if (typeof gc === 'function') gc();
    const t0 = performance.now();
    for (let i = 0; i < iters; i++) side.op(s);
    const t1 = performance.now();
    return { ms: (t1 - t0) / iters, iters };
  },

  /** Drops the kept engines (between datasets, to keep memory low). */
  release(dsKey) {
    for (const [key, s] of B.state) {
      if (!key.endsWith(`|${dsKey}`)) continue;
      if (s.e && typeof s.e.free === 'function') s.e.free();
      B.state.delete(key);
    }
  },

  sink: () => sink,
};
B.analysis = analysisHarness(keep);

window.B = B;
window.dispatchEvent(new Event('bench-ready'));
