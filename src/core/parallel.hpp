#pragma once
// INTERNAL to libpooled, for every module: runs fn(worker, i) for i in [0, count) on
// `workers` threads (worker_count() picks how many); worker 0 is the calling thread, so a
// Progress may be reported from it. Each call knows its worker, so workers can keep a scratch
// space and a running best of their own (k-means restarts). Determinism is the caller's:
// fn(w, i) must compute the same for any w, and per-worker results must be combined by an
// order-independent rule (or written to slot i).
// If calls throw, the others stop taking work and the exception of the smallest i is
// rethrown after every worker has stopped.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace pooled::detail {

/// Workers for `count` items and `threads` asked for (0 = one per hardware thread): at least 1.
inline std::size_t worker_count(std::size_t count, unsigned threads) {
    const std::size_t wanted = threads != 0 ? threads : std::max(1U, std::thread::hardware_concurrency());
    return std::max<std::size_t>(1, std::min(wanted, count));
}

template <typename Fn>
void for_each_on_workers(std::size_t count, std::size_t workers, Fn &&fn) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::mutex mutex;
    std::exception_ptr error;
    std::size_t error_index = count;
    const auto work = [&](std::size_t worker) {
        for (std::size_t i = next.fetch_add(1); i < count && !failed.load(); i = next.fetch_add(1)) {
            try {
                fn(worker, i);
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
    pool.reserve(workers > 0 ? workers - 1 : 0);
    for (std::size_t w = 1; w < workers; ++w) {
        try {
            pool.emplace_back(work, w);
        } catch (const std::system_error &) {
            break; // no more threads to be had: the ones running share the work
        }
    }
    work(0);
    for (std::thread &thread : pool) {
        thread.join();
    }
    if (error) {
        std::rethrow_exception(error);
    }
}

} // namespace pooled::detail
