//! Dataset → the indicator sheet (`vision-index export-csv`, `exportCsv`).

use super::columns::{export_columns, Column, Part, TextField};
use super::numbers::{defuse, format_number};
use crate::model::{Dataset, Indicator, Text};

/// The indicator sheet of `ds` (SPEC §9): a BOM, then CSV with CRLF line
/// ends: the header row (each column named in Japanese and English), then
/// one row per indicator in dataset order; a number as the shortest decimal
/// that reads back to the same value; an empty cell where there is no value.
pub fn export_csv(ds: &Dataset) -> String {
    let cols = export_columns(ds);
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let mut write = |cells: Vec<String>| {
        // Writing to memory cannot fail.
        let _ = w.write_record(&cells);
    };
    write(cols.iter().map(|c| c.header()).collect());
    for x in &ds.indicators {
        write(cols.iter().map(|c| cell(x, *c)).collect());
    }
    let bytes = w.into_inner().unwrap_or_default();
    let mut out = String::from("\u{feff}");
    out.push_str(&String::from_utf8_lossy(&bytes));
    out
}

/// One cell of an indicator's row.
fn cell(x: &Indicator, c: Column) -> String {
    let num = |v: Option<f64>| v.map(format_number).unwrap_or_default();
    match c {
        Column::Id => defuse(&x.id),
        Column::Goal => defuse(&x.goal),
        Column::Text(f, part) => {
            let t = match f {
                TextField::Name => Some(&x.name),
                TextField::Unit => x.unit.as_ref(),
                TextField::Source => x.source.as_ref(),
            };
            defuse(t.and_then(|t| text_part(t, part)).unwrap_or(""))
        }
        Column::Stage => x.stage.name().to_string(),
        Column::Direction => x.direction.name().to_string(),
        Column::Weight => format_number(x.weight),
        Column::Baseline => format_number(x.baseline),
        Column::Illustrative => if x.illustrative { "TRUE" } else { "FALSE" }.to_string(),
        Column::Actual(y) => num(x.values.get(y)),
        Column::Target(y) => num(x.targets.get(y)),
    }
}

/// One language of a text (a plain text is both).
fn text_part(t: &Text, part: Part) -> Option<&str> {
    match part {
        Part::Ja => t.ja(),
        Part::En => t.en(),
        Part::Both => Some(t.get(crate::model::Lang::Ja)),
    }
}
