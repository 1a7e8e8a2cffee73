#include "core/atomic_file.hpp"

#include <pooled/core/error.hpp>

#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace pooled::detail {
namespace {
SourceRef source_of(const fs::path &path) { return SourceRef{path.string(), {}, std::nullopt, {}}; }
} // namespace

AtomicFile::AtomicFile(fs::path target) : m_target(std::move(target)) {
    const fs::path directory = m_target.has_parent_path() ? m_target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(directory, ec)) {
        throw Error(Errc::io, "the output directory does not exist", source_of(m_target));
    }
    m_temporary = directory / ("." + m_target.filename().string() + ".tmp" + std::to_string(::getpid()) +
                               m_target.extension().string());
    fs::remove_all(m_temporary, ec); // a leftover of a killed run with the same pid
}

AtomicFile::~AtomicFile() {
    if (!m_temporary.empty()) {
        std::error_code ignored;
        fs::remove_all(m_temporary, ignored);
    }
}

void AtomicFile::commit() {
    std::error_code ec;
    fs::rename(m_temporary, m_target, ec);
    if (ec) {
        throw Error(Errc::io, "cannot move the finished file into place: " + ec.message(), source_of(m_target));
    }
    m_temporary.clear();
}

void write_file_atomically(const std::string &path, std::string_view content, const std::string &what) {
    AtomicFile file{fs::path(path)};
    {
        std::ofstream out(file.temporary(), std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            throw Error(Errc::io, "cannot write " + what, source_of(file.target()));
        }
    }
    file.commit();
}

} // namespace pooled::detail
