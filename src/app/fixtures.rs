//! Hand-built data for tests, benchmarks and screenshots.
//!
//! [`seed_like_extraction`] is what the full extractor should make of the embedded seed
//! articles (their real text and metadata, with events, places, actors and quotes filled in
//! by hand), so the explorer can be tested end to end before the extractor lands.
//! [`synthetic_extraction`] makes large corpora for the frame benchmark.

use chrono::NaiveDate;

use crate::model::{
    Actor, ActorKind, Article, ArticleId, DateSpan, Event, EventId, EventKind, Extraction, Place,
    PlaceKind, Precision, Quote, QuoteId,
};
use crate::pipeline;

/// (name, lat, lon, ISO country, kind)
const PLACES: &[(&str, f64, f64, &str, PlaceKind)] = &[
    ("Washington", 38.895, -77.036, "US", PlaceKind::City),
    ("Manama", 26.215, 50.583, "BH", PlaceKind::City),
    ("Damascus", 33.51, 36.29, "SY", PlaceKind::City),
    ("Golan Heights", 33.0, 35.75, "SY", PlaceKind::Region),
    ("New York City", 40.71, -74.01, "US", PlaceKind::City),
    ("Syria", 35.0, 38.5, "SY", PlaceKind::Country),
    ("Antalya", 36.9, 30.7, "TR", PlaceKind::City),
    ("Riyadh", 24.69, 46.72, "SA", PlaceKind::City),
    ("Paris", 48.857, 2.352, "FR", PlaceKind::City),
    ("Jerusalem", 31.78, 35.22, "IL", PlaceKind::City),
];

struct QuoteSpec {
    article: usize,
    text: &'static str,
    speaker: &'static str,
}

const QUOTES: &[QuoteSpec] = &[
    QuoteSpec {
        article: 0,
        text: "We are trying to get everybody to be a partner in this alliance, which is huge for them",
        speaker: "Tom Barrack",
    },
    QuoteSpec {
        article: 1,
        text: "We are interested in implementing the essence of the agreement, because that is the foundation, and the Syrian government cannot agree to anything other than the withdrawal of Israeli forces from the areas the IDF invaded and occupied after December 8",
        speaker: "Hamza al-Mustafa",
    },
    QuoteSpec {
        article: 1,
        text: "If Israel has questions or concerns, these concerns can be alleviated",
        speaker: "Hamza al-Mustafa",
    },
    QuoteSpec {
        article: 2,
        text: "The agreement is political and until now contains no military components",
        speaker: "Hamza al-Mustafa",
    },
    QuoteSpec {
        article: 2,
        text: "warm, candid, and forward-looking, lasting for over an hour.",
        speaker: "Hamza al-Mustafa",
    },
    QuoteSpec {
        article: 2,
        text: "we have to help Syria.",
        speaker: "Donald Trump",
    },
    QuoteSpec {
        article: 2,
        text: "Maybe the United States administration, with President Trump, will help us reach this kind of negotiation",
        speaker: "Ahmed al-Sharaa",
    },
    QuoteSpec {
        article: 3,
        text: "jihadists in suits",
        speaker: "Gideon Sa’ar",
    },
    QuoteSpec {
        article: 4,
        text: "This mechanism will serve as a platform for resolving disputes, enable continuous intelligence exchange, and reduce military tension",
        speaker: "Tom Barrack",
    },
    QuoteSpec {
        article: 4,
        text: "Israel and Syria are also beginning to discuss civil issues – medicine, agriculture, and energy – for the first time in modern history",
        speaker: "Tom Barrack",
    },
];

/// (text as written, start, end, precision, approximate)
type When = (
    &'static str,
    (i32, u32, u32),
    (i32, u32, u32),
    Precision,
    bool,
);

struct EventSpec {
    article: usize,
    kind: EventKind,
    summary: &'static str,
    sentence: &'static str,
    when: Option<When>,
    places: &'static [&'static str],
    actors: &'static [(&'static str, ActorKind)],
    /// Indices into [`QUOTES`].
    quotes: &'static [usize],
    planned: bool,
}

const P: ActorKind = ActorKind::Person;
const O: ActorKind = ActorKind::Organization;
const C: ActorKind = ActorKind::Country;

const EVENTS: &[EventSpec] = &[
    EventSpec {
        article: 0,
        kind: EventKind::Visit,
        summary: "Ahmed al-Sharaa to visit Washington",
        sentence: "Speaking on the sidelines of the Manama Dialogue security conference in Bahrain, Barrack said the visit is expected to take place around November 10, noting that Washington hopes Syria will join the U.S.-led coalition against the Islamic State (ISIS).",
        when: Some((
            "around November 10",
            (2025, 11, 10),
            (2025, 11, 10),
            Precision::Day,
            true,
        )),
        places: &["Washington"],
        actors: &[("Ahmed al-Sharaa", P), ("Tom Barrack", P)],
        quotes: &[0],
        planned: true,
    },
    EventSpec {
        article: 0,
        kind: EventKind::Meeting,
        summary: "Tom Barrack speaks at the Manama Dialogue",
        sentence: "Speaking on the sidelines of the Manama Dialogue security conference in Bahrain, Barrack said the visit is expected to take place around November 10, noting that Washington hopes Syria will join the U.S.-led coalition against the Islamic State (ISIS).",
        when: None,
        places: &["Manama"],
        actors: &[("Tom Barrack", P)],
        quotes: &[0],
        planned: false,
    },
    EventSpec {
        article: 0,
        kind: EventKind::Other,
        summary: "Sharaa takes power from Bashar al-Assad",
        sentence: "Since taking power from Bashar al-Assad in December last year, Sharaa’s transitional government has pursued an active foreign policy aimed at rebuilding ties with global powers after years of isolation under Assad’s rule.",
        when: Some((
            "December last year",
            (2024, 12, 1),
            (2024, 12, 31),
            Precision::Month,
            false,
        )),
        places: &["Damascus"],
        actors: &[("Ahmed al-Sharaa", P), ("Bashar al-Assad", P)],
        quotes: &[],
        planned: false,
    },
    EventSpec {
        article: 0,
        kind: EventKind::Military,
        summary: "U.S.-led coalition against ISIS formed",
        sentence: "Barrack explained that Washington wants Damascus to become an active partner in the coalition originally formed in 2014 to combat ISIS — the militant group that once controlled vast parts of Syria and Iraq.",
        when: Some((
            "in 2014",
            (2014, 1, 1),
            (2014, 12, 31),
            Precision::Year,
            false,
        )),
        places: &[],
        actors: &[("Islamic State", O)],
        quotes: &[],
        planned: false,
    },
    EventSpec {
        article: 0,
        kind: EventKind::Negotiation,
        summary: "Syria and Israel in U.S.-mediated talks",
        sentence: "Barrack also revealed that Syria and Israel are engaged in U.S.-mediated negotiations aimed at de-escalating tensions.",
        when: None,
        places: &[],
        actors: &[("Tom Barrack", P), ("Syria", C), ("Israel", C)],
        quotes: &[],
        planned: false,
    },
    EventSpec {
        article: 1,
        kind: EventKind::Statement,
        summary: "Barrack announces Sharaa’s White House visit",
        sentence: "Syrian President Ahmed al-Sharaa is scheduled to visit the White House in Washington, D.C., U.S. Special Envoy to Syria Tom Barrack announced on Saturday.",
        when: Some((
            "on Saturday",
            (2025, 11, 1),
            (2025, 11, 1),
            Precision::Day,
            false,
        )),
        places: &["Washington"],
        actors: &[("Tom Barrack", P), ("Ahmed al-Sharaa", P)],
        quotes: &[],
        planned: false,
    },
    EventSpec {
        article: 1,
        kind: EventKind::Visit,
        summary: "Sharaa’s White House visit planned",
        sentence: "The visit is planned to take place “around Nov. 10,” a White House official told Reuters.",
        when: Some((
            "around Nov. 10",
            (2025, 11, 10),
            (2025, 11, 10),
            Precision::Day,
            true,
        )),
        places: &["Washington"],
        actors: &[("Ahmed al-Sharaa", P)],
        quotes: &[],
        planned: true,
    },
    EventSpec {
        article: 1,
        kind: EventKind::Military,
        summary: "Assad regime toppled",
        sentence: "The Islamist terror group has reportedly been attempting to exploit the power vacuum left in Syria after the toppling of the Assad regime in December 2024 by al-Sharaa’s former terror alliance, Hay’at Tahrir al-Sham (HTS), to stage a comeback.",
        when: Some((
            "in December 2024",
            (2024, 12, 1),
            (2024, 12, 31),
            Precision::Month,
            false,
        )),
        places: &["Damascus"],
        actors: &[("Bashar al-Assad", P), ("Hay’at Tahrir al-Sham", O)],
        quotes: &[],
        planned: false,
    },
    EventSpec {
        article: 1,
        kind: EventKind::Negotiation,
        summary: "Syria seeks a limited security deal on the Golan Heights",
        sentence: "In an interview on Syrian television, Information Minister Hamza al-Mustafa said several regime officials confirmed that the talks with Israel are expected to be limited in scope and focused on establishing a security arrangement with Israel, primarily along the Golan Heights border and modeled after the 1974 Separation Agreement.",
        when: None,
        places: &["Golan Heights"],
        actors: &[("Hamza al-Mustafa", P), ("Israel", C)],
        quotes: &[1, 2],
        planned: false,
    },
    EventSpec {
        article: 1,
        kind: EventKind::Statement,
        summary: "Sharaa says a deal is days away, ahead of the UN General Assembly",
        sentence: "In September, Sharaa declared an agreement to be only “days” away, ahead of the United Nations General Assembly in New York City.",
        when: Some((
            "In September",
            (2025, 9, 1),
            (2025, 9, 30),
            Precision::Month,
            false,
        )),
        places: &["New York City"],
        actors: &[("Ahmed al-Sharaa", P)],
        quotes: &[],
        planned: false,
    },
    EventSpec {
        article: 2,
        kind: EventKind::Agreement,
        summary: "Syria joins the Global Coalition to Defeat ISIS",
        sentence: "Syrian Information Minister Hamza al-Mustafa announced on Monday that his country signed a “political cooperation declaration” with the U.S.-led Global Coalition to Defeat ISIS, becoming a “partner in combating terrorism and supporting regional stability.”",
        when: Some((
            "on Monday",
            (2025, 11, 10),
            (2025, 11, 10),
            Precision::Day,
            false,
        )),
        places: &["Washington"],
        actors: &[
            ("Hamza al-Mustafa", P),
            ("Global Coalition to Defeat ISIS", O),
        ],
        quotes: &[3],
        planned: false,
    },
    EventSpec {
        article: 2,
        kind: EventKind::Meeting,
        summary: "Sharaa meets Trump at the White House",
        sentence: "The announcement came after Syria’s interim president, Ahmed al-Sharaa, held a historic meeting with President Donald Trump at the White House.",
        when: Some((
            "on Monday",
            (2025, 11, 10),
            (2025, 11, 10),
            Precision::Day,
            false,
        )),
        places: &["Washington"],
        actors: &[("Ahmed al-Sharaa", P), ("Donald Trump", P)],
        quotes: &[4, 5],
        planned: false,
    },
    EventSpec {
        article: 2,
        kind: EventKind::Military,
        summary: "U.S. forces kill ISIS leader Omar Abdul Qader",
        sentence: "U.S. forces in Syria killed a senior ISIS leader, Omar Abdul Qader, in September, and captured another named Ahmad Abdullah al-Masoud al-Badri in October.",
        when: Some((
            "in September",
            (2025, 9, 1),
            (2025, 9, 30),
            Precision::Month,
            false,
        )),
        places: &["Syria"],
        actors: &[("Omar Abdul Qader", P)],
        quotes: &[],
        planned: false,
    },
    EventSpec {
        article: 2,
        kind: EventKind::Military,
        summary: "Raid kills ISIS leader Abu Bakr al-Baghdadi",
        sentence: "President Donald Trump decisively broke ISIS in October 2019 with a special operations raid to eliminate its leader, Abu Bakr al-Baghdadi.",
        when: Some((
            "in October 2019",
            (2019, 10, 1),
            (2019, 10, 31),
            Precision::Month,
            false,
        )),
        places: &["Syria"],
        actors: &[("Donald Trump", P), ("Abu Bakr al-Baghdadi", P)],
        quotes: &[],
        planned: false,
    },
    EventSpec {
        article: 3,
        kind: EventKind::Meeting,
        summary: "Rubio meets Shaibani in Antalya",
        sentence: "In a historic step toward regional reconciliation, U.S. Secretary of State Marco Rubio met on Thursday with Syrian Foreign Minister Asaad al-Shaibani in Antalya, Turkey the first such high-level diplomatic meeting between the United States and Syria in 15 years.",
        when: Some((
            "on Thursday",
            (2025, 5, 15),
            (2025, 5, 15),
            Precision::Day,
            false,
        )),
        places: &["Antalya"],
        actors: &[("Marco Rubio", P), ("Asaad al-Shaibani", P)],
        quotes: &[],
        planned: false,
    },
    EventSpec {
        article: 3,
        kind: EventKind::Meeting,
        summary: "Trump meets Sharaa in Riyadh",
        sentence: "President Trump’s earlier meeting with Syrian President Ahmed al-Sharaa in Riyadh paved the way for this thaw.",
        when: None,
        places: &["Riyadh"],
        actors: &[("Donald Trump", P), ("Ahmed al-Sharaa", P)],
        quotes: &[],
        planned: false,
    },
    EventSpec {
        article: 3,
        kind: EventKind::Sanctions,
        summary: "Trump lifts U.S. sanctions on Syria",
        sentence: "This landmark dialogue follows President Donald Trump's recent decision to lift U.S. sanctions on Syria and his bold push for Damascus to join the Abraham Accords.",
        when: None,
        places: &["Washington"],
        actors: &[("Donald Trump", P)],
        quotes: &[7],
        planned: false,
    },
    EventSpec {
        article: 4,
        kind: EventKind::Agreement,
        summary: "U.S., Syria and Israel issue a joint statement on the Paris talks",
        sentence: "The assessment from the U.S. Envoy follows a joint statement issued late Tuesday by the United States, Syria, and Israel regarding the outcomes of negotiations held in Paris.",
        when: Some((
            "late Tuesday",
            (2026, 1, 6),
            (2026, 1, 6),
            Precision::Day,
            false,
        )),
        places: &["Paris"],
        actors: &[("United States", C), ("Syria", C), ("Israel", C)],
        quotes: &[8],
        planned: false,
    },
    EventSpec {
        article: 4,
        kind: EventKind::Statement,
        summary: "Barrack calls the Israel–Syria talks a breakthrough",
        sentence: "In an interview with i24NEWS on Tuesday, U.S. Special Envoy for Syria, Tom Barrack, provided the first detailed readout of the sensitive discussions, which included senior political and security officials from Washington, Damascus, and Jerusalem.",
        when: Some((
            "on Tuesday",
            (2026, 1, 6),
            (2026, 1, 6),
            Precision::Day,
            false,
        )),
        places: &["Washington", "Damascus", "Jerusalem"],
        actors: &[("Tom Barrack", P)],
        quotes: &[9],
        planned: false,
    },
    EventSpec {
        article: 4,
        kind: EventKind::Negotiation,
        summary: "Paris talks seek a balanced security agreement",
        sentence: "According to background information from Kurdistan24 and Syria’s state news agency SANA, the Paris talks focused on reaching a \"balanced security agreement.\"",
        when: None,
        places: &["Paris"],
        actors: &[],
        quotes: &[],
        planned: false,
    },
    EventSpec {
        article: 4,
        kind: EventKind::Other,
        summary: "Bashar al-Assad ousted",
        sentence: "Direct negotiations began after former President Bashar al-Assad was ousted by an Islamist-led coalition in December 2024.",
        when: Some((
            "in December 2024",
            (2024, 12, 1),
            (2024, 12, 31),
            Precision::Month,
            false,
        )),
        places: &["Damascus"],
        actors: &[("Bashar al-Assad", P)],
        quotes: &[],
        planned: false,
    },
    EventSpec {
        article: 4,
        kind: EventKind::Negotiation,
        summary: "Israel–Syria talks stall over security demands",
        sentence: "While officials have met several times since the transition, talks had reportedly stalled in September over conflicting security demands.",
        when: Some((
            "in September",
            (2025, 9, 1),
            (2025, 9, 30),
            Precision::Month,
            true,
        )),
        places: &[],
        actors: &[("Israel", C), ("Syria", C)],
        quotes: &[],
        planned: false,
    },
];

fn date((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn place(name: &str) -> Option<Place> {
    PLACES
        .iter()
        .find(|p| p.0 == name)
        .map(|&(name, lat, lon, country, kind)| Place {
            name: name.to_owned(),
            lat,
            lon,
            country: country.to_owned(),
            kind,
            text: name.to_owned(),
        })
}

/// Byte range of `needle` in `haystack`, `[0, 0]` when absent (the fixture's own test checks
/// that nothing is absent).
fn span_of(haystack: &str, needle: &str) -> [usize; 2] {
    haystack
        .find(needle)
        .map_or([0, 0], |at| [at, at + needle.len()])
}

/// The embedded seed articles with the events, places, actors and quotes the full extractor
/// should find in them.
pub fn seed_like_extraction() -> Extraction {
    let seeds = pipeline::extract_seeds();
    let articles = seeds.articles;
    let text = |i: usize| articles.get(i).map_or("", |a: &Article| a.text.as_str());

    let quotes: Vec<Quote> = QUOTES
        .iter()
        .enumerate()
        .map(|(i, q)| Quote {
            id: QuoteId::from_index(i),
            article: ArticleId::from_index(q.article),
            text: q.text.to_owned(),
            speaker: Some(q.speaker.to_owned()),
            span: span_of(text(q.article), q.text),
        })
        .collect();

    let events: Vec<Event> = EVENTS
        .iter()
        .enumerate()
        .map(|(i, e)| Event {
            id: EventId::from_index(i),
            article: ArticleId::from_index(e.article),
            kind: e.kind,
            summary: e.summary.to_owned(),
            sentence: e.sentence.to_owned(),
            span: span_of(text(e.article), e.sentence),
            when: e
                .when
                .map(|(written, start, end, precision, approximate)| DateSpan {
                    text: written.to_owned(),
                    start: date(start),
                    end: date(end),
                    precision,
                    approximate,
                }),
            places: e
                .places
                .iter()
                .filter_map(|p| place(p))
                .map(|p| (&p).into())
                .collect(),
            actors: e
                .actors
                .iter()
                .map(|&(name, kind)| crate::model::EventActor {
                    name: name.into(),
                    kind,
                })
                .collect(),
            quotes: e.quotes.iter().map(|q| QuoteId::from_index(*q)).collect(),
            planned: e.planned,
        })
        .collect();

    Extraction {
        articles,
        events,
        quotes,
        diagnostics: seeds.diagnostics,
    }
}

/// A deterministic corpus of `n_events` events over `n_places` places (a few busy, most
/// quiet, as in real news), 2015–2026, for benchmarks.
pub fn synthetic_extraction(n_events: usize, n_places: usize) -> Extraction {
    let mut rng = SplitMix(0x5eed_c0de);
    let n_places = n_places.max(1);
    let places: Vec<Place> = (0..n_places)
        .map(|i| Place {
            name: format!("Place {i}"),
            lat: rng.range(-55.0, 70.0),
            lon: rng.range(-170.0, 175.0),
            country: "ZZ".to_owned(),
            kind: PlaceKind::City,
            text: format!("Place {i}"),
        })
        .collect();
    let outlets = [
        "Reuters",
        "AP",
        "AFP",
        "Al Jazeera",
        "BBC",
        "Le Monde",
        "Kurdistan24",
        "Israfan",
    ];
    let n_articles = (n_events / 20).max(1);
    let first_day = date((2015, 1, 1));
    let articles: Vec<Article> = (0..n_articles)
        .map(|i| Article {
            id: ArticleId::from_index(i),
            path: format!("synthetic/{i:06}.txt"),
            title: Some(format!("Synthetic article {i}")),
            outlet: Some(outlets[i % outlets.len()].to_owned()),
            url: None,
            published: first_day.checked_add_days(chrono::Days::new(rng.below(4000) as u64)),
            published_basis: crate::model::PublishedBasis::SourcesCsv,
            published_evidence: None,
            place: None,
            text: String::new(),
        })
        .collect();
    let actors: Vec<Actor> = (0..2000)
        .map(|i| Actor {
            name: format!("Actor {i}"),
            kind: ActorKind::Person,
        })
        .collect();
    let events = (0..n_events)
        .map(|i| {
            // Squaring a uniform number makes low indices (busy places) far more frequent.
            let busy = |rng: &mut SplitMix, n: usize| {
                let u = rng.unit();
                ((u * u) * n as f64) as usize % n
            };
            let start_offset = rng.below(4000) as u64;
            let start = first_day
                .checked_add_days(chrono::Days::new(start_offset))
                .unwrap_or(first_day);
            let (precision, end) = match rng.below(100) {
                0..70 => (Precision::Day, start),
                70..90 => (
                    Precision::Month,
                    start
                        .checked_add_days(chrono::Days::new(29))
                        .unwrap_or(start),
                ),
                90..98 => (
                    Precision::Year,
                    start
                        .checked_add_days(chrono::Days::new(364))
                        .unwrap_or(start),
                ),
                _ => (Precision::Week, start + chrono::Duration::days(6)),
            };
            let when = (rng.below(100) >= 5).then(|| DateSpan {
                text: start.format("%-d %B %Y").to_string(),
                start,
                end,
                precision,
                approximate: rng.below(100) < 10,
            });
            let n_event_places = 1 + usize::from(rng.below(100) < 15);
            let event_places = (0..n_event_places)
                .map(|_| (&places[busy(&mut rng, places.len())]).into())
                .collect();
            let event_actors = (0..1 + rng.below(3) as usize)
                .map(|_| (&actors[busy(&mut rng, actors.len())]).into())
                .collect();
            let kind = EventKind::ALL[rng.below(EventKind::ALL.len() as u32) as usize];
            Event {
                id: EventId::from_index(i),
                article: ArticleId::from_index(rng.below(n_articles as u32) as usize),
                kind,
                summary: format!("{} number {i}", kind.label()),
                sentence: format!("Synthetic sentence about event {i}."),
                span: [0, 0],
                when,
                places: event_places,
                actors: event_actors,
                quotes: Vec::new(),
                planned: rng.below(100) < 5,
            }
        })
        .collect();
    Extraction {
        articles,
        events,
        quotes: Vec::new(),
        diagnostics: Vec::new(),
    }
}

/// A tiny deterministic generator (SplitMix64), so benchmarks need no `rand`.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: u32) -> u32 {
        (self.unit() * f64::from(n)) as u32 % n.max(1)
    }

    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + self.unit() * (hi - lo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixture_sentence_and_quote_is_in_its_article() {
        let ex = seed_like_extraction();
        for e in &ex.events {
            let article = &ex.articles[e.article.index()];
            assert_eq!(
                article.text.get(e.span[0]..e.span[1]),
                Some(e.sentence.as_str()),
                "sentence of {:?} not found in {}",
                e.summary,
                article.path
            );
            assert_eq!(e.places.len(), EVENTS[e.id.index()].places.len());
        }
        for q in &ex.quotes {
            let article = &ex.articles[q.article.index()];
            assert_eq!(
                article.text.get(q.span[0]..q.span[1]),
                Some(q.text.as_str()),
                "quote {:?} not found in {}",
                q.text,
                article.path
            );
        }
    }

    #[test]
    fn synthetic_corpus_has_the_asked_size_and_is_deterministic() {
        let a = synthetic_extraction(500, 50);
        let b = synthetic_extraction(500, 50);
        assert_eq!(a.events.len(), 500);
        assert_eq!(a, b);
        let store = crate::store::EventStore::from_extraction(a);
        assert!(store.places().len() <= 50);
        assert!(store.events().iter().any(|e| e.when.is_none()));
    }
}
