//! `Text`: a string, or an object with `ja` and/or `en` (SPEC §2).

use super::shared::Str;
use schemars::JsonSchema;
use serde::Serialize;

/// Display language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 日本語 (the default).
    #[default]
    Ja,
    /// English.
    En,
}

impl Lang {
    /// `"en"` (or `en-US`, …) is English; anything else is Japanese.
    pub fn parse(s: &str) -> Lang {
        if s.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Ja
        }
    }
}

/// A display text: either one string for every language, or per language.
/// Display prefers the page language, then `ja`, then `en`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Text {
    /// One string for every language.
    Plain(Str),
    /// Per language; at least one of the two is present.
    #[schemars(extend("minProperties" = 1))]
    Lang {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ja: Option<Str>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        en: Option<Str>,
    },
}

impl Text {
    /// One string for every language.
    pub fn plain(s: impl Into<Str>) -> Text {
        Text::Plain(s.into())
    }
    /// The Japanese text (a plain string counts as Japanese).
    pub fn ja(&self) -> Option<&str> {
        match self {
            Text::Plain(s) => Some(s),
            Text::Lang { ja, .. } => ja.as_deref(),
        }
    }
    /// The English text (a plain string counts as English too).
    pub fn en(&self) -> Option<&str> {
        match self {
            Text::Plain(s) => Some(s),
            Text::Lang { en, .. } => en.as_deref(),
        }
    }
    /// The text to show in `lang`: that language, then `ja`, then `en`.
    pub fn get(&self, lang: Lang) -> &str {
        let first = match lang {
            Lang::Ja => self.ja(),
            Lang::En => self.en(),
        };
        first.or_else(|| self.ja()).or_else(|| self.en()).unwrap_or("")
    }
}
