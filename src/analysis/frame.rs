//! One path of a dataset and scenario laid out for re-aggregation: each
//! outcome_long indicator's values per year, its weight, and the tree above
//! it. Goal seek and the Monte Carlo evaluate the index from this alone,
//! combining children with [`Acc`] in the same order as `score::full`, so that
//! with nothing changed they give the index of `score` bit for bit.

use crate::model::{Aggregate, Dataset, Direction, Links, Scenario, ScorePath, Stage};
use crate::score::{effective_method, ratio_score, values_on_path, Acc, Anchors, Weights};
use std::collections::HashMap;

/// One outcome_long indicator on the path.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// Position in `ds.indicators`.
    pub pos: usize,
    pub goal: Option<usize>,
    /// The baseline, in the units of `values`.
    pub baseline: f64,
    pub direction: Direction,
    /// Value per year on the path, times `scale`.
    pub values: Vec<Option<f64>>,
    /// The units of `values` and `baseline`: 1, or 2⁻⁶⁴ at huge magnitudes
    /// (`score::values_on_path`); a value is `values[t] / scale`.
    pub scale: f64,
    /// The last year with an actual anchor (baseline, reported or scenario value).
    pub last_actual: i32,
}

/// A node whose score is set instead of aggregated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Fixed {
    None,
    /// (position in `rows`, score; `None` leaves it out)
    Indicator(usize, Option<f64>),
    Goal(usize, f64),
    Policy(usize, f64),
}

/// A dataset and scenario on one path, ready to re-aggregate.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    pub agg: Aggregate,
    pub via_policy: bool,
    pub cap: Option<f64>,
    pub first: i32,
    pub ny: usize,
    pub rows: Vec<Row>,
    /// Weights in force (`ind` by dataset position).
    pub w: Weights,
    /// The rows of each goal, in dataset order.
    pub goal_rows: Vec<Vec<usize>>,
    pub policy_goals: Vec<Vec<usize>>,
}

impl Frame {
    /// Lays out `ds` with `sc` on `path`.
    pub(crate) fn new(ds: &Dataset, links: &Links, sc: &Scenario, path: ScorePath) -> Frame {
        let method = effective_method(ds, sc);
        let ids = links.indicators(ds);
        // The scenario's entries by indicator position, in one pass (not one scan
        // of the scenario per indicator).
        let group = |list: &[crate::model::Entry]| {
            let mut by: HashMap<usize, Vec<(i32, f64)>> = HashMap::new();
            for e in list {
                if let Some(&i) = ids.get(e.indicator.as_str()) {
                    by.entry(i).or_default().push((e.year, e.value));
                }
            }
            by
        };
        let (mut by_t, mut by_v) = (group(&sc.targets), group(&sc.values));
        let ny = ds.years.len();
        let mut rows = Vec::new();
        let mut goal_rows = vec![Vec::new(); ds.goals.len()];
        let mut anchors = Vec::new();
        for (pos, ind) in ds.indicators.iter().enumerate() {
            if ind.stage != Stage::OutcomeLong {
                continue;
            }
            let mine = |by: &mut HashMap<usize, Vec<(i32, f64)>>| {
                let mut v = by.remove(&pos).unwrap_or_default();
                v.sort_by_key(|e| e.0);
                v
            };
            let (ot, ov) = (mine(&mut by_t), mine(&mut by_v));
            let a = Anchors {
                base_year: ds.index.base_year,
                baseline: ind.baseline,
                values: &ind.values,
                targets: &ind.targets,
                over_targets: &ot,
                over_values: &ov,
            };
            let mut values = vec![None; ny];
            let scale = values_on_path(&a, path, ds.years.first, &mut values, &mut anchors);
            let base = ds.index.base_year;
            let last_actual = match path {
                ScorePath::Plan => base,
                _ => ind.values.years().chain(ov.iter().map(|e| e.0)).filter(|&y| y > base).max().unwrap_or(base),
            };
            let goal = links.ind_goal[pos];
            if let Some(g) = goal {
                goal_rows[g].push(rows.len());
            }
            let baseline = ind.baseline * scale;
            rows.push(Row { pos, goal, baseline, direction: ind.direction, values, scale, last_actual });
        }
        Frame {
            agg: method.aggregate,
            via_policy: method.via.has_policy(),
            cap: method.cap,
            first: ds.years.first,
            ny,
            rows,
            w: Weights::new(ds, links, sc),
            goal_rows,
            policy_goals: links.policy_members.clone(),
        }
    }

    /// An indicator's score from its value (SPEC §3, as `score::full`).
    pub(crate) fn score_of(&self, r: &Row, x: f64) -> Option<f64> {
        let s = match r.direction {
            _ if x == r.baseline => 100.0,
            Direction::Up => ratio_score(x, r.baseline),
            Direction::Down if x == 0.0 => return None,
            Direction::Down => ratio_score(r.baseline, x),
        };
        let s = match self.cap {
            Some(c) => s.min(c),
            None => s,
        };
        s.is_finite().then_some(s)
    }

    /// Goal `g`'s score in one year from the rows' scores `s` in that year.
    pub(crate) fn goal_at(&self, s: &[Option<f64>], w: &Weights, g: usize) -> Option<f64> {
        self.goal_fixed(s, w, g, Fixed::None)
    }

    /// Policy `p`'s score in one year (`via` has policies).
    pub(crate) fn policy_at(&self, s: &[Option<f64>], w: &Weights, p: usize) -> Option<f64> {
        self.policy_fixed(s, w, p, Fixed::None)
    }

    fn goal_fixed(&self, s: &[Option<f64>], w: &Weights, g: usize, fixed: Fixed) -> Option<f64> {
        if let Fixed::Goal(f, v) = fixed {
            if f == g {
                return Some(v);
            }
        }
        let mut acc = Acc::default();
        for &r in &self.goal_rows[g] {
            let sr = match fixed {
                Fixed::Indicator(f, v) if f == r => v,
                _ => s[r],
            };
            if let Some(v) = sr {
                acc.add(self.agg, w.ind[self.rows[r].pos], v);
            }
        }
        acc.value(self.agg)
    }

    fn policy_fixed(&self, s: &[Option<f64>], w: &Weights, p: usize, fixed: Fixed) -> Option<f64> {
        if let Fixed::Policy(f, v) = fixed {
            if f == p {
                return Some(v);
            }
        }
        let mut acc = Acc::default();
        for &g in &self.policy_goals[p] {
            if let Some(v) = self.goal_fixed(s, w, g, fixed) {
                acc.add(self.agg, w.goal[g], v);
            }
        }
        acc.value(self.agg)
    }

    /// The index in one year from the rows' scores `s` in that year (by row),
    /// the weights `w` and one node held at a fixed score.
    pub(crate) fn index_at(&self, s: &[Option<f64>], w: &Weights, fixed: Fixed) -> Option<f64> {
        let mut top = Acc::default();
        if self.via_policy {
            for p in 0..self.policy_goals.len() {
                if let Some(v) = self.policy_fixed(s, w, p, fixed) {
                    top.add(self.agg, w.pol[p], v);
                }
            }
        } else {
            for g in 0..self.goal_rows.len() {
                if let Some(v) = self.goal_fixed(s, w, g, fixed) {
                    top.add(self.agg, w.goal[g], v);
                }
            }
        }
        top.value(self.agg)
    }

    /// The rows' scores in year position `t`, unchanged.
    pub(crate) fn scores_at(&self, t: usize) -> Vec<Option<f64>> {
        self.rows.iter().map(|r| r.values[t].and_then(|x| self.score_of(r, x))).collect()
    }
}
