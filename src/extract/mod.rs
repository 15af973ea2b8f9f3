//! Extraction: article text + reference date → sentences, dates, places, actors, quotes,
//! events. Pure functions, no UI, no I/O.

pub mod dates;
pub mod sentences;
pub mod text;
