//! Inputs → [`Extraction`]: ingest, then extract every article in parallel, then merge actor
//! names across the corpus.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::corpus::{self, Document, IngestOptions, Ingested};
use crate::extract::{self, ArticleExtraction};
use crate::model::{Article, ArticleId, EventId, Extraction, QuoteId};
use crate::store::Corrections;

/// Options for a pipeline run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub ingest: IngestOptions,
    /// The user's fixes, applied to every article extracted.
    pub corrections: Corrections,
}

/// Threads for a background job's parallel work (the window's loader and stories): all
/// cores but one, which is left to the UI thread so frames stay short. `None` when no pool can
/// be made (the work then runs on the job's own thread).
pub fn worker_pool(name: &'static str) -> Option<rayon::ThreadPool> {
    let threads =
        std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1));
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(move |i| format!("{name}-{i}"))
        .build()
        .ok()
}

/// Read and extract everything under `paths` (files or folders).
pub fn extract_paths(paths: &[PathBuf], options: &Options) -> Extraction {
    extract_ingested_with(
        corpus::ingest_paths(paths, &options.ingest),
        &options.corrections,
    )
}

/// The embedded sample corpus.
pub fn extract_seeds() -> Extraction {
    extract_ingested(corpus::embedded_seeds())
}

/// Extract documents that are already read.
pub fn extract_ingested(ingested: Ingested) -> Extraction {
    extract_ingested_with(ingested, &Corrections::default())
}

/// Extract documents that are already read, applying the user's fixes.
pub fn extract_ingested_with(ingested: Ingested, corrections: &Corrections) -> Extraction {
    let Ingested {
        documents,
        mut diagnostics,
    } = ingested;
    let per_article: Vec<(Article, ArticleExtraction)> = documents
        .into_par_iter()
        .enumerate()
        .map(|(i, doc)| extract_document(ArticleId::from_index(i), doc, corrections))
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
    corrections.apply_to_events(&mut out);
    out.diagnostics = diagnostics;
    out
}

/// One document → its article record and extraction (ids local to the article).
pub fn extract_document(
    id: ArticleId,
    doc: Document,
    corrections: &Corrections,
) -> (Article, ArticleExtraction) {
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
    corrections.apply_to_article(&mut article);
    let ex = extract::extract_article(&mut article);
    (article, ex)
}

/// What a background load reports, in order: one `Discovered`, any number of `Batch`es, one
/// `Finished`.
#[derive(Debug)]
pub enum LoadEvent {
    /// The walk is done: `files` articles will be read.
    Discovered {
        files: usize,
        diagnostics: Vec<crate::model::Diagnostic>,
    },
    /// Articles read and extracted (ids local to the batch, as [`EventStore::append`] expects),
    /// with their content hashes.
    ///
    /// [`EventStore::append`]: crate::store::EventStore::append
    Batch {
        extraction: Extraction,
        hashes: Vec<u64>,
        files_done: usize,
    },
    Finished {
        cancelled: bool,
    },
}

/// Read and extract `paths` in batches, calling `emit` as each lands, so a UI can show events
/// while the rest loads. Files whose content hash is in `already_loaded` (or repeats within
/// this load) are skipped with a note. Checks `cancel` between batches. Batches grow as the
/// load goes on: the first events appear fast, and per-batch work (the store's name merge)
/// stays small in total.
pub fn load(
    paths: &[PathBuf],
    options: &Options,
    already_loaded: &std::collections::HashSet<u64>,
    cancel: &std::sync::atomic::AtomicBool,
    mut emit: impl FnMut(LoadEvent),
) {
    use std::sync::atomic::Ordering;

    let discovery = corpus::discover(paths);
    let total = discovery.candidates.len();
    emit(LoadEvent::Discovered {
        files: total,
        diagnostics: discovery.diagnostics,
    });
    let mut seen = already_loaded.clone();
    let mut done = 0;
    let mut batch_size = 8;
    let mut candidates = discovery.candidates.as_slice();
    while !candidates.is_empty() {
        if cancel.load(Ordering::Relaxed) {
            emit(LoadEvent::Finished { cancelled: true });
            return;
        }
        let (chunk, rest) = candidates.split_at(batch_size.min(candidates.len()));
        candidates = rest;
        batch_size = (batch_size * 2).min(512);
        let read: Vec<Result<Document, crate::model::Diagnostic>> = chunk
            .par_iter()
            .map(|c| corpus::read_candidate(c, &options.ingest))
            .collect();
        let mut ingested = Ingested::default();
        let mut hashes = Vec::new();
        for result in read {
            match result {
                Ok(doc) if !seen.insert(doc.content_hash) => {
                    ingested.diagnostics.push(crate::model::Diagnostic::info(
                        &doc.path,
                        "same content as an article already loaded; skipped",
                    ));
                }
                Ok(doc) => {
                    hashes.push(doc.content_hash);
                    ingested.documents.push(doc);
                }
                Err(d) => ingested.diagnostics.push(d),
            }
        }
        done += chunk.len();
        emit(LoadEvent::Batch {
            extraction: extract_ingested_with(ingested, &options.corrections),
            hashes,
            files_done: done,
        });
    }
    emit(LoadEvent::Finished { cancelled: false });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;

    fn folder(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tmp");
        for i in 0..n {
            std::fs::write(
                dir.path().join(format!("{i:03}.txt")),
                format!("Officials met in Paris on Monday, day {i} of the talks."),
            )
            .expect("write");
        }
        std::fs::write(
            dir.path().join("dup.txt"),
            "Officials met in Paris on Monday, day 0 of the talks.",
        )
        .expect("write");
        dir
    }

    #[test]
    fn loads_in_growing_batches_and_skips_duplicates() {
        let dir = folder(30);
        let mut events = Vec::new();
        load(
            &[dir.path().to_path_buf()],
            &Options::default(),
            &Default::default(),
            &AtomicBool::new(false),
            |e| events.push(e),
        );
        assert!(matches!(events[0], LoadEvent::Discovered { files: 31, .. }));
        let batches: Vec<(usize, usize)> = events
            .iter()
            .filter_map(|e| match e {
                LoadEvent::Batch {
                    extraction,
                    files_done,
                    ..
                } => Some((extraction.articles.len(), *files_done)),
                _ => None,
            })
            .collect();
        assert_eq!(batches.first(), Some(&(8, 8)));
        assert_eq!(batches.last().map(|b| b.1), Some(31));
        let articles: usize = batches.iter().map(|b| b.0).sum();
        assert_eq!(articles, 30, "the duplicate is skipped");
        assert!(matches!(
            events.last(),
            Some(LoadEvent::Finished { cancelled: false })
        ));
    }

    #[test]
    fn cancel_stops_between_batches_and_known_hashes_are_skipped() {
        let dir = folder(30);
        let cancel = AtomicBool::new(false);
        let mut batches = 0;
        let mut finished = None;
        load(
            &[dir.path().to_path_buf()],
            &Options::default(),
            &Default::default(),
            &cancel,
            |e| match e {
                LoadEvent::Batch { .. } => {
                    batches += 1;
                    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                LoadEvent::Finished { cancelled } => finished = Some(cancelled),
                LoadEvent::Discovered { .. } => {}
            },
        );
        assert_eq!((batches, finished), (1, Some(true)));

        let known: std::collections::HashSet<u64> = [corpus::content_hash(
            b"Officials met in Paris on Monday, day 0 of the talks.",
        )]
        .into();
        let mut loaded = 0;
        load(
            &[dir.path().to_path_buf()],
            &Options::default(),
            &known,
            &AtomicBool::new(false),
            |e| {
                if let LoadEvent::Batch { extraction, .. } = e {
                    loaded += extraction.articles.len();
                }
            },
        );
        assert_eq!(loaded, 29);
    }
}
