#include <pooled/version.hpp>

namespace pooled {
const char *version() noexcept { return POOLED_VERSION_STRING; }
} // namespace pooled
