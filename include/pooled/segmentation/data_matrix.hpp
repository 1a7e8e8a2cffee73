#pragma once
/// @file
/// @brief The numeric matrix segmentation works on: one row per zone, one column per variable.

#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace pooled::segmentation {

/// A dense rows x cols matrix of doubles, row-major in one flat vector (row i is
/// values[i * cols, (i + 1) * cols)), with an optional name per column (for messages and
/// profiles). Values are what k-means clusters on: already transformed and standardised.
///
/// The members are public so that a caller can fill `values` in place; the algorithms call
/// validate() on entry, so a matrix edited into an inconsistent state is reported, not used.
struct POOLED_CXX_API DataMatrix {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<double> values;            ///< rows * cols, row-major
    std::vector<std::string> column_names; ///< empty, or one per column

    DataMatrix() = default;
    /// @throws Error (Errc::argument) if values.size() != rows * cols or column_names is
    /// neither empty nor of size cols.
    DataMatrix(std::size_t rows, std::size_t cols, std::vector<double> values,
               std::vector<std::string> column_names = {});

    std::span<const double> row(std::size_t i) const noexcept { return {values.data() + i * cols, cols}; }
    std::span<double> row(std::size_t i) noexcept { return {values.data() + i * cols, cols}; }
    double operator()(std::size_t i, std::size_t j) const noexcept { return values[i * cols + j]; }

    /// The name of column j, or "column <j+1>" when the matrix has no names.
    std::string column_name(std::size_t j) const;

    /// Checks the shape (as the constructor does) and that every value is finite.
    /// @throws Error (Errc::argument) for a bad shape; (Errc::data) for a NaN or infinite
    /// value, naming the row (1-based) and the column, e.g.
    /// `value in row 12 is not finite: nan (field 'pct_age_0_4')` (the column as SourceRef field).
    void validate() const;
};

/// The rows `which` of `m` (in that order), with m's column names. Indices must be < m.rows.
/// @throws Error (Errc::argument) for an index out of range.
POOLED_CXX_API DataMatrix select_rows(const DataMatrix &m, std::span<const std::size_t> which);

} // namespace pooled::segmentation
