//! `chronomap --install-desktop` as a user runs it: files under `$XDG_DATA_HOME`, a valid
//! desktop entry starting this binary, icons that are PNGs; `--uninstall-desktop` removes them.

use std::path::Path;
use std::process::Command;

fn chronomap(data_home: &Path, arg: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_chronomap"))
        .arg(arg)
        .env("XDG_DATA_HOME", data_home)
        .env("HOME", data_home.join("home-not-used"))
        .output()
        .expect("run chronomap")
}

#[test]
fn install_desktop_writes_a_launcher_entry_and_icons_and_uninstall_removes_them() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = chronomap(dir.path(), "--install-desktop");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entry_path = dir.path().join("applications/chronomap.desktop");
    let entry = std::fs::read_to_string(&entry_path).expect("desktop entry written");
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_chronomap")).expect("exe");
    let exec = entry
        .lines()
        .find_map(|l| l.strip_prefix("Exec="))
        .expect("Exec line");
    assert!(
        exec.ends_with(" %F"),
        "folders and files can be opened: {exec}"
    );
    assert!(
        exec.trim_end_matches(" %F").trim_matches('"') == exe.to_string_lossy()
            || exec.contains(&*env!("CARGO_BIN_EXE_chronomap")),
        "Exec starts this binary: {exec}"
    );
    assert!(entry.contains("\nIcon=chronomap\n"));
    assert!(entry.contains("MimeType=inode/directory;"));
    for size in [16, 32, 48, 64, 128, 256, 512] {
        let icon = dir
            .path()
            .join(format!("icons/hicolor/{size}x{size}/apps/chronomap.png"));
        let bytes = std::fs::read(&icon).expect("icon written");
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{}",
            icon.display()
        );
    }
    assert!(
        dir.path()
            .join("icons/hicolor/scalable/apps/chronomap.svg")
            .is_file()
    );
    // What it printed names every file.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("wrote ")).count(),
        9
    );

    // The written entry is valid where the validator is installed (CI installs it).
    if let Ok(v) = Command::new("desktop-file-validate")
        .arg(&entry_path)
        .output()
    {
        assert!(
            v.status.success() && v.stdout.is_empty(),
            "{}{}",
            String::from_utf8_lossy(&v.stdout),
            String::from_utf8_lossy(&v.stderr)
        );
    } else {
        eprintln!("note: desktop-file-validate not installed; entry not validated");
    }

    let out = chronomap(dir.path(), "--uninstall-desktop");
    assert!(out.status.success());
    assert!(!entry_path.exists());
    assert!(
        !dir.path()
            .join("icons/hicolor/256x256/apps/chronomap.png")
            .exists()
    );
}

#[test]
fn the_shipped_desktop_entry_is_valid() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/chronomap.desktop");
    let entry = std::fs::read_to_string(&path).expect("assets/chronomap.desktop");
    assert!(entry.starts_with("[Desktop Entry]\n"));
    assert!(entry.contains("\nExec=chronomap %F\n"));
    match Command::new("desktop-file-validate").arg(&path).output() {
        Ok(v) => assert!(
            v.status.success() && v.stdout.is_empty(),
            "{}",
            String::from_utf8_lossy(&v.stdout)
        ),
        Err(_) => eprintln!("note: desktop-file-validate not installed; entry not validated"),
    }
}
