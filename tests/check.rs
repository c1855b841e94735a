#![cfg(not(target_arch = "wasm32"))]
//! One test per validation rule of SPEC §2 (dataset) and §4 (scenario): each
//! mutates a small valid dataset and asserts the exact code and path of every
//! problem it raises.

use serde_json::{json, Value};
use vision_index::messages::{Expect, Msg, RefKind, SyntaxError, Undefined};
use vision_index::{
    dataset_from_value, load_dataset, load_scenario, scenario_from_value, Dataset, Problem, Severity, MAX_BYTES,
    MAX_INDICATORS,
};

// ---------------------------------------------------------------- helpers

/// A small valid dataset in the shape of the SPEC §2 example, using every
/// optional field once. It loads with no warning.
fn base() -> Value {
    json!({
        "format": "vision-index/1",
        "title": { "ja": "テスト用データ", "en": "Test dataset" },
        "source": "手書き",
        "years": { "first": 2023, "last": 2031 },
        "index": {
            "name": { "ja": "持続可能な地域経済の充実度", "en": "Sustainable local economy index" },
            "unit": "ポイント",
            "base_year": 2023,
            "base_value": 100,
            "milestones": [
                { "year": 2027, "value": 130, "label": { "ja": "中間目標値" } },
                { "year": 2031, "value": 135 }
            ],
            "method": { "aggregate": "arithmetic", "via": ["goal"], "cap": null }
        },
        "policies": [
            { "id": "P1", "name": "方針1", "weight": 1 },
            { "id": "P2", "name": { "en": "Policy 2" } }
        ],
        "goals": [
            { "id": "G1", "policy": "P1", "name": "目指す姿1", "weight": 1 },
            { "id": "G2", "policy": "P2", "name": "目指す姿2", "weight": 2 }
        ],
        "indicators": [
            { "id": "G1-a", "goal": "G1", "name": "指標A", "unit": "件", "stage": "outcome_long",
              "direction": "up", "weight": 1, "baseline": 1200, "values": { "2024": 1260 },
              "targets": { "2027": 1560, "2031": 1620 }, "illustrative": false, "source": "例示" },
            { "id": "G1-b", "goal": "G1", "name": "指標B", "direction": "down", "baseline": 12,
              "values": { "2024": 11 }, "targets": { "2027": 9 } },
            { "id": "G2-a", "goal": "G2", "name": "指標C", "baseline": 50, "targets": { "2027": 60 } },
            { "id": "G2-b", "goal": "G2", "name": "指標D", "stage": "behavior", "baseline": 5 }
        ],
        "projects": [
            { "id": "setagaya-pay", "no": 2, "name": "せたがやPay", "goals": ["G1", "G2"], "summary": "概要",
              "tags": ["new"],
              "kpis": [ { "name": "利用率", "unit": "%", "direction": "up", "values": { "2024": 76 },
                          "targets": { "2024": 80 }, "note": "見込み" } ] }
        ]
    })
}

/// A valid scenario of [`base`], using every field once. It loads with no warning.
fn base_scenario() -> Value {
    json!({
        "format": "vision-index-scenario/1",
        "name": "試算",
        "targets": [ { "indicator": "G1-a", "year": 2027, "value": 1600 } ],
        "values": [ { "indicator": "G1-b", "year": 2025, "value": 10 } ],
        "weights": { "policies": { "P1": 1 }, "goals": { "G2": 2 }, "indicators": { "G1-a": 0.5 } },
        "method": { "aggregate": "geometric", "via": ["goal", "policy"], "cap": 150 }
    })
}

fn base_dataset() -> Dataset {
    dataset_from_value(&base()).expect("the base dataset is valid").value
}

/// Splits a JSON pointer into its parent and last token.
fn split(ptr: &str) -> (&str, &str) {
    let i = ptr.rfind('/').expect("a JSON pointer");
    (&ptr[..i], &ptr[i + 1..])
}

/// `v` with the value at `ptr` (a JSON pointer) set, creating the last key if needed.
fn set_in(mut v: Value, ptr: &str, x: Value) -> Value {
    let (parent, last) = split(ptr);
    match v.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}")) {
        Value::Object(m) => {
            m.insert(last.to_string(), x);
        }
        Value::Array(a) => {
            let i = last.parse::<usize>().expect("an index");
            if i == a.len() {
                a.push(x);
            } else {
                a[i] = x;
            }
        }
        other => panic!("{parent} is {other}"),
    }
    v
}

/// `v` without the key at `ptr`.
fn remove_in(mut v: Value, ptr: &str) -> Value {
    let (parent, last) = split(ptr);
    let m = v.pointer_mut(parent).and_then(Value::as_object_mut).unwrap_or_else(|| panic!("no object {parent}"));
    assert!(m.remove(last).is_some(), "{ptr} was not there");
    v
}

/// The base dataset with one value set.
fn set(ptr: &str, x: Value) -> Value {
    set_in(base(), ptr, x)
}

/// The base dataset with one key removed.
fn without(ptr: &str) -> Value {
    remove_in(base(), ptr)
}

fn key(p: &Problem) -> (String, String) {
    (p.code().to_string(), p.path.clone())
}

fn keys(ps: &[Problem], severity: Severity) -> Vec<(String, String)> {
    let mut v: Vec<_> = ps.iter().filter(|p| p.severity == severity).map(key).collect();
    v.sort();
    v
}

fn owned(want: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<_> = want.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect();
    v.sort();
    v
}

/// Every problem has a code, a path and a message in both languages.
fn assert_well_formed(ps: &[Problem]) {
    for p in ps {
        assert!(!p.code().is_empty(), "{p:?}");
        assert!(!p.path.is_empty(), "{p:?}");
        assert!(!p.ja().trim().is_empty() && !p.en().trim().is_empty(), "{p:?}");
    }
}

/// The problems of a refused input.
#[track_caller]
fn refused(r: Result<vision_index::Loaded<impl std::fmt::Debug>, Vec<Problem>>) -> Vec<Problem> {
    let ps = match r {
        Ok(l) => panic!("accepted, with warnings {:?}", l.warnings),
        Err(ps) => ps,
    };
    assert!(ps.iter().any(Problem::is_error), "refused without an error: {ps:?}");
    assert_well_formed(&ps);
    ps
}

/// The dataset is refused with exactly these errors (code, path), in any order.
#[track_caller]
fn assert_errors(v: &Value, want: &[(&str, &str)]) -> Vec<Problem> {
    let ps = refused(dataset_from_value(v));
    assert_eq!(keys(&ps, Severity::Error), owned(want), "all problems: {ps:#?}");
    ps
}

/// The bytes are refused with exactly one error (code, path).
#[track_caller]
fn assert_bytes_error(bytes: &[u8], code: &str, path: &str) -> Problem {
    let ps = refused(load_dataset(bytes));
    assert_eq!(keys(&ps, Severity::Error), owned(&[(code, path)]), "all problems: {ps:#?}");
    ps.into_iter().next().expect("one problem")
}

/// The dataset loads, with exactly these warnings.
#[track_caller]
fn assert_warnings(v: &Value, want: &[(&str, &str)]) {
    let l = dataset_from_value(v).unwrap_or_else(|ps| panic!("refused: {ps:#?}"));
    assert_well_formed(&l.warnings);
    assert!(l.warnings.iter().all(|p| !p.is_error()));
    assert_eq!(keys(&l.warnings, Severity::Warning), owned(want), "{:#?}", l.warnings);
}

fn sc_errors(sc: &Value, want: &[(&str, &str)]) -> Vec<Problem> {
    let ps = refused(scenario_from_value(sc, &base_dataset()));
    assert_eq!(keys(&ps, Severity::Error), owned(want), "all problems: {ps:#?}");
    ps
}

fn sc_set(ptr: &str, x: Value) -> Value {
    set_in(base_scenario(), ptr, x)
}

fn compact(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).expect("serialises")
}

// ---------------------------------------------------------------- the base cases

#[test]
fn base_dataset_loads_without_warnings() {
    let l = dataset_from_value(&base()).expect("valid");
    assert!(l.warnings.is_empty(), "{:#?}", l.warnings);
    assert_eq!(l.value.indicators.len(), 4);
    // The same through bytes.
    assert!(load_dataset(&compact(&base())).is_ok());
}

#[test]
fn base_scenario_loads_without_warnings() {
    let l = scenario_from_value(&base_scenario(), &base_dataset()).expect("valid");
    assert!(l.warnings.is_empty(), "{:#?}", l.warnings);
}

// ---------------------------------------------------------------- reading the document

#[test]
fn not_json_reports_line_and_column() {
    let text = "{\n  \"format\": \"vision-index/1\",\n  \"title\": oops\n}\n";
    let p = assert_bytes_error(text.as_bytes(), "json_syntax", "$");
    match &p.msg {
        Msg::Syntax { line, column, what } => {
            assert_eq!(*line, 3);
            assert!(*column >= 12 && *column <= 15, "column {column}");
            assert_eq!(*what, SyntaxError::ExpectedValue);
            assert!(p.en().contains(&format!("line 3, column {column}")), "{}", p.en());
            assert!(p.ja().contains(&format!("3行{column}列")), "{}", p.ja());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn trailing_garbage_is_not_json() {
    let mut bytes = compact(&base());
    bytes.extend_from_slice(b" }");
    assert_bytes_error(&bytes, "json_syntax", "$");
}

#[test]
fn shift_jis_bytes_are_not_utf8() {
    // 世田谷 in Shift_JIS.
    let mut bytes = b"{\"format\": \"vision-index/1\",\n \"title\": \"".to_vec();
    bytes.extend_from_slice(&[0x90, 0xA2, 0x93, 0x63, 0x92, 0x4A]);
    bytes.extend_from_slice(b"\"}");
    let p = assert_bytes_error(&bytes, "not_utf8", "$");
    assert_eq!(p.msg, Msg::NotUtf8 { line: 2, column: 12 });
    assert!(p.en().contains("line 2, column 12") && p.en().contains("Shift_JIS"), "{}", p.en());
    assert!(p.ja().contains("2行12列"), "{}", p.ja());
}

#[test]
fn utf8_bom_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&compact(&base()));
    let l = load_dataset(&bytes).expect("a BOM is skipped");
    assert!(l.warnings.is_empty());
    assert_eq!(l.value, base_dataset());
}

#[test]
fn truncated_file_ends_too_early() {
    let bytes = serde_json::to_vec_pretty(&base()).expect("json");
    for cut in [1, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
        let p = assert_bytes_error(&bytes[..cut], "json_syntax", "$");
        assert!(matches!(p.msg, Msg::Syntax { what: SyntaxError::Eof, .. }), "cut {cut}: {:?}", p.msg);
        assert!(p.en().contains("ends too early"), "{}", p.en());
    }
    // An empty document too.
    let p = assert_bytes_error(b"", "json_syntax", "$");
    assert!(matches!(p.msg, Msg::Syntax { what: SyntaxError::Eof, .. }));
    let p = assert_bytes_error(b"  \n ", "json_syntax", "$");
    assert!(matches!(p.msg, Msg::Syntax { what: SyntaxError::Eof, .. }));
}

#[test]
fn not_an_object() {
    for doc in ["[1, 2]", "\"vision-index/1\"", "42", "null", "true"] {
        assert_bytes_error(doc.as_bytes(), "not_object", "$");
    }
}

#[test]
fn format_missing() {
    let ps = assert_errors(&without("/format"), &[("format", "format")]);
    assert!(matches!(ps[0].msg, Msg::FormatMissing { .. }));
}

#[test]
fn format_wrong() {
    for f in ["vision-index/2", "vision-index-scenario/1", ""] {
        let ps = assert_errors(&set("/format", json!(f)), &[("format", "format")]);
        assert!(matches!(ps[0].msg, Msg::FormatWrong { .. }), "{f}");
    }
    assert_errors(&set("/format", json!(1)), &[("wrong_type", "format")]);
}

// ---------------------------------------------------------------- required fields

#[test]
fn required_top_level_fields_missing() {
    for key in ["title", "years", "index"] {
        assert_errors(&without(&format!("/{key}")), &[("missing", key)]);
    }
}

#[test]
fn required_years_and_index_fields_missing() {
    for ptr in ["/years/first", "/years/last", "/index/name", "/index/base_year", "/index/base_value"] {
        let path = ptr[1..].replace('/', ".");
        assert_errors(&without(ptr), &[("missing", &path)]);
    }
}

#[test]
fn required_lists_missing() {
    // A list that cannot be read names nothing for sure: what refers to it is not reported too.
    assert_errors(&without("/policies"), &[("missing", "policies")]);
    assert_errors(&without("/goals"), &[("missing", "goals")]);
    assert_errors(&without("/indicators"), &[("missing", "indicators")]);
}

#[test]
fn ids_missing() {
    assert_errors(&without("/indicators/1/id"), &[("missing", "indicators[1].id")]);
    assert_errors(&without("/projects/0/id"), &[("missing", "projects[0].id")]);
    // Without its id, an entry cannot be named: what named it names no such entry.
    assert_errors(&without("/policies/1/id"), &[("missing", "policies[1].id"), ("unknown_ref", "goals[1].policy")]);
    assert_errors(
        &without("/goals/1/id"),
        &[
            ("missing", "goals[1].id"),
            ("unknown_ref", "indicators[2].goal"),
            ("unknown_ref", "indicators[3].goal"),
            ("unknown_ref", "projects[0].goals[1]"),
        ],
    );
}

#[test]
fn names_missing() {
    for ptr in
        ["/policies/0/name", "/goals/1/name", "/indicators/2/name", "/projects/0/name", "/projects/0/kpis/0/name"]
    {
        let path = json_path(ptr);
        assert_errors(&without(ptr), &[("missing", &path)]);
    }
}

#[test]
fn goal_policy_missing() {
    assert_errors(&without("/goals/0/policy"), &[("missing", "goals[0].policy")]);
}

#[test]
fn indicator_goal_missing() {
    assert_errors(&without("/indicators/2/goal"), &[("missing", "indicators[2].goal")]);
}

#[test]
fn indicator_baseline_missing() {
    assert_errors(&without("/indicators/0/baseline"), &[("missing", "indicators[0].baseline")]);
}

/// `/indicators/2/values/2024` → `indicators[2].values.2024` (numbers under 1000 are array indexes).
fn json_path(ptr: &str) -> String {
    let mut out = String::new();
    for tok in ptr[1..].split('/') {
        if tok.parse::<usize>().is_ok_and(|n| n < 1000) {
            out.push_str(&format!("[{tok}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(tok);
        }
    }
    out
}

#[test]
fn optional_fields_may_be_left_out() {
    let mut v = base();
    for ptr in [
        "/source",
        "/index/unit",
        "/index/milestones",
        "/index/method",
        "/policies/0/weight",
        "/goals/1/weight",
        "/indicators/0/unit",
        "/indicators/0/stage",
        "/indicators/0/direction",
        "/indicators/0/weight",
        "/indicators/0/values",
        "/indicators/0/targets",
        "/indicators/0/illustrative",
        "/indicators/0/source",
        "/projects/0/no",
        "/projects/0/summary",
        "/projects/0/tags",
        "/projects",
    ] {
        v = remove_in(v, ptr);
    }
    let l = dataset_from_value(&v).expect("valid");
    assert!(l.warnings.is_empty(), "{:#?}", l.warnings);
    let ds = l.value;
    let i = &ds.indicators[0];
    assert_eq!(
        (i.weight, i.stage, i.direction, i.illustrative),
        (1.0, vision_index::Stage::OutcomeLong, vision_index::Direction::Up, false)
    );
    assert!(i.values.is_empty() && i.targets.is_empty() && ds.projects.is_empty() && ds.index.milestones.is_empty());
    assert_eq!(ds.index.method, vision_index::Method::default());
    assert_eq!(ds.policies[0].weight, 1.0);
}

// ---------------------------------------------------------------- wrong types

#[test]
fn wrong_types() {
    let cases: &[(&str, Value)] = &[
        ("/title", json!(5)),
        ("/years", json!("2023-2031")),
        ("/years/first", json!("2023")),
        ("/years/last", json!(2031.5)),
        ("/index", json!([])),
        ("/index/base_year", json!(2023.5)),
        ("/index/base_value", json!("100")),
        ("/index/milestones", json!({})),
        ("/index/milestones/0/value", json!(null)),
        ("/index/method", json!("arithmetic")),
        ("/index/method/via", json!("goal")),
        ("/index/method/aggregate", json!(1)),
        ("/index/method/cap", json!("150")),
        ("/indicators", json!({})),
        ("/indicators/0/id", json!(7)),
        ("/indicators/0/goal", json!(["G1"])),
        ("/indicators/0/baseline", json!("1200")),
        ("/indicators/0/weight", json!(true)),
        ("/indicators/0/values", json!([1260])),
        ("/indicators/0/values/2024", json!("1260")),
        ("/indicators/0/targets", json!(null)),
        ("/indicators/0/illustrative", json!("no")),
        ("/indicators/0/stage", json!(3)),
        ("/indicators/0/unit", json!(1)),
        ("/goals/0/policy", json!(1)),
        ("/policies/0/weight", json!("1")),
        ("/projects", json!({})),
        ("/projects/0/no", json!("2")),
        ("/projects/0/goals", json!("G1")),
        ("/projects/0/kpis", json!({})),
        ("/projects/0/kpis/0", json!("kpi")),
    ];
    for (ptr, x) in cases {
        assert_errors(&set(ptr, x.clone()), &[("wrong_type", &json_path(ptr))]);
    }
}

#[test]
fn wrong_type_of_a_list_entry() {
    // A goal that is not an object: its indicators then name no such goal.
    assert_errors(
        &set("/goals/0", json!("G1")),
        &[
            ("wrong_type", "goals[0]"),
            ("unknown_ref", "indicators[0].goal"),
            ("unknown_ref", "indicators[1].goal"),
            ("unknown_ref", "projects[0].goals[0]"),
        ],
    );
    assert_errors(&set("/indicators/3", json!(null)), &[("wrong_type", "indicators[3]")]);
    assert_errors(&set("/policies", json!("P1")), &[("wrong_type", "policies")]);
}

#[test]
fn wrong_type_message_names_the_expected_type() {
    let ps = assert_errors(&set("/indicators/0/baseline", json!("1200")), &[("wrong_type", "indicators[0].baseline")]);
    assert_eq!(ps[0].msg, Msg::WrongType { expected: Expect::Number });
    assert!(ps[0].en().contains("number"), "{}", ps[0].en());
}

#[test]
fn numbers_too_large_for_a_double_are_refused() {
    // JSON cannot write NaN or infinity; a number beyond f64 is refused as it is read.
    let text = String::from_utf8(compact(&base())).expect("utf8").replace("\"baseline\":1200", "\"baseline\":1e400");
    assert!(text.contains("1e400"));
    assert_bytes_error(text.as_bytes(), "json_syntax", "$");
    let text =
        String::from_utf8(compact(&base())).expect("utf8").replace("\"base_value\":100", "\"base_value\":-1e999");
    assert!(text.contains("-1e999"));
    assert_bytes_error(text.as_bytes(), "json_syntax", "$");
}

// ---------------------------------------------------------------- Text

#[test]
fn text_with_no_usable_string() {
    assert_errors(&set("/title", json!("")), &[("empty_text", "title")]);
    assert_errors(&set("/title", json!("   ")), &[("empty_text", "title")]);
    assert_errors(&set("/title", json!({})), &[("empty_text", "title")]);
    assert_errors(&set("/title", json!({ "ja": "" })), &[("empty_text", "title.ja")]);
    assert_errors(&set("/index/name", json!({ "en": "" })), &[("empty_text", "index.name.en")]);
    assert_errors(
        &set("/goals/1/name", json!({ "ja": "", "en": "" })),
        &[("empty_text", "goals[1].name.ja"), ("empty_text", "goals[1].name.en")],
    );
    assert_errors(&set("/title", json!({ "ja": 5 })), &[("wrong_type", "title.ja")]);
    // An unknown language: no usable string (error) and an unknown field (warning).
    let ps = assert_errors(&set("/title", json!({ "fr": "x" })), &[("empty_text", "title")]);
    assert_eq!(keys(&ps, Severity::Warning), owned(&[("unknown_field", "title.fr")]));
    // Optional texts are checked too.
    assert_errors(&set("/indicators/0/unit", json!("")), &[("empty_text", "indicators[0].unit")]);
    assert_errors(&set("/index/milestones/0/label", json!({})), &[("empty_text", "index.milestones[0].label")]);
}

#[test]
fn text_with_one_language_is_enough() {
    assert_warnings(&set("/title", json!({ "en": "Only English" })), &[]);
    // An empty sibling next to a usable string: the Text is usable (SPEC §2), so a warning only.
    assert_warnings(&set("/title", json!({ "ja": "日本語のみ", "en": "" })), &[("empty_text", "title.en")]);
}

// ---------------------------------------------------------------- years

#[test]
fn years_first_after_last() {
    let v = set("/years", json!({ "first": 2031, "last": 2023 }));
    assert_errors(&v, &[("years_order", "years")]);
}

#[test]
fn years_span_over_100() {
    let v = set("/years", json!({ "first": 2000, "last": 2101 }));
    assert_errors(&v, &[("years_span", "years")]);
    // Exactly 100 is fine.
    assert_warnings(&set("/years", json!({ "first": 2001, "last": 2101 })), &[]);
    // A single year is fine too (nothing after the base year).
    let v = set("/years", json!({ "first": 2023, "last": 2023 }));
    let v = set_in(v, "/index/milestones", json!([]));
    let v = set_in(
        v,
        "/indicators",
        json!([{ "id": "a", "goal": "G1", "name": "a", "baseline": 1 },
                                             { "id": "b", "goal": "G2", "name": "b", "baseline": 1 }]),
    );
    let v = set_in(v, "/projects/0/kpis/0/values", json!({}));
    let v = set_in(v, "/projects/0/kpis/0/targets", json!({}));
    assert_warnings(&v, &[]);
}

#[test]
fn base_year_outside_years() {
    assert_errors(&set("/index/base_year", json!(2022)), &[("year_range", "index.base_year")]);
    assert_errors(&set("/index/base_year", json!(2032)), &[("year_range", "index.base_year")]);
}

#[test]
fn milestone_year_outside_years() {
    assert_errors(&set("/index/milestones/1/year", json!(2032)), &[("year_range", "index.milestones[1].year")]);
    assert_errors(&set("/index/milestones/0/year", json!(2022)), &[("year_range", "index.milestones[0].year")]);
}

#[test]
fn value_and_target_years_outside_years() {
    let v = set("/indicators/0/values", json!({ "2024": 1, "2040": 2 }));
    assert_errors(&v, &[("year_range", "indicators[0].values.2040")]);
    let v = set("/indicators/1/targets", json!({ "2022": 1 }));
    assert_errors(&v, &[("year_range", "indicators[1].targets.2022")]);
    let v = set("/projects/0/kpis/0/targets", json!({ "1999": 1 }));
    assert_errors(&v, &[("year_range", "projects[0].kpis[0].targets.1999")]);
}

#[test]
fn year_key_not_a_whole_number() {
    for k in ["2027.5", "abc", "", "２０２７", "2027 ", "1e3"] {
        let v = set("/indicators/0/targets", json!({ k: 10 }));
        assert_errors(&v, &[("year_key", &format!("indicators[0].targets.{k}"))]);
    }
    let v = set("/indicators/0/values", json!({ "abc": 10 }));
    assert_errors(&v, &[("year_key", "indicators[0].values.abc")]);
}

#[test]
fn milestones_not_strictly_increasing() {
    let v = set("/index/milestones/1/year", json!(2027));
    assert_errors(&v, &[("milestone_order", "index.milestones[1].year")]);
    let v = set("/index/milestones", json!([{ "year": 2031, "value": 1 }, { "year": 2027, "value": 2 }]));
    assert_errors(&v, &[("milestone_order", "index.milestones[1].year")]);
}

// ---------------------------------------------------------------- ids and references

#[test]
fn id_empty() {
    assert_errors(&set("/indicators/3/id", json!("")), &[("id_empty", "indicators[3].id")]);
}

#[test]
fn id_of_64_and_65_characters() {
    assert_warnings(&set("/indicators/3/id", json!("a".repeat(64))), &[]);
    assert_errors(&set("/indicators/3/id", json!("a".repeat(65))), &[("id_too_long", "indicators[3].id")]);
}

#[test]
fn id_with_bad_characters() {
    for id in ["G 1", "G/1", "目標", "G1\n", "a:b"] {
        assert_errors(&set("/indicators/3/id", json!(id)), &[("id_chars", "indicators[3].id")]);
    }
    assert_errors(&set("/projects/0/id", json!("setagaya pay")), &[("id_chars", "projects[0].id")]);
    // The allowed set.
    assert_warnings(&set("/indicators/3/id", json!("AZaz09_.-")), &[]);
}

#[test]
fn id_repeated_within_its_list() {
    let ps = assert_errors(&set("/indicators/3/id", json!("G1-a")), &[("id_duplicate", "indicators[3].id")]);
    assert!(ps[0].en().contains("indicators[0]"), "names the first: {}", ps[0].en());
    assert_errors(
        &set("/policies/1/id", json!("P1")),
        &[("id_duplicate", "policies[1].id"), ("unknown_ref", "goals[1].policy")],
    );
    let v = set("/projects", json!([base()["projects"][0].clone(), base()["projects"][0].clone()]));
    assert_errors(&v, &[("id_duplicate", "projects[1].id")]);
    // The same id in different lists is fine.
    assert_warnings(&set("/indicators/3/id", json!("G2")), &[]);
}

#[test]
fn dangling_policy_of_a_goal() {
    let v = set("/goals/1/policy", json!("P9"));
    let ps = assert_errors(&v, &[("unknown_ref", "goals[1].policy")]);
    assert_eq!(ps[0].msg, Msg::UnknownRef { kind: RefKind::Policy, id: "P9".into() });
}

#[test]
fn dangling_goal_of_an_indicator() {
    assert_errors(&set("/indicators/2/goal", json!("G9")), &[("unknown_ref", "indicators[2].goal")]);
}

#[test]
fn dangling_goal_of_a_project() {
    assert_errors(&set("/projects/0/goals/1", json!("G9")), &[("unknown_ref", "projects[0].goals[1]")]);
}

/// A broken entry still exists: what names it does not name "no such entry".
#[test]
fn references_to_a_broken_entry_are_not_dangling() {
    assert_errors(&without("/goals/0/name"), &[("missing", "goals[0].name")]);
    assert_errors(&set("/goals/1/weight", json!(-1)), &[("weight_negative", "goals[1].weight")]);
    assert_errors(&set("/policies/0/name", json!("")), &[("empty_text", "policies[0].name")]);
    assert_errors(
        &set("/goals/0/id", json!("G 1")),
        &[
            ("id_chars", "goals[0].id"),
            ("unknown_ref", "indicators[0].goal"),
            ("unknown_ref", "indicators[1].goal"),
            ("unknown_ref", "projects[0].goals[0]"),
        ],
    );
    let v = set("/goals/0/id", json!("G 1"));
    let v = set_in(v, "/indicators/0/goal", json!("G 1"));
    assert_errors(
        &v,
        &[("id_chars", "goals[0].id"), ("unknown_ref", "indicators[1].goal"), ("unknown_ref", "projects[0].goals[0]")],
    );
}

// ---------------------------------------------------------------- numbers

#[test]
fn baseline_zero_or_negative() {
    assert_errors(&set("/indicators/0/baseline", json!(0)), &[("baseline_not_positive", "indicators[0].baseline")]);
    assert_errors(&set("/indicators/1/baseline", json!(-3.5)), &[("baseline_not_positive", "indicators[1].baseline")]);
    // A tiny positive baseline is fine.
    assert_warnings(&set("/indicators/1/baseline", json!(1e-300)), &[]);
}

#[test]
fn value_or_target_negative() {
    assert_errors(&set("/indicators/0/values/2024", json!(-1)), &[("negative", "indicators[0].values.2024")]);
    assert_errors(&set("/indicators/0/targets/2027", json!(-0.5)), &[("negative", "indicators[0].targets.2027")]);
    assert_errors(
        &set("/projects/0/kpis/0/values/2024", json!(-76)),
        &[("negative", "projects[0].kpis[0].values.2024")],
    );
    // Zero is fine.
    assert_warnings(&set("/indicators/0/values/2024", json!(0)), &[]);
}

#[test]
fn weight_negative() {
    assert_errors(&set("/policies/0/weight", json!(-1)), &[("weight_negative", "policies[0].weight")]);
    assert_errors(&set("/goals/1/weight", json!(-0.001)), &[("weight_negative", "goals[1].weight")]);
    assert_errors(&set("/indicators/2/weight", json!(-2)), &[("weight_negative", "indicators[2].weight")]);
    // Zero is fine.
    assert_warnings(&set("/indicators/2/weight", json!(0)), &[]);
}

#[test]
fn cap_zero_or_negative() {
    assert_errors(&set("/index/method/cap", json!(0)), &[("cap_not_positive", "index.method.cap")]);
    assert_errors(&set("/index/method/cap", json!(-150)), &[("cap_not_positive", "index.method.cap")]);
    assert_warnings(&set("/index/method/cap", json!(150)), &[]);
}

// ---------------------------------------------------------------- enums

#[test]
fn enum_strings_wrong() {
    let cases: &[(&str, Value)] = &[
        ("/indicators/0/stage", json!("long")),
        ("/indicators/0/stage", json!("Outcome_Long")),
        ("/indicators/1/direction", json!("sideways")),
        ("/index/method/aggregate", json!("median")),
        ("/index/method/via", json!(["policy"])),
        ("/index/method/via", json!(["goal", "policy", "goal"])),
        ("/index/method/via", json!([])),
        ("/projects/0/kpis/0/direction", json!("UP")),
        ("/projects/0/tags/0", json!("old")),
    ];
    for (ptr, x) in cases {
        let ps = assert_errors(&set(ptr, x.clone()), &[("bad_enum", &json_path(ptr))]);
        assert!(matches!(ps[0].msg, Msg::BadEnum { .. }));
    }
}

#[test]
fn enum_values_accepted() {
    for (ptr, x) in [
        ("/indicators/0/stage", json!("behavior")),
        ("/indicators/1/stage", json!("outcome_short")),
        ("/index/method/aggregate", json!("geometric")),
        ("/index/method/via", json!(["goal", "policy"])),
        ("/projects/0/tags/0", json!("revised")),
    ] {
        let l = dataset_from_value(&set(ptr, x)).unwrap_or_else(|ps| panic!("{ptr}: {ps:#?}"));
        assert!(l.warnings.iter().all(|w| w.code() == "goal_without_outcome"), "{:#?}", l.warnings);
    }
}

// ---------------------------------------------------------------- limits

#[test]
fn more_than_100000_indicators() {
    let ind: Vec<Value> = (0..=MAX_INDICATORS)
        .map(|n| json!({ "id": format!("i{n}"), "goal": "G1", "name": "n", "baseline": 1 }))
        .collect();
    assert_eq!(ind.len(), 100_001);
    let v = set("/indicators", Value::Array(ind));
    let bytes = compact(&v);
    assert!(bytes.len() < MAX_BYTES, "refused for its count, not its size");
    let ps = assert_bytes_error(&bytes, "too_many_indicators", "indicators");
    assert_eq!(ps.msg, Msg::TooManyIndicators { count: 100_001, limit: 100_000 });
}

#[test]
fn document_over_10_mb() {
    let v = set("/source", json!("x".repeat(MAX_BYTES)));
    let bytes = compact(&v);
    assert!(bytes.len() > MAX_BYTES);
    let p = assert_bytes_error(&bytes, "too_large", "$");
    assert_eq!(p.msg, Msg::TooLarge { bytes: bytes.len(), limit: MAX_BYTES });
    // Also when it is not even JSON: the size is checked first.
    assert_bytes_error(&vec![b'['; MAX_BYTES + 1], "too_large", "$");
    // Just under the limit, the same document loads.
    let v = set("/source", json!("x".repeat(MAX_BYTES - compact(&base()).len())));
    assert!(compact(&v).len() <= MAX_BYTES);
    assert!(dataset_from_value(&v).is_ok());
}

/// A document nesting `depth` containers: the root object and `depth − 1` arrays as the title.
fn nested(depth: usize) -> Vec<u8> {
    let mut s = String::from("{\"format\": \"vision-index/1\", \"title\": ");
    s.push_str(&"[".repeat(depth - 1));
    s.push_str(&"]".repeat(depth - 1));
    s.push('}');
    s.into_bytes()
}

#[test]
fn nesting_too_deep() {
    // serde_json's recursion limit: 127 nested containers are read, 128 are not.
    for depth in [128, 129, 1000, 100_000] {
        let p = assert_bytes_error(&nested(depth), "too_deep", "$");
        assert!(matches!(p.msg, Msg::TooDeep { line: 1, .. }), "{:?}", p.msg);
        assert!(p.en().contains("at most 127 levels"), "the message states the limit: {}", p.en());
    }
    // 127 levels are read (and then refused for what they are, not for their depth).
    let ps = refused(load_dataset(&nested(127)));
    assert!(ps.iter().all(|p| p.code() != "too_deep"), "{ps:#?}");
    assert!(ps.iter().any(|p| p.code() == "wrong_type" && p.path == "title"), "{ps:#?}");
}

// ---------------------------------------------------------------- every problem

#[test]
fn every_problem_is_reported() {
    let mut v = base();
    v = set_in(v, "/title", json!(""));
    v = set_in(v, "/indicators/0/baseline", json!(-1));
    v = set_in(v, "/indicators/1/direction", json!("sideways"));
    v = set_in(v, "/goals/1/weight", json!(-2));
    v = set_in(v, "/projects/0/goals/0", json!("G9"));
    v = set_in(v, "/indicators/0/colour", json!("red"));
    let ps = assert_errors(
        &v,
        &[
            ("empty_text", "title"),
            ("baseline_not_positive", "indicators[0].baseline"),
            ("bad_enum", "indicators[1].direction"),
            ("weight_negative", "goals[1].weight"),
            ("unknown_ref", "projects[0].goals[0]"),
        ],
    );
    // Warnings come along, after the errors.
    assert_eq!(keys(&ps, Severity::Warning), owned(&[("unknown_field", "indicators[0].colour")]));
    let first_warning = ps.iter().position(|p| !p.is_error()).expect("a warning");
    assert!(ps[first_warning..].iter().all(|p| !p.is_error()), "errors first");
}

#[test]
fn many_problems_are_bounded() {
    // 5,000 broken indicators: the report stays bounded and says how many were left out.
    let ind: Vec<Value> =
        (0..5000).map(|n| json!({ "id": format!("i{n}"), "goal": "G1", "name": "", "baseline": -1 })).collect();
    let ps = refused(dataset_from_value(&set("/indicators", Value::Array(ind))));
    assert!(ps.len() <= 1001, "{}", ps.len());
    let last = ps.iter().find(|p| p.code() == "too_many_problems").expect("a summary");
    assert_eq!(last.path, "$");
    // 10,000 errors, two per indicator.
    assert!(matches!(last.msg, Msg::TooManyProblems { more } if more + ps.len() - 1 == 10_000), "{:?}", last.msg);
    assert!(ps.iter().filter(|p| p.code() != "too_many_problems").all(|p| p.is_error()), "errors are kept first");
}

// ---------------------------------------------------------------- warnings

#[test]
fn unknown_fields_are_warnings_with_their_path() {
    let mut v = base();
    v = set_in(v, "/indicators/0/colour", json!("red"));
    v = set_in(v, "/extra", json!(1));
    v = set_in(v, "/index/method/weights", json!({}));
    v = set_in(v, "/projects/0/kpis/0/owner", json!("x"));
    assert_warnings(
        &v,
        &[
            ("unknown_field", "indicators[0].colour"),
            ("unknown_field", "extra"),
            ("unknown_field", "index.method.weights"),
            ("unknown_field", "projects[0].kpis[0].owner"),
        ],
    );
}

#[test]
fn repeated_json_key_is_a_warning() {
    let text = String::from_utf8(compact(&base())).expect("utf8").replacen(
        "\"baseline\":1200",
        "\"baseline\":1200,\"baseline\":-5",
        1,
    );
    let l = load_dataset(text.as_bytes()).expect("the first one is used");
    assert_eq!(keys(&l.warnings, Severity::Warning), owned(&[("duplicate_key", "indicators[0].baseline")]));
    assert_eq!(l.value.indicators[0].baseline, 1200.0);
}

#[test]
fn goal_without_outcome_long_indicator() {
    let v = set("/indicators/2/stage", json!("outcome_short"));
    assert_warnings(&v, &[("goal_without_outcome", "goals[1]")]);
}

#[test]
fn policy_without_goal() {
    let v = set("/policies/2", json!({ "id": "P3", "name": "方針3" }));
    assert_warnings(&v, &[("policy_without_goal", "policies[2]")]);
}

#[test]
fn project_without_kpi() {
    assert_warnings(&without("/projects/0/kpis"), &[("project_without_kpi", "projects[0]")]);
    assert_warnings(&set("/projects/0/kpis", json!([])), &[("project_without_kpi", "projects[0]")]);
}

#[test]
fn base_value_other_than_100_is_a_warning() {
    assert_warnings(&set("/index/base_value", json!(120)), &[("base_value_not_100", "index.base_value")]);
}

#[test]
fn entries_in_or_before_the_base_year_are_warnings() {
    let v = set("/index/base_year", json!(2024));
    let v = set_in(v, "/years/first", json!(2022));
    let v = set_in(v, "/indicators/2/values", json!({ "2022": 40, "2024": 45 }));
    assert_warnings(
        &v,
        &[
            ("before_base_year", "indicators[2].values.2022"),
            ("base_year_entry_ignored", "indicators[2].values.2024"),
            ("base_year_entry_ignored", "indicators[0].values.2024"),
            ("base_year_entry_ignored", "indicators[1].values.2024"),
        ],
    );
}

// ---------------------------------------------------------------- scenarios (SPEC §4)

#[test]
fn scenario_only_format_is_required() {
    let l = scenario_from_value(&json!({ "format": "vision-index-scenario/1" }), &base_dataset()).expect("valid");
    assert!(l.value.is_empty() && l.warnings.is_empty());
}

#[test]
fn scenario_format_wrong_or_missing() {
    sc_errors(&sc_set("/format", json!("vision-index/1")), &[("format", "format")]);
    let mut v = base_scenario();
    v.as_object_mut().expect("object").remove("format");
    sc_errors(&v, &[("format", "format")]);
}

#[test]
fn scenario_not_json_or_not_object() {
    let ds = base_dataset();
    for (bytes, code) in [(&b"{\"format\": "[..], "json_syntax"), (b"[]", "not_object"), (b"\x90\xA2", "not_utf8")] {
        let ps = refused(load_scenario(bytes, &ds));
        assert_eq!(keys(&ps, Severity::Error), owned(&[(code, "$")]));
    }
}

#[test]
fn scenario_unknown_indicator() {
    let ps = sc_errors(&sc_set("/targets/0/indicator", json!("G9-z")), &[("unknown_ref", "targets[0].indicator")]);
    assert_eq!(ps[0].msg, Msg::UnknownRef { kind: RefKind::Indicator, id: "G9-z".into() });
    sc_errors(&sc_set("/values/0/indicator", json!("nope")), &[("unknown_ref", "values[0].indicator")]);
}

#[test]
fn scenario_year_out_of_range() {
    sc_errors(&sc_set("/targets/0/year", json!(2040)), &[("year_range", "targets[0].year")]);
    sc_errors(&sc_set("/values/0/year", json!(2022)), &[("year_range", "values[0].year")]);
    sc_errors(&sc_set("/values/0/year", json!(2025.5)), &[("wrong_type", "values[0].year")]);
}

#[test]
fn scenario_negative_value() {
    sc_errors(&sc_set("/values/0/value", json!(-1)), &[("negative", "values[0].value")]);
    sc_errors(&sc_set("/targets/0/value", json!(-0.1)), &[("negative", "targets[0].value")]);
    sc_errors(&sc_set("/targets/0/value", json!("1")), &[("wrong_type", "targets[0].value")]);
}

#[test]
fn scenario_entry_fields_missing() {
    let v = remove_in(base_scenario(), "/targets/0/value");
    sc_errors(&v, &[("missing", "targets[0].value")]);
    let v = remove_in(base_scenario(), "/values/0/indicator");
    sc_errors(&v, &[("missing", "values[0].indicator")]);
}

#[test]
fn scenario_unknown_weight_ids() {
    sc_errors(&sc_set("/weights/goals/G9", json!(1)), &[("unknown_ref", "weights.goals.G9")]);
    sc_errors(&sc_set("/weights/policies/P9", json!(1)), &[("unknown_ref", "weights.policies.P9")]);
    sc_errors(&sc_set("/weights/indicators/x", json!(1)), &[("unknown_ref", "weights.indicators.x")]);
    // An id of another level is not one of this level.
    sc_errors(&sc_set("/weights/goals/P1", json!(1)), &[("unknown_ref", "weights.goals.P1")]);
}

/// A repeated weight key counts by its first entry, valid or not: the second is
/// a `duplicate_key` warning, never a second error (a JSON text, since a
/// `serde_json::Value` cannot hold a repeated key).
#[test]
fn scenario_repeated_weight_key() {
    let ds = base_dataset();
    let text = br#"{"format":"vision-index-scenario/1","weights":{"goals":{"G9":1,"G9":2,"G1":1,"G1":-1}}}"#;
    let ps = refused(load_scenario(text, &ds));
    assert_eq!(keys(&ps, Severity::Error), owned(&[("unknown_ref", "weights.goals.G9")]), "{ps:#?}");
    assert_eq!(
        keys(&ps, Severity::Warning),
        owned(&[("duplicate_key", "weights.goals.G9"), ("duplicate_key", "weights.goals.G1")]),
        "{ps:#?}"
    );
}

#[test]
fn scenario_negative_weight() {
    sc_errors(&sc_set("/weights/indicators/G1-a", json!(-1)), &[("weight_negative", "weights.indicators.G1-a")]);
    sc_errors(&sc_set("/weights/goals/G2", json!(-0.5)), &[("weight_negative", "weights.goals.G2")]);
    // Zero is fine.
    assert!(scenario_from_value(&sc_set("/weights/policies/P1", json!(0)), &base_dataset()).is_ok());
}

#[test]
fn scenario_bad_method() {
    sc_errors(&sc_set("/method/aggregate", json!("median")), &[("bad_enum", "method.aggregate")]);
    sc_errors(&sc_set("/method/via", json!(["policy"])), &[("bad_enum", "method.via")]);
    sc_errors(&sc_set("/method/cap", json!(0)), &[("cap_not_positive", "method.cap")]);
    // cap null: no cap.
    let l = scenario_from_value(&sc_set("/method/cap", json!(null)), &base_dataset()).expect("valid");
    assert_eq!(l.value.method.cap, Some(None));
}

#[test]
fn scenario_duplicate_entries() {
    let v = sc_set("/targets/1", json!({ "indicator": "G1-a", "year": 2027, "value": 5 }));
    let ps = sc_errors(&v, &[("duplicate_entry", "targets[1]")]);
    assert!(ps[0].en().contains("targets[0]"), "{}", ps[0].en());
    // Same indicator, other year; or same year in the other list: fine.
    let v = sc_set("/targets/1", json!({ "indicator": "G1-a", "year": 2028, "value": 5 }));
    let v = set_in(v, "/values/1", json!({ "indicator": "G1-a", "year": 2027, "value": 5 }));
    assert!(scenario_from_value(&v, &base_dataset()).is_ok());
}

#[test]
fn scenario_unknown_field_is_a_warning() {
    let v = sc_set("/colour", json!("red"));
    let v = set_in(v, "/targets/0/note", json!("x"));
    let l = scenario_from_value(&v, &base_dataset()).expect("valid");
    assert_eq!(
        keys(&l.warnings, Severity::Warning),
        owned(&[("unknown_field", "colour"), ("unknown_field", "targets[0].note")])
    );
}

#[test]
fn scenario_every_problem_is_reported() {
    let mut v = base_scenario();
    v = set_in(v, "/targets/0/indicator", json!("nope"));
    v = set_in(v, "/values/0/value", json!(-1));
    v = set_in(v, "/weights/goals/G9", json!(1));
    v = set_in(v, "/method/aggregate", json!("median"));
    sc_errors(
        &v,
        &[
            ("unknown_ref", "targets[0].indicator"),
            ("negative", "values[0].value"),
            ("unknown_ref", "weights.goals.G9"),
            ("bad_enum", "method.aggregate"),
        ],
    );
}

#[test]
fn scenario_too_large() {
    let v = sc_set("/name", json!("x".repeat(MAX_BYTES)));
    let ps = refused(load_scenario(&compact(&v), &base_dataset()));
    assert_eq!(keys(&ps, Severity::Error), owned(&[("too_large", "$")]));
}

// ---------------------------------------------------------------- messages

/// One of each message (adding a variant to `Msg` must add it here: the match below stops compiling).
fn every_message() -> Vec<Msg> {
    let all = vec![
        Msg::NotUtf8 { line: 1, column: 2 },
        Msg::Syntax { line: 1, column: 2, what: SyntaxError::Eof },
        Msg::Syntax { line: 1, column: 2, what: SyntaxError::ExpectedValue },
        Msg::Syntax { line: 1, column: 2, what: SyntaxError::ExpectedColon },
        Msg::Syntax { line: 1, column: 2, what: SyntaxError::ExpectedCommaOrBrace },
        Msg::Syntax { line: 1, column: 2, what: SyntaxError::ExpectedCommaOrBracket },
        Msg::Syntax { line: 1, column: 2, what: SyntaxError::KeyMustBeString },
        Msg::Syntax { line: 1, column: 2, what: SyntaxError::TrailingComma },
        Msg::Syntax { line: 1, column: 2, what: SyntaxError::TrailingCharacters },
        Msg::Syntax { line: 1, column: 2, what: SyntaxError::InvalidEscape },
        Msg::Syntax { line: 1, column: 2, what: SyntaxError::LoneSurrogate },
        Msg::Syntax { line: 1, column: 2, what: SyntaxError::ControlCharacter },
        Msg::Syntax { line: 1, column: 2, what: SyntaxError::InvalidNumber },
        Msg::Syntax { line: 1, column: 2, what: SyntaxError::NumberOutOfRange },
        Msg::TooDeep { line: 1, column: 2 },
        Msg::TooLarge { bytes: 11, limit: 10 },
        Msg::NotObject,
        Msg::FormatMissing { expected: "vision-index/1" },
        Msg::FormatWrong { found: "x".into(), expected: "vision-index/1" },
        Msg::DatasetAsScenario { name: "indicators".into(), dataset: "vision-index/1" },
        Msg::Missing,
        Msg::WrongType { expected: Expect::String },
        Msg::WrongType { expected: Expect::Number },
        Msg::WrongType { expected: Expect::WholeNumber },
        Msg::WrongType { expected: Expect::Boolean },
        Msg::WrongType { expected: Expect::Array },
        Msg::WrongType { expected: Expect::Object },
        Msg::WrongType { expected: Expect::Text },
        Msg::WrongType { expected: Expect::NumberOrNull },
        Msg::EmptyText,
        Msg::BadEnum { found: "x".into(), allowed: &["a", "b"] },
        Msg::NotFinite,
        Msg::Negative { value: -1.0 },
        Msg::BaselineNotPositive { value: 0.0 },
        Msg::WeightNegative { value: -1.0 },
        Msg::CapNotPositive { value: 0.0 },
        Msg::YearsOrder { first: 2, last: 1 },
        Msg::YearsSpan { span: 101 },
        Msg::YearRange { year: 2040, first: 2023, last: 2031 },
        Msg::YearKey { key: "x".into() },
        Msg::MilestoneOrder { year: 1, previous: 2 },
        Msg::IdEmpty,
        Msg::IdTooLong { len: 65 },
        Msg::IdChars { ch: ' ' },
        Msg::IdDuplicate { id: "x".into(), first: "goals[0]".into() },
        Msg::UnknownRef { kind: RefKind::Policy, id: "x".into() },
        Msg::UnknownRef { kind: RefKind::Goal, id: "x".into() },
        Msg::UnknownRef { kind: RefKind::Indicator, id: "x".into() },
        Msg::DuplicateEntry { indicator: "x".into(), year: 2027, first: "targets[0]".into() },
        Msg::TooManyIndicators { count: 2, limit: 1 },
        Msg::TooManyProblems { more: 3 },
        Msg::UnknownField { name: "x".into() },
        Msg::DuplicateKey { name: "x".into() },
        Msg::GoalWithoutOutcome,
        Msg::PolicyWithoutGoal,
        Msg::ProjectWithoutKpi,
        Msg::BaseYearEntryIgnored { year: 2023 },
        Msg::BeforeBaseYear { year: 2022, base: 2023 },
        Msg::BaseValueNot100 { value: 120.0 },
        Msg::CapBelow100 { value: 90.0 },
        Msg::ScoreUndefined { years: vec![2024, 2025], why: Undefined::DownZero },
        Msg::ScoreUndefined { years: vec![2024], why: Undefined::Overflow },
        Msg::GapUndefined { year: 2027 },
        Msg::Io { what: "x".into() },
        Msg::Internal { what: "x".into() },
        Msg::Usage { what: "x".into() },
    ];
    // Compile-time reminder: every variant is listed above.
    for m in &all {
        match m {
            Msg::NotUtf8 { .. }
            | Msg::Syntax { .. }
            | Msg::TooDeep { .. }
            | Msg::TooLarge { .. }
            | Msg::NotObject
            | Msg::FormatMissing { .. }
            | Msg::FormatWrong { .. }
            | Msg::DatasetAsScenario { .. }
            | Msg::Missing
            | Msg::WrongType { .. }
            | Msg::EmptyText
            | Msg::BadEnum { .. }
            | Msg::NotFinite
            | Msg::Negative { .. }
            | Msg::BaselineNotPositive { .. }
            | Msg::WeightNegative { .. }
            | Msg::CapNotPositive { .. }
            | Msg::YearsOrder { .. }
            | Msg::YearsSpan { .. }
            | Msg::YearRange { .. }
            | Msg::YearKey { .. }
            | Msg::MilestoneOrder { .. }
            | Msg::IdEmpty
            | Msg::IdTooLong { .. }
            | Msg::IdChars { .. }
            | Msg::IdDuplicate { .. }
            | Msg::UnknownRef { .. }
            | Msg::DuplicateEntry { .. }
            | Msg::TooManyIndicators { .. }
            | Msg::TooManyProblems { .. }
            | Msg::UnknownField { .. }
            | Msg::DuplicateKey { .. }
            | Msg::GoalWithoutOutcome
            | Msg::PolicyWithoutGoal
            | Msg::ProjectWithoutKpi
            | Msg::BaseYearEntryIgnored { .. }
            | Msg::BeforeBaseYear { .. }
            | Msg::BaseValueNot100 { .. }
            | Msg::CapBelow100 { .. }
            | Msg::ScoreUndefined { .. }
            | Msg::GapUndefined { .. }
            | Msg::Io { .. }
            | Msg::Internal { .. }
            | Msg::Usage { .. } => {}
            // The sheet's messages are listed by tests/sheet.rs.
            Msg::Sheet(_) => {}
        }
    }
    all
}

#[test]
fn every_message_has_japanese_and_english_text() {
    let mut codes = std::collections::BTreeSet::new();
    let mut variants = std::collections::HashSet::new();
    for m in every_message() {
        variants.insert(std::mem::discriminant(&m));
        let (ja, en) = (m.ja(), m.en());
        assert!(!ja.trim().is_empty() && !en.trim().is_empty(), "{m:?}");
        assert!(!ja.contains('\n') && !en.contains('\n'), "one line each: {m:?}");
        assert_ne!(ja, en, "{m:?} is not translated");
        let code = m.code();
        assert!(
            !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit()),
            "{code}"
        );
        codes.insert(code);
    }
    // Distinct variants have distinct codes (format missing/wrong share `format`).
    assert_eq!(codes.len(), variants.len() - 1);
}

#[test]
fn problem_line_and_json_form() {
    let ps =
        assert_errors(&set("/indicators/0/baseline", json!(0)), &[("baseline_not_positive", "indicators[0].baseline")]);
    let p = &ps[0];
    assert!(p.line().starts_with("indicators[0].baseline: "), "{}", p.line());
    assert!(p.line().contains(&p.ja()) && p.line().contains(&p.en()));
    let j = serde_json::to_value(p).expect("serialises");
    assert_eq!(j["severity"], "error");
    assert_eq!(j["path"], "indicators[0].baseline");
    assert_eq!(j["code"], "baseline_not_positive");
    assert!(j["message"]["ja"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(j["message"]["en"].as_str().is_some_and(|s| !s.is_empty()));
}

#[test]
fn a_broken_entry_still_has_its_references_and_id_checked() {
    // Indicator 0 has a bad baseline AND names no such goal: both are reported.
    let v = set_in(base(), "/indicators/0/baseline", json!(-1));
    let v = set_in(v, "/indicators/0/goal", json!("G9"));
    assert_errors(&v, &[("baseline_not_positive", "indicators[0].baseline"), ("unknown_ref", "indicators[0].goal")]);
    // A broken goal that repeats an id is still a repeat.
    let v = set_in(base(), "/goals/1/id", json!("G1"));
    let v = set_in(v, "/goals/1/weight", json!(-2));
    let ps = refused(dataset_from_value(&v));
    let errs = keys(&ps, Severity::Error);
    assert!(errs.contains(&("id_duplicate".to_string(), "goals[1].id".to_string())), "{errs:?}");
    assert!(errs.contains(&("weight_negative".to_string(), "goals[1].weight".to_string())), "{errs:?}");
}
