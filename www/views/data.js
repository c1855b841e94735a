// View: data in (file, drop, paste) and out (save, share); the warnings; errors.js when needed.
import { dropZone, h, section, setText } from '../modules/dom.js';
import { t, text } from '../modules/i18n.js';
import { lazy } from './lazy.js';

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s, commit, life } = ctx;
  const L = s.lang;
  const file = h('input', { type: 'file', id: 'file-input', 'data-testid': 'file-input', accept: '.json,.csv,.tsv,.txt,application/json,text/csv' });
  const drop = h(
    'div',
    { class: 'drop', 'data-testid': 'drop-zone' },
    h('p', { text: t(L, 'dropZone') }),
    h('label', { for: 'file-input', class: 'btn', text: t(L, 'fileLabel') }),
    file,
  );
  const paste = h('textarea', { id: 'paste-input', 'data-testid': 'paste-input', rows: 4, spellcheck: 'false', autocomplete: 'off' });
  const apply = h('button', { type: 'button', class: 'btn', 'data-testid': 'paste-apply', text: t(L, 'pasteApply') });
  const warnList = h('ul', { class: 'warnings' });
  const warnSummary = h('summary');
  const warn = h('details', { class: 'warn-box', 'data-testid': 'warnings', hidden: true }, warnSummary, warnList);
  const save = h('button', { type: 'button', class: 'btn', 'data-testid': 'save-scenario', text: t(L, 'saveScenario') });
  const share = h('button', { type: 'button', class: 'btn', 'data-testid': 'share-link', text: t(L, 'shareLink') });
  const shareUrl = h('input', { type: 'url', id: 'share-url', 'data-testid': 'share-url', readonly: true });
  // the scenario's name field (views/exports.js), loaded after the first render
  const name = s.ds ? lazy(() => import('./later.js').then((m) => ({ create: m.exportsView.scenarioName }))).create(ctx) : null;
  const scenario = s.ds
    ? h(
        'div',
        { class: 'col' },
        h('h4', { text: t(L, 'scenarioTitle') }),
        h('p', { class: 'hint', text: t(L, 'scenarioHelp') }),
        h('div', { class: 'row' }, name?.el, save, share),
        h('div', { class: 'field' }, h('label', { for: 'share-url', text: t(L, 'shareUrl') }), shareUrl),
      )
    : null;
  const el = section(
    L,
    'data',
    'sectionData',
    h(
      'div',
      { class: 'cols' },
      h(
        'div',
        { class: 'col' },
        h('h4', { text: t(L, 'loadTitle') }),
        h('p', { class: 'hint', text: t(L, 'loadHelp') }),
        drop,
        h('div', { class: 'field' }, h('label', { for: 'paste-input', text: t(L, 'pasteLabel') }), paste),
        apply,
      ),
      scenario,
    ),
    warn,
  );

  // ---- persist: what comes in is read strictly and routed (JSON or a sheet) by modules/intake.js, loaded later
  /** @param {{ file?: File, text?: string }} x */
  const take = (x) => import('./later.js').then((m) => m.intake.take(commit, x));
  life.on(apply, 'click', () => take({ text: paste.value }));
  life.on(file, 'change', () => {
    const f = file.files?.[0];
    if (f) take({ file: f }).then(() => (file.value = ''));
  });
  dropZone(life, drop, (dt) => {
    const f = dt.files?.[0];
    const str = dt.getData('text/plain');
    if (f || str) take(f ? { file: f } : { text: str });
  });
  life.on(save, 'click', () => commit({ type: 'saveScenario' }));
  life.on(share, 'click', () => commit({ type: 'share' }));

  /** @type {string} */
  /** @type {import('../types').View | null} */
  let problems = null;
  let loading = false;
  const showProblems = (s) => {
    if (problems) return problems.update(s);
    if (!s.problems.length || loading) return;
    loading = true;
    import('./later.js')
      .then((m) => m.errors)
      .then(
        (m) => {
          if (life.signal.aborted) return; // rebuilt or removed meanwhile
          problems = m.create(ctx);
          el.querySelector('h3')?.after(problems.el);
          problems.update(ctx.state);
        },
        (e) => console.error(e),
      );
  };
  let warnKey = '';

  function update(s) {
    showProblems(s);
    name?.update(s);
    const all = s.ds ? [...s.loadWarnings, ...s.editWarnings, ...(s.result?.warnings || [])] : [];
    const key = JSON.stringify(all);
    if (key !== warnKey) {
      warnKey = key;
      warnList.replaceChildren(...all.map((w) => h('li', null, h('code', { text: w.path || '$' }), ' ', text(w.message, L))));
      setText(warnSummary, t(L, 'warningsTitle', { n: all.length }));
      warn.hidden = !all.length;
    }
    if (s.shareUrl && shareUrl.value !== s.shareUrl) {
      shareUrl.value = s.shareUrl;
      shareUrl.focus();
      shareUrl.select();
    }
  }
  return { el, update };
}
