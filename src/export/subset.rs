//! The part of an extraction that a filter shows, as a self-contained document: only the
//! articles and quotes the chosen events refer to, renumbered so ids stay indices.

use rustc_hash::FxHashMap;

use crate::model::{ArticleId, Event, EventId, Extraction, QuoteId};

/// The events `events` (in the order given) with the articles and quotes they refer to.
/// Diagnostics are kept whole: they are about the input, not about a selection of it.
/// Sentences and quotes a store keeps only in the article text are written out in full.
pub fn subset<'a>(
    articles: &[crate::model::Article],
    quotes: &[crate::model::Quote],
    diagnostics: &[crate::model::Diagnostic],
    events: impl IntoIterator<Item = &'a Event>,
) -> Extraction {
    let mut out = Extraction {
        diagnostics: diagnostics.to_vec(),
        ..Extraction::default()
    };
    let mut article_ids: FxHashMap<ArticleId, ArticleId> = FxHashMap::default();
    let mut quote_ids: FxHashMap<QuoteId, QuoteId> = FxHashMap::default();
    for event in events {
        let Some(article) = articles.get(event.article.index()) else {
            continue;
        };
        let article_id = *article_ids.entry(event.article).or_insert_with(|| {
            let id = ArticleId::from_index(out.articles.len());
            let mut a = article.clone();
            a.id = id;
            out.articles.push(a);
            id
        });
        let mut e = event.clone();
        crate::store::fill_texts(articles, std::slice::from_mut(&mut e), &mut []);
        e.id = EventId::from_index(out.events.len());
        e.article = article_id;
        e.quotes = event
            .quotes
            .iter()
            .filter_map(|q| {
                let quote = quotes.get(q.index())?;
                Some(*quote_ids.entry(*q).or_insert_with(|| {
                    let id = QuoteId::from_index(out.quotes.len());
                    let mut quote = quote.clone();
                    crate::store::fill_texts(articles, &mut [], std::slice::from_mut(&mut quote));
                    quote.id = id;
                    quote.article = article_id;
                    out.quotes.push(quote);
                    id
                }))
            })
            .collect();
        out.events.push(e);
    }
    out
}

/// `subset` over a whole extraction.
pub fn subset_of<'a>(
    extraction: &Extraction,
    events: impl IntoIterator<Item = &'a Event>,
) -> Extraction {
    subset(
        &extraction.articles,
        &extraction.quotes,
        &extraction.diagnostics,
        events,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline;

    #[test]
    fn a_subset_is_renumbered_and_self_consistent() {
        let all = pipeline::extract_seeds();
        let paris: Vec<&Event> = all
            .events
            .iter()
            .filter(|e| e.places.iter().any(|p| p.name == "Paris"))
            .collect();
        assert!(!paris.is_empty());
        let sub = subset_of(&all, paris.iter().copied());
        assert_eq!(sub.events.len(), paris.len());
        assert!(sub.articles.len() <= all.articles.len());
        for (i, e) in sub.events.iter().enumerate() {
            assert_eq!(e.id.index(), i);
            let article = &sub.articles[e.article.index()];
            assert_eq!(article.id, e.article);
            for q in &e.quotes {
                let quote = &sub.quotes[q.index()];
                assert_eq!(quote.id, *q);
                assert_eq!(quote.article, e.article);
            }
            assert!(e.places.iter().any(|p| p.name == "Paris"));
        }
        // The subset reads back as a chronomap document.
        let json = crate::export::to_json(&sub).unwrap();
        let back = crate::export::from_json(&json).unwrap();
        assert_eq!(back.events.len(), sub.events.len());
    }
}
