// View: the target states under their policies, with scores and bars.
import { h, section, setText } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';
import { pathInText } from './headline.js';
import { badge, putStatus, statusMilestone } from './status.js';
import { seekCell } from './seek-slot.js';

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s } = ctx;
  const L = s.lang;
  const ds = s.ds;
  /** @type {Map<string, {score: HTMLElement, fill: HTMLElement, base: HTMLElement, delta: HTMLElement, status: HTMLElement}>} */
  const goals = new Map();
  /** @type {Map<string, HTMLElement>} */
  const policies = new Map();
  /** @type {import('../types').View[]} */
  const seekCells = []; // goal seek: the required score per target state
  const max = Math.max(150, ...(ds.index.milestones || []).map((m) => m.value + 20).filter((v) => v < 1e3));
  const barMax = Math.ceil(max / 10) * 10;
  const groups = ds.policies.map((p, pi) => {
    const pscore = h('span', { class: 'pscore', 'data-role': 'score' });
    policies.set(p.id, pscore);
    return h(
      'section',
      { class: 'policy', 'data-policy': p.id, 'aria-labelledby': `pol-${p.id}` },
      h(
        'h4',
        { id: `pol-${p.id}` },
        h('span', { class: 'pno', text: t(L, 'policy', { n: pi + 1 }) }),
        h('span', { class: 'pname', text: text(p.name, L) }),
        pscore,
      ),
      h(
        'ul',
        { class: 'goal-list' },
        ds.goals
          .filter((g) => g.policy === p.id)
          .map((g) => {
            const r = {
              score: h('span', { 'data-role': 'score', class: 'gscore' }),
              fill: h('span', { class: 'fill' }),
              base: h('span', { class: 'basemark', hidden: true }),
              delta: h('span', { class: 'delta' }),
              status: badge({ class: 'pstatus gstatus' }),
            };
            goals.set(g.id, r);
            const mark = h('span', { class: 'mark100' });
            mark.style.left = `${(100 / barMax) * 100}%`;
            const bar = h('span', { class: 'bar', 'aria-hidden': 'true' }, r.fill, r.base, mark);
            return h(
              'li',
              { class: 'goal', 'data-goal': g.id },
              h('span', { class: 'gid', text: g.id }),
              h('span', { class: 'gname', text: text(g.name, L) }),
              bar,
              h('span', { class: 'gval' }, r.score, r.delta),
              r.status,
              h('span', { class: 'gseek' }, seekCells[seekCells.push(seekCell(ctx, 'goal', g.id, true)) - 1].el),
            );
          }),
      ),
    );
  });
  const note = h('p', { class: 'note' });
  const el = section(L, 'goals', 'sectionGoals', note, h('div', { 'data-testid': 'goals', class: 'goals', 'data-roving': '' }, groups));

  function update(s) {
    const res = s.result;
    const base = s.base[s.path];
    const yi = res.years.indexOf(s.scoreYear);
    const sm = statusMilestone(s);
    for (const [gid, r] of goals) {
      putStatus(r.status, sm?.goals?.[gid]?.status, L, !!s.an.error);
      const v = F.at(res.goals[gid], yi);
      const b = F.at(base.goals[gid], yi);
      F.put(r.score, F.score(v, L), L);
      r.fill.style.width = v === null ? '0' : `${Math.min(100, (v / barMax) * 100).toFixed(2)}%`;
      const d = v !== null && b !== null && Math.abs(v - b) >= 0.05 ? F.signed(v - b, L) : '';
      setText(r.delta, d ?? '');
      r.base.hidden = !d;
      if (d && b !== null) r.base.style.left = `${Math.min(100, (b / barMax) * 100).toFixed(2)}%`;
    }
    for (const [pid, e] of policies) {
      const v = F.at(res.policies?.[pid], yi);
      if (v === null) setText(e, '');
      else F.put(e, F.score(v, L), L);
    }
    for (const c of seekCells) c.update(s);
    setText(
      note,
      `${t(L, 'goalsNote', { path: pathInText(s), year: F.fy(s.scoreYear, L) })} ${t(L, 'goalsStatusNote', { year: F.fy(sm?.year ?? s.an.milestone, L) })}`,
    );
  }
  return { el, update };
}
