// The places of the goal seek's compact cells in the indicator table and the goal
// list, in the first load: the cells' code (seek-cell.js) and messages load after
// the first render, like the analysis they show (lazy.js).
import { h, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t } from '../modules/i18n.js';
import { lazy } from './lazy.js';

/** @typedef {import('../types').State} State */
/** @typedef {import('../types').Ctx} Ctx */

/** @type {Promise<typeof import('./seek-cell.js')> | null} */
let code = null; // in the one chunk that loads after the first render (later.js)

/**
 * The compact cell of an outcome_long indicator or a target state (seek-cell.js).
 * @param {Ctx} ctx @param {'goal' | 'indicator'} level @param {string} id @param {boolean} [labelled]
 * @returns {import('../types').View}
 */
export function seekCell(ctx, level, id, labelled = false) {
  // (imported when lazy() calls this, after the first render)
  const load = () => {
    code ??= import('./later.js').then((m) => m.seekCell);
    return code.then((m) => ({ create: (/** @type {Ctx} */ c) => m.seekCell(c, level, id, labelled) }));
  };
  return lazy(load).create(ctx);
}

/**
 * The column head of the table's compact cells: 「必要な値（令和9年度）」.
 * @param {Ctx} ctx
 */
export function seekHead(ctx) {
  const L = ctx.state.lang;
  const small = h('small');
  const el = h('th', { scope: 'col', class: 'num seek-col' }, t(L, 'seekCol'), h('br'), small);
  return { el, update: (/** @type {State} */ s) => setText(small, F.fyShort(s.an.milestone, L)) };
}
