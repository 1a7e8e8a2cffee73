// Road networks and the cost matrices on them (or in a straight line).
#include "capi/layers.hpp"

#include <pooled/network/load.hpp>
#include <pooled/network/route_matrix.hpp>
#include <pooled/network/straight_line.hpp>

#include <cmath>

using namespace pooled;
using namespace pooled::capi;

namespace {

network::Profile profile_of(const pooled_profile &profile) {
    switch (const int value = enum_value(profile)) {
    case POOLED_PROFILE_DRIVE: return network::Profile::drive;
    case POOLED_PROFILE_WALK: return network::Profile::walk;
    case POOLED_PROFILE_CYCLE: return network::Profile::cycle;
    default: throw StatusError{POOLED_ERR_ARGUMENT, "unknown pooled_profile value " + std::to_string(value)};
    }
}

network::Cost cost_of(const pooled_cost &cost) {
    switch (const int value = enum_value(cost)) {
    case POOLED_COST_SECONDS: return network::Cost::seconds;
    case POOLED_COST_METRES: return network::Cost::metres;
    default: throw StatusError{POOLED_ERR_ARGUMENT, "unknown pooled_cost value " + std::to_string(value)};
    }
}

// A cutoff as the C API gives it: 0 = none; negative or NaN is the caller's mistake.
std::optional<double> cutoff_of(double cutoff) {
    if (!(cutoff >= 0.0)) {
        throw StatusError{POOLED_ERR_ARGUMENT, "the cutoff must be >= 0 (0 = none), not " + std::to_string(cutoff)};
    }
    return cutoff == 0.0 ? std::nullopt : std::optional<double>(cutoff);
}

} // namespace

extern "C" {

pooled_status pooled_network_load(pooled_context *ctx, const pooled_layers *layers, const char *source,
                                  pooled_profile profile, pooled_network **out) {
    return make_object(ctx, out, [&] {
        const auto &object = use(layers);
        network::NetworkOptions options;
        options.profile = profile_of(profile);
        return std::make_unique<pooled_network>(
            pooled_network{Tag::network, network::load_network(text(source, "source"), *object.working, options)});
    });
}

pooled_status pooled_network_destroy(pooled_context *ctx, pooled_network *network) {
    return destroy_object(ctx, network);
}

pooled_status pooled_network_size(pooled_context *ctx, const pooled_network *network, size_t *nodes, size_t *edges) {
    return guarded(ctx, [&] {
        const auto &graph = use(network).loaded.graph;
        output(nodes, "nodes") = graph.node_count();
        output(edges, "edges") = graph.edge_count();
    });
}

pooled_status pooled_matrix_route(pooled_context *ctx, const pooled_network *network, const pooled_layers *layers,
                                  pooled_cost cost, double cutoff, double max_snap_m, pooled_progress_fn progress,
                                  void *progress_data, pooled_matrix **out) {
    return make_object(ctx, out, [&] {
        const auto &graph = use(network).loaded.graph;
        const auto &object = use(layers);
        network::MatrixOptions options;
        options.cost = cost_of(cost);
        options.cutoff = cutoff_of(cutoff);
        if (!(max_snap_m >= 0.0)) {
            throw StatusError{POOLED_ERR_ARGUMENT, "max_snap_m must be >= 0 (0 = 1 km)"};
        }
        if (max_snap_m > 0.0) {
            options.max_snap_m = max_snap_m;
        }
        options.threads = ctx->threads;
        const auto origins = zone_points(object);
        const auto destinations = asset_points(object);
        return std::make_unique<pooled_matrix>(pooled_matrix{
            Tag::matrix, network::route_matrix(graph, origins, destinations, options, nullptr,
                                               progress_of(progress, progress_data))});
    });
}

pooled_status pooled_matrix_straight_line(pooled_context *ctx, const pooled_layers *layers, double cutoff,
                                          pooled_matrix **out) {
    return make_object(ctx, out, [&] {
        const auto &object = use(layers);
        return std::make_unique<pooled_matrix>(pooled_matrix{
            Tag::matrix, network::straight_line_matrix(zone_points(object), asset_points(object), cutoff_of(cutoff))});
    });
}

pooled_status pooled_matrix_destroy(pooled_context *ctx, pooled_matrix *matrix) { return destroy_object(ctx, matrix); }

pooled_status pooled_matrix_size(pooled_context *ctx, const pooled_matrix *matrix, size_t *origins,
                                 size_t *destinations, size_t *stored) {
    return guarded(ctx, [&] {
        const auto &m = use(matrix).matrix;
        output(origins, "origins") = m.origin_count();
        output(destinations, "destinations") = m.destination_count();
        output(stored, "stored") = m.stored();
    });
}

pooled_status pooled_matrix_unit(pooled_context *ctx, const pooled_matrix *matrix, pooled_cost *unit) {
    return guarded(ctx, [&] {
        output(unit, "unit") =
            use(matrix).matrix.unit() == network::CostUnit::seconds ? POOLED_COST_SECONDS : POOLED_COST_METRES;
    });
}

pooled_status pooled_matrix_cost(pooled_context *ctx, const pooled_matrix *matrix, size_t origin, size_t destination,
                                 double *cost) {
    return guarded(ctx, [&] {
        const auto &m = use(matrix).matrix;
        output(cost, "cost") = m.at(checked_index(origin, m.origin_count(), "origin"),
                                    checked_index(destination, m.destination_count(), "destination"));
    });
}

pooled_status pooled_matrix_row(pooled_context *ctx, const pooled_matrix *matrix, size_t origin,
                                uint32_t *destinations, double *costs, size_t capacity, size_t *count) {
    return guarded(ctx, [&] {
        const auto &m = use(matrix).matrix;
        const auto row = m.row(checked_index(origin, m.origin_count(), "origin"));
        std::vector<std::uint32_t> indexes;
        std::vector<double> values;
        for (const auto &entry : row) {
            indexes.push_back(entry.destination);
            values.push_back(entry.cost);
        }
        // Both buffers follow the size-query convention together; either may be left out.
        fill<std::uint32_t>(indexes, destinations, destinations ? capacity : 0, count);
        fill<double>(values, costs, costs ? capacity : 0, count);
    });
}

pooled_status pooled_matrix_origin_id(pooled_context *ctx, const pooled_matrix *matrix, size_t origin,
                                      const char **id) {
    return guarded(ctx, [&] {
        const auto &ids = use(matrix).matrix.origin_ids();
        output(id, "id") = ids[checked_index(origin, ids.size(), "origin")].c_str();
    });
}

pooled_status pooled_matrix_destination_id(pooled_context *ctx, const pooled_matrix *matrix, size_t destination,
                                           const char **id) {
    return guarded(ctx, [&] {
        const auto &ids = use(matrix).matrix.destination_ids();
        output(id, "id") = ids[checked_index(destination, ids.size(), "destination")].c_str();
    });
}

} // extern "C"
