//! Actors: people, organisations and countries.
//!
//! A capitalised run of words ("U.S. Special Envoy to Syria Tom Barrack") is split into a title
//! part and a name part from the right. The run is a person when the evidence says so: a title
//! word, a role noun before it ("dictator Bashar Assad", "leader, Abu Bakr al-Baghdadi"), a
//! speech verb after it ("Barrack said"), or an Arabic name particle. A run ending in an
//! organisation word ("Syrian Democratic Forces") or a known alias ("ISIS") is an organisation,
//! and "Phrase (ACRONYM)" defines a new one. Short mentions ("Sharaa", "al-Sharaa") are merged
//! with the full name by surname, within the article and then across the corpus.

use rustc_hash::FxHashMap as HashMap;

use super::gazetteer::{Gazetteer, name_key_small};
use super::lexicon::{KNOWN_ORGS, class, classes};
use super::text::{SmallKey, Token, Words, strip_possessive};
use crate::model::PlaceKind;

/// What a capitalised run turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum RunKind {
    /// A person's name (as written, possessive stripped) with the title before it.
    Person {
        name: String,
        title: Vec<String>,
        affiliation: Option<String>,
        strong: bool,
        /// Which of the article's people this is, once they are known (set after
        /// [`People`] is collected, so later passes do not look the name up again).
        person: Option<usize>,
    },
    /// A title with no name ("U.S. Envoy", "the Syrian Foreign Minister").
    Role {
        title: Vec<String>,
        plural: bool,
    },
    Org {
        name: String,
    },
}

/// An actor-like run in a sentence, with token and byte ranges. For people, the range covers
/// the name only.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorRun {
    /// First token of the whole run, title included.
    pub run_start: usize,
    pub tok_start: usize,
    pub tok_end: usize,
    pub start: usize,
    pub end: usize,
    pub kind: RunKind,
}

/// Surname key for merging mentions: last name token, possessive and "al-"/"el-" stripped,
/// apostrophes and hyphens dropped ("al-Sharaa’s" → "sharaa", "Sa’ar" → "saar").
pub fn person_key(name: &str) -> String {
    person_key_small(name).as_str().to_owned()
}

/// [`person_key`] without allocating, for lookups.
fn person_key_small(name: &str) -> SmallKey {
    if name.is_ascii() {
        // The same steps on bytes: names are mostly ASCII and this runs for every name seen.
        let b = name.as_bytes();
        let start = b
            .iter()
            .rposition(|c| matches!(c, b' ' | b'\t'..=b'\r'))
            .map_or(0, |i| i + 1);
        let mut last = &b[start..];
        if last.ends_with(b"'s") || last.ends_with(b"'S") {
            last = &last[..last.len() - 2];
        }
        while let [rest @ .., b'\'' | b'`'] = last {
            last = rest;
        }
        if last.len() >= 3
            && [b"al-", b"el-", b"al'", b"el'"]
                .iter()
                .any(|p| last[..3].eq_ignore_ascii_case(*p))
        {
            last = &last[3..];
        }
        return SmallKey::ascii_alnum_lower(last);
    }
    let last = name.rsplit(char::is_whitespace).next().unwrap_or(name);
    let last = strip_possessive(last);
    // "al-Sharaa", "El-Sisi", "al’Assad": the article particle is not part of the key.
    let bare = ["al-", "el-", "al'", "el'", "al’", "el’"]
        .iter()
        .find_map(|p| {
            last.get(..p.len())
                .filter(|h| h.eq_ignore_ascii_case(p))
                .map(|_| &last[p.len()..])
        })
        .unwrap_or(last);
    let mut key = SmallKey::default();
    for c in bare.chars().filter(|c| c.is_alphanumeric()) {
        if c.is_ascii() {
            key.push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(|l| key.push(l));
        }
    }
    key
}

/// A title word that can head a title on its own ("minister", not "foreign").
fn is_title_head(lower: &str) -> bool {
    classes(lower) & class::TITLE_HEAD != 0
}

static KNOWN_ORG_INDEX: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, &'static str>> =
    std::sync::LazyLock::new(|| KNOWN_ORGS.iter().copied().collect());

pub fn known_org(key: &str) -> Option<&'static str> {
    KNOWN_ORG_INDEX.get(key).copied()
}

/// The run scanner's view of a sentence: the shared [`Words`] plus a few readers.
struct View<'w, 'a> {
    w: &'w Words<'a>,
    src: &'a str,
    toks: &'w [Token],
}

impl View<'_, '_> {
    fn cap(&self, i: usize) -> bool {
        self.w.is_cap(i)
    }
    fn n(&self, i: usize) -> &str {
        self.w.n(i)
    }
    fn punct(&self, i: usize, c: char) -> bool {
        self.w.is_punct(i, c)
    }
    fn text(&self, i: usize) -> &str {
        self.w.raw(i)
    }
    fn has(&self, i: usize, c: u32) -> bool {
        self.w.has(i, c)
    }
    fn key(&self, i: usize) -> super::text::Key<'_> {
        self.w.key(i)
    }
    /// An initial ("J") followed by its dot.
    fn initial(&self, i: usize) -> bool {
        self.punct(i + 1, '.') && {
            let mut chars = self.text(i).chars();
            chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
        }
    }
    /// A title abbreviation followed by its dot ("Gen", "Maj", "Dr").
    fn title_abbrev(&self, i: usize) -> bool {
        self.punct(i + 1, '.')
            && matches!(
                self.n(i),
                "gen"
                    | "maj"
                    | "lt"
                    | "col"
                    | "dr"
                    | "mr"
                    | "mrs"
                    | "ms"
                    | "sen"
                    | "rep"
                    | "gov"
                    | "capt"
                    | "sgt"
                    | "adm"
                    | "brig"
                    | "prof"
                    | "st"
            )
    }
}

/// Whether a sentence is set in title case (a headline), where capitals say nothing about names.
pub fn is_headline(src: &str, toks: &[Token]) -> bool {
    let last = toks.last().map_or("", |t| t.text(src));
    if matches!(last, "." | "!" | "?" | ":") {
        return false;
    }
    let (mut words, mut capitalized) = (0usize, 0usize);
    for t in toks.iter().filter(|t| t.is_word() && t.end - t.start > 3) {
        words += 1;
        capitalized += usize::from(t.is_capitalized(src));
    }
    words >= 4 && capitalized * 10 >= words * 8
}

/// Scan one sentence for actor runs. `g` tells place names apart from person names.
pub fn scan_sentence(w: &Words, g: &Gazetteer, headline: bool) -> Vec<ActorRun> {
    let (src, toks) = (w.src, w.toks.as_slice());
    let v = View { w, src, toks };
    if headline {
        return scan_headline(&v);
    }
    let mut out = Vec::new();
    let mut members: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let starts_run = (v.cap(i) || v.has(i, class::PARTICLE) && v.cap(i + 1))
            && (!v.has(i, class::NOT_NAME) || v.has(i, class::TITLE));
        if !starts_run {
            i += 1;
            continue;
        }
        // Collect the run: capitalised words, particles, initials, title abbreviations and
        // the small words that join title parts ("Secretary of State", "Envoy to Syria").
        let start = i;
        members.clear();
        let mut j = i;
        while j < toks.len() {
            let tok = &toks[j];
            let lower = v.n(j);
            if v.initial(j) || v.title_abbrev(j) {
                members.push(j);
                j += 2;
                continue;
            }
            // "U.S. Envoy Hails …": a speech verb ends the run even when capitalised.
            if j > start && v.has(j, class::SPEECH) {
                break;
            }
            if tok.is_word()
                && (v.cap(j)
                    || v.has(j, class::PARTICLE) && v.cap(j + 1)
                    || v.has(j, class::PARTICLE) && j > start && lower.contains('-'))
            {
                members.push(j);
                let possessive = strip_possessive(lower).len() != lower.len();
                let title = v.has(j, class::TITLE);
                j += 1;
                if possessive && !title {
                    break;
                }
                continue;
            }
            // Joiners inside titles, only after a title word and before a capitalised word.
            let after_title = members.last().is_some_and(|&m| v.has(m, class::TITLE));
            // …and inside organisation names ("Organization for Migration", "Bank of England").
            let after_org = members.last().is_some_and(|&m| v.has(m, class::ORG_HEAD));
            if matches!(lower, "of" | "for" | "to" | "the") && after_title
                || matches!(lower, "of" | "for") && after_org
            {
                let mut k = j + 1;
                if v.n(k) == "the" {
                    k += 1;
                }
                if v.cap(k) {
                    j = k;
                    continue;
                }
            }
            break;
        }
        if members.is_empty() {
            i += 1;
            continue;
        }
        let end = j;
        if let Some(run) = classify(&v, g, start, end, &members) {
            out.push(run);
        }
        i = end.max(i + 1);
    }
    out
}

/// In a headline only titles ("U.S. Envoy"), known organisations and single words that may
/// be short mentions of people named in the body are reported.
fn scan_headline(v: &View<'_, '_>) -> Vec<ActorRun> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < v.toks.len() {
        let lower = v.n(i);
        if let Some(name) = known_org(strip_possessive(lower)) {
            out.push(ActorRun {
                run_start: i,
                tok_start: i,
                tok_end: i + 1,
                start: v.toks[i].start,
                end: v.toks[i].end,
                kind: RunKind::Org {
                    name: name.to_owned(),
                },
            });
            i += 1;
            continue;
        }
        if v.has(i, class::TITLE) && lower != "new" && lower != "first" {
            let start = i;
            while i < v.toks.len() && (v.has(i, class::TITLE) || v.punct(i, '.') && i > start) {
                i += 1;
            }
            if !(start..i).any(|k| v.has(k, class::TITLE_HEAD)) {
                continue;
            }
            let title: Vec<String> = (start..i)
                .map(|k| strip_possessive(v.n(k)).to_owned())
                .filter(|t| t != ".")
                .collect();
            let plural = title
                .last()
                .is_some_and(|t| t.ends_with('s') && !t.ends_with("ss"));
            out.push(ActorRun {
                run_start: start,
                tok_start: start,
                tok_end: i,
                start: v.toks[start].start,
                end: v.toks[i - 1].end,
                kind: RunKind::Role { title, plural },
            });
            continue;
        }
        if v.cap(i) && !v.has(i, class::NOT_NAME) {
            let name = strip_possessive(v.text(i)).to_owned();
            out.push(ActorRun {
                run_start: i,
                tok_start: i,
                tok_end: i + 1,
                start: v.toks[i].start,
                end: v.toks[i].start + name.len(),
                kind: RunKind::Person {
                    name,
                    title: Vec::new(),
                    affiliation: None,
                    strong: false,
                    person: None,
                },
            });
        }
        i += 1;
    }
    out
}

/// Whether a name is a country, region, venue or city of more than 200,000 people.
pub fn is_major_place(g: &Gazetteer, name: &str) -> bool {
    let key = name_key_small(name);
    g.venue(&key).is_some()
        || g.lookup(&key).iter().any(|&e| {
            let e = g.entry(e);
            e.kind != PlaceKind::City || e.population > 200_000
        })
}

fn classify(
    v: &View<'_, '_>,
    g: &Gazetteer,
    start: usize,
    end: usize,
    members: &[usize],
) -> Option<ActorRun> {
    let last = *members.last()?;
    let byte = |a: usize, b: usize| (v.toks[a].start, v.toks[b].end);

    // A known organisation alias anywhere at the end of the run ("the U.S.-led ISIS", "HTS").
    // Aliases have at most four words: only the run's last four suffixes can match.
    let mut key = SmallKey::default();
    for (k, &m) in members
        .iter()
        .enumerate()
        .skip(members.len().saturating_sub(4))
    {
        key.clear();
        for (j, &x) in members[k..].iter().enumerate() {
            if j > 0 {
                key.push(' ');
            }
            key.push_str(strip_possessive(v.n(x)));
        }
        if let Some(name) = known_org(&key) {
            let (s, e) = byte(m, last);
            return Some(ActorRun {
                run_start: m,
                tok_start: m,
                tok_end: last + 1,
                start: s,
                end: e,
                kind: RunKind::Org {
                    name: name.to_owned(),
                },
            });
        }
    }
    // An organisation by its last word ("Syrian Democratic Forces", "State Department").
    // The head word may also sit inside: "International Organization for Migration".
    let inner_head = members
        .iter()
        .any(|&m| v.has(m, class::ORG_HEAD) && matches!(v.n(m + 1), "of" | "for"));
    if (v.has(last, class::ORG_HEAD) || inner_head) && members.len() >= 2 {
        let first = members
            .iter()
            .position(|&m| !matches!(v.n(m), "the" | "a" | "an"))
            .unwrap_or(0);
        let (s, e) = byte(members[first], last);
        let name = strip_possessive(&v.src[s..e]).to_owned();
        return Some(ActorRun {
            run_start: members[first],
            tok_start: members[first],
            tok_end: last + 1,
            start: s,
            end: e,
            kind: RunKind::Org { name },
        });
    }

    // Split title | name from the right.
    let mut name_from = members.len();
    while name_from > 0 {
        let m = members[name_from - 1];
        let key = v.key(m);
        // A multi-word place ending here ("to the United States Yechiel Leiter").
        let multi_place = (2..=3).any(|w| {
            name_from >= w && {
                let first = members[name_from - w];
                g.starts_name(&v.key(first)) && {
                    let mut key = SmallKey::default();
                    for (n, &x) in members[name_from - w..name_from].iter().enumerate() {
                        if n > 0 {
                            key.push(' ');
                        }
                        key.push_str(&v.key(x));
                    }
                    g.lookup(&key).iter().any(|&e| {
                        g.entry(e).kind != PlaceKind::City || g.entry(e).population > 500_000
                    })
                }
            }
        });
        let stop = multi_place
            || v.has(m, class::TITLE)
            || g.demonym(&key).is_some()
            || v.has(m, class::ORG_HEAD)
            || known_org(&key).is_some()
            || v.has(m, class::NOT_NAME)
            || (name_from < members.len()
                && g.lookup(&key)
                    .iter()
                    .any(|&e| g.entry(e).kind != PlaceKind::City));
        if stop {
            break;
        }
        name_from -= 1;
    }
    // Drop leading particles-only names and trailing place names like "Syria" in
    // "Envoy to Syria" (no name at all).
    let name_members = &members[name_from..];
    let title_members = &members[..name_from];
    let title: Vec<String> = title_members
        .iter()
        .map(|&m| strip_possessive(v.n(m)).to_owned())
        .collect();
    let has_title = title.iter().any(|t| is_title_head(t));
    let affiliation = title_members.iter().find_map(|&m| {
        let key = v.key(m);
        g.demonym(&key).map(str::to_owned).or_else(|| {
            (matches!(key.as_ref(), "us" | "uk" | "un")).then(|| match key.as_ref() {
                "us" => "US".to_owned(),
                "uk" => "GB".to_owned(),
                _ => "UN".to_owned(),
            })
        })
    });

    if name_members.is_empty() {
        if has_title {
            let plural = title
                .last()
                .is_some_and(|t| t.ends_with('s') && !t.ends_with("ss"));
            let (s, e) = byte(start, last);
            return Some(ActorRun {
                run_start: start,
                tok_start: start,
                tok_end: end,
                start: s,
                end: e,
                kind: RunKind::Role { title, plural },
            });
        }
        return None;
    }
    if name_members.len() > 5 {
        return None;
    }
    let first_name = name_members[0];
    let (s, e) = byte(first_name, last);
    let raw_name = &v.src[s..e];
    let name = strip_possessive(raw_name).trim().to_owned();
    if name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    // A country, region or big city on its own is not a person; a small town's name may well
    // be a surname ("Rubio", "Machado").
    let is_place = is_major_place(g, &name);
    let prev = start.checked_sub(1).map_or("", |p| v.n(p));
    let role_before = (start > 0 && v.has(start - 1, class::ROLE_NOUN))
        || (prev == "," && start > 1 && v.has(start - 2, class::ROLE_NOUN))
        || prev == "named";
    let next = v.n(end);
    let speech_after = v.has(end, class::SPEECH)
        || (matches!(
            next,
            "also"
                | "has"
                | "had"
                | "then"
                | "later"
                | "previously"
                | "reportedly"
                | "recently"
                | "once"
        ) && v.has(end + 1, class::SPEECH));
    let speech_before = matches!(prev, "said" | "says" | "wrote" | "added" | "told" | "asked");
    let arabic = name_members.len() >= 2
        && name_members.iter().any(|&m| {
            v.has(m, class::PARTICLE)
                || matches!(v.n(m), "abu" | "abd" | "abdul" | "abdel" | "abdullah")
        });
    let strong = (has_title || role_before || arabic) && !is_place;
    let weak = (speech_after || speech_before) && !is_place;
    if !(strong || weak) {
        // Possibly a short mention of a person named elsewhere; the article pass decides.
        return Some(ActorRun {
            run_start: start,
            tok_start: first_name,
            tok_end: last + 1,
            start: s,
            end: s + name.len(),
            kind: RunKind::Person {
                name,
                title,
                affiliation,
                strong: false,
                person: None,
            },
        })
        .filter(|_| name_members.len() <= 2 && !is_place);
    }
    Some(ActorRun {
        run_start: start,
        tok_start: first_name,
        tok_end: last + 1,
        start: s,
        end: s + name.len(),
        kind: RunKind::Person {
            name,
            title,
            affiliation,
            strong: strong || (weak && name_members.len() >= 2),
            person: None,
        },
    })
}

/// A person known in an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Longest form seen ("Ahmed al-Sharaa").
    pub name: String,
    pub key: String,
    /// Title words seen with the name ("foreign", "minister").
    pub title: Vec<String>,
    pub affiliation: Option<String>,
    /// Byte offset of the first mention.
    pub first: usize,
}

/// The people of one article, merged by surname.
#[derive(Debug, Clone, Default)]
pub struct People {
    pub people: Vec<Person>,
    by_key: HashMap<String, usize>,
}

impl People {
    /// Register a confirmed person; returns its index.
    pub fn add(
        &mut self,
        name: &str,
        title: &[String],
        affiliation: Option<&str>,
        at: usize,
    ) -> usize {
        let key = person_key(name);
        if let Some(&i) = self.by_key.get(&key) {
            let p = &mut self.people[i];
            if name.split_whitespace().count() > p.name.split_whitespace().count() {
                p.name = name.to_owned();
            }
            for t in title {
                if !p.title.contains(t) {
                    p.title.push(t.clone());
                }
            }
            if p.affiliation.is_none() {
                p.affiliation = affiliation.map(str::to_owned);
            }
            p.first = p.first.min(at);
            return i;
        }
        self.by_key.insert(key.clone(), self.people.len());
        // "Lai Ching-te" is later "Lai": family name first, given name hyphenated.
        let tokens: Vec<&str> = name.split_whitespace().collect();
        if tokens.len() == 2
            && tokens[1].contains('-')
            && tokens[1]
                .split('-')
                .nth(1)
                .is_some_and(|p| p.chars().next().is_some_and(char::is_lowercase))
        {
            self.by_key
                .entry(person_key(tokens[0]))
                .or_insert(self.people.len());
        }
        self.people.push(Person {
            name: name.to_owned(),
            key,
            title: title.to_vec(),
            affiliation: affiliation.map(str::to_owned),
            first: at,
        });
        self.people.len() - 1
    }

    pub fn find(&self, name: &str) -> Option<usize> {
        self.by_key.get(person_key_small(name).as_str()).copied()
    }
}

/// Whether two first names are spelling variants ("Asaad"/"Assad", "Ahmad"/"Ahmed").
pub fn similar_given_names(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if a == b {
        return true;
    }
    if a.chars().next() != b.chars().next() {
        return false;
    }
    edit_distance(&a, &b) <= 2
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::gazetteer::gazetteer;

    fn runs(s: &str) -> Vec<(String, String)> {
        let w = Words::new(s, 0, s.len());
        scan_sentence(&w, gazetteer(), is_headline(s, &w.toks))
            .into_iter()
            .map(|r| match r.kind {
                RunKind::Person { name, strong, .. } => {
                    (if strong { "person" } else { "maybe" }.to_owned(), name)
                }
                RunKind::Role { title, .. } => ("role".to_owned(), title.join(" ")),
                RunKind::Org { name } => ("org".to_owned(), name),
            })
            .collect()
    }

    fn p(name: &str) -> (String, String) {
        ("person".to_owned(), name.to_owned())
    }

    #[test]
    fn titles_are_split_from_names() {
        assert_eq!(
            runs("U.S. Special Envoy to Syria Tom Barrack spoke."),
            vec![p("Tom Barrack")]
        );
        assert_eq!(
            runs("Syrian Foreign Minister Asaad al-Shaibani arrived."),
            vec![p("Asaad al-Shaibani")]
        );
        assert_eq!(
            runs("He met U.S. Secretary of State Marco Rubio."),
            vec![p("Marco Rubio")]
        );
        assert_eq!(
            runs("President Donald J. Trump’s decision"),
            vec![p("Donald J. Trump")]
        );
        assert_eq!(
            runs("Maj. Gen. Oded Basyuk of the IDF attended."),
            vec![
                p("Oded Basyuk"),
                ("org".into(), "Israel Defense Forces".into())
            ]
        );
        assert_eq!(
            runs(
                "Ambassador to the United States Yechiel Leiter and Acting Head of the National Security Council Gil Reich attended."
            ),
            vec![p("Yechiel Leiter"), p("Gil Reich")]
        );
        assert_eq!(
            runs("SDF Commander-in-Chief Mazloum Abdi noted"),
            vec![p("Mazloum Abdi")]
        );
    }

    #[test]
    fn evidence_without_titles() {
        assert_eq!(
            runs("its leader, Abu Bakr al-Baghdadi."),
            vec![p("Abu Bakr al-Baghdadi")]
        );
        assert_eq!(
            runs("overthrew dictator Bashar Assad last December"),
            vec![p("Bashar Assad")]
        );
        assert_eq!(
            runs("“It works,” Barrack said."),
            vec![("maybe".into(), "Barrack".into())]
        );
        assert_eq!(
            runs("“It works,” said Tom Barrack."),
            vec![p("Tom Barrack")]
        );
        // Places and countries are not people, even before a speech verb.
        assert!(runs("Washington said it would help.").is_empty());
    }

    #[test]
    fn organisations() {
        assert_eq!(
            runs("the Syrian Democratic Forces (SDF) agreed"),
            vec![
                ("org".into(), "Syrian Democratic Forces".into()),
                ("org".into(), "Syrian Democratic Forces".into())
            ]
        );
        assert_eq!(
            runs("join the coalition against ISIS."),
            vec![("org".into(), "ISIS".into())]
        );
        assert_eq!(
            runs("the Internal Security Forces"),
            vec![("org".into(), "Internal Security Forces".into())]
        );
    }

    #[test]
    fn roles_without_names() {
        let headline: Vec<_> = runs("U.S. Envoy Hails Israel-Syria Talks")
            .into_iter()
            .filter(|r| r.0 != "maybe")
            .collect();
        assert_eq!(headline, vec![("role".into(), "u.s. envoy".into())]);
        assert_eq!(runs("The U.S. envoy said so."), vec![]);
    }

    #[test]
    fn ascii_and_general_person_keys_agree() {
        for name in [
            "Ahmed al-Sharaa",
            "AL-SHARAA'S",
            "Sa'ar",
            "el'Assad",
            "O'Brien",
            "Brien'",
            "Tom  Barrack",
            "X",
            "al-",
            "",
            "Lai Ching-te",
        ] {
            let curly = name.replace('\'', "’");
            assert_eq!(person_key(name), person_key(&curly), "{name}");
        }
    }

    #[test]
    fn keys_merge_short_mentions() {
        assert_eq!(person_key("Ahmed al-Sharaa"), "sharaa");
        assert_eq!(person_key("al-Sharaa’s"), "sharaa");
        assert_eq!(person_key("Al-Mustafa"), "mustafa");
        assert_eq!(person_key("Gideon Sa’ar"), "saar");
        assert!(similar_given_names("Asaad", "Assad"));
        assert!(!similar_given_names("Bashar", "Asaad"));
    }
}
