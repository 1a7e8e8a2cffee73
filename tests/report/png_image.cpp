#include "report/png_image.hpp"

#include <cairo.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace pooled::test {
namespace {

struct Reader {
    const std::string *bytes;
    std::size_t position = 0;
};

cairo_status_t read_bytes(void *closure, unsigned char *data, unsigned int length) {
    auto *reader = static_cast<Reader *>(closure);
    if (reader->position + length > reader->bytes->size()) {
        return CAIRO_STATUS_READ_ERROR;
    }
    std::memcpy(data, reader->bytes->data() + reader->position, length);
    reader->position += length;
    return CAIRO_STATUS_SUCCESS;
}

} // namespace

PngImage decode_png(const std::string &bytes) {
    Reader reader{&bytes};
    cairo_surface_t *surface = cairo_image_surface_create_from_png_stream(read_bytes, &reader);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        throw std::runtime_error("not a PNG image");
    }
    // Copied into ARGB32 whatever the PNG's format, so every image reads alike.
    PngImage image;
    image.width = cairo_image_surface_get_width(surface);
    image.height = cairo_image_surface_get_height(surface);
    cairo_surface_t *argb = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, image.width, image.height);
    cairo_t *cr = cairo_create(argb);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_surface(cr, surface, 0, 0);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_flush(argb);
    const unsigned char *data = cairo_image_surface_get_data(argb);
    const int stride = cairo_image_surface_get_stride(argb);
    image.argb.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
    for (int y = 0; y < image.height; ++y) {
        std::memcpy(&image.argb[static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width)], data + y * stride,
                    static_cast<std::size_t>(image.width) * 4);
    }
    cairo_surface_destroy(argb);
    cairo_surface_destroy(surface);
    return image;
}

PngImage read_png(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    try {
        return decode_png(bytes.str());
    } catch (const std::runtime_error &) {
        throw std::runtime_error(path + " is not a PNG image");
    }
}

PngDifference compare_png(const PngImage &a, const PngImage &b, int tolerance) {
    PngDifference difference;
    difference.same_size = a.width == b.width && a.height == b.height;
    if (!difference.same_size || a.argb.empty()) {
        return difference;
    }
    std::size_t over = 0;
    double total = 0.0;
    for (int y = 0; y < a.height; ++y) {
        for (int x = 0; x < a.width; ++x) {
            const Pixel p = a.at(x, y);
            const Pixel q = b.at(x, y);
            const int worst = std::max({std::abs(p.r - q.r), std::abs(p.g - q.g), std::abs(p.b - q.b)});
            difference.max_channel = std::max(difference.max_channel, worst);
            over += worst > tolerance ? 1 : 0;
            total += std::abs(p.r - q.r) + std::abs(p.g - q.g) + std::abs(p.b - q.b);
        }
    }
    const double pixels = static_cast<double>(a.argb.size());
    difference.share_over_tolerance = static_cast<double>(over) / pixels;
    difference.mean_channel = total / (3.0 * pixels);
    return difference;
}

} // namespace pooled::test
