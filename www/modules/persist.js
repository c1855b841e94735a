// The kept dataset's writes and the actions of the notices at the top (views/notices.js):
// loaded after the first render, with the analysis (views/later.js). The reads that
// run before the first render are in state.js. README, "Persistence".
import { t, text } from './i18n.js';
import { ACTIONS, idb, key, load, save } from './state.js';

/** @typedef {import('../types').App} App */

/**
 * Keeps the dataset text the user loaded, for the next visit: IndexedDB, else
 * localStorage (when IndexedDB is missing or refuses it, e.g. in a private window).
 * @param {App} app @param {string} text
 */
export async function keep(app, text) {
  const k = app.keptKey;
  const rec = { text, title: app.state.ds?.title ?? '', at: app.state.kept?.at ?? Date.now() };
  try {
    await idb('readwrite', (s) => s.put(rec, k));
    save(k, null);
  } catch {
    save(k, JSON.stringify(rec));
  }
}

/** Forgets the kept dataset stored under `k` (both stores). @param {string} k */
export async function forget(k) {
  save(k, null);
  await idb('readwrite', (s) => s.delete(k)).catch(() => {});
}

const backupKey = (/** @type {App} */ app) => `${key(text(app.state.ds.title, 'ja'), app.state.fp)}:backup`;

/** @type {Record<string, (app: App, a: any) => any>} */
export const PERSIST_ACTIONS = {
  /** 「既定のデータに戻す」: forget the kept dataset, load the element's src again. */
  async forgetDataset(app) {
    await forget(app.keptKey);
    app.state.kept = null;
    app.loadSrc();
    return { rescore: false, say: t(app.state.lang, 'stKeptForgotten') };
  },
  /** Applies the share link the notice asked about; the work it replaces is kept as a backup. */
  linkApply(app) {
    const s = app.state;
    const link = s.link;
    if (!link?.json) return { rescore: false };
    const mine = s.scen.has ? app.engine.scenarioText : null;
    s.link = null;
    const o = ACTIONS.applyScenario(app, { text: link.json, msgKey: 'stShared', link: true });
    if (!o.refused && mine) {
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
    let json;
    try {
      const analysis = await app.loadAnalysis();
      json = await analysis.run('quick', 'importCsv', [a.bytes], true);
    } catch (e) {
      return ACTIONS.refuse(app, { error: e });
    }
    return ACTIONS.loadDataset(app, { text: json, origin: 'input' });
  },
};

Object.assign(ACTIONS, PERSIST_ACTIONS);
