//! Export views: the "Export image" window, the briefing card (map and timeline side by side
//! with a title line, a legend of kinds, the sources and the map attribution), and the note
//! that says where an export went.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use egui::{Align2, Color32, FontId, Rect, RichText, Ui, UiBuilder, pos2, vec2};

use crate::app::command::Command;
use crate::app::selection::Item;
use crate::export::DataFormat;
use crate::model::EventKind;
use crate::store::{EventStore, Filter};
use crate::views::calendar::{date_at, format_span};
use crate::views::theme::{self, kind_color};
use crate::views::view_model::ViewModel;
use crate::views::widgets;

/// What an image export shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ExportView {
    /// The whole window as it is.
    Window,
    Map,
    Timeline,
    /// Map and timeline side by side with title, legend, sources and attribution.
    #[default]
    Card,
}

impl ExportView {
    pub const ALL: [ExportView; 4] = [
        ExportView::Window,
        ExportView::Map,
        ExportView::Timeline,
        ExportView::Card,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ExportView::Window => "Whole window",
            ExportView::Map => "Map only",
            ExportView::Timeline => "Timeline only",
            ExportView::Card => "Briefing card",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ExportView::Window => "window",
            ExportView::Map => "map",
            ExportView::Timeline => "timeline",
            ExportView::Card => "card",
        }
    }
}

/// What the views ask of the exporter.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportCommand {
    /// Show or hide the "Export image" window.
    ShowImageWindow(bool),
    /// Ask where to save, then capture and save.
    Image { view: ExportView, scale: u32 },
    /// Ask where to save, then write the shown events in this format.
    Data(DataFormat),
    /// Capture and save to this path (the dialog's answer; tests).
    ImageTo {
        view: ExportView,
        scale: u32,
        path: std::path::PathBuf,
    },
    /// Write the shown events to this path (the dialog's answer; tests).
    DataTo(DataFormat, std::path::PathBuf),
    /// Clear the note about the last export.
    DismissOutcome,
}

/// How the last export went.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportOutcome {
    Saved { path: String, what: String },
    Failed(String),
}

/// Choices of the "Export image" window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageChoices {
    pub view: ExportView,
    pub scale: u32,
}

impl Default for ImageChoices {
    fn default() -> Self {
        ImageChoices {
            view: ExportView::Card,
            scale: 1,
        }
    }
}

/// What the "Export image" window shows besides the choices.
pub struct ExportWindowInfo<'a> {
    pub busy: Option<&'a str>,
    pub outcome: Option<&'a ExportOutcome>,
}

/// The "Export image" window. Sends [`Command::Export`].
pub fn export_window_ui(
    ctx: &egui::Context,
    open: bool,
    choices: &mut ImageChoices,
    info: &ExportWindowInfo<'_>,
    commands: &mut crate::app::command::CommandSender,
) {
    if !open {
        return;
    }
    let mut still_open = true;
    egui::Window::new("Export image")
        .id(egui::Id::unique("export-image-window"))
        .open(&mut still_open)
        .collapsible(false)
        .resizable(false)
        .default_pos(ctx.content_rect().center() - vec2(160.0, 120.0))
        .show(ctx, |ui| {
            ui.label(RichText::new("What to save").strong());
            for view in ExportView::ALL {
                ui.radio_value(&mut choices.view, view, view.label());
            }
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new("Scale").strong());
                ui.radio_value(&mut choices.scale, 1, "×1");
                ui.radio_value(&mut choices.scale, 2, "×2 (for slides)");
            });
            ui.label(
                widgets::muted(
                    "The briefing card lays out the map and the timeline as they are now, \
                     with the filter, a legend, the sources and the map attribution.",
                )
                .small(),
            );
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let save = ui.add_enabled(info.busy.is_none(), egui::Button::new("Save PNG…"));
                if save.clicked() {
                    commands.send(Command::Export(ExportCommand::Image {
                        view: choices.view,
                        scale: choices.scale,
                    }));
                }
                if let Some(busy) = info.busy {
                    ui.spinner();
                    ui.label(widgets::muted(busy));
                }
            });
            if let Some(outcome) = info.outcome {
                outcome_label_ui(ui, outcome);
            }
        });
    if !still_open {
        commands.send(Command::Export(ExportCommand::ShowImageWindow(false)));
    }
}

fn outcome_label_ui(ui: &mut Ui, outcome: &ExportOutcome) {
    match outcome {
        ExportOutcome::Saved { path, what } => {
            ui.label(RichText::new(format!("Saved {what} to {path}")).color(theme::ink(ui)));
        }
        ExportOutcome::Failed(e) => {
            ui.label(RichText::new(e).color(Color32::from_rgb(0xb0, 0x20, 0x20)));
        }
    }
}

/// The top bar's "Export" menu: image and data.
pub fn export_menu_ui(ui: &mut Ui, commands: &mut crate::app::command::CommandSender) {
    ui.menu_button("Export", |ui| {
        if ui
            .add(egui::Button::new("Export image…").shortcut_text("Ctrl+Shift+S"))
            .clicked()
        {
            commands.send(Command::Export(ExportCommand::ShowImageWindow(true)));
            ui.close();
        }
        ui.separator();
        ui.label(widgets::muted("Export data (the events shown)…").small());
        for format in DataFormat::ALL {
            if ui.button(format.label()).clicked() {
                commands.send(Command::Export(ExportCommand::Data(format)));
                ui.close();
            }
        }
    })
    .response
    .on_hover_text("Save a picture or the data of the events shown");
}

/// A note at the bottom of the window after a data export (the image window shows its own).
pub fn outcome_note_ui(ctx: &egui::Context, outcome: &ExportOutcome) -> bool {
    let mut dismissed = false;
    egui::Area::new(egui::Id::unique("export-outcome"))
        .anchor(Align2::CENTER_BOTTOM, vec2(0.0, -16.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    outcome_label_ui(ui, outcome);
                    if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                        dismissed = true;
                    }
                });
            });
        });
    dismissed
}

/// What the briefing card says besides the map and timeline: worked out once when an export
/// starts, not per frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CardInfo {
    pub title: String,
    /// Time range, filter and counts.
    pub subtitle: String,
    /// Kinds among the events shown, with their counts.
    pub kinds: Vec<(EventKind, usize)>,
    /// "Outlet, 10 Nov 2025 (3 events)", by date.
    pub sources: Vec<String>,
    pub attribution: String,
    pub footer: String,
}

impl CardInfo {
    /// `window` is the days the timeline shows (x values), `attribution` the map's.
    pub fn build(
        store: &EventStore,
        vm: &ViewModel,
        filter: &Filter,
        selected: Option<Item>,
        window: Option<(f64, f64)>,
        attribution: &str,
        today: NaiveDate,
    ) -> CardInfo {
        let mut kinds: BTreeMap<EventKind, usize> = BTreeMap::new();
        let mut articles: BTreeMap<usize, usize> = BTreeMap::new();
        for id in &vm.shown {
            if let Some(e) = store.event(*id) {
                *kinds.entry(e.kind).or_default() += 1;
                *articles.entry(e.article.index()).or_default() += 1;
            }
        }
        let mut sources: Vec<(Option<NaiveDate>, String, usize)> = articles
            .iter()
            .filter_map(|(a, n)| {
                let article = store.articles().get(*a)?;
                let name = article
                    .outlet
                    .clone()
                    .unwrap_or_else(|| article.display_name().to_owned());
                Some((article.published, name, *n))
            })
            .collect();
        sources.sort();
        let sources = sources
            .into_iter()
            .map(|(date, name, n)| {
                let date = date.map_or_else(|| "date unknown".to_owned(), |d| format_span(d, d));
                format!(
                    "{name}, {date} ({n} event{})",
                    if n == 1 { "" } else { "s" }
                )
            })
            .collect();

        let range = match filter.time {
            Some((from, to)) => format_span(from, to),
            None => match window.and_then(|(a, b)| Some((date_at(a)?, date_at(b)?))) {
                Some((from, to)) if from <= to => {
                    format!("{} – {}", format_span(from, from), format_span(to, to))
                }
                _ => "all dates".to_owned(),
            },
        };
        let mut parts = vec![range];
        let text = filter.text.trim();
        if !text.is_empty() {
            parts.push(format!("search “{text}”"));
        }
        if !filter.hidden_kinds.is_empty() {
            let shown: Vec<&str> = EventKind::ALL
                .iter()
                .filter(|k| !filter.hidden_kinds.contains(k))
                .map(|k| k.label())
                .collect();
            parts.push(format!("kinds: {}", shown.join(", ")));
        }
        if !filter.hidden_outlets.is_empty() {
            parts.push(format!("{} outlet(s) hidden", filter.hidden_outlets.len()));
        }
        parts.push(format!(
            "{} of {} events from {} article{}",
            vm.shown.len(),
            store.events().len(),
            articles.len(),
            if articles.len() == 1 { "" } else { "s" }
        ));
        // A selected story says how many articles tell it.
        if let (Some(Item::Event(_)), Some(story)) = (selected, &vm.story) {
            parts.push(format!("corroborated by {} sources", story.sources));
        }
        let title = match selected {
            Some(item) => item.label(store),
            None if !text.is_empty() => format!("Events matching “{text}”"),
            None => "Events in the news".to_owned(),
        };
        CardInfo {
            title,
            subtitle: parts.join("  ·  "),
            kinds: kinds.into_iter().collect(),
            sources,
            attribution: attribution.to_owned(),
            footer: format!("Made with chronomap · {today}"),
        }
    }
}

/// The rects of the card's parts inside `rect`: (map, timeline, footer).
pub fn card_layout(rect: Rect) -> (Rect, Rect, Rect) {
    let margin = 20.0;
    let inner = rect.shrink(margin);
    let header = 58.0;
    let footer = (inner.height() * 0.22).clamp(110.0, 200.0);
    let body = Rect::from_min_max(
        pos2(inner.left(), inner.top() + header),
        pos2(inner.right(), inner.bottom() - footer),
    );
    let gap = 14.0;
    let map_width = (body.width() - gap) * 0.55;
    let map = Rect::from_min_size(body.min, vec2(map_width, body.height()));
    let timeline = Rect::from_min_max(pos2(map.right() + gap, body.top()), body.max);
    let footer = Rect::from_min_max(pos2(inner.left(), body.bottom() + 10.0), inner.max);
    (map, timeline, footer)
}

/// The card's title, legend, sources and attribution around `map` and `timeline`, which
/// the caller draws with the map and timeline views.
pub fn card_frame_ui(ui: &mut Ui, rect: Rect, info: &CardInfo) {
    let painter = ui.painter();
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let inner = rect.shrink(20.0);
    ui.scope_builder(
        UiBuilder::new().max_rect(Rect::from_min_size(inner.min, vec2(inner.width(), 56.0))),
        |ui| {
            ui.label(
                RichText::new(&info.title)
                    .size(22.0)
                    .strong()
                    .color(theme::INK),
            );
            ui.label(RichText::new(&info.subtitle).size(14.0).color(theme::MUTED));
        },
    );
    let (_, _, footer) = card_layout(rect);
    ui.scope_builder(UiBuilder::new().max_rect(footer), |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 12.0;
            ui.label(RichText::new("Kinds").strong().color(theme::INK));
            for (kind, n) in &info.kinds {
                ui.horizontal(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    widgets::kind_dot(ui, *kind, 5.0);
                    ui.label(
                        RichText::new(format!("{} ({n})", kind.label())).color(kind_color(*kind)),
                    );
                });
            }
        });
        ui.add_space(2.0);
        ui.label(RichText::new("Sources").strong().color(theme::INK));
        // As many sources as fit above the attribution line, in columns.
        let line = 17.0;
        let rows = (((ui.available_height() - 22.0) / line).floor() as usize).max(1);
        let columns = 3;
        let room = rows * columns;
        let (shown, more) = if info.sources.len() > room {
            (&info.sources[..room - 1], info.sources.len() - (room - 1))
        } else {
            (&info.sources[..], 0)
        };
        let width = ui.available_width() / columns as f32;
        let top = ui.cursor().top();
        let left = ui.cursor().left();
        let font = FontId::proportional(12.5);
        for (i, source) in shown.iter().enumerate() {
            let at = pos2(
                left + (i / rows) as f32 * width,
                top + (i % rows) as f32 * line,
            );
            let galley =
                ui.painter()
                    .layout(source.clone(), font.clone(), theme::INK, width - 12.0);
            ui.painter().galley(at, galley, theme::INK);
        }
        if more > 0 {
            let i = shown.len();
            ui.painter().text(
                pos2(
                    left + (i / rows) as f32 * width,
                    top + (i % rows) as f32 * line,
                ),
                Align2::LEFT_TOP,
                format!("… and {more} more"),
                font.clone(),
                theme::MUTED,
            );
        }
        if info.sources.is_empty() {
            ui.painter().text(
                pos2(left, top),
                Align2::LEFT_TOP,
                "No events shown",
                font,
                theme::MUTED,
            );
        }
    });
    let small = FontId::proportional(11.5);
    ui.painter().text(
        footer.left_bottom(),
        Align2::LEFT_BOTTOM,
        format!("Map: {}", info.attribution),
        small.clone(),
        theme::MUTED,
    );
    ui.painter().text(
        footer.right_bottom(),
        Align2::RIGHT_BOTTOM,
        &info.footer,
        small,
        theme::MUTED,
    );
}
