//! `vision-index`: the command line over the engine (SPEC §6).
//!
//! ```text
//! vision-index check DATASET [--scenario FILE]
//! vision-index score DATASET [--scenario FILE] [--path actual|plan|outlook|trend] [--format json|csv] [--lang ja|en]
//! vision-index schema dataset|scenario
//! ```
//! `-` reads standard input. Exit 0: fine; 1: the input has problems (one line
//! each, `PATH: message`, on standard error); 2: usage error.

use std::io::{Read, Write};

/// mimalloc: cheaper small allocations, and freed memory kept for reuse (see Cargo.toml).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;
use vision_index::messages::Msg;
use vision_index::{load_dataset, load_scenario, score, Lang, Loaded, Problem, Scenario, ScorePath, Stage, MAX_BYTES};

const USAGE: &str = "usage:
  vision-index check DATASET [--scenario FILE]
  vision-index score DATASET [--scenario FILE] [--path actual|plan|outlook|trend] [--format json|csv] [--lang ja|en]
  vision-index schema dataset|scenario
  (`-` reads standard input)";

#[derive(Debug, Default)]
struct Args {
    command: String,
    input: Option<String>,
    scenario: Option<String>,
    path: Option<String>,
    format: Option<String>,
    lang: Option<String>,
}

fn usage(why: &str) -> ExitCode {
    eprintln!("vision-index: {why}\n{USAGE}");
    ExitCode::from(2)
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    let mut a = Args::default();
    let mut it = argv.iter();
    a.command = it.next().ok_or("no command given")?.clone();
    while let Some(x) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value"));
        match x.as_str() {
            "--scenario" => a.scenario = Some(value("--scenario")?),
            "--path" => a.path = Some(value("--path")?),
            "--format" => a.format = Some(value("--format")?),
            "--lang" => a.lang = Some(value("--lang")?),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s => {
                if a.input.is_some() {
                    return Err(format!("unexpected argument {s}"));
                }
                a.input = Some(s.to_string());
            }
        }
    }
    Ok(a)
}

/// Reads a file or standard input (`-`), refusing more than the size limit
/// without reading it all.
fn read_input(name: &str) -> Result<Vec<u8>, Problem> {
    let io = |e: std::io::Error| Problem::error(name, Msg::Io { what: e.to_string() });
    let mut buf = Vec::new();
    if name == "-" {
        std::io::stdin().lock().take(MAX_BYTES as u64 + 1).read_to_end(&mut buf).map_err(io)?;
    } else {
        let f = std::fs::File::open(name).map_err(io)?;
        let len = f.metadata().map_err(io)?.len();
        if len > MAX_BYTES as u64 {
            return Err(Problem::error(name, Msg::TooLarge { bytes: len as usize, limit: MAX_BYTES }));
        }
        f.take(MAX_BYTES as u64 + 1).read_to_end(&mut buf).map_err(io)?;
    }
    if buf.len() > MAX_BYTES {
        return Err(Problem::error(name, Msg::TooLarge { bytes: buf.len(), limit: MAX_BYTES }));
    }
    Ok(buf)
}

fn report(problems: &[Problem]) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let tag = if p.is_error() { "" } else { "warning: " };
        let _ = writeln!(err, "{tag}{}", p.line());
    }
}

/// Prints the warnings of an accepted input, or the problems of a refused one (exit 1).
fn accept<T>(r: Result<Loaded<T>, Vec<Problem>>) -> Result<T, ExitCode> {
    match r {
        Ok(l) => {
            report(&l.warnings);
            Ok(l.value)
        }
        Err(problems) => {
            report(&problems);
            Err(ExitCode::from(1))
        }
    }
}

fn run(argv: &[String]) -> ExitCode {
    let a = match parse_args(argv) {
        Ok(a) => a,
        Err(why) => return usage(&why),
    };
    match a.command.as_str() {
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        "-V" | "--version" => {
            println!("vision-index {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        "schema" => {
            let out = match a.input.as_deref() {
                Some("dataset") => vision_index::schema::dataset_schema(),
                Some("scenario") => vision_index::schema::scenario_schema(),
                _ => return usage("schema needs `dataset` or `scenario`"),
            };
            print!("{out}");
            return ExitCode::SUCCESS;
        }
        "check" | "score" => {}
        other => return usage(&format!("unknown command {other}")),
    }
    let Some(input) = a.input.as_deref() else {
        return usage("no DATASET given");
    };
    if a.command == "check" && (a.path.is_some() || a.format.is_some()) {
        return usage("--path and --format belong to `score`");
    }
    if input == "-" && a.scenario.as_deref() == Some("-") {
        return usage("only one of DATASET and --scenario can be `-`");
    }
    let path = match a.path.as_deref() {
        None => ScorePath::Outlook,
        Some(p) => match ScorePath::parse(p) {
            Some(p) => p,
            None => return usage(&format!("--path must be one of {}", ScorePath::NAMES.join(", "))),
        },
    };
    let csv = match a.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(f) => return usage(&format!("--format must be json or csv, not {f}")),
    };
    let lang = match a.lang.as_deref() {
        None | Some("ja") => Lang::Ja,
        Some("en") => Lang::En,
        Some(l) => return usage(&format!("--lang must be ja or en, not {l}")),
    };

    let bytes = match read_input(input) {
        Ok(b) => b,
        Err(p) => {
            report(&[p]);
            return ExitCode::from(1);
        }
    };
    let ds = match accept(load_dataset(&bytes)) {
        Ok(ds) => ds,
        Err(code) => return code,
    };
    let sc = match a.scenario.as_deref() {
        None => Scenario::default(),
        Some(f) => match accept(read_input(f).map_err(|p| vec![p]).and_then(|b| load_scenario(&b, &ds))) {
            Ok(sc) => sc,
            Err(code) => return code,
        },
    };

    let mut out = std::io::stdout().lock();
    let written = if a.command == "check" {
        let outcome = ds.indicators.iter().filter(|i| i.stage == Stage::OutcomeLong).count();
        let illustrative = ds.indicators.iter().filter(|i| i.illustrative).count();
        let scenario = if a.scenario.is_some() {
            let (t, v) = (sc.targets.len(), sc.values.len());
            format!("; シナリオ: 目標 {t} 件, 想定値 {v} 件 (scenario: {t} targets, {v} values)")
        } else {
            String::new()
        };
        let (p, g, n, proj) = (ds.policies.len(), ds.goals.len(), ds.indicators.len(), ds.projects.len());
        let (first, last) = (ds.years.first, ds.years.last);
        writeln!(
            out,
            "OK: {title} — 基本の方針 {p}, 目指す姿 {g}, 指標 {n} (中長期アウトカム {outcome}, 例示 {illustrative}), 重点事業 {proj}, {first}–{last} 年度 ({p} policies, {g} goals, {n} indicators, {outcome} outcome_long, {illustrative} illustrative, {proj} projects){scenario}",
            title = ds.title.get(lang),
        )
    } else {
        let r = score(&ds, &sc, path);
        if csv {
            out.write_all(r.to_csv(&ds, lang).as_bytes())
        } else {
            writeln!(out, "{}", r.to_json())
        }
    };
    match written.and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (e.g. `| head`) is not an error of the input.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report(&[Problem::error("-", Msg::Io { what: e.to_string() })]);
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    // Backstop only: no input should reach a panic. If one does, print one
    // line (no backtrace) and exit 3.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("vision-index: internal error (please report): {}{at}", what.replace('\n', " "));
    }));
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match std::panic::catch_unwind(|| run(&argv)) {
        Ok(code) => code,
        Err(_) => ExitCode::from(3),
    }
}
