#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/iris.hpp"

#include <pooled/core/error.hpp>
#include <pooled/core/progress.hpp>
#include <pooled/core/random.hpp>
#include <pooled/segmentation/data_matrix.hpp>
#include <pooled/segmentation/kmeans.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

using namespace pooled::segmentation;
using pooled::Errc;
using pooled::test::code_of;
using pooled::test::contains;
using pooled::test::message_of;

namespace {

/// A one-column matrix of the given values.
DataMatrix column(std::vector<double> values) {
    const std::size_t n = values.size();
    return DataMatrix(n, 1, std::move(values), {"x"});
}

KMeansOptions options_for(std::size_t k, KMeansAlgorithm algorithm = KMeansAlgorithm::hamerly) {
    KMeansOptions o;
    o.k = k;
    o.algorithm = algorithm;
    o.threads = 2;
    return o;
}

/// `rows` (DEFAULT 2,000) rows x 5 columns: 8 blobs (centres uniform in [0, 10)^5, spread
/// uniform +-1.5), seeded; more rows extend the same sequence.
DataMatrix blobs(std::size_t rows = 2000) {
    pooled::Rng rng(7);
    std::vector<double> centres(8 * 5);
    for (double &c : centres) {
        c = 10.0 * rng.uniform();
    }
    std::vector<double> values;
    for (std::size_t i = 0; i < rows; ++i) {
        const std::size_t blob = rng.below(8);
        for (std::size_t c = 0; c < 5; ++c) {
            values.push_back(centres[blob * 5 + c] + 3.0 * (rng.uniform() - 0.5));
        }
    }
    return DataMatrix(rows, 5, std::move(values));
}

/// Columns of add_near_tie_rows' rows.
constexpr std::size_t near_tie_columns = 12;

/// 300 mirrored pairs of rows (a, y) and (-a, y) (y: 11 values uniform in [0, 0.5)), seeded:
/// a near 1 for the first 200 pairs, below 2e-9 for the last 100 (rows 400 to 599). Appends
/// the rows to `values` and each row's first coordinate to `first_coordinate`.
void add_near_tie_rows(std::vector<double> &values, std::vector<double> &first_coordinate) {
    pooled::Rng rng(11);
    for (std::size_t pair = 0; pair < 300; ++pair) {
        const double a = pair < 200 ? 1.0 + 0.6 * (rng.uniform() - 0.5) : 1e-9 * (1.0 + rng.uniform());
        std::vector<double> y(near_tie_columns - 1);
        for (double &v : y) {
            v = 0.5 * rng.uniform();
        }
        for (const double sign : {1.0, -1.0}) {
            values.push_back(sign * a);
            values.insert(values.end(), y.begin(), y.end());
            first_coordinate.push_back(sign * a);
        }
    }
}

/// kmeans_from(start) on add_near_tie_rows' rows (and any after them) with plain Lloyd and with
/// Hamerly's float searches: the same labels, centres, trace and iterations. Without
/// Hartigan's transfers (which move tied rows on purpose), each near-tie row (400 to 599) goes
/// with the centre on its side: `positive` for a > 0, centre 0 (which must lie at a < 0)
/// otherwise. Returns Hamerly's result.
KMeansResult check_near_tie_labels(const DataMatrix &m, const std::vector<double> &start, bool hartigan,
                                   const std::vector<double> &first_coordinate, std::uint32_t positive) {
    KMeansOptions o = options_for(start.size() / m.cols, KMeansAlgorithm::lloyd);
    o.record_trace = true;
    o.hartigan = hartigan;
    const KMeansResult lloyd = kmeans_from(m, start, o);
    o.algorithm = KMeansAlgorithm::hamerly;
    KMeansResult fast = kmeans_from(m, start, o);
    CHECK(fast.labels == lloyd.labels);
    CHECK(fast.centres == lloyd.centres);
    CHECK(fast.trace == lloyd.trace);
    CHECK(fast.iterations == lloyd.iterations);
    if (!hartigan) {
        REQUIRE(fast.centres[0] < 0.0);
        for (std::size_t i = 400; i < 600; ++i) {
            CHECK(fast.labels[i] == (first_coordinate[i] > 0.0 ? positive : 0U));
        }
    }
    return fast;
}

/// kmeans(m, o) with plain Lloyd and with Hamerly's bounds (o's other options): the same
/// labels, centres and within-SS of every restart. Returns {Lloyd's result, Hamerly's}.
std::pair<KMeansResult, KMeansResult> check_hamerly_gives_lloyd(const DataMatrix &m, KMeansOptions o) {
    o.algorithm = KMeansAlgorithm::lloyd;
    KMeansResult lloyd = kmeans(m, o);
    o.algorithm = KMeansAlgorithm::hamerly;
    KMeansResult fast = kmeans(m, o);
    CHECK(fast.labels == lloyd.labels);
    CHECK(fast.centres == lloyd.centres);
    CHECK(fast.restart_within_ss == lloyd.restart_within_ss);
    return {std::move(lloyd), std::move(fast)};
}

/// Two results of the same computation: equal to the bit in everything they report.
void check_identical(const KMeansResult &a, const KMeansResult &b) {
    CHECK(a.labels == b.labels);
    CHECK(a.centres == b.centres);
    CHECK(a.within_ss == b.within_ss);
    CHECK(a.restart_within_ss == b.restart_within_ss);
    CHECK(a.trace == b.trace);
    CHECK(a.iterations == b.iterations);
    CHECK(a.best_restart == b.best_restart);
    CHECK(a.restarts_converged == b.restarts_converged);
    CHECK(a.distance_computations == b.distance_computations);
}

} // namespace

TEST_CASE("k-means: two hand-computed clusters", "[segmentation][kmeans]") {
    SECTION("two triangles") {
        // A = (0,0), (0,1), (1,0); B = A + (10,10). Centres (1/3, 1/3) and (31/3, 31/3); each
        // cluster's SS = (1/9 + 1/9) + (1/9 + 4/9) + (4/9 + 1/9) = 4/3, total 8/3. Equal sizes,
        // so A (the smaller centre) is cluster 0.
        const DataMatrix m(6, 2, {0, 0, 0, 1, 1, 0, 10, 10, 10, 11, 11, 10});
        const KMeansResult r = kmeans(m, options_for(2));
        CHECK(r.labels == std::vector<std::uint32_t>{0, 0, 0, 1, 1, 1});
        CHECK(r.sizes == std::vector<std::size_t>{3, 3});
        CHECK(r.centres[0] == Approx(1.0 / 3.0));
        CHECK(r.centres[1] == Approx(1.0 / 3.0));
        CHECK(r.centres[2] == Approx(31.0 / 3.0));
        CHECK(r.centres[3] == Approx(31.0 / 3.0));
        CHECK(r.within_ss == Approx(8.0 / 3.0));
        CHECK(r.within_ss_by_cluster[0] == Approx(4.0 / 3.0));
        CHECK(r.within_ss_by_cluster[1] == Approx(4.0 / 3.0));
        CHECK(r.converged);
    }
    SECTION("unequal sizes: the larger cluster comes first") {
        // {0,1,2,3}: mean 1.5, SS 2.25+0.25+0.25+2.25 = 5; {10,12}: mean 11, SS 2; total 7.
        // The next best split, {0,1,2} + {3,10,12}, costs 2 + 42.67.
        const KMeansResult r = kmeans(column({10, 0, 1, 12, 2, 3}), options_for(2));
        CHECK(r.labels == std::vector<std::uint32_t>{1, 0, 0, 1, 0, 0});
        CHECK(r.sizes == std::vector<std::size_t>{4, 2});
        CHECK(r.centres == std::vector<double>{1.5, 11.0});
        CHECK(r.within_ss == Approx(7.0));
    }
}

TEST_CASE("k-means: Lloyd iterations from a given start, by hand", "[segmentation][kmeans]") {
    // Points 0, 1, 5, 6, 7; start centres 0 and 1.
    //  it 1: {0} {1,5,6,7} -> centres 0, 4.75; SS = 0 + 3.75^2 + 0.25^2 + 1.25^2 + 2.25^2 = 20.75
    //  it 2: 1 is nearer 0 (1 < 3.75): {0,1} {5,6,7} -> centres 0.5, 6; SS = 0.25*2 + 1 + 0 + 1 = 2.5
    //  it 3: no label changes: converged after 3 assignment passes.
    const DataMatrix m = column({0, 1, 5, 6, 7});
    for (const KMeansAlgorithm algorithm : {KMeansAlgorithm::lloyd, KMeansAlgorithm::hamerly, KMeansAlgorithm::elkan}) {
        KMeansOptions o = options_for(2, algorithm);
        o.record_trace = true;
        const std::vector<double> start{0.0, 1.0};
        const KMeansResult r = kmeans_from(m, start, o);
        CHECK(r.labels == std::vector<std::uint32_t>{0, 0, 1, 1, 1});
        CHECK(r.centres == std::vector<double>{0.5, 6.0});
        CHECK(r.trace == std::vector<double>{20.75, 2.5});
        CHECK(r.within_ss == 2.5);
        CHECK(r.iterations == 3);
        CHECK(r.converged);
    }
}

TEST_CASE("k-means: an empty cluster takes the row farthest from its centre", "[segmentation][kmeans]") {
    // Points 0, 1, 2, 10; start centres 0 and 100: every row is nearer 0, cluster 1 is empty.
    // The row farthest from its centre (10, at distance 10) moves to it: {0,1,2} {10}, centres
    // 1 and 10, SS = 1 + 0 + 1 + 0 = 2; the next pass changes nothing.
    for (const KMeansAlgorithm algorithm : {KMeansAlgorithm::lloyd, KMeansAlgorithm::hamerly, KMeansAlgorithm::elkan}) {
        const std::vector<double> start{0.0, 100.0};
        const KMeansResult r = kmeans_from(column({0, 1, 2, 10}), start, options_for(2, algorithm));
        CHECK(r.labels == std::vector<std::uint32_t>{0, 0, 0, 1});
        CHECK(r.centres == std::vector<double>{1.0, 10.0});
        CHECK(r.within_ss == 2.0);
        CHECK(r.converged);
    }
}

TEST_CASE("k-means: Hartigan's transfers leave a Lloyd fixed point for a lower one", "[segmentation][kmeans]") {
    // Points 0, 1, 2, 3, 5; start centres 1.5 and 5: Lloyd assigns {0,1,2,3} {5} and stops
    // there (3 is 1.5 from 1.5 and 2 from 5); SS = 2.25 + 0.25 + 0.25 + 2.25 = 5.
    // Hartigan: moving 3 costs 4/3 x 2.25 = 3 to leave A and gains 1/2 x 4 = 2 in B: 2 < 3, so
    // it moves: {0,1,2} (mean 1, SS 2) {3,5} (mean 4, SS 2), total 4 = 5 - (3 - 2). Then 2
    // stays (3/2 x 1 = 1.5 < 2/3 x 4) and 3 stays (2 x 1 = 2 < 3/4 x 4 = 3).
    const DataMatrix m = column({0, 1, 2, 3, 5});
    const std::vector<double> start{1.5, 5.0};
    for (const KMeansAlgorithm algorithm : {KMeansAlgorithm::lloyd, KMeansAlgorithm::hamerly, KMeansAlgorithm::elkan}) {
        KMeansOptions o = options_for(2, algorithm);
        o.record_trace = true;
        o.hartigan = false;
        const KMeansResult lloyd = kmeans_from(m, start, o);
        CHECK(lloyd.labels == std::vector<std::uint32_t>{0, 0, 0, 0, 1});
        CHECK(lloyd.within_ss == 5.0);
        CHECK(lloyd.hartigan_moves == 0);
        o.hartigan = true;
        const KMeansResult refined = kmeans_from(m, start, o);
        CHECK(refined.labels == std::vector<std::uint32_t>{0, 0, 0, 1, 1});
        CHECK(refined.centres == std::vector<double>{1.0, 4.0});
        CHECK(refined.within_ss == 4.0);
        CHECK(refined.hartigan_moves == 1);
        CHECK(refined.trace == std::vector<double>{5.0, 4.0});
        // Still a Lloyd fixed point: every row is nearest its own centre.
        CHECK(assign_nearest(m, refined.centres, 2) == refined.labels);
    }
}

TEST_CASE("k-means: Hartigan's first pass skips rows on the bounds of Lloyd's last pass", "[segmentation][kmeans]") {
    // blobs() with k = 13: the best of 6 restarts has Hartigan move 26 rows (the expected
    // values of "whole fits give what they gave ...": pooled 2cf9b5d). Elkan keeps no single
    // lower bound per row, so its first Hartigan pass still scans every row: it is the
    // reference here. Hamerly's and plain Lloyd's runs end at a fixed point whose bounds skip
    // rows in that pass; a skipped row is one no scan would move, so all three move the same
    // rows and end with the same labels and centres.
    const DataMatrix m = blobs();
    const std::size_t k = 13;
    KMeansOptions o = options_for(k, KMeansAlgorithm::elkan);
    o.restarts = 6;
    const KMeansResult reference = kmeans(m, o);
    REQUIRE(reference.hartigan_moves == 26);
    for (const KMeansAlgorithm algorithm : {KMeansAlgorithm::lloyd, KMeansAlgorithm::hamerly}) {
        o.algorithm = algorithm;
        o.hartigan = false;
        const KMeansResult without = kmeans(m, o);
        o.hartigan = true;
        const KMeansResult with = kmeans(m, o);
        CHECK(with.labels == reference.labels);
        CHECK(with.centres == reference.centres);
        CHECK(with.restart_within_ss == reference.restart_within_ss);
        CHECK(with.hartigan_moves == reference.hartigan_moves);
        // Hartigan's distances in all 6 restarts: below what the first passes alone computed
        // when they scanned every row (rows x k each).
        CHECK(with.distance_computations - without.distance_computations < o.restarts * m.rows * k);
    }
}

TEST_CASE("k-means: Fisher's iris, k = 3", "[segmentation][kmeans][iris]") {
    // R's kmeans(iris[,1:4], 3, nstart = 100) and scikit-learn 1.2.1 (Debian 12)
    // KMeans(n_clusters=3, n_init=100, random_state=0).fit(X).inertia_ both give 78.851441426146,
    // sizes 62, 50, 38 (python3 script in choose_k_test.cpp).
    const auto iris = pooled::test::iris();
    const KMeansResult r = kmeans(iris.data, options_for(3));
    CHECK(r.within_ss == Approx(78.851441426146).epsilon(1e-12));
    CHECK(r.sizes == std::vector<std::size_t>{62, 50, 38});
    CHECK(r.converged);
    CHECK(r.restart_within_ss.size() == 100);
    CHECK(r.restart_within_ss[r.best_restart] == r.within_ss);
    CHECK(*std::min_element(r.restart_within_ss.begin(), r.restart_within_ss.end()) == r.within_ss);
    // The 50-row cluster is exactly the setosa flowers (species 0).
    for (std::size_t i = 0; i < 150; ++i) {
        CHECK((r.labels[i] == 1) == (iris.species[i] == 0));
    }
    double by_cluster = 0.0;
    for (const double s : r.within_ss_by_cluster) {
        by_cluster += s;
    }
    CHECK(by_cluster == Approx(r.within_ss));
    // Converged to a fixed point: every row is nearest its own centre.
    CHECK(assign_nearest(iris.data, r.centres, 3) == r.labels);
}

TEST_CASE("k-means: the same seed gives the same result on 1 and 2 threads", "[segmentation][kmeans]") {
    const DataMatrix m = blobs();
    KMeansOptions o = options_for(8);
    o.restarts = 12;
    o.threads = 1;
    const KMeansResult one = kmeans(m, o);
    o.threads = 2;
    check_identical(kmeans(m, o), one); // bit for bit
    // Another seed explores other starts.
    o.seed = 43;
    CHECK(kmeans(m, o).restart_within_ss != one.restart_within_ss);
}

TEST_CASE("k-means: restarts run side by side give the results they give alone", "[segmentation][kmeans]") {
    // 12 restarts: 12 threads run them one per worker, alone (the reference); 1 thread in
    // groups of 8 and 4, 2 threads 6 + 6, 5 threads 3 + 3 + 3 + 3 (a group's passes share
    // the reads of the rows). Every restart must end the same, to the bit.
    const DataMatrix m = blobs();
    for (const KMeansAlgorithm algorithm : {KMeansAlgorithm::hamerly, KMeansAlgorithm::elkan, KMeansAlgorithm::lloyd}) {
        KMeansOptions o = options_for(8, algorithm);
        o.restarts = 12;
        o.threads = 12;
        o.record_trace = true;
        const KMeansResult alone = kmeans(m, o);
        for (const unsigned threads : {1U, 2U, 5U}) {
            o.threads = threads;
            check_identical(kmeans(m, o), alone);
        }
    }
}

TEST_CASE("k-means: seeding a group of restarts in one pass gives each its own start", "[segmentation][kmeans]") {
    // One Lloyd pass after k-means++ seeding, so each restart's within-SS reflects its start.
    // Expected: restart_within_ss of the same fits by pooled 2cf9b5d (main before seeding was
    // grouped: each restart seeded alone, one pass over the rows per candidate), printed with
    // %.17g by a program linked against that build (the blobs() matrix, threads = 1).
    const DataMatrix m = blobs();
    const std::vector<std::pair<std::size_t, std::vector<double>>> expected{
        {2, {52267.266590278487, 49378.998996332368, 51155.036634495613, 51577.715834506816, 58892.162762152773,
             58934.775428436486}},
        {8, {8060.1373293590214, 8835.0916073262415, 9420.3600528588358, 8661.1997227038628, 7926.4980187395058,
             7548.7029916072906}},
        {13, {6941.5117790695967, 7167.3961700767877, 7297.9700895362375, 7031.1200823824938, 7051.6692162158806,
              7022.0701335362955}},
    };
    for (const auto &[k, within] : expected) {
        for (const unsigned threads : {1U, 6U}) { // one group of 6, or each restart alone
            KMeansOptions o = options_for(k, KMeansAlgorithm::lloyd);
            o.restarts = 6;
            o.threads = threads;
            o.max_iterations = 1;
            o.hartigan = false;
            const KMeansResult r = kmeans(m, o);
            REQUIRE(r.restart_within_ss.size() == within.size());
            for (std::size_t i = 0; i < within.size(); ++i) {
                CHECK(r.restart_within_ss[i] == Approx(within[i]).epsilon(1e-14));
            }
        }
    }
}

TEST_CASE("k-means: whole fits give what they gave before the float searches", "[segmentation][kmeans]") {
    // Default options (Hamerly, tolerance 0, Hartigan's transfers), 6 restarts of blobs().
    // Expected: pooled 2cf9b5d (searches in double, each restart seeded alone, Hartigan's bounds
    // widened by the drift of all centres), printed with %.17g by a program linked against that
    // build, threads = 1. k = 13 has Hartigan move rows in the best restart (26 moves).
    struct Expected {
        std::size_t k, best, moves, iterations;
        std::vector<double> within;
    };
    const std::vector<Expected> expected{
        {3, 4, 0, 6, {35139.441037931465, 35139.441037931443, 33658.379354414326, 33658.379354414326,
                      33658.379354414319, 35139.441037931443}},
        {8, 5, 0, 4, {7488.9697820992606, 7488.9697820992587, 8674.5354725218986, 7488.9697820992578,
                      7488.969782099256, 7488.9697820992542}},
        {13, 2, 26, 25, {6733.7586132305451, 6687.3950122990536, 6680.5852432939591, 6683.2907677223648,
                         6705.0981444303006, 6717.9112652820086}},
    };
    const DataMatrix m = blobs();
    for (const Expected &e : expected) {
        for (const unsigned threads : {1U, 6U}) {
            KMeansOptions o = options_for(e.k);
            o.restarts = 6;
            o.threads = threads;
            const KMeansResult r = kmeans(m, o);
            CHECK(r.best_restart == e.best);
            CHECK(r.hartigan_moves == e.moves);
            CHECK(r.iterations == e.iterations);
            REQUIRE(r.restart_within_ss.size() == e.within.size());
            for (std::size_t i = 0; i < e.within.size(); ++i) {
                CHECK(r.restart_within_ss[i] == Approx(e.within[i]).epsilon(1e-14));
            }
        }
    }
}

TEST_CASE("k-means: Hamerly's single-precision searches keep the double labels at near-ties", "[segmentation][kmeans]") {
    // Rows in mirrored pairs (a, y) and (-a, y), 12 columns, and two mirrored start centres
    // (-1, 0.25, ...) and (1, 0.25, ...). Both clusters then add up the same values in the same
    // order (one with coordinate 0 negated, which is exact), so their centres stay mirrored and
    // the bisector stays at coordinate 0 = 0. 100 pairs have |a| below 2e-9: in double, row
    // (a, y) is nearer the centre on a's side (squared distances differ by 4 a c0, c0 the
    // centre's coordinate 0, far above double rounding), while in float the two distances are
    // equal (a vanishes beside c0), so only the double re-check near ties gives those labels.
    const std::size_t d = near_tie_columns;
    std::vector<double> values;
    std::vector<double> first_coordinate;
    add_near_tie_rows(values, first_coordinate);
    const DataMatrix m(600, d, std::move(values));
    std::vector<double> start(2 * d, 0.25);
    start[0] = -1.0;
    start[d] = 1.0;
    for (const bool hartigan : {false, true}) {
        check_near_tie_labels(m, start, hartigan, first_coordinate, 1);
    }
}

TEST_CASE("k-means: Hamerly's searches give Lloyd's result for any k, in float or in double", "[segmentation][kmeans]") {
    // k = 1 to 13 covers one float block of 8 centres, two, and padding of 1 to 7. Scaling the
    // matrix by 2^41 (exact) puts values beyond the float path's limit (2^40), so the searches
    // run in double: the labels must not change, and the within-SS scales by exactly 2^82.
    const DataMatrix m = blobs();
    DataMatrix scaled = m;
    for (double &v : scaled.values) {
        v = std::ldexp(v, 41);
    }
    for (std::size_t k = 1; k <= 13; ++k) {
        KMeansOptions o = options_for(k);
        o.restarts = 2;
        const KMeansResult lloyd = check_hamerly_gives_lloyd(m, o).first;
        const KMeansResult in_double = kmeans(scaled, o);
        CHECK(in_double.labels == lloyd.labels);
        CHECK(in_double.within_ss == std::ldexp(lloyd.within_ss, 82));
    }
}

TEST_CASE("k-means: Hamerly's passes in blocks of rows give Lloyd's result across block boundaries", "[segmentation][kmeans]") {
    // Hamerly's passes test and visit 2,048 rows at a time; 6,500 rows make three full blocks
    // and a partial one. 3 restarts on 2 threads put 2 runs in one shared pass. The reference
    // is plain Lloyd from the same seeds (every row against every centre, every pass).
    const DataMatrix m = blobs(6500);
    for (const std::size_t k : {8U, 13U}) {
        for (const bool hartigan : {false, true}) {
            KMeansOptions o = options_for(k);
            o.restarts = 3;
            o.hartigan = hartigan;
            const auto [lloyd, fast] = check_hamerly_gives_lloyd(m, o);
            CHECK(fast.hartigan_moves == lloyd.hartigan_moves);
            CHECK(fast.distance_computations < lloyd.distance_computations);
        }
    }
}

TEST_CASE("k-means: a float tie between centres of two search blocks is decided in double", "[segmentation][kmeans]") {
    // The near-tie construction of the test above (mirrored rows (a, y) and (-a, y), 100 pairs
    // with |a| < 2e-9, mirrored centres) with k = 9: the two tied centres are 0 and 8, lane 0
    // of the float search's first and second block of 8 centres. Centres 1 to 7 sit on 7 far
    // groups of 3 equal rows each (coordinate 1 at 100, 200, ..., 700), which keep them. In
    // float the near-tie rows are as far from centre 0 as from 8, so the merged search must
    // report the second nearest distance equal to the nearest and leave the row to the double
    // re-check, which puts (a, y) with the centre on a's side (8 for a > 0).
    const std::size_t d = near_tie_columns;
    std::vector<double> values;
    std::vector<double> first_coordinate;
    add_near_tie_rows(values, first_coordinate);
    std::vector<double> start(9 * d, 0.25);
    start[0] = -1.0;
    start[8 * d] = 1.0;
    for (std::size_t group = 1; group <= 7; ++group) {
        std::vector<double> far(d, 0.0);
        far[1] = 100.0 * static_cast<double>(group);
        for (int copy = 0; copy < 3; ++copy) {
            values.insert(values.end(), far.begin(), far.end());
        }
        std::copy(far.begin(), far.end(), start.begin() + static_cast<std::ptrdiff_t>(group * d));
    }
    const DataMatrix m(600 + 21, d, std::move(values));
    const KMeansResult fast = check_near_tie_labels(m, start, false, first_coordinate, 8);
    for (std::size_t i = 600; i < 621; ++i) {
        CHECK(fast.labels[i] == 1 + (i - 600) / 3);
    }
}

TEST_CASE("k-means: the blocked distance kernel finds the nearest centre for any k", "[segmentation][kmeans]") {
    // The kernel works on blocks of 8 and 4 centres (k padded to a multiple of 4): k = 1 to 13
    // covers one block of 4, one of 8, 8 + 4, and padding of 1 to 3. Reference: each squared
    // distance summed over the coordinates in order, strictly smaller wins (ties: lower index).
    const DataMatrix m = blobs();
    for (std::size_t k = 1; k <= 13; ++k) {
        std::vector<double> centres(m.values.begin(), m.values.begin() + static_cast<std::ptrdiff_t>(k * m.cols));
        std::vector<std::uint32_t> expected(m.rows);
        for (std::size_t i = 0; i < m.rows; ++i) {
            double best = std::numeric_limits<double>::infinity();
            for (std::size_t c = 0; c < k; ++c) {
                double sum = 0.0;
                for (std::size_t j = 0; j < m.cols; ++j) {
                    const double e = m(i, j) - centres[c * m.cols + j];
                    sum += e * e;
                }
                if (sum < best) {
                    best = sum;
                    expected[i] = static_cast<std::uint32_t>(c);
                }
            }
        }
        CHECK(assign_nearest(m, centres, k) == expected);
    }
    // Ties across blocks: 9 one-coordinate centres, the row 4.5 is 0.5 from centre 2 (at 4) and
    // centre 8 (at 5), the row 9 sits on centre 6 (at 9) and centre 7 (also 9): the lower wins.
    const std::vector<double> nine{0, 2, 4, 6, 7, 8, 9, 9, 5};
    CHECK(assign_nearest(column({4.5, 9.0, 5.2}), nine, 9) == std::vector<std::uint32_t>{2, 6, 8});
}

TEST_CASE("k-means: Hamerly's and Elkan's bounds give Lloyd's result with fewer distances", "[segmentation][kmeans]") {
    // One restart each, same seed, so the same k-means++ start.
    const auto iris = pooled::test::iris();
    const DataMatrix blob_data = blobs();
    for (const DataMatrix *m : {&iris.data, &blob_data}) {
        for (const std::size_t k : {3U, 8U}) {
            KMeansOptions o = options_for(k, KMeansAlgorithm::lloyd);
            o.restarts = 1;
            o.record_trace = true;
            o.hartigan = false; // Lloyd's passes alone, to count their distances
            const KMeansResult lloyd = kmeans(*m, o);
            const std::uint64_t first_pass = m->rows * k;
            // Lloyd computes rows x k distances per pass.
            CHECK(lloyd.distance_computations == lloyd.iterations * first_pass);
            for (const KMeansAlgorithm bounded : {KMeansAlgorithm::hamerly, KMeansAlgorithm::elkan}) {
                o.algorithm = bounded;
                const KMeansResult fast = kmeans(*m, o);
                CHECK(fast.labels == lloyd.labels);
                CHECK(fast.centres == lloyd.centres);
                CHECK(fast.trace == lloyd.trace);
                CHECK(fast.iterations == lloyd.iterations);
                CHECK(fast.within_ss == lloyd.within_ss);
                // After the first pass (the same for all), fewer than half as many distances.
                CHECK(fast.distance_computations - first_pass < (lloyd.distance_computations - first_pass) / 2);
            }
        }
    }
}

TEST_CASE("k-means: the objective never rises between iterations", "[segmentation][kmeans]") {
    const auto iris = pooled::test::iris();
    const DataMatrix blob_data = blobs();
    for (const DataMatrix *m : {&iris.data, &blob_data}) {
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            KMeansOptions o = options_for(6);
            o.restarts = 1;
            o.seed = seed;
            o.record_trace = true;
            const KMeansResult r = kmeans(*m, o);
            REQUIRE(!r.trace.empty());
            for (std::size_t t = 1; t < r.trace.size(); ++t) {
                CHECK(r.trace[t] <= r.trace[t - 1] * (1.0 + 1e-12));
            }
            CHECK(r.within_ss <= r.trace.back() * (1.0 + 1e-12));
        }
    }
}

TEST_CASE("k-means: scikit-learn's tolerance rule", "[segmentation][kmeans]") {
    const auto iris = pooled::test::iris();
    KMeansOptions o = options_for(3);
    o.restarts = 20;
    o.tolerance = 1e-4;
    const KMeansResult loose = kmeans(iris.data, o);
    o.tolerance = 0.0;
    const KMeansResult strict = kmeans(iris.data, o);
    CHECK(loose.converged);
    CHECK(loose.iterations <= strict.iterations);
    CHECK(loose.within_ss >= strict.within_ss * (1.0 - 1e-12));
    CHECK(loose.within_ss == Approx(strict.within_ss).epsilon(1e-3));
}

TEST_CASE("k-means: assigning rows to saved centres", "[segmentation][kmeans]") {
    const DataMatrix m(3, 2, {0, 0, 5, 5, 9, 9});
    const std::vector<double> centres{10, 10, 0, 1};
    // (0,0): 200 vs 1; (5,5): 50 vs 41; (9,9): 2 vs 145.
    CHECK(assign_nearest(m, centres, 2) == std::vector<std::uint32_t>{1, 1, 0});
    // A tie goes to the lower index: 1 is 1 from both 0 and 2.
    const std::vector<double> tie{0, 2};
    CHECK(assign_nearest(column({1}), tie, 2) == std::vector<std::uint32_t>{0});
    CHECK(code_of([&] { assign_nearest(m, centres, 3); }) == Errc::argument);
    const std::vector<double> bad{0, std::nan(""), 1, 1};
    CHECK(code_of([&] { assign_nearest(m, bad, 2); }) == Errc::data);
}

TEST_CASE("k-means: bad input", "[segmentation][kmeans]") {
    const DataMatrix m = column({0, 1, 2});
    CHECK(code_of([&] { kmeans(m, options_for(0)); }) == Errc::argument);
    CHECK(message_of([&] { kmeans(m, options_for(4)); }) ==
          "k-means k = 4 exceeds the number of rows (3)");
    KMeansOptions o = options_for(2);
    o.restarts = 0;
    CHECK(code_of([&] { kmeans(m, o); }) == Errc::argument);
    o = options_for(2);
    o.max_iterations = 0;
    CHECK(code_of([&] { kmeans(m, o); }) == Errc::argument);
    o = options_for(2);
    o.tolerance = -1.0;
    CHECK(code_of([&] { kmeans(m, o); }) == Errc::argument);
    // Three rows but one distinct value: no two clusters.
    CHECK(message_of([&] { kmeans(column({4, 4, 4}), options_for(2)); }) ==
          "k-means k = 2 needs at least 2 distinct rows; the data has 1");
    const pooled::Error nan = pooled::test::error_of([&] { kmeans(column({0, std::nan(""), 2}), options_for(2)); });
    CHECK(nan.code() == Errc::data);
    CHECK(nan.where().field == "x");
    CHECK(std::string(nan.what()) == "value in row 2 is not finite: nan (field 'x')");
    CHECK(code_of([] { DataMatrix(2, 2, {1, 2, 3}); }) == Errc::argument);
    CHECK(code_of([] { DataMatrix(1, 2, {1, 2}, {"a"}); }) == Errc::argument);
    const std::vector<double> uneven{1, 2, 3};
    CHECK(code_of([&] { kmeans_from(DataMatrix(3, 2, {0, 0, 1, 1, 2, 2}), uneven, options_for(1)); }) ==
          Errc::argument);
}

TEST_CASE("k-means: distinct rows found however late they come", "[segmentation][kmeans]") {
    // 5,000 equal rows, then one other: two distinct rows, so k = 2 fits (one cluster is the
    // lone row, within-SS 0), and k = 3 is refused naming the 2.
    std::vector<double> values(5000, 1.0);
    values.push_back(2.0);
    const DataMatrix m = column(values);
    KMeansOptions o = options_for(2);
    o.restarts = 2;
    const KMeansResult r = kmeans(m, o);
    CHECK(r.sizes == std::vector<std::size_t>{5000, 1});
    CHECK(r.within_ss == 0.0);
    o.k = 3;
    CHECK(contains(message_of([&] { kmeans(m, o); }), "the data has 2"));
}

TEST_CASE("k-means: progress and cancelling", "[segmentation][kmeans]") {
    const auto iris = pooled::test::iris();
    std::vector<double> seen;
    const pooled::Progress progress([&](double f, std::string_view) {
        seen.push_back(f);
        return true;
    });
    KMeansOptions o = options_for(3);
    o.restarts = 10;
    kmeans(iris.data, o, progress);
    REQUIRE(!seen.empty());
    CHECK(seen.front() == 0.0);
    CHECK(seen.back() == 1.0);
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    const pooled::Progress cancel([](double f, std::string_view) { return f < 0.2; });
    CHECK(code_of([&] { kmeans(iris.data, o, cancel); }) == Errc::cancelled);
}
