// Roving tabindex (WAI-ARIA APG): a group of like controls is one Tab stop and the arrow keys
// (Home, End) move within it. The groups: the indicator table's 必要な値 cells, the goal list's,
// the contributions' goal toggles and the projects' 注記. A group is an element with
// `data-roving`; its items carry `data-rove` (made with tabindex -1; `tidy` gives one 0).

const ITEM = '[data-rove]';

/** @param {Element} el */
const usable = (el) => !(/** @type {HTMLButtonElement} */ (el).disabled) && !(/** @type {HTMLElement} */ (el).hidden);

/**
 * Each group keeps one Tab stop: the item focused last, else its first usable item.
 * @param {ParentNode} root
 */
export function tidy(root) {
  for (const g of root.querySelectorAll('[data-roving]')) {
    // after every render: a group whose Tab stop is still in it and usable is left alone
    // without visiting its items (the indicator table's are one per indicator)
    const stop = STOP.get(g);
    if (stop && stop.tabIndex === 0 && stop.isConnected && g.contains(stop) && usable(stop)) continue;
    const items = /** @type {HTMLElement[]} */ ([...g.querySelectorAll(ITEM)]);
    const cur = items.find((el) => el.tabIndex === 0 && usable(el)) ?? items.find(usable);
    for (const el of items) {
      const want = el === cur ? 0 : -1;
      if (el.tabIndex !== want) el.tabIndex = want;
    }
    if (cur) STOP.set(g, cur);
  }
}

/** @type {WeakMap<Element, HTMLElement>} each group's Tab stop, as `tidy` last left it */
const STOP = new WeakMap();

/** @param {HTMLElement} from @param {HTMLElement} to */
function move(from, to) {
  if (from === to) return;
  from.tabIndex = -1;
  to.tabIndex = 0;
  to.focus();
}

/** The shadow root's keydown: the arrow keys, Home and End within a group. @param {KeyboardEvent} e */
export function onKey(e) {
  const el = /** @type {HTMLElement | null} */ (/** @type {Element} */ (e.target).closest?.(ITEM));
  const g = el?.closest('[data-roving]');
  if (!el || !g || e.altKey || e.ctrlKey || e.metaKey) return;
  const k = e.key;
  const step = k === 'ArrowDown' || k === 'ArrowRight' ? 1 : k === 'ArrowUp' || k === 'ArrowLeft' ? -1 : 0;
  if (!step && k !== 'Home' && k !== 'End') return;
  const items = /** @type {HTMLElement[]} */ ([...g.querySelectorAll(ITEM)]).filter((x) => usable(x) && x.checkVisibility());
  const i = items.indexOf(el);
  const to = k === 'Home' ? items[0] : k === 'End' ? items[items.length - 1] : items[Math.min(items.length - 1, Math.max(0, i + step))];
  e.preventDefault();
  if (to) move(el, to);
}

/** The shadow root's focusin: an item focused by a click (or a script) becomes its group's Tab stop. @param {FocusEvent} e */
export function onFocus(e) {
  const el = /** @type {HTMLElement} */ (e.target);
  if (!el.matches?.(ITEM) || el.tabIndex === 0) return;
  const g = el.closest('[data-roving]');
  for (const x of /** @type {NodeListOf<HTMLElement>} */ (g ? g.querySelectorAll(ITEM) : [])) if (x.tabIndex === 0) x.tabIndex = -1;
  el.tabIndex = 0;
}
