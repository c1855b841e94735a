//! Benchmarks (`make bench`): the full cycle (parse + check + score) of the
//! default dataset and of a generated 10,000-indicator dataset, a re-score
//! after one what-if edit, and the cycle's stages. Numbers go in the README.
//!
//! This harness uses the allocator the native command line uses (mimalloc);
//! `cycle_system` runs the same benchmarks with the system allocator.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod suite;

fn main() {
    divan::main();
}
