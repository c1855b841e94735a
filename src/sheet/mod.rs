//! The indicator sheet (SPEC §9): a dataset's indicators as one CSV sheet
//! for Excel and back, for the ward staff who keep their figures there.
//!
//! - [`export_csv`]: the sheet of a dataset (UTF-8 with BOM, CRLF, a header
//!   row naming each column in Japanese and English: [`columns`]);
//! - [`import_csv`]: a sheet as saved by a spreadsheet (UTF-8 or Shift_JIS,
//!   comma or TAB: [`decode`]; numbers as Excel writes them in Japan:
//!   [`numbers`]) back into the dataset's own text ([`splice`]), checked as
//!   a dataset, every problem named by its Excel row and column.
//!
//! Plain Rust: the command line (`export-csv`, `import-csv`) and the
//! analysis module's facade (`exportCsv`, `importCsv`) call it; the page's
//! first-load scoring module never does.

pub mod columns;
pub mod decode;
mod export;
mod import;
pub mod numbers;
mod splice;

pub use export::export_csv;
pub use import::{import_csv, import_csv_text, import_csv_text_with, Imported};
