// The analysis actions (SPEC §8) and how the answers the views show (status,
// goal seek, contributions, the Monte Carlo band) are asked for after every
// change. Loaded with the analysis code after the first render (analysis.js
// registers the actions); the state's shape is in analysis-core.js.
// The answers come from the analysis workers (analysis.js), so they arrive a
// little after the scores: `stale` says the ones on show are for an older state.

import { SEEK_ACTIONS } from './seek-actions.js'; // ---- goal seek UI

/** @typedef {import('../types').State} State */
/** @typedef {import('../types').AnalysisState} AnalysisState */
/** @typedef {import('../types').App} App */

export { MC_DEFAULTS, SEEK_ALL_MAX, createAnalysisState, resetAnalysis, seekPath } from './analysis-core.js';
import { SEEK_ALL_MAX, seekPath } from './analysis-core.js';
import { ACTIONS } from './state.js';

/**
 * Asks both workers for what the views show of the current state; each answer
 * commits `analysisArrived` unless a newer state asked again meanwhile.
 * @param {App} app
 */
export function refreshAnalysis(app) {
  const s = app.state;
  if (!s.ds || !app.analysis) return;
  const a = s.an;
  // the answers depend on the dataset, the scenario, the path and the options only:
  // a change of anything else (the language, the score year, a reconnection) keeps them
  const { datasetText, scenarioText } = app.engine;
  const asked = [
    s.path,
    a.milestone,
    a.contribYear,
    a.mc.draws,
    a.mc.seed,
    a.mc.weights,
    a.mc.spread,
    ...a.compare.flatMap((c) => [c.name, c.scenario]),
    scenarioText,
  ];
  const same = a.askedDataset === datasetText && a.asked.length === asked.length && a.asked.every((x, i) => x === asked[i]);
  if (same && !a.stale && !a.bandStale && !a.error && !a.bandError) return;
  a.askedDataset = datasetText;
  a.asked = asked;
  ++a.version;
  a.stale = a.bandStale = true;
  // Asked once the change is on screen (the next frame), for the state then: the
  // workers' CPU and the answers' renders do not delay the edit's own frame, and
  // the changes of one frame (a drag) ask once.
  const an = app.analysis;
  if (an.scheduled) return;
  an.scheduled = true;
  requestAnimationFrame(() =>
    setTimeout(() => {
      an.scheduled = false;
      if (app.analysis === an && !an.stopped) ask(app);
    }, 0),
  );
}

/**
 * Sends the requests for the current state (see refreshAnalysis).
 * @param {App} app
 */
function ask(app) {
  const s = app.state;
  if (!s.ds || !app.analysis) return;
  const a = s.an;
  const v = a.version;
  const ids = {
    goals: s.ds.goals.map((/** @type {any} */ g) => g.id),
    indicators: s.ds.indicators.filter((/** @type {any} */ i) => i.stage === 'outcome_long').map((/** @type {any} */ i) => i.id),
  };
  // Past SEEK_ALL_MAX outcome indicators, goal seek after each change is for the
  // target states only (each seek scores the dataset: 1,000 of them would take seconds).
  if (ids.indicators.length > SEEK_ALL_MAX) ids.indicators = [];
  const quick = [
    { op: 'status', args: [] },
    { op: 'seekAll', args: [a.milestone, seekPath(s), ids] },
    { op: 'contrib', args: [a.contribYear, s.path] },
    ...a.compare.map((c) => ({ op: 'score', args: [c.scenario, [s.path]] })),
  ];
  const { draws, seed, weights, spread } = a.mc;
  const mc = [{ op: 'uncertainty', args: [draws, BigInt(seed), s.path, weights, spread] }];
  const arrived = (/** @type {'quick' | 'mc'} */ lane) => (/** @type {any} */ results) => {
    if (results) app.commit?.({ type: 'analysisArrived', lane, results, version: v });
  };
  const failed = (/** @type {'quick' | 'mc'} */ lane) => (/** @type {any} */ e) => app.commit?.({ type: 'analysisFailed', lane, error: e, version: v });
  app.analysis.ask('quick', quick, 'views').then(arrived('quick'), failed('quick'));
  app.analysis.ask('mc', mc, 'band').then(arrived('mc'), failed('mc'));
}

/**
 * One op's answer for a view: its object, or null when it was refused.
 * @param {{ text?: string, value?: any, error?: any }} r
 */
const safe = (r) => (r.error ? null : r.value !== undefined ? r.value : JSON.parse(/** @type {string} */ (r.text)));

/** The analysis actions, merged into state.js's ACTIONS. */
export const ANALYSIS_ACTIONS = {
  analysisArrived(/** @type {App} */ app, /** @type {any} */ act) {
    const a = app.state.an;
    if (act.version !== a.version) return { rescore: false, render: false };
    const r = act.results;
    if (act.lane === 'quick') {
      a.status = safe(r[0]);
      a.seeks = safe(r[1]);
      a.contrib = safe(r[2]);
      a.compare.forEach((c, i) => {
        c.result = safe(r[3 + i]);
        c.refused = r[3 + i]?.error ?? null; // why it cannot be scored (shown with the row)
      });
      a.stale = false;
      a.error = null;
      // a refused question (e.g. goal seek in a dataset without milestones) is said, not awaited
      a.seeksError = r[1]?.error ? String(r[1].error.message) : null;
      a.ms.quick = app.analysis?.quick.lastMs ?? 0;
    } else {
      a.band = safe(r[0]);
      a.bandStale = false;
      a.bandError = r[0]?.error ? String(r[0].error.message) : null;
      a.ms.mc = app.analysis?.mc.lastMs ?? 0;
    }
    return { rescore: false, answers: true };
  },
  /** A lane's worker failed: its answers are gone (not shown as current), its error is said. */
  analysisFailed(/** @type {App} */ app, /** @type {any} */ act) {
    const a = app.state.an;
    if (act.version !== a.version) return { rescore: false, render: false };
    const msg = String(act.error?.message || act.error);
    if (act.lane === 'mc') {
      a.band = null;
      a.bandError = msg;
      a.bandStale = false;
    } else {
      a.status = a.seeks = a.contrib = null;
      a.error = msg;
      a.stale = false;
    }
    return { rescore: false, answers: true };
  },
  /** The analysis code has loaded: ask for what the views show. */
  analysisReady: () => ({ rescore: false, analysis: true, answers: true }),
  setAnalysisMilestone(/** @type {App} */ app, /** @type {any} */ act) {
    app.state.an.milestone = act.year;
    return { rescore: false, analysis: true };
  },
  setContribYear(/** @type {App} */ app, /** @type {any} */ act) {
    app.state.an.contribYear = act.year;
    return { rescore: false, analysis: true };
  },
  setMc(/** @type {App} */ app, /** @type {any} */ act) {
    Object.assign(app.state.an.mc, act.mc);
    return { rescore: false, analysis: true };
  },
  // ---- goal seek UI: the panel's subject and its apply button (seek-actions.js)
  ...SEEK_ACTIONS,
};

// ---- ui-band: the Monte Carlo options typed in the page, and the scenarios compared

/** The range the page offers for the Monte Carlo's weight range R and spread E. */
export const MC_LIMITS = Object.freeze({ min: 0, max: 0.5 });
/** At most this many named scenarios are compared. */
export const COMPARE_MAX = 3;
/** The key of an option's refused input in `s.invalid`. */
export const mcKey = (/** @type {string} */ field) => `an|mc|${field}`;

/** The message of a refused action (here: plain strings, the view words them). */
const refuse = (/** @type {App} */ app, /** @type {string} */ key, /** @type {string} */ msg) => {
  const had = app.state.invalid.get(key) === msg;
  app.state.invalid.set(key, msg);
  return { rescore: false, analysis: false, say: had ? null : msg };
};

Object.assign(ANALYSIS_ACTIONS, {
  /**
   * One Monte Carlo option typed or dragged: `{field: 'weights' | 'spread', raw, msgs}`.
   * A refused input (not a number, outside 0–0.5) keeps the option as it was and is
   * listed in `s.invalid` with the message `msgs.number` or `msgs.range`.
   */
  setMcField(/** @type {App} */ app, /** @type {any} */ act) {
    const key = mcKey(act.field);
    const raw = String(act.raw ?? '').trim();
    const v = raw === '' || act.bad ? Number.NaN : Number(raw);
    if (!Number.isFinite(v)) return refuse(app, key, act.msgs.number);
    if (v < MC_LIMITS.min || v > MC_LIMITS.max) return refuse(app, key, act.msgs.range);
    app.state.invalid.delete(key);
    const mc = /** @type {any} */ (app.state.an.mc);
    if (mc[act.field] === v) return { rescore: false, analysis: false };
    mc[act.field] = v;
    return { rescore: false, analysis: true };
  },
  /**
   * Adds `{name, scenario}` to the comparison (the engine's current scenario when
   * `scenario` is not given). Refused (with `act.msgs.full`, `.empty`, `.taken`,
   * `.notScenario`): a fourth one, an empty name, a name already there, a text
   * that is no scenario.
   */
  compareAdd(/** @type {App} */ app, /** @type {any} */ act) {
    const a = app.state.an;
    const name = String(act.name ?? '').trim();
    const key = 'an|compare';
    if (a.compare.length >= COMPARE_MAX) return refuse(app, key, act.msgs.full);
    if (!name) return refuse(app, key, act.msgs.empty);
    if (a.compare.some((c) => c.name === name)) return refuse(app, key, act.msgs.taken);
    let scenario = act.scenario ?? app.engine.scenarioText;
    if (act.scenario != null) {
      let kind = null;
      try {
        kind = app.engine.detectFormat(act.scenario);
      } catch {
        kind = null;
      }
      if (kind !== 'scenario') return refuse(app, key, act.msgs.notScenario);
    }
    if (scenario == null) scenario = '{}';
    app.state.invalid.delete(key);
    a.compare.push({ name, scenario, result: null });
    return { rescore: false, analysis: true, say: act.msgs.added };
  },
  /** Removes the compared scenario named `act.name`. */
  compareRemove(/** @type {App} */ app, /** @type {any} */ act) {
    const a = app.state.an;
    a.compare = a.compare.filter((c) => c.name !== act.name);
    app.state.invalid.delete('an|compare');
    return { rescore: false, analysis: true, say: act.msgs?.removed ?? null };
  },
});

// The analysis actions join the page's when this code loads (with the analysis or with an analysis view).
Object.assign(ACTIONS, ANALYSIS_ACTIONS);
