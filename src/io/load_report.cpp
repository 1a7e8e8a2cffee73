#include <pooled/io/load_report.hpp>

namespace pooled::io {

const char *issue_kind_name(IssueKind kind) noexcept {
    switch (kind) {
    case IssueKind::missing_geometry: return "missing_geometry";
    case IssueKind::invalid_geometry: return "invalid_geometry";
    case IssueKind::mixed_geometry: return "mixed_geometry";
    case IssueKind::not_a_number: return "not_a_number";
    case IssueKind::negative_value: return "negative_value";
    case IssueKind::duplicate_id: return "duplicate_id";
    case IssueKind::outside_area: return "outside_area";
    case IssueKind::missing_value: return "missing_value";
    }
    return "unknown";
}

const char *issue_action_name(IssueAction action) noexcept {
    switch (action) {
    case IssueAction::skipped: return "skipped";
    case IssueAction::repaired: return "repaired";
    case IssueAction::kept: return "kept";
    }
    return "unknown";
}

void LoadReport::add(Issue issue) {
    by_kind[static_cast<std::size_t>(issue.kind)] += 1;
    if (issues.size() < max_kept_issues) {
        issues.push_back(std::move(issue));
    }
}

std::size_t LoadReport::issue_count() const noexcept {
    std::size_t total = 0;
    for (const auto n : by_kind) {
        total += n;
    }
    return total;
}

} // namespace pooled::io
