#pragma once
/// @file
/// @brief Maps and charts drawn onto PNG, SVG or PDF by one drawing code (cairo), for files or
/// for embedding in documents. The font is DejaVu Sans, read from its file
/// (fonts-dejavu-core), so the output does not depend on the machine's fontconfig setup.

#include <pooled/pooled_cxx_export.h>
#include <pooled/report/chart.hpp>
#include <pooled/report/map.hpp>

#include <string>
#include <variant>

namespace pooled::report {

using Figure = std::variant<Map, BarChart>;

enum class ImageFormat { png, svg, pdf };

/// "png", "svg", "pdf".
POOLED_CXX_API const char *image_format_name(ImageFormat format) noexcept;

/// A drawing's size in points; a PNG has width_pt x pixels_per_pt pixels across.
struct ImageSize {
    double width_pt = 640.0;
    double height_pt = 480.0;
    double pixels_per_pt = 1.0; ///< PNG only
};

/// The figure as the bytes of a PNG, SVG or one-page PDF file. The same figure gives the same
/// bytes (SVG ids are numbered per image; the PDF's creation date is fixed). Figures may be
/// drawn on several threads at once: each call has its own surface; the font is shared.
/// @throws Error (Errc::argument) for a size that is not positive or larger than 8,000
/// pixels a side, or a symbol size or line width that is not finite and 0..200 pt (naming the
/// figure, layer and feature); (Errc::io) if the font file cannot be read.
POOLED_CXX_API std::string render_figure(const Figure &figure, ImageFormat format, const ImageSize &size = {});

/// render_figure() written to `path` atomically.
/// @throws Error (Errc::io) naming the path if it cannot be written.
POOLED_CXX_API void write_figure(const Figure &figure, ImageFormat format, const std::string &path,
                                 const ImageSize &size = {});

} // namespace pooled::report
