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

/**
 * Applies the rows of `delta` (`[k, meta, m, (value, gap, met) × m, row ids…, values…]`,
 * src/model/rows.rs) to `rows` (row-major, `ny` per row); returns `k`.
 * @param {Float64Array} rows @param {number} ny @param {Float64Array} delta
 */
export function applyDelta(rows, ny, delta) {
  const k = delta[0];
  const at = 3 + 3 * delta[2];
  for (let j = 0; j < k; j++) {
    const from = at + k + j * ny;
    rows.set(delta.subarray(from, from + ny), delta[at + j] * ny);
  }
  return k;
}

const num = (v) => (Number.isNaN(v) ? null : v);

/** A series as SPEC §5 writes it: numbers, `null` where there is no score. */
function plainSeries(s) {
  const out = new Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = num(s[i]);
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

  /**
   * Applies a delta; `meta()` is asked only when the delta says the method or
   * the warnings may have changed (else the milestones come in the delta).
   * Returns the number of rows changed.
   * @param {Float64Array} delta @param {() => Meta} meta
   */
  apply(delta, meta) {
    const k = applyDelta(this.rows, this.ny, delta);
    if (delta[1] === 1 || !this.meta) this.setMeta(meta());
    else {
      // The milestones came in the delta: updated in place (this object is the
      // rows' own; a snapshot copies it).
      this.meta.milestones.forEach((x, j) => {
        x.value = num(delta[3 + 3 * j]);
        x.gap = num(delta[4 + 3 * j]);
        x.met = delta[5 + 3 * j] === 1;
      });
    }
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

  /**
   * The SPEC §5 object as it is now, for `el.result()` and `vi-change`: an
   * immutable snapshot (the rows are copied, one memcpy) whose series are
   * built as arrays of numbers and `null` when first read, so that an edit
   * pays for the §5 object only when somebody looks at it.
   */
  snapshot() {
    const rows = this.rows.slice();
    const { ny, np, ng, layout: L } = this;
    const m = this.meta;
    const sub = (r) => plainSeries(rows.subarray(r * ny, (r + 1) * ny));
    const map = (ids, from) => Object.fromEntries(ids.map((id, i) => [id, sub(from + i)]));
    const hasPolicies = !!m && m.method.via.includes('policy');
    /** @type {Record<string, any>} */
    const out = {
      format: 'vision-index-result/1',
      path: this.path,
      years: [...L.years],
      base_year: L.base_year,
      method: m ? structuredClone(m.method) : null,
    };
    /** @type {Record<string, any>} */
    const memo = {};
    const lazy = (name, build) =>
      Object.defineProperty(out, name, {
        enumerable: true,
        configurable: true,
        get: () => {
          if (!(name in memo)) memo[name] = build();
          return memo[name];
        },
      });
    lazy('index', () => sub(0));
    lazy('policies', () => (hasPolicies ? map(L.policies, 1) : {}));
    lazy('goals', () => map(L.goals, 1 + np));
    lazy('indicators', () => map(L.indicators, 1 + np + ng));
    out.milestones = m ? structuredClone(m.milestones) : [];
    out.warnings = m ? structuredClone(m.warnings) : [];
    return out;
  }
}
