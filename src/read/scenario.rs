//! The scenario reader (SPEC §4): walks the JSON tree of a scenario and checks
//! each entry, weight and method field against the dataset with the rules of
//! [`crate::check::scenario`], the same ones the engine applies to an edit.

use super::fields;
use super::json::{Obj, J};
use super::Loaded;
use crate::check::scenario::{self as rules, Against, Seen};
use crate::messages::Msg;
use crate::model::{
    Dataset, Entry, Level, Links, List, MethodOverride, Scenario, Weights, DATASET_FORMAT, SCENARIO_FORMAT,
};
use crate::problem::{Path, Problem, Problems};
use std::collections::BTreeMap;

/// Reads a scenario and checks it against `dataset` (same rules and paths).
pub fn load_scenario(bytes: &[u8], dataset: &Dataset) -> Result<Loaded<Scenario>, Vec<Problem>> {
    load_scenario_with(bytes, dataset, &Links::new(dataset))
}

/// [`load_scenario`] with the dataset's links already made (the engine's).
pub(crate) fn load_scenario_with(
    bytes: &[u8],
    dataset: &Dataset,
    links: &Links,
) -> Result<Loaded<Scenario>, Vec<Problem>> {
    let bump = bumpalo::Bump::new();
    let value = super::parse_json(bytes, &bump).map_err(|p| vec![p])?;
    let mut probs = Problems::default();
    let sc = read_scenario(&value, Against { ds: dataset, links }, &mut probs);
    match sc {
        Some(sc) if !probs.has_errors() => Ok(Loaded { value: sc, warnings: probs.finish() }),
        _ => Err(probs.finish()),
    }
}

/// Checks a `serde_json::Value` as a scenario of `dataset`.
pub fn scenario_from_value(value: &serde_json::Value, dataset: &Dataset) -> Result<Loaded<Scenario>, Vec<Problem>> {
    let bytes =
        serde_json::to_vec(value).map_err(|e| vec![Problem::error("$", Msg::Internal { what: e.to_string() })])?;
    load_scenario(&bytes, dataset)
}

const ROOT_KEYS: &[&str] = &["format", "name", "targets", "values", "weights", "method"];
const METHOD_KEYS: &[&str] = &["aggregate", "via", "cap"];
/// A dataset's structural fields, which no scenario has (not its texts: `title`, `source`, …).
const DATASET_ONLY_KEYS: &[&str] = &["indicators", "goals", "policies", "index", "years", "projects"];

fn read_scenario(value: &J, cx: Against, probs: &mut Problems) -> Option<Scenario> {
    let m = fields::root(value, SCENARIO_FORMAT, probs)?;
    let root = Path::Root;
    // a dataset labelled as a scenario would otherwise apply as an empty one (and wipe the what-ifs)
    let changes = ["targets", "values", "weights", "method"].iter().any(|k| m.get(k).is_some());
    if !changes {
        if let Some(k) = DATASET_ONLY_KEYS.iter().find(|k| m.get(k).is_some()) {
            probs.error(&root, Msg::DatasetAsScenario { name: (*k).to_string(), dataset: DATASET_FORMAT });
            return None;
        }
    }
    fields::unknown_fields(m, ROOT_KEYS, &root, probs);
    let name = m.get("name").and_then(|v| fields::string(v, &root.key("name"), probs)).map(str::to_string);
    let targets = read_entries(m, List::Targets, cx, probs);
    let values = read_entries(m, List::Values, cx, probs);
    let weights = match m.get("weights") {
        None => Some(Weights::default()),
        Some(v) => read_weights(v, cx, probs),
    };
    let method = match m.get("method") {
        None => Some(MethodOverride::default()),
        Some(v) => fields::method_fields(v, METHOD_KEYS, &root.key("method"), probs),
    };
    Some(Scenario {
        format: SCENARIO_FORMAT.to_string(),
        name,
        targets: targets?,
        values: values?,
        weights: weights?,
        method: method?,
    })
}

fn read_entries(m: &Obj<'_>, list: List, cx: Against, probs: &mut Problems) -> Option<Vec<Entry>> {
    let root = Path::Root;
    let p = root.key(list.name());
    let Some(v) = m.get(list.name()) else { return Some(Vec::new()) };
    let mut seen = Seen::default();
    fields::objects(v, &p, probs, |i, e, at, probs| {
        fields::unknown_fields(e, &["indicator", "year", "value"], at, probs);
        let indicator =
            fields::required(e, "indicator", at, probs).and_then(|v| fields::string(v, &at.key("indicator"), probs));
        let year = fields::required(e, "year", at, probs).and_then(|v| fields::whole(v, &at.key("year"), probs));
        let value = fields::required(e, "value", at, probs).and_then(|v| fields::number(v, &at.key("value"), probs));
        let ok = rules::entry(cx, indicator, year, value, at, probs);
        let (indicator, year, value) = (indicator?, year?, value?);
        // Within the dataset's years (checked above), a year is an i32.
        let year = i32::try_from(year).ok().filter(|_| ok)?;
        seen.first_time(list, i, indicator, year, at, probs).then(|| Entry {
            indicator: indicator.to_string(),
            year,
            value,
        })
    })
}

fn read_weights(v: &J, cx: Against, probs: &mut Problems) -> Option<Weights> {
    let root = Path::Root;
    let p = root.key("weights");
    let m = fields::object(v, &p, probs)?;
    let keys: Vec<&str> = Level::ALL.iter().map(|l| l.weights_key()).collect();
    fields::unknown_fields(m, &keys, &p, probs);
    let mut one = |level: Level| -> Option<BTreeMap<String, f64>> {
        let kp = p.key(level.weights_key());
        let Some(v) = m.get(level.weights_key()) else { return Some(BTreeMap::new()) };
        let wm = fields::object(v, &kp, probs)?;
        let mut out = BTreeMap::new();
        let mut seen = std::collections::HashSet::new();
        let mut ok = true;
        for (id, v) in wm.iter() {
            let at = kp.key(id);
            // A repeated key counts by its first entry, whatever that one was.
            if !seen.insert(id) {
                probs.warn(&at, Msg::DuplicateKey { name: crate::messages::clip(id) });
                continue;
            }
            // The id first (an unknown one is not read further), then the
            // JSON type, then the rule an edit is checked by.
            if !rules::known_id(cx, level, id, &at, probs) {
                ok = false;
                continue;
            }
            let w = fields::number(v, &at, probs);
            match w.filter(|&w| rules::weight_entry(cx, level, id, Some(w), &at, probs)) {
                Some(w) => {
                    out.insert(id.to_string(), w);
                }
                None => ok = false,
            }
        }
        ok.then_some(out)
    };
    let policies = one(Level::Policy);
    let goals = one(Level::Goal);
    let indicators = one(Level::Indicator);
    Some(Weights { policies: policies?, goals: goals?, indicators: indicators? })
}
