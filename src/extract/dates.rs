//! Date expressions → [`DateSpan`]s.
//!
//! Two steps: `parse_at` recognises an expression in a token stream and returns a
//! reference-free [`RawDate`]; `resolve` turns it into a calendar span against the article's
//! publication date, choosing past or future from the clause ("is set to", "will", "expected
//! to" point forward; news otherwise reports the past).

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

use super::lexicon::class;
use super::text::{TokKind, Words};
use crate::model::{DateSpan, Precision};

/// Which way a clause points in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
    /// The date opens or closes a span told by a past announcement ("announced a curfew from
    /// Friday"): it lies on either side of the reference, so its nearest occurrence is meant.
    Either,
}

/// Part of a month or year ("early September", "late 2024").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Early,
    Mid,
    Late,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Year,
    Decade,
}

/// A date expression before it is resolved against a reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawDate {
    Full(NaiveDate),
    /// "November 10" (year absent), "November 10, 2025".
    MonthDay {
        month: u32,
        day: u32,
        year: Option<i32>,
        year_offset: Option<i32>,
    },
    /// "September", "September 2014", "last December", "December last year".
    Month {
        month: u32,
        year: Option<i32>,
        year_offset: Option<i32>,
        rel: Option<i32>,
        part: Option<Part>,
    },
    Year {
        year: i32,
        part: Option<Part>,
    },
    Decade {
        start: i32,
    },
    /// "spring 2024", "last summer" (0 = winter … 3 = autumn).
    Season {
        season: u8,
        year: Option<i32>,
        rel: Option<i32>,
    },
    /// "on Saturday", "last Friday", "next Monday".
    Weekday {
        weekday: Weekday,
        rel: Option<i32>,
    },
    /// "yesterday" (-1), "today" (0), "tomorrow" (1).
    DayOffset(i32),
    /// "last week" (-1), "this month" (0), "next year" (1).
    Relative {
        unit: Unit,
        offset: i32,
    },
    /// "the end of the year", "the start of next month".
    PartOf {
        unit: Unit,
        offset: i32,
        part: Part,
    },
    /// "earlier this year" (-1), "later this month" (1).
    ThisPart {
        unit: Unit,
        dir: i32,
    },
    /// "two weeks ago".
    Ago {
        n: u32,
        unit: Unit,
    },
    /// "within the next two weeks", "in the coming days".
    Within {
        n: u32,
        unit: Unit,
    },
    /// "that year", "the same week" (0), "the following day", "the next day" (1): the unit
    /// of the date the text gave last.
    Anchored {
        unit: Unit,
        offset: i32,
    },
    /// "in two weeks" (only counted in a future clause).
    In {
        n: u32,
        unit: Unit,
    },
    /// "six months after", "two years later": relative to the previous date in the text.
    After {
        n: u32,
        unit: Unit,
        dir: i32,
    },
}

/// A date expression found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Token range within the sentence tokens.
    pub tok_start: usize,
    pub tok_end: usize,
    /// Byte span in the article text.
    pub start: usize,
    pub end: usize,
    pub raw: RawDate,
    pub approximate: bool,
    pub tense: Tense,
    /// A verb or a clause break lies between the previous date of the sentence and this one,
    /// so they belong to different happenings.
    pub new_clause: bool,
    /// Set once resolved.
    pub span: Option<DateSpan>,
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Words that can begin a date expression; the parser skips every other word at once.
pub(crate) const DATE_WORDS: &[&str] = &[
    "end",
    "start",
    "beginning",
    "middle",
    "january",
    "jan",
    "february",
    "feb",
    "march",
    "mar",
    "april",
    "apr",
    "may",
    "june",
    "jun",
    "july",
    "jul",
    "august",
    "aug",
    "september",
    "sept",
    "sep",
    "october",
    "oct",
    "november",
    "nov",
    "december",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "last",
    "past",
    "previous",
    "this",
    "current",
    "next",
    "coming",
    "earlier",
    "later",
    "within",
    "in",
    "over",
    "during",
    "more",
    "nearly",
    "almost",
    "about",
    "some",
    "roughly",
    "a",
    "an",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "few",
    "several",
    "couple",
    "winter",
    "spring",
    "summer",
    "fall",
    "autumn",
    "that",
    "same",
    "following",
    "christmas",
    "new",
];

const APPROX_WORDS: &[&str] = &[
    "around",
    "about",
    "approximately",
    "roughly",
    "nearly",
    "circa",
    "some",
    "almost",
];
const PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "since",
    "by",
    "until",
    "till",
    "from",
    "before",
    "after",
    "during",
    "through",
    "throughout",
    "of",
    "at",
    "starting",
];

/// The month a lower-case word names ("november", "nov"), 1-based.
pub fn month_of(word: &str) -> Option<u32> {
    MONTHS.iter().find(|(m, _)| *m == word).map(|(_, n)| *n)
}

fn weekday_of(word: &str) -> Option<Weekday> {
    // Plural "Fridays" is habitual, not a date: no match.
    WEEKDAYS.iter().find(|(d, _)| *d == word).map(|(_, d)| *d)
}

fn number_word(word: &str) -> Option<u32> {
    Some(match word {
        "a" | "an" | "one" => 1,
        "two" | "couple" => 2,
        "three" | "few" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        "several" => 3,
        _ => return None,
    })
}

fn unit_of(word: &str) -> Option<Unit> {
    // "last year's summit": the possessive is not part of the unit.
    let word = word.strip_suffix("'s").unwrap_or(word);
    Some(match word {
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "weekend" | "weekends" => Unit::Weekend,
        "month" | "months" => Unit::Month,
        "year" | "years" => Unit::Year,
        "decade" | "decades" => Unit::Decade,
        _ => return None,
    })
}

fn season_of(word: &str) -> Option<u8> {
    Some(match word {
        "winter" => 0,
        "spring" => 1,
        "summer" => 2,
        "fall" | "autumn" => 3,
        _ => return None,
    })
}

/// Token view used by the parser: text, normalised text, kind.
/// The date parser's view of a sentence: the shared [`Words`] plus date-specific readers.
struct Toks<'w, 'a> {
    w: &'w Words<'a>,
}

impl<'a> std::ops::Deref for Toks<'_, 'a> {
    type Target = Words<'a>;

    fn deref(&self) -> &Words<'a> {
        self.w
    }
}

impl Toks<'_, '_> {
    /// A day of month: "10", "10th", "1st".
    fn day_at(&self, i: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        let s = self.n(i);
        let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &s[digits.len()..];
        if !(suffix.is_empty() && t.kind == TokKind::Number
            || matches!(suffix, "st" | "nd" | "rd" | "th"))
        {
            return None;
        }
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let d: u32 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    }

    /// A four-digit year 1000–2199.
    fn year_at(&self, i: usize) -> Option<i32> {
        if !self.is_num(i) {
            return None;
        }
        let s = self.raw(i);
        if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = s.parse().ok()?;
        (1000..2200).contains(&y).then_some(y)
    }

    /// A month name at `i` (with an optional abbreviation dot). Returns (month, next index).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let word = self.n(i);
        let month = month_of(word)?;
        // Month names are capitalised; lower-case "may"/"march" are verbs.
        if !self.is_cap(i) {
            return None;
        }
        let mut next = i + 1;
        if word.len() <= 4 && word != "may" && word != "june" && word != "july" {
            if self.is_punct(next, '.') {
                next += 1;
            }
        } else if self.is_punct(next, '.') && word.len() == 3 {
            next += 1;
        }
        Some((month, next))
    }

    /// "last year" / "this year" / "next year" at `i` → year offset.
    fn year_rel_at(&self, i: usize) -> Option<i32> {
        let off = match self.n(i) {
            "last" | "past" | "previous" => -1,
            "this" => 0,
            "next" | "coming" => 1,
            _ => return None,
        };
        (self.n(i + 1) == "year").then_some(off)
    }

    /// A count: digit or number word.
    fn count_at(&self, i: usize) -> Option<u32> {
        if self.is_num(i) {
            let s = self.raw(i);
            if s.len() <= 3 {
                return s.parse().ok();
            }
            return None;
        }
        number_word(self.n(i))
    }
}

/// Find every date expression in a sentence's tokens.
pub fn find_dates(w: &Words) -> Vec<DateMention> {
    let t = Toks { w };
    let toks = &w.toks;
    let mut out: Vec<DateMention> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if let Some((raw, end, approx_core)) = parse_at(&t, i) {
            let (start, hedged, part_word) = extend_left(&t, i, &out);
            let raw = apply_part_prefix(&t, start, i, raw);
            // "late Tuesday" is a time of day; "late 2024" is a vague stretch of the year.
            let vague_part = part_word
                && matches!(
                    raw,
                    RawDate::Month { .. } | RawDate::Year { .. } | RawDate::Season { .. }
                );
            let approximate = approx_core || hedged || vague_part;
            out.push(DateMention {
                tok_start: start,
                tok_end: end,
                start: toks[start].start,
                end: toks[end - 1].end,
                raw,
                approximate,
                tense: Tense::Unknown,
                new_clause: true,
                span: None,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    for i in 0..out.len() {
        out[i].tense = clause_tense(&t, out[i].tok_start, out[i].tok_end);
        if i > 0 {
            let (from, to) = (out[i - 1].tok_end, out[i].tok_start);
            out[i].new_clause = (from..to).any(|k| {
                t.is_punct(k, ';')
                    || (!t.is_cap(k)
                        && (t.has(k, class::REPORTING) || cue(&t, k).is_some() || weak_past(&t, k)))
                    || (k > from
                        && t.is_punct(k - 1, ',')
                        && matches!(t.n(k), "and" | "but" | "while"))
            });
        }
    }
    out
}

/// Include prepositions, hedges ("around") and part words ("late", "the end of") before the
/// core expression in its span. Returns (start, hedged, part word seen).
fn extend_left(t: &Toks<'_, '_>, core_start: usize, prev: &[DateMention]) -> (usize, bool, bool) {
    let floor = prev.last().map_or(0, |m| m.tok_end);
    let mut start = core_start;
    let mut hedged = false;
    let mut part_word = false;
    while start > floor && core_start - start < 5 {
        let w = t.n(start - 1);
        if APPROX_WORDS.contains(&w) {
            hedged = true;
        } else if matches!(
            w,
            "early" | "mid" | "late" | "end" | "beginning" | "start" | "middle"
        ) {
            part_word = true;
        } else if (w == "of"
            && matches!(
                t.n(start.saturating_sub(2)),
                "end" | "beginning" | "start" | "middle"
            ))
            || (w == "the" && matches!(t.n(start), "end" | "beginning" | "start" | "middle"))
        {
            // Part of "the end of …": included in the span.
        } else if PREPOSITIONS.contains(&w) && w != "of" {
            start -= 1;
            break;
        } else {
            break;
        }
        start -= 1;
    }
    (start, hedged, part_word)
}

/// "early/mid/late" and "the end of" before a month or year narrow it.
fn apply_part_prefix(t: &Toks, start: usize, core: usize, raw: RawDate) -> RawDate {
    let words: Vec<&str> = (start..core).map(|k| t.n(k)).collect();
    let part = if words
        .iter()
        .any(|w| matches!(*w, "early" | "beginning" | "start"))
    {
        Some(Part::Early)
    } else if words.iter().any(|w| matches!(*w, "mid" | "middle")) {
        Some(Part::Mid)
    } else if words.iter().any(|w| matches!(*w, "late" | "end")) {
        Some(Part::Late)
    } else {
        None
    };
    let Some(part) = part else { return raw };
    match raw {
        RawDate::Month {
            month,
            year,
            year_offset,
            rel,
            part: None,
        } => RawDate::Month {
            month,
            year,
            year_offset,
            rel,
            part: Some(part),
        },
        RawDate::Year { year, part: None } => RawDate::Year {
            year,
            part: Some(part),
        },
        other => other,
    }
}

/// Recognise a date expression starting exactly at token `i`: (raw, end index, approximate).
fn parse_at(t: &Toks, i: usize) -> Option<(RawDate, usize, bool)> {
    let w = t.n(i);
    // Most words start no date: leave at once.
    let lead = t.has(i, class::DATE_LEAD)
        || w.starts_with(|c: char| c.is_ascii_digit())
        || w.starts_with("mid-")
        || w.starts_with("early-")
        || w.starts_with("late-");
    if !lead {
        return None;
    }

    // ISO 2025-11-10 or 2025/11/10.
    if let Some(y) = t.year_at(i) {
        for sep in ['-', '/'] {
            if t.is_punct(i + 1, sep)
                && t.is_num(i + 2)
                && t.is_punct(i + 3, sep)
                && t.is_num(i + 4)
            {
                let m: u32 = t.raw(i + 2).parse().ok()?;
                let d: u32 = t.raw(i + 4).parse().ok()?;
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some((RawDate::Full(date), i + 5, false));
                }
            }
        }
    }

    // "mid-September", "early-2025", "mid-2020s".
    if let Some((prefix, rest)) = w.split_once('-')
        && matches!(prefix, "mid" | "early" | "late")
    {
        let part = match prefix {
            "early" => Part::Early,
            "mid" => Part::Mid,
            _ => Part::Late,
        };
        if let Some(month) = month_of(rest) {
            let (year, end) = match t.year_at(i + 1) {
                Some(y) => (Some(y), i + 2),
                None => (None, i + 1),
            };
            return Some((
                RawDate::Month {
                    month,
                    year,
                    year_offset: None,
                    rel: None,
                    part: Some(part),
                },
                end,
                true,
            ));
        }
        if rest.len() == 4
            && let Ok(year) = rest.parse::<i32>()
            && (1000..2200).contains(&year)
        {
            return Some((
                RawDate::Year {
                    year,
                    part: Some(part),
                },
                i + 1,
                true,
            ));
        }
    }

    // Month-led: "November 10", "Nov. 10, 2025", "September 2014", "December last year".
    if let Some((month, j)) = t.month_at(i) {
        if let Some(day) = t.day_at(j) {
            // "May 23" but not "May 2025" (that is a year, below).
            let mut end = j + 1;
            let mut year = None;
            let mut year_offset = None;
            let comma = usize::from(t.is_punct(end, ','));
            if let Some(y) = t.year_at(end + comma) {
                year = Some(y);
                end += comma + 1;
            } else if let Some(off) = t.year_rel_at(end + comma) {
                year_offset = Some(off);
                end += comma + 2;
            }
            if t.raw(j).len() <= 2 || t.n(j).ends_with(|c: char| c.is_alphabetic()) {
                return Some((
                    RawDate::MonthDay {
                        month,
                        day,
                        year,
                        year_offset,
                    },
                    end,
                    false,
                ));
            }
        }
        let of = usize::from(t.n(j) == "of");
        if let Some(y) = t.year_at(j + of) {
            return Some((
                RawDate::Month {
                    month,
                    year: Some(y),
                    year_offset: None,
                    rel: None,
                    part: None,
                },
                j + of + 1,
                false,
            ));
        }
        if let Some(off) = t.year_rel_at(j) {
            return Some((
                RawDate::Month {
                    month,
                    year: None,
                    year_offset: Some(off),
                    rel: None,
                    part: None,
                },
                j + 2,
                false,
            ));
        }
        // A bare month. "May" and "March" alone are too often other words: require a
        // preposition or relative word before them.
        let prev = i.checked_sub(1).map_or("", |p| t.n(p));
        let rel = match prev {
            "last" | "past" | "previous" => Some(-1),
            "next" | "coming" => Some(1),
            "this" => Some(0),
            _ => None,
        };
        let ambiguous = matches!(w, "may" | "march" | "mar" | "jan" | "sep" | "dec" | "aug");
        let temporal_prev = matches!(
            prev,
            "in" | "since"
                | "by"
                | "until"
                | "till"
                | "from"
                | "before"
                | "after"
                | "during"
                | "early"
                | "mid"
                | "late"
                | "of"
                | "through"
                | "last"
                | "past"
                | "next"
                | "this"
                | "previous"
                | "coming"
                | "end"
                | "between"
                | "and"
                | "to"
        );
        if !ambiguous || temporal_prev {
            return Some((
                RawDate::Month {
                    month,
                    year: None,
                    year_offset: None,
                    rel,
                    part: None,
                },
                j,
                false,
            ));
        }
        return None;
    }

    // Day-led: "10 November 2025", "10th of November".
    if let Some(day) = t.day_at(i) {
        let of = usize::from(t.n(i + 1) == "of");
        if let Some((month, j)) = t.month_at(i + of + 1) {
            let (year, end) = match t.year_at(j) {
                Some(y) => (Some(y), j + 1),
                None => (None, j),
            };
            return Some((
                RawDate::MonthDay {
                    month,
                    day,
                    year,
                    year_offset: None,
                },
                end,
                false,
            ));
        }
    }

    // Years and decades.
    if let Some(year) = t.year_at(i) {
        if is_count_not_year(t, i) {
            return None;
        }
        return Some((RawDate::Year { year, part: None }, i + 1, false));
    }
    if let Some(start) = decade_at(t, i) {
        return Some((RawDate::Decade { start }, i + 1, false));
    }

    // Holidays fixed to a day: "New Year's Day", "Christmas Eve".
    let holiday = |month: u32, day: u32, end: usize| {
        let raw = RawDate::MonthDay {
            month,
            day,
            year: None,
            year_offset: None,
        };
        Some((raw, end, false))
    };
    if w == "new" {
        if !t.is_cap(i) || !matches!(t.n(i + 1), "year's" | "years" | "year") {
            return None;
        }
        return match t.n(i + 2) {
            "day" => holiday(1, 1, i + 3),
            "eve" => holiday(12, 31, i + 3),
            _ => None,
        };
    }
    if w == "christmas" && t.is_cap(i) {
        return match t.n(i + 1) {
            "eve" => holiday(12, 24, i + 2),
            "day" => holiday(12, 25, i + 2),
            _ => holiday(12, 25, i + 1),
        };
    }

    // "that year", "the same week", "the following day", "the next day": the unit of the
    // date before, not of the publication date.
    let prev = i.checked_sub(1).map_or("", |p| t.n(p));
    let anchored_unit = |k: usize| match t.n(k) {
        "day" => Some(Unit::Day),
        "week" => Some(Unit::Week),
        "month" => Some(Unit::Month),
        "year" => Some(Unit::Year),
        _ => None,
    };
    let anchored = match w {
        "that" => Some(0),
        "same" if prev == "the" => Some(0),
        "following" if prev == "the" => Some(1),
        "next" if prev == "the" && t.n(i + 1) == "day" => Some(1),
        _ => None,
    };
    if let Some(offset) = anchored {
        if let Some(unit) = anchored_unit(i + 1) {
            return Some((RawDate::Anchored { unit, offset }, i + 2, false));
        }
        if w != "next" {
            return None;
        }
    }

    // Relative words.
    match w {
        "yesterday" => return Some((RawDate::DayOffset(-1), i + 1, false)),
        "today" => return Some((RawDate::DayOffset(0), i + 1, false)),
        "tomorrow" => return Some((RawDate::DayOffset(1), i + 1, false)),
        "tonight" => return Some((RawDate::DayOffset(0), i + 1, false)),
        _ => {}
    }

    // Weekdays, possibly "last Friday", "Monday night".
    if let Some(weekday) = weekday_of(w)
        && t.is_cap(i)
    {
        let prev = i.checked_sub(1).map_or("", |p| t.n(p));
        let rel = match prev {
            "last" | "past" | "previous" => Some(-1),
            "next" | "coming" => Some(1),
            "this" => Some(0),
            _ => None,
        };
        let mut end = i + 1;
        if matches!(t.n(end), "night" | "morning" | "afternoon" | "evening") {
            end += 1;
        }
        // "Monday, November 10" — the full date carries the information; let it be parsed.
        if t.is_punct(end, ',') && t.month_at(end + 1).is_some() {
            return None;
        }
        return Some((RawDate::Weekday { weekday, rel }, end, false));
    }

    // "last/this/next week|month|year|weekend|summer", "last night", "this morning".
    let offset = match w {
        "last" | "past" | "previous" => Some(-1),
        "this" | "current" => Some(0),
        "next" | "coming" => Some(1),
        _ => None,
    };
    if let Some(offset) = offset {
        let next = t.n(i + 1);
        if let Some(unit) = unit_of(next).filter(|_| !next.trim_end_matches("'s").ends_with('s')) {
            return Some((RawDate::Relative { unit, offset }, i + 2, false));
        }
        if let Some(season) = season_of(next) {
            return Some((
                RawDate::Season {
                    season,
                    year: None,
                    rel: Some(offset),
                },
                i + 2,
                false,
            ));
        }
        if offset == -1 && next == "night" {
            return Some((RawDate::DayOffset(-1), i + 2, false));
        }
        if offset == 0 && matches!(next, "morning" | "afternoon" | "evening") {
            return Some((RawDate::DayOffset(0), i + 2, false));
        }
        // "last/next Friday", "last December": handled when the weekday/month is reached;
        // start the span here by returning the combined form.
        if weekday_of(next).is_some() && t.is_cap(i + 1) {
            let (raw, end, a) = parse_at(t, i + 1)?;
            return Some((raw, end, a));
        }
        if month_of(next).is_some() && t.is_cap(i + 1) {
            let (raw, end, a) = parse_at(t, i + 1)?;
            return Some((raw, end, a));
        }
    }

    // Seasons: "spring 2024", "the summer of 2025", "in the fall".
    if let Some(season) = season_of(w) {
        let of = usize::from(t.n(i + 1) == "of");
        if let Some(y) = t.year_at(i + 1 + of) {
            return Some((
                RawDate::Season {
                    season,
                    year: Some(y),
                    rel: None,
                },
                i + 2 + of,
                false,
            ));
        }
    }

    // "the end of the year", "the start of next month", "mid-way through"…
    if matches!(w, "end" | "start" | "beginning" | "middle") && t.n(i + 1) == "of" {
        let offset = match t.n(i + 2) {
            "the" | "this" => Some(0),
            "next" => Some(1),
            "last" => Some(-1),
            _ => None,
        };
        let unit =
            unit_of(t.n(i + 3)).filter(|u| matches!(u, Unit::Week | Unit::Month | Unit::Year));
        if let (Some(offset), Some(unit)) = (offset, unit) {
            let part = match w {
                "end" => Part::Late,
                "middle" => Part::Mid,
                _ => Part::Early,
            };
            return Some((RawDate::PartOf { unit, offset, part }, i + 4, false));
        }
    }

    // "earlier this year", "later this month", "earlier in the week".
    if matches!(w, "earlier" | "later") {
        let dir = if w == "earlier" { -1 } else { 1 };
        let k = if t.n(i + 1) == "this" || (t.n(i + 1) == "in" && t.n(i + 2) == "the") {
            if t.n(i + 1) == "this" { i + 2 } else { i + 3 }
        } else {
            0
        };
        if k > 0
            && let Some(unit) = unit_of(t.n(k))
        {
            return Some((RawDate::ThisPart { unit, dir }, k + 1, false));
        }
    }

    // "within the next two weeks", "in the coming days", "over the next few months".
    if matches!(w, "within" | "in" | "over" | "during")
        && t.n(i + 1) == "the"
        && matches!(t.n(i + 2), "next" | "coming" | "following")
    {
        let (n, k) = match t.count_at(i + 3) {
            Some(n) => (n, i + 4),
            None => (1, i + 3),
        };
        let (n, k) = if t.n(i + 3) == "a" && t.n(i + 4) == "few" {
            (3, i + 5)
        } else {
            (n, k)
        };
        if let Some(unit) = unit_of(t.n(k)) {
            let approx = w != "within";
            return Some((RawDate::Within { n, unit }, k + 1, approx));
        }
    }
    if w == "within"
        && let Some(n) = t.count_at(i + 1)
        && let Some(unit) = unit_of(t.n(i + 2))
    {
        return Some((RawDate::Within { n, unit }, i + 3, false));
    }

    // "over the weekend", "this weekend" (handled above), "the weekend".
    if matches!(w, "over" | "during") && t.n(i + 1) == "the" && t.n(i + 2) == "weekend" {
        return Some((
            RawDate::Relative {
                unit: Unit::Weekend,
                offset: 0,
            },
            i + 3,
            false,
        ));
    }

    // "two weeks ago", "a decade ago", "over a decade ago", "six months after/later".
    let (lead, qty_at) = if matches!(
        w,
        "over" | "more" | "nearly" | "almost" | "about" | "some" | "roughly"
    ) {
        let skip = if w == "more" && t.n(i + 1) == "than" {
            2
        } else {
            1
        };
        (true, i + skip)
    } else {
        (false, i)
    };
    if let Some(n) = t.count_at(qty_at) {
        let few = t.n(qty_at) == "a" && t.n(qty_at + 1) == "few";
        let unit_at = qty_at + 1 + usize::from(few);
        let n = if few { 3 } else { n };
        if let Some(unit) = unit_of(t.n(unit_at)) {
            let after = t.n(unit_at + 1);
            let approx = lead || few || t.n(qty_at) == "several";
            match after {
                "ago" => {
                    return Some((RawDate::Ago { n, unit }, unit_at + 2, approx));
                }
                "after" | "later" => {
                    return Some((RawDate::After { n, unit, dir: 1 }, unit_at + 2, approx));
                }
                "before" | "earlier" => {
                    return Some((RawDate::After { n, unit, dir: -1 }, unit_at + 2, approx));
                }
                _ => {}
            }
            if i > 0 && t.n(i - 1) == "in" && !lead && t.count_at(qty_at).is_some() {
                return Some((RawDate::In { n, unit }, unit_at + 1, approx));
            }
        }
    }
    None
}

/// "the 1990s", "1980s".
fn decade_at(t: &Toks, i: usize) -> Option<i32> {
    let w = t.n(i);
    let digits = w.strip_suffix('s')?;
    if digits.len() == 4 && digits.ends_with('0') {
        let y: i32 = digits.parse().ok()?;
        return (1000..2200).contains(&y).then_some(y);
    }
    None
}

/// "2015 fighters", "$2025", "2025%": a number, not a year.
fn is_count_not_year(t: &Toks, i: usize) -> bool {
    if i > 0 && (t.is_punct(i - 1, '$') || t.is_punct(i - 1, '€') || t.is_punct(i - 1, '£')) {
        return true;
    }
    if t.is_punct(i + 1, '%') {
        return true;
    }
    let next = t.n(i + 1);
    let plural_noun = next.len() > 3
        && next.ends_with('s')
        && !t.is_cap(i + 1)
        && !matches!(
            next,
            "was"
                | "is"
                | "has"
                | "as"
                | "its"
                | "this"
                | "his"
                | "plus"
                | "across"
                | "towards"
                | "afterwards"
                | "sees"
                | "marks"
                | "saw"
                | "elections"
                | "talks"
                | "protests"
                | "accords"
                | "games"
                | "olympics"
                | "riots"
                | "clashes"
                | "hostilities"
                | "negotiations"
                | "sanctions"
                | "agreements"
                | "attacks"
                | "strikes"
                | "polls"
                | "events"
                | "uprisings"
                | "wars"
                | "campaigns"
                | "levels"
                | "figures"
                | "deadlines"
                | "goals"
                | "targets"
                | "budgets"
        );
    plural_noun
        || matches!(
            next,
            "people"
                | "km"
                | "kilometres"
                | "kilometers"
                | "miles"
                | "dollars"
                | "euros"
                | "men"
                | "women"
                | "children"
        )
}

// ---------------------------------------------------------------------------------------------
// Tense of the clause around a date.

pub(crate) const FUTURE_SINGLE: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "upcoming",
    "ahead",
    "forthcoming",
    "planned",
    "scheduled",
    "slated",
    "expected",
    "plans",
    "planning",
    "intends",
    "aims",
    "next",
    "would",
    "tomorrow",
    "poised",
    "due",
    "later",
    "hopes",
    "hope",
    "anticipated",
    "proposed",
];

pub(crate) const IRREGULAR_PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "met",
    "told",
    "held",
    "took",
    "began",
    "came",
    "went",
    "made",
    "gave",
    "saw",
    "won",
    "led",
    "fought",
    "struck",
    "broke",
    "left",
    "rose",
    "fell",
    "sent",
    "spoke",
    "wrote",
    "brought",
    "thought",
    "knew",
    "found",
    "became",
    "got",
    "paid",
    "ran",
    "stood",
    "lost",
    "sought",
    "drew",
    "grew",
    "overthrew",
    "threw",
    "withdrew",
    "flew",
    "bought",
    "built",
    "meant",
    "kept",
    "felt",
    "heard",
    "fled",
    "sold",
    "spent",
    "understood",
    "won",
    "chose",
    "drove",
    "hid",
    "rode",
    "shook",
    "stole",
    "swore",
    "tore",
    "woke",
    "arose",
    "ago",
    "earlier",
    "previously",
    "last",
    "former",
    "once",
    "already",
    "slew",
    "shot",
    "hit",
    "beat",
    "quit",
    "split",
    "seized",
    "laid",
    "lay",
    "bore",
];

/// Speech verbs report, they do not date: "said the visit is expected…" is about the visit.
pub(crate) const REPORTING: &[&str] = &[
    "said",
    "told",
    "announced",
    "added",
    "noted",
    "stated",
    "confirmed",
    "explained",
    "revealed",
    "reported",
    "wrote",
    "declared",
    "claimed",
    "insisted",
    "argued",
    "stressed",
    "emphasized",
    "emphasised",
    "indicated",
    "suggested",
    "warned",
    "cautioned",
    "clarified",
    "according",
];

pub(crate) const NOT_PAST_ED: &[&str] = &[
    "need",
    "speed",
    "seed",
    "red",
    "bed",
    "shed",
    "united",
    "limited",
    "interested",
    "concerned",
    "alleged",
    "so-called",
    "based",
    "armed",
    "unprecedented",
    "detailed",
    "advanced",
    "indeed",
    "proceed",
    "exceed",
    "succeed",
    "feed",
    "breed",
    "weed",
    "led",
    "embed",
    "hundred",
    "sacred",
    "wicked",
    "naked",
    "supposed",
    "dedicated",
    "sophisticated",
    "complicated",
    "renewed",
    "unified",
    "unrelated",
    "related",
    "experienced",
    "skilled",
    "mixed",
    "sustained",
    "balanced",
    "coordinated",
    "informed",
    "qualified",
    "registered",
    "reinforced",
    "isolated",
    "involved",
    "reconstituted",
    "talented",
    "assumed",
    "proposed",
    "unified",
];

fn cue(t: &Toks, k: usize) -> Option<Tense> {
    if t.has(k, class::FUTURE_CUE) {
        return Some(Tense::Future);
    }
    if t.has(k, class::REPORTING) {
        return None;
    }
    if t.has(k, class::PAST_CUE) {
        return Some(Tense::Past);
    }
    None
}

/// A past participle or past tense by its "-ed" ending: a weaker cue than a listed verb, and
/// none at all when it is an adjective ("newly elected lawmakers", "the proposed deal").
fn weak_past(t: &Toks, k: usize) -> bool {
    let word = t.n(k);
    let prev = k.checked_sub(1).map_or("", |p| t.n(p));
    word.len() > 4
        && word.ends_with("ed")
        && !t.has(k, class::NOT_PAST_ED)
        && !matches!(
            prev,
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "newly"
                | "widely"
                | "highly"
                | "heavily"
                | "densely"
                | "fully"
                | "partly"
                | "well"
                | "so-called"
        )
}

/// Present-tense verbs of scheduled happenings ("take their seats on Dec. 10", "the licence
/// expires on April 18"): the verb a date hangs on, with no tense to tell past from future.
fn present_tense(t: &Toks, k: usize) -> bool {
    matches!(
        t.n(k),
        "is" | "are"
            | "takes"
            | "take"
            | "begins"
            | "begin"
            | "starts"
            | "start"
            | "opens"
            | "open"
            | "ends"
            | "expires"
            | "expire"
            | "runs"
            | "meets"
            | "meet"
            | "holds"
            | "hold"
            | "falls"
            | "comes"
            | "come"
            | "closes"
            | "close"
            | "returns"
            | "return"
            | "reopens"
            | "reopen"
            | "arrives"
            | "arrive"
            | "resumes"
            | "resume"
            | "convenes"
            | "convene"
            | "kicks"
            | "lasts"
            | "heads"
            | "visits"
            | "travels"
    )
}

/// The tense of the verb a date hangs on. The verb usually comes before its date ("said
/// Monday that …", "will open on December 8", "is expected to take place around November 10"),
/// so the nearest cue before the date decides, reporting verbs included (they are past); a date
/// that opens its clause ("In September, Sharaa declared …") takes the first cue after it.
/// Multiword future cues ("set to", "scheduled for") are read as pairs.
fn clause_tense(t: &Toks, start: usize, end: usize) -> Tense {
    let pair_future = |k: usize| {
        let (a, b) = (t.n(k), t.n(k + 1));
        ((matches!(
            a,
            "set"
                | "going"
                | "is"
                | "are"
                | "due"
                | "about"
                | "ready"
                | "poised"
                | "slated"
                | "planned"
                | "expected"
                | "scheduled"
        ) && b == "to")
            || (matches!(a, "set" | "scheduled" | "slated" | "planned" | "due") && b == "for"))
            && !matches!(t.n(k + 2), "have" | "been")
    };
    // "announced a curfew from Friday", "said the closure would last until Thursday": the
    // announcement is past, the span it opens or closes can lie either side of it.
    let opens_or_closes = |k: usize| {
        matches!(
            t.n(k),
            "from" | "until" | "till" | "starting" | "beginning" | "effective"
        )
    };
    let boundary = opens_or_closes(start) || (start > 0 && opens_or_closes(start - 1));
    let verb_cue = |k: usize| -> Option<Tense> {
        if pair_future(k) {
            return Some(Tense::Future);
        }
        // Lower-case words only: names like "Ahmed" end in -ed too.
        if t.is_cap(k) && k > 0 {
            return None;
        }
        if t.has(k, class::REPORTING) {
            return Some(if boundary { Tense::Either } else { Tense::Past });
        }
        cue(t, k)
    };
    let weak = |k: usize| !(t.is_cap(k) && k > 0) && weak_past(t, k);
    const WINDOW: usize = 14;
    for k in (start.saturating_sub(WINDOW)..start).rev() {
        if t.is_punct(k, ';') {
            break;
        }
        // "would last", "could open": a bare verb after a modal is no past cue (the modal,
        // read next, may be one of the future).
        if k > 0
            && matches!(
                t.n(k - 1),
                "would" | "will" | "could" | "can" | "may" | "might" | "should" | "must"
            )
        {
            continue;
        }
        if let Some(tense) = verb_cue(k) {
            return tense;
        }
        // "will open", "to take": the modal before the verb decides.
        if present_tense(t, k)
            && !(k > 0 && (t.has(k - 1, class::FUTURE_CUE) || t.n(k - 1) == "to"))
        {
            return Tense::Unknown;
        }
        if weak(k) {
            return Tense::Past;
        }
    }
    for k in end..(end + WINDOW).min(t.len()) {
        if t.is_punct(k, ';') {
            break;
        }
        if let Some(tense) = verb_cue(k) {
            return tense;
        }
        if weak(k) {
            return Tense::Past;
        }
    }
    Tense::Unknown
}

// ---------------------------------------------------------------------------------------------
// Resolution.

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_span(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = ymd(y, m, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    Some((first, last))
}

fn precision_for(start: NaiveDate, end: NaiveDate) -> Precision {
    match (end - start).num_days() {
        0 => Precision::Day,
        1..=10 => Precision::Week,
        11..=31 => Precision::Month,
        32..=130 => Precision::Season,
        131..=366 => Precision::Year,
        _ => Precision::Decade,
    }
}

fn part_of(start: NaiveDate, end: NaiveDate, part: Option<Part>) -> (NaiveDate, NaiveDate) {
    let Some(part) = part else {
        return (start, end);
    };
    let days = (end - start).num_days() + 1;
    let third = days / 3;
    match part {
        Part::Early => (start, start + Duration::days(third - 1)),
        Part::Mid => (
            start + Duration::days(third),
            start + Duration::days(2 * third - 1),
        ),
        Part::Late => (start + Duration::days(2 * third), end),
    }
}

fn add_units(date: NaiveDate, n: i64, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Day => date.checked_add_signed(Duration::days(n)),
        Unit::Week | Unit::Weekend => date.checked_add_signed(Duration::days(7 * n)),
        Unit::Month => {
            if n >= 0 {
                date.checked_add_months(Months::new(n as u32))
            } else {
                date.checked_sub_months(Months::new((-n) as u32))
            }
        }
        Unit::Year => add_units(date, 12 * n, Unit::Month),
        Unit::Decade => add_units(date, 120 * n, Unit::Month),
    }
}

/// The span a unit-sized period around `date` covers, and its precision.
fn unit_span(date: NaiveDate, unit: Unit) -> Option<(NaiveDate, NaiveDate, Precision)> {
    Some(match unit {
        Unit::Day => (date, date, Precision::Day),
        Unit::Week | Unit::Weekend => {
            let monday = date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
            (monday, monday + Duration::days(6), Precision::Week)
        }
        Unit::Month => {
            let (s, e) = month_span(date.year(), date.month())?;
            (s, e, Precision::Month)
        }
        Unit::Year => (
            ymd(date.year(), 1, 1)?,
            ymd(date.year(), 12, 31)?,
            Precision::Year,
        ),
        Unit::Decade => {
            let y = date.year() - date.year().rem_euclid(10);
            (ymd(y, 1, 1)?, ymd(y + 9, 12, 31)?, Precision::Decade)
        }
    })
}

/// Resolve a raw date against `reference` (the publication date) and `anchor` (the previous
/// date in the text, for "six months after"). Returns (start, end, precision), or `None` when the
/// expression needs a reference that is missing or makes no calendar sense.
pub fn resolve(
    raw: RawDate,
    tense: Tense,
    reference: Option<NaiveDate>,
    anchor: Option<NaiveDate>,
) -> Option<(NaiveDate, NaiveDate, Precision)> {
    let future = tense == Tense::Future;
    match raw {
        RawDate::Full(d) => Some((d, d, Precision::Day)),
        RawDate::MonthDay {
            month,
            day,
            year: Some(y),
            ..
        } => {
            let d = ymd(y, month, day)?;
            Some((d, d, Precision::Day))
        }
        RawDate::MonthDay {
            month,
            day,
            year: None,
            year_offset,
        } => {
            let r = reference?;
            if let Some(off) = year_offset {
                let d = ymd(r.year() + off, month, day)?;
                return Some((d, d, Precision::Day));
            }
            let candidates = [r.year() - 1, r.year(), r.year() + 1];
            let dates: Vec<NaiveDate> = candidates
                .iter()
                .filter_map(|&y| ymd(y, month, day))
                .collect();
            let pick = match tense {
                Tense::Future => dates.iter().copied().find(|d| *d >= r),
                Tense::Past => dates.iter().copied().rev().find(|d| *d <= r),
                Tense::Unknown | Tense::Either => dates
                    .iter()
                    .copied()
                    .min_by_key(|d| (*d - r).num_days().abs()),
            }?;
            Some((pick, pick, Precision::Day))
        }
        RawDate::Month {
            month,
            year,
            year_offset,
            rel,
            part,
        } => {
            let y = if let Some(y) = year {
                y
            } else {
                let r = reference?;
                if let Some(off) = year_offset {
                    r.year() + off
                } else {
                    match rel {
                        Some(-1) => {
                            if month < r.month() {
                                r.year()
                            } else {
                                r.year() - 1
                            }
                        }
                        Some(1) => {
                            if month > r.month() {
                                r.year()
                            } else {
                                r.year() + 1
                            }
                        }
                        Some(_) => r.year(),
                        None if future => {
                            if month >= r.month() {
                                r.year()
                            } else {
                                r.year() + 1
                            }
                        }
                        None => {
                            if month <= r.month() {
                                r.year()
                            } else {
                                r.year() - 1
                            }
                        }
                    }
                }
            };
            let (s, e) = month_span(y, month)?;
            let (s, e) = part_of(s, e, part);
            let precision = if part.is_some() {
                Precision::Week
            } else {
                Precision::Month
            };
            Some((s, e, precision))
        }
        RawDate::Year { year, part } => {
            let (s, e) = part_of(ymd(year, 1, 1)?, ymd(year, 12, 31)?, part);
            Some((
                s,
                e,
                if part.is_some() {
                    Precision::Season
                } else {
                    Precision::Year
                },
            ))
        }
        RawDate::Decade { start } => Some((
            ymd(start, 1, 1)?,
            ymd(start + 9, 12, 31)?,
            Precision::Decade,
        )),
        RawDate::Season { season, year, rel } => {
            let r = reference;
            let y = match (year, rel, r) {
                (Some(y), _, _) => y,
                (None, Some(off), Some(r)) => r.year() + off,
                (None, None, Some(r)) => r.year(),
                _ => return None,
            };
            // Meteorological seasons, northern hemisphere; winter spans the year end.
            let (s, e) = match season {
                0 => (ymd(y, 12, 1)?, ymd(y + 1, 2, 28)?),
                1 => (ymd(y, 3, 1)?, ymd(y, 5, 31)?),
                2 => (ymd(y, 6, 1)?, ymd(y, 8, 31)?),
                _ => (ymd(y, 9, 1)?, ymd(y, 11, 30)?),
            };
            Some((s, e, Precision::Season))
        }
        RawDate::Weekday { weekday, rel } => {
            let r = reference?;
            let today = r.weekday().num_days_from_monday() as i64;
            let target = weekday.num_days_from_monday() as i64;
            let back = (today - target).rem_euclid(7);
            let fwd = (target - today).rem_euclid(7);
            let d = match rel {
                Some(-1) => r - Duration::days(if back == 0 { 7 } else { back }),
                Some(1) => r + Duration::days(if fwd == 0 { 7 } else { fwd }),
                // "planned for Wednesday" in Wednesday's paper is that day.
                _ if future => r + Duration::days(fwd),
                _ if tense == Tense::Either && fwd < back => r + Duration::days(fwd),
                _ => r - Duration::days(back),
            };
            Some((d, d, Precision::Day))
        }
        RawDate::DayOffset(n) => {
            let d = reference? + Duration::days(i64::from(n));
            Some((d, d, Precision::Day))
        }
        RawDate::Relative {
            unit: Unit::Weekend,
            offset,
        } => {
            let r = reference?;
            let wd = i64::from(r.weekday().num_days_from_monday()); // Saturday = 5, Sunday = 6
            let in_weekend = wd >= 5;
            let current = r - Duration::days(wd - 5);
            let previous = if in_weekend {
                current - Duration::days(7)
            } else {
                r - Duration::days(wd + 2)
            };
            let next = if in_weekend {
                current + Duration::days(7)
            } else {
                r + Duration::days(5 - wd)
            };
            let saturday = match offset {
                -1 => previous,
                1 => next,
                _ if in_weekend => current,
                _ if future => next,
                _ => previous,
            };
            Some((saturday, saturday + Duration::days(1), Precision::Week))
        }
        RawDate::Relative { unit, offset } => {
            let r = reference?;
            let shifted = add_units(r, i64::from(offset), unit)?;
            unit_span(shifted, unit)
        }
        RawDate::PartOf { unit, offset, part } => {
            let r = reference?;
            let (s, e, _) = unit_span(add_units(r, i64::from(offset), unit)?, unit)?;
            let (s, e) = part_of(s, e, Some(part));
            Some((s, e, precision_for(s, e)))
        }
        RawDate::ThisPart { unit, dir } => {
            let r = reference?;
            let (s, e, _) = unit_span(r, unit)?;
            let (s, e) = if dir < 0 { (s, r) } else { (r, e) };
            Some((s, e, precision_for(s, e)))
        }
        RawDate::Ago { n, unit } => {
            let r = reference?;
            let d = add_units(r, -i64::from(n), unit)?;
            match unit {
                Unit::Day => Some((d, d, Precision::Day)),
                _ => unit_span(d, unit),
            }
        }
        RawDate::Within { n, unit } => {
            let r = reference?;
            let e = add_units(r, i64::from(n), unit)?;
            Some((r, e, precision_for(r, e)))
        }
        RawDate::In { n, unit } => {
            if !future {
                return None;
            }
            let r = reference?;
            let d = add_units(r, i64::from(n), unit)?;
            match unit {
                Unit::Day => Some((d, d, Precision::Day)),
                _ => unit_span(d, unit),
            }
        }
        RawDate::Anchored { unit, offset } => {
            let d = add_units(anchor?, i64::from(offset), unit)?;
            unit_span(d, unit)
        }
        RawDate::After { n, unit, dir } => {
            let a = anchor?;
            let d = add_units(a, i64::from(dir) * i64::from(n), unit)?;
            match unit {
                Unit::Day => Some((d, d, Precision::Day)),
                _ => unit_span(d, unit),
            }
        }
    }
}

/// Resolve every mention of a sentence in place. `anchor` carries the last resolved date
/// forward through the article.
pub fn resolve_mentions(
    src: &str,
    mentions: &mut [DateMention],
    reference: Option<NaiveDate>,
    anchor: &mut Option<NaiveDate>,
) {
    // "set for May 19, 2026, with a runoff in June": a yearless month or day shortly after a
    // date with a stated year takes that year (before it, the year belongs to another event:
    // "recaptured it in March, two years after fighting erupted in April 2023").
    for i in 1..mentions.len() {
        let stated = mentions[..i].iter().rev().find_map(|m| match m.raw {
            RawDate::Full(d) => Some((d.year(), m.tok_end)),
            RawDate::MonthDay { year: Some(y), .. } | RawDate::Month { year: Some(y), .. } => {
                Some((y, m.tok_end))
            }
            _ => None,
        });
        let Some((y, after)) = stated else { continue };
        if mentions[i].tok_start > after + 10 || mentions[i].new_clause {
            continue;
        }
        match &mut mentions[i].raw {
            RawDate::MonthDay {
                year: year @ None,
                year_offset: None,
                ..
            } => *year = Some(y),
            RawDate::Month {
                year: year @ None,
                year_offset: None,
                rel: None,
                ..
            } => *year = Some(y),
            _ => {}
        }
    }
    for i in 0..mentions.len() {
        // "six months after the December 2024 ouster": the anchor follows in the sentence.
        let local_anchor = if matches!(mentions[i].raw, RawDate::After { dir: 1, .. }) {
            mentions[i + 1..]
                .iter()
                .find_map(|m| resolve(m.raw, m.tense, reference, None).map(|(s, _, _)| s))
                .or(*anchor)
        } else {
            *anchor
        };
        let m = &mut mentions[i];
        if let Some((start, end, precision)) = resolve(m.raw, m.tense, reference, local_anchor) {
            m.span = Some(DateSpan {
                text: src[m.start..m.end].to_owned(),
                start,
                end,
                precision,
                approximate: m.approximate,
            });
            *anchor = Some(start);
        }
    }
}

/// A date as written in metadata: ISO (with or without time), "November 1, 2025",
/// "1 Nov 2025", "2025/11/01", "01.11.2025", or an unambiguous "13/11/2025".
pub fn parse_written_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() >= 10
        && let Some(head) = s.get(..10)
        && let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d")
    {
        return Some(d);
    }
    let w = Words::new(s, 0, s.len());
    let t = Toks { w: &w };
    for i in 0..t.len() {
        // Skip a leading weekday ("Monday, November 10, 2025").
        match parse_at(&t, i) {
            Some((RawDate::Full(d), _, _)) => return Some(d),
            Some((
                RawDate::MonthDay {
                    month,
                    day,
                    year: Some(y),
                    ..
                },
                _,
                _,
            )) => return ymd(y, month, day),
            _ => {}
        }
    }
    // Numeric day-month-year forms.
    let parts: Vec<&str> = s.split(['.', '/', '-']).map(str::trim).collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        if nums.len() == 3 && parts[2].len() == 4 {
            let (a, b, y) = (nums[0], nums[1], nums[2] as i32);
            // Only when the order is unambiguous, or dotted (European day.month.year).
            if s.contains('.') || a > 12 {
                return ymd(y, b, a);
            }
            if b > 12 {
                return ymd(y, a, b);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Resolve all dates of one sentence: (text, start, end, precision, approximate).
    fn dates(
        sentence: &str,
        reference: NaiveDate,
    ) -> Vec<(String, NaiveDate, NaiveDate, Precision, bool)> {
        let w = Words::new(sentence, 0, sentence.len());
        let mut mentions = find_dates(&w);
        let mut anchor = None;
        resolve_mentions(sentence, &mut mentions, Some(reference), &mut anchor);
        mentions
            .into_iter()
            .filter_map(|m| m.span)
            .map(|s| (s.text, s.start, s.end, s.precision, s.approximate))
            .collect()
    }

    fn one(sentence: &str, reference: NaiveDate) -> (String, NaiveDate, NaiveDate) {
        let all = dates(sentence, reference);
        assert_eq!(all.len(), 1, "{sentence:?} → {all:?}");
        let (t, s, e, _, _) = all.into_iter().next().unwrap();
        (t, s, e)
    }

    #[test]
    fn absolute_dates() {
        let r = d(2025, 11, 1);
        assert_eq!(
            one("It happened on 10 November 2025.", r).1,
            d(2025, 11, 10)
        );
        assert_eq!(one("Signed on 2025-11-10 in Paris.", r).1, d(2025, 11, 10));
        assert_eq!(one("By Nov. 10, 2024 it was over.", r).1, d(2024, 11, 10));
        assert_eq!(
            one("Talks ended on the 3rd of March 2023.", r).1,
            d(2023, 3, 3)
        );
        let (text, s, e) = one(
            "The visit is expected to take place around November 10, noting more.",
            r,
        );
        assert_eq!(
            (text.as_str(), s, e),
            ("around November 10", d(2025, 11, 10), d(2025, 11, 10))
        );
        let all = dates("The visit is expected around November 10.", r);
        assert!(all[0].4, "around → approximate");
    }

    #[test]
    fn bare_month_day_follows_the_clause_tense() {
        let r = d(2025, 11, 1);
        // Past clause: last year's date.
        assert_eq!(
            one("Israeli forces invaded after December 8.", r).1,
            d(2024, 12, 8)
        );
        // Future clause: this year's.
        assert_eq!(
            one("The summit will open on December 8.", r).1,
            d(2025, 12, 8)
        );
        // Lone "May 23" is a date; lone "may" is a verb.
        assert_eq!(
            one("Elections were held May 23.", d(2025, 6, 1)).1,
            d(2025, 5, 23)
        );
        assert!(dates("Talks may also be disclosed.", r).is_empty());
        assert!(dates("May God help us.", r).is_empty());
    }

    #[test]
    fn dates_that_open_or_close_an_announced_span_are_the_nearest() {
        // Thursday 12 March 2026: the curfew starts the next day, not six days before.
        let thu = d(2026, 3, 12);
        assert_eq!(
            one("He announced a curfew along the road from Friday.", thu).1,
            d(2026, 3, 13)
        );
        // …but a span told in the past stays past: "closed from Monday" (three days back,
        // four ahead) and a plain "on Friday".
        let thu = d(2025, 10, 2);
        assert_eq!(
            one("The government ordered schools closed from Monday.", thu).1,
            d(2025, 9, 29)
        );
        assert_eq!(
            one("He announced a curfew on Friday.", thu).1,
            d(2025, 9, 26)
        );
        // "would last": no past cue; the span ends on the coming Thursday.
        let tue = d(2026, 8, 18);
        assert_eq!(
            one(
                "An official said the closure would last at least until Thursday.",
                tue
            )
            .1,
            d(2026, 8, 20)
        );
        // A month and day a month ahead, after a reporting verb: this year's.
        let cut = dates(
            "The agency will cut rations from Sept. 1, the agency said on Wednesday.",
            d(2026, 7, 30),
        );
        assert_eq!(cut[0].1, d(2026, 9, 1));
        // A present-tense schedule before a reported clause.
        assert_eq!(
            one(
                "Parliament returns from its break on Sept. 21, and the party has said it will act.",
                d(2026, 9, 3)
            )
            .1,
            d(2026, 9, 21)
        );
    }

    #[test]
    fn months_and_years() {
        let r = d(2025, 11, 11);
        let (_, s, e) = one("U.S. forces killed a leader in September.", r);
        assert_eq!((s, e), (d(2025, 9, 1), d(2025, 9, 30)));
        let (_, s, e) = one("It was formed in September 2014.", r);
        assert_eq!((s, e), (d(2014, 9, 1), d(2014, 9, 30)));
        let (_, s, _) = one("They overthrew Assad last December.", r);
        assert_eq!(s, d(2024, 12, 1));
        let (_, s, e) = one("The coalition was formed in 2014.", r);
        assert_eq!((s, e), (d(2014, 1, 1), d(2014, 12, 31)));
        assert_eq!(one("At war since 1948.", r).0, "since 1948");
        assert_eq!(one("Dismantled by 2019.", r).0, "by 2019");
        let (_, s, e) = one("Growth slowed in early 2025.", r);
        assert_eq!(s, d(2025, 1, 1));
        assert!(e <= d(2025, 5, 1), "{e}");
        let (_, s, e) = one("Fighting peaked in mid-September.", r);
        assert!(s >= d(2025, 9, 10) && e <= d(2025, 9, 21), "{s} {e}");
        let (_, s, e) = one("A war in the 1980s.", r);
        assert_eq!((s, e), (d(1980, 1, 1), d(1989, 12, 31)));
        // Counts are not years.
        assert!(dates("It has 2000 fighters and costs $2025.", r).is_empty());
        assert!(dates("between 70,000 and 100,000 fighters", r).is_empty());
    }

    #[test]
    fn december_last_year_in_january() {
        let r = d(2026, 1, 7);
        let (_, s, e) = one("He took power in December last year.", r);
        assert_eq!((s, e), (d(2025, 12, 1), d(2025, 12, 31)));
        // "last December" seen from January is the month just gone.
        assert_eq!(one("He took power last December.", r).1, d(2025, 12, 1));
        // …and from December itself, a year back.
        assert_eq!(
            one("He took power last December.", d(2025, 12, 20)).1,
            d(2024, 12, 1)
        );
        let (_, s, e) = one(
            "Sharaa warned last month that demands would threaten security.",
            r,
        );
        assert_eq!((s, e), (d(2025, 12, 1), d(2025, 12, 31)));
    }

    #[test]
    fn weekdays_land_on_the_right_day_across_month_and_year_ends() {
        // Wednesday 7 January 2026: "on Tuesday" is 6 January.
        assert_eq!(
            one("A statement was issued late Tuesday.", d(2026, 1, 7)).1,
            d(2026, 1, 6)
        );
        // Sunday 2 November 2025: "on Saturday" is 1 November.
        assert_eq!(
            one("Barrack announced on Saturday.", d(2025, 11, 2)).1,
            d(2025, 11, 1)
        );
        // Thursday 1 January 2026: "on Monday" crosses into December 2025.
        assert_eq!(one("They met on Monday.", d(2026, 1, 1)).1, d(2025, 12, 29));
        // Saturday 1 March 2025: "last Friday" is 28 February.
        assert_eq!(
            one("Protests began last Friday.", d(2025, 3, 1)).1,
            d(2025, 2, 28)
        );
        // Same weekday as the reference, past: that very day.
        assert_eq!(
            one("He spoke on Tuesday.", d(2025, 11, 11)).1,
            d(2025, 11, 11)
        );
        // Future clause: the coming one, across the year end.
        assert_eq!(
            one("He will travel on Friday.", d(2025, 12, 31)).1,
            d(2026, 1, 2)
        );
        assert_eq!(
            one("Trump posted on Monday night.", d(2025, 11, 11)).0,
            "on Monday night"
        );
        for (text, reference) in [
            ("on Monday", d(2025, 11, 11)),
            ("on Sunday", d(2024, 2, 29)),
        ] {
            let sentence = format!("They met {text}.");
            let got = one(&sentence, reference).1;
            assert_eq!(got.weekday().to_string()[..3], text[3..6]);
            assert!(got <= reference && (reference - got).num_days() < 7);
        }
    }

    #[test]
    fn the_verb_before_a_date_sets_its_tense() {
        // Tuesday 6 May 2025.
        let r = d(2025, 5, 6);
        assert_eq!(
            dates("Kemp said Monday that he will not run next year.", r)[0].1,
            d(2025, 5, 5)
        );
        assert_eq!(
            one("The runoff is scheduled for Monday.", r).1,
            d(2025, 5, 12)
        );
        // A plan for the paper's own weekday is that day.
        assert_eq!(
            one("Relatives planned to rally on Tuesday evening.", r).1,
            r
        );
        // Present-tense "expires" under "will": the coming date, not last year's.
        assert_eq!(
            one("Washington said it will not renew the license when it expires on April 18 unless candidates are allowed.", d(2024, 3, 14)).1,
            d(2024, 4, 18)
        );
    }

    #[test]
    fn ends_of_periods_and_adjectival_participles() {
        let r = d(2025, 11, 5);
        let (text, s, e) = one("Reserves should recover by the end of the year.", r);
        assert_eq!(text, "by the end of the year");
        assert!(s >= d(2025, 8, 1) && e == d(2025, 12, 31), "{s} {e}");
        assert_eq!(
            one("Last year’s summit in Baku ended late.", r).1.year(),
            2024
        );
        // "Newly elected" is an adjective: the seats are taken next month, not last December.
        assert_eq!(
            one("Newly elected lawmakers take their seats on Dec. 10.", r).1,
            d(2025, 12, 10)
        );
        assert_eq!(
            one(
                "Farmers protested ahead of European elections in June.",
                d(2024, 2, 27)
            )
            .1,
            d(2024, 6, 1)
        );
    }

    #[test]
    fn a_stated_year_carries_to_other_dates_of_the_sentence() {
        let all = dates(
            "The primary is set for May 19, 2026, with a runoff in June.",
            d(2025, 5, 6),
        );
        assert_eq!(all[1].1, d(2026, 6, 1));
        let all = dates(
            "It retook Khartoum in March, two years after fighting erupted there in April 2023.",
            d(2025, 10, 28),
        );
        assert_eq!(all[0].1, d(2025, 3, 1));
        let all = dates(
            "It invaded in February 2022, and it stepped up the campaign in March.",
            d(2024, 8, 27),
        );
        assert_eq!(all[1].1, d(2024, 3, 1));
    }

    #[test]
    fn relative_expressions() {
        let r = d(2025, 11, 1); // a Saturday
        assert_eq!(one("It happened yesterday.", r).1, d(2025, 10, 31));
        let (text, s, e) = one("The visit is planned within the next two weeks.", r);
        assert_eq!(
            (text.as_str(), s, e),
            ("within the next two weeks", r, d(2025, 11, 15))
        );
        let (_, s, e) = one("They will meet next week.", r);
        assert_eq!((s, e), (d(2025, 11, 3), d(2025, 11, 9)));
        let (_, s, e) = one("Prices rose last month.", r);
        assert_eq!((s, e), (d(2025, 10, 1), d(2025, 10, 31)));
        let (_, s, e) = one("Earlier this year, talks stalled.", r);
        assert_eq!((s, e), (d(2025, 1, 1), r));
        let (text, s, _) = one("It broke away over a decade ago.", r);
        assert_eq!(text, "over a decade ago");
        assert_eq!(s.year(), 2010);
        let all = dates("It broke away over a decade ago.", r);
        assert!(all[0].4, "over … ago is approximate");
        let (_, s, e) = one("Shaibani spoke over the weekend.", d(2025, 11, 2));
        assert_eq!((s, e), (d(2025, 11, 1), d(2025, 11, 2)));
        // "in 15 years" outside a future clause is a duration, not a date.
        assert!(dates("The first such meeting in 15 years.", r).is_empty());
        assert_eq!(one("The plant will open in two years.", r).1.year(), 2027);
    }

    #[test]
    fn anchored_relatives() {
        let r = d(2025, 11, 1);
        let text = "Assad fell in December 2024. Six months after, Syria joined.";
        let w = Words::new(text, 0, text.len());
        let mut mentions = find_dates(&w);
        let mut anchor = None;
        resolve_mentions(text, &mut mentions, Some(r), &mut anchor);
        let spans: Vec<_> = mentions.iter().filter_map(|m| m.span.clone()).collect();
        assert_eq!(spans.len(), 2);
        assert_eq!(
            (spans[1].start, spans[1].end),
            (d(2025, 6, 1), d(2025, 6, 30))
        );
    }

    #[test]
    fn dates_told_from_the_date_before_and_fixed_holidays() {
        let r = d(2026, 3, 12);
        let spans = |text: &str| {
            dates(text, r)
                .into_iter()
                .map(|(_, start, end, _, _)| (start, end))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            spans("The bomb exploded on Wednesday. Police were warned two days earlier."),
            [
                (d(2026, 3, 11), d(2026, 3, 11)),
                (d(2026, 3, 9), d(2026, 3, 9))
            ]
        );
        assert_eq!(
            spans("Floods hit the town in 2024. Later that year, the dam broke.")[1],
            (d(2024, 1, 1), d(2024, 12, 31))
        );
        assert_eq!(
            spans("Talks collapsed on March 2, and the union struck the same week.")[1],
            (d(2026, 3, 2), d(2026, 3, 8))
        );
        assert_eq!(
            spans("Fighting began on Jan. 30. The following day, the town fell.")[1],
            (d(2026, 1, 31), d(2026, 1, 31))
        );
        assert_eq!(
            spans("Protesters rallied late on New Year's Day.")[0],
            (d(2026, 1, 1), d(2026, 1, 1))
        );
        assert_eq!(
            spans("The market will reopen after Christmas Eve.")[0],
            (d(2026, 12, 24), d(2026, 12, 24))
        );
        // Not dates: "that" and "new" before other words, nothing to count from.
        assert!(spans("He said that day laborers were paid in new coins.").is_empty());
        assert!(spans("The New Year celebrations were muted.").is_empty());
    }

    #[test]
    fn written_dates_for_metadata() {
        assert_eq!(parse_written_date("2025-11-01"), Some(d(2025, 11, 1)));
        assert_eq!(
            parse_written_date("2025-11-01T08:30:00+02:00"),
            Some(d(2025, 11, 1))
        );
        assert_eq!(parse_written_date("November 1, 2025"), Some(d(2025, 11, 1)));
        assert_eq!(parse_written_date("Nov. 1, 2025"), Some(d(2025, 11, 1)));
        assert_eq!(parse_written_date("1 November 2025"), Some(d(2025, 11, 1)));
        assert_eq!(
            parse_written_date("Saturday, November 1, 2025"),
            Some(d(2025, 11, 1))
        );
        assert_eq!(parse_written_date("2025/11/01"), Some(d(2025, 11, 1)));
        assert_eq!(parse_written_date("01.11.2025"), Some(d(2025, 11, 1)));
        assert_eq!(parse_written_date("13/11/2025"), Some(d(2025, 11, 13)));
        assert_eq!(parse_written_date("11/01/2025"), None, "ambiguous");
        assert_eq!(parse_written_date("not a date"), None);
        assert_eq!(parse_written_date("2025-02-30"), None);
    }
}
