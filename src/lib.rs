//! # Vision Index
//!
//! The scoring engine for Setagaya Ward's composite index
//! 「持続可能な地域経済の充実度」 (100 points in FY2023, targets 130 in FY2027 and
//! 135 in FY2031), following `SPEC.md`:
//!
//! - [`dataset`]: the dataset format and its checks (every problem, with its path);
//! - [`scenario`]: what-if scenarios, checked against their dataset;
//! - [`paths`]: an indicator's value per year on the actual, plan, outlook and trend paths;
//! - [`score`]: indicator scores and their aggregation into goals, policies and the index;
//! - [`result`]: the result and its JSON and CSV forms;
//! - [`engine`]: the stateful engine behind the widget (edit, re-score);
//! - [`messages`]: every message, in Japanese and English.
//!
//! The engine is plain Rust; the WebAssembly boundary is the one module `wasm`
//! (built for `wasm32` only).

pub mod dataset;
pub mod engine;
pub mod inspect;
pub mod json;
pub mod messages;
pub mod paths;
pub mod problem;
mod read;
pub mod result;
pub mod scenario;
pub mod schema;
pub mod score;
pub mod shared;
pub mod text;
pub mod years;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use dataset::{
    dataset_from_value, load_dataset, Aggregate, Dataset, Direction, Goal, IndexDef, Indicator, Kpi, Loaded, Method,
    Milestone, Policy, Project, ProjectTag, Stage, Via, Years, DATASET_FORMAT, MAX_INDICATORS,
};
pub use engine::{Engine, Level};
pub use paths::ScorePath;
pub use problem::{Problem, Severity};
pub use read::MAX_BYTES;
pub use result::{MilestoneResult, ScoreResult, Series, RESULT_FORMAT};
pub use scenario::{load_scenario, scenario_from_value, Entry, MethodOverride, Scenario, Weights, SCENARIO_FORMAT};
pub use score::{score, score_with, Links};
pub use shared::Str;
pub use text::{Lang, Text};
