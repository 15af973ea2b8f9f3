//! The event store: every article, event and quote loaded so far, with the indices the views
//! need (by time, by place, by actor). Append-only; each append bumps `generation` so views can
//! tell when their cached data is stale.

mod corrections;
mod filter;
mod names;

pub use corrections::{ArticleFix, Corrections, EventFix, event_key};

pub use filter::Filter;
pub use names::{PersonNames, Renamed};

use std::collections::HashMap;

use crate::model::{
    Actor, ActorKind, Article, ArticleId, Diagnostic, Event, EventId, Extraction, Place, PlaceKey,
    Quote, QuoteId,
};

/// Index of a distinct place in [`EventStore::places`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceId(pub u32);

/// Index of a distinct actor in [`EventStore::actors`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorId(pub u32);

/// A distinct place and the events that mention it.
#[derive(Clone, Debug)]
pub struct PlaceEntry {
    pub place: Place,
    /// Sorted by event time (undated last).
    pub events: Vec<EventId>,
}

/// A distinct actor and the events that involve it.
#[derive(Clone, Debug)]
pub struct ActorEntry {
    pub actor: Actor,
    pub events: Vec<EventId>,
}

#[derive(Default, Debug, Clone)]
pub struct EventStore {
    articles: Vec<Article>,
    events: Vec<Event>,
    quotes: Vec<Quote>,
    diagnostics: Vec<Diagnostic>,
    /// Changes on every change, and is unique across stores (a fresh store never reuses a
    /// number), so views can key caches by it.
    generation: u64,
    /// Quotes of each article, in text order.
    article_quotes: Vec<Vec<QuoteId>>,

    by_time: Vec<EventId>,
    places: Vec<PlaceEntry>,
    place_index: HashMap<PlaceKey, PlaceId>,
    event_places: Vec<Vec<PlaceId>>,
    actors: Vec<ActorEntry>,
    actor_index: HashMap<(String, ActorKind), ActorId>,
    event_actors: Vec<Vec<ActorId>>,

    /// Hand-made story splits and merges (event keys), applied whenever stories are made.
    story_fixes: Corrections,
    /// Mentions grouped into stories; made on first use after a change, since clustering
    /// the whole store on every appended batch would slow loading for views that never ask.
    stories: std::sync::OnceLock<crate::cluster::Stories>,
}

impl EventStore {
    pub fn new() -> Self {
        Self {
            generation: next_generation(),
            ..Self::default()
        }
    }

    pub fn from_extraction(extraction: Extraction) -> Self {
        let mut store = Self::new();
        store.append(extraction);
        store
    }

    /// Add a batch. Ids in the batch are local to it (articles from `a0`); they are renumbered
    /// so they stay unique in the store.
    pub fn append(&mut self, batch: Extraction) {
        let article_base = self.articles.len();
        let event_base = self.events.len();
        let quote_base = self.quotes.len();
        let article_id = |id: ArticleId| ArticleId::from_index(id.index() + article_base);

        for mut article in batch.articles {
            article.id = article_id(article.id);
            self.articles.push(article);
        }
        for mut quote in batch.quotes {
            quote.id = QuoteId::from_index(quote.id.index() + quote_base);
            quote.article = article_id(quote.article);
            self.quotes.push(quote);
        }
        for mut event in batch.events {
            event.id = EventId::from_index(event.id.index() + event_base);
            event.article = article_id(event.article);
            for q in &mut event.quotes {
                *q = QuoteId::from_index(q.index() + quote_base);
            }
            self.events.push(event);
        }
        self.diagnostics.extend(batch.diagnostics);
        self.article_quotes.resize(self.articles.len(), Vec::new());
        for q in &self.quotes[quote_base..] {
            if let Some(list) = self.article_quotes.get_mut(q.article.index()) {
                list.push(q.id);
            }
        }
        // A later batch can name someone the earlier ones knew by surname only ("Sharaa"):
        // merge names across everything held; index actors afresh only when an event held
        // before this batch was renamed (rare once the main names are known).
        let first_changed = if article_base > 0 {
            crate::extract::merge_actors(&mut self.events, &mut self.quotes)
        } else {
            self.events.len()
        };
        if first_changed < event_base {
            self.actors.clear();
            self.actor_index.clear();
            self.event_actors.clear();
            self.index_actors_from(0);
        } else {
            self.index_actors_from(event_base);
        }
        self.index_from(event_base);
        self.stories = std::sync::OnceLock::new();
        self.generation = next_generation();
    }

    /// Every event's story (see [`crate::cluster`]), made now if the store changed since
    /// last asked: O(events), about a second for 200,000 mentions.
    pub fn stories(&self) -> &crate::cluster::Stories {
        self.stories.get_or_init(|| {
            let hints = self.story_fixes.story_hints(&self.articles, &self.events);
            crate::cluster::cluster(&self.events, &hints)
        })
    }

    /// Take up the user's story splits and merges (from their corrections).
    pub fn set_story_fixes(&mut self, corrections: &Corrections) {
        self.story_fixes = Corrections {
            story_splits: corrections.story_splits.clone(),
            story_merges: corrections.story_merges.clone(),
            ..Corrections::default()
        };
        self.stories = std::sync::OnceLock::new();
        self.generation = next_generation();
    }

    /// Replace one article's record, events and quotes (after the user fixed its publication
    /// date, say). `events` and `quotes` carry ids local to the article, from 0. Ids of the
    /// store's other items may change; the generation is bumped.
    pub fn replace_article(
        &mut self,
        id: ArticleId,
        article: Article,
        events: Vec<Event>,
        quotes: Vec<Quote>,
    ) {
        let mut parts = self.per_article();
        let Some(slot) = parts.get_mut(id.index()) else {
            return;
        };
        *slot = (article, events, quotes);
        let diagnostics = std::mem::take(&mut self.diagnostics);
        let story_fixes = std::mem::take(&mut self.story_fixes);
        *self = Self::from_parts(parts, diagnostics);
        self.story_fixes = story_fixes;
    }

    /// One article with its events and quotes, ids local to the article (as
    /// [`EventStore::replace_article`] takes them).
    pub fn article_parts(&self, id: ArticleId) -> Option<(Article, Vec<Event>, Vec<Quote>)> {
        let article = self.article(id)?.clone();
        let quotes: Vec<Quote> = self.quotes_of_article(id).cloned().collect();
        let local = |q: QuoteId| quotes.iter().position(|x| x.id == q);
        let events = self
            .events
            .iter()
            .filter(|e| e.article == id)
            .enumerate()
            .map(|(i, e)| {
                let mut e = e.clone();
                e.id = EventId::from_index(i);
                e.quotes = e
                    .quotes
                    .iter()
                    .filter_map(|q| local(*q).map(QuoteId::from_index))
                    .collect();
                e
            })
            .collect();
        let quotes = quotes
            .into_iter()
            .enumerate()
            .map(|(i, mut q)| {
                q.id = QuoteId::from_index(i);
                q
            })
            .collect();
        Some((article, events, quotes))
    }

    /// Every article with its events and quotes, ids local to each article.
    fn per_article(&self) -> Vec<(Article, Vec<Event>, Vec<Quote>)> {
        let mut parts: Vec<(Article, Vec<Event>, Vec<Quote>)> = self
            .articles
            .iter()
            .map(|a| (a.clone(), Vec::new(), Vec::new()))
            .collect();
        let mut local_quote = vec![0usize; self.quotes.len()];
        for q in &self.quotes {
            if let Some(part) = parts.get_mut(q.article.index()) {
                local_quote[q.id.index()] = part.2.len();
                let mut q = q.clone();
                q.id = QuoteId::from_index(part.2.len());
                part.2.push(q);
            }
        }
        for e in &self.events {
            if let Some(part) = parts.get_mut(e.article.index()) {
                let mut e = e.clone();
                e.id = EventId::from_index(part.1.len());
                for q in &mut e.quotes {
                    *q = QuoteId::from_index(local_quote[q.index()]);
                }
                part.1.push(e);
            }
        }
        parts
    }

    fn from_parts(
        parts: Vec<(Article, Vec<Event>, Vec<Quote>)>,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        let mut all = Extraction {
            diagnostics,
            ..Extraction::default()
        };
        for (i, (mut article, events, quotes)) in parts.into_iter().enumerate() {
            let (event_base, quote_base) = (all.events.len(), all.quotes.len());
            article.id = ArticleId::from_index(i);
            for mut q in quotes {
                q.id = QuoteId::from_index(q.id.index() + quote_base);
                q.article = article.id;
                all.quotes.push(q);
            }
            for mut e in events {
                e.id = EventId::from_index(e.id.index() + event_base);
                e.article = article.id;
                for q in &mut e.quotes {
                    *q = QuoteId::from_index(q.index() + quote_base);
                }
                all.events.push(e);
            }
            all.articles.push(article);
        }
        Self::from_extraction(all)
    }

    fn index_actors_from(&mut self, first_new: usize) {
        let mut touched = Vec::new();
        for i in first_new..self.events.len() {
            let id = EventId::from_index(i);
            let mut actor_ids = Vec::new();
            for actor in &self.events[i].actors {
                let aid = match self.actor_index.get(&(actor.name.clone(), actor.kind)) {
                    Some(&aid) => aid,
                    None => {
                        let aid = ActorId(self.actors.len() as u32);
                        self.actors.push(ActorEntry {
                            actor: actor.clone(),
                            events: Vec::new(),
                        });
                        self.actor_index
                            .insert((actor.name.clone(), actor.kind), aid);
                        aid
                    }
                };
                if !actor_ids.contains(&aid) {
                    self.actors[aid.0 as usize].events.push(id);
                    actor_ids.push(aid);
                    touched.push(aid);
                }
            }
            self.event_actors.push(actor_ids);
        }
        touched.sort_unstable();
        touched.dedup();
        let events = &self.events;
        for aid in touched {
            self.actors[aid.0 as usize]
                .events
                .sort_by_cached_key(|id| time_key(&events[id.index()]));
        }
    }

    fn index_from(&mut self, first_new: usize) {
        let mut touched = Vec::new();
        for i in first_new..self.events.len() {
            let id = EventId::from_index(i);
            let mut place_ids = Vec::new();
            for place in &self.events[i].places {
                let key = place.key();
                let pid = match self.place_index.get(&key) {
                    Some(&pid) => pid,
                    None => {
                        let pid = PlaceId(self.places.len() as u32);
                        self.places.push(PlaceEntry {
                            place: Place {
                                text: place.name.clone(),
                                ..place.clone()
                            },
                            events: Vec::new(),
                        });
                        self.place_index.insert(key, pid);
                        pid
                    }
                };
                if !place_ids.contains(&pid) {
                    self.places[pid.0 as usize].events.push(id);
                    place_ids.push(pid);
                    touched.push(pid);
                }
            }
            self.event_places.push(place_ids);
        }

        // Only what this batch touched is sorted again: the new events by time, merged into
        // the rest, and the places that gained events.
        let events = &self.events;
        let key = |id: &EventId| time_key(&events[id.index()]);
        let mut new: Vec<EventId> = (first_new..events.len()).map(EventId::from_index).collect();
        new.sort_by_cached_key(key);
        let old = std::mem::take(&mut self.by_time);
        let mut merged = Vec::with_capacity(old.len() + new.len());
        let (mut a, mut b) = (old.into_iter().peekable(), new.into_iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if key(x) <= key(y) => a.next(),
                (Some(_), Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, _) => b.next(),
            };
            match next {
                Some(id) => merged.push(id),
                None => break,
            }
        }
        self.by_time = merged;
        touched.sort_unstable();
        touched.dedup();
        for pid in touched {
            self.places[pid.0 as usize]
                .events
                .sort_by_cached_key(|id| time_key(&events[id.index()]));
        }
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.articles.is_empty()
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.articles.get(id.index())
    }

    pub fn event(&self, id: EventId) -> Option<&Event> {
        self.events.get(id.index())
    }

    pub fn quote(&self, id: QuoteId) -> Option<&Quote> {
        self.quotes.get(id.index())
    }

    /// All events in time order (by start date; undated events last, in article order).
    pub fn by_time(&self) -> &[EventId] {
        &self.by_time
    }

    pub fn places(&self) -> &[PlaceEntry] {
        &self.places
    }

    pub fn place(&self, id: PlaceId) -> Option<&PlaceEntry> {
        self.places.get(id.0 as usize)
    }

    pub fn place_id(&self, place: &Place) -> Option<PlaceId> {
        self.place_index.get(&place.key()).copied()
    }

    /// Distinct places of an event, as store ids.
    pub fn event_places(&self, id: EventId) -> &[PlaceId] {
        self.event_places.get(id.index()).map_or(&[], Vec::as_slice)
    }

    pub fn actors(&self) -> &[ActorEntry] {
        &self.actors
    }

    pub fn actor(&self, id: ActorId) -> Option<&ActorEntry> {
        self.actors.get(id.0 as usize)
    }

    pub fn event_actors(&self, id: EventId) -> &[ActorId] {
        self.event_actors.get(id.index()).map_or(&[], Vec::as_slice)
    }

    /// Quotes of an article, in text order.
    pub fn quotes_of_article(&self, id: ArticleId) -> impl Iterator<Item = &Quote> {
        self.article_quotes
            .get(id.index())
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|q| self.quotes.get(q.index()))
    }

    /// Events passing `filter`, in time order.
    pub fn filtered<'a>(&'a self, filter: &'a Filter) -> impl Iterator<Item = &'a Event> + 'a {
        self.by_time
            .iter()
            .map(|id| &self.events[id.index()])
            .filter(move |e| filter.matches(self, e))
    }

    /// The whole store as an exportable document.
    pub fn to_extraction(&self) -> Extraction {
        Extraction {
            articles: self.articles.clone(),
            events: self.events.clone(),
            quotes: self.quotes.clone(),
            diagnostics: self.diagnostics.clone(),
        }
    }
}

/// A generation number no store has used yet.
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Sort key: dated events by start then end, undated after all dated ones.
fn time_key(event: &Event) -> (bool, chrono::NaiveDate, chrono::NaiveDate, u32) {
    match &event.when {
        Some(w) => (false, w.start, w.end, event.id.0),
        None => (
            true,
            chrono::NaiveDate::MIN,
            chrono::NaiveDate::MIN,
            event.id.0,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Document, Ingested, Metadata};
    use crate::model::PublishedBasis;

    fn batch(texts: &[(&str, &str)]) -> Extraction {
        let documents = texts
            .iter()
            .map(|(path, text)| Document {
                path: (*path).to_owned(),
                file: None,
                text: (*text).to_owned(),
                meta: Metadata {
                    published: chrono::NaiveDate::from_ymd_opt(2025, 11, 11),
                    ..Metadata::default()
                },
                published_basis: PublishedBasis::SourcesCsv,
                encoding: "UTF-8",
                content_hash: crate::corpus::content_hash(text.as_bytes()),
            })
            .collect();
        crate::pipeline::extract_ingested(Ingested {
            documents,
            diagnostics: Vec::new(),
        })
    }

    fn people(store: &EventStore) -> Vec<&str> {
        store
            .actors()
            .iter()
            .filter(|a| a.actor.kind == ActorKind::Person)
            .map(|a| a.actor.name.as_str())
            .collect()
    }

    #[test]
    fn later_batches_merge_names_with_earlier_ones() {
        let mut store = EventStore::from_extraction(batch(&[(
            "a.txt",
            "“We will see,” Sharaa said on Monday in Damascus.",
        )]));
        assert_eq!(people(&store), vec!["Sharaa"]);
        store.append(batch(&[(
            "b.txt",
            "Syrian President Ahmed al-Sharaa met Trump in Washington on Monday.",
        )]));
        let names = people(&store);
        assert!(names.contains(&"Ahmed al-Sharaa"), "{names:?}");
        assert!(!names.contains(&"Sharaa"), "{names:?}");
        let before = store.generation();
        store.append(Extraction::default());
        assert!(store.generation() > before);
        assert_ne!(
            EventStore::new().generation(),
            EventStore::from_extraction(Extraction::default()).generation()
        );
    }

    #[test]
    fn replacing_an_article_keeps_the_others_and_their_links() {
        let mut store = EventStore::from_extraction(batch(&[
            ("a.txt", "“It works,” Barrack said on Monday in Paris."),
            (
                "b.txt",
                "Officials met in Cairo on Tuesday. “Talks go on,” the envoy said.",
            ),
        ]));
        let before_b: Vec<String> = store
            .events()
            .iter()
            .filter(|e| e.article == ArticleId(1))
            .map(|e| e.sentence.clone())
            .collect();
        let mut article = store.article(ArticleId(0)).cloned().unwrap();
        article.published = chrono::NaiveDate::from_ymd_opt(2025, 11, 20);
        let ex = crate::extract::extract_article(&mut article);
        store.replace_article(ArticleId(0), article, ex.events, ex.quotes);
        let monday = store
            .events()
            .iter()
            .find(|e| e.article == ArticleId(0) && e.when.is_some())
            .and_then(|e| e.when.as_ref())
            .map(|w| w.start.to_string());
        assert_eq!(
            monday.as_deref(),
            Some("2025-11-17"),
            "re-resolved against the new date"
        );
        let after_b: Vec<String> = store
            .events()
            .iter()
            .filter(|e| e.article == ArticleId(1))
            .map(|e| e.sentence.clone())
            .collect();
        assert_eq!(before_b, after_b);
        for e in store.events() {
            for q in &e.quotes {
                assert_eq!(store.quote(*q).map(|q| q.article), Some(e.article));
            }
            assert_eq!(store.event(e.id).map(|x| x.id), Some(e.id));
        }
    }
}
