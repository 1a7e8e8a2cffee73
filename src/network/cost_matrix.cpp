// CostMatrix: validated, row-sorted sparse storage of origin x destination costs.

#include <pooled/core/error.hpp>
#include "core/text.hpp"

#include <pooled/network/cost_matrix.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace pooled::network {

const char *cost_unit_name(CostUnit unit) noexcept {
    switch (unit) {
    case CostUnit::seconds: return "seconds";
    case CostUnit::metres: return "metres";
    }
    return "unknown";
}

CostMatrix::CostMatrix(std::vector<std::string> origin_ids, std::vector<std::string> destination_ids, CostUnit unit,
                       std::optional<CostUnit> other_unit, std::optional<double> cutoff,
                       std::vector<std::vector<MatrixEntry>> rows)
    : m_origin_ids(std::move(origin_ids)), m_destination_ids(std::move(destination_ids)), m_unit(unit),
      m_other_unit(other_unit), m_cutoff(cutoff) {
    if (rows.size() != m_origin_ids.size()) {
        throw Error(Errc::argument, "cost matrix has " + std::to_string(rows.size()) + " rows for " +
                                        std::to_string(m_origin_ids.size()) + " origins");
    }
    if (m_cutoff && (std::isnan(*m_cutoff) || *m_cutoff < 0.0)) {
        throw Error(Errc::argument, "cost matrix cutoff must be a number >= 0, not " + pooled::detail::number_text(*m_cutoff));
    }
    const std::size_t destinations = m_destination_ids.size();
    std::size_t total = 0;
    for (const auto &row : rows) {
        total += row.size();
    }
    bool any_other = false;
    for (const auto &row : rows) {
        for (const MatrixEntry &entry : row) {
            any_other = any_other || !std::isnan(entry.other);
        }
    }
    m_destination.reserve(total);
    m_cost.reserve(total);
    m_other.reserve(any_other ? total : 0);
    m_row_start.reserve(rows.size() + 1);
    m_row_start.push_back(0);
    for (std::size_t o = 0; o < rows.size(); ++o) {
        auto &row = rows[o];
        const auto fail = [&](const std::string &problem) {
            throw Error(Errc::argument, "cost matrix, origin '" + m_origin_ids[o] + "': " + problem);
        };
        std::sort(row.begin(), row.end(),
                  [](const MatrixEntry &a, const MatrixEntry &b) { return a.destination < b.destination; });
        for (std::size_t k = 0; k < row.size(); ++k) {
            const MatrixEntry &entry = row[k];
            if (entry.destination >= destinations) {
                fail("destination index " + std::to_string(entry.destination) + " is out of range (" +
                     std::to_string(destinations) + " destinations)");
            }
            const std::string pair = "destination '" + m_destination_ids[entry.destination] + "'";
            if (k > 0 && row[k - 1].destination == entry.destination) {
                fail(pair + " is given twice");
            }
            if (std::isnan(entry.cost) || entry.cost < 0.0 || std::isinf(entry.cost)) {
                fail(pair + " has cost " + pooled::detail::number_text(entry.cost) + " (a stored cost must be finite and >= 0)");
            }
            if (m_cutoff && entry.cost > *m_cutoff) {
                fail(pair + " has cost " + pooled::detail::number_text(entry.cost) + ", beyond the cutoff " + pooled::detail::number_text(*m_cutoff));
            }
            if (entry.other < 0.0) {
                fail(pair + " has a negative other measure " + pooled::detail::number_text(entry.other));
            }
        }
        for (const MatrixEntry &entry : row) {
            m_destination.push_back(entry.destination);
            m_cost.push_back(entry.cost);
            if (any_other) {
                m_other.push_back(entry.other);
            }
        }
        std::vector<MatrixEntry>().swap(row); // the copy is made: free it before the next row's
        m_row_start.push_back(m_cost.size());
    }
}

MatrixRow CostMatrix::row(std::size_t origin) const {
    if (origin >= origin_count()) {
        throw Error(Errc::argument, "cost matrix has no origin " + std::to_string(origin) + " (it has " +
                                        std::to_string(origin_count()) + ")");
    }
    const std::size_t start = m_row_start[origin];
    return MatrixRow(m_destination.data() + start, m_cost.data() + start,
                     m_other.empty() ? nullptr : m_other.data() + start, m_row_start[origin + 1] - start);
}

double CostMatrix::at(std::size_t origin, std::size_t destination) const {
    const MatrixRow entries = row(origin);
    if (destination >= destination_count()) {
        throw Error(Errc::argument, "cost matrix has no destination " + std::to_string(destination) +
                                        " (it has " + std::to_string(destination_count()) + ")");
    }
    const auto destinations = entries.destinations();
    const auto it = std::lower_bound(destinations.begin(), destinations.end(), destination);
    if (it == destinations.end() || *it != destination) {
        return std::numeric_limits<double>::infinity();
    }
    return entries.costs()[static_cast<std::size_t>(it - destinations.begin())];
}

} // namespace pooled::network
