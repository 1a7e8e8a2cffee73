#pragma once
/// @file
/// @brief Before and after: the key figures of two runs' summary.json side by side.

#include <pooled/pooled_cxx_export.h>

#include <optional>
#include <string>
#include <vector>

namespace pooled::scenario {

/// One figure of the summaries, e.g. "accessibility.2sfca.mean".
struct FigureChange {
    std::string figure;            ///< dotted path in summary.json's "stages" and "layers"
    std::optional<double> before;  ///< in run A; none when A has no such number
    std::optional<double> after;   ///< in run B
    /// after - before, when both are numbers.
    std::optional<double> difference() const {
        return before && after ? std::optional(*after - *before) : std::nullopt;
    }
};

/// The numeric figures of two runs' summaries, in A's order and then those only B has.
/// `a` and `b` are output directories of `pooled run` (or summary.json files).
/// @throws Error (Errc::io) naming the file if a summary cannot be read; (Errc::data) if it is
///         not a run summary.
POOLED_CXX_API std::vector<FigureChange> compare_runs(const std::string &a, const std::string &b);

} // namespace pooled::scenario
