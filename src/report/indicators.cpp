#include <pooled/report/indicators.hpp>

#include <pooled/report/qgis_style.hpp>

#include "core/text.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

namespace pooled::report {

namespace {

using pooled::detail::iequals;
using pooled::detail::trim;

// "YYYY-MM-DD" `months` months after `date` (itself checked with model::parse_iso_date); a day
// past the end of the month becomes its last day (2024-01-31 + 1 month = 2024-02-29).
std::string months_after(const std::string &date, int months) {
    const std::optional<std::string> iso = model::parse_iso_date(date);
    if (!iso) {
        throw Error(Errc::argument, "the indicators' as-of date must be YYYY-MM-DD; got '" + date + "'");
    }
    using namespace std::chrono;
    const int y = std::stoi(iso->substr(0, 4));
    const auto m = static_cast<unsigned>(std::stoi(iso->substr(5, 2)));
    const auto d = static_cast<unsigned>(std::stoi(iso->substr(8, 2)));
    year_month_day later = year{y} / month{m} / day{d} + std::chrono::months{months};
    if (!later.ok()) {
        later = later.year() / later.month() / last;
    }
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(later.year()),
                  static_cast<unsigned>(later.month()), static_cast<unsigned>(later.day()));
    return text;
}

// Who owns an asset, to tell other owners apart: the organisation's name, else (with the kind
// mapped or set) its kind; nullopt when neither is known.
std::optional<std::string> owner_of(const model::Asset &asset, const model::Estate &estate) {
    if (!asset.organisation.empty()) {
        return asset.organisation;
    }
    if (estate.has("organisation_kind")) {
        return std::string("kind:") + model::organisation_kind_name(asset.organisation_kind);
    }
    return std::nullopt;
}

// The catchment of each asset (index into catchments), checked: one at most per asset.
std::vector<std::optional<std::size_t>> catchment_of_asset(const IndicatorInputs &in) {
    std::vector<std::optional<std::size_t>> of(in.estate.assets.size());
    for (std::size_t c = 0; c < in.catchments.size(); ++c) {
        const std::size_t a = in.catchments[c].asset;
        if (a >= of.size()) {
            throw Error(Errc::argument, "catchment " + std::to_string(c + 1) + " names asset " + std::to_string(a + 1) +
                                            " of an estate of " + std::to_string(of.size()));
        }
        if (of[a]) {
            throw Error(Errc::argument, "asset '" + in.estate.assets[a].id +
                                            "' has two catchments; indicators take one per asset (one method and cutoff)");
        }
        of[a] = c;
    }
    return of;
}

void add_overlaps(const IndicatorInputs &in, const std::vector<std::optional<std::size_t>> &catchment_of,
                  std::vector<AssetIndicators> &out) {
    const auto &assets = in.estate.assets;
    if (!in.overlaps) {
        for (auto &a : out) {
            if (catchment_of[a.asset]) {
                a.missing.push_back("shared_with_other_owners: catchment overlaps not computed");
            }
        }
        return;
    }
    std::vector<std::optional<std::string>> owners;
    for (const auto &asset : assets) {
        owners.push_back(owner_of(asset, in.estate));
    }
    for (auto &a : out) {
        if (!catchment_of[a.asset]) {
            continue;
        }
        if (!owners[a.asset]) {
            a.missing.push_back("shared_with_other_owners: organisation not given");
        } else {
            a.shared_with_other_owners = 0.0;
        }
    }
    for (const auto &o : *in.overlaps) {
        if (o.first >= in.catchments.size() || o.second >= in.catchments.size()) {
            throw Error(Errc::argument, "an overlap names catchment " + std::to_string(std::max(o.first, o.second) + 1) +
                                            " of " + std::to_string(in.catchments.size()));
        }
        const std::size_t first = in.catchments[o.first].asset;
        const std::size_t second = in.catchments[o.second].asset;
        if (!owners[first] || !owners[second] || *owners[first] == *owners[second]) {
            continue;
        }
        for (const auto &[self, other] : {std::pair{first, second}, std::pair{second, first}}) {
            AssetIndicators &a = out[self];
            *a.shared_with_other_owners += o.population;
            ++a.other_owner_assets_overlapping;
            // The largest wins; overlaps come sorted by catchment, so a tie keeps the first seen.
            if (o.population > a.top_other_owner_shared) {
                a.top_other_owner_shared = o.population;
                a.top_other_owner_asset = assets[other].id;
            }
        }
    }
}

void add_lease_and_condition(const IndicatorInputs &in, const std::string &horizon_end, AssetIndicators &a) {
    const model::Asset &asset = in.estate.assets[a.asset];
    if (asset.tenure == model::Tenure::freehold) {
        a.lease_ends_within_horizon = false;
    } else if (in.as_of.empty()) {
        a.missing.push_back("lease_ends_within_horizon: no as-of date given");
    } else if (asset.lease_end) {
        // ISO dates compare as text.
        a.lease_ends_within_horizon = *asset.lease_end <= horizon_end;
    } else if (asset.tenure == model::Tenure::leasehold) {
        a.missing.push_back("lease_ends_within_horizon: lease_end not given");
    } else {
        a.missing.push_back("lease_ends_within_horizon: tenure and lease_end not given");
    }
    const std::string_view condition = trim(asset.condition);
    if (condition.empty()) {
        a.missing.push_back("condition_poor: condition not given");
    } else {
        a.condition_poor = std::any_of(in.poor_conditions.begin(), in.poor_conditions.end(),
                                       [&](const std::string &poor) { return iequals(trim(poor), condition); });
    }
}

GroupTotals &group_in(std::map<std::string, GroupTotals> &groups, const std::string &name) {
    GroupTotals &g = groups[name];
    g.group = name;
    return g;
}

void add_to_group(GroupTotals &g, const model::Asset &asset, const AssetIndicators &a, double &costed_area,
                  double &costed_cost) {
    ++g.assets;
    if (asset.floor_area) {
        g.floor_area_m2 += asset.floor_area->value();
    } else {
        ++g.missing_floor_area;
    }
    if (asset.running_cost) {
        g.running_cost_gbp += asset.running_cost->value();
    } else {
        ++g.missing_running_cost;
    }
    if (asset.floor_area && asset.running_cost && asset.floor_area->value() > 0.0) {
        costed_area += asset.floor_area->value();
        costed_cost += asset.running_cost->value();
    }
    if (a.catchment_population) {
        g.population_served = g.population_served.value_or(0.0) + *a.catchment_population;
    } else {
        ++g.missing_catchment;
    }
}

// Totals per group, sorted by the group's name (std::map's order).
template <typename GroupsOf>
std::vector<GroupTotals> totals_by(const IndicatorInputs &in, const std::vector<AssetIndicators> &assets,
                                   GroupsOf groups_of) {
    std::map<std::string, GroupTotals> groups;
    std::map<std::string, std::pair<double, double>> costed; // area, cost of assets with both
    for (const auto &a : assets) {
        const model::Asset &asset = in.estate.assets[a.asset];
        for (const std::string &name : groups_of(asset)) {
            auto &[area, cost] = costed[name];
            add_to_group(group_in(groups, name), asset, a, area, cost);
        }
    }
    std::vector<GroupTotals> out;
    for (auto &[name, g] : groups) {
        const auto [area, cost] = costed[name];
        if (area > 0.0) {
            g.cost_per_m2 = cost / area;
        }
        out.push_back(std::move(g));
    }
    return out;
}

io::FieldValue real(const std::optional<double> &value) {
    return value && std::isfinite(*value) ? io::FieldValue{*value} : io::FieldValue{};
}
io::FieldValue flag(const std::optional<bool> &value) {
    return value ? io::FieldValue{std::int64_t{*value ? 1 : 0}} : io::FieldValue{};
}
io::FieldValue text_or_null(const std::string &text) { return text.empty() ? io::FieldValue{} : io::FieldValue{text}; }

io::OutputLayer totals_layer(const char *name, const char *group_field, const std::vector<GroupTotals> &groups) {
    using io::FieldType;
    io::OutputLayer layer{name,
                          std::nullopt,
                          {{group_field, FieldType::string},
                           {"assets", FieldType::integer},
                           {"floor_area_m2", FieldType::real},
                           {"missing_floor_area", FieldType::integer},
                           {"running_cost_gbp", FieldType::real},
                           {"missing_running_cost", FieldType::integer},
                           {"cost_per_m2", FieldType::real},
                           {"population_served", FieldType::real},
                           {"missing_catchment", FieldType::integer}},
                          {}};
    for (const auto &g : groups) {
        io::Feature f;
        f.values = {text_or_null(g.group),
                    static_cast<std::int64_t>(g.assets),
                    g.floor_area_m2,
                    static_cast<std::int64_t>(g.missing_floor_area),
                    g.running_cost_gbp,
                    static_cast<std::int64_t>(g.missing_running_cost),
                    real(g.cost_per_m2),
                    real(g.population_served),
                    static_cast<std::int64_t>(g.missing_catchment)};
        layer.features.push_back(std::move(f));
    }
    return layer;
}

} // namespace

SegmentUsers users_per_segment(const std::vector<catchment::Catchment> &catchments,
                               const catchment::PopulationIndex &zones, const std::vector<double> &users_per_zone,
                               const std::vector<std::string> &zone_segments,
                               const std::vector<std::string> &segment_codes) {
    const std::size_t n = zones.zone_count();
    if (users_per_zone.size() != n || zone_segments.size() != n) {
        throw Error(Errc::argument, "users per segment need one user count and one segment per zone: " +
                                        std::to_string(n) + " zones, " + std::to_string(users_per_zone.size()) +
                                        " counts, " + std::to_string(zone_segments.size()) + " segments");
    }
    std::vector<std::size_t> segment_of_zone(n);
    for (std::size_t z = 0; z < n; ++z) {
        const auto it = std::find(segment_codes.begin(), segment_codes.end(), zone_segments[z]);
        if (it == segment_codes.end()) {
            throw Error(Errc::argument, "zone " + std::to_string(z + 1) + " is in segment '" + zone_segments[z] +
                                            "', which is not among the segments given");
        }
        segment_of_zone[z] = static_cast<std::size_t>(it - segment_codes.begin());
    }
    SegmentUsers out{segment_codes, {}};
    for (const auto &c : catchments) {
        std::vector<double> users(segment_codes.size(), 0.0);
        for (const auto &share : zones.shares(c.area)) { // sorted by zone: the same sums every run
            users[segment_of_zone[share.zone]] += share.fraction * users_per_zone[share.zone];
        }
        out.users.push_back(std::move(users));
    }
    return out;
}

Indicators asset_indicators(const IndicatorInputs &in) {
    const auto &assets = in.estate.assets;
    const auto catchment_of = catchment_of_asset(in);
    if (in.users && in.users->users.size() != in.catchments.size()) {
        throw Error(Errc::argument, "users per segment are given for " + std::to_string(in.users->users.size()) +
                                        " catchments, not the " + std::to_string(in.catchments.size()) + " given");
    }
    const std::string horizon_end = in.as_of.empty() ? std::string() : months_after(in.as_of, in.lease_horizon_months);

    Indicators result;
    if (in.users) {
        result.segment_codes = in.users->codes;
    }
    for (std::size_t i = 0; i < assets.size(); ++i) {
        const model::Asset &asset = assets[i];
        AssetIndicators a;
        a.asset = i;
        if (!asset.running_cost) {
            a.missing.push_back("cost_per_m2: running_cost not given");
        } else if (!asset.floor_area) {
            a.missing.push_back("cost_per_m2: floor_area not given");
        } else if (asset.floor_area->value() <= 0.0) {
            a.missing.push_back("cost_per_m2: floor_area is 0");
        } else {
            a.cost_per_m2 = asset.running_cost->value() / asset.floor_area->value();
        }
        if (const auto c = catchment_of[i]) {
            a.catchment_population = in.catchments[*c].population;
        } else {
            a.missing.push_back("catchment_population: no catchment given");
        }
        if (!asset.floor_area) {
            a.missing.push_back("floor_area_per_resident: floor_area not given");
        } else if (!a.catchment_population) {
            a.missing.push_back("floor_area_per_resident: no catchment given");
        } else if (*a.catchment_population <= 0.0) {
            a.missing.push_back("floor_area_per_resident: nobody lives in the catchment");
        } else {
            a.floor_area_per_resident = asset.floor_area->value() / *a.catchment_population;
        }
        a.utilisation = asset.utilisation;
        if (!asset.utilisation) {
            a.missing.push_back("utilisation: utilisation not given");
        } else if (*asset.utilisation > 1.0) {
            a.utilisation_flag = "over capacity";
        } else if (*asset.utilisation < in.under_used_below) {
            a.utilisation_flag = "under-used";
        }
        if (in.users) {
            if (const auto c = catchment_of[i]) {
                a.users_by_segment = in.users->users[*c];
                double total = 0.0;
                for (const double u : a.users_by_segment) {
                    total += u;
                }
                a.users = total;
            } else {
                a.users_by_segment.assign(in.users->codes.size(), std::numeric_limits<double>::quiet_NaN());
                a.missing.push_back("users: no catchment given");
            }
        }
        result.assets.push_back(std::move(a));
    }
    add_overlaps(in, catchment_of, result.assets);
    for (auto &a : result.assets) {
        add_lease_and_condition(in, horizon_end, a);
    }
    result.organisations = totals_by(in, result.assets, [](const model::Asset &asset) {
        return std::vector<std::string>{asset.organisation};
    });
    result.services = totals_by(in, result.assets, [](const model::Asset &asset) { return asset.services; });
    return result;
}

IndicatorFlags count_flags(const Indicators &indicators) {
    IndicatorFlags flags;
    for (const auto &a : indicators.assets) {
        for (const auto &note : a.missing) {
            ++flags.missing[note];
        }
        flags.lease_ends_within_horizon += a.lease_ends_within_horizon.value_or(false) ? 1 : 0;
        flags.condition_poor += a.condition_poor.value_or(false) ? 1 : 0;
        flags.over_capacity += a.utilisation_flag == "over capacity" ? 1 : 0;
        flags.under_used += a.utilisation_flag == "under-used" ? 1 : 0;
    }
    return flags;
}

std::vector<io::OutputLayer> indicator_layers(const Indicators &indicators, const model::Estate &estate) {
    using io::FieldType;
    io::OutputLayer layer{"asset_indicators",
                          estate.crs.crs(),
                          {{"asset_id", FieldType::string},
                           {"name", FieldType::string},
                           {"organisation", FieldType::string},
                           {"organisation_kind", FieldType::string},
                           {"services", FieldType::string},
                           {"floor_area_m2", FieldType::real},
                           {"running_cost_gbp", FieldType::real},
                           {"cost_per_m2", FieldType::real},
                           {"catchment_population", FieldType::real},
                           {"floor_area_per_resident", FieldType::real},
                           {"utilisation", FieldType::real},
                           {"utilisation_flag", FieldType::string}},
                          {}};
    const bool users = !indicators.segment_codes.empty();
    if (users) {
        layer.fields.push_back({"users", FieldType::real});
        for (const auto &code : indicators.segment_codes) {
            layer.fields.push_back({"users_" + code, FieldType::real});
        }
    }
    for (const io::FieldDef &field : std::initializer_list<io::FieldDef>{
             {"shared_with_other_owners", FieldType::real},
             {"other_owner_assets", FieldType::integer},
             {"top_other_owner_asset", FieldType::string},
             {"top_other_owner_shared", FieldType::real},
             {"tenure", FieldType::string},
             {"lease_end", FieldType::string},
             {"lease_ends_within_horizon", FieldType::boolean},
             {"condition", FieldType::string},
             {"condition_poor", FieldType::boolean},
             {"missing", FieldType::string}}) {
        layer.fields.push_back(field);
    }
    for (const auto &a : indicators.assets) {
        const model::Asset &asset = estate.assets.at(a.asset);
        io::Feature f;
        f.geometry = asset.location;
        const auto optional_value = [](const auto &quantity) {
            return quantity ? std::optional<double>(quantity->value()) : std::nullopt;
        };
        f.values = {asset.id,
                    text_or_null(asset.name),
                    text_or_null(asset.organisation),
                    std::string(model::organisation_kind_name(asset.organisation_kind)),
                    text_or_null(pooled::detail::join(asset.services, "; ")),
                    real(optional_value(asset.floor_area)),
                    real(optional_value(asset.running_cost)),
                    real(a.cost_per_m2),
                    real(a.catchment_population),
                    real(a.floor_area_per_resident),
                    real(a.utilisation),
                    text_or_null(a.utilisation_flag)};
        if (users) {
            f.values.push_back(real(a.users));
            for (const double u : a.users_by_segment) {
                f.values.push_back(real(u));
            }
        }
        const bool overlap_known = a.shared_with_other_owners.has_value();
        f.values.push_back(real(a.shared_with_other_owners));
        f.values.push_back(overlap_known ? io::FieldValue{static_cast<std::int64_t>(a.other_owner_assets_overlapping)}
                                         : io::FieldValue{});
        f.values.push_back(text_or_null(a.top_other_owner_asset));
        f.values.push_back(a.top_other_owner_asset.empty() ? io::FieldValue{} : io::FieldValue{a.top_other_owner_shared});
        f.values.push_back(std::string(model::tenure_name(asset.tenure)));
        f.values.push_back(asset.lease_end ? io::FieldValue{*asset.lease_end} : io::FieldValue{});
        f.values.push_back(flag(a.lease_ends_within_horizon));
        f.values.push_back(text_or_null(asset.condition));
        f.values.push_back(flag(a.condition_poor));
        f.values.push_back(text_or_null(pooled::detail::join(a.missing, "; ")));
        layer.features.push_back(std::move(f));
    }
    layer.style = layer_style("assets by owner",
                              categorized_qml(SymbolType::marker, "organisation_kind", owner_kind_categories()),
                              "Assets coloured by the kind of organisation that owns them");
    return {layer, totals_layer("organisation_indicators", "organisation", indicators.organisations),
            totals_layer("service_indicators", "service", indicators.services)};
}

} // namespace pooled::report
