// embed.html, the widget alone for an iframe (README, "Embedding on a website").
// Before the element starts: ?lang=ja|en and ?src=<dataset on this site> from the URL.
// Then: the page's height to the parent page ({ type: 'vision-index:height', height })
// whenever it changes, and again when the parent asks ({ type: 'vision-index:size?' });
// the focused control's box ({ type: 'vision-index:focus', top, bottom }) so that the
// parent can keep it clear of its fixed header (embed-host.js). Only numbers are posted.
const el = document.querySelector('vision-index');
const q = new URLSearchParams(location.search);
const lang = q.get('lang');
if (el && (lang === 'ja' || lang === 'en')) {
  el.setAttribute('lang', lang);
  document.documentElement.lang = lang;
}
const src = q.get('src');
let data = 'data/setagaya.json';
if (src) {
  try {
    if (new URL(src, location.href).origin === location.origin) data = src; // nothing from another site
  } catch {
    /* not a URL: the default dataset */
  }
}
el?.setAttribute('src', data);
// without ?lang the widget opens in the visitor's last choice: the page's lang follows it
document.addEventListener('vi-lang', (e) => {
  const l = /** @type {CustomEvent} */ (e).detail?.lang;
  if (l === 'ja' || l === 'en') document.documentElement.lang = l;
});

const framed = window.parent !== window;
let last = -1;
/** @param {MessageEventSource | null} [to] @param {string} [origin] */
function post(to, origin) {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === last && !to) return;
  last = height;
  /** @type {Window} */ (to || window.parent).postMessage({ type: 'vision-index:height', height }, origin || '*');
}
if (framed) {
  new ResizeObserver(() => post()).observe(document.body);
  window.addEventListener('message', (e) => {
    if (e.source === window.parent && e.data?.type === 'vision-index:size?') post(e.source, e.origin);
  });
  // (in the shadow root: a move between two of its controls does not reach the document)
  customElements.whenDefined('vision-index').then(() =>
    el?.shadowRoot?.addEventListener('focusin', (e) => {
      const f = /** @type {Element} */ (e.target);
      requestAnimationFrame(() => {
        const r = f.getBoundingClientRect();
        window.parent.postMessage({ type: 'vision-index:focus', top: r.top, bottom: r.bottom }, '*');
      });
    }),
  );
}
