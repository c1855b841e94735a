//! Benchmarks of the analysis (SPEC §8, `make bench`): status, goal seek (an
//! indicator and a goal, arithmetic and geometric aggregation), contributions and
//! the Monte Carlo, on the default dataset and on a generated 1,000-indicator one
//! (the `cycle` benches' generator: 40 goals, 4 policies). Numbers: benches/ANALYSIS.md.
//!
//! Each case times what the command line and the WebAssembly facade (`status()`,
//! `seek()`, `contrib()`, `uncertainty()` of `VisionEngine`, cargo feature
//! `analysis`) do: the analysis of a loaded dataset with a scenario, then its JSON
//! text (`to_json`), so that `make bench-web`'s module column compares like with like.
//! Geometric: the same dataset with a scenario that overrides the aggregation only.
//!
//! The allocator is the native command line's (mimalloc), as in `cycle`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "suite/generated.rs"]
mod generated;

use divan::{black_box, Bencher};
use vision_index::analysis::{contrib::contrib, seek::seek, status::status, uncertainty};
use vision_index::{load_dataset, Aggregate, Dataset, Level, MethodOverride, Scenario, ScorePath};

const DEFAULT: &[u8] = include_bytes!("../www/data/setagaya.json");

/// The cases' subjects and options (SPEC §8; the same as benches/web/page.js's analysis cases).
const MILESTONE: i32 = 2027;
const GOAL: &str = "G4";
/// The indicator sought: G4-b on the default dataset; on generated ones the one at
/// 42.42 % of the list, as in the `cycle` and `bench-web` edits (I424 of 1,000).
const DEFAULT_INDICATOR: &str = "G4-b";
const GENERATED_INDICATOR: &str = "I424";
const DRAWS: u64 = 10_000;
const SEED: u64 = 7;
const WEIGHTS: f64 = 0.2;
const SPREAD: f64 = 0.1;

fn main() {
    divan::main();
}

fn default_ds() -> Dataset {
    load_dataset(DEFAULT).expect("valid").value
}

fn generated_1k() -> Dataset {
    load_dataset(generated::generated(1_000).as_bytes()).expect("valid").value
}

/// No override (the dataset's method: arithmetic) or geometric aggregation.
fn scenario(geometric: bool) -> Scenario {
    let aggregate = geometric.then_some(Aggregate::Geometric);
    Scenario { method: MethodOverride { aggregate, ..MethodOverride::default() }, ..Scenario::default() }
}

fn run_status(b: Bencher, ds: &Dataset) {
    let sc = scenario(false);
    b.bench_local(|| status(black_box(ds), &sc).to_json());
}

fn run_seek(b: Bencher, ds: &Dataset, level: Level, id: &str, geometric: bool) {
    let sc = scenario(geometric);
    b.bench_local(|| {
        seek(black_box(ds), &sc, ScorePath::Plan, MILESTONE, level, black_box(id)).expect("seek").to_json()
    });
}

fn run_contrib(b: Bencher, ds: &Dataset) {
    let sc = scenario(false);
    b.bench_local(|| contrib(black_box(ds), &sc, MILESTONE, ScorePath::Plan).expect("year").to_json());
}

fn run_uncertainty(b: Bencher, ds: &Dataset) {
    let sc = scenario(false);
    let opts =
        uncertainty::Options { path: ScorePath::Outlook, draws: DRAWS, seed: SEED, weights: WEIGHTS, spread: SPREAD };
    b.bench_local(|| uncertainty::uncertainty(black_box(ds), &sc, &opts).expect("options").to_json());
}

// ------------------------------------------------------------ the default dataset

#[divan::bench]
fn default_status(b: Bencher) {
    run_status(b, &default_ds());
}

#[divan::bench]
fn default_seek_indicator(b: Bencher) {
    run_seek(b, &default_ds(), Level::Indicator, DEFAULT_INDICATOR, false);
}

#[divan::bench]
fn default_seek_indicator_geometric(b: Bencher) {
    run_seek(b, &default_ds(), Level::Indicator, DEFAULT_INDICATOR, true);
}

#[divan::bench]
fn default_seek_goal(b: Bencher) {
    run_seek(b, &default_ds(), Level::Goal, GOAL, false);
}

#[divan::bench]
fn default_seek_goal_geometric(b: Bencher) {
    run_seek(b, &default_ds(), Level::Goal, GOAL, true);
}

#[divan::bench]
fn default_contrib(b: Bencher) {
    run_contrib(b, &default_ds());
}

#[divan::bench(sample_count = 30)]
fn default_uncertainty(b: Bencher) {
    run_uncertainty(b, &default_ds());
}

// ------------------------------------------------------------ 1,000 generated indicators

#[divan::bench(sample_count = 50)]
fn indicators_1k_status(b: Bencher) {
    run_status(b, &generated_1k());
}

#[divan::bench(sample_count = 50)]
fn indicators_1k_seek_indicator(b: Bencher) {
    run_seek(b, &generated_1k(), Level::Indicator, GENERATED_INDICATOR, false);
}

#[divan::bench(sample_count = 50)]
fn indicators_1k_seek_indicator_geometric(b: Bencher) {
    run_seek(b, &generated_1k(), Level::Indicator, GENERATED_INDICATOR, true);
}

#[divan::bench(sample_count = 50)]
fn indicators_1k_seek_goal(b: Bencher) {
    run_seek(b, &generated_1k(), Level::Goal, GOAL, false);
}

#[divan::bench(sample_count = 50)]
fn indicators_1k_seek_goal_geometric(b: Bencher) {
    run_seek(b, &generated_1k(), Level::Goal, GOAL, true);
}

#[divan::bench(sample_count = 50)]
fn indicators_1k_contrib(b: Bencher) {
    run_contrib(b, &generated_1k());
}

#[divan::bench(sample_count = 10)]
fn indicators_1k_uncertainty(b: Bencher) {
    run_uncertainty(b, &generated_1k());
}
