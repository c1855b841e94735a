//! The benchmarks themselves, shared by `cycle` (the native command line's
//! allocator, mimalloc) and `cycle_system` (the system allocator).

use divan::{black_box, Bencher};
use vision_index::{load_dataset, score, Engine, Scenario, ScorePath};

pub const DEFAULT: &[u8] = include_bytes!("../../www/data/setagaya.json");

mod generated;
use generated::generated;

#[divan::bench]
fn default_full_cycle(bencher: Bencher) {
    bencher.bench(|| {
        let ds = load_dataset(black_box(DEFAULT)).expect("valid").value;
        score(&ds, &Scenario::default(), ScorePath::Plan)
    });
}

#[divan::bench]
fn default_full_cycle_all_paths(bencher: Bencher) {
    bencher.bench(|| {
        let ds = load_dataset(black_box(DEFAULT)).expect("valid").value;
        ScorePath::ALL.map(|p| score(&ds, &Scenario::default(), p))
    });
}

#[divan::bench]
fn default_rescore_after_edit(bencher: Bencher) {
    let (mut eng, _) = Engine::load(DEFAULT).expect("valid");
    let mut v = 26.0;
    bencher.bench_local(|| {
        v = if v > 40.0 { 26.0 } else { v + 0.5 };
        eng.set_target("G1-a", 2027, Some(v)).expect("edit");
        eng.rescore(ScorePath::Plan).index[4]
    });
}

#[divan::bench(sample_count = 30)]
fn indicators_10k_full_cycle(bencher: Bencher) {
    let text = generated(10_000);
    bencher.bench(|| {
        let ds = load_dataset(black_box(text.as_bytes())).expect("valid").value;
        score(&ds, &Scenario::default(), ScorePath::Outlook)
    });
}

#[divan::bench(sample_count = 30)]
fn indicators_10k_full_score_no_parse(bencher: Bencher) {
    let (eng, _) = Engine::load(generated(10_000).as_bytes()).expect("valid");
    bencher.bench_local(|| eng.score(ScorePath::Outlook));
}

#[divan::bench(sample_count = 50)]
fn indicators_10k_rescore_after_edit(bencher: Bencher) {
    let (mut eng, _) = Engine::load(generated(10_000).as_bytes()).expect("valid");
    let mut v = 130.0;
    bencher.bench_local(|| {
        v = if v > 200.0 { 130.0 } else { v + 1.0 };
        eng.set_target("I4242", 2027, Some(v)).expect("edit");
        eng.rescore(ScorePath::Outlook).index[4]
    });
}

/// The stages of the default dataset's cycle: JSON text → tree alone.
#[divan::bench]
fn default_parse_only(bencher: Bencher) {
    let text = std::str::from_utf8(DEFAULT).expect("UTF-8");
    bencher.bench(|| {
        let bump = bumpalo::Bump::new();
        vision_index::testing::json::parse(black_box(text), &bump).is_ok()
    });
}

/// The stages of the default dataset's cycle: scoring a loaded dataset alone.
#[divan::bench]
fn default_score_only(bencher: Bencher) {
    let ds = load_dataset(DEFAULT).expect("valid").value;
    bencher.bench(|| score(&ds, &Scenario::default(), ScorePath::Plan));
}

/// The 10,000-indicator cycle's first stage: JSON text → tree alone.
#[divan::bench(sample_count = 30)]
fn indicators_10k_parse_only(bencher: Bencher) {
    let text = generated(10_000);
    bencher.bench(|| {
        let bump = bumpalo::Bump::new();
        vision_index::testing::json::parse(black_box(&text), &bump).is_ok()
    });
}
