// The one state and the one `commit(action)` (see ../types.d.ts).
import { PATHS } from './dom.js';
import { createAnalysisState, resetAnalysis } from './analysis-core.js';
import { problemsOf } from './engine.js';
import * as F from './format.js';
import { t, text } from './i18n.js';

/** @typedef {import('../types').State} State */
/** @typedef {import('../types').ScenarioView} ScenarioView */
/** @typedef {import('../types').Problem} Problem */

const noScenario = () => ({ has: false, raw: {}, t: new Map(), v: new Map(), ids: new Set(), method: false });

/**
 * @param {'ja' | 'en'} lang
 * @returns {State}
 */
export function createState(lang) {
  return {
    lang,
    ds: null,
    kpis: [],
    goalById: new Map(),
    indicatorById: new Map(),
    path: 'plan',
    scoreYear: 0,
    valueYear: 0,
    milestoneYears: [],
    whatIfYears: [],
    base: {},
    result: null,
    chartScen: null,
    scen: noScenario(),
    problems: [],
    refusedWarnings: [],
    loadWarnings: [],
    editWarnings: [],
    invalid: new Map(),
    shareUrl: '',
    answersOnly: false,
    an: createAnalysisState(),
    fp: '',
  };
}

export const keys = {
  cell: (id, year) => `${id}|${year}`,
  target: (id, year) => `r|${id}|t${year}`,
  value: (id) => `r|${id}|v`,
  weight: (level, id) => `m|${level}|${id}`,
  cap: 'm|cap',
};

/**
 * @param {State} s
 * @param {import('./engine.js').Engine} engine
 */
export function readDataset(s, engine) {
  const ds = engine.dataset();
  s.ds = ds;
  s.kpis = engine.kpiStatus();
  s.goalById = new Map(ds.goals.map((g) => [g.id, g]));
  s.indicatorById = new Map(ds.indicators.map((i) => [i.id, i]));
  s.path = engine.defaultPath();
  const { first, last } = ds.years;
  s.milestoneYears = (ds.index.milestones || []).map((m) => m.year);
  s.whatIfYears = s.milestoneYears.length ? s.milestoneYears : [last];
  s.scoreYear = s.milestoneYears[0] ?? last;
  s.valueYear = Math.min(Math.max(engine.latestActualYear() + 1, first), last);
  s.base = {};
  for (const p of PATHS) s.base[p] = engine.baseResult(p);
  s.invalid.clear();
  s.shareUrl = '';
  s.fp = fingerprint(engine.datasetText || '');
  resetAnalysis(s);
}

/**
 * @param {State} s
 * @param {import('./engine.js').Engine} engine
 */
export function readScenario(s, engine) {
  const raw = engine.scenario();
  const ids = new Set();
  const tm = new Map();
  const vm = new Map();
  for (const e of raw.targets || []) {
    tm.set(keys.cell(e.indicator, e.year), e.value);
    ids.add(e.indicator);
  }
  for (const e of raw.values || []) {
    vm.set(keys.cell(e.indicator, e.year), e.value);
    ids.add(e.indicator);
  }
  for (const id of Object.keys(raw.weights?.indicators || {})) ids.add(id);
  const w = raw.weights || {};
  const method = Object.keys(raw.method || {}).length + Object.keys(w.goals || {}).length + Object.keys(w.policies || {}).length > 0;
  s.scen = { has: !engine.scenarioIsEmpty(), raw, t: tm, v: vm, ids, method };
}

/**
 * @param {State} s
 * @param {import('./engine.js').Engine} engine
 */
export function readResult(s, engine) {
  s.result = engine.result(s.path);
  /** @type {Record<string, Array<number | null>> | null} */
  let scen = null;
  if (s.scen.has) {
    scen = {};
    for (const p of PATHS) {
      const idx = p === s.path ? s.result.index : engine.index(p);
      if (!F.sameSeries(idx, s.base[p].index)) scen[p] = idx;
    }
    if (!Object.keys(scen).length) scen = null;
  }
  s.chartScen = scen;
}

/** @typedef {import('../types').Outcome} Outcome */

/** @typedef {import('../types').App} App */

export function faultOf(e) {
  const msg = String(e?.message || e);
  return { severity: 'error', path: '$', code: 'page', message: { ja: t('ja', 'errPage', { msg }), en: t('en', 'errPage', { msg }) } };
}

function refusal(app, e) {
  const s = app.state;
  if (e?.panic) return { rescore: false, ret: { ok: false, errors: problemsOf(e), warnings: [] } };
  const all = problemsOf(e);
  let errors = all.filter((p) => p.severity !== 'warning');
  if (!errors.length) errors = all;
  s.problems = errors;
  s.refusedWarnings = all.filter((p) => !errors.includes(p));
  return { rescore: false, refused: errors, say: t(s.lang, 'stRefused', { n: errors.length }), ret: { ok: false, errors, warnings: s.refusedWarnings } };
}

function invalid(app, key, msg) {
  const had = app.state.invalid.get(key) === msg;
  app.state.invalid.set(key, msg);
  return { rescore: false, say: had ? null : t(app.state.lang, 'stInvalid', { msg }) };
}

const messageOf = (/** @type {App} */ app, e) => text(problemsOf(e)[0].message, app.state.lang);

const numberOf = (raw, bad) => (bad ? Number.NaN : raw.trim() === '' ? null : Number(raw.trim()));

function cellEdit(app, a, kind) {
  const s = app.state;
  const L = s.lang;
  const ind = s.indicatorById.get(a.id);
  if (!ind) throw new Error(`no indicator ${a.id}`);
  const key = kind === 't' ? keys.target(a.id, a.year) : keys.value(a.id);
  const given = (kind === 't' ? ind.targets : ind.values)?.[a.year];
  let v = numberOf(a.raw, a.bad);
  if (v === null) {
    if (given != null) return invalid(app, key, t(L, 'errEmpty'));
    v = undefined;
  } else if (!Number.isFinite(v)) {
    return invalid(app, key, t(L, 'errNumber'));
  } else if (v === given) {
    v = undefined; // back to the dataset's own figure
  }
  let warned;
  try {
    warned = app.engine.edit(kind === 't' ? 'setTarget' : 'setValue', a.id, a.year, v);
  } catch (e) {
    if (e?.panic) throw e;
    return invalid(app, key, messageOf(app, e));
  }
  s.invalid.delete(key);
  const msg = kind === 't' ? (v === undefined ? 'stTargetRemoved' : 'stTarget') : v === undefined ? 'stValueRemoved' : 'stValue';
  return { save: true, say: withWarnings(s, warned, t(L, msg, { name: text(ind.name, L), year: F.fy(a.year, L), v: F.num(v ?? given, L) ?? '' })) };
}

/**
 * An accepted edit's warnings (the engine's: e.g. a target in the base year
 * changes no score) are kept for the warnings list and said after `said`.
 * @param {State} s @param {Problem[] | undefined} warned @param {string} said
 */
function withWarnings(s, warned, said) {
  s.editWarnings = warned || [];
  return s.editWarnings.length ? `${said} ${text(s.editWarnings[0].message, s.lang)}` : said;
}

function methodEdit(app, key, what, shown, call) {
  let warned;
  try {
    warned = call();
  } catch (e) {
    if (e?.panic) throw e;
    return invalid(app, key, messageOf(app, e));
  }
  app.state.invalid.delete(key);
  return { save: true, say: withWarnings(app.state, warned, t(app.state.lang, 'stMethod', { what, v: shown })) };
}

function clearInvalid(/** @type {App} */ app, prefix = '') {
  for (const k of [...app.state.invalid.keys()]) if (k.startsWith(prefix)) app.state.invalid.delete(k);
}

/** @type {Record<string, (app: App, a: any) => Outcome | Promise<Outcome>>} */
/** The actions; the analysis code adds its own when it loads (analysis.js). */
export const ACTIONS = {
  setTarget: (app, a) => cellEdit(app, a, 't'),
  setValue: (app, a) => cellEdit(app, a, 'v'),
  setAggregate(app, a) {
    const m = app.state.ds.index.method;
    const L = app.state.lang;
    return methodEdit(app, 'm|aggregate', t(L, 'aggregate'), t(L, `aggregate_${a.value}`), () =>
      app.engine.edit('setAggregate', a.value === m.aggregate ? undefined : a.value),
    );
  },
  setVia(app, a) {
    const m = app.state.ds.index.method;
    const L = app.state.lang;
    return methodEdit(app, 'm|via', t(L, 'via'), t(L, `via_${a.value}`), () =>
      app.engine.edit('setVia', a.value === m.via.join() ? undefined : a.value.split(',')),
    );
  },
  setCap(app, a) {
    const m = app.state.ds.index.method;
    const L = app.state.lang;
    const v = numberOf(a.raw, a.bad); // NaN: the engine refuses it with its own message
    return methodEdit(app, keys.cap, t(L, 'cap'), v === null ? t(L, 'none') : a.raw, () => {
      if (v === m.cap) return app.engine.edit('resetCap');
      return app.engine.edit('setCap', v);
    });
  },
  setWeight(app, a) {
    const s = app.state;
    const key = keys.weight(a.level, a.id);
    const v = numberOf(a.raw, a.bad);
    if (v === null) return invalid(app, key, t(s.lang, 'errEmpty'));
    const own = (a.level === 'goal' ? s.goalById.get(a.id) : s.ds.policies.find((p) => p.id === a.id))?.weight ?? 1;
    return methodEdit(app, key, t(s.lang, 'labelWeight', { name: a.id }), a.raw, () => app.engine.edit('setWeight', a.level, a.id, v === own ? undefined : v));
  },
  resetMethod(app) {
    app.state.editWarnings = [];
    const w = app.state.scen.raw.weights || {};
    app.engine.edit('setAggregate');
    app.engine.edit('setVia');
    app.engine.edit('resetCap');
    for (const id in w.goals) app.engine.edit('setWeight', 'goal', id);
    for (const id in w.policies) app.engine.edit('setWeight', 'policy', id);
    clearInvalid(app, 'm|');
    return { save: true, say: t(app.state.lang, 'stMethodReset') };
  },
  resetRow(app, a) {
    app.state.editWarnings = [];
    app.engine.edit('resetIndicator', a.id);
    clearInvalid(app, `r|${a.id}|`);
    const ind = app.state.indicatorById.get(a.id);
    return { save: true, say: t(app.state.lang, 'stResetRow', { name: ind ? text(ind.name, app.state.lang) : a.id }) };
  },
  resetAll(app) {
    app.state.editWarnings = [];
    app.engine.edit('resetAll');
    clearInvalid(app);
    return { save: true, say: t(app.state.lang, 'stResetAll') };
  },

  setPath(app, a) {
    if (!PATHS.includes(a.path)) return { rescore: false };
    app.state.path = a.path;
    return { say: a.quiet ? null : t(app.state.lang, 'stPath', { path: t(app.state.lang, `path_${a.path}`) }) };
  },
  setScoreYear(app, a) {
    app.state.scoreYear = a.year;
    return { say: t(app.state.lang, 'stYear', { year: F.fy(a.year, app.state.lang) }) };
  },
  setValueYear(app, a) {
    app.state.valueYear = a.year;
    clearInvalid(app, 'r|');
    return { rescore: false };
  },
  setLang(app, a) {
    app.state.lang = a.lang;
    return { rebuild: true, say: t(a.lang, 'stLang') };
  },
  reconnect: () => ({ rebuild: true, rescore: false, analysis: true }),
  recovered(app) {
    app.state.editWarnings = [];
    clearInvalid(app);
    return { say: t(app.state.lang, 'stRecovered') };
  },
  announce: (_app, a) => ({ rescore: false, say: a.msg }),

  async loadDataset(app, a) {
    const s = app.state;
    const { engine } = app;
    const prev = s.ds && { text: engine.datasetText, scen: engine.scenarioText, warnings: s.loadWarnings };
    let warnings;
    try {
      if (!engine.glue) throw app.initError || new Error('engine not loaded');
      warnings = await engine.load(a.text);
    } catch (e) {
      return refusal(app, e);
    }
    readDataset(s, engine);
    s.problems = [];
    s.refusedWarnings = [];
    s.loadWarnings = warnings || [];
    s.editWarnings = [];
    // ---- persist: a dataset the user loaded is kept for the next visit (modules/persist.js)
    s.kept = a.kept;
    if (a.origin !== 'first' && !a.src) app.later().then((m) => m.persist.keep(app, a.text));
    const restored = a.origin === 'first' ? await app.restore() : null;
    const say = restored ? t(s.lang, restored) : a.origin !== 'first' ? t(s.lang, 'stLoaded', { title: text(s.ds.title, s.lang) }) : null;
    const undo = async () => {
      await engine.settled();
      if (!prev) throw new Error('no previous dataset');
      await engine.load(prev.text);
      engine.edit('applyScenario', prev.scen);
      readDataset(s, engine);
      s.loadWarnings = prev.warnings;
    };
    return { rebuild: true, save: true, say, ret: { ok: true, errors: [], warnings: s.loadWarnings }, undo };
  },
  applyScenario(app, a) {
    const s = app.state;
    if (!s.ds) return refusal(app, new Error('no dataset'));
    const prev = app.engine.scenarioText;
    let warnings;
    try {
      warnings = app.engine.edit('applyScenario', a.text);
    } catch (e) {
      return refusal(app, e);
    }
    s.problems = [];
    s.refusedWarnings = [];
    s.loadWarnings = warnings || [];
    s.editWarnings = [];
    clearInvalid(app);
    return {
      save: true,
      say: t(s.lang, a.msgKey || 'stScenario'),
      ret: { ok: true, errors: [], warnings: s.loadWarnings },
      undo: () => app.engine.edit('applyScenario', prev),
    };
  },
  loadAny(app, a) {
    const kind = app.engine.detectFormat(a.text);
    return kind === 'scenario' ? ACTIONS.applyScenario(app, { text: a.text }) : ACTIONS.loadDataset(app, { text: a.text, origin: 'input' });
  },
  fetchFailed(app, a) {
    const msg = a.msg;
    app.state.problems = [
      { severity: 'error', path: a.src, code: 'fetch', message: { ja: t('ja', 'stLoadFailed', { msg }), en: t('en', 'stLoadFailed', { msg }) } },
    ];
    app.state.refusedWarnings = [];
    return { rescore: false, say: t(app.state.lang, 'stLoadFailed', { msg }) };
  },
  refuse: (app, a) => refusal(app, a.error),
  showProblems(app, a) {
    app.state.problems = a.problems;
    app.state.refusedWarnings = [];
    return { rescore: false };
  },

  saveScenario(app) {
    if (!app.state.ds) return { rescore: false };
    app.download(app.engine.scenarioJson());
    return { rescore: false, say: t(app.state.lang, 'stSaved') };
  },
  share: (app) => app.later().then((m) => m.persist.share(app)), // ---- persist: modules/persist.js
};

/**
 * @param {App} app
 * @returns {(action: {type: string, [k: string]: any}) => any}
 */
/** The actions an `input` event sends (a slider's step, a key typed): announced once the input pauses. */
const LIVE_EDITS = new Set(['setTarget', 'setValue', 'setCap', 'setWeight', 'setMcField']);

export function createCommit(app) {
  const s = app.state;

  const finish = (/** @type {Outcome} */ o, a) => {
    const rescore = !!s.ds && o.rescore !== false;
    if (rescore) {
      readScenario(s, app.engine);
      readResult(s, app.engine);
    }
    if (o.rebuild) app.invalidate();
    // ---- ui-band: the analysis is asked before the render, so the views show its answers as stale (updating)
    const ask = rescore || o.analysis;
    if (ask) app.analysis?.refresh(app);
    s.answersOnly = !!o.answers && !rescore && !o.rebuild;
    if (o.render !== false) app.render();
    if (o.save && s.ds) save(key(text(s.ds.title, 'ja'), s.fp), s.scen.has ? app.engine.scenarioText : null);
    if (o.say) app.say(o.say, LIVE_EDITS.has(a.type)); // ---- a11y: an edit by input events is said at its pause
    if (rescore) app.emit('vi-change', app.engine.snapshot(s.path));
    if (o.refused) app.emit('vi-error', { errors: o.refused });
    if (a.t0 != null) measure(a.t0);
    return o.ret;
  };

  const fault = (e) => {
    if (e?.panic) return undefined; // recovery commits `recovered`
    console.error(e);
    s.problems = [faultOf(e)];
    s.refusedWarnings = [];
    try {
      app.render();
    } catch {
      /* the errors cannot even be shown */
    }
    app.say(text(s.problems[0].message, s.lang));
    return { ok: false, errors: s.problems, warnings: [] };
  };

  const undoing = async (/** @type {Outcome} */ o, a, e) => {
    if (!e?.panic) console.error(e);
    try {
      await o.undo?.();
      finish({ rebuild: !!o.rebuild }, {});
    } catch {
      s.ds = null;
      app.invalidate();
      app.render();
    }
    return finish(refusal(app, { problems: [faultOf(e)] }), a);
  };

  const tail = (/** @type {Outcome} */ o, a) => {
    try {
      return finish(o, a);
    } catch (e) {
      if (o.undo) return undoing(o, a, e);
      return fault(e);
    }
  };

  const commit = (/** @type {any} */ action) => {
    const handler = ACTIONS[action.type];
    if (!handler) throw new Error(`unknown action ${action.type}`);
    let o;
    try {
      o = handler(app, action);
    } catch (e) {
      return fault(e);
    }
    if (o instanceof Promise) return o.then((r) => tail(r, action), fault);
    return tail(o, action);
  };
  app.commit = commit;
  return commit;
}

function measure(t0) {
  window.__vi ??= {};
  const vi = window.__vi;
  vi.lastEditHandlerMs = performance.now() - t0;
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      vi.lastEditMs = performance.now() - t0;
      ch.port1.close();
    };
    ch.port2.postMessage(0);
  });
}

// ---- persistence: the autosave key (by the dataset's fingerprint) and the IndexedDB read of
// a kept dataset, before the first render; the rest (writes, share links) in modules/persist.js.
// README, "Persistence".

/**
 * FNV-1a 64 of the UTF-8 text, as 16 hex digits: the dataset's fingerprint (in
 * share links and autosave keys). Not SHA-256: crypto.subtle is missing on plain http.
 * @param {string} str
 */
export function fingerprint(str) {
  let lo = 0x84222325;
  let hi = 0xcbf29ce4;
  for (const b of new TextEncoder().encode(str)) {
    lo = (lo ^ b) >>> 0;
    // × 0x100000001b3 (= 2^40 + 435), modulo 2^64, in two 32-bit halves
    const m = lo * 435;
    hi = (Math.imul(hi, 435) + ((m / 2 ** 32) | 0) + (lo << 8)) >>> 0;
    lo = m >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** The autosave key of a dataset: its title and fingerprint (without `fp`: the old key, by title only). */
export const key = (titleJa, fp) => 'vision-index:scenario:' + titleJa + (fp ? ':' + fp : '');

export function load(k) {
  try {
    return localStorage.getItem(k);
  } catch {
    return null;
  }
}

export function save(k, json) {
  try {
    if (json == null) localStorage.removeItem(k);
    else localStorage.setItem(k, json);
  } catch {}
}

/** Where the kept dataset of the element whose `src` is `src` is stored. */
export const keptKey = (/** @type {string | null} */ src) => 'vision-index:dataset:' + new URL(src || '', document.baseURI).href;

/** Opens the page's IndexedDB (`vision-index`, store `kept`). @returns {Promise<IDBDatabase>} */
export function openDb() {
  return new Promise((resolve, reject) => {
    const o = indexedDB.open('vision-index', 1);
    o.onupgradeneeded = () => o.result.createObjectStore('kept');
    o.onsuccess = () => resolve(o.result);
    o.onerror = reject;
  });
}

/**
 * The kept dataset `{ text, title, at }`, or null. localStorage says whether there is one
 * (`{ idb: 1 }`: in IndexedDB; or the record itself when IndexedDB refused it), so that
 * without one the first render does not wait for IndexedDB to open.
 * @param {string} k
 */
export function readKept(k) {
  const m = JSON.parse(load(k) || 'null');
  return !m || m.text
    ? m
    : openDb()
        .then(
          (db) =>
            new Promise((resolve) => {
              const r = db.transaction('kept').objectStore('kept').get(k);
              r.onsuccess = r.onerror = () => resolve(r.result);
              db.close(); // closes once the request is done
            }),
        )
        .catch(() => null);
}
