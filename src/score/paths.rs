//! The four paths (SPEC §3): an indicator's value in each year from its
//! anchor points (year → value).

use crate::model::{ScorePath, YearValues};

/// Appends to `out` the entries of `data` and `over` (both sorted by year)
/// with year > `after`; `over` wins on equal years.
fn merge(out: &mut Vec<(i32, f64)>, data: &YearValues, over: &[(i32, f64)], after: i32) {
    let mut d = data.after(after).iter().copied().peekable();
    let mut o = over.iter().copied().filter(|(y, _)| *y > after).peekable();
    loop {
        match (d.peek(), o.peek()) {
            (Some(&(dy, dv)), Some(&(oy, ov))) => {
                if dy < oy {
                    out.push((dy, dv));
                    d.next();
                } else {
                    out.push((oy, ov));
                    o.next();
                    if dy == oy {
                        d.next();
                    }
                }
            }
            (Some(&a), None) => {
                out.push(a);
                d.next();
            }
            (None, Some(&b)) => {
                out.push(b);
                o.next();
            }
            (None, None) => break,
        }
    }
}

/// Everything the paths read for one indicator.
pub struct Anchors<'a> {
    pub base_year: i32,
    pub baseline: f64,
    pub values: &'a YearValues,
    pub targets: &'a YearValues,
    /// Scenario values of this indicator, sorted by year.
    pub over_values: &'a [(i32, f64)],
    /// Scenario targets of this indicator, sorted by year.
    pub over_targets: &'a [(i32, f64)],
}

/// The least-squares slope of `pts` (0 with fewer than two points).
fn ls_slope(pts: &[(i32, f64)]) -> f64 {
    if pts.len() < 2 {
        return 0.0;
    }
    let n = pts.len() as f64;
    let mx = pts.iter().map(|p| p.0 as f64).sum::<f64>() / n;
    let my = pts.iter().map(|p| p.1).sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for &(x, y) in pts {
        let dx = x as f64 - mx;
        sxy += dx * (y - my);
        sxx += dx * dx;
    }
    if sxx == 0.0 {
        0.0
    } else {
        sxy / sxx
    }
}

/// Anchors above this are scaled by [`SCALE`] before the path is computed.
const HUGE: f64 = 1e290;
/// 2⁻⁶⁴: a power of two, so that scaling is exact and a score (a ratio of two
/// scaled numbers) has the same bits as without it.
pub const SCALE: f64 = f64::from_bits((1023 - 64) << 52);

/// Fills `out[k]` with the value in year `first + k` on `path`; `buf` is scratch.
///
/// Returns the factor the values are written in: 1, or [`SCALE`] when an
/// anchor is above 1e290, where a sum of values, an interpolation step or a
/// trend could pass the double range although the scores (ratios to the
/// baseline) are ordinary numbers (issue 15). A score is then the value
/// against the baseline times the factor; a value is `out[k] / factor`, which
/// may have no double (a trend past f64::MAX) while its score does.
pub fn values_on_path(
    a: &Anchors,
    path: ScorePath,
    first: i32,
    out: &mut [Option<f64>],
    buf: &mut Vec<(i32, f64)>,
) -> f64 {
    buf.clear();
    buf.push((a.base_year, a.baseline));
    match path {
        ScorePath::Plan => merge(buf, a.targets, a.over_targets, a.base_year),
        ScorePath::Actual | ScorePath::Trend => merge(buf, a.values, a.over_values, a.base_year),
        ScorePath::Outlook => {
            merge(buf, a.values, a.over_values, a.base_year);
            let last = buf.last().map_or(a.base_year, |p| p.0);
            merge(buf, a.targets, a.over_targets, last);
        }
    }
    let mut scale = 1.0;
    if buf.iter().any(|p| p.1 > HUGE) {
        scale = SCALE;
        buf.iter_mut().for_each(|p| p.1 *= SCALE);
    }
    let (last_y, last_v) = *buf.last().unwrap_or(&(a.base_year, a.baseline * scale));
    let slope = if path == ScorePath::Trend { ls_slope(buf) } else { 0.0 };
    let mut k = 0usize; // buf[k].0 <= year < buf[k+1].0
    for (i, slot) in out.iter_mut().enumerate() {
        let year = first + i as i32;
        *slot = if year < a.base_year {
            None
        } else if path == ScorePath::Actual {
            while k + 1 < buf.len() && buf[k].0 < year {
                k += 1;
            }
            (buf[k].0 == year).then_some(buf[k].1)
        } else if year >= last_y {
            if path == ScorePath::Trend {
                Some((last_v + slope * f64::from(year - last_y)).max(0.0))
            } else {
                Some(last_v)
            }
        } else {
            while k + 1 < buf.len() && buf[k + 1].0 <= year {
                k += 1;
            }
            let (y0, v0) = buf[k];
            let (y1, v1) = buf[k + 1];
            if y0 == year {
                Some(v0)
            } else {
                Some(v0 + (v1 - v0) * f64::from(year - y0) / f64::from(y1 - y0))
            }
        };
    }
    scale
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(
        path: ScorePath,
        values: &[(i32, f64)],
        targets: &[(i32, f64)],
        ov: &[(i32, f64)],
        ot: &[(i32, f64)],
    ) -> Vec<Option<f64>> {
        let values: YearValues = values.iter().copied().collect();
        let targets: YearValues = targets.iter().copied().collect();
        let a = Anchors {
            base_year: 2023,
            baseline: 100.0,
            values: &values,
            targets: &targets,
            over_values: ov,
            over_targets: ot,
        };
        let mut out = vec![None; 9];
        values_on_path(&a, path, 2022, &mut out, &mut Vec::new());
        out
    }

    #[test]
    fn actual_has_only_anchor_years() {
        let v = run(ScorePath::Actual, &[(2025, 110.0)], &[(2027, 130.0)], &[], &[]);
        assert_eq!(v, vec![None, Some(100.0), None, Some(110.0), None, None, None, None, None]);
    }

    #[test]
    fn scenario_value_replaces_reported_value() {
        let v = run(ScorePath::Actual, &[(2025, 110.0)], &[], &[(2025, 120.0), (2026, 125.0)], &[]);
        assert_eq!(v[3], Some(120.0));
        assert_eq!(v[4], Some(125.0));
    }

    #[test]
    fn plan_interpolates_and_holds_flat() {
        let v = run(ScorePath::Plan, &[(2024, 500.0)], &[(2027, 140.0)], &[], &[]);
        assert_eq!(v[0], None, "before the base year");
        assert_eq!(v[1], Some(100.0));
        assert_eq!(v[2], Some(110.0));
        assert_eq!(v[5], Some(140.0));
        assert_eq!(v[8], Some(140.0), "held flat");
    }

    #[test]
    fn plan_scenario_target_replaces_target() {
        let v = run(ScorePath::Plan, &[], &[(2027, 140.0)], &[], &[(2027, 180.0)]);
        assert_eq!(v[5], Some(180.0));
        assert_eq!(v[3], Some(140.0));
    }

    #[test]
    fn outlook_uses_targets_after_last_actual_only() {
        let v = run(ScorePath::Outlook, &[(2025, 90.0)], &[(2024, 1000.0), (2027, 130.0)], &[], &[]);
        assert_eq!(v[2], Some(95.0), "2024 target ignored: before the last actual");
        assert_eq!(v[3], Some(90.0));
        assert_eq!(v[4], Some(110.0));
        assert_eq!(v[5], Some(130.0));
        assert_eq!(v[8], Some(130.0));
    }

    #[test]
    fn trend_extends_with_least_squares_slope_floored_at_zero() {
        let v = run(ScorePath::Trend, &[(2024, 80.0), (2025, 60.0)], &[], &[], &[]);
        // slope of (2023,100),(2024,80),(2025,60) = -20
        assert_eq!(v[4], Some(40.0));
        assert_eq!(v[6], Some(0.0));
        assert_eq!(v[8], Some(0.0), "floored at 0");
    }

    #[test]
    fn trend_with_one_anchor_is_flat() {
        let v = run(ScorePath::Trend, &[], &[(2027, 200.0)], &[], &[]);
        assert!(v[1..].iter().all(|x| *x == Some(100.0)));
    }

    #[test]
    fn least_squares_slope() {
        assert_eq!(ls_slope(&[(2023, 12.0), (2024, 11.0), (2025, 10.5)]), -0.75);
        assert_eq!(ls_slope(&[(2023, 1.0)]), 0.0);
    }
}
