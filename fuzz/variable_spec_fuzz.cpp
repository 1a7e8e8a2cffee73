// The segmentation variable spec (segmentation::parse_variable_spec, `pooled segment
// --variables FILE`). Properties (variables.hpp): an accepted spec has variables with unique,
// non-empty names and non-empty numerator columns; columns() lists each column once; and
// check_columns accepts exactly the columns the spec names (and refuses when one is missing).

#include "harness.hpp"

#include <pooled/segmentation/variables.hpp>

#include <set>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    using namespace pooled::segmentation;
    const std::string_view text = pooled::fuzz::text_of(data, size);
    pooled::fuzz::refusals_are_pooled_errors([&] {
        const VariableSpec spec = parse_variable_spec(text, "fuzz.csv");
        if (spec.variables.empty()) {
            pooled::fuzz::finding("a spec without variables was accepted");
        }
        std::set<std::string> names;
        for (const Variable &variable : spec.variables) {
            if (variable.name.empty() || !names.insert(variable.name).second || variable.numerator.empty() ||
                variable.line < 2) {
                pooled::fuzz::finding("variable '" + variable.name + "' is unnamed, repeated, has no numerator or no line");
            }
            for (const std::string &column : variable.numerator) {
                if (column.empty()) {
                    pooled::fuzz::finding("variable '" + variable.name + "' has an empty numerator column");
                }
            }
        }
        const std::vector<std::string> columns = spec.columns();
        if (std::set<std::string>(columns.begin(), columns.end()).size() != columns.size()) {
            pooled::fuzz::finding("columns() repeats a column");
        }
        check_columns(spec, columns, "fuzz layer"); // must not throw: every column is there
        std::vector<std::string> all_but_last(columns.begin(), columns.end() - 1);
        try {
            check_columns(spec, all_but_last, "fuzz layer");
        } catch (const pooled::Error &) {
            return; // refused, as it must be
        }
        pooled::fuzz::finding("check_columns accepted a layer without column '" + columns.back() + "'");
    });
    return 0;
}
