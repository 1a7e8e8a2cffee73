#pragma once
/// @file
/// @brief Asset: a public-sector site or building, and Estate, the assets of one run.
///
/// Every field but the geometry can be missing: a schema (io/schema.hpp) maps the user's
/// columns onto these fields, and an analysis that needs an unmapped one says which
/// (Estate::require).

#include <pooled/core/units.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/geometry/types.hpp>
#include <pooled/io/load_report.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pooled::model {

/// Who owns or runs an asset. Append only (the names appear in reports and JSON).
enum class OrganisationKind { council, nhs, police, fire, ambulance, central_government, education, other };
inline constexpr std::size_t organisation_kind_count = 8;

/// "council", "nhs", "police", "fire", "ambulance", "central_government", "education", "other".
POOLED_CXX_API const char *organisation_kind_name(OrganisationKind kind) noexcept;

/// Reads an organisation kind from text, case-insensitively, ignoring spaces, '-', '_' and '&'.
///
/// Accepts the names above and common spellings: "NHS", "NHS Trust", "health", "CCG", "ICB";
/// "local authority", "LA", "county council", "borough"; "constabulary"; "fire and rescue",
/// "FRS"; "ambulance service"; "central government", "government", "civil service";
/// "school", "academy", "college", "university". Failing an exact match, the text is searched
/// for a telling word in the order ambulance, fire, police, nhs (nhs, health, hospital,
/// clinical commissioning), education (school, academy, college, university), central
/// government (government, ministry, department for, hm ), council (council, borough,
/// district, county, authority), so "Derbyshire Fire and Rescue Service" is fire and
/// "Derbyshire County Council" is council.
/// @returns nullopt for empty or unrecognised text.
POOLED_CXX_API std::optional<OrganisationKind> parse_organisation_kind(std::string_view text);

/// How an asset is held. Append only.
enum class Tenure { freehold, leasehold, other, unknown };
inline constexpr std::size_t tenure_count = 4;

/// "freehold", "leasehold", "other", "unknown".
POOLED_CXX_API const char *tenure_name(Tenure tenure) noexcept;

/// Reads a tenure from text, case-insensitively: "Freehold", "FH", "owned", "owner occupied"
/// -> freehold; "Leasehold", "LH", "lease", "leased", "rented", "tenant" -> leasehold; empty,
/// "unknown", "n/a", "na", "-", "?" -> unknown; any other text (licence, PFI, ...) -> other.
POOLED_CXX_API Tenure parse_tenure(std::string_view text);

/// Reads a yes/no flag (e.g. must_keep): 1/0, true/false, yes/no, y/n, t/f (any case).
/// @returns nullopt for empty or unrecognised text.
POOLED_CXX_API std::optional<bool> parse_flag(std::string_view text);

/// Splits a services field on ';', ',' or '|', trims each part and lower-cases it; empty
/// parts and repeats are dropped. "Library; Council Tax | library" -> {"library", "council tax"}.
POOLED_CXX_API std::vector<std::string> parse_services(std::string_view text);

/// Reads a calendar date: "YYYY-MM-DD", or OGR's date text "YYYY/MM/DD", optionally followed
/// by a time ("T..." or " ..."), which is dropped. The day is checked against the month
/// (leap years included).
/// @returns the date as "YYYY-MM-DD", or nullopt if the text is not such a date.
POOLED_CXX_API std::optional<std::string> parse_iso_date(std::string_view text);

/// A public-sector site or building.
struct Asset {
    std::string id;           ///< the mapped id column's text, or the FID as text when unmapped
    std::string name;         ///< empty when unmapped
    std::string organisation; ///< owner, e.g. "Derbyshire Fire and Rescue Service"
    OrganisationKind organisation_kind = OrganisationKind::other;
    std::vector<std::string> services; ///< lower-case, trimmed (parse_services)
    geometry::Geometry geometry;       ///< point or polygon, working CRS
    geometry::Point location;          ///< representative point of `geometry`, used for distances
    std::optional<SquareMetres> floor_area; ///< gross internal area
    std::optional<Gbp> running_cost;        ///< per year
    std::optional<double> capacity;         ///< in the service's own unit (pupils, patients, ...)
    std::optional<double> utilisation;      ///< 0..1 normally; above 1 = over capacity
    Tenure tenure = Tenure::unknown;
    std::optional<std::string> lease_end; ///< "YYYY-MM-DD"
    std::string condition;                ///< as given, e.g. "B" or "Good"
    bool must_keep = false;               ///< excluded from disposal in rationalisation
    std::optional<Gbp> value;             ///< capital value (receipt if disposed of)
    std::int64_t fid = 0;                 ///< source feature id, for messages

    /// True if the asset offers `service` (compared case-insensitively).
    POOLED_CXX_API bool offers(std::string_view service) const;
};

/// The assets of a run, all in one working CRS.
struct POOLED_CXX_API Estate {
    crs::WorkingCrs crs;
    std::vector<Asset> assets;
    io::LoadReport report;
    /// Where the assets came from ("estate.gpkg:sites"), for messages.
    std::string source;
    /// Model field names (as in AssetSchema: "floor_area", "tenure", ...) that were mapped to a
    /// column or set by a constant. "id" appears only when an id column was mapped.
    std::vector<std::string> mapped;

    /// True if `field` was mapped (see `mapped`).
    bool has(std::string_view field) const noexcept;
    /// @throws Error (Errc::argument) naming the source if `field` was not mapped, e.g.
    /// "co-location needs the asset field 'floor_area', which is not mapped; map it with
    /// --field floor_area=COLUMN".
    void require(std::string_view field, std::string_view needed_by) const;
};

} // namespace pooled::model
