//! Story clustering at archive scale: `cargo bench --bench cluster`.
//!
//! Mentions as 10,000 generated articles would give them (20 events each: 200,000 mentions),
//! drawn from a pool of people, organisations and places with a skewed (news-like) frequency,
//! dated over three years, a quarter of them re-reporting an earlier happening. The README
//! quotes the time per clustering of all of them.

use std::hint::black_box;

use chrono::NaiveDate;
use chronomap::cluster::{StoryHints, cluster};
use chronomap::model::{
    ActorKind, ArticleId, DateSpan, Event, EventActor, EventId, EventKind, EventPlace, PlaceKind,
    Precision,
};
use criterion::{Criterion, criterion_group, criterion_main};

/// xorshift64*: the same mentions on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards small indices, as a few names dominate the news.
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }
}

pub fn mentions(articles: usize, per_article: usize) -> Vec<Event> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let base = NaiveDate::from_ymd_opt(2023, 1, 1).expect("date");
    let kinds = EventKind::ALL;
    let mut events: Vec<Event> = Vec::with_capacity(articles * per_article);
    for a in 0..articles {
        for _ in 0..per_article {
            let id = EventId::from_index(events.len());
            // A quarter retell something already reported, with the same people, place and day.
            if events.len() > 100 && rng.below(4) == 0 {
                let mut e = events[rng.below(events.len())].clone();
                e.id = id;
                e.article = ArticleId::from_index(a);
                events.push(e);
                continue;
            }
            let day = base + chrono::Duration::days(rng.below(3 * 365) as i64);
            let precision = match rng.below(10) {
                0..=6 => Precision::Day,
                7 | 8 => Precision::Month,
                _ => Precision::Year,
            };
            let when = (rng.below(10) > 0).then(|| DateSpan {
                text: "on Monday".to_owned(),
                start: day,
                end: day,
                precision,
                approximate: rng.below(8) == 0,
            });
            let place = rng.skewed(400);
            let actors = (0..1 + rng.below(3))
                .map(|_| {
                    let n = rng.skewed(2000);
                    EventActor {
                        name: format!("Actor {n}").into(),
                        kind: if n.is_multiple_of(5) {
                            ActorKind::Organization
                        } else {
                            ActorKind::Person
                        },
                    }
                })
                .collect();
            events.push(Event {
                id,
                article: ArticleId::from_index(a),
                kind: kinds[rng.below(kinds.len())],
                summary: String::new(),
                sentence: "Officials met on Monday, the 12th meeting this year.".to_owned(),
                span: [0, 0],
                when,
                places: vec![EventPlace {
                    name: format!("Place {place}").into(),
                    lat: (place % 90) as f64 * 0.5,
                    lon: (place / 90) as f64 * 7.0,
                    country: format!("C{}", place % 60).into(),
                    kind: PlaceKind::City,
                    text: Default::default(),
                }],
                actors,
                quotes: Vec::new(),
                planned: rng.below(10) == 0,
            });
        }
    }
    events
}

fn bench(c: &mut Criterion) {
    let events = mentions(10_000, 20);
    let stories = cluster(&events, &StoryHints::default());
    let joined = stories
        .stories
        .iter()
        .filter(|s| s.mentions.len() > 1)
        .count();
    println!(
        "{} mentions from 10,000 articles -> {} stories ({} with more than one mention)",
        events.len(),
        stories.stories.len(),
        joined
    );
    // A digest of every story, to check that a change to the clustering leaves the stories
    // as they were (same toolchain: the hasher is not stable across Rust releases).
    {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        // As `{stories:?}` printed it when a story held a copy of its date.
        let list: Vec<String> = stories
            .stories
            .iter()
            .map(|s| {
                format!(
                    "Story {{ id: {:?}, mentions: {:?}, lead: {:?}, when: {:?}, planned: {:?}, sources: {:?}, links: {:?}, conflicts: {:?} }}",
                    s.id,
                    s.mentions,
                    s.lead,
                    s.when(&events).cloned(),
                    s.planned,
                    s.sources,
                    s.links,
                    s.conflicts
                )
            })
            .collect();
        format!(
            "Stories {{ stories: [{}], of_event: {:?} }}",
            list.join(", "),
            stories.of_event
        )
        .hash(&mut h);
        println!("stories digest {:016x}", h.finish());
    }
    let mut group = c.benchmark_group("cluster");
    group.sample_size(10);
    group.bench_function("10k_articles_200k_mentions", |b| {
        b.iter(|| cluster(black_box(&events), &StoryHints::default()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
