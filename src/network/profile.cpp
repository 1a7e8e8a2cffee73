#include <pooled/core/error.hpp>
#include <pooled/network/profile.hpp>

#include "core/text.hpp"

#include <string>

namespace pooled::network {

const char *profile_name(Profile profile) noexcept {
    switch (profile) {
    case Profile::drive: return "drive";
    case Profile::walk: return "walk";
    case Profile::cycle: return "cycle";
    }
    return "unknown";
}

Profile parse_profile(std::string_view text) {
    for (const Profile profile : {Profile::drive, Profile::walk, Profile::cycle}) {
        if (detail::iequals(detail::trim(text), profile_name(profile))) {
            return profile;
        }
    }
    throw Error(Errc::argument,
                "unknown travel profile '" + std::string(text) + "' (expected one of: drive, walk, cycle)");
}

} // namespace pooled::network
