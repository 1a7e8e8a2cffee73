#pragma once
// The one drawing code of maps and charts: each draws a figure into the rectangle
// (0, 0)-(width, height) of the current user space of any cairo context (image, SVG or PDF
// surface, or a place on a PDF page). Units are points. Not installed.

#include <pooled/report/chart.hpp>
#include <pooled/report/map.hpp>
#include <pooled/report/render.hpp>

#include <cairo.h>

namespace pooled::report::detail {

void draw_map(cairo_t *cr, const Map &map, double width, double height);
void draw_bar_chart(cairo_t *cr, const BarChart &chart, double width, double height);
/// Either of the above, after checking the figure's sizes (check_figure).
/// @throws Error (Errc::argument) as check_figure(), or if cairo refuses a drawing command.
void draw_figure(cairo_t *cr, const Figure &figure, double width, double height);

/// @throws Error (Errc::argument) naming the figure (its title) and the layer and feature for
/// a drawing size that is not finite and positive (the figure's, a symbol's, a line's width)
/// or an extent that is not finite: cairo would draw nothing or loop on them.
void check_figure(const Figure &figure, double width, double height);

/// A map symbol of width `size` centred on (x, y), filled with the current source; the path is
/// left for the caller to fill or stroke.
void symbol_path(cairo_t *cr, Symbol symbol, double x, double y, double size);

} // namespace pooled::report::detail
