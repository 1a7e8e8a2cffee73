// Stage "accessibility": each measure the scenario names, per zone, on one zone-to-asset cost
// matrix (straight line or road), with the zones' population as demand and the assets' count,
// floor area or capacity as supply; the population-weighted mean and inequality per measure.

#include "scenario/run_context.hpp"

#include <pooled/accessibility/availability.hpp>
#include <pooled/accessibility/coverage.hpp>
#include <pooled/accessibility/decay.hpp>
#include <pooled/accessibility/equity.hpp>
#include <pooled/accessibility/measures.hpp>

#include <cmath>

namespace pooled::scenario::detail {

namespace {
namespace acc = accessibility;

/// Supply per asset; an asset without the field's value supplies 0 (counted in the summary).
std::vector<double> supply_of(const RunContext &ctx, const std::string &field, std::size_t &missing) {
    std::vector<double> supply;
    if (field != "count") {
        ctx.estate->require(field, "the accessibility supply");
    }
    for (const auto &a : ctx.estate->assets) {
        std::optional<double> value = 1.0;
        if (field == "floor_area") {
            value = a.floor_area ? std::optional(a.floor_area->value()) : std::nullopt;
        } else if (field == "capacity") {
            value = a.capacity;
        }
        missing += value ? 0 : 1;
        supply.push_back(value.value_or(0.0));
    }
    return supply;
}

std::vector<double> measure(const std::string &name, const network::CostMatrix &m, const std::vector<double> &demand,
                            const std::vector<double> &supply, const acc::Decay &decay, std::optional<double> cutoff) {
    if (name == "2sfca" || name == "e2sfca") {
        return acc::two_step_fca(m, demand, supply, decay, cutoff).access;
    }
    if (name == "3sfca") {
        return acc::three_step_fca(m, demand, supply, decay, cutoff).access;
    }
    if (name == "gravity") {
        return acc::gravity(m, supply, decay, cutoff);
    }
    if (name == "cumulative") {
        return acc::cumulative_opportunities(m, supply, cutoff);
    }
    if (name == "availability") {
        return acc::spatial_availability(m, demand, supply, decay, cutoff).per_head;
    }
    return acc::coverage(m, demand, supply, *cutoff).covered;
}

void run(RunContext &ctx, const Progress &progress) {
    const AccessibilitySettings &settings = *ctx.scenario.accessibility;
    const network::CostMatrix matrix = ctx.zone_to_asset_costs(settings.costs, settings.cutoff, progress.sub(0.0, 0.7));
    const std::vector<double> demand = ctx.zone_population();
    std::size_t without_supply = 0;
    const std::vector<double> supply = supply_of(ctx, settings.supply, without_supply);
    // Without a decay, a pair counts fully within the cutoff (validation made sure there is one).
    const acc::Decay decay = settings.decay.empty() ? acc::Decay(acc::Step(settings.cutoff.value_or(0.0)))
                                                    : acc::parse_decay(settings.decay);
    json figures{{"costs", settings.costs},
                 {"cost_unit", network::cost_unit_name(matrix.unit())},
                 {"cutoff", settings.cutoff ? figure(*settings.cutoff) : json(nullptr)},
                 {"decay", settings.decay.empty() ? acc::decay_text(decay) : settings.decay},
                 {"supply", settings.supply},
                 {"assets_without_supply", without_supply},
                 {"pairs", matrix.stored()}};
    for (std::size_t k = 0; k < settings.measures.size(); ++k) {
        const std::string &name = settings.measures[k];
        const std::vector<double> values = measure(name, matrix, demand, supply, decay, settings.cutoff);
        Column column{"access_" + name, io::FieldType::real, {}};
        std::size_t zero = 0;
        for (const double v : values) {
            column.values.push_back(field_value(v));
            zero += v == 0.0 ? 1 : 0;
        }
        ctx.add_zone_column(std::move(column));
        const acc::Inequality q = acc::inequality(values, demand);
        figures[name] = json{{"mean", figure(q.mean)},    {"minimum", figure(q.minimum)},
                             {"maximum", figure(q.maximum)}, {"gini", figure(q.gini)},
                             {"palma", figure(q.palma)},  {"zones_with_zero", zero}};
        progress.report(0.7 + 0.3 * static_cast<double>(k + 1) / static_cast<double>(settings.measures.size()),
                        "accessibility");
    }
    ctx.summary["accessibility"] = std::move(figures);
}

bool applies(const Scenario &s) { return s.accessibility.has_value(); }
bool needs_roads(const Scenario &s) { return s.accessibility->costs == "network"; }

} // namespace

Stage accessibility_stage() { return Stage{"accessibility", &applies, &run, &needs_roads}; }

} // namespace pooled::scenario::detail
