#pragma once
/// @file
/// @brief The CostMatrix: origins x destinations travel costs, sparse when a cutoff is given.
///
/// The seam between routing and the analyses: accessibility and location-allocation take a
/// CostMatrix and never know whether it came from the road network, straight-line distance
/// or a file.

#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
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

/// The stored pairs of one origin, sorted by destination: a view into the matrix's arrays (valid
/// while the matrix lives). A pair reads as a MatrixEntry value; destinations() and costs() are
/// the row's own arrays, for passes that need only those.
class MatrixRow {
public:
    /// Random access over the row's pairs; *it is a MatrixEntry value (not a reference). It holds
    /// the arrays, not the view, so it outlives the row() it came from.
    class iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = MatrixEntry;
        using difference_type = std::ptrdiff_t;
        using reference = MatrixEntry;
        /// it->cost: the entry held by value.
        struct pointer {
            MatrixEntry entry;
            const MatrixEntry *operator->() const noexcept { return &entry; }
        };

        iterator() = default;
        MatrixEntry operator*() const noexcept { return entry(m_destination, m_cost, m_other, m_at); }
        pointer operator->() const noexcept { return {**this}; }
        MatrixEntry operator[](difference_type n) const noexcept { return *(*this + n); }
        iterator &operator++() noexcept { ++m_at; return *this; }
        iterator operator++(int) noexcept { iterator was = *this; ++m_at; return was; }
        iterator &operator--() noexcept { --m_at; return *this; }
        iterator operator--(int) noexcept { iterator was = *this; --m_at; return was; }
        iterator &operator+=(difference_type n) noexcept { m_at += static_cast<std::size_t>(n); return *this; }
        iterator &operator-=(difference_type n) noexcept { m_at -= static_cast<std::size_t>(n); return *this; }
        friend iterator operator+(iterator it, difference_type n) noexcept { return it += n; }
        friend iterator operator+(difference_type n, iterator it) noexcept { return it += n; }
        friend iterator operator-(iterator it, difference_type n) noexcept { return it -= n; }
        friend difference_type operator-(const iterator &a, const iterator &b) noexcept {
            return static_cast<difference_type>(a.m_at) - static_cast<difference_type>(b.m_at);
        }
        friend bool operator==(const iterator &a, const iterator &b) noexcept { return a.m_at == b.m_at; }
        friend auto operator<=>(const iterator &a, const iterator &b) noexcept { return a.m_at <=> b.m_at; }

    private:
        friend class MatrixRow;
        iterator(const std::uint32_t *destination, const double *cost, const double *other, std::size_t at) noexcept
            : m_destination(destination), m_cost(cost), m_other(other), m_at(at) {}
        const std::uint32_t *m_destination = nullptr;
        const double *m_cost = nullptr;
        const double *m_other = nullptr;
        std::size_t m_at = 0;
    };

    MatrixRow() = default;
    /// `other` may be null: every pair's other is then NaN.
    MatrixRow(const std::uint32_t *destination, const double *cost, const double *other, std::size_t size) noexcept
        : m_destination(destination), m_cost(cost), m_other(other), m_size(size) {}

    std::size_t size() const noexcept { return m_size; }
    bool empty() const noexcept { return m_size == 0; }
    MatrixEntry operator[](std::size_t r) const noexcept { return entry(m_destination, m_cost, m_other, r); }
    MatrixEntry front() const noexcept { return (*this)[0]; }
    MatrixEntry back() const noexcept { return (*this)[m_size - 1]; }
    iterator begin() const noexcept { return iterator(m_destination, m_cost, m_other, 0); }
    iterator end() const noexcept { return iterator(m_destination, m_cost, m_other, m_size); }
    std::span<const std::uint32_t> destinations() const noexcept { return {m_destination, m_size}; }
    std::span<const double> costs() const noexcept { return {m_cost, m_size}; }

private:
    static MatrixEntry entry(const std::uint32_t *destination, const double *cost, const double *other,
                             std::size_t r) noexcept {
        return {destination[r], cost[r], other != nullptr ? other[r] : std::numeric_limits<double>::quiet_NaN()};
    }

    const std::uint32_t *m_destination = nullptr;
    const double *m_cost = nullptr;
    const double *m_other = nullptr;
    std::size_t m_size = 0;
};

/// Origins x destinations costs. Only finite pairs are stored (with a cutoff, only pairs
/// within it, inclusive); every other pair is unreachable, +inf. Rows are sorted by
/// destination. Stored as arrays, one per field (4 bytes of destination and 8 of cost a pair,
/// and 8 of other only when some pair has one), so a pass that reads costs reads only costs.
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
    MatrixRow row(std::size_t origin) const;
    /// Cost of one pair; +inf if not stored.
    double at(std::size_t origin, std::size_t destination) const;
    /// Number of stored (finite) pairs.
    std::size_t stored() const noexcept { return m_cost.size(); }
    /// The stored pairs of every origin as whole arrays, for passes over the matrix: origin i's
    /// are [row_starts()[i], row_starts()[i + 1]) of destinations() and costs() (origin_count() + 1
    /// starts), the same pairs row(i) gives.
    std::span<const std::size_t> row_starts() const noexcept { return m_row_start; }
    std::span<const std::uint32_t> destinations() const noexcept { return m_destination; }
    std::span<const double> costs() const noexcept { return m_cost; }

private:
    std::vector<std::string> m_origin_ids;
    std::vector<std::string> m_destination_ids;
    CostUnit m_unit;
    std::optional<CostUnit> m_other_unit;
    std::optional<double> m_cutoff;
    std::vector<std::size_t> m_row_start;
    std::vector<std::uint32_t> m_destination;
    std::vector<double> m_cost;
    std::vector<double> m_other; ///< empty when every pair's other is NaN
};

} // namespace pooled::network
