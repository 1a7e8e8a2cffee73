#pragma once
// Internal: judging each feature of a layer as it is read, under the caller's OnInvalid
// policy, and recording what was wrong in the layer's LoadReport.

#include "io/dataset.hpp"
#include "io/gdal_handle.hpp"

#include <pooled/crs/crs.hpp>
#include <pooled/geometry/distance_index.hpp>
#include <pooled/io/layer.hpp>
#include <pooled/io/reader.hpp>

#include <ogr_api.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pooled::io::detail {

/// The checks of one read_layer call, in the order a feature meets them:
///  geometry: present; of the layer's one family; in the area of use of its CRS; not degrees
///  in a metric CRS; reprojected into the working CRS; near the study area; valid (or
///  repaired with MakeValid under OnInvalid::repair);
///  attributes: the id present and unique; counts numeric and >= 0.
/// A failed check throws under OnInvalid::fail, else records an Issue and the feature is
/// left out.
class FeatureChecks {
public:
    /// @throws Error (Errc::crs) if the layer has geometry but no CRS, or its CRS cannot be
    ///         transformed into the working CRS; (Errc::argument) for an unknown field name.
    FeatureChecks(Layer &layer, const OpenedLayer &opened, const ReadOptions &options);

    /// Takes the feature's geometry from `source` and checks it, normalising it in place
    /// (axis order, reprojection, repair). False if the feature is to be left out.
    bool geometry(Feature &feature, OGRFeatureH source, const ScopedErrorCollector &errors);
    /// False if the feature is to be left out.
    bool attributes(const Feature &feature);

private:
    /// Throws under OnInvalid::fail; otherwise records the issue with the given action.
    void problem(IssueKind kind, IssueAction action, std::int64_t fid, const std::string &field,
                 const std::string &text, Errc code = Errc::data);
    bool skip(IssueKind kind, std::int64_t fid, const std::string &field, const std::string &text,
              Errc code = Errc::data);
    bool family_ok(const Feature &feature);
    bool area_ok(Feature &feature);
    bool valid_or_repaired(Feature &feature);

    Layer &m_layer;
    const OpenedLayer &m_opened;
    const ReadOptions &m_options;
    bool m_has_geometry = false;
    bool m_swap_axes = false;
    std::optional<crs::Crs> m_source_crs;
    std::optional<crs::Transformer> m_transformer;
    std::optional<geometry::Box> m_source_area;  ///< source CRS's area of use, source coordinates
    std::optional<geometry::Box> m_working_area; ///< working CRS's area of use, working coordinates
    std::optional<geometry::DistanceIndex> m_study_area;
    geometry::GeometryFamily m_family = geometry::GeometryFamily::none;
    std::string m_family_origin; ///< what set m_family, for messages
    std::optional<std::size_t> m_id_index;
    std::vector<std::size_t> m_non_negative;
    std::unordered_map<std::string, std::int64_t> m_first_fid_of_id;
};

} // namespace pooled::io::detail
