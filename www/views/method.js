// View: 計算方法と重み; its controls (method-body.js) load when the box first opens.
import { h } from '../modules/dom.js';
import { t } from '../modules/i18n.js';

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s, life } = ctx;
  const mark = h('span', { class: 'mark-ch', hidden: true, text: t(s.lang, 'changedMark') });
  const el = h(
    'details',
    { class: 'sec-method', 'data-testid': 'method', open: s.scen.method || ctx.methodOpen },
    h(
      'summary',
      null,
      h('h3', { text: t(s.lang, 'sectionMethod') }),
      // The dataset's method is its author's assumption, not a published formula.
      s.ds.index.method.assumed ? h('span', { class: 'badge ill', 'data-testid': 'method-assumed', text: t(s.lang, 'methodAssumed') }) : null,
      mark,
    ),
  );
  /** @type {{ el: HTMLElement, update: (s: import('../types').State) => void } | null} */
  let body = null;
  let loading = false;
  const open = () => {
    if (body || loading || !el.open) return;
    loading = true;
    import('./later.js')
      .then((m) => m.methodBody)
      .then(
        (m) => {
          if (life.signal.aborted) return; // rebuilt or removed meanwhile
          body = m.createBody(ctx);
          el.append(body.el);
          body.update(ctx.state);
        },
        (e) => console.error(e),
      );
  };
  life.on(el, 'toggle', open);
  open();

  /** @param {import('../types').State} s */
  function update(s) {
    mark.hidden = !s.scen.method;
    body?.update(s);
  }
  return { el, update };
}
