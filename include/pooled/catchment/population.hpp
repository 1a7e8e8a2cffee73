#pragma once
/// @file
/// @brief Counting the people inside areas: zones by area share, or population-weighted centroids.

#include <pooled/catchment/catchment.hpp>
#include <pooled/geometry/types.hpp>
#include <pooled/pooled_cxx_export.h>

#include <memory>
#include <optional>
#include <vector>

namespace pooled::catchment {

/// Zones with their counts, indexed for fast "what lies inside this area" queries.
/// Thread safety: const members may be called from any thread.
class POOLED_CXX_API PopulationIndex {
public:
    /// How a zone contributes to an area.
    enum class Rule {
        area_share, ///< population x (area of zone inside the area / area of zone): zones are polygons
        centroid,   ///< all or nothing, by whether the zone's centroid (population-weighted if given) is inside
    };

    /// @param zones polygons (area_share) or any geometry (centroid); `centroids` one per zone
    ///        for Rule::centroid (else representative points are used); `population` and
    ///        `households` (optional, may be empty) one per zone.
    /// @throws Error (Errc::argument) for mismatched sizes, negative counts, or non-polygon zones
    ///         under area_share.
    PopulationIndex(std::vector<geometry::Geometry> zones, std::vector<geometry::Point> centroids,
                    std::vector<double> population, std::vector<double> households, Rule rule);
    ~PopulationIndex();
    PopulationIndex(PopulationIndex &&) noexcept;
    PopulationIndex &operator=(PopulationIndex &&) noexcept;

    Rule rule() const noexcept;
    std::size_t zone_count() const noexcept;

    /// Each zone's share (0..1] of itself inside `area`, zones with no share left out, sorted by zone.
    struct Share {
        std::size_t zone;
        double fraction;
    };
    std::vector<Share> shares(const geometry::Geometry &area) const;
    /// Population inside `area`.
    double population(const geometry::Geometry &area) const;
    /// Households inside `area` (NaN if no household counts were given).
    double households(const geometry::Geometry &area) const;
    /// Population and households inside `area` from one spatial query (households NaN if no
    /// household counts were given).
    struct Counts {
        double population;
        double households;
    };
    Counts counts(const geometry::Geometry &area) const;
    /// Total population of all zones.
    double total_population() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Fills Catchment::population and households from the index, in parallel across catchments.
POOLED_CXX_API void count_population(std::vector<Catchment> &catchments, const PopulationIndex &index,
                                     unsigned threads = 0);

/// The people two catchments share: the population inside the intersection of their areas.
struct Overlap {
    std::size_t first = 0;  ///< index into the catchments
    std::size_t second = 0; ///< > first
    double population = 0.0;
    double share_of_first = 0.0;  ///< population / first's population (0 if that is 0)
    double share_of_second = 0.0;
};

/// Every pair of catchments (of the same method and cutoff) whose areas overlap with people in
/// the overlap, sorted by (first, second). The raw material of co-location.
POOLED_CXX_API std::vector<Overlap> catchment_overlap(const std::vector<Catchment> &catchments,
                                                      const PopulationIndex &index);

} // namespace pooled::catchment
