//! Decoding and ingest of arbitrary bytes as each kind of article file, and as a folder's
//! `sources.csv` and front matter: never a panic, and a document's text is valid UTF-8 that
//! the extractor can index.
#![no_main]

use chronomap::corpus::{self, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in [Format::Text, Format::Markdown, Format::Html] {
        if let Ok(doc) = corpus::ingest_bytes("fuzz", None, data, format, &[]) {
            // A byte-order mark opens no text (one inside the text is content).
            assert!(!doc.text.starts_with('\u{feff}'));
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = corpus::metadata::parse_sources_csv(text, "sources.csv");
        let _ = corpus::metadata::parse_front_matter(text);
        let _ = corpus::html::html_to_text(text);
    }
});
