#![cfg(not(target_arch = "wasm32"))]
//! `vision-index export-csv` and `import-csv` (SPEC §9), run as a ward
//! official would: export, edit, save (as UTF-8 or CP932), import, score.

mod common;

use common::{code, run, DEFAULT};
use std::path::PathBuf;
use vision_index::load_dataset;

const TINY: &str = "tests/fixtures/conformance/tiny.json";

/// A file of this test run in the system's temporary folder.
fn scratch(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("vision-index-cli-sheet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p: PathBuf = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p.to_string_lossy().into_owned()
}

fn stdout(args: &[&str]) -> Vec<u8> {
    let out = run(args);
    assert_eq!(code(&out), 0, "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn export_writes_the_sheet_with_bom_crlf_and_both_languages() {
    let out = stdout(&["export-csv", DEFAULT]);
    let text = String::from_utf8(out).expect("UTF-8");
    let ds = common::default_ds();
    assert_eq!(text, vision_index::sheet::export_csv(&ds));
    assert!(text.starts_with("\u{feff}指標ID id,目指す姿 goal,指標名（日本語） name_ja,"), "{}", &text[..80]);
    assert!(text.contains(",基準値 baseline,") && text.contains(",実績 2024年度 actual FY2024,"));
    assert!(text.contains(",目標 2027年度 target FY2027,"));
    assert_eq!(text.matches("\r\n").count(), 1 + ds.indicators.len());
    assert!(!text.replace("\r\n", "").contains('\n'));
}

#[test]
fn export_edit_import_scores_like_the_edited_dataset_on_every_path() {
    for dataset in [DEFAULT, TINY] {
        let sheet = stdout(&["export-csv", dataset]);
        let text = String::from_utf8(sheet.clone()).expect("UTF-8");
        // Unchanged, as UTF-8 and as CP932 (how Excel in Japan saves "CSV (comma delimited)").
        let (cp932, _, _) = encoding_rs::SHIFT_JIS.encode(text.trim_start_matches('\u{feff}'));
        for (name, bytes) in [("same.csv", sheet.clone()), ("same-cp932.csv", cp932.into_owned())] {
            let f = scratch(name, &bytes);
            let back = scratch(&format!("{name}.json"), &stdout(&["import-csv", dataset, &f]));
            for path in ["actual", "plan", "outlook", "trend"] {
                let a = stdout(&["score", dataset, "--path", path]);
                let b = stdout(&["score", &back, "--path", path]);
                assert!(a == b, "{dataset} {name}: {path} differs");
            }
        }
    }
    // A new FY2024 actual, typed the Excel way (full width, with a %): the index moves.
    let sheet = String::from_utf8(stdout(&["export-csv", DEFAULT])).expect("UTF-8");
    let mut rows: Vec<String> = sheet.split("\r\n").map(str::to_string).collect();
    let row = rows.iter().position(|r| r.starts_with("G1-a,")).expect("G1-a");
    let cells: Vec<&str> = rows[row].split(',').collect();
    let n = rows[0].split(',').position(|h| h == "実績 2024年度 actual FY2024").expect("column");
    assert_eq!(cells[4], "%");
    let mut edited: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
    edited[n] = "２３．５％".into();
    rows[row] = edited.join(",");
    let joined = rows.join("\r\n");
    let (cp932, _, _) = encoding_rs::SHIFT_JIS.encode(joined.trim_start_matches('\u{feff}'));
    let f = scratch("edited-cp932.csv", &cp932);
    let back = stdout(&["import-csv", DEFAULT, &f]);
    let ds = load_dataset(&back).expect("valid").value;
    let g1a = ds.indicators.iter().find(|i| i.id == "G1-a").expect("G1-a");
    assert_eq!(g1a.values.get(2024), Some(23.5));
    let before = common::default_ds();
    let (a, b) = (
        vision_index::score(&before, &Default::default(), vision_index::ScorePath::Actual),
        vision_index::score(&ds, &Default::default(), vision_index::ScorePath::Actual),
    );
    let y = a.years.iter().position(|y| *y == 2024).expect("2024");
    assert_ne!(a.goals[0].values[y], b.goals[0].values[y], "G1 moves with its new actual");
}

#[test]
fn a_bad_sheet_prints_every_problem_and_nothing_on_stdout() {
    let sheet = String::from_utf8(stdout(&["export-csv", DEFAULT])).expect("UTF-8");
    let bad = sheet.replacen(",1,20,TRUE,", ",1,abc,TRUE,", 1).replacen(",G1,", ",G99,", 2);
    let f = scratch("bad.csv", bad.as_bytes());
    let out = run(&["import-csv", DEFAULT, &f]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty(), "nothing written on error");
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    let lines: Vec<&str> = err.lines().filter(|l| !l.starts_with("warning: ")).collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].starts_with("B2: 2行目 B列（目指す姿）: 目指す姿 \"G99\" はありません"), "{err}");
    assert!(
        lines[1].starts_with(
            "J2: 2行目 J列（基準値）: 数値ではありません（\"abc\"） (row 2, column J (baseline): not a number"
        ),
        "{err}"
    );
    assert!(lines[2].starts_with("B3: 3行目 B列（目指す姿）: "), "{err}");
}

#[test]
fn usage_errors_and_unreadable_files() {
    for args in [vec!["import-csv", DEFAULT], vec!["import-csv", "-", "-"], vec!["export-csv"]] {
        let out = run(&args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(out.stdout.is_empty());
    }
    let out = run(&["import-csv", DEFAULT, "no/such/sheet.csv"]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty());
    let f = scratch("latin1.csv", b"id,goal\r\n\xE9t\xE9\xFF,1\r\n");
    let out = run(&["import-csv", DEFAULT, &f]);
    assert_eq!(code(&out), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8 か Shift_JIS"));
    let help = run(&["--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("export-csv") && text.contains("import-csv"), "{text}");
}
