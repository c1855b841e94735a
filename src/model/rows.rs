//! A result as numbered rows of numbers: what crosses the WebAssembly
//! boundary, so that the page reads scores from one `Float64Array` instead of
//! decoding an object per node.
//!
//! Row 0 is the index; rows `1..=P` the dataset's policies (NaN rows when the
//! method's route has no policy level); then its goals; then its
//! `outcome_long` indicators, each in dataset order. Every row has one number
//! per year of the result, NaN where there is no score. The ids of the rows
//! cross once per dataset ([`Layout`]).

use super::dataset::Dataset;
use super::links::Links;
use super::result::ScoreResult;
use super::shared::Str;
use super::Stage;
use serde::Serialize;

/// The ids behind the row numbers, sent once per dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    /// Every year of a result, `first..=last`.
    pub years: Vec<i32>,
    /// The dataset's base year (as in a result).
    pub base_year: i32,
    /// Policy ids: rows `1..=P`.
    pub policies: Vec<Str>,
    /// Goal ids: the next `G` rows.
    pub goals: Vec<Str>,
    /// `outcome_long` indicator ids: the last rows.
    pub indicators: Vec<Str>,
}

impl Layout {
    /// The layout of `ds`'s results.
    pub fn of(ds: &Dataset) -> Layout {
        Layout {
            years: ds.years.list(),
            base_year: ds.index.base_year,
            policies: ds.policies.iter().map(|x| x.id.clone()).collect(),
            goals: ds.goals.iter().map(|x| x.id.clone()).collect(),
            indicators: ds.indicators.iter().filter(|x| x.stage == Stage::OutcomeLong).map(|x| x.id.clone()).collect(),
        }
    }
}

/// How many rows a result of `ds` has.
pub fn count(ds: &Dataset, links: &Links) -> usize {
    1 + ds.policies.len() + ds.goals.len() + links.series_pos.iter().flatten().count()
}

/// Row `r` of `result` (`n_policies`: the dataset's number of policies);
/// `None` for a policy row when the route has no policies, or past the end.
pub fn row(result: &ScoreResult, n_policies: usize, r: usize) -> Option<&[Option<f64>]> {
    let n_goals = result.goals.len();
    if r == 0 {
        Some(&result.index)
    } else if r <= n_policies {
        result.policies.get(r - 1).map(|s| s.values.as_slice())
    } else if r <= n_policies + n_goals {
        Some(&result.goals[r - 1 - n_policies].values)
    } else {
        result.indicators.get(r - 1 - n_policies - n_goals).map(|s| s.values.as_slice())
    }
}

/// Writes `rows` of `result` to `out` (cleared first) as one delta:
///
/// `[k, meta, m, (value, gap, met) × m, row₁ … row_k, values of row₁ … values of row_k]`
///
/// `k` rows, each with one number per year (NaN for no score); `meta` is 1 when
/// the method or the warnings may differ from the last delta's (the reader then
/// asks for them), else 0; `m` milestones, each as its value and gap (NaN for
/// none) and `met` (1 or 0).
pub fn write(result: &ScoreResult, n_policies: usize, rows: &[usize], meta: bool, out: &mut Vec<f64>) {
    let ny = result.years.len();
    let m = result.milestones.len();
    out.clear();
    out.reserve(3 + 3 * m + rows.len() * (ny + 1));
    out.extend([rows.len() as f64, f64::from(u8::from(meta)), m as f64]);
    for ms in &result.milestones {
        out.extend([ms.value.unwrap_or(f64::NAN), ms.gap.unwrap_or(f64::NAN), f64::from(u8::from(ms.met))]);
    }
    out.extend(rows.iter().map(|&r| r as f64));
    for &r in rows {
        match row(result, n_policies, r) {
            Some(v) => out.extend(v.iter().map(|x| x.unwrap_or(f64::NAN))),
            None => out.extend(std::iter::repeat_n(f64::NAN, ny)),
        }
    }
}
