//! The indicator sheet's messages (SPEC §9, `crate::sheet`), part of the
//! engine's message catalogue ([`super`]).

use super::{clip, Msg};

/// A problem of the indicator sheet, named as people see the sheet in Excel.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetMsg {
    /// A cell: Excel's row (1-based) and column letters, the column's header
    /// (Japanese, English) and what is wrong there (a sheet message or a
    /// dataset rule, whose code it keeps).
    Cell {
        row: usize,
        column: String,
        header: (String, String),
        what: Box<Msg>,
    },
    /// Neither UTF-8 nor Shift_JIS (from that line on).
    Encoding {
        line: usize,
    },
    /// No header row.
    Empty,
    NotNumber {
        text: String,
    },
    /// A trailing `%` where the indicator's unit is not %.
    Percent {
        text: String,
    },
    NotBoolean {
        text: String,
    },
    UnknownColumn {
        text: String,
    },
    DuplicateColumn {
        first: String,
    },
    /// A column every sheet needs (its header, Japanese and English).
    MissingColumn {
        ja: String,
        en: String,
    },
    /// A value in a column without a header.
    UnnamedColumn,
}

impl SheetMsg {
    /// The stable code (a cell keeps the code of what is wrong in it).
    pub fn code(&self) -> &'static str {
        match self {
            SheetMsg::Cell { what, .. } => what.code(),
            SheetMsg::Encoding { .. } => "sheet_encoding",
            SheetMsg::Empty => "sheet_empty",
            SheetMsg::NotNumber { .. } => "not_number",
            SheetMsg::Percent { .. } => "percent_not_allowed",
            SheetMsg::NotBoolean { .. } => "not_boolean",
            SheetMsg::UnknownColumn { .. } => "unknown_column",
            SheetMsg::DuplicateColumn { .. } => "duplicate_column",
            SheetMsg::MissingColumn { .. } => "missing_column",
            SheetMsg::UnnamedColumn => "unnamed_column",
        }
    }

    /// In Japanese: 「3行目 D列（基準値）: 数値ではありません（"abc"）」.
    pub fn ja(&self) -> String {
        match self {
            SheetMsg::Cell { row, column, header, what } => {
                format!("{row}行目 {column}列（{}）: {}", header.0, what.ja())
            }
            SheetMsg::Encoding { line } => format!(
                "文字コードを読めません（{line}行目付近）: UTF-8 か Shift_JIS（CP932）の CSV として保存してください"
            ),
            SheetMsg::Empty => "シートが空です: 1行目に列の見出しが必要です".into(),
            SheetMsg::NotNumber { text } => format!("数値ではありません（\"{}\"）", clip(text)),
            SheetMsg::Percent { text } => format!("「%」は単位が % の指標にだけ書けます（\"{}\"）", clip(text)),
            SheetMsg::NotBoolean { text } => format!("TRUE か FALSE を書いてください（\"{}\"）", clip(text)),
            SheetMsg::UnknownColumn { text } => {
                format!("見出し「{}」の列は読めません: 書き出したシートの見出しを使ってください", clip(text))
            }
            SheetMsg::DuplicateColumn { first } => format!("同じ列がもう一つあります（最初は {first}列）"),
            SheetMsg::MissingColumn { ja, en } => format!("見出しの行に必須の列「{ja} {en}」がありません"),
            SheetMsg::UnnamedColumn => "見出しのない列に値があります".into(),
        }
    }

    /// In English: "row 3, column D (baseline): not a number ("abc")".
    pub fn en(&self) -> String {
        match self {
            SheetMsg::Cell { row, column, header, what } => {
                format!("row {row}, column {column} ({}): {}", header.1, what.en())
            }
            SheetMsg::Encoding { line } => {
                format!("unreadable characters (near line {line}): save the sheet as CSV in UTF-8 or Shift_JIS (CP932)")
            }
            SheetMsg::Empty => "the sheet is empty: row 1 must name the columns".into(),
            SheetMsg::NotNumber { text } => format!("not a number (\"{}\")", clip(text)),
            SheetMsg::Percent { text } => format!("\"%\" only where the unit is % (\"{}\")", clip(text)),
            SheetMsg::NotBoolean { text } => format!("write TRUE or FALSE (\"{}\")", clip(text)),
            SheetMsg::UnknownColumn { text } => {
                format!("unknown column \"{}\": use the headers of an exported sheet", clip(text))
            }
            SheetMsg::DuplicateColumn { first } => format!("the same column again (first in column {first})"),
            SheetMsg::MissingColumn { ja, en } => format!("the header row lacks the required column \"{ja} {en}\""),
            SheetMsg::UnnamedColumn => "a value in a column without a header".into(),
        }
    }
}
