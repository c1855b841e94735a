#!/usr/bin/env node
// Deterministic generator of datasets (SPEC §2) shaped like www/data/setagaya.json:
// 4 policies, 11 goals (G1–G4 under P1, G5–G7 under P2, G8–G9 under P3, G10–G11
// under P4), about N/11 outcome_long indicators per goal, every indicator with a
// baseline and targets for 2027 and 2031, a few with reported actuals (2024, 2025),
// a fifth of them "down", names in Japanese and English.
//
//   node benches/web/gen.mjs N [--lean] [--seed S] > dataset.json
//   node benches/web/gen.mjs N --suite > dataset.json   (the native benches' dataset, suiteDataset)
//
// --lean: the smallest shape (plain-string names, no units or sources, actuals on
// one indicator in 50) for 100,000 indicators within the 10 MB document limit.
// The same N, shape and seed always give the same bytes.

const GOAL_POLICY = ['P1', 'P1', 'P1', 'P1', 'P2', 'P2', 'P2', 'P3', 'P3', 'P4', 'P4'];

/** mulberry32: a small, fast, deterministic PRNG. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Figures as printed in reports: at most one decimal.
const r1 = (x) => Math.round(x * 10) / 10;

/** The dataset as JSON text. */
export function generate(n, { lean = false, seed = 1 } = {}) {
  const rand = rng(seed);
  const parts = [];
  const name = (ja, en) => (lean ? JSON.stringify(ja) : JSON.stringify({ ja, en }));
  parts.push(
    `{"format":"vision-index/1","title":${name('生成データ ' + n, 'Generated ' + n)},` +
      `"years":{"first":2023,"last":2031},` +
      `"index":{"name":${name('持続可能な地域経済の充実度', 'Sustainable Local Economy Index')},` +
      `"base_year":2023,"base_value":100,"milestones":[{"year":2027,"value":130},{"year":2031,"value":135}],` +
      `"method":{"aggregate":"arithmetic","via":["goal"],"cap":null}},`,
  );
  parts.push(
    '"policies":[' +
      [1, 2, 3, 4].map((p) => `{"id":"P${p}","name":${name('基本の方針' + p, 'Policy ' + p)},"weight":1}`).join(',') +
      '],',
  );
  parts.push(
    '"goals":[' +
      GOAL_POLICY.map(
        (p, g) => `{"id":"G${g + 1}","policy":"${p}","name":${name('目指す姿' + (g + 1), 'Target state ' + (g + 1))},"weight":1}`,
      ).join(',') +
      '],',
  );
  const inds = [];
  for (let i = 0; i < n; i++) {
    const g = (i % 11) + 1;
    const id = `G${g}-${Math.floor(i / 11)}`;
    const down = rand() < 0.2;
    const b = r1(10 + rand() * 990);
    const gain = 0.15 + rand() * 0.3; // planned improvement by 2031
    const t27 = r1(down ? b * (1 - gain * 0.5) : b * (1 + gain * 0.6));
    const t31 = r1(down ? b * (1 - gain * 0.6) : b * (1 + gain));
    let values = '';
    if (rand() < (lean ? 0.02 : 0.1)) {
      const v24 = r1(b * (1 + (rand() - 0.3) * 0.1));
      values = rand() < 0.5 ? `"2024":${v24}` : `"2024":${v24},"2025":${r1(v24 * (1 + (rand() - 0.3) * 0.1))}`;
    }
    if (lean) {
      inds.push(
        `{"id":"${id}","goal":"G${g}","name":"i",${down ? '"direction":"down",' : ''}"baseline":${b},` +
          (values ? `"values":{${values}},` : '') +
          `"targets":{"2027":${t27},"2031":${t31}}}`,
      );
    } else {
      inds.push(
        `{"id":"${id}","goal":"G${g}","name":${name('生成指標 ' + i, 'Generated indicator ' + i)},"unit":"%",` +
          `"stage":"outcome_long","direction":"${down ? 'down' : 'up'}","weight":1,"baseline":${b},` +
          (values ? `"values":{${values}},` : '') +
          `"targets":{"2027":${t27},"2031":${t31}},"illustrative":true,` +
          `"source":${name('例示値（生成）', 'Illustrative (generated)')}}`,
      );
    }
  }
  const nl = lean ? '' : '\n';
  parts.push('"indicators":[' + nl + inds.join(',' + nl) + nl + ']}\n');
  return parts.join('');
}

/** A scenario exercising every override kind on a generated dataset. */
export function generatedScenario(n, { geometric = true, seed = 2 } = {}) {
  const rand = rng(seed);
  const id = (i) => `G${(i % 11) + 1}-${Math.floor(i / 11)}`;
  const targets = [], values = [];
  for (let k = 0; k < Math.min(50, n); k++) {
    const i = Math.floor(rand() * n);
    const year = [2026, 2027, 2029, 2031][k % 4];
    if (!targets.some((e) => e.indicator === id(i) && e.year === year))
      targets.push({ indicator: id(i), year, value: r1(50 + rand() * 900) });
  }
  for (let k = 0; k < Math.min(20, n); k++) {
    const i = Math.floor(rand() * n);
    const year = [2024, 2025, 2026][k % 3];
    if (!values.some((e) => e.indicator === id(i) && e.year === year))
      values.push({ indicator: id(i), year, value: k === 3 ? 0 : r1(10 + rand() * 900) });
  }
  return {
    format: 'vision-index-scenario/1',
    name: 'generated',
    targets,
    values,
    weights: { policies: { P2: 2 }, goals: { G3: 0.5, G7: 3 }, indicators: { [id(0)]: 2, [id(1)]: 0 } },
    method: geometric ? { aggregate: 'geometric', via: ['goal', 'policy'], cap: 150 } : { via: ['goal', 'policy'] },
  };
}

/**
 * The native benchmarks' generated dataset (benches/suite/generated.rs), byte for byte:
 * `n` outcome indicators I0… under 40 goals G0–G39 and 4 policies, two actuals and two
 * targets each, every fifth "down". The analysis cases time it beside `cargo bench --bench analysis`.
 */
export function suiteDataset(n) {
  const r = (x) => Math.round(x * 10) / 10;
  const goals = Array.from({ length: 40 }, (_, g) => `{"id":"G${g}","policy":"P${(g % 4) + 1}","name":"目指す姿 ${g}"}`);
  const inds = [];
  for (let i = 0; i < n; i++) {
    const b = 100 + (i % 97);
    const dir = i % 5 === 0 ? 'down' : 'up';
    inds.push(
      `{"id":"I${i}","goal":"G${i % 40}","name":"指標 ${i}","unit":"件","direction":"${dir}","baseline":${b},` +
        `"values":{"2024":${r(b * 1.05)},"2025":${r(b * 1.1)}},"targets":{"2027":${r(b * 1.3)},"2031":${r(b * 1.35)}},"illustrative":true}`,
    );
  }
  return (
    '{"format":"vision-index/1","title":{"ja":"生成データ","en":"Generated"},"years":{"first":2023,"last":2031},\n' +
    '"index":{"name":"指数","base_year":2023,"base_value":100,"milestones":[{"year":2027,"value":130},{"year":2031,"value":135}]},\n' +
    '"policies":[{"id":"P1","name":"P1"},{"id":"P2","name":"P2"},{"id":"P3","name":"P3"},{"id":"P4","name":"P4"}],"goals":[' +
    goals.join(',') +
    '],"indicators":[' +
    inds.join(',') +
    ']}'
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const si = args.indexOf('--seed');
  const seed = si >= 0 ? Number(args[si + 1]) : 1;
  const n = Number(args.find((a, k) => /^\d+$/.test(a) && !(si >= 0 && k === si + 1)) ?? 1000);
  process.stdout.write(args.includes('--suite') ? suiteDataset(n) : generate(n, { lean: args.includes('--lean'), seed }));
}
