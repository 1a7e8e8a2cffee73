// pooled profile: who uses a service, by segment. The zones are put into a saved segmentation
// model; the users (geocoded points, or a per-zone count column) are compared with the
// residents: count, share, users per 1,000 residents and index (100 = average).

#include "cli/command.hpp"
#include "cli/segment_zones.hpp"

#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/model/convert.hpp>
#include <pooled/segmentation/model_file.hpp>
#include <pooled/segmentation/users.hpp>

#include <nlohmann/json.hpp>

#include <iostream>

namespace pooled::cli {

namespace {
using json = nlohmann::ordered_json;

class ProfileCommand final : public Command {
public:
    const char *name() const override { return "profile"; }
    const char *summary() const override {
        return "Profile a service's users by segment of a saved model: count, share, users per 1,000 residents, index";
    }

    void configure(CLI::App &app) override {
        app.add_option("--model", m_model, "Model file written by 'pooled segment --save-model'")->required();
        m_zones.add_to(app);
        app.add_option("--users", m_users, "Geocoded users PATH[:LAYER] (points; a 'weight' column counts as that many)");
        app.add_option("--users-field", m_users_field, "Instead of --users: the zones' column counting users per zone");
        app.add_option("-o,--output", m_output, "Table to write (.gpkg or .csv): user_profile, one row per level and segment");
        app.add_flag("--json", m_json, "Print a machine-readable summary");
    }

    int run() override;

private:
    std::string m_model, m_users, m_users_field, m_output;
    SegmentZoneOptions m_zones;
    bool m_json = false;
};

int ProfileCommand::run() {
    if (m_users.empty() == m_users_field.empty()) {
        throw Error(Errc::argument, "give either --users LAYER (geocoded users) or --users-field FIELD (users per zone)");
    }
    const auto model = segmentation::load_model(m_model);
    std::vector<io::LayerSource> other;
    if (!m_users.empty()) {
        other.push_back(io::LayerSource::parse(m_users));
    }
    std::vector<io::Layer> other_layers;
    const SegmentZones zones = read_segment_zones(m_zones, model.variables, other, &other_layers);
    const auto prepared = segmentation::prepare_with(zones.population, model.variables, model.preparation);
    const auto codes = segmentation::assign_segments(model, prepared.matrix);

    std::vector<double> users(zones.population.zones.size(), 0.0);
    double unmatched = 0.0;
    std::size_t unmatched_users = 0, user_records = 0;
    if (!m_users.empty()) {
        const io::Layer &layer = other_layers.front();
        const auto schema = io::guess_service_user_schema(layer.info());
        const model::ServiceUsers service_users = model::to_service_users(layer, schema);
        user_records = service_users.users.size();
        const auto counts = segmentation::count_users_by_zone(zones.population, service_users);
        users = counts.users;
        unmatched = counts.unmatched;
        unmatched_users = counts.unmatched_users;
    } else {
        const std::size_t field = zones.layer.require_field(m_users_field);
        for (std::size_t i = 0; i < users.size(); ++i) {
            const auto &feature = zones.layer.features()[i];
            const auto value = io::to_number(feature.values[field], zones.layer.ref(feature.fid, m_users_field));
            if (value && *value < 0.0) {
                throw Error(Errc::data, "user count is negative", zones.layer.ref(feature.fid, m_users_field));
            }
            users[i] = value.value_or(0.0);
        }
    }

    const auto all_codes = segmentation::segment_codes(model);
    std::vector<double> population;
    for (const auto &zone : zones.population.zones) {
        population.push_back(zone.population);
    }
    io::OutputLayer table{"user_profile",
                          std::nullopt,
                          {{"level", io::FieldType::integer},
                           {"code", io::FieldType::string},
                           {"users", io::FieldType::real},
                           {"residents", io::FieldType::real},
                           {"user_share", io::FieldType::real},
                           {"resident_share", io::FieldType::real},
                           {"users_per_1000", io::FieldType::real},
                           {"index", io::FieldType::real}},
                          {}};
    json levels = json::array();
    for (std::size_t l = 0; l < codes.size(); ++l) {
        const auto profile = segmentation::profile_users(codes[l], all_codes[l], population, users);
        json segments = json::array();
        for (const auto &s : profile.segments) {
            segments.push_back({{"code", s.code},
                                {"users", rounded(s.users, 3)},
                                {"residents", rounded(s.residents, 3)},
                                {"user_share", rounded(s.user_share, 6)},
                                {"resident_share", json_number(s.resident_share, 6)},
                                {"users_per_1000", json_number(s.penetration, 4)},
                                {"index", json_number(s.index, 2)}});
            io::Feature row;
            row.values = {static_cast<std::int64_t>(l + 1), s.code, rounded(s.users, 6), rounded(s.residents, 6),
                          rounded(s.user_share, 9)};
            for (double v : {s.resident_share, s.penetration, s.index}) {
                row.values.push_back(real_or_null(v, 6));
            }
            table.features.push_back(std::move(row));
        }
        levels.push_back({{"level", l + 1}, {"segments", segments}});
    }
    if (!m_output.empty()) {
        std::vector<std::string> inputs{zones.layer.source().path, m_model};
        if (!m_users.empty()) {
            inputs.push_back(other.front().path);
        }
        io::write_layers(m_output, {table}, inputs);
    }
    double total_users = 0.0;
    for (double u : users) {
        total_users += u;
    }
    json out{{"zones", zones.population.zones.size()},
             {"model", m_model},
             {"users_from", m_users.empty() ? "zone field " + m_users_field : m_users},
             {"user_records", m_users.empty() ? json(nullptr) : json(user_records)},
             {"users_in_zones", rounded(total_users, 3)},
             {"users_outside_zones", rounded(unmatched, 3)},
             {"user_records_outside_zones", unmatched_users},
             {"levels", levels},
             {"output", m_output.empty() ? json(nullptr) : json(m_output)}};
    if (m_json) {
        std::cout << out.dump(2) << "\n";
        return exit_ok;
    }
    std::cout << rounded(total_users, 3) << " users in " << zones.population.zones.size() << " zones";
    if (unmatched_users > 0) {
        std::cout << " (" << unmatched_users << " users outside every zone left out)";
    }
    std::cout << "\n";
    for (const auto &level : levels) {
        std::cout << "  level " << level["level"].get<std::size_t>() << "\n";
        for (const auto &s : level["segments"]) {
            std::cout << "    " << s["code"].get<std::string>() << ": users " << s["users"].dump() << ", per 1,000 residents "
                      << s["users_per_1000"].dump() << ", index " << s["index"].dump() << "\n";
        }
    }
    if (!m_output.empty()) {
        std::cout << "  written to " << m_output << "\n";
    }
    return exit_ok;
}
} // namespace

std::unique_ptr<Command> make_profile_command() { return std::make_unique<ProfileCommand>(); }

} // namespace pooled::cli
