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
pub fn tokenize(src: &str, from: usize, to: usize) -> Vec<Token> {
    let mut tokens = Vec::with_capacity((to - from) / 5 + 4);
    let s = &src[from..to];
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let start = from + i;
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            // Dotted acronym: single letters each followed by a dot (U.S., D.C., a.m.).
            if s[i + c.len_utf8()..].starts_with('.') {
                let mut j = i + c.len_utf8() + 1;
                let mut letters = 1;
                loop {
                    let mut cs = s[j..].chars();
                    match (cs.next(), cs.next()) {
                        (Some(l), Some('.')) if l.is_alphabetic() => {
                            j += l.len_utf8() + 1;
                            letters += 1;
                        }
                        _ => break,
                    }
                }
                if letters >= 2 {
                    tokens.push(Token {
                        start,
                        end: from + j,
                        kind: TokKind::Word,
                    });
                    while iter.peek().is_some_and(|&(k, _)| k < j) {
                        iter.next();
                    }
                    continue;
                }
            }
            while let Some(&(k, d)) = iter.peek() {
                if d.is_alphanumeric() {
                    end = from + k + d.len_utf8();
                    iter.next();
                } else if (is_apostrophe(d) || is_joiner_hyphen(d))
                    && s[k + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                {
                    iter.next();
                    end = from + k + d.len_utf8();
                } else {
                    break;
                }
            }
            tokens.push(Token {
                start,
                end,
                kind: TokKind::Word,
            });
        } else if c.is_ascii_digit() || c.is_numeric() {
            let mut end = start + c.len_utf8();
            while let Some(&(k, d)) = iter.peek() {
                if d.is_alphanumeric() {
                    end = from + k + d.len_utf8();
                    iter.next();
                } else if matches!(d, ',' | '.')
                    && s[k + 1..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_ascii_digit())
                {
                    iter.next();
                    end = from + k + 1;
                } else {
                    break;
                }
            }
            let kind = if src[start..end]
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            {
                TokKind::Number
            } else {
                TokKind::Word
            };
            tokens.push(Token { start, end, kind });
        } else {
            tokens.push(Token {
                start,
                end: start + c.len_utf8(),
                kind: TokKind::Punct,
            });
        }
    }
    tokens
}

/// Lower-case a token for lexicon lookups, folding curly apostrophes to straight ones.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_apostrophe(c) {
            out.push('\'');
        } else if is_joiner_hyphen(c) {
            out.push('-');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
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
