//! The rules of a scenario against its dataset (SPEC §4), on typed values.
//!
//! One set of rules for every way a scenario is made: the scenario reader
//! ([`crate::read`]) calls them on each entry, weight and method field it
//! reads from a file; the engine calls them on each edit (`set_target`,
//! `set_weight`, `set_cap`, …) and on a whole scenario built in code
//! (`set_scenario`, or the scenario kept over a new dataset). An
//! error refuses the input or the edit; a warning lets it through.

use super::{after_base_year, cap, non_negative, weight, year_in};
use crate::messages::{Msg, RefKind};
use crate::model::{Dataset, Level, Links, List, MethodOverride, Scenario};
use crate::problem::{Path, Problems};
use std::collections::HashMap;

/// What a scenario is checked against: a dataset and its links.
#[derive(Clone, Copy)]
pub struct Against<'a> {
    /// The dataset.
    pub ds: &'a Dataset,
    /// Its links (made from `ds`).
    pub links: &'a Links,
}

/// The `unknown_ref` kind of a level.
pub fn ref_kind(level: Level) -> RefKind {
    match level {
        Level::Policy => RefKind::Policy,
        Level::Goal => RefKind::Goal,
        Level::Indicator => RefKind::Indicator,
    }
}

/// An id of `level` must name an entry of the dataset.
pub fn known_id(cx: Against, level: Level, id: &str, at: &Path, probs: &mut Problems) -> bool {
    if cx.links.ids(cx.ds, level).contains_key(id) {
        return true;
    }
    probs.error(at, Msg::UnknownRef { kind: ref_kind(level), id: crate::messages::clip(id) });
    false
}

/// One target or value entry at `at` (`targets[0]`): the indicator exists, the
/// year lies within the dataset's years, the value is finite and ≥ 0. An entry
/// in or before the base year changes no score: a warning (on its `year`).
///
/// A field that is `None` is not checked here: a reader has reported it
/// already (missing, or of the wrong type), or an edit removes the entry (no
/// value). Returns whether no error was found.
pub fn entry(
    cx: Against,
    indicator: Option<&str>,
    year: Option<i64>,
    value: Option<f64>,
    at: &Path,
    probs: &mut Problems,
) -> bool {
    let ind_ok = indicator.is_none_or(|id| known_id(cx, Level::Indicator, id, &at.key("indicator"), probs));
    let y = cx.ds.years;
    let year_at = at.key("year");
    let year = year.map(|y0| year_in(y0, Some((y.first, y.last)), &year_at, probs));
    let value_ok = value.is_none_or(|x| non_negative(x, &at.key("value"), probs).is_some());
    let ok = ind_ok && year.is_none_or(|y| y.is_some()) && value_ok;
    if let (true, Some(_), Some(Some(year))) = (ok, indicator, year) {
        after_base_year(year, cx.ds.index.base_year, &year_at, probs);
    }
    ok
}

/// The entries seen so far of one list: an indicator and year set twice is an error.
#[derive(Default)]
pub struct Seen(HashMap<(String, i32), usize>);

impl Seen {
    /// Notes entry `i` of `list`; an error at `at` if the same indicator and year came before.
    pub fn first_time(
        &mut self,
        list: List,
        i: usize,
        indicator: &str,
        year: i32,
        at: &Path,
        probs: &mut Problems,
    ) -> bool {
        if let Some(&first) = self.0.get(&(indicator.to_string(), year)) {
            let root = Path::Root;
            let first = root.key(list.name()).index(first).render();
            probs.error(at, Msg::DuplicateEntry { indicator: indicator.to_string(), year, first });
            return false;
        }
        self.0.insert((indicator.to_string(), year), i);
        true
    }
}

/// A weight override at `at` (`weights.goals.G1`): the id names an entry of
/// its level, and the weight (if given: `None` removes the override) is
/// finite and ≥ 0. Returns whether no error was found.
pub fn weight_entry(cx: Against, level: Level, id: &str, w: Option<f64>, at: &Path, probs: &mut Problems) -> bool {
    known_id(cx, level, id, at, probs) && w.is_none_or(|w| weight(w, at, probs).is_some())
}

/// A method override at `at` (`method`): its cap, if it sets one, is a cap.
pub fn method(m: &MethodOverride, at: &Path, probs: &mut Problems) -> bool {
    match m.cap {
        Some(Some(c)) => cap(c, &at.key("cap"), probs).is_some(),
        _ => true,
    }
}

/// A whole scenario built in code, with the paths a file of it would have.
pub fn scenario(cx: Against, sc: &Scenario, probs: &mut Problems) {
    let root = Path::Root;
    for list in List::ALL {
        let lp = root.key(list.name());
        let mut seen = Seen::default();
        for (i, e) in sc.list(list).iter().enumerate() {
            let at = lp.index(i);
            if entry(cx, Some(&e.indicator), Some(i64::from(e.year)), Some(e.value), &at, probs) {
                seen.first_time(list, i, &e.indicator, e.year, &at, probs);
            }
        }
    }
    let wp = root.key("weights");
    for level in Level::ALL {
        let kp = wp.key(level.weights_key());
        for (id, w) in sc.weights.of(level) {
            weight_entry(cx, level, id, Some(*w), &kp.key(id), probs);
        }
    }
    method(&sc.method, &root.key("method"), probs);
}
