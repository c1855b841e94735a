//! The indicator sheet → the dataset (`vision-index import-csv`, `importCsv`).
//!
//! The sheet's rows become the dataset's `indicators`, spliced into the
//! dataset's own text (everything else is kept byte for byte), and the result
//! is checked by the dataset reader; each of its problems at an indicator
//! (`indicators[3].targets.2027`) is named by the sheet cell it came from.

use super::columns::{a1, letters, Column, Part, TextField};
use super::decode::{builtin, decode, separator, Decoder};
use super::numbers::{enum_name, fold, parse_bool, parse_number, undefuse, NumError};
use super::splice::{self, RawObj};
use crate::messages::{Msg, SheetMsg};
use crate::problem::{Problem, Severity};

/// An accepted import: the dataset's JSON text and its warnings.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The dataset with its indicators replaced by the sheet's rows.
    pub text: String,
    /// The warnings of the dataset check (an indicator's named by its cell).
    pub warnings: Vec<Problem>,
}

/// The fields of an indicator a sheet carries; any other field of the
/// original indicator with the same id is kept as it was.
const SHEET_FIELDS: &[&str] = &[
    "id",
    "goal",
    "name",
    "unit",
    "stage",
    "direction",
    "weight",
    "baseline",
    "values",
    "targets",
    "illustrative",
    "source",
];

/// Reads `sheet` (bytes as saved by a spreadsheet) into the dataset `dataset`
/// (JSON bytes): see [`import_csv_text`].
pub fn import_csv(dataset: &[u8], sheet: &[u8]) -> Result<Imported, Vec<Problem>> {
    let text = crate::read::decode(dataset).map_err(|p| vec![p])?;
    import_csv_text(text, sheet)
}

/// Reads `sheet` into the dataset `dataset` (JSON text): the dataset's text
/// with `indicators` replaced by the sheet's rows, checked as a dataset.
///
/// The sheet: UTF-8 (with or without BOM), UTF-16 with BOM or Shift_JIS/CP932;
/// comma- or TAB-separated (told from the header line); the header row names
/// the columns in Japanese, English or both, in any order ([`Column::recognise`]);
/// empty rows and trailing empty columns are ignored; an unknown or repeated
/// column is refused. A column the sheet lacks (e.g. no 出典 or no 2025 column)
/// keeps the original indicator's field (or that year's value) of the same id;
/// an empty cell is no value. Refused: every problem, each cell named by its
/// Excel row and column (path `D3`).
pub fn import_csv_text(dataset: &str, sheet: &[u8]) -> Result<Imported, Vec<Problem>> {
    import_csv_text_with(dataset, sheet, &builtin)
}

/// [`import_csv_text`] with another decoder of Shift_JIS and UTF-16 (the
/// browser's `TextDecoder` in the WebAssembly module: see [`builtin`]).
pub fn import_csv_text_with(dataset: &str, sheet: &[u8], legacy: Decoder) -> Result<Imported, Vec<Problem>> {
    let dataset = crate::read::decode_text(dataset).map_err(|p| vec![p])?;
    let text = decode(sheet, legacy).map_err(|p| vec![p])?;
    let records = records(&text)?;
    let Some(h) = records.iter().position(|(_, r)| r.iter().any(|c| !c.trim().is_empty())) else {
        return Err(vec![Problem::error("$", Msg::Sheet(SheetMsg::Empty))]);
    };
    let Some(parts) = splice::split(dataset) else {
        // Not a JSON object: the dataset reader says why.
        return Err(crate::read::load_dataset_text(dataset).err().unwrap_or_default());
    };
    let mut b = Builder {
        cols: Vec::new(),
        named: Vec::new(),
        header_row: records[h].0,
        problems: Vec::new(),
        rows: Vec::new(),
    };
    b.header(&records[h].1);
    let mut objects = Vec::new();
    for (row, rec) in &records[h + 1..] {
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let members = b.row(*row, rec, &parts.originals);
        objects.push(splice::object(&members, parts.indent));
        b.rows.push(*row);
    }
    let out = format!("{}{}{}", parts.before, splice::array(&objects, parts.indent), parts.after);
    let checked = crate::read::load_dataset_text(&out);
    let (ok, dataset_problems) = match checked {
        Ok(l) => (true, l.warnings),
        Err(p) => (false, p),
    };
    let mut problems = std::mem::take(&mut b.problems);
    // A required column missing: the dataset's complaints about it are no news.
    let missing = problems.iter().any(|(_, p)| p.code() == "missing_column");
    for p in dataset_problems.into_iter().filter(|_| !missing) {
        match b.cell_of(&p.path) {
            Some((row, col)) => {
                let at = a1(col, row);
                if !problems.iter().any(|(_, q)| q.path == at && q.is_error()) {
                    let msg = b.cell_msg(row, col, p.msg);
                    problems.push((Some((row, col)), Problem { severity: p.severity, path: at, msg }));
                }
            }
            None => problems.push((None, p)),
        }
    }
    // Errors first, then warnings; each: the header's, the cells' in sheet order, then the dataset's.
    problems.sort_by_key(|(at, p)| (p.severity != Severity::Error, at.is_none(), at.map(|(r, c)| (r, c))));
    let problems: Vec<Problem> = problems.into_iter().map(|(_, p)| p).collect();
    if ok && !problems.iter().any(Problem::is_error) {
        Ok(Imported { text: out, warnings: problems })
    } else {
        Err(problems)
    }
}

/// Every record with its Excel row: a line break inside a quoted cell stays
/// in its row; an empty line, which the reader skips, is a row of its own.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    let mut rdr =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(separator(text)).from_reader(bytes);
    let mut out = Vec::new();
    let mut rec = csv::StringRecord::new();
    let mut row = 1 + empty_lines(bytes, 0);
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(vec![Problem::error("$", Msg::Internal { what: e.to_string() })]),
        }
        out.push((row, rec.iter().map(str::to_string).collect::<Vec<_>>()));
        // The reader stops after the first byte of the record's line end.
        let mut at = rdr.position().byte() as usize;
        if at > 0 && bytes.get(at - 1) == Some(&b'\r') && bytes.get(at) == Some(&b'\n') {
            at += 1;
        }
        row += 1 + empty_lines(bytes, at);
    }
    Ok(out)
}

/// How many empty lines start at byte `at` (line ends right away: CRLF, LF or CR).
fn empty_lines(bytes: &[u8], mut at: usize) -> usize {
    let mut n = 0;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'\n' => at += 1,
            b'\r' => at += if bytes.get(at + 1) == Some(&b'\n') { 2 } else { 1 },
            _ => break,
        }
        n += 1;
    }
    n
}

/// A problem with the cell it is at (`None`: not at a cell).
type Located = (Option<(usize, usize)>, Problem);

/// The sheet being read: its columns, its rows, its problems.
struct Builder {
    /// By position; `None`: no header, or one not recognised.
    cols: Vec<Option<Column>>,
    /// By position: whether the header cell has any text.
    named: Vec<bool>,
    header_row: usize,
    problems: Vec<Located>,
    /// The Excel row of each indicator written, in order.
    rows: Vec<usize>,
}

impl Builder {
    /// Reads the header row: the columns, and what is wrong with them.
    fn header(&mut self, rec: &[String]) {
        let row = self.header_row;
        for (i, h) in rec.iter().enumerate() {
            self.named.push(!h.trim().is_empty());
            let col = Column::recognise(h);
            if col.is_none() && !h.trim().is_empty() {
                self.err(row, i, Msg::Sheet(SheetMsg::UnknownColumn { text: h.trim().to_string() }));
            }
            if let Some(first) = col.and_then(|c| self.at(c)) {
                self.err(row, i, Msg::Sheet(SheetMsg::DuplicateColumn { first: letters(first) }));
                self.cols.push(None);
                continue;
            }
            self.cols.push(col);
        }
        let name = self.cols.iter().flatten().any(|c| c.is_text(TextField::Name));
        for (need, present) in [
            (Column::Id, self.at(Column::Id).is_some()),
            (Column::Goal, self.at(Column::Goal).is_some()),
            (Column::Text(TextField::Name, Part::Ja), name),
            (Column::Baseline, self.at(Column::Baseline).is_some()),
        ] {
            if !present {
                let (ja, en) = need.names();
                let path = format!("{row}:{row}");
                let p = Problem::error(path, Msg::Sheet(SheetMsg::MissingColumn { ja, en }));
                self.problems.push((Some((row, usize::MAX)), p));
            }
        }
    }

    /// The position of column `c`.
    fn at(&self, c: Column) -> Option<usize> {
        self.cols.iter().position(|x| *x == Some(c))
    }

    /// The message of a cell: its row, column, header and what is wrong.
    fn cell_msg(&self, row: usize, col: usize, what: Msg) -> Msg {
        let header = self
            .cols
            .get(col)
            .copied()
            .flatten()
            .map_or_else(|| ("見出しなし".to_string(), "no header".to_string()), |c| c.names());
        Msg::Sheet(SheetMsg::Cell { row, column: letters(col), header, what: Box::new(what) })
    }

    fn err(&mut self, row: usize, col: usize, what: Msg) {
        let msg = self.cell_msg(row, col, what);
        self.problems.push((Some((row, col)), Problem::error(a1(col, row), msg)));
    }

    /// One indicator's members `(key, JSON text)` from its row.
    fn row(&mut self, row: usize, rec: &[String], originals: &[RawObj]) -> Vec<(String, String)> {
        for (i, v) in rec.iter().enumerate() {
            // A value under no header (an unknown header was reported at the header).
            if !v.trim().is_empty() && !self.named.get(i).copied().unwrap_or(false) {
                self.err(row, i, Msg::Sheet(SheetMsg::UnnamedColumn));
            }
        }
        let cell = |c: Column| self.at(c).map(|i| rec.get(i).map_or("", String::as_str));
        let ident = |s: &str| fold(undefuse(s.trim())).trim().to_string();
        let id = cell(Column::Id).map(ident).unwrap_or_default();
        let orig = originals.iter().find(|o| o.get("id").and_then(splice::as_string).is_some_and(|x| x == id));
        let mut m: Vec<(String, String)> = Vec::new();
        let mut put = |k: &str, v: String| m.push((k.to_string(), v));
        if !id.is_empty() {
            put("id", splice::string(&id));
        }
        if let Some(g) = cell(Column::Goal).map(ident).filter(|g| !g.is_empty()) {
            put("goal", splice::string(&g));
        }
        let carry = |k: &str| orig.and_then(|o| o.get(k)).map(|v| v.to_string());
        let mut unit_texts = Vec::new();
        let mut source = None;
        for (k, f) in [("name", TextField::Name), ("unit", TextField::Unit), ("source", TextField::Source)] {
            let parts: Vec<(Part, &str)> = self
                .cols
                .iter()
                .enumerate()
                .filter_map(|(i, c)| match c {
                    Some(Column::Text(g, p)) if *g == f => Some((*p, rec.get(i).map_or("", String::as_str))),
                    _ => None,
                })
                .collect();
            let value = if parts.is_empty() { carry(k) } else { text_json(&parts) };
            if let Some(v) = value {
                match f {
                    TextField::Unit => unit_texts.push(v.clone()),
                    // Written after `illustrative`, where the dataset has it.
                    TextField::Source => {
                        source = Some(v);
                        continue;
                    }
                    TextField::Name => {}
                }
                put(k, v);
            }
        }
        let percent = unit_texts.iter().any(|u| is_percent(u));
        for (k, c) in [("stage", Column::Stage), ("direction", Column::Direction)] {
            match cell(c) {
                Some(s) if !s.trim().is_empty() => put(k, splice::string(&enum_name(undefuse(s.trim())))),
                Some(_) => {}
                None => carry(k).into_iter().for_each(|v| put(k, v)),
            }
        }
        let mut bad = Vec::new();
        let mut num = |c: Column, pct: bool| -> Option<String> {
            let s = cell(c)?;
            match parse_number(s, pct) {
                Ok(v) => v.map(splice::number),
                Err(e) => {
                    bad.push((c, e, s.trim().to_string()));
                    None
                }
            }
        };
        match (cell(Column::Weight).is_some(), num(Column::Weight, false)) {
            (true, Some(v)) => put("weight", v),
            (true, None) => {}
            (false, _) => carry("weight").into_iter().for_each(|v| put("weight", v)),
        }
        if let Some(v) = num(Column::Baseline, percent) {
            put("baseline", v);
        }
        let orig_values = orig.and_then(|o| o.get("values"));
        let orig_targets = orig.and_then(|o| o.get("targets"));
        for (k, make, o) in
            [("values", Column::Actual as fn(i32) -> Column, orig_values), ("targets", Column::Target, orig_targets)]
        {
            let years: Vec<i32> = self
                .cols
                .iter()
                .flatten()
                .filter_map(|c| match (c, make(0)) {
                    (Column::Actual(y), Column::Actual(_)) | (Column::Target(y), Column::Target(_)) => Some(*y),
                    _ => None,
                })
                .collect();
            let cells: Vec<(i32, Option<String>)> = years.iter().map(|y| (*y, num(make(*y), percent))).collect();
            if let Some(v) = year_map(&cells, o) {
                put(k, v);
            }
        }
        match cell(Column::Illustrative) {
            Some(s) => match parse_bool(s) {
                Some(true) => put("illustrative", "true".into()),
                Some(false) => {}
                None => bad.push((Column::Illustrative, NumError::NotNumber, s.trim().to_string())),
            },
            None => carry("illustrative").into_iter().for_each(|v| put("illustrative", v)),
        }
        if let Some(v) = source {
            put("source", v);
        }
        for (k, v) in orig.map_or(&[][..], |o| &o.0[..]) {
            if !SHEET_FIELDS.contains(&k.as_ref()) {
                put(k, v.to_string());
            }
        }
        for (c, e, text) in bad {
            let what = match (c, e) {
                (Column::Illustrative, _) => SheetMsg::NotBoolean { text },
                (_, NumError::Percent) => SheetMsg::Percent { text },
                (_, NumError::NotNumber) => SheetMsg::NotNumber { text },
            };
            let col = self.at(c).unwrap_or(0);
            self.err(row, col, Msg::Sheet(what));
        }
        m
    }

    /// The cell a dataset path names: `indicators[3].targets.2027` → the row of
    /// the fourth indicator, the column of 目標 2027年度.
    fn cell_of(&self, path: &str) -> Option<(usize, usize)> {
        let rest = path.strip_prefix("indicators[")?;
        let close = rest.find(']')?;
        let row = *self.rows.get(rest[..close].parse::<usize>().ok()?)?;
        let field = rest[close + 1..].strip_prefix('.').unwrap_or("");
        let (name, sub) = field.split_once('.').unwrap_or((field, ""));
        let text = |f: TextField| {
            let want = match sub {
                "ja" => Some(Part::Ja),
                "en" => Some(Part::En),
                _ => None,
            };
            let exact = want.and_then(|p| self.at(Column::Text(f, p)));
            exact.or_else(|| self.cols.iter().position(|c| c.is_some_and(|c| c.is_text(f))))
        };
        let year = sub.parse::<i32>().ok();
        let col = match name {
            "goal" => self.at(Column::Goal),
            "name" => text(TextField::Name),
            "unit" => text(TextField::Unit),
            "source" => text(TextField::Source),
            "stage" => self.at(Column::Stage),
            "direction" => self.at(Column::Direction),
            "weight" => self.at(Column::Weight),
            "baseline" => self.at(Column::Baseline),
            "illustrative" => self.at(Column::Illustrative),
            "values" => year.and_then(|y| self.at(Column::Actual(y))),
            "targets" => year.and_then(|y| self.at(Column::Target(y))),
            _ => None,
        };
        Some((row, col.or_else(|| self.at(Column::Id)).unwrap_or(0)))
    }
}

/// A display text from its cells: none when all are empty; one string when
/// the languages agree; else `{"ja", "en"}` with those given.
fn text_json(parts: &[(Part, &str)]) -> Option<String> {
    let get = |want: Part| {
        parts
            .iter()
            .find(|(p, s)| *p == want && !s.trim().is_empty())
            .or_else(|| parts.iter().find(|(p, s)| *p == Part::Both && !s.trim().is_empty()))
            .map(|(_, s)| undefuse(s).to_string())
    };
    match (get(Part::Ja), get(Part::En)) {
        (None, None) => None,
        (Some(a), Some(b)) if a == b => Some(splice::string(&a)),
        (ja, en) => {
            let mut members = Vec::new();
            if let Some(j) = ja {
                members.push(format!("\"ja\": {}", splice::string(&j)));
            }
            if let Some(e) = en {
                members.push(format!("\"en\": {}", splice::string(&e)));
            }
            Some(format!("{{ {} }}", members.join(", ")))
        }
    }
}

/// Whether a unit (its JSON text) is %.
fn is_percent(unit_json: &str) -> bool {
    splice::text_strings(unit_json).iter().any(|t| matches!(fold(t).trim(), "%"))
}

/// A year → value object: the sheet's cells for the years it has columns
/// for, the original's entries (as written) for the others; `None` when empty.
fn year_map(cells: &[(i32, Option<String>)], orig: Option<&str>) -> Option<String> {
    let kept = orig.map(RawObj::of).unwrap_or_default();
    if cells.is_empty() && orig.is_some() && kept.0.is_empty() {
        return orig.map(str::to_string);
    }
    let mut entries: Vec<(Option<i32>, String, String)> = kept
        .0
        .iter()
        .map(|(k, v)| (k.parse::<i32>().ok(), k.to_string(), v.to_string()))
        .filter(|(y, _, _)| !y.is_some_and(|y| cells.iter().any(|(c, _)| *c == y)))
        .collect();
    entries.extend(cells.iter().filter_map(|(y, v)| v.as_ref().map(|v| (Some(*y), y.to_string(), v.clone()))));
    if entries.is_empty() {
        return None;
    }
    entries.sort_by_key(|(y, _, _)| (y.is_none(), *y));
    let list: Vec<String> = entries.iter().map(|(_, k, v)| format!("{}: {v}", splice::string(k))).collect();
    Some(format!("{{ {} }}", list.join(", ")))
}
