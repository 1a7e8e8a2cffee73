#pragma once
// Numbers as the commands write them: rounded so that the last bits of sums do not reach golden
// files, and NaN or infinity as null (GeoPackage and JSON have no NaN).

#include <pooled/core/rounding.hpp>
#include <pooled/io/writer.hpp>

#include <nlohmann/json.hpp>

namespace pooled::cli {

using pooled::rounded; // core/rounding.hpp, shared with the library

/// A real field value: null for NaN or infinity, else `value` rounded.
io::FieldValue real_or_null(double value, int decimals);
/// JSON of a double: null for NaN or infinity, else `value` rounded.
nlohmann::ordered_json json_number(double value, int decimals);

} // namespace pooled::cli
