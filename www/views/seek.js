// View: 「目標達成に必要な値」 / "What it would take" (SPEC §8.2 goal seek): for the
// milestone and the subject chosen, the index now, the subject's value or score
// now and the one that makes the index equal the milestone, why it cannot when
// it cannot, and one button that applies it as a what-if (seek-actions.js).
// The compact cells of the indicator table and the goal list are in seek-cell.js.
import { seekPath } from '../modules/analysis-core.js';
import { h, section, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';
import { parseSubject, seekOf } from '../modules/seek-core.js';
import { canAct, fresh, reasonText, seekErr, withUnit } from './seek-cell.js';

/** @typedef {import('../types').State} State */
/** @typedef {import('../types').Ctx} Ctx */

/** The default subject per dataset object, fixed once its first answers are there. */
const autoByDs = new WeakMap();

/**
 * The subject the panel shows: the user's choice, else the target state whose
 * score must grow the most in proportion (required / current), else the first one.
 * @param {State} s
 * @returns {{ level: 'goal' | 'indicator', id: string, auto: boolean } | null}
 */
export function subjectOf(s) {
  const chosen = parseSubject(s.an.seekSubject);
  if (chosen && (chosen.level === 'goal' ? s.goalById.has(chosen.id) : s.indicatorById.get(chosen.id)?.stage === 'outcome_long'))
    return { ...chosen, auto: false };
  let id = autoByDs.get(s.ds);
  if (!id && s.an.seeks && !s.an.stale) {
    let best = -Infinity;
    for (const g of s.ds.goals) {
      const r = seekOf(s, 'goal', g.id);
      const now = F.scoreOf(r?.current_score);
      const need = F.scoreOf(r?.required_score);
      if (!r?.reachable || now === null || need === null || !(now > 0)) continue;
      if (need / now > best + 1e-12) {
        best = need / now;
        id = g.id;
      }
    }
    id ??= s.ds.goals[0]?.id;
    if (id) autoByDs.set(s.ds, id);
  }
  id ??= s.ds.goals[0]?.id;
  return id ? { level: 'goal', id, auto: true } : null;
}

/** @param {Ctx} ctx */
export function create(ctx) {
  const { state: s, commit, life } = ctx;
  const L = s.lang;
  const ds = s.ds;
  const ms = ds.index.milestones || [];
  const msel = h(
    'select',
    { id: 'seek-milestone', 'data-testid': 'seek-milestone' },
    ms.map((m) => h('option', { value: m.year, text: `${F.fy(m.year, L)}：${F.score(m.value, L) ?? ''}` })),
  );
  const longs = ds.indicators.filter((i) => i.stage === 'outcome_long');
  const ssel = h(
    'select',
    { id: 'seek-subject', 'data-testid': 'seek-subject' },
    h(
      'optgroup',
      { label: t(L, 'seekGroupGoals') },
      ds.goals.map((g) => h('option', { value: `goal:${g.id}`, text: `${g.id} ${text(g.name, L)}` })),
    ),
    longs.length
      ? h(
          'optgroup',
          { label: t(L, 'seekGroupIndicators') },
          longs.map((i) => h('option', { value: `indicator:${i.id}`, text: `${i.id} ${text(i.name, L)}` })),
        )
      : null,
  );
  const hint = h('p', { class: 'hint', 'data-role': 'default-hint', text: t(L, 'seekDefaultHint') });
  const pathNote = h('p', { class: 'hint', 'data-role': 'path-note' });
  const state = h('p', { class: 'seek-state', 'data-testid': 'seek-state', hidden: true });
  const v = {
    indexLabel: h('dt'),
    index: h('dd', { 'data-role': 'index' }),
    target: h('dd', { 'data-role': 'target' }),
    currentLabel: h('dt'),
    current: h('dd', { 'data-role': 'current' }),
    requiredLabel: h('dt'),
    required: h('dd', { 'data-role': 'required' }),
  };
  const facts = h(
    'dl',
    { class: 'seek-facts' },
    h('div', null, v.indexLabel, v.index),
    h('div', null, h('dt', { text: t(L, 'seekTarget') }), v.target),
    h('div', null, v.currentLabel, v.current),
    h('div', { class: 'need' }, v.requiredLabel, v.required),
  );
  const reasonMsg = h('span');
  const reason = h(
    'p',
    { class: 'seek-reason', 'data-role': 'reason', hidden: true },
    h('span', { class: 'icon', 'aria-hidden': 'true', text: '✕' }),
    h('strong', { text: `${t(L, 'seekUnreachable')}：` }),
    reasonMsg,
  );
  const already = h('p', { class: 'hint', 'data-role': 'already', hidden: true, text: t(L, 'seekAlready') });
  const apply = h('button', { type: 'button', class: 'btn ghost', 'data-testid': 'seek-apply', text: t(L, 'seekApply') });
  const goalNote = h('p', { class: 'hint', 'data-role': 'goal-note', hidden: true });
  const box = h('div', { class: 'seek-box', 'data-testid': 'seek' }, facts, reason, already, h('div', { class: 'row' }, apply), goalNote);
  const el = section(
    L,
    'seek',
    'seekTitle',
    h('p', { class: 'note', text: t(L, 'seekIntro') }),
    h(
      'div',
      { class: 'seek-controls' },
      h('div', { class: 'field' }, h('label', { for: 'seek-milestone', text: t(L, 'seekMilestone') }), msel),
      h('div', { class: 'field' }, h('label', { for: 'seek-subject', text: t(L, 'seekSubject') }), ssel),
    ),
    hint,
    pathNote,
    state,
    box,
  );

  // (the actions load with the analysis code: before that, the choice waits)
  life.on(msel, 'change', () => canAct() && commit({ type: 'setAnalysisMilestone', year: Number(msel.value) }));
  life.on(ssel, 'change', () => canAct() && commit({ type: 'setSeekSubject', subject: ssel.value }));
  life.on(apply, 'click', () => {
    const sub = subjectOf(ctx.state);
    if (sub && canAct() && apply.getAttribute('aria-disabled') !== 'true') commit({ type: 'applySeek', level: sub.level, id: sub.id });
  });

  /** @param {State} s */
  function update(s) {
    const sub = subjectOf(s);
    if (msel.value !== String(s.an.milestone)) msel.value = String(s.an.milestone);
    const key = sub ? `${sub.level}:${sub.id}` : '';
    if (ssel.value !== key) ssel.value = key;
    hint.hidden = !sub?.auto;
    const sk = s.an.seeks;
    const answerPath = sk?.path ?? seekPath(s);
    const shown = t(L, `path_${s.path}`);
    setText(pathNote, answerPath === s.path ? t(L, 'seekOnPath', { path: shown }) : t(L, 'seekOnOutlook', { path: shown }));
    const ok = fresh(s);
    const none = ok && sub && !seekOf(s, sub.level, sub.id); // not asked (too many indicators)
    state.hidden = ok && !seekErr(s) && !none;
    setText(state, seekErr(s) ? t(L, 'seekUnavailable', { msg: seekErr(s) }) : none ? t(L, 'seekNotAsked') : ok ? '' : t(L, 'seekCalculating'));
    box.setAttribute('aria-busy', ok ? 'false' : 'true');
    box.classList.toggle('busy', !ok);
    const r = sub && sk ? seekOf(s, sub.level, sub.id) : null;
    const isInd = sub?.level === 'indicator';
    const ind = isInd ? s.indicatorById.get(sub.id) : null;
    setText(v.indexLabel, t(L, 'seekIndex', { year: F.fy(sk?.year ?? s.an.milestone, L), path: t(L, `path_${answerPath}`) }));
    F.put(v.index, F.score(F.scoreOf(r?.index), L), L);
    F.put(v.target, F.score(F.scoreOf(r?.target ?? ms.find((m) => m.year === s.an.milestone)?.value), L), L);
    setText(v.currentLabel, t(L, isInd ? 'seekCurrent' : 'seekCurrentScore'));
    setText(v.requiredLabel, t(L, isInd ? 'seekRequired' : 'seekRequiredScore'));
    const scoreNote = (/** @type {any} */ x) => (F.scoreOf(x) === null ? '' : `（${t(L, 'seekScoreOf', { v: F.score(x, L) })}）`);
    if (isInd)
      F.put(
        v.current,
        r && withUnit(s, ind, F.scoreOf(r.current)) !== null ? `${withUnit(s, ind, F.scoreOf(r.current))}${scoreNote(r.current_score)}` : null,
        L,
      );
    else F.put(v.current, F.score(F.scoreOf(r?.current_score), L), L);
    const reachable = !!r?.reachable;
    if (!r) F.put(v.required, null, L);
    else if (!reachable) F.put(v.required, t(L, 'seekUnreachable'), L);
    else if (isInd) F.put(v.required, `${withUnit(s, ind, F.scoreOf(r.required)) ?? '—'}${scoreNote(r.required_score)}`, L);
    else F.put(v.required, F.score(F.scoreOf(r.required_score), L), L);
    v.required.setAttribute('data-value', String(F.scoreOf(r?.required) ?? ''));
    reason.hidden = !r || reachable;
    let why = r && !reachable ? reasonText(s, sub?.level || 'goal', r) : '';
    const capNeed = F.score(F.scoreOf(r?.required_score), L);
    const cap = F.score(F.scoreOf(s.result?.method?.cap), L);
    if (r?.reason === 'cap' && capNeed && cap) why += t(L, 'seekCapDetail', { v: capNeed, cap });
    setText(reasonMsg, why);
    const idx = F.scoreOf(r?.index);
    already.hidden = !(reachable && idx !== null && idx >= r.target - 1e-9);
    const can = ok && reachable;
    if (can) apply.removeAttribute('aria-disabled');
    else apply.setAttribute('aria-disabled', 'true');
    goalNote.hidden = isInd || !sub;
    if (!goalNote.hidden) setText(goalNote, t(L, 'seekApplyGoalNote', { year: F.fy(sk?.year ?? s.an.milestone, L) }));
  }
  return { el, update };
}
