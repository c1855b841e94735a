//! The subcommands: each reads its inputs, calls the library and writes its
//! output, returning the exit code (or an I/O error of the output).

use crate::args::{Format, Input, SchemaKind, SeekSubject};
use crate::input::{accept, read_input, report};
use std::io::Write;
use std::process::ExitCode;
use vision_index::analysis::seek::seek;
use vision_index::analysis::uncertainty::{uncertainty, Options};
use vision_index::{load_dataset, load_scenario, score, Dataset, Lang, Level, Scenario, ScorePath, Stage};

/// A checked dataset and scenario, or the exit code of their problems.
pub struct Loaded {
    pub ds: Dataset,
    pub sc: Scenario,
}

/// Reads DATASET and `--scenario`, printing their warnings or problems.
pub fn load(input: &Input) -> Result<Loaded, ExitCode> {
    let bytes = read_input(&input.dataset).map_err(|p| {
        report(&[p]);
        ExitCode::from(1)
    })?;
    let ds = accept(load_dataset(&bytes))?;
    let sc = match input.scenario.as_deref() {
        None => Scenario::default(),
        Some(f) => accept(read_input(f).map_err(|p| vec![p]).and_then(|b| load_scenario(&b, &ds)))?,
    };
    Ok(Loaded { ds, sc })
}

/// `check`: a one-line summary.
pub fn check(input: &Input, l: &Loaded, lang: Lang, out: &mut impl Write) -> std::io::Result<()> {
    let (ds, sc) = (&l.ds, &l.sc);
    let outcome = ds.indicators.iter().filter(|i| i.stage == Stage::OutcomeLong).count();
    let illustrative = ds.indicators.iter().filter(|i| i.illustrative).count();
    let scenario = if input.scenario.is_some() {
        let (t, v) = (sc.targets.len(), sc.values.len());
        format!("; シナリオ: 目標 {t} 件, 想定値 {v} 件 (scenario: {t} targets, {v} values)")
    } else {
        String::new()
    };
    let (p, g, n, proj) = (ds.policies.len(), ds.goals.len(), ds.indicators.len(), ds.projects.len());
    let (first, last) = (ds.years.first, ds.years.last);
    writeln!(
        out,
        "OK: {title} — 基本の方針 {p}, 目指す姿 {g}, 指標 {n} (中長期アウトカム {outcome}, 例示 {illustrative}), 重点事業 {proj}, {first}–{last} 年度 ({p} policies, {g} goals, {n} indicators, {outcome} outcome_long, {illustrative} illustrative, {proj} projects){scenario}",
        title = ds.title.get(lang),
    )
}

/// `score`: the result on `path`, as JSON or CSV.
pub fn score_cmd(l: &Loaded, path: ScorePath, format: Format, lang: Lang, out: &mut impl Write) -> std::io::Result<()> {
    let r = score(&l.ds, &l.sc, path);
    match format {
        Format::Csv => out.write_all(r.to_csv(&l.ds, lang).as_bytes()),
        Format::Json => writeln!(out, "{}", r.to_json()),
    }
}

/// `status`: the progress status of every node (SPEC §8.1).
pub fn status_cmd(l: &Loaded, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{}", vision_index::analysis::status::status(&l.ds, &l.sc).to_json())
}

/// `contrib`: the contributions in `year` on `path` (SPEC §8.3); `None` when
/// `year` is not one of the dataset's years (a usage error).
pub fn contrib_cmd(l: &Loaded, year: i32, path: ScorePath, out: &mut impl Write) -> Option<std::io::Result<()>> {
    let c = vision_index::analysis::contrib::contrib(&l.ds, &l.sc, year, path)?;
    Some(writeln!(out, "{}", c.to_json()))
}

/// `schema`: the JSON Schema of a format.
pub fn schema(kind: SchemaKind, out: &mut impl Write) -> std::io::Result<()> {
    let text = match kind {
        SchemaKind::Dataset => vision_index::schema::dataset_schema(),
        SchemaKind::Scenario => vision_index::schema::scenario_schema(),
    };
    out.write_all(text.as_bytes())
}

/// `seek`: the answer of SPEC §8.2, or the usage error naming the id or year.
pub fn seek_cmd(
    l: &Loaded,
    year: i32,
    subject: &SeekSubject,
    path: &str,
    out: &mut impl Write,
) -> Result<std::io::Result<()>, String> {
    let (level, id) = match (&subject.indicator, &subject.goal, &subject.policy) {
        (Some(i), _, _) => (Level::Indicator, i),
        (_, Some(g), _) => (Level::Goal, g),
        (_, _, Some(p)) => (Level::Policy, p),
        _ => return Err("one of --indicator, --goal, --policy is needed".to_string()),
    };
    let path = ScorePath::parse(path).unwrap_or(ScorePath::Plan);
    let r = seek(&l.ds, &l.sc, path, year, level, id).map_err(|e| e.to_string())?;
    Ok(writeln!(out, "{}", r.to_json()))
}

/// `uncertainty`: the answer of SPEC §8.4, or the usage error naming the option.
pub fn uncertainty_cmd(l: &Loaded, opts: &Options, out: &mut impl Write) -> Result<std::io::Result<()>, String> {
    let r = uncertainty(&l.ds, &l.sc, opts).map_err(|e| e.to_string())?;
    Ok(writeln!(out, "{}", r.to_json()))
}

/// `export-csv`: the indicator sheet of DATASET (SPEC §9).
pub fn export_csv(dataset: &str, out: &mut impl Write) -> Result<std::io::Result<()>, ExitCode> {
    let bytes = read_input(dataset).map_err(|p| {
        report(&[p]);
        ExitCode::from(1)
    })?;
    let ds = accept(load_dataset(&bytes))?;
    Ok(out.write_all(vision_index::sheet::export_csv(&ds).as_bytes()))
}

/// `import-csv`: DATASET with the indicators of SHEET (SPEC §9), or nothing
/// written and every problem reported (exit 1).
pub fn import_csv(dataset: &str, sheet: &str, out: &mut impl Write) -> Result<std::io::Result<()>, ExitCode> {
    let fail = |p: Vec<vision_index::Problem>| {
        report(&p);
        ExitCode::from(1)
    };
    let ds = read_input(dataset).map_err(|p| fail(vec![p]))?;
    let sh = read_input(sheet).map_err(|p| fail(vec![p]))?;
    let imported = vision_index::sheet::import_csv(&ds, &sh).map_err(fail)?;
    report(&imported.warnings);
    let nl = if imported.text.ends_with('\n') { "" } else { "\n" };
    Ok(write!(out, "{}{nl}", imported.text))
}
