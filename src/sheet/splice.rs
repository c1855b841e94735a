//! The JSON side of an import: the dataset's own text with only its
//! `indicators` replaced, and the original indicators' fields a sheet does
//! not carry (kept as they were written).

use crate::read::json::J;
use std::borrow::Cow;

/// A JSON object's members in document order: each key (unescaped) with
/// its value's text exactly as written.
#[derive(Default)]
pub struct RawObj<'a>(pub Vec<(String, &'a str)>);

impl<'a> RawObj<'a> {
    /// The first member named `k`.
    pub fn get(&self, k: &str) -> Option<&'a str> {
        self.0.iter().find(|(n, _)| n == k).map(|(_, v)| *v)
    }

    /// The members of `text` when it is a JSON object (empty otherwise).
    pub fn of(text: &'a str) -> RawObj<'a> {
        if !valid(text) {
            return RawObj::default();
        }
        let start = skip_ws(text.as_bytes(), 0);
        RawObj(members(text, start).unwrap_or_default())
    }
}

/// Whether `text` is one JSON value (by the dataset reader's own parser): the
/// scanning below then only has to find where values end.
fn valid(text: &str) -> bool {
    crate::read::parse(text, &bumpalo::Bump::new()).is_ok()
}

/// A JSON text's value as a string, if it is one (`"G1-a"` → `G1-a`).
pub fn as_string(raw: &str) -> Option<String> {
    let bump = bumpalo::Bump::new();
    match crate::read::parse(raw, &bump).ok()? {
        J::Str(s) => Some(s.to_string()),
        _ => None,
    }
}

/// The strings of a display text's JSON (`"%"`, or those of `{"ja": …, "en": …}`).
pub fn text_strings(raw: &str) -> Vec<String> {
    let bump = bumpalo::Bump::new();
    match crate::read::parse(raw, &bump) {
        Ok(J::Str(s)) => vec![s.to_string()],
        Ok(J::Obj(o)) => o.iter().filter_map(|(_, v)| v.as_str().map(str::to_string)).collect(),
        _ => vec![],
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n')) {
        i += 1;
    }
    i
}

/// Where the string starting at `i` (its `"`) ends: just after its closing `"`.
fn string_end(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while let Some(c) = b.get(i) {
        match c {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// Where the (valid) JSON value starting at `i` ends.
fn value_end(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"') => string_end(b, i),
        Some(b'{' | b'[') => {
            let (mut depth, mut j) = (0usize, i);
            while let Some(c) = b.get(j) {
                match c {
                    b'"' => {
                        j = string_end(b, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            b.len()
        }
        _ => {
            let mut j = i;
            while b.get(j).is_some_and(|c| !matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n')) {
                j += 1;
            }
            j
        }
    }
}

/// The members of the (valid) object whose `{` is at `start`.
fn members(text: &str, start: usize) -> Option<Vec<(String, &str)>> {
    let b = text.as_bytes();
    if b.get(start) != Some(&b'{') {
        return None;
    }
    let mut out = Vec::new();
    let mut i = skip_ws(b, start + 1);
    while b.get(i) == Some(&b'"') {
        let k_end = string_end(b, i);
        let key = as_string(text.get(i..k_end)?)?;
        let v_start = skip_ws(b, skip_ws(b, k_end) + 1);
        let v_end = value_end(b, v_start);
        out.push((key, text.get(v_start..v_end)?));
        i = skip_ws(b, v_end);
        if b.get(i) == Some(&b',') {
            i = skip_ws(b, i + 1);
        }
    }
    Some(out)
}

/// The elements of the (valid) array `text`, each as written.
fn elements(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    if b.first() != Some(&b'[') {
        return out;
    }
    let mut i = skip_ws(b, 1);
    while b.get(i).is_some_and(|c| *c != b']') {
        let end = value_end(b, i);
        match text.get(i..end) {
            Some(v) if end > i => out.push(v),
            _ => break,
        }
        i = skip_ws(b, end);
        if b.get(i) == Some(&b',') {
            i = skip_ws(b, i + 1);
        }
    }
    out
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
    if !valid(text) {
        return None;
    }
    let top = members(text, skip_ws(text.as_bytes(), 0))?;
    let Some(raw) = top.iter().find(|(k, _)| k == "indicators").map(|(_, v)| *v) else {
        let end = text.rfind('}')?;
        let before = text[..end].trim_end();
        let sep = if top.is_empty() { "\n  \"indicators\": " } else { ",\n  \"indicators\": " };
        // The member is added after the last one: `before` ends there, `after` closes the object.
        let before = Cow::Owned(format!("{before}{sep}"));
        return Some(Parts { before, after: &text[end..], indent: "  ", originals: vec![] });
    };
    // `raw` is a slice of `text`: where it starts is the difference of the two.
    let start = (raw.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let end = start + raw.len();
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..start];
    let indent = &line[..line.len() - line.trim_start().len()];
    let originals = elements(raw).into_iter().map(|v| RawObj(members(v, 0).unwrap_or_default())).collect();
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
