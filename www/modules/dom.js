// DOM helpers shared by the views, and the lifetime that owns their listeners.
import * as F from './format.js';
import { t } from './i18n.js';

/** @typedef {Node | string | null | undefined | false} Kid */
/** @typedef {Record<string, string | number | boolean | null | undefined>} Props */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props | null} [props]
 * @param {...(Kid | Kid[])} kids
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props, ...kids) {
  const e = document.createElement(tag);
  if (props) {
    for (const k in props) {
      const v = props[k];
      if (v == null || v === false) continue;
      if (k === 'class') e.className = String(v);
      else if (k === 'text') e.textContent = String(v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of kids.flat()) if (c != null && c !== false) e.append(c);
  return e;
}

/**
 * @param {string | null} s
 * @param {string} lang
 * @param {Props} [props]
 */
export function numSpan(s, lang, props) {
  const e = h('span', props);
  F.put(e, s, lang);
  return e;
}

/**
 * @param {string} lang
 * @param {string} cls
 * @param {string} titleKey
 * @param {...(Kid | Kid[])} kids
 */
export function section(lang, cls, titleKey, ...kids) {
  const id = `h-${cls}`;
  return h('section', { class: `sec sec-${cls}`, 'aria-labelledby': id }, h('h3', { id, text: t(lang, titleKey) }), ...kids);
}

/**
 * @param {Record<string, number> | null | undefined} obj
 * @returns {number[]}
 */
export const yearsOf = (obj) =>
  Object.keys(obj || {})
    .map(Number)
    .filter(Number.isInteger)
    .sort((a, b) => a - b);

/**
 * @param {Array<Element | null | undefined>} els
 * @param {boolean} on
 * @param {string} [attr]
 */
export function flag(els, on, attr = 'data-changed') {
  for (const e of els) {
    if (!e || e.hasAttribute(attr) === on) continue;
    if (on) e.setAttribute(attr, 'true');
    else e.removeAttribute(attr);
  }
}

const NS = 'http://www.w3.org/2000/svg';
export const PATHS = ['actual', 'plan', 'outlook', 'trend'];
export const DASH = { actual: '', plan: '9 4', outlook: '3 3', trend: '12 4 3 4' };

/**
 * @param {string} name
 * @param {Record<string, string | number>} attrs
 * @param {Element} [parent]
 * @returns {SVGElement}
 */
export function svgEl(name, attrs, parent) {
  const e = /** @type {SVGElement} */ (document.createElementNS(NS, name));
  for (const k in attrs) e.setAttribute(k, String(attrs[k]));
  if (parent) parent.appendChild(e);
  return e;
}

/** @param {string} p */
export function swatch(p) {
  const s = svgEl('svg', { viewBox: '0 0 36 10', class: 'sw', 'aria-hidden': 'true' });
  svgEl('path', { d: 'M2 5H34', class: `line s-${p}`, 'stroke-dasharray': DASH[p] }, s);
  return s;
}

export function setText(/** @type {Node} */ e, s) {
  if (e.textContent !== s) e.textContent = s;
}

export class Lifetime {
  #ctl = new AbortController();
  count = 0;

  get signal() {
    return this.#ctl.signal;
  }

  /**
   * @param {EventTarget} target
   * @param {string} type
   * @param {(e: any) => void} fn
   * @param {AddEventListenerOptions} [opts]
   */
  on(target, type, fn, opts) {
    if (this.signal.aborted) return;
    target.addEventListener(type, fn, { ...opts, signal: this.signal });
    this.count++;
  }

  /** @param {{ disconnect(): void }} obs */
  observe(obs) {
    if (this.signal.aborted) return obs.disconnect();
    this.count++;
    this.signal.addEventListener('abort', () => obs.disconnect(), { once: true });
  }

  end() {
    this.#ctl.abort();
    this.count = 0;
  }
}

/**
 * A drop target (a dataset, scenario or sheet file; links as text): marked `.over` while
 * something is dragged over it; `onDrop(dataTransfer)` on a drop. The data view's and the
 * workshop's pooling drop zones.
 * @param {Lifetime} life @param {HTMLElement} el @param {(d: DataTransfer) => void} onDrop
 */
export function dropZone(life, el, onDrop) {
  life.on(el, 'dragover', (e) => {
    e.preventDefault();
    el.classList.add('over');
  });
  life.on(el, 'dragleave', () => el.classList.remove('over'));
  life.on(el, 'drop', (e) => {
    e.preventDefault();
    el.classList.remove('over');
    const d = /** @type {DragEvent} */ (e).dataTransfer;
    if (d) onDrop(d);
  });
}
