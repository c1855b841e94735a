// The analysis worker (SPEC §8): the analysis module (pkg-analysis/, the engine
// with `status`, `seek`, `contrib` and `uncertainty`) runs here, off the page's
// main thread, so a Monte Carlo of 10,000 draws never holds up a frame.
//
// A message: `{ seq, module?, dataset?, scenario, ops: [{ op, args }] }`. `module`
// (the compiled WebAssembly.Module, sent once: the page compiles it once for both
// workers) comes with the first message. `dataset` (JSON
// text) comes only when it changed; `scenario` (JSON text) is applied when it
// differs from the last one applied. Each op answers `{ text }` (the command
// line's JSON text, byte for byte; the sheet ops `exportCsv`, `importCsv` and
// `resultCsv` answer the command line's CSV or JSON text too), `{ value }` (page-only ops) or `{ error:
// { message, problems } }`. The reply: `{ seq, results, ms }`.
// A panic (WebAssembly.RuntimeError) loses the instance: the glue is imported
// again under a fresh URL and the engine rebuilt from the last texts.

const GLUE = new URL('../pkg-analysis/vision_index.js', import.meta.url);
let generation = 0;
/** @type {any} */
let glue = null;
/** @type {any} */
let eng = null;
/** @type {WebAssembly.Memory | null} */
let memory = null;
/** @type {string | null} */
let datasetText = null;
/** @type {string | null} */
let appliedScenario = null;

/** @type {WebAssembly.Module | null} compiled once by the page and shared by both workers */
let compiled = null;

async function instantiate() {
  const url = new URL(GLUE);
  if (generation++) url.searchParams.set('r', String(generation));
  const g = await import(url.href);
  memory = (await g.default(compiled ? { module_or_path: compiled } : undefined)).memory;
  glue = g;
  eng = null;
  appliedScenario = null;
}

/** @param {any} e */
const errorOf = (e) => ({ message: String(e?.message || e), problems: e?.problems || null });

/**
 * The page-only ops, built from the module's own answers.
 * @type {Record<string, (...args: any[]) => any>}
 */
const PAGE_OPS = {
  /**
   * Goal seek for every goal and outcome_long indicator (the views show one per row).
   * @param {number} year
   * @param {string} path
   * @param {{ goals: string[], indicators: string[] }} ids
   */
  seekAll(year, path, ids) {
    /** @type {Record<string, any>} */
    const goals = {};
    /** @type {Record<string, any>} */
    const indicators = {};
    for (const id of ids.goals) goals[id] = JSON.parse(eng.seek(year, 'goal', id, path));
    for (const id of ids.indicators) indicators[id] = JSON.parse(eng.seek(year, 'indicator', id, path));
    return { year, path, goals, indicators };
  },
  /**
   * The index and milestones on `path` under another scenario (the comparison),
   * the message's scenario restored after.
   * @param {string} scenario
   * @param {string[]} paths
   */
  score(scenario, paths) {
    eng.applyScenario(scenario);
    appliedScenario = scenario;
    /** @type {Record<string, any>} */
    const out = {};
    for (const p of paths) {
      const { milestones } = eng.meta(p);
      const n = eng.index(p);
      const index = Array.from(new Float64Array(/** @type {WebAssembly.Memory} */ (memory).buffer, eng.bufPtr(), n), (x) => (Number.isNaN(x) ? null : x));
      out[p] = { milestones, index };
    }
    return out;
  },
  // ---- workshop: many participants' scenarios scored in one message (views/workshop-pool.js)
  /**
   * The index and each goal's score in `years` on `path`, for the dataset as given
   * (`base`) and under each scenario text (`items`; a refused one: its problems).
   * @param {string[]} scenarios
   * @param {string} path
   * @param {number[]} years
   */
  pool(scenarios, path, years) {
    const read = () => {
      const r = eng.result(path);
      const at = (/** @type {any[]} */ v) =>
        years.map((y) => {
          const x = v?.[r.years.indexOf(y)];
          return typeof x === 'number' && Number.isFinite(x) ? x : null;
        });
      return { index: at(r.index), goals: Object.fromEntries(Object.entries(r.goals).map(([id, v]) => [id, at(/** @type {any[]} */ (v))])) };
    };
    appliedScenario = null; // the message's scenario is applied again by the next message
    eng.applyScenario('{"format":"vision-index-scenario/1"}');
    const base = read();
    const items = scenarios.map((text) => {
      try {
        eng.applyScenario(text);
        return read();
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) throw e;
        return { error: errorOf(e) };
      }
    });
    return { base, items };
  },
};

/** @param {{ seq: number, module?: WebAssembly.Module, dataset?: string, scenario: string, ops: Array<{ op: string, args: any[] }> }} msg */
async function handle(msg) {
  if (msg.module) compiled = msg.module;
  if (!glue) await instantiate();
  if (msg.dataset != null && msg.dataset !== datasetText) {
    datasetText = msg.dataset;
    eng = null;
  }
  if (!eng) {
    if (datasetText == null) throw new Error('no dataset');
    eng = new glue.VisionEngine(datasetText);
    appliedScenario = null;
  }
  const apply = () => {
    if (msg.scenario !== appliedScenario) {
      eng.applyScenario(msg.scenario);
      appliedScenario = msg.scenario;
    }
  };
  const results = [];
  for (const { op, args } of msg.ops) {
    try {
      apply();
      if (op in PAGE_OPS) results.push({ value: PAGE_OPS[op](...args) });
      else if (op === 'status' || op === 'seek' || op === 'contrib' || op === 'uncertainty') results.push({ text: eng[op](...args) });
      // ---- sheet: the indicator sheet (SPEC §9) and the result table as CSV, as text
      else if (op === 'exportCsv' || op === 'importCsv' || op === 'resultCsv') results.push({ text: eng[op](...args) });
      else throw new Error(`unknown op ${op}`);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        glue = null;
        eng = null;
        throw e;
      }
      results.push({ error: errorOf(e) });
    }
  }
  return results;
}

self.onmessage = async (/** @type {MessageEvent} */ ev) => {
  const msg = ev.data;
  const t0 = performance.now();
  try {
    const results = await handle(msg);
    self.postMessage({ seq: msg.seq, results, ms: performance.now() - t0 });
  } catch (e) {
    self.postMessage({ seq: msg.seq, fatal: errorOf(e), ms: performance.now() - t0 });
  }
};
