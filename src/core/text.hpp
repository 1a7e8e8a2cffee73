#pragma once
// Small text helpers for the library's parsers and messages (internal, not installed):
// ASCII case folding, trimming, joining, and "did you mean" hints. Used by io (schemas) and model.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pooled::detail {

/// ASCII lower case; other bytes unchanged (no locale).
constexpr char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

/// `text` in ASCII lower case.
std::string to_lower(std::string_view text);

/// `text` without leading and trailing white space (" \t\r\n\f\v").
std::string_view trim(std::string_view text) noexcept;

/// Whether `a` and `b` are equal ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b) noexcept;

/// The parts with `separator` between them: "a, b, c".
std::string join(const std::vector<std::string> &parts, std::string_view separator = ", ");

/// `text` with the five XML special characters as entities (&amp; &lt; &gt; &quot; &apos;), safe
/// in XML (and HTML) text and attribute values. Control characters XML 1.0 forbids become spaces.
std::string xml_escape(std::string_view text);

/// Shortest text that reads back as the same double ("-3", "0.25", "inf").
std::string number_text(double value);

/// " (did you mean 'floor_area'?)" when one candidate is close to `word` (Levenshtein distance,
/// ignoring case, at most max(2, a third of the word's length)), else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string> &candidates);

} // namespace pooled::detail
