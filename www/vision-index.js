// <vision-index>: the what-if widget of the Vision Index (SPEC §7).
//
// The whole widget lives in an open shadow root. The DOM is built once per
// dataset and language (`render`); a what-if edit only re-scores and updates
// the numbers, bars and chart lines that change (`refresh`), so the input being
// edited keeps its focus and an edit redraws within one frame.
import { t, text, pickLang } from './modules/i18n.js';
import * as F from './modules/format.js';
import { drawChart, el as svgEl, PATHS, DASH } from './modules/chart.js';
import { Engine, problemsOf } from './modules/engine.js';
import * as store from './modules/store.js';

const SCENARIO_FORMAT = 'vision-index-scenario/1';
const CSS_URL = new URL('vision-index.css', import.meta.url);
let sheetPromise = null;

/** The widget's stylesheet, fetched once and shared by every instance. */
function sheet() {
  sheetPromise ??= fetch(CSS_URL)
    .then((r) => (r.ok ? r.text() : ''))
    .catch(() => '')
    .then((css) => {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      return s;
    });
  return sheetPromise;
}

/** A DOM element: h('p', {class: 'x', text: 'y', 'data-a': 1}, ...children). */
function h(tag, props, ...kids) {
  const e = document.createElement(tag);
  if (props) {
    for (const k in props) {
      const v = props[k];
      if (v == null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of kids.flat()) if (c != null && c !== false) e.append(c);
  return e;
}

/** A number cell: formatted text, or 「—」 with an accessible name. */
function numSpan(s, lang, props) {
  const e = h('span', props);
  F.put(e, s, lang);
  return e;
}

const yearsOf = (obj) =>
  Object.keys(obj || {})
    .map(Number)
    .filter(Number.isInteger)
    .sort((a, b) => a - b);

const same = (a, b) =>
  a.length === b.length && a.every((v, i) => (v == null ? b[i] == null : b[i] != null && Math.abs(v - b[i]) < 1e-9));

/** True when a scenario object changes anything. */
function scenarioHasContent(s) {
  if (!s) return false;
  if (s.targets?.length || s.values?.length) return true;
  if (s.weights && Object.values(s.weights).some((o) => o && Object.keys(o).length)) return true;
  return !!(s.method && Object.keys(s.method).length); // `cap: null` (no cap) counts
}

/** A failure of the page's own code, as a problem of SPEC §7 `errors`. */
function faultOf(e) {
  const msg = String(e?.message || e);
  return { severity: 'error', path: '$', code: 'page', message: { ja: t('ja', 'errPage', { msg }), en: t('en', 'errPage', { msg }) } };
}

class VisionIndex extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'src'];
  }

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    this.engine = new Engine();
    this.engine.onRecover = () => this.onRecovered();
    this.lg = pickLang(this.getAttribute('lang'));
    this.ds = null;
    this._path = 'plan';
    this.scoreYear = null;
    this.valueYear = null;
    this.problems = [];
    this.loadWarnings = [];
    this.scen = { has: false, t: new Map(), v: new Map(), ids: new Set() };
    this.ready = new Promise((r) => (this._resolveReady = r));
    this.rendered = false;
    this.wired = false;
    this.root.append(h('p', { role: 'status', text: t(this.lg, 'loading') }));
  }

  connectedCallback() {
    if (!this.booted) this.booted = this.boot();
  }

  attributeChangedCallback(name, old, val) {
    if (old === val) return;
    if (name === 'lang') {
      const l = pickLang(val);
      if (l !== this.lg) {
        this.lg = l;
        if (!this.rendered) return;
        this.guard(() => this.render());
        this.say(t(l, 'stLang'));
      }
    } else if (name === 'src' && val && this.isReady) {
      this.fetchDataset(val);
    }
  }

  // ---- public API (SPEC §7 and tests/e2e/SELECTORS.md) -------------------

  get path() {
    return this._path;
  }

  set path(p) {
    if (PATHS.includes(p) && p !== this._path) {
      this._path = p;
      const r = this.root.querySelector(`input[name="path"][value="${p}"]`);
      if (r) r.checked = true;
      if (this.ds) this.guard(() => this.refresh(true));
    }
  }

  /** Loads a dataset (object or JSON text) → {ok, errors, warnings}; never rejects. */
  loadDataset(x) {
    return this.settle(() => this.acceptDataset(this.toText(x), 'api'));
  }

  /** Applies a scenario (object or JSON text) → {ok, errors, warnings}; never rejects. */
  applyScenario(x) {
    return this.settle(async () => {
      await this.engine.settled();
      return this.acceptScenario(this.toText(x), 'stScenario');
    });
  }

  /** Whatever goes wrong, resolves to the §7 shape. */
  async settle(fn) {
    try {
      await this.booted;
      return await fn();
    } catch (e) {
      return { ok: false, errors: e?.problems?.length ? e.problems : [faultOf(e)], warnings: [] };
    }
  }

  /** The SPEC §5 result on `path` for the current dataset and scenario. */
  result(path = this._path) {
    return this.ds ? this.engine.call('result', path) : null;
  }

  /** The current scenario object (SPEC §4). */
  scenario() {
    return this.ds ? this.engine.call('scenario') : null;
  }

  /** Test hook: makes the engine panic; resolves once the page works again. */
  async debugPanic() {
    await this.booted;
    try {
      this.engine.call('debugPanic');
    } catch (e) {
      if (!e.panic) throw e;
    }
    await this.engine.recovering;
  }

  // ---- loading ------------------------------------------------------------

  toText(x) {
    if (typeof x === 'string') return x;
    try {
      return JSON.stringify(x) ?? '';
    } catch {
      return String(x);
    }
  }

  async boot() {
    const src = this.getAttribute('src');
    const body = src ? this.fetchText(src) : null; // in parallel with the module and the styles
    body?.catch(() => {}); // handled in fetchDataset
    const loading = Promise.all([sheet(), this.engine.init().catch((e) => (this.initError = e))]);
    F.warm(this.lg); // Intl's first use is slow: do it while the network works
    const [css] = await loading;
    this.root.adoptedStyleSheets = [css];
    if (this.initError) {
      this.problems = problemsOf(this.initError);
      this.render();
    } else if (src) {
      await this.fetchDataset(src, body);
    } else {
      this.render();
    }
    if (!this.rendered) this.render();
    window.addEventListener('hashchange', () => this.fromHash());
    this.markReady();
  }

  async fetchText(src) {
    const r = await fetch(new URL(src, document.baseURI));
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r.text();
  }

  async fetchDataset(src, pending) {
    let body;
    try {
      body = await (pending || this.fetchText(src));
    } catch (e) {
      const msg = String(e?.message || e);
      this.problems = [{ severity: 'error', path: src, code: 'fetch', message: { ja: t('ja', 'stLoadFailed', { msg }), en: t('en', 'stLoadFailed', { msg }) } }];
      if (!this.rendered) this.render();
      else this.showProblems();
      this.say(t(this.lg, 'stLoadFailed', { msg }));
      return;
    }
    await this.acceptDataset(body, this.ds ? 'input' : 'first');
  }

  markReady() {
    if (this.isReady) return;
    this.isReady = true;
    window.__vi = window.__vi || {};
    window.__vi.firstRenderMs = performance.now();
    this.setAttribute('data-ready', '');
    this._resolveReady();
  }

  /**
   * Restores a scenario into the engine on first load: the `#s=` link wins over
   * the autosave. Returns the status message key, or null.
   */
  restore() {
    const json = store.fromHash(location.hash);
    if (json != null) {
      this.dropHash();
      try {
        this.engine.edit('applyScenario', json);
        return 'stShared';
      } catch (e) {
        if (e?.panic) throw e;
        this.problems = problemsOf(e);
      }
    }
    const saved = store.load(this.storeKey());
    if (saved) {
      try {
        this.engine.edit('applyScenario', saved);
        return 'stRestored';
      } catch (e) {
        if (e?.panic) throw e; // else: the saved scenario no longer fits the dataset
      }
    }
    return null;
  }

  /** A share link opened in this tab after the page loaded. */
  fromHash() {
    const json = store.fromHash(location.hash);
    if (json == null || !this.ds) return;
    this.dropHash();
    this.guard(() => this.acceptScenario(json, 'stShared'));
  }

  /** The link has been used: drop it so that a reload keeps later edits. */
  dropHash() {
    history.replaceState(null, '', location.href.split('#')[0]);
  }

  storeKey() {
    return store.key(text(this.ds?.title, 'ja'));
  }

  /** Loads text that may be a dataset or a scenario, by its `format`. */
  acceptAny(body) {
    let fmt = null;
    try {
      fmt = JSON.parse(body.replace(/^\uFEFF/, ''))?.format;
    } catch {
      /* not JSON: the dataset reader reports where */
    }
    return fmt === SCENARIO_FORMAT ? this.acceptScenario(body, 'stScenario') : this.acceptDataset(body, 'input');
  }

  /** Loads and shows a dataset → {ok, errors, warnings}; if showing fails, the previous one comes back. */
  async acceptDataset(body, origin) {
    const prev = this.ds && { text: this.engine.datasetText, scen: this.engine.scenarioText, warnings: this.loadWarnings };
    let warnings;
    try {
      if (!this.engine.glue) throw this.initError || new Error('engine not loaded');
      warnings = await this.engine.load(body);
    } catch (e) {
      return this.refuse(e);
    }
    let restored;
    try {
      restored = this.show(warnings, origin === 'first');
    } catch (e) {
      if (!e?.panic) console.error(e);
      await this.rollback(prev);
      return this.refuse({ problems: [faultOf(e)] });
    }
    this.autosave();
    if (restored) this.say(t(this.lg, restored));
    else if (origin !== 'first') this.say(t(this.lg, 'stLoaded', { title: text(this.ds.title, this.lg) }));
    return { ok: true, errors: [], warnings: this.loadWarnings };
  }

  /** Shows the engine's own checked copy of the dataset: what is scored. */
  show(warnings, first) {
    this.ds = this.engine.call('dataset');
    this.problems = [];
    this.loadWarnings = warnings || [];
    this.setDefaults();
    this.base = {};
    for (const p of PATHS) this.base[p] = this.engine.call('baseResult', p);
    const restored = first ? this.restore() : null;
    this.readScenario();
    this.render();
    return restored;
  }

  /** Back to the previous dataset and scenario, or to no dataset. */
  async rollback(prev) {
    try {
      await this.engine.settled();
      if (!prev) throw 0;
      await this.engine.load(prev.text);
      this.engine.edit('applyScenario', prev.scen);
      this.show(prev.warnings, false);
    } catch {
      this.ds = null;
      this.render();
    }
  }

  acceptScenario(body, msgKey) {
    if (!this.ds) return this.refuse(new Error('no dataset'));
    const prev = this.engine.scenarioText;
    let warnings;
    try {
      warnings = this.engine.edit('applyScenario', body);
    } catch (e) {
      return this.refuse(e);
    }
    this.problems = [];
    this.loadWarnings = warnings || [];
    try {
      this.afterScenario();
    } catch (e) {
      if (!e?.panic) console.error(e);
      this.guard(() => {
        this.engine.edit('applyScenario', prev);
        this.afterScenario();
      });
      return this.refuse({ problems: [faultOf(e)] });
    }
    this.say(t(this.lg, msgKey));
    return { ok: true, errors: [], warnings: this.loadWarnings };
  }

  afterScenario() {
    this.readScenario();
    this.syncInputs();
    this.showProblems();
    this.refresh(true);
    this.autosave();
  }

  refuse(e) {
    if (e?.panic) return { ok: false, errors: problemsOf(e), warnings: [] };
    const all = problemsOf(e);
    let errors = all.filter((p) => p.severity !== 'warning');
    if (!errors.length) errors = all;
    this.problems = errors;
    this.refusedWarnings = all.filter((p) => !errors.includes(p));
    if (this.rendered) this.showProblems();
    else this.render();
    this.say(t(this.lg, 'stRefused', { n: errors.length }));
    this.dispatchEvent(new CustomEvent('vi-error', { detail: { errors }, bubbles: true, composed: true }));
    return { ok: false, errors, warnings: this.refusedWarnings };
  }

  setDefaults() {
    const ds = this.ds;
    const first = ds.years.first;
    const last = ds.years.last;
    let latest = ds.index.base_year;
    for (const i of ds.indicators) for (const y of yearsOf(i.values)) latest = Math.max(latest, y);
    this._path = latest > ds.index.base_year ? 'outlook' : 'plan';
    this.milestoneYears = (ds.index.milestones || []).map((m) => m.year);
    this.whatIfYears = this.milestoneYears.length ? this.milestoneYears : [last];
    this.scoreYear = this.milestoneYears[0] ?? last;
    this.valueYear = Math.min(Math.max(latest + 1, first), last);
    this.goalById = new Map(ds.goals.map((g) => [g.id, g]));
  }

  readScenario() {
    const s = this.engine.call('scenario');
    const key = (e) => e.indicator + '|' + e.year;
    const ids = new Set();
    const tm = new Map();
    const vm = new Map();
    for (const e of s.targets || []) tm.set(key(e), e.value), ids.add(e.indicator);
    for (const e of s.values || []) vm.set(key(e), e.value), ids.add(e.indicator);
    for (const id of Object.keys(s.weights?.indicators || {})) ids.add(id);
    const w = s.weights || {};
    const method = Object.keys(s.method || {}).length + Object.keys(w.goals || {}).length + Object.keys(w.policies || {}).length > 0;
    this.scen = { has: scenarioHasContent(s), t: tm, v: vm, ids, raw: s, method };
  }

  autosave() {
    if (this.ds) store.save(this.storeKey(), this.scen.has ? this.engine.scenarioText : null);
  }

  onRecovered() {
    if (!this.ds) return;
    this.guard(() => {
      this.readScenario();
      this.syncInputs();
      this.refresh(true);
      this.say(t(this.lg, 'stRecovered'));
    });
  }

  /** Runs a handler: a panic is reported by recovery, any other failure on the page. */
  guard(fn) {
    try {
      return fn();
    } catch (e) {
      if (!e?.panic) this.fault(e);
    }
  }

  fault(e) {
    console.error(e);
    this.problems = [faultOf(e)];
    this.refusedWarnings = [];
    this.showProblems();
    this.say(text(this.problems[0].message, this.lg));
  }

  say(msg) {
    const s = this.$status;
    if (s) {
      // Re-announce an identical message too.
      s.textContent = s.textContent === msg ? msg + '\u200b' : msg;
    }
  }

  // ---- full render (per dataset and language) -------------------------------

  render() {
    const L = this.lg;
    const focusTestId = this.root.activeElement?.getAttribute?.('data-testid');
    this.rendered = true;
    const wrap = h('div', { class: 'vi', lang: L });
    this.$status = h('p', { 'data-testid': 'status', role: 'status', class: 'status' });
    const langBtn = h('button', { type: 'button', 'data-testid': 'lang-switch', class: 'btn ghost', lang: L === 'ja' ? 'en' : 'ja', 'aria-label': t(L, 'langSwitchLabel'), text: t(L, 'langSwitch') });
    langBtn.addEventListener('click', () => this.setAttribute('lang', L === 'ja' ? 'en' : 'ja'));
    const ds = this.ds;
    if (!ds) this.$rows = this.$cards = this.$method = null;
    const head = h(
      'header',
      { class: 'head' },
      h('div', { class: 'titles' }, ds ? h('p', { class: 'eyebrow', text: text(ds.title, L) }) : null, h('h2', { text: ds ? text(ds.index.name, L) : 'Vision Index' }), h('p', { class: 'intro', text: t(L, 'intro') })),
      langBtn,
    );
    wrap.append(head);
    if (ds) {
      const nIll = ds.indicators.filter((i) => i.illustrative).length;
      if (nIll) wrap.append(h('p', { 'data-testid': 'illustrative-banner', class: 'banner', role: 'note' }, h('span', { class: 'banner-mark', 'aria-hidden': 'true', text: '!' }), h('span', { text: t(L, 'illustrative', { n: nIll }) })));
      wrap.append(this.renderHeadline(), this.renderToolbar(), this.renderChart(), this.renderGoals(), this.renderMethod(), this.renderIndicators(), this.renderProjects());
    } else {
      wrap.append(h('div', { class: 'toolbar' }, this.$status));
    }
    wrap.append(this.renderData());
    if (ds?.source) wrap.append(h('footer', { class: 'foot' }, h('h3', { text: t(L, 'sourceTitle') }), h('p', { text: text(ds.source, L) })));
    // Measured before the new content is attached, so that no full layout is forced.
    this.chartW = Math.round(this.getBoundingClientRect().width) || 720;
    this.root.replaceChildren(wrap);
    this.wire();
    this.showProblems();
    if (ds) {
      this.syncInputs();
      this.refresh(true);
      this.observeChart();
    }
    if (focusTestId) this.root.querySelector(`[data-testid="${focusTestId}"]`)?.focus();
  }

  section(cls, titleKey, ...kids) {
    const id = 'h-' + cls;
    return h('section', { class: 'sec sec-' + cls, 'aria-labelledby': id }, h('h3', { id, text: t(this.lg, titleKey) }), ...kids);
  }

  renderHeadline() {
    const L = this.lg;
    const ds = this.ds;
    // The index now: the latest year with a value on the actual path of the untouched data.
    const a = this.base.actual;
    let i = a.index.length - 1;
    while (i >= 0 && a.index[i] == null) i--;
    const now = h(
      'div',
      { class: 'card now', 'data-testid': 'headline-now' },
      h('p', { class: 'card-label', text: t(L, 'now') }),
      h('p', { class: 'big' }, numSpan(i >= 0 ? F.score(a.index[i], L) : null, L, { 'data-role': 'value' }), h('span', { class: 'unit', text: text(ds.index.unit, L) })),
      h('p', { class: 'sub', 'data-role': 'year', text: i >= 0 ? F.fy(a.years[i], L) : '—' }),
      h('p', { class: 'hint', text: t(L, 'nowNote') }),
    );
    this.$cards = {};
    const cards = (ds.index.milestones || []).map((m) => {
      const c = {
        value: h('span', { 'data-role': 'value' }),
        gap: h('span', { 'data-role': 'gap' }),
        met: h('span', { 'data-role': 'met' }),
        icon: h('span', { class: 'icon', 'aria-hidden': 'true' }),
        on: h('span', { class: 'on' }),
        was: h('p', { class: 'was', hidden: true }),
      };
      c.card = h(
        'article',
        { class: 'card ms', 'data-testid': 'milestone-' + m.year, 'aria-labelledby': 'ms-' + m.year },
        h('h4', { class: 'card-label', id: 'ms-' + m.year, text: m.label ? text(m.label, L) : F.fy(m.year, L) }),
        h('p', { class: 'sub', text: F.fy(m.year, L) }),
        h('p', { class: 'big' }, c.value, c.on),
        h('dl', { class: 'facts' }, h('div', null, h('dt', { text: t(L, 'target') }), h('dd', { 'data-role': 'target', text: F.score(m.value, L) })), h('div', null, h('dt', { text: t(L, 'gap') }), h('dd', null, c.gap))),
        h('p', { class: 'verdict' }, c.icon, c.met),
        c.was,
      );
      this.$cards[m.year] = c;
      return c.card;
    });
    return this.section('headline', 'sectionHeadline', h('div', { class: 'cards' }, now, cards));
  }

  renderToolbar() {
    const L = this.lg;
    const ds = this.ds;
    const radios = PATHS.map((p) =>
      h(
        'label',
        { class: 'radio s-' + p },
        h('input', { type: 'radio', name: 'path', value: p, checked: p === this._path }),
        this.swatch(p),
        h('span', { class: 'rl' }, h('span', { text: t(L, 'path_' + p) }), h('small', { text: t(L, 'pathHint_' + p) })),
      ),
    );
    const years = [];
    for (let y = ds.index.base_year; y <= ds.years.last; y++) years.push(y);
    const sel = h('select', { id: 'score-year', 'data-testid': 'score-year' }, years.map((y) => h('option', { value: y, selected: y === this.scoreYear, text: F.fy(y, L) })));
    return h(
      'div',
      { class: 'toolbar' },
      h('fieldset', { 'data-testid': 'path-select', class: 'paths' }, h('legend', { text: t(L, 'pathLegend') }), radios),
      h('div', { class: 'tools' }, h('div', { class: 'field' }, h('label', { for: 'score-year', text: t(L, 'scoreYear') }), sel), h('button', { type: 'button', class: 'btn', 'data-testid': 'reset-all', text: t(L, 'resetAll') })),
      this.$status,
    );
  }

  renderChart() {
    const L = this.lg;
    const svg = (this.$svg = svgEl('svg', { 'data-testid': 'chart', role: 'img', 'aria-labelledby': 'chart-title chart-desc' }));
    svgEl('title', { id: 'chart-title' }, svg).textContent = t(L, 'sectionChart');
    this.$chartDesc = svgEl('desc', { id: 'chart-desc' }, svg);
    const legend = h(
      'ul',
      { class: 'legend' },
      PATHS.map((p) => h('li', { class: 's-' + p }, this.swatch(p), t(L, 'path_' + p))),
      h('li', { class: 'lg-ms' }, h('span', { class: 'diamond', 'aria-hidden': 'true' }), t(L, 'legendMilestone')),
    );
    this.$legendNote = h('p', { class: 'hint', hidden: true, text: t(L, 'legendScenario') });
    this.$chartTable = h('div', { class: 'scroll' });
    const det = h('details', { class: 'chart-table' }, h('summary', { text: t(L, 'chartTable') }), this.$chartTable);
    det.addEventListener('toggle', () => det.open && this.fillChartTable());
    this.$chartDetails = det;
    this.$chartWrap = h('div', { class: 'chart' }, svg);
    return this.section('trend', 'sectionChart', this.$chartWrap, legend, this.$legendNote, det);
  }

  swatch(p) {
    const s = svgEl('svg', { viewBox: '0 0 36 10', class: 'sw', 'aria-hidden': 'true' });
    svgEl('path', { d: 'M2 5H34', class: 'line s-' + p, 'stroke-dasharray': DASH[p] }, s);
    return s;
  }

  renderGoals() {
    const L = this.lg;
    const ds = this.ds;
    this.$goals = new Map();
    this.$policies = new Map();
    const max = Math.max(150, ...(ds.index.milestones || []).map((m) => m.value + 20).filter((v) => v < 1e3));
    this.barMax = Math.ceil(max / 10) * 10;
    const groups = ds.policies.map((p, pi) => {
      const goals = ds.goals.filter((g) => g.policy === p.id);
      const pscore = h('span', { class: 'pscore', 'data-role': 'score' });
      this.$policies.set(p.id, pscore);
      return h(
        'section',
        { class: 'policy', 'data-policy': p.id, 'aria-labelledby': 'pol-' + p.id },
        h('h4', { id: 'pol-' + p.id }, h('span', { class: 'pno', text: t(L, 'policy', { n: pi + 1 }) }), h('span', { class: 'pname', text: text(p.name, L) }), pscore),
        h(
          'ul',
          { class: 'goal-list' },
          goals.map((g) => {
            const r = { score: h('span', { 'data-role': 'score', class: 'gscore' }), fill: h('span', { class: 'fill' }), base: h('span', { class: 'basemark', hidden: true }), delta: h('span', { class: 'delta' }) };
            this.$goals.set(g.id, r);
            const bar = h('span', { class: 'bar', 'aria-hidden': 'true' }, r.fill, r.base, h('span', { class: 'mark100' }));
            bar.querySelector('.mark100').style.left = (100 / this.barMax) * 100 + '%';
            return h('li', { class: 'goal', 'data-goal': g.id }, h('span', { class: 'gid', text: g.id }), h('span', { class: 'gname', text: text(g.name, L) }), bar, h('span', { class: 'gval' }, r.score, r.delta));
          }),
        ),
      );
    });
    this.$goalsNote = h('p', { class: 'note' });
    return this.section('goals', 'sectionGoals', this.$goalsNote, h('div', { 'data-testid': 'goals', class: 'goals' }, groups));
  }

  /** Method and weights: aggregation, route, cap, and the goal and policy weights. */
  renderMethod() {
    const L = this.lg;
    const ds = this.ds;
    const slot = (num, td) => {
      const err = h('span', { class: 'err', id: num.id + '-e', hidden: true });
      num.setAttribute('aria-describedby', err.id);
      td.append(err);
      return { num, err, td };
    };
    const numIn = (id, props) => h('input', { type: 'number', id, min: 0, step: 'any', inputmode: 'decimal', ...props });
    const select = (id, values) => h('select', { id: 'm-' + id, 'data-testid': id }, values.map((v) => h('option', { value: v, text: t(L, id + '_' + v) })));
    const agg = select('aggregate', ['arithmetic', 'geometric']);
    const via = select('via', ['goal', 'goal,policy']);
    const capIn = numIn('m-cap', { 'data-testid': 'cap' });
    const capTd = h('div', { class: 'field' }, h('label', { for: 'm-cap', text: t(L, 'cap') }), capIn, h('small', { class: 'muted', text: t(L, 'capHint') }));
    const open = this.scen.method || !!this.$method?.box.open;
    const M = { agg, via, cap: slot(capIn, capTd), weights: [] };
    const group = (level, items, title) =>
      h(
        'fieldset',
        { class: 'wts' },
        h('legend', { text: t(L, title) }),
        h(
          'ul',
          null,
          items.map((x, i) => {
            const num = numIn(`w${level[0]}-${i}`, { ['data-weight-' + level]: x.id });
            const li = h('li', { class: 'wt' }, h('label', { for: num.id }, h('span', { class: 'gid', text: x.id }), h('span', { class: 'wn', text: text(x.name, L) })), num);
            M.weights.push({ ...slot(num, li), level, key: level === 'goal' ? 'goals' : 'policies', id: x.id, own: x.weight ?? 1 });
            return li;
          }),
        ),
      );
    M.pol = group('policy', ds.policies, 'weightsPolicies');
    M.mark = h('span', { class: 'mark-ch', hidden: true, text: t(L, 'changedMark') });
    this.$method = M;
    return (M.box = h(
      'details',
      { class: 'sec-method', 'data-testid': 'method', open },
      h('summary', null, h('h3', { text: t(L, 'sectionMethod') }), M.mark),
      h(
        'div',
        { class: 'mbody' },
        h('p', { class: 'note', text: t(L, 'methodHelp') }),
        h('div', { class: 'mset' }, h('div', { class: 'field' }, h('label', { for: 'm-aggregate', text: t(L, 'aggregate') }), agg), h('div', { class: 'field' }, h('label', { for: 'm-via', text: t(L, 'via') }), via), capTd),
        group('goal', ds.goals, 'weightsGoals'),
        M.pol,
        h('button', { type: 'button', class: 'btn', 'data-testid': 'method-reset', text: t(L, 'resetMethod') }),
      ),
    ));
  }

  renderIndicators() {
    const L = this.lg;
    const ds = this.ds;
    const base = ds.index.base_year;
    const vy = this.valueYear;
    const years = [];
    for (let y = base + 1; y <= ds.years.last; y++) years.push(y);
    const vsel = h('select', { id: 'value-year', 'data-testid': 'value-year' }, years.map((y) => h('option', { value: y, selected: y === vy, text: F.fy(y, L) })));
    this.$scoreHead = h('th', { scope: 'col', class: 'num' });
    this.$valueHead = h('span');
    const head = h(
      'tr',
      null,
      h('th', { scope: 'col', text: t(L, 'colStage') }),
      h('th', { scope: 'col', text: t(L, 'colName') }),
      h('th', { scope: 'col', text: t(L, 'colUnit') }),
      h('th', { scope: 'col', class: 'num' }, t(L, 'colBaseline'), h('br'), h('small', { text: F.fyShort(base, L) })),
      h('th', { scope: 'col', class: 'num', text: t(L, 'colActuals') }),
      h('th', { scope: 'col', class: 'num', text: t(L, 'colTargets') }),
      this.$scoreHead,
      this.whatIfYears.map((y) => h('th', { scope: 'col', class: 'whatif' }, t(L, 'colWhatIf'), h('br'), h('small', { text: F.fyShort(y, L) }))),
      h('th', { scope: 'col', class: 'whatif' }, t(L, 'colValue'), h('br'), h('small', null, this.$valueHead)),
      h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t(L, 'colReset') })),
    );
    const ncol = 9 + this.whatIfYears.length;
    this.$rows = new Map();
    const body = h('tbody');
    let goal = null;
    ds.indicators.forEach((ind, k) => {
      if (ind.goal !== goal) {
        goal = ind.goal;
        const g = this.goalById.get(goal);
        body.append(h('tr', { class: 'group' }, h('th', { scope: 'colgroup', colspan: ncol }, h('span', { class: 'stick' }, h('span', { class: 'gid', text: goal }), g ? text(g.name, L) : ''))));
      }
      body.append(this.renderRow(ind, k));
    });
    const table = h('table', { 'data-testid': 'indicators', class: 'ind' }, h('caption', { class: 'sr-only', text: t(L, 'sectionIndicators') }), h('thead', null, head), body);
    return this.section(
      'indicators',
      'sectionIndicators',
      h('p', { class: 'note', text: t(L, 'indicatorsNote') }),
      h('div', { class: 'field inline' }, h('label', { for: 'value-year', text: t(L, 'valueYear') }), vsel),
      h('div', { class: 'scroll table-wrap', tabindex: '0', role: 'region', 'aria-label': t(L, 'tableLabel') }, table),
    );
  }

  renderRow(ind, k) {
    const L = this.lg;
    const name = text(ind.name, L);
    const unit = text(ind.unit, L);
    const long = (ind.stage || 'outcome_long') === 'outcome_long';
    const list = (obj) => {
      const ys = yearsOf(obj);
      if (!ys.length) return numSpan(null, L);
      return h('ul', { class: 'pairs' }, ys.map((y) => h('li', null, h('span', { class: 'yr', text: F.fyShort(y, L) }), ' ', F.num(obj[y], L))));
    };
    const r = { ind, name, inputs: {}, score: h('span', { 'data-role': 'score' }) };
    const cells = this.whatIfYears.map((y) => {
      const id = `t${k}-${y}`;
      const num = h('input', { type: 'number', id, min: 0, step: 'any', inputmode: 'decimal', 'data-target-year': y, 'data-id': ind.id, 'aria-describedby': id + '-e' });
      const range = h('input', { type: 'range', id: id + '-r', 'data-range-year': y, 'data-id': ind.id, 'aria-label': t(L, 'labelSlider', { name, year: F.fy(y, L) }) });
      const err = h('span', { class: 'err', id: id + '-e', hidden: true });
      const td = h('td', { class: 'whatif' }, h('label', { for: id, class: 'sr-only', text: t(L, 'labelTarget', { name, year: F.fy(y, L) }) }), num, range, err);
      r.inputs['t' + y] = { num, range, err, td, year: y, kind: 't' };
      return td;
    });
    const vid = `v${k}`;
    const vnum = h('input', { type: 'number', id: vid, min: 0, step: 'any', inputmode: 'decimal', 'data-value-year': this.valueYear, 'data-id': ind.id, 'aria-describedby': vid + '-e' });
    const vlabel = h('label', { for: vid, class: 'sr-only' });
    const verr = h('span', { class: 'err', id: vid + '-e', hidden: true });
    const vtd = h('td', { class: 'whatif' }, vlabel, vnum, verr);
    r.inputs.v = { num: vnum, err: verr, td: vtd, label: vlabel, kind: 'v' };
    r.row = h(
      'tr',
      { 'data-indicator': ind.id, 'data-illustrative': ind.illustrative ? 'true' : null },
      h('td', { class: 'stage', text: t(L, 'stage_' + (ind.stage || 'outcome_long')) }),
      h(
        'th',
        { scope: 'row', class: 'name' },
        h('span', { class: 'iid', text: ind.id }),
        ' ',
        name,
        ind.illustrative ? h('span', { class: 'badge ill', title: t(L, 'badgeIllustrativeLabel') }, h('span', { 'aria-hidden': 'true', text: t(L, 'badgeIllustrative') }), h('span', { class: 'sr-only', text: t(L, 'badgeIllustrativeLabel') })) : null,
        ind.direction === 'down' ? h('span', { class: 'dir', text: '↓ ' + t(L, 'down') }) : null,
        h('span', { class: 'stage-m', 'aria-hidden': 'true', text: t(L, 'stage_' + (ind.stage || 'outcome_long')) }),
      ),
      h('td', { class: 'unit', text: unit }),
      h('td', { class: 'num', 'data-role': 'baseline', text: F.num(ind.baseline, L) ?? '—' }),
      h('td', { class: 'num', 'data-role': 'actuals' }, list(ind.values)),
      h('td', { class: 'num', 'data-role': 'targets' }, list(ind.targets)),
      h('td', { class: 'num score' }, long ? r.score : h('span', { class: 'muted', text: t(L, 'notInIndex') })),
      cells,
      vtd,
      h('td', null, h('button', { type: 'button', class: 'btn small', 'data-action': 'reset-row', 'data-id': ind.id, 'aria-label': t(L, 'resetRowLabel', { name }), text: t(L, 'resetRow') })),
    );
    this.$rows.set(ind.id, r);
    return r.row;
  }

  renderProjects() {
    const L = this.lg;
    const ds = this.ds;
    const items = (ds.projects || []).map((p) => {
      const tags = (p.tags || []).map((tg) => h('span', { class: 'tag tag-' + tg, text: t(L, 'tag_' + tg) === 'tag_' + tg ? tg : t(L, 'tag_' + tg) }));
      const chips = (p.goals || []).map((g) => h('li', { class: 'chip', title: text(this.goalById.get(g)?.name, L) }, h('span', { 'aria-hidden': 'true', text: g }), h('span', { class: 'sr-only', text: `${g} ${text(this.goalById.get(g)?.name, L)}` })));
      const kpis = (p.kpis || []).map((kp, i) => this.renderKpi(kp, i));
      return h(
        'article',
        { class: 'project', 'data-project': p.id, 'aria-labelledby': 'pj-' + p.id },
        h('header', null, p.no != null ? h('span', { class: 'pjno', text: t(L, 'projectNo', { n: p.no }) }) : null, tags),
        h('h4', { id: 'pj-' + p.id, text: text(p.name, L) }),
        p.summary ? h('p', { class: 'summary', text: text(p.summary, L) }) : null,
        chips.length ? h('div', { class: 'serves' }, h('span', { class: 'mini', text: t(L, 'serves') }), h('ul', { class: 'chips' }, chips)) : null,
        kpis.length ? h('ul', { class: 'kpis', 'aria-label': t(L, 'kpis') }, kpis) : h('p', { class: 'muted small', text: t(L, 'noKpi') }),
      );
    });
    return this.section('projects', 'sectionProjects', h('div', { 'data-testid': 'projects', class: 'projects' }, items));
  }

  renderKpi(kp, i) {
    const L = this.lg;
    const unit = text(kp.unit, L);
    const u = !unit ? '' : unit === '%' ? unit : '\u2009' + unit;
    const years = [...new Set([...yearsOf(kp.values), ...yearsOf(kp.targets)])];
    const y = years[years.length - 1];
    const a = y != null ? kp.values?.[y] : undefined;
    const tg = y != null ? kp.targets?.[y] : undefined;
    const li = h('li', { class: 'kpi', 'data-kpi': i }, h('p', { class: 'kname', text: text(kp.name, L) }));
    if (a == null && tg == null) {
      li.append(h('p', { class: 'fig none' }, h('span', { class: 'muted', text: t(L, 'noFigures') }), h('span', { class: 'sr-only' }, numSpan(null, L, { 'data-role': 'actual' }), numSpan(null, L, { 'data-role': 'target' }))));
    } else {
      const fig = h(
        'p',
        { class: 'fig' },
        h('span', { class: 'yr', text: F.fyShort(y, L) }),
        ' ',
        h('span', { class: 'lbl', text: t(L, 'kpiActual') }),
        ' ',
        numSpan(F.num(a, L), L, { 'data-role': 'actual', class: 'strong' }),
        a != null ? u : '',
        ' ／ ',
        h('span', { class: 'lbl', text: t(L, 'kpiTarget') }),
        ' ',
        numSpan(F.num(tg, L), L, { 'data-role': 'target' }),
        tg != null ? u : '',
      );
      li.append(fig);
      if (a != null && tg != null && tg > 0 && a >= 0) {
        const ratio = kp.direction === 'down' ? (a > 0 ? tg / a : 1) : a / tg;
        const bar = h('span', { class: 'kbar', 'aria-hidden': 'true' }, h('span', { class: 'kfill' + (ratio >= 1 ? ' ok' : '') }));
        bar.firstChild.style.width = Math.min(100, ratio * 100) + '%';
        li.append(h('p', { class: 'rate' }, bar, h('span', { text: t(L, 'kpiRate', { p: F.percent(ratio * 100, L) ?? '—' }) })));
      } else if (tg == null) {
        li.append(h('p', { class: 'muted small', text: t(L, 'noTarget') }));
      }
    }
    if (kp.note) li.append(h('details', { class: 'knote' }, h('summary', { text: t(L, 'note') }), h('p', { text: text(kp.note, L) })));
    return li;
  }

  renderData() {
    const L = this.lg;
    const file = h('input', { type: 'file', id: 'file-input', 'data-testid': 'file-input', accept: '.json,application/json' });
    const drop = h('div', { class: 'drop', 'data-testid': 'drop-zone' }, h('p', { text: t(L, 'dropZone') }), h('label', { for: 'file-input', class: 'btn', text: t(L, 'fileLabel') }), file);
    const paste = h('textarea', { id: 'paste-input', 'data-testid': 'paste-input', rows: 4, spellcheck: 'false', autocomplete: 'off' });
    this.$errors = h('ul', { 'data-testid': 'errors', class: 'errors' });
    this.$errorsTitle = h('p', { class: 'errors-title' });
    this.$errorsWarn = h('details', { class: 'warn-box', hidden: true });
    this.$errorsBox = h('div', { class: 'errors-box', role: 'alert', hidden: true }, this.$errorsTitle, this.$errors, this.$errorsWarn);
    this.$warnList = h('ul', { class: 'warnings' });
    this.$warnSummary = h('summary');
    this.$warn = h('details', { class: 'warn-box', 'data-testid': 'warnings', hidden: true }, this.$warnSummary, this.$warnList);
    const scenario = this.ds
      ? h(
          'div',
          { class: 'col' },
          h('h4', { text: t(L, 'scenarioTitle') }),
          h('p', { class: 'hint', text: t(L, 'scenarioHelp') }),
          h('div', { class: 'row' }, h('button', { type: 'button', class: 'btn', 'data-testid': 'save-scenario', text: t(L, 'saveScenario') }), h('button', { type: 'button', class: 'btn', 'data-testid': 'share-link', text: t(L, 'shareLink') })),
          h('div', { class: 'field' }, h('label', { for: 'share-url', text: t(L, 'shareUrl') }), h('input', { type: 'url', id: 'share-url', 'data-testid': 'share-url', readonly: true })),
        )
      : null;
    return this.section(
      'data',
      'sectionData',
      this.$errorsBox,
      h(
        'div',
        { class: 'cols' },
        h(
          'div',
          { class: 'col' },
          h('h4', { text: t(L, 'loadTitle') }),
          h('p', { class: 'hint', text: t(L, 'loadHelp') }),
          drop,
          h('div', { class: 'field' }, h('label', { for: 'paste-input', text: t(L, 'pasteLabel') }), paste),
          h('button', { type: 'button', class: 'btn', 'data-testid': 'paste-apply', text: t(L, 'pasteApply') }),
        ),
        scenario,
      ),
      this.$warn,
    );
  }

  // ---- events ---------------------------------------------------------------

  wire() {
    if (this.wired) return;
    this.wired = true;
    const R = this.root;
    R.addEventListener('input', (e) => {
      const el = e.target;
      if (el.matches('input[data-target-year], input[data-value-year]')) this.guard(() => this.onEdit(el, null));
      else if (el.matches('input[data-range-year]')) this.guard(() => this.onEdit(null, el));
      else if (el.matches('input[data-weight-goal], input[data-weight-policy], input#m-cap')) this.guard(() => this.onMethod(el));
    });
    R.addEventListener('change', (e) => this.guard(() => this.onChange(e.target)));
    R.addEventListener('click', (e) => {
      const b = e.target.closest?.('button');
      if (!b) return;
      const tid = b.getAttribute('data-testid');
      this.guard(() => {
        if (b.getAttribute('data-action') === 'reset-row') this.resetRow(b.getAttribute('data-id'));
        else if (tid === 'reset-all') this.resetAll();
        else if (tid === 'method-reset') this.resetMethod();
        else if (tid === 'paste-apply') this.acceptAny(R.getElementById('paste-input').value);
        else if (tid === 'save-scenario') this.saveScenario();
        else if (tid === 'share-link') this.share();
      });
    });
    R.addEventListener('dragover', (e) => {
      const z = e.target.closest?.('[data-testid="drop-zone"]');
      if (z) {
        e.preventDefault();
        z.classList.add('over');
      }
    });
    R.addEventListener('dragleave', (e) => e.target.closest?.('[data-testid="drop-zone"]')?.classList.remove('over'));
    R.addEventListener('drop', (e) => {
      const z = e.target.closest?.('[data-testid="drop-zone"]');
      if (!z) return;
      e.preventDefault();
      z.classList.remove('over');
      const f = e.dataTransfer?.files?.[0];
      if (f) this.readFile(f);
      else {
        const s = e.dataTransfer?.getData('text/plain');
        if (s) this.guard(() => this.acceptAny(s));
      }
    });
  }

  onChange(el) {
    if (el.name === 'path') {
      this._path = el.value;
      this.refresh(true);
      this.say(t(this.lg, 'stPath', { path: t(this.lg, 'path_' + el.value) }));
    } else if (el.id === 'score-year') {
      this.scoreYear = Number(el.value);
      this.refresh(true);
      this.say(t(this.lg, 'stYear', { year: F.fy(this.scoreYear, this.lg) }));
    } else if (el.id === 'value-year') {
      this.valueYear = Number(el.value);
      this.syncInputs();
    } else if (el.id === 'm-aggregate' || el.id === 'm-via') {
      this.onMethod(el);
    } else if (el.id === 'file-input' && el.files?.[0]) {
      this.readFile(el.files[0]).then(() => (el.value = ''));
    }
  }

  async readFile(f) {
    try {
      const s = await f.text();
      await this.guard(() => this.acceptAny(s));
    } catch (e) {
      this.fault(e);
    }
  }

  /** A what-if edit from a number input (`num`) or a slider (`range`). */
  onEdit(num, range) {
    const t0 = performance.now();
    const L = this.lg;
    const id = (num || range).getAttribute('data-id');
    const r = this.$rows.get(id);
    let slot;
    if (range) {
      slot = r.inputs['t' + range.getAttribute('data-range-year')];
      slot.num.value = range.value;
      num = slot.num;
    } else {
      slot = num.hasAttribute('data-value-year') ? r.inputs.v : r.inputs['t' + num.getAttribute('data-target-year')];
    }
    const isT = slot.kind === 't';
    const year = isT ? slot.year : this.valueYear;
    const given = (isT ? r.ind.targets : r.ind.values)?.[year];
    let v;
    if (num.validity.badInput) return this.cellError(slot, t(L, 'errNumber'));
    if (num.value.trim() === '') {
      if (given != null) return this.cellError(slot, t(L, 'errEmpty'));
      v = undefined;
    } else {
      v = Number(num.value);
      if (!Number.isFinite(v)) return this.cellError(slot, t(L, 'errNumber'));
      if (v === given) v = undefined; // back to the dataset's own figure
    }
    try {
      this.engine.edit(isT ? 'setTarget' : 'setValue', id, year, v);
    } catch (e) {
      if (e?.panic) throw e;
      return this.cellError(slot, text(problemsOf(e)[0].message, L));
    }
    this.cellError(slot, null);
    if (range == null && slot.range) this.setRange(slot.range, num.value === '' ? null : Number(num.value));
    this.readScenario();
    this.markChanged();
    this.refresh(false);
    this.autosave();
    const key = isT ? (v === undefined ? 'stTargetRemoved' : 'stTarget') : v === undefined ? 'stValueRemoved' : 'stValue';
    this.say(t(L, key, { name: r.name, year: F.fy(year, L), v: F.num(v ?? given, L) ?? '' }));
    window.__vi = window.__vi || {};
    window.__vi.lastEditMs = performance.now() - t0;
  }

  cellError(slot, msg) {
    const on = msg != null;
    if (slot.err.hidden === !on && slot.err.textContent === (msg || '')) return;
    slot.err.hidden = !on;
    slot.err.textContent = msg || '';
    if (on) slot.num.setAttribute('aria-invalid', 'true');
    else slot.num.removeAttribute('aria-invalid');
    slot.td.classList.toggle('invalid', on);
    if (on) this.say(t(this.lg, 'stInvalid', { msg }));
  }

  /** A change of method or weight; a refusal shows inline. */
  onMethod(el) {
    const L = this.lg;
    const M = this.$method;
    const m = this.ds.index.method;
    const slot = el === M.cap.num ? M.cap : M.weights.find((w) => w.num === el);
    let what;
    let shown = el.value;
    try {
      if (el === M.agg) {
        what = t(L, 'aggregate');
        shown = t(L, 'aggregate_' + el.value);
        this.engine.edit('setAggregate', el.value === m.aggregate ? undefined : el.value);
      } else if (el === M.via) {
        what = t(L, 'via');
        shown = t(L, 'via_' + el.value);
        this.engine.edit('setVia', el.value === m.via.join() ? undefined : el.value);
      } else {
        // NaN: the engine refuses it with its own message
        const raw = el.value.trim();
        const v = el.validity.badInput ? NaN : raw === '' ? null : Number(raw);
        if (slot === M.cap) {
          what = t(L, 'cap');
          if (v === null) shown = t(L, 'none');
          if (v === m.cap) this.engine.edit('resetCap');
          else this.engine.edit('setCap', v);
        } else {
          what = t(L, 'labelWeight', { name: slot.id });
          if (v === null) return this.cellError(slot, t(L, 'errEmpty'));
          this.engine.edit('setWeight', slot.level, slot.id, v === slot.own ? undefined : v);
        }
      }
    } catch (e) {
      if (e?.panic || !slot) throw e;
      return this.cellError(slot, text(problemsOf(e)[0].message, L));
    }
    if (slot) this.cellError(slot, null);
    this.readScenario();
    this.syncMethod(true);
    this.refresh(false);
    this.autosave();
    this.say(t(L, 'stMethod', { what, v: shown }));
  }

  /** Back to the dataset's method and goal/policy weights. */
  resetMethod() {
    const w = this.scen.raw.weights || {};
    this.engine.edit('setAggregate');
    this.engine.edit('setVia');
    this.engine.edit('resetCap');
    for (const id in w.goals) this.engine.edit('setWeight', 'goal', id);
    for (const id in w.policies) this.engine.edit('setWeight', 'policy', id);
    this.readScenario();
    this.syncMethod();
    this.refresh(false);
    this.autosave();
    this.say(t(this.lg, 'stMethodReset'));
  }

  resetRow(id) {
    const r = this.$rows.get(id);
    this.engine.edit('resetIndicator', id);
    this.readScenario();
    this.syncInputs(id);
    this.refresh(false);
    this.autosave();
    this.say(t(this.lg, 'stResetRow', { name: r ? r.name : id }));
  }

  resetAll() {
    this.engine.edit('resetAll');
    this.readScenario();
    this.syncInputs();
    this.refresh(false);
    this.autosave();
    this.say(t(this.lg, 'stResetAll'));
  }

  saveScenario() {
    if (!this.ds) return;
    const blob = new Blob([this.engine.call('scenarioJson')], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: 'scenario.json', hidden: true });
    this.root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    this.say(t(this.lg, 'stSaved'));
  }

  share() {
    if (!this.ds) return;
    const url = store.shareUrl(location.href, JSON.stringify(JSON.parse(this.engine.call('scenarioJson'))));
    const out = this.root.getElementById('share-url');
    out.value = url;
    out.focus();
    out.select();
    const done = (ok) => this.say(t(this.lg, ok ? 'stShareCopied' : 'stShareMade'));
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(url).then(() => done(true), () => done(false));
    else done(false);
  }

  // ---- updates (per edit) ---------------------------------------------------

  setRange(range, v) {
    const want = v == null ? 0 : v;
    if (want > Number(range.max)) range.max = String(niceMax(want * 1.5));
    range.value = String(want);
  }

  /** Puts the dataset/scenario values into the inputs (one row, or all). */
  syncInputs(onlyId) {
    if (!this.$rows) return;
    const L = this.lg;
    const focused = this.root.activeElement;
    const vy = this.valueYear;
    this.$valueHead.textContent = F.fyShort(vy, L);
    for (const [id, r] of this.$rows) {
      if (onlyId && id !== onlyId) continue;
      for (const k in r.inputs) {
        const s = r.inputs[k];
        const year = s.kind === 't' ? s.year : vy;
        const own = (s.kind === 't' ? r.ind.targets : r.ind.values)?.[year];
        const sv = (s.kind === 't' ? this.scen.t : this.scen.v).get(id + '|' + year);
        const v = sv ?? own;
        if (s.kind === 'v') {
          s.num.setAttribute('data-value-year', vy);
          s.label.textContent = t(L, 'labelValue', { name: r.name, year: F.fy(vy, L) });
        }
        // Leave the field being typed in alone when it already shows this value.
        if (!(s.num === focused && s.num.value !== '' && Number(s.num.value) === v)) s.num.value = v == null ? '' : String(v);
        this.cellError(s, null);
        if (s.range) {
          const top = Math.max(r.ind.baseline, ...Object.values(r.ind.targets || {}), v ?? 0);
          s.range.min = '0';
          s.range.max = String(niceMax(top * 1.6));
          s.range.step = String(niceStepOf(top));
          s.range.value = String(v ?? 0);
        }
      }
    }
    this.markChanged();
    if (!onlyId) this.syncMethod();
  }

  /** Puts the method and weights in force into their controls (`marksOnly`: the marks). */
  syncMethod(marksOnly) {
    const M = this.$method;
    if (!M) return;
    const s = this.scen.raw;
    const sm = s.method || {};
    const m = this.ds.index.method;
    const focused = this.root.activeElement;
    const put = (el, v, changed) => {
      // Leave the field being typed in alone when it already shows this value.
      if (!marksOnly && !(el === focused && el.type === 'number' && el.value !== '' && Number(el.value) === v)) el.value = v == null ? '' : String(v);
      for (const e of [el, el.closest('li')]) {
        if (changed) e?.setAttribute('data-changed', 'true');
        else e?.removeAttribute('data-changed');
      }
    };
    put(M.agg, sm.aggregate ?? m.aggregate, 'aggregate' in sm);
    const via = (sm.via ?? m.via).join();
    put(M.via, via, 'via' in sm);
    put(M.cap.num, 'cap' in sm ? sm.cap : m.cap, 'cap' in sm);
    for (const w of [M.cap, ...M.weights]) {
      const o = w.key && s.weights?.[w.key]?.[w.id];
      if (w.level) put(w.num, o ?? w.own, o != null);
      if (!marksOnly) this.cellError(w, null);
    }
    M.pol.hidden = via !== 'goal,policy';
    M.mark.hidden = !this.scen.method;
  }

  markChanged() {
    if (!this.$rows) return;
    const vy = this.valueYear;
    for (const [id, r] of this.$rows) {
      for (const k in r.inputs) {
        const s = r.inputs[k];
        const ch = (s.kind === 't' ? this.scen.t.has(id + '|' + s.year) : this.scen.v.has(id + '|' + vy)) ? 'true' : null;
        if (s.num.getAttribute('data-changed') !== ch) {
          for (const e of [s.num, s.td, s.range]) {
            if (!e) continue;
            if (ch) e.setAttribute('data-changed', ch);
            else e.removeAttribute('data-changed');
          }
        }
      }
      const rowCh = this.scen.ids.has(id);
      if (r.row.classList.contains('changed') !== rowCh) r.row.classList.toggle('changed', rowCh);
    }
  }

  /** Re-scores and updates everything that depends on the result. */
  refresh(labels) {
    if (!this.ds || !this.$cards) return;
    const L = this.lg;
    const path = this._path;
    const res = this.engine.call('result', path);
    const base = this.base[path];
    const yi = res.years.indexOf(this.scoreYear);
    const pathName = t(L, 'path_' + path);
    const inText = L === 'en' ? pathName.toLowerCase() : pathName;
    // Headline cards.
    for (const m of res.milestones) {
      const c = this.$cards[m.year];
      if (!c) continue;
      F.put(c.value, F.score(m.value, L), L);
      F.put(c.gap, F.signed(m.gap, L), L);
      c.card.setAttribute('data-met', m.met ? 'true' : 'false');
      c.met.textContent = t(L, m.met ? 'met' : 'notMet');
      c.icon.textContent = m.met ? '✓' : '✕';
      if (labels) c.on.textContent = t(L, 'onPath', { path: inText });
      const bm = base.milestones.find((b) => b.year === m.year);
      const differs = this.scen.has && bm && !same([bm.value], [m.value]);
      c.was.hidden = !differs;
      if (differs) c.was.textContent = t(L, 'baseWas', { v: F.score(bm.value, L) ?? '—' });
    }
    // Chart: the untouched paths, and the scenario's where they differ.
    let scen = null;
    if (this.scen.has) {
      scen = {};
      for (const p of PATHS) {
        const idx = p === path ? res.index : this.engine.call('index', p);
        if (!same(idx, this.base[p].index)) scen[p] = idx;
      }
      if (!Object.keys(scen).length) scen = null;
    }
    this.chartModel = { years: res.years, base: Object.fromEntries(PATHS.map((p) => [p, this.base[p].index])), scen, chosen: path, milestones: this.ds.index.milestones || [], lang: L, msLabel: t(L, 'legendMilestone'), unit: text(this.ds.index.unit, L) };
    this.drawChart();
    this.$legendNote.hidden = !scen;
    this.describeChart();
    if (this.$chartDetails.open) this.fillChartTable();
    // Goals and policies.
    for (const [gid, r] of this.$goals) {
      const v = res.goals[gid]?.[yi];
      const b = base.goals[gid]?.[yi];
      F.put(r.score, F.score(v, L), L);
      r.fill.style.width = v == null ? '0' : Math.min(100, (v / this.barMax) * 100).toFixed(2) + '%';
      const d = v != null && b != null && Math.abs(v - b) >= 0.05 ? F.signed(v - b, L) : '';
      if (r.delta.textContent !== d) r.delta.textContent = d;
      r.base.hidden = !d;
      if (d) r.base.style.left = Math.min(100, (b / this.barMax) * 100).toFixed(2) + '%';
    }
    for (const [pid, e] of this.$policies) {
      const v = res.policies?.[pid]?.[yi];
      if (v == null) e.textContent = '';
      else F.put(e, F.score(v, L), L);
    }
    // Indicator scores.
    for (const [id, r] of this.$rows) F.put(r.score, F.score(res.indicators[id]?.[yi], L), L);
    if (labels) {
      const yl = F.fy(this.scoreYear, L);
      this.$goalsNote.textContent = t(L, 'goalsNote', { path: inText, year: yl });
      this.$scoreHead.replaceChildren(t(L, 'colScore'), h('br'), h('small', { text: `${pathName}・${F.fyShort(this.scoreYear, L)}` }));
    }
    this.showWarnings(res.warnings);
    this.dispatchEvent(new CustomEvent('vi-change', { detail: res, bubbles: true, composed: true }));
  }

  drawChart() {
    // The width comes from render and resize only: reading it here would force a layout.
    drawChart(this.$svg, { ...this.chartModel, width: this.chartW });
  }

  observeChart() {
    this.ro?.disconnect();
    this.ro = new ResizeObserver(([e]) => {
      const w = Math.round(e.contentRect.width);
      if (w && Math.abs(w - this.chartW) > 4) {
        this.chartW = w;
        requestAnimationFrame(() => this.drawChart());
      }
    });
    this.ro.observe(this.$chartWrap);
  }

  seriesText(vals, years) {
    const L = this.lg;
    return vals
      .map((v, i) => (v == null ? null : `${F.fyShort(years[i], L)} ${F.score(v, L)}`))
      .filter(Boolean)
      .join(L === 'en' ? ', ' : '、');
  }

  describeChart() {
    const L = this.lg;
    const m = this.chartModel;
    const parts = [t(L, 'chartDesc', { from: F.fy(m.years[0], L), to: F.fy(m.years[m.years.length - 1], L) })];
    const p = m.chosen;
    parts.push(t(L, 'chartSeries', { path: t(L, 'path_' + p), values: this.seriesText(m.base[p], m.years) }));
    if (m.scen?.[p]) parts.push(t(L, 'chartScenario', { path: t(L, 'path_' + p), values: this.seriesText(m.scen[p], m.years) }));
    for (const s of m.milestones) parts.push(t(L, 'chartMilestone', { label: s.label ? text(s.label, L) : F.fy(s.year, L), v: F.score(s.value, L) ?? '—' }));
    this.$chartDesc.textContent = parts.join(' ');
  }

  fillChartTable() {
    const L = this.lg;
    const m = this.chartModel;
    const cols = PATHS.map((p) => [t(L, 'path_' + p), m.base[p]]);
    if (m.scen) for (const p of PATHS) if (m.scen[p]) cols.push([t(L, 'path_' + p) + t(L, 'scenarioSuffix'), m.scen[p]]);
    const tbl = h(
      'table',
      { class: 'mini-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col', text: t(L, 'year') }), cols.map((c) => h('th', { scope: 'col', class: 'num', text: c[0] })))),
      h(
        'tbody',
        null,
        m.years.map((y, i) => h('tr', null, h('th', { scope: 'row', text: F.fy(y, L) }), cols.map((c) => h('td', { class: 'num' }, numSpan(F.score(c[1][i], L), L))))),
      ),
    );
    this.$chartTable.replaceChildren(tbl);
  }

  showProblems() {
    if (!this.$errors) return;
    const L = this.lg;
    const ps = this.problems;
    this.$errors.replaceChildren(...ps.map((p) => h('li', null, h('code', { 'data-role': 'path', text: p.path || '$' }), h('span', { 'data-role': 'message', text: text(p.message, L) }))));
    this.$errorsTitle.textContent = t(L, 'errorsTitle', { n: ps.length });
    const ws = ps.length ? this.refusedWarnings || [] : [];
    this.$errorsWarn.replaceChildren(...(ws.length ? [h('summary', { text: t(L, 'warningsTitle', { n: ws.length }) }), h('ul', { class: 'warnings' }, ws.map((w) => h('li', null, h('code', { text: w.path || '$' }), ' ', text(w.message, L))))] : []));
    this.$errorsWarn.hidden = !ws.length;
    this.$errorsBox.hidden = !ps.length;
    if (!this.ds) this.showWarnings([]);
  }

  showWarnings(resultWarnings) {
    const all = [...this.loadWarnings, ...(resultWarnings || [])];
    const key = this.lg + JSON.stringify(all);
    if (key === this.warnKey) return;
    this.warnKey = key;
    const L = this.lg;
    this.$warnList.replaceChildren(...all.map((w) => h('li', null, h('code', { text: w.path || '$' }), ' ', text(w.message, L))));
    this.$warnSummary.textContent = t(L, 'warningsTitle', { n: all.length });
    this.$warn.hidden = !all.length;
  }
}

/** A round slider top ≥ v; finite whatever v is (1e300 at most). */
function niceMax(v) {
  if (!(v > 0)) return 10;
  if (!(v < 1e300)) return 1e300;
  const p = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / p) * p;
}

function niceStepOf(v) {
  if (!(v > 0)) return 1;
  return 10 ** Math.floor(Math.log10(Math.min(v, 1e300)) - 2);
}

if (!customElements.get('vision-index')) customElements.define('vision-index', VisionIndex);
