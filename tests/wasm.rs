//! wasm-bindgen tests of the WebAssembly facade (`src/wasm.rs`), run in Node
//! by `make test-wasm` (`wasm-pack test --node -- --test wasm`).
//!
//! They check the boundary only: how results are encoded as JS values
//! (objects, arrays of numbers, `null`) and how refusals become JS `Error`s
//! with a `problems` list. The scoring itself is tested natively.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect};
use vision_index::wasm::VisionEngine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

const DEFAULT: &str = include_str!("../www/data/setagaya.json");

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or_else(|_| panic!("no property {key}"))
}

fn array(v: &JsValue) -> Array {
    assert!(Array::is_array(v), "expected an array, got {v:?}");
    v.clone().unchecked_into()
}

/// Year `y`'s entry of a per-year series in a result object.
fn at_year(result: &JsValue, series: &JsValue, year: i32) -> JsValue {
    let years = array(&get(result, "years"));
    let i = years
        .iter()
        .position(|y| y.as_f64() == Some(f64::from(year)))
        .unwrap_or_else(|| panic!("year {year} not in result.years"));
    array(series).get(i as u32)
}

fn engine() -> VisionEngine {
    VisionEngine::new(DEFAULT).unwrap_or_else(|e| panic!("default dataset refused: {e:?}"))
}

fn key_count(v: &JsValue) -> u32 {
    let o: &js_sys::Object = v.unchecked_ref();
    js_sys::Object::keys(o).length()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// The thrown value is a JS `Error` with a non-empty `problems` array whose
/// entries carry `path`, `code` and `message.{ja,en}`; returns the problems.
fn problems_of(err: JsValue) -> Array {
    assert!(err.is_instance_of::<js_sys::Error>(), "thrown value is not an Error: {err:?}");
    let msg: String = err.clone().unchecked_into::<js_sys::Error>().message().into();
    assert!(!msg.is_empty(), "Error.message is empty");
    let problems = array(&get(&err, "problems"));
    assert!(problems.length() > 0, "problems is empty");
    for p in problems.iter() {
        assert!(get(&p, "path").is_string(), "problem.path is not a string: {p:?}");
        assert!(get(&p, "code").is_string(), "problem.code is not a string: {p:?}");
        let m = get(&p, "message");
        for lang in ["ja", "en"] {
            let s = get(&m, lang).as_string().unwrap_or_else(|| panic!("message.{lang} is not a string"));
            assert!(!s.is_empty(), "message.{lang} is empty");
        }
    }
    problems
}

fn paths(problems: &Array) -> Vec<String> {
    problems.iter().map(|p| get(&p, "path").as_string().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
fn default_dataset_plan_result_is_plain_object_with_number_arrays() {
    let mut e = engine();
    let r = e.result("plan").expect("result(plan)");
    assert!(r.is_object());
    assert_eq!(get(&r, "format").as_string().as_deref(), Some("vision-index-result/1"));
    assert_eq!(get(&r, "path").as_string().as_deref(), Some("plan"));

    let years = array(&get(&r, "years"));
    assert_eq!(years.length(), 9, "2023..=2031");
    assert_eq!(years.get(0).as_f64(), Some(2023.0));

    let index = get(&r, "index");
    let idx = array(&index);
    assert_eq!(idx.length(), years.length());
    for v in idx.iter() {
        assert!(v.as_f64().is_some(), "plan index entry is not a number: {v:?}");
    }
    let at = |y| at_year(&r, &index, y).as_f64().expect("number");
    assert!(close(at(2023), 100.0), "2023: {}", at(2023));
    assert!(close(at(2027), 130.0), "2027: {}", at(2027));
    assert!(close(at(2031), 135.0), "2031: {}", at(2031));

    // goals and indicators are objects keyed by id, each an array per year.
    let goals = get(&r, "goals");
    assert!(goals.is_object() && !Array::is_array(&goals));
    assert_eq!(key_count(&goals), 11);
    let g1 = array(&get(&goals, "G1"));
    assert_eq!(g1.length(), years.length());
    let inds = get(&r, "indicators");
    assert_eq!(key_count(&inds), 23);
    assert!(at_year(&r, &get(&inds, "G1-a"), 2027).as_f64().is_some());

    // milestones: objects with numbers and booleans
    let ms = array(&get(&r, "milestones"));
    assert_eq!(ms.length(), 2);
    let m0 = ms.get(0);
    assert_eq!(get(&m0, "year").as_f64(), Some(2027.0));
    assert_eq!(get(&m0, "target").as_f64(), Some(130.0));
    assert!(close(get(&m0, "value").as_f64().expect("value"), 130.0));
    assert!(get(&m0, "gap").as_f64().is_some());
    assert_eq!(get(&m0, "met").as_bool(), Some(true));
    assert!(Array::is_array(&get(&r, "warnings")));
}

#[wasm_bindgen_test]
fn every_path_encodes() {
    let mut e = engine();
    for p in ["actual", "plan", "outlook", "trend"] {
        let r = e.result(p).unwrap_or_else(|_| panic!("result({p})"));
        assert_eq!(get(&r, "path").as_string().as_deref(), Some(p));
        let b = e.base_result(p);
        assert!(b.is_ok(), "baseResult({p})");
    }
}

/// The numbers a call left in the handle's buffer (`bufPtr`, `n` of them), copied.
fn buf(e: &VisionEngine, n: u32) -> Vec<f64> {
    // SAFETY: the buffer holds `n` numbers until the handle's next call.
    unsafe { std::slice::from_raw_parts(e.buf_ptr(), n as usize) }.to_vec()
}

/// A series of numbers (NaN for no score) against a result's JSON series (`null` ↔ NaN), bit for bit.
fn same_series(typed: &[f64], json: &JsValue, what: &str) {
    let json = array(json);
    assert_eq!(typed.len() as u32, json.length(), "{what}: length");
    for (k, x) in typed.iter().enumerate() {
        let j = json.get(k as u32);
        match j.as_f64() {
            Some(v) => assert_eq!(x.to_bits(), v.to_bits(), "{what}[{k}]"),
            None => assert!(j.is_null() && x.is_nan(), "{what}[{k}]: {x} vs {j:?}"),
        }
    }
}

#[wasm_bindgen_test]
fn index_alone_equals_the_result_index() {
    let mut e = engine();
    e.set_target("G1-a", 2027, Some(40.0)).expect("edit");
    for p in ["actual", "plan", "outlook", "trend"] {
        let full = e.result(p).expect("result");
        let n = e.index(p).expect("index");
        let alone = buf(&e, n);
        same_series(&alone, &get(&full, "index"), p);
    }
    assert!(e.index("nope").is_err());
}

/// `update(path)` gives every row first, then after one target edit only the
/// index, policies, goals and that indicator; each row equals the result's
/// series (NaN for `null`); `layout()` names the rows; `meta()` has the rest.
#[wasm_bindgen_test]
fn update_sends_every_row_then_only_what_an_edit_changed() {
    let mut e = engine();
    let layout = e.layout().expect("layout");
    let ids = |k: &str| array(&get(&layout, k)).iter().map(|v| v.as_string().expect("id")).collect::<Vec<_>>();
    let (pols, goals, inds) = (ids("policies"), ids("goals"), ids("indicators"));
    let ny = array(&get(&layout, "years")).length() as usize;
    let small = 1 + pols.len() + goals.len();
    let check = |e: &mut VisionEngine, delta: &[f64]| {
        let (k, m) = (delta[0] as usize, delta[2] as usize);
        let at = 3 + 3 * m;
        let full = e.result("plan").expect("result");
        let ms = array(&get(&full, "milestones"));
        assert_eq!(ms.length() as usize, m, "milestones");
        for j in 0..m {
            let want = ms.get(j as u32);
            assert_eq!(get(&want, "value").as_f64().map(f64::to_bits), Some(delta[3 + 3 * j].to_bits()));
            assert_eq!(get(&want, "met").as_bool(), Some(delta[5 + 3 * j] == 1.0));
        }
        for j in 0..k {
            let r = delta[at + j] as usize;
            let row = &delta[at + k + j * ny..at + k + (j + 1) * ny];
            let series = if r == 0 {
                get(&full, "index")
            } else if r <= pols.len() {
                let p = get(&get(&full, "policies"), &pols[r - 1]);
                if p.is_undefined() {
                    assert!(row.iter().all(|x| x.is_nan()), "policy row without policies is NaN");
                    continue;
                }
                p
            } else if r < small {
                get(&get(&full, "goals"), &goals[r - 1 - pols.len()])
            } else {
                get(&get(&full, "indicators"), &inds[r - small])
            };
            same_series(row, &series, &format!("row {r}"));
        }
        k
    };
    let n = e.update("plan").expect("update");
    let first = buf(&e, n);
    assert_eq!(check(&mut e, &first), small + inds.len(), "every row at first");
    let n = e.update("plan").expect("update");
    let none = buf(&e, n);
    assert_eq!(check(&mut e, &none), 1, "nothing edited: the index only");
    e.set_target("G4-a", 2027, Some(9000.0)).expect("edit");
    let n = e.update("plan").expect("update");
    let d = buf(&e, n);
    assert_eq!(check(&mut e, &d), 3, "one edit: the index, the indicator's goal and the indicator");
    let g4a = inds.iter().position(|x| x == "G4-a").expect("G4-a");
    let g4 = goals.iter().position(|x| x == "G4").expect("G4");
    let ids: Vec<usize> = d[3 + 3 * 2..3 + 3 * 2 + 3].iter().map(|&r| r as usize).collect();
    assert_eq!(ids, vec![0, 1 + pols.len() + g4, small + g4a], "the rows of the index, G4 and G4-a");
    e.set_via(Some(vec!["goal".into(), "policy".into()])).expect("via");
    let n = e.update("plan").expect("update");
    let all = buf(&e, n);
    assert_eq!(check(&mut e, &all), small + inds.len(), "a new route: every row");
    e.set_target("G4-a", 2027, Some(9100.0)).expect("edit");
    let n = e.update("plan").expect("update");
    let d2 = buf(&e, n);
    assert_eq!(check(&mut e, &d2), 4, "via policies: the goal's policy too");
    e.set_via(None).expect("via");
    e.update("plan").expect("update");
    assert_eq!(d[1], 0.0, "no warnings, same method: no need to ask for the meta");
    assert_eq!(first[1], 1.0, "the first delta asks for the meta");
    let meta = e.meta("plan").expect("meta");
    let ms = array(&get(&meta, "milestones"));
    let full = e.result("plan").expect("result");
    assert_eq!(
        js_sys::JSON::stringify(&ms).ok().and_then(|s| s.as_string()),
        js_sys::JSON::stringify(&get(&full, "milestones")).ok().and_then(|s| s.as_string())
    );
    let n = e.base_rows("plan").expect("base");
    let base = buf(&e, n);
    assert_eq!(base[0] as usize, small + inds.len());
    assert!(e.update("nope").is_err());
}

#[wasm_bindgen_test]
fn undefined_scores_cross_as_null() {
    // No reported values in the default dataset: on `actual` only the base
    // year has a score; every later year is `null` (not NaN, not undefined).
    let mut e = engine();
    let r = e.result("actual").expect("result(actual)");
    let index = get(&r, "index");
    assert!(close(at_year(&r, &index, 2023).as_f64().expect("2023 number"), 100.0));
    for y in 2024..=2031 {
        let v = at_year(&r, &index, y);
        assert!(v.is_null(), "actual index {y} should be null, got {v:?}");
    }
    let g = at_year(&r, &get(&get(&r, "goals"), "G1"), 2027);
    assert!(g.is_null(), "goal G1 2027 on actual should be null, got {g:?}");
    let m = array(&get(&r, "milestones")).get(0);
    assert!(get(&m, "value").is_null());
    assert!(get(&m, "gap").is_null());
    assert_eq!(get(&m, "met").as_bool(), Some(false));
}

#[wasm_bindgen_test]
fn refused_dataset_throws_error_with_problems() {
    let mut doc: serde_json::Value = serde_json::from_str(DEFAULT).expect("json");
    doc["indicators"][0]["baseline"] = serde_json::json!(-5);
    doc["goals"][0]["policy"] = serde_json::json!("NOPE");
    let bad = doc.to_string();

    let err = match VisionEngine::new(&bad) {
        Ok(_) => panic!("a negative baseline was accepted"),
        Err(e) => e,
    };
    let problems = problems_of(err);
    let ps = paths(&problems);
    assert!(ps.iter().any(|p| p == "indicators[0].baseline"), "paths: {ps:?}");
    assert!(ps.iter().any(|p| p == "goals[0].policy"), "every problem is listed, not only the first: {ps:?}");
    let first = problems.get(0);
    assert_eq!(get(&first, "severity").as_string().as_deref(), Some("error"));

    // Not JSON at all
    let err = match VisionEngine::new("{\"format\": \"vision-index/1\", ") {
        Ok(_) => panic!("truncated JSON was accepted"),
        Err(e) => e,
    };
    let problems = problems_of(err);
    assert_eq!(get(&problems.get(0), "code").as_string().as_deref(), Some("json_syntax"));
}

#[wasm_bindgen_test]
fn refused_replacement_keeps_old_dataset() {
    let mut e = engine();
    let before = e.result("plan").expect("result");
    let err = e.replace_dataset("[]").expect_err("an array is not a dataset");
    problems_of(err);
    let after = e.result("plan").expect("result");
    let a = at_year(&after, &get(&after, "index"), 2027).as_f64();
    let b = at_year(&before, &get(&before, "index"), 2027).as_f64();
    assert_eq!(a, b);
}

#[wasm_bindgen_test]
fn set_target_rejects_nan_and_negative_and_keeps_result() {
    let mut e = engine();
    let plan_2027 = |e: &mut VisionEngine| {
        let r = e.result("plan").expect("result");
        at_year(&r, &get(&r, "index"), 2027).as_f64().expect("number")
    };
    let before = plan_2027(&mut e);
    for bad in [f64::NAN, -1.0, f64::INFINITY] {
        let err = e.set_target("G1-a", 2027, Some(bad)).expect_err("bad target accepted");
        let problems = problems_of(err);
        let ps = paths(&problems);
        assert!(ps.iter().all(|p| p.starts_with("targets")), "paths: {ps:?}");
        assert_eq!(plan_2027(&mut e), before, "result changed after a refused setTarget({bad})");
    }
    // unknown indicator
    let err = e.set_target("ZZ", 2027, Some(1.0)).expect_err("unknown indicator accepted");
    let problems = problems_of(err);
    assert_eq!(get(&problems.get(0), "code").as_string().as_deref(), Some("unknown_ref"));
    assert_eq!(plan_2027(&mut e), before);

    // a good target changes it, and None removes it
    e.set_target("G1-a", 2027, Some(40.0)).expect("good target");
    assert!(plan_2027(&mut e) > before);
    e.set_target("G1-a", 2027, None).expect("remove target");
    assert_eq!(plan_2027(&mut e), before);
}

#[wasm_bindgen_test]
fn unknown_path_throws() {
    let mut e = engine();
    let err = e.result("nope").expect_err("result(nope) should throw");
    let problems = problems_of(err);
    let p = problems.get(0);
    assert_eq!(get(&p, "path").as_string().as_deref(), Some("path"));
    assert_eq!(get(&p, "code").as_string().as_deref(), Some("bad_enum"));
    assert!(e.base_result("").is_err());
}

#[wasm_bindgen_test]
fn scenario_round_trips_as_object_and_json() {
    let mut e = engine();
    e.set_target("G1-a", 2027, Some(30.0)).expect("set");
    let s = e.scenario().expect("scenario");
    assert_eq!(get(&s, "format").as_string().as_deref(), Some("vision-index-scenario/1"));
    let json = e.scenario_json();
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("scenarioJson is JSON");
    assert_eq!(parsed["format"], "vision-index-scenario/1");

    let mut other = engine();
    other.apply_scenario(&json).expect("apply own scenario");
    let a = other.result("plan").expect("r");
    let b = e.result("plan").expect("r");
    assert_eq!(at_year(&a, &get(&a, "index"), 2027).as_f64(), at_year(&b, &get(&b, "index"), 2027).as_f64());
    let err = other
        .apply_scenario(
            "{\"format\":\"vision-index-scenario/1\",\"targets\":[{\"indicator\":\"nope\",\"year\":2027,\"value\":1}]}",
        )
        .expect_err("bad scenario accepted");
    let ps = paths(&problems_of(err));
    assert!(ps.iter().any(|p| p == "targets[0].indicator"), "paths: {ps:?}");
}

/// Numbers as the module reads them, against JavaScript's own reading: exact for
/// up to 15 significant digits without an exponent (nearly every figure), within
/// a few units in the last place otherwise (the browser build's smaller reader).
#[wasm_bindgen_test]
fn numbers_read_like_javascript() {
    let ulps = |a: f64, b: f64| (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs();
    for (text, exact) in [
        ("0", true),
        ("-0.5", true),
        ("1234.5678", true),
        ("0.1", true),
        ("999999999999999", true),
        ("0.30000000000000004", false),
        ("9007199254740993", false),
        ("1e5", false),
        ("-1.5E-7", false),
        ("6.02214076e23", false),
        ("1.7976931348623157e308", false),
        ("2.2250738585072014e-308", false),
        ("123456789012345678901234567890", false),
        ("0.000000000000000000001", false),
    ] {
        let bump = bumpalo::Bump::new();
        let ours = vision_index::testing::json::parse(text, &bump).expect(text).as_f64().expect(text);
        let js = js_sys::JSON::parse(text).expect(text).as_f64().expect(text);
        let d = ulps(ours, js);
        assert!(if exact { d == 0 } else { d <= 4 }, "{text}: {ours} vs JavaScript {js} ({d} ulp)");
    }
    let bump = bumpalo::Bump::new();
    assert!(vision_index::testing::json::parse("1e400", &bump).is_err(), "out of range");
    assert_eq!(vision_index::testing::json::parse("1e-400", &bump).ok().and_then(|j| j.as_f64()), Some(0.0));
}

/// `setVia` takes the route as the format writes it, a list of level names;
/// any other list throws with the path `method.via`.
#[wasm_bindgen_test]
fn set_via_takes_a_list() {
    let mut e = engine();
    e.set_via(Some(vec!["goal".into(), "policy".into()])).expect("goal, policy");
    let r = e.result("plan").expect("result");
    assert_eq!(key_count(&get(&r, "policies")), 4, "policies scored");
    e.set_via(Some(vec!["goal".into()])).expect("goal");
    assert_eq!(key_count(&get(&e.result("plan").expect("result"), "policies")), 0);
    for bad in [vec![], vec!["policy".to_string()], vec!["goal,policy".to_string()]] {
        let err = e.set_via(Some(bad.clone())).expect_err("bad route accepted");
        let problems = problems_of(err);
        assert_eq!(paths(&problems), vec!["method.via".to_string()], "{bad:?}");
    }
    e.set_via(None).expect("dataset's route");
}

/// An edit without warnings returns `undefined` (nothing encoded); one that
/// only warns is applied and returns its warnings (an array).
#[wasm_bindgen_test]
fn edits_return_their_warnings() {
    let mut e = engine();
    let none = e.set_target("G1-a", 2027, Some(40.0)).expect("edit");
    assert!(none.is_undefined());
    let w = Array::from(&e.set_target("G1-a", 2023, Some(40.0)).expect("base-year edit"));
    assert_eq!(w.length(), 1);
    assert_eq!(get(&w.get(0), "code").as_string().as_deref(), Some("base_year_entry_ignored"));
    assert_eq!(get(&w.get(0), "severity").as_string().as_deref(), Some("warning"));
    let w = Array::from(&e.set_cap(Some(50.0)).expect("low cap"));
    assert_eq!(get(&w.get(0), "code").as_string().as_deref(), Some("cap_below_100"));
}

#[wasm_bindgen_test]
fn page_facts_cross_as_plain_values() {
    use vision_index::wasm::detect_format;
    assert_eq!(detect_format(DEFAULT).as_deref(), Some("dataset"));
    let twice = r#"{"format":"vision-index-scenario/1","format":"vision-index/1"}"#;
    assert_eq!(detect_format(twice).as_deref(), Some("scenario"), "the first repeated key counts");
    assert_eq!(detect_format("{"), None);
    let mut e = engine();
    assert!(e.scenario_is_empty());
    e.set_target("G1-a", 2027, Some(40.0)).expect("edit");
    assert!(!e.scenario_is_empty());
    assert_eq!(e.default_path(), "outlook", "the page starts on 見込み, even with no actual after the base year");
    assert_eq!(e.latest_actual_year(), 2023);
    let kpis = array(&e.kpi_status().expect("kpiStatus"));
    assert_eq!(kpis.length(), 19, "one list per project");
    let s = array(&kpis.get(2)).get(0); // SETAGAYA PORT, 新規会員登録者数 6,400 vs 5,100
    assert_eq!(get(&s, "met").as_bool(), Some(true));
    assert_eq!(get(&s, "year").as_f64(), Some(2024.0));
}

/// The analysis methods (feature `analysis`, the module in pkg-analysis/) give
/// the command line's JSON text for the engine's dataset and scenario, and
/// refuse a question that names nothing with a `usage` problem.
#[cfg(feature = "analysis")]
#[wasm_bindgen_test]
fn analysis_answers_are_the_command_lines_text() {
    use vision_index::analysis::uncertainty::Options;
    use vision_index::{analysis, load_dataset, load_scenario, Level, ScorePath};
    let mut e = engine();
    e.set_target("G4-b", 2027, Some(70.0)).expect("edit");
    let ds = load_dataset(DEFAULT.as_bytes()).expect("dataset").value;
    let sc = load_scenario(e.scenario_json().as_bytes(), &ds).expect("scenario").value;
    assert_eq!(e.status(), analysis::status::status(&ds, &sc).to_json());
    let seek = analysis::seek::seek(&ds, &sc, ScorePath::Outlook, 2027, Level::Goal, "G4").expect("seek");
    assert_eq!(e.seek(2027, "goal", "G4", "outlook").expect("seek"), seek.to_json());
    let c = analysis::contrib::contrib(&ds, &sc, 2031, ScorePath::Plan).expect("contrib");
    assert_eq!(e.contrib(2031, "plan").expect("contrib"), c.to_json());
    let big = u64::MAX - 6; // not a JS number: crosses as a BigInt
    let opts = Options { path: ScorePath::Outlook, draws: 500, seed: big, weights: 0.2, spread: 0.1 };
    let mc = analysis::uncertainty::uncertainty(&ds, &sc, &opts).expect("mc").to_json();
    assert_eq!(e.uncertainty(500, big, "outlook", 0.2, 0.1).expect("mc"), mc);
    assert!(mc.contains(&format!("\"seed\":{big}")));
    for err in [
        e.seek(2027, "goal", "G99", "plan").expect_err("unknown goal"),
        e.seek(2026, "goal", "G4", "plan").expect_err("not a milestone"),
        e.seek(2027, "goal", "G4", "actual").expect_err("path"),
        e.contrib(2040, "plan").expect_err("year"),
        e.uncertainty(0, 1, "plan", 0.0, 0.1).expect_err("draws"),
        e.uncertainty(10, 1, "plan", 1.0, 0.1).expect_err("weights"),
    ] {
        let p = problems_of(err);
        assert_eq!(get(&p.get(0), "code").as_string().as_deref(), Some("usage"));
    }
}

// ---- sheet: the indicator sheet (SPEC §9) and the result CSV in the facade

/// `exportCsv`, `importCsv` and `resultCsv` (feature `analysis`) give the
/// library's text, byte for byte, under the engine's dataset and scenario.
#[cfg(feature = "analysis")]
#[wasm_bindgen_test]
fn sheet_answers_are_the_command_lines_text() {
    use vision_index::{load_dataset, load_scenario, score, sheet, Lang, ScorePath};
    let mut e = engine();
    e.set_value("G1-a", 2025, Some(24.5)).expect("edit");
    let ds = load_dataset(DEFAULT.as_bytes()).expect("dataset").value;
    let sc = load_scenario(e.scenario_json().as_bytes(), &ds).expect("scenario").value;
    let csv = e.export_csv();
    assert!(csv.starts_with('\u{feff}') && csv.contains("\r\n"));
    assert_eq!(csv, sheet::export_csv(&ds));
    // The sheet as a spreadsheet in Japan saves it: CP932, without the BOM.
    let (cp932, _, _) = encoding_rs::SHIFT_JIS.encode(csv.trim_start_matches('\u{feff}'));
    // Decoded by the browser's TextDecoder: the same text as the library's from UTF-8.
    let text = e.import_csv(&cp932).expect("import");
    assert_eq!(text, sheet::import_csv_text(DEFAULT, csv.as_bytes()).expect("library").text);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(csv.trim_start_matches('\u{feff}').encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(e.import_csv(&utf16).expect("UTF-16"), text);
    let p = problems_of(e.import_csv(b"id,goal\r\n\x82\xA0\xFF\xFE,1").expect_err("neither UTF-8 nor CP932"));
    assert_eq!(get(&p.get(0), "code").as_string().as_deref(), Some("sheet_encoding"));
    assert_eq!(load_dataset(text.as_bytes()).expect("loads").value, ds);
    for p in ["actual", "plan", "outlook", "trend"] {
        let path = ScorePath::parse(p).expect("path");
        assert_eq!(e.result_csv(p, None).expect("csv"), score(&ds, &sc, path).to_csv(&ds, Lang::Ja));
        assert_eq!(e.result_csv(p, Some("en".into())).expect("csv"), score(&ds, &sc, path).to_csv(&ds, Lang::En));
    }
    assert!(e.result_csv("sideways", None).is_err());
    // A bad cell: an Error with the cell's A1 path and both languages.
    let bad = csv.replacen(",20,TRUE,", ",abc,TRUE,", 1);
    let p = problems_of(e.import_csv(bad.as_bytes()).expect_err("bad cell"));
    assert_eq!(get(&p.get(0), "path").as_string().as_deref(), Some("J2"));
    assert_eq!(get(&p.get(0), "code").as_string().as_deref(), Some("not_number"));
    let ja = get(&get(&p.get(0), "message"), "ja").as_string().unwrap_or_default();
    assert!(ja.starts_with("2行目 J列（基準値）: 数値ではありません"), "{ja}");
    let en = get(&get(&p.get(0), "message"), "en").as_string().unwrap_or_default();
    assert!(en.starts_with("row 2, column J (baseline): not a number"), "{en}");
    // The dataset replaced: the sheet goes into the new one.
    let tiny = include_str!("fixtures/conformance/tiny.json");
    e.replace_dataset(tiny).expect("tiny");
    let tiny_ds = load_dataset(tiny.as_bytes()).expect("tiny").value;
    assert_eq!(e.export_csv(), sheet::export_csv(&tiny_ds));
    let back = e.import_csv(e.export_csv().as_bytes()).expect("round trip");
    assert_eq!(back, sheet::import_csv_text(tiny, e.export_csv().as_bytes()).expect("library").text);
}
