//! Image and data exports from the window, as a user makes them: the export commands the
//! menu and the "Export image" window send, run through kittest's renderer; the PNGs are
//! decoded and checked.

use std::path::{Path, PathBuf};

use chronomap::app::ChronomapApp;
use chronomap::app::command::Command;
use chronomap::export::DataFormat;
use chronomap::pipeline;
use chronomap::store::EventStore;
use chronomap::views::export::{ExportCommand, ExportOutcome, ExportView};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use image::RgbaImage;

mod support;

fn harness() -> Harness<'static, ChronomapApp> {
    support::window(EventStore::from_extraction(pipeline::extract_seeds()))
}

fn search(h: &mut Harness<'_, ChronomapApp>, text: &str) {
    let field = h.get_by_role(Role::TextInput);
    field.focus();
    field.type_text(text);
    h.run();
}

/// Run frames until the export has finished (the PNG is written on another thread).
fn finish(h: &mut Harness<'_, ChronomapApp>) -> ExportOutcome {
    let start = std::time::Instant::now();
    // Generous: encoding a large PNG takes seconds in an unoptimised build.
    while start.elapsed() < std::time::Duration::from_secs(180) {
        h.step();
        if h.state().exporter().busy().is_none()
            && let Some(outcome) = h.state().exporter().outcome.clone()
        {
            return outcome;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the export did not finish");
}

fn export_image(
    h: &mut Harness<'_, ChronomapApp>,
    view: ExportView,
    scale: u32,
    path: &Path,
) -> RgbaImage {
    h.state_mut().apply(Command::Export(ExportCommand::ImageTo {
        view,
        scale,
        path: path.to_path_buf(),
    }));
    let outcome = finish(h);
    assert!(
        matches!(outcome, ExportOutcome::Saved { .. }),
        "{view:?}: {outcome:?}"
    );
    image::open(path).expect("a PNG").to_rgba8()
}

/// How many distinct colours (quantised) a region has: a blank area has one or two.
fn colours(img: &RgbaImage, x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
    let mut seen = std::collections::HashSet::new();
    for y in (y0..y1.min(img.height())).step_by(3) {
        for x in (x0..x1.min(img.width())).step_by(3) {
            let p = img.get_pixel(x, y).0;
            seen.insert((p[0] / 16, p[1] / 16, p[2] / 16));
        }
    }
    seen.len()
}

fn snapshot(img: &RgbaImage, name: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let path = dir.join(format!("{name}.png"));
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    if update || !path.exists() {
        img.save(&path).expect("snapshot written");
        return;
    }
    let old = image::open(&path).expect("snapshot").to_rgba8();
    assert_eq!(old.dimensions(), img.dimensions(), "{name}: size changed");
    let differing = old
        .pixels()
        .zip(img.pixels())
        .filter(|(a, b)| a.0.iter().zip(b.0.iter()).any(|(x, y)| x.abs_diff(*y) > 24))
        .count();
    let share = differing as f64 / f64::from(img.width() * img.height());
    assert!(
        share < 0.01,
        "{name}: {:.2} % of pixels differ from tests/snapshots/{name}.png (UPDATE_SNAPSHOTS=1 to accept)",
        share * 100.0
    );
}

#[test]
fn every_image_view_is_saved_at_its_size_with_content() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness();
    let map_rect = h.state().map().rect().expect("the map was drawn");

    let window = export_image(&mut h, ExportView::Window, 1, &dir.path().join("w.png"));
    assert_eq!(window.dimensions(), (1440, 900));
    snapshot(&window, "export_window");

    let map = export_image(&mut h, ExportView::Map, 1, &dir.path().join("m.png"));
    assert_eq!(
        map.dimensions(),
        (
            map_rect.width().round() as u32,
            map_rect.height().round() as u32
        )
    );
    assert!(
        colours(&map, 0, 0, map.width(), map.height()) > 8,
        "the map has land, sea and markers"
    );
    snapshot(&map, "export_map");

    let timeline = export_image(&mut h, ExportView::Timeline, 1, &dir.path().join("t.png"));
    assert_eq!(
        timeline.width(),
        map.width(),
        "the timeline is as wide as the map"
    );
    assert!(timeline.height() > 150 && timeline.height() < 900);
    assert!(colours(&timeline, 0, 0, timeline.width(), timeline.height()) > 5);
    snapshot(&timeline, "export_timeline");

    // The window is back to normal afterwards.
    assert!(h.state().exporter().busy().is_none());
    let total = h.state().store().events().len();
    h.get_by_label(&format!("{total} of {total} events"));
}

#[test]
fn the_briefing_card_has_title_legend_sources_and_only_the_filtered_events() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness();
    search(&mut h, "Paris");
    let shown = h.state().view_model().shown.len();
    let total = h.state().store().events().len();
    assert!(shown > 0 && shown < total);

    let path = dir.path().join("card.png");
    h.state_mut().apply(Command::Export(ExportCommand::ImageTo {
        view: ExportView::Card,
        scale: 1,
        path: path.clone(),
    }));
    // While it is captured, the card is what the window shows: its title and filter line
    // are in the accessibility tree.
    h.step();
    h.step();
    h.get_by_label("Events matching “Paris”");
    h.get_by_label_contains(&format!("search “Paris”  ·  {shown} of {total} events"));
    let outcome = finish(&mut h);
    assert!(
        matches!(outcome, ExportOutcome::Saved { .. }),
        "{outcome:?}"
    );
    let card = image::open(&path).expect("a PNG").to_rgba8();
    assert_eq!(card.dimensions(), (1440, 900));
    // Map on the left, timeline on the right: both have content.
    assert!(
        colours(&card, 30, 100, 700, 600) > 8,
        "the map area is not blank"
    );
    assert!(
        colours(&card, 800, 100, 1400, 600) > 3,
        "the timeline area is not blank"
    );
    // The title line is dark text on white at the top left.
    let dark = (20..60)
        .flat_map(|y| (20..400).map(move |x| (x, y)))
        .filter(|&(x, y)| card.get_pixel(x, y).0[0] < 100)
        .count();
    assert!(dark > 200, "the title is drawn");
    snapshot(&card, "export_card_paris");

    // Back to the normal window, filter kept.
    h.run();
    assert!(h.query_by_label("Events matching “Paris”").is_none());
    assert_eq!(h.state().view_model().shown.len(), shown);
}

#[test]
fn scale_two_doubles_the_pixels_of_the_same_layout() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness();
    let one = export_image(&mut h, ExportView::Card, 1, &dir.path().join("1.png"));
    let two = export_image(&mut h, ExportView::Card, 2, &dir.path().join("2.png"));
    assert_eq!(two.dimensions(), (one.width() * 2, one.height() * 2));
    // The same layout: the title sits at the same place, in points.
    let dark_rows = |img: &RgbaImage, scale: u32| -> Vec<u32> {
        (0..80)
            .filter(|&y| (20..300).any(|x| img.get_pixel(x * scale, y * scale).0[0] < 90))
            .collect()
    };
    let a = dark_rows(&one, 1);
    let b = dark_rows(&two, 2);
    assert!(!a.is_empty());
    let overlap = a.iter().filter(|y| b.contains(y)).count();
    assert!(overlap * 10 >= a.len() * 7, "title rows {a:?} vs {b:?}");
    // And the window is back at one pixel per point.
    h.run();
    assert_eq!(h.ctx.pixels_per_point(), 1.0);
    let window = export_image(&mut h, ExportView::Window, 1, &dir.path().join("w.png"));
    assert_eq!(window.dimensions(), (1440, 900));
}

#[test]
fn data_exports_follow_the_filter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness();
    search(&mut h, "Paris");
    let shown = h.state().view_model().shown.len();
    for format in DataFormat::ALL {
        let path = dir.path().join(format!("out-{format:?}"));
        h.state_mut()
            .apply(Command::Export(ExportCommand::DataTo(format, path.clone())));
        let outcome = finish(&mut h);
        assert!(
            matches!(outcome, ExportOutcome::Saved { .. }),
            "{outcome:?}"
        );
        let text = std::fs::read_to_string(&path).expect("written");
        match format {
            DataFormat::Json => {
                let x = chronomap::export::from_json(&text).expect("reads back");
                assert_eq!(x.events.len(), shown);
                assert!(x.events.iter().all(|e| {
                    chronomap::store::Filter {
                        text: "Paris".into(),
                        ..Default::default()
                    }
                    .matches(&EventStore::from_extraction(x.clone()), e)
                }));
            }
            DataFormat::Csv => assert_eq!(text.lines().count(), shown + 1),
            DataFormat::GeoJson => {
                let v: serde_json::Value = serde_json::from_str(&text).expect("json");
                assert_eq!(v["type"], "FeatureCollection");
                assert!(!v["features"].as_array().expect("features").is_empty());
            }
            DataFormat::TimelineJs => {
                let v: serde_json::Value = serde_json::from_str(&text).expect("json");
                let slides = v["events"].as_array().expect("events");
                assert!(!slides.is_empty() && slides.len() <= shown);
                assert_eq!(v["title"]["text"]["headline"], "Events matching “Paris”");
            }
        }
    }
}

#[test]
fn the_shortcut_opens_the_export_window_and_a_bad_path_is_reported() {
    let mut h = harness();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run();
    h.get_by_label("Save PNG…");
    h.get_by_label("Briefing card");
    h.state_mut().apply(Command::Export(ExportCommand::ImageTo {
        view: ExportView::Map,
        scale: 1,
        path: PathBuf::from("/nonexistent-folder/x.png"),
    }));
    let outcome = finish(&mut h);
    let ExportOutcome::Failed(message) = outcome else {
        panic!("writing into a missing folder fails: {outcome:?}");
    };
    assert!(message.contains("/nonexistent-folder"), "{message}");
    h.run();
    h.get_by_label_contains("/nonexistent-folder");
}
