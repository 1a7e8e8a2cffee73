// The estate report of a run: every section reads the run's results (the estate, the zones,
// the columns and layers the stages added, their key figures) and is left out when its stage
// did not run. Colours come from report/palette.hpp, as in the GeoPackage's QGIS styles.

#include "scenario/run_report.hpp"

#include <pooled/report/choropleth.hpp>
#include <pooled/report/format.hpp>
#include <pooled/report/palette.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string_view>

namespace pooled::scenario::detail {

namespace {

/// An asset as the report names it: its name, else its id.
const std::string &asset_label(const model::Asset &a) { return a.name.empty() ? a.id : a.name; }
using namespace report;

constexpr Rgb zone_grey{230, 230, 230};
constexpr Rgb closed_grey{150, 150, 150};
constexpr ImageSize map_size{495.0, 420.0, 2.0};
constexpr ImageSize chart_size{495.0, 300.0, 2.0};

const io::OutputLayer *layer_named(const RunContext &ctx, std::string_view name) {
    for (const auto &layer : ctx.layers) {
        if (layer.name == name) {
            return &layer;
        }
    }
    return nullptr;
}

/// The first column whose name starts with `prefix` ("access_", "population_").
const Column *column_starting(const std::vector<Column> &columns, std::string_view prefix) {
    for (const auto &c : columns) {
        if (c.name.starts_with(prefix)) {
            return &c;
        }
    }
    return nullptr;
}

double number_of(const io::FieldValue &value) {
    if (const auto *d = std::get_if<double>(&value)) {
        return *d;
    }
    if (const auto *i = std::get_if<std::int64_t>(&value)) {
        return static_cast<double>(*i);
    }
    return std::nan("");
}

std::size_t field_index(const io::OutputLayer &layer, std::string_view name) {
    for (std::size_t i = 0; i < layer.fields.size(); ++i) {
        if (layer.fields[i].name == name) {
            return i;
        }
    }
    throw Error(Errc::internal, "the " + layer.name + " layer has no field '" + std::string(name) + "'");
}

/// ONS and OS for the zone boundaries, OpenStreetMap when the map shows road results.
std::vector<std::string> attribution(bool roads) {
    std::vector<std::string> lines{"Source: Office for National Statistics licensed under the Open Government Licence v3.0",
                                   "Contains OS data © Crown copyright and database right"};
    if (roads) {
        lines.emplace_back("Road network © OpenStreetMap contributors");
    }
    return lines;
}

std::vector<geometry::Geometry> zone_shapes(const RunContext &ctx) {
    std::vector<geometry::Geometry> shapes;
    for (const auto &z : ctx.population->zones) {
        shapes.push_back(z.geometry);
    }
    return shapes;
}

PolygonLayer plain_zones(const RunContext &ctx) {
    PolygonLayer layer;
    for (auto &shape : zone_shapes(ctx)) {
        layer.features.push_back({std::move(shape), zone_grey, {}});
    }
    layer.outline_width_pt = 0.2;
    return layer;
}

/// The assets as points in their owner kind's colour, and a legend entry per kind present.
std::pair<PointLayer, std::vector<LegendEntry>> assets_by_owner(const RunContext &ctx) {
    PointLayer points;
    std::set<model::OrganisationKind> kinds;
    for (const auto &a : ctx.estate->assets) {
        points.features.push_back({a.location, organisation_colour(a.organisation_kind), 6.0, Symbol::circle, {}});
        kinds.insert(a.organisation_kind);
    }
    std::vector<LegendEntry> legend;
    for (const auto kind : kinds) {
        legend.push_back({model::organisation_kind_name(kind), organisation_colour(kind), LegendKey::point, Symbol::circle});
    }
    return {std::move(points), std::move(legend)};
}

/// Zones by top-level segment when the segmentation ran, else plain.
std::pair<PolygonLayer, std::vector<LegendEntry>> segment_map(const RunContext &ctx) {
    const io::OutputLayer *segments = layer_named(ctx, "segments");
    const auto column = std::find_if(ctx.zone_columns.begin(), ctx.zone_columns.end(),
                                     [](const Column &c) { return c.name == "segment_l1"; });
    if (segments == nullptr || column == ctx.zone_columns.end()) {
        return {plain_zones(ctx), {}};
    }
    std::vector<std::string> codes;
    for (const auto &f : segments->features) {
        if (number_of(f.values[0]) == 1.0) {
            codes.push_back(io::to_text(f.values[1]));
        }
    }
    std::vector<std::size_t> category;
    for (const auto &value : column->values) {
        const auto it = std::find(codes.begin(), codes.end(), io::to_text(value));
        category.push_back(static_cast<std::size_t>(it - codes.begin()) % std::max<std::size_t>(codes.size(), 1));
    }
    Categorised map = categorised(zone_shapes(ctx), category, codes);
    map.layer.outline_width_pt = 0.2;
    for (auto &entry : map.legend) {
        entry.label = "Segment " + entry.label;
    }
    return {std::move(map.layer), std::move(map.legend)};
}

void add_summary(Report &r, const RunContext &ctx) {
    const auto &assets = ctx.estate->assets;
    std::set<std::string> owners;
    double floor_area = 0.0, running_cost = 0.0;
    bool any_area = false, any_cost = false;
    for (const auto &a : assets) {
        owners.insert(a.organisation);
        if (a.floor_area) {
            floor_area += a.floor_area->value();
            any_area = true;
        }
        if (a.running_cost) {
            running_cost += a.running_cost->value();
            any_cost = true;
        }
    }
    double population = 0.0;
    for (const double p : ctx.zone_population()) {
        population += p;
    }
    r.summary.push_back({format_number(static_cast<double>(assets.size())), "assets"});
    r.summary.push_back({format_number(static_cast<double>(owners.size())), owners.size() == 1 ? "owner" : "owners"});
    r.summary.push_back({any_area ? format_number(floor_area) : "n/a", "m² floor area"});
    r.summary.push_back({any_cost ? "£" + format_number(running_cost) : "n/a", "running cost per year"});
    r.summary.push_back({format_number(population), "residents"});
    r.summary.push_back({format_number(static_cast<double>(ctx.population->zones.size())), "zones"});
}

Section estate_section(const RunContext &ctx) {
    Section section{"Assets by owner", {}};
    auto [zones, zone_legend] = segment_map(ctx);
    auto [points, owner_legend] = assets_by_owner(ctx);
    Map map;
    map.title = zone_legend.empty() ? "Assets by owner" : "Assets by owner over the segments";
    map.layers = {std::move(zones), std::move(points)};
    map.legend_title = "Owners and segments";
    map.legend = std::move(owner_legend);
    map.legend.insert(map.legend.end(), zone_legend.begin(), zone_legend.end());
    map.attribution = attribution(false);
    section.blocks.push_back(Paragraph{"Every asset of the run, coloured by its owner's kind, over the zones" +
                                       std::string(zone_legend.empty() ? "." : " coloured by their top-level segment.")});
    section.blocks.push_back(FigureBlock{std::move(map), "Assets by owner kind", map_size});
    return section;
}

std::string readable(std::string name) {
    std::replace(name.begin(), name.end(), '_', ' ');
    return name;
}

Section catchments_section(const RunContext &ctx, const io::OutputLayer &catchments) {
    Section section{"Catchments", {}};
    const std::size_t method = field_index(catchments, "method");
    const std::size_t cutoff = field_index(catchments, "cutoff");
    const std::size_t asset_id = field_index(catchments, "asset_id");
    std::map<std::string, std::size_t> asset_of;
    for (std::size_t i = 0; i < ctx.estate->assets.size(); ++i) {
        asset_of.emplace(ctx.estate->assets[i].id, i);
    }
    // The first method and cutoff only: the others overlap it and would hide each other.
    PolygonLayer areas;
    areas.opacity = 0.35;
    areas.outline = Rgb{80, 80, 80};
    std::string shown;
    bool roads = false;
    for (const auto &f : catchments.features) {
        const std::string variant = io::to_text(f.values[method]) + " " + io::to_text(f.values[cutoff]);
        if (shown.empty()) {
            shown = variant;
            roads = io::to_text(f.values[method]) == "network";
        }
        if (variant == shown) {
            const auto it = asset_of.find(io::to_text(f.values[asset_id]));
            const Rgb colour = it == asset_of.end() ? closed_grey
                                                    : organisation_colour(ctx.estate->assets[it->second].organisation_kind);
            areas.features.push_back({f.geometry, colour, {}});
        }
    }
    auto [points, legend] = assets_by_owner(ctx);
    Map map;
    map.title = "Catchments: " + (shown.empty() ? std::string("none") : shown);
    map.layers = {plain_zones(ctx), std::move(areas), std::move(points)};
    map.legend_title = "Owners";
    map.legend = std::move(legend);
    map.attribution = attribution(roads);
    section.blocks.push_back(Paragraph{"Each asset's catchment by the first method of the scenario, in its owner's colour; "
                                       "the table gives the residents inside every catchment the run computed."});
    section.blocks.push_back(FigureBlock{std::move(map), "Catchments of the assets", map_size});

    Table table{"Assets and the residents in their catchments", {"Asset", "Owner"}, {Align::left, Align::left}, {}};
    std::vector<const Column *> populations;
    for (const auto &c : ctx.asset_columns) {
        if (c.name.starts_with("population_")) {
            populations.push_back(&c);
            table.header.push_back(readable(c.name.substr(std::string_view("population_").size())));
            table.align.push_back(Align::right);
        }
    }
    for (std::size_t i = 0; i < ctx.estate->assets.size(); ++i) {
        const auto &a = ctx.estate->assets[i];
        std::vector<std::string> row{asset_label(a), a.organisation};
        for (const Column *c : populations) {
            row.push_back(format_number(number_of(c->values[i])));
        }
        table.rows.push_back(std::move(row));
    }
    section.blocks.push_back(std::move(table));
    return section;
}

/// Decimals that tell the quantile breaks of `values` apart: two significant digits of the median.
int decimals_for(std::vector<double> values) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !(std::isfinite(v) && v > 0.0); }),
                 values.end());
    if (values.empty()) {
        return 0;
    }
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2), values.end());
    const double median = values[values.size() / 2];
    return std::clamp(1 - static_cast<int>(std::floor(std::log10(median))), 0, 6);
}

/// The zones layer's IMD decile field ("imd19_index_of_multiple_deprivation_imd_decile"): the
/// first field naming both "imd" and "decile"; none when the zones carry no such field.
std::optional<std::size_t> imd_decile_field(const io::Layer &zones) {
    for (std::size_t i = 0; i < zones.fields().size(); ++i) {
        const std::string &name = zones.fields()[i].name;
        if (name.find("imd") != std::string::npos && name.ends_with("decile")) {
            return i;
        }
    }
    return std::nullopt;
}

/// Population-weighted mean access per IMD decile, zones matched to the layer by feature id.
std::optional<BarChart> access_by_decile(const RunContext &ctx, const Column &access) {
    const auto field = imd_decile_field(*ctx.zones_layer);
    if (!field) {
        return std::nullopt;
    }
    std::map<std::int64_t, double> decile_of_fid;
    for (const auto &f : ctx.zones_layer->features()) {
        const double d = number_of(f.values[*field]);
        if (std::isfinite(d)) {
            decile_of_fid[f.fid] = d;
        }
    }
    std::vector<double> weighted(10, 0.0), people(10, 0.0);
    for (std::size_t i = 0; i < ctx.population->zones.size(); ++i) {
        const auto &z = ctx.population->zones[i];
        const auto it = decile_of_fid.find(z.fid);
        const double value = number_of(access.values[i]);
        if (it == decile_of_fid.end() || it->second < 1.0 || it->second > 10.0 || !std::isfinite(value)) {
            continue;
        }
        const auto d = static_cast<std::size_t>(it->second) - 1;
        weighted[d] += value * z.population;
        people[d] += z.population;
    }
    BarChart chart;
    chart.title = "Access by deprivation decile (" + readable(access.name) + ")";
    chart.orientation = BarOrientation::vertical;
    chart.category_axis_label = "IMD decile (1 = most deprived 10% in England)";
    chart.value_axis_label = "Mean access, population-weighted";
    std::vector<double> means;
    for (std::size_t d = 0; d < 10; ++d) {
        means.push_back(people[d] > 0.0 ? weighted[d] / people[d] : 0.0);
    }
    chart.decimals = decimals_for(means);
    const std::vector<Rgb> ramp = sequential_ramp(9);
    for (std::size_t d = 0; d < 10; ++d) {
        chart.bars.push_back({std::to_string(d + 1), means[d], ramp[std::min<std::size_t>(d, 8)]});
    }
    return chart;
}

Section accessibility_section(const RunContext &ctx, const Column &access) {
    Section section{"Accessibility", {}};
    const json &figures = ctx.summary["accessibility"];
    std::vector<double> values;
    for (const auto &v : access.values) {
        values.push_back(number_of(v));
    }
    ChoroplethOptions options;
    options.decimals = decimals_for(values);
    const Choropleth classes = choropleth(zone_shapes(ctx), values, options);
    Map map;
    map.title = "Access: " + readable(access.name);
    map.layers = {classes.layer};
    map.legend_title = readable(access.name) + " (quintiles)";
    map.legend = classes.legend;
    map.attribution = attribution(figures.value("costs", "") == "network");
    section.blocks.push_back(Paragraph{"The first accessibility measure of the scenario per zone (" +
                                       figures.value("costs", std::string()) + " costs, supply: " +
                                       figures.value("supply", std::string()) + ")."});
    section.blocks.push_back(FigureBlock{std::move(map), "Accessibility by zone", map_size});
    if (auto chart = access_by_decile(ctx, access)) {
        section.blocks.push_back(FigureBlock{std::move(*chart), "Access by IMD decile", chart_size});
    }
    return section;
}

Section segmentation_section(const io::OutputLayer &segments, const io::OutputLayer &index) {
    Section section{"Segments", {}};
    section.blocks.push_back(Paragraph{"Each top-level segment's index scores: the segment's mean of each variable "
                                       "against the mean of all zones (100)."});
    std::size_t s = 0;
    for (const auto &f : index.features) {
        if (number_of(f.values[0]) != 1.0) {
            continue;
        }
        BarChart chart;
        chart.title = "Segment " + io::to_text(f.values[1]) + ": index scores";
        chart.value_axis_label = "Index (all zones = 100)";
        chart.reference = ReferenceLine{100.0, "100"};
        chart.colour = segment_colour(s++);
        for (std::size_t v = 2; v < index.fields.size(); ++v) {
            chart.bars.push_back({readable(index.fields[v].name), number_of(f.values[v]), std::nullopt});
        }
        // A bar every 9 pt, so 49 variables fill most of a page.
        const double height = 80.0 + 9.0 * static_cast<double>(chart.bars.size());
        section.blocks.push_back(FigureBlock{std::move(chart), "Index scores of segment " + io::to_text(f.values[1]),
                                             ImageSize{495.0, height, 2.0}});
    }
    Table table{"Segment sizes", {"Level", "Segment", "Zones", "Residents", "Share"},
                {Align::right, Align::left, Align::right, Align::right, Align::right}, {}};
    for (const auto &f : segments.features) {
        table.rows.push_back({format_number(number_of(f.values[0])), io::to_text(f.values[1]),
                              format_number(number_of(f.values[2])), format_number(number_of(f.values[3])),
                              format_number(100.0 * number_of(f.values[4]), 1) + "%"});
    }
    section.blocks.push_back(std::move(table));
    return section;
}

Section locate_section(const RunContext &ctx, const io::OutputLayer &kept) {
    Section section{"Location-allocation", {}};
    const json &figures = ctx.summary["locate"];
    const auto selected = std::find_if(ctx.asset_columns.begin(), ctx.asset_columns.end(),
                                       [](const Column &c) { return c.name == "locate_selected"; });
    PointLayer closed, open;
    for (std::size_t i = 0; i < ctx.estate->assets.size(); ++i) {
        const auto &a = ctx.estate->assets[i];
        const bool keep = selected != ctx.asset_columns.end() && number_of(selected->values[i]) == 1.0;
        if (keep) {
            open.features.push_back({a.location, organisation_colour(a.organisation_kind), 8.0, Symbol::circle, {}});
        } else {
            closed.features.push_back({a.location, closed_grey, 5.0, Symbol::square, {}});
        }
    }
    Map map;
    map.title = "Kept sites (" + figures.value("problem", std::string()) + ", p = " +
                std::to_string(figures.value("p", std::size_t{0})) + ")";
    map.layers = {plain_zones(ctx), std::move(closed), std::move(open)};
    map.legend_title = "Sites";
    map.legend = {{"kept", organisation_colour(model::OrganisationKind::other), LegendKey::point, Symbol::circle},
                  {"not kept", closed_grey, LegendKey::point, Symbol::square}};
    map.attribution = attribution(figures.value("costs", "") == "network");
    const double share = figures.contains("served_share") && figures["served_share"].is_number()
                             ? figures["served_share"].get<double>()
                             : std::nan("");
    section.blocks.push_back(Paragraph{"The " + std::to_string(kept.features.size()) +
                                       " sites a smaller estate would keep; they serve " + format_number(100.0 * share, 1) +
                                       "% of the residents."});
    section.blocks.push_back(FigureBlock{std::move(map), "Sites kept by the location-allocation", map_size});
    Table table{"Kept sites", {"Asset", "Residents served"}, {Align::left, Align::right}, {}};
    for (const auto &f : kept.features) {
        const std::string name = io::to_text(f.values[1]);
        table.rows.push_back({name.empty() ? io::to_text(f.values[0]) : name, format_number(number_of(f.values[2]))});
    }
    section.blocks.push_back(std::move(table));
    return section;
}

/// A table layer as a report table: every field, numbers with thousands separators.
Table table_of(const io::OutputLayer &layer, std::string caption) {
    Table table{std::move(caption), {}, {}, {}};
    for (const auto &field : layer.fields) {
        table.header.push_back(readable(field.name));
        table.align.push_back(field.type == io::FieldType::string ? Align::left : Align::right);
    }
    for (const auto &f : layer.features) {
        std::vector<std::string> row;
        for (std::size_t i = 0; i < f.values.size(); ++i) {
            const double value = number_of(f.values[i]);
            row.push_back(std::holds_alternative<std::string>(f.values[i]) || f.values[i].index() == 0
                              ? io::to_text(f.values[i])
                              : format_number(value, std::abs(value) < 100.0 && value != std::floor(value) ? 2 : 0));
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

Section indicators_section(const io::OutputLayer *organisations, const io::OutputLayer *services) {
    Section section{"Asset use", {}};
    section.blocks.push_back(Paragraph{"Floor area, running cost and the residents served, totalled per owner and per "
                                       "service over the assets' first catchments."});
    if (organisations != nullptr) {
        section.blocks.push_back(table_of(*organisations, "Per owner"));
    }
    if (services != nullptr) {
        section.blocks.push_back(table_of(*services, "Per service"));
    }
    return section;
}

// --- Consolidation: the figures of summary["consolidation"] and the stage's layers.

double figure_of(const json &value) { return value.is_number() ? value.get<double>() : std::nan(""); }

/// "15 min" or "2 km" for a cost in the consolidation's unit.
std::string cost_text(double cost, const std::string &unit) {
    if (!std::isfinite(cost)) {
        return "n/a";
    }
    return unit == "seconds" ? format_number(cost / 60.0, cost < 600.0 ? 1 : 0) + " min"
                             : format_number(cost / 1000.0, cost < 10000.0 ? 1 : 0) + " km";
}

std::string share_text(const json &share) {
    const double value = figure_of(share);
    return std::isfinite(value) ? format_number(100.0 * value, 1) + "%" : "n/a";
}

/// The headline figures of the consolidation on the summary page: sites kept, what closing the
/// others releases (the figures some closed asset has), coverage before and after, who loses most.
void add_consolidation_summary(Report &r, const json &c) {
    const json &savings = c["savings"];
    const auto closed = c["closed"].get<std::size_t>();
    r.summary.push_back({format_number(figure_of(c["kept"])) + " of " + format_number(figure_of(c["assets"])),
                         c["service"].get<std::string>() + " sites kept by the consolidation"});
    if (savings["running_cost_missing"].get<std::size_t>() < closed) {
        r.summary.push_back({"£" + format_number(figure_of(savings["running_cost_gbp"])), "running cost released per year"});
    }
    if (savings["floor_area_missing"].get<std::size_t>() < closed) {
        r.summary.push_back({format_number(figure_of(savings["floor_area_m2"])), "m² floor area released"});
    }
    if (savings["value_missing"].get<std::size_t>() < closed) {
        r.summary.push_back({"£" + format_number(figure_of(savings["capital_receipts_gbp"])), "capital receipts"});
    }
    const json &within = c["goal"]["within"];
    const std::string unit = c["cost_unit"];
    if (within.is_number()) {
        r.summary.push_back({share_text(c["overall"]["share_within_before"]) + " → " +
                                 share_text(c["overall"]["share_within_after"]),
                             "residents within " + cost_text(within.get<double>(), unit) + ", before → after"});
    } else {
        r.summary.push_back({cost_text(figure_of(c["overall"]["mean_cost_before"]), unit) + " → " +
                                 cost_text(figure_of(c["overall"]["mean_cost_after"]), unit),
                             "mean travel to the nearest site, before → after"});
    }
    if (c["loses_most"].is_string()) {
        r.summary.push_back({c["loses_most"].get<std::string>(), "loses most access (" + c["by"].get<std::string>() + ")"});
    }
}

/// Zones by the change of their travel to the nearest kept site (red: further, the diverging
/// ramp turned so that a loss is red), kept sites blue, closed ones red.
Map consolidation_map(const RunContext &ctx, const io::OutputLayer &zones, const json &c) {
    const std::string unit = c["cost_unit"];
    const double scale = unit == "seconds" ? 1.0 / 60.0 : 1.0 / 1000.0; // minutes or km
    const std::size_t change = field_index(zones, "cost_change");
    std::vector<double> values;
    std::vector<geometry::Geometry> shapes;
    for (const auto &f : zones.features) {
        values.push_back(number_of(f.values[change]) * scale);
        shapes.push_back(f.geometry);
    }
    ChoroplethOptions options;
    options.method = ClassMethod::symmetric;
    options.ramp = Ramp::diverging;
    options.decimals = 1;
    Choropleth classes = choropleth(shapes, values, options);
    // The ramp runs red (low) to blue (high); a longer journey is the loss, so turn it round.
    const std::vector<Rgb> ramp = class_colours(Ramp::diverging, classes.classification.classes());
    const auto turned = [&](Rgb colour) {
        const auto it = std::find(ramp.begin(), ramp.end(), colour);
        return it == ramp.end() ? colour : ramp[ramp.size() - 1 - static_cast<std::size_t>(it - ramp.begin())];
    };
    for (auto &f : classes.layer.features) {
        if (f.fill) {
            f.fill = turned(*f.fill);
        }
    }
    for (auto &entry : classes.legend) {
        entry.colour = turned(entry.colour);
    }
    const std::vector<Rgb> ends = diverging_ramp(3);
    std::set<std::string> kept;
    for (const auto &id : c["kept_ids"]) {
        kept.insert(id.get<std::string>());
    }
    std::set<std::string> candidates = kept;
    for (const auto &id : c["closed_ids"]) {
        candidates.insert(id.get<std::string>());
    }
    PointLayer closed_sites, kept_sites;
    for (const auto &a : ctx.estate->assets) {
        if (candidates.count(a.id) == 0) {
            continue;
        }
        if (kept.count(a.id) > 0) {
            kept_sites.features.push_back({a.location, ends.back(), 8.0, Symbol::circle, {}});
        } else {
            closed_sites.features.push_back({a.location, ends.front(), 6.0, Symbol::square, {}});
        }
    }
    Map map;
    map.title = "Change in travel to the nearest " + c["service"].get<std::string>() + " site";
    map.layers = {std::move(classes.layer), std::move(closed_sites), std::move(kept_sites)};
    map.legend_title = std::string("Change, ") + (unit == "seconds" ? "minutes" : "km") + " (red: further)";
    map.legend = std::move(classes.legend);
    map.legend.push_back({"kept", ends.back(), LegendKey::point, Symbol::circle});
    map.legend.push_back({"closed", ends.front(), LegendKey::point, Symbol::square});
    map.attribution = attribution(c["costs"] == "road network");
    return map;
}

/// The closed sites by what closing each releases: running cost when some have one, else floor area.
std::optional<BarChart> savings_chart(const io::OutputLayer &assets) {
    const std::size_t kept = field_index(assets, "kept");
    const std::size_t name = field_index(assets, "name");
    const std::size_t id = field_index(assets, "asset_id");
    const std::size_t cost = field_index(assets, "running_cost_gbp");
    const std::size_t area = field_index(assets, "floor_area_m2");
    const auto any_closed_with = [&](std::size_t field) {
        return std::any_of(assets.features.begin(), assets.features.end(), [&](const io::Feature &f) {
            return number_of(f.values[kept]) == 0.0 && std::isfinite(number_of(f.values[field]));
        });
    };
    const bool by_cost = any_closed_with(cost);
    if (!by_cost && !any_closed_with(area)) {
        return std::nullopt;
    }
    const std::size_t field = by_cost ? cost : area;
    std::vector<std::pair<double, std::string>> bars;
    for (const auto &f : assets.features) {
        const double value = number_of(f.values[field]);
        if (number_of(f.values[kept]) == 0.0 && std::isfinite(value)) {
            const std::string label = io::to_text(f.values[name]);
            bars.emplace_back(value, label.empty() ? io::to_text(f.values[id]) : label);
        }
    }
    // Largest first, ties by name, at most 20 so the chart stays readable.
    std::stable_sort(bars.begin(), bars.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    bars.resize(std::min<std::size_t>(bars.size(), 20));
    BarChart chart;
    chart.title = by_cost ? "Running cost released per closed site" : "Floor area released per closed site";
    chart.value_axis_label = by_cost ? "£ per year" : "m²";
    chart.value_prefix = by_cost ? "£" : "";
    chart.colour = diverging_ramp(3).front();
    for (auto &[value, label] : bars) {
        chart.bars.push_back({std::move(label), value, std::nullopt});
    }
    return chart;
}

Table access_table(const json &c) {
    const std::string unit = c["cost_unit"];
    Table table{"Access before and after", {"Residents", "Zones", "People", "Mean travel before", "Mean travel after",
                                            "Within before", "Within after"},
                {Align::left, Align::right, Align::right, Align::right, Align::right, Align::right, Align::right},
                {}};
    const auto row = [&](const json &g) {
        table.rows.push_back({g["group"] == "all" ? "all" : g["group"].get<std::string>(), format_number(figure_of(g["zones"])),
                              format_number(figure_of(g["population"])), cost_text(figure_of(g["mean_cost_before"]), unit),
                              cost_text(figure_of(g["mean_cost_after"]), unit), share_text(g["share_within_before"]),
                              share_text(g["share_within_after"])});
    };
    row(c["overall"]);
    for (const auto &g : c["groups"]) {
        row(g);
    }
    return table;
}

/// What closing the sites releases, in words: the figures the closed sites have, and how many lack one.
std::string savings_text(const json &c) {
    const json &s = c["savings"];
    const auto closed = c["closed"].get<std::size_t>();
    std::vector<std::string> parts;
    const auto add = [&](const char *value, const char *missing, const std::string &prefix, const std::string &what) {
        const auto lacking = s[missing].get<std::size_t>();
        if (lacking == closed) {
            return;
        }
        parts.push_back(prefix + format_number(figure_of(s[value])) + what +
                        (lacking > 0 ? " (" + format_number(static_cast<double>(lacking)) + " closed sites without a figure)" : ""));
    };
    add("running_cost_gbp", "running_cost_missing", "£", " a year of running costs");
    add("floor_area_m2", "floor_area_missing", "", " m² of floor area");
    add("capital_receipts_gbp", "value_missing", "£", " of capital receipts");
    if (parts.empty()) {
        return "The closed sites have no running cost, floor area or value recorded, so the savings are not known.";
    }
    std::string text = "Closing them releases " + parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i) {
        text += (i + 1 == parts.size() ? " and " : ", ") + parts[i];
    }
    return text + ".";
}

Section consolidation_section(const RunContext &ctx, const json &c, const io::OutputLayer &assets,
                              const io::OutputLayer &zones, const io::OutputLayer &moves) {
    Section section{"Consolidation", {}};
    const std::string unit = c["cost_unit"];
    const json &goal = c["goal"];
    const std::string reach = goal["within"].is_number() ? cost_text(goal["within"].get<double>(), unit) : "";
    const std::string aim = goal.contains("keep")
                                ? "keeping " + format_number(figure_of(goal["keep"])) + " sites with the least total travel"
                                : "keeping the fewest sites that leave " + share_text(goal["min_coverage"]) +
                                      " of the residents within " + reach;
    std::string text = "The consolidation of the " + c["service"].get<std::string>() + " sites, " + aim + " (" +
                       c["costs"].get<std::string>() + "), keeps " + format_number(figure_of(c["kept"])) + " of " +
                       format_number(figure_of(c["assets"])) + " and closes " + format_number(figure_of(c["closed"])) +
                       ". " + savings_text(c) + " Mean travel to the nearest site goes from " +
                       cost_text(figure_of(c["overall"]["mean_cost_before"]), unit) + " to " +
                       cost_text(figure_of(c["overall"]["mean_cost_after"]), unit);
    if (!reach.empty()) {
        text += "; the residents within " + reach + " from " + share_text(c["overall"]["share_within_before"]) + " to " +
                share_text(c["overall"]["share_within_after"]);
    }
    text += ".";
    if (c["loses_most"].is_string()) {
        text += " By " + c["by"].get<std::string>() + ", " + c["loses_most"].get<std::string>() + " loses most.";
    }
    section.blocks.push_back(Paragraph{std::move(text)});
    section.blocks.push_back(FigureBlock{consolidation_map(ctx, zones, c), "Access before and after the consolidation", map_size});
    if (auto chart = savings_chart(assets)) {
        const double height = 80.0 + 14.0 * static_cast<double>(chart->bars.size());
        section.blocks.push_back(FigureBlock{std::move(*chart), "What closing each site releases", ImageSize{495.0, height, 2.0}});
    }
    section.blocks.push_back(access_table(c));
    Table table{"The moves", {"What happens", "People"}, {Align::left, Align::right}, {}};
    const std::size_t move_text = field_index(moves, "text");
    const std::size_t people = field_index(moves, "people");
    for (const auto &f : moves.features) {
        table.rows.push_back({io::to_text(f.values[move_text]), format_number(number_of(f.values[people]))});
    }
    section.blocks.push_back(std::move(table));
    return section;
}

/// "a", "a and b", "a, b and c".
std::string in_words(const std::vector<std::string> &items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    }
    return out;
}

/// The best co-location groups in words, the hubs over the segment map, and the top groups' table.
Section colocation_section(const RunContext &ctx) {
    constexpr std::size_t shown = 10;
    const auto &result = *ctx.colocation;
    const auto &assets = ctx.estate->assets;
    const json &figures = ctx.summary["colocation"];
    Section section{"Co-location", {}};
    const auto name_of = [&](std::size_t a) { return asset_label(assets[a]); };
    std::string text = format_number(static_cast<double>(result.groups.size())) +
                       " groups of assets of different owners whose services could share a building, each member within " +
                       format_number(figures.value("within", 0.0)) + " " + figures.value("within_unit", std::string()) +
                       " (" + figures.value("by", std::string()) + ") of every other.";
    if (!result.groups.empty()) {
        text += " The best opportunities:";
    }
    section.blocks.push_back(Paragraph{text});
    for (std::size_t r = 0; r < result.groups.size() && r < 3; ++r) {
        const auto &g = result.groups[r];
        std::vector<std::string> names;
        for (const auto a : g.members) {
            names.push_back(name_of(a));
        }
        std::string line = std::to_string(r + 1) + ". " + in_words(names) + " (" + in_words(g.organisations) + ")";
        line += g.scores.floor_area_m2 > 0.0 ? ": " + format_number(g.scores.floor_area_m2) + " m² floor area" : "";
        line += g.scores.running_cost_gbp > 0.0 ? ", £" + format_number(g.scores.running_cost_gbp) + " a year" : "";
        line += g.reasons.empty() ? "." : "; " + in_words(g.reasons) + ".";
        section.blocks.push_back(Paragraph{line});
    }

    // Members in their owner's colour, the hubs of the best groups numbered by rank.
    auto [zones, zone_legend] = segment_map(ctx);
    PointLayer members, hubs;
    std::set<model::OrganisationKind> kinds;
    const Rgb hub_colour = sequential_ramp(3).back();
    for (std::size_t r = 0; r < result.groups.size(); ++r) {
        const auto &g = result.groups[r];
        for (const auto a : g.members) {
            members.features.push_back({assets[a].location, organisation_colour(assets[a].organisation_kind), 5.0,
                                        Symbol::circle, {}});
            kinds.insert(assets[a].organisation_kind);
        }
        hubs.features.push_back({g.hub_point, hub_colour, r < shown ? 9.0 : 6.0, Symbol::diamond,
                                 r < shown ? std::to_string(r + 1) : std::string()});
    }
    Map map;
    map.title = "Co-location groups";
    map.layers = {std::move(zones), std::move(members), std::move(hubs)};
    map.legend_title = "Groups, owners and segments";
    map.legend.push_back({"group hub (best " + std::to_string(shown) + " numbered)", hub_colour, LegendKey::point, Symbol::diamond});
    for (const auto kind : kinds) {
        map.legend.push_back({model::organisation_kind_name(kind), organisation_colour(kind), LegendKey::point, Symbol::circle});
    }
    map.legend.insert(map.legend.end(), zone_legend.begin(), zone_legend.end());
    map.attribution = attribution(figures.value("by", std::string()) == "road");
    section.blocks.push_back(FigureBlock{std::move(map), "Co-location groups: hubs and members", map_size});

    Table table{"The best co-location groups",
                {"Rank", "Members", "Owners", "Floor area m²", "Running cost £", "Score", "Reasons"},
                {Align::right, Align::left, Align::left, Align::right, Align::right, Align::right, Align::left},
                {}};
    for (std::size_t r = 0; r < result.groups.size() && r < shown; ++r) {
        const auto &g = result.groups[r];
        std::vector<std::string> names;
        for (const auto a : g.members) {
            names.push_back(name_of(a));
        }
        table.rows.push_back({std::to_string(r + 1), in_words(names), in_words(g.organisations),
                              format_number(g.scores.floor_area_m2), format_number(g.scores.running_cost_gbp),
                              format_number(g.scores.score, 2), in_words(g.reasons)});
    }
    section.blocks.push_back(std::move(table));
    return section;
}


/// The users of each asset's catchment per top-level segment (the indicators' users_* columns),
/// when the scenario has users and a segmentation; none otherwise.
std::optional<Table> users_per_segment_table(const RunContext &ctx) {
    std::vector<const Column *> columns;
    for (const auto &c : ctx.asset_columns) {
        if (c.name == "users" || c.name.starts_with("users_")) {
            columns.push_back(&c);
        }
    }
    if (columns.empty()) {
        return std::nullopt;
    }
    Table table{"Users in each asset's catchment, per segment of their zone", {"Asset"}, {Align::left}, {}};
    for (const Column *c : columns) {
        table.header.push_back(c->name == "users" ? "All users" : "Segment " + c->name.substr(6));
        table.align.push_back(Align::right);
    }
    for (std::size_t i = 0; i < ctx.estate->assets.size(); ++i) {
        const auto &a = ctx.estate->assets[i];
        std::vector<std::string> row{asset_label(a)};
        for (const Column *c : columns) {
            const double value = number_of(c->values[i]);
            row.push_back(std::isfinite(value) ? format_number(value, value == std::floor(value) ? 0 : 1) : "n/a");
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

} // namespace

/// The co-location figures of the summary page: the number of groups, and the best
/// opportunity by its services and first member, which fit a card's three lines (its members,
/// reasons and the other groups are in the section).
void add_colocation_summary(Report &r, const RunContext &ctx) {
    const auto &groups = ctx.colocation->groups;
    r.summary.push_back({format_number(static_cast<double>(groups.size())), "co-location groups"});
    if (!groups.empty()) {
        const auto &best = groups.front();
        std::vector<std::string> best_services;
        for (const auto a : best.members) {
            for (const auto &service : ctx.estate->assets[a].services) {
                if (std::find(best_services.begin(), best_services.end(), service) == best_services.end()) {
                    best_services.push_back(service);
                }
            }
        }
        const std::string value = best.scores.floor_area_m2 > 0.0 ? format_number(best.scores.floor_area_m2) + " m²"
                                                                  : std::to_string(best.members.size()) + " assets";
        r.summary.push_back({value, "the best co-location opportunity: " + in_words(best_services) + ", at " +
                                        asset_label(ctx.estate->assets[best.members.front()])});
    }
}

Report run_report(const RunContext &ctx) {
    Report r;
    r.title = ctx.scenario.name;
    r.subtitle = ctx.scenario.description.empty() ? "The estate report of a pooled run" : ctx.scenario.description;
    add_summary(r, ctx);
    r.sections.push_back(estate_section(ctx));
    if (const auto *catchments = layer_named(ctx, "catchments")) {
        r.sections.push_back(catchments_section(ctx, *catchments));
    }
    if (const Column *access = column_starting(ctx.zone_columns, "access_")) {
        r.sections.push_back(accessibility_section(ctx, *access));
    }
    const auto *segments = layer_named(ctx, "segments");
    const auto *index = layer_named(ctx, "segment_index");
    if (segments != nullptr && index != nullptr) {
        r.sections.push_back(segmentation_section(*segments, *index));
    }
    const auto *organisations = layer_named(ctx, "organisation_indicators");
    const auto *services = layer_named(ctx, "service_indicators");
    if (organisations != nullptr || services != nullptr) {
        r.sections.push_back(indicators_section(organisations, services));
        if (auto users = users_per_segment_table(ctx)) {
            r.sections.back().blocks.push_back(std::move(*users));
        }
    }
    if (ctx.colocation) {
        add_colocation_summary(r, ctx);
        r.sections.push_back(colocation_section(ctx));
    }
    if (const auto *kept = layer_named(ctx, "locate")) {
        r.sections.push_back(locate_section(ctx, *kept));
    }
    // Consolidation runs after locate, so its section follows (sections in the stages' order).
    const auto *consolidated = layer_named(ctx, "consolidation_assets");
    const auto *consolidated_zones = layer_named(ctx, "consolidation_zones");
    const auto *moves = layer_named(ctx, "consolidation_moves");
    if (ctx.summary.contains("consolidation") && consolidated && consolidated_zones && moves) {
        add_consolidation_summary(r, ctx.summary["consolidation"]);
        r.sections.push_back(consolidation_section(ctx, ctx.summary["consolidation"], *consolidated, *consolidated_zones, *moves));
    }
    r.footer = {"Zones: Office for National Statistics, Open Government Licence v3.0.",
                "Made with pooled from the scenario " + ctx.scenario.name + " (seed " + std::to_string(ctx.scenario.seed) + ")."};
    return r;
}

} // namespace pooled::scenario::detail
