// A scenario file (TOML, scenario::load_scenario) as `pooled run FILE` reads it. Checked too:
// check_scenario on the same text agrees with load_scenario (problems exactly when it throws),
// and every problem line names the file.

#include "harness.hpp"

#include <pooled/scenario/scenario.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string path = pooled::fuzz::write_input(data, size, "scenario.toml");
    bool accepted = false;
    pooled::fuzz::refusals_are_pooled_errors([&] {
        (void)pooled::scenario::load_scenario(path);
        accepted = true;
    });
    pooled::fuzz::check_nothing_left_open(path);
    const auto problems = pooled::scenario::check_scenario(pooled::fuzz::text_of(data, size), path);
    if (accepted != problems.empty()) {
        pooled::fuzz::finding("load_scenario and check_scenario disagree about the same text");
    }
    for (const auto &problem : problems) {
        if (problem.text().rfind(path + ":", 0) != 0) {
            pooled::fuzz::finding("a problem does not start with the file name: " + problem.text());
        }
    }
    return 0;
}
