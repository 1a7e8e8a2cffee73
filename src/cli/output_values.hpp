#pragma once
// Numbers as the commands write them: the library's policy (io/output_numbers.hpp), rounded so
// that the last bits of sums do not reach golden files, and NaN or infinity as null.

#include "io/output_numbers.hpp"

namespace pooled::cli {

using pooled::rounded;
using pooled::io::json_number;
using pooled::io::real_or_null;

} // namespace pooled::cli
