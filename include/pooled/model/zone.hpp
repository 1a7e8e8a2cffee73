#pragma once
/// @file
/// @brief Zone: a census area with its population, and Population, the zones of one run.

#include <pooled/crs/crs.hpp>
#include <pooled/geometry/types.hpp>
#include <pooled/io/load_report.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pooled::model {

/// A census area (Output Area, LSOA, MSOA or any polygon set).
struct Zone {
    std::string id;              ///< the mapped id column's text, or the FID as text when unmapped
    std::string name;            ///< empty when unmapped
    geometry::Geometry geometry; ///< working CRS (usually a polygon; points are allowed)
    /// Population-weighted centroid when the schema maps centroid columns, else the
    /// representative point of `geometry` (see Population::population_weighted_centroids).
    geometry::Point centroid;
    double population = 0.0;     ///< usual residents (or whatever the mapped column counts), >= 0
    std::int64_t fid = 0;        ///< source feature id, for messages
    /// Demographic counts, aligned with Population::variable_names; NaN where the source is null.
    std::vector<double> variables;
};

/// The zones of a run, all in one working CRS.
struct POOLED_CXX_API Population {
    crs::WorkingCrs crs;
    std::vector<Zone> zones;
    std::vector<std::string> variable_names; ///< column names of Zone::variables, in order
    io::LoadReport report;
    std::string source; ///< where the zones came from ("zones.gpkg:lsoa21"), for messages
    /// True when Zone::centroid comes from population-weighted centroid columns.
    bool population_weighted_centroids = false;

    /// Sum of Zone::population.
    double total_population() const noexcept;
    /// Index of a variable in variable_names, or nullopt.
    std::optional<std::size_t> variable_index(std::string_view name) const noexcept;
    /// Index of a variable. @throws Error (Errc::argument) naming the source and listing the
    /// variables that were loaded.
    std::size_t require_variable(std::string_view name) const;
};

} // namespace pooled::model
