// What the data view's file input, drop zone and paste box hand over (views/data.js),
// read strictly and sent to the right action: a sheet (.csv, or TSV/CSV text such as
// cells pasted from Excel) to `importSheet`, JSON to `loadAny`. A file that is not
// UTF-8 is refused (never shown as mojibake), an empty one says so. Loaded after the
// first render (views/later.js).
import { en, ja } from '../views/analysis-strings.js';

/**
 * A problem of the page in both languages, at `path` (the file's name, else `$`).
 * @param {string} k @param {string} [path]
 */
function problem(k, path) {
  return { severity: 'error', path: path || '$', code: k, message: { ja: ja[k], en: en[k] } };
}

const refuse = (commit, k, path) => commit({ type: 'refuse', error: { problems: [problem(k, path)] } });

/**
 * The text of `bytes` as UTF-8 (a BOM is dropped); throws the problem to show when
 * it is not UTF-8, saying so when it reads as Shift_JIS.
 * @param {Uint8Array} bytes @param {string} [name]
 */
export function strict(bytes, name) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {}
  let sjis = true;
  try {
    new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
  } catch {
    sjis = false;
  }
  throw problem(sjis ? 'errShiftJis' : 'errNotUtf8', name);
}

/** An Excel workbook: .xlsx (a zip: PK\x03\x04) or .xls (OLE2: D0 CF 11 E0), by name or by its first bytes. */
const isWorkbook = (/** @type {File} */ f, /** @type {Uint8Array} */ b) =>
  /\.(xlsx|xlsm|xls)$/i.test(f.name) ||
  (b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4) ||
  (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0);

const isSheetFile = (/** @type {File} */ f) => /\.(csv|tsv)$/i.test(f.name) || /^text\/(csv|tab-separated-values)$/.test(f.type);

/**
 * @param {(a: any) => any} commit
 * @param {{ file?: File, text?: string }} x
 */
export async function take(commit, x) {
  const f = x.file;
  if (!f) return route(commit, x.text ?? '', () => new TextEncoder().encode(x.text), '');
  let bytes;
  try {
    bytes = new Uint8Array(await f.arrayBuffer());
  } catch (e) {
    return commit({ type: 'refuse', error: e });
  }
  if (!bytes.length) return refuse(commit, 'errFileEmpty', f.name);
  if (isWorkbook(f, bytes)) return refuse(commit, 'errWorkbook', f.name);
  if (isSheetFile(f)) return commit({ type: 'importSheet', bytes, name: f.name });
  let text;
  try {
    text = strict(bytes, f.name);
  } catch (p) {
    // A sheet Excel saved as 「テキスト（タブ区切り）」 (Shift_JIS) or 「Unicode テキスト」 (UTF-16
    // with BOM), named .txt: the sheet import reads those (SPEC §9); JSON stays refused.
    const legacy = legacyText(bytes);
    if (legacy != null && isTable(legacy)) return commit({ type: 'importSheet', bytes, name: f.name });
    return commit({ type: 'refuse', error: { problems: [p] } });
  }
  return route(commit, text, () => bytes, f.name);
}

/** Bytes that are not UTF-8 as UTF-16 (by its BOM) or Shift_JIS, strictly; null when they are neither. @param {Uint8Array} b */
function legacyText(b) {
  const enc = b[0] === 0xff && b[1] === 0xfe ? 'utf-16le' : b[0] === 0xfe && b[1] === 0xff ? 'utf-16be' : 'shift_jis';
  try {
    return new TextDecoder(enc, { fatal: true }).decode(b);
  } catch {
    return null;
  }
}

/** Whether a text is a table, not JSON: a TAB or comma in its first line. @param {string} text */
function isTable(text) {
  const s = text.replace(/^\uFEFF/, '').trimStart();
  return !!s && !'{["'.includes(s[0]) && /[\t,]/.test(s.split('\n', 1)[0]);
}

/** JSON to `loadAny`; a table (a TAB or comma in its first line) to `importSheet`; else a hint. */
function route(commit, text, bytes, name) {
  const s = text.replace(/^\uFEFF/, '').trimStart();
  if (!s) return refuse(commit, name ? 'errFileEmpty' : 'errPasteEmpty', name);
  if ('{["'.includes(s[0])) return commit({ type: 'loadAny', text });
  if (isTable(s)) return commit({ type: 'importSheet', bytes: bytes(), name });
  return refuse(commit, 'errNotJsonOrSheet', name);
}
