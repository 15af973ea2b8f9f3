//! The settings window: map tiles (URL template, attribution), offline mode, theme, the size
//! cap for input files and the lanes the timeline starts with. Edits are made on a draft;
//! "Apply" (or any choice that is not typed) sends them to the app, which persists them.

use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use crate::app::command::{Command, CommandSender};
use crate::app::state::{OSM_ATTRIBUTION, OSM_TILE_URL, Persisted};
use crate::corpus::DEFAULT_MAX_FILE_BYTES;
use crate::views::view_model::LaneMode;
use crate::views::widgets;

/// The size cap is shown in these (as "5 MB", the default).
const MB: f64 = 1024.0 * 1024.0;

/// Light, dark, or whatever the system prefers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// The light theme prints well on slides: the default.
    #[default]
    Light,
    Dark,
    System,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::System];

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
            ThemeChoice::System => "System",
        }
    }

    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
            ThemeChoice::System => egui::ThemePreference::System,
        }
    }
}

/// Everything the settings window edits.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub tile_url: String,
    pub attribution: String,
    /// No network at all: the only network the app uses is the tile server.
    pub offline: bool,
    pub theme: ThemeChoice,
    pub max_file_bytes: u64,
    /// The lanes the timeline starts with; `None`: the ones last used.
    pub start_lanes: Option<LaneMode>,
}

impl Settings {
    pub fn of(p: &Persisted) -> Settings {
        Settings {
            tile_url: p.tiles.url.clone(),
            attribution: p.tiles.attribution.clone(),
            offline: !p.tiles.enabled,
            theme: p.theme,
            max_file_bytes: p.max_file_bytes,
            start_lanes: p.start_lanes,
        }
    }

    /// Why these settings cannot be used, if they cannot.
    pub fn problem(&self) -> Option<String> {
        let url = self.tile_url.trim();
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Some("The tile URL must start with https:// or http://".to_owned());
        }
        let missing: Vec<&str> = ["{z}", "{x}", "{y}"]
            .into_iter()
            .filter(|p| !url.contains(p))
            .collect();
        if !missing.is_empty() {
            return Some(format!("The tile URL lacks {}", missing.join(", ")));
        }
        if !self.offline && self.attribution.trim().is_empty() {
            return Some(
                "Tile servers ask to be credited: give the attribution text for these tiles"
                    .to_owned(),
            );
        }
        if self.max_file_bytes < 1024 {
            return Some("The size cap must be at least 1 KB".to_owned());
        }
        None
    }
}

/// What the views ask of the app about settings.
#[derive(Clone, Debug, PartialEq)]
pub enum SettingsCommand {
    Show(bool),
    Apply(Settings),
}

/// The window's own state between frames.
#[derive(Default)]
pub struct SettingsWindow {
    pub open: bool,
    /// The theme last handed to egui.
    pub applied_theme: Option<ThemeChoice>,
    /// Being edited; made from the saved settings when the window opens.
    draft: Option<Settings>,
    problem: Option<String>,
}

impl SettingsWindow {
    pub fn show(&mut self, open: bool) {
        self.open = open;
        self.draft = None;
        self.problem = None;
    }

    pub fn set_problem(&mut self, problem: Option<String>) {
        self.problem = problem;
    }
}

/// A "Settings…" entry for a menu.
pub fn open_settings_button_ui(ui: &mut Ui, commands: &mut CommandSender) {
    if ui
        .button("All settings…")
        .on_hover_text("Tiles, offline mode, theme, size cap, lanes")
        .clicked()
    {
        commands.send(Command::Settings(SettingsCommand::Show(true)));
        ui.close();
    }
}

/// The settings window.
pub fn settings_window_ui(
    ctx: &egui::Context,
    window: &mut SettingsWindow,
    saved: &Persisted,
    commands: &mut CommandSender,
) {
    if !window.open {
        return;
    }
    let saved_settings = Settings::of(saved);
    let draft = window.draft.get_or_insert_with(|| saved_settings.clone());
    let mut open = true;
    let mut apply_now = false;
    egui::Window::new("Settings")
        .id(egui::Id::unique("settings-window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.label(RichText::new("Map").strong());
            apply_now |= ui
                .checkbox(
                    &mut draft.offline,
                    "Offline: no network at all (the built-in basemap, no tiles)",
                )
                .changed();
            ui.add_enabled_ui(!draft.offline, |ui| {
                let label = ui.label("Tile URL ({z}, {x}, {y} are filled in)");
                ui.add(
                    egui::TextEdit::singleline(&mut draft.tile_url)
                        .id_salt("settings-tile-url")
                        .desired_width(430.0),
                )
                .labelled_by(label.id);
                let label = ui.label("Attribution shown with the tiles");
                ui.add(
                    egui::TextEdit::singleline(&mut draft.attribution)
                        .id_salt("settings-attribution")
                        .desired_width(430.0),
                )
                .labelled_by(label.id);
                if ui.small_button("OpenStreetMap").clicked() {
                    draft.tile_url = OSM_TILE_URL.to_owned();
                    draft.attribution = OSM_ATTRIBUTION.to_owned();
                }
            });
            ui.label(
                widgets::muted("Tiles are cached on disk; follow the tile server's usage policy.")
                    .small(),
            );
            ui.separator();

            ui.horizontal(|ui| {
                ui.label(RichText::new("Theme").strong());
                for theme in ThemeChoice::ALL {
                    apply_now |= ui
                        .radio_value(&mut draft.theme, theme, theme.label())
                        .changed();
                }
            });
            ui.separator();

            ui.horizontal(|ui| {
                let label = ui.label(RichText::new("Skip input files larger than").strong());
                let mut mb = draft.max_file_bytes as f64 / MB;
                let response = ui
                    .add(
                        egui::DragValue::new(&mut mb)
                            .range(0.01..=2000.0)
                            .speed(0.1)
                            .max_decimals(2)
                            .suffix(" MB"),
                    )
                    .labelled_by(label.id);
                if response.changed() {
                    draft.max_file_bytes = (mb * MB).round() as u64;
                }
                if ui.small_button("Default").clicked() {
                    draft.max_file_bytes = DEFAULT_MAX_FILE_BYTES;
                }
            });
            ui.label(widgets::muted("For folders and files opened from now on.").small());
            ui.separator();

            ui.horizontal(|ui| {
                let label = ui.label(RichText::new("Timeline lanes at start").strong());
                let text = draft.start_lanes.map_or("As last used", LaneMode::label);
                let combo = egui::ComboBox::from_id_salt("settings-start-lanes")
                    .selected_text(text)
                    .show_ui(ui, |ui| {
                        let mut changed = ui
                            .selectable_value(&mut draft.start_lanes, None, "As last used")
                            .changed();
                        for mode in LaneMode::ALL {
                            changed |= ui
                                .selectable_value(&mut draft.start_lanes, Some(mode), mode.label())
                                .changed();
                        }
                        changed
                    });
                let _ = combo.response.labelled_by(label.id);
                apply_now |= combo.inner.unwrap_or(false);
            });
            ui.separator();

            if let Some(problem) = &window.problem {
                ui.label(RichText::new(problem).color(egui::Color32::from_rgb(0xb0, 0x20, 0x20)));
            }
            ui.horizontal(|ui| {
                let changed = *draft != saved_settings;
                if ui
                    .add_enabled(changed, egui::Button::new("Apply"))
                    .clicked()
                {
                    apply_now = true;
                }
                if ui.button("Defaults").clicked() {
                    *draft = Settings::of(&Persisted::default());
                }
                if !changed {
                    ui.label(widgets::muted("Saved").small());
                }
            });
        });
    if apply_now {
        commands.send(Command::Settings(SettingsCommand::Apply(draft.clone())));
    }
    if !open {
        commands.send(Command::Settings(SettingsCommand::Show(false)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_urls_and_sizes_are_checked() {
        let mut s = Settings::of(&Persisted::default());
        assert_eq!(s.problem(), None);
        s.tile_url = "https://tiles.example/{z}/{x}.png".to_owned();
        assert!(s.problem().is_some_and(|p| p.contains("{y}")));
        s.tile_url = "ftp://tiles.example/{z}/{x}/{y}.png".to_owned();
        assert!(s.problem().is_some());
        s.tile_url = OSM_TILE_URL.to_owned();
        s.attribution.clear();
        assert!(s.problem().is_some());
        s.offline = true;
        assert_eq!(s.problem(), None, "offline needs no attribution");
        s.max_file_bytes = 10;
        assert!(s.problem().is_some());
    }
}
