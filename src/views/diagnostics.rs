//! The list of problems found in the input: skipped files, guessed dates, the basemap.

use egui::{Color32, RichText};

use crate::app::command::Command;
use crate::model::{Diagnostic, Level};
use crate::views::ViewCtx;
use crate::views::theme;

pub fn diagnostics_window_ui(egui_ctx: &egui::Context, ctx: &mut ViewCtx<'_>) {
    if !ctx.state.show_diagnostics {
        return;
    }
    let mut open = true;
    egui::Window::new("Notes on the input")
        .open(&mut open)
        .default_size([560.0, 360.0])
        .show(egui_ctx, |ui| {
            let all: Vec<&Diagnostic> = ctx
                .store
                .diagnostics()
                .iter()
                .chain(&ctx.state.notes)
                .collect();
            if all.is_empty() {
                ui.label("Every file was read without problems.");
            }
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    egui::Grid::new("diagnostics")
                        .striped(true)
                        .num_columns(3)
                        .show(ui, |ui| {
                            for d in all {
                                let (label, color) = match d.level {
                                    Level::Error => {
                                        ("skipped", Color32::from_rgb(0xb0, 0x2a, 0x2a))
                                    }
                                    Level::Warning => {
                                        ("warning", Color32::from_rgb(0x9a, 0x5b, 0x00))
                                    }
                                    Level::Info => ("note", theme::MUTED),
                                };
                                ui.label(RichText::new(label).color(color).strong());
                                ui.label(RichText::new(&d.path).monospace());
                                ui.label(&d.message);
                                ui.end_row();
                            }
                        });
                });
        });
    if !open {
        ctx.send(Command::ShowDiagnostics(false));
    }
}
