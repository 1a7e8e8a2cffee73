#pragma once
// --as, --schema and --field: read a layer as assets, zones or service users, mapping the
// user's columns onto the data model, and summarise what the mapping gave.

#include <pooled/io/layer.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/io/schema.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pooled::cli {

struct ModelOptions {
    std::string role;                ///< "", "assets", "zones" or "users"
    std::string schema_file;
    std::vector<std::string> fields; ///< NAME=COLUMN overrides

    void add_to(CLI::App &app);
    bool active() const noexcept { return !role.empty(); }
    /// The schema from --schema and --field (without guesses).
    io::Schema schema() const;
    /// The schema for one layer: the given one, with unmapped fields guessed from its columns.
    io::Schema schema_for(const io::Schema &base, const io::LayerInfo &info) const;
    /// `base` plus the id and numeric checks of the role's mapped columns.
    io::ReadOptions read_options(const io::Schema &schema, const io::ReadOptions &base) const;
    /// Converts the layer into the model and summarises it (counts, totals, the mapping).
    /// @throws Error naming file, layer, feature and field for a value that does not convert.
    nlohmann::ordered_json summarise(const io::Schema &schema, const io::Layer &layer) const;
};

/// One line of text for a summary made by ModelOptions::summarise.
std::string describe_model_summary(const nlohmann::ordered_json &summary);

} // namespace pooled::cli
