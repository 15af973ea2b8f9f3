//! UI state: what is persisted between runs (layout, lanes, map position, tiles) and what is
//! shared by every view during a run (selection, hover, filter).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::app::selection::SelectionState;
use crate::model::{ArticleId, Diagnostic};
use crate::store::Filter;
use crate::views::view_model::LaneMode;

/// OpenStreetMap's standard raster tiles.
pub const OSM_TILE_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
/// The credit OpenStreetMap's tiles ask for.
pub const OSM_ATTRIBUTION: &str = "© OpenStreetMap contributors";

/// Choices that survive a restart, saved with eframe's storage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub lanes: LaneMode,
    pub side_panel_width: f32,
    pub timeline_height: f32,
    /// Where the map was left; `None` fits the map to the data.
    pub map: Option<MapPosition>,
    pub tiles: TileSettings,
    /// What was loaded when the app last ran, reopened at start. `None` on the first start:
    /// the embedded sample corpus is shown then.
    pub corpus: Option<Vec<Source>>,
    /// Where the last export was saved: the save dialogs open there.
    pub export_folder: Option<PathBuf>,
    pub theme: crate::views::settings::ThemeChoice,
    /// Input files larger than this are skipped.
    pub max_file_bytes: u64,
    /// The lanes the timeline starts with; `None`: those last used (`lanes`).
    pub start_lanes: Option<LaneMode>,
    /// The timeline and map show raw mentions rather than stories.
    pub show_mentions: bool,
}

/// One thing the user loaded: the embedded sample corpus, or a folder or file on disk
/// (articles, or a `chronomap/events/v1` JSON file).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Source {
    Seeds,
    Path(PathBuf),
}

impl Source {
    /// Whether this is an events file written by `chronomap extract` (read, not extracted).
    pub fn is_events_file(&self) -> bool {
        match self {
            Source::Seeds => false,
            Source::Path(p) => is_events_file(p),
        }
    }

    pub fn label(&self) -> String {
        match self {
            Source::Seeds => "the sample corpus".to_owned(),
            Source::Path(p) => p.display().to_string(),
        }
    }
}

/// A `.json` file: read as a `chronomap/events/v1` document rather than as an article.
pub fn is_events_file(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        && !path.is_dir()
}

impl Default for Persisted {
    fn default() -> Self {
        Persisted {
            lanes: LaneMode::default(),
            side_panel_width: 380.0,
            timeline_height: 300.0,
            map: None,
            tiles: TileSettings::default(),
            corpus: None,
            export_folder: None,
            theme: crate::views::settings::ThemeChoice::default(),
            max_file_bytes: crate::corpus::DEFAULT_MAX_FILE_BYTES,
            start_lanes: None,
            show_mentions: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapPosition {
    pub lat: f64,
    pub lon: f64,
    pub zoom: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TileSettings {
    /// Draw raster tiles over the offline basemap when online.
    pub enabled: bool,
    /// `{z}`, `{x}` and `{y}` are replaced by the tile's zoom and coordinates.
    pub url: String,
    /// The credit the tile server asks for, shown on the map and on exported cards.
    pub attribution: String,
}

impl Default for TileSettings {
    fn default() -> Self {
        TileSettings {
            enabled: true,
            url: OSM_TILE_URL.to_owned(),
            attribution: OSM_ATTRIBUTION.to_owned(),
        }
    }
}

/// The state every view reads; only the app changes it, by applying commands.
#[derive(Clone, Debug, Default)]
pub struct UiState {
    pub selection: SelectionState,
    pub filter: Filter,
    pub lanes: LaneMode,
    /// The article shown in the reader window, with the byte range to highlight.
    pub article: Option<(ArticleId, Option<[usize; 2]>)>,
    pub show_diagnostics: bool,
    /// What is being read in the background, if anything, and how far it got.
    pub loading: Option<LoadProgress>,
    /// A file dialog is open (on its own thread).
    pub dialog_open: bool,
    /// The article whose metadata and events are being fixed, if any.
    pub editing: Option<ArticleId>,
    /// How many events of the article being fixed the user hid (they can be brought back).
    pub hidden_in_editing: usize,
    /// Where the last fix was saved, or why it could not be.
    pub edit_status: Option<SaveStatus>,
    /// The timeline and map show raw mentions rather than stories.
    pub show_mentions: bool,
    /// "Merge with…" waits for the user to pick a second story for this mention's story.
    pub merging: Option<crate::model::EventId>,
    /// The views want stories that are still being made (mentions are shown until then).
    pub stories_pending: bool,

    /// Problems of the app itself (not of an input file), shown with the input's diagnostics.
    pub notes: Vec<Diagnostic>,
}

/// Where an edit was saved, or why it was not: shown in the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveStatus {
    pub ok: bool,
    pub message: String,
}

/// How far a background load got, for the progress bar.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadProgress {
    pub description: String,
    /// Files to read, once the folders have been walked.
    pub files_total: Option<usize>,
    pub files_done: usize,
    pub events_found: usize,
    /// Loads waiting for this one to finish.
    pub queued: usize,
    pub cancelling: bool,
}

impl LoadProgress {
    /// 0..=1, or `None` while the total is not known.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.files_total?;
        Some(if total == 0 {
            1.0
        } else {
            (self.files_done as f32 / total as f32).clamp(0.0, 1.0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_from_older_versions_keep_the_defaults_they_lack() {
        let saved: Persisted =
            serde_json::from_str(r#"{"lanes":"Kind","tiles":{"enabled":false}}"#).expect("parses");
        assert_eq!(saved.lanes, LaneMode::Kind);
        assert!(!saved.tiles.enabled);
        assert_eq!(saved.tiles.url, OSM_TILE_URL);
        assert_eq!(
            saved.side_panel_width,
            Persisted::default().side_panel_width
        );
        assert_eq!(saved.map, None);
    }

    #[test]
    fn choices_round_trip() {
        let choices = Persisted {
            lanes: LaneMode::Actor,
            side_panel_width: 420.0,
            timeline_height: 250.0,
            map: Some(MapPosition {
                lat: 48.8,
                lon: 2.3,
                zoom: 5.5,
            }),
            tiles: TileSettings {
                enabled: true,
                url: "https://example.org/{z}/{x}/{y}.png".to_owned(),
                attribution: "© Example".to_owned(),
            },
            corpus: Some(vec![Source::Seeds, Source::Path("/news/syria".into())]),
            export_folder: Some("/tmp/briefings".into()),
            theme: crate::views::settings::ThemeChoice::Dark,
            max_file_bytes: 1_000_000,
            start_lanes: Some(LaneMode::Kind),
            show_mentions: true,
        };
        let json = serde_json::to_string(&choices).expect("serializes");
        let back: Persisted = serde_json::from_str(&json).expect("parses");
        assert_eq!(back, choices);
    }
}
