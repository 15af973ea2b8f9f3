//! Desktop integration: the app icon, and on Linux (and other XDG desktops) a launcher entry
//! written without root by `chronomap --install-desktop`, so chronomap appears in the
//! application menu and "Open with chronomap" works on a folder.
//!
//! Everything is embedded in the binary, so `cargo install --path .` followed by
//! `chronomap --install-desktop` is a complete install.

use std::path::{Path, PathBuf};

/// The launcher entry as shipped in `assets/` (and in the `.deb`), `Exec=chronomap %F`.
pub const DESKTOP_ENTRY: &str = include_str!("../assets/chronomap.desktop");
/// File name of the entry; also the app id (the window's class / Wayland app id).
pub const DESKTOP_FILE_NAME: &str = "chronomap.desktop";
pub const ICON_NAME: &str = "chronomap";
pub const ICON_SVG: &[u8] = include_bytes!("../assets/icons/chronomap.svg");
/// The icon rendered from the SVG at the sizes desktops look for (`assets/icons/README.md`).
pub const ICON_PNGS: &[(u32, &[u8])] = &[
    (16, include_bytes!("../assets/icons/chronomap-16.png")),
    (32, include_bytes!("../assets/icons/chronomap-32.png")),
    (48, include_bytes!("../assets/icons/chronomap-48.png")),
    (64, include_bytes!("../assets/icons/chronomap-64.png")),
    (128, include_bytes!("../assets/icons/chronomap-128.png")),
    (256, include_bytes!("../assets/icons/chronomap-256.png")),
    (512, include_bytes!("../assets/icons/chronomap-512.png")),
];

/// The window icon: the 256 px PNG, decoded.
#[cfg(feature = "gui")]
pub fn window_icon() -> Option<egui::IconData> {
    let (_, png) = ICON_PNGS.iter().find(|(size, _)| *size == 256)?;
    let image = image::load_from_memory_with_format(png, image::ImageFormat::Png).ok()?;
    let rgba = image.to_rgba8();
    Some(egui::IconData {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
    })
}

/// `$XDG_DATA_HOME`, else `$HOME/.local/share` (the XDG base directory rules: a relative
/// `XDG_DATA_HOME` is ignored).
pub fn data_home() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from)
        && dir.is_absolute()
    {
        return Ok(dir);
    }
    match std::env::var_os("HOME").map(PathBuf::from) {
        Some(home) if home.is_absolute() => Ok(home.join(".local").join("share")),
        _ => Err("neither XDG_DATA_HOME nor HOME is set to an absolute path".to_owned()),
    }
}

/// Every file [`install`] writes under `data_home`.
pub fn installed_paths(data_home: &Path) -> Vec<PathBuf> {
    let mut paths = vec![data_home.join("applications").join(DESKTOP_FILE_NAME)];
    let icons = data_home.join("icons").join("hicolor");
    for (size, _) in ICON_PNGS {
        paths.push(
            icons
                .join(format!("{size}x{size}"))
                .join("apps")
                .join(format!("{ICON_NAME}.png")),
        );
    }
    paths.push(
        icons
            .join("scalable")
            .join("apps")
            .join(format!("{ICON_NAME}.svg")),
    );
    paths
}

/// Write the launcher entry (starting `exe`) and the icons under `data_home`; returns what
/// was written. Refreshes the desktop's caches when the tools for it are there.
pub fn install(exe: &Path, data_home: &Path) -> std::io::Result<Vec<PathBuf>> {
    let paths = installed_paths(data_home);
    let entry = entry_for(exe);
    let mut contents: Vec<&[u8]> = vec![entry.as_bytes()];
    contents.extend(ICON_PNGS.iter().map(|(_, png)| *png));
    contents.push(ICON_SVG);
    for (path, bytes) in paths.iter().zip(contents) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        crate::corpus::metadata::write_atomically(path, bytes)?;
    }
    refresh_caches(data_home);
    Ok(paths)
}

/// Remove what [`install`] wrote; returns what was there. Missing files are not an error.
pub fn uninstall(data_home: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for path in installed_paths(data_home) {
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    refresh_caches(data_home);
    Ok(removed)
}

/// The shipped entry with `Exec` and `TryExec` naming `exe`, so the launcher finds the binary
/// even when its folder (`~/.cargo/bin`) is not on the desktop session's `PATH`.
pub fn entry_for(exe: &Path) -> String {
    let exe = exe.to_string_lossy();
    DESKTOP_ENTRY
        .lines()
        .map(|line| {
            if line.starts_with("Exec=") {
                format!("Exec={} %F", escape_string(&quote_exec_arg(&exe)))
            } else if line.starts_with("TryExec=") {
                format!("TryExec={}", escape_string(&exe))
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// An `Exec` argument per the Desktop Entry spec: in double quotes when it holds a reserved
/// character, with `"`, `` ` ``, `$` and `\` backslash-escaped inside.
fn quote_exec_arg(arg: &str) -> String {
    const RESERVED: &[char] = &[
        ' ', '\t', '\n', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(',
        ')', '`',
    ];
    if !arg.contains(RESERVED) {
        return arg.replace('%', "%%");
    }
    let mut out = String::from("\"");
    for c in arg.chars() {
        match c {
            '"' | '`' | '$' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '%' => out.push_str("%%"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A value of type string in a desktop file: backslashes, newlines and tabs escaped.
fn escape_string(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

/// Best effort: the menu and icon caches pick the new files up at once where these tools
/// exist; elsewhere desktops rescan on their own.
fn refresh_caches(data_home: &Path) {
    let quiet = |cmd: &str, args: &[&Path]| {
        let _ = std::process::Command::new(cmd)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
    };
    quiet(
        "update-desktop-database",
        &[&data_home.join("applications")],
    );
    let hicolor = data_home.join("icons").join("hicolor");
    if hicolor.join("index.theme").exists() {
        quiet(
            "gtk-update-icon-cache",
            &[Path::new("-f"), Path::new("-t"), &hicolor],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_names_the_binary_quoted_when_needed() {
        let plain = entry_for(Path::new("/home/ana/.cargo/bin/chronomap"));
        assert!(plain.contains("\nExec=/home/ana/.cargo/bin/chronomap %F\n"));
        assert!(plain.contains("\nTryExec=/home/ana/.cargo/bin/chronomap\n"));
        let spaced = entry_for(Path::new("/opt/my apps/chronomap"));
        assert!(
            spaced.contains("\nExec=\"/opt/my apps/chronomap\" %F\n"),
            "{spaced}"
        );
        let dollar = entry_for(Path::new("/opt/a$b/chronomap"));
        // `\$` inside quotes, and the backslash itself escaped at the string level.
        assert!(
            dollar.contains("\nExec=\"/opt/a\\\\$b/chronomap\" %F\n"),
            "{dollar}"
        );
        // Every other line is kept.
        assert!(plain.contains("MimeType=inode/directory;"));
    }

    #[test]
    fn every_icon_is_a_png_of_its_size() {
        for (size, png) in ICON_PNGS {
            let image = image::load_from_memory_with_format(png, image::ImageFormat::Png)
                .expect("embedded PNG decodes");
            assert_eq!((image.width(), image.height()), (*size, *size));
        }
        #[cfg(feature = "gui")]
        {
            let icon = window_icon().expect("window icon");
            assert_eq!((icon.width, icon.height), (256, 256));
            assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        }
    }

    #[test]
    fn install_then_uninstall_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("tmp");
        let written = install(Path::new("/usr/bin/chronomap"), dir.path()).expect("install");
        assert_eq!(written.len(), ICON_PNGS.len() + 2);
        for path in &written {
            assert!(path.is_file(), "{}", path.display());
        }
        let removed = uninstall(dir.path()).expect("uninstall");
        assert_eq!(removed, written);
        assert!(written.iter().all(|p| !p.exists()));
        // Twice is fine.
        assert!(uninstall(dir.path()).expect("uninstall again").is_empty());
    }
}
