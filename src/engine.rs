//! The stateful engine behind the widget: a checked dataset, its links, and
//! the current what-if scenario. Edits are small calls that change the
//! scenario, each checked by the same rules as a scenario file
//! (`crate::check::scenario`); nothing is re-read to re-score.
//!
//! An edit with an error changes nothing and returns the (first) error; an
//! edit with only warnings (e.g. a target in the base year, which changes no
//! score) is applied, and its warnings are [`Engine::warnings`].

use crate::check::scenario::{self as rules, Against};
use crate::model::rows;
use crate::model::{Aggregate, Dataset, Entry, Level, Links, List, Scenario, ScorePath, ScoreResult, Via};
use crate::problem::{Path, Problem, Problems};
use crate::read::{load_dataset, load_dataset_text, load_scenario_with, Loaded};
use crate::score::{effective_method, score_with, Cached};

/// A dataset with its scenario, ready to re-score.
#[derive(Debug, Clone)]
pub struct Engine {
    dataset: Dataset,
    links: Links,
    scenario: Scenario,
    /// The warnings of the last change accepted (dataset, scenario or edit).
    warnings: Vec<Problem>,
    /// Per path: the last result and the indicators edited since (see [`Engine::rescore`]).
    cache: [Option<(Cached, Vec<usize>)>; 4],
    /// Per path: what changed in its result since [`Engine::delta`] last read it.
    changes: [Changes; 4],
    /// The row numbers of the last delta (kept: a delta allocates nothing).
    rows: Vec<usize>,
    /// Per path: whether the result that [`Engine::delta`] last gave had
    /// warnings (what its reader holds; the cache may have moved on since,
    /// e.g. after [`Engine::rescore`] for the chart's other paths).
    delta_warned: [bool; 4],
}

/// What changed in one path's result since it was last read by [`Engine::delta`].
#[derive(Debug, Clone, Default, PartialEq)]
enum Changes {
    /// Anything may have (a new dataset, scenario, weight or method).
    #[default]
    All,
    /// Only these indicators' targets or values (positions in the dataset).
    Indicators(Vec<usize>),
}

/// Runs `check` on a fresh problem list: the first error, or the warnings.
fn verdict(check: impl FnOnce(&mut Problems)) -> Result<Vec<Problem>, Problem> {
    let mut probs = Problems::default();
    check(&mut probs);
    let has_errors = probs.has_errors();
    let mut list = probs.finish();
    if has_errors {
        // Errors come first.
        return Err(list.swap_remove(0));
    }
    Ok(list)
}

impl Engine {
    /// An engine over a checked dataset, with no scenario.
    pub fn new(dataset: Dataset) -> Engine {
        let links = Links::new(&dataset);
        Engine {
            dataset,
            links,
            scenario: Scenario::default(),
            warnings: Vec::new(),
            cache: Default::default(),
            changes: Default::default(),
            rows: Vec::new(),
            delta_warned: Default::default(),
        }
    }

    /// Reads and checks a dataset; returns the engine and the warnings.
    pub fn load(bytes: &[u8]) -> Result<(Engine, Vec<Problem>), Vec<Problem>> {
        Ok(Engine::loaded(load_dataset(bytes)?))
    }

    /// [`Engine::load`] from text, which is UTF-8 by its type and not checked again
    /// (what the WebAssembly facade is given).
    pub fn load_text(text: &str) -> Result<(Engine, Vec<Problem>), Vec<Problem>> {
        Ok(Engine::loaded(load_dataset_text(text)?))
    }

    fn loaded(l: Loaded<Dataset>) -> (Engine, Vec<Problem>) {
        let mut e = Engine::new(l.value);
        e.warnings.clone_from(&l.warnings);
        (e, l.warnings)
    }

    /// The dataset.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }
    /// The current scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    /// The warnings of the last change accepted: the dataset loaded or
    /// replaced, the scenario applied or set, or the last edit (empty after
    /// an edit without warnings).
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    fn against(&self) -> Against<'_> {
        Against { ds: &self.dataset, links: &self.links }
    }

    /// Replaces the dataset. The scenario is kept if it still fits the new
    /// dataset (no error by `check::scenario::scenario`), else cleared. On error nothing changes.
    pub fn replace_dataset(&mut self, bytes: &[u8]) -> Result<Vec<Problem>, Vec<Problem>> {
        Ok(self.replace_with(load_dataset(bytes)?))
    }

    /// [`Engine::replace_dataset`] from text (UTF-8 by its type: not checked again).
    pub fn replace_dataset_text(&mut self, text: &str) -> Result<Vec<Problem>, Vec<Problem>> {
        Ok(self.replace_with(load_dataset_text(text)?))
    }

    fn replace_with(&mut self, l: Loaded<Dataset>) -> Vec<Problem> {
        let links = Links::new(&l.value);
        let mut probs = Problems::default();
        rules::scenario(Against { ds: &l.value, links: &links }, &self.scenario, &mut probs);
        if probs.has_errors() {
            self.scenario = Scenario::default();
        }
        self.links = links;
        self.dataset = l.value;
        self.warnings.clone_from(&l.warnings);
        self.invalidate();
        l.warnings
    }

    /// Replaces the scenario with one read from JSON. On error nothing changes.
    pub fn apply_scenario(&mut self, bytes: &[u8]) -> Result<Vec<Problem>, Vec<Problem>> {
        let l = load_scenario_with(bytes, &self.dataset, &self.links)?;
        self.scenario = l.value;
        self.warnings.clone_from(&l.warnings);
        self.invalidate();
        Ok(l.warnings)
    }

    /// Replaces the scenario with one built in code, after checking it with
    /// the rules (and paths) of a scenario file. On error nothing changes.
    pub fn set_scenario(&mut self, sc: Scenario) -> Result<Vec<Problem>, Vec<Problem>> {
        let mut probs = Problems::default();
        rules::scenario(self.against(), &sc, &mut probs);
        if probs.has_errors() {
            return Err(probs.finish());
        }
        self.scenario = sc;
        self.warnings = probs.finish();
        self.invalidate();
        Ok(self.warnings.clone())
    }

    fn set_entry(&mut self, list: List, indicator: &str, year: i32, value: Option<f64>) -> Result<(), Problem> {
        let entries = self.scenario.list(list);
        let pos = entries.iter().position(|e| e.indicator == indicator && e.year == year);
        // The path the entry has (or would have) in the scenario's file.
        let root = Path::Root;
        let lp = root.key(list.name());
        let at = lp.index(pos.unwrap_or(entries.len()));
        let cx = self.against();
        self.warnings = verdict(|probs| {
            rules::entry(cx, Some(indicator), Some(i64::from(year)), value, &at, probs);
        })?;
        let entries = self.scenario.list_mut(list);
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
        self.changes = Default::default();
    }

    /// Notes that one indicator's targets or values changed.
    fn touch(&mut self, indicator: &str) {
        let Some(&i) = self.links.indicators(&self.dataset).get(indicator) else { return };
        for (_, pending) in self.cache.iter_mut().flatten() {
            if !pending.contains(&i) {
                pending.push(i);
            }
        }
        for c in &mut self.changes {
            if let Changes::Indicators(list) = c {
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
    }

    /// Sets (or with `None` removes) a what-if target.
    pub fn set_target(&mut self, indicator: &str, year: i32, value: Option<f64>) -> Result<(), Problem> {
        self.set_entry(List::Targets, indicator, year, value)
    }

    /// Sets (or with `None` removes) an assumed value.
    pub fn set_value(&mut self, indicator: &str, year: i32, value: Option<f64>) -> Result<(), Problem> {
        self.set_entry(List::Values, indicator, year, value)
    }

    /// Sets (or with `None` removes) a weight override.
    pub fn set_weight(&mut self, level: Level, id: &str, weight: Option<f64>) -> Result<(), Problem> {
        let root = Path::Root;
        let wp = root.key("weights");
        let lp = wp.key(level.weights_key());
        let cx = self.against();
        self.warnings = verdict(|probs| {
            rules::weight_entry(cx, level, id, weight, &lp.key(id), probs);
        })?;
        let map = self.scenario.weights.of_mut(level);
        match weight {
            Some(w) => map.insert(id.to_string(), w),
            None => map.remove(id),
        };
        self.invalidate();
        Ok(())
    }

    /// Overrides (or with `None` restores) the aggregation.
    pub fn set_aggregate(&mut self, aggregate: Option<Aggregate>) {
        self.scenario.method.aggregate = aggregate;
        self.warnings.clear();
        self.invalidate();
    }

    /// Overrides (or with `None` restores) the route.
    pub fn set_via(&mut self, via: Option<Via>) {
        self.scenario.method.via = via;
        self.warnings.clear();
        self.invalidate();
    }

    /// Overrides the cap: `None` restores the dataset's, `Some(None)` removes it.
    pub fn set_cap(&mut self, cap: Option<Option<f64>>) -> Result<(), Problem> {
        let mut method = self.scenario.method;
        method.cap = cap;
        let root = Path::Root;
        self.warnings = verdict(|probs| {
            rules::method(&method, &root.key("method"), probs);
        })?;
        self.scenario.method = method;
        self.invalidate();
        Ok(())
    }

    /// Removes every override of one indicator (targets, values, weight).
    pub fn reset_indicator(&mut self, indicator: &str) {
        self.scenario.targets.retain(|e| e.indicator != indicator);
        self.scenario.values.retain(|e| e.indicator != indicator);
        self.warnings.clear();
        if self.scenario.weights.indicators.remove(indicator).is_some() {
            self.invalidate();
        } else {
            self.touch(indicator);
        }
    }

    /// Clears the scenario.
    pub fn reset_all(&mut self) {
        self.scenario = Scenario::default();
        self.warnings.clear();
        self.invalidate();
    }

    /// The result on `path`, brought up to date incrementally: after an edit
    /// of one indicator's target or value, only that indicator, its goal, that
    /// goal's policy and the index are recomputed. Equal to [`Engine::score`].
    pub fn rescore(&mut self, path: ScorePath) -> &ScoreResult {
        let k = path.position();
        let (ds, links, sc) = (&self.dataset, &self.links, &self.scenario);
        let (cached, pending) = self.cache[k].get_or_insert_with(|| (Cached::full(ds, links, sc, path), Vec::new()));
        if !pending.is_empty() {
            cached.update(ds, links, sc, pending);
            pending.clear();
        }
        &cached.result
    }

    /// The rows of `path`'s result that changed since the last call for that
    /// path, brought up to date, as one flat list of numbers (what crosses the
    /// WebAssembly boundary per edit; see [`crate::model::rows`] for the row
    /// numbering and [`rows::write`] for the format: the rows, the milestones,
    /// and whether the method or warnings may have changed). The first call after a new dataset,
    /// scenario, weight or method gives every row; after edits of targets or
    /// values only, the index and the edited outcome_long indicators with their
    /// goals and those goals' policies (an edit of another indicator changes no score). Applying each delta in turn to the rows gives the result.
    pub fn delta(&mut self, path: ScorePath, out: &mut Vec<f64>) {
        let k = path.position();
        let changed = std::mem::replace(&mut self.changes[k], Changes::Indicators(Vec::new()));
        let n_pol = self.dataset.policies.len();
        let n_goal = self.dataset.goals.len();
        let mut rows = std::mem::take(&mut self.rows);
        rows.clear();
        match &changed {
            Changes::All => rows.extend(0..rows::count(self.dataset(), &self.links)),
            Changes::Indicators(list) => {
                // The index, and of the edited outcome indicators each one's
                // row, its goal's and (when the route has policies) that goal's policy's.
                rows.push(0);
                let links = &self.links;
                let policies = effective_method(&self.dataset, &self.scenario).via.has_policy();
                for &i in list {
                    let Some(s) = links.series_pos.get(i).copied().flatten() else { continue };
                    rows.push(1 + n_pol + n_goal + s);
                    if let Some(g) = links.ind_goal[i] {
                        rows.push(1 + n_pol + g);
                        if let (true, Some(p)) = (policies, links.goal_policy[g]) {
                            rows.push(1 + p);
                        }
                    }
                }
                rows.sort_unstable();
                rows.dedup();
            }
        }
        // The reader's warnings are those of the last delta it read, not the
        // cache's: another call (`rescore`) may have brought the cache up to date since.
        let had_warnings = self.delta_warned[k];
        let all = changed == Changes::All;
        let result = self.rescore(path);
        let has_warnings = !result.warnings.is_empty();
        let meta = all || had_warnings || has_warnings;
        rows::write(result, n_pol, &rows, meta, out);
        self.rows = rows;
        self.delta_warned[k] = has_warnings;
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
