#include "support/catch.hpp"

#include <pooled/core/error.hpp>

TEST_CASE("error messages name the source parts that are set", "[core][error]") {
    const pooled::Error e(pooled::Errc::data, "population is not a number: 'n/a'",
                          {"zones.csv", "zones", 3, "pop"});
    CHECK(std::string(e.what()) ==
          "population is not a number: 'n/a' (zones.csv, layer 'zones', feature 3, field 'pop')");
    CHECK(e.code() == pooled::Errc::data);
    CHECK(e.where().feature.value() == 3);
    CHECK(e.problem() == "population is not a number: 'n/a'");

    const pooled::Error bare(pooled::Errc::io, "cannot open");
    CHECK(std::string(bare.what()) == "cannot open");

    const pooled::Error path_only(pooled::Errc::io, "cannot open", {"a.gpkg", {}, {}, {}});
    CHECK(std::string(path_only.what()) == "cannot open (a.gpkg)");
}
