//! Exports of an extraction: JSON (`chronomap/events/v1`), CSV (one row per event) and GeoJSON
//! (a FeatureCollection of events that have a place).

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

pub fn to_json(extraction: &Extraction) -> serde_json::Result<String> {
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
    let mut out = serde_json::to_string_pretty(&value)?;
    out.push('\n');
    Ok(out)
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
