// Reading a long cost table (origin_id, destination_id, cost) into a CostMatrix whose origins and
// destinations are the analysis layers' ids.

#include <pooled/network/matrix_file.hpp>

#include <pooled/core/error.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/io/reader.hpp>

#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace pooled::network {

namespace {

using pooled::detail::number_text;

/// Id -> index; repeated ids are the caller's mistake (the layers' ids must be unique).
std::unordered_map<std::string, std::uint32_t> index_of(const std::vector<std::string> &ids, const char *side) {
    std::unordered_map<std::string, std::uint32_t> index;
    index.reserve(ids.size());
    for (std::size_t k = 0; k < ids.size(); ++k) {
        if (!index.emplace(ids[k], static_cast<std::uint32_t>(k)).second) {
            throw Error(Errc::argument, std::string("the ") + side + " ids given for a matrix file repeat '" + ids[k] + "'");
        }
    }
    return index;
}

std::string chosen_cost_field(const io::Layer &table, const std::string &requested) {
    if (!requested.empty()) {
        table.require_field(requested);
        return requested;
    }
    for (const char *name : {"cost", "seconds", "metres"}) {
        if (table.field_index(name)) {
            return name;
        }
    }
    throw Error(Errc::argument, "a matrix file needs a cost column named 'cost', 'seconds' or 'metres'", table.source().ref());
}

std::optional<CostUnit> unit_of(const std::string &field) {
    if (field == "seconds") {
        return CostUnit::seconds;
    }
    if (field == "metres") {
        return CostUnit::metres;
    }
    return std::nullopt;
}

/// One pair as read, with its data row for messages about repeats.
struct Pair {
    MatrixEntry entry;
    std::size_t row = 0;
};

} // namespace

MatrixFile read_matrix_file(const io::LayerSource &source, const std::vector<std::string> &origin_ids,
                            const std::vector<std::string> &destination_ids, const MatrixFileOptions &options) {
    const auto origins = index_of(origin_ids, "origin");
    const auto destinations = index_of(destination_ids, "destination");
    if (options.cutoff && (std::isnan(*options.cutoff) || *options.cutoff < 0.0)) {
        throw Error(Errc::argument, "a matrix file's cutoff must be >= 0, not " + number_text(*options.cutoff));
    }
    io::ReadOptions read;
    read.check_area = false;
    read.allow_empty = true;
    // The table has no geometry, so the working CRS is never used; any will do.
    const io::Layer table = io::read_layer(source, crs::WorkingCrs::british_national_grid(), read);
    const std::size_t origin_field = table.require_field("origin_id");
    const std::size_t destination_field = table.require_field("destination_id");
    const std::string cost_field = chosen_cost_field(table, options.cost_field);
    const std::size_t cost_index = table.require_field(cost_field);
    const std::optional<CostUnit> unit = unit_of(cost_field);
    // A `pooled matrix` file has both units: the one not used as the cost is kept as the other.
    std::optional<CostUnit> other_unit;
    std::size_t other_index = 0;
    if (unit) {
        const CostUnit other = *unit == CostUnit::seconds ? CostUnit::metres : CostUnit::seconds;
        if (const auto index = table.field_index(cost_unit_name(other))) {
            other_unit = other;
            other_index = *index;
        }
    }
    const double limit = options.cutoff.value_or(std::numeric_limits<double>::infinity());

    MatrixFile result{CostMatrix({}, {}, CostUnit::seconds, std::nullopt, std::nullopt, {}), cost_field, unit.has_value(), 0, 0};
    std::vector<std::vector<Pair>> rows(origin_ids.size());
    for (const io::Feature &feature : table.features()) {
        const std::size_t data_row = ++result.rows;
        const auto where = [&](std::size_t field) {
            return table.ref(feature.fid, table.fields()[field].name);
        };
        const auto id_index = [&](std::size_t field, const std::unordered_map<std::string, std::uint32_t> &index,
                                  const char *layer_side) {
            const std::string id(pooled::detail::trim(io::to_text(feature.values[field])));
            if (id.empty()) {
                throw Error(Errc::data, "data row " + std::to_string(data_row) + ": the id is empty", where(field));
            }
            const auto found = index.find(id);
            if (found == index.end()) {
                throw Error(Errc::data, "data row " + std::to_string(data_row) + ": id '" + id + "' is not among the " +
                                            layer_side + " layer's ids",
                            where(field));
            }
            return found->second;
        };
        const std::uint32_t o = id_index(origin_field, origins, "demand (origin)");
        const std::uint32_t d = id_index(destination_field, destinations, "supply (destination)");
        const std::optional<double> cost = io::to_number(feature.values[cost_index], where(cost_index));
        if (!cost) {
            ++result.empty_costs;
            continue;
        }
        if (!std::isfinite(*cost) || *cost < 0.0) {
            throw Error(Errc::data, "data row " + std::to_string(data_row) + ": the cost must be a finite number >= 0, not " +
                                        number_text(*cost),
                        where(cost_index));
        }
        if (*cost > limit) {
            continue;
        }
        MatrixEntry entry{d, *cost};
        if (other_unit) {
            entry.other = io::to_number(feature.values[other_index], where(other_index))
                              .value_or(std::numeric_limits<double>::quiet_NaN());
        }
        rows[o].push_back({entry, data_row});
    }
    std::vector<std::vector<MatrixEntry>> entries(rows.size());
    for (std::size_t o = 0; o < rows.size(); ++o) {
        auto &row = rows[o];
        std::stable_sort(row.begin(), row.end(),
                         [](const Pair &a, const Pair &b) { return a.entry.destination < b.entry.destination; });
        for (std::size_t k = 0; k < row.size(); ++k) {
            if (k > 0 && row[k].entry.destination == row[k - 1].entry.destination) {
                throw Error(Errc::data, "data row " + std::to_string(row[k].row) + ": the pair ('" + origin_ids[o] +
                                            "', '" + destination_ids[row[k].entry.destination] +
                                            "') is given twice (first in data row " + std::to_string(row[k - 1].row) + ")",
                            table.ref());
            }
            entries[o].push_back(row[k].entry);
        }
    }
    result.matrix = CostMatrix(origin_ids, destination_ids, unit.value_or(CostUnit::seconds), other_unit, options.cutoff,
                               std::move(entries));
    return result;
}

} // namespace pooled::network
