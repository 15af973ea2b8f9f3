//! The look: a light theme that prints well on briefing slides, and one colour per event kind
//! used by every view (timeline, map, lists, legend).

use egui::{Color32, FontFamily, FontId, Stroke, TextStyle, Visuals};

use crate::model::EventKind;

/// A colour per kind, from Tableau's 10-colour palette: distinct for most colour-blind
/// readers, and dark enough to read on white.
pub fn kind_color(kind: EventKind) -> Color32 {
    match kind {
        EventKind::Visit => Color32::from_rgb(0x4e, 0x79, 0xa7),
        EventKind::Meeting => Color32::from_rgb(0x59, 0xa1, 0x4f),
        EventKind::Negotiation => Color32::from_rgb(0xf2, 0x8e, 0x2b),
        EventKind::Agreement => Color32::from_rgb(0x49, 0x98, 0x94),
        EventKind::Statement => Color32::from_rgb(0xb0, 0x7a, 0xa1),
        EventKind::Military => Color32::from_rgb(0xe1, 0x57, 0x59),
        EventKind::Sanctions => Color32::from_rgb(0x9c, 0x75, 0x5f),
        EventKind::Other => Color32::from_rgb(0x8c, 0x8c, 0x8c),
    }
}

/// Accent for selection outlines and links.
pub const ACCENT: Color32 = Color32::from_rgb(0x1f, 0x4e, 0x8c);
/// Text and outlines on light backgrounds.
pub const INK: Color32 = Color32::from_rgb(0x22, 0x26, 0x2e);

/// Ink for text on the panels: [`INK`] in the light theme, the theme's strong text colour in
/// the dark one (the timeline and the map keep their own light backgrounds and [`INK`]).
pub fn ink(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        ui.visuals().strong_text_color()
    } else {
        INK
    }
}
pub const MUTED: Color32 = Color32::from_rgb(0x6b, 0x72, 0x80);
/// Background behind map labels, so they read over any tile.
pub const HALO: Color32 = Color32::from_rgba_premultiplied(0xff, 0xff, 0xff, 0xd8);
/// Highlight behind the event's sentence in the article text.
pub const SENTENCE_HIGHLIGHT: Color32 = Color32::from_rgb(0xff, 0xec, 0x99);

/// Light visuals and slightly larger text than egui's defaults (in both themes; the dark
/// one keeps egui's dark colours).
pub fn apply(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    ctx.style_mut_of(egui::Theme::Dark, |style| {
        set_text_and_spacing(style);
        style.visuals.selection.stroke = Stroke::new(1.0, Color32::from_rgb(0x9c, 0xc3, 0xf0));
    });
    ctx.style_mut_of(egui::Theme::Light, |style| {
        set_text_and_spacing(style);
        let visuals: &mut Visuals = &mut style.visuals;
        visuals.panel_fill = Color32::from_rgb(0xfa, 0xfa, 0xfb);
        visuals.window_fill = Color32::WHITE;
        visuals.extreme_bg_color = Color32::WHITE;
        visuals.faint_bg_color = Color32::from_rgb(0xf3, 0xf4, 0xf6);
        visuals.override_text_color = None;
        visuals.widgets.noninteractive.fg_stroke = Stroke::new(1.0, INK);
        visuals.selection.bg_fill = Color32::from_rgb(0xd6, 0xe4, 0xf5);
        visuals.selection.stroke = Stroke::new(1.0, ACCENT);
        visuals.hyperlink_color = ACCENT;
    });
}

fn set_text_and_spacing(style: &mut egui::Style) {
    style.text_styles = [
        (
            TextStyle::Small,
            FontId::new(11.5, FontFamily::Proportional),
        ),
        (TextStyle::Body, FontId::new(14.0, FontFamily::Proportional)),
        (
            TextStyle::Button,
            FontId::new(14.0, FontFamily::Proportional),
        ),
        (
            TextStyle::Heading,
            FontId::new(19.0, FontFamily::Proportional),
        ),
        (
            TextStyle::Monospace,
            FontId::new(13.0, FontFamily::Monospace),
        ),
    ]
    .into();
    style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    style.spacing.button_padding = egui::vec2(8.0, 4.0);
    style.spacing.interact_size.y = 24.0;
}
