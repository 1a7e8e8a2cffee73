#include "cli/layer_options.hpp"

namespace pooled::cli {

void LayerOptions::add_to(CLI::App &app) {
    app.add_option("--on-invalid", on_invalid,
                   "What to do with a bad record: fail (stop, naming it), skip (leave it out and report it), "
                   "repair (fix invalid geometry with GEOS MakeValid, skip what cannot be fixed)")
        ->check(CLI::IsMember({"fail", "skip", "repair"}))
        ->default_str("fail");
    app.add_option("--crs", assume_crs,
                   "CRS of layers that carry none (CSV, Shapefile without .prj), e.g. EPSG:27700 or EPSG:4326");
    app.add_option("--working-crs", working_crs,
                   "Projected metric CRS to work in (default: British National Grid for British data, else the "
                   "UTM zone of the data)");
    app.add_option("--x-field", x_field, "CSV column holding x (easting or longitude)");
    app.add_option("--y-field", y_field, "CSV column holding y (northing or latitude)");
    app.add_option("--wkt-field", wkt_field, "CSV column holding WKT geometry");
    app.add_option("--study-area", study_area,
                   "PATH[:LAYER] of polygons (e.g. the zones); features further than --study-area-margin from them "
                   "are reported as outside the study area");
    app.add_option("--study-area-margin", study_area_margin_m, "Margin around the study area, metres")
        ->default_str("10000")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--id-field", id_field, "Field holding each feature's id; duplicates and empty ids are reported");
    app.add_option("--count-field", count_fields,
                   "Field that must hold numbers >= 0 (a population, floor area or cost); repeatable")
        ->take_last();
    app.add_flag("--allow-empty", allow_empty, "Accept layers with no features");
}

io::ReadOptions LayerOptions::read_options() const {
    io::ReadOptions options;
    options.on_invalid = on_invalid == "skip"     ? io::OnInvalid::skip
                         : on_invalid == "repair" ? io::OnInvalid::repair
                                                  : io::OnInvalid::fail;
    if (!assume_crs.empty()) {
        options.assume_crs = crs::Crs::from_user_input(assume_crs);
    }
    options.x_field = x_field;
    options.y_field = y_field;
    options.wkt_field = wkt_field;
    options.study_area_margin_m = study_area_margin_m;
    options.id_field = id_field;
    options.non_negative_fields = count_fields;
    options.allow_empty = allow_empty;
    return options;
}

std::optional<crs::Crs> LayerOptions::user_working_crs() const {
    if (working_crs.empty()) {
        return std::nullopt;
    }
    return crs::Crs::from_user_input(working_crs);
}

crs::WorkingCrs LayerOptions::choose_working_crs(const std::vector<io::LayerSource> &sources,
                                                 const io::ReadOptions &read) const {
    return io::working_crs_for(sources, user_working_crs(), read);
}

void LayerOptions::apply_study_area(io::ReadOptions &options, const crs::WorkingCrs &working) const {
    if (study_area.empty()) {
        return;
    }
    io::ReadOptions study_options;
    study_options.on_invalid = options.on_invalid;
    study_options.assume_crs = options.assume_crs;
    options.study_area = io::polygons_of(io::read_layer(io::LayerSource::parse(study_area), working, study_options));
}

} // namespace pooled::cli
