//! The explorer window: a zoomable timeline linked to a map and a quotes panel.
//!
//! [`ChronomapApp::show`] lays out the panels and hands each view the store, the shared
//! [`state::UiState`] and a [`command::CommandSender`]; the commands the views send are
//! applied after all of them have drawn. Only this module changes the state.

pub mod command;
#[doc(hidden)]
pub mod fixtures;
pub mod jobs;
pub mod screenshot;
pub mod selection;
pub mod state;

use std::path::PathBuf;

use egui::{Align2, Color32, FontId, Key, Ui};

use crate::model::Diagnostic;
use crate::pipeline;
use crate::store::EventStore;
use crate::views::ViewCtx;
use crate::views::article::article_window_ui;
use crate::views::basemap;
use crate::views::diagnostics::diagnostics_window_ui;
use crate::views::map::{MapState, map_ui};
use crate::views::side_panel::side_panel_ui;
use crate::views::theme;
use crate::views::timeline::{TimelineState, timeline_ui};
use crate::views::top_bar::{TopBarState, top_bar_ui};
use crate::views::view_model::ViewModel;
use command::{Command, CommandSender};
use jobs::{LoadJob, LoadMode};
use selection::Item;
use state::{Persisted, UiState};

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

/// Open the explorer window on `paths` (the embedded seeds when empty).
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let (store, to_read) = if paths.is_empty() {
        (EventStore::from_extraction(pipeline::extract_seeds()), None)
    } else {
        // The window opens at once; the articles are read in the background.
        (EventStore::new(), Some(paths))
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("chronomap")
            .with_app_id("chronomap")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([960.0, 600.0]),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "chronomap",
        options,
        Box::new(move |cc| {
            let mut app = ChronomapApp::from_creation_context(cc, store, AppConfig::default());
            if let Some(paths) = to_read {
                app.load(paths, LoadMode::Replace, cc.egui_ctx.clone());
            }
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
    /// Textures for markers, made on the first frame.
    sprites: Option<crate::views::sprites::Sprites>,
    /// The basemap's geometry is on the GPU (see [`crate::views::basemap_gpu`]).
    gpu_basemap: bool,
    /// Kept from the first frame, to wake the UI when a background read finishes.
    egui_ctx: Option<egui::Context>,
    styled: bool,
    export: screenshot::Exporter,
}

impl ChronomapApp {
    pub fn new(store: EventStore, config: AppConfig) -> Self {
        let persisted = Persisted::default();
        ChronomapApp {
            store,
            config,
            state: UiState {
                lanes: persisted.lanes,
                ..UiState::default()
            },
            map: MapState::new(persisted.map),
            persisted,
            vm: ViewModel::default(),
            commands: CommandSender::default(),
            timeline: TimelineState::default(),
            top_bar: TopBarState::default(),
            job: None,
            gpu_basemap: false,
            sprites: None,
            egui_ctx: None,
            styled: false,
            export: screenshot::Exporter::default(),
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
            self.state.lanes = persisted.lanes;
            self.map = MapState::new(persisted.map);
            self.persisted = persisted;
        }
    }

    /// Read `paths` in the background; `egui_ctx` is woken when done.
    pub fn load(&mut self, paths: Vec<PathBuf>, mode: LoadMode, egui_ctx: egui::Context) {
        let job = LoadJob::spawn(paths, mode, move || egui_ctx.request_repaint());
        self.state.loading = Some(job.description.clone());
        self.job = Some(job);
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

    /// Whether a background read is still running.
    pub fn is_loading(&self) -> bool {
        self.job.is_some()
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
        self.poll_job();
        self.keyboard(ui);
        self.dropped_files(ui);

        self.vm.update(
            &self.store,
            &self.state.filter,
            self.state.lanes,
            self.state.selection.selected(),
            self.state.selection.hovered(),
        );

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
                        .fill(Color32::WHITE)
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
        file_drop_overlay(ui);

        persisted.side_panel_width = side_width;
        persisted.timeline_height = timeline_height;

        for command in self.commands.take() {
            self.apply(command);
        }
        self.export_after_frame(ui);
        self.state.selection.on_frame_end();
    }

    fn poll_job(&mut self) {
        let Some(extraction) = self.job.as_ref().and_then(LoadJob::poll) else {
            return;
        };
        let mode = self.job.take().map_or(LoadMode::Add, |j| j.mode);
        match mode {
            LoadMode::Replace => {
                self.store = EventStore::from_extraction(extraction);
                // A new store starts its generations afresh: derived data must be rebuilt.
                self.vm = ViewModel::default();
                self.state.selection.select(None);
                self.state.article = None;
                self.state.filter.time = None;
            }
            LoadMode::Add => self.store.append(extraction),
        }
        self.state.loading = None;
        if !self.store.diagnostics().is_empty() {
            self.state.show_diagnostics = true;
        }
        self.timeline.focus_requested = true;
        self.map.fit_requested = true;
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
            Command::Open(paths) => self.start_load(paths, LoadMode::Replace),
            Command::Add(paths) => self.start_load(paths, LoadMode::Add),
            Command::SetTiles { enabled, url } => {
                self.persisted.tiles.enabled = enabled;
                self.persisted.tiles.url = url;
                self.top_bar.tile_url = None;
            }
            Command::Export(command) => self.on_export_command(command),
        }
    }

    fn start_load(&mut self, paths: Vec<PathBuf>, mode: LoadMode) {
        if self.job.is_some() {
            self.state.notes.push(Diagnostic::warning(
                "",
                "still reading the previous folder; open the next one when it is done",
            ));
            return;
        }
        let egui_ctx = self.egui_ctx.clone();
        let job = LoadJob::spawn(paths, mode, move || {
            if let Some(ctx) = &egui_ctx {
                ctx.request_repaint();
            }
        });
        self.state.loading = Some(job.description.clone());
        self.job = Some(job);
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
    if ui.input(|i| i.raw.hovered_files.is_empty()) {
        return;
    }
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("file-drop"),
    ));
    let rect = ui.ctx().content_rect();
    painter.rect_filled(rect, 0.0, Color32::from_black_alpha(150));
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        "Drop folders or articles to add them",
        FontId::proportional(22.0),
        Color32::WHITE,
    );
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
