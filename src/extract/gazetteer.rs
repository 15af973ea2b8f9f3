//! The offline gazetteer: GeoNames cities ≥ 15,000 inhabitants, countries, the first-level
//! regions of every country (states, provinces, governorates, oblasts), hand-placed regions
//! that news names (`assets/gazetteer.tsv`), venues that stand for a city (`assets/venues.tsv`),
//! demonyms (`assets/demonyms.tsv`), and city names that are also common English words
//! (`assets/ambiguous_names.txt`). All compiled into the binary and indexed once.

use hashbrown::HashTable;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::hash::BuildHasher;
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
    fn parse(tsv: &'static str, offset: u32) -> Self {
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
                name: cols[0],
                lat,
                lon,
                country: cols[4],
                admin1: cols[5],
                population: cols[6].parse().unwrap_or(0),
                kind: PlaceKind::City,
            });
            for name in std::iter::once(cols[0])
                .chain(cols[1].split('|'))
                .filter(|n| !n.is_empty())
            {
                let key = name_key(name);
                t.max_tokens = t.max_tokens.max(key.split(' ').count());
                t.by_name.insert(&key, idx);
            }
        }
        t.by_name.shrink();
        t.entries.shrink_to_fit();
        t
    }

    pub fn lookup(&self, key: &str) -> &[u32] {
        self.by_name.get(key)
    }
}

/// Name key → entry indices, compact: the two tables have some 256,000 names. The keys are
/// kept back to back in one string and the hash table holds 12-byte slots (offset, length,
/// entry index); a name with several entries points into `many` instead.
#[derive(Default)]
struct NameIndex {
    keys: String,
    table: HashTable<Slot>,
    many: Vec<Vec<u32>>,
}

#[derive(Clone, Copy)]
struct Slot {
    start: u32,
    len: u32,
    /// The entry index, or with [`MANY`] set the index of its list in `many`.
    id: u32,
}

/// Marks a [`Slot::id`] that indexes `many`. Entry indices stay far below it.
const MANY: u32 = 1 << 31;

fn key_hash(key: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(key)
}

impl Slot {
    fn key<'a>(&self, keys: &'a str) -> &'a str {
        keys.get(self.start as usize..(self.start + self.len) as usize)
            .unwrap_or_default()
    }
}

impl std::fmt::Debug for NameIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NameIndex")
            .field("names", &self.table.len())
            .finish()
    }
}

impl NameIndex {
    fn find(&self, key: &str) -> Option<&Slot> {
        let keys = self.keys.as_bytes();
        self.table.find(key_hash(key), |s| {
            keys.get(s.start as usize..(s.start + s.len) as usize) == Some(key.as_bytes())
        })
    }

    fn insert(&mut self, key: &str, id: u32) {
        debug_assert!(id < MANY);
        let hash = key_hash(key);
        let keys = &self.keys;
        match self.table.find_mut(hash, |s| s.key(keys) == key) {
            None => {
                let start = self.keys.len() as u32;
                self.keys.push_str(key);
                let slot = Slot {
                    start,
                    len: key.len() as u32,
                    id,
                };
                let keys = &self.keys;
                self.table
                    .insert_unique(hash, slot, |s| key_hash(s.key(keys)));
            }
            Some(slot) if slot.id & MANY != 0 => {
                let ids = &mut self.many[(slot.id & !MANY) as usize];
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            Some(slot) if slot.id != id => {
                self.many.push(vec![slot.id, id]);
                slot.id = MANY | (self.many.len() - 1) as u32;
            }
            Some(_) => {}
        }
    }

    /// Frees the spare capacity left by growing.
    fn shrink(&mut self) {
        self.keys.shrink_to_fit();
        self.many.shrink_to_fit();
        let keys = &self.keys;
        self.table.shrink_to_fit(|s| key_hash(s.key(keys)));
    }

    fn get(&self, key: &str) -> &[u32] {
        match self.find(key) {
            Some(s) if s.id & MANY != 0 => &self.many[(s.id & !MANY) as usize],
            Some(s) => std::slice::from_ref(&s.id),
            None => &[],
        }
    }

    fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_some()
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        self.table.iter().map(|s| s.key(&self.keys))
    }
}

/// One gazetteer row. Its names point into the tables compiled into the binary.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: &'static str,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2.
    pub country: &'static str,
    /// GeoNames admin1 code (US state code for US cities).
    pub admin1: &'static str,
    pub population: u64,
    pub kind: PlaceKind,
}

impl Entry {
    /// The place as events carry it (names shared, see [`crate::model::Name`]).
    pub fn to_event_place(&self, text: &str) -> crate::model::EventPlace {
        use crate::model::Name;
        crate::model::EventPlace {
            name: Name::new(self.name),
            lat: self.lat,
            lon: self.lon,
            country: Name::new(self.country),
            kind: self.kind,
            text: Name::new(text),
        }
    }

    pub fn to_place(&self, text: &str) -> Place {
        Place {
            name: self.name.to_owned(),
            lat: self.lat,
            lon: self.lon,
            country: self.country.to_owned(),
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
    first_words: NameIndex,
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
    pub fn parse(gazetteer: &'static str, venues: &str, demonyms: &str, ambiguous: &str) -> Self {
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
                name: cols[0],
                lat,
                lon,
                country: cols[4],
                admin1: cols[5],
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
                g.by_name.insert(&key, idx);
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
        for k in g.by_name.keys().chain(g.venues.keys().map(String::as_str)) {
            g.first_words.insert(k.split(' ').next().unwrap_or(k), 0);
        }
        g.by_name.shrink();
        g.first_words.shrink();
        g.entries.shrink_to_fit();
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
        self.first_words.contains_key(first_word_key)
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
        assert_eq!(g.venue("white house").map(|e| e.name), Some("Washington"));
        assert_eq!(g.venue("kremlin").map(|e| e.name), Some("Moscow"));
        assert_eq!(g.demonym("syrian"), Some("SY"));
        assert_eq!(g.country("SY").map(|e| e.name), Some("Syria"));
    }
}
