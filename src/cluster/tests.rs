use super::*;
use crate::corpus::{Document, Ingested, Metadata};
use crate::model::{Extraction, PublishedBasis};

/// Articles (name, publication date, text) through the real extractor.
fn extract(articles: &[(&str, (i32, u32, u32), &str)]) -> Extraction {
    let documents = articles
        .iter()
        .map(|(path, (y, m, d), text)| Document {
            path: (*path).to_owned(),
            file: None,
            text: (*text).to_owned(),
            meta: Metadata {
                published: NaiveDate::from_ymd_opt(*y, *m, *d),
                outlet: Some(format!("Outlet of {path}")),
                ..Metadata::default()
            },
            published_basis: PublishedBasis::SourcesCsv,
            encoding: "UTF-8",
            content_hash: crate::corpus::content_hash(text.as_bytes()),
        })
        .collect();
    crate::pipeline::extract_ingested(Ingested {
        documents,
        diagnostics: Vec::new(),
    })
}

/// The story of the first event whose sentence contains `needle` in article `article`.
fn story_with<'a>(
    ex: &Extraction,
    stories: &'a Stories,
    article: usize,
    needle: &str,
) -> &'a Story {
    let event = ex
        .events
        .iter()
        .find(|e| e.article.index() == article && e.sentence.contains(needle))
        .unwrap_or_else(|| panic!("no event in a{article} with {needle:?}"));
    stories.story_of(event.id).expect("every event has a story")
}

fn articles_of(ex: &Extraction, story: &Story) -> Vec<usize> {
    let mut a: Vec<usize> = story
        .mentions
        .iter()
        .map(|&m| ex.events[m.index()].article.index())
        .collect();
    a.sort();
    a.dedup();
    a
}

#[test]
fn the_white_house_visit_is_one_story_from_three_seed_articles() {
    let ex = crate::pipeline::extract_seeds();
    let stories = cluster(&ex.events, &StoryHints::default());
    let visit = story_with(
        &ex,
        &stories,
        2,
        "historic meeting with President Donald Trump",
    );
    let planned = story_with(&ex, &stories, 0, "around November 10");
    let scheduled = story_with(&ex, &stories, 1, "around Nov. 10");
    assert_eq!(visit.id, planned.id, "{:#?}", visit.links);
    assert_eq!(visit.id, scheduled.id);
    assert!(articles_of(&ex, visit).starts_with(&[0, 1, 2]));
    // Planned in 000 and 001, reported in 002: the story's date is the reported one.
    let lead = &ex.events[visit.lead.index()];
    assert!(!lead.planned);
    assert_eq!(
        visit.when(&ex.events).map(|w| w.start),
        NaiveDate::from_ymd_opt(2025, 11, 10)
    );
    assert!(!visit.planned);
    assert!(visit.sources >= 3);
    assert!(visit.links.iter().all(|l| !l.why(&ex.events).is_empty()));
    // The Riyadh meeting in May is another story.
    let riyadh = story_with(&ex, &stories, 3, "in Riyadh");
    assert_ne!(riyadh.id, visit.id);
}

#[test]
fn the_fall_of_assad_is_one_story_across_four_seed_articles() {
    let ex = crate::pipeline::extract_seeds();
    let stories = cluster(&ex.events, &StoryHints::default());
    let fall = story_with(&ex, &stories, 2, "overthrew");
    for (article, needle) in [
        (0, "taking power from Bashar al-Assad"),
        (1, "toppling of the Assad regime"),
        (4, "was ousted"),
    ] {
        assert_eq!(
            story_with(&ex, &stories, article, needle).id,
            fall.id,
            "a{article}: {needle}"
        );
    }
    assert_eq!(articles_of(&ex, fall), vec![0, 1, 2, 4]);
    // Not merged with the visit a year later.
    let visit = story_with(
        &ex,
        &stories,
        2,
        "historic meeting with President Donald Trump",
    );
    assert_ne!(fall.id, visit.id);
}

#[test]
fn the_same_place_in_another_month_is_another_story() {
    let ex = extract(&[
        (
            "a.txt",
            (2025, 3, 20),
            "Foreign ministers met in Paris on March 18 to discuss the ceasefire, French officials said.",
        ),
        (
            "b.txt",
            (2025, 6, 12),
            "Foreign ministers met in Paris on June 10 to discuss the ceasefire, French officials said.",
        ),
    ]);
    let stories = cluster(&ex.events, &StoryHints::default());
    let march = story_with(&ex, &stories, 0, "March 18");
    let june = story_with(&ex, &stories, 1, "June 10");
    assert_ne!(march.id, june.id);
    assert!(march.conflicts.is_empty() && june.conflicts.is_empty());
}

#[test]
fn the_same_day_with_other_people_elsewhere_is_another_story() {
    let ex = extract(&[
        (
            "a.txt",
            (2025, 11, 11),
            "President Emmanuel Macron visited Riyadh on Monday, meeting Crown Prince Mohammed bin Salman.",
        ),
        (
            "b.txt",
            (2025, 11, 11),
            "Israeli forces carried out airstrikes near Damascus on Monday, the Syrian army said.",
        ),
    ]);
    let stories = cluster(&ex.events, &StoryHints::default());
    let visit = story_with(&ex, &stories, 0, "Macron");
    let strike = story_with(&ex, &stories, 1, "airstrikes");
    assert_ne!(visit.id, strike.id);
    assert_eq!(stories.stories.len(), ex.events.len());
}

#[test]
fn sources_that_disagree_on_the_date_are_one_story_flagged_with_both_versions() {
    let ex = extract(&[
        (
            "wire.txt",
            (2025, 11, 12),
            "Syrian President Ahmed al-Sharaa met President Donald Trump at the White House in Washington on November 10.",
        ),
        (
            "daily.txt",
            (2025, 11, 14),
            "Syrian President Ahmed al-Sharaa met President Donald Trump at the White House in Washington on November 12.",
        ),
    ]);
    let stories = cluster(&ex.events, &StoryHints::default());
    let a = story_with(&ex, &stories, 0, "November 10");
    let b = story_with(&ex, &stories, 1, "November 12");
    assert_eq!(a.id, b.id, "one meeting, reported twice");
    let conflict = a
        .conflicts
        .iter()
        .find(|c| c.about == "date")
        .expect("the dates disagree");
    let values: Vec<&str> = conflict.versions.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, vec!["2025-11-10", "2025-11-12"]);
    // Each version names its source.
    for version in &conflict.versions {
        assert_eq!(version.mentions.len(), 1);
    }
}

#[test]
fn sources_that_agree_are_not_flagged() {
    let ex = extract(&[
        (
            "wire.txt",
            (2025, 11, 12),
            "Syrian President Ahmed al-Sharaa met President Donald Trump at the White House on Monday.",
        ),
        (
            "daily.txt",
            (2025, 11, 14),
            "Syrian President Ahmed al-Sharaa met President Donald Trump at the White House on November 10.",
        ),
    ]);
    let stories = cluster(&ex.events, &StoryHints::default());
    let a = story_with(&ex, &stories, 0, "Monday");
    let b = story_with(&ex, &stories, 1, "November 10");
    assert_eq!(a.id, b.id);
    assert!(a.conflicts.is_empty(), "{:?}", a.conflicts);
    assert_eq!(a.sources, 2);
}

#[test]
fn counts_that_differ_between_sources_are_flagged() {
    let ex = extract(&[
        (
            "a.txt",
            (2025, 11, 11),
            "Syria joined the Global Coalition to Defeat ISIS in Washington on Monday, becoming its 90th member, Foreign Minister Asaad al-Shaibani said.",
        ),
        (
            "b.txt",
            (2025, 11, 11),
            "Syria joined the Global Coalition to Defeat ISIS in Washington on Monday as its 89th member, Foreign Minister Asaad al-Shaibani said.",
        ),
    ]);
    let stories = cluster(&ex.events, &StoryHints::default());
    let a = story_with(&ex, &stories, 0, "90th");
    let b = story_with(&ex, &stories, 1, "89th");
    assert_eq!(a.id, b.id);
    let conflict = a
        .conflicts
        .iter()
        .find(|c| c.about == "member")
        .expect("the counts disagree");
    let values: Vec<&str> = conflict.versions.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, vec!["89th", "90th"]);
}

#[test]
fn hand_made_splits_and_merges_win_over_the_scores() {
    let ex = crate::pipeline::extract_seeds();
    let auto = cluster(&ex.events, &StoryHints::default());
    let visit = story_with(
        &ex,
        &auto,
        2,
        "historic meeting with President Donald Trump",
    );
    let planned = ex
        .events
        .iter()
        .find(|e| e.article.index() == 0 && e.sentence.contains("around November 10"))
        .expect("seed event");
    let riyadh = ex
        .events
        .iter()
        .find(|e| e.article.index() == 3 && e.sentence.contains("in Riyadh"))
        .expect("seed event");

    let mut hints = StoryHints::default();
    hints.apart.insert(planned.id);
    hints.together.push((riyadh.id, visit.lead));
    let fixed = cluster(&ex.events, &hints);
    let split = fixed.story_of(planned.id).expect("story");
    assert_eq!(split.mentions, vec![planned.id]);
    let merged = fixed.story_of(riyadh.id).expect("story");
    assert!(merged.mentions.contains(&visit.lead));
    assert!(
        merged
            .links
            .iter()
            .any(|l| l.by_hand && l.why(&ex.events) == "merged by hand")
    );
}

#[test]
fn clustering_is_deterministic_and_covers_every_event() {
    let ex = crate::pipeline::extract_seeds();
    let a = cluster(&ex.events, &StoryHints::default());
    let b = cluster(&ex.events, &StoryHints::default());
    assert_eq!(a, b);
    assert_eq!(a.of_event.len(), ex.events.len());
    let total: usize = a.stories.iter().map(|s| s.mentions.len()).sum();
    assert_eq!(total, ex.events.len());
    for story in &a.stories {
        for m in &story.mentions {
            assert_eq!(a.of_event[m.index()], story.id);
        }
    }
    // Numbered in date order.
    let dates: Vec<_> = a
        .stories
        .iter()
        .map(|s| s.when(&ex.events).map(|w| (w.start, w.end)))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
}

#[test]
fn counts_are_read_with_what_they_count() {
    assert_eq!(
        counted_things("It became the 90th member of the coalition."),
        vec![("member".to_owned(), "90th".to_owned())]
    );
    assert_eq!(
        counted_things("The SDF has 70,000 to 100,000 fighters, officials said."),
        vec![("fighter".to_owned(), "70,000 to 100,000".to_owned())]
    );
    assert!(counted_things("In 2014 the coalition formed; 5 percent agreed.").is_empty());
    assert!(counted_things("It met on November 10, 2025 in Paris.").is_empty());
}

#[test]
#[ignore]
fn print_seed_stories() {
    let ex = crate::pipeline::extract_seeds();
    let stories = cluster(&ex.events, &StoryHints::default());
    for s in &stories.stories {
        if s.mentions.len() < 2 && std::env::var("ALL").is_err() {
            continue;
        }
        println!(
            "== {} {:?} sources {}",
            s.id.label(),
            s.when(&ex.events).map(|w| &w.text),
            s.sources
        );
        for m in &s.mentions {
            let e = &ex.events[m.index()];
            println!(
                "   a{} {:?} {} | {}",
                e.article.index(),
                e.when.as_ref().map(|w| (w.start, w.end)),
                e.kind.as_str(),
                &e.summary.chars().take(90).collect::<String>()
            );
        }
        for l in &s.links {
            println!("   + {:.1} {}", l.score, l.why(&ex.events));
        }
        for c in &s.conflicts {
            println!("   ! {:?}", c);
        }
    }
}

#[test]
fn the_store_makes_stories_of_everything_loaded_and_keeps_hand_made_splits() {
    let ex = crate::pipeline::extract_seeds();
    let planned = ex
        .events
        .iter()
        .find(|e| e.article.index() == 0 && e.sentence.contains("around November 10"))
        .expect("seed event")
        .clone();
    let path = ex.articles[0].path.clone();
    let mut store = crate::store::EventStore::from_extraction(ex);
    let story = store.stories_now().story_of(planned.id).expect("story");
    assert!(story.sources >= 3);

    let mut fixes = crate::store::Corrections::default();
    fixes
        .story_splits
        .insert(crate::store::event_key(&path, &planned));
    let before = store.generation();
    store.set_story_fixes(&fixes);
    assert_ne!(store.generation(), before, "views must see the change");
    let alone = store.stories_now().story_of(planned.id).expect("story");
    assert_eq!(alone.mentions, vec![planned.id]);
}

#[test]
fn the_json_export_names_each_events_story_and_lists_the_joined_ones() {
    let ex = crate::pipeline::extract_seeds();
    let json = crate::export::to_json(&ex).expect("json");
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let events = doc["events"].as_array().expect("events");
    assert!(
        events
            .iter()
            .all(|e| e["cluster"].as_str().is_some_and(|c| c.starts_with('s')))
    );
    let stories = doc["stories"].as_array().expect("stories");
    let visit = stories
        .iter()
        .find(|s| s["sources"].as_u64() >= Some(3) && s["when"]["start"] == "2025-11-10")
        .expect("the White House visit");
    let mentions = visit["mentions"].as_array().expect("mentions");
    assert!(mentions.len() >= 3);
    assert!(
        visit["links"][0]["why"]
            .as_str()
            .is_some_and(|w| !w.is_empty())
    );
    // Every mention listed carries the story's id.
    let id = visit["id"].as_str().expect("id");
    for m in mentions {
        let e = events
            .iter()
            .find(|e| e["id"] == *m)
            .expect("mention is an event");
        assert_eq!(e["cluster"], id);
    }
    // Still readable as an events file.
    assert_eq!(
        crate::export::from_json(&json)
            .expect("reads back")
            .events
            .len(),
        events.len()
    );
}
