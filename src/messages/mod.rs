//! The engine's message catalogue: every problem the engine reports, with its
//! stable code and its text in Japanese and English. It depends on no other
//! module but [`crate::float_text`] (numbers as `{}` writes them, without the
//! standard library's float formatting): the JSON parser's [`SyntaxError`] is defined here, with its words.
//!
//! Codes are part of the contract (tests and other tools match on them); the
//! wording may improve. Messages are short, lowercase in English, "what: why".

use crate::float_text::Decimal;

/// Why a document is not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxError {
    /// The text ends inside a value.
    Eof,
    ExpectedValue,
    ExpectedColon,
    ExpectedCommaOrBrace,
    ExpectedCommaOrBracket,
    KeyMustBeString,
    TrailingComma,
    TrailingCharacters,
    InvalidEscape,
    /// A `\uD800`–`\uDFFF` escape without its other half.
    LoneSurrogate,
    /// A character below U+0020 written as is inside a string.
    ControlCharacter,
    InvalidNumber,
    /// A number too large for a double (e.g. `1e400`).
    NumberOutOfRange,
    /// More than the parser's `MAX_DEPTH` nested containers.
    TooDeep,
}

/// What is wrong at a JSON syntax error, in Japanese.
fn syntax_ja(e: SyntaxError) -> &'static str {
    match e {
        SyntaxError::Eof => "途中で終わっています",
        SyntaxError::ExpectedValue => "値（文字列・数値・true/false/null・{...}・[...]）がありません",
        SyntaxError::ExpectedColon => "キーの後に「:」がありません",
        SyntaxError::ExpectedCommaOrBrace => "「,」か「}」がありません",
        SyntaxError::ExpectedCommaOrBracket => "「,」か「]」がありません",
        SyntaxError::KeyMustBeString => "キーは \"...\" で囲んだ文字列で書きます",
        SyntaxError::TrailingComma => "最後の要素の後に「,」があります",
        SyntaxError::TrailingCharacters => "JSON の終わりの後に文字があります",
        SyntaxError::InvalidEscape => "「\\」の後の文字が使えません",
        SyntaxError::LoneSurrogate => "\\u のサロゲートが対になっていません",
        SyntaxError::ControlCharacter => {
            "文字列の中に改行やタブなどの制御文字がそのまま入っています（\\n や \\t と書きます）"
        }
        SyntaxError::InvalidNumber => "数値の書き方が正しくありません",
        SyntaxError::NumberOutOfRange => "数値が大きすぎます",
        SyntaxError::TooDeep => "入れ子が深すぎます",
    }
}

/// What is wrong at a JSON syntax error, in English.
fn syntax_en(e: SyntaxError) -> &'static str {
    match e {
        SyntaxError::Eof => "the text ends too early",
        SyntaxError::ExpectedValue => "expected value",
        SyntaxError::ExpectedColon => "expected `:`",
        SyntaxError::ExpectedCommaOrBrace => "expected `,` or `}`",
        SyntaxError::ExpectedCommaOrBracket => "expected `,` or `]`",
        SyntaxError::KeyMustBeString => "key must be a string",
        SyntaxError::TrailingComma => "trailing comma",
        SyntaxError::TrailingCharacters => "trailing characters",
        SyntaxError::InvalidEscape => "invalid escape",
        SyntaxError::LoneSurrogate => "lone surrogate in \\u escape",
        SyntaxError::ControlCharacter => "control character (e.g. a line break or tab) in a string: write \\n or \\t",
        SyntaxError::InvalidNumber => "invalid number",
        SyntaxError::NumberOutOfRange => "number out of range",
        SyntaxError::TooDeep => "nested too deeply",
    }
}

/// What kind of JSON value a field expects (for `wrong_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Object,
    Array,
    String,
    Number,
    WholeNumber,
    Boolean,
    Text,
    NumberOrNull,
    Count,
}

impl Expect {
    fn ja(self) -> &'static str {
        match self {
            Expect::Object => "オブジェクト（{...}）",
            Expect::Array => "配列（[...]）",
            Expect::String => "文字列",
            Expect::Number => "数値",
            Expect::WholeNumber => "整数",
            Expect::Boolean => "true または false",
            Expect::Text => "文字列または {\"ja\": ..., \"en\": ...}",
            Expect::NumberOrNull => "数値または null",
            Expect::Count => "0 から 4294967295 までの整数",
        }
    }
    fn en(self) -> &'static str {
        match self {
            Expect::Object => "an object ({...})",
            Expect::Array => "an array ([...])",
            Expect::String => "a string",
            Expect::Number => "a number",
            Expect::WholeNumber => "a whole number",
            Expect::Boolean => "true or false",
            Expect::Text => "a string or {\"ja\": ..., \"en\": ...}",
            Expect::NumberOrNull => "a number or null",
            Expect::Count => "a whole number from 0 to 4294967295",
        }
    }
}

/// Which list an id refers to (for `unknown_ref`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Policy,
    Goal,
    Indicator,
}

impl RefKind {
    fn ja(self) -> &'static str {
        match self {
            RefKind::Policy => "基本の方針",
            RefKind::Goal => "目指す姿",
            RefKind::Indicator => "指標",
        }
    }
    fn en(self) -> &'static str {
        match self {
            RefKind::Policy => "policy",
            RefKind::Goal => "goal",
            RefKind::Indicator => "indicator",
        }
    }
}

/// Why an indicator's score is undefined in some years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undefined {
    /// direction "down" and the value is 0.
    DownZero,
    /// the score overflowed (not a finite number).
    Overflow,
}

/// One message of the catalogue. Its variant fixes the code; its fields fill the text.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    // ---- reading the document
    NotUtf8 {
        line: usize,
        column: usize,
    },
    Syntax {
        line: usize,
        column: usize,
        what: SyntaxError,
    },
    TooDeep {
        line: usize,
        column: usize,
    },
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    NotObject,
    FormatMissing {
        expected: &'static str,
    },
    FormatWrong {
        found: String,
        expected: &'static str,
    },
    /// A file labelled as a scenario that holds a dataset's fields and no change
    /// (a dataset with the wrong `format`): refused, not applied as an empty scenario.
    DatasetAsScenario {
        name: String,
        /// the dataset format to write instead
        dataset: &'static str,
    },
    // ---- fields
    Missing,
    WrongType {
        expected: Expect,
    },
    EmptyText,
    BadEnum {
        found: String,
        allowed: &'static [&'static str],
    },
    NotFinite,
    Negative {
        value: f64,
    },
    BaselineNotPositive {
        value: f64,
    },
    WeightNegative {
        value: f64,
    },
    CapNotPositive {
        value: f64,
    },
    // ---- years
    YearsOrder {
        first: i64,
        last: i64,
    },
    YearsSpan {
        span: i64,
    },
    YearRange {
        year: i64,
        first: i32,
        last: i32,
    },
    YearKey {
        key: String,
    },
    MilestoneOrder {
        year: i64,
        previous: i64,
    },
    // ---- ids and references
    IdEmpty,
    IdTooLong {
        len: usize,
    },
    IdChars {
        ch: char,
    },
    IdDuplicate {
        id: String,
        first: String,
    },
    UnknownRef {
        kind: RefKind,
        id: String,
    },
    DuplicateEntry {
        indicator: String,
        year: i32,
        first: String,
    },
    // ---- limits
    TooManyIndicators {
        count: usize,
        limit: usize,
    },
    TooManyProblems {
        more: usize,
    },
    // ---- warnings
    UnknownField {
        name: String,
    },
    DuplicateKey {
        name: String,
    },
    GoalWithoutOutcome,
    PolicyWithoutGoal,
    ProjectWithoutKpi,
    BaseYearEntryIgnored {
        year: i32,
    },
    BeforeBaseYear {
        year: i32,
        base: i32,
    },
    BaseValueNot100 {
        value: f64,
    },
    CapBelow100 {
        value: f64,
    },
    ScoreUndefined {
        years: Vec<i32>,
        why: Undefined,
    },
    /// A milestone's gap (index − milestone) has no double, e.g. an index near
    /// f64::MAX against a negative milestone; `met` is still known.
    GapUndefined {
        year: i32,
    },
    // ---- the command line and the stateful engine
    Io {
        what: String,
    },
    Internal {
        what: String,
    },
    /// An analysis question that names something that is not there or an option out of range.
    Usage {
        what: String,
    },
    /// The indicator sheet (SPEC §9, `crate::sheet`): see [`SheetMsg`]. Not
    /// in the page's first-load module, which has no sheet (its words stay out).
    #[cfg(any(not(target_arch = "wasm32"), feature = "analysis"))]
    Sheet(SheetMsg),
}

// ---- persist: sizes for people (Msg::TooLarge): megabytes of 1,000,000 bytes, as the
// limit is set; rounded up to a tenth, so a file just over 10 MB never reads "10 MB".
fn mb(bytes: usize) -> String {
    let tenths = bytes.div_ceil(100_000);
    if tenths.is_multiple_of(10) {
        format!("{} MB", tenths / 10)
    } else {
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

#[test]
fn sizes_are_given_in_megabytes() {
    assert_eq!(mb(10_000_000), "10 MB");
    assert_eq!(mb(10_000_001), "10.1 MB");
    assert_eq!(mb(52_428_800), "52.5 MB");
    assert_eq!(
        Msg::TooLarge { bytes: 12_300_000, limit: 10_000_000 }.ja(),
        "ファイルが大きすぎます: 12.3 MB（上限 10 MB）"
    );
    assert_eq!(Msg::TooLarge { bytes: 12_300_000, limit: 10_000_000 }.en(), "file too large: 12.3 MB (limit 10 MB)");
}

fn years_list(years: &[i32]) -> String {
    years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")
}

impl Msg {
    /// The stable code of this message.
    pub fn code(&self) -> &'static str {
        match self {
            Msg::NotUtf8 { .. } => "not_utf8",
            Msg::Syntax { .. } => "json_syntax",
            Msg::TooDeep { .. } => "too_deep",
            Msg::TooLarge { .. } => "too_large",
            Msg::NotObject => "not_object",
            Msg::FormatMissing { .. } | Msg::FormatWrong { .. } => "format",
            Msg::DatasetAsScenario { .. } => "dataset_as_scenario",
            Msg::Missing => "missing",
            Msg::WrongType { .. } => "wrong_type",
            Msg::EmptyText => "empty_text",
            Msg::BadEnum { .. } => "bad_enum",
            Msg::NotFinite => "not_finite",
            Msg::Negative { .. } => "negative",
            Msg::BaselineNotPositive { .. } => "baseline_not_positive",
            Msg::WeightNegative { .. } => "weight_negative",
            Msg::CapNotPositive { .. } => "cap_not_positive",
            Msg::YearsOrder { .. } => "years_order",
            Msg::YearsSpan { .. } => "years_span",
            Msg::YearRange { .. } => "year_range",
            Msg::YearKey { .. } => "year_key",
            Msg::MilestoneOrder { .. } => "milestone_order",
            Msg::IdEmpty => "id_empty",
            Msg::IdTooLong { .. } => "id_too_long",
            Msg::IdChars { .. } => "id_chars",
            Msg::IdDuplicate { .. } => "id_duplicate",
            Msg::UnknownRef { .. } => "unknown_ref",
            Msg::DuplicateEntry { .. } => "duplicate_entry",
            Msg::TooManyIndicators { .. } => "too_many_indicators",
            Msg::TooManyProblems { .. } => "too_many_problems",
            Msg::UnknownField { .. } => "unknown_field",
            Msg::DuplicateKey { .. } => "duplicate_key",
            Msg::GoalWithoutOutcome => "goal_without_outcome",
            Msg::PolicyWithoutGoal => "policy_without_goal",
            Msg::ProjectWithoutKpi => "project_without_kpi",
            Msg::BaseYearEntryIgnored { .. } => "base_year_entry_ignored",
            Msg::BeforeBaseYear { .. } => "before_base_year",
            Msg::BaseValueNot100 { .. } => "base_value_not_100",
            Msg::CapBelow100 { .. } => "cap_below_100",
            Msg::ScoreUndefined { .. } => "score_undefined",
            Msg::GapUndefined { .. } => "gap_undefined",
            Msg::Io { .. } => "io",
            Msg::Internal { .. } => "internal",
            Msg::Usage { .. } => "usage",
            #[cfg(any(not(target_arch = "wasm32"), feature = "analysis"))]
            Msg::Sheet(m) => m.code(),
        }
    }

    /// The message in Japanese.
    pub fn ja(&self) -> String {
        match self {
            Msg::NotUtf8 { line, column } => format!(
                "UTF-8 の文字として読めません（{line}行{column}列）: UTF-8 で保存し直してください（Shift_JIS は読めません）"
            ),
            Msg::Syntax { line, column, what: SyntaxError::Eof } => {
                format!("JSON が途中で終わっています（{line}行{column}列）: ファイルが切れていないか確認してください")
            }
            Msg::Syntax { line, column, what } => {
                format!("JSON の書き方に誤りがあります（{line}行{column}列）: {}", syntax_ja(*what))
            }
            Msg::TooDeep { line, column } => {
                format!("入れ子が深すぎます（{line}行{column}列）: 127 段までです")
            }
            Msg::TooLarge { bytes, limit } => {
                format!("ファイルが大きすぎます: {}（上限 {}）", mb(*bytes), mb(*limit))
            }
            Msg::NotObject => "JSON オブジェクト（{...}）ではありません".into(),
            Msg::FormatMissing { expected } => {
                format!("\"format\" がありません: \"{expected}\" と書いてください")
            }
            Msg::FormatWrong { found, expected } => {
                format!("形式 \"{found}\" は読めません: \"{expected}\" が必要です")
            }
            Msg::DatasetAsScenario { name, dataset } => format!(
                "シナリオとして読めません: 変更（targets・values・weights・method）がなく、データセットの項目 \"{name}\" があります。データセットのファイルなら、\"format\" を \"{}\" にしてデータとして読み込んでください",
                dataset
            ),
            Msg::Missing => "必須の項目がありません".into(),
            Msg::WrongType { expected } => format!("型が違います: {}が必要です", expected.ja()),
            Msg::EmptyText => "文字がありません: 空でない文字列が必要です".into(),
            Msg::BadEnum { found, allowed } => format!(
                "\"{found}\" は使えません: {} のいずれかです",
                allowed.join(" / ")
            ),
            Msg::NotFinite => "数値が有限ではありません".into(),
            Msg::Negative { value } => format!("値 {value} は負です: 0 以上が必要です", value = Decimal(*value)),
            Msg::BaselineNotPositive { value } => {
                format!("基準値 {value} は使えません: 0 より大きい数が必要です", value = Decimal(*value))
            }
            Msg::WeightNegative { value } => format!("重み {value} は負です: 0 以上が必要です", value = Decimal(*value)),
            Msg::CapNotPositive { value } => {
                format!("上限 {value} は使えません: 0 より大きい数が必要です", value = Decimal(*value))
            }
            Msg::YearsOrder { first, last } => {
                format!("年度の範囲が逆です: first {first} が last {last} より後です")
            }
            Msg::YearsSpan { span } => format!("年度の範囲が広すぎます: {span} 年（100 年まで）"),
            Msg::YearRange { year, first, last } => {
                format!("{year} 年度は範囲外です: {first}〜{last} 年度の間が必要です")
            }
            Msg::YearKey { key } => format!("年度 \"{key}\" は整数ではありません"),
            Msg::MilestoneOrder { year, previous } => format!(
                "目標年度 {year} の並びが違います: 前の {previous} より後の年度が必要です"
            ),
            Msg::IdEmpty => "ID が空です".into(),
            Msg::IdTooLong { len } => format!("ID が長すぎます: {len} 文字（64 文字まで）"),
            Msg::IdChars { ch } => format!(
                "ID に使えない文字 '{ch}' があります: 半角英数字と _ . - のみ使えます"
            ),
            Msg::IdDuplicate { id, first } => format!("ID \"{id}\" が重複しています（最初は {first}）"),
            Msg::UnknownRef { kind, id } => format!("{} \"{id}\" はありません", kind.ja()),
            Msg::DuplicateEntry { indicator, year, first } => format!(
                "指標 \"{indicator}\" の {year} 年度が重複しています（最初は {first}）"
            ),
            Msg::TooManyIndicators { count, limit } => {
                format!("指標が多すぎます: {count} 件（上限 {limit} 件）")
            }
            Msg::TooManyProblems { more } => {
                format!("問題が多すぎるため、残り {more} 件は省略しました")
            }
            Msg::UnknownField { name } => format!("不明な項目 \"{name}\" は無視します"),
            Msg::DuplicateKey { name } => format!("項目 \"{name}\" が重複しています: 最初のものを使います"),
            Msg::GoalWithoutOutcome => {
                "中長期アウトカム（outcome_long）の指標がないため、この目指す姿は指数に入りません".into()
            }
            Msg::PolicyWithoutGoal => "目指す姿が一つもない基本の方針です".into(),
            Msg::ProjectWithoutKpi => "成果指標（KPI）のない事業です".into(),
            Msg::BaseYearEntryIgnored { year } => {
                format!("基準年度 {year} の値は使いません: 基準年度は基準値（baseline）で計算します")
            }
            Msg::BeforeBaseYear { year, base } => {
                format!("{year} 年度は基準年度 {base} より前のため計算に使いません")
            }
            Msg::BaseValueNot100 { value } => format!(
                "基準値 {value} ではなく 100 として計算します: 基準年度の指数は定義上 100 です", value = Decimal(*value)
            ),
            Msg::CapBelow100 { value } => format!(
                "上限 {value} は 100 未満です: 基準年度の指数も 100 ではなく {value} になります", value = Decimal(*value)
            ),
            Msg::ScoreUndefined { years, why } => match why {
                Undefined::DownZero => format!(
                    "{} 年度の得点は計算できません: 小さいほど良い指標の値が 0 です",
                    years_list(years)
                ),
                Undefined::Overflow => format!(
                    "{} 年度の得点は計算できません: 値が大きすぎます",
                    years_list(years)
                ),
            },
            Msg::GapUndefined { year } => format!("{year} 年度の目標との差は計算できません: 数が大きすぎます"),
            Msg::Io { what } => format!("読み書きできません: {what}"),
            Msg::Internal { what } => format!("内部エラー: {what}"),
            Msg::Usage { what } => format!("分析の指定に誤りがあります: {what}"),
            #[cfg(any(not(target_arch = "wasm32"), feature = "analysis"))]
            Msg::Sheet(m) => m.ja(),
        }
    }

    /// The message in English.
    pub fn en(&self) -> String {
        match self {
            Msg::NotUtf8 { line, column } => format!(
                "not UTF-8 text (line {line}, column {column}): save the file as UTF-8 (Shift_JIS cannot be read)"
            ),
            Msg::Syntax { line, column, what: SyntaxError::Eof } => {
                format!("JSON ends too early (line {line}, column {column}): is the file cut off?")
            }
            Msg::Syntax { line, column, what } => {
                format!("JSON syntax error (line {line}, column {column}): {}", syntax_en(*what))
            }
            Msg::TooDeep { line, column } => {
                format!("nested too deeply (line {line}, column {column}): at most 127 levels")
            }
            Msg::TooLarge { bytes, limit } => {
                format!("file too large: {} (limit {})", mb(*bytes), mb(*limit))
            }
            Msg::NotObject => "not a JSON object ({...})".into(),
            Msg::FormatMissing { expected } => {
                format!("\"format\" missing: write \"{expected}\"")
            }
            Msg::FormatWrong { found, expected } => {
                format!("format \"{found}\" not supported: expected \"{expected}\"")
            }
            Msg::DatasetAsScenario { name, dataset } => format!(
                "not a scenario: it has no change (targets, values, weights, method) but a dataset's field \"{name}\"; if it is a dataset, set \"format\" to \"{}\" and load it as data",
                dataset
            ),
            Msg::Missing => "required field missing".into(),
            Msg::WrongType { expected } => format!("wrong type: expected {}", expected.en()),
            Msg::EmptyText => "no text: expected a non-empty string".into(),
            Msg::BadEnum { found, allowed } => {
                format!("\"{found}\" not allowed: expected one of {}", allowed.join(", "))
            }
            Msg::NotFinite => "number not finite".into(),
            Msg::Negative { value } => format!("value {value} is negative: must be 0 or more", value = Decimal(*value)),
            Msg::BaselineNotPositive { value } => {
                format!("baseline {value} not allowed: must be greater than 0", value = Decimal(*value))
            }
            Msg::WeightNegative { value } => {
                format!("weight {value} is negative: must be 0 or more", value = Decimal(*value))
            }
            Msg::CapNotPositive { value } => {
                format!("cap {value} not allowed: must be greater than 0", value = Decimal(*value))
            }
            Msg::YearsOrder { first, last } => {
                format!("years reversed: first {first} is after last {last}")
            }
            Msg::YearsSpan { span } => format!("year span too long: {span} years (at most 100)"),
            Msg::YearRange { year, first, last } => {
                format!("year {year} out of range: must be within {first}–{last}")
            }
            Msg::YearKey { key } => format!("year \"{key}\" is not a whole number"),
            Msg::MilestoneOrder { year, previous } => {
                format!("milestone year {year} out of order: must come after {previous}")
            }
            Msg::IdEmpty => "id is empty".into(),
            Msg::IdTooLong { len } => format!("id too long: {len} characters (at most 64)"),
            Msg::IdChars { ch } => format!("id has the character '{ch}': only A-Z a-z 0-9 _ . - are allowed"),
            Msg::IdDuplicate { id, first } => format!("id \"{id}\" repeated (first at {first})"),
            Msg::UnknownRef { kind, id } => format!("no such {}: \"{id}\"", kind.en()),
            Msg::DuplicateEntry { indicator, year, first } => {
                format!("indicator \"{indicator}\" year {year} given twice (first at {first})")
            }
            Msg::TooManyIndicators { count, limit } => {
                format!("too many indicators: {count} (limit {limit})")
            }
            Msg::TooManyProblems { more } => format!("too many problems: {more} more not shown"),
            Msg::UnknownField { name } => format!("unknown field \"{name}\": ignored"),
            Msg::DuplicateKey { name } => format!("key \"{name}\" repeated: the first one is used"),
            Msg::GoalWithoutOutcome => "goal has no outcome_long indicator: it does not enter the index".into(),
            Msg::PolicyWithoutGoal => "policy has no goal".into(),
            Msg::ProjectWithoutKpi => "project has no KPI".into(),
            Msg::BaseYearEntryIgnored { year } => {
                format!("entry for base year {year} not used: the base year is scored from the baseline")
            }
            Msg::BeforeBaseYear { year, base } => {
                format!("year {year} is before base year {base}: not used in scoring")
            }
            Msg::BaseValueNot100 { value } => {
                format!(
                    "base_value {value} treated as 100: the index is 100 in the base year by definition",
                    value = Decimal(*value)
                )
            }
            Msg::CapBelow100 { value } => {
                format!("cap {value} is below 100: the base year scores {value}, not 100", value = Decimal(*value))
            }
            Msg::ScoreUndefined { years, why } => match why {
                Undefined::DownZero => {
                    format!("score undefined in {}: value 0 with direction \"down\"", years_list(years))
                }
                Undefined::Overflow => format!("score undefined in {}: value too large", years_list(years)),
            },
            Msg::GapUndefined { year } => format!("gap to the {year} milestone undefined: too large a number"),
            Msg::Io { what } => format!("cannot read or write: {what}"),
            Msg::Internal { what } => format!("internal error: {what}"),
            Msg::Usage { what } => format!("bad analysis question: {what}"),
            #[cfg(any(not(target_arch = "wasm32"), feature = "analysis"))]
            Msg::Sheet(m) => m.en(),
        }
    }
}

/// A string shortened for quoting in a message.
pub fn clip(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(40).collect();
        t.push('…');
        t
    }
}

mod sheet;
pub use sheet::SheetMsg;
