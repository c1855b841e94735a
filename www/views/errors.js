// View: the problems of a refused input (path and message in the page language) and its warnings;
// loaded by the data view the first time there is a problem to show.
import { h, setText } from '../modules/dom.js';
import { t, text } from '../modules/i18n.js';

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const L = ctx.state.lang;
  const list = h('ul', { 'data-testid': 'errors', class: 'errors' });
  const title = h('p', { class: 'errors-title' });
  const warn = h('details', { class: 'warn-box', hidden: true });
  const el = h('div', { class: 'errors-box', role: 'alert', hidden: true }, title, list, warn);
  /** @type {any[] | null} */
  let shown = null;

  function update(s) {
    if (s.problems === shown) return;
    shown = s.problems;
    const ps = s.problems;
    list.replaceChildren(
      ...ps.map((p) => h('li', null, h('code', { 'data-role': 'path', text: p.path || '$' }), h('span', { 'data-role': 'message', text: text(p.message, L) }))),
    );
    setText(title, t(L, 'errorsTitle', { n: ps.length }));
    const ws = ps.length ? s.refusedWarnings || [] : [];
    warn.replaceChildren(
      ...(ws.length
        ? [
            h('summary', { text: t(L, 'warningsTitle', { n: ws.length }) }),
            h(
              'ul',
              { class: 'warnings' },
              ws.map((w) => h('li', null, h('code', { text: w.path || '$' }), ' ', text(w.message, L))),
            ),
          ]
        : []),
    );
    warn.hidden = !ws.length;
    el.hidden = !ps.length;
  }
  return { el, update };
}
