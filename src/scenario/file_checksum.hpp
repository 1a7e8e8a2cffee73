#pragma once
// SHA-256 of a file, for a run's provenance (internal to the scenario module).

#include <cstdint>
#include <string>

namespace pooled::scenario::detail {

struct FileChecksum {
    std::uintmax_t size = 0;
    std::string sha256; ///< lower-case hex, 64 characters
};

/// Size and SHA-256 of a regular file. @throws Error (Errc::io) naming the file if it cannot be read.
FileChecksum file_checksum(const std::string &path);

/// SHA-256 of bytes in memory, lower-case hex.
std::string sha256_hex(const void *data, std::size_t size);

} // namespace pooled::scenario::detail
