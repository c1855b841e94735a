//! Reading: bytes → JSON tree ([`json`]) → typed dataset or scenario, every
//! problem reported with its path. The readers check the JSON types of each
//! field ([`fields`]) and hand the typed values to the rules of
//! [`crate::check`], the same rules the engine applies to an edit.

mod dataset;
pub(crate) mod fields;
pub(crate) mod json;
mod scenario;

pub use dataset::{dataset_from_value, load_dataset, load_dataset_text};
pub(crate) use scenario::load_scenario_with;
pub use scenario::{load_scenario, scenario_from_value};

use crate::messages::{Msg, SyntaxError};
use crate::problem::Problem;
use json::J;

/// A checked input and the warnings it raised.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The input, checked.
    pub value: T,
    /// Its warnings (it loaded all the same).
    pub warnings: Vec<Problem>,
}

/// The largest document read: 10 MB (10,000,000 bytes, as SPEC §2 says).
pub const MAX_BYTES: usize = 10_000_000;

/// Bytes → JSON value: size limit, UTF-8 (a leading BOM is skipped), syntax,
/// nesting depth ([`json::MAX_DEPTH`]).
pub fn parse_json<'a>(bytes: &'a [u8], bump: &'a bumpalo::Bump) -> Result<J<'a>, Problem> {
    parse(decode(bytes)?, bump)
}

/// Text that is UTF-8 already (a Rust `str`, e.g. a JavaScript string passed
/// to the module): the size limit and a leading BOM, without checking UTF-8 again.
pub fn decode_text(text: &str) -> Result<&str, Problem> {
    if text.len() > MAX_BYTES {
        return Err(Problem::error("$", Msg::TooLarge { bytes: text.len(), limit: MAX_BYTES }));
    }
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Bytes → text: size limit, UTF-8 (a leading BOM is skipped).
pub fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    if bytes.len() > MAX_BYTES {
        return Err(Problem::error("$", Msg::TooLarge { bytes: bytes.len(), limit: MAX_BYTES }));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // SIMD where the processor has it; the standard library says where a bad byte is.
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => {
            let valid = std::str::from_utf8(bytes).err().map_or(bytes.len(), |e| e.valid_up_to());
            let (line, column) = json::line_col(&bytes[..valid]);
            return Err(Problem::error("$", Msg::NotUtf8 { line, column }));
        }
    };
    Ok(text)
}

/// Text → JSON value: syntax, nesting depth.
pub fn parse<'a>(text: &'a str, bump: &'a bumpalo::Bump) -> Result<J<'a>, Problem> {
    json::parse(text, bump).map_err(|e| {
        let msg = match e.kind {
            SyntaxError::TooDeep => Msg::TooDeep { line: e.line, column: e.column },
            what => Msg::Syntax { line: e.line, column: e.column, what },
        };
        Problem::error("$", msg)
    })
}
