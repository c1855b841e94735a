// View: the notices at the top (README, "Persistence"): the kept dataset on show
// (「既定のデータに戻す」), a share link that cannot be read, that was made on another
// dataset, or that differs from the work saved here (ask before applying), and the
// backup of the work a link replaced. Loaded after the first render (views/later.js).
import { h } from '../modules/dom.js';
import { t, text } from '../modules/i18n.js';

/**
 * @param {string} L @param {string} kind @param {'note' | 'alert'} role @param {string} msg
 * @param {Array<[string, string, string]>} buttons [testid, label key, action]
 */
function notice(L, kind, role, msg, buttons) {
  const id = `notice-${kind}-msg`;
  return h(
    'div',
    { class: `notice notice-${kind}`, 'data-notice': kind, role, 'aria-labelledby': id },
    // the kind in words: a problem (nothing to decide), a question, or information
    h('span', { class: 'notice-mark', text: t(L, kind === 'link-bad' ? 'noticeMarkWarn' : role === 'alert' ? 'noticeMarkAsk' : 'noticeMarkInfo') }),
    h('p', { id, text: msg }),
    h(
      'div',
      { class: 'row' },
      buttons.map(([testid, label, type], i) =>
        h('button', { type: 'button', class: i ? 'btn' : 'btn ghost', 'data-testid': testid, 'data-action': type, text: t(L, label) }),
      ),
    ),
  );
}

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { commit, life } = ctx;
  const L = ctx.state.lang;
  const el = h('div', { class: 'notices', 'data-testid': 'notices', hidden: true });
  life.on(el, 'click', (e) => {
    const type = /** @type {HTMLElement} */ (e.target).closest?.('button[data-action]')?.getAttribute('data-action');
    if (type) commit({ type });
  });
  let shown = '';

  /** @param {import('../types').State} s */
  function update(s) {
    const k = JSON.stringify([s.kept?.at, s.link, s.backup]);
    if (k === shown) return;
    shown = k;
    const list = [];
    if (s.link?.kind === 'bad') {
      const why = s.link.reason ? text(s.link.reason, L) : t(L, 'noticeLinkUnreadable');
      list.push(notice(L, 'link-bad', 'alert', t(L, 'noticeLinkBad', { why }), [['notice-dismiss', 'noticeClose', 'linkDismiss']]));
    } else if (s.link?.kind === 'other') {
      const msg = t(L, 'noticeLinkOther', { fp: s.link.fp, title: text(s.ds?.title, L) });
      list.push(
        notice(L, 'link-other', 'alert', msg, [
          ['notice-apply', 'noticeApplyAnyway', 'linkApply'],
          ['notice-dismiss', 'noticeDontApply', 'linkDismiss'],
        ]),
      );
    } else if (s.link?.kind === 'conflict') {
      list.push(
        notice(L, 'link-conflict', 'alert', t(L, 'noticeLinkConflict'), [
          ['notice-apply', 'noticeOpenLink', 'linkApply'],
          ['notice-keep', 'noticeKeepWork', 'linkDismiss'],
        ]),
      );
    }
    if (s.backup) {
      list.push(
        notice(L, 'backup', 'note', t(L, 'noticeBackup'), [
          ['notice-restore', 'noticeRestoreBackup', 'restoreBackup'],
          ['notice-backup-close', 'noticeClose', 'dismissBackup'],
        ]),
      );
    }
    if (s.kept) {
      const when = new Intl.DateTimeFormat(L === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(s.kept.at);
      const msg = t(L, 'noticeKept', { title: text(s.kept.title, L), when });
      list.push(notice(L, 'kept', 'note', msg, [['notice-default', 'noticeDefault', 'forgetDataset']]));
    }
    const root = /** @type {Document | ShadowRoot} */ (el.getRootNode());
    const focused = el.contains(root.activeElement);
    el.replaceChildren(...list);
    el.hidden = !list.length;
    if (focused) el.querySelector('button')?.focus(); // a notice answered: the next one, if any
  }
  return { el, update };
}
