#pragma once
// Shared by the fuzz targets: the input as text or as a temporary file, and the one rule every
// target checks: refused input comes back as pooled::Error. Anything else escaping (another
// exception type) reaches std::terminate and libFuzzer saves the input as a crash; sanitizer
// reports do the same.

#include <pooled/core/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace pooled::fuzz {

/// The input bytes as text (not NUL-terminated; may hold NULs).
inline std::string_view text_of(const std::uint8_t *data, std::size_t size) {
    return {reinterpret_cast<const char *>(data), size};
}

/// Writes the input to `file_name` in this process's scratch directory (under
/// $POOLED_FUZZ_SCRATCH, else /dev/shm when it exists, so no disk writes per run) and returns
/// its path. The same name gives the same path
/// each call, so files do not pile up; the directory is removed at exit.
std::string write_input(const std::uint8_t *data, std::size_t size, std::string_view file_name);

/// The call that read `path` has returned: no file descriptor may still be open on it (a
/// leak per input runs a long-lived process out of descriptors). A finding otherwise.
void check_nothing_left_open(const std::string &path);

/// Runs `fn`, treating pooled::Error as the input being refused (the expected outcome for
/// most mutated inputs). Any other exception propagates.
template <typename Fn>
void refusals_are_pooled_errors(Fn &&fn) {
    try {
        fn();
    } catch (const pooled::Error &) {
        // Refused with a proper message: fine.
    }
}

/// A property the parser promises broke on an accepted input (a silent wrong answer):
/// reported like a crash so libFuzzer keeps the input.
[[noreturn]] void finding(const std::string &what);

} // namespace pooled::fuzz
