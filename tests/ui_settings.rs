//! The settings window as a user drives it: change the tile server, offline mode, theme,
//! size cap and starting lanes; they take effect at once and come back after a restart.

use std::collections::HashMap;

use chronomap::app::ChronomapApp;
use chronomap::app::fixtures;
use chronomap::store::EventStore;
use chronomap::views::settings::ThemeChoice;
use chronomap::views::view_model::LaneMode;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod support;

#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

fn harness(saved: Option<&MemoryStorage>) -> Harness<'static, ChronomapApp> {
    let store = EventStore::from_extraction(fixtures::seed_like_extraction());
    let saved = saved.map(|s| MemoryStorage(s.0.clone()));
    support::window_with(store, move |app, _| {
        if let Some(saved) = &saved {
            app.restore(saved);
        }
    })
}

fn open_settings(h: &mut Harness<'_, ChronomapApp>) {
    h.get_by_role_and_label(Role::Button, "Settings").click();
    h.run();
    h.get_by_label("All settings…").click();
    h.run();
    h.get_by_label("Offline: no network at all (the built-in basemap, no tiles)");
}

/// Replace the text of the field labelled `label`.
fn retype(h: &mut Harness<'_, ChronomapApp>, label: &str, text: &str) {
    let field = h.get_by_label(label);
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn settings_take_effect_and_persist() {
    let mut h = harness(None);
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    assert!(!h.state().settings().offline);
    open_settings(&mut h);

    retype(
        &mut h,
        "Tile URL ({z}, {x}, {y} are filled in)",
        "https://tiles.example.org/{z}/{x}/{y}.png",
    );
    retype(&mut h, "Attribution shown with the tiles", "© Example Maps");
    h.get_by_label("Dark").click();
    h.run();
    // A choice that is not typed applies at once.
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    assert!(h.ctx.global_style().visuals.dark_mode);

    h.get_by_role_and_label(Role::ComboBox, "Timeline lanes at start")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Kind").click();
    h.run();
    assert_eq!(h.state().ui_state().lanes, LaneMode::Kind);
    assert_eq!(h.state().view_model().lanes.mode, LaneMode::Kind);

    h.get_by_role_and_label(Role::Button, "Apply").click();
    h.run();
    let s = h.state().settings();
    assert_eq!(s.tile_url, "https://tiles.example.org/{z}/{x}/{y}.png");
    assert_eq!(s.attribution, "© Example Maps");
    assert_eq!(s.theme, ThemeChoice::Dark);
    assert_eq!(s.start_lanes, Some(LaneMode::Kind));
    h.get_by_label("Saved");

    // Offline: no tiles at all, even where the app would fetch them.
    h.get_by_label("Offline: no network at all (the built-in basemap, no tiles)")
        .click();
    h.run();
    assert!(h.state().settings().offline);
    assert!(!h.state().persisted().tiles.enabled);

    // A restart brings them back.
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    drop(h);
    let h = harness(Some(&storage));
    let s = h.state().settings();
    assert_eq!(s.tile_url, "https://tiles.example.org/{z}/{x}/{y}.png");
    assert_eq!(s.attribution, "© Example Maps");
    assert!(s.offline);
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    assert_eq!(h.state().ui_state().lanes, LaneMode::Kind);
    h.get_by_role_and_label(Role::ComboBox, "Lanes");
}

#[test]
fn a_bad_tile_url_is_refused_with_a_reason() {
    let mut h = harness(None);
    open_settings(&mut h);
    retype(
        &mut h,
        "Tile URL ({z}, {x}, {y} are filled in)",
        "https://tiles.example.org/{z}/{x}.png",
    );
    h.get_by_role_and_label(Role::Button, "Apply").click();
    h.run();
    h.get_by_label("The tile URL lacks {y}");
    h.snapshot("settings_window");
    assert_eq!(
        h.state().settings().tile_url,
        chronomap::app::state::OSM_TILE_URL
    );
}

#[test]
fn the_size_cap_is_saved() {
    let mut h = harness(None);
    open_settings(&mut h);
    assert_eq!(
        h.state().settings().max_file_bytes,
        chronomap::corpus::DEFAULT_MAX_FILE_BYTES
    );
    let field = h.get_by_label("Skip input files larger than");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Skip input files larger than")
        .type_text("2");
    h.key_press(Key::Enter);
    h.run();
    h.get_by_role_and_label(Role::Button, "Apply").click();
    h.run();
    assert_eq!(h.state().settings().max_file_bytes, 2 * 1024 * 1024);
}
