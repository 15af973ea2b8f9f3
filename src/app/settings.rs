//! Applying the settings window's choices: they take effect at once and are persisted with
//! the rest of [`super::state::Persisted`].

use egui::Ui;

use super::ChronomapApp;
use crate::views::settings::{Settings, SettingsCommand, settings_window_ui};

impl ChronomapApp {
    /// The settings window, and the theme kept as chosen. Once per frame.
    pub(super) fn settings_frame(&mut self, ui: &Ui) {
        let ctx = ui.ctx();
        if self.settings.applied_theme != Some(self.persisted.theme) {
            ctx.set_theme(self.persisted.theme.preference());
            self.settings.applied_theme = Some(self.persisted.theme);
        }
        settings_window_ui(ctx, &mut self.settings, &self.persisted, &mut self.commands);
    }

    /// The settings now in force.
    pub fn settings(&self) -> Settings {
        Settings::of(&self.persisted)
    }

    pub(super) fn on_settings_command(&mut self, command: SettingsCommand) {
        match command {
            SettingsCommand::Show(open) => self.settings.show(open),
            SettingsCommand::Apply(settings) => {
                if let Some(problem) = settings.problem() {
                    self.settings.set_problem(Some(problem));
                    return;
                }
                self.settings.set_problem(None);
                let p = &mut self.persisted;
                p.tiles.url = settings.tile_url.trim().to_owned();
                p.tiles.attribution = settings.attribution.trim().to_owned();
                p.tiles.enabled = !settings.offline;
                p.theme = settings.theme;
                p.max_file_bytes = settings.max_file_bytes;
                p.start_lanes = settings.start_lanes;
                // The old quick menu's edit buffer shows the new URL.
                self.top_bar.tile_url = None;
                if let Some(lanes) = settings.start_lanes {
                    self.state.lanes = lanes;
                    self.persisted.lanes = lanes;
                }
            }
        }
    }
}
