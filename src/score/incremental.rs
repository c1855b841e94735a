//! Bringing a [`Cached`] result up to date after edits of some indicators'
//! targets or values: only those indicators, their goals, those goals'
//! policies and the index are recomputed, the index from the cached goal (or
//! policy) scores. The same functions combine the same numbers in the same
//! order as [`Cached::full`], so the result is the same bit for bit.

use super::aggregate::{node_series, Acc};
use super::full::{gap_undefined, index_series, indicator_scores, milestones, warnings, Cached, Ctx, Scratch};
use crate::model::{Dataset, Entry, Links, Scenario};

/// The scenario's entries of one indicator, sorted by year, into `out`.
fn entries_of(entries: &[Entry], id: &str, out: &mut Vec<(i32, f64)>) {
    out.clear();
    out.extend(entries.iter().filter(|e| e.indicator == id).map(|e| (e.year, e.value)));
    out.sort_by_key(|e| e.0);
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
        // The buffers are kept between updates: an edit allocates nothing
        // (what costs most in WebAssembly, where the allocator is slow).
        let Scratch { values, targets, assumed, warn, acc, goals: goals_touched, policies: policies_touched } =
            &mut self.scratch;
        let r = &mut self.result;
        goals_touched.clear();
        policies_touched.clear();
        let mut warnings_changed = false;
        for &i in changed {
            let (Some(ind), Some(Some(pos))) = (ds.indicators.get(i), links.series_pos.get(i)) else { continue };
            let had = self.ind_warn.len();
            self.ind_warn.retain(|(j, _)| *j != i);
            warn.clear();
            entries_of(&sc.targets, &ind.id, targets);
            entries_of(&sc.values, &ind.id, assumed);
            indicator_scores(&cx, i, ind, targets, assumed, values, warn, &mut r.indicators[*pos].values);
            warnings_changed |= had != self.ind_warn.len() || !warn.is_empty();
            let at = self.ind_warn.partition_point(|(j, _)| *j < i);
            self.ind_warn.splice(at..at, warn.drain(..));
            if let Some(g) = links.ind_goal[i] {
                note(goals_touched, g);
            }
        }
        for &g in goals_touched.iter() {
            acc.clear();
            acc.resize(ny, Acc::default());
            for &j in &links.goal_members[g] {
                if let Some(Some(pos)) = links.series_pos.get(j) {
                    for (k, s) in r.indicators[*pos].values.iter().enumerate() {
                        if let Some(s) = s {
                            acc[k].add(agg, self.w.ind[j], *s);
                        }
                    }
                }
            }
            let out = &mut r.goals[g].values;
            out.clear();
            out.extend(acc.iter().map(|a| a.value(agg)));
            if let Some(p) = links.goal_policy[g] {
                note(policies_touched, p);
            }
        }
        if method.via.has_policy() {
            for &p in policies_touched.iter() {
                let members = links.policy_members[p].iter().copied();
                node_series(agg, members, &self.w.goal, &r.goals, ny, acc, &mut r.policies[p].values);
            }
        }
        if !goals_touched.is_empty() {
            let had_gap = gap_undefined(&r.milestones);
            index_series(method, &self.w, &r.goals, &r.policies, ny, acc, &mut r.index);
            milestones(ds, &r.index, &mut r.milestones);
            warnings_changed |= had_gap || gap_undefined(&r.milestones);
        }
        if warnings_changed {
            self.result.warnings = warnings(&self.ind_warn, &self.result.milestones);
        }
    }
}
