// View: what moves the index (SPEC §8.3, contributions). The answer comes from the
// analysis workers after the first render, so the view's code (contrib-body.js) is
// loaded then too: until it is there, the section says 「計算中…」.
import { h, section } from '../modules/dom.js';
import { t } from '../modules/i18n.js';

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const L = ctx.state.lang;
  const wait = h('p', { class: 'hint', 'data-testid': 'contrib-state', text: t(L, 'contribCalc') });
  const el = section(L, 'contrib', 'sectionContrib', wait);
  el.setAttribute('aria-busy', 'true');
  /** @type {((s: import('../types').State) => void) | null} */
  let body = null;
  let asked = false;

  /** @param {import('../types').State} s */
  function update(s) {
    if (body) return body(s);
    if (asked) return;
    asked = true;
    import('./contrib-body.js').then(
      (m) => {
        if (ctx.life.signal.aborted) return;
        wait.remove();
        body = m.create(ctx, el);
        body(ctx.state);
      },
      (e) => console.error(e),
    );
  }
  return { el, update };
}
