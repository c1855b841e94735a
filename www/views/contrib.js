// View: what moves the index (SPEC §8.3) — each target state's (and, opened, each
// indicator's) contribution to the index's change since the base year, as sorted
// bars from a zero line, and the same figures with the weights ω as a table.
// An analysis view: its code loads after the first render (views/lazy.js).
import { h, section, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';
import { pathInText } from './headline.js';

/** @typedef {import('../types').State} State */
/** @typedef {{ li: HTMLElement, btn: HTMLButtonElement, fill: HTMLElement, zero: HTMLElement, val: HTMLElement, sub: HTMLElement, ids: string[], inds: Map<string, Row> }} GoalRow */
/** @typedef {{ li: HTMLElement, fill: HTMLElement, zero: HTMLElement, val: HTMLElement }} Row */

/**
 * At most this many indicators of a target state are listed (issue 15: 10,000 indicators): the
 * TOP/2 largest and the TOP/2 smallest contributions (of those with a value), with one line
 * for the rest between them: how many, and the sum of those with a value (README「大きなデータ」).
 */
export const TOP = 30;

/**
 * The ids to list, in order, and the ones left out between them.
 * @param {string[]} ids sorted, largest first (no score last) @param {any} vals
 */
export function topOf(ids, vals) {
  if (ids.length <= TOP) return { shown: ids, cut: [], at: ids.length };
  // the ends of those with a value (no score sorts last: it neither pushes nor holds back)
  const valued = ids.filter((id) => cv(vals, id) !== null);
  const k = Math.min(TOP / 2, Math.floor(valued.length / 2));
  const shown = [...valued.slice(0, k), ...valued.slice(valued.length - k)];
  const on = new Set(shown);
  return { shown, cut: ids.filter((id) => !on.has(id)), at: k };
}

/** A contribution from the answer: a finite number, or null for "no score that year". */
const cv = (/** @type {any} */ obj, /** @type {string} */ id) => F.scoreOf(obj?.[id]);

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s, life } = ctx;
  const L = s.lang;
  const ds = s.ds;
  const base = ds.index.base_year;
  const years = [];
  for (let y = Math.max(ds.years.first, base + 1); y <= ds.years.last; y++) years.push(y);

  const yearSel = h(
    'select',
    { id: 'contrib-year', 'data-testid': 'contrib-year' },
    years.map((y) => h('option', { value: String(y), text: F.fy(y, L) })),
  );
  life.on(yearSel, 'change', () => ctx.commit({ type: 'setContribYear', year: Number(yearSel.value) }));
  const controls = h('div', { class: 'field inline' }, h('label', { for: 'contrib-year', text: t(L, 'contribYear') }), yearSel);
  const explain = h('p', { class: 'note', 'data-testid': 'contrib-explain' });
  const head = h('p', { class: 'contrib-head', 'data-testid': 'contrib-total' });
  const busy = h('p', { class: 'hint contrib-busy', 'data-testid': 'contrib-state', hidden: true });

  /** @type {Map<string, GoalRow>} */
  const goals = new Map();
  const bar = () => {
    const fill = h('span', { class: 'cfill' });
    const zero = h('span', { class: 'czero' });
    return { fill, zero, el: h('span', { class: 'cbar', 'aria-hidden': 'true' }, fill, zero) };
  };
  /** @type {Map<string, string[]>} each target state's indicators */
  const byGoal = new Map();
  for (const i of ds.indicators) {
    const l = byGoal.get(i.goal);
    if (l) l.push(i.id);
    else byGoal.set(i.goal, [i.id]);
  }
  /** @param {string} id */
  const rowOf = (id) => {
    const i = s.indicatorById.get(id);
    const ib = bar();
    const ival = h('span', { class: 'cval', 'data-role': 'value' });
    const li = h('li', { class: 'crow', 'data-indicator': id }, h('span', { class: 'cname', text: text(i?.name, L) }), ib.el, ival);
    return { li, fill: ib.fill, zero: ib.zero, val: ival };
  };
  for (const g of ds.goals) {
    const b = bar();
    const val = h('span', { class: 'cval', 'data-role': 'value' });
    const subId = `contrib-sub-${g.id}`;
    const btn = h(
      'button',
      {
        type: 'button',
        class: 'cname',
        'aria-expanded': 'false',
        'aria-controls': subId,
        'data-action': 'open-goal',
        'data-rove': '',
        tabindex: '-1',
        'aria-describedby': 'vi-rove-hint',
      },
      h('span', { class: 'cmark', 'aria-hidden': 'true' }),
      h('span', { class: 'gid', text: g.id }),
      h('span', { text: text(g.name, L) }),
    );
    /** @type {Map<string, Row>} the rows made so far (a target state's, when it is opened) */
    const inds = new Map();
    const sub = h('ul', { id: subId, class: 'contrib-sub', hidden: true });
    const li = h('li', { class: 'cgoal', 'data-goal': g.id }, h('div', { class: 'crow' }, btn, b.el, val), sub);
    life.on(btn, 'click', () => {
      const open = btn.getAttribute('aria-expanded') !== 'true';
      btn.setAttribute('aria-expanded', String(open));
      sub.hidden = !open;
      if (open) update(ctx.state);
    });
    goals.set(g.id, { li, btn, fill: b.fill, zero: b.zero, val, sub, ids: byGoal.get(g.id) ?? [], inds });
  }
  const list = h(
    'ul',
    { class: 'contrib-bars', 'data-testid': 'contrib-bars', 'data-roving': '' },
    [...goals.values()].map((r) => r.li),
  );
  const sumVal = h('span', { class: 'cval', 'data-role': 'value' });
  const sum = h('p', { class: 'crow csum', 'data-testid': 'contrib-sum' }, h('span', { class: 'cname', text: t(L, 'contribSum') }), h('span'), sumVal);
  const figure = h('div', { class: 'contrib' }, list, sum);

  const tableBox = h('div', { class: 'scroll' });
  const details = h('details', { class: 'contrib-details', 'data-testid': 'contrib-table' }, h('summary', { text: t(L, 'contribTable') }), tableBox);
  life.on(details, 'toggle', () => details.open && fillTable(ctx.state));

  const el = section(L, 'contrib', 'sectionContrib', controls, explain, busy, head, figure, details);

  /** Puts a value and its bar on the scale [lo, hi] (lo ≤ 0 ≤ hi). */
  function draw(/** @type {Row} */ r, /** @type {number | null} */ v, /** @type {number} */ lo, /** @type {number} */ hi) {
    const span = hi - lo || 1;
    const z = (-lo / span) * 100;
    r.zero.style.left = `${z.toFixed(2)}%`;
    if (v === null) {
      setText(r.val, t(L, 'noValue'));
      r.val.removeAttribute('data-value');
      r.fill.style.width = '0';
      r.li.setAttribute('data-sign', 'none');
      return;
    }
    setText(r.val, F.signed(v, L) ?? '');
    r.val.setAttribute('data-value', String(v));
    const w = (Math.abs(v) / span) * 100;
    r.fill.style.left = `${(v < 0 ? z - w : z).toFixed(2)}%`;
    r.fill.style.width = `${w.toFixed(2)}%`;
    r.li.setAttribute('data-sign', v < 0 ? 'neg' : v > 0 ? 'pos' : 'zero');
  }

  /** @type {WeakMap<GoalRow, HTMLElement>} */
  const rests = new WeakMap();
  /** The line for the indicators not listed: how many, and their sum. @param {GoalRow} r @param {string[]} cut @param {any} c */
  function restLine(r, cut, c) {
    const li = rests.get(r) ?? h('li', { class: 'crow crest', 'data-role': 'rest' });
    rests.set(r, li);
    setText(li, t(L, 'contribRest', { n: F.num(cut.length, L), sum: F.signed(restSum(cut, c.indicators), L) ?? '—' }));
    return li;
  }
  /** @param {string[]} ids @param {any} vals */
  const restSum = (ids, vals) => {
    const xs = /** @type {number[]} */ (ids.map((id) => cv(vals, id)).filter((x) => x !== null));
    return xs.length ? xs.reduce((a, x) => a + x, 0) : null;
  };

  /** Ids in the order shown: by contribution, largest first; no score last (dataset order). */
  function sorted(/** @type {string[]} */ ids, /** @type {any} */ vals) {
    return ids
      .map((id, i) => ({ id, i, v: cv(vals, id) }))
      .sort((a, b) => (a.v === null ? (b.v === null ? a.i - b.i : 1) : b.v === null ? -1 : b.v - a.v || a.i - b.i))
      .map((x) => x.id);
  }
  const order = (/** @type {any} */ c) =>
    sorted(
      ds.goals.map((/** @type {any} */ g) => g.id),
      c?.goals,
    );

  /** @param {State} s */
  function fillTable(s) {
    const c = s.an.contrib;
    if (!c) return tableBox.replaceChildren(h('p', { class: 'hint', text: t(L, 'contribCalc') }));
    const w = (/** @type {number | null} */ x) => (x === null ? null : `${F.score(x * 100, L)}%`);
    const num = (/** @type {string | null} */ x) => {
      const e = h('td', { class: 'num' });
      if (x === null) e.textContent = t(L, 'noValue');
      else e.textContent = x;
      return e;
    };
    const rows = [];
    for (const gid of order(c)) {
      const g = ds.goals.find((/** @type {any} */ x) => x.id === gid);
      const inIndex = (byGoal.get(gid) ?? []).filter((id) => !!c.indicators && id in c.indicators);
      const ws = inIndex.map((id) => cv(c.weights, id)).filter((/** @type {number | null} */ x) => x !== null);
      const gw = ws.length ? ws.reduce((a, b) => a + b, 0) : null;
      const gv = cv(c.goals, gid);
      rows.push(
        h(
          'tr',
          { class: 'group', 'data-goal': gid },
          h('th', { scope: 'row', text: `${gid} ${text(g.name, L)}` }),
          num(w(gv === null ? null : gw)),
          num(F.signed(gv, L)),
        ),
      );
      // a long list: the largest and smallest TOP/2 (topOf), as the bars
      const { shown, cut, at } = topOf(inIndex.length > TOP ? sorted(inIndex, c.indicators) : inIndex, c.indicators);
      const sub = shown.map((id) => {
        const iv = cv(c.indicators, id);
        return h(
          'tr',
          { 'data-indicator': id },
          h('th', { scope: 'row', class: 'sub', text: text(s.indicatorById.get(id)?.name, L) }),
          num(w(iv === null ? null : cv(c.weights, id))),
          num(F.signed(iv, L)),
        );
      });
      if (cut.length)
        sub.splice(
          at,
          0,
          h(
            'tr',
            { 'data-role': 'rest' },
            h('th', { scope: 'row', class: 'sub', text: t(L, 'contribRestRow', { n: F.num(cut.length, L) }) }),
            num(w(restSum(cut, c.weights))),
            num(F.signed(restSum(cut, c.indicators), L)),
          ),
        );
      rows.push(...sub);
    }
    const wsum = Object.values(c.weights || {}).reduce((/** @type {number} */ a, /** @type {any} */ x) => a + (F.scoreOf(x) ?? 0), 0);
    const change = F.scoreOf(c.change);
    const tbl = h(
      'table',
      { class: 'mini-table contrib-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col', text: t(L, 'contribColName') }),
          h('th', { scope: 'col', class: 'num', text: t(L, 'contribColWeight') }),
          h('th', { scope: 'col', class: 'num', text: t(L, 'contribColValue') }),
        ),
      ),
      h('tbody', null, rows),
      h(
        'tfoot',
        null,
        h('tr', { 'data-role': 'sum' }, h('th', { scope: 'row', text: t(L, 'contribSum') }), num(change === null ? null : w(wsum)), num(F.signed(change, L))),
      ),
    );
    tableBox.replaceChildren(tbl);
  }

  /**
   * Whether the answer on show is for an older state: the render right after an edit
   * comes before the analysis is asked again (so before `stale` is set).
   * @param {State} s
   * @param {any} c
   */
  function outdated(s, c) {
    if (c.path !== s.path || c.year !== s.an.contribYear) return true;
    const r = s.result;
    const v = F.at(r?.index, r ? r.years.indexOf(c.year) : -1);
    const ci = F.scoreOf(c.index);
    return v === null ? ci !== null : ci === null || Math.abs(v - ci) > 1e-9 * Math.max(1, Math.abs(v));
  }

  /** @param {State} s */
  function update(s) {
    const a = s.an;
    const c = a.contrib;
    if (yearSel.value !== String(a.contribYear)) yearSel.value = String(a.contribYear);
    const pending = !a.error && (!c || a.stale || outdated(s, c));
    busy.hidden = !pending && !a.error;
    setText(busy, a.error ? t(L, 'contribError') : pending ? t(L, 'contribCalc') : '');
    busy.classList.toggle('err', !!a.error);
    el.setAttribute('aria-busy', String(pending));
    figure.classList.toggle('stale', pending || !!a.error);
    const change = F.scoreOf(c?.change);
    const geo = s.ds.index.method?.aggregate === 'geometric';
    const ch = change === null ? '' : t(L, 'contribParen', { v: F.signed(change, L) });
    setText(explain, t(L, geo ? 'contribExplainGeo' : 'contribExplain', { base: F.fyShort(base, L), change: ch }));
    const yr = F.fy(c?.year ?? a.contribYear, L);
    const path = pathInText(s);
    if (!c) setText(head, '');
    else if (change === null) setText(head, t(L, 'contribNoIndex', { year: yr, path }));
    else setText(head, t(L, 'contribHead', { year: yr, path, index: F.score(c.index, L), change: F.signed(change, L) }));
    figure.hidden = !c || change === null;
    if (!c) return;
    // one scale for goals and indicators: always includes 0
    let lo = 0;
    let hi = 0;
    for (const o of [c.goals, c.indicators]) {
      for (const k in o || {}) {
        const v = F.scoreOf(o[k]);
        if (v !== null && Math.abs(v) < 1e300) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    const ids = order(c);
    const kids = list.children;
    ids.forEach((id, i) => {
      const r = /** @type {GoalRow} */ (goals.get(id));
      if (kids[i] !== r.li) list.insertBefore(r.li, kids[i] ?? null);
      draw({ li: r.li, fill: r.fill, zero: r.zero, val: r.val }, cv(c.goals, id), lo, hi);
      if (r.sub.hidden) return; // drawn when opened
      const inIndex = r.ids.filter((iid) => !!c.indicators && iid in c.indicators);
      const { shown, cut, at } = topOf(sorted(inIndex, c.indicators), c.indicators);
      const items = shown.map((iid) => {
        const ir = r.inds.get(iid) ?? rowOf(iid);
        r.inds.set(iid, ir);
        draw(ir, cv(c.indicators, iid), lo, hi);
        return ir.li;
      });
      if (cut.length) items.splice(at, 0, restLine(r, cut, c));
      if (items.length !== r.sub.children.length || items.some((k, j) => r.sub.children[j] !== k)) r.sub.replaceChildren(...items);
    });
    setText(sumVal, F.signed(change, L) ?? '');
    if (change !== null) sumVal.setAttribute('data-value', String(change));
    if (details.open) fillTable(s);
  }
  return { el, update };
}
