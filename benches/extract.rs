//! Extraction throughput: `cargo bench --bench extract`.
//!
//! A few MB of generated articles (seed paragraphs recombined, with places, people, weekdays and
//! months swapped so the gazetteer and the date resolver see varied input) go through the whole
//! pipeline after ingest: sentences, dates, places, actors, quotes, events, corpus-level merge.
//! Criterion reports bytes/second; the README quotes the figure.

use std::hint::black_box;

use chronomap::corpus::Ingested;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "support/generated.rs"]
mod generated;

use generated::generated_corpus;

fn extract(c: &mut Criterion) {
    let docs = generated_corpus(4 * 1024 * 1024);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    // Warm the gazetteer and lexicon once, as the app does at start-up.
    let _ = chronomap::pipeline::extract_seeds();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function(
        format!("{} articles, {:.1} MB", docs.len(), bytes as f64 / 1e6),
        |b| {
            b.iter_batched(
                || Ingested {
                    documents: docs.clone(),
                    diagnostics: Vec::new(),
                },
                |ingested| black_box(chronomap::pipeline::extract_ingested(ingested)),
                criterion::BatchSize::LargeInput,
            );
        },
    );
    group.finish();
}

criterion_group!(benches, extract);
criterion_main!(benches);
