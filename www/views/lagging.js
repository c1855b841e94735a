// View: 「遅れている目指す姿」, the target states whose progress towards the
// chosen milestone (s.an.milestone, SPEC §8.1) lags, worst first; and the
// helpers the other views use to show a status in words and a symbol.
import { h, section, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';

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

/** The lagging statuses, worst first. */
export const LAGGING = ['missed', 'deterioration', 'limited', 'acceleration_needed'];

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
  el.setAttribute('data-status', known ?? (failed ? 'error' : 'pending'));
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

/**
 * The lagging goals of a §8.1 milestone entry, worst first: by LAGGING, then ratio ascending (none last), then dataset order.
 * @param {any} m
 * @param {any[]} goals
 * @returns {Array<{id: string, st: any}>}
 */
export function laggingGoals(m, goals) {
  const rank = (/** @type {string} */ st) => LAGGING.indexOf(st);
  const list = goals.map((g, i) => ({ id: g.id, st: m?.goals?.[g.id], i })).filter((x) => x.st && rank(x.st.status) >= 0);
  const ratio = (/** @type {any} */ x) => F.scoreOf(x.st.ratio) ?? Infinity;
  list.sort((a, b) => rank(a.st.status) - rank(b.st.status) || ratio(a) - ratio(b) || a.i - b.i);
  return list.map(({ id, st }) => ({ id, st }));
}

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s } = ctx;
  const L = s.lang;
  const ds = s.ds;
  const note = h('p', { class: 'note' });
  const say = h('p', { class: 'lag-say', 'data-role': 'summary' });
  const list = h('ol', { class: 'lag-list' });
  const el = section(L, 'lagging', 'sectionLagging', note, h('div', { 'data-testid': 'lagging' }, say, list));
  /** @type {Map<string, {li: HTMLElement, status: HTMLElement, obs: HTMLElement}>} */
  const items = new Map();
  for (const g of ds.goals) {
    const status = badge();
    const obs = h('span', { class: 'lag-obs', 'data-role': 'observed' });
    const li = h(
      'li',
      { class: 'lag', 'data-goal': g.id },
      h('span', { class: 'gid', text: g.id }),
      h('span', { class: 'lag-name', text: text(g.name, L) }),
      h('span', { class: 'lag-meta' }, status, obs),
    );
    items.set(g.id, { li, status, obs });
  }
  let shown = '';

  function update(s) {
    const m = statusMilestone(s);
    const year = m?.year ?? s.an.milestone;
    setText(note, t(L, 'laggingNote', { year: F.fy(year, L) }));
    if (!m) {
      setText(say, s.an.error ? t(L, 'analysisFailed') : t(L, 'calculating'));
      if (shown) list.replaceChildren();
      shown = '';
      return;
    }
    const lag = laggingGoals(m, ds.goals);
    const allNoData = ds.goals.every((/** @type {any} */ g) => (m.goals?.[g.id]?.status ?? 'no_data') === 'no_data');
    setText(say, lag.length ? '' : t(L, allNoData ? 'laggingNoData' : 'laggingNone'));
    say.hidden = lag.length > 0;
    for (const { id, st } of lag) {
      const it = /** @type {{li: HTMLElement, status: HTMLElement, obs: HTMLElement}} */ (items.get(id));
      putStatus(it.status, st.status, L);
      const v = F.score(F.scoreOf(st.observed), L);
      setText(it.obs, v === null ? '' : t(L, 'observedAt', { v, year: F.fyShort(st.observed_year, L) }));
    }
    const order = lag.map((x) => x.id).join(',');
    if (order !== shown) {
      list.replaceChildren(...lag.map((x) => /** @type {any} */ (items.get(x.id)).li));
      shown = order;
    }
  }
  return { el, update };
}
