#include "scenario/toml_checker.hpp"

#include <pooled/core/error.hpp>
#include <pooled/core/units.hpp>
#include <pooled/io/layer.hpp>

#include "core/text.hpp"
#include "io/toml_text.hpp"

#include <algorithm>
#include <cmath>

namespace fs = std::filesystem;

namespace pooled::scenario::detail {

using pooled::detail::did_you_mean;
using pooled::detail::join;
using pooled::detail::number_text;
using pooled::detail::toml_type_name;

namespace {
std::string dotted(const std::string &prefix, const std::string &key) {
    return prefix.empty() ? key : prefix + "." + key;
}

std::string quoted_list(const std::vector<std::string> &choices) {
    std::vector<std::string> quoted;
    for (const auto &c : choices) {
        quoted.push_back("\"" + c + "\"");
    }
    return join(quoted);
}

// An element as a message shows it: "ten minutes" (quoted) for text, 0 for a number, else its type.
std::string found(const toml::node &item) {
    if (item.is_string()) {
        return "\"" + std::string(item.as_string()->get()) + "\"";
    }
    if (item.is_integer()) {
        return std::to_string(item.as_integer()->get());
    }
    if (item.is_floating_point()) {
        return number_text(item.as_floating_point()->get());
    }
    return toml_type_name(item.type());
}

// GDAL connection strings and virtual file systems are passed on as written.
bool is_connection_string(const std::string &text) {
    return text.rfind("PG:", 0) == 0 || text.rfind("/vsi", 0) == 0 || text.find('=') != std::string::npos;
}
} // namespace

std::size_t TomlChecker::line_of(const toml::node &node) noexcept {
    return node.source().begin.line;
}

void TomlChecker::problem(const toml::node *node, const std::string &key, const std::string &message,
                          std::size_t fallback_line) {
    std::size_t line = node ? line_of(*node) : 0;
    if (line == 0) {
        line = fallback_line;
    }
    m_problems.push_back(ScenarioProblem{m_file, line, key, message});
}

void TomlChecker::wrong_type(const toml::node &node, const std::string &key, const std::string &expected) {
    problem(&node, key, "expected " + expected + ", found " + toml_type_name(node.type()));
}

void TomlChecker::only_keys(const toml::table &table, const std::string &prefix, const std::vector<std::string> &valid,
                            const char *what) {
    for (auto &&[key, node] : table) {
        const std::string name(key.str());
        if (std::find(valid.begin(), valid.end(), name) == valid.end()) {
            // The key's own line: a table's node may begin elsewhere (its first key).
            const std::size_t line = key.source().begin.line;
            const std::string message = std::string("unknown ") + what + did_you_mean(name, valid) + "; valid: " + join(valid);
            problem(line != 0 ? nullptr : &node, dotted(prefix, name), message, line);
        }
    }
}

const toml::table *TomlChecker::table(const toml::table &parent, const std::string &prefix, const std::string &key) {
    const toml::node *node = parent.get(key);
    if (!node) {
        return nullptr;
    }
    if (!node->is_table()) {
        wrong_type(*node, dotted(prefix, key), "a table");
        return nullptr;
    }
    return node->as_table();
}

std::optional<std::string> TomlChecker::text(const toml::table &t, const std::string &prefix, const std::string &key) {
    const toml::node *node = t.get(key);
    if (!node) {
        return std::nullopt;
    }
    if (!node->is_string()) {
        wrong_type(*node, dotted(prefix, key), "a string");
        return std::nullopt;
    }
    return std::string(pooled::detail::trim(node->as_string()->get()));
}

std::optional<std::string> TomlChecker::choice(const toml::table &t, const std::string &prefix, const std::string &key,
                                               const std::vector<std::string> &choices) {
    auto value = text(t, prefix, key);
    if (value && std::find(choices.begin(), choices.end(), *value) == choices.end()) {
        problem(t.get(key), dotted(prefix, key),
                "unknown value \"" + *value + "\"" + did_you_mean(*value, choices) + "; expected one of " +
                    quoted_list(choices));
        return std::nullopt;
    }
    return value;
}

std::optional<bool> TomlChecker::flag(const toml::table &t, const std::string &prefix, const std::string &key) {
    const toml::node *node = t.get(key);
    if (!node) {
        return std::nullopt;
    }
    if (!node->is_boolean()) {
        wrong_type(*node, dotted(prefix, key), "true or false");
        return std::nullopt;
    }
    return node->as_boolean()->get();
}

std::optional<std::int64_t> TomlChecker::integer(const toml::table &t, const std::string &prefix, const std::string &key,
                                                 std::int64_t minimum, std::int64_t maximum) {
    const toml::node *node = t.get(key);
    if (!node) {
        return std::nullopt;
    }
    const std::string range = maximum == std::numeric_limits<std::int64_t>::max()
                                  ? ">= " + std::to_string(minimum)
                                  : "from " + std::to_string(minimum) + " to " + std::to_string(maximum);
    if (!node->is_integer()) {
        wrong_type(*node, dotted(prefix, key), "a whole number " + range);
        return std::nullopt;
    }
    const std::int64_t value = node->as_integer()->get();
    if (value < minimum || value > maximum) {
        problem(node, dotted(prefix, key), "expected a whole number " + range + ", found " + std::to_string(value));
        return std::nullopt;
    }
    return value;
}

std::optional<double> TomlChecker::number(const toml::table &t, const std::string &prefix, const std::string &key,
                                          double minimum, double maximum) {
    const toml::node *node = t.get(key);
    if (!node) {
        return std::nullopt;
    }
    const std::string range = "from " + number_text(minimum) + " to " + number_text(maximum);
    if (!node->is_number()) {
        wrong_type(*node, dotted(prefix, key), "a number " + range);
        return std::nullopt;
    }
    const double value = node->is_integer() ? static_cast<double>(node->as_integer()->get())
                                            : node->as_floating_point()->get();
    if (!(value >= minimum && value <= maximum)) {
        problem(node, dotted(prefix, key), "expected a number " + range + ", found " + number_text(value));
        return std::nullopt;
    }
    return value;
}

std::optional<double> TomlChecker::duration(const toml::table &t, const std::string &prefix, const std::string &key) {
    return cost(t, prefix, key, "seconds");
}

std::optional<double> TomlChecker::distance(const toml::table &t, const std::string &prefix, const std::string &key) {
    return cost(t, prefix, key, "metres");
}

std::optional<double> TomlChecker::cost(const toml::table &t, const std::string &prefix, const std::string &key,
                                        const std::string &unit) {
    const toml::node *node = t.get(key);
    if (!node) {
        return std::nullopt;
    }
    const bool seconds = unit == "seconds";
    const char *expected = seconds ? "a duration like \"10min\"" : "a distance like \"2km\"";
    if (!node->is_string()) {
        wrong_type(*node, dotted(prefix, key), expected);
        return std::nullopt;
    }
    try {
        const std::string_view value = node->as_string()->get();
        const double parsed = seconds ? parse_duration(value).value() : parse_distance(value).value();
        if (!(parsed > 0.0)) {
            problem(node, dotted(prefix, key), std::string("expected ") + expected + " greater than 0");
            return std::nullopt;
        }
        return parsed;
    } catch (const Error &e) {
        problem(node, dotted(prefix, key), e.problem());
        return std::nullopt;
    }
}

template <typename T, typename Parse>
std::optional<std::vector<T>> TomlChecker::list(const toml::table &t, const std::string &prefix, const std::string &key,
                                                const char *expected, Parse parse) {
    const toml::node *node = t.get(key);
    if (!node) {
        return std::nullopt;
    }
    const std::string name = dotted(prefix, key);
    if (!node->is_array() || node->as_array()->empty()) {
        problem(node, name, std::string("expected ") + expected +
                                (node->is_array() ? ", found an empty list" : std::string(", found ") + toml_type_name(node->type())));
        return std::nullopt;
    }
    std::vector<T> values;
    bool ok = true;
    for (const toml::node &item : *node->as_array()) {
        auto value = parse(item, name);
        if (value) {
            values.push_back(std::move(*value));
        } else {
            ok = false;
        }
    }
    return ok ? std::optional(std::move(values)) : std::nullopt;
}

std::optional<std::vector<double>> TomlChecker::costs(const toml::table &t, const std::string &prefix,
                                                      const std::string &key, const std::string &unit) {
    const bool seconds = unit == "seconds";
    const std::string expected = seconds ? "a list of durations like \"10min\"" : "a list of distances like \"2km\"";
    return list<double>(t, prefix, key, expected.c_str(),
                        [&](const toml::node &item, const std::string &name) -> std::optional<double> {
                            try {
                                if (item.is_string()) {
                                    const std::string_view text = item.as_string()->get();
                                    const double value = seconds ? parse_duration(text).value() : parse_distance(text).value();
                                    if (value > 0.0) {
                                        return value;
                                    }
                                }
                            } catch (const Error &) {
                            }
                            problem(&item, name, "expected " + expected + ", found " + found(item));
                            return std::nullopt;
                        });
}

std::optional<TomlChecker::TimeOrDistance> TomlChecker::time_or_distance(const toml::table &t, const std::string &prefix,
                                                                          const std::string &key) {
    const toml::node *node = t.get(key);
    if (node && node->is_string()) {
        try {
            const std::string text(node->as_string()->get());
            const double seconds = parse_duration(text).value();
            if (seconds > 0.0) {
                return TimeOrDistance{text, seconds, true};
            }
        } catch (const Error &) {
            // not a time: read as a distance, whose message names what is wrong
        }
    }
    const auto metres = cost(t, prefix, key, "metres");
    if (!metres) {
        return std::nullopt;
    }
    return TimeOrDistance{std::string(node->as_string()->get()), *metres, false};
}

std::optional<std::vector<double>> TomlChecker::durations(const toml::table &t, const std::string &prefix,
                                                          const std::string &key) {
    return costs(t, prefix, key, "seconds");
}

std::optional<std::vector<double>> TomlChecker::distances(const toml::table &t, const std::string &prefix,
                                                          const std::string &key) {
    return costs(t, prefix, key, "metres");
}

std::optional<std::vector<std::string>> TomlChecker::texts(const toml::table &t, const std::string &prefix,
                                                           const std::string &key,
                                                           const std::vector<std::string> &choices) {
    const std::string expected = choices.empty() ? "a list of strings" : "a list of " + quoted_list(choices);
    return list<std::string>(
        t, prefix, key, expected.c_str(), [&](const toml::node &item, const std::string &name) -> std::optional<std::string> {
            if (!item.is_string()) {
                problem(&item, name, "expected " + expected + ", found an element that is " + toml_type_name(item.type()));
                return std::nullopt;
            }
            std::string value(pooled::detail::trim(item.as_string()->get()));
            if (!choices.empty() && std::find(choices.begin(), choices.end(), value) == choices.end()) {
                problem(&item, name,
                        "unknown value \"" + value + "\"" + did_you_mean(value, choices) + "; expected one of " +
                            quoted_list(choices));
                return std::nullopt;
            }
            return value;
        });
}

std::optional<std::vector<std::int64_t>> TomlChecker::integers(const toml::table &t, const std::string &prefix,
                                                               const std::string &key, std::int64_t minimum) {
    const std::string expected = "a list of whole numbers >= " + std::to_string(minimum);
    return list<std::int64_t>(t, prefix, key, expected.c_str(),
                              [&](const toml::node &item, const std::string &name) -> std::optional<std::int64_t> {
                                  if (item.is_integer() && item.as_integer()->get() >= minimum) {
                                      return item.as_integer()->get();
                                  }
                                  problem(&item, name, "expected " + expected + ", found " + found(item));
                                  return std::nullopt;
                              });
}

std::optional<std::vector<std::pair<std::string, std::string>>>
TomlChecker::text_table(const toml::table &t, const std::string &prefix, const std::string &key,
                        const std::vector<std::string> &valid) {
    const toml::table *sub = table(t, prefix, key);
    if (!sub) {
        return std::nullopt;
    }
    const std::string name = dotted(prefix, key);
    only_keys(*sub, name, valid);
    std::vector<std::pair<std::string, std::string>> pairs;
    for (auto &&[k, node] : *sub) {
        const std::string field(k.str());
        if (std::find(valid.begin(), valid.end(), field) == valid.end()) {
            continue;
        }
        if (auto value = text(*sub, name, field)) {
            pairs.emplace_back(field, std::move(*value));
        }
    }
    return pairs;
}

std::optional<std::string> TomlChecker::non_empty_text(const toml::table &t, const std::string &prefix,
                                                       const std::string &key, const char *expected) {
    auto given = text(t, prefix, key);
    if (given && given->empty()) {
        problem(t.get(key), dotted(prefix, key), std::string("expected ") + expected + ", found an empty string");
        return std::nullopt;
    }
    return given;
}

std::string TomlChecker::resolve(const std::string &path) const {
    const fs::path p(path);
    return p.is_absolute() ? p.lexically_normal().string() : (m_directory / p).lexically_normal().string();
}

std::optional<std::pair<std::string, std::string>> TomlChecker::existing_file(const toml::table &t,
                                                                              const std::string &prefix,
                                                                              const std::string &key) {
    auto given = non_empty_text(t, prefix, key, "a file path");
    if (!given) {
        return std::nullopt;
    }
    const std::string resolved = resolve(*given);
    std::error_code ec;
    if (!fs::is_regular_file(resolved, ec)) {
        problem(t.get(key), dotted(prefix, key), "file not found: " + *given + " (relative to the scenario file)");
        return std::nullopt;
    }
    return std::pair{*given, resolved};
}

std::optional<std::pair<std::string, std::string>> TomlChecker::layer_source(const toml::table &t,
                                                                             const std::string &prefix,
                                                                             const std::string &key) {
    auto given = non_empty_text(t, prefix, key, "PATH[:LAYER]");
    if (!given) {
        return std::nullopt;
    }
    if (is_connection_string(*given)) {
        return std::pair{*given, *given};
    }
    const io::LayerSource source = io::LayerSource::parse(resolve(*given));
    std::error_code ec;
    if (!fs::exists(source.path, ec)) {
        problem(t.get(key), dotted(prefix, key),
                "file not found: " + io::LayerSource::parse(*given).path + " (relative to the scenario file)");
        return std::nullopt;
    }
    return std::pair{*given, source.display()};
}

std::optional<std::pair<std::string, std::string>> TomlChecker::directory(const toml::table &t,
                                                                          const std::string &prefix,
                                                                          const std::string &key) {
    auto given = non_empty_text(t, prefix, key, "a directory");
    if (!given) {
        return std::nullopt;
    }
    return std::pair{*given, resolve(*given)};
}

std::optional<std::string> TomlChecker::file_name(const toml::table &t, const std::string &prefix,
                                                  const std::string &key) {
    auto given = text(t, prefix, key);
    if (given && (given->empty() || given->find_first_of("/\\") != std::string::npos || *given == "." ||
                  *given == "..")) {
        problem(t.get(key), dotted(prefix, key), "expected a file name without a directory, found \"" + *given + "\"");
        return std::nullopt;
    }
    return given;
}

} // namespace pooled::scenario::detail
