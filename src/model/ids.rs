//! Typed ids. In memory they are indices; in JSON they are short prefixed strings ("a3",
//! "e17", "q2") so exported files read well and cannot mix kinds up.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! prefixed_id {
    ($name:ident, $prefix:literal) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(pub u32);

        impl $name {
            pub const PREFIX: char = $prefix;

            pub fn index(self) -> usize {
                self.0 as usize
            }

            pub fn from_index(index: usize) -> Self {
                Self(u32::try_from(index).unwrap_or(u32::MAX))
            }

            /// Parse the JSON spelling ("e17").
            pub fn parse(s: &str) -> Option<Self> {
                s.strip_prefix($prefix)?.parse().ok().map(Self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}{}", $prefix, self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "expected an id like \"{}12\", got {s:?}",
                        $prefix
                    ))
                })
            }
        }
    };
}

prefixed_id!(ArticleId, 'a');
prefixed_id!(EventId, 'e');
prefixed_id!(QuoteId, 'q');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_json() {
        let json = serde_json::to_string(&EventId(17)).unwrap();
        assert_eq!(json, "\"e17\"");
        assert_eq!(serde_json::from_str::<EventId>(&json).unwrap(), EventId(17));
        assert!(serde_json::from_str::<EventId>("\"a17\"").is_err());
        assert!(serde_json::from_str::<QuoteId>("\"q\"").is_err());
    }
}
