// View: the key projects and their KPIs.
import { h, numSpan, section } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';
import { afterFirst } from './lazy.js';
import { tidy } from '../modules/roving.js';

/** Projects on one page (issue 15; README「大きなデータ」): more are shown a page at a time, with a filter box. */
export const PJ_PAGE = 20;
/** @type {WeakMap<object, {q: string, first: number, idx: number[] | null}>} each dataset's page and filter */
const WIN = new WeakMap();

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s } = ctx;
  const L = s.lang;
  const goalName = (g) => text(s.goalById.get(g)?.name, L);

  const kpi = (kp, i, st, p) => {
    const unit = text(kp.unit, L);
    const u = !unit ? '' : unit === '%' ? unit : `\u2009${unit}`;
    const li = h('li', { class: 'kpi', 'data-kpi': i }, h('p', { class: 'kname', text: text(kp.name, L) }));
    const a = st?.actual ?? null;
    const tg = st?.target ?? null;
    if (st?.year == null || (a === null && tg === null)) {
      li.append(
        h(
          'p',
          { class: 'fig none' },
          h('span', { class: 'muted', text: t(L, kp.chart_only ? 'kpiChart' : 'noFigures') }),
          h('span', { class: 'sr-only' }, numSpan(null, L, { 'data-role': 'actual' }), numSpan(null, L, { 'data-role': 'target' })),
        ),
      );
    } else {
      li.append(
        h(
          'p',
          { class: 'fig' },
          h('span', { class: 'yr', text: F.fyShort(st.year, L) }),
          ' ',
          h('span', { class: 'lbl', text: t(L, 'kpiActual') }),
          ' ',
          numSpan(F.num(a, L), L, { 'data-role': 'actual', class: 'strong' }),
          a !== null ? u : '',
          ' ／ ',
          h('span', { class: 'lbl', text: t(L, 'kpiTarget') }),
          ' ',
          numSpan(F.num(tg, L), L, { 'data-role': 'target' }),
          tg !== null ? u : '',
        ),
      );
      if (st.met != null) {
        const ratio = F.scoreOf(st.ratio);
        const fill = h('span', { class: `kfill${st.met ? ' ok' : ''}` });
        fill.style.width = `${ratio === null ? (st.met ? 100 : 0) : Math.min(100, ratio * 100)}%`;
        const bar = h('span', { class: 'kbar', 'aria-hidden': 'true' }, fill);
        li.append(h('p', { class: 'rate' }, bar, h('span', { text: t(L, 'kpiRate', { p: ratio === null ? '—' : (F.percent(ratio * 100, L) ?? '—') }) })));
      } else if (tg === null) {
        li.append(h('p', { class: 'muted small', text: t(L, 'noTarget') }));
      }
    }
    // named with its subject (「注記：SETAGAYA PORT … 新規会員登録者数」): 26 notes, each its own name
    const what = `${text(p.name, L)} ${text(kp.name, L)}`;
    if (kp.note)
      li.append(
        h(
          'details',
          { class: 'knote' },
          h('summary', { text: t(L, 'note'), 'aria-label': t(L, 'noteOf', { what }), 'data-rove': '', tabindex: '-1', 'aria-describedby': 'vi-rove-hint' }),
          h('p', { text: text(kp.note, L) }),
        ),
      );
    return li;
  };

  const all = s.ds.projects || [];
  const win = WIN.get(s.ds) ?? { q: '', first: 0, idx: null };
  WIN.set(s.ds, win);
  /** @param {number} pi */
  const item = (pi) => {
    const p = all[pi];
    const tags = (p.tags || []).map((tg) => h('span', { class: `tag tag-${tg}`, text: t(L, `tag_${tg}`) === `tag_${tg}` ? tg : t(L, `tag_${tg}`) }));
    const chips = (p.goals || []).map((g) =>
      h(
        'li',
        { class: 'chip', title: goalName(g) },
        h('span', { 'aria-hidden': 'true', text: g }),
        h('span', { class: 'sr-only', text: `${g} ${goalName(g)}` }),
      ),
    );
    const kpis = (p.kpis || []).map((kp, i) => kpi(kp, i, s.kpis[pi]?.[i], p));
    return h(
      'article',
      { class: 'project', 'data-project': p.id, 'aria-labelledby': `pj-${p.id}` },
      h('header', null, p.no != null ? h('span', { class: 'pjno', text: t(L, 'projectNo', { n: p.no }) }) : null, tags),
      h('h4', { id: `pj-${p.id}`, text: text(p.name, L) }),
      p.summary ? h('p', { class: 'summary', text: text(p.summary, L) }) : null,
      chips.length ? h('div', { class: 'serves' }, h('span', { class: 'mini', text: t(L, 'serves') }), h('ul', { class: 'chips' }, chips)) : null,
      kpis.length ? h('ul', { class: 'kpis', 'aria-label': t(L, 'kpis') }, kpis) : h('p', { class: 'muted small', text: t(L, 'noKpi') }),
    );
  };
  /** @type {number[] | null} */
  let shown = null;
  /** @param {number[]} ps */
  const page = (ps) => {
    const was = shown;
    if (ps.length && was && ps.length === was.length && ps.every((p, i) => p === was[i])) return;
    shown = ps;
    list.replaceChildren(...ps.map(item));
  };
  const list = h('div', { 'data-testid': 'projects', class: 'projects', 'data-roving': '' });
  const first = [];
  const m = win.idx ? win.idx.length : all.length;
  if (win.first >= m) win.first = 0;
  for (let i = win.first; i < Math.min(m, win.first + PJ_PAGE); i++) first.push(win.idx ? win.idx[i] : i);
  page(first);
  const el = section(L, 'projects', 'sectionProjects', list);
  if (all.length > PJ_PAGE)
    afterFirst(() => import('./later.js')).then(
      (m) => {
        if (ctx.life.signal.aborted) return;
        const p = m.pager.create({
          life: ctx.life,
          L,
          kind: 'pj',
          size: PJ_PAGE,
          total: all.length,
          win,
          hay: (i) => `${all[i].no ?? ''} ${all[i].id} ${text(all[i].name, 'ja')} ${text(all[i].name, 'en')}`,
          onShow: (ps) => {
            page(ps);
            tidy(el);
          },
        });
        list.before(p.el);
      },
      (e) => console.error(e),
    );
  return { el, update() {} };
}
