// View: the index now and the milestones. What a card says depends on the path,
// so that nothing true by construction reads as an achievement: on 計画 whether
// the targets add up to the milestone (整合 / 不整合); on 見込み and 趨勢 the
// outlook (達成見込み / 未達見込み; on 見込み a milestone after the latest actual that the
// targets reach says 目標値どおりなら到達, as it holds by construction) with the index's progress status and the
// Monte Carlo's chance of meeting it (SPEC §8.1, §8.4), or that nothing can be
// judged without an actual; on 実績 the reported value and, where the milestone
// year has one, 目標達成 / 未達. Also the milestone the statuses are judged against.
import { h, section, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';
import { badge, coverageText, putStatus } from './status.js';

/** @typedef {import('../types').State} State */

export const pathInText = (s) => {
  const name = t(s.lang, `path_${s.path}`);
  return s.lang === 'en' ? name.toLowerCase() : name;
};

const ICON = { good: '✓', bad: '✕', none: '—' };

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s, commit, life } = ctx;
  const L = s.lang;
  const ds = s.ds;
  const nowValue = h('span', { 'data-role': 'value' });
  const nowYear = h('p', { class: 'sub', 'data-role': 'year' });
  const nowCover = h('p', { class: 'cover', 'data-role': 'coverage', hidden: true });
  const now = h(
    'div',
    { class: 'card now', 'data-testid': 'headline-now' },
    h('p', { class: 'card-label', text: t(L, 'now') }),
    h('p', { class: 'big' }, nowValue, h('span', { class: 'unit', text: text(ds.index.unit, L) })),
    nowYear,
    nowCover,
    h('p', { class: 'hint', text: t(L, 'nowNote') }),
  );
  /** @type {Map<number, Record<string, HTMLElement>>} */
  const cards = new Map();
  const milestones = ds.index.milestones || [];
  const cardEls = milestones.map((m) => {
    const c = {
      value: h('span', { 'data-role': 'value' }),
      gap: h('span', { 'data-role': 'gap' }),
      met: h('span', { 'data-role': 'met' }),
      icon: h('span', { class: 'icon', 'aria-hidden': 'true' }),
      on: h('span', { class: 'on' }),
      cover: h('p', { class: 'cover', 'data-role': 'coverage', hidden: true }),
      status: badge(),
      statusLine: h('p', { class: 'ms-status', hidden: true }),
      pmeet: h('p', { class: 'ms-pmeet', 'data-role': 'p-met', hidden: true }),
      was: h('p', { class: 'was', hidden: true }),
      card: h('article'),
    };
    c.statusLine.append(h('span', { class: 'k', text: `${t(L, 'progress')}: ` }), c.status);
    c.card = h(
      'article',
      { class: 'card ms', 'data-testid': `milestone-${m.year}`, 'aria-labelledby': `ms-${m.year}` },
      h('h4', { class: 'card-label', id: `ms-${m.year}`, text: m.label ? text(m.label, L) : F.fy(m.year, L) }),
      h('p', { class: 'sub', text: F.fy(m.year, L) }),
      h('p', { class: 'big' }, c.value, c.on),
      c.cover,
      h(
        'dl',
        { class: 'facts' },
        h('div', null, h('dt', { text: t(L, 'target') }), h('dd', { 'data-role': 'target', text: F.score(m.value, L) })),
        h('div', null, h('dt', { text: t(L, 'gap') }), h('dd', null, c.gap)),
      ),
      h('p', { class: 'verdict' }, c.icon, c.met),
      c.statusLine,
      c.pmeet,
      c.was,
    );
    cards.set(m.year, c);
    return c.card;
  });
  const msel = h(
    'select',
    { id: 'status-milestone', 'data-testid': 'status-milestone' },
    milestones.map((m) =>
      h('option', { value: m.year, text: L === 'en' ? `${F.fy(m.year, L)}: ${F.score(m.value, L)}` : `${F.fy(m.year, L)}・${F.score(m.value, L)}` }),
    ),
  );
  const pick =
    milestones.length > 1 ? h('div', { class: 'field inline ms-pick' }, h('label', { for: 'status-milestone', text: t(L, 'statusMilestone') }), msel) : null;
  life.on(msel, 'change', () => commit({ type: 'setAnalysisMilestone', year: Number(msel.value) }));
  const el = section(L, 'headline', 'sectionHeadline', h('div', { class: 'cards' }, now, cardEls), pick);

  /**
   * @param {Record<string, HTMLElement>} c
   * @param {'good' | 'bad' | 'none'} tone
   * @param {string} verdict
   * @param {string} words
   */
  const say = (c, tone, verdict, words) => {
    c.card.setAttribute('data-verdict', verdict);
    c.card.setAttribute('data-tone', tone);
    setText(c.icon, ICON[tone]);
    setText(c.met, words);
  };

  function update(s) {
    const a = s.base.actual;
    let i = a.index.length - 1;
    while (i >= 0 && F.at(a.index, i) === null) i--;
    F.put(nowValue, i >= 0 ? F.score(F.at(a.index, i), L) : null, L);
    setText(nowYear, i >= 0 ? F.fy(a.years[i], L) : '—');
    const nc = i >= 0 ? coverageText(a, ds.goals, i, L) : '';
    setText(nowCover, nc);
    nowCover.hidden = !nc;
    if (msel.value !== String(s.an.milestone)) msel.value = String(s.an.milestone);
    // its action comes with the analysis code (after the first render): usable once an answer is there
    msel.disabled = !s.an.status;

    const base = s.base[s.path];
    const on = t(L, 'onPath', { path: pathInText(s) });
    const judged = s.path === 'outlook' || s.path === 'trend';
    const stMs = s.an.status?.milestones;
    const band = s.an.bandStale ? null : s.an.band;
    for (const m of s.result.milestones) {
      const c = cards.get(m.year);
      if (!c) continue;
      const value = F.scoreOf(m.value);
      // a gap with no double (an index near the top of the range against a negative
      // milestone: null, with the engine's warning) still knows whether it is met
      const gap = F.gapOf(m.gap, L) ?? (value === null ? null : { met: m.met === true, text: '—', digits: 1 });
      // a value just short of the milestone gets the digits that show it (129.996, not 130.0)
      F.put(c.value, gap && !gap.met ? F.fine(value, L, gap.digits) : F.score(value, L), L);
      F.put(c.gap, gap ? (gap.met ? gap.text : t(L, 'gapShort', { gap: gap.text })) : null, L);
      c.card.setAttribute('data-met', m.met === true ? 'true' : 'false');
      setText(c.on, on);
      const yi = s.result.years.indexOf(m.year);
      const cov = value === null ? '' : coverageText(s.result, ds.goals, yi, L);
      setText(c.cover, cov);
      c.cover.hidden = !cov;

      if (s.path === 'plan') {
        if (!gap) say(c, 'none', 'no-value', t(L, 'noValue'));
        else {
          const w = gap.met ? t(L, 'consistent') : t(L, 'inconsistent', { gap: gap.text });
          say(c, gap.met ? 'good' : 'bad', gap.met ? 'consistent' : 'inconsistent', t(L, 'planVerdict', { v: F.fine(value, L, gap.digits), w }));
        }
      } else if (s.path === 'actual') {
        if (!gap) say(c, 'none', 'no-actual', t(L, 'noActual'));
        else say(c, gap.met ? 'good' : 'bad', gap.met ? 'met' : 'missed', t(L, gap.met ? 'actualMet' : 'actualMissed'));
      } else {
        const ist = Array.isArray(stMs) ? stMs.find((/** @type {any} */ x) => x.year === m.year)?.index : undefined;
        const st = ist?.status;
        // on 見込み a milestone after the latest actual is reached by the targets themselves:
        // true by construction, so not 達成見込み — the progress status below is the judgement
        const byTargets = s.path === 'outlook' && gap?.met && typeof ist?.observed_year === 'number' && ist.observed_year < m.year;
        if (!st) say(c, 'none', s.an.error ? 'error' : 'pending', t(L, s.an.error ? 'analysisFailed' : 'calculating'));
        else if (st === 'no_data') say(c, 'none', 'cannot-judge', t(L, 'cannotJudge'));
        else if (!gap) say(c, 'none', 'no-value', t(L, 'noActual'));
        else if (byTargets) say(c, 'none', 'if-targets', t(L, 'ifTargets'));
        else say(c, gap.met ? 'good' : 'bad', gap.met ? 'likely' : 'unlikely', t(L, gap.met ? 'likely' : 'unlikely'));
        putStatus(c.status, st, L, !!s.an.error);
        const pm = band?.milestones?.find((/** @type {any} */ x) => x.year === m.year);
        const p = F.prob(pm?.p_met, L);
        setText(c.pmeet, p === null ? t(L, s.an.bandError && !s.an.band ? 'analysisFailed' : 'calculating') : t(L, 'pMeet', { p }));
        if (p === null) c.pmeet.removeAttribute('title');
        else c.pmeet.title = t(L, 'pMeetLabel', { n: F.num(band.draws, L) });
      }
      c.statusLine.hidden = !judged;
      c.pmeet.hidden = !judged;

      const bm = base.milestones.find((b) => b.year === m.year);
      const differs = s.scen.has && bm && !F.sameSeries([bm.value], [m.value]);
      c.was.hidden = !differs;
      if (differs) setText(c.was, t(L, 'baseWas', { v: F.score(F.scoreOf(bm.value), L) ?? '—' }));
    }
  }
  return { el, update };
}
