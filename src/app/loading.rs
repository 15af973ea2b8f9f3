//! Bringing articles in: starting, queueing, cancelling and taking in background loads (one
//! batch per frame), file dialogs, what the app opens at start, and revealing files.

use std::path::{Path, PathBuf};

use egui::HoveredFile;

use super::ChronomapApp;
use super::jobs::{DialogJob, DialogKind, JobEvent, LoadJob, LoadMode};
use super::state::{LoadProgress, Source, is_events_file};
use crate::model::{Diagnostic, Extraction, Level};
use crate::pipeline::Options;
use crate::store::{Corrections, EventStore};
use crate::views::view_model::ViewModel;

impl ChronomapApp {
    /// What to show at start: `paths` when given, else what was loaded last time, else (first
    /// start) the embedded seeds. Everything is read in the background.
    pub fn start(&mut self, paths: Vec<PathBuf>) {
        let sources = if !paths.is_empty() {
            paths.into_iter().map(Source::Path).collect()
        } else {
            match &self.persisted.corpus {
                Some(corpus) if !corpus.is_empty() => corpus.clone(),
                _ => vec![Source::Seeds],
            }
        };
        self.start_load(sources, LoadMode::Replace);
    }

    /// Where the corrections file lives (`corrections.json` in it), and read it. `None` keeps
    /// corrections in memory only.
    pub fn set_data_dir(&mut self, dir: Option<PathBuf>) {
        self.data_dir = dir;
        self.corrections = match self.corrections_path() {
            Some(path) => match Corrections::load(&path) {
                Ok(c) => c,
                Err(e) => {
                    self.state.notes.push(Diagnostic::error(
                        path.display().to_string(),
                        format!("your saved corrections could not be read ({e}); they are not applied, and will be overwritten by the next fix"),
                    ));
                    Corrections::default()
                }
            },
            None => Corrections::default(),
        };
        self.store.set_story_fixes(&self.corrections);
    }

    pub(super) fn corrections_path(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|d| d.join("corrections.json"))
    }

    /// Read `sources` in the background (after the running load, if any).
    pub(super) fn start_load(&mut self, sources: Vec<Source>, mode: LoadMode) {
        if sources.is_empty() {
            return;
        }
        if self.job.is_some() {
            self.queue.push_back((sources, mode));
            self.update_progress();
            return;
        }
        self.job_previous_corpus = Some(self.persisted.corpus.clone());
        match mode {
            LoadMode::Replace => self.persisted.corpus = Some(sources.clone()),
            LoadMode::Add => {
                let corpus = self.persisted.corpus.get_or_insert_with(Vec::new);
                for s in &sources {
                    if !corpus.contains(s) {
                        corpus.push(s.clone());
                    }
                }
            }
        }
        let already = match mode {
            LoadMode::Replace => Default::default(),
            LoadMode::Add => self.loaded_hashes.clone(),
        };
        let options = Options {
            corrections: self.corrections.clone(),
            // The size cap from the settings window.
            ingest: crate::corpus::IngestOptions {
                max_file_bytes: self.persisted.max_file_bytes,
            },
        };
        let egui_ctx = self.egui_ctx.clone();
        let job = LoadJob::spawn(sources, mode, options, already, move || {
            if let Some(ctx) = &egui_ctx {
                ctx.request_repaint();
            }
        });
        self.state.loading = Some(LoadProgress {
            description: job.description.clone(),
            queued: self.queue.len(),
            ..LoadProgress::default()
        });
        self.job_replaced = false;
        self.job_diagnostics.clear();
        self.job_had_problems = false;
        self.job = Some(job);
    }

    fn update_progress(&mut self) {
        let queued = self.queue.len();
        if let Some(p) = &mut self.state.loading {
            p.queued = queued;
            p.cancelling = self.job.as_ref().is_some_and(LoadJob::is_cancelling);
        }
    }

    /// Stop at once: batches already read but not yet shown are dropped with the job, and
    /// the loader stops after the batch it is reading.
    pub(super) fn cancel_load(&mut self) {
        self.queue.clear();
        if let Some(job) = &self.job {
            job.cancel();
            self.finish_job(true);
        }
    }

    /// Everything loaded, read again (folders may have changed; fixes written to
    /// `sources.csv` are picked up).
    pub(super) fn reload(&mut self) {
        let sources = self
            .persisted
            .corpus
            .clone()
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| vec![Source::Seeds]);
        self.start_load(sources, LoadMode::Replace);
    }

    pub(super) fn pick_files(&mut self, kind: DialogKind) {
        if self.dialog.is_some() {
            return;
        }
        let egui_ctx = self.egui_ctx.clone();
        match DialogJob::spawn(kind, move || {
            if let Some(ctx) = &egui_ctx {
                ctx.request_repaint();
            }
        }) {
            Ok(job) => {
                self.dialog = Some(job);
                self.state.dialog_open = true;
            }
            Err(e) => self.state.notes.push(Diagnostic::error("", e)),
        }
    }

    /// Take what the background threads have: the dialog's answer, and at most one batch
    /// of articles (the rest wait for the next frames, which are asked for).
    pub(super) fn poll_loads(&mut self) {
        self.probe_startup();
        if let Some(picked) = self.dialog.as_ref().and_then(DialogJob::poll) {
            self.dialog = None;
            self.state.dialog_open = false;
            if let Some((paths, mode)) = picked {
                self.start_load(paths.into_iter().map(Source::Path).collect(), mode);
            }
        }
        // A stories job still reading the events (it was told to stop when the load began)
        // would make the next append copy them all; the batches wait in the loader's bounded
        // queue until it has ended, which wakes the UI.
        while !self.stories_job_running()
            && let Some(event) = self.job.as_mut().and_then(LoadJob::poll)
        {
            match event {
                JobEvent::Discovered { files, diagnostics } => {
                    if let Some(p) = &mut self.state.loading {
                        *p.files_total.get_or_insert(0) += files;
                    }
                    self.job_diagnostics.extend(diagnostics);
                }
                JobEvent::Batch {
                    mut extraction,
                    hashes,
                    files_done,
                    on_disk,
                } => {
                    self.replace_store_once();
                    let mut diagnostics = std::mem::take(&mut self.job_diagnostics);
                    diagnostics.append(&mut extraction.diagnostics);
                    extraction.diagnostics = diagnostics;
                    self.job_had_problems |= extraction
                        .diagnostics
                        .iter()
                        .any(|d| d.level != Level::Info);
                    if let Some(p) = &mut self.state.loading {
                        p.files_done = p.files_done.max(files_done);
                        p.events_found += extraction.events.len();
                    }
                    let first_batch = self.store.is_empty();
                    self.on_disk
                        .extend(std::iter::repeat_n(on_disk, extraction.articles.len()));
                    self.loaded_hashes.extend(hashes);
                    self.store.append(extraction);
                    if first_batch {
                        self.timeline.focus_requested = true;
                        self.map.fit_requested = true;
                    }
                    // One batch per frame; the next frame takes the next.
                    if let Some(ctx) = &self.egui_ctx {
                        ctx.request_repaint();
                    }
                    break;
                }
                JobEvent::Finished { cancelled } => {
                    self.finish_job(cancelled);
                    break;
                }
            }
        }
        self.update_progress();
    }

    /// A replacing load clears the store when its first results arrive, so the old corpus
    /// stays on screen until then.
    fn replace_store_once(&mut self) {
        let replacing = self
            .job
            .as_ref()
            .is_some_and(|j| j.mode == LoadMode::Replace);
        if !replacing || self.job_replaced {
            return;
        }
        self.job_replaced = true;
        self.store = EventStore::new();
        self.store.set_story_fixes(&self.corrections);
        self.loaded_hashes.clear();
        self.on_disk.clear();
        // A new store starts its generations afresh: derived data must be rebuilt.
        self.vm = ViewModel::default();
        self.state.selection.select(None);
        self.state.article = None;
        self.state.editing = None;
        self.state.filter.time = None;
    }

    fn finish_job(&mut self, cancelled: bool) {
        let leftover = std::mem::take(&mut self.job_diagnostics);
        let replacing = self
            .job
            .as_ref()
            .is_some_and(|j| j.mode == LoadMode::Replace);
        if cancelled && replacing && !self.job_replaced {
            // Cancelled before anything arrived: what was shown stays, and is what the
            // next start reopens.
            if let Some(previous) = self.job_previous_corpus.take() {
                self.persisted.corpus = previous;
            }
        } else if !leftover.is_empty() || (!cancelled && replacing && !self.job_replaced) {
            // Nothing was read (an empty folder, a missing path): still say why, and a
            // replacing load still replaces.
            self.replace_store_once();
            self.job_had_problems |= leftover.iter().any(|d| d.level != Level::Info);
            self.store.append(Extraction {
                diagnostics: leftover,
                ..Extraction::default()
            });
        }
        self.job_previous_corpus = None;
        if cancelled {
            self.state.notes.push(Diagnostic::info(
                "",
                "loading was cancelled; what was read so far is shown",
            ));
        }
        if self.job_had_problems {
            self.state.show_diagnostics = true;
        }
        self.job = None;
        self.state.loading = None;
        self.timeline.focus_requested = true;
        self.map.fit_requested = true;
        self.refit_on_stories = super::stories::Refit {
            timeline: true,
            map: true,
        };
        if let Some((sources, mode)) = self.queue.pop_front() {
            self.start_load(sources, mode);
        }
    }

    /// Open the folder holding `path` in the system's file manager, without waiting for it.
    pub(super) fn reveal(&mut self, path: &str) {
        let path = PathBuf::from(path);
        let folder = if path.is_dir() {
            path.clone()
        } else {
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        };
        self.revealed.push(path);
        if !self.open_programs {
            // Headless (tests, benchmarks): no programs are started.
            return;
        }
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else if cfg!(windows) {
            "explorer"
        } else {
            "xdg-open"
        };
        match std::process::Command::new(opener).arg(&folder).spawn() {
            // Reaped on a thread of its own, so no frame waits for the file manager.
            Ok(mut child) => {
                let _ = std::thread::Builder::new()
                    .name("chronomap-reveal".to_owned())
                    .spawn(move || child.wait());
            }
            Err(e) => self.state.notes.push(Diagnostic::error(
                folder.display().to_string(),
                format!("cannot open the file manager ({opener}): {e}"),
            )),
        }
    }

    /// With the startup probe: print the time to the first frame, and close after the
    /// second (so the first was painted).
    fn probe_startup(&mut self) {
        let Some(started) = self.startup_probe else {
            return;
        };
        self.probe_frames += 1;
        if self.probe_frames == 1 {
            println!("first frame after {} ms", started.elapsed().as_millis());
        }
        if let Some(ctx) = &self.egui_ctx {
            if self.probe_frames >= 2 {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                ctx.request_repaint();
            }
        }
    }
}

/// What the drop overlay says about files hovering over the window, or `None` when there
/// are none: "Drop to add 3 folders", "Drop to add 2 articles", "Drop to add 1 folder and
/// 2 articles".
pub(super) fn drop_text(hovered: &[HoveredFile]) -> Option<String> {
    if hovered.is_empty() {
        return None;
    }
    let (mut folders, mut articles, mut events, mut unknown) = (0, 0, 0, 0);
    for f in hovered {
        match &f.path {
            Some(p) if p.is_dir() => folders += 1,
            Some(p) if is_events_file(p) => events += 1,
            Some(_) => articles += 1,
            None => unknown += 1,
        }
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = Vec::new();
    if folders > 0 {
        parts.push(plural(folders, "folder", "folders"));
    }
    if articles > 0 {
        parts.push(plural(articles, "article", "articles"));
    }
    if events > 0 {
        parts.push(plural(events, "events file", "events files"));
    }
    if unknown > 0 {
        parts.push(plural(unknown, "item", "items"));
    }
    let list = match parts.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    Some(format!("Drop to add {list}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_says_what_will_be_added() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, "x").unwrap();
            HoveredFile {
                path: Some(p),
                ..HoveredFile::default()
            }
        };
        let folder = HoveredFile {
            path: Some(dir.path().to_path_buf()),
            ..HoveredFile::default()
        };
        assert_eq!(drop_text(&[]), None);
        assert_eq!(
            drop_text(&[folder.clone(), folder.clone(), folder.clone()]).as_deref(),
            Some("Drop to add 3 folders")
        );
        assert_eq!(
            drop_text(&[file("a.txt"), file("b.html")]).as_deref(),
            Some("Drop to add 2 articles")
        );
        assert_eq!(
            drop_text(&[folder, file("c.md"), file("e.json")]).as_deref(),
            Some("Drop to add 1 folder, 1 article and 1 events file")
        );
    }
}
