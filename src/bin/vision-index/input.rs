//! Reading the command line's inputs and reporting their problems.

use std::io::{Read, Write};
use std::process::ExitCode;
use vision_index::messages::Msg;
use vision_index::{Loaded, Problem, MAX_BYTES};

/// Reads a file or standard input (`-`), refusing more than the size limit
/// without reading it all.
pub fn read_input(name: &str) -> Result<Vec<u8>, Problem> {
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

/// Prints problems on standard error, one line each (`warning: ` before a warning).
pub fn report(problems: &[Problem]) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let tag = if p.is_error() { "" } else { "warning: " };
        let _ = writeln!(err, "{tag}{}", p.line());
    }
}

/// Prints the warnings of an accepted input, or the problems of a refused one (exit 1).
pub fn accept<T>(r: Result<Loaded<T>, Vec<Problem>>) -> Result<T, ExitCode> {
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
