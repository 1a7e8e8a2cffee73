#pragma once
/// @file
/// @brief Which public services may share a building: the co-location compatibility table.
///
/// A table is read from a small CSV (share/pooled/compatibility.csv is the documented default,
/// built into the library as default_compatibility()):
///
/// ```
/// # comment lines and blank lines are skipped
/// service,other_service,rule,reason
/// gp practice,surgery,alias,          <- "surgery" is another name for "gp practice"
/// library,council office,yes,hubs     <- may share a building (either order)
/// school,fire station,no,yard         <- may not (documents why)
/// ```
///
/// Service names are compared after lower-casing, trimming and collapsing runs of spaces, and
/// after resolving aliases. Any pair of known services not listed as `yes` is NOT compatible
/// (sharing is opt-in); a service named in no row is unknown. The reason is the rest of the line
/// (it may contain commas); there is no quoting.

#include <pooled/pooled_cxx_export.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace pooled::colocation {

/// The compatibility of services. Immutable once built; cheap to copy.
class POOLED_CXX_API CompatibilityTable {
public:
    /// Parses a table from text. `source` names it in messages (a file path, or
    /// "default compatibility table").
    /// @throws Error (Errc::data) naming the source, the line ("line 7: ...") and the field
    ///         (service, other_service, rule) for: a missing header, fewer than three fields, an
    ///         empty service name, an unknown rule, an alias that names a service with rules of
    ///         its own or an alias chain, a pair given twice with different rules.
    static CompatibilityTable parse(std::string_view text, const std::string &source);

    /// The canonical name of a service (aliases resolved, normalised), or nullopt if unknown.
    std::optional<std::string> canonical(std::string_view service) const;
    /// Whether two services may share a building. False if either is unknown.
    bool compatible(std::string_view a, std::string_view b) const;
    /// The reason written for the pair's rule (empty if none or not listed).
    std::string reason(std::string_view a, std::string_view b) const;
    /// The canonical services, sorted.
    const std::set<std::string> &services() const noexcept { return m_services; }
    /// Where the table came from.
    const std::string &source() const noexcept { return m_source; }

private:
    struct Rule {
        bool compatible = false;
        std::string reason;
        std::size_t line = 0;
    };
    std::string m_source;
    std::set<std::string> m_services;
    std::map<std::string, std::string> m_aliases;                 // normalised alias -> canonical
    std::map<std::pair<std::string, std::string>, Rule> m_rules;  // (a, b) with a <= b
};

/// Normalises a service (or organisation) name as the table compares them: ASCII lower case, trimmed, runs of
/// white space made one space.
POOLED_CXX_API std::string normalise_name(std::string_view service);

/// The default table: share/pooled/compatibility.csv, compiled into the library.
POOLED_CXX_API const CompatibilityTable &default_compatibility();

/// Reads a table from a file.
/// @throws Error (Errc::io) naming the file if it cannot be read; as CompatibilityTable::parse.
POOLED_CXX_API CompatibilityTable read_compatibility(const std::string &path);

} // namespace pooled::colocation
