#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/accessibility/equity.hpp>
#include <pooled/core/error.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace pooled::accessibility;
using pooled::Errc;
using pooled::test::code_of;
using pooled::test::contains;
using pooled::test::message_of;

namespace {
// Eight zones, 1,000 people. Expected values from numpy 1.24 / scipy 1.10 on the zones expanded to
// individual people, with the textbook person-level definitions (script, run with /usr/bin/python3):
//   import numpy as np; from scipy.stats import rankdata
//   x = np.array([0.0, 1.5, 0.4, 2.0, 0.9, 0.4, 3.1, 1.2]); w = np.array([120, 80, 200, 50, 150, 100, 40, 260])
//   rank = np.array([1, 3, 1, 7, 5, 2, 9, 5])
//   p = np.repeat(x, w); r_by = np.repeat(rank, w); n = p.size; mu = p.mean()
//   gini = np.abs(p[:, None] - p[None, :]).sum() / (2 * n * n * mu)
//   s = np.sort(p); palma = s[int(0.9 * n):].sum() / s[:int(0.4 * n)].sum()
//   q = p / mu; theil = np.mean(np.where(q > 0, q * np.log(np.where(q > 0, q, 1)), 0))
//   fr = (rankdata(r_by, method='average') - 0.5) / n; ci = 2 * np.mean((p - mu) * (fr - fr.mean())) / mu
// gives mu 0.911, gini 0.3985620197585069, palma 2.1339285714285716, theil 0.302839342353221,
// ci 0.3456750823271131 (and ranking by x itself, 0.3985620197585071 = the Gini).
const std::vector<double> x = {0.0, 1.5, 0.4, 2.0, 0.9, 0.4, 3.1, 1.2};
const std::vector<double> w = {120, 80, 200, 50, 150, 100, 40, 260};
const std::vector<double> decile = {1, 3, 1, 7, 5, 2, 9, 5};
} // namespace

TEST_CASE("equity indices of a population-weighted measure agree with numpy", "[accessibility][equity]") {
    CHECK(gini(x, w) == Approx(0.3985620197585069).epsilon(1e-12));
    CHECK(palma_ratio(x, w) == Approx(2.1339285714285716).epsilon(1e-12));
    CHECK(theil_index(x, w) == Approx(0.302839342353221).epsilon(1e-12));
    CHECK(concentration_index(x, w, decile) == Approx(0.3456750823271131).epsilon(1e-12));
    CHECK(concentration_index(x, w, x) == Approx(gini(x, w)).epsilon(1e-12));
    const Inequality all = inequality(x, w, std::span<const double>(decile));
    CHECK(all.zones == 8);
    CHECK(all.weight == 1000.0);
    CHECK(all.mean == Approx(0.911).epsilon(1e-12));
    CHECK(all.minimum == 0.0);
    CHECK(all.maximum == 3.1);
    CHECK(all.gini == Approx(0.3985620197585069).epsilon(1e-12));
    CHECK(all.concentration == Approx(0.3456750823271131).epsilon(1e-12));
    CHECK(std::isnan(inequality(x, w).concentration));
}

TEST_CASE("equity indices: equality, one zone with everything, the Palma split inside a zone", "[accessibility][equity]") {
    // Everybody the same: Gini 0, Theil 0, Palma = 10% / 40% = 0.25, concentration 0.
    const std::vector<double> same = {2, 2, 2}, pop = {10, 30, 60};
    CHECK(gini(same, pop) == Approx(0.0).margin(1e-15));
    CHECK(theil_index(same, pop) == Approx(0.0).margin(1e-15));
    CHECK(palma_ratio(same, pop) == Approx(0.25));
    CHECK(concentration_index(same, pop, std::vector<double>{3, 1, 2}) == Approx(0.0).margin(1e-15));
    // Zone 0 (10 of 100 people) has everything: Gini = 1 - 10/100 = 0.9 (sum w_i w_j |x_i - x_j| = 2 * 10 * 90 * 5,
    // over 2 W^2 mu = 2 * 10000 * 0.5); Theil = ln(100 / 10) = 2.302585; the bottom 40% have nothing: Palma +inf.
    const std::vector<double> one = {5, 0, 0};
    CHECK(gini(one, pop) == Approx(0.9));
    CHECK(theil_index(one, pop) == Approx(std::log(10.0)));
    CHECK(std::isinf(palma_ratio(one, pop)));
    // Two zones of 50 people with 1 and 3: the bottom 40% are 40 people of the first (40 of 200 = 0.2),
    // the top 10% are 10 people of the second (30 of 200 = 0.15): Palma 0.75.
    CHECK(palma_ratio(std::vector<double>{3, 1}, std::vector<double>{50, 50}) == Approx(0.75));
    // Concentrated among the low ranked (rank 1 = most deprived has the most): negative index.
    CHECK(concentration_index(std::vector<double>{3, 1}, std::vector<double>{50, 50}, std::vector<double>{1, 2}) < 0.0);
    // Nobody has anything: undefined, NaN.
    CHECK(std::isnan(gini(std::vector<double>{0, 0}, std::vector<double>{1, 1})));
}

TEST_CASE("summaries by a grouping column, in numeric order of decile names", "[accessibility][equity]") {
    const std::vector<std::string> groups = {"1", "3", "1", "10", "5", "2", "10", "5"};
    const std::vector<GroupSummary> s = summarise_by(x, w, groups);
    REQUIRE(s.size() == 5);
    CHECK(s[0].group == "1");
    CHECK(s[1].group == "2");
    CHECK(s[4].group == "10"); // numeric order, not "1", "10", "2"
    // Decile 1: zones 0 and 2, x = 0 and 0.4 with 120 and 200 people: mean 80 / 320 = 0.25.
    CHECK(s[0].within.zones == 2);
    CHECK(s[0].within.weight == 320.0);
    CHECK(s[0].within.mean == Approx(0.25));
    // Its share of the total: 80 of sum w x = 911.
    CHECK(s[0].share_of_total == Approx(80.0 / 911.0));
    // Gini within decile 1: 2 * 120 * 200 * 0.4 / (2 * 320^2 * 0.25) = 19200 / 51200 = 0.375.
    CHECK(s[0].within.gini == Approx(0.375));
    double shares = 0.0;
    for (const GroupSummary &g : s) {
        shares += g.share_of_total;
    }
    CHECK(shares == Approx(1.0));
    // Names that are not all numbers sort by bytes.
    const auto named = summarise_by(std::vector<double>{1, 2}, std::vector<double>{1, 1}, std::vector<std::string>{"urban", "rural"});
    CHECK(named[0].group == "rural");
    // A group of no people has NaN indices, not an error.
    const auto empty = summarise_by(std::vector<double>{1, 2}, std::vector<double>{0, 1}, std::vector<std::string>{"a", "b"});
    CHECK(std::isnan(empty[0].within.mean));
}

TEST_CASE("equity indices refuse bad input, naming the zone", "[accessibility][equity]") {
    const double inf = std::numeric_limits<double>::infinity();
    CHECK(code_of([] { gini(std::vector<double>{1, 2}, std::vector<double>{1}); }) == Errc::argument);
    CHECK(code_of([] { gini(std::vector<double>{}, std::vector<double>{}); }) == Errc::argument);
    CHECK(contains(message_of([&] { gini(std::vector<double>{1, inf}, std::vector<double>{1, 1}); }),
                   "the value of zone 1 is inf"));
    CHECK(contains(message_of([] { theil_index(std::vector<double>{1, 2}, std::vector<double>{-3, 1}); }),
                   "the weight of zone 0 is -3"));
    CHECK(code_of([] { palma_ratio(std::vector<double>{1, 2}, std::vector<double>{0, 0}); }) == Errc::data);
    CHECK(code_of([] { concentration_index(std::vector<double>{1, 2}, std::vector<double>{1, 1}, std::vector<double>{1}); }) ==
          Errc::argument);
}
