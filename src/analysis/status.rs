//! Progress status (SPEC §8.1, `"format": "vision-index-status/1"`): the rule of
//! Open SDG / Statistics Canada's progress measure, applied to scores, for the
//! index, every policy (when `via` has policies), goal and outcome_long indicator,
//! per milestone.
//!
//! Where SPEC leaves it open: when the latest actual year is at or after the
//! milestone year *T* but the node has no actual score in *T* itself, the latest
//! actual score is the one judged (`observed` and `observed_year` always give the
//! score and year the status was judged on). The plan path of an indicator
//! without any target after the base year is its baseline held flat: such an
//! indicator has no required score ("no target reaches *T*"), nor has a goal none
//! of whose indicators has a target, nor a policy none of whose goals has one.
//! A node without a required score is judged by the observed growth alone,
//! whatever the observed year.

use crate::model::{Dataset, Links, Named, Scenario, ScorePath, ScoreResult, Series, Str};
use crate::score::score_with;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// The status format tag.
pub const STATUS_FORMAT: &str = "vision-index-status/1";

/// Tolerance of "reached": a score ≥ required − 1e-9 counts as reached.
pub const EPS: f64 = 1e-9;
/// R thresholds with a required score: on track, acceleration needed, limited.
pub const RATIO_THRESHOLDS: [f64; 3] = [0.95, 0.60, 0.0];
/// CAGR thresholds without a required score: on track, acceleration needed, limited.
pub const GROWTH_THRESHOLDS: [f64; 3] = [0.015, 0.005, 0.0];

crate::model::named_enum! {
    /// A node's progress towards a milestone (displays: 目標達成 / 順調 / 加速が必要 /
    /// 進捗が限定的 / 悪化 / 未達 / データなし).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    pub enum Status {
        /// 目標達成: the required score is reached.
        Achieved = "achieved",
        /// 順調: growing fast enough (R ≥ 0.95, or CAGR ≥ 1.5 % without a target).
        OnTrack = "on_track",
        /// 加速が必要: 0.60 ≤ R < 0.95 (0.5 % ≤ CAGR < 1.5 %).
        AccelerationNeeded = "acceleration_needed",
        /// 進捗が限定的: 0 ≤ R < 0.60 (0 ≤ CAGR < 0.5 %).
        Limited = "limited",
        /// 悪化: moving away (R < 0, CAGR < 0, or a required CAGR ≤ 0 not reached).
        Deterioration = "deterioration",
        /// 未達: the milestone year is observed and the required score not reached.
        Missed = "missed",
        /// データなし: no actual score after the base year.
        NoData = "no_data",
    }
}

/// One node's status for one milestone; `None` (JSON `null`) where the rule does not use it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NodeStatus {
    /// The status.
    pub status: Status,
    /// R = observed CAGR / required CAGR.
    pub ratio: Option<f64>,
    /// The actual score judged.
    pub observed: Option<f64>,
    /// Its year.
    pub observed_year: Option<i32>,
    /// The score required in the milestone year.
    pub required: Option<f64>,
    /// (observed / 100)^(1 / (observed_year − base_year)) − 1.
    pub observed_cagr: Option<f64>,
    /// (required / 100)^(1 / (T − base_year)) − 1.
    pub required_cagr: Option<f64>,
}

/// Entries written as a JSON object `{ id: value }`, in the order given (dataset order).
#[derive(Debug, Clone, PartialEq)]
pub struct ById<T>(pub Vec<(Str, T)>);

impl<T> Default for ById<T> {
    fn default() -> Self {
        ById(Vec::new())
    }
}

impl<T> ById<T> {
    /// The value of `id`, if listed.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k.as_str() == id).map(|(_, v)| v)
    }
}

impl<T: Serialize> Serialize for ById<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Every node's status for one milestone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneStatus {
    /// The milestone's year *T*.
    pub year: i32,
    /// Its value *M*.
    pub target: f64,
    /// The index's status.
    pub index: NodeStatus,
    /// Each policy's (empty unless `via` has policies).
    pub policies: ById<NodeStatus>,
    /// Each goal's.
    pub goals: ById<NodeStatus>,
    /// Each outcome_long indicator's.
    pub indicators: ById<NodeStatus>,
}

/// The status of every node for every milestone (SPEC §8.1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusReport {
    /// Always [`STATUS_FORMAT`].
    pub format: &'static str,
    /// One entry per milestone of the dataset, in order.
    pub milestones: Vec<MilestoneStatus>,
}

impl StatusReport {
    /// Pretty JSON, numbers at full precision.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The status of every node of `ds` with `sc` for each milestone.
pub fn status(ds: &Dataset, sc: &Scenario) -> StatusReport {
    let links = Links::new(ds);
    let actual = score_with(ds, &links, sc, ScorePath::Actual);
    let plan = score_with(ds, &links, sc, ScorePath::Plan);
    let t0 = ds.index.base_year;
    // Which nodes have a target after the base year (an indicator's own, a goal's
    // or a policy's through its members); `ind_t` in the order of a result's indicators.
    // The scenario's targets after the base year, by indicator id, in one pass.
    let sc_targeted: std::collections::HashSet<&str> =
        sc.targets.iter().filter(|e| e.year > t0).map(|e| e.indicator.as_str()).collect();
    let targeted: Vec<bool> =
        ds.indicators.iter().map(|x| !x.targets.after(t0).is_empty() || sc_targeted.contains(x.id.as_str())).collect();
    let goal_t: Vec<bool> = links.goal_members.iter().map(|m| m.iter().any(|&i| targeted[i])).collect();
    let pol_t: Vec<bool> = links.policy_members.iter().map(|m| m.iter().any(|&g| goal_t[g])).collect();
    let ind_t: Vec<bool> =
        (0..ds.indicators.len()).filter(|&i| links.series_pos[i].is_some()).map(|i| targeted[i]).collect();
    let milestones = ds
        .index
        .milestones
        .iter()
        .map(|m| {
            let at = |r: &ScoreResult, s: &[Option<f64>], year: i32| -> Option<f64> {
                let k = year - r.years.first().copied()?;
                if k < 0 {
                    return None;
                }
                s.get(k as usize).copied().flatten()
            };
            let nodes = |a: &[Series], p: &[Series], targeted: &[bool]| -> ById<NodeStatus> {
                ById(
                    a.iter()
                        .zip(p)
                        .zip(targeted)
                        .map(|((a, p), &has)| {
                            let required = at(&plan, &p.values, m.year).filter(|_| has);
                            (a.id.clone(), judge(&actual.years, &a.values, t0, m.year, required))
                        })
                        .collect(),
                )
            };
            MilestoneStatus {
                year: m.year,
                target: m.value,
                index: judge(&actual.years, &actual.index, t0, m.year, Some(m.value)),
                policies: nodes(&actual.policies, &plan.policies, &pol_t),
                goals: nodes(&actual.goals, &plan.goals, &goal_t),
                indicators: nodes(&actual.indicators, &plan.indicators, &ind_t),
            }
        })
        .collect();
    StatusReport { format: STATUS_FORMAT, milestones }
}

/// The rule of SPEC §8.1 for one node: `actual` its scores on the actual path
/// (one per year of `years`), `t0` the base year, `t` the milestone year,
/// `required` the score required in `t` (`None`: judged by growth alone).
pub fn judge(years: &[i32], actual: &[Option<f64>], t0: i32, t: i32, required: Option<f64>) -> NodeStatus {
    let none = NodeStatus {
        status: Status::NoData,
        ratio: None,
        observed: None,
        observed_year: None,
        required: None,
        observed_cagr: None,
        required_cagr: None,
    };
    // The latest year after the base year with an actual score.
    let Some((ti, yi)) = years.iter().zip(actual).rev().find_map(|(&y, s)| s.filter(|_| y > t0).map(|s| (y, s))) else {
        return none;
    };
    let cagr = |y: f64, years: i32| libm::pow(y / 100.0, 1.0 / f64::from(years)) - 1.0;
    let Some(yt) = required else {
        let ci = cagr(yi, ti - t0);
        let [on, acc, lim] = GROWTH_THRESHOLDS;
        let status = grade(ci, on, acc, lim);
        return NodeStatus { status, observed: Some(yi), observed_year: Some(ti), observed_cagr: Some(ci), ..none };
    };
    let base = NodeStatus { required: Some(yt), ..none };
    if ti >= t {
        // Judged in T when there is an actual score in T.
        let (ty, y) =
            years.iter().zip(actual).find(|(&y, _)| y == t).and_then(|(&y, s)| s.map(|s| (y, s))).unwrap_or((ti, yi));
        let status = if y >= yt - EPS { Status::Achieved } else { Status::Missed };
        return NodeStatus { status, observed: Some(y), observed_year: Some(ty), ..base };
    }
    let base = NodeStatus { observed: Some(yi), observed_year: Some(ti), ..base };
    if yi >= yt - EPS {
        return NodeStatus { status: Status::Achieved, ..base };
    }
    let (ci, ct) = (cagr(yi, ti - t0), cagr(yt, t - t0));
    let base = NodeStatus { observed_cagr: Some(ci), required_cagr: Some(ct), ..base };
    if ct <= 0.0 {
        return NodeStatus { status: Status::Deterioration, ..base };
    }
    let r = ci / ct;
    let [on, acc, lim] = RATIO_THRESHOLDS;
    NodeStatus { status: grade(r, on, acc, lim), ratio: Some(r), ..base }
}

/// `x ≥ on`: on track; `acc ≤ x < on`: acceleration needed; `lim ≤ x < acc`: limited; below: deterioration.
fn grade(x: f64, on: f64, acc: f64, lim: f64) -> Status {
    if x >= on {
        Status::OnTrack
    } else if x >= acc {
        Status::AccelerationNeeded
    } else if x >= lim {
        Status::Limited
    } else {
        Status::Deterioration
    }
}
