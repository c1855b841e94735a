// The goal seek UI's messages (「目標達成に必要な値」, SPEC §8.2), Japanese and English:
// loaded with its code after the first render, so that they are not in the first
// load (the catalogue in i18n.js keeps the two the first render shows: seekTitle, seekCol).
// `ts` falls back to the page's catalogue for every other key.
import { t } from './i18n.js';

/** @type {Record<string, Record<string, string>>} */
const SEEK = {
  ja: {
    seekIntro: 'ほかの条件はそのままで、指数がちょうど目標値になるには、選んだ指標の目標値（または目指す姿の得点）がいくつ必要かを計算します。',
    seekMilestone: '目標年度',
    seekSubject: '対象',
    seekGroupGoals: '目指す姿',
    seekGroupIndicators: '指標（中長期アウトカム）',
    seekDefaultHint: '初期表示は、必要な得点の伸び率が最も大きい目指す姿です。',
    seekOnPath: '{path}の経路についての答えです。',
    seekOnOutlook: '表示中の経路は{path}です。この答えは見込みの経路についてのものです。',
    seekIndex: '指数（{year}・{path}）',
    seekTarget: '目標値',
    seekCurrent: '現在の値',
    seekRequired: '必要な値',
    seekCurrentScore: '現在の得点',
    seekRequiredScore: '必要な得点',
    seekScoreOf: '得点 {v}',
    seekAlready: 'この経路では、指数はすでに目標値以上です。必要な値は、指数がちょうど目標値になる値です。',
    seekUnreachable: '届きません',
    seekReason_no_effect: 'この指標は指数に影響しません（重み 0、中長期アウトカムでない、または見込みではその年度まで実績があります）',
    seekReasonGoal_no_effect: 'この目指す姿は指数に影響しません（重み 0）',
    seekReason_cap: '上限（cap）を超える値が必要です',
    seekReason_negative: '必要な値が 0 未満になります（下げても届きません／すでに上回っています）',
    seekApply: 'この値を仮定として適用',
    seekApplyGoalNote:
      '目指す姿の場合は、その中長期アウトカム指標の{year}の目標値を、得点が同じ倍率になるよう比例して変えます（重み 0・得点なしの指標は変えません）。上限があると届かないことがあります。',
    seekCalculating: '計算中…',
    seekUnavailable: '分析を利用できません：{msg}',
    seekCellLabel: '{id} の必要な値（{year}）：{v}。目標達成に必要な値の欄で確認・適用',
    seekCellLabelNo: '{id} の必要な値（{year}）：届きません（{reason}）。目標達成に必要な値の欄で確認',
    seekCellBusy: '{id} の必要な値（{year}）：計算中',
    seekNotAsked: '指標が多いため、指標ごとの必要な値は計算していません（目指す姿については計算しています）',
    stSeekApplied: '{name}の{year}の目標値を{v}とする仮定を適用しました',
    stSeekAppliedGoal: '{name}：指標{n}件の{year}の目標値を比例して変える仮定（得点×{k}）を適用しました',
    seekCapDetail: '（必要な得点 {v}、上限 {cap}）',
    stSeekNot: '適用できません：{msg}',
  },
  en: {
    seekIntro: 'All else fixed, what the chosen indicator’s target (or the target state’s score) must be for the index to equal the milestone.',
    seekMilestone: 'Milestone',
    seekSubject: 'Subject',
    seekGroupGoals: 'Target states',
    seekGroupIndicators: 'Indicators (long-term outcomes)',
    seekDefaultHint: 'Shown first: the target state whose score must grow the most, in proportion.',
    seekOnPath: 'The answer is for the {path} path.',
    seekOnOutlook: 'The path shown is {path}; this answer is for the outlook path.',
    seekIndex: 'Index ({year}, {path})',
    seekTarget: 'Milestone',
    seekCurrent: 'Now',
    seekRequired: 'Required',
    seekCurrentScore: 'Score now',
    seekRequiredScore: 'Score required',
    seekScoreOf: 'score {v}',
    seekAlready: 'On this path the index is already at or above the milestone; the value shown makes it exactly the milestone.',
    seekUnreachable: 'Out of reach',
    seekReason_no_effect: 'This indicator does not affect the index (weight 0, not a long-term outcome, or on the outlook it has actuals up to that year)',
    seekReasonGoal_no_effect: 'This target state does not affect the index (weight 0)',
    seekReason_cap: 'It would need a value above the cap',
    seekReason_negative: 'The value needed is below 0 (lowering it cannot get there / the index is already above)',
    seekApply: 'Apply as a what-if',
    seekApplyGoalNote:
      'For a target state, its long-term outcome indicators’ targets for {year} change in proportion so that each score is multiplied by the same factor (indicators with weight 0 or no score stay). With a cap it may fall short.',
    seekCalculating: 'Calculating…',
    seekUnavailable: 'The analysis is unavailable: {msg}',
    seekCellLabel: '{id}: required for {year}: {v}. Review and apply it in “What it would take”',
    seekCellLabelNo: '{id}: required for {year}: out of reach ({reason}). Review it in “What it would take”',
    seekCellBusy: '{id}: required for {year}: calculating',
    seekNotAsked: 'With this many indicators the required value is not computed per indicator (it is for the target states)',
    stSeekApplied: 'Applied the what-if: {name}, target for {year} = {v}',
    stSeekAppliedGoal: 'Applied the what-if: {name}: targets for {year} of {n} indicators changed in proportion (score × {k})',
    seekCapDetail: ' (score needed {v}, cap {cap})',
    stSeekNot: 'Cannot apply: {msg}',
  },
};

/**
 * The message `key` in `lang` (this catalogue, then the page's), `{name}` placeholders filled from `vars`.
 * @param {string} lang
 * @param {string} key
 * @param {Record<string, unknown>} [vars]
 * @returns {string}
 */
export function ts(lang, key, vars) {
  const s = SEEK[lang]?.[key] ?? SEEK.ja[key];
  if (s == null) return t(lang, key, vars);
  return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
}
