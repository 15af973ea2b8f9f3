//! Markers drawn as textured quads: four vertices per disc instead of the hundred or so an
//! anti-aliased egui circle tessellates into, which is what keeps thousands of timeline
//! marks and map markers cheap per frame.

use egui::epaint::Mesh;
use egui::{Color32, ColorImage, Pos2, Rect, Shape, TextureHandle, TextureOptions, pos2, vec2};

/// Diameters, in texels, of the discs in the atlas. Each disc is drawn from the one closest
/// to its size on screen, so sampling never shrinks a disc much (no mipmaps needed, and
/// their generation is not something every renderer does the same way).
const DISC_SIZES: [usize; 7] = [8, 12, 16, 24, 32, 48, 64];
/// Empty texels around each disc, so bilinear sampling never picks up a neighbour.
const PAD: usize = 2;

/// Textures shared by the views.
pub struct Sprites {
    atlas: TextureHandle,
    /// UV rect of each disc of [`DISC_SIZES`].
    uvs: [Rect; DISC_SIZES.len()],
}

impl Sprites {
    pub fn new(ctx: &egui::Context) -> Sprites {
        let height = DISC_SIZES[DISC_SIZES.len() - 1] + 2 * PAD;
        let width: usize = DISC_SIZES.iter().map(|d| d + 2 * PAD).sum();
        let mut pixels = vec![Color32::TRANSPARENT; width * height];
        let mut uvs = [Rect::NOTHING; DISC_SIZES.len()];
        let mut left = 0;
        for (slot, &size) in DISC_SIZES.iter().enumerate() {
            let (x0, y0) = (left + PAD, PAD);
            let center = size as f32 / 2.0;
            for y in 0..size {
                for x in 0..size {
                    let d = (x as f32 + 0.5 - center).hypot(y as f32 + 0.5 - center);
                    // One texel of anti-aliased edge.
                    let alpha = (center - d + 0.5).clamp(0.0, 1.0);
                    pixels[(y0 + y) * width + x0 + x] =
                        Color32::from_white_alpha((alpha * 255.0).round() as u8);
                }
            }
            uvs[slot] = Rect::from_min_max(
                pos2(x0 as f32 / width as f32, y0 as f32 / height as f32),
                pos2(
                    (x0 + size) as f32 / width as f32,
                    (y0 + size) as f32 / height as f32,
                ),
            );
            left += size + 2 * PAD;
        }
        let image = ColorImage::new([width, height], pixels);
        Sprites {
            atlas: ctx.load_texture("chronomap-discs", image, TextureOptions::LINEAR),
            uvs,
        }
    }

    /// An empty batch of discs for a screen of `pixels_per_point`.
    pub fn discs(&self, pixels_per_point: f32) -> Discs {
        Discs {
            mesh: Mesh::with_texture(self.atlas.id()),
            uvs: self.uvs,
            pixels_per_point,
        }
    }
}

/// Discs painted in the order they are added, as one mesh.
pub struct Discs {
    mesh: Mesh,
    uvs: [Rect; DISC_SIZES.len()],
    pixels_per_point: f32,
}

impl Discs {
    pub fn disc(&mut self, center: Pos2, radius: f32, color: Color32) {
        if radius <= 0.0 || color.a() == 0 {
            return;
        }
        let rect = Rect::from_center_size(center, vec2(2.0 * radius, 2.0 * radius));
        let diameter_px = 2.0 * radius * self.pixels_per_point;
        let slot = DISC_SIZES
            .iter()
            .position(|&d| d as f32 >= diameter_px)
            .unwrap_or(DISC_SIZES.len() - 1);
        self.mesh.add_rect_with_uv(rect, self.uvs[slot], color);
    }

    /// A disc with a ring of `ring_color` around it, `ring` points wide.
    pub fn ringed(
        &mut self,
        center: Pos2,
        radius: f32,
        fill: Color32,
        ring: f32,
        ring_color: Color32,
    ) {
        self.disc(center, radius + ring, ring_color);
        self.disc(center, radius, fill);
    }

    /// Room for `n` more discs, so a frame's batch grows once rather than by doubling.
    pub fn reserve(&mut self, n: usize) {
        self.mesh.vertices.reserve(4 * n);
        self.mesh.indices.reserve(6 * n);
    }

    pub fn len(&self) -> usize {
        self.mesh.vertices.len() / 4
    }

    pub fn is_empty(&self) -> bool {
        self.mesh.is_empty()
    }

    pub fn into_shape(self) -> Shape {
        Shape::mesh(self.mesh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discs_are_four_vertices_each_and_sample_their_own_size() {
        let ctx = egui::Context::default();
        let sprites = Sprites::new(&ctx);
        let mut discs = sprites.discs(1.0);
        discs.disc(pos2(10.0, 10.0), 5.0, Color32::RED);
        discs.ringed(pos2(30.0, 10.0), 20.0, Color32::RED, 1.5, Color32::WHITE);
        discs.disc(pos2(0.0, 0.0), 0.0, Color32::RED);
        assert_eq!(discs.len(), 3);
        let Shape::Mesh(mesh) = discs.into_shape() else {
            panic!("discs are one mesh");
        };
        // A 10-point disc samples the 12-texel disc; a 43-point one the 48-texel disc.
        let uv_width =
            |quad: usize| mesh.vertices[quad * 4 + 1].uv.x - mesh.vertices[quad * 4].uv.x;
        let atlas_width: usize = DISC_SIZES.iter().map(|d| d + 2 * PAD).sum();
        assert!((uv_width(0) * atlas_width as f32 - 12.0).abs() < 1e-3);
        assert!((uv_width(1) * atlas_width as f32 - 48.0).abs() < 1e-3);
    }
}
