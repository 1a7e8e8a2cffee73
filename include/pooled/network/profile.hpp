#pragma once
/// @file
/// @brief Travel profiles: which roads a mode may use and how fast.

#include <pooled/pooled_cxx_export.h>

#include <string_view>

namespace pooled::network {

/// How people travel on the network.
enum class Profile { drive, walk, cycle };

/// "drive", "walk", "cycle".
POOLED_CXX_API const char *profile_name(Profile profile) noexcept;
/// @throws Error (Errc::argument) for any other text, listing the profiles.
POOLED_CXX_API Profile parse_profile(std::string_view text);

} // namespace pooled::network
