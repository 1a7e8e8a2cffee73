#include <pooled/scenario/compare.hpp>

#include <pooled/core/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace pooled::scenario {

namespace {
using json = nlohmann::ordered_json;

json read_summary(const std::string &where) {
    const fs::path path = fs::is_directory(where) ? fs::path(where) / "summary.json" : fs::path(where);
    const SourceRef ref{path.string(), {}, std::nullopt, {}};
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(Errc::io, "cannot read the run summary (is it the output directory of `pooled run`?)", ref);
    }
    json document;
    try {
        document = json::parse(in);
    } catch (const json::exception &e) {
        throw Error(Errc::data, std::string("not a run summary: ") + e.what(), ref);
    }
    if (!document.is_object() || !document.contains("stages") || !document["stages"].is_object()) {
        throw Error(Errc::data, "not a run summary: no \"stages\" object", ref);
    }
    return document;
}

/// Every number under `node`, as (dotted path, value), in document order.
void numbers(const json &node, const std::string &path, std::vector<std::pair<std::string, double>> &out) {
    if (node.is_number()) {
        out.emplace_back(path, node.get<double>());
    } else if (node.is_object()) {
        for (const auto &[key, value] : node.items()) {
            numbers(value, path.empty() ? key : path + "." + key, out);
        }
    }
}

std::vector<std::pair<std::string, double>> figures(const json &summary) {
    std::vector<std::pair<std::string, double>> out;
    numbers(summary["stages"], "", out);
    if (summary.contains("layers")) {
        numbers(summary["layers"], "layers", out);
    }
    return out;
}
} // namespace

std::vector<FigureChange> compare_runs(const std::string &a, const std::string &b) {
    const auto before = figures(read_summary(a));
    const auto after = figures(read_summary(b));
    std::vector<FigureChange> changes;
    for (const auto &[name, value] : before) {
        changes.push_back(FigureChange{name, value, std::nullopt});
    }
    for (const auto &figure : after) {
        // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
        const auto it = std::find_if(changes.begin(), changes.end(),
                                     [&](const FigureChange &c) { return c.figure == figure.first; });
        if (it == changes.end()) {
            changes.push_back(FigureChange{figure.first, std::nullopt, figure.second});
        } else {
            it->after = figure.second;
        }
    }
    return changes;
}

} // namespace pooled::scenario
