#pragma once
// Helpers for the CLI tests: run a program without a shell (posix_spawn, stdout and stderr
// captured through pipes), make a fresh temporary directory, and fingerprint files.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace pooled::test {

struct CliResult {
    int exit_code = -1; ///< the exit status, or 128 + signal number if the child was killed
    std::string out;    ///< everything written to stdout
    std::string err;    ///< everything written to stderr
};

/// Runs `args[0]` (a path, not looked up in PATH) with the arguments args[1..] in the working
/// directory `cwd`. No shell is involved, so arguments need no quoting. stdin is /dev/null.
/// Throws std::runtime_error if the program cannot be started.
CliResult run_cli(const std::vector<std::string> &args, const std::string &cwd);

/// Runs the built pooled CLI (pooled::test::pooled_cli) with `args` in `cwd`.
CliResult run_pooled(const std::vector<std::string> &args, const std::string &cwd);

/// A fresh, empty directory made with mkdtemp under $TMPDIR (or /tmp); removed with everything
/// in it when the object goes out of scope.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;

    const std::filesystem::path &path() const noexcept { return m_path; }
    std::string str() const { return m_path.string(); }
    /// The names of the entries in the directory (recursively, relative paths), sorted.
    std::vector<std::string> entries() const;

private:
    std::filesystem::path m_path;
};

/// What identifies a file's content and metadata: size, mtime and a 64-bit FNV-1a hash of the bytes.
struct FileFingerprint {
    std::uintmax_t size = 0;
    std::filesystem::file_time_type mtime{};
    std::uint64_t hash = 0;
    bool operator==(const FileFingerprint &) const = default;
};

/// Fingerprint of a regular file; throws std::runtime_error if it cannot be read.
FileFingerprint fingerprint(const std::filesystem::path &file);

/// Names (with sizes) of the regular files in a directory, sorted: "name size".
std::vector<std::string> directory_listing(const std::filesystem::path &dir);

/// Number of lines of a text: the count of '\n', plus one if the text does not end with one.
std::size_t line_count(const std::string &text);

/// The whole content of a file (binary); throws std::runtime_error if it cannot be read.
std::string read_file(const std::filesystem::path &file);

} // namespace pooled::test
