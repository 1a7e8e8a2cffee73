#pragma once
// The page geometry of the PDF report, in points, in one place (tests count pages with it).
// Not installed.

namespace pooled::report::detail::pdf_layout {

inline constexpr double page_width = 595.276;  // A4, 210 mm
inline constexpr double page_height = 841.890; // A4, 297 mm
inline constexpr double margin_x = 50.0;
inline constexpr double margin_top = 56.0;
inline constexpr double margin_bottom = 60.0; // the page footer sits in it
inline constexpr double text_width = page_width - 2.0 * margin_x; // 495.276
inline constexpr double content_bottom = page_height - margin_bottom;

inline constexpr double body_size = 10.0;
inline constexpr double body_line = 14.0;
inline constexpr double paragraph_gap = 6.0;
inline constexpr double section_title_size = 15.0;
inline constexpr double section_title_height = 30.0; // title line, rule and gap below
inline constexpr double table_size = 8.5;
inline constexpr double table_line = 11.0;
inline constexpr double table_padding = 3.0; // above and below each row's text
inline constexpr double table_caption_height = 16.0;
inline constexpr double block_gap = 10.0; // after each figure and table

} // namespace pooled::report::detail::pdf_layout
