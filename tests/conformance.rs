//! The shared conformance examples (SPEC examples/): every path, with and
//! without the scenario, through the library and through the command line,
//! to 1e-9 relative.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;
use vision_index::{load_dataset, load_scenario, score, Scenario, ScorePath};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/conformance")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(name)).expect("fixture present")
}

/// Compares `got` with `want` recursively: numbers to 1e-9 relative, keys of
/// `want` only (a result may carry more fields), `warnings` skipped.
fn close(got: &Value, want: &Value, at: &str) -> Result<(), String> {
    match (got, want) {
        (Value::Number(g), Value::Number(w)) => {
            let (g, w) = (g.as_f64().unwrap_or(f64::NAN), w.as_f64().unwrap_or(f64::NAN));
            let tol = 1e-9 * w.abs().max(1e-300);
            if (g - w).abs() <= tol {
                Ok(())
            } else {
                Err(format!("{at}: got {g}, want {w}"))
            }
        }
        (Value::Array(g), Value::Array(w)) => {
            if g.len() != w.len() {
                return Err(format!("{at}: length {} vs {}", g.len(), w.len()));
            }
            for (i, (g, w)) in g.iter().zip(w).enumerate() {
                close(g, w, &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Object(g), Value::Object(w)) => {
            for (k, wv) in w {
                if k == "warnings" {
                    continue;
                }
                let gv = g.get(k).ok_or(format!("{at}.{k}: missing"))?;
                close(gv, wv, &format!("{at}.{k}"))?;
            }
            // Same node sets: no extra goal, policy or indicator.
            let node_set = at.ends_with("goals") || at.ends_with("policies") || at.ends_with("indicators");
            if node_set && g.len() != w.len() {
                return Err(format!("{at}: {} entries vs {}", g.len(), w.len()));
            }
            Ok(())
        }
        (g, w) if g == w => Ok(()),
        (g, w) => Err(format!("{at}: got {g}, want {w}")),
    }
}

const CASES: &[(&str, bool)] = &[("tiny", false), ("tiny-scenario", true)];

#[test]
fn library_matches_every_example() {
    let ds = load_dataset(&read("tiny.json")).expect("tiny.json is valid").value;
    let mut checked = 0;
    for &(name, with_scenario) in CASES {
        let sc = if with_scenario {
            load_scenario(&read("tiny-scenario.json"), &ds).expect("scenario valid").value
        } else {
            Scenario::default()
        };
        for path in ScorePath::ALL {
            let want: Value =
                serde_json::from_slice(&read(&format!("{name}.{}.expected.json", path.name()))).expect("json");
            let got = serde_json::to_value(score(&ds, &sc, path)).expect("serialises");
            if let Err(e) = close(&got, &want, "$") {
                panic!("{name} {}: {e}", path.name());
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 8);
}

#[test]
fn command_line_matches_every_example() {
    for &(name, with_scenario) in CASES {
        for path in ScorePath::ALL {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_vision-index"));
            cmd.arg("score").arg(fixtures().join("tiny.json")).args(["--path", path.name()]);
            if with_scenario {
                cmd.arg("--scenario").arg(fixtures().join("tiny-scenario.json"));
            }
            let out = cmd.output().expect("runs");
            assert!(out.status.success(), "{name} {}: {}", path.name(), String::from_utf8_lossy(&out.stderr));
            let got: Value = serde_json::from_slice(&out.stdout).expect("json on stdout");
            let want: Value =
                serde_json::from_slice(&read(&format!("{name}.{}.expected.json", path.name()))).expect("json");
            if let Err(e) = close(&got, &want, "$") {
                panic!("cli {name} {}: {e}", path.name());
            }
        }
    }
}

#[test]
fn comparison_can_fail() {
    let want: Value = serde_json::json!({"index": [100.0, 130.0]});
    assert!(close(&serde_json::json!({"index": [100.0, 130.000001]}), &want, "$").is_err());
    assert!(close(&serde_json::json!({"index": [100.0, null]}), &want, "$").is_err());
    assert!(close(&serde_json::json!({"index": [100.0, 130.0]}), &want, "$").is_ok());
}

/// The fixtures are copies of `../shared/examples/`; when that folder is
/// present, they must not have drifted.
#[test]
fn fixtures_match_the_shared_examples() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/examples");
    let Ok(dir) = std::fs::read_dir(&shared) else {
        eprintln!("note: {} not present; skipped", shared.display());
        return;
    };
    for e in dir.flatten() {
        let name = e.file_name();
        let ours = std::fs::read(fixtures().join(&name)).unwrap_or_default();
        assert_eq!(ours, std::fs::read(e.path()).unwrap_or_default(), "{name:?} differs from the shared copy");
    }
}
