#pragma once
// Golden CLI output: run `pooled ARGS` in the repository root with relative paths, and compare
// its stdout byte for byte with tests/cli/expected/<name>.json, or write that file when
// POOLED_UPDATE_GOLDEN=1 (see tests/cli/README.md). Include after "support/catch.hpp".

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace pooled::test {

/// The repository root (the parent of testdata/).
std::filesystem::path repository_root();

/// Whether POOLED_UPDATE_GOLDEN=1 asks to write the expected files instead of comparing.
bool update_golden();

/// "line N: expected ... / actual ..." for the first line that differs.
std::string first_difference(const std::string &expected, const std::string &actual);

/// Runs `pooled ARGS` in the repository root (it must succeed with JSON on stdout and nothing on
/// stderr), compares stdout with expected/<name>.json (or writes it) and returns it parsed.
/// `ignored` names top-level keys whose values vary from run to run (e.g. "seconds"): they are left
/// out of the comparison and of the expected file, but kept in the returned JSON.
nlohmann::json check_golden_output(const std::string &name, const std::vector<std::string> &args,
                                   const std::vector<std::string> &ignored = {});

} // namespace pooled::test
