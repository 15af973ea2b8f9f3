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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hover_is_seen_by_every_view_in_the_next_frame() {
        let mut state = SelectionState::default();
        let item = Item::Event(EventId(3));
        state.set_hovered(item);
        // Views drawn later in the same frame still see the previous frame's hover…
        assert_eq!(state.hovered(), None);
        state.on_frame_end();
        // …and all views see it in the next one.
        assert_eq!(state.hovered(), Some(item));
        // Nothing hovered in that frame: gone in the one after.
        state.on_frame_end();
        assert_eq!(state.hovered(), None);
    }

    #[test]
    fn items_know_their_events() {
        let store = EventStore::from_extraction(crate::app::fixtures::seed_like_extraction());
        let paris = store
            .places()
            .iter()
            .position(|p| p.place.name == "Paris")
            .map(|i| PlaceId(i as u32))
            .expect("Paris in the fixture");
        let in_paris: Vec<EventId> = store
            .events()
            .iter()
            .filter(|e| Item::Place(paris).contains_event(&store, e.id))
            .map(|e| e.id)
            .collect();
        assert_eq!(in_paris.len(), 2);
        assert_eq!(Item::Place(paris).label(&store), "Paris");
        let first = store.events()[0].id;
        assert!(Item::Article(store.events()[0].article).contains_event(&store, first));
    }
}
