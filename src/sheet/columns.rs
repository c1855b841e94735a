//! The sheet's columns: what each holds, its header in Japanese and English,
//! the headers an import recognises, and Excel's names for columns and cells.

use super::numbers::fold;
use crate::model::Dataset;

/// Which language of a display text a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Ja,
    En,
    /// One text for both languages (a header such as plain 「単位」 / `unit`; never exported).
    Both,
}

/// A display text of the indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Name,
    Unit,
    Source,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Goal,
    Text(TextField, Part),
    Stage,
    Direction,
    Weight,
    Baseline,
    Illustrative,
    /// The reported actual of a fiscal year (`values`).
    Actual(i32),
    /// The target of a fiscal year (`targets`).
    Target(i32),
}

/// The fixed columns, in the order exported, with their headers (ja, en).
const FIXED: &[(Column, &str, &str)] = &[
    (Column::Id, "指標ID", "id"),
    (Column::Goal, "目指す姿", "goal"),
    (Column::Text(TextField::Name, Part::Ja), "指標名（日本語）", "name_ja"),
    (Column::Text(TextField::Name, Part::En), "指標名（英語）", "name_en"),
    (Column::Text(TextField::Unit, Part::Ja), "単位（日本語）", "unit_ja"),
    (Column::Text(TextField::Unit, Part::En), "単位（英語）", "unit_en"),
    (Column::Stage, "段階", "stage"),
    (Column::Direction, "方向", "direction"),
    (Column::Weight, "重み", "weight"),
    (Column::Baseline, "基準値", "baseline"),
    (Column::Illustrative, "例示", "illustrative"),
    (Column::Text(TextField::Source, Part::Ja), "出典（日本語）", "source_ja"),
    (Column::Text(TextField::Source, Part::En), "出典（英語）", "source_en"),
];

/// Headers also recognised on import: one text for both languages.
const PLAIN: &[(Column, &str, &str)] = &[
    (Column::Text(TextField::Name, Part::Both), "指標名", "name"),
    (Column::Text(TextField::Unit, Part::Both), "単位", "unit"),
    (Column::Text(TextField::Source, Part::Both), "出典", "source"),
];

impl Column {
    /// The header's two parts, Japanese and English (e.g. 「基準値」, `baseline`).
    pub fn names(self) -> (String, String) {
        match self {
            Column::Actual(y) => (format!("実績 {y}年度"), format!("actual FY{y}")),
            Column::Target(y) => (format!("目標 {y}年度"), format!("target FY{y}")),
            c => FIXED
                .iter()
                .chain(PLAIN)
                .find(|(k, _, _)| *k == c)
                .map(|(_, ja, en)| (ja.to_string(), en.to_string()))
                .unwrap_or_default(),
        }
    }

    /// The header as exported: 「基準値 baseline」.
    pub fn header(self) -> String {
        let (ja, en) = self.names();
        format!("{ja} {en}")
    }

    /// The column a header names: the exported header, its Japanese or its
    /// English part alone, in any letter case and width, with or without
    /// spaces, brackets and `_` (`基準値`, `Baseline`, `name (ja)`, `実績2024年度`,
    /// `actual 2024`); `None` for any other header.
    pub fn recognise(header: &str) -> Option<Column> {
        let k = key(header);
        if k.is_empty() {
            return None;
        }
        for (c, ja, en) in FIXED.iter().chain(PLAIN) {
            if [key(ja), key(en), key(&format!("{ja}{en}"))].contains(&k) {
                return Some(*c);
            }
        }
        year_column(&k)
    }

    /// Where the dataset path's field is in this column, for mapping problems back.
    pub fn is_text(self, field: TextField) -> bool {
        matches!(self, Column::Text(f, _) if f == field)
    }
}

/// A header reduced for comparison: full-width folded, lower case, without
/// spaces, brackets, `_`, `-` and `:`.
fn key(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !"()（）[]［］「」_-:：・".contains(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// `実績2024年度actualfy2024`, `実績2024年度`, `actualfy2024`, `actual2024`,
/// `目標2027`, … (a key): the year column it names.
fn year_column(k: &str) -> Option<Column> {
    let digits: String = k.chars().map(|c| if c.is_ascii_digit() { c } else { ' ' }).collect();
    let mut years = digits.split_whitespace();
    let year: i32 = years.next()?.parse().ok()?;
    if years.any(|y| y.parse() != Ok(year)) || !(1000..=9999).contains(&year) {
        return None;
    }
    let rest: String = k.chars().filter(|c| !c.is_ascii_digit()).collect();
    type Make = fn(i32) -> Column;
    let kinds: [(&str, &str, Make); 2] = [("実績", "actual", Column::Actual), ("目標", "target", Column::Target)];
    for (ja, en, make) in kinds {
        let forms = [
            format!("{ja}年度{en}fy"),
            format!("{ja}年度"),
            ja.to_string(),
            format!("{en}fy"),
            en.to_string(),
            format!("{ja}年度{en}"),
            format!("{ja}{en}"),
        ];
        if forms.contains(&rest) {
            return Some(make(year));
        }
    }
    None
}

/// The years that get a column: every year after the base year to the last,
/// and any earlier year in which some indicator has a value or target (so
/// that an export carries everything the dataset has).
pub fn years(ds: &Dataset) -> Vec<i32> {
    let used = ds.indicators.iter().flat_map(|i| i.values.years().chain(i.targets.years())).min();
    let first = used.map_or(ds.index.base_year + 1, |y| y.min(ds.index.base_year + 1)).max(ds.years.first);
    (first..=ds.years.last).collect()
}

/// Every column of an export, in order.
pub fn export_columns(ds: &Dataset) -> Vec<Column> {
    let ys = years(ds);
    let mut cols: Vec<Column> = FIXED.iter().map(|(c, _, _)| *c).collect();
    cols.extend(ys.iter().map(|y| Column::Actual(*y)));
    cols.extend(ys.iter().map(|y| Column::Target(*y)));
    cols
}

/// Excel's name of the column at 0-based `i`: A … Z, AA, AB, …
pub fn letters(i: usize) -> String {
    let mut n = i + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The A1 reference of a cell: 0-based column, Excel's 1-based row (`D3`).
pub fn a1(col: usize, row: usize) -> String {
    format!("{}{row}", letters(col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_column_names() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
        assert_eq!(letters(701), "ZZ");
        assert_eq!(letters(702), "AAA");
        assert_eq!(a1(3, 3), "D3");
    }

    #[test]
    fn headers_in_either_language() {
        for (c, _, _) in FIXED {
            let (ja, en) = c.names();
            assert_eq!(Column::recognise(&c.header()), Some(*c));
            assert_eq!(Column::recognise(&ja), Some(*c));
            assert_eq!(Column::recognise(&en), Some(*c));
            assert_eq!(Column::recognise(&en.to_uppercase()), Some(*c));
        }
        assert_eq!(Column::recognise("Name (JA)"), Some(Column::Text(TextField::Name, Part::Ja)));
        assert_eq!(Column::recognise("単位"), Some(Column::Text(TextField::Unit, Part::Both)));
        assert_eq!(Column::recognise("実績 2024年度 actual FY2024"), Some(Column::Actual(2024)));
        assert_eq!(Column::recognise("実績２０２４年度"), Some(Column::Actual(2024)));
        assert_eq!(Column::recognise("target 2027"), Some(Column::Target(2027)));
        assert_eq!(Column::recognise("Target FY2027"), Some(Column::Target(2027)));
        assert_eq!(Column::recognise("目標 2027年度 target FY2028"), None);
        assert_eq!(Column::recognise("備考"), None);
        assert_eq!(Column::recognise("2024"), None);
    }
}
