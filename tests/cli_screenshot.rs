//! `chronomap screenshot` as a user runs it. The error paths run everywhere; the pictures
//! only where there is a display (`xvfb-run -a cargo test --test cli_screenshot`).

use std::path::Path;
use std::process::{Command, Output};

fn chronomap() -> Command {
    Command::new(env!("CARGO_BIN_EXE_chronomap"))
}

fn has_display() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn an_unwritable_output_fails_before_any_window_opens() {
    let out = chronomap()
        .args(["screenshot", "seeds", "-o", "/nonexistent-folder/out.png"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("cannot write the screenshot"), "{err}");
    assert!(err.contains("/nonexistent-folder"), "{err}");

    let dir = tempfile::tempdir().expect("temp dir");
    let out = chronomap()
        .args(["screenshot", "seeds", "-o"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("is a folder"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root writes anywhere: nothing to check then.
    if std::fs::write(dir.path().join("probe"), b"x").is_ok() {
        eprintln!("note: running as root, read-only folders are writable; skipped");
        return;
    }
    let out = chronomap()
        .args(["screenshot", "seeds", "-o"])
        .arg(dir.path().join("out.png"))
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
}

#[test]
fn without_a_display_it_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("out.png");
    let out = chronomap()
        .args(["screenshot", "seeds", "-o"])
        .arg(&path)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("runs");
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return;
    }
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("no display"), "{}", stderr(&out));
    assert!(!path.exists());
}

#[test]
fn bad_sizes_are_refused() {
    let out = chronomap()
        .args(["screenshot", "seeds", "-o", "x.png", "--size", "big"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("WIDTHxHEIGHT"), "{}", stderr(&out));
}

fn shoot(args: &[&str], path: &Path) -> image::RgbaImage {
    let out = chronomap()
        .args(["screenshot", "seeds", "--offline", "-o"])
        .arg(path)
        .args(args)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    image::open(path).expect("a PNG").to_rgba8()
}

fn colours(img: &image::RgbaImage, x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
    let mut seen = std::collections::HashSet::new();
    for y in (y0..y1.min(img.height())).step_by(3) {
        for x in (x0..x1.min(img.width())).step_by(3) {
            let p = img.get_pixel(x, y).0;
            seen.insert((p[0] / 16, p[1] / 16, p[2] / 16));
        }
    }
    seen.len()
}

#[test]
fn screenshots_of_the_window_and_a_card() {
    if !has_display() {
        eprintln!(
            "note: no DISPLAY or WAYLAND_DISPLAY; run `xvfb-run -a cargo test --test cli_screenshot` to take the pictures"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let window = shoot(&[], &dir.path().join("window.png"));
    assert_eq!(window.dimensions(), (1600, 1000));
    // Map (upper left) and timeline (lower left) both have content.
    assert!(colours(&window, 50, 80, 1100, 600) > 8, "the map");
    assert!(colours(&window, 50, 780, 1100, 980) > 5, "the timeline");

    let card = shoot(
        &[
            "--view", "card", "--search", "Paris", "--size", "1200x800", "--scale", "2",
        ],
        &dir.path().join("card.png"),
    );
    assert_eq!(card.dimensions(), (2400, 1600));
    assert!(colours(&card, 60, 200, 1300, 1100) > 6, "the map area");

    let map = shoot(
        &["--view", "map", "--size", "1000x700"],
        &dir.path().join("map.png"),
    );
    assert!(
        map.width() < 1000 && map.height() < 700,
        "{:?}",
        map.dimensions()
    );
    assert!(colours(&map, 0, 0, map.width(), map.height()) > 8);
}

/// The data side of briefings from the command line: TimelineJS for the web.
#[test]
fn extract_writes_timelinejs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("story.json");
    let out = chronomap()
        .args(["extract", "seeds", "--format", "timelinejs", "-o"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("written")).expect("json");
    let events = doc["events"].as_array().expect("an events list");
    assert!(events.len() > 5);
    for slide in events {
        assert!(slide["start_date"]["year"].is_i64(), "{slide}");
        assert!(slide["text"]["headline"].is_string(), "{slide}");
    }
}
