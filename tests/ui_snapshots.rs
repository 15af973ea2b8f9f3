//! Snapshot images of the explorer on the seed fixture, rendered with wgpu on the CPU (Mesa
//! lavapipe in CI). `UPDATE_SNAPSHOTS=1 cargo test --test ui_snapshots` writes new ones into
//! `tests/snapshots/`; look at every one before committing it.

use chronomap::app::ChronomapApp;
use chronomap::app::command::Command;
use chronomap::app::fixtures;
use chronomap::app::selection::Item;
use chronomap::store::EventStore;
use chronomap::views::calendar::day_x;
use egui::Rect;
use egui_kittest::{Harness, SnapshotOptions, image_snapshot_options};

mod support;

/// Per-pixel tolerance and failing-pixel budget for an image of `pixels` pixels.
///
/// kittest's default (per-pixel YIQ distance 0.6, no failing pixel) suits plain egui widgets
/// on one machine. The map is drawn by our own wgpu pipeline (feathered lines, mipmapped
/// marker sprites), where renderers differ in a few "binary" edge pixels — inside or
/// outside a primitive — and in filtering. Like rerun's snapshot tests of custom rendering
/// we allow a per-pixel distance of 1.0 and a number of failing pixels proportional to the
/// image, here 0.01 % (130 pixels of the 1440×900 window): a moved or missing marker, a
/// missing label, a changed colour or layout fails by hundreds to thousands of pixels.
fn options(pixels: u32) -> SnapshotOptions {
    let budget = (f64::from(pixels) * 1e-4).round() as usize;
    SnapshotOptions::new()
        .threshold(1.0)
        .max_failed_pixels(budget.max(20))
}

const WINDOW_PIXELS: u32 = 1440 * 900;

fn harness() -> Harness<'static, ChronomapApp> {
    support::window(EventStore::from_extraction(fixtures::seed_like_extraction()))
}

fn crop_snapshot(h: &mut Harness<'_, ChronomapApp>, rect: Rect, name: &str) {
    let image = h.render().expect("rendered");
    let ppp = 1.0;
    let (x, y) = ((rect.left() * ppp) as u32, (rect.top() * ppp) as u32);
    let (w, hgt) = ((rect.width() * ppp) as u32, (rect.height() * ppp) as u32);
    let crop = image::imageops::crop_imm(&image, x, y, w, hgt).to_image();
    image_snapshot_options(&crop, name, &options(w * hgt));
}

#[test]
fn main_window() {
    let mut h = harness();
    h.snapshot_options("main_window", &options(WINDOW_PIXELS));

    let map = h.state().map().rect().expect("map drawn");
    crop_snapshot(&mut h, map, "map");
    let timeline = h
        .state()
        .timeline()
        .plot_rect()
        .expect("timeline drawn")
        .expand2(egui::vec2(0.0, 24.0));
    crop_snapshot(&mut h, timeline, "timeline");
}

#[test]
fn event_with_its_quotes() {
    let mut h = harness();
    let meeting = h
        .state()
        .store()
        .events()
        .iter()
        .find(|e| e.summary == "Sharaa meets Trump at the White House")
        .map(|e| e.id)
        .expect("fixture event");
    h.state_mut().apply(Command::Select(Item::Event(meeting)));
    h.run();
    h.snapshot_options("event_with_its_quotes", &options(WINDOW_PIXELS));
}

#[test]
fn place_selected_and_time_range_brushed() {
    let mut h = harness();
    let paris = h
        .state()
        .store()
        .places()
        .iter()
        .position(|p| p.place.name == "Washington")
        .map(|i| chronomap::store::PlaceId(i as u32))
        .expect("fixture place");
    let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).expect("date");
    h.state_mut().apply(Command::ZoomTimeline {
        from: day_x(d(2025, 4, 1)),
        to: day_x(d(2026, 2, 1)),
    });
    h.state_mut().apply(Command::SetTimeRange(Some((
        d(2025, 10, 1),
        d(2025, 12, 31),
    ))));
    h.state_mut().apply(Command::Select(Item::Place(paris)));
    h.run();
    h.snapshot_options(
        "place_selected_and_time_range_brushed",
        &options(WINDOW_PIXELS),
    );
}
