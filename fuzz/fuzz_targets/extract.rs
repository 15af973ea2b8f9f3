//! The extractor on arbitrary text against an arbitrary reference date: sentences, dates,
//! places, actors, quotes, events. Never a panic; every span points into the text on character
//! boundaries; every resolved date span has start <= end.
#![no_main]

use chrono::NaiveDate;
use chronomap::model::{Article, ArticleId, PublishedBasis};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (date, text) = match data.split_first_chunk::<2>() {
        Some((d, rest)) => (u16::from_le_bytes(*d), rest),
        None => (0, data),
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    // Any day from 1990 to the 2160s, or none.
    let published = (date != 0).then(|| {
        NaiveDate::from_ymd_opt(1990, 1, 1).expect("date") + chrono::Days::new(u64::from(date))
    });
    let mut article = Article {
        id: ArticleId::from_index(0),
        path: "fuzz.txt".to_owned(),
        title: None,
        outlet: None,
        url: None,
        published,
        published_basis: PublishedBasis::Unknown,
        published_evidence: None,
        place: None,
        text: text.to_owned(),
    };
    let ex = chronomap::extract::extract_article(&mut article);
    for e in &ex.events {
        let [a, b] = e.span;
        assert!(a <= b && b <= text.len());
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        if let Some(w) = &e.when {
            assert!(w.start <= w.end, "{w:?}");
        }
    }
    for q in &ex.quotes {
        let [a, b] = q.span;
        assert!(a <= b && b <= text.len());
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
    }
});
