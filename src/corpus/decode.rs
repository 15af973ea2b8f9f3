//! Bytes → text. Detects the encoding (BOM, a declared HTML charset, valid UTF-8, then
//! chardetng's statistical detector for legacy encodings) instead of assuming one, and refuses
//! binary data with a reason the user can act on.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Why a file could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty file")]
    Empty,
    #[error("binary file ({0}), not text")]
    Binary(&'static str),
    #[error("could not decode the text as {0} (too many invalid characters)")]
    Undecodable(&'static str),
}

/// Decoded text and the name of the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decode `bytes`. `html` enables `<meta charset>` sniffing.
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(encoding, &bytes[bom_len..]);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return finish(encoding, bytes);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary("contains NUL bytes"));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text(text.to_owned(), "UTF-8");
    }
    if html && let Some(encoding) = declared_html_charset(bytes) {
        // A page that declares UTF-8 but is not valid UTF-8 is usually really Windows-1252.
        if encoding != UTF_8 {
            return finish(encoding, bytes);
        }
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, true);
    finish(encoding, bytes)
}

fn finish(encoding: &'static Encoding, bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        // A few broken characters are tolerable in a news article; a mostly broken file is not.
        if bad * 50 > text.chars().count().max(1) {
            return Err(DecodeError::Undecodable(encoding.name()));
        }
    }
    check_text(text.into_owned(), encoding.name())
}

/// Text that decoded but is mostly control characters is binary data in disguise.
fn check_text(text: String, encoding: &'static str) -> Result<Decoded, DecodeError> {
    // A byte-order mark left at the start (a second one after the real BOM, or one saved by
    // an editor into a file of another encoding) is invisible and would glue onto the first
    // word. Found by fuzzing.
    let text = match text.trim_start_matches('\u{feff}') {
        rest if rest.len() < text.len() => rest.to_owned(),
        _ => text,
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    if control * 20 > total {
        return Err(DecodeError::Binary("mostly control characters"));
    }
    Ok(Decoded { text, encoding })
}

/// Well-known binary formats that people drop into article folders by accident.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive or Office document"),
        (b"\x1f\x8b", "gzip archive"),
        (b"\x7fELF", "executable"),
        (b"MZ", "Windows executable"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "legacy Office document",
        ),
        (b"{\\rtf", "RTF document"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
        .or_else(|| {
            (bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP")
                .then_some("WebP image")
        })
}

/// UTF-16 text saved without a BOM shows up as every other byte being NUL.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 > pairs * 7 && even_nul * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 > pairs * 7 && odd_nul * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// `<meta charset="...">` or `<meta http-equiv="Content-Type" content="...; charset=...">` in
/// the first 4 KiB, as browsers do.
fn declared_html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let pos = find(&lower, b"charset=")?;
    let rest = &head[pos + b"charset=".len()..];
    let rest = rest
        .iter()
        .position(|b| !matches!(b, b'"' | b'\'' | b' '))
        .map_or(&[][..], |s| &rest[s..]);
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b' ' | b';' | b'>' | b'/'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("Damascus — “quoted”".as_bytes(), false).unwrap();
        assert_eq!(plain.text, "Damascus — “quoted”");
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend_from_slice("Erbil".as_bytes());
        let d = decode(&bom, false).unwrap();
        assert_eq!(d.text, "Erbil");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_bom_both_endians() {
        let text = "Sa’ar said “hello” in Jérusalem";
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le, false).unwrap().text, text);
        assert_eq!(decode(&be, false).unwrap().text, text);
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let text = "The minister arrived in Paris on Monday.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le, false).unwrap().text, text);
    }

    #[test]
    fn windows_1252_is_detected_not_mangled() {
        // "Café in Señor’s “quote”" in Windows-1252.
        let bytes =
            b"Le caf\xe9 du Se\xf1or\x92s \x93quote\x94 \xe0 Paris, pr\xe8s de l'\xe9glise.";
        let d = decode(bytes, false).unwrap();
        assert!(d.text.contains("café"), "{}", d.text);
        assert!(d.text.contains("Señor’s “quote”"), "{}", d.text);
    }

    #[test]
    fn html_meta_charset_is_honoured() {
        let bytes = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        let d = decode(bytes, true).unwrap();
        assert!(d.text.contains("café"));
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b"", false), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\t ", false), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", false),
            Err(DecodeError::Binary("PNG image"))
        );
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(decode(&noise, false), Err(DecodeError::Binary(_))));
    }

    #[test]
    fn no_text_starts_with_a_byte_order_mark() {
        // Found by the ingest fuzz target: a UTF-16 BOM followed by a second BOM.
        let decoded = decode(&[0xFF, 0xFE, 0xFF, 0xFE, b'O', 0], false).unwrap();
        assert_eq!(decoded.text, "O");
        let decoded = decode("\u{feff}\u{feff}Paris".as_bytes(), false).unwrap();
        assert_eq!(decoded.text, "Paris");
        // And after Markdown markup is removed: `\u{feff}` between backticks.
        let bytes = [0xFF, 0xFE, b'`', 0, 0xFF, 0xFE, b'`', 0];
        let doc =
            crate::corpus::ingest_bytes("x.md", None, &bytes, crate::corpus::Format::Markdown, &[]);
        if let Ok(doc) = doc {
            assert!(!doc.text.starts_with('\u{feff}'), "{:?}", doc.text);
        }
    }
}
