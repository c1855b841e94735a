// The chart's band (SPEC §8.4: 5–95 % of the Monte Carlo) and the compared
// scenarios' lines: loaded with the analysis (later.js), after the first render.
import { svgEl } from '../modules/dom.js';
import { fin, pathD } from './chart.js';

/** @typedef {import('../types').State} State */

/** The dash patterns of the compared scenarios' lines (none of them a path's, DASH in dom.js). */
export const CMP_DASH = ['1 4', '10 3 2 3 2 3', '18 5'];

/**
 * The band on show: the last Monte Carlo answer when it fits the years (kept, marked stale, while a newer one is computed).
 * @param {State} s
 * @returns {{ p5: Array<number | null>, p95: Array<number | null>, p50: Array<number | null>, stale: boolean, path: string } | null}
 */
export function bandOf(s) {
  const b = s.an.band;
  if (!b || !Array.isArray(b.p5) || !Array.isArray(b.p95) || b.p5.length !== s.result.years.length) return null;
  return { p5: b.p5, p95: b.p95, p50: b.p50 || [], stale: s.an.bandStale || b.path !== s.path, path: b.path };
}

export function bandSwatch() {
  const e = svgEl('svg', { viewBox: '0 0 36 12', class: 'sw', 'aria-hidden': 'true' });
  svgEl('rect', { x: 2, y: 2, width: 32, height: 8, class: 'band-area' }, e);
  svgEl('path', { d: 'M2 2H34M2 10H34', class: 'band-edge' }, e);
  return e;
}

/** @param {number} i */
export function cmpSwatch(i) {
  const e = svgEl('svg', { viewBox: '0 0 36 10', class: 'sw', 'aria-hidden': 'true' });
  svgEl('path', { d: 'M2 5H34', class: `line cmp cmp-${i}`, 'stroke-dasharray': CMP_DASH[i % CMP_DASH.length] }, e);
  return e;
}

/** The `d` of the band's area: one closed shape per run of years with both edges. */
function bandD(lo, hi, x, y) {
  let d = '';
  /** @type {number[]} */
  let run = [];
  const flush = () => {
    if (run.length) {
      d += run.map((i, k) => `${k ? 'L' : 'M'}${x(i).toFixed(1)} ${y(hi[i]).toFixed(1)}`).join('');
      d += run
        .slice()
        .reverse()
        .map((i) => `L${x(i).toFixed(1)} ${y(lo[i]).toFixed(1)}`)
        .join('');
      d += 'Z';
    }
    run = [];
  };
  lo.forEach((v, i) => {
    if (fin(v) && fin(hi[i])) run.push(i);
    else flush();
  });
  flush();
  return d;
}

/** Draws the band and the compared lines into the chart's groups (`st.band`, `st.cmp`). */
export function drawExtras(st, m, x, y) {
  const b = m.band;
  st.band.setAttribute('class', `band s-${m.chosen}${b?.stale ? ' stale' : ''}`);
  st.bandArea.setAttribute('d', b ? bandD(b.p5, b.p95, x, y) : '');
  st.bandLo.setAttribute('d', b ? pathD(b.p5, x, y) : '');
  st.bandHi.setAttribute('d', b ? pathD(b.p95, x, y) : '');
  const g = st.cmp;
  while (g.lastChild) g.removeChild(g.lastChild);
  /** @type {Array<{ e: SVGElement, y: number }>} */
  const labels = [];
  for (const c of m.compare || []) {
    if (!c.index) continue;
    const i = c.n % CMP_DASH.length;
    svgEl(
      'path',
      { d: pathD(c.index, x, y), class: `line cmp cmp-${i}`, 'data-series': `compare-${c.n}`, 'data-compare': c.name, 'stroke-dasharray': CMP_DASH[i] },
      g,
    );
    let k = c.index.length - 1;
    while (k >= 0 && !fin(c.index[k])) k--;
    if (k < 0) continue;
    const e = svgEl('text', { x: (x(k) - 6).toFixed(1), 'text-anchor': 'end', class: `cmplabel cmp-${i}` }, g);
    e.textContent = c.name;
    labels.push({ e, y: y(c.index[k]) + 16 });
  }
  // Labels below their line's end, at least 14 px apart.
  labels.sort((p, q) => p.y - q.y);
  labels.forEach((l, j) => {
    if (j && l.y < labels[j - 1].y + 14) l.y = labels[j - 1].y + 14;
    l.e.setAttribute('y', l.y.toFixed(1));
  });
}
