//! A document's fields by name: a sorted vector, not a `BTreeMap`. A document has a handful
//! of fields, and reading 100,000 documents' metadata back from the cache spent most of its
//! extra time inserting into tree nodes; a vector is read in one allocation, already sorted.

use super::field_name::FieldName;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// Values by field name, in name order; serialized as a map.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FieldMap<V>(Vec<(FieldName, V)>);

impl<V> Default for FieldMap<V> {
    fn default() -> Self {
        FieldMap(Vec::new())
    }
}

impl<V> FieldMap<V> {
    /// No fields.
    pub fn new() -> Self {
        Self::default()
    }

    /// The map of `pairs` the caller knows to be in name order without repeats (the cache
    /// checks its own numbering instead of comparing the names).
    pub(crate) fn from_sorted(pairs: Vec<(FieldName, V)>) -> Self {
        debug_assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0));
        FieldMap(pairs)
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(n, _)| n.as_str().cmp(name))
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&V> {
        self.find(name).ok().map(|i| &self.0[i].1)
    }

    /// Whether `name` has a value.
    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Sets `name` to `value`, giving back the value it replaces.
    pub fn insert(&mut self, name: impl Into<FieldName>, value: V) -> Option<V> {
        let name = name.into();
        match self.find(&name) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (name, value));
                None
            }
        }
    }

    /// How many fields have a value.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no field has a value.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Names and values, in name order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&FieldName, &V)> + ExactSizeIterator {
        self.0.iter().map(|(n, v)| (n, v))
    }

    /// The names, in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &FieldName> + ExactSizeIterator {
        self.0.iter().map(|(n, _)| n)
    }
}

impl<V> std::ops::Index<&str> for FieldMap<V> {
    type Output = V;
    fn index(&self, name: &str) -> &V {
        match self.get(name) {
            Some(v) => v,
            None => panic!("no field {name:?}"),
        }
    }
}

impl<'a, V> IntoIterator for &'a FieldMap<V> {
    type Item = (&'a FieldName, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (FieldName, V)>,
        fn(&'a (FieldName, V)) -> (&'a FieldName, &'a V),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(n, v)| (n, v))
    }
}

impl<V> IntoIterator for FieldMap<V> {
    type Item = (FieldName, V);
    type IntoIter = std::vec::IntoIter<(FieldName, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<N: Into<FieldName>, V> FromIterator<(N, V)> for FieldMap<V> {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(pairs: I) -> Self {
        from_pairs(pairs.into_iter().map(|(n, v)| (n.into(), v)).collect())
    }
}

/// The map of `pairs`: kept as they are when sorted without repeats (as every map this
/// program writes), else sorted with the last of a repeated name winning, as a map would.
fn from_pairs<V>(pairs: Vec<(FieldName, V)>) -> FieldMap<V> {
    if pairs.windows(2).all(|w| w[0].0 < w[1].0) {
        return FieldMap(pairs);
    }
    let sorted: BTreeMap<FieldName, V> = pairs.into_iter().collect();
    FieldMap(sorted.into_iter().collect())
}

impl<V: fmt::Debug> fmt::Debug for FieldMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V: Serialize> Serialize for FieldMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for FieldMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pairs<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Pairs<V> {
            type Value = FieldMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of fields")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<FieldMap<V>, A::Error> {
                // A length from the input is a hint, not a promise: capped.
                let mut pairs = Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
                while let Some(pair) = access.next_entry()? {
                    pairs.push(pair);
                }
                Ok(from_pairs(pairs))
            }
        }
        deserializer.deserialize_map(Pairs(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_keep_names_in_order_and_replace() {
        let mut map = FieldMap::new();
        assert_eq!(map.insert("post", 1), None);
        assert_eq!(map.insert("country", 2), None);
        assert_eq!(map.insert("post", 3), Some(1));
        assert_eq!(
            map.keys().map(FieldName::as_str).collect::<Vec<_>>(),
            ["country", "post"]
        );
        assert_eq!(map["post"], 3);
        assert!(map.contains_key("country") && !map.contains_key("Country"));
    }

    #[test]
    fn reads_back_as_a_map_would_even_unsorted() {
        let map: FieldMap<u32> = [("b", 1), ("a", 2)].into_iter().collect();
        let json = serde_json::to_string(&map).unwrap();
        assert_eq!(json, r#"{"a":2,"b":1}"#);
        let back: FieldMap<u32> = serde_json::from_str(r#"{"b":1,"a":2,"b":5}"#).unwrap();
        assert_eq!(
            back.iter()
                .map(|(n, v)| (n.as_str(), *v))
                .collect::<Vec<_>>(),
            [("a", 2), ("b", 5)]
        );
        let bytes = postcard::to_stdvec(&map).unwrap();
        assert_eq!(postcard::from_bytes::<FieldMap<u32>>(&bytes).unwrap(), map);
    }
}
