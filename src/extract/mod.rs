//! Extraction: article text + reference date → sentences, dates, places, actors, quotes,
//! events. Pure functions, no UI, no I/O.

pub mod dates;
pub mod sentences;
pub mod text;

use crate::model::{Article, Diagnostic, Event, EventId, EventKind, Extraction, Quote};

/// What one article yields. Ids are local to the article (from 0).
#[derive(Debug, Clone, Default)]
pub struct ArticleExtraction {
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Extract events and quotes from one article. May set the article's inferred publication date
/// and dateline place.
pub fn extract_article(article: &mut Article) -> ArticleExtraction {
    // Provisional: one event per resolved date expression (the full taggers land next).
    let text = &article.text;
    let mut out = ArticleExtraction::default();
    let mut anchor = None;
    for s in sentences::split_sentences(text) {
        let toks = text::tokenize(text, s.start, s.end);
        let mut mentions = dates::find_dates(text, &toks);
        dates::resolve_mentions(text, &mut mentions, article.published, &mut anchor);
        for m in mentions {
            if let Some(when) = m.span {
                out.events.push(Event {
                    id: EventId::from_index(out.events.len()),
                    article: article.id,
                    kind: EventKind::Other,
                    summary: text[s.start..s.end].chars().take(80).collect(),
                    sentence: text[s.start..s.end].to_owned(),
                    span: [s.start, s.end],
                    when: Some(when),
                    places: Vec::new(),
                    actors: Vec::new(),
                    quotes: Vec::new(),
                    planned: false,
                });
            }
        }
    }
    out
}

/// Merge short and variant actor names across articles ("Sharaa" → "Ahmed al-Sharaa").
pub fn merge_actors_across_articles(_extraction: &mut Extraction) {}
