//! Goal seek (SPEC §8.2): answers worked out by hand on small datasets, and
//! on the default dataset the contract's own check — the `required` value,
//! applied as a scenario target and scored, gives the index M in the year.

use vision_index::analysis::seek::{seek, Reason, SeekError, SeekResult};
use vision_index::{score, Dataset, Entry, Level, Scenario, ScorePath};

mod common;
use common::{default_ds, ds};

fn near(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs()
}

/// Scoring with `required` as the target for the year gives the index M.
fn assert_reproduces(d: &Dataset, sc: &Scenario, path: ScorePath, r: &SeekResult) {
    assert!(r.reachable, "{r:?}");
    let mut sc2 = sc.clone();
    sc2.targets.retain(|e| !(e.indicator == r.subject.id && e.year == r.year));
    sc2.targets.push(Entry { indicator: r.subject.id.clone(), year: r.year, value: r.required.expect("required") });
    let res = score(d, &sc2, path);
    let k = (r.year - d.years.first) as usize;
    let got = res.index[k].expect("index defined");
    assert!(near(got, r.target, 1e-9), "{} on {path:?}: index {got} vs M {}", r.subject.id, r.target);
}

/// Arithmetic, via goal, 2023–2027, milestones 2025 → 50 and 2027 → 120.
///
/// 2027 on plan: a = 12/10 → 120, b = 20/20 → 100, so G1 = 110; c (down)
/// = 100·50/40 = 125, e has weight 0, d is a behavior indicator: G2 = 125.
/// Index = (110 + 125)/2 = 117.5.
const A: &str = r#"{"format":"vision-index/1","title":"A","years":{"first":2023,"last":2027},
 "index":{"name":"i","base_year":2023,"base_value":100,
   "milestones":[{"year":2025,"value":50},{"year":2027,"value":120}],
   "method":{"aggregate":"arithmetic","via":["goal"]}},
 "policies":[{"id":"P","name":"p","weight":1}],
 "goals":[{"id":"G1","policy":"P","name":"g1","weight":1},{"id":"G2","policy":"P","name":"g2","weight":1}],
 "indicators":[
  {"id":"a","goal":"G1","name":"a","baseline":10,"weight":1,"targets":{"2027":12}},
  {"id":"b","goal":"G1","name":"b","baseline":20,"weight":1,"targets":{"2027":20}},
  {"id":"c","goal":"G2","name":"c","direction":"down","baseline":50,"weight":2,"targets":{"2027":40}},
  {"id":"d","goal":"G2","name":"d","stage":"behavior","baseline":10,"weight":1,"targets":{"2027":30}},
  {"id":"e","goal":"G2","name":"e","baseline":10,"weight":0,"targets":{"2027":30}}]}"#;

#[test]
fn arithmetic_indicator_by_hand() {
    let d = ds(A);
    let sc = Scenario::default();
    // (G1 + 125)/2 = 120 → G1 = 115 → (s + 100)/2 = 115 → s = 130 → x = 130·10/100 = 13.
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Indicator, "a").unwrap();
    assert_eq!(r.index, Some(117.5));
    assert_eq!((r.current, r.current_score), (Some(12.0), Some(120.0)));
    assert!(r.reachable && r.reason.is_none());
    assert!(near(r.required_score.unwrap(), 130.0, 1e-12), "{r:?}");
    assert!(near(r.required.unwrap(), 13.0, 1e-12), "{r:?}");
    assert_reproduces(&d, &sc, ScorePath::Plan, &r);
    // down: G2 = s_c = 2·120 − 110 = 130 → x = 100·50/130.
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Indicator, "c").unwrap();
    assert!(near(r.required_score.unwrap(), 130.0, 1e-12), "{r:?}");
    assert!(near(r.required.unwrap(), 5000.0 / 130.0, 1e-12), "{r:?}");
    assert_reproduces(&d, &sc, ScorePath::Plan, &r);
}

#[test]
fn goal_seek_by_hand() {
    let d = ds(A);
    let sc = Scenario::default();
    // G1 needed: 2·120 − 125 = 115; G2 needed: 2·120 − 110 = 130.
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Goal, "G1").unwrap();
    assert_eq!((r.current, r.current_score), (Some(110.0), Some(110.0)));
    assert!(r.reachable && near(r.required.unwrap(), 115.0, 1e-12) && r.required == r.required_score, "{r:?}");
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Goal, "G2").unwrap();
    assert!(r.reachable && near(r.required.unwrap(), 130.0, 1e-12), "{r:?}");
    // via has no policy: a policy does not move the index.
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Policy, "P").unwrap();
    assert_eq!((r.reachable, r.reason), (false, Some(Reason::NoEffect)));
}

#[test]
fn weight_zero_and_behavior_have_no_effect() {
    let d = ds(A);
    let sc = Scenario::default();
    for id in ["e", "d"] {
        let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Indicator, id).unwrap();
        assert_eq!((r.reachable, r.reason, r.required), (false, Some(Reason::NoEffect), None), "{id}");
    }
    // A goal weighted 0 by the scenario: its indicators have no effect either.
    let mut sc = Scenario::default();
    sc.weights.goals.insert("G1".into(), 0.0);
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Indicator, "a").unwrap();
    assert_eq!(r.reason, Some(Reason::NoEffect));
}

#[test]
fn outlook_year_not_after_last_actual_has_no_effect() {
    let d = ds(A);
    let mut sc = Scenario::default();
    sc.values.push(Entry { indicator: "a".into(), year: 2027, value: 11.0 });
    let r = seek(&d, &sc, ScorePath::Outlook, 2027, Level::Indicator, "a").unwrap();
    assert_eq!(r.reason, Some(Reason::NoEffect));
    // On plan the same target still counts (actuals are not on plan).
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Indicator, "a").unwrap();
    assert!(r.reachable);
    // An actual in 2025 only: 2027 is after it, and the answer reproduces M.
    let mut sc = Scenario::default();
    sc.values.push(Entry { indicator: "a".into(), year: 2025, value: 11.0 });
    let r = seek(&d, &sc, ScorePath::Outlook, 2027, Level::Indicator, "a").unwrap();
    assert!(near(r.required.unwrap(), 13.0, 1e-12), "{r:?}");
    assert_reproduces(&d, &sc, ScorePath::Outlook, &r);
}

#[test]
fn negative_value_needed() {
    let d = ds(A);
    let sc = Scenario::default();
    // 2025 on plan: a = 11 → 110, b → 100: G1 = 105; c = 45 → 100·50/45 = 111.1.
    // M = 50: a needs G1 = 100 − 111.1 < 0 → s_a < 0 → x < 0; c needs
    // G2 = 100 − 105 = −5 ≤ 0 (down).
    for id in ["a", "c"] {
        let r = seek(&d, &sc, ScorePath::Plan, 2025, Level::Indicator, id).unwrap();
        assert_eq!((r.reachable, r.reason), (false, Some(Reason::Negative)), "{id}: {r:?}");
        assert!(r.required_score.unwrap() < 0.0, "{id}: {r:?}");
    }
    // G1 needed: 2·50 − 111.1 = −11.1 < 0: no score is that low.
    let r = seek(&d, &sc, ScorePath::Plan, 2025, Level::Goal, "G1").unwrap();
    assert_eq!((r.reachable, r.reason, r.required), (false, Some(Reason::Negative), None), "{r:?}");
    assert!(near(r.required_score.unwrap(), 100.0 - 5000.0 / 45.0, 1e-12), "{r:?}");
}

#[test]
fn cap_is_unreachable_arithmetic() {
    let d = ds(A);
    let mut sc = Scenario::default();
    // Cap 125: c stays 125, a needs 130 > 125.
    sc.method.cap = Some(Some(125.0));
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Indicator, "a").unwrap();
    assert_eq!((r.reachable, r.reason), (false, Some(Reason::Cap)), "{r:?}");
    assert!(near(r.required_score.unwrap(), 130.0, 1e-12));
}

/// Geometric, one goal: a = 12/10 → 120 (w 1), b = 15/10 → 150 (w 3); M = 160.
/// (ln(s/100) + 3·ln 1.5)/4 = ln 1.6 → s = 100·1.6⁴/1.5³ = 655.36/3.375 = 194.18…
const B: &str = r#"{"format":"vision-index/1","title":"B","years":{"first":2023,"last":2027},
 "index":{"name":"i","base_year":2023,"base_value":100,"milestones":[{"year":2027,"value":160}],
   "method":{"aggregate":"geometric","via":["goal"],"cap":200}},
 "policies":[{"id":"P","name":"p","weight":1}],
 "goals":[{"id":"G","policy":"P","name":"g","weight":1}],
 "indicators":[
  {"id":"a","goal":"G","name":"a","baseline":10,"weight":1,"targets":{"2027":12}},
  {"id":"b","goal":"G","name":"b","baseline":10,"weight":3,"targets":{"2027":15}}]}"#;

#[test]
fn geometric_with_cap_by_hand() {
    let d = ds(B);
    let sc = Scenario::default();
    let s = 100.0 * 1.6f64.powi(4) / 1.5f64.powi(3);
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Indicator, "a").unwrap();
    assert!(r.reachable, "{r:?}");
    assert!(near(r.required_score.unwrap(), s, 1e-11), "{r:?} vs {s}");
    assert!(near(r.required.unwrap(), s / 10.0, 1e-11), "{r:?}");
    assert_reproduces(&d, &sc, ScorePath::Plan, &r);
    // Cap 190 < 194.18: unreachable.
    let mut sc = Scenario::default();
    sc.method.cap = Some(Some(190.0));
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Indicator, "a").unwrap();
    assert_eq!((r.reachable, r.reason), (false, Some(Reason::Cap)), "{r:?}");
    // Goal seek on a geometric index of one goal: the goal must score M.
    let r = seek(&d, &Scenario::default(), ScorePath::Plan, 2027, Level::Goal, "G").unwrap();
    assert!(near(r.required.unwrap(), 160.0, 1e-12), "{r:?}");
}

/// Arithmetic via goal and policy. P1 (w 1) = mean(G1, G2), P2 (w 2) = G3.
/// 2027: a → 120, b → 100, c → 130; P1 = 110, P2 = 130; index = (110 + 260)/3 = 123.3.
/// M = 125: P1 needed = 375 − 260 = 115 → G1 = 130 → a = 13;
/// P2 needed: (110 + 2p)/3 = 125 → p = 132.5 (so G3 and c: 132.5 → x = 13.25).
const C: &str = r#"{"format":"vision-index/1","title":"C","years":{"first":2023,"last":2027},
 "index":{"name":"i","base_year":2023,"base_value":100,"milestones":[{"year":2027,"value":125}],
   "method":{"aggregate":"arithmetic","via":["goal","policy"]}},
 "policies":[{"id":"P1","name":"p1","weight":1},{"id":"P2","name":"p2","weight":2}],
 "goals":[{"id":"G1","policy":"P1","name":"g1","weight":1},{"id":"G2","policy":"P1","name":"g2","weight":1},
          {"id":"G3","policy":"P2","name":"g3","weight":1}],
 "indicators":[
  {"id":"a","goal":"G1","name":"a","baseline":10,"weight":1,"targets":{"2027":12}},
  {"id":"b","goal":"G2","name":"b","baseline":10,"weight":1,"targets":{"2027":10}},
  {"id":"c","goal":"G3","name":"c","baseline":10,"weight":1,"targets":{"2027":13}}]}"#;

#[test]
fn policies_in_via_by_hand() {
    let d = ds(C);
    let sc = Scenario::default();
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Indicator, "a").unwrap();
    assert!(near(r.required.unwrap(), 13.0, 1e-12), "{r:?}");
    assert_reproduces(&d, &sc, ScorePath::Plan, &r);
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Indicator, "c").unwrap();
    assert!(near(r.required.unwrap(), 13.25, 1e-12), "{r:?}");
    assert_reproduces(&d, &sc, ScorePath::Plan, &r);
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Policy, "P1").unwrap();
    assert_eq!(r.current, Some(110.0));
    assert!(near(r.required.unwrap(), 115.0, 1e-12), "{r:?}");
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Policy, "P2").unwrap();
    assert!(near(r.required.unwrap(), 132.5, 1e-12), "{r:?}");
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Goal, "G3").unwrap();
    assert!(near(r.required.unwrap(), 132.5, 1e-12), "{r:?}");
    // P2 weighted 0: c moves nothing.
    let mut sc = Scenario::default();
    sc.weights.policies.insert("P2".into(), 0.0);
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Indicator, "c").unwrap();
    assert_eq!(r.reason, Some(Reason::NoEffect));
}

#[test]
fn default_dataset_required_reproduces_milestone() {
    let d = default_ds();
    // Plan meets 130 exactly; G1-a held at its baseline in 2027 (and an
    // actual of G5-a in 2025 for outlook) moves the index off the milestone.
    let mut sc = Scenario::default();
    sc.targets.push(Entry { indicator: "G1-a".into(), year: 2027, value: 20.0 });
    sc.values.push(Entry { indicator: "G5-a".into(), year: 2025, value: 40.0 });
    for path in [ScorePath::Plan, ScorePath::Outlook] {
        for year in [2027, 2031] {
            for id in ["G4-b", "G2-b", "G6-a", "G10-a", "G11-b", "G5-a"] {
                let r = seek(&d, &sc, path, year, Level::Indicator, id).unwrap();
                assert_reproduces(&d, &sc, path, &r);
                if year == 2027 && id != "G5-a" {
                    assert!(r.index.unwrap() < 130.0 && r.required_score > r.current_score, "{r:?}");
                }
            }
        }
    }
    // The JSON has exactly the fields of §8.2.
    let r = seek(&d, &sc, ScorePath::Plan, 2027, Level::Indicator, "G4-b").unwrap();
    let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    let mut want = vec![
        "format",
        "path",
        "year",
        "target",
        "index",
        "subject",
        "reachable",
        "reason",
        "current",
        "required",
        "current_score",
        "required_score",
    ];
    let mut got = keys.clone();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want);
    assert_eq!(v["format"], "vision-index-seek/1");
    assert_eq!(v["subject"], serde_json::json!({"level": "indicator", "id": "G4-b"}));
}

#[test]
fn usage_errors_name_the_id_or_year() {
    let d = ds(A);
    let sc = Scenario::default();
    assert_eq!(seek(&d, &sc, ScorePath::Plan, 2026, Level::Indicator, "a"), Err(SeekError::NotMilestone(2026)));
    let e = seek(&d, &sc, ScorePath::Plan, 2027, Level::Goal, "nope").unwrap_err();
    assert!(e.to_string().contains("nope"), "{e}");
    assert!(seek(&d, &sc, ScorePath::Trend, 2027, Level::Goal, "G1").is_err());
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn cli_exit_codes() {
    use common::run;
    let ok = run(&["seek", "www/data/setagaya.json", "--milestone", "2027", "--indicator", "G4-b"]);
    assert_eq!(ok.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).expect("one JSON object");
    assert_eq!(v["reachable"], true);
    let bad_year = run(&["seek", "www/data/setagaya.json", "--milestone", "2028", "--goal", "G1"]);
    assert_eq!(bad_year.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_year.stderr).contains("2028"));
    let bad_id = run(&["seek", "www/data/setagaya.json", "--milestone", "2027", "--indicator", "ZZ-9"]);
    assert_eq!(bad_id.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_id.stderr).contains("ZZ-9"));
    let two = run(&["seek", "www/data/setagaya.json", "--milestone", "2027", "--goal", "G1", "--policy", "P1"]);
    assert_eq!(two.status.code(), Some(2));
    let trend = run(&["seek", "www/data/setagaya.json", "--milestone", "2027", "--goal", "G1", "--path", "trend"]);
    assert_eq!(trend.status.code(), Some(2));
    let bad_input = run(&["seek", "tests/fixtures/bad/does-not-exist.json", "--milestone", "2027", "--goal", "G1"]);
    assert_eq!(bad_input.status.code(), Some(1));
}
