//! Scoring (SPEC §3): indicator scores on a path (`paths`), weighted means
//! (`aggregate`), a full score (`full`) and the update after an edit
//! (`incremental`).
//!
//! Scoring is a pure function of the dataset, the scenario and the path.
//! [`Links`] (ids resolved to positions) is computed once per dataset so that
//! a re-score after an edit reads nothing again.

mod aggregate;
mod full;
mod incremental;
mod paths;

pub(crate) use aggregate::{Acc, Weights};
pub(crate) use full::{ratio_score, Cached};
pub(crate) use paths::{values_on_path, Anchors};

use crate::model::{Dataset, Links, Method, Scenario, ScorePath, ScoreResult};

/// The method in force: the dataset's, replaced field by field by the scenario's.
pub fn effective_method(ds: &Dataset, sc: &Scenario) -> Method {
    let m = ds.index.method;
    // `assumed` describes the dataset, not a scoring: not carried into results.
    Method {
        aggregate: sc.method.aggregate.unwrap_or(m.aggregate),
        via: sc.method.via.unwrap_or(m.via),
        cap: sc.method.cap.unwrap_or(m.cap),
        ..Method::default()
    }
}

/// The weights in force (the dataset's, replaced by the scenario's), by position:
/// `(indicators, goals, policies)`. Only their ratios count (huge ones are scaled down).
pub fn weights_in_force(ds: &Dataset, links: &Links, sc: &Scenario) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let w = aggregate::Weights::new(ds, links, sc);
    (w.ind, w.goal, w.pol)
}

/// Scores `ds` with `sc` on `path`.
pub fn score(ds: &Dataset, sc: &Scenario, path: ScorePath) -> ScoreResult {
    score_with(ds, &Links::new(ds), sc, path)
}

/// Scores with precomputed [`Links`] (which must be those of `ds`).
pub fn score_with(ds: &Dataset, links: &Links, sc: &Scenario, path: ScorePath) -> ScoreResult {
    Cached::full(ds, links, sc, path).result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::load_dataset;

    fn dataset(weights: [f64; 3], aggregate: &str, baseline: f64) -> Dataset {
        let text = format!(
            r#"{{"format":"vision-index/1","title":"t","years":{{"first":2023,"last":2025}},
            "index":{{"name":"i","base_year":2023,"base_value":100,"method":{{"aggregate":"{aggregate}","via":["goal","policy"]}}}},
            "policies":[{{"id":"P","name":"p","weight":{w0:e}}}],
            "goals":[{{"id":"A","policy":"P","name":"a","weight":{w1:e}}},{{"id":"B","policy":"P","name":"b","weight":{w2:e}}}],
            "indicators":[
              {{"id":"a1","goal":"A","name":"x","baseline":{baseline:e},"weight":{w0:e},"values":{{"2024":{v:e}}}}},
              {{"id":"a2","goal":"A","name":"y","baseline":3,"weight":{w1:e},"values":{{"2024":4}}}},
              {{"id":"b1","goal":"B","name":"z","baseline":7,"weight":{w2:e},"values":{{"2024":5}}}}]}}"#,
            w0 = weights[0],
            w1 = weights[1],
            w2 = weights[2],
            v = baseline * 1.5,
        );
        load_dataset(text.as_bytes()).expect("valid").value
    }

    #[test]
    fn base_year_is_exactly_100_whatever_the_weights() {
        for agg in ["arithmetic", "geometric"] {
            for w in [[0.1, 0.2, 0.7], [1.0, 3.0, 1e-9], [1e308, 1e308, 1e300]] {
                for b in [1e-300, 0.1, 3.0] {
                    let r = score(&dataset(w, agg, b), &Scenario::default(), ScorePath::Actual);
                    assert_eq!(r.index[0], Some(100.0), "{agg} {w:?} {b}");
                    assert!(r.goals.iter().all(|g| g.values[0] == Some(100.0)));
                }
            }
        }
    }

    #[test]
    fn huge_weights_still_give_an_index() {
        for agg in ["arithmetic", "geometric"] {
            let big = score(&dataset([1e308, 1e308, 1e308], agg, 2.0), &Scenario::default(), ScorePath::Actual);
            let one = score(&dataset([1.0, 1.0, 1.0], agg, 2.0), &Scenario::default(), ScorePath::Actual);
            let (b, o) = (big.index[1].expect("defined"), one.index[1].expect("defined"));
            assert!((b - o).abs() <= 1e-12 * o, "{agg}: {b} vs {o}");
        }
    }
}
