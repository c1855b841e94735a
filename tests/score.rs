#![cfg(not(target_arch = "wasm32"))]
//! One test per scoring rule of SPEC §3 (and the result of §5), each on a tiny
//! dataset whose numbers are computed by hand; then the `Engine` edit API.

use serde_json::{json, Value};
use vision_index::{
    dataset_from_value, load_scenario, scenario_from_value, score, Dataset, Engine, Level, Scenario, ScorePath,
    ScoreResult, Series,
};

// ---------------------------------------------------------------- helpers

/// A dataset: one policy P1, one goal G1, years 2023–2027 (base 2023), no
/// indicator; the top-level keys of `over` replace these (`index` key by key).
fn dataset(over: Value) -> Dataset {
    let mut v = json!({
        "format": "vision-index/1",
        "title": "t",
        "years": { "first": 2023, "last": 2027 },
        "index": { "name": "i", "base_year": 2023, "base_value": 100 },
        "policies": [ { "id": "P1", "name": "p1" } ],
        "goals": [ { "id": "G1", "policy": "P1", "name": "g1" } ],
        "indicators": []
    });
    for (k, x) in over.as_object().expect("an object") {
        if k == "index" {
            for (ik, ix) in x.as_object().expect("index is an object") {
                v["index"][ik] = ix.clone();
            }
        } else {
            v[k] = x.clone();
        }
    }
    dataset_from_value(&v).unwrap_or_else(|ps| panic!("invalid test dataset: {ps:#?}")).value
}

/// An outcome_long indicator of `goal` (up, weight 1) with extra fields.
fn ind(id: &str, goal: &str, baseline: f64, extra: Value) -> Value {
    let mut v = json!({ "id": id, "goal": goal, "name": id, "baseline": baseline });
    for (k, x) in extra.as_object().expect("an object") {
        v[k] = x.clone();
    }
    v
}

fn scenario(ds: &Dataset, v: Value) -> Scenario {
    let mut v = v;
    v["format"] = json!("vision-index-scenario/1");
    scenario_from_value(&v, ds).unwrap_or_else(|ps| panic!("invalid test scenario: {ps:#?}")).value
}

fn run(ds: &Dataset, path: ScorePath) -> ScoreResult {
    score(ds, &Scenario::default(), path)
}

fn series<'a>(list: &'a [Series], id: &str) -> &'a [Option<f64>] {
    &list.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no series {id}")).values
}

/// `got` equals `want` entry by entry, numbers to 1e-12 relative.
#[track_caller]
fn assert_series(got: &[Option<f64>], want: &[Option<f64>]) {
    assert_eq!(got.len(), want.len(), "got {got:?}, want {want:?}");
    for (g, w) in got.iter().zip(want) {
        match (g, w) {
            (Some(g), Some(w)) => assert!((g - w).abs() <= 1e-12 * w.abs().max(1.0), "got {got:?}, want {want:?}"),
            (None, None) => {}
            _ => panic!("got {got:?}, want {want:?}"),
        }
    }
}

#[track_caller]
fn assert_close(got: Option<f64>, want: f64) {
    assert_series(&[got], &[Some(want)]);
}

const N: Option<f64> = None;

/// Shorthand for a series of defined values.
fn s(xs: &[f64]) -> Vec<Option<f64>> {
    xs.iter().map(|&x| Some(x)).collect()
}

// ---------------------------------------------------------------- indicator scores

#[test]
fn up_score_is_100_x_over_b() {
    let ds =
        dataset(json!({ "indicators": [ind("a", "G1", 200.0, json!({ "values": { "2024": 230, "2025": 180 } }))] }));
    let r = run(&ds, ScorePath::Actual);
    assert_series(series(&r.indicators, "a"), &[Some(100.0), Some(115.0), Some(90.0), N, N]);
    assert_series(series(&r.goals, "G1"), &[Some(100.0), Some(115.0), Some(90.0), N, N]);
    assert_series(&r.index, &[Some(100.0), Some(115.0), Some(90.0), N, N]);
    assert!(r.warnings.is_empty());
}

#[test]
fn down_score_is_100_b_over_x() {
    let ds = dataset(json!({ "indicators": [ind("a", "G1", 12.0, json!({ "direction": "down",
        "values": { "2024": 10, "2025": 16, "2026": 3 } }))] }));
    let r = run(&ds, ScorePath::Actual);
    assert_series(&r.index, &[Some(100.0), Some(120.0), Some(75.0), Some(400.0), N]);
}

#[test]
fn down_with_zero_value_is_undefined_and_warned() {
    let ds = dataset(json!({ "indicators": [
        ind("a", "G1", 12.0, json!({ "direction": "down", "values": { "2024": 0, "2025": 6, "2026": 0 } })),
        ind("b", "G1", 100.0, json!({ "values": { "2024": 110, "2025": 90 } })),
    ] }));
    let r = run(&ds, ScorePath::Actual);
    assert_series(series(&r.indicators, "a"), &[Some(100.0), N, Some(200.0), N, N]);
    // 2024: only b counts; 2025: both.
    assert_series(&r.index, &[Some(100.0), Some(110.0), Some(145.0), N, N]);
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    let w = &r.warnings[0];
    assert_eq!((w.code(), w.path.as_str(), w.is_error()), ("score_undefined", "indicators[0]", false));
    assert!(w.en().contains("2024, 2026"), "{}", w.en());
    assert!(!w.ja().is_empty());
    // In the JSON result.
    let j = serde_json::to_value(&r).expect("json");
    assert_eq!(j["warnings"][0]["path"], "indicators[0]");
    assert_eq!(j["warnings"][0]["code"], "score_undefined");
    assert_eq!(j["indicators"]["a"][1], Value::Null);
}

#[test]
fn undefined_score_alone_leaves_the_index_null() {
    let ds = dataset(
        json!({ "indicators": [ind("a", "G1", 5.0, json!({ "direction": "down", "values": { "2024": 0 } }))] }),
    );
    for path in [ScorePath::Actual, ScorePath::Outlook, ScorePath::Trend] {
        let r = run(&ds, path);
        assert_eq!(r.index[1], None, "{path:?}");
        assert_eq!(r.goals[0].values[1], None);
        assert_eq!(r.warnings.iter().filter(|w| w.code() == "score_undefined").count(), 1);
    }
}

#[test]
fn cap_limits_indicator_scores() {
    let ds = dataset(json!({
        "index": { "method": { "cap": 110 } },
        "indicators": [
            ind("up", "G1", 100.0, json!({ "values": { "2024": 130, "2025": 90 } })),
            ind("down", "G1", 100.0, json!({ "direction": "down", "values": { "2024": 50, "2025": 125 } })),
        ]
    }));
    let r = run(&ds, ScorePath::Actual);
    assert_series(series(&r.indicators, "up"), &[Some(100.0), Some(110.0), Some(90.0), N, N]);
    assert_series(series(&r.indicators, "down"), &[Some(100.0), Some(110.0), Some(80.0), N, N]);
    assert_series(&r.index, &[Some(100.0), Some(110.0), Some(85.0), N, N]);
    // The scenario's cap replaces it; null removes it.
    let r = score(&ds, &scenario(&ds, json!({ "method": { "cap": 120 } })), ScorePath::Actual);
    assert_series(series(&r.indicators, "up"), &[Some(100.0), Some(120.0), Some(90.0), N, N]);
    let r = score(&ds, &scenario(&ds, json!({ "method": { "cap": null } })), ScorePath::Actual);
    assert_series(series(&r.indicators, "up"), &[Some(100.0), Some(130.0), Some(90.0), N, N]);
    assert_series(series(&r.indicators, "down"), &[Some(100.0), Some(200.0), Some(80.0), N, N]);
    assert_eq!(r.method.cap, None);
}

#[test]
fn cap_below_100_caps_the_base_year_too() {
    // s = min(s, cap) applies in every year (SPEC §3), the base year included.
    let ds = dataset(json!({ "index": { "method": { "cap": 80 } },
        "indicators": [ind("a", "G1", 100.0, json!({ "values": { "2024": 50 } }))] }));
    let r = run(&ds, ScorePath::Actual);
    assert_series(&r.index, &[Some(80.0), Some(50.0), N, N, N]);
}

// ---------------------------------------------------------------- aggregation

/// G1: a (weight 1) scores 120 and b (weight 3) scores 80 in 2024.
fn two_indicators(method: Value) -> Dataset {
    dataset(json!({
        "index": { "method": method },
        "indicators": [
            ind("a", "G1", 100.0, json!({ "values": { "2024": 120 } })),
            ind("b", "G1", 50.0, json!({ "weight": 3, "values": { "2024": 40 } })),
        ]
    }))
}

#[test]
fn arithmetic_aggregation() {
    let r = run(&two_indicators(json!({ "aggregate": "arithmetic" })), ScorePath::Actual);
    assert_close(r.goals[0].values[1], (120.0 + 3.0 * 80.0) / 4.0);
    assert_close(r.index[1], 90.0);
    assert_close(r.index[0], 100.0);
}

#[test]
fn geometric_aggregation() {
    let r = run(&two_indicators(json!({ "aggregate": "geometric" })), ScorePath::Actual);
    let want = (120f64.ln() * 0.25 + 80f64.ln() * 0.75).exp();
    assert_close(r.goals[0].values[1], want);
    assert_close(r.index[1], want);
    assert!(want < 90.0, "below the arithmetic mean");
    assert_close(r.index[0], 100.0);
    // A scenario can switch it.
    let ds = two_indicators(json!({}));
    let r = score(&ds, &scenario(&ds, json!({ "method": { "aggregate": "geometric" } })), ScorePath::Actual);
    assert_close(r.index[1], want);
}

#[test]
fn geometric_with_a_zero_score_is_zero() {
    let ds = dataset(json!({
        "index": { "method": { "aggregate": "geometric" } },
        "goals": [ { "id": "G1", "policy": "P1", "name": "g1" }, { "id": "G2", "policy": "P1", "name": "g2" } ],
        "indicators": [
            ind("a", "G1", 100.0, json!({ "values": { "2024": 0 } })),
            ind("b", "G1", 100.0, json!({ "values": { "2024": 150 } })),
            ind("c", "G2", 100.0, json!({ "values": { "2024": 150 } })),
        ]
    }));
    let r = run(&ds, ScorePath::Actual);
    assert_eq!(series(&r.indicators, "a")[1], Some(0.0));
    assert_eq!(series(&r.goals, "G1")[1], Some(0.0));
    assert_close(series(&r.goals, "G2")[1], 150.0);
    assert_eq!(r.index[1], Some(0.0));
    // A zero score with weight 0 is left out instead.
    let r = score(&ds, &scenario(&ds, json!({ "weights": { "indicators": { "a": 0 } } })), ScorePath::Actual);
    assert_close(r.index[1], 150.0);
    // Arithmetic: the zero just counts.
    let r = score(&ds, &scenario(&ds, json!({ "method": { "aggregate": "arithmetic" } })), ScorePath::Actual);
    assert_close(series(&r.goals, "G1")[1], 75.0);
    assert_close(r.index[1], 112.5);
}

#[test]
fn indicator_weights_from_dataset_then_scenario() {
    let ds = two_indicators(json!({}));
    assert_close(run(&ds, ScorePath::Actual).index[1], 90.0);
    let r = score(&ds, &scenario(&ds, json!({ "weights": { "indicators": { "b": 1 } } })), ScorePath::Actual);
    assert_close(r.index[1], 100.0);
    // Weight 0 leaves the child out.
    let r = score(&ds, &scenario(&ds, json!({ "weights": { "indicators": { "b": 0 } } })), ScorePath::Actual);
    assert_close(r.index[1], 120.0);
    // The indicator's own score is still reported.
    assert_close(series(&r.indicators, "b")[1], 80.0);
    // Every child weight 0: the goal, then the index, have no score.
    let r = score(&ds, &scenario(&ds, json!({ "weights": { "indicators": { "a": 0, "b": 0 } } })), ScorePath::Actual);
    assert_eq!(r.goals[0].values, vec![N; 5]);
    assert_eq!(r.index, vec![N; 5]);
}

#[test]
fn dataset_weight_zero_leaves_the_child_out() {
    let ds = dataset(json!({ "indicators": [
        ind("a", "G1", 100.0, json!({ "values": { "2024": 120 } })),
        ind("b", "G1", 100.0, json!({ "weight": 0, "values": { "2024": 10 } })),
    ] }));
    assert_close(run(&ds, ScorePath::Actual).index[1], 120.0);
    // A scenario weight can bring it back.
    let r = score(&ds, &scenario(&ds, json!({ "weights": { "indicators": { "b": 1 } } })), ScorePath::Actual);
    assert_close(r.index[1], 65.0);
}

/// Three goals: G1 (P1) 120, G2 (P1) 80, G3 (P2) 130 in 2024.
fn three_goals(method: Value, goal_weights: [f64; 3], policy_weights: [f64; 2]) -> Dataset {
    dataset(json!({
        "index": { "method": method },
        "policies": [
            { "id": "P1", "name": "p1", "weight": policy_weights[0] },
            { "id": "P2", "name": "p2", "weight": policy_weights[1] }
        ],
        "goals": [
            { "id": "G1", "policy": "P1", "name": "g1", "weight": goal_weights[0] },
            { "id": "G2", "policy": "P1", "name": "g2", "weight": goal_weights[1] },
            { "id": "G3", "policy": "P2", "name": "g3", "weight": goal_weights[2] }
        ],
        "indicators": [
            ind("a", "G1", 100.0, json!({ "values": { "2024": 120 } })),
            ind("b", "G2", 100.0, json!({ "values": { "2024": 80 } })),
            ind("c", "G3", 100.0, json!({ "values": { "2024": 130 } })),
        ]
    }))
}

#[test]
fn via_goal_combines_goals_and_leaves_policies_empty() {
    let ds = three_goals(json!({ "via": ["goal"] }), [1.0; 3], [1.0; 2]);
    let r = run(&ds, ScorePath::Actual);
    assert_close(r.index[1], 110.0);
    assert!(r.policies.is_empty());
    let j = serde_json::to_value(&r).expect("json");
    assert_eq!(j["policies"], json!({}));
    assert_eq!(j["goals"].as_object().map(|m| m.len()), Some(3));
}

#[test]
fn via_goal_and_policy_combines_policies() {
    let ds = three_goals(json!({ "via": ["goal", "policy"] }), [1.0; 3], [1.0; 2]);
    let r = run(&ds, ScorePath::Actual);
    assert_close(series(&r.policies, "P1")[1], 100.0);
    assert_close(series(&r.policies, "P2")[1], 130.0);
    assert_close(r.index[1], 115.0);
    assert_eq!(r.policies.len(), 2);
    // A scenario can switch the route either way.
    let r = score(&ds, &scenario(&ds, json!({ "method": { "via": ["goal"] } })), ScorePath::Actual);
    assert_close(r.index[1], 110.0);
    assert!(r.policies.is_empty());
}

#[test]
fn goal_weights_from_dataset_then_scenario() {
    let ds = three_goals(json!({}), [1.0, 3.0, 0.0], [1.0; 2]);
    // G3 (weight 0) is out: (120 + 3·80) / 4.
    assert_close(run(&ds, ScorePath::Actual).index[1], 90.0);
    let sc = scenario(&ds, json!({ "weights": { "goals": { "G2": 1, "G3": 2 } } }));
    assert_close(score(&ds, &sc, ScorePath::Actual).index[1], (120.0 + 80.0 + 2.0 * 130.0) / 4.0);
    // Goal weights weigh goals within their policy too.
    let ds = three_goals(json!({ "via": ["goal", "policy"] }), [1.0, 3.0, 1.0], [1.0; 2]);
    let r = run(&ds, ScorePath::Actual);
    assert_close(series(&r.policies, "P1")[1], 90.0);
    assert_close(r.index[1], 110.0);
}

#[test]
fn policy_weights_from_dataset_then_scenario() {
    let ds = three_goals(json!({ "via": ["goal", "policy"] }), [1.0; 3], [1.0, 3.0]);
    assert_close(run(&ds, ScorePath::Actual).index[1], (100.0 + 3.0 * 130.0) / 4.0);
    let sc = scenario(&ds, json!({ "weights": { "policies": { "P2": 0 } } }));
    let r = score(&ds, &sc, ScorePath::Actual);
    assert_close(r.index[1], 100.0);
    assert_close(series(&r.policies, "P2")[1], 130.0);
    // Policy weights do not matter when via has no policy.
    let r = score(&ds, &scenario(&ds, json!({ "method": { "via": ["goal"] } })), ScorePath::Actual);
    assert_close(r.index[1], 110.0);
}

#[test]
fn only_outcome_long_indicators_enter_the_index() {
    let ds = dataset(json!({ "indicators": [
        ind("a", "G1", 100.0, json!({ "values": { "2024": 120 } })),
        ind("b", "G1", 100.0, json!({ "stage": "behavior", "values": { "2024": 1000 } })),
        ind("c", "G1", 100.0, json!({ "stage": "outcome_short", "values": { "2024": 500 } })),
    ] }));
    let r = run(&ds, ScorePath::Actual);
    assert_close(r.index[1], 120.0);
    let ids: Vec<&str> = r.indicators.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a"]);
    // Weights on them change nothing.
    let sc = scenario(&ds, json!({ "weights": { "indicators": { "b": 5, "c": 5 } } }));
    assert_eq!(score(&ds, &sc, ScorePath::Actual).index, r.index);
}

#[test]
fn node_without_scored_child_has_no_score() {
    let ds = dataset(json!({
        "goals": [ { "id": "G1", "policy": "P1", "name": "g1" }, { "id": "G2", "policy": "P1", "name": "g2" } ],
        "indicators": [
            ind("a", "G1", 100.0, json!({ "values": { "2024": 120 } })),
            ind("b", "G2", 100.0, json!({ "stage": "behavior", "values": { "2024": 1 } })),
        ]
    }));
    let r = run(&ds, ScorePath::Actual);
    assert_eq!(series(&r.goals, "G2"), &[N; 5]);
    assert_series(&r.index, &[Some(100.0), Some(120.0), N, N, N]);
    // The JSON writes null where there is no score.
    let j = serde_json::to_value(&r).expect("json");
    assert_eq!(j["index"], json!([100.0, 120.0, null, null, null]));
    assert_eq!(j["goals"]["G2"], json!([null, null, null, null, null]));
}

#[test]
fn no_outcome_indicator_at_all_gives_a_null_index() {
    let ds = dataset(json!({ "indicators": [ind("b", "G1", 100.0, json!({ "stage": "behavior" }))] }));
    for path in [ScorePath::Actual, ScorePath::Plan, ScorePath::Outlook, ScorePath::Trend] {
        let r = run(&ds, path);
        assert_eq!(r.index, vec![N; 5]);
        assert!(r.indicators.is_empty());
    }
}

// ---------------------------------------------------------------- paths

/// One indicator (baseline 100) over 2023–2029.
fn one(extra: Value) -> Dataset {
    dataset(json!({ "years": { "first": 2023, "last": 2029 }, "indicators": [ind("a", "G1", 100.0, extra)] }))
}

#[test]
fn actual_path_has_only_anchor_years() {
    let ds = one(json!({ "values": { "2025": 110, "2028": 90 }, "targets": { "2027": 130 } }));
    let r = run(&ds, ScorePath::Actual);
    assert_series(&r.index, &[Some(100.0), N, Some(110.0), N, N, Some(90.0), N]);
    // Scenario values are anchors too, and replace reported values of the same year.
    let sc = scenario(
        &ds,
        json!({ "values": [ { "indicator": "a", "year": 2025, "value": 120 },
                                              { "indicator": "a", "year": 2026, "value": 125 } ] }),
    );
    assert_series(
        &score(&ds, &sc, ScorePath::Actual).index,
        &[Some(100.0), N, Some(120.0), Some(125.0), N, Some(90.0), N],
    );
}

#[test]
fn plan_path_interpolates_targets_and_holds_flat() {
    let ds = one(json!({ "values": { "2024": 500 }, "targets": { "2025": 120, "2027": 130 } }));
    let r = run(&ds, ScorePath::Plan);
    assert_series(&r.index, &s(&[100.0, 110.0, 120.0, 125.0, 130.0, 130.0, 130.0]));
    // Scenario targets replace dataset targets of the same year and add new anchors.
    let sc = scenario(
        &ds,
        json!({ "targets": [ { "indicator": "a", "year": 2027, "value": 150 },
                                               { "indicator": "a", "year": 2029, "value": 160 } ] }),
    );
    assert_series(&score(&ds, &sc, ScorePath::Plan).index, &s(&[100.0, 110.0, 120.0, 135.0, 150.0, 155.0, 160.0]));
    // Scenario values do not touch the plan.
    let sc = scenario(&ds, json!({ "values": [ { "indicator": "a", "year": 2025, "value": 1 } ] }));
    assert_eq!(score(&ds, &sc, ScorePath::Plan).index, r.index);
}

#[test]
fn plan_without_targets_is_flat_at_the_baseline() {
    let r = run(&one(json!({ "values": { "2024": 500 } })), ScorePath::Plan);
    assert_series(&r.index, &s(&[100.0; 7]));
}

#[test]
fn outlook_path_continues_actuals_with_later_targets() {
    let ds = one(json!({ "values": { "2024": 104 }, "targets": { "2024": 999, "2026": 110, "2028": 120 } }));
    let r = run(&ds, ScorePath::Outlook);
    // 2024's target is not after the last actual: ignored.
    assert_series(&r.index, &s(&[100.0, 104.0, 107.0, 110.0, 115.0, 120.0, 120.0]));
    // A scenario value moves the last actual; targets before it drop out.
    let sc = scenario(&ds, json!({ "values": [ { "indicator": "a", "year": 2026, "value": 108 } ] }));
    assert_series(&score(&ds, &sc, ScorePath::Outlook).index, &s(&[100.0, 104.0, 106.0, 108.0, 114.0, 120.0, 120.0]));
    // A scenario target replaces a dataset target.
    let sc = scenario(&ds, json!({ "targets": [ { "indicator": "a", "year": 2028, "value": 140 } ] }));
    assert_series(&score(&ds, &sc, ScorePath::Outlook).index, &s(&[100.0, 104.0, 107.0, 110.0, 125.0, 140.0, 140.0]));
    // Without actuals, the outlook is the plan.
    let ds = one(json!({ "targets": { "2025": 120, "2027": 130 } }));
    assert_eq!(run(&ds, ScorePath::Outlook).index, run(&ds, ScorePath::Plan).index);
}

#[test]
fn trend_path_extends_with_the_least_squares_slope() {
    // Anchors (2023, 100), (2024, 104), (2025, 106): slope 3.
    let ds = one(json!({ "values": { "2024": 104, "2025": 106 }, "targets": { "2027": 500 } }));
    let r = run(&ds, ScorePath::Trend);
    assert_series(&r.index, &s(&[100.0, 104.0, 106.0, 109.0, 112.0, 115.0, 118.0]));
    // Gaps between anchors are interpolated; the slope uses the anchors only.
    let ds = one(json!({ "values": { "2025": 110 } }));
    assert_series(&run(&ds, ScorePath::Trend).index, &s(&[100.0, 105.0, 110.0, 115.0, 120.0, 125.0, 130.0]));
    // Scenario values are anchors.
    let sc = scenario(&ds, json!({ "values": [ { "indicator": "a", "year": 2024, "value": 90 } ] }));
    // (2023, 100), (2024, 90), (2025, 110): slope 5.
    assert_series(&score(&ds, &sc, ScorePath::Trend).index, &s(&[100.0, 90.0, 110.0, 115.0, 120.0, 125.0, 130.0]));
}

#[test]
fn trend_path_is_floored_at_zero() {
    // (2023, 100), (2024, 50), (2025, 10): slope −45.
    let ds = one(json!({ "values": { "2024": 50, "2025": 10 } }));
    let r = run(&ds, ScorePath::Trend);
    assert_series(&r.index, &s(&[100.0, 50.0, 10.0, 0.0, 0.0, 0.0, 0.0]));
    // For "down", a value floored at 0 has no score.
    let ds = one(json!({ "direction": "down", "values": { "2024": 50, "2025": 10 } }));
    let r = run(&ds, ScorePath::Trend);
    assert_series(&r.index, &[Some(100.0), Some(200.0), Some(1000.0), N, N, N, N]);
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].code(), "score_undefined");
}

#[test]
fn trend_with_only_the_baseline_is_flat() {
    let r = run(&one(json!({ "targets": { "2027": 200 } })), ScorePath::Trend);
    assert_series(&r.index, &s(&[100.0; 7]));
}

#[test]
fn years_before_the_base_year_have_no_value() {
    let ds = dataset(json!({
        "years": { "first": 2021, "last": 2025 },
        "index": { "base_year": 2023 },
        "indicators": [ind("a", "G1", 100.0, json!({ "values": { "2022": 50, "2024": 110 }, "targets": { "2021": 10, "2025": 120 } }))]
    }));
    for path in [ScorePath::Actual, ScorePath::Plan, ScorePath::Outlook, ScorePath::Trend] {
        let r = run(&ds, path);
        assert_eq!(r.years, vec![2021, 2022, 2023, 2024, 2025]);
        assert_eq!(&r.index[..2], &[N, N], "{path:?}");
        assert_eq!(&series(&r.indicators, "a")[..2], &[N, N], "{path:?}");
        assert_close(r.index[2], 100.0);
    }
    // Values before the base year are not anchors.
    assert_series(&run(&ds, ScorePath::Trend).index, &[N, N, Some(100.0), Some(110.0), Some(120.0)]);
    assert_series(&run(&ds, ScorePath::Plan).index, &[N, N, Some(100.0), Some(110.0), Some(120.0)]);
}

// ---------------------------------------------------------------- milestones

#[test]
fn milestones_value_gap_met() {
    // Plan: 100 → 130 in 2027, so 115 in 2025 and 122.5 in 2026.
    let ds = dataset(json!({
        "index": { "milestones": [
            { "year": 2025, "value": 115 },
            { "year": 2026, "value": 130 },
            { "year": 2027, "value": 130.0000000005 }
        ] },
        "indicators": [ind("a", "G1", 100.0, json!({ "targets": { "2027": 130 } }))]
    }));
    let r = run(&ds, ScorePath::Plan);
    let m = &r.milestones;
    assert_eq!(m.len(), 3);
    assert_eq!((m[0].year, m[0].target), (2025, 115.0));
    assert_close(m[0].value, 115.0);
    assert_close(m[0].gap, 0.0);
    assert!(m[0].met);
    assert_close(m[1].value, 122.5);
    assert_close(m[1].gap, -7.5);
    assert!(!m[1].met);
    // Within 1e-9 below the target counts as met.
    assert_eq!(m[2].value, Some(130.0));
    assert!(m[2].gap.is_some_and(|g| g < 0.0 && g > -1e-9));
    assert!(m[2].met);
    // 2e-9 below does not.
    let ds = dataset(json!({
        "index": { "milestones": [ { "year": 2027, "value": 130.000000002 } ] },
        "indicators": [ind("a", "G1", 100.0, json!({ "targets": { "2027": 130 } }))]
    }));
    assert!(!run(&ds, ScorePath::Plan).milestones[0].met);
    // Above the target is met.
    let ds = dataset(json!({
        "index": { "milestones": [ { "year": 2027, "value": 129 } ] },
        "indicators": [ind("a", "G1", 100.0, json!({ "targets": { "2027": 130 } }))]
    }));
    let m = &run(&ds, ScorePath::Plan).milestones[0];
    assert!(m.met);
    assert_close(m.gap, 1.0);
}

#[test]
fn milestone_without_an_index_value_is_null() {
    let ds = dataset(json!({
        "index": { "milestones": [ { "year": 2027, "value": 130 } ] },
        "indicators": [ind("a", "G1", 100.0, json!({ "values": { "2024": 110 }, "targets": { "2027": 130 } }))]
    }));
    let r = run(&ds, ScorePath::Actual);
    let m = &r.milestones[0];
    assert_eq!((m.value, m.gap, m.met), (None, None, false));
    let j = serde_json::to_value(&r).expect("json");
    assert_eq!(j["milestones"], json!([{ "year": 2027, "target": 130.0, "value": null, "gap": null, "met": false }]));
    // The same milestone on the plan path is met.
    assert!(run(&ds, ScorePath::Plan).milestones[0].met);
}

#[test]
fn base_year_index_is_100_whatever_the_weights() {
    for aggregate in ["arithmetic", "geometric"] {
        for via in [json!(["goal"]), json!(["goal", "policy"])] {
            let ds = dataset(json!({
                "index": { "base_value": 120, "method": { "aggregate": aggregate, "via": via } },
                "policies": [ { "id": "P1", "name": "p1", "weight": 0.3 }, { "id": "P2", "name": "p2", "weight": 7 } ],
                "goals": [
                    { "id": "G1", "policy": "P1", "name": "g1", "weight": 2.5 },
                    { "id": "G2", "policy": "P2", "name": "g2", "weight": 0 },
                    { "id": "G3", "policy": "P2", "name": "g3", "weight": 11 }
                ],
                "indicators": [
                    ind("a", "G1", 0.37, json!({ "weight": 3.3, "values": { "2024": 5 } })),
                    ind("b", "G1", 1234.5, json!({ "weight": 0.01, "direction": "down", "targets": { "2027": 1 } })),
                    ind("c", "G2", 7.0, json!({ "weight": 9 })),
                    ind("d", "G3", 1e-3, json!({ "weight": 0.7, "direction": "down", "values": { "2025": 0 } })),
                ]
            }));
            for path in [ScorePath::Actual, ScorePath::Plan, ScorePath::Outlook, ScorePath::Trend] {
                let r = run(&ds, path);
                assert_close(r.index[0], 100.0);
                for node in r.goals.iter().chain(&r.policies).chain(&r.indicators) {
                    assert_close(node.values[0], 100.0);
                }
            }
        }
    }
}

// ---------------------------------------------------------------- the result (SPEC §5)

#[test]
fn result_json_has_the_spec_shape() {
    let ds = dataset(json!({
        "index": { "milestones": [ { "year": 2027, "value": 130 } ], "method": { "via": ["goal", "policy"] } },
        "indicators": [
            ind("a", "G1", 100.0, json!({ "values": { "2024": 110 }, "targets": { "2027": 130 } })),
            ind("b", "G1", 100.0, json!({ "stage": "behavior" })),
        ]
    }));
    let r = run(&ds, ScorePath::Plan);
    let j: Value = serde_json::from_str(&r.to_json()).expect("to_json is JSON");
    assert_eq!(j, serde_json::to_value(&r).expect("json"));
    for k in ["format", "path", "years", "index", "policies", "goals", "indicators", "milestones", "warnings"] {
        assert!(j.get(k).is_some(), "no {k}");
    }
    assert_eq!(j["format"], "vision-index-result/1");
    assert_eq!(j["path"], "plan");
    assert_eq!(j["years"], json!([2023, 2024, 2025, 2026, 2027]));
    assert_eq!(j["index"], json!([100.0, 107.5, 115.0, 122.5, 130.0]));
    assert_eq!(j["policies"], json!({ "P1": [100.0, 107.5, 115.0, 122.5, 130.0] }));
    assert_eq!(j["goals"], json!({ "G1": [100.0, 107.5, 115.0, 122.5, 130.0] }));
    assert_eq!(j["indicators"], json!({ "a": [100.0, 107.5, 115.0, 122.5, 130.0] }), "outcome_long only");
    assert_eq!(j["milestones"], json!([{ "year": 2027, "target": 130.0, "value": 130.0, "gap": 0.0, "met": true }]));
    assert_eq!(j["warnings"], json!([]));
    for (path, name) in [(ScorePath::Actual, "actual"), (ScorePath::Outlook, "outlook"), (ScorePath::Trend, "trend")] {
        assert_eq!(serde_json::to_value(run(&ds, path)).expect("json")["path"], name);
    }
}

#[test]
fn result_numbers_are_full_precision() {
    // 100 · 1 / 3 is not rounded.
    let ds = dataset(json!({ "indicators": [ind("a", "G1", 3.0, json!({ "values": { "2024": 1 } }))] }));
    let j: Value = serde_json::from_str(&run(&ds, ScorePath::Actual).to_json()).expect("json");
    assert_eq!(j["index"][1].as_f64(), Some(100.0 / 3.0));
}

// ---------------------------------------------------------------- the engine

/// Two goals, three outcome indicators, years 2023–2029, a cap, milestones.
fn engine_dataset() -> Dataset {
    dataset(json!({
        "years": { "first": 2023, "last": 2029 },
        "index": { "milestones": [ { "year": 2027, "value": 130 } ], "method": { "cap": 200 } },
        "policies": [ { "id": "P1", "name": "p1" }, { "id": "P2", "name": "p2" } ],
        "goals": [ { "id": "G1", "policy": "P1", "name": "g1" }, { "id": "G2", "policy": "P2", "name": "g2", "weight": 2 } ],
        "indicators": [
            ind("a", "G1", 100.0, json!({ "values": { "2024": 110 }, "targets": { "2027": 130, "2029": 140 } })),
            ind("b", "G1", 20.0, json!({ "direction": "down", "values": { "2024": 18 }, "targets": { "2027": 15 } })),
            ind("c", "G2", 50.0, json!({ "weight": 2, "targets": { "2027": 65 } })),
        ]
    }))
}

fn all_paths(e: &mut Engine) -> Vec<ScoreResult> {
    [ScorePath::Actual, ScorePath::Plan, ScorePath::Outlook, ScorePath::Trend]
        .into_iter()
        .map(|p| {
            let full = e.score(p);
            assert_eq!(e.rescore(p), &full, "incremental = full on {p:?}");
            full
        })
        .collect()
}

#[test]
fn engine_set_target_and_set_value() {
    let ds = engine_dataset();
    let mut e = Engine::new(ds.clone());
    let before = e.score(ScorePath::Plan);
    e.set_target("a", 2027, Some(160.0)).expect("valid edit");
    let want = score(
        &ds,
        &scenario(&ds, json!({ "targets": [ { "indicator": "a", "year": 2027, "value": 160 } ] })),
        ScorePath::Plan,
    );
    assert_eq!(e.rescore(ScorePath::Plan), &want);
    assert_ne!(want.index, before.index);
    assert_close(series(&want.indicators, "a")[4], 160.0);
    // Setting again replaces; None removes.
    e.set_target("a", 2027, Some(170.0)).expect("valid edit");
    assert_eq!(e.scenario().targets.len(), 1);
    assert_close(series(&e.rescore(ScorePath::Plan).indicators, "a")[4], 170.0);
    e.set_target("a", 2027, None).expect("valid edit");
    assert!(e.scenario().targets.is_empty());
    assert_eq!(e.rescore(ScorePath::Plan), &before);
    // Values.
    e.set_value("c", 2025, Some(55.0)).expect("valid edit");
    assert_close(series(&e.rescore(ScorePath::Actual).indicators, "c")[2], 110.0);
    assert_eq!(e.scenario().values.len(), 1);
    all_paths(&mut e);
}

#[test]
fn engine_set_weight_and_set_cap() {
    let ds = engine_dataset();
    let mut e = Engine::new(ds.clone());
    e.set_weight(Level::Goal, "G2", Some(0.0)).expect("valid edit");
    let r = e.rescore(ScorePath::Plan).clone();
    assert_eq!(r.index, r.goals[0].values, "G2 out: the index is G1");
    e.set_weight(Level::Indicator, "b", Some(0.0)).expect("valid edit");
    let a = series(&e.score(ScorePath::Plan).indicators, "a").to_vec();
    assert_eq!(e.rescore(ScorePath::Plan).index, a, "b out too: the index is a");
    e.set_weight(Level::Policy, "P1", Some(3.0)).expect("valid edit");
    assert_eq!(e.scenario().weights.policies.get("P1"), Some(&3.0));
    e.set_weight(Level::Goal, "G2", None).expect("valid edit");
    assert!(!e.scenario().weights.goals.contains_key("G2"));
    // Cap: the dataset's is 200; a lower one, none, and back.
    let ds_b = engine_dataset();
    let mut e = Engine::new(ds_b);
    e.set_value("a", 2025, Some(300.0)).expect("valid edit");
    assert_close(series(&e.rescore(ScorePath::Actual).indicators, "a")[2], 200.0);
    e.set_cap(Some(Some(150.0))).expect("valid edit");
    assert_close(series(&e.rescore(ScorePath::Actual).indicators, "a")[2], 150.0);
    e.set_cap(Some(None)).expect("valid edit");
    assert_close(series(&e.rescore(ScorePath::Actual).indicators, "a")[2], 300.0);
    e.set_cap(None).expect("valid edit");
    assert_close(series(&e.rescore(ScorePath::Actual).indicators, "a")[2], 200.0);
    all_paths(&mut e);
}

#[test]
fn engine_reset_indicator_and_reset_all() {
    let ds = engine_dataset();
    let mut e = Engine::new(ds.clone());
    let base = all_paths(&mut e);
    e.set_target("a", 2027, Some(1.0)).expect("edit");
    e.set_value("a", 2025, Some(2.0)).expect("edit");
    e.set_weight(Level::Indicator, "a", Some(4.0)).expect("edit");
    e.set_target("c", 2029, Some(80.0)).expect("edit");
    let with_c = score(
        &ds,
        &scenario(&ds, json!({ "targets": [ { "indicator": "c", "year": 2029, "value": 80 } ] })),
        ScorePath::Plan,
    );
    e.reset_indicator("a");
    assert_eq!(e.scenario().targets.len(), 1);
    assert!(e.scenario().values.is_empty() && e.scenario().weights.is_empty());
    assert_eq!(e.rescore(ScorePath::Plan), &with_c);
    e.reset_all();
    assert!(e.scenario().is_empty());
    assert_eq!(all_paths(&mut e), base);
}

#[test]
fn engine_refused_edits_change_nothing() {
    let ds = engine_dataset();
    let mut e = Engine::new(ds);
    e.set_target("a", 2027, Some(150.0)).expect("edit");
    e.set_weight(Level::Goal, "G1", Some(2.0)).expect("edit");
    let before = all_paths(&mut e);
    let sc = e.scenario().clone();
    let checks: Vec<(&str, &str, Result<(), vision_index::Problem>)> = vec![
        ("not_finite", "targets[1].value", e.set_target("a", 2028, Some(f64::NAN))),
        ("not_finite", "values[0].value", e.set_value("a", 2025, Some(f64::INFINITY))),
        ("negative", "targets[1].value", e.set_target("a", 2028, Some(-1.0))),
        ("negative", "values[0].value", e.set_value("b", 2025, Some(-0.5))),
        ("unknown_ref", "targets[1].indicator", e.set_target("zz", 2027, Some(1.0))),
        ("unknown_ref", "values[0].indicator", e.set_value("G1", 2027, Some(1.0))),
        ("year_range", "targets[1].year", e.set_target("a", 2030, Some(1.0))),
        ("year_range", "values[0].year", e.set_value("a", 2022, Some(1.0))),
        ("year_range", "values[0].year", e.set_value("a", i32::MIN, None)),
        ("not_finite", "weights.goals.G2", e.set_weight(Level::Goal, "G2", Some(f64::NAN))),
        ("weight_negative", "weights.indicators.a", e.set_weight(Level::Indicator, "a", Some(-1.0))),
        ("unknown_ref", "weights.policies.G1", e.set_weight(Level::Policy, "G1", Some(1.0))),
        ("unknown_ref", "weights.goals.G9", e.set_weight(Level::Goal, "G9", None)),
        ("not_finite", "method.cap", e.set_cap(Some(Some(f64::NAN)))),
        ("cap_not_positive", "method.cap", e.set_cap(Some(Some(0.0)))),
        ("cap_not_positive", "method.cap", e.set_cap(Some(Some(-5.0)))),
    ];
    for (code, path, got) in checks {
        let p = got.expect_err("refused");
        assert_eq!((p.code(), p.path.as_str()), (code, path), "{p:?}");
        assert!(p.is_error() && !p.ja().is_empty() && !p.en().is_empty());
    }
    assert_eq!(e.scenario(), &sc);
    assert_eq!(all_paths(&mut e), before);
}

#[test]
fn engine_replace_dataset() {
    let ds = engine_dataset();
    let mut e = Engine::new(ds.clone());
    e.set_target("a", 2027, Some(150.0)).expect("edit");
    let before = all_paths(&mut e);
    let sc = e.scenario().clone();
    // Refused: nothing changes.
    for bad in [&b"{"[..], b"[]", b"{\"format\": \"vision-index/1\"}", b"\x90\xA2"] {
        let ps = e.replace_dataset(bad).expect_err("refused");
        assert!(ps.iter().any(|p| p.is_error()));
        assert_eq!(e.dataset(), &ds);
        assert_eq!(e.scenario(), &sc);
        assert_eq!(all_paths(&mut e), before);
    }
    // Accepted, and the scenario still fits: kept.
    let mut v = serde_json::to_value(&ds).expect("json");
    v["indicators"][2]["baseline"] = json!(25);
    let w = e.replace_dataset(&serde_json::to_vec(&v).expect("json")).expect("valid");
    assert!(w.is_empty());
    assert_eq!(e.scenario(), &sc);
    assert_eq!(e.dataset().indicators[2].baseline, 25.0);
    let new_ds = e.dataset().clone();
    assert_eq!(e.rescore(ScorePath::Plan), &score(&new_ds, &sc, ScorePath::Plan));
    // Accepted, and the scenario no longer fits (indicator a gone): cleared.
    let mut v2 = v.clone();
    v2["indicators"].as_array_mut().expect("array").remove(0);
    e.replace_dataset(&serde_json::to_vec(&v2).expect("json")).expect("valid");
    assert!(e.scenario().is_empty());
    assert_eq!(e.dataset().indicators.len(), 2);
    all_paths(&mut e);
}

#[test]
fn engine_apply_scenario() {
    let ds = engine_dataset();
    let mut e = Engine::new(ds.clone());
    let text = r#"{ "format": "vision-index-scenario/1", "targets": [ { "indicator": "c", "year": 2027, "value": 70 } ],
                   "weights": { "goals": { "G1": 3 } }, "method": { "aggregate": "geometric" } }"#;
    let w = e.apply_scenario(text.as_bytes()).expect("valid");
    assert!(w.is_empty());
    let sc = load_scenario(text.as_bytes(), &ds).expect("valid").value;
    assert_eq!(e.scenario(), &sc);
    let before = all_paths(&mut e);
    assert_eq!(before[1], score(&ds, &sc, ScorePath::Plan));
    // Refused: nothing changes.
    for bad in [
        r#"{ "format": "vision-index-scenario/1", "targets": [ { "indicator": "zz", "year": 2027, "value": 1 } ] }"#,
        r#"{ "format": "vision-index-scenario/1", "values": [ { "indicator": "a", "year": 2040, "value": 1 } ] }"#,
        r#"{ "format": "vision-index/1" }"#,
        r#"{ "format": "vision-index-scenario/1", "#,
    ] {
        let ps = e.apply_scenario(bad.as_bytes()).expect_err("refused");
        assert!(ps.iter().any(|p| p.is_error()));
        assert_eq!(e.scenario(), &sc);
        assert_eq!(all_paths(&mut e), before);
    }
}

#[test]
fn engine_scenario_is_data_that_reproduces_the_result() {
    let ds = engine_dataset();
    let mut e = Engine::new(ds.clone());
    e.set_target("a", 2027, Some(151.25)).expect("edit");
    e.set_target("c", 2029, Some(0.0)).expect("edit");
    e.set_value("b", 2025, Some(0.0)).expect("edit");
    e.set_value("a", 2026, Some(1.0 / 3.0)).expect("edit");
    e.set_weight(Level::Indicator, "b", Some(0.125)).expect("edit");
    e.set_weight(Level::Goal, "G2", Some(0.0)).expect("edit");
    e.set_weight(Level::Policy, "P2", Some(2.0)).expect("edit");
    e.set_cap(Some(None)).expect("edit");
    e.set_via(Some(vision_index::Via::GoalPolicy));
    e.set_aggregate(Some(vision_index::Aggregate::Geometric));
    let results = all_paths(&mut e);
    // Copy the scenario as JSON, load it into a fresh engine: the same result, bit for bit.
    let json = e.scenario().to_json();
    let mut fresh = Engine::new(ds.clone());
    assert_eq!(fresh.apply_scenario(json.as_bytes()).expect("valid"), vec![]);
    assert_eq!(fresh.scenario(), e.scenario());
    assert_eq!(all_paths(&mut fresh), results);
    // And through the plain function.
    let sc = load_scenario(json.as_bytes(), &ds).expect("valid").value;
    for (k, path) in [ScorePath::Actual, ScorePath::Plan, ScorePath::Outlook, ScorePath::Trend].into_iter().enumerate()
    {
        let r = score(&ds, &sc, path);
        assert_eq!(r, results[k]);
        assert_eq!(r.to_json(), results[k].to_json());
    }
    assert_eq!(results[0].method.cap, None);
}

/// JSON numbers must read back as the very doubles that were written: else a
/// copied scenario (or a dataset saved by a tool) does not reproduce its result
/// exactly. serde_json reads some numbers 1 ulp off unless its `float_roundtrip`
/// feature is on (e.g. "994.1414234139935" → 994.1414234139936).
#[test]
fn copied_scenario_reads_back_the_very_same_numbers() {
    let ds = engine_dataset();
    let mut e = Engine::new(ds.clone());
    for (k, x) in [994.1414234139935, 958.7872702291189, 114.28571428571429, 1.0 / 3.0, 0.1].into_iter().enumerate() {
        e.set_target("a", 2024 + k as i32, Some(x)).expect("edit");
    }
    let json = e.scenario().to_json();
    let mut fresh = Engine::new(ds.clone());
    fresh.apply_scenario(json.as_bytes()).expect("valid");
    assert_eq!(fresh.scenario(), e.scenario());
    assert_eq!(fresh.score(ScorePath::Plan), e.score(ScorePath::Plan));
    // A dataset written and read back is the same dataset.
    let mut v = serde_json::to_value(&ds).expect("json");
    v["indicators"][0]["baseline"] = json!(994.1414234139935);
    let once = dataset_from_value(&v).expect("valid").value;
    assert_eq!(once.indicators[0].baseline, 994.1414234139935);
}
