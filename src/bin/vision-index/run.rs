//! Parsing the arguments, running a subcommand, and the exit codes (with the
//! panic backstop).

use crate::args::{Cli, Command, USAGE};
use crate::{commands, input};
use clap::error::ErrorKind;
use clap::Parser;
use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;
use vision_index::analysis::uncertainty::{self, Options};
use vision_index::messages::Msg;
use vision_index::Problem;

/// A usage error: one line saying why, then the summary; exit 2.
fn usage(why: &str) -> ExitCode {
    eprintln!("vision-index: {why}\n{USAGE}");
    ExitCode::from(2)
}

/// Parses the arguments: `--help` and `--version` print and exit 0; every
/// other clap error is a usage error (exit 2) in this tool's own form, an
/// argument that is not UTF-8 included.
fn parse(argv: &[OsString]) -> Result<Cli, ExitCode> {
    Cli::try_parse_from(std::iter::once(OsString::from("vision-index")).chain(argv.iter().cloned())).map_err(|e| {
        match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                let _ = e.print();
                ExitCode::SUCCESS
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
                usage("no command given")
            }
            _ => {
                // clap's first line, without its `error: ` tag and styles.
                let text = e.render().to_string();
                let first = text.lines().next().unwrap_or("").trim_start_matches("error: ");
                usage(first)
            }
        }
    })
}

/// Reads DATASET and `--scenario` (not both from standard input).
fn load_checked(input: &crate::args::Input) -> Result<commands::Loaded, ExitCode> {
    if input.dataset == "-" && input.scenario.as_deref() == Some("-") {
        return Err(usage("only one of DATASET and --scenario can be `-`"));
    }
    commands::load(input)
}

fn run(argv: &[OsString]) -> ExitCode {
    let cli = match parse(argv) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut out = std::io::stdout().lock();
    // Options out of range are usage errors, before any input is read.
    if let Command::Uncertainty { draws, seed, path, weights, spread, .. } = &cli.command {
        let opts = Options { path: *path, draws: *draws, seed: *seed, weights: *weights, spread: *spread };
        if let Err(e) = uncertainty::check(&opts) {
            return usage(&e.to_string());
        }
    }
    let input = match &cli.command {
        Command::Schema { kind } => return finish(commands::schema(*kind, &mut out), out),
        Command::ExportCsv { dataset } => {
            return match commands::export_csv(dataset, &mut out) {
                Ok(w) => finish(w, out),
                Err(code) => code,
            }
        }
        Command::ImportCsv { dataset, sheet } => {
            if dataset == "-" && sheet == "-" {
                return usage("only one of DATASET and SHEET can be `-`");
            }
            return match commands::import_csv(dataset, sheet, &mut out) {
                Ok(w) => finish(w, out),
                Err(code) => code,
            };
        }
        Command::Check { input, .. }
        | Command::Score { input, .. }
        | Command::Status { input }
        | Command::Contrib { input, .. }
        | Command::Seek { input, .. }
        | Command::Uncertainty { input, .. } => input,
    };
    let loaded = match load_checked(input) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let written = match &cli.command {
        Command::Score { path, format, lang, .. } => {
            commands::score_cmd(&loaded, *path, *format, (*lang).into(), &mut out)
        }
        Command::Status { .. } => commands::status_cmd(&loaded, &mut out),
        Command::Contrib { year, path, .. } => match commands::contrib_cmd(&loaded, *year, *path, &mut out) {
            Some(w) => w,
            None => {
                let (first, last) = (loaded.ds.years.first, loaded.ds.years.last);
                return usage(&format!("--year {year}: not one of the dataset's years ({first}–{last})"));
            }
        },
        Command::Seek { milestone, subject, path, .. } => {
            match commands::seek_cmd(&loaded, *milestone, subject, path, &mut out) {
                Ok(w) => w,
                Err(why) => return usage(&why),
            }
        }
        Command::Uncertainty { draws, seed, path, weights, spread, .. } => {
            let opts = Options { path: *path, draws: *draws, seed: *seed, weights: *weights, spread: *spread };
            match commands::uncertainty_cmd(&loaded, &opts, &mut out) {
                Ok(w) => w,
                Err(why) => return usage(&why),
            }
        }
        Command::Check { lang, .. } => commands::check(input, &loaded, (*lang).into(), &mut out),
        // Written above, before any input was read.
        Command::Schema { .. } | Command::ExportCsv { .. } | Command::ImportCsv { .. } => Ok(()),
    };
    finish(written, out)
}

/// The exit code once the output is written (or failed to be).
fn finish(written: std::io::Result<()>, mut out: std::io::StdoutLock<'_>) -> ExitCode {
    match written.and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (e.g. `| head`) is not an error of the input.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            input::report(&[Problem::error("-", Msg::Io { what: e.to_string() })]);
            ExitCode::from(1)
        }
    }
}

/// Runs the command line with the process's arguments; the exit code.
pub fn main() -> ExitCode {
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
    // `args_os`: `std::env::args` panics on an argument that is not UTF-8
    // (e.g. a Shift_JIS file name); clap reports it as a usage error instead.
    let argv: Vec<OsString> = std::env::args_os().skip(1).collect();
    match std::panic::catch_unwind(|| run(&argv)) {
        Ok(code) => code,
        Err(_) => ExitCode::from(3),
    }
}
