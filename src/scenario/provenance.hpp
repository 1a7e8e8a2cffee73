#pragma once
// provenance.json: what a run read (paths as written in the scenario, sizes, SHA-256), its
// parameters, seed and the pooled version, so it can be reproduced (internal).

#include <pooled/scenario/scenario.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pooled::scenario::detail {

/// Every input file of the scenario as {role, path as given, resolved path}.
struct InputFile {
    std::string role;
    std::string as_given;
    std::string path; ///< resolved; a connection string is kept as it is
};
std::vector<InputFile> input_files(const Scenario &scenario);

/// The scenario's settings as JSON, with paths as written (never resolved: those depend on the machine).
nlohmann::ordered_json parameters_json(const Scenario &scenario);

/// The whole provenance document.
nlohmann::ordered_json provenance_json(const Scenario &scenario);

} // namespace pooled::scenario::detail
