// Loads the WebAssembly engine and keeps the page working after a panic: a panic
// surfaces as `WebAssembly.RuntimeError` and kills that instance, so the glue is
// imported again under a fresh URL (a new instance) and the engine rebuilt from
// the last accepted dataset text and scenario JSON.
// The page's one way to the engine: views never call it, `commit` does.

import { PathRows } from './rows.js';

const GLUE = new URL('../pkg/vision_index.js', import.meta.url);
let generation = 0;

/** Imports and instantiates the module; `memory` is where its buffers are read from. */
async function loadGlue() {
  const url = new URL(GLUE);
  if (generation++) url.searchParams.set('r', String(generation));
  const glue = await import(url.href);
  const exports = await glue.default();
  return { glue, memory: exports.memory };
}

/** @typedef {import('../types').Problem} Problem */

/** Thrown after a panic, while the engine is rebuilt. */
export class PanicError extends Error {
  panic = true;
}

/**
 * The problems of a refusal: the engine's `.problems`, or one made from the message.
 * @param {any} e
 * @returns {Problem[]}
 */
export function problemsOf(e) {
  if (e?.problems?.length) return e.problems;
  const m = String(e?.message || e);
  return [{ severity: 'error', path: '$', code: 'error', message: { ja: m, en: m } }];
}

export class Engine {
  /** @type {any} */
  glue = null;
  /** @type {any} */
  eng = null;
  /** @type {string | null} last accepted dataset */
  datasetText = null;
  /** @type {string | null} last accepted scenario */
  scenarioText = null;
  /** @type {Promise<void> | null} */
  recovering = null;
  /** @type {(() => void) | null} */
  onRecover = null;
  /** @type {Record<string, PathRows>} per path: the rows the page holds, patched from deltas */
  rows = {};
  /** @type {any} the ids behind the rows (once per dataset) */
  layout = null;
  /** @type {WebAssembly.Memory | null} the module's memory */
  memory = null;
  /** @type {Set<string>} paths whose rows were read since the last change (no need to ask again) */
  fresh = new Set();

  async init() {
    if (!this.glue) ({ glue: this.glue, memory: this.memory } = await loadGlue());
  }

  /** Resolves once no recovery is under way. */
  async settled() {
    while (this.recovering) await this.recovering;
  }

  /**
   * Loads or replaces the dataset (rejects with the refusal); resolves to the
   * warnings. Waits for a recovery first: building on the dead instance fails.
   * @param {string} text
   * @returns {Promise<any[]>}
   */
  async load(text) {
    await this.settled();
    let w;
    if (this.eng) w = this.call('replaceDataset', text);
    else {
      try {
        this.eng = new this.glue.VisionEngine(text);
      } catch (e) {
        throw this.fault(e);
      }
      w = this.eng.warnings();
    }
    this.datasetText = text;
    this.forget();
    this.remember();
    return w;
  }

  /** Drops the rows held (a new dataset, or a new engine after a panic). */
  forget() {
    this.rows = {};
    this.layout = null;
    this.fresh.clear();
  }

  /**
   * The rows of `path`, brought up to date: only what changed since the last
   * read crosses the boundary (`update`), the meta only when it may have changed.
   * @param {string} path
   * @returns {PathRows}
   */
  pathRows(path) {
    this.layout ??= this.call('layout');
    this.rows[path] ??= new PathRows(this.layout, path);
    const r = this.rows[path];
    r.apply(this.numbers(this.call('update', path)), () => this.call('meta', path));
    this.fresh.add(path);
    return r;
  }

  /**
   * The `n` numbers the last call left in the handle's buffer, as a view into
   * the module's memory: read or copy it before the next call.
   * @param {number} n
   * @returns {Float64Array}
   */
  numbers(n) {
    return new Float64Array(/** @type {WebAssembly.Memory} */ (this.memory).buffer, this.eng.bufPtr(), n);
  }

  /**
   * Calls the wasm handle; a panic starts recovery and throws `PanicError`.
   * @param {string} name
   * @param {...any} args
   * @returns {any}
   */
  call(name, ...args) {
    if (this.recovering || !this.eng) throw new PanicError('recovering');
    try {
      return this.eng[name](...args);
    } catch (e) {
      throw this.fault(e);
    }
  }

  /**
   * A panic (`RuntimeError`) starts recovery and becomes a `PanicError`.
   * @param {any} e
   */
  fault(e) {
    if (!(e instanceof WebAssembly.RuntimeError)) return e;
    this.recover();
    return new PanicError(e.message);
  }

  /**
   * A scenario-changing call; the result becomes the last good scenario.
   * @param {string} name
   * @param {...any} args
   * @returns {any}
   */
  edit(name, ...args) {
    this.fresh.clear();
    const r = this.call(name, ...args);
    this.remember();
    return r;
  }

  /**
   * The kind of a document by its `format`, as the engine reads it (a repeated key counts
   * by its first entry; JSON.parse would keep the last).
   * @param {string} text
   * @returns {'dataset' | 'scenario' | null}
   */
  detectFormat(text) {
    if (!this.glue) return null;
    try {
      return this.glue.detectFormat(text) ?? null;
    } catch (e) {
      throw this.fault(e);
    }
  }

  dataset() {
    return this.call('dataset');
  }

  /** The current scenario as an object: read from the JSON text the engine wrote
   * after the last change (`remember`), not encoded again on every edit. */
  scenario() {
    if (this.recovering || !this.eng) throw new PanicError('recovering');
    return JSON.parse(/** @type {string} */ (this.scenarioText));
  }

  /** @returns {boolean} whether the scenario changes nothing */
  scenarioIsEmpty() {
    return this.call('scenarioIsEmpty');
  }

  /** @returns {string} the current scenario as JSON text */
  scenarioJson() {
    return this.call('scenarioJson');
  }

  /** @returns {string} the path to show first */
  defaultPath() {
    return this.call('defaultPath');
  }

  /** @returns {number} the latest year with a reported value (else the base year) */
  latestActualYear() {
    return this.call('latestActualYear');
  }

  /** @returns {import('../types').KpiStatus[][]} per project and KPI */
  kpiStatus() {
    return this.call('kpiStatus');
  }

  /**
   * The result on `path` with the scenario, as the views read it: the SPEC §5
   * shape with live Float64Array series (NaN = no score), patched in place by
   * the next read. For a copy to hand out, `snapshot(path)`.
   * @param {string} path
   */
  result(path) {
    return this.pathRows(path).view;
  }

  /**
   * The SPEC §5 result on `path` as it is now, a snapshot the caller owns
   * (`el.result()`, `vi-change`).
   * @param {string} path
   */
  snapshot(path) {
    return (this.fresh.has(path) ? this.rows[path] : this.pathRows(path)).snapshot();
  }

  /**
   * The index series on `path` (NaN = no score).
   * @param {string} path
   * @returns {Float64Array}
   */
  index(path) {
    return this.numbers(this.call('index', path)).slice();
  }

  /**
   * The result on `path` of the untouched dataset, in the views' shape.
   * @param {string} path
   */
  baseResult(path) {
    this.layout ??= this.call('layout');
    const r = new PathRows(this.layout, path);
    r.apply(this.numbers(this.call('baseRows', path)), () => this.call('baseMeta', path));
    return r.view;
  }

  remember() {
    this.scenarioText = this.eng.scenarioJson();
  }

  recover() {
    this.eng = null;
    this.forget();
    this.recovering ??= (async () => {
      try {
        ({ glue: this.glue, memory: this.memory } = await loadGlue());
        if (this.datasetText != null) {
          const eng = new this.glue.VisionEngine(this.datasetText);
          try {
            eng.applyScenario(this.scenarioText);
          } catch {
            /* keep the dataset alone */
          }
          this.eng = eng;
        }
      } catch {
        /* no engine: the next load builds one */
      } finally {
        this.recovering = null;
      }
      if (this.eng) this.onRecover?.();
    })();
    return this.recovering;
  }
}
