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
    /// A word that starts with an upper-case letter (set by the tokenizer: asked for every
    /// token by every tagger).
    pub cap: bool,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    pub fn is_punct(&self, src: &str, p: char) -> bool {
        if self.kind != TokKind::Punct {
            return false;
        }
        let bytes = src.as_bytes();
        if p.is_ascii() {
            return bytes.get(self.start) == Some(&(p as u8));
        }
        let mut buf = [0u8; 4];
        bytes
            .get(self.start..)
            .is_some_and(|b| b.starts_with(p.encode_utf8(&mut buf).as_bytes()))
    }

    /// Starts with an upper-case letter.
    pub fn is_capitalized(&self, _src: &str) -> bool {
        self.cap
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

/// The UTF-8 lead bytes of the non-ASCII double quotes of [`is_double_quote`] (“ ” „ ‟ « » ＂),
/// and of the ellipsis (…), for scanners that look for them bytewise.
pub const QUOTE_LEAD_BYTES: [u8; 3] = [0xE2, 0xC2, 0xEF];

/// The first byte at or after `from` that is one of the ASCII bytes `ascii` or one of the
/// UTF-8 lead bytes `lead`. Scanners that care about a few marks (terminators, quote marks)
/// use it to skip the text between them eight bytes at a time.
#[inline]
pub fn next_marker<const A: usize, const L: usize>(
    bytes: &[u8],
    from: usize,
    ascii: &[u8; A],
    lead: &[u8; L],
) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let is_marker = |b: u8| ascii.contains(&b) || lead.contains(&b);
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // Any non-ASCII byte, and any byte equal to one of `ascii` (the classic zero-byte
        // test on `w ^ b`): the lowest flagged byte is always a true candidate.
        let mut hit = if L == 0 { 0 } else { w & HIGH };
        for &b in ascii {
            let x = w ^ (ONES * u64::from(b));
            hit |= x.wrapping_sub(ONES) & !x & HIGH;
        }
        if hit == 0 {
            i += 8;
            continue;
        }
        let at = i + (hit.trailing_zeros() / 8) as usize;
        if is_marker(bytes[at]) {
            return Some(at);
        }
        // A non-ASCII byte that is not a wanted lead byte: look on from the next one.
        i = at + 1;
    }
    bytes
        .get(i..)?
        .iter()
        .position(|&b| is_marker(b))
        .map(|p| i + p)
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
        if b < 0x80 {
            if b.is_ascii_alphabetic() {
                i = scan_word(src, i, 1, to, b.is_ascii_uppercase(), &mut tokens);
            } else if b.is_ascii_digit() {
                i = scan_number(src, i, 1, to, &mut tokens);
            } else if b == b' ' || (b'\t'..=b'\r').contains(&b) {
                i += 1;
            } else {
                tokens.push(Token {
                    start: i,
                    end: i + 1,
                    kind: TokKind::Punct,
                    cap: false,
                });
                i += 1;
            }
            continue;
        }
        let Some(c) = src[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        if c.is_whitespace() {
            i += len;
        } else if c.is_alphabetic() {
            i = scan_word(src, i, len, to, c.is_uppercase(), &mut tokens);
        } else if c.is_numeric() {
            i = scan_number(src, i, len, to, &mut tokens);
        } else {
            tokens.push(Token {
                start: i,
                end: i + len,
                kind: TokKind::Punct,
                cap: false,
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

/// Letters or digits at byte `i` (before `to`).
fn alnum_at(src: &str, i: usize, to: usize) -> bool {
    i < to && char_at(src, i).is_some_and(|(c, _)| c.is_alphanumeric())
}

fn scan_word(
    src: &str,
    start: usize,
    first_len: usize,
    to: usize,
    cap: bool,
    tokens: &mut Vec<Token>,
) -> usize {
    let bytes = src.as_bytes();
    // Dotted acronym: single letters each followed by a dot (U.S., D.C., a.m.).
    let mut j = start + first_len;
    if bytes.get(j) == Some(&b'.') {
        let mut k = j + 1;
        let mut letters = 1;
        while k < to {
            match char_at(src, k) {
                Some((l, ll))
                    if l.is_alphabetic() && bytes.get(k + ll) == Some(&b'.') && k + ll < to =>
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
                cap,
            });
            return k;
        }
    }
    while j < to {
        // A run of ASCII letters and digits at once, the common case.
        j += bytes[j..to]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(to - j);
        if j >= to {
            break;
        }
        let b = bytes[j];
        if b < 0x80 {
            // Inner apostrophe or hyphen, when a letter or digit follows.
            if matches!(b, b'\'' | b'-' | b'`') && alnum_at(src, j + 1, to) {
                j += 1;
                continue;
            }
            break;
        }
        let Some((d, dl)) = char_at(src, j) else {
            break;
        };
        if d.is_alphanumeric()
            || ((is_apostrophe(d) || is_joiner_hyphen(d)) && alnum_at(src, j + dl, to))
        {
            j += dl;
        } else {
            break;
        }
    }
    tokens.push(Token {
        start,
        end: j,
        kind: TokKind::Word,
        cap,
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
        let b = bytes[j];
        if b.is_ascii_digit() {
            j += 1;
            continue;
        }
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
        cap: false,
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
    // News text is mostly ASCII: lower-case byte by byte (the general path is several times
    // slower and this runs for every token).
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        if s.as_bytes().contains(&b'`') {
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
    // Most words end in neither "s" nor an apostrophe (which is ASCII or multi-byte).
    if !matches!(
        s.as_bytes().last(),
        Some(b's' | b'S' | b'\'' | b'`' | 0x80..)
    ) {
        return s;
    }
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = s.strip_suffix(suffix) {
            return stem;
        }
    }
    s.trim_end_matches(is_apostrophe)
}

/// A short string built without allocating (lookup keys of names), moved to the heap only
/// past [`SmallKey::INLINE`] bytes.
#[derive(Debug, Clone)]
pub struct SmallKey {
    len: u8,
    buf: [u8; SmallKey::INLINE],
    spilled: Option<String>,
}

impl Default for SmallKey {
    fn default() -> Self {
        SmallKey {
            len: 0,
            buf: [0; SmallKey::INLINE],
            spilled: None,
        }
    }
}

impl SmallKey {
    pub const INLINE: usize = 46;

    /// The ASCII letters and digits of `bytes`, lower-cased.
    pub fn ascii_alnum_lower(bytes: &[u8]) -> Self {
        let mut key = SmallKey::default();
        if bytes.len() <= Self::INLINE {
            // The common case, without a branch per byte: every byte is written, and kept by
            // moving on only when it is a letter or digit. `len` is at most the byte's index,
            // so below INLINE.
            let mut len = 0;
            for &b in bytes {
                key.buf[len] = b.to_ascii_lowercase();
                len += usize::from(b.is_ascii_alphanumeric());
            }
            key.len = len as u8;
            return key;
        }
        let mut len = 0;
        for &b in bytes {
            if !b.is_ascii_alphanumeric() {
                continue;
            }
            if len == Self::INLINE {
                key.len = len as u8;
                key.push_slow(char::from(b.to_ascii_lowercase()));
                len = usize::MAX;
                continue;
            }
            if len == usize::MAX {
                key.push_slow(char::from(b.to_ascii_lowercase()));
                continue;
            }
            key.buf[len] = b.to_ascii_lowercase();
            len += 1;
        }
        if len != usize::MAX {
            key.len = len as u8;
        }
        key
    }

    #[inline]
    pub fn push(&mut self, c: char) {
        let at = usize::from(self.len);
        if self.spilled.is_none() && c.is_ascii() && at < Self::INLINE {
            self.buf[at] = c as u8;
            self.len += 1;
        } else {
            self.push_slow(c);
        }
    }

    pub fn push_str(&mut self, s: &str) {
        s.chars().for_each(|c| self.push(c));
    }

    pub fn clear(&mut self) {
        self.len = 0;
        self.spilled = None;
    }

    fn push_slow(&mut self, c: char) {
        if let Some(s) = &mut self.spilled {
            s.push(c);
            return;
        }
        let at = usize::from(self.len);
        if at + c.len_utf8() <= Self::INLINE {
            self.len += c.encode_utf8(&mut self.buf[at..]).len() as u8;
        } else {
            let mut heap = String::with_capacity(Self::INLINE * 2);
            heap.push_str(std::str::from_utf8(&self.buf[..at]).unwrap_or_default());
            heap.push(c);
            self.spilled = Some(heap);
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.spilled {
            Some(s) => s,
            None => {
                let bytes = &self.buf[..usize::from(self.len)];
                debug_assert!(std::str::from_utf8(bytes).is_ok());
                // SAFETY: only whole chars are ever written to `buf` (ASCII bytes by `push` and
                // `ascii_alnum_lower`, `encode_utf8` by `push_slow`), and `len` only ever ends
                // one, so `buf[..len]` is valid UTF-8. Checking it again cost 2 % of extraction
                // (keys are read hundreds of thousands of times per MB).
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
        }
    }
}

impl std::ops::Deref for SmallKey {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// A token's gazetteer key: a slice of its normal form, or built (without allocating) when
/// dots, hyphens or commas had to go.
#[derive(Debug, Clone)]
pub enum Key<'a> {
    Borrowed(&'a str),
    Built(SmallKey),
}

impl std::ops::Deref for Key<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Built(k) => k.as_str(),
        }
    }
}

impl AsRef<str> for Key<'_> {
    fn as_ref(&self) -> &str {
        self
    }
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
    /// The sentence with ASCII letters lower-cased, then the normalised forms of the tokens
    /// that need more (curly apostrophes, non-ASCII capitals, backticks); `norm_spans[i]` is
    /// token `i`'s form in it.
    norm_buf: String,
    norm_spans: Vec<(u32, u32)>,
    /// [`super::lexicon`] class bits of each token.
    pub flags: Vec<u32>,
}

impl<'a> Words<'a> {
    pub fn new(src: &'a str, from: usize, to: usize) -> Self {
        let toks = tokenize(src, from, to);
        // Lower-casing ASCII keeps every other byte, so spans stay valid: most tokens' normal
        // forms are slices of this copy, made in one pass.
        let mut norm_buf = src[from..to].to_ascii_lowercase();
        let mut norm_spans = Vec::with_capacity(toks.len());
        let mut flags = Vec::with_capacity(toks.len());
        // Most sentences are plain ASCII: then no token needs checking on its own.
        let plain = {
            let bytes = &src.as_bytes()[from..to];
            bytes.is_ascii() && !bytes.contains(&b'`')
        };
        for t in &toks {
            let raw = t.text(src);
            let (start, end) = if plain || raw.bytes().all(|b| b < 0x80 && b != b'`') {
                (t.start - from, t.end - from)
            } else {
                let start = norm_buf.len();
                push_norm(&mut norm_buf, raw);
                (start, norm_buf.len())
            };
            // Punctuation and numbers belong to no word class: skip the lookup.
            flags.push(if t.kind == TokKind::Word {
                super::lexicon::classes(&norm_buf[start..end])
            } else {
                0
            });
            norm_spans.push((start as u32, end as u32));
        }
        Words {
            src,
            toks,
            norm_buf,
            norm_spans,
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
        let Some(&(start, end)) = self.norm_spans.get(i) else {
            return "";
        };
        &self.norm_buf[start as usize..end as usize]
    }

    /// Original text of token `i` ("" past the end).
    pub fn raw(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.src[t.start..t.end])
    }

    /// Gazetteer key of token `i` ([`super::gazetteer::name_key`] of the token without its
    /// possessive); borrowed from the normalised form in the common case of a plain word.
    pub fn key(&self, i: usize) -> Key<'_> {
        let n = strip_possessive(self.n(i));
        if n.bytes().any(|b| matches!(b, b'.' | b'-' | b',')) {
            Key::Built(super::gazetteer::name_key_small(n))
        } else {
            Key::Borrowed(n)
        }
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
    fn ascii_keys_keep_letters_and_digits_past_the_inline_size() {
        let long = "Abc-1'x ".repeat(12);
        let expected: String = long
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        assert!(expected.len() > SmallKey::INLINE);
        assert_eq!(
            SmallKey::ascii_alnum_lower(long.as_bytes()).as_str(),
            expected
        );
        assert_eq!(
            SmallKey::ascii_alnum_lower(b"Al-Sharaa").as_str(),
            "alsharaa"
        );
    }

    #[test]
    fn small_keys_spill_to_the_heap_without_losing_text() {
        let mut k = SmallKey::default();
        let long = "al-Sharaa’s ".repeat(8);
        for c in long.chars() {
            k.push(c);
        }
        assert_eq!(k.as_str(), long);
        let mut short = SmallKey::default();
        "Sa’ar".chars().for_each(|c| short.push(c));
        assert!(short.spilled.is_none());
        assert_eq!(&*short, "Sa’ar");
    }

    proptest::proptest! {
        /// `as_str` does not check the bytes again (see its SAFETY note): whatever is pushed,
        /// in whatever order of short and long, ASCII and not, must read back as written.
        #[test]
        fn small_keys_read_back_what_was_pushed(
            parts in proptest::collection::vec("[a-z.' ]{0,12}|\\PC{0,8}", 0..8),
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..80),
        ) {
            let mut k = SmallKey::default();
            let mut want = String::new();
            for p in &parts {
                if p.len() % 2 == 0 {
                    k.push_str(p);
                } else {
                    p.chars().for_each(|c| k.push(c));
                }
                want.push_str(p);
            }
            proptest::prop_assert_eq!(k.as_str(), want.as_str());
            let alnum: String = bytes
                .iter()
                .filter(|b| b.is_ascii_alphanumeric())
                .map(|b| char::from(b.to_ascii_lowercase()))
                .collect();
            let key = SmallKey::ascii_alnum_lower(&bytes);
            proptest::prop_assert_eq!(key.as_str(), alnum.as_str());
        }
    }

    #[test]
    fn norm_folds_apostrophes_and_case() {
        assert_eq!(norm("Hay’at"), "hay'at");
        assert_eq!(strip_possessive("Sharaa’s"), "Sharaa");
        assert_eq!(strip_possessive("forces'"), "forces");
    }

    #[test]
    fn next_marker_finds_the_first_wanted_byte() {
        let naive = |b: &[u8], from: usize, ascii: &[u8], lead: &[u8]| {
            (from..b.len()).find(|&i| ascii.contains(&b[i]) || lead.contains(&b[i]))
        };
        let sentence = |b: &[u8], from| next_marker(b, from, b".!?\"", &QUOTE_LEAD_BYTES);
        let quote = |b: &[u8], from| next_marker(b, from, b"\"", &QUOTE_LEAD_BYTES);
        let dot = |b: &[u8], from| next_marker(b, from, b".", &[]);
        let texts = [
            "",
            "no marks at all in this rather long line of text",
            "Il a dit « non » hier. Puis: “oui”!",
            "ééééééééééééééééé. x",
            "abc.def?ghi!jkl\"mno",
            "日本語のテキスト、そして. 終わり",
        ];
        for text in texts {
            let b = text.as_bytes();
            for from in 0..=b.len() {
                let lead = [0xE2u8, 0xC2, 0xEF];
                assert_eq!(sentence(b, from), naive(b, from, b".!?\"", &lead));
                assert_eq!(quote(b, from), naive(b, from, b"\"", &lead));
                assert_eq!(dot(b, from), naive(b, from, b".", &[]));
            }
        }
    }
}
