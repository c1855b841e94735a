//! Scoring (SPEC §3): indicator scores, aggregation along `via`, milestones.
//!
//! Scoring is a pure function of the dataset, the scenario and the path.
//! [`Links`] (ids resolved to positions) is computed once per dataset so that
//! a re-score after an edit reads nothing again.

use crate::dataset::{Aggregate, Dataset, Direction, Method, Stage};
use crate::messages::{Msg, Undefined};
use crate::paths::{values_on_path, Anchors, ScorePath};
use crate::problem::Problem;
use crate::result::{MilestoneResult, ScoreResult, Series};
use crate::scenario::{Entry, Scenario};
use std::collections::HashMap;

/// Positions of ids, and each indicator's goal and goal's policy.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// Built on first use: a plain score without a scenario never needs it.
    indicator: std::sync::OnceLock<HashMap<String, usize>>,
    pub goal: HashMap<String, usize>,
    pub policy: HashMap<String, usize>,
    /// `ind_goal[i]`: the goal of indicator `i`.
    pub ind_goal: Vec<Option<usize>>,
    /// `goal_policy[g]`: the policy of goal `g`.
    pub goal_policy: Vec<Option<usize>>,
}

impl Links {
    pub fn new(ds: &Dataset) -> Links {
        let goal: HashMap<String, usize> = ds.goals.iter().enumerate().map(|(i, x)| (x.id.clone(), i)).collect();
        let policy: HashMap<String, usize> = ds.policies.iter().enumerate().map(|(i, x)| (x.id.clone(), i)).collect();
        let ind_goal = ds.indicators.iter().map(|x| goal.get(&x.goal).copied()).collect();
        let goal_policy = ds.goals.iter().map(|g| policy.get(&g.policy).copied()).collect();
        Links { indicator: std::sync::OnceLock::new(), goal, policy, ind_goal, goal_policy }
    }

    /// Position of each indicator id (`ds` must be the dataset these links were made from).
    pub fn indicators(&self, ds: &Dataset) -> &HashMap<String, usize> {
        self.indicator.get_or_init(|| ds.indicators.iter().enumerate().map(|(i, x)| (x.id.clone(), i)).collect())
    }
}

/// The method in force: the dataset's, replaced field by field by the scenario's.
pub fn effective_method(ds: &Dataset, sc: &Scenario) -> Method {
    let m = ds.index.method;
    Method {
        aggregate: sc.method.aggregate.unwrap_or(m.aggregate),
        via: sc.method.via.unwrap_or(m.via),
        cap: sc.method.cap.unwrap_or(m.cap),
    }
}

/// Scores `ds` with `sc` on `path`.
pub fn score(ds: &Dataset, sc: &Scenario, path: ScorePath) -> ScoreResult {
    score_with(ds, &Links::new(ds), sc, path)
}

/// Running sums of one node in one year.
#[derive(Clone, Copy, Default)]
struct Acc {
    /// Σ w·s (arithmetic) or Σ w·ln s (geometric)
    sum: f64,
    /// Σ w
    w: f64,
    /// a child scored 0 (geometric: the node is 0)
    zero: bool,
}

impl Acc {
    #[inline]
    fn add(&mut self, agg: Aggregate, w: f64, s: f64) {
        if w <= 0.0 {
            return;
        }
        self.w += w;
        match agg {
            Aggregate::Arithmetic => self.sum += w * s,
            Aggregate::Geometric => {
                if s <= 0.0 {
                    self.zero = true;
                } else {
                    self.sum += w * s.ln();
                }
            }
        }
    }
    #[inline]
    fn value(&self, agg: Aggregate) -> Option<f64> {
        if self.w <= 0.0 {
            return None;
        }
        let v = match agg {
            Aggregate::Arithmetic => self.sum / self.w,
            Aggregate::Geometric if self.zero => 0.0,
            Aggregate::Geometric => (self.sum / self.w).exp(),
        };
        v.is_finite().then_some(v)
    }
}

/// Scenario entries as `(indicator position, year, value)`, sorted.
fn resolve(entries: &[Entry], ids: &HashMap<String, usize>) -> Vec<(usize, i32, f64)> {
    let mut v: Vec<(usize, i32, f64)> =
        entries.iter().filter_map(|e| ids.get(&e.indicator).map(|&i| (i, e.year, e.value))).collect();
    v.sort_by_key(|e| (e.0, e.1));
    v
}

/// The entries of indicator `i` from a sorted list, advancing `cursor`.
fn take<'a>(
    list: &[(usize, i32, f64)],
    cursor: &mut usize,
    i: usize,
    buf: &'a mut Vec<(i32, f64)>,
) -> &'a [(i32, f64)] {
    buf.clear();
    while *cursor < list.len() && list[*cursor].0 < i {
        *cursor += 1;
    }
    while *cursor < list.len() && list[*cursor].0 == i {
        buf.push((list[*cursor].1, list[*cursor].2));
        *cursor += 1;
    }
    buf
}

/// Weights of a list, replaced by the scenario's where given.
fn weights<'a, T: 'a>(
    items: &'a [T],
    w: impl Fn(&T) -> f64,
    over: &std::collections::BTreeMap<String, f64>,
    ids: &HashMap<String, usize>,
) -> Vec<f64> {
    let mut out: Vec<f64> = items.iter().map(w).collect();
    for (id, &x) in over {
        if let Some(&i) = ids.get(id) {
            out[i] = x;
        }
    }
    out
}

/// Scores with precomputed [`Links`] (which must be those of `ds`).
pub fn score_with(ds: &Dataset, links: &Links, sc: &Scenario, path: ScorePath) -> ScoreResult {
    let method = effective_method(ds, sc);
    let agg = method.aggregate;
    let first = ds.years.first;
    let ny = ds.years.len();
    let years = ds.years.list();
    let base_year = ds.index.base_year;

    let empty = HashMap::new();
    let uses_ids = !(sc.targets.is_empty() && sc.values.is_empty() && sc.weights.indicators.is_empty());
    let ids = if uses_ids { links.indicators(ds) } else { &empty };
    let ind_w = weights(&ds.indicators, |x| x.weight, &sc.weights.indicators, ids);
    let goal_w = weights(&ds.goals, |x| x.weight, &sc.weights.goals, &links.goal);
    let pol_w = weights(&ds.policies, |x| x.weight, &sc.weights.policies, &links.policy);
    let over_t = resolve(&sc.targets, ids);
    let over_v = resolve(&sc.values, ids);

    let mut goal_acc = vec![Acc::default(); ds.goals.len() * ny];
    let mut ind_series = Vec::new();
    let mut warnings: Vec<Problem> = Vec::new();
    let (mut ct, mut cv) = (0usize, 0usize);
    let (mut bt, mut bv, mut anchors) = (Vec::new(), Vec::new(), Vec::new());
    let mut vals = vec![None; ny];

    for (i, ind) in ds.indicators.iter().enumerate() {
        if ind.stage != Stage::OutcomeLong {
            continue;
        }
        let a = Anchors {
            base_year,
            baseline: ind.baseline,
            values: &ind.values,
            targets: &ind.targets,
            over_targets: take(&over_t, &mut ct, i, &mut bt),
            over_values: take(&over_v, &mut cv, i, &mut bv),
        };
        values_on_path(&a, path, first, &mut vals, &mut anchors);
        let mut scores = Vec::with_capacity(ny);
        let (mut down_zero, mut overflow) = (Vec::new(), Vec::new());
        for (k, x) in vals.iter().enumerate() {
            let s = x.and_then(|x| {
                let s = match ind.direction {
                    Direction::Up => 100.0 * x / ind.baseline,
                    Direction::Down if x == 0.0 => {
                        down_zero.push(first + k as i32);
                        return None;
                    }
                    Direction::Down => 100.0 * ind.baseline / x,
                };
                let s = match method.cap {
                    Some(c) => s.min(c),
                    None => s,
                };
                if s.is_finite() {
                    Some(s)
                } else {
                    overflow.push(first + k as i32);
                    None
                }
            });
            if let (Some(s), Some(g)) = (s, links.ind_goal[i]) {
                goal_acc[g * ny + k].add(agg, ind_w[i], s);
            }
            scores.push(s);
        }
        for (years, why) in [(down_zero, Undefined::DownZero), (overflow, Undefined::Overflow)] {
            if !years.is_empty() {
                warnings.push(Problem::warning(format!("indicators[{i}]"), Msg::ScoreUndefined { years, why }));
            }
        }
        ind_series.push(Series { id: ind.id.clone(), values: scores });
    }

    let node_series =
        |acc: &[Acc], k: usize| -> Vec<Option<f64>> { (0..ny).map(|t| acc[k * ny + t].value(agg)).collect() };
    let goals: Vec<Series> = ds
        .goals
        .iter()
        .enumerate()
        .map(|(g, x)| Series { id: x.id.clone(), values: node_series(&goal_acc, g) })
        .collect();

    let mut policies = Vec::new();
    let mut top = vec![Acc::default(); ny];
    if method.via.has_policy() {
        let mut pol_acc = vec![Acc::default(); ds.policies.len() * ny];
        for (g, s) in goals.iter().enumerate() {
            if let Some(p) = links.goal_policy[g] {
                for (t, v) in s.values.iter().enumerate() {
                    if let Some(v) = v {
                        pol_acc[p * ny + t].add(agg, goal_w[g], *v);
                    }
                }
            }
        }
        policies = ds
            .policies
            .iter()
            .enumerate()
            .map(|(p, x)| Series { id: x.id.clone(), values: node_series(&pol_acc, p) })
            .collect();
        for (p, s) in policies.iter().enumerate() {
            for (t, v) in s.values.iter().enumerate() {
                if let Some(v) = v {
                    top[t].add(agg, pol_w[p], *v);
                }
            }
        }
    } else {
        for (g, s) in goals.iter().enumerate() {
            for (t, v) in s.values.iter().enumerate() {
                if let Some(v) = v {
                    top[t].add(agg, goal_w[g], *v);
                }
            }
        }
    }
    let index: Vec<Option<f64>> = top.iter().map(|a| a.value(agg)).collect();

    let milestones = ds
        .index
        .milestones
        .iter()
        .map(|m| {
            let k = m.year - first;
            let value = if k >= 0 { index.get(k as usize).copied().flatten() } else { None };
            MilestoneResult {
                year: m.year,
                target: m.value,
                value,
                gap: value.map(|v| v - m.value),
                met: value.is_some_and(|v| v >= m.value - 1e-9),
            }
        })
        .collect();

    ScoreResult { path, years, base_year, method, index, policies, goals, indicators: ind_series, milestones, warnings }
}
