// The layers and the summary of a co-location search, rounded once for every caller.

#include <pooled/colocation/layers.hpp>

#include "io/output_numbers.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace pooled::colocation {

namespace {
using json = nlohmann::ordered_json;

// The rounding policy of every co-location output.
constexpr int metres_decimals = 3; // distances, costs in seconds, floor areas, people
constexpr int pounds_decimals = 2;
constexpr int score_decimals = 9;
constexpr int share_decimals = 6; // utilisation

/// "a; b; c".
std::string listed(const std::vector<std::string> &parts) {
    std::string out;
    for (const auto &p : parts) {
        out += (out.empty() ? "" : "; ") + p;
    }
    return out;
}

using io::json_number;
using io::real_or_null;

template <typename T>
io::FieldValue optional_field(const std::optional<T> &value, int decimals) {
    return value ? real_or_null(static_cast<double>(*value), decimals) : io::FieldValue{};
}

std::vector<std::string> member_ids(const model::Estate &estate, const CandidateGroup &g) {
    std::vector<std::string> ids;
    for (const auto a : g.members) {
        ids.push_back(estate.assets[a].id);
    }
    return ids;
}

json measures_json(const GroupScores &s) {
    return json{{"organisations", s.organisations},
                {"largest_cost", json_number(s.largest_cost, metres_decimals)},
                {"floor_area_m2", json_number(s.floor_area_m2, metres_decimals)},
                {"running_cost_gbp", json_number(s.running_cost_gbp, pounds_decimals)},
                {"spare_floor_area_m2", json_number(s.spare_floor_area_m2, metres_decimals)},
                {"with_spare_capacity", s.with_spare_capacity},
                {"leases_ending", s.leases_ending.size()},
                {"poor_condition", s.poor_condition},
                {"shared_population", json_number(s.shared_population, metres_decimals)}};
}
} // namespace

ColocationLayers colocation_layers(const model::Estate &estate, const CandidateResult &result, const crs::Crs &crs,
                                   const std::string &cost_unit) {
    using io::FieldType;
    ColocationLayers out{
        {"colocation_groups",
         crs,
         {{"rank", FieldType::integer},         {"hub_id", FieldType::string},
          {"members", FieldType::string},       {"member_count", FieldType::integer},
          {"organisations", FieldType::string}, {"organisation_count", FieldType::integer},
          {"services", FieldType::string},      {"score", FieldType::real},
          {"largest_cost", FieldType::real},    {"cost_unit", FieldType::string},
          {"floor_area_m2", FieldType::real},   {"running_cost_gbp", FieldType::real},
          {"spare_floor_area_m2", FieldType::real}, {"leases_ending", FieldType::integer},
          {"poor_condition", FieldType::integer}, {"shared_population", FieldType::real},
          {"reasons", FieldType::string},       {"missing", FieldType::string}},
         {}},
        {"colocation_members",
         crs,
         {{"rank", FieldType::integer},
          {"asset_id", FieldType::string},
          {"name", FieldType::string},
          {"organisation", FieldType::string},
          {"organisation_kind", FieldType::string},
          {"services", FieldType::string},
          {"is_hub", FieldType::integer},
          {"floor_area_m2", FieldType::real},
          {"running_cost_gbp", FieldType::real},
          {"utilisation", FieldType::real},
          {"lease_end", FieldType::string},
          {"condition", FieldType::string}},
         {}},
        {"colocation_excluded", std::nullopt, {{"asset_id", FieldType::string}, {"reason", FieldType::string}}, {}}};
    for (std::size_t r = 0; r < result.groups.size(); ++r) {
        const auto &g = result.groups[r];
        const auto &s = g.scores;
        const auto rank = static_cast<std::int64_t>(r + 1);
        io::Feature f;
        f.geometry = g.hub_point;
        f.values = {rank,
                    estate.assets[g.hub].id,
                    listed(member_ids(estate, g)),
                    static_cast<std::int64_t>(g.members.size()),
                    listed(g.organisations),
                    static_cast<std::int64_t>(s.organisations),
                    listed(g.services),
                    real_or_null(s.score, score_decimals),
                    real_or_null(s.largest_cost, metres_decimals),
                    cost_unit,
                    real_or_null(s.floor_area_m2, metres_decimals),
                    real_or_null(s.running_cost_gbp, pounds_decimals),
                    real_or_null(s.spare_floor_area_m2, metres_decimals),
                    static_cast<std::int64_t>(s.leases_ending.size()),
                    static_cast<std::int64_t>(s.poor_condition),
                    real_or_null(s.shared_population, metres_decimals),
                    listed(g.reasons),
                    listed(g.missing)};
        out.groups.features.push_back(std::move(f));
        for (const auto a : g.members) {
            const auto &asset = estate.assets[a];
            io::Feature m;
            m.geometry = asset.location;
            m.values = {rank,
                        asset.id,
                        asset.name,
                        asset.organisation,
                        std::string(model::organisation_kind_name(asset.organisation_kind)),
                        listed(asset.services),
                        static_cast<std::int64_t>(a == g.hub),
                        asset.floor_area ? io::FieldValue{asset.floor_area->value()} : io::FieldValue{},
                        asset.running_cost ? io::FieldValue{asset.running_cost->value()} : io::FieldValue{},
                        optional_field(asset.utilisation, share_decimals),
                        asset.lease_end ? io::FieldValue{*asset.lease_end} : io::FieldValue{},
                        asset.condition};
            out.members.features.push_back(std::move(m));
        }
    }
    for (const auto &e : result.excluded) {
        io::Feature f;
        f.values = {estate.assets[e.asset].id, e.reason};
        out.excluded.features.push_back(std::move(f));
    }
    return out;
}

std::string colocation_summary_json(const model::Estate &estate, const CandidateResult &result,
                                    const SearchSettings &settings, std::size_t listed_groups) {
    json groups = json::array();
    for (std::size_t r = 0; r < result.groups.size() && r < listed_groups; ++r) {
        const auto &g = result.groups[r];
        groups.push_back({{"rank", r + 1},
                          {"hub", estate.assets[g.hub].id},
                          {"hub_point", {json_number(g.hub_point.x, metres_decimals), json_number(g.hub_point.y, metres_decimals)}},
                          {"members", member_ids(estate, g)},
                          {"organisations", g.organisations},
                          {"services", g.services},
                          {"score", json_number(g.scores.score, score_decimals)},
                          {"measures", measures_json(g.scores)},
                          {"reasons", g.reasons},
                          {"missing", g.missing}});
    }
    json excluded = json::array();
    for (const auto &e : result.excluded) {
        excluded.push_back({{"asset_id", estate.assets[e.asset].id}, {"reason", e.reason}});
    }
    const bool zones = !settings.catchment.empty();
    const json out{{"assets", estate.assets.size()},
                   {"sources", estate.source},
                   {"within", settings.within},
                   {"within_unit", settings.within_unit},
                   {"by", settings.by},
                   {"compatibility", settings.compatibility},
                   {"catchment", zones ? json(settings.catchment) : json(nullptr)},
                   {"zone_population", settings.zone_population ? json_number(*settings.zone_population, metres_decimals)
                                                                : json(nullptr)},
                   {"as_of", settings.as_of.empty() ? json(nullptr) : json(settings.as_of)},
                   {"lease_horizon_years", settings.lease_horizon_years},
                   {"close_pairs", result.close_pairs},
                   {"linked_pairs", result.linked_pairs},
                   {"excluded", excluded},
                   {"group_count", result.groups.size()},
                   {"groups", groups}};
    return out.dump(2);
}

} // namespace pooled::colocation
