//! The dataset reader (SPEC §2): walks the JSON tree, checks every field with
//! [`crate::check`] and reports every problem; ids and references are resolved
//! from the tree itself, so that an entry that failed its own checks still counts.

use super::fields::{self, Lookup};
use super::json::{Obj, J};
use super::Loaded;
use crate::check;
use crate::messages::{Expect, Msg, RefKind};
use crate::model::{
    Dataset, Direction, Doc, Goal, IndexDef, Indicator, Kpi, Method, Milestone, Policy, Project, ProjectTag, Stage,
    YearValues, Years, DATASET_FORMAT, MAX_INDICATORS, MAX_YEAR_SPAN,
};
use crate::problem::{Path, Problem, Problems};
use std::collections::HashMap;

/// Reads and checks a dataset. Every problem is reported; on success the
/// warnings come with it.
pub fn load_dataset(bytes: &[u8]) -> Result<Loaded<Dataset>, Vec<Problem>> {
    load_decoded(super::decode(bytes).map_err(|p| vec![p])?)
}

/// Reads and checks a dataset given as text (UTF-8 by its type: not checked again).
pub fn load_dataset_text(text: &str) -> Result<Loaded<Dataset>, Vec<Problem>> {
    load_decoded(super::decode_text(text).map_err(|p| vec![p])?)
}

fn load_decoded(text: &str) -> Result<Loaded<Dataset>, Vec<Problem>> {
    // One copy of the text, which the dataset's strings share.
    let doc = Doc::new(text);
    let bump = bumpalo::Bump::new();
    let value = super::parse(doc.text(), &bump).map_err(|p| vec![p])?;
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
                    probs.error(&at, Msg::UnknownRef { kind, id: crate::messages::clip(id) });
                }
                out.resize(i, None);
                out.push(pos);
            }
            Some(J::Arr(items)) if many => {
                for (j, v) in items.iter().enumerate() {
                    if let Some(id) = v.as_str().filter(|id| !ids.has(id)) {
                        probs.error(&at.index(j), Msg::UnknownRef { kind, id: crate::messages::clip(id) });
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
                probs.error(
                    &at.key("id"),
                    Msg::IdDuplicate { id: crate::messages::clip(id), first: l.index(first).render() },
                );
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
    &["format", "title", "source", "notice", "about", "years", "index", "policies", "goals", "indicators", "projects"];
const INDEX_KEYS: &[&str] = &["name", "unit", "base_year", "base_value", "milestones", "method"];
const METHOD_KEYS: &[&str] = &["aggregate", "via", "cap", "assumed"];
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
const PROJECT_KEYS: [&str; 8] = ["id", "no", "name", "tags", "goals", "summary", "kpis", "no_kpi"];
const KPI_KEYS: [&str; 7] = ["name", "unit", "direction", "values", "targets", "note", "chart_only"];

fn read_dataset(value: &J, doc: &Doc, probs: &mut Problems) -> Option<Dataset> {
    let root_map = fields::root(value, DATASET_FORMAT, probs)?;
    let root = Path::Root;
    fields::unknown_fields(root_map, ROOT_KEYS, &root, probs);

    let title =
        fields::required(root_map, "title", &root, probs).and_then(|v| fields::text(v, &root.key("title"), doc, probs));
    let source = fields::opt_text(root_map, "source", &root, doc, probs);
    let notice = fields::opt_text(root_map, "notice", &root, doc, probs);
    let about = fields::opt_text(root_map, "about", &root, doc, probs);
    let years = read_years(root_map, probs);
    let span = years.map(|y| (y.first, y.last));
    let index = fields::required(root_map, "index", &root, probs).and_then(|v| read_index(v, span, doc, probs));

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
    // A repeated id counts as its first entry (references resolve to that one).
    let first = |ids: &Option<IdSet>, id: Option<&str>, i: usize| id.and_then(|id| ids.as_ref()?.get(id)).unwrap_or(i);
    let resolved = check::dataset::Resolved {
        indicator_goal: &indicator_goal,
        goal_policy: &goal_policy,
        first_goal: &|g| first(&goal_ids, goals[g].as_ref().map(|x| x.id.as_str()), g),
        first_policy: &|p| first(&policy_ids, policies[p].as_ref().map(|x| x.id.as_str()), p),
    };
    check::dataset::coverage(&policies, &goals, &indicators, &projects, &resolved, probs);
    if let Some(index) = &index {
        let l = root.key("indicators");
        for (i, x) in indicators.iter().enumerate() {
            if let Some(x) = x {
                check::dataset::indicator_years(x, index.base_year, &l.index(i), probs);
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
        notice,
        about,
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
    let v = if required { fields::required(root_map, key, &root, probs) } else { root_map.get(key) };
    let Some(arr) = v.and_then(|v| fields::array(v, &p, probs)) else {
        return if required { vec![None] } else { Vec::new() };
    };
    arr.iter()
        .enumerate()
        .map(|(i, v)| {
            let at = p.index(i);
            let m = fields::object(v, &at, probs)?;
            item(m, &at, probs)
        })
        .collect()
}

fn read_years(root_map: &Obj<'_>, probs: &mut Problems) -> Option<Years> {
    let root = Path::Root;
    let p = root.key("years");
    let m = fields::required(root_map, "years", &root, probs).and_then(|v| fields::object(v, &p, probs))?;
    fields::unknown_fields(m, &["first", "last"], &p, probs);
    let first = fields::required(m, "first", &p, probs).and_then(|v| fields::whole(v, &p.key("first"), probs));
    let last = fields::required(m, "last", &p, probs).and_then(|v| fields::whole(v, &p.key("last"), probs));
    let (first, last) = (first?, last?);
    if first > last {
        probs.error(&p, Msg::YearsOrder { first, last });
        return None;
    }
    if last - first > MAX_YEAR_SPAN {
        probs.error(&p, Msg::YearsSpan { span: last - first });
        return None;
    }
    let first = check::year_in(first, None, &p.key("first"), probs)?;
    let last = check::year_in(last, None, &p.key("last"), probs)?;
    Some(Years { first, last })
}

fn read_index(v: &J, span: Option<(i32, i32)>, doc: &Doc, probs: &mut Problems) -> Option<IndexDef> {
    let root = Path::Root;
    let p = root.key("index");
    let m = fields::object(v, &p, probs)?;
    fields::unknown_fields(m, INDEX_KEYS, &p, probs);
    let name = fields::required(m, "name", &p, probs).and_then(|v| fields::text(v, &p.key("name"), doc, probs));
    let unit = fields::opt_text(m, "unit", &p, doc, probs);
    let base_year = fields::required(m, "base_year", &p, probs)
        .and_then(|v| fields::whole(v, &p.key("base_year"), probs))
        .and_then(|y| check::year_in(y, span, &p.key("base_year"), probs));
    let base_value =
        fields::required(m, "base_value", &p, probs).and_then(|v| fields::number(v, &p.key("base_value"), probs));
    if let Some(b) = base_value {
        if b != 100.0 {
            probs.warn(&p.key("base_value"), Msg::BaseValueNot100 { value: b });
        }
    }
    let mut previous: Option<i64> = None;
    let milestones = match m.get("milestones") {
        None => Some(Vec::new()),
        Some(v) => fields::objects(v, &p.key("milestones"), probs, |_, mm, at, probs| {
            fields::unknown_fields(mm, &["year", "value", "label"], at, probs);
            let year = fields::required(mm, "year", at, probs).and_then(|v| fields::whole(v, &at.key("year"), probs));
            if let Some(y) = year {
                if let Some(prev) = previous.filter(|prev| y <= *prev) {
                    probs.error(&at.key("year"), Msg::MilestoneOrder { year: y, previous: prev });
                }
                previous = Some(y);
            }
            let year = year.and_then(|y| check::year_in(y, span, &at.key("year"), probs));
            let value =
                fields::required(mm, "value", at, probs).and_then(|v| fields::number(v, &at.key("value"), probs));
            let label = fields::opt_text(mm, "label", at, doc, probs);
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

/// The dataset's method: absent fields take their defaults.
fn read_method(v: &J, p: &Path, probs: &mut Problems) -> Option<Method> {
    let o = fields::method_fields(v, METHOD_KEYS, p, probs)?;
    let assumed = opt_bool(v.as_object()?, "assumed", p, probs);
    Some(Method {
        aggregate: o.aggregate.unwrap_or_default(),
        via: o.via.unwrap_or_default(),
        cap: o.cap.flatten(),
        assumed: assumed?,
    })
}

/// An optional boolean field; absent: `false`.
fn opt_bool<'v>(m: &impl Lookup<'v>, key: &str, p: &Path, probs: &mut Problems) -> Option<bool> {
    match m.get(key) {
        None => Some(false),
        Some(v) => fields::boolean(v, &p.key(key), probs),
    }
}

fn opt_weight<'v>(m: &impl Lookup<'v>, p: &Path, probs: &mut Problems) -> Option<f64> {
    match m.get("weight") {
        None => Some(1.0),
        Some(v) => fields::weight(v, &p.key("weight"), probs),
    }
}

fn read_policy(m: &Obj<'_>, p: &Path, doc: &Doc, probs: &mut Problems) -> Option<Policy> {
    let m = &fields::fields(m, &POLICY_KEYS, p, probs);
    let id = fields::id_field(m, p, doc, probs);
    let name = fields::required(m, "name", p, probs).and_then(|v| fields::text(v, &p.key("name"), doc, probs));
    let weight = opt_weight(m, p, probs);
    Some(Policy { id: id?, name: name?, weight: weight? })
}

fn read_goal(m: &Obj<'_>, p: &Path, doc: &Doc, probs: &mut Problems) -> Option<Goal> {
    let m = &fields::fields(m, &GOAL_KEYS, p, probs);
    let id = fields::id_field(m, p, doc, probs);
    let policy = fields::required(m, "policy", p, probs)
        .and_then(|v| fields::string(v, &p.key("policy"), probs))
        .map(|s| doc.str(s));
    let name = fields::required(m, "name", p, probs).and_then(|v| fields::text(v, &p.key("name"), doc, probs));
    let weight = opt_weight(m, p, probs);
    Some(Goal { id: id?, policy: policy?, name: name?, weight: weight? })
}

/// An optional enum field; absent: its default.
fn opt_enum<'v, T: crate::model::Named + Default>(
    m: &impl Lookup<'v>,
    key: &str,
    p: &Path,
    probs: &mut Problems,
) -> Option<T> {
    match m.get(key) {
        None => Some(T::default()),
        Some(v) => fields::enumeration(v, &p.key(key), probs),
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
        Some(v) => fields::year_map(v, span, &p.key(key), probs),
    }
}

fn read_indicator(
    m: &Obj<'_>,
    p: &Path,
    span: Option<(i32, i32)>,
    doc: &Doc,
    probs: &mut Problems,
) -> Option<Indicator> {
    let m = &fields::fields(m, &INDICATOR_KEYS, p, probs);
    let id = fields::id_field(m, p, doc, probs);
    let goal = fields::required(m, "goal", p, probs)
        .and_then(|v| fields::string(v, &p.key("goal"), probs))
        .map(|s| doc.str(s));
    let name = fields::required(m, "name", p, probs).and_then(|v| fields::text(v, &p.key("name"), doc, probs));
    let unit = fields::opt_text(m, "unit", p, doc, probs);
    let stage = opt_enum::<Stage>(m, "stage", p, probs);
    let direction = opt_enum::<Direction>(m, "direction", p, probs);
    let weight = opt_weight(m, p, probs);
    let baseline = fields::required(m, "baseline", p, probs).and_then(|v| {
        let bp = p.key("baseline");
        check::baseline(fields::number(v, &bp, probs)?, &bp, probs)
    });
    let values = opt_year_map(m, "values", span, p, probs);
    let targets = opt_year_map(m, "targets", span, p, probs);
    let illustrative = opt_bool(m, "illustrative", p, probs);
    let source = fields::opt_text(m, "source", p, doc, probs);
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
    let m = &fields::fields(m, &PROJECT_KEYS, p, probs);
    let id = fields::id_field(m, p, doc, probs);
    let no = match m.get("no") {
        None => Some(None),
        Some(v) => {
            let np = p.key("no");
            fields::whole(v, &np, probs).and_then(|n| match u32::try_from(n) {
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
    let name = fields::required(m, "name", p, probs).and_then(|v| fields::text(v, &p.key("name"), doc, probs));
    let mut ok = true;
    let mut tags = Vec::new();
    if let Some(v) = m.get("tags") {
        let tp = p.key("tags");
        if let Some(arr) = fields::array(v, &tp, probs) {
            for (i, v) in arr.iter().enumerate() {
                match fields::enumeration::<ProjectTag>(v, &tp.index(i), probs) {
                    Some(t) => tags.push(t),
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
        if let Some(arr) = fields::array(v, &gp, probs) {
            for (i, v) in arr.iter().enumerate() {
                match fields::string(v, &gp.index(i), probs) {
                    Some(s) => goals.push(doc.str(s)),
                    None => ok = false,
                }
            }
        } else {
            ok = false;
        }
    }
    let summary = fields::opt_text(m, "summary", p, doc, probs);
    let kpis = match m.get("kpis") {
        None => Some(Vec::new()),
        Some(v) => fields::objects(v, &p.key("kpis"), probs, |_, km, at, probs| read_kpi(km, at, span, doc, probs)),
    };
    let no_kpi = opt_bool(m, "no_kpi", p, probs);
    if !ok {
        return None;
    }
    Some(Project { id: id?, no: no?, name: name?, tags, goals, summary, kpis: kpis?, no_kpi: no_kpi? })
}

fn read_kpi(m: &Obj<'_>, p: &Path, span: Option<(i32, i32)>, doc: &Doc, probs: &mut Problems) -> Option<Kpi> {
    let m = &fields::fields(m, &KPI_KEYS, p, probs);
    let name = fields::required(m, "name", p, probs).and_then(|v| fields::text(v, &p.key("name"), doc, probs));
    let unit = fields::opt_text(m, "unit", p, doc, probs);
    let direction = opt_enum::<Direction>(m, "direction", p, probs);
    let values = opt_year_map(m, "values", span, p, probs);
    let targets = opt_year_map(m, "targets", span, p, probs);
    let note = fields::opt_text(m, "note", p, doc, probs);
    let chart_only = opt_bool(m, "chart_only", p, probs);
    Some(Kpi { name: name?, unit, direction: direction?, values, targets, note, chart_only: chart_only? })
}
