//! Contributions (SPEC §8.3, `"format": "vision-index-contrib/1"`): how much each
//! indicator, goal and policy adds to the index's change since the base year,
//! `change` = index(YEAR) − 100, the parts summing to `change`.
//!
//! ωᵢ, an indicator's effective weight in YEAR, is the product of its normalised
//! weights on the way up, among the siblings that have a score that year and a
//! weight > 0 (the children the engine's means combine). Arithmetic:
//! cᵢ = ωᵢ·(sᵢ − 100); geometric: cᵢ = ωᵢ·ln(sᵢ/100)·L with L = change / ln(index/100)
//! (100 when the index is 100); when the index is 0 the change −100 is shared by the
//! indicators scoring 0 in proportion to ωᵢ.
//!
//! Where SPEC leaves it open: a node without a score in YEAR (or every node, when
//! the index has none) is listed with `null`; a scored node that does not count
//! (weight 0 on its way up) contributes 0. `weights` (an extension) gives each
//! indicator's ωᵢ.

use super::status::ById;
use crate::model::{Aggregate, Dataset, Links, Scenario, ScorePath};
use crate::score::{score_with, weights_in_force};
use serde::Serialize;

/// The contributions format tag.
pub const CONTRIB_FORMAT: &str = "vision-index-contrib/1";

/// Contributions to the index's change in one year on one path (SPEC §8.3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contributions {
    /// Always [`CONTRIB_FORMAT`].
    pub format: &'static str,
    /// The path scored.
    pub path: ScorePath,
    /// The year.
    pub year: i32,
    /// The index in `year` on `path` (`None`: no score).
    pub index: Option<f64>,
    /// `index − 100`.
    pub change: Option<f64>,
    /// cᵢ of each outcome_long indicator (`None`: no score that year).
    pub indicators: ById<Option<f64>>,
    /// Each goal's: the sum of its indicators'.
    pub goals: ById<Option<f64>>,
    /// Each policy's: the sum of its goals' (empty unless `via` has policies).
    pub policies: ById<Option<f64>>,
    /// ωᵢ of each outcome_long indicator (extension; `None`: no score that year).
    pub weights: ById<Option<f64>>,
}

impl Contributions {
    /// Pretty JSON, numbers at full precision.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The weight of each of `members` among those scored (`score` some) with a weight > 0:
/// `w / Σ w`, 0 for a member that does not count.
fn normalised(members: &[usize], w: &[f64], score: impl Fn(usize) -> Option<f64>) -> Vec<(usize, f64)> {
    let counts = |m: usize| w[m] > 0.0 && score(m).is_some();
    let total: f64 = members.iter().filter(|&&m| counts(m)).map(|&m| w[m]).sum();
    members.iter().map(|&m| (m, if counts(m) { w[m] / total } else { 0.0 })).collect()
}

/// The contributions in `year` on `path`; `None` when `year` is not one of the dataset's years.
pub fn contrib(ds: &Dataset, sc: &Scenario, year: i32, path: ScorePath) -> Option<Contributions> {
    if year < ds.years.first || year > ds.years.last {
        return None;
    }
    let k = (year - ds.years.first) as usize;
    let links = Links::new(ds);
    let r = score_with(ds, &links, sc, path);
    let (wi, wg, wp) = weights_in_force(ds, &links, sc);
    let via_policy = r.method.via.has_policy();
    let ind_score = |i: usize| links.series_pos[i].and_then(|p| r.indicators[p].values[k]);
    let goal_score = |g: usize| r.goals[g].values[k];
    let pol_score = |p: usize| r.policies.get(p).and_then(|s| s.values[k]);

    // ω of each goal within the index (through its policy when `via` has policies).
    let mut omega_goal = vec![0.0; ds.goals.len()];
    if via_policy {
        let all: Vec<usize> = (0..ds.policies.len()).collect();
        for (p, wp) in normalised(&all, &wp, pol_score) {
            for (g, w) in normalised(&links.policy_members[p], &wg, goal_score) {
                omega_goal[g] = wp * w;
            }
        }
    } else {
        let all: Vec<usize> = (0..ds.goals.len()).collect();
        for (g, w) in normalised(&all, &wg, goal_score) {
            omega_goal[g] = w;
        }
    }
    // ω of each indicator (by dataset position).
    let mut omega = vec![0.0; ds.indicators.len()];
    for (g, members) in links.goal_members.iter().enumerate() {
        for (i, w) in normalised(members, &wi, ind_score) {
            omega[i] = omega_goal[g] * w;
        }
    }

    let index = r.index[k];
    let change = index.map(|x| x - 100.0);
    // ω of the indicators scoring 0 (geometric: the index is then 0).
    let zero: f64 = (0..ds.indicators.len()).filter(|&j| ind_score(j) == Some(0.0)).map(|j| omega[j]).sum();
    let part: Vec<Option<f64>> = (0..ds.indicators.len())
        .map(|i| {
            let (s, c, w) = (ind_score(i)?, change?, omega[i]);
            let x = index?;
            Some(match r.method.aggregate {
                _ if w == 0.0 => 0.0,
                Aggregate::Arithmetic => w * (s - 100.0),
                Aggregate::Geometric if x == 0.0 => {
                    if s == 0.0 {
                        -100.0 * w / zero
                    } else {
                        0.0
                    }
                }
                Aggregate::Geometric => {
                    let l = if x == 100.0 { 100.0 } else { c / libm::log(x / 100.0) };
                    w * libm::log(s / 100.0) * l
                }
            })
        })
        .collect();

    let scored = index.is_some();
    let goals: Vec<Option<f64>> = links
        .goal_members
        .iter()
        .enumerate()
        .map(|(g, members)| {
            goal_score(g).filter(|_| scored).map(|_| members.iter().filter_map(|&i| part[i]).sum::<f64>())
        })
        .collect();
    let policies = if via_policy {
        ById(
            ds.policies
                .iter()
                .enumerate()
                .map(|(p, x)| {
                    let sum = links.policy_members[p].iter().filter_map(|&g| goals[g]).sum::<f64>();
                    (x.id.clone(), pol_score(p).filter(|_| scored).map(|_| sum))
                })
                .collect(),
        )
    } else {
        ById::default()
    };
    let outcome: Vec<usize> = (0..ds.indicators.len()).filter(|&i| links.series_pos[i].is_some()).collect();
    Some(Contributions {
        format: CONTRIB_FORMAT,
        path,
        year,
        index,
        change,
        indicators: ById(outcome.iter().map(|&i| (ds.indicators[i].id.clone(), part[i])).collect()),
        goals: ById(ds.goals.iter().zip(&goals).map(|(x, c)| (x.id.clone(), *c)).collect()),
        policies,
        weights: ById(
            outcome
                .iter()
                .map(|&i| (ds.indicators[i].id.clone(), ind_score(i).filter(|_| scored).map(|_| omega[i])))
                .collect(),
        ),
    })
}
