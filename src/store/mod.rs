//! The event store: every article, event and quote loaded so far, with the indices the views
//! need (by time, by place, by actor). Append-only; each append bumps `generation` so views can
//! tell when their cached data is stale.

mod corrections;
mod filter;
mod names;

pub use corrections::{ArticleFix, Corrections, EventFix, event_key};

pub use filter::Filter;
pub use names::{PersonNames, Renamed};

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap as HashMap;

use crate::model::{
    Actor, ActorKind, Article, ArticleId, Diagnostic, Event, EventActor, EventId, Extraction,
    Place, Quote, QuoteId,
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
    /// Shared with a running [`StoryJob`] (which reads them on another thread): changed
    /// through `Arc::make_mut`, which copies only if a job still holds them.
    articles: Arc<Vec<Article>>,
    events: Arc<Vec<Event>>,
    quotes: Vec<Quote>,
    diagnostics: Vec<Diagnostic>,
    /// Changes on every change, and is unique across stores (a fresh store never reuses a
    /// number), so views can key caches by it.
    generation: u64,
    /// Quotes of each article, in text order.
    article_quotes: Vec<Vec<QuoteId>>,

    by_time: Vec<EventId>,
    /// [`time_key`] of every event.
    time_keys: Vec<u64>,
    places: Vec<PlaceEntry>,
    /// Name → (country, place) for each gazetteer entry of that name.
    place_index: HashMap<String, Vec<(String, PlaceId)>>,
    event_places: Rows<PlaceId>,
    actors: Vec<ActorEntry>,
    /// Name → actor, one map per [`ActorKind`] (see [`kind_slot`]).
    actor_index: [HashMap<String, ActorId>; 3],
    event_actors: Rows<ActorId>,

    /// Person names across everything held, merged as batches arrive.
    names: PersonNames,
    /// Actors of the events whose people were renamed by the merge, as extracted (by event
    /// index), so a later batch can merge them differently.
    raw_actors: HashMap<u32, Box<[EventActor]>>,
    /// Speakers of the quotes renamed by the merge, as extracted (by quote index).
    raw_speakers: HashMap<u32, String>,

    /// Hand-made story splits and merges (event keys), applied whenever stories are made.
    story_fixes: Corrections,
    /// Mentions grouped into stories, for this generation; empty after every change. Made
    /// by a [`StoryJob`] off the UI thread and put in with [`EventStore::install_stories`]
    /// (or made here by [`EventStore::stories_now`]), since clustering the whole store takes
    /// about a second for 200,000 mentions.
    stories: OnceLock<crate::cluster::Stories>,
}

/// What making the stories of one generation of a store reads: its events and articles
/// (shared, not copied) and the user's story fixes. Runs on any thread.
#[derive(Clone, Debug)]
pub struct StoryJob {
    generation: u64,
    articles: Arc<Vec<Article>>,
    events: Arc<Vec<Event>>,
    story_fixes: Corrections,
}

impl StoryJob {
    /// The store generation whose stories this makes.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The stories, or `None` when `cancel` was set before they were done (checked between
    /// the clustering's phases).
    pub fn run(&self, cancel: &AtomicBool) -> Option<crate::cluster::Stories> {
        let hints = self.story_fixes.story_hints(&self.articles, &self.events);
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        crate::cluster::cluster_cancellable(
            &self.events,
            &hints,
            |e| sentence_in(&self.articles, e),
            cancel,
        )
    }
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

        let articles = Arc::make_mut(&mut self.articles);
        for mut article in batch.articles {
            article.id = article_id(article.id);
            articles.push(article);
        }
        for mut quote in batch.quotes {
            quote.id = QuoteId::from_index(quote.id.index() + quote_base);
            quote.article = article_id(quote.article);
            self.quotes.push(quote);
        }
        let events = Arc::make_mut(&mut self.events);
        for mut event in batch.events {
            event.id = EventId::from_index(event.id.index() + event_base);
            event.article = article_id(event.article);
            for q in &mut event.quotes {
                *q = QuoteId::from_index(q.index() + quote_base);
            }
            events.push(event);
        }
        self.time_keys
            .extend(self.events[event_base..].iter().map(time_key));
        // A sentence or quote is read from its article's text when it is there: a second
        // copy of every sentence would be a fifth of the store.
        for e in &mut Arc::make_mut(&mut self.events)[event_base..] {
            if span_text(&self.articles, e.article, e.span) == Some(e.sentence.as_str()) {
                e.sentence = String::new();
            }
        }
        for q in &mut self.quotes[quote_base..] {
            if span_text(&self.articles, q.article, q.span) == Some(q.text.as_str()) {
                q.text = String::new();
            }
        }
        self.diagnostics.extend(batch.diagnostics);
        self.article_quotes.resize(self.articles.len(), Vec::new());
        for q in &self.quotes[quote_base..] {
            if let Some(list) = self.article_quotes.get_mut(q.article.index()) {
                list.push(q.id);
            }
        }
        // A later batch can name someone the earlier ones knew by surname only ("Sharaa"):
        // names are merged across everything held. Only the batch's names are counted, and
        // only events held before that show a name whose merged form changed are visited;
        // actors are indexed afresh only when one of those changed (rare once the main
        // names are known).
        let old_changed = self.merge_names(event_base, quote_base);
        if old_changed {
            for index in &mut self.actor_index {
                index.clear();
            }
            self.actors.clear();
            self.event_actors.clear();
            self.index_actors_from(0);
        } else {
            self.index_actors_from(event_base);
        }
        self.index_from(event_base);
        self.stories = OnceLock::new();
        self.generation = next_generation();
    }

    /// Merge person names over everything held once the events from `event_base` and the
    /// quotes from `quote_base` are in: rename those, and the earlier ones showing a name
    /// whose merged form changed. True when an earlier event's actors changed.
    fn merge_names(&mut self, event_base: usize, quote_base: usize) -> bool {
        let changed = self
            .names
            .add(&self.events[event_base..], &self.quotes[quote_base..]);
        let events = Arc::make_mut(&mut self.events);
        for (i, e) in events.iter_mut().enumerate().skip(event_base) {
            if let Some(merged) = self.names.merge_actors(&e.actors) {
                let raw = std::mem::replace(&mut e.actors, merged);
                self.raw_actors.insert(i as u32, raw.into_boxed_slice());
            }
        }
        for (i, q) in self.quotes.iter_mut().enumerate().skip(quote_base) {
            if let Some(s) = &q.speaker
                && self.names.merged(s) != s
            {
                let merged = self.names.merged(s).to_owned();
                if let Some(raw) = q.speaker.replace(merged) {
                    self.raw_speakers.insert(i as u32, raw);
                }
            }
        }
        if changed.is_empty() {
            return false;
        }
        // Earlier events showing a name that changed: found through the actor index (which
        // holds only them yet), merged again from their actors as extracted.
        let person = kind_slot(ActorKind::Person);
        let mut visit: Vec<usize> = changed
            .iter()
            .filter_map(|r| self.actor_index[person].get(&r.was))
            .flat_map(|aid| self.actors[aid.0 as usize].events.iter())
            .map(|id| id.index())
            .filter(|&i| i < event_base)
            .collect();
        visit.sort_unstable();
        visit.dedup();
        let mut old_changed = false;
        for i in visit {
            let e = &mut events[i];
            let raw: Vec<EventActor> = match self.raw_actors.remove(&(i as u32)) {
                Some(raw) => raw.into_vec(),
                None => e.actors.clone(),
            };
            let merged = self.names.merge_actors(&raw);
            let now = merged.as_ref().unwrap_or(&raw);
            if *now != e.actors {
                e.actors.clone_from(now);
                old_changed = true;
            }
            if merged.is_some() {
                self.raw_actors.insert(i as u32, raw.into_boxed_slice());
            }
        }
        let was: std::collections::HashSet<&str> = changed.iter().map(|r| r.was.as_str()).collect();
        for (i, q) in self.quotes[..quote_base].iter_mut().enumerate() {
            let Some(s) = q.speaker.as_mut().filter(|s| was.contains(s.as_str())) else {
                continue;
            };
            let raw = self
                .raw_speakers
                .remove(&(i as u32))
                .unwrap_or_else(|| s.clone());
            let merged = self.names.merged(&raw);
            if merged != s {
                *s = merged.to_owned();
            }
            if merged != raw {
                self.raw_speakers.insert(i as u32, raw);
            }
        }
        old_changed
    }

    /// The sentence an event was read from (the store keeps it in the article text only).
    pub fn sentence<'a>(&'a self, event: &'a Event) -> &'a str {
        sentence_in(&self.articles, event)
    }

    /// The quoted words (the store keeps them in the article text only).
    pub fn quote_text<'a>(&'a self, quote: &'a Quote) -> &'a str {
        match quote.text.as_str() {
            "" => span_text(&self.articles, quote.article, quote.span).unwrap_or(""),
            s => s,
        }
    }

    /// Every event's story (see [`crate::cluster`]) when they are made for this generation;
    /// `None` until then (see [`EventStore::story_job`]).
    pub fn stories(&self) -> Option<&crate::cluster::Stories> {
        self.stories.get()
    }

    /// Every event's story, made now on this thread if not made yet: O(events), about a
    /// second for 200,000 mentions. For the command line, tests and benchmarks; the window
    /// makes them with a [`StoryJob`].
    pub fn stories_now(&self) -> &crate::cluster::Stories {
        self.stories.get_or_init(|| {
            self.story_job()
                .run(&AtomicBool::new(false))
                .unwrap_or_default()
        })
    }

    /// What making this generation's stories needs, to run on another thread. Shares the
    /// events and articles; until the job is dropped, the next change to them copies them.
    pub fn story_job(&self) -> StoryJob {
        StoryJob {
            generation: self.generation,
            articles: Arc::clone(&self.articles),
            events: Arc::clone(&self.events),
            story_fixes: self.story_fixes.clone(),
        }
    }

    /// Take up stories made by a [`StoryJob`] of `generation`. Ignored (false) when the store
    /// changed since the job was made, or has its stories already.
    pub fn install_stories(&mut self, generation: u64, stories: crate::cluster::Stories) -> bool {
        generation == self.generation
            && stories.of_event.len() == self.events.len()
            && self.stories.set(stories).is_ok()
    }

    /// Take up the user's story splits and merges (from their corrections).
    pub fn set_story_fixes(&mut self, corrections: &Corrections) {
        self.story_fixes = Corrections {
            story_splits: corrections.story_splits.clone(),
            story_merges: corrections.story_merges.clone(),
            ..Corrections::default()
        };
        self.stories = OnceLock::new();
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
        let mut events: Vec<Event> = self
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
        let mut quotes: Vec<Quote> = quotes
            .into_iter()
            .enumerate()
            .map(|(i, mut q)| {
                q.id = QuoteId::from_index(i);
                q
            })
            .collect();
        fill_texts(&self.articles, &mut events, &mut quotes);
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
        // Names as extracted, so the rebuilt store merges them afresh.
        for q in &self.quotes {
            if let Some(part) = parts.get_mut(q.article.index()) {
                local_quote[q.id.index()] = part.2.len();
                let mut q = q.clone();
                if let Some(raw) = self.raw_speakers.get(&q.id.0) {
                    q.speaker = Some(raw.clone());
                }
                q.id = QuoteId::from_index(part.2.len());
                part.2.push(q);
            }
        }
        for e in self.events.iter() {
            if let Some(part) = parts.get_mut(e.article.index()) {
                let mut e = e.clone();
                if let Some(raw) = self.raw_actors.get(&e.id.0) {
                    e.actors = raw.to_vec();
                }
                e.id = EventId::from_index(part.1.len());
                for q in &mut e.quotes {
                    *q = QuoteId::from_index(local_quote[q.index()]);
                }
                part.1.push(e);
            }
        }
        for (_, events, quotes) in &mut parts {
            fill_texts(&self.articles, events, quotes);
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
        let mut actor_ids = Vec::new();
        for i in first_new..self.events.len() {
            let id = EventId::from_index(i);
            actor_ids.clear();
            for actor in &self.events[i].actors {
                let index = &mut self.actor_index[kind_slot(actor.kind)];
                let aid = match index.get(actor.name.as_str()) {
                    Some(&aid) => aid,
                    None => {
                        let aid = ActorId(self.actors.len() as u32);
                        self.actors.push(ActorEntry {
                            actor: Actor::from(actor),
                            events: Vec::new(),
                        });
                        index.insert(actor.name.as_str().to_owned(), aid);
                        aid
                    }
                };
                if !actor_ids.contains(&aid) {
                    self.actors[aid.0 as usize].events.push(id);
                    actor_ids.push(aid);
                    touched.push(aid);
                }
            }
            self.event_actors.push(&actor_ids);
        }
        touched.sort_unstable();
        touched.dedup();
        for aid in touched {
            sort_new_in(
                &mut self.actors[aid.0 as usize].events,
                first_new,
                &self.time_keys,
            );
        }
    }

    fn index_from(&mut self, first_new: usize) {
        let mut touched = Vec::new();
        let mut place_ids = Vec::new();
        for i in first_new..self.events.len() {
            let id = EventId::from_index(i);
            place_ids.clear();
            for place in &self.events[i].places {
                let pid = match self.place_named(&place.name, &place.country) {
                    Some(pid) => pid,
                    None => {
                        let pid = PlaceId(self.places.len() as u32);
                        self.places.push(PlaceEntry {
                            place: Place {
                                text: place.name.as_str().to_owned(),
                                ..Place::from(place)
                            },
                            events: Vec::new(),
                        });
                        self.place_index
                            .entry(place.name.as_str().to_owned())
                            .or_default()
                            .push((place.country.as_str().to_owned(), pid));
                        pid
                    }
                };
                if !place_ids.contains(&pid) {
                    self.places[pid.0 as usize].events.push(id);
                    place_ids.push(pid);
                    touched.push(pid);
                }
            }
            self.event_places.push(&place_ids);
        }

        // Only what this batch touched is sorted again: the new events by time, merged into
        // the rest, and the places that gained events.
        self.by_time
            .extend((first_new..self.events.len()).map(EventId::from_index));
        sort_new_in(&mut self.by_time, first_new, &self.time_keys);
        touched.sort_unstable();
        touched.dedup();
        for pid in touched {
            sort_new_in(
                &mut self.places[pid.0 as usize].events,
                first_new,
                &self.time_keys,
            );
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
        self.place_named(&place.name, &place.country)
    }

    /// The distinct place of this name in this country.
    pub fn place_named(&self, name: &str, country: &str) -> Option<PlaceId> {
        self.place_index
            .get(name)?
            .iter()
            .find(|(c, _)| c == country)
            .map(|(_, pid)| *pid)
    }

    /// Distinct places of an event, as store ids.
    pub fn event_places(&self, id: EventId) -> &[PlaceId] {
        self.event_places.get(id.index())
    }

    pub fn actors(&self) -> &[ActorEntry] {
        &self.actors
    }

    pub fn actor(&self, id: ActorId) -> Option<&ActorEntry> {
        self.actors.get(id.0 as usize)
    }

    pub fn event_actors(&self, id: EventId) -> &[ActorId] {
        self.event_actors.get(id.index())
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
        let mut ex = Extraction {
            articles: self.articles.to_vec(),
            events: self.events.to_vec(),
            quotes: self.quotes.clone(),
            diagnostics: self.diagnostics.clone(),
        };
        fill_texts(&ex.articles, &mut ex.events, &mut ex.quotes);
        ex
    }
}

/// [`EventStore::sentence`], given the store's articles.
fn sentence_in<'a>(articles: &'a [Article], event: &'a Event) -> &'a str {
    match event.sentence.as_str() {
        "" => span_text(articles, event.article, event.span).unwrap_or(""),
        s => s,
    }
}

/// The words at `span` in an article's text, if it has them.
fn span_text(articles: &[Article], article: ArticleId, span: [usize; 2]) -> Option<&str> {
    articles.get(article.index())?.text.get(span[0]..span[1])
}

/// Give events and quotes taken from a store (see [`EventStore::sentence`]) their own copy of
/// their sentence or quoted words again, read from `articles` (indexed by their article ids).
pub fn fill_texts(articles: &[Article], events: &mut [Event], quotes: &mut [Quote]) {
    for e in events {
        if e.sentence.is_empty()
            && let Some(s) = span_text(articles, e.article, e.span)
        {
            e.sentence = s.to_owned();
        }
    }
    for q in quotes {
        if q.text.is_empty()
            && let Some(s) = span_text(articles, q.article, q.span)
        {
            q.text = s.to_owned();
        }
    }
}

/// A generation number no store has used yet.
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Rows of ids, one row per event, in one vector (a vector per event would cost an
/// allocation and 24 bytes each).
#[derive(Clone, Debug)]
struct Rows<T> {
    /// Row `i` is `items[ends[i - 1]..ends[i]]` (from 0 for the first).
    ends: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows {
            ends: Vec::new(),
            items: Vec::new(),
        }
    }
}

impl<T: Copy> Rows<T> {
    fn push(&mut self, row: &[T]) {
        self.items.extend_from_slice(row);
        self.ends.push(self.items.len() as u32);
    }

    fn get(&self, i: usize) -> &[T] {
        let Some(&end) = self.ends.get(i) else {
            return &[];
        };
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1],
        };
        &self.items[start as usize..end as usize]
    }

    fn clear(&mut self) {
        self.ends.clear();
        self.items.clear();
    }
}

fn kind_slot(kind: ActorKind) -> usize {
    match kind {
        ActorKind::Person => 0,
        ActorKind::Organization => 1,
        ActorKind::Country => 2,
    }
}

/// `list` is in time order but for the events from `first_new` at its end (in id order):
/// sort those and merge them in. Costs a binary search per new event and one move of the
/// older ones, so appending a batch does not look at every event held.
fn sort_new_in(list: &mut [EventId], first_new: usize, keys: &[u64]) {
    let key = |id: &EventId| (keys[id.index()], id.0);
    let old = list
        .iter()
        .rposition(|id| id.index() < first_new)
        .map_or(0, |p| p + 1);
    let mut new = list[old..].to_vec();
    new.sort_unstable_by_key(key);
    // From the back: each new event goes after the older ones that sort before it, which
    // move up by the number of new events still to place.
    let mut hi = old;
    for (j, id) in new.iter().enumerate().rev() {
        let k = key(id);
        let p = list[..hi].partition_point(|x| key(x) < k);
        list.copy_within(p..hi, p + j + 1);
        list[p + j] = *id;
        hi = p;
    }
}

/// Sort key: dated events by start then end, undated after all dated ones (then by id, which
/// is not part of it). Kept for every event in [`EventStore::time_keys`], where sorting reads
/// it without touching the events.
fn time_key(event: &Event) -> u64 {
    // Days from the common era fit in 31 bits once offset (chrono's dates span ±262,143
    // years, about ±96 million days).
    const OFFSET: i64 = 1 << 30;
    let days = |d: chrono::NaiveDate| {
        (i64::from(chrono::Datelike::num_days_from_ce(&d)) + OFFSET) as u64 & 0x7fff_ffff
    };
    match &event.when {
        Some(w) => (days(w.start) << 31) | days(w.end),
        None => 1 << 62,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::Stories;
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

    /// A batch of one-event articles as extraction gives them, names not merged: each event
    /// names `persons` on day `day` of November 2025, and its article quotes the first.
    fn raw_batch(events: &[(&[&str], u32)]) -> Extraction {
        let mut ex = Extraction::default();
        for (i, (persons, day)) in events.iter().enumerate() {
            let article = ArticleId::from_index(i);
            ex.articles.push(Article {
                id: article,
                path: format!("{i}.txt"),
                title: None,
                outlet: None,
                url: None,
                published: None,
                published_basis: PublishedBasis::Unknown,
                published_evidence: None,
                place: None,
                text: String::new(),
            });
            ex.quotes.push(Quote {
                id: QuoteId::from_index(i),
                article,
                text: "yes".to_owned(),
                speaker: persons.first().map(|p| (*p).to_owned()),
                span: [0, 3],
            });
            let date = chrono::NaiveDate::from_ymd_opt(2025, 11, *day);
            ex.events.push(Event {
                id: EventId::from_index(i),
                article,
                kind: crate::model::EventKind::Meeting,
                summary: String::new(),
                sentence: String::new(),
                span: [0, 0],
                when: date.map(|d| crate::model::DateSpan {
                    text: String::new(),
                    start: d,
                    end: d,
                    precision: crate::model::Precision::Day,
                    approximate: false,
                }),
                places: Vec::new(),
                actors: persons
                    .iter()
                    .map(|p| EventActor {
                        name: (*p).into(),
                        kind: ActorKind::Person,
                    })
                    .collect(),
                quotes: vec![QuoteId::from_index(i)],
                planned: false,
            });
        }
        ex
    }

    /// Batches one after another into one extraction, ids local to it.
    fn concat(batches: &[Extraction]) -> Extraction {
        let mut all = Extraction::default();
        for b in batches {
            // Renumbering as the store does, without its merge.
            let (a0, e0, q0) = (all.articles.len(), all.events.len(), all.quotes.len());
            for mut a in b.articles.clone() {
                a.id = ArticleId::from_index(a.id.index() + a0);
                all.articles.push(a);
            }
            for mut q in b.quotes.clone() {
                q.id = QuoteId::from_index(q.id.index() + q0);
                q.article = ArticleId::from_index(q.article.index() + a0);
                all.quotes.push(q);
            }
            for mut e in b.events.clone() {
                e.id = EventId::from_index(e.id.index() + e0);
                e.article = ArticleId::from_index(e.article.index() + a0);
                e.quotes = e
                    .quotes
                    .iter()
                    .map(|q| QuoteId::from_index(q.index() + q0))
                    .collect();
                all.events.push(e);
            }
        }
        all
    }

    type Summary = (Vec<Event>, Vec<Quote>, Vec<(String, Vec<EventId>)>);

    fn summary(store: &EventStore) -> Summary {
        (
            store.events().to_vec(),
            store.quotes().to_vec(),
            store
                .actors()
                .iter()
                .map(|a| (a.actor.name.clone(), a.events.clone()))
                .collect(),
        )
    }

    #[test]
    fn names_merged_batch_by_batch_are_those_merged_all_at_once() {
        let batches = [
            // "Sharaa" alone is Ahmed al-Sharaa at first; two mentions become one.
            raw_batch(&[
                (&["Sharaa"], 10),
                (&["Ahmed al-Sharaa", "Sharaa"], 3),
                (&["Asaad al-Shaibani"], 5),
            ]),
            // The more frequent spelling of a name takes over.
            raw_batch(&[
                (&["Assad al-Shaibani"], 4),
                (&["Assad al-Shaibani", "Ahmed al-Sharaa"], 1),
            ]),
            // A second al-Sharaa: the lone surname is no longer merged, and the event that
            // named both forms names both again.
            raw_batch(&[(&["Fatima al-Sharaa"], 2), (&["Shaibani"], 7)]),
            raw_batch(&[]),
        ];
        let mut store = EventStore::new();
        for (n, b) in batches.iter().enumerate() {
            store.append(b.clone());
            let at_once = EventStore::from_extraction(concat(&batches[..=n]));
            assert_eq!(summary(&store), summary(&at_once), "after batch {n}");
            let mut merged = concat(&batches[..=n]);
            crate::extract::merge_actors(&mut merged.events, &mut merged.quotes);
            assert_eq!(store.events(), merged.events.as_slice());
            assert_eq!(store.quotes(), merged.quotes.as_slice());
            assert_eq!(store.by_time(), at_once.by_time());
        }
        let names = people(&store);
        assert!(names.contains(&"Sharaa"), "{names:?}");
        assert!(names.contains(&"Assad al-Shaibani"), "{names:?}");
        assert!(!names.contains(&"Asaad al-Shaibani"), "{names:?}");
        assert_eq!(
            store.events()[1].actors.len(),
            2,
            "Ahmed al-Sharaa and Sharaa again"
        );
        // Rebuilding the store (a fixed article) merges the names as extracted afresh.
        let (article, events, quotes) = store.article_parts(ArticleId(0)).unwrap();
        let before = summary(&store);
        store.replace_article(ArticleId(0), article, events, quotes);
        assert_eq!(summary(&store), before);
    }

    #[test]
    fn sentences_and_quotes_are_read_from_the_article_text_and_exported_whole() {
        let mut ex = batch(&[
            ("a.txt", "“It works,” Barrack said on Monday in Paris."),
            (
                "b.txt",
                "Officials met in Cairo on Tuesday. “Talks go on,” the envoy said.",
            ),
        ]);
        // An events file's sentence that is not in the text (or with no text) stays as given.
        ex.events[0].sentence = "Only in the file.".to_owned();
        let store = EventStore::from_extraction(ex.clone());
        assert_eq!(store.sentence(&store.events()[0]), "Only in the file.");
        for e in &store.events()[1..] {
            assert!(e.sentence.is_empty(), "kept once, in the article text");
            let text = &store.articles()[e.article.index()].text;
            assert_eq!(store.sentence(e), &text[e.span[0]..e.span[1]]);
        }
        for q in store.quotes() {
            assert!(q.text.is_empty());
            assert!(!store.quote_text(q).is_empty());
        }
        let out = store.to_extraction();
        assert_eq!(out.events, ex.events);
        assert_eq!(out.quotes, ex.quotes);
        let (_, events, quotes) = store.article_parts(ArticleId(1)).unwrap();
        assert!(events.iter().all(|e| !e.sentence.is_empty()));
        assert!(quotes.iter().all(|q| !q.text.is_empty()));
        let sub = crate::export::subset(
            store.articles(),
            store.quotes(),
            store.diagnostics(),
            &store.events()[1..],
        );
        assert_eq!(sub.events[0].sentence, ex.events[1].sentence);
        assert_eq!(sub.quotes[0].text, ex.quotes[1].text);
    }

    /// Three articles reporting one meeting, as two batches.
    fn meeting_batches() -> (Extraction, Extraction) {
        (
            batch(&[
                (
                    "wire.txt",
                    "Syrian President Ahmed al-Sharaa met Donald Trump at the White House in Washington on November 10.",
                ),
                (
                    "daily.txt",
                    "Ahmed al-Sharaa met Donald Trump in Washington on November 10, officials said.",
                ),
            ]),
            batch(&[(
                "weekly.txt",
                "Trump received Ahmed al-Sharaa at the White House in Washington on November 10.",
            )]),
        )
    }

    #[test]
    fn stories_come_from_a_job_and_only_for_the_generation_it_was_made_for() {
        let (first, second) = meeting_batches();
        let mut store = EventStore::from_extraction(first);
        assert!(store.stories().is_none(), "appending makes no stories");
        let old_job = store.story_job();
        let old = old_job.run(&AtomicBool::new(false)).expect("not cancelled");
        assert_eq!(old.of_event.len(), store.events().len());

        // The store changed while the job ran: its stories are not taken.
        store.append(second);
        assert!(store.stories().is_none(), "an append drops the stories");
        assert!(!store.install_stories(old_job.generation(), old));
        assert!(store.stories().is_none());

        let job = store.story_job();
        let made = job.run(&AtomicBool::new(false)).expect("not cancelled");
        assert!(store.install_stories(job.generation(), made.clone()));
        assert_eq!(store.stories(), Some(&made));
        let meeting = made
            .stories
            .iter()
            .find(|s| s.sources == 3)
            .expect("the three articles' meeting is one story");
        assert_eq!(store.stories_now().story_of(meeting.lead), Some(meeting));
        // Installed once; a second result for the same generation is not taken.
        assert!(!store.install_stories(job.generation(), Stories::default()));
        assert_eq!(store.stories(), Some(&made));

        // The same as made on this thread, by a store that never had a job.
        let (first, second) = meeting_batches();
        let mut other = EventStore::from_extraction(first);
        other.append(second);
        assert_eq!(other.stories_now(), &made);

        // A story fix is a change too.
        let mut fixes = Corrections::default();
        fixes.story_splits.insert(event_key(
            "weekly.txt",
            &store.events()[meeting.lead.index()],
        ));
        store.set_story_fixes(&fixes);
        assert!(store.stories().is_none());
        assert!(!store.install_stories(job.generation(), made));
    }

    #[test]
    fn a_job_shares_the_events_and_a_cancelled_one_makes_nothing() {
        let (first, second) = meeting_batches();
        let mut store = EventStore::from_extraction(first);
        let job = store.story_job();
        assert!(
            Arc::ptr_eq(&job.events, &store.events),
            "shared, not copied"
        );
        assert!(Arc::ptr_eq(&job.articles, &store.articles));
        assert!(job.run(&AtomicBool::new(true)).is_none(), "cancelled");

        // A change while a job holds the events leaves the job's as they were.
        let held = job.events.len();
        store.append(second.clone());
        assert_eq!(job.events.len(), held);
        assert!(store.events().len() > held);
        drop(job);
        // With no job holding them, the store changes its own in place.
        let events = Arc::as_ptr(&store.events);
        store.append(second);
        assert_eq!(Arc::as_ptr(&store.events), events);
    }

    #[test]
    fn new_events_are_sorted_into_the_time_lists() {
        let mut ids: Vec<EventId> = [5, 1, 3].map(EventId).to_vec();
        let keys = [9, 2, 0, 4, 0, 7, 1, 7];
        // Old: 1 (2), 3 (4), 5 (7) in time order; new 6 (1), 7 (7), 4 (0 → before all).
        ids.sort_by_key(|id| (keys[id.index()], id.0));
        ids.extend([4, 6, 7].map(EventId));
        sort_new_in(&mut ids, 4, &keys);
        assert_eq!(ids, [4, 6, 1, 3, 5, 7].map(EventId).to_vec());
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
            .map(|e| store.sentence(e).to_owned())
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
            .map(|e| store.sentence(e).to_owned())
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
