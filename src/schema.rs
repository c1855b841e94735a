//! JSON Schemas of the dataset and scenario formats, generated from the Rust
//! types and checked in under `schema/` (a test fails when they are stale).

use crate::model::{Dataset, Scenario, Via};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

impl JsonSchema for Via {
    fn schema_name() -> Cow<'static, str> {
        "Via".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // The lists of Via's one table.
        let lists: Vec<&[&str]> = Via::TABLE.iter().map(|(names, _)| *names).collect();
        json_schema!({
            "description": "The aggregation route: indicators → goals (→ policies) → index.",
            "enum": lists
        })
    }
}

/// The schema of a dataset (`vision-index/1`), pretty JSON with a final newline.
pub fn dataset_schema() -> String {
    let s = schemars::schema_for!(Dataset);
    serde_json::to_string_pretty(&s).unwrap_or_default() + "\n"
}

/// The schema of a scenario (`vision-index-scenario/1`), pretty JSON with a final newline.
pub fn scenario_schema() -> String {
    let s = schemars::schema_for!(Scenario);
    serde_json::to_string_pretty(&s).unwrap_or_default() + "\n"
}
