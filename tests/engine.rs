#![cfg(not(target_arch = "wasm32"))]
//! Property tests of the engine (`src/engine.rs`):
//!
//! - a change made by an edit gives the same problems as the same change made
//!   by a scenario file (one set of rules, `src/check/scenario.rs`);
//! - after any random sequence of edits, the incremental re-score equals a full
//!   score bit for bit (`src/score/incremental.rs`).

use proptest::prelude::*;
use serde_json::json;
use vision_index::{load_dataset, load_scenario, Aggregate, Dataset, Engine, Level, List, Problem, ScorePath, Via};

const DEFAULT: &[u8] = include_bytes!("../www/data/setagaya.json");
const TINY: &[u8] = include_bytes!("fixtures/conformance/tiny.json");

fn datasets() -> [Dataset; 2] {
    [DEFAULT, TINY].map(|b| load_dataset(b).expect("valid").value)
}

/// One change to a scenario: what a file writes and an edit does.
#[derive(Debug, Clone)]
enum Change {
    Entry { list: List, id: usize, year_off: i32, value: f64 },
    Weight { level: Level, id: usize, weight: f64 },
    Cap(Option<f64>),
}

/// Numbers on both sides of every rule: negative, zero, small, ordinary, huge.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![-1e3..-1e-6f64, Just(0.0), 1e-6..100.0f64, 100.0..1e4f64, Just(1e300)]
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (any::<bool>(), 0..200usize, -4..14i32, number()).prop_map(|(t, id, year_off, value)| Change::Entry {
            list: if t { List::Targets } else { List::Values },
            id,
            year_off,
            value
        }),
        (0..3usize, 0..200usize, number()).prop_map(|(l, id, weight)| Change::Weight {
            level: Level::ALL[l],
            id,
            weight
        }),
        prop::option::of(number()).prop_map(Change::Cap),
    ]
}

/// An id of `level` in `ds`, or (for `i` past the end) one that names nothing
/// there: an id of another level, or none at all.
fn id_of(ds: &Dataset, level: Level, i: usize) -> String {
    let ids: Vec<&str> = match level {
        Level::Policy => ds.policies.iter().map(|x| x.id.as_str()).collect(),
        Level::Goal => ds.goals.iter().map(|x| x.id.as_str()).collect(),
        Level::Indicator => ds.indicators.iter().map(|x| x.id.as_str()).collect(),
    };
    match ids.get(i % (ids.len() + 2)) {
        Some(id) => id.to_string(),
        None if i.is_multiple_of(2) => ds.goals[0].id.to_string(),
        None => "no-such-id".to_string(),
    }
}

/// A scenario file's verdict: its warnings, or every problem.
type FileVerdict = Result<Vec<Problem>, Vec<Problem>>;
/// An edit's verdict: its warnings, or its first error.
type EditVerdict = Result<Vec<Problem>, Problem>;

/// The change as a scenario file, and made by an edit on a fresh engine.
fn both(ds: &Dataset, c: &Change) -> (FileVerdict, EditVerdict) {
    let mut e = Engine::new(ds.clone());
    let (file, edit) = match c {
        Change::Entry { list, id, year_off, value } => {
            let id = id_of(ds, Level::Indicator, *id);
            let year = ds.index.base_year + year_off;
            let file = json!({ list.name(): [ { "indicator": id, "year": year, "value": value } ] });
            let edit = match list {
                List::Targets => e.set_target(&id, year, Some(*value)),
                List::Values => e.set_value(&id, year, Some(*value)),
            };
            (file, edit)
        }
        Change::Weight { level, id, weight } => {
            let id = id_of(ds, *level, *id);
            let file = json!({ "weights": { level.weights_key(): { id.as_str(): weight } } });
            (file, e.set_weight(*level, &id, Some(*weight)))
        }
        Change::Cap(cap) => (json!({ "method": { "cap": cap } }), e.set_cap(Some(*cap))),
    };
    let mut file = file;
    file["format"] = json!("vision-index-scenario/1");
    let bytes = serde_json::to_vec(&file).expect("json");
    let from_file = load_scenario(&bytes, ds).map(|l| l.warnings);
    let from_edit = edit.map(|()| e.warnings().to_vec());
    if from_edit.is_err() {
        assert!(e.scenario().is_empty(), "a refused edit changed the scenario");
    }
    (from_file, from_edit)
}

/// What the two must agree on: code, severity and path.
fn key(p: &Problem) -> (&'static str, bool, String) {
    (p.code(), p.is_error(), p.path.clone())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The same change by file and by edit: refused by both with the same first
    /// error, or accepted by both with the same warnings.
    #[test]
    fn same_change_by_file_and_by_edit_gives_the_same_problems(c in change(), which in 0..2usize) {
        let ds = &datasets()[which];
        match both(ds, &c) {
            (Ok(file), Ok(edit)) => {
                prop_assert!(file.iter().all(|p| !p.is_error()));
                prop_assert_eq!(file.iter().map(key).collect::<Vec<_>>(), edit.iter().map(key).collect::<Vec<_>>());
            }
            (Err(file), Err(edit)) => {
                prop_assert!(edit.is_error(), "{:?}", edit);
                prop_assert_eq!(key(&file[0]), key(&edit), "file: {:?}", file);
            }
            (file, edit) => prop_assert!(false, "{:?}: file {:?}, edit {:?}", c, file, edit),
        }
    }
}

/// A random edit: every kind the engine has, years on both sides of the base year.
#[derive(Debug, Clone)]
struct Edit {
    kind: u8,
    id: usize,
    year_off: i32,
    value: Option<f64>,
}

fn edit() -> impl Strategy<Value = Edit> {
    (0..16u8, any::<usize>(), -1..9i32, prop::option::of(prop_oneof![1 => Just(0.0), 8 => 0.0..1e4f64]))
        .prop_map(|(kind, id, year_off, value)| Edit { kind, id, year_off, value })
}

fn apply(e: &mut Engine, x: &Edit) {
    let ds = e.dataset();
    let id = ds.indicators[x.id % ds.indicators.len()].id.to_string();
    let goal = ds.goals[x.id % ds.goals.len()].id.to_string();
    let policy = ds.policies[x.id % ds.policies.len()].id.to_string();
    let year = (ds.index.base_year + x.year_off).clamp(ds.years.first, ds.years.last);
    match x.kind {
        // Mostly targets and values: what the page's sliders do.
        0..=4 => e.set_target(&id, year, x.value).expect("edit"),
        5..=8 => e.set_value(&id, year, x.value).expect("edit"),
        9 => e.reset_indicator(&id),
        10 => e.set_weight(Level::Indicator, &id, x.value.map(|v| v / 1e3)).expect("edit"),
        11 => e.set_weight(Level::Goal, &goal, x.value.map(|v| v / 1e3)).expect("edit"),
        12 => e.set_weight(Level::Policy, &policy, x.value.map(|v| v / 1e3)).expect("edit"),
        13 => e.set_aggregate(x.value.map(|v| if v > 5e3 { Aggregate::Geometric } else { Aggregate::Arithmetic })),
        14 => e.set_via(x.value.map(|v| if v > 5e3 { Via::GoalPolicy } else { Via::Goal })),
        _ => e.set_cap(Some(x.value.map(|v| 100.0 + v / 10.0))).expect("edit"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// After every edit of a random sequence (up to 120), the incremental result on
    /// each path equals a full score of the same scenario, bit for bit.
    #[test]
    fn rescore_equals_full_score_after_random_edits(
        edits in prop::collection::vec(edit(), 1..120),
        which in 0..2usize,
        every in 1..4usize,
    ) {
        let ds = datasets()[which].clone();
        let mut e = Engine::new(ds);
        for (step, x) in edits.iter().enumerate() {
            apply(&mut e, x);
            // Plan after every edit; the other paths after `every` edits have piled up.
            for path in ScorePath::ALL.into_iter().filter(|p| *p == ScorePath::Plan || step % every == 0) {
                let full = e.score(path);
                let inc = e.rescore(path);
                prop_assert_eq!(inc, &full, "step {} path {}", step, path.name());
                // Bit for bit: -0.0 and 0.0 (equal as numbers) are written differently.
                prop_assert_eq!(inc.to_json(), full.to_json());
            }
        }
    }
}

/// Applies one delta of [`Engine::delta`] to `rows` (one `Vec` per row, NaN for
/// no score), as the page does with what crosses the boundary.
fn apply_delta(rows: &mut Vec<Vec<f64>>, ny: usize, delta: &[f64]) {
    let (k, m) = (delta[0] as usize, delta[2] as usize);
    let (ids, values) = delta[3 + 3 * m..].split_at(k);
    assert_eq!(values.len(), k * ny, "one number per row and year");
    for (j, &r) in ids.iter().enumerate() {
        let r = r as usize;
        if rows.len() <= r {
            rows.resize(r + 1, vec![f64::NAN; ny]);
        }
        rows[r] = values[j * ny..(j + 1) * ny].to_vec();
    }
}

/// The rows a full result should have (see `vision_index::model::rows`).
fn expected_rows(e: &Engine, path: ScorePath) -> Vec<Vec<f64>> {
    let full = e.score(path);
    let ny = full.years.len();
    let nan = |v: &[Option<f64>]| v.iter().map(|x| x.unwrap_or(f64::NAN)).collect::<Vec<f64>>();
    let mut rows = vec![nan(&full.index)];
    for p in 0..e.dataset().policies.len() {
        rows.push(full.policies.get(p).map_or(vec![f64::NAN; ny], |s| nan(&s.values)));
    }
    rows.extend(full.goals.iter().map(|s| nan(&s.values)));
    rows.extend(full.indicators.iter().map(|s| nan(&s.values)));
    rows
}

fn same_bits(a: &[Vec<f64>], b: &[Vec<f64>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.iter().map(|v| v.to_bits()).eq(y.iter().map(|v| v.to_bits())))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// A reader that applies every delta in turn (and asks for the warnings
    /// when a delta says so) always holds the full result, bit for bit, even
    /// when other calls re-score a path between its deltas; a delta after one
    /// target or value edit carries at most four rows (the index, the indicator,
    /// its goal and that goal's policy).
    #[test]
    fn deltas_applied_in_turn_give_the_full_result(
        edits in prop::collection::vec(edit(), 1..60),
        which in 0..2usize,
        every in 1..4usize,
    ) {
        let ds = datasets()[which].clone();
        let ny = ds.years.list().len();
        let mut e = Engine::new(ds);
        let mut rows: [Vec<Vec<f64>>; 4] = Default::default();
        // The warnings the reader holds per path: asked for (`meta`) only when a delta says so.
        let mut warned: [Vec<Problem>; 4] = Default::default();
        let mut buf = Vec::new();
        for path in ScorePath::ALL {
            e.delta(path, &mut buf);
            apply_delta(&mut rows[path.position()], ny, &buf);
            warned[path.position()] = e.score(path).warnings;
        }
        for (step, x) in edits.iter().enumerate() {
            apply(&mut e, x);
            // As the page's chart does with `index(path)`: the paths not read by
            // delta this step are brought up to date by another call.
            for path in ScorePath::ALL.into_iter().filter(|p| *p != ScorePath::Plan && step % every != 0) {
                e.rescore(path);
            }
            for path in ScorePath::ALL.into_iter().filter(|p| *p == ScorePath::Plan || step % every == 0) {
                e.delta(path, &mut buf);
                if buf[1] == 1.0 {
                    warned[path.position()] = e.score(path).warnings;
                }
                if x.kind <= 8 && (path == ScorePath::Plan || every == 1) {
                    // the index, the indicator, its goal and its goal's policy
                    prop_assert!(buf[0] as usize <= 4, "step {}: {} rows after one indicator edit", step, buf[0]);
                }
                apply_delta(&mut rows[path.position()], ny, &buf);
                let full = e.score(path);
                let m = buf[2] as usize;
                prop_assert_eq!(m, full.milestones.len());
                for (j, ms) in full.milestones.iter().enumerate() {
                    let got = &buf[3 + 3 * j..6 + 3 * j];
                    prop_assert_eq!(got[0].to_bits(), ms.value.unwrap_or(f64::NAN).to_bits());
                    prop_assert_eq!(got[1].to_bits(), ms.gap.unwrap_or(f64::NAN).to_bits());
                    prop_assert_eq!(got[2] == 1.0, ms.met);
                }
                if !full.warnings.is_empty() {
                    prop_assert_eq!(buf[1], 1.0, "warnings: the reader must ask for the meta");
                }
                prop_assert_eq!(&warned[path.position()], &full.warnings, "step {} path {}: the reader's warnings", step, path.name());
                prop_assert!(same_bits(&rows[path.position()], &expected_rows(&e, path)), "step {} path {}", step, path.name());
            }
        }
    }
}

/// The warnings a delta's reader holds are those of the last delta it read:
/// when another call (the chart's `index(path)`) re-scores a path after its
/// warnings went away, the next delta still says to ask for the meta.
#[test]
fn a_delta_asks_for_the_meta_when_warnings_went_away_meanwhile() {
    let mut e = Engine::new(datasets()[0].clone());
    let mut buf = Vec::new();
    e.set_target("G2-b", 2027, Some(0.0)).expect("edit"); // down at 0: no score, a warning
    e.delta(ScorePath::Outlook, &mut buf);
    assert_eq!(buf[1], 1.0);
    assert!(!e.rescore(ScorePath::Outlook).warnings.is_empty());
    e.set_target("G2-b", 2027, None).expect("edit");
    e.rescore(ScorePath::Outlook);
    e.delta(ScorePath::Outlook, &mut buf);
    assert!(e.rescore(ScorePath::Outlook).warnings.is_empty());
    assert_eq!(buf[1], 1.0, "the reader still holds the old warning");
    e.delta(ScorePath::Outlook, &mut buf);
    assert_eq!(buf[1], 0.0, "told once");
}

/// Text (what the WebAssembly facade is given) loads as its bytes do: a leading
/// BOM skipped, the 10 MB limit kept; only the UTF-8 check is not made again.
#[test]
fn a_dataset_given_as_text_loads_as_its_bytes() {
    let text = std::str::from_utf8(DEFAULT).expect("UTF-8");
    let (a, wa) = Engine::load(DEFAULT).expect("bytes");
    let (b, wb) = Engine::load_text(&format!("\u{feff}{text}")).expect("text with a BOM");
    assert_eq!(wa, wb);
    assert_eq!(a.score(ScorePath::Plan), b.score(ScorePath::Plan));
    let mut e = b;
    e.replace_dataset_text(text).expect("replaced by text");
    assert_eq!(e.score(ScorePath::Outlook), a.score(ScorePath::Outlook));
    let huge = " ".repeat(vision_index::MAX_BYTES + 1);
    let err = Engine::load_text(&huge).expect_err("too large");
    assert_eq!(err[0].code(), "too_large");
    assert!(e.replace_dataset_text(&huge).is_err(), "refused, and the old dataset kept");
    assert_eq!(e.score(ScorePath::Outlook), a.score(ScorePath::Outlook));
}
