#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/segmentation/variables.hpp>

using namespace pooled;
using namespace pooled::segmentation;
using pooled::test::contains;

TEST_CASE("a variable spec reads numerators joined by +, an empty denominator and comments", "[segmentation][spec]") {
    const auto spec = parse_variable_spec("# a comment\n"
                                          "name,numerator,denominator\n"
                                          "\n"
                                          "flats, ts0440005 + ts0440006 ,ts0440001\n"
                                          "density,ts0060001,\n"
                                          "owned,ts0540002,ts0440001\n",
                                          "spec.csv");
    REQUIRE(spec.variables.size() == 3);
    CHECK(spec.variables[0].name == "flats");
    CHECK(spec.variables[0].numerator == std::vector<std::string>{"ts0440005", "ts0440006"});
    CHECK(spec.variables[0].denominator == "ts0440001");
    CHECK(spec.variables[0].line == 4);
    CHECK(spec.variables[0].describe() == "variable spec, line 4 (variable 'flats')");
    CHECK(Variable{"x", {"a"}, "", 0}.describe() == "variable 'x'");
    CHECK(spec.variables[1].denominator.empty());
    CHECK(spec.names() == std::vector<std::string>{"flats", "density", "owned"});
    // Each column once, in order of first use (ts0440001 is shared).
    CHECK(spec.columns() ==
          std::vector<std::string>{"ts0440005", "ts0440006", "ts0440001", "ts0060001", "ts0540002"});
}

TEST_CASE("a bad variable spec names the file and line", "[segmentation][spec]") {
    CHECK(contains(test::message_of([] { parse_variable_spec("name,num,den\n", "s.csv"); }),
                   "line 1: the header must be 'name,numerator,denominator'"));
    CHECK(contains(test::message_of([] { parse_variable_spec("name,numerator,denominator\na,x\n", "s.csv"); }),
                   "line 2: expected 3 fields"));
    CHECK(contains(test::message_of([] { parse_variable_spec("name,numerator,denominator\na,x++y,z\n", "s.csv"); }),
                   "empty column in numerator 'x++y'"));
    const auto twice = test::error_of([] { parse_variable_spec("name,numerator,denominator\na,x,\na,y,\n", "s.csv"); });
    CHECK(twice.code() == Errc::data);
    CHECK(contains(twice.what(), "line 3: variable 'a' is defined twice"));
    CHECK(twice.where().path == "s.csv");
    CHECK(contains(test::message_of([] { parse_variable_spec("name,numerator,denominator\n", "s.csv"); }),
                   "no variables"));
    CHECK(test::code_of([] { read_variable_spec("/nonexistent/spec.csv"); }) == Errc::io);
}

TEST_CASE("a spec column missing from the zones names the spec line, the column and a close one",
          "[segmentation][spec]") {
    const auto spec = parse_variable_spec("name,numerator,denominator\nowned,ts0540002,ts0540001\nflats,ts044005,ts0440001\n",
                                          "oac.csv");
    const auto e = test::error_of([&] {
        check_columns(spec, {"ts0540001", "ts0540002", "ts0440001", "ts0440005"}, "zones.gpkg:oa21_pwc");
    });
    CHECK(e.code() == Errc::argument);
    CHECK(e.where().path == "oac.csv");
    CHECK(e.where().field == "ts044005");
    CHECK(contains(e.what(), "line 3 (variable 'flats'): no column 'ts044005' in zones.gpkg:oa21_pwc"));
    CHECK(contains(e.what(), "did you mean 'ts0440005'?"));
    CHECK_NOTHROW(check_columns(spec, {"ts0540001", "ts0540002", "ts0440001", "ts044005"}, "z"));
}
