//! # Vision Index
//!
//! The scoring engine for Setagaya Ward's composite index
//! 「持続可能な地域経済の充実度」 (100 points in FY2023, targets 130 in FY2027 and
//! 135 in FY2031), following `SPEC.md`. The modules follow the pipeline:
//!
//! ```text
//! bytes ──read──▶ Dataset / Scenario ──score──▶ ScoreResult
//!          │            ▲    (model)
//!          └──check─────┘◀── engine edits (set_target, set_weight, …)
//! ```
//!
//! - [`model`]: the types only — dataset, scenario, result, names, years, texts;
//! - `read`: bytes → JSON tree → typed dataset or scenario, every problem with
//!   its path ([`load_dataset`], [`load_scenario`]);
//! - `check`: the typed rules, shared by the readers and the engine's edits;
//! - [`mod@score`]: paths, weighted means, a full score and the incremental update;
//! - [`analysis`]: the questions of SPEC §8 (progress status, contributions);
//! - [`engine`]: the stateful engine behind the widget (edit, re-score);
//! - [`problem`], [`messages`]: problems with their paths and codes, and every
//!   message in Japanese and English;
//! - [`schema`]: the JSON Schemas of the formats, generated from the model;
//! - [`sheet`]: the indicator sheet (SPEC §9), the dataset's indicators as CSV for Excel and back.
//!
//! The engine is plain Rust; the WebAssembly boundary is the one module `wasm`
//! (built for `wasm32` only). The command line is the binary `vision-index`
//! (`src/bin/vision-index/`).

pub mod analysis;
pub(crate) mod check;
pub mod engine;
pub mod float_text;
pub mod inspect;
pub mod messages;
pub mod model;
pub mod problem;
pub(crate) mod read;
pub mod schema;
pub mod score;
/// The command line and the analysis module only: not in the page's first-load module.
#[cfg(any(not(target_arch = "wasm32"), feature = "analysis"))]
pub mod sheet;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::Engine;
pub use model::{
    Aggregate, Dataset, Direction, Entry, Goal, IndexDef, Indicator, Kpi, Lang, Level, Links, List, Method,
    MethodOverride, Milestone, MilestoneResult, Named, Policy, Project, ProjectTag, Scenario, ScorePath, ScoreResult,
    Series, Stage, Str, Text, Via, Weights, YearValues, Years, DATASET_FORMAT, MAX_INDICATORS, RESULT_FORMAT,
    SCENARIO_FORMAT,
};
pub use problem::{Problem, Severity};
pub use read::{dataset_from_value, load_dataset, load_scenario, scenario_from_value, Loaded, MAX_BYTES};
pub use score::{score, score_with};

/// Not part of the API: the JSON parser, for its tests against serde_json
/// (`tests/read_json.rs`, `tests/wasm.rs`) and the parse-only benchmarks.
#[doc(hidden)]
pub mod testing {
    /// The parser and its tree (`src/read/json.rs`).
    pub mod json {
        pub use crate::read::json::{parse, Error, Obj, SyntaxError, J, MAX_DEPTH};

        /// The tree as a `serde_json::Value`, to compare with serde_json's reading
        /// (a repeated key keeps its last value, as serde_json does): the parser's
        /// tests and its fuzz target (fuzz/fuzz_targets/json.rs).
        pub fn to_value(j: &J) -> serde_json::Value {
            use serde_json::{Map, Value};
            match j {
                J::Null => Value::Null,
                J::Bool(b) => Value::Bool(*b),
                J::Num(x) => serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number),
                J::Str(s) => Value::String(s.to_string()),
                J::Arr(a) => Value::Array(a.iter().map(to_value).collect()),
                J::Obj(o) => {
                    let mut m = Map::new();
                    for (k, v) in o.iter() {
                        m.insert(k.to_string(), to_value(v));
                    }
                    Value::Object(m)
                }
            }
        }
    }
}
