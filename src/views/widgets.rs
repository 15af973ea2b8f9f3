//! Small pieces shared by several views: kind chips, legend, date text.

use egui::{Color32, CornerRadius, Response, RichText, Sense, Ui, vec2};

use crate::model::{Event, EventKind};
use crate::views::calendar::format_span;
use crate::views::theme::{self, kind_color};

/// A filled dot in the kind's colour.
pub fn kind_dot(ui: &mut Ui, kind: EventKind, radius: f32) -> Response {
    let (rect, response) = ui.allocate_exact_size(vec2(radius * 2.0, radius * 2.0), Sense::hover());
    ui.painter()
        .circle_filled(rect.center(), radius, kind_color(kind));
    response
}

/// "● Meeting" in the kind's colour.
pub fn kind_chip(ui: &mut Ui, kind: EventKind) {
    egui::Frame::new()
        .fill(kind_color(kind).gamma_multiply(0.15))
        .corner_radius(CornerRadius::same(9))
        .inner_margin(egui::Margin::symmetric(7, 1))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                kind_dot(ui, kind, 4.0);
                ui.label(
                    RichText::new(kind.label())
                        .color(kind_color(kind).gamma_multiply(1.0))
                        .small()
                        .strong(),
                );
            });
        });
}

/// A row of every kind's colour and name.
pub fn legend(ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        for kind in EventKind::ALL {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 3.0;
                kind_dot(ui, kind, 4.5);
                ui.label(RichText::new(kind.label()).small().color(theme::MUTED));
            });
        }
    });
}

/// The date as resolved ("10 Nov 2025", "Dec 2024"), with "about" when hedged.
pub fn resolved_date(event: &Event) -> String {
    match &event.when {
        None => "Undated".to_owned(),
        Some(w) => {
            let span = format_span(w.start, w.end);
            if w.approximate {
                format!("about {span}")
            } else {
                span
            }
        }
    }
}

/// Secondary text colour that still reads on the light panel.
pub fn muted(text: impl Into<String>) -> RichText {
    RichText::new(text).color(theme::MUTED)
}

/// A pill-shaped, clickable tag (places, actors).
pub fn tag(ui: &mut Ui, text: &str, color: Color32) -> Response {
    ui.add(
        egui::Button::new(RichText::new(text).color(theme::INK))
            .fill(color)
            .corner_radius(CornerRadius::same(10))
            .small(),
    )
}

/// Text in a heavier weight. The bundled font has one weight only, so the galley is painted
/// twice, a fraction of a point apart: close enough to a semibold for names and titles.
pub fn bold_label(ui: &mut Ui, text: &str, font: egui::FontId, color: Color32) -> Response {
    let width = ui.available_width();
    let galley = ui.painter().layout(text.to_owned(), font, color, width);
    let (rect, response) = ui.allocate_exact_size(galley.size() + vec2(0.5, 0.0), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    if ui.is_rect_visible(rect) {
        ui.painter().galley(rect.min, galley.clone(), color);
        ui.painter()
            .galley(rect.min + vec2(0.45, 0.0), galley, color);
    }
    response
}
