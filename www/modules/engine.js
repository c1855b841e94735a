// The one adapter to the WebAssembly engine; after a panic it re-instantiates the module with the last good dataset and scenario.

const GLUE = new URL('../pkg/vision_index.js', import.meta.url);
let generation = 0;

async function loadGlue() {
  const url = new URL(GLUE);
  if (generation++) url.searchParams.set('r', String(generation));
  const glue = await import(url.href);
  await glue.default();
  return glue;
}

/** @typedef {{severity: string, path: string, code: string, message: {ja: string, en: string} | string}} Problem */

export class PanicError extends Error {
  panic = true;
}

/**
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
  /** @type {string | null} */
  datasetText = null;
  /** @type {string | null} */
  scenarioText = null;
  /** @type {Promise<void> | null} */
  recovering = null;
  /** @type {(() => void) | null} */
  onRecover = null;

  async init() {
    this.glue ??= await loadGlue();
  }

  async settled() {
    while (this.recovering) await this.recovering;
  }

  /**
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
    this.remember();
    return w;
  }

  /**
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

  /** @param {any} e */
  fault(e) {
    if (!(e instanceof WebAssembly.RuntimeError)) return e;
    this.recover();
    return new PanicError(e.message);
  }

  /**
   * @param {string} name
   * @param {...any} args
   * @returns {any}
   */
  edit(name, ...args) {
    const r = this.call(name, ...args);
    this.remember();
    return r;
  }

  /**
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

  scenario() {
    return this.call('scenario');
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

  /** @returns {Array<Array<{year: number | null, actual: number | null, target: number | null, ratio: number | null, met: boolean | null}>>} per project and KPI */
  kpiStatus() {
    return this.call('kpiStatus');
  }

  /** @param {string} path */
  result(path) {
    return this.call('result', path);
  }

  /**
   * @param {string} path
   * @returns {Array<number | null>}
   */
  index(path) {
    return this.call('index', path);
  }

  /** @param {string} path */
  baseResult(path) {
    return this.call('baseResult', path);
  }

  remember() {
    this.scenarioText = this.eng.scenarioJson();
  }

  recover() {
    this.eng = null;
    this.recovering ??= (async () => {
      try {
        this.glue = await loadGlue();
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
