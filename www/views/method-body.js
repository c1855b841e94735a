// The body of the method view (aggregation, route, cap, goal and policy weights), loaded when the box first opens;
// a refused value shows the engine's message inline.
import { flag, h } from '../modules/dom.js';
import { t, text } from '../modules/i18n.js';
import { keys } from '../modules/state.js';
import { showInvalid } from './indicators.js';

/** @typedef {import('../types').State} State */
/** @typedef {import('../types').Cell} Slot */

/**
 * Builds the controls into the open method box.
 * @param {import('../types').Ctx} ctx
 * @returns {{ el: HTMLElement, update: (s: State) => void }}
 */
export function createBody(ctx) {
  const { state: s, commit, life } = ctx;
  const L = s.lang;
  const ds = s.ds;
  const slot = (/** @type {HTMLInputElement} */ num, /** @type {HTMLElement} */ td, key) => {
    const err = h('span', { class: 'err', id: `${num.id}-e`, hidden: true });
    num.setAttribute('aria-describedby', err.id);
    td.append(err);
    return { num, err, td, key };
  };
  const numIn = (id, /** @type {Record<string, string>} */ props) => h('input', { type: 'number', id, min: 0, step: 'any', inputmode: 'decimal', ...props });
  const select = (id, values) =>
    h(
      'select',
      { id: `m-${id}`, 'data-testid': id },
      values.map((v) => h('option', { value: v, text: t(L, `${id}_${v}`) })),
    );
  const agg = select('aggregate', ['arithmetic', 'geometric']);
  const via = select('via', ['goal', 'goal,policy']);
  const capIn = numIn('m-cap', { 'data-testid': 'cap' });
  const capTd = h('div', { class: 'field' }, h('label', { for: 'm-cap', text: t(L, 'cap') }), capIn, h('small', { class: 'muted', text: t(L, 'capHint') }));
  const cap = slot(capIn, capTd, keys.cap);
  /** @type {Slot[]} */
  const weights = [];
  const group = (/** @type {'goal' | 'policy'} */ level, /** @type {any[]} */ items, title) =>
    h(
      'fieldset',
      { class: 'wts' },
      h('legend', { text: t(L, title) }),
      h(
        'ul',
        null,
        items.map((x, i) => {
          const num = numIn(`w${level[0]}-${i}`, { [`data-weight-${level}`]: x.id });
          const li = h(
            'li',
            { class: 'wt' },
            h('label', { for: num.id }, h('span', { class: 'gid', text: x.id }), h('span', { class: 'wn', text: text(x.name, L) })),
            num,
          );
          weights.push({ ...slot(num, li, keys.weight(level, x.id)), level, id: x.id, own: x.weight ?? 1 });
          return li;
        }),
      ),
    );
  const pol = group('policy', ds.policies, 'weightsPolicies');
  const reset = h('button', { type: 'button', class: 'btn', 'data-testid': 'method-reset', text: t(L, 'resetMethod') });
  const el = h(
    'div',
    { class: 'mbody' },
    h('p', { class: 'note', text: t(L, 'methodHelp') }),
    h(
      'div',
      { class: 'mset' },
      h('div', { class: 'field' }, h('label', { for: 'm-aggregate', text: t(L, 'aggregate') }), agg),
      h('div', { class: 'field' }, h('label', { for: 'm-via', text: t(L, 'via') }), via),
      capTd,
    ),
    group('goal', ds.goals, 'weightsGoals'),
    pol,
    reset,
  );
  life.on(agg, 'change', () => commit({ type: 'setAggregate', value: agg.value }));
  life.on(via, 'change', () => commit({ type: 'setVia', value: via.value }));
  life.on(capIn, 'input', () => commit({ type: 'setCap', raw: capIn.value, bad: capIn.validity.badInput }));
  for (const w of weights)
    life.on(w.num, 'input', () => commit({ type: 'setWeight', level: w.level, id: w.id, raw: w.num.value, bad: w.num.validity.badInput }));
  life.on(reset, 'click', () => commit({ type: 'resetMethod' }));

  const put = (e, v, changed, keep) => {
    const focused = e.getRootNode() instanceof ShadowRoot && /** @type {ShadowRoot} */ (e.getRootNode()).activeElement === e;
    const typing = focused && e.type === 'number' && e.value !== '' && Number(e.value) === v;
    const want = v == null ? '' : String(v);
    if (!keep && !typing && e.value !== want) e.value = want;
    flag([e, e.closest('li')], changed);
  };

  function update(s) {
    const sc = s.scen.raw;
    const sm = sc.method || {};
    const m = s.ds.index.method;
    put(agg, sm.aggregate ?? m.aggregate, 'aggregate' in sm, false);
    const route = (sm.via ?? m.via).join();
    put(via, route, 'via' in sm, false);
    put(capIn, 'cap' in sm ? sm.cap : m.cap, 'cap' in sm, s.invalid.has(cap.key));
    showInvalid(cap, s.invalid.get(cap.key));
    for (const w of weights) {
      const o = sc.weights?.[w.level === 'goal' ? 'goals' : 'policies']?.[/** @type {string} */ (w.id)];
      put(w.num, o ?? w.own, o != null, s.invalid.has(w.key));
      showInvalid(w, s.invalid.get(w.key));
    }
    pol.hidden = route !== 'goal,policy';
  }
  return { el, update };
}
