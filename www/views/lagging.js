// View: 「遅れている目指す姿」, the target states whose progress towards the
// chosen milestone (s.an.milestone, SPEC §8.1) lags, worst first. Loaded after
// the first render (views/lazy.js), like the analysis it shows.
import { h, section, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';
import { badge, putStatus, statusMilestone } from './status.js';

/** @typedef {import('../types').State} State */

/** The lagging statuses, worst first. */
export const LAGGING = ['missed', 'deterioration', 'limited', 'acceleration_needed'];

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
