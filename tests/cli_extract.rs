//! `chronomap extract` as a user runs it: formats, output file, bad input on stderr, exit codes.

use std::path::Path;
use std::process::{Command, Output};

fn chronomap(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronomap"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("run chronomap")
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn json_to_stdout_has_the_schema_and_article_paths() {
    let out = chronomap(&["extract", "seeds"], repo());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(doc["schema"], "chronomap/events/v1");
    let articles = doc["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 5);
    assert_eq!(articles[0]["path"], "seeds/000_81e416ba7caf8e8f.txt");
    assert_eq!(articles[0]["published"], "2025-11-01");
    assert_eq!(articles[0]["published_basis"], "sources_csv");
    assert!(
        articles[0].get("text").is_none(),
        "texts stay out of the export"
    );
    let event = &doc["events"][0];
    for key in [
        "id", "article", "kind", "summary", "sentence", "span", "when", "places", "actors",
        "quotes",
    ] {
        assert!(event.get(key).is_some(), "event lacks {key}: {event}");
    }
    // The JSON reads back into the model.
    let text = String::from_utf8_lossy(&out.stdout);
    let back = chronomap::export::from_json(&text).expect("round trip");
    assert_eq!(
        back.events.len(),
        doc["events"].as_array().map_or(0, Vec::len)
    );
}

#[test]
fn csv_and_geojson_to_files() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv_path = dir.path().join("e.csv");
    let out = chronomap(
        &[
            "extract",
            "seeds",
            "--format",
            "csv",
            "-o",
            csv_path.to_str().expect("utf8"),
        ],
        repo(),
    );
    assert!(out.status.success());
    let mut reader = csv::Reader::from_path(&csv_path).expect("csv");
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(&headers[0], "id");
    assert!(headers.iter().any(|h| h == "quotes"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert!(rows.len() > 20);
    assert!(
        rows.iter()
            .any(|r| r.iter().any(|f| f.contains("Tom Barrack: “We are trying")))
    );

    let geo_path = dir.path().join("e.geojson");
    let out = chronomap(
        &[
            "extract",
            "seeds",
            "--format",
            "geojson",
            "-o",
            geo_path.to_str().expect("utf8"),
        ],
        repo(),
    );
    assert!(out.status.success());
    let geo: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&geo_path).expect("read")).expect("json");
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().expect("features");
    assert!(!features.is_empty());
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().expect("coords");
        let (lon, lat) = (c[0].as_f64().expect("lon"), c[1].as_f64().expect("lat"));
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
    }
    // Paris is [lon, lat] = [2.35, 48.85], not the other way round.
    let paris = features
        .iter()
        .find(|f| f["properties"]["place"] == "Paris")
        .expect("Paris");
    assert!(paris["geometry"]["coordinates"][0].as_f64().expect("lon") < 10.0);
}

#[test]
fn bad_inputs_are_named_on_stderr_and_good_ones_still_extracted() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    std::fs::write(
        d.join("good.txt"),
        "ERBIL — Officials met in Baghdad on Monday, the ministry said.",
    )
    .expect("w");
    std::fs::write(d.join("empty.txt"), "").expect("w");
    std::fs::write(
        d.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 255],
    )
    .expect("w");
    std::fs::write(
        d.join("sources.csv"),
        "file,published\ngood.txt,2025-03-04\nx.txt,someday\n",
    )
    .expect("w");
    let out = chronomap(&["extract", d.to_str().expect("utf8")], repo());
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    let line_for = |name: &str| {
        lines
            .iter()
            .find(|l| l.contains(name))
            .copied()
            .unwrap_or("")
    };
    assert!(line_for("empty.txt").contains("empty file"), "{stderr}");
    assert!(line_for("binary.txt").contains("binary"), "{stderr}");
    assert!(line_for("sources.csv").contains("line 3"), "{stderr}");
    // File name first, so the line reads "path: skipped: reason".
    assert!(line_for("empty.txt").starts_with(d.to_str().expect("utf8")));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["articles"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["articles"][0]["published"], "2025-03-04");
    assert!(doc["events"].as_array().is_some_and(|e| !e.is_empty()));
}

#[test]
fn nothing_readable_is_an_error_exit() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = chronomap(
        &[
            "extract",
            dir.path().join("missing").to_str().expect("utf8"),
        ],
        repo(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file or folder"));
}

#[test]
fn size_cap_is_configurable() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("a.txt"),
        "The minister arrived in Paris on Monday for talks.".repeat(50),
    )
    .expect("w");
    let out = chronomap(
        &[
            "extract",
            "--max-file-bytes",
            "100",
            dir.path().to_str().expect("utf8"),
        ],
        repo(),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("size cap"));
    assert_eq!(out.status.code(), Some(2));
}
