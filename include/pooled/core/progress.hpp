#pragma once
/// @file
/// @brief Progress reporting and cancellation, in the shape of GDAL's GDALProgressFunc.

#include <pooled/core/error.hpp>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

namespace pooled {

/// Receives progress in [0,1] and a stage name; the sink returns false to cancel.
///
/// A default-constructed Progress is silent and never cancels. sub() maps a sub-task onto
/// part of the parent's range, as GDALCreateScaledProgress does.
/// Thread safety: report() calls the sink on the calling thread; callers serialise.
class Progress {
public:
    using Sink = std::function<bool(double fraction, std::string_view stage)>;

    Progress() = default;
    explicit Progress(Sink sink) : m_sink(std::make_shared<Sink>(std::move(sink))) {}

    /// Reports completion of this (sub-)task. @throws Cancelled if the sink returns false.
    void report(double fraction, std::string_view stage = {}) const {
        if (!m_sink) {
            return;
        }
        const double overall = m_lo + (m_hi - m_lo) * std::clamp(fraction, 0.0, 1.0);
        if (!(*m_sink)(overall, stage)) {
            throw Cancelled();
        }
    }

    /// A view mapping this task's [0,1] onto [lo,hi] of this one.
    Progress sub(double lo, double hi) const {
        Progress part = *this;
        part.m_lo = m_lo + (m_hi - m_lo) * lo;
        part.m_hi = m_lo + (m_hi - m_lo) * hi;
        return part;
    }

private:
    std::shared_ptr<Sink> m_sink;
    double m_lo = 0.0;
    double m_hi = 1.0;
};

/// Calls report() about 100 times over a loop of `total` steps rather than on every step.
class ProgressTicker {
public:
    ProgressTicker(const Progress &progress, std::size_t total, std::string_view stage)
        : m_progress(progress), m_total(std::max<std::size_t>(total, 1)), m_stage(stage),
          m_every(std::max<std::size_t>(1, total / 100)) {}

    void tick(std::size_t done) const {
        if (done % m_every == 0 || done == m_total) {
            m_progress.report(static_cast<double>(done) / static_cast<double>(m_total), m_stage);
        }
    }

private:
    const Progress &m_progress;
    std::size_t m_total;
    std::string_view m_stage;
    std::size_t m_every;
};

} // namespace pooled
