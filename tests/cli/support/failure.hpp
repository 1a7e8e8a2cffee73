#pragma once
// A CLI run that must fail cleanly, shared by the command tests. Include after
// "support/catch.hpp".

#include "cli/support/run_cli.hpp"

#include <string>
#include <vector>

namespace pooled::test {

/// Runs `pooled ARGS` in `cwd` and checks a clean failure: exit code 1, nothing on stdout, one
/// line on stderr. Returns that line.
inline std::string failure(const std::vector<std::string> &args, const TempDir &cwd) {
    const CliResult r = run_pooled(args, cwd.str());
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(line_count(r.err) == 1);
    return r.err;
}

/// Whether `text` (e.g. a message) contains `part`.
inline bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

} // namespace pooled::test
