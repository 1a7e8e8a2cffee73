// Reading a scenario file: every section through TomlChecker, so all problems are reported
// together, then the checks that span sections (a method that needs the network, ...).

#include <pooled/scenario/scenario.hpp>

#include <pooled/accessibility/decay.hpp>
#include <pooled/colocation/consolidation_layers.hpp>
#include <pooled/core/error.hpp>
#include <pooled/io/schema.hpp>

#include "scenario/toml_checker.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace pooled::scenario {

std::string ScenarioProblem::text() const {
    std::string out = file;
    if (line > 0) {
        out += ":" + std::to_string(line);
    }
    out += ": ";
    if (!key.empty()) {
        out += key + ": ";
    }
    return out + message;
}

namespace {
using detail::TomlChecker;
constexpr auto int_max = std::numeric_limits<std::int64_t>::max();

const std::vector<std::string> &measure_names() {
    static const std::vector<std::string> names{"2sfca", "e2sfca", "3sfca", "gravity", "cumulative", "availability",
                                                "coverage"};
    return names;
}

/// Output layers a run can write; stages add to these names.
const std::vector<std::string> &output_layer_names() {
    static const std::vector<std::string> names{"assets",   "zones",         "catchments", "catchment_overlap",
                                                "segments", "segment_index", "locate",
                                                "organisation_indicators", "service_indicators",
                                                "colocation_groups", "colocation_members", "colocation_excluded",
                                                "consolidation_assets", "consolidation_zones", "consolidation_moves",
                                                "consolidation_groups"};
    return names;
}

/// YYYY-MM-DD with a month 01..12 and a day 01..31 (report::asset_indicators checks the calendar).
bool is_date(const std::string &text) {
    static const std::regex pattern(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
    return std::regex_match(text, pattern);
}

class ScenarioReader {
public:
    ScenarioReader(const std::string &file, fs::path directory) : m_check(file, std::move(directory)) {}

    Scenario read(const toml::table &root, Scenario scenario) {
        m_check.only_keys(root, "",
                          {"scenario", "layers", "network", "catchments", "segmentation", "accessibility", "locate",
                           "indicators", "colocation", "consolidation", "outputs"},
                          "section");
        if (const auto *t = m_check.table(root, "", "scenario")) {
            read_header(*t, scenario);
        }
        if (const auto *t = m_check.table(root, "", "layers")) {
            m_check.only_keys(*t, "layers", {"assets", "zones", "users"});
            scenario.assets = asset_layers(*t);
            scenario.zones = layer(*t, "zones");
            scenario.users = layer(*t, "users");
        }
        if (const auto *t = m_check.table(root, "", "network")) {
            scenario.network = network(*t);
        }
        if (const auto *t = m_check.table(root, "", "catchments")) {
            scenario.catchments = catchments(*t);
        }
        if (const auto *t = m_check.table(root, "", "segmentation")) {
            scenario.segmentation = segmentation(*t);
        }
        if (const auto *t = m_check.table(root, "", "accessibility")) {
            scenario.accessibility = accessibility(*t);
        }
        if (const auto *t = m_check.table(root, "", "locate")) {
            scenario.locate = locate(*t);
        }
        if (const auto *t = m_check.table(root, "", "indicators")) {
            scenario.indicators = indicators(*t);
        }
        if (const auto *t = m_check.table(root, "", "colocation")) {
            scenario.colocation = colocation(*t);
        }
        if (const auto *t = m_check.table(root, "", "consolidation")) {
            scenario.consolidation = consolidation(*t);
        }
        if (const auto *t = m_check.table(root, "", "outputs")) {
            read_outputs(*t, scenario.outputs);
        }
        cross_checks(root, scenario);
        return scenario;
    }

    std::vector<ScenarioProblem> &problems() { return m_check.problems(); }

private:
    void read_header(const toml::table &t, Scenario &s) {
        m_check.only_keys(t, "scenario", {"name", "description", "seed", "working_crs"});
        if (auto v = m_check.text(t, "scenario", "name")) {
            s.name = *v;
        }
        if (auto v = m_check.text(t, "scenario", "description")) {
            s.description = *v;
        }
        if (auto v = m_check.integer(t, "scenario", "seed", 0, int_max)) {
            s.seed = static_cast<std::uint64_t>(*v);
        }
        if (auto v = m_check.text(t, "scenario", "working_crs")) {
            s.working_crs = *v;
        }
    }

    std::optional<LayerInput> layer(const toml::table &layers, const std::string &role) {
        const toml::table *t = m_check.table(layers, "layers", role);
        return t ? layer_table(*t, role) : std::nullopt;
    }

    /// [layers.assets], or several [[layers.assets]], each with a name of its own.
    std::vector<LayerInput> asset_layers(const toml::table &layers) {
        const toml::node *node = layers.get("assets");
        if (!node || !node->is_array()) {
            auto one = layer(layers, "assets");
            return one ? std::vector<LayerInput>{std::move(*one)} : std::vector<LayerInput>{};
        }
        const toml::array &list = *node->as_array();
        if (list.empty()) {
            m_check.problem(node, "layers.assets", "expected at least one [[layers.assets]] table");
        }
        std::vector<LayerInput> all;
        std::vector<std::pair<std::string, std::size_t>> names; // name, line
        for (const toml::node &element : list) {
            if (!element.is_table()) {
                m_check.problem(&element, "layers.assets", "expected [[layers.assets]] tables");
                continue;
            }
            const toml::table &t = *element.as_table();
            if (list.size() > 1 && !t.contains("name")) {
                m_check.problem(&t, "layers.assets.name",
                                "missing: with several assets layers each needs a name (the prefix of its ids), "
                                "e.g. name = \"schools\"");
            }
            auto in = layer_table(t, "assets");
            if (!in || in->name.empty()) {
                continue;
            }
            const std::size_t line = TomlChecker::line_of(*t.get("name"));
            const auto same = std::find_if(names.begin(), names.end(), [&](const auto &n) { return n.first == in->name; });
            if (same != names.end()) {
                m_check.problem(t.get("name"), "layers.assets.name",
                                "\"" + in->name + "\" already names the assets layer of line " +
                                    std::to_string(same->second) + ": ids would clash");
            }
            names.emplace_back(in->name, line);
            all.push_back(std::move(*in));
        }
        return all;
    }

    std::optional<LayerInput> layer_table(const toml::table &table, const std::string &role) {
        const std::string prefix = "layers." + role;
        const toml::table *t = &table;
        std::vector<std::string> keys{"path", "schema", "fields", "constants", "crs", "on_invalid"};
        if (role == "assets") {
            keys.insert(keys.end(), {"name", "service", "organisation"});
        }
        m_check.only_keys(*t, prefix, keys);
        LayerInput in;
        in.role = role;
        bool ok = true;
        if (role == "assets") {
            for (auto [key, member] : {std::pair{"name", &LayerInput::name}, std::pair{"service", &LayerInput::service},
                                       std::pair{"organisation", &LayerInput::organisation}}) {
                if (auto v = m_check.text(*t, prefix, key)) {
                    if (v->empty()) {
                        m_check.problem(t->get(key), prefix + "." + key, "expected a non-empty string");
                    } else if (std::string(key) == "name" && v->find(':') != std::string::npos) {
                        m_check.problem(t->get(key), prefix + ".name", "a name cannot hold ':' (ids become NAME:ID)");
                    } else {
                        in.*member = *v;
                    }
                }
            }
        }
        if (!t->contains("path")) {
            m_check.problem(t, prefix + ".path", "missing: a layer needs path = \"PATH[:LAYER]\"");
            ok = false;
        } else if (auto source = m_check.layer_source(*t, prefix, "path")) {
            in.path_as_given = source->first;
            in.source = source->second;
        } else {
            ok = false;
        }
        if (auto schema = m_check.existing_file(*t, prefix, "schema")) {
            in.schema_as_given = schema->first;
            in.schema_file = schema->second;
        }
        std::vector<std::string> fields = io::schema_fields(role);
        if (role == "zones") {
            fields.emplace_back("centroid_crs");
        }
        if (auto pairs = m_check.text_table(*t, prefix, "fields", fields)) {
            in.fields = std::move(*pairs);
        }
        const std::vector<std::string> constants = role == "assets" ? std::vector<std::string>{"organisation", "organisation_kind", "service"}
                                                   : role == "users" ? std::vector<std::string>{"service"}
                                                                     : std::vector<std::string>{};
        if (t->contains("constants") && constants.empty()) {
            m_check.problem(t->get("constants"), prefix + ".constants", "zones have no constants");
        } else if (auto pairs = m_check.text_table(*t, prefix, "constants", constants)) {
            in.constants = std::move(*pairs);
        }
        if (auto v = m_check.text(*t, prefix, "crs")) {
            in.crs = *v;
        }
        if (auto v = m_check.choice(*t, prefix, "on_invalid", {"fail", "skip", "repair"})) {
            in.on_invalid = *v;
        }
        return ok ? std::optional(in) : std::nullopt;
    }

    std::optional<NetworkSettings> network(const toml::table &t) {
        m_check.only_keys(t, "network", {"source", "profile", "max_snap"});
        NetworkSettings n;
        if (!t.contains("source")) {
            m_check.problem(&t, "network.source", "missing: a network needs source = \"roads.osm.pbf\" (an OSM file, "
                                                  "road line layer or edge table)");
            return std::nullopt;
        }
        auto source = m_check.layer_source(t, "network", "source");
        if (auto v = m_check.choice(t, "network", "profile", {"drive", "walk", "cycle"})) {
            n.profile = *v;
        }
        if (auto v = m_check.distance(t, "network", "max_snap")) {
            n.max_snap_m = *v;
        }
        if (!source) {
            return std::nullopt;
        }
        n.source_as_given = source->first;
        n.source = source->second;
        return n;
    }

    std::optional<CatchmentSettings> catchments(const toml::table &t) {
        m_check.only_keys(t, "catchments", {"methods", "radii", "cutoffs", "population_rule"});
        CatchmentSettings c;
        if (auto v = m_check.texts(t, "catchments", "methods", {"buffer", "nearest", "network"})) {
            c.methods = *v;
        } else if (!t.contains("methods")) {
            m_check.problem(&t, "catchments.methods", "missing: list the methods, e.g. methods = [\"buffer\"]");
        }
        if (auto v = m_check.distances(t, "catchments", "radii")) {
            c.radii_m = *v;
            std::sort(c.radii_m.begin(), c.radii_m.end());
        }
        if (auto v = m_check.durations(t, "catchments", "cutoffs")) {
            c.cutoffs_s = *v;
            std::sort(c.cutoffs_s.begin(), c.cutoffs_s.end());
        }
        if (auto v = m_check.choice(t, "catchments", "population_rule", {"area-share", "centroid", "travel-time"})) {
            c.population_rule = *v;
        }
        const auto uses = [&](const char *method) {
            return std::find(c.methods.begin(), c.methods.end(), method) != c.methods.end();
        };
        if (uses("buffer") && c.radii_m.empty() && !t.contains("radii")) {
            m_check.problem(t.get("methods"), "catchments.radii", "method \"buffer\" needs radii, e.g. radii = [\"2km\"]");
        }
        if (c.population_rule == "travel-time" && !uses("network")) {
            m_check.problem(t.get("population_rule"), "catchments.population_rule",
                            "\"travel-time\" counts the people of isochrones: it needs the method \"network\"");
        }
        if (uses("network") && c.cutoffs_s.empty() && !t.contains("cutoffs")) {
            m_check.problem(t.get("methods"), "catchments.cutoffs",
                            "method \"network\" needs cutoffs, e.g. cutoffs = [\"10min\"]");
        }
        return c;
    }

    std::optional<SegmentationSettings> segmentation(const toml::table &t) {
        m_check.only_keys(t, "segmentation",
                          {"variables", "levels", "restarts", "max_iterations", "transform", "standardise", "seed"});
        SegmentationSettings s;
        if (!t.contains("variables")) {
            m_check.problem(&t, "segmentation.variables",
                            "missing: name the variable spec, e.g. variables = \"oac2021_variables.csv\"");
        } else if (auto v = m_check.existing_file(t, "segmentation", "variables")) {
            s.variables_as_given = v->first;
            s.variables = v->second;
        }
        if (auto v = m_check.integers(t, "segmentation", "levels", 1)) {
            for (auto k : *v) {
                s.levels.push_back(static_cast<std::size_t>(k));
            }
        } else if (!t.contains("levels")) {
            m_check.problem(&t, "segmentation.levels", "missing: give k per level, e.g. levels = [8, 3]");
        }
        if (auto v = m_check.integer(t, "segmentation", "restarts", 1, 100000)) {
            s.restarts = static_cast<std::size_t>(*v);
        }
        if (auto v = m_check.integer(t, "segmentation", "max_iterations", 1, 100000)) {
            s.max_iterations = static_cast<std::size_t>(*v);
        }
        if (auto v = m_check.integer(t, "segmentation", "seed", 0, int_max)) {
            s.seed = static_cast<std::uint64_t>(*v);
        }
        if (auto v = m_check.choice(t, "segmentation", "transform", {"ihs", "log1p", "none"})) {
            s.transform = *v;
        }
        if (auto v = m_check.choice(t, "segmentation", "standardise", {"range", "zscore", "none"})) {
            s.standardise = *v;
        }
        return s;
    }

    std::optional<AccessibilitySettings> accessibility(const toml::table &t) {
        m_check.only_keys(t, "accessibility", {"measures", "costs", "cutoff", "decay", "supply"});
        AccessibilitySettings a;
        if (auto v = m_check.texts(t, "accessibility", "measures", measure_names())) {
            a.measures = *v;
        } else if (!t.contains("measures")) {
            m_check.problem(&t, "accessibility.measures", "missing: list the measures, e.g. measures = [\"2sfca\"]");
        }
        if (auto v = m_check.choice(t, "accessibility", "costs", {"straight-line", "network"})) {
            a.costs = *v;
        }
        const std::string unit = a.costs == "network" ? "seconds" : "metres";
        a.cutoff = m_check.cost(t, "accessibility", "cutoff", unit);
        if (auto v = m_check.text(t, "accessibility", "decay")) {
            try {
                (void)accessibility::parse_decay(*v);
                a.decay = *v;
            } catch (const Error &e) {
                m_check.problem(t.get("decay"), "accessibility.decay", e.problem());
            }
        }
        if (auto v = m_check.choice(t, "accessibility", "supply", {"count", "floor_area", "capacity"})) {
            a.supply = *v;
        }
        for (const auto &m : a.measures) {
            const bool needs_cutoff = m == "2sfca" || m == "3sfca" || m == "cumulative" || m == "coverage";
            if (needs_cutoff && !a.cutoff && !t.contains("cutoff")) {
                m_check.problem(t.get("measures"), "accessibility.cutoff", "measure \"" + m + "\" needs a cutoff");
            }
            const bool needs_decay = m == "gravity" || m == "availability" || m == "e2sfca";
            if (needs_decay && a.decay.empty() && !t.contains("decay")) {
                m_check.problem(t.get("measures"), "accessibility.decay",
                                "measure \"" + m + "\" needs a decay, e.g. decay = \"" +
                                    (m == "e2sfca" ? "stepped:600=1,1200=0.68,1800=0.22" : "exponential:0.001") + "\"");
            }
            if (m == "e2sfca" && !a.decay.empty() &&
                !std::holds_alternative<accessibility::Stepped>(accessibility::parse_decay(a.decay))) {
                m_check.problem(t.get("decay"), "accessibility.decay", "measure \"e2sfca\" needs a stepped decay");
            }
        }
        return a;
    }

    std::optional<LocateSettings> locate(const toml::table &t) {
        m_check.only_keys(t, "locate", {"problem", "p", "service", "costs", "required"});
        LocateSettings l;
        if (auto v = m_check.choice(t, "locate", "problem", {"p-median", "mclp"})) {
            l.problem = *v;
        }
        if (auto v = m_check.integer(t, "locate", "p", 1, 1000000)) {
            l.p = static_cast<std::size_t>(*v);
        } else if (!t.contains("p")) {
            m_check.problem(&t, "locate.p", "missing: the number of sites to open, e.g. p = 5");
        }
        if (auto v = m_check.choice(t, "locate", "costs", {"straight-line", "network"})) {
            l.costs = *v;
        }
        l.service = m_check.cost(t, "locate", "service", l.costs == "network" ? "seconds" : "metres");
        if (l.problem == "mclp" && !t.contains("service")) {
            m_check.problem(&t, "locate.service", "problem \"mclp\" needs service, the coverage distance or time");
        }
        if (auto v = m_check.texts(t, "locate", "required")) {
            l.required = *v;
        }
        return l;
    }

    std::optional<IndicatorSettings> indicators(const toml::table &t) {
        m_check.only_keys(t, "indicators", {"as_of", "lease_horizon"});
        IndicatorSettings settings;
        if (auto v = m_check.text(t, "indicators", "as_of")) {
            if (is_date(*v)) {
                settings.as_of = *v;
            } else {
                m_check.problem(t.get("as_of"), "indicators.as_of", "expected a date like \"2026-04-01\"");
            }
        }
        if (auto v = m_check.integer(t, "indicators", "lease_horizon", 0, 1200)) {
            settings.lease_horizon_months = static_cast<int>(*v);
        }
        return settings;
    }

    std::optional<ColocationSettings> colocation(const toml::table &t) {
        m_check.only_keys(t, "colocation", {"within", "compatibility", "catchment", "as_of", "lease_horizon"});
        ColocationSettings c;
        if (auto v = m_check.time_or_distance(t, "colocation", "within")) {
            c.within = v->text;
            c.within_cost = v->value;
            c.within_is_time = v->is_time;
        }
        if (auto v = m_check.time_or_distance(t, "colocation", "catchment")) {
            c.catchment = v->text;
            c.catchment_cost = v->value;
            c.catchment_is_time = v->is_time;
        }
        if (auto v = m_check.existing_file(t, "colocation", "compatibility")) {
            c.compatibility_as_given = v->first;
            c.compatibility = v->second;
        }
        if (auto v = m_check.text(t, "colocation", "as_of")) {
            if (is_date(*v)) {
                c.as_of = *v;
            } else {
                m_check.problem(t.get("as_of"), "colocation.as_of", "expected a date like \"2026-04-01\"");
            }
        }
        if (auto v = m_check.integer(t, "colocation", "lease_horizon", 0, 100)) {
            c.lease_horizon_years = static_cast<int>(*v);
        }
        return c;
    }

    std::optional<ConsolidationSettings> consolidation(const toml::table &t) {
        const std::string section = "consolidation";
        m_check.only_keys(t, section,
                          {"service", "keep", "min_coverage", "within", "by", "min_group_coverage", "costs", "speed",
                           "capacity", "floor_area_per_head", "exclude", "heuristic", "time_limit"});
        ConsolidationSettings c;
        if (auto v = m_check.text(t, section, "service")) {
            c.service = *v;
        } else if (!t.contains("service")) {
            m_check.problem(&t, "consolidation.service", "missing: name the service consolidated, e.g. service = \"library\"");
        }
        if (auto v = m_check.integer(t, section, "keep", 1, 1000000)) {
            c.keep = static_cast<std::size_t>(*v);
        }
        c.min_coverage = share(t, "min_coverage", false);
        if (const toml::node *node = t.get("within")) {
            if (!node->is_string()) {
                m_check.problem(node, "consolidation.within", "expected a travel time like \"15min\" or a distance like \"5km\"");
            } else {
                try {
                    const auto reach = colocation::parse_reach(node->as_string()->get());
                    c.within = reach.value;
                    c.within_is_distance = reach.is_distance;
                } catch (const Error &e) {
                    m_check.problem(node, "consolidation.within", e.problem());
                }
            }
        }
        if (auto v = m_check.text(t, section, "by")) {
            c.by = *v;
        }
        c.min_group_coverage = share(t, "min_group_coverage", true).value_or(0.0);
        if (auto v = m_check.choice(t, section, "costs", {"straight-line", "network"})) {
            c.costs = *v;
        }
        if (auto v = m_check.number(t, section, "speed", 0.0, 1000.0)) {
            if (*v > 0.0) {
                c.speed_kmh = *v;
            } else {
                m_check.problem(t.get("speed"), "consolidation.speed", "expected a speed in km/h greater than 0");
            }
        }
        if (auto v = m_check.choice(t, section, "capacity", {"none", "capacity", "floor-area"})) {
            c.capacity = *v;
        }
        if (auto v = m_check.number(t, section, "floor_area_per_head", 0.0, 1.0e6)) {
            c.floor_area_per_head = *v;
        }
        if (auto v = m_check.text(t, section, "exclude")) {
            try {
                (void)colocation::parse_exclusion(*v);
                c.exclude = *v;
            } catch (const Error &e) {
                m_check.problem(t.get("exclude"), "consolidation.exclude", e.problem());
            }
        }
        if (auto v = m_check.flag(t, section, "heuristic")) {
            c.heuristic = *v;
        }
        if (auto v = m_check.duration(t, section, "time_limit")) {
            c.time_limit_s = *v;
        }
        consolidation_goal_checks(t, c);
        return c;
    }

    // The settings that need one another, as pooled consolidate checks its flags.
    void consolidation_goal_checks(const toml::table &t, const ConsolidationSettings &c) {
        const bool has_keep = t.contains("keep"), has_coverage = t.contains("min_coverage");
        if (has_keep == has_coverage) {
            m_check.problem(has_keep ? t.get("min_coverage") : &t, "consolidation.keep",
                            "give exactly one goal: keep = N, or min_coverage = \"95%\" with within");
        }
        if (has_coverage && !t.contains("within")) {
            m_check.problem(t.get("min_coverage"), "consolidation.within",
                            "min_coverage needs within (a travel time such as \"20min\", or a distance)");
        }
        if (t.contains("min_group_coverage") && (!t.contains("by") || !has_coverage)) {
            m_check.problem(t.get("min_group_coverage"), "consolidation.min_group_coverage",
                            "min_group_coverage needs by = \"FIELD\" and min_coverage");
        }
        if (c.capacity == "floor-area" && !(c.floor_area_per_head > 0.0)) {
            m_check.problem(t.get("capacity"), "consolidation.floor_area_per_head",
                            "capacity = \"floor-area\" needs floor_area_per_head (m2 per person, > 0), e.g. 0.03");
        }
        if (c.costs == "network" && t.contains("speed")) {
            m_check.problem(t.get("speed"), "consolidation.speed",
                            "speed is for straight-line travel; with costs = \"network\" the roads give the times");
        }
    }

    /// A share as a number (0.95) or a text ("95%"), in (0, 1] or with `allow_zero` [0, 1].
    std::optional<double> share(const toml::table &t, const std::string &key, bool allow_zero) {
        const toml::node *node = t.get(key);
        if (node && node->is_string()) {
            try {
                return colocation::parse_share(node->as_string()->get(), allow_zero);
            } catch (const Error &e) {
                m_check.problem(node, "consolidation." + key, e.problem());
                return std::nullopt;
            }
        }
        auto v = m_check.number(t, "consolidation", key, 0.0, 1.0);
        if (v && *v == 0.0 && !allow_zero) {
            m_check.problem(node, "consolidation." + key, "expected a share above 0, such as 0.95 or \"95%\"");
            return std::nullopt;
        }
        return v;
    }

    void read_outputs(const toml::table &t, OutputSettings &o) {
        m_check.only_keys(t, "outputs", {"directory", "geopackage", "summary", "provenance", "layers", "report", "report_format"});
        if (auto v = m_check.directory(t, "outputs", "directory")) {
            o.directory_as_given = v->first;
            o.directory = v->second;
        }
        for (auto [key, member] : {std::pair{"geopackage", &OutputSettings::geopackage},
                                   std::pair{"summary", &OutputSettings::summary},
                                   std::pair{"provenance", &OutputSettings::provenance}}) {
            if (auto v = m_check.file_name(t, "outputs", key)) {
                o.*member = *v;
            }
        }
        if (auto v = m_check.texts(t, "outputs", "layers", output_layer_names())) {
            o.layers = *v;
        }
        o.report = m_check.flag(t, "outputs", "report").value_or(o.report);
        o.report_format = m_check.choice(t, "outputs", "report_format", {"png", "svg"}).value_or(o.report_format);
        if (!o.geopackage.ends_with(".gpkg") && t.contains("geopackage")) {
            m_check.problem(t.get("geopackage"), "outputs.geopackage", "expected a file name ending in .gpkg");
        }
    }

    // Settings that need another section.
    void cross_checks(const toml::table &root, const Scenario &s) {
        const auto line_of = [&](const char *section) {
            const toml::node *node = root.get(section);
            return node ? TomlChecker::line_of(*node) : std::size_t{0};
        };
        const toml::node *layers = root.get("layers");
        const bool has_layers_section = layers && layers->is_table();
        if (!root.contains("layers")) {
            m_check.problem(nullptr, "layers", "missing: a scenario needs [layers.assets] and [layers.zones]");
        } else if (has_layers_section) {
            for (const char *role : {"assets", "zones"}) {
                if (!layers->as_table()->contains(role)) {
                    m_check.problem(layers, std::string("layers.") + role,
                                    std::string("missing: a scenario needs [layers.") + role + "] with a path");
                }
            }
        }
        const auto needs_network = [&](const char *section, const std::string &key, const std::string &what) {
            if (!root.contains("network")) {
                m_check.problem(nullptr, key, what + " needs a [network] section", line_of(section));
            }
        };
        if (s.catchments &&
            std::find(s.catchments->methods.begin(), s.catchments->methods.end(), "network") != s.catchments->methods.end()) {
            needs_network("catchments", "catchments.methods", "method \"network\"");
        }
        if (s.accessibility && s.accessibility->costs == "network") {
            needs_network("accessibility", "accessibility.costs", "costs = \"network\"");
        }
        if (s.indicators && !s.catchments) {
            m_check.problem(nullptr, "indicators", "needs a [catchments] section: the indicators use its first catchment set",
                            line_of("indicators"));
        }
        if (s.colocation && s.colocation->within_is_time) {
            needs_network("colocation", "colocation.within", "a travel time");
        }
        if (s.colocation && s.colocation->catchment_is_time) {
            needs_network("colocation", "colocation.catchment", "a travel time");
        }
        if (s.locate && s.locate->costs == "network") {
            needs_network("locate", "locate.costs", "costs = \"network\"");
        }
        if (s.consolidation && s.consolidation->costs == "network") {
            needs_network("consolidation", "consolidation.costs", "costs = \"network\"");
        }
    }

    TomlChecker m_check;
};

std::string file_stem(const std::string &file) { return fs::path(file).stem().string(); }

std::vector<ScenarioProblem> read(std::string_view text, const std::string &file, Scenario *out) {
    const fs::path directory = fs::path(file).has_parent_path() ? fs::path(file).parent_path() : fs::path(".");
    toml::table root;
    try {
        root = toml::parse(text, file);
    } catch (const toml::parse_error &e) {
        return {ScenarioProblem{file, e.source().begin.line, {}, "invalid TOML: " + std::string(e.description())}};
    }
    ScenarioReader reader(file, directory);
    Scenario scenario;
    scenario.file = file;
    scenario.directory = directory.string();
    scenario.name = file_stem(file);
    scenario = reader.read(root, std::move(scenario));
    auto problems = std::move(reader.problems());
    std::stable_sort(problems.begin(), problems.end(),
                     [](const ScenarioProblem &a, const ScenarioProblem &b) { return a.line < b.line; });
    if (out) {
        *out = std::move(scenario);
    }
    return problems;
}
} // namespace

std::vector<ScenarioProblem> check_scenario(std::string_view toml_text, const std::string &file) {
    return read(toml_text, file, nullptr);
}

Scenario parse_scenario(std::string_view toml_text, const std::string &file) {
    Scenario scenario;
    const auto problems = read(toml_text, file, &scenario);
    if (!problems.empty()) {
        std::string message;
        for (const auto &p : problems) {
            message += (message.empty() ? "" : "\n") + p.text();
        }
        throw Error(Errc::argument, message);
    }
    return scenario;
}

Scenario load_scenario(const std::string &path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        throw Error(Errc::io, "cannot read the scenario file: no such file", SourceRef{path, {}, std::nullopt, {}});
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) {
        throw Error(Errc::io, "cannot read the scenario file", SourceRef{path, {}, std::nullopt, {}});
    }
    return parse_scenario(content.str(), path);
}

} // namespace pooled::scenario
