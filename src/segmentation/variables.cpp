#include <pooled/segmentation/variables.hpp>

#include "core/text.hpp"

#include <fstream>
#include <set>
#include <sstream>

namespace pooled::segmentation {

namespace {

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(separator, start);
        parts.emplace_back(detail::trim(text.substr(start, end == std::string_view::npos ? end : end - start)));
        if (end == std::string_view::npos) {
            return parts;
        }
        start = end + 1;
    }
}

Error spec_error(const std::string &source, std::size_t line, const std::string &problem) {
    return Error(Errc::data, "variable spec, line " + std::to_string(line) + ": " + problem,
                 SourceRef{source, {}, std::nullopt, {}});
}

} // namespace

std::string Variable::describe() const {
    const std::string variable = "variable '" + name + "'";
    return line == 0 ? variable : "variable spec, line " + std::to_string(line) + " (" + variable + ")";
}

std::vector<std::string> VariableSpec::names() const {
    std::vector<std::string> out;
    out.reserve(variables.size());
    for (const auto &v : variables) {
        out.push_back(v.name);
    }
    return out;
}

std::vector<std::string> VariableSpec::columns() const {
    std::vector<std::string> out;
    std::set<std::string> seen;
    auto add = [&](const std::string &column) {
        if (!column.empty() && seen.insert(column).second) {
            out.push_back(column);
        }
    };
    for (const auto &v : variables) {
        for (const auto &c : v.numerator) {
            add(c);
        }
        add(v.denominator);
    }
    return out;
}

VariableSpec parse_variable_spec(std::string_view text, const std::string &source) {
    VariableSpec spec;
    spec.source = source;
    std::set<std::string> names;
    bool header_seen = false;
    std::size_t line_number = 0;
    std::istringstream in{std::string(text)};
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        const std::string_view content = detail::trim(line);
        if (content.empty() || content.front() == '#') {
            continue;
        }
        if (content.find('"') != std::string_view::npos) {
            throw spec_error(source, line_number, "quoted fields are not supported; names and columns need no quotes");
        }
        const auto fields = split(content, ',');
        if (!header_seen) {
            if (fields != std::vector<std::string>{"name", "numerator", "denominator"}) {
                throw spec_error(source, line_number,
                                 "the header must be 'name,numerator,denominator', found '" + std::string(content) + "'");
            }
            header_seen = true;
            continue;
        }
        if (fields.size() != 3) {
            throw spec_error(source, line_number,
                             "expected 3 fields (name,numerator,denominator), found " + std::to_string(fields.size()));
        }
        Variable variable{fields[0], split(fields[1], '+'), fields[2], line_number};
        if (variable.name.empty()) {
            throw spec_error(source, line_number, "the variable has no name");
        }
        for (const auto &part : variable.numerator) {
            if (part.empty()) {
                throw spec_error(source, line_number,
                                 "variable '" + variable.name + "': empty column in numerator '" + fields[1] + "'");
            }
        }
        if (!names.insert(variable.name).second) {
            throw spec_error(source, line_number, "variable '" + variable.name + "' is defined twice");
        }
        spec.variables.push_back(std::move(variable));
    }
    if (spec.variables.empty()) {
        throw spec_error(source, line_number, header_seen ? "no variables after the header" : "empty spec (no header)");
    }
    return spec;
}

VariableSpec read_variable_spec(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(Errc::io, "cannot read the variable spec", SourceRef{path, {}, std::nullopt, {}});
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_variable_spec(text.str(), path);
}

void check_columns(const VariableSpec &spec, const std::vector<std::string> &available, const std::string &layer) {
    const std::set<std::string> present(available.begin(), available.end());
    for (const auto &v : spec.variables) {
        std::vector<std::string> used = v.numerator;
        if (!v.denominator.empty()) {
            used.push_back(v.denominator);
        }
        for (const auto &column : used) {
            if (!present.contains(column)) {
                throw Error(Errc::argument,
                            v.describe() + ": no column '" + column + "' in " + layer + detail::did_you_mean(column, available),
                            spec.ref(column));
            }
        }
    }
}

} // namespace pooled::segmentation
