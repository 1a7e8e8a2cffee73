// Catchments (buffers, road isochrones) of the assets, with the zones' population inside.
#include "capi/layers.hpp"

#include <pooled/catchment/isochrone.hpp>
#include <pooled/catchment/population.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/network/snap.hpp>

#include <iterator>

using namespace pooled;
using namespace pooled::capi;

namespace {

std::vector<catchment::Site> sites_of(const pooled_layers &layers) {
    std::vector<catchment::Site> sites;
    for (const auto &asset : assets_of(layers).assets) {
        sites.push_back(catchment::Site{asset.id, asset.location});
    }
    return sites;
}

std::vector<double> values_of(const double *values, size_t count, const char *name) {
    if (count == 0) {
        throw StatusError{POOLED_ERR_ARGUMENT, std::string("no ") + name + " given"};
    }
    if (values == nullptr) {
        throw StatusError{POOLED_ERR_ARGUMENT, std::string("'") + name + "' is NULL"};
    }
    return std::vector<double>(values, values + count);
}

// The people inside each catchment, as `pooled catchments` counts them by default: by area
// share when every zone is a polygon, else all or nothing by the zone's centroid.
std::unique_ptr<pooled_catchments> counted(const pooled_layers &layers, std::vector<catchment::Catchment> catchments,
                                           unsigned threads) {
    std::vector<geometry::Geometry> areas;
    std::vector<geometry::Point> centroids;
    std::vector<double> population;
    bool polygons = true;
    for (const auto &zone : zones_of(layers).zones) {
        areas.push_back(zone.geometry);
        centroids.push_back(zone.centroid);
        population.push_back(zone.population);
        polygons = polygons && geometry::family(zone.geometry) == geometry::GeometryFamily::polygon;
    }
    const catchment::PopulationIndex index(std::move(areas), std::move(centroids), std::move(population), {},
                                           polygons ? catchment::PopulationIndex::Rule::area_share
                                                    : catchment::PopulationIndex::Rule::centroid);
    catchment::count_population(catchments, index, threads);
    auto object = std::make_unique<pooled_catchments>();
    for (const auto &c : catchments) {
        object->wkt.push_back(geometry::to_wkt(c.area, 3));
    }
    object->catchments = std::move(catchments);
    return object;
}

void append(std::vector<catchment::Catchment> &to, std::vector<catchment::Catchment> some) {
    to.insert(to.end(), std::make_move_iterator(some.begin()), std::make_move_iterator(some.end()));
}

} // namespace

extern "C" {

pooled_status pooled_catchments_buffer(pooled_context *ctx, const pooled_layers *layers, const double *radii_m,
                                       size_t radius_count, pooled_progress_fn progress, void *progress_data,
                                       pooled_catchments **out) {
    return make_object(ctx, out, [&] {
        const auto &object = use(layers);
        const Progress report = progress_of(progress, progress_data);
        const auto sites = sites_of(object);
        zones_of(object);
        std::vector<catchment::Catchment> catchments;
        const auto radii = values_of(radii_m, radius_count, "radii_m");
        for (std::size_t r = 0; r < radii.size(); ++r) {
            report.report(0.5 * static_cast<double>(r) / static_cast<double>(radii.size()), "drawing buffers");
            append(catchments, catchment::buffer_catchments(sites, radii[r]));
        }
        report.report(0.5, "counting people");
        auto result = counted(object, std::move(catchments), ctx->threads);
        report.report(1.0, "counting people");
        return result;
    });
}

pooled_status pooled_catchments_network(pooled_context *ctx, const pooled_layers *layers,
                                        const pooled_network *network, const double *cutoffs_s, size_t cutoff_count,
                                        pooled_progress_fn progress, void *progress_data, pooled_catchments **out) {
    return make_object(ctx, out, [&] {
        const auto &object = use(layers);
        const auto &graph = use(network).loaded.graph;
        const Progress report = progress_of(progress, progress_data);
        const auto sites = sites_of(object);
        zones_of(object);
        const auto cutoffs = values_of(cutoffs_s, cutoff_count, "cutoffs_s");
        const network::Snapper snapper(graph);
        auto catchments =
            catchment::isochrones_of_sites(graph, snapper, sites, cutoffs, {}, ctx->threads, nullptr, report.sub(0.0, 0.8));
        report.report(0.8, "counting people");
        auto result = counted(object, std::move(catchments), ctx->threads);
        report.report(1.0, "counting people");
        return result;
    });
}

pooled_status pooled_catchments_destroy(pooled_context *ctx, pooled_catchments *catchments) {
    return destroy_object(ctx, catchments);
}

pooled_status pooled_catchments_count(pooled_context *ctx, const pooled_catchments *catchments, size_t *count) {
    return guarded(ctx, [&] { output(count, "count") = use(catchments).catchments.size(); });
}

pooled_status pooled_catchments_get(pooled_context *ctx, const pooled_catchments *catchments, size_t index,
                                    size_t *asset, double *cutoff, double *population, double *area_m2) {
    return guarded(ctx, [&] {
        const auto &all = use(catchments).catchments;
        const auto &c = all[checked_index(index, all.size(), "catchment")];
        if (asset) {
            *asset = c.asset;
        }
        if (cutoff) {
            *cutoff = c.cutoff;
        }
        if (population) {
            *population = c.population;
        }
        if (area_m2) {
            *area_m2 = geometry::area(c.area);
        }
    });
}

pooled_status pooled_catchments_wkt(pooled_context *ctx, const pooled_catchments *catchments, size_t index,
                                    const char **wkt) {
    return guarded(ctx, [&] {
        const auto &object = use(catchments);
        output(wkt, "wkt") = object.wkt[checked_index(index, object.wkt.size(), "catchment")].c_str();
    });
}

} // extern "C"
