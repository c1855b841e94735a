// Every number and year on screen is formatted here (Intl, ja-JP / en; 令和 years).
import { t } from './i18n.js';

const cache = new Map();
function nf(lang, min, max, sign, sci) {
  const key = `${lang}|${min}|${max}|${sign}|${sci}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'en' ? 'en' : 'ja-JP', {
      minimumFractionDigits: sci ? 0 : min,
      maximumFractionDigits: sci ? 2 : max,
      signDisplay: sign ? 'always' : 'auto',
      notation: sci ? 'scientific' : 'standard',
    });
    cache.set(key, f);
  }
  return f;
}

/**
 * A score, or null for "no score" (null, undefined, NaN alike): every read of a score in the views.
 * @param {unknown} v
 * @returns {number | null}
 */
export const scoreOf = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Entry `i` of a series (an array or a Float64Array), by `scoreOf`.
 * @param {ArrayLike<number | null> | null | undefined} series
 * @param {number} i
 */
export const at = (series, i) => (series && i >= 0 && i < series.length ? scoreOf(series[i]) : null);

/**
 * Whether two series hold the same scores (to 1e-9).
 * @param {ArrayLike<number | null> | null | undefined} a
 * @param {ArrayLike<number | null> | null | undefined} b
 */
export function sameSeries(a, b) {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = scoreOf(a[i]);
    const y = scoreOf(b[i]);
    if (x === null ? y !== null : y === null || Math.abs(x - y) >= 1e-9) return false;
  }
  return true;
}

const ok = (v) => scoreOf(v) !== null;
const minus = (s) => s.replace(/-/g, '\u2212');
// Past 1e15 the digits are noise: such values read as "1.6E308".
const fmt = (v, lang, min, max, sign) => (ok(v) ? minus(nf(lang, min, max, sign, Math.abs(v) >= 1e15).format(v)) : null);

/** A score or index value: one decimal ("130.0"); null when there is none. */
export const score = (v, lang) => fmt(v, lang, 1, 1);

/** A signed difference, one decimal ("+0.0", "−3.2"). */
export const signed = (v, lang) => fmt(v, lang, 1, 1, true);

/** A raw indicator or KPI value, grouped, up to 2 decimals ("6,400", "85.5"). */
export const num = (v, lang) => fmt(v, lang, 0, 2);

/** A whole percentage ("125%"). */
export const percent = (v, lang) => (ok(v) ? `${fmt(v, lang, 0, 0)}%` : null);

/** Builds the formatters of `lang` ahead of their first use. */
export function warm(lang) {
  score(0, lang);
  signed(0, lang);
  num(0, lang);
}

/** The era of a fiscal year: [ja name, en name, letter, year in era]. */
function era(fy) {
  if (fy >= 2019) return ['令和', 'Reiwa', 'R', fy - 2018];
  if (fy >= 1989) return ['平成', 'Heisei', 'H', fy - 1988];
  if (fy >= 1926) return ['昭和', 'Showa', 'S', fy - 1925];
  return null;
}

/** A fiscal year in full: 「令和9年度（2027）」 / "FY2027 (Reiwa 9)". */
export function fy(y, lang) {
  const e = era(y);
  if (lang === 'en') return e ? `FY${y} (${e[1]} ${e[3]})` : `FY${y}`;
  if (!e) return `${y}年度`;
  return `${e[0]}${e[3] === 1 ? '元' : e[3]}年度（${y}）`;
}

/** A fiscal year, short: 「令和9年度」 / "FY2027". */
export function fyShort(y, lang) {
  const e = era(y);
  if (lang === 'en' || !e) return lang === 'en' ? `FY${y}` : `${y}年度`;
  return `${e[0]}${e[3] === 1 ? '元' : e[3]}年度`;
}

/** The era year on a chart axis: "R9". */
export function fyAxis(y) {
  const e = era(y);
  return e ? `${e[2]}${e[3]}` : '';
}

/**
 * Puts a formatted number into `el`; a missing value shows 「—」 with an
 * accessible name ("値なし"), never NaN or undefined.
 */
export function put(el, s, lang) {
  if (s == null) {
    el.textContent = '—';
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', t(lang, 'noValue'));
  } else {
    if (el.textContent !== s) el.textContent = s;
    if (el.hasAttribute('role')) {
      el.removeAttribute('role');
      el.removeAttribute('aria-label');
    }
  }
}

// ---- status (ui-status)
/**
 * How a milestone gap (value − target) reads. Met when the gap is 0 or above
 * (to the engine's 1e-9), the surplus then signed and never below "+0.0";
 * otherwise the shortfall, positive, with as many decimals as it takes not
 * to read as 0 ("2.5", "0.01", "0.0004"; never "0.0" or "−0.0").
 * @param {unknown} gap
 * @param {string} lang
 * @returns {{met: boolean, text: string, digits: number} | null} null when there is no gap (no value); `digits`: the decimals shown
 */
export function gapOf(gap, lang) {
  const g = scoreOf(gap);
  if (g === null) return null;
  if (g >= -1e-9) return { met: true, text: /** @type {string} */ (signed(Math.max(0, g), lang)), digits: 1 };
  const short = -g;
  const digits = short >= 0.05 ? 1 : Math.min(12, Math.max(1, -Math.floor(Math.log10(short))));
  return { met: false, text: /** @type {string} */ (fmt(short, lang, 1, digits)), digits };
}

/**
 * A value with up to `digits` decimals (at least one): a value just short of
 * its target with the digits of `gapOf` ("129.996", not "130.0").
 * @param {unknown} v
 * @param {string} lang
 * @param {number} digits
 */
export const fine = (v, lang, digits) => fmt(v, lang, 1, Math.max(1, Math.min(12, digits)));

/**
 * A probability (0–1) as a whole percentage that never rounds to a certainty
 * it is not: "43%", "99%" for 0.998, "1%" for 0.002; null when not a number.
 * @param {unknown} p
 * @param {string} lang
 */
export function prob(p, lang) {
  const v = scoreOf(p);
  if (v === null) return null;
  let pc = Math.round(v * 100);
  if (v < 1 && pc >= 100) pc = 99;
  if (v > 0 && pc <= 0) pc = 1;
  return percent(pc, lang);
}

/** A name usable as a file name on every system: 「PORT 8,000人」 → "PORT_8,000人". */
export const safeName = (/** @type {string} */ name) => name.replace(/[\\/:*?"<>|\p{Cc}\s]+/gu, '_').slice(0, 80) || 'vision-index';
