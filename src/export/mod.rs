//! Exports of an extraction: JSON (`chronomap/events/v1`), CSV (one row per event), GeoJSON
//! (a FeatureCollection of events that have a place), TimelineJS JSON, and PNG files.

pub mod png;
pub mod subset;
pub mod timelinejs;

pub use subset::{subset, subset_of};
pub use timelinejs::to_timelinejs;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::model::{Article, Diagnostic, Event, Extraction, Quote, SCHEMA};

/// The JSON document. Article texts are left out: the events carry their sentences.
#[derive(Serialize)]
struct JsonDocOut<'a> {
    schema: &'static str,
    articles: Vec<ArticleOut<'a>>,
    events: &'a [Event],
    quotes: &'a [Quote],
    diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    #[serde(flatten)]
    article: &'a Article,
}

/// What a `chronomap/events/v1` file holds when read back.
#[derive(Deserialize)]
struct JsonDocIn {
    schema: String,
    #[serde(flatten)]
    extraction: Extraction,
}

/// The JSON document, with each event's story (`cluster`) and the stories of more than one
/// mention (their mentions, why they were joined, where the sources disagree).
pub fn to_json(extraction: &Extraction) -> serde_json::Result<String> {
    let stories =
        crate::cluster::cluster(&extraction.events, &crate::cluster::StoryHints::default());
    to_json_with_stories(extraction, &stories)
}

/// [`to_json`] with stories already made (the app's, with the user's splits and merges).
pub fn to_json_with_stories(
    extraction: &Extraction,
    stories: &crate::cluster::Stories,
) -> serde_json::Result<String> {
    let articles = extraction
        .articles
        .iter()
        .map(|article| ArticleOut { article })
        .collect();
    let doc = JsonDocOut {
        schema: SCHEMA,
        articles,
        events: &extraction.events,
        quotes: &extraction.quotes,
        diagnostics: &extraction.diagnostics,
    };
    let mut value = serde_json::to_value(&doc)?;
    // Texts can be megabytes; the export is about events.
    if let Some(articles) = value.get_mut("articles").and_then(Value::as_array_mut) {
        for a in articles {
            if let Some(obj) = a.as_object_mut() {
                obj.remove("text");
            }
        }
    }
    if let Some(events) = value.get_mut("events").and_then(Value::as_array_mut) {
        for (i, e) in events.iter_mut().enumerate() {
            if let (Some(obj), Some(story)) = (e.as_object_mut(), stories.of_event.get(i)) {
                obj.insert("cluster".to_owned(), Value::String(story.label()));
            }
        }
    }
    if let Some(obj) = value.as_object_mut() {
        obj.insert("stories".to_owned(), stories_json(extraction, stories));
    }
    let mut out = serde_json::to_string_pretty(&value)?;
    out.push('\n');
    Ok(out)
}

/// Stories of more than one mention; a lone mention's `cluster` is a story of its own.
fn stories_json(extraction: &Extraction, stories: &crate::cluster::Stories) -> Value {
    let id = |e: crate::model::EventId| Value::String(e.to_string());
    let list = stories
        .stories
        .iter()
        .filter(|s| s.mentions.len() > 1)
        .map(|s| {
            json!({
                "id": s.id.label(),
                "lead": id(s.lead),
                "when": s.when(&extraction.events),
                "planned": s.planned,
                "sources": s.sources,
                "mentions": s.mentions.iter().map(|&m| id(m)).collect::<Vec<_>>(),
                "links": s.links.iter().map(|l| json!({
                    "a": id(l.a),
                    "b": id(l.b),
                    "score": (f64::from(l.score) * 100.0).round() / 100.0,
                    "why": l.why(&extraction.events),
                })).collect::<Vec<_>>(),
                "conflicts": s.conflicts.iter().map(|c| json!({
                    "about": c.about,
                    "versions": c.versions.iter().map(|v| json!({
                        "value": v.value,
                        "mentions": v.mentions.iter().map(|&m| id(m)).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Value::Array(list)
}

/// Read a `chronomap/events/v1` document back.
pub fn from_json(text: &str) -> Result<Extraction, String> {
    let doc: JsonDocIn =
        serde_json::from_str(text).map_err(|e| format!("not a chronomap events file: {e}"))?;
    if doc.schema != SCHEMA {
        return Err(format!(
            "unsupported schema {:?} (expected {SCHEMA:?})",
            doc.schema
        ));
    }
    Ok(doc.extraction)
}

/// One row per event; quotes joined with " | " as `speaker: “text”`.
pub fn to_csv(extraction: &Extraction) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "article",
        "path",
        "outlet",
        "published",
        "kind",
        "summary",
        "date_text",
        "start",
        "end",
        "precision",
        "approximate",
        "planned",
        "places",
        "lat",
        "lon",
        "actors",
        "quotes",
        "sentence",
    ])?;
    for e in &extraction.events {
        let article = extraction.articles.get(e.article.index());
        let when = e.when.as_ref();
        let first_place = e.places.first();
        let quotes: Vec<String> = e
            .quotes
            .iter()
            .filter_map(|q| extraction.quotes.get(q.index()))
            .map(|q| match &q.speaker {
                Some(s) => format!("{s}: “{}”", q.text),
                None => format!("“{}”", q.text),
            })
            .collect();
        w.write_record([
            e.id.to_string(),
            e.article.to_string(),
            article.map(|a| a.path.clone()).unwrap_or_default(),
            article.and_then(|a| a.outlet.clone()).unwrap_or_default(),
            article
                .and_then(|a| a.published)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            e.kind.as_str().to_owned(),
            e.summary.clone(),
            when.map(|w| w.text.clone()).unwrap_or_default(),
            when.map(|w| w.start.to_string()).unwrap_or_default(),
            when.map(|w| w.end.to_string()).unwrap_or_default(),
            when.map(|w| w.precision.as_str().to_owned())
                .unwrap_or_default(),
            when.map(|w| w.approximate.to_string()).unwrap_or_default(),
            e.planned.to_string(),
            e.places
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            first_place
                .map(|p| format!("{:.4}", p.lat))
                .unwrap_or_default(),
            first_place
                .map(|p| format!("{:.4}", p.lon))
                .unwrap_or_default(),
            e.actors
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            quotes.join(" | "),
            e.sentence.clone(),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A FeatureCollection: one Point feature per (event, place), coordinates `[lon, lat]`.
pub fn to_geojson(extraction: &Extraction) -> serde_json::Result<String> {
    let mut features = Vec::new();
    for e in &extraction.events {
        let article = extraction.articles.get(e.article.index());
        for place in &e.places {
            features.push(json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round6(place.lon), round6(place.lat)]},
                "properties": {
                    "event": e.id.to_string(),
                    "article": e.article.to_string(),
                    "path": article.map(|a| a.path.as_str()),
                    "outlet": article.and_then(|a| a.outlet.as_deref()),
                    "kind": e.kind.as_str(),
                    "summary": e.summary,
                    "place": place.name,
                    "place_kind": place.kind.as_str(),
                    "country": place.country,
                    "date_text": e.when.as_ref().map(|w| w.text.as_str()),
                    "start": e.when.as_ref().map(|w| w.start.to_string()),
                    "end": e.when.as_ref().map(|w| w.end.to_string()),
                    "actors": e.actors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
                    "sentence": e.sentence,
                },
            }));
        }
    }
    let mut out =
        serde_json::to_string_pretty(&json!({"type": "FeatureCollection", "features": features}))?;
    out.push('\n');
    Ok(out)
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The data formats, for menus and the command line alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataFormat {
    Json,
    Csv,
    GeoJson,
    TimelineJs,
}

impl DataFormat {
    pub const ALL: [DataFormat; 4] = [
        DataFormat::Json,
        DataFormat::Csv,
        DataFormat::GeoJson,
        DataFormat::TimelineJs,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DataFormat::Json => "JSON (chronomap/events/v1)",
            DataFormat::Csv => "CSV (one row per event)",
            DataFormat::GeoJson => "GeoJSON (events with a place)",
            DataFormat::TimelineJs => "TimelineJS JSON",
        }
    }

    /// File name ending, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            DataFormat::Json => "json",
            DataFormat::Csv => "csv",
            DataFormat::GeoJson => "geojson",
            DataFormat::TimelineJs => "json",
        }
    }

    /// What goes between the base name and the extension, so formats sharing `.json` get
    /// distinct default names.
    pub fn suffix(self) -> &'static str {
        match self {
            DataFormat::TimelineJs => "-timelinejs",
            _ => "",
        }
    }

    /// The file's text; `title` names the story (TimelineJS's title slide).
    pub fn render(self, extraction: &Extraction, title: Option<&str>) -> Result<String, String> {
        match self {
            DataFormat::Json => to_json(extraction).map_err(|e| e.to_string()),
            DataFormat::Csv => to_csv(extraction).map_err(|e| e.to_string()),
            DataFormat::GeoJson => to_geojson(extraction).map_err(|e| e.to_string()),
            DataFormat::TimelineJs => to_timelinejs(extraction, title).map_err(|e| e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline;

    /// GeoJSON as RFC 7946 defines it, for what we write: a FeatureCollection of Features
    /// with Point geometries whose positions are `[longitude, latitude]` in range, and an
    /// object (or null) of properties.
    fn check_geojson(doc: &Value) -> usize {
        assert_eq!(doc["type"], "FeatureCollection");
        let features = doc["features"].as_array().expect("features is an array");
        for (i, f) in features.iter().enumerate() {
            assert_eq!(f["type"], "Feature", "feature {i}");
            let geometry = f["geometry"].as_object().expect("geometry is an object");
            assert_eq!(geometry["type"], "Point");
            let position = geometry["coordinates"].as_array().expect("a position");
            assert!(position.len() == 2 || position.len() == 3);
            let lon = position[0].as_f64().expect("a number");
            let lat = position[1].as_f64().expect("a number");
            assert!(
                (-180.0..=180.0).contains(&lon),
                "feature {i}: longitude {lon}"
            );
            assert!((-90.0..=90.0).contains(&lat), "feature {i}: latitude {lat}");
            assert!(f["properties"].is_object() || f["properties"].is_null());
            if let Some(id) = f.get("id") {
                assert!(id.is_string() || id.is_number());
            }
        }
        features.len()
    }

    #[test]
    fn geojson_is_valid_with_longitude_first() {
        let x = pipeline::extract_seeds();
        let doc: Value = serde_json::from_str(&to_geojson(&x).unwrap()).unwrap();
        let n = check_geojson(&doc);
        let expected: usize = x.events.iter().map(|e| e.places.len()).sum();
        assert_eq!(n, expected, "one feature per (event, place)");
        // Paris is at 48.85° N, 2.35° E: longitude first.
        let paris = doc["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["properties"]["place"] == "Paris")
            .expect("a Paris feature");
        let c = &paris["geometry"]["coordinates"];
        assert!((c[0].as_f64().unwrap() - 2.35).abs() < 0.1, "{c}");
        assert!((c[1].as_f64().unwrap() - 48.85).abs() < 0.1, "{c}");
    }

    #[test]
    fn every_format_renders_a_filtered_subset() {
        let x = pipeline::extract_seeds();
        let sub = subset_of(
            &x,
            x.events
                .iter()
                .filter(|e| e.kind == crate::model::EventKind::Visit),
        );
        assert!(!sub.events.is_empty());
        for format in DataFormat::ALL {
            let text = format.render(&sub, Some("Visits")).unwrap();
            assert!(!text.is_empty(), "{format:?}");
        }
        let csv = DataFormat::Csv.render(&sub, None).unwrap();
        assert_eq!(csv.lines().count(), sub.events.len() + 1);
    }
}
