// The goal seek's compact cells (SPEC §8.2) in the indicator table and the goal
// list: the required value per outcome_long indicator or target state, a button
// that shows the subject in the 「目標達成に必要な値」 panel (views/seek.js). This
// code loads after the first render (seek-slot.js holds the places meanwhile).
import { h, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';
import { seekOf } from '../modules/seek-core.js';
import { ACTIONS } from '../modules/state.js';

/** @typedef {import('../types').State} State */
/** @typedef {import('../types').Ctx} Ctx */

/** @param {State} s @param {any} ind @param {number | null} v */
export const withUnit = (s, ind, v) => {
  const n = F.num(v, s.lang);
  if (n === null) return null;
  const unit = text(ind?.unit, s.lang);
  return unit ? `${n}${s.lang === 'en' ? ' ' : ''}${unit}` : n;
};

/** @param {State} s @param {'goal' | 'indicator'} level @param {any} r */
export const reasonText = (s, level, r) =>
  t(s.lang, level === 'goal' && r?.reason === 'no_effect' ? 'seekReasonGoal_no_effect' : `seekReason_${r?.reason || 'no_effect'}`);

/** Whether the goal-seek actions are there (they load with the analysis code). */
export const canAct = () => 'applySeek' in ACTIONS;

/** Why goal seek has no answer to show (the analysis failed, or refused the question), or null. */
export const seekErr = (/** @type {State} */ s) => s.an.error || s.an.seeksError;

/** Whether the answers on show are for the state on show. */
export const fresh = (/** @type {State} */ s) => !!s.an.seeks && !s.an.stale && !seekErr(s) && s.an.seeks.year === s.an.milestone;

/**
 * A compact cell for an outcome_long indicator or a target state: the required
 * value (or 「届きません」, the reason in its name), a button that shows the
 * subject in the panel, where its answer can be applied.
 * With `labelled`, a visible 「必要な値（令和9年度）」 before it (the goal list).
 * @param {Ctx} ctx @param {'goal' | 'indicator'} level @param {string} id @param {boolean} [labelled]
 */
export function seekCell(ctx, level, id, labelled = false) {
  const L = ctx.state.lang;
  const btn = h('button', {
    type: 'button',
    class: 'seekcell',
    'data-seek-cell': id,
    'data-level': level,
    'data-rove': '',
    tabindex: '-1',
    'aria-describedby': 'vi-rove-hint',
  });
  const tag = labelled ? h('span', { class: 'seek-l', 'aria-hidden': 'true' }) : null;
  const el = tag ? h('span', { class: 'seek-wrap' }, tag, btn) : btn;
  ctx.life.on(btn, 'click', () => {
    if (!canAct()) return;
    ctx.commit({ type: 'setSeekSubject', subject: `${level}:${id}` });
    const root = /** @type {ShadowRoot | Document} */ (btn.getRootNode());
    const target = /** @type {HTMLElement | null} */ (root.querySelector('[data-testid="seek-apply"]'));
    root.querySelector('.sec-seek')?.scrollIntoView?.({ block: 'nearest' });
    target?.focus();
  });
  /** @param {State} s */
  function update(s) {
    const year = F.fyShort(s.an.seeks?.year ?? s.an.milestone, L);
    const r = seekOf(s, level, id);
    let shown;
    let label;
    const old = !!r && !seekErr(s) && s.an.seeks?.year === s.an.milestone; // stale: the last answer stays until the next
    if (seekErr(s)) {
      shown = '—';
      label = t(L, 'seekUnavailable', { msg: seekErr(s) });
    } else if (!r && fresh(s)) {
      shown = '—';
      label = `${id}：${t(L, 'seekNotAsked')}`;
    } else if (!old) {
      shown = t(L, 'seekCalculating');
      label = t(L, 'seekCellBusy', { id, year });
    } else if (!r.reachable) {
      shown = t(L, 'seekUnreachable');
      label = t(L, 'seekCellLabelNo', { id, year, reason: reasonText(s, level, r) });
    } else {
      const ind = level === 'indicator' ? s.indicatorById.get(id) : null;
      const full = level === 'indicator' ? withUnit(s, ind, F.scoreOf(r.required)) : F.score(F.scoreOf(r.required_score), L);
      shown = (level === 'indicator' ? F.num(F.scoreOf(r.required), L) : F.score(F.scoreOf(r.required_score), L)) ?? '—';
      label = t(L, 'seekCellLabel', { id, year, v: full ?? '—' });
    }
    if (tag) setText(tag, `${t(L, 'seekCol')}（${year}）`);
    setText(btn, shown);
    if (btn.getAttribute('aria-label') !== label) {
      btn.setAttribute('aria-label', label);
      btn.setAttribute('title', label);
    }
    btn.classList.toggle('no', !!r && !r.reachable);
  }
  return { el, update };
}
