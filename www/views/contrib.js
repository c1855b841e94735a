// View: what moves the index (SPEC §8.3) — each target state's (and, opened, each
// indicator's) contribution to the index's change since the base year, as sorted
// bars from a zero line, and the same figures with the weights ω as a table.
// An analysis view: its code loads after the first render (views/lazy.js).
import { h, section, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';
import { pathInText } from './headline.js';

/** @typedef {import('../types').State} State */
/** @typedef {{ li: HTMLElement, btn: HTMLButtonElement, fill: HTMLElement, zero: HTMLElement, val: HTMLElement, sub: HTMLElement, inds: Map<string, Row> }} GoalRow */
/** @typedef {{ li: HTMLElement, fill: HTMLElement, zero: HTMLElement, val: HTMLElement }} Row */

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
    /** @type {Map<string, Row>} */
    const inds = new Map();
    const sub = h('ul', { id: subId, class: 'contrib-sub', hidden: true });
    for (const i of ds.indicators) {
      if (i.goal !== g.id) continue;
      const ib = bar();
      const ival = h('span', { class: 'cval', 'data-role': 'value' });
      const li = h('li', { class: 'crow', 'data-indicator': i.id }, h('span', { class: 'cname', text: text(i.name, L) }), ib.el, ival);
      inds.set(i.id, { li, fill: ib.fill, zero: ib.zero, val: ival });
      sub.append(li);
    }
    const li = h('li', { class: 'cgoal', 'data-goal': g.id }, h('div', { class: 'crow' }, btn, b.el, val), sub);
    life.on(btn, 'click', () => {
      const open = btn.getAttribute('aria-expanded') !== 'true';
      btn.setAttribute('aria-expanded', String(open));
      sub.hidden = !open;
    });
    goals.set(g.id, { li, btn, fill: b.fill, zero: b.zero, val, sub, inds });
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
      const inds = ds.indicators.filter((/** @type {any} */ i) => i.goal === gid && c.indicators && i.id in c.indicators);
      const ws = inds.map((/** @type {any} */ i) => cv(c.weights, i.id)).filter((/** @type {number | null} */ x) => x !== null);
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
      for (const i of inds) {
        const iv = cv(c.indicators, i.id);
        rows.push(
          h(
            'tr',
            { 'data-indicator': i.id },
            h('th', { scope: 'row', class: 'sub', text: text(i.name, L) }),
            num(w(iv === null ? null : cv(c.weights, i.id))),
            num(F.signed(iv, L)),
          ),
        );
      }
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
      sorted([...r.inds.keys()], c.indicators).forEach((iid, j) => {
        const ir = /** @type {Row} */ (r.inds.get(iid));
        if (r.sub.children[j] !== ir.li) r.sub.insertBefore(ir.li, r.sub.children[j] ?? null);
        const inIndex = !!c.indicators && iid in c.indicators;
        ir.li.hidden = !inIndex;
        if (inIndex) draw(ir, cv(c.indicators, iid), lo, hi);
      });
    });
    setText(sumVal, F.signed(change, L) ?? '');
    if (change !== null) sumVal.setAttribute('data-value', String(change));
    if (details.open) fillTable(s);
  }
  return { el, update };
}
