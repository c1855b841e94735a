//! The typed rules of SPEC §2 and §4: what a value, a weight, a cap, a year or
//! an id must be, and (in [`scenario`]) what a scenario's entries, weights and
//! method must be against their dataset. The readers call these on what they
//! read from a file; the engine calls the very same ones on an edit. Each rule
//! pushes its problems, with their SPEC path, onto a [`Problems`] list.

pub mod dataset;
pub mod scenario;

use crate::messages::Msg;
use crate::problem::{Path, Problems};

/// A number must be finite (JSON cannot write NaN or infinity; an edit can).
pub fn finite(x: f64, at: &Path, probs: &mut Problems) -> Option<f64> {
    if x.is_finite() {
        Some(x)
    } else {
        probs.error(at, Msg::NotFinite);
        None
    }
}

/// A value or target: a finite number ≥ 0.
pub fn non_negative(x: f64, at: &Path, probs: &mut Problems) -> Option<f64> {
    let x = finite(x, at, probs)?;
    if x < 0.0 {
        probs.error(at, Msg::Negative { value: x });
        return None;
    }
    Some(x)
}

/// A weight: a finite number ≥ 0.
pub fn weight(w: f64, at: &Path, probs: &mut Problems) -> Option<f64> {
    let w = finite(w, at, probs)?;
    if w < 0.0 {
        probs.error(at, Msg::WeightNegative { value: w });
        return None;
    }
    Some(w)
}

/// A baseline: a finite number > 0.
pub fn baseline(b: f64, at: &Path, probs: &mut Problems) -> Option<f64> {
    let b = finite(b, at, probs)?;
    if b <= 0.0 {
        probs.error(at, Msg::BaselineNotPositive { value: b });
        return None;
    }
    Some(b)
}

/// A cap: a finite number > 0; below 100 it is a warning (the base year then
/// scores the cap, not 100).
pub fn cap(c: f64, at: &Path, probs: &mut Problems) -> Option<f64> {
    let c = finite(c, at, probs)?;
    if c <= 0.0 {
        probs.error(at, Msg::CapNotPositive { value: c });
        return None;
    }
    if c < 100.0 {
        probs.warn(at, Msg::CapBelow100 { value: c });
    }
    Some(c)
}

/// A year within `[first, last]` (`span` is `None` when the dataset's years are
/// unusable: then only that it is a year is checked).
pub fn year_in(year: i64, span: Option<(i32, i32)>, at: &Path, probs: &mut Problems) -> Option<i32> {
    match span {
        Some((first, last)) if year < i64::from(first) || year > i64::from(last) => {
            probs.error(at, Msg::YearRange { year, first, last });
            None
        }
        _ => i32::try_from(year).ok().or_else(|| {
            probs.error(at, Msg::WrongType { expected: crate::messages::Expect::WholeNumber });
            None
        }),
    }
}

/// An id: 1–64 characters of `[A-Za-z0-9_.-]`.
pub fn id(id: &str, at: &Path, probs: &mut Problems) -> bool {
    if id.is_empty() {
        probs.error(at, Msg::IdEmpty);
        return false;
    }
    let len = id.chars().count();
    if len > 64 {
        probs.error(at, Msg::IdTooLong { len });
        return false;
    }
    if let Some(ch) = id.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))) {
        probs.error(at, Msg::IdChars { ch });
        return false;
    }
    true
}

/// A value in `year` of an indicator's `values` or `targets` (dataset or
/// scenario) in or before the base year changes no score: a warning. The base
/// year is scored from `baseline`; earlier years are not scored at all.
pub fn after_base_year(year: i32, base_year: i32, at: &Path, probs: &mut Problems) {
    if year == base_year {
        probs.warn(at, Msg::BaseYearEntryIgnored { year });
    } else if year < base_year {
        probs.warn(at, Msg::BeforeBaseYear { year, base: base_year });
    }
}
