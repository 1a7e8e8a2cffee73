#pragma once
// INTERNAL to libpooled (catchment). Runs fn(i) for i in [0, count) on a few std::threads.
// Deterministic by construction: each i is computed independently and written to its own slot
// by the caller's fn, so the result does not depend on the thread count or on scheduling. If
// calls throw, the exception of the smallest i is rethrown (the same one a serial loop would
// have thrown first), after every thread has stopped.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace pooled::catchment::detail {

/// `threads` 0 = one per hardware thread.
template <typename Fn>
void parallel_for(std::size_t count, unsigned threads, Fn &&fn) {
    if (count == 0) {
        return;
    }
    std::size_t n = threads != 0 ? threads : std::max(1U, std::thread::hardware_concurrency());
    n = std::min(n, count);
    if (n <= 1) {
        for (std::size_t i = 0; i < count; ++i) {
            fn(i);
        }
        return;
    }
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::mutex mutex;
    std::exception_ptr error;
    std::size_t error_index = count;
    const auto work = [&] {
        for (std::size_t i = next.fetch_add(1); i < count && !failed.load(); i = next.fetch_add(1)) {
            try {
                fn(i);
            } catch (...) {
                const std::lock_guard<std::mutex> lock(mutex);
                if (i < error_index) {
                    error_index = i;
                    error = std::current_exception();
                }
                failed.store(true);
            }
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(n - 1);
    for (std::size_t t = 0; t + 1 < n; ++t) {
        try {
            pool.emplace_back(work);
        } catch (const std::system_error &) {
            break; // no more threads to be had: the ones running share the work
        }
    }
    work();
    for (std::thread &thread : pool) {
        thread.join();
    }
    if (error) {
        std::rethrow_exception(error);
    }
}

} // namespace pooled::catchment::detail
