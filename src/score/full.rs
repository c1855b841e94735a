//! A full score: every indicator, goal, policy and the index, with what an
//! incremental update needs kept alongside ([`Cached`]).

use super::aggregate::{node_series, Acc, Weights};
use super::effective_method;
use super::paths::{values_on_path, Anchors};
use crate::messages::{Msg, Undefined};
use crate::model::{
    Dataset, Direction, Entry, Indicator, Links, Method, MilestoneResult, Scenario, ScorePath, ScoreResult, Series,
    Stage, Str,
};
use crate::problem::Problem;
use std::collections::HashMap;

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

/// `100 · a / b`, multiplied first (the bits SPEC's examples were computed
/// with); where `100 · a` passes the double range, `100 · (a / b)`, so that a
/// finite score is never lost to an intermediate overflow (issue 15). Not
/// finite only when the score itself has no double.
#[inline]
pub(crate) fn ratio_score(a: f64, b: f64) -> f64 {
    let s = 100.0 * a / b;
    if s.is_finite() {
        s
    } else {
        100.0 * (a / b)
    }
}

/// Everything one indicator's scoring reads besides the indicator itself.
pub(super) struct Ctx {
    pub path: ScorePath,
    pub first: i32,
    pub ny: usize,
    pub base_year: i32,
    pub cap: Option<f64>,
}

/// One indicator's scores per year, written into `out` (cleared first; no
/// allocation once `out` and `scratch` have their size); undefined scores are
/// reported in `warn`.
#[allow(clippy::too_many_arguments)]
pub(super) fn indicator_scores(
    cx: &Ctx,
    i: usize,
    ind: &Indicator,
    over_targets: &[(i32, f64)],
    over_values: &[(i32, f64)],
    scratch: &mut (Vec<Option<f64>>, Vec<(i32, f64)>),
    warn: &mut Vec<(usize, Problem)>,
    out: &mut Vec<Option<f64>>,
) {
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
    // The values come in units of `scale` (1, or 2⁻⁶⁴ at huge magnitudes):
    // scored against the baseline in the same units, the bits are the same.
    let scale = values_on_path(&a, cx.path, cx.first, vals, anchors);
    let baseline = ind.baseline * scale;
    let (mut down_zero, mut overflow) = (Vec::new(), Vec::new());
    out.clear();
    out.extend(vals.iter().enumerate().map(|(k, x)| {
        let x = (*x)?;
        let s = match ind.direction {
            // At its baseline an indicator scores exactly 100.
            _ if x == baseline => 100.0,
            Direction::Up => ratio_score(x, baseline),
            Direction::Down if x == 0.0 => {
                down_zero.push(cx.first + k as i32);
                return None;
            }
            Direction::Down => ratio_score(baseline, x),
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
    }));
    for (years, why) in [(down_zero, Undefined::DownZero), (overflow, Undefined::Overflow)] {
        if !years.is_empty() {
            warn.push((i, Problem::warning(format!("indicators[{i}]"), Msg::ScoreUndefined { years, why })));
        }
    }
}

impl Ctx {
    pub(super) fn new(ds: &Dataset, method: Method, path: ScorePath) -> Ctx {
        Ctx { path, first: ds.years.first, ny: ds.years.len(), base_year: ds.index.base_year, cap: method.cap }
    }
}

/// A result with what it takes to bring it up to date after an edit that
/// touches only some indicators' targets or values (the engine's cache).
#[derive(Debug, Clone)]
pub(crate) struct Cached {
    pub result: ScoreResult,
    pub(super) w: Weights,
    /// Undefined-score warnings by indicator position, in order.
    pub(super) ind_warn: Vec<(usize, Problem)>,
    /// Buffers an update reuses, so that an edit allocates nothing.
    pub(super) scratch: Scratch,
}

/// The buffers of [`Cached::update`], kept between updates.
#[derive(Debug, Clone, Default)]
pub(super) struct Scratch {
    pub values: (Vec<Option<f64>>, Vec<(i32, f64)>),
    pub targets: Vec<(i32, f64)>,
    pub assumed: Vec<(i32, f64)>,
    pub warn: Vec<(usize, Problem)>,
    pub acc: Vec<Acc>,
    pub goals: Vec<usize>,
    pub policies: Vec<usize>,
}

impl Cached {
    /// Scores everything.
    pub fn full(ds: &Dataset, links: &Links, sc: &Scenario, path: ScorePath) -> Cached {
        let method = effective_method(ds, sc);
        let agg = method.aggregate;
        let cx = Ctx::new(ds, method, path);
        let ny = cx.ny;
        let empty = HashMap::new();
        let uses_ids = !(sc.targets.is_empty() && sc.values.is_empty());
        let ids = if uses_ids { links.indicators(ds) } else { &empty };
        let w = Weights::new(ds, links, sc);
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
            let mut scores = Vec::with_capacity(ny);
            indicator_scores(&cx, i, ind, ot, ov, &mut scratch, &mut ind_warn, &mut scores);
            if let Some(g) = links.ind_goal[i] {
                for (k, s) in scores.iter().enumerate() {
                    if let Some(s) = s {
                        goal_acc[g * ny + k].add(agg, w.ind[i], *s);
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
        let mut acc = Vec::new();
        let policies = if method.via.has_policy() {
            let series = |p: usize, acc: &mut Vec<Acc>| {
                let mut values = Vec::with_capacity(ny);
                node_series(agg, links.policy_members[p].iter().copied(), &w.goal, &goals, ny, acc, &mut values);
                values
            };
            ds.policies
                .iter()
                .enumerate()
                .map(|(p, x)| Series { id: x.id.clone(), values: series(p, &mut acc) })
                .collect()
        } else {
            Vec::new()
        };
        let mut index = Vec::with_capacity(ny);
        index_series(method, &w, &goals, &policies, ny, &mut acc, &mut index);
        let mut ms = Vec::new();
        milestones(ds, &index, &mut ms);
        let warnings = warnings(&ind_warn, &ms);
        let result = ScoreResult {
            path,
            years: ds.years.list(),
            base_year: ds.index.base_year,
            method,
            milestones: ms,
            index,
            policies,
            goals,
            indicators: ind_series,
            warnings,
        };
        Cached { result, w, ind_warn, scratch: Scratch::default() }
    }
}

/// The index from the policies' scores (`via` has policies) or the goals',
/// written into `out`, with `acc` as scratch.
pub(super) fn index_series(
    method: Method,
    w: &Weights,
    goals: &[Series],
    policies: &[Series],
    ny: usize,
    acc: &mut Vec<Acc>,
    out: &mut Vec<Option<f64>>,
) {
    if method.via.has_policy() {
        node_series(method.aggregate, 0..policies.len(), &w.pol, policies, ny, acc, out)
    } else {
        node_series(method.aggregate, 0..goals.len(), &w.goal, goals, ny, acc, out)
    }
}

/// The warnings of a result: the indicators' (by position), then one per
/// milestone whose gap has no double.
pub(super) fn warnings(ind_warn: &[(usize, Problem)], ms: &[MilestoneResult]) -> Vec<Problem> {
    let gaps = ms.iter().enumerate().filter(|(_, m)| m.value.is_some() && m.gap.is_none());
    let gaps =
        gaps.map(|(k, m)| Problem::warning(format!("index.milestones[{k}]"), Msg::GapUndefined { year: m.year }));
    ind_warn.iter().map(|(_, p)| p.clone()).chain(gaps).collect()
}

/// Whether a milestone's gap has no double (its warning is in the result).
pub(super) fn gap_undefined(ms: &[MilestoneResult]) -> bool {
    ms.iter().any(|m| m.value.is_some() && m.gap.is_none())
}

/// Each milestone checked against the index, written into `out` (cleared first).
pub(super) fn milestones(ds: &Dataset, index: &[Option<f64>], out: &mut Vec<MilestoneResult>) {
    let first = ds.years.first;
    out.clear();
    out.extend(ds.index.milestones.iter().map(|m| {
        let k = m.year - first;
        let value = if k >= 0 { index.get(k as usize).copied().flatten() } else { None };
        MilestoneResult {
            year: m.year,
            target: m.value,
            value,
            // None, with a warning (`warnings`), where it has no double
            gap: value.map(|v| v - m.value).filter(|g| g.is_finite()),
            met: value.is_some_and(|v| v >= m.value - 1e-9),
        }
    }));
}
