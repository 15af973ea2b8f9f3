//! The side panel: the selected event with its sentence and quotes, the events of a selected
//! place, actor or article, or — with nothing selected — every shown event.

use egui::{Align2, Color32, CornerRadius, FontId, Id, RichText, Sense, Stroke, Ui, pos2, vec2};

use crate::app::command::Command;
use crate::app::selection::{Highlight, Item};
use crate::model::{Event, EventId, Quote};
use crate::store::{ActorId, PlaceId};
use crate::views::ViewCtx;
use crate::views::theme::{self, kind_color};
use crate::views::widgets;

/// Rows of the event list all have this height, so only the visible ones are laid out.
const ROW_HEIGHT: f32 = 46.0;

pub fn side_panel_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    crate::views::story::merge_banner_ui(ui, ctx);
    match ctx.state.selection.selected() {
        Some(Item::Event(e)) => match (ctx.store.event(e), &ctx.vm.story) {
            (Some(event), Some(story)) if !ctx.state.show_mentions => {
                crate::views::story::story_ui(ui, ctx, event, story);
            }
            (Some(event), _) => event_ui(ui, ctx, event),
            (None, _) => list_ui(ui, ctx, None),
        },
        Some(item @ (Item::Place(_) | Item::Actor(_) | Item::Article(_))) => {
            list_ui(ui, ctx, Some(item));
        }
        None => list_ui(ui, ctx, None),
    }
}

fn back_button(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    if ui
        .add(egui::Button::new("‹ All events").small())
        .on_hover_text("Clear the selection (Esc)")
        .clicked()
    {
        ctx.send(Command::ClearSelection);
    }
}

/// The events of `item` (or all shown events), with a header saying what they are.
fn list_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, item: Option<Item>) {
    let events: &[EventId] = match item {
        None => &ctx.vm.shown,
        Some(_) => &ctx.vm.selection_events,
    };

    match item {
        None => {
            ui.horizontal(|ui| {
                ui.heading("Events");
                ui.label(widgets::muted(format!(
                    "{} shown, in date order",
                    events.len()
                )));
            });
        }
        Some(Item::Place(p)) => {
            back_button(ui, ctx);
            place_header_ui(ui, ctx, p, events.len());
        }
        Some(Item::Actor(a)) => {
            back_button(ui, ctx);
            actor_header_ui(ui, ctx, a, events.len());
        }
        Some(item @ Item::Article(a)) => {
            back_button(ui, ctx);
            ui.heading(item.label(ctx.store));
            if let Some(article) = ctx.store.article(a) {
                ui.label(widgets::muted(article_byline(article)));
                inferred_flag_ui(ui, article);
                ui.horizontal(|ui| {
                    if ui.button("Open article").clicked() {
                        ctx.send(Command::OpenArticle(a, None));
                    }
                    if ui
                        .button("Fix…")
                        .on_hover_text("Correct the publication date, outlet, title or events")
                        .clicked()
                    {
                        ctx.send(Command::EditArticle(Some(a)));
                    }
                });
            }
            ui.label(widgets::muted(format!("{} events", events.len())));
        }
        Some(Item::Event(_)) => {}
    }
    ui.separator();

    if events.is_empty() {
        ui.label(widgets::muted(if ctx.store.events().is_empty() {
            "No events yet. Open a folder of articles (or drop one here)."
        } else {
            "No event matches the search and filters."
        }));
        return;
    }

    egui::ScrollArea::vertical()
        .id_salt(("event-list", item))
        .auto_shrink([false, false])
        .show_rows(ui, ROW_HEIGHT, events.len(), |ui, rows| {
            for row in rows {
                if let Some(event) = ctx.store.event(events[row]) {
                    event_row_ui(ui, ctx, event);
                }
            }
        });
}

fn place_header_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, place: PlaceId, shown: usize) {
    let Some(entry) = ctx.store.place(place) else {
        return;
    };
    ui.heading(&entry.place.name);
    ui.label(widgets::muted(format!(
        "{} · {} · {:.2}°, {:.2}°",
        entry.place.kind.as_str(),
        entry.place.country,
        entry.place.lat,
        entry.place.lon
    )));
    ui.label(count_text(shown, entry.events.len()));
}

fn actor_header_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, actor: ActorId, shown: usize) {
    let Some(entry) = ctx.store.actor(actor) else {
        return;
    };
    ui.heading(&entry.actor.name);
    ui.label(widgets::muted(entry.actor.kind.as_str()));
    ui.label(count_text(shown, entry.events.len()));
}

fn count_text(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total} event{}", if total == 1 { "" } else { "s" })
    } else {
        format!("{shown} of {total} events (the others are filtered out)")
    }
}

/// One row of the event list: kind dot, summary, date and places. The whole row is one
/// click target labelled with the summary.
fn event_row_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, event: &Event) {
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), ROW_HEIGHT), Sense::hover());
    let response = ui.interact(rect, Id::unique(("event-row", event.id)), Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &event.summary));
    let highlight = ctx.vm.highlights.event(event.id);
    if response.hovered() {
        ctx.send(Command::Hover(Item::Event(event.id)));
    }
    if response.clicked() {
        ctx.send(Command::Select(Item::Event(event.id)));
    }
    if !ui.is_rect_visible(rect) {
        return;
    }
    let painter = ui.painter_at(rect);
    let background = match highlight {
        Highlight::Selected => Some(ui.visuals().selection.bg_fill),
        Highlight::Hovered => Some(Color32::from_rgb(0xea, 0xf0, 0xf8)),
        _ if response.hovered() => Some(Color32::from_rgb(0xf0, 0xf2, 0xf5)),
        _ => None,
    };
    if let Some(fill) = background {
        painter.rect_filled(rect.shrink(1.0), CornerRadius::same(4), fill);
    }
    let dot = pos2(rect.left() + 9.0, rect.top() + 14.0);
    if event.planned {
        painter.circle_stroke(dot, 4.0, Stroke::new(1.8, kind_color(event.kind)));
    } else {
        painter.circle_filled(dot, 4.5, kind_color(event.kind));
    }
    let text_left = rect.left() + 22.0;
    let width = rect.right() - text_left - 4.0;
    let title = ui.painter().layout(
        event.summary.clone(),
        FontId::proportional(14.0),
        theme::ink(ui),
        width,
    );
    let title = if title.rows.len() > 1 {
        let mut job = egui::text::LayoutJob::simple_singleline(
            event.summary.clone(),
            FontId::proportional(14.0),
            theme::ink(ui),
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(width);
        ui.fonts_mut(|f| f.layout_job(job))
    } else {
        title
    };
    painter.galley(pos2(text_left, rect.top() + 5.0), title, theme::ink(ui));
    let places: Vec<&str> = event.places.iter().map(|p| p.name.as_str()).collect();
    let mut second = widgets::resolved_date(event);
    if !places.is_empty() {
        second.push_str(" · ");
        second.push_str(&places.join(", "));
    }
    painter.text(
        pos2(text_left, rect.top() + 25.0),
        Align2::LEFT_TOP,
        second,
        FontId::proportional(12.0),
        theme::MUTED,
    );
    painter.line_segment(
        [
            rect.left_bottom() + vec2(4.0, -0.5),
            rect.right_bottom() + vec2(-4.0, -0.5),
        ],
        Stroke::new(1.0, Color32::from_gray(232)),
    );
}

/// A warning for articles whose publication date was guessed: their relative dates may be off.
fn inferred_flag_ui(ui: &mut Ui, article: &crate::model::Article) {
    if let Some(warning) = crate::views::editor::inferred_warning(article) {
        ui.label(
            RichText::new(warning)
                .color(Color32::from_rgb(0x9a, 0x5b, 0x00))
                .small(),
        );
    }
}

fn article_byline(article: &crate::model::Article) -> String {
    let outlet = article.outlet.as_deref().unwrap_or("Outlet not given");
    match article.published {
        Some(date) => format!("{outlet} · {}", date.format("%-d %b %Y")),
        None => format!("{outlet} · date unknown"),
    }
}

/// Everything about one event: when, where, who, the sentence it came from, and its quotes.
fn event_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, event: &Event) {
    ui.horizontal(|ui| {
        back_button(ui, ctx);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(widgets::muted("Left/Right keys: previous/next event").small());
        });
    });
    egui::ScrollArea::vertical()
        .id_salt("event-details")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                widgets::kind_chip(ui, event.kind);
                if event.planned {
                    ui.label(widgets::muted("planned / announced").small());
                }
            });
            widgets::bold_label(ui, &event.summary, FontId::proportional(19.0), theme::ink(ui));
            ui.add_space(2.0);

            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(widgets::resolved_date(event)).strong());
                if let Some(when) = &event.when {
                    ui.label(widgets::muted(format!("as written: “{}”", when.text)));
                }
            });
            crate::views::story::story_note_ui(ui, ctx);

            if !event.places.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(widgets::muted("Where"));
                    for (place, id) in event.places.iter().zip(ctx.store.event_places(event.id)) {
                        if widgets::tag(ui, &place.name, Color32::from_rgb(0xe6, 0xee, 0xf7))
                            .on_hover_text(format!(
                                "“{}” in the text — show its events",
                                place.text
                            ))
                            .clicked()
                        {
                            ctx.send(Command::Select(Item::Place(*id)));
                        }
                    }
                });
            }
            if !event.actors.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(widgets::muted("Who"));
                    for (actor, id) in event.actors.iter().zip(ctx.store.event_actors(event.id)) {
                        if widgets::tag(ui, &actor.name, Color32::from_rgb(0xf1, 0xec, 0xf6))
                            .on_hover_text(format!("{} — show their events", actor.kind.as_str()))
                            .clicked()
                        {
                            ctx.send(Command::Select(Item::Actor(*id)));
                        }
                    }
                });
            }

            ui.add_space(6.0);
            quote_block_ui(ui, theme::MUTED, |ui| {
                ui.add(
                    egui::Label::new(RichText::new(ctx.store.sentence(event)).italics().color(theme::ink(ui)))
                        .wrap(),
                );
            });

            if let Some(article) = ctx.store.article(event.article) {
                ui.add_space(2.0);
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        widgets::muted(format!(
                            "{} — {}",
                            article.display_name(),
                            article_byline(article)
                        ))
                        .small(),
                    );
                });
                inferred_flag_ui(ui, article);
                ui.horizontal(|ui| {
                    if ui.button("Open article").clicked() {
                        ctx.send(Command::OpenArticle(event.article, Some(event.span)));
                    }
                    if ui.button("All events of this article").clicked() {
                        ctx.send(Command::Select(Item::Article(event.article)));
                    }
                    if ui
                        .button("Fix…")
                        .on_hover_text("Hide this event, correct its date or place, or fix the article's publication date")
                        .clicked()
                    {
                        ctx.send(Command::EditArticle(Some(event.article)));
                    }
                });
            }

            let linked: Vec<&Quote> = event
                .quotes
                .iter()
                .filter_map(|q| ctx.store.quote(*q))
                .collect();
            ui.add_space(8.0);
            ui.label(RichText::new("Quotes").strong().color(theme::ink(ui)));
            if linked.is_empty() {
                ui.label(widgets::muted("No quote is linked to this event."));
            }
            for quote in &linked {
                quote_ui(ui, ctx, quote);
            }
            other_quotes_ui(ui, ctx, |_| false);
        });
}

/// The article's quotes not linked to what is shown (nor already `shown` above).
pub(crate) fn other_quotes_ui(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    shown: impl Fn(&crate::model::QuoteId) -> bool,
) {
    let others: Vec<&Quote> = ctx
        .vm
        .other_quotes
        .iter()
        .filter(|q| !shown(q))
        .filter_map(|q| ctx.store.quote(*q))
        .collect();
    if others.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.label(
        RichText::new("Also quoted in this article")
            .strong()
            .color(theme::ink(ui)),
    );
    for quote in others {
        quote_ui(ui, ctx, quote);
    }
}

/// A block with a coloured bar down its left side.
pub(crate) fn quote_block_ui(ui: &mut Ui, bar: Color32, add_contents: impl FnOnce(&mut Ui)) {
    let response = egui::Frame::new()
        .inner_margin(egui::Margin {
            left: 12,
            right: 4,
            top: 2,
            bottom: 2,
        })
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add_contents(ui);
        })
        .response;
    let r = response.rect;
    ui.painter().line_segment(
        [
            pos2(r.left() + 3.0, r.top() + 2.0),
            pos2(r.left() + 3.0, r.bottom() - 2.0),
        ],
        Stroke::new(3.0, bar),
    );
}

/// **Speaker**: “quote” — outlet · date.
pub(crate) fn quote_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, quote: &Quote) {
    ui.add_space(4.0);
    quote_block_ui(ui, theme::ACCENT.gamma_multiply(0.6), |ui| {
        match quote.speaker.as_deref() {
            Some(speaker) => {
                widgets::bold_label(ui, speaker, FontId::proportional(14.5), theme::ink(ui));
            }
            None => {
                ui.label(widgets::muted("Speaker not identified"));
            }
        }
        ui.add(
            egui::Label::new(
                RichText::new(format!("“{}”", ctx.store.quote_text(quote))).color(theme::ink(ui)),
            )
            .wrap(),
        );
        if let Some(article) = ctx.store.article(quote.article) {
            let response = ui
                .add(
                    egui::Label::new(widgets::muted(article_byline(article)).small())
                        .sense(Sense::click()),
                )
                .on_hover_text("Open the article at this quote");
            if response.clicked() {
                ctx.send(Command::OpenArticle(quote.article, Some(quote.span)));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_well() {
        assert_eq!(count_text(1, 1), "1 event");
        assert_eq!(count_text(3, 3), "3 events");
        assert_eq!(
            count_text(2, 5),
            "2 of 5 events (the others are filtered out)"
        );
    }
}
