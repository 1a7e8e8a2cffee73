#pragma once
// INTERNAL to libpooled (catchment). Runs fn(i) for i in [0, count) on a few std::threads.
// Deterministic by construction: each i is computed independently and written to its own slot
// by the caller's fn, so the result does not depend on the thread count or on scheduling. If
// calls throw, the exception of the smallest i is rethrown (the same one a serial loop would
// have thrown first), after every thread has stopped.

#include "core/parallel.hpp"

#include <cstddef>

namespace pooled::catchment::detail {

/// `threads` 0 = one per hardware thread.
template <typename Fn>
void parallel_for(std::size_t count, unsigned threads, Fn &&fn) {
    if (count == 0) {
        return;
    }
    pooled::detail::for_each_on_workers(count, pooled::detail::worker_count(count, threads),
                                        [&fn](std::size_t, std::size_t i) { fn(i); });
}

} // namespace pooled::catchment::detail
