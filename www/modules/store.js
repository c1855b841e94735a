// Scenario persistence: localStorage autosave and `#s=` share links.

/** The storage key of a dataset, by its Japanese title. */
export const key = (titleJa) => 'vision-index:scenario:' + titleJa;

export function load(k) {
  try {
    return localStorage.getItem(k);
  } catch {
    return null;
  }
}

/** Saves the scenario JSON; null removes it. Best effort (storage may be blocked). */
export function save(k, json) {
  try {
    if (json == null) localStorage.removeItem(k);
    else localStorage.setItem(k, json);
  } catch {}
}

/** base64url of the UTF-8 bytes of `s`, unpadded. */
export function encode(s) {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The text of a base64url string; null when invalid. */
export function decode(b64) {
  try {
    const bin = atob(b64.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** The scenario JSON carried by a URL fragment `#s=...`; null when none. */
export function fromHash(hash) {
  const m = /^#s=([\w-]*)/.exec(hash || '');
  return m ? decode(m[1]) : null;
}

export const shareUrl = (href, json) => href.split('#')[0] + '#s=' + encode(json);
