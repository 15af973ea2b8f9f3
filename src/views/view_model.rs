//! Per-view data derived from the store and the shared UI state, cached so the per-frame path
//! does no work proportional to the corpus unless something it depends on changed.
//!
//! | cache              | keyed by                                      |
//! |--------------------|-----------------------------------------------|
//! | filtered events    | store generation, filter                      |
//! | timeline lanes     | store generation, filter (minus time), lanes  |
//! | place markers      | filtered events                               |
//! | marker clusters    | place markers, zoom bucket                    |
//! | highlights         | store generation, selection, hover            |
//! | story of selection | filtered events, selection                    |
//!
//! With stories on (the default), the lanes and markers hold one item per story (its lead
//! mention, at the story's date) instead of one per mention; the list keeps the mentions.
//! Stories are made in the background: until the store has them, everything is as with
//! stories off, and whether they are in is part of every key above (with the story mode),
//! so the frame after they arrive shows them.

use std::collections::{HashMap, HashSet};

use egui::{Pos2, pos2};
use serde::{Deserialize, Serialize};

use crate::app::selection::{Highlight, Item};
use crate::cluster::Stories;
use crate::model::{ArticleId, EventId, EventKind, Precision, QuoteId};
use crate::store::{ActorId, EventStore, Filter, PlaceId};
use crate::views::basemap::mercator_unit;
use crate::views::calendar::day_x;

/// What the timeline's rows stand for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LaneMode {
    #[default]
    Place,
    Actor,
    Outlet,
    Article,
    Kind,
}

impl LaneMode {
    pub const ALL: [LaneMode; 5] = [
        LaneMode::Place,
        LaneMode::Actor,
        LaneMode::Outlet,
        LaneMode::Article,
        LaneMode::Kind,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LaneMode::Place => "Place",
            LaneMode::Actor => "Actor",
            LaneMode::Outlet => "Outlet",
            LaneMode::Article => "Article",
            LaneMode::Kind => "Kind",
        }
    }
}

/// One event drawn in one lane. `start..end` is in days (see [`crate::views::calendar`]),
/// end exclusive, so a single day is one unit wide.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LaneItem {
    pub start: f64,
    pub end: f64,
    pub event: EventId,
    pub kind: EventKind,
    pub approximate: bool,
    pub planned: bool,
    /// Known only to a month, a year, or a range: drawn as a bar rather than a marker.
    pub span: bool,
    /// Articles reporting it: the story's sources with stories on, else 1.
    pub sources: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub label: String,
    /// What clicking the lane's label selects.
    pub item: Option<Item>,
    /// Sorted by `start`.
    pub items: Vec<LaneItem>,
    /// The longest `end - start` in the lane, to find spans that started before the view.
    pub max_len: f64,
}

impl Lane {
    /// Items that may overlap `[from, to]`.
    pub fn items_in(&self, from: f64, to: f64) -> &[LaneItem] {
        let first = self
            .items
            .partition_point(|i| i.start < from - self.max_len);
        let last = self.items.partition_point(|i| i.start <= to);
        &self.items[first..last.max(first)]
    }
}

/// The timeline's rows for the current filter and lane mode.
#[derive(Clone, Debug, Default)]
pub struct Lanes {
    pub mode: LaneMode,
    pub lanes: Vec<Lane>,
    /// First lane of each event (by event index), for "scroll the timeline to this event".
    first_lane: Vec<u32>,
    /// Days covered by all dated events in the lanes, end exclusive.
    pub range: Option<(f64, f64)>,
    /// The shortest stretch of days holding most of the events, when that is much shorter
    /// than `range`: news cites old history ("since 1948") that would otherwise squeeze
    /// this year's events into a few pixels.
    pub focus: Option<(f64, f64)>,
}

impl Lanes {
    pub fn lane_of(&self, event: EventId) -> Option<usize> {
        self.first_lane
            .get(event.index())
            .copied()
            .filter(|l| *l != u32::MAX)
            .map(|l| l as usize)
    }
}

/// A place with at least one shown event.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMarker {
    pub place: PlaceId,
    pub name: String,
    /// Web Mercator unit coordinates.
    pub unit: Pos2,
    pub lat: f64,
    pub lon: f64,
    pub events: u32,
    /// The most frequent kind of its shown events.
    pub kind: EventKind,
    /// The most sources any one of its stories has (1 with mentions shown).
    pub sources: u32,
    /// Sources summed over its stories: what the marker's size shows.
    pub weight: u32,
}

/// Markers close enough on screen at some zoom to be drawn as one.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Indices into [`ViewModel::markers`], biggest first; the cluster sits on the first.
    pub members: Vec<usize>,
    pub events: u32,
    /// Summed [`PlaceMarker::weight`].
    pub weight: u32,
}

/// The map's clusters, kept while the markers and the zoom bucket stay the same.
#[derive(Default)]
pub struct ClusterCache {
    key: Option<(u64, i32)>,
    clusters: Vec<Cluster>,
}

impl ClusterCache {
    pub fn get(&mut self, vm: &ViewModel, zoom: f64) -> &[Cluster] {
        let key = (vm.markers_version(), zoom_bucket(zoom));
        if self.key != Some(key) {
            let bucket_zoom = f64::from(key.1) / 2.0;
            self.clusters = cluster_markers(&vm.markers, bucket_zoom, CLUSTER_DISTANCE);
            self.key = Some(key);
        }
        &self.clusters
    }
}

/// Zoom is bucketed in half levels for clustering: finer would recluster while zooming
/// smoothly, coarser would let markers overlap for too long.
pub fn zoom_bucket(zoom: f64) -> i32 {
    (zoom * 2.0).floor() as i32
}

/// Markers closer than this many points at the bucket's zoom merge into one cluster.
pub const CLUSTER_DISTANCE: f32 = 30.0;

#[derive(Clone, Debug, PartialEq)]
struct FilterKey {
    generation: u64,
    filter: Filter,
    stories: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct LaneKey {
    generation: u64,
    base_filter: Filter,
    mode: LaneMode,
    stories: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct HighlightKey {
    generation: u64,
    selected: Option<Item>,
    hovered: Option<Item>,
    stories: bool,
}

/// Which events and places relate to the selection and to what is hovered.
#[derive(Clone, Debug, Default)]
pub struct Highlights {
    selected: Option<Item>,
    /// With stories on: the lead of the selected event's story, which stands for it on the
    /// timeline.
    selected_lead: Option<EventId>,
    selected_events: HashSet<EventId>,
    selected_places: HashSet<PlaceId>,
    hovered_events: HashSet<EventId>,
    hovered_places: HashSet<PlaceId>,
}

impl Highlights {
    pub fn event(&self, event: EventId) -> Highlight {
        if self.selected == Some(Item::Event(event)) || self.selected_lead == Some(event) {
            Highlight::Selected
        } else if self.hovered_events.contains(&event) {
            Highlight::Hovered
        } else if self.selected_events.contains(&event) {
            Highlight::Related
        } else if self.dims_unrelated() {
            Highlight::Dimmed
        } else {
            Highlight::None
        }
    }

    pub fn place(&self, place: PlaceId) -> Highlight {
        if self.selected == Some(Item::Place(place)) {
            Highlight::Selected
        } else if self.hovered_places.contains(&place) {
            Highlight::Hovered
        } else if self.selected_places.contains(&place) {
            Highlight::Related
        } else if self.dims_unrelated() {
            Highlight::Dimmed
        } else {
            Highlight::None
        }
    }

    /// A selected place, actor or article is a question ("what happened here?"): everything
    /// else steps back. A selected event is not: the rest stays as context.
    fn dims_unrelated(&self) -> bool {
        matches!(
            self.selected,
            Some(Item::Place(_) | Item::Actor(_) | Item::Article(_))
        )
    }

    /// With `stories` (when shown), an event relates its story's mentions.
    fn related(
        store: &EventStore,
        item: Option<Item>,
        stories: Option<&Stories>,
    ) -> (HashSet<EventId>, HashSet<PlaceId>) {
        let mut events = HashSet::new();
        let mut places = HashSet::new();
        match item {
            None => {}
            Some(Item::Event(e)) if let Some(stories) = stories => {
                let mentions = stories
                    .story_of(e)
                    .map_or_else(|| vec![e], |s| s.mentions.clone());
                for m in mentions {
                    events.insert(m);
                    places.extend(store.event_places(m).iter().copied());
                }
            }
            Some(Item::Event(e)) => {
                events.insert(e);
                places.extend(store.event_places(e).iter().copied());
            }
            Some(Item::Place(p)) => {
                places.insert(p);
                if let Some(entry) = store.place(p) {
                    events.extend(entry.events.iter().copied());
                }
            }
            Some(Item::Actor(a)) => {
                if let Some(entry) = store.actor(a) {
                    events.extend(entry.events.iter().copied());
                }
                for e in &events {
                    places.extend(store.event_places(*e).iter().copied());
                }
            }
            Some(Item::Article(a)) => {
                events.extend(
                    store
                        .events()
                        .iter()
                        .filter(|e| e.article == a)
                        .map(|e| e.id),
                );
                for e in &events {
                    places.extend(store.event_places(*e).iter().copied());
                }
            }
        }
        (events, places)
    }
}

/// Whether the views group mentions into stories.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum StoryMode {
    /// No stories are used (while loading: clustering the whole corpus at every batch
    /// would be wasted). The views also show this while the stories are being made.
    #[default]
    Off,
    /// One timeline item and marker count per mention; the side panel still tells the
    /// selected event's story.
    Mentions,
    /// One timeline item and marker count per story.
    Stories,
}

/// One article's mentions of a story.
#[derive(Clone, Debug, PartialEq)]
pub struct StorySource {
    pub article: ArticleId,
    /// The outlet, else the article's file name or title.
    pub outlet: String,
    pub published: Option<chrono::NaiveDate>,
    pub mentions: Vec<EventId>,
}

/// A story as the side panel shows it: made when the selection (or the store) changes.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryView {
    pub lead: EventId,
    pub when: Option<crate::model::DateSpan>,
    pub planned: bool,
    /// Distinct articles.
    pub sources: usize,
    pub mentions: usize,
    /// The selected mention's article first, then by publication date and outlet.
    pub by_source: Vec<StorySource>,
    /// "Sources disagree on the date: 2025-11-10 (Outlet A), 2025-11-12 (Outlet B)".
    pub conflicts: Vec<String>,
    /// Why each pair of mentions was joined: (mention, mention, reasons).
    pub reasons: Vec<(EventId, EventId, String)>,
    pub places: Vec<PlaceId>,
    pub actors: Vec<ActorId>,
    /// Every quote of every mention (shown under its mention, not again elsewhere).
    pub quotes: HashSet<QuoteId>,
}

impl StoryView {
    /// The story of `event` among `stories` (the store's), when it has more than one mention.
    pub fn of(store: &EventStore, stories: &Stories, event: EventId) -> Option<StoryView> {
        let story = stories.story_of(event)?;
        if story.mentions.len() < 2 {
            return None;
        }
        let outlet_of = |article: ArticleId| {
            store.article(article).map_or_else(String::new, |a| {
                a.outlet
                    .clone()
                    .filter(|o| !o.trim().is_empty())
                    .unwrap_or_else(|| a.display_name().to_owned())
            })
        };
        let mut by_source: Vec<StorySource> = Vec::new();
        for &m in &story.mentions {
            let Some(e) = store.event(m) else {
                continue;
            };
            match by_source.iter_mut().find(|s| s.article == e.article) {
                Some(source) => source.mentions.push(m),
                None => by_source.push(StorySource {
                    article: e.article,
                    outlet: outlet_of(e.article),
                    published: store.article(e.article).and_then(|a| a.published),
                    mentions: vec![m],
                }),
            }
        }
        // The selected mention's article first, so what was clicked is in view; then by date.
        let selected_article = store.event(event).map(|e| e.article);
        by_source.sort_by(|a, b| {
            (
                Some(a.article) != selected_article,
                a.published,
                &a.outlet,
                a.article,
            )
                .cmp(&(
                    Some(b.article) != selected_article,
                    b.published,
                    &b.outlet,
                    b.article,
                ))
        });
        let conflicts = story
            .conflicts
            .iter()
            .map(|c| {
                let versions: Vec<String> = c
                    .versions
                    .iter()
                    .map(|v| {
                        let mut outlets: Vec<String> = v
                            .mentions
                            .iter()
                            .filter_map(|m| store.event(*m))
                            .map(|e| outlet_of(e.article))
                            .collect();
                        outlets.dedup();
                        format!("{} ({})", v.value, outlets.join(", "))
                    })
                    .collect();
                format!(
                    "Sources disagree on the {}: {}",
                    c.about,
                    versions.join(", ")
                )
            })
            .collect();
        let reasons = story
            .links
            .iter()
            .map(|l| (l.a, l.b, l.why(store.events())))
            .collect();
        let mut places: Vec<PlaceId> = Vec::new();
        let mut actors: Vec<ActorId> = Vec::new();
        for &m in &story.mentions {
            for p in store.event_places(m) {
                if !places.contains(p) {
                    places.push(*p);
                }
            }
            for a in store.event_actors(m) {
                if !actors.contains(a) {
                    actors.push(*a);
                }
            }
        }
        Some(StoryView {
            lead: story.lead,
            when: story.when(store.events()).cloned(),
            planned: story.planned,
            sources: story.sources,
            mentions: story.mentions.len(),
            by_source,
            conflicts,
            reasons,
            places,
            actors,
            quotes: story
                .mentions
                .iter()
                .filter_map(|m| store.event(*m))
                .flat_map(|e| e.quotes.iter().copied())
                .collect(),
        })
    }
}

/// Everything the views show, derived from the store and the UI state.
#[derive(Default)]
pub struct ViewModel {
    filter_key: Option<FilterKey>,
    /// Events passing the filter except its time range (the timeline shows the range as a
    /// brush over them), in time order.
    pub base: Vec<EventId>,
    /// Events passing the whole filter, in time order: the list and the map.
    pub shown: Vec<EventId>,
    shown_mask: Vec<bool>,

    lane_key: Option<LaneKey>,
    pub lanes: Lanes,
    lanes_version: u64,

    pub markers: Vec<PlaceMarker>,
    /// Bumped whenever `markers` change, to invalidate clusters.
    markers_version: u64,

    outlets_generation: Option<u64>,
    /// Every outlet in the store ("" for articles without one), sorted.
    pub outlets: Vec<String>,

    highlight_key: Option<HighlightKey>,
    pub highlights: Highlights,
    highlights_version: u64,

    selection_key: Option<(Option<FilterKey>, Option<Item>, StoryMode)>,
    /// The shown events of the selected place, actor or article, in time order.
    pub selection_events: Vec<EventId>,
    /// Quotes of the selected event's article that are not linked to the event.
    pub other_quotes: Vec<QuoteId>,
    /// The story of the selected event, when more than one mention tells it.
    pub story: Option<StoryView>,

    /// The lanes and markers hold stories (their leads), not mentions.
    pub stories: bool,
}

impl ViewModel {
    /// Bring every cache up to date, with one timeline item and marker count per mention;
    /// cheap when nothing changed.
    pub fn update(
        &mut self,
        store: &EventStore,
        filter: &Filter,
        mode: LaneMode,
        selected: Option<Item>,
        hovered: Option<Item>,
    ) {
        self.update_with(store, filter, mode, StoryMode::Off, selected, hovered);
    }

    /// [`Self::update`], with stories as `story_mode` says once the store has them; until
    /// then (they are made in the background) as with [`StoryMode::Off`]. Whether they are
    /// in is part of every cache key, so the frame after they arrive shows them.
    pub fn update_with(
        &mut self,
        store: &EventStore,
        filter: &Filter,
        mode: LaneMode,
        story_mode: StoryMode,
        selected: Option<Item>,
        hovered: Option<Item>,
    ) {
        let made = match story_mode {
            StoryMode::Off => None,
            StoryMode::Mentions | StoryMode::Stories => store.stories(),
        };
        let story_mode = if made.is_some() {
            story_mode
        } else {
            StoryMode::Off
        };
        let stories = story_mode == StoryMode::Stories;
        // The stories the lanes, markers and highlights are made of.
        let shown_stories = made.filter(|_| stories);
        let generation = store.generation();
        if self.outlets_generation != Some(generation) {
            let mut outlets: Vec<String> = store
                .articles()
                .iter()
                .map(|a| a.outlet.clone().unwrap_or_default())
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            outlets.sort();
            self.outlets = outlets;
            self.outlets_generation = Some(generation);
        }

        let filter_key = FilterKey {
            generation,
            filter: filter.clone(),
            stories,
        };
        if self.filter_key.as_ref() != Some(&filter_key) {
            self.stories = stories;
            self.refilter(store, filter, shown_stories);
            self.filter_key = Some(filter_key);
        }

        let lane_key = LaneKey {
            generation,
            base_filter: without_time(filter),
            mode,
            stories,
        };
        if self.lane_key.as_ref() != Some(&lane_key) {
            self.lanes = build_lanes(store, &self.base, mode, shown_stories);
            self.lane_key = Some(lane_key);
            self.lanes_version = next_version();
        }

        let highlight_key = HighlightKey {
            generation,
            selected,
            hovered,
            stories,
        };
        if self.highlight_key.as_ref() != Some(&highlight_key) {
            let (selected_events, selected_places) =
                Highlights::related(store, selected, shown_stories);
            let (hovered_events, hovered_places) =
                Highlights::related(store, hovered, shown_stories);
            let selected_lead = match (selected, shown_stories) {
                (Some(Item::Event(e)), Some(all)) => all.story_of(e).map(|s| s.lead),
                _ => None,
            };
            self.highlights = Highlights {
                selected,
                selected_lead,
                selected_events,
                selected_places,
                hovered_events,
                hovered_places,
            };
            self.highlight_key = Some(highlight_key);
            self.highlights_version = next_version();
        }

        // What the side panel lists for the selection, so it does no scan per frame.
        let selection_key = (self.filter_key.clone(), selected, story_mode);
        if self.selection_key.as_ref() != Some(&selection_key) {
            self.selection_events = match selected {
                Some(Item::Place(p)) => {
                    store.place(p).map(|e| e.events.clone()).unwrap_or_default()
                }
                Some(Item::Actor(a)) => {
                    store.actor(a).map(|e| e.events.clone()).unwrap_or_default()
                }
                Some(item @ Item::Article(_)) => self
                    .shown
                    .iter()
                    .copied()
                    .filter(|e| item.contains_event(store, *e))
                    .collect(),
                Some(Item::Event(_)) | None => Vec::new(),
            };
            let shown = &self.shown_mask;
            self.selection_events
                .retain(|e| shown.get(e.index()).copied().unwrap_or(false));
            self.other_quotes = match selected.and_then(|s| match s {
                Item::Event(e) => store.event(e),
                _ => None,
            }) {
                Some(event) => store
                    .quotes_of_article(event.article)
                    .filter(|q| !event.quotes.contains(&q.id))
                    .map(|q| q.id)
                    .collect(),
                None => Vec::new(),
            };
            self.story = match (selected, made) {
                (Some(Item::Event(e)), Some(all)) => StoryView::of(store, all, e),
                _ => None,
            };
            self.selection_key = Some(selection_key);
        }
    }

    /// `stories`: the stories to draw instead of mentions, when shown.
    fn refilter(&mut self, store: &EventStore, filter: &Filter, stories: Option<&Stories>) {
        let base_filter = without_time(filter);
        let previous = self.filter_key.as_ref();
        let same_base = previous.is_some_and(|k| {
            k.generation == store.generation() && without_time(&k.filter) == base_filter
        });
        if !same_base {
            // Typing more of a search can only narrow it: search within the last result.
            let narrows = previous.is_some_and(|k| {
                k.generation == store.generation()
                    && k.filter.hidden_kinds == filter.hidden_kinds
                    && k.filter.hidden_outlets == filter.hidden_outlets
                    && filter.text.trim_start().starts_with(k.filter.text.trim())
                    && !k.filter.text.trim().is_empty()
                    && !filter.text.ends_with(' ')
            });
            let candidates: Vec<EventId> = if narrows {
                std::mem::take(&mut self.base)
            } else {
                store.by_time().to_vec()
            };
            self.base = candidates
                .into_iter()
                .filter(|id| {
                    store
                        .event(*id)
                        .is_some_and(|e| base_filter.matches(store, e))
                })
                .collect();
        }

        self.shown = match filter.time {
            None => self.base.clone(),
            Some((from, to)) => self
                .base
                .iter()
                .copied()
                .filter(|id| {
                    store
                        .event(*id)
                        .and_then(|e| e.when.as_ref())
                        .is_some_and(|w| w.overlaps(from, to))
                })
                .collect(),
        };
        self.shown_mask.clear();
        self.shown_mask.resize(store.events().len(), false);
        for id in &self.shown {
            self.shown_mask[id.index()] = true;
        }
        self.markers = match stories {
            Some(all) => build_markers(store, &story_leads(all, &self.shown), Some(all)),
            None => build_markers(store, &self.shown, None),
        };
        self.markers_version = next_version();
    }

    /// What stands for `event` on the timeline and the map: its story's lead with stories
    /// on, else the event itself.
    pub fn unit(&self, store: &EventStore, event: EventId) -> EventId {
        match store.stories().filter(|_| self.stories) {
            Some(all) => all.story_of(event).map_or(event, |s| s.lead),
            None => event,
        }
    }

    /// Items on the timeline, over all lanes.
    pub fn timeline_items(&self) -> usize {
        self.lanes.lanes.iter().map(|l| l.items.len()).sum()
    }

    /// Whether `event` passes the whole filter.
    pub fn is_shown(&self, event: EventId) -> bool {
        self.shown_mask.get(event.index()).copied().unwrap_or(false)
    }

    /// Changes whenever [`Self::lanes`] change.
    pub fn lanes_version(&self) -> u64 {
        self.lanes_version
    }

    /// Changes whenever [`Self::highlights`] change.
    pub fn highlights_version(&self) -> u64 {
        self.highlights_version
    }

    /// Changes whenever [`Self::markers`] change.
    pub fn markers_version(&self) -> u64 {
        self.markers_version
    }

    /// The next (or previous) shown, dated-or-not event after `from` in time order; the first
    /// (or last) when `from` is not among them.
    pub fn step(&self, from: Option<EventId>, forward: bool) -> Option<EventId> {
        let position = from.and_then(|f| self.shown.iter().position(|e| *e == f));
        match (position, forward) {
            (None, true) => self.shown.first().copied(),
            (None, false) => self.shown.last().copied(),
            (Some(i), true) => self.shown.get(i + 1).copied(),
            (Some(i), false) => i.checked_sub(1).and_then(|i| self.shown.get(i)).copied(),
        }
    }

    /// Mercator unit bounds of the shown places, for "fit all".
    pub fn marker_bounds(&self) -> Option<egui::Rect> {
        let first = self.markers.first()?;
        let mut rect = egui::Rect::from_min_max(first.unit, first.unit);
        for m in &self.markers {
            rect.extend_with(m.unit);
        }
        Some(rect)
    }
}

/// Versions are unique across view models, so caches keyed by them (in the timeline and
/// the map) can never mistake data from a replaced corpus for the current one.
fn next_version() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

fn without_time(filter: &Filter) -> Filter {
    Filter {
        time: None,
        ..filter.clone()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum LaneKeyOf {
    Place(PlaceId),
    Actor(ActorId),
    Outlet(String),
    Article(ArticleId),
    Kind(EventKind),
    Nothing,
}

/// Finds an event's lanes without hashing ids: places, actors, articles and kinds index a
/// vector directly; only outlet names go through a map (looked up without allocating).
#[derive(Default)]
struct LaneIndex {
    by_id: Vec<u32>,
    by_name: HashMap<String, usize>,
    nothing: Option<usize>,
}

impl LaneIndex {
    fn get(&self, key: &LaneKeyOf) -> Option<usize> {
        let id = |i: usize| {
            self.by_id
                .get(i)
                .copied()
                .filter(|l| *l != u32::MAX)
                .map(|l| l as usize)
        };
        match key {
            LaneKeyOf::Place(p) => id(p.0 as usize),
            LaneKeyOf::Actor(a) => id(a.0 as usize),
            LaneKeyOf::Article(a) => id(a.index()),
            LaneKeyOf::Kind(k) => id(kind_index(*k)),
            LaneKeyOf::Outlet(o) => self.by_name.get(o.as_str()).copied(),
            LaneKeyOf::Nothing => self.nothing,
        }
    }

    fn insert(&mut self, key: &LaneKeyOf, lane: usize) {
        let mut set = |i: usize| {
            if self.by_id.len() <= i {
                self.by_id.resize(i + 1, u32::MAX);
            }
            self.by_id[i] = lane as u32;
        };
        match key {
            LaneKeyOf::Place(p) => set(p.0 as usize),
            LaneKeyOf::Actor(a) => set(a.0 as usize),
            LaneKeyOf::Article(a) => set(a.index()),
            LaneKeyOf::Kind(k) => set(kind_index(*k)),
            LaneKeyOf::Outlet(o) => {
                self.by_name.insert(o.clone(), lane);
            }
            LaneKeyOf::Nothing => self.nothing = Some(lane),
        }
    }
}

fn kind_index(kind: EventKind) -> usize {
    EventKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(EventKind::ALL.len() - 1)
}

/// With `stories`, one item per story (its lead) rather than per mention.
fn build_lanes(
    store: &EventStore,
    base: &[EventId],
    mode: LaneMode,
    stories: Option<&Stories>,
) -> Lanes {
    let mut index = LaneIndex::default();
    let mut keys: Vec<LaneKeyOf> = Vec::new();
    let mut lanes: Vec<Lane> = Vec::new();
    let mut first_lane = vec![u32::MAX; store.events().len()];
    let mut range: Option<(f64, f64)> = None;
    let mut lane_keys: Vec<LaneKeyOf> = Vec::new();
    // Outlet lanes are keyed by name; one key per article, made once.
    let outlet_keys: Vec<LaneKeyOf> = if mode == LaneMode::Outlet {
        store
            .articles()
            .iter()
            .map(|a| LaneKeyOf::Outlet(a.outlet.clone().unwrap_or_default()))
            .collect()
    } else {
        Vec::new()
    };

    // Walk the events in storage order (the base is in time order, which would jump all
    // over memory), then sort each lane by time.
    let mut in_base = vec![false; store.events().len()];
    for id in base {
        if let Some(slot) = in_base.get_mut(id.index()) {
            *slot = true;
        }
    }
    // With stories on, a story is drawn once, as its lead, when any of its mentions passes
    // the filter.
    let mut is_unit = in_base.clone();
    if let Some(all) = stories {
        is_unit.fill(false);
        for id in base {
            if let Some(story) = all.story_of(*id)
                && let Some(slot) = is_unit.get_mut(story.lead.index())
            {
                *slot = true;
            }
        }
    }
    for event in store.events() {
        let id = event.id;
        if !is_unit.get(id.index()).copied().unwrap_or(false) {
            continue;
        }
        let story = stories.and_then(|all| all.story_of(id));
        let Some(when) = &event.when else {
            continue;
        };
        let start = day_x(when.start);
        let end = day_x(when.end) + 1.0;
        range = Some(match range {
            None => (start, end),
            Some((a, b)) => (a.min(start), b.max(end)),
        });
        let item = LaneItem {
            start,
            end,
            event: id,
            kind: event.kind,
            approximate: when.approximate,
            planned: story.map_or(event.planned, |s| s.planned),
            span: when.precision != Precision::Day || when.start != when.end,
            sources: story.map_or(1, |s| s.sources as u32),
        };

        lane_keys.clear();
        match mode {
            LaneMode::Place => {
                lane_keys.extend(store.event_places(id).iter().map(|p| LaneKeyOf::Place(*p)))
            }
            LaneMode::Actor => {
                lane_keys.extend(store.event_actors(id).iter().map(|a| LaneKeyOf::Actor(*a)))
            }
            LaneMode::Outlet | LaneMode::Article => {
                // A story is in the lane of every outlet (article) that reports it.
                let reporting: &[EventId] =
                    story.map_or(std::slice::from_ref(&id), |s| &s.mentions);
                for m in reporting {
                    if !in_base.get(m.index()).copied().unwrap_or(false) {
                        continue;
                    }
                    let Some(article) = store.event(*m).map(|e| e.article) else {
                        continue;
                    };
                    let key = if mode == LaneMode::Outlet {
                        outlet_keys.get(article.index()).cloned()
                    } else {
                        Some(LaneKeyOf::Article(article))
                    };
                    if let Some(key) = key
                        && !lane_keys.contains(&key)
                    {
                        lane_keys.push(key);
                    }
                }
            }
            LaneMode::Kind => lane_keys.push(LaneKeyOf::Kind(event.kind)),
        }
        if lane_keys.is_empty() {
            lane_keys.push(LaneKeyOf::Nothing);
        }
        for key in lane_keys.drain(..) {
            let lane = match index.get(&key) {
                Some(lane) => lane,
                None => {
                    lanes.push(Lane {
                        label: lane_label(store, &key, mode),
                        item: lane_item(&key),
                        items: Vec::new(),
                        max_len: 0.0,
                    });
                    index.insert(&key, lanes.len() - 1);
                    keys.push(key);
                    lanes.len() - 1
                }
            };
            let l = &mut lanes[lane];
            l.max_len = l.max_len.max(end - start);
            l.items.push(item);
        }
    }

    for lane in &mut lanes {
        lane.items.sort_unstable_by(|a, b| {
            (a.start, a.end, a.event.0)
                .partial_cmp(&(b.start, b.end, b.event.0))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }

    // Order lanes so the busiest read first; the catch-all lane goes last.
    let mut order: Vec<usize> = (0..lanes.len()).collect();
    order.sort_by(|&a, &b| {
        let (ka, kb) = (&keys[a], &keys[b]);
        lane_is_unknown(ka)
            .cmp(&lane_is_unknown(kb))
            .then_with(|| match (ka, kb) {
                (LaneKeyOf::Kind(x), LaneKeyOf::Kind(y)) => x.cmp(y),
                (LaneKeyOf::Article(x), LaneKeyOf::Article(y)) => {
                    let published = |id: &ArticleId| store.article(*id).and_then(|a| a.published);
                    published(x).cmp(&published(y)).then(x.cmp(y))
                }
                _ => lanes[b].items.len().cmp(&lanes[a].items.len()),
            })
            .then_with(|| lanes[a].label.cmp(&lanes[b].label))
    });
    let mut slots: Vec<Option<Lane>> = lanes.into_iter().map(Some).collect();
    let lanes: Vec<Lane> = order.iter().filter_map(|&old| slots[old].take()).collect();
    // The topmost lane of each event.
    for (position, lane) in lanes.iter().enumerate().rev() {
        for item in &lane.items {
            first_lane[item.event.index()] = position as u32;
        }
    }
    let focus = if stories.is_some() {
        // Where most is reported: the mentions, not the fewer stories, so that a handful of
        // old stories does not widen the first view.
        let dated = base
            .iter()
            .filter_map(|id| store.event(*id)?.when.as_ref())
            .map(|w| (day_x(w.start), day_x(w.end) + 1.0));
        focus_of(dated, base.len(), range)
    } else {
        focus_window(&lanes, range)
    };
    Lanes {
        mode,
        lanes,
        first_lane,
        range,
        focus,
    }
}

/// Share of the events the focus window must hold.
const FOCUS_SHARE: f64 = 0.8;
/// Items looked at to find the focus.
const FOCUS_SAMPLE: usize = 20_000;

/// The narrowest window holding [`FOCUS_SHARE`] of the items' midpoints, padded; `None` when
/// that window would cover most of the range anyway.
fn focus_window(lanes: &[Lane], range: Option<(f64, f64)>) -> Option<(f64, f64)> {
    let total: usize = lanes.iter().map(|l| l.items.len()).sum();
    let spans = lanes
        .iter()
        .flat_map(|l| l.items.iter().map(|i| (i.start, i.end)));
    focus_of(spans, total, range)
}

/// [`focus_window`] of `spans` (about `total` of them; start and end in days).
fn focus_of(
    spans: impl Iterator<Item = (f64, f64)>,
    total: usize,
    range: Option<(f64, f64)>,
) -> Option<(f64, f64)> {
    let (first, last) = range?;
    // A regular sample is plenty to find where most events are, and keeps this linear.
    let stride = total.div_ceil(FOCUS_SAMPLE).max(1);
    let mut mids: Vec<f64> = spans
        .map(|(start, end)| (start + end) / 2.0)
        .step_by(stride)
        .collect();
    mids.sort_by(f64::total_cmp);
    let n = mids.len();
    let k = ((n as f64 * FOCUS_SHARE).ceil() as usize).clamp(1, n.max(1));
    if n == 0 {
        return None;
    }
    let (a, b) = (0..=n - k)
        .map(|i| (mids[i], mids[i + k - 1]))
        .min_by(|x, y| (x.1 - x.0).total_cmp(&(y.1 - y.0)))
        .unwrap_or((first, last));
    if (b - a) > 0.5 * (last - first) {
        None
    } else {
        // Pad so the events at the edges are not on the frame.
        let pad = ((b - a) * 0.08).max(15.0);
        Some((a - pad, b + pad))
    }
}

fn lane_is_unknown(key: &LaneKeyOf) -> bool {
    match key {
        LaneKeyOf::Nothing => true,
        LaneKeyOf::Outlet(o) => o.is_empty(),
        _ => false,
    }
}

fn lane_label(store: &EventStore, key: &LaneKeyOf, mode: LaneMode) -> String {
    match key {
        LaneKeyOf::Place(p) => store
            .place(*p)
            .map_or_else(String::new, |e| e.place.name.clone()),
        LaneKeyOf::Actor(a) => store
            .actor(*a)
            .map_or_else(String::new, |e| e.actor.name.clone()),
        LaneKeyOf::Outlet(o) if o.is_empty() => "Outlet not given".to_owned(),
        LaneKeyOf::Outlet(o) => o.clone(),
        LaneKeyOf::Article(a) => store.article(*a).map_or_else(String::new, |article| {
            let name = article.display_name();
            match &article.outlet {
                Some(outlet) if !outlet.is_empty() => format!("{outlet} · {name}"),
                _ => name.to_owned(),
            }
        }),
        LaneKeyOf::Kind(k) => k.label().to_owned(),
        LaneKeyOf::Nothing => match mode {
            LaneMode::Place => "No place".to_owned(),
            LaneMode::Actor => "No actor".to_owned(),
            _ => "Other".to_owned(),
        },
    }
}

fn lane_item(key: &LaneKeyOf) -> Option<Item> {
    match key {
        LaneKeyOf::Place(p) => Some(Item::Place(*p)),
        LaneKeyOf::Actor(a) => Some(Item::Actor(*a)),
        LaneKeyOf::Article(a) => Some(Item::Article(*a)),
        LaneKeyOf::Outlet(_) | LaneKeyOf::Kind(_) | LaneKeyOf::Nothing => None,
    }
}

/// The leads of the stories of `events`, once each, in event order.
fn story_leads(stories: &Stories, events: &[EventId]) -> Vec<EventId> {
    let mut seen = vec![false; stories.stories.len()];
    let mut leads: Vec<EventId> = events
        .iter()
        .filter_map(|e| {
            let story = stories.story_of(*e)?;
            let slot = seen.get_mut(story.id.index())?;
            (!std::mem::replace(slot, true)).then_some(story.lead)
        })
        .collect();
    leads.sort_unstable();
    leads
}

/// `shown` are the events (or, with `stories`, the story leads) to count.
fn build_markers(
    store: &EventStore,
    shown: &[EventId],
    stories: Option<&Stories>,
) -> Vec<PlaceMarker> {
    let n = store.places().len();
    let mut counts = vec![0u32; n];
    let mut sources = vec![1u32; n];
    let mut weights = vec![0u32; n];
    let mut kinds = vec![[0u32; EventKind::ALL.len()]; n];
    for &id in shown {
        let Some(event) = store.event(id) else {
            continue;
        };
        let kind = kind_index(event.kind);
        let n_sources = stories
            .and_then(|s| s.story_of(id))
            .map_or(1, |s| s.sources as u32);
        for p in store.event_places(id) {
            let i = p.0 as usize;
            if i < n {
                counts[i] += 1;
                kinds[i][kind] += 1;
                weights[i] += n_sources;
                sources[i] = sources[i].max(n_sources);
            }
        }
    }
    store
        .places()
        .iter()
        .enumerate()
        .filter(|(i, _)| counts[*i] > 0)
        .map(|(i, entry)| {
            let (x, y) = mercator_unit(entry.place.lon, entry.place.lat);
            let dominant = kinds[i]
                .iter()
                .enumerate()
                .max_by_key(|(k, count)| (**count, std::cmp::Reverse(*k)))
                .map_or(EventKind::Other, |(k, _)| EventKind::ALL[k]);
            PlaceMarker {
                place: PlaceId(i as u32),
                name: entry.place.name.clone(),
                unit: pos2(x as f32, y as f32),
                lat: entry.place.lat,
                lon: entry.place.lon,
                events: counts[i],
                kind: dominant,
                sources: sources[i],
                weight: weights[i],
            }
        })
        .collect()
}

/// Greedy clustering in screen space at `zoom`: biggest markers first, each joining the first
/// cluster within `distance` points of it or starting its own. A grid of `distance`-sized
/// cells makes it linear in the number of markers.
pub fn cluster_markers(markers: &[PlaceMarker], zoom: f64, distance: f32) -> Vec<Cluster> {
    let world = 256.0 * 2f64.powf(zoom);
    let screen = |m: &PlaceMarker| (f64::from(m.unit.x) * world, f64::from(m.unit.y) * world);
    let mut order: Vec<usize> = (0..markers.len()).collect();
    order.sort_by(|&a, &b| {
        markers[b]
            .events
            .cmp(&markers[a].events)
            .then_with(|| markers[a].name.cmp(&markers[b].name))
    });
    let cell = f64::from(distance);
    let cell_of = |(x, y): (f64, f64)| ((x / cell).floor() as i64, (y / cell).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut centers: Vec<(f64, f64)> = Vec::new();
    for i in order {
        let p = screen(&markers[i]);
        let (cx, cy) = cell_of(p);
        let mut joined = None;
        'search: for dx in -1..=1 {
            for dy in -1..=1 {
                if let Some(candidates) = grid.get(&(cx + dx, cy + dy)) {
                    for &c in candidates {
                        let (x, y) = centers[c];
                        if (x - p.0).hypot(y - p.1) < cell {
                            joined = Some(c);
                            break 'search;
                        }
                    }
                }
            }
        }
        match joined {
            Some(c) => {
                clusters[c].members.push(i);
                clusters[c].events += markers[i].events;
                clusters[c].weight += markers[i].weight;
            }
            None => {
                grid.entry((cx, cy)).or_default().push(clusters.len());
                centers.push(p);
                clusters.push(Cluster {
                    members: vec![i],
                    events: markers[i].events,
                    weight: markers[i].weight,
                });
            }
        }
    }
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixtures;

    fn store() -> EventStore {
        EventStore::from_extraction(fixtures::seed_like_extraction())
    }

    fn place_id(store: &EventStore, name: &str) -> PlaceId {
        let i = store
            .places()
            .iter()
            .position(|p| p.place.name == name)
            .expect("fixture place");
        PlaceId(i as u32)
    }

    #[test]
    fn lanes_hold_each_dated_event_once_per_place() {
        let store = store();
        let mut vm = ViewModel::default();
        vm.update(&store, &Filter::default(), LaneMode::Place, None, None);
        let dated = store.events().iter().filter(|e| e.when.is_some());
        let expected: usize = dated.map(|e| store.event_places(e.id).len().max(1)).sum();
        let got: usize = vm.lanes.lanes.iter().map(|l| l.items.len()).sum();
        assert_eq!(got, expected);
        for lane in &vm.lanes.lanes {
            assert!(lane.items.windows(2).all(|w| w[0].start <= w[1].start));
        }
        // Undated events are listed but not on the timeline.
        assert!(store.events().iter().any(|e| e.when.is_none()));
        assert_eq!(vm.shown.len(), store.events().len());
    }

    #[test]
    fn focus_skips_old_history_but_keeps_most_events() {
        let store = store();
        let mut vm = ViewModel::default();
        vm.update(&store, &Filter::default(), LaneMode::Place, None, None);
        let (range, focus) = (
            vm.lanes.range.expect("range"),
            vm.lanes.focus.expect("focus"),
        );
        // The fixture reaches back to 2014; most of it is 2024–2026.
        assert!(focus.0 > range.0 + 3000.0, "{focus:?} vs {range:?}");
        assert!(focus.1 <= range.1 + 60.0);
        let items: Vec<&LaneItem> = vm.lanes.lanes.iter().flat_map(|l| &l.items).collect();
        let inside = items
            .iter()
            .filter(|i| i.start >= focus.0 && i.end <= focus.1)
            .count();
        assert!(inside as f64 >= FOCUS_SHARE * items.len() as f64);
    }

    #[test]
    fn no_focus_when_the_events_are_spread_evenly() {
        let lane = |starts: &[f64]| Lane {
            label: String::new(),
            item: None,
            items: starts
                .iter()
                .map(|&s| LaneItem {
                    start: s,
                    end: s + 1.0,
                    event: EventId(0),
                    kind: EventKind::Other,
                    approximate: false,
                    planned: false,
                    span: false,
                    sources: 1,
                })
                .collect(),
            max_len: 1.0,
        };
        let even = [lane(&[0.0, 1000.0])];
        assert_eq!(focus_window(&even, Some((0.0, 1001.0))), None);
        let bunched = [lane(&[0.0, 990.0, 995.0, 996.0, 1000.0])];
        let (a, b) = focus_window(&bunched, Some((0.0, 1001.0))).expect("a focus");
        assert!(a > 900.0 && b < 1050.0, "{a}..{b}");
    }

    #[test]
    fn lane_modes_partition_differently() {
        let store = store();
        let mut vm = ViewModel::default();
        vm.update(&store, &Filter::default(), LaneMode::Kind, None, None);
        let kinds = vm.lanes.lanes.len();
        assert!(
            kinds >= 4,
            "{:?}",
            vm.lanes.lanes.iter().map(|l| &l.label).collect::<Vec<_>>()
        );
        vm.update(&store, &Filter::default(), LaneMode::Article, None, None);
        assert_eq!(vm.lanes.lanes.len(), store.articles().len());
        // Articles are in publication order.
        assert!(
            vm.lanes.lanes[0].label.contains("Rubio"),
            "{}",
            vm.lanes.lanes[0].label
        );
    }

    #[test]
    fn items_in_finds_spans_that_started_before_the_view() {
        let lane = Lane {
            label: String::new(),
            item: None,
            items: vec![
                LaneItem {
                    start: 0.0,
                    end: 365.0,
                    event: EventId(0),
                    kind: EventKind::Other,
                    approximate: false,
                    planned: false,
                    span: true,
                    sources: 1,
                },
                LaneItem {
                    start: 100.0,
                    end: 101.0,
                    event: EventId(1),
                    kind: EventKind::Other,
                    approximate: false,
                    planned: false,
                    span: false,
                    sources: 1,
                },
                LaneItem {
                    start: 400.0,
                    end: 401.0,
                    event: EventId(2),
                    kind: EventKind::Other,
                    approximate: false,
                    planned: false,
                    span: false,
                    sources: 1,
                },
            ],
            max_len: 365.0,
        };
        let ids: Vec<u32> = lane
            .items_in(200.0, 300.0)
            .iter()
            .map(|i| i.event.0)
            .collect();
        // The year-long span overlaps; the day at 100 is a harmless extra; 400 is out.
        assert!(ids.contains(&0));
        assert!(!ids.contains(&2));
    }

    #[test]
    fn time_range_narrows_the_list_and_map_not_the_lanes() {
        let store = store();
        let mut vm = ViewModel::default();
        let all = Filter::default();
        vm.update(&store, &all, LaneMode::Place, None, None);
        let lanes_before = vm.lanes.lanes.clone();
        let november = Filter {
            time: Some((
                chrono::NaiveDate::from_ymd_opt(2025, 11, 1).expect("date"),
                chrono::NaiveDate::from_ymd_opt(2025, 11, 30).expect("date"),
            )),
            ..all
        };
        vm.update(&store, &november, LaneMode::Place, None, None);
        assert!(vm.shown.len() < store.events().len());
        assert!(!vm.shown.is_empty());
        assert_eq!(vm.lanes.lanes, lanes_before);
        let paris = place_id(&store, "Paris");
        assert!(vm.markers.iter().all(|m| m.place != paris));
    }

    #[test]
    fn narrowing_search_matches_a_fresh_search() {
        let store = store();
        let mut incremental = ViewModel::default();
        for text in ["w", "wa", "was", "wash", "washington"] {
            let f = Filter {
                text: text.to_owned(),
                ..Filter::default()
            };
            incremental.update(&store, &f, LaneMode::Place, None, None);
        }
        let mut fresh = ViewModel::default();
        let f = Filter {
            text: "washington".to_owned(),
            ..Filter::default()
        };
        fresh.update(&store, &f, LaneMode::Place, None, None);
        assert_eq!(incremental.shown, fresh.shown);
        assert!(!fresh.shown.is_empty());
        // Deleting characters widens again.
        let f = Filter {
            text: "wa".to_owned(),
            ..Filter::default()
        };
        incremental.update(&store, &f, LaneMode::Place, None, None);
        fresh.update(&store, &f, LaneMode::Place, None, None);
        assert_eq!(incremental.shown, fresh.shown);
    }

    #[test]
    fn selecting_a_place_relates_its_events_and_dims_the_rest() {
        let store = store();
        let mut vm = ViewModel::default();
        let paris = place_id(&store, "Paris");
        vm.update(
            &store,
            &Filter::default(),
            LaneMode::Place,
            Some(Item::Place(paris)),
            None,
        );
        for event in store.events() {
            let expected = if store.event_places(event.id).contains(&paris) {
                Highlight::Related
            } else {
                Highlight::Dimmed
            };
            assert_eq!(vm.highlights.event(event.id), expected, "{}", event.summary);
        }
        assert_eq!(vm.highlights.place(paris), Highlight::Selected);
    }

    #[test]
    fn nearby_markers_cluster_at_low_zoom_only() {
        let store = store();
        let mut vm = ViewModel::default();
        vm.update(&store, &Filter::default(), LaneMode::Place, None, None);
        let mut cache = ClusterCache::default();
        let places = vm.markers.len();
        let world = cache.get(&vm, 1.0).len();
        let street = cache.get(&vm, 12.0).len();
        assert!(world < places, "{world} clusters of {places}");
        assert_eq!(street, places);
        let total: u32 = vm.markers.iter().map(|m| m.events).sum();
        let clustered: u32 = cache.get(&vm, 1.0).iter().map(|c| c.events).sum();
        assert_eq!(clustered, total);
    }

    #[test]
    fn stories_draw_each_story_once_and_select_it_through_any_mention() {
        let store = store();
        let story = store
            .stories_now()
            .stories
            .iter()
            .find(|s| s.sources > 1)
            .cloned()
            .expect("a story told by several articles in the fixture");
        let other = *story
            .mentions
            .iter()
            .find(|m| **m != story.lead)
            .expect("a second mention");
        let mut vm = ViewModel::default();
        vm.update_with(
            &store,
            &Filter::default(),
            LaneMode::Kind,
            StoryMode::Stories,
            Some(Item::Event(other)),
            None,
        );
        let items: Vec<&LaneItem> = vm.lanes.lanes.iter().flat_map(|l| &l.items).collect();
        let of_story: Vec<&&LaneItem> = items
            .iter()
            .filter(|i| story.mentions.contains(&i.event))
            .collect();
        assert_eq!(of_story.len(), 1, "one item for the story in kind lanes");
        assert_eq!(of_story[0].event, story.lead);
        assert_eq!(of_story[0].sources as usize, story.sources);
        // Selecting any mention selects the story's mark.
        assert_eq!(vm.highlights.event(story.lead), Highlight::Selected);
        assert_eq!(vm.unit(&store, other), story.lead);
        let view = vm.story.clone().expect("the story view");
        assert_eq!(view.sources, story.sources);
        assert_eq!(view.by_source.len(), story.sources);
        // The selected mention's article comes first.
        assert!(view.by_source[0].mentions.contains(&other));

        let stories = items.len();
        vm.update_with(
            &store,
            &Filter::default(),
            LaneMode::Kind,
            StoryMode::Mentions,
            Some(Item::Event(other)),
            None,
        );
        assert!(vm.timeline_items() > stories);
        assert!(vm.story.is_some(), "the panel still tells the story");
        vm.update_with(
            &store,
            &Filter::default(),
            LaneMode::Kind,
            StoryMode::Off,
            Some(Item::Event(other)),
            None,
        );
        assert!(vm.story.is_none());
    }

    #[test]
    fn stepping_walks_the_shown_events_in_time_order() {
        let store = store();
        let mut vm = ViewModel::default();
        vm.update(&store, &Filter::default(), LaneMode::Place, None, None);
        let first = vm.step(None, true).expect("an event");
        assert_eq!(first, vm.shown[0]);
        let second = vm.step(Some(first), true).expect("a second event");
        assert_eq!(vm.step(Some(second), false), Some(first));
        assert_eq!(vm.step(Some(first), false), None);
    }
}
