// Faults (issue 8, item 5) for the commands that write files, `pooled run` and
// `pooled catchments -o`: a SIGKILL part-way, an output folder that cannot be written and a
// full disk. Each leaves only complete outputs (or none), says which path failed, and leaves
// the inputs as they were; a re-run after a kill gives the bytes of an uninterrupted run.
//
// What is tested here, and how (the tests run as root, where permission bits are not enforced):
// - an unwritable folder: a read-only tmpfs mounted for the test (EROFS holds for root too);
//   when not root, also a chmod 0555 folder; always, a path under a regular file (ENOTDIR) and
//   one under /proc (no such directory can be made there);
// - a full disk: a 64 KiB tmpfs, mostly filled first, so the JSON files fit and the GeoPackage
//   does not;
// - mounting needs CAP_SYS_ADMIN: without it those cases say so (WARN) and are skipped.
// - the kill lands while the outputs are being written (when a temporary file appears), so it
//   hits the writing itself rather than the computation before it (which writes nothing).

#include "support/catch.hpp"
#include "support/run_cli.hpp"
#include "support/testdata_path.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

extern char **environ;

using pooled::test::CliResult;
using pooled::test::run_pooled;
using pooled::test::TempDir;
using pooled::test::testdata;
namespace fs = std::filesystem;

namespace {
const std::string small = testdata("scenario/rutland_small.toml");
const std::string libraries = testdata("rutland/rutland_facilities.gpkg:libraries_2016");
const std::string lsoas = testdata("rutland/rutland_zones.gpkg:lsoa21");
// Every file the two commands read (the scenario reads the same two GeoPackages).
const std::vector<fs::path> inputs{small, testdata("rutland/rutland_facilities.gpkg"),
                                   testdata("rutland/rutland_zones.gpkg")};

std::vector<std::string> run_args(const fs::path &out) { return {"run", small, "-o", out.string(), "--quiet"}; }
std::vector<std::string> catchments_args(const fs::path &out) {
    return {"catchments", "--assets", libraries, "--zones", lsoas, "--method", "buffer", "--radius", "2km,5km",
            "-o", out.string()};
}

std::map<fs::path, pooled::test::FileFingerprint> fingerprints() {
    std::map<fs::path, pooled::test::FileFingerprint> all;
    for (const auto &file : inputs) {
        all[file] = pooled::test::fingerprint(file);
    }
    return all;
}

/// The regular files under `dir` with their bytes, by relative path.
std::map<std::string, std::string> contents(const fs::path &dir) {
    std::map<std::string, std::string> all;
    for (const auto &entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) {
            all[fs::relative(entry.path(), dir).string()] = pooled::test::read_file(entry.path());
        }
    }
    return all;
}

/// Every entry under `dir` (files and directories), by relative path.
std::vector<std::string> entries(const fs::path &dir) {
    std::vector<std::string> all;
    for (const auto &entry : fs::recursive_directory_iterator(dir)) {
        all.push_back(fs::relative(entry.path(), dir).string());
    }
    std::sort(all.begin(), all.end());
    return all;
}

bool is_temporary(const std::string &name) { return name.find(".tmp") != std::string::npos && name[0] == '.'; }

/// Starts the built pooled with `args` (stdout and stderr to /dev/null) in `cwd`.
pid_t spawn_pooled(const std::vector<std::string> &args, const std::string &cwd) {
    std::vector<std::string> all{pooled::test::pooled_cli};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char *> argv;
    for (auto &arg : all) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    ::posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    ::posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    ::posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
    return pid;
}

/// Runs pooled with `args` and SIGKILLs it as soon as a temporary output file whose name
/// contains `marker` appears in `dir`. Returns true if it was killed, false if it finished first.
bool kill_while_writing(const std::vector<std::string> &args, const std::string &cwd, const fs::path &dir,
                        const std::string &marker) {
    const pid_t pid = spawn_pooled(args, cwd);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            return false;
        }
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (is_temporary(name) && name.find(marker) != std::string::npos) {
                ::kill(pid, SIGKILL);
                ::waitpid(pid, &status, 0);
                CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
                return true;
            }
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    FAIL("pooled did not finish within 30 s");
    return false;
}

/// After a kill: every output present is complete (the bytes of the uninterrupted run); any
/// other file is a temporary of the killed process.
void check_only_complete_files(const fs::path &dir, const std::map<std::string, std::string> &reference) {
    for (const auto &[name, bytes] : contents(dir)) {
        INFO(name);
        if (is_temporary(name)) {
            continue;
        }
        REQUIRE(reference.count(name) == 1);
        CHECK(bytes == reference.at(name));
    }
}

/// SIGKILLs `args` (writing into `out`, a directory or a file in `dir`) when a temporary
/// containing each marker appears, then re-runs: the re-run succeeds, gives the reference
/// bytes and tidies the killed run's temporaries.
void kill_and_rerun(const std::function<std::vector<std::string>(const fs::path &)> &args, const fs::path &out,
                    const fs::path &dir, const std::vector<std::string> &markers) {
    TempDir cwd;
    const fs::path reference_dir = cwd.path() / "reference";
    fs::create_directories(reference_dir);
    const fs::path reference_out = reference_dir / fs::relative(out, dir);
    REQUIRE(run_pooled(args(reference_out), cwd.str()).exit_code == 0);
    const auto reference = contents(reference_dir);
    const auto before = fingerprints();
    int left_temporaries = 0;
    for (const auto &marker : markers) {
        INFO("killed when a temporary of " << marker << " appeared");
        // The window is short (tens of ms); a run that finishes before the poll sees it is retried.
        bool killed = false;
        for (int attempt = 0; attempt < 10 && !killed; ++attempt) {
            fs::remove_all(dir);
            fs::create_directories(dir);
            killed = kill_while_writing(args(out), cwd.str(), dir, marker);
        }
        REQUIRE(killed);
        check_only_complete_files(dir, reference);
        for (const auto &[name, bytes] : contents(dir)) {
            left_temporaries += is_temporary(name) ? 1 : 0;
        }
        const CliResult again = run_pooled(args(out), cwd.str());
        INFO(again.err);
        REQUIRE(again.exit_code == 0);
        // The same bytes, and no temporary left: the re-run removed those of the killed pid.
        CHECK(contents(dir) == reference);
    }
    // The kills landed mid-write: they left temporaries (which the re-runs removed).
    CHECK(left_temporaries > 0);
    CHECK(fingerprints() == before);
}

/// A tmpfs mounted on `dir` for the test's lifetime (we run as root); ok() is false with the
/// reason when mounting is not permitted here.
class Tmpfs {
public:
    Tmpfs(const fs::path &dir, const std::string &options, bool read_only) : m_dir(dir) {
        fs::create_directories(dir);
        m_ok = ::mount("tmpfs", dir.c_str(), "tmpfs", read_only ? MS_RDONLY : 0, options.c_str()) == 0;
        if (!m_ok) {
            m_error = std::strerror(errno);
        }
    }
    ~Tmpfs() {
        if (m_ok) {
            ::umount2(m_dir.c_str(), MNT_DETACH);
        }
    }
    Tmpfs(const Tmpfs &) = delete;
    Tmpfs &operator=(const Tmpfs &) = delete;
    bool ok() const { return m_ok; }
    const std::string &error() const { return m_error; }

private:
    fs::path m_dir;
    bool m_ok = false;
    std::string m_error;
};

/// `args` fails with exit code 1, an error naming `named` (a path) and containing `reason`;
/// the inputs are unchanged.
void check_write_error(const std::vector<std::string> &args, const std::string &named, const std::string &reason,
                       const TempDir &cwd) {
    const auto before = fingerprints();
    const CliResult r = run_pooled(args, cwd.str());
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(named) != std::string::npos);
    CHECK(r.err.find(reason) != std::string::npos);
    CHECK(fingerprints() == before);
}
} // namespace

TEST_CASE("faults: pooled run killed while writing leaves only complete files, and a re-run succeeds",
          "[cli][faults]") {
    TempDir work;
    // The JSON files are written first (to temporaries), then the GeoPackage; both moments.
    kill_and_rerun(run_args, work.path() / "out", work.path() / "out", {"summary.json", "results.gpkg"});
}

TEST_CASE("faults: pooled catchments -o killed while writing, and a re-run succeeds", "[cli][faults]") {
    TempDir work;
    kill_and_rerun(catchments_args, work.path() / "out" / "libraries.gpkg", work.path() / "out", {"libraries.gpkg"});
}

TEST_CASE("faults: temporaries of dead writers are removed, those of live ones kept", "[cli][faults]") {
    TempDir cwd;
    const fs::path out = cwd.path() / "out";
    fs::create_directories(out);
    // A pid that existed and is gone: a child that has exited and been reaped.
    const pid_t dead = spawn_pooled({"--version"}, cwd.str());
    ::waitpid(dead, nullptr, 0);
    const std::string stale = ".results.gpkg.tmp" + std::to_string(dead) + ".gpkg";
    const std::string journal = stale + "-journal";
    const std::string live = ".results.gpkg.tmp1.gpkg"; // pid 1 is alive: perhaps being written
    const std::string other = ".notes.txt.tmp" + std::to_string(dead) + ".txt"; // not an output of this run
    for (const auto &name : {stale, journal, live, other}) {
        std::ofstream(out / name) << "partial";
    }
    REQUIRE(run_pooled(run_args(out), cwd.str()).exit_code == 0);
    CHECK_FALSE(fs::exists(out / stale));
    CHECK_FALSE(fs::exists(out / journal));
    CHECK(fs::exists(out / live));
    CHECK(fs::exists(out / other));
}

TEST_CASE("faults: an output folder that cannot be written gives a clear error, inputs untouched",
          "[cli][faults]") {
    TempDir cwd;
    SECTION("under a regular file (ENOTDIR)") {
        const fs::path file = cwd.path() / "a_file";
        std::ofstream(file) << "not a directory";
        const auto file_before = pooled::test::fingerprint(file);
        check_write_error(run_args(file / "out"), (file / "out").string(), "Not a directory", cwd);
        check_write_error(catchments_args(file / "c.gpkg"), (file / "c.gpkg").string(),
                          "the output directory does not exist", cwd);
        CHECK(pooled::test::fingerprint(file) == file_before);
    }
    SECTION("under /proc, where no directory can be made") {
        check_write_error(run_args("/proc/pooled_faults_test/out"), "/proc/pooled_faults_test/out",
                          "cannot create the output directory", cwd);
    }
    SECTION("a read-only file system") {
        const Tmpfs mount(cwd.path() / "ro", "size=64k", true);
        if (!mount.ok()) {
            WARN("skipped: cannot mount a read-only tmpfs here (" << mount.error() << ")");
            return;
        }
        check_write_error(run_args(cwd.path() / "ro" / "out"), (cwd.path() / "ro" / "out").string(),
                          "Read-only file system", cwd);
        // Into the read-only folder itself: the first output that cannot be created is named.
        check_write_error(run_args(cwd.path() / "ro"), (cwd.path() / "ro" / "summary.json").string(), "cannot write",
                          cwd);
        check_write_error(catchments_args(cwd.path() / "ro" / "c.gpkg"), (cwd.path() / "ro" / "c.gpkg").string(),
                          "cannot create the file", cwd);
        CHECK(fs::is_empty(cwd.path() / "ro"));
    }
    SECTION("a folder without write permission (only when not root)") {
        if (::geteuid() == 0) {
            WARN("skipped: running as root, where chmod 0555 does not stop writing");
            return;
        }
        const fs::path locked = cwd.path() / "locked";
        fs::create_directories(locked);
        fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                    fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
        check_write_error(run_args(locked), (locked / "summary.json").string(), "cannot write", cwd);
        fs::permissions(locked, fs::perms::owner_all);
        CHECK(fs::is_empty(locked));
    }
}

TEST_CASE("faults: a full disk gives a clear error and leaves no partial file", "[cli][faults]") {
    TempDir cwd;
    const fs::path disk = cwd.path() / "disk";
    const Tmpfs mount(disk, "size=64k", false);
    if (!mount.ok()) {
        WARN("skipped: cannot mount a small tmpfs here (" << mount.error() << ")");
        return;
    }
    // Fill all but 16 KiB: room for the JSON files (4 KiB together), not for the run's report
    // (report.html, 390 KiB, written before the GeoPackage) or a GeoPackage (the run's is 180 KiB,
    // the catchments' 136 KiB: ls -l of uninterrupted runs).
    {
        std::ofstream filler(disk / "filler", std::ios::binary);
        filler << std::string(48 * 1024, 'x');
    }
    const auto filler = pooled::test::fingerprint(disk / "filler");
    const auto listing = entries(disk);
    check_write_error(run_args(disk / "out"), (disk / "out" / "report.html").string(), "the disk is full", cwd);
    CHECK(entries(disk) == listing); // no output, no temporary, no directory
    check_write_error(catchments_args(disk / "c.gpkg"), (disk / "c.gpkg").string(), "the disk is full", cwd);
    CHECK(entries(disk) == listing);
    CHECK(pooled::test::fingerprint(disk / "filler") == filler);
}
