//! Person names merged across everything loaded ("Sharaa" → "Ahmed al-Sharaa"), kept up to
//! date batch by batch: counting a batch's names and deciding their fullest forms costs in
//! proportion to the batch, not to everything held.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use crate::extract::actors::{person_key, similar_given_names};
use crate::model::{ActorKind, Event, EventActor, Name, Quote};

/// Every person name seen so far, how often each full form was used, and the name each is
/// merged into.
#[derive(Clone, Debug, Default)]
pub struct PersonNames {
    /// Surname key → full (multi-word) form → mentions.
    forms: HashMap<String, BTreeMap<String, usize>>,
    /// Surname key → every person name seen with it, one word or more.
    names: HashMap<String, BTreeSet<String>>,
    /// Name → the fullest form it is merged into, where that differs from the name.
    renames: HashMap<String, String>,
}

/// A name whose merged form changed: what it was shown as before (the name itself when it
/// was not merged) and what it is shown as now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    pub name: String,
    pub was: String,
    pub now: String,
}

impl PersonNames {
    /// The name `name` is shown as.
    pub fn merged<'a>(&'a self, name: &'a str) -> &'a str {
        self.renames.get(name).map_or(name, String::as_str)
    }

    /// True when some name is merged into another.
    pub fn any_renames(&self) -> bool {
        !self.renames.is_empty()
    }

    /// Count the person actors of `events` and the capitalised speakers of `quotes`, and
    /// decide again the merged form of every name sharing a surname with one of them. Returns
    /// the names seen before whose merged form changed (a new name is shown nowhere yet).
    pub fn add(&mut self, events: &[Event], quotes: &[Quote]) -> Vec<Renamed> {
        // The batch's names, counted once each first: a batch repeats the same few names.
        let mut batch: HashMap<&str, usize> = HashMap::default();
        for e in events {
            for a in e.actors.iter().filter(|a| a.kind == ActorKind::Person) {
                *batch.entry(&a.name).or_default() += 1;
            }
        }
        for q in quotes {
            if let Some(s) = &q.speaker
                && s.chars().next().is_some_and(char::is_uppercase)
            {
                *batch.entry(s).or_default() += 1;
            }
        }
        let mut touched: BTreeSet<String> = BTreeSet::new();
        let mut fresh: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for (name, n) in batch {
            let key = person_key(name);
            if name.split_whitespace().nth(1).is_some() {
                let forms = self.forms.entry(key.clone()).or_default();
                match forms.get_mut(name) {
                    Some(count) => *count += n,
                    None => {
                        forms.insert(name.to_owned(), n);
                    }
                }
            }
            let names = self.names.entry(key.clone()).or_default();
            if !names.contains(name) {
                names.insert(name.to_owned());
                fresh.insert(name);
            }
            touched.insert(key);
        }
        let mut changed = Vec::new();
        for key in touched {
            let Some(names) = self.names.get(&key) else {
                continue;
            };
            let variants = self.forms.get(&key);
            for name in names {
                let now = variants
                    .and_then(|v| canonical(v, name))
                    .filter(|c| c != name);
                let was = self.renames.get(name);
                if now == was.map(String::as_str) {
                    continue;
                }
                if !fresh.contains(name.as_str()) {
                    changed.push(Renamed {
                        name: name.clone(),
                        was: was.cloned().unwrap_or_else(|| name.clone()),
                        now: now.unwrap_or(name).to_owned(),
                    });
                }
                match now {
                    Some(c) => {
                        self.renames.insert(name.clone(), c.to_owned());
                    }
                    None => {
                        self.renames.remove(name);
                    }
                }
            }
        }
        changed
    }

    /// `actors` with every person merged, and mentions that became one person once (the
    /// first kept). `None` when nothing changes.
    pub fn merge_actors(&self, actors: &[EventActor]) -> Option<Vec<EventActor>> {
        let renamed = |a: &EventActor| -> Option<&str> {
            (a.kind == ActorKind::Person)
                .then(|| self.renames.get(a.name.as_str()))
                .flatten()
                .map(String::as_str)
        };
        if !actors.iter().any(|a| renamed(a).is_some()) {
            return None;
        }
        let mut out: Vec<EventActor> = Vec::with_capacity(actors.len());
        for a in actors {
            let a = match renamed(a) {
                Some(c) => EventActor {
                    name: Name::new(c),
                    kind: a.kind,
                },
                None => a.clone(),
            };
            if !out.contains(&a) {
                out.push(a);
            }
        }
        Some(out)
    }
}

/// The form `name` is merged into among the full forms of its surname (`variants`, with their
/// mentions): the most used compatible one (then the longest, then the first in order). A
/// lone surname is only merged when the corpus knows one person by it.
fn canonical<'a>(variants: &'a BTreeMap<String, usize>, name: &str) -> Option<&'a str> {
    let given = name.split_whitespace().next().unwrap_or("");
    let single = name.split_whitespace().count() == 1;
    if single {
        let distinct_given: BTreeSet<String> = variants
            .keys()
            .map(|v| v.split_whitespace().next().unwrap_or("").to_lowercase())
            .collect();
        let groups = distinct_given
            .iter()
            .filter(|g| {
                !distinct_given
                    .iter()
                    .any(|h| h < *g && similar_given_names(g, h))
            })
            .count();
        if groups != 1 {
            return None;
        }
    }
    variants
        .iter()
        .filter(|(v, _)| {
            single || similar_given_names(v.split_whitespace().next().unwrap_or(""), given)
        })
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then(a.0.len().cmp(&b.0.len()))
                .then(b.0.cmp(a.0))
        })
        .map(|(v, _)| v.as_str())
}
