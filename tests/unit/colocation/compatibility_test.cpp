// The co-location compatibility table: the shipped default, aliases, symmetry, and the errors
// of a user's file naming its line and field.

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/scratch.hpp"
#include "support/testdata_path.hpp"

#include <pooled/colocation/compatibility.hpp>


using namespace pooled::colocation;
using pooled::test::contains;
using pooled::test::error_of;

TEST_CASE("compatibility: the default table", "[colocation][compatibility]") {
    const CompatibilityTable &t = default_compatibility();
    // Rows of share/pooled/compatibility.csv: library,gp practice,yes; school,fire station,no;
    // gp practice,surgery,alias; police front desk,gp practice,no.
    CHECK(t.compatible("library", "gp practice"));
    CHECK(t.compatible("GP Practice", "Library")); // either order, any case
    CHECK(t.compatible("Surgery", "library"));    // an alias
    CHECK_FALSE(t.compatible("school", "fire station"));
    CHECK_FALSE(t.compatible("police front desk", "gp practice"));
    CHECK_FALSE(t.compatible("school", "school"));
    CHECK_FALSE(t.compatible("library", "bowling alley")); // unknown
    CHECK(t.canonical("  Children's   Centre ") == "children's centre");
    CHECK(t.canonical("family hub") == "children's centre");
    CHECK_FALSE(t.canonical("bowling alley"));
    CHECK(contains(t.reason("fire station", "school"), "operational yard"));
    // Every service the brief names is known.
    for (const char *s : {"library", "children's centre", "job centre", "advice centre", "gp practice", "health centre",
                          "community hall", "police front desk", "fire station", "school", "hospital", "council office"}) {
        CHECK(t.services().count(s) == 1);
    }
    // The shipped file and the built-in default are the same table.
    const CompatibilityTable shipped = read_compatibility(pooled::test::testdata("../share/pooled/compatibility.csv"));
    CHECK(shipped.services() == t.services());
}

TEST_CASE("compatibility: a user's table, pairs not listed are not compatible", "[colocation][compatibility]") {
    const auto t = CompatibilityTable::parse("# mine\nservice,other_service,rule,reason\nhub,depot,yes,shared yard, "
                                             "and parking\nhub,store,alias,\n",
                                             "mine.csv");
    CHECK(t.compatible("depot", "store"));
    CHECK(t.reason("depot", "hub") == "shared yard, and parking");
    CHECK_FALSE(t.compatible("hub", "hub"));
    CHECK(t.services() == std::set<std::string>{"depot", "hub"});
}

TEST_CASE("compatibility: file errors name the file, line and field", "[colocation][compatibility]") {
    const auto error = [](const std::string &text) {
        return error_of([&] { CompatibilityTable::parse(text, "table.csv"); });
    };
    const std::string header = "service,other_service,rule,reason\n";
    auto e = error("a,b,yes\n");
    CHECK(contains(e.what(), "line 1: expected the header"));
    CHECK(e.where().path == "table.csv");
    e = error(header + "# comment\nlibrary,gp,maybe,\n");
    CHECK(contains(e.what(), "line 3: unknown rule 'maybe'"));
    CHECK(e.where().field == "rule");
    CHECK(e.code() == pooled::Errc::data);
    e = error(header + "library,gp\n");
    CHECK(contains(e.what(), "line 2: expected service,other_service,rule"));
    CHECK(e.where().field == "rule");
    e = error(header + ",gp,yes\n");
    CHECK(e.where().field == "service");
    e = error(header + "a,b,alias\nb,c,alias\n");
    CHECK(contains(e.what(), "line 3: 'b' is itself an alias (line 2)"));
    e = error(header + "a,b,yes\nb,a,no\n");
    CHECK(contains(e.what(), "line 3: the pair ('a', 'b') is given as no here and as yes on line 2"));
    e = error(header + "a,x,alias\nb,x,alias\n");
    CHECK(contains(e.what(), "'x' is an alias of both 'a' and 'b'"));
    CHECK(contains(error("# only a comment\n").what(), "empty"));

    const pooled::test::Scratch scratch("compatibility");
    const std::string missing = scratch.write("bad.csv", header + "library,gp,perhaps\n") + ".none";
    e = error_of([&] { read_compatibility(missing); });
    CHECK(e.code() == pooled::Errc::io);
    CHECK(e.where().path == missing);
    const std::string bad = scratch.write("bad.csv", header + "library,gp,perhaps\n");
    e = error_of([&] { read_compatibility(bad); });
    CHECK(e.where().path == bad);
    CHECK(contains(e.what(), "line 2"));
}
