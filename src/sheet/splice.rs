//! The JSON side of an import: the dataset's own text with only its
//! `indicators` replaced, and the original indicators' fields a sheet does
//! not carry (kept as they were written).

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;

/// A JSON object's members in document order, each value as written.
#[derive(Default)]
pub struct RawObj<'a>(pub Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for RawObj<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawObj<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<RawObj<'de>, M::Error> {
                let mut out = Vec::new();
                while let Some(k) = m.next_key::<Cow<'de, str>>()? {
                    out.push((k, m.next_value::<&'de RawValue>()?));
                }
                Ok(RawObj(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl<'a> RawObj<'a> {
    /// The first member named `k`.
    pub fn get(&self, k: &str) -> Option<&'a RawValue> {
        self.0.iter().find(|(n, _)| n == k).map(|(_, v)| *v)
    }
}

/// The dataset's text split around its `indicators`: the text before and
/// after the value, and the original indicators (objects, by id).
pub struct Parts<'a> {
    pub before: Cow<'a, str>,
    pub after: &'a str,
    /// The indentation of the line where `indicators` is written.
    pub indent: &'a str,
    pub originals: Vec<RawObj<'a>>,
}

/// Splits `text` (a JSON object) around its `indicators`; `None` when it is
/// not a JSON object. A dataset without `indicators` gets them as its last member.
pub fn split(text: &str) -> Option<Parts<'_>> {
    let top: RawObj = serde_json::from_str(text).ok()?;
    let Some(raw) = top.get("indicators") else {
        let end = text.rfind('}')?;
        let before = text[..end].trim_end();
        let sep = if top.0.is_empty() { "\n  \"indicators\": " } else { ",\n  \"indicators\": " };
        // The member is added after the last one: `before` ends there, `after` closes the object.
        let before = Cow::Owned(format!("{before}{sep}"));
        return Some(Parts { before, after: &text[end..], indent: "  ", originals: vec![] });
    };
    let start = (raw.get().as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let end = start + raw.get().len();
    if text.get(start..end) != Some(raw.get()) {
        return None;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..start];
    let indent = &line[..line.len() - line.trim_start().len()];
    let list: Vec<&RawValue> = serde_json::from_str(raw.get()).unwrap_or_default();
    let originals = list.iter().map(|v| serde_json::from_str(v.get()).unwrap_or_default()).collect();
    Some(Parts { before: Cow::Borrowed(&text[..start]), after: &text[end..], indent, originals })
}

/// A JSON string.
pub fn string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A JSON number: the shortest decimal that reads back to the same double
/// (`1`, `0.1`), or serde_json's exponent form when that would be long.
pub fn number(x: f64) -> String {
    let plain = x.to_string();
    if plain.len() <= 24 {
        plain
    } else {
        serde_json::to_string(&x).unwrap_or(plain)
    }
}

/// One indicator object, its members `(key, JSON text)` in order, written
/// as the dataset writes an entry: one member a line, at `indent` + 2.
pub fn object(members: &[(String, String)], indent: &str) -> String {
    let inner = format!("{indent}    ");
    let lines: Vec<String> = members.iter().map(|(k, v)| format!("{inner}{}: {v}", string(k))).collect();
    format!("{indent}  {{\n{}\n{indent}  }}", lines.join(",\n"))
}

/// The indicators array from its objects (each already indented).
pub fn array(objects: &[String], indent: &str) -> String {
    if objects.is_empty() {
        return "[]".into();
    }
    format!("[\n{}\n{indent}]", objects.join(",\n"))
}
