#include "report/canvas.hpp"

#include <pooled/core/error.hpp>

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <mutex>

namespace pooled::report::detail {
namespace {

// Debian's fonts-dejavu-core (scripts/deps.sh). DejaVu covers the "©" and "£" of attributions
// and costs, and its licence allows embedding in PDF.
constexpr const char *regular_font_file = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char *bold_font_file = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

const cairo_user_data_key_t ft_face_key{};

// The FreeType library and the two faces, made once and kept for the process: cairo caches
// scaled fonts per face, so one face per weight keeps the cache warm.
class Fonts {
public:
    cairo_font_face_t *face(Weight weight) {
        std::lock_guard lock(m_mutex);
        cairo_font_face_t *&slot = weight == Weight::bold ? m_bold : m_regular;
        if (slot == nullptr) {
            slot = load(weight == Weight::bold ? bold_font_file : regular_font_file);
        }
        return slot;
    }

private:
    cairo_font_face_t *load(const char *file) {
        if (m_library == nullptr && FT_Init_FreeType(&m_library) != 0) {
            m_library = nullptr;
            throw Error(Errc::internal, "cannot start FreeType for the report font");
        }
        FT_Face ft_face = nullptr;
        if (FT_New_Face(m_library, file, 0, &ft_face) != 0) {
            throw Error(Errc::io, "cannot read the report font (install the Debian package fonts-dejavu-core)",
                        SourceRef{file, {}, std::nullopt, {}});
        }
        cairo_font_face_t *face = cairo_ft_font_face_create_for_ft_face(ft_face, 0);
        // cairo frees the FreeType face with its own font face.
        if (cairo_font_face_set_user_data(face, &ft_face_key, ft_face,
                                          [](void *f) { FT_Done_Face(static_cast<FT_Face>(f)); }) !=
            CAIRO_STATUS_SUCCESS) {
            cairo_font_face_destroy(face);
            FT_Done_Face(ft_face);
            throw Error(Errc::internal, "cannot attach the report font to cairo");
        }
        return face;
    }

    std::mutex m_mutex;
    FT_Library m_library = nullptr;
    cairo_font_face_t *m_regular = nullptr;
    cairo_font_face_t *m_bold = nullptr;
};

Fonts &fonts() {
    static Fonts *instance = new Fonts; // never destroyed: cairo may use the faces until exit
    return *instance;
}

} // namespace

CairoPtr make_context(cairo_surface_t *surface) {
    CairoPtr cr(cairo_create(surface));
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
        throw Error(Errc::internal, std::string("cairo: ") + cairo_status_to_string(cairo_status(cr.get())));
    }
    cairo_font_options_t *options = cairo_font_options_create();
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr.get(), options);
    cairo_font_options_destroy(options);
    cairo_set_line_join(cr.get(), CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr.get(), CAIRO_LINE_CAP_ROUND);
    return cr;
}

void check_surface(cairo_surface_t *surface, const std::string &what) {
    cairo_surface_flush(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        throw Error(Errc::io, "cannot draw " + what + ": " + cairo_status_to_string(status));
    }
}

void set_font(cairo_t *cr, Weight weight, double size_pt) {
    cairo_set_font_face(cr, fonts().face(weight));
    cairo_set_font_size(cr, size_pt);
}

void set_colour(cairo_t *cr, Rgb colour, double alpha) {
    cairo_set_source_rgba(cr, colour.r / 255.0, colour.g / 255.0, colour.b / 255.0, alpha);
}

double text_width(cairo_t *cr, std::string_view text) {
    const std::string owned(text); // cairo wants a NUL-terminated string
    cairo_text_extents_t extents;
    cairo_text_extents(cr, owned.c_str(), &extents);
    return extents.x_advance;
}

void draw_text(cairo_t *cr, double x, double baseline_y, std::string_view text, HAlign align) {
    const std::string owned(text);
    double start = x;
    if (align != HAlign::left) {
        const double width = text_width(cr, owned);
        start = align == HAlign::centre ? x - width / 2.0 : x - width;
    }
    cairo_move_to(cr, start, baseline_y);
    cairo_show_text(cr, owned.c_str());
    cairo_new_path(cr);
}

std::vector<std::string> wrap_text(cairo_t *cr, std::string_view text, double max_width) {
    std::vector<std::string> lines;
    std::size_t paragraph_start = 0;
    while (paragraph_start <= text.size()) {
        std::size_t paragraph_end = text.find('\n', paragraph_start);
        if (paragraph_end == std::string_view::npos) {
            paragraph_end = text.size();
        }
        const std::string_view paragraph = text.substr(paragraph_start, paragraph_end - paragraph_start);
        std::string line;
        std::size_t position = 0;
        bool any = false;
        while (position < paragraph.size()) {
            const std::size_t word_start = paragraph.find_first_not_of(' ', position);
            if (word_start == std::string_view::npos) {
                break;
            }
            std::size_t word_end = paragraph.find(' ', word_start);
            if (word_end == std::string_view::npos) {
                word_end = paragraph.size();
            }
            const std::string_view word = paragraph.substr(word_start, word_end - word_start);
            std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
            if (!line.empty() && text_width(cr, candidate) > max_width) {
                lines.push_back(std::move(line));
                line = std::string(word);
            } else {
                line = std::move(candidate);
            }
            any = true;
            position = word_end;
        }
        if (any || paragraph.empty()) {
            lines.push_back(std::move(line));
        }
        paragraph_start = paragraph_end + 1;
    }
    return lines;
}

} // namespace pooled::report::detail
