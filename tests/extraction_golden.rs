//! Golden tests for extraction on the seed corpus:
//! - the reference scorer (`tests/fixtures/score_extraction.py`, a copy of the shared tool) run on
//!   `chronomap extract seeds --format json` must clear the floors of issue 2;
//! - the whole export is compared with `tests/golden/seeds_events.json`, so any change in what
//!   the extractor produces is seen in review (`UPDATE_GOLDEN=1 cargo test` rewrites it);
//! - a few facts a user relies on are asserted directly.

use std::path::{Path, PathBuf};
use std::process::Command;

use chronomap::model::{EventKind, Extraction};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `chronomap extract INPUT --format json` (a path relative to the repository) into `dir`.
fn extract_json(dir: &Path, input: &str) -> PathBuf {
    let out = dir.join("out.json");
    let status = Command::new(env!("CARGO_BIN_EXE_chronomap"))
        .current_dir(repo())
        .args(["extract", input, "--format", "json", "-o"])
        .arg(&out)
        .status()
        .expect("run chronomap");
    assert!(
        status.success(),
        "chronomap extract {input} failed: {status}"
    );
    out
}

fn extract_seeds_json(dir: &Path) -> PathBuf {
    extract_json(dir, "seeds")
}

/// A held-out set (`tests/fixtures/SET/` with its `gold.json`) clears `floors`.
fn held_out_set_meets(set: &str, floors: &[&str]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let set = format!("tests/fixtures/{set}");
    let out = extract_json(dir.path(), &set);
    let report = score(&repo().join(&set).join("gold.json"), &out, floors);
    println!("{report}");
}

fn score(gold: &Path, pred: &Path, floors: &[&str]) -> String {
    let mut cmd = Command::new("python3");
    cmd.arg(repo().join("tests/fixtures/score_extraction.py"))
        .arg(gold)
        .arg(pred);
    for f in floors {
        cmd.args(["--min", f]);
    }
    let output = cmd
        .output()
        .expect("python3 is needed to run the reference scorer");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "scores below the floors:\n{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

#[test]
fn seed_extraction_meets_the_reference_floors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pred = extract_seeds_json(dir.path());
    let report = score(
        &repo().join("tests/fixtures/seeds_gold.json"),
        &pred,
        &[
            "event_recall=0.90",
            "date_value_accuracy=0.90",
            "place_recall=0.95",
            "quote_recall=0.95",
            "speaker_accuracy=0.90",
            "published_accuracy=1.0",
        ],
    );
    println!("{report}");
}

/// Twelve articles written and annotated apart from the extractor (`tests/fixtures/devset/`:
/// wire copy on other regions and topics, HTML, Markdown, Windows-1252, UTF-16, run-on quotes),
/// so the rules are held to text nobody tuned them on at first. Floors sit a little under the
/// scores reached, to catch regressions.
#[test]
fn held_out_articles_meet_their_floors() {
    held_out_set_meets(
        "devset",
        &[
            "event_recall=0.88",
            "date_value_accuracy=0.95",
            "place_recall=0.95",
            "quote_recall=0.95",
            "speaker_accuracy=0.95",
            "published_accuracy=1.0",
        ],
    );
}

/// A second set of ten articles (Sahel, Tokyo, Australian bushfires in a hard-wrapped file,
/// Argentina in Markdown, a US court ruling, COP30, Lampedusa, Haiti, the Caucasus), written
/// after the rules had been tuned on the first; see the README for its first, untouched score.
#[test]
fn second_held_out_set_meets_its_floors() {
    held_out_set_meets(
        "testset",
        &[
            "event_recall=0.90",
            "date_value_accuracy=0.95",
            "place_recall=0.95",
            "quote_recall=0.95",
            "speaker_accuracy=0.95",
            "published_accuracy=1.0",
        ],
    );
}

#[test]
fn seed_export_matches_the_golden_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pred = extract_seeds_json(dir.path());
    let got = std::fs::read_to_string(&pred).expect("read export");
    let golden = repo().join("tests/golden/seeds_events.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().expect("parent")).expect("mkdir");
        std::fs::write(&golden, &got).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(&golden)
        .expect("golden file missing: run UPDATE_GOLDEN=1 cargo test");
    if got != want {
        let diff: Vec<String> = got
            .lines()
            .zip(want.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(12)
            .map(|(i, (a, b))| format!("line {}:\n  got:  {a}\n  want: {b}", i + 1))
            .collect();
        panic!(
            "extraction of the seeds changed ({} vs {} lines); review and run UPDATE_GOLDEN=1 cargo test if intended:\n{}",
            got.lines().count(),
            want.lines().count(),
            diff.join("\n")
        );
    }
}

fn seeds() -> Extraction {
    chronomap::pipeline::extract_seeds()
}

#[test]
fn the_washington_visit_is_dated_placed_and_planned() {
    let ex = seeds();
    let visit = ex
        .events
        .iter()
        .find(|e| {
            e.article.index() == 0
                && e.when
                    .as_ref()
                    .is_some_and(|w| w.text == "around November 10")
        })
        .expect("the visit event of article 000");
    assert_eq!(visit.kind, EventKind::Visit);
    assert!(visit.planned, "announced for the future");
    let when = visit.when.as_ref().expect("dated");
    assert_eq!(when.start.to_string(), "2025-11-10");
    assert!(when.approximate, "“around” makes it approximate");
    assert!(
        visit
            .places
            .iter()
            .any(|p| p.name == "Washington" && p.country == "US")
    );
}

#[test]
fn barracks_quote_has_its_speaker() {
    let ex = seeds();
    let q = ex
        .quotes
        .iter()
        .find(|q| q.text.starts_with("We are trying to get everybody"))
        .expect("Barrack's quote");
    assert_eq!(q.speaker.as_deref(), Some("Tom Barrack"));
    assert_eq!(
        &ex.articles[0].text[q.span[0]..q.span[1]],
        q.text,
        "span points at the quote"
    );
}

#[test]
fn short_mentions_merge_with_full_names_across_articles() {
    let ex = seeds();
    let people: std::collections::BTreeSet<&str> = ex
        .events
        .iter()
        .flat_map(|e| e.actors.iter())
        .filter(|a| a.kind == chronomap::model::ActorKind::Person)
        .map(|a| a.name.as_str())
        .collect();
    for full in [
        "Ahmed al-Sharaa",
        "Tom Barrack",
        "Asaad al-Shaibani",
        "Hamza al-Mustafa",
        "Donald Trump",
    ] {
        assert!(people.contains(full), "{full} missing from {people:?}");
    }
    for short in [
        "Sharaa",
        "al-Sharaa",
        "Barrack",
        "Mustafa",
        "Al-Mustafa",
        "Shaibani",
        "Trump",
        "Assad al-Shaibani",
    ] {
        assert!(
            !people.contains(short),
            "{short} should be merged into a full name: {people:?}"
        );
    }
}

#[test]
fn dateline_sets_the_article_place() {
    let ex = seeds();
    let k24 = &ex.articles[4];
    assert_eq!(k24.place.as_ref().map(|p| p.name.as_str()), Some("Erbil"));
}

#[test]
fn every_span_points_into_its_article() {
    let ex = seeds();
    for e in &ex.events {
        let text = &ex.articles[e.article.index()].text;
        assert_eq!(&text[e.span[0]..e.span[1]], e.sentence);
        for q in &e.quotes {
            assert_eq!(ex.quotes[q.index()].article, e.article);
        }
    }
}

/// A third set of ten articles (Kenya, the Philippines in HTML, Swedish Lapland in Markdown, a
/// hard-wrapped Canadian strike, the Solomon Islands, Kazakhstan, Bosnia, the Rohingya camps,
/// Colombia, Flores), written by an agent that never saw the extractor, after the rules had
/// been tuned on the first two; see the README for its first, untouched score.
#[test]
fn third_held_out_set_meets_its_floors() {
    held_out_set_meets(
        "testset3",
        &[
            "event_recall=0.84",
            "date_value_accuracy=0.95",
            "place_recall=0.95",
            "quote_recall=0.95",
            "speaker_accuracy=0.95",
            "published_accuracy=1.0",
        ],
    );
}
