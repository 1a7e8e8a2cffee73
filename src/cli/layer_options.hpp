#pragma once
// The options every command that reads layers shares: how to treat bad records, which CRS
// to assume and to work in, where CSV geometry is, and the study area.

#include <pooled/crs/crs.hpp>
#include <pooled/io/reader.hpp>

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace pooled::cli {

struct LayerOptions {
    std::string on_invalid = "fail";
    std::string assume_crs;
    std::string working_crs;
    std::string x_field;
    std::string y_field;
    std::string wkt_field;
    std::string study_area;
    double study_area_margin_m = 10000.0;
    std::string id_field;
    std::vector<std::string> count_fields;
    bool allow_empty = false;

    void add_to(CLI::App &app);
    /// The reading options these flags describe (without the study area).
    io::ReadOptions read_options() const;
    /// The user's working CRS, if given.
    std::optional<crs::Crs> user_working_crs() const;
    /// The run's working CRS: --working-crs if given, else the one `sources` imply.
    crs::WorkingCrs choose_working_crs(const std::vector<io::LayerSource> &sources, const io::ReadOptions &read) const;
    /// With --study-area: reads its polygons into `working` and sets them as `options`'s study
    /// area (the study layer itself is read without the id and count checks).
    void apply_study_area(io::ReadOptions &options, const crs::WorkingCrs &working) const;
};

} // namespace pooled::cli
