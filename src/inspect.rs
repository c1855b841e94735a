//! Small questions the page asks about its inputs, answered by the engine so
//! that the page keeps no second copy of the rules: which format a document
//! has (read as the engine reads it: a repeated `format` key counts by its
//! first entry), the path shown first, and how each project KPI stands
//! against its target.

use crate::model::{Dataset, Direction, InputKind, Kpi, ScorePath, DATASET_FORMAT, SCENARIO_FORMAT};
use serde::Serialize;

/// The kind of a document by its root `format` (the first one when repeated);
/// `None` when it is not readable JSON, not an object, or has another format.
pub fn detect_format(bytes: &[u8]) -> Option<InputKind> {
    let bump = bumpalo::Bump::new();
    let value = crate::read::parse_json(bytes, &bump).ok()?;
    match value.as_object()?.get("format")?.as_str()? {
        DATASET_FORMAT => Some(InputKind::Dataset),
        SCENARIO_FORMAT => Some(InputKind::Scenario),
        _ => None,
    }
}

/// The latest year with a reported value of any indicator, or the base year
/// when there is none after it.
pub fn latest_actual_year(ds: &Dataset) -> i32 {
    let values = ds.indicators.iter().filter_map(|i| i.values.years().next_back());
    values.fold(ds.index.base_year, i32::max)
}

/// The path the page shows first: always `outlook` (見込み), the honest
/// question "where do we stand to land?". Before any actual after the base
/// year it equals `plan`, but the page then says that nothing can be judged
/// yet rather than showing the plan as met (which it is by construction).
pub fn default_path(_ds: &Dataset) -> ScorePath {
    ScorePath::Outlook
}

/// How a KPI stands in its latest year with a figure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KpiStatus {
    /// The latest year with an actual or a target; `None`: no figures at all.
    pub year: Option<i32>,
    pub actual: Option<f64>,
    pub target: Option<f64>,
    /// Achievement, 1 = on target: actual ÷ target, or target ÷ actual when less
    /// is better (1 when both the actual is 0 and less is better). `None` when
    /// it cannot be told (a figure missing, a target ≤ 0, a negative actual) or
    /// is not finite.
    pub ratio: Option<f64>,
    /// Whether the target is met (achievement ≥ 1); `None` when it cannot be told.
    pub met: Option<bool>,
}

/// The status of one KPI.
pub fn kpi_status(kpi: &Kpi) -> KpiStatus {
    let year = kpi.values.years().next_back().max(kpi.targets.years().next_back());
    let actual = year.and_then(|y| kpi.values.get(y));
    let target = year.and_then(|y| kpi.targets.get(y));
    let raw = match (actual, target) {
        (Some(a), Some(t)) if t > 0.0 && a >= 0.0 => Some(match kpi.direction {
            Direction::Down if a > 0.0 => t / a,
            Direction::Down => 1.0,
            Direction::Up => a / t,
        }),
        _ => None,
    };
    KpiStatus { year, actual, target, ratio: raw.filter(|r| r.is_finite()), met: raw.map(|r| r >= 1.0) }
}

/// Every KPI's status, per project (in dataset order) and KPI.
pub fn kpi_statuses(ds: &Dataset) -> Vec<Vec<KpiStatus>> {
    ds.projects.iter().map(|p| p.kpis.iter().map(kpi_status).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::load_dataset;

    const DEFAULT: &[u8] = include_bytes!("../www/data/setagaya.json");

    #[test]
    fn format_is_read_as_the_engine_reads_it() {
        assert_eq!(detect_format(DEFAULT), Some(InputKind::Dataset));
        assert_eq!(detect_format(br#"{"format":"vision-index-scenario/1"}"#), Some(InputKind::Scenario));
        // a repeated key: the first one counts (JSON.parse would keep the last)
        let twice = br#"{"format":"vision-index-scenario/1","format":"vision-index/1"}"#;
        assert_eq!(detect_format(twice), Some(InputKind::Scenario));
        assert_eq!(detect_format(b"\xEF\xBB\xBF{\"format\":\"vision-index/1\"}"), Some(InputKind::Dataset));
        for other in [&b"{\"format\":\"x\"}"[..], b"[1]", b"{\"format\":", b"", b"{\"format\":1}"] {
            assert_eq!(detect_format(other), None, "{}", String::from_utf8_lossy(other));
        }
    }

    #[test]
    fn default_dataset_starts_on_outlook() {
        let mut ds = load_dataset(DEFAULT).expect("valid").value;
        // Its illustrative FY2024 actuals are the latest.
        assert_eq!(latest_actual_year(&ds), 2024);
        assert_eq!(default_path(&ds), ScorePath::Outlook);
        // Without them: the base year, and still outlook.
        for i in &mut ds.indicators {
            i.values = Default::default();
        }
        assert_eq!(latest_actual_year(&ds), 2023);
        assert_eq!(default_path(&ds), ScorePath::Outlook, "outlook even before any actual after the base year");
    }

    #[test]
    fn kpi_status_follows_direction() {
        let ds = load_dataset(DEFAULT).expect("valid").value;
        let port = ds.projects.iter().find(|p| p.id == "setagaya-port").expect("port");
        let s = kpi_status(&port.kpis[0]);
        assert_eq!((s.year, s.actual, s.target), (Some(2024), Some(6400.0), Some(5100.0)));
        assert_eq!(s.met, Some(true));
        let kpi = |dir, a: Option<f64>, t: Option<f64>| Kpi {
            direction: dir,
            values: a.map(|v| (2024, v)).into_iter().collect(),
            targets: t.map(|v| (2024, v)).into_iter().collect(),
            ..port.kpis[0].clone()
        };
        assert_eq!(kpi_status(&kpi(Direction::Down, Some(4.0), Some(2.0))).ratio, Some(0.5));
        assert_eq!(kpi_status(&kpi(Direction::Down, Some(0.0), Some(2.0))).met, Some(true));
        assert_eq!(kpi_status(&kpi(Direction::Up, Some(1.0), Some(5.0))).met, Some(false));
        let huge = kpi_status(&kpi(Direction::Up, Some(1e308), Some(0.5)));
        assert_eq!((huge.ratio, huge.met), (None, Some(true)));
        let none = kpi_status(&kpi(Direction::Up, None, None));
        assert_eq!((none.year, none.met), (None, None));
        assert_eq!(kpi_status(&kpi(Direction::Up, Some(1.0), None)).met, None);
    }
}
