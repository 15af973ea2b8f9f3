//! Intents the views send; the app applies them after every view has drawn, so all views in
//! a frame see the same state and no view ever calls another.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::app::jobs::DialogKind;
use crate::app::selection::Item;
use crate::model::{ArticleId, EventId, EventKind};
use crate::store::EventFix;
use crate::views::view_model::LaneMode;

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Select(Item),
    ClearSelection,
    /// The pointer is over this item in this frame.
    Hover(Item),
    /// Select the next (`true`) or previous shown event in time order.
    Step {
        forward: bool,
    },

    SetSearch(String),
    SetKindHidden(EventKind, bool),
    SetOutletHidden(String, bool),
    ShowAllKindsAndOutlets,
    /// The brushed time range; `None` clears it.
    SetTimeRange(Option<(NaiveDate, NaiveDate)>),
    SetLanes(LaneMode),
    /// Fit the timeline and the map to everything shown.
    FitAll,
    /// Zoom the timeline onto these days (x values).
    ZoomTimeline {
        from: f64,
        to: f64,
    },
    /// Zoom the map onto a point (a clicked cluster).
    ZoomMap {
        lat: f64,
        lon: f64,
        zoom: f64,
    },

    OpenArticle(ArticleId, Option<[usize; 2]>),
    CloseArticle,
    ShowDiagnostics(bool),
    /// Read these files or folders and replace the corpus with them.
    Open(Vec<PathBuf>),
    /// Read these and add them to the corpus (dropped on the window).
    Add(Vec<PathBuf>),
    SetTiles {
        enabled: bool,
        url: String,
    },
    /// Image and data exports.
    Export(crate::views::export::ExportCommand),

    /// Show a native file dialog (on its own thread) to add or open articles.
    PickFiles(DialogKind),
    /// Stop the background load after the batch being read.
    CancelLoad,
    /// Read everything loaded again from disk (a folder changed).
    Reload,
    /// Back to the embedded sample corpus, as on the first start.
    ResetToSamples,
    /// Show a file in the system's file manager (its folder, opened).
    RevealPath(String),
    /// Open the article editor on an article, or close it (`None`).
    EditArticle(Option<ArticleId>),
    /// Set an article's publication date, outlet and title (`None` leaves a field as it is);
    /// its relative dates are resolved again and the fix is saved.
    FixArticle {
        article: ArticleId,
        published: Option<NaiveDate>,
        outlet: Option<String>,
        title: Option<String>,
    },
    /// Hide an event, or correct its date or place; saved in the corrections file.
    FixEvent {
        event: EventId,
        fix: EventFix,
    },
    /// Bring back the events of an article that the user hid; saved in the corrections file.
    ShowHiddenEvents(ArticleId),
    /// The settings window.
    Settings(crate::views::settings::SettingsCommand),
    /// Stories or mentions; splits and merges by hand.
    Story(crate::app::stories::StoryCommand),
}

/// What views push commands into during a frame.
#[derive(Debug, Default)]
pub struct CommandSender {
    queue: Vec<Command>,
}

impl CommandSender {
    pub fn send(&mut self, command: Command) {
        self.queue.push(command);
    }

    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.queue)
    }
}
