// The what-if slider's range and step, fitted to the indicator's unit (README
// 「スマートフォン / On a phone」):
// - span: from half the smallest to 1.5 × the largest of the baseline, the
//   actuals and the targets (and the value now, when it lies outside), rounded outwards to a multiple of
//   a nice tenth of the span (1, 2 or 5 × 10^k); never below 0, and not past
//   100 for a percentage whose values are all ≤ 100;
// - step: a nice 200th of the span (1, 2 or 5 × 10^k), whole (at least 1) for counts
//   (件, 人, 社, 事業者, 円 …); 0.1 for a percentage (%, ポイント); 0.01 for a
//   ratio (倍); otherwise no coarser than the data's own decimals (億円 71.4 → 0.1).
// The number field beside the slider takes any value; the slider is for quick tries.

const COUNT = /(件|人|社|者|回|店|校|所|団体|世帯|戸|台|冊|施設|組|名|円)$/;
const SCALED = /[十百千万億兆]円$/; // 億円: an amount in 100 million yen, decimals are real
const PCT = /^(%|％|パーセント|ポイント|pt)$/;
const RATIO = /^(倍|比)$/;

/** 1, 2 or 5 × 10^k at or above `x` (> 0). */
export function nice(x) {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(Math.min(x, 1e300)));
  const m = x / p;
  return tidy((m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p);
}

const tidy = (x) => Number(x.toPrecision(12));

const decimals = (x) => {
  const s = String(x);
  const i = s.indexOf('.');
  return i < 0 || /e/i.test(s) ? 0 : Math.min(3, s.length - i - 1);
};

/**
 * @param {string} unit the unit's Japanese text
 * @returns {'count' | 'pct' | 'ratio' | 'other'}
 */
export function unitKind(unit) {
  const u = String(unit || '').trim();
  if (PCT.test(u)) return 'pct';
  if (RATIO.test(u)) return 'ratio';
  if (COUNT.test(u) && !SCALED.test(u)) return 'count';
  return 'other';
}

/**
 * @param {{ baseline?: number, values?: Record<string, number>, targets?: Record<string, number> }} ind
 * @param {string} unit the unit's Japanese text
 * @param {number | null | undefined} v the value the slider shows now
 * @returns {{ min: number, max: number, step: number }}
 */
export function sliderRange(ind, unit, v) {
  // the dataset's range is worked out once per indicator (the table updates every slider on every edit)
  let r = BASE.get(ind);
  if (!r) {
    r = fit(ind, unit, null);
    BASE.set(ind, r);
  }
  // the dataset's values set the scale, so that a drag does not move it; a value beyond it widens it
  return typeof v === 'number' && (v < r.min || v > r.max) ? fit(ind, unit, v) : r;
}

/** @type {WeakMap<object, { min: number, max: number, step: number }>} the range of an indicator's own values */
const BASE = new WeakMap();

/** @param {any} ind @param {string} unit @param {number | null} v */
function fit(ind, unit, v) {
  const xs = [ind.baseline, ...Object.values(ind.values || {}), ...Object.values(ind.targets || {}), v].filter(
    (x) => typeof x === 'number' && Number.isFinite(x) && x >= 0,
  );
  if (!xs.length) xs.push(0);
  const kind = unitKind(unit);
  const lo0 = Math.min(...xs) * 0.5;
  let hi0 = Math.min(Math.max(...xs) * 1.5, 1e300);
  if (!(hi0 > lo0)) hi0 = lo0 + 10;
  const span = hi0 - lo0;
  let step = nice(span / 200);
  if (kind === 'count') step = Math.max(1, step);
  else if (kind === 'pct') step = 0.1;
  else if (kind === 'ratio') step = 0.01;
  else step = Math.min(step, 10 ** -Math.max(0, ...xs.map(decimals)));
  const major = Math.max(nice(span / 10), step * 10);
  const min = tidy(Math.floor(lo0 / major) * major);
  let max = tidy(Math.ceil(hi0 / major) * major);
  if (kind === 'pct' && xs.every((x) => x <= 100)) max = Math.min(max, 100);
  return { min, max, step };
}
