#pragma once
// Reading a TOML document while collecting every problem rather than stopping at the first:
// each getter checks one key's type and range and records "file:line: key: message" when it
// is wrong (internal to the scenario module).

#include <pooled/scenario/scenario.hpp>

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pooled::scenario::detail {

class TomlChecker {
public:
    TomlChecker(std::string file, std::filesystem::path directory)
        : m_file(std::move(file)), m_directory(std::move(directory)) {}

    std::vector<ScenarioProblem> &problems() noexcept { return m_problems; }

    /// Records a problem at the node's line (or at `fallback_line` when the node has none).
    void problem(const toml::node *node, const std::string &key, const std::string &message,
                 std::size_t fallback_line = 0);

    /// Records every key of `table` not in `valid` as unknown, with a "did you mean".
    void only_keys(const toml::table &table, const std::string &prefix, const std::vector<std::string> &valid,
                   const char *what = "key");

    /// The sub-table `key`, or nullptr (and a problem when it is there but not a table).
    const toml::table *table(const toml::table &parent, const std::string &prefix, const std::string &key);

    std::optional<std::string> text(const toml::table &t, const std::string &prefix, const std::string &key);
    /// One of `choices`; anything else is a problem listing them.
    std::optional<std::string> choice(const toml::table &t, const std::string &prefix, const std::string &key,
                                      const std::vector<std::string> &choices);
    std::optional<bool> flag(const toml::table &t, const std::string &prefix, const std::string &key);
    /// An integer in [minimum, maximum].
    std::optional<std::int64_t> integer(const toml::table &t, const std::string &prefix, const std::string &key,
                                        std::int64_t minimum, std::int64_t maximum);
    /// A number (integer or float) in [minimum, maximum].
    std::optional<double> number(const toml::table &t, const std::string &prefix, const std::string &key,
                                 double minimum, double maximum);
    /// "10min" (seconds) or "2km" (metres), > 0.
    std::optional<double> duration(const toml::table &t, const std::string &prefix, const std::string &key);
    std::optional<double> distance(const toml::table &t, const std::string &prefix, const std::string &key);
    /// A duration or a distance as `unit` says ("seconds" or "metres").
    std::optional<double> cost(const toml::table &t, const std::string &prefix, const std::string &key,
                               const std::string &unit);
    /// A travel time ("10min", seconds) or else a distance ("500m", metres), > 0, as the CLI's
    /// --within and --catchment take them.
    struct TimeOrDistance {
        std::string text; ///< as written
        double value = 0.0;
        bool is_time = false;
    };
    std::optional<TimeOrDistance> time_or_distance(const toml::table &t, const std::string &prefix,
                                                   const std::string &key);
    /// A list of durations or distances as `unit` says ("seconds" or "metres"), each > 0.
    std::optional<std::vector<double>> costs(const toml::table &t, const std::string &prefix, const std::string &key,
                                             const std::string &unit);
    std::optional<std::vector<double>> durations(const toml::table &t, const std::string &prefix,
                                                 const std::string &key);
    std::optional<std::vector<double>> distances(const toml::table &t, const std::string &prefix,
                                                 const std::string &key);
    std::optional<std::vector<std::string>> texts(const toml::table &t, const std::string &prefix,
                                                  const std::string &key, const std::vector<std::string> &choices = {});
    std::optional<std::vector<std::int64_t>> integers(const toml::table &t, const std::string &prefix,
                                                      const std::string &key, std::int64_t minimum);
    /// A table of string values, as (key, value) pairs in the file's order; keys must be in `valid`.
    std::optional<std::vector<std::pair<std::string, std::string>>>
    text_table(const toml::table &t, const std::string &prefix, const std::string &key,
               const std::vector<std::string> &valid);
    /// A file path, resolved against the scenario's directory; a missing file is a problem.
    /// Returns {as given, resolved}.
    std::optional<std::pair<std::string, std::string>> existing_file(const toml::table &t, const std::string &prefix,
                                                                     const std::string &key);
    /// PATH[:LAYER] or a connection string ("PG:...", "/vsi..."), PATH resolved and checked.
    std::optional<std::pair<std::string, std::string>> layer_source(const toml::table &t, const std::string &prefix,
                                                                    const std::string &key);
    /// A directory path resolved against the scenario's directory (it need not exist).
    std::optional<std::pair<std::string, std::string>> directory(const toml::table &t, const std::string &prefix,
                                                                 const std::string &key);
    /// A plain file name (no directory part).
    std::optional<std::string> file_name(const toml::table &t, const std::string &prefix, const std::string &key);

    /// The line of a table's header (or its first key), for problems about a missing key.
    static std::size_t line_of(const toml::node &node) noexcept;

private:
    template <typename T, typename Parse>
    std::optional<std::vector<T>> list(const toml::table &t, const std::string &prefix, const std::string &key,
                                       const char *expected, Parse parse);
    void wrong_type(const toml::node &node, const std::string &key, const std::string &expected);
    std::string resolve(const std::string &path) const;
    /// text(), with an empty string a problem ("expected <expected>, found an empty string").
    std::optional<std::string> non_empty_text(const toml::table &t, const std::string &prefix, const std::string &key,
                                              const char *expected);

    std::string m_file;
    std::filesystem::path m_directory;
    std::vector<ScenarioProblem> m_problems;
};

} // namespace pooled::scenario::detail
