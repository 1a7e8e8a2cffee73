// The co-location compatibility table: parsing the CSV, resolving aliases, answering "may these
// two services share a building".

#include <pooled/colocation/compatibility.hpp>

#include <pooled/core/error.hpp>

#include "colocation/default_compatibility.hpp"
#include "core/text.hpp"

#include <fstream>
#include <sstream>
#include <vector>

namespace pooled::colocation {

namespace {

using pooled::detail::trim;

/// The first three comma-separated fields and the rest of the line (the reason).
struct Row {
    std::vector<std::string> fields;
    std::string rest;
};

Row split_row(std::string_view line) {
    Row row;
    std::size_t start = 0;
    while (row.fields.size() < 3) {
        const std::size_t comma = line.find(',', start);
        row.fields.emplace_back(trim(line.substr(start, comma == std::string_view::npos ? line.npos : comma - start)));
        if (comma == std::string_view::npos) {
            return row;
        }
        start = comma + 1;
    }
    row.rest = std::string(trim(line.substr(start)));
    return row;
}

const char *const field_names[] = {"service", "other_service", "rule"};

} // namespace

std::string normalise_name(std::string_view service) {
    std::string out;
    bool space = false;
    for (const char c : trim(service)) {
        if (c == ' ' || c == '\t') {
            space = true;
            continue;
        }
        if (space && !out.empty()) {
            out.push_back(' ');
        }
        space = false;
        out.push_back(pooled::detail::lower(c));
    }
    return out;
}

CompatibilityTable CompatibilityTable::parse(std::string_view text, const std::string &source) {
    CompatibilityTable table;
    table.m_source = source;
    const auto error = [&](std::size_t line, const std::string &problem, const char *field) {
        return Error(Errc::data, "line " + std::to_string(line) + ": " + problem, SourceRef{source, {}, {}, field ? field : ""});
    };

    // Rows are read first, then aliases resolved, so rows may come in any order.
    struct Parsed {
        std::string a, b, rule, reason;
        std::size_t line;
    };
    std::vector<Parsed> rows;
    bool header = false;
    std::size_t line_number = 0;
    std::istringstream in{std::string(text)};
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        const std::string_view content = trim(line);
        if (content.empty() || content.front() == '#') {
            continue;
        }
        Row row = split_row(content);
        if (!header) {
            if (row.fields.size() < 3 || normalise_name(row.fields[0]) != "service" ||
                normalise_name(row.fields[1]) != "other_service" || normalise_name(row.fields[2]) != "rule") {
                throw error(line_number, "expected the header 'service,other_service,rule,reason', found '" +
                                             std::string(content) + "'",
                            nullptr);
            }
            header = true;
            continue;
        }
        if (row.fields.size() < 3) {
            throw error(line_number, "expected service,other_service,rule[,reason], found " +
                                         std::to_string(row.fields.size()) + " field(s)",
                        field_names[row.fields.size()]);
        }
        for (std::size_t k = 0; k < 2; ++k) {
            if (row.fields[k].empty()) {
                throw error(line_number, "the service name is empty", field_names[k]);
            }
        }
        const std::string rule = normalise_name(row.fields[2]);
        if (rule != "yes" && rule != "no" && rule != "alias") {
            throw error(line_number, "unknown rule '" + row.fields[2] + "' (expected yes, no or alias)", "rule");
        }
        rows.push_back({normalise_name(row.fields[0]), normalise_name(row.fields[1]), rule, row.rest, line_number});
    }
    if (!header) {
        throw Error(Errc::data, "the compatibility table is empty (no header 'service,other_service,rule,reason')",
                    SourceRef{source, {}, {}, {}});
    }

    std::map<std::string, std::size_t> alias_line;
    for (const Parsed &r : rows) {
        if (r.rule != "alias") {
            continue;
        }
        if (r.a == r.b) {
            throw error(r.line, "'" + r.b + "' is given as an alias of itself", "other_service");
        }
        const auto [it, added] = table.m_aliases.emplace(r.b, r.a);
        if (!added && it->second != r.a) {
            throw error(r.line, "'" + r.b + "' is an alias of both '" + it->second + "' and '" + r.a + "'", "other_service");
        }
        alias_line.emplace(r.b, r.line);
    }
    for (const Parsed &r : rows) {
        if (r.rule == "alias" && table.m_aliases.count(r.a)) {
            throw error(r.line, "'" + r.a + "' is itself an alias (line " + std::to_string(alias_line[r.a]) +
                                    "): name the service it stands for",
                        "service");
        }
    }
    for (const Parsed &r : rows) {
        const std::string a = table.m_aliases.count(r.a) ? table.m_aliases.at(r.a) : r.a;
        table.m_services.insert(a);
        if (r.rule == "alias") {
            continue;
        }
        const std::string b = table.m_aliases.count(r.b) ? table.m_aliases.at(r.b) : r.b;
        table.m_services.insert(b);
        const auto key = a <= b ? std::pair(a, b) : std::pair(b, a);
        const Rule rule{r.rule == "yes", r.reason, r.line};
        const auto [it, added] = table.m_rules.emplace(key, rule);
        if (!added && it->second.compatible != rule.compatible) {
            throw error(r.line, "the pair ('" + key.first + "', '" + key.second + "') is given as " + r.rule +
                                    " here and as " + (it->second.compatible ? "yes" : "no") + " on line " +
                                    std::to_string(it->second.line),
                        "rule");
        }
    }
    return table;
}

std::optional<std::string> CompatibilityTable::canonical(std::string_view service) const {
    std::string name = normalise_name(service);
    if (const auto alias = m_aliases.find(name); alias != m_aliases.end()) {
        return alias->second;
    }
    if (m_services.count(name)) {
        return name;
    }
    return std::nullopt;
}

bool CompatibilityTable::compatible(std::string_view a, std::string_view b) const {
    const auto ca = canonical(a);
    const auto cb = canonical(b);
    if (!ca || !cb) {
        return false;
    }
    const auto rule = m_rules.find(*ca <= *cb ? std::pair(*ca, *cb) : std::pair(*cb, *ca));
    return rule != m_rules.end() && rule->second.compatible;
}

std::string CompatibilityTable::reason(std::string_view a, std::string_view b) const {
    const auto ca = canonical(a);
    const auto cb = canonical(b);
    if (!ca || !cb) {
        return {};
    }
    const auto rule = m_rules.find(*ca <= *cb ? std::pair(*ca, *cb) : std::pair(*cb, *ca));
    return rule == m_rules.end() ? std::string() : rule->second.reason;
}

const CompatibilityTable &default_compatibility() {
    static const CompatibilityTable table =
        CompatibilityTable::parse(detail::default_compatibility_csv, "default compatibility table (share/pooled/compatibility.csv)");
    return table;
}

CompatibilityTable read_compatibility(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(Errc::io, "cannot read the compatibility table", SourceRef{path, {}, {}, {}});
    }
    std::ostringstream text;
    text << in.rdbuf();
    return CompatibilityTable::parse(text.str(), path);
}

} // namespace pooled::colocation
