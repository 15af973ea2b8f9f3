//! Exports of an extraction: JSON (`chronomap/events/v1`), CSV, GeoJSON.
