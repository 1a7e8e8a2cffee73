// Plain-words moves of a consolidation.

#include "colocation/consolidation_text.hpp"

#include <cmath>
#include <cstdio>

namespace pooled::colocation::detail {

namespace {

std::string name_of(const ConsolidationAsset &asset) { return asset.name.empty() ? asset.id : asset.name; }

/// "300 m2 spare", "room for 1,200 more people", or (negative) "50 people over capacity".
std::string spare_words(double spare, CapacityBasis basis) {
    const bool area = basis == CapacityBasis::floor_area;
    if (spare < -0.5) {
        return count_words(-spare) + (area ? " m2" : " people") + " over capacity";
    }
    return area ? count_words(spare) + " m2 spare" : "room for " + count_words(spare) + " more people";
}

} // namespace

std::string distance_words(double metres) {
    char buffer[32];
    if (metres < 995.0) {
        std::snprintf(buffer, sizeof buffer, "%.0f m", std::round(metres / 10.0) * 10.0);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.1f km", std::round(metres / 100.0) / 10.0);
    }
    return buffer;
}

std::string count_words(double value) {
    const double whole = std::round(value);
    char digits[32];
    std::snprintf(digits, sizeof digits, "%.0f", std::fabs(whole));
    std::string text = digits;
    for (auto at = static_cast<std::ptrdiff_t>(text.size()) - 3; at > 0; at -= 3) {
        text.insert(static_cast<std::size_t>(at), ",");
    }
    return (whole < 0.0 ? "-" : "") + text;
}

std::string move_words(const Move &move, std::span<const ConsolidationAsset> assets, CapacityBasis basis,
                       const std::string &service) {
    const std::string from = name_of(assets[move.from]);
    if (move.to == no_site) {
        return "Close the " + service + " at " + from + ": its " + count_words(move.demand) +
               " people reach no kept " + service;
    }
    const std::string to = name_of(assets[move.to]);
    const std::string away = std::isnan(move.distance_m) ? "" : ", " + distance_words(move.distance_m) + " away";
    if (move.demand == 0.0) {
        return "Close the " + service + " at " + from + " (no zone's nearest); the nearest kept " + service + " is " +
               to + away;
    }
    std::string text = "Move the " + service + " from " + from + " into " + to + away;
    if (basis != CapacityBasis::none && !std::isnan(move.spare_before)) {
        text += std::string(move.spare_before < -0.5 ? ", which is " : ", which has ") +
                spare_words(move.spare_before, basis) + " now (" + spare_words(move.spare_after, basis) +
                " after the changes)";
    }
    const double elsewhere = move.demand - move.demand_to - move.demand_lost;
    if (elsewhere >= 0.5) {
        text += "; " + count_words(elsewhere) + " of its " + count_words(move.demand) + " people go to another kept " +
                service;
    }
    if (move.demand_lost >= 0.5) {
        text += "; " + count_words(move.demand_lost) + " of its " + count_words(move.demand) + " people reach no kept " +
                service;
    }
    return text;
}

} // namespace pooled::colocation::detail
