//! Progress status (SPEC §8.1) on a small dataset worked out by hand.
//!
//! Every baseline is 100 (so a value is its score) and the base year is 2023;
//! most actuals are in 2024, one year after it, so there CAGRᵢ = yᵢ/100 − 1.
//! Milestones: 2027 → 130 (T − t₀ = 4), 2031 → 135 (T − t₀ = 8).
//! For a target of 124 in 2027: CAGR_T = 1.24^(1/4) − 1 = 0.0552501.

use serde_json::{json, Value};
use vision_index::analysis::status::{judge, status, Status, StatusReport};
use vision_index::{dataset_from_value, scenario_from_value, Dataset, Scenario};

mod common;

/// An indicator: baseline 100, `values` and `targets` as `[(year, value)]`.
fn ind(id: &str, goal: &str, values: &[(i32, f64)], targets: &[(i32, f64)]) -> Value {
    let map = |v: &[(i32, f64)]| -> Value { v.iter().map(|(y, x)| (y.to_string(), json!(x))).collect() };
    json!({ "id": id, "goal": goal, "name": id, "baseline": 100, "values": map(values), "targets": map(targets) })
}

fn doc(via: &[&str]) -> Value {
    let goal = |id: &str, p: &str| json!({ "id": id, "policy": p, "name": id });
    json!({
        "format": "vision-index/1", "title": "t",
        "years": { "first": 2023, "last": 2031 },
        "index": { "name": "i", "base_year": 2023, "base_value": 100,
                   "milestones": [ { "year": 2027, "value": 130 }, { "year": 2031, "value": 135 } ],
                   "method": { "via": via } },
        "policies": [ { "id": "P1", "name": "p1" }, { "id": "P2", "name": "p2" } ],
        "goals": [ goal("G1", "P1"), goal("G2", "P1"), goal("G3", "P1"),
                   goal("G4", "P2"), goal("G5", "P2"), goal("G6", "P2") ],
        "indicators": [
            // 110 ≥ required 110 before T: achieved early.
            ind("G1-a", "G1", &[(2024, 110.0)], &[(2027, 110.0)]),
            // R = 0.06 / 0.0552501 = 1.086 ≥ 0.95: on_track.
            ind("G1-b", "G1", &[(2024, 106.0)], &[(2027, 124.0)]),
            // R = 0.04 / 0.0552501 = 0.724: acceleration_needed.
            ind("G2-a", "G2", &[(2024, 104.0)], &[(2027, 124.0)]),
            // R = −0.02 / 0.0552501 < 0: deterioration.
            ind("G2-b", "G2", &[(2024, 98.0)], &[(2027, 124.0)]),
            // R = 0.02 / 0.0552501 = 0.362: limited.
            ind("G3-a", "G3", &[(2024, 102.0)], &[(2027, 124.0)]),
            // no target: CAGR 0.01 in [0.005, 0.015): acceleration_needed.
            ind("G3-b", "G3", &[(2024, 101.0)], &[]),
            // no actual: no_data.
            ind("G3-c", "G3", &[], &[]),
            // required 95 < 100: CAGR_T = 0.95^(1/4) − 1 < 0, 90 < 95: deterioration.
            ind("G4-a", "G4", &[(2024, 90.0)], &[(2027, 95.0)]),
            // required 100: CAGR_T = 0 ≤ 0, 99 < 100: deterioration.
            ind("G4-b", "G4", &[(2024, 99.0)], &[(2027, 100.0)]),
            // no target: CAGR 0.02 ≥ 0.015 on_track; 0.003 limited; −0.005 deterioration.
            ind("G5-a", "G5", &[(2024, 102.0)], &[]),
            ind("G5-b", "G5", &[(2024, 100.3)], &[]),
            ind("G5-c", "G5", &[(2024, 99.5)], &[]),
            // observed in T = 2027: 120 < 125 missed; for 2031 (plan held flat at 125):
            // CAGRᵢ = 1.2^(1/4) − 1 = 0.0466351, CAGR_T = 1.25^(1/8) − 1 = 0.0282856,
            // R = 1.6487: on_track.
            ind("G6-a", "G6", &[(2024, 105.0), (2027, 120.0)], &[(2027, 125.0)]),
            // observed in T = 2027: 126 ≥ 125: achieved.
            ind("G6-b", "G6", &[(2027, 126.0)], &[(2027, 125.0)]),
        ],
    })
}

fn load(v: &Value) -> Dataset {
    dataset_from_value(v).expect("valid").value
}

fn report(ds: &Dataset, sc: &Scenario) -> Value {
    serde_json::to_value(status(ds, sc)).expect("json")
}

fn st<'a>(r: &'a Value, ms: usize, level: &str, id: &str) -> &'a Value {
    let m = &r["milestones"][ms];
    if level == "index" {
        &m["index"]
    } else {
        &m[level][id]
    }
}

#[track_caller]
fn close(v: &Value, want: f64, tol: f64) {
    let x = v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    assert!((x - want).abs() <= tol, "{x} vs {want}");
}

#[test]
fn every_branch_of_the_rule_on_indicators() {
    let r = report(&load(&doc(&["goal"])), &Scenario::default());
    assert_eq!(r["format"], "vision-index-status/1");
    assert_eq!(r["milestones"].as_array().map(Vec::len), Some(2));
    assert_eq!(r["milestones"][0]["year"], 2027);
    assert_eq!(r["milestones"][0]["target"], 130.0);
    let want = [
        ("G1-a", "achieved"),
        ("G1-b", "on_track"),
        ("G2-a", "acceleration_needed"),
        ("G2-b", "deterioration"),
        ("G3-a", "limited"),
        ("G3-b", "acceleration_needed"),
        ("G3-c", "no_data"),
        ("G4-a", "deterioration"),
        ("G4-b", "deterioration"),
        ("G5-a", "on_track"),
        ("G5-b", "limited"),
        ("G5-c", "deterioration"),
        ("G6-a", "missed"),
        ("G6-b", "achieved"),
    ];
    for (id, s) in want {
        assert_eq!(st(&r, 0, "indicators", id)["status"], s, "{id}");
    }
    assert_eq!(st(&r, 1, "indicators", "G6-a")["status"], "on_track");
    assert_eq!(r["milestones"][0]["policies"], json!({}), "via has no policy");
}

#[test]
fn the_numbers_and_nulls_of_each_rule() {
    let r = report(&load(&doc(&["goal"])), &Scenario::default());
    let all = ["ratio", "observed", "observed_year", "required", "observed_cagr", "required_cagr"];
    // CAGR rule: every field.
    let g1b = st(&r, 0, "indicators", "G1-b");
    assert_eq!(g1b.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>().len()), Some(7));
    close(&g1b["ratio"], 1.085970, 1e-5);
    close(&g1b["observed"], 106.0, 1e-12);
    assert_eq!(g1b["observed_year"], 2024);
    close(&g1b["required"], 124.0, 1e-12);
    close(&g1b["observed_cagr"], 0.06, 1e-12);
    close(&g1b["required_cagr"], 0.0552501, 1e-6);
    // Achieved early: no CAGR, no ratio.
    let g1a = st(&r, 0, "indicators", "G1-a");
    assert_eq!(
        (g1a["ratio"].is_null(), g1a["observed_cagr"].is_null(), g1a["required_cagr"].is_null()),
        (true, true, true)
    );
    close(&g1a["required"], 110.0, 1e-12);
    // No target: required, ratio and required CAGR null.
    let g3b = st(&r, 0, "indicators", "G3-b");
    assert!(g3b["required"].is_null() && g3b["ratio"].is_null() && g3b["required_cagr"].is_null());
    close(&g3b["observed_cagr"], 0.01, 1e-12);
    // No data: everything null.
    for k in all {
        assert!(st(&r, 0, "indicators", "G3-c")[k].is_null(), "{k}");
    }
    // CAGR_T ≤ 0: both CAGRs, no ratio.
    let g4a = st(&r, 0, "indicators", "G4-a");
    assert!(g4a["ratio"].is_null());
    close(&g4a["required_cagr"], -0.0127415, 1e-6);
    close(&g4a["observed_cagr"], -0.1, 1e-12);
    close(&st(&r, 0, "indicators", "G4-b")["required_cagr"], 0.0, 0.0);
    // Missed: observed in T, no CAGR.
    let g6a = st(&r, 0, "indicators", "G6-a");
    assert_eq!(g6a["observed_year"], 2027);
    close(&g6a["observed"], 120.0, 1e-12);
    assert!(g6a["ratio"].is_null() && g6a["observed_cagr"].is_null());
    let g6a31 = st(&r, 1, "indicators", "G6-a");
    close(&g6a31["ratio"], 1.648724, 1e-5);
    close(&g6a31["required"], 125.0, 1e-12);
}

/// Goals and the index, by hand (arithmetic means, every weight 1):
/// - G1: actual 2024 (110 + 106)/2 = 108, plan 2027 (110 + 124)/2 = 117,
///   CAGR_T = 1.17^(1/4) − 1 = 0.0400314, R = 0.08 / 0.0400314 = 1.998: on_track;
/// - G3: actual (102 + 101)/2 = 101.5 (G3-c has none), plan (124 + 100 + 100)/3 = 108
///   (an indicator without target is planned flat at 100), CAGR_T = 0.0194265,
///   R = 0.015 / 0.0194265 = 0.772: acceleration_needed;
/// - G5: no target at all, CAGR (102 + 100.3 + 99.5)/3/100 − 1 = 0.006: acceleration_needed;
/// - G6: actual 2027 (120 + 126)/2 = 123, plan 125: missed;
/// - index: the latest actual year is 2027 (G6 alone, 123): 2027 → 123 < 130 missed;
///   2031 → CAGRᵢ = 1.23^(1/4) − 1 = 0.0531162, CAGR_T = 1.35^(1/8) − 1 = 0.0382256,
///   R = 1.3895: on_track.
#[test]
fn goals_and_the_index() {
    let r = report(&load(&doc(&["goal"])), &Scenario::default());
    assert_eq!(st(&r, 0, "goals", "G1")["status"], "on_track");
    close(&st(&r, 0, "goals", "G1")["ratio"], 1.998430, 1e-5);
    assert_eq!(st(&r, 0, "goals", "G3")["status"], "acceleration_needed");
    close(&st(&r, 0, "goals", "G3")["ratio"], 0.772139, 1e-5);
    assert_eq!(st(&r, 0, "goals", "G5")["status"], "acceleration_needed");
    assert!(st(&r, 0, "goals", "G5")["required"].is_null());
    close(&st(&r, 0, "goals", "G5")["observed_cagr"], 0.006, 1e-12);
    assert_eq!(st(&r, 0, "goals", "G6")["status"], "missed");
    let ix = st(&r, 0, "index", "");
    assert_eq!(ix["status"], "missed");
    close(&ix["observed"], 123.0, 1e-12);
    close(&ix["required"], 130.0, 0.0);
    let ix31 = st(&r, 1, "index", "");
    assert_eq!(ix31["status"], "on_track");
    close(&ix31["ratio"], 1.389545, 1e-5);
    close(&ix31["required"], 135.0, 0.0);
}

/// With policies: P1 = G1, G2, G3. Actual 2024 (108 + 101 + 101.5)/3 = 103.5,
/// plan 2027 (117 + 124 + 108)/3 = 116.333, CAGR_T = 0.0385467,
/// R = 0.035 / 0.0385467 = 0.908: acceleration_needed.
#[test]
fn policies_when_via_has_them() {
    let r = report(&load(&doc(&["goal", "policy"])), &Scenario::default());
    let p1 = st(&r, 0, "policies", "P1");
    assert_eq!(p1["status"], "acceleration_needed");
    close(&p1["ratio"], 0.907989, 1e-5);
    close(&p1["observed"], 103.5, 1e-12);
    assert!(r["milestones"][0]["policies"]["P2"].is_object());
}

/// A scenario target gives G5-a a required score: 102 ≥ 102 before T is achieved (it
/// was judged by growth alone); a scenario value of 125 in 2024 for G2-a is ≥ its
/// required 124 before T: achieved (it needed acceleration).
#[test]
fn a_scenario_counts() {
    let ds = load(&doc(&["goal"]));
    let sc = json!({ "format": "vision-index-scenario/1",
        "targets": [ { "indicator": "G5-a", "year": 2027, "value": 102 } ],
        "values": [ { "indicator": "G2-a", "year": 2024, "value": 125 } ] });
    let sc = scenario_from_value(&sc, &ds).expect("valid").value;
    let r = report(&ds, &sc);
    assert_eq!(st(&r, 0, "indicators", "G5-a")["status"], "achieved");
    // 125 ≥ 124 before T: achieved.
    assert_eq!(st(&r, 0, "indicators", "G2-a")["status"], "achieved");
}

#[test]
fn the_rule_at_its_thresholds() {
    let years: Vec<i32> = (2023..=2031).collect();
    let at = |y: f64| -> Vec<Option<f64>> { years.iter().map(|&t| (t == 2024).then_some(y)).collect() };
    // Required 100·(1.1)^4 in 2027: CAGR_T = 0.1, so R = (y − 100)/10.
    let req = 100.0 * 1.1f64.powi(4);
    let grade = |y: f64| judge(&years, &at(y), 2023, 2027, Some(req)).status;
    assert_eq!(grade(109.6), Status::OnTrack); // R = 0.96
    assert_eq!(grade(109.4), Status::AccelerationNeeded); // R = 0.94
    assert_eq!(grade(106.1), Status::AccelerationNeeded); // R = 0.61
    assert_eq!(grade(105.9), Status::Limited); // R = 0.59
    assert_eq!(grade(100.0), Status::Limited); // R = 0
    assert_eq!(grade(99.9), Status::Deterioration);
    assert_eq!(grade(req), Status::Achieved);
    // Without a target: CAGR = y/100 − 1.
    let growth = |y: f64| judge(&years, &at(y), 2023, 2027, None).status;
    assert_eq!(growth(101.6), Status::OnTrack);
    assert_eq!(growth(101.4), Status::AccelerationNeeded);
    assert_eq!(growth(100.6), Status::AccelerationNeeded);
    assert_eq!(growth(100.4), Status::Limited);
    assert_eq!(growth(100.0), Status::Limited);
    assert_eq!(growth(99.0), Status::Deterioration);
    // The latest actual is after T but there is none in T (the project's reading):
    // the latest one is judged, 131 in 2028 ≥ 130 achieved, 129 missed.
    let late = |y: f64| -> Vec<Option<f64>> { years.iter().map(|&t| (t == 2028).then_some(y)).collect() };
    let j = judge(&years, &late(131.0), 2023, 2027, Some(130.0));
    assert_eq!((j.status, j.observed_year), (Status::Achieved, Some(2028)));
    assert_eq!(judge(&years, &late(129.0), 2023, 2027, Some(130.0)).status, Status::Missed);
    // Only the base year: no data.
    let base: Vec<Option<f64>> = years.iter().map(|&t| (t == 2023).then_some(100.0)).collect();
    assert_eq!(judge(&years, &base, 2023, 2027, Some(130.0)).status, Status::NoData);
}

#[test]
fn status_names_come_from_one_table() {
    assert_eq!(
        Status::NAMES,
        ["achieved", "on_track", "acceleration_needed", "limited", "deterioration", "missed", "no_data"]
    );
    for s in Status::ALL {
        assert_eq!(Status::parse(s.name()), Some(s));
        assert_eq!(serde_json::to_value(s).expect("json"), json!(s.name()));
    }
}

#[test]
fn the_default_dataset_has_a_status_for_every_node() {
    let ds = dataset_from_value(
        &serde_json::from_slice(
            &std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/setagaya.json")).expect("file"),
        )
        .expect("json"),
    )
    .expect("valid")
    .value;
    let r: StatusReport = status(&ds, &Scenario::default());
    assert_eq!(r.milestones.len(), ds.index.milestones.len());
    for m in &r.milestones {
        assert_eq!(m.goals.0.len(), ds.goals.len());
        assert_eq!(m.index.required.is_some(), m.index.status != Status::NoData);
    }
}

// ---------------------------------------------------------------- command line

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use super::common::{code, run, DEFAULT};
    use serde_json::Value;

    #[test]
    fn status_prints_one_json_object() {
        let out = run(&["status", DEFAULT]);
        assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
        assert_eq!(v["format"], "vision-index-status/1");
        assert_eq!(v["milestones"][0]["year"], 2027);
        assert_eq!(v["milestones"][1]["target"], 135.0);
        // The same object as the library's.
        let ds = vision_index::load_dataset(
            &std::fs::read(format!("{}/{DEFAULT}", env!("CARGO_MANIFEST_DIR"))).expect("file"),
        )
        .expect("valid")
        .value;
        let lib = serde_json::to_value(vision_index::analysis::status::status(&ds, &Default::default())).expect("json");
        assert_eq!(v, lib);
    }

    #[test]
    fn status_with_a_scenario_and_bad_inputs() {
        let out = run(&[
            "status",
            "tests/fixtures/conformance/tiny.json",
            "--scenario",
            "tests/fixtures/conformance/tiny-scenario.json",
        ]);
        assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
        // A bad dataset: exit 1, problems on stderr, nothing on stdout.
        for bad in ["tests/fixtures/bad/truncated.json", "tests/fixtures/bad/dangling-ids.json", "no-such-file.json"] {
            let out = run(&["status", bad]);
            assert_eq!(code(&out), 1, "{bad}");
            assert!(out.stdout.is_empty() && !out.stderr.is_empty(), "{bad}");
        }
        let out = run(&["status", DEFAULT, "--scenario", "tests/fixtures/bad/unknown-indicator.scenario.json"]);
        assert_eq!(code(&out), 1);
        // Usage errors: exit 2.
        for args in [&["status"][..], &["status", DEFAULT, "--path", "plan"], &["status", DEFAULT, DEFAULT]] {
            let out = run(args);
            assert_eq!(code(&out), 2, "{args:?}");
            assert!(String::from_utf8_lossy(&out.stderr).contains("usage:"), "{args:?}");
        }
    }
}
