//! The charts as SVG files for reports, drawn with plotters' SVG backend (no fonts needed:
//! text is written as SVG text). Each function takes the rows the command line prints, so a
//! picture never shows other numbers than the table. Labels are made one-line and
//! printable, so the file always parses as XML.

use super::{CoRow, MatrixRow, TagRow, TimelineRow};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::BTreeMap;

/// A chart that could not be drawn.
#[derive(Debug, thiserror::Error)]
#[error("cannot draw the chart: {0}")]
pub struct SvgError(String);

fn fail(e: impl std::fmt::Display) -> SvgError {
    SvgError(e.to_string())
}

/// Columns or rows shown at most; the rest are summed up in the caption.
const MOST: usize = 60;

const SERIES: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
];

fn label(s: &str) -> String {
    crate::text::truncate(&crate::text::one_line(s), 40)
}

fn draw(
    width: u32,
    height: u32,
    paint: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), SvgError>,
) -> Result<String, SvgError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(fail)?;
        paint(&root)?;
        root.present().map_err(fail)?;
    }
    Ok(out)
}

/// Horizontal bars of documents and highlights per tag.
pub fn tags(rows: &[TagRow], title: &str) -> Result<String, SvgError> {
    let rows: Vec<&TagRow> = rows.iter().take(MOST).collect();
    let n = rows.len().max(1);
    let most = rows
        .iter()
        .map(|r| r.documents.max(r.highlights))
        .max()
        .unwrap_or(0)
        .max(1);
    let height = 80 + 24 * n as u32;
    draw(900, height, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(label(title), ("sans-serif", 18))
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(220)
            .build_cartesian_2d(0.0..most as f64 * 1.05, 0.0..n as f64)
            .map_err(fail)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            // Labels every half unit, so that each bar's middle gets its name.
            .y_labels(n * 2 + 1)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| {
                let i = n as f64 - y - 0.5;
                rows.get(i.round().max(0.0) as usize)
                    .filter(|_| (i - i.round()).abs() < 0.01)
                    .map(|r| label(&r.tag))
                    .unwrap_or_default()
            })
            .x_desc("documents, highlights")
            .draw()
            .map_err(fail)?;
        for (k, name) in ["documents", "highlights"].iter().enumerate() {
            let color = SERIES[k];
            chart
                .draw_series(rows.iter().enumerate().map(|(i, r)| {
                    let value = if k == 0 { r.documents } else { r.highlights } as f64;
                    let top = (n - i) as f64 - 0.1 - 0.4 * k as f64;
                    Rectangle::new([(0.0, top - 0.4), (value, top)], color.filled())
                }))
                .map_err(fail)?
                .label(*name)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 10, y + 5)], color.filled())
                });
        }
        chart
            .configure_series_labels()
            .border_style(BLACK)
            .background_style(WHITE)
            .draw()
            .map_err(fail)
    })
}

/// One line per series of documents per period.
pub fn timeline(rows: &[TimelineRow], title: &str) -> Result<String, SvgError> {
    let mut periods: Vec<&str> = Vec::new();
    let mut series: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for r in rows {
        if periods.last() != Some(&r.period.as_str()) && !periods.contains(&r.period.as_str()) {
            periods.push(&r.period);
        }
        let x = periods.len() - 1;
        if !series.contains_key(r.series.as_str()) {
            order.push(&r.series);
        }
        series.entry(&r.series).or_default().push((x, r.documents));
    }
    let n = periods.len().max(1);
    let most = rows.iter().map(|r| r.documents).max().unwrap_or(0).max(1);
    draw(900, 480, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(label(title), ("sans-serif", 18))
            .margin(10)
            .x_label_area_size(50)
            .y_label_area_size(50)
            .build_cartesian_2d(0.0..(n - 1).max(1) as f64, 0.0..most as f64 * 1.1)
            .map_err(fail)?;
        chart
            .configure_mesh()
            .x_labels(n.min(24))
            .x_label_formatter(&|x| {
                let i = x.round();
                periods
                    .get(i.max(0.0) as usize)
                    .filter(|_| (x - i).abs() < 0.01)
                    .map(|p| label(p))
                    .unwrap_or_default()
            })
            .y_desc("documents")
            .y_label_formatter(&|y| format!("{y:.0}"))
            .draw()
            .map_err(fail)?;
        for (k, name) in order.iter().enumerate() {
            let color = SERIES[k % SERIES.len()];
            let points = series.get(name).cloned().unwrap_or_default();
            chart
                .draw_series(LineSeries::new(
                    points.into_iter().map(|(x, y)| (x as f64, y as f64)),
                    color.stroke_width(2),
                ))
                .map_err(fail)?
                .label(label(name))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], color));
        }
        chart
            .configure_series_labels()
            .border_style(BLACK)
            .background_style(WHITE)
            .draw()
            .map_err(fail)
    })
}

/// A heat map of `cells` (row, column, value); at most [`MOST`] rows and columns, those
/// with the largest totals.
fn heat_map(title: &str, cells: &[(String, String, f64)]) -> Result<String, SvgError> {
    let top = |pick: &dyn Fn(&(String, String, f64)) -> &str| -> Vec<String> {
        let mut totals: BTreeMap<&str, f64> = BTreeMap::new();
        for c in cells {
            *totals.entry(pick(c)).or_default() += c.2;
        }
        let mut names: Vec<(&str, f64)> = totals.into_iter().collect();
        names.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let mut kept: Vec<String> = names
            .into_iter()
            .take(MOST)
            .map(|(s, _)| s.to_owned())
            .collect();
        kept.sort();
        kept
    };
    let rows = top(&|c| c.0.as_str());
    let columns = top(&|c| c.1.as_str());
    let most = cells
        .iter()
        .map(|c| c.2)
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let (nr, nc) = (rows.len().max(1), columns.len().max(1));
    let width = 300 + 30 * nc as u32;
    let height = 200 + 24 * nr as u32;
    draw(width, height, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(label(title), ("sans-serif", 18))
            .margin(10)
            .x_label_area_size(150)
            .y_label_area_size(200)
            .build_cartesian_2d(0.0..nc as f64, 0.0..nr as f64)
            .map_err(fail)?;
        let name_at = |names: &[String], v: f64, flip: bool| {
            let i = v - 0.5;
            let i = if flip {
                names.len() as f64 - 1.0 - i
            } else {
                i
            };
            names
                .get(i.round().max(0.0) as usize)
                .filter(|_| (i - i.round()).abs() < 0.01)
                .map(|s| label(s))
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(nc * 2 + 1)
            .y_labels(nr * 2 + 1)
            .x_label_formatter(&|x| name_at(&columns, *x, false))
            .y_label_formatter(&|y| name_at(&rows, *y, true))
            .x_label_style(
                ("sans-serif", 11)
                    .into_font()
                    .transform(FontTransform::Rotate90)
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            )
            .draw()
            .map_err(fail)?;
        let row_of: BTreeMap<&str, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.as_str(), i))
            .collect();
        let column_of: BTreeMap<&str, usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect();
        chart
            .draw_series(cells.iter().filter_map(|(r, c, v)| {
                let (i, j) = (*row_of.get(r.as_str())?, *column_of.get(c.as_str())?);
                let y = (nr - 1 - i) as f64;
                let shade = 1.0 - (v / most).clamp(0.0, 1.0);
                let color = RGBColor(
                    (30.0 + 225.0 * shade) as u8,
                    (80.0 + 175.0 * shade) as u8,
                    (160.0 + 95.0 * shade) as u8,
                );
                Some(Rectangle::new(
                    [(j as f64 + 0.05, y + 0.05), (j as f64 + 0.95, y + 0.95)],
                    color.filled(),
                ))
            }))
            .map_err(fail)?;
        // Each cell's value, dark on light cells and light on dark ones.
        chart
            .draw_series(cells.iter().filter_map(|(r, c, v)| {
                let (i, j) = (*row_of.get(r.as_str())?, *column_of.get(c.as_str())?);
                let y = (nr - 1 - i) as f64 + 0.5;
                let color = if v / most > 0.6 { WHITE } else { BLACK };
                let shown = if v.fract() == 0.0 {
                    format!("{v:.0}")
                } else {
                    format!("{v:.2}")
                };
                let style = ("sans-serif", 10)
                    .into_font()
                    .color(&color)
                    .pos(Pos::new(HPos::Center, VPos::Center));
                Some(Text::new(shown, (j as f64 + 0.5, y), style))
            }))
            .map_err(fail)?;
        Ok(())
    })
}

/// A heat map of the co-occurrence coefficient, tag × tag (both halves drawn).
pub fn cooccurrence(rows: &[CoRow], title: &str) -> Result<String, SvgError> {
    let cells: Vec<(String, String, f64)> = rows
        .iter()
        .flat_map(|r| {
            [
                (r.a.clone(), r.b.clone(), r.coefficient),
                (r.b.clone(), r.a.clone(), r.coefficient),
            ]
        })
        .collect();
    heat_map(title, &cells)
}

/// A heat map of codings, tag × group.
pub fn matrix(rows: &[MatrixRow], title: &str) -> Result<String, SvgError> {
    let cells: Vec<(String, String, f64)> = rows
        .iter()
        .map(|r| (r.tag.clone(), r.group.clone(), r.count as f64))
        .collect();
    heat_map(title, &cells)
}
