//! [`Name`]: a place, country or actor name shared by all its mentions.

use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashSet as HashSet;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A name as events carry it: every mention of "Washington" or "US" shares one allocation,
/// since hundreds of thousands of events name the same few thousand places and people.
/// Reads as a `str`, compares with strings, and serializes as a string.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(Arc<str>);

/// Every name made so far. Names are never dropped from it: a corpus uses a bounded vocabulary
/// of places and people, and keeping them lets later loads share them too.
fn names() -> &'static Mutex<HashSet<Arc<str>>> {
    static NAMES: OnceLock<Mutex<HashSet<Arc<str>>>> = OnceLock::new();
    NAMES.get_or_init(Default::default)
}

impl Name {
    pub fn new(s: &str) -> Name {
        if s.is_empty() {
            return Name::default();
        }
        let mut names = names().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(name) = names.get(s) {
            return Name(name.clone());
        }
        let name: Arc<str> = Arc::from(s);
        names.insert(name.clone());
        Name(name)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Name {
    fn default() -> Self {
        static EMPTY: OnceLock<Arc<str>> = OnceLock::new();
        Name(EMPTY.get_or_init(|| Arc::from("")).clone())
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&*self.0, f)
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Self {
        Name::new(s)
    }
}

impl From<&String> for Name {
    fn from(s: &String) -> Self {
        Name::new(s)
    }
}

impl From<String> for Name {
    fn from(s: String) -> Self {
        Name::new(&s)
    }
}

impl From<&Name> for String {
    fn from(n: &Name) -> Self {
        n.as_str().to_owned()
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        &*self.0 == other.as_str()
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == &*other.0
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Name::new(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_names_share_one_allocation_and_read_as_strings() {
        let a = Name::new("Washington");
        let b = Name::from(String::from("Washington"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "Washington");
        assert_eq!(a.as_str(), "Washington");
        assert!(a.starts_with("Wash"));
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"Washington\"");
        let back: Name = serde_json::from_str("\"Washington\"").unwrap();
        assert!(Arc::ptr_eq(&a.0, &back.0));
        assert_eq!(format!("{a} {a:?}"), "Washington \"Washington\"");
        assert_eq!(Name::default(), "");
    }
}
