//! The Dark theme as a user picks it in Settings: the side panel's text is light on dark, not
//! the light theme's ink (which was unreadable there).

use chronomap::app::fixtures;
use chronomap::store::EventStore;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

mod support;

#[test]
fn dark_theme_side_panel_text_is_light_on_dark() {
    let mut h = support::window(EventStore::from_extraction(fixtures::seed_like_extraction()));
    h.get_by_role_and_label(Role::Button, "Settings").click();
    h.run();
    h.get_by_label("All settings…").click();
    h.run();
    h.get_by_label("Dark").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Apply").click();
    h.run();
    // Close the settings window (Esc), leaving the window as a user sees it.
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.ctx.global_style().visuals.dark_mode);

    // Where the timeline's header is, in points, before rendering borrows the harness.
    let header = h.get_by_label("Timeline").rect();
    let image = h.render().expect("render");
    // The side panel (right 380 points): its text pixels are lighter than its background.
    let (w, hgt) = (image.width(), image.height());
    let ppp = w as f32 / 1440.0;
    let x0 = (w as f32 - 360.0 * ppp) as u32;
    let luma = |p: &image::Rgba<u8>| {
        (u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000
    };
    let mut lumas: Vec<u32> = (x0..w)
        .flat_map(|x| ((hgt / 8)..(hgt * 7 / 8)).map(move |y| (x, y)))
        .map(|(x, y)| luma(image.get_pixel(x, y)))
        .collect();
    lumas.sort_unstable();
    let background = lumas[lumas.len() / 2];
    let brightest = lumas[lumas.len() - lumas.len() / 200 - 1];
    assert!(
        background < 90,
        "the panel is dark: median luma {background}"
    );
    assert!(
        brightest > 170,
        "its text is light: 99.5th percentile luma {brightest}"
    );
    // The timeline's header strip (right of its legend, on the title's line) is dark too,
    // like the plot under it.
    let y = (header.center().y * ppp) as u32;
    let mut strip: Vec<u32> = ((720.0 * ppp) as u32..(1000.0 * ppp) as u32)
        .map(|x| luma(image.get_pixel(x, y)))
        .collect();
    strip.sort_unstable();
    let strip_median = strip[strip.len() / 2];
    assert!(
        strip_median < 90,
        "the timeline header is dark: median luma {strip_median}"
    );
    h.snapshot("dark_theme");
}
