//! Exports from the window: PNG images (whole window, map, timeline, briefing card; ×1 or ×2)
//! and data files (JSON, CSV, GeoJSON, TimelineJS) of the events the filter shows; and the
//! `chronomap screenshot` command that opens a window only to save one picture.
//!
//! An image is egui's screenshot of a frame (`ViewportCommand::Screenshot`), cropped to the
//! part asked for. ×2 renders the same layout at twice the pixels per point: the zoom factor
//! is doubled and the window asked to double its pixels so it keeps its size in points, for
//! the few frames the capture takes; then both are put back. The card is drawn in place of
//! the usual panels for those frames. Save dialogs, cropping, encoding and writing all run on
//! background threads; the UI thread only steps the capture along once per frame.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};
use std::task::{Context as TaskContext, Poll, Wake, Waker};
use std::time::{Duration, Instant};

use egui::{ColorImage, Key, KeyboardShortcut, Modifiers, Rect, Ui, UiBuilder, Vec2};

use super::ChronomapApp;
use crate::export::DataFormat;
use crate::export::png::Rgba;
use crate::views::ViewCtx;
use crate::views::export::{
    CardInfo, ExportCommand, ExportOutcome, ExportView, ExportWindowInfo, ImageChoices,
    card_frame_ui, card_layout, export_window_ui, outcome_note_ui,
};
use crate::views::map::map_ui;
use crate::views::timeline::timeline_ui;

/// Ctrl+Shift+S (Cmd+Shift+S on macOS).
pub const EXPORT_SHORTCUT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);

/// Frames allowed for the window to take its ×2 size (or its size back).
const MAX_SCALING_FRAMES: u32 = 90;
/// Frames drawn with the final layout before the screenshot is taken.
const SETTLE_FRAMES: u32 = 2;
/// How long to wait for the integration to hand back a screenshot.
const SCREENSHOT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the image export is.
enum Phase {
    /// Setting the pixels per point (and the window's pixel size) for the scale.
    Scaling { frames: u32 },
    /// The layout is final; drawing a few frames so everything has settled.
    Settling { frames: u32 },
    /// Screenshot requested.
    Shooting {
        image: Receiver<Arc<ColorImage>>,
        since: Instant,
    },
    /// Putting the zoom factor and window size back.
    Restoring { frames: u32 },
}

struct Capture {
    view: ExportView,
    /// Pixels per point to capture at.
    target_ppp: f32,
    path: PathBuf,
    /// Zoom factor and size (points) to go back to; `None` for the command line, which
    /// closes the window afterwards.
    restore: Option<(f32, Vec2)>,
    /// The size in points the layout must have when captured.
    size: Vec2,
    card: Option<CardInfo>,
    phase: Phase,
}

/// What to do once the save dialog has given a path.
#[derive(Clone, Copy, Debug)]
enum Pending {
    Image { view: ExportView, scale: u32 },
    Data(DataFormat),
}

/// A command-line screenshot: capture once the window has settled, then close.
pub struct CliShot {
    pub view: ExportView,
    pub scale: u32,
    pub path: PathBuf,
    /// How long to give map tiles to arrive when their server answers.
    pub tile_wait: Duration,
    /// Whether the tile server answers: asked on the first frame, when tiles are on.
    probe: Option<Receiver<bool>>,
    tiles_reachable: Option<bool>,
    /// Filled with the outcome; the window closes then.
    pub result: Arc<Mutex<Option<Result<String, String>>>>,
    /// The window's size in points, kept through the capture.
    size: Option<Vec2>,
    started: Option<Instant>,
    frames: u32,
    capturing: bool,
}

impl CliShot {
    pub fn new(view: ExportView, scale: u32, path: PathBuf, tile_wait: Duration) -> Self {
        CliShot {
            view,
            scale,
            path,
            tile_wait,
            result: Arc::new(Mutex::new(None)),
            size: None,
            probe: None,
            tiles_reachable: None,
            started: None,
            frames: 0,
            capturing: false,
        }
    }
}

/// The exporter's state, owned by the app.
#[derive(Default)]
pub struct Exporter {
    pub window_open: bool,
    pub choices: ImageChoices,
    capture: Option<Capture>,
    dialog: Option<(Pending, Receiver<Option<PathBuf>>)>,
    jobs: Vec<(bool, Receiver<ExportOutcome>)>,
    /// How the last export went.
    pub outcome: Option<ExportOutcome>,
    /// Whether the last outcome was an image's (shown in the image window) or data's (shown
    /// as a note).
    outcome_is_image: bool,
    cli: Option<CliShot>,
}

impl Exporter {
    /// Whether a capture, dialog or write is under way.
    pub fn busy(&self) -> Option<&'static str> {
        if self.dialog.is_some() {
            Some("choosing where to save…")
        } else if self.capture.is_some() {
            Some("capturing…")
        } else if !self.jobs.is_empty() {
            Some("writing…")
        } else {
            None
        }
    }

    fn card(&self) -> Option<&CardInfo> {
        let capture = self.capture.as_ref()?;
        match capture.phase {
            Phase::Restoring { .. } => None,
            _ => capture.card.as_ref(),
        }
    }
}

impl ChronomapApp {
    /// Take a screenshot when the window has settled, save it to the shot's path, and close
    /// the window (for `chronomap screenshot`).
    pub fn screenshot_on_start(&mut self, shot: CliShot) {
        self.export.cli = Some(shot);
    }

    /// Set the filter before the first frame (for `chronomap screenshot`).
    pub fn set_filter(&mut self, filter: crate::store::Filter) {
        self.top_bar.search.clone_from(&filter.text);
        self.state.filter = filter;
    }

    /// The exporter's state, for tests.
    pub fn exporter(&self) -> &Exporter {
        &self.export
    }

    /// Draws the briefing card instead of the panels while one is being captured; `true`
    /// when it did (the frame is then complete).
    pub(super) fn export_card_frame(&mut self, ui: &mut Ui) -> bool {
        let Some(info) = self.export.card().cloned() else {
            return false;
        };
        let Some(sprites) = self.sprites.as_ref() else {
            return false;
        };
        let rect = ui.max_rect();
        let (map_rect, timeline_rect, _) = card_layout(rect);
        card_frame_ui(ui, rect, &info);
        let mut ctx = ViewCtx {
            store: &self.store,
            sprites,
            state: &self.state,
            vm: &self.vm,
            commands: &mut self.commands,
        };
        ui.scope_builder(UiBuilder::new().max_rect(timeline_rect), |ui| {
            ui.set_clip_rect(timeline_rect);
            timeline_ui(ui, &mut ctx, &mut self.timeline);
        });
        ui.scope_builder(UiBuilder::new().max_rect(map_rect), |ui| {
            ui.set_clip_rect(map_rect);
            map_ui(
                ui,
                &mut ctx,
                &mut self.map,
                &self.persisted.tiles,
                self.config.tiles,
                self.gpu_basemap,
            );
        });
        // Nothing a user does during the capture's few frames should change the state.
        let _ = self.commands.take();
        self.export_after_frame(ui);
        self.state.selection.on_frame_end();
        true
    }

    /// Once per frame, after the views: the shortcut, the export window, the capture's next
    /// step and finished background writes.
    pub(super) fn export_after_frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if ctx.input_mut(|i| i.consume_shortcut(&EXPORT_SHORTCUT)) {
            self.export.window_open = true;
        }
        self.export_poll_dialog();
        self.export_poll_jobs();
        self.export_step_cli(&ctx);
        self.export_step_capture(&ctx);

        if self.export.capture.is_none() {
            let busy = self.export.busy();
            let outcome = self
                .export
                .outcome
                .as_ref()
                .filter(|_| self.export.outcome_is_image);
            let info = ExportWindowInfo { busy, outcome };
            let mut choices = self.export.choices;
            export_window_ui(
                &ctx,
                self.export.window_open,
                &mut choices,
                &info,
                &mut self.commands,
            );
            self.export.choices = choices;
            if let Some(outcome) = self.export.outcome.as_ref()
                && !self.export.outcome_is_image
                && outcome_note_ui(&ctx, outcome)
            {
                self.export.outcome = None;
            }
        }
        if self.export.busy().is_some() {
            ctx.request_repaint_after(Duration::from_millis(50));
        }
    }

    pub(super) fn on_export_command(&mut self, command: ExportCommand) {
        match command {
            ExportCommand::ShowImageWindow(show) => self.export.window_open = show,
            ExportCommand::Image { view, scale } => {
                self.export_ask_path(Pending::Image { view, scale });
            }
            ExportCommand::Data(format) => self.export_ask_path(Pending::Data(format)),
            ExportCommand::ImageTo { view, scale, path } => {
                self.export_start_capture(view, scale, path);
            }
            ExportCommand::DataTo(format, path) => self.export_write_data(format, path),
            ExportCommand::DismissOutcome => self.export.outcome = None,
        }
    }

    fn export_ask_path(&mut self, pending: Pending) {
        if self.export.busy().is_some() {
            return;
        }
        let today = chrono::Local::now().date_naive();
        let (name, filter, ext) = match pending {
            Pending::Image { view, .. } => (
                format!("chronomap-{}-{today}.png", view.as_str()),
                "PNG image",
                "png",
            ),
            Pending::Data(format) => (
                format!(
                    "chronomap-events-{today}{}.{}",
                    format.suffix(),
                    format.extension()
                ),
                format.label(),
                format.extension(),
            ),
        };
        let mut dialog = rfd::AsyncFileDialog::new()
            .set_file_name(name)
            .add_filter(filter, &[ext]);
        if let Some(folder) = self.persisted.export_folder.as_ref().filter(|f| f.is_dir()) {
            dialog = dialog.set_directory(folder);
        }
        // Made here, on the UI thread (macOS wants that); waited for on another thread.
        let future = dialog.save_file();
        let (tx, rx) = channel();
        let repaint = self.egui_ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("save-dialog".to_owned())
            .spawn(move || {
                let path = block_on(future).map(|handle| handle.path().to_path_buf());
                let _ = tx.send(path);
                if let Some(ctx) = repaint {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => self.export.dialog = Some((pending, rx)),
            Err(e) => self.export_fail(
                matches!(pending, Pending::Image { .. }),
                format!("cannot open the save dialog: {e}"),
            ),
        }
    }

    fn export_poll_dialog(&mut self) {
        let Some((pending, rx)) = &self.export.dialog else {
            return;
        };
        let pending = *pending;
        let path = match rx.try_recv() {
            Ok(path) => path,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => None,
        };
        self.export.dialog = None;
        let Some(path) = path else {
            return; // Cancelled.
        };
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            self.persisted.export_folder = Some(folder.to_path_buf());
        }
        match pending {
            Pending::Image { view, scale } => {
                let path = with_extension(path, "png");
                self.export_start_capture(view, scale, path);
            }
            Pending::Data(format) => self.export_write_data(format, path),
        }
    }

    fn export_fail(&mut self, image: bool, message: String) {
        self.export.outcome_is_image = image;
        self.export.outcome = Some(ExportOutcome::Failed(message));
    }

    /// Write the events the filter shows, on a background thread.
    fn export_write_data(&mut self, format: DataFormat, path: PathBuf) {
        let events = self.vm.shown.iter().filter_map(|id| self.store.event(*id));
        let subset = crate::export::subset(
            self.store.articles(),
            self.store.quotes(),
            self.store.diagnostics(),
            events,
        );
        let title = card_title(&self.state.filter);
        let (tx, rx) = channel();
        let repaint = self.egui_ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("export-data".to_owned())
            .spawn(move || {
                let n = subset.events.len();
                let outcome = format
                    .render(&subset, Some(&title))
                    .and_then(|text| {
                        crate::export::png::write_atomically(&path, text.as_bytes())
                            .map_err(|e| format!("cannot write {}: {e}", path.display()))
                    })
                    .map_or_else(ExportOutcome::Failed, |()| ExportOutcome::Saved {
                        path: path.display().to_string(),
                        what: format!("{n} events as {}", format.label()),
                    });
                let _ = tx.send(outcome);
                if let Some(ctx) = repaint {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => self.export.jobs.push((false, rx)),
            Err(e) => self.export_fail(false, format!("cannot start the export: {e}")),
        }
    }

    fn export_start_capture(&mut self, view: ExportView, scale: u32, path: PathBuf) {
        let Some(ctx) = self.egui_ctx.clone() else {
            return;
        };
        if self.export.capture.is_some() {
            return;
        }
        let scale = scale.clamp(1, 4) as f32;
        let cli = self.export.cli.is_some();
        // The command line always draws at `scale` pixels per point, whatever the screen's.
        let target_ppp = if cli {
            scale
        } else {
            ctx.pixels_per_point() * scale
        };
        let size = self
            .export
            .cli
            .as_ref()
            .and_then(|c| c.size)
            .unwrap_or_else(|| ctx.content_rect().size());
        let restore = (!cli).then(|| (ctx.zoom_factor(), size));
        let card = (view == ExportView::Card).then(|| {
            CardInfo::build(
                &self.store,
                &self.vm,
                &self.state.filter,
                self.state.selection.selected(),
                self.timeline.window(),
                &self.export_attribution(),
                chrono::Local::now().date_naive(),
            )
        });
        self.export.capture = Some(Capture {
            view,
            target_ppp,
            path,
            restore,
            size,
            card,
            phase: Phase::Scaling { frames: 0 },
        });
        ctx.request_repaint();
    }

    /// The map's attribution as the card prints it.
    fn export_attribution(&self) -> String {
        let tiles = self.config.tiles && self.persisted.tiles.enabled;
        crate::views::map::attribution_text(
            tiles.then_some(self.persisted.tiles.attribution.as_str()),
        )
    }

    fn export_step_capture(&mut self, ctx: &egui::Context) {
        let Some(capture) = self.export.capture.as_mut() else {
            return;
        };
        ctx.request_repaint();
        let ppp = ctx.pixels_per_point();
        let size = ctx.content_rect().size();
        let size_ok = (size - capture.size).abs().max_elem() <= 1.0;
        match &mut capture.phase {
            Phase::Scaling { frames } => {
                *frames += 1;
                let ppp_ok = (ppp - capture.target_ppp).abs() < 0.01;
                if *frames > MAX_SCALING_FRAMES || (ppp_ok && size_ok) {
                    capture.phase = Phase::Settling { frames: 0 };
                } else if !ppp_ok {
                    let native = ctx.native_pixels_per_point().unwrap_or(1.0);
                    ctx.set_zoom_factor(capture.target_ppp / native);
                } else if *frames % 10 == 1 {
                    // Same size in points at the new pixels per point: more pixels.
                    ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(capture.size));
                }
            }
            Phase::Settling { frames } => {
                *frames += 1;
                if *frames >= SETTLE_FRAMES {
                    let (tx, rx) = channel();
                    let repaint = ctx.clone();
                    ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(
                        egui::ScreenshotCallback::new(move |image| {
                            let _ = tx.send(image);
                            repaint.request_repaint();
                        }),
                    ));
                    capture.phase = Phase::Shooting {
                        image: rx,
                        since: Instant::now(),
                    };
                }
            }
            Phase::Shooting { image, since } => match image.try_recv() {
                Ok(image) => {
                    let crop = crop_rect(capture.view, ctx, &self.map);
                    let content = ctx.content_rect();
                    let view = capture.view;
                    let path = capture.path.clone();
                    capture.phase = Phase::Restoring { frames: 0 };
                    self.export_save_image(image, content, crop, view, path);
                }
                Err(TryRecvError::Empty) if since.elapsed() < SCREENSHOT_TIMEOUT => {}
                Err(_) => {
                    capture.phase = Phase::Restoring { frames: 0 };
                    self.export_fail(
                        true,
                        "no screenshot came back from the graphics driver".to_owned(),
                    );
                }
            },
            Phase::Restoring { frames } => {
                *frames += 1;
                let Some((zoom, size)) = capture.restore else {
                    self.export.capture = None;
                    return;
                };
                let zoom_ok = (ctx.zoom_factor() - zoom).abs() < 0.001;
                let size_ok = (ctx.content_rect().size() - size).abs().max_elem() <= 1.0;
                if *frames > MAX_SCALING_FRAMES || (zoom_ok && size_ok) {
                    self.export.capture = None;
                } else if !zoom_ok {
                    ctx.set_zoom_factor(zoom);
                } else if *frames % 10 == 1 {
                    ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
                }
            }
        }
    }

    /// Crop, encode and write on a background thread.
    fn export_save_image(
        &mut self,
        image: Arc<ColorImage>,
        content: Rect,
        crop: Rect,
        view: ExportView,
        path: PathBuf,
    ) {
        let (tx, rx) = channel();
        let repaint = self.egui_ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("export-png".to_owned())
            .spawn(move || {
                let outcome = match encode_and_save(&image, content, crop, &path) {
                    Ok((w, h)) => ExportOutcome::Saved {
                        path: path.display().to_string(),
                        what: format!("the {} ({w}×{h} px)", view.label().to_lowercase()),
                    },
                    Err(e) => ExportOutcome::Failed(e),
                };
                let _ = tx.send(outcome);
                if let Some(ctx) = repaint {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => self.export.jobs.push((true, rx)),
            Err(e) => self.export_fail(true, format!("cannot start writing the image: {e}")),
        }
    }

    fn export_poll_jobs(&mut self) {
        let mut finished = Vec::new();
        self.export.jobs.retain(|(image, rx)| match rx.try_recv() {
            Ok(outcome) => {
                finished.push((*image, outcome));
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => {
                finished.push((
                    *image,
                    ExportOutcome::Failed("the export stopped".to_owned()),
                ));
                false
            }
        });
        for (image, outcome) in finished {
            if let Some(cli) = &self.export.cli {
                let result = match &outcome {
                    ExportOutcome::Saved { path, what } => Ok(format!("{what} → {path}")),
                    ExportOutcome::Failed(e) => Err(e.clone()),
                };
                if let Ok(mut slot) = cli.result.lock() {
                    *slot = Some(result);
                }
                if let Some(ctx) = &self.egui_ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            self.export.outcome_is_image = image;
            self.export.outcome = Some(outcome);
        }
    }

    /// The command line's screenshot: wait for the articles, the layout and (online) the
    /// tiles, then capture once.
    fn export_step_cli(&mut self, ctx: &egui::Context) {
        // The stories too: a screenshot shows them, not the mentions shown meanwhile.
        let loading = self.is_loading() || self.stories_pending();
        let Some(cli) = self.export.cli.as_mut() else {
            return;
        };
        if cli.capturing {
            return;
        }
        ctx.request_repaint();
        let started = *cli.started.get_or_insert_with(|| {
            // Only when tiles are on: offline means no network at all.
            if self.config.tiles && self.persisted.tiles.enabled {
                let url = self.persisted.tiles.url.clone();
                let (tx, rx) = channel();
                let spawned = std::thread::Builder::new()
                    .name("tile-probe".to_owned())
                    .spawn(move || {
                        let _ = tx.send(tile_server_reachable(&url));
                    });
                if spawned.is_ok() {
                    cli.probe = Some(rx);
                }
            }
            Instant::now()
        });
        if let Some(probe) = &cli.probe {
            match probe.try_recv() {
                Ok(reachable) => {
                    cli.tiles_reachable = Some(reachable);
                    cli.probe = None;
                }
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => cli.probe = None,
            }
        }
        if loading {
            return;
        }
        cli.frames += 1;
        let tile_wait = if cli.tiles_reachable == Some(true) {
            cli.tile_wait
        } else {
            Duration::ZERO
        };
        // A couple of frames for the first layout (panels size themselves on the first).
        if cli.frames < 3 || started.elapsed() < tile_wait {
            return;
        }
        cli.capturing = true;
        let (view, scale, path) = (cli.view, cli.scale, cli.path.clone());
        self.export_start_capture(view, scale, path);
    }
}

fn card_title(filter: &crate::store::Filter) -> String {
    let text = filter.text.trim();
    if text.is_empty() {
        "Events in the news".to_owned()
    } else {
        format!("Events matching “{text}”")
    }
}

/// The part of the window (in points) a view's image covers.
fn crop_rect(view: ExportView, ctx: &egui::Context, map: &crate::views::map::MapState) -> Rect {
    let all = ctx.content_rect();
    match view {
        ExportView::Window | ExportView::Card => all,
        ExportView::Map => map.rect().unwrap_or(all),
        // The timeline panel is under the map, as wide as it, down to the window's bottom.
        ExportView::Timeline => map.rect().map_or(all, |m| {
            Rect::from_min_max(
                egui::pos2(m.left(), m.bottom()),
                egui::pos2(m.right(), all.bottom()),
            )
        }),
    }
}

/// Crop `image` (of the `content` rect) to `crop`, encode it and write it to `path`.
fn encode_and_save(
    image: &ColorImage,
    content: Rect,
    crop: Rect,
    path: &Path,
) -> Result<(u32, u32), String> {
    let [w, h] = image.size;
    if w == 0 || h == 0 || content.width() <= 0.0 {
        return Err("the screenshot is empty".to_owned());
    }
    let mut pixels = Vec::with_capacity(w * h * 4);
    for c in &image.pixels {
        pixels.extend_from_slice(&c.to_srgba_unmultiplied());
    }
    let full = Rgba {
        width: w as u32,
        height: h as u32,
        pixels,
    };
    let sx = w as f32 / content.width();
    let sy = h as f32 / content.height();
    let px = |v: f32, origin: f32, s: f32| ((v - origin) * s).round().max(0.0) as u32;
    let cropped = full.crop(
        px(crop.left(), content.left(), sx),
        px(crop.top(), content.top(), sy),
        px(crop.right(), content.left(), sx),
        px(crop.bottom(), content.top(), sy),
    );
    cropped.save_png(path).map_err(|e| e.to_string())?;
    Ok((cropped.width, cropped.height))
}

fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(ext)
    }
}

/// Run a future to completion on this thread (the save dialog's).
fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = TaskContext::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(out) => return out,
            Poll::Pending => std::thread::park(),
        }
    }
}

/// The app for `chronomap screenshot`: the explorer with the user's saved settings, but
/// nothing saved back.
pub struct ScreenshotApp(pub ChronomapApp);

impl eframe::App for ScreenshotApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.0.show(ui);
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {}

    fn persist_egui_memory(&self) -> bool {
        false
    }
}

/// Whether `chronomap screenshot` can open a window here.
pub fn display_available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    set("DISPLAY") || set("WAYLAND_DISPLAY")
}

/// Whether the tile server of `url_template` answers within a couple of seconds.
pub fn tile_server_reachable(url_template: &str) -> bool {
    use std::net::{TcpStream, ToSocketAddrs};
    let Some(rest) = url_template
        .strip_prefix("https://")
        .map(|r| (r, 443))
        .or_else(|| url_template.strip_prefix("http://").map(|r| (r, 80)))
    else {
        return false;
    };
    let (rest, default_port) = rest;
    let host_port = rest.split('/').next().unwrap_or("");
    let addr = if host_port.contains(':') {
        host_port.to_owned()
    } else {
        format!("{host_port}:{default_port}")
    };
    let Ok(mut addrs) = addr.to_socket_addrs() else {
        return false;
    };
    addrs.any(|a| TcpStream::connect_timeout(&a, Duration::from_secs(2)).is_ok())
}

/// Open a window on `store` with `filter`, save one image, close. `Ok` carries what was
/// written; the size is in points, the image `size × scale` pixels.
pub fn run_screenshot(
    store: crate::store::EventStore,
    filter: crate::store::Filter,
    size: Vec2,
    mut shot: CliShot,
    offline: bool,
) -> anyhow::Result<String> {
    shot.size = Some(size);
    let result = shot.result.clone();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("chronomap screenshot")
            .with_app_id("chronomap")
            .with_inner_size(size)
            // A briefing may be larger than the (virtual) screen.
            .with_clamp_size_to_monitor_size(false)
            .with_resizable(false),
        persist_window: false,
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "chronomap",
        options,
        Box::new(move |cc| {
            let mut config = super::AppConfig::default();
            if offline {
                config.tiles = false;
            }
            let mut app = ChronomapApp::from_creation_context(cc, store, config);
            app.set_filter(filter);
            app.screenshot_on_start(shot);
            Ok(Box::new(ScreenshotApp(app)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))?;
    let outcome = result.lock().ok().and_then(|mut r| r.take());
    match outcome {
        Some(Ok(what)) => Ok(what),
        Some(Err(e)) => Err(anyhow::anyhow!(e)),
        None => Err(anyhow::anyhow!(
            "the window closed before the screenshot was taken"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crops_scale_points_to_pixels() {
        let mut image = ColorImage::filled([200, 100], egui::Color32::WHITE);
        for y in 10..30 {
            for x in 20..60 {
                image.pixels[y * 200 + x] = egui::Color32::RED;
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.png");
        // A 100×50-point window captured at 2 pixels per point.
        let content = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(100.0, 50.0));
        let crop = Rect::from_min_max(egui::pos2(10.0, 5.0), egui::pos2(30.0, 15.0));
        assert_eq!(encode_and_save(&image, content, crop, &path), Ok((40, 20)));
        let back = image::open(&path).unwrap().to_rgba8();
        assert!(back.pixels().all(|p| p.0 == [255, 0, 0, 255]));
    }

    #[test]
    fn tile_urls_without_a_scheme_are_not_reachable() {
        assert!(!tile_server_reachable("tiles/{z}/{x}/{y}.png"));
    }
}
