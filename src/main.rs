//! `chronomap` — no arguments: the explorer window on the embedded seeds; `chronomap PATH...`:
//! the window on those folders/files; `chronomap extract PATH...`: events to JSON/CSV/GeoJSON.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use chronomap::corpus::{DEFAULT_MAX_FILE_BYTES, IngestOptions};
use chronomap::export;
use chronomap::pipeline::{self, Options};

#[derive(Parser)]
#[command(
    name = "chronomap",
    version,
    about = "News articles → events on a timeline linked to a map"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Folders or files of articles to open (default: the embedded sample corpus).
    paths: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Extract events and quotes from articles and write them out.
    Extract {
        /// Folders or files (.txt, .md, .html); `seeds` with no such folder means the embedded seeds.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Skip input files larger than this many bytes.
        #[arg(long, default_value_t = DEFAULT_MAX_FILE_BYTES)]
        max_file_bytes: u64,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Csv,
    Geojson,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => match chronomap::app::run(cli.paths) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("chronomap: {e:#}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Extract {
            paths,
            format,
            output,
            max_file_bytes,
        }) => extract(&paths, format, output, max_file_bytes),
    }
}

fn extract(
    paths: &[PathBuf],
    format: Format,
    output: Option<PathBuf>,
    max_file_bytes: u64,
) -> ExitCode {
    let options = Options {
        ingest: IngestOptions { max_file_bytes },
        ..Options::default()
    };
    // `chronomap extract seeds` works anywhere: without a `seeds` folder here, the embedded
    // sample corpus is meant.
    let extraction = if paths.len() == 1 && paths[0].as_os_str() == "seeds" && !paths[0].exists() {
        pipeline::extract_seeds()
    } else {
        pipeline::extract_paths(paths, &options)
    };
    for d in &extraction.diagnostics {
        eprintln!("{d}");
    }
    let rendered = match format {
        Format::Json => export::to_json(&extraction).map_err(|e| e.to_string()),
        Format::Csv => export::to_csv(&extraction).map_err(|e| e.to_string()),
        Format::Geojson => export::to_geojson(&extraction).map_err(|e| e.to_string()),
    };
    let rendered = match rendered {
        Ok(r) => r,
        Err(e) => {
            eprintln!("chronomap: cannot render the export: {e}");
            return ExitCode::FAILURE;
        }
    };
    let written = match &output {
        Some(path) => std::fs::write(path, rendered.as_bytes())
            .map_err(|e| format!("{}: {e}", path.display())),
        None => std::io::stdout()
            .lock()
            .write_all(rendered.as_bytes())
            .map_err(|e| e.to_string()),
    };
    if let Err(e) = written {
        eprintln!("chronomap: cannot write the output: {e}");
        return ExitCode::FAILURE;
    }
    if extraction.articles.is_empty() {
        eprintln!("chronomap: no readable articles in the given paths");
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
