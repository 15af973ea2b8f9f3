//! UI state: what is persisted between runs (layout, lanes, map position, tiles) and what is
//! shared by every view during a run (selection, hover, filter).

use serde::{Deserialize, Serialize};

use crate::app::selection::SelectionState;
use crate::model::{ArticleId, Diagnostic};
use crate::store::Filter;
use crate::views::view_model::LaneMode;

/// OpenStreetMap's standard raster tiles.
pub const OSM_TILE_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

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
    /// Where the last export was saved: the save dialogs open there.
    pub export_folder: Option<std::path::PathBuf>,
}

impl Default for Persisted {
    fn default() -> Self {
        Persisted {
            lanes: LaneMode::default(),
            side_panel_width: 380.0,
            timeline_height: 300.0,
            map: None,
            tiles: TileSettings::default(),
            export_folder: None,
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
}

impl Default for TileSettings {
    fn default() -> Self {
        TileSettings {
            enabled: true,
            url: OSM_TILE_URL.to_owned(),
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
    /// What is being read in the background, if anything.
    pub loading: Option<String>,
    /// Problems of the app itself (not of an input file), shown with the input's diagnostics.
    pub notes: Vec<Diagnostic>,
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
            },
            export_folder: Some("/tmp/briefings".into()),
        };
        let json = serde_json::to_string(&choices).expect("serializes");
        let back: Persisted = serde_json::from_str(&json).expect("parses");
        assert_eq!(back, choices);
    }
}
