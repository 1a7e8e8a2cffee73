#pragma once
/// @file
/// @brief The variable specification of a classification: which census counts make each variable.
///
/// A spec is a CSV file with the header `name,numerator,denominator`, one variable a row:
/// ```
/// name,numerator,denominator
/// flats,ts0440005+ts0440006+ts0440007+ts0440008,ts0440001
/// pop_density,ts0060001,
/// ```
/// The numerator is a column or several joined by `+` (summed); the denominator a column (a
/// table total), so the variable is the percentage 100 x numerator / denominator. A row with an
/// empty denominator uses the numerator as it is (a rate or a matrix prepared elsewhere). Blank
/// lines and lines starting with `#` are ignored. share/pooled/oac2021_variables.csv is the spec
/// pooled ships for the Census 2021 Output Area tables.

#include <pooled/core/error.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pooled::segmentation {

/// One variable: a percentage of census counts, or a count used as it is.
struct Variable {
    std::string name;                   ///< unique within the spec
    std::vector<std::string> numerator; ///< columns summed, at least one
    std::string denominator;            ///< the total; empty = the numerator is used as it is
    std::size_t line = 0;               ///< line of the spec file (the header is line 1); 0 = not from a spec file

    /// "variable spec, line 3 (variable 'flats')", or "variable 'flats'" when line is 0: for messages.
    POOLED_CXX_API std::string describe() const;
};

/// The variables of a classification, in order (the order of the data matrix's columns).
struct POOLED_CXX_API VariableSpec {
    std::vector<Variable> variables;
    std::string source; ///< the spec file, for messages

    /// The variables' names, in order.
    std::vector<std::string> names() const;
    /// Every column the spec names (numerators and denominators), once each, in order of first use.
    std::vector<std::string> columns() const;
    /// A SourceRef naming the spec file (and `column` as field).
    SourceRef ref(std::string column = {}) const { return SourceRef{source, {}, std::nullopt, std::move(column)}; }
};

/// Parses a spec from text; `source` names it in messages.
/// @throws Error (Errc::data) naming the source and line for a wrong header, a row without
///         three fields, an empty name or numerator part, a repeated name, or a spec without variables.
POOLED_CXX_API VariableSpec parse_variable_spec(std::string_view text, const std::string &source);

/// Reads and parses a spec file. @throws Error (Errc::io) if it cannot be read; see parse_variable_spec.
POOLED_CXX_API VariableSpec read_variable_spec(const std::string &path);

/// Checks that every column the spec names is among `available` (e.g. a layer's fields).
/// @throws Error (Errc::argument) naming the spec file, the line and variable, the missing
///         column with a "did you mean" hint, and `layer` (what the columns were looked up in).
POOLED_CXX_API void check_columns(const VariableSpec &spec, const std::vector<std::string> &available,
                                  const std::string &layer);

} // namespace pooled::segmentation
