#include "cli/zone_data.hpp"

#include "cli/located.hpp"

#include <pooled/geometry/algorithms.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/model/convert.hpp>

#include <cmath>

namespace pooled::cli {

ZoneData zone_data(const io::Layer &layer, const std::string &population_field, const std::string &households_field) {
    // Counts go through the data model, which checks them (numbers, >= 0) and names the
    // feature and field of a bad one; ids and points are those every command uses.
    io::ZoneSchema schema;
    schema.guess = false;
    schema.population = population_field;
    if (!households_field.empty()) {
        schema.variables = {households_field};
    }
    // The population and the located points are this function's own: their ids and geometries
    // move into ZoneData rather than being copied, and ZoneData's vectors are sized once, so a
    // large layer is not held a third time at the peak (README.md, "Memory").
    model::Population population = model::to_population(layer, schema);
    auto located = located_points(layer, {});
    const std::size_t count = population.zones.size();
    ZoneData zones;
    zones.ids.reserve(count);
    zones.geometries.reserve(count);
    zones.points.reserve(count);
    zones.population.reserve(count);
    zones.households.reserve(households_field.empty() ? 0 : count);
    for (std::size_t i = 0; i < count; ++i) {
        auto &zone = population.zones[i];
        zones.polygons = zones.polygons && geometry::family(zone.geometry) == geometry::GeometryFamily::polygon;
        zones.ids.push_back(std::move(located[i].id));
        zones.geometries.push_back(std::move(zone.geometry));
        zones.points.push_back(located[i].point);
        zones.population.push_back(zone.population);
        if (!households_field.empty()) {
            zones.households.push_back(std::isnan(zone.variables[0]) ? 0.0 : zone.variables[0]);
        }
    }
    return zones;
}

} // namespace pooled::cli
