//! User edits survive a crash: a writer killed at any moment while saving `sources.csv` (or
//! the corrections file) leaves the previous file whole, never a truncated mix.
//!
//! The test runs a writer in a child process (this same test binary, in writer mode), kills it
//! with SIGKILL after a varying delay, and checks the file each time.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

const WRITER_ENV: &str = "CHRONOMAP_TEST_WRITER";
/// Each version is this many bytes of one repeated line, so a torn write shows.
const VERSION_BYTES: usize = 4 << 20;

fn version(n: usize) -> Vec<u8> {
    let line = format!("file,published,outlet\nv{n:06}.txt,2025-11-01,Wire {n:06}\n");
    let mut bytes = line.repeat(VERSION_BYTES / line.len() + 1).into_bytes();
    bytes.truncate(VERSION_BYTES);
    bytes
}

/// Whole and one of the versions: length right, and every byte matches that version.
fn check_whole(path: &Path) -> usize {
    let bytes = std::fs::read(path).expect("the file is still there");
    assert_eq!(
        bytes.len(),
        VERSION_BYTES,
        "torn file: {} bytes",
        bytes.len()
    );
    let text = String::from_utf8_lossy(&bytes[..64]);
    let n: usize = text
        .split("\nv")
        .nth(1)
        .and_then(|s| s.get(..6))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("unreadable head: {text:?}"));
    assert!(bytes == version(n), "version {n} is mixed with another");
    n
}

/// The writer: saves versions 1, 2, 3, … until killed.
#[test]
#[ignore = "run by kill_a_writer_midway_and_the_previous_file_is_intact"]
fn writer() {
    let Some(path) = std::env::var_os(WRITER_ENV) else {
        return;
    };
    for n in 1.. {
        chronomap::corpus::metadata::write_atomically(Path::new(&path), &version(n))
            .expect("write");
    }
}

#[test]
#[cfg(unix)]
fn kill_a_writer_midway_and_the_previous_file_is_intact() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("sources.csv");
    std::fs::write(&path, version(0)).expect("first version");
    let exe = std::env::current_exe().expect("test binary");
    let mut seen = Vec::new();
    for delay_ms in [10, 150, 400, 800, 1500, 2500] {
        let mut child = Command::new(&exe)
            .args(["writer", "--exact", "--ignored", "--nocapture"])
            .env(WRITER_ENV, &path)
            .spawn()
            .expect("start the writer");
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().expect("SIGKILL the writer");
        let _ = child.wait();
        seen.push(check_whole(&path));
    }
    eprintln!("versions on disk after each kill: {seen:?}");
    // The writer did get some versions in: this tested writes, not an idle file.
    assert!(
        seen.iter().any(|&n| n > 0),
        "no version was ever written: {seen:?}"
    );
}
