//! Extraction: article text + reference date → sentences, dates, places, actors, quotes,
//! events. Pure functions over text, no UI, no I/O.
//!
//! One article is processed in passes, because later decisions need the whole article:
//! 1. per sentence: tokens, date expressions, actor runs, place names, quote spans;
//! 2. the publication date, inferred from the dates when metadata gave none;
//! 3. dates resolved in text order (relative ones against the publication date);
//! 4. people merged by surname, places disambiguated with the article's countries as context;
//! 5. quote speakers attributed; events built, one per date expression and one per sentence
//!    that reports a happening without a date.

pub mod actors;
pub mod dates;
pub mod events;
pub mod gazetteer;
pub mod lexicon;
pub mod places;
pub mod quotes;
pub mod sentences;
pub mod text;

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

use actors::{ActorRun, People, RunKind};
use dates::{DateMention, RawDate, Tense};
use events::{Trigger, best_trigger_for, find_triggers, strongest, summarize};
use gazetteer::{Gazetteer, gazetteer};
use lexicon::{PERSON_PRONOUNS, class};
use places::{DemonymMention, PlaceMention};
use quotes::QuoteSpan;
use sentences::Sentence;
use text::{Words, strip_possessive};

use crate::model::{
    Actor, ActorKind, Article, DateSpan, Diagnostic, Event, EventId, EventKind, EventPlace,
    Extraction, PlaceKind, Precision, PublishedBasis, Quote, QuoteId,
};

/// What one article yields. Ids are local to the article (from 0).
#[derive(Debug, Clone, Default)]
pub struct ArticleExtraction {
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything found in one sentence before article-level decisions.
struct SentenceInfo<'a> {
    s: Sentence,
    w: Words<'a>,
    dates: Vec<DateMention>,
    runs: Vec<ActorRun>,
    places: Vec<PlaceMention>,
    demonyms: Vec<DemonymMention>,
    triggers: Vec<Trigger>,
    /// Quotes that open inside this sentence (indices into the article's quotes).
    quotes: Vec<usize>,
    /// Per token: inside a quotation.
    in_quote: Vec<bool>,
    headline: bool,
}

/// A resolved speaker phrase.
#[derive(Debug, Clone, PartialEq)]
enum Speaker {
    Person(usize),
    Pronoun,
    Role {
        words: Vec<String>,
        plural: bool,
        text: String,
    },
    Phrase(String),
}

/// Extract events and quotes from one article. Sets the article's dateline place, and its
/// publication date when none was given and the text allows an inference.
pub fn extract_article(article: &mut Article) -> ArticleExtraction {
    let g = gazetteer();
    let mut out = ArticleExtraction::default();
    let text = article.text.as_str();
    let paragraphs = sentences::paragraphs(text);
    let sents = sentences::split_paragraphs(text, &paragraphs);

    let dateline = places::dateline(text, &paragraphs, g);
    let quote_spans: Vec<QuoteSpan> = paragraphs
        .iter()
        .flat_map(|&(s, e)| quotes::find_quotes(text, s, e))
        .collect();

    // Pass 1: per sentence.
    let mut infos: Vec<SentenceInfo> = sents
        .iter()
        .map(|&s| {
            analyse_sentence(
                text,
                s,
                g,
                &quote_spans,
                dateline.as_ref().map(|d| (d.1, d.2)),
            )
        })
        .collect();

    // Pass 2: publication date.
    if article.published.is_none() {
        if let Some((date, evidence)) = infer_published(text, &infos) {
            article.published = Some(date);
            article.published_basis = PublishedBasis::Inferred;
            article.published_evidence = Some(evidence.clone());
            out.diagnostics.push(Diagnostic::warning(
                &article.path,
                format!("no publication date given; inferred {date} ({evidence}); set it in sources.csv if wrong"),
            ));
        } else {
            out.diagnostics.push(Diagnostic::warning(
                &article.path,
                "no publication date given or inferable; relative dates (\"on Monday\") are left unresolved",
            ));
        }
    }
    let reference = article.published;

    // Pass 3: dates in text order.
    let mut anchor = None;
    for info in &mut infos {
        dates::resolve_mentions(text, &mut info.dates, reference, &mut anchor);
    }

    // Pass 4: people, then places.
    let people = collect_people(text, &infos, g);
    // Town names that turned out to be people ("Rubio", "Machado") are not places.
    for info in &mut infos {
        for r in &mut info.runs {
            if let RunKind::Person { name, person, .. } = &mut r.kind {
                *person = people.find(name);
            }
        }
        let person_spans: Vec<(usize, usize)> = info
            .runs
            .iter()
            .filter_map(|r| match &r.kind {
                RunKind::Person {
                    person: Some(_), ..
                } => Some((r.start, r.end)),
                _ => None,
            })
            .collect();
        info.places
            .retain(|m| !person_spans.iter().any(|&(s, e)| m.start < e && s < m.end));
    }
    let mut context = country_context(g, &infos);
    if let Some((place, _, _)) = &dateline {
        *context.entry(place.country.clone()).or_default() += 1;
        if let Some(e) = g
            .lookup(&gazetteer::name_key(&place.name))
            .iter()
            .map(|&i| g.entry(i))
            .find(|e| e.lat == place.lat && e.lon == place.lon)
            && !e.admin1.is_empty()
        {
            *context
                .entry(format!("{}-{}", e.country, e.admin1))
                .or_default() += 1;
        }
    }
    // Made as events carry them (names shared), not as owned strings made and dropped.
    let sentence_places: Vec<Vec<(EventPlace, bool)>> = infos
        .iter()
        .map(|info| {
            info.places
                .iter()
                .filter_map(|m| {
                    let place = places::event_place_of(g, text, m, &context)?;
                    // Countries not used as a location are actors ("Syria will join …").
                    if place.kind == PlaceKind::Country && !m.locative {
                        return Some((place, false));
                    }
                    Some((place, true))
                })
                .collect()
        })
        .collect();
    // Where the story was filed, when the story is about that country (named there more
    // than any other, not only in the dateline): what it reports without naming a place
    // happened there (see `fallback_places`). A bureau's dateline on news from abroad
    // ("ERBIL (Kurdistan24) —" over talks in Paris) says nothing about where things happened.
    let filed_at: Option<EventPlace> = dateline
        .as_ref()
        .filter(|d| {
            let named = |country: &str| context.get(country).copied().unwrap_or(0);
            let top = context
                .iter()
                .filter(|(key, _)| !key.contains('-'))
                .map(|(_, &n)| n)
                .max()
                .unwrap_or(0);
            named(&d.0.country) > 1 && named(&d.0.country) == top
        })
        .map(|d| EventPlace {
            text: crate::model::Name::default(),
            ..EventPlace::from(&d.0)
        });
    article.place = dateline.map(|d| d.0);

    // Pass 5: quotes and speakers.
    let speakers = attribute_speakers(text, &infos, &people, &quote_spans);
    for (qi, q) in quote_spans.iter().enumerate() {
        let (s, e) = quotes::quote_text(text, q);
        out.quotes.push(Quote {
            id: QuoteId::from_index(qi),
            article: article.id,
            text: text[s..e].to_owned(),
            speaker: speakers[qi].clone(),
            span: [s, e],
        });
    }

    // Pass 6: events.
    let acronyms = acronym_definitions(&infos);
    // The news peg: a day-precise, past date near publication. Undated happenings told after
    // it ("In Lutsk, a missile struck …") share it, until the text moves to another time
    // ("… since the invasion in February 2022").
    let mut peg: Option<DateSpan> = None;
    for (si, info) in infos.iter().enumerate() {
        for m in info.dates.iter().filter(|m| m.span.is_some()) {
            peg = match (&m.span, reference) {
                (Some(span), Some(published))
                    if span.precision == Precision::Day
                        && m.tense != Tense::Future
                        && (published - span.start).num_days().abs() <= 14 =>
                {
                    Some(span.clone())
                }
                _ => None,
            };
        }
        if info.headline {
            continue;
        }
        // Made as events carry them (names shared), not as owned copies made and dropped.
        // Sized up front: a list grown by pushing is reallocated, then shrunk for the store.
        let mut places_here: Vec<EventPlace> =
            Vec::with_capacity(sentence_places[si].iter().filter(|(_, p)| *p).count());
        for (p, is_place) in &sentence_places[si] {
            if *is_place
                && !places_here
                    .iter()
                    .any(|q| q.name == p.name && q.country == p.country)
            {
                places_here.push(p.clone());
            }
        }
        let actors_here =
            sentence_actors(g, info, &people, &acronyms, &sentence_places[si], &speakers);
        // People who act in the sentence, not just report it: their home country may locate
        // an event that names no place. Only needed (and made) for an event without a place.
        let agents_of = |actors_here: &[Actor]| -> Vec<Actor> {
            let speaking: Vec<String> = (0..info.w.len())
                .filter(|&k| !info.in_quote[k] && info.w.has(k, class::SPEECH))
                .filter_map(|k| match subject_of_verb(text, info, k) {
                    Some(Speaker::Person(p)) => Some(people.people[p].name.clone()),
                    _ => None,
                })
                .collect();
            actors_here
                .iter()
                .filter(|a| !speaking.contains(&a.name))
                .cloned()
                .collect()
        };
        let triggers_outside_quotes: Vec<Trigger> = info
            .triggers
            .iter()
            .copied()
            .filter(|t| !info.in_quote[t.tok])
            .collect();
        let quote_ids: Vec<QuoteId> = info
            .quotes
            .iter()
            .map(|&q| QuoteId::from_index(q))
            .collect();
        let dated = info.dates.iter().any(|m| m.span.is_some());
        let commas: Vec<usize> = info
            .w
            .toks
            .iter()
            .take(if dated { usize::MAX } else { 0 })
            .enumerate()
            .filter(|(_, t)| {
                t.is_punct(text, ',') || t.is_punct(text, ';') || t.is_punct(text, '—')
            })
            .map(|(i, _)| i)
            .collect();
        let strong: Vec<usize> = (1..if dated { info.w.toks.len() } else { 1 })
            .filter(|&k| {
                info.w.toks[k].is_punct(text, ';')
                    // "broke away … over a decade ago and later clashed": a second verb.
                    || (info.w.n(k) == "and" && matches!(info.w.n(k + 1), "later" | "then" | "subsequently" | "eventually"))
                    || (matches!(
                        info.w.n(k),
                        "and" | "but" | "while" | "whereas" | "although"
                    ) && info.w.toks[k - 1].is_punct(text, ','))
            })
            .collect();
        let mut made = Vec::new();
        for m in info.dates.iter().filter(|m| m.span.is_some()) {
            let trigger =
                best_trigger_for(&info.triggers, m.tok_start, m.tok_end, &commas, &strong);
            // "… will send inspectors to the mine on Monday, a spokesperson said": an
            // attribution after the date's clause tells who said it, not what happens on that
            // date (but "In September, Sharaa declared …": a date opening the sentence dates
            // what follows). The happening is then told by the date's own clause.
            let clause_start = commas
                .iter()
                .rev()
                .find(|&&c| c < m.tok_start)
                .map_or(0, |&c| c + 1);
            let attribution_after = trigger.is_some_and(|t| {
                t.kind == EventKind::Statement
                    && t.tok >= m.tok_end
                    && m.tok_start > clause_start
                    && commas.iter().any(|&c| c >= m.tok_end && c < t.tok)
            });
            let (trigger, anchor_tok) = if attribution_after {
                (None, clause_start)
            } else {
                (trigger, trigger.map_or(m.tok_start, |t| t.tok))
            };
            let kind = trigger.map_or(EventKind::Other, |t| t.kind);
            made.push((kind, anchor_tok, m.span.clone(), m.tense == Tense::Future));
        }
        if made.is_empty() {
            // Words inside a quotation are what someone said: that is a statement, not the
            // happening itself.
            let reported = strongest(&triggers_outside_quotes).filter(|t| t.weight >= 4);
            let speech =
                !info.quotes.is_empty() && info.quotes.iter().any(|&q| speakers[q].is_some());
            // A finite verb outside quotes (said/met/was/will …): what happens in a sentence
            // that names where, even when no trigger word says what kind of happening it is.
            let verb = (0..info.w.len()).find(|&k| {
                !info.in_quote[k]
                    && !info.w.is_cap(k)
                    && (info
                        .w
                        .has(k, class::PAST_CUE | class::FUTURE_CUE | class::REPORTING)
                        || info.w.n(k).ends_with("ed") && info.w.n(k).len() > 4)
            });
            match reported {
                Some(t) if !places_here.is_empty() || !actors_here.is_empty() => {
                    made.push((t.kind, t.tok, None, sentence_is_future(info)));
                }
                None if !places_here.is_empty()
                    && !speech
                    && let Some(k) = verb =>
                {
                    made.push((EventKind::Other, k, None, sentence_is_future(info)));
                }
                _ if speech => {
                    let verb = (0..info.w.len())
                        .position(|k| !info.in_quote[k] && info.w.has(k, class::SPEECH))
                        .unwrap_or(0);
                    made.push((EventKind::Statement, verb, None, false));
                }
                _ => {}
            }
        }
        // The sentence's lists go to its last event; earlier ones (rare) get copies.
        let last = made.len().saturating_sub(1);
        let (mut places_here, actors_here, mut quote_ids) = (places_here, actors_here, quote_ids);
        for (n, (kind, anchor_tok, when, planned)) in made.into_iter().enumerate() {
            let take = n == last;
            let mut places = if take {
                std::mem::take(&mut places_here)
            } else {
                places_here.clone()
            };
            if places.is_empty() {
                // Countries named as actors locate what they do ("Kazakhstan pledged cuts").
                for (p, is_place) in &sentence_places[si] {
                    if !is_place && !places.iter().any(|q| q.name == p.name) {
                        places.push(p.clone());
                    }
                }
            }
            if places.is_empty() && kind != EventKind::Statement {
                let agents = agents_of(&actors_here);
                places = fallback_places(
                    g,
                    &infos,
                    &sentence_places,
                    si,
                    &agents,
                    &people,
                    filed_at.as_ref(),
                );
            }
            let when = when.or_else(|| {
                let span = peg.as_ref()?;
                (!planned && !sentence_is_future(info)).then(|| DateSpan {
                    // Not written in this sentence: an empty text marks the date as carried
                    // over from context.
                    text: String::new(),
                    approximate: true,
                    start: span.start,
                    end: span.end,
                    precision: span.precision,
                })
            });
            // Made by pushing: without this the spare capacity of every event's list would
            // stay with it in the store (tens of MB over a large archive).
            places.shrink_to_fit();
            out.events.push(Event {
                id: EventId::from_index(out.events.len()),
                article: article.id,
                kind,
                summary: summarize(text, &info.w.toks, anchor_tok),
                sentence: text[info.s.start..info.s.end].to_owned(),
                span: [info.s.start, info.s.end],
                when,
                places,
                actors: actors_here
                    .iter()
                    .map(crate::model::EventActor::from)
                    .collect(),
                quotes: if take {
                    std::mem::take(&mut quote_ids)
                } else {
                    quote_ids.clone()
                },
                planned,
            });
        }
    }
    out
}

fn analyse_sentence<'a>(
    text: &'a str,
    s: Sentence,
    g: &Gazetteer,
    quote_spans: &[QuoteSpan],
    dateline: Option<(usize, usize)>,
) -> SentenceInfo<'a> {
    let w = Words::new(text, s.start, s.end);
    // Quotes and tokens are both sorted by position: walk them together, each token against
    // the last quote opening before it.
    let mut k = w
        .toks
        .first()
        .map_or(0, |t| quote_spans.partition_point(|q| q.start <= t.start));
    let in_quote: Vec<bool> = w
        .toks
        .iter()
        .map(|t| {
            while k < quote_spans.len() && quote_spans[k].start <= t.start {
                k += 1;
            }
            k > 0 && t.end <= quote_spans[k - 1].end
        })
        .collect();
    let headline = actors::is_headline(text, &w.toks);
    let dates = dates::find_dates(&w);
    let runs = actors::scan_sentence(&w, g, headline);
    // A person's name and title ("Special Envoy to Syria Tom Barrack") are not places.
    let mut excluded: Vec<(usize, usize)> = runs
        .iter()
        .filter_map(|r| match r.kind {
            RunKind::Person { strong: true, .. } => Some((w.toks[r.run_start].start, r.end)),
            // A lone name that is also a town stays a place candidate until the article's
            // people are known.
            RunKind::Person { ref name, .. }
                if {
                    let key = gazetteer::name_key_small(name);
                    g.lookup(&key).is_empty() && g.small().lookup(&key).is_empty()
                } =>
            {
                Some((r.start, r.end))
            }
            _ => None,
        })
        .collect();
    excluded.extend(dates.iter().map(|d| (d.start, d.end)));
    excluded.extend(dateline);
    let (places, demonyms) = places::find_places(&w, g, &excluded);
    let triggers = find_triggers(&w);
    let first = quote_spans.partition_point(|q| q.open < s.start);
    let quotes = (first..quote_spans.len())
        .take_while(|&i| quote_spans[i].open < s.end)
        .collect();
    SentenceInfo {
        s,
        w,
        dates,
        runs,
        places,
        demonyms,
        triggers,
        quotes,
        in_quote,
        headline,
    }
}

fn sentence_is_future(info: &SentenceInfo<'_>) -> bool {
    (0..info.w.len()).any(|k| {
        info.w.has(k, class::FUTURE_MARK) && (info.w.n(k) != "set" || info.w.n(k + 1) == "to")
    })
}

/// The latest explicitly dated day reported in the past ("on March 3, 2024"). Months and
/// years are too weak a clue (articles cite history), so without a dated day nothing is
/// inferred and the user is told.
fn infer_published(text: &str, infos: &[SentenceInfo<'_>]) -> Option<(NaiveDate, String)> {
    let mut best: Option<(NaiveDate, String)> = None;
    for info in infos {
        for m in &info.dates {
            if m.tense == Tense::Future
                || !matches!(
                    m.raw,
                    RawDate::Full(_) | RawDate::MonthDay { year: Some(_), .. }
                )
            {
                continue;
            }
            if let Some((d, _, _)) = dates::resolve(m.raw, m.tense, None, None)
                && best.as_ref().is_none_or(|(b, _)| d > *b)
            {
                best = Some((
                    d,
                    format!("latest dated event: {:?}", &text[m.start..m.end]),
                ));
            }
        }
    }
    best
}

/// People of the article: full names with evidence first, then short mentions that match them
/// by surname, then lone names that a speech verb vouches for ("Barrack said").
fn collect_people(text: &str, infos: &[SentenceInfo<'_>], g: &Gazetteer) -> People {
    let mut people = People::default();
    for info in infos {
        for r in &info.runs {
            if let RunKind::Person {
                name,
                title,
                affiliation,
                strong: true,
                ..
            } = &r.kind
            {
                people.add(name, title, affiliation.as_deref(), r.start);
            }
        }
    }
    for info in infos {
        for r in &info.runs {
            if let RunKind::Person {
                name,
                title,
                affiliation,
                strong: false,
                ..
            } = &r.kind
            {
                let known = people.find(name).is_some();
                let vouched = !info.headline
                    && vouched_by_speech(text, info, r)
                    && !actors::is_major_place(g, name);
                if known || vouched {
                    people.add(name, title, affiliation.as_deref(), r.start);
                }
            }
        }
    }
    people
}

fn vouched_by_speech(_text: &str, info: &SentenceInfo<'_>, r: &ActorRun) -> bool {
    let prev = r.tok_start.checked_sub(1).map_or("", |p| info.w.n(p));
    let prev2 = r.tok_start.checked_sub(2).map_or("", |p| info.w.n(p));
    // "residents of Ulken welcomed", "the mayor of Kiruna said": the place they are of.
    if prev == "of"
        && matches!(
            prev2,
            "village"
                | "town"
                | "city"
                | "residents"
                | "people"
                | "mayor"
                | "governor"
                | "outskirts"
                | "district"
                | "province"
                | "region"
        )
    {
        return false;
    }
    if info.w.has(r.tok_end, class::SPEECH) || matches!(prev, "said" | "wrote" | "added" | "told") {
        return true;
    }
    if prev == "to" && r.tok_start >= 2 && info.w.n(r.tok_start - 2) == "according" {
        return true;
    }
    // "Laxmi Bohara, 42, said", "Marta Zielinska, a political scientist, said" — but not
    // "head of operations in Kiruna, Annika Sjöberg, told": after "in", or followed by a
    // name of its own, the run is where the speaker works, not the speaker.
    let locative =
        || r.tok_start > 0 && info.w.has(r.tok_start - 1, class::LOCATIVE) && prev != "to";
    let named_next = || {
        info.runs
            .iter()
            .any(|o| o.tok_start == r.tok_end + 1 && matches!(o.kind, RunKind::Person { .. }))
    };
    if info.w.n(r.tok_end) == "," && !locative() && !named_next() {
        let limit = (r.tok_end + 20).min(info.w.len());
        if info.w.has(r.tok_end + 1, class::SPEECH) {
            return true;
        }
        if let Some(close) = (r.tok_end + 1..limit).find(|&k| info.w.n(k) == ",") {
            let mut k = close + 1;
            while matches!(info.w.n(k), "also" | "has" | "had" | "then" | "later") {
                k += 1;
            }
            return info.w.has(k, class::SPEECH);
        }
    }
    false
}

/// How often the article names each country: places, demonyms, and unambiguous cities.
fn country_context(g: &Gazetteer, infos: &[SentenceInfo<'_>]) -> HashMap<String, usize> {
    let mut context: HashMap<String, usize> = HashMap::default();
    for info in infos {
        for m in info.places.iter().filter(|m| !m.small) {
            let Some(first) = m.candidates.first().map(|&c| g.entry(c)) else {
                continue;
            };
            let (country, admin1) = (first.country, first.admin1);
            // Erbil the city and Erbil the governorate agree on country and region.
            if !admin1.is_empty()
                && m.candidates
                    .iter()
                    .all(|&c| (g.entry(c).country, g.entry(c).admin1) == (country, admin1))
            {
                *context.entry(format!("{country}-{admin1}")).or_default() += 1;
            }
            if m.candidates.iter().all(|&c| g.entry(c).country == country) {
                match context.get_mut(country) {
                    Some(n) => *n += 1,
                    None => {
                        context.insert(country.to_owned(), 1);
                    }
                }
            }
        }
        for d in &info.demonyms {
            *context.entry(d.country.clone()).or_default() += 1;
        }
    }
    context
}

/// Actors of a sentence: people (canonical names), organisations, countries named as actors
/// (demonyms outside a person's title, and country names not used as locations), and the
/// speakers of its quotes.
/// Acronyms the article defines: "Democratic Autonomous Administration in North and East Syria
/// (DAANES)" → DAANES stands for the whole phrase. Checked against the phrase's initials.
fn acronym_definitions(infos: &[SentenceInfo<'_>]) -> HashMap<String, String> {
    let mut out = HashMap::default();
    for info in infos {
        let w = &info.w;
        for k in 1..w.len().saturating_sub(2) {
            if !(w.is_punct(k, '(') && w.is_punct(k + 2, ')')) {
                continue;
            }
            let acronym = w.raw(k + 1);
            let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphabetic()).collect();
            if !(2..=8).contains(&letters.len()) || !letters.iter().all(|c| c.is_uppercase()) {
                continue;
            }
            // The capitalised phrase before the parenthesis.
            let mut start = k;
            while start > 0 && k - start < 12 {
                let j = start - 1;
                let joiner = matches!(w.n(j), "of" | "for" | "to" | "in" | "and" | "the" | "on");
                if w.is_cap(j) || (joiner && start < k) {
                    start = j;
                } else {
                    break;
                }
            }
            while start < k && !w.is_cap(start) {
                start += 1;
            }
            if start >= k {
                continue;
            }
            let initials: String = (start..k)
                .filter(|&j| w.is_cap(j))
                .filter_map(|j| w.raw(j).chars().next())
                .collect();
            // "Global Coalition to Defeat ISIS (D-ISIS)": the acronym's first letter is one of
            // the phrase's initials. Well-known acronyms keep their usual names.
            if !letters.first().is_some_and(|f| initials.contains(*f)) {
                continue;
            }
            let phrase = &w.src[w.toks[start].start..w.toks[k - 1].end];
            let name = actors::known_org(&acronym.to_lowercase()).unwrap_or(phrase);
            out.insert(acronym.to_owned(), name.to_owned());
        }
    }
    out
}

fn sentence_actors(
    g: &Gazetteer,
    info: &SentenceInfo<'_>,
    people: &People,
    acronyms: &HashMap<String, String>,
    places: &[(EventPlace, bool)],
    speakers: &[Option<String>],
) -> Vec<Actor> {
    let mut actors: Vec<Actor> = Vec::new();
    let mut push = |a: Actor| {
        if !actors.contains(&a) {
            actors.push(a);
        }
    };
    // An organisation's defined long form wins over its acronym or a clipped run of it.
    let org_name = |name: &str| -> String {
        if let Some(full) = acronyms.get(name) {
            return full.clone();
        }
        acronyms
            .values()
            .find(|full| full.len() > name.len() && full.starts_with(name))
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    };
    for r in &info.runs {
        match &r.kind {
            RunKind::Person { name, person, .. } => {
                if let Some(i) = *person {
                    push(Actor {
                        name: people.people[i].name.clone(),
                        kind: ActorKind::Person,
                    });
                } else if acronyms.contains_key(name) {
                    push(Actor {
                        name: org_name(name),
                        kind: ActorKind::Organization,
                    });
                }
            }
            RunKind::Org { name } => push(Actor {
                name: org_name(name),
                kind: ActorKind::Organization,
            }),
            RunKind::Role { .. } => {}
        }
    }
    // A known person named by surname where no run was read: "the Assad regime",
    // "al-Sharaa’s former alliance" (a lowercase particle starts no run).
    let w = &info.w;
    for i in 0..w.len() {
        if !w.is_word(i) || info.runs.iter().any(|r| i >= r.run_start && i < r.tok_end) {
            continue;
        }
        let raw = w.raw(i);
        let bare = raw
            .strip_prefix("al-")
            .or_else(|| raw.strip_prefix("el-"))
            .unwrap_or(raw);
        if bare.len() < 4 || !bare.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        if let Some(p) = people.find(raw).map(|i| &people.people[i])
            && p.name.contains(' ')
        {
            push(Actor {
                name: p.name.clone(),
                kind: ActorKind::Person,
            });
        }
    }
    for q in &info.quotes {
        if let Some(s) = &speakers[*q]
            && let Some(i) = people.find(s)
        {
            push(Actor {
                name: people.people[i].name.clone(),
                kind: ActorKind::Person,
            });
        }
    }
    // Demonyms inside a person's title are that person's affiliation, not separate actors.
    let in_person_run = |tok: usize| {
        info.runs.iter().any(|r| {
            matches!(r.kind, RunKind::Person { .. }) && tok >= r.run_start && tok < r.tok_end
        })
    };
    for d in &info.demonyms {
        if in_person_run(d.tok) {
            continue;
        }
        if let Some(c) = g.country(&d.country) {
            push(Actor {
                name: c.name.to_owned(),
                kind: ActorKind::Country,
            });
        }
    }
    for (place, is_place) in places {
        if !is_place && place.kind == PlaceKind::Country {
            push(Actor {
                name: place.name.as_str().to_owned(),
                kind: ActorKind::Country,
            });
        }
    }
    actors
}

/// Where an event with no place of its own happened: the places of the previous sentence in
/// the same paragraph, else where the story was filed (its dateline), else the home country
/// of the people involved. Marked as inferred.
fn fallback_places(
    g: &Gazetteer,
    infos: &[SentenceInfo<'_>],
    sentence_places: &[Vec<(EventPlace, bool)>],
    si: usize,
    actors: &[Actor],
    people: &People,
    filed_at: Option<&EventPlace>,
) -> Vec<EventPlace> {
    let mark = |mut p: EventPlace| {
        p.text = crate::model::Name::default();
        p
    };
    if si > 0 && infos[si - 1].s.paragraph == infos[si].s.paragraph && !infos[si - 1].headline {
        let prev: Vec<EventPlace> = sentence_places[si - 1]
            .iter()
            .filter(|(_, is_place)| *is_place)
            .map(|(p, _)| mark(p.clone()))
            .collect();
        if !prev.is_empty() {
            return prev;
        }
    }
    if let Some(place) = filed_at {
        return vec![place.clone()];
    }
    for a in actors.iter().filter(|a| a.kind == ActorKind::Person) {
        if let Some(i) = people.find(&a.name)
            && let Some(code) = &people.people[i].affiliation
            && let Some(country) = g.country(code)
        {
            return vec![country.to_event_place("")];
        }
    }
    Vec::new()
}

// ---------------------------------------------------------------------------------------------
// Speakers.

/// Speaker of every quote, in order.
///
/// Per quote, first match wins: an attribution right after it (`“…,” X said`); a possessive
/// statement noun before it (`Trump's statement that “…”`); the nearest speech verb before it
/// in the sentence; "according to X"; the nearest speech verb after it (`a “cohabitation” …,
/// said X`); and last the news convention that an unattributed quote continues the previous
/// quote of its paragraph, or of the previous paragraph when that one ran on without a closing
/// mark. Pronouns go to the sentence's own named speaker, else the previous sentence's, else
/// the person the text last named.
fn attribute_speakers(
    text: &str,
    infos: &[SentenceInfo<'_>],
    people: &People,
    quotes: &[QuoteSpan],
) -> Vec<Option<String>> {
    let mut speakers: Vec<Option<String>> = vec![None; quotes.len()];
    let mut last_speaker: Option<usize> = None;
    // Speaker named by a speech verb in the previous sentence.
    let mut previous_sentence_speaker: Option<usize> = None;
    // The first person (outside quotes) of the latest sentence that named one: usually its
    // subject.
    let mut last_person: Option<usize> = None;
    for (si, info) in infos.iter().enumerate() {
        // Speech verbs outside quotes, with their subjects.
        let verbs: Vec<(usize, Option<Speaker>)> = (0..info.w.len())
            .filter(|&k| {
                !info.in_quote[k]
                    && info.w.has(k, class::SPEECH)
                    && !is_participle_modifier(info, k)
            })
            .map(|k| (k, subject_of_verb(text, info, k)))
            .collect();
        let first_named = verbs.iter().find_map(|(_, s)| match s {
            Some(Speaker::Person(p)) => Some(*p),
            _ => None,
        });
        let pronoun_target = first_named
            .or(previous_sentence_speaker)
            .or(last_person)
            .or(last_speaker);
        let resolve = |s: Speaker, at: usize| -> Option<String> {
            match s {
                Speaker::Person(p) => Some(people.people[p].name.clone()),
                Speaker::Pronoun => pronoun_target.map(|p| people.people[p].name.clone()),
                Speaker::Role {
                    words,
                    plural,
                    text,
                } => {
                    if plural {
                        return Some(text);
                    }
                    role_holder(people, &words, at)
                        .map(|p| people.people[p].name.clone())
                        .or(Some(text))
                }
                Speaker::Phrase(t) => Some(t),
            }
        };

        for &qi in &info.quotes {
            let q = &quotes[qi];
            let open_tok = info
                .w
                .toks
                .iter()
                .position(|t| t.start >= q.open)
                .unwrap_or(info.w.len());
            let close_tok = info
                .w
                .toks
                .iter()
                .position(|t| t.start >= q.end)
                .unwrap_or(info.w.len());
            let speaker = after_quote_speaker(text, info, q)
                .or_else(|| possessive_speaker(text, info, people, q))
                .or_else(|| {
                    // Nearest speech verb before the quote in this sentence; an empty subject
                    // ("and noted, “…”") takes the sentence's earlier subject.
                    let before: Vec<&(usize, Option<Speaker>)> =
                        verbs.iter().filter(|(k, _)| *k < open_tok).collect();
                    let nearest = before.last()?;
                    match &nearest.1 {
                        Some(s) => Some(s.clone()),
                        None => before.iter().rev().find_map(|(_, s)| s.clone()),
                    }
                })
                .or_else(|| according_to(text, info))
                .or_else(|| {
                    verbs
                        .iter()
                        .find(|(k, _)| *k >= close_tok)
                        .and_then(|(_, s)| s.clone())
                });
            speakers[qi] = speaker.and_then(|s| resolve(s, q.open));
            if speakers[qi].is_none() {
                speakers[qi] = continued_quote_speaker(text, infos, si, quotes, qi, &speakers);
            }
            if let Some(name) = &speakers[qi]
                && let Some(p) = people.find(name)
            {
                last_speaker = Some(p);
            }
        }
        previous_sentence_speaker = None;
        for (_, s) in &verbs {
            if let Some(Speaker::Person(p)) = s {
                last_speaker = Some(*p);
                previous_sentence_speaker = Some(*p);
            }
        }
        if let Some(p) = info.runs.iter().find_map(|r| match &r.kind {
            RunKind::Person { name, .. }
                if !info.in_quote.get(r.tok_start).copied().unwrap_or(false) =>
            {
                people.find(name)
            }
            _ => None,
        }) {
            last_person = Some(p);
        }
    }
    speakers
}

/// An unattributed quote that continues the one before it: the previous quote of the same
/// paragraph, or the last quote of the previous paragraph when that one had no closing mark
/// (a quotation running over paragraphs) and this paragraph opens with a quote.
fn continued_quote_speaker(
    text: &str,
    infos: &[SentenceInfo<'_>],
    si: usize,
    quotes: &[QuoteSpan],
    qi: usize,
    speakers: &[Option<String>],
) -> Option<String> {
    let prev = qi.checked_sub(1)?;
    let paragraph = infos[si].s.paragraph;
    let prev_paragraph = infos
        .iter()
        .find(|i| i.s.start <= quotes[prev].open && quotes[prev].open < i.s.end)?
        .s
        .paragraph;
    let same_paragraph = prev_paragraph == paragraph;
    let run_on = prev_paragraph + 1 == paragraph && !quotes[prev].closed && {
        let para_start = infos
            .iter()
            .find(|i| i.s.paragraph == paragraph)
            .map_or(0, |i| i.s.start);
        quotes[qi].open == para_start
    };
    // Between the two quotes, no other person may be named outside them.
    let between = &text[quotes[prev].end..quotes[qi].open];
    let interrupted = between.len() > 400;
    if (same_paragraph || run_on) && !interrupted {
        return speakers[prev].clone();
    }
    None
}

/// "a mechanism designed to …", "confirming that …" are not speech by a subject; a present
/// participle after a comma usually modifies the clause before it.
fn is_participle_modifier(info: &SentenceInfo<'_>, k: usize) -> bool {
    let n = info.w.n(k);
    n.ends_with("ing")
        && k > 0
        && info.w.n(k - 1) == ","
        && !matches!(
            n,
            "saying" | "adding" | "noting" | "stating" | "writing" | "telling" | "warning"
        )
}

/// The phrase a speech verb reports: for "X said" the words before it back to the clause start,
/// for "said X" (verb first in its clause) the words after it. Parenthetical segments between
/// subject and verb ("Zelenskiy, who has pressed …, said", "Laxmi Bohara, 42, said") are
/// skipped, and "…, who said" refers back to the person before "who".
fn subject_of_verb(text: &str, info: &SentenceInfo<'_>, k: usize) -> Option<Speaker> {
    let is_punct_boundary = |i: usize| {
        let t = &info.w.toks[i];
        let c = text[t.start..].chars().next().unwrap_or(' ');
        t.kind == text::TokKind::Punct
            && (matches!(c, ',' | ';' | ':' | '(' | ')')
                || text::is_double_quote(c)
                || text::is_dash(c))
    };
    let is_boundary = |i: usize| {
        is_punct_boundary(i)
            || matches!(
                info.w.n(i),
                "that"
                    | "and"
                    | "but"
                    | "who"
                    | "which"
                    | "while"
                    | "as"
                    | "when"
                    | "because"
                    | "after"
                    | "before"
                    | "if"
                    | "what"
                    | "since"
            )
            || info.in_quote[i]
    };
    // Auxiliaries and adverbs between subject and verb ("has previously warned").
    let mut v = k;
    while v > 0
        && matches!(
            info.w.n(v - 1),
            "also"
                | "has"
                | "had"
                | "have"
                | "then"
                | "later"
                | "previously"
                | "reportedly"
                | "once"
                | "again"
                | "repeatedly"
                | "last"
                | "month"
                | "week"
                | "year"
        )
    {
        v -= 1;
    }
    // "…, who said": the person the relative clause hangs on.
    if v > 0 && matches!(info.w.n(v - 1), "who" | "whom") {
        let who = v - 1;
        if let Some(p) = info
            .runs
            .iter()
            .filter(|r| r.tok_end <= who && r.tok_end + 2 >= who)
            .find_map(|r| match &r.kind {
                RunKind::Person { person, .. } => *person,
                _ => None,
            })
        {
            return Some(Speaker::Person(p));
        }
    }
    // ", saying …", ", adding …": the participle's subject is the main clause's.
    if info.w.n(k).ends_with("ing") && k > 0 && info.w.n(k - 1) == "," {
        return (0..k).filter(|&i| !info.in_quote[i]).find_map(|i| {
            if info.w.has(i, class::PRONOUN) {
                return Some(Speaker::Pronoun);
            }
            info.runs
                .iter()
                .find(|r| r.tok_start == i)
                .and_then(|r| match &r.kind {
                    RunKind::Person { person, .. } => person.map(Speaker::Person),
                    _ => None,
                })
        });
    }
    let mut lo = v;
    while lo > 0 && !is_boundary(lo - 1) {
        lo -= 1;
    }
    if lo < v
        && let Some(s) = phrase_speaker(text, info, lo, v)
    {
        return Some(s);
    }
    // Skip parenthetical segments back to the subject: ", 42,", ", known as Hemedti,",
    // ", who has pressed …,", ", speaking from Riyadh,".
    if lo == v && lo > 0 && info.w.toks[lo - 1].is_punct(text, ',') {
        let mut seg_end = lo - 1;
        for _ in 0..3 {
            let mut seg_start = seg_end;
            while seg_start > 0 && !is_punct_boundary(seg_start - 1) {
                seg_start -= 1;
            }
            if seg_start == seg_end {
                break;
            }
            let first = info.w.n(seg_start);
            let parenthetical = matches!(
                first,
                "who" | "whose" | "which" | "known" | "a" | "an" | "the" | "whom"
            ) || first.ends_with("ing")
                || info.w.is_num(seg_start)
                || !info.w.is_cap(seg_start);
            if !parenthetical || seg_start == 0 || !info.w.toks[seg_start - 1].is_punct(text, ',') {
                // The subject itself (or the start of the clause).
                if let Some(Speaker::Person(p)) = phrase_speaker(text, info, seg_start, seg_end) {
                    return Some(Speaker::Person(p));
                }
                break;
            }
            seg_end = seg_start - 1;
        }
    }
    // Verb first: "said Barrack", ", said the envoy." Only right after a quote or a comma.
    let verb_first = lo == k
        && (k == 0 || {
            let prev = &info.w.toks[k - 1];
            let c = text[prev.start..].chars().next().unwrap_or(' ');
            c == ',' || text::is_double_quote(c)
        });
    if verb_first
        || info
            .w
            .norms(lo, k)
            .all(|n| matches!(n, "also" | "then" | "later"))
            && lo < k
    {
        let mut hi = k + 1;
        while hi < info.w.toks.len()
            && !is_punct_boundary(hi)
            && !info.w.toks[hi].is_punct(text, '.')
        {
            hi += 1;
        }
        if hi > k + 1 {
            return phrase_speaker(text, info, k + 1, hi);
        }
    }
    None
}

/// Who a phrase names: a person, a pronoun, a role ("the U.S. envoy") or just the phrase.
fn phrase_speaker(text: &str, info: &SentenceInfo<'_>, lo: usize, hi: usize) -> Option<Speaker> {
    // Drop a leading date or adverb clause ("on Tuesday", "previously").
    let person_of = |r: &ActorRun| match &r.kind {
        RunKind::Person { person, .. } => *person,
        _ => None,
    };
    let inside = |r: &&ActorRun| r.tok_start >= lo && r.tok_end <= hi;
    // The name nearest the verb ("a senior envoy, Tom Barrack,"), unless the phrase opens
    // with a name and its apposition ("Asset Nurgaliyev, chief executive of … (KNPP),").
    let opening = info
        .runs
        .iter()
        .filter(inside)
        .find(|r| r.run_start <= lo + 1)
        .filter(|r| info.w.n(r.tok_end) == ",")
        .and_then(person_of);
    let person = opening.or_else(|| info.runs.iter().rev().filter(inside).find_map(person_of));
    if let Some(p) = person {
        return Some(Speaker::Person(p));
    }
    let words: Vec<&str> = info.w.norms(lo, hi).collect();
    // "he said", "what he calls": a pronoun right before the verb is its subject.
    let last_word = words.iter().rev().find(|w| {
        !matches!(
            **w,
            "also" | "has" | "had" | "then" | "later" | "previously"
        )
    });
    if words.iter().any(|w| PERSON_PRONOUNS.contains(w)) && words.len() <= 3
        || last_word.is_some_and(|w| PERSON_PRONOUNS.contains(w))
    {
        return Some(Speaker::Pronoun);
    }
    if words.iter().all(|w| {
        matches!(
            *w,
            "it" | "they" | "we" | "i" | "you" | "also" | "has" | "had" | "have"
        )
    }) {
        return None;
    }
    // Trim trailing auxiliaries and dates: "A senior United States envoy on Tuesday".
    let mut end = hi;
    for d in &info.dates {
        if d.tok_start >= lo && d.tok_start < end {
            end = d.tok_start;
        }
    }
    while end > lo
        && matches!(
            info.w.n(end - 1),
            "has"
                | "had"
                | "have"
                | "also"
                | "previously"
                | "reportedly"
                | "later"
                | "then"
                | "once"
                | "recently"
                | "on"
                | "in"
        )
    {
        end -= 1;
    }
    if end <= lo {
        return None;
    }
    let phrase = text[info.w.toks[lo].start..info.w.toks[end - 1].end].to_owned();
    let role_words: Vec<String> = info
        .w
        .norms(lo, end)
        .map(|w| strip_possessive(w).to_owned())
        .filter(|w| is_role_word(w))
        .collect();
    if !role_words.is_empty() {
        let head = info.w.n(end - 1);
        let plural = head.ends_with('s') && !head.ends_with("ss") && !is_role_word(head);
        let plural = plural
            || role_words
                .iter()
                .all(|w| w.ends_with('s') && !w.ends_with("ss"));
        return Some(Speaker::Role {
            words: role_words,
            plural,
            text: phrase,
        });
    }
    // A clause start like "In an interview" is not a speaker.
    if phrase.split_whitespace().count() > 8 {
        return None;
    }
    Some(Speaker::Phrase(phrase))
}

/// Role words that pick out one person by title.
fn is_role_word(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "minister"
            | "envoy"
            | "ambassador"
            | "secretary"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "commander"
            | "chief"
            | "king"
            | "prince"
            | "chancellor"
            | "premier"
            | "governor"
            | "mayor"
            | "general"
            | "emir"
            | "sheikh"
            | "senator"
            | "director"
            | "chairman"
            | "leader"
            | "envoys"
            | "ministers"
            | "presidents"
    )
}

/// The person holding a role: the most recent one mentioned before `at` whose title has the
/// role word, else the first one after (a headline names the envoy before the body does).
fn role_holder(people: &People, words: &[String], at: usize) -> Option<usize> {
    let specific: Vec<&String> = words
        .iter()
        .filter(|w| !matches!(w.as_str(), "leader" | "general" | "chief"))
        .collect();
    let wanted: Vec<&String> = if specific.is_empty() {
        words.iter().collect()
    } else {
        specific
    };
    let holders: Vec<(usize, usize)> = people
        .people
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            wanted.iter().all(|w| {
                p.title
                    .iter()
                    .any(|t| t.trim_end_matches('s') == w.trim_end_matches('s'))
            })
        })
        .map(|(i, p)| (i, p.first))
        .collect();
    holders
        .iter()
        .filter(|(_, first)| *first <= at)
        .max_by_key(|(_, first)| *first)
        .or_else(|| holders.iter().min_by_key(|(_, first)| *first))
        .map(|(i, _)| *i)
}

/// `“…,” Barrack said.` / `“…,” said Barrack.` / `“…,” he said.`
fn after_quote_speaker(text: &str, info: &SentenceInfo<'_>, q: &QuoteSpan) -> Option<Speaker> {
    let after = q.after(text);
    // Only a quote that ends its clause (“…,” / “….” / ”,) can be followed by its attribution;
    // “discussed …” with Sharaa, who he described … is mid-clause.
    let inner = text[q.start..q.end].trim_end();
    let next_is_comma = text[after..].trim_start().starts_with([',', '—']);
    if !(inner.ends_with([',', '.', '!', '?']) || next_is_comma) {
        return None;
    }
    let first = info.w.toks.iter().position(|t| t.start >= after)?;
    // A name with a long apposition before its verb: “…,” Asset Nurgaliyev, chief executive
    // of the state company Kazakhstan Nuclear Power Plants (KNPP), said.
    let named_first = info.runs.iter().find(|r| {
        matches!(r.kind, RunKind::Person { .. })
            && (first..first + 2).contains(&r.run_start)
            && info.w.n(r.tok_end) == ","
    });
    let reach = if named_first.is_some() { 24 } else { 9 };
    let mut k = first;
    while k < info.w.toks.len() && k < first + reach {
        let t = &info.w.toks[k];
        if info.in_quote[k] || t.is_punct(text, '.') || t.is_punct(text, ';') {
            return None;
        }
        if t.kind == text::TokKind::Punct
            && text::is_double_quote(text[t.start..].chars().next().unwrap_or(' '))
        {
            return None;
        }
        if info.w.has(k, class::SPEECH) {
            let mut lo = first;
            while lo < k && info.w.toks[lo].kind == text::TokKind::Punct {
                lo += 1;
            }
            if matches!(
                info.w.n(lo),
                "and"
                    | "but"
                    | "while"
                    | "whereas"
                    | "as"
                    | "when"
                    | "before"
                    | "after"
                    | "although"
                    | "who"
                    | "which"
            ) {
                // "“…,” and noted, “…”", "“…,” while X said …": another clause, not this
                // quote's attribution.
                return None;
            }
            if lo == k {
                let mut hi = k + 1;
                while hi < info.w.toks.len() && info.w.toks[hi].kind != text::TokKind::Punct {
                    hi += 1;
                }
                return (hi > k + 1)
                    .then(|| phrase_speaker(text, info, k + 1, hi))
                    .flatten();
            }
            return phrase_speaker(text, info, lo, k);
        }
        k += 1;
    }
    None
}

/// `Trump’s statement that “…”`, `Barrack’s assertion that the talks address “…”`.
fn possessive_speaker(
    text: &str,
    info: &SentenceInfo<'_>,
    people: &People,
    q: &QuoteSpan,
) -> Option<Speaker> {
    let open_tok = info.w.toks.iter().position(|t| t.start >= q.open)?;
    let lo = open_tok.saturating_sub(10);
    for k in (lo..open_tok).rev() {
        if !info.w.has(k, class::STATEMENT_NOUN) || k == 0 {
            continue;
        }
        let owner = &info.w.toks[k - 1];
        let owner_text = owner.text(text);
        if strip_possessive(owner_text).len() == owner_text.len() {
            continue;
        }
        if let Some(p) = people.find(strip_possessive(owner_text)) {
            return Some(Speaker::Person(p));
        }
    }
    None
}

/// "according to X".
fn according_to(text: &str, info: &SentenceInfo<'_>) -> Option<Speaker> {
    let k =
        (0..info.w.len()).position(|k| info.w.n(k) == "according" && info.w.n(k + 1) == "to")?;
    let lo = k + 2;
    let mut hi = lo;
    while hi < info.w.toks.len() && info.w.toks[hi].kind != text::TokKind::Punct {
        hi += 1;
    }
    (hi > lo)
        .then(|| phrase_speaker(text, info, lo, hi))
        .flatten()
}

// ---------------------------------------------------------------------------------------------
// Corpus level.

/// Merge people across articles: mentions with the same surname and compatible given names
/// ("Asaad al-Shaibani" / "Assad al-Shaibani", "Bashar Assad" / "Bashar al-Assad") take the
/// most frequent full form, so lanes and filters see one actor.
pub fn merge_actors_across_articles(ex: &mut Extraction) {
    merge_actors(&mut ex.events, &mut ex.quotes);
}

/// [`merge_actors_across_articles`] over any events and quotes (the store runs it on all it
/// holds as batches arrive).
/// Give every person the fullest name the corpus knows them by ("Sharaa" → "Ahmed al-Sharaa")
/// in events and quote speakers. Returns the index of the first event whose actors changed
/// (`events.len()` when none did), so a store appending a batch can re-index only from there.
pub fn merge_actors(events: &mut [Event], quotes: &mut [Quote]) -> usize {
    let mut names = crate::store::PersonNames::default();
    names.add(events, quotes);
    let mut first_changed = events.len();
    if !names.any_renames() {
        return first_changed;
    }
    for (i, e) in events.iter_mut().enumerate() {
        // Two mentions may now be one person.
        if let Some(actors) = names.merge_actors(&e.actors) {
            e.actors = actors;
            first_changed = first_changed.min(i);
        }
    }
    for q in quotes.iter_mut() {
        if let Some(s) = &q.speaker
            && names.merged(s) != s
        {
            q.speaker = Some(names.merged(s).to_owned());
        }
    }
    first_changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleId;

    fn extract(text: &str, published: &str) -> (Article, ArticleExtraction) {
        let mut article = Article {
            id: ArticleId(0),
            path: "t.txt".to_owned(),
            title: None,
            outlet: None,
            url: None,
            published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            published_basis: PublishedBasis::SourcesCsv,
            published_evidence: None,
            place: None,
            text: text.to_owned(),
        };
        let ex = extract_article(&mut article);
        (article, ex)
    }

    fn speaker_of<'a>(ex: &'a ArticleExtraction, start: &str) -> Option<&'a str> {
        ex.quotes
            .iter()
            .find(|q| q.text.starts_with(start))
            .and_then(|q| q.speaker.as_deref())
    }

    /// The first event of the sentence starting with `start`.
    fn event_of<'a>(ex: &'a ArticleExtraction, start: &str) -> &'a Event {
        ex.events
            .iter()
            .find(|e| e.sentence.starts_with(start))
            .unwrap_or_else(|| panic!("no event in a sentence starting {start:?}"))
    }

    /// The events of the sentence starting with `start`: their places' names.
    fn places_of(ex: &ArticleExtraction, start: &str) -> Vec<String> {
        ex.events
            .iter()
            .filter(|e| e.sentence.starts_with(start))
            .flat_map(|e| e.places.iter().map(|p| p.name.as_str().to_owned()))
            .collect()
    }

    #[test]
    fn a_local_story_places_what_it_does_not_place_at_its_dateline() {
        let local = "KIRUNA, Sweden — LKAB halted production at its mine in Kiruna on Wednesday.\n\n\
            Sweden's mining inspectors will visit on Monday, the Swedish agency said.\n\n\
            The company's chief engineer resigned on Tuesday.\n";
        let (article, ex) = extract(local, "2026-05-07");
        assert_eq!(article.place.map(|p| p.name), Some("Kiruna".to_owned()));
        assert_eq!(places_of(&ex, "The company's chief"), ["Kiruna"]);
        // A bureau's dateline over news from elsewhere places nothing.
        let abroad = "ERBIL (Kurdistan24) — Israel and Syria held talks in Paris on Tuesday.\n\n\
            Israeli and Syrian officials said Israel and Syria would meet again.\n\n\
            The two delegations exchanged papers on Wednesday.\n";
        let (article, ex) = extract(abroad, "2026-01-07");
        assert_eq!(article.place.map(|p| p.name), Some("Erbil".to_owned()));
        assert!(
            !places_of(&ex, "The two delegations").contains(&"Erbil".to_owned()),
            "{:?}",
            places_of(&ex, "The two delegations")
        );
    }

    #[test]
    fn an_attribution_after_a_date_does_not_make_its_happening_a_statement() {
        let text = "KIRUNA, Sweden — LKAB halted production at its mine in Kiruna on Wednesday.\n\n\
            The Swedish Work Environment Authority will send inspectors to the mine on Monday, a spokesperson for the agency said.\n\n\
            In September, Sweden's prime minister declared the mine a national priority.\n";
        let (_, ex) = extract(text, "2026-05-07");
        let sent = event_of(&ex, "The Swedish Work");
        assert_ne!(sent.kind, EventKind::Statement);
        assert!(
            sent.summary
                .starts_with("The Swedish Work Environment Authority will send")
        );
        assert_eq!(places_of(&ex, "The Swedish Work"), ["Kiruna"]);
        // A date that opens the sentence dates the declaration that follows it.
        let declared = event_of(&ex, "In September");
        assert_eq!(declared.kind, EventKind::Statement);
    }

    #[test]
    fn where_a_speaker_works_is_not_the_speaker() {
        let text = "“Safety comes first,” LKAB’s head of operations in Kiruna, Annika Sjöberg, told a press conference on Thursday.\n\n\
            Tremors are common in Kiruna, where LKAB mines ore.\n\n\
            “We are laying a foundation,” Asset Nurgaliyev, chief executive of the state company Kazakhstan Nuclear Power Plants (KNPP), said at the ceremony.\n";
        let (_, ex) = extract(text, "2026-05-07");
        assert_eq!(speaker_of(&ex, "Safety"), Some("Annika Sjöberg"));
        assert_eq!(places_of(&ex, "Tremors are common"), ["Kiruna"]);
        assert_eq!(speaker_of(&ex, "We are laying"), Some("Asset Nurgaliyev"));

        // A village whose residents "welcomed" something is no person either.
        let text = "ALMATY, Kazakhstan — Kazakhstan broke ground near the village of Ulken on Tuesday.\n\n\
            Some residents of Ulken welcomed the jobs.\n";
        let (_, ex) = extract(text, "2026-04-22");
        assert!(places_of(&ex, "ALMATY").contains(&"Ülken".to_owned()));

        // A possessive country before a name is whose, not where.
        let text = "Engineers from Russia's Rosatom broke ground near the village of Ulken in Kazakhstan on Tuesday.\n\n\
            Workers arrived in Russia's capital on Monday.\n";
        let (_, ex) = extract(text, "2026-04-22");
        assert_eq!(places_of(&ex, "Engineers"), ["Ülken", "Kazakhstan"]);
        assert!(
            ex.events
                .iter()
                .any(|e| e.actors.iter().any(|a| a.name.as_str() == "Russia")),
            "Russia acts"
        );
        assert_eq!(places_of(&ex, "Workers"), ["Russia"]);
    }

    #[test]
    fn defined_acronyms_name_their_organisation() {
        let (_, ex) = extract(
            "The SDF served the Democratic Autonomous Administration in North and East Syria (DAANES) \
             for years. On Monday, DAANES officials met in Raqqa.",
            "2025-11-11",
        );
        let orgs: Vec<&str> = ex
            .events
            .iter()
            .flat_map(|e| &e.actors)
            .filter(|a| a.kind == ActorKind::Organization)
            .map(|a| a.name.as_str())
            .collect();
        assert!(
            orgs.contains(&"Democratic Autonomous Administration in North and East Syria"),
            "{orgs:?}"
        );
        assert!(!orgs.contains(&"DAANES"), "{orgs:?}");
    }

    #[test]
    fn quotes_continue_their_speaker_across_sentences_and_paragraphs() {
        let text = "“The reports are horrifying,” said Tom Fletcher, the humanitarian chief. \
                    “Civilians are being hunted in the streets.\n\n“We need safe passage today.”\n\n\
                    Laxmi Bohara, 42, said she had pulled her children out. “I heard a roar,” she said.";
        let (_, ex) = extract(text, "2025-10-28");
        assert_eq!(speaker_of(&ex, "Civilians are being"), Some("Tom Fletcher"));
        assert_eq!(
            speaker_of(&ex, "We need safe passage"),
            Some("Tom Fletcher")
        );
        assert_eq!(speaker_of(&ex, "I heard a roar"), Some("Laxmi Bohara"));
    }

    #[test]
    fn pronouns_go_to_the_latest_speaker_not_an_older_one() {
        let text = "“We are digging with our hands,” said Khadga Bahadur Rawal, the district officer.\n\n\
                    Prime Minister K.P. Sharma Oli flew to the area on Tuesday. He told reporters: \
                    “No one will be left behind.”";
        let (_, ex) = extract(text, "2025-03-04");
        assert_eq!(
            speaker_of(&ex, "No one will be left"),
            Some("K.P. Sharma Oli")
        );
    }

    #[test]
    fn undated_happenings_after_the_news_peg_share_its_day() {
        let text = "KYIV — Russia fired missiles at Ukraine on Monday, officials said.\n\n\
                    In Lutsk, a missile struck an apartment building, killing a man.\n\n\
                    Russia launched its invasion in February 2022. In Kharkiv, a school was rebuilt.";
        let (_, ex) = extract(text, "2024-08-27");
        let lutsk = ex
            .events
            .iter()
            .find(|e| e.sentence.starts_with("In Lutsk"))
            .expect("Lutsk event");
        let when = lutsk.when.as_ref().expect("carried date");
        assert_eq!(when.start.to_string(), "2024-08-26");
        assert!(when.text.is_empty() && when.approximate);
        // After the text moves to 2022, undated sentences are not put on the peg day.
        let kharkiv = ex
            .events
            .iter()
            .find(|e| e.sentence.starts_with("In Kharkiv"));
        assert!(kharkiv.is_none_or(|e| e.when.is_none()), "{kharkiv:?}");
    }
}
