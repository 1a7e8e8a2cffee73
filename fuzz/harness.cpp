#include "harness.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace pooled::fuzz {
namespace {
namespace fs = std::filesystem;

/// This process's scratch directory, made on first use and removed at normal exit.
class Scratch {
public:
    Scratch() {
        std::error_code ec;
        const char *chosen = std::getenv("POOLED_FUZZ_SCRATCH"); // scripts/fuzz.sh's, removed after each run
        const fs::path base = chosen != nullptr && *chosen != '\0' ? fs::path(chosen)
                              : fs::is_directory("/dev/shm", ec)  ? fs::path("/dev/shm")
                                                                  : fs::temp_directory_path();
        m_dir = base / ("pooled-fuzz-" + std::to_string(::getpid()));
        fs::create_directories(m_dir);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
    Scratch(const Scratch &) = delete;
    Scratch &operator=(const Scratch &) = delete;
    const fs::path &dir() const { return m_dir; }

private:
    fs::path m_dir;
};
} // namespace

std::string write_input(const std::uint8_t *data, std::size_t size, std::string_view file_name) {
    static const Scratch scratch;
    // Start clean: sidecar files a reader left behind (SQLite's -journal/-wal, GDAL's .aux.xml)
    // must not carry one input's state into the next run.
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(scratch.dir(), ec)) {
        fs::remove_all(entry.path(), ec);
    }
    const fs::path path = scratch.dir() / fs::path(std::string(file_name));
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out) {
        finding("harness: cannot write " + path.string());
    }
    return path.string();
}

void check_nothing_left_open(const std::string &path) {
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator("/proc/self/fd", ec)) {
        std::error_code link_ec;
        if (fs::read_symlink(entry.path(), link_ec) == fs::path(path) && !link_ec) {
            finding("file descriptor " + entry.path().filename().string() + " is still open on " + path);
        }
    }
}

void finding(const std::string &what) {
    std::fprintf(stderr, "pooled fuzz finding: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

} // namespace pooled::fuzz
