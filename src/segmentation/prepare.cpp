#include <pooled/segmentation/prepare.hpp>

#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace pooled::segmentation {

namespace {

DataMatrix empty_matrix(std::size_t rows, std::vector<std::string> names) {
    DataMatrix m;
    m.rows = rows;
    m.cols = names.size();
    m.values.assign(m.rows * m.cols, 0.0);
    m.column_names = std::move(names);
    return m;
}

DataMatrix transformed(const DataMatrix &percentages, Transform transform) {
    DataMatrix t = percentages;
    for (double &v : t.values) {
        v = transform_value(transform, v);
    }
    return t;
}

// Mean and population standard deviation of each column (two passes, for accuracy).
struct ColumnMoments {
    std::vector<double> mean, sd;
};
ColumnMoments moments(const DataMatrix &m) {
    ColumnMoments out{std::vector<double>(m.cols, 0.0), std::vector<double>(m.cols, 0.0)};
    if (m.rows == 0) {
        return out;
    }
    for (std::size_t i = 0; i < m.rows; ++i) {
        for (std::size_t j = 0; j < m.cols; ++j) {
            out.mean[j] += m(i, j);
        }
    }
    for (double &v : out.mean) {
        v /= static_cast<double>(m.rows);
    }
    for (std::size_t i = 0; i < m.rows; ++i) {
        for (std::size_t j = 0; j < m.cols; ++j) {
            const double d = m(i, j) - out.mean[j];
            out.sd[j] += d * d;
        }
    }
    for (double &v : out.sd) {
        v = std::sqrt(v / static_cast<double>(m.rows));
    }
    return out;
}

PreparedZones prepared_from(const model::Population &zones, DataMatrix pct, std::vector<ZeroDenominator> zero,
                            Preparation preparation, double correlation_threshold) {
    PreparedZones out;
    for (const auto &zone : zones.zones) {
        out.zone_ids.push_back(zone.id);
        out.population.push_back(zone.population);
    }
    out.matrix = preparation.apply(pct);
    out.checks.zero_denominators = std::move(zero);
    check_matrix(transformed(pct, preparation.transform), correlation_threshold, out.checks);
    out.percentages = std::move(pct);
    out.preparation = std::move(preparation);
    return out;
}

} // namespace

const char *transform_name(Transform transform) noexcept {
    switch (transform) {
    case Transform::none: return "none";
    case Transform::ihs: return "ihs";
    case Transform::log1p: return "log1p";
    }
    return "?";
}

const char *standardise_name(Standardise standardise) noexcept {
    switch (standardise) {
    case Standardise::none: return "none";
    case Standardise::range: return "range";
    case Standardise::zscore: return "zscore";
    }
    return "?";
}

Transform parse_transform(std::string_view name) {
    const std::string n = detail::to_lower(detail::trim(name));
    if (n == "none") return Transform::none;
    if (n == "ihs" || n == "asinh") return Transform::ihs;
    if (n == "log1p") return Transform::log1p;
    throw Error(Errc::argument, "unknown transform '" + std::string(name) + "' (use ihs, log1p or none)");
}

Standardise parse_standardise(std::string_view name) {
    const std::string n = detail::to_lower(detail::trim(name));
    if (n == "none") return Standardise::none;
    if (n == "range" || n == "minmax") return Standardise::range;
    if (n == "zscore" || n == "z" || n == "standardise") return Standardise::zscore;
    throw Error(Errc::argument, "unknown standardisation '" + std::string(name) + "' (use range, zscore or none)");
}

double transform_value(Transform transform, double percentage) noexcept {
    switch (transform) {
    case Transform::ihs: return std::asinh(percentage);
    case Transform::log1p: return std::log1p(percentage);
    case Transform::none: break;
    }
    return percentage;
}

void Preparation::apply(std::span<const double> percentages, std::span<double> out) const {
    if (percentages.size() != scaling.size() || out.size() != scaling.size()) {
        throw Error(Errc::argument, "preparation of " + std::to_string(scaling.size()) + " variables given " +
                                        std::to_string(percentages.size()) + " values");
    }
    for (std::size_t j = 0; j < scaling.size(); ++j) {
        const double t = transform_value(transform, percentages[j]);
        out[j] = scaling[j].scale == 0.0 ? 0.0 : (t - scaling[j].offset) / scaling[j].scale;
    }
}

DataMatrix Preparation::apply(const DataMatrix &percentages) const {
    DataMatrix out = empty_matrix(percentages.rows, percentages.column_names);
    out.cols = percentages.cols;
    out.values.assign(out.rows * out.cols, 0.0);
    for (std::size_t i = 0; i < percentages.rows; ++i) {
        apply(percentages.row(i), out.row(i));
    }
    return out;
}

Preparation fit_preparation(const DataMatrix &percentages, Transform transform, Standardise standardise) {
    Preparation p{transform, standardise, std::vector<ColumnScaling>(percentages.cols)};
    if (standardise == Standardise::none || percentages.rows == 0) {
        return p;
    }
    const DataMatrix t = transformed(percentages, transform);
    if (standardise == Standardise::zscore) {
        const ColumnMoments m = moments(t);
        for (std::size_t j = 0; j < t.cols; ++j) {
            p.scaling[j] = ColumnScaling{m.mean[j], m.sd[j]};
        }
        return p;
    }
    for (std::size_t j = 0; j < t.cols; ++j) {
        double lo = std::numeric_limits<double>::infinity();
        double hi = -lo;
        for (std::size_t i = 0; i < t.rows; ++i) {
            lo = std::min(lo, t(i, j));
            hi = std::max(hi, t(i, j));
        }
        p.scaling[j] = ColumnScaling{lo, hi - lo};
    }
    return p;
}

void check_matrix(const DataMatrix &matrix, double correlation_threshold, DataChecks &checks) {
    const ColumnMoments m = moments(matrix);
    checks.zero_variance.clear();
    checks.correlated.clear();
    std::vector<bool> constant(matrix.cols, true);
    for (std::size_t j = 0; j < matrix.cols; ++j) {
        for (std::size_t i = 1; i < matrix.rows && constant[j]; ++i) {
            constant[j] = matrix(i, j) == matrix(0, j);
        }
        if (constant[j]) {
            checks.zero_variance.push_back(j);
        }
    }
    for (std::size_t a = 0; a < matrix.cols; ++a) {
        for (std::size_t b = a + 1; b < matrix.cols; ++b) {
            if (constant[a] || constant[b]) {
                continue;
            }
            double cov = 0.0;
            for (std::size_t i = 0; i < matrix.rows; ++i) {
                cov += (matrix(i, a) - m.mean[a]) * (matrix(i, b) - m.mean[b]);
            }
            const double r = cov / static_cast<double>(matrix.rows) / (m.sd[a] * m.sd[b]);
            if (std::abs(r) > correlation_threshold) {
                checks.correlated.push_back(CorrelatedPair{a, b, r});
            }
        }
    }
}

DataMatrix percentages(const model::Population &zones, const VariableSpec &spec,
                       std::vector<ZeroDenominator> &zero_denominators) {
    check_columns(spec, zones.variable_names, zones.source.empty() ? std::string("the zones") : zones.source);
    // Column indices once, not per zone.
    struct Columns {
        std::vector<std::size_t> numerator;
        std::optional<std::size_t> denominator;
    };
    std::vector<Columns> columns;
    for (const auto &v : spec.variables) {
        Columns c;
        for (const auto &name : v.numerator) {
            c.numerator.push_back(*zones.variable_index(name));
        }
        if (!v.denominator.empty()) {
            c.denominator = *zones.variable_index(v.denominator);
        }
        columns.push_back(std::move(c));
    }
    DataMatrix out = empty_matrix(zones.zones.size(), spec.names());
    zero_denominators.clear();
    for (std::size_t i = 0; i < zones.zones.size(); ++i) {
        const model::Zone &zone = zones.zones[i];
        auto count = [&](std::size_t column) {
            const double value = zone.variables[column];
            if (std::isnan(value) || value < 0.0) {
                throw Error(Errc::data,
                            std::string(std::isnan(value) ? "census count is empty" : "census count is negative") +
                                " (zone '" + zone.id + "')",
                            SourceRef{zones.source, {}, zone.fid, zones.variable_names[column]});
            }
            return value;
        };
        for (std::size_t j = 0; j < columns.size(); ++j) {
            double numerator = 0.0;
            for (std::size_t column : columns[j].numerator) {
                numerator += count(column);
            }
            double value = numerator;
            if (columns[j].denominator) {
                const double denominator = count(*columns[j].denominator);
                if (denominator == 0.0) {
                    zero_denominators.push_back(ZeroDenominator{i, j});
                    value = 0.0;
                } else {
                    value = 100.0 * numerator / denominator;
                }
            }
            out.values[i * out.cols + j] = value;
        }
    }
    return out;
}

PreparedZones prepare(const model::Population &zones, const VariableSpec &spec, const PrepareOptions &options) {
    std::vector<ZeroDenominator> zero;
    DataMatrix pct = percentages(zones, spec, zero);
    Preparation preparation = fit_preparation(pct, options.transform, options.standardise);
    PreparedZones out = prepared_from(zones, std::move(pct), std::move(zero), std::move(preparation),
                                      options.correlation_threshold);
    if (options.standardise != Standardise::none && !out.checks.zero_variance.empty()) {
        const Variable &v = spec.variables[out.checks.zero_variance.front()];
        const double value = out.percentages.rows > 0 ? out.percentages(0, out.checks.zero_variance.front()) : 0.0;
        throw Error(Errc::data,
                    v.describe() + ": the same value (" + detail::number_text(value) + ") in all " +
                        std::to_string(out.percentages.rows) +
                        " zones, so it cannot be standardised and separates nothing; remove it from the spec",
                    spec.ref(v.numerator.front()));
    }
    return out;
}

PreparedZones prepare_with(const model::Population &zones, const VariableSpec &spec, const Preparation &preparation,
                           double correlation_threshold) {
    std::vector<ZeroDenominator> zero;
    DataMatrix pct = percentages(zones, spec, zero);
    return prepared_from(zones, std::move(pct), std::move(zero), preparation, correlation_threshold);
}

} // namespace pooled::segmentation
