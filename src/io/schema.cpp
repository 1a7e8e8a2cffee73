#include <pooled/io/schema.hpp>

#include <pooled/core/error.hpp>
#include <pooled/geometry/algorithms.hpp>

#include "model/text.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <unordered_map>
#include <utility>

namespace pooled::io {

using model::detail::did_you_mean;
using model::detail::iequals;
using model::detail::join;
using model::detail::to_lower;
using model::detail::trim;

namespace {

// ---------------------------------------------------------------------------------------
// Field tables: one row per mappable model field, shared by the TOML reader, the CLI
// overrides and the guesses.

/// What a column must hold, for guessing (by OGR field type) and for messages.
enum class ValueKind { id, text, number, flag, date };

bool fits(ValueKind kind, FieldType type) noexcept {
    switch (kind) {
    case ValueKind::id:
    case ValueKind::number: return type == FieldType::integer || type == FieldType::real || type == FieldType::string;
    case ValueKind::text: return type == FieldType::string;
    case ValueKind::flag: return type == FieldType::boolean || type == FieldType::integer || type == FieldType::string;
    case ValueKind::date: return type == FieldType::date || type == FieldType::datetime || type == FieldType::string;
    }
    return false;
}

template <typename S>
struct FieldRow {
    const char *name;
    std::string S::*member;
    ValueKind kind;
    std::vector<std::string_view> candidates; // for guessing, in order of preference
};

const std::vector<FieldRow<AssetSchema>> &asset_rows() {
    static const std::vector<FieldRow<AssetSchema>> rows{
        {"id", &AssetSchema::id, ValueKind::id,
         {"id", "asset_id", "site_id", "uprn", "urn", "code", "ods_code", "property_id"}},
        {"name", &AssetSchema::name, ValueKind::text,
         {"name", "site_name", "site", "establishment_name", "station_name", "hospital22_name", "hospital_name",
          "practice_name", "asset_name", "building_name", "property_name"}},
        {"organisation", &AssetSchema::organisation, ValueKind::text,
         {"organisation", "organisation_name", "organization", "owner", "owner_name", "frs_fullname"}},
        {"organisation_kind", &AssetSchema::organisation_kind, ValueKind::text,
         {"organisation_kind", "org_kind", "organisation_type", "owner_type"}},
        {"services", &AssetSchema::services, ValueKind::text,
         {"services", "service", "service_type", "services_offered"}},
        {"floor_area", &AssetSchema::floor_area, ValueKind::number,
         {"floor_area", "floor_area_m2", "gia_m2", "gia", "gross_internal_area"}},
        {"running_cost", &AssetSchema::running_cost, ValueKind::number,
         {"running_cost", "running_costs", "annual_running_cost", "annual_cost"}},
        {"capacity", &AssetSchema::capacity, ValueKind::number,
         {"capacity", "number_of_pupils", "number_of_patients", "school_capacity", "places", "beds"}},
        {"utilisation", &AssetSchema::utilisation, ValueKind::number, {"utilisation", "utilization", "occupancy"}},
        {"tenure", &AssetSchema::tenure, ValueKind::text, {"tenure", "ownership", "tenure_type"}},
        {"lease_end", &AssetSchema::lease_end, ValueKind::date,
         {"lease_end", "lease_end_date", "lease_expiry", "lease_expiry_date"}},
        {"condition", &AssetSchema::condition, ValueKind::text,
         {"condition", "condition_grade", "condition_category"}},
        {"must_keep", &AssetSchema::must_keep, ValueKind::flag, {"must_keep", "keep", "retain"}},
        {"value", &AssetSchema::value, ValueKind::number,
         {"value", "capital_value", "asset_value", "market_value", "valuation"}},
    };
    return rows;
}

const std::vector<FieldRow<ZoneSchema>> &zone_rows() {
    static const std::vector<FieldRow<ZoneSchema>> rows{
        {"id", &ZoneSchema::id, ValueKind::id,
         {"id", "zone_id", "code", "oa21cd", "oa11cd", "lsoa21cd", "lsoa11cd", "msoa21cd", "msoa11cd", "lad22cd",
          "lad21cd", "geography_code"}},
        {"name", &ZoneSchema::name, ValueKind::text,
         {"name", "zone_name", "oa21nm", "lsoa21nm", "lsoa11nm", "msoa21nm", "msoa11nm", "lad22nm", "lad21nm",
          "geography"}},
        {"population", &ZoneSchema::population, ValueKind::number,
         {"population", "ts0010001", "pop", "usual_residents", "total_population", "all_persons"}},
        // Guessed as a pair (see guess_zone_schema), so no candidates here.
        {"centroid_x", &ZoneSchema::centroid_x, ValueKind::number, {}},
        {"centroid_y", &ZoneSchema::centroid_y, ValueKind::number, {}},
    };
    return rows;
}

const std::vector<FieldRow<ServiceUserSchema>> &user_rows() {
    static const std::vector<FieldRow<ServiceUserSchema>> rows{
        {"id", &ServiceUserSchema::id, ValueKind::id, {"id", "user_id", "person_id", "client_id", "visit_id"}},
        {"service", &ServiceUserSchema::service, ValueKind::text, {"service", "service_type", "services"}},
        {"weight", &ServiceUserSchema::weight, ValueKind::number, {"weight", "count", "visits", "n"}},
    };
    return rows;
}

template <typename S>
std::vector<std::string> row_names(const std::vector<FieldRow<S>> &rows) {
    std::vector<std::string> names;
    for (const auto &row : rows) {
        names.emplace_back(row.name);
    }
    return names;
}

template <typename S>
const FieldRow<S> *find_row(const std::vector<FieldRow<S>> &rows, std::string_view name) {
    for (const auto &row : rows) {
        if (name == row.name) {
            return &row;
        }
    }
    return nullptr;
}

const std::vector<std::string> &asset_constant_names() {
    static const std::vector<std::string> names{"organisation", "organisation_kind", "service"};
    return names;
}

const std::vector<std::string> &user_constant_names() {
    static const std::vector<std::string> names{"service"};
    return names;
}

std::string kind_list() {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < model::organisation_kind_count; ++i) {
        names.emplace_back(model::organisation_kind_name(static_cast<model::OrganisationKind>(i)));
    }
    return join(names);
}

/// Parses a constant organisation kind, or returns nullopt with `problem` set.
std::optional<model::OrganisationKind> kind_constant(std::string_view text, std::string &problem) {
    if (trim(text).empty()) {
        return std::nullopt; // empty = unset
    }
    auto kind = model::parse_organisation_kind(text);
    if (!kind) {
        problem = "unknown organisation kind '" + std::string(text) + "'; use one of " + kind_list();
    }
    return kind;
}

// ---------------------------------------------------------------------------------------
// TOML reading

const char *toml_type_name(toml::node_type type) noexcept {
    switch (type) {
    case toml::node_type::none: return "nothing";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    }
    return "a value";
}

/// Reads one schema file, remembering its path for messages.
class SchemaReader {
public:
    explicit SchemaReader(std::string path) : m_path(std::move(path)) {}

    Schema read(const toml::table &root) {
        Schema schema;
        for (auto &&[key, node] : root) {
            const std::string name(key.str());
            const auto line = line_of(key, node);
            if (!node.is_table()) {
                fail("key '" + name + "' is outside a table at line " + line + "; put model fields under [assets], "
                     "[zones] or [users]");
            }
            const auto &table = *node.as_table();
            if (name == "assets") {
                read_assets(table, schema.assets);
            } else if (name == "zones") {
                read_zones(table, schema.zones);
            } else if (name == "users") {
                read_users(table, schema.users);
            } else {
                fail("unknown table [" + name + "] at line " + line + "; a schema has [assets], [zones] and [users]" +
                     did_you_mean(name, {"assets", "zones", "users"}));
            }
        }
        return schema;
    }

    [[noreturn]] void fail(const std::string &problem) const {
        throw Error(Errc::argument, problem, SourceRef{m_path, {}, std::nullopt, {}});
    }

private:
    static std::string line_of(const toml::key &key, const toml::node &node) {
        auto line = key.source().begin.line;
        if (line == 0) {
            line = node.source().begin.line;
        }
        return std::to_string(line);
    }

    [[noreturn]] void unknown_key(const toml::key &key, const toml::node &node, const std::string &table,
                                  const std::vector<std::string> &valid) const {
        const std::string name(key.str());
        fail("unknown key '" + name + "' in [" + table + "] at line " + line_of(key, node) + ", key '" + table + "." +
             name + "'" + did_you_mean(name, valid) + "; valid keys: " + join(valid));
    }

    [[noreturn]] void wrong_type(const toml::key &key, const toml::node &node, const std::string &table,
                                 const std::string &expected) const {
        fail("wrong type at line " + line_of(key, node) + ", key '" + table + "." + std::string(key.str()) +
             "': expected " + expected + ", found " + toml_type_name(node.type()));
    }

    std::string string_of(const toml::key &key, const toml::node &node, const std::string &table,
                          const char *expected = "a string (a column name)") const {
        if (!node.is_string()) {
            wrong_type(key, node, table, expected);
        }
        return std::string(trim(node.as_string()->get()));
    }

    bool bool_of(const toml::key &key, const toml::node &node, const std::string &table) const {
        if (!node.is_boolean()) {
            wrong_type(key, node, table, "true or false");
        }
        return node.as_boolean()->get();
    }

    template <typename S>
    bool read_field(const toml::key &key, const toml::node &node, const std::string &table,
                    const std::vector<FieldRow<S>> &rows, S &schema) const {
        if (const auto *row = find_row(rows, key.str())) {
            schema.*(row->member) = string_of(key, node, table);
            return true;
        }
        return false;
    }

    void read_assets(const toml::table &table, AssetSchema &schema) const {
        auto valid = row_names(asset_rows());
        valid.emplace_back("guess");
        valid.emplace_back("constants");
        for (auto &&[key, node] : table) {
            if (read_field(key, node, "assets", asset_rows(), schema)) {
                continue;
            }
            if (key.str() == "guess") {
                schema.guess = bool_of(key, node, "assets");
            } else if (key.str() == "constants") {
                if (!node.is_table()) {
                    wrong_type(key, node, "assets", "a table of constants");
                }
                read_asset_constants(*node.as_table(), schema.constants);
            } else {
                unknown_key(key, node, "assets", valid);
            }
        }
    }

    void read_asset_constants(const toml::table &table, AssetSchema::Constants &constants) const {
        const std::string where = "assets.constants";
        for (auto &&[key, node] : table) {
            const std::string text = string_of(key, node, where, "a string");
            if (key.str() == "organisation") {
                constants.organisation = text;
            } else if (key.str() == "service") {
                constants.service = text;
            } else if (key.str() == "organisation_kind") {
                std::string problem;
                constants.organisation_kind = kind_constant(text, problem);
                if (!problem.empty()) {
                    fail(problem + " at line " + line_of(key, node) + ", key '" + where + ".organisation_kind'");
                }
            } else {
                unknown_key(key, node, where, asset_constant_names());
            }
        }
    }

    void read_zones(const toml::table &table, ZoneSchema &schema) const {
        auto valid = row_names(zone_rows());
        valid.emplace_back("centroid_crs");
        valid.emplace_back("variables");
        valid.emplace_back("guess");
        for (auto &&[key, node] : table) {
            if (read_field(key, node, "zones", zone_rows(), schema)) {
                continue;
            }
            if (key.str() == "guess") {
                schema.guess = bool_of(key, node, "zones");
            } else if (key.str() == "centroid_crs") {
                schema.centroid_crs = string_of(key, node, "zones", "a string (a CRS such as \"EPSG:27700\")");
            } else if (key.str() == "variables") {
                const char *expected = "an array of strings (column names or patterns)";
                if (!node.is_array()) {
                    wrong_type(key, node, "zones", expected);
                }
                schema.variables.clear();
                for (const auto &item : *node.as_array()) {
                    if (!item.is_string()) {
                        fail("wrong type at line " + std::to_string(item.source().begin.line) +
                             ", key 'zones.variables': expected " + expected + ", found an element that is " +
                             toml_type_name(item.type()));
                    }
                    schema.variables.emplace_back(trim(item.as_string()->get()));
                }
            } else {
                unknown_key(key, node, "zones", valid);
            }
        }
    }

    void read_users(const toml::table &table, ServiceUserSchema &schema) const {
        auto valid = row_names(user_rows());
        valid.emplace_back("guess");
        valid.emplace_back("constants");
        for (auto &&[key, node] : table) {
            if (read_field(key, node, "users", user_rows(), schema)) {
                continue;
            }
            if (key.str() == "guess") {
                schema.guess = bool_of(key, node, "users");
            } else if (key.str() == "constants") {
                if (!node.is_table()) {
                    wrong_type(key, node, "users", "a table of constants");
                }
                for (auto &&[ckey, cnode] : *node.as_table()) {
                    if (ckey.str() == "service") {
                        schema.constants.service = string_of(ckey, cnode, "users.constants", "a string");
                    } else {
                        unknown_key(ckey, cnode, "users.constants", user_constant_names());
                    }
                }
            } else {
                unknown_key(key, node, "users", valid);
            }
        }
    }

    std::string m_path;
};

// ---------------------------------------------------------------------------------------
// Guessing

std::string find_column(const LayerInfo &info, const std::vector<std::string_view> &candidates, ValueKind kind) {
    for (const auto candidate : candidates) {
        for (const auto &field : info.fields) {
            if (iequals(field.name, candidate) && fits(kind, field.type)) {
                return field.name;
            }
        }
    }
    return {};
}

template <typename S>
void guess_rows(const LayerInfo &info, const std::vector<FieldRow<S>> &rows, S &schema) {
    for (const auto &row : rows) {
        auto &column = schema.*(row.member);
        if (column.empty() && !row.candidates.empty()) {
            column = find_column(info, row.candidates, row.kind);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Conversion

/// '*' matches any run of characters, '?' any one character; case-insensitive.
bool glob_match(std::string_view pattern, std::string_view text) {
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() &&
            (pattern[p] == '?' || model::detail::lower(pattern[p]) == model::detail::lower(text[t]))) {
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

void add_non_negative(ReadOptions &options, const std::string &column) {
    if (column.empty()) {
        return;
    }
    for (const auto &existing : options.non_negative_fields) {
        if (existing == column) {
            return;
        }
    }
    options.non_negative_fields.push_back(column);
}

} // namespace

// -------------------------------------------------------------------------------------------

std::vector<std::string> schema_fields(std::string_view role) {
    if (role == "assets") {
        return row_names(asset_rows());
    }
    if (role == "zones") {
        auto names = row_names(zone_rows());
        names.emplace_back("variables");
        return names;
    }
    if (role == "users") {
        return row_names(user_rows());
    }
    throw Error(Errc::argument, "unknown schema role '" + std::string(role) + "'; use assets, zones or users");
}

Schema load_schema(const std::string &toml_path) {
    const SourceRef where{toml_path, {}, std::nullopt, {}};
    std::error_code ec;
    if (!std::filesystem::is_regular_file(toml_path, ec)) {
        throw Error(Errc::io, "cannot read the schema file: no such file", where);
    }
    std::ifstream in(toml_path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) {
        throw Error(Errc::io, "cannot read the schema file", where);
    }
    toml::table root;
    try {
        root = toml::parse(content.str(), toml_path);
    } catch (const toml::parse_error &e) {
        throw Error(Errc::argument,
                    "invalid TOML at line " + std::to_string(e.source().begin.line) + ", column " +
                        std::to_string(e.source().begin.column) + ": " + std::string(e.description()),
                    where);
    }
    return SchemaReader(toml_path).read(root);
}

void apply_field_override(Schema &schema, std::string_view role, std::string_view assignment) {
    const auto equals = assignment.find('=');
    if (equals == std::string_view::npos) {
        throw Error(Errc::argument, "expected FIELD=COLUMN for the " + std::string(role) + " schema, got '" +
                                        std::string(assignment) + "'");
    }
    const std::string field(trim(assignment.substr(0, equals)));
    const std::string value(trim(assignment.substr(equals + 1)));

    const auto unknown = [&](std::vector<std::string> valid) {
        throw Error(Errc::argument, "unknown " + std::string(role) + " field '" + field + "'" +
                                        did_you_mean(field, valid) + "; valid fields: " + join(valid));
    };
    constexpr std::string_view constant_prefix = "constants.";
    const bool is_constant = field.rfind(constant_prefix, 0) == 0;
    const std::string constant = is_constant ? field.substr(constant_prefix.size()) : std::string();

    if (role == "assets") {
        if (const auto *row = find_row(asset_rows(), field)) {
            schema.assets.*(row->member) = value;
            return;
        }
        if (constant == "organisation") {
            schema.assets.constants.organisation = value;
            return;
        }
        if (constant == "service") {
            schema.assets.constants.service = value;
            return;
        }
        if (constant == "organisation_kind") {
            std::string problem;
            schema.assets.constants.organisation_kind = kind_constant(value, problem);
            if (!problem.empty()) {
                throw Error(Errc::argument, problem);
            }
            return;
        }
        auto valid = row_names(asset_rows());
        for (const auto &name : asset_constant_names()) {
            valid.push_back("constants." + name);
        }
        unknown(valid);
    } else if (role == "zones") {
        if (const auto *row = find_row(zone_rows(), field)) {
            schema.zones.*(row->member) = value;
            return;
        }
        if (field == "variables") {
            schema.zones.variables.clear();
            std::size_t start = 0;
            while (start <= value.size()) {
                const auto comma = value.find(',', start);
                const auto part = trim(std::string_view(value).substr(start, comma == std::string::npos ? std::string::npos : comma - start));
                if (!part.empty()) {
                    schema.zones.variables.emplace_back(part);
                }
                if (comma == std::string::npos) {
                    break;
                }
                start = comma + 1;
            }
            return;
        }
        if (field == "centroid_crs") {
            schema.zones.centroid_crs = value;
            return;
        }
        auto valid = row_names(zone_rows());
        valid.emplace_back("variables");
        valid.emplace_back("centroid_crs");
        unknown(valid);
    } else if (role == "users") {
        if (const auto *row = find_row(user_rows(), field)) {
            schema.users.*(row->member) = value;
            return;
        }
        if (constant == "service") {
            schema.users.constants.service = value;
            return;
        }
        auto valid = row_names(user_rows());
        valid.emplace_back("constants.service");
        unknown(valid);
    } else {
        throw Error(Errc::argument, "unknown schema role '" + std::string(role) + "'; use assets, zones or users");
    }
}

AssetSchema guess_asset_schema(const LayerInfo &info, AssetSchema base) {
    if (base.guess) {
        guess_rows(info, asset_rows(), base);
    }
    return base;
}

ZoneSchema guess_zone_schema(const LayerInfo &info, ZoneSchema base) {
    if (!base.guess) {
        return base;
    }
    guess_rows(info, zone_rows(), base);
    if (base.centroid_x.empty() && base.centroid_y.empty()) {
        static const std::vector<std::pair<std::string_view, std::string_view>> pairs{
            {"centroid_x", "centroid_y"}, {"pwc_x", "pwc_y"}, {"pwc_easting", "pwc_northing"}};
        for (const auto &[x, y] : pairs) {
            auto x_column = find_column(info, {x}, ValueKind::number);
            auto y_column = find_column(info, {y}, ValueKind::number);
            if (!x_column.empty() && !y_column.empty()) {
                base.centroid_x = std::move(x_column);
                base.centroid_y = std::move(y_column);
                break;
            }
        }
    }
    return base;
}

ServiceUserSchema guess_service_user_schema(const LayerInfo &info, ServiceUserSchema base) {
    if (base.guess) {
        guess_rows(info, user_rows(), base);
    }
    return base;
}

ReadOptions read_options_for(const AssetSchema &schema, ReadOptions base) {
    if (!schema.id.empty()) {
        base.id_field = schema.id;
    }
    for (const auto *column : {&schema.floor_area, &schema.running_cost, &schema.capacity, &schema.utilisation,
                               &schema.value}) {
        add_non_negative(base, *column);
    }
    return base;
}

ReadOptions read_options_for(const ZoneSchema &schema, ReadOptions base) {
    if (!schema.id.empty()) {
        base.id_field = schema.id;
    }
    add_non_negative(base, schema.population);
    return base;
}

ReadOptions read_options_for(const ServiceUserSchema &schema, ReadOptions base) {
    if (!schema.id.empty()) {
        base.id_field = schema.id;
    }
    add_non_negative(base, schema.weight);
    return base;
}

model::Estate to_estate(const Layer &layer, const AssetSchema &schema) {
    model::Estate estate{layer.working_crs(), {}, layer.report(), layer.source().display(), {}};
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
    const auto mark = [&](std::string_view field) {
        if (!estate.has(field)) {
            estate.mapped.emplace_back(field);
        }
    };
    if (!constants.organisation.empty()) {
        mark("organisation");
    }
    if (constants.organisation_kind || estate.has("organisation")) {
        mark("organisation_kind");
    }
    if (!constants.service.empty()) {
        mark("services");
    }
    const auto constant_services = model::parse_services(constants.service);

    FeatureReader reader(layer, "asset");
    estate.assets.reserve(layer.features().size());
    for (const auto &feature : layer.features()) {
        model::Asset asset;
        asset.fid = feature.fid;
        asset.id = reader.id(feature, id);
        asset.name = reader.text(feature, name);
        asset.organisation = reader.text(feature, organisation);
        if (asset.organisation.empty()) {
            asset.organisation = constants.organisation;
        }

        const std::string kind_text = reader.text(feature, kind);
        if (!kind_text.empty()) {
            auto parsed = model::parse_organisation_kind(kind_text);
            if (!parsed) {
                throw Error(Errc::data,
                            "unknown organisation kind '" + kind_text + "'; use one of " + kind_list(),
                            reader.ref(feature, kind));
            }
            asset.organisation_kind = *parsed;
        } else if (constants.organisation_kind) {
            asset.organisation_kind = *constants.organisation_kind;
        } else {
            asset.organisation_kind =
                model::parse_organisation_kind(asset.organisation).value_or(model::OrganisationKind::other);
        }

        asset.services = model::parse_services(reader.text(feature, services));
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

        asset.tenure = model::parse_tenure(reader.text(feature, tenure));

        const std::string lease_text = reader.text(feature, lease_end);
        if (!lease_text.empty()) {
            asset.lease_end = model::parse_iso_date(lease_text);
            if (!asset.lease_end) {
                throw Error(Errc::data, "lease_end is not a date (YYYY-MM-DD): '" + lease_text + "'",
                            reader.ref(feature, lease_end));
            }
        }

        asset.condition = reader.text(feature, condition);

        const std::string flag_text = reader.text(feature, must_keep);
        if (!flag_text.empty()) {
            auto flag = model::parse_flag(flag_text);
            if (!flag) {
                throw Error(Errc::data,
                            "must_keep is not a yes/no flag: '" + flag_text + "' (use 1/0, true/false, yes/no, Y/N)",
                            reader.ref(feature, must_keep));
            }
            asset.must_keep = *flag;
        }
        estate.assets.push_back(std::move(asset));
    }
    return estate;
}

model::Population to_population(const Layer &layer, const ZoneSchema &schema) {
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
    model::Population population{layer.working_crs(), {}, {}, layer.report(), layer.source().display(), false};
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
        std::optional<crs::Crs> stored = layer.info().crs;
        if (!schema.centroid_crs.empty()) {
            stored = crs::Crs::from_user_input(schema.centroid_crs);
        }
        if (stored && !stored->equivalent_to(layer.working_crs().crs())) {
            to_working.emplace(*stored, layer.working_crs().crs());
        }
    }

    FeatureReader reader(layer, "zone");
    population.zones.reserve(layer.features().size());
    for (const auto &feature : layer.features()) {
        model::Zone zone;
        zone.fid = feature.fid;
        zone.id = reader.id(feature, id);
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
        population.zones.push_back(std::move(zone));
    }
    return population;
}

model::ServiceUsers to_service_users(const Layer &layer, const ServiceUserSchema &schema) {
    model::ServiceUsers users{layer.working_crs(), {}, layer.report(), layer.source().display()};
    const auto id = mapped_column(layer, schema.id, "id", "service user");
    const auto service = mapped_column(layer, schema.service, "service", "service user");
    const auto weight = mapped_column(layer, schema.weight, "weight", "service user");
    const std::string constant_service = to_lower(trim(schema.constants.service));

    FeatureReader reader(layer, "service user");
    users.users.reserve(layer.features().size());
    for (const auto &feature : layer.features()) {
        model::ServiceUser user;
        user.fid = feature.fid;
        user.id = reader.id(feature, id);
        user.location = reader.location(feature);
        user.service = to_lower(reader.text(feature, service));
        if (user.service.empty()) {
            user.service = constant_service;
        }
        user.weight = reader.number(feature, weight, "weight", true).value_or(1.0);
        users.users.push_back(std::move(user));
    }
    return users;
}

} // namespace pooled::io
