#![cfg(not(target_arch = "wasm32"))]
//! The indicator sheet (SPEC §9, `src/sheet/`): export → import round trips
//! that score identically on every path (UTF-8 with and without BOM, CP932,
//! TSV, numbers as Excel writes them in Japan), the header in either language
//! and any order, and every bad cell named by its Excel row and column.

mod common;

use proptest::prelude::*;
use vision_index::sheet::{export_csv, import_csv};
use vision_index::{load_dataset, load_scenario, score, Dataset, Problem, Scenario, ScorePath};

const TINY: &str = "tests/fixtures/conformance/tiny.json";
const TINY_SCENARIO: &str = "tests/fixtures/conformance/tiny-scenario.json";
const SHARED_TINY: &str = "/work/shared/examples/tiny.json";

fn read(path: &str) -> Vec<u8> {
    let p = if path.starts_with('/') { path.to_string() } else { format!("{}/{path}", env!("CARGO_MANIFEST_DIR")) };
    std::fs::read(p).expect("file")
}

fn loaded(bytes: &[u8]) -> Dataset {
    load_dataset(bytes).expect("valid dataset").value
}

/// `sheet` imported into `dataset`: the new dataset's text.
fn import(dataset: &[u8], sheet: &[u8]) -> String {
    match import_csv(dataset, sheet) {
        Ok(i) => i.text,
        Err(p) => panic!("refused:\n{}", lines(&p).join("\n")),
    }
}

fn lines(p: &[Problem]) -> Vec<String> {
    p.iter().map(Problem::line).collect()
}

fn refused(dataset: &[u8], sheet: &str) -> Vec<Problem> {
    match import_csv(dataset, sheet.as_bytes()) {
        Ok(_) => panic!("accepted:\n{sheet}"),
        Err(p) => p,
    }
}

/// Every path's result as JSON (numbers at full precision, `-0.0` apart
/// from `0.0`): equal strings are equal scores, bit for bit.
fn scores(ds: &Dataset, sc: &Scenario) -> Vec<String> {
    ScorePath::ALL.iter().map(|p| score(ds, sc, *p).to_json()).collect()
}

/// The datasets of the round trips: the default, the conformance example,
/// and the shared copy of the example where this machine has it.
fn datasets() -> Vec<(String, Vec<u8>)> {
    let mut list = vec![(common::DEFAULT.to_string(), read(common::DEFAULT)), (TINY.to_string(), read(TINY))];
    if std::path::Path::new(SHARED_TINY).exists() {
        list.push((SHARED_TINY.to_string(), read(SHARED_TINY)));
    }
    list
}

/// The sheet's rows as a spreadsheet sees them.
fn rows(sheet: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(sheet.as_bytes());
    r.records().map(|x| x.expect("record").iter().map(str::to_string).collect()).collect()
}

/// Rows back to CSV (comma or TAB), without BOM.
fn write(rows: &[Vec<String>], sep: u8) -> String {
    let mut w = csv::WriterBuilder::new().flexible(true).delimiter(sep).from_writer(Vec::new());
    for r in rows {
        w.write_record(r).expect("write");
    }
    String::from_utf8(w.into_inner().expect("flush")).expect("utf-8")
}

/// `1234567.5` as Excel shows it in Japan with a thousands separator: `1,234,567.5`.
fn grouped(cell: &str) -> String {
    let (sign, rest) = cell.strip_prefix('-').map_or(("", cell), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, String::new()), |(i, f)| (i, format!(".{f}")));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}{frac}")
}

fn full_width(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_graphic() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c }).collect()
}

/// The sheet's numbers rewritten as Excel writes them: thousands separators,
/// full-width digits on every other row, a `%` where the unit is %, spaces around.
/// Returns the sheet and how many cells changed.
fn excel_style(sheet: &str) -> (String, usize) {
    let mut rs = rows(sheet.trim_start_matches('\u{feff}'));
    let header = rs[0].clone();
    let numeric: Vec<bool> = header
        .iter()
        .map(|h| h.contains("weight") || h.contains("baseline") || h.contains("actual") || h.contains("target"))
        .collect();
    let mut changed = 0;
    for (n, r) in rs.iter_mut().enumerate().skip(1) {
        let percent = r[4] == "%";
        for (i, c) in r.iter_mut().enumerate() {
            if !numeric[i] || c.is_empty() {
                continue;
            }
            let mut s = grouped(c);
            if n % 2 == 0 {
                s = full_width(&s);
            }
            if percent && !header[i].contains("weight") {
                s.push(if n % 2 == 0 { '％' } else { '%' });
            }
            let s = format!(" {s} ");
            changed += usize::from(s.trim() != c);
            *c = s;
        }
    }
    (write(&rs, b','), changed)
}

#[test]
fn round_trip_scores_identically_every_way_it_is_saved() {
    for (name, bytes) in datasets() {
        let ds = loaded(&bytes);
        let sheet = export_csv(&ds);
        assert!(sheet.starts_with('\u{feff}'), "{name}: BOM");
        assert!(sheet.ends_with("\r\n") && !sheet.replace("\r\n", "").contains('\n'), "{name}: CRLF");
        let plain = sheet.trim_start_matches('\u{feff}');
        let (cp932, _, unmappable) = encoding_rs::SHIFT_JIS.encode(plain);
        assert!(!unmappable, "{name}: every character has a CP932 code");
        let (excel, changed) = excel_style(&sheet);
        assert!(changed > ds.indicators.len(), "{name}: the Excel-style sheet rewrites numbers ({changed})");
        let tsv = write(&rows(plain), b'\t');
        let (excel_cp932, _, _) = encoding_rs::SHIFT_JIS.encode(&excel);
        let ways: [(&str, &[u8]); 6] = [
            ("UTF-8 with BOM", sheet.as_bytes()),
            ("UTF-8 without BOM", plain.as_bytes()),
            ("CP932", &cp932),
            ("Excel-style numbers", excel.as_bytes()),
            ("Excel-style numbers in CP932", &excel_cp932),
            ("TSV", tsv.as_bytes()),
        ];
        let scenarios =
            [Scenario::default(), load_scenario(&read(TINY_SCENARIO), &ds).map(|l| l.value).unwrap_or_default()];
        for (how, b) in ways {
            let back = loaded(import(&bytes, b).as_bytes());
            assert_eq!(back, ds, "{name}, {how}: the same dataset");
            for sc in &scenarios {
                assert_eq!(scores(&back, sc), scores(&ds, sc), "{name}, {how}: the same scores");
            }
            assert_eq!(export_csv(&back), sheet, "{name}, {how}: exported again, the same sheet");
        }
    }
}

#[test]
fn the_rest_of_the_dataset_is_kept_byte_for_byte() {
    let bytes = read(common::DEFAULT);
    let text = std::str::from_utf8(&bytes).expect("utf-8");
    let out = import(&bytes, export_csv(&loaded(&bytes)).as_bytes());
    let at = text.find("\"indicators\": [").expect("indicators");
    assert!(out[..at] == text[..at], "the text before the indicators differs");
    let after = |t: &str| t[t.rfind("\n  \"projects\": [").expect("projects")..].to_string();
    assert!(after(&out) == after(text), "the text after the indicators differs");
}

/// The default sheet with one row's cells changed: `(row, column letter, text)`.
fn edited(sheet: &str, edits: &[(usize, &str, &str)]) -> String {
    let mut rs = rows(sheet.trim_start_matches('\u{feff}'));
    for (row, col, text) in edits {
        let c = col.bytes().fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1)) - 1;
        let r = &mut rs[row - 1];
        if r.len() <= c {
            r.resize(c + 1, String::new());
        }
        r[c] = text.to_string();
    }
    write(&rs, b',')
}

#[test]
fn every_bad_cell_is_named_by_row_and_column_in_both_languages() {
    let bytes = read(common::DEFAULT);
    let sheet = export_csv(&loaded(&bytes));
    // Columns: A id, B goal, … I weight, J baseline, K illustrative, … N actual FY2024, … Z target FY2027.
    let bad = edited(
        &sheet,
        &[
            (2, "J", "abc"),     // not a number
            (3, "J", "60%"),     // % where the unit (億円) is not %
            (4, "N", "1,2"),     // not thousands separators
            (5, "K", "maybe"),   // not yes or no
            (6, "B", "G99"),     // no such goal (a dataset rule)
            (7, "J", ""),        // a required value missing (a dataset rule)
            (8, "I", "-1"),      // negative weight (a dataset rule)
            (9, "AD", "stray"),  // past the last column
            (10, "Y", "１２ａ"), // full-width, still not a number
        ],
    );
    let p: Vec<Problem> = refused(&bytes, &bad).into_iter().filter(Problem::is_error).collect();
    let found: Vec<(&str, &str)> = p.iter().map(|x| (x.path.as_str(), x.code())).collect();
    assert_eq!(
        found,
        [
            ("J2", "not_number"),
            ("J3", "percent_not_allowed"),
            ("N4", "not_number"),
            ("K5", "not_boolean"),
            ("B6", "unknown_ref"),
            ("J7", "missing"),
            ("I8", "weight_negative"),
            ("AD9", "unnamed_column"),
            ("Y10", "not_number"),
        ],
        "{:#?}",
        lines(&p)
    );
    assert_eq!(p[0].ja(), "2行目 J列（基準値）: 数値ではありません（\"abc\"）");
    assert_eq!(p[0].en(), "row 2, column J (baseline): not a number (\"abc\")");
    assert!(p[1].ja().starts_with("3行目 J列（基準値）: 「%」は単位が % の指標にだけ書けます"), "{}", p[1].ja());
    assert!(p[2].ja().starts_with("4行目 N列（実績 2024年度）: 数値ではありません"), "{}", p[2].ja());
    assert!(p[2].en().starts_with("row 4, column N (actual FY2024): not a number"), "{}", p[2].en());
    assert!(p[4].ja().starts_with("6行目 B列（目指す姿）: 目指す姿 \"G99\" はありません"), "{}", p[4].ja());
    assert!(p[4].en().starts_with("row 6, column B (goal): no such goal"), "{}", p[4].en());
    assert!(p[7].ja().starts_with("9行目 AD列（見出しなし）"), "{}", p[7].ja());
    assert!(p[8].en().starts_with("row 10, column Y (target FY2027): not a number"), "{}", p[8].en());
}

#[test]
fn headers_in_either_language_in_any_order() {
    let bytes = read(TINY);
    let ds = loaded(&bytes);
    let mut rs = rows(export_csv(&ds).trim_start_matches('\u{feff}'));
    // Japanese only, then English only, each reversed, with empty trailing columns.
    for lang in [0, 1] {
        let mut t: Vec<Vec<String>> = rs.iter().map(|r| r.iter().rev().cloned().collect()).collect();
        for h in t[0].iter_mut() {
            let (ja, en) = h.split_once(' ').expect("two parts");
            let (ja, en) = if ja.starts_with("実績") || ja.starts_with("目標") {
                let (kind, rest) = h.split_once(' ').expect("kind");
                let (year, en) = rest.split_once(' ').expect("year");
                (format!("{kind}{year}"), en.to_string())
            } else {
                (ja.to_string(), en.to_string())
            };
            *h = if lang == 0 { ja } else { en.to_uppercase() };
        }
        for r in t.iter_mut() {
            r.extend([String::new(), String::new()]);
        }
        assert_eq!(loaded(import(&bytes, write(&t, b',').as_bytes()).as_bytes()), ds, "lang {lang}");
    }
    // An unknown column and a repeated one are refused at their header cells.
    rs[0].push("備考 note".into());
    rs[0].push("基準値".into());
    let p = refused(&bytes, &write(&rs, b','));
    let n = rs[0].len();
    let codes: Vec<(String, &str)> = p.iter().map(|x| (x.path.clone(), x.code())).collect();
    let col = |i: usize| vision_index::sheet::columns::a1(i, 1);
    assert_eq!(codes, [(col(n - 2), "unknown_column"), (col(n - 1), "duplicate_column")], "{:#?}", lines(&p));
    assert!(p[0].ja().contains("備考 note"), "{}", p[0].ja());
    // A required column missing: named by its header.
    let no_baseline: Vec<Vec<String>> = rows(export_csv(&ds).trim_start_matches('\u{feff}'))
        .into_iter()
        .map(|mut r| {
            r.remove(9);
            r
        })
        .collect();
    let p = refused(&bytes, &write(&no_baseline, b','));
    assert_eq!(p.iter().map(Problem::code).collect::<Vec<_>>(), ["missing_column"], "{:#?}", lines(&p));
    assert!(p[0].ja().contains("基準値 baseline") && p[0].en().contains("baseline"), "{}", p[0].line());
}

#[test]
fn columns_the_sheet_lacks_keep_the_dataset_fields() {
    let bytes = read(common::DEFAULT);
    let ds = loaded(&bytes);
    let rs = rows(export_csv(&ds).trim_start_matches('\u{feff}'));
    // Without the two source columns and without the FY2031 target.
    let keep: Vec<usize> =
        (0..rs[0].len()).filter(|i| !rs[0][*i].starts_with("出典") && !rs[0][*i].contains("target FY2031")).collect();
    let slim: Vec<Vec<String>> = rs.iter().map(|r| keep.iter().map(|i| r[*i].clone()).collect()).collect();
    assert_eq!(loaded(import(&bytes, write(&slim, b',').as_bytes()).as_bytes()), ds);
    // An emptied cell is no value.
    let last = rs[0].iter().position(|h| h.contains("target FY2031")).expect("column");
    let mut cleared = rs.clone();
    cleared[1][last] = String::new();
    let back = loaded(import(&bytes, write(&cleared, b',').as_bytes()).as_bytes());
    assert_eq!(back.indicators[0].targets.get(2031), None);
    assert!(ds.indicators[0].targets.get(2031).is_some());
}

#[test]
fn quoted_multi_line_names_formulas_and_blank_lines() {
    let bytes = read(TINY);
    let mut v: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    let names = ["二行の\r\n名前, \"引用\"つき", "=SUM(A1)", "-x", "'quoted", "+1"];
    for (i, n) in names.iter().enumerate() {
        v["indicators"][i]["name"] = serde_json::json!({ "ja": n, "en": format!("{n} (en)\nline 2") });
    }
    let text = serde_json::to_string_pretty(&v).expect("json");
    let ds = loaded(text.as_bytes());
    let sheet = export_csv(&ds);
    for cell in ["'=SUM(A1)", "'-x", "''quoted", "'+1"] {
        assert!(sheet.contains(&format!(",{cell},")), "{cell} defused in:\n{sheet}");
    }
    assert_eq!(loaded(import(text.as_bytes(), sheet.as_bytes()).as_bytes()), ds);
    // The first row's name spans lines: the next row is still Excel's row 3,
    // and an empty line is a row of its own (the bad cell below it is in row 5).
    let mut lines_of_sheet: Vec<String> = sheet.split_inclusive("\r\n").map(str::to_string).collect();
    let bad = lines_of_sheet.iter().position(|l| l.starts_with("G2-a,")).expect("row of G2-a");
    lines_of_sheet[bad] = lines_of_sheet[bad].replacen(",G2,", ",G2 G2,", 1);
    let k = lines_of_sheet.iter().position(|l| l.starts_with("G1-b,")).expect("row of G1-b");
    lines_of_sheet.insert(k, "\r\n".into());
    let p = refused(text.as_bytes(), &lines_of_sheet.concat());
    let row = 2 + 1 + 1 + (bad - k); // header, G1-a, the empty line, then rows from G1-b
    assert_eq!(p[0].path, format!("B{row}"), "{:#?}", lines(&p));
    assert_eq!(p[0].code(), "unknown_ref");
}

#[test]
fn bytes_neither_utf8_nor_shift_jis_and_empty_sheets() {
    let bytes = read(TINY);
    let p = import_csv(&bytes, b"id,goal\r\n\x82\xA0\xFF\xFE,1").expect_err("bad bytes");
    assert_eq!(p[0].code(), "sheet_encoding");
    assert!(p[0].ja().contains("UTF-8 か Shift_JIS"), "{}", p[0].ja());
    for empty in ["", "\u{feff}", "\r\n,,\r\n"] {
        assert_eq!(import_csv(&bytes, empty.as_bytes()).expect_err("empty")[0].code(), "sheet_empty");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Any name and any finite values read back exactly.
    #[test]
    fn any_name_and_number_round_trips(
        name in "[^\\s\\p{Cc}][^\\p{Cc}]{0,12}(\n[^\\p{Cc}]{0,8})?",
        baseline in 1e-300f64..1e300,
        value in proptest::num::f64::NORMAL | proptest::num::f64::ZERO,
        weight in 0.0f64..1e6,
    ) {
        let bytes = read(TINY);
        let mut v: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
        v["indicators"][0]["name"] = serde_json::json!(name);
        v["indicators"][0]["baseline"] = serde_json::json!(baseline);
        v["indicators"][0]["weight"] = serde_json::json!(weight);
        v["indicators"][0]["values"] = serde_json::json!({ "2025": value });
        let text = serde_json::to_string(&v).expect("json");
        let ds = loaded(text.as_bytes());
        let back = loaded(import(text.as_bytes(), export_csv(&ds).as_bytes()).as_bytes());
        prop_assert_eq!(&back, &ds);
        prop_assert_eq!(back.indicators[0].values.get(2025).map(f64::to_bits), Some(value.to_bits()));
    }
}

#[test]
fn every_sheet_message_has_japanese_and_english_text_and_its_own_code() {
    use vision_index::messages::{Msg, SheetMsg};
    let all = [
        SheetMsg::Encoding { line: 3 },
        SheetMsg::Empty,
        SheetMsg::NotNumber { text: "x".into() },
        SheetMsg::Percent { text: "x%".into() },
        SheetMsg::NotBoolean { text: "x".into() },
        SheetMsg::UnknownColumn { text: "x".into() },
        SheetMsg::DuplicateColumn { first: "D".into() },
        SheetMsg::MissingColumn { ja: "基準値".into(), en: "baseline".into() },
        SheetMsg::UnnamedColumn,
    ];
    let mut codes = std::collections::BTreeSet::new();
    for m in all {
        match &m {
            SheetMsg::Cell { .. }
            | SheetMsg::Encoding { .. }
            | SheetMsg::Empty
            | SheetMsg::NotNumber { .. }
            | SheetMsg::Percent { .. }
            | SheetMsg::NotBoolean { .. }
            | SheetMsg::UnknownColumn { .. }
            | SheetMsg::DuplicateColumn { .. }
            | SheetMsg::MissingColumn { .. }
            | SheetMsg::UnnamedColumn => {}
        }
        let cell = Msg::Sheet(SheetMsg::Cell {
            row: 3,
            column: "D".into(),
            header: ("基準値".into(), "baseline".into()),
            what: Box::new(Msg::Sheet(m.clone())),
        });
        for x in [Msg::Sheet(m.clone()), cell.clone()] {
            let (ja, en) = (x.ja(), x.en());
            assert!(!ja.contains('\n') && !en.contains('\n') && ja != en, "{x:?}");
        }
        assert_eq!(cell.code(), m.code(), "a cell keeps the code of what is wrong in it");
        assert!(
            cell.ja().starts_with("3行目 D列（基準値）: ") && cell.en().starts_with("row 3, column D (baseline): ")
        );
        assert!(codes.insert(m.code()), "{} twice", m.code());
    }
}
