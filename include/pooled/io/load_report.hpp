#pragma once
/// @file
/// @brief What happened to each problem record while loading a layer.

#include <pooled/core/error.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace pooled::io {

/// The caller's policy for a bad feature.
enum class OnInvalid {
    fail,   ///< stop at the first bad feature with an Error naming it (DEFAULT)
    skip,   ///< leave the feature out and record an Issue
    repair, ///< repair what can be repaired (invalid geometry, via GEOS MakeValid); skip the rest
};

/// Kinds of per-record problem. Append only (they appear in JSON output).
enum class IssueKind {
    missing_geometry,  ///< null or empty geometry
    invalid_geometry,  ///< not OGC-valid (self-intersection, ring not closed, ...)
    mixed_geometry,    ///< a point in a polygon layer, or the like
    not_a_number,      ///< a numeric field holds text
    negative_value,    ///< a count, area or cost below zero
    duplicate_id,      ///< the id was already seen in this layer
    outside_area,      ///< coordinates far outside the CRS's area of use or the study area
    missing_value,     ///< a required field is empty
};
inline constexpr std::size_t issue_kind_count = 8;

/// Short snake_case name: "invalid_geometry", ...
POOLED_CXX_API const char *issue_kind_name(IssueKind kind) noexcept;

/// What was done about a problem.
enum class IssueAction { skipped, repaired, kept };
POOLED_CXX_API const char *issue_action_name(IssueAction action) noexcept;

/// One problem with one record.
struct Issue {
    IssueKind kind = IssueKind::invalid_geometry;
    IssueAction action = IssueAction::skipped;
    SourceRef where;     ///< file, layer, feature id, field
    std::string problem; ///< "Self-intersection at (431200 382100)"
};

/// Counts are always exact; only the first `max_kept_issues` issues are kept verbatim.
struct POOLED_CXX_API LoadReport {
    static constexpr std::size_t max_kept_issues = 1000;

    std::size_t read = 0;     ///< features read from the source
    std::size_t loaded = 0;   ///< features kept (read - skipped)
    std::size_t skipped = 0;
    std::size_t repaired = 0;
    std::array<std::size_t, issue_kind_count> by_kind{}; ///< issues per IssueKind
    std::vector<Issue> issues;

    void add(Issue issue);
    std::size_t issue_count() const noexcept;
    std::size_t count(IssueKind kind) const noexcept { return by_kind[static_cast<std::size_t>(kind)]; }
};

} // namespace pooled::io
