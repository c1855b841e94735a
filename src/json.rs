//! A light JSON tree that borrows its strings from the input.
//!
//! The readers walk a whole tree so that every problem can be reported, but
//! `serde_json::Value` allocates every string and container and hashes every
//! key. This tree borrows strings from the input (a string with escapes is
//! copied once) and puts every container in one arena ([`Bump`]) that is
//! freed at once; object entries stay in document order. Nesting depth stays
//! bounded by serde_json's recursion limit.

use bumpalo::Bump;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A JSON value living in the input and an arena.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum J<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Str(&'a str),
    Arr(&'a [J<'a>]),
    Obj(Obj<'a>),
}

/// A JSON object: its entries in document order (a repeated key keeps every entry).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Obj<'a>(pub &'a [(&'a str, J<'a>)]);

impl<'a> Obj<'a> {
    /// The first entry named `k`.
    pub fn get(&self, k: &str) -> Option<&J<'a>> {
        self.0.iter().find(|(key, _)| *key == k).map(|(_, v)| v)
    }
    pub fn contains_key(&self, k: &str) -> bool {
        self.get(k).is_some()
    }
    pub fn keys(&self) -> impl Iterator<Item = &'a str> {
        self.0.iter().map(|(k, _)| *k)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, &'a J<'a>)> {
        self.0.iter().map(|(k, v)| (*k, v))
    }
}

impl<'a> J<'a> {
    pub fn as_object(&self) -> Option<&Obj<'a>> {
        match self {
            J::Obj(o) => Some(o),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&'a [J<'a>]> {
        match self {
            J::Arr(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            J::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            J::Num(x) => Some(*x),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self, J::Null)
    }
}

/// A compact JSON rendering, for quoting a value in a message.
impl fmt::Display for J<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            J::Null => f.write_str("null"),
            J::Bool(b) => write!(f, "{b}"),
            J::Num(x) => write!(f, "{x}"),
            J::Str(s) => write!(f, "{s:?}"),
            J::Arr(a) => {
                f.write_str("[")?;
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_str("]")
            }
            J::Obj(_) => f.write_str("{...}"),
        }
    }
}

/// An object key, borrowed from the input where possible, else copied into the arena.
struct Key<'a>(&'a Bump);

impl<'de> DeserializeSeed<'de> for Key<'de> {
    type Value = &'de str;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<&'de str, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'de> {
    type Value = &'de str;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<&'de str, E> {
        Ok(v)
    }
    fn visit_str<E>(self, v: &str) -> Result<&'de str, E> {
        Ok(self.0.alloc_str(v))
    }
}

/// Shared scratch stacks: a container's entries are gathered here while it is
/// read, then moved into the arena in one piece of exactly the right size.
#[derive(Default)]
pub struct Scratch<'a> {
    items: Vec<J<'a>>,
    entries: Vec<(&'a str, J<'a>)>,
}

/// Reads one value into the arena, using the scratch stacks.
pub struct Seed<'s, 'a>(pub &'a Bump, pub &'s mut Scratch<'a>);

/// Parses JSON text into a tree borrowing from `text` and `bump`.
pub fn parse<'a>(text: &'a str, bump: &'a Bump) -> Result<J<'a>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let v = Seed(bump, &mut Scratch::default()).deserialize(&mut de)?;
    de.end()?;
    Ok(v)
}

impl<'de> DeserializeSeed<'de> for Seed<'_, 'de> {
    type Value = J<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<J<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_, 'de> {
    type Value = J<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<J<'de>, E> {
        Ok(J::Null)
    }
    fn visit_none<E>(self) -> Result<J<'de>, E> {
        Ok(J::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<J<'de>, E> {
        Ok(J::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<J<'de>, E> {
        Ok(J::Num(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<J<'de>, E> {
        Ok(J::Num(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<J<'de>, E> {
        Ok(J::Num(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<J<'de>, E> {
        Ok(J::Str(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<J<'de>, E> {
        Ok(J::Str(self.0.alloc_str(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J<'de>, A::Error> {
        let Seed(bump, scratch) = self;
        let start = scratch.items.len();
        loop {
            match seq.next_element_seed(Seed(bump, &mut *scratch)) {
                Ok(Some(v)) => scratch.items.push(v),
                Ok(None) => break,
                Err(e) => {
                    scratch.items.truncate(start);
                    return Err(e);
                }
            }
        }
        Ok(J::Arr(bump.alloc_slice_fill_iter(scratch.items.drain(start..))))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J<'de>, A::Error> {
        let Seed(bump, scratch) = self;
        let start = scratch.entries.len();
        loop {
            let k = match map.next_key_seed(Key(bump)) {
                Ok(Some(k)) => k,
                Ok(None) => break,
                Err(e) => {
                    scratch.entries.truncate(start);
                    return Err(e);
                }
            };
            match map.next_value_seed(Seed(bump, &mut *scratch)) {
                Ok(v) => scratch.entries.push((k, v)),
                Err(e) => {
                    scratch.entries.truncate(start);
                    return Err(e);
                }
            }
        }
        Ok(J::Obj(Obj(bump.alloc_slice_fill_iter(scratch.entries.drain(start..)))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_plain_strings_and_keeps_key_order() {
        let text = r#"{"b": "x", "a": [1, 2.5, null, true], "c": "e\u00e9"}"#;
        let bump = Bump::new();
        let v = parse(text, &bump).expect("json");
        let o = v.as_object().expect("object");
        assert_eq!(o.keys().collect::<Vec<_>>(), ["b", "a", "c"]);
        let b = o.get("b").and_then(J::as_str).expect("b");
        assert!(text.as_bytes().as_ptr_range().contains(&b.as_ptr()), "borrowed from the input");
        assert_eq!(o.get("c").and_then(J::as_str), Some("eé"));
        assert!(parse("[1] x", &bump).is_err(), "trailing characters refused");
        assert_eq!(o.get("a").map(|a| a.to_string()).as_deref(), Some("[1, 2.5, null, true]"));
    }
}
