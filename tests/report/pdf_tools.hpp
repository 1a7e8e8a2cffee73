#pragma once
// poppler-utils read a PDF back: its page count (pdfinfo) and a page's text (pdftotext), for
// the report tests. Built only where both tools were found (POOLED_PDFINFO, POOLED_PDFTOTEXT).

#include <string>

namespace pooled::test {

/// The "Pages:" line of pdfinfo.
int pdf_pages(const std::string &path);

/// The text of one page (1-based), as `pdftotext -layout` reads it.
std::string pdf_page_text(const std::string &path, int page);

/// The whole content of a file, as bytes.
std::string file_bytes(const std::string &path);

} // namespace pooled::test
