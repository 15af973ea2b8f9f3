//! Tokens with byte spans, and the character classes the taggers share.
//!
//! Matching is done on a normalised view of each token (curly apostrophes → straight, lower
//! case on demand); spans always point into the original text, which is never altered.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (possibly with inner hyphens/apostrophes/dots, e.g. "al-Sharaa", "Sa’ar", "U.S.").
    Word,
    /// Digits, possibly with inner separators ("70,000", "3.5", "1974").
    Number,
    /// One punctuation or symbol character.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    pub fn is_punct(&self, src: &str, p: char) -> bool {
        self.kind == TokKind::Punct && src[self.start..].starts_with(p)
    }

    /// Starts with an upper-case letter.
    pub fn is_capitalized(&self, src: &str) -> bool {
        self.kind == TokKind::Word
            && src[self.start..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }
}

/// Apostrophe-like characters inside words.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`')
}

/// Hyphen-like characters that join word parts ("al-Sharaa", "U.S.-led").
pub fn is_joiner_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Any double-quote mark.
pub fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '＂')
}

/// Dash characters that separate clauses or a dateline ("ERBIL —").
pub fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―')
}

/// Split `src[range]` into tokens. Words keep inner hyphens and apostrophes; dotted acronyms
/// ("U.S.", "D.C.") stay one token including their final dot.
///
/// Byte-oriented with a char fallback: ASCII, the bulk of news text, never decodes UTF-8.
pub fn tokenize(src: &str, from: usize, to: usize) -> Vec<Token> {
    let bytes = src.as_bytes();
    let mut tokens = Vec::with_capacity((to - from) / 5 + 4);
    let mut i = from;
    while i < to {
        let b = bytes[i];
        let (c, len) = if b < 0x80 {
            (char::from(b), 1)
        } else {
            match src[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if c.is_whitespace() {
            i += len;
        } else if c.is_alphabetic() {
            i = scan_word(src, i, len, to, &mut tokens);
        } else if c.is_numeric() {
            i = scan_number(src, i, len, to, &mut tokens);
        } else {
            tokens.push(Token {
                start: i,
                end: i + len,
                kind: TokKind::Punct,
            });
            i += len;
        }
    }
    tokens
}

/// The char at byte `i` (ASCII without decoding) and its length.
fn char_at(src: &str, i: usize) -> Option<(char, usize)> {
    let b = *src.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    src[i..].chars().next().map(|c| (c, c.len_utf8()))
}

fn scan_word(
    src: &str,
    start: usize,
    first_len: usize,
    to: usize,
    tokens: &mut Vec<Token>,
) -> usize {
    // Dotted acronym: single letters each followed by a dot (U.S., D.C., a.m.).
    let mut j = start + first_len;
    if src.as_bytes().get(j) == Some(&b'.') {
        let mut k = j + 1;
        let mut letters = 1;
        while k < to {
            match (char_at(src, k), src.as_bytes().get(k + 1)) {
                (Some((l, ll)), _)
                    if l.is_alphabetic()
                        && src.as_bytes().get(k + ll) == Some(&b'.')
                        && k + ll < to =>
                {
                    k += ll + 1;
                    letters += 1;
                }
                _ => break,
            }
        }
        if letters >= 2 {
            tokens.push(Token {
                start,
                end: k,
                kind: TokKind::Word,
            });
            return k;
        }
    }
    while j < to {
        let Some((d, dl)) = char_at(src, j) else {
            break;
        };
        let joins = (is_apostrophe(d) || is_joiner_hyphen(d))
            && j + dl < to
            && char_at(src, j + dl).is_some_and(|(n, _)| n.is_alphanumeric());
        if d.is_alphanumeric() || joins {
            j += dl;
        } else {
            break;
        }
    }
    tokens.push(Token {
        start,
        end: j,
        kind: TokKind::Word,
    });
    j
}

fn scan_number(
    src: &str,
    start: usize,
    first_len: usize,
    to: usize,
    tokens: &mut Vec<Token>,
) -> usize {
    let bytes = src.as_bytes();
    let mut j = start + first_len;
    let mut letters = false;
    while j < to {
        let Some((d, dl)) = char_at(src, j) else {
            break;
        };
        if d.is_alphanumeric() {
            letters |= !d.is_ascii_digit();
            j += dl;
        } else if matches!(d, ',' | '.') && j + 1 < to && bytes[j + 1].is_ascii_digit() {
            j += 1;
        } else {
            break;
        }
    }
    let kind = if letters {
        TokKind::Word
    } else {
        TokKind::Number
    };
    tokens.push(Token {
        start,
        end: j,
        kind,
    });
    j
}

/// Lower-case a token for lexicon lookups, folding curly apostrophes to straight ones and
/// hyphen variants to '-'.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_norm(&mut out, s);
    out
}

/// [`norm`] into an existing buffer.
pub fn push_norm(out: &mut String, s: &str) {
    // News text is mostly ASCII: lower-case bytes directly (the general path is several times
    // slower and this runs for every token).
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        if s.contains('`') {
            let folded = out[start..].replace('`', "'");
            out.truncate(start);
            out.push_str(&folded);
        }
        return;
    }
    for c in s.chars() {
        if is_apostrophe(c) {
            out.push('\'');
        } else if is_joiner_hyphen(c) {
            out.push('-');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Strip a possessive "'s" / "’s" / trailing apostrophe.
pub fn strip_possessive(s: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = s.strip_suffix(suffix) {
            return stem;
        }
    }
    s.trim_end_matches(is_apostrophe)
}

/// Clamp `i` down to a char boundary of `s`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A sentence's tokens with their normalised forms and lexicon classes, computed once and
/// shared by every tagger (the extractor's hot path: no allocation per token).
pub struct Words<'a> {
    pub src: &'a str,
    pub toks: Vec<Token>,
    /// All normalised forms, back to back; `norm_ends[i]` ends token `i`'s.
    norm_buf: String,
    norm_ends: Vec<u32>,
    /// [`super::lexicon`] class bits of each token.
    pub flags: Vec<u32>,
}

impl<'a> Words<'a> {
    pub fn new(src: &'a str, from: usize, to: usize) -> Self {
        let toks = tokenize(src, from, to);
        let mut norm_buf = String::with_capacity(to - from);
        let mut norm_ends = Vec::with_capacity(toks.len());
        let mut flags = Vec::with_capacity(toks.len());
        for t in &toks {
            let start = norm_buf.len();
            push_norm(&mut norm_buf, t.text(src));
            // Punctuation and numbers belong to no word class: skip the lookup.
            flags.push(if t.kind == TokKind::Word {
                super::lexicon::classes(&norm_buf[start..])
            } else {
                0
            });
            norm_ends.push(norm_buf.len() as u32);
        }
        Words {
            src,
            toks,
            norm_buf,
            norm_ends,
            flags,
        }
    }

    /// Normalised forms of tokens `lo..hi`.
    pub fn norms(&self, lo: usize, hi: usize) -> impl Iterator<Item = &str> + '_ {
        (lo..hi.min(self.len())).map(|i| self.n(i))
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Normalised text of token `i` ("" past the end).
    pub fn n(&self, i: usize) -> &str {
        let Some(&end) = self.norm_ends.get(i) else {
            return "";
        };
        let start = if i == 0 { 0 } else { self.norm_ends[i - 1] };
        &self.norm_buf[start as usize..end as usize]
    }

    /// Original text of token `i` ("" past the end).
    pub fn raw(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.src[t.start..t.end])
    }

    pub fn has(&self, i: usize, class: u32) -> bool {
        self.flags.get(i).is_some_and(|f| f & class != 0)
    }

    pub fn is_cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_capitalized(self.src))
    }

    pub fn is_num(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Number)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(Token::is_word)
    }

    pub fn is_punct(&self, i: usize, p: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_punct(self.src, p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0, s.len()).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn tokenizes_names_acronyms_and_numbers() {
        assert_eq!(
            words(
                "U.S.-led talks with al-Sharaa’s Sa’ar in D.C. on Nov. 10, 2025: 70,000 fighters."
            ),
            vec![
                "U.S.",
                "-",
                "led",
                "talks",
                "with",
                "al-Sharaa’s",
                "Sa’ar",
                "in",
                "D.C.",
                "on",
                "Nov",
                ".",
                "10",
                ",",
                "2025",
                ":",
                "70,000",
                "fighters",
                "."
            ]
        );
        assert_eq!(
            words("“Hello,” he said—twice."),
            vec!["“", "Hello", ",", "”", "he", "said", "—", "twice", "."]
        );
        assert_eq!(
            words("the 1990s and 3rd"),
            vec!["the", "1990s", "and", "3rd"]
        );
    }

    #[test]
    fn norm_folds_apostrophes_and_case() {
        assert_eq!(norm("Hay’at"), "hay'at");
        assert_eq!(strip_possessive("Sharaa’s"), "Sharaa");
        assert_eq!(strip_possessive("forces'"), "forces");
    }
}
