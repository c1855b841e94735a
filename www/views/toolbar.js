// View: the path bar (path, score year, reset all) and the status region.
import { h, PATHS, swatch } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t } from '../modules/i18n.js';
import { watch } from '../modules/sticky.js';

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s, commit, life } = ctx;
  const L = s.lang;
  const radios = PATHS.map((p) => h('input', { type: 'radio', name: 'path', value: p, checked: p === s.path }));
  const labels = PATHS.map((p, i) =>
    h(
      'label',
      { class: `radio s-${p}` },
      radios[i],
      swatch(p),
      h('span', { class: 'rl' }, h('span', { text: t(L, `path_${p}`) }), h('small', { text: t(L, `pathHint_${p}`) })),
    ),
  );
  const years = [];
  for (let y = s.ds.index.base_year; y <= s.ds.years.last; y++) years.push(y);
  const sel = h(
    'select',
    { id: 'score-year', 'data-testid': 'score-year' },
    years.map((y) => h('option', { value: y, selected: y === s.scoreYear, text: F.fy(y, L) })),
  );
  const reset = h('button', { type: 'button', class: 'btn', 'data-testid': 'reset-all', text: t(L, 'resetAll') });
  const fieldset = h('fieldset', { 'data-testid': 'path-select', class: 'paths' }, h('legend', { text: t(L, 'pathLegend') }), labels);
  const el = h(
    'div',
    { class: 'toolbar' },
    fieldset,
    h('div', { class: 'tools' }, h('div', { class: 'field' }, h('label', { for: 'score-year', text: t(L, 'scoreYear') }), sel), reset),
    ctx.status,
  );
  life.on(fieldset, 'change', (e) => commit({ type: 'setPath', path: /** @type {HTMLInputElement} */ (e.target).value }));
  life.on(sel, 'change', () => commit({ type: 'setScoreYear', year: Number(sel.value) }));
  life.on(reset, 'click', () => commit({ type: 'resetAll' }));
  watch(el, life); // ---- embed: stickiness that fits the window and the host's offset

  function update(s) {
    for (const r of radios) if (r.checked !== (r.value === s.path)) r.checked = r.value === s.path;
    if (sel.value !== String(s.scoreYear)) sel.value = String(s.scoreYear);
  }
  return { el, update };
}
