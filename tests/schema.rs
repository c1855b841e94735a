//! The checked-in JSON Schemas must match the Rust types (`make schema` regenerates them).

use vision_index::schema::{dataset_schema, scenario_schema};

fn check(file: &str, generated: String) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema").join(file);
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(on_disk == generated, "schema/{file} is stale: run `make schema` and commit the result");
}

#[test]
fn dataset_schema_is_fresh() {
    check("dataset.schema.json", dataset_schema());
}

#[test]
fn scenario_schema_is_fresh() {
    check("scenario.schema.json", scenario_schema());
}

#[test]
fn schemas_are_json_schemas_of_objects() {
    for s in [dataset_schema(), scenario_schema()] {
        let v: serde_json::Value = serde_json::from_str(&s).expect("valid JSON");
        assert_eq!(v["type"], "object");
        assert_eq!(v["additionalProperties"], false);
        assert!(v["required"].as_array().is_some_and(|r| r.iter().any(|x| x == "format")));
    }
}
