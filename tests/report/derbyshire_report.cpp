#include "report/derbyshire_report.hpp"

#include "support/layers.hpp"

#include <pooled/report/choropleth.hpp>
#include <pooled/report/format.hpp>
#include <pooled/report/palette.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace pooled::test {
namespace {

using namespace report;
using model::OrganisationKind;

const std::vector<std::string> ons_attribution{
    "Source: Office for National Statistics licensed under the Open Government Licence v3.0",
    "Contains OS data © Crown copyright and database right 2021"};

double number(const io::Layer &layer, const io::Feature &feature, const std::string &field) {
    const auto value = io::to_number(feature.values[layer.require_field(field)], layer.ref(feature.fid, field));
    return value.value_or(std::nan(""));
}

std::string text(const io::Layer &layer, const io::Feature &feature, const std::string &field) {
    return io::to_text(feature.values[layer.require_field(field)]);
}

struct FacilityLayer {
    const char *layer;
    const char *label;
    OrganisationKind kind;
    Symbol symbol;
    double size_pt;
};

// The facility layers of the demo, each with its owner kind (whose colour it takes) and a
// symbol that tells GP practices from hospitals although both are NHS.
const FacilityLayer facility_layers[] = {
    {"schools_gias_2025", "Schools (education)", OrganisationKind::education, Symbol::circle, 3.0},
    {"libraries_2016", "Libraries (council)", OrganisationKind::council, Symbol::square, 5.0},
    {"gp_practices_2022", "GP practices (NHS)", OrganisationKind::nhs, Symbol::triangle, 4.5},
    {"hospitals_2022", "Hospitals (NHS)", OrganisationKind::nhs, Symbol::diamond, 7.0},
    {"fire_stations_homeoffice", "Fire stations (fire)", OrganisationKind::fire, Symbol::circle, 6.0},
};

struct Facilities {
    PointLayer layer;
    std::vector<LegendEntry> legend;
    std::vector<std::pair<std::string, std::size_t>> counts; // label, sites in the area
};

Facilities facilities() {
    Facilities result;
    for (const auto &spec : facility_layers) {
        const io::Layer layer = read_testdata_layer(std::string("derbyshire/derbyshire_facilities.gpkg:") + spec.layer);
        const std::size_t in_area = layer.require_field("in_area");
        std::size_t count = 0;
        for (const auto &feature : layer.features()) {
            const auto *point = std::get_if<geometry::Point>(&feature.geometry);
            if (point == nullptr || io::to_text(feature.values[in_area]) != "1") {
                continue;
            }
            result.layer.features.push_back({*point, organisation_colour(spec.kind), spec.size_pt, spec.symbol, {}});
            ++count;
        }
        result.legend.push_back({spec.label, organisation_colour(spec.kind), LegendKey::point, spec.symbol});
        result.counts.emplace_back(spec.label, count);
    }
    return result;
}

struct Zones {
    io::Layer layer;
    std::vector<geometry::Geometry> shapes;
    std::vector<double> density; // residents per hectare
};

Zones zones() {
    Zones result{read_testdata_layer("derbyshire/derbyshire_zones.gpkg:lsoa21"), {}, {}};
    for (const auto &feature : result.layer.features()) {
        result.shapes.push_back(feature.geometry);
        result.density.push_back(number(result.layer, feature, "ts0010001") / number(result.layer, feature, "area_ha"));
    }
    return result;
}

Map density_map(const Zones &z, const Facilities &f) {
    ChoroplethOptions options;
    options.decimals = 1;
    const Choropleth density = choropleth(z.shapes, z.density, options);
    Map map;
    map.title = "Residents per hectare and public facilities";
    map.layers = {density.layer, f.layer};
    map.legend_title = "Residents per hectare (quintiles)";
    map.legend = density.legend;
    map.legend.insert(map.legend.end(), f.legend.begin(), f.legend.end());
    map.attribution = ons_attribution;
    map.attribution.push_back("Facilities: DfE, DCMS, NHS Digital, Home Office (OGL v3); geocodes © OpenStreetMap contributors");
    return map;
}

struct District {
    std::size_t zones = 0;
    double residents = 0.0;
    double area_ha = 0.0;
};

Section people_section(const Zones &z, const Facilities &f) {
    Section section{"Where people live", {}};
    section.blocks.push_back(Paragraph{
        "Derbyshire's 651 neighbourhoods (Census 2021 Lower Layer Super Output Areas) coloured by residents per "
        "hectare, in five classes of about 130 neighbourhoods each, with the schools, libraries, GP practices, "
        "hospitals and fire stations inside the county."});
    section.blocks.push_back(FigureBlock{density_map(z, f), "Residents per hectare by LSOA, and public facilities by owner"});
    Table table{"Facilities inside the county", {"Facilities", "Sites"}, {Align::left, Align::right}, {}};
    for (const auto &[label, count] : f.counts) {
        table.rows.push_back({label, format_number(static_cast<double>(count))});
    }
    section.blocks.push_back(table);
    return section;
}

Section deprivation_section(const Zones &z) {
    Section section{"Deprivation and density", {}};
    const std::size_t decile_field = z.layer.require_field("imd19_index_of_multiple_deprivation_imd_decile");
    std::vector<double> residents_by_decile(10, 0.0);
    std::map<std::string, District> districts;
    District county;
    for (const auto &feature : z.layer.features()) {
        const double residents = number(z.layer, feature, "ts0010001");
        const auto decile = io::to_number(feature.values[decile_field], z.layer.ref(feature.fid));
        if (decile && *decile >= 1 && *decile <= 10) {
            residents_by_decile[static_cast<std::size_t>(*decile) - 1] += residents;
        }
        District &d = districts[text(z.layer, feature, "lad22nm")];
        for (District *target : {&d, &county}) {
            ++target->zones;
            target->residents += residents;
            target->area_ha += number(z.layer, feature, "area_ha");
        }
    }
    BarChart by_decile;
    by_decile.title = "Residents by deprivation decile (IMD 2019)";
    by_decile.orientation = BarOrientation::vertical;
    by_decile.category_axis_label = "Decile (1 = most deprived 10% in England)";
    by_decile.value_axis_label = "Residents (thousands)";
    by_decile.decimals = 0;
    for (std::size_t d = 0; d < 10; ++d) {
        by_decile.bars.push_back({std::to_string(d + 1), residents_by_decile[d] / 1000.0, sequential_ramp(9)[std::min<std::size_t>(d, 8)]});
    }
    section.blocks.push_back(Paragraph{"How many residents live in neighbourhoods of each national deprivation decile."});
    section.blocks.push_back(FigureBlock{by_decile, "Residents by IMD 2019 decile", ImageSize{495.0, 300.0, 2.0}});

    BarChart index;
    index.title = "Density by district (county = 100)";
    index.value_axis_label = "Index: residents per hectare, county = 100";
    index.reference = ReferenceLine{100.0, "county"};
    const double county_density = county.residents / county.area_ha;
    Table table{"Districts", {"District", "LSOAs", "Residents", "Residents per ha", "Index"},
                {Align::left, Align::right, Align::right, Align::right, Align::right}, {}};
    for (const auto &[name, d] : districts) {
        const double density = d.residents / d.area_ha;
        const double score = 100.0 * density / county_density;
        index.bars.push_back({name, score, score >= 100.0 ? Rgb{33, 102, 172} : Rgb{214, 96, 77}});
        table.rows.push_back({name, format_number(static_cast<double>(d.zones)), format_number(d.residents),
                              format_number(density, 1), format_number(score)});
    }
    section.blocks.push_back(FigureBlock{index, "District density indexed to the county", ImageSize{495.0, 300.0, 2.0}});
    section.blocks.push_back(table);
    return section;
}

Section fire_section(const Zones &z) {
    Section section{"The Fire and Rescue estate", {}};
    const io::Layer sites = read_testdata_layer("derbyshire/derbyshire_facilities.gpkg:fire_estate_dfrs_2016");
    Map map;
    map.title = "Derbyshire Fire and Rescue Service sites (2016 register)";
    // Districts in the segment palette, so neighbouring districts differ; legend in name order.
    std::vector<std::string> names;
    for (const auto &feature : z.layer.features()) {
        names.push_back(text(z.layer, feature, "lad22nm"));
    }
    std::vector<std::string> district_names = names;
    std::sort(district_names.begin(), district_names.end());
    district_names.erase(std::unique(district_names.begin(), district_names.end()), district_names.end());
    std::vector<std::size_t> district_of;
    for (const auto &name : names) {
        district_of.push_back(static_cast<std::size_t>(
            std::lower_bound(district_names.begin(), district_names.end(), name) - district_names.begin()));
    }
    Categorised districts = categorised(z.shapes, district_of, district_names);
    districts.layer.outline_width_pt = 0.15;
    map.legend = districts.legend;
    PointLayer points;
    Table table{"Sites in the register", {"Site", "Status", "Floor area (m²)"}, {Align::left, Align::left, Align::right}, {}};
    for (const auto &feature : sites.features()) {
        const std::string name = text(sites, feature, "site");
        const double area = number(sites, feature, "gia_m2");
        if (const auto *point = std::get_if<geometry::Point>(&feature.geometry)) {
            const bool station = name.find("Station") != std::string::npos;
            points.features.push_back({*point, organisation_colour(OrganisationKind::fire), station ? 6.0 : 4.0,
                                       station ? Symbol::circle : Symbol::square,
                                       station ? name.substr(0, name.find(" Community")) : std::string()});
        }
        table.rows.push_back({name, text(sites, feature, "status"), std::isnan(area) ? "" : format_number(area)});
    }
    map.layers = {districts.layer, points};
    map.legend_title = "Districts";
    map.legend.push_back({"Fire stations", organisation_colour(OrganisationKind::fire), LegendKey::point, Symbol::circle});
    map.legend.push_back({"Other sites and staff houses", organisation_colour(OrganisationKind::fire), LegendKey::point, Symbol::square});
    map.attribution = ons_attribution;
    map.attribution.push_back("Sites: Derbyshire Fire and Rescue Service, Public Land and Assets (July 2016)");
    section.blocks.push_back(Paragraph{"The 56 sites of the Derbyshire Fire and Rescue Service register, stations labelled."});
    section.blocks.push_back(FigureBlock{map, "Fire and Rescue sites over the districts", ImageSize{495.0, 520.0, 2.0}});
    section.blocks.push_back(table);
    return section;
}

} // namespace

report::Map derbyshire_density_map() { return density_map(zones(), facilities()); }

report::Report derbyshire_report() {
    const Zones z = zones();
    const Facilities f = facilities();
    Report report;
    report.title = "Derbyshire's public estate";
    report.subtitle = "People, deprivation and public buildings: the pooled demo data";
    double residents = 0.0;
    for (const auto &feature : z.layer.features()) {
        residents += number(z.layer, feature, "ts0010001");
    }
    report.summary.push_back({format_number(static_cast<double>(z.layer.features().size())), "neighbourhoods (LSOA 2021)"});
    report.summary.push_back({format_number(residents), "residents (Census 2021)"});
    for (const auto &[label, count] : f.counts) {
        report.summary.push_back({format_number(static_cast<double>(count)), label});
    }
    report.sections.push_back(people_section(z, f));
    report.sections.push_back(deprivation_section(z));
    report.sections.push_back(fire_section(z));
    report.footer = {"Census 2021 and IMD 2019: ONS and MHCLG, Open Government Licence v3.0.",
                     "Made with pooled from the demo data in testdata/derbyshire (see its SOURCE.md)."};
    return report;
}

} // namespace pooled::test
