//! Article metadata from outside the article text: a folder's `sources.csv`, a front-matter
//! block, HTML meta tags (see `html.rs`), or a date in the file name.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::extract::dates::parse_written_date;
use crate::model::Diagnostic;

/// Metadata for one article, whichever source it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
}

impl Metadata {
    /// Fill fields still empty from `other` (first source found wins, field by field).
    pub fn fill_from(&mut self, other: &Metadata) {
        if self.title.is_none() {
            self.title.clone_from(&other.title);
        }
        if self.outlet.is_none() {
            self.outlet.clone_from(&other.outlet);
        }
        if self.url.is_none() {
            self.url.clone_from(&other.url);
        }
        if self.published.is_none() {
            self.published = other.published;
        }
    }
}

/// The rows of one folder's `sources.csv`, keyed by the `file` column as written (a path
/// relative to that folder, or a bare file name).
#[derive(Debug, Clone, Default)]
pub struct SourcesTable {
    rows: HashMap<String, Metadata>,
}

impl SourcesTable {
    /// Look a file up by its path relative to the table's folder, falling back to its name.
    pub fn get(&self, relative: &str) -> Option<&Metadata> {
        let relative = relative.replace('\\', "/");
        self.rows.get(&relative).or_else(|| {
            let name = relative.rsplit('/').next().unwrap_or(&relative);
            self.rows.get(name)
        })
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Parse a `sources.csv`: a header row naming columns `file,published,outlet,title,url` in any
/// order (only `file` is required, names are case-insensitive). Bad rows become diagnostics
/// naming their line; the good rows are kept.
pub fn parse_sources_csv(text: &str, display_path: &str) -> (SourcesTable, Vec<Diagnostic>) {
    let mut table = SourcesTable::default();
    let mut diagnostics = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());

    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                display_path,
                format!("cannot read the header row: {e}"),
            ));
            return (table, diagnostics);
        }
    };
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let Some(file_col) = column("file") else {
        diagnostics.push(Diagnostic::error(
            display_path,
            format!(
                "line 1: no `file` column in the header (found: {}); the table is ignored",
                headers.iter().collect::<Vec<_>>().join(", ")
            ),
        ));
        return (table, diagnostics);
    };
    let published_col = column("published").or_else(|| column("date"));
    let outlet_col = column("outlet").or_else(|| column("source"));
    let title_col = column("title");
    let url_col = column("url");
    let needed = [
        Some(file_col),
        published_col,
        outlet_col,
        title_col,
        url_col,
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(0)
        + 1;

    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                diagnostics.push(Diagnostic::error(
                    display_path,
                    format!("line {line}: unreadable row: {e}"),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let field = |col: Option<usize>| {
            col.and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let Some(file) = field(Some(file_col)) else {
            diagnostics.push(Diagnostic::error(
                display_path,
                format!("line {line}: the `file` column is empty; row ignored"),
            ));
            continue;
        };
        if record.len() < needed {
            diagnostics.push(Diagnostic::warning(
                display_path,
                format!(
                    "line {line}: {} columns where the header has {}; missing ones left empty",
                    record.len(),
                    headers.len()
                ),
            ));
        }
        let published = match field(published_col) {
            None => None,
            Some(raw) => match parse_written_date(&raw) {
                Some(d) => Some(d),
                None => {
                    diagnostics.push(Diagnostic::error(
                        display_path,
                        format!(
                            "line {line}: cannot read the published date {raw:?} for {file} \
                             (use YYYY-MM-DD or a date like \"November 1, 2025\")"
                        ),
                    ));
                    None
                }
            },
        };
        let meta = Metadata {
            title: field(title_col),
            outlet: field(outlet_col),
            url: field(url_col),
            published,
        };
        table.rows.insert(file.replace('\\', "/"), meta);
    }
    (table, diagnostics)
}

/// A `---` … `---` block at the top of a text or Markdown file. Returns the metadata and the
/// byte length of the block (to strip it from the text), or `None` when there is none.
pub fn parse_front_matter(text: &str) -> Option<(Metadata, usize, Vec<String>)> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let offset = text.len() - body.len();
    let first_end = body.find('\n')?;
    if body[..first_end].trim_end() != "---" {
        return None;
    }
    let mut meta = Metadata::default();
    let mut problems = Vec::new();
    let mut pos = first_end + 1;
    for line in body[pos..].split_inclusive('\n') {
        pos += line.len();
        let trimmed = line.trim();
        if trimmed == "---" || trimmed == "..." {
            return Some((meta, offset + pos, problems));
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "published" | "date" | "pubdate" | "published_at" => match parse_written_date(value) {
                Some(d) => meta.published = Some(d),
                None => problems.push(format!("front matter: cannot read the date {value:?}")),
            },
            "outlet" | "source" | "publisher" | "site" => meta.outlet = Some(value.to_owned()),
            "title" => meta.title = Some(value.to_owned()),
            "url" | "link" => meta.url = Some(value.to_owned()),
            _ => {}
        }
        // A front-matter block is short; a file that merely starts with a rule is not one.
        if pos > 8192 {
            return None;
        }
    }
    None
}

/// An ISO date in a file name: `2025-11-10-slug.txt`, `slug_2025_11_10.md`, `20251110.txt`.
pub fn date_in_file_name(name: &str) -> Option<NaiveDate> {
    let bytes = name.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let num = |a: usize, b: usize| name.get(a..b).and_then(|s| s.parse::<u32>().ok());
    for start in 0..bytes.len() {
        if start > 0 && bytes[start - 1].is_ascii_digit() {
            continue;
        }
        if !(0..4).all(|k| digit(start + k)) {
            continue;
        }
        let sep = bytes.get(start + 4).copied();
        let (month_at, day_at, end) = match sep {
            Some(b'-' | b'_' | b'.') if bytes.get(start + 7).copied() == sep => {
                (start + 5, start + 8, start + 10)
            }
            _ => (start + 4, start + 6, start + 8),
        };
        if !(digit(month_at) && digit(month_at + 1) && digit(day_at) && digit(day_at + 1)) {
            continue;
        }
        if digit(end) {
            continue;
        }
        let (Some(y), Some(m), Some(d)) = (
            num(start, start + 4),
            num(month_at, month_at + 2),
            num(day_at, day_at + 2),
        ) else {
            continue;
        };
        if !(1900..=2100).contains(&y) {
            continue;
        }
        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn sources_csv_any_column_order_and_written_dates() {
        let csv = "Outlet,file,PUBLISHED,url\n\
                   Kurdistan24,004.txt,2026-01-07,https://k24.net/x\n\
                   ,003.txt,\"May 16, 2025\",\n\
                   Reuters,sub/005.txt,16 May 2025,\n";
        let (table, diags) = parse_sources_csv(csv, "sources.csv");
        assert!(diags.is_empty(), "{diags:?}");
        let a = table.get("004.txt").unwrap();
        assert_eq!(a.outlet.as_deref(), Some("Kurdistan24"));
        assert_eq!(a.published, Some(ymd(2026, 1, 7)));
        assert_eq!(a.url.as_deref(), Some("https://k24.net/x"));
        assert_eq!(
            table.get("003.txt").unwrap().published,
            Some(ymd(2025, 5, 16))
        );
        assert_eq!(table.get("003.txt").unwrap().outlet, None);
        assert_eq!(
            table.get("sub/005.txt").unwrap().published,
            Some(ymd(2025, 5, 16))
        );
        assert!(
            table.get("other/004.txt").is_some(),
            "falls back to the file name"
        );
    }

    #[test]
    fn sources_csv_bad_rows_are_named_by_line() {
        let csv = "file,published,outlet\n\
                   a.txt,not a date,X\n\
                   b.txt\n\
                   ,2025-01-01,Y\n\
                   c.txt,2025-02-30,Z\n";
        let (table, diags) = parse_sources_csv(csv, "f/sources.csv");
        let messages: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert!(
            messages[0].contains("line 2") && messages[0].contains("not a date"),
            "{messages:?}"
        );
        assert!(
            messages[1].contains("line 3") && messages[1].contains("1 columns"),
            "{messages:?}"
        );
        assert!(
            messages[2].contains("line 4") && messages[2].contains("`file`"),
            "{messages:?}"
        );
        assert!(
            messages[3].contains("line 5") && messages[3].contains("2025-02-30"),
            "{messages:?}"
        );
        // The rows that could be read keep what was good in them.
        assert_eq!(table.get("a.txt").unwrap().outlet.as_deref(), Some("X"));
        assert!(table.get("b.txt").is_some());
        assert_eq!(table.len(), 3);
    }

    #[test]
    fn sources_csv_without_file_column() {
        let (table, diags) = parse_sources_csv("name,date\na.txt,2025-01-01\n", "s.csv");
        assert!(table.is_empty());
        assert!(diags[0].message.contains("no `file` column"));
    }

    #[test]
    fn front_matter_block() {
        let text = "---\ntitle: \"Talks in Paris\"\npublished: 2026-01-07\noutlet: Kurdistan24\n\
                    url: https://x.y/z\n---\nBody starts here.";
        let (meta, len, problems) = parse_front_matter(text).unwrap();
        assert!(problems.is_empty());
        assert_eq!(&text[len..], "Body starts here.");
        assert_eq!(meta.title.as_deref(), Some("Talks in Paris"));
        assert_eq!(meta.published, Some(ymd(2026, 1, 7)));
        assert_eq!(meta.outlet.as_deref(), Some("Kurdistan24"));
        assert!(parse_front_matter("No front matter\n---\n").is_none());
        assert!(parse_front_matter("---\nunterminated: yes\n").is_none());
    }

    #[test]
    fn file_name_dates() {
        assert_eq!(
            date_in_file_name("2025-11-10-slug.txt"),
            Some(ymd(2025, 11, 10))
        );
        assert_eq!(
            date_in_file_name("reuters_2025_11_10.md"),
            Some(ymd(2025, 11, 10))
        );
        assert_eq!(date_in_file_name("20251110-a.txt"), Some(ymd(2025, 11, 10)));
        assert_eq!(date_in_file_name("000_81e416ba7caf8e8f.txt"), None);
        assert_eq!(date_in_file_name("2025-13-40.txt"), None);
        assert_eq!(date_in_file_name("id123456789.txt"), None);
    }
}

/// Set fields of one file's row in a `sources.csv` (created when missing), keeping every other
/// row, column and value as it was. `updates` are (column, value) pairs; a missing column is
/// added to the header. The file is written beside the old one and renamed over it, so a crash
/// midway leaves the previous version intact.
pub fn update_sources_csv(
    csv_path: &std::path::Path,
    file: &str,
    updates: &[(&str, &str)],
) -> std::io::Result<()> {
    let mut header: Vec<String> = vec!["file".to_owned()];
    let mut rows: Vec<Vec<String>> = Vec::new();
    match std::fs::read(csv_path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .has_headers(false)
                .from_reader(text.as_bytes());
            let mut records = reader.records();
            if let Some(Ok(h)) = records.next() {
                header = h.iter().map(str::to_owned).collect();
            }
            for r in records.flatten() {
                rows.push(r.iter().map(str::to_owned).collect());
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let column = |header: &mut Vec<String>, name: &str| -> usize {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
            .unwrap_or_else(|| {
                header.push(name.to_owned());
                header.len() - 1
            })
    };
    let file_col = column(&mut header, "file");
    let wanted = file.replace('\\', "/");
    let row_index = rows
        .iter()
        .position(|r| {
            r.get(file_col)
                .is_some_and(|f| f.trim().replace('\\', "/") == wanted)
        })
        .unwrap_or_else(|| {
            let mut row = vec![String::new(); header.len()];
            row[file_col] = wanted.clone();
            rows.push(row);
            rows.len() - 1
        });
    for (name, value) in updates {
        let c = column(&mut header, name);
        let row = &mut rows[row_index];
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = (*value).to_owned();
    }
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    writer
        .write_record(&header)
        .map_err(std::io::Error::other)?;
    for row in &rows {
        writer.write_record(row).map_err(std::io::Error::other)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    write_atomically(csv_path, &bytes)
}

/// Write `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod write_tests {
    use super::*;

    #[test]
    fn updating_keeps_other_rows_and_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sources.csv");
        std::fs::write(
            &path,
            "file,outlet,notes\na.txt,Reuters,keep me\nb.txt,AP,\"quoted, note\"\n",
        )
        .unwrap();
        update_sources_csv(
            &path,
            "b.txt",
            &[("published", "2025-11-10"), ("outlet", "AFP")],
        )
        .unwrap();
        update_sources_csv(&path, "c.txt", &[("published", "2025-01-02")]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "file,outlet,notes,published\na.txt,Reuters,keep me\nb.txt,AFP,\"quoted, note\",2025-11-10\nc.txt,,,2025-01-02\n"
        );
        let (table, diags) = parse_sources_csv(&text, "sources.csv");
        assert!(
            diags.iter().all(|d| d.level != crate::model::Level::Error),
            "{diags:?}"
        );
        assert_eq!(table.get("b.txt").unwrap().outlet.as_deref(), Some("AFP"));
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_file_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sources.csv");
        update_sources_csv(&path, "x.txt", &[("published", "2025-11-10")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "file,published\nx.txt,2025-11-10\n"
        );
    }
}
