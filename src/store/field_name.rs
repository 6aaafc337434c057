//! Extra fields' names and values, kept small: a table joined to 100,000 documents gives
//! each of them the same handful of names, so a name is shared (interned) rather than copied,
//! and a value is a [`FieldValue`], which holds short text inline without an allocation.
//! Both serialize as plain strings, so the cache and JSON are unchanged by them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// An extra field's value: up to 24 bytes of text without an allocation.
pub type FieldValue = compact_str::CompactString;

/// A field's name (`country`, `date`), shared by every document that has the field.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldName(Arc<str>);

/// Names a thread keeps for sharing; past this many (a table with a column per row, say)
/// new names are simply not shared.
const MAX_SHARED: usize = 4096;

thread_local! {
    static NAMES: RefCell<HashSet<Arc<str>, foldhash::fast::RandomState>> =
        RefCell::new(HashSet::default());
}

impl FieldName {
    /// The name `name`, the same allocation as every other use of it on this thread.
    pub fn new(name: &str) -> FieldName {
        NAMES.with(|names| {
            let mut names = names.borrow_mut();
            if let Some(shared) = names.get(name) {
                return FieldName(Arc::clone(shared));
            }
            let shared: Arc<str> = Arc::from(name);
            if names.len() < MAX_SHARED {
                names.insert(Arc::clone(&shared));
            }
            FieldName(shared)
        })
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for FieldName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for FieldName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for FieldName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for FieldName {
    fn from(name: &str) -> FieldName {
        FieldName::new(name)
    }
}

impl From<String> for FieldName {
    fn from(name: String) -> FieldName {
        FieldName::new(&name)
    }
}

impl PartialEq<str> for FieldName {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for FieldName {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl fmt::Debug for FieldName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for FieldName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for FieldName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for FieldName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FieldName, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = FieldName;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<FieldName, E> {
                Ok(FieldName::new(name))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_is_one_allocation() {
        let a = FieldName::new("country");
        let b = FieldName::from(String::from("country"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "country");
        assert!(FieldName::new("a") < FieldName::new("b"));
    }

    #[test]
    fn names_and_values_serialize_as_strings() {
        let name = FieldName::new("post");
        let bytes = postcard::to_stdvec(&name).unwrap();
        assert_eq!(bytes, postcard::to_stdvec("post").unwrap());
        let back: FieldName = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, name);
        let value = FieldValue::from("Minister for Foreign Affairs");
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(json, "\"Minister for Foreign Affairs\"");
    }
}
