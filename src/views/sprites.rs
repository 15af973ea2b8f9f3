//! Markers drawn as textured quads: four vertices per disc instead of the hundred or so an
//! anti-aliased egui circle tessellates into, which is what keeps thousands of timeline
//! marks and map markers cheap per frame.

use egui::epaint::{Mesh, TextureId};
use egui::{Color32, ColorImage, Pos2, Rect, Shape, TextureHandle, TextureOptions, pos2, vec2};

/// Side of the disc texture, in texels. Mipmapped, so small discs stay smooth.
const DISC_TEXELS: usize = 64;

/// Textures shared by the views.
pub struct Sprites {
    disc: TextureHandle,
}

impl Sprites {
    pub fn new(ctx: &egui::Context) -> Sprites {
        let n = DISC_TEXELS;
        let center = n as f32 / 2.0;
        let radius = center - 1.0;
        let pixels = (0..n * n)
            .map(|i| {
                let (x, y) = ((i % n) as f32 + 0.5, (i / n) as f32 + 0.5);
                let d = (x - center).hypot(y - center);
                // One texel of anti-aliased edge.
                let alpha = (radius - d + 0.5).clamp(0.0, 1.0);
                Color32::from_white_alpha((alpha * 255.0).round() as u8)
            })
            .collect();
        let image = ColorImage::new([n, n], pixels);
        let options = TextureOptions {
            mipmap_mode: Some(egui::TextureFilter::Linear),
            ..TextureOptions::LINEAR
        };
        Sprites {
            disc: ctx.load_texture("chronomap-disc", image, options),
        }
    }

    fn disc_id(&self) -> TextureId {
        self.disc.id()
    }

    /// An empty batch of discs.
    pub fn discs(&self) -> Discs {
        Discs {
            mesh: Mesh::with_texture(self.disc_id()),
        }
    }
}

/// Discs painted in the order they are added, as one mesh.
pub struct Discs {
    mesh: Mesh,
}

impl Discs {
    pub fn disc(&mut self, center: Pos2, radius: f32, color: Color32) {
        if radius <= 0.0 || color.a() == 0 {
            return;
        }
        let rect = Rect::from_center_size(center, vec2(2.0 * radius, 2.0 * radius));
        self.mesh.add_rect_with_uv(
            rect,
            Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
            color,
        );
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
