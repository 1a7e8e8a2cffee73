// pooled info: what is in each layer (driver, CRS, geometry, count, extent, fields) and what
// loading it into the working CRS found wrong.

#include "cli/command.hpp"
#include "cli/layer_options.hpp"
#include "cli/model_options.hpp"

#include <pooled/io/reader.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;

double millimetres(double v) { return std::round(v * 1000.0) / 1000.0; }

json crs_json(const std::optional<crs::Crs> &crs) {
    if (!crs) {
        return nullptr;
    }
    return json{{"code", crs->authority_code().empty() ? json(nullptr) : json(crs->authority_code())},
                {"name", crs->name()}};
}

json layer_json(const io::Layer &layer, const json &model) {
    const auto &info = layer.info();
    const auto &report = layer.report();
    json fields = json::array();
    for (const auto &field : info.fields) {
        fields.push_back({{"name", field.name}, {"type", io::field_type_name(field.type)}});
    }
    json extent = nullptr;
    if (const auto box = layer.extent(); !box.empty()) {
        extent = json::array({millimetres(box.min_x), millimetres(box.min_y), millimetres(box.max_x), millimetres(box.max_y)});
    }
    json by_kind = json::object();
    for (std::size_t k = 0; k < io::issue_kind_count; ++k) {
        if (report.by_kind[k] > 0) {
            by_kind[io::issue_kind_name(static_cast<io::IssueKind>(k))] = report.by_kind[k];
        }
    }
    json issues = json::array();
    for (const auto &issue : report.issues) {
        issues.push_back({{"kind", io::issue_kind_name(issue.kind)},
                          {"action", io::issue_action_name(issue.action)},
                          {"feature", issue.where.feature ? json(*issue.where.feature) : json(nullptr)},
                          {"field", issue.where.field.empty() ? json(nullptr) : json(issue.where.field)},
                          {"problem", issue.problem}});
    }
    return json{{"source", info.source.display()},
                {"path", info.source.path},
                {"layer", info.layer_name},
                {"driver", info.driver},
                {"crs", crs_json(info.crs)},
                {"assumed_crs", crs_json(info.assumed_crs)},
                {"geometry_type", info.geometry_type},
                {"feature_count", report.read},
                {"extent", extent},
                {"fields", fields},
                {"load_report",
                 {{"read", report.read},
                  {"loaded", report.loaded},
                  {"skipped", report.skipped},
                  {"repaired", report.repaired},
                  {"issues_by_kind", by_kind},
                  {"issues", issues}}},
                {"model", model}};
}

void print_text(const crs::WorkingCrs &working, const std::vector<io::Layer> &layers, const std::vector<json> &models) {
    std::cout << "working CRS: " << working.crs().display() << "\n";
    for (std::size_t n = 0; n < layers.size(); ++n) {
        const auto &layer = layers[n];
        const auto &info = layer.info();
        const auto &report = layer.report();
        std::cout << "\n" << info.source.path << ":" << info.layer_name << "\n";
        std::cout << "  driver:    " << info.driver << "\n";
        std::cout << "  CRS:       "
                  << (info.crs           ? info.crs->display()
                      : info.assumed_crs ? "none stored; assumed " + info.assumed_crs->display()
                                         : std::string("none"))
                  << "\n";
        std::cout << "  geometry:  " << info.geometry_type << "\n";
        std::cout << "  features:  " << report.read << "\n";
        if (const auto box = layer.extent(); !box.empty()) {
            char text[160];
            std::snprintf(text, sizeof text, "%.3f, %.3f - %.3f, %.3f", box.min_x, box.min_y, box.max_x, box.max_y);
            std::cout << "  extent:    " << text << " (working CRS, metres)\n";
        }
        std::cout << "  fields:    " << info.fields.size() << "\n";
        // A census layer has hundreds of fields: show the first ones, --json lists all.
        constexpr std::size_t shown = 12;
        for (std::size_t i = 0; i < info.fields.size() && i < shown; ++i) {
            std::cout << "    " << info.fields[i].name << " (" << io::field_type_name(info.fields[i].type) << ")\n";
        }
        if (info.fields.size() > shown) {
            std::cout << "    ... " << info.fields.size() - shown << " more (--json lists them all)\n";
        }
        if (!models[n].is_null()) {
            std::cout << "  as " << models[n]["role"].get<std::string>() << ": " << describe_model_summary(models[n]) << "\n";
        }
        std::cout << "  loaded:    " << report.loaded << " (" << report.skipped << " skipped, " << report.repaired
                  << " repaired)\n";
        for (std::size_t k = 0; k < io::issue_kind_count; ++k) {
            if (report.by_kind[k] > 0) {
                std::cout << "  " << io::issue_kind_name(static_cast<io::IssueKind>(k)) << ": " << report.by_kind[k] << "\n";
            }
        }
        constexpr std::size_t issues_shown = 10;
        if (report.issues.size() > issues_shown) {
            std::cout << "    (the first " << issues_shown << " of " << report.issue_count()
                      << " issues; --json lists " << report.issues.size() << ")\n";
        }
        for (std::size_t i = 0; i < report.issues.size() && i < issues_shown; ++i) {
            const auto &issue = report.issues[i];
            std::cout << "    " << io::issue_action_name(issue.action) << ": " << issue.problem << " ("
                      << issue.where.describe() << ")\n";
        }
    }
}

class InfoCommand final : public Command {
public:
    const char *name() const override { return "info"; }
    const char *summary() const override {
        return "Describe layers: driver, CRS, geometry type, feature count, extent, fields, load report";
    }

    void configure(CLI::App &app) override {
        app.add_option("layers", m_specs, "PATH[:LAYER] or GDAL connection strings; a PATH alone lists all its layers")
            ->required();
        app.add_flag("--json", m_json, "Print a machine-readable summary");
        m_layer_options.add_to(app);
        m_model_options.add_to(app);
    }

    int run() override {
        io::ReadOptions options = m_layer_options.read_options();
        std::vector<io::LayerSource> sources;
        for (const auto &spec : m_specs) {
            auto source = io::LayerSource::parse(spec);
            if (source.layer.empty()) {
                // A dataset named without a layer: describe every layer in it, as ogrinfo does.
                for (const auto &layer : io::list_layers(source.path)) {
                    sources.push_back(io::LayerSource{source.path, layer});
                }
            } else {
                sources.push_back(source);
            }
        }
        std::vector<io::LayerSource> for_crs = sources;
        if (!m_layer_options.study_area.empty()) {
            for_crs.push_back(io::LayerSource::parse(m_layer_options.study_area));
        }
        const crs::WorkingCrs working = m_layer_options.choose_working_crs(for_crs, options);
        m_layer_options.apply_study_area(options, working);
        const io::Schema schema = m_model_options.schema();
        std::vector<io::Layer> layers;
        std::vector<json> models;
        for (const auto &source : sources) {
            if (!m_model_options.active()) {
                layers.push_back(io::read_layer(source, working, options));
                models.emplace_back(nullptr);
                continue;
            }
            const io::Schema layer_schema = m_model_options.schema_for(schema, io::inspect_layer(source, options));
            layers.push_back(io::read_layer(source, working, m_model_options.read_options(layer_schema, options)));
            models.push_back(m_model_options.summarise(layer_schema, layers.back()));
        }
        if (m_json) {
            json out{{"working_crs", crs_json(working.crs())}, {"layers", json::array()}};
            for (std::size_t n = 0; n < layers.size(); ++n) {
                out["layers"].push_back(layer_json(layers[n], models[n]));
            }
            std::cout << out.dump(2) << "\n";
        } else {
            print_text(working, layers, models);
        }
        return exit_ok;
    }

private:
    std::vector<std::string> m_specs;
    bool m_json = false;
    LayerOptions m_layer_options;
    ModelOptions m_model_options;
};
} // namespace

std::unique_ptr<Command> make_info_command() { return std::make_unique<InfoCommand>(); }

} // namespace pooled::cli
