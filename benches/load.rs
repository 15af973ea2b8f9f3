//! Loading an archive: `cargo bench --bench load` (add `-- 2000` for another article count).
//!
//! Writes 10,000 generated articles (about 5 KB each, 50 MB in all, with a `sources.csv` of their dates) to a
//! temporary folder, then loads them as the app does — `pipeline::load` on a loader thread,
//! sending each batch over a channel to this thread, which appends it to the store (so
//! extracting a batch overlaps appending the one before, as with the app's UI thread) — and
//! prints:
//! - the time until every event is in the store (walk, read, decode, extract, index);
//! - the time to make the stories of everything loaded (cross-article clustering), as the
//!   window makes them: on a thread of their own, with all cores but one (the UI thread's);
//! - the peak resident memory of the process (VmHWM), and the resident memory of the store.
//!
//! A bench binary rather than criterion: one load of 50 MB is the measurement.

use std::collections::HashSet;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chronomap::pipeline::{self, LoadEvent, Options};
use chronomap::store::EventStore;

#[path = "support/generated.rs"]
mod generated;

fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Write `articles` generated articles and a `sources.csv` into `dir`; returns (files, bytes).
/// Run in a child process, so the generator's memory is not in the loader's peak.
fn generate(dir: &std::path::Path, articles: usize) -> (usize, usize) {
    // Two generated texts per article: about 5 KB, a long news story.
    let docs = generated::generated_corpus(articles * 6_000);
    let mut csv = String::from("file,published,outlet\n");
    let (mut files, mut bytes) = (0, 0);
    for (i, pair) in docs.chunks_exact(2).take(articles).enumerate() {
        let (doc, text) = (&pair[0], format!("{}{}", pair[0].text, pair[1].text));
        let name = format!("{:02}/{i:05}.txt", i % 50);
        let path = dir.join(&name);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        std::fs::write(&path, &text).expect("write article");
        if let Some(d) = doc.meta.published {
            csv.push_str(&format!("{name},{d},Wire {}\n", i % 17));
        }
        bytes += text.len();
        files += 1;
    }
    std::fs::write(dir.join("sources.csv"), csv).expect("write sources.csv");
    (files, bytes)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, dir, n] = args.as_slice()
        && flag == "--generate"
    {
        let (files, bytes) = generate(std::path::Path::new(dir), n.parse().expect("count"));
        println!("{files} {bytes}");
        return;
    }
    // `cargo bench` passes `--bench`; a number sets the article count.
    let articles: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = std::process::Command::new(std::env::current_exe().expect("this binary"))
        .arg("--generate")
        .arg(dir.path())
        .arg(articles.to_string())
        .output()
        .expect("generate the articles");
    let counts = String::from_utf8_lossy(&out.stdout);
    let mut counts = counts
        .split_whitespace()
        .filter_map(|n| n.parse::<usize>().ok());
    let (files, bytes) = (counts.next().unwrap_or(0), counts.next().unwrap_or(0));
    let rss_before = status_kb("VmRSS:").unwrap_or(0);
    println!(
        "{files} articles, {:.1} MB, in {}",
        bytes as f64 / 1e6,
        dir.path().display()
    );

    let started = Instant::now();
    let mut store = EventStore::new();
    let mut batches = 0;
    let mut longest_append = std::time::Duration::ZERO;
    // Bounded as in the app (`app::jobs`): the loader waits rather than queue batches.
    let (sender, receiver) = std::sync::mpsc::sync_channel(2);
    let paths = vec![dir.path().to_path_buf()];
    let loader = std::thread::spawn(move || {
        let cancel = AtomicBool::new(false);
        pipeline::load(
            &paths,
            &Options::default(),
            &HashSet::new(),
            &cancel,
            |event| {
                // The receiver stays until the load finishes.
                let _ = sender.send(event);
            },
        );
    });
    for event in receiver {
        if let LoadEvent::Batch { extraction, .. } = event {
            let t = Instant::now();
            store.append(extraction);
            longest_append = longest_append.max(t.elapsed());
            batches += 1;
        }
    }
    loader.join().expect("loader thread");
    let loaded = started.elapsed();
    let peak_loaded = status_kb("VmHWM:").unwrap_or(0);
    let t = Instant::now();
    let job = store.story_job();
    let generation = job.generation();
    let made = std::thread::spawn(move || {
        let cancel = AtomicBool::new(false);
        let work = || job.run(&cancel);
        match pipeline::worker_pool("bench-stories") {
            Some(pool) => pool.install(work),
            None => work(),
        }
    })
    .join()
    .expect("stories thread")
    .expect("not cancelled");
    assert!(
        store.install_stories(generation, made),
        "the store is unchanged"
    );
    let stories = store.stories().map_or(0, |s| s.stories.len());
    let clustered = t.elapsed();
    let workers = pipeline::worker_pool("bench-threads").map_or(1, |p| p.current_num_threads());
    let rss_after = status_kb("VmRSS:").unwrap_or(0);
    let peak = status_kb("VmHWM:").unwrap_or(0);

    println!(
        "all events loaded: {:.2} s ({:.1} MB/s), {} events, {} quotes, {} batches; longest store append {:.0} ms",
        loaded.as_secs_f64(),
        bytes as f64 / 1e6 / loaded.as_secs_f64(),
        store.events().len(),
        store.quotes().len(),
        batches,
        longest_append.as_secs_f64() * 1e3
    );
    println!(
        "stories: {stories} made in {:.2} s (in the background, {workers} worker thread(s))",
        clustered.as_secs_f64()
    );
    println!(
        "memory: peak RSS {:.0} MB ({:.0} MB before the stories); growth during the load {:.0} MB (store, stories, gazetteer tables)",
        peak as f64 / 1024.0,
        peak_loaded as f64 / 1024.0,
        rss_after.saturating_sub(rss_before) as f64 / 1024.0
    );
}
