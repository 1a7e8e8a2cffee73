#pragma once
// INTERNAL to libpooled (colocation). Wall time since a start, for Solution::seconds and for
// what is left of an exact mode's time limit.

#include <chrono>

namespace pooled::colocation::detail {

/// Seconds of wall time (steady clock) since `started`.
inline double seconds_since(std::chrono::steady_clock::time_point started) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

} // namespace pooled::colocation::detail
