//! Bringing your own articles, driven like a user would: files hovered and dropped on the
//! window, loading in the background with progress, the notes on bad files, events files,
//! fixes in the article editor that are saved and found again by a new app state built from
//! disk, and frames that stay short while 2,000 articles load.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use chronomap::app::command::Command;
use chronomap::app::fixtures;
use chronomap::app::selection::Item;
use chronomap::app::{AppConfig, ChronomapApp};
use chronomap::model::{Event, Level, PublishedBasis};
use chronomap::store::EventStore;
use egui::accesskit::Role;
use egui::{HoveredFile, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions};

mod support;

/// A file dropped on the window, as the windowing integration hands it to egui.
#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// eframe's storage, kept in a file, so a second app state can be built "from disk".
#[derive(Default)]
struct FileStorage {
    path: PathBuf,
    values: HashMap<String, String>,
}

impl FileStorage {
    fn open(path: &Path) -> FileStorage {
        let values = std::fs::read_to_string(path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        FileStorage {
            path: path.to_path_buf(),
            values,
        }
    }
}

impl eframe::Storage for FileStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.values.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.values.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.values.remove(key);
    }

    fn flush(&mut self) {
        let json = serde_json::to_string(&self.values).expect("serializes");
        std::fs::write(&self.path, json).expect("storage written");
    }
}

/// The app as the window builds it, on `store`, with its data folder at `data_dir` and the
/// saved state of `storage` (if any).
fn harness_with(
    store: EventStore,
    data_dir: &Path,
    storage: Option<FileStorage>,
) -> Harness<'static, ChronomapApp> {
    let data_dir = data_dir.to_path_buf();
    support::window_with(store, move |app, _| {
        if let Some(storage) = &storage {
            app.restore(storage);
        }
        app.set_data_dir(Some(data_dir));
    })
}

fn harness(store: EventStore, data_dir: &Path) -> Harness<'static, ChronomapApp> {
    harness_with(store, data_dir, None)
}

/// Tests here run one at a time: one of them measures frame times, which other tests
/// running beside it on a 2-core machine would distort.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn fixture() -> EventStore {
    EventStore::from_extraction(fixtures::seed_like_extraction())
}

fn hover(h: &mut Harness<'_, ChronomapApp>, paths: &[&Path]) {
    h.input_mut().hovered_files = paths
        .iter()
        .map(|p| HoveredFile {
            path: Some(p.to_path_buf()),
            ..HoveredFile::default()
        })
        .collect();
    // egui repaints while files hover, so this never "settles": a few frames.
    h.run_steps(3);
}

fn drop_paths(h: &mut Harness<'_, ChronomapApp>, paths: &[&Path]) {
    h.input_mut().hovered_files.clear();
    h.input_mut().dropped_files = paths
        .iter()
        .map(|p| Arc::new(DroppedPath(p.to_path_buf())) as egui::DroppedFileHandle)
        .collect();
    h.step();
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

/// Three readable articles, a binary file and an empty one.
fn folder_with_bad_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    write(
        dir.path(),
        "2024-03-05-paris.txt",
        "Officials met in Paris on 5 March 2024 to discuss the ceasefire.",
    );
    write(
        dir.path(),
        "2024-03-06-cairo.md",
        "# Talks\n\nEgyptian mediators met Hamas delegates in Cairo on 6 March 2024.",
    );
    write(
        dir.path(),
        "2024-03-07-geneva.html",
        "<html><body><article><p>Diplomats gathered in Geneva on 7 March 2024 for \
         humanitarian talks.</p></article></body></html>",
    );
    std::fs::write(
        dir.path().join("photo.txt"),
        [0x89u8, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0, 0, 13],
    )
    .expect("write");
    write(dir.path(), "empty.md", "");
    dir
}

fn shown_total(h: &Harness<'_, ChronomapApp>) -> usize {
    h.state().store().events().len()
}

#[test]
fn dropping_a_folder_shows_what_will_be_added_then_adds_the_good_articles() {
    let _serial = serial();
    let data = tempfile::tempdir().expect("tmp");
    let dir = folder_with_bad_files();
    let mut h = harness(fixture(), data.path());
    let before = shown_total(&h);
    h.get_by_label(&format!("{before} of {before} events"));

    hover(&mut h, &[dir.path()]);
    h.get_by_label("Drop to add 1 folder");
    let one = dir.path().join("2024-03-05-paris.txt");
    let two = dir.path().join("2024-03-06-cairo.md");
    hover(&mut h, &[&one, &two]);
    h.get_by_label("Drop to add 2 articles");
    assert!(!h.state().is_loading(), "hovering loads nothing");

    drop_paths(&mut h, &[dir.path()]);
    assert!(h.query_by_label_contains("Drop to add").is_none());
    support::wait_for_load(&mut h);

    let after = shown_total(&h);
    assert!(after > before, "events were added: {before} → {after}");
    h.get_by_label(&format!("{after} of {after} events"));
    assert!(
        h.query_by_role_and_label(Role::Button, "Rubio meets Shaibani in Antalya")
            .is_some(),
        "what was there stays (added, not replaced)"
    );
    let articles: Vec<&str> = h
        .state()
        .store()
        .articles()
        .iter()
        .map(|a| a.path.as_str())
        .collect();
    for name in ["paris.txt", "cairo.md", "geneva.html"] {
        assert!(
            articles.iter().any(|p| p.ends_with(name)),
            "{name} was read: {articles:?}"
        );
    }

    // The two bad files are listed, with their reasons, in the notes window that opened.
    let skipped: Vec<(String, String)> = h
        .state()
        .store()
        .diagnostics()
        .iter()
        .filter(|d| d.level == Level::Error)
        .map(|d| (d.path.clone(), d.message.clone()))
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped
            .iter()
            .any(|(p, m)| p.ends_with("photo.txt") && m.contains("binary")),
        "{skipped:?}"
    );
    assert!(
        skipped
            .iter()
            .any(|(p, m)| p.ends_with("empty.md") && m.contains("empty")),
        "{skipped:?}"
    );
    h.get_by_label("Notes on the input");
    let n = h.state().store().diagnostics().len();
    h.get_by_label(&format!("{n} note{}", if n == 1 { "" } else { "s" }));
    // Clicking a path asks for it to be shown in its folder (no file manager in tests).
    h.get_by_role_and_label(Role::Link, "photo.txt").click();
    h.run();
    assert!(
        h.state()
            .revealed()
            .last()
            .is_some_and(|p| p.ends_with("photo.txt"))
    );

    // The same folder again: same content, nothing duplicated.
    drop_paths(&mut h, &[dir.path()]);
    support::wait_for_load(&mut h);
    assert_eq!(
        shown_total(&h),
        after,
        "re-adding the same files adds nothing"
    );
    assert!(
        h.state()
            .store()
            .diagnostics()
            .iter()
            .any(|d| d.message.contains("same content"))
    );
}

#[test]
fn events_appear_batch_by_batch_with_progress_and_the_load_can_be_cancelled() {
    let _serial = serial();
    let data = tempfile::tempdir().expect("tmp");
    let dir = tempfile::tempdir().expect("tmp");
    for i in 0..60 {
        write(
            dir.path(),
            &format!("{i:03}.txt"),
            &format!(
                "Delegations met in Vienna on {} March 2024 for round {i} of the talks.",
                1 + i % 28
            ),
        );
    }
    let mut h = harness(EventStore::new(), data.path());
    h.state_mut()
        .apply(Command::Add(vec![dir.path().to_path_buf()]));
    assert!(h.state().is_loading());
    let mut counts = Vec::new();
    let mut saw_progress = false;
    let started = Instant::now();
    while h.state().is_loading() && started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(5));
        h.step();
        saw_progress |= h
            .query_by(|n| {
                n.role() == Role::ProgressIndicator
                    && n.label().is_some_and(|l| l.contains("/60 files"))
            })
            .is_some();
        counts.push(h.state().store().articles().len());
    }
    counts.dedup();
    assert_eq!(counts.last(), Some(&60));
    assert!(
        counts.len() >= 3,
        "articles arrive in batches, frame by frame: {counts:?}"
    );
    assert!(saw_progress, "the progress bar counts the files");

    // Cancel: the next load stops, what was read stays.
    let more = tempfile::tempdir().expect("tmp");
    for i in 0..300 {
        write(
            more.path(),
            &format!("{i:03}.txt"),
            &format!(
                "Ministers met in Oslo on {} May 2024, meeting {i}.",
                1 + i % 30
            ),
        );
    }
    h.state_mut()
        .apply(Command::Add(vec![more.path().to_path_buf()]));
    h.step();
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.step();
    support::wait_for_load(&mut h);
    let articles = h.state().store().articles().len();
    assert!(
        (60..360).contains(&articles),
        "cancelled before the end: {articles} articles"
    );
    assert!(h.query_by_role_and_label(Role::Button, "Cancel").is_none());
}

/// The sentence only [`marked_events_file`] has: an event showing it was read from the file,
/// not extracted again from its article.
const MARKED_SENTENCE: &str = "A sentence only the events file has.";

/// An events file as a batch job wrote it, with one sentence marked; its path, its number of
/// events and the marked event's summary.
fn marked_events_file(dir: &Path) -> (std::path::PathBuf, usize, String) {
    let mut ex = chronomap::pipeline::extract_seeds();
    ex.events[0].sentence = MARKED_SENTENCE.to_owned();
    let summary = ex.events[0].summary.clone();
    let file = dir.join("archive.json");
    std::fs::write(&file, chronomap::export::to_json(&ex).expect("json")).expect("write");
    (file, ex.events.len(), summary)
}

/// Once loaded: every event of the file is shown, and the marked one shows the marked sentence.
fn assert_loaded_as_stored(h: &mut Harness<'_, ChronomapApp>, events: usize, summary: &str) {
    assert_eq!(shown_total(h), events);
    let first = h
        .state()
        .store()
        .events()
        .iter()
        .find(|e| e.summary == summary)
        .map(|e| e.id)
        .expect("the event");
    h.state_mut().apply(Command::Select(Item::Event(first)));
    h.run();
    h.get_by_label(MARKED_SENTENCE);
}

#[test]
fn an_events_file_opens_as_stored_without_extraction() {
    let _serial = serial();
    let data = tempfile::tempdir().expect("tmp");
    let dir = tempfile::tempdir().expect("tmp");
    let (file, events, summary) = marked_events_file(dir.path());

    let mut h = harness(EventStore::new(), data.path());
    hover(&mut h, &[&file]);
    h.get_by_label("Drop to add 1 events file");
    drop_paths(&mut h, &[&file]);
    support::wait_for_load(&mut h);
    assert_loaded_as_stored(&mut h, events, &summary);
}

/// `chronomap archive.json`: a path given on the command line is opened as `start` opens it, and
/// an events file among them is read as stored, not extracted.
#[test]
fn an_events_file_given_at_start_opens_as_stored() {
    let _serial = serial();
    let data = tempfile::tempdir().expect("tmp");
    let dir = tempfile::tempdir().expect("tmp");
    let (file, events, summary) = marked_events_file(dir.path());

    let mut h = harness(EventStore::new(), data.path());
    h.state_mut().start(vec![file]);
    support::wait_for_load(&mut h);
    assert_loaded_as_stored(&mut h, events, &summary);
}

fn monday_event(store: &EventStore) -> Event {
    store
        .events()
        .iter()
        .find(|e| e.when.as_ref().is_some_and(|w| w.text.contains("Monday")))
        .cloned()
        .expect("an event dated 'on Monday'")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn type_into(h: &mut Harness<'_, ChronomapApp>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

#[test]
fn fixing_a_publication_date_moves_monday_and_survives_a_restart() {
    let _serial = serial();
    let data = tempfile::tempdir().expect("tmp");
    let dir = tempfile::tempdir().expect("tmp");
    let news = dir.path().join("news");
    std::fs::create_dir(&news).expect("mkdir");
    write(
        &news,
        "talks.txt",
        "Officials met in Paris on Monday to discuss the ceasefire, the ministry said.",
    );
    write(
        &news,
        "sources.csv",
        "file,published,notes\ntalks.txt,2025-11-05,checked by desk\nother.txt,2025-01-01,keep\n",
    );
    let storage_file = dir.path().join("app.ron");

    let mut h = harness(EventStore::new(), data.path());
    h.state_mut().apply(Command::Open(vec![news.clone()]));
    support::wait_for_load(&mut h);
    let before = monday_event(h.state().store());
    assert_eq!(
        before.when.as_ref().map(|w| w.start),
        Some(date(2025, 11, 3))
    );

    // Select the event in the list, open the editor, type the right date, apply.
    h.get_by_role_and_label(Role::Button, &before.summary)
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Fix…").click();
    h.run();
    h.get_by_label_contains("Fix article — talks.txt");
    type_into(&mut h, "Published", "2025-11-20");
    h.get_by_role_and_label(Role::Button, "Apply and save")
        .click();
    h.run();

    let after = monday_event(h.state().store());
    assert_eq!(
        after.when.as_ref().map(|w| w.start),
        Some(date(2025, 11, 17)),
        "“on Monday” is the Monday before the new date"
    );
    assert_eq!(
        h.state().ui_state().selection.selected(),
        Some(Item::Event(after.id)),
        "the event stays selected"
    );
    let csv = std::fs::read_to_string(news.join("sources.csv")).expect("csv");
    assert_eq!(
        csv,
        "file,published,notes\ntalks.txt,2025-11-20,checked by desk\nother.txt,2025-01-01,keep\n",
        "only the article's date changed"
    );
    h.get_by_label_contains("Saved to");

    // The app closes (eframe saves its state) …
    let mut storage = FileStorage::open(&storage_file);
    eframe::App::save(h.state_mut(), &mut storage);
    eframe::Storage::flush(&mut storage);
    drop(h);

    // … and a new one, built from what is on disk, reopens the folder with the fix.
    let storage = FileStorage::open(&storage_file);
    let mut h = harness_with(EventStore::new(), data.path(), Some(storage));
    assert!(h.state().store().is_empty());
    h.state_mut().start(Vec::new());
    support::wait_for_load(&mut h);
    let reopened = monday_event(h.state().store());
    assert_eq!(
        reopened.when.as_ref().map(|w| w.start),
        Some(date(2025, 11, 17))
    );
    let article = &h.state().store().articles()[0];
    assert_eq!(article.published, Some(date(2025, 11, 20)));
    assert_eq!(article.published_basis, PublishedBasis::SourcesCsv);
}

/// An app with one article opened: an event in Paris, one in Geneva. The folder is returned
/// so it outlives the harness.
fn paris_and_geneva(data: &Path) -> (tempfile::TempDir, Harness<'static, ChronomapApp>) {
    let dir = tempfile::tempdir().expect("tmp");
    write(
        dir.path(),
        "visit.txt",
        "The envoy arrived in Paris on 3 March 2024. Talks were held in Geneva on 4 March 2024.",
    );
    let mut h = harness(EventStore::new(), data);
    h.state_mut()
        .apply(Command::Open(vec![dir.path().join("visit.txt")]));
    support::wait_for_load(&mut h);
    (dir, h)
}

#[test]
fn event_fixes_hide_and_move_events_and_are_kept_in_the_data_folder() {
    let _serial = serial();
    let data = tempfile::tempdir().expect("tmp");
    let (dir, mut h) = paris_and_geneva(data.path());
    let storage_file = dir.path().join("app.ron");
    let events: Vec<Event> = h.state().store().events().to_vec();
    let paris = events
        .iter()
        .find(|e| e.places.iter().any(|p| p.name == "Paris"))
        .cloned()
        .expect("the Paris event");
    let geneva = events
        .iter()
        .find(|e| e.places.iter().any(|p| p.name == "Geneva"))
        .cloned()
        .expect("the Geneva event");
    // The store reads sentences from the article text.
    let sentence =
        |h: &Harness<'_, ChronomapApp>, e: &Event| h.state().store().sentence(e).to_owned();
    let (paris_sentence, geneva_sentence) = (sentence(&h, &paris), sentence(&h, &geneva));
    assert!(!paris_sentence.is_empty() && !geneva_sentence.is_empty());

    // Move the Paris event to Damascus and 5 March, picked in the editor.
    h.get_by_role_and_label(Role::Button, &paris.summary)
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Fix…").click();
    h.run();
    type_into(&mut h, "Find a place", "Damascus");
    h.get_by(|n| {
        n.role() == Role::Button
            && n.label()
                .is_some_and(|l| l.starts_with("Damascus, SY (city"))
    })
    .click();
    h.run();
    type_into(&mut h, "Date", "2024-03-05");
    h.get_by_role_and_label(Role::Button, "Set date").click();
    h.run();
    let store = h.state().store();
    let moved = store
        .events()
        .iter()
        .find(|e| store.sentence(e) == paris_sentence)
        .cloned()
        .expect("still there");
    assert_eq!(
        moved
            .places
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Damascus"]
    );
    assert_eq!(moved.when.as_ref().map(|w| w.start), Some(date(2024, 3, 5)));

    // Hide the Geneva event.
    let store = h.state().store();
    let id = store
        .events()
        .iter()
        .find(|e| store.sentence(e) == geneva_sentence)
        .map(|e| e.id)
        .expect("geneva");
    h.state_mut().apply(Command::Select(Item::Event(id)));
    h.run();
    h.get_by_role_and_label(Role::Button, "Fix…").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Hide event").click();
    h.run();
    let store = h.state().store();
    assert!(
        store
            .events()
            .iter()
            .all(|e| store.sentence(e) != geneva_sentence)
    );
    assert!(data.path().join("corrections.json").is_file());

    let mut storage = FileStorage::open(&storage_file);
    eframe::App::save(h.state_mut(), &mut storage);
    eframe::Storage::flush(&mut storage);
    drop(h);
    let mut h = harness_with(
        EventStore::new(),
        data.path(),
        Some(FileStorage::open(&storage_file)),
    );
    h.state_mut().start(Vec::new());
    support::wait_for_load(&mut h);
    let store = h.state().store();
    let events = store.events();
    assert!(
        events.iter().all(|e| store.sentence(e) != geneva_sentence),
        "still hidden"
    );
    let moved = events
        .iter()
        .find(|e| store.sentence(e) == paris_sentence)
        .expect("still there");
    assert_eq!(moved.places[0].name, "Damascus");
    assert_eq!(moved.when.as_ref().map(|w| w.start), Some(date(2024, 3, 5)));
}

#[test]
fn first_start_loads_the_seeds_in_the_background_and_reset_brings_them_back() {
    let _serial = serial();
    let data = tempfile::tempdir().expect("tmp");
    let dir = folder_with_bad_files();
    let mut h = harness(EventStore::new(), data.path());
    h.state_mut().start(Vec::new());
    assert!(
        h.state().is_loading(),
        "the window is up before the seeds are read"
    );
    support::wait_for_load(&mut h);
    let seeds = shown_total(&h);
    assert!(seeds > 5);
    assert_eq!(
        h.state().persisted().corpus,
        Some(vec![chronomap::app::state::Source::Seeds])
    );

    h.state_mut()
        .apply(Command::Open(vec![dir.path().to_path_buf()]));
    support::wait_for_load(&mut h);
    assert_eq!(h.state().store().articles().len(), 3);
    h.state_mut().apply(Command::ResetToSamples);
    support::wait_for_load(&mut h);
    assert_eq!(shown_total(&h), seeds);
}

/// Time this thread has spent on a CPU (Linux), to tell a frame's own work from time the
/// machine gave to other processes.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Snapshot of part of the window (other engineers' changes elsewhere in it do not break it).
fn crop_snapshot(h: &mut Harness<'_, ChronomapApp>, rect: egui::Rect, name: &str) {
    let image = h.render().expect("rendered");
    let rect = rect.intersect(egui::Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(image.width() as f32, image.height() as f32),
    ));
    let crop = image::imageops::crop_imm(
        &image,
        rect.left() as u32,
        rect.top() as u32,
        rect.width() as u32,
        rect.height() as u32,
    )
    .to_image();
    egui_kittest::image_snapshot_options(
        &crop,
        name,
        &SnapshotOptions::new().threshold(1.0).max_failed_pixels(100),
    );
}

/// Short articles with dates, places and people, different each time.
fn generated_corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let places = [
        "Paris", "Cairo", "Damascus", "Geneva", "Ankara", "Riyadh", "Oslo", "Doha",
    ];
    for i in 0..n {
        let a = places[i % places.len()];
        let b = places[(i / 3) % places.len()];
        write(
            dir.path(),
            &format!("{i:05}.txt"),
            &format!(
                "Foreign ministers met in {a} on {} March 2024 to discuss the crisis, officials said. \
                 “We made progress on item {i},” the spokesperson told reporters in {b}. \
                 Envoys are expected to travel to {b} next week for a second round.",
                1 + i % 28
            ),
        );
    }
    dir
}

#[test]
fn loading_2000_articles_and_making_their_stories_never_blocks_a_frame() {
    let _serial = serial();
    let dir = generated_corpus(2_000);
    // The user has the samples open and adds a big folder. (Starting warm keeps the
    // one-time costs of a debug build's first frames with text — font atlas, first
    // layouts — out of the figure; they are not per-batch work.)
    let mut app = ChronomapApp::new(fixture(), AppConfig::headless());
    app.assume_gpu_basemap();
    let ctx = egui::Context::default();
    let mut time = 0.0;
    let mut frame = |app: &mut ChronomapApp| -> (Duration, Option<Duration>) {
        time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1440.0, 900.0),
            )),
            time: Some(time),
            ..egui::RawInput::default()
        };
        let (started, cpu) = (Instant::now(), thread_cpu_time());
        let mut output = ctx.run_ui(input, |ui| app.show(ui));
        let wall = started.elapsed();
        let cpu = cpu.and_then(|before| Some(thread_cpu_time()? - before));
        output.textures_delta.clear();
        (wall, cpu)
    };
    for _ in 0..5 {
        frame(&mut app);
    }
    let before = app.store().articles().len();
    app.apply(Command::Add(vec![dir.path().to_path_buf()]));
    let (mut longest_wall, mut longest_cpu) = (Duration::ZERO, None::<Duration>);
    let started = Instant::now();
    // Frames while `busy` holds, the longest kept; how many.
    let mut frames_while = |app: &mut ChronomapApp, busy: fn(&ChronomapApp) -> bool| {
        let mut n = 0;
        while busy(app) && started.elapsed() < Duration::from_secs(600) {
            let (wall, cpu) = frame(app);
            longest_wall = longest_wall.max(wall);
            longest_cpu = cpu.map(|c| longest_cpu.map_or(c, |l| l.max(c)));
            n += 1;
            std::thread::sleep(Duration::from_millis(2));
        }
        n
    };
    let frames = frames_while(&mut app, ChronomapApp::is_loading);
    assert!(!app.is_loading(), "the load finished");
    assert_eq!(app.store().articles().len(), before + 2_000);
    let loaded = started.elapsed();
    // Then the stories of everything are made, on a thread of their own: frames go on.
    assert!(app.stories_pending(), "the stories are made after the load");
    let story_frames = frames_while(&mut app, ChronomapApp::stories_pending);
    assert!(app.store().stories().is_some(), "the stories came");
    frame(&mut app);
    assert!(app.view_model().stories, "and are shown");
    eprintln!(
        "2,000 articles loaded in {:.1} s over {frames} frames, their stories made over \
         {story_frames} more ({:.1} s in all); longest frame {:.1} ms ({} on the UI thread's CPU)",
        loaded.as_secs_f64(),
        started.elapsed().as_secs_f64(),
        longest_wall.as_secs_f64() * 1e3,
        longest_cpu.map_or("not measured".to_owned(), |c| format!(
            "{:.1} ms",
            c.as_secs_f64() * 1e3
        )),
    );
    // A generous bound for a debug build; the release figure is in `cargo bench --bench
    // frame` (frame_while_loading). The bound is on the time the UI thread itself worked
    // (where the system reports it): on a shared 2-core machine, wall time also counts the
    // moments other processes had the core.
    let longest = longest_cpu.unwrap_or(longest_wall);
    assert!(
        longest < Duration::from_millis(500),
        "a frame took {longest:?} while loading"
    );
}

#[test]
fn snapshot_drop_overlay_and_editor() {
    let _serial = serial();
    let data = tempfile::tempdir().expect("tmp");
    let dir = folder_with_bad_files();
    let mut h = harness(fixture(), data.path());
    hover(&mut h, &[dir.path(), &dir.path().join("empty.md")]);
    let text = h.get_by_label("Drop to add 1 folder and 1 article").rect();
    let rect = egui::Rect::from_center_size(
        egui::pos2(text.center().x, text.bottom() + 10.0),
        egui::vec2(560.0, 110.0),
    );
    crop_snapshot(&mut h, rect, "drop_overlay");
    h.input_mut().hovered_files.clear();
    h.run();
    assert!(h.query_by_label_contains("Drop to add").is_none());

    h.state_mut()
        .apply(Command::Select(Item::Article(chronomap::model::ArticleId(
            0,
        ))));
    h.run();
    // Fix an event's place: the selected event opens in the editor; search the gazetteer.
    h.get_by_label("Ahmed al-Sharaa to visit Washington")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Fix…").click();
    h.run();
    type_into(&mut h, "Find a place", "Dam");
    h.get_by_label_contains("Damascus, SY (city");
    let window = h
        .ctx
        .memory(|m| m.area_rect(egui::Id::unique("article-editor")))
        .expect("the editor window");
    crop_snapshot(&mut h, window.expand(2.0), "article_editor");
}

#[test]
fn reload_reads_a_changed_folder_again_and_a_vanished_one_is_reported() {
    let _serial = serial();
    let data = tempfile::tempdir().expect("tmp");
    let dir = folder_with_bad_files();
    let mut h = harness(EventStore::new(), data.path());
    h.state_mut()
        .apply(Command::Open(vec![dir.path().to_path_buf()]));
    support::wait_for_load(&mut h);
    assert_eq!(h.state().store().articles().len(), 3);
    write(
        dir.path(),
        "2024-03-08-doha.txt",
        "Negotiators met in Doha on 8 March 2024.",
    );
    std::fs::remove_file(dir.path().join("photo.txt")).expect("rm");
    h.get_by_role_and_label(Role::Button, "Articles").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Reload").click();
    // The click's frame; the load (and the stories after it) take frames of their own.
    h.step();
    support::wait_for_load(&mut h);
    let store = h.state().store();
    assert_eq!(
        store.articles().len(),
        4,
        "the new file is read, nothing twice"
    );
    assert!(
        store
            .diagnostics()
            .iter()
            .all(|d| !d.path.ends_with("photo.txt")),
        "notes are those of the folder as it is now"
    );

    // The folder is gone at the next start: said, not fatal.
    let path = dir.path().to_path_buf();
    drop(dir);
    h.state_mut().start(Vec::new());
    support::wait_for_load(&mut h);
    assert!(h.state().store().events().is_empty());
    assert!(
        h.state()
            .store()
            .diagnostics()
            .iter()
            .any(|d| d.path == path.display().to_string() && d.message.contains("no such"))
    );
    h.get_by_label("Notes on the input");
}

#[test]
fn hidden_events_can_be_shown_again_from_the_editor() {
    let _serial = serial();
    let data = tempfile::tempdir().expect("tmp");
    let (_dir, mut h) = paris_and_geneva(data.path());
    let in_geneva = |h: &Harness<'_, ChronomapApp>| {
        h.state()
            .store()
            .events()
            .iter()
            .filter(|e| e.places.iter().any(|p| p.name == "Geneva"))
            .count()
    };
    assert_eq!(in_geneva(&h), 1);
    let geneva = h
        .state()
        .store()
        .events()
        .iter()
        .find(|e| e.places.iter().any(|p| p.name == "Geneva"))
        .map(|e| e.id)
        .expect("the Geneva event");

    h.state_mut().apply(Command::Select(Item::Event(geneva)));
    h.run();
    h.get_by_role_and_label(Role::Button, "Fix…").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Hide event").click();
    h.run();
    assert_eq!(in_geneva(&h), 0, "hidden");
    let corrections = data.path().join("corrections.json");
    let saved = std::fs::read_to_string(&corrections).expect("corrections saved");
    assert!(saved.contains("\"hidden\": true"), "{saved}");

    // The editor says what was hidden and brings it back.
    h.get_by_label("1 event hidden by you");
    h.get_by_role_and_label(Role::Button, "Show again").click();
    h.run();
    h.run();
    assert_eq!(in_geneva(&h), 1, "shown again");
    let saved = std::fs::read_to_string(&corrections).expect("corrections saved");
    assert!(!saved.contains("\"hidden\": true"), "{saved}");
    assert!(
        h.query_by_label("1 event hidden by you").is_none(),
        "nothing left hidden"
    );
    assert_eq!(h.state().store().events().len(), 2);
}
