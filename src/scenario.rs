//! What-if scenarios (SPEC §4, `"format": "vision-index-scenario/1"`): target
//! and value overrides, weights and method, checked against their dataset.

use crate::dataset::{read_method_fields, Aggregate, Dataset, Loaded, Via};
use crate::json::{Obj, J};
use crate::messages::{Msg, RefKind};
use crate::problem::{Path, Problem, Problems};
use crate::read;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The scenario format tag.
pub const SCENARIO_FORMAT: &str = "vision-index-scenario/1";

/// A what-if scenario. `Scenario::default()` changes nothing.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Vision Index scenario (vision-index-scenario/1)")]
pub struct Scenario {
    /// Always `"vision-index-scenario/1"`.
    pub format: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Replace the dataset's target of the same indicator and year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Entry>,
    /// Assumed values: replace the reported value of the same indicator and year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Entry>,
    #[serde(default, skip_serializing_if = "Weights::is_empty")]
    pub weights: Weights,
    #[serde(default, skip_serializing_if = "MethodOverride::is_empty")]
    pub method: MethodOverride,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            format: SCENARIO_FORMAT.to_string(),
            name: None,
            targets: Vec::new(),
            values: Vec::new(),
            weights: Weights::default(),
            method: MethodOverride::default(),
        }
    }
}

impl Scenario {
    /// Whether the scenario changes nothing.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty() && self.values.is_empty() && self.weights.is_empty() && self.method.is_empty()
    }
    /// The scenario as pretty JSON (SPEC §4).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// One override: an indicator's value in a year.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub indicator: String,
    pub year: i32,
    pub value: f64,
}

/// Weights that replace the dataset's, by id.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub policies: BTreeMap<String, f64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub goals: BTreeMap<String, f64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub indicators: BTreeMap<String, f64>,
}

impl Weights {
    pub fn is_empty(&self) -> bool {
        self.policies.is_empty() && self.goals.is_empty() && self.indicators.is_empty()
    }
}

/// Method settings that replace the dataset's; absent fields keep it.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MethodOverride {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<Aggregate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Via>,
    /// Absent: keep the dataset's cap; `null`: no cap; a number > 0: that cap.
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "double_option::serialize")]
    #[schemars(with = "Option<f64>")]
    pub cap: Option<Option<f64>>,
}

impl MethodOverride {
    pub fn is_empty(&self) -> bool {
        self.aggregate.is_none() && self.via.is_none() && self.cap.is_none()
    }
}

/// `cap`: absent ≠ null.
mod double_option {
    use serde::{Serialize, Serializer};
    pub fn serialize<S: Serializer>(v: &Option<Option<f64>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }
}

/// Reads a scenario and checks it against `dataset` (same rules and paths).
pub fn load_scenario(bytes: &[u8], dataset: &Dataset) -> Result<Loaded<Scenario>, Vec<Problem>> {
    let bump = bumpalo::Bump::new();
    let value = read::parse_json(bytes, &bump).map_err(|p| vec![p])?;
    scenario_from_tree(&value, dataset)
}

/// Checks a `serde_json::Value` as a scenario of `dataset`.
pub fn scenario_from_value(value: &serde_json::Value, dataset: &Dataset) -> Result<Loaded<Scenario>, Vec<Problem>> {
    let bytes =
        serde_json::to_vec(value).map_err(|e| vec![Problem::error("$", Msg::Internal { what: e.to_string() })])?;
    load_scenario(&bytes, dataset)
}

fn scenario_from_tree(value: &J, dataset: &Dataset) -> Result<Loaded<Scenario>, Vec<Problem>> {
    let mut probs = Problems::default();
    let sc = read_scenario(value, dataset, &mut probs);
    match sc {
        Some(sc) if !probs.has_errors() => Ok(Loaded { value: sc, warnings: probs.finish() }),
        _ => Err(probs.finish()),
    }
}

/// Checks a scenario built in code (e.g. by the widget's edits) against `dataset`.
pub fn check_scenario(sc: &Scenario, dataset: &Dataset) -> Result<Vec<Problem>, Vec<Problem>> {
    match serde_json::to_vec(sc) {
        Ok(v) => load_scenario(&v, dataset).map(|l| l.warnings),
        Err(e) => Err(vec![Problem::error("$", Msg::Internal { what: e.to_string() })]),
    }
}

const ROOT_KEYS: &[&str] = &["format", "name", "targets", "values", "weights", "method"];

fn read_scenario(value: &J, ds: &Dataset, probs: &mut Problems) -> Option<Scenario> {
    let m = read::root(value, SCENARIO_FORMAT, probs)?;
    let root = Path::Root;
    read::unknown_fields(m, ROOT_KEYS, &root, probs);
    let name = m.get("name").and_then(|v| read::string(v, &root.key("name"), probs)).map(str::to_string);
    let indicators: HashSet<&str> = ds.indicators.iter().map(|i| i.id.as_str()).collect();
    let span = (ds.years.first, ds.years.last);
    let targets = read_entries(m, "targets", &indicators, span, ds.index.base_year, probs);
    let values = read_entries(m, "values", &indicators, span, ds.index.base_year, probs);
    let weights = match m.get("weights") {
        None => Some(Weights::default()),
        Some(v) => read_weights(v, ds, probs),
    };
    let method = match m.get("method") {
        None => Some(MethodOverride::default()),
        Some(v) => read_method_override(v, probs),
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

fn read_entries(
    m: &Obj<'_>,
    key: &'static str,
    indicators: &HashSet<&str>,
    span: (i32, i32),
    base_year: i32,
    probs: &mut Problems,
) -> Option<Vec<Entry>> {
    let root = Path::Root;
    let p = root.key(key);
    let Some(v) = m.get(key) else { return Some(Vec::new()) };
    let mut seen: HashMap<(String, i32), usize> = HashMap::new();
    read::objects(v, &p, probs, |i, e, at, probs| {
        read::unknown_fields(e, &["indicator", "year", "value"], at, probs);
        let ind = read::required(e, "indicator", at, probs)
            .and_then(|v| read::string(v, &at.key("indicator"), probs))
            .and_then(|s| {
                if indicators.contains(s) {
                    Some(s.to_string())
                } else {
                    probs.error(&at.key("indicator"), Msg::UnknownRef { kind: RefKind::Indicator, id: read::clip(s) });
                    None
                }
            });
        let year = read::required(e, "year", at, probs)
            .and_then(|v| read::whole(v, &at.key("year"), probs))
            .and_then(|y| read::year_in(y, Some(span), &at.key("year"), probs));
        let value = read::required(e, "value", at, probs).and_then(|v| read::non_negative(v, &at.key("value"), probs));
        let (indicator, year, value) = (ind?, year?, value?);
        if year == base_year {
            probs.warn(&at.key("year"), Msg::BaseYearEntryIgnored { year });
        } else if year < base_year {
            probs.warn(&at.key("year"), Msg::BeforeBaseYear { year, base: base_year });
        }
        if let Some(&first) = seen.get(&(indicator.clone(), year)) {
            let first = p.index(first).render();
            probs.error(at, Msg::DuplicateEntry { indicator, year, first });
            return None;
        }
        seen.insert((indicator.clone(), year), i);
        Some(Entry { indicator, year, value })
    })
}

fn read_weights(v: &J, ds: &Dataset, probs: &mut Problems) -> Option<Weights> {
    let root = Path::Root;
    let p = root.key("weights");
    let m = read::object(v, &p, probs)?;
    read::unknown_fields(m, &["policies", "goals", "indicators"], &p, probs);
    let mut one = |key: &'static str, kind: RefKind, ids: HashSet<&str>| -> Option<BTreeMap<String, f64>> {
        let kp = p.key(key);
        let Some(v) = m.get(key) else { return Some(BTreeMap::new()) };
        let wm = read::object(v, &kp, probs)?;
        let mut out = BTreeMap::new();
        let mut ok = true;
        for (id, v) in wm.iter() {
            let at = kp.key(id);
            if out.contains_key(id) {
                probs.warn(&at, Msg::DuplicateKey { name: read::clip(id) });
                continue;
            }
            if !ids.contains(id) {
                probs.error(&at, Msg::UnknownRef { kind, id: read::clip(id) });
                ok = false;
                continue;
            }
            match read::weight(v, &at, probs) {
                Some(w) => {
                    out.insert(id.to_string(), w);
                }
                None => ok = false,
            }
        }
        ok.then_some(out)
    };
    let policies = one("policies", RefKind::Policy, ds.policies.iter().map(|x| x.id.as_str()).collect());
    let goals = one("goals", RefKind::Goal, ds.goals.iter().map(|x| x.id.as_str()).collect());
    let indicators = one("indicators", RefKind::Indicator, ds.indicators.iter().map(|x| x.id.as_str()).collect());
    Some(Weights { policies: policies?, goals: goals?, indicators: indicators? })
}

fn read_method_override(v: &J, probs: &mut Problems) -> Option<MethodOverride> {
    let root = Path::Root;
    read_method_fields(v, &root.key("method"), probs)
}
