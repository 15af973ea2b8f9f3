//! The one filter every view applies: text search, kinds, outlets, a time range.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::EventStore;
use crate::model::{Event, EventKind};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Case-insensitive words, all of which must occur in the summary, an actor, a place, the
    /// sentence or a quote of the event.
    pub text: String,
    /// Kinds the user switched off.
    pub hidden_kinds: BTreeSet<EventKind>,
    /// Outlets the user switched off ("" stands for articles without an outlet).
    pub hidden_outlets: BTreeSet<String>,
    /// Inclusive time range; events whose span overlaps it pass. Undated events are hidden
    /// while a range is set.
    pub time: Option<(NaiveDate, NaiveDate)>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.hidden_kinds.is_empty()
            && self.hidden_outlets.is_empty()
            && self.time.is_none()
    }

    pub fn matches(&self, store: &EventStore, event: &Event) -> bool {
        if self.hidden_kinds.contains(&event.kind) {
            return false;
        }
        if let Some((from, to)) = self.time {
            match &event.when {
                Some(w) if w.overlaps(from, to) => {}
                _ => return false,
            }
        }
        if !self.hidden_outlets.is_empty() {
            let outlet = store
                .article(event.article)
                .and_then(|a| a.outlet.as_deref())
                .unwrap_or("");
            if self.hidden_outlets.contains(outlet) {
                return false;
            }
        }
        let text = self.text.trim();
        if text.is_empty() {
            return true;
        }
        let needles: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        needles.iter().all(|n| event_mentions(store, event, n))
    }
}

fn event_mentions(store: &EventStore, event: &Event, needle: &str) -> bool {
    let has = |s: &str| contains_ci(s, needle);
    has(&event.summary)
        || has(store.sentence(event))
        || event.actors.iter().any(|a| has(&a.name))
        || event.places.iter().any(|p| has(&p.name) || has(&p.text))
        || event
            .quotes
            .iter()
            .filter_map(|q| store.quote(*q))
            .any(|q| has(store.quote_text(q)) || q.speaker.as_deref().is_some_and(has))
}

/// Case-insensitive substring test without allocating for ASCII haystacks.
fn contains_ci(haystack: &str, needle_lower: &str) -> bool {
    if haystack.is_ascii() && needle_lower.is_ascii() {
        let h = haystack.as_bytes();
        let n = needle_lower.as_bytes();
        if n.is_empty() {
            return true;
        }
        return h
            .windows(n.len())
            .any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b));
    }
    haystack.to_lowercase().contains(needle_lower)
}

#[cfg(test)]
mod tests {
    use super::contains_ci;

    #[test]
    fn case_insensitive_search() {
        assert!(contains_ci("Visit to Washington", "washington"));
        assert!(contains_ci("Élysée Palace", "élysée"));
        assert!(!contains_ci("Paris", "london"));
    }
}
