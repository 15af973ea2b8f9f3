//! Views of the explorer window. Each gets the data it shows, the shared UI state (read-only)
//! and a command sender; none calls another.

pub mod article;
pub mod basemap;
pub mod basemap_gpu;
pub mod calendar;
pub mod diagnostics;
pub mod editor;
pub mod export;
pub mod map;
pub mod settings;
pub mod side_panel;
pub mod sprites;
pub mod story;
pub mod theme;
pub mod timeline;
pub mod top_bar;
pub mod view_model;
pub mod widgets;

use crate::app::command::{Command, CommandSender};
use crate::app::state::UiState;
use crate::store::EventStore;
use view_model::ViewModel;

/// What every view is given for a frame.
pub struct ViewCtx<'a> {
    pub store: &'a EventStore,
    pub sprites: &'a sprites::Sprites,
    pub state: &'a UiState,
    pub vm: &'a ViewModel,
    pub commands: &'a mut CommandSender,
}

impl ViewCtx<'_> {
    pub fn send(&mut self, command: Command) {
        self.commands.send(command);
    }
}
