//! Direct quotations: every span inside straight or curly double quotes, found per paragraph.
//! Speakers are attributed in `mod.rs`, which knows the article's people; this module finds
//! the spans and the speech cues around them.

use super::sentences::quote_opens_at;
use super::text::{QUOTE_LEAD_BYTES, is_double_quote, next_marker};

/// A quotation span: `start..end` is the text inside the marks; `open`/`close` are the byte
/// offsets of the marks themselves (`close == end` when the quote runs to the paragraph end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    pub open: usize,
    pub start: usize,
    pub end: usize,
    pub close: usize,
    /// Whether a closing mark ends it (a run-on quote stops at the paragraph end instead).
    pub closed: bool,
}

impl QuoteSpan {
    /// Byte just after the closing mark.
    pub fn after(&self, text: &str) -> usize {
        if self.close < text.len() {
            self.close + text[self.close..].chars().next().map_or(0, char::len_utf8)
        } else {
            self.close
        }
    }
}

/// Quote spans in `text[from..to]` (one paragraph). A quote left open at the paragraph end
/// closes there, as multi-paragraph quotes do in news style.
pub fn find_quotes(text: &str, from: usize, to: usize) -> Vec<QuoteSpan> {
    let para = &text[from..to];
    let bytes = para.as_bytes();
    let mut out = Vec::new();
    // (byte offset of the open mark, its length)
    let mut open: Option<(usize, usize)> = None;
    let mut next = 0;
    // Quote marks are '"' or start with 0xE2 (“ ” „ ‟), 0xC2 (« ») or 0xEF (＂).
    while let Some(pos) = next_marker(bytes, next, b"\"", &QUOTE_LEAD_BYTES) {
        next = pos + 1;
        let Some(c) = para[pos..].chars().next() else {
            continue;
        };
        if !is_double_quote(c) {
            continue;
        }
        let opens = quote_opens_at(para, pos, open.is_some());
        match (open, opens) {
            (None, true) => open = Some((pos, c.len_utf8())),
            (Some((opos, olen)), false) => {
                let start = from + opos + olen;
                let end = from + pos;
                if text[start..end].chars().any(char::is_alphanumeric) {
                    out.push(QuoteSpan {
                        open: from + opos,
                        start,
                        end,
                        close: end,
                        closed: true,
                    });
                }
                open = None;
            }
            // A second opener while one is open: the first was unbalanced; restart here.
            (Some(_), true) => open = Some((pos, c.len_utf8())),
            (None, false) => {}
        }
    }
    if let Some((opos, olen)) = open {
        let start = from + opos + olen;
        let end = from + para.trim_end().len();
        // Only a substantial run-on quote counts; a stray mark does not.
        if end > start && text[start..end].split_whitespace().count() >= 4 {
            out.push(QuoteSpan {
                open: from + opos,
                start,
                end,
                close: end,
                closed: false,
            });
        }
    }
    out
}

/// The quote's words, trimmed of surrounding spaces.
pub fn quote_text(text: &str, q: &QuoteSpan) -> (usize, usize) {
    let inner = &text[q.start..q.end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    (q.start + lead, q.end - trail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        find_quotes(text, 0, text.len())
            .iter()
            .map(|q| &text[q.start..q.end])
            .collect()
    }

    #[test]
    fn curly_and_straight_quotes() {
        assert_eq!(
            quotes("“We are trying,” Barrack said, calling it a \"breakthrough,\" and “huge.”"),
            vec!["We are trying,", "breakthrough,", "huge."]
        );
        assert_eq!(quotes("He said \"yes\" and \"no\"."), vec!["yes", "no"]);
        assert_eq!(quotes("It’s the 1990s’ “days” away"), vec!["days"]);
    }

    #[test]
    fn run_on_quotes_close_at_paragraph_end() {
        assert_eq!(
            quotes("“This goes on and on without an end"),
            vec!["This goes on and on without an end"]
        );
        assert!(quotes("a stray ” mark").is_empty());
        assert!(quotes("a stray “ mark").is_empty());
    }
}
