// A long list a page at a time (issue 15; README「大きなデータ」): the indicator table and the
// project list of a dataset with more items than one page show one page, so the DOM stays
// small at 10,000 indicators. The controls: a filter box (id, number or name, either
// language; NFKC, so 「Ｇ１」 finds G1), the count of what is shown (a status region), and
// the previous and next pages. Find-in-page sees only the page on show: the filter box is
// the way to find an item anywhere in the list. Loaded after the first render (later.js);
// until then the list shows its first page.
import { addStrings, t } from '../modules/i18n.js';
import { h, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';

addStrings(
  {
    pgFilter_ind: '指標を絞り込む（番号・名前）',
    pgFilter_pj: '重点事業を絞り込む（番号・名前）',
    pgAll: '全 {total} 件中 {from}–{to} 件目',
    pgSome: '「{q}」に該当 {n} 件中 {from}–{to} 件目（全 {total} 件）',
    pgNone: '「{q}」に該当するものはありません（全 {total} 件）',
    pgPrev: '前の {size} 件',
    pgNext: '次の {size} 件',
    pgWhat_ind: '指標の表',
    pgWhat_pj: '重点事業',
    pgNav: '{what}：{dir}',
  },
  {
    pgFilter_ind: 'Filter the indicators (id or name)',
    pgFilter_pj: 'Filter the key projects (number or name)',
    pgAll: '{from}–{to} of {total}',
    pgSome: '{from}–{to} of {n} matching “{q}” ({total} in all)',
    pgNone: 'Nothing matches “{q}” ({total} in all)',
    pgPrev: 'Previous {size}',
    pgNext: 'Next {size}',
    pgWhat_ind: 'Indicator table',
    pgWhat_pj: 'Key projects',
    pgNav: '{what}: {dir}',
  },
);

/** The pause in typing after which the filter applies (ms). */
export const PAUSE_MS = 250;

/** What to search in: NFKC (full-width letters and digits as ASCII), lower case. @param {string} s */
export const fold = (s) => s.normalize('NFKC').toLowerCase();

/**
 * The controls of one list. `win` is the list's page and filter, kept by its view across
 * rebuilds (`q`: the filter's text, `first`: the first position shown, `idx`: the items
 * matching, in list order, or null for all); `onShow(items)` draws the items of the page.
 * @param {{ life: import('../modules/dom.js').Lifetime, L: 'ja' | 'en', kind: 'ind' | 'pj', size: number, total: number,
 *   hay: (i: number) => string, win: { q: string, first: number, idx: number[] | null }, onShow: (items: number[]) => void }} o
 */
export function create(o) {
  const { L, kind, size, total, win } = o;
  /** @type {string[] | null} each item's folded text, made at the first search */
  let hay = null;
  const id = `pg-${kind}`;
  const q = h('input', { type: 'search', id: `${id}-q`, 'data-testid': `${id}-filter`, autocomplete: 'off', value: win.q });
  const count = h('p', { class: 'pg-count', role: 'status', 'data-testid': `${id}-count` });
  const nav = (dir) =>
    h(
      'button',
      {
        type: 'button',
        class: 'btn small',
        'data-testid': `${id}-${dir}`,
        'aria-label': t(L, 'pgNav', { what: t(L, `pgWhat_${kind}`), dir: t(L, dir === 'prev' ? 'pgPrev' : 'pgNext', { size }) }),
      },
      dir === 'prev' ? h('span', { 'aria-hidden': 'true', text: '← ' }) : null,
      t(L, dir === 'prev' ? 'pgPrev' : 'pgNext', { size }),
      dir === 'next' ? h('span', { 'aria-hidden': 'true', text: ' →' }) : null,
    );
  const prev = /** @type {HTMLButtonElement} */ (nav('prev'));
  const next = /** @type {HTMLButtonElement} */ (nav('next'));
  const el = h(
    'div',
    { class: 'pager', 'data-testid': `${id}-pager` },
    h('div', { class: 'field pg-q' }, h('label', { for: `${id}-q`, text: t(L, `pgFilter_${kind}`) }), q),
    h('div', { class: 'pg-nav' }, prev, next, count),
  );

  const match = () => {
    const f = fold(win.q.trim());
    if (!f) {
      win.idx = null;
      return;
    }
    if (!hay) {
      hay = [];
      for (let i = 0; i < total; i++) hay.push(fold(o.hay(i)));
    }
    const out = [];
    for (let i = 0; i < total; i++) if (hay[i].includes(f)) out.push(i);
    win.idx = out;
  };
  const show = () => {
    const n = win.idx ? win.idx.length : total;
    win.first = Math.max(0, Math.min(win.first, Math.floor(Math.max(0, n - 1) / size) * size));
    const to = Math.min(n, win.first + size);
    const items = [];
    for (let i = win.first; i < to; i++) items.push(win.idx ? win.idx[i] : i);
    const num = (x) => F.num(x, L) ?? String(x);
    const args = { q: win.q.trim(), n: num(n), total: num(total), from: num(win.first + 1), to: num(to) };
    setText(count, !win.idx ? t(L, 'pgAll', args) : n ? t(L, 'pgSome', args) : t(L, 'pgNone', args));
    prev.disabled = win.first === 0;
    next.disabled = to >= n;
    o.onShow(items);
  };
  // filtered at a pause in typing (one count said, not one per key), and not mid-composition (IME)
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const typed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (win.q === q.value) return;
      win.q = q.value;
      win.first = 0;
      match();
      show();
    }, PAUSE_MS);
  };
  o.life.on(q, 'input', (e) => {
    if (!(/** @type {InputEvent} */ (e).isComposing)) typed();
  });
  o.life.on(q, 'compositionend', typed);
  o.life.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  const go = (d) => {
    const btn = d < 0 ? prev : next;
    const had = /** @type {ShadowRoot | Document} */ (btn.getRootNode()).activeElement === btn;
    win.first += d * size;
    show();
    // at an end the button is disabled: its focus moves to the other one
    if (had && btn.disabled) (d < 0 ? next : prev).focus();
  };
  o.life.on(prev, 'click', () => go(-1));
  o.life.on(next, 'click', () => go(1));
  match();
  show();
  return { el };
}
