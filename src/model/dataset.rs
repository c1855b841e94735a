//! The dataset (SPEC §2, `"format": "vision-index/1"`): the typed model only.
//! It is read and checked by `crate::read`; a value of these types built in
//! code is not checked until it is given to a reader or the engine.

use super::names::{Aggregate, Direction, ProjectTag, Stage, Via};
use super::shared::Str;
use super::text::Text;
use super::years::YearValues;
use schemars::JsonSchema;
use serde::Serialize;

/// The dataset format tag.
pub const DATASET_FORMAT: &str = "vision-index/1";
/// The most indicators a dataset may have.
pub const MAX_INDICATORS: usize = 100_000;
/// The longest span of years, `last − first`.
pub const MAX_YEAR_SPAN: i64 = 100;

fn one() -> f64 {
    1.0
}
fn is_one(w: &f64) -> bool {
    *w == 1.0
}
fn is_false(b: &bool) -> bool {
    !*b
}

/// A Vision Index dataset.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Vision Index dataset (vision-index/1)")]
pub struct Dataset {
    /// Always `"vision-index/1"`.
    pub format: String,
    pub title: Text,
    /// Where the figures come from (extension of SPEC §2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    /// A notice the page shows as a banner above everything, e.g. what in the
    /// dataset is invented (extension of SPEC §2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Text>,
    /// What the figures are about, shown under the title (extension of SPEC §2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<Text>,
    pub years: Years,
    pub index: IndexDef,
    pub policies: Vec<Policy>,
    pub goals: Vec<Goal>,
    pub indicators: Vec<Indicator>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
}

/// The fiscal years covered, inclusive (FY2027 = 令和9年度 = April 2027 – March 2028).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Years {
    pub first: i32,
    pub last: i32,
}

impl Years {
    /// Every year from `first` to `last`.
    pub fn list(&self) -> Vec<i32> {
        (self.first..=self.last).collect()
    }
    /// How many years.
    pub fn len(&self) -> usize {
        (self.last - self.first + 1).max(0) as usize
    }
    /// Whether there is no year (never, for a checked dataset).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The composite index.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndexDef {
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    pub base_year: i32,
    pub base_value: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub method: Method,
}

/// A target value of the index in a year.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub year: i32,
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

/// The scoring method of the index.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Method {
    #[serde(default)]
    pub aggregate: Aggregate,
    #[serde(default)]
    pub via: Via,
    /// Upper cap on indicator scores (`null`: none).
    #[serde(default)]
    pub cap: Option<f64>,
    /// `true`: the method is the dataset author's assumption, not a formula
    /// published with the figures (extension of SPEC §2; the page marks it).
    /// Not carried into results: it describes the dataset, not a scoring.
    #[serde(default, skip_serializing_if = "is_false")]
    pub assumed: bool,
}

/// A basic policy (基本の方針).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub id: Str,
    pub name: Text,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: f64,
}

/// A target state (目指す姿).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: Str,
    pub policy: Str,
    pub name: Text,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: f64,
}

/// An indicator of a goal's logic model.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: Str,
    pub goal: Str,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    #[serde(default)]
    pub stage: Stage,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: f64,
    /// The value in `index.base_year`; > 0.
    pub baseline: f64,
    /// Reported actuals by fiscal year.
    #[serde(default, skip_serializing_if = "YearValues::is_empty")]
    pub values: YearValues,
    /// Targets by fiscal year.
    #[serde(default, skip_serializing_if = "YearValues::is_empty")]
    pub targets: YearValues,
    /// `true`: not an official figure.
    #[serde(default, skip_serializing_if = "is_false")]
    pub illustrative: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

/// A key project (重点事業) with its KPIs.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub id: Str,
    /// Its number in the source document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no: Option<u32>,
    pub name: Text,
    /// Marks from the source (extension): 【新規】 `new`, 【内容変更】 `revised`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<ProjectTag>,
    /// The target states it serves.
    #[serde(default)]
    pub goals: Vec<Str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    #[serde(default)]
    pub kpis: Vec<Kpi>,
    /// `true`: the project has no KPI by nature, so no KPI is not warned about
    /// (extension of SPEC §2).
    #[serde(default, skip_serializing_if = "is_false")]
    pub no_kpi: bool,
}

/// A project KPI with its yearly actuals and targets.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default, skip_serializing_if = "YearValues::is_empty")]
    pub values: YearValues,
    #[serde(default, skip_serializing_if = "YearValues::is_empty")]
    pub targets: YearValues,
    /// A remark as printed in the source (extension), e.g. 見込み.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// `true`: the source shows this KPI's figures in a chart only, and they
    /// were not transcribed (extension of SPEC §2).
    #[serde(default, skip_serializing_if = "is_false")]
    pub chart_only: bool,
}
