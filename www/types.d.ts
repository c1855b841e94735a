// Types of the page, for `tsc --checkJs` only: the browser never loads this
// file (so the page's modules stay small). The modules refer to these types
// with `import('./types').Name` in their JSDoc.

/** A problem of a refused input (SPEC §7 `errors`). */
export interface Problem {
  severity: string;
  path: string;
  code: string;
  message: { ja: string; en: string } | string;
}

/** How a project KPI stands against its target (the engine's `kpiStatus`). */
export interface KpiStatus {
  year: number | null;
  actual: number | null;
  target: number | null;
  /** Achievement, 1 = on target; null when it cannot be told or is not finite. */
  ratio: number | null;
  met: boolean | null;
}

/** The scenario in force, as the views need it. */
export interface ScenarioView {
  /** The scenario changes something (the engine's `scenarioIsEmpty`). */
  has: boolean;
  /** The scenario object (SPEC §4). */
  raw: any;
  /** What-if targets by `id|year`. */
  t: Map<string, number>;
  /** Assumed values by `id|year`. */
  v: Map<string, number>;
  /** The indicators the scenario touches. */
  ids: Set<string>;
  /** The scenario changes the method or a goal/policy weight. */
  method: boolean;
}

/**
 * The one state of the widget. Only `commit` writes it; views read it.
 * Scores are read through `scoreOf` / `at` (format.js): a "no score" may be
 * null, undefined or NaN, depending on how the result crossed the boundary.
 */
export interface State {
  lang: 'ja' | 'en';
  /** The engine's checked copy of the dataset (SPEC §2 shape), or null. */
  ds: any;
  /** KPI status per project and KPI, from the engine. */
  kpis: KpiStatus[][];
  goalById: Map<string, any>;
  indicatorById: Map<string, any>;
  /** The chosen path: actual, plan, outlook or trend. */
  path: string;
  /** The year of the goal and indicator scores. */
  scoreYear: number;
  /** The year of the assumed-value column. */
  valueYear: number;
  milestoneYears: number[];
  /** The years of the what-if target columns. */
  whatIfYears: number[];
  /** Per path: the SPEC §5 result of the untouched dataset. */
  base: Record<string, any>;
  /** The SPEC §5 result on `path` with the scenario. */
  result: any;
  /** Per path: the scenario's index series where it differs from the untouched one; null when none differs. */
  chartScen: Record<string, ArrayLike<number | null>> | null;
  scen: ScenarioView;
  /** The refused input's errors (or a fault of the page). */
  problems: Problem[];
  /** The warnings of the refused input. */
  refusedWarnings: Problem[];
  /** The warnings of the last accepted dataset or scenario. */
  loadWarnings: Problem[];
  /** the warnings of the last edit accepted (the engine's) */
  editWarnings: Problem[];
  /** Input key (see `keys` in state.js) → the message of its refused value. */
  invalid: Map<string, string>;
  shareUrl: string;
  /** The analysis (SPEC §8): options and the answers on show. */
  an: AnalysisState;
  // ---- persist (README, "Persistence")
  /** The dataset's fingerprint (FNV-1a 64 of its text, 16 hex digits). */
  fp: string;
  /** The dataset on show is one the user loaded, kept for the next visit: its title and when. */
  kept?: { title: any; at: number } | null;
  /** A share link that waits for an answer: unreadable, made on other data, or not the saved work. */
  link?: { kind: 'bad' | 'other' | 'conflict' | 'go'; json?: string; fp?: string | null; reason?: any } | null;
  /** The work a share link replaced is kept as a backup (a notice offers it back). */
  backup?: boolean;
  /** ---- workshop: the presenter view (views/workshop.js): open, its panel, the picked indicators, the pool. */
  ws?: any;
  /** This render follows only new analysis answers (no score changed): views may skip the rest. */
  answersOnly: boolean;
}

/** The analysis part of the state (modules/analysis-state.js). */
export interface AnalysisState {
  /** The milestone year of the goal seek answers. */
  milestone: number;
  /** The year of the contributions. */
  contribYear: number;
  /** The Monte Carlo run after every change. */
  mc: { draws: number; seed: number; weights: number; spread: number };
  /** `vision-index-status/1`, or null before the first answer. */
  status: any;
  /** Goal seek for every goal and outcome_long indicator: `{ year, path, goals: {id: seek}, indicators: {id: seek} }`. */
  seeks: any;
  /** `vision-index-contrib/1` for `contribYear` on the shown path. */
  contrib: any;
  /** `vision-index-uncertainty/1` on the shown path. */
  band: any;
  /** The quick answers on show are for an older state (newer ones are on their way). */
  stale: boolean;
  /** The band on show is for an older state. */
  bandStale: boolean;
  /** Why the quick answers (status, goal seek, contributions) cannot be had, or null. */
  error: string | null;
  /** Why goal seek was refused (e.g. no milestone), or null. */
  seeksError: string | null;
  /** Why the Monte Carlo cannot be had, or null. */
  bandError: string | null;
  /** What the answers on show (or on their way) were asked for: the path, the options, the compared scenarios, the scenario text. */
  asked: Array<string | number>;
  /** The dataset text they were asked for. */
  askedDataset: string | null;
  /** Counts the requests: an answer for an older one is dropped. */
  version: number;
  /** The last answers' time inside the workers, ms. */
  ms: { quick: number; mc: number };
  /** Named scenarios compared with the current one: their index and milestones on the shown path. */
  compare: Array<{ name: string; scenario: string; result: any; refused?: { message: string; problems: Problem[] | null } | null }>;
}

/** An action: `{ type, ...arguments }`; the list is `ACTIONS` in state.js. */
export interface Action {
  type: string;
  /** The input event's time, for edit → next frame (what-if targets and values). */
  t0?: number;
  [k: string]: any;
}

/** What an action's handler tells the common tail of `commit` to do. */
export interface Outcome {
  /** The announcement, in the page language. */
  say?: string | null;
  /** Read scenario and result again and fire `vi-change` (default: when there is a dataset). */
  rescore?: boolean;
  /** Build the views again (new dataset or language). */
  rebuild?: boolean;
  /** Autosave the scenario. */
  save?: boolean;
  /** Errors to fire as `vi-error`. */
  refused?: Problem[];
  /** What `commit` returns. */
  ret?: any;
  /** Only the analysis answers changed (views may patch only what shows them). */
  answers?: boolean;
  /** false: nothing to show (an answer for an older state). */
  render?: boolean;
  /** Ask the analysis again (its options changed) without re-scoring. */
  analysis?: boolean;
  /** Restores the engine when showing the outcome fails. */
  undo?: () => void | Promise<void>;
}

/** What `commit` needs of the element. */
export interface App {
  state: State;
  engine: import('./modules/engine.js').Engine;
  /** The commit itself (set by createCommit), for answers that arrive later. */
  commit?: (action: Action) => any;
  /** The analysis workers (SPEC §8). */
  analysis: import('./modules/analysis.js').Analysis | null;
  /** Builds the views if needed, then patches each from the state. */
  render(): void;
  /** Marks the views to be built again. */
  invalidate(): void;
  say(msg: string, later?: boolean): void;
  emit(type: string, detail: any): void;
  /** Applies a shared or saved scenario on first load; returns the message key. */
  restore(): Promise<string | null>;
  download(json: string): void;
  initError: any;
  // ---- persist
  /** The lazy chunk (views/later.js). */
  later(): Promise<any>;
  /** The element: `loadAnalysis()` (the analysis, once its code has loaded), `loadSrc(src, again)`, its `src`. */
  el: {
    loadAnalysis(): Promise<import('./modules/analysis.js').Analysis>;
    loadSrc(src: string, again?: boolean): Promise<void>;
    getAttribute(n: string): string | null;
  };
}

/** What every view's `create` gets. */
export interface Ctx {
  /** The state (views read it, never write it). */
  state: State;
  commit(action: Action): any;
  /** Owns the view's listeners and observers: released on rebuild and disconnection. */
  life: import('./modules/dom.js').Lifetime;
  /** The status live region (the path bar places it). */
  status: HTMLElement;
  /** The host's width when the views were built. */
  width: number;
  /** The method box was open before the rebuild. */
  methodOpen: boolean;
  /** ---- phone: the indicator table, for its cards' behaviours (views/phone.js). */
  ind?: { table: HTMLTableElement; body: HTMLElement; refit(): void; adopt: (() => void) | null };
}

/**
 * A view: `create(ctx)` builds its DOM once per dataset and language; `update`
 * patches it from the state after every commit. A view never calls the engine
 * and keeps no copy of a number: it changes things only through `ctx.commit`.
 */
export interface View {
  el: HTMLElement;
  update(state: State): void;
}

/** An input with its message slot (indicator table and method box). */
export interface Cell {
  num: HTMLInputElement;
  err: HTMLElement;
  td: HTMLElement;
  /** Its key in `state.invalid`. */
  key: string;
  year?: number;
  range?: HTMLInputElement;
  /** The slider's end labels (phone cards). */
  lo?: HTMLElement;
  hi?: HTMLElement;
  label?: HTMLElement;
  level?: string;
  id?: string;
  own?: number;
}

declare global {
  interface Window {
    /** Test hooks (tests/e2e/SELECTORS.md): first render and edit timings. */
    __vi?: { firstRenderMs?: number; lastEditMs?: number; lastEditHandlerMs?: number; poolMs?: number };
  }
}

declare global {
  /** The analysis worker's file in dist/ (defined by scripts/dist.mjs; undefined in www/). */
  const __VI_WORKER__: string | undefined;
}

// ---- goal seek UI
/** The goal-seek panel's choice (views/seek.js), merged into AnalysisState. */
export interface AnalysisState {
  /** The subject of the 「目標達成に必要な値」 panel, `goal:ID` or `indicator:ID`; null/undefined: the page's default. */
  seekSubject?: string | null;
}
