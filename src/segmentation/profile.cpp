#include <pooled/segmentation/profile.hpp>

#include "segmentation/segment_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pooled::segmentation {

LevelProfile profile_segments(const PreparedZones &prepared, const std::vector<std::string> &zone_codes,
                              const std::vector<std::string> &segment_codes, std::size_t distinguishing_count) {
    const DataMatrix &x = prepared.matrix;
    const DataMatrix &p = prepared.percentages;
    const std::size_t n = x.rows;
    const std::size_t cols = x.cols;
    const auto segment = detail::segment_of_zones(zone_codes, segment_codes, n);
    const double nan = std::numeric_limits<double>::quiet_NaN();

    LevelProfile out;
    out.variable_names = p.column_names;
    out.overall_percentages.assign(cols, 0.0);
    out.segments.resize(segment_codes.size());
    for (std::size_t s = 0; s < segment_codes.size(); ++s) {
        auto &sp = out.segments[s];
        sp.code = segment_codes[s];
        sp.mean_values.assign(cols, 0.0);
        sp.mean_percentages.assign(cols, 0.0);
    }
    std::vector<double> overall_mean(cols, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        auto &sp = out.segments[segment[i]];
        const double w = prepared.population[i];
        sp.zones += 1;
        sp.population += w;
        out.population += w;
        for (std::size_t j = 0; j < cols; ++j) {
            sp.mean_values[j] += x(i, j);
            sp.mean_percentages[j] += w * p(i, j);
            out.overall_percentages[j] += w * p(i, j);
            overall_mean[j] += x(i, j);
        }
    }
    if (!(out.population > 0.0)) {
        throw Error(Errc::data, "the zones have no population, so index scores cannot be computed");
    }
    std::vector<double> sd(cols, 0.0);
    for (std::size_t j = 0; j < cols; ++j) {
        out.overall_percentages[j] /= out.population;
        overall_mean[j] /= static_cast<double>(n);
    }
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < cols; ++j) {
            const double d = x(i, j) - overall_mean[j];
            sd[j] += d * d;
        }
    }
    for (double &v : sd) {
        v = std::sqrt(v / static_cast<double>(n));
    }

    for (auto &sp : out.segments) {
        sp.index.assign(cols, nan);
        for (std::size_t j = 0; j < cols; ++j) {
            sp.mean_values[j] = sp.zones > 0 ? sp.mean_values[j] / static_cast<double>(sp.zones) : nan;
            sp.mean_percentages[j] = sp.population > 0.0 ? sp.mean_percentages[j] / sp.population : nan;
            if (out.overall_percentages[j] != 0.0) {
                sp.index[j] = 100.0 * sp.mean_percentages[j] / out.overall_percentages[j];
            }
        }
        if (sp.zones == 0) {
            continue;
        }
        std::vector<Distinguishing> scores;
        for (std::size_t j = 0; j < cols; ++j) {
            if (sd[j] > 0.0) {
                scores.push_back(Distinguishing{j, (sp.mean_values[j] - overall_mean[j]) / sd[j]});
            }
        }
        std::stable_sort(scores.begin(), scores.end(), [](const Distinguishing &a, const Distinguishing &b) {
            return std::abs(a.score) > std::abs(b.score);
        });
        scores.resize(std::min(scores.size(), distinguishing_count));
        sp.distinguishing = std::move(scores);
    }
    return out;
}

} // namespace pooled::segmentation
