#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/accessibility/decay.hpp>
#include <pooled/core/error.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <variant>
#include <vector>

using namespace pooled::accessibility;
using pooled::Errc;
using pooled::test::code_of;
using pooled::test::contains;
using pooled::test::message_of;

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();
} // namespace

TEST_CASE("decay weights follow their formulas", "[accessibility][decay]") {
    // Step: inclusive cutoff.
    CHECK(weight(Step(20), 0) == 1.0);
    CHECK(weight(Step(20), 20) == 1.0);
    CHECK(weight(Step(20), 20.0001) == 0.0);

    // Stepped (E2SFCA bands of Luo and Qi 2009): upper bounds inclusive, 0 beyond the last.
    const Decay bands = Stepped({{10, 1.0}, {20, 0.68}, {30, 0.22}});
    CHECK(weight(bands, 0) == 1.0);
    CHECK(weight(bands, 10) == 1.0);
    CHECK(weight(bands, 10.5) == 0.68);
    CHECK(weight(bands, 30) == 0.22);
    CHECK(weight(bands, 31) == 0.0);

    // Linear: 1 - c/30; 1 - 12/30 = 0.6; 0 at and beyond the cutoff.
    CHECK(weight(Linear(30), 12) == Approx(0.6));
    CHECK(weight(Linear(30), 30) == 0.0);
    CHECK(weight(Linear(30), 45) == 0.0);

    // Exponential: exp(-0.1 * 10) = exp(-1) = 0.36787944...
    CHECK(weight(Exponential(0.1), 10) == Approx(0.36787944117144233));
    CHECK(weight(Exponential(0.0), 1e9) == 1.0);

    // Power: c^-1 for c >= 1 (1/40 = 0.025, 1/1 = 1), capped at 1 below 1 (no +inf at c = 0);
    // c^-2 at 4 = 1/16 = 0.0625.
    CHECK(weight(Power(1), 40) == 0.025);
    CHECK(weight(Power(1), 1) == 1.0);
    CHECK(weight(Power(1), 0) == 1.0);
    CHECK(weight(Power(1), 0.5) == 1.0);
    CHECK(weight(Power(2), 4) == 0.0625);

    // Gaussian: exp(-(10/10)^2 / 2) = exp(-0.5) = 0.60653065...
    CHECK(weight(Gaussian(10), 0) == 1.0);
    CHECK(weight(Gaussian(10), 10) == Approx(0.6065306597126334));

    // Logistic: 0.5 at the midpoint; at 24 with steepness 0.5: 1 / (1 + exp(2)) = 1 / 8.389056 = 0.11920292...
    CHECK(weight(Logistic(20, 0.5), 20) == 0.5);
    CHECK(weight(Logistic(20, 0.5), 24) == Approx(0.11920292202211755));
}

TEST_CASE("every decay gives 0 for an unreachable pair and refuses a bad cost", "[accessibility][decay]") {
    const std::vector<Decay> decays = {Step(20),         Stepped({{10, 1.0}}), Linear(30), Exponential(0.0),
                                       Exponential(0.1), Power(1),             Gaussian(5), Logistic(20, 0.5)};
    for (const Decay &d : decays) {
        INFO(decay_text(d));
        CHECK(weight(d, inf) == 0.0);
        CHECK(code_of([&] { weight(d, -1.0); }) == Errc::argument);
        CHECK(code_of([&] { weight(d, not_a_number); }) == Errc::argument);
    }
}

TEST_CASE("decay constructors validate their parameters", "[accessibility][decay]") {
    CHECK(code_of([] { (void)Step(-1); }) == Errc::argument);
    CHECK(code_of([] { (void)Step(not_a_number); }) == Errc::argument);
    CHECK(code_of([] { (void)Step(inf); }) == Errc::argument);
    CHECK(code_of([] { (void)Linear(0); }) == Errc::argument);
    CHECK(code_of([] { (void)Exponential(-0.1); }) == Errc::argument);
    CHECK(code_of([] { (void)Power(0); }) == Errc::argument);
    CHECK(code_of([] { (void)Power(not_a_number); }) == Errc::argument);
    CHECK(code_of([] { (void)Gaussian(-5); }) == Errc::argument);
    CHECK(code_of([] { (void)Logistic(-1, 0.5); }) == Errc::argument);
    CHECK(code_of([] { (void)Logistic(20, 0); }) == Errc::argument);
    CHECK(code_of([] { (void)Stepped({}); }) == Errc::argument);
    CHECK(code_of([] { (void)Stepped({{10, 1.5}}); }) == Errc::argument);
    CHECK(code_of([] { (void)Stepped({{10, -0.1}}); }) == Errc::argument);
    CHECK(code_of([] { (void)Stepped({{-1, 1}}); }) == Errc::argument);
    const std::string unsorted = message_of([] { (void)Stepped({{20, 1.0}, {10, 0.5}}); });
    CHECK(contains(unsorted, "band 2 upper bound 10 is not above the previous band's 20"));
    CHECK(code_of([] { (void)Stepped({{10, 1.0}, {10, 0.5}}); }) == Errc::argument);
    // Found by fuzz/decay_fuzz.cpp (input in testdata/bad/fuzz/decay/): weights rising with
    // the cost were accepted, so a farther site weighed more (w(60) = 0.24 > w(15) = 0).
    const std::string rising = message_of([] { (void)parse_decay("stepped:10=0,20=0.,8630=0.24"); });
    CHECK(contains(rising, "band 3 weight 0.24 is above the previous band's 0"));
    CHECK_NOTHROW(Stepped({{10, 1.0}, {20, 1.0}, {30, 0.0}})); // equal weights are fine
    CHECK(contains(message_of([] { (void)Exponential(-0.1); }), "exponential decay beta must be a finite number >= 0, not -0.1"));
}

TEST_CASE("decays parse from the CLI's text forms and print back", "[accessibility][decay]") {
    CHECK(std::get<Exponential>(parse_decay("exponential:0.1")).beta() == 0.1);
    CHECK(std::get<Power>(parse_decay("power:1")).exponent() == 1.0);
    CHECK(std::get<Step>(parse_decay("step:20")).cutoff() == 20.0);
    CHECK(std::get<Step>(parse_decay("  STEP : 20 ")).cutoff() == 20.0);
    CHECK(std::get<Linear>(parse_decay("linear:30")).cutoff() == 30.0);
    CHECK(std::get<Gaussian>(parse_decay("gaussian:15")).bandwidth() == 15.0);
    const Logistic logistic = std::get<Logistic>(parse_decay("logistic:20,0.5"));
    CHECK(logistic.midpoint() == 20.0);
    CHECK(logistic.steepness() == 0.5);
    const Stepped stepped = std::get<Stepped>(parse_decay("stepped:10=1,20=0.68,30=0.22"));
    REQUIRE(stepped.bands().size() == 3);
    CHECK(stepped.bands()[1].upper == 20.0);
    CHECK(stepped.bands()[1].weight == 0.68);

    for (const char *text : {"step:20", "stepped:10=1,20=0.68,30=0.22", "linear:30", "exponential:0.1", "power:1",
                             "gaussian:15", "logistic:20,0.5"}) {
        CHECK(decay_text(parse_decay(text)) == text);
    }
}

TEST_CASE("bad decay text is an argument error listing the forms", "[accessibility][decay]") {
    for (const char *text : {"exponential", "exponential:", "exponential:abc", "exponential:0.1x", "power:1,2",
                             "logistic:20", "stepped:10", "stepped:10=1,5=0.5", "cubic:3", "step:-5", ""}) {
        INFO(text);
        CHECK(code_of([&] { (void)parse_decay(text); }) == Errc::argument);
    }
    const std::string message = message_of([] { (void)parse_decay("exponentail:0.1"); });
    CHECK(contains(message, "unknown decay 'exponentail'"));
    CHECK(contains(message, "did you mean 'exponential'?"));
    CHECK(contains(message, "'exponential:BETA'"));
    CHECK(contains(message, "'stepped:UPPER=WEIGHT,UPPER=WEIGHT,...'"));
    // A parameter the constructor refuses keeps the constructor's message.
    CHECK(contains(message_of([] { (void)parse_decay("step:-5"); }), "step decay cutoff must be a finite number >= 0, not -5"));
}
