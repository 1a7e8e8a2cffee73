#pragma once
/// @file
/// @brief Numbers as report text: "1,055,975", "12.5", "-3.0".

#include <pooled/pooled_cxx_export.h>

#include <string>

namespace pooled::report {

/// `value` rounded to `decimals` (0..9) places, with a comma between thousands; "-0" is
/// written "0"; NaN as "n/a", infinities as "inf"/"-inf".
POOLED_CXX_API std::string format_number(double value, int decimals = 0);

} // namespace pooled::report
