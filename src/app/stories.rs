//! Stories in the window: made in the background when the views want them, showing stories
//! or raw mentions, and the user's hand-made splits ("not the same story") and merges, saved
//! with the other corrections so they survive a restart and a reload.

use super::ChronomapApp;
use super::jobs::StoriesJob;
use super::selection::Item;
use crate::model::{Diagnostic, EventId};
use crate::store::event_key;
use crate::views::view_model::StoryMode;

/// Which views to fit again when the stories come in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Refit {
    pub timeline: bool,
    pub map: bool,
}

/// What the views ask of stories.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoryCommand {
    /// Show raw mentions (`true`) or stories (`false`) on the timeline and the map.
    ShowMentions(bool),
    /// Take this mention out of its story.
    Split(EventId),
    /// The next story the user selects is merged with this mention's story; `None` cancels.
    StartMerge(Option<EventId>),
    /// Put the stories of these two mentions together.
    Merge(EventId, EventId),
}

impl ChronomapApp {
    /// Stories are made once loading is done: clustering the whole corpus for every batch
    /// would stall the frames while loading.
    pub(super) fn story_mode(&self) -> StoryMode {
        if self.is_loading() {
            StoryMode::Off
        } else if self.state.show_mentions {
            StoryMode::Mentions
        } else {
            StoryMode::Stories
        }
    }

    /// Take the stories a finished job made, if the store has not changed since (else they
    /// are dropped). Before the load is polled: its batches wait while a job reads the events.
    pub(super) fn take_stories(&mut self) {
        let Some(job) = &self.stories_job else {
            return;
        };
        let Some(result) = job.poll() else {
            return;
        };
        let (generation, cancelled) = (job.generation(), job.is_cancelled());
        self.stories_job = None;
        let Some(stories) = result else {
            if !cancelled {
                self.stories_failed = Some(generation);
                self.state.notes.push(Diagnostic::error(
                    "",
                    "the stories could not be made; every mention is shown",
                ));
            }
            return;
        };
        // Taken only if the store is still as the job read it.
        if self.store.install_stories(generation, stories) {
            self.stories_arrived();
        }
    }

    /// Whether the views want stories the store does not have (and may yet get).
    pub(super) fn stories_wanted(&self) -> bool {
        self.story_mode() != StoryMode::Off
            && self.store.stories().is_none()
            && self.stories_failed != Some(self.store.generation())
    }

    /// Start a job when the views want stories the store does not have; let a job go whose
    /// stories are no longer wanted. Clustering never runs on this thread. After anything
    /// that can change the store in a frame (the load, the commands): cheap, O(1). Whether
    /// one started.
    pub(super) fn start_stories(&mut self) -> bool {
        let wanted = self.stories_wanted();
        let generation = self.store.generation();
        if wanted && self.store.events().is_empty() {
            // Nothing to group: no thread for that.
            self.store
                .install_stories(generation, crate::cluster::Stories::default());
        } else {
            match &self.stories_job {
                // The store changed, or a load began: let the job stop. The next one starts
                // once it has ended, so at most one holds the events and no change has to
                // copy them.
                Some(job) if !wanted || job.generation() != generation => job.cancel(),
                Some(_) => {}
                None if wanted => {
                    let wake = self.egui_ctx.clone();
                    self.stories_job = Some(StoriesJob::spawn(self.store.story_job(), move || {
                        if let Some(ctx) = &wake {
                            ctx.request_repaint();
                        }
                    }));
                    self.state.stories_pending = true;
                    return true;
                }
                None => {}
            }
        }
        self.state.stories_pending = self.stories_wanted();
        false
    }

    /// Whether a stories job still reads the store's events (appending must wait for it).
    pub(super) fn stories_job_running(&self) -> bool {
        self.stories_job.is_some()
    }

    /// The views switch to the stories on this frame; those that fitted themselves to the
    /// mentions shown meanwhile fit again.
    fn stories_arrived(&mut self) {
        let refit = std::mem::take(&mut self.refit_on_stories);
        if refit.timeline {
            self.timeline.focus_requested = true;
        }
        if refit.map {
            self.map.fit_requested = true;
        }
    }

    pub(super) fn on_story_command(&mut self, command: StoryCommand) {
        match command {
            StoryCommand::ShowMentions(show) => {
                self.state.show_mentions = show;
                self.persisted.show_mentions = show;
            }
            StoryCommand::Split(event) => self.split_from_story(event),
            StoryCommand::StartMerge(from) => self.state.merging = from,
            StoryCommand::Merge(a, b) => {
                self.state.merging = None;
                self.merge_stories(a, b);
            }
        }
    }

    /// While "Merge with…" waits for a second story, selecting an event of another story
    /// merges the two (and selects the merged story). Whether the selection was taken.
    pub(super) fn merge_on_select(&mut self, item: Item) -> bool {
        let (Some(from), Item::Event(to)) = (self.state.merging, item) else {
            return false;
        };
        let Some(stories) = self.store.stories() else {
            // Being made again: which story `to` is in is not known yet; keep waiting.
            return false;
        };
        let same = match (
            stories.of_event.get(from.index()),
            stories.of_event.get(to.index()),
        ) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        if same {
            // Still the same story: keep waiting for another one.
            return false;
        }
        self.state.merging = None;
        self.merge_stories(from, to);
        self.state.selection.select(Some(Item::Event(from)));
        true
    }

    fn key_of(&self, event: EventId) -> Option<String> {
        let e = self.store.event(event)?;
        let article = self.store.article(e.article)?;
        Some(event_key(&article.path, e))
    }

    fn split_from_story(&mut self, event: EventId) {
        let Some(key) = self.key_of(event) else {
            return;
        };
        // The rest of the story stays selected, not the mention that left it.
        let stays = self
            .store
            .stories()
            .and_then(|all| all.story_of(event))
            .and_then(|s| {
                s.mentions
                    .iter()
                    .copied()
                    .find(|m| *m != event)
                    .map(|m| if s.lead == event { m } else { s.lead })
            });
        // A merge by hand naming this mention would pull it back in.
        self.corrections
            .story_merges
            .retain(|(a, b)| *a != key && *b != key);
        self.corrections.story_splits.insert(key);
        self.story_fixes_changed();
        if self.state.selection.selected() == Some(Item::Event(event))
            && let Some(stays) = stays
        {
            self.state.selection.select(Some(Item::Event(stays)));
        }
    }

    fn merge_stories(&mut self, a: EventId, b: EventId) {
        let (Some(ka), Some(kb)) = (self.key_of(a), self.key_of(b)) else {
            return;
        };
        if ka == kb {
            return;
        }
        let pair = (ka, kb);
        if !self.corrections.story_merges.contains(&pair) {
            self.corrections.story_merges.push(pair);
        }
        self.story_fixes_changed();
    }

    fn story_fixes_changed(&mut self) {
        self.store.set_story_fixes(&self.corrections);
        self.save_corrections_and_report();
    }
}
