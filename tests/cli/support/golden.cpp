#include "support/catch.hpp"

#include "cli/support/golden.hpp"
#include "cli/support/run_cli.hpp"
#include "support/testdata_path.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#ifndef POOLED_CLI_EXPECTED_DIR
#error "POOLED_CLI_EXPECTED_DIR must name tests/cli/expected"
#endif

namespace fs = std::filesystem;

namespace pooled::test {

fs::path repository_root() { return fs::path(testdata_dir).parent_path(); }

bool update_golden() {
    const char *value = std::getenv("POOLED_UPDATE_GOLDEN");
    return value != nullptr && std::string(value) == "1";
}

std::string first_difference(const std::string &expected, const std::string &actual) {
    std::istringstream e(expected);
    std::istringstream a(actual);
    std::string le;
    std::string la;
    for (std::size_t line = 1;; ++line) {
        const bool more_e = static_cast<bool>(std::getline(e, le));
        const bool more_a = static_cast<bool>(std::getline(a, la));
        if (!more_e && !more_a) {
            return "the texts differ only in the final newline";
        }
        if (!more_e || !more_a || le != la) {
            return "line " + std::to_string(line) + ":\n  expected: " + (more_e ? le : "<end of file>") +
                   "\n  actual:   " + (more_a ? la : "<end of output>");
        }
    }
}

nlohmann::json check_golden_output(const std::string &name, const std::vector<std::string> &args,
                                   const std::vector<std::string> &ignored) {
    const auto r = run_pooled(args, repository_root().string());
    INFO("pooled ... for " << name << ": exit " << r.exit_code << "\nstderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    REQUIRE(nlohmann::json::accept(r.out));
    // Relative paths in, relative paths out: nothing machine-specific in the golden file.
    CHECK(r.out.find(repository_root().string()) == std::string::npos);

    // The compared text: stdout as it is, or re-dumped without the ignored keys (same layout).
    std::string compared = r.out;
    if (!ignored.empty()) {
        auto stable = nlohmann::ordered_json::parse(r.out);
        for (const auto &key : ignored) {
            stable.erase(key);
        }
        compared = stable.dump(2) + "\n";
    }
    const fs::path expected_file = fs::path(POOLED_CLI_EXPECTED_DIR) / (name + ".json");
    if (update_golden()) {
        std::ofstream(expected_file, std::ios::binary) << compared;
        WARN("POOLED_UPDATE_GOLDEN=1: wrote " << expected_file.string());
    } else {
        INFO("expected file " << expected_file.string()
                              << " (POOLED_UPDATE_GOLDEN=1 regenerates it, see tests/cli/README.md)");
        REQUIRE(fs::exists(expected_file));
        const std::string expected = read_file(expected_file);
        const bool same = expected == compared;
        INFO((same ? std::string() : first_difference(expected, compared)));
        CHECK(same);
    }
    return nlohmann::json::parse(r.out);
}

} // namespace pooled::test
