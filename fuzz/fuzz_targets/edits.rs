//! A dataset and any sequence of edits: after each edit the incremental result
//! on each path equals a full score bit for bit (`Engine::rescore` against
//! `Engine::score`, compared as JSON so that -0.0 and 0.0 differ). The input's
//! first byte picks the dataset (the default or the conformance one), then
//! every 11 bytes are one edit: kind, indicator/goal, year offset, value.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vision_index::{load_dataset, Aggregate, Dataset, Engine, Level, ScorePath, ScoreResult, Via};

const DEFAULT: &[u8] = include_bytes!("../../www/data/setagaya.json");
const TINY: &[u8] = include_bytes!("../../tests/fixtures/conformance/tiny.json");

fn datasets() -> &'static [Dataset; 2] {
    static DS: std::sync::OnceLock<[Dataset; 2]> = std::sync::OnceLock::new();
    DS.get_or_init(|| [DEFAULT, TINY].map(|b| load_dataset(b).expect("valid").value))
}

/// A value from 8 bytes: every finite double, or (for NaN and ∞) one at a rule's edge.
fn value(b: &[u8]) -> f64 {
    let x = f64::from_le_bytes(b.try_into().expect("8 bytes"));
    if x.is_finite() {
        x
    } else {
        [0.0, 1e308, 100.0, 1e-300][(b[0] & 3) as usize]
    }
}

/// Every number of the two results has the same bits (== takes -0.0 for 0.0).
fn same_bits(a: &ScoreResult, b: &ScoreResult) -> bool {
    let bits = |v: &[Option<f64>]| v.iter().map(|x| x.map(f64::to_bits)).collect::<Vec<_>>();
    let all = |r: &ScoreResult| {
        let mut out = vec![bits(&r.index)];
        out.extend(r.policies.iter().chain(&r.goals).chain(&r.indicators).map(|s| bits(&s.values)));
        out.extend(r.milestones.iter().map(|m| bits(&[m.value, m.gap])));
        out
    };
    all(a) == all(b)
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let ds = &datasets()[(pick & 1) as usize];
    let mut e = Engine::new(ds.clone());
    let ids: Vec<String> = ds.indicators.iter().map(|i| i.id.to_string()).collect();
    let goals: Vec<String> = ds.goals.iter().map(|g| g.id.to_string()).collect();
    for chunk in rest.chunks_exact(11).take(64) {
        let (kind, who, year) = (chunk[0], chunk[1] as usize, i32::from(chunk[2] as i8 % 12));
        let y = ds.index.base_year + year;
        let v = value(&chunk[3..11]);
        let id = &ids[who % ids.len()];
        let _ = match kind % 9 {
            0 => e.set_target(id, y, Some(v)),
            1 => e.set_value(id, y, Some(v)),
            2 => e.set_target(id, y, None),
            3 => e.set_weight(Level::Indicator, id, Some(v.abs())),
            4 => e.set_weight(Level::Goal, &goals[who % goals.len()], Some(v.abs() % 10.0)),
            5 => e.set_cap(Some(Some(v))),
            6 => {
                e.set_aggregate(Some(if who % 2 == 0 { Aggregate::Arithmetic } else { Aggregate::Geometric }));
                Ok(())
            }
            7 => {
                e.set_via(Some(if who % 2 == 0 { Via::Goal } else { Via::GoalPolicy }));
                Ok(())
            }
            _ => {
                e.reset_indicator(id);
                Ok(())
            }
        };
        for path in ScorePath::ALL {
            let full = e.score(path);
            let inc = e.rescore(path);
            assert_eq!(inc, &full, "{path:?}");
            assert!(same_bits(inc, &full), "{path:?}: equal as numbers, not bit for bit (-0.0 and 0.0?)");
        }
    }
});
