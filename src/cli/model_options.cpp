#include "cli/model_options.hpp"
#include "cli/output_values.hpp"

#include <pooled/model/convert.hpp>

#include <cmath>
#include <cstdio>
#include <set>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;


template <typename T, typename Get>
json total_of(const std::vector<T> &items, Get get) {
    double sum = 0.0;
    std::size_t with = 0;
    for (const auto &item : items) {
        if (const auto value = get(item)) {
            sum += *value;
            ++with;
        }
    }
    return json{{"with_value", with}, {"total", rounded(sum, 3)}};
}
} // namespace

void ModelOptions::add_to(CLI::App &app) {
    app.add_option("--as", role, "Read the layers as assets, zones or users: map their columns onto the data model and "
                                 "check them (ids unique, counts numeric and >= 0)")
        ->check(CLI::IsMember({"assets", "zones", "users"}));
    app.add_option("--schema", schema_file, "TOML file mapping columns to model fields (share/pooled/schemas/)")
        ->check(CLI::ExistingFile);
    app.add_option("--field", fields,
                   "Map a model field to a column, e.g. --field floor_area=gia_m2 or --field population=ts0010001; "
                   "repeatable; unmapped fields are guessed from well-known column names")
        ->take_all();
}

io::Schema ModelOptions::schema() const {
    if (role.empty() && (!fields.empty() || !schema_file.empty())) {
        throw Error(Errc::argument, "--field and --schema map columns for --as assets|zones|users; add --as");
    }
    io::Schema schema = schema_file.empty() ? io::Schema{} : io::load_schema(schema_file);
    for (const auto &assignment : fields) {
        io::apply_field_override(schema, role, assignment);
    }
    return schema;
}

io::Schema ModelOptions::schema_for(const io::Schema &base, const io::LayerInfo &info) const {
    io::Schema schema = base;
    if (role == "assets") {
        schema.assets = io::guess_asset_schema(info, base.assets);
    } else if (role == "zones") {
        schema.zones = io::guess_zone_schema(info, base.zones);
    } else if (role == "users") {
        schema.users = io::guess_service_user_schema(info, base.users);
    }
    return schema;
}

io::ReadOptions ModelOptions::read_options(const io::Schema &schema, const io::ReadOptions &base) const {
    if (role == "assets") {
        return io::read_options_for(schema.assets, base);
    }
    if (role == "zones") {
        return io::read_options_for(schema.zones, base);
    }
    if (role == "users") {
        return io::read_options_for(schema.users, base);
    }
    return base;
}

json ModelOptions::summarise(const io::Schema &schema, const io::Layer &layer) const {
    json mapping = json::object();
    for (const auto &[field, column] : io::schema_mapping(schema, role)) {
        mapping[field] = column;
    }
    json out{{"role", role}, {"mapping", mapping}};
    if (role == "assets") {
        const auto estate = model::to_estate(layer, schema.assets);
        std::set<std::string> organisations;
        for (const auto &asset : estate.assets) {
            organisations.insert(asset.organisation);
        }
        out["count"] = estate.assets.size();
        out["organisations"] = organisations.size();
        out["floor_area_m2"] = total_of(estate.assets, [](const model::Asset &a) {
            return a.floor_area ? std::optional<double>(a.floor_area->value()) : std::nullopt;
        });
        out["running_cost_gbp"] = total_of(estate.assets, [](const model::Asset &a) {
            return a.running_cost ? std::optional<double>(a.running_cost->value()) : std::nullopt;
        });
        out["capacity"] = total_of(estate.assets, [](const model::Asset &a) { return a.capacity; });
    } else if (role == "zones") {
        const auto population = model::to_population(layer, schema.zones);
        out["count"] = population.zones.size();
        out["population"] = rounded(population.total_population(), 3);
        out["population_weighted_centroids"] = population.population_weighted_centroids;
        out["variables"] = population.variable_names.size();
    } else if (role == "users") {
        const auto users = model::to_service_users(layer, schema.users);
        std::set<std::string> services;
        double weight = 0.0;
        for (const auto &user : users.users) {
            services.insert(user.service);
            weight += user.weight;
        }
        out["count"] = users.users.size();
        out["weight"] = rounded(weight, 3);
        out["services"] = services.size();
    }
    return out;
}

// "1055975" for whole numbers, else up to three decimals ("26386.5").
std::string number_text(double v) {
    char buffer[64];
    if (v == std::floor(v) && std::fabs(v) < 1e15) {
        std::snprintf(buffer, sizeof buffer, "%.0f", v);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.3f", v);
        std::string text(buffer);
        text.erase(text.find_last_not_of('0') + 1);
        return text;
    }
    return buffer;
}

std::string describe_model_summary(const json &summary) {
    const std::string role = summary.at("role");
    std::string text = std::to_string(summary.at("count").get<std::size_t>()) + " " + role;
    const auto add_total = [&](const char *key, const char *label) {
        if (summary.contains(key) && summary[key]["with_value"].get<std::size_t>() > 0) {
            text += ", " + std::string(label) + " " + number_text(summary[key]["total"].get<double>()) + " (" +
                    std::to_string(summary[key]["with_value"].get<std::size_t>()) + " with a value)";
        }
    };
    if (role == "zones") {
        text += ", population " + number_text(summary.at("population").get<double>());
    }
    if (role == "assets") {
        text += ", " + std::to_string(summary.at("organisations").get<std::size_t>()) + " organisation(s)";
        add_total("floor_area_m2", "floor area m2");
        add_total("running_cost_gbp", "running cost GBP/year");
        add_total("capacity", "capacity");
    }
    if (role == "users") {
        text += ", weight " + number_text(summary.at("weight").get<double>());
    }
    std::string mapping;
    for (const auto &[field, column] : summary.at("mapping").items()) {
        mapping += (mapping.empty() ? "" : ", ") + field + "=" + column.get<std::string>();
    }
    return text + "; mapping: " + (mapping.empty() ? "(none)" : mapping);
}

} // namespace pooled::cli
