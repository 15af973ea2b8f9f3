//! TimelineJS 3 JSON (<https://timeline.knightlab.com/docs/json-format.html>): an object with
//! `events`, a list of slides, and an optional `title` slide. A slide has a `start_date`
//! (required except on the title), an optional `end_date`, a `text` with `headline` and
//! `text` (HTML), an optional `group` (slides of a group share a row), `display_date` and
//! `unique_id`. A date is an object with a numeric `year` and optional `month` (1–12) and
//! `day`; leaving out the month or day is how TimelineJS shows a coarser date.
//!
//! TimelineJS cannot place a slide without a date, so undated events are left out.

use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value, json};

use crate::model::{DateSpan, Event, Extraction, Precision};

/// The document; `title` becomes the title slide's headline when given.
pub fn to_timelinejs(extraction: &Extraction, title: Option<&str>) -> serde_json::Result<String> {
    let events: Vec<Value> = extraction
        .events
        .iter()
        .filter_map(|e| slide(extraction, e))
        .collect();
    let mut doc = Map::new();
    if let Some(title) = title {
        let outlets = outlets(extraction);
        let mut text = format!(
            "{} events from {} article{}",
            events.len(),
            extraction.articles.len(),
            if extraction.articles.len() == 1 {
                ""
            } else {
                "s"
            }
        );
        if !outlets.is_empty() {
            text.push_str(" (");
            text.push_str(&escape(&outlets.join(", ")));
            text.push(')');
        }
        text.push_str(". Extracted by chronomap.");
        doc.insert(
            "title".to_owned(),
            json!({"text": {"headline": escape(title), "text": text}}),
        );
    }
    doc.insert("events".to_owned(), Value::Array(events));
    let mut out = serde_json::to_string_pretty(&Value::Object(doc))?;
    out.push('\n');
    Ok(out)
}

fn outlets(extraction: &Extraction) -> Vec<String> {
    let mut outlets: Vec<String> = extraction
        .articles
        .iter()
        .filter_map(|a| a.outlet.clone())
        .collect();
    outlets.sort();
    outlets.dedup();
    outlets
}

fn slide(extraction: &Extraction, e: &Event) -> Option<Value> {
    let when = e.when.as_ref()?;
    let article = extraction.articles.get(e.article.index());
    let mut text = format!("<p>{}</p>", escape(&e.sentence));
    for q in e
        .quotes
        .iter()
        .filter_map(|q| extraction.quotes.get(q.index()))
    {
        text.push_str("<blockquote>“");
        text.push_str(&escape(&q.text));
        text.push('”');
        if let Some(speaker) = &q.speaker {
            text.push_str(" — ");
            text.push_str(&escape(speaker));
        }
        text.push_str("</blockquote>");
    }
    if let Some(a) = article {
        let mut source = a
            .outlet
            .clone()
            .unwrap_or_else(|| a.display_name().to_owned());
        if let Some(published) = a.published {
            source.push_str(&format!(", {published}"));
        }
        let source = escape(&source);
        match &a.url {
            Some(url) => text.push_str(&format!(
                "<p><small>Source: <a href=\"{}\">{source}</a></small></p>",
                escape(url)
            )),
            None => text.push_str(&format!("<p><small>Source: {source}</small></p>")),
        }
    }
    let mut slide = Map::new();
    slide.insert("start_date".to_owned(), date(when.start, when.precision));
    if when.end != when.start && !covers_one_unit(when) {
        slide.insert("end_date".to_owned(), date(when.end, when.precision));
    }
    if !when.text.is_empty() {
        slide.insert("display_date".to_owned(), Value::String(when.text.clone()));
    }
    slide.insert(
        "text".to_owned(),
        json!({"headline": escape(&e.summary), "text": text}),
    );
    slide.insert("group".to_owned(), Value::String(e.kind.label().to_owned()));
    slide.insert("unique_id".to_owned(), Value::String(e.id.to_string()));
    Some(Value::Object(slide))
}

/// A month written as one month (or a year as one year) needs no end date: the coarser
/// start date already says it.
fn covers_one_unit(when: &DateSpan) -> bool {
    match when.precision {
        Precision::Month => {
            when.start.day() == 1
                && when.start.year() == when.end.year()
                && when.start.month() == when.end.month()
        }
        Precision::Year => when.start.ordinal() == 1 && when.start.year() == when.end.year(),
        _ => false,
    }
}

/// A TimelineJS date object, as fine as the span's precision.
fn date(day: NaiveDate, precision: Precision) -> Value {
    match precision {
        Precision::Day | Precision::Week => {
            json!({"year": day.year(), "month": day.month(), "day": day.day()})
        }
        Precision::Month | Precision::Season => json!({"year": day.year(), "month": day.month()}),
        Precision::Year | Precision::Decade => json!({"year": day.year()}),
    }
}

/// TimelineJS renders `text` fields as HTML.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline;

    fn is_int_in(v: &Value, range: std::ops::RangeInclusive<i64>) -> bool {
        v.as_i64().is_some_and(|n| range.contains(&n))
    }

    /// A date object as the TimelineJS docs describe it: `year` required, `month` and
    /// `day` optional but a day only with a month, nothing else but the optional time
    /// fields and `display_date`.
    fn check_date(d: &Value, what: &str) {
        let obj = d
            .as_object()
            .unwrap_or_else(|| panic!("{what} is an object"));
        assert!(obj.get("year").is_some_and(Value::is_i64), "{what}.year");
        if let Some(m) = obj.get("month") {
            assert!(is_int_in(m, 1..=12), "{what}.month in 1..=12");
        }
        if let Some(day) = obj.get("day") {
            assert!(obj.contains_key("month"), "{what}: a day needs a month");
            assert!(is_int_in(day, 1..=31), "{what}.day in 1..=31");
        }
        let allowed = [
            "year",
            "month",
            "day",
            "hour",
            "minute",
            "second",
            "millisecond",
            "display_date",
        ];
        for key in obj.keys() {
            assert!(allowed.contains(&key.as_str()), "{what}: unknown key {key}");
        }
    }

    fn key(d: &Value) -> (i64, i64, i64) {
        let get = |k: &str, default: i64| d.get(k).and_then(Value::as_i64).unwrap_or(default);
        (get("year", 0), get("month", 1), get("day", 1))
    }

    /// The structure TimelineJS documents, checked slide by slide.
    fn check_document(doc: &Value) -> usize {
        let top = doc.as_object().expect("an object");
        for k in top.keys() {
            assert!(
                ["events", "title", "eras", "scale"].contains(&k.as_str()),
                "unknown top-level key {k}"
            );
        }
        let events = top["events"].as_array().expect("events is a list");
        let slide_keys = [
            "start_date",
            "end_date",
            "text",
            "media",
            "group",
            "display_date",
            "background",
            "autolink",
            "unique_id",
        ];
        let mut ids = std::collections::HashSet::new();
        for (i, s) in events.iter().enumerate() {
            let s = s.as_object().expect("a slide is an object");
            for k in s.keys() {
                assert!(
                    slide_keys.contains(&k.as_str()),
                    "slide {i}: unknown key {k}"
                );
            }
            check_date(&s["start_date"], "start_date");
            if let Some(end) = s.get("end_date") {
                check_date(end, "end_date");
                assert!(
                    key(end) >= key(&s["start_date"]),
                    "slide {i} ends after it starts"
                );
            }
            let text = s["text"].as_object().expect("text is an object");
            assert!(
                text.get("headline")
                    .and_then(Value::as_str)
                    .is_some_and(|h| !h.is_empty()),
                "slide {i} has a headline"
            );
            assert!(text.get("text").is_some_and(Value::is_string));
            for k in text.keys() {
                assert!(["headline", "text"].contains(&k.as_str()));
            }
            if let Some(g) = s.get("group") {
                assert!(g.is_string());
            }
            let id = s["unique_id"].as_str().expect("unique_id is a string");
            assert!(ids.insert(id.to_owned()), "unique_id {id} is unique");
        }
        if let Some(title) = top.get("title") {
            let title = title.as_object().expect("title is a slide");
            assert!(title["text"]["headline"].is_string());
        }
        events.len()
    }

    #[test]
    fn seeds_follow_the_documented_structure() {
        let x = pipeline::extract_seeds();
        let out = to_timelinejs(&x, Some("Syria & the US")).unwrap();
        let doc: Value = serde_json::from_str(&out).unwrap();
        let n = check_document(&doc);
        let dated = x.events.iter().filter(|e| e.when.is_some()).count();
        assert_eq!(n, dated, "one slide per dated event");
        assert!(n > 5);
        assert_eq!(doc["title"]["text"]["headline"], "Syria &amp; the US");
        // Groups are event kinds; a day-precise event has year, month and day.
        let visit = doc["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["group"] == "Visit" && s["start_date"].get("day").is_some())
            .expect("a dated visit");
        assert!(visit["text"]["text"].as_str().unwrap().contains("Source:"));
    }

    #[test]
    fn coarse_dates_leave_out_day_and_month() {
        let d = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
        assert_eq!(date(d, Precision::Month), json!({"year": 2025, "month": 9}));
        assert_eq!(date(d, Precision::Decade), json!({"year": 2025}));
        assert_eq!(
            date(d, Precision::Day),
            json!({"year": 2025, "month": 9, "day": 1})
        );
        let september = DateSpan {
            text: "in September".to_owned(),
            start: d,
            end: NaiveDate::from_ymd_opt(2025, 9, 30).unwrap(),
            precision: Precision::Month,
            approximate: false,
        };
        assert!(covers_one_unit(&september));
    }

    #[test]
    fn html_in_text_is_escaped() {
        assert_eq!(escape("a <b> & \"c\""), "a &lt;b&gt; &amp; &quot;c&quot;");
    }
}
