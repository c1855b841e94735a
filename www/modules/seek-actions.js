// Goal seek, applied (SPEC §8.2): the actions of the 「目標達成に必要な値」 panel
// (views/seek.js). The answer on show (`s.an.seeks`) becomes a scenario edit in
// one commit: one re-score, one announcement.
//
// - an indicator: its what-if target for the milestone year = `required`
//   (the engine's `setTarget`, as the table's what-if cells);
// - a target state (goal): the targets for that year of its outcome_long
//   indicators scaled so that each score is multiplied by k = required / current
//   score (SPEC §3: up s = 100·x/b, so x·k; down s = 100·b/x, so x/k), which
//   multiplies the goal's score by k under either mean. Indicators with weight 0
//   or no score are left as they are; with a cap the result may fall short (the
//   page then shows the honest result).

import * as F from './format.js';
import { t, text } from './i18n.js';
import { parseSubject, seekOf } from './seek-core.js';

/** @typedef {import('../types').App} App */
/** @typedef {import('../types').State} State */

/**
 * An indicator's value in the answer's year on its path: the seek answer's
 * `current`, else from its score (up x = s·b/100, down x = 100·b/s).
 * @param {any} ind @param {any} r
 * @returns {number | null}
 */
function valueNow(ind, r) {
  const x = F.scoreOf(r?.current);
  if (x !== null) return x;
  const sc = F.scoreOf(r?.current_score);
  if (sc === null) return null;
  if (ind.direction === 'down') return sc > 0 ? (100 * ind.baseline) / sc : null;
  return (sc * ind.baseline) / 100;
}

/**
 * The target edits (indicator id → value for `year`) that apply the answer `r`
 * for the subject, or an error key.
 * @param {State} s @param {'goal' | 'indicator'} level @param {string} id @param {any} r
 * @param {(id: string) => number | null} [rowScore] an indicator's score in the answer's year on its path,
 *   when there is no indicator answer to take it from (past SEEK_ALL_MAX indicators none is asked)
 * @returns {{ edits: Array<[string, number]>, k?: number } | { err: string }}
 */
export function seekEdits(s, level, id, r, rowScore = (/** @type {string} */ _id) => /** @type {number | null} */ (null)) {
  if (!r?.reachable) return { err: 'seekUnreachable' };
  if (level === 'indicator') {
    const v = F.scoreOf(r.required);
    return v === null ? { err: 'seekUnreachable' } : { edits: [[id, v]] };
  }
  const need = F.scoreOf(r.required_score);
  const now = F.scoreOf(r.current_score);
  if (need === null || now === null || !(now > 0)) return { err: 'seekUnreachable' };
  const k = need / now;
  const wOf = s.scen.raw?.weights?.indicators || {};
  /** @type {Array<[string, number]>} */
  const edits = [];
  for (const ind of s.ds.indicators) {
    if (ind.goal !== id || ind.stage !== 'outcome_long') continue;
    const w = wOf[ind.id] ?? ind.weight ?? 1;
    const ir = seekOf(s, 'indicator', ind.id);
    // its target for the year changes nothing (on 見込み: the year is not after its last actual)
    if (ir && !ir.reachable && ir.reason === 'no_effect') continue;
    const sc = F.scoreOf(ir?.current_score) ?? rowScore(ind.id);
    if (!(w > 0) || sc === null) continue;
    const x = valueNow(ind, ir ?? { current_score: sc });
    if (x === null) continue;
    const v = ind.direction === 'down' ? x / k : x * k;
    if (Number.isFinite(v) && v >= 0) edits.push([ind.id, v]);
  }
  return edits.length ? { edits, k } : { err: 'seekUnreachable' };
}

const kFormat = (k, lang) => new Intl.NumberFormat(lang === 'en' ? 'en' : 'ja-JP', { maximumFractionDigits: 4 }).format(k);

/** Merged into ANALYSIS_ACTIONS (analysis-state.js). */
export const SEEK_ACTIONS = {
  /** The panel's subject (`level:id`); the answers for all are already there. */
  setSeekSubject(/** @type {App} */ app, /** @type {any} */ act) {
    app.state.an.seekSubject = parseSubject(act.subject) ? act.subject : null;
    return { rescore: false };
  },
  /** Applies the answer on show for `{level, id}` as what-if targets, in one commit. */
  applySeek(/** @type {App} */ app, /** @type {any} */ act) {
    const s = app.state;
    const L = s.lang;
    const sk = s.an.seeks;
    if (!s.ds || !sk || s.an.stale) return { rescore: false, say: t(L, 'stSeekNot', { msg: t(L, 'seekCalculating') }) };
    const r = seekOf(s, act.level, act.id);
    const rows = app.engine.result(sk.path);
    const yi = rows.years.indexOf(sk.year);
    const plan = seekEdits(s, act.level, act.id, r, (id) => (yi < 0 ? null : F.at(rows.indicators[id], yi)));
    if ('err' in plan) return { rescore: false, say: t(L, 'stSeekNot', { msg: t(L, plan.err) }) };
    const year = sk.year;
    const prev = app.engine.scenarioText;
    /** @type {any[]} */
    let warned = [];
    try {
      for (const [id, v] of plan.edits) warned = warned.concat(app.engine.edit('setTarget', id, year, v) || []);
    } catch (e) {
      if (e?.panic) throw e;
      app.engine.edit('applyScenario', prev); // all or nothing
      return { rescore: false, say: t(L, 'stSeekNot', { msg: String(e?.message || e) }) };
    }
    for (const [id] of plan.edits) s.invalid.delete(`r|${id}|t${year}`);
    s.editWarnings = warned;
    const node = act.level === 'goal' ? s.goalById.get(act.id) : s.indicatorById.get(act.id);
    const name = `${act.id} ${node ? text(node.name, L) : ''}`.trim();
    const fy = F.fy(year, L);
    let say;
    if (act.level === 'indicator') {
      const unit = node ? text(node.unit, L) : '';
      say = t(L, 'stSeekApplied', { name, year: fy, v: `${F.num(plan.edits[0][1], L) ?? ''}${unit && L === 'en' ? ' ' : ''}${unit}` });
    } else {
      say = t(L, 'stSeekAppliedGoal', { name, year: fy, n: plan.edits.length, k: kFormat(/** @type {number} */ (plan.k), L) });
    }
    return { save: true, say, undo: () => app.engine.edit('applyScenario', prev) };
  },
};
