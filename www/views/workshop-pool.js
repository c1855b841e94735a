// The presenter view's pooling (README, "In the workshop room"), with no server: the
// participants' share links (pasted, one a line) or scenario files (picked or dropped)
// are read here, each refused one with its reason, the same scenario twice counted once;
// the analysis worker scores them all in one message (op `pool`, modules/analysis-worker.js),
// off the page's main thread. Shown: each one's index in the milestone years on the chosen
// path, the spread (a strip plot, and a table of min / median / max), and per target state
// how many participants changed its score and the mean change.
import { dropZone, h, section, setText, svgEl } from '../modules/dom.js';
import * as F from '../modules/format.js';
import { t, text } from '../modules/i18n.js';
import { fromHash } from '../modules/persist.js';
import { pathInText } from './headline.js';

/** @typedef {import('../types').State} State */
/** @typedef {import('../types').App} App */
/** @typedef {{ line?: number, file?: string }} Where */
/** @typedef {{ key: string, vars?: Record<string, any> } | { msg: any }} Why */
/** @typedef {{ where: Where, text: string }} Input */

/** At most this many scenarios are pooled (one message to the worker). */
export const POOL_MAX = 500;

/**
 * The items of one pasted text or file: a whole JSON document is one item, else each
 * non-empty line is one.
 * @param {string} textIn
 * @param {string | undefined} file
 * @returns {Input[]}
 */
export function itemsOf(textIn, file) {
  const whole = textIn.trim();
  if (whole.startsWith('{')) {
    try {
      JSON.parse(whole);
      return [{ where: { file, line: file ? undefined : 1 }, text: whole }];
    } catch {
      /* one a line, below */
    }
  }
  /** @type {Input[]} */
  const out = [];
  textIn.split(/\r?\n/).forEach((line, i) => {
    if (line.trim()) out.push({ where: { file, line: i + 1 }, text: line.trim() });
  });
  return out;
}

/**
 * One item read: its scenario JSON (compact: the key of duplicates), or why not.
 * @param {string} item
 * @param {string} fp the dataset's fingerprint
 * @returns {{ json: string } | { why: Why }}
 */
export function readItem(item, fp) {
  if (!item) return { why: { key: 'wsPoolEmptyFile' } };
  let json = item;
  const at = item.indexOf('#s=');
  if (at >= 0) {
    const link = fromHash(item.slice(at));
    if (!link || link.bad) return { why: { key: 'wsPoolBadLink' } };
    if (link.fp && link.fp !== fp) return { why: { key: 'wsPoolOtherData' } };
    json = link.json;
  } else if (!item.startsWith('{')) return { why: { key: 'wsPoolNotScenario' } };
  let doc;
  try {
    doc = JSON.parse(json);
  } catch {
    return { why: { key: at >= 0 ? 'wsPoolBadLink' : 'wsPoolNotScenario' } };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || doc.format !== 'vision-index-scenario/1') return { why: { key: 'wsPoolNotScenarioFile' } };
  return { json: JSON.stringify(doc) };
}

/** The median of numbers (sorted here). @param {number[]} v */
export function median(v) {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return null;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/**
 * The pool's actions (merged into state.js's ACTIONS by workshop.js).
 * @param {(app: App) => any} ws the workshop state
 */
export function POOL_ACTIONS(ws) {
  /** Reads and scores every input given so far (again after a change of path or dataset). */
  const score = async (/** @type {App} */ app, /** @type {Input[]} */ inputs) => {
    const s = app.state;
    const w = ws(app);
    const t0 = performance.now();
    /** @type {Array<{ where: Where, why: Why }>} */
    const bad = [];
    /** @type {Array<{ where: Where, first: Where }>} */
    const dups = [];
    /** @type {Map<string, Where>} */
    const seen = new Map();
    /** @type {Array<{ where: Where, json: string, name: string }>} */
    const good = [];
    for (const it of inputs) {
      const r = readItem(it.text, s.fp);
      if ('why' in r) bad.push({ where: it.where, why: r.why });
      else if (seen.has(r.json)) dups.push({ where: it.where, first: /** @type {Where} */ (seen.get(r.json)) });
      else if (good.length >= POOL_MAX) bad.push({ where: it.where, why: { key: 'wsPoolMax', vars: { n: POOL_MAX } } });
      else {
        seen.set(r.json, it.where);
        const name = JSON.parse(r.json).name;
        good.push({ where: it.where, json: r.json, name: typeof name === 'string' ? name : '' });
      }
    }
    const years = s.milestoneYears.length ? s.milestoneYears : [s.ds.years.last];
    const path = s.path;
    w.pooling = true;
    app.render();
    let answer;
    try {
      const analysis = await app.el.loadAnalysis();
      answer = await analysis.run('quick', 'pool', [good.map((g) => g.json), path, years]);
    } catch (e) {
      w.pooling = false;
      w.pool = { inputs, fp: s.fp, path, years, base: null, people: [], bad, dups, failed: String(e?.message || e) };
      return { rescore: false, say: t(s.lang, 'wsPoolScoreFailed') };
    }
    const people = [];
    good.forEach((g, i) => {
      const r = answer.items[i];
      if (r.error) bad.push({ where: g.where, why: { msg: r.error.problems?.[0]?.message ?? r.error.message } });
      else people.push({ where: g.where, name: g.name, index: r.index, goals: r.goals });
    });
    w.pooling = false;
    w.pool = { inputs, fp: s.fp, path, years, base: answer.base, people, bad, dups, failed: null };
    window.__vi ??= {};
    window.__vi.poolMs = performance.now() - t0;
    return { rescore: false, say: t(s.lang, 'stWsPooled', { n: people.length }) };
  };
  return {
    /** Adds `a.inputs` (from the text area and files) to the pool and scores it all. */
    wsPool(/** @type {App} */ app, /** @type {any} */ a) {
      const w = ws(app);
      return score(app, [...(w.pool?.inputs ?? []), ...a.inputs]);
    },
    /** The pool once more, for the path or dataset now shown. */
    wsPoolRescore(/** @type {App} */ app) {
      const w = ws(app);
      if (!w.pool || w.pooling) return { rescore: false };
      return score(app, w.pool.inputs);
    },
    wsPoolClear(/** @type {App} */ app) {
      ws(app).pool = null;
      return { rescore: false, say: t(app.state.lang, 'stWsCleared') };
    },
  };
}

/** @param {import('../types').Ctx} ctx */
export function create(ctx) {
  const { state: s, commit, life } = ctx;
  const L = s.lang;
  const ds = s.ds;
  const area = h('textarea', { id: 'ws-pool-text', 'data-testid': 'ws-pool-text', rows: 5, spellcheck: 'false', autocomplete: 'off' });
  const fileIn = h('input', {
    type: 'file',
    id: 'ws-pool-file',
    'data-testid': 'ws-pool-file',
    multiple: true,
    accept: '.json,.txt,application/json,text/plain',
    class: 'file-in',
  });
  const add = h('button', { type: 'button', class: 'btn ghost ws-bigbtn', 'data-testid': 'ws-pool-add', text: t(L, 'wsPoolAdd') });
  const clear = h('button', { type: 'button', class: 'btn ws-bigbtn', 'data-testid': 'ws-pool-clear', text: t(L, 'wsPoolClear') });
  const drop = h(
    'div',
    { class: 'ws-drop', 'data-testid': 'ws-pool-drop' },
    h('div', { class: 'field' }, h('label', { for: 'ws-pool-text', text: t(L, 'wsPoolLinks') }), area),
    h('div', { class: 'row' }, add, h('label', { for: 'ws-pool-file', class: 'btn file-label ws-bigbtn', text: t(L, 'wsPoolFiles') }), fileIn, clear),
    h('p', { class: 'hint', text: t(L, 'wsPoolDrop') }),
  );
  const summary = h('p', { class: 'ws-summary', 'data-testid': 'ws-pool-summary', role: 'status' });
  const problems = h('ul', { class: 'ws-problems', 'data-testid': 'ws-pool-problems' });
  const problemsBox = h('details', { class: 'ws-problemsbox', open: true, hidden: true }, h('summary', { text: t(L, 'wsPoolProblems') }), problems);
  const strips = h('div', { class: 'ws-strips', 'data-testid': 'ws-pool-strips' });
  const stats = h('table', { class: 'mini-table ws-stats', 'data-testid': 'ws-pool-stats' });
  const people = h('table', { class: 'mini-table ws-people', 'data-testid': 'ws-pool-people' });
  const goals = h('table', { class: 'mini-table ws-goals', 'data-testid': 'ws-pool-goals' });
  const results = h(
    'div',
    { class: 'ws-results', hidden: true },
    h(
      'div',
      { class: 'ws-spread' },
      section(
        L,
        'ws-spread',
        'wsPoolSpread',
        strips,
        h(
          'p',
          { class: 'ws-legend', 'aria-hidden': 'true' },
          h('span', { class: 'ws-lg-dot', text: t(L, 'wsLegendDot') }),
          h('span', { class: 'ws-lg-base', text: t(L, 'wsLegendBase') }),
          h('span', { class: 'ws-lg-target', text: t(L, 'wsLegendTarget') }),
        ),
        h('h4', { text: t(L, 'wsPoolStats') }),
        h('div', { class: 'scroll' }, stats),
      ),
      section(L, 'ws-goals', 'wsPoolGoals', h('p', { class: 'hint', text: t(L, 'wsPoolGoalsHint') }), h('div', { class: 'scroll' }, goals)),
    ),
    section(L, 'ws-people', 'wsPoolParticipants', h('div', { class: 'scroll ws-peoplebox' }, people)),
  );
  const el = h(
    'div',
    { class: 'ws-poolin' },
    h('div', { class: 'ws-poolleft' }, h('p', { class: 'intro', text: t(L, 'wsPoolIntro') }), drop, summary, problemsBox),
    results,
  );

  /** @param {Array<{ name: string, text: () => Promise<string> }>} files */
  const addFiles = async (files) => {
    /** @type {Input[]} */
    const inputs = [];
    for (const f of files) {
      const body = await f.text();
      const items = itemsOf(body, f.name);
      inputs.push(...(items.length ? items : [{ where: { file: f.name }, text: '' }]));
    }
    if (inputs.length) commit({ type: 'wsPool', inputs });
  };
  life.on(add, 'click', () => {
    const inputs = itemsOf(area.value, undefined);
    if (!inputs.length) return area.focus();
    area.value = '';
    commit({ type: 'wsPool', inputs });
  });
  life.on(clear, 'click', () => commit({ type: 'wsPoolClear' }));
  life.on(fileIn, 'change', () => {
    const files = [...(fileIn.files ?? [])];
    fileIn.value = '';
    addFiles(files);
  });
  dropZone(life, drop, (d) => {
    if (d.files?.length) addFiles([...d.files]);
    else {
      const inputs = itemsOf(d.getData('text/plain'), undefined);
      if (inputs.length) commit({ type: 'wsPool', inputs });
    }
  });

  const whereText = (/** @type {Where} */ w) => {
    const line = w.line != null ? t(L, 'wsPoolLine', { n: w.line }) : '';
    if (w.file) return line ? `${w.file} ${line}` : w.file;
    return line;
  };
  const whyText = (/** @type {Why} */ w) => ('key' in w ? t(L, w.key, w.vars) : text(w.msg, L));
  const fmt = (/** @type {number | null} */ v) => F.score(v, L) ?? '—';

  let lastKey = '';
  /** @param {State} s */
  function update(s) {
    const w = s.ws;
    const p = w.pool;
    if (p && !w.pooling && (p.path !== s.path || p.fp !== s.fp)) queueMicrotask(() => commit({ type: 'wsPoolRescore' }));
    add.disabled = !!w.pooling;
    const key = w.pooling ? 'pooling' : p;
    if (key === lastKey) return;
    lastKey = key;
    if (w.pooling) {
      setText(summary, t(L, 'wsPoolScoring'));
      return;
    }
    if (!p) {
      setText(summary, t(L, 'wsPoolNone'));
      summary.removeAttribute('data-count');
      problemsBox.hidden = true;
      results.hidden = true;
      return;
    }
    const parts = [t(L, 'wsPoolSummary', { n: p.people.length, path: pathInText({ lang: L, path: p.path }) })];
    if (p.bad.length) parts.push(t(L, 'wsPoolRefused', { n: p.bad.length }));
    if (p.dups.length) parts.push(t(L, 'wsPoolDup', { n: p.dups.length }));
    if (p.failed) parts.push(`${t(L, 'wsPoolScoreFailed')}：${p.failed}`);
    setText(summary, parts.join(L === 'en' ? ' ' : ''));
    summary.setAttribute('data-count', String(p.people.length));
    summary.setAttribute('data-refused', String(p.bad.length));
    summary.setAttribute('data-dups', String(p.dups.length));
    problems.replaceChildren(
      ...p.bad.map((/** @type {any} */ b) =>
        h('li', { 'data-where': whereText(b.where), text: t(L, 'wsPoolItem', { where: whereText(b.where), why: whyText(b.why) }) }),
      ),
      ...p.dups.map((/** @type {any} */ d) =>
        h('li', {
          class: 'dup',
          'data-where': whereText(d.where),
          text: t(L, 'wsPoolItem', { where: whereText(d.where), why: t(L, 'wsPoolDupOf', { first: whereText(d.first) }) }),
        }),
      ),
    );
    problemsBox.hidden = !p.bad.length && !p.dups.length;
    results.hidden = !p.people.length;
    if (!p.people.length) return;

    const ms = ds.index.milestones || [];
    const target = (/** @type {number} */ y) => ms.find((/** @type {any} */ m) => m.year === y)?.value ?? null;
    const colYears = p.years.map((/** @type {number} */ y) => h('th', { scope: 'col', class: 'num', text: F.fyShort(y, L) }));
    /** @type {Array<{ min: number | null, median: number | null, max: number | null }>} */
    const st = p.years.map((/** @type {number} */ _y, /** @type {number} */ k) => {
      const v = p.people.map((/** @type {any} */ x) => x.index[k]).filter((/** @type {any} */ x) => x !== null);
      return { min: v.length ? Math.min(...v) : null, median: median(v), max: v.length ? Math.max(...v) : null };
    });

    // the strip plots, one per year
    strips.replaceChildren(
      ...p.years.map((/** @type {number} */ y, /** @type {number} */ k) =>
        strip(
          p.people.map((/** @type {any} */ x) => x.index[k]),
          p.base?.index[k] ?? null,
          target(y),
          t(L, 'wsPoolSpreadDesc', {
            year: F.fy(y, L),
            min: fmt(st[k].min),
            median: fmt(st[k].median),
            max: fmt(st[k].max),
            n: p.people.length,
            base: fmt(p.base?.index[k] ?? null),
            target: fmt(target(y)),
          }),
          F.fyShort(y, L),
          `ws-strip-${y}`,
          L,
        ),
      ),
    );
    const statRow = (/** @type {string} */ label, /** @type {string} */ role, /** @type {(k: number) => number | null} */ get) =>
      h(
        'tr',
        { 'data-stat': role },
        h('th', { scope: 'row', text: label }),
        p.years.map((/** @type {number} */ y, /** @type {number} */ k) => h('td', { class: 'num', 'data-year': y, 'data-value': get(k), text: fmt(get(k)) })),
      );
    stats.replaceChildren(
      h('thead', null, h('tr', null, h('th', { scope: 'col', text: t(L, 'wsPoolStat') }), colYears)),
      h(
        'tbody',
        null,
        statRow(t(L, 'wsMin'), 'min', (k) => st[k].min),
        statRow(t(L, 'wsMedian'), 'median', (k) => st[k].median),
        statRow(t(L, 'wsMax'), 'max', (k) => st[k].max),
        statRow(t(L, 'wsBase'), 'base', (k) => p.base?.index[k] ?? null),
        statRow(t(L, 'wsMilestone'), 'target', (k) => target(p.years[k])),
      ),
    );

    // each participant
    people.replaceChildren(
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col', text: t(L, 'wsPoolWho') }),
          h('th', { scope: 'col', text: t(L, 'wsPoolFrom') }),
          p.years.map((/** @type {number} */ y) => h('th', { scope: 'col', class: 'num', text: t(L, 'wsPoolIndexAt', { year: F.fyShort(y, L) }) })),
        ),
      ),
      h(
        'tbody',
        null,
        p.people.map((/** @type {any} */ x, /** @type {number} */ i) =>
          h(
            'tr',
            { 'data-person': i + 1 },
            h('th', { scope: 'row', text: x.name ? `${t(L, 'wsPoolPerson', { n: i + 1 })}：${x.name}` : t(L, 'wsPoolPerson', { n: i + 1 }) }),
            h('td', { text: whereText(x.where) }),
            p.years.map((/** @type {number} */ y, /** @type {number} */ k) =>
              h('td', { class: 'num', 'data-year': y, 'data-value': x.index[k], text: fmt(x.index[k]) }),
            ),
          ),
        ),
      ),
    );

    // the target states changed most
    const rows = ds.goals
      .map((/** @type {any} */ g) => {
        const base = p.base?.goals[g.id] ?? [];
        let by = 0;
        const sums = p.years.map(() => 0);
        for (const x of p.people) {
          const v = x.goals[g.id] ?? [];
          let changed = false;
          p.years.forEach((/** @type {number} */ _y, /** @type {number} */ k) => {
            if (v[k] !== null && base[k] !== null && v[k] !== undefined && base[k] !== undefined) {
              const d = v[k] - base[k];
              sums[k] += d;
              if (Math.abs(d) > 1e-9) changed = true;
            }
          });
          if (changed) by++;
        }
        return { g, by, mean: sums.map((x) => x / p.people.length) };
      })
      .filter((/** @type {any} */ r) => r.by > 0)
      .sort((/** @type {any} */ a, /** @type {any} */ b) => b.by - a.by || Math.abs(b.mean[0]) - Math.abs(a.mean[0]));
    goals.replaceChildren(
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col', text: t(L, 'wsPoolGoal') }),
          h('th', { scope: 'col', class: 'num', text: t(L, 'wsPoolChangedBy') }),
          p.years.map((/** @type {number} */ y) => h('th', { scope: 'col', class: 'num', text: t(L, 'wsPoolMeanChange', { year: F.fyShort(y, L) }) })),
        ),
      ),
      h(
        'tbody',
        null,
        rows.length
          ? rows.map((/** @type {any} */ r) =>
              h(
                'tr',
                { 'data-goal': r.g.id, 'data-by': r.by },
                h('th', { scope: 'row' }, h('span', { class: 'ws-gid', text: r.g.id }), ` ${text(r.g.name, L)}`),
                h('td', { class: 'num', text: L === 'en' ? `${r.by} of ${p.people.length}` : `${r.by}人／${p.people.length}人` }),
                r.mean.map((/** @type {number} */ m, /** @type {number} */ k) =>
                  h('td', { class: 'num', 'data-year': p.years[k], 'data-value': m, text: F.signed(m, L) ?? '—' }),
                ),
              ),
            )
          : h('tr', null, h('td', { colspan: 2 + p.years.length, text: t(L, 'wsPoolNoGoal') })),
      ),
    );
  }
  return { el, update };
}

/**
 * A strip plot of the participants' index in one year (SVG, a dot each), with the
 * dataset's value and the milestone's target marked; its numbers are in the tables.
 * @param {Array<number | null>} values
 * @param {number | null} base
 * @param {number | null} target
 * @param {string} desc
 * @param {string} yearLabel
 * @param {string} testid
 * @param {string} L
 */
function strip(values, base, target, desc, yearLabel, testid, L) {
  const W = 640;
  const H = 130;
  const x0 = 96;
  const x1 = W - 30;
  const v = values.filter((x) => x !== null);
  const all = [...v, ...(base === null ? [] : [base]), ...(target === null ? [] : [target])];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi - lo < 2) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.06;
  lo -= pad;
  hi += pad;
  const x = (/** @type {number} */ a) => x0 + ((a - lo) * (x1 - x0)) / (hi - lo);
  const id = `${testid}-d`;
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': id, 'data-testid': testid, class: 'ws-strip' });
  svgEl('desc', { id }, svg).textContent = desc;
  const g = svgEl('g', { class: 'grid', 'aria-hidden': 'true' }, svg);
  svgEl('text', { x: 0, y: 62, class: 'ws-stripyear' }, g).textContent = yearLabel;
  svgEl('line', { x1: x0, x2: x1, y1: 96, y2: 96 }, g);
  const step = niceStep(hi - lo);
  for (let a = Math.ceil(lo / step) * step; a <= hi; a += step) {
    svgEl('line', { x1: x(a), x2: x(a), y1: 96, y2: 101 }, g);
    svgEl('text', { x: x(a), y: 122, 'text-anchor': 'middle' }, g).textContent = F.score(a, L)?.replace(/\.0$/, '') ?? '';
  }
  if (target !== null) {
    svgEl('line', { x1: x(target), x2: x(target), y1: 14, y2: 96, class: 'ws-target-line' }, svg);
    svgEl('text', { x: x(target), y: 11, 'text-anchor': 'middle', class: 'ws-mark-label' }, svg).textContent =
      `${L === 'en' ? 'target' : '目標'} ${F.score(target, L)}`;
  }
  if (base !== null) {
    const bx = x(base);
    svgEl('path', { d: `M${bx} 80l7 8-7 8-7-8z`, class: 'ws-base-mark' }, svg);
  }
  const dots = svgEl('g', { class: 'ws-dots', 'aria-hidden': 'true' }, svg);
  v.forEach((a, i) => {
    svgEl('circle', { cx: x(a), cy: 30 + ((i * 37) % 44), r: 8, class: 'ws-dot' }, dots);
  });
  return svg;
}

function niceStep(/** @type {number} */ span) {
  const raw = span / 6;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}
