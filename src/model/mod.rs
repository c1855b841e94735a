//! The data of the pipeline, types only: the dataset, the scenario, the
//! result, and what they are made of. Nothing here reads, checks or scores;
//! every other module depends on this one and it on none of them but
//! [`crate::problem`] (a result carries its warnings).

mod dataset;
mod links;
mod names;
mod result;
pub mod rows;
mod scenario;
mod shared;
mod text;
mod years;

pub use dataset::{
    Dataset, Goal, IndexDef, Indicator, Kpi, Method, Milestone, Policy, Project, Years, DATASET_FORMAT, MAX_INDICATORS,
    MAX_YEAR_SPAN,
};
pub use links::Links;
pub(crate) use names::named_enum;
pub use names::{Aggregate, Direction, InputKind, Level, List, Named, ProjectTag, ScorePath, Stage, Via};
pub use result::{MilestoneResult, ScoreResult, Series, RESULT_FORMAT};
pub use scenario::{Entry, MethodOverride, Scenario, Weights, SCENARIO_FORMAT};
pub(crate) use shared::Doc;
pub use shared::Str;
pub use text::{Lang, Text};
pub use years::YearValues;
