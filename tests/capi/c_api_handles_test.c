/* Every function of pooled.h given a NULL or invalid handle (NULL, or a live handle of another
 * type) returns an error status, never crashes, and leaves output handles NULL. Plain C99,
 * built with -std=c99 -pedantic -Werror.
 * Usage: c_api_handles_test ZONES ASSETS  (e.g. the Rutland LSOAs and GP practices) */
#include <pooled/pooled.h>

#include <stdio.h>
#include <string.h>

static int failures = 0;

static void check(pooled_status got, pooled_status expected, const char *call, int line) {
    if (got != expected) {
        fprintf(stderr, "line %d: %s returned %s, expected %s\n", line, call, pooled_status_name(got),
                pooled_status_name(expected));
        ++failures;
    }
}

static void check_true(int condition, const char *what, int line) {
    if (!condition) {
        fprintf(stderr, "line %d: not true: %s\n", line, what);
        ++failures;
    }
}

#define EXPECT(call, expected) check((call), (expected), #call, __LINE__)
#define EXPECT_TRUE(condition) check_true((condition), #condition, __LINE__)
/* A call with a bad handle: an invalid-handle error. */
#define BAD(call) EXPECT(call, POOLED_ERR_INVALID_HANDLE)

/* The output-handle functions: with a bad handle the error, and *out set to NULL. */
#define BAD_MAKE(type, call_with_out)                                                                                \
    do {                                                                                                              \
        type *made = (type *)(void *)&made; /* any non-NULL value: the call must reset it */                         \
        BAD(call_with_out);                                                                                           \
        EXPECT_TRUE(made == NULL);                                                                                    \
    } while (0)

static int never_called(double fraction, const char *message, void *user_data) {
    (void)fraction;
    (void)message;
    *(int *)user_data += 1;
    return 1;
}

int main(int argc, char **argv) {
    pooled_context *ctx;
    pooled_layers *layers = NULL;
    pooled_matrix *matrix = NULL;
    pooled_context *not_ctx;
    pooled_layers *not_layers;
    pooled_network *not_network;
    pooled_matrix *not_matrix;
    pooled_catchments *not_catchments;
    pooled_measure *not_measure;
    pooled_segmentation *not_segmentation;
    pooled_solution *not_solution;
    size_t n = 0, m = 0, k = 0;
    double x = 0.0;
    double values[4];
    uint32_t sites[4];
    const char *s = NULL;
    int64_t fid = 0;
    int calls = 0;
    const double radius = 1000.0;
    const size_t ks[1] = {2};
    pooled_cost unit;
    pooled_solve_status solve_status;

    if (argc != 3) {
        fprintf(stderr, "usage: %s ZONES ASSETS\n", argv[0]);
        return 2;
    }
    ctx = pooled_context_create();
    if (ctx == NULL) {
        return 1;
    }
    /* Two live objects; each stands in as a handle of the wrong type for the others. */
    EXPECT(pooled_layers_open(ctx, argv[1], argv[2], NULL, NULL, NULL, POOLED_ON_INVALID_FAIL, NULL, NULL, &layers),
           POOLED_OK);
    EXPECT(pooled_matrix_straight_line(ctx, layers, 0.0, &matrix), POOLED_OK);
    if (layers == NULL || matrix == NULL) {
        fprintf(stderr, "cannot open the test layers: %s\n", pooled_context_error_message(ctx));
        return 1;
    }
    not_ctx = (pooled_context *)(void *)layers;
    not_layers = (pooled_layers *)(void *)matrix;
    not_network = (pooled_network *)(void *)layers;
    not_matrix = (pooled_matrix *)(void *)layers;
    not_catchments = (pooled_catchments *)(void *)layers;
    not_measure = (pooled_measure *)(void *)layers;
    not_segmentation = (pooled_segmentation *)(void *)layers;
    not_solution = (pooled_solution *)(void *)layers;

    /* Context: NULL or another handle. The getters answer "" / 0 rather than crash. */
    BAD(pooled_context_set_threads(NULL, 1));
    BAD(pooled_context_set_threads(not_ctx, 1));
    BAD(pooled_context_error_status(NULL));
    BAD(pooled_context_error_status(not_ctx));
    EXPECT_TRUE(strcmp(pooled_context_error_message(NULL), "") == 0);
    EXPECT_TRUE(strcmp(pooled_context_error_message(not_ctx), "") == 0);
    EXPECT_TRUE(strcmp(pooled_context_error_file(NULL), "") == 0);
    EXPECT_TRUE(strcmp(pooled_context_error_layer(not_ctx), "") == 0);
    EXPECT_TRUE(strcmp(pooled_context_error_field(NULL), "") == 0);
    EXPECT_TRUE(pooled_context_error_feature(NULL, &fid) == 0);
    EXPECT_TRUE(pooled_context_error_feature(not_ctx, &fid) == 0);
    pooled_context_destroy(NULL);
    pooled_context_destroy(not_ctx); /* not a context: ignored */
    EXPECT_TRUE(strcmp(pooled_status_name((pooled_status)12345), "unknown") == 0);

    /* Layers. */
    BAD_MAKE(pooled_layers, pooled_layers_open(NULL, argv[1], argv[2], NULL, NULL, NULL, POOLED_ON_INVALID_FAIL,
                                               never_called, &calls, &made));
    BAD_MAKE(pooled_layers, pooled_layers_open(not_ctx, argv[1], argv[2], NULL, NULL, NULL, POOLED_ON_INVALID_FAIL,
                                               never_called, &calls, &made));
    BAD(pooled_layers_destroy(NULL, layers)); /* refused: layers stay alive (used below) */
    BAD(pooled_layers_destroy(ctx, not_layers));
    BAD(pooled_layers_working_crs(NULL, layers, &s));
    BAD(pooled_layers_working_crs(ctx, NULL, &s));
    BAD(pooled_layers_working_crs(ctx, not_layers, &s));
    BAD(pooled_layers_zone_count(not_ctx, layers, &n));
    BAD(pooled_layers_zone_count(ctx, NULL, &n));
    BAD(pooled_layers_zone_count(ctx, not_layers, &n));
    BAD(pooled_layers_asset_count(NULL, layers, &n));
    BAD(pooled_layers_asset_count(ctx, not_layers, &n));
    BAD(pooled_layers_zone_id(NULL, layers, 0, &s));
    BAD(pooled_layers_zone_id(ctx, not_layers, 0, &s));
    BAD(pooled_layers_asset_id(not_ctx, layers, 0, &s));
    BAD(pooled_layers_asset_id(ctx, NULL, 0, &s));
    BAD(pooled_layers_skipped(NULL, layers, &n, &m));
    BAD(pooled_layers_skipped(ctx, not_layers, &n, &m));
    BAD(pooled_layers_zone_population(NULL, layers, values, 4, &n));
    BAD(pooled_layers_zone_population(ctx, not_layers, values, 4, &n));
    BAD(pooled_layers_asset_values(NULL, layers, "capacity", values, 4, &n));
    BAD(pooled_layers_asset_values(ctx, not_layers, "capacity", values, 4, &n));

    /* Network. */
    BAD_MAKE(pooled_network, pooled_network_load(NULL, layers, "roads.osm.pbf", POOLED_PROFILE_DRIVE, &made));
    BAD_MAKE(pooled_network, pooled_network_load(ctx, NULL, "roads.osm.pbf", POOLED_PROFILE_DRIVE, &made));
    BAD_MAKE(pooled_network, pooled_network_load(ctx, not_layers, "roads.osm.pbf", POOLED_PROFILE_DRIVE, &made));
    BAD(pooled_network_destroy(NULL, NULL));
    BAD(pooled_network_destroy(ctx, not_network));
    BAD(pooled_network_size(NULL, NULL, &n, &m));
    BAD(pooled_network_size(ctx, NULL, &n, &m));
    BAD(pooled_network_size(ctx, not_network, &n, &m));

    /* Matrices. */
    BAD_MAKE(pooled_matrix, pooled_matrix_route(NULL, NULL, layers, POOLED_COST_SECONDS, 0.0, 0.0, never_called,
                                                &calls, &made));
    BAD_MAKE(pooled_matrix, pooled_matrix_route(ctx, NULL, layers, POOLED_COST_SECONDS, 0.0, 0.0, never_called,
                                                &calls, &made));
    BAD_MAKE(pooled_matrix, pooled_matrix_route(ctx, not_network, layers, POOLED_COST_SECONDS, 0.0, 0.0,
                                                never_called, &calls, &made));
    BAD_MAKE(pooled_matrix, pooled_matrix_straight_line(NULL, layers, 0.0, &made));
    BAD_MAKE(pooled_matrix, pooled_matrix_straight_line(not_ctx, layers, 0.0, &made));
    BAD_MAKE(pooled_matrix, pooled_matrix_straight_line(ctx, NULL, 0.0, &made));
    BAD_MAKE(pooled_matrix, pooled_matrix_straight_line(ctx, not_layers, 0.0, &made));
    BAD(pooled_matrix_destroy(NULL, matrix)); /* refused: the matrix stays alive */
    BAD(pooled_matrix_destroy(ctx, not_matrix));
    BAD(pooled_matrix_size(NULL, matrix, &n, &m, &k));
    BAD(pooled_matrix_size(ctx, NULL, &n, &m, &k));
    BAD(pooled_matrix_size(ctx, not_matrix, &n, &m, &k));
    BAD(pooled_matrix_unit(not_ctx, matrix, &unit));
    BAD(pooled_matrix_unit(ctx, not_matrix, &unit));
    BAD(pooled_matrix_cost(NULL, matrix, 0, 0, &x));
    BAD(pooled_matrix_cost(ctx, NULL, 0, 0, &x));
    BAD(pooled_matrix_cost(ctx, not_matrix, 0, 0, &x));
    BAD(pooled_matrix_row(NULL, matrix, 0, sites, values, 4, &n));
    BAD(pooled_matrix_row(ctx, not_matrix, 0, sites, values, 4, &n));
    BAD(pooled_matrix_origin_id(NULL, matrix, 0, &s));
    BAD(pooled_matrix_origin_id(ctx, not_matrix, 0, &s));
    BAD(pooled_matrix_destination_id(not_ctx, matrix, 0, &s));
    BAD(pooled_matrix_destination_id(ctx, NULL, 0, &s));

    /* Catchments. */
    BAD_MAKE(pooled_catchments, pooled_catchments_buffer(NULL, layers, &radius, 1, never_called, &calls, &made));
    BAD_MAKE(pooled_catchments, pooled_catchments_buffer(ctx, NULL, &radius, 1, never_called, &calls, &made));
    BAD_MAKE(pooled_catchments, pooled_catchments_buffer(ctx, not_layers, &radius, 1, never_called, &calls, &made));
    BAD_MAKE(pooled_catchments, pooled_catchments_network(NULL, layers, NULL, &radius, 1, never_called, &calls, &made));
    BAD_MAKE(pooled_catchments, pooled_catchments_network(ctx, layers, NULL, &radius, 1, never_called, &calls, &made));
    BAD_MAKE(pooled_catchments,
             pooled_catchments_network(ctx, layers, not_network, &radius, 1, never_called, &calls, &made));
    BAD_MAKE(pooled_catchments,
             pooled_catchments_network(ctx, not_layers, not_network, &radius, 1, never_called, &calls, &made));
    BAD(pooled_catchments_destroy(NULL, NULL));
    BAD(pooled_catchments_destroy(ctx, not_catchments));
    BAD(pooled_catchments_count(NULL, NULL, &n));
    BAD(pooled_catchments_count(ctx, NULL, &n));
    BAD(pooled_catchments_count(ctx, not_catchments, &n));
    BAD(pooled_catchments_get(ctx, NULL, 0, &n, &x, &x, &x));
    BAD(pooled_catchments_get(ctx, not_catchments, 0, &n, &x, &x, &x));
    BAD(pooled_catchments_wkt(ctx, NULL, 0, &s));
    BAD(pooled_catchments_wkt(ctx, not_catchments, 0, &s));

    /* Measures. */
    values[0] = values[1] = values[2] = values[3] = 1.0;
    BAD_MAKE(pooled_measure, pooled_measure_compute(NULL, matrix, POOLED_MEASURE_2SFCA, values, 4, values, 4, NULL,
                                                    1000.0, &made));
    BAD_MAKE(pooled_measure, pooled_measure_compute(ctx, NULL, POOLED_MEASURE_2SFCA, values, 4, values, 4, NULL,
                                                    1000.0, &made));
    BAD_MAKE(pooled_measure, pooled_measure_compute(ctx, not_matrix, POOLED_MEASURE_GRAVITY, values, 4, values, 4,
                                                    "power:1", 0.0, &made));
    BAD(pooled_measure_destroy(NULL, NULL));
    BAD(pooled_measure_destroy(ctx, not_measure));
    BAD(pooled_measure_values(NULL, NULL, values, 4, &n));
    BAD(pooled_measure_values(ctx, NULL, values, 4, &n));
    BAD(pooled_measure_values(ctx, not_measure, values, 4, &n));
    BAD(pooled_measure_site_ratios(ctx, NULL, values, 4, &n));
    BAD(pooled_measure_site_ratios(ctx, not_measure, values, 4, &n));
    BAD(pooled_measure_unallocated_supply(ctx, NULL, &x));
    BAD(pooled_measure_unallocated_supply(ctx, not_measure, &x));

    /* Segmentation. */
    BAD_MAKE(pooled_segmentation, pooled_segmentation_run(NULL, layers, "spec.csv", ks, 1, 1, 42, never_called,
                                                          &calls, &made));
    BAD_MAKE(pooled_segmentation, pooled_segmentation_run(ctx, NULL, "spec.csv", ks, 1, 1, 42, never_called, &calls,
                                                          &made));
    BAD_MAKE(pooled_segmentation, pooled_segmentation_run(ctx, not_layers, "spec.csv", ks, 1, 1, 42, never_called,
                                                          &calls, &made));
    BAD(pooled_segmentation_destroy(NULL, NULL));
    BAD(pooled_segmentation_destroy(ctx, not_segmentation));
    BAD(pooled_segmentation_level_count(NULL, NULL, &n));
    BAD(pooled_segmentation_level_count(ctx, NULL, &n));
    BAD(pooled_segmentation_level_count(ctx, not_segmentation, &n));
    BAD(pooled_segmentation_segment_count(ctx, NULL, 1, &n));
    BAD(pooled_segmentation_segment_count(ctx, not_segmentation, 1, &n));
    BAD(pooled_segmentation_segment_code(ctx, NULL, 1, 0, &s));
    BAD(pooled_segmentation_segment_code(ctx, not_segmentation, 1, 0, &s));
    BAD(pooled_segmentation_within_ss(ctx, NULL, 1, &x));
    BAD(pooled_segmentation_within_ss(ctx, not_segmentation, 1, &x));
    BAD(pooled_segmentation_labels(ctx, NULL, 1, sites, 4, &n));
    BAD(pooled_segmentation_labels(ctx, not_segmentation, 1, sites, 4, &n));

    /* Location-allocation. */
    BAD_MAKE(pooled_solution, pooled_solve_pmedian(NULL, matrix, values, 4, 1, NULL, 0, 1, &made));
    BAD_MAKE(pooled_solution, pooled_solve_pmedian(ctx, NULL, values, 4, 1, NULL, 0, 1, &made));
    BAD_MAKE(pooled_solution, pooled_solve_pmedian(ctx, not_matrix, values, 4, 1, NULL, 0, 1, &made));
    BAD_MAKE(pooled_solution, pooled_solve_mclp(not_ctx, matrix, values, 4, 1, 1000.0, NULL, 0, 1, &made));
    BAD_MAKE(pooled_solution, pooled_solve_mclp(ctx, NULL, values, 4, 1, 1000.0, NULL, 0, 1, &made));
    BAD_MAKE(pooled_solution, pooled_solve_mclp(ctx, not_matrix, values, 4, 1, 1000.0, NULL, 0, 1, &made));
    BAD(pooled_solution_destroy(NULL, NULL));
    BAD(pooled_solution_destroy(ctx, not_solution));
    BAD(pooled_solution_result(NULL, NULL, &solve_status, &x, &x, &x));
    BAD(pooled_solution_result(ctx, NULL, &solve_status, &x, &x, &x));
    BAD(pooled_solution_result(ctx, not_solution, &solve_status, &x, &x, &x));
    BAD(pooled_solution_selected(ctx, NULL, sites, 4, &n));
    BAD(pooled_solution_selected(ctx, not_solution, sites, 4, &n));
    BAD(pooled_solution_assignment(ctx, NULL, sites, 4, &n));
    BAD(pooled_solution_assignment(ctx, not_solution, sites, 4, &n));
    /* Scenario files: no handle but the context. */
    BAD(pooled_scenario_check(NULL, argv[1]));
    BAD(pooled_scenario_check(not_ctx, argv[1]));
    BAD(pooled_scenario_run(NULL, argv[1], NULL, never_called, &calls));
    BAD(pooled_scenario_run(not_ctx, argv[1], NULL, never_called, &calls));

    /* Memory that was never a handle (zeroed, as a destroyed handle's tag is) is refused too. */
    {
        uint64_t zeros[8] = {0};
        BAD(pooled_matrix_size(ctx, (pooled_matrix *)(void *)zeros, &n, &m, &k));
        BAD(pooled_layers_zone_count((pooled_context *)(void *)zeros, layers, &n));
        BAD(pooled_solution_destroy(ctx, (pooled_solution *)(void *)zeros));
    }

    /* The last call's error is readable from the context, and no callback ran. */
    EXPECT(pooled_context_error_status(ctx), POOLED_ERR_INVALID_HANDLE);
    EXPECT_TRUE(strstr(pooled_context_error_message(ctx), "pooled_solution") != NULL);
    EXPECT_TRUE(calls == 0);

    /* Enum values that name nothing (any int is a valid C enum value): an argument error. */
    {
        pooled_layers *made = NULL;
        pooled_network *network = NULL;
        pooled_measure *measure = NULL;
        EXPECT(pooled_layers_open(ctx, argv[1], NULL, NULL, NULL, NULL, (pooled_on_invalid)7, NULL, NULL, &made),
               POOLED_ERR_ARGUMENT);
        EXPECT_TRUE(strcmp(pooled_context_error_message(ctx), "unknown pooled_on_invalid value 7") == 0);
        EXPECT(pooled_network_load(ctx, layers, "roads.osm.pbf", (pooled_profile)-1, &network), POOLED_ERR_ARGUMENT);
        EXPECT_TRUE(strcmp(pooled_context_error_message(ctx), "unknown pooled_profile value -1") == 0);
        EXPECT(pooled_measure_compute(ctx, matrix, (pooled_measure_kind)42, NULL, 0, NULL, 0, NULL, 100.0, &measure),
               POOLED_ERR_ARGUMENT);
        EXPECT_TRUE(strcmp(pooled_context_error_message(ctx), "unknown pooled_measure_kind value 42") == 0);
        EXPECT_TRUE(strcmp(pooled_status_name((pooled_status)-5), "unknown") == 0);
        EXPECT_TRUE(made == NULL && network == NULL && measure == NULL);
    }

    /* A NULL output pointer is the caller's mistake, not a crash. */
    EXPECT(pooled_layers_zone_count(ctx, layers, NULL), POOLED_ERR_ARGUMENT);
    EXPECT(pooled_matrix_straight_line(ctx, layers, 0.0, NULL), POOLED_ERR_ARGUMENT);
    EXPECT(pooled_matrix_origin_id(ctx, matrix, 0, NULL), POOLED_ERR_ARGUMENT);
    /* A NULL scenario path is an argument error, and runs nothing. */
    EXPECT(pooled_scenario_check(ctx, NULL), POOLED_ERR_ARGUMENT);
    EXPECT(pooled_scenario_run(ctx, NULL, NULL, never_called, &calls), POOLED_ERR_ARGUMENT);
    EXPECT_TRUE(strcmp(pooled_context_error_message(ctx), "'scenario_path' is NULL") == 0);
    EXPECT_TRUE(calls == 0);
    /* Destroying NULL is a no-op, as free(NULL). */
    EXPECT(pooled_matrix_destroy(ctx, NULL), POOLED_OK);
    EXPECT(pooled_context_error_status(ctx), POOLED_OK);
    EXPECT_TRUE(strcmp(pooled_context_error_message(ctx), "") == 0);

    /* The objects refused above are intact and free normally. */
    EXPECT(pooled_matrix_size(ctx, matrix, &n, &m, &k), POOLED_OK);
    EXPECT(pooled_matrix_destroy(ctx, matrix), POOLED_OK);
    EXPECT(pooled_layers_destroy(ctx, layers), POOLED_OK);
    pooled_context_destroy(ctx);
    if (failures == 0) {
        printf("all calls with bad handles returned errors\n");
    }
    return failures == 0 ? 0 : 1;
}
