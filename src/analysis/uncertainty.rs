//! Uncertainty (SPEC §8.4): a reproducible Monte Carlo of the index.
//!
//! The generator is ChaCha8 (`rand_chacha::ChaCha8Rng`) seeded with
//! `seed_from_u64(seed)`; a uniform number in [0, 1) is `(x >> 11) · 2⁻⁵³` of
//! the generator's next `u64` x (exact in f64, no platform maths), and a
//! number in [−a, a) is a·(2u − 1). Each draw reads, in this order:
//!
//! 1. one u per policy, then per goal, then per outcome_long indicator, each
//!    in dataset order, for those whose weight in force is > 0: the weight is
//!    multiplied by 1 + R·(2u − 1);
//! 2. one u per outcome_long indicator in dataset order: eᵢ = E·(2u − 1), and
//!    its values in the years after its last actual anchor on the path are
//!    multiplied by 1 + eᵢ.
//!
//! The numbers are read whatever R and E are (with 0 the factors are exactly 1),
//! so the stream does not depend on them. The index of each year is then
//! aggregated as `score` does it; percentiles are nearest-rank over the draws
//! whose index is defined (`null` when none is), and `p_met` is the share of
//! all draws whose index in the milestone year is ≥ target − 1e-9.

use super::frame::{Fixed, Frame};
use crate::model::{Dataset, Links, Scenario, ScorePath};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

/// `format` of an uncertainty answer.
pub const UNCERTAINTY_FORMAT: &str = "vision-index-uncertainty/1";

/// The most draws a run may ask for.
pub const MAX_DRAWS: u64 = 1_000_000;

/// What to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// The path scored in each draw.
    pub path: ScorePath,
    /// N, 1 ≤ N ≤ [`MAX_DRAWS`].
    pub draws: u64,
    /// The generator's seed.
    pub seed: u64,
    /// R: weights multiplied by U[1 − R, 1 + R], 0 ≤ R < 1.
    pub weights: f64,
    /// E: values after the last actual multiplied by 1 + U[−E, E], 0 ≤ E < 1.
    pub spread: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options { path: ScorePath::Outlook, draws: 10_000, seed: 0, weights: 0.0, spread: 0.1 }
    }
}

/// One milestone's share of draws that meet it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneChance {
    /// The milestone year.
    pub year: i32,
    /// Its value.
    pub target: f64,
    /// The share of draws with index ≥ target − 1e-9.
    pub p_met: f64,
}

/// The answer (`vision-index-uncertainty/1`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UncertaintyResult {
    /// [`UNCERTAINTY_FORMAT`]
    pub format: &'static str,
    /// The path.
    pub path: ScorePath,
    /// N.
    pub draws: u64,
    /// The seed.
    pub seed: u64,
    /// R.
    pub weights: f64,
    /// E.
    pub spread: f64,
    /// Every year from `years.first` to `years.last`.
    pub years: Vec<i32>,
    /// The 5th, 50th and 95th nearest-rank percentiles of the index per year.
    pub p5: Vec<Option<f64>>,
    /// See `p5`.
    pub p50: Vec<Option<f64>>,
    /// See `p5`.
    pub p95: Vec<Option<f64>>,
    /// Each milestone with its `p_met`.
    pub milestones: Vec<MilestoneChance>,
}

impl UncertaintyResult {
    /// The answer as one line of JSON (the same bytes for the same inputs).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Options out of range (a usage error).
#[derive(Debug, Clone, PartialEq)]
pub enum UncertaintyError {
    /// N not in 1..=1,000,000.
    Draws(u64),
    /// R not in [0, 1).
    Weights(f64),
    /// E not in [0, 1).
    Spread(f64),
    /// The run would be too large for this dataset: draws × years, or
    /// draws × outcome indicators × years, over [`MAX_WORK`].
    TooLarge { draws: u64, years: usize, indicators: usize },
}

/// The largest run: at most this many indicator-years are scored over all draws
/// (draws × outcome indicators × years), and at most this many index values kept
/// (draws × years), so that no valid input takes minutes or gigabytes. 10,000
/// draws of the default dataset are 2 million; 1,000,000 draws of it 207 million.
pub const MAX_WORK: u64 = 2_000_000_000;

/// The most index values kept for the percentiles (draws × years): 200 MB.
pub const MAX_KEPT: u64 = 25_000_000;

impl std::fmt::Display for UncertaintyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UncertaintyError::Draws(n) => write!(f, "--draws {n}: must be from 1 to {MAX_DRAWS}"),
            UncertaintyError::Weights(r) => write!(f, "--weights {r}: must be at least 0 and below 1"),
            UncertaintyError::Spread(e) => write!(f, "--spread {e}: must be at least 0 and below 1"),
            UncertaintyError::TooLarge { draws, years, indicators } => write!(
                f,
                "--draws {draws}: too many for {indicators} indicators over {years} years (draws × indicators × years at most {MAX_WORK}, draws × years at most {MAX_KEPT})"
            ),
        }
    }
}

/// A uniform number in [0, 1) from 53 bits of the generator.
#[inline]
fn unit(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// The nearest-rank `p`-th percentile (p in 1..=100) of sorted `v`.
fn nearest_rank(v: &[f64], p: usize) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let k = (p * v.len()).div_ceil(100).max(1);
    Some(v[k - 1])
}

/// Checks the options' ranges: N in 1..=1,000,000, R and E in [0, 1).
pub fn check(opts: &Options) -> Result<(), UncertaintyError> {
    if !(1..=MAX_DRAWS).contains(&opts.draws) {
        return Err(UncertaintyError::Draws(opts.draws));
    }
    let unit_range = |x: f64| (0.0..1.0).contains(&x);
    if !unit_range(opts.weights) {
        return Err(UncertaintyError::Weights(opts.weights));
    }
    if !unit_range(opts.spread) {
        return Err(UncertaintyError::Spread(opts.spread));
    }
    Ok(())
}

/// Runs the Monte Carlo of `opts` on `ds` with `sc`.
pub fn uncertainty(ds: &Dataset, sc: &Scenario, opts: &Options) -> Result<UncertaintyResult, UncertaintyError> {
    check(opts)?;
    let links = Links::new(ds);
    let fr = Frame::new(ds, &links, sc, opts.path);
    let (ny, nr) = (fr.ny, fr.rows.len());
    let (n, years, rows) = (opts.draws, ny as u64, nr.max(1) as u64);
    if n.saturating_mul(years) > MAX_KEPT || n.saturating_mul(years).saturating_mul(rows) > MAX_WORK {
        return Err(UncertaintyError::TooLarge { draws: n, years: ny, indicators: nr });
    }
    // Per row and year: the value and whether it is after the last actual.
    let cells: Vec<Vec<(Option<f64>, bool)>> =
        fr.rows.iter().map(|r| (0..ny).map(|t| (r.values[t], fr.first + t as i32 > r.last_actual)).collect()).collect();
    // Which weights are drawn: (level 0/1/2, position).
    let pol_pos: Vec<usize> = (0..fr.w.pol.len()).filter(|&p| fr.w.pol[p] > 0.0).collect();
    let goal_pos: Vec<usize> = (0..fr.w.goal.len()).filter(|&g| fr.w.goal[g] > 0.0).collect();
    let ind_pos: Vec<usize> = fr.rows.iter().map(|r| r.pos).filter(|&i| fr.w.ind[i] > 0.0).collect();

    let n = opts.draws as usize;
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let mut w = fr.w.clone();
    let mut e = vec![0.0; nr];
    let mut s = vec![None; nr];
    let mut by_year: Vec<Vec<f64>> = vec![Vec::with_capacity(n); ny];
    let (r, sp) = (opts.weights, opts.spread);
    for _ in 0..n {
        for &p in &pol_pos {
            w.pol[p] = fr.w.pol[p] * (1.0 + r * (2.0 * unit(&mut rng) - 1.0));
        }
        for &g in &goal_pos {
            w.goal[g] = fr.w.goal[g] * (1.0 + r * (2.0 * unit(&mut rng) - 1.0));
        }
        for &i in &ind_pos {
            w.ind[i] = fr.w.ind[i] * (1.0 + r * (2.0 * unit(&mut rng) - 1.0));
        }
        for ei in e.iter_mut() {
            *ei = sp * (2.0 * unit(&mut rng) - 1.0);
        }
        for (t, year) in by_year.iter_mut().enumerate() {
            for (k, row) in fr.rows.iter().enumerate() {
                let (x, after) = cells[k][t];
                s[k] = x.and_then(|x| fr.score_of(row, if after { x * (1.0 + e[k]) } else { x }));
            }
            if let Some(v) = fr.index_at(&s, &w, Fixed::None) {
                year.push(v);
            }
        }
    }
    let mut p5 = Vec::with_capacity(ny);
    let mut p50 = Vec::with_capacity(ny);
    let mut p95 = Vec::with_capacity(ny);
    let met_share = |t: usize, target: f64| by_year[t].iter().filter(|&&v| v >= target - 1e-9).count();
    let milestones: Vec<MilestoneChance> = ds
        .index
        .milestones
        .iter()
        .map(|m| {
            let t = usize::try_from(m.year - fr.first).ok().filter(|&t| t < ny);
            let met = t.map_or(0, |t| met_share(t, m.value));
            MilestoneChance { year: m.year, target: m.value, p_met: met as f64 / n as f64 }
        })
        .collect();
    for v in by_year.iter_mut() {
        v.sort_unstable_by(f64::total_cmp);
        p5.push(nearest_rank(v, 5));
        p50.push(nearest_rank(v, 50));
        p95.push(nearest_rank(v, 95));
    }
    Ok(UncertaintyResult {
        format: UNCERTAINTY_FORMAT,
        path: opts.path,
        draws: opts.draws,
        seed: opts.seed,
        weights: opts.weights,
        spread: opts.spread,
        years: ds.years.list(),
        p5,
        p50,
        p95,
        milestones,
    })
}
