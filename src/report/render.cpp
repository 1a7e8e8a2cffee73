#include <pooled/report/render.hpp>

#include <pooled/report/document.hpp>

#include "core/atomic_file.hpp"
#include "report/draw.hpp"
#include "report/surfaces.hpp"

#include <pooled/core/error.hpp>
#include <pooled/version.hpp>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <cmath>
#include <map>
#include <string>

namespace pooled::report {
namespace detail {

cairo_status_t append_to_string(void *closure, const unsigned char *data, unsigned int length) {
    static_cast<std::string *>(closure)->append(reinterpret_cast<const char *>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

SurfacePtr make_pdf_surface(std::string *out, double width_pt, double height_pt, const std::string &title,
                            const std::string &creation_date) {
    SurfacePtr surface(cairo_pdf_surface_create_for_stream(append_to_string, out, width_pt, height_pt));
    check_surface(surface.get(), "a PDF");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR,
                                   (std::string("pooled ") + version()).c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, creation_date.c_str());
    if (!title.empty()) {
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    }
    return surface;
}

} // namespace detail

namespace {

// cairo numbers each SVG's top group after a process-wide surface counter ("surface17"), so
// the same figure drawn twice would differ; renumber them from 1 in order of appearance.
std::string renumber_svg_surfaces(const std::string &svg) {
    static const std::string prefix = "surface";
    std::map<std::string, std::string> numbers;
    std::string out;
    out.reserve(svg.size());
    std::size_t position = 0;
    while (true) {
        const std::size_t found = svg.find(prefix, position);
        if (found == std::string::npos) {
            break;
        }
        std::size_t end = found + prefix.size();
        while (end < svg.size() && svg[end] >= '0' && svg[end] <= '9') {
            ++end;
        }
        out.append(svg, position, found - position);
        if (end == found + prefix.size()) {
            out += prefix;
        } else {
            const std::string number = svg.substr(found + prefix.size(), end - found - prefix.size());
            auto [it, added] = numbers.emplace(number, std::to_string(numbers.size() + 1));
            out += prefix + it->second;
        }
        position = end;
    }
    out.append(svg, position, std::string::npos);
    return out;
}

// 8,000 x 8,000 RGB pixels are 256 MB: larger is a mistake (points taken for pixels, say).
constexpr double max_pixels = 8000.0;

void check_size(const ImageSize &size) {
    const bool finite = std::isfinite(size.width_pt) && std::isfinite(size.height_pt) && std::isfinite(size.pixels_per_pt);
    if (!finite || size.width_pt <= 0.0 || size.height_pt <= 0.0 || size.pixels_per_pt <= 0.0 ||
        size.width_pt * size.pixels_per_pt > max_pixels || size.height_pt * size.pixels_per_pt > max_pixels) {
        throw Error(Errc::argument, "an image must be positive and at most 8000 pixels a side, got " +
                                        std::to_string(size.width_pt) + " x " + std::to_string(size.height_pt) +
                                        " pt at " + std::to_string(size.pixels_per_pt) + " px/pt");
    }
}

std::string render_png(const Figure &figure, const ImageSize &size) {
    const int width = static_cast<int>(std::lround(size.width_pt * size.pixels_per_pt));
    const int height = static_cast<int>(std::lround(size.height_pt * size.pixels_per_pt));
    detail::SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, std::max(width, 1), std::max(height, 1)));
    detail::check_surface(surface.get(), "a PNG image");
    {
        auto cr = detail::make_context(surface.get());
        cairo_scale(cr.get(), size.pixels_per_pt, size.pixels_per_pt);
        detail::draw_figure(cr.get(), figure, size.width_pt, size.height_pt);
    }
    detail::check_surface(surface.get(), "a PNG image");
    std::string png;
    if (cairo_surface_write_to_png_stream(surface.get(), detail::append_to_string, &png) != CAIRO_STATUS_SUCCESS) {
        throw Error(Errc::io, "cannot encode a PNG image");
    }
    return png;
}

std::string render_svg(const Figure &figure, const ImageSize &size) {
    std::string svg;
    {
        detail::SurfacePtr surface(
            cairo_svg_surface_create_for_stream(detail::append_to_string, &svg, size.width_pt, size.height_pt));
        detail::check_surface(surface.get(), "an SVG image");
        {
            auto cr = detail::make_context(surface.get());
            detail::draw_figure(cr.get(), figure, size.width_pt, size.height_pt);
        }
        cairo_surface_finish(surface.get());
        detail::check_surface(surface.get(), "an SVG image");
    }
    return renumber_svg_surfaces(svg);
}

std::string render_pdf(const Figure &figure, const ImageSize &size) {
    std::string pdf;
    {
        const std::string title = std::visit([](const auto &f) { return f.title; }, figure);
        auto surface = detail::make_pdf_surface(&pdf, size.width_pt, size.height_pt, title, PdfOptions{}.creation_date);
        {
            auto cr = detail::make_context(surface.get());
            detail::draw_figure(cr.get(), figure, size.width_pt, size.height_pt);
        }
        cairo_surface_finish(surface.get());
        detail::check_surface(surface.get(), "a PDF image");
    }
    return pdf;
}

} // namespace

const char *image_format_name(ImageFormat format) noexcept {
    switch (format) {
    case ImageFormat::png: return "png";
    case ImageFormat::svg: return "svg";
    case ImageFormat::pdf: return "pdf";
    }
    return "png";
}

std::string render_figure(const Figure &figure, ImageFormat format, const ImageSize &size) {
    check_size(size);
    switch (format) {
    case ImageFormat::svg: return render_svg(figure, size);
    case ImageFormat::pdf: return render_pdf(figure, size);
    case ImageFormat::png: break;
    }
    return render_png(figure, size);
}

void write_figure(const Figure &figure, ImageFormat format, const std::string &path, const ImageSize &size) {
    pooled::detail::write_file_atomically(path, render_figure(figure, format, size),
                                  std::string("the ") + image_format_name(format) + " image");
}

} // namespace pooled::report
