#include "core/atomic_file.hpp"

#include <pooled/core/error.hpp>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <string>
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace pooled::detail {
namespace {
SourceRef source_of(const fs::path &path) { return SourceRef{path.string(), {}, std::nullopt, {}}; }

/// The pid in a temporary's name "." + target + ".tmp<pid>" + anything (the extension, and the
/// side files a driver adds: "-journal", ".dbf"), or 0 if `name` is not one of `target`'s.
pid_t writer_pid(const std::string &name, const std::string &target) {
    const std::string prefix = "." + target + ".tmp";
    if (name.compare(0, prefix.size(), prefix) != 0) {
        return 0;
    }
    pid_t pid = 0;
    std::size_t i = prefix.size();
    for (; i < name.size() && name[i] >= '0' && name[i] <= '9' && pid < 100000000; ++i) {
        pid = pid * 10 + (name[i] - '0');
    }
    return i > prefix.size() && (i == name.size() || name[i] == '.' || name[i] == '-') ? pid : 0;
}

/// Removes the temporaries of `target` left by writers that were killed (their pid is gone):
/// a run that was SIGKILLed mid-write leaves its temporary behind, and the next run tidies
/// it. A temporary whose pid is alive, ours included, is left alone (it may be being written).
void remove_stale_temporaries(const fs::path &directory, const fs::path &target) {
    std::error_code ec;
    const std::string name = target.filename().string();
    for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
        const pid_t pid = writer_pid(it->path().filename().string(), name);
        if (pid > 0 && pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
    }
}

/// Flushes `path` (a file, or a directory's entries) to the disk. Without it a crash of the
/// machine soon after the rename can leave the new name pointing at an empty file: the rename
/// reaches the disk before the data on some file systems (ext4 with delalloc, XFS).
/// Returns 0 or the errno of the failure.
int sync_to_disk(const fs::path &path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) {
        return errno;
    }
    const int error = ::fsync(fd) == 0 || errno == EINVAL ? 0 : errno; // EINVAL: no fsync here
    ::close(fd);
    return error;
}
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
    remove_stale_temporaries(directory, m_target);
}

AtomicFile::~AtomicFile() {
    if (!m_temporary.empty()) {
        std::error_code ignored;
        fs::remove_all(m_temporary, ignored);
    }
}

void AtomicFile::commit() {
    std::error_code ec;
    // A driver may leave a directory (a Shapefile set) rather than a file: only files are synced.
    if (fs::is_regular_file(m_temporary, ec)) {
        if (const int error = sync_to_disk(m_temporary, O_RDONLY)) {
            throw Error(Errc::io, "cannot flush the finished file to the disk: " + std::string(std::strerror(error)),
                        source_of(m_target));
        }
    }
    fs::rename(m_temporary, m_target, ec);
    if (ec) {
        throw Error(Errc::io, "cannot move the finished file into place: " + ec.message(), source_of(m_target));
    }
    m_temporary.clear();
    // The rename itself is durable once the directory is flushed; failing that is not worth
    // failing the run for, as the file is complete and in place.
    const fs::path directory = m_target.has_parent_path() ? m_target.parent_path() : fs::path(".");
    sync_to_disk(directory, O_RDONLY | O_DIRECTORY);
}

void AtomicFile::write(std::string_view content, const std::string &what) {
    std::ofstream out(m_temporary, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
        const std::string reason = errno == ENOSPC ? "the disk is full: " : "";
        throw Error(Errc::io, reason + "cannot write " + what, source_of(m_target));
    }
}

void write_file_atomically(const std::string &path, std::string_view content, const std::string &what) {
    AtomicFile file{fs::path(path)};
    file.write(content, what);
    file.commit();
}

} // namespace pooled::detail
