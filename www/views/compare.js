// View: up to three named scenarios compared with the dataset as given and the
// current scenario, on the shown path (the index in each milestone year, its gap
// to the target, and whether it reaches it). The named scenarios live in memory
// only (s.an.compare); the analysis worker scores them after every change.
import { COMPARE_MAX } from '../modules/analysis-state.js';
import { h, section, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';

/** @typedef {import('../types').State} State */
/** @typedef {{ year: number, target: number, value: number | null, gap: number | null, met: boolean }} Ms */

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s, commit, life } = ctx;
  const L = s.lang;
  const milestones = s.ds.index.milestones || [];
  const open = h('button', { type: 'button', class: 'btn', 'data-testid': 'compare-open', 'aria-expanded': 'false', text: t(L, 'compareOpen') });
  const nameIn = h('input', {
    type: 'text',
    id: 'compare-name',
    'data-testid': 'compare-name',
    maxlength: 40,
    autocomplete: 'off',
    'aria-describedby': 'compare-msg',
  });
  const add = h('button', { type: 'submit', class: 'btn ghost', 'data-testid': 'compare-add', text: t(L, 'compareAdd') });
  const cancel = h('button', { type: 'button', class: 'btn', 'data-testid': 'compare-cancel', text: t(L, 'compareCancel') });
  const form = h(
    'form',
    { class: 'compare-form', 'data-testid': 'compare-form', hidden: true },
    h('div', { class: 'field' }, h('label', { for: 'compare-name', text: t(L, 'compareName') }), nameIn),
    add,
    cancel,
  );
  const fileIn = h('input', { type: 'file', id: 'compare-file', 'data-testid': 'compare-file', accept: '.json,application/json', class: 'file-in' });
  const fileLabel = h('label', { for: 'compare-file', class: 'btn file-label', text: t(L, 'compareFile') });
  const msg = h('p', { class: 'err compare-msg', id: 'compare-msg', 'data-testid': 'compare-msg' });
  const hint = h('p', { class: 'hint', 'data-testid': 'compare-hint' });
  const body = h('tbody');
  const head = h(
    'thead',
    null,
    h(
      'tr',
      null,
      h('th', { scope: 'col', text: t(L, 'compareScenario') }),
      milestones.flatMap((m) => [
        h('th', { scope: 'col', class: 'num', text: t(L, 'compareIndex', { year: F.fy(m.year, L) }) }),
        h('th', { scope: 'col', class: 'num', text: t(L, 'compareGap') }),
        h('th', { scope: 'col', text: t(L, 'compareVerdict') }),
      ]),
      h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t(L, 'compareRemoveShort') })),
    ),
  );
  const table = h('table', { class: 'mini-table compare-table', 'data-testid': 'compare-table' }, head, body);
  const el = section(
    L,
    'compare',
    'compareTitle',
    h('div', { class: 'compare-tools' }, open, fileLabel, fileIn),
    form,
    msg,
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': t(L, 'compareTableLabel') }, table), // ---- a11y: scrolls on a phone: reachable by keyboard
    hint,
  );
  el.setAttribute('data-testid', 'compare');

  const msgs = (/** @type {string} */ name) => ({
    full: t(L, 'compareFull'),
    empty: t(L, 'compareEmpty'),
    taken: t(L, 'compareTaken', { name }),
    notScenario: t(L, 'compareNotScenario', { name }),
    added: t(L, 'compareAdded', { name }),
  });
  const showForm = (/** @type {boolean} */ on) => {
    form.hidden = !on;
    open.setAttribute('aria-expanded', String(on));
    if (on) nameIn.focus();
  };
  life.on(open, 'click', () => showForm(form.hidden));
  life.on(cancel, 'click', () => {
    showForm(false);
    open.focus();
  });
  life.on(form, 'submit', (e) => {
    e.preventDefault();
    const name = nameIn.value.trim();
    const before = ctx.state.an.compare.length;
    commit({ type: 'compareAdd', name, msgs: msgs(name) });
    if (ctx.state.an.compare.length > before) {
      nameIn.value = '';
      showForm(false);
      open.focus();
    } else nameIn.focus();
  });
  life.on(fileIn, 'change', async () => {
    const f = fileIn.files?.[0];
    if (!f) return;
    const content = await f.text();
    fileIn.value = '';
    let name = f.name.replace(/\.json$/i, '') || 'scenario';
    const taken = new Set(ctx.state.an.compare.map((c) => c.name));
    for (let i = 2; taken.has(name); i++) name = `${f.name.replace(/\.json$/i, '')} (${i})`;
    commit({ type: 'compareAdd', name, scenario: content, msgs: msgs(name) });
  });
  life.on(body, 'click', (e) => {
    const b = /** @type {HTMLElement} */ (e.target).closest?.('button[data-remove]');
    if (!b) return;
    const name = /** @type {string} */ (b.getAttribute('data-remove'));
    commit({ type: 'compareRemove', name, msgs: { removed: t(L, 'compareRemoved', { name }) } });
    open.focus();
  });

  /**
   * The cells of one row: the index, gap and verdict in each milestone year.
   * @param {Ms[] | null} ms null: not computed yet; undefined entries: no such milestone
   * @param {string | null} pending the text when there is no answer
   */
  const cells = (ms, pending) =>
    milestones.flatMap((m) => {
      const r = ms?.find((x) => x.year === m.year);
      if (!r) return [h('td', { class: 'num muted', colspan: 3, text: pending ?? t(L, 'compareNoValue') })];
      const v = F.scoreOf(r.value);
      const verdict =
        v === null
          ? h('td', { class: 'verdict-cell', text: t(L, 'compareNoValue') })
          : h(
              'td',
              { class: `verdict-cell ${r.met ? 'is-met' : 'is-not'}`, 'data-met': String(!!r.met) },
              h('span', { class: 'icon', 'aria-hidden': 'true', text: r.met ? '✓' : '✕' }),
              ` ${t(L, r.met ? 'compareMet' : 'compareNotMet')}`,
            );
      return [
        h('td', { class: 'num', 'data-year': m.year, 'data-value': v, text: F.score(v, L) ?? t(L, 'compareNoValue') }),
        h('td', { class: 'num', 'data-gap': m.year, text: F.signed(F.scoreOf(r.gap), L) ?? '—' }),
        verdict,
      ];
    });

  let lastKey = '';
  /** @param {State} s */
  function update(s) {
    const a = s.an;
    const err = s.invalid.get('an|compare');
    setText(msg, err || '');
    msg.hidden = !err;
    open.disabled = false;
    setText(hint, t(L, 'compareHint', { path: t(L, `path_${s.path}`) }));
    const calc = t(L, 'bandCalculating');
    const rows = [
      { name: t(L, 'compareBase'), kind: 'base', ms: s.base[s.path]?.milestones ?? null, pending: calc },
      { name: t(L, 'compareCurrent'), kind: 'current', ms: s.result?.milestones ?? null, pending: calc },
      ...a.compare.map((c) => {
        const r = c.result?.[s.path];
        const why = c.refused ? (c.refused.problems?.[0] ? text(c.refused.problems[0].message, L) : c.refused.message) : '';
        return {
          name: c.name,
          kind: 'named',
          ms: r?.milestones ?? null,
          pending: r ? null : a.stale ? calc : `${t(L, 'compareFailed')}${why ? `：${why}` : ''}`,
        };
      }),
    ];
    const key = JSON.stringify([s.path, a.stale, rows]);
    if (key === lastKey) return;
    lastKey = key;
    body.replaceChildren(
      ...rows.map((r, i) =>
        h(
          'tr',
          { 'data-row': r.kind, 'data-name': r.kind === 'named' ? r.name : null, class: r.kind === 'named' ? `cmp-row cmp-${i - 2}` : null },
          h('th', { scope: 'row', text: r.name }),
          cells(r.ms, r.pending),
          h(
            'td',
            null,
            r.kind === 'named'
              ? h('button', {
                  type: 'button',
                  class: 'btn small',
                  'data-remove': r.name,
                  'data-testid': 'compare-remove',
                  'aria-label': t(L, 'compareRemove', { name: r.name }),
                  text: t(L, 'compareRemoveShort'),
                })
              : null,
          ),
        ),
      ),
    );
    open.setAttribute('aria-describedby', 'compare-msg');
    if (a.compare.length >= COMPARE_MAX) open.setAttribute('data-full', 'true');
    else open.removeAttribute('data-full');
  }
  return { el, update };
}
