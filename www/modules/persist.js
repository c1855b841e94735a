// The kept dataset's writes and the actions of the notices at the top (views/notices.js):
// loaded after the first render, with the analysis (views/later.js). The reads that
// run before the first render are in state.js. README, "Persistence".
import { en, ja } from '../views/analysis-strings.js';
import { problemsOf } from './engine.js';
import { t, text } from './i18n.js';
import { ACTIONS, key, keptKey, load, openDb, save } from './state.js';

/** @typedef {import('../types').App} App */
/** @typedef {import('../types').State} State */

/**
 * One write on the page's IndexedDB store (`vision-index`, store `kept`).
 * @param {(s: IDBObjectStore) => IDBRequest} fn
 */
async function idb(fn) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction('kept', 'readwrite');
    fn(tx.objectStore('kept'));
    tx.oncomplete = () => resolve(undefined);
    tx.onerror = tx.onabort = () => reject(tx.error);
  }).finally(() => db.close());
}

// ---- share links: `#s=<scenario as base64url>&d=<the dataset's fingerprint>`

export const compact = (/** @type {string} */ json) => JSON.stringify(JSON.parse(json));

export function encode(s) {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decode(b64) {
  try {
    const bin = atob(b64.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/**
 * The share link in `hash`: null when there is none, `{ bad: true }` when it cannot be
 * decoded, else its scenario JSON and its dataset's fingerprint (null in older links).
 * @param {string} hash
 * @returns {{ json: string, fp: string | null, bad?: boolean } | null}
 */
export function fromHash(hash) {
  const m = /^#s=([^&]*)(?:&d=([^&]*))?/.exec(hash || '');
  const json = m && decode(m[1]);
  return m ? (json == null ? { json: '', fp: null, bad: true } : { json, fp: m[2] || null }) : null;
}

export const shareUrl = (href, json, fp) => href.split('#')[0] + '#s=' + encode(json) + '&d=' + fp;

/** The `share` action: the link of the current scenario on this dataset, copied. @param {App} app */
export function share(app) {
  if (!app.state.ds) return { rescore: false };
  app.state.shareUrl = shareUrl(location.href, compact(app.engine.scenarioJson()), app.state.fp);
  const url = app.state.shareUrl;
  const done = (ok) => app.commit?.({ type: 'announce', msg: t(app.state.lang, ok ? 'stShareCopied' : 'stShareMade') });
  if (navigator.clipboard?.writeText)
    navigator.clipboard.writeText(url).then(
      () => done(true),
      () => done(false),
    );
  else done(false);
  return { rescore: false };
}

/**
 * Whether the link in the URL applies at once: readable, made on this dataset, and the
 * work in progress (`mine`) is none or the same; else `state.link` asks. Drops the fragment.
 * @param {State} s @param {string | null | false} mine the saved work's scenario JSON
 */
function decide(s, mine) {
  const link = fromHash(location.hash);
  if (!link) return null;
  history.replaceState(null, '', location.href.split('#')[0]);
  s.link = link.bad
    ? { kind: 'bad' }
    : link.fp && link.fp !== s.fp
      ? { kind: 'other', ...link }
      : mine && compact(mine) !== link.json
        ? { kind: 'conflict', ...link }
        : null;
  return s.link ? null : link;
}

/**
 * The share link on first load (before the first render), after the autosave was
 * restored (`mine`): applied when `decide` lets it; returns whether it was.
 * @param {State} s @param {import('./engine.js').Engine} engine @param {string | null} mine
 */
export function openLink(s, engine, mine) {
  const link = decide(s, mine);
  if (!link) return false;
  try {
    engine.edit('applyScenario', link.json);
    return true;
  } catch (x) {
    if (x?.panic) throw x;
    s.link = { kind: 'bad', reason: problemsOf(x)[0].message };
    return false;
  }
}

/**
 * A share link opened while the page is open (hashchange).
 * @param {(a: any) => any} commit @param {State} s @param {import('./engine.js').Engine} engine
 */
export function hashChanged(commit, s, engine) {
  if (!/^#s=/.test(location.hash) || !s.ds) return;
  const link = decide(s, s.scen.has && engine.scenarioText);
  if (link) {
    s.link = { kind: 'go', ...link }; // applied at once, by the action that says why if it is refused
    commit({ type: 'linkApply' });
  } else if (s.link?.kind === 'bad') commit({ type: 'announce', msg: t(s.lang, 'noticeLinkBad', { why: t(s.lang, 'noticeLinkUnreadable') }) });
  else commit({ type: 'announce', msg: t(s.lang, 'stLinkAsk') }); // a question at the top
}

/**
 * Keeps the dataset text the user loaded, for the next visit: IndexedDB, else
 * localStorage (when IndexedDB is missing or refuses it, e.g. in a private window).
 * @param {App} app @param {string} text
 */
export async function keep(app, text) {
  // Without a `src` the host page gives the data (el.loadDataset): nothing to keep it
  // against, and no default to go back to (readKept runs only for a src).
  const src = app.el.getAttribute('src');
  if (!src) return;
  const k = keptKey(src);
  const rec = { text, title: app.state.ds?.title ?? '', at: Date.now() };
  app.state.kept = { title: rec.title, at: rec.at };
  app.commit?.({ type: 'announce', msg: null }); // the notice shows it
  try {
    await idb((s) => s.put(rec, k));
    save(k, JSON.stringify({ idb: 1 })); // read first (state.js readKept)
  } catch {
    save(k, null); // an older record never stands in for this one
    save(k, JSON.stringify(rec));
    if (load(k) == null) {
      // neither store took it (e.g. over localStorage's quota): the notice must not say it is kept
      app.state.kept = null;
      app.commit?.({ type: 'announce', msg: null });
    }
  }
}

/** Forgets the kept dataset stored under `k` (both stores). @param {string} k */
export async function forget(k) {
  save(k, null);
  await idb((s) => s.delete(k)).catch(() => {});
}

const backupKey = (/** @type {App} */ app) => `${key(text(app.state.ds.title, 'ja'), app.state.fp)}:backup`;

/** @type {Record<string, (app: App, a: any) => any>} */
export const PERSIST_ACTIONS = {
  /** 「既定のデータに戻す」: forget the kept dataset, load the element's src again. */
  async forgetDataset(app) {
    const el = app.el;
    await forget(keptKey(el.getAttribute('src')));
    app.state.kept = null;
    el.loadSrc(el.getAttribute('src') || '', true);
    return { rescore: false, say: t(app.state.lang, 'stKeptForgotten') };
  },
  /** Applies the share link the notice asked about; the work it replaces is kept as a backup. */
  linkApply(app) {
    const s = app.state;
    const link = s.link;
    if (!link?.json) return { rescore: false };
    const mine = s.scen.has && link.kind !== 'go' ? app.engine.scenarioText : null;
    s.link = null;
    const o = ACTIONS.applyScenario(app, { text: link.json, msgKey: 'stShared' });
    if (o.refused) s.link = { kind: 'bad', reason: o.refused[0].message };
    else if (mine) {
      save(backupKey(app), mine);
      s.backup = true;
    }
    return o;
  },
  linkDismiss(app) {
    app.state.link = null;
    return { rescore: false, say: t(app.state.lang, 'stLinkIgnored') };
  },
  /** Back to the work the link replaced. */
  restoreBackup(app) {
    const json = load(backupKey(app));
    app.state.backup = false;
    if (!json) return { rescore: false };
    save(backupKey(app), null);
    return ACTIONS.applyScenario(app, { text: json, msgKey: 'stBackupRestored' });
  },
  dismissBackup(app) {
    app.state.backup = false;
    return { rescore: false };
  },
  /**
   * A sheet (SPEC §9: a .csv, or cells pasted from Excel) through the analysis worker's
   * `importCsv`: the current dataset with the sheet's indicators, loaded like a dataset;
   * refused with the sheet's problems (row and column), the previous state kept.
   */
  async importSheet(app, a) {
    if (!app.state.ds) {
      const problem = {
        severity: 'error',
        path: a.name || '$',
        code: 'sheet_no_dataset',
        message: { ja: ja.errSheetNoData, en: en.errSheetNoData }, // both catalogues, also before English is loaded
      };
      return ACTIONS.refuse(app, { error: { problems: [problem] } });
    }
    let json;
    try {
      const analysis = await app.el.loadAnalysis();
      json = await analysis.run('quick', 'importCsv', [a.bytes], true);
    } catch (e) {
      return ACTIONS.refuse(app, { error: e });
    }
    return ACTIONS.loadDataset(app, { text: json, origin: 'input' });
  },
};

Object.assign(ACTIONS, PERSIST_ACTIONS);
