//! The side panel for a story: one happening told by several articles. Its date and how many
//! sources corroborate it, where the sources disagree, every mention grouped by the article
//! (outlet) that reports it with its sentence and quotes, why the mentions were joined, and
//! the hand-made fixes ("Not the same story", "Merge with…").

use egui::{Color32, FontId, RichText, Ui};

use crate::app::command::Command;
use crate::app::selection::Item;
use crate::app::stories::StoryCommand;
use crate::model::{Event, EventId};
use crate::views::ViewCtx;
use crate::views::side_panel::{other_quotes_ui, quote_block_ui};
use crate::views::theme;
use crate::views::view_model::StoryView;
use crate::views::widgets;

/// Mentions listed in full; a story told thousands of times lists the first ones.
const MAX_LISTED_MENTIONS: usize = 60;
const CONFLICT: Color32 = Color32::from_rgb(0x9a, 0x5b, 0x00);

/// While "Merge with…" waits for a second story: what to do, and a way out.
pub fn merge_banner_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    let Some(from) = ctx.state.merging else {
        return;
    };
    let name = ctx
        .store
        .event(from)
        .map_or_else(String::new, |e| e.summary.clone());
    egui::Frame::new()
        .fill(Color32::from_rgb(0xfd, 0xf3, 0xdc))
        .corner_radius(egui::CornerRadius::same(6))
        .inner_margin(egui::Margin::symmetric(8, 6))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new("Merging stories")
                    .strong()
                    .color(theme::ink(ui)),
            );
            ui.label(
                RichText::new(format!(
                    "Click another story on the timeline or in a list to merge it with “{name}”."
                ))
                .small()
                .color(theme::ink(ui)),
            );
            if ui.small_button("Cancel merge").clicked() {
                ctx.send(Command::Story(StoryCommand::StartMerge(None)));
            }
        });
    ui.add_space(4.0);
}

/// "Corroborated by 3 sources · Show as story", under an event of a story when mentions are
/// shown.
pub fn story_note_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    let Some(story) = &ctx.vm.story else {
        // A story of one mention (perhaps split off by hand) can still join another.
        if let (true, Some(Item::Event(e)), None) = (
            ctx.vm.stories,
            ctx.state.selection.selected(),
            ctx.state.merging,
        ) && ui
            .small_button("Merge with…")
            .on_hover_text(
                "Then click another story (on the timeline or in a list): the two become one",
            )
            .clicked()
        {
            ctx.send(Command::Story(StoryCommand::StartMerge(Some(e))));
        }
        return;
    };
    let sources = story.sources;
    ui.horizontal_wrapped(|ui| {
        if let Some(text) = crate::views::timeline::corroborated(sources as u32) {
            ui.label(RichText::new(text).color(theme::ACCENT).strong());
        } else {
            ui.label(widgets::muted(format!(
                "One of {} mentions of a story",
                story.mentions
            )));
        }
        if ui
            .small_button("Show as story")
            .on_hover_text("Show stories, not mentions, on the timeline and the map")
            .clicked()
        {
            ctx.send(Command::Story(StoryCommand::ShowMentions(false)));
        }
    });
}

/// The story of `selected` (one of its mentions).
pub fn story_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, selected: &Event, story: &StoryView) {
    ui.horizontal(|ui| {
        if ui
            .add(egui::Button::new("‹ All events").small())
            .on_hover_text("Clear the selection (Esc)")
            .clicked()
        {
            ctx.send(Command::ClearSelection);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("Show mentions")
                .on_hover_text("Show every mention on the timeline and the map, not stories")
                .clicked()
            {
                ctx.send(Command::Story(StoryCommand::ShowMentions(true)));
            }
        });
    });
    let Some(lead) = ctx.store.event(story.lead) else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("story-details")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                widgets::kind_chip(ui, lead.kind);
                ui.label(widgets::muted("Story").small().strong());
                if story.planned {
                    ui.label(widgets::muted("planned / announced").small());
                }
            });
            widgets::bold_label(ui, &lead.summary, FontId::proportional(19.0), theme::ink(ui));
            ui.add_space(2.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(widgets::resolved_date(lead)).strong());
                ui.label(widgets::muted(format!(
                    "{} mentions in {} articles",
                    story.mentions, story.sources
                )));
            });
            if let Some(text) = crate::views::timeline::corroborated(story.sources as u32) {
                ui.label(RichText::new(text).color(theme::ACCENT).strong());
            }
            for conflict in &story.conflicts {
                ui.label(RichText::new(conflict.as_str()).color(CONFLICT));
            }
            tags_ui(ui, ctx, story);

            ui.horizontal(|ui| {
                if ui
                    .button("Open article")
                    .on_hover_text("The article of the selected mention, at its sentence")
                    .clicked()
                {
                    ctx.send(Command::OpenArticle(selected.article, Some(selected.span)));
                }
                if ui
                    .button("Fix…")
                    .on_hover_text("Hide the selected mention, correct its date or place, or fix its article")
                    .clicked()
                {
                    ctx.send(Command::EditArticle(Some(selected.article)));
                }
                let merging = ctx.state.merging.is_some();
                if ui
                    .add_enabled(!merging, egui::Button::new("Merge with…"))
                    .on_hover_text(
                        "Then click another story (on the timeline or in a list): the two become one",
                    )
                    .clicked()
                {
                    ctx.send(Command::Story(StoryCommand::StartMerge(Some(selected.id))));
                }
            });
            egui::CollapsingHeader::new("Why these were joined")
                .id_salt(("story-why", story.lead))
                .default_open(false)
                .show(ui, |ui| reasons_ui(ui, ctx, story));

            ui.add_space(4.0);
            ui.separator();
            let mut listed = 0;
            // Two events of one sentence share its quotes: each is shown once.
            let mut quoted = std::collections::HashSet::new();
            for source in &story.by_source {
                if listed >= MAX_LISTED_MENTIONS {
                    break;
                }
                ui.add_space(4.0);
                let date = source
                    .published
                    .map_or_else(|| "date unknown".to_owned(), |d| d.format("%-d %b %Y").to_string());
                ui.horizontal_wrapped(|ui| {
                    widgets::bold_label(ui, &source.outlet, FontId::proportional(14.5), theme::ink(ui));
                    ui.label(widgets::muted(date));
                });
                if let Some(article) = ctx.store.article(source.article)
                    && article.display_name() != source.outlet
                {
                    ui.label(widgets::muted(article.display_name()).small());
                }
                for &m in &source.mentions {
                    if listed >= MAX_LISTED_MENTIONS {
                        break;
                    }
                    listed += 1;
                    if let Some(event) = ctx.store.event(m) {
                        mention_ui(ui, ctx, event, m == selected.id, &mut quoted);
                    }
                }
            }
            if story.mentions > listed {
                ui.label(widgets::muted(format!(
                    "and {} more mentions",
                    story.mentions - listed
                )));
            }

            other_quotes_ui(ui, ctx, |q| story.quotes.contains(q));
        });
}

/// The places and people of all the story's mentions, as tags that select them.
fn tags_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, story: &StoryView) {
    if !story.places.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(widgets::muted("Where"));
            for &id in &story.places {
                let Some(entry) = ctx.store.place(id) else {
                    continue;
                };
                if widgets::tag(ui, &entry.place.name, Color32::from_rgb(0xe6, 0xee, 0xf7))
                    .on_hover_text("Show its events")
                    .clicked()
                {
                    ctx.send(Command::Select(Item::Place(id)));
                }
            }
        });
    }
    if !story.actors.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(widgets::muted("Who"));
            for &id in story.actors.iter().take(12) {
                let Some(entry) = ctx.store.actor(id) else {
                    continue;
                };
                if widgets::tag(ui, &entry.actor.name, Color32::from_rgb(0xf1, 0xec, 0xf6))
                    .on_hover_text(format!("{} — show their events", entry.actor.kind.as_str()))
                    .clicked()
                {
                    ctx.send(Command::Select(Item::Actor(id)));
                }
            }
        });
    }
}

fn reasons_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, story: &StoryView) {
    if story.reasons.is_empty() {
        ui.label(widgets::muted("No reasons recorded."));
    }
    // "“Sharaa to visit Washington…” (Kurdistan24)": which mention, from where.
    let name = |e: EventId| {
        let Some(event) = ctx.store.event(e) else {
            return String::new();
        };
        let outlet = story
            .by_source
            .iter()
            .find(|s| s.article == event.article)
            .map_or("", |s| s.outlet.as_str());
        let mut summary: String = event.summary.chars().take(48).collect();
        if summary.len() < event.summary.len() {
            summary.push('…');
        }
        format!("“{summary}” ({outlet})")
    };
    for (a, b, why) in story.reasons.iter().take(MAX_LISTED_MENTIONS) {
        ui.label(
            RichText::new(format!("{} and {}", name(*a), name(*b)))
                .small()
                .color(theme::ink(ui)),
        );
        ui.label(widgets::muted(format!("    {why}")).small());
    }
}

/// One mention: its date as written, its sentence, its quotes, and the fixes.
fn mention_ui(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    event: &Event,
    selected: bool,
    quoted: &mut std::collections::HashSet<crate::model::QuoteId>,
) {
    ui.add_space(2.0);
    let bar = if selected {
        theme::ACCENT
    } else {
        theme::MUTED.gamma_multiply(0.6)
    };
    quote_block_ui(ui, bar, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(widgets::resolved_date(event))
                    .small()
                    .strong(),
            );
            if let Some(when) = &event.when
                && !when.text.is_empty()
            {
                ui.label(widgets::muted(format!("“{}”", when.text)).small());
            }
            if event.planned {
                ui.label(widgets::muted("planned").small());
            }
        });
        let text = RichText::new(ctx.store.sentence(event))
            .italics()
            .color(theme::ink(ui));
        ui.add(egui::Label::new(if selected { text.strong() } else { text }).wrap());
        for quote in event
            .quotes
            .iter()
            .filter(|q| quoted.insert(**q))
            .filter_map(|q| ctx.store.quote(*q))
        {
            ui.add_space(2.0);
            match quote.speaker.as_deref() {
                Some(speaker) => {
                    widgets::bold_label(ui, speaker, FontId::proportional(13.5), theme::ink(ui));
                }
                None => {
                    ui.label(widgets::muted("Speaker not identified").small());
                }
            }
            ui.add(
                egui::Label::new(
                    RichText::new(format!("“{}”", ctx.store.quote_text(quote)))
                        .color(theme::ink(ui)),
                )
                .wrap(),
            );
        }
        ui.horizontal(|ui| {
            if ui
                .small_button("Read")
                .on_hover_text("Open the article at this sentence")
                .clicked()
            {
                ctx.send(Command::OpenArticle(event.article, Some(event.span)));
            }
            if ui
                .small_button("Not the same story")
                .on_hover_text(format!(
                    "Take “{}” out of this story (saved with your fixes)",
                    event.summary
                ))
                .clicked()
            {
                ctx.send(Command::Story(StoryCommand::Split(event.id)));
            }
        });
    });
}

/// "Stories | Mentions" in the top bar: one mark per story, or per mention.
pub fn stories_toggle_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    let mentions = ctx.state.show_mentions;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        if ui
            .selectable_label(!mentions, "Stories")
            .on_hover_text(
                "One mark per story: mentions of one happening in several articles, joined",
            )
            .clicked()
            && mentions
        {
            ctx.send(Command::Story(StoryCommand::ShowMentions(false)));
        }
        if ui
            .selectable_label(mentions, "Mentions")
            .on_hover_text("One mark per mention, as each article reports it")
            .clicked()
            && !mentions
        {
            ctx.send(Command::Story(StoryCommand::ShowMentions(true)));
        }
        if ctx.state.loading.is_some() && !mentions {
            ui.label(widgets::muted(" after loading").small())
                .on_hover_text(
                    "Stories are made once everything is read; until then every mention is shown",
                );
        } else if ctx.state.stories_pending && !mentions {
            // Still text, not a spinner: nothing to repaint until the stories arrive (the
            // job wakes the window then).
            ui.label(widgets::muted(" grouping stories…").small())
                .on_hover_text(
                    "Mentions of one happening in several articles are being joined; \
                     until then every mention is shown",
                );
        }
    });
}
