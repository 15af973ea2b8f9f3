//! Stories in the window: showing stories or raw mentions, and the user's hand-made splits
//! ("not the same story") and merges, saved with the other corrections so they survive a
//! restart and a reload.

use super::ChronomapApp;
use super::selection::Item;
use crate::model::EventId;
use crate::store::event_key;
use crate::views::view_model::StoryMode;

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
        let stories = self.store.stories();
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
        let stays = self.store.stories().story_of(event).and_then(|s| {
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
