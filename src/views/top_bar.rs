//! The top bar: search, lanes, kind and outlet filters, the brushed range, "Fit all", the
//! shown/total count, problems with the input, and settings.

use egui::{RichText, Ui};

use crate::app::command::Command;
use crate::app::jobs::DialogKind;
use crate::app::state::LoadProgress;
use crate::model::EventKind;
use crate::views::ViewCtx;
use crate::views::calendar::format_span;
use crate::views::theme;
use crate::views::view_model::LaneMode;
use crate::views::widgets;

/// Edit buffers of the top bar.
#[derive(Default)]
pub struct TopBarState {
    pub search: String,
    pub tile_url: Option<String>,
}

/// `tiles` is the current (enabled, url) of the map tiles.
pub fn top_bar_ui(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    state: &mut TopBarState,
    tiles: (bool, &str),
) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("chronomap").strong().size(16.0).color(theme::ACCENT));
        ui.separator();

        let search = ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .id_salt("search")
                .hint_text("Search events, people, places, quotes")
                .desired_width(250.0),
        );
        if search.changed() {
            ctx.send(Command::SetSearch(state.search.clone()));
        }
        if !state.search.is_empty() && ui.small_button("×").on_hover_text("Clear the search").clicked() {
            state.search.clear();
            ctx.send(Command::SetSearch(String::new()));
        }

        let mut lanes = ctx.state.lanes;
        let label = ui.label("Lanes");
        let combo = egui::ComboBox::from_id_salt("lanes")
            .selected_text(lanes.label())
            .show_ui(ui, |ui| {
                for mode in LaneMode::ALL {
                    ui.selectable_value(&mut lanes, mode, mode.label());
                }
            });
        let _ = combo.response.labelled_by(label.id);
        if lanes != ctx.state.lanes {
            ctx.send(Command::SetLanes(lanes));
        }
        crate::views::story::stories_toggle_ui(ui, ctx);

        kinds_menu_ui(ui, ctx);
        outlets_menu_ui(ui, ctx);

        if let Some((from, to)) = ctx.state.filter.time {
            let chip = ui
                .add(egui::Button::new(format!("{}  ×", format_span(from, to))).selected(true))
                .on_hover_text("Only events overlapping these dates are on the map and in the list. Click to clear.");
            if chip.clicked() {
                ctx.send(Command::SetTimeRange(None));
            }
        }

        if ui
            .button("Fit all")
            .on_hover_text("Show every shown event on the timeline and every place on the map")
            .clicked()
        {
            ctx.send(Command::FitAll);
        }

        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            settings_menu_ui(ui, ctx, state, tiles);
            crate::views::export::export_menu_ui(ui, ctx.commands);
            articles_menu_ui(ui, ctx);
            diagnostics_badge_ui(ui, ctx);
            if let Some(progress) = &ctx.state.loading {
                progress_ui(ui, ctx, progress);
            }
            let total = ctx.store.events().len();
            let shown = ctx.vm.shown.len();
            ui.label(
                RichText::new(format!("{shown} of {total} events"))
                    .color(theme::ink(ui))
                    .strong(),
            );
        });
    });
}

fn kinds_menu_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    let hidden = &ctx.state.filter.hidden_kinds;
    let title = if hidden.is_empty() {
        "Kinds: all".to_owned()
    } else {
        format!(
            "Kinds: {} of {}",
            EventKind::ALL.len() - hidden.len(),
            EventKind::ALL.len()
        )
    };
    let mut changes = Vec::new();
    ui.menu_button(title, |ui| {
        for kind in EventKind::ALL {
            let mut shown = !hidden.contains(&kind);
            ui.horizontal(|ui| {
                widgets::kind_dot(ui, kind, 5.0);
                if ui.checkbox(&mut shown, kind.label()).changed() {
                    changes.push(Command::SetKindHidden(kind, !shown));
                }
            });
        }
        ui.separator();
        if ui.button("Show all").clicked() {
            changes.push(Command::ShowAllKindsAndOutlets);
        }
    });
    for c in changes {
        ctx.send(c);
    }
}

fn outlets_menu_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    let outlets = &ctx.vm.outlets;
    let hidden = &ctx.state.filter.hidden_outlets;
    let title = if hidden.is_empty() {
        "Outlets: all".to_owned()
    } else {
        format!(
            "Outlets: {} of {}",
            outlets.len().saturating_sub(hidden.len()),
            outlets.len()
        )
    };
    let mut changes = Vec::new();
    ui.menu_button(title, |ui| {
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                for outlet in outlets {
                    let mut shown = !hidden.contains(outlet);
                    let label = if outlet.is_empty() {
                        "Outlet not given"
                    } else {
                        outlet.as_str()
                    };
                    if ui.checkbox(&mut shown, label).changed() {
                        changes.push(Command::SetOutletHidden(outlet.clone(), !shown));
                    }
                }
            });
        ui.separator();
        if ui.button("Show all").clicked() {
            changes.push(Command::ShowAllKindsAndOutlets);
        }
    });
    for c in changes {
        ctx.send(c);
    }
}

/// Adding, opening, reloading articles. The file dialogs run on their own thread.
fn articles_menu_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    if ctx.state.dialog_open {
        ui.add_enabled(false, egui::Button::new("Choosing files…"));
        return;
    }
    let mut picked = None;
    ui.menu_button("Articles", |ui| {
        if ui
            .button("Add folder…")
            .on_hover_text("Add folders of articles to what is shown (or drop them on the window)")
            .clicked()
        {
            picked = Some(Command::PickFiles(DialogKind::AddFolders));
        }
        if ui
            .button("Add files…")
            .on_hover_text("Add articles (.txt, .md, .html) or an events file (.json)")
            .clicked()
        {
            picked = Some(Command::PickFiles(DialogKind::AddFiles));
        }
        if ui
            .button("Open…")
            .on_hover_text("Open a folder of articles instead of what is shown")
            .clicked()
        {
            picked = Some(Command::PickFiles(DialogKind::Open));
        }
        if ui
            .button("Open events file…")
            .on_hover_text(
                "Open events extracted elsewhere (chronomap extract … --format json), as stored",
            )
            .clicked()
        {
            picked = Some(Command::PickFiles(DialogKind::OpenEvents));
        }
        ui.separator();
        if ui
            .button("Reload")
            .on_hover_text("Read every loaded folder again (after files changed)")
            .clicked()
        {
            picked = Some(Command::Reload);
        }
        if ui
            .button("Reset to sample corpus")
            .on_hover_text("Show the five embedded sample articles instead")
            .clicked()
        {
            picked = Some(Command::ResetToSamples);
        }
    });
    if let Some(c) = picked {
        ctx.send(c);
    }
}

/// "Reading news…  [=====     ] 120/2000 files · 3400 events  Cancel".
fn progress_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, progress: &LoadProgress) {
    if progress.cancelling {
        ui.label(widgets::muted("Cancelling…"));
    } else if ui
        .button("Cancel")
        .on_hover_text("Stop loading; what was read so far stays")
        .clicked()
    {
        ctx.send(Command::CancelLoad);
    }
    let text = match progress.files_total {
        Some(total) => format!(
            "{}/{} files · {} events",
            progress.files_done, total, progress.events_found
        ),
        None => "finding files…".to_owned(),
    };
    let bar = egui::ProgressBar::new(progress.fraction().unwrap_or(0.0))
        .desired_width(220.0)
        .text(text);
    let bar = if progress.fraction().is_none() {
        bar.animate(true)
    } else {
        bar
    };
    ui.add(bar).on_hover_text(if progress.queued > 0 {
        format!("{} — then {} more", progress.description, progress.queued)
    } else {
        progress.description.clone()
    });
}

fn diagnostics_badge_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    let n = ctx.store.diagnostics().len() + ctx.state.notes.len();
    if n == 0 {
        return;
    }
    let text = format!("{n} note{}", if n == 1 { "" } else { "s" });
    if ui
        .button(RichText::new(text).color(egui::Color32::from_rgb(0x9a, 0x5b, 0x00)))
        .on_hover_text("Files that were skipped or need checking")
        .clicked()
    {
        ctx.send(Command::ShowDiagnostics(!ctx.state.show_diagnostics));
    }
}

fn settings_menu_ui(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    state: &mut TopBarState,
    (enabled, url): (bool, &str),
) {
    let mut changed = None;
    ui.menu_button("Settings", |ui| {
        ui.set_min_width(380.0);
        crate::views::settings::open_settings_button_ui(ui, ctx.commands);
        ui.separator();
        ui.label(RichText::new("Map tiles").strong());
        let mut on = enabled;
        if ui
            .checkbox(&mut on, "Show online map tiles over the offline basemap")
            .changed()
        {
            changed = Some((on, url.to_owned()));
        }
        let url_label = ui.label(widgets::muted("Tile URL ({z}, {x}, {y} are filled in):").small());
        let buffer = state.tile_url.get_or_insert_with(|| url.to_owned());
        ui.add(egui::TextEdit::singleline(buffer).desired_width(360.0))
            .labelled_by(url_label.id);
        ui.horizontal(|ui| {
            if ui.button("Apply").clicked() {
                changed = Some((enabled, buffer.trim().to_owned()));
            }
            if ui.button("OpenStreetMap").clicked() {
                *buffer = crate::app::state::OSM_TILE_URL.to_owned();
                changed = Some((enabled, buffer.clone()));
            }
        });
        ui.label(
            widgets::muted(
                "Tiles are cached on disk and follow the OpenStreetMap tile usage policy.",
            )
            .small(),
        );
    });
    if let Some((enabled, url)) = changed {
        ctx.send(Command::SetTiles { enabled, url });
    }
}
