//! The map: OpenStreetMap raster tiles (when online and enabled) over the embedded vector
//! basemap, with one marker per place, sized by its number of events, coloured by their
//! most frequent kind, and clustered where markers would overlap.

use std::path::PathBuf;

use egui::{
    Align2, Color32, CornerRadius, FontId, Id, Pos2, Rect, Sense, Shape, Stroke, Ui, pos2, vec2,
};
use walkers::sources::{Attribution, TileSource};
use walkers::{
    HttpOptions, HttpTiles, Map, MapMemory, Plugin, Position, Projector, TileId, lat_lon,
};

use crate::app::command::{Command, CommandSender};
use crate::app::selection::{Highlight, Item};
use crate::app::state::{MapPosition, TileSettings};
use crate::views::ViewCtx;
use crate::views::basemap::{self, BasemapCache, BasemapStyle, MapView, mercator_unit};
use crate::views::basemap_gpu::BasemapCallback;
use crate::views::sprites::{Discs, Sprites};
use crate::views::theme::{self, kind_color};
use crate::views::view_model::{
    CLUSTER_DISTANCE, Cluster, ClusterCache, PlaceMarker, ViewModel, cluster_markers, zoom_bucket,
};

const MIN_ZOOM: f64 = 1.0;
const MAX_ZOOM: f64 = 18.0;
/// Fitting never zooms in further than this: a single place still shows its surroundings.
const MAX_FIT_ZOOM: f64 = 7.0;
/// At most this many markers (the most important) get a widget of their own.
const MAX_MARKER_WIDGETS: usize = 150;

/// A tile server given as a URL template with `{z}`, `{x}` and `{y}`.
struct UrlTemplate(String);

impl TileSource for UrlTemplate {
    fn tile_url(&self, tile_id: TileId) -> String {
        self.0
            .replace("{z}", &tile_id.zoom.to_string())
            .replace("{x}", &tile_id.x.to_string())
            .replace("{y}", &tile_id.y.to_string())
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: "OpenStreetMap contributors",
            url: "https://www.openstreetmap.org/copyright",
            logo_light: None,
            logo_dark: None,
        }
    }
}

/// Where tiles are cached on disk: the platform's user cache directory.
fn tile_cache_dir() -> Option<PathBuf> {
    let home = || std::env::var_os("HOME").map(PathBuf::from);
    let base = if cfg!(target_os = "windows") {
        std::env::var_os("LOCALAPPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        home().map(|h| h.join("Library").join("Caches"))
    } else {
        std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| home().map(|h| h.join(".cache")))
    }?;
    Some(base.join("chronomap").join("tiles"))
}

/// The raster tile source the map uses: walkers downloads in the background (at most six at a
/// time) and `at` only ever reads what has arrived, so the UI never waits on the network.
pub fn http_tiles(url: &str, ctx: &egui::Context) -> HttpTiles {
    // walkers is built without a default TLS provider; installing twice is harmless.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let options = HttpOptions {
        cache: tile_cache_dir(),
        // OpenStreetMap's tile policy asks for an identifying User-Agent.
        user_agent: Some(walkers::HeaderValue::from_static(concat!(
            "chronomap/",
            env!("CARGO_PKG_VERSION"),
            " (news timeline and map explorer)"
        ))),
        ..HttpOptions::default()
    };
    HttpTiles::with_options(UrlTemplate(url.to_owned()), options, ctx.clone())
}

/// How long downloads may sit without one finishing before they are abandoned.
pub const TILE_STALL: std::time::Duration = std::time::Duration::from_secs(15);

/// [`http_tiles`] with a time bound. walkers gives its HTTP client no timeout, so a server
/// that accepts connections and never answers would hold all six download slots for good.
/// This watches walkers' count of downloads in progress: when some are pending and none has
/// finished for [`TILE_STALL`], the downloader is replaced by a fresh one (tiles already fetched
/// come back from the disk cache) and the old one, with its hung connections, is dropped on a
/// thread of its own, since dropping it joins its runtime.
pub struct BoundedTiles {
    url: String,
    ctx: egui::Context,
    inner: HttpTiles,
    stall: std::time::Duration,
    /// Downloads in progress at the last check, and since when none has finished.
    in_progress: usize,
    waiting_since: Option<std::time::Instant>,
    restarts: usize,
}

impl BoundedTiles {
    pub fn new(url: &str, ctx: &egui::Context) -> BoundedTiles {
        BoundedTiles::with_stall(url, ctx, TILE_STALL)
    }

    /// With another stall bound (tests use a short one).
    pub fn with_stall(url: &str, ctx: &egui::Context, stall: std::time::Duration) -> BoundedTiles {
        BoundedTiles {
            url: url.to_owned(),
            ctx: ctx.clone(),
            inner: http_tiles(url, ctx),
            stall,
            in_progress: 0,
            waiting_since: None,
            restarts: 0,
        }
    }

    /// Once per frame: abandon downloads that made no progress for the stall bound.
    pub fn watch(&mut self) {
        let now = std::time::Instant::now();
        let in_progress = walkers::Tiles::stats(&self.inner).in_progress;
        if in_progress == 0 || in_progress < self.in_progress {
            // Idle, or a download finished: the server is answering.
            self.waiting_since = (in_progress > 0).then_some(now);
        } else if self.waiting_since.is_none() {
            self.waiting_since = Some(now);
        }
        self.in_progress = in_progress;
        if self
            .waiting_since
            .is_some_and(|since| now.duration_since(since) >= self.stall)
        {
            let stalled = std::mem::replace(&mut self.inner, http_tiles(&self.url, &self.ctx));
            let _ = std::thread::Builder::new()
                .name("chronomap-stalled-tiles".into())
                .spawn(move || drop(stalled));
            self.restarts += 1;
            self.in_progress = 0;
            self.waiting_since = None;
        }
        if self.waiting_since.is_some() {
            // Wake up to check again even if nothing else moves.
            self.ctx.request_repaint_after(self.stall);
        }
    }

    /// How many times stalled downloads were abandoned.
    pub fn restarts(&self) -> usize {
        self.restarts
    }
}

impl walkers::Tiles for BoundedTiles {
    fn at(&mut self, tile_id: TileId) -> Option<walkers::TilePiece> {
        self.inner.at(tile_id)
    }

    fn attribution(&self) -> Attribution {
        self.inner.attribution()
    }

    fn tile_size(&self) -> u32 {
        self.inner.tile_size()
    }

    fn stats(&self) -> walkers::Stats {
        self.inner.stats()
    }
}

/// The map's memory between frames.
pub struct MapState {
    pub memory: MapMemory,
    /// Fit the map to the shown places on the next frame.
    pub fit_requested: bool,
    tiles: Option<(String, BoundedTiles)>,
    basemap: BasemapCache,
    clusters: ClusterCache,
    rect: Option<Rect>,
}

impl MapState {
    /// A map at `position`, or fitted to the data on the first frame when `None`.
    pub fn new(position: Option<MapPosition>) -> MapState {
        let mut memory = MapMemory::default();
        let fit_requested = match position {
            Some(p) => {
                memory.center_at(lat_lon(p.lat, p.lon));
                let _ = memory.set_zoom(p.zoom.clamp(MIN_ZOOM, MAX_ZOOM));
                false
            }
            None => true,
        };
        MapState {
            memory,
            fit_requested,
            tiles: None,
            basemap: BasemapCache::default(),
            clusters: ClusterCache::default(),
            rect: None,
        }
    }

    fn center(&self) -> Position {
        self.memory.detached().unwrap_or(lat_lon(25.0, 10.0))
    }

    /// Where the map is, for saving.
    pub fn position(&self) -> MapPosition {
        let c = self.center();
        MapPosition {
            lat: c.y(),
            lon: c.x(),
            zoom: self.memory.zoom(),
        }
    }

    pub fn center_on(&mut self, lat: f64, lon: f64) {
        self.memory.center_at(lat_lon(lat, lon));
    }

    pub fn zoom_to(&mut self, lat: f64, lon: f64, zoom: f64) {
        self.memory.center_at(lat_lon(lat, lon));
        let _ = self.memory.set_zoom(zoom.clamp(MIN_ZOOM, MAX_ZOOM));
    }

    /// The map's area as last drawn.
    pub fn rect(&self) -> Option<Rect> {
        self.rect
    }

    /// Whether a point is well inside the map as last drawn.
    pub fn shows(&self, lat: f64, lon: f64) -> bool {
        let Some(rect) = self.rect else {
            return false;
        };
        let world = 256.0 * 2f64.powf(self.memory.zoom());
        let c = self.center();
        let (cx, cy) = mercator_unit(c.x(), c.y());
        let (x, y) = mercator_unit(lon, lat);
        let screen = rect.center() + vec2(((x - cx) * world) as f32, ((y - cy) * world) as f32);
        rect.shrink(20.0).contains(screen)
    }

    /// Bring these (lat, lon) points into view: centre on them, zooming out only if they do
    /// not fit at the current zoom.
    pub fn reveal(&mut self, points: &[(f64, f64)]) {
        if points.is_empty() {
            return;
        }
        let mut bounds = Rect::NOTHING;
        for &(lat, lon) in points {
            let (x, y) = mercator_unit(lon, lat);
            bounds.extend_with(pos2(x as f32, y as f32));
        }
        let (lat, lon) = unit_to_lat_lon(bounds.center());
        let zoom = self.memory.zoom();
        let fitting = match self.rect {
            Some(rect) if points.len() > 1 => fit_zoom(bounds, rect, MAX_ZOOM),
            _ => zoom,
        };
        self.zoom_to(lat, lon, zoom.min(fitting));
    }

    fn fit(&mut self, vm: &ViewModel, rect: Rect) {
        let Some(bounds) = vm.marker_bounds() else {
            self.zoom_to(25.0, 15.0, 1.6);
            return;
        };
        let zoom = fit_zoom(bounds, rect, MAX_FIT_ZOOM);
        let (lat, lon) = unit_to_lat_lon(bounds.center());
        self.zoom_to(lat, lon, zoom);
    }
}

/// The zoom at which `bounds` (Mercator units) fill most of `rect`, at most `max`.
fn fit_zoom(bounds: Rect, rect: Rect, max: f64) -> f64 {
    let size = bounds.size();
    let fit_x = f64::from(rect.width() * 0.8) / (f64::from(size.x.max(1e-6)) * 256.0);
    let fit_y = f64::from(rect.height() * 0.75) / (f64::from(size.y.max(1e-6)) * 256.0);
    fit_x.min(fit_y).log2().clamp(MIN_ZOOM, max)
}

fn unit_to_lat_lon(unit: Pos2) -> (f64, f64) {
    let lon = f64::from(unit.x) * 360.0 - 180.0;
    let n = std::f64::consts::PI * (1.0 - 2.0 * f64::from(unit.y));
    let lat = n.sinh().atan().to_degrees();
    (lat, lon)
}

/// Draw the map. `tiles_allowed` is false in tests and benchmarks: no network requests.
pub fn map_ui(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    state: &mut MapState,
    settings: &TileSettings,
    tiles_allowed: bool,
    gpu_basemap: bool,
) {
    let rect = ui.available_rect_before_wrap();
    state.rect = Some(rect);
    if std::mem::take(&mut state.fit_requested) {
        state.fit(ctx.vm, rect);
    }

    let wants_tiles = tiles_allowed && settings.enabled && !settings.url.trim().is_empty();
    match &state.tiles {
        Some((url, _)) if wants_tiles && *url == settings.url => {}
        _ if wants_tiles => {
            state.tiles = Some((
                settings.url.clone(),
                BoundedTiles::new(&settings.url, ui.ctx()),
            ));
        }
        _ => state.tiles = None,
    }
    if let Some((_, tiles)) = &mut state.tiles {
        tiles.watch();
    }

    // The basemap goes under the tiles, but can only be drawn once the map has applied this
    // frame's pan and zoom: keep its place in the paint order now, fill it in afterwards.
    let basemap_painter = ui.painter_at(rect);
    let basemap_slot = basemap_painter.add(Shape::Noop);

    let vm = ctx.vm;
    let store = ctx.store;
    let my_position = state.center();
    let MapState {
        memory,
        tiles,
        clusters,
        ..
    } = state;
    let clusters = clusters.get(vm, memory.zoom());
    let tiles = tiles.as_mut().map(|(_, t)| t as &mut dyn walkers::Tiles);
    let markers = PlaceMarkers {
        vm,
        sprites: ctx.sprites,
        clusters,
        commands: &mut *ctx.commands,
        place_label: &|p| Item::Place(p).label(store),
    };
    let response = Map::new(tiles, memory, my_position)
        .zoom_with_ctrl(false)
        .with_plugin(markers)
        .show(ui, |_, _, _, _| ())
        .response;

    let center = state.memory.detached().unwrap_or(my_position);
    let view = MapView {
        rect: response.rect,
        center_unit: mercator_unit(center.x(), center.y()),
        world_size: 256.0 * 2f64.powf(state.memory.zoom()),
        pixels_per_point: ui.ctx().pixels_per_point(),
    };
    let style = BasemapStyle::default();
    let water = Shape::rect_filled(rect, 0.0, style.water);
    match basemap::embedded() {
        Ok(_) if gpu_basemap => {
            let land_and_lines = BasemapCallback { view, style }.shape();
            basemap_painter.set(basemap_slot, Shape::Vec(vec![water, land_and_lines]));
        }
        Ok(basemap) => {
            let shapes = state.basemap.shapes(basemap, view, style);
            basemap_painter.set(basemap_slot, Shape::Vec(shapes.to_vec()));
        }
        // Reported once by the app; a plain sea colour is still better than a grid.
        Err(_) => basemap_painter.set(basemap_slot, water),
    }

    controls_ui(ui, ctx, state, rect);
    attribution_ui(
        ui,
        rect,
        state
            .tiles
            .is_some()
            .then_some(settings.attribution.as_str()),
    );
    if vm.markers.is_empty() {
        ui.painter().text(
            rect.center(),
            Align2::CENTER_CENTER,
            if vm.shown.is_empty() {
                "No events to show"
            } else {
                "None of the shown events has a place"
            },
            FontId::proportional(14.0),
            theme::MUTED,
        );
    }
}

fn controls_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &mut MapState, rect: Rect) {
    let size = vec2(34.0, 26.0);
    let mut at = rect.right_top() + vec2(-size.x - 10.0, 10.0);
    for (text, hint) in [
        ("+", "Zoom in"),
        ("−", "Zoom out"),
        ("Fit", "Fit the map to the shown places"),
    ] {
        let button_rect = Rect::from_min_size(at, size);
        let response = ui
            .put(button_rect, egui::Button::new(text).fill(Color32::WHITE))
            .on_hover_text(hint);
        if response.clicked() {
            match text {
                "+" => {
                    let _ = state.memory.zoom_in();
                }
                "−" => {
                    if state.memory.zoom() > MIN_ZOOM + 1.0 {
                        let _ = state.memory.zoom_out();
                    }
                }
                _ => ctx.send(Command::FitAll),
            }
        }
        at.y += size.y + 4.0;
    }
}

/// `tiles` is the tile server's attribution when tiles are shown.
fn attribution_ui(ui: &mut Ui, rect: Rect, tiles: Option<&str>) {
    let text = attribution_text(tiles);
    let galley = ui
        .painter()
        .layout_no_wrap(text, FontId::proportional(11.0), theme::INK);
    let text_rect =
        Align2::RIGHT_BOTTOM.anchor_size(rect.right_bottom() - vec2(6.0, 4.0), galley.size());
    let background = text_rect.expand2(vec2(5.0, 2.0));
    ui.painter()
        .rect_filled(background, CornerRadius::same(3), theme::HALO);
    ui.painter().galley(text_rect.min, galley, theme::INK);
    if tiles.is_some() {
        let response = ui
            .interact(background, Id::unique("osm-attribution"), Sense::click())
            .on_hover_cursor(egui::CursorIcon::PointingHand);
        if response.clicked() {
            ui.ctx().open_url(egui::OpenUrl::new_tab(
                "https://www.openstreetmap.org/copyright",
            ));
        }
    }
}

/// The map's credits: the tile server's (when tiles are shown) and the basemap's.
pub fn attribution_text(tiles: Option<&str>) -> String {
    match tiles.map(str::trim).filter(|t| !t.is_empty()) {
        Some(tiles) => format!("{tiles} · Natural Earth"),
        None => "Offline basemap: Natural Earth".to_owned(),
    }
}

/// Marker size by number of events: area grows with the count, within limits.
fn marker_radius(events: u32, cluster: bool) -> f32 {
    let r = 5.0 + 2.0 * (events as f32).sqrt();
    if cluster {
        (r + 3.0).min(24.0)
    } else {
        r.min(18.0)
    }
}

/// The walkers plugin that draws and handles the place markers.
struct PlaceMarkers<'a> {
    vm: &'a ViewModel,
    sprites: &'a Sprites,
    clusters: &'a [Cluster],
    commands: &'a mut CommandSender,
    place_label: &'a dyn Fn(crate::store::PlaceId) -> String,
}

struct Placed<'a> {
    cluster: &'a Cluster,
    anchor: &'a PlaceMarker,
    center: Pos2,
    radius: f32,
    highlight: Highlight,
}

impl Plugin for PlaceMarkers<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &egui::Response,
        projector: &Projector,
        memory: &MapMemory,
    ) {
        let PlaceMarkers {
            vm,
            sprites,
            clusters,
            commands,
            place_label,
        } = *self;
        let rect = response.rect;
        let painter = ui.painter().with_clip_rect(rect);
        let visible = rect.expand(30.0);

        let mut placed: Vec<Placed<'_>> = clusters
            .iter()
            .filter_map(|cluster| {
                let anchor = vm.markers.get(*cluster.members.first()?)?;
                let center = projector.project(lat_lon(anchor.lat, anchor.lon)).to_pos2();
                if !visible.contains(center) {
                    return None;
                }
                let highlight = cluster
                    .members
                    .iter()
                    .filter_map(|m| vm.markers.get(*m))
                    .map(|m| vm.highlights.place(m.place))
                    .max()
                    .unwrap_or(Highlight::None);
                Some(Placed {
                    cluster,
                    anchor,
                    center,
                    // Stories weigh by their sources: a story told by three articles is drawn
                    // like three events.
                    radius: marker_radius(cluster.weight, cluster.members.len() > 1),
                    highlight,
                })
            })
            .collect();
        // Paint the least important first; label the most important first.
        placed.sort_by_key(|p| (p.highlight, p.cluster.events));
        let mut discs = sprites.discs(ui.ctx().pixels_per_point());
        // Shadow, outline and fill.
        discs.reserve(3 * placed.len());
        let mut over = Vec::new();
        for p in &placed {
            paint_marker(&mut discs, &mut over, &painter, p);
        }
        painter.add(discs.into_shape());
        painter.extend(over);
        let mut taken = Occupied::default();
        for p in &placed {
            taken.insert(Rect::from_center_size(p.center, vec2(2.0, 2.0) * p.radius));
        }
        for p in placed.iter().rev() {
            paint_label(&painter, ui, p, &mut taken);
        }

        // The most important markers are widgets of their own (click targets with a name for
        // screen readers); the others are hit-tested here, so a world of markers stays cheap.
        let zoom = memory.zoom();
        for p in placed.iter().rev().take(MAX_MARKER_WIDGETS) {
            marker_widget_ui(ui, vm, commands, place_label, p, zoom);
        }
        let others = placed.iter().rev().skip(MAX_MARKER_WIDGETS);
        let pointer = response.hover_pos();
        if let Some(p) = pointer.and_then(|at| {
            others
                .filter(|p| p.center.distance(at) <= p.radius + 2.0)
                .min_by(|a, b| a.center.distance(at).total_cmp(&b.center.distance(at)))
        }) {
            commands.send(Command::Hover(Item::Place(p.anchor.place)));
            if response.clicked() {
                on_marker_clicked(vm, commands, p, zoom);
            }
        }
    }
}

/// A marker: its discs go into the batch (shadow, white outline, fill); its count and
/// highlight ring are painted over the batch.
fn paint_marker(discs: &mut Discs, over: &mut Vec<Shape>, painter: &egui::Painter, p: &Placed<'_>) {
    let fade = if p.highlight == Highlight::Dimmed {
        0.3
    } else {
        1.0
    };
    let is_cluster = p.cluster.members.len() > 1;
    let fill = if is_cluster {
        Color32::from_rgb(0x3d, 0x4b, 0x5c)
    } else {
        kind_color(p.anchor.kind)
    }
    .gamma_multiply(fade);
    // A soft shadow lifts markers off busy tiles.
    discs.disc(
        p.center + vec2(0.0, 1.0),
        p.radius + 2.0,
        Color32::from_black_alpha((45.0 * fade) as u8),
    );
    discs.ringed(
        p.center,
        p.radius,
        fill,
        1.5,
        Color32::WHITE.gamma_multiply(fade),
    );
    if is_cluster {
        let galley = painter.layout_no_wrap(
            p.cluster.events.to_string(),
            FontId::proportional(11.0),
            Color32::WHITE.gamma_multiply(fade),
        );
        let rect = Align2::CENTER_CENTER.anchor_size(p.center, galley.size());
        over.push(Shape::galley(rect.min, galley, Color32::WHITE));
    }
    let ring = match p.highlight {
        Highlight::Selected => Some(Stroke::new(3.0, theme::INK)),
        Highlight::Hovered => Some(Stroke::new(2.5, theme::ACCENT)),
        Highlight::Related => Some(Stroke::new(2.0, theme::ACCENT)),
        Highlight::None | Highlight::Dimmed => None,
    };
    if let Some(ring) = ring {
        over.push(Shape::circle_stroke(p.center, p.radius + 4.5, ring));
    }
}

fn cluster_label(p: &Placed<'_>) -> String {
    match p.cluster.members.len() {
        1 => p.anchor.name.clone(),
        n => format!("{} +{}", p.anchor.name, n - 1),
    }
}

/// The name right of the marker on a white halo, unless it would cover another label.
/// Screen rects already covered by markers and labels, bucketed in a grid so checking a
/// label against hundreds of others stays cheap.
#[derive(Default)]
struct Occupied {
    cells: std::collections::HashMap<(i32, i32), Vec<Rect>>,
}

impl Occupied {
    const CELL: f32 = 64.0;

    fn cells_of(rect: Rect) -> impl Iterator<Item = (i32, i32)> {
        let (x0, y0) = (
            (rect.left() / Self::CELL).floor() as i32,
            (rect.top() / Self::CELL).floor() as i32,
        );
        let (x1, y1) = (
            (rect.right() / Self::CELL).floor() as i32,
            (rect.bottom() / Self::CELL).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn insert(&mut self, rect: Rect) {
        for cell in Self::cells_of(rect) {
            self.cells.entry(cell).or_default().push(rect);
        }
    }

    /// Whether `rect` overlaps anything but `except`.
    fn overlaps(&self, rect: Rect, except: Rect) -> bool {
        Self::cells_of(rect).any(|cell| {
            self.cells
                .get(&cell)
                .is_some_and(|rects| rects.iter().any(|r| *r != except && r.intersects(rect)))
        })
    }
}

fn paint_label(painter: &egui::Painter, ui: &Ui, p: &Placed<'_>, taken: &mut Occupied) {
    let color = if p.highlight == Highlight::Dimmed {
        theme::MUTED
    } else {
        theme::INK
    };
    let font = if p.highlight >= Highlight::Related {
        FontId::proportional(13.5)
    } else {
        FontId::proportional(12.5)
    };
    let galley = ui.painter().layout_no_wrap(cluster_label(p), font, color);
    // Clear of the highlight ring, if there is one.
    let gap = if p.highlight >= Highlight::Related {
        10.0
    } else {
        6.0
    };
    let text_rect =
        Align2::LEFT_CENTER.anchor_size(p.center + vec2(p.radius + gap, 0.0), galley.size());
    let halo = text_rect.expand2(vec2(4.0, 1.5));
    let own = Rect::from_center_size(p.center, vec2(2.0, 2.0) * p.radius);
    let important = p.highlight >= Highlight::Hovered;
    if !important && taken.overlaps(halo, own) {
        return;
    }
    taken.insert(halo);
    let halo_color = if p.highlight == Highlight::Dimmed {
        theme::HALO.gamma_multiply(0.6)
    } else {
        theme::HALO
    };
    painter.rect_filled(halo, CornerRadius::same(4), halo_color);
    painter.galley(text_rect.min, galley, color);
}

fn marker_widget_ui(
    ui: &mut Ui,
    vm: &ViewModel,
    commands: &mut CommandSender,
    place_label: &dyn Fn(crate::store::PlaceId) -> String,
    p: &Placed<'_>,
    zoom: f64,
) {
    let rect = Rect::from_center_size(p.center, vec2(2.0, 2.0) * (p.radius + 2.0));
    let id = Id::unique(("map-marker", p.anchor.place));
    let response = ui
        .interact(rect, id, Sense::click())
        .on_hover_cursor(egui::CursorIcon::PointingHand);
    let is_cluster = p.cluster.members.len() > 1;
    let label = if is_cluster {
        // Every member's name, so a screen reader (or a test) can find a place in a cluster.
        let names: Vec<&str> = p
            .cluster
            .members
            .iter()
            .filter_map(|m| vm.markers.get(*m))
            .take(12)
            .map(|m| m.name.as_str())
            .collect();
        let more = p.cluster.members.len() - names.len();
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        format!(
            "Cluster of {} places: {}{more}",
            p.cluster.members.len(),
            names.join(", ")
        )
    } else {
        place_label(p.anchor.place)
    };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if response.hovered() {
        commands.send(Command::Hover(Item::Place(p.anchor.place)));
    }
    if response.clicked() {
        on_marker_clicked(vm, commands, p, zoom);
    }
    let events = p.cluster.events;
    let names: Vec<&str> = p
        .cluster
        .members
        .iter()
        .filter_map(|m| vm.markers.get(*m))
        .take(6)
        .map(|m| m.name.as_str())
        .collect();
    let more = p.cluster.members.len().saturating_sub(names.len());
    let sources = p
        .cluster
        .members
        .iter()
        .filter_map(|m| vm.markers.get(*m))
        .map(|m| m.sources)
        .max()
        .unwrap_or(1);
    let unit = match (vm.stories, events == 1) {
        (true, true) => "story",
        (true, false) => "stories",
        (false, true) => "event",
        (false, false) => "events",
    };
    response.on_hover_ui(|ui| {
        ui.label(egui::RichText::new(cluster_label(p)).strong());
        ui.label(format!("{events} {unit}"));
        if let Some(text) = crate::views::timeline::corroborated(sources) {
            let text = if events == 1 {
                text
            } else {
                format!("The best told: {}", text.to_lowercase())
            };
            ui.label(egui::RichText::new(text).color(theme::ACCENT));
        }
        if is_cluster {
            let mut list = names.join(", ");
            if more > 0 {
                list.push_str(&format!(" and {more} more"));
            }
            ui.label(egui::RichText::new(list).small());
            ui.label(
                egui::RichText::new("Click to zoom in")
                    .small()
                    .color(theme::MUTED),
            );
        } else {
            ui.label(
                egui::RichText::new("Click to list its events")
                    .small()
                    .color(theme::MUTED),
            );
        }
    });
}

/// A place is selected; a cluster zooms in until it comes apart.
fn on_marker_clicked(vm: &ViewModel, commands: &mut CommandSender, p: &Placed<'_>, zoom: f64) {
    if p.cluster.members.len() > 1 {
        let (lat, lon, zoom) = separating_zoom(vm, p.cluster, zoom);
        commands.send(Command::ZoomMap { lat, lon, zoom });
    } else {
        commands.send(Command::Select(Item::Place(p.anchor.place)));
    }
}

/// Centre of a cluster's members and the first zoom at which they no longer all merge.
fn separating_zoom(vm: &ViewModel, cluster: &Cluster, zoom: f64) -> (f64, f64, f64) {
    let members: Vec<PlaceMarker> = cluster
        .members
        .iter()
        .filter_map(|m| vm.markers.get(*m).cloned())
        .collect();
    let mut bounds = Rect::NOTHING;
    for m in &members {
        bounds.extend_with(m.unit);
    }
    let (lat, lon) = unit_to_lat_lon(bounds.center());
    let mut bucket = zoom_bucket(zoom) + 1;
    while f64::from(bucket) / 2.0 < MAX_ZOOM {
        if cluster_markers(&members, f64::from(bucket) / 2.0, CLUSTER_DISTANCE).len() > 1 {
            break;
        }
        bucket += 1;
    }
    (lat, lon, (f64::from(bucket) / 2.0 + 0.25).min(MAX_ZOOM))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_templates_fill_in_the_tile() {
        let source = UrlTemplate("https://tiles.example/{z}/{x}/{y}.png".to_owned());
        assert_eq!(
            source.tile_url(TileId {
                x: 3,
                y: 5,
                zoom: 4
            }),
            "https://tiles.example/4/3/5.png"
        );
    }

    #[test]
    fn unit_coordinates_round_trip_to_lat_lon() {
        for (lat, lon) in [
            (48.857, 2.352),
            (-33.9, 151.2),
            (0.0, 0.0),
            (38.895, -77.036),
        ] {
            let (x, y) = mercator_unit(lon, lat);
            let (lat2, lon2) = unit_to_lat_lon(pos2(x as f32, y as f32));
            assert!(
                (lat - lat2).abs() < 1e-3 && (lon - lon2).abs() < 1e-3,
                "{lat},{lon} → {lat2},{lon2}"
            );
        }
    }

    #[test]
    fn labels_see_what_they_would_cover_across_grid_cells() {
        let mut taken = Occupied::default();
        let marker = Rect::from_center_size(pos2(100.0, 100.0), vec2(10.0, 10.0));
        taken.insert(marker);
        let long_label = Rect::from_min_max(pos2(60.0, 60.0), pos2(300.0, 75.0));
        taken.insert(long_label);
        // Overlaps the label far from where it starts, in another cell.
        assert!(taken.overlaps(
            Rect::from_min_max(pos2(250.0, 70.0), pos2(280.0, 90.0)),
            Rect::NOTHING
        ));
        // A marker's own rect does not block its label.
        let own_label = Rect::from_min_max(pos2(96.0, 95.0), pos2(150.0, 105.0));
        assert!(
            !Occupied {
                cells: [(0, 1), (1, 1)]
                    .into_iter()
                    .map(|c| (c, vec![marker]))
                    .collect()
            }
            .overlaps(own_label, marker)
        );
        assert!(!taken.overlaps(
            Rect::from_min_max(pos2(400.0, 400.0), pos2(450.0, 410.0)),
            Rect::NOTHING
        ));
    }

    #[test]
    fn bigger_places_get_bigger_markers_within_limits() {
        assert!(marker_radius(10, false) > marker_radius(1, false));
        assert!(marker_radius(1_000_000, false) <= 18.0);
        assert!(marker_radius(1_000_000, true) <= 24.0);
    }
}
