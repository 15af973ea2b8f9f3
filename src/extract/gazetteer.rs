//! The offline gazetteer: GeoNames cities ≥ 15,000 inhabitants, countries, the first-level
//! regions of every country (states, provinces, governorates, oblasts), hand-placed regions
//! that news names (`assets/gazetteer.tsv`), venues that stand for a city (`assets/venues.tsv`),
//! demonyms (`assets/demonyms.tsv`), and city names that are also common English words
//! (`assets/ambiguous_names.txt`). All compiled into the binary and indexed once.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use super::text::SmallKey;
use crate::model::{Place, PlaceKind};

const GAZETTEER_TSV: &str = include_str!("../../assets/gazetteer.tsv");
const VENUES_TSV: &str = include_str!("../../assets/venues.tsv");
const DEMONYMS_TSV: &str = include_str!("../../assets/demonyms.tsv");
const AMBIGUOUS_TXT: &str = include_str!("../../assets/ambiguous_names.txt");
const SMALL_PLACES_TSV: &str = include_str!("../../assets/small_places.tsv");

/// Towns of 1,000–15,000 people ("Tenterfield", "Lampedusa"), read on first use. Entry indices
/// continue after the main table's, so [`Gazetteer::entry`] serves both.
#[derive(Debug, Default)]
pub struct SmallPlaces {
    entries: Vec<Entry>,
    by_name: NameIndex,
    /// Longest name in tokens.
    pub max_tokens: usize,
}

impl SmallPlaces {
    fn parse(tsv: &str, offset: u32) -> Self {
        let mut t = SmallPlaces {
            max_tokens: 1,
            ..Default::default()
        };
        for line in tsv.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 7 {
                continue;
            }
            let (Ok(lat), Ok(lon)) = (cols[2].parse::<f64>(), cols[3].parse::<f64>()) else {
                continue;
            };
            let idx = offset + t.entries.len() as u32;
            t.entries.push(Entry {
                name: cols[0].to_owned(),
                lat,
                lon,
                country: cols[4].to_owned(),
                admin1: cols[5].to_owned(),
                population: cols[6].parse().unwrap_or(0),
                kind: PlaceKind::City,
            });
            for name in std::iter::once(cols[0])
                .chain(cols[1].split('|'))
                .filter(|n| !n.is_empty())
            {
                let key = name_key(name);
                t.max_tokens = t.max_tokens.max(key.split(' ').count());
                t.by_name.insert(key, idx);
            }
        }
        t
    }

    pub fn lookup(&self, key: &str) -> &[u32] {
        self.by_name.get(key)
    }
}

/// Name key → entry indices, compact for the common case of a name with one entry: the
/// small-towns table alone has some 150,000 names, and a vector each cost megabytes.
#[derive(Debug, Default)]
struct NameIndex {
    map: HashMap<Box<str>, Ids>,
}

#[derive(Debug)]
enum Ids {
    One(u32),
    Many(Vec<u32>),
}

impl NameIndex {
    fn insert(&mut self, key: String, id: u32) {
        match self.map.get_mut(key.as_str()) {
            None => {
                self.map.insert(key.into_boxed_str(), Ids::One(id));
            }
            Some(Ids::One(first)) if *first != id => {
                let first = *first;
                self.map
                    .insert(key.into_boxed_str(), Ids::Many(vec![first, id]));
            }
            Some(Ids::Many(ids)) if !ids.contains(&id) => ids.push(id),
            Some(_) => {}
        }
    }

    fn get(&self, key: &str) -> &[u32] {
        match self.map.get(key) {
            Some(Ids::One(id)) => std::slice::from_ref(id),
            Some(Ids::Many(ids)) => ids,
            None => &[],
        }
    }

    fn contains_key(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(|k| &**k)
    }
}

/// One gazetteer row.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// GeoNames admin1 code (US state code for US cities).
    pub admin1: String,
    pub population: u64,
    pub kind: PlaceKind,
}

impl Entry {
    pub fn to_place(&self, text: &str) -> Place {
        Place {
            name: self.name.clone(),
            lat: self.lat,
            lon: self.lon,
            country: self.country.clone(),
            kind: self.kind,
            text: text.to_owned(),
        }
    }
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Normalised name or alternate name → entry indices.
    by_name: NameIndex,
    /// Normalised venue phrase → entry index of its city.
    venues: HashMap<String, u32>,
    /// Normalised demonym ("syrian", "syrians") → ISO2.
    demonyms: HashMap<String, String>,
    /// ISO2 → the country's entry.
    countries: HashMap<String, u32>,
    /// Names that are also common English words ("split", "nice").
    ambiguous: HashSet<String>,
    /// First words of every name and venue, to reject most words with one lookup.
    first_words: rustc_hash::FxHashSet<String>,
    /// Longest name in tokens, to bound matching.
    pub max_tokens: usize,
}

/// The gazetteer, parsed on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: LazyLock<Gazetteer> =
        LazyLock::new(|| Gazetteer::parse(GAZETTEER_TSV, VENUES_TSV, DEMONYMS_TSV, AMBIGUOUS_TXT));
    &GAZETTEER
}

/// Lookup key for a name: lower case, apostrophes and hyphens folded, dots dropped, single
/// spaces ("Deir ez-Zor" → "deir ez zor", "D.C." → "dc").
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    name_key_chars(name, |c| out.push(c));
    out
}

/// [`name_key`] without allocating, for lookups.
pub fn name_key_small(name: &str) -> SmallKey {
    let mut out = SmallKey::default();
    name_key_chars(name, |c| out.push(c));
    out
}

/// The chars of [`name_key`], in order.
fn name_key_chars(name: &str, mut push: impl FnMut(char)) {
    // A separator is written only before the next kept char, never first or last.
    let mut space = false;
    let mut empty = true;
    let mut emit = |c: char, space: &mut bool| {
        if std::mem::take(space) {
            push(' ');
        }
        push(c);
    };
    for c in name.chars() {
        // ASCII first: most names are plain ASCII, and this runs for every capitalised word.
        if c.is_ascii() {
            match c {
                ' ' | '\t' | '\n' | '\r' | '-' => space = !empty,
                '.' | ',' => {}
                '`' => {
                    emit('\'', &mut space);
                    empty = false;
                }
                _ => {
                    emit(c.to_ascii_lowercase(), &mut space);
                    empty = false;
                }
            }
            continue;
        }
        if c.is_whitespace() || matches!(c, '‐' | '‑' | '–' | '—') {
            space = !empty;
        } else if matches!(c, '’' | '‘' | 'ʼ') {
            emit('\'', &mut space);
            empty = false;
        } else {
            for l in c.to_lowercase() {
                emit(l, &mut space);
                empty = false;
            }
        }
    }
}

impl Gazetteer {
    pub fn parse(gazetteer: &str, venues: &str, demonyms: &str, ambiguous: &str) -> Self {
        let mut g = Gazetteer {
            max_tokens: 1,
            ..Default::default()
        };
        for line in gazetteer.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 8 {
                continue;
            }
            let (Ok(lat), Ok(lon)) = (cols[2].parse::<f64>(), cols[3].parse::<f64>()) else {
                continue;
            };
            let kind = match cols[7].trim() {
                "city" => PlaceKind::City,
                "region" => PlaceKind::Region,
                "country" => PlaceKind::Country,
                _ => continue,
            };
            let idx = g.entries.len() as u32;
            g.entries.push(Entry {
                name: cols[0].to_owned(),
                lat,
                lon,
                country: cols[4].to_owned(),
                admin1: cols[5].to_owned(),
                population: cols[6].parse().unwrap_or(0),
                kind,
            });
            if kind == PlaceKind::Country {
                g.countries.entry(cols[4].to_owned()).or_insert(idx);
            }
            let names = std::iter::once(cols[0]).chain(cols[1].split('|'));
            for name in names.filter(|n| !n.trim().is_empty()) {
                let key = name_key(name);
                g.max_tokens = g.max_tokens.max(key.split(' ').count());
                g.by_name.insert(key, idx);
            }
        }
        for line in venues.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            let city = name_key(cols[1]);
            let found = Some(g.by_name.get(&city)).and_then(|ids| {
                ids.iter()
                    .copied()
                    .filter(|&i| g.entries[i as usize].country == cols[2])
                    // A venue stands for a city: Washington D.C., not Washington State.
                    .max_by_key(|&i| {
                        let e = &g.entries[i as usize];
                        (e.kind == PlaceKind::City, e.population)
                    })
            });
            if let Some(i) = found {
                let key = name_key(cols[0]);
                g.max_tokens = g.max_tokens.max(key.split(' ').count());
                g.venues.insert(key, i);
            }
        }
        for line in demonyms.lines().skip(1) {
            if let Some((demonym, code)) = line.split_once('\t') {
                g.demonyms.insert(name_key(demonym), code.trim().to_owned());
            }
        }
        g.first_words = g
            .by_name
            .keys()
            .chain(g.venues.keys().map(String::as_str))
            .map(|k| k.split(' ').next().unwrap_or(k).to_owned())
            .collect();
        g.ambiguous = ambiguous
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(name_key)
            .collect();
        g
    }

    pub fn lookup(&self, key: &str) -> &[u32] {
        self.by_name.get(key)
    }

    pub fn venue(&self, key: &str) -> Option<&Entry> {
        self.venues.get(key).map(|&i| &self.entries[i as usize])
    }

    /// The small-towns table, parsed on first use.
    pub fn small(&self) -> &SmallPlaces {
        static SMALL: LazyLock<SmallPlaces> = LazyLock::new(|| {
            SmallPlaces::parse(SMALL_PLACES_TSV, gazetteer().entries.len() as u32)
        });
        &SMALL
    }

    /// An entry of the main table or, past its end, of the small-towns table.
    pub fn entry(&self, i: u32) -> &Entry {
        if i as usize >= self.entries.len() {
            let small = self.small();
            return &small.entries[i as usize - self.entries.len()];
        }
        &self.entries[i as usize]
    }

    /// ISO2 of a demonym ("Syrian" → "SY").
    pub fn demonym(&self, key: &str) -> Option<&str> {
        self.demonyms.get(key).map(String::as_str)
    }

    /// The country entry for an ISO2 code.
    pub fn country(&self, code: &str) -> Option<&Entry> {
        self.countries.get(code).map(|&i| &self.entries[i as usize])
    }

    /// Whether some name or venue starts with this word.
    pub fn starts_name(&self, first_word_key: &str) -> bool {
        self.first_words.contains(first_word_key)
    }

    pub fn is_ambiguous_word(&self, key: &str) -> bool {
        self.ambiguous.contains(key)
    }

    /// Whether any name, venue or demonym starts with this key's first word (cheap pre-check).
    pub fn has_key(&self, key: &str) -> bool {
        self.by_name.contains_key(key) || self.venues.contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_punctuation() {
        assert_eq!(name_key("Deir ez-Zor"), "deir ez zor");
        assert_eq!(name_key("Washington, D.C."), "washington dc");
        assert_eq!(name_key("Sa’ar"), "sa'ar");
    }

    #[test]
    fn the_embedded_gazetteer_knows_the_seed_places() {
        let g = gazetteer();
        for (name, country) in [
            ("damascus", "SY"),
            ("washington", "US"),
            ("antalya", "TR"),
            ("paris", "FR"),
            ("manama", "BH"),
            ("riyadh", "SA"),
            ("new york city", "US"),
            ("golan heights", "SY"),
            ("erbil", "IQ"),
            ("syria", "SY"),
        ] {
            let ids = g.lookup(name);
            assert!(
                ids.iter().any(|&i| g.entry(i).country == country),
                "{name} not found in {country}: {:?}",
                ids.iter().map(|&i| g.entry(i)).collect::<Vec<_>>()
            );
        }
        assert_eq!(
            g.venue("white house").map(|e| e.name.as_str()),
            Some("Washington")
        );
        assert_eq!(g.venue("kremlin").map(|e| e.name.as_str()), Some("Moscow"));
        assert_eq!(g.demonym("syrian"), Some("SY"));
        assert_eq!(g.country("SY").map(|e| e.name.as_str()), Some("Syria"));
    }
}
