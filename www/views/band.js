// View: the controls of the uncertainty band drawn on the chart (SPEC §8.4): the
// weight range R and the target spread E, what the band means, and how long the
// last Monte Carlo took in its worker.
import { MC_LIMITS, mcKey } from '../modules/analysis-state.js';
import { h, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t } from '../modules/i18n.js';

/** @typedef {import('../types').State} State */

/** A drag asks for a Monte Carlo at most this often (ms). */
const THROTTLE_MS = 150;

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s, commit, life } = ctx;
  const L = s.lang;
  const nf = new Intl.NumberFormat(L === 'en' ? 'en' : 'ja-JP', { maximumFractionDigits: 2 });
  const pct = (/** @type {number} */ v) => nf.format(Math.round(v * 1000) / 10);

  /** @param {'weights' | 'spread'} field */
  const control = (field) => {
    const id = `mc-${field}`;
    const attrs = { min: MC_LIMITS.min, max: MC_LIMITS.max, step: 0.05 };
    const label = t(L, field === 'weights' ? 'bandWeights' : 'bandSpread');
    const range = h('input', {
      type: 'range',
      id: `${id}-range`,
      'data-testid': `${id}-range`,
      ...attrs,
      value: s.an.mc[field],
      'aria-label': label + t(L, 'bandSlider'),
      tabindex: '-1', // ---- a11y: the number field beside it is the keyboard's control
    });
    const num = h('input', {
      type: 'number',
      id,
      'data-testid': id,
      ...attrs,
      inputmode: 'decimal',
      value: s.an.mc[field],
      'aria-describedby': `${id}-err`,
    });
    const err = h('span', { class: 'err', id: `${id}-err`, 'data-testid': `${id}-error`, hidden: true });
    const box = h(
      'div',
      { class: 'field mc-field' },
      h('label', { for: id, id: `${id}-label`, text: label }),
      h('div', { class: 'mc-inputs' }, range, num),
      err,
    );
    return { field, key: mcKey(field), range, num, err, box };
  };
  const ctls = [control('spread'), control('weights')];
  const explain = h('p', { class: 'hint', 'data-testid': 'band-explain' });
  const ms = h('p', { class: 'hint mc-ms', 'data-testid': 'band-ms' });
  const el = h(
    'div',
    { class: 'band-ctl', role: 'group', 'aria-labelledby': 'band-title', 'data-testid': 'band-controls' },
    h('h4', { id: 'band-title', text: t(L, 'bandTitle') }),
    h(
      'div',
      { class: 'mc-row' },
      ctls.map((c) => c.box),
    ),
    explain,
    ms,
  );

  const root = () => /** @type {Document | ShadowRoot} */ (el.getRootNode());
  const msgs = { number: t(L, 'errNumber'), range: t(L, 'errMcRange') };
  const send = (/** @type {'weights' | 'spread'} */ field, /** @type {string} */ raw, bad = false) => commit({ type: 'setMcField', field, raw, bad, msgs });

  for (const c of ctls) {
    // A drag: the last position, at most every THROTTLE_MS.
    /** @type {ReturnType<typeof setTimeout> | null} */
    let timer = null;
    let last = 0;
    const flush = () => {
      timer = null;
      last = performance.now();
      send(c.field, c.range.value);
    };
    life.on(c.range, 'input', () => {
      c.num.value = c.range.value;
      if (timer) return;
      const wait = Math.max(0, THROTTLE_MS - (performance.now() - last));
      timer = setTimeout(flush, wait);
    });
    life.on(c.range, 'change', () => {
      if (timer) clearTimeout(timer);
      flush();
    });
    life.signal.addEventListener('abort', () => timer && clearTimeout(timer), { once: true });
    life.on(c.num, 'change', () => send(c.field, c.num.value, c.num.validity.badInput));
  }

  /** @param {State} s */
  function update(s) {
    const a = s.an;
    for (const c of ctls) {
      const bad = s.invalid.get(c.key);
      const v = a.mc[c.field];
      c.err.hidden = !bad;
      setText(c.err, bad || '');
      c.box.classList.toggle('invalid', !!bad);
      if (bad) c.num.setAttribute('aria-invalid', 'true');
      else {
        c.num.removeAttribute('aria-invalid');
        if (root().activeElement !== c.num && Number(c.num.value) !== v) c.num.value = String(v);
      }
      if (root().activeElement !== c.range && Number(c.range.value) !== v) c.range.value = String(v);
    }
    const w = a.mc.weights ? t(L, 'bandWeightsVary', { r: pct(a.mc.weights) }) : t(L, 'bandWeightsFixed');
    setText(explain, t(L, 'bandExplain', { e: pct(a.mc.spread), w, draws: F.num(a.mc.draws, L) ?? String(a.mc.draws), seed: String(a.mc.seed) }));
    let msText;
    if (a.bandError && !a.band) msText = t(L, 'bandFailed', { msg: a.bandError });
    else if (a.bandStale || !a.band) msText = t(L, 'bandCalculating');
    else msText = t(L, 'bandMs', { ms: nf.format(Math.round(a.ms.mc)) });
    setText(ms, msText);
  }
  return { el, update };
}
