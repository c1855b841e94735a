//! Every enum the formats and the embedding API name, each declared with one
//! table of `(name, variant)`: the name a file, the command line or JavaScript
//! writes is the table's, for reading ([`Named::parse`]), writing
//! ([`Named::name`], serde) and the JSON Schema alike. An unknown name is never
//! turned into a known variant: [`Named::parse`] gives `None` and the reader
//! reports it with its path.

use schemars::JsonSchema;
use serde::Serialize;

/// An enum with one name per variant, from one table.
pub trait Named: Copy + PartialEq + Sized + 'static {
    /// Every variant with its name, in declaration order.
    const TABLE: &'static [(&'static str, Self)];
    /// The names alone, in the same order (for messages: "one of …").
    const NAMES: &'static [&'static str];

    /// The variant named `s`, if any.
    fn parse(s: &str) -> Option<Self> {
        Self::TABLE.iter().find(|(n, _)| *n == s).map(|(_, v)| *v)
    }

    /// This variant's name.
    fn name(self) -> &'static str {
        Self::TABLE.iter().find(|(_, v)| *v == self).map_or("", |(n, _)| n)
    }
}

/// Declares an enum from its table `Variant = "name"`: the enum (each variant
/// renamed for serde and schemars to its name), [`Named`], `ALL`, and inherent
/// `name`/`parse` so that callers need not import the trait.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $ty:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $ty {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl Named for $ty {
            const TABLE: &'static [(&'static str, $ty)] = &[$(($text, $ty::$variant)),+];
            const NAMES: &'static [&'static str] = &[$($text),+];
        }

        impl $ty {
            /// Every variant, in declaration order.
            pub const ALL: [$ty; <[&str]>::len(&[$($text),+])] = [$($ty::$variant),+];
            /// Every name, in declaration order.
            pub const NAMES: &'static [&'static str] = <$ty as Named>::NAMES;

            /// This variant's name.
            pub fn name(self) -> &'static str {
                <$ty as Named>::name(self)
            }

            /// The variant named `s`; `None` for any other string.
            pub fn parse(s: &str) -> Option<$ty> {
                <$ty as Named>::parse(s)
            }
        }
    };
}
pub(crate) use named_enum;

named_enum! {
    /// How scores are combined.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
    pub enum Aggregate {
        /// Σ w·s / Σ w
        #[default]
        Arithmetic = "arithmetic",
        /// exp(Σ w·ln s / Σ w); 0 when any s is 0
        Geometric = "geometric",
    }
}

named_enum! {
    /// The stage of an indicator in the logic model; only `outcome_long` enters the index.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
    pub enum Stage {
        /// 行動指標
        Behavior = "behavior",
        /// 短期アウトカム
        OutcomeShort = "outcome_short",
        /// 中長期アウトカム
        #[default]
        OutcomeLong = "outcome_long",
    }
}

named_enum! {
    /// Whether more is better (`up`) or less is better (`down`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
    pub enum Direction {
        #[default]
        Up = "up",
        Down = "down",
    }
}

named_enum! {
    /// 【新規】 or 【内容変更】.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
    pub enum ProjectTag {
        /// 【新規】
        New = "new",
        /// 【内容変更】
        Revised = "revised",
    }
}

named_enum! {
    /// Which values to score.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    pub enum ScorePath {
        /// 実績: baseline and reported values only, no interpolation.
        Actual = "actual",
        /// 計画: baseline and targets, interpolated, held flat after the last target.
        Plan = "plan",
        /// 見込み: actuals, then the targets after the last actual; held flat.
        Outlook = "outlook",
        /// 趨勢: actuals, extended with their least-squares slope, floored at 0.
        Trend = "trend",
    }
}

named_enum! {
    /// What a document says it is, by its root `format`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum InputKind {
        /// `vision-index/1`
        Dataset = "dataset",
        /// `vision-index-scenario/1`
        Scenario = "scenario",
    }
}

impl ScorePath {
    /// This path's place in [`ScorePath::ALL`] (0–3), e.g. for per-path caches.
    pub fn position(self) -> usize {
        self as usize
    }
}

named_enum! {
    /// A level of the hierarchy that has weights (and ids to refer to).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    pub enum Level {
        /// 基本の方針
        Policy = "policy",
        /// 目指す姿
        Goal = "goal",
        /// 指標
        Indicator = "indicator",
    }
}

impl Level {
    /// The key of this level's map in a scenario's `weights` (`weights.goals.G1`).
    pub fn weights_key(self) -> &'static str {
        match self {
            Level::Policy => "policies",
            Level::Goal => "goals",
            Level::Indicator => "indicators",
        }
    }
}

named_enum! {
    /// A scenario's list of entries: what-if targets or assumed values.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    pub enum List {
        /// `targets`: replace the dataset's target of the same indicator and year.
        Targets = "targets",
        /// `values`: replace the reported value of the same indicator and year.
        Values = "values",
    }
}

/// The aggregation route: `["goal"]` or `["goal", "policy"]`. Written as a list
/// of level names, so its table maps lists to variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Via {
    /// indicators → goals → index
    #[default]
    Goal,
    /// indicators → goals → policies → index
    GoalPolicy,
}

impl Via {
    /// Every route with its list of names.
    pub const TABLE: &'static [(&'static [&'static str], Via)] =
        &[(&["goal"], Via::Goal), (&["goal", "policy"], Via::GoalPolicy)];
    /// The routes as written in JSON, for messages.
    pub const ALLOWED: &'static [&'static str] = &["[\"goal\"]", "[\"goal\", \"policy\"]"];

    /// Whether goals are combined into policies first.
    pub fn has_policy(self) -> bool {
        self == Via::GoalPolicy
    }

    /// The route named by `names` (e.g. `["goal", "policy"]`); `None` for any other list.
    pub fn parse<S: AsRef<str>>(names: &[S]) -> Option<Via> {
        Via::TABLE
            .iter()
            .find(|(n, _)| n.len() == names.len() && n.iter().zip(names).all(|(a, b)| *a == b.as_ref()))
            .map(|(_, v)| *v)
    }

    /// This route's list of names.
    pub fn names(self) -> &'static [&'static str] {
        Via::TABLE.iter().find(|(_, v)| *v == self).map_or(&[], |(n, _)| n)
    }
}

impl Serialize for Via {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.names().serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each table is a bijection, and serde writes the table's name.
    fn round_trips<T: Named + Serialize + std::fmt::Debug>() {
        for &(name, v) in T::TABLE {
            assert_eq!(T::parse(name), Some(v));
            assert_eq!(v.name(), name);
            assert_eq!(serde_json::to_value(v).expect("json"), serde_json::json!(name));
        }
        let mut names = T::NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), T::TABLE.len(), "names are distinct");
        assert_eq!(T::parse("nope"), None);
        assert_eq!(T::parse(""), None);
    }

    #[test]
    fn every_table_round_trips() {
        round_trips::<Aggregate>();
        round_trips::<Stage>();
        round_trips::<Direction>();
        round_trips::<ProjectTag>();
        round_trips::<ScorePath>();
        round_trips::<Level>();
        round_trips::<List>();
    }

    #[test]
    fn unknown_names_are_not_known_variants() {
        // Case, plural or a near miss is not a name.
        assert_eq!(Stage::parse("Outcome_long"), None);
        assert_eq!(Level::parse("policies"), None);
        assert_eq!(ScorePath::parse("plan "), None);
        assert_eq!(ProjectTag::parse("old"), None);
    }

    #[test]
    fn via_is_read_from_a_list() {
        for &(names, v) in Via::TABLE {
            assert_eq!(Via::parse(names), Some(v));
            assert_eq!(v.names(), names);
            assert_eq!(serde_json::to_value(v).expect("json"), serde_json::json!(names));
        }
        assert_eq!(Via::parse(&["goal", "policy"].map(String::from)), Some(Via::GoalPolicy));
        for bad in [&[][..], &["policy"], &["goal", "goal"], &["policy", "goal"], &["goal", "policy", "x"]] {
            assert_eq!(Via::parse(bad), None, "{bad:?}");
        }
    }
}
