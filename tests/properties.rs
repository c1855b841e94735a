#![cfg(not(target_arch = "wasm32"))]
//! Property tests over generated datasets and scenarios (SPEC §2–§4):
//! the base-year index is 100, an arithmetic index lies between its children,
//! no input panics, and no series holds a non-finite number.

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use vision_index::{
    dataset_from_value, load_dataset, load_scenario, scenario_from_value, score, Aggregate, Dataset, Engine, Level,
    Problem, Scenario, ScorePath,
};

const DEFAULT: &[u8] = include_bytes!("../www/data/setagaya.json");
const TINY: &[u8] = include_bytes!("fixtures/conformance/tiny.json");
const TINY_SCENARIO: &[u8] = include_bytes!("fixtures/conformance/tiny-scenario.json");

const PATHS: [ScorePath; 4] = [ScorePath::Actual, ScorePath::Plan, ScorePath::Outlook, ScorePath::Trend];

// ---------------------------------------------------------------- generators

#[derive(Debug, Clone)]
struct GenIndicator {
    goal: usize,
    /// 0: behavior, 1: outcome_short, else outcome_long.
    stage: u8,
    down: bool,
    weight: f64,
    baseline: f64,
    /// (year offset from `first`, value)
    values: Vec<(i32, f64)>,
    targets: Vec<(i32, f64)>,
}

#[derive(Debug, Clone)]
struct GenDataset {
    first: i32,
    len: i32,
    base_off: i32,
    policies: Vec<f64>,
    /// (policy, weight)
    goals: Vec<(usize, f64)>,
    indicators: Vec<GenIndicator>,
    geometric: bool,
    via_policy: bool,
    cap: Option<f64>,
    milestones: Vec<(i32, f64)>,
}

#[derive(Debug, Clone)]
struct GenScenario {
    /// (indicator, year offset, value, is a target)
    entries: Vec<(usize, i32, f64, bool)>,
    /// (level 0–2, position, weight)
    weights: Vec<(u8, usize, f64)>,
    aggregate: Option<bool>,
    via_policy: Option<bool>,
    cap: Option<Option<f64>>,
}

/// Weights ≥ 0, often exactly 0 or 1.
fn weight() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(1.0), 0.0..10.0f64]
}

/// Values ≥ 0: moderate, or (extreme) anywhere from 1e-300 to 1e300.
fn value(extreme: bool) -> BoxedStrategy<f64> {
    if extreme {
        prop_oneof![Just(0.0), 0.0..1e4f64, (-300i32..300, 1.0..10.0f64).prop_map(|(e, m)| m * 10f64.powi(e))].boxed()
    } else {
        prop_oneof![1 => Just(0.0), 6 => 0.0..1e4f64].boxed()
    }
}

fn baseline(extreme: bool) -> BoxedStrategy<f64> {
    if extreme {
        prop_oneof![1e-3..1e4f64, (-300i32..300, 1.0..10.0f64).prop_map(|(e, m)| m * 10f64.powi(e))].boxed()
    } else {
        (1e-2..1e4f64).boxed()
    }
}

fn indicator(extreme: bool) -> impl Strategy<Value = GenIndicator> {
    (
        0..16usize,
        0..5u8,
        any::<bool>(),
        weight(),
        baseline(extreme),
        prop::collection::vec((0..13i32, value(extreme)), 0..5),
        prop::collection::vec((0..13i32, value(extreme)), 0..5),
    )
        .prop_map(|(goal, stage, down, weight, baseline, values, targets)| GenIndicator {
            goal,
            stage,
            down,
            weight,
            baseline,
            values,
            targets,
        })
}

fn gen_dataset(extreme: bool) -> impl Strategy<Value = GenDataset> {
    (
        (2000..2040i32, 0..12i32, 0..13i32),
        prop::collection::vec(weight(), 1..4),
        prop::collection::vec((0..8usize, weight()), 1..6),
        prop::collection::vec(indicator(extreme), 1..12),
        (any::<bool>(), any::<bool>(), prop::option::of(100.0..500.0f64)),
        prop::collection::vec((0..13i32, 0.0..300.0f64), 0..4),
    )
        .prop_map(
            |((first, len, base_off), policies, goals, indicators, (geometric, via_policy, cap), milestones)| {
                GenDataset {
                    first,
                    len,
                    base_off: base_off % (len + 1),
                    policies,
                    goals,
                    indicators,
                    geometric,
                    via_policy,
                    cap,
                    milestones,
                }
            },
        )
}

fn gen_scenario() -> impl Strategy<Value = GenScenario> {
    (
        prop::collection::vec((0..16usize, 0..13i32, value(false), any::<bool>()), 0..6),
        prop::collection::vec((0..3u8, 0..16usize, weight()), 0..4),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::option::of(100.0..500.0f64)),
    )
        .prop_map(|(entries, weights, aggregate, via_policy, cap)| GenScenario {
            entries,
            weights,
            aggregate,
            via_policy,
            cap,
        })
}

fn year_map(first: i32, len: i32, entries: &[(i32, f64)]) -> Value {
    let mut m = Map::new();
    for &(off, x) in entries {
        m.insert((first + off % (len + 1)).to_string(), json!(x));
    }
    Value::Object(m)
}

fn via(policy: bool) -> Value {
    if policy {
        json!(["goal", "policy"])
    } else {
        json!(["goal"])
    }
}

impl GenDataset {
    fn to_json(&self) -> Value {
        let (first, len) = (self.first, self.len);
        let mut milestones: Vec<(i32, f64)> =
            self.milestones.iter().map(|&(o, v)| (first + o % (len + 1), v)).collect();
        milestones.sort_by_key(|m| m.0);
        milestones.dedup_by_key(|m| m.0);
        json!({
            "format": "vision-index/1",
            "title": "generated",
            "years": { "first": first, "last": first + len },
            "index": {
                "name": "index",
                "base_year": first + self.base_off,
                "base_value": 100,
                "milestones": milestones.iter().map(|(y, v)| json!({ "year": y, "value": v })).collect::<Vec<_>>(),
                "method": {
                    "aggregate": if self.geometric { "geometric" } else { "arithmetic" },
                    "via": via(self.via_policy),
                    "cap": self.cap,
                }
            },
            "policies": self.policies.iter().enumerate()
                .map(|(i, w)| json!({ "id": format!("P{i}"), "name": "p", "weight": w })).collect::<Vec<_>>(),
            "goals": self.goals.iter().enumerate()
                .map(|(i, (p, w))| json!({ "id": format!("G{i}"), "policy": format!("P{}", p % self.policies.len()),
                                           "name": "g", "weight": w }))
                .collect::<Vec<_>>(),
            "indicators": self.indicators.iter().enumerate().map(|(i, x)| json!({
                "id": format!("I{i}"),
                "goal": format!("G{}", x.goal % self.goals.len()),
                "name": "i",
                "stage": match x.stage { 0 => "behavior", 1 => "outcome_short", _ => "outcome_long" },
                "direction": if x.down { "down" } else { "up" },
                "weight": x.weight,
                "baseline": x.baseline,
                "values": year_map(first, len, &x.values),
                "targets": year_map(first, len, &x.targets),
            })).collect::<Vec<_>>(),
        })
    }

    fn load(&self) -> Dataset {
        match dataset_from_value(&self.to_json()) {
            Ok(l) => l.value,
            Err(ps) => panic!("generated dataset refused: {ps:#?}"),
        }
    }
}

impl GenScenario {
    fn to_json(&self, ds: &Dataset) -> Value {
        let (first, len) = (ds.years.first, ds.years.last - ds.years.first);
        let mut seen = std::collections::HashSet::new();
        let (mut targets, mut values) = (Vec::new(), Vec::new());
        for &(i, off, x, target) in &self.entries {
            let id = &ds.indicators[i % ds.indicators.len()].id;
            let year = first + off % (len + 1);
            if seen.insert((id.clone(), year, target)) {
                let e = json!({ "indicator": id, "year": year, "value": x });
                if target {
                    targets.push(e);
                } else {
                    values.push(e);
                }
            }
        }
        let mut w = [Map::new(), Map::new(), Map::new()];
        for &(level, i, x) in &self.weights {
            let id = match level {
                0 => &ds.policies[i % ds.policies.len()].id,
                1 => &ds.goals[i % ds.goals.len()].id,
                _ => &ds.indicators[i % ds.indicators.len()].id,
            };
            w[level.min(2) as usize].insert(id.to_string(), json!(x));
        }
        let [policies, goals, indicators] = w;
        let mut method = Map::new();
        if let Some(g) = self.aggregate {
            method.insert("aggregate".into(), json!(if g { "geometric" } else { "arithmetic" }));
        }
        if let Some(p) = self.via_policy {
            method.insert("via".into(), via(p));
        }
        if let Some(c) = self.cap {
            method.insert("cap".into(), json!(c));
        }
        json!({
            "format": "vision-index-scenario/1",
            "targets": targets,
            "values": values,
            "weights": { "policies": policies, "goals": goals, "indicators": indicators },
            "method": method,
        })
    }

    fn load(&self, ds: &Dataset) -> Scenario {
        match scenario_from_value(&self.to_json(ds), ds) {
            Ok(l) => l.value,
            Err(ps) => panic!("generated scenario refused: {ps:#?}"),
        }
    }
}

/// The weight in force of a node: the scenario's, else the dataset's.
fn weight_of(over: &std::collections::BTreeMap<String, f64>, id: &str, own: f64) -> f64 {
    over.get(id).copied().unwrap_or(own)
}

fn assert_problems_well_formed(ps: &[Problem]) -> Result<(), TestCaseError> {
    prop_assert!(!ps.is_empty(), "refused without a problem");
    prop_assert!(ps.iter().any(Problem::is_error), "refused without an error: {:?}", ps);
    for p in ps {
        prop_assert!(!p.path.is_empty() && !p.code().is_empty(), "{:?}", p);
        prop_assert!(!p.ja().is_empty() && !p.en().is_empty(), "{:?}", p);
    }
    Ok(())
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// (a) In the base year the index, where defined, is 100, whatever the weights,
    /// aggregation, route, cap (≥ 100) and scenario.
    #[test]
    fn base_year_index_is_100(g in gen_dataset(false), s in gen_scenario()) {
        let ds = g.load();
        let k = (ds.index.base_year - ds.years.first) as usize;
        for sc in [Scenario::default(), s.load(&ds)] {
            for path in PATHS {
                let r = score(&ds, &sc, path);
                prop_assert_eq!(r.index.len(), ds.years.len());
                if let Some(x) = r.index[k] {
                    prop_assert!((x - 100.0).abs() <= 1e-9, "{:?}: base-year index {}", path, x);
                }
                // Years before the base year have no value.
                prop_assert!(r.index[..k].iter().all(Option::is_none));
            }
        }
    }

    /// (b) An arithmetic index lies between its smallest and largest child
    /// (goal, or policy when `via` has it) that counts in that year.
    #[test]
    fn arithmetic_index_lies_between_its_children(g in gen_dataset(false), s in gen_scenario()) {
        let ds = g.load();
        for sc in [Scenario::default(), s.load(&ds)] {
            for path in PATHS {
                let r = score(&ds, &sc, path);
                if r.method.aggregate != Aggregate::Arithmetic {
                    continue;
                }
                let children: Vec<(&[Option<f64>], f64)> = if r.method.via.has_policy() {
                    r.policies.iter().zip(&ds.policies)
                        .map(|(s, p)| (&s.values[..], weight_of(&sc.weights.policies, &p.id, p.weight)))
                        .collect()
                } else {
                    r.goals.iter().zip(&ds.goals)
                        .map(|(s, g)| (&s.values[..], weight_of(&sc.weights.goals, &g.id, g.weight)))
                        .collect()
                };
                for (t, x) in r.index.iter().enumerate() {
                    let counted: Vec<f64> =
                        children.iter().filter(|(_, w)| *w > 0.0).filter_map(|(v, _)| v[t]).collect();
                    match x {
                        None => prop_assert!(counted.is_empty(), "index null but children {:?}", counted),
                        Some(x) => {
                            let lo = counted.iter().copied().fold(f64::INFINITY, f64::min);
                            let hi = counted.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                            let tol = 1e-9 * hi.abs().max(1.0);
                            prop_assert!(lo - tol <= *x && *x <= hi + tol, "year {}: {} not in [{}, {}]", t, x, lo, hi);
                        }
                    }
                }
            }
        }
    }

    /// (d) No series ever holds a non-finite number (undefined is `None`), even with
    /// values and baselines from 1e-300 to 1e300.
    #[test]
    fn scores_are_finite_or_none(g in gen_dataset(true), s in gen_scenario()) {
        let ds = g.load();
        for sc in [Scenario::default(), s.load(&ds)] {
            for path in PATHS {
                let r = score(&ds, &sc, path);
                let all = std::iter::once(&r.index[..])
                    .chain(r.policies.iter().map(|s| &s.values[..]))
                    .chain(r.goals.iter().map(|s| &s.values[..]))
                    .chain(r.indicators.iter().map(|s| &s.values[..]));
                for series in all {
                    prop_assert_eq!(series.len(), ds.years.len());
                    prop_assert!(series.iter().flatten().all(|x| x.is_finite() && *x >= 0.0), "{:?}", series);
                }
                for m in &r.milestones {
                    prop_assert!(m.value.is_none_or(f64::is_finite) && m.gap.is_none_or(f64::is_finite));
                    prop_assert_eq!(m.value.is_some(), m.gap.is_some());
                }
                // And it serialises to JSON that reads back.
                let back: Value = serde_json::from_str(&r.to_json()).expect("valid JSON");
                prop_assert_eq!(back["index"].as_array().map(Vec::len), Some(ds.years.len()));
            }
        }
    }

    /// The engine's incremental re-score equals a full score after any edits.
    #[test]
    fn engine_rescore_equals_full_score(
        g in gen_dataset(false),
        edits in prop::collection::vec((0..5u8, 0..16usize, 0..13i32, prop::option::of(value(false))), 1..12),
    ) {
        let ds = g.load();
        let (n, first, len) = (ds.indicators.len(), ds.years.first, ds.years.last - ds.years.first);
        let mut e = Engine::new(ds.clone());
        for (step, (kind, i, off, x)) in edits.into_iter().enumerate() {
            let id = ds.indicators[i % n].id.clone();
            let year = first + off % (len + 1);
            let done = match kind {
                0 | 1 => e.set_target(&id, year, x),
                2 | 3 => e.set_value(&id, year, x),
                _ => {
                    e.reset_indicator(&id);
                    Ok(())
                }
            };
            // An edit in or before the base year changes no score: like the same entry
            // in a scenario file, it is accepted with a warning on its year.
            done.expect("valid edit");
            let w = e.warnings();
            if kind < 4 && year <= ds.index.base_year {
                let code = if year == ds.index.base_year { "base_year_entry_ignored" } else { "before_base_year" };
                prop_assert!(w.len() == 1 && w[0].code() == code && !w[0].is_error(), "{:?}", w);
                prop_assert!(w[0].path.ends_with(".year"), "{:?}", w);
            } else {
                prop_assert!(w.is_empty(), "{:?}", w);
            }
            let path = PATHS[step % 4];
            let full = e.score(path);
            prop_assert_eq!(e.rescore(path), &full);
            prop_assert_eq!(&full, &score(&ds, e.scenario(), path));
        }
        // Weights too.
        if let Some(gid) = ds.goals.first().map(|g| g.id.clone()) {
            e.set_weight(Level::Goal, &gid, Some(0.5)).expect("valid edit");
            let full = e.score(ScorePath::Plan);
            prop_assert_eq!(e.rescore(ScorePath::Plan), &full);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// (c) Arbitrary bytes never panic, as a dataset or as a scenario; a refusal
    /// always has at least one error, each problem with a path and a code.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Err(ps) = load_dataset(&bytes) {
            assert_problems_well_formed(&ps)?;
        }
        let ds = load_dataset(TINY).expect("tiny is valid").value;
        if let Err(ps) = load_scenario(&bytes, &ds) {
            assert_problems_well_formed(&ps)?;
        }
    }

    /// (c) Text made of JSON's own characters (more likely to get past the parser).
    #[test]
    fn json_like_text_never_panics(text in "[{}\\[\\]\":,0-9a-z_. \\n-]{0,300}") {
        let ds = load_dataset(TINY).expect("tiny is valid").value;
        for bytes in [text.as_bytes().to_vec(), format!("{{\"format\":\"vision-index/1\",{text}").into_bytes()] {
            if let Err(ps) = load_dataset(&bytes) {
                assert_problems_well_formed(&ps)?;
            }
            if let Err(ps) = load_scenario(&bytes, &ds) {
                assert_problems_well_formed(&ps)?;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// (c) The default dataset with some bytes flipped and/or cut short either loads
    /// or is refused with well-formed problems; if it loads, it scores.
    #[test]
    fn mutated_default_dataset_never_panics(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = DEFAULT.to_vec();
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Some(c) = cut {
            bytes.truncate(c.index(bytes.len()));
        }
        match load_dataset(&bytes) {
            Ok(l) => {
                for path in PATHS {
                    let r = score(&l.value, &Scenario::default(), path);
                    prop_assert!(r.index.iter().flatten().all(|x| x.is_finite()));
                }
            }
            Err(ps) => assert_problems_well_formed(&ps)?,
        }
    }

    /// (c) The same for a scenario of the tiny dataset.
    #[test]
    fn mutated_scenario_never_panics(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let ds = load_dataset(TINY).expect("tiny is valid").value;
        let mut bytes = TINY_SCENARIO.to_vec();
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Some(c) = cut {
            bytes.truncate(c.index(bytes.len()));
        }
        match load_scenario(&bytes, &ds) {
            Ok(l) => {
                let r = score(&ds, &l.value, ScorePath::Outlook);
                prop_assert!(r.index.iter().flatten().all(|x| x.is_finite()));
            }
            Err(ps) => assert_problems_well_formed(&ps)?,
        }
    }
}

/// The generators produce valid inputs at all (so that the properties above are not vacuous).
#[test]
fn generators_make_valid_inputs_with_scores() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut defined, mut arithmetic, mut policy) = (0, 0, 0);
    for _ in 0..50 {
        let g = gen_dataset(false).new_tree(&mut runner).expect("tree").current();
        let ds = g.load();
        let r = score(&ds, &Scenario::default(), ScorePath::Outlook);
        let k = (ds.index.base_year - ds.years.first) as usize;
        defined += usize::from(r.index[k].is_some());
        arithmetic += usize::from(r.method.aggregate == Aggregate::Arithmetic);
        policy += usize::from(r.method.via.has_policy());
    }
    assert!(defined >= 20, "base-year index defined in only {defined} of 50");
    assert!((10..=40).contains(&arithmetic) && (10..=40).contains(&policy), "{arithmetic} {policy}");
}
