#pragma once
// A scratch directory for the test process, for files a test writes and then reads.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace pooled::test {

/// The directory $TMPDIR/<name>_<pid>, made on construction and removed with everything in it
/// on destruction.
class Scratch {
public:
    explicit Scratch(const std::string &name)
        : m_dir(std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(m_dir);
    }
    ~Scratch() {
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    Scratch(const Scratch &) = delete;
    Scratch &operator=(const Scratch &) = delete;

    /// The directory itself.
    const std::filesystem::path &path() const noexcept { return m_dir; }

    /// Writes `content` (binary) to the file `name` in the directory; returns its path.
    std::string write(const std::string &name, const std::string &content) const {
        const auto path = m_dir / name;
        std::ofstream(path, std::ios::binary) << content;
        return path.string();
    }

private:
    std::filesystem::path m_dir;
};

/// This process's scratch directory, made on first use and removed at exit. Tests in one
/// executable share it: give the files distinct names.
inline const Scratch &scratch() {
    static const Scratch instance("pooled_test");
    return instance;
}

} // namespace pooled::test
