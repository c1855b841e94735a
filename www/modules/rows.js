// One path's result as the page holds it: every score in one Float64Array of
// rows (index, policies, goals, outcome_long indicators; one number per year,
// NaN for no score), patched from the engine's deltas, so that an edit crosses
// the WebAssembly boundary as the few rows it changed (src/model/rows.rs).
//
// `view` is the result in the shape of SPEC §5 whose series are live
// Float64Array views onto the rows (NaN = no score): what the page's views
// read. `plain()` builds the §5 object itself (arrays of numbers and null), a
// copy that the caller owns: what `el.result()` and `vi-change` give.

/**
 * @typedef {{ years: number[], base_year: number, policies: string[], goals: string[], indicators: string[] }} Layout
 * @typedef {{ path: string, method: { aggregate: string, via: string[], cap: number | null },
 *   milestones: Array<{ year: number, target: number, value: number | null, gap: number | null, met: boolean }>,
 *   warnings: object[] }} Meta
 */

/** Applies `delta` ([k, row ids…, values…]) to `rows` (row-major, `ny` per row). */
export function applyDelta(rows, ny, delta) {
  const k = delta[0];
  for (let j = 0; j < k; j++) {
    const r = delta[1 + j];
    const from = 1 + k + j * ny;
    rows.set(delta.subarray(from, from + ny), r * ny);
  }
  return k;
}

/** A series as SPEC §5 writes it: numbers, `null` where there is no score. */
function plainSeries(s) {
  const out = new Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s[i] === s[i] ? s[i] : null;
  return out;
}

export class PathRows {
  /** @param {Layout} layout @param {string} path */
  constructor(layout, path) {
    this.layout = layout;
    this.path = path;
    this.ny = layout.years.length;
    this.np = layout.policies.length;
    this.ng = layout.goals.length;
    const n = 1 + this.np + this.ng + layout.indicators.length;
    this.rows = new Float64Array(n * this.ny).fill(Number.NaN);
    /** @type {Meta | null} */
    this.meta = null;
    const ny = this.ny;
    const sub = (r) => this.rows.subarray(r * ny, (r + 1) * ny);
    const map = (ids, from) => Object.fromEntries(ids.map((id, i) => [id, sub(from + i)]));
    this.policies = map(layout.policies, 1);
    this.view = {
      format: 'vision-index-result/1',
      path,
      years: layout.years,
      index: sub(0),
      policies: {},
      goals: map(layout.goals, 1 + this.np),
      indicators: map(layout.indicators, 1 + this.np + this.ng),
      milestones: [],
      warnings: [],
      method: null,
    };
  }

  /** Applies a delta and the meta that came with it; returns the number of rows changed. */
  apply(delta, meta) {
    const k = applyDelta(this.rows, this.ny, delta);
    this.setMeta(meta);
    return k;
  }

  /** @param {Meta} meta */
  setMeta(meta) {
    this.meta = meta;
    const v = this.view;
    v.method = meta.method;
    v.milestones = meta.milestones;
    v.warnings = meta.warnings;
    v.policies = meta.method.via.includes('policy') ? this.policies : {};
  }

  /** The SPEC §5 object, a fresh copy (arrays of numbers and null). */
  plain() {
    const v = this.view;
    const m = this.meta;
    const obj = (o) => Object.fromEntries(Object.entries(o).map(([id, s]) => [id, plainSeries(s)]));
    return {
      format: v.format,
      path: v.path,
      years: [...v.years],
      base_year: this.layout.base_year,
      method: m ? structuredClone(m.method) : null,
      index: plainSeries(v.index),
      policies: obj(v.policies),
      goals: obj(v.goals),
      indicators: obj(v.indicators),
      milestones: m ? structuredClone(m.milestones) : [],
      warnings: m ? structuredClone(m.warnings) : [],
    };
  }
}
