#pragma once
// What TOML readers (schema files, scenario files) say about a value's type in messages
// (internal, not installed).

#include <toml++/toml.h>

namespace pooled::detail {

/// "a string", "an integer", "a table", ... for "expected X, found Y" messages.
const char *toml_type_name(toml::node_type type) noexcept;

} // namespace pooled::detail
