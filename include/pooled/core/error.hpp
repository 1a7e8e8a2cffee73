#pragma once
/// @file
/// @brief The one exception type pooled throws, and the source reference it carries.

#include <pooled/pooled_cxx_export.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace pooled {

/// What kind of failure. Append only: the values reach exit codes and the C API.
enum class Errc {
    argument = 1,    ///< a caller's mistake: bad option, negative radius, unknown field name
    io = 2,          ///< cannot open, read or write a file, layer or connection
    data = 3,        ///< readable but unusable: bad geometry, non-numeric field, duplicate id
    crs = 4,         ///< missing or unknown CRS, failed transformation, non-metric working CRS
    unreachable = 5, ///< a zone or site the network cannot reach, under a policy that fails
    cancelled = 6,   ///< the progress callback asked to stop
    internal = 9,    ///< a bug in pooled
};

/// Short lower-case name of a code ("io", "data", ...), for messages and JSON.
POOLED_CXX_API const char *errc_name(Errc code) noexcept;

/// Where in the input a problem is. Empty parts are left out of messages.
struct POOLED_CXX_API SourceRef {
    std::string path;                    ///< file or connection string
    std::string layer;                   ///< layer or table name
    std::optional<std::int64_t> feature; ///< feature id (FID) as GDAL reports it
    std::string field;                   ///< attribute (column) name

    bool empty() const noexcept { return path.empty() && layer.empty() && !feature && field.empty(); }

    /// "zones.gpkg, layer 'lsoa21', feature 12, field 'pop'" (only the parts that are set).
    std::string describe() const;
};

/// The only exception type pooled throws across its public C++ API.
///
/// what() is the full message: what went wrong, then where (from the SourceRef), e.g.
/// `population is not a number: 'n/a' (zones.csv, layer 'zones', feature 3, field 'pop')`.
class POOLED_CXX_API Error : public std::runtime_error {
public:
    Error(Errc code, const std::string &problem, SourceRef where = {});

    Errc code() const noexcept { return m_code; }
    const SourceRef &where() const noexcept { return m_where; }
    /// The message without the source reference.
    const std::string &problem() const noexcept { return m_problem; }

private:
    Errc m_code;
    std::string m_problem;
    SourceRef m_where;
};

/// Thrown when a progress sink returns false.
class POOLED_CXX_API Cancelled : public Error {
public:
    Cancelled() : Error(Errc::cancelled, "cancelled by caller") {}
};

} // namespace pooled
