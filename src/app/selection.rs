//! The one selectable [`Item`] type and the selection/hover state every view reads.
//!
//! As in rerun's viewer, hover is double-buffered: views read what was hovered in the previous
//! frame and report what is hovered in this one, so the timeline can highlight what the
//! pointer is over on the map (and vice versa) no matter which view is drawn first.

use crate::model::{ArticleId, EventId};
use crate::store::{ActorId, EventStore, PlaceId};

/// Anything the user can select or hover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    Event(EventId),
    Place(PlaceId),
    Actor(ActorId),
    Article(ArticleId),
}

impl Item {
    /// Whether `event` belongs to this item (is it, happened there, involved them, came from it).
    pub fn contains_event(self, store: &EventStore, event: EventId) -> bool {
        match self {
            Item::Event(e) => e == event,
            Item::Place(p) => store.event_places(event).contains(&p),
            Item::Actor(a) => store.event_actors(event).contains(&a),
            Item::Article(a) => store.event(event).is_some_and(|e| e.article == a),
        }
    }

    /// Short name for titles and accessibility labels.
    pub fn label(self, store: &EventStore) -> String {
        match self {
            Item::Event(e) => store
                .event(e)
                .map_or_else(|| e.to_string(), |e| e.summary.clone()),
            Item::Place(p) => store
                .place(p)
                .map_or_else(String::new, |p| p.place.name.clone()),
            Item::Actor(a) => store
                .actor(a)
                .map_or_else(String::new, |a| a.actor.name.clone()),
            Item::Article(a) => store
                .article(a)
                .map_or_else(|| a.to_string(), |a| a.display_name().to_owned()),
        }
    }
}

/// How strongly a view should draw something, given the selection and hover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Highlight {
    /// Something else is selected and this is unrelated to it: draw it subdued.
    Dimmed,
    /// Nothing in particular.
    None,
    /// Belongs to the selected item (an event of the selected place …).
    Related,
    Hovered,
    Selected,
}

#[derive(Clone, Debug, Default)]
pub struct SelectionState {
    selected: Option<Item>,
    hovered_previous_frame: Option<Item>,
    hovered_this_frame: Option<Item>,
}

impl SelectionState {
    pub fn selected(&self) -> Option<Item> {
        self.selected
    }

    pub fn select(&mut self, item: Option<Item>) {
        self.selected = item;
    }

    /// What the pointer was over in the previous frame.
    pub fn hovered(&self) -> Option<Item> {
        self.hovered_previous_frame
    }

    pub fn set_hovered(&mut self, item: Item) {
        self.hovered_this_frame = Some(item);
    }

    /// Call once at the end of every frame.
    pub fn on_frame_end(&mut self) {
        self.hovered_previous_frame = self.hovered_this_frame.take();
    }
}
