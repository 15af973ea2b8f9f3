//! The explorer window: a zoomable timeline linked to a map and a quotes panel.
//!
//! [`ChronomapApp::show`] lays out the panels and hands each view the store, the shared
//! [`state::UiState`] and a [`command::CommandSender`]; the commands the views send are
//! applied after all of them have drawn. Only this module changes the state.

pub mod command;
mod fixes;
#[doc(hidden)]
pub mod fixtures;
pub mod jobs;
mod loading;
pub mod screenshot;
pub mod selection;
mod settings;
pub mod state;
pub mod stories;

use std::collections::{HashSet, VecDeque};
use std::path::PathBuf;

use egui::{Align2, Color32, FontId, Key, Ui};

use crate::model::Diagnostic;
use crate::store::EventStore;
use crate::views::ViewCtx;
use crate::views::article::article_window_ui;
use crate::views::basemap;
use crate::views::diagnostics::diagnostics_window_ui;
use crate::views::editor::{EditorState, editor_window_ui};
use crate::views::map::{MapState, map_ui};
use crate::views::side_panel::side_panel_ui;
use crate::views::theme;
use crate::views::timeline::{TimelineState, timeline_ui};
use crate::views::top_bar::{TopBarState, top_bar_ui};
use crate::views::view_model::ViewModel;
use command::{Command, CommandSender};
use jobs::{DialogJob, LoadJob, LoadMode, StoriesJob};
use selection::Item;
use state::{Persisted, Source, UiState};

/// How the app is set up: the real window, or headless for tests and benchmarks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AppConfig {
    /// Fetch map tiles over HTTP (when the user has them enabled). Off in tests: no network,
    /// and snapshots that do not depend on it.
    pub tiles: bool,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig { tiles: true }
    }
}

impl AppConfig {
    /// No network, nothing read from disk: for tests and benchmarks.
    pub fn headless() -> Self {
        AppConfig { tiles: false }
    }
}

/// Open the explorer window on `paths` (when empty: what was loaded last time, else the
/// embedded seeds).
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    run_with(paths, false)
}

/// [`run`], and with `startup_probe`: print how long the window took to show its first frame
/// (from this call) on standard output, as `first frame after N ms`, then close it.
///
/// The window opens at once on an empty store; everything (the seeds too) is read in the
/// background.
pub fn run_with(paths: Vec<PathBuf>, startup_probe: bool) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("chronomap")
        // Matches the desktop entry's name, so launchers group the window under its icon.
        .with_app_id("chronomap")
        .with_inner_size([1440.0, 900.0])
        .with_min_inner_size([960.0, 600.0]);
    if let Some(icon) = crate::desktop::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "chronomap",
        options,
        Box::new(move |cc| {
            let mut app =
                ChronomapApp::from_creation_context(cc, EventStore::new(), AppConfig::default());
            app.egui_ctx = Some(cc.egui_ctx.clone());
            app.set_data_dir(eframe::storage_dir("chronomap"));
            app.open_programs = true;
            if startup_probe {
                app.startup_probe = Some(started);
            }
            app.start(paths);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

pub struct ChronomapApp {
    store: EventStore,
    config: AppConfig,
    persisted: Persisted,
    state: UiState,
    vm: ViewModel,
    commands: CommandSender,
    timeline: TimelineState,
    map: MapState,
    top_bar: TopBarState,
    job: Option<LoadJob>,
    /// Loads asked for while another was running, in order.
    queue: VecDeque<(Vec<Source>, LoadMode)>,
    /// The current job's bookkeeping: whether a replacing load has cleared the store yet,
    /// the walk's diagnostics waiting for the first batch, whether it reported problems.
    job_replaced: bool,
    job_diagnostics: Vec<crate::model::Diagnostic>,
    job_had_problems: bool,
    /// What `persisted.corpus` was before the current job, restored if it is cancelled
    /// before anything arrived.
    job_previous_corpus: Option<Option<Vec<Source>>>,
    /// Content hashes of every article (and events file) in the store: re-adding the same
    /// content is skipped.
    loaded_hashes: HashSet<u64>,
    /// Per article (by index): whether it was read from a file of its own, beside which a
    /// `sources.csv` can be written. Not the seeds, not articles from an events file.
    on_disk: Vec<bool>,
    dialog: Option<DialogJob>,
    /// Stories being made in the background, for one generation of the store.
    stories_job: Option<StoriesJob>,
    /// A store generation whose stories could not be made (reported; not tried again).
    stories_failed: Option<u64>,
    /// Refit the timeline (and the map) when the stories come in: the views fitted
    /// themselves to the mentions shown meanwhile (on the first frame, after a load).
    refit_on_stories: stories::Refit,
    /// The user's fixes, applied to everything loaded, and where they are saved.
    corrections: crate::store::Corrections,
    data_dir: Option<PathBuf>,
    editor: EditorState,
    /// Paths the user asked to see in the file manager.
    revealed: Vec<PathBuf>,
    /// Start other programs (the file manager, to reveal a file): only in the real window,
    /// not in tests.
    open_programs: bool,
    /// Set by [`run_with`]'s probe: when the app started; printed and closed on first frame.
    startup_probe: Option<std::time::Instant>,
    probe_frames: u32,
    /// Textures for markers, made on the first frame.
    sprites: Option<crate::views::sprites::Sprites>,
    /// The basemap's geometry is on the GPU (see [`crate::views::basemap_gpu`]).
    gpu_basemap: bool,
    /// Kept from the first frame, to wake the UI when a background read finishes.
    egui_ctx: Option<egui::Context>,
    styled: bool,
    export: screenshot::Exporter,
    settings: crate::views::settings::SettingsWindow,
}

impl ChronomapApp {
    pub fn new(store: EventStore, config: AppConfig) -> Self {
        let persisted = Persisted::default();
        let map = MapState::new(persisted.map);
        let map_fit = map.fit_requested;
        ChronomapApp {
            store,
            config,
            state: UiState {
                lanes: persisted.lanes,
                ..UiState::default()
            },
            map,
            persisted,
            vm: ViewModel::default(),
            commands: CommandSender::default(),
            timeline: TimelineState::default(),
            top_bar: TopBarState::default(),
            job: None,
            queue: VecDeque::new(),
            job_replaced: false,
            job_diagnostics: Vec::new(),
            job_had_problems: false,
            job_previous_corpus: None,
            loaded_hashes: HashSet::new(),
            on_disk: Vec::new(),
            dialog: None,
            stories_job: None,
            stories_failed: None,
            refit_on_stories: stories::Refit {
                timeline: true,
                map: map_fit,
            },
            corrections: crate::store::Corrections::default(),
            data_dir: None,
            editor: EditorState::default(),
            revealed: Vec::new(),
            open_programs: false,
            startup_probe: None,
            probe_frames: 0,
            gpu_basemap: false,
            sprites: None,
            egui_ctx: None,
            styled: false,
            export: screenshot::Exporter::default(),
            settings: crate::views::settings::SettingsWindow::default(),
        }
    }

    /// The app as eframe (or kittest) creates it: saved choices restored, and the basemap
    /// uploaded to the GPU when rendering with wgpu.
    pub fn from_creation_context(
        cc: &eframe::CreationContext<'_>,
        store: EventStore,
        config: AppConfig,
    ) -> Self {
        let mut app = ChronomapApp::new(store, config);
        if let Some(storage) = cc.storage {
            app.restore(storage);
        }
        if let (Some(render_state), Ok(basemap)) = (&cc.wgpu_render_state, basemap::embedded()) {
            crate::views::basemap_gpu::install(render_state, basemap);
            app.gpu_basemap = true;
        }
        app
    }

    /// Paint the basemap as a GPU callback without a renderer to run it: what the app does
    /// on the CPU per frame, for headless frame benchmarks.
    #[doc(hidden)]
    pub fn assume_gpu_basemap(&mut self) {
        self.gpu_basemap = true;
    }

    /// Take up the choices saved by a previous run.
    pub fn restore(&mut self, storage: &dyn eframe::Storage) {
        if let Some(persisted) = eframe::get_value::<Persisted>(storage, eframe::APP_KEY) {
            self.state.lanes = persisted.start_lanes.unwrap_or(persisted.lanes);
            self.state.show_mentions = persisted.show_mentions;
            self.map = MapState::new(persisted.map);
            self.refit_on_stories.map = self.map.fit_requested;
            self.persisted = persisted;
        }
    }

    /// Read `paths` in the background; `egui_ctx` is woken as batches land.
    pub fn load(&mut self, paths: Vec<PathBuf>, mode: LoadMode, egui_ctx: egui::Context) {
        self.egui_ctx = Some(egui_ctx);
        self.start_load(paths.into_iter().map(Source::Path).collect(), mode);
    }

    pub fn store(&self) -> &EventStore {
        &self.store
    }

    pub fn ui_state(&self) -> &UiState {
        &self.state
    }

    pub fn view_model(&self) -> &ViewModel {
        &self.vm
    }

    pub fn timeline(&self) -> &TimelineState {
        &self.timeline
    }

    pub fn map(&self) -> &MapState {
        &self.map
    }

    pub fn persisted(&self) -> &Persisted {
        &self.persisted
    }

    /// Whether a background read is still running (or queued).
    pub fn is_loading(&self) -> bool {
        self.job.is_some() || !self.queue.is_empty()
    }

    /// Whether the views want stories the store does not have yet (they are being made in
    /// the background; mentions are shown meanwhile).
    pub fn stories_pending(&self) -> bool {
        self.stories_wanted()
    }

    /// The user's fixes (publication dates, hidden events …) as loaded and saved.
    pub fn corrections(&self) -> &crate::store::Corrections {
        &self.corrections
    }

    /// Paths the user asked to be shown in the file manager, oldest first.
    pub fn revealed(&self) -> &[PathBuf] {
        &self.revealed
    }

    /// One whole frame of the window. [`eframe::App::ui`] calls this; tests and benchmarks
    /// can too, without an `eframe::Frame`.
    pub fn show(&mut self, ui: &mut Ui) {
        if !self.styled {
            theme::apply(ui.ctx());
            self.egui_ctx = Some(ui.ctx().clone());
            if let Err(e) = basemap::embedded() {
                // Handled once, here: the map falls back to a plain sea colour.
                eprintln!("chronomap: no offline basemap: {e}");
                self.state.notes.push(Diagnostic::error(
                    "assets/basemap.bin",
                    format!("no offline basemap: {e}"),
                ));
            }
            self.styled = true;
        }
        // Stories first: a load's batches wait while a stories job still reads the events.
        self.take_stories();
        self.poll_loads();
        // This frame shows that they are on their way.
        self.start_stories();
        self.keyboard(ui);
        self.dropped_files(ui);

        self.vm.update_with(
            &self.store,
            &self.state.filter,
            self.state.lanes,
            self.story_mode(),
            self.state.selection.selected(),
            self.state.selection.hovered(),
        );

        // The user's own fixes: a handful, not the corpus.
        self.state.hidden_in_editing = self
            .state
            .editing
            .map_or(0, |article| self.hidden_events_of(article));
        if self.sprites.is_none() {
            self.sprites = Some(crate::views::sprites::Sprites::new(ui.ctx()));
        }
        if self.export_card_frame(ui) {
            return;
        }
        let Self {
            store,
            config,
            persisted,
            gpu_basemap,
            state,
            vm,
            commands,
            timeline,
            map,
            top_bar,
            sprites: Some(sprites),
            ..
        } = self
        else {
            // Unreachable: the sprites were made just above.
            return;
        };
        let mut ctx = ViewCtx {
            store,
            sprites,
            state,
            vm,
            commands,
        };

        let tiles = (persisted.tiles.enabled, persisted.tiles.url.as_str());
        egui::Panel::top("top-bar")
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(10, 7)),
            )
            .show(ui, |ui| top_bar_ui(ui, &mut ctx, top_bar, tiles));

        let side = egui::Panel::right("side-panel")
            .resizable(true)
            .default_size(persisted.side_panel_width)
            .size_range(300.0..=720.0)
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(12, 10)),
            )
            .show(ui, |ui| side_panel_ui(ui, &mut ctx));
        let side_width = side.response.rect.width();

        let mut timeline_height = persisted.timeline_height;
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let max_timeline = (ui.available_height() - 160.0).max(160.0);
            let bottom = egui::Panel::bottom("timeline")
                .resizable(true)
                .default_size(persisted.timeline_height.min(max_timeline))
                .size_range(150.0..=max_timeline)
                .frame(
                    egui::Frame::new()
                        // The plot follows the theme; its header strip does too.
                        .fill(if ui.visuals().dark_mode {
                            ui.visuals().panel_fill
                        } else {
                            Color32::WHITE
                        })
                        .inner_margin(egui::Margin::symmetric(8, 6)),
                )
                .show(ui, |ui| timeline_ui(ui, &mut ctx, timeline));
            timeline_height = bottom.response.rect.height();
            egui::CentralPanel::no_frame().show(ui, |ui| {
                map_ui(
                    ui,
                    &mut ctx,
                    map,
                    &persisted.tiles,
                    config.tiles,
                    *gpu_basemap,
                );
            });
        });

        article_window_ui(ui.ctx(), &mut ctx);
        diagnostics_window_ui(ui.ctx(), &mut ctx);
        editor_window_ui(ui.ctx(), &mut ctx, &mut self.editor);
        file_drop_overlay(ui);

        persisted.side_panel_width = side_width;
        persisted.timeline_height = timeline_height;

        for command in self.commands.take() {
            self.apply(command);
        }
        // A command may have changed the store (a story fix, a fixed article): a frame to
        // show the mentions meanwhile.
        if self.start_stories() {
            ui.ctx().request_repaint();
        }
        self.export_after_frame(ui);
        self.settings_frame(ui);
        self.state.selection.on_frame_end();
    }

    fn keyboard(&mut self, ui: &Ui) {
        // Keys typed into the search box are the search box's.
        if ui.ctx().memory(|m| m.focused().is_some()) {
            return;
        }
        let (escape, left, right) = ui.input(|i| {
            (
                i.key_pressed(Key::Escape),
                i.key_pressed(Key::ArrowLeft),
                i.key_pressed(Key::ArrowRight),
            )
        });
        if escape {
            let command = if self.state.article.is_some() {
                Command::CloseArticle
            } else if self.state.selection.selected().is_some() {
                Command::ClearSelection
            } else {
                Command::SetTimeRange(None)
            };
            self.commands.send(command);
        }
        if left || right {
            self.commands.send(Command::Step { forward: right });
        }
    }

    fn dropped_files(&mut self, ui: &Ui) {
        let paths: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !paths.is_empty() {
            self.commands.send(Command::Add(paths));
        }
    }

    /// Apply one command to the state. The only place the state changes.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Select(item) => {
                if self.merge_on_select(item) {
                    return;
                }
                self.state.selection.select(Some(item));
                self.follow(item);
            }
            Command::ClearSelection => self.state.selection.select(None),
            Command::Hover(item) => self.state.selection.set_hovered(item),
            Command::Step { forward } => {
                let from = match self.state.selection.selected() {
                    Some(Item::Event(e)) => Some(e),
                    _ => None,
                };
                if let Some(next) = self.vm.step(from, forward) {
                    self.apply(Command::Select(Item::Event(next)));
                }
            }
            Command::SetSearch(text) => {
                self.top_bar.search.clone_from(&text);
                self.state.filter.text = text;
            }
            Command::SetKindHidden(kind, hidden) => {
                if hidden {
                    self.state.filter.hidden_kinds.insert(kind);
                } else {
                    self.state.filter.hidden_kinds.remove(&kind);
                }
            }
            Command::SetOutletHidden(outlet, hidden) => {
                if hidden {
                    self.state.filter.hidden_outlets.insert(outlet);
                } else {
                    self.state.filter.hidden_outlets.remove(&outlet);
                }
            }
            Command::ShowAllKindsAndOutlets => {
                self.state.filter.hidden_kinds.clear();
                self.state.filter.hidden_outlets.clear();
            }
            Command::SetTimeRange(range) => self.state.filter.time = range,
            Command::SetLanes(mode) => {
                self.state.lanes = mode;
                self.persisted.lanes = mode;
            }
            Command::FitAll => {
                self.timeline.fit_requested = true;
                self.map.fit_requested = true;
            }
            Command::ZoomTimeline { from, to } => self.timeline.zoom_to = Some((from, to)),
            Command::ZoomMap { lat, lon, zoom } => self.map.zoom_to(lat, lon, zoom),
            Command::OpenArticle(article, highlight) => {
                self.state.article = Some((article, highlight));
            }
            Command::CloseArticle => self.state.article = None,
            Command::ShowDiagnostics(show) => self.state.show_diagnostics = show,
            Command::Open(paths) => {
                self.start_load(
                    paths.into_iter().map(Source::Path).collect(),
                    LoadMode::Replace,
                );
            }
            Command::Add(paths) => {
                self.start_load(paths.into_iter().map(Source::Path).collect(), LoadMode::Add);
            }
            Command::PickFiles(kind) => self.pick_files(kind),
            Command::CancelLoad => self.cancel_load(),
            Command::Reload => self.reload(),
            Command::ResetToSamples => self.start_load(vec![Source::Seeds], LoadMode::Replace),
            Command::RevealPath(path) => self.reveal(&path),
            Command::EditArticle(article) => self.state.editing = article,
            Command::FixArticle {
                article,
                published,
                outlet,
                title,
            } => self.fix_article(article, published, outlet, title),
            Command::FixEvent { event, fix } => self.fix_event(event, fix),
            Command::ShowHiddenEvents(article) => self.show_hidden_events(article),
            Command::SetTiles { enabled, url } => {
                self.persisted.tiles.enabled = enabled;
                self.persisted.tiles.url = url;
                self.top_bar.tile_url = None;
            }
            Command::Export(command) => self.on_export_command(command),
            Command::Settings(command) => self.on_settings_command(command),
            Command::Story(command) => self.on_story_command(command),
        }
    }

    /// The other views follow a selection: the timeline scrolls to an event, the map brings
    /// its places (or a place that is off screen) into view.
    fn follow(&mut self, item: Item) {
        match item {
            Item::Event(event) => {
                self.timeline.reveal = Some(event);
                let places: Vec<(f64, f64)> = self
                    .store
                    .event(event)
                    .map(|e| e.places.iter().map(|p| (p.lat, p.lon)).collect())
                    .unwrap_or_default();
                self.map.reveal(&places);
            }
            Item::Place(place) => {
                if let Some(entry) = self.store.place(place) {
                    let (lat, lon) = (entry.place.lat, entry.place.lon);
                    if !self.map.shows(lat, lon) {
                        self.map.center_on(lat, lon);
                    }
                }
            }
            Item::Actor(_) | Item::Article(_) => {}
        }
    }
}

fn file_drop_overlay(ui: &Ui) {
    let Some(text) = ui.input(|i| loading::drop_text(&i.raw.hovered_files)) else {
        return;
    };
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("file-drop"),
    ));
    let rect = ui.ctx().content_rect();
    painter.rect_filled(rect, 0.0, Color32::from_black_alpha(150));
    // A label, not painted text, so screen readers (and tests) find it.
    egui::Area::new(egui::Id::unique("file-drop-label"))
        .order(egui::Order::Tooltip)
        .fixed_pos(rect.center())
        .pivot(Align2::CENTER_CENTER)
        .interactable(false)
        .show(ui.ctx(), |ui| {
            ui.vertical_centered(|ui| {
                ui.label(
                    egui::RichText::new(&text)
                        .font(FontId::proportional(24.0))
                        .color(Color32::WHITE),
                );
                ui.label(
                    egui::RichText::new("Loading starts when you let go; nothing is replaced")
                        .color(Color32::from_gray(215)),
                );
            });
        });
}

impl eframe::App for ChronomapApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.persisted.map = Some(self.map.position());
        eframe::set_value(storage, eframe::APP_KEY, &self.persisted);
    }
}
