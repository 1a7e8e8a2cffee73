#include <pooled/report/palette.hpp>

#include "support/catch.hpp"

using namespace pooled::report;

TEST_CASE("hex writes #rrggbb in lower case", "[report][palette]") {
    CHECK(hex({0, 94, 184}) == "#005eb8");
    CHECK(hex({255, 255, 255}) == "#ffffff");
}

TEST_CASE("every organisation kind has its own colour", "[report][palette]") {
    using K = pooled::model::OrganisationKind;
    const K kinds[] = {K::council, K::nhs, K::police, K::fire, K::ambulance, K::central_government, K::education, K::other};
    for (std::size_t i = 0; i < std::size(kinds); ++i) {
        for (std::size_t j = i + 1; j < std::size(kinds); ++j) {
            CHECK_FALSE(organisation_colour(kinds[i]) == organisation_colour(kinds[j]));
        }
    }
    CHECK(hex(organisation_colour(K::nhs)) == "#005eb8"); // NHS Blue, Pantone 300
}

TEST_CASE("segment colours are ColorBrewer Set3 and repeat after 12", "[report][palette]") {
    CHECK(hex(segment_colour(0)) == "#8dd3c7"); // Set3 class 1 (colorbrewer2.org)
    CHECK(hex(segment_colour(11)) == "#ffed6f"); // Set3 class 12
    CHECK(segment_colour(12) == segment_colour(0));
}

TEST_CASE("ramps pick evenly from the 9-class schemes, ends included", "[report][palette]") {
    const auto three = sequential_ramp(3);
    REQUIRE(three.size() == 3);
    CHECK(hex(three[0]) == "#ffffd9"); // YlGnBu 9, lightest
    CHECK(hex(three[1]) == "#41b6c4"); // middle (5th of 9)
    CHECK(hex(three[2]) == "#081d58"); // darkest
    CHECK(sequential_ramp(1).size() == 3);
    CHECK(sequential_ramp(20).size() == 9);
    const auto five = diverging_ramp(5);
    REQUIRE(five.size() == 5);
    CHECK(hex(five[0]) == "#b2182b"); // RdBu 9 classes 1, 3, 5, 7, 9
    CHECK(hex(five[1]) == "#f4a582");
    CHECK(hex(five[2]) == "#f7f7f7");
    CHECK(hex(five[3]) == "#92c5de");
    CHECK(hex(five[4]) == "#2166ac");
}
