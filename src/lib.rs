//! chronomap: a folder of news articles → events (what, when, where, who) and quotes → a
//! zoomable timeline linked to a map.
//!
//! The core (`model`, `corpus`, `extract`, `store`, `export`, `pipeline`) has no UI dependency;
//! `app` and `views` are a thin egui layer over it.

#![deny(clippy::unwrap_used)]
#![cfg_attr(test, allow(clippy::unwrap_used))]

#[cfg(feature = "gui")]
pub mod app;
pub mod cluster;
pub mod corpus;
pub mod desktop;
pub mod export;
pub mod extract;
pub mod model;
pub mod pipeline;
pub mod store;
#[cfg(feature = "gui")]
pub mod views;
