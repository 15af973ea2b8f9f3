//! The article editor: fix an article's publication date, outlet and title (relative dates are
//! resolved again at once), and per event: hide it, correct its date, or pick its place from the
//! gazetteer. The app saves the fixes; this window only sends commands.

use chrono::NaiveDate;
use egui::{Color32, RichText, Ui};

use crate::app::command::Command;
use crate::app::selection::Item;
use crate::extract::dates::parse_written_date;
use crate::extract::gazetteer::{gazetteer, name_key};
use crate::model::{Article, ArticleId, DateSpan, EventId, Precision, PublishedBasis};
use crate::store::EventFix;
use crate::views::ViewCtx;
use crate::views::{theme, widgets};

const WARNING: Color32 = Color32::from_rgb(0x9a, 0x5b, 0x00);
const ERROR: Color32 = Color32::from_rgb(0xb0, 0x2a, 0x2a);

/// Edit buffers of the editor window, kept between frames.
#[derive(Default)]
pub struct EditorState {
    /// The article the buffers were filled from.
    loaded: Option<ArticleId>,
    /// Fill the buffers again from the store on the next frame (after a fix was applied).
    refill: bool,
    published: String,
    outlet: String,
    title: String,
    error: Option<String>,
    /// The article's events, rebuilt when the store changes.
    events: Vec<EventId>,
    events_for: Option<(ArticleId, u64)>,
    /// The event whose date and place are being fixed.
    open_event: Option<EventId>,
    /// The selection last seen: a newly selected event of the article is opened.
    selected_seen: Option<EventId>,
    event_date: String,
    place_query: String,
    /// Gazetteer entries matching `place_query`, found when it changes.
    places: Vec<u32>,
    places_for: String,
}

/// A text field that looks like one on the light theme (a grey box).
fn field(text: &mut String) -> egui::TextEdit<'_> {
    egui::TextEdit::singleline(text).background_color(Color32::from_gray(244))
}

/// "Publication date guessed from the text (…): check it", for articles whose publication date was guessed.
pub fn inferred_warning(article: &Article) -> Option<String> {
    if article.published_basis != PublishedBasis::Inferred {
        return None;
    }
    Some(match &article.published_evidence {
        Some(evidence) => format!("Publication date guessed from the text ({evidence}): check it"),
        None => "Publication date guessed from the text: check it".to_owned(),
    })
}

pub fn editor_window_ui(egui_ctx: &egui::Context, ctx: &mut ViewCtx<'_>, state: &mut EditorState) {
    let Some(id) = ctx.state.editing else {
        state.loaded = None;
        return;
    };
    let Some(article) = ctx.store.article(id) else {
        ctx.send(Command::EditArticle(None));
        return;
    };
    if state.loaded != Some(id) || state.refill {
        state.loaded = Some(id);
        state.refill = false;
        state.published = article
            .published
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        state.outlet = article.outlet.clone().unwrap_or_default();
        state.title = article.title.clone().unwrap_or_default();
        state.error = None;
    }
    if state.events_for != Some((id, ctx.store.generation())) {
        state.events_for = Some((id, ctx.store.generation()));
        // Once per change of the store, not per frame.
        state.events = ctx
            .store
            .events()
            .iter()
            .filter(|e| e.article == id)
            .map(|e| e.id)
            .collect();
        if state.open_event.is_some_and(|o| !state.events.contains(&o)) {
            state.open_event = None;
        }
    }
    // An event selected elsewhere (the list, the timeline) is the one to fix.
    let selected = match ctx.state.selection.selected() {
        Some(Item::Event(e)) => Some(e),
        _ => None,
    };
    if selected != state.selected_seen {
        state.selected_seen = selected;
        if let Some(e) = selected.filter(|e| state.events.contains(e)) {
            open_event(state, ctx, e);
        }
    }
    let mut open = true;
    egui::Window::new(format!("Fix article — {}", article.display_name()))
        .id(egui::Id::unique("article-editor"))
        .open(&mut open)
        .default_size([520.0, 560.0])
        .collapsible(false)
        .show(egui_ctx, |ui| {
            article_fields_ui(ui, ctx, state, id, article);
            ui.separator();
            events_ui(ui, ctx, state);
        });
    if !open {
        ctx.send(Command::EditArticle(None));
    }
}

fn article_fields_ui(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    state: &mut EditorState,
    id: ArticleId,
    article: &Article,
) {
    ui.label(widgets::muted(&article.path).small());
    if let Some(warning) = inferred_warning(article) {
        ui.label(RichText::new(warning).color(WARNING));
    }
    if article.text.is_empty() {
        ui.label(widgets::muted(
            "Read from an events file: the text is not at hand, so dates are not resolved again.",
        ));
    }
    egui::Grid::new("article-fields")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("Published");
            ui.horizontal(|ui| {
                ui.add(
                    field(&mut state.published)
                        .hint_text("YYYY-MM-DD")
                        .desired_width(120.0),
                )
                .labelled_by(label.id);
                ui.label(widgets::muted(basis_label(article.published_basis)).small());
            });
            ui.end_row();
            let label = ui.label("Outlet");
            ui.add(field(&mut state.outlet).desired_width(300.0))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Title");
            ui.add(field(&mut state.title).desired_width(300.0))
                .labelled_by(label.id);
            ui.end_row();
        });
    ui.horizontal(|ui| {
        if ui
            .button("Apply and save")
            .on_hover_text(
                "Resolve this article's dates again and save the fix beside it (sources.csv)",
            )
            .clicked()
        {
            let published = if state.published.trim().is_empty() {
                Ok(None)
            } else {
                parse_written_date(&state.published)
                    .map(Some)
                    .ok_or_else(|| {
                        format!(
                            "“{}” is not a date (use YYYY-MM-DD)",
                            state.published.trim()
                        )
                    })
            };
            match published {
                Ok(published) => {
                    let changed = |new: &str, old: &Option<String>| {
                        (new.trim() != old.as_deref().unwrap_or("")).then(|| new.to_owned())
                    };
                    ctx.send(Command::FixArticle {
                        article: id,
                        // The same date confirms a guessed one.
                        published: published.filter(|d| {
                            article.published != Some(*d)
                                || article.published_basis == PublishedBasis::Inferred
                        }),
                        outlet: changed(&state.outlet, &article.outlet),
                        title: changed(&state.title, &article.title),
                    });
                    state.error = None;
                    state.refill = true;
                }
                Err(e) => state.error = Some(e),
            }
        }
        if let Some(e) = &state.error {
            ui.label(RichText::new(e).color(ERROR));
        } else if let Some(status) = &ctx.state.edit_status {
            ui.label(
                RichText::new(&status.message)
                    .color(if status.ok { theme::MUTED } else { WARNING })
                    .small(),
            );
        }
    });
}

fn basis_label(basis: PublishedBasis) -> &'static str {
    match basis {
        PublishedBasis::SourcesCsv => "from sources.csv",
        PublishedBasis::FrontMatter => "from the front matter",
        PublishedBasis::HtmlMeta => "from the HTML",
        PublishedBasis::FileName => "from the file name",
        PublishedBasis::Inferred => "guessed from the text",
        PublishedBasis::User => "set by you",
        PublishedBasis::Unknown => "not known",
    }
}

fn events_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &mut EditorState) {
    ui.label(RichText::new(format!("Events of this article ({})", state.events.len())).strong());
    let hidden = ctx.state.hidden_in_editing;
    if hidden > 0
        && let Some(article) = state.loaded
    {
        ui.horizontal(|ui| {
            ui.label(widgets::muted(if hidden == 1 {
                "1 event hidden by you".to_owned()
            } else {
                format!("{hidden} events hidden by you")
            }));
            if ui
                .button("Show again")
                .on_hover_text("Bring the hidden events of this article back (saved)")
                .clicked()
            {
                ctx.send(Command::ShowHiddenEvents(article));
                state.refill = true;
            }
        });
    }
    egui::ScrollArea::vertical()
        .id_salt("editor-events")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for &id in &state.events.clone() {
                let Some(event) = ctx.store.event(id) else {
                    continue;
                };
                ui.horizontal(|ui| {
                    let mut summary = event.summary.clone();
                    if summary.chars().count() > 60 {
                        summary = summary.chars().take(58).collect::<String>() + "…";
                    }
                    let expanded = state.open_event == Some(id);
                    if ui
                        .selectable_label(expanded, summary)
                        .on_hover_text(ctx.store.sentence(event))
                        .clicked()
                    {
                        if expanded {
                            state.open_event = None;
                        } else {
                            open_event(state, ctx, id);
                        }
                    }
                    ui.label(widgets::muted(widgets::resolved_date(event)).small());
                });
                if state.open_event == Some(id) {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        event_fix_ui(ui, ctx, state, id);
                    });
                }
            }
        });
}

fn open_event(state: &mut EditorState, ctx: &ViewCtx<'_>, id: EventId) {
    state.open_event = Some(id);
    state.event_date = ctx
        .store
        .event(id)
        .and_then(|e| e.when.as_ref())
        .map(|w| span_text(w.start, w.end))
        .unwrap_or_default();
    state.place_query.clear();
}

fn span_text(start: NaiveDate, end: NaiveDate) -> String {
    if start == end {
        start.format("%Y-%m-%d").to_string()
    } else {
        format!("{} – {}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d"))
    }
}

/// "2025-11-10" or "2025-11-10 – 2025-11-12" (any dash or "to" between).
pub fn parse_span(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let text = text.trim();
    for sep in [" – ", " — ", " - ", " to ", "–", "—", ".."] {
        if let Some((a, b)) = text.split_once(sep)
            && let (Some(a), Some(b)) = (parse_written_date(a), parse_written_date(b))
        {
            return (a <= b).then_some((a, b));
        }
    }
    parse_written_date(text).map(|d| (d, d))
}

fn event_fix_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &mut EditorState, id: EventId) {
    let Some(event) = ctx.store.event(id) else {
        return;
    };
    ui.label(
        RichText::new(ctx.store.sentence(event))
            .italics()
            .color(theme::ink(ui)),
    );
    ui.horizontal(|ui| {
        let label = ui.label("Date");
        ui.add(
            field(&mut state.event_date)
                .hint_text("YYYY-MM-DD or a range")
                .desired_width(200.0),
        )
        .labelled_by(label.id);
        if ui.button("Set date").clicked() {
            match parse_span(&state.event_date) {
                Some((start, end)) => {
                    state.error = None;
                    ctx.send(Command::FixEvent {
                        event: id,
                        fix: EventFix {
                            // The words stay as written: they identify the event in the
                            // corrections file.
                            when: Some(DateSpan {
                                text: event
                                    .when
                                    .as_ref()
                                    .map(|w| w.text.clone())
                                    .unwrap_or_default(),
                                start,
                                end,
                                precision: Precision::Day,
                                approximate: false,
                            }),
                            ..EventFix::default()
                        },
                    });
                }
                None => {
                    state.error = Some(format!(
                        "“{}” is not a date or a range of dates",
                        state.event_date.trim()
                    ));
                }
            }
        }
        if ui
            .button("Hide event")
            .on_hover_text("Remove this event from the timeline, map and lists (saved)")
            .clicked()
        {
            ctx.send(Command::FixEvent {
                event: id,
                fix: EventFix {
                    hidden: true,
                    ..EventFix::default()
                },
            });
            state.open_event = None;
        }
    });
    let places: Vec<&str> = event.places.iter().map(|p| p.name.as_str()).collect();
    ui.label(widgets::muted(if places.is_empty() {
        "Place: none found".to_owned()
    } else {
        format!("Place: {}", places.join(", "))
    }));
    ui.horizontal(|ui| {
        let label = ui.label("Find a place");
        ui.add(
            field(&mut state.place_query)
                .hint_text("Type a city, region or country")
                .desired_width(240.0),
        )
        .labelled_by(label.id);
    });
    if state.places_for != state.place_query {
        state.places_for.clone_from(&state.place_query);
        state.places = search_places(&state.place_query, 12);
    }
    let g = gazetteer();
    for &i in &state.places {
        let entry = g.entry(i);
        let text = format!(
            "{}, {} ({}, {})",
            entry.name,
            entry.country,
            entry.kind.as_str(),
            if entry.population > 0 {
                format!("{} people", entry.population)
            } else {
                "population not known".to_owned()
            }
        );
        if ui.button(text).clicked() {
            ctx.send(Command::FixEvent {
                event: id,
                fix: EventFix {
                    place: Some(entry.to_place("")),
                    ..EventFix::default()
                },
            });
            state.place_query.clear();
        }
    }
}

/// Gazetteer entries whose name (or alternate name) is `query`, then those whose name starts
/// with it, most populous first. Run when the query changes, not per frame.
pub fn search_places(query: &str, limit: usize) -> Vec<u32> {
    let key = name_key(query);
    if key.chars().count() < 2 {
        return Vec::new();
    }
    let g = gazetteer();
    let mut found: Vec<u32> = g.lookup(&key).to_vec();
    for (i, e) in g.entries.iter().enumerate() {
        if found.len() >= 400 {
            break;
        }
        let i = i as u32;
        if !found.contains(&i) && name_key(e.name).starts_with(&key) {
            found.push(i);
        }
    }
    let exact = g.lookup(&key).len();
    let (head, tail) = found.split_at_mut(exact);
    head.sort_by_key(|&i| std::cmp::Reverse(g.entry(i).population));
    tail.sort_by_key(|&i| std::cmp::Reverse(g.entry(i).population));
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_ranges_parse() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        assert_eq!(parse_span("2025-11-10"), Some((d(11, 10), d(11, 10))));
        assert_eq!(
            parse_span("2025-11-10 – 2025-11-12"),
            Some((d(11, 10), d(11, 12)))
        );
        assert_eq!(parse_span("2025-11-12 to 2025-11-10"), None);
        assert_eq!(parse_span("soon"), None);
    }

    #[test]
    fn places_are_found_by_name_most_populous_first() {
        let found = search_places("Paris", 5);
        let g = gazetteer();
        assert_eq!(g.entry(found[0]).country, "FR");
        assert!(
            search_places("damas", 5)
                .iter()
                .any(|&i| g.entry(i).name == "Damascus")
        );
        assert!(search_places("x", 5).is_empty());
    }
}
