//! Calendar arithmetic for the time axis: dates ↔ plot x values, and grid marks that fall on
//! real calendar boundaries (years, months of their true length, weeks, days).
//!
//! The timeline's x axis is "days since 1970-01-01". Like rerun's time series view we keep plot
//! values small and integral at day boundaries, so `f64` never loses a day however far the
//! user zooms, and a day is exactly `1.0` wide.

use chrono::{Datelike, NaiveDate};
use egui_plot::{GridInput, GridMark};

/// `NaiveDate::num_days_from_ce` of 1970-01-01.
const EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// A calendar day as a plot x value: the day starts at `x` and ends at `x + 1`.
pub fn day_x(date: NaiveDate) -> f64 {
    f64::from(date.num_days_from_ce() - EPOCH_DAYS_FROM_CE)
}

/// The day that contains plot value `x`; `None` outside chrono's range.
pub fn date_at(x: f64) -> Option<NaiveDate> {
    if !x.is_finite() {
        return None;
    }
    let days = x.floor();
    if days.abs() > 1.0e8 {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(days as i32 + EPOCH_DAYS_FROM_CE)
}

/// The approximate length of each kind of grid step, in days. Marks of one kind share one
/// `step_size`, which is what egui_plot uses to fade lines and hide labels that would collide.
const DAY: f64 = 1.0;
const WEEK: f64 = 7.0;
const MONTH: f64 = 30.436_875;
const QUARTER: f64 = MONTH * 3.0;
const YEAR: f64 = 365.2425;

/// A calendar step: `n` days, weeks (Mondays), months or years.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    Days(u32),
    Weeks,
    Months(u32),
    Years(u32),
}

impl Unit {
    /// Finest first.
    const LADDER: [Unit; 13] = [
        Unit::Days(1),
        Unit::Days(2),
        Unit::Weeks,
        Unit::Months(1),
        Unit::Months(3),
        Unit::Months(6),
        Unit::Years(1),
        Unit::Years(2),
        Unit::Years(5),
        Unit::Years(10),
        Unit::Years(25),
        Unit::Years(50),
        Unit::Years(100),
    ];

    fn approx_days(self) -> f64 {
        match self {
            Unit::Days(n) => f64::from(n) * DAY,
            Unit::Weeks => WEEK,
            Unit::Months(n) => f64::from(n) * MONTH,
            Unit::Years(n) => f64::from(n) * YEAR,
        }
    }

    /// The coarser units a grid of `self` is grouped by: lines at those boundaries are drawn
    /// stronger and labelled first.
    fn groupings(self) -> [Unit; 2] {
        match self {
            Unit::Days(_) | Unit::Weeks => [Unit::Months(1), Unit::Years(1)],
            Unit::Months(1) => [Unit::Months(3), Unit::Years(1)],
            Unit::Months(_) => [Unit::Years(1), Unit::Years(10)],
            Unit::Years(n) if n < 10 => [Unit::Years(10), Unit::Years(100)],
            Unit::Years(_) => [Unit::Years(100), Unit::Years(1000)],
        }
    }

    /// Every boundary of this unit in `[from, to]`.
    fn boundaries(self, from: NaiveDate, to: NaiveDate, out: &mut Vec<NaiveDate>) {
        match self {
            Unit::Days(n) => {
                // Aligned to the epoch so the marks stay put while panning.
                let n = i64::from(n.max(1));
                let start = from.num_days_from_ce() as i64;
                let first = start + (n - start.rem_euclid(n)) % n;
                let mut day = first;
                while let Some(d) = NaiveDate::from_num_days_from_ce_opt(day as i32) {
                    if d > to {
                        break;
                    }
                    out.push(d);
                    day += n;
                }
            }
            Unit::Weeks => {
                let offset = i64::from(from.weekday().num_days_from_monday());
                let mut d = from + chrono::Duration::days((7 - offset) % 7);
                while d <= to {
                    out.push(d);
                    d += chrono::Duration::days(7);
                }
            }
            Unit::Months(n) => {
                let n = n.max(1) as i32;
                let mut index = from.year() * 12 + from.month0() as i32;
                // Round up to the next multiple of n months (quarters start in Jan/Apr/…).
                index += (n - index.rem_euclid(n)) % n;
                while let Some(d) = month_start(index) {
                    if d > to {
                        break;
                    }
                    if d >= from {
                        out.push(d);
                    }
                    index += n;
                }
            }
            Unit::Years(n) => {
                let n = n.max(1) as i32;
                let mut year = from.year() + (n - from.year().rem_euclid(n)) % n;
                if NaiveDate::from_ymd_opt(year, 1, 1).is_some_and(|d| d < from) {
                    year += n;
                }
                while let Some(d) = NaiveDate::from_ymd_opt(year, 1, 1) {
                    if d > to {
                        break;
                    }
                    out.push(d);
                    year += n;
                }
            }
        }
    }
}

fn month_start(month_index: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        month_index.div_euclid(12),
        month_index.rem_euclid(12) as u32 + 1,
        1,
    )
}

/// Grid spacer for `egui_plot`: three tiers of calendar marks for the visible range, each mark
/// carrying the step size of the coarsest tier it belongs to.
pub fn calendar_grid(input: GridInput) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    let (Some(from), Some(to)) = (date_at(min), date_at(max + 1.0)) else {
        return Vec::new();
    };
    let finest = Unit::LADDER
        .iter()
        .copied()
        .find(|u| u.approx_days() >= input.base_step_size)
        .unwrap_or(Unit::Years(100));
    let [middle, coarse] = finest.groupings();

    let mut marks: Vec<GridMark> = Vec::new();
    let mut dates = Vec::new();
    // Coarsest first, so a date that is a year start keeps the year's step size.
    for unit in [coarse, middle, finest] {
        dates.clear();
        unit.boundaries(from, to, &mut dates);
        // A visible range of centuries at day resolution would be absurd; egui_plot asked for
        // at least `base_step_size`, so `finest` never yields more than a few hundred marks.
        for d in &dates {
            let value = day_x(*d);
            if !marks.iter().any(|m| m.value == value) {
                marks.push(GridMark {
                    value,
                    step_size: unit.approx_days(),
                });
            }
        }
    }
    marks
}

/// Tick label for a calendar grid mark: the coarser the mark, the shorter and more general.
/// When the `visible` range crosses a new year, its year marks name the years, so months are
/// named alone ("Feb", not "Feb 2025"): two years of month labels then fit without touching.
pub fn tick_label(mark: GridMark, visible: &std::ops::RangeInclusive<f64>) -> String {
    let Some(date) = date_at(mark.value + 0.5) else {
        return String::new();
    };
    let years_marked = match (date_at(*visible.start()), date_at(*visible.end())) {
        (Some(a), Some(b)) => a.year() != b.year(),
        _ => false,
    };
    let month = if years_marked { "%b" } else { "%b %Y" };
    if mark.step_size >= YEAR * 0.99 {
        format!("{}", date.year())
    } else if mark.step_size >= QUARTER * 0.99 {
        if date.month() == 1 {
            format!("{}", date.year())
        } else {
            date.format(month).to_string()
        }
    } else if mark.step_size >= MONTH * 0.99 {
        date.format(month).to_string()
    } else {
        date.format("%-d %b").to_string()
    }
}

/// How a resolved date reads in the UI: "10 Nov 2025", "Nov 2025", "2025",
/// "1–5 Dec 2025", "Dec 2024 – Jan 2025".
pub fn format_span(start: NaiveDate, end: NaiveDate) -> String {
    if start == end {
        return start.format("%-d %b %Y").to_string();
    }
    let whole_month = start.day() == 1
        && end.succ_opt().is_some_and(|next| next.day() == 1)
        && start.year() == end.year()
        && start.month() == end.month();
    if whole_month {
        return start.format("%b %Y").to_string();
    }
    let whole_year = start.month() == 1
        && start.day() == 1
        && end.month() == 12
        && end.day() == 31
        && start.year() == end.year();
    if whole_year {
        return format!("{}", start.year());
    }
    let whole_decade = start.month() == 1
        && start.day() == 1
        && start.year() % 10 == 0
        && end.month() == 12
        && end.day() == 31
        && end.year() == start.year() + 9;
    if whole_decade {
        return format!("{}s", start.year());
    }
    let whole_years =
        start.month() == 1 && start.day() == 1 && end.month() == 12 && end.day() == 31;
    if whole_years {
        return format!("{}–{}", start.year(), end.year());
    }
    if start.year() == end.year() && start.month() == end.month() {
        return format!("{}–{}", start.day(), end.format("%-d %b %Y"));
    }
    if start.year() == end.year() {
        return format!("{} – {}", start.format("%-d %b"), end.format("%-d %b %Y"));
    }
    format!(
        "{} – {}",
        start.format("%-d %b %Y"),
        end.format("%-d %b %Y")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn day_x_round_trips() {
        for date in [d(1970, 1, 1), d(2025, 11, 10), d(1, 1, 1), d(2400, 2, 29)] {
            assert_eq!(date_at(day_x(date)), Some(date));
            assert_eq!(date_at(day_x(date) + 0.999), Some(date));
        }
        assert_eq!(day_x(d(1970, 1, 2)), 1.0);
        assert_eq!(date_at(f64::NAN), None);
    }

    fn marks_for(from: NaiveDate, to: NaiveDate, px_per_day: f64) -> Vec<GridMark> {
        // egui_plot asks for lines at least 8 px apart by default.
        calendar_grid(GridInput {
            bounds: (day_x(from), day_x(to)),
            base_step_size: 8.0 / px_per_day,
        })
    }

    #[test]
    fn month_marks_follow_real_month_lengths() {
        let marks = marks_for(d(2024, 1, 1), d(2024, 12, 31), 1.0);
        let months: Vec<NaiveDate> = marks
            .iter()
            .filter(|m| m.step_size >= MONTH * 0.99)
            .filter_map(|m| date_at(m.value))
            .filter(|d| d.year() == 2024)
            .collect();
        // Jan 1 … Dec 1: twelve month starts, February of a leap year included.
        assert_eq!(months.len(), 12, "{months:?}");
        assert!(months.contains(&d(2024, 3, 1)));
        assert!(months.iter().all(|m| m.day() == 1));
    }

    #[test]
    fn marks_adapt_to_zoom() {
        // A decade over 1000 px: no day marks, year marks present.
        let decade = marks_for(d(2015, 1, 1), d(2025, 1, 1), 1000.0 / 3653.0);
        assert!(decade.iter().all(|m| m.step_size >= MONTH * 0.99));
        assert!(decade.iter().any(|m| m.step_size >= YEAR * 0.99));
        // Two weeks over 1000 px: every day is a mark.
        let fortnight = marks_for(d(2025, 11, 1), d(2025, 11, 14), 1000.0 / 14.0);
        let days = fortnight.iter().filter(|m| m.step_size == DAY).count();
        assert!(days >= 12, "{fortnight:?}");
        assert!(
            fortnight
                .iter()
                .any(|m| date_at(m.value) == Some(d(2025, 11, 1)) && m.step_size >= MONTH * 0.99)
        );
    }

    #[test]
    fn marks_are_unique_and_keep_the_coarsest_step() {
        let marks = marks_for(d(2024, 12, 20), d(2025, 1, 10), 40.0);
        let new_year: Vec<&GridMark> = marks
            .iter()
            .filter(|m| date_at(m.value) == Some(d(2025, 1, 1)))
            .collect();
        assert_eq!(new_year.len(), 1);
        assert!(new_year[0].step_size >= YEAR * 0.99);
        let visible = day_x(d(2024, 12, 20))..=day_x(d(2025, 1, 10));
        assert_eq!(tick_label(*new_year[0], &visible), "2025");
    }

    #[test]
    fn labels_read_like_dates() {
        let day = GridMark {
            value: day_x(d(2025, 11, 10)),
            step_size: DAY,
        };
        let autumn = day_x(d(2025, 9, 1))..=day_x(d(2025, 12, 20));
        assert_eq!(tick_label(day, &autumn), "10 Nov");
        let month = GridMark {
            value: day_x(d(2025, 11, 1)),
            step_size: MONTH,
        };
        assert_eq!(tick_label(month, &autumn), "Nov 2025");
        // Over a new year the year marks name the years: months stand alone.
        let two_years = day_x(d(2024, 12, 1))..=day_x(d(2026, 2, 1));
        assert_eq!(tick_label(month, &two_years), "Nov");
    }

    #[test]
    fn spans_read_naturally() {
        assert_eq!(format_span(d(2025, 11, 10), d(2025, 11, 10)), "10 Nov 2025");
        assert_eq!(format_span(d(2024, 12, 1), d(2024, 12, 31)), "Dec 2024");
        assert_eq!(format_span(d(2024, 2, 1), d(2024, 2, 29)), "Feb 2024");
        assert_eq!(format_span(d(2014, 1, 1), d(2014, 12, 31)), "2014");
        assert_eq!(format_span(d(2025, 12, 1), d(2025, 12, 5)), "1–5 Dec 2025");
        assert_eq!(format_span(d(2010, 1, 1), d(2019, 12, 31)), "2010s");
        assert_eq!(format_span(d(2011, 1, 1), d(2013, 12, 31)), "2011–2013");
        assert_eq!(
            format_span(d(2024, 12, 20), d(2025, 1, 3)),
            "20 Dec 2024 – 3 Jan 2025"
        );
    }
}
