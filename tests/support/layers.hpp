#pragma once
// The demo layers in testdata/, read into British National Grid (EPSG:27700), the working CRS
// pooled chooses for them.

#include "support/testdata_path.hpp"

#include <pooled/core/progress.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/io/reader.hpp>

#include <string>

namespace pooled::test {

/// British National Grid as a working CRS.
inline const crs::WorkingCrs &bng() {
    static const crs::WorkingCrs crs = crs::WorkingCrs::british_national_grid();
    return crs;
}

/// The layer `layer` of the file `path`.
inline io::LayerSource source(const std::string &path, const std::string &layer) {
    return io::LayerSource::parse(path + ":" + layer);
}

/// A source below testdata/, e.g. "derbyshire/derbyshire_zones.gpkg:lsoa21".
inline io::LayerSource testdata_source(const std::string &relative) {
    return io::LayerSource::parse(testdata(relative));
}

/// Reads a layer below testdata/ (as for testdata_source) into British National Grid.
inline io::Layer read_testdata_layer(const std::string &relative, const io::ReadOptions &options = {},
                                     const Progress &progress = {}) {
    return io::read_layer(testdata_source(relative), bng(), options, progress);
}

} // namespace pooled::test
