// View: what the page writes out (issue 13): the indicator sheet to edit in Excel
// (SPEC §9), the result table of the shown path as CSV (as `vision-index score
// --format csv` writes it), the chart as SVG and PNG, and the print handout: the
// lines only a printout shows (the date, the dataset and scenario, what the
// scenario changes), hidden on screen (analysis-views.css, @media print).
// Also the scenario's name field (`scenarioName`), placed by data.js.
import { h, section, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';

/** @typedef {import('../types').State} State */
/** @typedef {import('../types').Ctx} Ctx */

/** The width of A4 less 10 mm margins (`@page` in PAGE_PRINT below), in CSS px. */
export const PRINT_WIDTH = 718;

/**
 * The date a handout is printed, in the Japanese era and the Gregorian calendar:
 * 「令和8年12月2日（2026年12月2日）」 / "2 December 2026 (Reiwa 8)".
 * @param {Date} d @param {string} lang
 */
export function printedDate(d, lang) {
  const jp = (/** @type {string} */ loc, /** @type {Intl.DateTimeFormatOptions} */ o) => new Intl.DateTimeFormat(`${loc}-u-ca-japanese`, o);
  if (lang === 'en') {
    const parts = jp('en-US', { era: 'long', year: 'numeric' }).formatToParts(d);
    const part = (/** @type {string} */ k) => parts.find((p) => p.type === k)?.value;
    const greg = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', day: 'numeric' }).format(d);
    return `${greg} (${part('era')} ${part('year')})`;
  }
  const era = jp('ja-JP', { era: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(d);
  return `${era}（${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日）`;
}

// The host page's part of the handout (the page around the element): A4 with
// 10 mm margins, the page's own margins off. Adopted into the document with the
// code that prints (not in page.css: the first load has no room for it). Only on a
// page that asks for it (`<html data-vi-print>`, as www/index.html does): a host
// site's own print layout is its own.
const PAGE_PRINT = `@page { size: A4; margin: 10mm; }
@media print {
  html { font-size: 12px; }
  body { max-width: none; margin: 0; padding: 0; }
  .page-head { margin-bottom: 8px; padding-bottom: 4px; }
  vision-index:not([data-ready]) { min-height: 0; }
}`;
let pageSheet = /** @type {CSSStyleSheet | null} */ (null);
function adoptPagePrint() {
  if (pageSheet || !document.documentElement.hasAttribute('data-vi-print')) return;
  pageSheet = new CSSStyleSheet();
  pageSheet.replaceSync(PAGE_PRINT);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageSheet];
}

/** Saves `blob` as `name` through a link in the view (the shadow root). */
export function download(/** @type {Element} */ host, /** @type {Blob} */ blob, /** @type {string} */ name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  host.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** The element's analysis (its workers run the sheet and result-table ops). */
const analysisOf = (/** @type {Element} */ el) => /** @type {any} */ (el.getRootNode()).host.loadAnalysis();

/** @param {Ctx} ctx */
export function create(ctx) {
  const { state: s, life } = ctx;
  const L = s.lang;
  const btn = (/** @type {string} */ id, /** @type {string} */ key) => h('button', { type: 'button', class: 'btn', 'data-testid': id, text: t(L, key) });
  const sheet = btn('export-sheet', 'exportSheet');
  const result = btn('export-result', 'exportResult');
  const svgBtn = btn('export-svg', 'exportSvg');
  const pngBtn = btn('export-png', 'exportPng');
  const print = btn('print', 'printBtn');
  const msg = h('p', { class: 'err', 'data-testid': 'export-msg', role: 'alert', hidden: true });
  const sec = section(
    L,
    'exports',
    'exportsTitle',
    h('div', { class: 'row' }, sheet),
    h('p', { class: 'hint', text: t(L, 'exportSheetHint') }),
    h('div', { class: 'row' }, result, svgBtn, pngBtn, print),
    msg,
  );
  sec.setAttribute('data-testid', 'exports');
  // The handout's own lines (shown in print only).
  const date = h('p', { 'data-testid': 'print-date' });
  const dsLine = h('p', { 'data-testid': 'print-dataset' });
  const scLine = h('p', { 'data-testid': 'print-scenario' });
  const pathLine = h('p', { 'data-testid': 'print-path' });
  const head = h('div', { class: 'print-only print-head', 'data-testid': 'print-head' }, date, dsLine, scLine, pathLine);
  const list = h('ul', { class: 'changes' });
  const changes = h(
    'section',
    { class: 'sec print-only print-changes', 'data-testid': 'print-changes', 'aria-labelledby': 'h-print-changes' },
    h('h3', { id: 'h-print-changes', text: t(L, 'changesTitle') }),
    list,
  );
  const el = h('div', { class: 'exports-view' }, head, sec, changes);
  adoptPagePrint();

  const say = (/** @type {string} */ m) => ctx.commit({ type: 'announce', msg: m });
  const fail = (/** @type {any} */ e) => {
    const m = t(L, 'exportFailed', { msg: e?.problems?.[0] ? text(e.problems[0].message, L) : (e?.message ?? String(e)) });
    msg.hidden = false;
    setText(msg, m);
  };
  const run = (/** @type {() => Promise<[Blob, string]>} */ make) => async () => {
    msg.hidden = true;
    try {
      const [blob, name] = await make();
      if (life.signal.aborted) return;
      download(el, blob, name);
      say(t(L, 'stExported', { file: name }));
    } catch (e) {
      if (!life.signal.aborted) fail(e);
    }
  };
  const dsName = () => F.safeName(text(ctx.state.ds.title, L));
  const chartSvg = () =>
    exportSvg(/** @type {SVGSVGElement} */ (/** @type {ShadowRoot} */ (el.getRootNode()).querySelector('[data-testid="chart"]')), ctx.state);
  life.on(
    sheet,
    'click',
    run(async () => {
      const csv = await (await analysisOf(el)).run('quick', 'exportCsv', [], true);
      return [new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${t(L, 'fileSheet')}-${dsName()}.csv`];
    }),
  );
  life.on(
    result,
    'click',
    run(async () => {
      const p = ctx.state.path;
      const csv = await (await analysisOf(el)).run('quick', 'resultCsv', [p, L], true); // the names in the page's language (`--lang`)
      return [new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${t(L, 'fileResult')}-${dsName()}-${p}.csv`];
    }),
  );
  life.on(
    svgBtn,
    'click',
    run(async () => [new Blob([chartSvg().text], { type: 'image/svg+xml' }), `${t(L, 'fileChart')}-${dsName()}-${ctx.state.path}.svg`]),
  );
  life.on(
    pngBtn,
    'click',
    run(async () => [await toPng(chartSvg()), `${t(L, 'fileChart')}-${dsName()}-${ctx.state.path}.png`]),
  );
  life.on(print, 'click', () => window.print());
  // In print the chart is drawn for the A4 content width (its text stays readable), then again for the screen.
  const chart = () => /** @type {any} */ (/** @type {ShadowRoot} */ (el.getRootNode()).querySelector('[data-testid="chart"]'));
  life.on(window, 'beforeprint', () => chart()?.__redraw?.(PRINT_WIDTH));
  life.on(window, 'afterprint', () => {
    const c = chart();
    c?.__redraw?.(Math.round(c.parentElement.getBoundingClientRect().width) || PRINT_WIDTH);
  });

  let key = '';
  /** @param {State} s */
  // the date line: set when the view is built and again just before printing, not on every edit
  setText(date, t(L, 'printDate', { date: printedDate(new Date(), L) }));
  function update(s) {
    const k = JSON.stringify([s.scen.raw, s.path]);
    if (k === key) return;
    key = k;
    setText(dsLine, t(L, 'printDataset', { v: text(s.ds.title, L) }));
    setText(scLine, t(L, 'printScenario', { v: s.scen.raw.name || t(L, 'printUnnamed') }));
    setText(pathLine, t(L, 'printPath', { v: t(L, `path_${s.path}`) }));
    const lines = changesOf(s, L);
    list.replaceChildren(...(lines.length ? lines.map((x) => h('li', { text: x })) : [h('li', { class: 'none', text: t(L, 'changesNone') })]));
  }
  // The date is the day of printing, also when the page stayed open overnight.
  life.on(window, 'beforeprint', () => setText(date, t(L, 'printDate', { date: printedDate(new Date(), L) })));
  return { el, update };
}

/**
 * What the scenario changes, one sentence each: targets, assumed values, weights, method.
 * @param {State} s @param {'ja' | 'en'} L
 * @returns {string[]}
 */
export function changesOf(s, L) {
  const sc = s.scen.raw || {};
  const ds = s.ds;
  const none = t(L, 'chNone');
  const n = (/** @type {any} */ v) => (v == null ? none : (F.num(v, L) ?? String(v)));
  const withUnit = (/** @type {any} */ v, /** @type {any} */ ind) => (v == null ? none : `${n(v)}${ind?.unit ? ` ${text(ind.unit, L)}` : ''}`);
  const out = [];
  for (const [list, key] of /** @type {const} */ ([
    ['targets', 'chTarget'],
    ['values', 'chValue'],
  ])) {
    for (const e of sc[list] || []) {
      const ind = s.indicatorById.get(e.indicator);
      const own = list === 'targets' ? ind?.targets?.[e.year] : (ind?.values?.[e.year] ?? (e.year === ds.index.base_year ? ind?.baseline : null));
      out.push(t(L, key, { name: text(ind?.name, L), id: e.indicator, year: F.fy(e.year, L), from: withUnit(own, ind), to: withUnit(e.value, ind) }));
    }
  }
  const levels = /** @type {const} */ ([
    ['policies', 'chPolicy', (/** @type {string} */ id) => ds.policies.find((/** @type {any} */ p) => p.id === id)],
    ['goals', 'chGoal', (/** @type {string} */ id) => s.goalById.get(id)],
    ['indicators', 'chIndicator', (/** @type {string} */ id) => s.indicatorById.get(id)],
  ]);
  for (const [level, key, find] of levels) {
    for (const [id, w] of Object.entries(sc.weights?.[level] || {})) {
      const x = find(id);
      out.push(t(L, 'chWeight', { what: t(L, key, { id, name: text(x?.name, L) }), from: n(x?.weight ?? 1), to: n(w) }));
    }
  }
  const m = sc.method || {};
  const own = ds.index.method || {};
  if (m.aggregate) out.push(t(L, 'chAggregate', { from: t(L, `aggregate_${own.aggregate}`), to: t(L, `aggregate_${m.aggregate}`) }));
  if (m.via) out.push(t(L, 'chVia', { from: t(L, `via_${(own.via || ['goal']).join()}`), to: t(L, `via_${m.via.join()}`) }));
  if ('cap' in m) out.push(t(L, 'chCap', { from: n(own.cap), to: n(m.cap) }));
  return out;
}

// The chart's look, copied from the page's styles onto the exported copy as
// presentation attributes, so it draws the same in any viewer (no stylesheet,
// no custom properties there).
const PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'opacity',
  'font-size',
  'font-weight',
  'paint-order',
  'text-anchor',
];
const FONTS =
  '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, IPAGothic, "DejaVu Sans", Arial, sans-serif';
const NS = 'http://www.w3.org/2000/svg';

/**
 * The chart as a standalone SVG document: its styles inlined, a title and a legend of the lines it draws.
 * @param {SVGSVGElement} svg @param {State} s
 * @returns {{ text: string, width: number, height: number }}
 */
export function exportSvg(svg, s) {
  const L = s.lang;
  const W = Number(svg.getAttribute('width')) || 720;
  const H0 = Number(svg.getAttribute('height')) || 320;
  const TOP = 34;
  const out = /** @type {SVGSVGElement} */ (document.createElementNS(NS, 'svg'));
  const body = /** @type {SVGGElement} */ (document.createElementNS(NS, 'g'));
  body.setAttribute('transform', `translate(0 ${TOP})`);
  const src = [...svg.children].filter((c) => c.nodeName !== 'title' && c.nodeName !== 'desc');
  for (const c of src) {
    const copy = /** @type {Element} */ (c.cloneNode(true));
    inline(c, copy);
    body.append(copy);
  }
  for (const d of body.querySelectorAll('[data-drop="true"]')) d.remove();
  // Legend: the lines drawn, with their colour and dash.
  const legend = document.createElementNS(NS, 'g');
  let x = 48;
  const ly = H0 + TOP + 14;
  for (const p of /** @type {SVGPathElement[]} */ ([...svg.querySelectorAll('path[data-series]')])) {
    const series = p.getAttribute('data-series') || '';
    if (series.startsWith('band') || !p.getAttribute('d')) continue;
    const cs = getComputedStyle(p);
    const scen = series.startsWith('scenario-');
    const name = t(L, `path_${scen ? series.slice(9) : series}`) + (scen ? t(L, 'svgScenarioSuffix') : '');
    const line = document.createElementNS(NS, 'line');
    attrs(line, { x1: x, x2: x + 22, y1: ly, y2: ly });
    attrs(line, { stroke: cs.stroke, 'stroke-width': cs.strokeWidth, 'stroke-dasharray': cs.strokeDasharray });
    const label = document.createElementNS(NS, 'text');
    label.setAttribute('x', String(x + 27));
    label.setAttribute('y', String(ly + 4));
    attrs(label, { 'font-size': '12px', fill: '#1d2733' });
    label.textContent = name;
    legend.append(line, label);
    x += 40 + name.length * (L === 'ja' ? 12 : 6.5);
  }
  const H = H0 + TOP + 30;
  const title = t(L, 'svgTitle', { index: text(s.ds.index.name, L), path: t(L, `path_${s.path}`) });
  out.setAttribute('xmlns', NS);
  out.setAttribute('width', String(W));
  out.setAttribute('height', String(H));
  out.setAttribute('viewBox', `0 0 ${W} ${H}`);
  out.setAttribute('font-family', FONTS);
  out.setAttribute('lang', L);
  const te = document.createElementNS(NS, 'title');
  te.textContent = title;
  const bg = document.createElementNS(NS, 'rect');
  attrs(bg, { width: W, height: H, fill: '#fff' });
  const head = document.createElementNS(NS, 'text');
  attrs(head, { x: 8, y: 22, 'font-size': '15px', 'font-weight': 700, fill: '#1d2733' });
  head.textContent = title;
  out.append(te, bg, head, body, legend);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}\n`;
  return { text: xml, width: W, height: H };
}

const attrs = (/** @type {Element} */ e, /** @type {Record<string, string | number>} */ a) => {
  for (const [k, v] of Object.entries(a)) e.setAttribute(k, String(v));
};

/** Copies the computed look of `src` (and its descendants) onto `copy`; marks what is not drawn. */
function inline(/** @type {Element} */ src, /** @type {Element} */ copy) {
  const cs = getComputedStyle(src);
  if (cs.display === 'none' || src.hasAttribute('hidden')) {
    copy.setAttribute('data-drop', 'true');
    return;
  }
  // as presentation attributes (a style attribute would break the page's CSP)
  for (const p of PROPS) copy.setAttribute(p, cs.getPropertyValue(p));
  copy.removeAttribute('class');
  copy.removeAttribute('data-testid');
  const a = src.children;
  const b = copy.children;
  for (let i = 0; i < a.length; i++) inline(a[i], b[i]);
}

/**
 * The exported SVG drawn at twice its size on a canvas, as PNG.
 * @param {{ text: string, width: number, height: number }} svg
 * @returns {Promise<Blob>}
 */
export function toPng(svg) {
  /** the PNG could not be made: why, in both languages (shown as the export's refusal) */
  const failed = () => Object.assign(new Error('png'), { problems: [{ message: { ja: t('ja', 'exportPngFailed'), en: t('en', 'exportPngFailed') } }] });
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
    const img = new Image();
    img.onload = () => {
      const c = document.createElement('canvas');
      c.width = svg.width * 2;
      c.height = svg.height * 2;
      const g = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d'));
      g.fillStyle = '#fff';
      g.fillRect(0, 0, c.width, c.height);
      g.scale(2, 2);
      g.drawImage(img, 0, 0, svg.width, svg.height);
      URL.revokeObjectURL(url);
      c.toBlob((b) => (b ? resolve(b) : reject(failed())), 'image/png');
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(failed());
    };
    img.src = url;
  });
}

/**
 * The scenario's name field, beside 「シナリオを保存」 (data.js): the name is held in
 * the scenario (SPEC §4 `name`), so the saved file, the autosave and the share link carry it.
 * @param {Ctx} ctx
 */
export function scenarioName(ctx) {
  const L = ctx.state.lang;
  const input = h('input', { type: 'text', id: 'scenario-name', 'data-testid': 'scenario-name', maxlength: 80, autocomplete: 'off' });
  const el = h('div', { class: 'field scen-name' }, h('label', { for: 'scenario-name', text: t(L, 'scenarioName') }), input);
  ctx.life.on(input, 'change', () => {
    const raw = ctx.state.scen.raw || {};
    const v = input.value.trim();
    if (v === (raw.name ?? '')) return;
    const { format, name: _old, ...rest } = raw;
    ctx.commit({ type: 'applyScenario', text: JSON.stringify({ format, ...(v ? { name: v } : {}), ...rest }), msgKey: 'stNamed' });
  });
  return {
    el,
    update(/** @type {State} */ s) {
      const name = s.scen.raw?.name ?? '';
      if (el.getRootNode() instanceof ShadowRoot && /** @type {ShadowRoot} */ (el.getRootNode()).activeElement === input) return;
      if (input.value !== name) input.value = name;
    },
  };
}
