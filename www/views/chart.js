// View: the chart of the paths (SVG), its description and table.
import { DASH, h, PATHS, section, svgEl, swatch } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';

/** @typedef {import('../types').State} State */

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s, life } = ctx;
  const L = s.lang;
  const svg = /** @type {SVGSVGElement} */ (svgEl('svg', { 'data-testid': 'chart', role: 'img', 'aria-labelledby': 'chart-title chart-desc' }));
  svgEl('title', { id: 'chart-title' }, svg).textContent = t(L, 'sectionChart');
  const desc = svgEl('desc', { id: 'chart-desc' }, svg);
  const legend = h(
    'ul',
    { class: 'legend' },
    PATHS.map((p) => h('li', { class: `s-${p}` }, swatch(p), t(L, `path_${p}`))),
    h('li', { class: 'lg-ms' }, h('span', { class: 'diamond', 'aria-hidden': 'true' }), t(L, 'legendMilestone')),
  );
  // The band's and the compared scenarios' legend entries.
  const bandMark = h('span', { class: 'lg-bandmark', hidden: true, text: t(L, 'bandUpdating') });
  const bandItem = h('li', { class: `lg-band s-${s.path}`, 'data-testid': 'legend-band', hidden: true }, t(L, 'legendBand'), bandMark);
  legend.append(bandItem);
  /** @type {HTMLLIElement[]} */
  let cmpItems = [];
  let cmpKey = '';
  const note = h('p', { class: 'hint', hidden: true, text: t(L, 'legendScenario') });
  const tableBox = h('div', { class: 'scroll' });
  const details = h('details', { class: 'chart-table' }, h('summary', { text: t(L, 'chartTable') }), tableBox);
  const wrap = h('div', { class: 'chart' }, svg);
  const el = section(L, 'trend', 'sectionChart', wrap, legend, note, details);
  let width = ctx.width;

  const model = (s) => ({
    width,
    years: s.result.years,
    base: Object.fromEntries(PATHS.map((p) => [p, s.base[p].index])),
    scen: s.chartScen,
    chosen: s.path,
    milestones: s.ds.index.milestones || [],
    lang: L,
    msLabel: t(L, 'legendMilestone'),
    unit: text(s.ds.index.unit, L),
    band: bandOf(s),
    compare: s.an.compare.map((c, i) => ({ name: c.name, index: c.result?.[s.path]?.index ?? null, n: i })),
  });

  life.on(details, 'toggle', () => details.open && fillTable(ctx.state));
  const ro = new ResizeObserver(([e]) => {
    const w = Math.round(e.contentRect.width);
    if (w && Math.abs(w - width) > 4) {
      width = w;
      requestAnimationFrame(() => drawChart(svg, model(ctx.state)));
    }
  });
  ro.observe(wrap);
  life.observe(ro);
  // ---- exports: the print handout redraws the chart for the page's width (views/exports.js)
  /** @type {any} */ (svg).__redraw = (/** @type {number} */ w) => {
    width = w;
    drawChart(svg, model(ctx.state));
  };

  const seriesText = (/** @type {ArrayLike<number | null>} */ vals, years) =>
    Array.from(years, (y, i) => (F.at(vals, i) === null ? null : `${F.fyShort(y, L)} ${F.score(F.at(vals, i), L)}`))
      .filter(Boolean)
      .join(L === 'en' ? ', ' : '、');

  function describe(s) {
    const years = s.result.years;
    const p = s.path;
    const parts = [t(L, 'chartDesc', { from: F.fy(years[0], L), to: F.fy(years[years.length - 1], L) })];
    parts.push(t(L, 'chartSeries', { path: t(L, `path_${p}`), values: seriesText(s.base[p].index, years) }));
    if (s.chartScen?.[p]) parts.push(t(L, 'chartScenario', { path: t(L, `path_${p}`), values: seriesText(s.chartScen[p], years) }));
    const band = bandOf(s);
    if (band) {
      const sep = L === 'en' ? ', ' : '、';
      const vals = Array.from(years, (y, i) => {
        const lo = F.score(F.at(band.p5, i), L);
        const hi = F.score(F.at(band.p95, i), L);
        return lo === null || hi === null ? null : `${F.fyShort(y, L)} ${lo}–${hi}`;
      }).filter(Boolean);
      parts.push(t(L, 'chartBand', { path: t(L, `path_${band.path}`), values: vals.join(sep) }));
    }
    for (const c of s.an.compare) {
      const idx = c.result?.[s.path]?.index;
      if (idx) parts.push(t(L, 'chartCompare', { name: c.name, values: seriesText(idx, years) }));
    }
    for (const m of s.ds.index.milestones || []) {
      parts.push(t(L, 'chartMilestone', { label: m.label ? text(m.label, L) : F.fy(m.year, L), v: F.score(m.value, L) ?? '—' }));
    }
    desc.textContent = parts.join(' ');
  }

  /** @type {((box: HTMLElement, s: State) => void) | null} */
  let fill = null;
  /** The table of the figures: its code is loaded the first time the box opens. */
  function fillTable(s) {
    if (fill) return fill(tableBox, s);
    import('./later.js')
      .then((m) => m.chartTable)
      .then(
        (m) => {
          fill = m.fillTable;
          if (!life.signal.aborted && details.open) fill(tableBox, ctx.state);
        },
        (e) => console.error(e),
      );
  }

  function update(s) {
    drawChart(svg, model(s));
    const band = bandOf(s);
    if (band && EXTRAS && !bandItem.querySelector('svg')) bandItem.prepend(EXTRAS.bandSwatch());
    bandItem.hidden = !band;
    bandItem.className = `lg-band s-${s.path}${band?.stale ? ' stale' : ''}`;
    bandMark.hidden = !band?.stale;
    const key = s.an.compare.map((c) => c.name).join('\u0000');
    if (key !== cmpKey) {
      cmpKey = key;
      for (const e of cmpItems) e.remove();
      cmpItems = s.an.compare.map((c, i) =>
        h('li', { class: `lg-cmp cmp-${i}`, 'data-compare': c.name }, EXTRAS?.cmpSwatch(i), t(L, 'compareLegend', { name: c.name })),
      );
      legend.append(...cmpItems);
    }
    note.hidden = !s.chartScen;
    describe(s);
    if (details.open) fillTable(s);
  }
  return { el, update };
}

const Z = ['trend', 'plan', 'outlook', 'actual'];

// The band (SPEC §8.4) and the compared scenarios' lines are drawn by
// chart-extras.js, which loads with the analysis (later.js registers it here):
// there is neither before the analysis answers.
/** @type {typeof import('./chart-extras.js') | null} */
let EXTRAS = null;
/** @param {typeof import('./chart-extras.js')} m */
export function setChartExtras(m) {
  EXTRAS = m;
}
const bandOf = (/** @type {State} */ s) => EXTRAS?.bandOf(s) ?? null;
// The y range considered: a finite value beyond it (say a milestone of 1e308) is
// left out of the axis and drawn at its edge, so the lines stay readable.
const LIM = 1e6;
export const fin = (/** @type {any} */ v) => F.scoreOf(v) !== null;

function niceStep(span) {
  const raw = span / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/** [bottom, top, step] of the y axis: always finite, bottom < top, about 5 steps. */
function domain(m) {
  let lo = 100;
  let hi = 100;
  const see = (v) => {
    if (fin(v) && Math.abs(v) <= LIM) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  };
  for (const p of PATHS) {
    m.base[p]?.forEach(see);
    m.scen?.[p]?.forEach(see);
  }
  m.band?.p5.forEach(see);
  m.band?.p95.forEach(see);
  for (const c of m.compare || []) c.index?.forEach(see);
  m.milestones.forEach((s) => see(s.value));
  if (hi - lo < 10) hi = lo + 10;
  const step = niceStep(hi - lo);
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step];
}

/** An axis or milestone label: "130", "1.6E308"; never null. */
const label = (v, lang) => (F.score(v, lang) ?? '').replace(/\.0$/, '');

/** The `d` of a series: segments over consecutive values; a lone value is a dot. */
export function pathD(vals, x, y) {
  let d = '';
  let run = 0;
  vals.forEach((v, i) => {
    if (!fin(v)) {
      if (run === 1) d += 'h0.01';
      run = 0;
      return;
    }
    d += `${run ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
    run += 1;
  });
  if (run === 1) d += 'h0.01';
  return d;
}

/**
 * Draws or updates the chart: a full draw when the size, scale or language changes, else only the lines.
 * m: { width, years, base: {path: values}, scen: {path: values}|null, chosen, milestones: [{year, value}], lang, msLabel, unit }
 * @param {any} svg the chart's <svg> (its drawing state in `__chart`)
 * @param {any} m
 */
export function drawChart(svg, m) {
  const W = Math.max(300, Math.round(m.width));
  const H = W < 560 ? 250 : 320;
  const [y0, y1, step] = domain(m);
  const L = 48;
  const R = 18;
  const T = 22;
  const B = 44;
  const n = m.years.length;
  const x = (i) => L + (n > 1 ? (i * (W - L - R)) / (n - 1) : (W - L - R) / 2);
  // Clamped: whatever lies off the axis is drawn at its edge.
  const y = (v) => T + ((y1 - Math.min(y1, Math.max(y0, v))) * (H - T - B)) / (y1 - y0);
  const key = [W, y0, y1, m.years.join(), m.lang, m.milestones.map((s) => s.year + ':' + s.value).join()].join('|');
  let st = svg.__chart;
  if (!st || st.key !== key) {
    while (svg.lastChild && svg.lastChild.nodeName !== 'title' && svg.lastChild.nodeName !== 'desc') {
      svg.removeChild(svg.lastChild);
    }
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    svg.setAttribute('width', W);
    svg.setAttribute('height', H);
    const grid = svgEl('g', { class: 'grid', 'aria-hidden': 'true' }, svg);
    for (let i = 0, v = y0; v <= y1 + step / 2 && i < 20; v = y0 + ++i * step) {
      svgEl('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: Math.abs(v - 100) < step / 1e3 ? 'base100' : '' }, grid);
      svgEl('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, grid).textContent = label(v, m.lang);
    }
    svgEl('text', { x: 4, y: 12, class: 'unit' }, grid).textContent = m.unit || '';
    m.years.forEach((yr, i) => {
      svgEl('line', { x1: x(i), x2: x(i), y1: H - B, y2: H - B + 4 }, grid);
      svgEl('text', { x: x(i), y: H - B + 17, 'text-anchor': 'middle' }, grid).textContent = String(yr);
      svgEl('text', { x: x(i), y: H - B + 32, 'text-anchor': 'middle', class: 'era' }, grid).textContent = F.fyAxis(yr);
    });
    const band = svgEl('g', { class: 'band', 'data-testid': 'chart-band', 'aria-hidden': 'true' }, svg);
    const bandArea = svgEl('path', { class: 'band-area', 'data-series': 'band' }, band);
    const bandLo = svgEl('path', { class: 'band-edge', 'data-series': 'band-p5' }, band);
    const bandHi = svgEl('path', { class: 'band-edge', 'data-series': 'band-p95' }, band);
    const base = svgEl('g', { class: 'lines base' }, svg);
    const scen = svgEl('g', { class: 'lines scen' }, svg);
    const cmp = svgEl('g', { class: 'lines cmps', 'data-testid': 'chart-compare' }, svg);
    const dots = svgEl('g', { class: 'dots', 'aria-hidden': 'true' }, svg);
    const ms = svgEl('g', { class: 'ms' }, svg);
    for (const s of m.milestones) {
      const i = m.years.indexOf(s.year);
      if (i < 0 || !fin(s.value)) continue;
      const g = svgEl('g', { 'data-milestone': String(s.year) }, ms);
      svgEl('line', { x1: x(i), x2: x(i), y1: T, y2: H - B, class: 'guide' }, grid);
      const cx = x(i);
      const cy = y(s.value);
      svgEl('path', { d: `M${cx} ${cy - 7}l7 7l-7 7l-7-7z`, class: 'mark' }, g);
      const right = cx < W / 2;
      svgEl('text', { x: right ? cx + 10 : cx - 10, y: cy - 9, 'text-anchor': right ? 'start' : 'end', class: 'mslabel' }, g).textContent =
        `${m.msLabel} ${label(s.value, m.lang)}`;
    }
    st = { key, base: {}, scen, dots, band, bandArea, bandLo, bandHi, cmp };
    for (const p of PATHS) {
      st.base[p] = svgEl('path', { 'data-series': p, class: `line s-${p}`, 'stroke-dasharray': DASH[p] }, base);
    }
    svg.__chart = st;
  }
  // Lines of the untouched dataset.
  const hasScen = !!m.scen;
  for (const p of PATHS) {
    const e = st.base[p];
    e.setAttribute('d', pathD(m.base[p] || [], x, y));
    e.setAttribute('class', `line s-${p}${p === m.chosen ? ' chosen' : ''}${hasScen ? ' under' : ''}`);
  }

  // Scenario lines: only those that differ from the untouched ones.
  const want = hasScen ? PATHS.filter((p) => m.scen[p]) : [];
  const have = {};
  for (const e of [...st.scen.children]) {
    const p = e.getAttribute('data-series').slice(9);
    if (want.includes(p)) have[p] = e;
    else e.remove();
  }
  for (const p of want) {
    const e = have[p] || svgEl('path', { 'data-series': 'scenario-' + p, 'stroke-dasharray': DASH[p] }, st.scen);
    e.setAttribute('d', pathD(m.scen[p], x, y));
    e.setAttribute('class', `line s-${p}${p === m.chosen ? ' chosen' : ''}`);
  }
  // Stacking: actual above the projections, the chosen path on top.
  for (const g of [st.base[PATHS[0]].parentNode, st.scen]) {
    for (const p of [...Z, m.chosen]) {
      const e = g.querySelector(`[data-series$="${p}"]`);
      if (e) g.appendChild(e);
    }
  }
  EXTRAS?.drawExtras(st, m, x, y);
  // Dots on the chosen path.
  const vals = (hasScen && m.scen[m.chosen]) || m.base[m.chosen] || [];
  const dots = st.dots;
  while (dots.children.length < vals.length) svgEl('circle', { r: 3.5 }, dots);
  vals.forEach((v, i) => {
    const c = dots.children[i];
    const okv = fin(v);
    c.setAttribute('class', `dot s-${m.chosen}`);
    c.setAttribute('cx', x(i).toFixed(1));
    c.setAttribute('cy', okv ? y(v).toFixed(1) : -99);
    c.setAttribute('visibility', okv ? 'visible' : 'hidden');
  });
}
