#include "scenario/run_context.hpp"

#include <pooled/core/error.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/network/straight_line.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace pooled::scenario::detail {

namespace {
// Through text, so the result is the double nearest the 12-digit decimal (96.6, not 96.60000000000001).
double significant(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.12g", value);
    return std::strtod(text, nullptr);
}

void add_column(std::vector<Column> &columns, Column column, std::size_t size, const char *layer) {
    if (column.values.size() != size) {
        throw Error(Errc::internal, "column '" + column.name + "' has " + std::to_string(column.values.size()) +
                                        " values for " + std::to_string(size) + " " + layer);
    }
    for (const auto &c : columns) {
        if (c.name == column.name) {
            throw Error(Errc::internal, "column '" + column.name + "' added twice to the " + layer + " layer");
        }
    }
    columns.push_back(std::move(column));
}
} // namespace

json figure(double value) { return std::isfinite(value) ? json(significant(value)) : json(nullptr); }

io::FieldValue field_value(double value) { return std::isfinite(value) ? io::FieldValue(significant(value)) : io::FieldValue(); }

catchment::PopulationIndex RunContext::population_index(const std::string &rule) const {
    std::vector<geometry::Geometry> areas;
    std::vector<geometry::Point> centroids;
    bool polygons = true;
    for (const auto &z : population->zones) {
        areas.push_back(z.geometry);
        centroids.push_back(z.centroid);
        polygons = polygons && geometry::family(z.geometry) == geometry::GeometryFamily::polygon;
    }
    const bool area_share = (rule.empty() || rule == "travel-time") ? polygons : rule == "area-share";
    return catchment::PopulationIndex(std::move(areas), std::move(centroids), zone_population(), {},
                                      area_share ? catchment::PopulationIndex::Rule::area_share
                                                 : catchment::PopulationIndex::Rule::centroid);
}

std::vector<network::Located> RunContext::asset_points() const {
    std::vector<network::Located> points;
    for (const auto &a : estate->assets) {
        points.push_back(network::Located{a.id, a.location});
    }
    return points;
}

std::vector<network::Located> RunContext::zone_points() const {
    std::vector<network::Located> points;
    for (const auto &z : population->zones) {
        points.push_back(network::Located{z.id, z.centroid});
    }
    return points;
}

std::vector<double> RunContext::zone_population() const {
    std::vector<double> values;
    for (const auto &z : population->zones) {
        values.push_back(z.population);
    }
    return values;
}

network::CostMatrix RunContext::zone_to_asset_costs(const std::string &costs, std::optional<double> cutoff,
                                                    const Progress &progress) const {
    if (costs == "network") {
        network::MatrixOptions options;
        options.cutoff = cutoff;
        options.max_snap_m = scenario.network->max_snap_m;
        return network::route_matrix(road_graph(), zone_points(), asset_points(), options, nullptr, progress);
    }
    auto matrix = network::straight_line_matrix(zone_points(), asset_points(), cutoff);
    progress.report(1.0);
    return matrix;
}

const network::Graph &RunContext::road_graph() const {
    if (!network) {
        throw Error(Errc::internal, "a stage asked for the road network after it was released (or without one)");
    }
    return network->graph;
}

void RunContext::add_asset_column(Column column) {
    add_column(asset_columns, std::move(column), estate->assets.size(), "assets");
}

void RunContext::add_zone_column(Column column) {
    add_column(zone_columns, std::move(column), population->zones.size(), "zones");
}

} // namespace pooled::scenario::detail
