#![cfg(not(target_arch = "wasm32"))]
//! The bad-input corpus (tests/bad/, written by tests/bad/make.py): each file
//! gives exactly the problems tests/bad/expected.json lists for it — severity,
//! code and path, in order — with a Japanese and an English message, and no
//! panic. A file that loads (warnings only, or none) is scored on every path
//! with every number finite or null. The same list is checked through the page
//! in Chromium (tests/e2e/run.mjs, "bad corpus").
//!
//! `VI_BLESS=1 cargo test --test bad_corpus` rewrites expected.json from what
//! the engine says: for a new file only, and read the diff before committing.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use vision_index::{load_dataset, load_scenario, score, Dataset, Problem, ScorePath};

const DIR: &str = "tests/bad";

fn tiny() -> Dataset {
    let bytes = std::fs::read("tests/fixtures/conformance/tiny.json").expect("tiny.json");
    load_dataset(&bytes).expect("tiny.json loads").value
}

/// (loads, problems) of one file of the corpus.
fn verdict(name: &str, bytes: &[u8], base: &Dataset) -> (bool, Vec<Problem>) {
    if name.ends_with(".scenario.json") {
        match load_scenario(bytes, base) {
            Ok(l) => (true, l.warnings),
            Err(ps) => (false, ps),
        }
    } else {
        match load_dataset(bytes) {
            Ok(l) => {
                for path in [ScorePath::Actual, ScorePath::Plan, ScorePath::Outlook, ScorePath::Trend] {
                    let r = score(&l.value, &Default::default(), path);
                    let text = format!("{r:?}");
                    assert!(!text.contains("NaN") && !text.contains("inf"), "{name}: a number not finite on {path:?}");
                }
                (true, l.warnings)
            }
            Err(ps) => (false, ps),
        }
    }
}

fn entry(loads: bool, ps: &[Problem]) -> Value {
    let problems: Vec<Value> =
        ps.iter().map(|p| json!([if p.is_error() { "error" } else { "warning" }, p.code(), p.path])).collect();
    json!({ "loads": loads, "problems": problems })
}

fn corpus() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(DIR)
        .expect("tests/bad")
        .map(|e| e.expect("an entry").file_name().into_string().expect("a UTF-8 name"))
        .filter(|n| n.ends_with(".json") && n != "expected.json")
        .map(|n| {
            let bytes = std::fs::read(format!("{DIR}/{n}")).expect("readable");
            (n, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_bad_file_gives_exactly_its_problems() {
    let base = tiny();
    let files = corpus();
    assert!(files.len() >= 40, "the corpus has {} files", files.len());
    let got: BTreeMap<String, Value> = files
        .iter()
        .map(|(name, bytes)| {
            let (loads, ps) = verdict(name, bytes, &base);
            for p in &ps {
                assert!(!p.ja().is_empty() && !p.en().is_empty(), "{name}: {p:?} without text");
                assert!(!p.ja().contains("NaN") && !p.en().contains("NaN"), "{name}: {}", p.en());
            }
            (name.clone(), entry(loads, &ps))
        })
        .collect();
    let path = format!("{DIR}/expected.json");
    if std::env::var_os("VI_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&got).expect("json") + "\n";
        std::fs::write(&path, text).expect("written");
        return;
    }
    let want: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("expected.json")).expect("expected.json is JSON");
    let names = |m: &BTreeMap<String, Value>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&got), names(&want), "the corpus and expected.json list the same files");
    for (name, g) in &got {
        assert_eq!(g, &want[name], "{name}");
    }
    // The corpus is mostly refusals; the few that load say why in make.py.
    let refused = got.values().filter(|v| v["loads"] == json!(false)).count();
    assert!(refused >= 40, "{refused} refused");
}

#[test]
fn a_50_mb_file_is_refused_by_its_size_before_it_is_read() {
    let mut bytes = b"{\"format\": \"vision-index/1\", \"title\": \"".to_vec();
    bytes.resize(50 << 20, b' ');
    bytes.extend_from_slice(b"\"}");
    let Err(ps) = load_dataset(&bytes) else { panic!("a 50 MB file loaded") };
    let got: Vec<(&str, &str)> = ps.iter().map(|p| (p.code(), p.path.as_str())).collect();
    assert_eq!(got, [("too_large", "$")]);
}
