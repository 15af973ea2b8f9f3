//! `chronomap` — no arguments: the explorer window on the embedded seeds; `chronomap PATH...`:
//! the window on those folders/files; `chronomap extract PATH...`: events to JSON, CSV, GeoJSON
//! or TimelineJS; `chronomap screenshot PATH... -o FILE.png`: a PNG of the window.

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
    /// Add chronomap to the desktop's application menu: a desktop entry and icons under
    /// $XDG_DATA_HOME (~/.local/share); no root needed.
    #[arg(long, conflicts_with = "uninstall_desktop")]
    install_desktop: bool,
    /// Remove what --install-desktop wrote.
    #[arg(long)]
    uninstall_desktop: bool,
    /// Open the window, print the time to its first frame on standard output, and exit.
    #[arg(long)]
    startup_probe: bool,
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
    /// Open the window on the articles, save a PNG of it, and exit.
    Screenshot(ScreenshotArgs),
}

#[derive(clap::Args)]
struct ScreenshotArgs {
    /// Folders or files; `seeds` with no such folder means the embedded seeds.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The PNG to write.
    #[arg(short, long)]
    output: PathBuf,
    /// Window size in points, WIDTHxHEIGHT.
    #[arg(long, default_value = "1600x1000", value_parser = parse_size)]
    size: (u32, u32),
    #[arg(long, value_enum, default_value_t = View::Window)]
    view: View,
    /// Only events overlapping this day or later (YYYY-MM-DD).
    #[arg(long)]
    from: Option<chrono::NaiveDate>,
    /// Only events overlapping this day or earlier (YYYY-MM-DD).
    #[arg(long)]
    to: Option<chrono::NaiveDate>,
    /// Only events mentioning all these words, as the search box.
    #[arg(long)]
    search: Option<String>,
    /// Pixels per point: 2 doubles the image's width and height.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=4))]
    scale: u32,
    /// No map tiles from the network: the offline basemap only.
    #[arg(long)]
    offline: bool,
    /// Skip input files larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_FILE_BYTES)]
    max_file_bytes: u64,
}

#[derive(Clone, Copy, ValueEnum)]
enum View {
    Window,
    Map,
    Timeline,
    Card,
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("expected WIDTHxHEIGHT, got {s:?}"))?;
    let parse = |v: &str| -> Result<u32, String> {
        let n: u32 = v
            .trim()
            .parse()
            .map_err(|_| format!("{v:?} is not a whole number"))?;
        if (200..=8000).contains(&n) {
            Ok(n)
        } else {
            Err(format!("{n} is outside 200..=8000"))
        }
    };
    Ok((parse(w)?, parse(h)?))
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Csv,
    Geojson,
    /// TimelineJS 3 JSON (`events` with `start_date`, `text`, `group`), for the web.
    Timelinejs,
}

impl Format {
    fn data_format(self) -> export::DataFormat {
        match self {
            Format::Json => export::DataFormat::Json,
            Format::Csv => export::DataFormat::Csv,
            Format::Geojson => export::DataFormat::GeoJson,
            Format::Timelinejs => export::DataFormat::TimelineJs,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.install_desktop || cli.uninstall_desktop {
        return desktop(cli.install_desktop);
    }
    match cli.command {
        None => match chronomap::app::run_with(cli.paths, cli.startup_probe) {
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
        Some(Command::Screenshot(args)) => screenshot(args),
    }
}

/// `--install-desktop` / `--uninstall-desktop`.
fn desktop(install: bool) -> ExitCode {
    use chronomap::desktop;
    let data_home = match desktop::data_home() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("chronomap: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = if install {
        std::env::current_exe().and_then(|exe| desktop::install(&exe, &data_home))
    } else {
        desktop::uninstall(&data_home)
    };
    match result {
        Ok(paths) => {
            let verb = if install { "wrote" } else { "removed" };
            for path in &paths {
                println!("{verb} {}", path.display());
            }
            if !install && paths.is_empty() {
                println!("nothing to remove under {}", data_home.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("chronomap: {}: {e}", data_home.display());
            ExitCode::FAILURE
        }
    }
}

/// Read the articles (or the embedded seeds for `seeds`).
fn read_articles(paths: &[PathBuf], max_file_bytes: u64) -> chronomap::model::Extraction {
    let options = Options {
        ingest: IngestOptions { max_file_bytes },
        ..Options::default()
    };
    if paths.len() == 1 && paths[0].as_os_str() == "seeds" && !paths[0].exists() {
        pipeline::extract_seeds()
    } else {
        pipeline::extract_paths(paths, &options)
    }
}

/// `chronomap screenshot`: checks first (output writable, a display), then the window.
fn screenshot(args: ScreenshotArgs) -> ExitCode {
    use chronomap::app::screenshot::{self as shot, CliShot};
    use chronomap::views::export::ExportView;

    if let Err(e) = export::png::check_writable(&args.output) {
        eprintln!("chronomap: cannot write the screenshot: {e}");
        return ExitCode::from(3);
    }
    if !shot::display_available() {
        eprintln!(
            "chronomap: no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set); try `xvfb-run -a chronomap screenshot …`"
        );
        return ExitCode::from(4);
    }
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        eprintln!("chronomap: --from {from} is after --to {to}");
        return ExitCode::from(2);
    }
    let extraction = read_articles(&args.paths, args.max_file_bytes);
    for d in &extraction.diagnostics {
        eprintln!("{d}");
    }
    if extraction.articles.is_empty() {
        eprintln!("chronomap: no readable articles in the given paths");
        return ExitCode::from(2);
    }
    let store = chronomap::store::EventStore::from_extraction(extraction);
    let time = match (args.from, args.to) {
        (None, None) => None,
        (from, to) => Some((
            from.unwrap_or(chrono::NaiveDate::MIN),
            to.unwrap_or(chrono::NaiveDate::MAX),
        )),
    };
    let filter = chronomap::store::Filter {
        text: args.search.unwrap_or_default(),
        time,
        ..Default::default()
    };
    let view = match args.view {
        View::Window => ExportView::Window,
        View::Map => ExportView::Map,
        View::Timeline => ExportView::Timeline,
        View::Card => ExportView::Card,
    };
    // Tiles get a few seconds to arrive when their server answers (and tiles are on).
    let tile_wait = std::time::Duration::from_secs(5);
    let size = egui::vec2(args.size.0 as f32, args.size.1 as f32);
    let job = CliShot::new(view, args.scale, args.output.clone(), tile_wait);
    match shot::run_screenshot(store, filter, size, job, args.offline) {
        Ok(what) => {
            eprintln!("chronomap: saved {what}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("chronomap: screenshot failed: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn extract(
    paths: &[PathBuf],
    format: Format,
    output: Option<PathBuf>,
    max_file_bytes: u64,
) -> ExitCode {
    // `chronomap extract seeds` works anywhere: without a `seeds` folder here, the embedded
    // sample corpus is meant.
    let extraction = read_articles(paths, max_file_bytes);
    for d in &extraction.diagnostics {
        eprintln!("{d}");
    }
    let rendered = match format.data_format().render(&extraction, None) {
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
