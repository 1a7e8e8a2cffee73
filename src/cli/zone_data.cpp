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
    const model::Population population = model::to_population(layer, schema);
    const auto located = located_points(layer, {});
    ZoneData zones;
    for (std::size_t i = 0; i < population.zones.size(); ++i) {
        const auto &zone = population.zones[i];
        zones.ids.push_back(located[i].id);
        zones.geometries.push_back(zone.geometry);
        zones.points.push_back(located[i].point);
        zones.population.push_back(zone.population);
        if (!households_field.empty()) {
            zones.households.push_back(std::isnan(zone.variables[0]) ? 0.0 : zone.variables[0]);
        }
        zones.polygons = zones.polygons && geometry::family(zone.geometry) == geometry::GeometryFamily::polygon;
    }
    return zones;
}

} // namespace pooled::cli
