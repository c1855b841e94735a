// The page's way to the analysis (SPEC §8): two workers running the analysis
// module (pkg-analysis/, see analysis-worker.js), one for the quick answers
// (status, goal seek, contributions, comparisons) and one for the Monte Carlo,
// so that a long run never delays the quick ones. Each worker gets one message
// at a time; a live request (what the views show after an edit) replaces the
// one of the same kind still waiting to be sent, so a drag asks only for its
// last state. The analysis module is loaded with the first request, after the
// page's first render: the first load carries only the scoring module.

import { refreshAnalysis } from './analysis-state.js';

// In dist/ the bundle names the worker's hashed file (scripts/dist.mjs defines __VI_WORKER__).
const WORKER = new URL(typeof __VI_WORKER__ === 'string' ? __VI_WORKER__ : './analysis-worker.js', import.meta.url);

// The analysis module, fetched and compiled once on the page and handed to both workers.
const WASM = new URL('../pkg-analysis/vision_index_bg.wasm', import.meta.url);

/** @typedef {{ op: string, args: any[] }} Op */
/** @typedef {{ text?: string, value?: any, error?: { message: string, problems: any[] | null } }} OpResult */
/** @typedef {{ ops: Op[], live: string | null, resolve: (r: OpResult[] | null) => void, reject: (e: any) => void }} Ask */

/** An analysis answer refused (an unknown id, a year, an option out of range): `.problems` lists why. */
export class AnalysisError extends Error {
  /** @type {any[]} */
  problems = [];
}

/**
 * The answer of one op: its parsed object, or it throws an `AnalysisError`.
 * @param {OpResult} r
 * @returns {any}
 */
export function answer(r) {
  if (r.error) {
    const e = new AnalysisError(r.error.message);
    e.problems = r.error.problems || [];
    throw e;
  }
  return r.value !== undefined ? r.value : JSON.parse(/** @type {string} */ (r.text));
}

class Lane {
  /** @type {Worker | null} */
  w = null;
  /** @type {Ask[]} */
  queue = [];
  /** @type {Ask | null} */
  busy = null;
  seq = 0;
  /** @type {string | null} the dataset text this worker has */
  sent = null;
  /** @type {any} why the worker cannot run (its module did not load) */
  broken = null;
  /** the last reply's time inside the worker */
  lastMs = 0;

  /** @param {{ datasetText: string | null, scenarioText: string | null }} engine */
  constructor(engine) {
    this.engine = engine;
  }

  /** @type {Promise<WebAssembly.Module> | null} the analysis module, compiled once for both lanes */
  compiled = null;
  /** the worker has the compiled module */
  hasModule = false;

  start() {
    const w = new Worker(WORKER, { type: 'module' });
    this.hasModule = false;
    w.onmessage = (ev) => this.reply(ev.data);
    w.onerror = (ev) => {
      ev.preventDefault();
      this.fail(new Error(ev.message || 'analysis worker failed'));
    };
    this.w = w;
  }

  /** @param {any} e */
  fail(e) {
    this.broken = e;
    const all = [...(this.busy ? [this.busy] : []), ...this.queue];
    this.busy = null;
    this.queue = [];
    this.w?.terminate();
    this.w = null;
    this.sent = null;
    for (const a of all) a.reject(e);
  }

  /** @param {any} data */
  reply(data) {
    const a = this.busy;
    this.busy = null;
    this.lastMs = data.ms;
    if (a) {
      if (data.fatal) {
        this.sent = null; // the worker lost its instance: send the dataset again
        a.reject(Object.assign(new AnalysisError(data.fatal.message), { problems: data.fatal.problems || [] }));
      } else a.resolve(data.results);
    }
    this.pump();
  }

  /** false until the page's first render is on screen (`Analysis.open`) */
  opened = false;

  pump() {
    if (this.busy || !this.queue.length || !this.opened) return;
    const { datasetText, scenarioText } = this.engine;
    if (datasetText == null || scenarioText == null) {
      for (const a of this.queue.splice(0)) a.reject(new AnalysisError('no dataset'));
      return;
    }
    if (!this.w) this.start();
    const a = /** @type {Ask} */ (this.queue.shift());
    this.busy = a;
    const send = (/** @type {WebAssembly.Module | undefined} */ module) => {
      if (this.busy !== a || !this.w) return; // stopped meanwhile
      const msg = { seq: ++this.seq, module, scenario: scenarioText, ops: a.ops, dataset: this.sent === datasetText ? undefined : datasetText };
      this.sent = datasetText;
      this.hasModule = true;
      this.w.postMessage(msg);
    };
    if (this.hasModule || !this.compiled) send(undefined);
    else this.compiled.then(send, () => send(undefined)); // without it, the worker fetches the module itself
  }

  /**
   * @param {Op[]} ops
   * @param {string | null} live
   * @returns {Promise<OpResult[] | null>} null: superseded by a newer live request
   */
  ask(ops, live) {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      if (live) {
        for (const old of this.queue.filter((q) => q.live === live)) {
          this.queue.splice(this.queue.indexOf(old), 1);
          old.resolve(null);
        }
      }
      this.queue.push({ ops, live, resolve, reject });
      this.pump();
    });
  }

  stop() {
    this.w?.terminate();
    this.w = null;
    this.sent = null;
    const all = [...(this.busy ? [this.busy] : []), ...this.queue];
    this.busy = null;
    this.queue = [];
    for (const a of all) a.resolve(null);
  }
}

export class Analysis {
  /** a request for the views is waiting for the next frame (analysis-state.js) */
  scheduled = false;
  /** the element was removed: a scheduled request is not sent */
  stopped = false;

  /** @param {{ datasetText: string | null, scenarioText: string | null }} engine the scoring engine's last accepted texts */
  constructor(engine) {
    this.quick = new Lane(engine);
    this.mc = new Lane(engine);
  }

  /**
   * Runs `ops` on the current dataset and scenario; `live` names a view's
   * request (replaced by a newer one of the same name before it is sent).
   * @param {'quick' | 'mc'} lane
   * @param {Op[]} ops
   * @param {string | null} [live]
   */
  ask(lane, ops, live = null) {
    return this[lane].ask(ops, live);
  }

  /**
   * One op, not live: its parsed answer (or, `asText`, the command line's text as it is: JSON or CSV);
   * throws an `AnalysisError` on a refusal.
   * @param {'quick' | 'mc'} lane
   * @param {string} op
   * @param {any[]} args
   */
  async run(lane, op, args, asText = false) {
    const r = await this.ask(lane, [{ op, args }]);
    if (!r) throw new AnalysisError('the element was removed');
    // ---- exports: a text answer (the sheet, the result table: CSV) is not parsed
    if (asText && !r[0].error) return r[0].text;
    return answer(r[0]);
  }

  /** Lets the workers start (after the first render: the first load carries only the scoring module). */
  open() {
    const compiled = WebAssembly.compileStreaming(fetch(WASM));
    compiled.catch(() => {}); // each worker then loads the module itself
    for (const l of [this.quick, this.mc]) {
      l.compiled = compiled;
      l.opened = true;
      l.pump();
    }
  }

  /** Why the analysis cannot run (its module did not load), or null. */
  get broken() {
    return this.quick.broken || this.mc.broken;
  }

  /**
   * Asks for what the views show of the current state (after every change).
   * @param {import('../types').App} app
   */
  refresh(app) {
    this.stopped = false;
    refreshAnalysis(app);
  }

  /** Ends both workers (the element is gone); pending answers resolve to null. */
  stop() {
    this.stopped = true;
    this.quick.stop();
    this.mc.stop();
  }
}
