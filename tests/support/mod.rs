//! The window as the UI tests drive it: built as eframe builds it, then run until what it does
//! in the background (loading, grouping stories) is in and it has settled.

// Each test file uses a part of this.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use chronomap::app::{AppConfig, ChronomapApp};
use chronomap::store::EventStore;
use egui_kittest::Harness;

/// The usual test window size, in points.
pub const SIZE: [f32; 2] = [1440.0, 900.0];

/// How long a test waits for background work before failing.
const PATIENCE: Duration = Duration::from_secs(120);

/// The app on `store`, headless, as eframe (with wgpu) builds it; `setup` runs on it in the
/// creation context (data folder, saved state). Settled, stories in.
pub fn window_with(
    store: EventStore,
    setup: impl FnOnce(&mut ChronomapApp, &eframe::CreationContext<'_>) + 'static,
) -> Harness<'static, ChronomapApp> {
    let mut h = unsettled_window_with(store, setup);
    settle(&mut h);
    h
}

/// [`window_with`] before its first frame.
pub fn unsettled_window_with(
    store: EventStore,
    setup: impl FnOnce(&mut ChronomapApp, &eframe::CreationContext<'_>) + 'static,
) -> Harness<'static, ChronomapApp> {
    Harness::builder()
        .with_size(SIZE)
        .wgpu()
        .build_eframe(move |cc| {
            let mut app = ChronomapApp::from_creation_context(cc, store, AppConfig::headless());
            setup(&mut app, cc);
            app
        })
}

/// [`window_with`], nothing more set up.
pub fn window(store: EventStore) -> Harness<'static, ChronomapApp> {
    window_with(store, |_, _| {})
}

/// Step until the stories the views want are in (they are made on a thread of their own; the
/// window shows mentions meanwhile), then run until nothing more is asked for.
pub fn settle(h: &mut Harness<'_, ChronomapApp>) {
    step_while(h, |app| app.stories_pending(), "the stories were made");
    h.run();
}

/// Step until the background load has finished, then [`settle`].
pub fn wait_for_load(h: &mut Harness<'_, ChronomapApp>) {
    step_while(h, |app| app.is_loading(), "the load finished");
    settle(h);
}

/// Step while `busy` holds of the app (background work), for at most [`PATIENCE`].
fn step_while(h: &mut Harness<'_, ChronomapApp>, busy: impl Fn(&ChronomapApp) -> bool, done: &str) {
    let started = Instant::now();
    while busy(h.state()) && started.elapsed() < PATIENCE {
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
    assert!(!busy(h.state()), "{done}");
}
