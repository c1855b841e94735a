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
use crate::shared::Str;
use std::collections::HashMap;

/// Positions of ids, and each indicator's goal and goal's policy.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// Built on first use: a plain score without a scenario never needs it.
    indicator: std::sync::OnceLock<HashMap<Str, usize>>,
    pub goal: HashMap<Str, usize>,
    pub policy: HashMap<Str, usize>,
    /// `ind_goal[i]`: the goal of indicator `i`.
    pub ind_goal: Vec<Option<usize>>,
    /// `goal_policy[g]`: the policy of goal `g`.
    pub goal_policy: Vec<Option<usize>>,
    /// `series_pos[i]`: where indicator `i` is in a result's `indicators` (outcome_long only).
    pub series_pos: Vec<Option<usize>>,
    /// `goal_members[g]`: the outcome_long indicators of goal `g`, in dataset order.
    pub goal_members: Vec<Vec<usize>>,
}

impl Links {
    pub fn new(ds: &Dataset) -> Links {
        let goal: HashMap<Str, usize> = ds.goals.iter().enumerate().map(|(i, x)| (x.id.clone(), i)).collect();
        let policy: HashMap<Str, usize> = ds.policies.iter().enumerate().map(|(i, x)| (x.id.clone(), i)).collect();
        let ind_goal: Vec<Option<usize>> = ds.indicators.iter().map(|x| goal.get(&x.goal).copied()).collect();
        let goal_policy = ds.goals.iter().map(|g| policy.get(&g.policy).copied()).collect();
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
        Links { indicator: std::sync::OnceLock::new(), goal, policy, ind_goal, goal_policy, series_pos, goal_members }
    }

    /// Position of each indicator id (`ds` must be the dataset these links were made from).
    pub fn indicators(&self, ds: &Dataset) -> &HashMap<Str, usize> {
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
///
/// Scores are summed as their distance from 100 — Σ w·(s − 100) for the arithmetic
/// mean, Σ w·ln(s / 100) for the geometric one — and 100 is added back (or
/// multiplied back) at the end. That is the same weighted mean, but children that
/// all score exactly 100 (the base year) give exactly 100 whatever the weights.
/// The mean is finally held within its smallest and largest child, which rounding
/// could otherwise cross by an ulp.
#[derive(Clone, Copy)]
struct Acc {
    /// Σ w·(s − 100) (arithmetic) or Σ w·ln(s / 100) (geometric)
    sum: f64,
    /// smallest and largest child counted
    lo: f64,
    hi: f64,
    /// Σ w
    w: f64,
    /// a child scored 0 (geometric: the node is 0)
    zero: bool,
}

impl Default for Acc {
    fn default() -> Self {
        Acc { sum: 0.0, lo: f64::INFINITY, hi: f64::NEG_INFINITY, w: 0.0, zero: false }
    }
}

impl Acc {
    #[inline]
    fn add(&mut self, agg: Aggregate, w: f64, s: f64) {
        if w <= 0.0 {
            return;
        }
        self.w += w;
        self.lo = self.lo.min(s);
        self.hi = self.hi.max(s);
        match agg {
            Aggregate::Arithmetic => self.sum += w * (s - 100.0),
            Aggregate::Geometric => {
                if s <= 0.0 {
                    self.zero = true;
                } else {
                    self.sum += w * (s / 100.0).ln();
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
            Aggregate::Arithmetic => 100.0 + self.sum / self.w,
            Aggregate::Geometric if self.zero => 0.0,
            Aggregate::Geometric => 100.0 * (self.sum / self.w).exp(),
        };
        v.is_finite().then_some(v.clamp(self.lo, self.hi))
    }
}

/// Scenario entries as `(indicator position, year, value)`, sorted.
fn resolve(entries: &[Entry], ids: &HashMap<Str, usize>) -> Vec<(usize, i32, f64)> {
    let mut v: Vec<(usize, i32, f64)> =
        entries.iter().filter_map(|e| ids.get(e.indicator.as_str()).map(|&i| (i, e.year, e.value))).collect();
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
    ids: &HashMap<Str, usize>,
) -> Vec<f64> {
    let mut out: Vec<f64> = items.iter().map(w).collect();
    for (id, &x) in over {
        if let Some(&i) = ids.get(id.as_str()) {
            out[i] = x;
        }
    }
    // Weights only count relative to each other: scale huge ones down so that
    // Σ w·s cannot overflow (ordinary weights are left exactly as they are).
    let max = out.iter().copied().fold(0.0, f64::max);
    if max > 1e100 {
        out.iter_mut().for_each(|w| *w /= max);
    }
    out
}

/// Scores with precomputed [`Links`] (which must be those of `ds`).
pub fn score_with(ds: &Dataset, links: &Links, sc: &Scenario, path: ScorePath) -> ScoreResult {
    Cached::full(ds, links, sc, path).result
}

/// The scenario's entries of one indicator, sorted by year.
fn entries_of(entries: &[Entry], id: &str) -> Vec<(i32, f64)> {
    let mut v: Vec<(i32, f64)> = entries.iter().filter(|e| e.indicator == id).map(|e| (e.year, e.value)).collect();
    v.sort_by_key(|e| e.0);
    v
}

/// Everything one indicator's scoring reads besides the indicator itself.
struct Ctx {
    path: ScorePath,
    first: i32,
    ny: usize,
    base_year: i32,
    cap: Option<f64>,
}

/// One indicator's scores per year; undefined scores are reported in `warn`.
fn indicator_scores(
    cx: &Ctx,
    i: usize,
    ind: &crate::dataset::Indicator,
    over_targets: &[(i32, f64)],
    over_values: &[(i32, f64)],
    scratch: &mut (Vec<Option<f64>>, Vec<(i32, f64)>),
    warn: &mut Vec<(usize, Problem)>,
) -> Vec<Option<f64>> {
    let a = Anchors {
        base_year: cx.base_year,
        baseline: ind.baseline,
        values: &ind.values,
        targets: &ind.targets,
        over_targets,
        over_values,
    };
    let (vals, anchors) = scratch;
    vals.clear();
    vals.resize(cx.ny, None);
    values_on_path(&a, cx.path, cx.first, vals, anchors);
    let (mut down_zero, mut overflow) = (Vec::new(), Vec::new());
    let scores = vals
        .iter()
        .enumerate()
        .map(|(k, x)| {
            let x = (*x)?;
            let s = match ind.direction {
                // At its baseline an indicator scores exactly 100.
                _ if x == ind.baseline => 100.0,
                Direction::Up => 100.0 * x / ind.baseline,
                Direction::Down if x == 0.0 => {
                    down_zero.push(cx.first + k as i32);
                    return None;
                }
                Direction::Down => 100.0 * ind.baseline / x,
            };
            let s = match cx.cap {
                Some(c) => s.min(c),
                None => s,
            };
            if s.is_finite() {
                Some(s)
            } else {
                overflow.push(cx.first + k as i32);
                None
            }
        })
        .collect();
    for (years, why) in [(down_zero, Undefined::DownZero), (overflow, Undefined::Overflow)] {
        if !years.is_empty() {
            warn.push((i, Problem::warning(format!("indicators[{i}]"), Msg::ScoreUndefined { years, why })));
        }
    }
    scores
}

/// A result with what it takes to bring it up to date after an edit that
/// touches only some indicators' targets or values (the engine's cache).
#[derive(Debug, Clone)]
pub(crate) struct Cached {
    pub result: ScoreResult,
    ind_w: Vec<f64>,
    goal_w: Vec<f64>,
    pol_w: Vec<f64>,
    /// Undefined-score warnings by indicator position, in order.
    ind_warn: Vec<(usize, Problem)>,
}

impl Cached {
    /// Scores everything.
    pub fn full(ds: &Dataset, links: &Links, sc: &Scenario, path: ScorePath) -> Cached {
        let method = effective_method(ds, sc);
        let agg = method.aggregate;
        let cx =
            Ctx { path, first: ds.years.first, ny: ds.years.len(), base_year: ds.index.base_year, cap: method.cap };
        let ny = cx.ny;
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
        let mut ind_warn = Vec::new();
        let (mut ct, mut cv) = (0usize, 0usize);
        let (mut bt, mut bv) = (Vec::new(), Vec::new());
        let mut scratch = (Vec::new(), Vec::new());
        for (i, ind) in ds.indicators.iter().enumerate() {
            if ind.stage != Stage::OutcomeLong {
                continue;
            }
            let ot = take(&over_t, &mut ct, i, &mut bt);
            let ov = take(&over_v, &mut cv, i, &mut bv);
            let scores = indicator_scores(&cx, i, ind, ot, ov, &mut scratch, &mut ind_warn);
            if let Some(g) = links.ind_goal[i] {
                for (k, s) in scores.iter().enumerate() {
                    if let Some(s) = s {
                        goal_acc[g * ny + k].add(agg, ind_w[i], *s);
                    }
                }
            }
            ind_series.push(Series { id: ind.id.clone(), values: scores });
        }
        let goals: Vec<Series> = ds
            .goals
            .iter()
            .enumerate()
            .map(|(g, x)| Series {
                id: x.id.clone(),
                values: (0..ny).map(|t| goal_acc[g * ny + t].value(agg)).collect(),
            })
            .collect();
        let result = top(ds, links, method, path, &goal_w, &pol_w, goals, ind_series, &ind_warn);
        Cached { result, ind_w, goal_w, pol_w, ind_warn }
    }

    /// Brings the result up to date after edits of the targets or values of
    /// the indicators at `changed` (nothing else may have changed). Gives
    /// exactly what [`Cached::full`] gives: same operations, same order.
    pub fn update(&mut self, ds: &Dataset, links: &Links, sc: &Scenario, changed: &[usize]) {
        let method = self.result.method;
        let agg = method.aggregate;
        let path = self.result.path;
        let cx =
            Ctx { path, first: ds.years.first, ny: ds.years.len(), base_year: ds.index.base_year, cap: method.cap };
        let mut scratch = (Vec::new(), Vec::new());
        let mut goals_touched: Vec<usize> = Vec::new();
        for &i in changed {
            let (Some(ind), Some(Some(pos))) = (ds.indicators.get(i), links.series_pos.get(i)) else { continue };
            self.ind_warn.retain(|(j, _)| *j != i);
            let mut warn = Vec::new();
            let ot = entries_of(&sc.targets, &ind.id);
            let ov = entries_of(&sc.values, &ind.id);
            self.result.indicators[*pos].values = indicator_scores(&cx, i, ind, &ot, &ov, &mut scratch, &mut warn);
            let at = self.ind_warn.partition_point(|(j, _)| *j < i);
            self.ind_warn.splice(at..at, warn);
            if let Some(g) = links.ind_goal[i] {
                if !goals_touched.contains(&g) {
                    goals_touched.push(g);
                }
            }
        }
        let ny = cx.ny;
        let mut goals = std::mem::take(&mut self.result.goals);
        for g in goals_touched {
            let mut acc = vec![Acc::default(); ny];
            for &j in &links.goal_members[g] {
                if let Some(Some(pos)) = links.series_pos.get(j) {
                    for (k, s) in self.result.indicators[*pos].values.iter().enumerate() {
                        if let Some(s) = s {
                            acc[k].add(agg, self.ind_w[j], *s);
                        }
                    }
                }
            }
            goals[g].values = acc.iter().map(|a| a.value(agg)).collect();
        }
        let indicators = std::mem::take(&mut self.result.indicators);
        self.result = top(ds, links, method, path, &self.goal_w, &self.pol_w, goals, indicators, &self.ind_warn);
    }
}

/// Policies (when `via` has them), the index and the milestones from the goal scores.
#[allow(clippy::too_many_arguments)]
fn top(
    ds: &Dataset,
    links: &Links,
    method: Method,
    path: ScorePath,
    goal_w: &[f64],
    pol_w: &[f64],
    goals: Vec<Series>,
    indicators: Vec<Series>,
    ind_warn: &[(usize, Problem)],
) -> ScoreResult {
    let agg = method.aggregate;
    let first = ds.years.first;
    let ny = ds.years.len();
    let node_series =
        |acc: &[Acc], k: usize| -> Vec<Option<f64>> { (0..ny).map(|t| acc[k * ny + t].value(agg)).collect() };
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

    ScoreResult {
        path,
        years: ds.years.list(),
        base_year: ds.index.base_year,
        method,
        index,
        policies,
        goals,
        indicators,
        milestones,
        warnings: ind_warn.iter().map(|(_, p)| p.clone()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::load_dataset;

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
