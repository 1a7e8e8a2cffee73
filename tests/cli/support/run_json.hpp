#pragma once
// A pooled run that must succeed with --json: its stdout parsed (stderr shown if it failed).

#include "support/catch.hpp"
#include "run_cli.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pooled::test {

inline nlohmann::json run_pooled_json(const std::vector<std::string> &args, const TempDir &cwd) {
    const CliResult r = run_pooled(args, cwd.str());
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
}

} // namespace pooled::test
