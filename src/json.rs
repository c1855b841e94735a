//! A light JSON tree that borrows its strings from the input.
//!
//! The readers walk a whole tree so that every problem can be reported, but
//! `serde_json::Value` allocates every string and hashes every key; this tree
//! borrows strings (unless they contain escapes) and keeps object entries in
//! document order in a `Vec`, which makes a full check several times faster.
//! Nesting depth stays bounded by serde_json's recursion limit (128).

use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A JSON value whose strings borrow from the input where possible.
#[derive(Debug, Clone, PartialEq)]
pub enum J<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Str(Cow<'a, str>),
    Arr(Vec<J<'a>>),
    Obj(Obj<'a>),
}

/// A JSON object: its entries in document order (a repeated key keeps every entry).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Obj<'a>(pub Vec<(Cow<'a, str>, J<'a>)>);

impl<'a> Obj<'a> {
    /// The first entry named `k`.
    pub fn get(&self, k: &str) -> Option<&J<'a>> {
        self.0.iter().find(|(key, _)| key == k).map(|(_, v)| v)
    }
    pub fn contains_key(&self, k: &str) -> bool {
        self.get(k).is_some()
    }
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_ref())
    }
    pub fn iter(&self) -> impl Iterator<Item = (&str, &J<'a>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }
}

impl<'a> J<'a> {
    pub fn as_object(&self) -> Option<&Obj<'a>> {
        match self {
            J::Obj(o) => Some(o),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&Vec<J<'a>>> {
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

/// An object key, borrowed where possible.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Shared scratch stacks: a container's entries are gathered here while it is
/// read, then moved into one allocation of exactly the right size.
#[derive(Default)]
pub struct Scratch<'a> {
    items: Vec<J<'a>>,
    entries: Vec<(Cow<'a, str>, J<'a>)>,
}

/// Reads one value using (and returning to) the scratch stacks.
pub struct Seed<'s, 'a>(pub &'s mut Scratch<'a>);

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
        Ok(J::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<J<'de>, E> {
        Ok(J::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<J<'de>, E> {
        Ok(J::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J<'de>, A::Error> {
        let start = self.0.items.len();
        loop {
            match seq.next_element_seed(Seed(&mut *self.0)) {
                Ok(Some(v)) => self.0.items.push(v),
                Ok(None) => break,
                Err(e) => {
                    self.0.items.truncate(start);
                    return Err(e);
                }
            }
        }
        let out: Vec<J<'de>> = self.0.items.drain(start..).collect();
        Ok(J::Arr(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J<'de>, A::Error> {
        let start = self.0.entries.len();
        loop {
            let k = match map.next_key::<Key<'de>>() {
                Ok(Some(Key(k))) => k,
                Ok(None) => break,
                Err(e) => {
                    self.0.entries.truncate(start);
                    return Err(e);
                }
            };
            match map.next_value_seed(Seed(&mut *self.0)) {
                Ok(v) => self.0.entries.push((k, v)),
                Err(e) => {
                    self.0.entries.truncate(start);
                    return Err(e);
                }
            }
        }
        let out: Vec<(Cow<'de, str>, J<'de>)> = self.0.entries.drain(start..).collect();
        Ok(J::Obj(Obj(out)))
    }
}

impl<'de> Deserialize<'de> for J<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Seed(&mut Scratch::default()).deserialize(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_plain_strings_and_keeps_key_order() {
        let text = r#"{"b": "x", "a": [1, 2.5, null, true], "c": "e\u00e9"}"#;
        let v: J = serde_json::from_str(text).expect("json");
        let o = v.as_object().expect("object");
        assert_eq!(o.keys().collect::<Vec<_>>(), ["b", "a", "c"]);
        assert!(matches!(o.get("b"), Some(J::Str(Cow::Borrowed("x")))));
        assert!(matches!(o.get("c"), Some(J::Str(Cow::Owned(s))) if s == "eé"));
        assert_eq!(o.get("a").map(|a| a.to_string()).as_deref(), Some("[1, 2.5, null, true]"));
    }
}
