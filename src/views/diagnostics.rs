//! The list of problems found in the input: skipped files, guessed dates, the basemap. Each
//! file's path can be shown in the file manager or copied.

use egui::{Color32, RichText};

use crate::app::command::Command;
use crate::model::{Diagnostic, Level};
use crate::views::ViewCtx;
use crate::views::theme;

/// Rows all have this height, so only the visible ones are laid out (a folder can have
/// thousands of skipped files).
const ROW_HEIGHT: f32 = 24.0;

pub fn diagnostics_window_ui(egui_ctx: &egui::Context, ctx: &mut ViewCtx<'_>) {
    if !ctx.state.show_diagnostics {
        return;
    }
    let mut open = true;
    let from_files = ctx.store.diagnostics().len();
    let total = from_files + ctx.state.notes.len();
    egui::Window::new("Notes on the input")
        .open(&mut open)
        .default_size([760.0, 360.0])
        .show(egui_ctx, |ui| {
            if total == 0 {
                ui.label("Every file was read without problems.");
                return;
            }
            ui.label(
                RichText::new(format!(
                    "{total} note{} — click a path to show the file in its folder",
                    if total == 1 { "" } else { "s" }
                ))
                .color(theme::MUTED),
            );
            ui.separator();
            let mut reveal = None;
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show_rows(ui, ROW_HEIGHT, total, |ui, rows| {
                    for row in rows {
                        let d = if row < from_files {
                            ctx.store.diagnostics().get(row)
                        } else {
                            ctx.state.notes.get(row - from_files)
                        };
                        if let Some(d) = d {
                            ui.allocate_ui(egui::vec2(ui.available_width(), ROW_HEIGHT), |ui| {
                                if let Some(path) = row_ui(ui, d) {
                                    reveal = Some(path);
                                }
                            });
                        }
                    }
                });
            if let Some(path) = reveal {
                ctx.send(Command::RevealPath(path));
            }
        });
    if !open {
        ctx.send(Command::ShowDiagnostics(false));
    }
}

/// One note: level, path (a link that reveals the file), a copy button, the reason. Returns
/// the path when its link was clicked.
fn row_ui(ui: &mut egui::Ui, d: &Diagnostic) -> Option<String> {
    let mut reveal = None;
    ui.horizontal(|ui| {
        let (label, color) = match d.level {
            Level::Error => ("skipped", Color32::from_rgb(0xb0, 0x2a, 0x2a)),
            Level::Warning => ("warning", Color32::from_rgb(0x9a, 0x5b, 0x00)),
            Level::Info => ("note", theme::MUTED),
        };
        ui.add_sized(
            [58.0, ROW_HEIGHT - 4.0],
            egui::Label::new(RichText::new(label).color(color).strong()),
        );
        if !d.path.is_empty() {
            let name = d.path.rsplit(['/', '\\']).next().unwrap_or(&d.path);
            if ui
                .link(RichText::new(name).monospace())
                .on_hover_text(format!("{} — show in its folder", d.path))
                .clicked()
            {
                reveal = Some(d.path.clone());
            }
            if ui
                .small_button("copy")
                .on_hover_text("Copy the full path")
                .clicked()
            {
                ui.ctx().copy_text(d.path.clone());
            }
        }
        ui.add(egui::Label::new(&d.message).truncate())
            .on_hover_text(&d.message);
    });
    reveal
}
