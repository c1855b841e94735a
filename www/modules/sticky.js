// The path bar's stickiness (README, "Embedding on a website"). The host page sets
// the offset under its own fixed header with `--vi-sticky-top` (default 0) or turns
// stickiness off with `<vision-index sticky="off">`. The bar is not sticky either when
// it would take more than a quarter of the height left under the host's header
// (a short window, 200 % zoom). A control that gets focus below the bar is scrolled
// clear of the bar and of the host's header (WCAG 2.2, 2.4.11 Focus Not Obscured).

/** @param {HTMLElement} bar the `.toolbar` */
export function fit(bar) {
  const cs = getComputedStyle(bar);
  const top = Number.parseFloat(cs.top) || 0;
  const h = bar.offsetHeight;
  bar.toggleAttribute('data-unstuck', h > (window.innerHeight - top) * 0.25);
  const stuck = getComputedStyle(bar).position === 'sticky';
  // what a focused control below the bar keeps clear of (scroll-margin-top, vision-index.css)
  bar.parentElement?.style.setProperty('--vi-bar-h', `${stuck ? h : 0}px`);
}

/**
 * @param {HTMLElement} bar
 * @param {import('./dom.js').Lifetime} life
 */
export function watch(bar, life) {
  const ro = new ResizeObserver(() => fit(bar));
  ro.observe(bar);
  life.observe(ro);
  life.on(window, 'resize', () => fit(bar));
}

/**
 * After a focus move (the browser's own scrolling done), scrolls the focused control
 * out from under the sticky bar and the host's header.
 * @param {ShadowRoot} root
 * @param {FocusEvent} e
 */
export function clearFocus(root, e) {
  const el = /** @type {Element} */ (e.target);
  const bar = /** @type {HTMLElement | null} */ (root.querySelector('.toolbar'));
  if (!bar || !el?.getBoundingClientRect || bar.contains(el) || !el.matches(':focus-visible')) return;
  requestAnimationFrame(() => {
    if (root.activeElement !== el) return;
    const cs = getComputedStyle(bar);
    let clear = Number.parseFloat(cs.top) || 0;
    if (cs.position === 'sticky' && bar.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) {
      clear = Math.max(clear, bar.getBoundingClientRect().bottom);
    }
    const r = el.getBoundingClientRect();
    if (r.height && r.top < clear + 4) window.scrollBy(0, r.top - clear - 8);
  });
}
