//! Stories: event mentions from one or many articles that report the same happening.
//!
//! Three articles report Sharaa's White House visit — one announces it "around November 10",
//! one schedules it, one says it happened "on Monday". [`cluster`] joins such mentions into
//! one [`Story`], keeps the reasons for every join, and flags where the sources disagree (a
//! date beyond its precision, a number).
//!
//! How, in short (deterministic; no all-pairs scan):
//! 1. Every dated mention is put in blocks keyed by (person, organisation or place, month);
//!    an undated mention only in its own article's block.
//! 2. Mentions sharing a block are scored pairwise (shared people, organisations, places,
//!    countries, compatible kinds, agreeing dates). Blocks are sorted by date and each mention
//!    is compared with a bounded window of neighbours, so big blocks stay linear.
//! 3. Pairs above the threshold are joined, best first, with union–find. Each story keeps a
//!    *core* window of days that all its dated mentions allow; a join that would empty it is
//!    refused — unless everything but the date agrees strongly, in which case the mentions
//!    join and the story is flagged with a date conflict.
//! 4. User hints: a mention split off by hand stands alone; two mentions merged by hand are in
//!    one story whatever the scores say.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::{ActorKind, DateSpan, Event, EventId, EventKind, PlaceKind, Precision};

/// Index of a story in [`Stories::stories`]; stories are numbered in date order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StoryId(pub u32);

impl StoryId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
    /// The id as written in exports: `s0`, `s1`, …
    pub fn label(self) -> String {
        format!("s{}", self.0)
    }
}

/// Two mentions joined, and how strongly. [`Link::why`] says why in words.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub a: EventId,
    pub b: EventId,
    pub score: f32,
    /// Joined by the user, whatever the score.
    pub by_hand: bool,
}

impl Link {
    /// "same date 2025-11-10; both name Ahmed al-Sharaa; both in Washington; both a visit".
    pub fn why(&self, events: &[Event]) -> String {
        if self.by_hand {
            return "merged by hand".to_owned();
        }
        match (events.get(self.a.index()), events.get(self.b.index())) {
            (Some(a), Some(b)) => explain(a, b),
            _ => String::new(),
        }
    }
}

/// One version of a disputed fact and the mentions that give it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Version {
    /// As the sources give it: "2025-11-10", "90th member".
    pub value: String,
    pub mentions: Vec<EventId>,
}

/// Sources of one story disagree on `about` ("date", "member").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub about: String,
    pub versions: Vec<Version>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    pub id: StoryId,
    /// Every mention, in event order.
    pub mentions: Vec<EventId>,
    /// The mention that stands for the story (its summary and kind): a reported happening
    /// before a plan or a statement about it, the finest date first.
    pub lead: EventId,
    /// The mention whose date is the story's (the best-dated reported one): see
    /// [`Story::when`]. An index rather than a copy of the date, for a million stories.
    pub dated: EventId,
    /// Every mention is an announcement or plan; nothing reports it done.
    pub planned: bool,
    /// Distinct articles among the mentions.
    pub sources: usize,
    pub links: Vec<Link>,
    pub conflicts: Vec<Conflict>,
}

impl Story {
    /// The story's date: the best-dated reported mention's. `events` are those the stories
    /// were made of.
    pub fn when<'a>(&self, events: &'a [Event]) -> Option<&'a DateSpan> {
        events.get(self.dated.index())?.when.as_ref()
    }
}

/// The stories of a set of events; every event is in exactly one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stories {
    pub stories: Vec<Story>,
    /// Story of each event, by event index.
    pub of_event: Vec<StoryId>,
}

impl Stories {
    pub fn story(&self, id: StoryId) -> Option<&Story> {
        self.stories.get(id.index())
    }

    pub fn story_of(&self, event: EventId) -> Option<&Story> {
        self.of_event
            .get(event.index())
            .and_then(|&id| self.story(id))
    }
}

/// Joins and splits made by hand, by event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoryHints {
    /// These mentions stand alone ("not the same story").
    pub apart: HashSet<EventId>,
    /// Each pair is in one story.
    pub together: Vec<(EventId, EventId)>,
}

/// Score at which two mentions are taken for the same happening.
pub const JOIN_SCORE: f32 = 4.0;
/// Score, dates left aside, at which mentions join although their dates disagree (the story
/// is then flagged).
const CONFLICT_JOIN_SCORE: f32 = 7.0;
/// Undated mentions join a story of their own article only on this much evidence.
const UNDATED_JOIN_SCORE: f32 = 5.0;
/// Days apart beyond which no amount of agreement makes two dated mentions one story.
const MAX_CONFLICT_GAP_DAYS: i32 = 31;
/// Neighbours (in date order) each mention is compared with in a block.
const BLOCK_WINDOW: usize = 16;

/// Group `events` (ids are their indices) into stories.
pub fn cluster(events: &[Event], hints: &StoryHints) -> Stories {
    cluster_with(events, hints, |e| &e.sentence)
}

/// [`cluster`], reading each event's sentence with `sentence` (a store keeps it only in
/// the article text).
pub fn cluster_with<'a>(
    events: &'a [Event],
    hints: &StoryHints,
    sentence: impl Fn(&'a Event) -> &'a str,
) -> Stories {
    cluster_cancellable(events, hints, sentence, &AtomicBool::new(false)).unwrap_or_default()
}

/// [`cluster_with`], giving up (`None`) when `cancel` is set: checked between phases, so a
/// background job whose store has changed lets go of the events soon.
pub fn cluster_cancellable<'a>(
    events: &'a [Event],
    hints: &StoryHints,
    sentence: impl Fn(&'a Event) -> &'a str,
    cancel: &AtomicBool,
) -> Option<Stories> {
    let cancelled = || cancel.load(Ordering::Relaxed);
    // What the load's threads freed is of no use here (see `release_freed_memory`).
    release_freed_memory();
    // The mentions and candidate pairs are gone before the stories are made, so the stories
    // take the memory they leave.
    let (mut sets, links) = {
        let mentions = MentionPool::of(events);
        if cancelled() {
            return None;
        }
        let runs = candidate_edges(&mentions, hints);
        drop(mentions);
        if cancelled() {
            return None;
        }
        let mut sets = UnionFind::new(events);
        let mut links: Vec<(u32, u32, f32)> = Vec::new();
        for &(a, b) in &hints.together {
            let (a, b) = (a.index(), b.index());
            if a < events.len() && b < events.len() && sets.union_forced(a, b) {
                links.push((a as u32, b as u32, f32::INFINITY));
            }
        }
        // Best first; a pair met in two blocks (two shared names) is taken once.
        let mut last = None;
        for edge in BestFirst::new(runs) {
            if last == Some((edge.a, edge.b())) {
                continue;
            }
            last = Some((edge.a, edge.b()));
            if sets.union_if_compatible(&edge) {
                links.push((edge.a, edge.b(), edge.score));
            }
        }
        (sets, links)
    };
    // The candidate pairs were made on worker threads, whose allocator arenas keep the memory
    // they freed; this thread cannot reuse it for the stories.
    release_freed_memory();
    if cancelled() {
        return None;
    }

    // Collect the sets, in order of their first event: each group's events lie together in
    // one vector (`members[starts[g]..starts[g + 1]]`), in event order.
    let mut group_of = vec![u32::MAX; events.len()];
    let mut starts: Vec<usize> = Vec::new();
    for i in 0..events.len() {
        let root = sets.find(i);
        if group_of[root] == u32::MAX {
            group_of[root] = starts.len() as u32;
            starts.push(0);
        }
        let g = group_of[root];
        group_of[i] = g;
        starts[g as usize] += 1;
    }
    drop(sets);
    let mut next = 0;
    for start in &mut starts {
        let count = *start;
        *start = next;
        next += count;
    }
    starts.push(next);
    let mut members = vec![0usize; events.len()];
    {
        let mut fill = starts.clone();
        for (i, &g) in group_of.iter().enumerate() {
            members[fill[g as usize]] = i;
            fill[g as usize] += 1;
        }
    }
    drop(group_of);
    let group = |g: usize| &members[starts[g]..starts[g + 1]];
    let groups = starts.len() - 1;
    let mut order: Vec<usize> = (0..groups).collect();
    let keys: Vec<_> = (0..groups)
        .map(|g| {
            let dated = &events[date_of(group(g), events)];
            (dated.when.as_ref().map(|w| (w.start, w.end)), group(g)[0])
        })
        .collect();
    order.sort_unstable_by_key(|&g| keys[g]);
    drop(keys);

    let mut of_event = vec![StoryId(0); events.len()];
    let mut stories = Vec::with_capacity(groups);
    for (n, &g) in order.iter().enumerate() {
        let id = StoryId(n as u32);
        let group = group(g);
        for &i in group {
            of_event[i] = id;
        }
        let lead = lead_of(group, events);
        let dated = date_of(group, events);
        let mut articles_seen: Vec<_> = group.iter().map(|&i| events[i].article).collect();
        articles_seen.sort_unstable();
        articles_seen.dedup();
        stories.push(Story {
            id,
            lead: EventId::from_index(lead),
            dated: EventId::from_index(dated),
            planned: group.iter().all(|&i| events[i].planned),
            sources: articles_seen.len(),
            links: Vec::new(),
            // Disagreement needs two sources.
            conflicts: if articles_seen.len() > 1 {
                conflicts(group, events, &sentence)
            } else {
                Vec::new()
            },
            mentions: group.iter().copied().map(EventId::from_index).collect(),
        });
    }
    for (a, b, score) in links {
        let story = &mut stories[of_event[a as usize].index()];
        story.links.push(Link {
            a: EventId(a),
            b: EventId(b),
            score: if score.is_finite() { score } else { 0.0 },
            by_hand: !score.is_finite(),
        });
    }
    Some(Stories { stories, of_event })
}

/// Give the memory the allocator holds free back to the system. glibc keeps what a thread
/// frees in that thread's arena, for that thread: what the loader thread freed, or the
/// candidate pairs the worker threads made, would stay resident beside the mentions and the
/// stories made on this thread.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns free pages of the allocator's arenas to the system;
    // it touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// What a mention offers for comparison, names interned; made when compared, from the
/// [`MentionPool`] that holds every mention compactly. Its names and coordinates are slices
/// of two vectors shared by all mentions: clustering holds one mention per event, and a small
/// allocation for each would stay scattered through the heap among the stories made, after
/// the mentions are gone.
struct Mention<'a> {
    /// Persons, organisations, countries (country actors and the countries of places, as
    /// interned codes or names) and places (cities and regions), one after another, each
    /// part sorted and without repeats; `ends` marks where the first three end.
    names: &'a [u32],
    ends: [u32; 3],
    /// Cities' coordinates.
    coords: &'a [(f64, f64)],
    kind: EventKind,
    /// Days (from the common era) the mention allows, tolerance included.
    window: Option<(i32, i32)>,
    precision: Option<Precision>,
    planned: bool,
    article: u32,
}

/// Reused buffers for [`MentionPool::add`].
#[derive(Default)]
struct MentionParts {
    persons: Vec<u32>,
    orgs: Vec<u32>,
    countries: Vec<u32>,
    places: Vec<u32>,
}

/// Every mention: the names and coordinates of all, one after another, and for each a
/// [`Held`] record; [`MentionPool::get`] gives the [`Mention`] to compare.
#[derive(Default)]
struct MentionPool {
    names: Vec<u32>,
    coords: Vec<(f64, f64)>,
    held: Vec<Held>,
}

/// A mention as held (40 bytes): where its names and coordinates start in the pool (they end
/// where the next mention's start), and the rest of [`Mention`].
struct Held {
    names: u32,
    ends: [u32; 3],
    coords: u32,
    window: Option<(i32, i32)>,
    article: u32,
    kind: EventKind,
    precision: Option<Precision>,
    planned: bool,
}

const _: () = assert!(std::mem::size_of::<Held>() <= 40);

impl MentionPool {
    fn of(events: &[Event]) -> Self {
        let mut pool = MentionPool {
            held: Vec::with_capacity(events.len()),
            ..MentionPool::default()
        };
        let mut interner = Interner::default();
        let mut parts = MentionParts::default();
        for e in events {
            let (names, coords) = (pool.names.len() as u32, pool.coords.len() as u32);
            let ends = pool.add(e, &mut interner, &mut parts);
            pool.held.push(Held {
                names,
                ends,
                coords,
                window: e.when.as_ref().map(|w| window_of(w, e.planned)),
                article: e.article.0,
                kind: e.kind,
                precision: e.when.as_ref().map(|w| w.precision),
                planned: e.planned,
            });
        }
        pool
    }

    fn len(&self) -> usize {
        self.held.len()
    }

    /// Mention `i`, as [`MentionPool::of`] read it from event `i`.
    fn get(&self, i: usize) -> Mention<'_> {
        let m = &self.held[i];
        let (names_end, coords_end) = self
            .held
            .get(i + 1)
            .map_or((self.names.len(), self.coords.len()), |next| {
                (next.names as usize, next.coords as usize)
            });
        Mention {
            names: &self.names[m.names as usize..names_end],
            ends: m.ends,
            coords: &self.coords[m.coords as usize..coords_end],
            kind: m.kind,
            window: m.window,
            precision: m.precision,
            planned: m.planned,
            article: m.article,
        }
    }

    /// Adds the names and coordinates of `e`; returns where its persons, organisations and
    /// countries end among its names.
    fn add(&mut self, e: &Event, interner: &mut Interner, parts: &mut MentionParts) -> [u32; 3] {
        let p = parts;
        for v in [&mut p.persons, &mut p.orgs, &mut p.countries, &mut p.places] {
            v.clear();
        }
        for a in &e.actors {
            let id = interner.id(&a.name);
            match a.kind {
                ActorKind::Person => p.persons.push(id),
                ActorKind::Organization => p.orgs.push(id),
                ActorKind::Country => p.countries.push(id),
            }
        }
        for place in &e.places {
            if !place.country.is_empty() {
                p.countries.push(interner.id(&place.country));
            }
            match place.kind {
                PlaceKind::Country => p.countries.push(interner.id(&place.name)),
                PlaceKind::City | PlaceKind::Region => {
                    p.places.push(interner.id(&place.name));
                    if place.kind == PlaceKind::City {
                        self.coords.push((place.lat, place.lon));
                    }
                }
            }
        }
        let start = self.names.len();
        let mut ends = [0u32; 3];
        for (n, v) in [&mut p.persons, &mut p.orgs, &mut p.countries, &mut p.places]
            .into_iter()
            .enumerate()
        {
            v.sort_unstable();
            v.dedup();
            self.names.extend_from_slice(v);
            if let Some(end) = ends.get_mut(n) {
                *end = (self.names.len() - start) as u32;
            }
        }
        ends
    }
}

impl Mention<'_> {
    fn persons(&self) -> &[u32] {
        &self.names[..self.ends[0] as usize]
    }

    fn orgs(&self) -> &[u32] {
        &self.names[self.ends[0] as usize..self.ends[1] as usize]
    }

    fn countries(&self) -> &[u32] {
        &self.names[self.ends[1] as usize..self.ends[2] as usize]
    }

    fn places(&self) -> &[u32] {
        &self.names[self.ends[2] as usize..]
    }

    /// Agreement on everything but the date.
    fn affinity(&self, other: &Mention) -> f32 {
        let persons = shared(self.persons(), other.persons()) as f32;
        let orgs = shared(self.orgs(), other.orgs()) as f32;
        let countries = shared(self.countries(), other.countries()) as f32;
        let places = shared(self.places(), other.places()) as f32;
        let mut score = (2.0 * persons).min(4.0) + (1.5 * orgs).min(3.0);
        score += (0.5 * countries).min(1.0);
        if places > 0.0 {
            score += 2.0 + (0.5 * (places - 1.0)).min(1.0);
        } else if self.near(other) {
            score += 1.0;
        }
        score + kind_affinity(self.kind, other.kind)
    }

    /// A city of one within 40 km of a city of the other (Washington and Arlington).
    fn near(&self, other: &Mention) -> bool {
        self.coords.iter().any(|&(lat, lon)| {
            other
                .coords
                .iter()
                // Half a degree of latitude is 55 km: most pairs are ruled out without trigonometry.
                .any(|&(lat2, lon2)| {
                    (lat - lat2).abs() < 0.5
                        && ((lon - lon2).abs() < 1.0 || (lon - lon2).abs() > 359.0)
                        && km_between(lat, lon, lat2, lon2) < 40.0
                })
        })
    }

    /// Has something only this happening would share: a person, an organisation, a city.
    fn specific(&self, other: &Mention) -> bool {
        shared(self.persons(), other.persons()) > 0
            || shared(self.orgs(), other.orgs()) > 0
            || shared(self.places(), other.places()) > 0
    }
}

fn kind_affinity(a: EventKind, b: EventKind) -> f32 {
    use EventKind::*;
    if a == b {
        return 1.0;
    }
    match (a, b) {
        (Other | Statement, _) | (_, Other | Statement) => 0.25,
        (Visit, Meeting) | (Meeting, Visit) => 0.5,
        (Meeting | Negotiation | Agreement, Meeting | Negotiation | Agreement) => 0.5,
        _ => -1.5,
    }
}

/// How much two dated mentions agree on the date (0 when they do not overlap).
fn date_affinity(a: &Mention, b: &Mention) -> f32 {
    let (Some(wa), Some(wb)) = (a.window, b.window) else {
        return 0.0;
    };
    if wa.1 < wb.0 || wb.1 < wa.0 {
        return 0.0;
    }
    let coarsest = a.precision.max(b.precision);
    match coarsest {
        Some(Precision::Day) if wa == wb => 1.5,
        Some(Precision::Day | Precision::Week) => 1.0,
        Some(Precision::Month) => 0.75,
        _ => 0.25,
    }
}

/// The days a span allows: its own, widened for "around" and for plans (a visit set for
/// "around November 10" that happens on the 11th is the same visit).
fn window_of(w: &DateSpan, planned: bool) -> (i32, i32) {
    let mut slack = 0;
    if w.approximate {
        slack += match w.precision {
            Precision::Day => 3,
            Precision::Week => 7,
            _ => 15,
        };
    }
    if planned {
        slack += 3;
    }
    (
        w.start.num_days_from_ce() - slack,
        w.end.num_days_from_ce() + slack,
    )
}

fn shared(a: &[u32], b: &[u32]) -> usize {
    // Both sorted and short.
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn km_between(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(name.to_owned(), id);
        id
    }
}

/// A candidate pair; ids as `u32` (events are counted in `u32` everywhere), and whether the
/// dates conflict in the top bit of the second, since a large store has millions of these at
/// once (12 bytes each).
struct Edge {
    a: u32,
    /// `b`, with [`CONFLICTING`] set when the dates do not overlap (joining flags a conflict).
    b_flags: u32,
    score: f32,
}

/// Marks an [`Edge`] whose dates do not overlap. Event ids stay below it.
const CONFLICTING: u32 = 1 << 31;

impl Edge {
    fn new(a: u32, b: u32, score: f32, conflicting: bool) -> Edge {
        debug_assert!(a < CONFLICTING && b < CONFLICTING);
        let flag = if conflicting { CONFLICTING } else { 0 };
        Edge {
            a,
            b_flags: b | flag,
            score,
        }
    }

    fn b(&self) -> u32 {
        self.b_flags & !CONFLICTING
    }

    fn conflicting(&self) -> bool {
        self.b_flags & CONFLICTING != 0
    }

    /// The same pair with `a` the smaller id.
    fn ordered(self) -> Edge {
        if self.a > self.b() {
            Edge::new(self.b(), self.a, self.score, self.conflicting())
        } else {
            self
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum BlockKey {
    /// Mentions dated to a day, week or month that name this entity.
    Dated(u32),
    /// Mentions dated to a season, year or decade that name this entity.
    Coarse(u32),
    Article(usize),
}

/// Candidate pairs, as runs sorted best first (see [`best_first`]).
fn candidate_edges(mentions: &MentionPool, hints: &StoryHints) -> Vec<Run> {
    let mut blocks: HashMap<BlockKey, Vec<u32>> = HashMap::new();
    for i in 0..mentions.len() {
        let m = mentions.get(i);
        if hints.apart.contains(&EventId::from_index(i)) {
            continue;
        }
        blocks
            .entry(BlockKey::Article(m.article as usize))
            .or_default()
            .push(i as u32);
        if m.window.is_none() {
            continue;
        }
        let coarse = m.precision.is_some_and(|p| p > Precision::Month);
        for &entity in m.persons().iter().chain(m.orgs()).chain(m.places()) {
            let key = if coarse {
                BlockKey::Coarse(entity)
            } else {
                BlockKey::Dated(entity)
            };
            blocks.entry(key).or_default().push(i as u32);
        }
    }

    // Blocks are scored in parallel, each block's edges sorted best first (ties by ids, so
    // the result does not depend on hashing); [`BestFirst`] merges them. A large store has
    // millions of candidate pairs: they are held once, in the blocks' vectors.
    let mut blocks: Vec<(BlockKey, Vec<u32>)> = blocks.into_iter().collect();
    blocks.sort_unstable_by_key(|(key, _)| *key);
    // Thousands of small runs (an article's own pairs) make one, so the merge's heap stays
    // small.
    const SMALL_RUN: usize = 4096;
    let scored: Vec<Result<Run, Vec<Edge>>> = blocks
        .into_par_iter()
        .map(|(key, block)| {
            let mut edges = block_edges(mentions, key, block);
            edges.sort_unstable_by(best_first);
            if edges.len() >= SMALL_RUN {
                Ok(Run::of(edges))
            } else {
                Err(edges)
            }
        })
        .filter(|run| {
            run.as_ref()
                .map_or_else(|edges| !edges.is_empty(), |_| true)
        })
        .collect();
    let small: usize = scored
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(Vec::len)
        .sum();
    let mut merged = Vec::with_capacity(small);
    let mut runs: Vec<Run> = scored
        .into_iter()
        .filter_map(|run| match run {
            Ok(run) => Some(run),
            Err(edges) => {
                merged.extend(edges);
                None
            }
        })
        .collect();
    merged.sort_unstable_by(best_first);
    runs.push(Run::of(merged));
    runs
}

/// Edges sorted best first, held as 8-byte pairs (`a`, `b_flags`) and the score of each
/// stretch of pairs with equal scores: scores are sums of quarters, so a run has few.
struct Run {
    pairs: Vec<(u32, u32)>,
    /// (score, how many pairs in a row have it).
    scores: Vec<(f32, u32)>,
}

impl Run {
    /// `edges` sorted by [`best_first`].
    fn of(edges: Vec<Edge>) -> Run {
        let mut scores: Vec<(f32, u32)> = Vec::new();
        for e in &edges {
            match scores.last_mut() {
                Some((score, n)) if score.total_cmp(&e.score).is_eq() => *n += 1,
                _ => scores.push((e.score, 1)),
            }
        }
        scores.shrink_to_fit();
        Run {
            pairs: edges.iter().map(|e| (e.a, e.b_flags)).collect(),
            scores,
        }
    }

    fn into_edges(self) -> RunEdges {
        RunEdges {
            pairs: self.pairs.into_iter(),
            scores: self.scores.into_iter(),
            score: 0.0,
            left: 0,
        }
    }
}

/// The edges of a [`Run`], in order.
struct RunEdges {
    pairs: std::vec::IntoIter<(u32, u32)>,
    scores: std::vec::IntoIter<(f32, u32)>,
    score: f32,
    /// Pairs left with `score`.
    left: u32,
}

impl Iterator for RunEdges {
    type Item = Edge;

    fn next(&mut self) -> Option<Edge> {
        while self.left == 0 {
            (self.score, self.left) = self.scores.next()?;
        }
        self.left -= 1;
        let (a, b_flags) = self.pairs.next()?;
        Some(Edge {
            a,
            b_flags,
            score: self.score,
        })
    }
}

/// Higher score first, then by ids.
fn best_first(x: &Edge, y: &Edge) -> std::cmp::Ordering {
    y.score
        .total_cmp(&x.score)
        .then(x.a.cmp(&y.a))
        .then(x.b().cmp(&y.b()))
}

/// The edges of sorted runs in one sorted stream.
struct BestFirst {
    runs: Vec<RunEdges>,
    /// The next edge of each run not exhausted, best on top.
    heads: std::collections::BinaryHeap<Head>,
}

struct Head(Edge, usize);

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Head {}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Head {
    /// The best edge is the greatest (the heap's top); equal edges by run.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        best_first(&other.0, &self.0).then(other.1.cmp(&self.1))
    }
}

impl BestFirst {
    fn new(runs: Vec<Run>) -> Self {
        let mut runs: Vec<_> = runs.into_iter().map(Run::into_edges).collect();
        let heads = runs
            .iter_mut()
            .enumerate()
            .filter_map(|(i, run)| run.next().map(|e| Head(e, i)))
            .collect();
        BestFirst { runs, heads }
    }
}

impl Iterator for BestFirst {
    type Item = Edge;

    fn next(&mut self) -> Option<Edge> {
        let Head(edge, run) = self.heads.pop()?;
        if let Some(next) = self.runs[run].next() {
            self.heads.push(Head(next, run));
        }
        Some(edge)
    }
}

/// The candidate pairs of one block that score high enough.
fn block_edges(mentions: &MentionPool, key: BlockKey, mut block: Vec<u32>) -> Vec<Edge> {
    let mut edges = Vec::new();
    if let BlockKey::Article(_) = key {
        // An article's own mentions, all pairs (an article has tens of events).
        for (n, &a) in block.iter().enumerate() {
            let ma = mentions.get(a as usize);
            for &b in &block[n + 1..] {
                if let Some(edge) = score_pair(&ma, &mentions.get(b as usize), a, b) {
                    edges.push(edge);
                }
            }
        }
        edges.shrink_to_fit();
        return edges;
    }
    // In date order, each mention meets the next few that start before it ends (plus the gap
    // within which dates may disagree): linear in the block's size.
    let held = |i: u32| &mentions.held[i as usize];
    block.sort_unstable_by_key(|&i| (held(i).window.map_or(i32::MIN, |w| w.0), i));
    for (n, &a) in block.iter().enumerate() {
        let ma = mentions.get(a as usize);
        let reach = ma.window.map_or(i32::MIN, |w| w.1) + MAX_CONFLICT_GAP_DAYS;
        for &b in block[n + 1..].iter().take(BLOCK_WINDOW) {
            if held(b).window.is_some_and(|w| w.0 > reach) {
                break;
            }
            if ma.article == held(b).article {
                // Scored in the article's block.
                continue;
            }
            if let Some(edge) = score_pair(&ma, &mentions.get(b as usize), a, b) {
                edges.push(edge);
            }
        }
    }
    edges.shrink_to_fit();
    edges
}

fn score_pair(ma: &Mention, mb: &Mention, a: u32, b: u32) -> Option<Edge> {
    if !ma.specific(mb) {
        return None;
    }
    let affinity = ma.affinity(mb);
    let edge = |score, conflicting| Edge::new(a, b, score, conflicting).ordered();
    match (ma.window, mb.window) {
        (Some(wa), Some(wb)) => {
            let overlap = wa.0 <= wb.1 && wb.0 <= wa.1;
            if overlap {
                let score = affinity + date_affinity(ma, mb);
                (score >= JOIN_SCORE).then(|| edge(score, false))
            } else {
                // Sources disagreeing on a date: both report (a plan may move), both give a
                // day, and the happening is of one kind — an announcement made on the 1st
                // about a visit on the 10th is not a disagreement.
                let gap = (wb.0 - wa.1).max(wa.0 - wb.1);
                let days =
                    ma.precision == Some(Precision::Day) && mb.precision == Some(Precision::Day);
                let reported = !ma.planned && !mb.planned;
                let same_kind = kind_affinity(ma.kind, mb.kind) >= 0.5;
                (days
                    && reported
                    && same_kind
                    && gap <= MAX_CONFLICT_GAP_DAYS
                    && affinity >= CONFLICT_JOIN_SCORE)
                    .then(|| edge(affinity - 1.0, true))
            }
        }
        // One undated: only within an article, and only on strong evidence naming a person.
        _ => (ma.article == mb.article
            && shared(ma.persons(), mb.persons()) > 0
            && affinity >= UNDATED_JOIN_SCORE)
            .then(|| edge(affinity - 0.5, false)),
    }
}

struct UnionFind {
    parent: Vec<u32>,
    /// Days every dated member allows, per root; `None` when no member is dated.
    core: Vec<Option<(i32, i32)>>,
    size: Vec<u32>,
}

impl UnionFind {
    /// Every event alone, with its mention's window ([`Mention::window`]).
    fn new(events: &[Event]) -> Self {
        UnionFind {
            parent: (0..events.len() as u32).collect(),
            core: events
                .iter()
                .map(|e| e.when.as_ref().map(|w| window_of(w, e.planned)))
                .collect(),
            size: vec![1; events.len()],
        }
    }

    fn find(&mut self, i: usize) -> usize {
        let mut i = i as u32;
        while self.parent[i as usize] != i {
            self.parent[i as usize] = self.parent[self.parent[i as usize] as usize];
            i = self.parent[i as usize];
        }
        i as usize
    }

    fn link(&mut self, ra: usize, rb: usize, core: Option<(i32, i32)>) {
        let (big, small) = if self.size[ra] >= self.size[rb] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small] = big as u32;
        self.size[big] += self.size[small];
        self.core[big] = core;
    }

    fn union_forced(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let core = match (self.core[ra], self.core[rb]) {
            (Some(x), Some(y)) => {
                Some(intersect(x, y).unwrap_or(if self.size[ra] >= self.size[rb] { x } else { y }))
            }
            (x, y) => x.or(y),
        };
        self.link(ra, rb, core);
        true
    }

    fn union_if_compatible(&mut self, edge: &Edge) -> bool {
        let (ra, rb) = (self.find(edge.a as usize), self.find(edge.b() as usize));
        if ra == rb {
            return false;
        }
        let core = match (self.core[ra], self.core[rb]) {
            (Some(x), Some(y)) => match intersect(x, y) {
                Some(both) => Some(both),
                // Dates disagree: join only where this pair was judged strong enough to
                // join despite it, and keep the bigger story's dates.
                None if edge.conflicting() => {
                    let gap = (y.0 - x.1).max(x.0 - y.1);
                    if gap > MAX_CONFLICT_GAP_DAYS {
                        return false;
                    }
                    Some(if self.size[ra] >= self.size[rb] { x } else { y })
                }
                None => return false,
            },
            // An undated mention (only ever paired within its own article) keeps the dates.
            (x, y) => x.or(y),
        };
        self.link(ra, rb, core);
        true
    }
}

fn intersect(x: (i32, i32), y: (i32, i32)) -> Option<(i32, i32)> {
    let both = (x.0.max(y.0), x.1.min(y.1));
    (both.0 <= both.1).then_some(both)
}

fn precision_rank(p: Option<Precision>) -> u8 {
    match p {
        Some(Precision::Day) => 0,
        Some(Precision::Week) => 1,
        Some(Precision::Month) => 2,
        Some(Precision::Season) => 3,
        Some(Precision::Year) => 4,
        Some(Precision::Decade) => 5,
        None => 6,
    }
}

/// The mention that stands for the story: reported before planned, a happening before a
/// statement about it, exact before approximate, finest date first, then the earliest event.
fn lead_of(group: &[usize], events: &[Event]) -> usize {
    best_of(group, events, true)
}

/// The mention whose date is the story's: as [`lead_of`], but the date alone counts (an
/// interview "on Monday" dates a visit better than the visit told without a date of its own).
fn date_of(group: &[usize], events: &[Event]) -> usize {
    best_of(group, events, false)
}

fn best_of(group: &[usize], events: &[Event], happenings_first: bool) -> usize {
    group
        .iter()
        .copied()
        .min_by_key(|&i| {
            let e = &events[i];
            (
                e.when.is_none(),
                e.planned,
                happenings_first && matches!(e.kind, EventKind::Statement | EventKind::Other),
                e.when.as_ref().is_some_and(|w| w.approximate),
                precision_rank(e.when.as_ref().map(|w| w.precision)),
                i,
            )
        })
        .unwrap_or(0)
}

/// Where the mentions of one story disagree: reported dates that do not overlap, and numbers
/// of the same thing that differ between articles.
fn conflicts<'a>(
    group: &[usize],
    events: &'a [Event],
    sentence: impl Fn(&'a Event) -> &'a str,
) -> Vec<Conflict> {
    let mut out = Vec::new();

    // Dates, among mentions that report (plans may change without anyone being wrong).
    let mut by_span: BTreeMap<(NaiveDate, NaiveDate), Vec<usize>> = BTreeMap::new();
    for &i in group {
        let e = &events[i];
        if let Some(w) = e
            .when
            .as_ref()
            .filter(|w| !e.planned && w.precision <= Precision::Month)
        {
            by_span.entry((w.start, w.end)).or_default().push(i);
        }
    }
    let spans: Vec<_> = by_span.iter().collect();
    let disjoint = spans.iter().enumerate().any(|(n, (sa, ia))| {
        spans.iter().skip(n + 1).any(|(sb, ib)| {
            let wa = window_of_event(&events[ia[0]]);
            let wb = window_of_event(&events[ib[0]]);
            let _ = (sa, sb);
            intersect(wa, wb).is_none()
        })
    });
    if disjoint {
        out.push(Conflict {
            about: "date".to_owned(),
            versions: by_span
                .iter()
                .map(|(&(start, end), ids)| Version {
                    value: if start == end {
                        start.to_string()
                    } else {
                        format!("{start} – {end}")
                    },
                    mentions: ids.iter().map(|&i| EventId::from_index(i)).collect(),
                })
                .collect(),
        });
    }

    // Numbers: "90th member" in one article, "89th member" in another.
    let mut numbers: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    for &i in group {
        for (noun, value) in counted_things(sentence(&events[i])) {
            numbers
                .entry(noun)
                .or_default()
                .entry(value)
                .or_default()
                .push(i);
        }
    }
    for (noun, values) in numbers {
        if values.len() < 2 {
            continue;
        }
        let articles = |ids: &Vec<usize>| -> HashSet<usize> {
            ids.iter().map(|&i| events[i].article.index()).collect()
        };
        // Only a disagreement between sources: one article may well give two counts.
        let sets: Vec<HashSet<usize>> = values.values().map(articles).collect();
        let between_sources = sets.iter().enumerate().any(|(n, a)| {
            sets.iter()
                .skip(n + 1)
                .any(|b| a.iter().any(|x| !b.contains(x)) || b.iter().any(|x| !a.contains(x)))
        });
        if !between_sources {
            continue;
        }
        out.push(Conflict {
            about: noun,
            versions: values
                .into_iter()
                .map(|(value, ids)| Version {
                    value,
                    mentions: ids.into_iter().map(EventId::from_index).collect(),
                })
                .collect(),
        });
    }
    out
}

fn window_of_event(e: &Event) -> (i32, i32) {
    e.when
        .as_ref()
        .map_or((i32::MIN, i32::MAX), |w| window_of(w, e.planned))
}

/// Counts in a sentence, keyed by what they count: "the 90th member" → ("member", "90th"),
/// "70,000 to 100,000 fighters" → ("fighter", "70,000 to 100,000"). Years are not counts.
pub fn counted_things(sentence: &str) -> Vec<(String, String)> {
    let words: Vec<&str> = sentence
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some(first) = number_word(words[i]) else {
            i += 1;
            continue;
        };
        let mut value = first.to_owned();
        let mut j = i + 1;
        // "70,000 to 100,000", "between 5 and 10"
        if j + 1 < words.len()
            && matches!(words[j], "to" | "and" | "or")
            && let Some(second) = number_word(words[j + 1])
        {
            value = format!("{first} {} {second}", words[j]);
            j += 2;
        }
        let is_year = value.len() == 4
            && value.chars().all(|c| c.is_ascii_digit())
            && (1800..=2100).contains(&value.parse::<u32>().unwrap_or(0));
        if let Some(noun) = words
            .get(j)
            .map(|w| counted_noun(w))
            .filter(|n| !n.is_empty())
            && !is_year
        {
            out.push((noun, value));
        }
        i = j;
    }
    out
}

/// "90th", "70,000", "12" — a number as written, without trailing punctuation.
fn number_word(word: &str) -> Option<&str> {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != ',');
    let w = w.trim_end_matches(',');
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    let ok = !digits.is_empty()
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == ',')
        && matches!(suffix, "" | "st" | "nd" | "rd" | "th");
    ok.then_some(w)
}

/// The counted noun, singular and lowercase; empty when the next word is not a plain noun.
fn counted_noun(word: &str) -> String {
    let w = word.trim_matches(|c: char| !c.is_alphabetic());
    if w.is_empty() || w.len() != word.trim_end_matches([',', '.', ';', ':', ')']).len() {
        return String::new();
    }
    let lower = w.to_lowercase();
    // Dates and durations ("10 November", "5 years") are not counts of a thing.
    const NOT_NOUNS: &[&str] = &[
        "percent", "per", "of", "in", "on", "at", "to", "and", "the", "a", "by", "for", "from",
        "years", "year", "days", "day", "months", "month", "weeks", "week", "hours", "am", "pm",
    ];
    if NOT_NOUNS.contains(&lower.as_str()) || crate::extract::dates::month_of(&lower).is_some() {
        return String::new();
    }
    match lower.strip_suffix('s') {
        Some(stem) if stem.len() > 2 && !stem.ends_with('s') => stem.to_owned(),
        _ => lower,
    }
}

/// Why two mentions were joined, in words.
fn explain(a: &Event, b: &Event) -> String {
    let mut why = Vec::new();
    match (&a.when, &b.when) {
        (Some(x), Some(y)) if x.start == y.start && x.end == y.end => {
            why.push(format!("same date {}", x.start));
        }
        (Some(x), Some(y)) => why.push(format!("dates agree ({} / {})", x.text, y.text)),
        _ => why.push("same article".to_owned()),
    }
    let names = |e: &Event| -> Vec<String> {
        e.actors
            .iter()
            .filter(|x| x.kind != ActorKind::Country)
            .map(|x| x.name.as_str().to_owned())
            .collect()
    };
    let (na, nb) = (names(a), names(b));
    let both: Vec<&str> = na
        .iter()
        .filter(|n| nb.contains(n))
        .map(String::as_str)
        .collect();
    if !both.is_empty() {
        why.push(format!("both name {}", both.join(", ")));
    }
    let places: Vec<&str> = a
        .places
        .iter()
        .filter(|p| p.kind != PlaceKind::Country && b.places.iter().any(|q| q.name == p.name))
        .map(|p| p.name.as_str())
        .collect();
    if !places.is_empty() {
        why.push(format!("both in {}", places.join(", ")));
    }
    if a.kind == b.kind {
        why.push(format!("both a {}", a.kind.as_str()));
    } else {
        why.push(format!("{} / {}", a.kind.as_str(), b.kind.as_str()));
    }
    why.join("; ")
}

#[cfg(test)]
mod tests;
