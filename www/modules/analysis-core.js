// The analysis part of the state (SPEC §8): its shape, what a new dataset resets
// and the path goal seek answers on. Small and in the first load; the actions and
// the requests are in analysis-state.js, loaded with the analysis code.

/** @typedef {import('../types').State} State */
/** @typedef {import('../types').AnalysisState} AnalysisState */

/** The Monte Carlo the page runs after every change (SPEC §8.4's defaults; the seed is fixed, so a state always shows the same band). */
export const MC_DEFAULTS = Object.freeze({ draws: 10000, seed: 1, weights: 0, spread: 0.1 });

/** @returns {AnalysisState} */
export function createAnalysisState() {
  return {
    milestone: 0,
    contribYear: 0,
    mc: { ...MC_DEFAULTS },
    status: null,
    seeks: null,
    contrib: null,
    band: null,
    stale: true,
    bandStale: true,
    error: null,
    asked: [],
    askedDataset: null,
    seeksError: null,
    bandError: null,
    version: 0,
    ms: { quick: 0, mc: 0 },
    compare: [],
  };
}

/** The most outcome indicators for which every indicator's goal seek is asked after each change (and the indicator table has a column for it). */
export const SEEK_ALL_MAX = 200;

/** Indicator-years the page's Monte Carlo scores after each change, at most (about 0.1 s in the worker). */
export const MC_WORK = 2_500_000;

/**
 * The draws of the page's Monte Carlo for a dataset: 10,000 (SPEC's example), fewer
 * for a large dataset so that a run after each change stays near 0.1 s, never
 * under 1,000. The band's sentence says how many.
 * @param {any} ds
 */
export function drawsFor(ds) {
  const n = ds?.indicators?.filter((/** @type {any} */ i) => i.stage === 'outcome_long').length || 1;
  const years = ds ? ds.years.last - ds.years.first + 1 : 1;
  return Math.max(1000, Math.min(MC_DEFAULTS.draws, Math.floor(MC_WORK / (n * years))));
}

/**
 * After a new dataset: the first milestone, no answers yet.
 * @param {State} s
 */
export function resetAnalysis(s) {
  const a = s.an;
  const ms = s.ds?.index?.milestones || [];
  a.milestone = ms[0]?.year ?? s.ds?.years?.last ?? 0;
  a.contribYear = a.milestone;
  a.mc.draws = drawsFor(s.ds);
  a.status = a.seeks = a.contrib = a.band = null;
  a.stale = a.bandStale = true;
  a.error = a.seeksError = a.bandError = null;
  a.asked = [];
  a.askedDataset = null;
  a.compare = [];
}

/** The path goal seek answers on (SPEC §8.2: plan or outlook): the shown one, else outlook. */
export const seekPath = (/** @type {State} */ s) => (s.path === 'plan' ? 'plan' : 'outlook');
