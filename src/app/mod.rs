//! The eframe application (placeholder until the explorer window lands).

use std::path::PathBuf;

/// Open the explorer window on `paths` (the embedded seeds when empty).
pub fn run(_paths: Vec<PathBuf>) -> anyhow::Result<()> {
    anyhow::bail!("the explorer window is not built yet; use `chronomap extract`")
}
