#![cfg(not(target_arch = "wasm32"))]
//! Correct numbers at every magnitude (issue 15): near the top of the double
//! range every score, index and gap is finite and right, or null with a
//! warning — never null (or 0) where a finite answer exists, because of an
//! intermediate overflow (`100 · x` before dividing, the least-squares means,
//! the interpolation step, a weighted sum, the milestone gap).

use serde_json::{json, Value};
use vision_index::{dataset_from_value, score, Dataset, Engine, Scenario, ScorePath, ScoreResult};

/// One policy, one goal G1, years 2023–2027 (base 2023), the indicators and
/// milestones given.
fn dataset(indicators: Value, milestones: Value) -> Dataset {
    let v = json!({
        "format": "vision-index/1",
        "title": "t",
        "years": { "first": 2023, "last": 2027 },
        "index": { "name": "i", "base_year": 2023, "base_value": 100, "milestones": milestones },
        "policies": [ { "id": "P1", "name": "p1" } ],
        "goals": [ { "id": "G1", "policy": "P1", "name": "g1" }, { "id": "G2", "policy": "P1", "name": "g2" } ],
        "indicators": indicators
    });
    dataset_from_value(&v).unwrap_or_else(|ps| panic!("invalid test dataset: {ps:#?}")).value
}

fn run(ds: &Dataset, path: ScorePath) -> ScoreResult {
    score(ds, &Scenario::default(), path)
}

#[track_caller]
fn close(got: Option<f64>, want: f64) {
    let g = got.unwrap_or_else(|| panic!("expected {want:e}, got null"));
    assert!(g.is_finite() && (g - want).abs() <= 1e-12 * want.abs().max(1.0), "expected {want:e}, got {g:e}");
}

/// Every number of the result is finite or null, and the base year is 100.
#[track_caller]
fn sane(r: &ScoreResult) {
    for s in r.indicators.iter().chain(&r.goals).chain(&r.policies) {
        assert!(s.values.iter().flatten().all(|x| x.is_finite()), "{}: {:?}", s.id, s.values);
    }
    assert!(r.index.iter().flatten().all(|x| x.is_finite()), "index {:?}", r.index);
    assert_eq!(r.index[0], Some(100.0), "the base year");
    for m in &r.milestones {
        assert!(m.value.is_none_or(f64::is_finite) && m.gap.is_none_or(f64::is_finite), "{m:?}");
    }
}

#[test]
fn a_value_half_a_huge_baseline_scores_50() {
    // 100 · 5e306 overflows; 100 · (5e306 / 1e307) = 50.
    let ds = dataset(
        json!([{ "id": "a", "goal": "G1", "name": "a", "baseline": 1e307, "values": { "2024": 5e306 } }]),
        json!([]),
    );
    let r = run(&ds, ScorePath::Actual);
    sane(&r);
    close(r.indicators[0].values[1], 50.0);
    close(r.index[1], 50.0);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn a_smaller_is_better_target_near_the_top_scores() {
    // direction down: 100 · 1e308 overflows before dividing by 1.25e308.
    let ds = dataset(
        json!([{ "id": "a", "goal": "G1", "name": "a", "baseline": 1e308, "direction": "down", "targets": { "2027": 1.5e308 } }]),
        json!([]),
    );
    let r = run(&ds, ScorePath::Plan);
    sane(&r);
    // 2025: 1e308 + (0.5e308 · 2 / 4) = 1.25e308 → 100 · 1e308 / 1.25e308 = 80
    close(r.indicators[0].values[2], 80.0);
    close(r.indicators[0].values[4], 100.0 / 1.5);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn the_interpolation_step_does_not_overflow() {
    // (v1 − v0) · (year − y0) = 1.5e308 · 3 overflows before dividing by 4.
    let ds = dataset(
        json!([{ "id": "a", "goal": "G1", "name": "a", "baseline": 1e307, "targets": { "2027": 1.6e308 } }]),
        json!([]),
    );
    let r = run(&ds, ScorePath::Plan);
    sane(&r);
    let want = |k: f64| 100.0 * (1e307 + (1.6e308 - 1e307) * k / 4.0) / 1e307;
    for k in 1..=4 {
        close(r.indicators[0].values[k], want(k as f64));
    }
}

#[test]
fn values_near_the_top_on_the_trend_path() {
    // The least-squares means of 1e308-sized values overflow (Σ y), and the
    // trend value itself passes f64::MAX, while its score (a ratio) is finite.
    let ds = dataset(
        json!([{ "id": "a", "goal": "G1", "name": "a", "baseline": 1e308, "values": { "2024": 1.2e308, "2025": 1.4e308 } }]),
        json!([]),
    );
    let r = run(&ds, ScorePath::Trend);
    sane(&r);
    let s = &r.indicators[0].values;
    close(s[2], 140.0);
    close(s[3], 160.0);
    close(s[4], 180.0);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn a_mean_of_huge_scores_is_not_overflowed() {
    // Two indicators scoring 1.5e308 each: Σ w·(s − 100) overflows; the mean does not.
    let big = json!({ "2024": 1.5e306 });
    let ds = dataset(
        json!([
            { "id": "a", "goal": "G1", "name": "a", "baseline": 1, "values": big },
            { "id": "b", "goal": "G1", "name": "b", "baseline": 1, "values": big },
            { "id": "c", "goal": "G2", "name": "c", "baseline": 1, "values": { "2024": 1.7e306 } }
        ]),
        json!([]),
    );
    let r = run(&ds, ScorePath::Actual);
    sane(&r);
    close(r.goals[0].values[1], 1.5e308);
    close(r.index[1], 1.6e308);
}

#[test]
fn a_gap_past_the_double_range_is_null_with_a_warning() {
    // index 1.5e308 against a milestone of −1e308: the gap (2.5e308) has no
    // double; met is still known.
    let ds = dataset(
        json!([{ "id": "a", "goal": "G1", "name": "a", "baseline": 1, "values": { "2027": 1.5e306 } }]),
        json!([{ "year": 2027, "value": -1e308 }]),
    );
    let r = run(&ds, ScorePath::Actual);
    sane(&r);
    let m = &r.milestones[0];
    close(m.value, 1.5e308);
    assert_eq!(m.gap, None);
    assert!(m.met);
    assert!(r.warnings.iter().any(|w| w.code() == "gap_undefined"), "{:?}", r.warnings);
    // An ordinary milestone keeps its gap and no warning.
    let ds = dataset(
        json!([{ "id": "a", "goal": "G1", "name": "a", "baseline": 1, "values": { "2027": 1.5e306 } }]),
        json!([{ "year": 2027, "value": 1.6e308 }]),
    );
    let r = run(&ds, ScorePath::Actual);
    close(r.milestones[0].gap, -0.1e308);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn a_score_that_truly_overflows_is_null_with_a_warning() {
    // 100 · 1e308 / 1e-10 has no double: null, and the warning says why.
    let ds = dataset(
        json!([{ "id": "a", "goal": "G1", "name": "a", "baseline": 1e-10, "values": { "2024": 1e308 } }]),
        json!([]),
    );
    let r = run(&ds, ScorePath::Actual);
    sane(&r);
    assert_eq!(r.indicators[0].values[1], None);
    assert!(r.warnings.iter().any(|w| w.code() == "score_undefined"), "{:?}", r.warnings);
}

#[test]
fn edits_at_huge_magnitudes_equal_a_full_score() {
    let ds = dataset(
        json!([
            { "id": "a", "goal": "G1", "name": "a", "baseline": 1e307, "values": { "2024": 5e306 }, "targets": { "2027": 1.7e308 } },
            { "id": "b", "goal": "G1", "name": "b", "baseline": 1, "values": { "2024": 1.5e306 } },
            { "id": "c", "goal": "G2", "name": "c", "baseline": 1e308, "direction": "down", "targets": { "2027": 1.5e308 } }
        ]),
        json!([{ "year": 2027, "value": 130 }]),
    );
    for path in [ScorePath::Plan, ScorePath::Outlook, ScorePath::Trend] {
        let mut e = Engine::new(ds.clone());
        let _ = e.rescore(path);
        for (id, v) in [("a", 1.79e308), ("b", 1.6e306), ("c", 1e308), ("a", 1.0)] {
            e.set_target(id, 2027, Some(v)).expect("an edit the engine takes");
            let inc = e.rescore(path).clone();
            let full = score(&ds, e.scenario(), path);
            sane(&full);
            assert_eq!(format!("{:?}", inc.index), format!("{:?}", full.index), "{path:?} after {id} = {v:e}");
            assert_eq!(format!("{:?}", inc.goals), format!("{:?}", full.goals));
        }
    }
}

/// A dataset at huge magnitudes with actuals, so that every analysis has work.
fn huge() -> Dataset {
    dataset(
        json!([
            { "id": "a", "goal": "G1", "name": "a", "baseline": 1e307, "values": { "2024": 5e306 }, "targets": { "2027": 1.7e308 } },
            { "id": "b", "goal": "G1", "name": "b", "baseline": 1, "values": { "2024": 1.5e306 }, "targets": { "2027": 1.6e306 } },
            { "id": "c", "goal": "G2", "name": "c", "baseline": 1e308, "direction": "down", "values": { "2024": 1.2e308 }, "targets": { "2027": 1.5e308 } }
        ]),
        json!([{ "year": 2025, "value": 1e308 }, { "year": 2027, "value": 130 }]),
    )
}

/// No NaN or infinity anywhere in an analysis object (its Debug text names
/// them; its JSON would hide them as null).
#[track_caller]
fn finite_debug(what: &str, x: &impl std::fmt::Debug) {
    let t = format!("{x:?}");
    assert!(!t.contains("NaN") && !t.contains("inf"), "{what}: {t}");
}

#[test]
fn every_analysis_number_is_finite_or_null_at_huge_magnitudes() {
    use vision_index::analysis::{contrib, seek, status, uncertainty};
    use vision_index::Level;
    let ds = huge();
    let sc = Scenario::default();
    for path in [ScorePath::Actual, ScorePath::Plan, ScorePath::Outlook, ScorePath::Trend] {
        let r = run(&ds, path);
        sane(&r);
        finite_debug("score", &r);
        for year in 2023..=2027 {
            finite_debug("contrib", &contrib::contrib(&ds, &sc, year, path));
        }
        let opts = uncertainty::Options { path, draws: 300, seed: 7, weights: 0.2, spread: 0.1 };
        finite_debug("uncertainty", &uncertainty::uncertainty(&ds, &sc, &opts).expect("a run"));
    }
    finite_debug("status", &status::status(&ds, &sc));
    for path in [ScorePath::Plan, ScorePath::Outlook] {
        for year in [2025, 2027] {
            for (level, id) in [
                (Level::Indicator, "a"),
                (Level::Indicator, "b"),
                (Level::Indicator, "c"),
                (Level::Goal, "G1"),
                (Level::Policy, "P1"),
            ] {
                let got = seek::seek(&ds, &sc, path, year, level, id).expect("a question");
                finite_debug("seek", &got);
            }
        }
    }
}

#[test]
fn goal_seek_at_huge_magnitudes_answers_with_the_right_reason() {
    use vision_index::analysis::seek::{self, Reason};
    use vision_index::Level;
    // Alone in the index, a "down" indicator with a baseline of 1e308 and a
    // target of 1.5e308 scores 66.7 in 2027; 130 needs 1e308 · 100 / 130.
    let ds = dataset(
        json!([{ "id": "c", "goal": "G1", "name": "c", "baseline": 1e308, "direction": "down", "targets": { "2027": 1.5e308 } }]),
        json!([{ "year": 2027, "value": 130 }]),
    );
    let got = seek::seek(&ds, &Scenario::default(), ScorePath::Plan, 2027, Level::Indicator, "c").expect("a question");
    finite_debug("seek", &got);
    assert!(got.reachable, "{got:?}");
    close(got.required, 1e308 / 1.3);
    close(got.required_score, 130.0);
    // In the huge dataset the index is 4e307 in 2027: c would need a score
    // below 0 — said as such, not as "no effect" (a step of 100 in c's score
    // is lost in the rounding of 4e307).
    let got =
        seek::seek(&huge(), &Scenario::default(), ScorePath::Plan, 2027, Level::Indicator, "c").expect("a question");
    assert_eq!((got.reachable, got.reason), (false, Some(Reason::Negative)), "{got:?}");
}
