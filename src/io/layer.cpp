#include <pooled/io/layer.hpp>

#include "core/text.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <system_error>

namespace pooled::io {

namespace {
bool names_existing_path(const std::string &path) {
    std::error_code ec;
    return !path.empty() && std::filesystem::exists(path, ec);
}

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}
} // namespace

LayerSource LayerSource::parse(std::string_view spec) {
    const std::string whole(spec);
    if (names_existing_path(whole)) {
        return LayerSource{whole, {}};
    }
    // Try each ':' from the right: "a:b:c.gpkg:layer" splits where the left part exists.
    for (auto pos = spec.rfind(':'); pos != std::string_view::npos && pos > 0;
         pos = spec.rfind(':', pos - 1)) {
        const std::string left(spec.substr(0, pos));
        if (names_existing_path(left)) {
            return LayerSource{left, std::string(spec.substr(pos + 1))};
        }
        if (pos == 0) {
            break;
        }
    }
    // A path that does not exist, or a connection string: keep it whole, except for the plain
    // "file.ext:layer" shape, so a missing file is reported by its own name.
    const auto colon = spec.rfind(':');
    const auto slash = spec.find_first_of("/\\");
    const bool looks_like_file_and_layer = colon != std::string_view::npos && colon > 1 &&
                                           spec.substr(0, colon).find('.') != std::string_view::npos &&
                                           spec.find('=') == std::string_view::npos &&
                                           (slash == std::string_view::npos || slash < colon) &&
                                           spec.substr(colon + 1).find_first_of("/\\") == std::string_view::npos;
    if (looks_like_file_and_layer) {
        return LayerSource{std::string(spec.substr(0, colon)), std::string(spec.substr(colon + 1))};
    }
    return LayerSource{whole, {}};
}

std::string LayerSource::display() const { return layer.empty() ? path : path + ":" + layer; }

const char *field_type_name(FieldType type) noexcept {
    switch (type) {
    case FieldType::integer: return "integer";
    case FieldType::real: return "real";
    case FieldType::string: return "string";
    case FieldType::date: return "date";
    case FieldType::datetime: return "datetime";
    case FieldType::boolean: return "boolean";
    case FieldType::binary: return "binary";
    case FieldType::list: return "list";
    case FieldType::other: return "other";
    }
    return "other";
}

Layer::Layer(LayerInfo info, crs::WorkingCrs working_crs)
    : m_info(std::move(info)), m_working_crs(std::move(working_crs)) {}

std::optional<std::size_t> Layer::field_index(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < m_info.fields.size(); ++i) {
        if (m_info.fields[i].name == name) {
            return i;
        }
    }
    return std::nullopt;
}

std::size_t Layer::require_field(std::string_view name) const {
    if (auto index = field_index(name)) {
        return *index;
    }
    std::string known;
    constexpr std::size_t listed = 20;
    for (std::size_t i = 0; i < m_info.fields.size() && i < listed; ++i) {
        known += known.empty() ? "" : ", ";
        known += m_info.fields[i].name;
    }
    if (m_info.fields.size() > listed) {
        known += " and " + std::to_string(m_info.fields.size() - listed) + " more";
    }
    throw Error(Errc::argument, "no field '" + std::string(name) + "'; the layer has: " + known,
                SourceRef{m_info.source.path, m_info.layer_name, std::nullopt, std::string(name)});
}

geometry::Box Layer::extent() const {
    geometry::Box box;
    for (const auto &feature : m_features) {
        box.expand(geometry::envelope(feature.geometry));
    }
    return box;
}

SourceRef Layer::ref(std::optional<std::int64_t> fid, std::string field) const {
    return SourceRef{m_info.source.path, m_info.layer_name, fid, std::move(field)};
}

std::optional<double> to_number(const FieldValue &value, const SourceRef &where) {
    if (std::holds_alternative<std::monostate>(value)) {
        return std::nullopt;
    }
    if (const auto *i = std::get_if<std::int64_t>(&value)) {
        return static_cast<double>(*i);
    }
    if (const auto *d = std::get_if<double>(&value)) {
        if (std::isnan(*d)) {
            return std::nullopt;
        }
        return *d;
    }
    const auto &text = std::get<std::string>(value);
    const auto body = trim(text);
    if (body.empty()) {
        return std::nullopt;
    }
    double parsed = 0.0;
    const char *begin = body.data();
    if (*begin == '+') {
        ++begin;
    }
    const auto [end, ec] = std::from_chars(begin, body.data() + body.size(), parsed);
    if (ec != std::errc() || end != body.data() + body.size() || !std::isfinite(parsed)) {
        throw Error(Errc::data, "not a number: '" + text + "'", where);
    }
    return parsed;
}

std::string to_text(const FieldValue &value) {
    if (std::holds_alternative<std::monostate>(value)) {
        return {};
    }
    if (const auto *i = std::get_if<std::int64_t>(&value)) {
        return std::to_string(*i);
    }
    if (const auto *d = std::get_if<double>(&value)) {
        return pooled::detail::number_text(*d);
    }
    return std::get<std::string>(value);
}

} // namespace pooled::io
