//! The stateful engine behind the widget: a checked dataset, its links, and
//! the current what-if scenario. Edits are small, checked calls that change
//! the scenario; nothing is re-read to re-score.

use crate::dataset::{load_dataset, Aggregate, Dataset, Via};
use crate::messages::{Msg, RefKind};
use crate::paths::ScorePath;
use crate::problem::Problem;
use crate::result::ScoreResult;
use crate::scenario::{check_scenario, load_scenario, Entry, Scenario};
use crate::score::{score_with, Cached, Links};

/// Which level a weight belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Policy,
    Goal,
    Indicator,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "policy" | "policies" => Some(Level::Policy),
            "goal" | "goals" => Some(Level::Goal),
            "indicator" | "indicators" => Some(Level::Indicator),
            _ => None,
        }
    }
}

/// A dataset with its scenario, ready to re-score.
#[derive(Debug, Clone)]
pub struct Engine {
    dataset: Dataset,
    links: Links,
    scenario: Scenario,
    /// Per path: the last result and the indicators edited since (see [`Engine::rescore`]).
    cache: [Option<(Cached, Vec<usize>)>; 4],
}

impl Engine {
    /// An engine over a checked dataset, with no scenario.
    pub fn new(dataset: Dataset) -> Engine {
        let links = Links::new(&dataset);
        Engine { dataset, links, scenario: Scenario::default(), cache: Default::default() }
    }

    /// Reads and checks a dataset; returns the engine and the warnings.
    pub fn load(bytes: &[u8]) -> Result<(Engine, Vec<Problem>), Vec<Problem>> {
        let l = load_dataset(bytes)?;
        Ok((Engine::new(l.value), l.warnings))
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Replaces the dataset. The scenario is kept if it still fits the new
    /// dataset, else cleared. On error nothing changes.
    pub fn replace_dataset(&mut self, bytes: &[u8]) -> Result<Vec<Problem>, Vec<Problem>> {
        let l = load_dataset(bytes)?;
        let keep = check_scenario(&self.scenario, &l.value).is_ok();
        self.links = Links::new(&l.value);
        self.dataset = l.value;
        if !keep {
            self.scenario = Scenario::default();
        }
        self.invalidate();
        Ok(l.warnings)
    }

    /// Replaces the scenario with one read from JSON. On error nothing changes.
    pub fn apply_scenario(&mut self, bytes: &[u8]) -> Result<Vec<Problem>, Vec<Problem>> {
        let l = load_scenario(bytes, &self.dataset)?;
        self.scenario = l.value;
        self.invalidate();
        Ok(l.warnings)
    }

    /// Replaces the scenario with one built in code, after checking it.
    pub fn set_scenario(&mut self, sc: Scenario) -> Result<Vec<Problem>, Vec<Problem>> {
        let w = check_scenario(&sc, &self.dataset)?;
        self.scenario = sc;
        self.invalidate();
        Ok(w)
    }

    fn check_entry(&self, list: &str, indicator: &str, year: i32, value: Option<f64>) -> Result<(), Problem> {
        let at = format!("{list}[{}]", self.entries(list).len());
        if !self.links.indicators(&self.dataset).contains_key(indicator) {
            return Err(Problem::error(
                format!("{at}.indicator"),
                Msg::UnknownRef { kind: RefKind::Indicator, id: indicator.to_string() },
            ));
        }
        let y = self.dataset.years;
        if year < y.first || year > y.last {
            return Err(Problem::error(
                format!("{at}.year"),
                Msg::YearRange { year: year.into(), first: y.first, last: y.last },
            ));
        }
        // The base year is scored from the baseline, and earlier years not at all: an
        // edit there would change nothing, so it is refused rather than ignored.
        let base = self.dataset.index.base_year;
        if year == base {
            return Err(Problem::error(format!("{at}.year"), Msg::BaseYearEntryIgnored { year }));
        }
        if year < base {
            return Err(Problem::error(format!("{at}.year"), Msg::BeforeBaseYear { year, base }));
        }
        match value {
            Some(x) if !x.is_finite() => Err(Problem::error(format!("{at}.value"), Msg::NotFinite)),
            Some(x) if x < 0.0 => Err(Problem::error(format!("{at}.value"), Msg::Negative { value: x })),
            _ => Ok(()),
        }
    }

    fn entries(&self, list: &str) -> &Vec<Entry> {
        if list == "targets" {
            &self.scenario.targets
        } else {
            &self.scenario.values
        }
    }

    fn set_entry(&mut self, list: &'static str, indicator: &str, year: i32, value: Option<f64>) -> Result<(), Problem> {
        self.check_entry(list, indicator, year, value)?;
        let entries = if list == "targets" { &mut self.scenario.targets } else { &mut self.scenario.values };
        let pos = entries.iter().position(|e| e.indicator == indicator && e.year == year);
        match (pos, value) {
            (Some(i), Some(v)) => entries[i].value = v,
            (Some(i), None) => {
                entries.remove(i);
            }
            (None, Some(value)) => entries.push(Entry { indicator: indicator.to_string(), year, value }),
            (None, None) => {}
        }
        self.touch(indicator);
        Ok(())
    }

    /// Drops every cached result (after a change of weights, method or scenario).
    fn invalidate(&mut self) {
        self.cache = Default::default();
    }

    /// Notes that one indicator's targets or values changed.
    fn touch(&mut self, indicator: &str) {
        let Some(&i) = self.links.indicators(&self.dataset).get(indicator) else { return };
        for (_, pending) in self.cache.iter_mut().flatten() {
            if !pending.contains(&i) {
                pending.push(i);
            }
        }
    }

    /// Sets (or with `None` removes) a what-if target.
    pub fn set_target(&mut self, indicator: &str, year: i32, value: Option<f64>) -> Result<(), Problem> {
        self.set_entry("targets", indicator, year, value)
    }

    /// Sets (or with `None` removes) an assumed value.
    pub fn set_value(&mut self, indicator: &str, year: i32, value: Option<f64>) -> Result<(), Problem> {
        self.set_entry("values", indicator, year, value)
    }

    /// Sets (or with `None` removes) a weight override.
    pub fn set_weight(&mut self, level: Level, id: &str, weight: Option<f64>) -> Result<(), Problem> {
        let (key, kind, ids, map) = match level {
            Level::Policy => ("policies", RefKind::Policy, &self.links.policy, &mut self.scenario.weights.policies),
            Level::Goal => ("goals", RefKind::Goal, &self.links.goal, &mut self.scenario.weights.goals),
            Level::Indicator => (
                "indicators",
                RefKind::Indicator,
                self.links.indicators(&self.dataset),
                &mut self.scenario.weights.indicators,
            ),
        };
        let at = format!("weights.{key}.{id}");
        if !ids.contains_key(id) {
            return Err(Problem::error(at, Msg::UnknownRef { kind, id: id.to_string() }));
        }
        match weight {
            Some(w) if !w.is_finite() => Err(Problem::error(at, Msg::NotFinite)),
            Some(w) if w < 0.0 => Err(Problem::error(at, Msg::WeightNegative { value: w })),
            Some(w) => {
                map.insert(id.to_string(), w);
                self.invalidate();
                Ok(())
            }
            None => {
                map.remove(id);
                self.invalidate();
                Ok(())
            }
        }
    }

    /// Overrides (or with `None` restores) the aggregation.
    pub fn set_aggregate(&mut self, aggregate: Option<Aggregate>) {
        self.scenario.method.aggregate = aggregate;
        self.invalidate();
    }

    /// Overrides (or with `None` restores) the route.
    pub fn set_via(&mut self, via: Option<Via>) {
        self.scenario.method.via = via;
        self.invalidate();
    }

    /// Overrides the cap: `None` restores the dataset's, `Some(None)` removes it.
    pub fn set_cap(&mut self, cap: Option<Option<f64>>) -> Result<(), Problem> {
        if let Some(Some(c)) = cap {
            if !c.is_finite() {
                return Err(Problem::error("method.cap", Msg::NotFinite));
            }
            if c <= 0.0 {
                return Err(Problem::error("method.cap", Msg::CapNotPositive { value: c }));
            }
        }
        self.scenario.method.cap = cap;
        self.invalidate();
        Ok(())
    }

    /// Removes every override of one indicator (targets, values, weight).
    pub fn reset_indicator(&mut self, indicator: &str) {
        self.scenario.targets.retain(|e| e.indicator != indicator);
        self.scenario.values.retain(|e| e.indicator != indicator);
        if self.scenario.weights.indicators.remove(indicator).is_some() {
            self.invalidate();
        } else {
            self.touch(indicator);
        }
    }

    /// Clears the scenario.
    pub fn reset_all(&mut self) {
        self.scenario = Scenario::default();
        self.invalidate();
    }

    /// The result on `path`, brought up to date incrementally: after an edit
    /// of one indicator's target or value, only that indicator, its goal and
    /// the levels above are recomputed. Equal to [`Engine::score`].
    pub fn rescore(&mut self, path: ScorePath) -> &ScoreResult {
        let k = ScorePath::ALL.iter().position(|p| *p == path).unwrap_or(0);
        let (ds, links, sc) = (&self.dataset, &self.links, &self.scenario);
        let (cached, pending) = self.cache[k].get_or_insert_with(|| (Cached::full(ds, links, sc, path), Vec::new()));
        if !pending.is_empty() {
            cached.update(ds, links, sc, pending);
            pending.clear();
        }
        &cached.result
    }

    /// Scores the dataset with the scenario.
    pub fn score(&self, path: ScorePath) -> ScoreResult {
        score_with(&self.dataset, &self.links, &self.scenario, path)
    }

    /// Scores the untouched dataset (no scenario).
    pub fn score_base(&self, path: ScorePath) -> ScoreResult {
        score_with(&self.dataset, &self.links, &Scenario::default(), path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULT: &[u8] = include_bytes!("../www/data/setagaya.json");
    const TINY: &[u8] = include_bytes!("../tests/fixtures/conformance/tiny.json");

    /// After any sequence of edits, the incremental result equals a full score, bit for bit.
    #[test]
    fn rescore_equals_full_score_after_every_edit() {
        for bytes in [DEFAULT, TINY] {
            let (mut e, _) = Engine::load(bytes).expect("valid");
            let ids: Vec<String> = e.dataset().indicators.iter().map(|i| i.id.to_string()).collect();
            let mut step = 0u32;
            let edit = |e: &mut Engine, step: u32| {
                let id = &ids[(step as usize * 7) % ids.len()];
                let v = Some(10.0 + f64::from(step % 13) * 3.5);
                match step % 9 {
                    0..=2 => e.set_target(id, 2027, v).expect("edit"),
                    3 => e.set_target(id, 2029, v).expect("edit"),
                    4 => e.set_value(id, 2025, v).expect("edit"),
                    5 => e.set_value(id, 2024, if step.is_multiple_of(2) { Some(0.0) } else { None }).expect("edit"),
                    6 => e.reset_indicator(id),
                    7 => e.set_target(id, 2027, None).expect("edit"),
                    _ => {
                        if step % 27 == 8 {
                            e.set_weight(Level::Indicator, id, Some(2.0)).expect("edit");
                        } else {
                            e.set_aggregate(if step.is_multiple_of(2) { Some(Aggregate::Geometric) } else { None });
                        }
                    }
                }
            };
            for _ in 0..120 {
                edit(&mut e, step);
                step += 1;
                // Plan after every edit; the other paths after several edits have piled up.
                for path in ScorePath::ALL.into_iter().filter(|p| *p == ScorePath::Plan || step.is_multiple_of(4)) {
                    let full = e.score(path);
                    assert_eq!(e.rescore(path), &full, "step {step} path {}", path.name());
                }
            }
        }
    }
}
