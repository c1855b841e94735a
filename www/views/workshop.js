// The presenter view (README, "In the workshop room"): a modal dialog for a 1920×1080
// projector with the index in large type (now, and in each milestone year on the chosen
// path), the chart, big controls for the targets of the indicators the facilitator picks
// (remembered on the device, localStorage), one button (and, while the dialog has the
// focus, the R key: WCAG 2.1.4) back to the dataset's values, the QR code of the current
// share link (qrcode-generator, vendored into www/vendor/ by scripts/vendor.mjs), and the
// pooling of participants' scenarios (workshop-pool.js). Its own chunk in dist/, loaded
// the first time the presenter view opens (views/workshop-entry.js).
import { h, PATHS, setText, svgEl, swatch } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { addStrings, t, text } from '../modules/i18n.js';
import { shareUrl } from '../modules/persist.js';
import { ACTIONS, keys, load, save } from '../modules/state.js';
import qrcode from '../vendor/qrcode-generator.mjs';
import { drawChart } from './chart.js';
// (the headline's wording of the path; importing it also keeps esbuild's chunks of the first load as they were)
import { pathInText } from './headline.js';
import { sliderRange } from '../modules/slider.js';
import * as pool from './workshop-pool.js';
import { CSS } from './workshop-css.js';
import { en, ja } from './workshop-strings.js';

addStrings(ja, en);

/** @typedef {import('../types').State} State */
/** @typedef {import('../types').App} App */

const SHEET = new CSSStyleSheet();
SHEET.replaceSync(CSS);

/** The picked indicators are kept per dataset title on this device. */
const picksKey = (/** @type {State} */ s) => `vision-index:workshop:${text(s.ds?.title, 'ja')}`;

function readPicks(/** @type {State} */ s) {
  try {
    const v = JSON.parse(load(picksKey(s)) || '[]');
    return Array.isArray(v) ? v.filter((id) => s.indicatorById.has(id)) : [];
  } catch {
    return [];
  }
}

/** @param {App} app */
const ws = (app) => {
  const s = app.state;
  s.ws ??= { open: false, tab: 'present', picks: readPicks(s), year: s.whatIfYears[0], pool: null, pooling: false };
  if (!s.whatIfYears.includes(s.ws.year)) s.ws.year = s.whatIfYears[0];
  return s.ws;
};

/** @type {Record<string, (app: App, a: any) => any>} */
export const WS_ACTIONS = {
  wsOpen(app) {
    const w = ws(app);
    w.open = true;
    w.picks = w.picks.filter((/** @type {string} */ id) => app.state.indicatorById.has(id));
    return { rescore: false };
  },
  wsClose(app) {
    ws(app).open = false;
    return { rescore: false };
  },
  wsTab(app, a) {
    ws(app).tab = a.tab === 'pool' ? 'pool' : 'present';
    return { rescore: false };
  },
  wsPick(app, a) {
    const w = ws(app);
    w.picks = w.picks.filter((id) => id !== a.id);
    if (a.on && app.state.indicatorById.has(a.id)) w.picks.push(a.id);
    save(picksKey(app.state), JSON.stringify(w.picks)); // (storage refused: the picks hold for this visit)
    return { rescore: false };
  },
  wsYear(app, a) {
    if (app.state.whatIfYears.includes(a.year)) ws(app).year = a.year;
    return { rescore: false };
  },
  ...pool.POOL_ACTIONS(ws),
};
Object.assign(ACTIONS, WS_ACTIONS);

/** A unit after a number: 「26件」, "26%", "26 cases". */
const unitAfter = (/** @type {string} */ u, /** @type {string} */ L) => (L === 'en' && u && !/^[%‰°]/.test(u) ? ` ${u}` : u);

/**
 * The QR code of `url` as SVG (one path of the dark modules, a 4-module quiet zone);
 * null when it does not fit a QR code.
 * @param {string} url
 * @param {string} label
 */
export function qrSvg(url, label) {
  let qr;
  try {
    qr = qrcode(0, 'M');
    qr.addData(url);
    qr.make();
  } catch {
    return null;
  }
  const n = qr.getModuleCount();
  const q = 4;
  let d = '';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + q} ${r + q}h1v1h-1z`;
  const svg = svgEl('svg', { viewBox: `0 0 ${n + 2 * q} ${n + 2 * q}`, role: 'img', 'aria-label': label, 'shape-rendering': 'crispEdges', class: 'ws-qr-svg' });
  svgEl('rect', { width: n + 2 * q, height: n + 2 * q, fill: '#fff' }, svg);
  svgEl('path', { d, fill: '#000' }, svg);
  return svg;
}

/**
 * @param {import('../types').Ctx} ctx
 * @param {() => void} onClosed gives the focus back (to the button that opened it)
 */
export function create(ctx, onClosed) {
  const { state: s, commit, life } = ctx;
  const L = s.lang;
  const ds = s.ds;
  const milestones = ds.index.milestones || [];
  const unit = text(ds.index.unit, L);

  // header: title, the two panels, the path, close
  const tabPresent = h('button', {
    type: 'button',
    class: 'btn ws-tab',
    'data-testid': 'ws-tab-present',
    'aria-controls': 'ws-present',
    text: t(L, 'wsTabPresent'),
  });
  const tabPool = h('button', { type: 'button', class: 'btn ws-tab', 'data-testid': 'ws-tab-pool', 'aria-controls': 'ws-pool', text: t(L, 'wsTabPool') });
  const pathSel = h(
    'select',
    { id: 'ws-path', 'data-testid': 'ws-path' },
    PATHS.map((p) => h('option', { value: p, text: t(L, `path_${p}`) })),
  );
  const close = h('button', { type: 'button', class: 'btn ws-close', 'data-testid': 'ws-close', text: t(L, 'wsClose') });
  const header = h(
    'header',
    { class: 'ws-head' },
    h('div', { class: 'ws-titles' }, h('p', { class: 'eyebrow', text: t(L, 'wsDialog') }), h('h2', { id: 'ws-title', text: text(ds.index.name, L) })),
    h('div', { class: 'ws-tabs' }, tabPresent, tabPool),
    h('div', { class: 'field inline ws-pathf' }, h('label', { for: 'ws-path', text: t(L, 'wsPath') }), pathSel),
    close,
  );

  // the headline: now, and each milestone on the chosen path
  const nowV = h('span', { class: 'ws-v' });
  const nowY = h('p', { class: 'ws-sub' });
  const nowCard = h(
    'article',
    { class: 'ws-card', 'data-testid': 'ws-now' },
    h('p', { class: 'ws-label', text: t(L, 'wsNow') }),
    h('p', { class: 'ws-big' }, nowV, h('span', { class: 'ws-unit', text: unit })),
    nowY,
  );
  const msCards = milestones.map((m) => {
    const c = {
      year: m.year,
      v: h('span', { class: 'ws-v' }),
      on: h('p', { class: 'ws-sub' }),
      gap: h('p', { class: 'ws-gap' }),
      was: h('p', { class: 'ws-was', hidden: true }),
      el: h('article'),
    };
    c.el = h(
      'article',
      { class: 'ws-card ms', 'data-testid': `ws-ms-${m.year}` },
      h('p', { class: 'ws-label', text: F.fy(m.year, L) }),
      h('p', { class: 'ws-big' }, c.v, h('span', { class: 'ws-unit', text: unit })),
      c.on,
      h('p', { class: 'ws-target', text: t(L, 'wsTarget', { v: F.score(m.value, L) ?? '—' }) }),
      c.gap,
      c.was,
    );
    return c;
  });
  const headline = h(
    'div',
    { class: 'ws-cards', 'data-testid': 'ws-headline' },
    nowCard,
    msCards.map((c) => c.el),
  );

  // the chart, drawn narrower than shown so that its type is large
  const chartSvg = /** @type {SVGSVGElement} */ (svgEl('svg', { 'data-testid': 'ws-chart', role: 'img', 'aria-labelledby': 'ws-chart-title' }));
  svgEl('title', { id: 'ws-chart-title' }, chartSvg).textContent = t(L, 'sectionChart');
  const scenNote = h('li', { class: 'ws-scennote', hidden: true, text: t(L, 'legendScenario') });
  const legend = h(
    'ul',
    { class: 'legend ws-legend-chart' },
    PATHS.map((p) => h('li', { class: `s-${p}` }, swatch(p), t(L, `path_${p}`))),
    h('li', { class: 'lg-ms' }, h('span', { class: 'diamond', 'aria-hidden': 'true' }), t(L, 'legendMilestone')),
    scenNote,
  );
  const chart = h('div', { class: 'chart ws-chart' }, chartSvg, legend);

  // the QR code of the share link
  const qrBox = h('div', { class: 'ws-qr', 'data-testid': 'ws-qr' });
  const qrUrl = h('p', { class: 'ws-url', 'data-testid': 'ws-qr-url' });
  const qr = h(
    'section',
    { class: 'ws-qrsec', 'aria-labelledby': 'ws-qr-h' },
    qrBox,
    h('div', { class: 'ws-qrtext' }, h('h3', { id: 'ws-qr-h', text: t(L, 'wsQrTitle') }), h('p', { text: t(L, 'wsQrHint') }), qrUrl),
  );

  // the controls: the picker, a card per picked indicator, the reset
  const pickCount = h('span');
  const picker = h(
    'details',
    { class: 'ws-picker', 'data-testid': 'ws-picker' },
    h('summary', null, pickCount),
    h(
      'div',
      { class: 'ws-pickpop' },
      h('p', { class: 'hint', text: t(L, 'wsPickHint') }),
      h(
        'ul',
        { class: 'ws-picklist' },
        ds.indicators.map((/** @type {any} */ ind) =>
          h(
            'li',
            null,
            h('label', null, h('input', { type: 'checkbox', value: ind.id, 'data-testid': 'ws-pick', 'data-id': ind.id }), ` ${ind.id}　${text(ind.name, L)}`),
          ),
        ),
      ),
    ),
  );
  const yearSel = h(
    'select',
    { id: 'ws-year', 'data-testid': 'ws-year' },
    s.whatIfYears.map((y) => h('option', { value: y, text: F.fy(y, L) })),
  );
  const cardsBox = h('div', { class: 'ws-controls', 'data-testid': 'ws-controls' });
  // the picked controls that do not fit scroll inside their box: say how many are below
  const more = h('p', { class: 'hint ws-more', 'data-testid': 'ws-more', hidden: true });
  const sayMore = () => {
    const edge = cardsBox.scrollTop + cardsBox.clientHeight + 2;
    // a card counts as below when its middle is out of view
    const mid = (/** @type {HTMLElement} */ c) => c.offsetTop - cardsBox.offsetTop + c.offsetHeight / 2;
    const below = [...cardsBox.children].filter((c) => mid(/** @type {HTMLElement} */ (c)) > edge).length;
    more.hidden = below === 0;
    if (below) more.textContent = t(L, 'wsMore', { n: below });
  };
  const noPick = h('p', { class: 'hint ws-nopick', text: t(L, 'wsNoPick') });
  const reset = h(
    'button',
    { type: 'button', class: 'btn ws-reset', 'data-testid': 'ws-reset', 'aria-keyshortcuts': 'R', 'aria-describedby': 'ws-reset-hint' },
    h('span', { text: t(L, 'wsReset') }),
    h('kbd', { 'aria-hidden': 'true', text: t(L, 'wsResetKey') }),
  );
  const side = h(
    'div',
    { class: 'ws-side' },
    qr,
    h(
      'section',
      { class: 'ws-edit', 'aria-label': t(L, 'wsYear') },
      h('div', { class: 'ws-editbar' }, picker, h('div', { class: 'field inline' }, h('label', { for: 'ws-year', text: t(L, 'wsYear') }), yearSel)),
      noPick,
      cardsBox,
      more,
      reset,
      h('p', { class: 'hint', id: 'ws-reset-hint', text: t(L, 'wsResetHint') }),
    ),
  );
  const present = h('div', { class: 'ws-present', id: 'ws-present', 'data-testid': 'ws-present' }, h('div', { class: 'ws-main' }, headline, chart), side);
  const poolView = pool.create(ctx);
  const poolPanel = h('div', { class: 'ws-poolp', id: 'ws-pool', 'data-testid': 'ws-pool' }, poolView.el);
  const dialog = h('dialog', { class: 'ws', 'aria-labelledby': 'ws-title', 'data-testid': 'ws-dialog', lang: L }, header, present, poolPanel);

  life.on(close, 'click', () => commit({ type: 'wsClose' }));
  life.on(dialog, 'cancel', (e) => {
    e.preventDefault(); // Escape: closed through the state, like the button
    commit({ type: 'wsClose' });
  });
  life.on(tabPresent, 'click', () => commit({ type: 'wsTab', tab: 'present' }));
  life.on(tabPool, 'click', () => commit({ type: 'wsTab', tab: 'pool' }));
  life.on(pathSel, 'change', () => commit({ type: 'setPath', path: pathSel.value }));
  life.on(yearSel, 'change', () => commit({ type: 'wsYear', year: Number(yearSel.value) }));
  life.on(picker, 'change', (e) => {
    const box = /** @type {HTMLInputElement} */ (e.target);
    if (box.type === 'checkbox') commit({ type: 'wsPick', id: box.value, on: box.checked });
  });
  life.on(reset, 'click', () => commit({ type: 'resetAll' }));
  life.on(cardsBox, 'scroll', sayMore, { passive: true });
  const sized = new ResizeObserver(sayMore);
  sized.observe(cardsBox);
  life.observe(sized);
  // R goes back to the data's values while the presenter view has the focus, except where R is typed
  life.on(dialog, 'keydown', (e) => {
    const k = /** @type {KeyboardEvent} */ (e);
    if (k.key !== 'r' && k.key !== 'R') return;
    if (k.ctrlKey || k.metaKey || k.altKey || k.isComposing) return;
    const el = /** @type {HTMLElement} */ (k.target);
    const typing =
      el.tagName === 'TEXTAREA' ||
      el.tagName === 'SELECT' ||
      (el.tagName === 'INPUT' && !/^(range|checkbox|radio|button|submit)$/.test(/** @type {HTMLInputElement} */ (el).type));
    if (typing || el.isContentEditable) return;
    k.preventDefault();
    commit({ type: 'resetAll' });
  });
  life.on(cardsBox, 'input', (e) => {
    const inp = /** @type {HTMLInputElement} */ (e.target);
    const id = inp.getAttribute('data-id');
    if (!id) return;
    const year = Number(inp.getAttribute('data-year'));
    const card = cards.get(id);
    if (inp.type === 'range' && card) card.num.value = inp.value; // the slider drives its number field
    commit({ type: 'setTarget', id, year, raw: inp.value, bad: inp.validity.badInput });
  });

  /** @type {Map<string, { el: HTMLElement, num: HTMLInputElement, range: HTMLInputElement, err: HTMLElement, given: HTMLElement, year: number }>} */
  const cards = new Map();
  let cardsKey = '';
  /** @param {State} s */
  function buildCards(s) {
    const y = s.ws.year;
    // (picks of another dataset's indicators are left out, should the data change under the view)
    const picks = s.ws.picks.filter((/** @type {string} */ id) => s.indicatorById.has(id));
    const key = `${y}|${picks.join()}`;
    if (key === cardsKey) return;
    cardsKey = key;
    cards.clear();
    requestAnimationFrame(sayMore);
    cardsBox.replaceChildren(
      ...picks.map((/** @type {string} */ id) => {
        const ind = s.indicatorById.get(id);
        const u = text(ind.unit, L);
        const nid = `ws-t-${id}`;
        const num = h('input', {
          type: 'number',
          id: nid,
          step: 'any',
          inputmode: 'decimal',
          'data-id': id,
          'data-year': y,
          'data-testid': 'ws-target',
          'aria-describedby': `${nid}-e`,
        });
        const range = h('input', {
          type: 'range',
          'data-id': id,
          'data-year': y,
          'data-testid': 'ws-range',
          'aria-label': t(L, 'wsSliderOf', { name: text(ind.name, L), year: F.fyShort(y, L) }),
        });
        const err = h('p', { class: 'err', id: `${nid}-e`, hidden: true });
        const given = h('span');
        const el = h(
          'div',
          { class: 'ws-ind', 'data-id': id },
          h(
            'label',
            { for: nid, class: 'ws-indname' },
            h('span', { text: text(ind.name, L) }),
            h('small', { text: ` ${t(L, 'wsTargetOf', { year: F.fyShort(y, L) })}` }),
          ),
          h('div', { class: 'ws-inrow' }, num, h('span', { class: 'ws-indunit', text: u }), range),
          h('p', { class: 'ws-given' }, given, ind.direction === 'down' ? h('span', { class: 'ws-down', text: t(L, 'wsLower') }) : null),
          err,
        );
        cards.set(id, { el, num, range, err, given, year: y });
        return el;
      }),
    );
  }

  const focused = (/** @type {Element} */ e) => /** @type {ShadowRoot} */ (e.getRootNode()).activeElement === e;
  let qrFor = '';

  /** @param {State} s */
  function update(s) {
    const root = /** @type {ShadowRoot} */ (dialog.getRootNode());
    if (root.adoptedStyleSheets && !root.adoptedStyleSheets.includes(SHEET)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, SHEET];
    if (dialog.isConnected && !dialog.open && s.ws?.open) {
      dialog.showModal();
      (s.ws.tab === 'pool' ? tabPool : close).focus();
    }
    const w = s.ws;
    const onPool = w.tab === 'pool';
    present.hidden = onPool;
    poolPanel.hidden = !onPool;
    tabPresent.setAttribute('aria-pressed', String(!onPool));
    tabPool.setAttribute('aria-pressed', String(onPool));
    if (pathSel.value !== s.path) pathSel.value = s.path;
    if (yearSel.value !== String(w.year)) yearSel.value = String(w.year);
    poolView.update(s);
    if (onPool) return;

    // headline
    const a = s.base.actual;
    let i = a.index.length - 1;
    while (i >= 0 && F.at(a.index, i) === null) i--;
    F.put(nowV, i >= 0 ? F.score(F.at(a.index, i), L) : null, L);
    setText(nowY, i >= 0 ? t(L, 'wsNowYear', { year: F.fyShort(a.years[i], L) }) : '—');
    for (const c of msCards) {
      const m = s.result.milestones.find((/** @type {any} */ x) => x.year === c.year);
      const v = F.scoreOf(m?.value);
      F.put(c.v, F.score(v, L), L);
      c.el.setAttribute('data-value', v === null ? '' : String(v));
      setText(c.on, t(L, 'wsOnPath', { path: pathInText(s) }));
      const g = F.signed(F.scoreOf(m?.gap), L);
      setText(c.gap, g ? t(L, 'wsGap', { gap: g }) : '');
      const bm = s.base[s.path].milestones.find((/** @type {any} */ x) => x.year === c.year);
      const differs = s.scen.has && bm && !F.sameSeries([bm.value], [m?.value]);
      c.was.hidden = !differs;
      if (differs) setText(c.was, t(L, 'wsBaseWas', { v: F.score(F.scoreOf(bm.value), L) ?? '—' }));
    }
    scenNote.hidden = !s.chartScen;
    drawChart(chartSvg, {
      width: 700,
      years: s.result.years,
      base: Object.fromEntries(PATHS.map((p) => [p, s.base[p].index])),
      scen: s.chartScen,
      chosen: s.path,
      milestones,
      lang: L,
      msLabel: t(L, 'legendMilestone'),
      unit,
      band: null,
      compare: [],
    });

    // the QR code, when the link changes
    const url = shareUrl(location.href, JSON.stringify(s.scen.raw), s.fp);
    if (url !== qrFor) {
      qrFor = url;
      const svg = qrSvg(url, t(L, 'wsQrAlt'));
      qrBox.replaceChildren(svg ?? h('p', { class: 'err', text: t(L, 'wsQrTooLong') }));
      qrBox.setAttribute('data-url', url);
      setText(qrUrl, url);
    }

    // the controls
    setText(pickCount, t(L, 'wsPick', { n: w.picks.length }));
    for (const box of /** @type {NodeListOf<HTMLInputElement>} */ (picker.querySelectorAll('input[type="checkbox"]'))) {
      const on = w.picks.includes(box.value);
      if (box.checked !== on) box.checked = on;
    }
    buildCards(s);
    noPick.hidden = cards.size > 0;
    for (const [id, c] of cards) {
      const ind = s.indicatorById.get(id);
      const k = keys.cell(id, c.year);
      const sv = s.scen.t.get(k);
      const given = ind.targets?.[c.year];
      const v = sv ?? given;
      const bad = s.invalid.get(keys.target(id, c.year));
      if (!focused(c.num) && !bad) c.num.value = v == null ? '' : String(v);
      setText(c.err, bad || '');
      c.err.hidden = !bad;
      c.num.setAttribute('aria-invalid', String(!!bad));
      c.el.toggleAttribute('data-changed', sv !== undefined);
      setText(
        c.given,
        t(L, 'wsDataValue', { v: F.num(given, L) ?? '—', unit: unitAfter(text(ind.unit, L), L) }) +
          (sv !== undefined ? (L === 'en' ? ` (${t(L, 'wsChanged')})` : `（${t(L, 'wsChanged')}）`) : ''),
      );
      if (!focused(c.range)) {
        // the table's rule for a slider (modules/slider.js): a span around the data, steps that fit the unit
        const f = sliderRange(ind, text(ind.unit, 'ja'), v);
        for (const [k, x] of /** @type {const} */ ([
          ['min', f.min],
          ['max', f.max],
          ['step', f.step],
        ]))
          if (c.range[k] !== String(x)) c.range[k] = String(x);
        if (c.range.value !== String(v ?? 0)) c.range.value = String(v ?? 0);
      }
    }
  }

  return {
    el: dialog,
    update,
    close() {
      if (dialog.open) dialog.close();
      onClosed();
    },
  };
}
