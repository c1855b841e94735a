//! [`Links`]: a dataset's ids resolved to positions, and each node's parent and
//! children, computed once per dataset so that checking an edit or re-scoring
//! after one reads nothing again.

use super::dataset::Dataset;
use super::names::{Level, Stage};
use super::shared::Str;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Positions of ids, and each indicator's goal and goal's policy.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// Built on first use: a plain score without a scenario never needs it.
    indicator: OnceLock<HashMap<Str, usize>>,
    /// Position of each goal id.
    pub goal: HashMap<Str, usize>,
    /// Position of each policy id.
    pub policy: HashMap<Str, usize>,
    /// `ind_goal[i]`: the goal of indicator `i`.
    pub ind_goal: Vec<Option<usize>>,
    /// `goal_policy[g]`: the policy of goal `g`.
    pub goal_policy: Vec<Option<usize>>,
    /// `series_pos[i]`: where indicator `i` is in a result's `indicators` (outcome_long only).
    pub series_pos: Vec<Option<usize>>,
    /// `goal_members[g]`: the outcome_long indicators of goal `g`, in dataset order.
    pub goal_members: Vec<Vec<usize>>,
    /// `policy_members[p]`: the goals of policy `p`, in dataset order.
    pub policy_members: Vec<Vec<usize>>,
}

impl Links {
    /// The links of `ds`.
    pub fn new(ds: &Dataset) -> Links {
        let goal: HashMap<Str, usize> = ds.goals.iter().enumerate().map(|(i, x)| (x.id.clone(), i)).collect();
        let policy: HashMap<Str, usize> = ds.policies.iter().enumerate().map(|(i, x)| (x.id.clone(), i)).collect();
        let ind_goal: Vec<Option<usize>> = ds.indicators.iter().map(|x| goal.get(&x.goal).copied()).collect();
        let goal_policy: Vec<Option<usize>> = ds.goals.iter().map(|g| policy.get(&g.policy).copied()).collect();
        let mut series_pos = Vec::with_capacity(ds.indicators.len());
        let mut goal_members = vec![Vec::new(); ds.goals.len()];
        let mut n = 0;
        for (i, x) in ds.indicators.iter().enumerate() {
            if x.stage == Stage::OutcomeLong {
                series_pos.push(Some(n));
                n += 1;
                if let Some(g) = ind_goal[i] {
                    goal_members[g].push(i);
                }
            } else {
                series_pos.push(None);
            }
        }
        let mut policy_members = vec![Vec::new(); ds.policies.len()];
        for (g, p) in goal_policy.iter().enumerate() {
            if let Some(p) = p {
                policy_members[*p].push(g);
            }
        }
        Links {
            indicator: OnceLock::new(),
            goal,
            policy,
            ind_goal,
            goal_policy,
            series_pos,
            goal_members,
            policy_members,
        }
    }

    /// Position of each indicator id (`ds` must be the dataset these links were made from).
    pub fn indicators(&self, ds: &Dataset) -> &HashMap<Str, usize> {
        self.indicator.get_or_init(|| ds.indicators.iter().enumerate().map(|(i, x)| (x.id.clone(), i)).collect())
    }

    /// Position of each id of `level` (`ds` as for [`Links::indicators`]).
    pub fn ids(&self, ds: &Dataset, level: Level) -> &HashMap<Str, usize> {
        match level {
            Level::Policy => &self.policy,
            Level::Goal => &self.goal,
            Level::Indicator => self.indicators(ds),
        }
    }
}
