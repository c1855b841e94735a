//! Contributions (SPEC §8.3) worked out by hand, and the sum identity on the
//! default dataset for every path and year.

use serde_json::{json, Value};
use vision_index::analysis::contrib::{contrib, Contributions};
use vision_index::{dataset_from_value, scenario_from_value, Dataset, Scenario, ScorePath};

mod common;

fn load(v: &Value) -> Dataset {
    dataset_from_value(v).expect("valid").value
}

fn scenario(ds: &Dataset, v: Value) -> Scenario {
    scenario_from_value(&v, ds).expect("valid").value
}

#[track_caller]
fn close(x: Option<f64>, want: f64) {
    let x = x.expect("a number");
    assert!((x - want).abs() <= 1e-9, "{x} vs {want}");
}

fn of(map: &vision_index::analysis::status::ById<Option<f64>>, id: &str) -> Option<f64> {
    *map.get(id).unwrap_or_else(|| panic!("{id} listed"))
}

/// Via goals and policies, arithmetic, actuals in 2024:
/// - P1 (w 1): G1 (w 1) = G1-a 120, G1-b 55/50 → 110: (120 + 110)/2 = 115;
///   G2 (w 3) = G2-a (w 2) 90 alone (G2-b's only actual is in 2026: no score in 2024);
///   P1 = (115 + 3·90)/4 = 96.25;
/// - P2 (w 1): G3 = G3-b (down, 200/160 → 125; G3-a has weight 0), G4 (w 0) = 300;
///   P2 = 125;
/// - index = (96.25 + 125)/2 = 110.625, change 10.625.
///
/// ω: G1-a = G1-b = ½·¼·½ = 1/16; G2-a = 1·¾·½ = 3/8; G3-b = 1·1·½ = ½; G3-a, G4-a: 0.
/// c: G1-a 20/16 = 1.25, G1-b 10/16 = 0.625, G2-a −10·3/8 = −3.75, G3-b 25/2 = 12.5;
/// G1 1.875, G2 −3.75, G3 12.5, G4 0; P1 −1.875, P2 12.5; Σ = 10.625.
fn policies_doc() -> Value {
    json!({
        "format": "vision-index/1", "title": "t",
        "years": { "first": 2023, "last": 2027 },
        "index": { "name": "i", "base_year": 2023, "base_value": 100,
                   "method": { "via": ["goal", "policy"] } },
        "policies": [ { "id": "P1", "name": "p1" }, { "id": "P2", "name": "p2" } ],
        "goals": [ { "id": "G1", "policy": "P1", "name": "g" }, { "id": "G2", "policy": "P1", "name": "g", "weight": 3 },
                   { "id": "G3", "policy": "P2", "name": "g" }, { "id": "G4", "policy": "P2", "name": "g", "weight": 0 } ],
        "indicators": [
            { "id": "G1-a", "goal": "G1", "name": "x", "baseline": 100, "values": { "2024": 120 } },
            { "id": "G1-x", "goal": "G1", "name": "x", "baseline": 100, "stage": "behavior", "values": { "2024": 999 } },
            { "id": "G1-b", "goal": "G1", "name": "x", "baseline": 50, "values": { "2024": 55 } },
            { "id": "G2-a", "goal": "G2", "name": "x", "baseline": 100, "weight": 2, "values": { "2024": 90 } },
            { "id": "G2-b", "goal": "G2", "name": "x", "baseline": 100, "values": { "2026": 500 } },
            { "id": "G3-a", "goal": "G3", "name": "x", "baseline": 100, "weight": 0, "values": { "2024": 150 } },
            { "id": "G3-b", "goal": "G3", "name": "x", "baseline": 200, "direction": "down", "values": { "2024": 160 } },
            { "id": "G4-a", "goal": "G4", "name": "x", "baseline": 100, "values": { "2024": 300 } }
        ]
    })
}

#[test]
fn arithmetic_with_policies_a_weight_0_and_an_indicator_off_the_path() {
    let ds = load(&policies_doc());
    let c = contrib(&ds, &Scenario::default(), 2024, ScorePath::Actual).expect("a year of the dataset");
    close(c.index, 110.625);
    close(c.change, 10.625);
    for (id, want) in [("G1-a", 1.25), ("G1-b", 0.625), ("G2-a", -3.75), ("G3-a", 0.0), ("G3-b", 12.5), ("G4-a", 0.0)] {
        close(of(&c.indicators, id), want);
    }
    assert_eq!(of(&c.indicators, "G2-b"), None, "no score in 2024");
    assert!(c.indicators.get("G1-x").is_none(), "not outcome_long");
    for (id, want) in [("G1-a", 1.0 / 16.0), ("G2-a", 3.0 / 8.0), ("G3-a", 0.0), ("G3-b", 0.5), ("G4-a", 0.0)] {
        close(of(&c.weights, id), want);
    }
    for (id, want) in [("G1", 1.875), ("G2", -3.75), ("G3", 12.5), ("G4", 0.0)] {
        close(of(&c.goals, id), want);
    }
    close(of(&c.policies, "P1"), -1.875);
    close(of(&c.policies, "P2"), 12.5);
    let json = serde_json::to_value(&c).expect("json");
    assert_eq!(json["format"], "vision-index-contrib/1");
    assert_eq!(json["path"], "actual");
    assert_eq!(json["year"], 2024);
    assert!(json["indicators"]["G2-b"].is_null());
}

/// The same dataset, a scenario weight 0 on P1: only P2 counts, index = 125,
/// change 25, all of it G3-b's (ω = 1); G1-a has a score but no weight: 0.
#[test]
fn a_scenario_weight_0_moves_everything_up() {
    let ds = load(&policies_doc());
    let sc = scenario(&ds, json!({ "format": "vision-index-scenario/1", "weights": { "policies": { "P1": 0 } } }));
    let c = contrib(&ds, &sc, 2024, ScorePath::Actual).expect("year");
    close(c.index, 125.0);
    close(of(&c.indicators, "G3-b"), 25.0);
    close(of(&c.indicators, "G1-a"), 0.0);
    close(of(&c.policies, "P1"), 0.0);
}

/// Via goals, geometric, cap 150, 2024:
/// - G1 = G1-a 400 → capped 150, G1-b 96: √(1.5·0.96) = √1.44 = 1.2 → 120;
/// - G2 = G2-a 80 (w 1), G2-b 125 (w 3): (0.8·1.25³)^(1/4) = 1.5625^(1/4) = √1.25 → 111.803;
/// - index = 100·√(1.2·√1.25) = 115.8292, change 15.8292,
///   ln(index/100) = (ln 1.2 + ½ ln 1.25)/2 = 0.146947, L = change / that = 107.720.
///
/// ω: G1-a = G1-b = ¼, G2-a = ⅛, G2-b = ⅜.
///
/// c: G1-a = ¼·ln 1.5·L = 10.9193, G1-b = ¼·ln 0.96·L = −1.0994,
/// G2-a = ⅛·ln 0.8·L = −3.0046, G2-b = ⅜·ln 1.25·L = 9.0139.
fn geometric_doc(g1a: f64, g2a: f64) -> Value {
    json!({
        "format": "vision-index/1", "title": "t",
        "years": { "first": 2023, "last": 2026 },
        "index": { "name": "i", "base_year": 2023, "base_value": 100,
                   "method": { "aggregate": "geometric", "cap": 150 } },
        "policies": [ { "id": "P", "name": "p" } ],
        "goals": [ { "id": "G1", "policy": "P", "name": "g" }, { "id": "G2", "policy": "P", "name": "g" } ],
        "indicators": [
            { "id": "G1-a", "goal": "G1", "name": "x", "baseline": 100, "values": { "2024": g1a } },
            { "id": "G1-b", "goal": "G1", "name": "x", "baseline": 100, "values": { "2024": 96 } },
            { "id": "G2-a", "goal": "G2", "name": "x", "baseline": 100, "values": { "2024": g2a } },
            { "id": "G2-b", "goal": "G2", "name": "x", "baseline": 100, "weight": 3, "values": { "2024": 125 } }
        ]
    })
}

#[test]
fn geometric_with_a_cap() {
    let ds = load(&geometric_doc(400.0, 80.0));
    let c = contrib(&ds, &Scenario::default(), 2024, ScorePath::Actual).expect("year");
    let index = 100.0 * (1.2 * 1.25f64.sqrt()).sqrt();
    close(c.index, index);
    assert!((index - 115.8292).abs() < 1e-4);
    let change = index - 100.0;
    let l = change / ((1.2f64.ln() + 0.5 * 1.25f64.ln()) / 2.0);
    assert!((l - 107.720).abs() < 1e-3, "{l}");
    for (id, w, s, hand) in [
        ("G1-a", 0.25, 1.5, 10.9193),
        ("G1-b", 0.25, 0.96, -1.0994),
        ("G2-a", 0.125, 0.8, -3.0046),
        ("G2-b", 0.375, 1.25, 9.0139),
    ] {
        let want = w * f64::ln(s) * l;
        assert!((want - hand).abs() < 1e-3, "{id}: {want} vs {hand}");
        close(of(&c.indicators, id), want);
    }
    let sum: f64 = c.indicators.0.iter().filter_map(|(_, v)| *v).sum();
    assert!((sum - change).abs() <= 1e-9);
}

/// Geometric, G1-a and G2-a at 0: both goals and the index are 0, change −100,
/// shared by the two in proportion to ω (¼ and ⅛): −66.667 and −33.333; the others 0.
#[test]
fn geometric_index_0_is_shared_by_the_zeros() {
    let ds = load(&geometric_doc(0.0, 0.0));
    let c = contrib(&ds, &Scenario::default(), 2024, ScorePath::Actual).expect("year");
    close(c.index, 0.0);
    close(c.change, -100.0);
    close(of(&c.indicators, "G1-a"), -200.0 / 3.0);
    close(of(&c.indicators, "G2-a"), -100.0 / 3.0);
    close(of(&c.indicators, "G1-b"), 0.0);
    close(of(&c.indicators, "G2-b"), 0.0);
}

/// In the base year every score is 100: the index is 100 (L = 100), every part 0.
/// In 2025 nothing has an actual: the index has no score, every part is null.
#[test]
fn the_base_year_and_a_year_without_an_index() {
    let ds = load(&geometric_doc(400.0, 80.0));
    let c = contrib(&ds, &Scenario::default(), 2023, ScorePath::Actual).expect("year");
    close(c.index, 100.0);
    close(c.change, 0.0);
    assert!(c.indicators.0.iter().all(|(_, v)| *v == Some(0.0)));
    let c = contrib(&ds, &Scenario::default(), 2025, ScorePath::Actual).expect("year");
    assert_eq!((c.index, c.change), (None, None));
    assert!(c.indicators.0.iter().chain(&c.goals.0).all(|(_, v)| v.is_none()));
    assert!(contrib(&ds, &Scenario::default(), 2022, ScorePath::Actual).is_none());
    assert!(contrib(&ds, &Scenario::default(), 2027, ScorePath::Actual).is_none());
}

fn default_dataset() -> Dataset {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/setagaya.json")).expect("file");
    vision_index::load_dataset(&bytes).expect("valid").value
}

#[track_caller]
fn assert_sums(c: &Contributions, index: Option<f64>, what: &str) {
    assert_eq!(c.index, index, "{what}: the engine's own index");
    let Some(change) = c.change else {
        return;
    };
    for (level, map) in [("indicators", &c.indicators), ("goals", &c.goals), ("policies", &c.policies)] {
        if level == "policies" && map.0.is_empty() {
            continue;
        }
        let sum: f64 = map.0.iter().filter_map(|(_, v)| *v).sum();
        assert!((sum - change).abs() <= 1e-9, "{what} {level}: Σ {sum} vs change {change}");
    }
}

/// Σ parts = index − 100 (to 1e-9) for every path and year of the default dataset,
/// with its method, geometric, via policies and unequal weights.
#[test]
fn the_parts_sum_to_the_change_on_the_default_dataset() {
    let ds = default_dataset();
    let scenarios = [
        json!({ "format": "vision-index-scenario/1" }),
        json!({ "format": "vision-index-scenario/1", "method": { "aggregate": "geometric" } }),
        json!({ "format": "vision-index-scenario/1", "method": { "aggregate": "geometric", "cap": 120, "via": ["goal", "policy"] } }),
        json!({ "format": "vision-index-scenario/1", "method": { "via": ["goal", "policy"] },
                "weights": { "goals": { "G3": 2.5, "G7": 0 }, "policies": { "P2": 0.3 }, "indicators": { "G1-a": 0.1 } } }),
    ];
    let mut checked = 0;
    for sv in scenarios {
        let sc = scenario(&ds, sv.clone());
        for path in ScorePath::ALL {
            let r = vision_index::score(&ds, &sc, path);
            for (k, &year) in r.years.iter().enumerate() {
                let c = contrib(&ds, &sc, year, path).expect("year");
                assert_sums(&c, r.index[k], &format!("{sv} {} {year}", path.name()));
                checked += usize::from(c.change.is_some());
            }
        }
    }
    assert!(checked > 40, "{checked} years with an index");
}

// ---------------------------------------------------------------- command line

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use super::common::{code, json, run, DEFAULT};
    use serde_json::Value;

    /// The index of `score` on the same path and year, and parts that sum to its change.
    #[test]
    fn contrib_agrees_with_score() {
        for (args, path) in [
            (&["contrib", DEFAULT, "--year", "2027", "--path", "plan"][..], "plan"),
            (&["contrib", DEFAULT, "--year", "2027"], "outlook"),
        ] {
            let v = json(&run(args));
            assert_eq!(v["format"], "vision-index-contrib/1");
            assert_eq!(v["path"], path, "default path outlook");
            assert_eq!(v["year"], 2027);
            let s = json(&run(&["score", DEFAULT, "--path", path]));
            let k = s["years"].as_array().expect("years").iter().position(|y| y == 2027).expect("2027");
            assert_eq!(v["index"], s["index"][k]);
            let change = v["change"].as_f64().expect("change");
            assert!((change - (v["index"].as_f64().expect("index") - 100.0)).abs() < 1e-12);
            let sum: f64 = v["indicators"].as_object().expect("map").values().filter_map(Value::as_f64).sum();
            assert!((sum - change).abs() <= 1e-9, "{sum} vs {change}");
        }
    }

    #[test]
    fn unknown_year_is_a_usage_error_naming_it() {
        for year in ["2050", "2022", "1999"] {
            let out = run(&["contrib", DEFAULT, "--year", year]);
            assert_eq!(code(&out), 2, "{year}");
            assert!(out.stdout.is_empty());
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(year) && err.contains("usage:"), "{err}");
        }
        for args in [
            &["contrib", DEFAULT][..],
            &["contrib", DEFAULT, "--year", "二〇二七"],
            &["contrib", DEFAULT, "--year", "2027", "--path", "nope"],
            &["contrib", "--year", "2027"],
        ] {
            let out = run(args);
            assert_eq!(code(&out), 2, "{args:?}");
            assert!(String::from_utf8_lossy(&out.stderr).contains("usage:"), "{args:?}");
        }
    }

    #[test]
    fn bad_inputs_exit_1() {
        for bad in ["tests/fixtures/bad/truncated.json", "tests/fixtures/bad/wrong-types.json", "no-such-file.json"] {
            let out = run(&["contrib", bad, "--year", "2027"]);
            assert_eq!(code(&out), 1, "{bad}");
            assert!(out.stdout.is_empty() && !out.stderr.is_empty(), "{bad}");
        }
        let out = run(&[
            "contrib",
            DEFAULT,
            "--year",
            "2027",
            "--scenario",
            "tests/fixtures/bad/unknown-indicator.scenario.json",
        ]);
        assert_eq!(code(&out), 1);
    }
}
