//! The embedded offline basemap (Natural Earth land, coastlines and borders) drawn under the
//! tiles, so the map reads with no network at all.
//!
//! The asset (`assets/basemap.bin`, see `assets/tools/build_basemap.py`) is parsed once into
//! Web-Mercator unit coordinates (0..1 on both axes, like the tile grid at zoom 0). Drawing
//! then is a scale and a translation per vertex; the resulting meshes are cached until the
//! view changes, so a still map costs nothing per frame.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use egui::epaint::{Mesh, PathShape, PathStroke, TessellationOptions, Tessellator, Vertex};
use egui::{Color32, Pos2, Rect, Shape, pos2};

const MAGIC: &[u8; 8] = b"CMBASE01";
const TAG_LAND: u8 = 1;
const TAG_COASTLINES: u8 = 2;
const TAG_BORDERS: u8 = 3;

/// Web Mercator stops here; the poles are at infinity.
const MAX_LAT: f64 = 85.051_128_78;

/// Land triangles are grouped into cells of this many degrees, so the parts of the world
/// outside the view are skipped wholesale when zoomed in.
const CHUNK_DEGREES: f64 = 10.0;

/// Lines are stored in pieces of this many points, each with its bounding box.
const PIECE_POINTS: usize = 128;

/// Zoom levels with their own simplified copy of the lines; above the last one the full
/// resolution is used.
const LOD_ZOOMS: [u8; 4] = [1, 3, 5, 7];

static EMBEDDED: &[u8] = include_bytes!("../../assets/basemap.bin");

/// Why the embedded basemap could not be used.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum BasemapError {
    #[error("the basemap asset does not start with {MAGIC:?}")]
    BadMagic,
    #[error("the basemap asset is truncated at byte {0}")]
    Truncated(usize),
    #[error("the basemap land mesh has an index {index} past its {vertices} vertices")]
    BadIndex { index: u32, vertices: usize },
    #[error("the basemap section {tag} has {len} bytes but its contents need {used}")]
    SectionLength { tag: u8, len: usize, used: usize },
}

/// The embedded basemap, parsed on first use. `Err` if the asset is corrupt: the map then
/// shows no basemap, and the app reports the error once.
pub fn embedded() -> &'static Result<Basemap, BasemapError> {
    static PARSED: OnceLock<Result<Basemap, BasemapError>> = OnceLock::new();
    PARSED.get_or_init(|| Basemap::parse(EMBEDDED))
}

/// A group of land triangles with its own vertices, and its bounding box in unit space.
#[derive(Debug)]
struct LandChunk {
    bounds: Rect,
    vertices: Vec<Pos2>,
    indices: Vec<u32>,
}

/// Polylines in unit space, each with its bounding box.
#[derive(Debug, Default)]
struct Lines {
    points: Vec<Pos2>,
    lines: Vec<(Range<usize>, Rect)>,
}

impl Lines {
    /// Add a line, cut into pieces of at most [`PIECE_POINTS`] points (sharing their end
    /// points) so a continent's coastline can be culled piece by piece.
    fn push(&mut self, line: &[Pos2]) {
        if line.len() < 2 {
            return;
        }
        let mut first = 0;
        while first + 1 < line.len() {
            let last = (first + PIECE_POINTS - 1).min(line.len() - 1);
            let piece = &line[first..=last];
            let start = self.points.len();
            self.points.extend_from_slice(piece);
            self.lines
                .push((start..self.points.len(), Rect::from_points(piece)));
            first = last;
        }
    }

    fn iter(&self) -> impl Iterator<Item = (&[Pos2], Rect)> {
        self.lines
            .iter()
            .map(|(range, bounds)| (&self.points[range.clone()], *bounds))
    }

    /// A copy with every line simplified to `tolerance` (unit space), Douglas–Peucker.
    fn simplified(&self, tolerance: f32) -> Lines {
        let mut out = Lines::default();
        let mut keep = Vec::new();
        let mut line = Vec::new();
        for (points, _) in self.iter() {
            keep.clear();
            keep.resize(points.len(), false);
            douglas_peucker(points, tolerance * tolerance, &mut keep);
            line.clear();
            line.extend(
                points
                    .iter()
                    .zip(&keep)
                    .filter(|(_, k)| **k)
                    .map(|(p, _)| *p),
            );
            out.push(&line);
        }
        out
    }

    fn point_count(&self) -> usize {
        self.points.len()
    }
}

/// Marks the points of `points` to keep so no dropped point is further than √`tolerance_sq`
/// from the simplified line. Iterative, so long coastlines cannot overflow the stack.
fn douglas_peucker(points: &[Pos2], tolerance_sq: f32, keep: &mut [bool]) {
    let n = points.len();
    if n == 0 {
        return;
    }
    keep[0] = true;
    keep[n - 1] = true;
    let mut stack = vec![(0, n - 1)];
    while let Some((first, last)) = stack.pop() {
        if last <= first + 1 {
            continue;
        }
        let (a, b) = (points[first], points[last]);
        let ab = b - a;
        let len_sq = ab.length_sq();
        let mut worst = (0.0_f32, first);
        for (i, p) in points.iter().enumerate().take(last).skip(first + 1) {
            let ap = *p - a;
            let dist_sq = if len_sq > 0.0 {
                let t = (ap.dot(ab) / len_sq).clamp(0.0, 1.0);
                (ap - ab * t).length_sq()
            } else {
                ap.length_sq()
            };
            if dist_sq > worst.0 {
                worst = (dist_sq, i);
            }
        }
        if worst.0 > tolerance_sq {
            keep[worst.1] = true;
            stack.push((first, worst.1));
            stack.push((worst.1, last));
        }
    }
}

/// Lines at full resolution plus simplified copies for low zoom levels.
#[derive(Debug, Default)]
struct LineLevels {
    full: Lines,
    /// Parallel to [`LOD_ZOOMS`].
    simplified: Vec<Lines>,
}

impl LineLevels {
    fn new(full: Lines) -> Self {
        let simplified = LOD_ZOOMS
            .iter()
            .map(|&z| {
                // Half a screen pixel at that zoom (a tile is 256 px).
                let tolerance = 0.5 / (256.0 * f32::from(2u16.pow(u32::from(z))));
                full.simplified(tolerance)
            })
            .collect();
        LineLevels { full, simplified }
    }

    fn pieces_per_level(&self) -> Vec<Vec<&[Pos2]>> {
        self.simplified
            .iter()
            .chain(std::iter::once(&self.full))
            .map(|lines| lines.iter().map(|(points, _)| points).collect())
            .collect()
    }

    fn for_zoom(&self, zoom: f64) -> &Lines {
        for (level, &z) in self.simplified.iter().zip(&LOD_ZOOMS) {
            if zoom <= f64::from(z) {
                return level;
            }
        }
        &self.full
    }
}

/// Which level of detail (coarsest first, full resolution last) to draw at `zoom`.
pub fn level_for_zoom(zoom: f64) -> usize {
    LOD_ZOOMS
        .iter()
        .position(|&z| zoom <= f64::from(z))
        .unwrap_or(LOD_ZOOMS.len())
}

/// The parsed basemap.
#[derive(Debug)]
pub struct Basemap {
    land: Vec<LandChunk>,
    coastlines: LineLevels,
    borders: LineLevels,
}

/// Web Mercator, normalized to 0..1 (x east, y south), as the tile grid at zoom 0.
pub fn mercator_unit(lon: f64, lat: f64) -> (f64, f64) {
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - lat.tan().asinh() / std::f64::consts::PI) / 2.0;
    (x, y)
}

fn unit_pos(lon: f32, lat: f32) -> Pos2 {
    let (x, y) = mercator_unit(f64::from(lon), f64::from(lat));
    pos2(x as f32, y as f32)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BasemapError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|end| *end <= self.bytes.len())
            .ok_or(BasemapError::Truncated(self.bytes.len()))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn u8(&mut self) -> Result<u8, BasemapError> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, BasemapError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32(&mut self) -> Result<f32, BasemapError> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A count of items of `item_size` bytes that must fit in what is left, so a corrupt count
    /// cannot make us allocate gigabytes.
    fn count(&mut self, item_size: usize) -> Result<usize, BasemapError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(item_size) > self.bytes.len() - self.at {
            return Err(BasemapError::Truncated(self.bytes.len()));
        }
        Ok(n)
    }

    fn lon_lat(&mut self) -> Result<(f32, f32), BasemapError> {
        Ok((self.f32()?, self.f32()?))
    }
}

impl Basemap {
    /// Parse the `CMBASE01` format. Unknown sections are skipped, so the format can grow.
    pub fn parse(bytes: &[u8]) -> Result<Basemap, BasemapError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err(BasemapError::BadMagic);
        }
        let n_sections = r.u32()?;
        let mut land = Vec::new();
        let mut coastlines = Lines::default();
        let mut borders = Lines::default();
        for _ in 0..n_sections {
            let tag = r.u8()?;
            let len = r.u32()? as usize;
            let payload = r.take(len)?;
            let mut s = Reader {
                bytes: payload,
                at: 0,
            };
            match tag {
                TAG_LAND => land = parse_land(&mut s)?,
                TAG_COASTLINES => coastlines = parse_lines(&mut s)?,
                TAG_BORDERS => borders = parse_lines(&mut s)?,
                _ => continue,
            }
            if s.at != len {
                return Err(BasemapError::SectionLength {
                    tag,
                    len,
                    used: s.at,
                });
            }
        }
        Ok(Basemap {
            land,
            coastlines: LineLevels::new(coastlines),
            borders: LineLevels::new(borders),
        })
    }

    /// Every land triangle: (vertices, indices) per chunk, in unit space.
    pub(crate) fn land_chunks(&self) -> impl Iterator<Item = (&[Pos2], &[u32])> {
        self.land
            .iter()
            .map(|c| (c.vertices.as_slice(), c.indices.as_slice()))
    }

    /// Coastline pieces at each level of detail, coarsest first, full resolution last.
    pub(crate) fn coastline_levels(&self) -> Vec<Vec<&[Pos2]>> {
        self.coastlines.pieces_per_level()
    }

    /// Border pieces at each level of detail, as [`Self::coastline_levels`].
    pub(crate) fn border_levels(&self) -> Vec<Vec<&[Pos2]>> {
        self.borders.pieces_per_level()
    }

    pub fn land_triangle_count(&self) -> usize {
        self.land.iter().map(|c| c.indices.len() / 3).sum()
    }

    pub fn coastline_point_count(&self) -> usize {
        self.coastlines.full.point_count()
    }

    pub fn border_point_count(&self) -> usize {
        self.borders.full.point_count()
    }
}

fn parse_land(r: &mut Reader<'_>) -> Result<Vec<LandChunk>, BasemapError> {
    let n_vertices = r.count(8)?;
    let mut lon_lat = Vec::with_capacity(n_vertices);
    for _ in 0..n_vertices {
        lon_lat.push(r.lon_lat()?);
    }
    let n_indices = r.count(4)?;
    let mut indices = Vec::with_capacity(n_indices);
    for _ in 0..n_indices {
        let index = r.u32()?;
        if index as usize >= n_vertices {
            return Err(BasemapError::BadIndex {
                index,
                vertices: n_vertices,
            });
        }
        indices.push(index);
    }

    // Bucket each triangle by the cell of its first vertex, re-indexing into per-chunk vertices.
    let cols = (360.0 / CHUNK_DEGREES) as usize;
    let rows = (180.0 / CHUNK_DEGREES) as usize;
    let cell_of = |(lon, lat): (f32, f32)| {
        let col = ((f64::from(lon) + 180.0) / CHUNK_DEGREES).floor() as isize;
        let row = ((f64::from(lat) + 90.0) / CHUNK_DEGREES).floor() as isize;
        col.clamp(0, cols as isize - 1) as usize * rows + row.clamp(0, rows as isize - 1) as usize
    };
    /// A chunk being built: its vertices, its indices, and asset index → chunk index.
    type ChunkBuilder = (Vec<Pos2>, Vec<u32>, std::collections::HashMap<u32, u32>);
    let mut chunks: Vec<ChunkBuilder> = (0..cols * rows).map(|_| Default::default()).collect();
    for triangle in indices.chunks_exact(3) {
        let (vertices, chunk_indices, remap) = &mut chunks[cell_of(lon_lat[triangle[0] as usize])];
        for &index in triangle {
            let local = *remap.entry(index).or_insert_with(|| {
                let (lon, lat) = lon_lat[index as usize];
                vertices.push(unit_pos(lon, lat));
                vertices.len() as u32 - 1
            });
            chunk_indices.push(local);
        }
    }
    Ok(chunks
        .into_iter()
        .filter(|(_, indices, _)| !indices.is_empty())
        .map(|(vertices, indices, _)| LandChunk {
            bounds: Rect::from_points(&vertices),
            vertices,
            indices,
        })
        .collect())
}

fn parse_lines(r: &mut Reader<'_>) -> Result<Lines, BasemapError> {
    let n_lines = r.count(4)?;
    let mut lines = Lines::default();
    let mut line = Vec::new();
    for _ in 0..n_lines {
        let n_points = r.count(8)?;
        line.clear();
        for _ in 0..n_points {
            let (lon, lat) = r.lon_lat()?;
            line.push(unit_pos(lon, lat));
        }
        lines.push(&line);
    }
    Ok(lines)
}

/// Colours of the basemap; the defaults are a quiet light palette that labels read over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BasemapStyle {
    pub water: Color32,
    pub land: Color32,
    pub coastline: Color32,
    pub border: Color32,
}

impl Default for BasemapStyle {
    fn default() -> Self {
        BasemapStyle {
            water: Color32::from_rgb(0xd6, 0xe4, 0xee),
            land: Color32::from_rgb(0xf6, 0xf3, 0xec),
            coastline: Color32::from_rgb(0x8f, 0xa9, 0xbf),
            border: Color32::from_rgb(0xc4, 0xb8, 0xa8),
        }
    }
}

/// Where the map is looking: the screen rect, the Mercator unit point at its centre, and the
/// size of the whole world in points (256 · 2^zoom).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapView {
    pub rect: Rect,
    pub center_unit: (f64, f64),
    pub world_size: f64,
    pub pixels_per_point: f32,
}

impl MapView {
    pub fn zoom(&self) -> f64 {
        (self.world_size / 256.0).log2()
    }

    pub fn to_screen(&self, unit: Pos2) -> Pos2 {
        let c = self.rect.center();
        pos2(
            (f64::from(c.x) + (f64::from(unit.x) - self.center_unit.0) * self.world_size) as f32,
            (f64::from(c.y) + (f64::from(unit.y) - self.center_unit.1) * self.world_size) as f32,
        )
    }

    /// The visible part of the world, in unit coordinates.
    pub fn visible_units(&self) -> Rect {
        let half = self.rect.size() / 2.0;
        let (cx, cy) = self.center_unit;
        let (hx, hy) = (
            f64::from(half.x) / self.world_size,
            f64::from(half.y) / self.world_size,
        );
        Rect::from_min_max(
            pos2((cx - hx) as f32, (cy - hy) as f32),
            pos2((cx + hx) as f32, (cy + hy) as f32),
        )
    }
}

/// The basemap's shapes for one view, kept while the view stays the same.
#[derive(Default)]
pub struct BasemapCache {
    key: Option<(MapView, BasemapStyle)>,
    shapes: Vec<Shape>,
}

impl BasemapCache {
    /// Shapes to paint for `view` (water, land, then lines), rebuilt only when the view moved.
    pub fn shapes(&mut self, basemap: &Basemap, view: MapView, style: BasemapStyle) -> &[Shape] {
        if self.key != Some((view, style)) {
            self.shapes = build_shapes(basemap, &view, style);
            self.key = Some((view, style));
        }
        &self.shapes
    }
}

fn build_shapes(basemap: &Basemap, view: &MapView, style: BasemapStyle) -> Vec<Shape> {
    let visible = view.visible_units();
    let mut shapes = vec![Shape::rect_filled(view.rect, 0.0, style.water)];

    let mut land = Mesh::default();
    for chunk in basemap.land.iter().filter(|c| c.bounds.intersects(visible)) {
        let base = land.vertices.len() as u32;
        land.vertices.extend(chunk.vertices.iter().map(|v| Vertex {
            pos: view.to_screen(*v),
            uv: egui::epaint::WHITE_UV,
            color: style.land,
        }));
        land.indices.extend(chunk.indices.iter().map(|i| base + i));
    }
    if !land.is_empty() {
        shapes.push(Shape::Mesh(Arc::new(land)));
    }

    // Tessellated here rather than by egui so the result can be cached with the view.
    let mut tessellator = Tessellator::new(
        view.pixels_per_point,
        TessellationOptions::default(),
        [1, 1],
        Vec::new(),
    );
    tessellator.set_clip_rect(view.rect);
    let mut lines = Mesh::default();
    let zoom = view.zoom();
    let coast_width = if zoom < 4.0 { 0.8 } else { 1.2 };
    for (levels, stroke) in [
        (&basemap.borders, PathStroke::new(0.7, style.border)),
        (
            &basemap.coastlines,
            PathStroke::new(coast_width, style.coastline),
        ),
    ] {
        let mut screen = Vec::new();
        for (points, bounds) in levels.for_zoom(zoom).iter() {
            if !bounds.intersects(visible) {
                continue;
            }
            screen.clear();
            screen.extend(points.iter().map(|p| view.to_screen(*p)));
            tessellator.tessellate_path(
                &PathShape::line(std::mem::take(&mut screen), stroke.clone()),
                &mut lines,
            );
        }
    }
    if !lines.is_empty() {
        shapes.push(Shape::Mesh(Arc::new(lines)));
    }
    shapes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(tag: u8, payload: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        out.extend((payload.len() as u32).to_le_bytes());
        out.extend(payload);
        out
    }

    fn tiny_asset() -> Vec<u8> {
        let mut land = Vec::new();
        land.extend(3u32.to_le_bytes());
        for (lon, lat) in [(0.0f32, 0.0f32), (10.0, 0.0), (0.0, 10.0)] {
            land.extend(lon.to_le_bytes());
            land.extend(lat.to_le_bytes());
        }
        land.extend(3u32.to_le_bytes());
        for i in [0u32, 1, 2] {
            land.extend(i.to_le_bytes());
        }
        let mut coast = Vec::new();
        coast.extend(1u32.to_le_bytes());
        coast.extend(3u32.to_le_bytes());
        for (lon, lat) in [(0.0f32, 0.0f32), (10.0, 0.0), (0.0, 10.0)] {
            coast.extend(lon.to_le_bytes());
            coast.extend(lat.to_le_bytes());
        }
        let mut out = MAGIC.to_vec();
        out.extend(2u32.to_le_bytes());
        out.extend(section(TAG_LAND, &land));
        out.extend(section(TAG_COASTLINES, &coast));
        out
    }

    #[test]
    fn parses_a_hand_made_asset() {
        let basemap = Basemap::parse(&tiny_asset()).expect("valid asset");
        assert_eq!(basemap.land_triangle_count(), 1);
        assert_eq!(basemap.coastline_point_count(), 3);
        // A long line is stored in pieces that share their end points.
        let long: Vec<Pos2> = (0..300).map(|i| pos2(i as f32, 0.0)).collect();
        let mut lines = Lines::default();
        lines.push(&long);
        let pieces: Vec<&[Pos2]> = lines.iter().map(|(p, _)| p).collect();
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces[0].last(), pieces[1].first());
        assert_eq!(pieces.iter().map(|p| p.len()).sum::<usize>(), 300 + 2);
        assert_eq!(basemap.border_point_count(), 0);
    }

    #[test]
    fn corrupt_assets_are_errors_not_panics() {
        let good = tiny_asset();
        assert_eq!(
            Basemap::parse(b"nope").err(),
            Some(BasemapError::Truncated(4))
        );
        assert_eq!(
            Basemap::parse(b"CMBASE02\0\0\0\0").err(),
            Some(BasemapError::BadMagic)
        );
        // Every truncation of a valid asset fails cleanly.
        for len in 8..good.len() {
            assert!(
                Basemap::parse(&good[..len]).is_err(),
                "accepted {len} bytes"
            );
        }
        // An index past the vertices.
        let mut bad = good.clone();
        let index_at = 8 + 4 + 5 + 4 + 3 * 8 + 4;
        bad[index_at..index_at + 4].copy_from_slice(&7u32.to_le_bytes());
        assert!(matches!(
            Basemap::parse(&bad),
            Err(BasemapError::BadIndex { index: 7, .. })
        ));
        // A huge count must not allocate.
        let mut huge = good;
        huge[8 + 4 + 5..8 + 4 + 5 + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Basemap::parse(&huge).is_err());
    }

    #[test]
    fn the_embedded_asset_is_the_whole_world() {
        let basemap = embedded().as_ref().expect("embedded basemap parses");
        assert!(basemap.land_triangle_count() > 10_000);
        assert!(basemap.coastline_point_count() > 10_000);
        assert!(basemap.border_point_count() > 1_000);
        // Simplified levels really are smaller, coarsest first.
        let sizes: Vec<usize> = basemap
            .coastlines
            .simplified
            .iter()
            .map(Lines::point_count)
            .collect();
        assert!(sizes.windows(2).all(|w| w[0] <= w[1]), "{sizes:?}");
        assert!(sizes[0] * 4 < basemap.coastline_point_count(), "{sizes:?}");
    }

    #[test]
    fn mercator_matches_the_tile_grid() {
        let (x, y) = mercator_unit(0.0, 0.0);
        assert!((x - 0.5).abs() < 1e-12 && (y - 0.5).abs() < 1e-12);
        let (x, y) = mercator_unit(-180.0, MAX_LAT);
        assert!(x.abs() < 1e-12 && y.abs() < 1e-6);
        // Poles are clamped instead of going to infinity.
        assert!(mercator_unit(0.0, -90.0).1.is_finite());
    }

    #[test]
    fn culls_what_is_off_screen() {
        let basemap = embedded().as_ref().expect("embedded basemap parses");
        let world = MapView {
            rect: Rect::from_min_size(Pos2::ZERO, egui::vec2(1024.0, 1024.0)),
            center_unit: (0.5, 0.5),
            world_size: 1024.0,
            pixels_per_point: 1.0,
        };
        let (x, y) = mercator_unit(2.35, 48.86);
        let paris = MapView {
            center_unit: (x, y),
            world_size: 256.0 * 2f64.powi(8),
            ..world
        };
        let vertices = |view: &MapView| -> usize {
            build_shapes(basemap, view, BasemapStyle::default())
                .iter()
                .map(|s| match s {
                    Shape::Mesh(m) => m.vertices.len(),
                    _ => 0,
                })
                .sum()
        };
        let (all, near_paris) = (vertices(&world), vertices(&paris));
        assert!(near_paris > 0);
        assert!(near_paris * 5 < all, "{near_paris} vs {all}");
    }
}
