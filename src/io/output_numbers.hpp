#pragma once
// Numbers as outputs write them, for the library's layer builders and the CLI alike: rounded
// (core/rounding.hpp) so the last bits of sums do not reach golden files, and NaN or infinity
// as null, since GeoPackage and JSON have no NaN.

#include <pooled/core/rounding.hpp>
#include <pooled/io/writer.hpp>

#include <nlohmann/json.hpp>

#include <cmath>

namespace pooled::io {

/// A real field value: null for NaN or infinity, else `value` rounded.
inline FieldValue real_or_null(double value, int decimals) {
    return std::isfinite(value) ? FieldValue{rounded(value, decimals)} : FieldValue{};
}

/// JSON of a double: null for NaN or infinity, else `value` rounded.
inline nlohmann::ordered_json json_number(double value, int decimals) {
    return std::isfinite(value) ? nlohmann::ordered_json(rounded(value, decimals)) : nlohmann::ordered_json(nullptr);
}

} // namespace pooled::io
