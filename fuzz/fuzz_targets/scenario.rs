//! Any bytes as a scenario of the default dataset: no panic; refused, the
//! engine keeps its scenario; applied, every score is finite or null.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vision_index::{Engine, ScorePath};

const DEFAULT: &[u8] = include_bytes!("../../www/data/setagaya.json");

fuzz_target!(|data: &[u8]| {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    let mut e = ENGINE.get_or_init(|| Engine::load(DEFAULT).expect("the default dataset loads").0).clone();
    let before = e.scenario().clone();
    match e.apply_scenario(data) {
        Err(ps) => {
            assert!(!ps.is_empty());
            assert_eq!(e.scenario(), &before, "a refused scenario changed the engine");
        }
        Ok(_) => {
            for path in ScorePath::ALL {
                let r = e.rescore(path).clone();
                let t = format!("{r:?}");
                assert!(!t.contains("NaN") && !t.contains("inf"), "{t}");
                assert_eq!(r, e.score(path));
            }
        }
    }
});
