//! Goal seek (SPEC §8.2): what an indicator's target for a milestone year, or a
//! goal's or policy's score in it, must be for the index to equal the
//! milestone value, all else fixed.
//!
//! The index is a function f(v) of the subject's score v in that year (every
//! other score fixed), nondecreasing when the subject's weights on the way up
//! are > 0. Arithmetic: f is affine while the set of scored children and the
//! clamp into the children's range do not change, so the line through two
//! probes is solved and the answer kept only if f reproduces M to 1e-9
//! relative; otherwise (and always for the geometric mean) v is found by
//! bisection on [0, hi] to 1e-12 relative. For an indicator the value follows
//! from the score through its direction (up: x = v·b/100; down: x = 100·b/v),
//! and the answer is checked once more by scoring with that value as a
//! scenario target for the year (bisection on the re-score if it fails).

use super::frame::{Fixed, Frame};
use crate::model::{named_enum, Direction, Entry, Level, Links, Named, Scenario, ScorePath};
use crate::score::ratio_score;
use crate::Dataset;
use serde::Serialize;

/// `format` of a goal-seek answer.
pub const SEEK_FORMAT: &str = "vision-index-seek/1";

named_enum! {
    /// Why the milestone cannot be reached by the subject (SPEC §8.2).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum Reason {
        /// Weight 0 on the way up, not outcome_long, or (outlook) the year is
        /// not after the indicator's last actual: the subject does not move the index.
        NoEffect = "no_effect",
        /// The score needed exceeds the cap.
        Cap = "cap",
        /// The value needed is below 0, or a `down` indicator's score needed is ≤ 0.
        Negative = "negative",
    }
}

/// The node whose target or score is sought.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subject {
    /// `indicator`, `goal` or `policy`.
    pub level: Level,
    /// Its id.
    pub id: String,
}

/// The answer (`vision-index-seek/1`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeekResult {
    /// [`SEEK_FORMAT`]
    pub format: &'static str,
    /// `plan` or `outlook`.
    pub path: ScorePath,
    /// The milestone year.
    pub year: i32,
    /// The milestone value M.
    pub target: f64,
    /// The index in the year now.
    pub index: Option<f64>,
    /// What is sought.
    pub subject: Subject,
    /// Whether the subject can make the index M.
    pub reachable: bool,
    /// Why not, when not.
    pub reason: Option<Reason>,
    /// Now: the indicator's value in the year, or the goal's/policy's score.
    pub current: Option<f64>,
    /// Needed: the indicator's target for the year, or the goal's/policy's score.
    pub required: Option<f64>,
    /// The subject's score now.
    pub current_score: Option<f64>,
    /// The subject's score needed (also given when it exceeds the cap).
    pub required_score: Option<f64>,
}

impl SeekResult {
    /// The answer as one line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A question that names something that is not there (a usage error).
#[derive(Debug, Clone, PartialEq)]
pub enum SeekError {
    /// No node of this level has the id.
    UnknownId(Level, String),
    /// The year is not a milestone of the index.
    NotMilestone(i32),
    /// Seek answers on `plan` or `outlook` only.
    Path(ScorePath),
}

impl std::fmt::Display for SeekError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SeekError::UnknownId(l, id) => write!(f, "unknown {} id `{id}`", l.name()),
            SeekError::NotMilestone(y) => write!(f, "{y} is not a milestone year"),
            SeekError::Path(p) => write!(f, "seek answers on plan or outlook, not {}", p.name()),
        }
    }
}

/// Relative closeness of `a` to `m`.
fn close(a: Option<f64>, m: f64, tol: f64) -> bool {
    a.is_some_and(|a| (a - m).abs() <= tol * m.abs().max(f64::MIN_POSITIVE))
}

/// The least v ≥ 0 with f(v) ≥ m (f nondecreasing), to 1e-12 relative; `Err`
/// with the reason when f(0) ≥ m already (`negative`) or no v reaches m.
fn bisect(f: &dyn Fn(f64) -> Option<f64>, m: f64) -> Result<f64, Reason> {
    let reach = |v: f64| f(v).is_some_and(|x| x >= m);
    if reach(0.0) {
        // The score needed is 0 (exactly M at 0) or below.
        return if close(f(0.0), m, 1e-12) { Ok(0.0) } else { Err(Reason::Negative) };
    }
    let mut hi = 200.0;
    while !reach(hi) {
        hi *= 2.0;
        if hi > 1e300 {
            return Err(Reason::NoEffect);
        }
    }
    let mut lo = 0.0;
    for _ in 0..4000 {
        if hi - lo <= 1e-12 * hi {
            break;
        }
        let mid = lo + (hi - lo) / 2.0;
        if mid <= lo || mid >= hi {
            break;
        }
        if reach(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    // The end nearer to M.
    let d = |v: f64| f(v).map_or(f64::INFINITY, |x| (x - m).abs());
    Ok(if d(lo) < d(hi) { lo } else { hi })
}

/// The score v with f(v) = m: the affine solution (arithmetic) when it
/// reproduces m to 1e-9 relative, else bisection.
fn solve(f: &dyn Fn(f64) -> Option<f64>, m: f64, arithmetic: bool, probe: f64) -> Result<f64, Reason> {
    if arithmetic {
        // A step of 100, or more where the index is so large (above ~1e8) that
        // 100 would be lost in its rounding and look like no effect.
        let step = |fa: f64| 100f64.max(fa.abs() * 1e-6);
        let a = probe;
        if let Some((fa, b)) = f(a).map(|fa| (fa, a + step(fa))) {
            let Some(fb) = f(b) else { return bisect(f, m) };
            let slope = (fb - fa) / (b - a);
            if slope > 0.0 {
                let v = a + (m - fa) / slope;
                if v.is_finite() && close(f(v), m, 1e-9) {
                    return Ok(v);
                }
            } else if slope == 0.0 && fa != m {
                return Err(Reason::NoEffect);
            }
        }
    }
    bisect(f, m)
}

/// Goal seek on `path` (plan or outlook) for the milestone of `year`: the
/// subject is the node of `level` with `id`.
pub fn seek(
    ds: &Dataset,
    sc: &Scenario,
    path: ScorePath,
    year: i32,
    level: Level,
    id: &str,
) -> Result<SeekResult, SeekError> {
    if !matches!(path, ScorePath::Plan | ScorePath::Outlook) {
        return Err(SeekError::Path(path));
    }
    let m = ds.index.milestones.iter().find(|m| m.year == year).ok_or(SeekError::NotMilestone(year))?.value;
    let links = Links::new(ds);
    let pos = *links.ids(ds, level).get(id).ok_or_else(|| SeekError::UnknownId(level, id.to_string()))?;
    let fr = Frame::new(ds, &links, sc, path);
    let t = usize::try_from(year - ds.years.first).ok().filter(|&t| t < fr.ny);
    let s = t.map(|t| fr.scores_at(t)).unwrap_or_else(|| vec![None; fr.rows.len()]);
    let w = &fr.w;
    let index = t.and_then(|_| fr.index_at(&s, w, Fixed::None));
    let mut out = SeekResult {
        format: SEEK_FORMAT,
        path,
        year,
        target: m,
        index,
        subject: Subject { level, id: id.to_string() },
        reachable: false,
        reason: Some(Reason::NoEffect),
        current: None,
        required: None,
        current_score: None,
        required_score: None,
    };
    let pol_ok = |p: Option<usize>| !fr.via_policy || p.is_some_and(|p| w.pol[p] > 0.0);
    let goal_ok = |g: Option<usize>| g.is_some_and(|g| w.goal[g] > 0.0 && pol_ok(links.goal_policy[g]));
    // The subject's current score, whether it moves the index, and f.
    let (effect, fixed): (bool, Box<dyn Fn(f64) -> Fixed>) = match level {
        Level::Indicator => {
            let row = fr.rows.iter().position(|r| r.pos == pos);
            let Some(r) = row else { return Ok(out) };
            let rw = &fr.rows[r];
            out.current = t.and_then(|t| rw.values[t]).map(|x| x / rw.scale).filter(|x| x.is_finite());
            out.current_score = s[r];
            let after = year > rw.last_actual && year > ds.index.base_year;
            (w.ind[pos] > 0.0 && goal_ok(rw.goal) && after, Box::new(move |v| Fixed::Indicator(r, Some(v))))
        }
        Level::Goal => {
            out.current_score = t.and_then(|_| fr.goal_at(&s, w, pos));
            out.current = out.current_score;
            (goal_ok(Some(pos)), Box::new(move |v| Fixed::Goal(pos, v)))
        }
        Level::Policy => {
            out.current_score = t.and_then(|_| if fr.via_policy { fr.policy_at(&s, w, pos) } else { None });
            out.current = out.current_score;
            (fr.via_policy && w.pol[pos] > 0.0, Box::new(move |v| Fixed::Policy(pos, v)))
        }
    };
    if !effect || t.is_none() {
        return Ok(out);
    }
    let f = |v: f64| fr.index_at(&s, w, fixed(v));
    let arithmetic = fr.agg == crate::Aggregate::Arithmetic;
    let probe = out.current_score.unwrap_or(100.0);
    let v = match solve(&f, m, arithmetic, probe) {
        Ok(v) => v,
        Err(r) => {
            out.reason = Some(r);
            return Ok(out);
        }
    };
    out.required_score = Some(v);
    if fr.cap.is_some_and(|c| v > c) {
        out.reason = Some(Reason::Cap);
        return Ok(out);
    }
    if level != Level::Indicator {
        // No score is below 0: a goal or policy cannot go that low.
        if v < 0.0 {
            out.reason = Some(Reason::Negative);
            return Ok(out);
        }
        out.required = Some(v);
        out.reachable = true;
        out.reason = None;
        return Ok(out);
    }
    let ind = &ds.indicators[pos];
    let Some(x) = value_of(ind.direction, ind.baseline, v) else {
        out.reason = Some(Reason::Negative);
        return Ok(out);
    };
    // Check by scoring with x as the scenario target for the year.
    let rescore = |x: f64| {
        let mut sc2 = sc.clone();
        sc2.targets.retain(|e| !(e.indicator == id && e.year == year));
        sc2.targets.push(Entry { indicator: id.to_string(), year, value: x });
        crate::score(ds, &sc2, path).index[t.unwrap_or(0)]
    };
    let x = if close(rescore(x), m, 1e-9) {
        x
    } else {
        let g = |v: f64| value_of(ind.direction, ind.baseline, v).and_then(rescore);
        match bisect(&g, m).ok().and_then(|v| value_of(ind.direction, ind.baseline, v)) {
            Some(x) => x,
            None => {
                out.reason = Some(Reason::Negative);
                return Ok(out);
            }
        }
    };
    // The score of the value found (the same as `v` unless the fallback ran).
    out.required_score = fr.rows.iter().find(|r| r.pos == pos).and_then(|r| fr.score_of(r, x * r.scale));
    out.required = Some(x);
    out.reachable = true;
    out.reason = None;
    Ok(out)
}

/// The value that scores `v` (before the cap); `None` when it would be < 0
/// or a `down` indicator's score is ≤ 0.
fn value_of(direction: Direction, baseline: f64, v: f64) -> Option<f64> {
    let x = match direction {
        _ if v == 100.0 => baseline,
        // multiplied first (the bits of the examples), divided first where that overflows
        Direction::Up => match v * baseline / 100.0 {
            x if x.is_finite() => x,
            _ => v / 100.0 * baseline,
        },
        Direction::Down if v <= 0.0 => return None,
        Direction::Down => ratio_score(baseline, v),
    };
    (x >= 0.0 && x.is_finite()).then_some(x)
}
