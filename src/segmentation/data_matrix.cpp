#include <pooled/core/error.hpp>
#include <pooled/segmentation/data_matrix.hpp>

#include "core/text.hpp"

#include <cmath>
#include <string>
#include <utility>

namespace pooled::segmentation {

namespace {
void check_shape(std::size_t rows, std::size_t cols, std::size_t values, std::size_t names) {
    // rows * cols may overflow only for absurd shapes; compare by division to be safe.
    if ((cols == 0 ? values != 0 : (values % cols != 0 || values / cols != rows))) {
        throw Error(Errc::argument, "data matrix of " + std::to_string(rows) + " x " + std::to_string(cols) +
                                        " holds " + std::to_string(values) + " values");
    }
    if (names != 0 && names != cols) {
        throw Error(Errc::argument, "data matrix has " + std::to_string(cols) + " columns but " +
                                        std::to_string(names) + " column names");
    }
}
} // namespace

DataMatrix::DataMatrix(std::size_t rows_, std::size_t cols_, std::vector<double> values_,
                       std::vector<std::string> column_names_)
    : rows(rows_), cols(cols_), values(std::move(values_)), column_names(std::move(column_names_)) {
    check_shape(rows, cols, values.size(), column_names.size());
}

std::string DataMatrix::column_name(std::size_t j) const {
    return j < column_names.size() ? column_names[j] : "column " + std::to_string(j + 1);
}

void DataMatrix::validate() const {
    check_shape(rows, cols, values.size(), column_names.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i])) {
            const std::size_t r = i / cols;
            SourceRef where;
            where.field = column_name(i % cols);
            throw Error(Errc::data,
                        "value in row " + std::to_string(r + 1) + " is not finite: " + detail::number_text(values[i]),
                        std::move(where));
        }
    }
}

DataMatrix select_rows(const DataMatrix &m, std::span<const std::size_t> which) {
    std::vector<double> values;
    values.reserve(which.size() * m.cols);
    for (const std::size_t i : which) {
        if (i >= m.rows) {
            throw Error(Errc::argument, "row " + std::to_string(i) + " is out of range: the matrix has " +
                                            std::to_string(m.rows) + " rows");
        }
        const auto r = m.row(i);
        values.insert(values.end(), r.begin(), r.end());
    }
    return DataMatrix(which.size(), m.cols, std::move(values), m.column_names);
}

} // namespace pooled::segmentation
