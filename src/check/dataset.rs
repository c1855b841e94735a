//! The rules of a dataset (SPEC §2) that look at more than one field: which
//! goals and policies are covered, and the entries that change no score. The
//! rules of one field are in [`crate::check`]; ids and references, which must
//! count even entries that failed their own checks, are resolved by the reader.

use super::after_base_year;
use crate::messages::Msg;
use crate::model::{Goal, Indicator, Policy, Project, Stage};
use crate::problem::{Path, Problems};

/// What the reader resolved: per entry, the position of the entry it refers to.
pub struct Resolved<'a> {
    /// `indicator_goal[i]`: the goal of indicator `i` (if it names one).
    pub indicator_goal: &'a [Option<usize>],
    /// `goal_policy[g]`: the policy of goal `g` (if it names one).
    pub goal_policy: &'a [Option<usize>],
    /// The position of the first goal with the id of goal `g` (a repeated id
    /// counts as its first entry: references resolve to that one).
    pub first_goal: &'a dyn Fn(usize) -> usize,
    /// The same for policies.
    pub first_policy: &'a dyn Fn(usize) -> usize,
}

/// Warnings (the dataset still loads): a goal with no `outcome_long`
/// indicator, a policy with no goal, a project with no KPI (unless it is marked
/// `no_kpi`: none by nature). `None` marks an
/// entry that could not be read; a goal (policy) is only judged when every
/// indicator (goal) could be read, since a broken one may be its.
pub fn coverage(
    policies: &[Option<Policy>],
    goals: &[Option<Goal>],
    indicators: &[Option<Indicator>],
    projects: &[Option<Project>],
    r: &Resolved,
    probs: &mut Problems,
) {
    let root = Path::Root;
    let mut goal_has_outcome = vec![false; goals.len()];
    for (x, g) in indicators.iter().zip(r.indicator_goal) {
        if let (Some(x), Some(g)) = (x, g) {
            if let Some(has) = goal_has_outcome.get_mut(*g).filter(|_| x.stage == Stage::OutcomeLong) {
                *has = true;
            }
        }
    }
    let mut policy_has_goal = vec![false; policies.len()];
    for (g, p) in goals.iter().zip(r.goal_policy) {
        if let (Some(_), Some(has)) = (g, p.and_then(|p| policy_has_goal.get_mut(p))) {
            *has = true;
        }
    }
    if indicators.iter().all(Option::is_some) {
        let l = root.key("goals");
        for (i, _) in goals.iter().enumerate().filter(|(_, g)| g.is_some()) {
            if !goal_has_outcome.get((r.first_goal)(i)).copied().unwrap_or(false) {
                probs.warn(&l.index(i), Msg::GoalWithoutOutcome);
            }
        }
    }
    if goals.iter().all(Option::is_some) {
        let l = root.key("policies");
        for (i, _) in policies.iter().enumerate().filter(|(_, p)| p.is_some()) {
            if !policy_has_goal.get((r.first_policy)(i)).copied().unwrap_or(false) {
                probs.warn(&l.index(i), Msg::PolicyWithoutGoal);
            }
        }
    }
    let l = root.key("projects");
    for (i, x) in projects.iter().enumerate() {
        if x.as_ref().is_some_and(|x| x.kpis.is_empty() && !x.no_kpi) {
            probs.warn(&l.index(i), Msg::ProjectWithoutKpi);
        }
    }
}

/// An indicator's values and targets in or before the base year change no
/// score: a warning each (`indicators[3].values.2023`).
pub fn indicator_years(x: &Indicator, base_year: i32, at: &Path, probs: &mut Problems) {
    for (key, map) in [("values", &x.values), ("targets", &x.targets)] {
        let p = at.key(key);
        // Keys are sorted: only the first few can be at or before the base year.
        for y in map.years().take_while(|y| *y <= base_year) {
            let ys = y.to_string();
            after_base_year(y, base_year, &p.key(&ys), probs);
        }
    }
}
