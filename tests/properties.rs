//! Property tests: the parsers and the extractor never panic on any input, and the date
//! resolver keeps its invariants (spans ordered, weekdays on their weekday, relative dates near
//! their reference).

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use proptest::prelude::*;

use chronomap::corpus::{decode::decode, html::html_to_text, markdown::markdown_to_text};
use chronomap::extract::dates::{find_dates, resolve_mentions};
use chronomap::extract::text::Words;
use chronomap::model::{Article, ArticleId, PublishedBasis};

fn reference() -> impl Strategy<Value = NaiveDate> {
    (0i64..36_500)
        .prop_map(|d| NaiveDate::from_ymd_opt(1950, 1, 1).expect("valid") + Duration::days(d))
}

/// Text made of news-like pieces, so the taggers' interesting paths are exercised, mixed with
/// arbitrary characters.
fn newsy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "on Monday",
        "last Friday",
        "next week",
        "in September",
        "December last year",
        "May 23",
        "10 November 2025",
        "2025-11-10",
        "early 2025",
        "since 1948",
        "within the next two weeks",
        "six months after",
        "over a decade ago",
        "yesterday",
        "“",
        "”",
        "\"",
        ",",
        ".",
        " said ",
        " Barrack",
        " al-Sharaa",
        " U.S.",
        " Gen.",
        " Paris",
        " Washington",
        " in ",
        " the ",
        "\n",
        "\n\n",
        "’s",
        " — ",
        "(",
        ")",
        " visit ",
        " killed ",
        " he said.",
        " Syrian ",
        " President ",
        " White House",
        " Golan Heights",
        " 70,000",
        " 1974",
        " Nov. ",
        " D.C.",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_owned), "\\PC{0,8}"],
        0..60,
    )
    .prop_map(|v| v.concat())
}

fn article(text: String, published: Option<NaiveDate>) -> Article {
    Article {
        id: ArticleId(0),
        path: "prop.txt".to_owned(),
        title: None,
        outlet: None,
        url: None,
        published,
        published_basis: PublishedBasis::Unknown,
        published_evidence: None,
        place: None,
        text,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn decoders_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000), html in any::<bool>()) {
        let _ = decode(&bytes, html);
        let s = String::from_utf8_lossy(&bytes);
        let _ = html_to_text(&s);
        let _ = markdown_to_text(&s);
    }

    #[test]
    fn extraction_never_panics_and_spans_point_into_the_text(text in newsy_text(), published in prop::option::of(reference())) {
        let mut a = article(text, published);
        let ex = chronomap::extract::extract_article(&mut a);
        for e in &ex.events {
            prop_assert!(e.span[0] <= e.span[1] && e.span[1] <= a.text.len());
            prop_assert_eq!(&a.text[e.span[0]..e.span[1]], e.sentence.as_str());
            if let Some(w) = &e.when {
                prop_assert!(w.start <= w.end, "{:?}", w);
            }
        }
        for q in &ex.quotes {
            prop_assert_eq!(&a.text[q.span[0]..q.span[1]], q.text.as_str());
        }
    }

    #[test]
    fn resolved_spans_are_ordered(text in newsy_text(), r in reference()) {
        let w = Words::new(&text, 0, text.len());
        let mut mentions = find_dates(&w);
        let mut anchor = None;
        resolve_mentions(&text, &mut mentions, Some(r), &mut anchor);
        for m in mentions.iter().filter_map(|m| m.span.as_ref()) {
            prop_assert!(m.start <= m.end, "{:?}", m);
        }
    }

    #[test]
    fn weekdays_land_on_their_weekday_within_a_week(r in reference(), day in 0usize..7, future in any::<bool>()) {
        let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
        let sentence = if future {
            format!("The minister will travel on {}.", names[day])
        } else {
            format!("The minister travelled on {}.", names[day])
        };
        let w = Words::new(&sentence, 0, sentence.len());
        let mut mentions = find_dates(&w);
        let mut anchor = None;
        resolve_mentions(&sentence, &mut mentions, Some(r), &mut anchor);
        let span = mentions[0].span.clone().expect("resolved");
        prop_assert_eq!(span.start, span.end);
        prop_assert_eq!(span.start.weekday(), Weekday::try_from(day as u8).expect("weekday"));
        let distance = (span.start - r).num_days();
        if future {
            prop_assert!((0..7).contains(&distance), "{} → {}", r, span.start);
        } else {
            prop_assert!((-6..=0).contains(&distance), "{} → {}", r, span.start);
        }
    }

    #[test]
    fn relative_dates_stay_near_their_reference(r in reference(), which in 0usize..6) {
        let (phrase, max_days) = [
            ("yesterday", 1), ("last week", 14), ("next month", 62), ("last year", 731),
            ("within the next two weeks", 15), ("two weeks ago", 21),
        ][which];
        let sentence = format!("It happened {phrase}.");
        let w = Words::new(&sentence, 0, sentence.len());
        let mut mentions = find_dates(&w);
        let mut anchor = None;
        resolve_mentions(&sentence, &mut mentions, Some(r), &mut anchor);
        let span = mentions[0].span.clone().expect("resolved");
        prop_assert!((span.start - r).num_days().abs() <= max_days, "{phrase}: {} → {:?}", r, span);
        prop_assert!((span.end - r).num_days().abs() <= max_days, "{phrase}: {} → {:?}", r, span);
    }
}
