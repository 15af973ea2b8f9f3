//! Stories in the window, on the real pipeline output of the embedded seeds: one mark per
//! story on the timeline, the story panel with its sources, the Stories / Mentions toggle,
//! and hand-made splits and merges that survive a restart.

use std::path::Path;

use chronomap::app::ChronomapApp;
use chronomap::app::command::Command;
use chronomap::app::selection::{Highlight, Item};
use chronomap::app::stories::StoryCommand;
use chronomap::cluster::Stories;
use chronomap::model::{Event, EventId};
use chronomap::pipeline;
use chronomap::store::EventStore;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions};

mod support;

fn seeds() -> EventStore {
    EventStore::from_extraction(pipeline::extract_seeds())
}

/// The app on the seeds, its fixes saved in `data_dir` (none: kept in memory).
fn harness(data_dir: Option<&Path>) -> Harness<'static, ChronomapApp> {
    let data_dir = data_dir.map(Path::to_path_buf);
    support::window_with(seeds(), move |app, _| {
        if data_dir.is_some() {
            app.set_data_dir(data_dir);
        }
    })
}

/// The stories the window shows (made in the background: present once settled).
fn stories<'h>(h: &'h Harness<'_, ChronomapApp>) -> &'h Stories {
    h.state().store().stories().expect("the stories are in")
}

/// Seed 000's announcement of the White House visit ("around November 10").
fn announced_visit(store: &EventStore) -> Event {
    store
        .events()
        .iter()
        .find(|e| e.article.index() == 0 && store.sentence(e).contains("around November 10"))
        .cloned()
        .expect("the announced visit in seed 000")
}

fn sources_of(h: &Harness<'_, ChronomapApp>, event: EventId) -> usize {
    stories(h).story_of(event).map_or(0, |s| s.sources)
}

/// Timeline items standing for any mention of `event`'s story.
fn marks_of_story(h: &Harness<'_, ChronomapApp>, event: EventId) -> usize {
    let story = stories(h).story_of(event).expect("a story");
    h.state()
        .view_model()
        .lanes
        .lanes
        .iter()
        .flat_map(|l| &l.items)
        .filter(|i| story.mentions.contains(&i.event))
        .count()
}

/// Click the story's mark on the timeline, found by its accessibility label.
fn click_story_mark(h: &mut Harness<'_, ChronomapApp>, lead: EventId) {
    let summary = h.state().store().event(lead).expect("lead").summary.clone();
    let prefix = format!("{summary}, ");
    let mark = h
        .query_all_by(|n| {
            n.role() == Role::Button
                && n.label()
                    .is_some_and(|l| l.starts_with(&prefix) && l.ends_with(" sources"))
        })
        .next()
        .expect("the story's mark on the timeline, labelled with its sources");
    mark.click();
    h.run();
}

#[test]
fn the_white_house_visit_is_one_mark_and_its_panel_lists_three_sources() {
    let mut h = harness(None);
    let visit = announced_visit(h.state().store());
    let story = stories(&h).story_of(visit.id).cloned().expect("story");
    assert!(story.sources >= 3, "{} sources", story.sources);
    assert!(
        h.state().view_model().stories,
        "stories are shown by default"
    );
    // Place lanes: the story is drawn once per place of its lead; with one place, once.
    let lead_places = h.state().store().event_places(story.lead).len().max(1);
    assert_eq!(marks_of_story(&h, visit.id), lead_places);
    assert_eq!(lead_places, 1, "the visit is in Washington only");

    click_story_mark(&mut h, story.lead);
    assert_eq!(
        h.state().ui_state().selection.selected(),
        Some(Item::Event(story.lead))
    );
    h.get_by_label(&format!("Corroborated by {} sources", story.sources));
    // Mentions grouped by the article that reports them: every article of the story.
    let outlets: Vec<String> = h
        .state()
        .view_model()
        .story
        .as_ref()
        .expect("the story view")
        .by_source
        .iter()
        .map(|s| s.outlet.clone())
        .collect();
    assert_eq!(outlets.len(), story.sources);
    for article in [0, 1, 2] {
        let a = h
            .state()
            .store()
            .articles()
            .get(article)
            .expect("seed article");
        let outlet = a
            .outlet
            .clone()
            .unwrap_or_else(|| a.display_name().to_owned());
        assert!(outlets.contains(&outlet), "{outlet} in {outlets:?}");
        assert!(
            h.query_all_by_label(&outlet).next().is_some(),
            "{outlet} is shown"
        );
    }
    // Each mention's quotes are under it, with their speakers.
    let quotes: Vec<(String, Option<String>)> = story
        .mentions
        .iter()
        .filter_map(|m| h.state().store().event(*m))
        .flat_map(|e| e.quotes.iter())
        .filter_map(|q| h.state().store().quote(*q))
        .map(|q| {
            let text = h.state().store().quote_text(q);
            (text.chars().take(40).collect(), q.speaker.clone())
        })
        .collect();
    assert!(!quotes.is_empty(), "the visit's mentions quote someone");
    for (text, speaker) in &quotes {
        assert!(
            h.query_all_by_label_contains(text).next().is_some(),
            "“{text}” is shown"
        );
        if let Some(speaker) = speaker {
            assert!(h.query_all_by_label(speaker).next().is_some());
        }
    }
    // The map follows: Washington is highlighted as the story's place.
    let washington = h
        .state()
        .store()
        .event_places(story.lead)
        .first()
        .copied()
        .expect("a place");
    assert!(h.state().view_model().highlights.place(washington) >= Highlight::Related);
    // Every mention of the story reads as related wherever it is listed.
    for m in &story.mentions {
        assert!(h.state().view_model().highlights.event(*m) >= Highlight::Related);
    }
}

#[test]
fn mentions_show_more_marks_than_stories_and_the_choice_is_remembered() {
    let mut h = harness(None);
    let stories = h.state().view_model().timeline_items();
    h.get_by_role_and_label(Role::Button, "Mentions").click();
    h.run();
    assert!(!h.state().view_model().stories);
    let mentions = h.state().view_model().timeline_items();
    assert!(
        mentions > stories,
        "{mentions} mentions vs {stories} stories"
    );
    assert!(h.state().persisted().show_mentions, "saved with the layout");
    // With mentions shown, each of the visit's three articles has its own mark.
    let visit = announced_visit(h.state().store());
    assert!(marks_of_story(&h, visit.id) >= 3);
    // Markers count mentions again, so the map's total grows too.
    let markers: u32 = h
        .state()
        .view_model()
        .markers
        .iter()
        .map(|m| m.events)
        .sum();
    h.get_by_role_and_label(Role::Button, "Stories").click();
    h.run();
    let story_markers: u32 = h
        .state()
        .view_model()
        .markers
        .iter()
        .map(|m| m.events)
        .sum();
    assert!(markers > story_markers);
    assert_eq!(h.state().view_model().timeline_items(), stories);
}

/// The mention of `story` from an article that has no other mention in it.
fn lone_mention(h: &Harness<'_, ChronomapApp>, lead: EventId) -> EventId {
    let view = h.state().view_model().story.clone().expect("a story view");
    assert_eq!(view.lead, lead);
    let source = view
        .by_source
        .iter()
        .find(|s| s.mentions.len() == 1 && s.mentions[0] != lead)
        .expect("an article with one mention of the story, not the lead");
    source.mentions[0]
}

/// Click "Not the same story" under `mention` in the story panel.
fn split_by_hand(h: &mut Harness<'_, ChronomapApp>, mention: EventId) {
    let view = h.state().view_model().story.clone().expect("a story view");
    let order: Vec<EventId> = view
        .by_source
        .iter()
        .flat_map(|s| s.mentions.iter().copied())
        .collect();
    let n = order.iter().position(|m| *m == mention).expect("listed");
    let count = h.query_all_by_label("Not the same story").count();
    assert_eq!(count, order.len(), "one button per mention");
    h.query_all_by_label("Not the same story")
        .nth(n)
        .expect("the button")
        .scroll_to_me();
    h.run();
    h.query_all_by_label("Not the same story")
        .nth(n)
        .expect("the button")
        .click();
    // The stories are made again, in the background.
    support::settle(h);
}

#[test]
fn not_the_same_story_splits_a_mention_off_and_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(Some(dir.path()));
    let visit = announced_visit(h.state().store());
    let lead = stories(&h).story_of(visit.id).expect("story").lead;
    let before = sources_of(&h, lead);
    click_story_mark(&mut h, lead);
    let leaving = lone_mention(&h, lead);

    split_by_hand(&mut h, leaving);

    assert_eq!(sources_of(&h, lead), before - 1, "one source fewer");
    let alone = stories(&h).story_of(leaving).expect("story").clone();
    assert_eq!(alone.mentions, vec![leaving], "the mention stands alone");
    h.get_by_label(&format!("Corroborated by {} sources", before - 1));
    assert_eq!(h.state().corrections().story_splits.len(), 1);
    assert!(dir.path().join("corrections.json").is_file());
    let leaving_key = {
        let store = h.state().store();
        let e = store.event(leaving).expect("event");
        let path = &store.article(e.article).expect("article").path;
        chronomap::store::event_key(path, e)
    };
    drop(h);

    // A new window on the same data folder reads the fix back.
    let h = harness(Some(dir.path()));
    assert!(h.state().corrections().story_splits.contains(&leaving_key));
    assert_eq!(sources_of(&h, lead), before - 1);
    assert_eq!(
        stories(&h).story_of(leaving).expect("story").mentions,
        vec![leaving]
    );
}

#[test]
fn merge_with_then_picking_another_story_joins_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(Some(dir.path()));
    let visit = announced_visit(h.state().store());
    let lead = stories(&h).story_of(visit.id).expect("story").lead;
    let before = sources_of(&h, lead);
    // A single-mention story from an article the visit's story does not cite.
    let other = {
        let store = h.state().store();
        let cited: Vec<_> = stories(&h)
            .story_of(lead)
            .expect("story")
            .mentions
            .iter()
            .filter_map(|m| store.event(*m).map(|e| e.article))
            .collect();
        stories(&h)
            .stories
            .iter()
            .find(|s| {
                s.mentions.len() == 1
                    && store
                        .event(s.lead)
                        .is_some_and(|e| !cited.contains(&e.article))
            })
            .expect("another story")
            .lead
    };
    click_story_mark(&mut h, lead);
    h.get_by_role_and_label(Role::Button, "Merge with…").click();
    h.run();
    assert_eq!(h.state().ui_state().merging, Some(lead));
    h.get_by_label("Merging stories");
    // The next story picked (anywhere: timeline, map list, event list) is merged.
    h.state_mut().apply(Command::Select(Item::Event(other)));
    support::settle(&mut h);
    assert_eq!(h.state().ui_state().merging, None);
    let merged = stories(&h).story_of(lead).expect("story");
    assert!(merged.mentions.contains(&other));
    assert_eq!(merged.sources, before + 1);
    assert_eq!(h.state().corrections().story_merges.len(), 1);
    assert!(
        merged.links.iter().any(|l| l.by_hand),
        "the join says it was made by hand"
    );
}

#[test]
fn cancelling_a_merge_leaves_the_stories_alone() {
    let mut h = harness(None);
    let visit = announced_visit(h.state().store());
    h.state_mut()
        .apply(Command::Story(StoryCommand::StartMerge(Some(visit.id))));
    h.run();
    h.get_by_role_and_label(Role::Button, "Cancel merge")
        .click();
    h.run();
    assert_eq!(h.state().ui_state().merging, None);
    assert!(h.state().corrections().story_merges.is_empty());
}

#[test]
fn story_panel_snapshot() {
    let mut h = harness(None);
    let visit = announced_visit(h.state().store());
    let lead = stories(&h).story_of(visit.id).expect("story").lead;
    click_story_mark(&mut h, lead);
    // The same tolerance as the other window snapshots (see tests/ui_snapshots.rs).
    let options = SnapshotOptions::new().threshold(1.0).max_failed_pixels(130);
    h.snapshot_options("story_panel", &options);
}

#[test]
fn sources_that_disagree_on_the_date_show_both_versions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).expect("written");
    };
    write(
        "wire.txt",
        "Syrian President Ahmed al-Sharaa met President Donald Trump at the White House in Washington on November 10.",
    );
    write(
        "daily.txt",
        "Syrian President Ahmed al-Sharaa met President Donald Trump at the White House in Washington on November 12.",
    );
    write(
        "sources.csv",
        "file,published,outlet\nwire.txt,2025-11-12,Wire Service\ndaily.txt,2025-11-14,The Daily\n",
    );
    let mut h = harness(None);
    h.state_mut()
        .apply(Command::Open(vec![dir.path().to_path_buf()]));
    h.step();
    // While loading, every mention is shown: stories are made once everything is read.
    if h.state().is_loading() {
        assert!(!h.state().view_model().stories);
    }
    support::wait_for_load(&mut h);
    assert!(h.state().view_model().stories);
    let store = h.state().store();
    let meeting = store
        .events()
        .iter()
        .find(|e| store.sentence(e).contains("November 10"))
        .map(|e| e.id)
        .expect("the wire's meeting");
    h.state_mut().apply(Command::Select(Item::Event(meeting)));
    h.run();
    h.get_by_label("Corroborated by 2 sources");
    h.get_by_label(
        "Sources disagree on the date: 2025-11-10 (Wire Service), 2025-11-12 (The Daily)",
    );
    h.get_by_label("Wire Service");
    h.get_by_label("The Daily");
}

#[test]
fn a_mention_split_off_by_mistake_can_be_merged_back() {
    let mut h = harness(None);
    let visit = announced_visit(h.state().store());
    let lead = stories(&h).story_of(visit.id).expect("story").lead;
    let before = sources_of(&h, lead);
    click_story_mark(&mut h, lead);
    let leaving = lone_mention(&h, lead);
    split_by_hand(&mut h, leaving);
    assert_eq!(sources_of(&h, lead), before - 1);

    // The lone mention's own panel offers the merge.
    h.state_mut().apply(Command::Select(Item::Event(leaving)));
    h.run();
    h.get_by_role_and_label(Role::Button, "Merge with…").click();
    h.run();
    assert_eq!(h.state().ui_state().merging, Some(leaving));
    h.state_mut().apply(Command::Select(Item::Event(lead)));
    support::settle(&mut h);
    assert_eq!(sources_of(&h, lead), before, "back in its story");
    assert_eq!(
        stories(&h).story_of(leaving).map(|s| s.id),
        stories(&h).story_of(lead).map(|s| s.id)
    );
}

/// Grouping a big corpus into stories takes a while: once it is loaded, the window keeps
/// drawing without waiting for them, showing every mention and saying that the stories are
/// on their way, then shows them.
#[test]
fn after_a_big_load_the_window_draws_before_the_stories_are_made_then_shows_them() {
    // 20,000 events as an events file: read as stored, so the load itself is quick.
    let extraction = chronomap::app::fixtures::synthetic_extraction(20_000, 300);
    let events = extraction.events.len();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.json");
    let json = chronomap::export::to_json(&extraction).expect("serialized");
    std::fs::write(&path, json).expect("written");
    let mut h = support::window(EventStore::new());
    h.state_mut().apply(Command::Open(vec![path]));
    while h.state().is_loading() {
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    assert_eq!(h.state().store().events().len(), events);

    // The frame that finished the load started the stories rather than wait for them.
    assert!(
        h.state().store().stories().is_none(),
        "not made on the UI thread"
    );
    assert!(h.state().stories_pending());
    assert!(
        !h.state().view_model().stories,
        "every mention is shown meanwhile"
    );
    let mention_items = h.state().view_model().timeline_items();
    assert!(mention_items > 0, "the mentions are on the timeline");
    h.get_by_label_contains("grouping stories");

    support::settle(&mut h);
    let made = stories(&h).stories.len();
    assert!(made < events, "{made} stories of {events} mentions");
    assert!(
        h.state().view_model().stories,
        "shown as soon as they are in"
    );
    assert!(h.state().view_model().timeline_items() < mention_items);
    assert!(h.query_by_label_contains("grouping stories").is_none());
}

/// A load started while the stories are being made: the job is told to stop (which is no
/// failure; if it was already past its last check, its stories are taken or dropped by
/// generation), the articles are appended once it has ended, and the stories of everything
/// follow.
#[test]
fn a_load_started_while_stories_are_made_lets_the_job_go_and_groups_everything_after() {
    let store =
        EventStore::from_extraction(chronomap::app::fixtures::synthetic_extraction(20_000, 300));
    let before = store.events().len();
    let mut app = ChronomapApp::new(store, chronomap::app::AppConfig::headless());
    let ctx = egui::Context::default();
    let frame = |app: &mut ChronomapApp| {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1440.0, 900.0),
            )),
            ..egui::RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| app.show(ui));
        output.textures_delta.clear();
    };
    frame(&mut app);
    assert!(app.stories_pending(), "the first frame started the stories");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("talks.txt"),
        "Foreign ministers met in Geneva on 4 March 2024 to discuss the crisis, officials said.",
    )
    .expect("written");
    app.apply(Command::Add(vec![dir.path().to_path_buf()]));
    let started = std::time::Instant::now();
    while (app.is_loading() || app.stories_pending())
        && started.elapsed() < std::time::Duration::from_secs(120)
    {
        frame(&mut app);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let store = app.store();
    assert!(store.events().len() > before, "the article was added");
    let made = store.stories().expect("the stories of everything");
    assert_eq!(made.of_event.len(), store.events().len());
    assert!(
        app.ui_state()
            .notes
            .iter()
            .all(|n| !n.message.contains("stories")),
        "letting the job go is no failure: {:?}",
        app.ui_state().notes
    );
}
