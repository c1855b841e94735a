// The chart's figures as a table (in a box closed by default; loaded when it first opens).
import { h, numSpan, PATHS } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t } from '../modules/i18n.js';
import { bandOf } from './chart-extras.js';

/**
 * Puts the table of the chart's figures (every path, and the scenario's where they differ) into `box`.
 * @param {HTMLElement} box
 * @param {import('../types').State} s
 */
export function fillTable(box, s) {
  const L = s.lang;
  /** @type {Array<[string, ArrayLike<number | null>]>} */
  const cols = PATHS.map((p) => [t(L, `path_${p}`), s.base[p].index]);
  if (s.chartScen) for (const p of PATHS) if (s.chartScen[p]) cols.push([t(L, `path_${p}`) + t(L, 'scenarioSuffix'), s.chartScen[p]]);
  // ---- ui-band: the band's edges (and median) on the shown path
  /** @type {Array<[string, ArrayLike<number | null>, string]>} */
  const extra = [];
  const band = bandOf(s);
  if (band) {
    const on = (/** @type {string} */ k) => t(L, 'bandColumn', { path: t(L, `path_${band.path}`), what: t(L, k) }) + (band.stale ? t(L, 'bandUpdating') : '');
    extra.push([on('bandP5'), band.p5, 'p5'], [on('bandP50'), band.p50, 'p50'], [on('bandP95'), band.p95, 'p95']);
  }
  const tbl = h(
    'table',
    { class: 'mini-table' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col', text: t(L, 'year') }),
        cols.map((c) => h('th', { scope: 'col', class: 'num', text: c[0] })),
        extra.map((c) => h('th', { scope: 'col', class: 'num', 'data-col': c[2], text: c[0] })),
      ),
    ),
    h(
      'tbody',
      null,
      s.result.years.map((y, i) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row', text: F.fy(y, L) }),
          cols.map((c) => h('td', { class: 'num' }, numSpan(F.score(F.at(c[1], i), L), L))),
          extra.map((c) => h('td', { class: 'num', 'data-col': c[2], 'data-value': F.at(c[1], i) }, numSpan(F.score(F.at(c[1], i), L), L))),
        ),
      ),
    ),
  );
  box.replaceChildren(tbl);
}
