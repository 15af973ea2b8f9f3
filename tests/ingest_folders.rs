//! Ingest of real folders: nesting, symlink loops, formats, encodings, metadata precedence.

use std::path::PathBuf;

use chronomap::corpus::{IngestOptions, ingest_paths};
use chronomap::model::{Level, PublishedBasis};

fn write(path: &std::path::Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn a_messy_folder_is_read_in_a_stable_order_with_reasons_for_what_is_skipped() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path();
    write(
        &root.join("b/2025-11-10-report.txt"),
        b"Officials met in Damascus on Monday.",
    );
    write(
        &root.join("a/page.html"),
        br#"<html><head><title>T</title>
        <meta property="article:published_time" content="2025-05-16T09:00:00Z">
        <meta property="og:site_name" content="Example Wire"></head>
        <body><nav>Menu</nav><script>var s = "Rubio met Lavrov in Moscow";</script>
        <p>Rubio met Shaibani in Antalya on Thursday.</p></body></html>"#,
    );
    write(&root.join("a/notes.md"), b"---\npublished: 2024-03-14\noutlet: Field Notes\ntitle: Notes\n---\n# Notes\n\nTalks in **Doha** resumed on *Tuesday*.");
    write(
        &root.join("a/latin1.txt"),
        b"Le pr\xe9sident a visit\xe9 Paris, a d\xe9clar\xe9 le minist\xe8re fran\xe7ais.",
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "The envoy arrived in Riyadh on Sunday."
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    write(&root.join("a/utf16.txt"), &utf16);
    write(&root.join("a/photo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write(&root.join("a/empty.txt"), b"");
    write(&root.join(".hidden/secret.txt"), b"Should not be read.");
    // sources.csv at the top applies to files below; a nested one overrides it.
    write(&root.join("sources.csv"), b"file,published,outlet\nb/2025-11-10-report.txt,2025-11-11,Top Wire\na/latin1.txt,2025-01-02,Top Wire\n");
    write(
        &root.join("a/sources.csv"),
        b"file,outlet\nlatin1.txt,Nested Wire\n",
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(root, root.join("b/loop")).expect("symlink");

    let got = ingest_paths(&[root.to_path_buf()], &IngestOptions::default());
    let names: Vec<&str> = got
        .documents
        .iter()
        .map(|d| d.path.rsplit('/').next().unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        vec![
            "latin1.txt",
            "notes.md",
            "page.html",
            "utf16.txt",
            "2025-11-10-report.txt"
        ]
    );

    let by_name = |n: &str| got.documents.iter().find(|d| d.path.ends_with(n)).expect(n);
    let html = by_name("page.html");
    assert_eq!(html.text, "Rubio met Shaibani in Antalya on Thursday.");
    assert_eq!(html.published_basis, PublishedBasis::HtmlMeta);
    assert_eq!(html.meta.outlet.as_deref(), Some("Example Wire"));
    assert_eq!(
        html.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2025-05-16")
    );

    let md = by_name("notes.md");
    assert_eq!(md.published_basis, PublishedBasis::FrontMatter);
    assert!(
        md.text.contains("Talks in Doha resumed on Tuesday."),
        "{}",
        md.text
    );

    let latin1 = by_name("latin1.txt");
    assert!(
        latin1.text.contains("président a visité Paris"),
        "{}",
        latin1.text
    );
    // The nested sources.csv gives the outlet; the date comes from the outer one.
    assert_eq!(latin1.meta.outlet.as_deref(), Some("Nested Wire"));
    assert_eq!(
        latin1.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2025-01-02")
    );

    assert_eq!(
        by_name("utf16.txt").text,
        "The envoy arrived in Riyadh on Sunday."
    );
    let report = by_name("2025-11-10-report.txt");
    assert_eq!(
        report.published_basis,
        PublishedBasis::SourcesCsv,
        "sources.csv wins over the file name"
    );
    assert_eq!(
        report.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2025-11-11")
    );

    let diag = |n: &str| {
        got.diagnostics
            .iter()
            .find(|d| d.path.ends_with(n))
            .unwrap_or_else(|| panic!("no diagnostic for {n}: {:?}", got.diagnostics))
    };
    assert_eq!(diag("empty.txt").level, Level::Error);
    assert!(diag("photo.png").message.contains("not an article"));
    #[cfg(unix)]
    assert!(diag("loop").message.contains("already read"));
    assert!(got.diagnostics.iter().all(|d| !d.path.contains(".hidden")));
}

#[test]
fn a_file_name_date_is_used_when_nothing_else_is_given() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("2025-11-10-report.txt");
    write(&file, b"Officials met in Damascus on Monday.");
    let got = ingest_paths(&[file], &IngestOptions::default());
    assert_eq!(got.documents[0].published_basis, PublishedBasis::FileName);
}

#[test]
fn missing_paths_and_size_caps_are_reported() {
    let dir = tempfile::tempdir().expect("tmp");
    let big = dir.path().join("big.txt");
    write(&big, &b"word ".repeat(1000));
    let got = ingest_paths(
        &[PathBuf::from("/definitely/not/here"), big],
        &IngestOptions {
            max_file_bytes: 1000,
        },
    );
    assert!(got.documents.is_empty());
    assert!(got.diagnostics[0].message.contains("no such file"));
    assert!(
        got.diagnostics[1].message.contains("size cap"),
        "{:?}",
        got.diagnostics
    );
}

#[test]
fn articles_without_a_date_get_an_inferred_one_or_a_warning() {
    let dir = tempfile::tempdir().expect("tmp");
    write(&dir.path().join("dated.txt"), b"The ceasefire took effect on March 3, 2024, after talks in Cairo. Fighting resumed in 2023.");
    write(
        &dir.path().join("undated.txt"),
        b"Officials met on Monday to discuss the plan.",
    );
    let ex = chronomap::pipeline::extract_paths(&[dir.path().to_path_buf()], &Default::default());
    let dated = ex
        .articles
        .iter()
        .find(|a| a.path.ends_with("dated.txt"))
        .expect("dated");
    assert_eq!(dated.published_basis, PublishedBasis::Inferred);
    assert_eq!(
        dated.published.map(|d| d.to_string()).as_deref(),
        Some("2024-03-03")
    );
    assert!(
        dated
            .published_evidence
            .as_deref()
            .is_some_and(|e| e.contains("March 3, 2024"))
    );
    let undated = ex
        .articles
        .iter()
        .find(|a| a.path.ends_with("undated.txt"))
        .expect("undated");
    assert_eq!(undated.published, None);
    assert!(
        ex.diagnostics
            .iter()
            .any(|d| d.path.ends_with("undated.txt") && d.message.contains("no publication date"))
    );
    // "on Monday" cannot be placed without a reference date.
    assert!(
        ex.events
            .iter()
            .filter(|e| e.article == undated.id)
            .all(|e| e.when.is_none())
    );
}
