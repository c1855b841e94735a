// Loads the WebAssembly engine and keeps the page working after a panic: a panic
// surfaces as `WebAssembly.RuntimeError` and kills that instance, so the glue is
// imported again under a fresh URL (a new instance) and the engine rebuilt from
// the last accepted dataset text and scenario JSON.

const GLUE = new URL('../pkg/vision_index.js', import.meta.url);
let generation = 0;

async function loadGlue() {
  const url = new URL(GLUE);
  if (generation++) url.searchParams.set('r', generation);
  const glue = await import(url.href);
  await glue.default();
  return glue;
}

/** Thrown after a panic, while the engine is rebuilt. */
export class PanicError extends Error {
  panic = true;
}

/** The problems of a refusal: the engine's `.problems`, or one made from the message. */
export function problemsOf(e) {
  if (e?.problems?.length) return e.problems;
  const m = String(e?.message || e);
  return [{ severity: 'error', path: '$', code: 'error', message: { ja: m, en: m } }];
}

export class Engine {
  glue = null;
  eng = null;
  datasetText = null; // last accepted dataset
  scenarioText = null; // last accepted scenario
  recovering = null;
  onRecover = null;

  async init() {
    this.glue ??= await loadGlue();
  }

  /** Resolves once no recovery is under way. */
  async settled() {
    while (this.recovering) await this.recovering;
  }

  /**
   * Loads or replaces the dataset (rejects with the refusal); resolves to the
   * warnings. Waits for a recovery first: building on the dead instance fails.
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

  /** Calls the wasm handle; a panic starts recovery and throws `PanicError`. */
  call(name, ...args) {
    if (this.recovering || !this.eng) throw new PanicError('recovering');
    try {
      return this.eng[name](...args);
    } catch (e) {
      throw this.fault(e);
    }
  }

  /** A panic (`RuntimeError`) starts recovery and becomes a `PanicError`. */
  fault(e) {
    if (!(e instanceof WebAssembly.RuntimeError)) return e;
    this.recover();
    return new PanicError(e.message);
  }

  /** A scenario-changing call; the result becomes the last good scenario. */
  edit(name, ...args) {
    const r = this.call(name, ...args);
    this.remember();
    return r;
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
