// Phone (issue 14): what the indicator cards need besides their CSS, loaded after
// the first render (views/indicators.js places it; README「スマートフォン」).
// - Below 560 px of the section's width the table's rows are cards (a container
//   query in vision-index.css). Shown as blocks, a table loses its semantics, so
//   in the cards the table is presentational and each card is a group named by
//   its indicator's heading (the goals' rows are headings too); each field
//   says what it is (its data-label, shown by the CSS). Back to a table: as it was.
// - The mini headline: the index at each milestone on the chosen path and its
//   change from the dataset, sticky at the bottom of the section while an input
//   of the cards has focus or the scenario has an edit, so the result of an edit
//   stays in view; not a live region (the status region announces the edit),
//   and never over the focused input (that one is scrolled clear of it).
// - A tap on a slider does not jump (touch and pen): the value moves only once
//   the finger has moved sideways more than 8 px; a tap, or a vertical swipe that
//   scrolls the page, leaves the value as it was.
import { addStrings, t } from '../modules/i18n.js';
import { h, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';

addStrings({ miniHead: '指数（{path}）', miniChange: '変更前から' }, { miniHead: 'Index ({path})', miniChange: 'from before' });

/** The width below which the CSS shows cards (keep equal to the @container rules: width < 560px). */
export const CARDS_BELOW = 560;
const SLOP = 8;

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { life } = ctx;
  const L = ctx.state.lang;
  const { table, body } = /** @type {NonNullable<import('../types').Ctx['ind']>} */ (ctx.ind);
  const root = /** @type {ShadowRoot | Document} */ (table.getRootNode());
  const title = h('span', { class: 'mh-t' });
  /** @type {Map<number, {item: HTMLElement, value: HTMLElement, delta: HTMLElement}>} */
  const items = new Map();
  const list = h('span', { class: 'mh-list' });
  const el = h('div', { class: 'mini-head', 'data-testid': 'mini-headline', hidden: true }, title, list);
  ctx.ind?.refit(); // the sliders' ranges, now that their rule is here
  let cards = false;
  let focused = false;
  /** @type {import('../types').State | null} */
  let last = null;

  // ---- cards: semantics that fit the layout (on the rows there when the layout changes, and
  // on the rows of a page drawn later: views/indicators.js calls `ind.adopt`)
  const sec = table.closest('section');
  /** gives the table's rows the roles of the layout on show (also rows drawn later: `ind.adopt`) */
  const roles = () => {
    const on = cards;
    const role = (e, r, level) => {
      if (on) {
        e.setAttribute('role', r);
        if (level) e.setAttribute('aria-level', level);
      } else {
        e.removeAttribute('role');
        e.removeAttribute('aria-level');
      }
    };
    role(table, 'presentation');
    for (const th of table.querySelectorAll('tr.group > th')) role(th, 'heading', '4');
    for (const tr of table.querySelectorAll('tr[data-indicator]')) {
      role(tr, 'group');
      const name = tr.querySelector('th.name');
      if (name) {
        role(name, 'heading', '5');
        if (on) tr.setAttribute('aria-labelledby', name.id);
        else tr.removeAttribute('aria-labelledby');
      }
    }
  };
  const ind = /** @type {NonNullable<import('../types').Ctx['ind']>} */ (ctx.ind);
  ind.adopt = () => {
    if (cards) roles();
  };
  const setCards = (on) => {
    if (on === cards) return;
    cards = on;
    roles();
    table.toggleAttribute('data-cards', on);
    // the cards do not scroll sideways: their wrapper is no Tab stop then
    const wrap = table.parentElement;
    if (wrap?.classList.contains('table-wrap')) {
      if (on) wrap.removeAttribute('tabindex');
      else wrap.setAttribute('tabindex', '0');
    }
    show();
  };
  if (sec && typeof ResizeObserver === 'function') {
    const ro = new ResizeObserver((es) => setCards(es[es.length - 1].contentRect.width < CARDS_BELOW));
    ro.observe(sec);
    life.observe(ro);
  }

  // ---- the mini headline
  const show = () => {
    const s = last;
    const on = cards && !!s && (focused || s.scen.has);
    if (el.hidden === !on) return;
    el.hidden = !on;
    if (on) requestAnimationFrame(clear);
  };
  const clear = () => {
    // the focused input is never under the mini headline
    const a = /** @type {HTMLElement | null} */ (root.activeElement);
    if (el.hidden || !a || !body.contains(a)) return;
    const r = a.getBoundingClientRect();
    const m = el.getBoundingClientRect();
    if (r.bottom > m.top - 4 && r.top < m.bottom) a.scrollIntoView({ block: 'center' });
  };
  const refocus = () =>
    requestAnimationFrame(() => {
      const a = root.activeElement;
      focused = !!a && body.contains(a) && a.tagName === 'INPUT';
      const y = Number(a?.getAttribute?.('data-target-year') || a?.getAttribute?.('data-range-year') || 0);
      for (const [year, it] of items) it.item.classList.toggle('on', year === y);
      show();
      clear();
    });
  life.on(body, 'focusin', refocus);
  life.on(body, 'focusout', refocus);
  // the on-screen keyboard: with `interactive-widget=resizes-visual` (the default), the
  // layout viewport's bottom is under the keyboard; the bar then sits on the keyboard's top
  const vv = window.visualViewport;
  if (vv) {
    const lift = () => {
      const off = Math.abs(vv.scale - 1) < 0.01 ? Math.max(0, Math.round(window.innerHeight - vv.height - vv.offsetTop)) : 0;
      el.style.bottom = off ? `${off}px` : '';
    };
    life.on(vv, 'resize', () => {
      lift();
      requestAnimationFrame(clear); // the keyboard opened: the browser's scroll to the input may end under the bar
    });
    life.on(vv, 'scroll', lift);
  }

  // ---- a tap does not jump
  /** @type {{ r: HTMLInputElement, v0: string, x0: number, moved: boolean, up: boolean } | null} */
  let g = null;
  /** @type {HTMLInputElement | null} the slider under a pointer */
  let held = null;
  const isRange = (e) => e instanceof HTMLInputElement && e.type === 'range';
  life.on(
    body,
    'pointerdown',
    (e) => {
      if (!isRange(e.target)) return;
      held = e.target;
      held.setAttribute('data-drag', ''); // its range stays as it is while the pointer is down (indicators.js)
      if (e.pointerType === 'mouse') return;
      g = { r: e.target, v0: e.target.value, x0: e.clientX, moved: false, up: false };
    },
    { capture: true },
  );
  life.on(
    body,
    'pointermove',
    (e) => {
      if (g && !g.up && !g.moved && Math.abs(e.clientX - g.x0) > SLOP) g.moved = true;
    },
    { capture: true },
  );
  const end = () => {
    held?.removeAttribute('data-drag');
    held = null;
    if (!g) return;
    if (g.moved) {
      g = null;
      return;
    }
    g.r.value = g.v0;
    g.up = true;
    // the tap's compatibility mouse events come after the pointerup: guarded a little longer
    const was = g;
    setTimeout(() => {
      if (g === was) g = null;
    }, 600);
  };
  // (on the window: a mouse may be released anywhere)
  life.on(window, 'pointerup', end, { capture: true });
  life.on(window, 'pointercancel', end, { capture: true });
  const guard = (e) => {
    if (!g || e.target !== g.r || g.moved) return;
    g.r.value = g.v0; // not moved: the value stays, nothing is committed
    e.stopImmediatePropagation();
  };
  life.on(body, 'input', guard, { capture: true });
  life.on(body, 'change', guard, { capture: true });

  /** @param {import('../types').State} s */
  function update(s) {
    last = s;
    setText(title, t(L, 'miniHead', { path: t(L, `path_${s.path}`) }));
    const base = s.base[s.path];
    for (const m of s.result.milestones) {
      let it = items.get(m.year);
      if (!it) {
        it = { item: h('span', { class: 'mh-i' }), value: h('b', { class: 'mh-v' }), delta: h('span', { class: 'mh-d' }) };
        it.item.append(h('span', { class: 'mh-y', text: F.fyShort(m.year, L) }), ' ', it.value, ' ', it.delta);
        it.item.setAttribute('data-year', String(m.year));
        items.set(m.year, it);
        list.append(it.item);
      }
      const v = F.scoreOf(m.value);
      F.put(it.value, F.score(v, L), L);
      const b = base?.milestones.find((x) => x.year === m.year);
      const d = v !== null && b && F.scoreOf(b.value) !== null ? v - /** @type {number} */ (F.scoreOf(b.value)) : null;
      const dt = s.scen.has && d !== null ? `（${t(L, 'miniChange')} ${F.signed(d, L)}）` : '';
      setText(it.delta, L === 'en' ? dt.replace('（', '(').replace('）', ')') : dt);
    }
    show();
  }
  return { el, update };
}
