//! Ingest: folders and files → readable article text with metadata.
//!
//! Walks folders (recursively, in a stable order, never looping on symlinks), decodes any common
//! encoding, turns HTML and Markdown into plain text, and reads metadata from, in order of
//! precedence: the folder's `sources.csv`, a front-matter block, HTML meta tags, a date in the
//! file name. Anything that cannot be read becomes a [`Diagnostic`] naming the file and the
//! reason; ingest never fails as a whole.

pub mod decode;
pub mod html;
pub mod markdown;
pub mod metadata;
mod seeds;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use metadata::Metadata;
use metadata::{SourcesTable, date_in_file_name, parse_front_matter, parse_sources_csv};

use crate::extract::dates::parse_written_date;
use crate::model::{Diagnostic, PublishedBasis};

/// Default cap on the size of one input file.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// Folders deeper than this are not entered (a guard against pathological trees).
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub max_file_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// The format an article file is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// The format for a file name inside a folder; `None` for files that are not articles.
    pub fn from_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// One readable article before extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Path for display and export: as given, or the folder as given joined with the path
    /// inside it.
    pub path: String,
    /// The file on disk, when there is one (embedded seeds have none).
    pub file: Option<PathBuf>,
    pub text: String,
    pub meta: Metadata,
    pub published_basis: PublishedBasis,
    pub encoding: &'static str,
    /// Hash of the file's bytes: the same article added twice is recognised.
    pub content_hash: u64,
}

/// Documents read plus what went wrong on the way.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    pub documents: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A file found by the walk, with the metadata rows that apply to it. Read it with
/// [`read_candidate`].
#[derive(Debug, Clone)]
pub struct Candidate {
    pub file: PathBuf,
    /// Path for display (as given, or the folder as given joined with the path inside it).
    pub display: String,
    format: Format,
    /// `sources.csv` rows from the innermost folder outwards.
    tables: Vec<(Arc<SourcesTable>, String)>,
}

/// What a walk found: files to read, and what could not even be listed.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    pub candidates: Vec<Candidate>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read every article under `paths` (files or folders).
pub fn ingest_paths(paths: &[PathBuf], options: &IngestOptions) -> Ingested {
    let Discovery {
        candidates,
        mut diagnostics,
    } = discover(paths);
    let results: Vec<Result<Document, Diagnostic>> = candidates
        .par_iter()
        .map(|c| read_candidate(c, options))
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(doc) => documents.push(doc),
            Err(d) => diagnostics.push(d),
        }
    }
    Ingested {
        documents,
        diagnostics,
    }
}

/// Walk `paths` and list the article files in them, without reading them.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut candidates = Vec::new();
    let mut diagnostics = Vec::new();
    let mut visited = HashSet::new();
    for path in paths {
        let display = path.to_string_lossy().into_owned();
        match std::fs::metadata(path) {
            Err(e) => diagnostics.push(Diagnostic::error(display, describe_io(&e))),
            Ok(meta) if meta.is_dir() => walk(
                path,
                &display,
                0,
                &[],
                &mut visited,
                &mut candidates,
                &mut diagnostics,
            ),
            Ok(_) => {
                // A file named explicitly is read even with an unusual extension.
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                let format = name
                    .as_deref()
                    .and_then(Format::from_name)
                    .unwrap_or(Format::Text);
                let mut tables = Vec::new();
                if let Some(parent) = path.parent() {
                    let dir = if parent.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        parent
                    };
                    if let Some(table) = load_sources_table(dir, &mut diagnostics) {
                        tables.push((table, name.unwrap_or_default()));
                    }
                }
                candidates.push(Candidate {
                    file: path.clone(),
                    display,
                    format,
                    tables,
                });
            }
        }
    }
    Discovery {
        candidates,
        diagnostics,
    }
}

/// The five sample articles compiled into the binary, with their `sources.csv`.
pub fn embedded_seeds() -> Ingested {
    let mut diagnostics = Vec::new();
    let (table, diags) = parse_sources_csv(seeds::SOURCES_CSV, "seeds/sources.csv");
    diagnostics.extend(diags);
    let mut documents = Vec::new();
    for (name, bytes) in seeds::FILES {
        let display = format!("seeds/{name}");
        let format = Format::from_name(name).unwrap_or(Format::Text);
        match ingest_bytes(&display, None, bytes, format, &[(table.get(name), name)]) {
            Ok(doc) => documents.push(doc),
            Err(d) => diagnostics.push(d),
        }
    }
    Ingested {
        documents,
        diagnostics,
    }
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "cannot read: permission denied".to_owned(),
        _ => format!("cannot read: {e}"),
    }
}

fn load_sources_table(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Arc<SourcesTable>> {
    let path = dir.join("sources.csv");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            diagnostics.push(Diagnostic::error(path.to_string_lossy(), describe_io(&e)));
            return None;
        }
    };
    let display = path.to_string_lossy().into_owned();
    match decode::decode(&bytes, false) {
        Ok(decoded) => {
            let (table, diags) = parse_sources_csv(&decoded.text, &display);
            diagnostics.extend(diags);
            Some(Arc::new(table))
        }
        Err(e) => {
            diagnostics.push(Diagnostic::error(display, e.to_string()));
            None
        }
    }
}

fn walk(
    dir: &Path,
    display: &str,
    depth: usize,
    outer_tables: &[(Arc<SourcesTable>, String)],
    visited: &mut HashSet<PathBuf>,
    candidates: &mut Vec<Candidate>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Canonical paths identify a folder however it was reached, so symlink loops stop here.
    let canonical = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            diagnostics.push(Diagnostic::error(display, describe_io(&e)));
            return;
        }
    };
    if !visited.insert(canonical) {
        diagnostics.push(Diagnostic::info(
            display,
            "folder already read (symbolic link loop or duplicate); skipped",
        ));
        return;
    }
    if depth > MAX_DEPTH {
        diagnostics.push(Diagnostic::warning(
            display,
            format!("nested more than {MAX_DEPTH} folders deep; not entered"),
        ));
        return;
    }
    let mut entries: Vec<(String, PathBuf)> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .filter(|(name, _)| !name.starts_with('.'))
            .collect(),
        Err(e) => {
            diagnostics.push(Diagnostic::error(display, describe_io(&e)));
            return;
        }
    };
    entries.sort();

    let mut tables: Vec<(Arc<SourcesTable>, String)> = Vec::with_capacity(outer_tables.len() + 1);
    if let Some(table) = load_sources_table(dir, diagnostics) {
        tables.push((table, String::new()));
    }
    tables.extend(outer_tables.iter().cloned());

    for (name, path) in entries {
        let child_display = join_display(display, &name);
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                diagnostics.push(Diagnostic::error(child_display, describe_io(&e)));
                continue;
            }
        };
        if meta.is_dir() {
            let nested: Vec<_> = tables
                .iter()
                .map(|(t, prefix)| (t.clone(), join_rel(prefix, &name)))
                .collect();
            walk(
                &path,
                &child_display,
                depth + 1,
                &nested,
                visited,
                candidates,
                diagnostics,
            );
        } else if name.eq_ignore_ascii_case("sources.csv") {
            continue;
        } else if let Some(format) = Format::from_name(&name) {
            candidates.push(Candidate {
                file: path,
                display: child_display,
                format,
                tables: tables
                    .iter()
                    .map(|(t, prefix)| (t.clone(), join_rel(prefix, &name)))
                    .collect(),
            });
        } else {
            diagnostics.push(Diagnostic::info(
                child_display,
                "not an article file (only .txt, .md and .html are read); skipped",
            ));
        }
    }
}

fn join_display(dir: &str, name: &str) -> String {
    if dir.ends_with('/') || dir.ends_with('\\') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

fn join_rel(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}/{name}")
    }
}

/// Read and convert one discovered file.
pub fn read_candidate(c: &Candidate, options: &IngestOptions) -> Result<Document, Diagnostic> {
    let size = std::fs::metadata(&c.file)
        .map_err(|e| Diagnostic::error(&c.display, describe_io(&e)))?
        .len();
    if size > options.max_file_bytes {
        return Err(Diagnostic::error(
            &c.display,
            format!(
                "{} is over the {} size cap; skipped",
                human_size(size),
                human_size(options.max_file_bytes)
            ),
        ));
    }
    let bytes =
        std::fs::read(&c.file).map_err(|e| Diagnostic::error(&c.display, describe_io(&e)))?;
    let rows: Vec<(Option<&Metadata>, &str)> = c
        .tables
        .iter()
        .map(|(t, rel)| (t.get(rel), rel.as_str()))
        .collect();
    ingest_bytes(&c.display, Some(c.file.clone()), &bytes, c.format, &rows)
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// Decode and convert one file's bytes and gather its metadata. `rows` are the `sources.csv`
/// rows that apply, innermost folder first.
pub fn ingest_bytes(
    display: &str,
    file: Option<PathBuf>,
    bytes: &[u8],
    format: Format,
    rows: &[(Option<&Metadata>, &str)],
) -> Result<Document, Diagnostic> {
    let decoded = decode::decode(bytes, format == Format::Html)
        .map_err(|e| Diagnostic::error(display, e.to_string()))?;
    let content_hash = content_hash(bytes);

    let mut meta = Metadata::default();
    let mut basis = PublishedBasis::Unknown;
    let mut note = |meta: &mut Metadata, from: &Metadata, b: PublishedBasis| {
        let had = meta.published.is_some();
        meta.fill_from(from);
        if !had && meta.published.is_some() {
            basis = b;
        }
    };
    for (row, _) in rows {
        if let Some(row) = row {
            note(&mut meta, row, PublishedBasis::SourcesCsv);
        }
    }

    let text = match format {
        Format::Html => {
            let page = html::html_to_text(&decoded.text);
            let from_page = Metadata {
                title: page.title.clone(),
                outlet: page.site_name.clone(),
                url: page.url.clone(),
                published: page.published.as_deref().and_then(parse_written_date),
            };
            note(&mut meta, &from_page, PublishedBasis::HtmlMeta);
            page.text
        }
        Format::Text | Format::Markdown => {
            let mut text = decoded.text.as_str();
            if let Some((front, len, _problems)) = parse_front_matter(text) {
                note(&mut meta, &front, PublishedBasis::FrontMatter);
                text = &text[len..];
            }
            if format == Format::Markdown {
                markdown::markdown_to_text(text)
            } else {
                normalize_newlines(text)
            }
        }
    };
    // Markup removed can leave a byte-order mark first (found by fuzzing): invisible, and it
    // would glue onto the first word.
    let text = match text.trim_start_matches('\u{feff}') {
        rest if rest.len() < text.len() => rest.to_owned(),
        _ => text,
    };

    if meta.published.is_none() {
        let name = display.rsplit(['/', '\\']).next().unwrap_or(display);
        if let Some(date) = date_in_file_name(name) {
            meta.published = Some(date);
            basis = PublishedBasis::FileName;
        }
    }
    if meta.title.is_none() {
        meta.title = guess_title(&text);
    }
    if text.trim().is_empty() {
        return Err(Diagnostic::error(display, "no readable text"));
    }
    Ok(Document {
        path: display.to_owned(),
        file,
        text,
        meta,
        published_basis: basis,
        encoding: decoded.encoding,
        content_hash,
    })
}

/// A stable 64-bit hash of file contents (FNV-1a: the same on every machine and run, so it can
/// be persisted).
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn normalize_newlines(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    }
}

/// A plain-text article's headline: its first line when that line reads like one (short, no
/// final full stop), skipping navigation crumbs such as "• Posts".
pub fn guess_title(text: &str) -> Option<String> {
    for line in text.lines().take(8) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with(['•', '·', '|', '>', '»']) || line.split_whitespace().count() < 3 {
            continue;
        }
        if line.len() > 200 || line.ends_with('.') {
            return None;
        }
        let line = line
            .strip_prefix("Home News ")
            .or_else(|| line.strip_prefix("Home "))
            .unwrap_or(line);
        return Some(line.to_owned());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_seeds_match_the_seeds_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "sources.csv")
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = seeds::FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(on_disk, embedded, "seeds/ and src/corpus/seeds.rs disagree");
    }

    #[test]
    fn seeds_have_publication_dates_from_sources_csv() {
        let seeds = embedded_seeds();
        assert!(seeds.diagnostics.is_empty(), "{:?}", seeds.diagnostics);
        assert_eq!(seeds.documents.len(), 5);
        for doc in &seeds.documents {
            assert!(doc.meta.published.is_some(), "{}", doc.path);
            assert_eq!(doc.published_basis, PublishedBasis::SourcesCsv);
        }
        let k24 = &seeds.documents[4];
        assert_eq!(k24.meta.outlet.as_deref(), Some("Kurdistan24"));
        assert_eq!(
            k24.meta.title.as_deref(),
            Some("U.S. Envoy Hails Israel-Syria Talks as “Breakthrough” in Decades-Long Standoff")
        );
        assert_eq!(seeds.documents[0].meta.title, None);
        assert_eq!(
            seeds.documents[3].meta.title.as_deref(),
            Some("Rubio Backs Diplomatic Breakthrough Between Israel and Syria")
        );
    }

    #[test]
    fn titles() {
        assert_eq!(guess_title("A sentence that ends.\nMore."), None);
        assert_eq!(
            guess_title("\n• Site\n  • Posts\nBig News Today Here\n\nBody."),
            Some("Big News Today Here".to_owned())
        );
    }
}
