#include "cli/located.hpp"

#include <pooled/geometry/algorithms.hpp>
#include <pooled/io/schema.hpp>

#include <unordered_map>

namespace pooled::cli {

namespace {
// The ids in `field`, or an Error for the first empty or repeated one.
std::vector<std::string> ids_from(const io::Layer &layer, const std::string &field) {
    const std::size_t index = layer.require_field(field);
    std::vector<std::string> ids;
    std::unordered_map<std::string, std::int64_t> seen;
    for (const auto &feature : layer.features()) {
        std::string id = io::to_text(feature.values[index]);
        if (id.empty()) {
            throw Error(Errc::data, "the id is empty", layer.ref(feature.fid, field));
        }
        if (auto [it, inserted] = seen.emplace(id, feature.fid); !inserted) {
            throw Error(Errc::data, "duplicate id '" + id + "' (first used by feature " + std::to_string(it->second) + ")",
                        layer.ref(feature.fid, field));
        }
        ids.push_back(std::move(id));
    }
    return ids;
}

std::vector<std::string> guessed_ids(const io::Layer &layer) {
    // The first guessed id column whose values are all present and unique; a class code
    // shared by many features is no id.
    for (const std::string &field : {io::guess_zone_schema(layer.info()).id, io::guess_asset_schema(layer.info()).id}) {
        if (field.empty()) {
            continue;
        }
        try {
            return ids_from(layer, field);
        } catch (const Error &) {
        }
    }
    std::vector<std::string> ids;
    for (const auto &feature : layer.features()) {
        ids.push_back(std::to_string(feature.fid));
    }
    return ids;
}
} // namespace

std::vector<std::string> layer_ids(const io::Layer &layer, const std::string &requested_field) {
    return requested_field.empty() ? guessed_ids(layer) : ids_from(layer, requested_field);
}

std::vector<network::Located> located_points(const io::Layer &layer, const std::string &requested_field) {
    std::vector<std::string> ids = layer_ids(layer, requested_field);
    std::vector<network::Located> points;
    points.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        points.push_back(network::Located{std::move(ids[i]), geometry::representative_point(layer.features()[i].geometry)});
    }
    return points;
}

} // namespace pooled::cli
