#include <pooled/model/convert.hpp>

#include <pooled/core/error.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/geometry/algorithms.hpp>

#include "core/text.hpp"

#include <cmath>
#include <limits>
#include <optional>
#include <unordered_map>
#include <utility>

namespace pooled::model {

using pooled::detail::join;
using pooled::detail::lower;
using pooled::detail::to_lower;
using pooled::detail::trim;
using io::Feature;
using io::Layer;
using io::to_number;
using io::to_text;

namespace {

std::string kind_list() {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < organisation_kind_count; ++i) {
        names.emplace_back(organisation_kind_name(static_cast<OrganisationKind>(i)));
    }
    return join(names);
}

/// '*' matches any run of characters, '?' any one character; case-insensitive.
bool glob_match(std::string_view pattern, std::string_view text) {
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() &&
            (pattern[p] == '?' || lower(pattern[p]) == lower(text[t]))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

/// The index of a mapped column, or nullopt when unmapped.
/// @throws Error (Errc::argument) naming the layer and the model field if the column is missing.
std::optional<std::size_t> mapped_column(const Layer &layer, const std::string &column, std::string_view field,
                                         std::string_view role) {
    if (column.empty()) {
        return std::nullopt;
    }
    try {
        return layer.require_field(column);
    } catch (const Error &e) {
        throw Error(e.code(),
                    "the " + std::string(role) + " field '" + std::string(field) + "' is mapped to a missing column: " +
                        e.problem(),
                    e.where());
    }
}

/// Reads features of one layer into model values, with messages naming feature and field.
class FeatureReader {
public:
    FeatureReader(const Layer &layer, std::string_view role) : m_layer(layer), m_role(role) {}

    SourceRef ref(const Feature &feature, std::optional<std::size_t> index = std::nullopt) const {
        return m_layer.ref(feature.fid, index ? m_layer.fields()[*index].name : std::string());
    }

    std::string text(const Feature &feature, std::optional<std::size_t> index) const {
        if (!index) {
            return {};
        }
        return std::string(trim(to_text(feature.values[*index])));
    }

    /// A number, or nullopt when unmapped or null. Negative values fail when `non_negative`.
    std::optional<double> number(const Feature &feature, std::optional<std::size_t> index, std::string_view field,
                                 bool non_negative) const {
        if (!index) {
            return std::nullopt;
        }
        const auto where = ref(feature, index);
        std::optional<double> value;
        try {
            value = to_number(feature.values[*index], where);
        } catch (const Error &e) {
            throw Error(Errc::data, std::string(field) + " is " + e.problem(), where);
        }
        if (value && non_negative && *value < 0.0) {
            throw Error(Errc::data, std::string(field) + " is negative: " + to_text(feature.values[*index]), where);
        }
        return value;
    }

    /// The id: the mapped column's text (must be non-empty and unique), or the FID.
    std::string id(const Feature &feature, std::optional<std::size_t> index) {
        if (!index) {
            return std::to_string(feature.fid);
        }
        std::string value = text(feature, index);
        if (value.empty()) {
            throw Error(Errc::data, "the id is empty", ref(feature, index));
        }
        if (auto [it, inserted] = m_seen.emplace(value, feature.fid); !inserted) {
            throw Error(Errc::data,
                        "duplicate id '" + value + "' (first used by feature " + std::to_string(it->second) + ")",
                        ref(feature, index));
        }
        return value;
    }

    geometry::Point location(const Feature &feature) const {
        if (geometry::is_empty(feature.geometry)) {
            throw Error(Errc::data, "the " + std::string(m_role) + " has no geometry", ref(feature));
        }
        return geometry::representative_point(feature.geometry);
    }

private:
    const Layer &m_layer;
    std::string_view m_role;
    std::unordered_map<std::string, std::int64_t> m_seen;
};

/// One record per feature, in the layer's order: `fid` and `id` (unique, see FeatureReader::id)
/// are set here, the rest by `fill(reader, feature, record)`.
template <typename Record, typename Fill>
std::vector<Record> convert_features(const Layer &layer, std::string_view role, std::optional<std::size_t> id,
                                     Fill fill) {
    FeatureReader reader(layer, role);
    std::vector<Record> records;
    records.reserve(layer.features().size());
    for (const auto &feature : layer.features()) {
        Record record;
        record.fid = feature.fid;
        record.id = reader.id(feature, id);
        fill(reader, feature, record);
        records.push_back(std::move(record));
    }
    return records;
}

} // namespace

Estate to_estate(const Layer &layer, const io::AssetSchema &schema) {
    Estate estate{layer.working_crs(), {}, layer.report(), layer.source().display(), {}};
    const auto column = [&](const std::string &name, std::string_view field) {
        auto index = mapped_column(layer, name, field, "asset");
        if (index) {
            estate.mapped.emplace_back(field);
        }
        return index;
    };
    const auto id = column(schema.id, "id");
    const auto name = column(schema.name, "name");
    const auto organisation = column(schema.organisation, "organisation");
    const auto kind = column(schema.organisation_kind, "organisation_kind");
    const auto services = column(schema.services, "services");
    const auto floor_area = column(schema.floor_area, "floor_area");
    const auto running_cost = column(schema.running_cost, "running_cost");
    const auto capacity = column(schema.capacity, "capacity");
    const auto utilisation = column(schema.utilisation, "utilisation");
    const auto tenure = column(schema.tenure, "tenure");
    const auto lease_end = column(schema.lease_end, "lease_end");
    const auto condition = column(schema.condition, "condition");
    const auto must_keep = column(schema.must_keep, "must_keep");
    const auto value = column(schema.value, "value");
    const auto &constants = schema.constants;
    std::optional<OrganisationKind> constant_kind;
    if (!trim(constants.organisation_kind).empty()) {
        constant_kind = parse_organisation_kind(constants.organisation_kind);
        if (!constant_kind) {
            throw Error(Errc::argument,
                        "the asset constant organisation_kind '" + constants.organisation_kind +
                            "' is not an organisation kind; use one of " + kind_list(),
                        layer.ref());
        }
    }
    const auto mark = [&](std::string_view field) {
        if (!estate.has(field)) {
            estate.mapped.emplace_back(field);
        }
    };
    if (!constants.organisation.empty()) {
        mark("organisation");
    }
    if (constant_kind || estate.has("organisation")) {
        mark("organisation_kind");
    }
    if (!constants.service.empty()) {
        mark("services");
    }
    const auto constant_services = parse_services(constants.service);

    const auto fill = [&](const FeatureReader &reader, const Feature &feature, Asset &asset) {
        asset.name = reader.text(feature, name);
        asset.organisation = reader.text(feature, organisation);
        if (asset.organisation.empty()) {
            asset.organisation = constants.organisation;
        }

        const std::string kind_text = reader.text(feature, kind);
        if (!kind_text.empty()) {
            auto parsed = parse_organisation_kind(kind_text);
            if (!parsed) {
                throw Error(Errc::data,
                            "unknown organisation kind '" + kind_text + "'; use one of " + kind_list(),
                            reader.ref(feature, kind));
            }
            asset.organisation_kind = *parsed;
        } else if (constant_kind) {
            asset.organisation_kind = *constant_kind;
        } else {
            asset.organisation_kind =
                parse_organisation_kind(asset.organisation).value_or(OrganisationKind::other);
        }

        asset.services = parse_services(reader.text(feature, services));
        if (asset.services.empty()) {
            asset.services = constant_services;
        }

        asset.geometry = feature.geometry;
        asset.location = reader.location(feature);

        if (auto v = reader.number(feature, floor_area, "floor_area", true)) {
            asset.floor_area = SquareMetres{*v};
        }
        if (auto v = reader.number(feature, running_cost, "running_cost", true)) {
            asset.running_cost = Gbp{*v};
        }
        asset.capacity = reader.number(feature, capacity, "capacity", true);
        asset.utilisation = reader.number(feature, utilisation, "utilisation", true);
        if (auto v = reader.number(feature, value, "value", true)) {
            asset.value = Gbp{*v};
        }

        asset.tenure = parse_tenure(reader.text(feature, tenure));

        const std::string lease_text = reader.text(feature, lease_end);
        if (!lease_text.empty()) {
            asset.lease_end = parse_iso_date(lease_text);
            if (!asset.lease_end) {
                throw Error(Errc::data, "lease_end is not a date (YYYY-MM-DD): '" + lease_text + "'",
                            reader.ref(feature, lease_end));
            }
        }

        asset.condition = reader.text(feature, condition);

        const std::string flag_text = reader.text(feature, must_keep);
        if (!flag_text.empty()) {
            auto flag = parse_flag(flag_text);
            if (!flag) {
                throw Error(Errc::data,
                            "must_keep is not a yes/no flag: '" + flag_text + "' (use 1/0, true/false, yes/no, Y/N)",
                            reader.ref(feature, must_keep));
            }
            asset.must_keep = *flag;
        }
    };
    estate.assets = convert_features<Asset>(layer, "asset", id, fill);
    return estate;
}

Population to_population(const Layer &layer, const io::ZoneSchema &schema) {
    if (schema.population.empty()) {
        throw Error(Errc::argument, "zones need a population column; map one with --field population=COLUMN",
                    layer.ref());
    }
    if (schema.centroid_x.empty() != schema.centroid_y.empty()) {
        throw Error(Errc::argument,
                    "map both centroid_x and centroid_y, or neither (only " +
                        std::string(schema.centroid_x.empty() ? "centroid_y" : "centroid_x") + " is mapped)",
                    layer.ref());
    }
    Population population{layer.working_crs(), {}, {}, layer.report(), layer.source().display(), false};
    const auto id = mapped_column(layer, schema.id, "id", "zone");
    const auto name = mapped_column(layer, schema.name, "name", "zone");
    const auto people = mapped_column(layer, schema.population, "population", "zone");
    const auto centroid_x = mapped_column(layer, schema.centroid_x, "centroid_x", "zone");
    const auto centroid_y = mapped_column(layer, schema.centroid_y, "centroid_y", "zone");

    // Variables: names and patterns, expanded in order, each column once.
    std::vector<std::size_t> variable_columns;
    const auto add_variable = [&](std::size_t index) {
        for (const auto existing : variable_columns) {
            if (existing == index) {
                return;
            }
        }
        variable_columns.push_back(index);
        population.variable_names.push_back(layer.fields()[index].name);
    };
    for (const auto &entry : schema.variables) {
        if (entry.find_first_of("*?") != std::string::npos) {
            bool any = false;
            for (std::size_t i = 0; i < layer.fields().size(); ++i) {
                if (glob_match(entry, layer.fields()[i].name)) {
                    add_variable(i);
                    any = true;
                }
            }
            if (!any) {
                throw Error(Errc::argument, "no column matches the zone variable pattern '" + entry + "'", layer.ref());
            }
        } else if (!entry.empty()) {
            add_variable(*mapped_column(layer, entry, "variables", "zone"));
        }
    }

    // Population-weighted centroids may be stored in another CRS than the working one.
    std::optional<crs::Transformer> to_working;
    if (centroid_x) {
        population.population_weighted_centroids = true;
        std::optional<crs::Crs> stored = layer.info().crs ? layer.info().crs : layer.info().assumed_crs;
        if (!schema.centroid_crs.empty()) {
            stored = crs::Crs::from_user_input(schema.centroid_crs);
        }
        if (stored && !stored->equivalent_to(layer.working_crs().crs())) {
            to_working.emplace(*stored, layer.working_crs().crs());
        }
    }

    const auto fill = [&](const FeatureReader &reader, const Feature &feature, Zone &zone) {
        zone.name = reader.text(feature, name);
        const auto count = reader.number(feature, people, "population", true);
        if (!count) {
            throw Error(Errc::data, "population is empty", reader.ref(feature, people));
        }
        zone.population = *count;
        zone.geometry = feature.geometry;
        if (centroid_x) {
            const auto x = reader.number(feature, centroid_x, "centroid_x", false);
            const auto y = reader.number(feature, centroid_y, "centroid_y", false);
            if (!x || !y) {
                throw Error(Errc::data, "the population-weighted centroid is empty",
                            reader.ref(feature, !x ? centroid_x : centroid_y));
            }
            geometry::Point point{*x, *y};
            if (to_working && to_working->transform(&point.x, &point.y, 1) != 1) {
                throw Error(Errc::data,
                            "the population-weighted centroid cannot be transformed into " +
                                layer.working_crs().crs().display(),
                            reader.ref(feature, centroid_x));
            }
            zone.centroid = point;
        } else {
            zone.centroid = reader.location(feature);
        }
        zone.variables.reserve(variable_columns.size());
        for (const auto index : variable_columns) {
            const auto v = reader.number(feature, index, layer.fields()[index].name, false);
            zone.variables.push_back(v ? *v : std::numeric_limits<double>::quiet_NaN());
        }
    };
    population.zones = convert_features<Zone>(layer, "zone", id, fill);
    return population;
}

ServiceUsers to_service_users(const Layer &layer, const io::ServiceUserSchema &schema) {
    ServiceUsers users{layer.working_crs(), {}, layer.report(), layer.source().display()};
    const auto id = mapped_column(layer, schema.id, "id", "service user");
    const auto service = mapped_column(layer, schema.service, "service", "service user");
    const auto weight = mapped_column(layer, schema.weight, "weight", "service user");
    const std::string constant_service = to_lower(trim(schema.constants.service));

    const auto fill = [&](const FeatureReader &reader, const Feature &feature, ServiceUser &user) {
        user.location = reader.location(feature);
        user.service = to_lower(reader.text(feature, service));
        if (user.service.empty()) {
            user.service = constant_service;
        }
        user.weight = reader.number(feature, weight, "weight", true).value_or(1.0);
    };
    users.users = convert_features<ServiceUser>(layer, "service user", id, fill);
    return users;
}

} // namespace pooled::model
