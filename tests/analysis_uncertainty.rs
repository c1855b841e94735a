//! Uncertainty (SPEC §8.4): with no noise the percentiles are `score`'s index
//! exactly; the same seed gives the same bytes; bounds, orderings and limits.

use vision_index::analysis::uncertainty::{uncertainty, Options, UncertaintyError, MAX_DRAWS};
use vision_index::{load_dataset, score, Entry, Scenario, ScorePath};

mod common;
use common::{default_ds, ds};

/// Geometric via goal and policy, with a cap and a `down` indicator, so that
/// the exactness check covers every branch of the aggregation.
const GEO: &str = r#"{"format":"vision-index/1","title":"G","years":{"first":2022,"last":2027},
 "index":{"name":"i","base_year":2023,"base_value":100,"milestones":[{"year":2027,"value":125}],
   "method":{"aggregate":"geometric","via":["goal","policy"],"cap":150}},
 "policies":[{"id":"P1","name":"p1","weight":1},{"id":"P2","name":"p2","weight":2}],
 "goals":[{"id":"G1","policy":"P1","name":"g1","weight":1},{"id":"G2","policy":"P1","name":"g2","weight":3},
          {"id":"G3","policy":"P2","name":"g3","weight":1}],
 "indicators":[
  {"id":"a","goal":"G1","name":"a","baseline":10,"weight":1,"values":{"2024":11},"targets":{"2027":12}},
  {"id":"b","goal":"G2","name":"b","direction":"down","baseline":10,"weight":2,"targets":{"2027":7}},
  {"id":"c","goal":"G3","name":"c","baseline":10,"weight":1,"targets":{"2027":19}},
  {"id":"d","goal":"G3","name":"d","baseline":3,"weight":0.5,"targets":{"2026":4}}]}"#;

/// One indicator, one goal: the index is the indicator's score, so each draw's
/// index in a year after the base is 100·x·(1 + e)/b with e in [−E, E).
const ONE: &str = r#"{"format":"vision-index/1","title":"1","years":{"first":2023,"last":2027},
 "index":{"name":"i","base_year":2023,"base_value":100,"milestones":[{"year":2027,"value":120}],
   "method":{"aggregate":"arithmetic","via":["goal"]}},
 "policies":[{"id":"P","name":"p","weight":1}],
 "goals":[{"id":"G","policy":"P","name":"g","weight":1}],
 "indicators":[{"id":"a","goal":"G","name":"a","baseline":10,"weight":1,"targets":{"2027":12}}]}"#;

fn opts(path: ScorePath, draws: u64, seed: u64, weights: f64, spread: f64) -> Options {
    Options { path, draws, seed, weights, spread }
}

#[test]
fn no_noise_equals_the_index_of_score_exactly() {
    let mut sc = Scenario::default();
    sc.values.push(Entry { indicator: "G5-a".into(), year: 2025, value: 40.0 });
    sc.weights.goals.insert("G3".into(), 2.5);
    for (d, sc) in [(default_ds(), Scenario::default()), (default_ds(), sc), (ds(GEO), Scenario::default())] {
        for path in ScorePath::ALL {
            let want = score(&d, &sc, path).index;
            let r = uncertainty(&d, &sc, &opts(path, 50, 3, 0.0, 0.0)).unwrap();
            assert_eq!(r.p5, want, "{path:?}");
            assert_eq!(r.p50, want, "{path:?}");
            assert_eq!(r.p95, want, "{path:?}");
            let res = score(&d, &sc, path);
            for (m, mr) in r.milestones.iter().zip(&res.milestones) {
                assert_eq!(m.p_met, if mr.met { 1.0 } else { 0.0 }, "{path:?} {}", m.year);
            }
        }
    }
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let d = default_ds();
    let sc = Scenario::default();
    let o = opts(ScorePath::Outlook, 2000, 7, 0.2, 0.1);
    let a = uncertainty(&d, &sc, &o).unwrap().to_json();
    let b = uncertainty(&d, &sc, &o).unwrap().to_json();
    assert_eq!(a, b);
    let c = uncertainty(&d, &sc, &Options { seed: 8, ..o }).unwrap().to_json();
    assert_ne!(a, c);
    assert!(a.starts_with(r#"{"format":"vision-index-uncertainty/1","path":"outlook","draws":2000,"seed":7"#), "{a}");
}

#[test]
fn percentiles_ordered_and_p_met_a_share() {
    for d in [default_ds(), ds(GEO)] {
        for path in [ScorePath::Plan, ScorePath::Outlook, ScorePath::Trend] {
            let r = uncertainty(&d, &Scenario::default(), &opts(path, 501, 11, 0.5, 0.3)).unwrap();
            assert_eq!(r.years, d.years.list());
            for t in 0..r.years.len() {
                match (r.p5[t], r.p50[t], r.p95[t]) {
                    (Some(a), Some(b), Some(c)) => assert!(a <= b && b <= c, "{t}: {a} {b} {c}"),
                    (None, None, None) => {}
                    other => panic!("{t}: {other:?}"),
                }
            }
            let k = (d.index.base_year - d.years.first) as usize;
            assert_eq!(r.p5[k], Some(100.0), "base year");
            assert!(r.milestones.iter().all(|m| (0.0..=1.0).contains(&m.p_met)));
        }
    }
}

#[test]
fn spread_bounds_by_hand() {
    // ONE on plan: 2027's index is 120·(1 + e), e in [−0.1, 0.1): all draws in
    // [108, 132); about half meet 120 (e ≥ 0), and p50 is near 120.
    let d = ds(ONE);
    let r = uncertainty(&d, &Scenario::default(), &opts(ScorePath::Plan, 4000, 1, 0.0, 0.1)).unwrap();
    let (lo, mid, hi) = (r.p5[4].unwrap(), r.p50[4].unwrap(), r.p95[4].unwrap());
    assert!((108.0..132.0).contains(&lo) && (108.0..132.0).contains(&hi), "{lo} {hi}");
    // Nearest rank of a uniform on [108, 132): p5 ≈ 109.2, p95 ≈ 130.8.
    assert!((lo - 109.2).abs() < 0.6 && (hi - 130.8).abs() < 0.6, "{lo} {hi}");
    assert!((mid - 120.0).abs() < 1.0, "{mid}");
    assert!((r.milestones[0].p_met - 0.5).abs() < 0.05, "{}", r.milestones[0].p_met);
    // Weights alone move nothing with a single child: every draw is 120.
    let r = uncertainty(&d, &Scenario::default(), &opts(ScorePath::Plan, 100, 1, 0.9, 0.0)).unwrap();
    assert_eq!((r.p5[4], r.p95[4]), (Some(120.0), Some(120.0)));
    // Years not after the last actual are not scaled: an actual in 2027 fixes it.
    let mut sc = Scenario::default();
    sc.values.push(Entry { indicator: "a".into(), year: 2027, value: 11.0 });
    let r = uncertainty(&d, &sc, &opts(ScorePath::Outlook, 100, 1, 0.0, 0.5)).unwrap();
    assert_eq!((r.p5[4], r.p95[4]), (Some(110.0), Some(110.0)));
}

#[test]
fn option_bounds() {
    let d = ds(ONE);
    let sc = Scenario::default();
    let o = opts(ScorePath::Outlook, 1, 0, 0.0, 0.1);
    assert!(uncertainty(&d, &sc, &o).is_ok());
    assert_eq!(uncertainty(&d, &sc, &Options { draws: 0, ..o }), Err(UncertaintyError::Draws(0)));
    let too_many = MAX_DRAWS + 1;
    assert_eq!(uncertainty(&d, &sc, &Options { draws: too_many, ..o }), Err(UncertaintyError::Draws(too_many)));
    assert_eq!(uncertainty(&d, &sc, &Options { weights: 1.0, ..o }), Err(UncertaintyError::Weights(1.0)));
    assert_eq!(uncertainty(&d, &sc, &Options { spread: -0.1, ..o }), Err(UncertaintyError::Spread(-0.1)));
    assert!(uncertainty(&d, &sc, &Options { spread: f64::NAN, ..o }).is_err());
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn cli_exit_codes_and_output() {
    use common::run;
    let base = ["uncertainty", "www/data/setagaya.json"];
    let ok = run(&[&base[..], &["--draws", "300", "--seed", "7"]].concat());
    assert_eq!(ok.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).expect("one JSON object");
    assert_eq!(v["format"], "vision-index-uncertainty/1");
    assert_eq!(
        (v["path"].as_str(), v["spread"].as_f64(), v["weights"].as_f64()),
        (Some("outlook"), Some(0.1), Some(0.0))
    );
    let again = run(&[&base[..], &["--draws", "300", "--seed", "7"]].concat());
    assert_eq!(ok.stdout, again.stdout, "same bytes");
    for bad in [
        &["--draws", "0", "--seed", "1"][..],
        &["--draws", "1000001", "--seed", "1"],
        &["--draws", "10", "--seed", "1", "--weights", "1"],
        &["--draws", "10", "--seed", "1", "--spread", "1.5"],
        &["--draws", "10"],
    ] {
        let o = run(&[&base[..], bad].concat());
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
    }
    let o = run(&["uncertainty", "tests/fixtures/bad/does-not-exist.json", "--draws", "10", "--seed", "1"]);
    assert_eq!(o.status.code(), Some(1));
}

/// A run that would keep too many index values (draws × years) or score too many
/// indicator-years is refused up front, with the numbers in the message.
#[test]
fn a_run_too_large_for_the_dataset_is_refused() {
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read("www/data/setagaya.json").expect("default dataset")).expect("json");
    v["years"]["last"] = serde_json::json!(2122); // 100 years
    let ds = load_dataset(&serde_json::to_vec(&v).expect("json")).expect("valid").value;
    let o = opts(ScorePath::Outlook, MAX_DRAWS, 1, 0.0, 0.1);
    match uncertainty(&ds, &Scenario::default(), &o) {
        Err(e @ UncertaintyError::TooLarge { .. }) => {
            let m = e.to_string();
            assert!(m.contains("1000000") && m.contains("100 years"), "{m}");
        }
        other => panic!("expected TooLarge, got {:?}", other.map(|r| r.draws)),
    }
    let small = opts(ScorePath::Outlook, 10_000, 1, 0.0, 0.1);
    assert!(uncertainty(&ds, &Scenario::default(), &small).is_ok(), "10,000 draws over 100 years are fine");
}
