//! Weighted means (SPEC §3): the running sums of one node, and the weights in
//! force. Full and incremental scoring combine children with these alone, in
//! the same order, so that they agree bit for bit.

use crate::model::{Aggregate, Dataset, Level, Links, Scenario, Series, Str};
use std::collections::HashMap;

/// Running sums of one node in one year.
///
/// Scores are summed as their distance from 100 — Σ w·(s − 100) for the arithmetic
/// mean, Σ w·ln(s / 100) for the geometric one — and 100 is added back (or
/// multiplied back) at the end. That is the same weighted mean, but children that
/// all score exactly 100 (the base year) give exactly 100 whatever the weights.
/// The mean is finally held within its smallest and largest child, which rounding
/// could otherwise cross by an ulp. `ln` and `exp` are the `libm` crate's, so that
/// the command line and the WebAssembly module give the same bits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Acc {
    /// Σ w·(s − 100) (arithmetic) or Σ w·ln(s / 100) (geometric)
    sum: f64,
    /// smallest and largest child counted
    lo: f64,
    hi: f64,
    /// Σ w
    w: f64,
    /// a child scored 0 (geometric: the node is 0)
    zero: bool,
    /// Σ w·(s − 100)·[`BIG`] (arithmetic): the sum to use where the plain one
    /// passed the double range (scores near f64::MAX) while the mean does not
    /// (issue 15). Kept beside the plain sum, with no branch in `add` (an edit's
    /// hot loop): the plain sum and its bits are used whenever it is finite.
    big: f64,
}

/// 2⁻⁴⁰⁰: room for a weight of up to 1e100 (larger ones are scaled down,
/// [`weights`]) times a score of up to f64::MAX, summed over many children.
const BIG: f64 = f64::from_bits((1023 - 400) << 52);

impl Default for Acc {
    fn default() -> Self {
        Acc { sum: 0.0, lo: f64::INFINITY, hi: f64::NEG_INFINITY, w: 0.0, zero: false, big: 0.0 }
    }
}

impl Acc {
    #[inline]
    pub(crate) fn add(&mut self, agg: Aggregate, w: f64, s: f64) {
        if w <= 0.0 {
            return;
        }
        self.w += w;
        // Comparisons, not f64::min/max: scores are never NaN, and in
        // WebAssembly min/max are calls to fmin/fmax (a fifth of an edit's time).
        if s < self.lo {
            self.lo = s;
        }
        if s > self.hi {
            self.hi = s;
        }
        match agg {
            Aggregate::Arithmetic => {
                let d = s - 100.0;
                self.sum += w * d;
                self.big += w * (d * BIG);
            }
            Aggregate::Geometric => {
                if s <= 0.0 {
                    self.zero = true;
                } else {
                    self.sum += w * libm::log(s / 100.0);
                }
            }
        }
    }
    #[inline]
    pub(crate) fn value(&self, agg: Aggregate) -> Option<f64> {
        if self.w <= 0.0 {
            return None;
        }
        let v = match agg {
            // the plain sum (the same bits as ever) while it is a double; past
            // that, the scaled one (exact scaling by a power of two)
            Aggregate::Arithmetic if self.sum.is_finite() => 100.0 + self.sum / self.w,
            Aggregate::Arithmetic => 100.0 + self.big / self.w / BIG,
            Aggregate::Geometric if self.zero => 0.0,
            Aggregate::Geometric => 100.0 * libm::exp(self.sum / self.w),
        };
        // f64::clamp's two comparisons, without its check that lo <= hi
        // (always true here: w > 0 means a child was counted), whose panic
        // message would link float formatting into the WebAssembly module.
        v.is_finite().then_some(if v < self.lo {
            self.lo
        } else if v > self.hi {
            self.hi
        } else {
            v
        })
    }
}

/// Weights of a list, replaced by the scenario's where given.
pub(super) fn weights<'a, T: 'a>(
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

/// A parent's series from its children's: `members` (positions in `children`),
/// each with its weight in `w`, added in the order given; written into `out`
/// (cleared first), with `acc` as scratch: no allocation once both have their size.
pub(super) fn node_series(
    agg: Aggregate,
    members: impl Iterator<Item = usize>,
    w: &[f64],
    children: &[Series],
    ny: usize,
    acc: &mut Vec<Acc>,
    out: &mut Vec<Option<f64>>,
) {
    acc.clear();
    acc.resize(ny, Acc::default());
    for c in members {
        for (t, v) in children[c].values.iter().enumerate() {
            if let Some(v) = v {
                acc[t].add(agg, w[c], *v);
            }
        }
    }
    out.clear();
    out.extend(acc.iter().map(|a| a.value(agg)));
}

/// The weights in force of every node of each level.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    pub ind: Vec<f64>,
    pub goal: Vec<f64>,
    pub pol: Vec<f64>,
}

impl Weights {
    pub(crate) fn new(ds: &Dataset, links: &Links, sc: &Scenario) -> Weights {
        let empty = HashMap::new();
        let ids = if sc.weights.indicators.is_empty() { &empty } else { links.ids(ds, Level::Indicator) };
        Weights {
            ind: weights(&ds.indicators, |x| x.weight, &sc.weights.indicators, ids),
            goal: weights(&ds.goals, |x| x.weight, &sc.weights.goals, &links.goal),
            pol: weights(&ds.policies, |x| x.weight, &sc.weights.policies, &links.policy),
        }
    }
}
