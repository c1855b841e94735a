// The element's analysis methods (SPEC §7–8): `el.status()`, `el.seek(q)`,
// `el.contrib(q)`, `el.uncertainty(q, how)` check their question, then ask a
// worker (analysis.js) and give the command line's object. Loaded with the
// analysis code, after the first render or at the first question.

/** @typedef {import('./analysis.js').Analysis} Analysis */
/** @typedef {import('../types').State} State */

/**
 * @param {Analysis} analysis
 * @param {State} s
 * @param {'quick' | 'mc'} lane
 * @param {string} op
 * @param {any[]} args
 */
function run(analysis, s, lane, op, args, asText = false) {
  if (!s.ds) return Promise.reject(usageError('dataset', 'a dataset loaded'));
  return analysis.run(lane, op, args, asText);
}

/** @param {Analysis} analysis @param {State} s */
export function status(analysis, s) {
  return run(analysis, s, 'quick', 'status', []);
}

/**
 * @param {Analysis} analysis
 * @param {State} s
 * @param {{ milestone: number, indicator?: string, goal?: string, policy?: string, path?: string }} q
 */
export function seek(analysis, s, q) {
  const { milestone, indicator, goal, policy, path = 'plan' } = q || /** @type {any} */ ({});
  const subject = indicator != null ? ['indicator', indicator] : goal != null ? ['goal', goal] : policy != null ? ['policy', policy] : null;
  if (!subject) return Promise.reject(usageError('seek', 'indicator, goal or policy'));
  if (!Number.isInteger(milestone)) return Promise.reject(usageError('milestone', 'an integer year'));
  return run(analysis, s, 'quick', 'seek', [milestone, subject[0], String(subject[1]), String(path)]);
}

/**
 * @param {Analysis} analysis
 * @param {State} s
 * @param {{ year: number, path?: string }} q
 */
export function contrib(analysis, s, q) {
  const { year, path = 'outlook' } = q || /** @type {any} */ ({});
  if (!Number.isInteger(year)) return Promise.reject(usageError('year', 'an integer year'));
  return run(analysis, s, 'quick', 'contrib', [year, String(path)]);
}

/**
 * @param {Analysis} analysis
 * @param {State} s
 * @param {{ draws?: number, seed?: number | bigint, path?: string, weights?: number, spread?: number }} [q]
 * @param {{ text?: boolean }} [how]
 */
export function uncertainty(analysis, s, q, how) {
  const { draws = 10000, seed = 0, path = 'outlook', weights = 0, spread = 0.1 } = q || {};
  if (!Number.isInteger(draws) || draws < 1 || draws > 1e6) return Promise.reject(usageError('draws', '1 – 1,000,000'));
  let big;
  try {
    big = BigInt(seed);
  } catch {
    return Promise.reject(usageError('seed', 'an integer from 0'));
  }
  if (big < 0n || big >= 2n ** 64n) return Promise.reject(usageError('seed', 'an integer from 0 to 2^64 − 1'));
  if (typeof weights !== 'number' || typeof spread !== 'number') return Promise.reject(usageError('weights, spread', 'numbers in [0, 1)'));
  return run(analysis, s, 'mc', 'uncertainty', [draws, big, String(path), weights, spread], !!how?.text);
}

/**
 * A question the analysis cannot take (SPEC §8: the command line's usage error).
 * @param {string} what
 * @param {string} expected
 */
export function usageError(what, expected) {
  const e = /** @type {Error & { problems: any[] }} */ (new Error(`${what}: expected ${expected}`));
  e.problems = [
    {
      severity: 'error',
      path: what,
      code: 'usage',
      message: { ja: `分析の指定に誤りがあります: ${what}（${expected}）`, en: `bad analysis question: ${what} (expected ${expected})` },
    },
  ];
  return e;
}
