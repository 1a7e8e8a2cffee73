/* A complete use of pooled's C API: GP practices per 10,000 residents within 15 minutes' drive
 * (two-step floating catchment, 2SFCA) for every Rutland LSOA.
 *
 * Reads the zones and the facilities into one working CRS, builds the road network from the
 * OpenStreetMap extract, computes the travel-time matrix from every zone to every practice,
 * and prints each zone's access. Errors are printed with their source (file, layer, feature,
 * field) as the context reports them.
 *
 * Usage: rutland_access ZONES ASSETS NETWORK
 *   e.g. rutland_access testdata/rutland/rutland_zones.gpkg:lsoa21 \
 *          testdata/rutland/rutland_facilities.gpkg:gp_practices_2022 testdata/rutland/rutland-latest.osm.pbf
 * Build: cc rutland_access.c $(pkg-config --cflags --libs pooled)
 */
#include <pooled/pooled.h>

#include <stdio.h>
#include <stdlib.h>

/* Prints the context's last error with its source; returns 1 for main's exit status. */
static int report_error(pooled_context *ctx, const char *step) {
    int64_t fid = 0;
    fprintf(stderr, "%s failed (%s): %s\n", step, pooled_status_name(pooled_context_error_status(ctx)),
            pooled_context_error_message(ctx));
    if (pooled_context_error_feature(ctx, &fid)) {
        fprintf(stderr, "  feature %lld of %s\n", (long long)fid, pooled_context_error_file(ctx));
    }
    return 1;
}

/* Progress on stderr; returning 1 goes on (0 would cancel the call). */
static int show_progress(double fraction, const char *message, void *user_data) {
    (void)user_data;
    fprintf(stderr, "\r%3d%% %-30s", (int)(fraction * 100.0 + 0.5), message);
    if (fraction >= 1.0) {
        fputc('\n', stderr);
    }
    return 1;
}

int main(int argc, char **argv) {
    const double cutoff_s = 15.0 * 60.0;
    pooled_context *ctx = NULL;
    pooled_layers *layers = NULL;
    pooled_network *network = NULL;
    pooled_matrix *matrix = NULL;
    pooled_measure *measure = NULL;
    double *population = NULL, *supply = NULL, *access = NULL;
    size_t zones = 0, assets = 0, stored = 0, nodes = 0, edges = 0, count = 0, i;
    const char *crs = NULL;
    int status = 1;

    if (argc != 4) {
        fprintf(stderr, "usage: %s ZONES ASSETS NETWORK\n", argv[0]);
        return 2;
    }
    printf("pooled %s (C ABI %d)\n", pooled_version(), pooled_c_abi_version());
    ctx = pooled_context_create();
    if (ctx == NULL) {
        return 1;
    }
    if (pooled_layers_open(ctx, argv[1], argv[2], NULL, NULL, NULL, POOLED_ON_INVALID_FAIL, NULL, NULL, &layers)) {
        status = report_error(ctx, "reading the layers");
        goto done;
    }
    pooled_layers_zone_count(ctx, layers, &zones);
    pooled_layers_asset_count(ctx, layers, &assets);
    pooled_layers_working_crs(ctx, layers, &crs);
    printf("%lu zones, %lu facilities in %s\n", (unsigned long)zones, (unsigned long)assets, crs);

    if (pooled_network_load(ctx, layers, argv[3], POOLED_PROFILE_DRIVE, &network)) {
        status = report_error(ctx, "building the network");
        goto done;
    }
    pooled_network_size(ctx, network, &nodes, &edges);
    printf("road network: %lu nodes, %lu edges\n", (unsigned long)nodes, (unsigned long)edges);

    if (pooled_matrix_route(ctx, network, layers, POOLED_COST_SECONDS, cutoff_s, 0.0, show_progress, NULL, &matrix)) {
        status = report_error(ctx, "routing");
        goto done;
    }
    pooled_matrix_size(ctx, matrix, &zones, &assets, &stored);
    printf("%lu zone-facility pairs within %.0f minutes\n", (unsigned long)stored, cutoff_s / 60.0);

    /* Demand: each zone's population (size query, then fill). Supply: one per practice. */
    population = malloc(zones * sizeof *population);
    supply = malloc(assets * sizeof *supply);
    access = malloc(zones * sizeof *access);
    if ((zones && (!population || !access)) || (assets && !supply)) {
        fprintf(stderr, "out of memory\n");
        goto done;
    }
    if (pooled_layers_zone_population(ctx, layers, population, zones, &count)) {
        status = report_error(ctx, "reading the population");
        goto done;
    }
    for (i = 0; i < assets; ++i) {
        supply[i] = 1.0;
    }
    if (pooled_measure_compute(ctx, matrix, POOLED_MEASURE_2SFCA, population, zones, supply, assets, NULL, cutoff_s,
                               &measure) ||
        pooled_measure_values(ctx, measure, access, zones, &count)) {
        status = report_error(ctx, "2SFCA");
        goto done;
    }
    printf("%-10s %10s %28s\n", "zone", "residents", "practices per 10,000 (2SFCA)");
    for (i = 0; i < zones; ++i) {
        const char *id = NULL;
        pooled_layers_zone_id(ctx, layers, i, &id);
        printf("%-10s %10.0f %28.3f\n", id, population[i], access[i] * 10000.0);
    }
    status = 0;

done:
    free(population);
    free(supply);
    free(access);
    pooled_measure_destroy(ctx, measure);
    pooled_matrix_destroy(ctx, matrix);
    pooled_network_destroy(ctx, network);
    pooled_layers_destroy(ctx, layers);
    pooled_context_destroy(ctx);
    return status;
}
