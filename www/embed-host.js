// For the page that embeds the widget in an iframe (README, "Embedding on a website"):
//   <iframe data-vision-index src="…/embed.html" title="…"></iframe>
//   <script src="…/embed-host.js" defer></script>
// Sets each such iframe's height to the one its page posts ({ type: 'vision-index:height' }),
// taking messages only from that iframe's window and the origin of its src. When a control
// inside gets focus, scrolls the page so that the control is not under the page's own fixed
// header: its height is the iframe's `--vi-sticky-top` (CSS; default 0).
(() => {
  const frames = () => /** @type {HTMLIFrameElement[]} */ ([...document.querySelectorAll('iframe[data-vision-index]')]);
  /** @param {HTMLIFrameElement} f */
  const ask = (f) => {
    try {
      f.contentWindow?.postMessage({ type: 'vision-index:size?' }, new URL(f.src, location.href).origin);
    } catch {
      /* not loaded yet: its page posts its height itself */
    }
  };
  window.addEventListener('message', (e) => {
    const d = e.data;
    if (!d || typeof d !== 'object' || typeof d.type !== 'string' || !d.type.startsWith('vision-index:')) return;
    const f = frames().find((x) => x.contentWindow === e.source);
    if (!f || e.origin !== new URL(f.src, location.href).origin) return;
    if (d.type === 'vision-index:height' && Number.isFinite(d.height)) {
      f.style.height = `${Math.min(Math.max(Math.ceil(d.height), 150), 100000)}px`;
    } else if (d.type === 'vision-index:focus' && Number.isFinite(d.top) && Number.isFinite(d.bottom)) {
      // --vi-sticky-top in px, whatever unit the site's CSS gave it
      if (!f.style.scrollMarginTop) f.style.scrollMarginTop = 'var(--vi-sticky-top, 0px)';
      const off = Number.parseFloat(getComputedStyle(f).scrollMarginTop) || 0;
      const box = f.getBoundingClientRect();
      const top = box.top + d.top;
      const bottom = box.top + d.bottom;
      if (top < off + 4) window.scrollBy(0, top - off - 8);
      else if (bottom > window.innerHeight - 4) window.scrollBy(0, bottom - window.innerHeight + 8);
    }
  });
  for (const f of frames()) {
    f.addEventListener('load', () => ask(f));
    ask(f);
  }
})();
