#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/core/progress.hpp>

#include <vector>

TEST_CASE("sub-progress maps onto the parent's range", "[core][progress]") {
    std::vector<double> seen;
    const pooled::Progress progress([&](double fraction, std::string_view) {
        seen.push_back(fraction);
        return true;
    });
    const auto second_half = progress.sub(0.5, 1.0);
    second_half.report(0.0);
    second_half.report(0.5);
    second_half.sub(0.0, 0.5).report(1.0);
    REQUIRE(seen.size() == 3);
    CHECK(seen[0] == Approx(0.5));
    CHECK(seen[1] == Approx(0.75));
    CHECK(seen[2] == Approx(0.75));
}

TEST_CASE("a sink returning false cancels with Errc::cancelled", "[core][progress]") {
    const pooled::Progress stop([](double, std::string_view) { return false; });
    CHECK(pooled::test::code_of([&] { stop.report(0.1, "reading"); }) == pooled::Errc::cancelled);
    const pooled::Progress silent;
    CHECK_NOTHROW(silent.report(0.5));
}

TEST_CASE("the ticker reports about a hundred times and at the end", "[core][progress]") {
    int calls = 0;
    double last = 0.0;
    const pooled::Progress progress([&](double fraction, std::string_view) {
        ++calls;
        last = fraction;
        return true;
    });
    const pooled::ProgressTicker ticker(progress, 1000, "loop");
    for (std::size_t i = 1; i <= 1000; ++i) {
        ticker.tick(i);
    }
    CHECK(calls == 100); // every 10th step of 1,000
    CHECK(last == Approx(1.0));
}
