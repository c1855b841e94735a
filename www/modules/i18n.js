// The one message catalogue of the page: every UI string, Japanese here and English in i18n-en.js
// (loaded the first time it is needed). Dataset texts (`Text` in SPEC §2) are not here: `text()` picks their language.

const ja = {
  langSwitch: 'English',
  langSwitchLabel: 'Switch to English',
  loading: '読み込み中…',
  intro: '指標の目標値や想定値を変えると、指数と目標達成の見込みがどう変わるかを試せます。変更はこの端末に自動で保存され、リンクで共有できます。',
  illustrative: '例示値を含みます：{n}件の指標の値は説明のために作成した例示値で、公式な数値ではありません（表の「例示」印）。',
  badgeIllustrative: '例示',
  badgeIllustrativeLabel: '例示値（公式な数値ではありません）',
  noValue: '値なし',
  sectionHeadline: '現在の指数と目標',
  now: '現在の指数',
  nowNote: '実績のある最新年度',
  target: '目標',
  value: '値',
  gap: '差',
  met: '達成',
  notMet: '未達',
  baseWas: '元のデータ：{v}',
  onPath: '{path}による値',
  pathLegend: '見る経路',
  path_actual: '実績',
  path_plan: '計画',
  path_outlook: '見込み',
  path_trend: '趨勢',
  pathHint_actual: '報告された値だけ',
  pathHint_plan: '基準値から目標値へ',
  pathHint_outlook: '実績の後は目標値へ',
  pathHint_trend: '実績の傾きを延長',
  scoreYear: '得点の年度',
  resetAll: 'すべて元に戻す',
  sectionChart: '指数の推移',
  chartDesc: '{from}から{to}までの指数の推移。',
  chartSeries: '{path}：{values}。',
  chartScenario: 'シナリオの{path}：{values}。',
  chartMilestone: '{label} {v}。',
  legendScenario: '太い線：変更後（シナリオ）、細く薄い線：元のデータ',
  legendMilestone: '目標値',
  chartTable: '推移の数値（表）',
  year: '年度',
  sectionGoals: '目指す姿ごとの得点',
  goalsNote: '{path}・{year}の得点（基準年度＝100）。',
  policy: '基本の方針{n}',
  sectionMethod: '計算方法と重み',
  aggregate: '平均のとり方',
  aggregate_arithmetic: '算術平均',
  aggregate_geometric: '幾何平均',
  via: '集計の経路',
  via_goal: '目指す姿 → 指数',
  'via_goal,policy': '目指す姿 → 基本の方針 → 指数',
  cap: '指標の得点の上限',
  none: 'なし',
  labelWeight: '{name}の重み',
  changedMark: '変更あり',
  errPage: '表示できませんでした：{msg}',
  sectionIndicators: '指標と「もしも」の設定',
  indicatorsNote: '目標値を変えると、計画・見込みの経路が変わります。想定値は選んだ年度の実績の代わりになります（実績・見込み・趨勢に影響）。',
  valueYear: '想定値の年度',
  tableLabel: '指標の一覧（横にスクロールできます）',
  colStage: '段階',
  colName: '指標',
  colUnit: '単位',
  colBaseline: '基準値',
  colActuals: '実績',
  colTargets: '目標値',
  colScore: '得点',
  colWhatIf: '目標値を変更',
  colValue: '想定値',
  colReset: '戻す',
  stage_behavior: '行動指標',
  stage_outcome_short: '短期アウトカム',
  stage_outcome_long: '中長期アウトカム',
  down: '小さいほど良い',
  notInIndex: '指数の対象外',
  labelTarget: '{name}の{year}の目標値',
  labelSlider: '{name}の{year}の目標値（スライダー）',
  labelValue: '{name}の{year}の想定値',
  resetRow: '戻す',
  resetRowLabel: '{name}の変更を元に戻す',
  errEmpty: '数値を入力してください',
  errNumber: '数値ではありません',
  sectionProjects: '重点事業',
  projectNo: 'No.{n}',
  tag_new: '新規',
  tag_revised: '内容変更',
  serves: '関係する目指す姿',
  kpis: 'KPI',
  kpiActual: '実績',
  kpiTarget: '目標',
  kpiRate: '達成率 {p}',
  noFigures: '数値の記載なし',
  // ---- dataset: the default dataset's marks (issue 13)
  kpiChart: '図中の値（未転記）',
  methodAssumed: '仮定',
  noTarget: '目標値の記載なし',
  noKpi: 'KPIの設定なし',
  note: '注記',
  sectionData: 'データとシナリオ',
  loadTitle: '読み込む',
  loadHelp: 'データセット（vision-index/1）またはシナリオ（vision-index-scenario/1）のJSON、指標の表（CSV）を読み込めます。',
  fileLabel: 'ファイルを選ぶ',
  dropZone: 'ここにJSONまたはCSVファイルをドロップ',
  pasteLabel: 'JSONを貼り付け',
  pasteApply: '貼り付けた内容を読み込む',
  warningsTitle: '注意（{n}件）',
  scenarioTitle: 'シナリオ',
  scenarioHelp: '変更した目標値・想定値の組をシナリオと呼びます。',
  saveScenario: 'シナリオを保存（JSON）',
  shareLink: '共有リンクを作る',
  shareUrl: '共有リンク',
  sourceTitle: '出典',
  stLoaded: 'データを読み込みました：{title}',
  stScenario: 'シナリオを適用しました',
  stRestored: '前回の変更を復元しました',
  stShared: '共有リンクのシナリオを適用しました',
  stRefused: '読み込めませんでした（問題{n}件）。元のデータのままです',
  stTarget: '目標値を変更しました：{name}、{year} → {v}',
  stTargetRemoved: '目標値を元に戻しました：{name}、{year}',
  stValue: '想定値を変更しました：{name}、{year} → {v}',
  stValueRemoved: '想定値を削除しました：{name}、{year}',
  stInvalid: '入力を受け付けませんでした：{msg}',
  stResetRow: '元に戻しました：{name}',
  stResetAll: 'すべての変更を元に戻しました',
  stMethod: '変更しました：{what} → {v}',
  stMethodReset: '計算方法と重みを元に戻しました',
  stPath: '経路：{path}',
  stYear: '得点の年度：{year}',
  stSaved: 'シナリオを保存しました（scenario.json）',
  stShareMade: '共有リンクを作りました',
  stShareCopied: '共有リンクを作り、クリップボードにコピーしました',
  stRecovered: '計算エンジンが停止したため再起動し、直前の状態に戻しました',
  stLoadFailed: 'データを取得できませんでした：{msg}',
  stLang: '表示言語：日本語',
  // ---- ui-band: the uncertainty band, its controls, the comparison
  legendBand: '不確実性の幅（5–95%）',
  bandUpdating: '（更新中…）',
  chartBand: '{path}の不確実性の幅（5–95%）：{values}。',
  chartCompare: '比較「{name}」：{values}。',
  compareLegend: '比較：{name}',
  // ---- contributions view (issue 12)
  // ---- status (ui-status)
  progress: '進捗',
  planVerdict: '目標の積み上げ: {v} — {w}',
  consistent: '整合',
  inconsistent: '不整合（あと {gap} 不足）',
  actualMet: '目標達成',
  actualMissed: '未達',
  noActual: '実績なし',
  gapShort: 'あと {gap}',
  calculating: '計算中…',
  analysisFailed: '判定を計算できません',
  coverage: '{total} の目指す姿のうち {n} 件から',
  statusMilestone: '進捗を判定する目標',
  goalsStatusNote: '進捗（▲順調など）は{year}の目標に対する判定です。',
  colStatus: '進捗',
  // ---- goal seek UI (目標達成に必要な値)
  seekTitle: '目標達成に必要な値',
  seekCol: '必要な値',
  // ---- a11y: the skip link, the notes' names
  skipTable: '指標の表へ移動',
  noteOf: '注記：{what}',
  compareTableLabel: '比較の表（横にスクロールできます）',
  roveHint: '矢印キーで同じ種類の前後の項目へ移動できます。',
  // ---- phone: the cards' field labels (each a part of its input's name: 2.5.3)
  cardTarget: '{year}の目標値',
  cardValue: '{year}の想定値',
};

/** @type {Record<string, Record<string, string>>} the catalogues loaded: Japanese always, English on demand */
const CATALOGUE = { ja };

/**
 * Loads the catalogue of `lang` (English is a module of its own, fetched once).
 * @param {string} lang
 * @returns {Promise<void>}
 */
export async function loadLang(lang) {
  if (lang === 'en' && !CATALOGUE.en) CATALOGUE.en = Object.assign((await import('./i18n-en.js')).en, ...EXTRA_EN);
}

/** @type {Record<string, string>[]} English strings added before the English catalogue was loaded */
const EXTRA_EN = [];

/**
 * Adds the strings of a part of the page loaded later (the analysis views).
 * @param {Record<string, string>} jaMore
 * @param {Record<string, string>} enMore
 */
export function addStrings(jaMore, enMore) {
  Object.assign(ja, jaMore);
  EXTRA_EN.push(enMore);
  if (CATALOGUE.en) Object.assign(CATALOGUE.en, enMore);
}

export const hasLang = (/** @type {string} */ lang) => lang in CATALOGUE;

/**
 * The language to use for a `lang` attribute value.
 * @param {string | null | undefined} l
 * @returns {'ja' | 'en'}
 */
export const pickLang = (l) =>
  String(l || '')
    .toLowerCase()
    .startsWith('en')
    ? 'en'
    : 'ja';

/**
 * The message `key` in `lang` (Japanese until English is loaded), with `{name}` placeholders filled from `vars`.
 * @param {string} lang
 * @param {string} key
 * @param {Record<string, unknown>} [vars]
 * @returns {string}
 */
export function t(lang, key, vars) {
  const s = CATALOGUE[lang]?.[key] ?? ja[key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
}

/**
 * A dataset `Text` (string or {ja, en}) in the page language, then ja, then en.
 * @param {any} v
 * @param {string} lang
 * @returns {string}
 */
export function text(v, lang) {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  return v[lang] ?? v.ja ?? v.en ?? '';
}
