// View: the indicator table with its what-if inputs.
import { flag, h, Lifetime, numSpan, section, setText, yearsOf } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';
import { keys } from '../modules/state.js';
import { badge, putStatus, statusMilestone } from './status.js';
import { SEEK_ALL_MAX } from '../modules/analysis-core.js';
import { seekCell, seekHead } from './seek-slot.js';
import { afterFirst, lazy } from './lazy.js';
import { tidy } from '../modules/roving.js';

// ---- phone: the cards' behaviours (views/phone.js) and the sliders' range rule
// (modules/slider.js) load after the first render; until then a slider has its default range
const phone = lazy(() => import('./later.js').then((m) => m.phone));
/** @type {typeof import('../modules/slider.js').sliderRange | null} */
let fit = null;
/** @param {typeof import('../modules/slider.js').sliderRange} f */
export function setSliderFit(f) {
  fit = f;
}

// ---- scale (issue 15; README「大きなデータ」): a dataset with more than PAGE indicators is
// shown PAGE rows at a time, with a filter box (views/pager.js, loaded after the first
// render); the page and the filter are kept per dataset across rebuilds (the language switch)
export const PAGE = 50;
/** @type {WeakMap<object, {q: string, first: number, idx: number[] | null}>} */
const WIN = new WeakMap();

/** @typedef {import('../types').State} State */
/** @typedef {import('../types').Cell} Cell */

/**
 * @param {{num: HTMLInputElement, err: HTMLElement, td: HTMLElement}} c
 * @param {string | undefined} msg
 */
export function showInvalid(c, msg) {
  const on = msg != null;
  if (c.err.hidden === !on && c.err.textContent === (msg || '')) return;
  c.err.hidden = !on;
  c.err.textContent = msg || '';
  if (on) c.num.setAttribute('aria-invalid', 'true');
  else c.num.removeAttribute('aria-invalid');
  c.td.classList.toggle('invalid', on);
}

const eventTime = (e) => (e.timeStamp > 0 && e.timeStamp <= performance.now() ? e.timeStamp : performance.now());

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s, commit, life } = ctx;
  const L = s.lang;
  const ds = s.ds;
  const base = ds.index.base_year;
  const paren = (a, b) => (L === 'en' ? `${a} (${b})` : `${a}（${b}）`);
  const withUnit = (v, unit) => {
    const n = F.num(Number(v), L) ?? '';
    return L === 'en' ? `${n} ${unit}` : `${n}${unit}`;
  };

  const years = [];
  for (let y = base + 1; y <= ds.years.last; y++) years.push(y);
  const vsel = h(
    'select',
    { id: 'value-year', 'data-testid': 'value-year' },
    years.map((y) => h('option', { value: y, selected: y === s.valueYear, text: F.fy(y, L) })),
  );
  const scoreHead = h('th', { scope: 'col', class: 'num' });
  // goal seek: the required value per outcome_long row (not past SEEK_ALL_MAX: not asked then)
  const withSeek = ctx.state.ds.indicators.filter((/** @type {any} */ i) => i.stage === 'outcome_long').length <= SEEK_ALL_MAX;
  const seekTh = seekHead(ctx);
  /** @type {import('../types').View[]} */
  const seekCells = [];
  const valueHead = h('span');
  const statusHead = h('th', { scope: 'col', class: 'pst' });
  const head = h(
    'tr',
    null,
    h('th', { scope: 'col', text: t(L, 'colStage') }),
    h('th', { scope: 'col', text: t(L, 'colName') }),
    h('th', { scope: 'col', text: t(L, 'colUnit') }),
    h('th', { scope: 'col', class: 'num' }, t(L, 'colBaseline'), h('br'), h('small', { text: F.fyShort(base, L) })),
    h('th', { scope: 'col', class: 'num', text: t(L, 'colActuals') }),
    h('th', { scope: 'col', class: 'num', text: t(L, 'colTargets') }),
    scoreHead,
    statusHead,
    withSeek ? seekTh.el : null,
    s.whatIfYears.map((y) => h('th', { scope: 'col', class: 'whatif' }, t(L, 'colWhatIf'), h('br'), h('small', { text: F.fyShort(y, L) }))),
    h('th', { scope: 'col', class: 'whatif' }, t(L, 'colValue'), h('br'), h('small', null, valueHead)),
    h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t(L, 'colReset') })),
  );
  const ncol = (withSeek ? 10 : 9) + s.whatIfYears.length;
  /** @type {Map<string, {ind: any, name: string, row: HTMLElement, reset: HTMLButtonElement | null, score: HTMLElement, status: HTMLElement | null, targets: Cell[], value: Cell & {label: HTMLElement}}>} */
  const rows = new Map();
  /** ---- phone: per row, its unit (page language, Japanese) and the cells whose card labels change */
  /** @type {Map<string, {unit: string, unitJa: string, labelled: Array<HTMLElement | null>}>} */
  const more = new Map();
  const body = h('tbody');
  const n = ds.indicators.length;
  const win = WIN.get(ds) ?? { q: '', first: 0, idx: null };
  WIN.set(ds, win);
  /** the rows' listeners (the 必要な値 cells'): released when another page is drawn */
  let rowLife = new Lifetime();
  life.signal.addEventListener('abort', () => rowLife.end(), { once: true });
  let rowCtx = { ...ctx, life: rowLife };
  /** @type {number[] | null} the indicators on show (positions in ds.indicators) */
  let shown = null;
  /** @param {number[]} ks */
  function fill(ks) {
    const was = shown;
    if (ks.length && was && ks.length === was.length && ks.every((k, i) => k === was[i])) return false;
    shown = ks;
    rowLife.end();
    rowLife = new Lifetime();
    rowCtx = { ...ctx, life: rowLife };
    rows.clear();
    more.clear();
    seekCells.length = 0;
    cardLabels = '';
    const out = [];
    let goal = null;
    for (const k of ks) {
      const ind = ds.indicators[k];
      if (ind.goal !== goal) {
        goal = ind.goal;
        const g = s.goalById.get(goal);
        out.push(
          h(
            'tr',
            { class: 'group' },
            h('th', { scope: 'colgroup', colspan: ncol }, h('span', { class: 'stick' }, h('span', { class: 'gid', text: goal }), g ? text(g.name, L) : '')),
          ),
        );
      }
      out.push(row(ind, k));
    }
    if (!ks.length)
      out.push(h('tr', { class: 'none' }, h('td', { colspan: ncol, class: 'muted', text: t(L, 'pgNone', { q: win.q.trim(), total: F.num(n, L) }) })));
    body.replaceChildren(...out);
    return true;
  }
  let cardLabels = '';
  {
    const first = [];
    const all = win.idx ?? null;
    const m = all ? all.length : n;
    if (win.first >= m) win.first = 0;
    for (let i = win.first; i < Math.min(m, win.first + PAGE); i++) first.push(all ? all[i] : i);
    fill(first);
  }
  const table = h(
    'table',
    { 'data-testid': 'indicators', class: 'ind', 'data-roving': '' },
    h('caption', { class: 'sr-only', text: t(L, 'sectionIndicators') }),
    h('thead', null, head),
    body,
  );
  const wrap = h('div', { class: 'scroll table-wrap', tabindex: '0', role: 'region', 'aria-label': t(L, 'tableLabel') }, table);
  const el = section(
    L,
    'indicators',
    'sectionIndicators',
    h('p', { class: 'note', text: t(L, 'indicatorsNote') }),
    h('div', { class: 'field inline' }, h('label', { for: 'value-year', text: t(L, 'valueYear') }), vsel),
    wrap,
  );
  // ---- phone: below 560 px the rows are cards (CSS); the mini headline and the slider's tap guard
  /** @type {NonNullable<import('../types').Ctx['ind']>} */
  const ind = { table, body, refit: () => last && refit(last), adopt: null };
  const ph = phone.create({ ...ctx, ind });
  /** @type {State | null} */
  let last = null;
  el.append(ph.el);
  // ---- scale: the pager, past one page; a new page is drawn, filled and given its roles
  if (n > PAGE) {
    afterFirst(() => import('./later.js')).then(
      (m) => {
        if (life.signal.aborted) return;
        const p = m.pager.create({
          life,
          L,
          kind: 'ind',
          size: PAGE,
          total: n,
          win,
          hay: (k) => `${ds.indicators[k].id} ${text(ds.indicators[k].name, 'ja')} ${text(ds.indicators[k].name, 'en')}`,
          onShow: (ks) => {
            if (!fill(ks)) return;
            ind.adopt?.();
            if (last) update(last, true);
            tidy(el);
          },
        });
        wrap.before(p.el);
      },
      (e) => console.error(e),
    );
  }

  life.on(vsel, 'change', () => commit({ type: 'setValueYear', year: Number(vsel.value) }));
  life.on(body, 'input', (e) => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    const r = rows.get(input.getAttribute('data-id') || '');
    if (!r) return;
    const t0 = eventTime(e);
    if (input.hasAttribute('data-range-year')) {
      const c = r.targets.find((x) => x.range === input);
      if (!c) return;
      c.num.value = input.value; // the slider drives its number field
      input.setAttribute('aria-valuetext', withUnit(input.value, more.get(r.ind.id)?.unit));
      commit({ type: 'setTarget', id: r.ind.id, year: c.year, raw: input.value, t0 });
    } else if (input.hasAttribute('data-target-year')) {
      commit({ type: 'setTarget', id: r.ind.id, year: Number(input.getAttribute('data-target-year')), raw: input.value, bad: input.validity.badInput, t0 });
    } else if (input.hasAttribute('data-value-year')) {
      commit({ type: 'setValue', id: r.ind.id, year: Number(input.getAttribute('data-value-year')), raw: input.value, bad: input.validity.badInput, t0 });
    }
  });
  life.on(body, 'click', (e) => {
    const b = /** @type {Element} */ (e.target).closest?.('button[data-action="reset-row"]');
    if (b) commit({ type: 'resetRow', id: b.getAttribute('data-id') });
  });

  function row(ind, k) {
    const name = text(ind.name, L);
    const unit = text(ind.unit, L);
    const unitJa = text(ind.unit, 'ja');
    const stage = ind.stage || 'outcome_long';
    const list = (obj) => {
      const ys = yearsOf(obj);
      if (!ys.length) return numSpan(null, L);
      return h(
        'ul',
        { class: 'pairs' },
        ys.map((y) => h('li', null, h('span', { class: 'yr', text: F.fyShort(y, L) }), ' ', F.num(obj?.[y], L))),
      );
    };
    /** @type {Cell[]} */
    const targets = [];
    const cells = s.whatIfYears.map((y) => {
      const id = `t${k}-${y}`;
      const num = h('input', {
        type: 'number',
        id,
        min: 0,
        step: 'any',
        inputmode: 'decimal',
        'data-target-year': y,
        'data-id': ind.id,
        'aria-describedby': `${id}-e`,
      });
      const range = h('input', {
        type: 'range',
        id: `${id}-r`,
        'data-range-year': y,
        'data-id': ind.id,
        'aria-label': t(L, 'labelSlider', { name, year: F.fy(y, L) }),
        tabindex: '-1', // ---- a11y: the number field beside it is the keyboard's control (one Tab stop per value)
      });
      const err = h('span', { class: 'err', id: `${id}-e`, hidden: true });
      // ---- phone: the slider's ends (cards only; visual, the slider says its value)
      const lo = h('span');
      const hi = h('span');
      const scale = h(
        'span',
        { class: 'scale', 'aria-hidden': 'true' },
        lo,
        ind.direction === 'down' ? h('span', { class: 'better', text: `← ${t(L, 'down')}` }) : null,
        hi,
      );
      const td = h(
        'td',
        { class: 'whatif', 'data-label': t(L, 'cardTarget', { year: F.fy(y, L) }) },
        h('label', { for: id, class: 'sr-only', text: t(L, 'labelTarget', { name, year: F.fy(y, L) }) }),
        num,
        range,
        scale,
        err,
      );
      targets.push({ num, range, err, td, year: y, key: keys.target(ind.id, y), lo, hi });
      return td;
    });
    const vid = `v${k}`;
    const vnum = h('input', {
      type: 'number',
      id: vid,
      min: 0,
      step: 'any',
      inputmode: 'decimal',
      'data-value-year': s.valueYear,
      'data-id': ind.id,
      'aria-describedby': `${vid}-e`,
    });
    const vlabel = h('label', { for: vid, class: 'sr-only' });
    const verr = h('span', { class: 'err', id: `${vid}-e`, hidden: true });
    const vtd = h('td', { class: 'whatif' }, vlabel, vnum, verr);
    const score = h('span', { 'data-role': 'score' });
    const status = stage === 'outcome_long' ? badge() : null;
    const scoreTd = h('td', { class: 'num score' }, stage === 'outcome_long' ? score : h('span', { class: 'muted', text: t(L, 'notInIndex') }));
    const statusTd = h('td', { class: 'pst' }, status);
    const seekTd = withSeek
      ? h('td', { class: 'num seek' }, stage === 'outcome_long' ? seekCells[seekCells.push(seekCell(rowCtx, 'indicator', ind.id)) - 1].el : null)
      : null;
    more.set(ind.id, { unit, unitJa, labelled: [scoreTd, statusTd, seekTd, vtd] });
    const tr = h(
      'tr',
      { 'data-indicator': ind.id, 'data-illustrative': ind.illustrative ? 'true' : null },
      h('td', { class: 'stage', text: t(L, `stage_${stage}`) }),
      h(
        'th',
        { scope: 'row', class: 'name', id: `n${k}` },
        h('span', { class: 'iid', text: ind.id }),
        ' ',
        name,
        ind.illustrative
          ? h(
              'span',
              { class: 'badge ill', title: t(L, 'badgeIllustrativeLabel') },
              h('span', { 'aria-hidden': 'true', text: t(L, 'badgeIllustrative') }),
              h('span', { class: 'sr-only', text: t(L, 'badgeIllustrativeLabel') }),
            )
          : null,
        ind.direction === 'down' ? h('span', { class: 'dir', text: `↓ ${t(L, 'down')}` }) : null,
        h('span', { class: 'stage-m', 'aria-hidden': 'true', text: t(L, `stage_${stage}`) }),
      ),
      h('td', { class: 'unit', text: unit, 'data-label': t(L, 'colUnit') }),
      h('td', { class: 'num', 'data-role': 'baseline', text: F.num(ind.baseline, L) ?? '—', 'data-label': paren(t(L, 'colBaseline'), F.fyShort(base, L)) }),
      h('td', { class: 'num', 'data-role': 'actuals', 'data-label': t(L, 'colActuals') }, list(ind.values)),
      h('td', { class: 'num', 'data-role': 'targets', 'data-label': t(L, 'colTargets') }, list(ind.targets)),
      scoreTd,
      statusTd,
      seekTd,
      cells,
      vtd,
      h(
        'td',
        null,
        h('button', {
          type: 'button',
          class: 'btn small',
          'data-action': 'reset-row',
          'data-id': ind.id,
          'aria-label': t(L, 'resetRowLabel', { name }),
          text: t(L, 'resetRow'),
        }),
      ),
    );
    rows.set(ind.id, {
      ind,
      name,
      row: tr,
      reset: tr.querySelector('button[data-action="reset-row"]'),
      score,
      status,
      targets,
      value: { num: vnum, err: verr, td: vtd, label: vlabel, key: keys.value(ind.id) },
    });
    return tr;
  }

  const put = (num, v, keep) => {
    const focused = /** @type {ShadowRoot} */ (num.getRootNode()).activeElement === num;
    if (keep || (focused && num.value !== '' && Number(num.value) === v)) return;
    const want = v == null ? '' : String(v);
    if (num.value !== want) num.value = want;
  };

  /** ---- phone: a range and a step that fit the unit (modules/slider.js), the value with its unit */
  function slider(r, c, v) {
    const range = /** @type {HTMLInputElement} */ (c.range);
    if (/** @type {ShadowRoot} */ (range.getRootNode()).activeElement === range || range.hasAttribute('data-drag')) return;
    const { unit, unitJa } = /** @type {{unit: string, unitJa: string}} */ (more.get(r.ind.id));
    const f = fit?.(r.ind, unitJa, v);
    if (f && (range.min !== String(f.min) || range.max !== String(f.max))) {
      range.min = String(f.min);
      range.max = String(f.max);
      setText(c.lo, withUnit(f.min, unit));
      setText(c.hi, withUnit(f.max, unit));
    }
    if (f && range.step !== String(f.step)) range.step = String(f.step);
    if (range.value !== String(v ?? 0)) range.value = String(v ?? 0);
    const vt = withUnit(range.value, unit);
    if (range.getAttribute('aria-valuetext') !== vt) range.setAttribute('aria-valuetext', vt);
  }
  /** @param {State} s */
  function refit(s) {
    for (const [id, r] of rows)
      for (const c of r.targets) slider(r, c, s.scen.t.get(keys.cell(id, /** @type {number} */ (c.year))) ?? r.ind.targets?.[/** @type {number} */ (c.year)]);
  }

  /** @param {State} s @param {boolean} [all] every row's figures, also when only the analysis answered (a page just drawn) */
  function update(s, all = false) {
    last = s;
    const res = s.result;
    const yi = res.years.indexOf(s.scoreYear);
    const vy = s.valueYear;
    const pathName = t(L, `path_${s.path}`);
    setText(valueHead, F.fyShort(vy, L));
    const sub = `${pathName}・${F.fyShort(s.scoreYear, L)}`;
    if (scoreHead.querySelector('small')?.textContent !== sub) scoreHead.replaceChildren(t(L, 'colScore'), h('br'), h('small', { text: sub }));
    if (vsel.value !== String(vy)) vsel.value = String(vy);
    const sm = statusMilestone(s);
    const ssub = F.fyShort(sm?.year ?? s.an.milestone, L);
    if (statusHead.querySelector('small')?.textContent !== ssub) statusHead.replaceChildren(t(L, 'colStatus'), h('br'), h('small', { text: ssub }));
    seekTh.update(s);
    for (const c of seekCells) c.update(s);
    ph.update(s);
    // ---- phone: the cards' labels of the columns whose heads change (the heads say them in the table)
    const labels = [
      paren(t(L, 'colScore'), sub),
      paren(t(L, 'colStatus'), ssub),
      paren(t(L, 'seekCol'), F.fyShort(s.an.milestone, L)),
      t(L, 'cardValue', { year: F.fy(vy, L) }),
    ];
    const lkey = labels.join('|');
    if (lkey !== cardLabels) {
      cardLabels = lkey;
      for (const m of more.values()) m.labelled.forEach((td, i) => td?.setAttribute('data-label', labels[i]));
    }
    if (s.answersOnly && !all) {
      // only the analysis answered: the scores and inputs are as they were
      for (const [id, r] of rows) if (r.status) putStatus(r.status, sm?.indicators?.[id]?.status, L, !!s.an.error);
      return;
    }
    // the rows with a refused entry (keys `r|<id>|…`): once per update, not once per row
    const refused = new Set();
    for (const k of s.invalid.keys()) if (k.startsWith('r|')) refused.add(k.slice(2, k.indexOf('|', 2)));
    for (const [id, r] of rows) {
      if (r.status) putStatus(r.status, sm?.indicators?.[id]?.status, L, !!s.an.error);
      F.put(r.score, F.score(F.at(res.indicators[id], yi), L), L);
      for (const c of r.targets) {
        const y = /** @type {number} */ (c.year);
        const sv = s.scen.t.get(keys.cell(id, y));
        const v = sv ?? r.ind.targets?.[y];
        put(c.num, v, s.invalid.has(c.key));
        showInvalid(c, s.invalid.get(c.key));
        flag([c.num, c.td, c.range], sv !== undefined);
        slider(r, c, v);
      }
      const c = r.value;
      const sv = s.scen.v.get(keys.cell(id, vy));
      if (c.num.getAttribute('data-value-year') !== String(vy)) {
        c.num.setAttribute('data-value-year', String(vy));
      }
      setText(c.label, t(L, 'labelValue', { name: r.name, year: F.fy(vy, L) }));
      put(c.num, sv ?? r.ind.values?.[vy], s.invalid.has(c.key));
      showInvalid(c, s.invalid.get(c.key));
      flag([c.num, c.td], sv !== undefined);
      r.row.classList.toggle('changed', s.scen.ids.has(id));
      // ---- a11y: a row with nothing to undo has no reset to Tab to; its focus goes to the row's first field
      const undoable = s.scen.ids.has(id) || refused.has(id);
      if (r.reset && r.reset.disabled === undoable) {
        const had = /** @type {ShadowRoot} */ (r.reset.getRootNode()).activeElement === r.reset;
        r.reset.disabled = !undoable;
        if (had && !undoable) r.targets[0]?.num.focus();
      }
    }
  }
  return { el, update };
}
