//! The command line's grammar (SPEC §6), declared with clap's derive: one
//! struct per subcommand, and the options every command that reads a dataset
//! shares ([`Input`]), flattened into `check`, `score` and the analysis
//! commands (SPEC §8); `export-csv` and `import-csv` (SPEC §9) name their files.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use vision_index::{Lang, Named, ScorePath};

/// The one-screen summary printed with `--help` and after a usage error.
pub const USAGE: &str = "usage:
  vision-index check DATASET [--scenario FILE]
  vision-index score DATASET [--scenario FILE] [--path actual|plan|outlook|trend] [--format json|csv] [--lang ja|en]
  vision-index status DATASET [--scenario FILE]
  vision-index contrib DATASET --year YEAR [--scenario FILE] [--path actual|plan|outlook|trend]
  vision-index schema dataset|scenario
  vision-index seek DATASET --milestone YEAR (--indicator ID | --goal ID | --policy ID) [--path plan|outlook] [--scenario FILE]
  vision-index uncertainty DATASET --draws N --seed S [--path P] [--weights R] [--spread E] [--scenario FILE]
  vision-index export-csv DATASET
  vision-index import-csv DATASET SHEET
  (`-` reads standard input)";

/// Scores Setagaya Ward's composite index 持続可能な地域経済の充実度 (SPEC §6).
///
/// Exit 0: fine; 1: the input has problems (one line each, `PATH: message`,
/// on standard error); 2: usage error.
#[derive(Debug, Parser)]
#[command(name = "vision-index", version, after_help = USAGE, subcommand_required = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a dataset (and a scenario): a one-line summary, or every problem.
    Check {
        /// The dataset and scenario to read.
        #[command(flatten)]
        input: Input,
        /// The language of the summary's title.
        #[arg(long, value_enum, default_value_t = LangArg::Ja)]
        lang: LangArg,
    },
    /// Score a dataset (with a scenario) on one path: the result of SPEC §5.
    Score {
        /// The dataset and scenario to read.
        #[command(flatten)]
        input: Input,
        /// The path whose values are scored.
        #[arg(long, value_name = "PATH", default_value = "outlook", value_parser = named::<ScorePath>())]
        path: ScorePath,
        /// JSON (SPEC §5) or CSV (UTF-8 with BOM, for Excel).
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// The language of the names in CSV.
        #[arg(long, value_enum, default_value_t = LangArg::Ja)]
        lang: LangArg,
    },
    /// Progress status of every node for each milestone (SPEC §8.1).
    Status {
        /// The dataset and scenario to read.
        #[command(flatten)]
        input: Input,
    },
    /// Contributions to the index's change since the base year (SPEC §8.3).
    Contrib {
        /// The dataset and scenario to read.
        #[command(flatten)]
        input: Input,
        /// The fiscal year (one of the dataset's years).
        #[arg(long, value_name = "YEAR")]
        year: i32,
        /// The path whose values are scored.
        #[arg(long, value_name = "PATH", default_value = "outlook", value_parser = named::<ScorePath>())]
        path: ScorePath,
    },
    /// Goal seek (SPEC §8.2): the target or score that makes the index equal a milestone.
    Seek {
        /// The dataset and scenario to read.
        #[command(flatten)]
        input: Input,
        /// The milestone year.
        #[arg(long, value_name = "YEAR")]
        milestone: i32,
        /// The node sought.
        #[command(flatten)]
        subject: SeekSubject,
        /// The path: plan or outlook.
        #[arg(long, value_name = "PATH", default_value = "plan", value_parser = ["plan", "outlook"])]
        path: String,
    },
    /// Uncertainty (SPEC §8.4): a seeded Monte Carlo of the index.
    Uncertainty {
        /// The dataset and scenario to read.
        #[command(flatten)]
        input: Input,
        /// N, the number of draws (1 to 1,000,000).
        #[arg(long, value_name = "N")]
        draws: u64,
        /// The generator's seed.
        #[arg(long, value_name = "S")]
        seed: u64,
        /// The path scored in each draw.
        #[arg(long, value_name = "PATH", default_value = "outlook", value_parser = named::<ScorePath>())]
        path: ScorePath,
        /// R: each weight multiplied by U[1 − R, 1 + R] (0 ≤ R < 1).
        #[arg(long, value_name = "R", default_value_t = 0.0)]
        weights: f64,
        /// E: values after the last actual multiplied by 1 + U[−E, E] (0 ≤ E < 1).
        #[arg(long, value_name = "E", default_value_t = 0.1)]
        spread: f64,
    },
    /// Write the indicator sheet of a dataset (SPEC §9): CSV for Excel, UTF-8 with BOM, CRLF.
    #[command(name = "export-csv")]
    ExportCsv {
        /// The dataset (JSON file; `-` reads standard input).
        #[arg(value_name = "DATASET")]
        dataset: String,
    },
    /// Print DATASET with its indicators replaced by the rows of SHEET (SPEC §9),
    /// checked as a dataset; every problem named by its Excel row and column.
    #[command(name = "import-csv")]
    ImportCsv {
        /// The dataset whose indicators are replaced (JSON file; `-` reads standard input).
        #[arg(value_name = "DATASET")]
        dataset: String,
        /// The sheet: CSV or TAB-separated, UTF-8 or Shift_JIS (`-` reads standard input).
        #[arg(value_name = "SHEET")]
        sheet: String,
    },
    /// Print the JSON Schema of a format.
    Schema {
        /// Which format.
        #[arg(value_enum)]
        kind: SchemaKind,
    },
}

/// What every command that reads a dataset reads.
#[derive(Debug, Args)]
pub struct Input {
    /// The dataset (JSON file; `-` reads standard input).
    #[arg(value_name = "DATASET")]
    pub dataset: String,
    /// A what-if scenario (JSON file; `-` reads standard input).
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<String>,
}

/// `seek`'s subject: exactly one of an indicator, a goal or a policy.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct SeekSubject {
    /// An indicator: its target for the year is sought.
    #[arg(long, value_name = "ID")]
    pub indicator: Option<String>,
    /// A goal: its score in the year is sought.
    #[arg(long, value_name = "ID")]
    pub goal: Option<String>,
    /// A policy: its score in the year is sought.
    #[arg(long, value_name = "ID")]
    pub policy: Option<String>,
}

/// The output format of `score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// SPEC §5 JSON.
    Json,
    /// CSV with a BOM and CRLF.
    Csv,
}

/// `--lang`: Japanese or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 日本語
    Ja,
    /// English
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Ja => Lang::Ja,
            LangArg::En => Lang::En,
        }
    }
}

/// `schema`'s argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// `vision-index/1`
    Dataset,
    /// `vision-index-scenario/1`
    Scenario,
}

/// A value read by an engine enum's own table (its names are the possible values).
fn named<T: Named + Send + Sync + Clone>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(T::NAMES).try_map(|s| T::parse(&s).ok_or("not a name of the table"))
}
