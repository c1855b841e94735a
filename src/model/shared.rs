//! `Str`: an immutable string that shares its bytes.
//!
//! A dataset's ids and texts are slices of the one copy of the document they
//! were read from ([`Doc`]): reading a dataset allocates nothing per string,
//! and copying one (a result names every indicator) only counts a reference.
//! A string that cannot be a slice of the document (one with escapes, or one
//! made in code) has a buffer of its own.

use schemars::JsonSchema;
use serde::{Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// An immutable, cheaply cloned string.
#[derive(Clone)]
pub struct Str {
    buf: Arc<str>,
    start: u32,
    end: u32,
}

impl Str {
    /// A string with a buffer of its own.
    pub fn new(s: &str) -> Str {
        Str::whole(Arc::from(s))
    }

    fn whole(buf: Arc<str>) -> Str {
        let end = u32::try_from(buf.len()).unwrap_or(u32::MAX);
        Str { buf, start: 0, end }
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        self.buf.get(self.start as usize..self.end as usize).unwrap_or("")
    }
}

/// The text a dataset was read from, shared by every [`Str`] read from it.
pub(crate) struct Doc(Arc<str>);

impl Doc {
    pub fn new(text: &str) -> Doc {
        Doc(Arc::from(text))
    }

    /// The whole text (parse this, so that its strings can be shared).
    pub fn text(&self) -> &str {
        &self.0
    }

    /// `s` as a shared slice when it lies within the document (it was read
    /// from [`Doc::text`]), else copied.
    pub fn str(&self, s: &str) -> Str {
        // Where `s` starts within the document, if it does (the same bytes,
        // not merely equal ones: then no comparison is needed).
        let at = (s.as_ptr() as usize).wrapping_sub(self.0.as_ptr() as usize);
        let within = at.checked_add(s.len()).and_then(|end| self.0.get(at..end)).is_some();
        match (within, u32::try_from(at), u32::try_from(at.wrapping_add(s.len()))) {
            (true, Ok(start), Ok(end)) => Str { buf: Arc::clone(&self.0), start, end },
            _ => Str::new(s),
        }
    }
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl Default for Str {
    fn default() -> Self {
        Str::new("")
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Self {
        Str::new(s)
    }
}

impl From<String> for Str {
    fn from(s: String) -> Self {
        Str::whole(Arc::from(s))
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Self {
        Str::new(s)
    }
}

impl From<Str> for String {
    fn from(s: Str) -> Self {
        s.as_str().to_string()
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Str {}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Str) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Str {
    fn cmp(&self, other: &Str) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

/// Hashes as the `str` it holds (so a map keyed by `Str` is searched with a `&str`).
impl Hash for Str {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Str {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The schema of a string.
impl JsonSchema for Str {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        String::schema_id()
    }
    fn inline_schema() -> bool {
        String::inline_schema()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_of_the_document_share_it_and_others_are_copied() {
        let doc = Doc::new(r#"{"id": "G1-a", "name": "世田谷"}"#);
        let text = doc.text();
        let id = doc.str(&text[8..12]);
        assert_eq!(id, "G1-a");
        assert!(Arc::ptr_eq(&id.buf, &doc.0), "shared");
        let name = doc.str(&text[24..33]);
        assert_eq!(name.as_str(), "世田谷");
        let other = doc.str("G1-a");
        assert_eq!(other, id);
        assert!(!Arc::ptr_eq(&other.buf, &doc.0), "a string from elsewhere is copied");
        let empty = doc.str(&text[text.len()..]);
        assert_eq!(empty, "");
        assert_eq!(format!("{id} {id:?}"), "G1-a \"G1-a\"");
        assert_eq!(serde_json::to_string(&name).expect("json"), "\"世田谷\"");
        let mut m = std::collections::HashMap::new();
        m.insert(id.clone(), 1);
        assert_eq!(m.get("G1-a"), Some(&1));
    }
}
