// Self-test of the run_cli helper: exit codes, both streams (more than a pipe buffer each),
// the working directory, and arguments passed verbatim (no shell between the test and the program).

#include "cli/support/run_cli.hpp"
#include "support/catch.hpp"

#include <filesystem>
#include <string>

using pooled::test::run_cli;
using pooled::test::TempDir;

TEST_CASE("run_cli captures stdout, stderr, the exit code and runs in cwd", "[cli][support]") {
    TempDir dir;
    // /bin/sh is the program under test here, not a wrapper: its argument is one argv entry.
    const auto r = run_cli({"/bin/sh", "-c", "pwd; head -c 200000 /dev/zero | tr '\\0' e >&2; exit 3"}, dir.str());
    CHECK(r.exit_code == 3);
    CHECK(r.out == std::filesystem::canonical(dir.path()).string() + "\n");
    CHECK(r.err.size() == 200000);
    CHECK(r.err.find_first_not_of('e') == std::string::npos);
    CHECK(dir.entries().empty());
}

TEST_CASE("run_cli passes arguments verbatim", "[cli][support]") {
    TempDir dir;
    const std::string tricky = "a b 'c' \"d\" $HOME `x` ; | *";
    const auto r = run_cli({"/bin/sh", "-c", "printf '%s' \"$1\"", "sh", tricky}, dir.str());
    CHECK(r.exit_code == 0);
    CHECK(r.out == tricky);
    CHECK(r.err.empty());
}

TEST_CASE("TempDir makes a fresh empty directory and removes it", "[cli][support]") {
    std::filesystem::path kept;
    {
        TempDir a;
        TempDir b;
        kept = a.path();
        CHECK(std::filesystem::is_directory(a.path()));
        CHECK(a.path() != b.path());
        CHECK(a.entries().empty());
        std::filesystem::create_directory(a.path() / "sub");
        CHECK(a.entries() == std::vector<std::string>{"sub"});
    }
    CHECK_FALSE(std::filesystem::exists(kept));
}

TEST_CASE("run_cli reports a program that cannot be started", "[cli][support]") {
    TempDir dir;
    CHECK_THROWS(run_cli({"/nonexistent/program"}, dir.str()));
    CHECK_THROWS(run_cli({"/bin/true"}, (dir.path() / "missing").string()));
}
