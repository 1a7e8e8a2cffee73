#pragma once
// INTERNAL to libpooled (colocation). Step-size control shared by the Lagrangian bounds
// (Held, Wolfe and Crowder 1974): step = theta x (target - L) / |g|^2, theta starting at 2 and
// halved after 20 iterations without a better bound; the search ends when theta is negligible.

#include <cstddef>

namespace pooled::colocation::detail {

struct StepControl {
    double theta = 2.0;
    std::size_t stalled = 0;
    std::size_t patience = 20; ///< iterations without a better bound before theta halves

    /// Records whether the last iteration improved the best bound; false once the steps have
    /// become too small to matter.
    bool keep_going(bool improved) noexcept {
        if (improved) {
            stalled = 0;
        } else if (++stalled >= patience) {
            theta /= 2.0;
            stalled = 0;
        }
        return theta >= 1e-4;
    }
};

} // namespace pooled::colocation::detail
