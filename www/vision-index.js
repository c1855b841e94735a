// <vision-index> (SPEC §7): lifecycle, API, test hooks.
import * as store from './modules/state.js';
import { createCommit, createState, faultOf } from './modules/state.js';
import { h, Lifetime } from './modules/dom.js';
import { Engine, problemsOf } from './modules/engine.js';
import * as F from './modules/format.js';
import { hasLang, loadLang, pickLang, t, text } from './modules/i18n.js';
import * as chart from './views/chart.js';
import * as data from './views/data.js';
import * as goals from './views/goals.js';
import * as headline from './views/headline.js';
import * as indicators from './views/indicators.js';
import * as method from './views/method.js';
import * as projects from './views/projects.js';
import * as toolbar from './views/toolbar.js';
import { afterFirstRender, lazy } from './views/lazy.js';
import { clearFocus, fit } from './modules/sticky.js';
import * as roving from './modules/roving.js';

const CSS_URL = new URL('vision-index.css', import.meta.url);
// ---- a11y: the visitor's language choice (the switch) is kept per site; an edit's announcement waits for a pause
const LANG_KEY = 'vision-index:lang';
const SAY_PAUSE_MS = 700;
/** @returns {'ja' | 'en' | null} */
function keptLang() {
  const l = store.load(LANG_KEY);
  return l === 'ja' || l === 'en' ? l : null;
}
/** @type {Promise<CSSStyleSheet> | null} */
let sheetPromise = null;

function sheet() {
  sheetPromise ??= sheetOf(CSS_URL);
  return sheetPromise;
}

/** @type {Promise<CSSStyleSheet> | null} */
let analysisSheetPromise = null;
/** The analysis views' styles, fetched with their code after the first render. */
function analysisSheet() {
  analysisSheetPromise ??= sheetOf(new URL('analysis-views.css', import.meta.url));
  return analysisSheetPromise;
}

/** @param {URL} url */
function sheetOf(url) {
  return fetch(url)
    .then((r) => (r.ok ? r.text() : ''))
    .catch(() => '')
    .then((css) => {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      return s;
    });
}

function toText(x) {
  if (typeof x === 'string') return x;
  try {
    return JSON.stringify(x) ?? '';
  } catch {
    return String(x);
  }
}

// The analysis views' code loads after the first render, in one chunk with the
// analysis itself (views/lazy.js, views/later.js).
const analysisViews = () => import('./views/later.js');
const band = lazy(() => analysisViews().then((m) => m.band));
const contrib = lazy(() => analysisViews().then((m) => m.contrib));
const compare = lazy(() => analysisViews().then((m) => m.compare));
const lagging = lazy(() => analysisViews().then((m) => m.lagging));
const seek = lazy(() => analysisViews().then((m) => m.seek));
const exportsView = lazy(() => analysisViews().then((m) => m.exportsView)); // ---- exports
const notices = lazy(() => analysisViews().then((m) => m.notices)); // ---- persist
const workshop = lazy(() => analysisViews().then((m) => m.workshopEntry)); // ---- workshop: the presenter view's code loads on opening
const VIEWS = [notices, headline, lagging, seek, toolbar, chart, band, contrib, compare, goals, method, indicators, projects, exportsView, workshop];

class VisionIndex extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'src', 'sticky'];
  }

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    this.engine = new Engine();
    /** @type {import('./modules/analysis.js').Analysis | null} the analysis workers, once their code has loaded (after the first render) */
    this.analysis = null;
    /** @type {Promise<import('./modules/analysis.js').Analysis> | null} */
    this.analysisLoad = null;
    /** the language the visitor chose with the switch last time: used where the host gives no lang attribute */
    this.keptLang = keptLang();
    this.state = createState(pickLang(this.getAttribute('lang') ?? this.keptLang));
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.sayTimer = undefined;
    /** @type {string | null} an edit's announcement waiting for the input to pause */
    this.sayPending = null;
    /** @type {string | null} the language the last vi-lang event told */
    this.langTold = null;
    /** @type {import('./types').View[] | null} */
    this.views = null;
    /** @type {Lifetime | null} */
    this.conn = null;
    /** @type {Lifetime | null} */
    this.life = null;
    /** @type {AbortController | null} */
    this.srcCtl = null;
    /** whether the latest src's response is still awaited */
    this.srcPending = false;
    /** whether a removal stopped that fetch (attached again, it starts over) */
    this.srcStopped = false;
    /** @type {(() => void) | null} resolves boot's wait for a stopped fetch to start again */
    this.onReattach = null;
    /** @type {Promise<void> | null} */
    this.srcJob = null;
    /** @type {Promise<void> | null} */
    this.booted = null;
    /** @type {Promise<void> | null} */
    this.prepared = null;
    /** @type {any} */
    this.initError = null;
    this.isReady = false;
    this.liveRegion = h('p', { 'data-testid': 'status', role: 'status', class: 'status' });
    /** @type {(v?: any) => void} */
    this._resolveReady = () => {};
    this.ready = new Promise((r) => (this._resolveReady = r));
    const self = this;
    this.commit = createCommit({
      state: this.state,
      engine: this.engine,
      get analysis() {
        return self.analysis;
      },
      render: () => this.render(),
      invalidate: () => this.invalidate(),
      say: (msg, later) => this.say(msg, later),
      emit: (type, detail) => this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true })),
      restore: () => this.restore(),
      download: (json) => this.download(json),
      get initError() {
        return self.initError;
      },
      // ---- persist: the lazy chunk; the element (its analysis, src, kept dataset)
      later: analysisViews,
      el: this,
    });
    this.engine.onRecover = () => this.state.ds && this.commit({ type: 'recovered' });
    this.root.append(h('p', { role: 'status', text: t(this.state.lang, 'loading') }));
  }

  connectedCallback() {
    this.conn = new Lifetime();
    this.conn.on(window, 'hashchange', () => this.fromHash());
    this.conn.on(this.root, 'focusin', (e) => clearFocus(this.root, e)); // ---- embed: focus not hidden under the bar
    // typing ends with a change (Enter, leaving the field): say the edit then; a slider's steps wait for the pause
    this.conn.on(this.root, 'change', (e) => /** @type {HTMLInputElement} */ (e.target).type !== 'range' && this.flushSay());
    this.conn.on(this.root, 'keydown', roving.onKey);
    this.conn.on(this.root, 'focusin', roving.onFocus);
    // the first time only, and only where the host gives no lang: the visitor's last choice (else
    // Japanese), reflected on the element; a host's lang attribute, then or later, is obeyed
    if (!this.booted && !this.hasAttribute('lang')) this.setAttribute('lang', this.keptLang ?? 'ja');
    if (!this.booted) this.booted = this.boot();
    else {
      this.commit({ type: 'reconnect' });
      // a dataset fetch that the removal stopped starts again
      const src = this.getAttribute('src');
      if (this.srcStopped && src) this.loadSrc(src);
    }
    this.srcStopped = false;
    const reattached = this.onReattach;
    this.onReattach = null;
    reattached?.();
  }

  disconnectedCallback() {
    this.conn?.end();
    this.conn = null;
    clearTimeout(this.sayTimer);
    // a removed element fetches nothing more (nor announces it): attached again, it starts over
    if (this.srcCtl && !this.srcCtl.signal.aborted && this.srcPending) {
      this.srcCtl.abort();
      this.srcStopped = true;
    }
    this.invalidate(); // ends the views' listeners and observers; built again on reconnection
    this.analysis?.stop(); // the workers end; attached again, the next change starts them
  }

  attributeChangedCallback(name, /** @type {string | null} */ old, /** @type {string | null} */ val) {
    if (old === val) return;
    if (name === 'sticky') {
      const bar = /** @type {HTMLElement | null} */ (this.root.querySelector('.toolbar'));
      if (bar) fit(bar);
    } else if (name === 'lang') {
      this.setLang(pickLang(val));
    } else if (name === 'src' && val && this.booted) {
      if (this.isConnected) this.loadSrc(val);
      else {
        // a removed element fetches nothing: attached again, it loads the src it has then
        this.srcCtl?.abort();
        this.srcStopped = true;
      }
    }
  }

  /**
   * Shows the page in `l` once its catalogue is loaded (English is fetched the first time).
   * @param {'ja' | 'en'} l
   */
  setLang(l) {
    if (!hasLang(l)) {
      loadLang(l).then(
        () => pickLang(this.getAttribute('lang')) === l && this.setLang(l),
        (e) => console.error(e),
      );
    } else if (l !== this.state.lang) {
      if (!this.views) this.state.lang = l;
      else this.commit({ type: 'setLang', lang: l });
    }
  }

  get path() {
    return this.state.path;
  }

  set path(p) {
    if (p === this.state.path) return;
    if (this.state.ds) this.commit({ type: 'setPath', path: p, quiet: true });
  }

  loadDataset(x) {
    return this.settle(() => this.commit({ type: 'loadDataset', text: toText(x), origin: 'api' }));
  }

  applyScenario(x) {
    return this.settle(async () => {
      await this.engine.settled();
      return this.commit({ type: 'applyScenario', text: toText(x), msgKey: 'stScenario' });
    });
  }

  /** @param {string} [path] */
  result(path = this.state.path) {
    return this.state.ds ? this.engine.snapshot(path) : null;
  }

  scenario() {
    return this.state.ds ? this.engine.scenario() : null;
  }

  /** SPEC §8.1: the progress status of every node, the command line's `status` object. */
  status() {
    return this.ask('status');
  }

  /**
   * SPEC §8.2: what the indicator's target (or the goal's or policy's score) must be
   * for the index to equal the milestone; the command line's `seek` object.
   * @param {{ milestone: number, indicator?: string, goal?: string, policy?: string, path?: string }} q
   */
  seek(q) {
    return this.ask('seek', q);
  }

  /**
   * SPEC §8.3: what each indicator, goal and policy adds to the index's change since the base year.
   * @param {{ year: number, path?: string }} q
   */
  contrib(q) {
    return this.ask('contrib', q);
  }

  /**
   * SPEC §8.4: the Monte Carlo, the command line's `uncertainty` object (with
   * `{ text: true }`, its JSON text, byte for byte). `seed` may be a BigInt.
   * @param {{ draws?: number, seed?: number | bigint, path?: string, weights?: number, spread?: number }} [q]
   * @param {{ text?: boolean }} [how]
   */
  uncertainty(q, how) {
    return this.ask('uncertainty', q, how);
  }

  /**
   * One question of SPEC §8 on the current dataset and scenario, answered in a
   * worker (modules/analysis-api.js, loaded with the analysis).
   * @param {'status' | 'seek' | 'contrib' | 'uncertainty'} name
   * @param {any} [q]
   * @param {{ text?: boolean }} [how]
   */
  async ask(name, q, how) {
    await this.booted;
    const [analysis, m] = await Promise.all([this.loadAnalysis(), analysisViews()]);
    return m.api[name](analysis, this.state, q, how);
  }

  /** Loads the analysis code (a chunk of its own in dist/) and starts its workers, once. */
  loadAnalysis() {
    this.analysisLoad ??= Promise.all([analysisViews(), analysisSheet()]).then(([m, css]) => {
      if (!this.root.adoptedStyleSheets.includes(css)) this.root.adoptedStyleSheets = [...this.root.adoptedStyleSheets, css];
      this.analysis = new m.Analysis(this.engine);
      this.analysis.open();
      if (this.state.ds) this.commit({ type: 'analysisReady' });
      return this.analysis;
    });
    return this.analysisLoad;
  }

  async debugPanic() {
    await this.booted;
    try {
      this.engine.call('debugPanic');
    } catch (e) {
      if (!e.panic) throw e;
    }
    await this.engine.recovering;
  }

  debugListeners() {
    return (this.conn?.count ?? 0) + (this.life?.count ?? 0);
  }

  /** @param {() => any} fn */
  async settle(fn) {
    try {
      await this.booted;
      const r = await fn();
      return r ?? { ok: false, errors: [faultOf(new Error('not shown'))], warnings: [] };
    } catch (e) {
      return { ok: false, errors: e?.problems?.length ? e.problems : [faultOf(e)], warnings: [] };
    }
  }

  async boot() {
    const src = this.getAttribute('src');
    this.prepared = Promise.all([sheet(), this.engine.init().catch((e) => (this.initError = e)), loadLang(this.state.lang)]).then(([css]) => {
      this.root.adoptedStyleSheets = [css];
    });
    /** @type {any} the dataset the user loaded last time (a promise when in IndexedDB), read while the src is fetched */
    this.kept = src ? store.readKept(store.keptKey(src)) : null;
    if (src) this.loadSrc(src); // the fetch runs in parallel with the module and the styles
    F.warm(this.state.lang); // Intl's first use is slow: do it while the network works
    await this.prepared;
    if (this.initError) {
      this.commit({ type: 'showProblems', problems: problemsOf(this.initError) }); // shown, no vi-error (as before)
    }
    // Ready after the last src's dataset, also when a removal stopped its fetch
    // (then after the fetch that re-attaching starts again).
    for (;;) {
      for (let job = this.srcJob; job; job = job === this.srcJob ? null : this.srcJob) await job;
      if (!this.srcStopped) break;
      await new Promise((resolve) => {
        this.onReattach = () => resolve(undefined);
      });
    }
    if (!this.views) this.render();
    this.markReady();
  }

  /** @param {string} src @param {boolean} [again] the src once more (restores its autosave) */
  loadSrc(src, again) {
    this.srcCtl?.abort();
    const ctl = new AbortController();
    this.srcCtl = ctl;
    const body = fetch(new URL(src, document.baseURI), { signal: ctl.signal }).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.arrayBuffer();
    });
    body.catch(() => {}); // handled below
    this.srcPending = true;
    body.then(
      () => {
        if (this.srcCtl === ctl) this.srcPending = false; // arrived: a move in the page keeps it
      },
      () => {},
    );
    const job = (async () => {
      await this.prepared;
      const kept = await this.kept;
      this.kept = null;
      if (kept && !this.initError) {
        if ((await this.commit({ type: 'loadDataset', text: kept.text, origin: 'first', kept }))?.ok) return;
        analysisViews().then((m) => m.persist.forget(store.keptKey(src))); // it no longer loads: the src instead
      }
      let text;
      try {
        const bytes = new Uint8Array(await body);
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // never mojibake
        } catch {
          const { intake } = await analysisViews();
          try {
            intake.strict(bytes, src);
          } catch (p) {
            if (!ctl.signal.aborted) this.commit({ type: 'refuse', error: { problems: [p] } });
          }
          return;
        }
      } catch (e) {
        if (!ctl.signal.aborted) this.commit({ type: 'fetchFailed', src, msg: String(e?.message || e) });
        return;
      } finally {
        if (this.srcCtl === ctl) this.srcPending = false;
      }
      if (ctl.signal.aborted || this.initError) return; // a newer src won, or the element was removed
      await this.commit({ type: 'loadDataset', text, origin: this.state.ds && !again ? 'input' : 'first', src: true });
    })();
    this.srcJob = job;
    return job;
  }

  markReady() {
    if (this.isReady) return;
    this.isReady = true;
    window.__vi ??= {};
    const vi = window.__vi;
    vi.firstRenderMs = performance.now();
    // The analysis module loads once the first render is on screen (a frame later).
    requestAnimationFrame(() =>
      setTimeout(() => {
        afterFirstRender();
        this.loadAnalysis().catch((e) => console.error(e));
      }, 0),
    );
    this.setAttribute('data-ready', '');
    this._resolveReady();
  }

  // ---- persist: the autosave (by dataset fingerprint); a share link's code loads only when there is one
  async restore() {
    const s = this.state;
    const title = text(s.ds?.title, 'ja');
    const old = store.key(title);
    let saved = store.load(store.key(title, s.fp)) ?? store.load(old);
    let msg = null;
    if (saved) {
      try {
        this.engine.edit('applyScenario', saved);
        msg = 'stRestored';
        store.save(old, null); // moved to the fingerprint's key by the autosave that follows
      } catch (x) {
        if (x?.panic) throw x; // else: the saved scenario no longer fits the dataset
        saved = null;
      }
    }
    if (/^#s=/.test(location.hash) && (await analysisViews()).persist.openLink(s, this.engine, saved && this.engine.scenarioText)) msg = 'stShared';
    return msg;
  }

  fromHash() {
    if (/^#s=/.test(location.hash)) analysisViews().then((m) => m.persist.hashChanged(this.commit, this.state, this.engine));
  }

  /**
   * Tells the live region. An edit still under way (`later`: a slider's steps, typing) is said once,
   * SAY_PAUSE_MS after its last step (or at its change), so a drag is not read out step by step.
   * @param {string} msg @param {boolean} [later]
   */
  say(msg, later = false) {
    clearTimeout(this.sayTimer);
    this.sayPending = later ? msg : null;
    if (later) {
      this.sayTimer = setTimeout(() => this.flushSay(), SAY_PAUSE_MS);
      return;
    }
    const s = this.liveRegion;
    s.textContent = s.textContent === msg ? `${msg}\u200b` : msg;
  }

  flushSay() {
    if (this.sayPending != null) this.say(this.sayPending);
  }

  download(json) {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const name = JSON.parse(json).name; // the file is named after the scenario (exports)
    const a = h('a', { href: url, download: `${name ? F.safeName(name) : 'scenario'}.json`, hidden: true });
    this.root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  invalidate() {
    this.life?.end();
    this.life = null;
    this.views = null;
  }

  render() {
    if (!this.isConnected || !this.prepared) return;
    if (!this.views) this.build();
    for (const v of /** @type {import('./types').View[]} */ (this.views)) v.update(this.state);
    roving.tidy(this.root);
    // ---- a11y: the host page may follow the language (www/page.js sets <html lang>, the title, the heading)
    if (this.langTold !== this.state.lang) {
      this.langTold = this.state.lang;
      this.dispatchEvent(new CustomEvent('vi-lang', { detail: { lang: this.state.lang }, bubbles: true, composed: true }));
    }
  }

  build() {
    const s = this.state;
    const L = s.lang;
    const focusTestId = /** @type {Element | null} */ (this.root.activeElement)?.getAttribute?.('data-testid');
    const methodOpen = !!(/** @type {HTMLDetailsElement | null} */ (this.root.querySelector('[data-testid="method"]'))?.open);
    this.life?.end();
    const life = new Lifetime();
    this.life = life;
    const ds = s.ds;
    const width = Math.round(this.getBoundingClientRect().width) || 720;
    const ctx = { state: s, commit: this.commit, life, status: this.liveRegion, width, methodOpen };
    const views = ds ? VIEWS.map((v) => v.create(ctx)) : [];
    const dataView = data.create(ctx);
    views.push(dataView);
    const langBtn = h('button', {
      type: 'button',
      'data-testid': 'lang-switch',
      class: 'btn ghost',
      lang: L === 'ja' ? 'en' : 'ja',
      'aria-label': t(L, 'langSwitchLabel'),
      text: t(L, 'langSwitch'),
    });
    const other = L === 'ja' ? 'en' : 'ja';
    // The attribute changes once the other catalogue is there, so the page switches at once.
    life.on(langBtn, 'click', () => {
      store.save(LANG_KEY, other); // remembered: the next visit opens in it (storage refused: this visit only)
      this.keptLang = other;
      loadLang(other).then(() => this.setAttribute('lang', other));
    });
    // the skip link, the first Tab stop: past the headline, chart and analyses to the what-if table
    const skip = ds ? h('a', { href: '#h-indicators', class: 'skip', 'data-testid': 'skip-link', text: t(L, 'skipTable') }) : null;
    if (skip)
      life.on(skip, 'click', (e) => {
        e.preventDefault(); // (the hash is the share link's)
        const to = /** @type {HTMLElement | null} */ (this.root.getElementById('h-indicators'));
        if (!to) return;
        to.tabIndex = -1;
        to.focus();
      });
    const wrap = h(
      'div',
      { class: 'vi', lang: L },
      skip,
      h('p', { id: 'vi-rove-hint', class: 'sr-only', text: t(L, 'roveHint') }),
      h(
        'header',
        { class: 'head' },
        h(
          'div',
          { class: 'titles' },
          ds ? h('p', { class: 'eyebrow', text: text(ds.title, L) }) : null,
          h('h2', { text: ds ? text(ds.index.name, L) : 'Vision Index' }),
          ds?.about ? h('p', { class: 'intro', 'data-testid': 'about', text: text(ds.about, L) }) : null,
          h('p', { class: 'intro', text: t(L, 'intro') }),
        ),
        langBtn,
      ),
    );
    const nIll = ds ? ds.indicators.filter((i) => i.illustrative).length : 0;
    // The dataset's own notice (what it invents), else the count of illustrative indicators.
    if (ds?.notice || nIll) {
      wrap.append(
        h(
          'p',
          { 'data-testid': 'illustrative-banner', class: 'banner', role: 'note' },
          h('span', { class: 'banner-mark', 'aria-hidden': 'true', text: '!' }),
          h('span', { text: ds?.notice ? text(ds.notice, L) : t(L, 'illustrative', { n: nIll }) }),
        ),
      );
    }
    if (!ds) wrap.append(h('div', { class: 'toolbar' }, this.liveRegion));
    for (const v of views) wrap.append(v.el);
    if (ds?.source) wrap.append(h('footer', { class: 'foot' }, h('h3', { text: t(L, 'sourceTitle') }), h('p', { text: text(ds.source, L) })));
    this.root.replaceChildren(wrap);
    this.views = views;
    if (focusTestId) /** @type {HTMLElement | null} */ (this.root.querySelector(`[data-testid="${focusTestId}"]`))?.focus();
  }
}

if (!customElements.get('vision-index')) customElements.define('vision-index', VisionIndex);
