// The ward page's own script (www/index.html; no inline script under its CSP). It follows the
// widget's language: on `vi-lang` it sets <html lang>, the document title and the page heading
// (the Japanese ones are the page's own, read here). The widget itself never touches its host
// page: a CMS page embedding it keeps its title.
const site = document.querySelector('.page-head .site');
const h1 = document.querySelector('.page-head h1');
const PAGE = {
  ja: { title: document.title, site: site?.textContent, h1: h1 ? [...h1.childNodes].map((n) => n.cloneNode(true)) : [] },
  en: {
    title: 'Sustainable Local Economy Index explorer | Setagaya City Local Economic Development Vision',
    site: 'Setagaya City Local Economic Development Vision',
    h1: [
      'Sustainable Local Economy Index explorer ',
      Object.assign(document.createElement('span'), { lang: 'ja', textContent: '/ 「持続可能な地域経済の充実度」シミュレーター' }),
    ],
  },
};

/** @param {string | null | undefined} lang */
function follow(lang) {
  const L = lang === 'en' ? 'en' : 'ja';
  const p = PAGE[L];
  if (document.documentElement.lang === L) return;
  document.documentElement.lang = L;
  document.title = p.title;
  if (site) site.textContent = p.site ?? '';
  h1?.replaceChildren(...p.h1.map((n) => (typeof n === 'string' ? n : n.cloneNode(true))));
}

document.addEventListener('vi-lang', (e) => follow(/** @type {CustomEvent} */ (e).detail?.lang));
// the widget may already be in the visitor's remembered language
follow(document.querySelector('vision-index')?.getAttribute('lang'));
