//! The basemap drawn by the GPU from buffers uploaded once.
//!
//! egui re-tessellates every shape every frame; for the ~60k land triangles and ~100k line
//! points of the basemap that alone cost several milliseconds of CPU per frame. Here the
//! geometry lives in wgpu buffers and each frame only writes three small uniform blocks
//! (where the map looks, and each layer's colour and width), so the basemap's CPU cost per
//! frame no longer depends on its size.
//!
//! Lines are drawn as triangle strips widened in the vertex shader by a fixed number of
//! screen points, with a one-pixel feathered edge for anti-aliasing, like egui's own lines.

use std::ops::Range;

use eframe::egui_wgpu::{self, CallbackResources, CallbackTrait, ScreenDescriptor, wgpu};
use egui::{Color32, Pos2, Rect, vec2};
use wgpu::util::DeviceExt as _;

use crate::views::basemap::{Basemap, BasemapStyle, MapView, level_for_zoom};

const SHADER: &str = r"
struct Locals {
    center: vec2<f32>,
    rect_size: vec2<f32>,
    color: vec4<f32>,
    world: f32,
    half_width: f32,
    feather: f32,
    linear_target: f32,
};

@group(0) @binding(0) var<uniform> u: Locals;

struct VsOut {
    @builtin(position) position: vec4<f32>,
    @location(0) side: f32,
};

@vertex
fn vs_main(@location(0) unit: vec2<f32>, @location(1) normal: vec2<f32>, @location(2) side: f32) -> VsOut {
    let reach = u.half_width + u.feather;
    let p = (unit - u.center) * u.world + u.rect_size * 0.5 + normal * side * reach;
    var out: VsOut;
    out.position = vec4<f32>(p.x / u.rect_size.x * 2.0 - 1.0, 1.0 - p.y / u.rect_size.y * 2.0, 0.0, 1.0);
    out.side = side;
    return out;
}

fn linear_from_gamma(srgb: vec3<f32>) -> vec3<f32> {
    let cutoff = srgb < vec3<f32>(0.04045);
    let lower = srgb / vec3<f32>(12.92);
    let higher = pow((srgb + vec3<f32>(0.055)) / vec3<f32>(1.055), vec3<f32>(2.4));
    return select(higher, lower, cutoff);
}

@fragment
fn fs_main(in: VsOut) -> @location(0) vec4<f32> {
    var coverage = 1.0;
    if u.feather > 0.0 {
        let reach = u.half_width + u.feather;
        coverage = clamp((reach - abs(in.side) * reach) / u.feather, 0.0, 1.0);
    }
    var color = u.color;
    if u.linear_target > 0.5 {
        color = vec4<f32>(linear_from_gamma(color.rgb), color.a);
    }
    // Premultiplied alpha, as egui blends.
    return vec4<f32>(color.rgb * color.a, color.a) * coverage;
}
";

/// Bytes of one vertex: unit position, normal, side (5 × f32).
const VERTEX_SIZE: u64 = 20;
/// Bytes of one uniform block (see `Locals` above).
const LOCALS_SIZE: u64 = 48;

/// Geometry in the form the buffers take: interleaved vertices and triangle indices.
#[derive(Default)]
struct Geometry {
    vertices: Vec<f32>,
    indices: Vec<u32>,
}

impl Geometry {
    fn vertex_count(&self) -> u32 {
        (self.vertices.len() / 5) as u32
    }

    fn push_vertex(&mut self, p: Pos2, normal: egui::Vec2, side: f32) {
        self.vertices
            .extend_from_slice(&[p.x, p.y, normal.x, normal.y, side]);
    }

    fn land(&mut self, basemap: &Basemap) -> Range<u32> {
        let start = self.indices.len() as u32;
        for (vertices, indices) in basemap.land_chunks() {
            let base = self.vertex_count();
            for v in vertices {
                self.push_vertex(*v, egui::Vec2::ZERO, 0.0);
            }
            self.indices.extend(indices.iter().map(|i| base + i));
        }
        start..self.indices.len() as u32
    }

    /// A strip two vertices wide along each piece; the shader pushes them apart.
    fn lines(&mut self, pieces: &[&[Pos2]]) -> Range<u32> {
        let start = self.indices.len() as u32;
        for points in pieces {
            if points.len() < 2 {
                continue;
            }
            let base = self.vertex_count();
            let direction = |i: usize| (points[i + 1] - points[i]).normalized();
            let n = points.len();
            for (i, p) in points.iter().enumerate() {
                let before = (i > 0).then(|| direction(i - 1).rot90());
                let after = (i + 1 < n).then(|| direction(i).rot90());
                let normal = match (before, after) {
                    (Some(a), Some(b)) => {
                        // Miter: the average normal, lengthened so both edges keep their
                        // width, within limits at sharp corners.
                        let m = (a + b).normalized();
                        let cos = m.dot(b).max(0.4);
                        m / cos
                    }
                    (Some(a), None) => a,
                    (None, Some(b)) => b,
                    (None, None) => egui::Vec2::ZERO,
                };
                let normal = if normal.is_finite() {
                    normal
                } else {
                    egui::Vec2::ZERO
                };
                self.push_vertex(*p, normal, 1.0);
                self.push_vertex(*p, normal, -1.0);
            }
            for i in 0..(n as u32 - 1) {
                let (a, b, c, d) = (
                    base + 2 * i,
                    base + 2 * i + 1,
                    base + 2 * i + 2,
                    base + 2 * i + 3,
                );
                self.indices.extend_from_slice(&[a, b, c, b, d, c]);
            }
        }
        start..self.indices.len() as u32
    }
}

/// What stays on the GPU: the pipeline, the geometry, one uniform block per layer.
pub struct BasemapGpu {
    pipeline: wgpu::RenderPipeline,
    vertices: wgpu::Buffer,
    indices: wgpu::Buffer,
    land: Range<u32>,
    /// Per level of detail.
    borders: Vec<Range<u32>>,
    coastlines: Vec<Range<u32>>,
    /// Land, borders, coastlines.
    locals: [wgpu::Buffer; 3],
    bind_groups: [wgpu::BindGroup; 3],
    linear_target: bool,
}

/// Upload the basemap and register the pipeline with egui's renderer. Afterwards
/// [`BasemapCallback`] shapes draw it.
pub fn install(render_state: &egui_wgpu::RenderState, basemap: &Basemap) {
    let device = &render_state.device;
    let mut geometry = Geometry::default();
    let land = geometry.land(basemap);
    let borders = basemap
        .border_levels()
        .iter()
        .map(|level| geometry.lines(level))
        .collect();
    let coastlines = basemap
        .coastline_levels()
        .iter()
        .map(|level| geometry.lines(level))
        .collect();

    let bytes_f32 = |values: &[f32]| {
        values
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<u8>>()
    };
    let bytes_u32 = |values: &[u32]| {
        values
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<u8>>()
    };
    let vertices = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
        label: Some("chronomap_basemap_vertices"),
        contents: &bytes_f32(&geometry.vertices),
        usage: wgpu::BufferUsages::VERTEX,
    });
    let indices = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
        label: Some("chronomap_basemap_indices"),
        contents: &bytes_u32(&geometry.indices),
        usage: wgpu::BufferUsages::INDEX,
    });

    let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
        label: Some("chronomap_basemap_locals_layout"),
        entries: &[wgpu::BindGroupLayoutEntry {
            binding: 0,
            visibility: wgpu::ShaderStages::VERTEX | wgpu::ShaderStages::FRAGMENT,
            ty: wgpu::BindingType::Buffer {
                ty: wgpu::BufferBindingType::Uniform,
                has_dynamic_offset: false,
                min_binding_size: std::num::NonZeroU64::new(LOCALS_SIZE),
            },
            count: None,
        }],
    });
    let locals: [wgpu::Buffer; 3] = std::array::from_fn(|i| {
        device.create_buffer(&wgpu::BufferDescriptor {
            label: Some(
                [
                    "chronomap_basemap_land",
                    "chronomap_basemap_borders",
                    "chronomap_basemap_coast",
                ][i],
            ),
            size: LOCALS_SIZE,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        })
    });
    let bind_groups: [wgpu::BindGroup; 3] = std::array::from_fn(|i| {
        device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("chronomap_basemap_locals"),
            layout: &layout,
            entries: &[wgpu::BindGroupEntry {
                binding: 0,
                resource: locals[i].as_entire_binding(),
            }],
        })
    });

    let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
        label: Some("chronomap_basemap_shader"),
        source: wgpu::ShaderSource::Wgsl(SHADER.into()),
    });
    let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
        label: Some("chronomap_basemap_pipeline_layout"),
        bind_group_layouts: &[Some(&layout)],
        immediate_size: 0,
    });
    let pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
        label: Some("chronomap_basemap_pipeline"),
        layout: Some(&pipeline_layout),
        vertex: wgpu::VertexState {
            module: &module,
            entry_point: Some("vs_main"),
            buffers: &[Some(wgpu::VertexBufferLayout {
                array_stride: VERTEX_SIZE,
                step_mode: wgpu::VertexStepMode::Vertex,
                attributes: &wgpu::vertex_attr_array![0 => Float32x2, 1 => Float32x2, 2 => Float32],
            })],
            compilation_options: wgpu::PipelineCompilationOptions::default(),
        },
        primitive: wgpu::PrimitiveState {
            topology: wgpu::PrimitiveTopology::TriangleList,
            cull_mode: None,
            ..wgpu::PrimitiveState::default()
        },
        // egui's render pass: no depth buffer, no multisampling (eframe's defaults, which
        // `run` keeps, and kittest's).
        depth_stencil: None,
        multisample: wgpu::MultisampleState::default(),
        fragment: Some(wgpu::FragmentState {
            module: &module,
            entry_point: Some("fs_main"),
            targets: &[Some(wgpu::ColorTargetState {
                format: render_state.target_format,
                blend: Some(wgpu::BlendState::PREMULTIPLIED_ALPHA_BLENDING),
                write_mask: wgpu::ColorWrites::ALL,
            })],
            compilation_options: wgpu::PipelineCompilationOptions::default(),
        }),
        multiview_mask: None,
        cache: None,
    });

    render_state
        .renderer
        .write()
        .callback_resources
        .insert(BasemapGpu {
            pipeline,
            vertices,
            indices,
            land,
            borders,
            coastlines,
            locals,
            bind_groups,
            linear_target: render_state.target_format.is_srgb(),
        });
}

/// One frame's basemap: where the map looks and how the layers look.
#[derive(Clone, Copy, Debug)]
pub struct BasemapCallback {
    pub view: MapView,
    pub style: BasemapStyle,
}

impl BasemapCallback {
    /// The paint callback shape covering the map's rect.
    pub fn shape(self) -> egui::Shape {
        egui::Shape::Callback(egui_wgpu::Callback::new_paint_callback(
            self.view.rect,
            self,
        ))
    }

    /// Line widths in points for the current zoom (coastlines a little heavier up close).
    fn widths(&self) -> (f32, f32) {
        let coast = if self.view.zoom() < 4.0 { 0.8 } else { 1.2 };
        (0.7, coast)
    }

    fn locals(&self, color: Color32, width: f32, linear_target: bool) -> Vec<u8> {
        let rect: Rect = self.view.rect;
        let size = rect.size().max(vec2(1.0, 1.0));
        let rgba = color.to_normalized_gamma_f32();
        let feather = if width > 0.0 {
            1.0 / self.view.pixels_per_point.max(0.1)
        } else {
            0.0
        };
        let values: [f32; 12] = [
            self.view.center_unit.0 as f32,
            self.view.center_unit.1 as f32,
            size.x,
            size.y,
            rgba[0],
            rgba[1],
            rgba[2],
            rgba[3],
            self.view.world_size as f32,
            // Thin lines fade rather than thin out, as egui does.
            (width / 2.0 - feather / 2.0).max(0.0),
            feather,
            if linear_target { 1.0 } else { 0.0 },
        ];
        values.iter().flat_map(|v| v.to_le_bytes()).collect()
    }
}

impl CallbackTrait for BasemapCallback {
    fn prepare(
        &self,
        _device: &wgpu::Device,
        queue: &wgpu::Queue,
        _screen_descriptor: &ScreenDescriptor,
        _egui_encoder: &mut wgpu::CommandEncoder,
        resources: &mut CallbackResources,
    ) -> Vec<wgpu::CommandBuffer> {
        if let Some(gpu) = resources.get::<BasemapGpu>() {
            let (border, coast) = self.widths();
            let layers = [
                (self.style.land, 0.0),
                (self.style.border, border),
                (self.style.coastline, coast),
            ];
            for ((color, width), buffer) in layers.into_iter().zip(&gpu.locals) {
                queue.write_buffer(buffer, 0, &self.locals(color, width, gpu.linear_target));
            }
        }
        Vec::new()
    }

    fn paint(
        &self,
        _info: egui::PaintCallbackInfo,
        render_pass: &mut wgpu::RenderPass<'static>,
        resources: &CallbackResources,
    ) {
        let Some(gpu) = resources.get::<BasemapGpu>() else {
            return;
        };
        let level = level_for_zoom(self.view.zoom());
        let pick =
            |levels: &[Range<u32>]| levels.get(level).or(levels.last()).cloned().unwrap_or(0..0);
        render_pass.set_pipeline(&gpu.pipeline);
        render_pass.set_vertex_buffer(0, gpu.vertices.slice(..));
        render_pass.set_index_buffer(gpu.indices.slice(..), wgpu::IndexFormat::Uint32);
        for (bind_group, range) in gpu.bind_groups.iter().zip([
            gpu.land.clone(),
            pick(&gpu.borders),
            pick(&gpu.coastlines),
        ]) {
            if range.is_empty() {
                continue;
            }
            render_pass.set_bind_group(0, bind_group, &[]);
            render_pass.draw_indexed(range, 0, 0..1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn lines_become_strips_two_vertices_wide() {
        let mut g = Geometry::default();
        let line = [pos2(0.0, 0.0), pos2(1.0, 0.0), pos2(1.0, 1.0)];
        let range = g.lines(&[&line]);
        assert_eq!(g.vertex_count(), 6);
        assert_eq!(range, 0..12);
        // The end normals are perpendicular to their segments; the corner is mitered.
        let normal = |v: usize| vec2(g.vertices[v * 5 + 2], g.vertices[v * 5 + 3]);
        // (Which side is "+" does not matter: each point has a vertex on both.)
        assert_eq!(normal(0).abs(), vec2(0.0, 1.0));
        assert_eq!(normal(4).abs(), vec2(1.0, 0.0));
        let corner = normal(2);
        assert!(
            (corner.length() - std::f32::consts::SQRT_2).abs() < 1e-4,
            "{corner:?}"
        );
        // Every index points at a vertex.
        assert!(g.indices.iter().all(|i| *i < g.vertex_count()));
    }

    #[test]
    fn the_whole_basemap_fits_in_buffers() {
        let basemap = crate::views::basemap::embedded()
            .as_ref()
            .expect("embedded basemap parses");
        let mut g = Geometry::default();
        let land = g.land(basemap);
        assert_eq!(land.len(), basemap.land_triangle_count() * 3);
        let levels = basemap.coastline_levels();
        let ranges: Vec<Range<u32>> = levels.iter().map(|l| g.lines(l)).collect();
        // Coarser levels draw fewer triangles.
        assert!(ranges.windows(2).all(|w| w[0].len() <= w[1].len()));
        assert!(g.indices.iter().all(|i| *i < g.vertex_count()));
        assert!(g.vertices.iter().all(|v| v.is_finite()));
    }
}
