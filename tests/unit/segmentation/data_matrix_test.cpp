#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/core/error.hpp>
#include <pooled/segmentation/data_matrix.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace pooled::segmentation;
using pooled::Errc;
using pooled::test::code_of;
using pooled::test::message_of;

TEST_CASE("data matrix: rows, names and a subset of rows", "[segmentation][data_matrix]") {
    const DataMatrix m(3, 2, {1, 2, 3, 4, 5, 6}, {"a", "b"});
    CHECK(m.row(1)[0] == 3.0);
    CHECK(m.row(1)[1] == 4.0);
    CHECK(m(2, 1) == 6.0);
    CHECK(m.column_name(1) == "b");
    CHECK(DataMatrix(1, 2, {0, 0}).column_name(1) == "column 2");
    const std::vector<std::size_t> which{2, 0, 2};
    const DataMatrix s = select_rows(m, which);
    CHECK(s.rows == 3);
    CHECK(s.values == std::vector<double>{5, 6, 1, 2, 5, 6});
    CHECK(s.column_names == m.column_names);
    const std::vector<std::size_t> bad{3};
    CHECK(message_of([&] { select_rows(m, bad); }) == "row 3 is out of range: the matrix has 3 rows");
}

TEST_CASE("data matrix: validation", "[segmentation][data_matrix]") {
    CHECK(message_of([] { DataMatrix(2, 2, {1, 2, 3}); }) == "data matrix of 2 x 2 holds 3 values");
    CHECK(message_of([] { DataMatrix(1, 2, {1, 2}, {"a"}); }) == "data matrix has 2 columns but 1 column names");
    DataMatrix m(2, 2, {1, 2, 3, 4}, {"a", "b"});
    m.values[3] = INFINITY;
    const pooled::Error e = pooled::test::error_of([&] { m.validate(); });
    CHECK(e.code() == Errc::data);
    CHECK(e.problem() == "value in row 2 is not finite: inf");
    CHECK(e.where().field == "b");
    m.values.pop_back(); // edited into a bad shape
    CHECK(code_of([&] { m.validate(); }) == Errc::argument);
}
