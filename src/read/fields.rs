//! Reading a JSON tree field by field: each helper checks the JSON type of
//! one field and hands the typed value to the rules of [`crate::check`],
//! collecting every problem with its path.

use super::json::{Obj, J};
use crate::check;
use crate::messages::{clip, Expect, Msg};
use crate::model::{Aggregate, Doc, MethodOverride, Named, Str, Text, Via, YearValues};
use crate::problem::{Path, Problems};

/// The root must be an object whose `format` is `expected`.
pub fn root<'v>(v: &'v J<'v>, expected: &'static str, probs: &mut Problems) -> Option<&'v Obj<'v>> {
    let Some(map) = v.as_object() else {
        probs.error(&Path::Root, Msg::NotObject);
        return None;
    };
    let p = Path::Root;
    match map.get("format") {
        None => probs.error(&p.key("format"), Msg::FormatMissing { expected }),
        Some(J::Str(s)) if *s == expected => {}
        Some(J::Str(s)) => probs.error(&p.key("format"), Msg::FormatWrong { found: clip(s), expected }),
        Some(_) => probs.error(&p.key("format"), Msg::WrongType { expected: Expect::String }),
    }
    Some(map)
}

/// Warns about every key of `map` not in `known`, and about repeated known keys
/// (the first one is used); calls `first(i, value)` for the first entry of `known[i]`.
fn each_known<'v>(
    map: &Obj<'v>,
    known: &[&str],
    path: &Path,
    probs: &mut Problems,
    mut first: impl FnMut(usize, &'v J<'v>),
) {
    let mut seen = 0u64; // bit i: known[i] met already (known lists are short)
    for (k, v) in map.iter() {
        match known.iter().position(|x| super::json::key_eq(x, k)) {
            None => probs.warn(&path.key(k), Msg::UnknownField { name: clip(k) }),
            Some(i) if i < 64 && seen & (1 << i) != 0 => probs.warn(&path.key(k), Msg::DuplicateKey { name: clip(k) }),
            Some(i) => {
                if i < 64 {
                    seen |= 1 << i;
                }
                first(i, v);
            }
        }
    }
}

/// Warns about every key of `map` not in `known`, and about repeated known keys.
pub fn unknown_fields(map: &Obj<'_>, known: &[&str], path: &Path, probs: &mut Problems) {
    each_known(map, known, path, probs, |_, _| {});
}

/// Where a reader looks up fields: an object, or its [`Fields`].
pub trait Lookup<'v> {
    /// The value of the (first) entry named `key`.
    fn get(&self, key: &str) -> Option<&'v J<'v>>;
}

impl<'v> Lookup<'v> for Obj<'v> {
    fn get(&self, key: &str) -> Option<&'v J<'v>> {
        Obj::get(self, key)
    }
}

/// An object's known fields, found in one pass over its entries (an object
/// with many fields is otherwise searched once per field).
pub struct Fields<'v, const N: usize> {
    known: &'static [&'static str; N],
    values: [Option<&'v J<'v>>; N],
}

impl<'v, const N: usize> Lookup<'v> for Fields<'v, N> {
    // Inlined, the search for a constant key in a constant list folds away.
    #[inline(always)]
    fn get(&self, key: &str) -> Option<&'v J<'v>> {
        // `key` is one of `known` (a reader's own constant): a short search.
        let i = self.known.iter().position(|k| *k == key)?;
        self.values[i]
    }
}

/// The fields of `map` named in `known`; warns about unknown and repeated keys.
pub fn fields<'v, const N: usize>(
    map: &Obj<'v>,
    known: &'static [&'static str; N],
    path: &Path,
    probs: &mut Problems,
) -> Fields<'v, N> {
    let mut values = [None; N];
    each_known(map, known, path, probs, |i, v| values[i] = Some(v));
    Fields { known, values }
}

/// A field that must be present.
#[inline]
pub fn required<'v>(map: &impl Lookup<'v>, key: &str, path: &Path, probs: &mut Problems) -> Option<&'v J<'v>> {
    let v = map.get(key);
    if v.is_none() {
        probs.error(&path.key(key), Msg::Missing);
    }
    v
}

pub fn object<'v>(v: &'v J<'v>, path: &Path, probs: &mut Problems) -> Option<&'v Obj<'v>> {
    let o = v.as_object();
    if o.is_none() {
        probs.error(path, Msg::WrongType { expected: Expect::Object });
    }
    o
}

pub fn array<'v>(v: &'v J<'v>, path: &Path, probs: &mut Problems) -> Option<&'v [J<'v>]> {
    let a = v.as_array();
    if a.is_none() {
        probs.error(path, Msg::WrongType { expected: Expect::Array });
    }
    a
}

pub fn string<'v>(v: &J<'v>, path: &Path, probs: &mut Problems) -> Option<&'v str> {
    match v {
        J::Str(s) => Some(s),
        _ => {
            probs.error(path, Msg::WrongType { expected: Expect::String });
            None
        }
    }
}

pub fn boolean(v: &J, path: &Path, probs: &mut Problems) -> Option<bool> {
    match v {
        J::Bool(b) => Some(*b),
        _ => {
            probs.error(path, Msg::WrongType { expected: Expect::Boolean });
            None
        }
    }
}

/// A finite number (JSON cannot write NaN or infinity, but a number too
/// large for a double is refused by the parser already).
pub fn number(v: &J, path: &Path, probs: &mut Problems) -> Option<f64> {
    match v.as_f64() {
        Some(x) if x.is_finite() => Some(x),
        Some(_) => {
            probs.error(path, Msg::NotFinite);
            None
        }
        None => {
            probs.error(path, Msg::WrongType { expected: Expect::Number });
            None
        }
    }
}

/// A whole number (`2027`, also `2027.0`), as i64.
pub fn whole(v: &J, path: &Path, probs: &mut Problems) -> Option<i64> {
    match v.as_f64() {
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => Some(x as i64),
        _ => {
            probs.error(path, Msg::WrongType { expected: Expect::WholeNumber });
            None
        }
    }
}

/// A value or target: a finite number ≥ 0.
pub fn non_negative(v: &J, path: &Path, probs: &mut Problems) -> Option<f64> {
    check::non_negative(number(v, path, probs)?, path, probs)
}

/// An array of objects, each read by `item` (given its position, the object and
/// its path). Every problem is reported; `None` if the array or any item failed.
pub fn objects<'v, T>(
    v: &'v J<'v>,
    path: &Path,
    probs: &mut Problems,
    mut item: impl FnMut(usize, &'v Obj<'v>, &Path, &mut Problems) -> Option<T>,
) -> Option<Vec<T>> {
    let arr = array(v, path, probs)?;
    let mut out = Vec::with_capacity(arr.len());
    let mut ok = true;
    for (i, v) in arr.iter().enumerate() {
        let at = path.index(i);
        match object(v, &at, probs).and_then(|m| item(i, m, &at, probs)) {
            Some(x) => out.push(x),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// A weight: a finite number ≥ 0.
pub fn weight(v: &J, path: &Path, probs: &mut Problems) -> Option<f64> {
    check::weight(number(v, path, probs)?, path, probs)
}

/// A `Text`: a non-empty string, or an object with `ja` and/or `en`.
pub fn text(v: &J, path: &Path, doc: &Doc, probs: &mut Problems) -> Option<Text> {
    match v {
        J::Str(s) => {
            if s.trim().is_empty() {
                probs.error(path, Msg::EmptyText);
                None
            } else {
                Some(Text::Plain(doc.str(s)))
            }
        }
        J::Obj(map) => {
            unknown_fields(map, &["ja", "en"], path, probs);
            let mut empty = Vec::new();
            let mut get = |k: &'static str| -> Option<Str> {
                match map.get(k) {
                    None | Some(J::Null) => None,
                    Some(J::Str(s)) if !s.trim().is_empty() => Some(doc.str(s)),
                    Some(J::Str(_)) => {
                        empty.push(k);
                        None
                    }
                    Some(_) => {
                        probs.error(&path.key(k), Msg::WrongType { expected: Expect::String });
                        None
                    }
                }
            };
            let ja = get("ja");
            let en = get("en");
            // An empty language next to a usable one leaves the Text usable (SPEC §2): a warning only.
            let usable = ja.is_some() || en.is_some();
            for k in empty {
                if usable {
                    probs.warn(&path.key(k), Msg::EmptyText);
                } else {
                    probs.error(&path.key(k), Msg::EmptyText);
                }
            }
            if !usable {
                if !map.contains_key("ja") && !map.contains_key("en") {
                    probs.error(path, Msg::EmptyText);
                }
                return None;
            }
            Some(Text::Lang { ja, en })
        }
        _ => {
            probs.error(path, Msg::WrongType { expected: Expect::Text });
            None
        }
    }
}

/// An optional `Text` field; `null` counts as absent.
pub fn opt_text<'v>(map: &impl Lookup<'v>, key: &str, path: &Path, doc: &Doc, probs: &mut Problems) -> Option<Text> {
    map.get(key).filter(|v| !v.is_null()).and_then(|v| text(v, &path.key(key), doc, probs))
}

/// A required id field.
pub fn id_field<'v>(map: &impl Lookup<'v>, path: &Path, doc: &Doc, probs: &mut Problems) -> Option<Str> {
    let v = required(map, "id", path, probs)?;
    let p = path.key("id");
    let s = string(v, &p, probs)?;
    check::id(s, &p, probs).then(|| doc.str(s))
}

/// An enum given as a string, read by its table: an unknown string is an error.
pub fn enumeration<T: Named>(v: &J, path: &Path, probs: &mut Problems) -> Option<T> {
    let s = match v {
        J::Str(s) => s,
        _ => {
            probs.error(path, Msg::WrongType { expected: Expect::String });
            return None;
        }
    };
    let t = T::parse(s);
    if t.is_none() {
        probs.error(path, Msg::BadEnum { found: clip(s), allowed: T::NAMES });
    }
    t
}

/// A year written as a key: an optional `-` and 1–9 digits.
fn year_key(k: &str) -> Option<i64> {
    let (neg, digits) = match k.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        b => (false, b),
    };
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let mut n: i64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + i64::from(b - b'0');
    }
    Some(if neg { -n } else { n })
}

/// A `{ "2027": 1560, ... }` map: whole-number year keys within the span,
/// finite values ≥ 0. `span` is `None` when the dataset's years are unusable
/// (then only the keys' form is checked).
pub fn year_map(v: &J, span: Option<(i32, i32)>, path: &Path, probs: &mut Problems) -> YearValues {
    let mut out = YearValues::new();
    let Some(map) = object(v, path, probs) else { return out };
    for (k, v) in map.iter() {
        let p = path.key(k);
        let Some(year) = year_key(k) else {
            probs.error(&p, Msg::YearKey { key: clip(k) });
            continue;
        };
        let year = check::year_in(year, span, &p, probs);
        let value = non_negative(v, &p, probs);
        if let (Some(y), Some(x)) = (year, value) {
            if out.contains_year(y) {
                probs.warn(&p, Msg::DuplicateKey { name: clip(k) });
            } else {
                out.insert(y, x);
            }
        }
    }
    out
}

/// `via` as a JSON array of level names, read by [`Via`]'s table.
pub fn via(v: &J, path: &Path, probs: &mut Problems) -> Option<Via> {
    let arr = array(v, path, probs)?;
    let names: Option<Vec<&str>> = arr.iter().map(J::as_str).collect();
    let via = names.and_then(|n| Via::parse(&n));
    if via.is_none() {
        probs.error(path, Msg::BadEnum { found: clip(&v.to_string()), allowed: Via::ALLOWED });
    }
    via
}

/// `cap`: `null` (no cap) or a cap ([`check::cap`]).
pub fn cap(v: &J, path: &Path, probs: &mut Problems) -> Option<Option<f64>> {
    if v.is_null() {
        return Some(None);
    }
    check::cap(number(v, path, probs)?, path, probs).map(Some)
}

/// A `method` object, each field optional (shared by datasets and scenarios).
pub fn method_fields(v: &J, known: &[&str], p: &Path, probs: &mut Problems) -> Option<MethodOverride> {
    let m = object(v, p, probs)?;
    unknown_fields(m, known, p, probs);
    let aggregate = match m.get("aggregate") {
        None => Some(None),
        Some(v) => enumeration::<Aggregate>(v, &p.key("aggregate"), probs).map(Some),
    };
    let via = match m.get("via") {
        None => Some(None),
        Some(v) => via(v, &p.key("via"), probs).map(Some),
    };
    let cap = match m.get("cap") {
        None => Some(None),
        Some(v) => cap(v, &p.key("cap"), probs).map(Some),
    };
    Some(MethodOverride { aggregate: aggregate?, via: via?, cap: cap? })
}
