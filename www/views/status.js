// The progress status (SPEC §8.1) in words and a symbol, for every view that
// shows one (headline, lagging list, goals, indicator table), and how many
// target states stand behind an index value (coverage).
import { h, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t } from '../modules/i18n.js';

/** @typedef {import('../types').State} State */

/** The symbol of each status (SPEC §8.1); always shown next to its word, hidden from screen readers. */
export const SYMBOL = {
  achieved: '✓',
  on_track: '▲',
  acceleration_needed: '◆',
  limited: '△',
  deterioration: '▼',
  missed: '✕',
  no_data: '—',
};

/**
 * The §8.1 milestone entry of the chosen milestone, or null while there is none.
 * @param {State} s
 */
export function statusMilestone(s) {
  const ms = s.an.status?.milestones;
  if (!Array.isArray(ms)) return null;
  return ms.find((/** @type {any} */ m) => m.year === s.an.milestone) ?? ms[0] ?? null;
}

/**
 * An empty status badge: `[data-role="status"]` with `data-status`, a hidden symbol and the word.
 * @param {Record<string, unknown>} [attrs]
 */
export function badge(attrs) {
  return h('span', { class: 'pstatus', 'data-role': 'status', ...attrs }, h('span', { class: 'psym', 'aria-hidden': 'true' }), h('span', { class: 'pword' }));
}

/**
 * Shows `status` (a §8.1 status name) in a badge; null: 「計算中…」 (or the failure when `failed`).
 * @param {HTMLElement} el
 * @param {string | null | undefined} status
 * @param {string} lang
 * @param {boolean} [failed]
 */
export function putStatus(el, status, lang, failed) {
  const known = status && status in SYMBOL ? status : null;
  const sym = /** @type {HTMLElement} */ (el.firstChild);
  const word = /** @type {HTMLElement} */ (el.lastChild);
  const ds = known ?? (failed ? 'error' : 'pending');
  if (el.getAttribute('data-status') !== ds) el.setAttribute('data-status', ds);
  setText(sym, known ? SYMBOL[/** @type {keyof typeof SYMBOL} */ (known)] : '');
  setText(word, known ? t(lang, `ps_${known}`) : t(lang, failed ? 'analysisFailed' : 'calculating'));
}

/**
 * How many goals have a score in year index `yi` of `res` (NaN: none), of how many.
 * @param {any} res a §5 result
 * @param {any[]} goals the dataset's goals
 * @param {number} yi
 */
export function coverage(res, goals, yi) {
  let n = 0;
  for (const g of goals) if (F.at(res?.goals?.[g.id], yi) !== null) n++;
  return { n, total: goals.length };
}

/**
 * The coverage line's text: 「11 の目指す姿のうち 1 件から」 when only some goals stand behind the value, else ''.
 * @param {any} res
 * @param {any[]} goals
 * @param {number} yi
 * @param {string} lang
 */
export function coverageText(res, goals, yi, lang) {
  const c = coverage(res, goals, yi);
  return c.n > 0 && c.n < c.total ? t(lang, 'coverage', c) : '';
}
