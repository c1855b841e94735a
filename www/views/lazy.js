// A view whose code loads after the first render: the analysis views (SPEC §8)
// are not needed to draw the page, so their code is a separate chunk in dist/
// that the page fetches once its first render is on screen (`afterFirstRender`),
// keeping the first load small. Until then the view is an empty placeholder.

import { h } from '../modules/dom.js';
import { tidy } from '../modules/roving.js';

/** @type {(v?: any) => void} */
let opened = () => {};
const firstRender = new Promise((r) => (opened = r));

/** Called by the element once its first render is on screen. */
export function afterFirstRender() {
  opened();
}

/**
 * What loads after the first render, not as a view (the pager of a long list).
 * @template T @param {() => Promise<T>} load @returns {Promise<T>}
 */
export const afterFirst = (load) => firstRender.then(load);

/**
 * @param {() => Promise<{ create(ctx: import('../types').Ctx): import('../types').View }>} load
 * @returns {{ create(ctx: import('../types').Ctx): import('../types').View }}
 */
export function lazy(load) {
  return {
    create(ctx) {
      const holder = h('div', { class: 'lazy-view' });
      /** @type {import('../types').View | null} */
      let view = null;
      /** @type {import('../types').State | null} */
      let last = null;
      firstRender
        .then(load)
        .then((m) => {
          if (ctx.life.signal.aborted) return; // rebuilt or removed meanwhile
          view = m.create(ctx);
          holder.replaceWith(view.el);
          if (last) view.update(last);
          const root = view.el.getRootNode();
          if (root instanceof ShadowRoot) tidy(root); // its roving groups get their one Tab stop
        })
        .catch((e) => console.error(e));
      return {
        get el() {
          return view ? view.el : holder;
        },
        update(s) {
          last = s;
          view?.update(s);
        },
      };
    },
  };
}
