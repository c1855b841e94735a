// The trajectory chart: an SVG built with DOM APIs. A full draw happens when the
// size, scale or language changes; otherwise an update only rewrites the lines.
import { fyAxis, score } from './format.js';

const NS = 'http://www.w3.org/2000/svg';
export const PATHS = ['actual', 'plan', 'outlook', 'trend'];
/** Dash pattern of each path, so that colour is not the only difference. */
export const DASH = { actual: '', plan: '9 4', outlook: '3 3', trend: '12 4 3 4' };
const Z = ['trend', 'plan', 'outlook', 'actual'];

/** An SVG element with attributes, appended to `parent` when given. */
export function el(name, attrs, parent) {
  const e = document.createElementNS(NS, name);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (parent) parent.appendChild(e);
  return e;
}

// The y range considered: a finite value beyond it (say a milestone of 1e308) is
// left out of the axis and drawn at its edge, so the lines stay readable.
const LIM = 1e6;
const fin = (v) => typeof v === 'number' && Number.isFinite(v);

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
  m.milestones.forEach((s) => see(s.value));
  if (hi - lo < 10) hi = lo + 10;
  const step = niceStep(hi - lo);
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step];
}

/** An axis or milestone label: "130", "1.6E308"; never null. */
const label = (v, lang) => (score(v, lang) ?? '').replace(/\.0$/, '');

/** The `d` of a series: segments over consecutive values; a lone value is a dot. */
function pathD(vals, x, y) {
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
 * Draws or updates the chart.
 * m: { width, years, base: {path: values}, scen: {path: values}|null, chosen,
 *      milestones: [{year, value}], lang, msLabel, unit }
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
    const grid = el('g', { class: 'grid', 'aria-hidden': 'true' }, svg);
    for (let i = 0, v = y0; v <= y1 + step / 2 && i < 20; v = y0 + ++i * step) {
      el('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: Math.abs(v - 100) < step / 1e3 ? 'base100' : '' }, grid);
      el('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, grid).textContent = label(v, m.lang);
    }
    el('text', { x: 4, y: 12, class: 'unit' }, grid).textContent = m.unit || '';
    m.years.forEach((yr, i) => {
      el('line', { x1: x(i), x2: x(i), y1: H - B, y2: H - B + 4 }, grid);
      el('text', { x: x(i), y: H - B + 17, 'text-anchor': 'middle' }, grid).textContent = String(yr);
      el('text', { x: x(i), y: H - B + 32, 'text-anchor': 'middle', class: 'era' }, grid).textContent = fyAxis(yr);
    });
    const base = el('g', { class: 'lines base' }, svg);
    const scen = el('g', { class: 'lines scen' }, svg);
    const dots = el('g', { class: 'dots', 'aria-hidden': 'true' }, svg);
    const ms = el('g', { class: 'ms' }, svg);
    for (const s of m.milestones) {
      const i = m.years.indexOf(s.year);
      if (i < 0 || !fin(s.value)) continue;
      const g = el('g', { 'data-milestone': String(s.year) }, ms);
      el('line', { x1: x(i), x2: x(i), y1: T, y2: H - B, class: 'guide' }, grid);
      const cx = x(i);
      const cy = y(s.value);
      el('path', { d: `M${cx} ${cy - 7}l7 7l-7 7l-7-7z`, class: 'mark' }, g);
      const right = cx < W / 2;
      el('text', { x: right ? cx + 10 : cx - 10, y: cy - 9, 'text-anchor': right ? 'start' : 'end', class: 'mslabel' }, g).textContent =
        `${m.msLabel} ${label(s.value, m.lang)}`;
    }
    st = { key, base: {}, scen, dots };
    for (const p of PATHS) {
      st.base[p] = el('path', { 'data-series': p, class: `line s-${p}`, 'stroke-dasharray': DASH[p] }, base);
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
    const e = have[p] || el('path', { 'data-series': 'scenario-' + p, 'stroke-dasharray': DASH[p] }, st.scen);
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
  // Dots on the chosen path.
  const vals = (hasScen && m.scen[m.chosen]) || m.base[m.chosen] || [];
  const dots = st.dots;
  while (dots.children.length < vals.length) el('circle', { r: 3.5 }, dots);
  vals.forEach((v, i) => {
    const c = dots.children[i];
    const okv = fin(v);
    c.setAttribute('class', `dot s-${m.chosen}`);
    c.setAttribute('cx', x(i).toFixed(1));
    c.setAttribute('cy', okv ? y(v).toFixed(1) : -99);
    c.setAttribute('visibility', okv ? 'visible' : 'hidden');
  });
}
