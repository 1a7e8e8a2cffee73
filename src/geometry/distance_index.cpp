#include <pooled/geometry/distance_index.hpp>

#include "geometry/geos_handle.hpp"

#include <pooled/core/error.hpp>

namespace pooled::geometry {

using detail::GeosContext;
using detail::GeosGeometry;
using detail::GeosPreparedGeometry;

// Member order matters: the geometries must go before the context that made them.
struct DistanceIndex::Impl {
    GeosContext context;
    GeosGeometry target;
    GeosPreparedGeometry prepared;
};

DistanceIndex::DistanceIndex(const Geometry &target) : m_impl(std::make_unique<Impl>()) {
    if (is_empty(target)) {
        throw Error(Errc::argument, "cannot measure distances to an empty geometry");
    }
    auto &context = m_impl->context;
    m_impl->target = detail::to_geos(context, target);
    m_impl->prepared = context.own<GeosPreparedGeometry>(GEOSPrepare_r(context.handle(), m_impl->target.get()),
                                                         Errc::data, "cannot prepare the geometry");
}

DistanceIndex::~DistanceIndex() = default;
DistanceIndex::DistanceIndex(DistanceIndex &&) noexcept = default;
DistanceIndex &DistanceIndex::operator=(DistanceIndex &&) noexcept = default;

double DistanceIndex::distance(const Geometry &geometry) const {
    if (is_empty(geometry)) {
        throw Error(Errc::argument, "distance from an empty geometry is undefined");
    }
    auto &context = m_impl->context;
    const GeosGeometry g = detail::to_geos(context, geometry);
    double value = 0.0;
    context.require(GEOSPreparedDistance_r(context.handle(), m_impl->prepared.get(), g.get(), &value) != 0, Errc::data,
                    "cannot compute the distance");
    return value;
}

} // namespace pooled::geometry
