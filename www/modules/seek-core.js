// Goal seek (SPEC §8.2) for the page's first load: the subject of the
// 「目標達成に必要な値」 panel and the answer on show for a subject. The actions are
// in seek-actions.js (loaded with the analysis code), the panel in views/seek.js.

/** @typedef {import('../types').State} State */

/**
 * The subject shown: `level:id` ("goal:G4", "indicator:G4-b").
 * @param {string | null | undefined} key
 * @returns {{ level: 'goal' | 'indicator', id: string } | null}
 */
export function parseSubject(key) {
  const m = /^(goal|indicator):(.+)$/.exec(key || '');
  return m ? { level: /** @type {'goal' | 'indicator'} */ (m[1]), id: m[2] } : null;
}

/**
 * The seek answer on show for a subject, or null.
 * @param {State} s @param {'goal' | 'indicator'} level @param {string} id
 */
export const seekOf = (s, level, id) => s.an.seeks?.[level === 'goal' ? 'goals' : 'indicators']?.[id] ?? null;
