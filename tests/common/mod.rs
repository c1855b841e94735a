//! What the analysis tests share: the default dataset, small datasets from
//! text, and running the command line (never a panic or a backtrace).
#![allow(dead_code)] // each test file uses its own part

use std::process::{Command, Output, Stdio};
use vision_index::{load_dataset, Dataset};

/// The default dataset's path from the crate root.
pub const DEFAULT: &str = "www/data/setagaya.json";

/// A dataset from JSON text (it must be valid).
pub fn ds(text: &str) -> Dataset {
    load_dataset(text.as_bytes()).expect("valid dataset").value
}

/// The default dataset, checked.
pub fn default_ds() -> Dataset {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/setagaya.json")).expect("dataset");
    load_dataset(&bytes).expect("valid").value
}

/// Runs the binary from the crate root and fails on a panic or a backtrace in its stderr.
pub fn run(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_vision-index"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    let err = String::from_utf8_lossy(&out.stderr);
    for bad in ["panicked", "RUST_BACKTRACE", "stack backtrace", "internal error"] {
        assert!(!err.contains(bad), "{args:?}: stderr has {bad:?}:\n{err}");
    }
    out
}

/// The exit code.
pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited")
}

/// The one JSON object of a successful run.
pub fn json(out: &Output) -> serde_json::Value {
    assert_eq!(code(out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}
