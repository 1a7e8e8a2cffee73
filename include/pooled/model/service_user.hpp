#pragma once
/// @file
/// @brief ServiceUser: a geocoded person or visit, for profiling; ServiceUsers, those of one run.

#include <pooled/crs/crs.hpp>
#include <pooled/geometry/types.hpp>
#include <pooled/io/load_report.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstdint>
#include <string>
#include <vector>

namespace pooled::model {

/// A geocoded person or visit.
struct ServiceUser {
    std::string id;           ///< the mapped id column's text, or the FID as text when unmapped
    geometry::Point location; ///< working CRS (representative point of the feature's geometry)
    std::string service;      ///< lower-case, trimmed; empty when neither mapped nor set
    double weight = 1.0;      ///< how many people or visits the record stands for, >= 0
    std::int64_t fid = 0;     ///< source feature id, for messages
};

/// The service users of a run, all in one working CRS.
struct ServiceUsers {
    crs::WorkingCrs crs;
    std::vector<ServiceUser> users;
    io::LoadReport report;
    std::string source; ///< where the users came from, for messages
};

} // namespace pooled::model
