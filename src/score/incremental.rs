//! Bringing a [`Cached`] result up to date after edits of some indicators'
//! targets or values: only those indicators, their goals, those goals'
//! policies and the index are recomputed, the index from the cached goal (or
//! policy) scores. The same functions combine the same numbers in the same
//! order as [`Cached::full`], so the result is the same bit for bit.

use super::aggregate::Acc;
use super::full::{index_series, indicator_scores, milestones, policy_series, Cached, Ctx};
use crate::model::{Dataset, Entry, Links, Scenario};

/// The scenario's entries of one indicator, sorted by year.
fn entries_of(entries: &[Entry], id: &str) -> Vec<(i32, f64)> {
    let mut v: Vec<(i32, f64)> = entries.iter().filter(|e| e.indicator == id).map(|e| (e.year, e.value)).collect();
    v.sort_by_key(|e| e.0);
    v
}

/// Adds `x` to `list` unless it is there already (the lists are a few long).
fn note(list: &mut Vec<usize>, x: usize) {
    if !list.contains(&x) {
        list.push(x);
    }
}

impl Cached {
    /// Brings the result up to date after edits of the targets or values of
    /// the indicators at `changed` (nothing else may have changed). Gives
    /// exactly what [`Cached::full`] gives.
    pub fn update(&mut self, ds: &Dataset, links: &Links, sc: &Scenario, changed: &[usize]) {
        let method = self.result.method;
        let agg = method.aggregate;
        let cx = Ctx::new(ds, method, self.result.path);
        let ny = cx.ny;
        let mut scratch = (Vec::new(), Vec::new());
        let mut goals_touched = Vec::new();
        let mut warnings_changed = false;
        for &i in changed {
            let (Some(ind), Some(Some(pos))) = (ds.indicators.get(i), links.series_pos.get(i)) else { continue };
            let had = self.ind_warn.len();
            self.ind_warn.retain(|(j, _)| *j != i);
            let mut warn = Vec::new();
            let ot = entries_of(&sc.targets, &ind.id);
            let ov = entries_of(&sc.values, &ind.id);
            self.result.indicators[*pos].values = indicator_scores(&cx, i, ind, &ot, &ov, &mut scratch, &mut warn);
            warnings_changed |= had != self.ind_warn.len() || !warn.is_empty();
            let at = self.ind_warn.partition_point(|(j, _)| *j < i);
            self.ind_warn.splice(at..at, warn);
            if let Some(g) = links.ind_goal[i] {
                note(&mut goals_touched, g);
            }
        }
        let mut policies_touched = Vec::new();
        for &g in &goals_touched {
            let mut acc = vec![Acc::default(); ny];
            for &j in &links.goal_members[g] {
                if let Some(Some(pos)) = links.series_pos.get(j) {
                    for (k, s) in self.result.indicators[*pos].values.iter().enumerate() {
                        if let Some(s) = s {
                            acc[k].add(agg, self.w.ind[j], *s);
                        }
                    }
                }
            }
            self.result.goals[g].values = acc.iter().map(|a| a.value(agg)).collect();
            if let Some(p) = links.goal_policy[g] {
                note(&mut policies_touched, p);
            }
        }
        if method.via.has_policy() {
            for p in policies_touched {
                self.result.policies[p].values = policy_series(links, &self.w, &self.result.goals, p, method, ny);
            }
        }
        if !goals_touched.is_empty() {
            self.result.index = index_series(method, &self.w, &self.result.goals, &self.result.policies, ny);
            self.result.milestones = milestones(ds, &self.result.index);
        }
        if warnings_changed {
            self.result.warnings = self.ind_warn.iter().map(|(_, p)| p.clone()).collect();
        }
    }
}
