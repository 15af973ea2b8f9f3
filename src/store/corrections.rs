//! The user's fixes to what the extractor found: articles' metadata (for folders where
//! `sources.csv` cannot be written) and per-event fixes (hide, date, place). Persisted as JSON in
//! the app's data directory and applied every time articles are extracted, so they survive
//! restarts and re-extraction.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Article, DateSpan, Event, Extraction, Place, PublishedBasis};

/// Fixes to one article's metadata.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleFix {
    pub published: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub title: Option<String>,
}

/// Fixes to one event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFix {
    pub hidden: bool,
    pub when: Option<DateSpan>,
    pub place: Option<Place>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Corrections {
    /// By article path.
    pub articles: BTreeMap<String, ArticleFix>,
    /// By [`event_key`].
    pub events: BTreeMap<String, EventFix>,
    /// Mentions taken out of their story by hand ("not the same happening"), by [`event_key`].
    pub story_splits: BTreeSet<String>,
    /// Pairs of mentions put in one story by hand, by [`event_key`].
    pub story_merges: Vec<(String, String)>,
}

/// A key for an event that survives re-extraction: its article, the sentence's byte range and
/// the date words (one sentence can hold several dated events).
pub fn event_key(article_path: &str, event: &Event) -> String {
    let when = event.when.as_ref().map_or("", |w| w.text.as_str());
    format!("{article_path}#{}-{}#{when}", event.span[0], event.span[1])
}

impl Corrections {
    pub fn load(path: &Path) -> Result<Self, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// Write atomically (temporary file and rename).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        crate::corpus::metadata::write_atomically(path, &json)
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
            && self.events.is_empty()
            && self.story_splits.is_empty()
            && self.story_merges.is_empty()
    }

    /// The hand-made story splits and merges as the clusterer takes them: by event id in
    /// `events`, whose articles are `articles`. Fixes naming events no longer there are
    /// left out.
    pub fn story_hints(
        &self,
        articles: &[Article],
        events: &[Event],
    ) -> crate::cluster::StoryHints {
        let mut hints = crate::cluster::StoryHints::default();
        if self.story_splits.is_empty() && self.story_merges.is_empty() {
            return hints;
        }
        let mut by_key = std::collections::HashMap::new();
        for e in events {
            if let Some(a) = articles.get(e.article.index()) {
                by_key.insert(event_key(&a.path, e), e.id);
            }
        }
        hints.apart = self
            .story_splits
            .iter()
            .filter_map(|k| by_key.get(k).copied())
            .collect();
        hints.together = self
            .story_merges
            .iter()
            .filter_map(|(a, b)| Some((*by_key.get(a)?, *by_key.get(b)?)))
            .collect();
        hints
    }

    /// An article's metadata fixes, before extraction (so relative dates resolve against a
    /// fixed publication date).
    pub fn apply_to_article(&self, article: &mut Article) {
        let Some(fix) = self.articles.get(&article.path) else {
            return;
        };
        if let Some(d) = fix.published {
            article.published = Some(d);
            article.published_basis = PublishedBasis::User;
            article.published_evidence = None;
        }
        if fix.outlet.is_some() {
            article.outlet.clone_from(&fix.outlet);
        }
        if fix.title.is_some() {
            article.title.clone_from(&fix.title);
        }
    }

    /// Event fixes, after extraction: hidden events are dropped (ids renumbered), dates and
    /// places replaced.
    pub fn apply_to_events(&self, extraction: &mut Extraction) {
        if self.events.is_empty() {
            return;
        }
        let paths: Vec<String> = extraction.articles.iter().map(|a| a.path.clone()).collect();
        let mut events = std::mem::take(&mut extraction.events);
        events.retain_mut(|e| {
            let Some(path) = paths.get(e.article.index()) else {
                return true;
            };
            let Some(fix) = self.events.get(&event_key(path, e)) else {
                return true;
            };
            if let Some(when) = &fix.when {
                e.when = Some(when.clone());
            }
            if let Some(place) = &fix.place {
                e.places = vec![place.into()];
            }
            !fix.hidden
        });
        for (i, e) in events.iter_mut().enumerate() {
            e.id = crate::model::EventId::from_index(i);
        }
        extraction.events = events;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_survive_a_round_trip_and_apply_to_a_fresh_extraction() {
        let mut ex = crate::pipeline::extract_seeds();
        let path = ex.articles[0].path.clone();
        let visit = ex
            .events
            .iter()
            .find(|e| {
                e.when
                    .as_ref()
                    .is_some_and(|w| w.text == "around November 10")
            })
            .expect("visit")
            .clone();
        let hidden = ex
            .events
            .iter()
            .find(|e| e.article.index() == 0 && e.id != visit.id)
            .expect("other")
            .clone();
        let mut corrections = Corrections::default();
        corrections.events.insert(
            event_key(&path, &visit),
            EventFix {
                when: Some(DateSpan {
                    text: "around November 10".to_owned(),
                    start: NaiveDate::from_ymd_opt(2025, 11, 10).unwrap(),
                    end: NaiveDate::from_ymd_opt(2025, 11, 11).unwrap(),
                    precision: crate::model::Precision::Day,
                    approximate: false,
                }),
                ..EventFix::default()
            },
        );
        corrections.events.insert(
            event_key(&path, &hidden),
            EventFix {
                hidden: true,
                ..EventFix::default()
            },
        );
        corrections.articles.insert(
            path.clone(),
            ArticleFix {
                outlet: Some("Al-Monitor".into()),
                ..ArticleFix::default()
            },
        );

        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("corrections.json");
        corrections.save(&file).unwrap();
        let loaded = Corrections::load(&file).unwrap();
        assert_eq!(loaded, corrections);

        let before = ex.events.len();
        loaded.apply_to_events(&mut ex);
        loaded.apply_to_article(&mut ex.articles[0]);
        assert_eq!(ex.events.len(), before - 1);
        assert!(
            ex.events
                .iter()
                .all(|e| e.sentence != hidden.sentence || e.when != hidden.when)
        );
        let fixed = ex
            .events
            .iter()
            .find(|e| e.sentence == visit.sentence && e.when.is_some())
            .unwrap();
        assert_eq!(
            fixed.when.as_ref().map(|w| w.end.to_string()).as_deref(),
            Some("2025-11-11")
        );
        assert!(ex.events.iter().enumerate().all(|(i, e)| e.id.index() == i));
        assert_eq!(ex.articles[0].outlet.as_deref(), Some("Al-Monitor"));
        assert_eq!(
            Corrections::load(&dir.path().join("missing.json")).unwrap(),
            Corrections::default()
        );
    }
}
