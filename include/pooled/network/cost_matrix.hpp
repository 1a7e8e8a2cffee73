#pragma once
/// @file
/// @brief The CostMatrix: origins x destinations travel costs, sparse when a cutoff is given.
///
/// The seam between routing and the analyses: accessibility and location-allocation take a
/// CostMatrix and never know whether it came from the road network, straight-line distance
/// or a file.

#include <pooled/pooled_cxx_export.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pooled::network {

/// The unit of a matrix's costs.
enum class CostUnit { seconds, metres };
POOLED_CXX_API const char *cost_unit_name(CostUnit unit) noexcept;

/// One stored pair of a row.
struct MatrixEntry {
    std::uint32_t destination = 0;
    double cost = 0.0;  ///< in the matrix's unit
    double other = std::numeric_limits<double>::quiet_NaN(); ///< in other_unit(), if the matrix has one
};

/// Origins x destinations costs. Only finite pairs are stored (with a cutoff, only pairs
/// within it, inclusive); every other pair is unreachable, +inf. Rows are sorted by
/// destination.
/// Thread safety: immutable after construction; const members may be called from any thread.
class POOLED_CXX_API CostMatrix {
public:
    /// @param rows one vector per origin (destination indexes < destination_ids.size()).
    /// @throws Error (Errc::argument) for a destination index out of range, a repeated pair,
    ///         a negative or NaN cost, or a stored cost beyond the cutoff.
    CostMatrix(std::vector<std::string> origin_ids, std::vector<std::string> destination_ids, CostUnit unit,
               std::optional<CostUnit> other_unit, std::optional<double> cutoff,
               std::vector<std::vector<MatrixEntry>> rows);

    std::size_t origin_count() const noexcept { return m_origin_ids.size(); }
    std::size_t destination_count() const noexcept { return m_destination_ids.size(); }
    const std::vector<std::string> &origin_ids() const noexcept { return m_origin_ids; }
    const std::vector<std::string> &destination_ids() const noexcept { return m_destination_ids; }
    CostUnit unit() const noexcept { return m_unit; }
    std::optional<CostUnit> other_unit() const noexcept { return m_other_unit; }
    std::optional<double> cutoff() const noexcept { return m_cutoff; }

    /// The stored pairs of one origin, sorted by destination.
    std::span<const MatrixEntry> row(std::size_t origin) const;
    /// Cost of one pair; +inf if not stored.
    double at(std::size_t origin, std::size_t destination) const;
    /// Number of stored (finite) pairs.
    std::size_t stored() const noexcept { return m_entries.size(); }

private:
    std::vector<std::string> m_origin_ids;
    std::vector<std::string> m_destination_ids;
    CostUnit m_unit;
    std::optional<CostUnit> m_other_unit;
    std::optional<double> m_cutoff;
    std::vector<std::size_t> m_row_start;
    std::vector<MatrixEntry> m_entries;
};

} // namespace pooled::network
