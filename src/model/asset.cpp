#include <pooled/model/asset.hpp>

#include <pooled/core/error.hpp>

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace pooled::model {

using pooled::detail::iequals;
using pooled::detail::lower;
using pooled::detail::to_lower;
using pooled::detail::trim;

namespace {

// Lower-case, with spaces, '-', '_', '&', '.', '/' and ',' removed: "Fire & Rescue" -> "firerescue".
std::string squeeze(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '-' || c == '_' || c == '&' || c == '.' || c == '/' || c == ',') {
            continue;
        }
        out += lower(c);
    }
    return out;
}

// The words of a text: runs of letters and digits, lower-cased.
std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    for (const char c : text) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum) {
            current += lower(c);
        } else if (!current.empty()) {
            out.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) {
        out.push_back(std::move(current));
    }
    return out;
}

struct Alias {
    std::string_view text; // squeezed form
    OrganisationKind kind;
};

constexpr std::array kind_aliases{
    Alias{"council", OrganisationKind::council},
    Alias{"localauthority", OrganisationKind::council},
    Alias{"la", OrganisationKind::council},
    Alias{"localgovernment", OrganisationKind::council},
    Alias{"countycouncil", OrganisationKind::council},
    Alias{"districtcouncil", OrganisationKind::council},
    Alias{"boroughcouncil", OrganisationKind::council},
    Alias{"citycouncil", OrganisationKind::council},
    Alias{"unitaryauthority", OrganisationKind::council},
    Alias{"borough", OrganisationKind::council},
    Alias{"nhs", OrganisationKind::nhs},
    Alias{"nhstrust", OrganisationKind::nhs},
    Alias{"nhsfoundationtrust", OrganisationKind::nhs},
    Alias{"health", OrganisationKind::nhs},
    Alias{"healthservice", OrganisationKind::nhs},
    Alias{"ccg", OrganisationKind::nhs},
    Alias{"icb", OrganisationKind::nhs},
    Alias{"police", OrganisationKind::police},
    Alias{"policeforce", OrganisationKind::police},
    Alias{"constabulary", OrganisationKind::police},
    Alias{"fire", OrganisationKind::fire},
    Alias{"fireandrescue", OrganisationKind::fire},
    Alias{"fireandrescueservice", OrganisationKind::fire},
    Alias{"firerescue", OrganisationKind::fire},
    Alias{"fireservice", OrganisationKind::fire},
    Alias{"frs", OrganisationKind::fire},
    Alias{"ambulance", OrganisationKind::ambulance},
    Alias{"ambulanceservice", OrganisationKind::ambulance},
    Alias{"ambulancetrust", OrganisationKind::ambulance},
    Alias{"centralgovernment", OrganisationKind::central_government},
    Alias{"centralgov", OrganisationKind::central_government},
    Alias{"government", OrganisationKind::central_government},
    Alias{"civilservice", OrganisationKind::central_government},
    Alias{"education", OrganisationKind::education},
    Alias{"school", OrganisationKind::education},
    Alias{"schools", OrganisationKind::education},
    Alias{"academy", OrganisationKind::education},
    Alias{"college", OrganisationKind::education},
    Alias{"university", OrganisationKind::education},
    Alias{"other", OrganisationKind::other},
};

struct Keyword {
    std::string_view first;  // a word
    std::string_view second; // the word after it, or empty
    OrganisationKind kind;
};

// Searched in this order: the more specific services before the catch-all "county"/"authority".
constexpr std::array kind_keywords{
    Keyword{"ambulance", {}, OrganisationKind::ambulance},
    Keyword{"fire", {}, OrganisationKind::fire},
    Keyword{"police", {}, OrganisationKind::police},
    Keyword{"constabulary", {}, OrganisationKind::police},
    Keyword{"nhs", {}, OrganisationKind::nhs},
    Keyword{"health", {}, OrganisationKind::nhs},
    Keyword{"hospital", {}, OrganisationKind::nhs},
    Keyword{"hospitals", {}, OrganisationKind::nhs},
    Keyword{"clinical", "commissioning", OrganisationKind::nhs},
    Keyword{"school", {}, OrganisationKind::education},
    Keyword{"schools", {}, OrganisationKind::education},
    Keyword{"academy", {}, OrganisationKind::education},
    Keyword{"academies", {}, OrganisationKind::education},
    Keyword{"college", {}, OrganisationKind::education},
    Keyword{"university", {}, OrganisationKind::education},
    Keyword{"education", {}, OrganisationKind::education},
    Keyword{"government", {}, OrganisationKind::central_government},
    Keyword{"ministry", {}, OrganisationKind::central_government},
    Keyword{"department", "for", OrganisationKind::central_government},
    Keyword{"hm", {}, OrganisationKind::central_government},
    Keyword{"council", {}, OrganisationKind::council},
    Keyword{"borough", {}, OrganisationKind::council},
    Keyword{"district", {}, OrganisationKind::council},
    Keyword{"county", {}, OrganisationKind::council},
    Keyword{"authority", {}, OrganisationKind::council},
};

bool all_digits(std::string_view text) noexcept {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view digits) noexcept {
    int value = 0;
    for (const char c : digits) {
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

const char *organisation_kind_name(OrganisationKind kind) noexcept {
    switch (kind) {
    case OrganisationKind::council: return "council";
    case OrganisationKind::nhs: return "nhs";
    case OrganisationKind::police: return "police";
    case OrganisationKind::fire: return "fire";
    case OrganisationKind::ambulance: return "ambulance";
    case OrganisationKind::central_government: return "central_government";
    case OrganisationKind::education: return "education";
    case OrganisationKind::other: return "other";
    }
    return "other";
}

std::optional<OrganisationKind> parse_organisation_kind(std::string_view text) {
    const std::string key = squeeze(trim(text));
    if (key.empty()) {
        return std::nullopt;
    }
    for (const auto &alias : kind_aliases) {
        if (alias.text == key) {
            return alias.kind;
        }
    }
    const auto list = words(text);
    for (const auto &keyword : kind_keywords) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (list[i] == keyword.first &&
                (keyword.second.empty() || (i + 1 < list.size() && list[i + 1] == keyword.second))) {
                return keyword.kind;
            }
        }
    }
    return std::nullopt;
}

const char *tenure_name(Tenure tenure) noexcept {
    switch (tenure) {
    case Tenure::freehold: return "freehold";
    case Tenure::leasehold: return "leasehold";
    case Tenure::other: return "other";
    case Tenure::unknown: return "unknown";
    }
    return "unknown";
}

Tenure parse_tenure(std::string_view text) {
    const std::string body = to_lower(trim(text));
    if (body.empty() || body == "-" || body == "?" || body == "n/a" || body == "na" || body == "unknown" ||
        body == "not known" || body == "tbc") {
        return Tenure::unknown;
    }
    const std::string key = squeeze(body);
    if (key == "fh" || key == "owned" || key == "own" || key == "owneroccupied" ||
        key.find("freehold") != std::string::npos) {
        return Tenure::freehold;
    }
    if (key == "lh" || key == "lease" || key == "leased" || key == "rented" || key == "rent" || key == "tenant" ||
        key == "tenancy" || key.find("leasehold") != std::string::npos) {
        return Tenure::leasehold;
    }
    return Tenure::other;
}

std::optional<bool> parse_flag(std::string_view text) {
    const std::string key = to_lower(trim(text));
    if (key == "1" || key == "true" || key == "yes" || key == "y" || key == "t") {
        return true;
    }
    if (key == "0" || key == "false" || key == "no" || key == "n" || key == "f") {
        return false;
    }
    return std::nullopt;
}

std::vector<std::string> parse_services(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find_first_of(";,|", start);
        const auto part = trim(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (!part.empty()) {
            std::string service = to_lower(part);
            if (std::find(out.begin(), out.end(), service) == out.end()) {
                out.push_back(std::move(service));
            }
        }
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    return out;
}

std::optional<std::string> parse_iso_date(std::string_view text) {
    const auto body = trim(text);
    if (body.size() < 10) {
        return std::nullopt;
    }
    const char separator = body[4];
    if ((separator != '-' && separator != '/') || body[7] != separator) {
        return std::nullopt;
    }
    const auto year_text = body.substr(0, 4);
    const auto month_text = body.substr(5, 2);
    const auto day_text = body.substr(8, 2);
    if (!all_digits(year_text) || !all_digits(month_text) || !all_digits(day_text)) {
        return std::nullopt;
    }
    if (body.size() > 10 && body[10] != 'T' && body[10] != ' ') {
        return std::nullopt;
    }
    const int year = to_int(year_text);
    const int month = to_int(month_text);
    const int day = to_int(day_text);
    if (month < 1 || month > 12 || day < 1) {
        return std::nullopt;
    }
    static constexpr std::array<int, 12> days_in_month{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int last = days_in_month[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
    if (day > last) {
        return std::nullopt;
    }
    std::string out(body.substr(0, 10));
    out[4] = '-';
    out[7] = '-';
    return out;
}

bool Asset::offers(std::string_view service) const {
    const auto wanted = trim(service);
    return std::any_of(services.begin(), services.end(),
                       [&](const std::string &s) { return iequals(s, wanted); });
}

bool Estate::has(std::string_view field) const noexcept {
    return std::find(mapped.begin(), mapped.end(), field) != mapped.end();
}

void Estate::require(std::string_view field, std::string_view needed_by) const {
    if (has(field)) {
        return;
    }
    throw Error(Errc::argument,
                std::string(needed_by) + " needs the asset field '" + std::string(field) +
                    "', which is not mapped; map it with --field " + std::string(field) + "=COLUMN",
                SourceRef{source, {}, std::nullopt, {}});
}

} // namespace pooled::model
