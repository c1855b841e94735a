// A plain-JavaScript implementation of SPEC §3 (scoring), written the way a
// competent JS developer would write it for the page, to compare against the
// WebAssembly engine (benches/web/run.mjs). It follows src/score/paths.rs and
// src/score/{aggregate,full}.rs in every detail that can change a number:
//
// - only `outcome_long` indicators are scored; `up`: 100·x/b, `down`: 100·b/x
//   (undefined at x = 0), exactly 100 when x equals the baseline; then the cap;
//   a non-finite score is undefined (both kinds are reported as warnings);
// - aggregation as the distance from 100 (Σw·(s−100) or Σw·ln(s/100)), added or
//   multiplied back, held within the smallest and largest child; geometric is 0
//   when any counted child is 0; children with weight ≤ 0 do not count;
// - weights replaced by the scenario's, scaled down when the largest is > 1e100;
// - the four paths: anchors after the base year only (scenario entries replace
//   dataset ones of the same year), linear interpolation, flat after the last
//   anchor, trend = least-squares slope of all anchors (mean-centred), floored at 0;
// - milestones: met = value ≥ M − 1e-9.
//
// API:
//   checkDataset(obj)                 → { ok, errors, warnings } (structural check of §2)
//   score(dataset, scenario, path)    → the §5 result object (fresh)
//   new RefEngine(dataset, scenario?) → the stateful engine the page would keep:
//       .setTarget(id, year, value)   (null/undefined removes), .setValue(...)
//       .index(path)                  → the index series (Array, null where undefined)
//       .result(path)                 → a §5 object (the changed series replaced, the rest shared)
//       .series(path)                 → all scores as one Float64Array (NaN = none), see .layout()
//       .layout()                     → { years, policies, goals, indicators } (ids in series order)
// Each path keeps its own state; an edit marks the indicator pending on every
// path already computed, and the next read of that path recomputes only that
// indicator, its goal, that goal's policy and the index (as the engine does).

export const PATHS = ['actual', 'plan', 'outlook', 'trend'];
const ACTUAL = 0, PLAN = 1, OUTLOOK = 2, TREND = 3;

// ------------------------------------------------------------------ dataset check

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isText = (v) =>
  typeof v === 'string' || (isObj(v) && (typeof v.ja === 'string' || typeof v.en === 'string'));
const ID_RE = /^[A-Za-z0-9_.-]{1,64}$/;

/** The structural check of SPEC §2 (every problem reported; no unknown-field warnings). */
export function checkDataset(d) {
  const errors = [];
  const warnings = [];
  const err = (path, code) => errors.push({ path, code });
  if (!isObj(d)) return { ok: false, errors: [{ path: '$', code: 'not_object' }], warnings };
  if (d.format !== 'vision-index/1') err('format', 'bad_format');
  if (!isText(d.title)) err('title', 'required');
  const y = d.years;
  let first = 0, last = 0;
  if (!isObj(y) || !Number.isInteger(y.first) || !Number.isInteger(y.last)) err('years', 'required');
  else {
    first = y.first;
    last = y.last;
    if (first > last) err('years', 'years_order');
    if (last - first > 100) err('years', 'years_span');
  }
  const inYears = (yr) => yr >= first && yr <= last;
  const ix = d.index;
  if (!isObj(ix)) err('index', 'required');
  else {
    if (!isText(ix.name)) err('index.name', 'required');
    if (!Number.isInteger(ix.base_year) || !inYears(ix.base_year)) err('index.base_year', 'year');
    if (!Number.isFinite(ix.base_value)) err('index.base_value', 'not_finite');
    if (ix.milestones !== undefined) {
      if (!Array.isArray(ix.milestones)) err('index.milestones', 'type');
      else {
        let prev = -Infinity;
        ix.milestones.forEach((m, k) => {
          const p = `index.milestones[${k}]`;
          if (!isObj(m) || !Number.isInteger(m.year) || !inYears(m.year)) err(p + '.year', 'year');
          else if (m.year <= prev) err(p + '.year', 'order');
          else prev = m.year;
          if (!isObj(m) || !Number.isFinite(m.value)) err(p + '.value', 'not_finite');
        });
      }
    }
    const m = ix.method;
    if (m !== undefined) {
      if (!isObj(m)) err('index.method', 'type');
      else {
        if (m.aggregate !== undefined && m.aggregate !== 'arithmetic' && m.aggregate !== 'geometric')
          err('index.method.aggregate', 'bad_enum');
        if (m.via !== undefined && viaOf(m.via) === undefined) err('index.method.via', 'bad_enum');
        if (m.cap !== undefined && m.cap !== null && !(Number.isFinite(m.cap) && m.cap > 0))
          err('index.method.cap', 'cap');
      }
    }
  }
  const weightOk = (w) => w === undefined || (Number.isFinite(w) && w >= 0);
  const list = (key, fn) => {
    const a = d[key];
    const ids = new Set();
    if (!Array.isArray(a)) {
      err(key, 'required');
      return ids;
    }
    a.forEach((e, k) => {
      const p = `${key}[${k}]`;
      if (!isObj(e)) return err(p, 'type');
      if (typeof e.id !== 'string' || !ID_RE.test(e.id)) err(p + '.id', 'bad_id');
      else if (ids.has(e.id)) err(p + '.id', 'duplicate_id');
      else ids.add(e.id);
      if (!isText(e.name)) err(p + '.name', 'required');
      if (!weightOk(e.weight)) err(p + '.weight', 'weight');
      fn(e, p);
    });
    return ids;
  };
  const policyIds = list('policies', () => {});
  const goalPolicy = [];
  const goalIds = list('goals', (g, p) => {
    goalPolicy.push([g.policy, p]);
  });
  for (const [pid, p] of goalPolicy) if (typeof pid !== 'string' || !policyIds.has(pid)) err(p + '.policy', 'unknown_ref');
  const yearMap = (m, p, min) => {
    if (m === undefined) return;
    if (!isObj(m)) return err(p, 'type');
    for (const k in m) {
      const yr = Number(k);
      if (!Number.isInteger(yr)) err(`${p}.${k}`, 'year_key');
      else if (!inYears(yr)) err(`${p}.${k}`, 'year');
      const v = m[k];
      if (!(Number.isFinite(v) && v >= min)) err(`${p}.${k}`, 'value');
    }
  };
  const goalsWithOutcome = new Set();
  list('indicators', (e, p) => {
    if (typeof e.goal !== 'string' || !goalIds.has(e.goal)) err(p + '.goal', 'unknown_ref');
    if (e.stage !== undefined && e.stage !== 'outcome_long' && e.stage !== 'outcome_short' && e.stage !== 'behavior')
      err(p + '.stage', 'bad_enum');
    else if (e.stage === undefined || e.stage === 'outcome_long') goalsWithOutcome.add(e.goal);
    if (e.direction !== undefined && e.direction !== 'up' && e.direction !== 'down') err(p + '.direction', 'bad_enum');
    if (!(Number.isFinite(e.baseline) && e.baseline > 0)) err(p + '.baseline', 'baseline');
    yearMap(e.values, p + '.values', 0);
    yearMap(e.targets, p + '.targets', 0);
  });
  if (Array.isArray(d.indicators) && d.indicators.length > 100000) err('indicators', 'too_many');
  if (Array.isArray(d.goals))
    d.goals.forEach((g, k) => {
      if (isObj(g) && !goalsWithOutcome.has(g.id)) warnings.push({ path: `goals[${k}]`, code: 'goal_without_outcome' });
    });
  return { ok: errors.length === 0, errors, warnings };
}

function viaOf(v) {
  if (!Array.isArray(v)) return undefined;
  if (v.length === 1 && v[0] === 'goal') return false;
  if (v.length === 2 && v[0] === 'goal' && v[1] === 'policy') return true;
  return undefined;
}

// ------------------------------------------------------------------ the prepared dataset

/**
 * The year maps `key` ("values" or "targets") of the indicators at `idx`, packed:
 * entries of indicator k (after `base` only, sorted by year) are y/v[start[k] .. start[k+1]).
 * (Year keys are integer-like, so objects enumerate them in ascending order already;
 * a map that is not is sorted.)
 */
function packLists(inds, idx, key, base) {
  const n = idx.length;
  const start = new Int32Array(n + 1);
  const ys = [], vs = [];
  for (let k = 0; k < n; k++) {
    start[k] = ys.length;
    const m = inds[idx[k]][key];
    if (!m) continue;
    let sorted = true, prev = -Infinity;
    for (const yk in m) {
      const y = +yk;
      if (!(y > base)) continue;
      if (y < prev) sorted = false;
      prev = y;
      ys.push(y);
      vs.push(m[yk]);
    }
    if (!sorted) {
      const pairs = ys.slice(start[k]).map((y, j) => [y, vs[start[k] + j]]).sort((a, b) => a[0] - b[0]);
      pairs.forEach(([y, v], j) => {
        ys[start[k] + j] = y;
        vs[start[k] + j] = v;
      });
    }
  }
  start[n] = ys.length;
  return { start, y: Int32Array.from(ys), v: Float64Array.from(vs) };
}
const EMPTY_LIST = { y: new Int32Array(0), v: new Float64Array(0) };
function toList(pairs) {
  const y = new Int32Array(pairs.length);
  const v = new Float64Array(pairs.length);
  pairs.forEach((p, k) => {
    y[k] = p[0];
    v[k] = p[1];
  });
  return { y, v };
}

/** Everything scoring reads from a dataset, resolved once. */
function prepare(ds) {
  const first = ds.years.first;
  const ny = ds.years.last - first + 1;
  const baseYear = ds.index.base_year;
  const m = ds.index.method || {};
  const pols = ds.policies, goals = ds.goals, inds = ds.indicators;
  const polPos = new Map(pols.map((p, k) => [p.id, k]));
  const goalPos = new Map(goals.map((g, k) => [g.id, k]));
  const goalPolicy = new Int32Array(goals.length);
  goals.forEach((g, k) => (goalPolicy[k] = polPos.has(g.policy) ? polPos.get(g.policy) : -1));
  // outcome_long indicators only, in dataset order ("o" positions)
  const outIdx = [];
  inds.forEach((x, i) => {
    if (x.stage === undefined || x.stage === 'outcome_long') outIdx.push(i);
  });
  const no = outIdx.length;
  const o = {
    idx: Int32Array.from(outIdx), // position in ds.indicators
    goal: new Int32Array(no),
    baseline: new Float64Array(no),
    down: new Uint8Array(no),
    values: null, // packed (packLists)
    targets: null,
  };
  const members = goals.map(() => []);
  const indPos = new Map(); // indicator id → o position (outcome_long) or -1 - dataset index
  inds.forEach((x, i) => indPos.set(x.id, -1 - i));
  outIdx.forEach((i, k) => {
    const x = inds[i];
    const g = goalPos.has(x.goal) ? goalPos.get(x.goal) : -1;
    o.goal[k] = g;
    if (g >= 0) members[g].push(k);
    o.baseline[k] = x.baseline;
    o.down[k] = x.direction === 'down' ? 1 : 0;
    indPos.set(x.id, k);
  });
  o.values = packLists(inds, outIdx, 'values', baseYear);
  o.targets = packLists(inds, outIdx, 'targets', baseYear);
  return {
    ds,
    first,
    ny,
    baseYear,
    years: Array.from({ length: ny }, (_, k) => first + k),
    method: {
      aggregate: m.aggregate || 'arithmetic',
      via: m.via === undefined ? false : viaOf(m.via),
      cap: m.cap === undefined ? null : m.cap,
    },
    milestones: ds.index.milestones || [],
    polPos,
    goalPos,
    goalPolicy,
    o,
    no,
    members: members.map((a) => Int32Array.from(a)),
    indPos,
    polW: Float64Array.from(pols, (p) => (p.weight === undefined ? 1 : p.weight)),
    goalW: Float64Array.from(goals, (g) => (g.weight === undefined ? 1 : g.weight)),
    indW: Float64Array.from(outIdx, (i) => (inds[i].weight === undefined ? 1 : inds[i].weight)),
    polIds: pols.map((p) => p.id),
    goalIds: goals.map((g) => g.id),
    outIds: outIdx.map((i) => inds[i].id),
  };
}

// ------------------------------------------------------------------ scenario state

/** The scenario as the engine keeps it: per-indicator override lists and weights. */
class Overrides {
  constructor(P, sc) {
    sc = sc || {};
    this.targets = new Map(); // o position → Map(year → value)
    this.values = new Map();
    for (const [key, map] of [['targets', this.targets], ['values', this.values]])
      for (const e of sc[key] || []) {
        const k = P.indPos.get(e.indicator);
        if (k === undefined || k < 0) continue;
        let m = map.get(k);
        if (!m) map.set(k, (m = new Map()));
        m.set(e.year, e.value);
      }
    const w = sc.weights || {};
    const meth = sc.method || {};
    this.method = {
      aggregate: meth.aggregate || P.method.aggregate,
      via: meth.via === undefined ? P.method.via : viaOf(meth.via),
      cap: 'cap' in meth ? meth.cap : P.method.cap,
    };
    this.polW = weights(P.polW, w.policies, P.polPos);
    this.goalW = weights(P.goalW, w.goals, P.goalPos);
    const ipos = new Map();
    if (w.indicators) for (const id in w.indicators) ipos.set(id, P.indPos.get(id));
    this.indW = weights(P.indW, w.indicators, ipos);
  }
  /** The override list of o position `k` (sorted), after the base year. */
  list(map, k, base) {
    const m = map.get(k);
    if (!m || m.size === 0) return EMPTY_LIST;
    const pairs = [];
    for (const [y, v] of m) if (y > base) pairs.push([y, v]);
    pairs.sort((a, b) => a[0] - b[0]);
    return toList(pairs);
  }
}

function weights(base, over, pos) {
  const out = Float64Array.from(base);
  if (over)
    for (const id in over) {
      const k = pos.get(id);
      if (k !== undefined && k >= 0) out[k] = over[id];
    }
  let max = 0;
  for (let k = 0; k < out.length; k++) if (out[k] > max) max = out[k];
  if (max > 1e100) for (let k = 0; k < out.length; k++) out[k] /= max;
  return out;
}

// ------------------------------------------------------------------ one indicator

// Scratch anchor buffers (a page is single-threaded).
let AY = new Int32Array(64), AV = new Float64Array(64);
let AN = 0;
function push(y, v) {
  if (AN === AY.length) {
    const ny = new Int32Array(AN * 2), nv = new Float64Array(AN * 2);
    ny.set(AY);
    nv.set(AV);
    AY = ny;
    AV = nv;
  }
  AY[AN] = y;
  AV[AN] = v;
  AN++;
}
/** Appends the entries k of packed list `d` and of `o` (sorted) with year > after; `o` wins on equal years. */
function merge(d, k, o, after) {
  const dy = d.y, dv = d.v, dn = d.start[k + 1];
  let i = d.start[k], j = 0;
  const on = o.y.length;
  while (i < dn && dy[i] <= after) i++;
  while (j < on && o.y[j] <= after) j++;
  while (i < dn || j < on) {
    if (j >= on || (i < dn && dy[i] < o.y[j])) {
      push(dy[i], dv[i]);
      i++;
    } else {
      if (i < dn && dy[i] === o.y[j]) i++;
      push(o.y[j], o.v[j]);
      j++;
    }
  }
}

/** 100·a/b, multiplied first; where 100·a passes the double range, 100·(a/b). */
const ratioScore = (a, b) => {
  const s = (100 * a) / b;
  return Number.isFinite(s) ? s : 100 * (a / b);
};

/**
 * Scores o position `k` on `path` into out[off .. off+ny) (NaN: no score).
 * Returns the undefined years as { down: [...], overflow: [...] } or null.
 */
function scoreIndicator(P, ov, path, k, out, off) {
  const { first, ny, baseYear, o } = P;
  const b = o.baseline[k];
  AN = 0;
  push(baseYear, b);
  if (path === PLAN) merge(o.targets, k, ov.list(ov.targets, k, baseYear), baseYear);
  else {
    merge(o.values, k, ov.list(ov.values, k, baseYear), baseYear);
    if (path === OUTLOOK) merge(o.targets, k, ov.list(ov.targets, k, baseYear), AY[AN - 1]);
  }
  // an anchor above 1e290: the path in units of 2^-64 (exact; SPEC §3 as the engine computes it, README "Numbers at every magnitude")
  let scale = 1;
  for (let a = 0; a < AN; a++) if (AV[a] > 1e290) scale = 2 ** -64;
  if (scale !== 1) for (let a = 0; a < AN; a++) AV[a] *= scale;
  const bs = b * scale;
  const lastY = AY[AN - 1], lastV = AV[AN - 1];
  let slope = 0;
  if (path === TREND && AN >= 2) {
    let mx = 0, my = 0;
    for (let a = 0; a < AN; a++) {
      mx += AY[a];
      my += AV[a];
    }
    mx /= AN;
    my /= AN;
    let sxy = 0, sxx = 0;
    for (let a = 0; a < AN; a++) {
      const dx = AY[a] - mx;
      sxy += dx * (AV[a] - my);
      sxx += dx * dx;
    }
    slope = sxx === 0 ? 0 : sxy / sxx;
  }
  const down = o.down[k] === 1;
  const cap = ov.method.cap;
  let warn = null;
  let a = 0;
  for (let t = 0; t < ny; t++) {
    const year = first + t;
    let x;
    if (year < baseYear) x = NaN;
    else if (path === ACTUAL) {
      while (a + 1 < AN && AY[a] < year) a++;
      x = AY[a] === year ? AV[a] : NaN;
    } else if (year >= lastY) {
      x = path === TREND ? Math.max(lastV + slope * (year - lastY), 0) : lastV;
    } else {
      while (a + 1 < AN && AY[a + 1] <= year) a++;
      const y0 = AY[a], v0 = AV[a];
      x = y0 === year ? v0 : v0 + ((AV[a + 1] - v0) * (year - y0)) / (AY[a + 1] - y0);
    }
    if (x !== x) {
      out[off + t] = NaN;
      continue;
    }
    let s;
    if (x === bs) s = 100;
    else if (!down) s = ratioScore(x, bs);
    else if (x === 0) {
      (warn || (warn = { down: [], overflow: [] })).down.push(year);
      out[off + t] = NaN;
      continue;
    } else s = ratioScore(bs, x);
    if (cap !== null && s > cap) s = cap;
    if (Number.isFinite(s)) out[off + t] = s;
    else {
      (warn || (warn = { down: [], overflow: [] })).overflow.push(year);
      out[off + t] = NaN;
    }
  }
  return warn;
}

// ------------------------------------------------------------------ aggregation

/**
 * Aggregates children rows `rows` (offsets into src, ny scores each) with weights
 * w[wIdx[r]] into dst[doff..]. Row by row (cache-friendly), each year's sums in the
 * same order as the engine's (children in order), so the results are the same.
 */
const A_SUM = new Float64Array(256), A_LO = new Float64Array(256), A_HI = new Float64Array(256), A_W = new Float64Array(256);
const A_ZERO = new Uint8Array(256), A_BIG = new Uint8Array(256);
// a weighted sum past the double range goes on in units of 2^-400 (the engine's Acc)
const BIG = 2 ** -400;
function aggregate(geo, ny, src, rows, w, wIdx, dst, doff) {
  A_SUM.fill(0, 0, ny);
  A_LO.fill(Infinity, 0, ny);
  A_HI.fill(-Infinity, 0, ny);
  A_W.fill(0, 0, ny);
  A_ZERO.fill(0, 0, ny);
  A_BIG.fill(0, 0, ny);
  for (let r = 0; r < rows.length; r++) {
    const wt = w[wIdx[r]];
    if (!(wt > 0)) continue;
    const off = rows[r];
    for (let t = 0; t < ny; t++) {
      const s = src[off + t];
      if (s !== s) continue;
      A_W[t] += wt;
      if (s < A_LO[t]) A_LO[t] = s;
      if (s > A_HI[t]) A_HI[t] = s;
      if (!geo) {
        if (!A_BIG[t]) {
          const sum = A_SUM[t] + wt * (s - 100);
          if (Number.isFinite(sum)) A_SUM[t] = sum;
          else {
            A_BIG[t] = 1;
            A_SUM[t] = A_SUM[t] * BIG + wt * ((s - 100) * BIG);
          }
        } else A_SUM[t] += wt * ((s - 100) * BIG);
      } else if (s <= 0) A_ZERO[t] = 1;
      else A_SUM[t] += wt * Math.log(s / 100);
    }
  }
  for (let t = 0; t < ny; t++) {
    const ws = A_W[t];
    let v = NaN;
    if (ws > 0) {
      v = !geo ? (A_BIG[t] ? 100 + A_SUM[t] / ws / BIG : 100 + A_SUM[t] / ws) : A_ZERO[t] ? 0 : 100 * Math.exp(A_SUM[t] / ws);
      if (Number.isFinite(v)) v = v < A_LO[t] ? A_LO[t] : v > A_HI[t] ? A_HI[t] : v;
      else v = NaN;
    }
    dst[doff + t] = v;
  }
}

// ------------------------------------------------------------------ one path's state

const YEARS_EN = (ys) => ys.join(', ');
function warning(i, years, overflow) {
  return {
    severity: 'warning',
    path: `indicators[${i}]`,
    code: 'score_undefined',
    message: overflow
      ? { ja: `${YEARS_EN(years)} 年度の得点は計算できません: 値が大きすぎます`, en: `score undefined in ${YEARS_EN(years)}: value too large` }
      : {
          ja: `${YEARS_EN(years)} 年度の得点は計算できません: 小さいほど良い指標の値が 0 です`,
          en: `score undefined in ${YEARS_EN(years)}: value 0 with direction "down"`,
        },
  };
}

const toArr = (f, off, ny) => {
  const a = new Array(ny);
  for (let t = 0; t < ny; t++) {
    const v = f[off + t];
    a[t] = v === v ? v : null;
  }
  return a;
};

/**
 * Scores of one path: one Float64Array laid out as
 * [index | policies | goals | outcome_long indicators], ny entries each (NaN: none).
 */
class PathState {
  constructor(P, ov, path) {
    this.P = P;
    this.ov = ov;
    this.path = path;
    const { ny, no } = P;
    const np = P.polIds.length, ng = P.goalIds.length;
    this.offPol = ny;
    this.offGoal = ny + np * ny;
    this.offInd = this.offGoal + ng * ny;
    this.all = new Float64Array(this.offInd + no * ny);
    this.warn = new Map(); // o position → warning list
    this.pending = [];
    this.res = null; // the §5 object, built on first result()
    // goal rows: the indicator offsets of each goal's members, and their weight indices
    this.goalRows = P.members.map((m) => Int32Array.from(m, (k) => this.offInd + k * ny));
    this.polGoals = P.polIds.map(() => []);
    P.goalPolicy.forEach((p, g) => p >= 0 && this.polGoals[p].push(g));
    this.polGoals = this.polGoals.map((a) => Int32Array.from(a));
    this.polRows = this.polGoals.map((gs) => Int32Array.from(gs, (g) => this.offGoal + g * ny));
    this.full();
  }

  full() {
    const { P, ov } = this;
    const { ny, no } = P;
    for (let k = 0; k < no; k++) this.indicator(k);
    for (let g = 0; g < P.goalIds.length; g++) this.goal(g);
    if (ov.method.via) for (let p = 0; p < P.polIds.length; p++) this.policy(p);
    else this.all.fill(NaN, this.offPol, this.offGoal);
    this.top();
    this.res = null;
    void ny;
  }

  indicator(k) {
    const w = scoreIndicator(this.P, this.ov, PATHS_NUM[this.path], k, this.all, this.offInd + k * this.P.ny);
    if (w) {
      const i = this.P.o.idx[k];
      const list = [];
      if (w.down.length) list.push(warning(i, w.down, false));
      if (w.overflow.length) list.push(warning(i, w.overflow, true));
      this.warn.set(k, list);
    } else this.warn.delete(k);
  }
  goal(g) {
    const P = this.P;
    aggregate(this.ov.method.aggregate === 'geometric', P.ny, this.all, this.goalRows[g], this.ov.indW, P.members[g], this.all, this.offGoal + g * P.ny);
  }
  policy(p) {
    const P = this.P;
    aggregate(this.ov.method.aggregate === 'geometric', P.ny, this.all, this.polRows[p], this.ov.goalW, this.polGoals[p], this.all, this.offPol + p * P.ny);
  }
  top() {
    const P = this.P;
    const geo = this.ov.method.aggregate === 'geometric';
    if (this.ov.method.via) {
      if (!this.topPol) {
        this.topPol = Int32Array.from(P.polIds, (_, p) => this.offPol + p * P.ny);
        this.topPolW = Int32Array.from(P.polIds, (_, p) => p);
      }
      aggregate(geo, P.ny, this.all, this.topPol, this.ov.polW, this.topPolW, this.all, 0);
    } else {
      if (!this.topGoal) {
        this.topGoal = Int32Array.from(P.goalIds, (_, g) => this.offGoal + g * P.ny);
        this.topGoalW = Int32Array.from(P.goalIds, (_, g) => g);
      }
      aggregate(geo, P.ny, this.all, this.topGoal, this.ov.goalW, this.topGoalW, this.all, 0);
    }
  }

  /** Applies pending edits: the edited indicators, their goals, those goals' policies, the index. */
  update() {
    if (this.pending.length === 0) return;
    const P = this.P;
    const goals = [];
    for (const k of this.pending) {
      this.indicator(k);
      const g = P.o.goal[k];
      if (g >= 0 && !goals.includes(g)) goals.push(g);
    }
    const pols = [];
    for (const g of goals) {
      this.goal(g);
      const p = P.goalPolicy[g];
      if (p >= 0 && !pols.includes(p)) pols.push(p);
    }
    if (this.ov.method.via) for (const p of pols) this.policy(p);
    this.top();
    if (this.res) this.patch(this.pending, goals, pols);
    this.pending.length = 0;
  }

  index() {
    return toArr(this.all, 0, this.P.ny);
  }

  milestones() {
    const P = this.P;
    return P.milestones.map((m) => {
      const k = m.year - P.first;
      const v = k >= 0 && k < P.ny ? this.all[k] : NaN;
      const value = v === v ? v : null;
      const gap = value === null ? null : value - m.value;
      // a gap with no double is null (the engine warns gap_undefined)
      return { year: m.year, target: m.value, value, gap: gap !== null && Number.isFinite(gap) ? gap : null, met: value !== null && value >= m.value - 1e-9 };
    });
  }

  warnings() {
    const ks = [...this.warn.keys()].sort((a, b) => a - b);
    const out = [];
    for (const k of ks) out.push(...this.warn.get(k));
    this.milestones().forEach((m, k) => {
      if (m.value !== null && m.gap === null)
        out.push({
          severity: 'warning',
          path: `index.milestones[${k}]`,
          code: 'gap_undefined',
          message: { ja: `${m.year} 年度の目標との差は計算できません: 数が大きすぎます`, en: `gap to the ${m.year} milestone undefined: too large a number` },
        });
    });
    return out;
  }

  /** The whole §5 object, built from scratch. */
  build() {
    const P = this.P;
    const { ny } = P;
    const policies = {}, goals = {}, indicators = {};
    if (this.ov.method.via) P.polIds.forEach((id, p) => (policies[id] = toArr(this.all, this.offPol + p * ny, ny)));
    P.goalIds.forEach((id, g) => (goals[id] = toArr(this.all, this.offGoal + g * ny, ny)));
    P.outIds.forEach((id, k) => (indicators[id] = toArr(this.all, this.offInd + k * ny, ny)));
    const m = this.ov.method;
    return {
      format: 'vision-index-result/1',
      path: this.path,
      years: P.years.slice(),
      base_year: P.baseYear,
      method: { aggregate: m.aggregate, via: m.via ? ['goal', 'policy'] : ['goal'], cap: m.cap },
      index: this.index(),
      policies,
      goals,
      indicators,
      milestones: this.milestones(),
      warnings: this.warnings(),
    };
  }

  /** Brings the kept §5 object up to date: new arrays for the changed nodes only. */
  patch(inds, goals, pols) {
    const P = this.P, r = this.res, ny = P.ny;
    for (const k of inds) r.indicators[P.outIds[k]] = toArr(this.all, this.offInd + k * ny, ny);
    for (const g of goals) r.goals[P.goalIds[g]] = toArr(this.all, this.offGoal + g * ny, ny);
    if (this.ov.method.via) for (const p of pols) r.policies[P.polIds[p]] = toArr(this.all, this.offPol + p * ny, ny);
    r.index = this.index();
    r.milestones = this.milestones();
    r.warnings = this.warnings();
  }

  /** A §5 object: a fresh top level over the kept series maps (which edits update in place). */
  result() {
    if (!this.res) this.res = this.build();
    return { ...this.res };
  }
}
const PATHS_NUM = { actual: ACTUAL, plan: PLAN, outlook: OUTLOOK, trend: TREND };

// ------------------------------------------------------------------ public API

/** The §5 result of `dataset` (a parsed object) with `scenario` (or null) on `path`. */
export function score(dataset, scenario, path) {
  const P = prepare(dataset);
  return new PathState(P, new Overrides(P, scenario), path).build();
}

/** The stateful engine the page would keep (mirrors the WebAssembly facade's edits and reads). */
export class RefEngine {
  constructor(dataset, scenario = null) {
    this.P = prepare(dataset);
    this.ov = new Overrides(this.P, scenario);
    this.paths = {};
  }
  state(path) {
    if (!(path in PATHS_NUM)) throw new Error(`path: ${path}`);
    let s = this.paths[path];
    if (!s) s = this.paths[path] = new PathState(this.P, this.ov, path);
    else s.update();
    return s;
  }
  edit(map, id, year, value) {
    const k = this.P.indPos.get(id);
    if (k === undefined) throw new Error(`no such indicator: ${id}`);
    const P = this.P;
    if (!(year > P.baseYear && year <= P.ds.years.last)) throw new Error(`year: ${year}`);
    if (value !== null && value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new Error(`value: ${value}`);
    if (k < 0) return; // not outcome_long: scores nothing
    let m = map.get(k);
    if (value === null || value === undefined) {
      if (m) m.delete(year);
    } else {
      if (!m) map.set(k, (m = new Map()));
      m.set(year, value);
    }
    for (const p in this.paths) {
      const pend = this.paths[p].pending;
      if (!pend.includes(k)) pend.push(k);
    }
  }
  setTarget(id, year, value) {
    this.edit(this.ov.targets, id, year, value);
  }
  setValue(id, year, value) {
    this.edit(this.ov.values, id, year, value);
  }
  index(path) {
    return this.state(path).index();
  }
  result(path) {
    return this.state(path).result();
  }
  series(path) {
    return this.state(path).all;
  }
  layout() {
    const P = this.P;
    return { years: P.years, policies: this.ov.method.via ? P.polIds : [], goals: P.goalIds, indicators: P.outIds };
  }
}

/** Full load as the page would do it: JSON text → parse → check → engine → first result. */
export function load(text, path = 'outlook') {
  const ds = JSON.parse(text);
  const c = checkDataset(ds);
  if (!c.ok) throw new Error(`invalid dataset: ${JSON.stringify(c.errors.slice(0, 3))}`);
  const eng = new RefEngine(ds);
  return { eng, result: eng.result(path), warnings: c.warnings };
}
