//! Event triggers and short summaries.

use std::sync::LazyLock;

use rustc_hash::FxHashMap as HashMap;

use super::lexicon::TRIGGERS;
use super::lexicon::class;
use super::text::{Token, Words, is_dash, is_double_quote};
use crate::model::EventKind;

/// A trigger word (or two-word phrase) found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trigger {
    pub tok: usize,
    pub len: usize,
    pub kind: EventKind,
    pub weight: u8,
}

static TRIGGER_INDEX: LazyLock<HashMap<&'static str, (EventKind, u8)>> =
    LazyLock::new(|| TRIGGERS.iter().map(|&(w, k, n)| (w, (k, n))).collect());

/// Triggers in a sentence.
pub fn find_triggers(w: &Words) -> Vec<Trigger> {
    let index = &*TRIGGER_INDEX;
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        if w.has(i, class::TRIGGER_PAIR) && i + 1 < w.len() {
            let mut pair = super::text::SmallKey::default();
            pair.push_str(w.n(i));
            pair.push(' ');
            pair.push_str(w.n(i + 1));
            if let Some(&(kind, weight)) = index.get(pair.as_str()) {
                out.push(Trigger {
                    tok: i,
                    len: 2,
                    kind,
                    weight,
                });
                i += 2;
                continue;
            }
        }
        let norm = w.n(i);
        // "U.S.-mediated": the part after the hyphen.
        let found = if w.has(i, class::TRIGGER) {
            index.get(norm)
        } else if norm.contains('-') {
            norm.rsplit('-').next().and_then(|part| index.get(part))
        } else {
            None
        };
        if let Some(&(kind, weight)) = found {
            out.push(Trigger {
                tok: i,
                len: 1,
                kind,
                weight,
            });
        }
        i += 1;
    }
    out
}

/// The trigger that best explains a date at tokens `lo..hi`: heavy and near, in the same
/// clause. `commas` are clause-ish breaks; `strong` are coordinations (", and", ";") that start
/// a new clause. English puts the verb before its date ("killed … in September"), so a
/// trigger before the date gets a small bonus.
pub fn best_trigger_for(
    triggers: &[Trigger],
    lo: usize,
    hi: usize,
    commas: &[usize],
    strong: &[usize],
) -> Option<Trigger> {
    triggers
        .iter()
        .copied()
        .map(|t| {
            let before = t.tok < lo;
            let (a, b) = if before {
                (t.tok + t.len, lo)
            } else {
                (hi, t.tok + 1)
            };
            let dist = b.saturating_sub(a) as i32;
            let crossings = commas.iter().filter(|&&c| c >= a && c < b).count() as i32;
            let coordinations = strong.iter().filter(|&&c| c >= a && c < b).count() as i32;
            let score = i32::from(t.weight) * 2 - dist - 8 * crossings - 12 * coordinations
                + if before { 6 } else { 0 };
            (t, score)
        })
        .max_by_key(|&(t, score)| (score, std::cmp::Reverse(t.tok)))
        .map(|(t, _)| t)
}

/// The strongest trigger of a sentence (first among equals).
pub fn strongest(triggers: &[Trigger]) -> Option<Trigger> {
    triggers
        .iter()
        .copied()
        .max_by_key(|t| (t.weight, std::cmp::Reverse(t.tok)))
}

const MAX_SUMMARY_WORDS: usize = 16;

/// A short summary: the whole sentence when it is short, else the clause around `anchor`.
pub fn summarize(src: &str, toks: &[Token], anchor: usize) -> String {
    if toks.is_empty() {
        return String::new();
    }
    let words = toks.iter().filter(|t| t.is_word()).count();
    let (lo, hi) = if words <= MAX_SUMMARY_WORDS {
        (0, toks.len())
    } else {
        clause_around(src, toks, anchor.min(toks.len() - 1))
    };
    let word_is = |k: usize, list: &[&str]| {
        list.iter()
            .any(|w| w.eq_ignore_ascii_case(toks[k].text(src)))
    };
    let mut lo = lo;
    while lo < hi
        && (toks[lo].kind == super::text::TokKind::Punct
            || word_is(lo, &["and", "but", "then", "also", "so"]))
    {
        lo += 1;
    }
    let mut hi = hi;
    while hi > lo
        && toks[hi - 1].kind == super::text::TokKind::Punct
        && !is_double_quote(src[toks[hi - 1].start..].chars().next().unwrap_or(' '))
    {
        hi -= 1;
    }
    if lo >= hi {
        return String::new();
    }
    // A clause that lost its subject gets it back: "two nations [that] have remained at war",
    // "The SDF, established in 2015".
    let mut subject = String::new();
    let starts_lowercase = toks[lo].is_word() && !toks[lo].is_capitalized(src);
    if lo > 0 && starts_lowercase {
        let before = lo - 1;
        if word_is(before, &["that", "who", "which"]) && before > 0 {
            if let Some(np) = noun_phrase_before(src, toks, before) {
                subject = src[toks[np].start..toks[before - 1].end].to_owned();
            }
        } else if toks[before].is_punct(src, ',')
            && (toks[lo].text(src).ends_with("ed") || toks[lo].text(src).ends_with("ing"))
            && before > 0
            && let Some(np) = noun_phrase_before(src, toks, before)
        {
            lo = np;
        }
    }
    let raw = &src[toks[lo].start..toks[hi - 1].end];
    let mut text = if subject.is_empty() {
        std::borrow::Cow::Borrowed(raw)
    } else {
        std::borrow::Cow::Owned(format!("{subject} {raw}"))
    };
    // Hard-wrapped text carries line breaks inside sentences: one line for the summary.
    if text.contains(['\n', '\t']) || text.contains("  ") {
        text = std::borrow::Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    let cut_right = toks[hi..].iter().any(|t| t.is_word());
    // Read as a headline: capitalised, and cut only at its end.
    let mut out = String::with_capacity(text.len() + '…'.len_utf8());
    let mut chars = text.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_uppercase());
        out.push_str(chars.as_str());
    }
    if cut_right {
        out.push('…');
    }
    out
}

/// The start of the noun phrase that ends right before token `end` ("two nations", "the
/// Kurdish-led SDF"), at most five words back: a determiner, a number, or the first of a run of
/// capitalised words.
fn noun_phrase_before(src: &str, toks: &[Token], end: usize) -> Option<usize> {
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "two",
        "three", "both", "several",
    ];
    let mut k = end;
    let mut words = 0;
    while k > 0 && words < 5 {
        let t = &toks[k - 1];
        if t.kind == super::text::TokKind::Punct && !t.is_punct(src, '-') {
            break;
        }
        k -= 1;
        words += 1;
        if DETERMINERS
            .iter()
            .any(|d| d.eq_ignore_ascii_case(t.text(src)))
            || t.kind == super::text::TokKind::Number
        {
            return Some(k);
        }
    }
    // No determiner: a capitalised name right before ("The SDF", "Sharaa’s faction").
    (k < end && toks[k].is_capitalized(src)).then_some(k)
}

fn clause_around(src: &str, toks: &[Token], anchor: usize) -> (usize, usize) {
    let is_boundary = |t: &Token| {
        let c = src[t.start..].chars().next().unwrap_or(' ');
        t.kind == super::text::TokKind::Punct
            && (matches!(c, ',' | ';' | ':') || is_dash(c) || is_double_quote(c))
    };
    let is_subordinator = |t: &Token| {
        [
            "which", "who", "while", "although", "whereas", "because", "that",
        ]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(t.text(src)))
    };
    // Back to the clause start; parentheses ("(HTS)") are part of the clause.
    let mut clause_start = anchor;
    while clause_start > 0 {
        let t = &toks[clause_start - 1];
        if is_boundary(t) || is_subordinator(t) {
            break;
        }
        clause_start -= 1;
    }
    // Too long before the trigger: start at the noun phrase nearest to it ("the coalition
    // originally formed in 2014 …") rather than mid-phrase.
    const BEFORE: usize = 8;
    let words_before = toks[clause_start..anchor]
        .iter()
        .filter(|t| t.is_word())
        .count();
    let lo = if words_before <= BEFORE {
        clause_start
    } else {
        let window_start = {
            let mut k = anchor;
            let mut n = 0;
            while k > clause_start && n < BEFORE {
                k -= 1;
                if toks[k].is_word() {
                    n += 1;
                }
            }
            k
        };
        let determiner = |k: usize| {
            [
                "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our",
            ]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(toks[k].text(src)))
        };
        let name_start =
            |k: usize| toks[k].is_capitalized(src) && k > 0 && !toks[k - 1].is_capitalized(src);
        (window_start..anchor)
            .rev()
            .find(|&k| determiner(k))
            .or_else(|| (window_start..anchor).rev().find(|&k| name_start(k)))
            .unwrap_or(window_start)
    };
    let mut hi = anchor + 1;
    let mut budget = MAX_SUMMARY_WORDS
        .saturating_sub(toks[lo..anchor].iter().filter(|t| t.is_word()).count())
        .max(4);
    while hi < toks.len() && budget > 0 {
        let t = &toks[hi];
        if is_boundary(t) || t.is_punct(src, '.') {
            // Keep at least a few words after the trigger ("visit Washington, D.C.").
            if hi > anchor + 2 {
                break;
            }
        }
        hi += 1;
        if t.is_word() {
            budget -= 1;
        }
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokenize;

    fn words(s: &str) -> Words<'_> {
        Words::new(s, 0, s.len())
    }

    #[test]
    fn triggers_and_kinds() {
        let s =
            "U.S. forces killed a senior ISIS leader in September and captured another in October.";
        let w = words(s);
        let (toks, t) = (&w.toks, find_triggers(&w));
        let kinds: Vec<_> = t.iter().map(|t| (toks[t.tok].text(s), t.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("killed", EventKind::Military),
                ("captured", EventKind::Military)
            ]
        );
        let s = "Since taking power from Bashar al-Assad, he pursued talks.";
        let t = find_triggers(&words(s));
        assert_eq!(t[0].len, 2);
        assert_eq!(strongest(&t).map(|t| t.kind), Some(EventKind::Other));
    }

    #[test]
    fn the_nearest_trigger_explains_a_date() {
        let s = "U.S. forces killed a senior ISIS leader, Omar Abdul Qader, in September, and captured another named Ahmad al-Badri in October.";
        let w = words(s);
        let (toks, t) = (&w.toks, find_triggers(&w));
        let commas: Vec<usize> = toks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.is_punct(s, ','))
            .map(|(i, _)| i)
            .collect();
        let strong: Vec<usize> = toks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.text(s) == "and")
            .map(|(i, _)| i)
            .collect();
        let october = toks.iter().position(|t| t.text(s) == "October").unwrap();
        let september = toks.iter().position(|t| t.text(s) == "September").unwrap();
        assert_eq!(
            toks[best_trigger_for(&t, october, october + 1, &commas, &strong)
                .unwrap()
                .tok]
                .text(s),
            "captured"
        );
        assert_eq!(
            toks[best_trigger_for(&t, september, september + 1, &commas, &strong)
                .unwrap()
                .tok]
                .text(s),
            "killed"
        );
    }

    #[test]
    fn summaries() {
        let s = "Syrian President Ahmed al-Sharaa is set to visit Washington, D.C., marking the first-ever visit by a Syrian head of state to the U.S. capital, according to U.S. Special Envoy to Syria Tom Barrack.";
        let toks = tokenize(s, 0, s.len());
        let visit = toks.iter().position(|t| t.text(s) == "visit").unwrap();
        assert_eq!(
            summarize(s, &toks, visit),
            "Syrian President Ahmed al-Sharaa is set to visit Washington, D.C.…"
        );
        let short = "Sharaa met Trump at the White House.";
        let toks = tokenize(short, 0, short.len());
        assert_eq!(
            summarize(short, &toks, 1),
            "Sharaa met Trump at the White House"
        );
    }
}
