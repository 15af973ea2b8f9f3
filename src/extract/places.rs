//! Place tagging: capitalised word runs matched against the gazetteer (longest first), venues
//! and metonyms resolved to their city ("the White House" → Washington), demonyms kept apart
//! (they name countries as actors, not places), and a disambiguation step that weighs
//! population, an explicit qualifier ("Paris, Texas") and the countries the article is about.

use rustc_hash::FxHashMap as HashMap;

use super::gazetteer::{Gazetteer, name_key, name_key_small};
use super::lexicon::class;
use super::text::{Token, Words};
use crate::model::{Place, PlaceKind};

/// A run of tokens that names a gazetteer entry, before disambiguation.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    pub tok_start: usize,
    pub tok_end: usize,
    pub start: usize,
    pub end: usize,
    pub candidates: Vec<u32>,
    /// A venue standing for its city ("White House").
    pub venue: bool,
    /// Preceded by a locative word ("in", "to", "from", "visit").
    pub locative: bool,
    /// Where the text says it is ("Paris, Texas" → (US, TX); "Lahore, Punjab" → (IN, 23) or
    /// (PK, 04)): (country, admin1 or "" for anywhere in the country). Empty when not given.
    pub qualifier: Vec<(String, String)>,
    /// "state of Washington", "Washington state": the region is meant.
    pub region_hint: bool,
    /// A town from the small-places table: only kept when it lies in a country the article
    /// is about.
    pub small: bool,
}

/// A demonym ("Syrian", "Israelis") with its country code.
#[derive(Debug, Clone, PartialEq)]
pub struct DemonymMention {
    pub tok: usize,
    pub start: usize,
    pub end: usize,
    pub country: String,
}

/// Words that, right before a name, mean "this is where".
pub(crate) const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "from",
    "to",
    "into",
    "inside",
    "across",
    "throughout",
    "within",
    "near",
    "toward",
    "towards",
    "outside",
    "via",
    "through",
    "visit",
    "visited",
    "visiting",
    "visits",
    "around",
    "across",
    "over",
    "entered",
    "invaded",
    "left",
    "reached",
    "southern",
    "northern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north",
    "south",
    "east",
    "west",
    "occupied",
    "based",
    "hosted",
    "held",
];

/// Words after a country name that make it an adjective ("U.S. forces", "U.S. Envoy").
pub(crate) const ADJECTIVAL_NEXT: &[&str] = &[
    "forces",
    "troops",
    "officials",
    "official",
    "military",
    "government",
    "envoy",
    "envoys",
    "delegation",
    "administration",
    "president",
    "minister",
    "ambassador",
    "army",
    "army's",
    "embassy",
    "citizens",
    "authorities",
    "leaders",
    "leader",
    "side",
    "counterpart",
    "counterparts",
    "secretary",
    "special",
    "state",
    "president's",
    "military's",
    "navy",
    "intelligence",
    "security",
    "air",
    "defense",
    "foreign",
    "mediation",
    "mediators",
    "supervision",
    "ally",
    "allies",
    "policy",
    "sanctions",
    "media",
    "television",
];

/// Below this population a lone city name needs a locative word before it: "Obama" (Japan),
/// "Rubio" (Venezuela) and "Ahmad" are people far more often than towns.
const SMALL_CITY: u64 = 250_000;

/// Lower-case words allowed inside a multi-word place name.
pub(crate) const CONNECTORS: &[&str] = &[
    "of", "de", "du", "des", "la", "le", "el", "al", "ez", "es", "az", "as", "an", "ad", "the",
    "and", "upon", "on", "da", "do", "dos", "das", "di", "del", "y", "sur", "am", "im", "bin",
];

/// Capitalised words right after a place name that make it part of another name
/// ("Washington Post", "Paris Agreement", "New York Times").
pub(crate) const NAME_CONTINUATIONS: &[&str] = &[
    "post",
    "times",
    "journal",
    "institute",
    "university",
    "club",
    "herald",
    "tribune",
    "gazette",
    "review",
    "daily",
    "agreement",
    "accords",
    "accord",
    "declaration",
    "protocol",
    "convention",
    "treaty",
    "summit",
    "process",
    "conference",
    "forum",
    "talks",
    "format",
    "group",
    "street",
    "avenue",
    "airport",
    "stadium",
    "fc",
    "united",
    "city",
    "county",
    "province",
    "governorate",
    "region",
    "district",
    "square",
    "bridge",
    "river",
    "mountains",
    "capitals",
    "consensus",
    "syndrome",
    "peace",
    "plan",
    "initiative",
    "dialogue",
    "security",
    "document",
];

/// Find place names and demonyms in one sentence. `excluded` are byte ranges already claimed
/// (people's names, dates).
pub fn find_places(
    w: &Words,
    g: &Gazetteer,
    excluded: &[(usize, usize)],
) -> (Vec<PlaceMention>, Vec<DemonymMention>) {
    let (src, toks) = (w.src, w.toks.as_slice());
    let mut places = Vec::new();
    let mut demonyms = Vec::new();
    let is_excluded = |t: &Token| excluded.iter().any(|&(s, e)| t.start < e && s < t.end);
    // Reused for every capitalised word: the name being read and its candidate ends.
    let mut key = String::new();
    let mut keys: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if !t.is_capitalized(src) || is_excluded(t) {
            i += 1;
            continue;
        }
        // Most capitalised words start no place name: check the first word before building keys.
        let first_key = w.key(i);
        if !g.starts_name(first_key.split(' ').next().unwrap_or("")) {
            if g.demonym(&first_key).is_none()
                && !w.has(i, class::NOT_NAME | class::TITLE | class::DATE_LEAD)
                && let Some(m) = small_place_at(w, i, g, &|k| is_excluded(&toks[k]))
            {
                i = m.tok_end;
                places.push(m);
                continue;
            }
            if let Some(code) = g.demonym(&first_key) {
                demonyms.push(DemonymMention {
                    tok: i,
                    start: t.start,
                    end: t.end,
                    country: code.to_owned(),
                });
            }
            i += 1;
            continue;
        }
        // Longest run first.
        let mut matched = None;
        let max = g.max_tokens.min(toks.len() - i);
        // (tokens, length of `key` after them), for the capitalised ends.
        key.clear();
        keys.clear();
        for n in 1..=max {
            let k = i + n - 1;
            let tk = &toks[k];
            if !tk.is_word() || is_excluded(tk) {
                break;
            }
            if n > 1 && !tk.is_capitalized(src) && !w.has(k, class::PLACE_CONNECTOR) {
                break;
            }
            if n > 1 {
                key.push(' ');
            }
            // "Ukraine’s power system": the possessive is not part of the name.
            key.push_str(&w.key(k));
            if tk.is_capitalized(src) {
                keys.push((n, key.len()));
            }
        }
        for &(n, len) in keys.iter().rev() {
            let k = &key[..len];
            if g.venue(k).is_some() {
                matched = Some((n, len, true));
                break;
            }
            if !g.lookup(k).is_empty() {
                matched = Some((n, len, false));
                break;
            }
        }
        let Some((n, key_len, venue)) = matched else {
            if g.demonym(&first_key).is_none()
                && !w.has(i, class::NOT_NAME | class::TITLE | class::DATE_LEAD)
                && let Some(m) = small_place_at(w, i, g, &|k| is_excluded(&toks[k]))
            {
                i = m.tok_end;
                places.push(m);
                continue;
            }
            if let Some(code) = g.demonym(w.n(i)) {
                demonyms.push(DemonymMention {
                    tok: i,
                    start: t.start,
                    end: t.end,
                    country: code.to_owned(),
                });
            }
            i += 1;
            continue;
        };
        key.truncate(key_len);
        let end_tok = i + n;
        let prev = i.checked_sub(1).map_or("", |p| w.n(p));
        let prev2 = i.checked_sub(2).map_or("", |p| w.n(p));
        // Part of a longer proper name: "Washington Post", "Paris Agreement".
        let continues = toks
            .get(end_tok)
            .is_some_and(|nt| nt.is_capitalized(src) && w.has(end_tok, class::NAME_CONTINUATION));
        // "La Libertad Avanza party", "Paris Saint-Germain": a capitalised word right after
        // the name that is no title, date word or place makes it part of a longer name.
        // (Only for small places: an institution named after a big city is usually in it,
        // "Tokyo Metropolitan Assembly".)
        let small_place = g
            .lookup(&key)
            .iter()
            .all(|&c| g.entry(c).population < 1_000_000);
        // "the University of Warsaw": a town named University is not meant.
        let of_name = w.n(end_tok) == "of" && w.is_cap(end_tok + 1);
        let longer_name = !venue
            && small_place
            && (of_name
                || toks.get(end_tok).is_some_and(|nt| {
                    nt.is_word()
                        && nt.is_capitalized(src)
                        && !w.has(end_tok, class::TITLE | class::DATE_LEAD | class::NOT_NAME)
                        && {
                            let next_key = w.key(end_tok);
                            !g.starts_name(&next_key) && g.demonym(&next_key).is_none()
                        }
                }));
        if (continues || longer_name) && !venue {
            i = end_tok + 1;
            continue;
        }
        // A demonym that is also a place name ("Kurdish" is not, "Jordanian" is not; but
        // "Georgian" could be) is handled by the demonym table taking precedence.
        if !venue
            && n == 1
            && let Some(code) = g.demonym(&key)
        {
            demonyms.push(DemonymMention {
                tok: i,
                start: t.start,
                end: t.end,
                country: code.to_owned(),
            });
            i += 1;
            continue;
        }
        // "the invasion of Ukraine", "the outskirts of Kyiv": "of" after a noun of place or of
        // an act done to a place.
        let of_place = prev == "of"
            && matches!(
                prev2,
                "invasion"
                    | "occupation"
                    | "annexation"
                    | "siege"
                    | "capture"
                    | "fall"
                    | "liberation"
                    | "bombing"
                    | "shelling"
                    | "blockade"
                    | "outskirts"
                    | "city"
                    | "town"
                    | "province"
                    | "region"
                    | "capital"
                    | "centre"
                    | "center"
                    | "north"
                    | "south"
                    | "east"
                    | "west"
                    | "parts"
                    | "part"
                    | "rest"
                    | "heart"
                    | "streets"
                    | "people"
                    | "residents"
                    | "island"
                    | "islands"
                    | "village"
                    | "port"
                    | "coast"
                    | "district"
                    | "citizens"
                    | "visit"
                    | "tour"
                    | "bombardment"
                    | "evacuation"
                    | "recapture"
            );
        let locative = (i > 0 && w.has(i - 1, class::LOCATIVE))
            || (prev == "the" && i > 1 && w.has(i - 2, class::LOCATIVE))
            || of_place;
        // Acronyms in capitals ("SANA", "ISIS") are not town names.
        let all_caps = n == 1
            && t.text(src)
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
            && t.text(src).len() > 1;
        let cities_only = g
            .lookup(&key)
            .iter()
            .all(|&c| g.entry(c).kind == PlaceKind::City);
        if !venue && cities_only && all_caps {
            i += 1;
            continue;
        }
        // Only a big place known by this very name stands without a locative word: a small
        // town, or a big city matched through one of its foreign alternate names ("Kai"),
        // needs "in", "near", "the … area".
        let small = !g.lookup(&key).iter().any(|&c| {
            let e = g.entry(c);
            e.population >= SMALL_CITY
                && (e.kind != PlaceKind::City || name_key_small(e.name).as_str() == key)
        });
        // "speak with Vladimir": a first name, not the city.
        let with_person = prev == "with"
            && g.lookup(&key)
                .iter()
                .all(|&c| g.entry(c).kind == PlaceKind::City && g.entry(c).population < 1_000_000);
        if with_person && !venue {
            i = end_tok;
            continue;
        }
        // "Paris, Texas": a comma then a country or region (not "Kai, the regional party").
        let qualified_next = toks.get(end_tok).is_some_and(|c| c.is_punct(src, ','))
            && toks.get(end_tok + 1).is_some_and(|q| {
                q.is_capitalized(src)
                    && (q.text(src).len() <= 5
                        && q.text(src)
                            .chars()
                            .filter(|c| c.is_ascii_uppercase())
                            .count()
                            == 2
                        || !qualifier_pairs(g, &name_key_small(q.text(src))).is_empty())
            });
        // Commodity and brand names that are also towns ("Brent crude").
        if !venue && n == 1 && matches!(key.as_str(), "brent" | "urals") && !locative {
            i = end_tok;
            continue;
        }
        // "the Rafah crossing", "the Savannah area": a geographic noun after the name.
        let geographic_next = matches!(
            w.n(end_tok),
            "crossing"
                | "border"
                | "area"
                | "region"
                | "province"
                | "district"
                | "governorate"
                | "camp"
                | "airport"
                | "port"
                | "city"
                | "town"
                | "village"
                | "suburb"
                | "outskirts"
                | "countryside"
                | "valley"
                | "front"
                | "frontline"
                | "offensive"
                | "county"
        );
        if !venue && cities_only && small && !locative && !qualified_next && !geographic_next {
            i = end_tok;
            continue;
        }
        // "U.S. forces", "Syrian-led": a country used as an adjective is not a location.
        // "from Russia's Rosatom", "Ukraine's Zelensky": a possessive before a name is whose,
        // not where (before a common noun it stays a place: "Russia's capital").
        let owner = w.n(end_tok - 1).ends_with("'s") && w.is_word(end_tok) && w.is_cap(end_tok);
        let adjectival = w.has(end_tok, class::ADJECTIVAL_NEXT)
            || toks.get(end_tok).is_some_and(|nt| nt.is_punct(src, '-'))
            || owner;
        let locative = locative && !adjectival;
        // Common English words that are also towns ("Split", "Nice") count only after a
        // locative word and never at the start of a sentence.
        if !venue && n == 1 && g.is_ambiguous_word(&key) && (i == 0 || !locative) {
            i += 1;
            continue;
        }
        let mut end = toks[end_tok - 1].end;
        let mut tok_end = end_tok;
        let mut qualifier = Vec::new();
        // "Paris, Texas", "Antalya, Turkey", "Washington, D.C."
        if toks.get(end_tok).is_some_and(|c| c.is_punct(src, ','))
            && let Some(q) = toks.get(end_tok + 1)
            && q.is_capitalized(src)
        {
            let qtext = q.text(src);
            let qkey = name_key(qtext);
            let letters: String = qtext.chars().filter(|c| c.is_ascii_uppercase()).collect();
            if letters.len() == 2 && qtext.len() <= 5 {
                // A US state code ("TX", "D.C.") or a country code ("UK").
                qualifier.push(("US".to_owned(), letters.clone()));
                let country = if letters == "UK" {
                    "GB".to_owned()
                } else {
                    letters.clone()
                };
                if g.country(&country).is_some() {
                    qualifier.push((country, String::new()));
                }
                tok_end = end_tok + 2;
                end = toks[tok_end - 1].end;
            } else {
                // A multi-word qualifier ("New Mexico") is rare; take one or two tokens.
                let two = toks
                    .get(end_tok + 2)
                    .filter(|t2| t2.is_capitalized(src))
                    .map(|t2| format!("{qkey} {}", name_key(t2.text(src))));
                let (qk, qn) = match two {
                    Some(k2) if !g.lookup(&k2).is_empty() => (k2, 2),
                    _ => (qkey, 1),
                };
                qualifier = qualifier_pairs(g, &qk);
                if !qualifier.is_empty() {
                    tok_end = end_tok + 1 + qn;
                    end = toks[tok_end - 1].end;
                }
            }
            // "Damascus, Washington, and Jerusalem" is a list, not "Damascus in Washington".
            let fits = venue
                || g.lookup(&key)
                    .iter()
                    .any(|&c| matches_qualifier(g.entry(c), &qualifier));
            if !fits {
                qualifier.clear();
                tok_end = end_tok;
                end = toks[end_tok - 1].end;
            }
        }
        let next = w.n(tok_end);
        let region_hint = (prev == "of" && prev2 == "state")
            || matches!(next, "state" | "province" | "governorate" | "region");
        let candidates = if venue {
            g.venue(&key)
                .map(|e| {
                    g.lookup(&name_key_small(e.name))
                        .iter()
                        .copied()
                        .filter(|&c| g.entry(c) == e)
                        .collect()
                })
                .unwrap_or_default()
        } else {
            g.lookup(&key).to_vec()
        };
        places.push(PlaceMention {
            tok_start: i,
            tok_end,
            start: t.start,
            end,
            candidates,
            venue,
            locative,
            qualifier,
            region_hint,
            small: false,
        });
        i = tok_end;
    }
    (places, demonyms)
}

/// The (country, admin1) pairs a qualifier name can mean: a country, or any region of that
/// name ("Punjab" is in India and in Pakistan).
fn qualifier_pairs(g: &Gazetteer, key: &str) -> Vec<(String, String)> {
    g.lookup(key)
        .iter()
        .map(|&q| g.entry(q))
        .filter_map(|e| match e.kind {
            PlaceKind::Country => Some((e.country.to_owned(), String::new())),
            PlaceKind::Region => Some((e.country.to_owned(), e.admin1.to_owned())),
            PlaceKind::City => None,
        })
        .collect()
}

fn matches_qualifier(e: &super::gazetteer::Entry, qualifier: &[(String, String)]) -> bool {
    qualifier.iter().any(|(country, admin1)| {
        e.country == *country && (admin1.is_empty() || e.admin1 == *admin1)
    })
}

/// A small town at token `i` ("off Lampedusa", "in Tenterfield"): only after a locative word
/// or before a geographic noun, never a name the main gazetteer knows. Longest match first.
fn small_place_at(
    w: &Words,
    i: usize,
    g: &Gazetteer,
    is_excluded: &dyn Fn(usize) -> bool,
) -> Option<PlaceMention> {
    let prev = i.checked_sub(1).map_or("", |p| w.n(p));
    let prev2 = i.checked_sub(2).map_or("", |p| w.n(p));
    let locative = (i > 0 && w.has(i - 1, class::LOCATIVE))
        || matches!(prev, "off" | "near" | "outside" | "on")
        || (prev == "the" && i > 1 && w.has(i - 2, class::LOCATIVE))
        // "the Italian island of Lampedusa", "the town of Drake"
        || (prev == "of"
            && matches!(prev2, "island" | "islands" | "town" | "village" | "city" | "port" | "coast" | "outskirts" | "district" | "province" | "region" | "county" | "shire" | "municipality"));
    // The small table is parsed on first use: ask it only when the context allows a town.
    let geographic_after = (i + 1..(i + 4).min(w.len() + 1)).any(|k| is_geographic_noun(w.n(k)));
    if !(locative || geographic_after) {
        return None;
    }
    let small = g.small();
    let max = small.max_tokens.min(w.len() - i);
    let mut key = String::new();
    let mut best = None;
    for n in 1..=max {
        let k = i + n - 1;
        if !w.is_word(k) || !w.is_cap(k) || is_excluded(k) {
            break;
        }
        if n > 1 {
            key.push(' ');
        }
        key.push_str(&w.key(k));
        let ids = small.lookup(&key);
        if !ids.is_empty() {
            best = Some((n, ids.to_vec()));
        }
    }
    let (n, candidates) = best?;
    let geographic_next = is_geographic_noun(w.n(i + n));
    if !(locative || geographic_next) || w.has(i + n, class::NAME_CONTINUATION) {
        return None;
    }
    Some(PlaceMention {
        tok_start: i,
        tok_end: i + n,
        start: w.toks[i].start,
        end: w.toks[i + n - 1].end,
        candidates,
        venue: false,
        locative: true,
        qualifier: Vec::new(),
        region_hint: false,
        small: true,
    })
}

/// Pick one gazetteer entry per mention. `context` counts, per country code, how often the
/// article names that country (as a place, a demonym or an unambiguous city).
pub fn disambiguate(
    g: &Gazetteer,
    m: &PlaceMention,
    context: &HashMap<String, usize>,
) -> Option<u32> {
    if m.small {
        // A town of a few thousand people counts only in a country the article is about.
        return m
            .candidates
            .iter()
            .copied()
            .filter(|&c| context.get(g.entry(c).country).is_some_and(|&n| n > 0))
            .max_by_key(|&c| {
                let e = g.entry(c);
                let region = context
                    .get(&format!("{}-{}", e.country, e.admin1))
                    .copied()
                    .unwrap_or(0);
                (region, e.population)
            });
    }
    if m.candidates.len() == 1 {
        return m.candidates.first().copied();
    }
    m.candidates
        .iter()
        .copied()
        .map(|c| {
            let e = g.entry(c);
            let mut score = ((e.population + 1) as f64).ln();
            if e.kind == PlaceKind::Country {
                score += 5.0;
            }
            // "Washington" alone is the city, not the state; "Ontario" the province, not the
            // Californian town: a region loses to a same-named city of its own that holds a
            // good share of its people.
            if e.kind == PlaceKind::Region && !e.admin1.is_empty() {
                let big_city = m.candidates.iter().map(|&c| g.entry(c)).any(|c| {
                    c.kind == PlaceKind::City
                        && c.country == e.country
                        && c.population * 10 >= e.population
                });
                if m.region_hint {
                    score += 10.0;
                } else if big_city {
                    score -= 6.0;
                }
            }
            if !m.qualifier.is_empty() {
                score += if matches_qualifier(e, &m.qualifier) {
                    100.0
                } else {
                    -20.0
                };
            }
            // The article's countries tip the balance between comparable candidates; they do
            // not turn Paris into Paris, Texas because the article mentions the United States.
            if let Some(&n) = context.get(e.country) {
                score += 1.0 + 0.5 * (n.min(4) as f64);
            }
            if !e.admin1.is_empty()
                && let Some(&n) = context.get(&format!("{}-{}", e.country, e.admin1))
            {
                score += 4.0 + (n.min(3) as f64);
            }
            (c, score)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c)
}

/// The place for a mention after disambiguation.
pub fn place_of(
    g: &Gazetteer,
    src: &str,
    m: &PlaceMention,
    context: &HashMap<String, usize>,
) -> Option<Place> {
    let c = disambiguate(g, m, context)?;
    Some(g.entry(c).to_place(&src[m.start..m.end]))
}

/// [`place_of`], as events carry it.
pub fn event_place_of(
    g: &Gazetteer,
    src: &str,
    m: &PlaceMention,
    context: &HashMap<String, usize>,
) -> Option<crate::model::EventPlace> {
    let c = disambiguate(g, m, context)?;
    Some(g.entry(c).to_event_place(&src[m.start..m.end]))
}

/// A dateline at the start of one of the first paragraphs: "ERBIL (Kurdistan24) —",
/// "WASHINGTON —", "DAMASCUS, Syria (AP) -". Returns the place and the byte range of the name.
pub fn dateline(
    text: &str,
    paragraphs: &[(usize, usize)],
    g: &Gazetteer,
) -> Option<(Place, usize, usize)> {
    for &(start, end) in paragraphs.iter().take(4) {
        let para = &text[start..end];
        let head: String = para.chars().take(80).collect();
        let Some(dash) = head.find(['—', '–']).or_else(|| head.find(" - ")) else {
            continue;
        };
        let before = &head[..dash];
        // The name is the leading run of upper-case words.
        let name_end = before
            .char_indices()
            .find(|&(_, c)| !(c.is_uppercase() || c == ' ' || c == '.' || c == '-' || c == '\''))
            .map_or(before.len(), |(i, _)| i);
        let name = before[..name_end].trim();
        if name.len() < 3 || !name.chars().any(char::is_alphabetic) {
            continue;
        }
        let key = name_key_small(name);
        let ids = g.lookup(&key);
        if ids.is_empty() {
            continue;
        }
        // "DAMASCUS, Syria": the qualifier after the comma.
        let rest = before[name_end..].trim_start_matches([',', ' ']);
        let qual_word: String = rest
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == ' ')
            .collect();
        let qualifier = qualifier_pairs(g, &name_key(qual_word.trim()));
        let m = PlaceMention {
            tok_start: 0,
            tok_end: 0,
            start,
            end: start + name.len(),
            candidates: ids.to_vec(),
            venue: false,
            locative: true,
            qualifier,
            region_hint: false,
            small: false,
        };
        let place = place_of(g, text, &m, &HashMap::default())?;
        return Some((place, start, start + name.len()));
    }
    None
}

/// A noun that makes the capitalised word before it a place ("the Sweida area", "Rafah
/// crossing"), so a small town may be matched there.
fn is_geographic_noun(word: &str) -> bool {
    matches!(
        word,
        "area"
            | "region"
            | "district"
            | "showgrounds"
            | "border"
            | "crossing"
            | "town"
            | "village"
            | "camp"
            | "port"
            | "island"
            | "shire"
            | "county"
            | "municipality"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::gazetteer::gazetteer;

    fn places(sentence: &str) -> Vec<(String, String, bool)> {
        let g = gazetteer();
        let w = Words::new(sentence, 0, sentence.len());
        let (mentions, _) = find_places(&w, g, &[]);
        let mut context = HashMap::default();
        for m in &mentions {
            if m.candidates.len() == 1 {
                *context
                    .entry(g.entry(m.candidates[0]).country.to_owned())
                    .or_insert(0) += 1;
            }
        }
        mentions
            .iter()
            .filter_map(|m| {
                place_of(g, sentence, m, &context).map(|p| (p.name, p.country, m.locative))
            })
            .collect()
    }

    #[test]
    fn washington_is_the_capital_unless_the_state_is_meant() {
        assert_eq!(
            places("Sharaa will visit Washington next week."),
            vec![("Washington".into(), "US".into(), true)]
        );
        let p = places("Sharaa will visit Washington, D.C., next week.");
        assert_eq!(p[0].0, "Washington");
        assert_eq!(p[0].1, "US");
        let state = places("Wildfires spread in the state of Washington.");
        assert_eq!(
            gazetteer()
                .entries
                .iter()
                .find(|e| e.name == state[0].0 && e.kind == PlaceKind::Region)
                .map(|e| e.admin1),
            Some("WA")
        );
    }

    #[test]
    fn paris_is_in_france_unless_texas_is_near() {
        assert_eq!(
            places("Talks were held in Paris."),
            vec![("Paris".into(), "FR".into(), true)]
        );
        let tx = places("A storm hit Paris, Texas, on Monday.");
        assert_eq!(tx[0].1, "US", "{tx:?}");
        assert!(places("Talks under the Paris Agreement resumed.").is_empty());
    }

    #[test]
    fn qualifiers_pick_the_right_region_and_provinces_beat_small_towns() {
        let p = places("Protests spread from Lahore, Punjab, on Friday.");
        assert_eq!(
            (p[0].0.as_str(), p[0].1.as_str()),
            ("Lahore", "PK"),
            "{p:?}"
        );
        let p = places("Wildfires burned across Ontario.");
        let e = gazetteer()
            .entries
            .iter()
            .find(|e| e.name == p[0].0 && e.country == p[0].1)
            .unwrap();
        assert_eq!((e.country, e.kind), ("CA", PlaceKind::Region), "{p:?}");
        // …while a capital still beats the state of the same name.
        assert_eq!(places("He flew to Washington.")[0].1, "US");
    }

    #[test]
    fn venues_resolve_to_their_city() {
        let p = places("Sharaa is scheduled to visit the White House.");
        assert_eq!(p[0].0, "Washington");
        let p = places("The Kremlin denied the report.");
        assert_eq!(p[0].0, "Moscow");
    }

    #[test]
    fn demonyms_are_not_places() {
        let g = gazetteer();
        let s =
            "Syrian Foreign Minister Asaad al-Shaibani met Israeli officials in Antalya, Turkey.";
        let w = Words::new(s, 0, s.len());
        let (mentions, demonyms) = find_places(&w, g, &[]);
        assert_eq!(
            demonyms
                .iter()
                .map(|d| d.country.as_str())
                .collect::<Vec<_>>(),
            vec!["SY", "IL"]
        );
        assert_eq!(mentions.len(), 1);
        assert_eq!(&s[mentions[0].start..mentions[0].end], "Antalya, Turkey");
    }

    #[test]
    fn datelines() {
        let g = gazetteer();
        let text = "Headline here\nERBIL (Kurdistan24) — A senior envoy spoke.";
        let paras = crate::extract::sentences::paragraphs(text);
        let (place, _, _) = dateline(text, &paras, g).unwrap();
        assert_eq!(place.name, "Erbil");
        let text = "WASHINGTON — The president said.";
        let paras = crate::extract::sentences::paragraphs(text);
        assert_eq!(dateline(text, &paras, g).unwrap().0.name, "Washington");
        let text = "No dateline — just a dash in the first sentence.";
        let paras = crate::extract::sentences::paragraphs(text);
        assert!(dateline(text, &paras, g).is_none());
    }
}

#[cfg(test)]
mod small_tests {
    use super::*;
    use crate::extract::gazetteer::gazetteer;

    #[test]
    fn small_towns_count_in_the_article_countries_only() {
        let g = gazetteer();
        assert!(!g.small().lookup("lampedusa").is_empty());
        let s = "The boat capsized off the Italian island of Lampedusa on Thursday.";
        let w = Words::new(s, 0, s.len());
        let (mentions, demonyms) = find_places(&w, g, &[]);
        assert_eq!(demonyms.len(), 1);
        let m = mentions
            .iter()
            .find(|m| m.small)
            .expect("small-town mention");
        let mut context = HashMap::default();
        assert_eq!(
            place_of(g, s, m, &context),
            None,
            "no Italian context: dropped"
        );
        context.insert("IT".to_owned(), 1);
        assert_eq!(
            place_of(g, s, m, &context).map(|p| p.name),
            Some("Lampedusa".to_owned())
        );
    }
}
