// The ward page's own script (www/index.html; no inline script under its CSP). It follows the
// widget's language: on `vi-lang` it sets <html lang>, the document title and the page heading.
// The widget itself never touches its host page: a CMS page embedding it keeps its own title.
const PAGE = {
  ja: {
    title: '持続可能な地域経済の充実度 シミュレーター｜世田谷区 地域経済発展ビジョン',
    site: '世田谷区 地域経済発展ビジョン',
    h1: '「持続可能な地域経済の充実度」シミュレーター',
    alt: ['en', '/ Vision Index explorer'],
  },
  en: {
    title: 'Sustainable Local Economy Index explorer | Setagaya City Local Economic Development Vision',
    site: 'Setagaya City Local Economic Development Vision',
    h1: 'Sustainable Local Economy Index explorer',
    alt: ['ja', '/ 「持続可能な地域経済の充実度」シミュレーター'],
  },
};

/** @param {string | null | undefined} lang */
function follow(lang) {
  const p = lang === 'en' ? PAGE.en : PAGE.ja;
  const L = lang === 'en' ? 'en' : 'ja';
  if (document.documentElement.lang === L && document.title === p.title) return;
  document.documentElement.lang = L;
  document.title = p.title;
  const site = document.querySelector('.page-head .site');
  const h1 = document.querySelector('.page-head h1');
  if (site) site.textContent = p.site;
  if (h1) {
    const alt = document.createElement('span');
    alt.lang = p.alt[0];
    alt.textContent = p.alt[1];
    h1.replaceChildren(`${p.h1} `, alt);
  }
}

document.addEventListener('vi-lang', (e) => follow(/** @type {CustomEvent} */ (e).detail?.lang));
// the widget may already be in the visitor's remembered language
follow(document.querySelector('vision-index')?.getAttribute('lang'));
