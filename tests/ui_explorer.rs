//! The explorer window driven like a user would: by accessibility labels, clicks, keys and
//! drags, on the seed corpus.
//!
//! Every scenario runs twice: on a hand-built extraction of the seeds (a stable fixture for
//! the views) and on the real pipeline output of the embedded seeds.

use chrono::NaiveDate;
use chronomap::app::ChronomapApp;
use chronomap::app::command::Command;
use chronomap::app::fixtures;
use chronomap::app::selection::Item;
use chronomap::model::{Event, EventKind};
use chronomap::pipeline;
use chronomap::store::EventStore;
use chronomap::views::calendar::day_x;
use egui::accesskit::Role;
use egui::{Event as InputEvent, Modifiers, PointerButton, Pos2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod support;

fn fixture() -> EventStore {
    EventStore::from_extraction(fixtures::seed_like_extraction())
}

fn seeds() -> EventStore {
    EventStore::from_extraction(pipeline::extract_seeds())
}

fn harness(store: EventStore) -> Harness<'static, ChronomapApp> {
    support::window(store)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Narrow the list with the search box, as a user looking for something would.
fn search(h: &mut Harness<'_, ChronomapApp>, text: &str) {
    let field = h.get_by_role(Role::TextInput);
    field.focus();
    field.type_text(text);
    h.run();
}

fn list_row_exists(h: &Harness<'_, ChronomapApp>, summary: &str) -> bool {
    h.query_by_role_and_label(Role::Button, summary).is_some()
}

/// Whether the map has a marker for `place`, alone or in a cluster.
fn on_map(h: &Harness<'_, ChronomapApp>, place: &str) -> bool {
    h.query_by(|node| {
        node.role() == Role::Button
            && node.label().is_some_and(|label| {
                label == place
                    || (label.starts_with("Cluster of ")
                        && label
                            .split(": ")
                            .nth(1)
                            .is_some_and(|names| names.split(", ").any(|n| n == place)))
            })
    })
    .is_some()
}

/// Sharaa's announced visit to Washington, from the article that quotes Barrack.
fn washington_visit(store: &EventStore) -> Event {
    store
        .events()
        .iter()
        .filter(|e| e.kind == EventKind::Visit)
        .filter(|e| e.places.iter().any(|p| p.name == "Washington"))
        .filter(|e| e.actors.iter().any(|a| a.name.contains("Sharaa")))
        .find(|e| {
            store.quotes_of_article(e.article).any(|q| {
                store
                    .quote_text(q)
                    .contains("We are trying to get everybody")
            })
        })
        .cloned()
        .expect("an event of Sharaa's Washington visit in the article that quotes Barrack")
}

fn select_event(h: &mut Harness<'_, ChronomapApp>, event: &Event) {
    search(h, &event.summary);
    h.get_by_role_and_label(Role::Button, &event.summary)
        .click();
    h.run();
    assert_eq!(
        h.state().ui_state().selection.selected(),
        Some(Item::Event(event.id)),
        "clicking the row selects the event"
    );
}

fn shows_the_seed_events(store: EventStore) {
    let total = store.events().len();
    let dated = store.events().iter().filter(|e| e.when.is_some()).count();
    let first = store.by_time()[0];
    let first_summary = store.event(first).expect("an event").summary.clone();
    let h = harness(store);
    assert!(total > 5, "the seeds make more than a handful of events");
    h.get_by_label(&format!("{total} of {total} events"));
    assert!(list_row_exists(&h, &first_summary));
    // Every dated event is on the timeline (alone, in an aggregate mark, or as its story).
    assert!(dated > 0);
    let dated_stories = {
        let store = h.state().store();
        let stories = store.stories().expect("the stories are in");
        let mut ids: Vec<_> = store
            .events()
            .iter()
            .filter(|e| e.when.is_some())
            .filter_map(|e| stories.story_of(e.id).map(|s| s.id))
            .collect();
        ids.sort();
        ids.dedup();
        ids.len()
    };
    assert!(h.state().view_model().timeline_items() >= dated_stories);
    for place in [
        "Washington",
        "Paris",
        "Antalya",
        "Damascus",
        "Riyadh",
        "New York City",
    ] {
        assert!(
            on_map(&h, place),
            "{place} is on the map, alone or in a cluster"
        );
    }
}

fn clicking_the_washington_visit_shows_barracks_quote(store: EventStore) {
    let visit = washington_visit(&store);
    let mut h = harness(store);
    select_event(&mut h, &visit);

    let quote = h.get_by_label_contains("We are trying to get everybody to be a partner");
    assert!(quote.rect().width() > 0.0);
    h.get_by_role_and_label(Role::Label, "Tom Barrack");
    // The map follows the selection: the event's places are in view.
    for place in &visit.places {
        assert!(
            h.state().map().shows(place.lat, place.lon),
            "{} is on the map after selecting the event",
            place.name
        );
    }
}

fn other_quotes_of_the_article_follow(store: EventStore) {
    let meeting = store
        .events()
        .iter()
        .find(|e| {
            e.kind == EventKind::Meeting
                && e.actors.iter().any(|a| a.name.contains("Trump"))
                && e.places.iter().any(|p| p.name == "Washington")
        })
        .cloned()
        .expect("the White House meeting");
    let mut h = harness(store);
    select_event(&mut h, &meeting);
    // Shown with its story, a quote may come from more than one of its sources.
    let shown = |text: &str| h.query_all_by_label_contains(text).next().is_some();
    assert!(shown("we have to help Syria"));
    h.get_by_label("Also quoted in this article");
    assert!(shown("Maybe the United States administration"));
}

fn selecting_paris_narrows_the_list(store: EventStore) {
    let paris_events: Vec<String> = store
        .events()
        .iter()
        .filter(|e| e.places.iter().any(|p| p.name == "Paris"))
        .map(|e| e.summary.clone())
        .collect();
    let elsewhere: Vec<String> = store
        .events()
        .iter()
        .filter(|e| !e.places.iter().any(|p| p.name == "Paris"))
        .map(|e| e.summary.clone())
        .collect();
    assert!(!paris_events.is_empty() && !elsewhere.is_empty());
    let mut h = harness(store);

    h.get_by_role_and_label(Role::Button, "Paris").click();
    h.run();

    assert!(matches!(
        h.state().ui_state().selection.selected(),
        Some(Item::Place(_))
    ));
    h.get_by_role_and_label(Role::Label, "Paris");
    for summary in &paris_events {
        assert!(list_row_exists(&h, summary), "{summary} is listed");
    }
    for summary in &elsewhere {
        assert!(!list_row_exists(&h, summary), "{summary} is not listed");
    }
}

/// Shift+drag across the timeline from `from` to `to`.
fn brush(h: &mut Harness<'_, ChronomapApp>, from: NaiveDate, to: NaiveDate) {
    let timeline = h.state().timeline();
    let rect = timeline.plot_rect().expect("timeline drawn");
    let x0 = timeline.screen_x(from).expect("x of from");
    let x1 = timeline.screen_x(to).expect("x of to");
    assert!(rect.x_range().contains(x0) && rect.x_range().contains(x1));
    let y = rect.bottom() - 8.0;
    let (a, b): (Pos2, Pos2) = (pos2(x0, y), pos2(x1, y));
    h.event(InputEvent::ModifiersChanged(Modifiers::SHIFT));
    h.hover_at(a);
    h.event(InputEvent::PointerButton {
        pos: a,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::SHIFT,
    });
    h.hover_at(pos2((a.x + b.x) / 2.0, y));
    h.hover_at(b);
    h.event(InputEvent::PointerButton {
        pos: b,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::SHIFT,
    });
    h.event(InputEvent::ModifiersChanged(Modifiers::NONE));
    h.remove_cursor();
    h.run();
}

fn brushing_a_range_hides_events_outside_it(store: EventStore) {
    let (from, to) = (date(2025, 10, 15), date(2025, 12, 15));
    let in_november = |e: &Event| {
        e.when
            .as_ref()
            .is_some_and(|w| w.start >= date(2025, 11, 1) && w.end <= date(2025, 11, 30))
    };
    let far_from_it = |e: &Event| {
        e.when
            .as_ref()
            .is_none_or(|w| w.end < date(2025, 10, 1) || w.start > date(2025, 12, 31))
    };
    let inside: Vec<Event> = store
        .events()
        .iter()
        .filter(|e| in_november(e))
        .cloned()
        .collect();
    let outside: Vec<Event> = store
        .events()
        .iter()
        .filter(|e| far_from_it(e))
        .cloned()
        .collect();
    assert!(!inside.is_empty() && !outside.is_empty());
    let total = store.events().len();
    let mut h = harness(store);
    // Zoom onto 2025 first, as a user would before picking weeks.
    h.state_mut().apply(Command::ZoomTimeline {
        from: day_x(date(2025, 4, 1)),
        to: day_x(date(2026, 2, 1)),
    });
    h.run();

    brush(&mut h, from, to);

    let (a, b) = h.state().ui_state().filter.time.expect("a brushed range");
    assert!(
        (a - from).num_days().abs() <= 2,
        "range starts near {from}: {a}"
    );
    assert!((b - to).num_days().abs() <= 2, "range ends near {to}: {b}");
    let shown = h.state().view_model().shown.clone();
    for event in &inside {
        assert!(
            shown.contains(&event.id),
            "{} is inside the range",
            event.summary
        );
    }
    for event in &outside {
        assert!(
            !shown.contains(&event.id),
            "{} is outside the range",
            event.summary
        );
        assert!(
            !list_row_exists(&h, &event.summary),
            "{} is not listed",
            event.summary
        );
    }
    // The list now starts with the range's first event (only visible rows are laid out).
    let first = h
        .state()
        .store()
        .event(shown[0])
        .expect("an event")
        .summary
        .clone();
    assert!(list_row_exists(&h, &first));
    assert!(shown.len() < total);
    h.get_by_label(&format!("{} of {total} events", shown.len()));
    // The range reads in the top bar, and clicking it clears it.
    h.get_by_label_contains("2025  ×").click();
    h.run();
    assert_eq!(h.state().ui_state().filter.time, None);
}

fn escape_clears_the_selection(store: EventStore) {
    let visit = washington_visit(&store);
    let mut h = harness(store);
    select_event(&mut h, &visit);
    assert!(
        h.query_by_label_contains("We are trying to get everybody")
            .is_some()
    );

    h.key_press(egui::Key::Escape);
    h.run();

    assert_eq!(h.state().ui_state().selection.selected(), None);
    assert!(
        h.query_by_label_contains("We are trying to get everybody")
            .is_none()
    );
    h.get_by_label("Events");
}

fn arrow_keys_step_through_events_in_time(store: EventStore) {
    let mut h = harness(store);
    let shown = h.state().view_model().shown.clone();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(
        h.state().ui_state().selection.selected(),
        Some(Item::Event(shown[0]))
    );
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(
        h.state().ui_state().selection.selected(),
        Some(Item::Event(shown[1]))
    );
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    assert_eq!(
        h.state().ui_state().selection.selected(),
        Some(Item::Event(shown[0]))
    );
}

macro_rules! on_fixture_and_seeds {
    ($($name:ident),* $(,)?) => {
        mod on_fixture {
            $(#[test] fn $name() { super::$name(super::fixture()); })*
        }
        mod on_seeds {
            $(#[test] fn $name() { super::$name(super::seeds()); })*
        }
    };
}

on_fixture_and_seeds!(
    shows_the_seed_events,
    clicking_the_washington_visit_shows_barracks_quote,
    other_quotes_of_the_article_follow,
    selecting_paris_narrows_the_list,
    brushing_a_range_hides_events_outside_it,
    escape_clears_the_selection,
    arrow_keys_step_through_events_in_time,
);

#[test]
fn the_seeds_open_today_without_the_full_extractor() {
    // Today's provisional extraction has dates only; the window must still show them.
    let store = seeds();
    let total = store.events().len();
    let h = harness(store);
    h.get_by_label(&format!("{total} of {total} events"));
}

#[test]
fn clicking_a_timeline_mark_selects_its_event() {
    let store = fixture();
    let rubio = store
        .events()
        .iter()
        .find(|e| e.summary.starts_with("Rubio meets"))
        .cloned()
        .expect("the Antalya meeting");
    let mut h = harness(store);
    h.get_by_label("Rubio meets Shaibani in Antalya, 15 May 2025")
        .click();
    h.run();
    assert_eq!(
        h.state().ui_state().selection.selected(),
        Some(Item::Event(rubio.id))
    );
    // The map went to Antalya.
    let map = h.state().map().position();
    assert!(
        (map.lat - 36.9).abs() < 1.0 && (map.lon - 30.7).abs() < 1.0,
        "{map:?}"
    );
}

#[test]
fn undated_events_are_listed_and_mapped_but_not_on_the_timeline() {
    let store = fixture();
    let riyadh = store
        .events()
        .iter()
        .find(|e| e.summary == "Trump meets Sharaa in Riyadh")
        .cloned()
        .expect("the undated Riyadh meeting");
    assert!(riyadh.when.is_none());
    let mut h = harness(store);
    search(&mut h, "Riyadh");
    assert!(list_row_exists(&h, &riyadh.summary));
    assert!(
        h.query_by_label_contains("Trump meets Sharaa in Riyadh,")
            .is_none()
    );
    assert!(
        h.state()
            .view_model()
            .markers
            .iter()
            .any(|m| m.name == "Riyadh")
    );
}

#[test]
fn open_article_highlights_the_sentence() {
    let store = fixture();
    let visit = washington_visit(&store);
    let mut h = harness(store);
    select_event(&mut h, &visit);
    h.get_by_label("Open article").click();
    h.run();
    assert!(h.state().ui_state().article.is_some());
    h.get_by_label_contains("Article — ");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        h.state().ui_state().article.is_none(),
        "Esc closes the article first"
    );
    assert!(h.state().ui_state().selection.selected().is_some());
}

#[test]
fn search_matches_quotes_and_speakers() {
    let mut h = harness(fixture());
    search(&mut h, "jihadists");
    assert_eq!(h.state().view_model().shown.len(), 1);
    assert!(list_row_exists(&h, "Trump lifts U.S. sanctions on Syria"));
}

#[test]
fn hiding_a_kind_removes_its_events() {
    let mut h = harness(fixture());
    let total = h.state().store().events().len();
    h.state_mut()
        .apply(Command::SetKindHidden(EventKind::Military, true));
    h.run();
    let military = h
        .state()
        .store()
        .events()
        .iter()
        .filter(|e| e.kind == EventKind::Military)
        .count();
    assert!(military > 0);
    h.get_by_label(&format!("{} of {total} events", total - military));
    assert!(!list_row_exists(&h, "Assad regime toppled"));
}

#[test]
fn lane_choice_changes_the_timeline_rows() {
    let mut h = harness(fixture());
    assert!(h.query_by_label("Paris lane").is_some());
    h.state_mut().apply(Command::SetLanes(
        chronomap::views::view_model::LaneMode::Kind,
    ));
    h.run();
    assert!(h.query_by_label("Paris lane").is_none());
    h.get_by_label("Meeting lane");
    assert_eq!(
        h.state().persisted().lanes,
        chronomap::views::view_model::LaneMode::Kind,
        "the choice is remembered"
    );
}

#[test]
fn bad_input_is_reported_not_fatal() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("good.txt"),
        "Officials met in Paris on 5 March 2024 to talk.",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("binary.txt"),
        [0u8, 159, 146, 150, 0, 0, 255, 254, 0],
    )
    .expect("write");
    std::fs::write(dir.path().join("empty.md"), "").expect("write");
    let mut h = harness(EventStore::new());
    h.state_mut().apply(Command::Open(vec![
        dir.path().to_path_buf(),
        dir.path().join("missing"),
    ]));
    wait_for_load(&mut h);
    let notes = h.state().store().diagnostics().len();
    assert!(notes > 0, "the bad files are reported");
    // The notes window opens by itself after a load with problems.
    h.get_by_label("Notes on the input");
    assert!(
        h.state()
            .store()
            .articles()
            .iter()
            .any(|a| a.path.ends_with("good.txt"))
    );
}

fn wait_for_load(h: &mut Harness<'_, ChronomapApp>) {
    for _ in 0..500 {
        if !h.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
    assert!(!h.state().is_loading(), "the folder was read");
}

#[test]
fn opening_a_folder_replaces_what_is_shown() {
    // Regression: a replaced store starts its generation count afresh, which once let the
    // old corpus's cached lanes and list survive the switch.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("one.txt"),
        "Officials met in Paris on 5 March 2024 to discuss the ceasefire.",
    )
    .expect("write");
    let mut h = harness(fixture());
    assert!(list_row_exists(&h, "Rubio meets Shaibani in Antalya"));
    h.state_mut()
        .apply(Command::Open(vec![dir.path().to_path_buf()]));
    wait_for_load(&mut h);
    let total = h.state().store().events().len();
    assert_eq!(h.state().store().articles().len(), 1);
    h.get_by_label(&format!("{total} of {total} events"));
    assert!(!list_row_exists(&h, "Rubio meets Shaibani in Antalya"));
    assert_eq!(h.state().view_model().shown.len(), total);
}
