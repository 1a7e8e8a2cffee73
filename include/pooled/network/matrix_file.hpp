#pragma once
/// @file
/// @brief Reading a cost matrix from a file: a long table of origin id, destination id and cost,
/// as a user brings it (`origin_id,destination_id,cost`) or as `pooled matrix` writes it
/// (`origin_id,destination_id,seconds,metres`, CSV or GeoPackage), mapped onto the ids of the
/// layers the analysis uses.

#include <pooled/io/layer.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace pooled::network {

/// How to read a matrix file.
struct MatrixFileOptions {
    /// The column of costs. DEFAULT: empty = `cost` if the table has one, else `seconds`, else
    /// `metres` (a `pooled matrix` file has both; seconds are then the cost and metres the other).
    std::string cost_field;
    /// Keep only pairs with cost <= cutoff (in the file's unit). DEFAULT: none.
    std::optional<double> cutoff;
};

/// A matrix read from a file.
struct MatrixFile {
    CostMatrix matrix;
    /// The column the costs came from.
    std::string cost_field;
    /// Whether the costs' unit is known: true for `seconds` and `metres` columns; false for a
    /// `cost` column (or another named one), whose unit is the user's (the matrix then says
    /// seconds, nominally, and cutoffs must be plain numbers in that unit).
    bool unit_known = false;
    /// Rows read, and rows with an empty cost (unreachable pairs, not stored).
    std::size_t rows = 0;
    std::size_t empty_costs = 0;
};

/// Reads a long cost table whose origins are `origin_ids` (e.g. the demand layer's ids, in its
/// order) and destinations `destination_ids` (the supply layer's). The table needs columns
/// `origin_id` and `destination_id` (text or whole numbers) and the cost column. Pairs the file
/// leaves out are unreachable (+inf); an empty cost is unreachable too.
/// @throws Error (Errc::io) when the file cannot be read; (Errc::data) naming the file, the data
///         row (1 = the first after the header) and the field for an id that is not among
///         `origin_ids` / `destination_ids`, an empty id, a cost that is not a number, negative or
///         infinite, and a pair given twice; (Errc::argument) for a missing column, or repeated
///         ids in `origin_ids` / `destination_ids`.
POOLED_CXX_API MatrixFile read_matrix_file(const io::LayerSource &source, const std::vector<std::string> &origin_ids,
                                           const std::vector<std::string> &destination_ids,
                                           const MatrixFileOptions &options = {});

} // namespace pooled::network
