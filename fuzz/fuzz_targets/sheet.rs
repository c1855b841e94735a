//! Any bytes as the indicator sheet (SPEC §9) of the default dataset: no panic;
//! refused, every problem names a cell or the sheet; read, the result is a
//! dataset that loads and scores with finite numbers or null.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vision_index::sheet::import_csv;
use vision_index::{Engine, ScorePath};

const DEFAULT: &[u8] = include_bytes!("../../www/data/setagaya.json");

fuzz_target!(|data: &[u8]| {
    match import_csv(DEFAULT, data) {
        Err(ps) => assert!(!ps.is_empty() && ps.iter().all(|p| !p.en().is_empty() && !p.ja().is_empty())),
        Ok(imported) => {
            let (mut e, _) = Engine::load_text(&imported.text).expect("an imported sheet is a dataset that loads");
            for path in ScorePath::ALL {
                let t = format!("{:?}", e.rescore(path));
                assert!(!t.contains("NaN") && !t.contains("inf"), "{t}");
            }
        }
    }
});
