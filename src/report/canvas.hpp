#pragma once
// The cairo side of report drawing, shared by maps, charts and the PDF document: owning
// handles, the report font (DejaVu Sans from its file, through FreeType, so fontconfig's
// defaults play no part), text measuring, drawing and wrapping. Not installed.

#include <pooled/report/palette.hpp>

#include <cairo.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pooled::report::detail {

inline constexpr Rgb black{0, 0, 0};
inline constexpr Rgb white{255, 255, 255};

struct CairoDestroy {
    void operator()(cairo_t *cr) const noexcept { cairo_destroy(cr); }
    void operator()(cairo_surface_t *surface) const noexcept { cairo_surface_destroy(surface); }
};
using CairoPtr = std::unique_ptr<cairo_t, CairoDestroy>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoDestroy>;

/// A drawing context on `surface`, with the report's font options (grey antialiasing, no
/// hinting, so glyph positions do not depend on the surface type).
/// @throws Error (Errc::internal) if cairo cannot make one.
CairoPtr make_context(cairo_surface_t *surface);

/// Throws Error (Errc::io, naming `what`) if the surface is in an error state (e.g. a write
/// callback failed or memory ran out).
void check_surface(cairo_surface_t *surface, const std::string &what);

enum class Weight { regular, bold };
enum class HAlign { left, centre, right };

/// Selects the report font in `weight` at `size_pt`.
/// @throws Error (Errc::io) naming the font file if it cannot be read.
void set_font(cairo_t *cr, Weight weight, double size_pt);

void set_colour(cairo_t *cr, Rgb colour, double alpha = 1.0);

/// Advance width of `text` in the current font.
double text_width(cairo_t *cr, std::string_view text);

/// Draws `text` with its baseline at y, aligned on x, in the current colour and font.
void draw_text(cairo_t *cr, double x, double baseline_y, std::string_view text, HAlign align = HAlign::left);

/// Breaks `text` at spaces (and explicit newlines) into lines no wider than max_width in the
/// current font; a word longer than a line gets a line of its own.
std::vector<std::string> wrap_text(cairo_t *cr, std::string_view text, double max_width);

} // namespace pooled::report::detail
