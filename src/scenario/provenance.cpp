#include "scenario/provenance.hpp"

#include <pooled/io/layer.hpp>
#include <pooled/version.hpp>

#include "scenario/file_checksum.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace pooled::scenario::detail {

namespace {
using json = nlohmann::ordered_json;

json optional_number(const std::optional<double> &value) { return value ? json(*value) : json(nullptr); }

json layer_json(const LayerInput &in) {
    json fields = json::object();
    for (const auto &[k, v] : in.fields) {
        fields[k] = v;
    }
    json constants = json::object();
    for (const auto &[k, v] : in.constants) {
        constants[k] = v;
    }
    json out{{"path", in.path_as_given}, {"schema", in.schema_as_given}, {"fields", fields},
             {"constants", constants},   {"crs", in.crs},                {"on_invalid", in.on_invalid}};
    // Assets layers' own keys, only when set (so one plain layer is recorded as before).
    for (const auto &[key, value] : {std::pair{"name", &in.name}, std::pair{"service", &in.service},
                                     std::pair{"organisation", &in.organisation}}) {
        if (!value->empty()) {
            out[key] = *value;
        }
    }
    return out;
}

/// Every input layer: the assets layers in order, then zones and users.
std::vector<const LayerInput *> input_layers(const Scenario &s) {
    std::vector<const LayerInput *> all;
    for (const auto &a : s.assets) {
        all.push_back(&a);
    }
    for (const auto *layer : {&s.zones, &s.users}) {
        if (*layer) {
            all.push_back(&**layer);
        }
    }
    return all;
}
} // namespace

std::vector<InputFile> input_files(const Scenario &s) {
    std::vector<InputFile> files;
    // A file several assets layers come from (or share as their schema) is listed once.
    const auto add = [&](InputFile file) {
        for (const auto &f : files) {
            if (f.role == file.role && f.path == file.path) {
                return;
            }
        }
        files.push_back(std::move(file));
    };
    for (const LayerInput *in : input_layers(s)) {
        add({in->role, in->path_as_given, io::LayerSource::parse(in->source).path});
        if (!in->schema_file.empty()) {
            add({in->role + " schema", in->schema_as_given, in->schema_file});
        }
    }
    if (s.network) {
        files.push_back({"network", s.network->source_as_given, io::LayerSource::parse(s.network->source).path});
    }
    if (s.colocation && !s.colocation->compatibility.empty()) {
        files.push_back({"compatibility table", s.colocation->compatibility_as_given, s.colocation->compatibility});
    }
    if (s.segmentation) {
        files.push_back({"segmentation variables", s.segmentation->variables_as_given, s.segmentation->variables});
    }
    return files;
}

json parameters_json(const Scenario &s) {
    json p{{"name", s.name}, {"description", s.description}, {"seed", s.seed}, {"working_crs", s.working_crs}};
    json layers = json::object();
    if (s.assets.size() > 1) {
        json list = json::array();
        for (const auto &a : s.assets) {
            list.push_back(layer_json(a));
        }
        layers["assets"] = list;
    }
    for (const LayerInput *in : input_layers(s)) {
        if (in->role != "assets" || s.assets.size() == 1) {
            layers[in->role] = layer_json(*in);
        }
    }
    p["layers"] = layers;
    if (s.network) {
        p["network"] = {{"source", s.network->source_as_given}, {"profile", s.network->profile},
                        {"max_snap_m", s.network->max_snap_m}};
    }
    if (s.catchments) {
        p["catchments"] = {{"methods", s.catchments->methods},
                           {"radii_m", s.catchments->radii_m},
                           {"cutoffs_s", s.catchments->cutoffs_s},
                           {"population_rule", s.catchments->population_rule}};
    }
    if (s.segmentation) {
        p["segmentation"] = {{"variables", s.segmentation->variables_as_given}, {"levels", s.segmentation->levels},
                             {"restarts", s.segmentation->restarts},          {"max_iterations", s.segmentation->max_iterations},
                             {"transform", s.segmentation->transform},        {"standardise", s.segmentation->standardise},
                             {"seed", s.segmentation->seed ? json(*s.segmentation->seed) : json(nullptr)}};
    }
    if (s.accessibility) {
        p["accessibility"] = {{"measures", s.accessibility->measures}, {"costs", s.accessibility->costs},
                              {"cutoff", optional_number(s.accessibility->cutoff)}, {"decay", s.accessibility->decay},
                              {"supply", s.accessibility->supply}};
    }
    if (s.locate) {
        p["locate"] = {{"problem", s.locate->problem}, {"p", s.locate->p}, {"service", optional_number(s.locate->service)},
                       {"costs", s.locate->costs},     {"required", s.locate->required}};
    }
    if (s.indicators) {
        p["indicators"] = {{"as_of", s.indicators->as_of}, {"lease_horizon_months", s.indicators->lease_horizon_months}};
    }
    if (s.colocation) {
        const ColocationSettings &c = *s.colocation;
        p["colocation"] = {{"within", c.within},
                           {"compatibility", c.compatibility_as_given.empty() ? json(nullptr) : json(c.compatibility_as_given)},
                           {"catchment", c.catchment},
                           {"as_of", c.as_of.empty() ? json(nullptr) : json(c.as_of)},
                           {"lease_horizon_years", c.lease_horizon_years}};
    }
    if (s.consolidation) {
        const ConsolidationSettings &c = *s.consolidation;
        p["consolidation"] = {{"service", c.service},
                              {"keep", c.keep ? json(*c.keep) : json(nullptr)},
                              {"min_coverage", optional_number(c.min_coverage)},
                              {"within", optional_number(c.within)},
                              {"within_unit", c.within_is_distance ? "metres" : "seconds"},
                              {"by", c.by},
                              {"min_group_coverage", c.min_group_coverage},
                              {"costs", c.costs},
                              {"speed_kmh", c.speed_kmh},
                              {"capacity", c.capacity},
                              {"floor_area_per_head", c.floor_area_per_head},
                              {"exclude", c.exclude},
                              {"heuristic", c.heuristic},
                              {"time_limit_s", c.time_limit_s}};
    }
    p["outputs"] = {{"geopackage", s.outputs.geopackage}, {"summary", s.outputs.summary},
                    {"provenance", s.outputs.provenance}, {"layers", s.outputs.layers}};
    return p;
}

json provenance_json(const Scenario &s) {
    json inputs = json::array();
    for (const auto &file : input_files(s)) {
        json entry{{"role", file.role}, {"path", file.as_given}};
        std::error_code ec;
        if (fs::is_regular_file(file.path, ec)) {
            const FileChecksum sum = file_checksum(file.path);
            entry["size"] = sum.size;
            entry["sha256"] = sum.sha256;
        } else { // a connection string or a directory (a Shapefile folder): nothing to checksum
            entry["size"] = nullptr;
            entry["sha256"] = nullptr;
        }
        inputs.push_back(std::move(entry));
    }
    json scenario{{"file", fs::path(s.file).filename().string()}, {"size", nullptr}, {"sha256", nullptr}};
    std::error_code ec;
    if (fs::is_regular_file(s.file, ec)) { // a scenario parsed from text has no file
        const FileChecksum sum = file_checksum(s.file);
        scenario["size"] = sum.size;
        scenario["sha256"] = sum.sha256;
    }
    return json{{"pooled_version", pooled::version()},
                {"scenario", std::move(scenario)},
                {"seed", s.seed},
                {"inputs", std::move(inputs)},
                {"parameters", parameters_json(s)}};
}

} // namespace pooled::scenario::detail
