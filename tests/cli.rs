#![cfg(not(target_arch = "wasm32"))]
//! The command line (SPEC §6), run as a new user would: the real binary, real
//! files, standard input, and every kind of bad input.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use vision_index::{load_dataset, load_scenario, score, Problem, Scenario, ScorePath};

const DEFAULT: &str = "www/data/setagaya.json";
const TINY: &str = "tests/fixtures/conformance/tiny.json";
const TINY_SCENARIO: &str = "tests/fixtures/conformance/tiny-scenario.json";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bad(name: &str) -> String {
    format!("tests/fixtures/bad/{name}")
}

/// Runs the binary from the crate root with `args`, feeding `stdin` if given.
fn run(args: &[&str], stdin: Option<Vec<u8>>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vision-index"));
    cmd.args(args)
        .current_dir(root())
        // A panic would print a backtrace with this set: the output must still have none.
        .env("RUST_BACKTRACE", "1")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary runs");
    let writer = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().expect("piped");
        // The binary may stop reading early (size limit): a broken pipe is expected then.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let out = child.wait_with_output().expect("the binary finishes");
    if let Some(w) = writer {
        w.join().expect("writer thread");
    }
    let err = String::from_utf8_lossy(&out.stderr);
    for bad in ["panicked", "RUST_BACKTRACE", "stack backtrace", "internal error"] {
        assert!(!err.contains(bad), "{args:?}: stderr has {bad:?}:\n{err}");
    }
    out
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited (not killed)")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr_lines(out: &Output) -> Vec<String> {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8").lines().map(str::to_string).collect()
}

/// Exit 1, nothing on standard output, and one `PATH: message` line per problem
/// on standard error (warnings tagged `warning: `).
#[track_caller]
fn assert_refused(out: &Output) -> Vec<String> {
    let lines = stderr_lines(out);
    assert_eq!(code(out), 1, "stderr: {lines:#?}");
    assert!(out.stdout.is_empty(), "stdout: {}", String::from_utf8_lossy(&out.stdout));
    assert!(!lines.is_empty(), "no problem printed");
    for l in &lines {
        let l = l.strip_prefix("warning: ").unwrap_or(l);
        let (path, msg) = l.split_once(": ").unwrap_or_else(|| panic!("not `PATH: message`: {l}"));
        assert!(!path.is_empty() && !path.contains(' '), "path {path:?} in {l}");
        assert!(msg.trim().len() > 3, "message in {l}");
    }
    lines
}

/// The lines the command line must print for these problems: one each.
fn lines_of(ps: &[Problem]) -> Vec<String> {
    ps.iter().map(|p| format!("{}{}", if p.is_error() { "" } else { "warning: " }, p.line())).collect()
}

#[track_caller]
fn assert_usage_error(args: &[&str], stdin: Option<Vec<u8>>) {
    let out = run(args, stdin);
    assert_eq!(code(&out), 2, "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "{args:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("usage:"), "{args:?}: {err}");
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).expect("file present")
}

/// A fresh scratch directory under the system temp dir (removed by the test).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vision-index-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A minimal RFC 4180 reader: rows of cells, CRLF line ends.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("bare LF line end"),
            (false, c) => cell.push(c),
        }
    }
    assert!(cell.is_empty() && row.is_empty(), "last line without CRLF");
    rows
}

// ---------------------------------------------------------------- valid inputs

#[test]
fn check_default_dataset_prints_a_one_line_summary() {
    let out = run(&["check", DEFAULT], None);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.ends_with('\n'));
    assert!(text.starts_with("OK: "), "{text}");
    assert!(text.contains("4 policies, 11 goals"), "{text}");
    // Warnings may come, on standard error, tagged; and they are the library's.
    let ds = load_dataset(&read(DEFAULT)).expect("valid");
    assert_eq!(stderr_lines(&out), lines_of(&ds.warnings));
}

#[test]
fn check_with_a_scenario() {
    let out = run(&["check", TINY, "--scenario", TINY_SCENARIO], None);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1);
    assert!(text.contains("1 targets, 1 values"), "{text}");
}

#[test]
fn score_prints_the_json_result_on_the_outlook_path() {
    let out = run(&["score", DEFAULT], None);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let got: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(got["format"], "vision-index-result/1");
    assert_eq!(got["path"], "outlook");
    assert_eq!(got["years"], serde_json::json!([2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031]));
    assert_eq!(got["index"][0], 100.0);
    assert_eq!(got["goals"].as_object().map(|m| m.len()), Some(11));
    // Exactly the library's result, full precision (compared as text: reading JSON
    // numbers back may be 1 ulp off).
    let ds = load_dataset(&read(DEFAULT)).expect("valid").value;
    assert_eq!(stdout(&out), score(&ds, &Scenario::default(), ScorePath::Outlook).to_json() + "\n");
}

#[test]
fn score_on_every_path() {
    let ds = load_dataset(&read(TINY)).expect("valid").value;
    for path in [ScorePath::Actual, ScorePath::Plan, ScorePath::Outlook, ScorePath::Trend] {
        let out = run(&["score", TINY, "--path", path.name()], None);
        assert_eq!(code(&out), 0);
        let got: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(got["path"], path.name());
        assert_eq!(stdout(&out), score(&ds, &Scenario::default(), path).to_json() + "\n");
    }
    // Options may come before the dataset too.
    let out = run(&["score", "--path", "plan", "--format", "json", TINY], None);
    assert_eq!(code(&out), 0);
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).expect("JSON")["path"], "plan");
}

#[test]
fn score_with_a_scenario_file() {
    let ds = load_dataset(&read(TINY)).expect("valid").value;
    let sc = load_scenario(&read(TINY_SCENARIO), &ds).expect("valid").value;
    let out = run(&["score", TINY, "--scenario", TINY_SCENARIO, "--path", "plan"], None);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), score(&ds, &sc, ScorePath::Plan).to_json() + "\n");
    assert_ne!(stdout(&out), score(&ds, &Scenario::default(), ScorePath::Plan).to_json() + "\n");
}

#[test]
fn csv_has_bom_header_crlf_and_a_row_per_node() {
    let out = run(&["score", DEFAULT, "--format", "csv"], None);
    assert_eq!(code(&out), 0);
    assert_eq!(&out.stdout[..3], b"\xEF\xBB\xBF", "UTF-8 BOM first");
    let text = String::from_utf8(out.stdout[3..].to_vec()).expect("UTF-8");
    assert!(!text.starts_with('\u{feff}'), "one BOM only");
    let rows = csv_rows(&text);
    let years: Vec<String> = (2023..=2031).map(|y| y.to_string()).collect();
    let mut header = vec!["path".to_string(), "level".into(), "id".into(), "name".into()];
    header.extend(years.iter().cloned());
    assert_eq!(rows[0], header);
    assert!(rows.iter().all(|r| r.len() == header.len()), "every row has every column");
    // The index first, then every goal; numbers as in the JSON result.
    let ds = load_dataset(&read(DEFAULT)).expect("valid").value;
    let r = score(&ds, &Scenario::default(), ScorePath::Outlook);
    assert_eq!(&rows[1][..4], &["outlook", "index", "index", "持続可能な地域経済の充実度"]);
    let cells =
        |v: &[Option<f64>]| -> Vec<String> { v.iter().map(|x| x.map(|x| x.to_string()).unwrap_or_default()).collect() };
    assert_eq!(rows[1][4..], cells(&r.index)[..]);
    for (g, s) in ds.goals.iter().zip(&r.goals) {
        let row =
            rows.iter().find(|row| row[1] == "goal" && row[2] == g.id).unwrap_or_else(|| panic!("no row for {}", g.id));
        assert_eq!(row[3], g.name.get(vision_index::Lang::Ja));
        assert_eq!(row[4..], cells(&s.values)[..]);
        for c in &row[4..] {
            assert!(c.is_empty() || c.parse::<f64>().is_ok(), "{c}");
        }
    }
    assert_eq!(rows.iter().filter(|r| r[1] == "goal").count(), 11);
    assert_eq!(rows.iter().filter(|r| r[1] == "indicator").count(), r.indicators.len());
    // English names with --lang en.
    let out = run(&["score", DEFAULT, "--format", "csv", "--lang", "en", "--path", "plan"], None);
    let rows = csv_rows(std::str::from_utf8(&out.stdout[3..]).expect("UTF-8"));
    assert_eq!(&rows[1][..4], &["plan", "index", "index", "Sustainable Local Economy Index"]);
}

#[test]
fn dash_reads_the_dataset_from_standard_input() {
    let out = run(&["check", "-"], Some(read(TINY)));
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).starts_with("OK: "));
    let from_file = run(&["score", TINY, "--scenario", TINY_SCENARIO], None);
    let from_stdin = run(&["score", "-", "--scenario", TINY_SCENARIO], Some(read(TINY)));
    assert_eq!(code(&from_stdin), 0);
    assert_eq!(from_stdin.stdout, from_file.stdout);
}

#[test]
fn dash_reads_the_scenario_from_standard_input() {
    let from_file = run(&["score", TINY, "--scenario", TINY_SCENARIO, "--format", "csv"], None);
    let from_stdin = run(&["score", TINY, "--scenario", "-", "--format", "csv"], Some(read(TINY_SCENARIO)));
    assert_eq!(code(&from_stdin), 0, "{}", String::from_utf8_lossy(&from_stdin.stderr));
    assert_eq!(from_stdin.stdout, from_file.stdout);
    // A bad scenario on standard input is refused like a file.
    let out = run(&["check", TINY, "--scenario", "-"], Some(read(&bad("unknown-indicator.scenario.json"))));
    assert_eq!(
        assert_refused(&out),
        vec!["targets[0].indicator: 指標 \"G9-z\" はありません (no such indicator: \"G9-z\")"]
    );
}

#[test]
fn help_and_schema() {
    for flag in ["--help", "-h", "help"] {
        let out = run(&[flag], None);
        assert_eq!(code(&out), 0);
        assert!(stdout(&out).contains("vision-index score DATASET"), "{flag}");
    }
    for (kind, title) in [("dataset", "Vision Index dataset"), ("scenario", "Vision Index scenario")] {
        let out = run(&["schema", kind], None);
        assert_eq!(code(&out), 0);
        let schema: Value = serde_json::from_slice(&out.stdout).expect("schema is JSON");
        assert!(schema["title"].as_str().is_some_and(|t| t.starts_with(title)), "{}", schema["title"]);
        assert!(schema["properties"]["format"].is_object());
        // The checked-in file is the same.
        let on_disk: Value = serde_json::from_slice(&read(&format!("schema/{kind}.schema.json"))).expect("JSON");
        assert_eq!(schema, on_disk);
    }
}

// ---------------------------------------------------------------- bad inputs: exit 1

/// A fixture refused with exactly the library's problems, one line each.
#[track_caller]
fn assert_fixture_refused(name: &str) -> Vec<String> {
    let rel = bad(name);
    let want = lines_of(&load_dataset(&read(&rel)).expect_err("the fixture is invalid"));
    for cmd in ["check", "score"] {
        let out = run(&[cmd, &rel], None);
        assert_eq!(assert_refused(&out), want, "{cmd} {name}");
    }
    // The same from standard input.
    let out = run(&["check", "-"], Some(read(&rel)));
    assert_eq!(assert_refused(&out), want, "check - < {name}");
    want
}

#[test]
fn truncated_file() {
    let lines = assert_fixture_refused("truncated.json");
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with("$: ") && lines[0].contains("ends too early"), "{lines:?}");
}

#[test]
fn wrong_types() {
    let lines = assert_fixture_refused("wrong-types.json");
    for path in [
        "years.first",
        "goals[0].weight",
        "indicators[0].baseline",
        "indicators[0].illustrative",
        "indicators[0].values",
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(&format!("{path}: ")) && l.contains("wrong type")),
            "{path}: {lines:#?}"
        );
    }
    assert_eq!(lines.len(), 5, "{lines:#?}");
}

#[test]
fn dangling_ids() {
    let lines = assert_fixture_refused("dangling-ids.json");
    let errors: Vec<&String> = lines.iter().filter(|l| !l.starts_with("warning: ")).collect();
    assert_eq!(errors.len(), 3, "{lines:#?}");
    assert!(errors[0].starts_with("goals[0].policy: ") && errors[0].contains("no such policy: \"P9\""));
    assert!(errors[1].starts_with("indicators[0].goal: ") && errors[1].contains("no such goal: \"G9\""));
    assert!(errors[2].starts_with("projects[0].goals[0]: ") && errors[2].contains("no such goal: \"G8\""));
}

#[test]
fn negative_baseline() {
    let lines = assert_fixture_refused("negative-baseline.json");
    assert_eq!(
        lines,
        vec!["indicators[0].baseline: 基準値 -200 は使えません: 0 より大きい数が必要です (baseline -200 not allowed: must be greater than 0)"]
    );
}

#[test]
fn shift_jis_file() {
    let lines = assert_fixture_refused("shift-jis.json");
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].starts_with("$: ") && lines[0].contains("line 3, column 13") && lines[0].contains("Shift_JIS"),
        "{lines:?}"
    );
}

#[test]
fn empty_file() {
    let lines = assert_fixture_refused("empty.json");
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with("$: "), "{lines:?}");
    // Empty standard input too.
    assert_refused(&run(&["score", "-"], Some(Vec::new())));
}

#[test]
fn not_an_object() {
    let lines = assert_fixture_refused("not-object.json");
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with("$: ") && lines[0].contains("not a JSON object"), "{lines:?}");
}

#[test]
fn file_of_50_mb_is_refused_by_its_size() {
    let dir = scratch("big");
    let file = dir.join("big.json");
    {
        // 50 MB of spaces inside a JSON string, written in pieces.
        let mut f = std::io::BufWriter::new(std::fs::File::create(&file).expect("create"));
        f.write_all(b"{\"format\": \"vision-index/1\", \"title\": \"").expect("write");
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..50 {
            f.write_all(&chunk).expect("write");
        }
        f.write_all(b"\"}").expect("write");
    }
    let name = file.to_str().expect("UTF-8 path");
    let size = std::fs::metadata(&file).expect("written").len();
    assert!(size > 50 << 20);
    for cmd in ["check", "score"] {
        let lines = assert_refused(&run(&[cmd, name], None));
        assert_eq!(lines.len(), 1);
        assert!(lines[0].starts_with(&format!("{name}: ")), "{lines:?}");
        let tenths = size.div_ceil(100_000);
        let mb = if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        };
        assert!(lines[0].contains(&format!("file too large: {mb} (limit 10 MB)")), "{lines:?}");
    }
    // As a scenario too.
    let lines = assert_refused(&run(&["check", TINY, "--scenario", name], None));
    assert!(lines[0].starts_with(&format!("{name}: ")) && lines[0].contains("too large"), "{lines:?}");
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn more_than_10_mb_on_standard_input_is_refused() {
    let mut big = b"{\"format\": \"vision-index/1\", \"title\": \"".to_vec();
    big.resize(12 << 20, b' ');
    let lines = assert_refused(&run(&["check", "-"], Some(big)));
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with("-: ") && lines[0].contains("too large"), "{lines:?}");
}

#[test]
fn a_directory() {
    let dir = scratch("dir");
    let name = dir.to_str().expect("UTF-8 path");
    let lines = assert_refused(&run(&["check", name], None));
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with(&format!("{name}: ")), "{lines:?}");
    let lines = assert_refused(&run(&["score", TINY, "--scenario", name], None));
    assert!(lines[0].starts_with(&format!("{name}: ")), "{lines:?}");
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn a_missing_file() {
    let lines = assert_refused(&run(&["check", "tests/fixtures/bad/no-such-file.json"], None));
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with("tests/fixtures/bad/no-such-file.json: "), "{lines:?}");
    let lines = assert_refused(&run(&["score", TINY, "--scenario", "no-such-scenario.json"], None));
    assert!(lines[0].starts_with("no-such-scenario.json: "), "{lines:?}");
}

#[test]
fn scenario_with_an_unknown_indicator() {
    let rel = bad("unknown-indicator.scenario.json");
    for cmd in ["check", "score"] {
        let lines = assert_refused(&run(&[cmd, TINY, "--scenario", &rel], None));
        assert_eq!(lines, vec!["targets[0].indicator: 指標 \"G9-z\" はありません (no such indicator: \"G9-z\")"]);
    }
    // A dataset given as the scenario: wrong format.
    let lines = assert_refused(&run(&["score", TINY, "--scenario", TINY], None));
    assert!(lines.iter().any(|l| l.starts_with("format: ")), "{lines:#?}");
}

// ---------------------------------------------------------------- usage errors: exit 2

/// An argument that is not UTF-8 (say a Shift_JIS file name) is a usage error,
/// not a panic (`std::env::args` would panic on it).
#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_a_usage_error() {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::OsStr::from_bytes(b"\x83f\x81[\x83^.json"); // 「データ」 in Shift_JIS
    for args in [
        vec![std::ffi::OsStr::new("check"), name],
        vec![std::ffi::OsStr::new("score"), std::ffi::OsStr::new(TINY), std::ffi::OsStr::new("--path"), name],
    ] {
        let out =
            Command::new(env!("CARGO_BIN_EXE_vision-index")).args(&args).current_dir(root()).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(code(&out), 2, "{args:?}: {err}");
        assert!(err.contains("usage:") && !err.contains("internal error"), "{args:?}: {err}");
    }
}

#[test]
fn usage_errors() {
    assert_usage_error(&[], None);
    assert_usage_error(&["frobnicate", TINY], None);
    assert_usage_error(&["score", TINY, "--verbose"], None);
    assert_usage_error(&["score", TINY, "--path", "nope"], None);
    assert_usage_error(&["score", TINY, "--format", "xml"], None);
    assert_usage_error(&["score", TINY, "--scenario"], None);
    assert_usage_error(&["score", TINY, "--path"], None);
    assert_usage_error(&["score", "-", "--scenario", "-"], Some(read(TINY)));
    assert_usage_error(&["check"], None);
    assert_usage_error(&["score", TINY, TINY], None);
    assert_usage_error(&["check", TINY, "--format", "csv"], None);
    assert_usage_error(&["schema"], None);
    assert_usage_error(&["schema", "result"], None);
}
