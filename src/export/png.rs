//! PNG files from RGBA pixels: cropping, and encoding with `image`. No UI types here: the
//! app hands over plain pixel buffers.

use std::path::Path;

/// An RGBA image, 8 bits per channel, unpremultiplied, row-major.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rgba {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("the image is empty")]
    Empty,
    #[error("{0} bytes of pixels for a {1}×{2} image")]
    Size(usize, u32, u32),
    #[error("cannot encode the PNG: {0}")]
    Encode(#[from] image::ImageError),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

impl Rgba {
    /// The pixels inside `[x0, x1) × [y0, y1)`, clamped to the image.
    pub fn crop(&self, x0: u32, y0: u32, x1: u32, y1: u32) -> Rgba {
        let x1 = x1.min(self.width);
        let y1 = y1.min(self.height);
        let x0 = x0.min(x1);
        let y0 = y0.min(y1);
        let (w, h) = (x1 - x0, y1 - y0);
        let mut pixels = Vec::with_capacity(w as usize * h as usize * 4);
        for y in y0..y1 {
            let start = (y as usize * self.width as usize + x0 as usize) * 4;
            let end = start + w as usize * 4;
            if let Some(row) = self.pixels.get(start..end) {
                pixels.extend_from_slice(row);
            }
        }
        Rgba {
            width: w,
            height: h,
            pixels,
        }
    }

    /// Encode as PNG.
    pub fn to_png(&self) -> Result<Vec<u8>, PngError> {
        if self.width == 0 || self.height == 0 {
            return Err(PngError::Empty);
        }
        let image = image::RgbaImage::from_raw(self.width, self.height, self.pixels.clone())
            .ok_or(PngError::Size(self.pixels.len(), self.width, self.height))?;
        let mut out = std::io::Cursor::new(Vec::new());
        image.write_to(&mut out, image::ImageFormat::Png)?;
        Ok(out.into_inner())
    }

    /// Encode and write to `path` (through a temporary file next to it, so a failed write
    /// never leaves half a PNG behind).
    pub fn save_png(&self, path: &Path) -> Result<(), PngError> {
        let bytes = self.to_png()?;
        write_atomically(path, &bytes).map_err(|source| PngError::Write {
            path: path.display().to_string(),
            source,
        })
    }
}

/// Write `bytes` to `path` via a sibling temporary file and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_owned());
    let tmp = path.with_file_name(format!(".{name}.part"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Whether a file can be written at `path`, found out without leaving anything behind:
/// the folder must exist and accept a new file.
pub fn check_writable(path: &Path) -> Result<(), String> {
    if path.is_dir() {
        return Err(format!("{} is a folder, not a file name", path.display()));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(format!("{}: no such folder", parent.display()));
    }
    let probe = parent.join(format!(".chronomap-write-test-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
        }
        Err(e) => return Err(format!("{}: cannot write here: {e}", parent.display())),
    }
    if path.exists() {
        std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| format!("{}: cannot overwrite: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checker(w: u32, h: u32) -> Rgba {
        let mut pixels = Vec::new();
        for y in 0..h {
            for x in 0..w {
                let v = if (x + y) % 2 == 0 { 255 } else { 0 };
                pixels.extend_from_slice(&[v, x as u8, y as u8, 255]);
            }
        }
        Rgba {
            width: w,
            height: h,
            pixels,
        }
    }

    #[test]
    fn crops_are_clamped_and_keep_their_pixels() {
        let img = checker(10, 8);
        let c = img.crop(2, 3, 6, 100);
        assert_eq!((c.width, c.height), (4, 5));
        assert_eq!(&c.pixels[0..4], &[0, 2, 3, 255]);
        let empty = img.crop(9, 9, 3, 3);
        assert_eq!((empty.width, empty.height), (0, 0));
        assert!(matches!(empty.to_png(), Err(PngError::Empty)));
    }

    #[test]
    fn png_round_trips() {
        let img = checker(7, 5);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.png");
        img.save_png(&path).unwrap();
        let back = image::open(&path).unwrap().to_rgba8();
        assert_eq!(back.dimensions(), (7, 5));
        assert_eq!(back.into_raw(), img.pixels);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary left"
        );
    }

    #[test]
    fn writability_is_checked_without_leaving_files() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_writable(&dir.path().join("out.png")).is_ok());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        assert!(check_writable(&dir.path().join("missing/out.png")).is_err());
        assert!(check_writable(dir.path()).is_err());
    }
}
