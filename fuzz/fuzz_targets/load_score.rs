//! Any bytes as a dataset: no panic; if it loads, every score on every path is
//! finite or null, the base year's index is 100 where defined, and the
//! analysis of SPEC §8 answers with finite numbers or null. (libFuzzer's
//! `-timeout=1` in scripts/fuzz.sh: no input may take over a second.)
#![no_main]
use libfuzzer_sys::fuzz_target;
use vision_index::analysis::{contrib, status, uncertainty};
use vision_index::{Engine, ScorePath};

fn finite(what: &str, x: &impl std::fmt::Debug) {
    let t = format!("{x:?}");
    assert!(!t.contains("NaN") && !t.contains("inf"), "{what}: {t}");
}

fuzz_target!(|data: &[u8]| {
    let Ok((mut e, _warnings)) = Engine::load(data) else { return };
    let ds = e.dataset().clone();
    let k = (ds.index.base_year - ds.years.first) as usize;
    for path in ScorePath::ALL {
        let r = e.rescore(path).clone();
        finite("score", &r);
        if let Some(x) = r.index[k] {
            assert!((x - 100.0).abs() <= 1e-9, "{path:?}: base year {x}");
        }
        assert_eq!(r, e.score(path));
    }
    let sc = e.scenario().clone();
    finite("status", &status::status(&ds, &sc));
    finite("contrib", &contrib::contrib(&ds, &sc, ds.years.last, ScorePath::Outlook));
    let opts = uncertainty::Options { path: ScorePath::Outlook, draws: 20, seed: 1, weights: 0.1, spread: 0.1 };
    if let Ok(u) = uncertainty::uncertainty(&ds, &sc, &opts) {
        finite("uncertainty", &u);
    }
});
