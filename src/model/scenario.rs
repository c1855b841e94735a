//! What-if scenarios (SPEC §4, `"format": "vision-index-scenario/1"`): the
//! typed model only. Read by `crate::read`, checked against a dataset by
//! `crate::check::scenario`.

use super::names::{Aggregate, Level, List, Via};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// One of the two lists of entries.
    pub fn list(&self, list: List) -> &Vec<Entry> {
        match list {
            List::Targets => &self.targets,
            List::Values => &self.values,
        }
    }
    /// One of the two lists of entries, to change.
    pub fn list_mut(&mut self, list: List) -> &mut Vec<Entry> {
        match list {
            List::Targets => &mut self.targets,
            List::Values => &mut self.values,
        }
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
    /// Whether no weight is replaced.
    pub fn is_empty(&self) -> bool {
        self.policies.is_empty() && self.goals.is_empty() && self.indicators.is_empty()
    }
    /// The weights of one level, by id.
    pub fn of(&self, level: Level) -> &BTreeMap<String, f64> {
        match level {
            Level::Policy => &self.policies,
            Level::Goal => &self.goals,
            Level::Indicator => &self.indicators,
        }
    }
    /// The weights of one level, to change.
    pub fn of_mut(&mut self, level: Level) -> &mut BTreeMap<String, f64> {
        match level {
            Level::Policy => &mut self.policies,
            Level::Goal => &mut self.goals,
            Level::Indicator => &mut self.indicators,
        }
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
    /// Whether the dataset's method is kept as it is.
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
