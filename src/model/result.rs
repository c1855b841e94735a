//! The result (SPEC §5, `"format": "vision-index-result/1"`) and its JSON and
//! CSV forms.

use super::dataset::{Dataset, Method};
use super::names::ScorePath;
use super::shared::Str;
use super::text::Lang;
use crate::problem::Problem;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// The result format tag.
pub const RESULT_FORMAT: &str = "vision-index-result/1";

/// One node's scores, one entry per year (`None`: no score that year).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The node's id.
    pub id: Str,
    /// One score per year of the result.
    pub values: Vec<Option<f64>>,
}

/// A milestone checked on one path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneResult {
    /// The milestone's year.
    pub year: i32,
    /// Its value (e.g. 130).
    pub target: f64,
    /// The index in that year on the path, if any.
    pub value: Option<f64>,
    /// `value − target`.
    pub gap: Option<f64>,
    /// `value ≥ target − 1e-9`.
    pub met: bool,
}

/// Scores of every node on one path, every year from `years.first` to `years.last`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreResult {
    /// The path scored.
    pub path: ScorePath,
    /// Every year, `first..=last`.
    pub years: Vec<i32>,
    /// The dataset's base year (extension of SPEC §5).
    pub base_year: i32,
    /// The method in force (dataset's, replaced by the scenario's).
    pub method: Method,
    /// The index per year.
    pub index: Vec<Option<f64>>,
    /// Empty unless `via` includes `policy`.
    pub policies: Vec<Series>,
    /// Every goal, in dataset order.
    pub goals: Vec<Series>,
    /// Only `outcome_long` indicators.
    pub indicators: Vec<Series>,
    /// Each milestone on this path.
    pub milestones: Vec<MilestoneResult>,
    /// Scores left out (e.g. a `down` indicator at 0).
    pub warnings: Vec<Problem>,
}

/// A list of series written as a JSON object `{ id: [..] }` in dataset order.
struct SeriesMap<'a>(&'a [Series]);

impl Serialize for SeriesMap<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for x in self.0 {
            m.serialize_entry(&x.id, &x.values)?;
        }
        m.end()
    }
}

impl Serialize for ScoreResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(12))?;
        m.serialize_entry("format", RESULT_FORMAT)?;
        m.serialize_entry("path", &self.path)?;
        m.serialize_entry("years", &self.years)?;
        m.serialize_entry("base_year", &self.base_year)?;
        m.serialize_entry("method", &self.method)?;
        m.serialize_entry("index", &self.index)?;
        m.serialize_entry("policies", &SeriesMap(&self.policies))?;
        m.serialize_entry("goals", &SeriesMap(&self.goals))?;
        m.serialize_entry("indicators", &SeriesMap(&self.indicators))?;
        m.serialize_entry("milestones", &self.milestones)?;
        m.serialize_entry("warnings", &self.warnings)?;
        m.end()
    }
}

impl ScoreResult {
    /// Pretty JSON (SPEC §5), numbers at full precision.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// CSV with a UTF-8 BOM (so that Excel in Japan opens it as UTF-8) and CRLF
    /// line ends: one row for the index, each policy, goal and indicator;
    /// one column per year; empty where there is no score.
    pub fn to_csv(&self, ds: &Dataset, lang: Lang) -> String {
        let mut out = String::from("\u{feff}");
        let mut row = |cells: Vec<String>| {
            let line: Vec<String> = cells.into_iter().map(|c| csv_cell(&c)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        };
        let mut head = vec!["path".to_string(), "level".into(), "id".into(), "name".into()];
        head.extend(self.years.iter().map(|y| y.to_string()));
        row(head);
        let path = self.path.name().to_string();
        let nums = |v: &[Option<f64>]| -> Vec<String> {
            v.iter().map(|x| x.map(|x| x.to_string()).unwrap_or_default()).collect()
        };
        let mut first = vec![path.clone(), "index".into(), "index".into(), ds.index.name.get(lang).to_string()];
        first.extend(nums(&self.index));
        row(first);
        let names: std::collections::HashMap<(&str, &str), &str> = ds
            .policies
            .iter()
            .map(|x| (("policy", x.id.as_str()), x.name.get(lang)))
            .chain(ds.goals.iter().map(|x| (("goal", x.id.as_str()), x.name.get(lang))))
            .chain(ds.indicators.iter().map(|x| (("indicator", x.id.as_str()), x.name.get(lang))))
            .collect();
        let find_name =
            |level: &str, id: &str| -> String { names.get(&(level, id)).copied().unwrap_or("").to_string() };
        for (level, list) in [("policy", &self.policies), ("goal", &self.goals), ("indicator", &self.indicators)] {
            for s in list {
                let mut r = vec![path.clone(), level.to_string(), s.id.to_string(), find_name(level, &s.id)];
                r.extend(nums(&s.values));
                row(r);
            }
        }
        out
    }
}

/// Quotes a CSV cell when needed (RFC 4180). Cells that a spreadsheet would
/// read as a formula are prefixed with `'`.
fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '@', '\t', '\r']) || (s.starts_with('-') && s.parse::<f64>().is_err()) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("-1.5"), "-1.5");
        assert_eq!(csv_cell("区内産業"), "区内産業");
    }
}
