//! The timeline: calendar time across, one lane per place/actor/outlet/article/kind down.
//!
//! egui_plot provides the axes, the calendar grid, zoom and pan; the events themselves are
//! painted here over the plot, because they are aggregated per screen column (thousands of
//! events in one lane at a decade's zoom become a few hundred marks) and hit-tested here.
//! The aggregation is cached until the view, the lanes or the highlights change.

use chrono::NaiveDate;
use egui::text::{LayoutJob, TextWrapping};
use egui::{
    Align2, Color32, CornerRadius, FontId, Id, Pos2, Rect, Sense, Shape, Stroke, StrokeKind, Ui,
    pos2, vec2,
};
use egui_plot::{Plot, PlotTransform};

use crate::app::command::Command;
use crate::app::selection::{Highlight, Item};
use crate::model::{EventId, EventKind};
use crate::views::ViewCtx;
use crate::views::calendar::{calendar_grid, date_at, day_x, format_span, tick_label};
use crate::views::sprites::Discs;
use crate::views::theme::{self, kind_color};
use crate::views::view_model::{Lane, ViewModel};
use crate::views::widgets;

/// Height of one lane, in points, when there is room; lanes shrink to fit down to
/// `MIN_LANE_HEIGHT`, then scroll. Lanes keep their height when zooming time.
pub const LANE_HEIGHT: f32 = 30.0;
const MIN_LANE_HEIGHT: f32 = 22.0;
const MARKER_RADIUS: f32 = 6.0;
/// Day markers closer than this many points merge into one mark with a count.
const COLUMN_WIDTH: f32 = 7.0;
/// Spans narrower than this are drawn as markers.
const MIN_BAR_WIDTH: f32 = 5.0;
const BAR_HEIGHT: f32 = 10.0;
const LABEL_MAX_WIDTH: f32 = 180.0;
/// Above this many marks on screen, marks get no widget of their own (hover and clicks still
/// work through the plot); below it each is a labelled widget for screen readers and tests.
const MAX_MARK_WIDGETS: usize = 300;
/// Narrowest and widest time windows, in days.
const MIN_WINDOW_DAYS: f64 = 3.0;
const MAX_WINDOW_DAYS: f64 = 365.25 * 300.0;

/// The timeline's own memory between frames.
#[derive(Default)]
pub struct TimelineState {
    /// Fit the time axis to all the data on the next frame.
    pub fit_requested: bool,
    /// Show where most events are on the next frame (as on the first one).
    pub focus_requested: bool,
    /// Show these days (x values) on the next frame.
    pub zoom_to: Option<(f64, f64)>,
    /// Scroll so this event is in view on the next frame.
    pub reveal: Option<EventId>,
    brush_from: Option<f64>,
    transform: Option<PlotTransform>,
    marks: MarkCache,
}

impl TimelineState {
    /// Screen x of the middle of `date` as last drawn.
    pub fn screen_x(&self, date: NaiveDate) -> Option<f32> {
        self.transform
            .as_ref()
            .map(|t| t.position_from_point_x(day_x(date) + 0.5))
    }

    /// The plot area as last drawn.
    pub fn plot_rect(&self) -> Option<Rect> {
        self.transform.as_ref().map(|t| *t.frame())
    }

    /// Screen y of the middle of lane `lane` as last drawn.
    pub fn lane_y(&self, lane: usize) -> Option<f32> {
        self.transform
            .as_ref()
            .map(|t| t.position_from_point_y(lane as f64))
    }

    /// The days shown, as last drawn.
    pub fn window(&self) -> Option<(f64, f64)> {
        self.transform
            .as_ref()
            .map(|t| (t.bounds().min()[0], t.bounds().max()[0]))
    }
}

/// One drawn thing: an event, or several that fall in the same column of a lane.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Mark {
    lane: usize,
    /// For bars the bar; for markers the marker's bounding square.
    rect: Rect,
    is_bar: bool,
    count: u32,
    /// The member drawn most prominently (the selected one, if it is here).
    event: EventId,
    kind: EventKind,
    mixed_kinds: bool,
    all_approximate: bool,
    all_planned: bool,
    highlight: Highlight,
    /// Every member lies outside the brushed time range.
    outside_range: bool,
    /// Days covered by the members.
    from: f64,
    to: f64,
    /// The most sources (articles) any member story has; 1 for mentions.
    sources: u32,
}

impl Mark {
    fn radius(&self) -> f32 {
        if self.count > 1 {
            MARKER_RADIUS + (self.count as f32).log2().min(5.0) * 1.3
        } else {
            // A story told by several articles weighs more.
            MARKER_RADIUS + (self.sources.max(1) as f32).log2().min(4.0) * 1.6
        }
    }

    fn hit_rect(&self) -> Rect {
        if self.is_bar {
            self.rect.expand2(vec2(0.0, 3.0))
        } else {
            Rect::from_center_size(self.rect.center(), vec2(2.0, 2.0) * (self.radius() + 3.0))
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
struct MarkKey {
    lanes_version: u64,
    highlights_version: u64,
    frame: Rect,
    bounds: [f64; 4],
    time: Option<(NaiveDate, NaiveDate)>,
}

#[derive(Default)]
struct MarkCache {
    key: Option<MarkKey>,
    marks: Vec<Mark>,
    /// (lane, events before the view, events after the view) for the visible lanes.
    hidden: Vec<(usize, usize, usize)>,
}

/// How many of a lane's events lie wholly before and wholly after `[x_min, x_max]`.
fn hidden_counts(lane: &Lane, x_min: f64, x_max: f64) -> (usize, usize) {
    let items = &lane.items;
    let after = items.len() - items.partition_point(|i| i.start <= x_max);
    let surely_before = items.partition_point(|i| i.start < x_min - lane.max_len);
    let starts_before = items.partition_point(|i| i.start < x_min);
    let before = surely_before
        + items[surely_before..starts_before.max(surely_before)]
            .iter()
            .filter(|i| i.end <= x_min)
            .count();
    (before, after)
}

/// Running merge of consecutive items into one mark.
struct Acc {
    mark: Mark,
    x_sum: f32,
    column: i64,
}

impl Acc {
    fn start(mark: Mark, x: f32, column: i64) -> Acc {
        Acc {
            mark,
            x_sum: x,
            column,
        }
    }

    fn add(&mut self, other: &Mark, x: f32) {
        let m = &mut self.mark;
        m.count += 1;
        self.x_sum += x;
        m.mixed_kinds |= other.kind != m.kind;
        m.all_approximate &= other.all_approximate;
        m.all_planned &= other.all_planned;
        m.outside_range &= other.outside_range;
        m.from = m.from.min(other.from);
        m.to = m.to.max(other.to);
        m.sources = m.sources.max(other.sources);
        m.rect = m.rect.union(other.rect);
        if other.highlight > m.highlight {
            m.highlight = other.highlight;
            m.event = other.event;
            m.kind = other.kind;
        }
    }

    fn finish(self) -> Mark {
        let mut mark = self.mark;
        if !mark.is_bar {
            let x = self.x_sum / mark.count as f32;
            let r = mark.radius();
            mark.rect =
                Rect::from_center_size(pos2(x, mark.rect.center().y), vec2(2.0 * r, 2.0 * r));
        }
        mark
    }
}

fn build_marks(
    vm: &ViewModel,
    transform: &PlotTransform,
    time: Option<(f64, f64)>,
    out: &mut Vec<Mark>,
) {
    out.clear();
    let frame = *transform.frame();
    let bounds = transform.bounds();
    let (x_min, x_max) = (bounds.min()[0], bounds.max()[0]);
    let (y_min, y_max) = (bounds.min()[1], bounds.max()[1]);
    let lanes = &vm.lanes.lanes;
    if lanes.is_empty() {
        return;
    }
    let first = (y_min - 0.5).ceil().max(0.0) as usize;
    let last = ((y_max + 0.5).floor().max(0.0) as usize).min(lanes.len() - 1);
    for (lane_index, lane) in lanes.iter().enumerate().take(last + 1).skip(first) {
        lane_marks(
            vm,
            transform,
            frame,
            lane_index,
            lane,
            (x_min, x_max),
            time,
            out,
        );
    }
}

#[expect(clippy::too_many_arguments, reason = "one call site, all plain inputs")]
fn lane_marks(
    vm: &ViewModel,
    transform: &PlotTransform,
    frame: Rect,
    lane_index: usize,
    lane: &Lane,
    (x_min, x_max): (f64, f64),
    time: Option<(f64, f64)>,
    out: &mut Vec<Mark>,
) {
    let y = transform.position_from_point_y(lane_index as f64);
    let mut points: Option<Acc> = None;
    let mut bars: Option<Acc> = None;
    for item in lane.items_in(x_min, x_max) {
        let x0 = transform.position_from_point_x(item.start);
        let x1 = transform.position_from_point_x(item.end);
        if x1 < frame.left() - 2.0 * MARKER_RADIUS || x0 > frame.right() + 2.0 * MARKER_RADIUS {
            continue;
        }
        let is_bar = item.span && x1 - x0 >= MIN_BAR_WIDTH;
        let mark = Mark {
            lane: lane_index,
            rect: if is_bar {
                Rect::from_x_y_ranges(x0..=x1, (y - BAR_HEIGHT / 2.0)..=(y + BAR_HEIGHT / 2.0))
            } else {
                Rect::from_center_size(pos2((x0 + x1) / 2.0, y), vec2(1.0, 1.0))
            },
            is_bar,
            count: 1,
            event: item.event,
            kind: item.kind,
            mixed_kinds: false,
            all_approximate: item.approximate,
            all_planned: item.planned,
            highlight: vm.highlights.event(item.event),
            outside_range: time.is_some_and(|(a, b)| item.end <= a || item.start >= b),
            from: item.start,
            to: item.end,
            sources: item.sources,
        };
        if is_bar {
            // Bars merge only when they cover the same pixels (many "November 2025"s).
            let column = ((x0.round() as i64) << 20) ^ (x1.round() as i64);
            match &mut bars {
                Some(acc) if acc.column == column => acc.add(&mark, x0),
                _ => {
                    if let Some(done) = bars.replace(Acc::start(mark, x0, column)) {
                        out.push(done.finish());
                    }
                }
            }
        } else {
            let x = (x0 + x1) / 2.0;
            let column = (x / COLUMN_WIDTH).floor() as i64;
            match &mut points {
                Some(acc) if acc.column == column => acc.add(&mark, x),
                _ => {
                    if let Some(done) = points.replace(Acc::start(mark, x, column)) {
                        out.push(done.finish());
                    }
                }
            }
        }
    }
    out.extend(bars.map(Acc::finish));
    out.extend(points.map(Acc::finish));
}

/// What painting the marks produces, in paint order: bars and whiskers (plain quads) under
/// the markers, the markers as one batch of discs, counts and highlight rings on top.
struct MarkShapes {
    bars: egui::epaint::Mesh,
    discs: Discs,
    over: Vec<Shape>,
}

fn paint_mark(out: &mut MarkShapes, fonts: &egui::Painter, mark: &Mark) {
    let base = if mark.mixed_kinds {
        Color32::from_gray(95)
    } else {
        kind_color(mark.kind)
    };
    let fade = if mark.highlight == Highlight::Dimmed || mark.outside_range {
        0.22
    } else {
        1.0
    };
    let color = base.gamma_multiply(fade);
    let ring = match mark.highlight {
        Highlight::Selected => Some(Stroke::new(2.5, theme::INK)),
        Highlight::Hovered => Some(Stroke::new(2.0, theme::ACCENT)),
        Highlight::Related => Some(Stroke::new(1.5, theme::ACCENT)),
        Highlight::None | Highlight::Dimmed => None,
    };

    if mark.is_bar {
        let rect = mark.rect;
        let fill = if mark.all_approximate {
            color.gamma_multiply(0.35)
        } else {
            color.gamma_multiply(0.8)
        };
        // Plain quads rather than rounded rect shapes: a thousand bars would otherwise
        // tessellate into ~75 vertices each.
        outlined_rect(&mut out.bars, rect, fill, color);
        if mark.all_approximate {
            // Whiskers at both ends: the edges of the span are not certain.
            for x in [rect.left(), rect.right()] {
                out.bars.add_colored_rect(
                    Rect::from_x_y_ranges(
                        (x - 0.5)..=(x + 0.5),
                        (rect.top() - 3.0)..=(rect.bottom() + 3.0),
                    ),
                    color,
                );
            }
        }
        if mark.count > 1 && rect.width() > 22.0 {
            out.over.push(text_shape(
                fonts,
                rect.center(),
                mark.count.to_string(),
                FontId::proportional(9.5),
                theme::INK.gamma_multiply(fade),
            ));
        }
        if let Some(ring) = ring {
            out.over.push(Shape::Rect(egui::epaint::RectShape::stroke(
                rect.expand(2.5),
                CornerRadius::same(4),
                ring,
                StrokeKind::Middle,
            )));
        }
        return;
    }

    let center = mark.rect.center();
    let r = mark.radius();
    if mark.all_approximate {
        // A "±" whisker: the day is only roughly known. Axis-aligned, so plain quads.
        let reach = r + 6.0;
        out.bars.add_colored_rect(
            Rect::from_center_size(center, vec2(2.0 * reach, 1.2)),
            color,
        );
        for dx in [-reach, reach] {
            out.bars.add_colored_rect(
                Rect::from_center_size(center + vec2(dx, 0.0), vec2(1.2, 6.0)),
                color,
            );
        }
    }
    if mark.all_planned {
        // Announced, not (yet) reported as done: hollow.
        out.discs.ringed(
            center,
            r - 2.0,
            Color32::WHITE.gamma_multiply(fade),
            2.0,
            color,
        );
    } else {
        let fill = if mark.all_approximate {
            color.gamma_multiply(0.55)
        } else {
            color
        };
        out.discs.ringed(
            center,
            r - 1.0,
            fill,
            1.0,
            Color32::WHITE.gamma_multiply(fade),
        );
    }
    if mark.count > 1 && r >= 7.0 {
        let text_color = if mark.all_planned {
            color
        } else {
            Color32::WHITE
        };
        out.over.push(text_shape(
            fonts,
            center,
            compact_count(mark.count),
            FontId::proportional(9.0),
            text_color,
        ));
    }
    if let Some(ring) = ring {
        out.over.push(Shape::circle_stroke(center, r + 2.5, ring));
    }
}

/// A filled rect with a one-point border, as five quads.
fn outlined_rect(mesh: &mut egui::epaint::Mesh, rect: Rect, fill: Color32, border: Color32) {
    let inner = rect.shrink(1.0);
    mesh.add_colored_rect(inner, fill);
    for edge in [
        Rect::from_x_y_ranges(rect.x_range(), rect.top()..=inner.top()),
        Rect::from_x_y_ranges(rect.x_range(), inner.bottom()..=rect.bottom()),
        Rect::from_x_y_ranges(rect.left()..=inner.left(), inner.y_range()),
        Rect::from_x_y_ranges(inner.right()..=rect.right(), inner.y_range()),
    ] {
        mesh.add_colored_rect(edge, border);
    }
}

/// Text centred on `center`, as a shape to paint later.
fn text_shape(
    painter: &egui::Painter,
    center: Pos2,
    text: String,
    font: FontId,
    color: Color32,
) -> Shape {
    let galley = painter.layout_no_wrap(text, font, color);
    let rect = Align2::CENTER_CENTER.anchor_size(center, galley.size());
    Shape::galley(rect.min, galley, color)
}

fn compact_count(n: u32) -> String {
    if n >= 10_000 {
        format!("{}k", n / 1000)
    } else if n >= 1000 {
        format!("{:.1}k", f64::from(n) / 1000.0)
    } else {
        n.to_string()
    }
}

/// The timeline with its header (title, legend, hints).
pub fn timeline_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &mut TimelineState) {
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new("Timeline")
                .strong()
                .color(theme::ink(ui)),
        );
        ui.label(
            widgets::muted(format!(
                "lanes by {}",
                ctx.state.lanes.label().to_lowercase()
            ))
            .small(),
        );
        ui.separator();
        widgets::legend(ui);
    });
    ui.label(
        widgets::muted(
            "Wheel: zoom (over names: scroll lanes) · drag: pan · Shift+drag: pick dates · double-click: fit · hollow: planned · faded with whiskers: approximate",
        )
        .small(),
    );
    plot_ui(ui, ctx, state);
}

fn plot_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, state: &mut TimelineState) {
    let vm = ctx.vm;
    let n_lanes = vm.lanes.lanes.len();
    let shift = ui.input(|i| i.modifiers.shift);
    let brushing = state.brush_from.is_some() || shift;

    let data_range = vm.lanes.range;
    let fit_range = fit_window(data_range);
    let first_frame = state.transform.is_none();
    let focus = std::mem::take(&mut state.focus_requested) || first_frame;
    let fit = std::mem::take(&mut state.fit_requested);
    // "Fit all" shows everything; a first look focuses on where most events are.
    let target_range = if fit {
        fit_range
    } else {
        vm.lanes.focus.unwrap_or(fit_range)
    };
    let fit = fit || focus;
    let zoom_to = state.zoom_to.take();
    let reveal = state
        .reveal
        .take()
        .map(|e| vm.unit(ctx.store, e))
        .and_then(|e| Some((e, vm.lanes.lane_of(e)?, lane_item_x(vm, e)?)));

    let plot = Plot::new("timeline")
        .invert_y(true)
        .show_axes([true, false])
        .show_grid([true, false])
        .x_grid_spacer(calendar_grid)
        .x_axis_formatter(tick_label)
        .allow_zoom([true, false])
        .allow_scroll(false)
        .allow_drag(!brushing)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .allow_axis_zoom_drag(false)
        .show_x(false)
        .show_y(false)
        .show_background(true)
        .grid_color(Color32::from_rgb(0x8a, 0x94, 0xa6))
        .include_x(fit_range.0)
        .include_x(fit_range.1)
        .include_y(-0.5)
        .include_y(n_lanes.max(1) as f64 - 0.5)
        .set_margin_fraction(vec2(0.0, 0.0))
        .sense(Sense::click_and_drag());

    let response = plot.show(ui, |plot_ui| {
        let frame = plot_ui.response().rect;
        let previous = plot_ui.plot_bounds();
        let hovered = plot_ui.response().contains_pointer();

        // Time: fit, explicit zoom, wheel zoom, horizontal scroll pan, clamped window.
        let (mut x_min, mut x_max) = if fit || !previous.is_valid_x() {
            target_range
        } else {
            (previous.min()[0], previous.max()[0])
        };
        if let Some((from, to)) = zoom_to {
            (x_min, x_max) = (from, to);
        }
        if let Some((_, _, (start, end))) = reveal
            && (end < x_min || start > x_max)
        {
            let half = (x_max - x_min) / 2.0;
            let mid = (start + end) / 2.0;
            (x_min, x_max) = (mid - half, mid + half);
        }
        let mut lane_scroll = 0.0;
        if hovered {
            let (scroll, pointer) = plot_ui
                .ctx()
                .input(|i| (i.smooth_scroll_delta, i.pointer.hover_pos()));
            let over_names = pointer.is_some_and(|p| p.x < frame.left() + LABEL_MAX_WIDTH + 16.0);
            if over_names {
                lane_scroll = scroll.y;
            } else if scroll.y != 0.0
                && let Some(pointer) = pointer
            {
                let factor = f64::from((-scroll.y * 0.004).exp());
                let at = plot_ui.plot_from_screen(pointer).x;
                x_min = at - (at - x_min) * factor;
                x_max = at + (x_max - at) * factor;
            }
            if scroll.x != 0.0 {
                let days_per_point = (x_max - x_min) / f64::from(frame.width().max(1.0));
                let delta = -f64::from(scroll.x) * days_per_point;
                x_min += delta;
                x_max += delta;
            }
        }
        let width = (x_max - x_min).clamp(MIN_WINDOW_DAYS, MAX_WINDOW_DAYS);
        let mid = (x_min + x_max) / 2.0;
        plot_ui.set_plot_bounds_x((mid - width / 2.0)..=(mid + width / 2.0));

        // Lanes: a fixed height each, scrolled by dragging (or the wheel over their names),
        // never past the first or last.
        let lane_height =
            (frame.height() / n_lanes.max(1) as f32).clamp(MIN_LANE_HEIGHT, LANE_HEIGHT);
        let visible_lanes = f64::from(frame.height() / lane_height).max(1.0);
        let mut top = if fit || !previous.is_valid_y() {
            -0.5
        } else {
            previous.min()[1]
        };
        if let Some((_, lane, _)) = reveal {
            let lane = lane as f64;
            if lane - 0.5 < top || lane + 0.5 > top + visible_lanes {
                top = lane - visible_lanes / 2.0;
            }
        }
        top -= f64::from(lane_scroll / lane_height);
        let max_top = (n_lanes as f64 - 0.5 - visible_lanes).max(-0.5);
        top = top.clamp(-0.5, max_top);
        plot_ui.set_plot_bounds_y(top..=(top + visible_lanes));
    });

    let transform = response.transform;
    let plot_response = response.response;
    state.transform = Some(transform);
    let frame = *transform.frame();
    let painter = ui.painter().with_clip_rect(frame.intersect(ui.clip_rect()));

    let time = ctx
        .state
        .filter
        .time
        .map(|(a, b)| (day_x(a), day_x(b) + 1.0));
    let key = MarkKey {
        lanes_version: vm.lanes_version(),
        highlights_version: vm.highlights_version(),
        frame,
        bounds: [
            transform.bounds().min()[0],
            transform.bounds().min()[1],
            transform.bounds().max()[0],
            transform.bounds().max()[1],
        ],
        time: ctx.state.filter.time,
    };
    if state.marks.key.as_ref() != Some(&key) {
        build_marks(vm, &transform, time, &mut state.marks.marks);
        let (x_min, x_max) = (transform.bounds().min()[0], transform.bounds().max()[0]);
        state.marks.hidden = visible_lanes(&transform, n_lanes)
            .map(|l| {
                let (before, after) = hidden_counts(&vm.lanes.lanes[l], x_min, x_max);
                (l, before, after)
            })
            .collect();
        state.marks.key = Some(key);
    }
    let marks = &state.marks.marks;

    paint_lane_backgrounds(&painter, &transform, n_lanes);
    paint_time_range(&painter, &transform, time);

    // Dimmed first, selected last, so what matters is on top.
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| (marks[i].highlight, !marks[i].is_bar));
    let n_bars = marks.iter().filter(|m| m.is_bar).count();
    let mut bars = egui::epaint::Mesh::default();
    bars.vertices.reserve(20 * n_bars);
    bars.indices.reserve(30 * n_bars);
    let mut shapes = MarkShapes {
        bars,
        discs: ctx.sprites.discs(ui.ctx().pixels_per_point()),
        over: Vec::new(),
    };
    // Two discs (ring and fill) per marker.
    shapes.discs.reserve(2 * (marks.len() - n_bars));
    for &i in &order {
        paint_mark(&mut shapes, &painter, &marks[i]);
    }
    painter.add(Shape::mesh(shapes.bars));
    painter.add(shapes.discs.into_shape());
    painter.extend(shapes.over);

    if n_lanes == 0 {
        painter.text(
            frame.center(),
            Align2::CENTER_CENTER,
            if ctx.vm.base.is_empty() {
                "No events to show"
            } else {
                "None of the shown events has a date"
            },
            FontId::proportional(14.0),
            theme::MUTED,
        );
    }

    // Pointer: hover, tooltip, click.
    let pointer = ui.input(|i| i.pointer.hover_pos());
    let hit = pointer
        .filter(|p| frame.contains(*p) && plot_response.contains_pointer())
        .and_then(|p| hit_test(marks, p));
    if let Some(i) = hit {
        let mark = marks[i];
        ctx.send(Command::Hover(Item::Event(mark.event)));
        plot_response
            .clone()
            .on_hover_ui_at_pointer(|ui| mark_tooltip_ui(ui, ctx, &mark));
    }
    if plot_response.clicked() && !shift {
        match hit {
            Some(i) => on_mark_clicked(ctx, &marks[i], state.window()),
            None => ctx.send(Command::ClearSelection),
        }
    }
    if plot_response.double_clicked() {
        ctx.send(Command::FitAll);
    }

    if marks.len() <= MAX_MARK_WIDGETS {
        mark_widgets_ui(ui, ctx, marks, state.window());
    }

    lane_labels_ui(ui, ctx, &transform, &painter, &state.marks.hidden);
    paint_lane_scrollbar(&painter, &transform, n_lanes);
    brush_ui(ui, ctx, state, &plot_response, &transform, shift, &painter);
}

/// The x range (days) "fit" shows: the data with a margin, or the months around today.
fn fit_window(range: Option<(f64, f64)>) -> (f64, f64) {
    match range {
        Some((a, b)) => {
            let width = (b - a).max(MIN_WINDOW_DAYS * 4.0);
            let mid = (a + b) / 2.0;
            let width = width * 1.06;
            (mid - width / 2.0, mid + width / 2.0)
        }
        None => {
            let today = day_x(chrono::Local::now().date_naive());
            (today - 90.0, today + 30.0)
        }
    }
}

fn lane_item_x(vm: &ViewModel, event: EventId) -> Option<(f64, f64)> {
    let lane = vm.lanes.lane_of(event)?;
    vm.lanes.lanes[lane]
        .items
        .iter()
        .find(|i| i.event == event)
        .map(|i| (i.start, i.end))
}

fn hit_test(marks: &[Mark], pointer: Pos2) -> Option<usize> {
    // The topmost (last painted, i.e. most highlighted) nearest mark wins.
    marks
        .iter()
        .enumerate()
        .filter(|(_, m)| m.hit_rect().contains(pointer))
        .min_by(|(_, a), (_, b)| {
            let da = a.rect.center().distance_sq(pointer) - if a.is_bar { 0.0 } else { 1e4 };
            let db = b.rect.center().distance_sq(pointer) - if b.is_bar { 0.0 } else { 1e4 };
            da.total_cmp(&db)
        })
        .map(|(i, _)| i)
}

/// The events merged into `mark`, in time order.
fn mark_members(vm: &ViewModel, mark: &Mark) -> Vec<EventId> {
    if mark.count == 1 {
        return vec![mark.event];
    }
    vm.lanes
        .lanes
        .get(mark.lane)
        .map(|lane| {
            lane.items_in(mark.from, mark.to)
                .iter()
                .filter(|i| i.start >= mark.from && i.end <= mark.to)
                .map(|i| i.event)
                .collect()
        })
        .unwrap_or_default()
}

fn on_mark_clicked(ctx: &mut ViewCtx<'_>, mark: &Mark, window: Option<(f64, f64)>) {
    if mark.count == 1 {
        ctx.send(Command::Select(Item::Event(mark.event)));
        return;
    }
    let members = mark_members(ctx.vm, mark);
    let window_days = window.map_or(f64::INFINITY, |(a, b)| b - a);
    // Zooming separates events on different days; events on the same day never separate,
    // so clicks step through them instead.
    let separable = members
        .iter()
        .filter_map(|e| ctx.store.event(*e)?.when.as_ref().map(|w| w.start))
        .collect::<std::collections::BTreeSet<_>>()
        .len()
        > 1;
    if separable && window_days > MIN_WINDOW_DAYS * 3.0 {
        let width = (mark.to - mark.from).max(MIN_WINDOW_DAYS * 2.0) * 1.6;
        let mid = (mark.from + mark.to) / 2.0;
        ctx.send(Command::ZoomTimeline {
            from: mid - width / 2.0,
            to: mid + width / 2.0,
        });
        return;
    }
    let current = match ctx.state.selection.selected() {
        Some(Item::Event(e)) => members.iter().position(|m| *m == e),
        _ => None,
    };
    let next = current.map_or(0, |i| (i + 1) % members.len().max(1));
    if let Some(event) = members.get(next) {
        ctx.send(Command::Select(Item::Event(*event)));
    }
}

/// "Summary, 10 Nov 2025" or "4 events, 1–10 Nov 2025": the date tells timeline marks
/// apart from the same events' rows in the list.
fn mark_label(ctx: &ViewCtx<'_>, mark: &Mark) -> String {
    let dates = match (date_at(mark.from), date_at(mark.to - 0.5)) {
        (Some(a), Some(b)) => format_span(a, b),
        _ => String::new(),
    };
    if mark.count > 1 {
        format!("{} {}, {dates}", mark.count, units(ctx.vm))
    } else if mark.sources > 1 {
        format!(
            "{}, {dates}, {} sources",
            Item::Event(mark.event).label(ctx.store),
            mark.sources
        )
    } else {
        format!("{}, {dates}", Item::Event(mark.event).label(ctx.store))
    }
}

/// What one item on the timeline is.
fn units(vm: &ViewModel) -> &'static str {
    if vm.stories { "stories" } else { "events" }
}

/// "Corroborated by 3 sources", for stories told by more than one article.
pub fn corroborated(sources: u32) -> Option<String> {
    (sources > 1).then(|| format!("Corroborated by {sources} sources"))
}

/// Each mark as a widget of its own: a click target with a label for screen readers.
fn mark_widgets_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>, marks: &[Mark], window: Option<(f64, f64)>) {
    for (i, mark) in marks.iter().enumerate() {
        let id = Id::unique(("timeline-mark", mark.lane, mark.event, i));
        let response = ui.interact(mark.hit_rect(), id, Sense::click());
        let label = mark_label(ctx, mark);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if response.clicked() {
            on_mark_clicked(ctx, mark, window);
        }
    }
}

fn mark_tooltip_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, mark: &Mark) {
    ui.set_max_width(340.0);
    if mark.count > 1 {
        ui.label(egui::RichText::new(format!("{} {}", mark.count, units(ctx.vm))).strong());
        if let (Some(a), Some(b)) = (date_at(mark.from), date_at(mark.to - 0.5)) {
            ui.label(widgets::muted(format_span(a, b)));
        }
        let members = mark_members(ctx.vm, mark);
        const LISTED: usize = 6;
        for event in members
            .iter()
            .take(LISTED)
            .filter_map(|e| ctx.store.event(*e))
        {
            ui.horizontal(|ui| {
                widgets::kind_dot(ui, event.kind, 4.0);
                ui.label(
                    egui::RichText::new(&event.summary)
                        .small()
                        .color(theme::INK),
                );
            });
        }
        if members.len() > LISTED {
            ui.label(widgets::muted(format!("and {} more", members.len() - LISTED)).small());
        }
        if let Some(text) = corroborated(mark.sources) {
            ui.label(widgets::muted(format!("{text} (the best told)")).small());
        }
        ui.label(widgets::muted("Click to zoom in, or to step through events of one day").small());
        return;
    }
    let Some(event) = ctx.store.event(mark.event) else {
        return;
    };
    ui.horizontal(|ui| {
        widgets::kind_chip(ui, event.kind);
        if event.planned {
            ui.label(widgets::muted("planned").small());
        }
    });
    ui.label(
        egui::RichText::new(&event.summary)
            .strong()
            .color(theme::INK),
    );
    let written = event
        .when
        .as_ref()
        .map(|w| format!(" · “{}”", w.text))
        .unwrap_or_default();
    ui.label(format!("{}{written}", widgets::resolved_date(event)));
    if let Some(text) = corroborated(mark.sources) {
        ui.label(egui::RichText::new(text).color(theme::ACCENT));
    }
    if let Some(article) = ctx.store.article(event.article) {
        let outlet = article.outlet.as_deref().unwrap_or("Outlet not given");
        ui.label(widgets::muted(format!("{} · {outlet}", article.display_name())).small());
    }
}

fn paint_lane_backgrounds(painter: &egui::Painter, transform: &PlotTransform, n_lanes: usize) {
    let frame = *transform.frame();
    let bounds = transform.bounds();
    let first = (bounds.min()[1] - 0.5).ceil().max(0.0) as usize;
    let last = ((bounds.max()[1] + 0.5).floor().max(0.0) as usize).min(n_lanes.saturating_sub(1));
    if n_lanes == 0 {
        return;
    }
    for lane in first..=last {
        let top = transform.position_from_point_y(lane as f64 - 0.5);
        let bottom = transform.position_from_point_y(lane as f64 + 0.5);
        let rect = Rect::from_x_y_ranges(frame.x_range(), top..=bottom);
        if lane % 2 == 1 {
            painter.rect_filled(rect, 0.0, Color32::from_rgba_unmultiplied(0, 20, 60, 8));
        }
        painter.line_segment(
            [rect.left_bottom(), rect.right_bottom()],
            Stroke::new(1.0, Color32::from_rgba_unmultiplied(0, 20, 60, 14)),
        );
    }
}

/// Shade what is outside the brushed range, and mark its edges with their dates.
fn paint_time_range(painter: &egui::Painter, transform: &PlotTransform, time: Option<(f64, f64)>) {
    let Some((from, to)) = time else {
        return;
    };
    let frame = *transform.frame();
    let x0 = transform
        .position_from_point_x(from)
        .clamp(frame.left(), frame.right());
    let x1 = transform
        .position_from_point_x(to)
        .clamp(frame.left(), frame.right());
    let shade = Color32::from_rgba_unmultiplied(60, 70, 90, 28);
    painter.rect_filled(
        Rect::from_x_y_ranges(frame.left()..=x0, frame.y_range()),
        0.0,
        shade,
    );
    painter.rect_filled(
        Rect::from_x_y_ranges(x1..=frame.right(), frame.y_range()),
        0.0,
        shade,
    );
    for x in [x0, x1] {
        painter.line_segment(
            [pos2(x, frame.top()), pos2(x, frame.bottom())],
            Stroke::new(1.5, theme::ACCENT),
        );
    }
}

/// Lane names at the left edge, over a halo so they read over the marks.
fn lane_labels_ui(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    transform: &PlotTransform,
    painter: &egui::Painter,
    hidden: &[(usize, usize, usize)],
) {
    let lanes = &ctx.vm.lanes.lanes;
    if lanes.is_empty() {
        return;
    }
    let frame = *transform.frame();
    let bounds = transform.bounds();
    let first = (bounds.min()[1] - 0.5).ceil().max(0.0) as usize;
    let last = ((bounds.max()[1] + 0.5).floor().max(0.0) as usize).min(lanes.len() - 1);
    let font = FontId::proportional(12.5);
    for (lane_index, lane) in lanes.iter().enumerate().take(last + 1).skip(first) {
        let y = transform.position_from_point_y(lane_index as f64);
        if y < frame.top() || y > frame.bottom() {
            continue;
        }
        let unknown = lane.item.is_none()
            && matches!(
                lane.label.as_str(),
                "No place" | "No actor" | "Outlet not given" | "Other"
            );
        let color = if unknown { theme::MUTED } else { theme::INK };
        let mut job = LayoutJob::simple_singleline(lane.label.clone(), font.clone(), color);
        job.wrap = TextWrapping::truncate_at_width(LABEL_MAX_WIDTH);
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let text_rect = Align2::LEFT_CENTER.anchor_size(pos2(frame.left() + 8.0, y), galley.size());
        let halo = text_rect.expand2(vec2(5.0, 1.5));
        painter.rect_filled(halo, CornerRadius::same(4), theme::HALO);
        painter.galley(text_rect.min, galley, color);
        if let Some(&(_, before, after)) = hidden.iter().find(|h| h.0 == lane_index) {
            paint_hidden_counts(painter, frame, y, halo.right() + 6.0, before, after);
        }

        let id = Id::unique(("timeline-lane", lane_index, &lane.label));
        let sense = if lane.item.is_some() {
            Sense::click()
        } else {
            Sense::hover()
        };
        let response = ui.interact(halo, id, sense);
        let label = format!("{} lane", lane.label);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if let Some(item) = lane.item {
            if response.hovered() {
                ctx.send(Command::Hover(item));
            }
            if response.clicked() {
                ctx.send(Command::Select(item));
            }
            response.on_hover_text(format!("{} — click to select", lane.label));
        }
    }
}

/// Shift+drag picks a time range: the map and the list then show only what overlaps it.
fn brush_ui(
    ui: &mut Ui,
    ctx: &mut ViewCtx<'_>,
    state: &mut TimelineState,
    response: &egui::Response,
    transform: &PlotTransform,
    shift: bool,
    painter: &egui::Painter,
) {
    let pointer_x = response
        .interact_pointer_pos()
        .map(|p| transform.value_from_position(p).x);
    if response.drag_started() && shift {
        // From where the button went down, not where the drag was recognised.
        state.brush_from = ui
            .input(|i| i.pointer.press_origin())
            .map(|p| transform.value_from_position(p).x);
    }
    let Some(from) = state.brush_from else {
        return;
    };
    let Some(to) = pointer_x.or_else(|| {
        ui.input(|i| i.pointer.latest_pos())
            .map(|p| transform.value_from_position(p).x)
    }) else {
        state.brush_from = None;
        return;
    };
    let (a, b) = (from.min(to), from.max(to));
    let frame = *transform.frame();
    let x0 = transform.position_from_point_x(a);
    let x1 = transform.position_from_point_x(b);
    let rect = Rect::from_x_y_ranges(x0..=x1, frame.y_range());
    painter.add(Shape::rect_filled(
        rect,
        0.0,
        theme::ACCENT.gamma_multiply(0.12),
    ));
    painter.rect_stroke(
        rect,
        0.0,
        Stroke::new(1.0, theme::ACCENT),
        StrokeKind::Inside,
    );
    if let (Some(da), Some(db)) = (date_at(a), date_at(b)) {
        painter.text(
            pos2(x0 + 4.0, frame.top() + 4.0),
            Align2::LEFT_TOP,
            format_span(da, db),
            FontId::proportional(12.0),
            theme::ACCENT,
        );
    }
    if response.drag_stopped() || !ui.input(|i| i.pointer.primary_down()) {
        state.brush_from = None;
        if (x1 - x0).abs() >= 3.0
            && let (Some(da), Some(db)) = (date_at(a), date_at(b))
        {
            ctx.send(Command::SetTimeRange(Some((da, db))));
        }
    }
}

/// A thin bar at the right edge showing which of the lanes are in view, when not all are.
fn paint_lane_scrollbar(painter: &egui::Painter, transform: &PlotTransform, n_lanes: usize) {
    let bounds = transform.bounds();
    let (top, bottom) = (bounds.min()[1] + 0.5, bounds.max()[1] + 0.5);
    let n = n_lanes as f64;
    if n_lanes == 0 || (top <= 0.01 && bottom >= n - 0.01) {
        return;
    }
    let frame = *transform.frame();
    let track = Rect::from_x_y_ranges(
        (frame.right() - 6.0)..=(frame.right() - 2.0),
        frame.y_range(),
    );
    let y = |lane: f64| track.top() + (lane / n).clamp(0.0, 1.0) as f32 * track.height();
    let thumb = Rect::from_x_y_ranges(track.x_range(), y(top)..=y(bottom).max(y(top) + 8.0));
    painter.rect_filled(track, CornerRadius::same(2), Color32::from_black_alpha(12));
    painter.rect_filled(thumb, CornerRadius::same(2), Color32::from_black_alpha(70));
}

/// Indices of the lanes at least partly inside the plot.
fn visible_lanes(transform: &PlotTransform, n_lanes: usize) -> std::ops::Range<usize> {
    if n_lanes == 0 {
        return 0..0;
    }
    let bounds = transform.bounds();
    let first = (bounds.min()[1] - 0.5).ceil().max(0.0) as usize;
    let last = ((bounds.max()[1] + 0.5).floor().max(0.0) as usize).min(n_lanes - 1);
    first..(last + 1).max(first)
}

/// "‹ 3" after a lane's name and "5 ›" at its right end: events of the lane out of view.
fn paint_hidden_counts(
    painter: &egui::Painter,
    frame: Rect,
    y: f32,
    after_label: f32,
    before: usize,
    after: usize,
) {
    let font = FontId::proportional(11.0);
    for (count, pos, align, text) in [
        (
            before,
            pos2(after_label, y),
            Align2::LEFT_CENTER,
            format!("‹ {before}"),
        ),
        (
            after,
            pos2(frame.right() - 10.0, y),
            Align2::RIGHT_CENTER,
            format!("{after} ›"),
        ),
    ] {
        if count == 0 {
            continue;
        }
        let galley = painter.layout_no_wrap(text, font.clone(), theme::MUTED);
        let rect = align.anchor_size(pos, galley.size());
        painter.rect_filled(
            rect.expand2(vec2(3.0, 1.0)),
            CornerRadius::same(3),
            theme::HALO,
        );
        painter.galley(rect.min, galley, theme::MUTED);
    }
}
