//! Paragraphs and sentences with byte spans.
//!
//! Sentence ends are `.`, `!`, `?` (optionally followed by closing quotes or brackets) before
//! white space and an upper-case letter, digit or opening quote, except after abbreviations
//! ("Gen.", "Nov.", "U.S."), initials ("Donald J. Trump") and inside quotations, which are kept
//! whole. Line breaks end paragraphs unless the file is hard-wrapped, in which case only blank
//! lines do.

use super::text::{QUOTE_LEAD_BYTES, is_double_quote, next_marker};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph the sentence belongs to.
    pub paragraph: usize,
}

/// Words after which a period never ends a sentence (compared lower-case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm",
    "cmdr", "gov", "sen", "rep", "rev", "st", "sr", "jr", "pres", "amb", "hon", "gens", "brig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "vs", "etc", "inc", "corp", "ltd", "co", "approx", "est", "dept", "univ", "fig", "vol",
    "ft", "mt", "ave", "blvd", "rd", "mln", "bn", "min", "max", "e.g", "i.e", "cf", "al",
];

/// Function words that start a new sentence after a dotted acronym ("… the U.S. The …").
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "On",
    "At",
    "A",
    "An",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "There",
    "However",
    "Meanwhile",
    "After",
    "Before",
    "When",
    "While",
    "As",
    "If",
    "Since",
    "Earlier",
    "Later",
    "Last",
    "Now",
];

/// Split an article into paragraphs: `(start, end)` byte ranges of non-empty text.
pub fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let hard_wrapped = is_hard_wrapped(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    let mut prev_line_len = 0usize;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let line_start = offset;
        offset += line.len();
        if body.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push((s, end));
            }
            prev_line_len = 0;
            continue;
        }
        let lead = body.len() - body.trim_start().len();
        let content_start = line_start + lead;
        let content_end = line_start + body.trim_end().len();
        let continues = hard_wrapped && start.is_some() && prev_line_len > 0 && {
            // In hard-wrapped text a short line that ends a sentence ends its paragraph.
            let prev_text = text[..end].trim_end();
            !(prev_text.ends_with(['.', '!', '?', ':', '”', '"']) && prev_line_len < 45)
        };
        if !continues && let Some(s) = start.take() {
            out.push((s, end));
        }
        if start.is_none() {
            start = Some(content_start);
        }
        end = content_end;
        prev_line_len = body.trim().len();
    }
    if let Some(s) = start {
        out.push((s, end));
    }
    out
}

/// Hard-wrapped text has many lines of similar, modest length that stop mid-sentence.
fn is_hard_wrapped(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).peekable();
    let mut long = 0;
    let mut mid_sentence = 0;
    while let (Some(line), Some(&next)) = (lines.next(), lines.peek()) {
        // Counting chars only matters past 40 bytes (fewer chars than bytes).
        let len = if line.len() < 40 {
            line.len()
        } else {
            line.chars().count()
        };
        if len > 100 {
            // A long line: not hard-wrapped, whatever follows.
            return false;
        }
        if len >= 40 && !next.is_empty() {
            long += 1;
            if !line.ends_with(['.', '!', '?', ':', '”', '"', ';']) {
                mid_sentence += 1;
            }
        }
    }
    long >= 4 && mid_sentence * 3 >= long
}

/// Longest sentence kept whole. News sentences run to a few hundred bytes; a longer run is
/// a table, a list without stops or a page squashed onto one line, and per-sentence work
/// (triggers, dates and summaries look across the sentence) must stay bounded on it.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

/// Sentences of the whole text.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    split_paragraphs(text, &paragraphs(text))
}

/// [`split_sentences`] over paragraphs already found.
pub fn split_paragraphs(text: &str, paragraphs: &[(usize, usize)]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (p, &(start, end)) in paragraphs.iter().enumerate() {
        split_paragraph(text, start, end, p, &mut out);
    }
    if out.iter().any(|s| s.end - s.start > MAX_SENTENCE_BYTES) {
        out = out.into_iter().flat_map(|s| cut_long(text, s)).collect();
    }
    out
}

/// A sentence over [`MAX_SENTENCE_BYTES`] in pieces cut at white space (after a comma or
/// semicolon when there is one in the last quarter of the piece).
fn cut_long(text: &str, s: Sentence) -> Vec<Sentence> {
    let mut pieces = Vec::new();
    let mut start = s.start;
    while s.end - start > MAX_SENTENCE_BYTES {
        let mut limit = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[start..limit];
        let mut quarter = window.len() * 3 / 4;
        while !window.is_char_boundary(quarter) {
            quarter -= 1;
        }
        let cut = window[quarter..]
            .rfind([',', ';'])
            .map(|i| quarter + i + 1)
            .or_else(|| window.rfind(char::is_whitespace))
            .filter(|&i| i > 0)
            .unwrap_or(window.len());
        pieces.push(Sentence {
            start,
            end: trim_end(text, start, start + cut),
            paragraph: s.paragraph,
        });
        start += cut;
        start += text[start..s.end].len() - text[start..s.end].trim_start().len();
    }
    if start < s.end {
        pieces.push(Sentence {
            start,
            end: s.end,
            paragraph: s.paragraph,
        });
    }
    pieces
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

fn split_paragraph(
    text: &str,
    start: usize,
    end: usize,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    let para = &text[start..end];
    let bytes = para.as_bytes();
    let mut sentence_start = 0usize;
    let mut in_quote = false;
    let mut pos = 0usize;
    while pos < bytes.len() {
        // Only terminators and quote marks matter; skip everything else. Multi-byte
        // candidates (“ ” … « » ＂) start with 0xE2, 0xC2 or 0xEF.
        match next_marker(bytes, pos, b".!?\"", &QUOTE_LEAD_BYTES) {
            Some(at) => pos = at,
            None => break,
        }
        let Some(c) = para[pos..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        if is_double_quote(c) {
            in_quote = quote_opens_at(para, pos, in_quote);
        }
        if matches!(c, '.' | '!' | '?' | '…') {
            // Swallow runs of terminators and closing quotes/brackets.
            let mut j = pos + len;
            let mut closes_quote = false;
            while let Some(d) = para[j..].chars().next() {
                if matches!(d, '.' | '!' | '?' | '…' | ')' | ']' | '’' | '\'') {
                    j += d.len_utf8();
                } else if is_double_quote(d) && !quote_opens_at(para, j, in_quote) {
                    closes_quote = true;
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            if (!in_quote || closes_quote) && ends_sentence(para, pos, j) {
                push(out, start, sentence_start, j, para, paragraph);
                let k = j + (para[j..].len() - para[j..].trim_start().len());
                sentence_start = k;
                in_quote = false;
                pos = k;
                continue;
            }
            if closes_quote {
                in_quote = false;
            }
            pos = j;
            continue;
        }
        pos += len;
    }
    if sentence_start < para.len() {
        push(out, start, sentence_start, para.len(), para, paragraph);
    }
}

fn push(out: &mut Vec<Sentence>, base: usize, s: usize, e: usize, para: &str, paragraph: usize) {
    let slice = &para[s..e];
    let trimmed_end = s + slice.trim_end().len();
    if trimmed_end > s {
        out.push(Sentence {
            start: base + s,
            end: base + trimmed_end,
            paragraph,
        });
    }
}

/// Whether the double quote at byte `pos` of `para` opens a quotation, given whether one is
/// open. Curly and angle quotes say which they are; a straight quote is read from the spaces
/// around it.
pub(crate) fn quote_opens_at(para: &str, pos: usize, in_quote: bool) -> bool {
    let Some(c) = para[pos..].chars().next() else {
        return false;
    };
    match c {
        '“' | '„' | '«' => true,
        '»' => false,
        _ => {
            let before = para[..pos].chars().next_back();
            let after = para[pos + c.len_utf8()..].chars().next();
            let space_before = before.is_none_or(|b| {
                b.is_whitespace() || matches!(b, '(' | '[' | '—' | '–' | '-' | '/')
            });
            let space_after = after.is_none_or(|a| {
                a.is_whitespace() || matches!(a, ',' | '.' | ';' | ':' | ')' | '!' | '?')
            });
            if space_before && !space_after {
                true
            } else if !space_before && space_after {
                false
            } else {
                // Ambiguous: toggle.
                !in_quote
            }
        }
    }
}

const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Whether the terminator at byte `dot` (its run ending at byte `j`) ends a sentence.
fn ends_sentence(para: &str, dot: usize, j: usize) -> bool {
    // Needs white space then a sentence-like start.
    let rest = &para[j..];
    let Some(first) = rest.chars().next() else {
        return true;
    };
    if !first.is_whitespace() {
        return false;
    }
    let next_pos = j + (rest.len() - rest.trim_start().len());
    let Some(next) = para[next_pos..].chars().next() else {
        return true;
    };
    let starts_like_sentence = next.is_uppercase()
        || next.is_ascii_digit()
        || is_double_quote(next)
        || matches!(next, '(' | '[' | '‘' | '\'' | '•' | '-' | '—');
    if !starts_like_sentence {
        return false;
    }
    if !para[dot..].starts_with('.') {
        return true;
    }
    // The word before the period.
    let word_start = para[..dot]
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '—' | '–'))
        .map_or(0, |p| {
            p + para[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &para[word_start..dot];
    let next_end = para[next_pos..]
        .find(|c: char| !c.is_alphanumeric())
        .map_or(para.len(), |e| next_pos + e);
    let next_word = &para[next_pos..next_end];
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    // Initials: "Donald J. Trump".
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false;
    }
    // Dotted acronyms ("U.S.", "D.C.") end a sentence only before a typical sentence opener.
    if word.contains('.') && letters.by_ref().count() <= 4 {
        return SENTENCE_STARTERS.contains(&next_word);
    }
    let bare = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(bare)) {
        // A month abbreviation ends a sentence only when no day number follows.
        let is_month = MONTH_ABBREVIATIONS
            .iter()
            .any(|a| a.eq_ignore_ascii_case(bare));
        return is_month && !next.is_ascii_digit() && SENTENCE_STARTERS.contains(&next_word);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            sentences(
                "Maj. Gen. Oded Basyuk met U.S. officials in Washington, D.C. on Nov. 10. \
                 President Donald J. Trump spoke. It ended."
            ),
            vec![
                "Maj. Gen. Oded Basyuk met U.S. officials in Washington, D.C. on Nov. 10.",
                "President Donald J. Trump spoke.",
                "It ended."
            ]
        );
    }

    #[test]
    fn acronym_at_sentence_end_splits_before_a_sentence_opener() {
        assert_eq!(
            sentences("Syria joined the coalition led by the U.S. The move surprised many."),
            vec![
                "Syria joined the coalition led by the U.S.",
                "The move surprised many."
            ]
        );
    }

    #[test]
    fn quotes_are_kept_whole() {
        let text = "“I look forward to meeting. Everyone is talking. Having peace matters,” Trump wrote. \
                    He quoted Trump’s statement that “we have to help Syria.” The Global Coalition met.";
        assert_eq!(
            sentences(text),
            vec![
                "“I look forward to meeting. Everyone is talking. Having peace matters,” Trump wrote.",
                "He quoted Trump’s statement that “we have to help Syria.”",
                "The Global Coalition met."
            ]
        );
        let straight = "Barrack said: \"It works. It is huge.\" Then he left.";
        assert_eq!(
            sentences(straight),
            vec!["Barrack said: \"It works. It is huge.\"", "Then he left."]
        );
    }

    #[test]
    fn lines_are_paragraphs_unless_hard_wrapped() {
        let text = "Headline Without Period\nFirst sentence here. Second one.\n\nThird.";
        let s = split_sentences(text);
        assert_eq!(
            s.iter().map(|s| &text[s.start..s.end]).collect::<Vec<_>>(),
            vec![
                "Headline Without Period",
                "First sentence here.",
                "Second one.",
                "Third."
            ]
        );
        assert_eq!(
            s.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
            vec![0, 1, 1, 2]
        );

        let wrapped = "The minister arrived in the capital on Monday for\n\
                       talks with officials from several countries that\n\
                       had gathered for the summit. He was greeted by\n\
                       the president and the foreign minister of the\n\
                       host country.\n\nA new paragraph starts here and\nends here.";
        let p = paragraphs(wrapped);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(sentences(wrapped).len(), 3);
    }

    #[test]
    fn run_on_lines_are_cut_into_bounded_pieces() {
        let line =
            "Delegates met in Antalya on Thursday and talked, at length, about it ".repeat(400);
        let sentences = split_sentences(&line);
        assert!(sentences.len() > 10);
        let mut at = 0;
        for s in &sentences {
            assert!(s.end - s.start <= MAX_SENTENCE_BYTES, "{s:?}");
            assert!(
                s.start >= at && line.is_char_boundary(s.start) && line.is_char_boundary(s.end)
            );
            // Pieces cover the text up to white space.
            assert!(line[at..s.start].trim().is_empty());
            at = s.end;
        }
        assert!(line[at..].trim().is_empty());
        // Multi-byte text is cut on character boundaries.
        let arabic = "وصل المبعوث إلى الرياض يوم الأحد ".repeat(300);
        for s in split_sentences(&arabic) {
            assert!(arabic.is_char_boundary(s.start) && arabic.is_char_boundary(s.end));
        }
        // Found by fuzzing (stop 13): a run of three-byte marks with no space or comma put the
        // search for a comma in the piece's last quarter inside a character.
        let marks = format!("a{}", "“".repeat(1000));
        let pieces = split_sentences(&marks);
        assert!(pieces.len() > 1);
        for s in pieces {
            assert!(marks.is_char_boundary(s.start) && marks.is_char_boundary(s.end));
        }
    }
}
