// View: the index now and the milestones (value, gap, 達成 / 未達).
import { h, section, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';

/** @typedef {import('../types').State} State */

export const pathInText = (s) => {
  const name = t(s.lang, `path_${s.path}`);
  return s.lang === 'en' ? name.toLowerCase() : name;
};

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s } = ctx;
  const L = s.lang;
  const ds = s.ds;
  const nowValue = h('span', { 'data-role': 'value' });
  const nowYear = h('p', { class: 'sub', 'data-role': 'year' });
  const now = h(
    'div',
    { class: 'card now', 'data-testid': 'headline-now' },
    h('p', { class: 'card-label', text: t(L, 'now') }),
    h('p', { class: 'big' }, nowValue, h('span', { class: 'unit', text: text(ds.index.unit, L) })),
    nowYear,
    h('p', { class: 'hint', text: t(L, 'nowNote') }),
  );
  /** @type {Map<number, Record<string, HTMLElement>>} */
  const cards = new Map();
  const cardEls = (ds.index.milestones || []).map((m) => {
    const c = {
      value: h('span', { 'data-role': 'value' }),
      gap: h('span', { 'data-role': 'gap' }),
      met: h('span', { 'data-role': 'met' }),
      icon: h('span', { class: 'icon', 'aria-hidden': 'true' }),
      on: h('span', { class: 'on' }),
      was: h('p', { class: 'was', hidden: true }),
      card: h('article'),
    };
    c.card = h(
      'article',
      { class: 'card ms', 'data-testid': `milestone-${m.year}`, 'aria-labelledby': `ms-${m.year}` },
      h('h4', { class: 'card-label', id: `ms-${m.year}`, text: m.label ? text(m.label, L) : F.fy(m.year, L) }),
      h('p', { class: 'sub', text: F.fy(m.year, L) }),
      h('p', { class: 'big' }, c.value, c.on),
      h(
        'dl',
        { class: 'facts' },
        h('div', null, h('dt', { text: t(L, 'target') }), h('dd', { 'data-role': 'target', text: F.score(m.value, L) })),
        h('div', null, h('dt', { text: t(L, 'gap') }), h('dd', null, c.gap)),
      ),
      h('p', { class: 'verdict' }, c.icon, c.met),
      c.was,
    );
    cards.set(m.year, c);
    return c.card;
  });
  const el = section(L, 'headline', 'sectionHeadline', h('div', { class: 'cards' }, now, cardEls));

  function update(s) {
    const a = s.base.actual;
    let i = a.index.length - 1;
    while (i >= 0 && F.at(a.index, i) === null) i--;
    F.put(nowValue, i >= 0 ? F.score(F.at(a.index, i), L) : null, L);
    setText(nowYear, i >= 0 ? F.fy(a.years[i], L) : '—');
    const base = s.base[s.path];
    const on = t(L, 'onPath', { path: pathInText(s) });
    for (const m of s.result.milestones) {
      const c = cards.get(m.year);
      if (!c) continue;
      const met = m.met === true;
      F.put(c.value, F.score(F.scoreOf(m.value), L), L);
      F.put(c.gap, F.signed(F.scoreOf(m.gap), L), L);
      c.card.setAttribute('data-met', met ? 'true' : 'false');
      setText(c.met, t(L, met ? 'met' : 'notMet'));
      setText(c.icon, met ? '✓' : '✕');
      setText(c.on, on);
      const bm = base.milestones.find((b) => b.year === m.year);
      const differs = s.scen.has && bm && !F.sameSeries([bm.value], [m.value]);
      c.was.hidden = !differs;
      if (differs) setText(c.was, t(L, 'baseWas', { v: F.score(F.scoreOf(bm.value), L) ?? '—' }));
    }
  }
  return { el, update };
}
