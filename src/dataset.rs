//! The dataset (SPEC §2, `"format": "vision-index/1"`): the typed model and
//! its reader, which checks the whole document and reports every problem.

use crate::json::{Obj, J};
use crate::messages::{Expect, Msg, RefKind};
use crate::problem::{Path, Problem, Problems};
use crate::read::{self, Lookup};
use crate::shared::{Doc, Str};
use crate::text::Text;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashMap;

/// The dataset format tag.
pub const DATASET_FORMAT: &str = "vision-index/1";
/// The most indicators a dataset may have.
pub const MAX_INDICATORS: usize = 100_000;
/// The longest span of years, `last − first`.
pub const MAX_YEAR_SPAN: i64 = 100;

fn one() -> f64 {
    1.0
}
fn is_one(w: &f64) -> bool {
    *w == 1.0
}
fn is_false(b: &bool) -> bool {
    !*b
}

/// A Vision Index dataset.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Vision Index dataset (vision-index/1)")]
pub struct Dataset {
    /// Always `"vision-index/1"`.
    pub format: String,
    pub title: Text,
    /// Where the figures come from (extension of SPEC §2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    pub years: Years,
    pub index: IndexDef,
    pub policies: Vec<Policy>,
    pub goals: Vec<Goal>,
    pub indicators: Vec<Indicator>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
}

/// The fiscal years covered, inclusive (FY2027 = 令和9年度 = April 2027 – March 2028).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Years {
    pub first: i32,
    pub last: i32,
}

impl Years {
    /// Every year from `first` to `last`.
    pub fn list(&self) -> Vec<i32> {
        (self.first..=self.last).collect()
    }
    pub fn len(&self) -> usize {
        (self.last - self.first + 1).max(0) as usize
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The composite index.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndexDef {
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    pub base_year: i32,
    pub base_value: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub method: Method,
}

/// A target value of the index in a year.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub year: i32,
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

/// How scores are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Aggregate {
    /// Σ w·s / Σ w
    #[default]
    Arithmetic,
    /// exp(Σ w·ln s / Σ w); 0 when any s is 0
    Geometric,
}

impl Aggregate {
    pub const NAMES: &'static [&'static str] = &["arithmetic", "geometric"];
    pub fn from_index(i: usize) -> Aggregate {
        if i == 1 {
            Aggregate::Geometric
        } else {
            Aggregate::Arithmetic
        }
    }
}

/// The aggregation route: `["goal"]` or `["goal", "policy"]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Via {
    /// indicators → goals → index
    #[default]
    Goal,
    /// indicators → goals → policies → index
    GoalPolicy,
}

impl Via {
    pub fn has_policy(self) -> bool {
        self == Via::GoalPolicy
    }
    fn names(self) -> &'static [&'static str] {
        match self {
            Via::Goal => &["goal"],
            Via::GoalPolicy => &["goal", "policy"],
        }
    }
}

impl Serialize for Via {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.names().serialize(s)
    }
}

/// The scoring method of the index.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Method {
    #[serde(default)]
    pub aggregate: Aggregate,
    #[serde(default)]
    pub via: Via,
    /// Upper cap on indicator scores (`null`: none).
    #[serde(default)]
    pub cap: Option<f64>,
}

/// A basic policy (基本の方針).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub id: Str,
    pub name: Text,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: f64,
}

/// A target state (目指す姿).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: Str,
    pub policy: Str,
    pub name: Text,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: f64,
}

/// The stage of an indicator in the logic model; only `outcome_long` enters the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 行動指標
    Behavior,
    /// 短期アウトカム
    OutcomeShort,
    /// 中長期アウトカム
    #[default]
    OutcomeLong,
}

impl Stage {
    pub const NAMES: &'static [&'static str] = &["behavior", "outcome_short", "outcome_long"];
    fn from_index(i: usize) -> Stage {
        match i {
            0 => Stage::Behavior,
            1 => Stage::OutcomeShort,
            _ => Stage::OutcomeLong,
        }
    }
}

/// Whether more is better (`up`) or less is better (`down`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Up,
    Down,
}

impl Direction {
    pub const NAMES: &'static [&'static str] = &["up", "down"];
    fn from_index(i: usize) -> Direction {
        if i == 1 {
            Direction::Down
        } else {
            Direction::Up
        }
    }
}

/// A year → value map; keys are fiscal years written as strings in JSON.
pub use crate::years::YearValues;

/// An indicator of a goal's logic model.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: Str,
    pub goal: Str,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    #[serde(default)]
    pub stage: Stage,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: f64,
    /// The value in `index.base_year`; > 0.
    pub baseline: f64,
    /// Reported actuals by fiscal year.
    #[serde(default, skip_serializing_if = "YearValues::is_empty")]
    pub values: YearValues,
    /// Targets by fiscal year.
    #[serde(default, skip_serializing_if = "YearValues::is_empty")]
    pub targets: YearValues,
    /// `true`: not an official figure.
    #[serde(default, skip_serializing_if = "is_false")]
    pub illustrative: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

/// A key project (重点事業) with its KPIs.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub id: Str,
    /// Its number in the source document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no: Option<u32>,
    pub name: Text,
    /// Marks from the source (extension): 【新規】 `new`, 【内容変更】 `revised`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<ProjectTag>,
    /// The target states it serves.
    #[serde(default)]
    pub goals: Vec<Str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    #[serde(default)]
    pub kpis: Vec<Kpi>,
}

/// 【新規】 or 【内容変更】.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ProjectTag {
    /// 【新規】
    New,
    /// 【内容変更】
    Revised,
}

impl ProjectTag {
    pub const NAMES: &'static [&'static str] = &["new", "revised"];
}

/// A project KPI with its yearly actuals and targets.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default, skip_serializing_if = "YearValues::is_empty")]
    pub values: YearValues,
    #[serde(default, skip_serializing_if = "YearValues::is_empty")]
    pub targets: YearValues,
    /// A remark as printed in the source (extension), e.g. 見込み.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A checked input and the warnings it raised.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub value: T,
    pub warnings: Vec<Problem>,
}

/// Reads and checks a dataset. Every problem is reported; on success the
/// warnings come with it.
pub fn load_dataset(bytes: &[u8]) -> Result<Loaded<Dataset>, Vec<Problem>> {
    // One copy of the text, which the dataset's strings share.
    let doc = Doc::new(read::decode(bytes).map_err(|p| vec![p])?);
    let bump = bumpalo::Bump::new();
    let value = read::parse(doc.text(), &bump).map_err(|p| vec![p])?;
    checked(&value, &doc)
}

/// Checks a `serde_json::Value` as a dataset.
pub fn dataset_from_value(value: &serde_json::Value) -> Result<Loaded<Dataset>, Vec<Problem>> {
    let bytes =
        serde_json::to_vec(value).map_err(|e| vec![Problem::error("$", Msg::Internal { what: e.to_string() })])?;
    load_dataset(&bytes)
}

/// Checks a tree read from `doc` (its strings are shared; others are copied).
fn checked(value: &J, doc: &Doc) -> Result<Loaded<Dataset>, Vec<Problem>> {
    let mut probs = Problems::default();
    let ds = read_dataset(value, doc, &mut probs);
    match ds {
        Some(ds) if !probs.has_errors() => Ok(Loaded { value: ds, warnings: probs.finish() }),
        _ => Err(probs.finish().into_iter().collect()),
    }
}

/// The object entries of a top-level list, with their positions.
fn raw_entries<'v>(root_map: &'v Obj<'v>, list: &str) -> impl Iterator<Item = (usize, &'v Obj<'v>)> {
    let arr = root_map.get(list).and_then(J::as_array).unwrap_or(&[]);
    arr.iter().enumerate().filter_map(|(i, v)| v.as_object().map(|m| (i, m)))
}

/// Reports every id at `list[i].key` (a string, or an array of strings) that names
/// no entry of `ids`; nothing when the named list itself could not be read.
/// For a single id, returns what `list[i]` refers to: `out[i]`, the position
/// of the entry named (empty for a list of ids, or when `ids` is `None`).
fn check_refs(
    root_map: &Obj<'_>,
    list: &'static str,
    key: &str,
    kind: RefKind,
    ids: Option<&IdSet>,
    probs: &mut Problems,
) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let Some(ids) = ids else { return out };
    // `projects[].goals` is a list; `goals[].policy` and `indicators[].goal` are one id.
    let many = key == "goals";
    let root = Path::Root;
    let l = root.key(list);
    for (i, m) in raw_entries(root_map, list) {
        let e = l.index(i);
        let at = e.key(key);
        match m.get(key) {
            Some(J::Str(id)) if !many => {
                let pos = ids.get(id);
                if pos.is_none() {
                    probs.error(&at, Msg::UnknownRef { kind, id: read::clip(id) });
                }
                out.resize(i, None);
                out.push(pos);
            }
            Some(J::Arr(items)) if many => {
                for (j, v) in items.iter().enumerate() {
                    if let Some(id) = v.as_str().filter(|id| !ids.has(id)) {
                        probs.error(&at.index(j), Msg::UnknownRef { kind, id: read::clip(id) });
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The ids of one top-level list (as written, whether or not their entry is valid).
struct IdSet<'a> {
    seen: HashMap<&'a str, usize>,
}

impl<'a> IdSet<'a> {
    /// Collects the string ids of `list` and reports repeats; `None` when the list
    /// itself is missing or not an array.
    fn collect(root_map: &'a Obj<'a>, list: &'static str, probs: &mut Problems) -> Option<IdSet<'a>> {
        root_map.get(list).and_then(J::as_array)?;
        let root = Path::Root;
        let l = root.key(list);
        let mut seen: HashMap<&'a str, usize> = HashMap::new();
        for (i, m) in raw_entries(root_map, list) {
            let Some(id) = m.get("id").and_then(J::as_str) else { continue };
            if let Some(&first) = seen.get(id) {
                let at = l.index(i);
                probs.error(&at.key("id"), Msg::IdDuplicate { id: read::clip(id), first: l.index(first).render() });
            } else {
                seen.insert(id, i);
            }
        }
        Some(IdSet { seen })
    }
    fn has(&self, id: &str) -> bool {
        self.seen.contains_key(id)
    }
    /// The position of the (first) entry with this id.
    fn get(&self, id: &str) -> Option<usize> {
        self.seen.get(id).copied()
    }
}

const ROOT_KEYS: &[&str] =
    &["format", "title", "source", "years", "index", "policies", "goals", "indicators", "projects"];
const INDEX_KEYS: &[&str] = &["name", "unit", "base_year", "base_value", "milestones", "method"];
const METHOD_KEYS: &[&str] = &["aggregate", "via", "cap"];
const POLICY_KEYS: [&str; 3] = ["id", "name", "weight"];
const GOAL_KEYS: [&str; 4] = ["id", "policy", "name", "weight"];
const INDICATOR_KEYS: [&str; 12] = [
    "id",
    "goal",
    "name",
    "unit",
    "stage",
    "direction",
    "weight",
    "baseline",
    "values",
    "targets",
    "illustrative",
    "source",
];
const PROJECT_KEYS: [&str; 7] = ["id", "no", "name", "tags", "goals", "summary", "kpis"];
const KPI_KEYS: [&str; 6] = ["name", "unit", "direction", "values", "targets", "note"];

fn read_dataset(value: &J, doc: &Doc, probs: &mut Problems) -> Option<Dataset> {
    let root_map = read::root(value, DATASET_FORMAT, probs)?;
    let root = Path::Root;
    read::unknown_fields(root_map, ROOT_KEYS, &root, probs);

    let title =
        read::required(root_map, "title", &root, probs).and_then(|v| read::text(v, &root.key("title"), doc, probs));
    let source = read::opt_text(root_map, "source", &root, doc, probs);
    let years = read_years(root_map, probs);
    let span = years.map(|y| (y.first, y.last));
    let index = read::required(root_map, "index", &root, probs).and_then(|v| read_index(v, span, doc, probs));

    // Size limit first: past it, nothing else is read.
    if let Some(J::Arr(a)) = root_map.get("indicators") {
        if a.len() > MAX_INDICATORS {
            probs.error(&root.key("indicators"), Msg::TooManyIndicators { count: a.len(), limit: MAX_INDICATORS });
            return None;
        }
    }

    let policies = read_list(root_map, "policies", true, probs, |m, p, probs| read_policy(m, p, doc, probs));
    let goals = read_list(root_map, "goals", true, probs, |m, p, probs| read_goal(m, p, doc, probs));
    let indicators =
        read_list(root_map, "indicators", true, probs, |m, p, probs| read_indicator(m, p, span, doc, probs));
    let projects = read_list(root_map, "projects", false, probs, |m, p, probs| read_project(m, p, span, doc, probs));

    // Ids and references, read from the document itself, so that an entry that failed
    // its own checks still counts (its id exists; its references are checked too). A
    // list that could not be read at all names nothing for sure: references into it are
    // not reported.
    let policy_ids = IdSet::collect(root_map, "policies", probs);
    let goal_ids = IdSet::collect(root_map, "goals", probs);
    IdSet::collect(root_map, "indicators", probs);
    IdSet::collect(root_map, "projects", probs);
    let goal_policy = check_refs(root_map, "goals", "policy", RefKind::Policy, policy_ids.as_ref(), probs);
    let indicator_goal = check_refs(root_map, "indicators", "goal", RefKind::Goal, goal_ids.as_ref(), probs);
    check_refs(root_map, "projects", "goals", RefKind::Goal, goal_ids.as_ref(), probs);

    // Warnings: legal but odd.
    let all_indicators_read = indicators.iter().all(Option::is_some);
    let all_goals_read = goals.iter().all(Option::is_some);
    // By position, from the references resolved above.
    let mut goal_has_outcome = vec![false; goals.len()];
    for (x, g) in indicators.iter().zip(&indicator_goal) {
        if let (Some(x), Some(g)) = (x, g) {
            if let Some(has) = goal_has_outcome.get_mut(*g).filter(|_| x.stage == Stage::OutcomeLong) {
                *has = true;
            }
        }
    }
    let mut policy_has_goal = vec![false; policies.len()];
    for (g, p) in goals.iter().zip(&goal_policy) {
        if let (Some(_), Some(has)) = (g, p.and_then(|p| policy_has_goal.get_mut(p))) {
            *has = true;
        }
    }
    // A repeated id counts as its first entry (references resolve to that one).
    let first = |ids: &Option<IdSet>, id: &str, i: usize| ids.as_ref().and_then(|s| s.get(id)).unwrap_or(i);
    for (i, g) in goals.iter().enumerate() {
        if let Some(g) = g {
            // Only when every indicator could be read: a broken one may be this goal's.
            if all_indicators_read && !goal_has_outcome.get(first(&goal_ids, &g.id, i)).copied().unwrap_or(false) {
                let l = root.key("goals");
                probs.warn(&l.index(i), Msg::GoalWithoutOutcome);
            }
        }
    }
    for (i, p) in policies.iter().enumerate() {
        if let Some(p) = p {
            // Only when every goal could be read: a broken one may be this policy's.
            if all_goals_read && !policy_has_goal.get(first(&policy_ids, &p.id, i)).copied().unwrap_or(false) {
                let l = root.key("policies");
                probs.warn(&l.index(i), Msg::PolicyWithoutGoal);
            }
        }
    }
    for (i, x) in projects.iter().enumerate() {
        if let Some(x) = x {
            if x.kpis.is_empty() {
                let l = root.key("projects");
                probs.warn(&l.index(i), Msg::ProjectWithoutKpi);
            }
        }
    }
    if let Some(index) = &index {
        for (i, x) in indicators.iter().enumerate() {
            if let Some(x) = x {
                let l = root.key("indicators");
                let at = l.index(i);
                for (key, map) in [("values", &x.values), ("targets", &x.targets)] {
                    // Keys are sorted: only the first few can be at or before the base year.
                    for y in map.years().take_while(|y| *y <= index.base_year) {
                        let p = at.key(key);
                        let ys = y.to_string();
                        let msg = if y == index.base_year {
                            Msg::BaseYearEntryIgnored { year: y }
                        } else {
                            Msg::BeforeBaseYear { year: y, base: index.base_year }
                        };
                        probs.warn(&p.key(&ys), msg);
                    }
                }
            }
        }
    }

    if probs.has_errors() {
        return None;
    }
    Some(Dataset {
        format: DATASET_FORMAT.to_string(),
        title: title?,
        source,
        years: years?,
        index: index?,
        policies: policies.into_iter().collect::<Option<Vec<_>>>()?,
        goals: goals.into_iter().collect::<Option<Vec<_>>>()?,
        indicators: indicators.into_iter().collect::<Option<Vec<_>>>()?,
        projects: projects.into_iter().collect::<Option<Vec<_>>>()?,
    })
}

/// Reads an array of objects with `item`; a missing optional list is empty.
fn read_list<T>(
    root_map: &Obj<'_>,
    key: &'static str,
    required: bool,
    probs: &mut Problems,
    mut item: impl FnMut(&Obj<'_>, &Path, &mut Problems) -> Option<T>,
) -> Vec<Option<T>> {
    let root = Path::Root;
    let p = root.key(key);
    let v = if required { read::required(root_map, key, &root, probs) } else { root_map.get(key) };
    let Some(arr) = v.and_then(|v| read::array(v, &p, probs)) else {
        return if required { vec![None] } else { Vec::new() };
    };
    arr.iter()
        .enumerate()
        .map(|(i, v)| {
            let at = p.index(i);
            let m = read::object(v, &at, probs)?;
            item(m, &at, probs)
        })
        .collect()
}

fn read_years(root_map: &Obj<'_>, probs: &mut Problems) -> Option<Years> {
    let root = Path::Root;
    let p = root.key("years");
    let m = read::required(root_map, "years", &root, probs).and_then(|v| read::object(v, &p, probs))?;
    read::unknown_fields(m, &["first", "last"], &p, probs);
    let first = read::required(m, "first", &p, probs).and_then(|v| read::whole(v, &p.key("first"), probs));
    let last = read::required(m, "last", &p, probs).and_then(|v| read::whole(v, &p.key("last"), probs));
    let (first, last) = (first?, last?);
    if first > last {
        probs.error(&p, Msg::YearsOrder { first, last });
        return None;
    }
    if last - first > MAX_YEAR_SPAN {
        probs.error(&p, Msg::YearsSpan { span: last - first });
        return None;
    }
    let first = read::year_in(first, None, &p.key("first"), probs)?;
    let last = read::year_in(last, None, &p.key("last"), probs)?;
    Some(Years { first, last })
}

fn read_index(v: &J, span: Option<(i32, i32)>, doc: &Doc, probs: &mut Problems) -> Option<IndexDef> {
    let root = Path::Root;
    let p = root.key("index");
    let m = read::object(v, &p, probs)?;
    read::unknown_fields(m, INDEX_KEYS, &p, probs);
    let name = read::required(m, "name", &p, probs).and_then(|v| read::text(v, &p.key("name"), doc, probs));
    let unit = read::opt_text(m, "unit", &p, doc, probs);
    let base_year = read::required(m, "base_year", &p, probs)
        .and_then(|v| read::whole(v, &p.key("base_year"), probs))
        .and_then(|y| read::year_in(y, span, &p.key("base_year"), probs));
    let base_value =
        read::required(m, "base_value", &p, probs).and_then(|v| read::number(v, &p.key("base_value"), probs));
    if let Some(b) = base_value {
        if b != 100.0 {
            probs.warn(&p.key("base_value"), Msg::BaseValueNot100 { value: b });
        }
    }
    let mut previous: Option<i64> = None;
    let milestones = match m.get("milestones") {
        None => Some(Vec::new()),
        Some(v) => read::objects(v, &p.key("milestones"), probs, |_, mm, at, probs| {
            read::unknown_fields(mm, &["year", "value", "label"], at, probs);
            let year = read::required(mm, "year", at, probs).and_then(|v| read::whole(v, &at.key("year"), probs));
            if let Some(y) = year {
                if let Some(prev) = previous.filter(|prev| y <= *prev) {
                    probs.error(&at.key("year"), Msg::MilestoneOrder { year: y, previous: prev });
                }
                previous = Some(y);
            }
            let year = year.and_then(|y| read::year_in(y, span, &at.key("year"), probs));
            let value = read::required(mm, "value", at, probs).and_then(|v| read::number(v, &at.key("value"), probs));
            let label = read::opt_text(mm, "label", at, doc, probs);
            Some(Milestone { year: year?, value: value?, label })
        }),
    };
    let method = match m.get("method") {
        None => Some(Method::default()),
        Some(v) => read_method(v, &p.key("method"), probs),
    };
    Some(IndexDef {
        name: name?,
        unit,
        base_year: base_year?,
        base_value: base_value?,
        milestones: milestones?,
        method: method?,
    })
}

/// `via` as a JSON array of strings.
pub(crate) fn read_via(v: &J, path: &Path, probs: &mut Problems) -> Option<Via> {
    const ALLOWED: &[&str] = &["[\"goal\"]", "[\"goal\", \"policy\"]"];
    let arr = read::array(v, path, probs)?;
    let names: Vec<Option<&str>> = arr.iter().map(J::as_str).collect();
    match names.as_slice() {
        [Some("goal")] => Some(Via::Goal),
        [Some("goal"), Some("policy")] => Some(Via::GoalPolicy),
        _ => {
            probs.error(path, Msg::BadEnum { found: read::clip(&v.to_string()), allowed: ALLOWED });
            None
        }
    }
}

/// `cap`: `null` or a number > 0.
pub(crate) fn read_cap(v: &J, path: &Path, probs: &mut Problems) -> Option<Option<f64>> {
    if v.is_null() {
        return Some(None);
    }
    let c = read::number(v, path, probs)?;
    if c <= 0.0 {
        probs.error(path, Msg::CapNotPositive { value: c });
        return None;
    }
    if c < 100.0 {
        probs.warn(path, Msg::CapBelow100 { value: c });
    }
    Some(Some(c))
}

/// A `method` object, each field optional (shared by datasets and scenarios).
pub(crate) fn read_method_fields(v: &J, p: &Path, probs: &mut Problems) -> Option<crate::scenario::MethodOverride> {
    let m = read::object(v, p, probs)?;
    read::unknown_fields(m, METHOD_KEYS, p, probs);
    let aggregate = match m.get("aggregate") {
        None => Some(None),
        Some(v) => {
            read::enumeration(v, Aggregate::NAMES, &p.key("aggregate"), probs).map(|i| Some(Aggregate::from_index(i)))
        }
    };
    let via = match m.get("via") {
        None => Some(None),
        Some(v) => read_via(v, &p.key("via"), probs).map(Some),
    };
    let cap = match m.get("cap") {
        None => Some(None),
        Some(v) => read_cap(v, &p.key("cap"), probs).map(Some),
    };
    Some(crate::scenario::MethodOverride { aggregate: aggregate?, via: via?, cap: cap? })
}

/// The dataset's method: absent fields take their defaults.
fn read_method(v: &J, p: &Path, probs: &mut Problems) -> Option<Method> {
    let o = read_method_fields(v, p, probs)?;
    Some(Method { aggregate: o.aggregate.unwrap_or_default(), via: o.via.unwrap_or_default(), cap: o.cap.flatten() })
}

fn opt_weight<'v>(m: &impl Lookup<'v>, p: &Path, probs: &mut Problems) -> Option<f64> {
    match m.get("weight") {
        None => Some(1.0),
        Some(v) => read::weight(v, &p.key("weight"), probs),
    }
}

fn read_policy(m: &Obj<'_>, p: &Path, doc: &Doc, probs: &mut Problems) -> Option<Policy> {
    let m = &read::fields(m, &POLICY_KEYS, p, probs);
    let id = read::id_field(m, p, doc, probs);
    let name = read::required(m, "name", p, probs).and_then(|v| read::text(v, &p.key("name"), doc, probs));
    let weight = opt_weight(m, p, probs);
    Some(Policy { id: id?, name: name?, weight: weight? })
}

fn read_goal(m: &Obj<'_>, p: &Path, doc: &Doc, probs: &mut Problems) -> Option<Goal> {
    let m = &read::fields(m, &GOAL_KEYS, p, probs);
    let id = read::id_field(m, p, doc, probs);
    let policy = read::required(m, "policy", p, probs)
        .and_then(|v| read::string(v, &p.key("policy"), probs))
        .map(|s| doc.str(s));
    let name = read::required(m, "name", p, probs).and_then(|v| read::text(v, &p.key("name"), doc, probs));
    let weight = opt_weight(m, p, probs);
    Some(Goal { id: id?, policy: policy?, name: name?, weight: weight? })
}

fn opt_enum<'v, T>(
    m: &impl Lookup<'v>,
    key: &str,
    names: &'static [&'static str],
    conv: fn(usize) -> T,
    default: T,
    p: &Path,
    probs: &mut Problems,
) -> Option<T> {
    match m.get(key) {
        None => Some(default),
        Some(v) => read::enumeration(v, names, &p.key(key), probs).map(conv),
    }
}

fn opt_year_map<'v>(
    m: &impl Lookup<'v>,
    key: &str,
    span: Option<(i32, i32)>,
    p: &Path,
    probs: &mut Problems,
) -> YearValues {
    match m.get(key) {
        None => YearValues::new(),
        Some(v) => read::year_map(v, span, &p.key(key), probs),
    }
}

fn read_indicator(
    m: &Obj<'_>,
    p: &Path,
    span: Option<(i32, i32)>,
    doc: &Doc,
    probs: &mut Problems,
) -> Option<Indicator> {
    let m = &read::fields(m, &INDICATOR_KEYS, p, probs);
    let id = read::id_field(m, p, doc, probs);
    let goal =
        read::required(m, "goal", p, probs).and_then(|v| read::string(v, &p.key("goal"), probs)).map(|s| doc.str(s));
    let name = read::required(m, "name", p, probs).and_then(|v| read::text(v, &p.key("name"), doc, probs));
    let unit = read::opt_text(m, "unit", p, doc, probs);
    let stage = opt_enum(m, "stage", Stage::NAMES, Stage::from_index, Stage::OutcomeLong, p, probs);
    let direction = opt_enum(m, "direction", Direction::NAMES, Direction::from_index, Direction::Up, p, probs);
    let weight = opt_weight(m, p, probs);
    let baseline = read::required(m, "baseline", p, probs).and_then(|v| {
        let bp = p.key("baseline");
        let b = read::number(v, &bp, probs)?;
        if b <= 0.0 {
            probs.error(&bp, Msg::BaselineNotPositive { value: b });
            return None;
        }
        Some(b)
    });
    let values = opt_year_map(m, "values", span, p, probs);
    let targets = opt_year_map(m, "targets", span, p, probs);
    let illustrative = match m.get("illustrative") {
        None => Some(false),
        Some(v) => read::boolean(v, &p.key("illustrative"), probs),
    };
    let source = read::opt_text(m, "source", p, doc, probs);
    Some(Indicator {
        id: id?,
        goal: goal?,
        name: name?,
        unit,
        stage: stage?,
        direction: direction?,
        weight: weight?,
        baseline: baseline?,
        values,
        targets,
        illustrative: illustrative?,
        source,
    })
}

fn read_project(m: &Obj<'_>, p: &Path, span: Option<(i32, i32)>, doc: &Doc, probs: &mut Problems) -> Option<Project> {
    let m = &read::fields(m, &PROJECT_KEYS, p, probs);
    let id = read::id_field(m, p, doc, probs);
    let no = match m.get("no") {
        None => Some(None),
        Some(v) => {
            let np = p.key("no");
            read::whole(v, &np, probs).and_then(|n| match u32::try_from(n) {
                Ok(n) => Some(Some(n)),
                Err(_) => {
                    let msg = if n < 0 {
                        Msg::Negative { value: n as f64 }
                    } else {
                        Msg::WrongType { expected: Expect::Count }
                    };
                    probs.error(&np, msg);
                    None
                }
            })
        }
    };
    let name = read::required(m, "name", p, probs).and_then(|v| read::text(v, &p.key("name"), doc, probs));
    let mut ok = true;
    let mut tags = Vec::new();
    if let Some(v) = m.get("tags") {
        let tp = p.key("tags");
        if let Some(arr) = read::array(v, &tp, probs) {
            for (i, v) in arr.iter().enumerate() {
                match read::enumeration(v, ProjectTag::NAMES, &tp.index(i), probs) {
                    Some(0) => tags.push(ProjectTag::New),
                    Some(_) => tags.push(ProjectTag::Revised),
                    None => ok = false,
                }
            }
        } else {
            ok = false;
        }
    }
    let mut goals = Vec::new();
    if let Some(v) = m.get("goals") {
        let gp = p.key("goals");
        if let Some(arr) = read::array(v, &gp, probs) {
            for (i, v) in arr.iter().enumerate() {
                match read::string(v, &gp.index(i), probs) {
                    Some(s) => goals.push(doc.str(s)),
                    None => ok = false,
                }
            }
        } else {
            ok = false;
        }
    }
    let summary = read::opt_text(m, "summary", p, doc, probs);
    let kpis = match m.get("kpis") {
        None => Some(Vec::new()),
        Some(v) => read::objects(v, &p.key("kpis"), probs, |_, km, at, probs| read_kpi(km, at, span, doc, probs)),
    };
    if !ok {
        return None;
    }
    Some(Project { id: id?, no: no?, name: name?, tags, goals, summary, kpis: kpis? })
}

fn read_kpi(m: &Obj<'_>, p: &Path, span: Option<(i32, i32)>, doc: &Doc, probs: &mut Problems) -> Option<Kpi> {
    let m = &read::fields(m, &KPI_KEYS, p, probs);
    let name = read::required(m, "name", p, probs).and_then(|v| read::text(v, &p.key("name"), doc, probs));
    let unit = read::opt_text(m, "unit", p, doc, probs);
    let direction = opt_enum(m, "direction", Direction::NAMES, Direction::from_index, Direction::Up, p, probs);
    let values = opt_year_map(m, "values", span, p, probs);
    let targets = opt_year_map(m, "targets", span, p, probs);
    let note = read::opt_text(m, "note", p, doc, probs);
    Some(Kpi { name: name?, unit, direction: direction?, values, targets, note })
}
