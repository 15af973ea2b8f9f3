//! Work off the UI thread: loading articles in batches ([`LoadJob`]), grouping mentions into
//! stories ([`StoriesJob`]) and native file dialogs ([`DialogJob`]). Each runs on a named
//! thread and reports over a channel, waking the UI; the app takes at most one batch per
//! frame, so no frame does more than one bounded append.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use crate::app::state::Source;
use crate::cluster::Stories;
use crate::model::{Diagnostic, Extraction};
use crate::pipeline::{self, LoadEvent, Options};
use crate::store::StoryJob;

/// Whether a load replaces the corpus or adds to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadMode {
    Replace,
    Add,
}

/// What a load job reports, in order: any number of `Discovered` and `Batch`es, then one
/// `Finished`.
#[derive(Debug)]
pub enum JobEvent {
    /// `files` more files will be read.
    Discovered {
        files: usize,
        diagnostics: Vec<Diagnostic>,
    },
    /// Articles read and extracted (ids local to the batch), with their content hashes.
    /// `on_disk` is false for the embedded seeds and for events files, whose articles have no
    /// file of their own to write a `sources.csv` beside.
    Batch {
        extraction: Extraction,
        hashes: Vec<u64>,
        files_done: usize,
        on_disk: bool,
    },
    Finished {
        cancelled: bool,
    },
}

/// How many reports a loader may have waiting for the UI before it pauses.
const LOAD_QUEUE: usize = 2;

pub struct LoadJob {
    pub mode: LoadMode,
    pub sources: Vec<Source>,
    pub description: String,
    receiver: Receiver<JobEvent>,
    cancel: Arc<AtomicBool>,
    finished: bool,
}

impl LoadJob {
    /// Start reading `sources`; `already_loaded` are content hashes not to read again.
    /// `wake` is called whenever there is something to take (the UI's repaint).
    pub fn spawn(
        sources: Vec<Source>,
        mode: LoadMode,
        options: Options,
        already_loaded: HashSet<u64>,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> LoadJob {
        let description = describe(&sources);
        // Bounded, so a loader that runs ahead of the UI waits with a batch or two in hand
        // rather than queueing every batch's events in memory. Only the loader blocks on it:
        // the UI takes with `try_recv`, and a dropped receiver fails the send.
        let (sender, receiver) = mpsc::sync_channel(LOAD_QUEUE);
        let cancel = Arc::new(AtomicBool::new(false));
        let wake = Arc::new(wake);
        let spawned = std::thread::Builder::new()
            .name("chronomap-load".to_owned())
            .spawn({
                let sources = sources.clone();
                let cancel = cancel.clone();
                let wake = wake.clone();
                move || {
                    // Woken even if the pipeline panics, so the UI notices the dead loader.
                    let _wake = WakeOnDrop(wake.clone());
                    let work = || {
                        run(&sources, &options, &already_loaded, &cancel, |event| {
                            // The app may have closed meanwhile; nothing to tell then.
                            let _ = sender.send(event);
                            wake();
                        });
                    };
                    match pipeline::worker_pool("chronomap-extract") {
                        Some(pool) => pool.install(work),
                        None => work(),
                    }
                }
            });
        if let Err(e) = spawned {
            // No thread to be had: report it rather than freeze the window reading here.
            let (sender, receiver) = mpsc::channel();
            let _ = sender.send(JobEvent::Batch {
                extraction: Extraction {
                    diagnostics: vec![Diagnostic::error(
                        "",
                        format!("cannot start a loader thread ({e}); nothing was loaded"),
                    )],
                    ..Extraction::default()
                },
                hashes: Vec::new(),
                files_done: 0,
                on_disk: false,
            });
            let _ = sender.send(JobEvent::Finished { cancelled: false });
            return LoadJob {
                mode,
                sources,
                description,
                receiver,
                cancel,
                finished: false,
            };
        }
        LoadJob {
            mode,
            sources,
            description,
            receiver,
            cancel,
            finished: false,
        }
    }

    /// Ask the loader to stop after the batch it is reading.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelling(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The next report, if one is waiting. A loader that died is reported as a diagnostic
    /// and a `Finished` rather than leaving the app waiting forever.
    pub fn poll(&mut self) -> Option<JobEvent> {
        if self.finished {
            return None;
        }
        match self.receiver.try_recv() {
            Ok(event) => {
                if matches!(event, JobEvent::Finished { .. }) {
                    self.finished = true;
                }
                Some(event)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.finished = true;
                Some(JobEvent::Batch {
                    extraction: Extraction {
                        diagnostics: vec![Diagnostic::error(
                            "",
                            "reading the articles failed unexpectedly; the rest was not loaded",
                        )],
                        ..Extraction::default()
                    },
                    hashes: Vec::new(),
                    files_done: 0,
                    on_disk: false,
                })
            }
        }
    }

    /// Whether the loader has said it is done (or died).
    pub fn is_finished(&self) -> bool {
        self.finished
    }
}

/// The stories of one store generation, made on a thread of their own: clustering a big
/// corpus takes a second or more, which the window must not stop for.
pub struct StoriesJob {
    generation: u64,
    receiver: Receiver<Stories>,
    cancel: Arc<AtomicBool>,
}

impl StoriesJob {
    /// Start making the stories `job` describes; `wake` is called when the thread ends (with
    /// the stories or without: cancelled, or failed).
    pub fn spawn(job: StoryJob, wake: impl Fn() + Send + Sync + 'static) -> StoriesJob {
        let generation = job.generation();
        let (sender, receiver) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let spawned = std::thread::Builder::new()
            .name("chronomap-stories".to_owned())
            .spawn({
                let cancel = cancel.clone();
                move || {
                    // Woken even if clustering panics, so the app sees the job end. Declared
                    // before the job and the sender are taken in, so dropped after them: the
                    // app, once woken, finds the job ended.
                    let _wake = WakeOnDrop(Arc::new(wake));
                    let (job, sender) = (job, sender);
                    let work = || job.run(&cancel);
                    let stories = match pipeline::worker_pool("chronomap-stories") {
                        Some(pool) => pool.install(work),
                        None => work(),
                    };
                    // The events are let go of before the app hears of the end, so a change
                    // to the store after that never has to copy them.
                    drop(job);
                    if let Some(stories) = stories {
                        // The app may have closed meanwhile; nothing to tell then.
                        let _ = sender.send(stories);
                    }
                    drop(sender);
                }
            });
        // Without a thread the sender went with the closure: the job reads as ended
        // without stories, which the app reports (as it does a clustering that panicked).
        drop(spawned);
        StoriesJob {
            generation,
            receiver,
            cancel,
        }
    }

    /// The store generation the stories are for.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Ask the job to stop at the end of the clustering phase it is in.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// `None` while running; once ended, `Some` with the stories, or with `None` when it was
    /// cancelled or failed. Once ended, the job holds nothing of the store.
    pub fn poll(&self) -> Option<Option<Stories>> {
        match self.receiver.try_recv() {
            Ok(stories) => Some(Some(stories)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}

impl Drop for StoriesJob {
    /// Nobody will take the stories (the window closed): the thread need not finish them.
    fn drop(&mut self) {
        self.cancel();
    }
}

fn describe(sources: &[Source]) -> String {
    match sources {
        [] => "Reading nothing".to_owned(),
        [Source::Seeds] => "Reading the sample corpus…".to_owned(),
        [Source::Path(p)] => format!(
            "Reading {}…",
            p.file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
        ),
        many => format!("Reading {} folders and files…", many.len()),
    }
}

/// The loader thread's work: the seeds, then events files, then articles on disk in
/// batches, checking `cancel` between them.
pub fn run(
    sources: &[Source],
    options: &Options,
    already_loaded: &HashSet<u64>,
    cancel: &AtomicBool,
    mut emit: impl FnMut(JobEvent),
) {
    let mut seen = already_loaded.clone();
    let mut done = 0;
    let mut paths = Vec::new();
    let events_files: Vec<&PathBuf> = sources
        .iter()
        .filter_map(|s| match s {
            Source::Path(p) if s.is_events_file() => Some(p),
            _ => None,
        })
        .collect();
    if sources.contains(&Source::Seeds) {
        let ingested = crate::corpus::embedded_seeds();
        emit(JobEvent::Discovered {
            files: ingested.documents.len(),
            diagnostics: Vec::new(),
        });
        let mut hashes = Vec::new();
        let mut kept = crate::corpus::Ingested {
            diagnostics: ingested.diagnostics,
            ..Default::default()
        };
        for doc in ingested.documents {
            done += 1;
            if seen.insert(doc.content_hash) {
                hashes.push(doc.content_hash);
                kept.documents.push(doc);
            }
        }
        emit(JobEvent::Batch {
            extraction: pipeline::extract_ingested_with(kept, &options.corrections),
            hashes,
            files_done: done,
            on_disk: false,
        });
    }
    if !events_files.is_empty() {
        emit(JobEvent::Discovered {
            files: events_files.len(),
            diagnostics: Vec::new(),
        });
    }
    for path in events_files {
        if cancel.load(Ordering::Relaxed) {
            emit(JobEvent::Finished { cancelled: true });
            return;
        }
        done += 1;
        let (extraction, hashes) = read_events_file(path, &mut seen, options);
        emit(JobEvent::Batch {
            extraction,
            hashes,
            files_done: done,
            on_disk: false,
        });
    }
    for source in sources {
        if let Source::Path(p) = source
            && !source.is_events_file()
        {
            paths.push(p.clone());
        }
    }
    if paths.is_empty() {
        emit(JobEvent::Finished { cancelled: false });
        return;
    }
    let before = done;
    pipeline::load(&paths, options, &seen, cancel, |event| match event {
        LoadEvent::Discovered { files, diagnostics } => {
            emit(JobEvent::Discovered { files, diagnostics });
        }
        LoadEvent::Batch {
            extraction,
            hashes,
            files_done,
        } => emit(JobEvent::Batch {
            extraction,
            hashes,
            files_done: before + files_done,
            on_disk: true,
        }),
        LoadEvent::Finished { cancelled } => emit(JobEvent::Finished { cancelled }),
    });
}

/// A `chronomap/events/v1` file, as stored: no re-extraction, so its sentences and quotes
/// are shown as they were written. The user's event fixes still apply.
fn read_events_file(
    path: &std::path::Path,
    seen: &mut HashSet<u64>,
    options: &Options,
) -> (Extraction, Vec<u64>) {
    let display = path.display().to_string();
    let failed = |message: String| {
        (
            Extraction {
                diagnostics: vec![Diagnostic::error(&display, message)],
                ..Extraction::default()
            },
            Vec::new(),
        )
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return failed(format!("cannot read: {e}")),
    };
    let hash = crate::corpus::content_hash(&bytes);
    if !seen.insert(hash) {
        return (
            Extraction {
                diagnostics: vec![Diagnostic::info(
                    &display,
                    "same events file as one already loaded; skipped",
                )],
                ..Extraction::default()
            },
            Vec::new(),
        );
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return failed("not a chronomap events file: not UTF-8 text".to_owned());
    };
    match crate::export::from_json(&text) {
        Ok(mut extraction) => {
            if !consistent(&extraction) {
                return failed(
                    "not a usable chronomap events file: events or quotes refer to articles \
                     or quotes it does not contain"
                        .to_owned(),
                );
            }
            for article in &mut extraction.articles {
                options.corrections.apply_to_article(article);
            }
            options.corrections.apply_to_events(&mut extraction);
            (extraction, vec![hash])
        }
        Err(e) => failed(e),
    }
}

/// Ids in the file are positions, as the store expects; a hand-edited file may break that.
fn consistent(ex: &Extraction) -> bool {
    ex.articles
        .iter()
        .enumerate()
        .all(|(i, a)| a.id.index() == i)
        && ex
            .quotes
            .iter()
            .enumerate()
            .all(|(i, q)| q.id.index() == i && q.article.index() < ex.articles.len())
        && ex.events.iter().enumerate().all(|(i, e)| {
            e.id.index() == i
                && e.article.index() < ex.articles.len()
                && e.quotes.iter().all(|q| q.index() < ex.quotes.len())
        })
}

struct WakeOnDrop<F: Fn() + ?Sized>(Arc<F>);

impl<F: Fn() + ?Sized> Drop for WakeOnDrop<F> {
    fn drop(&mut self) {
        (self.0)();
    }
}

/// What the user picked in a native file dialog, and what to do with it.
pub type Picked = Option<(Vec<PathBuf>, LoadMode)>;

/// Which dialog to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    /// Folders to add.
    AddFolders,
    /// Article files (or events files) to add.
    AddFiles,
    /// A folder that replaces what is shown.
    Open,
    /// An events file (`chronomap/events/v1` JSON) that replaces what is shown.
    OpenEvents,
}

/// A native file dialog on its own thread, so the window keeps painting while it is open.
pub struct DialogJob {
    receiver: Receiver<Picked>,
}

impl DialogJob {
    pub fn spawn(kind: DialogKind, wake: impl Fn() + Send + 'static) -> Result<DialogJob, String> {
        let (sender, receiver): (Sender<Picked>, _) = mpsc::channel();
        std::thread::Builder::new()
            .name("chronomap-dialog".to_owned())
            .spawn(move || {
                let picked = block_on(pick(kind));
                let _ = sender.send(picked);
                wake();
            })
            .map_err(|e| format!("cannot open a file dialog: {e}"))?;
        Ok(DialogJob { receiver })
    }

    /// `Some` once the dialog is closed: what was picked (`None` when cancelled).
    pub fn poll(&self) -> Option<Picked> {
        match self.receiver.try_recv() {
            Ok(picked) => Some(picked),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}

async fn pick(kind: DialogKind) -> Picked {
    let article_exts = ["txt", "md", "markdown", "html", "htm"];
    match kind {
        DialogKind::AddFolders => rfd::AsyncFileDialog::new()
            .set_title("Add folders of articles")
            .pick_folders()
            .await
            .map(|h| {
                (
                    h.iter().map(|f| f.path().to_path_buf()).collect(),
                    LoadMode::Add,
                )
            }),
        DialogKind::AddFiles => rfd::AsyncFileDialog::new()
            .set_title("Add articles")
            .add_filter("Articles", &article_exts)
            .add_filter("chronomap events (JSON)", &["json"])
            .pick_files()
            .await
            .map(|h| {
                (
                    h.iter().map(|f| f.path().to_path_buf()).collect(),
                    LoadMode::Add,
                )
            }),
        DialogKind::Open => rfd::AsyncFileDialog::new()
            .set_title("Open a folder of articles")
            .pick_folder()
            .await
            .map(|f| (vec![f.path().to_path_buf()], LoadMode::Replace)),
        DialogKind::OpenEvents => rfd::AsyncFileDialog::new()
            .set_title("Open an events file written by `chronomap extract`")
            .add_filter("chronomap events (JSON)", &["json"])
            .pick_file()
            .await
            .map(|f| (vec![f.path().to_path_buf()], LoadMode::Replace)),
    }
}

/// Run a future to completion on this thread (the dialog's own thread): enough for rfd's
/// futures, which are woken by the platform's dialog.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::task::{Context, Poll, Wake, Waker};
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(out) => return out,
            Poll::Pending => std::thread::park(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_files_are_read_not_extracted_and_bad_ones_reported() {
        let dir = tempfile::tempdir().unwrap();
        let ex = pipeline::extract_seeds();
        let good = dir.path().join("events.json");
        std::fs::write(&good, crate::export::to_json(&ex).unwrap()).unwrap();
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, "{\"schema\": \"other\"}").unwrap();
        let mut batches = Vec::new();
        run(
            &[
                Source::Path(good.clone()),
                Source::Path(bad),
                Source::Path(good),
            ],
            &Options::default(),
            &HashSet::new(),
            &AtomicBool::new(false),
            |e| {
                if let JobEvent::Batch { extraction, .. } = e {
                    batches.push(extraction);
                }
            },
        );
        assert_eq!(batches.len(), 3);
        assert_eq!(batches[0].events.len(), ex.events.len());
        assert_eq!(batches[0].events[0].sentence, ex.events[0].sentence);
        assert!(batches[1].events.is_empty());
        assert!(
            batches[1].diagnostics[0]
                .message
                .contains("not a chronomap events file"),
            "{:?}",
            batches[1].diagnostics
        );
        assert!(
            batches[2].events.is_empty(),
            "the same file twice is read once"
        );
    }

    #[test]
    fn a_loader_the_ui_does_not_poll_waits_with_few_reports_queued() {
        let dir = tempfile::tempdir().unwrap();
        // 60 articles: batches of 8, 16, 32 and 4, so more reports than the queue holds.
        for i in 0..60 {
            std::fs::write(
                dir.path().join(format!("{i:02}.txt")),
                format!("Article {i}. Protesters gathered in Damascus on Monday, officials said."),
            )
            .unwrap();
        }
        let sent = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut job = LoadJob::spawn(
            vec![Source::Path(dir.path().to_path_buf())],
            LoadMode::Replace,
            Options::default(),
            HashSet::new(),
            {
                let sent = sent.clone();
                move || {
                    sent.fetch_add(1, Ordering::SeqCst);
                }
            },
        );
        let started = std::time::Instant::now();
        while sent.load(Ordering::SeqCst) < LOAD_QUEUE
            && started.elapsed() < std::time::Duration::from_secs(60)
        {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        // Time enough to read the rest (a few dozen lines) if nothing held the loader back.
        std::thread::sleep(std::time::Duration::from_millis(1000));
        assert_eq!(
            sent.load(Ordering::SeqCst),
            LOAD_QUEUE,
            "the loader waits once the queue is full"
        );
        let (mut files, mut finished) = (0, false);
        let started = std::time::Instant::now();
        while !finished && started.elapsed() < std::time::Duration::from_secs(60) {
            match job.poll() {
                Some(JobEvent::Batch { files_done, .. }) => files = files_done,
                Some(JobEvent::Finished { cancelled }) => {
                    assert!(!cancelled);
                    finished = true;
                }
                Some(JobEvent::Discovered { files, .. }) => assert_eq!(files, 60),
                None => std::thread::sleep(std::time::Duration::from_millis(5)),
            }
        }
        assert!(finished, "the load finishes once the UI takes its reports");
        assert_eq!(files, 60);
    }
}
