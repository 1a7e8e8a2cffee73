#include "cli/segment_zones.hpp"

#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/model/convert.hpp>
#include <pooled/report/qgis_style.hpp>

#include <cmath>

namespace pooled::cli {

void SegmentZoneOptions::add_to(CLI::App &app) {
    app.add_option("--zones", zones, "Zones PATH[:LAYER] with the census count columns the variable spec names");
    app.add_option("--population", population, "Zone population field (default: guessed, e.g. ts0010001)");
    app.add_option("--zone-id", zone_id, "Zone id field (default: guessed, e.g. oa21cd, else the FID)");
    layers.add_to(app);
}

SegmentZones read_segment_zones(const SegmentZoneOptions &options, const segmentation::VariableSpec &spec,
                                const std::vector<io::LayerSource> &other, std::vector<io::Layer> *other_layers) {
    if (options.zones.empty()) {
        throw Error(Errc::argument, "--zones PATH[:LAYER] is required");
    }
    const io::LayerSource source = io::LayerSource::parse(options.zones);
    io::ReadOptions read = options.layers.read_options();
    std::vector<io::LayerSource> sources{source};
    sources.insert(sources.end(), other.begin(), other.end());
    const crs::WorkingCrs working = options.layers.choose_working_crs(sources, read);
    options.layers.apply_study_area(read, working);
    io::Layer layer = io::read_layer(source, working, read);
    for (const auto &o : other) {
        other_layers->push_back(io::read_layer(o, working, read));
    }

    std::vector<std::string> fields;
    for (const auto &f : layer.fields()) {
        fields.push_back(f.name);
    }
    segmentation::check_columns(spec, fields, source.display());
    io::ZoneSchema schema;
    schema.id = options.zone_id;
    schema.population = options.population;
    schema = io::guess_zone_schema(layer.info(), schema);
    schema.centroid_x.clear(); // the zones' own points or polygons are what users fall in
    schema.centroid_y.clear();
    schema.variables = spec.columns();
    model::Population population = model::to_population(layer, schema);
    return SegmentZones{std::move(layer), std::move(population)};
}

io::OutputLayer zones_with_codes(const SegmentZones &zones, const std::vector<std::vector<std::string>> &codes,
                                 const std::vector<std::string> &top_codes,
                                 const std::vector<std::string> &top_labels) {
    io::OutputLayer out{"zones",
                        zones.layer.working_crs().crs(),
                        {{"zone_id", io::FieldType::string}, {"population", io::FieldType::real}},
                        {}};
    for (std::size_t l = 0; l < codes.size(); ++l) {
        out.fields.push_back({"segment_l" + std::to_string(l + 1), io::FieldType::string});
    }
    for (std::size_t i = 0; i < zones.population.zones.size(); ++i) {
        const auto &zone = zones.population.zones[i];
        io::Feature f;
        f.geometry = zone.geometry;
        f.values = {zone.id, zone.population};
        for (const auto &level : codes) {
            f.values.emplace_back(level[i]);
        }
        out.features.push_back(std::move(f));
    }
    if (!codes.empty() && !top_codes.empty()) {
        out.style = report::categorized_style(out, "segment_l1", report::segment_categories(top_codes, top_labels),
                                              "segments", "Zones coloured by their first-level segment");
    }
    return out;
}

} // namespace pooled::cli
