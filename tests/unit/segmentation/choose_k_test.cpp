#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/iris.hpp"

#include <pooled/core/error.hpp>
#include <pooled/segmentation/choose_k.hpp>
#include <pooled/segmentation/data_matrix.hpp>

#include <cstdint>
#include <vector>

using namespace pooled::segmentation;
using pooled::Errc;
using pooled::test::code_of;

TEST_CASE("validity indices of a hand-computed clustering", "[segmentation][choose_k]") {
    // 1-D rows 0, 2 (cluster 0) and 10, 12 (cluster 1).
    // Silhouette: row 0: a = 2, b = (10 + 12) / 2 = 11, s = 9/11; row 2: a = 2, b = (8 + 10) / 2 = 9,
    //   s = 7/9; rows 10 and 12 mirror them: mean (9/11 + 7/9) / 2 = 79/99.
    // Calinski-Harabasz: means 1 and 11, overall 6; between = 2*25 + 2*25 = 100, within = 4 x 1;
    //   100 / (2 - 1) / (4 / (4 - 2)) = 50.
    // Davies-Bouldin: each cluster's mean distance to its centre is 1, centres 10 apart:
    //   (1 + 1) / 10 = 0.2 for both, mean 0.2.
    const DataMatrix m(4, 1, {0, 2, 10, 12});
    const std::vector<std::uint32_t> labels{0, 0, 1, 1};
    CHECK(silhouette_score(m, labels, 2) == Approx(79.0 / 99.0));
    CHECK(calinski_harabasz_score(m, labels, 2) == Approx(50.0));
    CHECK(davies_bouldin_score(m, labels, 2) == Approx(0.2));
    // An empty third cluster is left out of all three.
    CHECK(silhouette_score(m, labels, 3) == Approx(79.0 / 99.0));
    CHECK(calinski_harabasz_score(m, labels, 3) == Approx(50.0));
    CHECK(davies_bouldin_score(m, labels, 3) == Approx(0.2));
}

TEST_CASE("choosing k on iris agrees with scikit-learn", "[segmentation][choose_k][iris]") {
    // scikit-learn 1.2.1 (Debian 12 python3-sklearn), /usr/bin/python3:
    //   import numpy as np
    //   from sklearn.cluster import KMeans
    //   from sklearn.metrics import silhouette_score, calinski_harabasz_score, davies_bouldin_score
    //   X = np.loadtxt('testdata/iris/iris.csv', delimiter=',', skiprows=1)[:, :4]
    //   for k in range(2, 7):
    //       km = KMeans(n_clusters=k, n_init=100, random_state=0).fit(X)
    //       print(k, km.inertia_, sorted(np.bincount(km.labels_), reverse=True),
    //             silhouette_score(X, km.labels_), calinski_harabasz_score(X, km.labels_),
    //             davies_bouldin_score(X, km.labels_))
    // gave (k, inertia, sizes, silhouette, Calinski-Harabasz, Davies-Bouldin):
    //   2 152.3479517603579  [97, 53]                 0.6810461692117462  513.9245459802768  0.40429283717304215
    //   3 78.851441426146    [62, 50, 38]             0.5528190123564094  561.62775662962    0.6619715465007497
    //   4 57.22847321428572  [50, 40, 32, 28]         0.4980505049972871  530.7658081872851  0.7803069838811083
    //   5 46.446182051282065 [50, 39, 25, 24, 12]     0.4887488870931052  495.54148767768777 0.8059652120182749
    //   6 39.03998724608726  [39, 28, 25, 24, 22, 12] 0.36483400396700233 473.8506068330425  0.914157972653804
    struct Expected {
        std::size_t k;
        double within_ss;
        std::vector<std::size_t> sizes;
        double silhouette, calinski_harabasz, davies_bouldin;
    };
    const std::vector<Expected> expected{
        {2, 152.3479517603579, {97, 53}, 0.6810461692117462, 513.9245459802768, 0.40429283717304215},
        {3, 78.851441426146, {62, 50, 38}, 0.5528190123564094, 561.62775662962, 0.6619715465007497},
        {4, 57.22847321428572, {50, 40, 32, 28}, 0.4980505049972871, 530.7658081872851, 0.7803069838811083},
        {5, 46.446182051282065, {50, 39, 25, 24, 12}, 0.4887488870931052, 495.54148767768777, 0.8059652120182749},
        {6, 39.03998724608726, {39, 28, 25, 24, 22, 12}, 0.36483400396700233, 473.8506068330425, 0.914157972653804},
    };
    const auto iris = pooled::test::iris();
    ChooseKOptions o;
    o.k_min = 2;
    o.k_max = 6;
    o.silhouette_sample = 0; // every row, as silhouette_score(X, labels) above
    o.kmeans.threads = 2;
    const ChooseKTable table = choose_k(iris.data, o);
    CHECK(table.silhouette_sample_size == 150);
    REQUIRE(table.rows.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const ChooseKRow &row = table.rows[i];
        const Expected &e = expected[i];
        INFO("k = " << e.k);
        CHECK(row.k == e.k);
        CHECK(row.within_ss == Approx(e.within_ss).epsilon(1e-12));
        CHECK(row.sizes == e.sizes);
        CHECK(row.silhouette == Approx(e.silhouette).epsilon(1e-12));
        CHECK(row.calinski_harabasz == Approx(e.calinski_harabasz).epsilon(1e-12));
        CHECK(row.davies_bouldin == Approx(e.davies_bouldin).epsilon(1e-12));
        CHECK(row.converged);
    }
}

TEST_CASE("silhouette on a seeded sample", "[segmentation][choose_k][iris]") {
    const auto iris = pooled::test::iris();
    // The species as labels.
    std::vector<std::uint32_t> labels(iris.species.begin(), iris.species.end());
    const double all = silhouette_score(iris.data, labels, 3);
    CHECK(silhouette_score(iris.data, labels, 3, 150) == all);
    CHECK(silhouette_score(iris.data, labels, 3, 1000) == all);
    const double sample = silhouette_score(iris.data, labels, 3, 60, 7);
    CHECK(sample == silhouette_score(iris.data, labels, 3, 60, 7)); // same seed, same rows
    CHECK(sample != all);
    CHECK(sample != silhouette_score(iris.data, labels, 3, 60, 8));
    CHECK(sample > -1.0);
    CHECK(sample < 1.0);
}

TEST_CASE("validity indices: bad input", "[segmentation][choose_k]") {
    const DataMatrix m(4, 1, {0, 2, 10, 12});
    const std::vector<std::uint32_t> one_cluster{0, 0, 0, 0};
    const std::vector<std::uint32_t> too_high{0, 0, 1, 5};
    const std::vector<std::uint32_t> short_labels{0, 1};
    CHECK(code_of([&] { silhouette_score(m, one_cluster, 2); }) == Errc::argument);
    CHECK(code_of([&] { calinski_harabasz_score(m, one_cluster, 2); }) == Errc::argument);
    CHECK(code_of([&] { davies_bouldin_score(m, one_cluster, 2); }) == Errc::argument);
    CHECK(code_of([&] { silhouette_score(m, too_high, 2); }) == Errc::argument);
    CHECK(code_of([&] { calinski_harabasz_score(m, short_labels, 2); }) == Errc::argument);
    ChooseKOptions o;
    o.k_min = 1;
    CHECK(code_of([&] { choose_k(m, o); }) == Errc::argument);
    o.k_min = 3;
    o.k_max = 2;
    CHECK(code_of([&] { choose_k(m, o); }) == Errc::argument);
    o.k_max = 5;
    CHECK(code_of([&] { choose_k(m, o); }) == Errc::argument);
}
