#pragma once
// Checks of a Report shared by its HTML and PDF writers. Not installed.

#include <pooled/report/document.hpp>

namespace pooled::report::detail {

/// @throws Error (Errc::argument) naming the section and table if a table row has more cells
/// than the table has columns, or as check_figure() for a figure (draw.hpp).
void check_report(const Report &report);

} // namespace pooled::report::detail
