#pragma once
// cairo surfaces that write into a string, shared by figures and the PDF document. Not installed.

#include "report/canvas.hpp"

#include <string>
#include <string_view>

namespace pooled::report::detail {

/// A PDF surface whose bytes are appended to `*out` (which must outlive it), with fixed
/// metadata (creator "pooled <version>", the given title and creation date), so the same
/// drawing gives the same bytes.
SurfacePtr make_pdf_surface(std::string *out, double width_pt, double height_pt, const std::string &title,
                            const std::string &creation_date);

/// cairo's write callback appending to a std::string passed as the closure.
cairo_status_t append_to_string(void *closure, const unsigned char *data, unsigned int length);

} // namespace pooled::report::detail
