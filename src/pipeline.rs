//! Inputs → [`Extraction`]: ingest, then extract every article in parallel, then merge actor
//! names across the corpus.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::corpus::{self, Document, IngestOptions, Ingested};
use crate::extract::{self, ArticleExtraction};
use crate::model::{Article, ArticleId, EventId, Extraction, QuoteId};

/// Options for a pipeline run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub ingest: IngestOptions,
}

/// Read and extract everything under `paths` (files or folders).
pub fn extract_paths(paths: &[PathBuf], options: &Options) -> Extraction {
    extract_ingested(corpus::ingest_paths(paths, &options.ingest))
}

/// The embedded sample corpus.
pub fn extract_seeds() -> Extraction {
    extract_ingested(corpus::embedded_seeds())
}

/// Extract documents that are already read.
pub fn extract_ingested(ingested: Ingested) -> Extraction {
    let Ingested {
        documents,
        mut diagnostics,
    } = ingested;
    let per_article: Vec<(Article, ArticleExtraction)> = documents
        .into_par_iter()
        .enumerate()
        .map(|(i, doc)| extract_document(ArticleId::from_index(i), doc))
        .collect();
    let mut out = Extraction::default();
    for (article, mut ex) in per_article {
        diagnostics.append(&mut ex.diagnostics);
        // Article-local ids → batch ids.
        let event_base = out.events.len();
        let quote_base = out.quotes.len();
        for mut q in ex.quotes {
            q.id = QuoteId::from_index(q.id.index() + quote_base);
            out.quotes.push(q);
        }
        for mut e in ex.events {
            e.id = EventId::from_index(e.id.index() + event_base);
            for q in &mut e.quotes {
                *q = QuoteId::from_index(q.index() + quote_base);
            }
            out.events.push(e);
        }
        out.articles.push(article);
    }
    extract::merge_actors_across_articles(&mut out);
    out.diagnostics = diagnostics;
    out
}

/// One document → its article record and extraction (ids local to the article).
pub fn extract_document(id: ArticleId, doc: Document) -> (Article, ArticleExtraction) {
    let mut article = Article {
        id,
        path: doc.path,
        title: doc.meta.title,
        outlet: doc.meta.outlet,
        url: doc.meta.url,
        published: doc.meta.published,
        published_basis: doc.published_basis,
        published_evidence: None,
        place: None,
        text: doc.text,
    };
    let ex = extract::extract_article(&mut article);
    (article, ex)
}
