//! `YearValues`: an indicator's or KPI's values by fiscal year.
//!
//! A map from year to value, sorted by year. Datasets hold thousands of them
//! with a handful of entries each (typically the two milestone targets), so it
//! is a sorted list that keeps up to two entries inline: reading a dataset
//! allocates nothing for them, and the paths walk a plain slice.

use schemars::JsonSchema;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::collections::BTreeMap;

const INLINE: usize = 2;

/// Year → value, sorted by year, each year once.
#[derive(Clone)]
pub struct YearValues(Repr);

/// Inline: the first `n` entries count (the rest is stale).
#[derive(Clone)]
enum Repr {
    Inline(u8, [(i32, f64); INLINE]),
    Heap(Vec<(i32, f64)>),
}

/// Equal when the entries are, however they are stored.
impl PartialEq for YearValues {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Default for YearValues {
    fn default() -> Self {
        YearValues::new()
    }
}

impl YearValues {
    /// An empty map.
    pub const fn new() -> YearValues {
        YearValues(Repr::Inline(0, [(0, 0.0); INLINE]))
    }

    /// The entries, sorted by year.
    pub fn as_slice(&self) -> &[(i32, f64)] {
        match &self.0 {
            Repr::Inline(n, a) => &a[..*n as usize],
            Repr::Heap(v) => v,
        }
    }

    /// How many years have a value.
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// Whether no year has a value.
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// The value in `year`.
    pub fn get(&self, year: i32) -> Option<f64> {
        let s = self.as_slice();
        s.binary_search_by_key(&year, |e| e.0).ok().map(|i| s[i].1)
    }

    /// Whether `year` has a value.
    pub fn contains_year(&self, year: i32) -> bool {
        self.get(year).is_some()
    }

    /// `(year, value)` in year order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (i32, f64)> + '_ {
        self.as_slice().iter().copied()
    }

    /// The years, in order.
    pub fn years(&self) -> impl DoubleEndedIterator<Item = i32> + '_ {
        self.as_slice().iter().map(|e| e.0)
    }

    /// The entries after `year`.
    pub fn after(&self, year: i32) -> &[(i32, f64)] {
        let s = self.as_slice();
        &s[s.partition_point(|e| e.0 <= year)..]
    }

    /// Sets the value in `year`; returns the value it replaces.
    pub fn insert(&mut self, year: i32, value: f64) -> Option<f64> {
        let at = match self.as_slice().binary_search_by_key(&year, |e| e.0) {
            Ok(i) => {
                let old = self.as_slice()[i].1;
                match &mut self.0 {
                    Repr::Inline(_, a) => a[i].1 = value,
                    Repr::Heap(v) => v[i].1 = value,
                }
                return Some(old);
            }
            Err(i) => i,
        };
        match &mut self.0 {
            Repr::Inline(n, a) if (*n as usize) < INLINE => {
                let n0 = *n as usize;
                a.copy_within(at..n0, at + 1);
                a[at] = (year, value);
                *n += 1;
            }
            Repr::Inline(n, a) => {
                let mut v = Vec::with_capacity(INLINE * 2);
                v.extend_from_slice(&a[..*n as usize]);
                v.insert(at, (year, value));
                self.0 = Repr::Heap(v);
            }
            Repr::Heap(v) => v.insert(at, (year, value)),
        }
        None
    }

    /// Removes the value in `year`; returns it.
    pub fn remove(&mut self, year: i32) -> Option<f64> {
        let i = self.as_slice().binary_search_by_key(&year, |e| e.0).ok()?;
        match &mut self.0 {
            Repr::Inline(n, a) => {
                let old = a[i].1;
                a.copy_within(i + 1..*n as usize, i);
                *n -= 1;
                Some(old)
            }
            Repr::Heap(v) => Some(v.remove(i).1),
        }
    }
}

impl FromIterator<(i32, f64)> for YearValues {
    /// Later entries replace earlier ones of the same year.
    fn from_iter<I: IntoIterator<Item = (i32, f64)>>(iter: I) -> Self {
        let mut m = YearValues::new();
        for (y, v) in iter {
            m.insert(y, v);
        }
        m
    }
}

impl<const N: usize> From<[(i32, f64); N]> for YearValues {
    fn from(a: [(i32, f64); N]) -> Self {
        a.into_iter().collect()
    }
}

impl std::fmt::Debug for YearValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Written as a JSON object `{ "2027": 130, ... }`, like a map.
impl Serialize for YearValues {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.len()))?;
        for (y, v) in self.iter() {
            m.serialize_entry(&y, &v)?;
        }
        m.end()
    }
}

/// The same schema as a map from year to number.
impl JsonSchema for YearValues {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <BTreeMap<i32, f64>>::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        <BTreeMap<i32, f64>>::schema_id()
    }
    fn inline_schema() -> bool {
        <BTreeMap<i32, f64>>::inline_schema()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <BTreeMap<i32, f64>>::json_schema(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_sorted_map() {
        // Against BTreeMap, through inline and heap storage and back down.
        let mut ours = YearValues::new();
        let mut reference = BTreeMap::new();
        let ops: [(bool, i32, f64); 12] = [
            (true, 2027, 1.0),
            (true, 2024, 2.0),
            (true, 2027, 3.0),
            (true, 2031, 4.0),
            (true, 2025, 5.0),
            (false, 2024, 0.0),
            (false, 2030, 0.0),
            (true, 2023, 6.0),
            (false, 2031, 0.0),
            (false, 2025, 0.0),
            (false, 2027, 0.0),
            (true, 2026, 7.0),
        ];
        for (put, y, v) in ops {
            if put {
                assert_eq!(ours.insert(y, v), reference.insert(y, v));
            } else {
                assert_eq!(ours.remove(y), reference.remove(&y));
            }
            assert_eq!(ours.iter().collect::<Vec<_>>(), reference.iter().map(|(y, v)| (*y, *v)).collect::<Vec<_>>());
            assert_eq!(ours.len(), reference.len());
            assert_eq!(ours.get(2026), reference.get(&2026).copied());
        }
        assert_eq!(ours.after(2023), &[(2026, 7.0)]);
        assert_eq!(ours.after(2026), &[]);
    }

    #[test]
    fn serialises_as_a_map() {
        let m = YearValues::from([(2031, 135.0), (2027, 130.5)]);
        assert_eq!(serde_json::to_string(&m).expect("json"), r#"{"2027":130.5,"2031":135.0}"#);
        let b: BTreeMap<i32, f64> = [(2027, 130.5), (2031, 135.0)].into();
        assert_eq!(serde_json::to_string(&m).expect("json"), serde_json::to_string(&b).expect("json"));
    }
}
