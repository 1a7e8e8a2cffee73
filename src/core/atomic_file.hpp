#pragma once
// Writing an output so that it appears complete or not at all: the content goes to a
// temporary file in the target's directory (so the final rename is atomic) and is renamed
// into place only when finished. Not installed: used by every module that writes files.

#include <filesystem>
#include <string>
#include <string_view>

namespace pooled::detail {

/// A temporary path beside `target` ("." + name + ".tmp<pid>" + extension, so drivers that
/// decide by extension behave as for the real name), removed on destruction unless
/// commit() moved it into place. Temporaries of the same target left by killed writers (their
/// pid no longer exists) are removed when the next AtomicFile for it is made.
/// @throws Error (Errc::io) naming the target if its directory does not exist.
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path target);
    ~AtomicFile();
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;

    /// Where to write the content.
    const std::filesystem::path &temporary() const noexcept { return m_temporary; }
    const std::filesystem::path &target() const noexcept { return m_target; }

    /// Writes `content` to the temporary file. @throws Error (Errc::io) naming the target and
    /// `what` ("the report"), saying "the disk is full" when that was the reason.
    void write(std::string_view content, const std::string &what);

    /// Renames the temporary file onto the target. @throws Error (Errc::io) naming the target.
    void commit();

private:
    std::filesystem::path m_target;
    std::filesystem::path m_temporary;
};

/// Writes `content` to `path` atomically. @throws Error (Errc::io) naming the path and `what`
/// ("the segmentation model", "the report").
void write_file_atomically(const std::string &path, std::string_view content, const std::string &what);

} // namespace pooled::detail
