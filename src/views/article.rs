//! The article reader: the full text, with the event's sentence (or a quote) highlighted and
//! scrolled into view.

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{FontId, Id, RichText};

use crate::app::command::Command;
use crate::model::ArticleId;
use crate::views::ViewCtx;
use crate::views::theme;

/// The text split around the highlight, or `None` when the range does not fall on character
/// boundaries of the text (a stale or foreign span): then nothing is highlighted.
pub fn split_highlight(text: &str, range: Option<[usize; 2]>) -> (&str, &str, &str) {
    if let Some([a, b]) = range
        && a < b
        && let (Some(before), Some(hit), Some(after)) =
            (text.get(..a), text.get(a..b), text.get(b..))
    {
        return (before, hit, after);
    }
    (text, "", "")
}

pub fn article_window_ui(egui_ctx: &egui::Context, ctx: &mut ViewCtx<'_>) {
    let Some((id, highlight)) = ctx.state.article else {
        return;
    };
    let Some(article) = ctx.store.article(id) else {
        ctx.send(Command::CloseArticle);
        return;
    };
    let mut open = true;
    egui::Window::new(format!("Article — {}", article.display_name()))
        .id(Id::unique("article-window"))
        .open(&mut open)
        .default_size([620.0, 640.0])
        .collapsible(false)
        .show(egui_ctx, |ui| {
            let outlet = article.outlet.as_deref().unwrap_or("Outlet not given");
            let published = article.published.map_or_else(
                || "date unknown".to_owned(),
                |d| d.format("%-d %B %Y").to_string(),
            );
            ui.label(
                RichText::new(format!("{outlet} · {published} · {}", article.path))
                    .color(theme::MUTED)
                    .small(),
            );
            if let Some(url) = &article.url {
                ui.hyperlink(url);
            }
            ui.horizontal_wrapped(|ui| {
                if let Some(warning) = crate::views::editor::inferred_warning(article) {
                    ui.label(
                        RichText::new(warning).color(egui::Color32::from_rgb(0x9a, 0x5b, 0x00)),
                    );
                }
                if ui
                    .button("Fix date, outlet, title…")
                    .on_hover_text("Correct this article's metadata or its events")
                    .clicked()
                {
                    ctx.send(Command::EditArticle(Some(id)));
                }
            });
            if article.text.is_empty() {
                ui.label(
                    RichText::new(
                        "This article was read from an events file, which holds its events' \
                         sentences but not its text.",
                    )
                    .color(theme::MUTED),
                );
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    text_ui(ui, id, &article.text, highlight);
                });
        });
    if !open {
        ctx.send(Command::CloseArticle);
    }
}

fn text_ui(ui: &mut egui::Ui, article: ArticleId, text: &str, highlight: Option<[usize; 2]>) {
    let (before, hit, after) = split_highlight(text, highlight);
    let font = FontId::proportional(15.0);
    let plain = TextFormat {
        font_id: font.clone(),
        color: theme::ink(ui),
        line_height: Some(22.0),
        ..TextFormat::default()
    };
    let marked = TextFormat {
        background: theme::SENTENCE_HIGHLIGHT,
        ..plain.clone()
    };
    let mut job = LayoutJob::default();
    job.append(before, 0.0, plain.clone());
    job.append(hit, 0.0, marked);
    job.append(after, 0.0, plain);
    job.wrap.max_width = ui.available_width();
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let start = CCursor::new(before.chars().count());
    let cursor_rect = galley.pos_from_cursor(start);
    let response = ui.label(galley);

    // Scroll to the highlight once per opening, not on every frame.
    let scrolled = Id::unique(("article-scrolled", article, highlight));
    if !hit.is_empty() && !ui.data(|d| d.get_temp::<bool>(scrolled).unwrap_or(false)) {
        let target = cursor_rect.translate(response.rect.min.to_vec2());
        ui.scroll_to_rect(target, Some(egui::Align::Center));
        ui.data_mut(|d| d.insert_temp(scrolled, true));
    }
}

#[cfg(test)]
mod tests {
    use super::split_highlight;

    #[test]
    fn highlights_only_valid_ranges() {
        let text = "Before. “Quoted” sentence. After.";
        let start = text.find('“').unwrap_or(0);
        let end = text.find(" After").unwrap_or(0);
        assert_eq!(
            split_highlight(text, Some([start, end])),
            ("Before. ", "“Quoted” sentence.", " After.")
        );
        // Inside a multi-byte character, reversed, or past the end: no highlight, no panic.
        assert_eq!(
            split_highlight(text, Some([start + 1, end])),
            (text, "", "")
        );
        assert_eq!(split_highlight(text, Some([end, start])), (text, "", ""));
        assert_eq!(split_highlight(text, Some([0, 10_000])), (text, "", ""));
        assert_eq!(split_highlight(text, None), (text, "", ""));
    }
}
