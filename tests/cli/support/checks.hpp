#pragma once
// Checks the CLI tests share: a run that must succeed with JSON, a run that must fail as every
// bad-input test checks it (exit code 1, nothing on stdout, exactly one line on stderr), and
// writing a small input file. Include after "support/catch.hpp".

#include "cli/support/run_cli.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

namespace pooled::test {

/// Runs `pooled ARGS` in `cwd`; it must succeed with JSON on stdout, which is returned parsed.
inline nlohmann::json run_json(const std::vector<std::string> &args, const std::string &cwd) {
    const CliResult r = run_pooled(args, cwd);
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(nlohmann::json::accept(r.out));
    return nlohmann::json::parse(r.out);
}

inline nlohmann::json run_json(const std::vector<std::string> &args, const TempDir &cwd) {
    return run_json(args, cwd.str());
}

/// Writes `text` to the file `name` in `dir` (binary); returns its path.
inline std::string write(const TempDir &dir, const std::string &name, const std::string &text) {
    const auto path = dir.path() / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

/// Runs `pooled ARGS` in `cwd`, checks the failure's shape and returns the stderr line.
inline std::string failure(const std::vector<std::string> &args, const TempDir &cwd) {
    const CliResult r = run_pooled(args, cwd.str());
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(line_count(r.err) == 1);
    return r.err;
}

/// Whether `text` contains `part`.
inline bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

} // namespace pooled::test
