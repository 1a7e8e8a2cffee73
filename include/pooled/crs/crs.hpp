#pragma once
/// @file
/// @brief Coordinate reference systems (PROJ kept inside), and the one metric working CRS of a run.

#include <pooled/pooled_cxx_export.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace pooled::crs {

/// A box in longitude/latitude degrees (WGS 84), e.g. a CRS's area of use.
struct LonLatBox {
    double west = 0.0;
    double south = 0.0;
    double east = 0.0;
    double north = 0.0;

    bool contains(double lon, double lat) const noexcept {
        return lon >= west && lon <= east && lat >= south && lat <= north;
    }
    bool contains(const LonLatBox &other) const noexcept {
        return other.west >= west && other.east <= east && other.south >= south && other.north <= north;
    }
};

/// What kind of CRS it is.
enum class CrsKind { geographic, projected, other };

/// An immutable description of a coordinate reference system.
///
/// Built from anything PROJ accepts as user input ("EPSG:27700", WKT, PROJJSON, a PROJ
/// string). Coordinates are always in x = easting/longitude, y = northing/latitude order,
/// whatever the CRS definition says about axis order (the "traditional GIS order").
/// Thread safety: const members may be called from any thread.
class POOLED_CXX_API Crs {
public:
    /// @throws Error (Errc::crs) naming the text if PROJ cannot make a CRS of it.
    static Crs from_user_input(std::string_view text);

    /// "EPSG:27700" when PROJ can identify an authority code with confidence, else "".
    const std::string &authority_code() const noexcept;
    /// The CRS's name, e.g. "OSGB36 / British National Grid".
    const std::string &name() const noexcept;
    /// WKT2:2019 text; round-trips through from_user_input().
    const std::string &wkt() const noexcept;
    CrsKind kind() const noexcept;
    bool is_geographic() const noexcept { return kind() == CrsKind::geographic; }
    bool is_projected() const noexcept { return kind() == CrsKind::projected; }
    /// True for a projected CRS whose two axes are in metres.
    bool is_metric() const noexcept;
    /// Where the CRS is meant to be used, in degrees, if its definition says.
    const std::optional<LonLatBox> &area_of_use() const noexcept;
    /// "EPSG:27700 (OSGB36 / British National Grid)", or the name when there is no code.
    std::string display() const;

    /// True when both describe the same CRS (PROJ's "equivalent" criterion, ignoring axis order).
    bool equivalent_to(const Crs &other) const;

private:
    struct Impl;
    explicit Crs(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> m_impl;
};

/// A projected CRS measured in metres: the only CRS pooled computes distances and areas in.
///
/// There is no way to make one from a geographic CRS, so metric operations on degrees
/// cannot happen: every loaded layer is reprojected into a WorkingCrs at load.
class POOLED_CXX_API WorkingCrs {
public:
    /// @throws Error (Errc::crs) if `crs` is not projected with metre axes.
    explicit WorkingCrs(Crs crs);

    static WorkingCrs british_national_grid(); ///< EPSG:27700
    /// WGS 84 / UTM zone of the given point (EPSG:326zz north, 327zz south).
    static WorkingCrs utm_zone_for(double lon, double lat);

    const Crs &crs() const noexcept { return m_crs; }

private:
    Crs m_crs;
};

/// Chooses the working CRS for a run: the user's choice if given (it must be projected and
/// metric); else British National Grid when the data lie within its area of use (Great
/// Britain); else the UTM zone of the data's centre.
/// @param data_extent the union of all layers' extents in degrees.
POOLED_CXX_API WorkingCrs choose_working_crs(const std::optional<Crs> &user_choice,
                                             const LonLatBox &data_extent);

/// Transforms coordinates between two CRSs, in place and in batches (proj_trans_generic).
///
/// Thread safety: one Transformer per thread (it owns its own PROJ context).
class POOLED_CXX_API Transformer {
public:
    /// @throws Error (Errc::crs) if PROJ finds no transformation between them.
    Transformer(const Crs &from, const Crs &to);
    ~Transformer();
    Transformer(Transformer &&) noexcept;
    Transformer &operator=(Transformer &&) noexcept;
    Transformer(const Transformer &) = delete;
    Transformer &operator=(const Transformer &) = delete;

    /// Transforms `count` points held in x[i*stride], y[i*stride] in place.
    /// Points that cannot be transformed become +inf (PROJ's HUGE_VAL); returns how many did.
    std::size_t transform(double *x, double *y, std::size_t count, std::size_t stride = 1) const;

    /// Transforms a box densely along its edges and returns the enclosing box of the result
    /// (proj_trans_bounds), as {min_x, min_y, max_x, max_y}.
    void transform_bounds(double &min_x, double &min_y, double &max_x, double &max_y) const;

    /// True when from and to are the same CRS and transform() is a no-op.
    bool is_identity() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The extent of a box given in `crs`, in degrees (for choosing a working CRS).
POOLED_CXX_API LonLatBox to_lon_lat(const Crs &crs, double min_x, double min_y, double max_x,
                                    double max_y);

} // namespace pooled::crs
