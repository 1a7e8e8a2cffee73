#pragma once
/// @file
/// @brief Repeated distance queries against one fixed geometry (GEOS prepared geometry).

#include <pooled/geometry/types.hpp>
#include <pooled/pooled_cxx_export.h>

#include <memory>

namespace pooled::geometry {

/// Prepares a geometry (e.g. a study area of many zone polygons) once, so that the distance
/// from many features to it costs a spatial-index lookup rather than a scan of every edge.
///
/// Thread safety: not safe for concurrent queries (GEOS prepared geometries build their
/// index lazily); use one DistanceIndex per thread.
class POOLED_CXX_API DistanceIndex {
public:
    /// @throws Error (Errc::argument) for an Empty target; Errc::data if GEOS refuses it.
    explicit DistanceIndex(const Geometry &target);
    ~DistanceIndex();
    DistanceIndex(DistanceIndex &&) noexcept;
    DistanceIndex &operator=(DistanceIndex &&) noexcept;
    DistanceIndex(const DistanceIndex &) = delete;
    DistanceIndex &operator=(const DistanceIndex &) = delete;

    /// Shortest distance from `geometry` to the target, in working-CRS units (metres); 0 when
    /// they touch or overlap. Equals geometry::distance(geometry, target).
    /// @throws Error (Errc::argument) for an Empty geometry.
    double distance(const Geometry &geometry) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace pooled::geometry
