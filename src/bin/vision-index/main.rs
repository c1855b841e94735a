//! `vision-index`: the command line over the engine (SPEC §6).
//!
//! ```text
//! vision-index check DATASET [--scenario FILE]
//! vision-index score DATASET [--scenario FILE] [--path actual|plan|outlook|trend] [--format json|csv] [--lang ja|en]
//! vision-index status DATASET [--scenario FILE]
//! vision-index contrib DATASET --year YEAR [--scenario FILE] [--path actual|plan|outlook|trend]
//! vision-index schema dataset|scenario
//! vision-index seek DATASET --milestone YEAR (--indicator ID | --goal ID | --policy ID) [--path plan|outlook]
//! vision-index uncertainty DATASET --draws N --seed S [--path P] [--weights R] [--spread E]
//! vision-index export-csv DATASET
//! vision-index import-csv DATASET SHEET
//! ```
//! `-` reads standard input. Exit 0: fine; 1: the input has problems (one line
//! each, `PATH: message`, on standard error); 2: usage error. The grammar is
//! in `args.rs`, the subcommands in `commands.rs`, reading and reporting in
//! `input.rs`, exit codes in `run.rs`. Native only: built for wasm32 (as
//! `wasm-pack test` builds every binary of the package) it is an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod commands;
#[cfg(not(target_arch = "wasm32"))]
mod input;
#[cfg(not(target_arch = "wasm32"))]
mod run;

/// mimalloc: cheaper small allocations, and freed memory kept for reuse (see Cargo.toml).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    run::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
