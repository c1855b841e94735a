// View: the workshop section (its button opens the presenter view, views/workshop.js,
// whose code loads only then) and the presenter view itself once open. Part of the
// chunk that loads after the first render (views/later.js). A page opened at
// `#present` (a facilitator's bookmark) opens the presenter view at once.
import { h, section } from '../modules/dom.js';
import { addStrings, t } from '../modules/i18n.js';

// the section's strings (the presenter view's own load with it: workshop-strings.js)
const ENTRY_JA = {
  wsTitle: 'ワークショップ',
  wsIntro:
    'プロジェクターに映す発表者表示です。大きな文字で指数とグラフを示し、選んだ指標の目標値をその場で変えられます。QRコードで参加者のスマートフォンに同じシナリオを開けます。参加者の共有リンクを集めて、ばらつきを見ることもできます。',
  wsOpen: '発表者表示を開く',
  wsBookmark: 'ページのアドレスの末尾に #present を付けてブックマークすると、開いたときに発表者表示になります。',
};
const ENTRY_EN = {
  wsTitle: 'Workshop',
  wsIntro:
    'A presenter view for the projector: the index and the chart in large type, and the targets of the indicators you pick, changed on the spot. A QR code lets participants open the same scenario on their phones. You can also pool participants’ share links and see their spread.',
  wsOpen: 'Open the presenter view',
  wsBookmark: 'Bookmark the page’s address with #present at its end to open it in the presenter view.',
};
addStrings(ENTRY_JA, ENTRY_EN);

/** @type {Promise<typeof import('./workshop.js')> | null} */
let loading = null;
/** @type {typeof import('./workshop.js') | null} */
let code = null;
const load = () => {
  loading ??= import('./workshop.js').then((m) => (code = m));
  return loading;
};
/** `#present` opens the presenter view once per page load */
let hashSeen = false;

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s, commit, life } = ctx;
  const L = s.lang;
  const open = h('button', { type: 'button', class: 'btn ghost ws-open', 'data-testid': 'ws-open', 'aria-haspopup': 'dialog', text: t(L, 'wsOpen') });
  const el = section(
    L,
    'workshop',
    'wsTitle',
    h('p', { class: 'intro', text: t(L, 'wsIntro') }),
    h('div', { class: 'row' }, open),
    h('p', { class: 'hint', text: t(L, 'wsBookmark') }),
  );
  el.setAttribute('data-testid', 'workshop');
  /** @type {import('../types').View & { close(): void } | null} */
  let view = null;
  const show = () =>
    load().then(
      () => !life.signal.aborted && commit({ type: 'wsOpen' }),
      (e) => console.error(e),
    );
  life.on(open, 'click', show);
  if (!hashSeen && /^#present\b/.test(location.hash)) show();
  hashSeen = true;

  /** @param {import('../types').State} s */
  function update(s) {
    if (s.ws?.open && !view && code) {
      view = code.create(ctx, () => open.focus());
      el.append(view.el);
    }
    if (view) {
      view.update(s);
      if (!s.ws?.open) {
        view.close();
        view.el.remove();
        view = null;
      }
    }
  }
  // (open before a rebuild, e.g. of the language: the code is there and it opens again)
  return { el, update };
}
