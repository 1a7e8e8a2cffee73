#pragma once
// A report built from the Derbyshire demo data (tests/support/layers.hpp), so the report
// tests and the browser check draw real maps: LSOAs coloured by population density with the
// public facilities by owner kind, districts with the Fire and Rescue sites labelled, charts of
// residents by deprivation decile and of district density indexed to the county, and tables.

#include <pooled/report/document.hpp>

namespace pooled::test {

/// The Derbyshire demo report (three sections; reads the demo layers, well under a second).
report::Report derbyshire_report();

/// The population-density choropleth map alone (the first figure of the report).
report::Map derbyshire_density_map();

} // namespace pooled::test
