//! Problems (errors and warnings) with their SPEC path, and the collector
//! that validation fills.

use crate::messages::Msg;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// Whether a problem refuses the input or only warns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input (or edit) is refused.
    Error,
    /// The input is accepted; something is odd.
    Warning,
}

/// One problem: where (a SPEC path such as `indicators[3].targets.2027`,
/// `$` for the whole document), a stable code, and a message in Japanese and English.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Where, as a SPEC path.
    pub path: String,
    /// What, with its code and words.
    pub msg: Msg,
}

impl Problem {
    /// An error at `path`.
    pub fn error(path: impl Into<String>, msg: Msg) -> Self {
        Problem { severity: Severity::Error, path: path.into(), msg }
    }
    /// A warning at `path`.
    pub fn warning(path: impl Into<String>, msg: Msg) -> Self {
        Problem { severity: Severity::Warning, path: path.into(), msg }
    }
    /// The stable code, e.g. `unknown_ref`.
    pub fn code(&self) -> &'static str {
        self.msg.code()
    }
    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
    /// Message in Japanese.
    pub fn ja(&self) -> String {
        self.msg.ja()
    }
    /// Message in English.
    pub fn en(&self) -> String {
        self.msg.en()
    }
    /// One line, `PATH: 日本語 (English)`, as the command line prints it.
    pub fn line(&self) -> String {
        format!("{}: {} ({})", self.path, self.msg.ja(), self.msg.en())
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.line())
    }
}

/// Serialised as `{ "severity", "path", "code", "message": { "ja", "en" } }`:
/// the message is a SPEC `Text`.
impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Message {
            ja: String,
            en: String,
        }
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("severity", &self.severity)?;
        m.serialize_entry("path", &self.path)?;
        m.serialize_entry("code", self.code())?;
        m.serialize_entry("message", &Message { ja: self.ja(), en: self.en() })?;
        m.end()
    }
}

/// A path into the document, built on the stack while walking it and
/// rendered to a string only when a problem is reported.
#[derive(Clone, Copy)]
pub(crate) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    pub fn key(&'a self, k: &'a str) -> Path<'a> {
        Path::Key(self, k)
    }
    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }
    fn write(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(p, k) => {
                p.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Path::Index(p, i) => {
                p.write(out);
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    /// `indicators[3].targets.2027`; the root is `$`.
    pub fn render(&self) -> String {
        let mut s = String::new();
        self.write(&mut s);
        if s.is_empty() {
            s.push('$');
        }
        s
    }
}

/// The most errors, and separately the most warnings, one check lists; past
/// that, one `too_many_problems` entry says how many more there were (so
/// that a huge broken file cannot make an unbounded report).
pub const MAX_PROBLEMS: usize = 1000;

/// Collects problems during a check, bounded by [`MAX_PROBLEMS`] per severity.
#[derive(Default)]
pub(crate) struct Problems {
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
    dropped: usize,
}

impl Problems {
    pub fn push(&mut self, p: Problem) {
        let list = if p.is_error() { &mut self.errors } else { &mut self.warnings };
        if list.len() < MAX_PROBLEMS {
            list.push(p);
        } else {
            self.dropped += 1;
        }
    }
    pub fn error(&mut self, path: &Path, msg: Msg) {
        self.push(Problem::error(path.render(), msg));
    }
    pub fn warn(&mut self, path: &Path, msg: Msg) {
        self.push(Problem::warning(path.render(), msg));
    }
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
    /// Errors first, then warnings, each in document order.
    pub fn finish(self) -> Vec<Problem> {
        let sev = if self.errors.is_empty() { Severity::Warning } else { Severity::Error };
        let mut list = self.errors;
        list.extend(self.warnings);
        if self.dropped > 0 {
            list.push(Problem { severity: sev, path: "$".into(), msg: Msg::TooManyProblems { more: self.dropped } });
        }
        list
    }
}
