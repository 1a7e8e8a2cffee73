#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/core/error.hpp>
#include <pooled/network/cost_matrix.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <vector>

using pooled::Errc;
using pooled::network::CostMatrix;
using pooled::network::CostUnit;
using pooled::network::MatrixEntry;
using pooled::test::code_of;
using pooled::test::contains;
using pooled::test::message_of;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

CostMatrix matrix(std::vector<std::vector<MatrixEntry>> rows, std::optional<double> cutoff = std::nullopt) {
    std::vector<std::string> origins;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        origins.push_back("zone" + std::to_string(i));
    }
    return CostMatrix(origins, {"gp", "library", "pool"}, CostUnit::seconds, CostUnit::metres, cutoff,
                      std::move(rows));
}

} // namespace

TEST_CASE("a cost matrix sorts its rows and answers absent pairs with +inf", "[network][matrix]") {
    // zone0 reaches pool (120 s) and gp (60 s), given out of order; zone1 nothing; zone2 the library.
    const CostMatrix m = matrix({{{2, 120.0, 900.0}, {0, 60.0, 400.0}}, {}, {{1, 0.0, 0.0}}}, 600.0);
    CHECK(m.origin_count() == 3);
    CHECK(m.destination_count() == 3);
    CHECK(m.stored() == 3);
    CHECK(m.unit() == CostUnit::seconds);
    CHECK(m.other_unit() == CostUnit::metres);
    CHECK(m.cutoff() == 600.0);
    CHECK(m.origin_ids()[1] == "zone1");
    CHECK(m.destination_ids()[2] == "pool");

    const auto row = m.row(0);
    REQUIRE(row.size() == 2);
    CHECK(row[0].destination == 0);
    CHECK(row[0].cost == 60.0);
    CHECK(row[0].other == 400.0);
    CHECK(row[1].destination == 2);
    CHECK(row[1].cost == 120.0);
    CHECK(m.row(1).empty());

    CHECK(m.at(0, 0) == 60.0);
    CHECK(m.at(0, 1) == inf); // absent
    CHECK(m.at(0, 2) == 120.0);
    CHECK(m.at(1, 0) == inf);
    CHECK(m.at(2, 1) == 0.0);
    CHECK(code_of([&] { (void)m.at(3, 0); }) == Errc::argument);
    CHECK(code_of([&] { (void)m.at(0, 3); }) == Errc::argument);
    CHECK(code_of([&] { (void)m.row(3); }) == Errc::argument);

    CHECK(std::string(pooled::network::cost_unit_name(CostUnit::seconds)) == "seconds");
    CHECK(std::string(pooled::network::cost_unit_name(CostUnit::metres)) == "metres");
}

TEST_CASE("a matrix row is a view of the matrix's arrays, read as MatrixEntry values", "[network][matrix]") {
    static_assert(std::random_access_iterator<pooled::network::MatrixRow::iterator>);
    const CostMatrix m = matrix({{{2, 120.0, 900.0}, {0, 60.0, 400.0}, {1, 90.0, 650.0}}, {}, {{1, 5.0, 7.0}}});
    const pooled::network::MatrixRow row = m.row(0);
    // The arrays, sorted by destination; each row's begin where the previous row's end.
    CHECK(std::vector<std::uint32_t>(row.destinations().begin(), row.destinations().end()) ==
          std::vector<std::uint32_t>{0, 1, 2});
    CHECK(std::vector<double>(row.costs().begin(), row.costs().end()) == std::vector<double>{60.0, 90.0, 120.0});
    CHECK(m.row(2).costs().data() == row.costs().data() + 3);
    CHECK(row.front().cost == 60.0);
    CHECK(row.back().other == 900.0);
    // Iterators: random access, usable by the standard algorithms, valid after row() is gone.
    const auto it = std::lower_bound(m.row(0).begin(), m.row(0).end(), 1U,
                                     [](const MatrixEntry &e, std::uint32_t d) { return e.destination < d; });
    CHECK(it->cost == 90.0);
    CHECK((it + 1)->other == 900.0);
    CHECK(it[-1].destination == 0);
    CHECK(it - row.begin() == 1);
    CHECK(std::distance(row.begin(), row.end()) == 3);
    std::vector<MatrixEntry> copied(row.begin(), row.end());
    REQUIRE(copied.size() == 3);
    CHECK(copied[2].destination == 2);
    double total = 0.0;
    for (const MatrixEntry &e : row) {
        total += e.other;
    }
    CHECK(total == 1950.0); // 400 + 650 + 900

    // A matrix no pair of which has an other measure stores none: other reads NaN.
    const CostMatrix plain({"a"}, {"x", "y"}, CostUnit::metres, std::nullopt, std::nullopt, {{{1, 3.0}, {0, 4.0}}});
    CHECK(std::isnan(plain.row(0)[0].other));
    CHECK(std::isnan(plain.row(0).back().other));
    CHECK(plain.row(0)[1].cost == 3.0);
}

TEST_CASE("a cost matrix rejects bad entries", "[network][matrix]") {
    // A cost exactly at the cutoff is stored (inclusive).
    CHECK(matrix({{{1, 600.0}}}, 600.0).at(0, 1) == 600.0);

    const auto rejects = [](std::vector<std::vector<MatrixEntry>> rows, const std::string &part,
                            std::optional<double> cutoff = std::nullopt) {
        const auto make = [&] { (void)matrix(rows, cutoff); };
        CHECK(code_of(make) == Errc::argument);
        const std::string message = message_of(make);
        INFO(message);
        CHECK(contains(message, part));
    };
    rejects({{{3, 1.0}}}, "destination index 3 is out of range (3 destinations)");
    rejects({{}, {{1, 1.0}, {0, 2.0}, {1, 3.0}}}, "origin 'zone1': destination 'library' is given twice");
    rejects({{{0, -1.0}}}, "has cost -1");
    rejects({{{0, std::nan("")}}}, "has cost nan");
    rejects({{{0, inf}}}, "has cost inf");
    rejects({{{0, 601.0}}}, "beyond the cutoff 600", 600.0);
    rejects({{{0, 1.0, -5.0}}}, "negative other measure -5");
    rejects({{}}, "cutoff", -1.0);

    CHECK(code_of([] {
              (void)CostMatrix({"a", "b"}, {"x"}, CostUnit::metres, std::nullopt, std::nullopt, {{}});
          }) == Errc::argument); // two origins, one row
}
